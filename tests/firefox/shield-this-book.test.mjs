// "Shield this book" in Firefox ESR (issue 16), as tests/e2e/shield-this-book.test.mjs does
// it in Chromium: a reader who tracks nothing opens an encyclopedia article about The Great
// Gatsby and finds its "Plot" section blurred by the plot guard; the toolbar popup offers
// the book, drafts its shield with the authoring module (Wasm in an extension page of
// Firefox), stores it and switches it on; the article keeps every plot paragraph blurred
// under the new shield, and a review of the book has its spoilers blurred for it. What
// Firefox adds to the Chromium test: its own messaging from the popup to the tab's top
// frame, its extension pages' CSP for the authoring module, and its storage. The
// frame-by-frame watch of the plot is the Chromium test's (Playwright's page hooks).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  useFirefox, trackBooks, openTab, openExtensionTab, inExtension, tabIdOf, waitFor, textMatching, settled, states, booksOf,
} from './helpers.mjs';
import { ARTICLE, BOOK, TITLE, AUTHOR, PLOT, REVIEW, review, SPOILER_FLOOR } from '../e2e/gatsby-article.mjs';

const env = useFirefox({ before, after, setup: () => trackBooks(env.browser, []) });
const driver = () => env.browser.driver;

// Waits until every plot paragraph of the current tab is blurred with a label matching `source`.
function plotBlurred(source, what) {
  return waitFor(driver(), (sels, source) => sels.every((sel) => {
    const el = document.querySelector(sel);
    return el?.getAttribute('data-spoiler-shield') === 'blurred' && new RegExp(source).test(el.getAttribute('aria-label'));
  }), { args: [PLOT, source], what });
}

// The settings once `holds(sync, local)` is true of them (read in the control tab).
async function settingsUntil(holds, what) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const s = await inExtension(env.browser, async () => ({ sync: await chrome.storage.sync.get(null), local: await chrome.storage.local.get('shields') }));
    if (holds(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('the popup drafts the article\'s book, stores it on, and the plot stays blurred under it', async (t) => {
  const article = await openTab(env.browser, env.url(ARTICLE));
  await plotBlurred(`^Plot of ${TITLE} · a book you don't shield · click to read$`, 'the plot blurred by the guard');
  const plotTexts = await driver().executeScript((sels) => sels.map((sel) => document.querySelector(sel).textContent.replace(/\s+/g, ' ').trim()), PLOT);

  const tabId = await tabIdOf(env.browser, env.url(ARTICLE));
  assert.ok(Number.isInteger(tabId), 'the extension sees the article\'s tab');
  await openExtensionTab(env.browser, `popup/popup.html?tab=${tabId}`);
  const name = `Shield this book: ${TITLE} by ${AUTHOR}`;
  const button = await waitFor(driver(), () => {
    const offer = document.getElementById('shield-this');
    return !offer.hidden && offer.textContent && offer;
  }, { what: 'the offer' });
  assert.equal(await button.getAccessibleName(), name);
  await button.click();

  const { sync, local } = await settingsUntil((s) => s.sync.tracked?.includes(BOOK) && s.local.shields?.some((x) => x.id === BOOK),
    'the drafted shield, tracked');
  const shield = local.shields.find((x) => x.id === BOOK);
  assert.deepEqual([shield.title, shield.author], [TITLE, AUTHOR]);
  assert.equal(sync.off?.includes(BOOK) ?? false, false, 'switched on');
  assert.ok(shield.entities.some((e) => e.name === 'Jay Gatsby'), 'names drafted from the plot');
  const said = await textMatching(driver(), 'this-book-text', /^Shielded /, 'what the popup says');
  t.diagnostic(said);
  assert.equal(said, `Shielded ${TITLE} by ${AUTHOR}: ${shield.entities.length} names, ${shield.terms.length} phrases ` +
    `and ${shield.events.length} events found on this page. Set how far you have read under Shields.`);
  assert.equal(await driver().executeScript(() => document.getElementById('message').textContent), '', 'no error');
  assert.equal(await driver().executeScript(() => document.getElementById('shield-this').hidden), true, 'the offer is gone');
  const shown = await driver().executeScript(() => document.body.innerText);
  for (const text of plotTexts) assert.ok(!shown.includes(text.slice(0, 40)), `the popup shows "${text.slice(0, 40)}…"`);

  // The article is scanned again under the new shield: its last plot paragraph (the
  // ending) takes the shield's own blur, and no plot paragraph is left unblurred.
  await driver().switchTo().window(article);
  await waitFor(driver(), (sel) => /^Spoiler for The Great Gatsby/.test(document.querySelector(sel)?.getAttribute('aria-label') ?? ''),
    { args: [PLOT.at(-1)], what: 'the ending blurred for the new shield' });
  await settled(driver());
  assert.deepEqual(Object.values(await states(driver(), PLOT)), PLOT.map(() => 'blurred'), 'every plot paragraph stays blurred');
  assert.deepEqual([...new Set(Object.values(await booksOf(driver(), PLOT)))], [BOOK]);
});

test('a review of the book then has its spoilers blurred for the new shield', async (t) => {
  await openTab(env.browser, env.url(REVIEW));
  await settled(driver());
  const got = await states(driver(), [...review.blurred, ...review.clean]);
  const books = await booksOf(driver(), review.blurred);
  const blurred = review.blurred.filter((sel) => got[sel] === 'blurred');
  t.diagnostic(`spoilers blurred: ${blurred.length} of ${review.blurred.length}`);
  assert.ok(blurred.length >= SPOILER_FLOOR, `at least ${SPOILER_FLOOR} of ${review.blurred.length} spoilers blurred; got ${blurred.join(' ') || 'none'}`);
  for (const sel of blurred) assert.equal(books[sel], BOOK, `${sel} is blurred for the new shield`);
});
