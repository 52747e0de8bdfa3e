// Finding text blocks. A block is the nearest ancestor of a piece of text that a reader
// would call a paragraph: a <p>, a list item, a heading, a cell, a figure, a comment body,
// or a div/section/article that holds text directly. Tag names decide (no computed style,
// so walking never forces a style or layout pass). The walk reads only: textContent-like
// data, alt/title attributes, and class names (to leave the site's own spoilers alone).

import RULES from './block-rules.json';

// The tables (which tags are blocks, containers or skipped, the sites' own spoiler
// selectors, how images and <br> add text, the cap per block) live in block-rules.json,
// which the CLI (src/bin/spoiler-shield/html.rs) reads too, so both split a page alike.
// Tag names there are lower case; the DOM's tagName is upper case for HTML elements and
// keeps its case for foreign ones (<svg>, <math>), so the skip set holds both.
const upper = (tags) => new Set(tags.map((t) => t.toUpperCase()));
const BLOCK_TAGS = upper(RULES.blockTags);
const CONTAINER_TAGS = upper(RULES.containerTags);
const SKIP_TAGS = new Set([...upper(RULES.skipTags), ...RULES.skipTags]);
const CUSTOM_CONTAINERS = RULES.customElementsAreContainers;
const EDITABLE = RULES.editableAttribute;
const EDITABLE_OFF = RULES.editableOffValue;
const LINE_BREAK_TAGS = upper(RULES.lineBreakTags);
const IMAGE_TAGS = upper(RULES.imageTags);
const IMAGE_ATTRIBUTES = RULES.imageTextAttributes;
export const LABEL_TAG = RULES.labelTag.toUpperCase();

// Spoilers the site already hides behind a reveal control of its own. Their subtrees are
// never read, so we never blur on top of them, never reveal them and never touch (blur,
// label, restyle) their control; the text around them in the same block is still read.
const SITE_HIDDEN = RULES.siteHidden.map((rule) => rule.selector).join(', ');
// Tags that match a selector above without a class attribute.
const SITE_HIDDEN_TAGS = upper(RULES.siteHiddenTagsWithoutClass);
// Elements once seen hidden by the site stay left alone: after the reader opens a
// <details> (or any reveal that drops the matching class) a rescan must not blur what the
// reader chose to read.
const siteHidden = new WeakSet();

const NON_SPACE = /\S/;

// The text of one block that is read: a block longer than this (a whole book in one <pre>,
// a megabyte of text in one <div>) is judged on its first MAX_BLOCK_CHARS characters, so
// that one scan call, which cannot be sliced, stays a few milliseconds long.
export const MAX_BLOCK_CHARS = RULES.maxBlockChars;

// Levels, and elements per level, of a document still being parsed that a paused walk
// hides one by one (see BlockWalk.unread()); a pause deeper or wider than that hides the
// page until the next pass.
const MAX_UNREAD_LEVELS = 1000;
const MAX_UNREAD_SIBLINGS = 2000;

// The element or shadow host `node` hangs from: its parent element, or the host of the
// open shadow root it sits at the top of. Walks, block lookups and containment tests cross
// open shadow roots with it; closed roots are never entered (element.shadowRoot is null).
export function composedParent(node) {
  return node.parentElement ?? node.parentNode?.host ?? null;
}

// Whether `node` is `root` or inside it, shadow trees included.
export function composedContains(root, node) {
  for (let n = node; n; n = n.getRootNode().host) if (root.contains(n)) return true;
  return false;
}

// Whether `el` is a block or a container (a custom element counts as a container: comment
// widgets are often <x-comment>), i.e. a place text can belong to.
export function isBlockish(el) {
  const tag = el.tagName;
  return BLOCK_TAGS.has(tag) || CONTAINER_TAGS.has(tag) || (CUSTOM_CONTAINERS && tag.includes('-') && tag !== LABEL_TAG);
}

// Whether adding or removing `node` changes the own text of the block around it: text and
// inline elements do; blocks (they own their text), skipped elements and our label do not.
export function changesOwnerText(node) {
  if (node.nodeType === 3) return true;
  return node.nodeType === 1 && !isBlockish(node) && !isSkipped(node);
}

// Whether nothing under `el` may be read: skipped tags, editable regions and spoilers the
// site hides itself. The attribute test avoids isContentEditable, which needs computed
// style.
export function isSkipped(el) {
  if (SKIP_TAGS.has(el.tagName)) return true;
  const editable = el.getAttribute(EDITABLE);
  if (editable !== null && editable !== EDITABLE_OFF) return true;
  return isSiteHidden(el);
}

// Whether `el` is a spoiler the site hides itself (SITE_HIDDEN). Most elements fail the
// cheap test (no class, not a listed tag) before the selector match.
export function isSiteHidden(el) {
  if (siteHidden.has(el)) return true;
  if (!el.hasAttribute('class') && !SITE_HIDDEN_TAGS.has(el.tagName)) return false;
  if (!el.matches(SITE_HIDDEN)) return false;
  siteHidden.add(el);
  return true;
}

// The block a node's text belongs to: its nearest blockish ancestor (inclusive), or null
// when the node sits in a skipped subtree or outside <body>.
export function blockOf(node) {
  let el = node.nodeType === 1 ? node : composedParent(node);
  for (; el; el = composedParent(el)) {
    if (isSkipped(el)) return null;
    if (isBlockish(el)) return skippedFrom(composedParent(el)) ? null : el;
  }
  return null;
}

// Whether `node` (an element, a shadow root or null) or any element above it, across
// shadow roots, is skipped. Each element's answer is remembered until the running task is
// over (the page cannot change anything before then), so that the records of one change
// deep in a tree, each a child of the one before, climb the tree once between them, not
// once each: a page nesting 10,000 elements kept the tab busy for tens of seconds.
export function skippedFrom(node) {
  const memo = skipMemo();
  const climbed = [];
  let skipped = false;
  for (let el = node?.nodeType === 11 ? node.host : node; el; el = composedParent(el)) {
    const known = memo.get(el);
    if (known !== undefined) {
      skipped = known;
      break;
    }
    climbed.push(el);
    if (el.nodeType === 1 && isSkipped(el)) {
      skipped = true;
      break;
    }
  }
  for (const el of climbed) memo.set(el, skipped);
  return skipped;
}

let skipMemoOfTask = null;
function skipMemo() {
  if (!skipMemoOfTask) {
    skipMemoOfTask = new Map();
    queueMicrotask(() => {
      skipMemoOfTask = null;
    });
  }
  return skipMemoOfTask;
}

// A resumable walk over one root that gathers the text of every block under it. `step`
// walks until `deadline` (a performance.now() value) and returns the blocks it finished,
// as [{el, text}] in document order; blocks still open at the pause (ancestors of the
// next node) carry over to the next step, so a block's text is never split.
//
// A plain depth-first walk over firstChild/nextSibling, not a TreeWalker: no callback per
// node, and the block that owns the text comes from a stack kept on the way down, not from
// a lookup per text node.
//
// `ownOnly` reads just the root block's own text and skips the blocks inside it: a text
// change inside a long <div> then costs that text, not the whole subtree.
//
// Open shadow roots are walked where they render, inside their host: the shadow tree
// first, then the host's light children (slotted text belongs to the host's block). Each
// open shadow root met is listed in `shadows`, for the caller to observe and style, and
// each custom element without one in `bareHosts`, for the caller to look at again.
//
// A `streaming` walk reads a document the parser is still writing: at the end of what is
// there so far it waits instead of finishing (`waiting`), keeps the blocks still open,
// and the next step goes on from the last node read, into children it got since, or with
// the text the parser appended to it. It is done once the walk reaches the end of a
// parsed document.
export class BlockWalk {
  constructor(root, ownOnly = false, streaming = false) {
    this.root = root;
    this.ownOnly = ownOnly;
    this.streaming = streaming;
    this.waiting = false; // streaming: at the end of what the parser wrote so far
    this.last = null; // … the last node read, and what the walk may still do with it:
    this.lastText = 0; // the length of its text when read (a text node grows as it is parsed)
    this.lastOpen = false; // an element read while it had no child yet
    this.parts = new Map(); // block element → {pieces, length}
    this.shadows = []; // open shadow roots met, taken by the caller
    this.bareHosts = []; // custom elements met with no open shadow root, taken by the caller
    this.done = false;
    this.restarts = 0;
    this.chars = 0; // text gathered by the current step
    this.reset();
  }

  reset() {
    this.next = this.root; // the node to visit next
    const parent = composedParent(this.root);
    this.owner = parent ? blockOf(parent) : null;
    this.owners = []; // the owner outside each element we are inside
    this.path = []; // streaming: the elements we are inside (onPath: the same, as a set)
    this.onPath = new Set();
    this.ahead = new WeakSet(); // streaming: elements added ahead of the walk, not visited yet (isAhead())
    this.parts.clear();
  }

  enter(node) {
    this.owners.push(this.owner);
    if (isBlockish(node)) this.owner = node;
    if (this.streaming) {
      this.path.push(node);
      this.onPath.add(node);
    }
  }

  leave() {
    this.owner = this.owners.pop();
    if (this.streaming) this.onPath.delete(this.path.pop());
  }

  // Appends a piece of text to its block's buffer, up to MAX_BLOCK_CHARS per block.
  add(text) {
    const block = this.owner;
    if (!block) return;
    let part = this.parts.get(block);
    if (!part) this.parts.set(block, (part = { pieces: [], length: 0 }));
    const room = MAX_BLOCK_CHARS - part.length;
    if (room <= 0) return;
    if (text.length > room) text = text.slice(0, room);
    part.pieces.push(text);
    part.length += text.length;
    this.chars += text.length;
  }

  // The first node inside `el` in rendering order: its open shadow tree's, else its own.
  firstIn(el) {
    const shadow = el.shadowRoot;
    if (shadow) {
      this.shadows.push(shadow);
      if (shadow.firstChild) return shadow.firstChild;
    }
    return el.firstChild;
  }

  // Reads one node; returns whether to descend into it.
  visit(node) {
    this.lastOpen = false;
    this.ahead.delete(node); // reached: what is added to it now is no longer ahead as such
    if (node.nodeType === 3) {
      if (NON_SPACE.test(node.data)) this.add(node.data);
      this.lastText = node.data.length;
      return false;
    }
    if (node.nodeType !== 1) return false;
    if (node !== this.root && (isSkipped(node) || (this.ownOnly && isBlockish(node)))) return false;
    this.lastOpen = true;
    const tag = node.tagName;
    // A web component often attaches its shadow root later (when its definition loads),
    // which no MutationObserver reports: the caller looks again for a while.
    if (node.shadowRoot === null && tag.includes('-') && tag !== LABEL_TAG) this.bareHosts.push(node);
    if (LINE_BREAK_TAGS.has(tag)) this.add('\n');
    else if (IMAGE_TAGS.has(tag)) {
      // An image's words are part of its block (its figure with the caption, or its
      // paragraph), so an image whose alt or title spoils blurs with its caption.
      const words = IMAGE_ATTRIBUTES.map((a) => node.getAttribute(a)).filter((t) => t && NON_SPACE.test(t));
      if (words.length) this.add(`\n${words.join('\n')}\n`);
    }
    return node.firstChild !== null || node.shadowRoot !== null;
  }

  // The node after `node`'s subtree in document order, leaving the blocks it climbs out
  // of; null at the end of the root. Climbing out of a shadow tree leads to its host's
  // light children, still inside the host.
  // A streaming walk that reaches the end of an unfinished document climbs back down:
  // the blocks it would have left stay open for what the parser writes next.
  after(node) {
    const from = node;
    const left = []; // owners given up on the way up
    while (node !== this.root) {
      if (node.nextSibling) return node.nextSibling;
      const parent = node.parentNode;
      if (parent.nodeType === 11 && parent.host) {
        node = parent.host;
        if (node.firstChild && parent.firstChild) return node.firstChild;
      } else {
        node = parent;
      }
      left.push([this.owner, this.path.at(-1)]);
      this.leave();
    }
    if (this.streaming && document.readyState === 'loading') {
      for (let i = left.length - 1; i >= 0; i--) {
        const [owner, element] = left[i];
        this.owners.push(this.owner);
        this.owner = owner;
        this.path.push(element);
        this.onPath.add(element);
      }
      this.waiting = true;
      this.last = from;
    }
    return null;
  }

  // Where a waiting walk goes on: the text the parser appended to the last text node is
  // read, an element read while empty is entered if it has children now, else the walk
  // goes on after it. Null while there is still nothing new.
  resume() {
    const last = this.last;
    this.waiting = false;
    if (last.nodeType === 3) {
      if (last.data.length > this.lastText) {
        const added = last.data.slice(this.lastText);
        if (NON_SPACE.test(added)) this.add(added);
        this.lastText = last.data.length;
      }
    } else if (this.lastOpen && (last.firstChild || last.shadowRoot)) {
      this.lastOpen = false;
      this.enter(last);
      return this.firstIn(last);
    }
    return this.after(last);
  }

  // Walks until `deadline`, or until `budget` characters of text were gathered.
  step(deadline, budget = Infinity) {
    if (this.done) return [];
    this.chars = 0;
    // The page removed the node we were to visit next: the rest of the root is out of
    // reach from it, so read the root again (the caller's text cache skips what is known).
    const at = this.waiting ? this.last : this.next;
    if (at !== this.root && !composedContains(this.root, at)) {
      this.reset();
      this.restarts++;
    }
    let node = this.waiting ? this.resume() : this.next;
    if (this.waiting) return this.finished(this.last);
    let n = 0;
    while (node) {
      if (this.visit(node)) {
        this.enter(node);
        node = this.firstIn(node);
      } else {
        node = this.after(node);
      }
      if (node && (this.chars >= budget || ((++n & 127) === 0 && performance.now() > deadline))) {
        this.next = node;
        return this.finished(node);
      }
    }
    if (this.waiting) return this.finished(this.last);
    this.done = true;
    return this.finished(null);
  }

  // Takes out of the buffers every block that cannot receive more text: all of them at the
  // end of the walk, else those that do not contain the next node.
  finished(next) {
    const out = [];
    for (const [el, { pieces }] of this.parts) {
      if (next && composedContains(el, next)) continue;
      out.push({ el, text: pieces.join('') });
      this.parts.delete(el);
    }
    return out;
  }

  // Whether the walk will still read `node`: it is the next node, inside it or after it in
  // document order (or, while waiting, after the last node read or inside it). A node in
  // another tree (a shadow tree) or any doubt counts as read: the caller then treats it
  // as a change.
  //
  // `first` and `last` are the first and last of nodes added together into `parent`. The
  // parser appends at the end of the elements the walk is inside, so that case is told at
  // once; anything else is asked of the document, which for two siblings deep in a long
  // list walks the list (a page appending to one parent node by node would be quadratic).
  //
  // The nodes found ahead are remembered until the walk reaches them, so that what is
  // added inside them is told at once too: the parser builds each new element child by
  // child, and asking the document of every child of a new comment, 6,000 comments into
  // a list, cost ~265 ms a load on many-comments.html. A node the page removes (or moves)
  // may be anywhere after: movedNodes() then forgets them all.
  isAhead(parent, first, last = first) {
    if (this.done) return false;
    const at = this.waiting ? this.last : this.next;
    if (!at?.isConnected) return false;
    let ahead;
    if (this.ahead.has(parent)) ahead = true;
    else if (last.nextSibling === null && last.parentNode === parent && (this.onPath.has(parent) || parent === this.last)) ahead = true;
    else if (first === at) return !this.waiting;
    else {
      const position = at.compareDocumentPosition(first);
      ahead = (position & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 && (position & Node.DOCUMENT_POSITION_DISCONNECTED) === 0;
    }
    if (ahead) {
      for (let node = first; node; node = node.nextSibling) {
        if (node.nodeType === 1) this.ahead.add(node);
        if (node === last) break;
      }
    }
    return ahead;
  }

  /** The page removed nodes: those remembered as ahead of the walk may now be anywhere. */
  movedNodes() {
    this.ahead = new WeakSet();
  }

  // What of the root a paused walk has not read, for the caller to hide until it has:
  // `elements`, per level from the next node up to the root, the elements at or after it
  // among its siblings (each is marked: a sibling selector such as `~ *` makes the style
  // engine look through every earlier sibling of every element, which on a list of
  // 100,000 paragraphs kept the tab busy for minutes); `blocks`, the
  // blocks that cannot be shown as they are: those read in part, and those whose own
  // text goes on among the unread siblings (each level's owner is on the walk's own
  // stack, so this costs the siblings, not a climb per level). `whole` when the unread
  // part starts at <body> itself, which cannot be hidden alone, or is more than
  // MAX_UNREAD_LEVELS deep or MAX_UNREAD_SIBLINGS wide. At the end of an unfinished document only the blocks read in part
  // are unread.
  unread() {
    const elements = [];
    const blocks = new Set(this.parts.keys());
    let whole = false;
    let node = this.waiting ? null : this.next;
    let owner = this.owner;
    let above = this.owners.length; // owners[above - 1] is the owner one level up
    for (let level = 0; node && node !== this.root; level++) {
      const first = level === 0;
      if (level >= MAX_UNREAD_LEVELS) {
        whole = true;
        break;
      }
      let count = 0;
      for (let s = first ? node : node.nextSibling; s; s = s.nextSibling) {
        if (s.nodeType === 1) {
          if (s === document.body || s === document.documentElement || ++count > MAX_UNREAD_SIBLINGS) whole = true;
          else elements.push(s);
        } else if (owner && s.nodeType === 3 && NON_SPACE.test(s.data)) {
          blocks.add(owner);
        }
      }
      if (whole) break;
      const parent = node.parentNode;
      if (parent?.nodeType === 11 && parent.host) {
        // The host's light children are read after its shadow tree, by the same owner.
        node = parent.host;
        if (node.firstElementChild) elements.push(node.firstElementChild);
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (owner && c.nodeType === 3 && NON_SPACE.test(c.data)) blocks.add(owner);
        }
      } else {
        node = parent;
      }
      owner = this.owners[--above] ?? null;
    }
    return { elements, blocks: [...blocks], whole };
  }
}
