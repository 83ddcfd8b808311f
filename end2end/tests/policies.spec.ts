import { expect, test, type Page } from '@playwright/test';
import { failOnPageErrors, signInAsRoot, snap } from './support';

// Managed policies: root creates `app-admins` in /app/, finds it in the list, attaches it to a group, replaces its
// document with a second version made the default, meets the 5-version limit, is refused deleting the policy while
// it is attached, detaches it and deletes it. A malformed document is refused with the validator's findings (the typed
// text kept, with JavaScript or without), and
// nothing is created. Sorts before root-account.spec.ts, so it runs in the *-mfa projects (account already set up).
test.describe.configure({ mode: 'serial' });
failOnPageErrors();

const GROUP = 'app-team';
const POLICY = 'app-admins';
const V1 = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam::*:user/app/*"}]}';
const V2 = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["iam:Get*", "iam:List*"],
      "Resource": "arn:aws:iam::*:user/app/*"
    }
  ]
}`;
const MALFORMED = '{"Version":"2012-10-17","Statement":[{"Effect":"Alow","Action":"iam:*"}]}';

/** A version's document that differs from the others by one number. */
function versionDocument(n: number) {
  return `{"Version":"2012-10-17","Statement":[{"Sid":"V${n}","Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}`;
}

async function createGroup(page: Page, name: string, path: string) {
  await page.goto('/groups');
  await page.getByLabel('Group name').fill(name);
  await page.getByLabel('Path', { exact: true }).fill(path);
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('status')).toContainText(`Group ${name} was created.`);
}

async function createVersion(page: Page, document: string, setAsDefault = false) {
  await page.getByLabel('Policy document').fill(document);
  if (setAsDefault) await page.getByLabel('Set as default version').check();
  await page.getByRole('button', { name: 'Create version' }).click();
}

test('a malformed document is refused with its findings, and nothing is created', async ({ page }, info) => {
  await signInAsRoot(page);
  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Policies' }).click();
  await expect(page.getByRole('heading', { name: 'Policies', level: 1 })).toBeVisible();
  await expect(page.getByText('Coming here')).toHaveCount(0);
  await expect(page.getByText('No managed policies here yet.')).toBeVisible();

  await page.getByLabel('Policy name').fill('broken');
  await page.getByLabel('Path', { exact: true }).fill('/app/');
  await page.getByLabel('Policy document').fill(MALFORMED);
  await page.getByRole('button', { name: 'Create policy' }).click();
  await expect(page.getByRole('alert')).toContainText('MalformedPolicyDocument');
  await expect(page.getByRole('list', { name: 'Findings' })).toContainText('Alow');
  // What was typed is still there to fix, hydrated or not (without JavaScript it comes back from the session).
  await expect(page.getByLabel('Policy name')).toHaveValue('broken');
  await expect(page.getByLabel('Path', { exact: true })).toHaveValue('/app/');
  await expect(page.getByLabel('Policy document')).toHaveValue(MALFORMED);
  await snap(page, info, '70-policy-malformed');

  await page.goto('/policies');
  await expect(page.getByText('No managed policies here yet.')).toBeVisible();
  await page.goto('/policies/broken');
  await expect(page.getByRole('alert').first()).toContainText('does not exist');
});

test('root creates a managed policy, versions it, attaches it to a group and deletes it', async ({ page }, info) => {
  // Some 30 form posts, each a full page load with JavaScript off.
  test.slow();
  await signInAsRoot(page);
  await createGroup(page, GROUP, '/app/');

  // Create: the form opens the new policy's page.
  await page.goto('/policies');
  await page.getByLabel('Policy name').fill(POLICY);
  await page.getByLabel('Path', { exact: true }).fill('/app/');
  await page.getByLabel('Description (optional)').fill('Administers the users in /app/');
  await page.getByLabel('Policy document').fill(V1);
  await page.getByRole('button', { name: 'Create policy' }).click();
  await expect(page).toHaveURL(new RegExp(`/policies/${POLICY}$`));
  await expect(page.getByRole('heading', { name: POLICY, level: 1 })).toBeVisible();
  await expect(page.locator('#policy-arn')).toHaveText(new RegExp(`^arn:aws:iam::\\d{12}:policy/app/${POLICY}$`));
  await expect(page.locator('#policy-default-version')).toHaveText('v1');
  await expect(page.locator('#policy-document')).toContainText('"Action":"iam:*"');
  await expect(page.getByText('Attached to nothing')).toBeVisible();
  await snap(page, info, '71-policy-created');

  // The list, whole and filtered by path.
  await page.goto('/policies');
  const row = page.locator('#policies-table').getByRole('row', { name: new RegExp(POLICY) });
  await expect(row).toContainText(new RegExp(`arn:aws:iam::\\d{12}:policy/app/${POLICY}`));
  await expect(row).toContainText('v1');
  await page.getByLabel('Path prefix').fill('/nobody/');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No managed policies here yet.')).toBeVisible();
  await page.goto('/policies?prefix=/app/');
  await snap(page, info, '72-policies-list');
  await page.locator('#policies-table').getByRole('link', { name: POLICY }).click();
  await expect(page.getByRole('heading', { name: POLICY, level: 1 })).toBeVisible();

  // Attach: an unknown group is refused; the real one shows under "Used by".
  await page.getByLabel('Attach to').selectOption('group');
  await page.getByLabel('User or group name').fill('nobody-here');
  await page.getByRole('button', { name: 'Attach policy' }).click();
  await expect(page.getByRole('alert')).toContainText('nobody-here');
  await page.getByLabel('Attach to').selectOption('group');
  await page.getByLabel('User or group name').fill(GROUP);
  await page.getByRole('button', { name: 'Attach policy' }).click();
  await expect(page.locator('#policy-entities').getByRole('link', { name: GROUP })).toBeVisible();
  await expect(page.locator('#policy-attachment-count')).toHaveText('1');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The group's page links the policy back here.
  await page.locator('#policy-entities').getByRole('link', { name: GROUP }).click();
  await expect(page.getByRole('heading', { name: GROUP, level: 1 })).toBeVisible();
  await page.locator('#group-policies').getByRole('link', { name: POLICY }).click();
  await expect(page.getByRole('heading', { name: POLICY, level: 1 })).toBeVisible();

  // v2, then made the default with its button.
  await createVersion(page, V2);
  const versions = page.locator('#versions-table');
  await expect(versions.getByRole('link', { name: 'v2' })).toBeVisible();
  await expect(page.locator('#policy-default-version')).toHaveText('v1');
  await page.getByRole('button', { name: 'Set v2 as the default version' }).click();
  await expect(page.locator('#policy-default-version')).toHaveText('v2');
  await expect(page.locator('#policy-document')).toContainText('"iam:List*"');
  await expect(page.getByRole('heading', { name: 'Document: v2 (default)' })).toBeVisible();
  await snap(page, info, '73-policy-v2-default');

  // The default version cannot be deleted; v1 can.
  await expect(page.getByRole('button', { name: 'Delete version v2' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete version v1' }).click();
  await expect(versions.getByRole('link', { name: 'v1' })).toHaveCount(0);
  await expect(versions.getByRole('link', { name: 'v2' })).toBeVisible();

  // At most 5 versions: the sixth is refused, and says why.
  for (const n of [3, 4, 5, 6]) {
    await createVersion(page, versionDocument(n), n === 6);
    await expect(versions.getByRole('link', { name: `v${n}` })).toBeVisible();
  }
  await expect(page.locator('#policy-default-version')).toHaveText('v6');
  await createVersion(page, versionDocument(7));
  await expect(page.getByRole('alert')).toContainText('LimitExceeded');
  await expect(page.getByText('5 of 5 versions')).toBeVisible();
  await snap(page, info, '74-policy-version-limit');
  // An older version's document is a link away.
  await versions.getByRole('link', { name: 'v2' }).click();
  await expect(page.getByRole('heading', { name: 'Document: v2', exact: true })).toBeVisible();
  for (const n of [2, 3, 4, 5]) {
    await page.getByRole('button', { name: `Delete version v${n}` }).click();
    await expect(versions.getByRole('link', { name: `v${n}` })).toHaveCount(0);
  }
  // The version shown is gone: the page shows the default again.
  await expect(page.getByRole('heading', { name: 'Document: v6 (default)' })).toBeVisible();

  // Deleting while attached is refused, with the service's reason.
  await page.getByLabel(`Type ${POLICY} to confirm`).fill(POLICY);
  await page.getByRole('button', { name: 'Delete policy' }).click();
  await expect(page.getByRole('alert')).toContainText('DeleteConflict');
  await snap(page, info, '75-policy-delete-refused');

  await page.getByRole('button', { name: `Detach from group ${GROUP}` }).click();
  await expect(page.getByText('Attached to nothing')).toBeVisible();
  await expect(page.locator('#policy-attachment-count')).toHaveText('0');

  await page.getByLabel(`Type ${POLICY} to confirm`).fill(POLICY);
  await page.getByRole('button', { name: 'Delete policy' }).click();
  await expect(page).toHaveURL(/\/policies\?prefix=\/app\/$/);
  await expect(page.getByText('No managed policies here yet.')).toBeVisible();
  await snap(page, info, '76-policy-deleted');

  // The group goes too, leaving the account as it was.
  await page.goto(`/groups/${GROUP}`);
  await page.getByLabel(`Type ${GROUP} to confirm`).fill(GROUP);
  await page.getByRole('button', { name: 'Delete group' }).click();
  await expect(page).toHaveURL(/\/groups\?prefix=\/app\/$/);
});
