// Keeps the settings snapshot (common/snapshot.js) registered as a content script that
// says what the stored settings say, so that a frame knows what to hide before its first
// paint without waiting for a storage read. Registered before a settings change made in
// the popup or the options page is stored (the prepare step of commitChange), and again
// whenever the settings change by any other way and when the worker starts.
import { loadCatalog } from '../common/core.js';
import { loadSettings } from '../common/settings.js';
import {
  SNAPSHOT_SCRIPT_ID, snapshotOf, snapshotRegistration, sameRegistration,
} from '../common/snapshot.js';

// The sync settings a snapshot is made of: a change to any other (progress, rev) leaves it.
export const SNAPSHOT_SETTINGS = ['tracked', 'off', 'sensitivity', 'plotGuard', 'paused'];

/**
 * Registers the snapshot of `settings` and `shields` (as settings.js reads them), in place
 * of the one registered, or unregisters it when the settings have none. One at a time, in
 * the order asked, so that an older snapshot never replaces a newer one. Resolves once the
 * browser has it; rejects when it refused (then frames read their settings before they
 * paint, as without a snapshot, since their snapshot, if any, is checked against them).
 */
let last = Promise.resolve();
export function registerSnapshot(settings, shields) {
  const run = last.then(async () => {
    // A browser without the API, or one that does not grant the extension scripting, has
    // no snapshots; nothing is lost but the wait.
    if (!chrome.scripting?.registerContentScripts) return;
    const catalogIds = (await loadCatalog()).map((book) => book.id);
    const snapshot = snapshotOf(settings, shields, catalogIds);
    const wanted = snapshot && snapshotRegistration(snapshot, settings.paused);
    const [registered] = await chrome.scripting.getRegisteredContentScripts({ ids: [SNAPSHOT_SCRIPT_ID] });
    if (sameRegistration(registered, wanted)) return;
    // Unregistered and registered again, not updated: an update keeps the exclusions it is
    // not given. A frame that starts in between reads its settings before it paints.
    if (registered) await chrome.scripting.unregisterContentScripts({ ids: [SNAPSHOT_SCRIPT_ID] });
    if (wanted) await chrome.scripting.registerContentScripts([wanted]);
  });
  last = run.catch(() => {});
  return run;
}

/** Registers the snapshot of the stored settings (registerSnapshot()). */
export function refreshSnapshot() {
  return loadSettings().then(({ settings, shields }) => registerSnapshot(settings, shields));
}
