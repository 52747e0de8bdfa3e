// The content script proper (bundled with entry.js, which calls start()): the walk and its
// slices. It moves text in and verdicts out and decides nothing about them:
//   the document as the parser writes it (one streaming walk), DOM changes → queue of roots
//   → (pass) walk, read block texts, ask the prefilter → the blocks that could spoil are
//   hidden, the rest stay as they are → (slice) one scan call → write all verdicts.
// Nothing waits for the core but what could spoil: the page itself is hidden only until the
// settings are read (entry.js), and a frame whose text names no tracked book never loads the
// core. Reads never interleave with writes, and no slice runs much past SLICE_MS + the scan.
// Its parts, each a module: changes.js (DOM changes → roots), roots.js and root-queue.js
// (the roots waiting), bursts.js (bursts of changes), hiding.js (what waits is hidden),
// tamper-guard.js, shadow-roots.js, page.js (one page's state; navigation), watchdog.js,
// messages.js (the popup's), plot-guard.js (the plot sections of books the reader does not
// shield, blurred as they are read, core or no core).
import { readStorage, settingsFrom, isActive, engineConfig, onSettingsChanged } from '../common/settings.js';
import { readRecord, recordOf } from '../common/prefilter-record.js';
import { BlockWalk, skippedFrom } from './blocks.js';
import * as ui from './blur.js';
import { Prefilter } from './prefilter.js';
import { openScanner, workerReady, workerScanner } from './scanner.js';
import { Stats } from './stats.js';
import { HeldParents, DeferredRecords, DEFER_RECORDS } from './bursts.js';
import { ChangeReader } from './changes.js';
import { Hiding } from './hiding.js';
import { PENDING } from './marks.js';
import { STORAGE_ITEMS } from './begin.js';
import { answer } from './messages.js';
import { PageState, pageKey, readContext } from './page.js';
import { PlotGuard, plotPolicy } from './plot-guard.js';
import { Roots } from './roots.js';
import { ShadowRoots } from './shadow-roots.js';
import { TamperGuard } from './tamper-guard.js';
import { Watchdog } from './watchdog.js';
// Which build of the catalog's prefilter keys this content script was made with
// (scripts/prefilter-keys.mjs): stored keys of any other build are not used.
import { build as KEYS_BUILD } from '../core/prefilter-build.json';
// The catalog's [[id, title]], written by the build (scripts/build-extension.mjs) and
// bundled: the plot guard names a page's book by its title.
import CATALOG_TITLES from './catalog-titles.json';

const SLICE_MS = 10; // walking budget of one slice
// … read in steps of at most this long and this much text, each step's blocks judged before
// the next (read()): judging 10,000 characters is ~1 ms of the prefilter without a JIT.
const STEP_MS = 2;
const STEP_CHARS = 10_000;
// Walking budget of a pass that stands between the parser and the next paint: the one that
// runs when the settings are read (the page is hidden until it ends) and the one in the
// MutationObserver callback while the document is parsed. What it leaves unread is hidden
// until the next pass, so a short one puts the top of a long page on screen sooner.
const FIRST_PASS_MS = 4;
const MAX_CHARS = 100_000; // text per scan call: ~3–10 ms of in-page Wasm (~30 ms/MB)
// The page cap (docs: extension/content/README.md, "Caps"): text scanned per document,
// rescans included. ~1 s of Wasm in all, sliced; it bounds the worker's replay history and
// the text cache too. Beyond it the document is left as the page shows it (nothing more is
// read, queued or blurred; what was blurred stays) and stats.capped says so.
const MAX_PAGE_CHARS = 32_000_000;
// After a failed scan the page is scanned again after 1, 2 and 4 s (recoverLater()).
const MAX_RECOVERIES = 3;
const RECOVERY_MS = 1000;

const readSettings = () => readStorage(STORAGE_ITEMS).then(settingsFrom);

// Entry point, called by entry.js with the document_start time, the failsafe timer and
// the storage read begin.js already started (readStorage(STORAGE_ITEMS)); `early` says
// whether that was content/early.js, ahead of the bundle, as the manifest means it to be.
export function start({ start, failsafe, storage, early }) {
  const shield = new Shield(start, failsafe);
  shield.stats.set({ moduleMs: shield.stats.since(), early });
  shield.configure(storage.then(settingsFrom));
  onSettingsChanged(() => shield.configure());
  chrome.runtime.onMessage.addListener((msg, sender, reply) => answer(msg, sender, reply, {
    scannerPath: () => shield.scanner?.path ?? null,
    reportCount: () => shield.reportCount(),
  }));
  // Leaving frees the page's scan state (the worker's session too); a page restored from
  // the back/forward cache starts over.
  addEventListener('pagehide', () => shield.stopScanning());
  addEventListener('pageshow', (e) => e.persisted && shield.configure());
}

class Shield {
  constructor(start, failsafe) {
    this.stats = new Stats(start);
    this.root = document.documentElement;
    this.watchdog = new Watchdog(failsafe, {
      done: () => this.stats.data.readyMs !== null,
      parserWaits: () => document.readyState === 'loading' && !this.opening && !this.busy && this.stream?.waiting,
      fire: () => this.giveUp(),
    });
    this.watchdog.arm();
    this.active = false; // settings read, a shield on for this site
    this.config = null; // the engine config of every tracked book (settings.js engineConfig)
    this.rev = 0;
    this.prefilter = null;
    this.named = new Set(); // ids of the books this document may name (the prefilter's word)
    this.scanner = null; // opened once the document names a book
    this.scannerBooks = null; // … the ids its engine has (null: every tracked book)
    this.worker = null; // the service worker's answer: is its engine for these settings built? (scanner.js workerReady)
    this.workerAnswer = null; // … once it came
    this.opening = null; // a scanner being opened
    this.page = new PageState(); // what was read and scanned on this page
    this.plots = null; // the plot guard of this page (PlotGuard), null when it is off
    this.hiding = new Hiding(this.root); // what waits is hidden
    this.stream = null; // the streaming walk of the document (BlockWalk)
    this.complete = false; // the document was parsed, read and judged once
    this.generation = 0; // bumped by configure(); results of older scanners are dropped
    const parents = new HeldParents(); // parents hidden for a burst
    this.roots = new Roots(this.root, parents); // roots waiting to be walked, the walk in progress
    this.deferred = new DeferredRecords(parents); // records of bursts not looked at yet
    this.guard = new TamperGuard(this.stats);
    this.changes = new ChangeReader(this);
    this.shadowRoots = new ShadowRoots({
      observe: (root) => this.observe(root),
      queueHost: (host) => this.enqueue(host, false),
      schedule: () => this.schedule(),
    });
    this.href = pageKey();
    this.scheduled = false;
    this.busy = false;
    this.again = false; // flush() was called while busy
    this.lastCount = null; // nothing reported yet: the first report resets the tab's badge
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.recoveries = 0; // rescans after a failed scan (recoverLater())
    ui.installRevealHandlers(document, () => this.reportCount());
    document.addEventListener('DOMContentLoaded', () => this.schedule(), { once: true });
  }

  // (Re)reads the settings and starts over: every block read and judged again. Called at
  // start (with the read entry.js began) and whenever the reader changes anything. The
  // document is read as the parser writes it, from here on: what is there already at once,
  // the rest in the MutationObserver callback that follows each piece the parser writes,
  // before the browser can paint it.
  async configure(read = readSettings()) {
    const generation = ++this.generation;
    let settings;
    let shields;
    let keysText;
    try {
      ({ settings, shields, prefilter: keysText } = await read);
    } catch (err) {
      return this.fail(err);
    }
    this.stats.data.settingsMs ??= this.stats.since();
    if (generation !== this.generation) return;
    this.watchdog.arm();
    this.stopScanning();
    if (!isActive(settings, location.hostname)) {
      ui.clearAll();
      this.stats.set({ path: null, blurred: 0 });
      this.show();
      this.release();
      this.reportCount();
      return;
    }
    this.active = true;
    this.config = engineConfig(settings, shields);
    this.rev = settings.rev;
    this.worker = workerReady(this.rev);
    this.workerAnswer = null;
    this.worker.then((worker) => {
      if (generation !== this.generation) return;
      this.workerAnswer = worker;
      this.stats.set({ worker });
    });
    const policy = plotPolicy(settings, shields, CATALOG_TITLES);
    this.plots = policy && new PlotGuard(policy);
    const keysFrom = performance.now();
    // A reader's own shield is keyed by the worker too; a book without keys (none stored
    // yet, or by another build) is not prefiltered: every block is a candidate for it.
    this.prefilter = Prefilter.fromRecord(recordOf(readRecord(keysText), KEYS_BUILD),
      [...this.config.books, ...this.config.shields.map((s) => s.id)], this.config.sensitivity);
    this.stats.set({ unfiltered: this.prefilter.unfiltered.length, prefilterMs: performance.now() - keysFrom });
    this.observe(document);
    this.stream = new BlockWalk(this.root, false, true);
    this.pass(performance.now() + FIRST_PASS_MS);
    this.show();
    this.schedule();
  }

  // Drops the current scanner and all per-page state; verdicts already on the page stay
  // until the next scan rewrites them, so toggling a setting never flashes spoilers.
  stopScanning() {
    this.observer.disconnect();
    this.guard.disconnect();
    this.shadowRoots.reset();
    this.active = false;
    this.scanner?.close();
    this.scanner = null;
    this.scannerBooks = null;
    this.opening = null;
    this.stopReading();
    this.named = new Set();
    this.complete = false;
    this.resetPage();
  }

  // Forgets what was read and scanned on this page: on a stop, and when a single-page app
  // moved to another page. The page cap counts again from zero.
  resetPage() {
    this.page = new PageState();
    this.plots?.reset();
    this.stats.set({ capped: false });
  }

  // Stops reading this document: the queue, the bursts and the streaming walk are dropped
  // and what they hid is shown, with every candidate held for the core.
  stopReading() {
    this.dropQueue();
    this.stream = null;
    this.markUnread();
    this.hiding.showAll();
  }

  // Something went wrong (the worker is unreachable, the config is invalid): record it and
  // never leave the page hidden.
  fail(err) {
    this.stats.set({ error: String(err?.message || err) });
    this.stopScanning();
    this.show();
    this.release();
  }

  // A scan failed (a worker that kept dying, a core that threw): the page was shown, and
  // after a pause everything is scanned again with a new scanner, MAX_RECOVERIES times
  // per document at most, so a transient failure does not leave the page unprotected and a
  // permanent one does not loop. stats.error stays set until a scan succeeds.
  recoverLater() {
    if (this.recoveries >= MAX_RECOVERIES) return;
    const generation = this.generation;
    const delay = RECOVERY_MS * 2 ** this.recoveries++;
    this.stats.set({ recoveries: this.recoveries });
    this.stats.publish();
    setTimeout(() => generation === this.generation && this.configure(), delay);
  }

  // Observes a document or an open shadow root (mutations inside a shadow tree are not
  // seen from the document), and gives a shadow root our stylesheet.
  observe(root) {
    this.observer.observe(root, { childList: true, subtree: true, characterData: true });
    this.guard.observe(root);
    if (root.nodeType === 11) ui.styleShadowRoot(root);
  }

  // The MutationObserver callback only queues (changes.js). A burst of records is only held
  // (its parents hidden, bursts.js) and looked at in the slices.
  // While the document is being parsed, what the parser wrote after the streaming walk's
  // place is the walk's to read (right here, before the browser can paint it); only changes
  // behind it are looked at as changes.
  onMutations(records) {
    const t0 = performance.now();
    const streaming = this.stream && !this.stream.done;
    if (streaming) records = records.filter((r) => !this.streamWillRead(r));
    if (records.length > DEFER_RECORDS || this.deferred.pending) {
      this.defer(records);
    } else if (records.length) {
      this.changes.lookAtAll(records);
    }
    if (streaming) this.pass(t0 + FIRST_PASS_MS);
    this.schedule();
    this.stats.observed(performance.now() - t0);
  }

  // Whether a mutation record only added nodes the streaming walk has still to read.
  // The nodes one record added are siblings in a row, so its first one decides.
  streamWillRead(record) {
    if (record.type !== 'childList') return false;
    if (record.removedNodes.length) {
      this.stream.movedNodes();
      return false;
    }
    const added = record.addedNodes;
    if (!added.length) return false;
    return this.stream.isAhead(record.target, added[0], added[added.length - 1]);
  }

  // Holds a burst for the slices: each record's parent is hidden now (shield.css, as for a
  // burst of blocks) and stays so until the record was looked at and what it added scanned.
  // A record whose parent cannot be hidden alone (the body, the root) or is never read is
  // looked at now: an editable or skipped subtree is never read, so it is not hidden either
  // (an editor taking a big paste must not blink).
  defer(records) {
    const now = this.deferred.hold(records,
      (target) => target?.nodeType === 1 && target !== document.body && target !== this.root && !skippedFrom(target));
    this.stats.data.deferredRecords += records.length - now.length;
    if (now.length) this.changes.lookAtAll(now);
  }

  // Looks at held records until `deadline`; what they added is queued under their parent,
  // so the parent stays hidden until that is scanned.
  drainDeferred(deadline) {
    const parents = new Map();
    const count = { added: 0 };
    this.deferred.drain(deadline, (records, i, parent) => this.changes.lookAt(records, i, i + 1, parents, count, parent));
  }

  // Queues a root (roots.js), unless nothing is being read: inactive, or past the page cap.
  enqueue(root, ownOnly, options) {
    if (!this.active || this.stats.data.capped) return;
    this.roots.enqueue(root, ownOnly, options);
  }

  // Runs flush() once the task that changed the page is over (what it added in one go
  // is one batch), or before the next paint if a frame comes first; roots waiting are
  // hidden by shield.css meanwhile, so nothing shows unjudged either way. Waiting for the
  // frame alone put time-to-blur at up to a frame (p95 17 ms in `make bench`). A flush
  // with nothing hidden to show or judge changes nothing on screen, so it does not hold up
  // the paint: the one scheduled at DOMContentLoaded on a page that names no tracked book
  // ran just before the page's first paint (1.5 ms in a trace of gatsby-review.html).
  schedule() {
    if (this.scheduled || !this.active) return;
    this.scheduled = true;
    const run = () => {
      if (!this.scheduled) return;
      this.scheduled = false;
      clearTimeout(timer);
      this.flush();
    };
    const timer = setTimeout(run, 0);
    if (this.hidesAnything()) requestAnimationFrame(run);
  }

  // Whether anything is hidden until our work gets to it: roots queued or held for a burst,
  // blocks held for the core or unread by the streaming walk, the page itself.
  hidesAnything() {
    return this.roots.busy || this.deferred.pending || this.hiding.waiting() || this.root.hasAttribute(PENDING);
  }

  // The synchronous part of a slice, also run inside the MutationObserver callback while
  // the document is parsed: reads what waits (until `deadline`), asks the prefilter of
  // each block read, hides the candidates and what the streaming walk has not reached.
  pass(deadline) {
    if (!this.active) return;
    const t0 = performance.now();
    if (this.shadowRoots.watching) this.shadowRoots.check();
    this.followNavigation();
    if (this.deferred.pending) this.drainDeferred(deadline);
    const { blocks, done } = this.read(deadline);
    for (const root of done) this.roots.unmark(root);
    this.markUnread();
    if (this.page.chars >= MAX_PAGE_CHARS) this.cap();
    this.stats.pass(performance.now() - t0, blocks);
    this.watchdog.arm();
  }

  // The prefilter's word on each block read: a candidate is hidden until the core judges
  // it, anything else can be neither blurred nor teach the page what it is about, so it
  // stays as the page shows it. Every block goes to the core's log all the same: a heading
  // opens or closes a plot section there, and the log's order is the page's. A block the
  // plot guard took for plot (read()) is blurred at once, candidate or not: the core may
  // blur it for a book of its own, never show it.
  judge(batch) {
    const { page } = this;
    for (const block of batch) {
      const { candidate, named } = this.prefilter.test(block.text);
      for (const id of named) this.named.add(id);
      page.seen.set(block.el, { text: block.text, index: -1 });
      page.log.push(block);
      if (block.plot) {
        ui.blur(block.el, block.plot);
        this.hiding.show(block.el);
      } else if (candidate) {
        if (!ui.isBlurred(block.el)) this.hiding.hold(block.el);
      } else {
        ui.clear(block.el);
        this.hiding.show(block.el);
      }
    }
  }

  markUnread() {
    this.hiding.markUnread(this.stream, this.stats.data.shownMs !== null);
  }

  // The scanner for the books this document names: opened on first need, and again with
  // more books when the page names one the open engine lacks (in-page Wasm builds an engine
  // of the named books only: a frame about one book never builds twelve). Returns it when
  // it is ready for them, else null (flush() runs again once it is).
  scannerFor() {
    if (!this.named.size) return null;
    if (this.scanner && (!this.scannerBooks || [...this.named].every((id) => this.scannerBooks.has(id)))) return this.scanner;
    if (this.opening) return null;
    const books = [...this.named];
    const t0 = performance.now();
    if (this.workerAnswer?.ready) {
      this.adopt(workerScanner(this.rev), books, t0);
      return this.scanner;
    }
    const generation = this.generation;
    const named = new Set(books);
    const config = {
      ...this.config,
      books: this.config.books.filter((id) => named.has(id)),
      shields: this.config.shields.filter((sh) => named.has(sh.id)),
    };
    this.opening = openScanner(config, this.rev, { worker: this.worker }).then((scanner) => {
      if (generation !== this.generation) return scanner.close();
      this.opening = null;
      this.adopt(scanner, books, t0);
      this.schedule();
    }, (err) => {
      if (generation !== this.generation) return;
      this.opening = null;
      this.fail(err);
      this.recoverLater();
    });
    return null;
  }

  // Makes `scanner`, opened at `t0` for the books `books`, this document's: every block
  // read so far goes to it, from the first.
  adopt(scanner, books, t0) {
    this.scanner?.close();
    this.scanner = scanner;
    // The worker's engine has every tracked book.
    this.scannerBooks = scanner.path === 'wasm' ? new Set(books) : null;
    const { page } = this;
    page.scanned = 0;
    page.log = page.log.filter(({ el, text }) => el.isConnected && page.seen.get(el)?.text === text);
    if (page.context) scanner.addContext(page.context);
    this.stats.set({ path: scanner.path, why: scanner.why, coreMs: this.stats.since(), engines: this.stats.data.engines + 1,
      engineMs: this.stats.data.engineMs + (performance.now() - t0), books: books.length });
    this.stats.data.wasmMs ??= scanner.loadedAt && scanner.loadedAt - this.stats.start;
    this.watchdog.arm();
  }

  // One slice: the synchronous pass, then one scan call for the blocks the core has not
  // had yet, and all its verdicts written. Schedules the next slice when work is left.
  async flush() {
    if (!this.active) return;
    if (this.busy) {
      this.again = true; // a slice is waiting for its scan: run again when it is done
      return;
    }
    this.busy = true;
    this.again = false;
    const generation = this.generation;
    let scanner = null;
    try {
      const t0 = performance.now();
      this.pass(t0 + SLICE_MS);
      scanner = this.scannerFor();
      const t1 = performance.now();
      const { page } = this;
      let texts = [];
      let from = page.scanned;
      let result = null;
      if (scanner && from < page.log.length) {
        texts = this.nextTexts(from);
        page.scanned = from + texts.length;
        result = await scanner.scan(texts);
      }
      const t2 = performance.now();
      if (generation !== this.generation || scanner !== this.scanner) return; // settings changed meanwhile: drop it
      if (result) this.write(from, texts.length, result);
      else this.settleDetached();
      this.finishIfDone();
      const t3 = performance.now();
      this.stats.slice(t1 - t0, t2 - t1, t3 - t2, texts.length, scanner?.path === 'wasm');
      this.watchdog.arm();
      if (scanner) this.stats.set({ replays: scanner.replays ?? 0, retries: scanner.retries ?? 0, error: undefined });
      this.reportCount();
    } catch (err) {
      if (generation === this.generation) {
        if (scanner) this.stats.set({ replays: scanner.replays ?? 0, retries: scanner.retries ?? 0 });
        this.fail(err);
        this.recoverLater();
      }
    } finally {
      this.busy = false;
      if (this.again || this.workLeft()) this.continueSoon();
    }
  }

  // The texts of the next scan call, from log[from]: up to MAX_CHARS (one block at least).
  nextTexts(from) {
    const { log } = this.page;
    const texts = [];
    let chars = 0;
    for (let i = from; i < log.length && (chars < MAX_CHARS || !texts.length); i++) {
      texts.push(log[i].text);
      chars += log[i].text.length;
    }
    return texts;
  }

  workLeft() {
    return Boolean(this.roots.busy || this.deferred.pending
      || (this.stream && !this.stream.done && !this.stream.waiting)
      || (this.scanner && this.page.scanned < this.page.log.length && this.named.size));
  }

  // Once the document is parsed and everything in it read and judged: what the core left
  // undecided is shown (no later block of the parsed document can make it spoil), and so
  // is every candidate when the document names no tracked book (nothing can be blurred on
  // a page about none). After that, the same holds for each change the page makes.
  finishIfDone() {
    const read = !this.stream?.waiting && (!this.stream || this.stream.done) && !this.roots.busy && !this.deferred.pending;
    if (!read || document.readyState === 'loading') return;
    if (this.named.size && !(this.scanner && this.page.scanned >= this.page.log.length)) return;
    this.hiding.showUndecided();
    // A document that names no tracked book can have nothing blurred but its plot: what
    // waited is shown, and a blur from before a settings change (a book switched off) goes.
    if (!this.named.size) {
      this.hiding.showAll();
      ui.clearAll((el) => this.plots?.holds(el));
    }
    if (!this.complete) {
      this.complete = true;
      this.release();
    }
  }

  // The page cap is reached: nothing more is read or queued in this document; what waits
  // is shown as it is.
  cap() {
    this.stats.set({ capped: true, cappedAtChars: this.page.chars });
    this.stopReading();
  }

  // Empties the bursts, the queue and the walk in progress, unmarking their roots.
  dropQueue() {
    this.deferred.drop();
    this.roots.drop();
  }

  // The next slice, after the browser had a chance to paint and handle input.
  continueSoon() {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.flush();
    }, 0);
  }

  // The read pass: walks the document as far as the parser wrote it, then queued roots,
  // until the deadline or the text cap, and judges each block whose text is new as it
  // goes; returns how many were judged, and the roots finished. Reading and judging share
  // the deadline: the walk reads in steps (STEP_MS, STEP_CHARS) and each step's blocks are
  // judged before the next, since judging (the prefilter's test of each block, the holding
  // of candidates) costs more than reading: a deadline for the reading alone let 10 ms
  // slices run to 25–37 ms on many-comments.html, 2 ms of reading to 30 ms of judging.
  read(deadline) {
    const done = [];
    const { seen } = this.page;
    const { roots } = this;
    let chars = 0;
    let blocks = 0;
    const take = (walk) => {
      do {
        const fresh = [];
        let freshChars = 0;
        for (const block of walk.step(Math.min(deadline, performance.now() + STEP_MS), Math.min(STEP_CHARS, MAX_CHARS - chars))) {
          // The plot guard follows each walk's blocks in order, those read before too.
          block.plot = this.plots?.see(block.el, block.text, walk) ?? null;
          if (seen.get(block.el)?.text === block.text) continue;
          fresh.push(block);
          freshChars += block.text.length;
        }
        chars += freshChars;
        this.page.chars += freshChars;
        this.judge(fresh);
        blocks += fresh.length;
      } while (!walk.done && !walk.waiting && chars < MAX_CHARS && performance.now() < deadline);
      this.shadowRoots.adopt(walk);
    };
    if (this.stream && !this.stream.done) {
      take(this.stream);
      // Paused by the budget: the rest is hidden until the next pass (markUnread()).
      if (!this.stream.done && !this.stream.waiting) return { blocks, done };
    }
    while (performance.now() < deadline && chars < MAX_CHARS) {
      if (!roots.walk) {
        const next = roots.startNext();
        if (next === 'empty') break;
        if (next === 'gone') continue;
      }
      take(roots.walk);
      if (roots.walk.done) {
        done.push(roots.walk.root);
        roots.walk = null;
      }
    }
    return { blocks, done };
  }

  // The write pass for the scan of log[from, from + count): blurs what the core says spoils,
  // clears what it says is clean (and shows it, unless the core left it undecided while the
  // document is still being read), and applies `changed` (earlier blocks whose verdict this
  // scan changed). A block read again since its text went to the core waits for that scan.
  write(from, count, result) {
    this.settleDetached();
    const { page, hiding } = this;
    const verdicts = new Map(result.blurred.map((v) => [v.index, v]));
    const undecided = new Set(result.undecided ?? []);
    for (let i = 0; i < count; i++) {
      const { el, text } = page.log[from + i];
      const index = result.first + i;
      page.byIndex[index] = el;
      if (page.seen.get(el)?.text !== text) continue;
      page.seen.set(el, { text, index });
      const verdict = verdicts.get(index);
      if (verdict) {
        ui.blur(el, verdict);
        hiding.show(el);
      } else {
        this.clearVerdict(el);
        if (undecided.has(index) && !this.complete) hiding.undecided.add(el);
        else hiding.show(el);
      }
    }
    for (const v of result.changed) {
      const el = page.byIndex[v.index];
      if (!el || page.seen.get(el)?.index !== v.index) continue; // rescanned since
      if (v.book === null) this.clearVerdict(el);
      else ui.blur(el, v);
      hiding.show(el);
    }
  }

  // A block the core finds clean: shown, unless the plot guard took it for plot; then it
  // keeps (or gets back) the guard's blur, without a frame unblurred in between.
  clearVerdict(el) {
    const plot = this.plots?.verdictOf(el);
    if (plot) ui.blur(el, plot);
    else ui.clear(el);
  }

  // Blurred blocks the page removed (changes.js): gone ones are scanned afresh if they
  // come back later.
  settleDetached() {
    this.changes.settleDetached((el) => this.page.seen.delete(el));
  }

  // Page context first: the title and the description say what the page is about. Read
  // once <body> exists, since by then <head> is complete; the books they name count as
  // named, and each scanner's page gets them before any block.
  addContext() {
    const { page } = this;
    if (page.contextAdded || !document.body) return;
    page.contextAdded = true;
    page.context = readContext();
    if (!page.context) return;
    for (const id of this.prefilter.namedIn(page.context)) this.named.add(id);
    this.scanner?.addContext(page.context);
  }

  // A single-page app moved to another page: start a new page context and rescan.
  followNavigation() {
    const key = pageKey();
    if (key !== this.href) {
      this.href = key;
      this.scanner?.newPage();
      this.resetPage();
      this.enqueue(this.root, false);
    }
    this.addContext();
  }

  // The watchdog fired: everything waiting is shown as it is.
  giveUp() {
    this.stopReading();
    this.show();
    this.release(true);
  }

  // Shows the page itself, hidden by entry.js until the settings were read and what the
  // parser had written by then was read; records when.
  show() {
    this.root.removeAttribute(PENDING);
    this.stats.data.shownMs ??= this.stats.since();
  }

  // The document's first judgement is written (or there was nothing to do, or the
  // watchdog fired): records when, and whether a timeout rather than the work ended it.
  release(byWatchdog = false) {
    this.watchdog.stop();
    if (this.stats.data.readyMs !== null) return this.stats.publish();
    this.stats.set({ readyMs: this.stats.since(), failsafe: byWatchdog || this.stats.data.failsafe });
    this.stats.publish();
  }

  // Tells the service worker how many blocks are blurred here, for the badge; once per
  // document, then only when the number moved.
  reportCount() {
    const n = ui.blurredCount();
    // Blocks read but not yet given to the core: a block that cannot spoil is shown before
    // its scan, so "nothing hidden" is not "nothing left to do" (tests wait for both).
    const unscanned = this.named.size ? this.page.log.length - this.page.scanned : 0;
    this.stats.set({ blurred: n, unscanned });
    this.stats.publish();
    if (n === this.lastCount || (this.lastCount === null && !this.active)) return;
    this.lastCount = n;
    chrome.runtime.sendMessage({ type: 'count', n }).catch(() => {});
  }
}
