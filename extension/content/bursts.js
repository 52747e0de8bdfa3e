// Bursts: what a MutationObserver callback does when a page adds a lot at once. Instead of
// marking each added block, or looking at each record inside the page's own task, the
// parent is hidden whole (QUEUED="burst", shield.css: opacity 0 and visibility hidden, not
// a blur, which over a parent that tall costs the compositor seconds) until the last root
// or record it holds has been read. Caps: extension/content/README.md, "Caps".
import { QUEUED } from './marks.js';

/** Added blocks per callback past which they are marked through their parent. */
export const BULK = 500;
/** Records per callback past which the callback only hides their parents and keeps them. */
export const DEFER_RECORDS = 2000;
// Deferred records looked at between two looks at the clock.
const DRAIN_STEP = 256;

/**
 * The parents hidden for a burst, each with how many queued roots and kept records it
 * still holds: marked on the first, unmarked after the last.
 */
export class HeldParents {
  constructor() {
    this.counts = new Map();
  }

  /** One more root or record waits under `parent`; the first one hides it. */
  hold(parent) {
    const n = this.counts.get(parent) ?? 0;
    this.counts.set(parent, n + 1);
    if (!n) parent.setAttribute(QUEUED, 'burst');
  }

  /** One less waits under `parent` (read, or dropped); the last one shows it. */
  unhold(parent) {
    const n = this.counts.get(parent) - 1;
    if (n > 0) return this.counts.set(parent, n);
    this.counts.delete(parent);
    parent.removeAttribute(QUEUED);
  }
}

/** The node a mutation record is held by in a burst: its target, or a text change's element. */
export function recordParent(r) {
  return r.type === 'characterData' ? r.target.parentNode : r.target;
}

/**
 * The records of bursts not looked at yet, oldest first: kept by the callback (hold()),
 * looked at by the slices within their budget (drain()), or dropped when a rescan from
 * the root or a stop makes them moot (drop()).
 */
export class DeferredRecords {
  constructor(parents) {
    this.parents = parents; // HeldParents
    this.records = [];
    this.at = 0; // the first record not looked at
  }

  /** Whether records wait to be looked at. */
  get pending() {
    return this.at < this.records.length;
  }

  /**
   * Keeps `records` whose parent `holdable(parent)` allows hiding, and hides that parent;
   * returns the others, to be looked at now (a parent that cannot be hidden alone, the
   * body or the root, or one in a subtree never read).
   */
  hold(records, holdable) {
    const now = [];
    const held = new Map(); // record parent → whether it is held: once per parent
    for (const r of records) {
      const target = recordParent(r);
      let holds = held.get(target);
      if (holds === undefined) {
        holds = holdable(target);
        held.set(target, holds);
      }
      if (holds) {
        this.parents.hold(target);
        this.records.push(r);
      } else {
        now.push(r);
      }
    }
    return now;
  }

  /**
   * Looks at kept records until `deadline`, through `lookAt(records, i, parent)` (what a
   * record added is queued under its parent, which stays hidden until that is scanned);
   * each parent is then held one record less.
   */
  drain(deadline, lookAt) {
    let at = this.at;
    while (at < this.records.length) {
      const end = Math.min(at + DRAIN_STEP, this.records.length);
      for (let i = at; i < end; i++) {
        const parent = recordParent(this.records[i]);
        lookAt(this.records, i, parent);
        this.parents.unhold(parent);
      }
      at = end;
      if (performance.now() >= deadline) break;
    }
    this.forget(at);
  }

  /** Drops the records not looked at, showing their parents. */
  drop() {
    for (let i = this.at; i < this.records.length; i++) this.parents.unhold(recordParent(this.records[i]));
    this.forget(this.records.length);
  }

  // Records before `at` were looked at; all of them: the list starts afresh.
  forget(at) {
    this.at = at;
    if (at >= this.records.length) {
      this.records = [];
      this.at = 0;
    }
  }
}
