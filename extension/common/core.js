// Loads the Wasm core once per context. Extension pages and the service worker run under
// the manifest's extension_pages CSP ('wasm-unsafe-eval'); a content script runs under the
// page's CSP, so there this promise may reject and the caller falls back to the worker.
import init, * as core from '../core/spoiler_shield.js';

let ready = null;

// Resolves to the core module's exports ({Engine, catalog, validateShield}) once the Wasm
// module is compiled and instantiated; later calls share the first load.
export function loadCore() {
  ready ??= init({ module_or_path: chrome.runtime.getURL('core/spoiler_shield_bg.wasm') })
    .then(() => core)
    .catch((err) => {
      ready = null;
      throw err;
    });
  return ready;
}
