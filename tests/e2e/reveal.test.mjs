// Revealing: a click, Enter or Space reveals a blurred block; a revealed block stays
// revealed (also through a rescan); its label hides it again. The blurred block is a
// button for assistive technology, and its label names the book.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useSample, setSettings, settled, states, stats, GONE_GIRL_SENTINEL } from './helpers.mjs';

const SAMPLE = 'samples/review-blog.html';
let page;
const { env, want } = useSample(SAMPLE, { before, after, opened: (p) => { page = p; } });

// The first `n` expected-blurred blocks that really are blurred (the samples test checks
// the full list; these tests need a few to act on).
async function blurredTargets(n) {
  const got = await states(page, want.blurred);
  const ids = want.blurred.filter((sel) => got[sel] === 'blurred');
  assert.ok(ids.length >= n, `need ${n} blurred blocks, have ${ids.length}`);
  return ids.slice(0, n);
}

test('a blurred block is a labelled button with an overlay naming the book', async () => {
  const [sel] = await blurredTargets(1);
  const info = await page.$eval(sel, (el) => ({
    role: el.getAttribute('role'),
    tabindex: el.getAttribute('tabindex'),
    ariaLabel: el.getAttribute('aria-label'),
    book: el.getAttribute('data-spoiler-shield-book'),
    filter: getComputedStyle(el).filter,
    label: el.previousElementSibling?.tagName === 'SPOILER-SHIELD-LABEL' ? el.previousElementSibling.textContent : null,
    inlineStyle: el.getAttribute('style'),
  }));
  assert.equal(info.role, 'button');
  assert.equal(info.tabindex, '0');
  assert.match(info.ariaLabel, /Never Let Me Go/);
  assert.equal(info.book, 'never-let-me-go');
  assert.match(info.filter, /blur/);
  assert.equal(info.label, 'Spoiler for Never Let Me Go — click to reveal');
  assert.equal(info.ariaLabel, info.label, 'the name is the label the reader sees');
  // The one inline style we add: the blur, pinned against page CSS (extension/content/README.md).
  assert.equal(info.inlineStyle, 'filter: blur(0.45em) !important;', 'no inline style on the page\'s nodes but our blur');
});

test('blurring does not move anything on the page', async () => {
  const [sel] = await blurredTargets(1);
  const layout = () => page.$$eval('main p, main li, main h2', (els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return [Math.round(r.top + scrollY), Math.round(r.left), Math.round(r.height)];
  }));
  const blurred = await layout();
  await page.click(sel);
  assert.deepEqual(await layout(), blurred);
});

test('click reveals; the label hides again; the block stays revealed through a rescan', async () => {
  const [, sel] = await blurredTargets(2);
  await page.click(sel);
  assert.equal((await states(page, [sel]))[sel], 'revealed');
  const revealed = await page.$eval(sel, (el) => ({ role: el.getAttribute('role'), filter: getComputedStyle(el).filter, style: el.getAttribute('style') }));
  assert.equal(revealed.role, null, 'the page\'s own role comes back');
  assert.equal(revealed.style, null, 'the inline blur goes, and the page\'s node has no style attribute again');
  assert.doesNotMatch(revealed.filter, /blur/);

  // Any settings change rescans every block; a revealed block must not blur again. The
  // rescan has to be seen to have passed the block: a Gone Girl spoiler at the end of the
  // page, scanned and clean while only Never Let Me Go is tracked, blurs when the change
  // also tracks Gone Girl, and the rescan walks the page in order.
  const blocks = (await stats(page)).blocks;
  await page.evaluate((text) => document.body.append(Object.assign(document.createElement('p'), { id: 'gg-last', textContent: text })), GONE_GIRL_SENTINEL);
  await settled(page, { until: (n) => JSON.parse(document.documentElement.getAttribute('data-spoiler-shield-stats')).blocks > n, arg: blocks });
  assert.equal((await states(page, ['#gg-last']))['#gg-last'], 'clean', 'Gone Girl is not tracked yet');
  await setSettings(env.browser, { tracked: [...want.books, 'gone-girl'] });
  await settled(page, { until: () => document.getElementById('gg-last').getAttribute('data-spoiler-shield') === 'blurred' });
  assert.equal((await states(page, [sel]))[sel], 'revealed');
  await page.$eval('#gg-last', (el) => el.remove());

  const label = page.locator(`spoiler-shield-label:has(+ ${sel})`);
  assert.equal(await label.getAttribute('role'), 'button');
  await label.click();
  assert.equal((await states(page, [sel]))[sel], 'blurred');
});

test('Enter and Space reveal the focused block', async () => {
  const [, , a, b] = await blurredTargets(4);
  await page.focus(a);
  await page.keyboard.press('Enter');
  assert.equal((await states(page, [a]))[a], 'revealed');
  // Focus moves to the revealed block; the "hide" label just before it hides it again.
  assert.equal(await page.evaluate(() => `#${document.activeElement.id}`), a);
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SPOILER-SHIELD-LABEL');
  await page.keyboard.press('Enter');
  assert.equal((await states(page, [a]))[a], 'blurred');

  const scrollBefore = await page.evaluate(() => scrollY);
  await page.focus(b);
  const scrollFocused = await page.evaluate(() => scrollY);
  await page.keyboard.press(' ');
  assert.equal((await states(page, [b]))[b], 'revealed');
  assert.equal(await page.evaluate(() => scrollY), scrollFocused, 'Space does not scroll the page');
  assert.ok(scrollBefore >= 0);
});

test('a click on a link inside a blurred block reveals instead of navigating', async () => {
  const url = page.url();
  const sel = await page.evaluate(() => {
    const block = [...document.querySelectorAll('[data-spoiler-shield="blurred"]')].find((el) => !el.querySelector('a'));
    if (!block) return null;
    const a = document.createElement('a');
    a.href = '#somewhere-else';
    a.id = 'link-in-spoiler';
    a.textContent = ' (link)';
    block.append(a);
    return `#${block.id}`;
  });
  assert.ok(sel);
  await settled(page);
  await page.click('#link-in-spoiler', { force: true });
  assert.equal(page.url(), url);
  assert.equal((await states(page, [sel]))[sel], 'revealed');
});
