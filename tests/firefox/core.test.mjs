// The core cases in Firefox ESR, with the same DOM contract the Chromium tests read: a
// sample review blurs its spoilers for the book and nothing else, a click, Enter or Space
// reveals a blurred block, and the popup's switch named by the book's title turns the
// shield off on the open page (and on again) without a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LABEL_RECALL_FLOOR, againstLabels } from '../e2e/helpers.mjs';
import {
  EXPECTED, By, Key, useFirefox, trackBooks, openSettled, openExtensionTab, tabIdOf, waitFor, textMatching, states, booksOf,
} from './helpers.mjs';

const SAMPLE = 'samples/review-blog.html';
const want = EXPECTED[SAMPLE];
let page; // the sample page's window handle
let first; // its stats once settled
let blurredFirst; // the labelled spoilers blurred once settled

const env = useFirefox({
  before, after,
  setup: async () => {
    await trackBooks(env.browser, want.books);
    ({ handle: page, stats: first } = await openSettled(env, SAMPLE));
    blurredFirst = await blurredNow();
  },
});
const driver = () => env.browser.driver;

// Blocks of the sample that are blurred now, in the order of the labels.
async function blurredNow() {
  await driver().switchTo().window(page);
  const got = await states(driver(), want.blurred);
  return want.blurred.filter((sel) => got[sel] === 'blurred');
}

test('the spoilers are blurred for their book, nothing else is, by the content script\'s own Wasm', async (t) => {
  t.diagnostic(`${first.blurred} blurred via ${first.path}; core ready at ${first.coreMs} ms, ` +
    `shown at ${first.readyMs} ms, walk ${first.walkMs} ms, scan ${first.scanMs} ms`);
  assert.equal(first.path, 'wasm', `in-page Wasm (why not: ${first.why})`);
  assert.equal(first.early, true, 'content/early.js began and content/content.js took over what it started, in Firefox too');
  const got = await states(driver(), [...want.blurred, ...want.clean]);
  const { missed, wronglyBlurred, recall } = againstLabels(got, want.blurred, want.clean);
  assert.deepEqual(wronglyBlurred, [], 'no labelled non-spoiler is blurred');
  assert.ok(recall >= LABEL_RECALL_FLOOR, `missed ${missed.join(' ')}`);
  const books = await booksOf(driver(), blurredFirst);
  assert.deepEqual(new Set(Object.values(books)), new Set([want.book]));
});

test('a click reveals a blurred block', async () => {
  const [sel] = await blurredNow();
  await driver().findElement(By.css(sel)).click();
  assert.equal((await states(driver(), [sel]))[sel], 'revealed');
});

test('Enter and Space reveal the focused block', async () => {
  const [enter, space] = await blurredNow();
  for (const [sel, key, name] of [[enter, Key.ENTER, 'Enter'], [space, Key.SPACE, 'Space']]) {
    await driver().executeScript((sel) => document.querySelector(sel).focus(), sel);
    await driver().actions().sendKeys(key).perform();
    assert.equal((await states(driver(), [sel]))[sel], 'revealed', `${name} on ${sel}`);
  }
});

// The popup's switch whose accessible name holds `title` (the popup is the current tab).
async function switchNamed(title) {
  const boxes = await driver().findElements(By.css('#books input[type="checkbox"]'));
  const names = await Promise.all(boxes.map((b) => b.getAccessibleName()));
  const index = names.findIndex((n) => n.includes(title));
  assert.ok(index >= 0, `a switch named by ${title} among ${JSON.stringify(names)}`);
  return boxes[index];
}

// Off clears every mark, revealed ones too, so on blurs what blurred at first.
test('the popup switch named by the title turns the shield off on the open page, and on again', async () => {
  const blurred = (await blurredNow()).length;
  assert.ok(blurred > 0);
  const tabId = await tabIdOf(env.browser, env.url(SAMPLE));
  assert.ok(Number.isInteger(tabId), 'the extension sees the sample tab');
  const popup = await openExtensionTab(env.browser, `popup/popup.html?tab=${tabId}`);
  // The popup's count is the toolbar badge (storage.session, action.setBadgeText).
  const count = await textMatching(driver(), 'count', /^\d+ /, 'the popup\'s count');
  assert.equal(count, `${blurred} paragraphs blurred on this page.`);

  const title = 'Never Let Me Go';
  const toggle = await switchNamed(title);
  assert.equal(await toggle.isSelected(), true);
  // The popup re-renders its list when the change is stored; the old items are tagged so
  // the test can wait for the new ones instead of clicking a switch about to be replaced.
  await driver().executeScript(() => { for (const li of document.querySelectorAll('#books li')) li.dataset.testOld = ''; });
  await toggle.click();
  await driver().switchTo().window(page);
  await waitFor(driver(), () => !document.querySelector('[data-spoiler-shield="blurred"]'), { what: 'no blurred block' });
  assert.equal(await driver().executeScript(() => document.querySelectorAll('spoiler-shield-label').length), 0, 'labels go too');

  // The popup re-rendered its list on the settings change: wait for that, then find the
  // switch again.
  await driver().switchTo().window(popup);
  await waitFor(driver(), () => document.querySelector('#books li') && !document.querySelector('#books li[data-test-old]'),
    { what: 'the popup\'s list rendered from the stored change' });
  const again = await switchNamed(title);
  assert.equal(await again.isSelected(), false);
  await again.click();
  await driver().switchTo().window(page);
  await waitFor(driver(), (sels) => sels.every((sel) => document.querySelector(sel).getAttribute('data-spoiler-shield') === 'blurred'),
    { args: [blurredFirst], what: `${blurredFirst.join(' ')} blurred again` });
  assert.deepEqual(await blurredNow(), blurredFirst);
});
