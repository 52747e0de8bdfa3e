// The content script's entry point, run by the browser at document_start in every frame,
// right after content/early.js. `make build` bundles it with everything it imports into one
// classic script, content/content.js (a content script cannot be an ES module, and
// importing modules at run time cost a round trip to the browser per import level: 80–120
// ms before the first scan could start). Its job: take what begin.js started (the page
// hidden, the failsafe, the settings read; begun here if begin.js did not run) and hand
// over to main.js.
import { begin, takeBegun } from './begin.js';
import { start } from './main.js';
import { PENDING } from './marks.js';

(() => {
  const handed = takeBegun();
  const begun = handed === undefined ? begin() : handed;
  if (!begun) return; // not an HTML document
  try {
    start({ ...begun, early: handed !== undefined });
  } catch (err) {
    clearTimeout(begun.failsafe);
    const root = document.documentElement;
    root.removeAttribute(PENDING);
    root.setAttribute('data-spoiler-shield-stats', JSON.stringify({ error: String(err) }));
  }
})();
