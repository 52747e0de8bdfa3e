// The tracked books' prefilter keys as stored beside the settings
// (extension/common/prefilter-record.js), without a browser: the worker stores the keys of
// the books the reader tracks and no others (the catalog's from the build, a reader's own
// shield's as computed for it), and a content script takes no keys of another build (an
// update's content script reading an older build's record judges every block in the core).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Prefilter } from '../../extension/content/prefilter.js';
import { keysRecord, mergeKeys, recordOf, readRecord, recordText, indexOf, entryAt, unpackName } from '../../extension/common/prefilter-record.js';

const keys = (key) => ({ keys: [[key, [0], [], 1]], names: [], signals: [1], terms: [], thresholds: { balanced: { context: 1, evidence: 1 } } });
const CATALOG = { rebecca: keys('manderley'), 'gone-girl': keys('amy') };
const ids = (record) => record.books.map((b) => b.id);

test('keysRecord: the tracked catalog books only, each once, in one order, merged into one index', () => {
  const record = keysRecord(CATALOG, 'b1', ['rebecca', 'custom-one', 'rebecca']);
  assert.equal(record.build, 'b1');
  assert.deepEqual(ids(record), ['rebecca']);
  assert.deepEqual([...indexOf(record)], [['manderley', 0]]);
  assert.deepEqual(entryAt(record.entries, 0), { cue: 0, names: [], roles: [[0, [0], [], 1]] });
  assert.deepEqual(ids(keysRecord(CATALOG, 'b1', ['rebecca', 'gone-girl'])), ['gone-girl', 'rebecca']);
  assert.deepEqual(ids(keysRecord(CATALOG, 'b1', [])), []);
  // An id that is a property of every object is no book.
  assert.deepEqual(ids(keysRecord(CATALOG, 'b1', ['constructor', '__proto__'])), []);
});

test('mergeKeys: a key two books share is one entry with both books\' roles; a name is indexed by its longest word', () => {
  const shared = { ...keys('amy'), names: [[0, [['nick'], ['dunne']]]] };
  const merged = mergeKeys([{ id: 'a', keys: keys('amy') }, { id: 'b', keys: shared }]);
  assert.deepEqual(merged.books.map((b) => b.id), ['a', 'b']);
  const index = indexOf(merged);
  const entry = (key) => index.has(key) ? entryAt(merged.entries, index.get(key)) : undefined;
  assert.deepEqual(entry('amy').roles.map(([b]) => b), [0, 1]);
  assert.deepEqual([entry('nick')?.names, entry('dunne').names], [undefined, [[1, 0]]], "a name by its longest word");
});

test('mergeKeys: a name of several words is stored as one string and reads back as the core gave it', () => {
  const name = [0, [['kathy', 'kathi'], ['h']]];
  const merged = mergeKeys([{ id: 'a', keys: { ...keys('amy'), names: [name] } }]);
  assert.deepEqual(merged.books[0].names, ['0 kathy|kathi h']);
  assert.deepEqual(unpackName(merged.books[0].names[0]), name);
  for (const bad of [null, 7, '', 'x kathy h', '-1 kathy h', '0 kathy', ['0', 'kathy', 'h']]) assert.equal(unpackName(bad), null, JSON.stringify(bad));
});

test('Prefilter.fromRecord: a name that does not read, or names a signal the book lacks, counts for nothing', () => {
  const book = { ...keys('amy'), names: [[0, [['nick'], ['dunne']]]], thresholds: { balanced: { context: 1, evidence: 9 } } };
  const record = mergeKeys([{ id: 'gone-girl', keys: book }]);
  const about = (r) => {
    const prefilter = Prefilter.fromRecord(r, ['gone-girl']);
    prefilter.test('Nick Dunne came home.');
    return prefilter.about.has('gone-girl');
  };
  assert.equal(about(record), true, 'the name in a row makes the page about its book');
  for (const bad of ['0 nick', '5 nick dunne', 42]) {
    assert.equal(about({ ...record, books: [{ ...record.books[0], names: [bad] }] }), false, JSON.stringify(bad));
  }
});

test('keysRecord: a reader\'s own tracked shield with the keys the worker computed; a catalog id is the catalog\'s', () => {
  const custom = { 'my-book': keys('odile'), rebecca: keys('other') };
  const record = keysRecord(CATALOG, 'b1', ['my-book', 'rebecca', 'unkeyed'], custom);
  assert.deepEqual(ids(record), ['my-book', 'rebecca']);
  const index = indexOf(record);
  assert.ok(index.has('odile') && index.has('manderley') && !index.has('other'));
  assert.deepEqual(ids(keysRecord(CATALOG, 'b1', ['rebecca'], custom)), ['rebecca'], 'untracked: left out');
});

test('recordOf: a record of this build and shape, else null', () => {
  const record = keysRecord(CATALOG, 'b1', ['rebecca']);
  assert.equal(recordOf(record, 'b1'), record);
  assert.equal(recordOf(record, 'b2'), null, 'another build');
  assert.equal(recordOf({ ...record, format: undefined }, 'b1'), null, 'the shape of an older version');
  for (const stored of [undefined, null, 7, 'b1', { build: 'b2' }]) assert.equal(recordOf(stored, 'b1'), null, JSON.stringify(stored));
});

test('readRecord: the record back from its stored text; anything else is no record', () => {
  const record = { ...keysRecord(CATALOG, 'b1', ['rebecca']), digest: 'd' };
  assert.deepEqual(readRecord(recordText(record)), JSON.parse(JSON.stringify(record)));
  for (const stored of [undefined, null, record, '', '{', 'null', '7', '"text"']) {
    assert.equal(readRecord(stored), null, JSON.stringify(stored));
  }
});

test('Prefilter.fromRecord: the books asked for, at the reader\'s sensitivity; the rest of the record is ignored', () => {
  const strict = (key) => ({ ...keys(key), terms: [0.5], keys: [[key, [], [0], 0]],
    thresholds: { balanced: { context: 1, evidence: 2 }, strict: { context: 1, evidence: 0.5 } } });
  const record = keysRecord({ a: strict('twist'), b: keys('other') }, 'b1', ['a', 'b']);
  // Inside a plot section the core blurs on half the evidence: 0.5 ≥ 2 × 0.5 is false, ≥ 0.5 × 0.5 true.
  assert.equal(Prefilter.fromRecord(record, ['a']).test('the twist').candidate, false, 'balanced');
  assert.equal(Prefilter.fromRecord(record, ['a'], 'strict').test('the twist').candidate, true, 'strict');
  // Book b is in the record but switched off here: its words name nothing.
  const onlyA = Prefilter.fromRecord(record, ['a']);
  assert.deepEqual([onlyA.unfiltered, onlyA.namedIn('other other')], [[], []]);
  // A book the record lacks, or no record at all: not prefiltered.
  assert.deepEqual(Prefilter.fromRecord(record, ['a', 'mine']).unfiltered, ['mine']);
  const none = Prefilter.fromRecord(null, ['a']);
  assert.deepEqual([none.unfiltered, none.test('anything').candidate], [['a'], true]);
  assert.deepEqual(Prefilter.fromRecord({ build: 'b1', books: 'x' }, ['a']).unfiltered, ['a'], 'a malformed record');
});

test('Prefilter.fromRecord: a book the record lists twice is one book', () => {
  const record = keysRecord(CATALOG, 'b1', ['rebecca']);
  const twice = { ...record, books: [record.books[0], record.books[0]] };
  const prefilter = Prefilter.fromRecord(twice, ['rebecca']);
  assert.deepEqual(prefilter.books.map((b) => b.id), ['rebecca']);
  assert.deepEqual(prefilter.namedIn('manderley'), ['rebecca']);
});

test('indexOf: a packed index that does not read is none (the prefilter then keys no book)', () => {
  const record = keysRecord(CATALOG, 'b1', ['rebecca', 'gone-girl']);
  assert.equal(indexOf(record).size, 2);
  for (const broken of [{ ...record, keys: 7 }, { ...record, offsets: [0] }, { ...record, offsets: [0, 999] },
    { ...record, offsets: [0, 1.5] }, { ...record, entries: undefined }]) {
    assert.equal(indexOf(broken), null, JSON.stringify(broken));
    assert.deepEqual(Prefilter.fromRecord(broken, ['rebecca']).unfiltered, ['rebecca'], 'not prefiltered: every block a candidate');
  }
});
