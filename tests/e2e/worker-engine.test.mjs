// One engine per browser session, not one per page: a page that names a tracked book asks
// the service worker, once its settings are read, whether the worker's engine is built. If
// it is, the page's blocks are scanned there, and the page compiles no Wasm and builds no
// engine; if not (the first page, or the first after the browser stopped an idle worker),
// the page scans with its own Wasm and the worker builds its engine for the pages after.
// Both ways blur the same blocks. A page is never scanned with the engine of the settings
// before a change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EXPECTED, useBrowser, trackBooks, setSettings, openUntil, stopWorker } from './helpers.mjs';

const SAMPLE = 'samples/review-blog.html';
const want = EXPECTED[SAMPLE];
// Loads of the page, at most, until one finds the worker's engine built (the worker builds
// it half a second after the first page asked; a load takes about a fifth of that).
const MAX_LOADS = 30;

const env = useBrowser({ before, after, setup: ({ browser }) => trackBooks(browser, want.books) });

// Loads the sample until a load's stats satisfy `holds` (MAX_LOADS at most; once by
// default): → that load, or the last one, as {stats, blurred: the ids blurred, in page order}.
async function load(holds = () => true) {
  const { page, stats } = await openUntil(env.browser, env.url(SAMPLE), holds, { max: MAX_LOADS });
  const blurred = await page.$$eval('[data-spoiler-shield="blurred"]', (els) => els.map((el) => el.id));
  await page.close();
  return { stats, blurred };
}

// Loads the sample until a load is scanned by the worker; → that load, or the last one.
const loadUntilWorkerScans = () => load((s) => s.path === 'background');

let inPage;

test('the first page after the worker stopped scans with its own Wasm', async () => {
  await stopWorker(env.browser);
  inPage = await load();
  assert.equal(inPage.stats.path, 'wasm', `why not: ${inPage.stats.why}`);
  assert.notEqual(inPage.stats.worker?.ready, true, 'a worker just started has no engine');
  assert.ok(inPage.stats.engineMs > 0 && inPage.stats.engines === 1);
  assert.ok(want.blurred.every((sel) => inPage.blurred.includes(sel.slice(1))), `blurred: ${inPage.blurred.join(' ')}`);
});

test('a later page finds the worker\'s engine built, scans through it and blurs the same blocks', async (t) => {
  const got = await loadUntilWorkerScans();
  t.diagnostic(`worker answered in ${got.stats.worker?.ms?.toFixed(1)} ms; page read and judged at ${got.stats.readyMs} ms ` +
    `(in-page: ${inPage.stats.readyMs} ms, of which ${inPage.stats.engineMs.toFixed(1)} ms opening its engine)`);
  assert.equal(got.stats.path, 'background', `no load of ${MAX_LOADS} found the worker's engine built`);
  assert.equal(got.stats.worker.ready, true);
  assert.equal(got.stats.why, 'the service worker had its engine built');
  assert.deepEqual(got.blurred, inPage.blurred, 'the worker blurs what the page\'s own Wasm blurred');
  assert.equal(got.stats.failsafe, false);
});

test('after a settings change no page is scanned with the engine of the settings before', async () => {
  // The reader is nine tenths through: what comes before is no spoiler any more, so an engine of
  // the settings before would blur what one of the new settings leaves alone. Whichever way
  // the next page is scanned (the worker may or may not have built its new engine by then),
  // it blurs what the page's own engine of the new settings blurs.
  await setSettings(env.browser, { progress: { [want.book]: 90 } });
  const changed = await load();
  await stopWorker(env.browser);
  const reference = await load();
  assert.equal(reference.stats.path, 'wasm');
  assert.notDeepEqual(reference.blurred, inPage.blurred, 'the change changes what is blurred');
  assert.deepEqual(changed.blurred, reference.blurred, `scanned via ${changed.stats.path}`);
  // Back to the start of the book: the worker, once it has rebuilt, blurs as at first.
  await setSettings(env.browser, { progress: {} });
  const again = await loadUntilWorkerScans();
  assert.equal(again.stats.path, 'background');
  assert.deepEqual(again.blurred, inPage.blurred);
});
