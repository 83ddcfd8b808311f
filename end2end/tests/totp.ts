import { createHmac } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

// What an authenticator app does, for the specs that enroll MFA devices: decode the Base32 secret the console
// shows once, compute RFC 6238 codes from it, and the console steps of assigning and enabling a virtual device.

// RFC 4648 Base32 (no padding), as the console shows the seed.
export function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// RFC 6238 TOTP: HMAC-SHA1 over the 30-second time step, dynamic truncation (RFC 4226), 6 digits.
export function totp(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hmac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0x0f;
  const binary =
    ((hmac[offset] & 0x7f) << 24) | (hmac[offset + 1] << 16) | (hmac[offset + 2] << 8) | hmac[offset + 3];
  return String(binary % 1_000_000).padStart(6, '0');
}

export function currentStep(): number {
  return Math.floor(Date.now() / 1000 / 30);
}

export function mfaPanel(page: Page) {
  return page.locator('section.mfa-panel');
}

// Assigns a device with the default name and returns the secret the page shows.
export async function assignDevice(page: Page, expectedName: string): Promise<string> {
  const panel = mfaPanel(page);
  await expect(panel.getByLabel('Device name')).toHaveValue(expectedName);
  await panel.getByRole('button', { name: 'Assign virtual MFA device' }).click();
  const secret = page.locator('#mfa-secret');
  await expect(secret).toHaveText(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /QR code/ }).locator('svg')).toHaveCount(1);
  await expect(page.getByText('This is the only time the secret key is shown.')).toBeVisible();
  return ((await secret.textContent()) ?? '').trim();
}

export async function enterEnableCodes(page: Page, first: string, second: string) {
  const form = page.getByRole('form', { name: 'Enable the MFA device' });
  await form.getByLabel('First code').fill(first);
  await form.getByLabel('Second code').fill(second);
  await form.getByRole('button', { name: 'Enable MFA device' }).click();
}
