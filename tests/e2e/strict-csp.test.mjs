// A page whose CSP forbids Wasm (www/serve.mjs sends one for samples/strict-csp.html): the
// content script cannot compile the core, so the service worker scans for it. The page is
// still protected, content added later is still blurred, and a worker that lost its
// sessions (stopped, as the browser stops an idle worker) gets the page's blocks replayed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LABEL_RECALL_FLOOR, againstLabels, useSample, settled, hasState, states, stats, stopWorker } from './helpers.mjs';

const SAMPLE = 'samples/strict-csp.html';
let page;
const { env, want } = useSample(SAMPLE, { before, after, opened: (p) => { page = p; } });

// Appends a copy of an expected spoiler paragraph (and of a clean one) under a new id, as
// a comment loaded later would arrive. CDP's evaluate is not bound by the page's CSP.
async function appendCopies(suffix) {
  return page.evaluate(([spoiler, clean, suffix]) => {
    const add = (sel) => {
      const copy = document.createElement('p');
      copy.id = `${sel.slice(1)}-${suffix}`;
      copy.textContent = document.querySelector(sel).textContent;
      document.querySelector(sel).parentElement.append(copy);
      return `#${copy.id}`;
    };
    return [add(spoiler), add(clean)];
  }, [want.blurred.find((sel) => sel === '#p6') ?? want.blurred[0], want.clean.at(-2), suffix]);
}

test('the page is scanned by the service worker, and protected', async () => {
  const s = await stats(page);
  assert.equal(s.path, 'background');
  assert.match(s.why ?? '', /WebAssembly|CompileError|wasm|Content Security Policy/i, 'why the in-page path failed');
  const got = await states(page, [...want.blurred, ...want.clean]);
  const { missed, wronglyBlurred, recall } = againstLabels(got, want.blurred, want.clean);
  assert.deepEqual(wronglyBlurred, []);
  assert.ok(recall >= LABEL_RECALL_FLOOR, `missed ${missed.join(' ')}`);
});

test('content added later is blurred through the service worker', async () => {
  const [spoiler, clean] = await appendCopies('later');
  await settled(page, hasState(spoiler, 'blurred'));
  assert.deepEqual(await states(page, [spoiler, clean]), { [spoiler]: 'blurred', [clean]: 'clean' });
});

test('a worker that lost its sessions (stopped, as the browser does) gets the page replayed, and still answers', async () => {
  const replaysBefore = (await stats(page)).replays;
  const statesBefore = await states(page, [...want.blurred, ...want.clean]);
  assert.ok(await stopWorker(env.browser, page), 'a worker was running');
  const [spoiler, clean] = await appendCopies('replayed');
  await settled(page, hasState(spoiler, 'blurred'));
  assert.deepEqual(await states(page, [spoiler, clean]), { [spoiler]: 'blurred', [clean]: 'clean' });
  assert.equal((await stats(page)).replays, replaysBefore + 1);
  assert.deepEqual(await states(page, [...want.blurred, ...want.clean]), statesBefore, 'earlier blocks keep their verdicts');
});
