// The two ways a content script gets verdicts, behind one interface:
//   addContext(text), scan(texts) → {first, blurred, changed}, newPage(), close(), path
// 'background': the texts go to the service worker, which runs the same core
// (docs/WASM_API.md) under the extension's own CSP with one engine for every page: used
// when the worker said its engine was built (workerReady()), or when the page's CSP
// forbids compiling Wasm here.
// 'wasm': the core runs in the content script itself (synchronous, but the page pays the
// module's compile and an engine build): when the worker's engine was not built yet, as
// after the browser stopped an idle worker.
import { catalogShieldTexts, createEngine, loadCore } from '../common/core.js';

// How long a page that names a book waits for the worker's answer (workerReady()) before
// it loads the core itself. A running worker answers in a few ms; a stopped one must be
// started first, and then answers no, so waiting longer only delays the in-page path.
const WORKER_ANSWER_MS = 10;

// Asks the service worker whether its engine for settings revision `rev` is built. →
// Promise of {ready, ms}: ready is false when the worker cannot be reached; ms is how long
// the answer took. Sent once per document, when its settings are read, ahead of the first
// name the page may hold. (A page that then builds its own engine asks the worker to build
// one for the pages after: openScanner().)
export function workerReady(rev) {
  const sent = performance.now();
  const answered = (ready) => ({ ready, ms: performance.now() - sent });
  return send({ type: 'warm', rev }).then((r) => answered(r?.ready === true), () => answered(false));
}

// Opens a scanner for these settings: the service worker's when `worker` (a workerReady()
// answer) says within WORKER_ANSWER_MS that its engine is built, else in-page Wasm when the
// page lets us compile it, else the service worker's all the same. `why` records the
// reason the in-page path was not used.
export async function openScanner(config, rev, { worker = null } = {}) {
  if (worker && (await answerWithin(worker, WORKER_ANSWER_MS))?.ready) return workerScanner(rev);
  send({ type: 'warm', rev, build: true }).catch(() => {});
  // Each extension file a content script loads is a round trip to the browser process:
  // fetch the shields while Wasm compiles.
  const texts = catalogShieldTexts(config.books ?? []);
  let core;
  try {
    core = await loadCore();
  } catch (err) {
    return new BackgroundScanner(rev, String(err?.message || err));
  }
  const loadedAt = performance.now();
  return Object.assign(new InPageScanner(await createEngine(core, config, texts)), { loadedAt });
}

class InPageScanner {
  constructor(engine) {
    this.path = 'wasm';
    this.engine = engine;
    this.page = engine.newPage();
  }

  addContext(text) {
    this.page.addContext(text);
  }

  scan(texts) {
    return this.page.scan(texts);
  }

  // A new document in the same frame (SPA navigation): context starts over.
  newPage() {
    this.page.free();
    this.page = this.engine.newPage();
  }

  close() {
    this.page.free();
    this.engine.free();
  }
}

// The scanner of the service worker's engine, for a page whose workerReady() answer said it
// is built: made at once, where openScanner() would answer a task later (while a page
// loads, a task of ours waits 10–20 ms behind the page's own).
export function workerScanner(rev) {
  return new BackgroundScanner(rev, 'the service worker had its engine built');
}

class BackgroundScanner {
  constructor(rev, why) {
    this.path = 'background';
    this.why = why;
    this.rev = rev;
    this.replays = 0;
    this.retries = 0;
    this.newPage();
  }

  // Context waits for the next scan message: one message per batch, not per call.
  addContext(text) {
    this.context.push(text);
    this.pendingContext.push(text);
  }

  // Sends one batch. A worker that was stopped and restarted has lost the session; it says
  // so, and the whole history is replayed in one message so page-wide indices stay the same.
  // A worker stopped while it held our message drops the call: it is sent again (the
  // browser starts a new worker for it, which then answers `lost`). A call that gets no
  // usable answer (none within the time limit, or an empty one: both seen when the worker
  // is killed mid-call) is replayed in a new session, since the old one may or may not hold
  // this batch: the page would otherwise wait forever.
  async scan(texts) {
    const first = this.history.length;
    const send = (message, ms) => sendRetrying(message, ms, () => this.retries++);
    let r = await send({ type: 'scan', session: this.session, rev: this.rev, fresh: first === 0,
      context: this.pendingContext, texts }, answerWithinMs(texts));
    for (let replay = 1; !r?.blurred && !r?.error && replay <= MAX_REPLAYS; replay++) {
      if (!r?.lost) {
        this.close();
        this.session = crypto.randomUUID();
      }
      this.replays++;
      const all = this.history.concat(texts);
      r = await send({ type: 'scan', session: this.session, rev: this.rev, fresh: true,
        context: this.context, texts: all }, answerWithinMs(all));
      // Verdicts on replayed blocks come back as `blurred`; they are earlier blocks, so
      // they go where earlier blocks go.
      if (r?.blurred) {
        r = { first, blurred: r.blurred.filter((v) => v.index >= first),
          changed: r.changed.concat(r.blurred.filter((v) => v.index < first)) };
      }
    }
    if (!r?.blurred) throw new Error(r?.error || 'no answer from the service worker');
    this.pendingContext = [];
    this.history.push(...texts);
    return r;
  }

  newPage() {
    if (this.session) this.close();
    this.session = crypto.randomUUID();
    this.context = [];
    this.pendingContext = [];
    this.history = [];
  }

  close() {
    send({ type: 'close', session: this.session }).catch(() => {});
  }
}

// A message to the service worker, → a promise in every case (with the extension reloaded
// under the page, sendMessage throws at once instead of rejecting).
function send(message) {
  return new Promise((resolve) => resolve(chrome.runtime.sendMessage(message)));
}

// A worker stopped mid-call: the call is sent again after 0.2, 0.4, 0.8, 1.6 and 3.2 s
// (a worker being torn down refuses messages until it is gone; three tries within 0.6 s
// are the suspected cause of a page left waiting on a fresh CI clone); more failures in a
// row are an error, and the page is shown.
const RETRIES = 5;
// Replays of one batch in a new session before the scan counts as failed.
const MAX_REPLAYS = 3;

// How long a scan call may take before it counts as lost: a worker's cold start (module,
// Wasm, engine: ~0.3 s here) with a wide margin, plus ~1 s per MB of text to scan
// (measured ~40 ms/MB, so again a wide margin).
function answerWithinMs(texts) {
  const chars = texts.reduce((n, t) => n + t.length, 0);
  return 3000 + chars / 1000;
}

// Resolves to what `promise` resolves to, or to null when that takes longer than `ms`.
function answerWithin(promise, ms) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve(null), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

// Sends `message`; resolves to the answer, or null when none came within `ms`.
async function sendRetrying(message, ms, onRetry) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await answerWithin(send(message), ms);
    } catch (err) {
      // No extension context any more (the extension was reloaded): nothing to retry with.
      if (attempt > RETRIES || !chrome.runtime?.id) throw err;
      onRetry();
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}
