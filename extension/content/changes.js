// DOM changes → roots to walk. What the MutationObserver reports is turned into queued
// roots: an added block is walked whole; added or removed text or inline elements get
// their block's own text read again. Scripts, our own labels and other skipped nodes are
// ignored; removed nodes that held blurred blocks are kept to settle in the write pass.
import { blockOf, isBlockish, isSkipped, skippedFrom, changesOwnerText, LABEL_TAG } from './blocks.js';
import { BULK } from './bursts.js';
import { QUEUED } from './marks.js';
import * as ui from './blur.js';

/** Turns MutationObserver records into queued roots, for the content script (`host`). */
export class ChangeReader {
  /**
   * `host` is the content script: `enqueue(root, ownOnly, opts)` queues a root (roots.js),
   * `roots` tells whether one waits whole, `guard.labelRemoved(node)` re-protects a block
   * whose label the page removed.
   */
  constructor(host) {
    this.host = host;
    this.detached = []; // removed nodes that held blurred blocks, settled in the write pass
  }

  /**
   * Looks at records[from, to); `parents` caches, per record target, whether its subtree
   * may be read and its nearest waiting ancestor; `count.added` counts blocks queued, for
   * BULK. Records of a held parent (`held`) are queued under it whatever their number.
   */
  lookAt(records, from, to, parents, count, held = null) {
    const { host } = this;
    for (let i = from; i < to; i++) {
      const r = records[i];
      if (r.type === 'characterData') {
        this.enqueueOwner(r.target.parentNode);
        continue;
      }
      let ownerChanged = false;
      for (const node of r.removedNodes) {
        if (node.nodeType === 1 && ui.holdsMarked(node)) this.detached.push(node);
        if (node.nodeType === 1 && node.tagName === LABEL_TAG) host.guard.labelRemoved(node);
        ownerChanged ||= changesOwnerText(node);
      }
      for (const node of r.addedNodes) {
        if (node.nodeType === 1 && isBlockish(node)) {
          let p = parents.get(r.target);
          if (!p) {
            // A held parent carries the burst mark itself: what waits is above it, unless
            // it is queued whole.
            const above = held === r.target && !host.roots.queuedWhole(r.target) ? r.target.parentElement : r.target;
            p = { readable: !skippedFrom(r.target), waiting: above?.nodeType === 1 ? above.closest(`[${QUEUED}]`) : null };
            parents.set(r.target, p);
          }
          if (!p.readable || isSkipped(node)) continue;
          const bulk = held === r.target || ++count.added > BULK;
          host.enqueue(node, false, { parent: bulk ? r.target : null, waiting: p.waiting });
        } else {
          ownerChanged ||= changesOwnerText(node);
        }
      }
      if (ownerChanged) this.enqueueOwner(r.target);
    }
  }

  /** Looks at every record of `records`. */
  lookAtAll(records) {
    this.lookAt(records, 0, records.length, new Map(), { added: 0 });
  }

  /** Queues the own text of the block that text directly inside `el` belongs to. */
  enqueueOwner(el) {
    if (el?.nodeType === 11) el = el.host; // text right inside a shadow root: its host's
    if (!el || el.nodeType !== 1 || isSkipped(el)) return;
    const block = blockOf(el);
    if (block) this.host.enqueue(block, true);
  }

  /**
   * Blurred blocks the page removed: gone ones lose their label and state (`forget(el)`
   * drops what was known of them, so they are scanned afresh if they come back later);
   * moved ones take their label along.
   */
  settleDetached(forget) {
    for (const node of this.detached.splice(0)) {
      for (const el of ui.markedWithin(node)) {
        if (el.isConnected) ui.relabel(el);
        else {
          ui.clear(el);
          forget(el);
        }
      }
    }
  }
}
