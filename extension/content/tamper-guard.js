// The tamper guard: a blurred block whose blur the page removes (our attributes stripped,
// the inline filter reset, `inert` or `aria-hidden` undone inside it, the label dropped)
// is blurred again, at most MAX_REPROTECT times per block, then left alone, so a page that
// strips everything it did not write cannot make us fight it forever. Counts go to
// stats.reprotected and stats.gaveUp.
import * as ui from './blur.js';

/** Re-protections per block before the page wins. */
export const MAX_REPROTECT = 3;

/** Watches our attributes and the blurred blocks' style, inert and aria-hidden; puts a removed blur back. */
export class TamperGuard {
  constructor(stats) {
    this.stats = stats;
    // Watches our own attributes and the inline style of the blocks we blurred; our own
    // writes come back here too and are recognised as ours (nothing to restore).
    this.observer = new MutationObserver((records) => this.onRecords(records));
  }

  /** Guards a document or an open shadow root. */
  observe(root) {
    this.observer.observe(root, { attributes: true, subtree: true, attributeFilter: ui.GUARDED });
  }

  /** Stops guarding (a stop: the next configure() observes again). */
  disconnect() {
    this.observer.disconnect();
  }

  /** The observer's callback: each blurred block that lost its blur gets it back, within MAX_REPROTECT. */
  onRecords(records) {
    // Nothing blurred or revealed yet (a page being parsed, whose waiting blocks we make
    // inert ourselves): nothing the page could have taken a blur from.
    if (!ui.anyMarked()) return;
    for (const r of records) {
      if (ui.tampered(r.target)) this.count(ui.reprotect(r.target, MAX_REPROTECT) ? 'reprotected' : 'gaveUp');
    }
  }

  /** The page removed one of our labels (the change reader saw it go). */
  labelRemoved(label) {
    this.count(ui.labelRemoved(label, MAX_REPROTECT));
  }

  /** Counts a re-protection ('reprotected') or a block left alone ('gaveUp') in the stats. */
  count(what) {
    if (!what) return;
    this.stats.data[what]++;
    this.stats.publish();
  }
}
