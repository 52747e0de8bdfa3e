// The roots waiting to be walked and the walk in progress, with their marks: a root
// queued is marked QUEUED (shield.css blurs it until it is read), or, in a burst, its
// parent is held instead (bursts.js). The queue itself is root-queue.js.
import { BlockWalk } from './blocks.js';
import { QUEUED } from './marks.js';
import { RootQueue } from './root-queue.js';

/** The roots waiting to be walked, the walk in progress, and their marks. */
export class Roots {
  /** `page` is the document's root element (never hidden alone); `parents` the HeldParents of bursts. */
  constructor(page, parents) {
    this.page = page;
    this.parents = parents;
    this.queue = new RootQueue(); // root → ownOnly, in arrival order
    this.bulk = new Map(); // root queued in a burst → the parent held for it
    this.walk = null; // the BlockWalk in progress
  }

  /** Whether a root waits or is being walked. */
  get busy() {
    return Boolean(this.walk || this.queue.size);
  }

  /**
   * Adds a root to the queue and marks it, which blurs it until it is read and lets roots
   * inside a whole root that is still waiting be skipped. In a burst (`parent` given) the
   * parent is held instead. `waiting` (root's nearest marked ancestor) may be given when known.
   */
  enqueue(root, ownOnly, { parent = null, waiting = root.parentElement?.closest(`[${QUEUED}]`) } = {}) {
    if (this.queue.has(root)) {
      if (!ownOnly) this.queue.set(root, false);
      return;
    }
    if (waiting && waiting !== this.walk?.root && this.queue.get(waiting) === false) return;
    this.queue.set(root, ownOnly);
    if (parent?.nodeType === 1 && parent !== document.body && parent !== this.page) {
      this.bulk.set(root, parent);
      this.parents.hold(parent); // hidden, not blurred (shield.css)
    } else {
      root.setAttribute(QUEUED, '');
    }
  }

  /** Whether `root` is queued whole (not for its own text only). */
  queuedWhole(root) {
    return this.queue.get(root) === false;
  }

  /**
   * Starts a walk of the oldest root waiting: 'walk' (this.walk is set), 'gone' (the root
   * left the page meanwhile: unmarked and skipped) or 'empty'. One root a call, so the
   * caller looks at its clock between roots.
   */
  startNext() {
    const next = this.queue.shift();
    if (!next) return 'empty';
    const [root, ownOnly] = next;
    if (!root.isConnected) {
      this.unmark(root);
      return 'gone';
    }
    this.walk = new BlockWalk(root, ownOnly);
    return 'walk';
  }

  /** A root is done (or dropped): it, or the last waiting root of its burst's parent, stops hiding. */
  unmark(root) {
    root.removeAttribute(QUEUED);
    const parent = this.bulk.get(root);
    if (!parent) return;
    this.bulk.delete(root);
    this.parents.unhold(parent);
  }

  /** Empties the queue and the walk in progress, unmarking their roots. */
  drop() {
    for (const root of this.queue.keys()) this.unmark(root);
    if (this.walk) this.unmark(this.walk.root);
    this.queue.clear();
    this.walk = null;
  }
}
