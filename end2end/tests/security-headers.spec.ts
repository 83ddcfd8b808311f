import { expect, test } from '@playwright/test';
import { isHydrated } from './support';

// The console under its Content-Security-Policy: the page hydrates (its inline scripts carry the response's nonce,
// the WebAssembly compiles under 'wasm-unsafe-eval') with no violation, while a script injected without the nonce is
// refused. Works on a fresh server (the set-up page) and on one already set up (the sign-in page) alike, and changes
// nothing. (Not `failOnPageErrors`: this spec provokes a violation on purpose, and checks the rest itself.)

test('pages hydrate under the CSP and an inline script without the nonce does not run', async ({ page }, info) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(error.message));
  const response = await page.goto('/');
  const headers = response?.headers() ?? {};
  const policy = headers['content-security-policy'] ?? '';
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('same-origin');

  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  const scripts = page.locator('script');
  const count = await scripts.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    // Browsers hide a script's `nonce` attribute once it is applied; the property keeps it.
    expect(await scripts.nth(i).evaluate((el) => (el as HTMLScriptElement).nonce), `script ${i}`).toBe(nonce);
  }
  if (!isHydrated(info)) {
    expect(violations).toEqual([]);
    return;
  }

  // Hydrated: the WebAssembly was fetched and ran, and nothing was refused on the way ...
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')));
  await page.waitForLoadState('networkidle');
  expect(violations).toEqual([]);

  // ... while a script injected without the nonce is blocked.
  const blocked = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true;';
        document.body.appendChild(script);
      }),
  );
  expect(blocked).toMatch(/^script-src/);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});
