import { expect, test, type Page } from '@playwright/test';
import { createUser, failOnPageErrors, isHydrated, signInAsRoot, snap } from './support';

// The inline-policy editor: hydrated, findings appear as you type (no request) at the right line and column, even
// after non-ASCII text; with JavaScript off, saving validates on the server and the editor comes back with the same
// findings and your text. Then the seed's `iam:*` on `user/app/*` policy is saved, reopened, formatted and deleted.
// Sorts before root-account.spec.ts, so it runs in the *-mfa projects, after the account is set up.
test.describe.configure({ mode: 'serial' });
failOnPageErrors();

// "Alow" is on line 5 after a Sid with "é", "☕" (one UTF-16 unit each) and "😀" (two units, four bytes).
const INVALID = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "CaféForAll☕😀",
      "Effect": "Alow",
      "Action": "iam:*",
      "Resource": "arn:aws:iam::*:user/app/*"
    }
  ]
}`;
const VALID = INVALID.replace('"Alow"', '"Allow"').replace('"CaféForAll☕😀"', '"ManageApp"');
const COMPACT = JSON.stringify(JSON.parse(VALID));

const editor = (page: Page) => page.getByLabel('Policy document');
const findings = (page: Page) => page.getByRole('region', { name: 'Findings' });

test('findings while typing, the same findings after a refused save, then save, reopen, format and delete', async ({
  page,
}, info) => {
  await signInAsRoot(page);
  await createUser(page, 'polly', '/app/');
  await page.goto('/users/polly');
  await page.getByRole('link', { name: 'Add inline policy' }).click();
  await expect(page.getByRole('heading', { name: 'New inline policy', level: 1 })).toBeVisible();
  // The template's empty action is already a finding, rendered by the server.
  await expect(findings(page)).toContainText('error');
  await expect(page.getByText(/\/ 2048 characters/)).toBeVisible();

  await page.getByLabel('Policy name').fill('app-admin');
  if (isHydrated(info)) {
    await expect(page.getByRole('button', { name: 'Format' })).toBeEnabled(); // hydrated
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await editor(page).fill(INVALID);
    const alow = findings(page).getByRole('listitem').filter({ hasText: 'Alow' });
    await expect(alow).toContainText('5:17');
    expect(requests, 'findings come from the WASM validator, not the server').toEqual([]);
    // Clicking the location selects the span: UTF-16 offsets, as the textarea counts.
    await alow.getByRole('button', { name: '5:17' }).click();
    const selection = await editor(page).evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd]);
    const start = INVALID.indexOf('"Alow"');
    expect(selection).toEqual([start, start + '"Alow"'.length]);
    await snap(page, info, '90-editor-live-finding');
  } else {
    await editor(page).fill(INVALID);
  }

  // Saving is refused by the server, which is the authority; the text and its findings come back.
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('alert')).toContainText('MalformedPolicyDocument');
  await expect(findings(page).getByRole('listitem').filter({ hasText: 'Alow' })).toContainText('5:17');
  await expect(editor(page)).toHaveValue(INVALID);
  if (!isHydrated(info)) {
    await expect(page.getByText('Your changes were not saved')).toBeVisible();
    await expect(page.getByLabel('Policy name')).toHaveValue('app-admin');
  }
  await snap(page, info, '91-editor-refused-save');

  // Autocomplete from the catalogue (hydrated): the typed action's completions, accepted with Tab.
  if (isHydrated(info)) {
    const partial = VALID.replace('"iam:*"', '"iam:CreateUs');
    const cut = partial.indexOf('iam:CreateUs') + 'iam:CreateU'.length;
    await editor(page).fill(partial.slice(0, cut));
    await editor(page).press('s');
    await expect(page.getByRole('option', { name: 'iam:CreateUser', exact: true })).toBeVisible();
    await editor(page).press('Tab');
    await expect(editor(page)).toHaveValue(/"iam:CreateUser$/);
  }

  await editor(page).fill(COMPACT);
  // Without JavaScript the findings shown are those of the text as sent; they update only when saved.
  if (isHydrated(info)) await expect(findings(page)).toContainText('No findings');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page).toHaveURL(/\/users\/polly$/);
  const policies = page.locator('#user-policies');
  await expect(policies.getByRole('link', { name: 'app-admin' })).toBeVisible();

  // A new policy may not silently replace an existing one of the same name.
  await page.getByRole('link', { name: 'Add inline policy' }).click();
  // Templates are links, so they work without JavaScript too.
  await page.getByRole('navigation', { name: 'Templates' }).getByRole('link', { name: 'Full S3 access' }).click();
  await expect(editor(page)).toHaveValue(/"Action": "s3:\*"/);
  await page.getByLabel('Policy name').fill('app-admin');
  await editor(page).fill(COMPACT);
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('alert')).toContainText('already has an inline policy named `app-admin`');

  // Reopen: the stored document exactly as saved; Format re-indents it (hydrated).
  await page.goto('/users/polly');
  await policies.getByRole('link', { name: 'app-admin' }).click();
  await expect(page.getByRole('heading', { name: 'Inline policy app-admin', level: 1 })).toBeVisible();
  await expect(editor(page)).toHaveValue(COMPACT);
  if (isHydrated(info)) {
    await page.getByRole('button', { name: 'Format' }).click();
    await expect(editor(page)).toHaveValue(JSON.stringify(JSON.parse(VALID), null, 2) + '\n');
  }
  await snap(page, info, '92-editor-reopened');

  await page.getByRole('button', { name: 'Delete app-admin' }).click();
  await expect(page).toHaveURL(/\/users\/polly$/);
  await expect(page.getByText('No policies of its own')).toBeVisible();
});

// A document is text, whatever it holds: one that closes the textarea and opens markup comes back exactly, inert.
// (Leptos writes a textarea's initial text unescaped; components/html_text.rs escapes it on the server.)
const MARKUP =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",' +
  '"Resource":"arn:aws:s3:::bucket/</textarea><b id=injected>x</b>&amp;"}]}';

test('a document holding markup comes back exactly and inert', async ({ page }, info) => {
  await signInAsRoot(page);
  await createUser(page, 'marky', '/');
  await page.goto('/users/marky/inline-policy');
  await page.getByLabel('Policy name').fill('markup');
  await editor(page).fill(MARKUP);
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page).toHaveURL(/\/users\/marky$/);
  await page.goto('/users/marky/inline-policy?name=markup');
  await expect(page.getByRole('heading', { name: 'Inline policy markup', level: 1 })).toBeVisible();
  await expect(editor(page)).toHaveValue(MARKUP);
  await expect(page.locator('#injected')).toHaveCount(0);
  await snap(page, info, '93-editor-markup-inert');
});

// The visual generator builds the seed's policy: `iam:*` on `arn:aws:iam::*:user/app/*`, then it is saved.
test('the visual generator builds the seed policy, round-trips JSON and says what it cannot show', async ({
  page,
}, info) => {
  test.skip(!isHydrated(info), 'the visual editor needs JavaScript; the JSON editor above covers the no-JS case');
  await signInAsRoot(page);
  await createUser(page, 'vera', '/app/');
  await page.goto('/users/vera/inline-policy');
  const visual = page.getByRole('button', { name: 'Visual editor' });
  await expect(visual).toBeEnabled(); // hydrated

  // JSON → visual → JSON with no change in between keeps the text exactly as written.
  await editor(page).fill(COMPACT);
  await visual.click();
  await expect(page.getByRole('group', { name: 'Statement 1' })).toBeVisible();
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  await expect(editor(page)).toHaveValue(COMPACT);

  // What the form cannot show is named, and the JSON is left alone.
  const notAction = COMPACT.replace('"Action"', '"NotAction"');
  await editor(page).fill(notAction);
  await visual.click();
  await expect(page.getByRole('alert')).toContainText('statement 1 uses `NotAction`');
  await expect(editor(page)).toHaveValue(notAction);

  // Build the seed's policy from the empty template.
  await page.getByRole('navigation', { name: 'Templates' }).getByRole('link', { name: 'Full S3 access' }).click();
  await expect(editor(page)).toHaveValue(/"s3:\*"/);
  await visual.click();
  const statement = page.getByRole('group', { name: 'Statement 1' });
  await statement.getByRole('button', { name: 'Remove s3:*' }).click();
  await statement.getByRole('combobox', { name: 'Service', exact: true }).selectOption('iam');
  await statement.getByLabel('All iam actions (iam:*)').check();
  await statement.getByLabel('All resources (*)').uncheck();
  await statement.getByRole('combobox', { name: 'Resource type', exact: true }).selectOption('user');
  await statement.getByRole('textbox', { name: 'UserNameWithPath', exact: true }).fill('app/*');
  await statement.getByRole('button', { name: 'Add ARN' }).click();
  // A condition can be added and removed; the JSON follows each change.
  await statement.getByRole('combobox', { name: 'Operator', exact: true }).selectOption('Bool');
  await statement.getByRole('combobox', { name: 'Key', exact: true }).fill('aws:MultiFactorAuthPresent');
  await statement.getByRole('combobox', { name: 'Values', exact: true }).selectOption('true');
  await statement.getByRole('button', { name: 'Add condition' }).click();
  await expect(editor(page)).toHaveValue(/"Bool": \{\n\s+"aws:MultiFactorAuthPresent": "true"/);
  await statement.getByRole('button', { name: 'Remove condition on aws:MultiFactorAuthPresent' }).click();
  const seed = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'FullS3', Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::*:user/app/*' }],
  };
  await expect(editor(page)).toHaveValue(JSON.stringify(seed, null, 2) + '\n');
  await expect(findings(page).getByRole('status')).not.toContainText('error');
  await snap(page, info, '93-generator-seed');

  await page.getByLabel('Policy name').fill('app-admins');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page).toHaveURL(/\/users\/vera$/);
  await expect(page.locator('#user-policies').getByRole('link', { name: 'app-admins' })).toBeVisible();
});
