// The playground (www/playground/): the same Wasm core as the extension, on pasted text.
// Its sample text is two books' reading notes; a reader would call ¶4 and ¶5 (Never Let Me
// Go's secret and its ending) and ¶7 (Gone Girl's twist) spoilers, and nothing else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './helpers.mjs';

const SPOILERS = [4, 5, 7]; // 1-based paragraph numbers of the sample text
let page;

// The 1-based numbers of the paragraphs the results list shows as blurred.
function blurredParagraphs() {
  return page.$$eval('#results > li.block', (items) => items
    .filter((li) => li.classList.contains('spoiler'))
    .map((li) => Number(li.dataset.index) + 1));
}

useBrowser({ before, after, setup: async (env) => {
  page = await env.browser.context.newPage();
  await page.goto(env.url('playground/'));
  await page.getByRole('status').filter({ hasText: 'Ready.' }).waitFor();
  await page.getByRole('button', { name: 'Load sample text' }).click();
} });

test('the sample text: the spoiler paragraphs are blurred, for their book, and nothing else', async () => {
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  await page.locator('#results > li.block').first().waitFor();
  assert.equal(await page.locator('#results > li.block').count(), 8);
  assert.deepEqual(await blurredParagraphs(), SPOILERS);
  const books = await page.$$eval('#results > li.spoiler .book-name', (els) => els.map((e) => e.textContent));
  assert.deepEqual(books, ['Never Let Me Go', 'Never Let Me Go', 'Gone Girl']);
  assert.match(await page.locator('#summary').textContent(), /8 paragraphs · 3 blurred/);
});

test('Reveal shows a blurred paragraph and Hide blurs it again', async () => {
  const first = page.locator('#results > li.spoiler').first();
  await first.getByRole('button', { name: 'Reveal' }).click();
  assert.equal(await first.evaluate((li) => li.classList.contains('revealed')), true);
  await first.getByRole('button', { name: 'Hide' }).click();
  assert.equal(await first.evaluate((li) => li.classList.contains('revealed')), false);
});

test('a book marked finished no longer blurs; one switched off neither', async () => {
  await page.getByLabel('Reading progress in Never Let Me Go').selectOption('100');
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll('#results > li.spoiler').length === 1);
  assert.deepEqual(await blurredParagraphs(), [7]);
  await page.getByRole('checkbox', { name: /Gone Girl/ }).uncheck();
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll('#results > li.spoiler').length === 0);
  assert.deepEqual(await blurredParagraphs(), []);
});
