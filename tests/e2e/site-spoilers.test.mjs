// The sites' own spoiler markup: a spoiler the site already hides (Reddit, Goodreads,
// StackExchange, TV Tropes, Discourse, Mastodon, a closed <details>) is left exactly as the
// site made it: never blurred, labelled or revealed by us, and its own reveal control
// still works; the text around it is still read, and spoilers the site does not hide blur.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useSample, trackBooks, settled, states, stats, caughtUp } from './helpers.mjs';

const SAMPLE = 'samples/site-spoilers.html';
let page;
const { env, want } = useSample(SAMPLE, { before, after, opened: (p) => { page = p; } });

// Each site-hidden spoiler: what the reader clicks to reveal it the way the site does, and
// the element whose text must then be readable.
const REVEALS = {
  '#rd-spoiler': { click: '#rd-spoiler', text: '#rd-spoiler' },
  '#sr-spoiler': { click: '#sr-spoiler', text: '#sr-spoiler' },
  '#gr-spoiler': { click: '#gr-view', text: '#gr-spoiler' },
  '#se-spoiler': { click: '#se-spoiler', text: '#se-spoiler > p' },
  '#tvt-spoiler': { click: '#tvt-spoiler', text: '#tvt-spoiler' },
  '#dc-spoiler': { click: '#dc-spoiler', text: '#dc-spoiler > p' },
  '#ms-cw': { click: '#ms-show', text: '#ms-cw .status__content__text' },
  '#faq-spoiler': { click: '#faq-spoiler > summary', text: '#faq-spoiler > p' },
};

// Whether the text of `sel` can be read: rendered, visible, not transparent, and neither
// it nor an ancestor blurred (by the site or by us).
function readable(sel) {
  return page.$eval(sel, (el) => {
    const shown = el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true, opacityProperty: true, visibilityProperty: true });
    const style = getComputedStyle(el);
    const transparent = style.color === 'rgba(0, 0, 0, 0)';
    let blurred = false;
    for (let a = el; a; a = a.parentElement) blurred ||= getComputedStyle(a).filter.includes('blur');
    return shown && !transparent && !blurred;
  });
}

// Any trace of us on or around a site-hidden element: our state or queue mark on it or an
// ancestor, on anything inside it, a label inside it or just before it.
function ourMarks(sel) {
  return page.$eval(sel, (el) => ({
    onOrAbove: el.closest('[data-spoiler-shield], [data-spoiler-shield-queued]')?.id ?? null,
    inside: el.querySelectorAll('[data-spoiler-shield], [data-spoiler-shield-queued], [data-spoiler-shield-book]').length,
    labelInside: el.querySelectorAll('spoiler-shield-label').length,
    labelBefore: el.previousElementSibling?.tagName === 'SPOILER-SHIELD-LABEL',
  }));
}

const NO_MARKS = { onOrAbove: null, inside: 0, labelInside: 0, labelBefore: false };

test('spoilers the site does not hide blur; the blocks around hidden ones stay clean', async () => {
  const got = await states(page, [...want.blurred, ...want.clean]);
  assert.deepEqual(want.blurred.filter((sel) => got[sel] !== 'blurred'), [], 'unhidden spoilers are blurred');
  assert.deepEqual(want.clean.filter((sel) => got[sel] !== 'clean'), [], 'nothing else is blurred');
  assert.equal((await stats(page)).blurred, want.blurred.length);
});

test('a spoiler the site hides carries no mark of ours and is exactly as the page served it', async () => {
  const served = await page.evaluate(async (sels) => {
    const doc = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
    return sels.map((sel) => [sel, doc.querySelector(sel).outerHTML === document.querySelector(sel).outerHTML]);
  }, want.siteHidden);
  assert.deepEqual(served.filter(([, same]) => !same).map(([sel]) => sel), [], 'unchanged since served');
  for (const sel of want.siteHidden) {
    assert.deepEqual(await ourMarks(sel), NO_MARKS, `${sel} untouched`);
    assert.equal(await readable(REVEALS[sel].text), false, `${sel} starts hidden by the site`);
  }
});

test('each site\'s own reveal control still works, and we do not blur what it reveals', async () => {
  assert.deepEqual(Object.keys(REVEALS).sort(), [...want.siteHidden].sort());
  for (const [sel, { click, text }] of Object.entries(REVEALS)) {
    await page.click(click);
    assert.equal(await readable(text), true, `${sel} readable after its site's reveal`);
    assert.deepEqual(await ourMarks(sel), NO_MARKS, `${sel} untouched after its reveal`);
  }
  // A rescan (any settings change) must not blur what the reader opened, a <details> that
  // is no longer closed included.
  const { batches } = await stats(page);
  await trackBooks(env.browser, want.books);
  await settled(page, { until: (n) => JSON.parse(document.documentElement.getAttribute('data-spoiler-shield-stats')).batches > n, arg: batches });
  for (const [sel, { text }] of Object.entries(REVEALS)) {
    assert.equal(await readable(text), true, `${sel} still readable after a rescan`);
    assert.deepEqual(await ourMarks(sel), NO_MARKS, `${sel} untouched after a rescan`);
  }
  const got = await states(page, want.blurred);
  assert.deepEqual(want.blurred.filter((sel) => got[sel] !== 'blurred'), [], 'unhidden spoilers blur again after the rescan');
});

test('comments added later: a site-hidden spoiler is left alone, an unhidden one blurs', async () => {
  await page.evaluate(() => {
    const md = document.querySelector('#rd1').parentElement;
    md.insertAdjacentHTML('beforeend',
      '<p id="rd-late1">Late to this thread, but wow: <span class="md-spoiler-text" id="rd-late-spoiler">the Hailsham students are clones bred to donate their organs until they complete</span>. What a book.</p>' +
      '<p id="rd-late2">Late to this thread, but wow: the Hailsham students are clones bred to donate their organs until they complete. What a book.</p>');
  });
  await settled(page, { until: () => document.querySelector('#rd-late2')?.getAttribute('data-spoiler-shield') === 'blurred' });
  assert.deepEqual(await states(page, ['#rd-late1', '#rd-late2']), { '#rd-late1': 'clean', '#rd-late2': 'blurred' });
  assert.deepEqual(await ourMarks('#rd-late-spoiler'), NO_MARKS);

  // Text added inside a hidden spoiler is not read either.
  await page.evaluate(() => document.querySelector('#gr-spoiler').prepend('Ruth completes and Tommy completes after his fourth donation. '));
  // Left alone has no event of its own: a sentinel spoiler added after it is blurred only
  // once the content script has looked at every change before it.
  const sentinel = await caughtUp(page);
  assert.deepEqual(await states(page, ['#gr1']), { '#gr1': 'clean' });
  assert.deepEqual(await ourMarks('#gr-spoiler'), NO_MARKS);
  await page.$eval(sentinel, (el) => el.remove());
});
