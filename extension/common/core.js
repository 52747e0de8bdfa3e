// Loads the Wasm core once per context, and the catalog's shields beside it. Extension
// pages and the service worker run under the manifest's extension_pages CSP
// ('wasm-unsafe-eval'); a content script runs under the page's CSP, so there the core
// may fail to load and the caller falls back to the worker.
//
// The module bundles no book (it would be a third bigger, and every frame would parse
// twelve shields to use one or two): the build ships core/catalog.json (the list of books)
// and core/shields/<id>.json (one file per book), and an Engine gets the files of the
// books the reader tracks.
import init, * as core from '../core/spoiler_shield.js';

// Extension path → Promise of its text, fetched once per context; a failed fetch is
// forgotten so that a later call tries again.
const files = new Map();

// A function that resolves to a Wasm module's exports once `init` (its wasm-bindgen glue)
// has compiled and instantiated `wasmPath`; later calls share the first load, and a failed
// load is forgotten so that a later call tries again.
export function moduleLoader(init, exports, wasmPath) {
  let ready = null;
  return () => {
    ready ??= init({ module_or_path: chrome.runtime.getURL(wasmPath) })
      .then(() => exports)
      .catch((err) => {
        ready = null;
        throw err;
      });
    return ready;
  };
}

// The scan module's exports ({Engine, validateShield}): what content scripts, the worker
// and the popup need. Drafting shields is in the authoring module (common/authoring.js).
export const loadCore = moduleLoader(init, core, 'core/spoiler_shield_bg.wasm');

// Resolves to the text of a file the extension ships (`core/english-words.tsv`, …).
export function extensionFile(path) {
  if (!files.has(path)) {
    const text = fetchText(path);
    text.catch(() => files.delete(path));
    files.set(path, text);
  }
  return files.get(path);
}

// Resolves to the bundled books, [{id, title, author, year, parts}], in catalog order.
export function loadCatalog() {
  return extensionFile('core/catalog.json').then(JSON.parse);
}

// Starts fetching the shield files of these catalog ids and resolves to [[id, text]] for
// those the extension ships. An id it does not ship (settings synced from another
// version) is left out rather than stopping every other shield. Call it early: a content
// script fetches while the Wasm module compiles.
export async function catalogShieldTexts(ids) {
  const texts = await Promise.all(ids.map((id) => catalogShieldJson(id).catch(() => null)));
  return ids.map((id, i) => [id, texts[i]]).filter(([, text]) => text !== null);
}

// Builds an Engine from a settings-level config (`engineConfig` in settings.js:
// {books: catalog ids, shields, sensitivity, progress}): the catalog books' shield files
// (fetched once per context; `texts` when already under way) are parsed by the browser's
// JSON.parse and go to the core as objects, before the reader's own shields. Progress of
// a book left out goes with it.
export async function createEngine(core, { books = [], progress = {}, shields = [], ...rest }, texts = catalogShieldTexts(books)) {
  const found = await texts;
  const catalog = found.map(([, text]) => JSON.parse(text));
  const kept = new Set([...found.map(([id]) => id), ...shields.map((s) => s.id)]);
  const keptProgress = Object.fromEntries(Object.entries(progress).filter(([id]) => kept.has(id)));
  return new core.Engine({ ...rest, shields: [...catalog, ...shields], progress: keptProgress });
}

// The shield file of one catalog book, as JSON text.
export function catalogShieldJson(id) {
  return extensionFile(`core/shields/${encodeURIComponent(id)}.json`);
}

async function fetchText(path) {
  const response = await fetch(chrome.runtime.getURL(path));
  if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
  return response.text();
}
