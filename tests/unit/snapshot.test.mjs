// The settings snapshot (extension/common/snapshot.js) and the records it carries, without
// a browser: which files say which settings, when no snapshot can say them, how paused
// sites are left out, and that a frame's merge of one record per book is the record the
// worker stores for the same books (common/prefilter-record.js mergeRecords).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { settingsFrom } from '../../extension/common/settings-shape.js';
import {
  snapshotOf, sameSnapshot, snapshotRegistration, sameRegistration, snapshotScript, endFiles, onFile, trackedFile,
} from '../../extension/common/snapshot.js';
import { keysRecord, mergeRecords, readRecord, recordText, indexOf, entryAt } from '../../extension/common/prefilter-record.js';
import { receiveSnapshot } from '../../extension/content/snapshot-receiver.js';
import { Prefilter } from '../../extension/content/prefilter.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CATALOG_IDS = ['gone-girl', 'never-let-me-go', 'rebecca'];
const read = (sync, local = {}) => settingsFrom([sync, local]);

test('snapshotOf: the books on and off, sorted, the sensitivity and the plot guard', () => {
  const { settings, shields } = read({ tracked: ['rebecca', 'never-let-me-go', 'gone-girl'], off: ['gone-girl'], sensitivity: 'strict', plotGuard: false });
  assert.deepEqual(snapshotOf(settings, shields, CATALOG_IDS),
    { on: ['never-let-me-go', 'rebecca'], off: ['gone-girl'], sensitivity: 'strict', plotGuard: false });
  // Defaults: nothing tracked, balanced, the guard on.
  assert.deepEqual(snapshotOf(read({}).settings, [], CATALOG_IDS), { on: [], off: [], sensitivity: 'balanced', plotGuard: true });
});

test('snapshotOf: none when a packaged file cannot say the settings: a custom shield, an unknown id', () => {
  const custom = read({ tracked: ['rebecca'] }, { shields: [{ id: 'my-book', title: 'My Book' }] });
  assert.equal(snapshotOf(custom.settings, custom.shields, CATALOG_IDS), null);
  assert.equal(snapshotOf(read({ tracked: ['not-in-the-catalog'] }).settings, [], CATALOG_IDS), null);
});

test('sameSnapshot: equal only when every part is', () => {
  const a = { on: ['rebecca'], off: [], sensitivity: 'balanced', plotGuard: true };
  assert.equal(sameSnapshot(a, { ...a }), true);
  assert.equal(sameSnapshot(a, { ...a, on: ['gone-girl'] }), false);
  assert.equal(sameSnapshot(a, { ...a, off: ['gone-girl'] }), false);
  assert.equal(sameSnapshot(a, { ...a, sensitivity: 'strict' }), false);
  assert.equal(sameSnapshot(a, { ...a, plotGuard: false }), false);
  assert.equal(sameSnapshot(a, null), false);
});

test('snapshotRegistration: one file per book on or off, the end file last; paused hosts excluded', () => {
  const snapshot = { on: ['rebecca'], off: ['gone-girl'], sensitivity: 'relaxed', plotGuard: false };
  const reg = snapshotRegistration(snapshot, ['Example.org', 'news.example.com']);
  assert.deepEqual(reg.js, [onFile('rebecca'), trackedFile('gone-girl'), 'content/snapshot/end-relaxed-noguard.js']);
  assert.deepEqual(reg.excludeMatches, ['*://example.org/*', '*://news.example.com/*']);
  assert.equal(reg.runAt, 'document_start');
  assert.equal(reg.allFrames, true);
  assert.equal('excludeMatches' in snapshotRegistration(snapshot, []), false);
  // A host no match pattern can name: no snapshot anywhere, so the paused page is never shielded.
  assert.equal(snapshotRegistration(snapshot, ['[::1]']), null);
  assert.equal(snapshotRegistration(snapshot, ['*.example.org']), null);
});

test('sameRegistration: the files and the exclusions decide', () => {
  const snapshot = { on: ['rebecca'], off: [], sensitivity: 'balanced', plotGuard: true };
  const wanted = snapshotRegistration(snapshot, ['a.example']);
  // As the browser lists it: more fields, the same files and exclusions.
  assert.equal(sameRegistration({ ...wanted, world: 'ISOLATED', matchOriginAsFallback: false }, wanted), true);
  assert.equal(sameRegistration({ ...wanted, excludeMatches: undefined }, wanted), false);
  assert.equal(sameRegistration(wanted, snapshotRegistration({ ...snapshot, on: [] }, ['a.example'])), false);
  assert.equal(sameRegistration(null, wanted), false);
});

// Runs the snapshot's files as the browser would, after the content script left its
// receiver, in one global object of their own.
function runFiles(texts) {
  const sandbox = { Symbol };
  sandbox.globalThis = sandbox;
  vm.createContext(sandbox);
  let got = null;
  const saved = globalThis[Symbol.for('spoiler-shield.snapshot')];
  receiveSnapshot((snapshot, records) => { got = { snapshot, records }; });
  sandbox[Symbol.for('spoiler-shield.snapshot')] = globalThis[Symbol.for('spoiler-shield.snapshot')];
  for (const text of texts) vm.runInContext(text, sandbox);
  globalThis[Symbol.for('spoiler-shield.snapshot')] = saved;
  return got;
}

test('the files hand the receiver the snapshot they were made for, records included', () => {
  const record = { build: 'b', format: 4, books: [], keys: '', offsets: [], entries: [] };
  const got = runFiles([
    snapshotScript('on', 'rebecca', recordText(record)),
    snapshotScript('tracked', 'gone-girl'),
    snapshotScript('end', { sensitivity: 'strict', plotGuard: true }),
  ]);
  assert.deepEqual(got.snapshot, { on: ['rebecca'], off: ['gone-girl'], sensitivity: 'strict', plotGuard: true });
  assert.deepEqual(got.records, [record]);
  // Without a receiver (the content script failed) the files do nothing and throw nothing.
  const sandbox = vm.createContext({ Symbol });
  vm.runInContext('globalThis = this;', sandbox);
  assert.doesNotThrow(() => vm.runInContext(snapshotScript('end', { sensitivity: 'balanced', plotGuard: true }), sandbox));
});

test('endFiles: one per sensitivity and plot guard, each named as endFile names it', () => {
  const files = endFiles().map((e) => e.file);
  assert.equal(new Set(files).size, 6);
  assert.ok(files.includes('content/snapshot/end-balanced-guard.js'));
});

// The catalog's own keys, as the build made them (pkg/prefilter.json), when they are there.
const PREFILTER = path.join(ROOT, 'pkg/prefilter.json');
const catalog = fs.existsSync(PREFILTER) ? JSON.parse(fs.readFileSync(PREFILTER, 'utf8')) : null;

test('mergeRecords: one record per book merged is the record of all of them, entry for entry', { skip: !catalog && 'pkg/prefilter.json not built' }, () => {
  for (const ids of [Object.keys(catalog).slice(0, 1), Object.keys(catalog).slice(0, 12), Object.keys(catalog)]) {
    const whole = keysRecord(catalog, 'b', ids);
    const merged = mergeRecords(ids.map((id) => readRecord(recordText(keysRecord(catalog, 'b', [id])))));
    assert.deepEqual(merged.books, whole.books);
    const [a, b] = [indexOf(whole), indexOf(merged)];
    assert.equal(b.size, a.size);
    for (const [key, at] of a) assert.deepEqual(entryAt(merged.entries, b.get(key)), entryAt(whole.entries, at), key);
    // … and a prefilter made of it judges as one made of the whole.
    const text = 'Kathy and Tommy find out that Hailsham students are clones; Amy faked her death.';
    const test = (record) => Prefilter.fromRecord(record, ids).test(text);
    assert.deepEqual(test(merged), test(whole));
  }
});
