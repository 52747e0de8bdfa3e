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
// The record is {build, format, books, keys, offsets, entries, digest} (all but `build` and
// `digest`: mergeKeys()): `build` names the catalog keys it was made from
// (pkg/prefilter-build.json, written with pkg/prefilter.json), so that keys stored by an
// older build of the extension are never taken for this build's; `digest` names what it
// was made from (the worker's business: tracked-keys.js). A book whose keys are missing or
// stale is not prefiltered at all (every block is a candidate for the core), which is
// slower but never shows what the core would blur.

/// The storage.local item that holds the record.
export const PREFILTER_ITEM = 'prefilter';

// The shape of the record this code writes and reads (mergeKeys()); a record of another
// shape, stored by an older version under the same build of the keys, is not used.
export const RECORD_FORMAT = 4;

// A key's flags (src/authoring/prefilter.rs KeyRoles), as the content script reads them.
export const ANCHOR = 1; // a name that anchors a generic cue
export const CUE = 2; // a generic cue's word
export const EVENT = 4; // the chosen word of an event's predicate

// The keys of `books` ([{id, keys}], keys as the core's `prefilterKeys` gives them) merged
// into one index, as the content script's prefilter looks words up: {books: [{id, signals,
// terms, thresholds, names}], keys, offsets, entries} (the index, packed: packIndex()).
// Each key's entry holds its roles ([book number, signals, terms, flags] each), its names
// ([book number, name] each: the names of several words this key is the longest word of;
// book numbers index `books`) and whether it is a generic cue's word. Merged once by the
// worker, not by every frame: a frame only parses it. What a frame would only skip is left
// out, which halves the roles of the 42 catalog books (14,091 → 7,600): a role that says
// nothing (a word kept only for a name, which the names cover) and the cue's role repeated
// for every book (a cue counts for every book alike: one cue flag per key).
export function mergeKeys(books) {
  const index = new Map(); // key → {roles, names, cue}
  const entry = (key) => {
    let found = index.get(key);
    if (!found) index.set(key, (found = { roles: [], names: [], cue: 0 }));
    return found;
  };
  const merged = { format: RECORD_FORMAT, books: [] };
  books.forEach(({ id, keys }, b) => {
    merged.books.push({ id, signals: keys.signals, terms: keys.terms, thresholds: keys.thresholds, names: keys.names.map(packName) });
    for (const [key, signals, terms, flags] of keys.keys) {
      if (flags & CUE) entry(key).cue = 1;
      const rest = flags & ~CUE;
      if (signals.length || terms.length || rest) entry(key).roles.push([b, signals, terms, rest]);
    }
    // A name of several words counts only where all of them stand in a row, as the core
    // matches it (src/authoring/prefilter.rs; content/prefilter.js standsAround()): it is
    // looked up by one of its words, the longest, and the others are then looked for
    // beside it. Indexing every word made "the" and "of" keys of dozens of names.
    keys.names.forEach(([, words], n) => {
      for (const key of words[longestWord(words)]) entry(key).names.push([b, n]);
    });
  });
  return { ...merged, ...packIndex(index) };
}

// A name of several words ([signal, [[key, …] for each word]], as the core gives it) as the
// record stores it: "signal key|key key …", one string. A frame unpacks only the names whose
// longest word its text holds (unpackName()); as nested arrays the 42 catalog books' names
// were 80 of the record's 287 KB and most of the time JSON.parse took (0.8 of 2.1 ms in
// Node; 0.1 ms as strings, 51 KB).
function packName([signal, words]) {
  return `${signal} ${words.map((keys) => keys.join('|')).join(' ')}`;
}

// A packed name back as [signal, [[key, …] for each word]], or null when it does not read
// (not a string, no signal, fewer than two words).
export function unpackName(packed) {
  if (typeof packed !== 'string') return null;
  const [signal, ...words] = packed.split(' ');
  const number = Number(signal);
  if (!Number.isInteger(number) || number < 0 || words.length < 2) return null;
  return [number, words.map((word) => word.split('|'))];
}

// The index (key → {roles, names, cue}) as it is stored: `keys`, the keys joined by spaces
// (a key is lower-case letters and digits); `offsets`, where each key's entry starts in
// `entries`; `entries`, every entry as numbers: the cue flag, the count of names and each
// name's book and number, the count of roles and each role's book, flags, count of signals,
// signals, count of terms, terms. A frame parses it at document_start, before the page can
// paint: as one string and two arrays of numbers it is parsed and made a prefilter in 3.5
// ms instead of the 5.3 an object of a few arrays per key took (the 42 catalog books' keys
// in Node, medians of 40; 4.3 instead of 5.6 without a JIT).
function packIndex(index) {
  const keys = [];
  const offsets = [];
  const entries = [];
  for (const [key, { roles, names, cue }] of index) {
    keys.push(key);
    offsets.push(entries.length);
    entries.push(cue, names.length);
    for (const [b, n] of names) entries.push(b, n);
    entries.push(roles.length);
    for (const [b, signals, terms, flags] of roles) entries.push(b, flags, signals.length, ...signals, terms.length, ...terms);
  }
  return { keys: keys.join(' '), offsets, entries };
}

// A packed index's keys, each with the offset of its entry (a Map), or null when the
// index does not read: the parts missing or of the wrong type, a key without an offset or
// an offset outside the entries.
export function indexOf({ keys, offsets, entries }) {
  if (typeof keys !== 'string' || !Array.isArray(offsets) || !Array.isArray(entries)) return null;
  const words = keys ? keys.split(' ') : [];
  if (words.length !== offsets.length) return null;
  const index = new Map();
  for (let i = 0; i < words.length; i++) {
    const at = offsets[i];
    if (!Number.isInteger(at) || at < 0 || at >= entries.length) return null;
    index.set(words[i], at);
  }
  return index;
}

// The entry at `at` of a packed index's `entries`, unpacked: {cue, names, roles} as
// mergeKeys() had them. The prefilter reads the numbers in place; this is for tests.
export function entryAt(entries, at) {
  let i = at;
  const cue = entries[i++];
  const names = [];
  for (let n = entries[i++]; n > 0; n--, i += 2) names.push([entries[i], entries[i + 1]]);
  const roles = [];
  for (let r = entries[i++]; r > 0; r--) {
    const [b, flags, signalCount] = entries.slice(i, i + 3);
    const signals = entries.slice(i + 3, i + 3 + signalCount);
    i += 3 + signalCount;
    const terms = entries.slice(i + 1, i + 1 + entries[i]);
    i += 1 + entries[i];
    roles.push([b, signals, terms, flags]);
  }
  return { cue, names, roles };
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
