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
//
// Nothing hidden is reachable (README.md, "Keyboard and screen readers"):
// every element inside a blurred block is made inert (no focus, no click target, out of the
// accessibility tree, skipped by find-in-page in Chromium and Firefox), while the block
// itself stays one focusable button named after the book. `shelter`/`unshelter` do the
// same to whole subtrees that wait for their scan.
import { LABEL_TAG } from './blocks.js';

const STATE = 'data-spoiler-shield';
const A11Y = ['role', 'tabindex', 'aria-label'];
const BLUR = 'blur(0.45em)'; // as in shield.css
// The attributes whose change may mean the page took our blur away (the guard observer):
// our state, the inline blur, and the inertness of what is inside a blurred block.
export const GUARDED = [STATE, 'style', 'inert', 'aria-hidden'];
const HTML_NS = 'http://www.w3.org/1999/xhtml';

const verdicts = new WeakMap(); // block → the verdict it was blurred for
const saved = new WeakMap(); // block → the page's own role/tabindex/aria-label
const labels = new WeakMap(); // block → our label element
const marked = new Set(); // blocks that carry our state, for counts and "reveal all"
const want = new WeakMap(); // block → 'blurred' | 'revealed': the state we gave it
const pinned = new WeakMap(); // block → the page's own inline filter {value, priority, hadStyle}
const reprotects = new WeakMap(); // block → times its blur was put back
const givenUp = new WeakSet(); // blocks whose blur the page removed too often: left alone
const shelters = new WeakMap(); // element → {attr, value: the page's own, owners: Set}
const held = new WeakMap(); // block → the child elements it made unreachable
const focusedOnReveal = new WeakSet(); // revealed blocks given tabindex=-1 to take focus
const WAITING = 'waiting'; // the owner of shelters made for content waiting for its scan

// Makes `el` and everything in it unreachable while it waits for its scan: no focus, not a
// click target, not in the accessibility tree, not found by find-in-page where the browser
// skips inert content (Chromium 124+, Firefox 120+). Idempotent. Uses the `inert` attribute
// (`aria-hidden` on SVG or MathML, which have no `inert`); unshelter() puts back exactly
// what the page had.
export function shelter(el) {
  hold(el, WAITING);
}

// Undoes shelter(): the page's own inert/aria-hidden comes back (or none, if it had none).
// Content that a blurred block also keeps inert stays so until that block is revealed.
export function unshelter(el) {
  release(el, WAITING);
}

// `owner` (WAITING, or a blurred block) needs `el` unreachable. The page's own value of the
// attribute is saved the first time, and kept however many owners come and go.
function hold(el, owner) {
  let s = shelters.get(el);
  if (!s) {
    const attr = el.namespaceURI === HTML_NS ? 'inert' : 'aria-hidden';
    s = { attr, value: el.getAttribute(attr), owners: new Set() };
    shelters.set(el, s);
  }
  s.owners.add(owner);
  if (s.attr === 'inert' ? !el.hasAttribute('inert') : el.getAttribute(s.attr) !== 'true') {
    el.setAttribute(s.attr, s.attr === 'inert' ? '' : 'true');
  }
}

// `owner` no longer needs `el` unreachable; once no owner does, the page's own value is back.
function release(el, owner) {
  const s = shelters.get(el);
  if (!s || !s.owners.delete(owner) || s.owners.size) return;
  shelters.delete(el);
  if (s.value === null) el.removeAttribute(s.attr);
  else if (el.getAttribute(s.attr) !== s.value) el.setAttribute(s.attr, s.value);
}

// Whether `el` is an element a blurred block keeps unreachable and the page made it
// reachable again (removed its inert): the owning block, or null.
function tamperedShelter(el) {
  const s = shelters.get(el);
  if (!s) return null;
  const attrGone = s.attr === 'inert' ? !el.hasAttribute('inert') : el.getAttribute(s.attr) !== 'true';
  if (!attrGone) return null;
  for (const owner of s.owners) if (owner !== WAITING && want.get(owner) === 'blurred') return owner;
  return null;
}

// Makes every element child of a blurred block unreachable (inert applies to all their
// descendants). Text directly in the block cannot be made inert without moving the page's
// text nodes, which breaks pages whose scripts hold them (React and the like); the block's
// role=button with its own aria-label names it instead (see the README section).
function holdChildren(el) {
  let list = held.get(el);
  if (!list) held.set(el, (list = []));
  for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
    if (child.tagName === LABEL_TAG) continue;
    hold(child, el);
    if (!list.includes(child)) list.push(child);
  }
}

// Gives back what holdChildren() took, also from children the page moved away meanwhile.
function releaseChildren(el) {
  const list = held.get(el);
  if (!list) return;
  held.delete(el);
  for (const child of list) release(child, el);
}

// Blurs `el` for `verdict` ({book, title, score, phrases}, and `label` when the label is
// not the usual "Spoiler for …": the plot guard's); a block the reader revealed stays
// revealed, only its data changes.
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
  const verdict = verdicts.get(el);
  want.set(el, 'blurred');
  el.setAttribute(STATE, 'blurred');
  pin(el);
  el.setAttribute('role', 'button');
  el.setAttribute('tabindex', '0');
  // The same words as the label the reader sees (WCAG 2.5.3, label in name): a speech-input
  // user says what is on screen, and a screen reader announces the book, not the spoiler.
  el.setAttribute('aria-label', blurredLabel(verdict));
  holdChildren(el);
  // Focus inside a block that blurs now would be dropped to the page's start by inert;
  // it goes to the block, which says what happened.
  const active = el.ownerDocument.activeElement;
  if (active && active !== el && el.contains(active)) el.focus({ preventScroll: true });
  showLabel(el, 'blurred');
}

// Reveals a blurred block: the page's own accessibility attributes come back and the label
// turns into a "hide again" button.
export function reveal(el) {
  if (el.getAttribute(STATE) !== 'blurred') return;
  want.set(el, 'revealed');
  el.setAttribute(STATE, 'revealed');
  unpin(el);
  releaseChildren(el);
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
  releaseChildren(el);
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

// Clears every block, except those `keep(el)` says stay (the plot guard's).
export function clearAll(keep = null) {
  for (const el of [...marked]) if (!keep?.(el)) clear(el);
}

export function revealAll() {
  for (const el of marked) reveal(el);
}

/** Whether any block carries our state (blurred or revealed). */
export function anyMarked() {
  return marked.size > 0;
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
// filter is gone, or an element inside it is no longer inert (then `el` is that element).
// Blocks given up on are not looked at again.
export function tampered(el) {
  const owner = tamperedShelter(el);
  if (owner) return !givenUp.has(owner) && marked.has(owner);
  if (want.get(el) !== 'blurred' || givenUp.has(el) || !marked.has(el)) return false;
  const style = el.style;
  return el.getAttribute(STATE) !== 'blurred'
    || (style && (style.getPropertyValue('filter') !== BLUR || style.getPropertyPriority('filter') !== 'important'));
}

// Blurs a tampered block again, at most `max` times in its life; returns false (and leaves
// the block alone from then on) once that is spent.
export function reprotect(el, max) {
  el = tamperedShelter(el) ?? el; // an element inside a blurred block: its block
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
[data-spoiler-shield-queued=""] { filter: ${BLUR} !important; visibility: hidden !important; }
[data-spoiler-shield-queued="burst"] { opacity: 0 !important; visibility: hidden !important; }
[data-spoiler-shield-held], [data-spoiler-shield-frontier] {
  visibility: hidden !important; }
[data-spoiler-shield="blurred"] { filter: ${BLUR} !important; cursor: pointer !important; user-select: none !important; }
[data-spoiler-shield="blurred"]:focus-visible, [data-spoiler-shield="revealed"]:focus-visible { outline: 3px solid #b4005a !important; outline-offset: 2px !important; }
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

// Puts back the page's own role, tabindex and aria-label.
function restoreA11y(el) {
  focusedOnReveal.delete(el);
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
  const verdict = verdicts.get(el);
  const { title } = verdict;
  label.setAttribute('data-state', state);
  if (state === 'blurred') {
    label.textContent = blurredLabel(verdict);
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

// What a blurred block is called, on screen (its label) and for assistive technology.
function blurredLabel({ title, label }) {
  return label ?? `Spoiler for ${title} — click to reveal`;
}

// After a reveal by keyboard, focus goes to the revealed block itself: a screen reader then
// reads the paragraph the reader asked for, from its start, and Tab goes on to the first
// link in it (the first focusable element instead would skip the text before it, and there
// may be none). A block the page made no focus target gets tabindex=-1 until focus leaves
// it, so the page's markup is its own again once the reader moves on.
function focusRevealed(el) {
  if (!el.hasAttribute('tabindex')) {
    el.setAttribute('tabindex', '-1');
    focusedOnReveal.add(el);
    el.addEventListener('focusout', () => {
      if (focusedOnReveal.delete(el) && el.getAttribute('tabindex') === '-1') el.removeAttribute('tabindex');
    }, { once: true });
  }
  el.focus({ preventScroll: true });
}

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
      // The label stops being a control; focus goes back to the blurred block, so the
      // reader is where they were before the reveal (also after a click on the label,
      // which focused it).
      const hadFocus = event.type === 'keydown' || target.matches(':focus');
      hide(owner);
      if (hadFocus) owner.focus({ preventScroll: true });
      return true;
    }
    // Everything inside a blurred block is inert, so a click on a link in it targets the
    // block, and a key can only come from the block itself.
    const block = target.closest(`[${STATE}="blurred"]`);
    if (!block || !marked.has(block)) return false;
    if (event.type === 'keydown' && block !== target) return false;
    reveal(block);
    if (event.type === 'keydown') focusRevealed(block);
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
