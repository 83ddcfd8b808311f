import { expect, test } from '@playwright/test';
import { ALIAS, createUser, failOnPageErrors, signInAsRoot, signOut, snap } from './support';

// The dashboard shows what needs attention, each figure linking to where to fix it, and 30 days of activity from the
// audit log as a server-rendered SVG chart (with the numbers in a table for screen readers). An IAM user without
// iam:GetAccountSummary is refused the overview (and that refusal is itself a denial root then sees).
// Runs in the *-mfa projects (after root-account.spec.ts set the account up, before mfa.spec.ts enables root MFA).
test.describe.configure({ mode: 'serial' });
failOnPageErrors();

// Digits sort before letters, so the user is among the first few names the card lists.
const USER = '0-dana';
const PASSWORD = 'Dash-Board-2026!';

test('an IAM user without iam:GetAccountSummary is refused the overview, not the page', async ({ page }) => {
  await signInAsRoot(page);
  await createUser(page, USER, '/dash/', PASSWORD);
  await signOut(page);

  await page.goto(`/signin/${ALIAS}`);
  await page.getByLabel('User name').fill(USER);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('#account-id')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('iam:GetAccountSummary');
  await expect(page.locator('#root-mfa')).toHaveCount(0);
  await signOut(page);
});

test('root sees the recommendations with links to fix them, and the activity chart', async ({ page }, info) => {
  await signInAsRoot(page);
  await page.goto('/');

  const root = page.locator('#root-mfa');
  await expect(root).toContainText('Root MFA: off');
  await expect(root.getByRole('link', { name: 'Set up MFA for root' })).toHaveAttribute('href', '/mfa');

  const noMfa = page.locator('#users-without-mfa');
  await expect(noMfa.getByRole('heading', { name: 'Users without MFA' })).toBeVisible();
  await expect(noMfa.getByRole('link', { name: USER, exact: true })).toHaveAttribute('href', `/users/${USER}`);

  const paths = page.locator('#users-per-path');
  await expect(paths.getByRole('link', { name: '/dash/' })).toHaveAttribute('href', '/users?prefix=/dash/');
  await expect(page.locator('#old-keys')).toBeVisible();
  await expect(page.locator('#unused-keys')).toBeVisible();

  // The chart: an accessible SVG image, and the same numbers as a table for screen readers.
  const activity = page.locator('#activity');
  const chart = activity.locator('svg[role="img"]');
  await expect(chart).toBeVisible();
  await expect(chart.locator('title')).toHaveText(/^Daily sign-ins, API calls and denials from \d{4}-\d\d-\d\d to/);
  await expect(chart.locator('polyline')).toHaveCount(3);
  await expect(activity.locator('table tbody tr')).toHaveCount(30);
  // The user's refusals in the first test are today's denials.
  const denials = Number(await page.locator('#total-denials').textContent());
  const apiCalls = Number(await page.locator('#total-api-calls').textContent());
  expect(denials).toBeGreaterThan(0);
  expect(denials + apiCalls).toBeGreaterThan(0);
  await snap(page, info, '70-dashboard');

  await activity.getByRole('link', { name: 'see who was refused' }).click();
  await expect(page).toHaveURL(/\/audit\?outcome=denied$/);
  await expect(page.locator('#audit-table .outcome', { hasText: 'Denied' }).first()).toBeVisible();

  await page.goto('/');
  await page.locator('#users-without-mfa').getByRole('link', { name: USER, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/users/${USER}$`));
  await expect(page.getByRole('heading', { name: USER, level: 1 })).toBeVisible();
});
