// The blur UI: writes a verdict onto a block, and lets the reader reveal and hide it again.
// DOM contract (tests and other tools rely on it):
//   data-spoiler-shield="blurred" | "revealed", data-spoiler-shield-book="<catalog id>"
// plus data-spoiler-shield-score / -phrases for the curious (the demo prints them). The
// look lives in shield.css; the only thing added to the page is our label element.
import { LABEL_TAG } from './blocks.js';

const STATE = 'data-spoiler-shield';
const A11Y = ['role', 'tabindex', 'aria-label'];

const verdicts = new WeakMap(); // block → the verdict it was blurred for
const saved = new WeakMap(); // block → the page's own role/tabindex/aria-label
const labels = new WeakMap(); // block → our label element
const marked = new Set(); // blocks that carry our state, for counts and "reveal all"

// Blurs `el` for `verdict` ({book, title, score, phrases}); a block the reader revealed
// stays revealed, only its data changes.
export function blur(el, verdict) {
  verdicts.set(el, verdict);
  el.setAttribute(`${STATE}-book`, verdict.book);
  el.setAttribute(`${STATE}-score`, String(Math.round(verdict.score * 100) / 100));
  el.setAttribute(`${STATE}-phrases`, verdict.phrases.join(', '));
  if (el.getAttribute(STATE) === 'revealed') {
    showLabel(el, 'revealed');
    return;
  }
  cover(el);
}

// Puts the blur on (again): state, keyboard access, and the label.
function cover(el) {
  if (!marked.has(el)) {
    saved.set(el, A11Y.map((a) => el.getAttribute(a)));
    marked.add(el);
  }
  const { title } = verdicts.get(el);
  el.setAttribute(STATE, 'blurred');
  el.setAttribute('role', 'button');
  el.setAttribute('tabindex', '0');
  el.setAttribute('aria-label', `Spoiler for ${title}, hidden. Press Enter to reveal.`);
  showLabel(el, 'blurred');
}

// Reveals a blurred block: the page's own accessibility attributes come back and the label
// turns into a "hide again" button.
export function reveal(el) {
  if (el.getAttribute(STATE) !== 'blurred') return;
  el.setAttribute(STATE, 'revealed');
  restoreA11y(el);
  showLabel(el, 'revealed');
}

// Hides a revealed block again (the reader pressed its label).
export function hide(el) {
  if (el.getAttribute(STATE) === 'revealed') cover(el);
}

// Removes every trace of the shield from a block (its verdict became clean, its shield was
// switched off, the site was paused).
export function clear(el) {
  if (!marked.has(el)) return;
  marked.delete(el);
  verdicts.delete(el);
  for (const suffix of ['', '-book', '-score', '-phrases']) el.removeAttribute(STATE + suffix);
  restoreA11y(el);
  labels.get(el)?.remove();
  labels.delete(el);
}

// Whether a removed element is, or holds, a block with our state (a cheap test first: most
// removals happen on pages with nothing blurred).
export function holdsMarked(node) {
  if (!marked.size) return false;
  return marked.has(node) || (node.firstElementChild !== null && node.querySelector(`[${STATE}]`) !== null);
}

// The blocks with our state in and under `node`.
export function markedWithin(node) {
  const inside = [...node.querySelectorAll(`[${STATE}]`)].filter((el) => marked.has(el));
  return marked.has(node) ? [node, ...inside] : inside;
}

// Puts a moved block's label back just before it.
export function relabel(el) {
  const label = labels.get(el);
  if (label && label.nextSibling !== el) el.parentNode?.insertBefore(label, el);
}

export function clearAll() {
  for (const el of [...marked]) clear(el);
}

export function revealAll() {
  for (const el of marked) reveal(el);
}

// The number of blocks currently blurred (not revealed), for the badge and the popup.
export function blurredCount() {
  let n = 0;
  for (const el of marked) if (el.getAttribute(STATE) === 'blurred') n++;
  return n;
}

function restoreA11y(el) {
  const old = saved.get(el);
  if (!old) return;
  A11Y.forEach((a, i) => (old[i] === null ? el.removeAttribute(a) : el.setAttribute(a, old[i])));
}

// Creates or updates the label just before the block. Blurred: a notice that lets clicks
// through to the block. Revealed: a focusable button that hides the block again.
function showLabel(el, state) {
  let label = labels.get(el);
  if (!label) {
    label = document.createElement(LABEL_TAG.toLowerCase());
    labels.set(el, label);
  }
  if (label.nextSibling !== el && el.parentNode) el.parentNode.insertBefore(label, el);
  const { title } = verdicts.get(el);
  label.setAttribute('data-state', state);
  if (state === 'blurred') {
    label.textContent = `Spoiler: ${title} — click to reveal`;
    label.setAttribute('aria-hidden', 'true');
    label.removeAttribute('role');
    label.removeAttribute('tabindex');
    label.removeAttribute('aria-label');
  } else {
    label.textContent = 'Hide spoiler';
    label.removeAttribute('aria-hidden');
    label.setAttribute('role', 'button');
    label.setAttribute('tabindex', '0');
    label.setAttribute('aria-label', `Hide the spoiler for ${title} again`);
  }
  labelOwners.set(label, el);
}

const labelOwners = new WeakMap(); // label → its block

// One set of listeners for the whole document (event delegation, capture phase so a link
// inside a blurred block does not navigate): click, Enter or Space reveals; on a revealed
// block's label they hide it again.
// `onToggle` runs after each reveal or hide (the badge count changed).
export function installRevealHandlers(doc, onToggle) {
  const act = (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return false;
    const owner = labelOwners.get(target);
    if (owner && target.getAttribute('data-state') === 'revealed') {
      hide(owner);
      if (event.type === 'keydown') owner.focus();
      return true;
    }
    const block = target.closest(`[${STATE}="blurred"]`);
    if (!block || !marked.has(block)) return false;
    if (event.type === 'keydown' && block !== target) return false;
    reveal(block);
    if (event.type === 'keydown') labels.get(block)?.focus();
    return true;
  };
  const stop = (event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  doc.addEventListener('click', (e) => {
    if (!act(e)) return;
    stop(e);
    onToggle();
  }, true);
  doc.addEventListener('keydown', (e) => {
    if ((e.key !== 'Enter' && e.key !== ' ') || e.repeat || !act(e)) return;
    stop(e);
    onToggle();
  }, true);
}
