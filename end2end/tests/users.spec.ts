import { expect, test, type Page } from '@playwright/test';
import { ALIAS, createUser, failOnPageErrors, isHydrated, signInAsRoot, signOut, snap } from './support';

// Users: root creates frank in /family/ and finds him in the path tree and the table; an access key's secret is
// shown once; IAM users sign in at the account's address (with a forced password change when required).
// Deleting a user shows what goes with them first.
// Runs after root-account.spec.ts on the same server (which sets the account up), but sets it up itself if alone.
test.describe.configure({ mode: 'serial' });
failOnPageErrors();

const FRANK_PASSWORD = 'Franks-Secret-42';
const CAROL_FIRST = 'Carols-First-42';
const CAROL_NEW = 'Carols-Second-43';

test('root creates frank in /family/ and sees him in the tree and the table', async ({ page }, info) => {
  await signInAsRoot(page);
  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  await expect(page.getByText('Coming here')).toHaveCount(0);
  await snap(page, info, '10-users-empty');

  await createUser(page, 'frank', '/family/');
  await expect(page).toHaveURL(/\/users\?prefix=\/family\/&created=frank$/);
  const table = page.locator('#users-table');
  await expect(table.getByRole('row', { name: /frank/ })).toContainText('/family/');
  const tree = page.getByRole('navigation', { name: 'Paths' });
  await expect(tree.getByRole('link', { name: 'family/' })).toBeVisible();
  await snap(page, info, '11-users-frank-created');

  // The whole account: frank is in the table, and /family/ in the tree counts him.
  await page.goto('/users');
  await expect(page.locator('#users-table').getByRole('link', { name: 'frank' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Paths' }).getByTitle('1 user in /family/')).toHaveText('1');

  // The tree's link filters the table by that path.
  await page.getByRole('navigation', { name: 'Paths' }).getByRole('link', { name: 'family/' }).click();
  await expect(page).toHaveURL(/prefix=\/family\/$/);
  await expect(page.getByLabel('Path prefix')).toHaveValue('/family/');
  await expect(page.locator('#users-table').getByRole('link', { name: 'frank' })).toBeVisible();
  await snap(page, info, '12-users-tree-filter');

  // The filter form narrows the table; a prefix with no users says so.
  await page.getByLabel('Path prefix').fill('/nobody/');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No users here yet.')).toBeVisible();

  // Search by the start of the name, any case, within the path prefix; the address keeps both.
  await page.getByLabel('Path prefix').fill('/');
  await page.getByLabel('Name starts with').fill('FR');
  await page.getByRole('button', { name: 'Filter' }).click();
  // Hydrated, Leptos' GET form also sends the unnamed submit button (`&=`).
  await expect(page).toHaveURL(/\/users\?prefix=(%2F|\/)&name=FR(&=)?$/);
  await expect(page.locator('#users-table').getByRole('link', { name: 'frank' })).toBeVisible();
  await page.getByLabel('Name starts with').fill('zz');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No user name here starts with that.')).toBeVisible();

  // The detail page.
  await page.goto('/users');
  await page.locator('#users-table').getByRole('link', { name: 'frank' }).click();
  await expect(page.getByRole('heading', { name: 'frank', level: 1 })).toBeVisible();
  await expect(page.locator('#user-arn')).toHaveText(/^arn:aws:iam::\d{12}:user\/family\/frank$/);
  await snap(page, info, '13-user-detail');
});

test('a new access key shows its secret once, with a CSV download', async ({ page }, info) => {
  await signInAsRoot(page);
  await page.goto('/users/frank');
  await page.getByRole('button', { name: 'Create access key' }).click();
  const id = page.locator('#new-access-key-id');
  await expect(id).toHaveText(/^AKIA[A-Z0-9]{16}$/);
  await expect(page.locator('#new-secret-access-key')).toHaveText(/^[A-Za-z0-9+/]{40}$/);
  await expect(page.getByText('This is the only time the secret access key is shown.')).toBeVisible();
  const keyId = (await id.textContent()) ?? '';
  const csv = page.getByRole('link', { name: 'Download .csv file' });
  await expect(csv).toHaveAttribute('download', 'frank_accessKeys.csv');
  await expect(csv).toHaveAttribute('href', new RegExp(`^data:text/csv;charset=utf-8,.*${keyId}`));
  await snap(page, info, '14-access-key-created');

  await page.reload();
  await expect(page.locator('#new-secret-access-key')).toHaveCount(0);
  await expect(page.getByRole('cell', { name: keyId })).toBeVisible();
  await snap(page, info, '15-access-key-listed');
});

test('an IAM user with a console password signs in at the account address', async ({ page }, info) => {
  await signInAsRoot(page);
  await page.goto('/users/frank');
  await page.getByLabel('New console password').fill(FRANK_PASSWORD);
  await page.getByRole('button', { name: 'Set console password' }).click();
  await expect(page.getByRole('button', { name: 'Remove console password' })).toBeVisible();
  await signOut(page);

  // From the root sign-in page, the switch leads to the IAM user form for the account.
  await page.getByLabel('Account id or alias').fill(ALIAS);
  await page.getByRole('button', { name: 'Switch to IAM user' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in as an IAM user' })).toBeVisible();
  await expect(page.getByLabel('Account id or alias')).toHaveValue(ALIAS);

  // A wrong password and an unknown user read the same.
  await page.getByLabel('User name').fill('frank');
  await page.getByLabel('Password', { exact: true }).fill('Wrong-Horse-9');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('the account, user name or password is incorrect');
  await page.goto(`/signin/${ALIAS}`);
  await page.getByLabel('User name').fill('nobody');
  await page.getByLabel('Password', { exact: true }).fill(FRANK_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('the account, user name or password is incorrect');
  await snap(page, info, '16-iam-user-refused');

  await page.goto(`/signin/${ALIAS}`);
  await page.getByLabel('User name').fill('frank');
  await page.getByLabel('Password', { exact: true }).fill(FRANK_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('.who')).toHaveText('frank');
  await snap(page, info, '17-iam-user-signed-in');

  // frank has no permissions yet: the users page shows the service's refusal, not an empty list.
  await page.goto('/users');
  await expect(page.getByRole('alert').first()).toContainText('Access denied');
  await snap(page, info, '18-iam-user-denied');
  await signOut(page);
});

test('a required password change comes before the console opens', async ({ page }, info) => {
  await signInAsRoot(page);
  await createUser(page, 'carol', '/family/', CAROL_FIRST, true);
  await signOut(page);

  await page.goto(`/signin/${ALIAS}`);
  await page.getByLabel('User name').fill('carol');
  await page.getByLabel('Password', { exact: true }).fill(CAROL_FIRST);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expect(page).toHaveURL(/\/signin\/\d{12}\/new-password$/);
  await snap(page, info, '19-forced-password-change');

  // Nothing is signed in yet.
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin$/);
  await page.goBack();

  await page.getByLabel('Current password').fill(CAROL_FIRST);
  await page.getByLabel('New password', { exact: true }).fill(CAROL_NEW);
  await page.getByLabel('Repeat the new password').fill(CAROL_NEW);
  await page.getByRole('button', { name: 'Change password and sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('.who')).toHaveText('carol');
  await snap(page, info, '20-after-password-change');
});

test('tags are added, changed and removed, and a user is renamed and moved', async ({ page }, info) => {
  await signInAsRoot(page);
  await createUser(page, 'dave', '/family/');
  await page.goto('/users/dave');
  const tags = page.locator('#user-tags');
  const addTag = async (key: string, value: string) => {
    await page.getByLabel('Key', { exact: true }).fill(key);
    await page.getByLabel('Value', { exact: true }).fill(value);
    await page.getByRole('button', { name: 'Add tag' }).click();
  };
  await expect(page.getByText('No tags.')).toBeVisible();
  // With JavaScript a form post changes the page without reloading it (public/page-swap.js): a mark left on the
  // window survives.
  if (isHydrated(info)) await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await addTag('team', 'ops');
  await expect(tags.getByRole('row', { name: 'team ops' })).toBeVisible();
  if (isHydrated(info)) {
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  }
  // The same key again changes the value; a second key is a second row.
  await addTag('team', 'platform');
  await expect(tags.getByRole('row', { name: 'team platform' })).toBeVisible();
  await addTag('cost-center', '42');
  await expect(tags.getByRole('row')).toHaveCount(3); // the header and two tags
  // A reserved key is refused in AWS's words and changes nothing.
  await addTag('aws:owner', 'me');
  await expect(page.locator('#tag-user-form').getByRole('alert')).toContainText('reserved prefix');
  await expect(tags.getByRole('row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Remove tag team' }).click();
  await expect(tags.getByRole('row', { name: /team/ })).toHaveCount(0);
  await expect(tags.getByRole('row', { name: 'cost-center 42' })).toBeVisible();
  await snap(page, info, '21-user-tags');

  // A path that is not one is refused; the user stays where they were.
  await page.getByLabel('Path', { exact: true }).fill('app');
  await page.getByRole('button', { name: 'Save name and path' }).click();
  await expect(page.locator('#rename-user-form').getByRole('alert')).toBeVisible();
  await expect(page.locator('#user-arn')).toHaveText(/:user\/family\/dave$/);

  await page.getByLabel('User name').fill('dave2');
  await page.getByLabel('Path', { exact: true }).fill('/app/');
  await page.getByRole('button', { name: 'Save name and path' }).click();
  await expect(page).toHaveURL(/\/users\/dave2$/);
  await expect(page.locator('#user-arn')).toHaveText(/^arn:aws:iam::\d{12}:user\/app\/dave2$/);
  await expect(page.locator('#user-tags').getByRole('row', { name: 'cost-center 42' })).toBeVisible(); // tags follow
  // Every section is about dave2 now, with fresh forms (hydrated, the page was kept and only the name changed).
  await expect(page.getByRole('region', { name: 'MFA devices' })).toContainText('makes dave2 give a code');
  await expect(page.getByLabel('Key', { exact: true })).toHaveValue('');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await snap(page, info, '22-user-renamed');
  await page.goto('/users/dave');
  await expect(page.getByRole('alert').first()).toContainText('cannot be found');
});

test('deleting a user previews what goes with them, then removes it all', async ({ page }, info) => {
  await signInAsRoot(page);
  await page.goto('/users/frank');
  const zone = page.getByRole('region', { name: 'Delete user' });
  const preview = zone.locator('#deletion-preview');
  await expect(preview.getByRole('listitem')).toHaveText([/^access keys \(1\): AKIA[A-Z0-9]{16}$/, 'the console password']);
  await snap(page, info, '23-user-delete-preview');
  // The typed name must match.
  await zone.getByLabel('Type frank to confirm').fill('frnak');
  await zone.getByRole('button', { name: 'Delete user' }).click();
  await expect(zone.getByRole('alert')).toContainText('type `frank` to confirm');
  await zone.getByLabel('Type frank to confirm').fill('frank');
  await zone.getByRole('button', { name: 'Delete user' }).click();
  await expect(page).toHaveURL(/\/users\?prefix=\/family\/$/);
  await expect(page.locator('#users-table').getByRole('link', { name: 'frank' })).toHaveCount(0);
  await page.goto('/users/frank');
  await expect(page.getByRole('alert').first()).toContainText('cannot be found');
});
