import { expect, test } from '@playwright/test';
import { createUser, failOnPageErrors, signInAsRoot, snap } from './support';

// Groups: root creates `admins` in /ops/, finds it in the path tree and the table, adds a user, is refused deleting
// the group while it has a member, removes the member, renames and moves it, then deletes it.
// Sorts before root-account.spec.ts, so it runs in the *-mfa projects, after the account is set up.
test.describe.configure({ mode: 'serial' });
failOnPageErrors();

test('root creates a group, manages its members and deletes it', async ({ page }, info) => {
  await signInAsRoot(page);
  for (const name of ['gina', 'hal', 'ivy']) await createUser(page, name, '/ops/');

  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Groups' }).click();
  await expect(page.getByRole('heading', { name: 'Groups', level: 1 })).toBeVisible();
  await expect(page.getByText('Coming here')).toHaveCount(0);
  await snap(page, info, '50-groups-empty');

  // Create: the path follows the prefix chosen; here it is typed.
  await page.getByLabel('Group name').fill('admins');
  await page.getByLabel('Path', { exact: true }).fill('/ops/');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('status')).toContainText('Group admins was created.');
  await expect(page).toHaveURL(/\/groups\?prefix=\/ops\/&created=admins$/);
  await expect(page.locator('#groups-table').getByRole('row', { name: /admins/ })).toContainText(
    /arn:aws:iam::\d{12}:group\/ops\/admins/,
  );
  const tree = page.getByRole('navigation', { name: 'Paths' });
  await expect(tree.getByRole('link', { name: 'ops/' })).toBeVisible();
  await expect(tree.getByTitle('1 group in /ops/')).toHaveText('1');
  await snap(page, info, '51-groups-admins-created');

  // The same name again is refused, and the form says why.
  await page.getByLabel('Group name').fill('admins');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('alert')).toContainText('already exists');

  // A prefix with no groups says what to do.
  await page.goto('/groups?prefix=/nobody/');
  await expect(page.getByText('No groups here yet. Create one')).toBeVisible();

  // The detail page.
  await page.goto('/groups');
  await page.locator('#groups-table').getByRole('link', { name: 'admins' }).click();
  await expect(page.getByRole('heading', { name: 'admins', level: 1 })).toBeVisible();
  await expect(page.locator('#group-arn')).toHaveText(/^arn:aws:iam::\d{12}:group\/ops\/admins$/);
  await expect(page.getByText('No members yet.')).toBeVisible();
  await expect(page.getByText('No policies yet')).toBeVisible();

  // An unknown user is refused; an existing one is added.
  await page.getByLabel('Add users').fill('nobody-here');
  await page.getByRole('button', { name: 'Add to group' }).click();
  await expect(page.getByRole('alert')).toContainText('nobody-here');
  await page.getByLabel('Add users').fill('gina');
  await page.getByRole('button', { name: 'Add to group' }).click();
  const members = page.locator('#members-table');
  await expect(members.getByRole('link', { name: 'gina' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await snap(page, info, '52-group-member-added');

  // Several at once: the ones before a refused name stay added, and the error names them.
  await page.getByLabel('Add users').fill('hal, ivy nobody-else');
  await page.getByRole('button', { name: 'Add to group' }).click();
  await expect(page.getByRole('alert')).toContainText('added `hal`, `ivy`, then `nobody-else` was refused');
  await expect(members.getByRole('link')).toHaveText(['gina', 'hal', 'ivy']);
  // An invalid name refuses the whole list before anything changes.
  await page.getByLabel('Add users').fill('gina bad/name');
  await page.getByRole('button', { name: 'Add to group' }).click();
  await expect(page.getByRole('alert')).toContainText('bad/name');
  // Remove several at once: the ticked ones go, the others stay.
  await page.getByLabel('Select hal').check();
  await page.getByLabel('Select ivy').check();
  await snap(page, info, '52b-group-members-selected');
  await page.getByRole('button', { name: 'Remove selected' }).click();
  await expect(members.getByRole('link')).toHaveText(['gina']);
  // (Hydrated, the add form keeps showing its own earlier error; the removal itself reported none.)
  await expect(page.getByRole('alert').filter({ hasText: /remov|select/ })).toHaveCount(0);

  // Renamed and moved: members follow, the ARN changes, the old name is gone.
  await page.getByLabel('Path', { exact: true }).fill('ops');
  await page.getByRole('button', { name: 'Save name and path' }).click();
  await expect(page.locator('#rename-group-form').getByRole('alert')).toBeVisible();
  await page.getByLabel('Group name').fill('operators');
  await page.getByLabel('Path', { exact: true }).fill('/ops/core/');
  await page.getByRole('button', { name: 'Save name and path' }).click();
  await expect(page).toHaveURL(/\/groups\/operators$/);
  await expect(page.locator('#group-arn')).toHaveText(/^arn:aws:iam::\d{12}:group\/ops\/core\/operators$/);
  await expect(members.getByRole('link')).toHaveText(['gina']);
  await snap(page, info, '52c-group-renamed');

  // The user's page lists the group under its new name.
  await page.goto('/users/gina');
  await expect(page.getByRole('region', { name: 'Groups' })).toContainText('operators');
  await page.goto('/groups/admins');
  await expect(page.getByRole('alert').first()).toContainText('cannot be found');
  await page.goto('/groups/operators');

  // Deleting a group that still has a member is refused, with the service's reason.
  await page.getByLabel('Type operators to confirm').fill('operators');
  await page.getByRole('button', { name: 'Delete group' }).click();
  await expect(page.getByRole('alert')).toContainText('DeleteConflict');
  await snap(page, info, '53-group-delete-refused');

  await page.getByRole('button', { name: 'Remove gina from the group' }).click();
  await expect(page.getByText('No members yet.')).toBeVisible();
  await expect(page.locator('#members-table')).toHaveCount(0);

  await page.getByLabel('Type operators to confirm').fill('operators');
  await page.getByRole('button', { name: 'Delete group' }).click();
  await expect(page).toHaveURL(/\/groups\?prefix=\/ops\/core\/$/);
  await expect(page.getByText('No groups here yet. Create one')).toBeVisible();
  await snap(page, info, '54-group-deleted');
});
