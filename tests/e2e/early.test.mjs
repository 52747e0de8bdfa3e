// Starting early: spoilers in a page's initial HTML are never readable before they blur
// (the page stays hidden until its first scan is written, with a failsafe that must not be
// what shows it), and a huge page is worked through in slices. How long a slice takes is
// measured by `make bench`, not asserted here: timings on a shared CI machine flake.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EXPECTED, useBrowser, trackBooks, settled, states, stats, watchLeaks, leaks } from './helpers.mjs';

const env = useBrowser({ before, after });

for (const sample of ['samples/review-blog.html', 'samples/forum-thread.html', 'samples/many-comments.html']) {
  const want = EXPECTED[sample];
  test(`${sample}: no spoiler readable before it blurs`, async (t) => {
    await trackBooks(env.browser, want.books);
    const page = await env.browser.context.newPage();
    await watchLeaks(page, want.blurred);
    await page.goto(env.url(sample));
    await settled(page, { timeout: 60_000 });
    const s = await stats(page);
    t.diagnostic(`${sample}: shown at ${s.readyMs} ms (module ${s.moduleMs}, settings ${s.settingsMs}, ` +
      `core ${s.coreMs}); ${s.blocks} blocks in ${s.batches} batches; walk ${s.walkMs} ms, scan ${s.scanMs} ms, ` +
      `write ${s.writeMs} ms; longest slice ${s.longestSliceMs} ms`);
    const got = await states(page, want.blurred);
    const blurred = want.blurred.filter((sel) => got[sel] === 'blurred');
    assert.deepEqual(await leaks(page), [], 'no expected spoiler was readable after any frame');
    assert.ok(blurred.length > 0, 'the check watched blocks that do blur');
    assert.equal(s.failsafe, false);
    // The settings read was started by the small first script, before the bundle was
    // compiled (extension/content/begin.js), not by the bundle itself.
    assert.equal(s.early, true, 'content/early.js began, and content/content.js took over what it started');
    if (sample.includes('many-comments')) assert.ok(s.batches > 1, `sliced into ${s.batches} batches`);
    await page.close();
  });
}
