import { expect, test, type Page, type TestInfo } from '@playwright/test';

// What every spec shares: the account it signs in to, screenshots, the project's mode, and the rule that a hydrated
// page logs no errors.

export const EMAIL = 'root@example.com';
export const PASSWORD = 'Correct-Horse-9';
export const ALIAS = 'e2e-company';

/** A full-page screenshot in the test's output folder (end2end/test-results/…): look at them. */
export async function snap(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

/** Whether the project runs with JavaScript (the islands hydrated) rather than without any. */
export function isHydrated(info: TestInfo) {
  return info.project.use.javaScriptEnabled !== false;
}

/**
 * A hydrated page must not log errors (a missing file, a panic, a hydration mismatch, a 500). A refused request
 * (4xx, e.g. 401 for a wrong password) is the expected answer, which Chromium also logs. Call at the top of a spec.
 */
export function failOnPageErrors() {
  failOnCspViolations();
  test.beforeEach(async ({ page }, info) => {
    if (!isHydrated(info)) return;
    page.on('console', (message) => {
      const refused = /status of 4\d\d/.test(message.text());
      if (message.type() === 'error' && !refused) throw new Error(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => {
      throw error;
    });
  });
}

/**
 * Nothing on a page may break the Content-Security-Policy the server sends (a script without the response's nonce,
 * an inline style, a request to another origin): in both projects, Chromium's console reports of a refused resource
 * and, with JavaScript on, every `securitypolicyviolation` event fail the test after it ran.
 */
export function failOnCspViolations() {
  const violations: string[] = [];
  test.beforeEach(async ({ page }, info) => {
    violations.length = 0;
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    if (isHydrated(info)) {
      await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
          report(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
        });
      });
    }
  });
  test.afterEach(async () => {
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  });
}

/** Signs root in: through the first-run set-up on a fresh server, by the sign-in form otherwise. */
export async function signInAsRoot(page: Page) {
  await page.goto('/');
  if (/\/setup$/.test(page.url())) {
    await page.getByLabel('Account alias').fill(ALIAS);
    await page.getByLabel('Root email').fill(EMAIL);
    await page.getByLabel('Root password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
  } else if (/\/signin$/.test(page.url())) {
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
}

/** Root (signed in) creates a user through the /users form. */
export async function createUser(page: Page, name: string, path: string, password?: string, requireReset = false) {
  await page.goto('/users');
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Path', { exact: true }).fill(path);
  if (password) await page.getByLabel('Console password (optional)').fill(password);
  if (requireReset) await page.getByLabel('Require a new password at first sign-in').check();
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('status')).toContainText(`User ${name} was created.`);
}

/**
 * Root (signed in) makes sure a user exists, through the console's own server function: for specs that share a
 * user with an earlier spec on the same server (the seed's backup), and still run alone.
 */
export async function ensureUser(page: Page, name: string, path: string) {
  const response = await page.request.post('/api/create_user', { form: { user_name: name, path } });
  const body = await response.text();
  expect(response.ok() || body.includes('EntityAlreadyExists'), body).toBe(true);
}
