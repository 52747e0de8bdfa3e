// The content script's entry point, run by the browser at document_start in every frame.
// `make build` bundles it with everything it imports into one classic script,
// content/content.js (a content script cannot be an ES module, and importing modules at
// run time cost a round trip to the browser per import level: 80–120 ms before the first
// scan could start). Its own jobs: hide the page before anything can paint (shield.css
// hides <body> while the attribute is set), arm a failsafe so a failure can never leave
// the page hidden, start the settings read, and hand over to main.js.
import { readStorage } from '../common/settings.js';
import { start, STORAGE_ITEMS } from './main.js';
import { PENDING } from './marks.js';

(() => {
  const FAILSAFE_MS = 3000; // for the first scan to start; main.js then watches its own progress
  const startedAt = performance.now();
  const root = document.documentElement;
  if (!(root instanceof HTMLElement)) return; // XML, SVG documents: nothing to shield

  root.setAttribute(PENDING, '');
  // Why a timeout: a page hidden forever is worse than a spoiler (main.js records it). On a
  // huge page the parser keeps the main thread busy for seconds, hence the margin.
  const failsafe = setTimeout(() => root.removeAttribute(PENDING), FAILSAFE_MS);

  const storage = readStorage(STORAGE_ITEMS);
  storage.catch(() => {});

  try {
    start({ start: startedAt, failsafe, storage });
  } catch (err) {
    clearTimeout(failsafe);
    root.removeAttribute(PENDING);
    root.setAttribute('data-spoiler-shield-stats', JSON.stringify({ error: String(err) }));
  }
})();
