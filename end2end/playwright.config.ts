import { defineConfig } from '@playwright/test';

// scripts/test.sh starts one fresh server per project (each does its own first-run set-up) and passes their URLs.
const hydratedURL = process.env.E2E_URL_HYDRATED ?? 'http://127.0.0.1:3000';
const noJsURL = process.env.E2E_URL_NOJS ?? hydratedURL;
const LATER = /(audit|dashboard|groups|mfa|page-swap|policies|policy-editor|seed|simulator|who-can)\.spec\.ts$/;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: 'test-results',
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  globalSetup: require.resolve('./global-setup'),
  use: {
    trace: 'retain-on-failure',
    // Debian's Chromium; Playwright's own browser download is not reachable here.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // Files run in alphabetical order, and root-account.spec.ts must meet a fresh install, so specs that need an
  // account already set up and sort before it (mfa.spec.ts) run in a second project that depends on the first.
  projects: [
    { name: 'hydrated', testIgnore: LATER, use: { baseURL: hydratedURL, javaScriptEnabled: true } },
    { name: 'no-js', testIgnore: LATER, use: { baseURL: noJsURL, javaScriptEnabled: false } },
    {
      name: 'hydrated-mfa',
      testMatch: LATER,
      dependencies: ['hydrated'],
      use: { baseURL: hydratedURL, javaScriptEnabled: true },
    },
    { name: 'no-js-mfa', testMatch: LATER, dependencies: ['no-js'], use: { baseURL: noJsURL, javaScriptEnabled: false } },
  ],
});
