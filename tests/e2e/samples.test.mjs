// Every sample page of tests/e2e/expected.json (written with the www/ pages): with the
// page's books tracked, no labelled non-spoiler is blurred, at least LABEL_RECALL_FLOOR of
// the labelled spoilers are, each for the expected book. Each page's counts, timings and scan path go to dist/e2e-samples.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EXPECTED, ROOT, LABEL_RECALL_FLOOR, againstLabels, useBrowser, trackBooks, openSettled, states, stats, marked } from './helpers.mjs';

const env = useBrowser({ before, after });
const report = {};

after(() => {
  fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'dist/e2e-samples.json'), `${JSON.stringify(report, null, 2)}\n`);
});

for (const [sample, want] of Object.entries(EXPECTED)) {
  if (!sample.startsWith('samples/')) continue;
  test(`${sample}: spoilers of ${want.books.join(', ') || 'no book'} blurred, the rest not`, async (t) => {
    // A page about no book is checked with every book of the test set tracked.
    await trackBooks(env.browser, want.books.length ? want.books : EXPECTED.books);
    const page = await openSettled(env, sample);
    const got = await states(page, [...want.blurred, ...want.clean]);
    const s = await stats(page);
    const all = await marked(page);
    report[sample] = { path: s.path, blurred: s.blurred, expectedBlurred: want.blurred.length, stats: s, marked: all };
    t.diagnostic(`${sample}: ${s.blurred} blurred via ${s.path}; walk ${s.walkMs} ms, scan ${s.scanMs} ms, ` +
      `write ${s.writeMs} ms, total ${s.totalMs} ms, shown at ${s.readyMs} ms`);
    await page.close();

    const missing = [...want.blurred, ...want.clean].filter((sel) => got[sel] === 'missing');
    assert.deepEqual(missing, [], 'every expected id is on the page');
    const { missed, wronglyBlurred, recall } = againstLabels(got, want.blurred, want.clean);
    if (missed.length) t.diagnostic(`${sample}: labelled spoilers the core does not flag: ${missed.join(' ')}`);
    assert.deepEqual(wronglyBlurred, [], 'no labelled non-spoiler is blurred');
    assert.ok(recall >= LABEL_RECALL_FLOOR, `${(recall * 100).toFixed(0)}% of labelled spoilers blurred; missed ${missed.join(' ')}`);
    for (const [sel, book] of Object.entries(want.bookOf ?? {})) {
      const el = all.find((m) => `#${m.id}` === sel);
      if (el) assert.equal(el.book, book, `${sel} is blurred for ${book}`);
    }
    if (want.book) {
      for (const sel of want.blurred) {
        if (want.bookOf?.[sel]) continue;
        const el = all.find((m) => `#${m.id}` === sel);
        if (el) assert.equal(el.book, want.book, `${sel} is blurred for ${want.book}`);
      }
    }
    // A strict CSP keeps Wasm out of the content script; the service worker scans instead.
    // Elsewhere the worker scans when it said its engine was built, else the page's own
    // Wasm (worker-engine.test.mjs). A page that names no tracked book never loads the core
    // (README, Performance).
    if (want.blurred.length) {
      if (sample.includes('strict-csp')) assert.equal(s.path, 'background');
      else if (s.path === 'background') assert.equal(s.worker?.ready, true, `the worker's engine was built (${s.why})`);
      else assert.equal(s.path, 'wasm');
    }
    if (sample.includes('news-article')) assert.deepEqual([s.path, s.engines], [null, 0], 'no core for a page about no book');
    assert.equal(s.failsafe, false, 'the page was shown by a finished scan, not the failsafe');
  });
}
