import { expect, test } from '@playwright/test';
import { ALIAS, createUser, failOnPageErrors, signInAsRoot, signOut, snap } from './support';

// The audit log: root's own change is there as allowed; an IAM user with no permissions is refused the users page,
// and root finds that denial by filtering on the outcome, the action, the principal and the day.
// Sorts before root-account.spec.ts, so it runs in the *-mfa projects, after the account is set up.
test.describe.configure({ mode: 'serial' });
failOnPageErrors();

const AUDRA_PASSWORD = 'Audit-Trail-2026!';
const AUDRA_ARN = /^arn:aws:iam::\d{12}:user\/audit\/audra$/;

/** Today and tomorrow as `YYYY-MM-DD` in UTC, what the date filters take. */
function day(offset: number) {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

test('root finds its own change in the audit log, allowed', async ({ page }, info) => {
  await signInAsRoot(page);
  await createUser(page, 'audra', '/audit/', AUDRA_PASSWORD);

  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  await expect(page.getByText('Coming here')).toHaveCount(0);
  await expect(page.locator('#audit-table')).toBeVisible();
  await snap(page, info, '60-audit-all');

  await page.getByLabel('Action').fill('iam:CreateUser');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/\/audit\?.*action=iam%3ACreateUser/);
  const created = page.locator('#audit-table').getByRole('row', { name: /user\/audit\/audra/ });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText('iam:CreateUser');
  await expect(created.locator('.outcome')).toHaveText('Allowed');
  await expect(created).toContainText('console');
  // Every row is the filtered action.
  const actions = await page.locator('#audit-table tbody tr td:nth-child(3)').allTextContents();
  expect(actions.length).toBeGreaterThan(0);
  expect(actions.every((a) => a === 'iam:CreateUser')).toBe(true);
  await expect(page.getByLabel('Action')).toHaveValue('iam:CreateUser');
  await snap(page, info, '61-audit-create-user');

  // A filter the service refuses says why; clearing the filters shows everything again.
  await page.goto('/audit?outcome=maybe');
  await expect(page.getByRole('alert')).toContainText('must be one of');
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.locator('#audit-table')).toBeVisible();
});

test("an IAM user's refusal shows in the audit log as a denial", async ({ page }, info) => {
  // audra has a password and no policies: the users page is refused, and the refusal is audited.
  await page.goto(`/signin/${ALIAS}`);
  await page.getByLabel('User name').fill('audra');
  await page.getByLabel('Password', { exact: true }).fill(AUDRA_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await page.goto('/users');
  await expect(page.getByRole('alert').first()).toContainText('Access denied');
  // Nor may she read the audit log (`cloudtrail:LookupEvents`).
  await page.goto('/audit');
  await expect(page.getByRole('alert')).toContainText('Access denied');
  await signOut(page);

  await signInAsRoot(page);
  await page.goto('/audit');
  await page.getByLabel('Outcome').selectOption('denied');
  await page.getByLabel('Action').fill('iam:ListUsers');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/outcome=denied/);
  await expect(page.getByLabel('Outcome')).toHaveValue('denied');
  const table = page.locator('#audit-table');
  const denial = table.getByRole('row', { name: /user\/audit\/audra/ }).first();
  await expect(denial).toBeVisible();
  await expect(denial.locator('.outcome')).toHaveText('Denied');
  await expect(denial).toContainText('AccessDenied');
  await expect(denial).toContainText('iam:ListUsers');
  await expect(table.locator('.outcome', { hasText: 'Allowed' })).toHaveCount(0);
  await snap(page, info, '62-audit-denied');

  // The principal's ARN narrows the log to her; today's range keeps the denial, tomorrow's has nothing.
  await denial.getByRole('link').click();
  await expect(page).toHaveURL(/\/audit\?principal=arn/);
  await expect(page.getByLabel('Principal ARN')).toHaveValue(AUDRA_ARN);
  const principals = await table.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(principals.length).toBeGreaterThan(0);
  expect(principals.every((p) => AUDRA_ARN.test(p.trim()))).toBe(true);
  await expect(table.locator('.outcome', { hasText: 'Denied' }).first()).toBeVisible();

  await page.getByLabel('From (UTC)').fill(day(0));
  await page.getByLabel('To (UTC)').fill(day(0));
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${day(0)}&to=${day(0)}`));
  await expect(table.locator('.outcome', { hasText: 'Denied' }).first()).toBeVisible();
  await snap(page, info, '63-audit-principal-today');

  await page.getByLabel('From (UTC)').fill(day(1));
  await page.getByLabel('To (UTC)').fill(day(1));
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No events match these filters.')).toBeVisible();
  await expect(page.getByLabel('Principal ARN')).toHaveValue(AUDRA_ARN);
  await snap(page, info, '64-audit-empty');
});
