// What the first visit to each console page costs in Debian's Chromium, with an empty cache: requests, bytes on the
// wire (as served, gzip) split into WASM, JS and CSS, and the time from navigation to the islands' WASM having run
// (`<html data-hydrated>`, set by the front end's `hydrate`). Median of ROUNDS visits per page.
// "first load" is the page's own files (the main WASM module, its JS, the CSS); "lazy" is what lazy islands (the
// policy editor) fetch afterwards, split chunks and their JS; "total" is both.
//
//   node end2end/bench/first-load.mjs <console URL>     (scripts/bench-first-load.sh starts a server and runs it)
//   NETWORK=40,20000 node …   the same over an emulated network: 40 ms round trip, 20,000 kbit/s down (Chromium's
//                             throttling; the server is local either way)
import { chromium } from 'playwright-core';

const url = process.argv[2] ?? 'http://127.0.0.1:3000';
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const PAGES = [
  '/signin',
  '/',
  '/users',
  '/users/bench',
  '/users/bench/inline-policy',
  '/groups',
  '/policies',
  '/simulator',
  '/audit',
  '/mfa',
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});

// First run of a fresh server: set up the account (signs root in) and a user for the detail pages.
const context = await browser.newContext();
const setup = await context.newPage();
await setup.goto(`${url}/setup`);
await setup.getByLabel('Account alias').fill('bench-company');
await setup.getByLabel('Root email').fill('root@example.com');
await setup.getByLabel('Root password').fill('Correct-Horse-9');
await setup.getByRole('button', { name: 'Create account' }).click();
await setup.getByRole('heading', { name: 'Dashboard' }).waitFor();
await setup.goto(`${url}/users`);
await setup.getByLabel('User name').fill('bench');
await setup.getByRole('button', { name: 'Create user' }).click();
await setup.getByRole('status').waitFor();
const signedIn = await context.storageState();
await context.close();

/** One cold visit: a fresh context (empty cache), signed in unless the page is the sign-in page. */
async function visit(path) {
  const fresh = await browser.newContext(path === '/signin' ? {} : { storageState: signedIn });
  const page = await fresh.newPage();
  const cdp = await fresh.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (process.env.NETWORK) {
    const [latency, kbps] = process.env.NETWORK.split(',').map(Number);
    const bytesPerSecond = (kbps * 1000) / 8;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
  }
  const types = new Map();
  const bytes = { wasm: 0, js: 0, css: 0, html: 0, other: 0, lazy: 0 };
  const urls = new Map();
  let requests = 0;
  cdp.on('Network.responseReceived', (event) => {
    types.set(event.requestId, event.response.mimeType);
    urls.set(event.requestId, event.response.url);
  });
  cdp.on('Network.loadingFinished', (event) => {
    requests += 1;
    const type = types.get(event.requestId) ?? '';
    const kind = type.includes('wasm')
      ? 'wasm'
      : type.includes('javascript')
        ? 'js'
        : type.includes('css')
          ? 'css'
          : type.includes('html')
            ? 'html'
            : 'other';
    bytes[kind] += event.encodedDataLength;
    // The entry module is /pkg/iam-console.{js,wasm}; anything else under /pkg/ but the CSS is a lazy chunk.
    const file = new URL(urls.get(event.requestId) ?? 'http://x/').pathname;
    if (file.startsWith('/pkg/') && !file.endsWith('.css') && !/^\/pkg\/iam-console(_bg)?\.(js|wasm)$/.test(file)) {
      bytes.lazy += event.encodedDataLength;
    }
  });
  const start = Date.now();
  await page.goto(`${url}${path}`);
  await page.waitForSelector('html[data-hydrated]', { timeout: 30_000 });
  const hydratedMs = Date.now() - start;
  await page.waitForLoadState('networkidle');
  await fresh.close();
  return { requests, bytes, hydratedMs };
}

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (n) => (n / 1024).toFixed(0).padStart(5);
console.log('page                          requests   WASM KB  JS KB  CSS KB  first load KB  lazy KB  total KB  to hydrated (ms)');
for (const path of PAGES) {
  const runs = [];
  for (let round = 0; round < ROUNDS; round++) runs.push(await visit(path));
  const pick = (f) => median(runs.map(f));
  const [wasm, js, css] = [pick((r) => r.bytes.wasm), pick((r) => r.bytes.js), pick((r) => r.bytes.css)];
  const lazy = pick((r) => r.bytes.lazy);
  const total = pick((r) => r.bytes.wasm + r.bytes.js + r.bytes.css);
  console.log(
    `${path.padEnd(30)}${String(pick((r) => r.requests)).padStart(8)}  ${kb(wasm)}    ${kb(js)}   ${kb(css)}` +
      `          ${kb(total - lazy)}    ${kb(lazy)}     ${kb(total)}            ${String(pick((r) => r.hydratedMs)).padStart(6)}`,
  );
}
await browser.close();
