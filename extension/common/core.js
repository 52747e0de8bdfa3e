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

let ready = null;
let catalog = null;
const shieldTexts = new Map(); // catalog id → Promise<JSON text>

// Resolves to the core module's exports ({Engine, validateShield, draftShield}) once the
// Wasm module is compiled and instantiated; later calls share the first load.
export function loadCore() {
  ready ??= init({ module_or_path: chrome.runtime.getURL('core/spoiler_shield_bg.wasm') })
    .then(() => core)
    .catch((err) => {
      ready = null;
      throw err;
    });
  return ready;
}

// Resolves to the bundled books, [{id, title, author, year, parts}], in catalog order.
export function loadCatalog() {
  catalog ??= fetchText('core/catalog.json').then(JSON.parse).catch((err) => {
    catalog = null;
    throw err;
  });
  return catalog;
}

// Builds an Engine from a settings-level config (`engineConfig` in settings.js:
// {books: catalog ids, shields, sensitivity, progress}): the catalog books' shield files
// are fetched (once per context) and handed to the core as JSON text. An id the catalog
// no longer has (settings synced from another version) is skipped, with its progress,
// rather than stopping every other shield.
export async function createEngine(core, { books = [], progress = {}, ...rest }) {
  const known = new Set((await loadCatalog()).map((b) => b.id));
  const ids = books.filter((id) => known.has(id));
  const shieldJson = await Promise.all(ids.map(catalogShieldJson));
  const kept = new Set([...ids, ...(rest.shields ?? []).map((s) => s.id)]);
  const keptProgress = Object.fromEntries(Object.entries(progress).filter(([id]) => kept.has(id)));
  return new core.Engine({ ...rest, shieldJson, progress: keptProgress });
}

// The shield file of one catalog book, as JSON text.
export function catalogShieldJson(id) {
  if (!shieldTexts.has(id)) {
    const text = fetchText(`core/shields/${encodeURIComponent(id)}.json`);
    text.catch(() => shieldTexts.delete(id));
    shieldTexts.set(id, text);
  }
  return shieldTexts.get(id);
}

async function fetchText(path) {
  const response = await fetch(chrome.runtime.getURL(path));
  if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
  return response.text();
}
