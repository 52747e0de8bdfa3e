// A page's changes and its rebuilds from storage (extension/common/settings-client.js
// changesBeforeRebuilds): a rebuild never shows what storage held before a change the
// reader made is answered, and the last answer rebuilds the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changesBeforeRebuilds } from '../../extension/common/settings-client.js';

// A promise with its resolve function, to answer it when the test says so.
function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

// A fake page: storage holds `stored`; each request is answered when the test says so and
// then stores its change; draw() records what it was given.
function page(stored) {
  const drawn = [];
  const answers = [];
  const reads = [];
  const view = changesBeforeRebuilds({
    request: (change) => {
      const answer = deferred();
      answers.push(() => { stored = change; answer.resolve({ ok: true }); });
      return answer.promise;
    },
    load: () => {
      const read = deferred();
      reads.push(() => read.resolve(stored));
      return read.promise;
    },
    draw: (loaded) => { drawn.push(loaded); },
  });
  return { view, drawn, answers, reads };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('a rebuild whose read began before a change was asked draws nothing; the last answer rebuilds', async () => {
  const p = page('balanced');
  const rebuilt = p.view.rebuild(); // storage changed (another change stored): the page reads
  const asked = p.view.change('strict'); // the reader clicks before the read comes back
  p.reads[0]();
  await rebuilt;
  assert.deepEqual(p.drawn, [], 'the read from before the click is not drawn');
  p.answers[0]();
  assert.deepEqual(await asked, { ok: true });
  await settle();
  assert.equal(p.reads.length, 2, 'the answer rebuilds the page');
  p.reads[1]();
  await settle();
  assert.deepEqual(p.drawn, ['strict']);
});

test('no rebuild while a change waits for its answer; one after the last of two', async () => {
  const p = page('a');
  const first = p.view.change('b');
  const second = p.view.change('c');
  await p.view.rebuild();
  assert.equal(p.reads.length, 0, 'nothing read while changes wait');
  p.answers[0]();
  await first;
  await settle();
  assert.equal(p.reads.length, 0, 'one change still waits');
  p.answers[1]();
  await second;
  await settle();
  assert.equal(p.reads.length, 1);
  p.reads[0]();
  await settle();
  assert.deepEqual(p.drawn, ['c']);
});

test('with no change waiting, a rebuild draws what it read', async () => {
  const p = page('x');
  const rebuilt = p.view.rebuild();
  p.reads[0]();
  await rebuilt;
  assert.deepEqual(p.drawn, ['x']);
});
