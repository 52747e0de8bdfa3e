// The MV3 service worker may be stopped at any time (issue 6). The content script must
// recover and the page stay protected: on a strict-CSP page, whose scans go through the
// worker (samples/strict-csp.html), and on an ordinary page, whose scans do not but whose
// badge count does. The worker is stopped the way DevTools stops it: CDP Target.closeTarget
// on its target; the browser starts a new one for the next message or event.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EXPECTED, useBrowser, trackBooks, settled, hasState, states, stats, stopWorker as stopWorkerOf } from './helpers.mjs';

const CSP = 'samples/strict-csp.html';
const PLAIN = 'samples/review-blog.html';
const books = [...new Set([...EXPECTED[CSP].books, ...EXPECTED[PLAIN].books])];
const env = useBrowser({ before, after, setup: ({ browser }) => trackBooks(browser, books) });

// Stops the worker (helpers.mjs), through `page`'s CDP session.
const stopWorker = (page, options) => stopWorkerOf(env.browser, page, options);

// Writes settings from an extension page (the worker is stopped, so the usual hook that
// runs in the worker cannot), bumping `rev` as the extension does.
async function setSettingsWithoutWorker(patch) {
  const page = await env.browser.context.newPage();
  await page.goto(env.browser.extUrl('popup/popup.html'));
  await page.evaluate(async (patch) => {
    const { rev = 0 } = await chrome.storage.sync.get('rev');
    await chrome.storage.sync.set({ ...patch, rev: rev + 1 });
  }, patch);
  await page.close();
}

// Appends a copy of a spoiler and of a clean paragraph, as a comment loaded later would.
function appendCopies(page, spoiler, clean, suffix) {
  return page.evaluate(([spoiler, clean, suffix]) => [spoiler, clean].map((sel) => {
    const copy = document.createElement('p');
    copy.id = `${sel.slice(1)}-${suffix}`;
    copy.textContent = document.querySelector(sel).textContent;
    document.querySelector(sel).parentElement.append(copy);
    return `#${copy.id}`;
  }), [spoiler, clean, suffix]);
}

function expectedStates(want) {
  return Object.fromEntries([...want.blurred.map((s) => [s, 'blurred']), ...want.clean.map((s) => [s, 'clean'])]);
}

// How many of the labelled spoilers are blurred and whether any clean one is.
async function protectedNow(page, want) {
  const got = await states(page, [...want.blurred, ...want.clean]);
  return {
    blurred: want.blurred.filter((s) => got[s] === 'blurred').length,
    wronglyBlurred: want.clean.filter((s) => got[s] !== 'clean'),
  };
}

let csp;
let plain;
let before0;

test('both pages are protected before the worker stops', async () => {
  // The ordinary page first: the worker has built no engine yet, so it scans with its own
  // Wasm (a page that finds the worker's engine built scans through it: worker-engine.test.mjs).
  plain = await env.browser.context.newPage();
  await plain.goto(env.url(PLAIN));
  await settled(plain);
  csp = await env.browser.context.newPage();
  await csp.goto(env.url(CSP));
  await settled(csp);
  assert.equal((await stats(csp)).path, 'background');
  assert.equal((await stats(plain)).path, 'wasm');
  before0 = { csp: await protectedNow(csp, EXPECTED[CSP]), plain: await protectedNow(plain, EXPECTED[PLAIN]) };
  assert.ok(before0.csp.blurred > 0 && before0.plain.blurred > 0);
});

// The running service worker (a message or event starts a new one when it was stopped).
async function liveWorker() {
  const { context, extensionId } = env.browser;
  return context.serviceWorkers().find((x) => x.url().includes(extensionId))
    ?? context.waitForEvent('serviceworker', { timeout: 10_000 });
}

// Makes the worker answer the next `times` scan messages with nothing, as a worker killed
// mid-call was once seen to do: a second listener replies at once, before the real one.
async function answerScansEmptily(times) {
  await (await liveWorker()).evaluate((times) => {
    let left = times;
    chrome.runtime.onMessage.addListener(function empty(msg, sender, reply) {
      if (msg?.type !== 'scan' || left === 0) return false;
      if (--left === 0) chrome.runtime.onMessage.removeListener(empty);
      reply(undefined);
      return false;
    });
  }, times);
}

test('a scan answered with nothing is replayed in a new session', async () => {
  const want = EXPECTED[CSP];
  const was = await stats(csp);
  await answerScansEmptily(1);
  const [spoiler, clean] = await appendCopies(csp, want.blurred[0], want.clean.at(-2), 'empty-answer');
  await settled(csp, hasState(spoiler, 'blurred'));
  assert.deepEqual(await states(csp, [spoiler, clean]), { [spoiler]: 'blurred', [clean]: 'clean' });
  const s = await stats(csp);
  assert.equal(s.replays, was.replays + 1);
  assert.equal(s.recoveries, 0);
  assert.equal(s.error, undefined);
  assert.deepEqual(await protectedNow(csp, want), before0.csp, 'earlier blocks keep their verdicts');
});

test('a scan that keeps failing shows the page, then the page is scanned again and protected', async () => {
  const want = EXPECTED[CSP];
  await answerScansEmptily(4); // the first call and its three replays
  const [spoiler, clean] = await appendCopies(csp, want.blurred[0], want.clean.at(-2), 'failing');
  await csp.waitForFunction(() => JSON.parse(document.documentElement.getAttribute('data-spoiler-shield-stats')).recoveries === 1);
  await settled(csp, hasState(spoiler, 'blurred'));
  assert.deepEqual(await states(csp, [spoiler, clean]), { [spoiler]: 'blurred', [clean]: 'clean' });
  const s = await stats(csp);
  assert.equal(s.recoveries, 1);
  assert.equal(s.error, undefined, 'the rescan succeeded');
  assert.deepEqual(await protectedNow(csp, want), before0.csp);
});

test('content added after the worker stopped is blurred through a new worker', async (t) => {
  const want = EXPECTED[CSP];
  assert.ok(await stopWorker(csp));
  const replays = (await stats(csp)).replays;
  const [spoiler, clean] = await appendCopies(csp, want.blurred[0], want.clean.at(-2), 'after-stop');
  await settled(csp, hasState(spoiler, 'blurred'));
  assert.deepEqual(await states(csp, [spoiler, clean]), { [spoiler]: 'blurred', [clean]: 'clean' });
  const s = await stats(csp);
  t.diagnostic(`strict-csp after a stop: replays ${replays} → ${s.replays}, retries ${s.retries}, error ${s.error ?? 'none'}`);
  assert.equal(s.replays, replays + 1, 'the new worker had lost the session: the page was replayed');
  assert.equal(s.error, undefined);
  assert.deepEqual(await protectedNow(csp, want), before0.csp, 'earlier blocks keep their verdicts');
});

test('a worker stopped right after a large addition: the page stays protected', async (t) => {
  const want = EXPECTED[CSP];
  // The stop races the batch's scan message: it may land before the message (the previous
  // test again), while the worker holds it (scanner.js sends it again: stats.retries), or
  // after the answer. Whichever, the page must end protected.
  const ids = await csp.evaluate(([spoiler]) => {
    const text = document.querySelector(spoiler).textContent;
    const box = document.createElement('div');
    const ids = [];
    for (let i = 0; i < 400; i++) {
      const p = document.createElement('p');
      p.id = `bulk-${i}`;
      p.textContent = i % 50 === 0 ? text : `Comment ${i}: a note about the weather, the ferry and the kettle in the hall.`;
      box.append(p);
      ids.push(`#${p.id}`);
    }
    document.querySelector(spoiler).parentElement.append(box);
    return ids;
  }, [want.blurred[0]]);
  await stopWorker(csp, { wait: false });
  await settled(csp, hasState(ids.at(-50), 'blurred'));
  const got = await states(csp, ids);
  assert.deepEqual(ids.filter((id) => got[id] === 'blurred'), ids.filter((_, i) => i % 50 === 0));
  const s = await stats(csp);
  t.diagnostic(`stopped mid-scan: replays ${s.replays}, retries ${s.retries}, recoveries ${s.recoveries}`);
  assert.equal(s.error, undefined);
});

test('settings changed while the worker is stopped reach both pages, which stay protected', async () => {
  await stopWorker(plain);
  const batches = { csp: (await stats(csp)).batches, plain: (await stats(plain)).batches };
  try {
    await setSettingsWithoutWorker({ sensitivity: 'strict' });
    // Each page scans itself again from the start, with a new engine (or worker session).
    await settled(csp, { until: (n) => JSON.parse(document.documentElement.getAttribute('data-spoiler-shield-stats')).batches > n, arg: batches.csp });
    await settled(plain, { until: (n) => JSON.parse(document.documentElement.getAttribute('data-spoiler-shield-stats')).batches > n, arg: batches.plain });
    for (const [page, sample, was] of [[csp, CSP, before0.csp], [plain, PLAIN, before0.plain]]) {
      const now = await protectedNow(page, EXPECTED[sample]);
      assert.ok(now.blurred >= was.blurred, `${sample}: still protected (strict blurs at least as much)`);
      assert.equal((await stats(page)).error, undefined);
    }
  } finally {
    await setSettingsWithoutWorker({ sensitivity: 'balanced' });
    await settled(csp);
  }
});

test('a strict-CSP page loaded while the worker is stopped is protected', async () => {
  await stopWorker(csp);
  const page = await env.browser.context.newPage();
  await page.goto(env.url(CSP));
  await settled(page);
  const s = await stats(page);
  assert.equal(s.path, 'background');
  assert.equal(s.error, undefined);
  assert.deepEqual(await protectedNow(page, EXPECTED[CSP]), before0.csp);
  await page.close();
});

test('the badge count of an ordinary page is still kept by the new worker', async () => {
  await stopWorker(plain);
  const [spoiler] = await appendCopies(plain, EXPECTED[PLAIN].blurred[0], EXPECTED[PLAIN].clean[0], 'badge');
  await settled(plain, hasState(spoiler, 'blurred'));
  const n = (await stats(plain)).blurred;
  await plain.bringToFront();
  const w = await liveWorker();
  await assert.doesNotReject(async () => {
    for (let i = 0; i < 50; i++) {
      const text = await w.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true });
        return chrome.action.getBadgeText({ tabId: tab.id });
      });
      if (text === String(n)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`badge never showed ${n}`);
  });
});
