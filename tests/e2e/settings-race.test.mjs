// Two extension pages changing settings at the same moment (two options tabs, or the
// options page and the popup) must not lose either change: each write reads, changes and
// writes under one lock shared by all the extension's pages and its worker, which now
// stores every change (common/settings.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openOptions, settingsUntil } from './helpers.mjs';

const env = useBrowser({ before, after });

test('two options tabs switching books on at once keep every switch', async () => {
  const first = (await openOptions(env.browser)).page;
  const second = await env.browser.context.newPage();
  await second.goto(env.browser.extUrl('options/options.html'));
  await second.waitForSelector('#books li');
  const count = await first.locator('#books li input[type="checkbox"]').count();
  assert.ok(count >= 12, `${count} book switches`);
  // Each tab clicks every other switch, as fast as a reader's two hands could.
  await Promise.all([first, second].map(async (page, side) => {
    const boxes = page.locator('#books li input[type="checkbox"]');
    for (let i = side; i < count; i += 2) await boxes.nth(i).click();
  }));
  // Waits for every switch in storage; a lost one fails after the safety net.
  const { sync } = await settingsUntil(env.browser, ({ sync }) => (sync.tracked ?? []).length >= count,
    { what: `all ${count} switches kept` });
  assert.equal(sync.tracked.length, count, `every switch was kept (${sync.tracked.join(', ')})`);
});
