// The content script's queue of roots (extension/content/root-queue.js) and the burst
// bookkeeping (extension/content/bursts.js), without a browser: roots come out in arrival
// order, once each, a root queued again keeps its place with its latest `ownOnly`; a
// burst's parent is marked on its first root or record and unmarked after its last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RootQueue } from '../../extension/content/root-queue.js';
import { HeldParents, DeferredRecords, recordParent } from '../../extension/content/bursts.js';

function drain(queue) {
  const out = [];
  for (let next = queue.shift(); next; next = queue.shift()) out.push(next);
  return out;
}

test('roots come out oldest first, once, with their latest ownOnly', () => {
  const q = new RootQueue();
  q.set('a', true);
  q.set('b', false);
  q.set('a', false); // queued again: keeps its place, now whole
  q.set('c', true);
  assert.equal(q.size, 3);
  assert.equal(q.has('b'), true);
  assert.equal(q.get('a'), false);
  assert.equal(q.get('z'), undefined);
  assert.deepEqual([...q.keys()], ['a', 'b', 'c']);
  assert.equal(q.order.length, 3, 'a root queued again takes no second place (a page re-adding one node costs nothing)');
  assert.deepEqual(drain(q), [['a', false], ['b', false], ['c', true]]);
  assert.equal(q.size, 0);
  assert.equal(q.shift(), undefined);
  q.set('d', true);
  assert.deepEqual(drain(q), [['d', true]], 'usable again once empty');
});

test('a long queue taken from the front stays in order and compacts', () => {
  const q = new RootQueue();
  const n = 5000;
  for (let i = 0; i < n; i++) q.set(i, i % 2 === 0);
  const firstHalf = [];
  for (let i = 0; i < 3000; i++) firstHalf.push(q.shift()[0]);
  assert.ok(q.order.length < n, 'the taken front is dropped');
  for (let i = n; i < n + 10; i++) q.set(i, false);
  const rest = drain(q).map(([root]) => root);
  assert.deepEqual([...firstHalf, ...rest], Array.from({ length: n + 10 }, (_, i) => i));
  q.set('x', true);
  q.clear();
  assert.equal(q.size, 0);
  assert.equal(q.shift(), undefined);
});

// An element stand-in that records its attributes.
function element(name) {
  const attrs = new Map();
  return {
    name, attrs,
    setAttribute: (k, v) => attrs.set(k, v),
    removeAttribute: (k) => attrs.delete(k),
  };
}
const QUEUED = 'data-spoiler-shield-queued';

test('a burst parent is hidden from its first root or record to its last', () => {
  const parents = new HeldParents();
  const p = element('p');
  parents.hold(p);
  assert.equal(p.attrs.get(QUEUED), 'burst');
  parents.hold(p);
  parents.unhold(p);
  assert.equal(p.attrs.get(QUEUED), 'burst', 'one still waits');
  parents.unhold(p);
  assert.equal(p.attrs.has(QUEUED), false);
});

test('deferred records: held per parent, looked at in order, dropped with their marks', () => {
  const parents = new HeldParents();
  const deferred = new DeferredRecords(parents);
  const [held, body] = [element('held'), element('body')];
  const text = { nodeType: 3, parentNode: held };
  const records = [
    { type: 'childList', target: held }, { type: 'characterData', target: text }, { type: 'childList', target: body },
  ];
  assert.equal(recordParent(records[1]), held);
  const now = deferred.hold(records, (target) => target !== body);
  assert.deepEqual(now, [records[2]], 'a parent that cannot be hidden: looked at now');
  assert.equal(deferred.pending, true);
  assert.equal(held.attrs.get(QUEUED), 'burst');
  const seen = [];
  deferred.drain(Infinity, (list, i, parent) => seen.push([list[i], parent]));
  assert.deepEqual(seen, [[records[0], held], [records[1], held]]);
  assert.equal(deferred.pending, false);
  assert.equal(held.attrs.has(QUEUED), false, 'shown once its last record was looked at');

  deferred.hold(records.slice(0, 2), () => true);
  deferred.drop();
  assert.equal(deferred.pending, false);
  assert.equal(held.attrs.has(QUEUED), false, 'dropped records show their parent');
});

test('draining stops at the deadline and goes on where it stopped', () => {
  const deferred = new DeferredRecords(new HeldParents());
  const parent = element('p');
  const records = Array.from({ length: 600 }, (_, i) => ({ type: 'childList', target: parent, i }));
  deferred.hold(records, () => true);
  const seen = [];
  deferred.drain(0, (list, i) => seen.push(list[i].i)); // past due: one step of 256
  assert.equal(seen.length, 256);
  assert.equal(deferred.pending, true);
  assert.equal(parent.attrs.get(QUEUED), 'burst');
  deferred.drain(Infinity, (list, i) => seen.push(list[i].i));
  assert.deepEqual(seen, records.map((r) => r.i));
  assert.equal(parent.attrs.has(QUEUED), false);
});
