// A web page cannot reach the extension's settings. With the Never Let Me Go shield on, a
// sample page's own script (Playwright's page.evaluate runs in the page's main world, as
// the page's scripts do) tries what a hostile page could:
//   (i)   window.postMessage with plausible payloads, to itself, its frames and its opener;
//   (ii)  events dispatched on our elements and the document: synthetic clicks, key
//         presses, custom events named like ours;
//   (iii) chrome.runtime.sendMessage to our id (there is no externally_connectable);
//   (iv)  framing the options page and the popup to click in them;
//   (v)   fetching our files at their plain chrome-extension:// URL (to tell we are installed).
// Afterwards the settings are read back in the options page (what the reader sees) and in
// storage, and a fresh load of the page is blurred as before. Our own extension pages are
// not trusted with content-script messages either: a scan asked from the options page
// gets no answer; nor is our content script trusted with settings: a settings change it
// sends gets no answer, and storage.session, where pages leave pending changes, is closed
// to it. (A page stripping our attributes is the hostile-pages tests' business.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EXPECTED, useBrowser, trackBooks, openSettled, settled, getSettings, stats, caughtUp } from './helpers.mjs';

const SAMPLE = 'samples/review-blog.html';
const BOOK = 'never-let-me-go';
let page;
let settingsBefore;
let blurredBefore;

// The blocks of the page blurred now, by id (a sentinel of caughtUp() left out).
const blurredIds = () => page.$$eval('[data-spoiler-shield="blurred"]',
  (els) => els.map((el) => el.id).filter((id) => !id.startsWith('spoiler-shield-test-sentinel')));
let blurredIdsBefore;

const env = useBrowser({
  before, after,
  setup: async () => {
    await trackBooks(env.browser, EXPECTED[SAMPLE].books);
    page = await openSettled(env, SAMPLE);
    blurredBefore = (await stats(page)).blurred;
    blurredIdsBefore = await blurredIds();
    settingsBefore = await getSettings(env.browser);
  },
});

// Payloads shaped like what an extension of this kind might accept.
const PAYLOADS = [
  { type: 'revealAll' }, { type: 'hello' }, { type: 'off', id: BOOK }, { type: 'pause', host: 'localhost' },
  { type: 'setSettings', tracked: [], off: [BOOK], paused: ['localhost', '127.0.0.1'] },
  { type: 'updateSettings', settings: { tracked: [] } }, { type: 'count', n: 0 },
  { source: 'spoiler-shield', type: 'disable' }, { spoilerShield: { enabled: false } },
  'spoiler-shield:off', JSON.stringify({ type: 'revealAll' }),
];

test('the page starts blurred, with the shield on', () => {
  assert.ok(blurredBefore > 0, `${blurredBefore} blocks blurred`);
  assert.deepEqual(settingsBefore.sync.tracked, [BOOK]);
});

test('(i) postMessage from the page changes nothing', async () => {
  await page.evaluate(async (payloads) => {
    // A last message of our own: messages to one window arrive in the order posted, so
    // once it has, every payload has been dispatched to every listener (a content script's
    // listener was added at document_start, before ours).
    const last = new Promise((resolve) => addEventListener('message', (e) => { if (e.data === 'test:last') resolve(); }));
    for (const p of payloads) {
      window.postMessage(p, '*');
      window.top.postMessage(p, '*');
      for (let i = 0; i < window.frames.length; i++) window.frames[i].postMessage(p, '*');
      window.opener?.postMessage(p, '*');
    }
    window.postMessage('test:last', '*');
    await last;
  }, PAYLOADS);
  // … and anything they set off in the content script would be done before a sentinel's verdict.
  const sentinel = await caughtUp(page);
  assert.deepEqual(await blurredIds(), blurredIdsBefore, 'still blurred');
  assert.deepEqual(await getSettings(env.browser), settingsBefore);
  await page.$eval(sentinel, (el) => el.remove());
});

test('(ii) events dispatched by the page do not reach settings', async (t) => {
  const revealedBySyntheticClick = await page.evaluate(() => {
    const names = ['spoiler-shield:off', 'spoiler-shield:reveal', 'spoilershield', 'reveal', 'revealAll', 'change', 'toggle'];
    for (const name of names) {
      document.dispatchEvent(new CustomEvent(name, { bubbles: true, detail: { type: 'off', id: 'never-let-me-go' } }));
      window.dispatchEvent(new CustomEvent(name, { detail: { tracked: [] } }));
    }
    const ours = [...document.querySelectorAll('[data-spoiler-shield], spoiler-shield-label')];
    for (const el of ours) {
      for (const name of names) el.dispatchEvent(new CustomEvent(name, { bubbles: true }));
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    }
    return document.querySelectorAll('[data-spoiler-shield="revealed"]').length;
  });
  // dispatchEvent runs every listener before it returns; what a listener set off in the
  // content script would be done before a sentinel's verdict.
  const sentinel = await caughtUp(page);
  assert.deepEqual(await blurredIds(), blurredIdsBefore, 'still blurred');
  await page.$eval(sentinel, (el) => el.remove());
  // Only the reader reveals: the page's own clicks and keys are not trusted events.
  t.diagnostic(`synthetic clicks and keys from the page revealed ${revealedBySyntheticClick} of ${blurredBefore} blocks on it`);
  assert.equal(revealedBySyntheticClick, 0);
  assert.deepEqual(await getSettings(env.browser), settingsBefore);
});

test('(iii) the page has no channel to the extension', async () => {
  const id = env.browser.extensionId;
  const tried = await page.evaluate(async (id) => {
    const out = { runtime: typeof globalThis.chrome?.runtime?.sendMessage };
    if (out.runtime === 'function') {
      try {
        out.answer = await chrome.runtime.sendMessage(id, { type: 'setSettings', tracked: [] });
      } catch (err) {
        out.error = String(err?.message || err);
      }
    }
    return out;
  }, id);
  // Without externally_connectable, Chromium gives pages no chrome.runtime.sendMessage.
  assert.notEqual(tried.runtime, 'function', JSON.stringify(tried));
  assert.deepEqual(await getSettings(env.browser), settingsBefore);
});

test('(iv) the page cannot frame the options page or the popup', async (t) => {
  const urls = ['options/options.html', 'popup/popup.html'].map((p) => env.browser.extUrl(p));
  // Waits for each frame's load event: it fires for a refused frame too (its error page).
  await page.evaluate((urls) => Promise.all(urls.map((url) => new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.addEventListener('load', resolve, { once: true });
    frame.src = url;
    frame.className = 'probe';
    document.body.append(frame);
  }))), urls);
  const framed = page.frames().map((f) => f.url()).filter((u) => u.startsWith('chrome-extension://'));
  const loaded = [];
  for (const f of page.frames().filter((fr) => fr.url().startsWith('chrome-extension://'))) {
    loaded.push(await f.evaluate(() => Boolean(document.querySelector('#books, #custom-form'))).catch(() => false));
  }
  assert.deepEqual(framed, [], 'the frames never hold an extension page');
  assert.ok(!loaded.includes(true), `an extension page loaded in the page's frame: ${framed.join(', ')}`);
  t.diagnostic(`the page's frames: ${page.frames().slice(1).map((f) => f.url()).join(', ')}`);
  await page.evaluate(() => document.querySelectorAll('iframe.probe').forEach((f) => f.remove()));
  assert.deepEqual(await getSettings(env.browser), settingsBefore);
});

test('(v) the page cannot fetch our files at their plain URL, so cannot tell we are here', async () => {
  // The files our content script loads (the core, a shield) are web accessible only through
  // the session's dynamic URL (use_dynamic_url), which chrome.runtime.getURL gives the
  // content script and no page can guess; the plain chrome-extension://<id>/ URL is refused.
  const urls = [`core/shields/${BOOK}.json`, 'core/spoiler_shield_bg.wasm', 'core/catalog.json']
    .map((p) => env.browser.extUrl(p));
  const got = await page.evaluate((urls) => Promise.all(urls.map((url) => fetch(url)
    .then((r) => `fetched ${r.status}`, (err) => `refused: ${err?.message || err}`))), urls);
  assert.deepEqual(got.map((g) => g.startsWith('refused')), urls.map(() => true), JSON.stringify(got));
  // The content script itself did load them: the page was scanned in-page with the shield.
  const s = await stats(page);
  assert.equal(s.path, 'wasm', 'the content script loaded the core through the dynamic URL');
  assert.ok(s.engines >= 1 && blurredBefore > 0, `engines ${s.engines}, blurred ${blurredBefore}`);
});

test('an extension page cannot ask the worker for content-script work', async () => {
  const options = await env.browser.context.newPage();
  await options.goto(env.browser.extUrl('options/options.html'));
  await options.waitForSelector('#books li');
  const answer = await options.evaluate(async () => {
    try {
      const r = await chrome.runtime.sendMessage({ type: 'scan', session: 'probe', rev: 0, fresh: true, texts: ['Kathy is a clone.'] });
      return { answered: r !== undefined, r };
    } catch (err) {
      return { answered: false, error: String(err?.message || err) };
    }
  });
  assert.equal(answer.answered, false, JSON.stringify(answer));
  await options.close();
});

// Runs `expression` (an async function's source, called with no argument) in the content
// script's own world of `page` (its isolated world, found through CDP), as code that took
// over our content script could; resolves to what it returns.
async function inContentScript(page, expression) {
  const cdp = await env.browser.context.newCDPSession(page);
  try {
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable'); // reports every existing context before it returns
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const ours = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'Spoiler Shield'
      && c.auxData?.frameId === frameTree.frame.id);
    assert.ok(ours, `the content script's world: ${JSON.stringify(contexts.map((c) => [c.name, c.auxData?.type]))}`);
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression: `(${expression})()`, contextId: ours.id, awaitPromise: true, returnByValue: true,
    });
    assert.equal(exceptionDetails, undefined, JSON.stringify(exceptionDetails));
    return result.value;
  } finally {
    await cdp.detach();
  }
}

test('a content script cannot change settings: the worker refuses its change, storage.session is closed to it', async () => {
  const tried = await inContentScript(page, `async () => {
    const out = {};
    const change = { kind: 'track', id: 'never-let-me-go', on: false };
    // Settled either way once the worker has dispatched the message: an answer, or the
    // port closing because no listener took it.
    try {
      out.answer = (await chrome.runtime.sendMessage({ type: 'changeSettings', id: 'cs-probe', change })) ?? 'none';
    } catch (err) {
      out.messageError = String(err?.message || err);
    }
    try {
      await chrome.storage.session.set({ 'pendingChange:cs-probe2': { change, at: Date.now() } });
      out.sessionWritten = true;
    } catch (err) {
      out.sessionError = String(err?.message || err);
    }
    return out;
  }`);
  // No listener answered (Chromium resolves with nothing; older versions reject).
  assert.ok(tried.answer === 'none' || /port closed/i.test(tried.messageError), JSON.stringify(tried));
  assert.equal(tried.sessionWritten, undefined, JSON.stringify(tried));
  assert.match(tried.sessionError ?? '', /not allowed|access/i, JSON.stringify(tried));
  assert.deepEqual(await getSettings(env.browser), settingsBefore);
});

test('afterwards the options page shows the settings as they were, and the page blurs again', async () => {
  const options = await env.browser.context.newPage();
  await options.goto(env.browser.extUrl('options/options.html'));
  await options.waitForSelector('#books li');
  assert.equal(await options.getByRole('checkbox', { name: 'Never Let Me Go' }).isChecked(), true);
  assert.equal(await options.locator('input[name=sensitivity][value=balanced]').isChecked(), true);
  const tracked = await options.$$eval('#books input[type=checkbox]:checked', (els) => els.length);
  assert.equal(tracked, 1, 'one book tracked, as before');
  await options.close();
  assert.deepEqual(await getSettings(env.browser), settingsBefore);

  await page.reload();
  await settled(page);
  assert.equal((await stats(page)).blurred, blurredBefore, 'the shield is still on');
});
