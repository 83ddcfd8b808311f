import { expect, test, type Page } from '@playwright/test';
import { EMAIL, PASSWORD, createUser, failOnPageErrors, signInAsRoot, snap } from './support';
import { assignDevice, base32Decode, currentStep, enterEnableCodes, mfaPanel, totp } from './totp';

// MFA enrollment in the console: root assigns a virtual MFA device to a user (the QR code and the Base32 secret
// shown once, codes computed here from that secret), sees a wrong and a reused code refused, resyncs and
// deactivates it; an abandoned enrollment does not block a new one; root enrolls its own device at /mfa.
// Runs after the other specs on the same server (playwright.config.ts: the *-mfa projects depend on them), since
// root-account.spec.ts must see a fresh install; sets the account up itself if run alone.
test.describe.configure({ mode: 'serial' });
failOnPageErrors();

const USER = 'ann';

// The RFC's own test vector, so a broken generator fails here rather than as a confusing refusal in the console.
test('the TOTP generator matches RFC 6238', () => {
  const rfcSeed = base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'); // "12345678901234567890"
  expect(rfcSeed.toString()).toBe('12345678901234567890');
  expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', Math.floor(59 / 30))).toBe('287082');
  expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', Math.floor(1111111109 / 30))).toBe('081804');
});

// Opens a device's disclosure (Resync, Deactivate) and returns its form. Retried: while the list re-renders after
// an action, a click can land on the list being replaced.
async function openDeviceForm(page: Page, summary: string, formName: string) {
  const form = page.getByRole('form', { name: formName });
  await expect(async () => {
    if (!(await form.isVisible())) await mfaPanel(page).locator('summary', { hasText: summary }).click();
    await expect(form).toBeVisible({ timeout: 1_000 });
  }).toPass();
  return form;
}

async function resync(page: Page, first: string, second: string) {
  const form = await openDeviceForm(page, 'Resync', 'Resync the MFA device');
  await form.getByLabel('First resync code').fill(first);
  await form.getByLabel('Second resync code').fill(second);
  await form.getByRole('button', { name: 'Resync', exact: true }).click();
}

test('root enrolls a virtual MFA device for a user; wrong and reused codes are refused', async ({ page }, info) => {
  await signInAsRoot(page);
  await createUser(page, USER, '/mfa-test/');
  await page.goto(`/users/${USER}`);
  const panel = mfaPanel(page);
  await expect(panel.getByText('No MFA device is enabled')).toBeVisible();
  await snap(page, info, '30-user-mfa-none');

  const secret = await assignDevice(page, USER);
  await expect(page.locator('#mfa-enrolling-serial')).toHaveText(new RegExp(`^arn:aws:iam::\\d{12}:mfa/${USER}$`));
  await snap(page, info, '31-user-mfa-qr');

  // Two codes that are not consecutive codes of this seed.
  await enterEnableCodes(page, '000000', '999999');
  await expect(panel.getByRole('alert')).toContainText('are not two consecutive codes from this device');
  // The step stays open with the secret still shown (hydrated: kept in memory; without JavaScript: the page
  // reloaded with the device in its address and the secret still in the session), so the person can retry.
  await expect(page.locator('#mfa-secret')).toHaveText(secret);
  await expect(page.locator('#mfa-enrolling-serial')).toHaveText(new RegExp(`:mfa/${USER}$`));
  await snap(page, info, '32-user-mfa-wrong-code');

  // Two steps back and one step back: within the service's look-back window, and leaving the current step fresh.
  const step = currentStep();
  const [code1, code2] = [totp(secret, step - 2), totp(secret, step - 1)];
  await enterEnableCodes(page, code1, code2);
  await expect(panel.getByRole('status')).toContainText('The MFA device is enabled');
  const devices = panel.getByRole('list', { name: 'Enabled MFA devices' });
  await expect(devices.locator('code.serial')).toHaveText(new RegExp(`^arn:aws:iam::\\d{12}:mfa/${USER}$`));
  await expect(devices).toContainText(/enabled \d{4}-\d{2}-\d{2}/);
  await expect(page.locator('#mfa-secret')).toHaveCount(0);
  await snap(page, info, '33-user-mfa-enabled');

  // The same codes again: already used.
  await resync(page, code1, code2);
  await expect(panel.getByRole('alert')).toContainText(`the authentication code \`${code1}\` was already used`);
  await snap(page, info, '34-user-mfa-reused-code');

  // Fresh codes: the current step and the next (the service accepts a second code one step ahead).
  const now = currentStep();
  await resync(page, totp(secret, now), totp(secret, now + 1));
  await expect(panel.getByRole('status')).toContainText('resynchronised');
  await expect(panel.getByRole('alert')).toHaveCount(0);

  // Deactivating needs the confirmation (an administrator acting on someone else's device gives no code).
  const deactivate = await openDeviceForm(page, 'Deactivate', 'Deactivate the MFA device');
  await expect(deactivate.getByLabel('Current code from your MFA device')).toHaveCount(0);
  await deactivate.getByLabel('Sign-in will no longer ask for a code from this device').check();
  await snap(page, info, '35-user-mfa-deactivate');
  await deactivate.getByRole('button', { name: 'Deactivate MFA device' }).click();
  await expect(panel.getByRole('status')).toContainText('The MFA device is deactivated.');
  await expect(panel.getByText('No MFA device is enabled')).toBeVisible();
});

test('an abandoned enrollment does not block a new one, and can be cancelled', async ({ page }, info) => {
  await signInAsRoot(page);
  await page.goto(`/users/${USER}`);
  // The device deactivated above still exists (unassigned) under the default name: assigning replaces it.
  const first = await assignDevice(page, USER);

  // Walk away mid-enrollment, then come back and start again: a new secret, under the same name.
  await page.goto(`/users/${USER}`);
  await expect(page.locator('#mfa-secret')).toHaveCount(0);
  const second = await assignDevice(page, USER);
  expect(second).not.toBe(first);
  await snap(page, info, '36-user-mfa-restarted');

  await page.getByRole('button', { name: 'Cancel enrollment' }).click();
  await expect(page.locator('#mfa-secret')).toHaveCount(0);
  await expect(mfaPanel(page).getByRole('button', { name: 'Assign virtual MFA device' })).toBeVisible();
  await expect(mfaPanel(page).getByText('No MFA device is enabled')).toBeVisible();
});

test('root enrolls its own virtual MFA device at /mfa, signs in with it, and deactivates it with a code', async ({ page }, info) => {
  await signInAsRoot(page);
  await page.getByRole('navigation', { name: 'Console sections' }).getByRole('link', { name: 'MFA' }).click();
  await expect(page).toHaveURL(/\/mfa$/);
  await expect(page.getByRole('heading', { name: 'My security credentials', level: 1 })).toBeVisible();
  await expect(page.getByText('Coming here')).toHaveCount(0);
  await snap(page, info, '40-my-mfa-none');

  const secret = await assignDevice(page, 'root-account-mfa-device');
  await snap(page, info, '41-my-mfa-qr');
  const step = currentStep();
  await enterEnableCodes(page, totp(secret, step - 2), totp(secret, step - 1));
  const panel = mfaPanel(page);
  await expect(panel.getByRole('status')).toContainText('The MFA device is enabled');
  await expect(panel.locator('code.serial')).toHaveText(/^arn:aws:iam::\d{12}:mfa\/root-account-mfa-device$/);
  await snap(page, info, '42-my-mfa-enabled');

  // With a device, root's sign-in asks for a code after the password: a wrong one is refused, a current one opens
  // the console.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/signin\/\d{12}\/mfa$/);
  await expect(page.getByRole('heading', { name: 'Enter your MFA code' })).toBeVisible();
  await expect(page.getByText(`Signing in as ${EMAIL}`)).toBeVisible();
  const wrongSignIn = totp(secret, currentStep() + 10);
  await page.getByLabel('MFA code').fill(wrongSignIn);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).toContainText(`the authentication code \`${wrongSignIn}\` is not valid`);
  await snap(page, info, '44-root-sign-in-mfa-refused');
  await page.getByLabel('MFA code').fill(totp(secret, currentStep()));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await page.goto('/mfa');

  // Removing one's own device takes proof of holding it: a wrong code is refused, a current one accepted.
  let form = await openDeviceForm(page, 'Deactivate', 'Deactivate the MFA device');
  await form.getByLabel('Sign-in will no longer ask for a code from this device').check();
  const wrong = totp(secret, currentStep() + 10);
  await form.getByLabel('Current code from your MFA device').fill(wrong);
  await form.getByRole('button', { name: 'Deactivate MFA device' }).click();
  await expect(panel.getByRole('alert')).toContainText(`the authentication code \`${wrong}\` is not valid`);
  await expect(panel.locator('code.serial')).toHaveCount(1);
  await snap(page, info, '43-my-mfa-deactivate-refused');

  form = await openDeviceForm(page, 'Deactivate', 'Deactivate the MFA device');
  await form.getByLabel('Sign-in will no longer ask for a code from this device').check();
  // The sign-in used the current step; a step is accepted once, and sign-in codes may run one step ahead.
  await form.getByLabel('Current code from your MFA device').fill(totp(secret, currentStep() + 1));
  await form.getByRole('button', { name: 'Deactivate MFA device' }).click();
  await expect(panel.getByRole('status')).toContainText('The MFA device is deactivated.');
  await expect(panel.getByText('No MFA device is enabled')).toBeVisible();
});
