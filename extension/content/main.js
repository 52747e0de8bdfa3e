// The content script proper (bundled with entry.js, which calls start()). It moves text in and
// verdicts out and decides nothing about them:
//   the document as the parser writes it (one streaming walk), DOM changes → queue of roots
//   → (pass) walk, read block texts, ask the prefilter → the blocks that could spoil are
//   hidden, the rest stay as they are → (slice) one scan call → write all verdicts.
// Nothing waits for the core but what could spoil: the page itself is hidden only until the
// settings are read (entry.js), and a frame whose text names no tracked book never loads the
// core. Reads never interleave with writes, and no slice runs much past SLICE_MS + the scan.
import { loadSettings, settingsFrom, isActive, engineConfig, onSettingsChanged } from '../common/settings.js';
import { BlockWalk, blockOf, isBlockish, isSkipped, changesOwnerText, composedParent, LABEL_TAG } from './blocks.js';
import * as ui from './blur.js';
import { Prefilter } from './prefilter.js';
import { openScanner } from './scanner.js';
import { Stats } from './stats.js';
// The catalog books' prefilter keys, written by `make wasm` (scripts/prefilter-keys.mjs)
// and bundled: asking them costs no round trip.
import CATALOG_KEYS from '../core/prefilter.json';

const SLICE_MS = 10; // walking budget of one slice
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
// Re-protection: a blurred block whose blur the page removes (attributes stripped, style
// reset, label dropped) is blurred again at most this many times, then left alone, so a
// page that strips everything it did not write cannot make us fight it forever.
const MAX_REPROTECT = 3;
// After a failed scan the page is scanned again after 1, 2 and 4 s (recoverLater()).
const MAX_RECOVERIES = 3;
const RECOVERY_MS = 1000;
// What waits for the core is shown anyway when the work makes no step for this long (a
// stuck worker, a core that never loads): only blocks that could spoil wait, so it can
// afford to be patient; a failure that says so (an error) shows them at once.
const WATCHDOG_MS = 10_000;
const PENDING = 'data-spoiler-shield-pending';
const QUEUED = 'data-spoiler-shield-queued';
// A block the prefilter could not rule out, hidden until the core judged it (''), or a block
// the streaming walk has read only in part ('open').
const HELD = 'data-spoiler-shield-held';
// The unread elements of each level at a pause of the streaming walk, the part of the
// document it has not read yet: shield.css hides them.
const FRONTIER = 'data-spoiler-shield-frontier';
// A burst of added blocks (one MutationObserver callback) past this many marks their parent
// as waiting instead of each block: one attribute write instead of tens of thousands inside
// the page's own task. The parent is hidden whole until its last added block is scanned.
const BULK = 500;
// A callback with more records than this only hides their parents and leaves the records
// to the slices (drainDeferred()): looking at 50,000 records in the callback was one task of
// 210–310 ms inside the page's own.
const DEFER_RECORDS = 2000;
// Custom elements watched for a shadow root attached after our walk (watchBareHosts()),
// and when they are looked at again, after the last one was met.
const MAX_BARE_HOSTS = 1000;
const BARE_HOST_CHECKS_MS = [250, 750, 2000, 7000];

// Entry point, called by entry.js with the document_start time, the failsafe timer and
// the storage read it already started.
export function start({ start, failsafe, storage }) {
  const shield = new Shield(start, failsafe);
  shield.stats.set({ moduleMs: shield.stats.since() });
  shield.configure(storage.then(settingsFrom));
  onSettingsChanged(() => shield.configure());
  chrome.runtime.onMessage.addListener((msg, sender, reply) => shield.onMessage(msg, sender, reply));
  // Leaving frees the page's scan state (the worker's session too); a page restored from
  // the back/forward cache starts over.
  addEventListener('pagehide', () => shield.stopScanning());
  addEventListener('pageshow', (e) => e.persisted && shield.configure());
}

class Shield {
  constructor(start, failsafe) {
    this.stats = new Stats(start);
    this.failsafe = failsafe;
    this.armWatchdog();
    this.root = document.documentElement;
    this.active = false; // settings read, a shield on for this site
    this.config = null; // the engine config of every tracked book (settings.js engineConfig)
    this.rev = 0;
    this.prefilter = null;
    this.named = new Set(); // ids of the books this document may name (the prefilter's word)
    this.scanner = null; // opened once the document names a book
    this.scannerBooks = null; // … the ids its engine has (null: every tracked book)
    this.opening = null; // a scanner being opened
    this.log = []; // every block read, {el, text}, in the order the core is given them
    this.scanned = 0; // … how many of them the scanner's page has
    this.context = ''; // the document's title and description, once read
    this.held = new Set(); // blocks hidden until the core judges them (HELD)
    this.undecided = new Set(); // … judged clean, but a later block could make them spoil
    this.stream = null; // the streaming walk of the document (BlockWalk)
    this.complete = false; // the document was parsed, read and judged once
    this.unread = { elements: new Set(), blocks: new Set() }; // marked FRONTIER / HELD=open
    this.generation = 0; // bumped by configure(); results of older scanners are dropped
    this.queue = new RootQueue(); // roots waiting to be walked → ownOnly, in arrival order
    this.bulk = new Map(); // root queued in a burst → the parent marked for it
    this.bulkCount = new Map(); // such a parent → its roots still waiting (and records held)
    this.deferred = []; // records of bursts not looked at yet, oldest first
    this.deferredAt = 0; // … the first of them not looked at
    this.detached = []; // removed nodes that held blurred blocks, settled in the write pass
    this.walk = null; // the BlockWalk in progress
    this.seen = new WeakMap(); // block → {text, index} of its latest scan
    this.byIndex = []; // page-wide scan index → block
    this.href = pageKey();
    this.contextAdded = false;
    this.scheduled = false;
    this.busy = false;
    this.again = false; // flush() was called while busy
    this.lastCount = null; // nothing reported yet: the first report resets the tab's badge
    this.observer = new MutationObserver((records) => this.onMutations(records));
    // Watches our own attributes and the inline style of the blocks we blurred; our own
    // writes come back here too and are recognised as ours (nothing to restore).
    this.guard = new MutationObserver((records) => this.onTamper(records));
    this.shadows = new WeakSet(); // open shadow roots observed and styled
    this.bareHosts = new Set(); // custom elements walked before they had a shadow root
    this.bareCheck = { timer: 0, round: 0 };
    this.pageChars = 0; // text scanned in this document, for MAX_PAGE_CHARS
    this.recoveries = 0; // rescans after a failed scan (recoverLater())
    ui.installRevealHandlers(document, () => this.reportCount());
    document.addEventListener('DOMContentLoaded', () => this.schedule(), { once: true });
  }

  // (Re)reads the settings and starts over: every block read and judged again. Called at
  // start (with the read entry.js began) and whenever the reader changes anything. The
  // document is read as the parser writes it, from here on: what is there already at once,
  // the rest in the MutationObserver callback that follows each piece the parser writes,
  // before the browser can paint it.
  async configure(read = loadSettings()) {
    const generation = ++this.generation;
    let settings;
    let shields;
    try {
      ({ settings, shields } = await read);
    } catch (err) {
      return this.fail(err);
    }
    this.stats.data.settingsMs ??= this.stats.since();
    if (generation !== this.generation) return;
    this.armWatchdog();
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
    this.prefilter = new Prefilter([
      ...this.config.books.map((id) => ({ id, keys: CATALOG_KEYS[id] ?? null, bundled: true })),
      // A reader's own shield has no keys: every block is a candidate for it.
      ...this.config.shields.map((s) => ({ id: s.id, keys: null })),
    ]);
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
    this.shadows = new WeakSet();
    this.bareHosts.clear();
    clearTimeout(this.bareCheck.timer);
    this.active = false;
    this.scanner?.close();
    this.scanner = null;
    this.scannerBooks = null;
    this.opening = null;
    this.dropQueue();
    this.stream = null;
    this.markUnread();
    this.releaseHeld();
    this.named = new Set();
    this.log = [];
    this.scanned = 0;
    this.complete = false;
    this.seen = new WeakMap();
    this.byIndex = [];
    this.contextAdded = false;
    this.context = '';
    this.pageChars = 0;
    this.stats.set({ capped: false });
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

  // Custom elements walked before they had a shadow root: attachShadow() is reported by
  // no observer, and a component attaches its root when its definition loads, often after
  // our walk. They are looked at again 0.25, 1, 3 and 10 s after the last one was met
  // (and at each slice); one that has an open root by then is observed and walked. At
  // most MAX_BARE_HOSTS are watched: a page of thousands of components that never get a
  // root costs a property read each, a few times.
  watchBareHosts(hosts) {
    for (const host of hosts) {
      if (this.bareHosts.size >= MAX_BARE_HOSTS) break;
      this.bareHosts.add(host);
    }
    if (!hosts.length || !this.bareHosts.size) return;
    this.bareCheck.round = 0;
    clearTimeout(this.bareCheck.timer);
    this.bareCheck.timer = setTimeout(() => this.checkBareHosts(true), BARE_HOST_CHECKS_MS[0]);
  }

  // Queues the watched hosts that now have an open shadow root; `timed` when called by the
  // timer, which then arms the next round.
  checkBareHosts(timed = false) {
    let found = false;
    for (const host of this.bareHosts) {
      if (!host.isConnected) this.bareHosts.delete(host);
      else if (host.shadowRoot) {
        this.bareHosts.delete(host);
        this.enqueue(host, false);
        found = true;
      }
    }
    if (found) this.schedule();
    if (!timed) return;
    const next = BARE_HOST_CHECKS_MS[++this.bareCheck.round];
    if (next !== undefined && this.bareHosts.size) this.bareCheck.timer = setTimeout(() => this.checkBareHosts(true), next);
  }

  // Observes a document or an open shadow root (mutations inside a shadow tree are not
  // seen from the document), and gives a shadow root our stylesheet.
  observe(root) {
    this.observer.observe(root, { childList: true, subtree: true, characterData: true });
    this.guard.observe(root, { attributes: true, subtree: true, attributeFilter: ui.GUARDED });
    if (root.nodeType === 11) ui.styleShadowRoot(root);
  }

  // The guard observer's callback: a blurred block that lost its blur gets it back, up to
  // MAX_REPROTECT times per block.
  onTamper(records) {
    for (const r of records) {
      if (ui.tampered(r.target)) this.countReprotect(ui.reprotect(r.target, MAX_REPROTECT) ? 'reprotected' : 'gaveUp');
    }
  }

  countReprotect(what) {
    if (!what) return;
    this.stats.data[what]++;
    this.stats.publish();
  }

  // The MutationObserver callback only queues: an added block is walked whole; added or
  // removed text or inline elements get their block's own text read again. Scripts, our own
  // labels and other skipped nodes are ignored. A burst of records is only held (its
  // parents hidden) and looked at in the slices.
  // While the document is being parsed, what the parser wrote after the streaming walk's
  // place is the walk's to read (right here, before the browser can paint it); only changes
  // behind it are looked at as changes.
  onMutations(records) {
    const t0 = performance.now();
    const streaming = this.stream && !this.stream.done;
    if (streaming) records = records.filter((r) => !this.streamWillRead(r));
    if (records.length > DEFER_RECORDS || this.deferredAt < this.deferred.length) {
      this.defer(records);
    } else if (records.length) {
      this.lookAt(records, 0, records.length, new Map(), { added: 0 });
    }
    if (streaming) this.pass(t0 + FIRST_PASS_MS);
    this.schedule();
    this.stats.observed(performance.now() - t0);
  }

  // Whether a mutation record only added nodes the streaming walk has still to read.
  // The nodes one record added are siblings in a row, so its first one decides.
  streamWillRead(record) {
    const added = record.addedNodes;
    if (record.type !== 'childList' || record.removedNodes.length || !added.length) return false;
    return this.stream.isAhead(record.target, added[0], added[added.length - 1]);
  }

  // Looks at records[from, to); `parents` caches, per record target, whether its subtree may
  // be read and its nearest waiting ancestor; `count.added` counts blocks queued, for BULK.
  // Records of a held parent (`held`) are queued under it whatever their number.
  lookAt(records, from, to, parents, count, held = null) {
    for (let i = from; i < to; i++) {
      const r = records[i];
      if (r.type === 'characterData') {
        this.enqueueOwner(r.target.parentNode);
        continue;
      }
      let ownerChanged = false;
      for (const node of r.removedNodes) {
        if (node.nodeType === 1 && ui.holdsMarked(node)) this.detached.push(node);
        if (node.nodeType === 1 && node.tagName === LABEL_TAG) this.countReprotect(ui.labelRemoved(node, MAX_REPROTECT));
        ownerChanged ||= changesOwnerText(node);
      }
      for (const node of r.addedNodes) {
        if (node.nodeType === 1 && isBlockish(node)) {
          let p = parents.get(r.target);
          if (!p) {
            // A held parent carries the burst mark itself: what waits is above it, unless
            // it is queued whole.
            const above = held === r.target && this.queue.get(r.target) !== false ? r.target.parentElement : r.target;
            p = { readable: !skippedAbove(r.target), waiting: above?.nodeType === 1 ? above.closest(`[${QUEUED}]`) : null };
            parents.set(r.target, p);
          }
          if (!p.readable || isSkipped(node)) continue;
          const bulk = held === r.target || ++count.added > BULK;
          this.enqueue(node, false, { parent: bulk ? r.target : null, waiting: p.waiting });
        } else {
          ownerChanged ||= changesOwnerText(node);
        }
      }
      if (ownerChanged) this.enqueueOwner(r.target);
    }
  }

  // Holds a burst for the slices: each record's parent is hidden now (shield.css, as for a
  // burst of blocks) and stays so until the record was looked at and what it added scanned.
  // A record whose parent cannot be hidden alone (the body, the root) or is never read is
  // looked at now.
  defer(records) {
    const now = [];
    const held = new Map(); // record parent → whether it is held: once per parent
    for (const r of records) {
      const target = recordParent(r);
      let holds = held.get(target);
      if (holds === undefined) {
        // An editable or skipped subtree is never read, so it is not hidden either (an
        // editor taking a big paste must not blink): its records are looked at now.
        holds = target?.nodeType === 1 && target !== document.body && target !== this.root && !skippedAbove(target);
        held.set(target, holds);
      }
      if (holds) {
        this.hold(target);
        this.deferred.push(r);
      } else {
        now.push(r);
      }
    }
    this.stats.data.deferredRecords += records.length - now.length;
    if (now.length) this.lookAt(now, 0, now.length, new Map(), { added: 0 });
  }

  hold(parent) {
    const n = this.bulkCount.get(parent) ?? 0;
    this.bulkCount.set(parent, n + 1);
    if (!n) parent.setAttribute(QUEUED, 'burst');
  }

  // The parent of a record looked at, or dropped, is held one record less.
  unhold(parent) {
    const n = this.bulkCount.get(parent) - 1;
    if (n > 0) return this.bulkCount.set(parent, n);
    this.bulkCount.delete(parent);
    parent.removeAttribute(QUEUED);
  }

  // Looks at held records until `deadline`; what they added is queued under their parent,
  // so the parent stays hidden until that is scanned.
  drainDeferred(deadline) {
    const parents = new Map();
    const count = { added: 0 };
    let at = this.deferredAt;
    while (at < this.deferred.length) {
      const end = Math.min(at + 256, this.deferred.length);
      for (let i = at; i < end; i++) {
        const parent = recordParent(this.deferred[i]);
        this.lookAt(this.deferred, i, i + 1, parents, count, parent);
        this.unhold(parent);
      }
      at = end;
      if (performance.now() >= deadline) break;
    }
    this.forgetDeferred(at);
  }

  // Drops the held records not looked at (a rescan from the root or a stop makes them moot).
  dropDeferred() {
    for (let i = this.deferredAt; i < this.deferred.length; i++) this.unhold(recordParent(this.deferred[i]));
    this.forgetDeferred(this.deferred.length);
  }

  forgetDeferred(at) {
    this.deferredAt = at;
    if (at >= this.deferred.length) {
      this.deferred = [];
      this.deferredAt = 0;
    }
  }

  // Queues the own text of the block that text directly inside `el` belongs to.
  enqueueOwner(el) {
    if (el?.nodeType === 11) el = el.host; // text right inside a shadow root: its host's
    if (!el || el.nodeType !== 1 || isSkipped(el)) return;
    const block = blockOf(el);
    if (block) this.enqueue(block, true);
  }

  // Adds a root to the queue and marks it, which blurs it until it is scanned (shield.css)
  // and lets roots inside a whole root that is still waiting be skipped.
  // In a burst (`parent` given) the parent is marked instead, once.
  // `waiting` (root's nearest marked ancestor) may be given when known.
  enqueue(root, ownOnly, { parent = null, waiting = root.parentElement?.closest(`[${QUEUED}]`) } = {}) {
    if (!this.active || this.stats.data.capped) return;
    if (this.queue.has(root)) {
      if (!ownOnly) this.queue.set(root, false);
      return;
    }
    if (waiting && waiting !== this.walk?.root && this.queue.get(waiting) === false) return;
    this.queue.set(root, ownOnly);
    if (parent?.nodeType === 1 && parent !== document.body && parent !== this.root) {
      this.bulk.set(root, parent);
      this.hold(parent); // hidden, not blurred (shield.css)
    } else {
      root.setAttribute(QUEUED, '');
    }
  }

  // Runs flush() once the task that changed the page is over (what it added in one go
  // is one batch), or before the next paint if a frame comes first; roots waiting are
  // hidden by shield.css meanwhile, so nothing shows unjudged either way. Waiting for the
  // frame alone put time-to-blur at up to a frame (p95 17 ms in `make bench`).
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
    requestAnimationFrame(run);
  }

  // The synchronous part of a slice, also run inside the MutationObserver callback while
  // the document is parsed: reads what waits (until `deadline`), asks the prefilter of
  // each block read, hides the candidates and what the streaming walk has not reached.
  pass(deadline) {
    if (!this.active) return;
    const t0 = performance.now();
    if (this.bareHosts.size) this.checkBareHosts();
    this.followNavigation();
    if (this.deferredAt < this.deferred.length) this.drainDeferred(deadline);
    const { batch, done } = this.read(deadline);
    this.pageChars += batch.reduce((n, b) => n + b.text.length, 0);
    this.judge(batch);
    for (const root of done) this.unmark(root);
    this.markUnread();
    if (this.pageChars >= MAX_PAGE_CHARS) this.cap();
    this.stats.pass(performance.now() - t0, batch.length);
    this.armWatchdog();
  }

  // The prefilter's word on each block read: a candidate is hidden until the core judges
  // it, anything else can be neither blurred nor teach the page what it is about, so it
  // stays as the page shows it. Every block goes to the core's log all the same: a heading
  // opens or closes a plot section there, and the log's order is the page's.
  judge(batch) {
    for (const block of batch) {
      const { candidate, named } = this.prefilter.test(block.text);
      for (const id of named) this.named.add(id);
      this.seen.set(block.el, { text: block.text, index: -1 });
      this.log.push(block);
      if (candidate) {
        if (!ui.isBlurred(block.el)) this.holdBlock(block.el);
      } else {
        ui.clear(block.el);
        this.showBlock(block.el);
      }
    }
  }

  // Hides a candidate until the core judged it: out of sight (shield.css) and out of reach
  // (inert: no focus, not in the accessibility tree or find-in-page).
  holdBlock(el) {
    if (el === document.body || el === this.root) return; // never the whole page
    this.held.add(el);
    this.undecided.delete(el);
    el.setAttribute(HELD, '');
    ui.shelter(el);
  }

  showBlock(el) {
    if (!this.held.delete(el)) return;
    this.undecided.delete(el);
    el.removeAttribute(HELD);
    ui.unshelter(el);
  }

  releaseHeld() {
    for (const el of [...this.held]) this.showBlock(el);
  }

  // Hides what the streaming walk has not read at its pause (blocks.js unread()), and shows
  // what it has read since: the new marks are set before the old ones go, in one task.
  markUnread() {
    const now = this.stream && !this.stream.done ? this.stream.unread() : { elements: [], blocks: [], whole: false };
    const elements = new Set(now.elements);
    const blocks = new Set(now.blocks.filter((b) => b !== document.body && b !== this.root && !this.held.has(b)));
    for (const el of elements) if (!this.unread.elements.has(el)) el.setAttribute(FRONTIER, '');
    for (const el of blocks) if (!this.unread.blocks.has(el)) el.setAttribute(HELD, 'open');
    for (const el of this.unread.elements) if (!elements.has(el)) el.removeAttribute(FRONTIER);
    for (const el of this.unread.blocks) if (!blocks.has(el) && !this.held.has(el)) el.removeAttribute(HELD);
    this.unread = { elements, blocks };
    // Unread text from <body> on: only the page can be hidden. Rare (a pause on <body>
    // itself), and over at the next pass.
    if (now.whole) this.root.setAttribute(PENDING, '');
    else if (this.stats.data.shownMs !== null) this.root.removeAttribute(PENDING);
  }

  // The scanner for the books this document names: opened on first need, and again with
  // more books when the page names one the open engine lacks (in-page Wasm builds an engine
  // of the named books only: a frame about one book never builds twelve). Returns it when
  // it is ready for them, else null (flush() runs again once it is).
  scannerFor() {
    if (!this.named.size) return null;
    if (this.scanner && (!this.scannerBooks || [...this.named].every((id) => this.scannerBooks.has(id)))) return this.scanner;
    if (this.opening) return null;
    const generation = this.generation;
    const books = [...this.named];
    const named = new Set(books);
    const config = {
      ...this.config,
      books: this.config.books.filter((id) => named.has(id)),
      shields: this.config.shields.filter((sh) => named.has(sh.id)),
    };
    const t0 = performance.now();
    this.opening = openScanner(config, this.rev).then((scanner) => {
      if (generation !== this.generation) return scanner.close();
      this.opening = null;
      this.scanner?.close();
      this.scanner = scanner;
      // The worker's engine has every tracked book.
      this.scannerBooks = scanner.path === 'wasm' ? named : null;
      this.scanned = 0;
      this.log = this.log.filter(({ el, text }) => el.isConnected && this.seen.get(el)?.text === text);
      if (this.context) scanner.addContext(this.context);
      this.stats.set({ path: scanner.path, why: scanner.why, coreMs: this.stats.since(), engines: this.stats.data.engines + 1,
        engineMs: this.stats.data.engineMs + (performance.now() - t0), books: books.length });
      this.stats.data.wasmMs ??= scanner.loadedAt && scanner.loadedAt - this.stats.start;
      this.armWatchdog();
      this.schedule();
    }, (err) => {
      if (generation !== this.generation) return;
      this.opening = null;
      this.fail(err);
      this.recoverLater();
    });
    return null;
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
      let texts = [];
      let from = this.scanned;
      let result = null;
      if (scanner && from < this.log.length) {
        texts = this.nextTexts(from);
        this.scanned = from + texts.length;
        result = await scanner.scan(texts);
      }
      const t2 = performance.now();
      if (generation !== this.generation || scanner !== this.scanner) return; // settings changed meanwhile: drop it
      if (result) this.write(from, texts.length, result);
      else this.settleDetached();
      this.finishIfDone();
      const t3 = performance.now();
      this.stats.slice(t1 - t0, t2 - t1, t3 - t2, texts.length, scanner?.path === 'wasm');
      this.armWatchdog();
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
    const texts = [];
    let chars = 0;
    for (let i = from; i < this.log.length && (chars < MAX_CHARS || !texts.length); i++) {
      texts.push(this.log[i].text);
      chars += this.log[i].text.length;
    }
    return texts;
  }

  workLeft() {
    return Boolean(this.walk || this.queue.size || this.deferredAt < this.deferred.length
      || (this.stream && !this.stream.done && !this.stream.waiting)
      || (this.scanner && this.scanned < this.log.length && this.named.size));
  }

  // Once the document is parsed and everything in it read and judged: what the core left
  // undecided is shown (no later block of the parsed document can make it spoil), and so
  // is every candidate when the document names no tracked book (nothing can be blurred on
  // a page about none). After that, the same holds for each change the page makes.
  finishIfDone() {
    const read = !this.stream?.waiting && (!this.stream || this.stream.done) && !this.walk && !this.queue.size
      && this.deferredAt >= this.deferred.length;
    if (!read || document.readyState === 'loading') return;
    if (this.named.size && !(this.scanner && this.scanned >= this.log.length)) return;
    for (const el of this.undecided) this.showBlock(el);
    // A document that names no tracked book can have nothing blurred: what waited is
    // shown, and a blur from before a settings change (a book switched off) goes.
    if (!this.named.size) {
      this.releaseHeld();
      ui.clearAll();
    }
    if (!this.complete) {
      this.complete = true;
      this.release();
    }
  }

  // The page cap is reached: nothing more is read or queued in this document; what waits
  // is shown as it is.
  cap() {
    this.stats.set({ capped: true, cappedAtChars: this.pageChars });
    this.dropQueue();
    this.stream = null;
    this.markUnread();
    this.releaseHeld();
  }

  // Empties the queue and the walk in progress, unmarking their roots.
  dropQueue() {
    this.dropDeferred();
    for (const root of this.queue.keys()) this.unmark(root);
    if (this.walk) this.unmark(this.walk.root);
    this.queue.clear();
    this.walk = null;
  }

  // A root is done (or dropped): it, or the last waiting root of its burst's parent, stops
  // blurring.
  unmark(root) {
    root.removeAttribute(QUEUED);
    const parent = this.bulk.get(root);
    if (!parent) return;
    this.bulk.delete(root);
    this.unhold(parent);
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
  // until the deadline or the text cap, and returns the blocks whose text is new, plus the
  // roots finished.
  read(deadline) {
    const batch = [];
    const done = [];
    let chars = 0;
    const take = (walk) => {
      for (const block of walk.step(deadline, MAX_CHARS - chars)) {
        if (this.seen.get(block.el)?.text === block.text) continue;
        batch.push(block);
        chars += block.text.length;
      }
      for (const shadow of walk.shadows.splice(0)) {
        if (this.shadows.has(shadow)) continue;
        this.shadows.add(shadow);
        this.observe(shadow);
      }
      this.watchBareHosts(walk.bareHosts.splice(0));
    };
    if (this.stream && !this.stream.done) {
      take(this.stream);
      // Paused by the budget: the rest is hidden until the next pass (markUnread()).
      if (!this.stream.done && !this.stream.waiting) return { batch, done };
    }
    while (performance.now() < deadline && chars < MAX_CHARS) {
      if (!this.walk) {
        const next = this.queue.shift();
        if (!next) break;
        const [root, ownOnly] = next;
        if (!root.isConnected) {
          this.unmark(root);
          continue;
        }
        this.walk = new BlockWalk(root, ownOnly);
      }
      take(this.walk);
      if (this.walk.done) {
        done.push(this.walk.root);
        this.walk = null;
      }
    }
    return { batch, done };
  }

  // The write pass for the scan of log[from, from + count): blurs what the core says spoils,
  // clears what it says is clean (and shows it, unless the core left it undecided while the
  // document is still being read), and applies `changed` (earlier blocks whose verdict this
  // scan changed). A block read again since its text went to the core waits for that scan.
  write(from, count, result) {
    this.settleDetached();
    const verdicts = new Map(result.blurred.map((v) => [v.index, v]));
    const undecided = new Set(result.undecided ?? []);
    for (let i = 0; i < count; i++) {
      const { el, text } = this.log[from + i];
      const index = result.first + i;
      this.byIndex[index] = el;
      if (this.seen.get(el)?.text !== text) continue;
      this.seen.set(el, { text, index });
      const verdict = verdicts.get(index);
      if (verdict) {
        ui.blur(el, verdict);
        this.showBlock(el);
      } else {
        ui.clear(el);
        if (undecided.has(index) && !this.complete) this.undecided.add(el);
        else this.showBlock(el);
      }
    }
    for (const v of result.changed) {
      const el = this.byIndex[v.index];
      if (!el || this.seen.get(el)?.index !== v.index) continue; // rescanned since
      if (v.book === null) ui.clear(el);
      else ui.blur(el, v);
      this.showBlock(el);
    }
  }

  // Blurred blocks the page removed: gone ones lose their label and state (and are scanned
  // afresh if they come back later); moved ones take their label along.
  settleDetached() {
    for (const node of this.detached.splice(0)) {
      for (const el of ui.markedWithin(node)) {
        if (el.isConnected) ui.relabel(el);
        else {
          ui.clear(el);
          this.seen.delete(el);
        }
      }
    }
  }

  // Page context first: the title and the description say what the page is about. Read
  // once <body> exists, since by then <head> is complete; the books they name count as
  // named, and each scanner's page gets them before any block.
  addContext() {
    if (this.contextAdded || !document.body) return;
    this.contextAdded = true;
    const description = document.querySelector('meta[name="description" i]')?.getAttribute('content') || '';
    this.context = [document.title, description].filter(Boolean).join('\n');
    if (!this.context) return;
    for (const id of this.prefilter.namedIn(this.context)) this.named.add(id);
    this.scanner?.addContext(this.context);
  }

  // A single-page app moved to another page: start a new page context and rescan.
  followNavigation() {
    const key = pageKey();
    if (key !== this.href) {
      this.href = key;
      this.scanner?.newPage();
      this.log = [];
      this.scanned = 0;
      this.seen = new WeakMap();
      this.byIndex = [];
      this.contextAdded = false;
      this.context = '';
      this.pageChars = 0;
      this.stats.set({ capped: false });
      this.enqueue(this.root, false);
    }
    this.addContext();
  }

  // Until the document's first judgement is written: if our work (settings, core, a slice)
  // makes no step for WATCHDOG_MS, what waits is shown anyway, so a stuck worker or a
  // broken core cannot hide text for good, while a long but progressing scan of a huge
  // page can end. A parser that is slow to write the page is not our work: the watchdog
  // waits for it.
  armWatchdog() {
    clearTimeout(this.failsafe);
    if (this.stats.data.readyMs !== null) return;
    this.failsafe = setTimeout(() => {
      if (document.readyState === 'loading' && !this.opening && !this.busy && this.stream?.waiting) this.armWatchdog();
      else this.giveUp();
    }, WATCHDOG_MS);
  }

  // The watchdog fired: everything waiting is shown as it is.
  giveUp() {
    this.dropQueue();
    this.stream = null;
    this.markUnread();
    this.releaseHeld();
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
    clearTimeout(this.failsafe);
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
    const unscanned = this.named.size ? this.log.length - this.scanned : 0;
    this.stats.set({ blurred: n, unscanned });
    this.stats.publish();
    if (n === this.lastCount || (this.lastCount === null && !this.active)) return;
    this.lastCount = n;
    chrome.runtime.sendMessage({ type: 'count', n }).catch(() => {});
  }

  // Messages from the popup (through chrome.tabs.sendMessage). Only the extension itself
  // can reach a content script's runtime.onMessage, and we check anyway.
  onMessage(msg, sender, reply) {
    if (sender.id !== chrome.runtime.id) return false;
    if (msg?.type === 'hello') {
      reply({ host: location.hostname, blurred: ui.blurredCount(), path: this.scanner?.path ?? null });
    } else if (msg?.type === 'revealAll') {
      ui.revealAll();
      this.reportCount();
      reply({ blurred: ui.blurredCount() });
    }
    return false;
  }
}

// The document's identity for SPA navigation: the URL without its fragment.
function pageKey() {
  return location.href.split('#')[0];
}

// The node a mutation record is held by in a burst: its target, or a text change's
// element.
function recordParent(r) {
  return r.type === 'characterData' ? r.target.parentNode : r.target;
}

// Whether `node` (an element or a shadow root) sits in, or is, a subtree never read.
function skippedAbove(node) {
  for (let el = node.nodeType === 11 ? node.host : node; el; el = composedParent(el)) {
    if (el.nodeType === 1 && isSkipped(el)) return true;
  }
  return false;
}

// The queue of roots to walk: a Map (root → ownOnly) for lookups, and an array with a head
// index for the order. (Taking the first entry of a Map whose front was deleted over and
// over costs a scan over the holes: quadratic on a burst of 50,000 additions.)
class RootQueue {
  constructor() {
    this.map = new Map();
    this.order = [];
    this.head = 0;
  }

  get size() {
    return this.map.size;
  }

  has(root) {
    return this.map.has(root);
  }

  get(root) {
    return this.map.get(root);
  }

  set(root, ownOnly) {
    if (!this.map.has(root)) this.order.push(root);
    this.map.set(root, ownOnly);
  }

  keys() {
    return this.map.keys();
  }

  clear() {
    this.map.clear();
    this.order = [];
    this.head = 0;
  }

  // The oldest entry as [root, ownOnly], taken out; undefined when empty.
  shift() {
    while (this.head < this.order.length) {
      const root = this.order[this.head++];
      if (!this.map.has(root)) continue;
      const ownOnly = this.map.get(root);
      this.map.delete(root);
      if (this.head > 1024 && this.head * 2 > this.order.length) {
        this.order = this.order.slice(this.head);
        this.head = 0;
      }
      return [root, ownOnly];
    }
    this.order = [];
    this.head = 0;
    return undefined;
  }
}
