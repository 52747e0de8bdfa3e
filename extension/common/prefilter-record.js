// The tracked books' prefilter keys as kept in storage.local, beside the settings: a
// content script reads them in the same storage read as the settings, so a frame pays for
// the keys of the books its reader tracks and for no other catalog book (bundling every
// book's keys into the content script made each frame parse them: 117 KB at 30 books).
// Only the service worker writes the record (background/tracked-keys.js); this module is
// the record's shape, pure logic, shared by both sides.
//
// The record is {build, books: {id: keys}}: `build` names the catalog keys it was made
// from (pkg/prefilter-build.json, written with pkg/prefilter.json), so that keys stored by
// an older build of the extension are never taken for this build's. A book whose keys are
// missing or stale is prefiltered as a reader's own shield is: not at all (every block is
// a candidate for the core), which is slower but never shows what the core would blur.

/// The storage.local item that holds the record.
export const PREFILTER_ITEM = 'prefilter';

// The record for the catalog books among `ids`, from `catalog` ({id: keys}, the whole of
// core/prefilter.json) made by build `build`. Ids the catalog has no keys for (readers'
// own shields, books of another version) are left out.
export function keysRecord(catalog, build, ids) {
  const books = {};
  for (const id of [...new Set(ids)].sort()) {
    if (Object.hasOwn(catalog, id)) books[id] = catalog[id];
  }
  return { build, books };
}

// Whether `stored` (whatever storage holds) already is `record`: the same build and the
// same books (keys of one build are the same keys, so the ids are enough).
export function sameRecord(stored, record) {
  if (!stored || typeof stored !== 'object' || stored.build !== record.build) return false;
  const had = stored.books && typeof stored.books === 'object' ? Object.keys(stored.books).sort() : [];
  const want = Object.keys(record.books);
  return had.length === want.length && had.every((id, i) => id === want[i]);
}

// The keys of book `id` in `stored` (whatever storage holds) if they were made by build
// `build`; otherwise null.
export function storedKeys(stored, build, id) {
  if (!stored || typeof stored !== 'object' || stored.build !== build) return null;
  const books = stored.books;
  if (!books || typeof books !== 'object' || !Object.hasOwn(books, id)) return null;
  return books[id] ?? null;
}
