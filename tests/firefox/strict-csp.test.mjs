// A page whose CSP forbids Wasm (www/serve.mjs sends `script-src 'none'` with
// samples/strict-csp.html). In Chromium the content script runs under the page's CSP and
// falls back to the service worker (tests/e2e/strict-csp.test.mjs); Firefox runs Manifest
// V3 content scripts under the extension's own content-script CSP, whose script-src has
// 'wasm-unsafe-eval', so the core compiles in the page and no fallback is needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LABEL_RECALL_FLOOR, againstLabels } from '../e2e/helpers.mjs';
import { EXPECTED, useFirefox, trackBooks, openSettled, states, booksOf } from './helpers.mjs';

const SAMPLE = 'samples/strict-csp.html';
const want = EXPECTED[SAMPLE];
let first;

const env = useFirefox({
  before, after,
  setup: async () => {
    await trackBooks(env.browser, want.books);
    ({ stats: first } = await openSettled(env, SAMPLE));
  },
});

// The control: the page's CSP is in force in this Firefox. An inline script added to the
// page does not run (on the other sample pages it does).
test('the page\'s CSP is in force: an inline script does not run', async () => {
  const ran = await env.browser.driver.executeScript(() => {
    const script = document.createElement('script');
    script.textContent = 'document.documentElement.dataset.inlineScriptRan = "yes"';
    document.head.append(script);
    script.remove();
    return document.documentElement.dataset.inlineScriptRan ?? 'no';
  });
  assert.equal(ran, 'no');
});

test('the page\'s CSP does not keep the core out of the content script, and the page is protected', async (t) => {
  t.diagnostic(`${first.blurred} blurred via ${first.path}${first.why ? ` (${first.why})` : ''}; ` +
    `core ready at ${first.coreMs} ms, shown at ${first.readyMs} ms`);
  assert.equal(first.path, 'wasm', `in-page Wasm (why not: ${first.why})`);
  const driver = env.browser.driver;
  const got = await states(driver, [...want.blurred, ...want.clean]);
  const { missed, wronglyBlurred, recall } = againstLabels(got, want.blurred, want.clean);
  assert.deepEqual(wronglyBlurred, []);
  assert.ok(recall >= LABEL_RECALL_FLOOR, `missed ${missed.join(' ')}`);
  const books = await booksOf(driver, want.blurred.filter((sel) => got[sel] === 'blurred'));
  assert.deepEqual(new Set(Object.values(books)), new Set([want.book]));
});
