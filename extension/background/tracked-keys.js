// Keeps the prefilter record in storage.local (common/prefilter-record.js) in step with
// the books the reader tracks: the catalog books' keys come from the build
// (core/prefilter.json), a reader's own shield's are computed here by the authoring
// module, as `make wasm` computes the catalog's. It is written before a settings change
// that tracks a book or adds a shield is stored (so a tab that hears of the change finds
// the keys), and again whenever the tracked books change by any other way (settings
// synced from another device, an update of the extension that changed the keys).
import { extensionFile } from '../common/core.js';
import { loadAuthoring } from '../common/authoring.js';
import { PREFILTER_ITEM, RECORD_FORMAT, keysRecord, readRecord, recordText } from '../common/prefilter-record.js';

// Resolves to {catalog, build}: every catalog book's keys and the build that made them.
async function catalogKeys() {
  const [catalog, build] = await Promise.all([
    extensionFile('core/prefilter.json').then(JSON.parse),
    extensionFile('core/prefilter-build.json').then((text) => JSON.parse(text).build),
  ]);
  return { catalog, build };
}

// {id: keys} of the reader's own shields in `shields`, by the authoring module. A shield
// the core cannot key is left out: it is then not prefiltered (every block waits for the
// core), as before any keys existed.
async function customKeys(shields) {
  if (!shields.length) return {};
  const [authoring, frequencies] = await Promise.all([loadAuthoring(), extensionFile('core/english-words.tsv')]);
  const keys = {};
  for (const shield of shields) {
    try {
      keys[shield.id] = authoring.prefilterKeys(JSON.stringify(shield), frequencies);
    } catch {
      // left out: see above
    }
  }
  return keys;
}

// A digest of what the record is made from, so that an unchanged list is not keyed again.
async function digestOf(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(hash.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

// Writes the record for `tracked` (the settings' tracked ids; `shields`, the reader's own
// shields) unless storage already holds it. Writes one at a time, in the order asked, so
// that an older list never overwrites a newer one.
let last = Promise.resolve();
export function storeTrackedKeys(tracked, shields = []) {
  const run = last.then(async () => {
    const { catalog, build } = await catalogKeys();
    const ids = new Set(tracked);
    const own = shields.filter((s) => ids.has(s.id) && !Object.hasOwn(catalog, s.id));
    // The record's shape is part of what it is made from: an update that changed the shape
    // and not the keys rewrites it.
    const digest = await digestOf([build, RECORD_FORMAT, [...ids].sort(), own]);
    const { [PREFILTER_ITEM]: stored } = await chrome.storage.local.get(PREFILTER_ITEM);
    if (readRecord(stored)?.digest === digest) return;
    const record = keysRecord(catalog, build, tracked, await customKeys(own));
    await chrome.storage.local.set({ [PREFILTER_ITEM]: recordText({ ...record, digest }) });
  });
  // A failed write leaves tabs to judge every block in the core; the next change retries.
  last = run.catch(() => {});
  return run;
}
