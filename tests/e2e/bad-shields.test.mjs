// Bad shields and full storage, as a reader meets them in the options page and the popup:
// every refused import or form says why in words the reader can act on, and leaves every
// stored shield and setting exactly as it was (read back from chrome.storage each time).
// The limits are the core's (docs/SHIELDS.md, "Limits"); the storage quotas are the
// browser's own, reached for real by filling chrome.storage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openOptions, getSettings, setSettings, settingsUntil, openPopup, worker } from './helpers.mjs';

// A valid shield with `terms` (phrases) and the given id and title.
function shieldFile({ id = 'bad-shields-book', title = 'The Quiet Ledger', phrases = ['the forger'] } = {}) {
  return {
    schema: 1, id, title, author: 'Ines Harrow',
    entities: [{ name: 'Wren Callow', kind: 'character' }],
    terms: phrases.map((phrase) => ({ phrase, weight: 1.0 })),
  };
}
const json = (value) => JSON.stringify(value, null, 2);
const EXISTING = shieldFile({ id: 'custom-existing', title: 'Existing Shield', phrases: ['the hidden will'] });

let options;
const env = useBrowser({
  before, after,
  setup: async () => {
    ({ page: options } = await openOptions(env.browser));
    // A reader who already set things up: one custom shield, a bundled book, strict.
    assert.match(await importText('existing.json', json(EXISTING)), /^Imported/);
    await options.getByRole('checkbox', { name: 'Rebecca' }).check();
    await options.getByRole('radio', { name: /Strict/ }).check();
    // Both clicks are stored by the worker a moment later: wait for them.
    await settingsUntil(env.browser, ({ sync }) => sync.tracked?.includes('rebecca') && sync.sensitivity === 'strict',
      { what: 'Rebecca tracked and strict' });
  },
});

// Imports `text` as file `name` through the options page; returns the message it leaves.
async function importText(name, text) {
  await options.evaluate(() => { document.getElementById('import-message').textContent = ''; });
  await options.setInputFiles('#import', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await options.waitForFunction(() => document.getElementById('import-message').textContent !== '', null, { timeout: 30_000 });
  return options.textContent('#import-message');
}

// Fills a storage area with filler keys until no more fits (one big key, then smaller
// and smaller ones); returns the error the browser gave for the first write that did not
// fit.
async function fill(area) {
  return worker(env.browser).evaluate(async (area) => {
    const storage = chrome.storage[area];
    let first = null;
    const put = async (key, size) => {
      try {
        await storage.set({ [key]: 'x'.repeat(size) });
        return true;
      } catch (err) {
        first ??= String(err?.message || err);
        return false;
      }
    };
    let size = 8000; // sync: one item may hold 8 KB
    if (area === 'local') {
      await put('filler-big', storage.QUOTA_BYTES - (await storage.getBytesInUse(null)) - 4096);
      size = 4096;
    }
    for (let i = 0; size >= 1 && i < 200; i++) {
      if (!(await put(`filler${i}`, size))) size = Math.floor(size / 2);
    }
    return first;
  }, area);
}

async function unfill(area) {
  await worker(env.browser).evaluate(async (area) => {
    const all = await chrome.storage[area].get(null);
    await chrome.storage[area].remove(Object.keys(all).filter((k) => k.startsWith('filler')));
  }, area);
}

test('the reader\'s setup is stored', async () => {
  const { sync, local } = await getSettings(env.browser);
  assert.deepEqual(local.shields.map((s) => s.id), ['custom-existing']);
  assert.deepEqual(sync.tracked, ['custom-existing', 'rebecca']);
  assert.equal(sync.sensitivity, 'strict');
});

test('bad shield files are refused with a clear message and change nothing', async () => {
  const before = await getSettings(env.browser);
  const many = Array.from({ length: 20_000 }, (_, i) => `s${i}`);
  const cases = [
    ['twenty-thousand.json', JSON.stringify(shieldFile({ phrases: many })), // 0.6 MB: under the size limit
      /^Nothing was imported: twenty-thousand\.json: holds 20003 phrases \(title, author, aliases, entity names, terms and their `also` wordings\); a shield may hold at most 5000/],
    ['empty-phrase.json', json(shieldFile({ phrases: ['the forger', ''] })),
      /^Nothing was imported: empty-phrase\.json: line \d+: terms\[1\]\.phrase: "" has no word to match/],
    ['megabyte-phrase.json', json(shieldFile({ phrases: ['spoiler '.repeat(125_000)] })),
      /^Nothing was imported: megabyte-phrase\.json: line \d+: terms\[0\]\.phrase: is 1000000 bytes long \("spoiler spoiler .*…"\); at most 200 bytes/],
    ['long-phrase.json', json(shieldFile({ phrases: ['é'.repeat(101)] })),
      /terms\[0\]\.phrase: is 202 bytes long/],
    ['too-big.json', `${json(EXISTING)}${' '.repeat(1 << 20)}`,
      /^Nothing was imported: too-big\.json: the file is 1,048,\d{3} bytes; a shield file may be at most 1 MiB/],
    ['not-an-object.json', '[1, 2, 3]', /a shield file is one JSON object/],
    ['cut-short.json', json(EXISTING).slice(0, 60), /the file ends in the middle of the JSON/],
    ['bundled-id.json', json(shieldFile({ id: 'rebecca' })),
      /id "rebecca" is already used by a bundled book; give your shield another id/],
    ['same-id.json', json(shieldFile({ id: 'custom-existing', title: 'Impostor' })),
      /id "custom-existing" is already used by your custom shield “Existing Shield”; to replace it, delete it first/],
  ];
  for (const [name, text, want] of cases) {
    const message = await importText(name, text);
    assert.match(message, want, `${name}: ${message.slice(0, 400)}`);
    assert.ok(message.length < 600, `${name}: the message stays short (${message.length})`);
    assert.deepEqual(await getSettings(env.browser), before, `${name} left every shield and setting as it was`);
  }
  assert.equal(await options.getByRole('checkbox', { name: 'Existing Shield' }).isChecked(), true);
});

test('the form refuses a phrase or a shield over the limits, in the form\'s words', async () => {
  const before = await getSettings(env.browser);
  const submit = async (phrases) => {
    await options.evaluate(() => { document.getElementById('custom-message').textContent = ''; });
    await options.fill('#custom-title', 'Over the Limit');
    await options.fill('#custom-author', 'Pat Long');
    await options.fill('#custom-names', 'Ona Vell');
    // Set directly: typing 90 KB through the keyboard pipeline takes Playwright minutes.
    await options.$eval('#custom-phrases', (el, text) => { el.value = text; }, phrases);
    await options.click('#custom-form button[type=submit]');
    await options.waitForFunction(() => document.getElementById('custom-message').textContent !== '');
    return options.textContent('#custom-message');
  };
  assert.match(await submit(`the twist\n${'she burned it '.repeat(20)}`), /^Phrase 2: is 279 bytes long \("she burned it she burned it she burned i…"\); at most 200 bytes are allowed, about 30 words: shorten it$/);
  const lines = Array.from({ length: 5_001 }, (_, i) => `secret number ${i}`).join('\n');
  assert.match(await submit(lines), /^The shield has 5004 names and phrases; a shield may hold at most 5000/);
  assert.deepEqual(await getSettings(env.browser), before);
  await options.fill('#custom-title', '');
  await options.fill('#custom-author', '');
  await options.fill('#custom-names', '');
  await options.fill('#custom-phrases', '');
});

test('a full storage.local refuses an import with a message, and nothing is lost', async (t) => {
  const before = await getSettings(env.browser);
  const quota = await worker(env.browser).evaluate(() => chrome.storage.local.QUOTA_BYTES);
  const error = await fill('local');
  try {
    assert.match(error, /quota/i, 'the browser reports its quota');
    t.diagnostic(`storage.local: ${quota} bytes; the browser said: ${error}`);
    const used = await worker(env.browser).evaluate(() => chrome.storage.local.getBytesInUse(null));
    assert.ok(used > quota - 1024, `storage.local is full: ${used} of ${quota} bytes`);
    const big = shieldFile({ id: 'one-more', title: 'One More', phrases: Array.from({ length: 4000 }, (_, i) => `clue ${i}`) });
    const message = await importText('one-more.json', json(big));
    assert.equal(message, 'Nothing was imported; see the message at the top.');
    const top = await options.textContent('#message');
    assert.match(top, /^Could not save your custom shields: the browser's storage for this extension is full \(.*quota.*\)\. Nothing was changed; remove a custom shield/i, top);
    const after = await getSettings(env.browser);
    const strip = ({ sync, local }) => ({ sync, local: { shields: local.shields } });
    assert.deepEqual(strip(after), strip(before), 'shields and settings as they were');
  } finally {
    await unfill('local');
  }
});

test('a full storage.sync: the import is rolled back, the popup says so, nothing is lost', async (t) => {
  const before = await getSettings(env.browser);
  const error = await fill('sync');
  const strip = ({ sync, local }) => ({
    sync: Object.fromEntries(Object.entries(sync).filter(([k]) => !k.startsWith('filler'))),
    local,
  });
  try {
    assert.match(error, /quota/i);
    t.diagnostic(`storage.sync: the browser said: ${error}`);
    // The shield itself fits in storage.local; tracking it does not fit in storage.sync,
    // so the shield must not stay behind, stored but untracked.
    const message = await importText('fits.json', json(shieldFile({ id: 'fits-locally', title: 'Fits Locally' })));
    assert.equal(message, 'Nothing was imported; see the message at the top.');
    assert.match(await options.textContent('#message'), /storage for this extension is full.*Nothing was changed/);
    assert.deepEqual(strip(await getSettings(env.browser)), strip(before), 'the shield write was rolled back');

    // The popup: switching a shield off does not fit either; it says so and the switch
    // shows what is stored.
    const popup = await openPopup(env.browser, options);
    const box = popup.getByRole('checkbox', { name: /Existing Shield/ });
    assert.equal(await box.isChecked(), true);
    await box.uncheck({ force: true }).catch(() => {});
    await popup.waitForFunction(() => /storage/.test(document.getElementById('message').textContent));
    assert.match(await popup.textContent('#message'), /^Could not save your settings: the browser's storage for this extension is full .*Nothing was changed/);
    await popup.waitForFunction(() => document.querySelector('#books input[type=checkbox]')?.checked === true);
    assert.deepEqual(strip(await getSettings(env.browser)), strip(before));
    await popup.close();
  } finally {
    await unfill('sync');
  }
});

test('a stored shield that breaks a limit is switched off, not every shield', async () => {
  // Written straight to storage, as an older version with laxer limits could have.
  const { sync, local } = await getSettings(env.browser);
  const oversized = shieldFile({ id: 'custom-oversized', title: 'Oversized', phrases: ['x'.repeat(300)] });
  await setSettings(env.browser, { tracked: [...sync.tracked, oversized.id] }, [...local.shields, oversized]);
  await options.reload();
  await options.waitForSelector('#books li .broken');
  const note = await options.textContent('li[data-id="custom-oversized"] .broken');
  assert.match(note, /^This shield breaks a limit of this version, so it is switched off: .*terms\[0\]\.phrase: is 300 bytes long/);
  const after = await getSettings(env.browser);
  assert.ok(after.sync.off.includes('custom-oversized'), 'switched off');
  assert.deepEqual(after.sync.off, ['custom-oversized'], 'and nothing else');
  assert.equal(await options.getByRole('checkbox', { name: 'Oversized' }).isDisabled(), true);
  // Clean up: delete it.
  await options.getByRole('button', { name: 'Delete Oversized' }).click();
  await options.waitForFunction(() => !document.querySelector('li[data-id="custom-oversized"]'));
});

test('one setting over the browser\'s 8 KB per item is explained as such', async () => {
  // The browser's own error for a real oversized write, turned into the reader's sentence
  // by the same function every settings write uses.
  const said = await options.evaluate(async () => {
    const { storageError } = await import('../common/settings.js');
    try {
      await chrome.storage.sync.set({ fillerItem: 'x'.repeat(9000) });
      return null;
    } catch (err) {
      return { browser: String(err?.message || err), reader: storageError(err, 'settings') };
    }
  });
  assert.ok(said, 'the browser refused the write');
  assert.match(said.reader, /^Could not save your settings: one of them is larger than the browser lets an extension sync \(8 KB per setting; .*\)\. Nothing was changed; unpause some sites or untrack some books/, said.browser);
});

test('too many writes a minute: the reader is told to wait, nothing is lost', async () => {
  const before = await getSettings(env.browser);
  // Use up storage.sync's write budget (120 a minute) with harmless writes of our own.
  const error = await worker(env.browser).evaluate(async () => {
    for (let i = 0; i < 200; i++) {
      try {
        await chrome.storage.sync.set({ fillerRate: i });
      } catch (err) {
        return String(err?.message || err);
      }
    }
    return null;
  });
  assert.match(String(error), /MAX_WRITE_OPERATIONS/, 'the browser enforces its write rate');
  await options.click('input[name=sensitivity][value=balanced]');
  await options.waitForFunction(() => /wait a minute/.test(document.getElementById('message').textContent));
  assert.match(await options.textContent('#message'), /^Could not save your settings: the browser limits how often .*Nothing was changed; wait a minute and try again\./);
  const after = await getSettings(env.browser);
  delete after.sync.fillerRate;
  assert.deepEqual(after, before);
  await options.waitForFunction(() => document.querySelector('input[value=strict]').checked);
});
