import { expect, test } from '@playwright/test';
import { failOnPageErrors, isHydrated, signInAsRoot, snap } from './support';

// public/page-swap.js fetches the next page and swaps it in. A reader can follow a link before the WebAssembly has
// arrived (a slow network, a quick click): the swap must neither throw nor leave the new page's islands dead. Here
// the .wasm is held back until after the click. Runs in the *-mfa projects, after the account is set up; with
// JavaScript off there is no swap to test (every other spec covers plain links and forms).
failOnPageErrors();

test('a page reached before the WebAssembly arrived comes alive when it does', async ({ page }, info) => {
  test.skip(!isHydrated(info), 'page-swap.js only runs with JavaScript');
  await signInAsRoot(page);

  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  // Leptos' loader has imported the JS glue (it defines __hydrateIsland then), but the WASM it needs is still held.
  await page.waitForFunction(() => '__hydrateIsland' in window);
  expect(await page.locator('html').getAttribute('data-hydrated')).toBeNull();

  await page.getByRole('navigation').getByRole('link', { name: 'Users', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  const password = page.getByLabel('Console password (optional)');
  const toggle = page.getByRole('button', { name: 'Show' });
  // Swapped in, not yet hydrated: the server's HTML, with the toggle disabled.
  await expect(toggle).toBeDisabled();

  release();
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', '');
  await password.fill('visible-now');
  await toggle.click();
  await expect(password).toHaveAttribute('type', 'text');
  await expect(page).toHaveURL(/\/users$/);
  await snap(page, info, 'page-swap-before-wasm');
});
