// The content script proper (bundled with entry.js, which calls start()). It moves text in and
// verdicts out and decides nothing about them:
//   DOM changes → queue of roots → (slice) walk roots, read block texts
//   → one scan call per slice → write all verdicts → stats, badge count.
// Reads never interleave with writes, and no slice runs much past SLICE_MS + the scan.
import { loadSettings, settingsFrom, isActive, engineConfig, onSettingsChanged } from '../common/settings.js';
import { BlockWalk, blockOf, isBlockish, isSkipped, changesOwnerText, composedParent, LABEL_TAG } from './blocks.js';
import * as ui from './blur.js';
import { openScanner } from './scanner.js';
import { Stats } from './stats.js';

const SLICE_MS = 10; // walking budget of one slice
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
const WATCHDOG_MS = 2000; // the page is shown anyway when the first scan makes no progress
const PENDING = 'data-spoiler-shield-pending';
const QUEUED = 'data-spoiler-shield-queued';
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
// How long the first walk waits for the parser to finish a document (see configure()).
const PARSE_WAIT_MS = 1000;

// Resolves at DOMContentLoaded, or after `ms`.
function parsedOrLater(ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    document.addEventListener('DOMContentLoaded', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

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
    this.scanner = null;
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

  // (Re)reads the settings and starts over: a new engine, every block scanned again. Called
  // at start (with the read entry.js began) and whenever the reader changes anything.
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
      this.release();
      this.reportCount();
      return;
    }
    let scanner;
    try {
      scanner = await openScanner(engineConfig(settings, shields), settings.rev);
    } catch (err) {
      this.fail(err);
      return;
    }
    if (generation !== this.generation) return scanner.close();
    this.scanner = scanner;
    this.armWatchdog();
    this.stats.set({ path: scanner.path, why: scanner.why, coreMs: this.stats.data.coreMs ?? this.stats.since() });
    this.stats.data.wasmMs ??= scanner.loadedAt && scanner.loadedAt - this.stats.start;
    // While the parser still streams a long document in, watching it node by node costs
    // more than walking it once parsed (a 1 MB page was shown 0.7 s later): the first walk
    // waits for DOMContentLoaded, or PARSE_WAIT_MS, whichever comes first.
    if (document.readyState === 'loading') await parsedOrLater(PARSE_WAIT_MS);
    if (generation !== this.generation) return;
    this.observe(document);
    this.enqueue(this.root, false);
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
    this.scanner?.close();
    this.scanner = null;
    this.dropQueue();
    this.seen = new WeakMap();
    this.byIndex = [];
    this.contextAdded = false;
    this.pageChars = 0;
    this.stats.set({ capped: false });
  }

  // Something went wrong (the worker is unreachable, the config is invalid): record it and
  // never leave the page hidden.
  fail(err) {
    this.stats.set({ error: String(err?.message || err) });
    this.stopScanning();
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
  onMutations(records) {
    const t0 = performance.now();
    if (records.length > DEFER_RECORDS || this.deferredAt < this.deferred.length) {
      this.defer(records);
    } else {
      this.lookAt(records, 0, records.length, new Map(), { added: 0 });
    }
    this.schedule();
    this.stats.observed(performance.now() - t0);
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
    if (!this.scanner || this.stats.data.capped) return;
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
    if (this.scheduled || !this.scanner) return;
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

  // One slice: read (walk roots until the budget is spent), one scan call, write all
  // verdicts. Schedules the next slice when work is left.
  async flush() {
    if (!this.scanner) return;
    if (this.busy) {
      this.again = true; // a slice is waiting for its scan: run again when it is done
      return;
    }
    if (!document.body && document.readyState === 'loading') return; // nothing to read yet
    this.busy = true;
    this.again = false;
    const generation = this.generation;
    const scanner = this.scanner;
    let done = []; // roots walked whole in this slice
    try {
      if (this.bareHosts.size) this.checkBareHosts();
      this.followNavigation(scanner);
      const t0 = performance.now();
      if (this.deferredAt < this.deferred.length) this.drainDeferred(t0 + SLICE_MS);
      let batch;
      ({ batch, done } = this.read(t0 + SLICE_MS));
      this.pageChars += batch.reduce((n, b) => n + b.text.length, 0);
      const t1 = performance.now();
      const result = batch.length ? await scanner.scan(batch.map((b) => b.text)) : null;
      const t2 = performance.now();
      if (generation !== this.generation) return; // settings changed meanwhile: drop it
      if (result) this.write(batch, result);
      else this.settleDetached();
      for (const root of done.splice(0)) this.unmark(root);
      const t3 = performance.now();
      this.stats.slice(t1 - t0, t2 - t1, t3 - t2, batch.length, scanner.path === 'wasm');
      this.armWatchdog();
      this.stats.set({ replays: scanner.replays ?? 0, retries: scanner.retries ?? 0, error: undefined });
      if (this.pageChars >= MAX_PAGE_CHARS) this.cap();
      if (!this.walk && !this.queue.size && this.deferredAt >= this.deferred.length) this.release();
      this.reportCount();
    } catch (err) {
      if (generation === this.generation) {
        this.stats.set({ replays: scanner.replays ?? 0, retries: scanner.retries ?? 0 });
        this.fail(err);
        this.recoverLater();
      }
    } finally {
      // Roots not unmarked after the write (a failed scan, or newer settings made this
      // slice moot): one left marked would stay hidden for good.
      for (const root of done) this.unmark(root);
      this.busy = false;
      if (this.again || this.walk || this.queue.size || this.deferredAt < this.deferred.length) this.continueSoon();
    }
  }

  // The page cap is reached: nothing more is read or queued in this document; what waits
  // is shown as it is.
  cap() {
    this.stats.set({ capped: true, cappedAtChars: this.pageChars });
    this.dropQueue();
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

  // The read pass: walks queued roots until the deadline or the text cap and returns the
  // blocks whose text is new, plus the roots finished.
  read(deadline) {
    const batch = [];
    const done = [];
    let chars = 0;
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
      for (const block of this.walk.step(deadline, MAX_CHARS - chars)) {
        if (this.seen.get(block.el)?.text === block.text) continue;
        batch.push(block);
        chars += block.text.length;
      }
      for (const shadow of this.walk.shadows.splice(0)) {
        if (this.shadows.has(shadow)) continue;
        this.shadows.add(shadow);
        this.observe(shadow);
      }
      this.watchBareHosts(this.walk.bareHosts.splice(0));
      if (this.walk.done) {
        done.push(this.walk.root);
        this.walk = null;
      }
    }
    return { batch, done };
  }

  // The write pass: blurs what the core says spoils, clears what it says is clean, and
  // applies `changed` (earlier blocks whose verdict this batch changed).
  write(batch, result) {
    this.settleDetached();
    const verdicts = new Map(result.blurred.map((v) => [v.index, v]));
    batch.forEach(({ el, text }, i) => {
      const index = result.first + i;
      this.seen.set(el, { text, index });
      this.byIndex[index] = el;
      const verdict = verdicts.get(index);
      if (verdict) ui.blur(el, verdict);
      else ui.clear(el);
    });
    for (const v of result.changed) {
      const el = this.byIndex[v.index];
      if (!el || this.seen.get(el)?.index !== v.index) continue; // rescanned since
      if (v.book === null) ui.clear(el);
      else ui.blur(el, v);
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

  // Page context first: the title and the description say what the page is about. Added
  // once <body> exists, since by then <head> is complete.
  addContext(scanner) {
    if (this.contextAdded) return;
    this.contextAdded = true;
    const description = document.querySelector('meta[name="description" i]')?.getAttribute('content') || '';
    const context = [document.title, description].filter(Boolean).join('\n');
    if (context) scanner.addContext(context);
  }

  // A single-page app moved to another page: start a new page context and rescan.
  followNavigation(scanner) {
    const key = pageKey();
    if (key !== this.href) {
      this.href = key;
      scanner.newPage();
      this.seen = new WeakMap();
      this.byIndex = [];
      this.contextAdded = false;
      this.pageChars = 0;
      this.stats.set({ capped: false });
      this.enqueue(this.root, false);
    }
    this.addContext(scanner);
  }

  // While the page is hidden for its first scan: shows it anyway if no step of the work
  // (settings, core, a slice) happens for WATCHDOG_MS, so a stuck worker or a broken core
  // cannot hide a page for good, while a long but progressing scan of a huge page can end.
  armWatchdog() {
    clearTimeout(this.failsafe);
    if (this.stats.data.readyMs === null) this.failsafe = setTimeout(() => this.release(true), WATCHDOG_MS);
  }

  // Shows the page (first scan written, nothing to do, or the watchdog) and records when.
  release(byWatchdog = false) {
    clearTimeout(this.failsafe);
    if (this.stats.data.readyMs !== null) return this.stats.publish();
    // Only entry.js's failsafe timer and this method remove the attribute.
    const shownByFailsafe = byWatchdog || !this.root.hasAttribute(PENDING);
    this.root.removeAttribute(PENDING);
    this.stats.set({ readyMs: this.stats.since(), failsafe: shownByFailsafe });
    this.stats.publish();
  }

  // Tells the service worker how many blocks are blurred here, for the badge; once per
  // document, then only when the number moved.
  reportCount() {
    const n = ui.blurredCount();
    this.stats.set({ blurred: n });
    this.stats.publish();
    if (n === this.lastCount || (this.lastCount === null && !this.scanner)) return;
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
