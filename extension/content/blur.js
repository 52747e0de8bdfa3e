// The blur UI: writes a verdict onto a block, and lets the reader reveal and hide it again.
// DOM contract (tests and other tools rely on it):
//   data-spoiler-shield="blurred" | "revealed", data-spoiler-shield-book="<catalog id>"
// plus data-spoiler-shield-score / -phrases for the curious (the demo prints them). The
// look lives in shield.css; the only thing added to the page is our label element.
//
// The blur itself is also pinned on the block as an inline `filter: … !important`: in the
// cascade an inline !important declaration beats every author rule, !important ones too,
// so a page's `* { filter: none !important }` cannot unblur it, and it works inside shadow
// trees, where shield.css does not reach. The page's own inline filter is put back on
// reveal or clear.
import { LABEL_TAG } from './blocks.js';

const STATE = 'data-spoiler-shield';
const A11Y = ['role', 'tabindex', 'aria-label'];
const BLUR = 'blur(0.45em)'; // as in shield.css
// The attributes whose change may mean the page took our blur away (the guard observer).
export const GUARDED = [STATE, 'style'];

const verdicts = new WeakMap(); // block → the verdict it was blurred for
const saved = new WeakMap(); // block → the page's own role/tabindex/aria-label
const labels = new WeakMap(); // block → our label element
const marked = new Set(); // blocks that carry our state, for counts and "reveal all"
const want = new WeakMap(); // block → 'blurred' | 'revealed': the state we gave it
const pinned = new WeakMap(); // block → the page's own inline filter {value, priority, hadStyle}
const reprotects = new WeakMap(); // block → times its blur was put back
const givenUp = new WeakSet(); // blocks whose blur the page removed too often: left alone

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
  want.set(el, 'blurred');
  el.setAttribute(STATE, 'blurred');
  pin(el);
  el.setAttribute('role', 'button');
  el.setAttribute('tabindex', '0');
  el.setAttribute('aria-label', `Spoiler for ${title}, hidden. Press Enter to reveal.`);
  showLabel(el, 'blurred');
}

// Reveals a blurred block: the page's own accessibility attributes come back and the label
// turns into a "hide again" button.
export function reveal(el) {
  if (el.getAttribute(STATE) !== 'blurred') return;
  want.set(el, 'revealed');
  el.setAttribute(STATE, 'revealed');
  unpin(el);
  restoreA11y(el);
  showLabel(el, 'revealed');
}

// Whether `el` is blurred now (not revealed, not clean).
export function isBlurred(el) {
  return el.getAttribute(STATE) === 'blurred';
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
  want.delete(el);
  for (const suffix of ['', '-book', '-score', '-phrases']) el.removeAttribute(STATE + suffix);
  unpin(el);
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

// Pins the blur inline (see the top of this file), keeping the page's own inline filter.
function pin(el) {
  const style = el.style;
  if (!style) return; // an element without inline style (MathML in old engines)
  if (!pinned.has(el)) {
    pinned.set(el, { value: style.getPropertyValue('filter'), priority: style.getPropertyPriority('filter'), hadStyle: el.hasAttribute('style') });
  }
  if (style.getPropertyValue('filter') !== BLUR || style.getPropertyPriority('filter') !== 'important') {
    style.setProperty('filter', BLUR, 'important');
  }
}

// Takes the inline blur off and puts the page's own inline filter back.
function unpin(el) {
  const old = pinned.get(el);
  if (!old) return;
  pinned.delete(el);
  if (old.value) el.style.setProperty('filter', old.value, old.priority);
  else el.style.removeProperty('filter');
  if (!old.hadStyle && !el.getAttribute('style')) el.removeAttribute('style');
}

// Whether the page took the blur off a block we blurred: our state attribute or the inline
// filter is gone. Blocks given up on are not looked at again.
export function tampered(el) {
  if (want.get(el) !== 'blurred' || givenUp.has(el) || !marked.has(el)) return false;
  const style = el.style;
  return el.getAttribute(STATE) !== 'blurred'
    || (style && (style.getPropertyValue('filter') !== BLUR || style.getPropertyPriority('filter') !== 'important'));
}

// Blurs a tampered block again, at most `max` times in its life; returns false (and leaves
// the block alone from then on) once that is spent.
export function reprotect(el, max) {
  const n = (reprotects.get(el) ?? 0) + 1;
  if (n > max) {
    givenUp.add(el);
    return false;
  }
  reprotects.set(el, n);
  cover(el);
  return true;
}

// Our label left the document. When the page removed it while its block is still blurred,
// the block is protected again (the same budget as reprotect). Returns 'reprotected',
// 'gaveUp' or null (we removed or moved it ourselves).
export function labelRemoved(label, max) {
  const el = labelOwners.get(label);
  if (label.isConnected || !el || labels.get(el) !== label || !el.isConnected) return null;
  if (want.get(el) !== 'blurred' || givenUp.has(el) || !marked.has(el)) return null;
  return reprotect(el, max) ? 'reprotected' : 'gaveUp';
}

// Our stylesheet for an open shadow root (shield.css stops at the shadow boundary): the
// waiting blur and the label. The blurred blocks themselves carry their inline blur.
const SHADOW_CSS = `
[data-spoiler-shield-queued=""] { filter: ${BLUR} !important; }
[data-spoiler-shield-queued="burst"] { opacity: 0 !important; }
[data-spoiler-shield-held], [data-spoiler-shield-frontier], [data-spoiler-shield-frontier] ~ * {
  visibility: hidden !important; opacity: 0 !important; }
[data-spoiler-shield="blurred"] { filter: ${BLUR} !important; cursor: pointer !important; user-select: none !important; }
spoiler-shield-label { all: initial !important; position: absolute !important; z-index: 2147483646 !important;
  display: block !important; box-sizing: border-box !important; max-width: 28em !important;
  margin: 0.2em 0 0 0.2em !important; padding: 0.25em 0.6em !important; border-radius: 0.9em !important;
  background: #2b2233 !important; color: #fff !important; font: 600 13px/1.35 system-ui, sans-serif !important;
  pointer-events: none !important; visibility: visible !important; opacity: 1 !important; }
spoiler-shield-label[data-state="revealed"] { pointer-events: auto !important; cursor: pointer !important;
  transform: translateY(calc(-100% - 0.3em)) !important; background: #5b4b66 !important; font-size: 12px !important; }
`;
let shadowSheet = null;

// Adds our stylesheet to an open shadow root's adopted sheets, once.
export function styleShadowRoot(root) {
  try {
    if (!shadowSheet) {
      shadowSheet = new CSSStyleSheet();
      shadowSheet.replaceSync(SHADOW_CSS);
    }
    if (!root.adoptedStyleSheets.includes(shadowSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, shadowSheet];
  } catch {
    // No constructable stylesheets: the blocks' inline blur still holds.
  }
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
    // Only the reader reveals: a click or key the page's own script dispatches (a
    // "reveal everything" trick, an ad script) is not theirs.
    if (!event.isTrusted) return false;
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
