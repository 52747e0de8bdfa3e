// "Shield this book" from a page about it (issue 16), the way a reader who tracks nothing
// does it: they open an encyclopedia article about The Great Gatsby (served from
// tests/fixtures/articles/ as /articles/), its "Plot" section is blurred before it can
// paint (the plot guard, content/plot-guard.js, no core loaded), they open the toolbar
// popup, press "Shield this book", and the popup says what was found (title, author, how
// many names and phrases) without ever showing the plot; the page is rescanned under the
// new shield and no plot paragraph is readable in any frame, from the first to the last
// (watchFrames, as no-flash.test.mjs). A review of the book then has its spoilers
// blurred. The same by keyboard alone; the setting that turns the guard off; nothing
// offered on a news story. What the guard blurs on each article is what the core's
// readArticle drafts from (its plot blocks), compared here on the real pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadModule } from '../../scripts/prefilter-keys.mjs';
import {
  ROOT, useBrowser, openOptions, openPopup, settled, settingsUntil, setSettings, states, marked, stats,
  watchFrames, frameReport,
} from './helpers.mjs';
import { ARTICLE, BOOK, TITLE, AUTHOR, PLOT, REVIEW, review, SPOILER_FLOOR } from './gatsby-article.mjs';

const UNSHIELDED = `Plot of ${TITLE} · a book you don't shield · click to read`;

const env = useBrowser({ before, after });
const CLI = path.join(ROOT, 'target/release/spoiler-shield');
const authoring = await loadModule(path.join(ROOT, 'pkg'), 'spoiler_shield_authoring');
const WORDS = fs.readFileSync(path.join(ROOT, 'data/english-words.tsv'), 'utf8');

const squash = (text) => text.replace(/\s+/g, ' ').trim();
const labelOf = (page, sel) => page.$eval(sel, (el) => el.getAttribute('aria-label'));
const shieldButton = (popup) => popup.getByRole('button', { name: `Shield this book: ${TITLE} by ${AUTHOR}` });

// The state of every block the page blurred: [{text, book, label}].
function blurredBlocks(page) {
  return page.$$eval('[data-spoiler-shield="blurred"]', (els) => els.map((el) => ({
    text: el.textContent.replace(/\s+/g, ' ').trim(),
    book: el.getAttribute('data-spoiler-shield-book'),
    label: el.getAttribute('aria-label'),
  })));
}

// Waits until every plot paragraph of `page` is blurred with a label matching `label`.
function plotBlurred(page, label) {
  return settled(page, {
    until: ([sels, source]) => sels.every((sel) => {
      const el = document.querySelector(sel);
      return el?.getAttribute('data-spoiler-shield') === 'blurred' && new RegExp(source).test(el.getAttribute('aria-label'));
    }),
    arg: [PLOT, label.source],
  });
}

test('on each article about a book nobody shields, the guard blurs the plot the core would draft from, and nothing else', async (t) => {
  for (const name of ['great-gatsby', 'jane-eyre', 'and-then-there-were-none']) {
    const blocks = JSON.parse(execFileSync(CLI, ['blocks', `tests/fixtures/articles/${name}.html`], { cwd: ROOT }));
    const read = authoring.readArticle(blocks);
    const [start, end] = read.plotBlocks;
    const want = blocks.slice(start, end).filter((b) => !/^h[1-6]$/.test(b.tag)).map((b) => squash(b.text));
    const page = await env.browser.context.newPage();
    await page.goto(env.url(`articles/${name}.html`));
    await settled(page);
    const got = await blurredBlocks(page);
    const s = await stats(page);
    await page.close();
    t.diagnostic(`${name}: ${got.length} blocks blurred; the core drafts from ${want.length} (${read.heading})`);
    assert.deepEqual(got.map((b) => b.text), want, `${name}: the blurred blocks are the plot section`);
    for (const b of got) {
      assert.equal(b.label, `Plot of ${read.title} · a book you don't shield · click to read`);
      assert.equal(b.book, authoring.draftShield(read.title, read.author, read.plot, WORDS).id, 'the id its shield will have');
    }
    assert.equal(s.engines, 0, `${name}: no core loaded for it (stats ${JSON.stringify(s)})`);
  }
});

test('the setting turns the guard off and on again, on the open page', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(env.url(ARTICLE));
  await plotBlurred(page, /a book you don't shield/);
  const { page: options } = await openOptions(env.browser);
  const box = options.getByRole('checkbox', { name: "Hide the plot sections of pages about books I don't shield" });
  assert.equal(await box.isChecked(), true, 'on by default');
  await box.uncheck();
  await settingsUntil(env.browser, ({ sync }) => sync.plotGuard === false, { what: 'the guard off' });
  await settled(page, { until: () => !document.querySelector('[data-spoiler-shield]') });
  assert.deepEqual(Object.values(await states(page, PLOT)), PLOT.map(() => 'clean'));
  await box.check();
  await settingsUntil(env.browser, ({ sync }) => sync.plotGuard === true, { what: 'the guard on' });
  await plotBlurred(page, /a book you don't shield/);
  await page.close();
});

test('the popup offers nothing on a page that is not about a book', async () => {
  for (const sample of ['samples/negative.html', 'articles/no-plot-heading.html']) {
    const page = await env.browser.context.newPage();
    await page.goto(env.url(sample));
    await settled(page);
    const popup = await openPopup(env.browser, page);
    await popup.waitForSelector('#this-book[data-read="done"]', { state: 'attached' });
    assert.equal(await popup.isHidden('#this-book'), true, `${sample}: no "This page" section`);
    assert.equal(await shieldButton(popup).count(), 0);
    await popup.close();
    await page.close();
  }
});

let article; // the article's tab, watched frame by frame from its first

test('"Shield this book": drafted, stored and on, the popup says what was found, and no plot paragraph is ever readable', async (t) => {
  article = await env.browser.context.newPage();
  await watchFrames(article, { spoilers: PLOT });
  await article.goto(env.url(ARTICLE));
  await plotBlurred(article, /^Plot of The Great Gatsby · a book you don't shield · click to read$/);
  assert.equal(await labelOf(article, PLOT[0]), UNSHIELDED);
  assert.equal(await article.$eval(PLOT[0], (el) => el.previousElementSibling.textContent), UNSHIELDED, 'the label shown is its name');
  const plotTexts = await Promise.all(PLOT.map((sel) => article.$eval(sel, (el) => el.textContent.replace(/\s+/g, ' ').trim())));
  const blocks = JSON.parse(execFileSync(CLI, ['blocks', `tests/fixtures/${ARTICLE}`], { cwd: ROOT }));
  const [start, end] = authoring.readArticle(blocks).plotBlocks;
  assert.deepEqual(plotTexts, blocks.slice(start, end).filter((b) => b.tag === 'p').map((b) => squash(b.text)), 'PLOT is the plot section');

  const popup = await openPopup(env.browser, article);
  const button = shieldButton(popup);
  await button.waitFor();
  await button.click();
  const { sync, local } = await settingsUntil(env.browser,
    (s) => s.sync.tracked?.includes(BOOK) && s.local.shields?.some((x) => x.id === BOOK), { what: 'the drafted shield, tracked' });
  const shield = local.shields.find((x) => x.id === BOOK);
  assert.deepEqual([shield.title, shield.author], [TITLE, AUTHOR]);
  assert.equal(sync.off?.includes(BOOK) ?? false, false, 'switched on');
  assert.ok(shield.entities.some((e) => e.name === 'Jay Gatsby'), 'names drafted from the plot');

  // What the popup says: title, author and counts, and the progress control of the book.
  await popup.waitForFunction(() => /^Shielded /.test(document.getElementById('this-book-text').textContent), null, { polling: 50 });
  const said = await popup.textContent('#this-book-text');
  t.diagnostic(said);
  assert.ok(shield.events?.length > 0 && shield.premise?.length > 0, 'the draft\'s events and premise are stored');
  assert.equal(said, `Shielded ${TITLE} by ${AUTHOR}: ${shield.entities.length} names, ${shield.terms.length} phrases ` +
    `and ${shield.events.length} events found on this page. Set how far you have read under Shields.`);
  assert.equal(await popup.textContent('#message'), '', 'no error');
  assert.equal(await button.count(), 0, 'the offer is gone');
  const progress = popup.getByRole('combobox', { name: `Reading progress: ${TITLE}` });
  assert.equal(await progress.count(), 1);
  assert.equal(await popup.evaluate(() => document.activeElement?.id), `progress-${BOOK}`, 'focus goes to its progress');
  // The popup never shows the plot.
  const shown = await popup.evaluate(() => document.body.innerText);
  for (const text of plotTexts) assert.ok(!shown.includes(text.slice(0, 40)), `the popup shows "${text.slice(0, 40)}…"`);
  await popup.close();

  // The tab was rescanned under the new shield: its spoilers carry the shield's own blur,
  // the rest of the plot the guard's, and no plot paragraph was readable in any frame.
  await settled(article, {
    until: (sel) => /^Spoiler for The Great Gatsby/.test(document.querySelector(sel)?.getAttribute('aria-label') ?? ''),
    arg: PLOT.at(-1),
  });
  const after = await marked(article);
  for (const m of after.filter((x) => x.state === 'blurred')) t.diagnostic(`${m.book} ${m.score} [${m.phrases}] ${m.text.slice(0, 50)}`);
  assert.deepEqual(Object.values(await states(article, PLOT)), PLOT.map(() => 'blurred'), 'every plot paragraph stays blurred');
  for (const sel of PLOT) {
    assert.match(await labelOf(article, sel), /^(Spoiler for The Great Gatsby — click to reveal|Plot of The Great Gatsby · click to read)$/, sel);
  }
  assert.ok((await stats(article)).engines >= 1, 'the core runs for the new shield');
  const r = await frameReport(article);
  t.diagnostic(`${r.frames} frames watched`);
  assert.ok(r.frames > 0 && r.textShownMs !== null, 'the page was painted with its text');
  assert.deepEqual(r.spoilers.filter((s) => !s.found || !s.blurred || s.readableAtMs !== null), [], 'no plot paragraph readable in any frame');
  assert.deepEqual(r.flashes, []);
});

test('a review of the book then has its spoilers blurred for the new shield', async (t) => {
  const page = await env.browser.context.newPage();
  await page.goto(env.url(REVIEW));
  await settled(page);
  const got = await states(page, [...review.blurred, ...review.clean]);
  const why = await marked(page);
  await page.close();
  for (const m of why) t.diagnostic(`${m.state} #${m.id} ${m.book} score ${m.score} [${m.phrases}] ${m.text}`);
  const blurred = review.blurred.filter((sel) => got[sel] === 'blurred');
  const wrongly = review.clean.filter((sel) => got[sel] !== 'clean');
  t.diagnostic(`spoilers blurred: ${blurred.length} of ${review.blurred.length}; labelled non-spoilers blurred: ${wrongly.join(' ') || 'none'}`);
  assert.ok(blurred.length >= SPOILER_FLOOR, `at least ${SPOILER_FLOOR} of ${review.blurred.length} spoilers blurred; got ${blurred.join(' ') || 'none'}`);
  for (const m of why.filter((x) => x.state === 'blurred')) assert.equal(m.book, BOOK, `#${m.id} is blurred for the new shield`);
});

test('the same by keyboard alone: Tab to "Shield this book", Enter', async () => {
  // Back to a reader who shields nothing: the article's plot is the guard's again.
  await setSettings(env.browser, { tracked: [], off: [], progress: {} }, []);
  await plotBlurred(article, /a book you don't shield/);
  const popup = await openPopup(env.browser, article);
  await shieldButton(popup).waitFor();
  let tabs = 0;
  while (tabs < 10 && await popup.evaluate(() => document.activeElement?.id) !== 'shield-this') {
    await popup.keyboard.press('Tab');
    tabs++;
  }
  assert.equal(await popup.evaluate(() => document.activeElement?.id), 'shield-this', `reached by Tab (${tabs} presses)`);
  await popup.keyboard.press('Enter');
  await settingsUntil(env.browser, (s) => s.sync.tracked?.includes(BOOK) && s.local.shields?.some((x) => x.id === BOOK),
    { what: 'the drafted shield, tracked' });
  await popup.waitForFunction(() => /^Shielded /.test(document.getElementById('this-book-text').textContent), null, { polling: 50 });
  assert.equal(await popup.evaluate(() => document.activeElement?.id), `progress-${BOOK}`, 'focus goes to its progress');
  await popup.close();
  await settled(article, {
    until: (sel) => /^Spoiler for The Great Gatsby/.test(document.querySelector(sel)?.getAttribute('aria-label') ?? ''),
    arg: PLOT.at(-1),
  });
  assert.deepEqual(Object.values(await states(article, PLOT)), PLOT.map(() => 'blurred'));
});
