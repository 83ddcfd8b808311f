// Keystroke → findings in the policy editor, in Debian's Chromium: the time from a textarea `input` event to the
// editor's underlay (the underlines) being rewritten, which happens after validation, for a ~5,000-character policy.
// Also what the console's first page and the editor page load (transferred bytes of JS and WASM).
//
//   node end2end/bench/editor-latency.mjs <console URL>       (scripts/bench-editor.sh starts a server and runs it)
import { chromium } from 'playwright-core';

const url = process.argv[2] ?? 'http://127.0.0.1:3000';
const ROUNDS = 60;

/** A valid policy of about `size` characters: statements of actions and ARNs, as real policies grow. */
function policyOf(size) {
  const statements = [];
  let text = '';
  for (let n = 0; text.length < size; n++) {
    statements.push({
      Sid: `Statement${n}`,
      Effect: n % 3 ? 'Allow' : 'Deny',
      Action: ['s3:GetObject', 's3:PutObject', 'iam:GetUser', 'ec2:DescribeInstances'],
      Resource: [`arn:aws:s3:::bucket-${n}/*`, `arn:aws:iam::123456789012:user/app/team-${n}/*`],
      Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
    });
    text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  }
  return text;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
const bytes = { js: 0, wasm: 0 };
page.on('response', async (response) => {
  const type = response.headers()['content-type'] ?? '';
  const size = Number(response.headers()['content-length'] ?? (await response.body().catch(() => '')).length);
  if (type.includes('wasm')) bytes.wasm += size;
  else if (type.includes('javascript')) bytes.js += size;
});

// First run of a fresh server: set up the account (signs root in), then a user to hold the policy.
await page.goto(`${url}/setup`);
await page.getByLabel('Account alias').fill('bench-company');
await page.getByLabel('Root email').fill('root@example.com');
await page.getByLabel('Root password').fill('Correct-Horse-9');
await page.getByRole('button', { name: 'Create account' }).click();
await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
await page.goto(`${url}/users`);
await page.getByLabel('User name').fill('bench');
await page.getByRole('button', { name: 'Create user' }).click();
await page.getByRole('status').waitFor();

await page.goto(`${url}/users/bench/inline-policy`);
await page.getByRole('button', { name: 'Format' }).waitFor({ state: 'visible' });
await page.waitForFunction(() => !document.querySelector('.editor-toolbar button').disabled); // hydrated

const text = policyOf(5000);
const timings = await page.evaluate(
  async ({ text, rounds }) => {
    const area = document.getElementById('policy-document');
    const underlay = document.querySelector('.editor-underlay');
    const once = (value) =>
      new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          observer.disconnect();
          resolve(performance.now() - start);
        });
        observer.observe(underlay, { childList: true, subtree: true, characterData: true });
        area.value = value;
        const start = performance.now();
        area.dispatchEvent(new Event('input', { bubbles: true }));
      });
    const out = [];
    for (let i = 0; i < rounds; i++) {
      // A different character each time, inside a Sid, so the text (and the underlay) changes every round.
      out.push(await once(text.replace('Statement0', `Statement0${'x'.repeat(i % 7)}`)));
      await new Promise((r) => requestAnimationFrame(r));
    }
    return out;
  },
  { text, rounds: ROUNDS },
);
timings.sort((a, b) => a - b);
const pick = (q) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))].toFixed(1);
console.log(`policy size: ${text.length} characters, ${text.split('\n').length} lines`);
console.log(`keystroke → findings (ms, ${ROUNDS} rounds): p50 ${pick(0.5)}  p95 ${pick(0.95)}  max ${pick(1)}`);
console.log(`fetched this session (decompressed): JS ${(bytes.js / 1024).toFixed(0)} KB, WASM ${(bytes.wasm / 1024).toFixed(0)} KB`);
await browser.close();
