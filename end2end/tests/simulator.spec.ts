import { expect, test } from '@playwright/test';
import { ensureUser, failOnPageErrors, isHydrated, signInAsRoot, snap } from './support';

// The policy simulator: root gives `backup` an inline policy reading one bucket's objects (through the inline-policy
// editor's server function, posted directly), then asks whether backup may read a photo and run an instance; then a
// pasted policy whose Deny needs MFA, with and without the MFA context key; then two pasted policies for a caller,
// and a group's own policies.
// Runs in the *-mfa projects, after the account is set up.
test.describe.configure({ mode: 'serial' });
failOnPageErrors();

// Statement on lines 4–9; the simulator must mark exactly those.
const READ_PHOTOS = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadPhotos",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::mybucket/*"
    }
  ]
}`;

// Allows all of S3 but denies deletes unless the request says MFA was used (a missing key counts as "not used").
const DELETE_NEEDS_MFA = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllS3",
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": "*"
    },
    {
      "Sid": "NoDeleteWithoutMfa",
      "Effect": "Deny",
      "Action": "s3:DeleteObject",
      "Resource": "*",
      "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } }
    }
  ]
}`;

test("a user's inline policy allows one action and not another, and says which statement decided", async ({
  page,
}, info) => {
  await signInAsRoot(page);
  await ensureUser(page, 'backup', '/app/'); // the seed's backup, when seed.spec.ts ran first
  const saved = await page.request.post('/api/save_inline_policy', {
    form: { owner: 'user', owner_name: 'backup', policy_name: 'read-photos', document: READ_PHOTOS },
  });
  expect(saved.ok(), await saved.text()).toBe(true);

  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'Simulator' }).click();
  await expect(page.getByRole('heading', { name: 'Policy simulator', level: 1 })).toBeVisible();
  await expect(page.getByText('Coming here')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'How it works' })).toBeVisible();
  await expect(page.locator('#simulator-results')).toHaveCount(0);
  await snap(page, info, '70-simulator-empty');

  await page.getByLabel("An IAM user's policies").check();
  await page.getByLabel('User name', { exact: true }).fill('backup');
  await page.getByLabel('Actions').fill('s3:GetObject\nec2:RunInstances');
  await page.getByLabel('Resources').fill('arn:aws:s3:::mybucket/photo.jpg');
  await page.getByRole('button', { name: 'Simulate' }).click();
  await expect(page).toHaveURL(/\/simulator\?mode=user&user=backup&.*actions=s3%3AGetObject/);

  const table = page.locator('#simulator-results');
  const read = table.getByRole('row', { name: /s3:GetObject/ });
  await expect(read).toContainText('arn:aws:s3:::mybucket/photo.jpg');
  await expect(read.locator('.decision')).toHaveText('allowed');
  await expect(read).toContainText('user/read-photos');
  await expect(read).toContainText('lines 4–9');
  const run = table.getByRole('row', { name: /ec2:RunInstances/ });
  await expect(run.locator('.decision')).toHaveText('implicit deny');
  await expect(run).toContainText('none');

  // The deciding statement, highlighted in the policy's text: lines 4–9 and no others.
  const policy = page.getByRole('region', { name: 'Policy user/read-photos' });
  await expect(policy).toBeVisible();
  const marked = policy.locator('li.deciding');
  await expect(marked).toHaveCount(6);
  await expect(marked.first()).toHaveText('{');
  await expect(policy.locator('li.deciding.allow mark')).toContainText(['"Sid": "ReadPhotos"']);
  await expect(policy.locator('li.deciding', { hasText: '"Action": "s3:GetObject"' })).toHaveCount(1);
  await expect(policy.locator('li.deciding', { hasText: '"Version"' })).toHaveCount(0);

  // The form shows what was asked.
  await expect(page.getByLabel("An IAM user's policies")).toBeChecked();
  await expect(page.getByLabel('User name', { exact: true })).toHaveValue('backup');
  await expect(page.getByLabel('Actions')).toHaveValue('s3:GetObject\nec2:RunInstances');
  await expect(page.getByLabel('Resources')).toHaveValue('arn:aws:s3:::mybucket/photo.jpg');
  await snap(page, info, '71-simulator-user');

  // Asking about no one says what is missing.
  await page.goto('/simulator?mode=user&actions=s3%3AGetObject');
  await expect(page.getByRole('alert')).toContainText('choose the user');
});

test('a pasted Deny needing MFA is an explicit deny, and names the missing context key', async ({ page }, info) => {
  await signInAsRoot(page);
  await page.goto('/simulator');
  await page.getByLabel('A pasted policy only').check();
  await page.getByLabel('Policy document').fill(DELETE_NEEDS_MFA);
  await page.getByLabel('Actions').fill('s3:DeleteObject, s3:GetObject');
  await page.getByRole('button', { name: 'Simulate' }).click();
  await expect(page).toHaveURL(/mode=custom/);

  const table = page.locator('#simulator-results');
  const remove = table.getByRole('row', { name: /s3:DeleteObject/ });
  await expect(remove.locator('.decision')).toHaveText('explicit deny');
  await expect(remove).toContainText('PolicyInputList.1');
  await expect(remove.locator('.missing-keys')).toHaveText('aws:MultiFactorAuthPresent');
  const read = table.getByRole('row', { name: /s3:GetObject/ });
  await expect(read.locator('.decision')).toHaveText('allowed');
  const policy = page.getByRole('region', { name: 'Policy PolicyInputList.1' });
  await expect(policy.locator('li.deciding.deny', { hasText: '"Effect": "Deny"' })).toHaveCount(1);
  await expect(policy.locator('li.deciding.allow', { hasText: '"Sid": "AllS3"' })).toHaveCount(1);
  await expect(page.getByLabel('MFA present')).toHaveValue('');
  await snap(page, info, '72-simulator-custom-no-mfa');

  // With MFA present the Deny no longer applies, and no key is missing.
  await page.getByLabel('MFA present').selectOption('true');
  await page.getByRole('button', { name: 'Simulate' }).click();
  await expect(page).toHaveURL(/mfa=true/);
  await expect(remove.locator('.decision')).toHaveText('allowed');
  await expect(remove.locator('.missing-keys')).toHaveCount(0);
  await expect(page.getByLabel('MFA present')).toHaveValue('true');
  await expect(page.getByLabel('A pasted policy only')).toBeChecked();
  await snap(page, info, '73-simulator-custom-mfa');
});

test('several pasted policies for a caller: one allows through ${aws:username}, another denies', async ({
  page,
}, info) => {
  await signInAsRoot(page);
  await page.goto('/users/backup');
  const accountId = ((await page.locator('#user-arn').textContent()) ?? '').split(':')[4];
  const ownFolder = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'OwnFolder', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' }],
  });
  const noSecrets = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'NoSecrets', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::home/*/secret.txt' }],
  });

  await page.goto('/simulator');
  await page.getByLabel('A pasted policy only').check();
  await page.getByLabel('Caller ARN').fill(`arn:aws:iam::${accountId}:user/app/backup`);
  await page.getByLabel('Policy document', { exact: true }).fill(ownFolder);
  await page.getByLabel('Actions').fill('s3:GetObject');
  await page.getByLabel('Resources').fill(
    ['arn:aws:s3:::home/backup/notes.txt', 'arn:aws:s3:::home/backup/secret.txt', 'arn:aws:s3:::home/carol/notes.txt'].join('\n'),
  );
  if (isHydrated(info)) {
    // Room for another document at once.
    await page.getByRole('button', { name: 'Add a policy' }).click();
  } else {
    // Without JavaScript, each simulation leaves a blank document to fill.
    await expect(page.getByRole('button', { name: 'Add a policy' })).toBeDisabled();
    await page.getByRole('button', { name: 'Simulate' }).click();
    await expect(page).toHaveURL(/caller_arn=/);
  }
  await page.getByLabel('Policy document 2').fill(noSecrets);
  await page.getByRole('button', { name: 'Simulate' }).click();
  await expect(page).toHaveURL(/policy=.*&policy=/);

  const table = page.locator('#simulator-results');
  const decision = (resource: string) => table.getByRole('row', { name: new RegExp(resource) }).locator('.decision');
  await expect(decision('home/backup/notes.txt')).toHaveText('allowed');
  await expect(decision('home/backup/secret.txt')).toHaveText('explicit deny');
  await expect(decision('home/carol/notes.txt')).toHaveText('implicit deny');
  await expect(table.getByRole('row', { name: /home\/backup\/secret.txt/ })).toContainText('PolicyInputList.2');
  // Both documents come back as typed, and a blank one for a third.
  await expect(page.getByLabel('Policy document', { exact: true })).toHaveValue(ownFolder);
  await expect(page.getByLabel('Policy document 2')).toHaveValue(noSecrets);
  await expect(page.getByLabel('Policy document 3')).toHaveValue('');
  await expect(page.getByLabel('Caller ARN')).toHaveValue(`arn:aws:iam::${accountId}:user/app/backup`);
  await snap(page, info, '77-simulator-several-policies');
});

test("a group's own policies, as every member gets them", async ({ page }, info) => {
  await signInAsRoot(page);
  for (const [fn, form] of [
    ['create_group', { group_name: 'photo-readers', path: '/' }],
    ['save_inline_policy', { owner: 'group', owner_name: 'photo-readers', policy_name: 'read', document: READ_PHOTOS }],
  ] as const) {
    const response = await page.request.post(`/api/${fn}`, { form });
    expect(response.ok(), await response.text()).toBe(true);
  }
  await page.goto('/simulator');
  await page.getByLabel("An IAM group's policies").check();
  await page.getByLabel('Group name').fill('photo-readers');
  await page.getByLabel('Actions').fill('s3:GetObject, s3:PutObject');
  await page.getByLabel('Resources').fill('arn:aws:s3:::mybucket/photo.jpg');
  await page.getByRole('button', { name: 'Simulate' }).click();
  await expect(page).toHaveURL(/mode=group&.*group=photo-readers/);
  const table = page.locator('#simulator-results');
  await expect(table.getByRole('row', { name: /s3:GetObject/ }).locator('.decision')).toHaveText('allowed');
  await expect(table.getByRole('row', { name: /s3:PutObject/ }).locator('.decision')).toHaveText('implicit deny');
  const policy = page.getByRole('region', { name: 'Policy group/photo-readers/read' });
  await expect(policy.locator('li.deciding.allow', { hasText: '"Sid": "ReadPhotos"' })).toHaveCount(1);
  await expect(page.getByLabel("An IAM group's policies")).toBeChecked();
  await snap(page, info, '78-simulator-group');
});
