// The tracked books' prefilter keys as stored beside the settings
// (extension/common/prefilter-record.js), without a browser: the worker stores the keys of
// the catalog books the reader tracks and no others, rewrites them only when the tracked
// set or the build changed, and a content script takes no keys of another build (an
// update's content script reading an older build's record judges every block in the core).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keysRecord, sameRecord, storedKeys } from '../../extension/common/prefilter-record.js';

const CATALOG = { rebecca: { keys: [['manderley', [0], [], 1]] }, 'gone-girl': { keys: [['amy', [0], [], 1]] } };

test('keysRecord: the tracked catalog books only, each once, in one order', () => {
  const record = keysRecord(CATALOG, 'b1', ['rebecca', 'custom-one', 'rebecca']);
  assert.deepEqual(record, { build: 'b1', books: { rebecca: CATALOG.rebecca } });
  assert.deepEqual(Object.keys(keysRecord(CATALOG, 'b1', ['rebecca', 'gone-girl']).books), ['gone-girl', 'rebecca']);
  assert.deepEqual(keysRecord(CATALOG, 'b1', []).books, {});
  // An id that is a property of every object is no book.
  assert.deepEqual(keysRecord(CATALOG, 'b1', ['constructor', '__proto__']).books, {});
});

test('sameRecord: equal when the build and the books are, whatever the order stored', () => {
  const record = keysRecord(CATALOG, 'b1', ['rebecca', 'gone-girl']);
  assert.ok(sameRecord({ build: 'b1', books: { rebecca: {}, 'gone-girl': {} } }, record));
  assert.ok(!sameRecord({ build: 'b0', books: { rebecca: {}, 'gone-girl': {} } }, record));
  assert.ok(!sameRecord({ build: 'b1', books: { rebecca: {} } }, record));
  assert.ok(!sameRecord({ build: 'b1', books: { rebecca: {}, 'gone-girl': {}, extra: {} } }, record));
  for (const stored of [undefined, null, 'x', [], { build: 'b1' }, { build: 'b1', books: 3 }]) {
    assert.ok(!sameRecord(stored, record), JSON.stringify(stored));
  }
  assert.ok(sameRecord({ build: 'b1', books: {} }, keysRecord(CATALOG, 'b1', [])));
});

test('storedKeys: a book\'s keys of this build, else null', () => {
  const record = keysRecord(CATALOG, 'b1', ['rebecca']);
  assert.deepEqual(storedKeys(record, 'b1', 'rebecca'), CATALOG.rebecca);
  assert.equal(storedKeys(record, 'b2', 'rebecca'), null, 'another build');
  assert.equal(storedKeys(record, 'b1', 'gone-girl'), null, 'not tracked when stored');
  assert.equal(storedKeys(record, 'b1', 'toString'), null);
  for (const stored of [undefined, null, 7, { build: 'b1' }, { build: 'b1', books: null }]) {
    assert.equal(storedKeys(stored, 'b1', 'rebecca'), null, JSON.stringify(stored));
  }
});
