// What is hidden while it waits, and shown when it no longer has to: the candidates the
// prefilter could not rule out (HELD, and `inert`: out of sight and out of reach) until
// the core judged them, and what the streaming walk has not read yet at its pause
// (FRONTIER on each unread element of each level, HELD="open" on the blocks read in part).
// Never the whole page: <body> and <html> are not hidden alone.
import * as ui from './blur.js';
import { HELD, FRONTIER, PENDING } from './marks.js';

/** The blocks hidden while they wait for the core or for the streaming walk, and their marks. */
export class Hiding {
  /** `page` is the document's root element. */
  constructor(page) {
    this.page = page;
    this.held = new Set(); // blocks hidden until the core judges them (HELD)
    this.undecided = new Set(); // … judged clean, but a later block could make them spoil
    this.unread = { elements: new Set(), blocks: new Set() }; // marked FRONTIER / HELD=open
  }

  /** Hides a candidate until the core judged it: out of sight (shield.css) and out of reach (inert: no focus, not in the accessibility tree or find-in-page). */
  hold(el) {
    if (el === document.body || el === this.page) return; // never the whole page
    this.held.add(el);
    this.undecided.delete(el);
    el.setAttribute(HELD, '');
    ui.shelter(el);
  }

  /** Shows a held block again. */
  show(el) {
    if (!this.held.delete(el)) return;
    this.undecided.delete(el);
    el.removeAttribute(HELD);
    ui.unshelter(el);
  }

  /** Whether any block is hidden while it waits (held, or unread by the streaming walk). */
  waiting() {
    return this.held.size > 0 || this.unread.elements.size > 0 || this.unread.blocks.size > 0;
  }

  /** Shows every held block. */
  showAll() {
    for (const el of [...this.held]) this.show(el);
  }

  /** Shows the blocks the core left undecided (nothing later can make them spoil now). */
  showUndecided() {
    for (const el of this.undecided) this.show(el);
  }

  /**
   * Hides what the streaming walk `stream` has not read at its pause (blocks.js unread()),
   * and shows what it has read since: the new marks are set before the old ones go, in one
   * task. `shown`: whether the page itself was shown already (then a pause on <body>
   * itself, which hides the page, is undone once over).
   */
  markUnread(stream, shown) {
    const now = stream && !stream.done ? stream.unread() : { elements: [], blocks: [], whole: false };
    const elements = new Set(now.elements);
    const blocks = new Set(now.blocks.filter((b) => b !== document.body && b !== this.page && !this.held.has(b)));
    for (const el of elements) if (!this.unread.elements.has(el)) el.setAttribute(FRONTIER, '');
    for (const el of blocks) if (!this.unread.blocks.has(el)) el.setAttribute(HELD, 'open');
    for (const el of this.unread.elements) if (!elements.has(el)) el.removeAttribute(FRONTIER);
    for (const el of this.unread.blocks) if (!blocks.has(el) && !this.held.has(el)) el.removeAttribute(HELD);
    this.unread = { elements, blocks };
    // Unread text from <body> on: only the page can be hidden. Rare (a pause on <body>
    // itself), and over at the next pass.
    if (now.whole) this.page.setAttribute(PENDING, '');
    else if (shown) this.page.removeAttribute(PENDING);
  }
}
