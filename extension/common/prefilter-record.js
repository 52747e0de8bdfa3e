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
// The record is {build, format, books, index, digest} (format, books and index: mergeKeys()): `build`
// names the catalog keys it was made from (pkg/prefilter-build.json, written with
// pkg/prefilter.json), so that keys stored by an older build of the extension are never
// taken for this build's; `digest` names what it was made from (the worker's business:
// tracked-keys.js). A book whose keys are missing or stale is not prefiltered at all
// (every block is a candidate for the core), which is slower but never shows what the
// core would blur.

/// The storage.local item that holds the record.
export const PREFILTER_ITEM = 'prefilter';

// The shape of the record this code writes and reads (mergeKeys()); a record of another
// shape, stored by an older version under the same build of the keys, is not used.
export const RECORD_FORMAT = 2;

// A key's flags (src/authoring/prefilter.rs KeyRoles), as the content script reads them.
export const ANCHOR = 1; // a name that anchors a generic cue
export const CUE = 2; // a generic cue's word
export const EVENT = 4; // the chosen word of an event's predicate

// The keys of `books` ([{id, keys}], keys as the core's `prefilterKeys` gives them) merged
// into one index, as the content script's prefilter looks words up: {books: [{id, signals,
// terms, thresholds, names}], index: {key: [roles, names, cue]}}, roles being [[book
// number, signals, terms, flags]], names [[book number, name]] (the names of several words
// this key is the longest word of; book numbers index `books`) and cue 1 when the key is a
// generic cue's word. Merged once by the worker, not by every frame: a frame only parses
// it. What a frame would only skip is left out, which halves the roles of the 42 catalog
// books (14,091 → 7,600): a role that says nothing (a word kept only for a name, which
// `names` covers) and the cue's role repeated for every book (a cue counts for every book
// alike: one `cue` per key).
export function mergeKeys(books) {
  const merged = { format: RECORD_FORMAT, books: [], index: Object.create(null) };
  const entry = (key) => (merged.index[key] ??= [[], [], 0]);
  books.forEach(({ id, keys }, b) => {
    merged.books.push({ id, signals: keys.signals, terms: keys.terms, thresholds: keys.thresholds, names: keys.names });
    for (const [key, signals, terms, flags] of keys.keys) {
      if (flags & CUE) entry(key)[2] = 1;
      const rest = flags & ~CUE;
      if (signals.length || terms.length || rest) entry(key)[0].push([b, signals, terms, rest]);
    }
    // A name of several words counts only where all of them stand (src/authoring/prefilter.rs):
    // it is looked up by one of its words, the longest, and the others are then looked for
    // in the same text. Indexing every word made "the" and "of" keys of dozens of names.
    keys.names.forEach(([, words], n) => {
      for (const key of words[longestWord(words)]) entry(key)[1].push([b, n]);
    });
  });
  return merged;
}

// The index of the longest of a name's words (each word a list of its keys), by its
// shortest key: the one most likely to be rare in a page's text.
function longestWord(words) {
  const length = (keys) => Math.min(...keys.map((k) => k.length));
  let best = 0;
  words.forEach((keys, w) => {
    if (length(keys) > length(words[best])) best = w;
  });
  return best;
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
// `build` in this code's shape (RECORD_FORMAT); otherwise null.
export function recordOf(stored, build) {
  return stored && typeof stored === 'object' && stored.build === build && stored.format === RECORD_FORMAT ? stored : null;
}
