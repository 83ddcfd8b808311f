import { expect, test } from '@playwright/test';
import { createUser, failOnPageErrors, signInAsRoot, snap } from './support';

// "Who can do this?": root puts wanda (/app/) and walt (/family/) in a group allowed iam:* on users under /app/, then
// asks who may create a user there (both, through the group) and elsewhere (neither), and sees a malformed action
// refused. A GET form: the same with JavaScript off. Runs in the *-mfa projects, after the account is set up.
test.describe.configure({ mode: 'serial' });
failOnPageErrors();

const MANAGE_APP_USERS = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ManageAppUsers",
      "Effect": "Allow",
      "Action": "iam:*",
      "Resource": "arn:aws:iam::*:user/app/*"
    }
  ]
}`;

test('every user and group allowed, and the statement that allows it', async ({ page }, info) => {
  await signInAsRoot(page);
  await createUser(page, 'wanda', '/app/');
  await createUser(page, 'walt', '/family/');
  // Set up through the console's own server functions, posted directly (the group pages have their own spec).
  for (const [fn, form] of [
    ['create_group', { group_name: 'app-admins', path: '/' }],
    ['add_group_members', { group_name: 'app-admins', user_names: 'wanda, walt' }],
    ['save_inline_policy', { owner: 'group', owner_name: 'app-admins', policy_name: 'app', document: MANAGE_APP_USERS }],
  ] as const) {
    const response = await page.request.post(`/api/${fn}`, { form });
    expect(response.ok(), await response.text()).toBe(true);
  }

  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Who can?' }).click();
  await expect(page.getByRole('heading', { name: 'Who can do this?', level: 1 })).toBeVisible();
  await page.getByLabel('Action').fill('iam:CreateUser');
  await page.getByLabel('Resource').fill('arn:aws:iam::111122223333:user/app/new');
  await page.getByRole('button', { name: 'Ask' }).click();
  await expect(page).toHaveURL(/\/who-can\?action=iam%3ACreateUser&resource=arn%3Aaws%3Aiam/);
  const users = page.locator('#who-can-users');
  await expect(users.getByRole('row', { name: /wanda/ })).toContainText(
    'inline policy app of group app-admins (Sid ManageAppUsers), lines 4–9',
  );
  await expect(users.getByRole('row', { name: /walt/ })).toBeVisible();
  await expect(page.locator('#who-can-groups').getByRole('link', { name: 'app-admins' })).toBeVisible();
  await expect(page.locator('#who-can-summary')).toContainText('may perform iam:CreateUser on');
  await snap(page, info, '90-who-can');

  // Outside /app/ the group grants nothing.
  await page.goto('/who-can?action=iam:CreateUser&resource=arn:aws:iam::111122223333:user/family/new');
  await expect(page.locator('#who-can-users').getByRole('row', { name: /wanda|walt/ })).toHaveCount(0);
  await expect(page.locator('#who-can-groups').getByRole('link', { name: 'app-admins' })).toHaveCount(0);

  // A malformed action is refused in AWS's terms.
  await page.goto('/who-can?action=CreateUser&resource=');
  await expect(page.getByRole('alert')).toContainText('must look like `service:Action`');
});
