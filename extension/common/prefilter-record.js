// The tracked books' prefilter keys as kept in storage.local, beside the settings: a
// content script reads them in the same storage read as the settings, so a frame pays for
// the keys of the books its reader tracks and for no other catalog book (bundling every
// book's keys into the content script made each frame parse them: 117 KB at 30 books).
// Only the service worker writes the record (background/tracked-keys.js); this module is
// the record's shape, pure logic, shared by both sides.
//
// The record is stored as JSON text, not as an object: Chromium took ~100 ms to hand a
// content script the 30 catalog books' keys as an object (263 KB of JSON), and hands over
// the same as one string at once (JSON.parse then takes about 1 ms).
//
// The record is {build, books, index, digest} (books and index: mergeKeys()): `build`
// names the catalog keys it was made from (pkg/prefilter-build.json, written with
// pkg/prefilter.json), so that keys stored by an older build of the extension are never
// taken for this build's; `digest` names what it was made from (the worker's business:
// tracked-keys.js). A book whose keys are missing or stale is not prefiltered at all
// (every block is a candidate for the core), which is slower but never shows what the
// core would blur.

/// The storage.local item that holds the record.
export const PREFILTER_ITEM = 'prefilter';

// The keys of `books` ([{id, keys}], keys as the core's `prefilterKeys` gives them) merged
// into one index, as the content script's prefilter looks words up: {books: [{id, signals,
// terms, thresholds, names}], index: {key: [roles, names]}}, roles being [[book number,
// signals, terms, flags]] and names [[book number, name, word]] (book numbers index
// `books`). Merged once by the worker, not by every frame: a frame only parses it.
export function mergeKeys(books) {
  const merged = { books: [], index: Object.create(null) };
  const entry = (key) => (merged.index[key] ??= [[], []]);
  books.forEach(({ id, keys }, b) => {
    merged.books.push({ id, signals: keys.signals, terms: keys.terms, thresholds: keys.thresholds, names: keys.names });
    for (const [key, signals, terms, flags] of keys.keys) entry(key)[0].push([b, signals, terms, flags]);
    // A name of several words counts only where all of them stand (src/authoring/prefilter.rs).
    keys.names.forEach(([, words], n) => words.forEach((wordKeys, w) => {
      for (const key of wordKeys) entry(key)[1].push([b, n, w]);
    }));
  });
  return merged;
}

// The record of the books among `ids`: the catalog's keys from `catalog` ({id: keys}, the
// whole of core/prefilter.json) made by build `build`, and the reader's own from `custom`
// ({id: keys}, computed by this build's authoring module), merged (mergeKeys). Ids with no
// keys in either (a shield the core could not key, a book of another version) are left
// out: the content script finds no keys for them.
export function keysRecord(catalog, build, ids, custom = {}) {
  const books = [];
  for (const id of [...new Set(ids)].sort()) {
    if (Object.hasOwn(catalog, id)) books.push({ id, keys: catalog[id] });
    else if (Object.hasOwn(custom, id)) books.push({ id, keys: custom[id] });
  }
  return { build, ...mergeKeys(books) };
}

// The record as stored: its JSON text.
export function recordText(record) {
  return JSON.stringify(record);
}

// The record in `stored` (whatever storage holds), or null when it holds none that reads.
export function readRecord(stored) {
  if (typeof stored !== 'string') return null;
  try {
    const record = JSON.parse(stored);
    return record && typeof record === 'object' ? record : null;
  } catch {
    return null;
  }
}

// The record in `stored` (a record, as readRecord() gives it) if it was made by build
// `build`; otherwise null.
export function recordOf(stored, build) {
  return stored && typeof stored === 'object' && stored.build === build ? stored : null;
}
