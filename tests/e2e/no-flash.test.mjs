// No spoiler is ever readable (issue 12, goal 2): on every sample page with labelled
// spoilers, with the page's books tracked, no labelled spoiler paragraph that ends blurred
// was readable in any frame, from the first, before its blur, and the labelled ones end
// blurred (as many as samples.test.mjs asks: the core misses a few paraphrases, which
// stay readable throughout and are listed as a diagnostic). "Readable" is the
// computed state the reader sees (no filter and opacity 1 on it and every ancestor, not
// display none, visibility visible), watched just before each paint by watchFrames(), not
// our attributes: any way of showing one counts, whatever the content script meant.
// Blocks of the page that end blurred (a sample of up to ~400 per page) must not have
// been readable before either. dynamic-comments.html is followed through all its
// batches; its later spoilers must never be readable (the core misses some of them, see
// dynamic.test.mjs, so they need not all end blurred).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EXPECTED, ROOT, LABEL_RECALL_FLOOR, useBrowser, trackBooks, settled, watchFrames, frameReport, blockCount } from './helpers.mjs';

const env = useBrowser({ before, after });
const MAX_UNITS = 400; // blocks watched per page: enough to cover it, cheap enough per frame

const DYNAMIC = 'samples/dynamic-comments.html';

// Clicks "load more" until every batch of dynamic-comments.html is in and scanned.
async function allBatches(page, want) {
  for (let i = 0; i < want.batches.length; i++) {
    if (i > 0) await page.click('#load-more');
    await settled(page, {
      until: (i) => Number(document.getElementById('comment-list').dataset.batches || 0) > i
        && !document.querySelector('.is-loading'),
      arg: i,
    });
  }
}

const nextFrames = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

for (const [sample, want] of Object.entries(EXPECTED)) {
  if (!sample.startsWith('samples/') || !want.blurred.length) continue;
  test(`${sample}: no spoiler of ${want.books.join(', ')} is readable in any frame before its blur`, async (t) => {
    await trackBooks(env.browser, want.books);
    const later = want.blurredLater ?? [];
    const html = fs.readFileSync(path.join(ROOT, 'www', sample), 'utf8');
    const every = Math.max(1, Math.ceil(blockCount(html) / MAX_UNITS));
    const page = await env.browser.context.newPage();
    await watchFrames(page, { spoilers: [...want.blurred, ...later], blocks: true, every });
    await page.goto(env.url(sample));
    await settled(page);
    if (sample === DYNAMIC) await allBatches(page, want);
    await nextFrames(page);
    const r = await frameReport(page);
    await page.close();
    t.diagnostic(`${sample}: ${r.frames} frames watched, text shown at ${r.textShownMs?.toFixed(1)} ms, ` +
      `${r.units} units (every ${every}), ${r.blurredUnits} blurred, watcher ${r.overheadMs.toFixed(1)} ms`);

    assert.ok(r.frames > 0 && r.textShownMs !== null, 'the watcher saw the page painted with its text');
    const missing = r.spoilers.filter((s) => !s.found).map((s) => s.sel);
    assert.deepEqual(missing, [], 'every labelled spoiler is on the page');
    // A labelled spoiler the core never flags is readable by design (an accuracy miss, which
    // `make eval` measures); what must never happen is one that blurs being readable first.
    const flashed = r.spoilers.filter((s) => s.blurred && s.readableAtMs !== null).map((s) => `${s.sel} at ${s.readableAtMs} ms`);
    assert.deepEqual(flashed, [], 'no labelled spoiler was readable in any frame before its blur');
    const unblurred = r.spoilers.filter((s) => want.blurred.includes(s.sel) && !s.blurred).map((s) => s.sel);
    if (unblurred.length) t.diagnostic(`${sample}: labelled spoilers the core does not flag (readable throughout): ${unblurred.join(' ')}`);
    const recall = (want.blurred.length - unblurred.length) / want.blurred.length;
    assert.ok(recall >= LABEL_RECALL_FLOOR, `labelled spoilers of the page as loaded end blurred: ${(recall * 100).toFixed(0)}%; missed ${unblurred.join(' ')}`);
    assert.deepEqual(r.flashes, [], 'no block that ends blurred was readable in an earlier frame');
  });
}
