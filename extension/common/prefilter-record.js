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
// The record is {build, books: {id: keys}, digest}: `build` names the catalog keys it was
// made from (pkg/prefilter-build.json, written with pkg/prefilter.json), so that keys
// stored by an older build of the extension are never taken for this build's; `digest`
// names what it was made from (the worker's business: tracked-keys.js). A book whose keys are
// missing or stale is prefiltered as a reader's own shield is: not at all (every block is
// a candidate for the core), which is slower but never shows what the core would blur.

/// The storage.local item that holds the record.
export const PREFILTER_ITEM = 'prefilter';

// The record for the books among `ids`: the catalog's from `catalog` ({id: keys}, the
// whole of core/prefilter.json) made by build `build`, and the reader's own from `custom`
// ({id: keys}, computed by this build's authoring module). Ids with no keys in either (a
// shield the core could not key, a book of another version) are left out.
export function keysRecord(catalog, build, ids, custom = {}) {
  const books = {};
  for (const id of [...new Set(ids)].sort()) {
    if (Object.hasOwn(catalog, id)) books[id] = catalog[id];
    else if (Object.hasOwn(custom, id)) books[id] = custom[id];
  }
  return { build, books };
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

// The keys of book `id` in `stored` (a record, as readRecord() gives it) if they were made
// by build `build`; otherwise null.
export function storedKeys(stored, build, id) {
  if (!stored || typeof stored !== 'object' || stored.build !== build) return null;
  const books = stored.books;
  if (!books || typeof books !== 'object' || !Object.hasOwn(books, id)) return null;
  return books[id] ?? null;
}
