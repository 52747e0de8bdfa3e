// The popup, opened as a page pointed at the sample tab (?tab=<id>): it lists the tracked
// books as switches named by their titles and the tab's blurred count (also the badge);
// switching a shield off unblurs the open page at once and on blurs it again; "Reveal all"
// and "Pause on this site" act on the open page without a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EXPECTED, useBrowser, trackBooks, openSettled, openPopup, settled, stats, tabIdOf, worker } from './helpers.mjs';

const SAMPLE = 'samples/review-blog.html';
const want = EXPECTED[SAMPLE];
let page;
let popup;

const env = useBrowser({
  before, after,
  setup: async () => {
    await trackBooks(env.browser, [...want.books, 'gone-girl']);
    page = await openSettled(env, SAMPLE);
    popup = await openPopup(env.browser, page);
  },
});

// Waits until the sample page shows between `lo` and `hi` blurred blocks; returns how many.
async function blurredOnPage(lo, hi = lo) {
  await page.waitForFunction(([lo, hi]) => {
    const n = document.querySelectorAll('[data-spoiler-shield="blurred"]').length;
    return n >= lo && n <= hi;
  }, [lo, hi], { timeout: 10_000, polling: 50 });
  return page.$$eval('[data-spoiler-shield="blurred"]', (els) => els.length);
}

async function badge() {
  const tabId = await tabIdOf(env.browser, page);
  return worker(env.browser).evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId);
}

test('the popup lists tracked books as switches named by title, and the blurred count', async () => {
  const nlmg = popup.getByRole('checkbox', { name: /Never Let Me Go/ });
  const gg = popup.getByRole('checkbox', { name: /Gone Girl/ });
  assert.equal(await nlmg.isChecked(), true);
  assert.equal(await gg.isChecked(), true);
  const n = (await stats(page)).blurred;
  assert.ok(n > 0);
  await popup.bringToFront();
  await popup.waitForFunction((n) => document.getElementById('count').textContent.startsWith(`${n} `), n, { polling: 50 });
  assert.equal(await badge(), String(n));
});

test('switching the shield off unblurs the open page at once; on blurs it again', async () => {
  const before = await blurredOnPage(1, Infinity);
  const nlmg = popup.getByRole('checkbox', { name: /Never Let Me Go/ });
  await nlmg.uncheck();
  await blurredOnPage(0);
  assert.equal(await page.locator('spoiler-shield-label').count(), 0, 'labels go too');
  await popup.waitForFunction(() => document.getElementById('count').textContent.startsWith('0 '), null, { polling: 50 });
  assert.equal(await badge(), '');
  await nlmg.check();
  assert.equal(await blurredOnPage(before), before);
});

test('"Reveal all on this page" reveals every blurred block', async () => {
  const n = await blurredOnPage(1, Infinity);
  await popup.getByRole('button', { name: 'Reveal all on this page' }).click();
  await blurredOnPage(0);
  assert.equal(await page.$$eval('[data-spoiler-shield="revealed"]', (els) => els.length), n);
});

test('"Pause on this site" unblurs the page, survives a reload, and resumes', async () => {
  await page.reload();
  await settled(page);
  const n = await blurredOnPage(1, Infinity);
  await popup.bringToFront();
  await popup.getByRole('button', { name: 'Pause on this site' }).click();
  await blurredOnPage(0);
  assert.equal(await page.locator('[data-spoiler-shield]').count(), 0);

  await page.reload();
  await settled(page);
  assert.equal((await stats(page)).path, null, 'a paused site is not scanned at all');
  assert.equal(await page.locator('[data-spoiler-shield]').count(), 0);

  await popup.bringToFront();
  const resume = popup.getByRole('button', { name: /^Resume on / });
  assert.equal(await resume.getAttribute('aria-pressed'), 'true');
  await resume.click();
  assert.equal(await blurredOnPage(n), n);
});
