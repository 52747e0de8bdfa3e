// The reader's settings in storage: where they live, how they are read and written, and
// how a change is heard. Every context (content script, service worker, popup, options)
// goes through here; the shape itself and the Engine config are settings-shape.js (pure
// logic), re-exported here so that callers have one module to import.
//
// Where each setting is stored (sync or local): settings-shape.js.
//
// Only the service worker writes them (commitChange): the popup and the options page hand
// it each change (settings-client.js), so a change survives the page closing at once.
import { applyChange, ChangeError } from './settings-changes.js';
import { settingsFrom, activeIds, brokenShields, storageError } from './settings-shape.js';

export {
  DEFAULTS, SENSITIVITIES, settingsFrom, cleanProgress, clampPercent, progressOf, storageError,
  brokenShields, activeIds, isPaused, isActive, engineConfig,
} from './settings-shape.js';

// Reads both storage areas at once; a missing key falls back to its default so callers
// never see a partial shape.
export async function loadSettings() {
  return settingsFrom(await readStorage());
}

// The raw read, which the content script starts first thing (content/entry.js):
// [sync items, local items]. Keep it in step with settingsFrom(). `local` names the
// storage.local items read: the custom shields, and for a content script the tracked
// books' prefilter keys too (common/prefilter-record.js), in the same round trip.
export function readStorage(local = ['shields']) {
  return Promise.all([chrome.storage.sync.get(null), chrome.storage.local.get(local)]);
}

// Read-modify-write of the settings by two writers at once (two pages' changes handled
// by the worker side by side, or an older page still writing itself) would let the later
// write drop the earlier change: each write holds this lock, which the browser shares
// between all of the extension's pages and its worker (one origin). Content scripts never
// write settings.
const SETTINGS_LOCK = 'spoiler-shield-settings';

function withSettingsLock(task) {
  // Every browser the manifest allows has Web Locks; without them, write unguarded.
  return globalThis.navigator?.locks ? navigator.locks.request(SETTINGS_LOCK, task) : task();
}

// Writes `change(settings)`, the stored settings changed, with a new rev. Returns {ok,
// settings} or {ok: false, error} with a sentence for the reader; a failed write (quota,
// write rate) leaves the stored settings exactly as they were. Call under the lock.
async function writeSettings(change) {
  const { settings } = await loadSettings();
  const next = { ...change(structuredClone(settings)), rev: settings.rev + 1 };
  try {
    await chrome.storage.sync.set(next);
    return { ok: true, settings: next };
  } catch (err) {
    return { ok: false, error: storageError(err, 'settings') };
  }
}

// Replaces the list of custom shields (local storage: a shield file may be up to 1 MiB)
// with `edit(list)`, the stored list changed (read under the lock, so another page's
// change in between is kept), then bumps the settings rev so open tabs rebuild their
// engine. The two writes go to two storage areas and either can fail on its quota; when
// the settings write fails, the old shield list is put back, so a failure leaves both
// areas as they were.
async function writeShields(edit, change) {
  const before = await chrome.storage.local.get('shields');
  const shields = edit(Array.isArray(before.shields) ? before.shields : []);
  try {
    await chrome.storage.local.set({ shields });
  } catch (err) {
    return { ok: false, error: storageError(err, 'custom shields') };
  }
  const result = await writeSettings(change);
  if (!result.ok) {
    await ('shields' in before
      ? chrome.storage.local.set({ shields: before.shields })
      : chrome.storage.local.remove('shields')).catch(() => {});
  }
  return result;
}

// Stores one change a page asked for (settings-changes.js), in the service worker: read,
// checked, applied and written under the settings lock, so two pages' changes both land.
// `known(change, shields)` resolves to what applyChange needs to know ({catalogIds,
// shields, validateShield}) and, optionally, `prepare(next)`, run with the changed
// settings ({settings, shields}) before they are written (the worker stores the tracked
// books' prefilter keys there, so that a tab hearing of the change finds them). `pending`
// names the change's record in storage.session (settings-client.js), removed once the
// change is handled; with `onlyIfPending`, a change whose record is gone by the time the
// lock is held was handled already and is skipped.
// Resolves to {ok, settings} or {ok: false, error}: a change that is malformed or does not
// fit in storage leaves everything stored as it was.
export function commitChange(change, known, { pending = null, onlyIfPending = false } = {}) {
  return withSettingsLock(async () => {
    if (onlyIfPending && !(pending in await chrome.storage.session.get(pending))) {
      return { ok: true, settings: (await loadSettings()).settings, skipped: true };
    }
    try {
      return await applyAndWrite(change, known);
    } finally {
      // Handled, stored or refused: a refused change would be refused again.
      if (pending) await chrome.storage.session.remove(pending).catch(() => {});
    }
  });
}

async function applyAndWrite(change, known) {
  const { settings, shields } = await loadSettings();
  const knows = await known(change, shields);
  let next;
  try {
    next = applyChange(settings, change, knows);
  } catch (err) {
    if (!(err instanceof ChangeError)) throw err;
    return { ok: false, error: `Could not save your settings: ${err.message}. Nothing was changed.` };
  }
  // A failed preparation costs speed, not settings: the change is stored all the same.
  if (knows.prepare) await knows.prepare({ settings: next.settings, shields: next.shields ?? shields }).catch(() => {});
  if (next.shields) return writeShields(() => next.shields, () => next.settings);
  return writeSettings(() => next.settings);
}

// A custom shield the core no longer accepts would make it refuse the whole config, and
// so stop every shield in every tab; such shields are switched off (kept, so the reader
// can export and fix them; the options page says which and why). Run after an update
// and when the options page opens. Resolves to the broken list.
// `commit(change)` stores the change: commitChange in the worker, requestChange in a page.
export async function switchOffBrokenShields(core, commit) {
  const { settings, shields } = await loadSettings();
  const broken = brokenShields(core, shields);
  const on = new Set(activeIds(settings));
  const ids = broken.map((b) => b.id).filter((id) => on.has(id));
  if (ids.length) await commit({ kind: 'switchOff', ids });
  return broken;
}

// Calls `listener()` when the settings change, in any context; this is how open tabs hear
// about changes without a reload. Every write bumps `rev` (saveShields too, after the
// shields), so one key is enough and one change is one call.
export function onSettingsChanged(listener) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && 'rev' in changes) listener();
  });
}
