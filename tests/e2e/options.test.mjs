// The options page: every bundled book as a switch named by its title, search, sensitivity,
// a custom shield made in the form that then blurs a page, export and import (a malformed
// import changes nothing and says why), and a full storage that is reported, losing nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, useBrowser, openOptions, getSettings, setSettings, settingsUntil, settled, states, marked, stats } from './helpers.mjs';

// The bundled books, from the shield files the core compiles in.
const BOOKS = fs.readdirSync(path.join(ROOT, 'shields'))
  .filter((f) => f.endsWith('.json') && f !== 'cues.json')
  .map((f) => JSON.parse(fs.readFileSync(path.join(ROOT, 'shields', f), 'utf8')))
  .map(({ id, title, author }) => ({ id, title, author }));

// A book of our own, and a page about it, served by the test itself (route.fulfill).
const CUSTOM = {
  title: 'The Glass Orchard',
  author: 'Mira Tal',
  names: 'Odile, Brannock\nThe Mill House',
  phrases: 'the arsonist\npoisoned the well',
};
const CUSTOM_PAGE = `<!doctype html><html><head><title>The Glass Orchard by Mira Tal: a review</title>
<meta name="description" content="A review of The Glass Orchard, the novel by Mira Tal."></head><body>
<h1 id="t">The Glass Orchard, by Mira Tal</h1>
<p id="clean1">The Glass Orchard follows Odile and her brother Brannock through one long summer at the Mill House.</p>
<p id="clean2">Mira Tal writes beautiful sentences about apples, weather and the slow turning of a year.</p>
<p id="spoiler1">In the last chapter we learn that Odile is the arsonist, and that Brannock poisoned the well.</p>
</body></html>`;

let options;
const env = useBrowser({
  before, after,
  setup: async () => {
    await env.browser.context.route('**/custom/glass-orchard.html', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: CUSTOM_PAGE }));
    // onInstalled opens the options page by itself in a fresh profile; the tests use it.
    ({ page: options, openedOnInstall: env.openedOnInstall } = await openOptions(env.browser));
  },
});

test('first install opens the options page', () => {
  assert.equal(env.openedOnInstall, true);
});

test('every bundled book has a switch named by its title; checking one tracks it', async () => {
  assert.ok(BOOKS.length >= 40, `${BOOKS.length} books`); // issue 16: a catalog of 40+ books
  for (const book of BOOKS) {
    assert.equal(await options.getByRole('checkbox', { name: book.title, exact: false }).count() >= 1, true, book.title);
  }
  await options.getByRole('checkbox', { name: 'Gone Girl' }).check();
  // The worker stores the click a moment later: wait for that, not for nothing.
  const { sync } = await settingsUntil(env.browser, ({ sync }) => sync.tracked?.length > 0, { what: 'Gone Girl tracked' });
  assert.deepEqual(sync.tracked, ['gone-girl']);
  assert.deepEqual(sync.off ?? [], []);
});

test('search by title or author', async () => {
  const visible = async () => options.$$eval('#books li:not([hidden]) label', (els) => els.map((e) => e.textContent.trim()));
  await options.fill('#search', 'flynn');
  assert.deepEqual(await visible(), ['Gone Girl']);
  await options.fill('#search', 'MICE');
  assert.deepEqual(await visible(), ['Of Mice and Men']);
  await options.fill('#search', 'no such book at all');
  assert.deepEqual(await visible(), []);
  assert.equal(await options.isVisible('#no-match'), true);
  await options.fill('#search', '');
  assert.equal((await visible()).length, BOOKS.length);
});

test('sensitivity is stored', async () => {
  // Each value is waited for in storage (it fails, after the safety net, if never stored).
  await options.getByRole('radio', { name: /Strict/ }).check();
  await settingsUntil(env.browser, ({ sync }) => sync.sensitivity === 'strict', { what: 'sensitivity strict' });
  await options.getByRole('radio', { name: 'Balanced' }).check();
  await settingsUntil(env.browser, ({ sync }) => sync.sensitivity === 'balanced', { what: 'sensitivity balanced' });
});

test('an incomplete custom shield is refused with a clear message', async () => {
  const before = await getSettings(env.browser);
  await options.fill('#custom-title', 'Half a Book');
  await options.fill('#custom-author', 'Somebody');
  await options.click('#custom-form button[type=submit]');
  await options.waitForFunction(() => document.getElementById('custom-message').textContent !== '');
  const message = await options.textContent('#custom-message');
  assert.match(message, /Names|Spoiler phrases/, message);
  assert.doesNotMatch(message, /line \d+/, 'no line numbers of JSON the reader never saw');
  assert.deepEqual(await getSettings(env.browser), before);
  await options.fill('#custom-title', '');
  await options.fill('#custom-author', '');
});

test('a custom shield made in the form blurs a page about its book', async () => {
  await options.fill('#custom-title', CUSTOM.title);
  await options.fill('#custom-author', CUSTOM.author);
  await options.fill('#custom-names', CUSTOM.names);
  await options.fill('#custom-phrases', CUSTOM.phrases);
  await options.click('#custom-form button[type=submit]');
  await options.waitForFunction(() => /Created/.test(document.getElementById('custom-message').textContent));
  const box = options.getByRole('checkbox', { name: CUSTOM.title });
  assert.equal(await box.isChecked(), true);

  const { sync, local } = await getSettings(env.browser);
  const shield = local.shields.find((s) => s.title === CUSTOM.title);
  assert.ok(shield, 'stored in storage.local');
  assert.ok(sync.tracked.includes(shield.id));

  const page = await env.browser.context.newPage();
  await page.goto(env.url('custom/glass-orchard.html'));
  await settled(page);
  const got = await states(page, ['#spoiler1', '#clean1', '#clean2']);
  const why = await marked(page);
  const { unfiltered } = await stats(page);
  await page.close();
  assert.deepEqual(got, { '#spoiler1': 'blurred', '#clean1': 'clean', '#clean2': 'clean' }, JSON.stringify(why));
  assert.equal(why.find((m) => m.id === 'spoiler1').book, shield.id);
  // The worker keyed the new shield before storing it (background/tracked-keys.js), so a
  // page that names nothing of it loads no core.
  assert.equal(unfiltered, 0, 'the reader\'s own shield is prefiltered');
  const other = await env.browser.context.newPage();
  await other.goto(env.url('samples/news-article.html'));
  await settled(other);
  const s = await stats(other);
  await other.close();
  assert.deepEqual([s.engines, s.path], [0, null], 'no core for a page that names nothing of it');
});

test('export gives the stored shield as a shield file', async () => {
  const { local } = await getSettings(env.browser);
  const shield = local.shields.find((s) => s.title === CUSTOM.title);
  const [download] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: `Export ${CUSTOM.title}` }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `${shield.id}.json`);
  const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(file, shield);
});

// Imports `text` through the file input and returns the message it leaves.
async function importText(name, text) {
  await options.setInputFiles('#import', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await options.waitForFunction(() => document.getElementById('import-message').textContent !== '');
  const message = await options.textContent('#import-message');
  await options.evaluate(() => { document.getElementById('import-message').textContent = ''; });
  return message;
}

test('a malformed import changes nothing and says why', async () => {
  const before = await getSettings(env.browser);
  const { local } = before;
  const good = JSON.stringify({ ...local.shields[0], id: 'imported-copy', title: 'Imported Copy' }, null, 2);

  const cases = {
    'cut-short.json': good.slice(0, good.length / 2),
    'not-json.json': 'this is not JSON at all',
    'bad-weight.json': good.replace(/"weight": 1(\.0)?/, '"weight": 7'),
    'bundled-id.json': good.replace('"imported-copy"', '"never-let-me-go"'),
  };
  for (const [name, text] of Object.entries(cases)) {
    const message = await importText(name, text);
    assert.match(message, /^Nothing was imported/, `${name}: ${message}`);
    assert.deepEqual(await getSettings(env.browser), before, `${name} left the settings alone`);
  }
  const weight = await importText('bad-weight.json', cases['bad-weight.json']);
  assert.match(weight, /weight/, weight);

  assert.match(await importText('good.json', good), /^Imported/);
  const after = await getSettings(env.browser);
  assert.ok(after.local.shields.some((s) => s.id === 'imported-copy'));
  assert.ok(after.sync.tracked.includes('imported-copy'));
});

test('a full storage is reported and nothing is lost', async () => {
  // Fill storage.sync to its quota with keys of our own, then ask for one more book.
  await env.browser.worker.evaluate(async () => {
    let size = 8000;
    for (let i = 0; size >= 1; i++) {
      try {
        await chrome.storage.sync.set({ [`filler${i}`]: 'x'.repeat(size) });
      } catch {
        size = Math.floor(size / 2);
      }
    }
  });
  const before = await getSettings(env.browser);
  const box = options.getByRole('checkbox', { name: 'Atonement' });
  await box.check({ force: true });
  await options.waitForFunction(() => /storage/i.test(document.getElementById('message').textContent));
  const message = await options.textContent('#message');
  assert.match(message, /Nothing was changed/, message);
  assert.deepEqual(await getSettings(env.browser), before);
  // The page re-renders from storage after the error: wait for the switch to show it.
  await options.waitForFunction(() => document.querySelector('li[data-id="atonement"] input[type=checkbox]')?.checked === false);
  assert.equal(await options.getByRole('checkbox', { name: 'Atonement' }).isChecked(), false, 'the switch shows what is stored');
  await env.browser.worker.evaluate(async () => {
    const all = await chrome.storage.sync.get(null);
    await chrome.storage.sync.remove(Object.keys(all).filter((k) => k.startsWith('filler')));
  });
  await setSettings(env.browser, {});
});
