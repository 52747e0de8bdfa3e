// The prefilter keys of the books a reader tracks, stored beside the settings
// (extension/common/prefilter-record.js, background/tracked-keys.js), from the outside:
// ticking a book in the options page stores that book's keys before the settings change
// reaches any tab, a page about no tracked book then loads no core, and keys stored by
// another build of the extension are never used: every block is then judged by the core,
// and the spoilers are blurred all the same. (With a settings snapshot registered, a frame
// takes the keys from the snapshot's own packaged files: the stored record is for readers
// whose settings have no snapshot, such as those with a shield of their own.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EXPECTED, keysBuild, useBrowser, openOptions, settingsUntil, settled, stats, states, trackBooks, worker, snapshotFollows } from './helpers.mjs';

const REVIEW = 'samples/review-blog.html'; // spoils Never Let Me Go
const NO_BOOK = 'samples/news-article.html'; // names no book at all
const BUILD = keysBuild();

const env = useBrowser({ before, after });

// What storage.local holds as the prefilter record, read by the worker.
const storedRecord = () => worker(env.browser).evaluate(async () => JSON.parse((await chrome.storage.local.get('prefilter')).prefilter ?? 'null'));

// Rewrites the stored record as an update's content script would find the record of the
// build before it.
const tamperRecord = () => worker(env.browser).evaluate(async () => {
  const { prefilter } = await chrome.storage.local.get('prefilter');
  await chrome.storage.local.set({ prefilter: JSON.stringify({ ...JSON.parse(prefilter), build: 'an-older-build' }) });
});

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

  // The snapshot's keys are this build's own: the page is prefiltered even when the stored
  // record is of another build.
  await tamperRecord();
  const snapshotted = await open(REVIEW);
  const seen = await stats(snapshotted);
  assert.deepEqual([seen.snapshot, seen.unfiltered], ['used', 0], 'the snapshot\'s keys');
  await snapshotted.close();
  // A shield of the reader's own stored (not tracked): no snapshot, the stored record is
  // read. It is made stale once the worker has keyed the tracked list (its digest stored):
  // from then on the worker leaves the record as it is for this list.
  await worker(env.browser).evaluate(() => chrome.storage.local.set({ shields: [{ id: 'my-own-book', title: 'My Own Book' }] }));
  await snapshotFollows(env.browser);
  await worker(env.browser).evaluate(async () => {
    for (let i = 0; !JSON.parse((await chrome.storage.local.get('prefilter')).prefilter ?? '{}').digest; i++) {
      if (i > 200) throw new Error('the worker did not key the tracked books within 10 s');
      await new Promise((r) => setTimeout(r, 50)); // the polling interval
    }
  });
  await tamperRecord();
  const stale = await open(REVIEW);
  const s = await stats(stale);
  assert.equal(s.snapshot, null, 'no snapshot');
  assert.equal(s.unfiltered, want.books.length, 'the tracked books are not prefiltered');
  assert.deepEqual(await states(stale, want.blurred), before, 'the same spoilers blurred');
  await stale.close();

  const other = await open(NO_BOOK);
  assert.equal((await stats(other)).engines, 1, 'without keys, a page about no tracked book is judged by the core');
  await other.close();
  await worker(env.browser).evaluate(() => chrome.storage.local.remove('shields'));
  await trackBooks(env.browser, []);
});
