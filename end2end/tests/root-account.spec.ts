import { expect, test, type Page } from '@playwright/test';
import { ALIAS, EMAIL, PASSWORD, failOnPageErrors, isHydrated, snap } from './support';

// The first run of a fresh server, in order: set-up, dashboard, sign-out, a wrong password, sign-in.
// Each project (hydrated, no-js) runs against its own fresh server.
test.describe.configure({ mode: 'serial' });
failOnPageErrors();

async function signIn(page: Page) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

test('a fresh install leads to set-up, which creates the account and signs root in', async ({ page }, info) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Set up your account' })).toBeVisible();
  await snap(page, info, '01-setup');

  await page.getByLabel('Account alias').fill(ALIAS);
  await page.getByLabel('Root email').fill(EMAIL);
  await page.getByLabel('Root password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('#account-id')).toHaveText(/^\d{12}$/);
  await expect(page.locator('#account-alias')).toHaveText(ALIAS);
  await expect(page.locator('#sign-in-url')).toContainText(`/signin/${ALIAS}`);
  await snap(page, info, '02-dashboard');
});

test('the set-up page is gone once the account exists', async ({ page }) => {
  await page.goto('/setup');
  await expect(page.getByRole('heading', { name: 'Set up your account' })).toHaveCount(0);
});

test('sections not built yet say what is coming', async ({ page }, info) => {
  await signIn(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Access keys' }).click();
  await expect(page.getByRole('heading', { name: 'Access keys', level: 1 })).toBeVisible();
  await expect(page.getByText('Coming here')).toBeVisible();
  await snap(page, info, '03-access-keys-coming');
});

test('root signs out', async ({ page }, info) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('heading', { name: 'Sign in as root' })).toBeVisible();
  await snap(page, info, '04-signed-out');
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin$/);
});

test('a wrong password is refused with a message that reveals nothing', async ({ page }, info) => {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password', { exact: true }).fill('Wrong-Horse-9');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('the email or password is incorrect');
  await expect(page.getByRole('heading', { name: 'Sign in as root' })).toBeVisible();
  await snap(page, info, '05-wrong-password');
});

test('root signs in', async ({ page }, info) => {
  await signIn(page);
  await expect(page.locator('#account-alias')).toHaveText(ALIAS);
  await snap(page, info, '06-signed-in');
});

test('the show-password toggle works only once the page has hydrated', async ({ page }, info) => {
  await page.goto('/signin');
  const password = page.getByLabel('Password', { exact: true });
  const toggle = page.getByRole('button', { name: 'Show' });
  await password.fill('visible-now');
  if (isHydrated(info)) {
    await expect(toggle).toBeEnabled();
    await toggle.click();
    await expect(password).toHaveAttribute('type', 'text');
    await expect(page.getByRole('button', { name: 'Hide' })).toHaveAttribute('aria-pressed', 'true');
  } else {
    // Without WASM nothing can run it, so it stays disabled rather than pretending to work.
    await expect(toggle).toBeDisabled();
    await expect(password).toHaveAttribute('type', 'password');
  }
  await snap(page, info, '07-password-toggle');
});
