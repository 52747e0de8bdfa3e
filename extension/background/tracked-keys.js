// Keeps the prefilter record in storage.local (common/prefilter-record.js) in step with
// the books the reader tracks. It is written before a settings change that tracks a new
// book is stored (so a tab that hears of the change finds the book's keys), and again
// whenever the tracked books change by any other way (settings synced from another device,
// an update of the extension that changed the keys).
import { extensionFile } from '../common/core.js';
import { PREFILTER_ITEM, keysRecord, sameRecord } from '../common/prefilter-record.js';

// Resolves to {catalog, build}: every catalog book's keys and the build that made them.
async function catalogKeys() {
  const [catalog, build] = await Promise.all([
    extensionFile('core/prefilter.json').then(JSON.parse),
    extensionFile('core/prefilter-build.json').then((text) => JSON.parse(text).build),
  ]);
  return { catalog, build };
}

// Writes the record for `tracked` (the settings' tracked ids) unless storage already
// holds it. Writes one at a time, in the order asked, so that an older list never
// overwrites a newer one.
let last = Promise.resolve();
export function storeTrackedKeys(tracked) {
  const run = last.then(async () => {
    const { catalog, build } = await catalogKeys();
    const record = keysRecord(catalog, build, tracked);
    const { [PREFILTER_ITEM]: stored } = await chrome.storage.local.get(PREFILTER_ITEM);
    if (!sameRecord(stored, record)) await chrome.storage.local.set({ [PREFILTER_ITEM]: record });
  });
  // A failed write leaves tabs to judge every block in the core; the next change retries.
  last = run.catch(() => {});
  return run;
}
