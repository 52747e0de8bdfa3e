// The queue of roots waiting to be walked (a DOM change queues the block it touched),
// in arrival order, each with whether only its own text is to be read again (`ownOnly`)
// or the whole subtree. Pure logic: no DOM call, so tests/unit/ runs it in Node.
//
// A Map (root → ownOnly) for lookups, and an array with a head index for the order.
// (Taking the first entry of a Map whose front was deleted over and over costs a scan over
// the holes: quadratic on a burst of 50,000 additions.)
/** Roots in arrival order, each once, with its `ownOnly`. */
export class RootQueue {
  constructor() {
    this.map = new Map();
    this.order = [];
    this.head = 0;
  }

  /** How many roots wait. */
  get size() {
    return this.map.size;
  }

  /** Whether `root` waits. */
  has(root) {
    return this.map.has(root);
  }

  /** The `ownOnly` of a waiting root; undefined when it does not wait. */
  get(root) {
    return this.map.get(root);
  }

  /** Queues `root` at the back, or changes the `ownOnly` of a root already waiting (it keeps its place). */
  set(root, ownOnly) {
    if (!this.map.has(root)) this.order.push(root);
    this.map.set(root, ownOnly);
  }

  /** The waiting roots, oldest first. */
  keys() {
    return this.map.keys();
  }

  /** Empties the queue. */
  clear() {
    this.map.clear();
    this.order = [];
    this.head = 0;
  }

  /** The oldest entry as [root, ownOnly], taken out; undefined when empty. */
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
