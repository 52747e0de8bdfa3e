// The prefilter keys of the books a reader tracks, stored beside the settings
// (extension/common/prefilter-record.js, background/tracked-keys.js), from the outside:
// ticking a book in the options page stores that book's keys before the settings change
// reaches any tab, a page about no tracked book then loads no core, and keys stored by
// another build of the extension are never used: every block is then judged by the core,
// and the spoilers are blurred all the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EXPECTED, keysBuild, useBrowser, openOptions, settingsUntil, settled, stats, states, trackBooks, worker } from './helpers.mjs';

const REVIEW = 'samples/review-blog.html'; // spoils Never Let Me Go
const NO_BOOK = 'samples/news-article.html'; // names no book at all
const BUILD = keysBuild();

const env = useBrowser({ before, after });

// What storage.local holds as the prefilter record, read by the worker.
const storedRecord = () => worker(env.browser).evaluate(async () => JSON.parse((await chrome.storage.local.get('prefilter')).prefilter ?? 'null'));

async function open(sample) {
  const page = await env.browser.context.newPage();
  await page.goto(env.url(sample));
  await settled(page);
  return page;
}

test('ticking a book stores its keys before the settings; a page about no tracked book loads no core', async () => {
  const { page: options } = await openOptions(env.browser);
  // Every storage change, in the order the browser reports them to an extension page.
  await options.evaluate(() => {
    window.storageChanges = [];
    chrome.storage.onChanged.addListener((changes, area) => window.storageChanges.push(`${area}:${Object.keys(changes).sort().join(',')}`));
  });
  await options.getByRole('checkbox', { name: 'Never Let Me Go' }).check();
  await settingsUntil(env.browser, ({ sync }) => sync.tracked?.includes('never-let-me-go'), { what: 'Never Let Me Go tracked' });
  await options.waitForFunction(() => window.storageChanges.some((c) => c.startsWith('sync:') && c.includes('tracked')));
  const changes = await options.evaluate(() => window.storageChanges);
  const keysAt = changes.findIndex((c) => c.startsWith('local:') && c.split(':')[1].split(',').includes('prefilter'));
  const trackedAt = changes.findIndex((c) => c.startsWith('sync:') && c.split(':')[1].split(',').includes('tracked'));
  assert.ok(keysAt >= 0 && keysAt < trackedAt, `keys stored before the settings: ${changes.join(' ')}`);

  const record = await storedRecord();
  assert.equal(record.build, BUILD, 'the keys of this build');
  assert.deepEqual(record.books.map((b) => b.id), ['never-let-me-go'], 'the tracked book\'s keys, and no other book\'s');

  const page = await open(NO_BOOK);
  const s = await stats(page);
  assert.deepEqual([s.unfiltered, s.engines, s.path], [0, 0, null], 'no core for a page about no tracked book');
  await page.close();
});

test('keys of another build are not used: the core judges every block, and blurs what it did', async () => {
  const want = EXPECTED[REVIEW];
  await trackBooks(env.browser, want.books);
  const fresh = await open(REVIEW);
  const before = await states(fresh, want.blurred);
  assert.equal((await stats(fresh)).unfiltered, 0);
  await fresh.close();

  // As an update's content script would find the record of the build before it.
  await worker(env.browser).evaluate(async () => {
    const { prefilter } = await chrome.storage.local.get('prefilter');
    await chrome.storage.local.set({ prefilter: JSON.stringify({ ...JSON.parse(prefilter), build: 'an-older-build' }) });
  });
  const stale = await open(REVIEW);
  const s = await stats(stale);
  assert.equal(s.unfiltered, want.books.length, 'the tracked books are not prefiltered');
  assert.deepEqual(await states(stale, want.blurred), before, 'the same spoilers blurred');
  await stale.close();

  const other = await open(NO_BOOK);
  assert.equal((await stats(other)).engines, 1, 'without keys, a page about no tracked book is judged by the core');
  await other.close();
  await trackBooks(env.browser, []);
});
