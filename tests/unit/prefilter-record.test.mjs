// The tracked books' prefilter keys as stored beside the settings
// (extension/common/prefilter-record.js), without a browser: the worker stores the keys of
// the books the reader tracks and no others (the catalog's from the build, a reader's own
// shield's as computed for it), and a content script takes no keys of another build (an
// update's content script reading an older build's record judges every block in the core).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keysRecord, storedKeys, readRecord, recordText } from '../../extension/common/prefilter-record.js';

const CATALOG = { rebecca: { keys: [['manderley', [0], [], 1]] }, 'gone-girl': { keys: [['amy', [0], [], 1]] } };

test('keysRecord: the tracked catalog books only, each once, in one order', () => {
  const record = keysRecord(CATALOG, 'b1', ['rebecca', 'custom-one', 'rebecca']);
  assert.deepEqual(record, { build: 'b1', books: { rebecca: CATALOG.rebecca } });
  assert.deepEqual(Object.keys(keysRecord(CATALOG, 'b1', ['rebecca', 'gone-girl']).books), ['gone-girl', 'rebecca']);
  assert.deepEqual(keysRecord(CATALOG, 'b1', []).books, {});
  // An id that is a property of every object is no book.
  assert.deepEqual(keysRecord(CATALOG, 'b1', ['constructor', '__proto__']).books, {});
});

test('keysRecord: a reader\'s own tracked shield with the keys the worker computed; a catalog id is the catalog\'s', () => {
  const custom = { 'my-book': { keys: [['odile', [0], [], 1]] }, rebecca: { keys: [] } };
  const record = keysRecord(CATALOG, 'b1', ['my-book', 'rebecca', 'unkeyed'], custom);
  assert.deepEqual(record.books, { 'my-book': custom['my-book'], rebecca: CATALOG.rebecca });
  assert.deepEqual(keysRecord(CATALOG, 'b1', ['rebecca'], custom).books, { rebecca: CATALOG.rebecca }, 'untracked: left out');
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

test('readRecord: the record back from its stored text; anything else is no record', () => {
  const record = { ...keysRecord(CATALOG, 'b1', ['rebecca']), digest: 'd' };
  assert.deepEqual(readRecord(recordText(record)), record);
  for (const stored of [undefined, null, record, '', '{', 'null', '7', '"text"']) {
    assert.equal(readRecord(stored), null, JSON.stringify(stored));
  }
  assert.equal(storedKeys(readRecord('{broken'), 'b1', 'rebecca'), null);
});
