// Content that arrives after load (www/samples/dynamic-comments.html: a comment thread
// rendered one second after load, more batches on "load more", one batch as placeholders
// filled in 150 ms later) is blurred as it arrives, and no spoiler of it is ever readable
// in a painted frame before that.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LABEL_RECALL_FLOOR, againstLabels, useSample, settled, states, stats, watchLeaks, leaks } from './helpers.mjs';

const SAMPLE = 'samples/dynamic-comments.html';
let page;
// Leaks are watched from the first frame, so the tab is opened by hand.
async function openWatched(env, sample, want) {
  const tab = await env.browser.context.newPage();
  await watchLeaks(tab, [...want.blurred, ...want.blurredLater]);
  await tab.goto(env.url(sample));
  await settled(tab);
  return tab;
}
const { want } = useSample(SAMPLE, { before, after, open: openWatched, opened: (p) => { page = p; } });

// Waits until batch `i` is rendered (the page counts them in data-batches), hydrated (no
// placeholder left) and scanned. No extra wait after the hydration: it writes the texts and
// drops .is-loading in one task, our MutationObserver marks the changed blocks queued at the
// end of that task, and settled() waits until nothing is queued.
async function batchScanned(i) {
  await settled(page, {
    until: (i) => Number(document.getElementById('comment-list').dataset.batches || 0) > i
      && !document.querySelector('.is-loading'),
    arg: i,
  });
}

function split(ids) {
  return { blurred: ids.filter((id) => want.blurredLater.includes(id)), clean: ids.filter((id) => want.cleanLater.includes(id)) };
}

test('the initial page is blurred as expected', async () => {
  const got = await states(page, [...want.blurred, ...want.clean]);
  const { missed, wronglyBlurred, recall } = againstLabels(got, want.blurred, want.clean);
  assert.deepEqual(wronglyBlurred, []);
  assert.ok(recall >= LABEL_RECALL_FLOOR, `missed ${missed.join(' ')}`);
});

// Labelled spoilers of the later batches, and which of them blurred, over all batches:
// the recall floor is a share, which three comments of one batch cannot measure.
const later = { spoilers: [], blurred: [] };

for (const [i, ids] of want.batches.entries()) {
  test(`comment batch ${i} is blurred as it arrives`, async () => {
    if (i > 0) await page.click('#load-more');
    await batchScanned(i);
    const { blurred, clean } = split(ids);
    const got = await states(page, ids);
    const { missed, wronglyBlurred } = againstLabels(got, blurred, clean);
    assert.deepEqual(wronglyBlurred, [], 'no labelled non-spoiler blurred');
    later.spoilers.push(...blurred);
    later.blurred.push(...blurred.filter((sel) => !missed.includes(sel)));
    if (blurred.length) assert.ok(missed.length < blurred.length, `some spoiler of the batch blurs; missed ${missed.join(' ')}`);
  });
}

// The later comments are the hardest paraphrases of the sample set ("his bomb design",
// "plants primroses beside her house"), so their floor is half: measured 5 of 9 with the
// catalog shields of this commit. A regression in how later content is scanned drops it
// to near zero, which is what this guards.
const LATER_RECALL_FLOOR = 0.5;

test('comments loaded later are blurred about as well as the initial page', () => {
  assert.ok(later.spoilers.length > 0);
  const recall = later.blurred.length / later.spoilers.length;
  assert.ok(recall >= LATER_RECALL_FLOOR, `${later.blurred.length} of ${later.spoilers.length} later spoilers blurred`);
});

test('no spoiler was readable in any painted frame', async () => {
  assert.deepEqual(await leaks(page), []);
  const s = await stats(page);
  assert.ok(s.batches > want.batches.length, `scanned in batches as content arrived (${s.batches})`);
});
