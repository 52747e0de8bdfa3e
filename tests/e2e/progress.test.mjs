// Reading progress: the same page (review-blog.html, Never Let Me Go tracked) read at three
// points of the book gives three different sets of blurred blocks, fewer the further the
// reader is, none once they finished it. Progress is set through the popup (the list of
// parts, the percent field) and through the settings hook, and applies to the open tab
// without a reload. "Finished" suggests switching the shield off, with a button that does;
// settings from before progress existed, or with unusable values, still work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, useSample, setSettings, getSettings, openPopup, settled, worker } from './helpers.mjs';

const SAMPLE = 'samples/review-blog.html';
const BOOK = 'never-let-me-go';
const SHIELD = JSON.parse(fs.readFileSync(path.join(ROOT, 'shields', `${BOOK}.json`), 'utf8'));
// The middle part: the first that starts after 0% and before the end (Part Two).
const MIDDLE = SHIELD.parts.find((p) => p.percent > 0 && p.percent < 100);

let page;
let popup;
const sets = {}; // percent read → the ids of the blocks blurred on the page
const { env } = useSample(SAMPLE, { before, after, opened: (p) => { page = p; } });

// The ids of the blocks blurred on the page now, sorted.
function blurredIds() {
  return page.$$eval('[data-spoiler-shield="blurred"]', (els) => els.map((el) => el.id || el.tagName).sort());
}

// Waits until the page's blurred set is no longer `old` and the rescan has settled; the
// set then is the verdict of the new settings, applied to the open tab without a reload.
async function afterChangeFrom(old) {
  await settled(page, {
    until: (old) => JSON.stringify([...document.querySelectorAll('[data-spoiler-shield="blurred"]')]
      .map((el) => el.id || el.tagName).sort()) !== old,
    arg: JSON.stringify(old),
  });
  return blurredIds();
}

// The blurred set of a fresh load of the page under the stored settings.
async function afterReload() {
  await page.reload();
  await settled(page);
  return blurredIds();
}

test('not started (0%, set through the settings hook): the full set blurs', async () => {
  await setSettings(env.browser, { progress: { [BOOK]: 0 } });
  sets[0] = await afterReload();
  assert.ok(sets[0].length > 0, 'the review blurs at 0%');
});

test(`the popup lists the parts; choosing "${MIDDLE.name}" unblurs the early reveals at once`, async () => {
  popup = await openPopup(env.browser, page);
  const select = popup.getByRole('combobox', { name: 'Reading progress: Never Let Me Go' });
  const options = await select.locator('option').allTextContents();
  assert.equal(options[0], 'Not started');
  assert.equal(options.at(-1), 'Finished');
  for (const part of SHIELD.parts.filter((p) => p.percent > 0)) {
    assert.ok(options.some((o) => o.includes(part.name)), `${part.name} is a choice`);
  }
  await select.selectOption(String(MIDDLE.percent));
  sets[MIDDLE.percent] = await afterChangeFrom(sets[0]);
  assert.equal((await getSettings(env.browser)).sync.progress[BOOK], MIDDLE.percent);
  const percent = popup.getByRole('spinbutton', { name: 'Percent read: Never Let Me Go' });
  await popup.waitForFunction((v) => document.getElementById('percent-never-let-me-go')?.value === v,
    String(MIDDLE.percent), { polling: 50 });
  assert.equal(await percent.inputValue(), String(MIDDLE.percent));
  assert.deepEqual(await afterReload(), sets[MIDDLE.percent], 'a reload gives the same set as the live change');
});

test('finished (100%, set through the settings hook): nothing of the book blurs', async () => {
  await setSettings(env.browser, { progress: { [BOOK]: 100 } });
  sets[100] = await afterChangeFrom(sets[MIDDLE.percent]);
  assert.deepEqual(sets[100], []);
  assert.deepEqual(await afterReload(), []);
});

test('three progress settings, three different sets, fewer blurred the further the reader is', () => {
  const [a, b, c] = [sets[0], sets[MIDDLE.percent], sets[100]];
  console.log(`blurred at 0%: ${a.length} ${a.join(' ')}; at ${MIDDLE.percent}%: ${b.length} ${b.join(' ')}; at 100%: ${c.length}`);
  assert.notDeepEqual(a, b);
  assert.notDeepEqual(b, c);
  assert.notDeepEqual(a, c);
  assert.ok(a.length > b.length && b.length > c.length, `${a.length} > ${b.length} > ${c.length}`);
  assert.ok(b.every((id) => a.includes(id)), 'reading further never blurs a block that was clean');
});

test('the popup percent field sets progress too, and the list shows the percent', async () => {
  await popup.bringToFront();
  const percent = popup.getByRole('spinbutton', { name: 'Percent read: Never Let Me Go' });
  await percent.fill(String(MIDDLE.percent));
  await percent.press('Enter');
  assert.deepEqual(await afterChangeFrom([]), sets[MIDDLE.percent]);
  await percent.fill('55');
  await percent.press('Enter');
  await popup.waitForFunction(() => document.getElementById('progress-never-let-me-go')?.value === '55', null, { polling: 50 });
  const select = popup.getByRole('combobox', { name: 'Reading progress: Never Let Me Go' });
  assert.equal(await select.locator('option:checked').textContent(), '55% read');
  assert.equal((await getSettings(env.browser)).sync.progress[BOOK], 55);
  await settled(page);
});

test('choosing "Finished" suggests switching the shield off, and its button does', async () => {
  const select = popup.getByRole('combobox', { name: 'Reading progress: Never Let Me Go' });
  await select.selectOption({ label: 'Finished' });
  const button = popup.getByRole('button', { name: 'Switch off Never Let Me Go' });
  await button.waitFor();
  assert.match(await popup.locator('.finished').textContent(), /finished Never Let Me Go/);
  await button.click();
  await popup.waitForFunction(() => !document.querySelector('.finished'), null, { polling: 50 });
  assert.equal(await popup.getByRole('checkbox', { name: /Never Let Me Go/ }).isChecked(), false);
  assert.deepEqual((await getSettings(env.browser)).sync.off, [BOOK]);
});

test('settings from before progress existed still blur as "not started"', async () => {
  await worker(env.browser).evaluate(async () => {
    const { rev = 0 } = await chrome.storage.sync.get('rev');
    await chrome.storage.sync.remove('progress');
    await chrome.storage.sync.set({ off: [], rev: rev + 1 });
  });
  assert.equal('progress' in (await getSettings(env.browser)).sync, false);
  assert.deepEqual(await afterChangeFrom([]), sets[0]);
});

test('unusable stored progress never stops the shield: out of range is clamped, junk is 0', async () => {
  await setSettings(env.browser, { progress: { [BOOK]: 250 } });
  assert.deepEqual(await afterChangeFrom(sets[0]), []);
  await setSettings(env.browser, { progress: { [BOOK]: 'halfway', 'not-a-book': 50 } });
  assert.deepEqual(await afterChangeFrom([]), sets[0]);
});
