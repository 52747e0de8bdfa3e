// The settings snapshot (extension/common/snapshot.js), from the outside: the service
// worker registers content scripts that tell a frame, at document_start, which books are on
// and what to hide, so a page is read and shown before its settings are read, and blurs
// what a page that waited for them blurs. The storage read that follows decides: a
// snapshot the settings no longer match is dropped and the page read again. A paused site
// gets none, nor does a reader with a shield of their own; a change made in the options
// page is registered before it is stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  EXPECTED, useBrowser, openOptions, openSettled, setSettings, settingsUntil, stats, stopWorker, trackBooks, worker, snapshotFollows,
} from './helpers.mjs';

const SAMPLE = 'samples/review-blog.html';
const want = EXPECTED[SAMPLE];

const env = useBrowser({ before, after, setup: ({ browser }) => trackBooks(browser, want.books) });

// Loads the sample once, settled: → {stats, blurred: the blurred blocks' selectors, sorted}.
async function load(sample = SAMPLE) {
  const page = await openSettled(env, sample);
  const s = await stats(page);
  const blurred = await page.$$eval('[data-spoiler-shield="blurred"]', (els) => els.map((el) => `#${el.id}`));
  await page.close();
  return { stats: s, blurred: blurred.sort() };
}

// The registered snapshot's files, as the browser lists them (null: none registered).
const registeredFiles = () => worker(env.browser).evaluate(async () => (await chrome.scripting.getRegisteredContentScripts({ ids: ['settings-snapshot'] }))[0]?.js ?? null);

test('with a snapshot the page is shown before its settings are read, and the same spoilers are blurred', async () => {
  const got = await load();
  assert.equal(got.stats.snapshot, 'used');
  assert.ok(got.stats.shownMs < got.stats.settingsMs, `shown at ${got.stats.shownMs} ms, settings read at ${got.stats.settingsMs} ms`);
  assert.deepEqual(got.blurred, [...want.blurred].sort());
});

test('a snapshot the settings do not match is dropped: the page is read again by its settings', async () => {
  // As if the registration lagged behind a change: the snapshot of another book.
  await worker(env.browser).evaluate(async () => {
    await chrome.scripting.unregisterContentScripts({ ids: ['settings-snapshot'] });
    await chrome.scripting.registerContentScripts([{
      id: 'settings-snapshot', js: ['content/snapshot/on/gone-girl.js', 'content/snapshot/end-balanced-guard.js'],
      matches: ['<all_urls>'], runAt: 'document_start', allFrames: true,
    }]);
  });
  const got = await load();
  assert.equal(got.stats.snapshot, 'stale');
  assert.deepEqual(got.blurred, [...want.blurred].sort(), 'what the settings blur, not what the snapshot said');
  // Put right when the worker starts again (the page's message wakes it).
  await stopWorker(env.browser);
  await load();
  await snapshotFollows(env.browser);
  assert.equal((await load()).stats.snapshot, 'used');
});

test('a paused site gets no snapshot, and nothing on it is hidden or blurred', async () => {
  const host = new URL(env.url(SAMPLE)).hostname;
  await setSettings(env.browser, { paused: [host] });
  const got = await load();
  assert.deepEqual([got.stats.snapshot, got.stats.path, got.blurred], [null, null, []]);
  await setSettings(env.browser, { paused: [] });
  assert.equal((await load()).stats.snapshot, 'used');
});

test('nothing on and the plot guard off: shown before the settings are read, nothing read', async () => {
  await setSettings(env.browser, { tracked: [], plotGuard: false });
  const got = await load();
  assert.equal(got.stats.snapshot, 'used');
  assert.ok(got.stats.shownMs < got.stats.settingsMs, `shown at ${got.stats.shownMs} ms, settings read at ${got.stats.settingsMs} ms`);
  assert.deepEqual([got.stats.read, got.blurred], [0, []]);
  await trackBooks(env.browser, want.books);
});

test('a reader with a shield of their own has no snapshot: the page waits for its settings, and blurs the same', async () => {
  await worker(env.browser).evaluate(() => chrome.storage.local.set({ shields: [{ id: 'my-own-book', title: 'My Own Book' }] }));
  await snapshotFollows(env.browser);
  assert.equal(await registeredFiles(), null);
  const got = await load();
  assert.equal(got.stats.snapshot, null);
  assert.deepEqual(got.blurred, [...want.blurred].sort());
  await worker(env.browser).evaluate(() => chrome.storage.local.remove('shields'));
  await snapshotFollows(env.browser);
});

test('a book ticked in the options page is in the snapshot by the time the change is stored', async () => {
  await trackBooks(env.browser, []);
  const { page: options } = await openOptions(env.browser);
  await options.getByRole('checkbox', { name: 'Rebecca' }).check();
  await settingsUntil(env.browser, ({ sync }) => sync.tracked?.includes('rebecca'), { what: 'Rebecca tracked' });
  // No waiting here: the worker registers the snapshot before it stores the change.
  assert.ok((await registeredFiles())?.includes('content/snapshot/on/rebecca.js'), 'registered before the change was stored');
  await options.close();
  await trackBooks(env.browser, want.books);
});
