// What a frame's content script does before anything else, at document_start: hide the
// page (shield.css hides <body> while PENDING is set), arm a failsafe so a failure can
// never leave it hidden, and start the settings read. It runs in its own small script,
// content/early.js, listed before the content script proper in the manifest, so the read
// is on its way to the browser while the renderer compiles and runs the 137 KB bundle
// (9–12 ms from here to main.js's start on review-blog.html); the bundle (entry.js) takes
// what this started.
import { readStorage } from '../common/settings.js';
import { PREFILTER_ITEM } from '../common/prefilter-record.js';
import { PENDING } from './marks.js';

// The storage.local items a content script reads with the settings: the custom shields
// and the tracked books' prefilter keys (common/prefilter-record.js).
export const STORAGE_ITEMS = ['shields', PREFILTER_ITEM];

// For the first scan to start; main.js then watches its own progress. Why a timeout: a
// page hidden forever is worse than a spoiler (main.js records it). On a huge page the
// parser keeps the main thread busy for seconds, hence the margin.
const FAILSAFE_MS = 3000;

// Where begin.js leaves its work for entry.js: a property of the content scripts' own
// global object (their isolated world), which the page cannot see.
const HANDOFF = Symbol.for('spoiler-shield.begun');

// Hides the page and starts the settings read. → {start, failsafe, storage}, or null for
// a document that is not HTML (XML, SVG: nothing to shield).
export function begin() {
  const start = performance.now();
  const root = document.documentElement;
  if (!(root instanceof HTMLElement)) return null;
  root.setAttribute(PENDING, '');
  const failsafe = setTimeout(() => root.removeAttribute(PENDING), FAILSAFE_MS);
  const storage = readStorage(STORAGE_ITEMS);
  storage.catch(() => {});
  return { start, failsafe, storage };
}

// Runs begin() and leaves its result for entry.js (content/early.js's whole job).
export function beginAndHandOver() {
  globalThis[HANDOFF] = begin();
}

// What begin.js started in this frame, taken once (undefined when it did not run: then
// entry.js begins itself).
export function takeBegun() {
  const begun = globalThis[HANDOFF];
  delete globalThis[HANDOFF];
  return begun;
}
