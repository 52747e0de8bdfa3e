// A section headed "Plot" on a page about a tracked book retells the book: its paragraphs
// blur on half the usual evidence (src/section.rs). plot-section.html, an encyclopedia
// article about Of Mice and Men, holds two Plot paragraphs with one minor reveal each
// (`plotSectionOnly`), one with a major reveal, and under "Reception" a paragraph with a
// minor reveal of the same weight. Served as it is, the three Plot paragraphs blur and the
// Reception one does not; served with the heading renamed "Story", only the major reveal
// blurs: the heading, not the paragraphs' words, made the difference.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EXPECTED, useBrowser, trackBooks, settled, states } from './helpers.mjs';

const SAMPLE = 'samples/plot-section.html';
const want = EXPECTED[SAMPLE];
const env = useBrowser({ before, after, setup: ({ browser }) => trackBooks(browser, want.books) });

// Opens the sample, its HTML passed through `edit` on the way in, and returns every
// labelled block's state.
async function open(edit = (html) => html) {
  const page = await env.browser.context.newPage();
  await page.route(env.url(SAMPLE), async (route) => {
    const served = await route.fetch();
    await route.fulfill({ response: served, body: edit(await served.text()) });
  });
  await page.goto(env.url(SAMPLE));
  await settled(page);
  const got = await states(page, [...want.blurred, ...want.clean]);
  await page.close();
  return got;
}

const blurred = (got) => Object.keys(got).filter((sel) => got[sel] === 'blurred').sort();

test('under a "Plot" heading minor reveals blur; the same weight under "Reception" does not', async () => {
  assert.deepEqual(blurred(await open()), [...want.blurred].sort());
});

test('the same page with the heading renamed "Story": only the major reveal blurs', async () => {
  const got = await open((html) => html.replace('<h2 id="h-plot">Plot</h2>', '<h2 id="h-plot">Story</h2>'));
  const expected = want.blurred.filter((sel) => !want.plotSectionOnly.includes(sel)).sort();
  assert.equal(got['#h-plot'], 'clean');
  assert.deepEqual(blurred(got), expected);
});
