// Two extension pages changing settings at the same moment (two options tabs, or the
// options page and the popup) must not lose either change: each write reads, changes and
// writes under one lock shared by all the extension's pages (common/settings.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openOptions, getSettings } from './helpers.mjs';

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
  let tracked = [];
  for (let i = 0; i < 50 && tracked.length < count; i++) {
    tracked = (await getSettings(env.browser)).sync.tracked ?? [];
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(tracked.length, count, `every switch was kept (${tracked.length} of ${count}: ${tracked.join(', ')})`);
});
