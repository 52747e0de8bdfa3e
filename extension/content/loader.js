// Classic content script, run by the browser at document_start in every frame. Its only
// jobs: hide the page before anything can paint (shield.css hides <body> while the
// attribute is set), arm a failsafe so a failure can never leave the page hidden, and load
// the content script proper, which is an ES module (content scripts cannot be modules).
(() => {
  const FAILSAFE_MS = 3000; // for the module to arrive; main.js then watches its own progress
  // Every module main.js imports, directly or not (check with `grep -n ^import`).
  const PRELOAD = [
    'content/blocks.js', 'content/blur.js', 'content/scanner.js', 'content/stats.js',
    'common/settings.js', 'common/core.js', 'core/spoiler_shield.js',
  ];
  const start = performance.now();
  const root = document.documentElement;
  if (!(root instanceof HTMLElement)) return; // XML, SVG documents: nothing to shield

  root.setAttribute('data-spoiler-shield-pending', '');
  // Why a timeout: a page hidden forever is worse than a spoiler (main.js records it). On a
  // huge page the parser keeps the main thread busy and modules arrive late (~1 s for 2 MB),
  // hence the margin.
  const failsafe = setTimeout(() => root.removeAttribute('data-spoiler-shield-pending'), FAILSAFE_MS);

  // The settings read starts now, beside the module import, not after it: both are
  // round trips to the browser and they would otherwise add up. (The same read as
  // common/settings.js readStorage(), which this classic script cannot import in time.)
  const storage = Promise.all([chrome.storage.sync.get(null), chrome.storage.local.get('shields')]);
  storage.catch(() => {});

  // The browser finds a module's imports only once it has fetched and parsed it, and each
  // fetch of an extension file is a round trip: main.js → scanner.js → core.js → the
  // glue was four in a row. Asking for every module at once fetches them side by side;
  // main.js then finds them loaded. (Importing them runs nothing: they only export.)
  for (const path of PRELOAD) import(chrome.runtime.getURL(path)).catch(() => {});

  import(chrome.runtime.getURL('content/main.js'))
    .then((main) => main.start({ start, failsafe, storage }))
    .catch((err) => {
      clearTimeout(failsafe);
      root.removeAttribute('data-spoiler-shield-pending');
      root.setAttribute('data-spoiler-shield-stats', JSON.stringify({ error: String(err) }));
    });
})();
