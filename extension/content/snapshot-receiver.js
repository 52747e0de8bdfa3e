// Receives the settings snapshot (common/snapshot.js): the files the service worker
// registered run right after this content script, at document_start, each calling one
// method of the receiver left on the content scripts' global object; the last one, `end`,
// hands the snapshot over, still before the parser has written anything.
import { readRecord } from '../common/prefilter-record.js';

// The property the snapshot's files call (common/snapshot.js SNAPSHOT_HANDOFF).
const HANDOFF = Symbol.for('spoiler-shield.snapshot');

/**
 * Leaves a receiver for the snapshot's files; `onSnapshot(snapshot, records)` is called
 * once, when the last has run, with {on, off, sensitivity, plotGuard} (as snapshotOf()
 * makes it) and the prefilter record of each book that is on ([record], null for a record
 * that does not read). Nothing is called when no snapshot is registered (the reader has a
 * shield of their own, or the worker has not registered one yet).
 */
export function receiveSnapshot(onSnapshot) {
  const on = [];
  const off = [];
  const records = [];
  globalThis[HANDOFF] = {
    on(id, recordText) {
      on.push(String(id));
      records.push(readRecord(recordText));
    },
    tracked(id) {
      off.push(String(id));
    },
    end({ sensitivity, plotGuard }) {
      delete globalThis[HANDOFF];
      onSnapshot({ on, off, sensitivity, plotGuard: plotGuard === true }, records);
    },
  };
}
