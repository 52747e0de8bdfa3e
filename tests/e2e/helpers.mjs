// Shared harness for the end-to-end tests: the www/ static server, a headless Chromium
// with the built extension and a fresh profile, a test-only settings hook, and readers
// for the content script's DOM contract and stats.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { keysRecord, recordText } from '../../extension/common/prefilter-record.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// SPOILER_SHIELD_EXT_DIR points the tests at another build, e.g. a variant with a part
// removed, to show that a test fails without that part.
export const EXT_DIR = process.env.SPOILER_SHIELD_EXT_DIR ? path.resolve(process.env.SPOILER_SHIELD_EXT_DIR) : path.join(ROOT, 'dist/chromium');
export const EXPECTED = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/e2e/expected.json'), 'utf8'));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Starts `node www/serve.mjs 0` and resolves to {url, stop}; the server prints its URL as
// its first line.
export async function startServer() {
  const child = spawn(process.execPath, [path.join(ROOT, 'www/serve.mjs'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`www/serve.mjs exited with ${code}`)));
    lines.once('line', (line) => {
      const m = /^listening (http:\/\/\S+)/.exec(line);
      if (m) resolve(m[1]);
      else reject(new Error(`unexpected first line from www/serve.mjs: ${line}`));
    });
  });
  return {
    url,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}

// Launches Chromium with the unpacked extension and a profile of its own. Every request
// any page, frame or worker of the browser makes is recorded in `requests` (Playwright's
// context 'request' event); after close(), `netlog` holds Chromium's own network log of the
// run (--log-net-log), which also sees what no page or DevTools target initiated.
// `extension: false` launches the same browser, flags and viewport without the extension
// (benchmarks compare the two); such a browser has no worker and `extensionId` null.
// `extDir` loads another build of the extension (the bench's `--against`).
export async function launch({ slowMo = 0, extension = true, extDir = EXT_DIR } = {}) {
  if (extension && !fs.existsSync(path.join(extDir, 'manifest.json'))) {
    throw new Error(`${path.relative(ROOT, extDir) || extDir} has no manifest.json: run \`make build\` first`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'spoiler-shield-e2e-'));
  const netlogFile = path.join(profile, 'netlog.json');
  const context = await chromium.launchPersistentContext(path.join(profile, 'user-data'), {
    executablePath: CHROMIUM,
    headless: true,
    slowMo,
    viewport: { width: 1200, height: 900 },
    args: [
      '--no-sandbox',
      ...(extension ? [`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`] : ['--disable-extensions']),
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-gpu',
      `--log-net-log=${netlogFile}`,
    ],
  });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  if (!extension) {
    const plain = {
      context, worker: null, extensionId: null, requests, profile, netlog: null,
      extUrl: () => { throw new Error('this browser was launched without the extension'); },
      async close() {
        await context.close();
        plain.netlog = netlogRequests(netlogFile);
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
    return plain;
  }
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;
  // On install the extension opens its options page, possibly by navigating the newest
  // tab; a test that opened a tab meanwhile would see its navigation interrupted. Let
  // that happen first (the page stays open; openOptions() uses it).
  const optionsUrl = `chrome-extension://${extensionId}/options/options.html`;
  for (let waited = 0; waited < 5000 && !context.pages().some((p) => p.url() === optionsUrl); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const browser = {
    context, worker, extensionId, requests, profile, extDir,
    extUrl: (p) => `chrome-extension://${extensionId}/${p}`,
    netlog: null,
    // Closes the browser, reads its net log (complete only now), removes the profile.
    async close() {
      await context.close();
      browser.netlog = netlogRequests(netlogFile);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
  return browser;
}

// The options page, ready: the one the extension opened on install (launch() waits for
// it), or a new tab when there is none. → {page, openedOnInstall}
export async function openOptions(browser) {
  const url = browser.extUrl('options/options.html');
  let page = browser.context.pages().find((p) => p.url() === url);
  const openedOnInstall = Boolean(page);
  if (!page) {
    page = await browser.context.newPage();
    await page.goto(url);
  }
  await page.waitForSelector('#books li');
  return { page, openedOnInstall };
}

// The usual fixture of a test file: the www server and a browser with a fresh profile,
// started once, closed after the file's tests, after which no request may have left the
// machine. `setup(env)` runs right after the launch, in the same hook (node 20 does not
// wait for one root `before` hook before it starts the next).
// Use: `const env = useBrowser({before, after, setup}); … env.browser, env.url(path)`.
// `start` launches the browser (tests/firefox/ passes its own; a browser object without
// `requests` has nothing to check).
export function useBrowser({ before, after, setup = async () => {}, start = launch }) {
  const env = { server: null, browser: null, url: (p) => `${env.server.url}/${p}` };
  before(async () => {
    env.server = await startServer();
    env.browser = await start();
    await setup(env);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
    const foreign = foreignRequests(env.browser?.requests ?? []);
    if (foreign.length) throw new Error(`requests left the machine: ${foreign.join(', ')}`);
  });
  return env;
}

// One browser for a test file about one sample page: tracks the page's books, opens it
// (with `open`, openSettled by default) and hands the tab to `opened`.
export function useSample(sample, { before, after, opened, open = openSettled }) {
  const want = EXPECTED[sample];
  const env = useBrowser({
    before, after,
    setup: async () => {
      await trackBooks(env.browser, want.books);
      opened(await open(env, sample, want));
    },
  });
  return { env, want };
}

// Opens a sample page in a new tab and waits for the shield to settle on it.
export function openSettled(env, samplePath) {
  return openTab(env.browser, env.url(samplePath));
}

// Opens `url` in a new tab and waits for the shield to settle on it; `gotoTimeout` and
// `settleTimeout` are passed to page.goto() and settled().
async function openTab(browser, url, { gotoTimeout, settleTimeout } = {}) {
  const page = await browser.context.newPage();
  await page.goto(url, { timeout: gotoTimeout });
  await settled(page, { timeout: settleTimeout });
  return page;
}

// Opens `url` in a new tab, settled, and again (up to `max` loads in all) until the content
// script's stats satisfy `holds`: for a state that only some loads reach, such as a page
// that finds the service worker's engine built. → {page, stats, loads}: the last load, its
// tab left open for the caller to close, whether or not it satisfied `holds`.
// `gotoTimeout` and `settleTimeout` are passed to page.goto() and settled().
export async function openUntil(browser, url, holds, { max = 1, ...timeouts } = {}) {
  let page = null;
  let s = null;
  let loads = 0;
  while (loads < max) {
    await page?.close();
    loads++;
    page = await openTab(browser, url, timeouts);
    s = await stats(page);
    if (holds(s)) break;
  }
  return { page, stats: s, loads };
}

// The current service worker (it may have been stopped and started again).
export function worker(browser) {
  return browser.context.serviceWorkers().find((w) => w.url().includes(browser.extensionId)) ?? browser.worker;
}

// Stops the extension's service worker the way DevTools does (CDP Target.closeTarget on
// its target, through `page`'s session); the browser starts a new one for the next message
// or event. Resolves to false when no worker was running (stopped already, idle), else
// true once its target is gone; `wait: false` returns at once, for a stop that races a
// message (the worker restarted for it may keep the target's id). Without `page`, a blank
// tab is opened for the session and closed after.
export async function stopWorker(browser, page = null, { wait = true } = {}) {
  const blank = page ? null : await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page ?? blank);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(browser.extensionId));
    if (!target) return false;
    await cdp.send('Target.closeTarget', { targetId: target.targetId });
    if (!wait) return true;
    for (let i = 0; i < 200; i++) {
      const { targetInfos: now } = await cdp.send('Target.getTargets');
      if (!now.some((t) => t.targetId === target.targetId)) return true;
      await new Promise((r) => setTimeout(r, 50)); // polling interval
    }
    throw new Error('the worker did not stop');
  } finally {
    await cdp.detach();
    await blank?.close();
  }
}

// Test-only settings hook (like Dark Reader's): writes chrome.storage from the extension's
// own service worker, bumping `rev` like the extension does, so open tabs react as they do
// to a click. `patch` holds any of tracked, off, sensitivity, paused, progress.
// As the extension does (background/tracked-keys.js), the tracked books' prefilter keys are
// stored before the settings, so that an open tab hearing of the change finds them.
export async function setSettings(browser, patch, shields) {
  const keys = Array.isArray(patch.tracked) ? prefilterRecordText(browser.extDir ?? EXT_DIR, patch.tracked) : null;
  await worker(browser).evaluate(async ({ patch, shields, keys }) => {
    const { rev = 0 } = await chrome.storage.sync.get('rev');
    if (shields) await chrome.storage.local.set({ shields });
    if (keys) await chrome.storage.local.set({ prefilter: keys });
    await chrome.storage.sync.set({ ...patch, rev: rev + 1 });
  }, { patch, shields, keys });
}

// The prefilter record (extension/common/prefilter-record.js) of the catalog books among
// `tracked`, as the worker of the build in `dir` would store it.
export function prefilterRecordText(dir, tracked) {
  const catalog = JSON.parse(fs.readFileSync(path.join(dir, 'core/prefilter.json'), 'utf8'));
  return recordText(keysRecord(catalog, keysBuild(dir), tracked));
}

// The build of the catalog's prefilter keys in the extension build `dir`.
export const keysBuild = (dir = EXT_DIR) => JSON.parse(fs.readFileSync(path.join(dir, 'core/prefilter-build.json'), 'utf8')).build;

// The stored settings: storage.sync, and storage.local but for the tracked books' prefilter
// keys, which are no setting but a copy of the extension's own files, rewritten as the
// tracked books change (background/tracked-keys.js).
export async function getSettings(browser) {
  return worker(browser).evaluate(async () => {
    const { prefilter: _, ...local } = await chrome.storage.local.get(null);
    return { sync: await chrome.storage.sync.get(null), local };
  });
}

// Waits until the stored settings ({sync, local}, as getSettings reads them) satisfy
// `holds` (a predicate run here) and returns them. A change made by a click is stored by
// the service worker a moment later: tests wait for the value they check, never for a fixed
// time; the timeout is a safety net, and its failure says what was stored instead.
export async function settingsUntil(browser, holds, { what = 'the expected settings', timeout = 10_000 } = {}) {
  const end = Date.now() + timeout;
  let got = null;
  for (;;) {
    got = await getSettings(browser).catch(() => got); // the worker may be restarting
    if (got && holds(got)) return got;
    if (Date.now() > end) throw new Error(`${what}: not stored within ${timeout} ms; stored: ${JSON.stringify(got?.sync)}`);
    await new Promise((r) => setTimeout(r, 50)); // the polling interval
  }
}

// Tracks `books` with their shields on (and nothing else), the state most tests start in
// (the plot guard on, as by default).
export function trackBooks(browser, books) {
  return setSettings(browser, { tracked: books, off: [], paused: [], progress: {}, sensitivity: 'balanced', plotGuard: true });
}

// The content script's stats (data-spoiler-shield-stats on <html>), or null.
export function stats(page) {
  return page.evaluate(() => JSON.parse(document.documentElement.getAttribute('data-spoiler-shield-stats') || 'null'));
}

// Waits until `until(arg)` (a function run in the page, if given) holds, then until the
// page is shown and nothing waits to be scanned. Functions, not strings: a page with a
// strict CSP forbids eval, and CDP's evaluation of a function is not bound by it.
export async function settled(page, { until, arg, timeout = 15_000 } = {}) {
  const polling = 50; // by timer: a tab in the background runs no frames
  try {
    if (until) await page.waitForFunction(until, arg, { timeout, polling });
    await page.waitForFunction(() => {
      const s = JSON.parse(document.documentElement.getAttribute('data-spoiler-shield-stats') || 'null');
      return s && s.readyMs !== null && !s.unscanned && !document.documentElement.hasAttribute('data-spoiler-shield-pending')
        && !document.querySelector('[data-spoiler-shield-queued], [data-spoiler-shield-held], [data-spoiler-shield-frontier]');
    }, null, { timeout, polling });
  } catch (err) {
    // What the content script was doing says more than "timeout" (CI keeps only the log).
    const s = await stats(page).catch(() => null);
    err.message += `\ncontent script stats: ${JSON.stringify(s)}`;
    throw err;
  }
}

// A paragraph that spoils Never Let Me Go and names it: blurred on any page while that
// book is tracked.
export const NLMG_SENTINEL = 'In Never Let Me Go by Kazuo Ishiguro, the Hailsham students are clones bred to donate their organs until they complete.';
// One that spoils Gone Girl and names it: clean until Gone Girl is tracked.
export const GONE_GIRL_SENTINEL = 'In Gone Girl by Gillian Flynn, it turns out that Amy faked her death and framed Nick.';

// Proof that the content script of `page` (or a frame) has handled everything done to the
// page before this call, for tests that check that something did NOT happen ("stays
// clean"): a sentinel paragraph (`text`, a spoiler of a tracked book) is appended to
// <body>, and this resolves once it is blurred. Mutation records reach the content script in order, so when
// the sentinel's verdict is written, every earlier change has been looked at. Returns the
// sentinel's selector; `remove()` it when done if later checks count blocks.
let sentinels = 0;
export async function caughtUp(page, { text = NLMG_SENTINEL, timeout } = {}) {
  const id = `spoiler-shield-test-sentinel-${++sentinels}`;
  await page.evaluate(([id, text]) => {
    document.body.append(Object.assign(document.createElement('p'), { id, textContent: text }));
  }, [id, text]);
  await settled(page, { ...hasState(`#${id}`, 'blurred'), timeout });
  return `#${id}`;
}

// A settled() condition: the element `sel` has shield state `state`.
export function hasState(sel, state) {
  return { until: ([sel, state]) => document.querySelector(sel)?.getAttribute('data-spoiler-shield') === state, arg: [sel, state] };
}

// {selector: state} for a list of selectors: 'blurred', 'revealed', 'clean' or 'missing'.
export function states(page, selectors) {
  return page.evaluate((sels) => Object.fromEntries(sels.map((sel) => {
    const el = document.querySelector(sel);
    return [sel, el ? el.getAttribute('data-spoiler-shield') ?? 'clean' : 'missing'];
  })), selectors);
}

// Every block the shield marked, with the why: [{id, state, book, score, phrases, text}].
export function marked(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-spoiler-shield]')].map((el) => ({
    id: el.id || null,
    state: el.getAttribute('data-spoiler-shield'),
    book: el.getAttribute('data-spoiler-shield-book'),
    score: Number(el.getAttribute('data-spoiler-shield-score')),
    phrases: el.getAttribute('data-spoiler-shield-phrases'),
    text: el.textContent.trim().replace(/\s+/g, ' ').slice(0, 90),
  })));
}

// The requests that left for somewhere other than this machine or the extension itself.
export function foreignRequests(urls) {
  return urls.filter((u) => {
    if (/^(chrome-extension|data|blob|about|chrome):/.test(u)) return false;
    try {
      const { hostname } = new URL(u);
      return !['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
    } catch {
      return true;
    }
  });
}

// The requests in Chromium's net log (read after the browser closed, when the file is
// complete): every URL request the network stack started, from any process, as
// [{url, initiator}]. `initiator` is the origin a page, frame or worker made it for;
// "not an origin" marks the browser's own requests (update checks and the like).
export function netlogRequests(file) {
  if (!fs.existsSync(file)) return null;
  let text = fs.readFileSync(file, 'utf8').trim();
  if (!text.endsWith('}')) text = `${text.replace(/,\s*$/, '')}]}`; // cut short: close it
  const log = JSON.parse(text);
  const START = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  return (log.events ?? [])
    .filter((e) => e.type === START && typeof e.params?.url === 'string')
    .map((e) => ({ url: e.params.url, initiator: e.params.initiator ?? null }));
}

// Bring `page` to the front and return its tab id, as the extension sees it.
export async function tabIdOf(browser, page) {
  await page.bringToFront();
  return worker(browser).evaluate(async () => (await chrome.tabs.query({ active: true }))[0]?.id);
}

// Opens the popup as a page of its own, pointed at the tab of `target`.
export async function openPopup(browser, target) {
  const tabId = await tabIdOf(browser, target);
  const popup = await browser.context.newPage();
  await popup.goto(browser.extUrl(`popup/popup.html?tab=${tabId}`));
  await popup.waitForSelector('#count:not(:empty)');
  return popup;
}

// Records, from the page's own world, every moment after a frame at which one of
// `selectors` was readable: present with text, not a placeholder, the page shown (no
// pending attribute) and neither blurred nor waiting in the queue (which blurs too).
// Read the result with `leaks(page)`. Must be called before the page loads.
export async function watchLeaks(page, selectors, placeholder = 'Loading comment') {
  await page.addInitScript(([selectors, placeholder]) => {
    const leaks = [];
    window.__spoilerShieldLeaks = leaks;
    const check = () => {
      const root = document.documentElement;
      if (root && !root.hasAttribute('data-spoiler-shield-pending')) {
        for (const sel of selectors) {
          const el = document.querySelector(sel);
          if (!el || !el.textContent.trim() || el.textContent.includes(placeholder)) continue;
          if (el.closest('[data-spoiler-shield="blurred"], [data-spoiler-shield-queued], [data-spoiler-shield-held]')) continue;
          // Not yet read while the parser writes the page: an unread element is marked
          // data-spoiler-shield-frontier, and visibility, which it hides, is inherited.
          if (getComputedStyle(el).visibility === 'hidden') continue;
          if (el.closest('[data-spoiler-shield="revealed"]')) continue;
          leaks.push({ sel, at: Math.round(performance.now()) });
        }
      }
      requestAnimationFrame(() => setTimeout(check, 0));
    };
    requestAnimationFrame(() => setTimeout(check, 0));
  }, [selectors, placeholder]);
}

// The readable moments of blocks that are blurred now: each one is a spoiler that was
// readable before the shield got to it. (A block the core leaves clean is the accuracy
// tests' business, not a leak.)
export function leaks(page) {
  return page.evaluate(() => (window.__spoilerShieldLeaks ?? [])
    .filter(({ sel }) => document.querySelector(sel)?.getAttribute('data-spoiler-shield') === 'blurred'));
}

// The share of a page's labelled spoilers that must be blurred. The labels are honest (a
// reader's judgement, tests/e2e/expected.json), and the core misses some paraphrases;
// how many is measured by `make eval` on the labelled corpora. What these tests pin down
// is that the extension blurs what the core finds and never a labelled non-spoiler.
export const LABEL_RECALL_FLOOR = 0.6;

// Compares block states with labels: labelled non-spoilers that were blurred, labelled
// spoilers that were not, and the share of spoilers blurred.
export function againstLabels(got, spoilers, clean) {
  const missed = spoilers.filter((sel) => got[sel] !== 'blurred');
  const wronglyBlurred = clean.filter((sel) => got[sel] !== 'clean');
  const recall = spoilers.length ? (spoilers.length - missed.length) / spoilers.length : 1;
  return { missed, wronglyBlurred, recall };
}

// ---- what the reader sees, frame by frame -------------------------------------------
// docs: ../shared/TOOLCHAIN.md, "Measuring what the reader sees". The watcher runs in the
// page (top document only) from its first frame. Each frame it looks at the page as it is
// about to be painted: a requestAnimationFrame loop resizes a 1x1 probe element (appended
// to <html>, outside <body>, no text) and a ResizeObserver on it runs after every rAF
// callback and layout of that frame, just before paint (a check in rAF itself would run
// before the content script's own rAF slice and see the frame one step early). It records:
//   - textShownMs: performance.now() at the first frame where <body> has text and <body>
//     and <html> have computed opacity 1 and visibility visible;
//   - per unit, whether it is readable in that frame: it and every ancestor have no filter,
//     opacity 1, display not none, no closed <details> hides it, and its own visibility is
//     visible. Units: the element of each `spoilers` selector, and with `blocks` the block
//     elements (p, li, h1–h6, blockquote, pre, td, th, dd, dt, figcaption, summary) in the
//     order they are met, every `every`-th one (1: all; checking all 4,000 blocks of a 1 MB
//     page in every frame cost the page ~35 ms a frame). A unit read with other text than
//     its final one (a placeholder, filled in later) does not count as read.
// Read the outcome with frameReport(page). Must be called before the page loads.
export async function watchFrames(page, { spoilers = [], blocks = false, every = 1 } = {}) {
  await page.addInitScript(frameWatcher, { spoilers, blocks, every });
}

// The number of block elements a page's HTML holds (as watchFrames() counts units), to
// choose `every` for it: a static estimate from the markup, not the DOM.
export function blockCount(html) {
  return (html.match(/<(p|li|h[1-6]|blockquote|pre|td|th|dd|dt|figcaption|summary)[\s>]/gi) ?? []).length;
}

// The watcher itself (serialised into the page by addInitScript; it may use nothing from
// this module). No MutationObserver: observing the ~50,000 insertions of a 1 MB page cost
// it ~250 ms; units are found in the live tag collections each frame instead, and a
// unit's text is compared in the frames it is readable.
function frameWatcher({ spoilers, blocks, every }) {
  if (window.top !== window || window.__spoilerShieldFrames) return;
  const BLOCK_TAGS = blocks ? ['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'td', 'th', 'dd', 'dt', 'figcaption', 'summary'] : [];
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE', 'TEXTAREA']);
  const w = {
    frames: 0, // frames looked at
    textShownMs: null,
    overheadMs: 0, // time spent in this watcher's frame checks, on the page's thread
    // element → {first: first frame it was readable with `text`, text, since: readable since}
    units: new Map(),
    blocksSeen: 0,
    spoilers,
    blockTags: BLOCK_TAGS,
    stop: null,
  };
  window.__spoilerShieldFrames = w;
  const collections = BLOCK_TAGS.map((tag) => document.getElementsByTagName(tag)); // live
  const met = new WeakSet();
  const adoptAll = () => {
    for (const sel of spoilers) {
      const el = document.querySelector(sel);
      if (el && !w.units.has(el)) w.units.set(el, { first: null, text: null, since: null });
    }
    for (const list of collections) {
      for (let i = 0; i < list.length; i++) {
        const el = list[i];
        if (met.has(el)) continue;
        met.add(el);
        if (w.blocksSeen++ % every === 0 && !w.units.has(el)) w.units.set(el, { first: null, text: null, since: null });
      }
    }
  };
  let chain = new Map(); // element → it and its ancestors let it show (this frame)
  const chainOk = (el) => {
    let ok = chain.get(el);
    if (ok !== undefined) return ok;
    const cs = getComputedStyle(el);
    ok = cs.display !== 'none' && cs.opacity === '1' && cs.filter === 'none' && cs.contentVisibility !== 'hidden';
    if (ok) {
      const parent = el.parentElement ?? (el.parentNode instanceof ShadowRoot ? el.parentNode.host : null);
      if (!parent) ok = el === document.documentElement;
      else ok = chainOk(parent) && !(parent.localName === 'details' && !parent.open && el.localName !== 'summary');
    }
    chain.set(el, ok);
    return ok;
  };
  const readable = (el) => el.isConnected && chainOk(el) && getComputedStyle(el).visibility === 'visible';
  const shown = (el) => {
    const cs = getComputedStyle(el);
    return cs.opacity === '1' && cs.visibility === 'visible';
  };
  const hasText = (body) => {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.data.trim() && !SKIP.has(n.parentElement?.tagName)) return true;
    }
    return false;
  };
  const check = () => {
    const t = performance.now();
    w.frames++;
    chain = new Map();
    const body = document.body;
    const root = document.documentElement;
    if (w.textShownMs === null && body && shown(body) && shown(root) && hasText(body)) w.textShownMs = t;
    adoptAll();
    // Nothing under a body that is transparent, filtered or not displayed can be read.
    const bodyOk = Boolean(body && chainOk(body));
    for (const [el, st] of w.units) {
      if (bodyOk && readable(el)) {
        const text = el.textContent;
        // Readable with other text than before (a placeholder filled in): a new reading.
        if (st.text !== text) {
          st.first = t;
          st.text = text;
        }
        st.since ??= t;
      } else {
        st.since = null;
      }
    }
    w.overheadMs += performance.now() - t;
  };
  const probe = document.createElement('div');
  probe.setAttribute('aria-hidden', 'true');
  probe.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;visibility:hidden;contain:strict';
  const ro = new ResizeObserver(check);
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    if (!probe.isConnected && document.documentElement) {
      document.documentElement.append(probe);
      ro.observe(probe);
    }
    probe.style.width = probe.style.width === '1px' ? '2px' : '1px';
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  w.stop = () => {
    stopped = true;
    ro.disconnect();
    probe.remove();
  };
}

// Stops the watcher of watchFrames() and reads it:
// {frames, textShownMs, overheadMs,
//  spoilers: [{sel, found, blurred, readableAtMs}] (readableAtMs: the first frame it was
//    readable with its final text, null if never),
//  flashes: [{unit, atMs}] every unit blurred now that was readable with its final text in
//    an earlier frame (labelled spoilers included),
//  cleanReadableMs: the first frame from which every unit not blurred now, with text, was
//    readable in every frame to the end (null when there is none),
//  units, blurredUnits, cleanUnreadable (units with text, not blurred, unreadable at the end:
//    hidden by the page itself, or by us), uncoveredBlurred (blurred blocks no unit covers)}
export function frameReport(page) {
  return page.evaluate(() => {
    const w = window.__spoilerShieldFrames;
    if (!w) throw new Error('no frame watcher in this page: call watchFrames(page) before it loads');
    w.stop();
    const name = (el) => (el.id ? `#${el.id}` : `${el.localName}:${(el.textContent || '').trim().slice(0, 40)}`);
    const blurredNow = (el) => Boolean(el.closest('[data-spoiler-shield="blurred"]'));
    const flashes = [];
    let blurredUnits = 0;
    let cleanUnreadable = 0;
    let cleanReadableMs = null;
    for (const [el, st] of w.units) {
      if (!el.isConnected || !el.textContent.trim()) continue;
      if (blurredNow(el)) {
        blurredUnits++;
        if (st.first !== null && st.text === el.textContent) flashes.push({ unit: name(el), atMs: Math.round(st.first * 10) / 10 });
      } else if (st.since === null) {
        cleanUnreadable++;
      } else {
        cleanReadableMs = Math.max(cleanReadableMs ?? 0, st.since);
      }
    }
    // Blurred blocks that hold no unit and are inside none: no frame of theirs was looked at.
    const unitSelector = [...w.blockTags, ...w.spoilers].join(',') || '*';
    const covered = (b) => {
      for (let el = b; el; el = el.parentElement) if (w.units.has(el)) return true;
      return [...b.querySelectorAll(unitSelector)].some((el) => w.units.has(el));
    };
    const uncoveredBlurred = [...document.querySelectorAll('[data-spoiler-shield="blurred"]')].filter((b) => !covered(b)).length;
    const spoilers = w.spoilers.map((sel) => {
      const el = document.querySelector(sel);
      const st = el && w.units.get(el);
      const readAtFinal = st && st.first !== null && st.text === el.textContent;
      return { sel, found: Boolean(el), blurred: Boolean(el && blurredNow(el)), readableAtMs: readAtFinal ? Math.round(st.first * 10) / 10 : null };
    });
    return {
      frames: w.frames,
      textShownMs: w.textShownMs,
      overheadMs: w.overheadMs,
      blocksSeen: w.blocksSeen,
      spoilers,
      flashes,
      cleanReadableMs,
      units: [...w.units.keys()].filter((el) => el.isConnected).length,
      blurredUnits,
      cleanUnreadable,
      uncoveredBlurred,
    };
  });
}
