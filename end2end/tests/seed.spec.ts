import { expect, test, type Page } from '@playwright/test';
import { ALIAS, failOnPageErrors, isHydrated, signInAsRoot, signOut, snap } from './support';
import { assignDevice, currentStep, enterEnableCodes, mfaPanel, totp } from './totp';

// The seed, walked in the browser as one story: root creates group `admins` with `iam:*` on `user/app/*`, then jeff
// in /family/ in one form (a console password, the group, an access key whose secret shows once with a CSV
// download), and gives him the self-service template (MFA required). jeff signs in, enrolls MFA (codes computed
// here from the shown secret), signs in again with MFA, creates backup and syndic8 in /app/, is refused creating a
// user in /family/, and sees the buttons he may not use disabled with the permission they need. Root then finds the refusal in the audit log
// and, on jeff's page, where his permissions come from and what he did lately.
// Needs the account set up, so it runs in the *-mfa projects (playwright.config.ts).
test.describe.configure({ mode: 'serial' });
failOnPageErrors();

const JEFF_PASSWORD = 'Jeffs-Seed-Pass-42';
let accountId = '';

const editor = (page: Page) => page.getByLabel('Policy document');

async function signInAsJeff(page: Page) {
  await page.goto(`/signin/${ALIAS}`);
  await page.getByLabel('User name').fill('jeff');
  await page.getByLabel('Password', { exact: true }).fill(JEFF_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('root creates group admins over /app/, then jeff in one flow: password, group and a key', async ({
  page,
}, info) => {
  await signInAsRoot(page);
  // Group admins: iam:* on the users under /app/.
  await page.goto('/groups');
  await page.getByLabel('Group name').fill('admins');
  await page.getByLabel('Path', { exact: true }).fill('/');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('status')).toContainText('Group admins was created.');
  await page.goto('/groups/admins');
  accountId = ((await page.locator('#group-arn').textContent()) ?? '').split(':')[4];
  expect(accountId).toMatch(/^\d{12}$/);
  await page.getByRole('link', { name: 'Add inline policy' }).click();
  await page.getByLabel('Policy name').fill('manage-app');
  await editor(page).fill(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: `arn:aws:iam::${accountId}:user/app/*` }],
    }),
  );
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page).toHaveURL(/\/groups\/admins$/);
  await expect(page.getByRole('link', { name: 'manage-app' })).toBeVisible();

  // jeff in /family/, in one form: a console password, the group, and an access key.
  await page.goto('/users');
  await page.getByLabel('User name').fill('jeff');
  await page.getByLabel('Path', { exact: true }).fill('/family/');
  await page.getByLabel('Console password (optional)').fill(JEFF_PASSWORD);
  await page.getByLabel('Groups (optional)').fill('admins');
  await page.getByLabel('Create an access key').check();
  await snap(page, info, 'A0-seed-create-jeff');
  await page.getByRole('button', { name: 'Create user' }).click();
  // On his page: the key's secret, once, with a CSV; he is in admins and has a password.
  await expect(page).toHaveURL(/\/users\/jeff$/);
  await expect(page.locator('#new-secret-access-key')).toHaveText(/^[A-Za-z0-9+/]{40}$/);
  const keyId = ((await page.locator('#new-access-key-id').textContent()) ?? '').trim();
  await expect(page.getByRole('link', { name: 'Download .csv file' })).toHaveAttribute('download', 'jeff_accessKeys.csv');
  await expect(page.getByRole('region', { name: 'Groups' })).toContainText('admins');
  await expect(page.getByRole('button', { name: 'Remove console password' })).toBeVisible();
  await snap(page, info, 'A1-seed-jeff-key');
  await page.reload();
  await expect(page.locator('#new-secret-access-key')).toHaveCount(0);
  await expect(page.getByRole('cell', { name: keyId })).toBeVisible();

  // An invalid group name refuses the whole form before anything is created.
  await page.goto('/users');
  await page.getByLabel('User name').fill('ghost');
  await page.getByLabel('Groups (optional)').fill('bad/name');
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.locator('#create-user-form').getByRole('alert')).toContainText('bad/name');
  await page.goto('/users/ghost');
  await expect(page.getByRole('alert').first()).toContainText('cannot be found');

  // Managing his own credentials, and nothing else until he has signed in with MFA: the template, as written.
  await page.goto('/users/jeff');
  await page.getByRole('link', { name: 'Add inline policy' }).click();
  await page.getByRole('navigation', { name: 'Templates' }).getByRole('link', { name: 'Self-service, MFA required' }).click();
  await expect(editor(page)).toHaveValue(/DenyAllElseWithoutMfa/);
  await page.getByLabel('Policy name').fill('self-service');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page).toHaveURL(/\/users\/jeff$/);
  await expect(page.locator('#user-policies').getByRole('link', { name: 'self-service' })).toBeVisible();
  await snap(page, info, 'A2-seed-jeff-ready');
});

test('jeff enrolls MFA, signs in with it, manages /app/ and is refused /family/', async ({ page }, info) => {
  await signInAsJeff(page);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  // Without MFA the self-service policy denies everything but enrolling: /app/ is closed for now.
  await page.goto('/users?prefix=/app/');
  await expect(page.getByRole('alert').first()).toContainText('explicit deny');

  await page.goto('/mfa');
  const secret = await assignDevice(page, 'jeff');
  await snap(page, info, 'A3-seed-jeff-mfa-qr');
  const step = currentStep();
  await enterEnableCodes(page, totp(secret, step - 2), totp(secret, step - 1));
  await expect(mfaPanel(page).getByRole('status')).toContainText('The MFA device is enabled');
  await signOut(page);

  await signInAsJeff(page);
  await expect(page).toHaveURL(/\/signin\/\d{12}\/mfa$/);
  await page.getByLabel('MFA code').fill(totp(secret, currentStep()));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('.who')).toHaveText('jeff');

  // /app/ is his: the form starts there, and both users are created.
  await page.goto('/users?prefix=/app/');
  for (const name of ['backup', 'syndic8']) {
    await expect(page.getByLabel('Path', { exact: true })).toHaveValue('/app/');
    await page.getByLabel('User name').fill(name);
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByRole('status')).toContainText(`User ${name} was created.`);
  }
  for (const name of ['backup', 'syndic8']) {
    await expect(page.locator('#users-table').getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.locator('.missing-permission')).toHaveCount(0);
  await snap(page, info, 'A4-seed-jeff-created-app-users');

  // A user in /family/ typed in the same form. Hydrated, the form answers as the path is typed: the button is
  // disabled with the permission it needs. The server refuses it anyway, in AWS's words, and nothing is created
  // (hydrated, the form is submitted past the disabled button: the console's check is a courtesy, not the lock).
  await page.getByLabel('User name').fill('intruder');
  await page.getByLabel('Path', { exact: true }).fill('/family/');
  if (isHydrated(info)) {
    await expect(page.getByRole('button', { name: 'Create user' })).toBeDisabled();
    await expect(page.locator('#create-user-form .missing-permission')).toHaveText(
      `You need iam:CreateUser on arn:aws:iam::${accountId}:user/family/*.`,
    );
    await snap(page, info, 'A5-seed-jeff-typed-family');
    await page.locator('#create-user-form').evaluate((form: HTMLFormElement) => form.requestSubmit());
  } else {
    await page.getByRole('button', { name: 'Create user' }).click();
  }
  await expect(page.locator('#create-user-form').getByRole('alert')).toContainText(
    `is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${accountId}:user/family/intruder`,
  );
  await snap(page, info, 'A5-seed-jeff-refused-family');
  if (isHydrated(info)) {
    // Back to a path he may use: the button comes back.
    await page.getByLabel('Path', { exact: true }).fill('/app/');
    await expect(page.getByRole('button', { name: 'Create user' })).toBeEnabled();
    await expect(page.locator('.missing-permission')).toHaveCount(0);
  }

  // In /family/ the page says so before he tries: the list is refused and the form disabled, naming the permission.
  await page.goto('/users?prefix=/family/');
  await expect(page.getByRole('button', { name: 'Create user' })).toBeDisabled();
  await expect(page.locator('.missing-permission')).toHaveText(
    `You need iam:CreateUser on arn:aws:iam::${accountId}:user/family/*.`,
  );
  await snap(page, info, 'A6-seed-jeff-family-disabled');

  // On a user of /app/ everything is open; on his own page (in /family/) only what self-service allows.
  await page.goto('/users/backup');
  await expect(page.getByRole('button', { name: 'Delete user' })).toBeEnabled();
  await expect(page.locator('.missing-permission')).toHaveCount(0);
  await page.goto('/users/jeff');
  await expect(page.getByRole('button', { name: 'Create access key' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Delete user' })).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Delete user' })).toContainText(
    `You need iam:DeleteUser on arn:aws:iam::${accountId}:user/family/jeff.`,
  );
  await expect(page.getByRole('button', { name: 'Save name and path' })).toBeDisabled();
  await snap(page, info, 'A7-seed-jeff-own-page');
  await signOut(page);
});

test("root finds jeff's refusal in the audit log", async ({ page }, info) => {
  await signInAsRoot(page);
  await page.goto('/audit');
  await page.getByLabel('Outcome').selectOption('denied');
  await page.getByLabel('Action').fill('iam:CreateUser');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/outcome=denied/);
  const denial = page.locator('#audit-table').getByRole('row', { name: /user\/family\/jeff/ }).first();
  await expect(denial).toBeVisible();
  await expect(denial).toContainText('AccessDenied');
  await expect(denial).toContainText(`arn:aws:iam::${accountId}:user/family/intruder`);
  await snap(page, info, 'A8-seed-audit-refusal');

  // Where jeff's permissions come from, by service: the deny without MFA first, then what the group grants.
  await page.goto('/users/jeff');
  const effective = page.getByRole('region', { name: 'Effective permissions' });
  const all = effective.getByRole('table', { name: 'All services' });
  await expect(all.getByRole('row').nth(1)).toContainText('Deny');
  await expect(all).toContainText('inline policy self-service');
  await expect(all).toContainText('DenyAllElseWithoutMfa');
  await expect(all).toContainText('BoolIfExists aws:MultiFactorAuthPresent: false');
  const iamTable = effective.getByRole('table', { name: 'iam actions' });
  await expect(iamTable.getByRole('row', { name: /manage-app/ })).toContainText(`arn:aws:iam::${accountId}:user/app/*`);
  await expect(iamTable.getByRole('link', { name: 'inline policy manage-app of group admins' })).toHaveAttribute(
    'href',
    '/groups/admins/inline-policy?name=manage-app',
  );
  await snap(page, info, 'A9-seed-effective-permissions');

  // And what he did lately (his last visit to his own page was refused several reads), with a link to all of it.
  const activity = page.getByRole('region', { name: 'Recent activity' });
  await expect(activity.getByRole('row', { name: /user\/family\/jeff .*Denied/ }).first()).toBeVisible();
  await activity.getByRole('link', { name: "All of this user's events" }).click();
  await expect(page).toHaveURL(/\/audit\?principal=arn/);
  await expect(page.getByLabel('Principal ARN')).toHaveValue(`arn:aws:iam::${accountId}:user/family/jeff`);
  const events = page.locator('#audit-table');
  await expect(events.getByRole('row', { name: /iam:CreateUser.*user\/family\/intruder/ })).toContainText('Denied');
  await expect(events.getByRole('row', { name: /iam:CreateUser.*user\/app\/syndic8/ })).toContainText('Allowed');
});
