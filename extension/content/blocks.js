// Finding text blocks. A block is the nearest ancestor of a piece of text that a reader
// would call a paragraph: a <p>, a list item, a heading, a cell, a figure, a comment body,
// or a div/section/article that holds text directly. Tag names decide (no computed style,
// so walking never forces a style or layout pass). The walk reads only: textContent-like
// data and alt/title attributes.

// Elements that are blocks of their own.
const BLOCK_TAGS = new Set([
  'P', 'LI', 'BLOCKQUOTE', 'DD', 'DT', 'TD', 'TH', 'CAPTION',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'FIGURE', 'FIGCAPTION', 'PRE', 'SUMMARY', 'LEGEND',
]);
// Containers: a block for the text they hold directly (outside any block inside them).
const CONTAINER_TAGS = new Set([
  'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'ASIDE', 'HEADER', 'FOOTER', 'NAV', 'BODY',
  'DETAILS', 'DIALOG', 'FORM', 'FIELDSET', 'ADDRESS', 'CENTER', 'UL', 'OL', 'DL', 'TABLE',
]);
// Subtrees never read: code, editors, our own UI.
const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'INPUT', 'TEXTAREA', 'SELECT',
  'OPTION', 'IFRAME', 'OBJECT', 'CANVAS', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE',
  'SPOILER-SHIELD-LABEL', 'svg', 'math', // foreign elements keep a lower-case tagName
]);
export const LABEL_TAG = 'SPOILER-SHIELD-LABEL';

const NON_SPACE = /\S/;

// Whether `el` is a block or a container (a custom element counts as a container: comment
// widgets are often <x-comment>), i.e. a place text can belong to.
export function isBlockish(el) {
  const tag = el.tagName;
  return BLOCK_TAGS.has(tag) || CONTAINER_TAGS.has(tag) || (tag.includes('-') && tag !== LABEL_TAG);
}

// Whether adding or removing `node` changes the own text of the block around it: text and
// inline elements do; blocks (they own their text), skipped elements and our label do not.
export function changesOwnerText(node) {
  if (node.nodeType === 3) return true;
  return node.nodeType === 1 && !isBlockish(node) && !isSkipped(node);
}

// Whether nothing under `el` may be read: skipped tags and editable regions. The attribute
// test avoids isContentEditable, which needs computed style.
export function isSkipped(el) {
  if (SKIP_TAGS.has(el.tagName)) return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

// The block a node's text belongs to: its nearest blockish ancestor (inclusive), or null
// when the node sits in a skipped subtree or outside <body>.
export function blockOf(node) {
  let el = node.nodeType === 1 ? node : node.parentElement;
  let block = null;
  for (; el; el = el.parentElement) {
    if (isSkipped(el)) return null;
    if (!block && isBlockish(el)) block = el;
  }
  return block;
}

// A resumable walk over one root that gathers the text of every block under it. `step`
// walks until `deadline` (a performance.now() value) and returns the blocks it finished,
// as [{el, text}] in document order; blocks still open at the pause (ancestors of the
// current node) carry over to the next step, so a block's text is never split.
//
// `ownOnly` reads just the root block's own text and skips the blocks inside it: a text
// change inside a long <div> then costs that text, not the whole subtree.
export class BlockWalk {
  constructor(root, ownOnly = false) {
    this.root = root;
    const reject = (n) => isSkipped(n) || (ownOnly && n !== root && isBlockish(n));
    this.walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.nodeType === 1 && reject(n) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    this.parts = new Map(); // block element → [text pieces]
    this.owner = new Map(); // element → its block (cache: siblings share a parent)
    this.done = false;
    this.restarts = 0;
  }

  // Why a restart: a TreeWalker whose current node the page removed can no longer reach
  // the rest of the root. Blocks already finished are unchanged, so the caller's text cache
  // makes the second pass cheap.
  restartIfDetached() {
    const cur = this.walker.currentNode;
    if (cur !== this.root && !this.root.contains(cur)) {
      this.walker.currentNode = this.root;
      this.parts.clear();
      this.restarts++;
    }
  }

  // The block that text directly under `el` belongs to; above the root it climbs without
  // the cache (the root is normally a block itself, so this is rare).
  ownerOf(el) {
    let block = this.owner.get(el);
    if (block === undefined) {
      if (isBlockish(el)) block = el;
      else if (el === this.root || !el.parentElement) block = blockOf(el);
      else block = this.ownerOf(el.parentElement);
      this.owner.set(el, block);
    }
    return block;
  }

  // Appends a piece of text to a block's buffer.
  add(block, text) {
    if (!block) return;
    const list = this.parts.get(block);
    if (list) list.push(text);
    else this.parts.set(block, [text]);
  }

  step(deadline) {
    if (this.done) return [];
    this.restartIfDetached();
    const w = this.walker;
    let n = 0;
    let node;
    while ((node = w.nextNode())) {
      if (node.nodeType === 3) {
        const data = node.data;
        if (NON_SPACE.test(data)) this.add(this.ownerOf(node.parentElement), data);
      } else if (node.tagName === 'BR') {
        this.add(this.ownerOf(node.parentElement), '\n');
      } else if (node.tagName === 'IMG') {
        // An image's words are part of its block (its figure with the caption, or its
        // paragraph), so an image whose alt or title spoils blurs with its caption.
        const words = [node.getAttribute('alt'), node.getAttribute('title')].filter((t) => t && NON_SPACE.test(t));
        if (words.length) this.add(this.ownerOf(node.parentElement), `\n${words.join('\n')}\n`);
      }
      if ((++n & 63) === 0 && performance.now() > deadline) return this.finished(node);
    }
    this.done = true;
    return this.finished(null);
  }

  // Takes out of the buffers every block that cannot receive more text: all of them at the
  // end of the walk, else those that do not contain the current node.
  finished(current) {
    const out = [];
    for (const [el, pieces] of this.parts) {
      if (current && el.contains(current)) continue;
      out.push({ el, text: pieces.join('') });
      this.parts.delete(el);
    }
    return out;
  }
}
