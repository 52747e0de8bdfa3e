// The reader's settings: their one shape, where they live, and how they become an Engine
// config. Every context (content script, service worker, popup, options) goes through here
// so that the shape is defined once.
//
// chrome.storage.sync (small, follows the reader between browsers):
//   tracked:     catalog or custom ids the reader tracks, in the order they were added
//   off:         tracked ids whose shield is switched off for now (popup switch)
//   sensitivity: 'relaxed' | 'balanced' | 'strict'
//   paused:      host names where the shield is paused
//   progress:    {id: percent read, 0–100; 100 = finished}; settings from before it
//                existed have none, which reads as "not started" for every book
//   rev:         bumped on every write, so a scan session can tell stale settings apart
// chrome.storage.local (large): shields: [custom shield objects, SHIELDS.md schema]
//
// Only the service worker writes them (commitChange): the popup and the options page hand
// it each change (settings-client.js), so a change survives the page closing at once.
import { applyChange, ChangeError } from './settings-changes.js';

export const DEFAULTS = Object.freeze({
  tracked: [],
  off: [],
  sensitivity: 'balanced',
  paused: [],
  progress: {},
  rev: 0,
});

export const SENSITIVITIES = ['relaxed', 'balanced', 'strict'];

// Reads both storage areas at once; a missing key falls back to its default so callers
// never see a partial shape.
export async function loadSettings() {
  return settingsFrom(await readStorage());
}

// The raw read, which the content script starts first thing (content/entry.js):
// [sync items, local items]. Keep it in step with settingsFrom().
export function readStorage() {
  return Promise.all([chrome.storage.sync.get(null), chrome.storage.local.get('shields')]);
}

// The settings shape from a raw read. Stored values come from older versions, other
// devices (sync) or hand edits, so anything of the wrong type reads as its default.
export function settingsFrom([sync, local]) {
  const settings = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS)) if (key in sync) settings[key] = sync[key];
  for (const key of ['tracked', 'off', 'paused']) {
    settings[key] = Array.isArray(settings[key]) ? settings[key].filter((x) => typeof x === 'string') : [];
  }
  if (!Number.isInteger(settings.rev)) settings.rev = 0;
  settings.progress = cleanProgress(settings.progress);
  const shields = Array.isArray(local.shields)
    ? local.shields.filter((s) => s && typeof s === 'object' && typeof s.id === 'string')
    : [];
  return { settings, shields };
}

// The progress map with only usable entries: a number, clamped to 0–100. Stored values
// come from older versions, other devices (sync) or the test hook, and the core rejects
// the whole config for one value out of range, which would stop every shield.
export function cleanProgress(progress) {
  const clean = {};
  if (!progress || typeof progress !== 'object' || Array.isArray(progress)) return clean;
  for (const [id, value] of Object.entries(progress)) {
    const pct = clampPercent(value);
    if (pct !== null) clean[id] = pct;
  }
  return clean;
}

// A percent read as a number in 0–100, or null when it is not a number at all.
export function clampPercent(value) {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  return Math.min(100, Math.max(0, n));
}

// How far the reader is in book `id`: 0 (not started) when they never said.
export function progressOf(settings, id) {
  return settings.progress[id] ?? 0;
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
// shields, validateShield}). `pending` names the change's record in storage.session
// (settings-client.js), removed once the change is handled; with `onlyIfPending`, a change
// whose record is gone by the time the lock is held was handled already and is skipped.
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
  let next;
  try {
    next = applyChange(settings, change, await known(change, shields));
  } catch (err) {
    if (!(err instanceof ChangeError)) throw err;
    return { ok: false, error: `Could not save your settings: ${err.message}. Nothing was changed.` };
  }
  if (next.shields) return writeShields(() => next.shields, () => next.settings);
  return writeSettings(() => next.settings);
}

// Turns a storage exception into a sentence that says what happened, that nothing was
// lost, and what the reader can do, because "QUOTA_BYTES_PER_ITEM quota exceeded" alone
// tells them none of it. Chrome's messages name the quota that was hit:
//   MAX_WRITE_OPERATIONS_PER_MINUTE / _PER_HOUR (sync: 120 a minute, 1,800 an hour),
//   QUOTA_BYTES_PER_ITEM (sync: 8 KB for one setting), QUOTA_BYTES (sync: 100 KB in all;
//   local: 10 MiB, as the extension has no unlimitedStorage). Chromium 156 words the
//   byte quotas "Resource::kQuotaBytes[PerItem] quota exceeded".
export function storageError(err, what) {
  const message = String(err?.message || err);
  const unchanged = 'Nothing was changed';
  if (/MAX_WRITE_OPERATIONS/i.test(message)) {
    return `Could not save your ${what}: the browser limits how often an extension may save ` +
      `synced settings, and that limit was reached (${message}). ${unchanged}; wait a minute and try again.`;
  }
  if (/QUOTA_BYTES_PER_ITEM|QuotaBytesPerItem/i.test(message)) {
    return `Could not save your ${what}: one of them is larger than the browser lets an extension ` +
      `sync (8 KB per setting; ${message}). ${unchanged}; unpause some sites or untrack some books and try again.`;
  }
  if (/quota/i.test(message)) {
    return `Could not save your ${what}: the browser's storage for this extension is full ` +
      `(${message}). ${unchanged}; remove a custom shield or a tracked book and try again.`;
  }
  return `Could not save your ${what}: ${message}. ${unchanged}.`;
}

// The stored custom shields the core no longer accepts, as [{id, title, error}]: written
// by an older version with laxer limits, or edited by hand. `core` is the loaded core.
export function brokenShields(core, shields) {
  const broken = [];
  for (const shield of shields) {
    try {
      core.validateShield(JSON.stringify(shield));
    } catch (err) {
      broken.push({ id: shield.id, title: String(shield.title ?? shield.id), error: String(err?.message || err) });
    }
  }
  return broken;
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

// The ids whose shields are on: tracked and not switched off.
export function activeIds(settings) {
  const off = new Set(settings.off);
  return settings.tracked.filter((id) => !off.has(id));
}

// Whether the reader paused the shield on this host name.
export function isPaused(settings, host) {
  return settings.paused.includes(host);
}

// Whether a page on `host` has anything to scan at all; when not, the content script stays
// idle and never loads the core.
export function isActive(settings, host) {
  return activeIds(settings).length > 0 && !isPaused(settings, host);
}

// The engine config for these settings (core.js's createEngine turns it into the core's
// Engine config, docs/WASM_API.md): catalog ids go to `books`,
// custom shields that are on go to `shields` whole, and the reading progress of those
// same books (only theirs: the core rejects progress for a book it was not given).
export function engineConfig(settings, shields) {
  const on = new Set(activeIds(settings));
  const customIds = new Set(shields.map((s) => s.id));
  const books = [...on].filter((id) => !customIds.has(id));
  const custom = shields.filter((s) => on.has(s.id));
  const given = new Set([...books, ...custom.map((s) => s.id)]);
  const progress = {};
  for (const [id, pct] of Object.entries(cleanProgress(settings.progress))) {
    if (given.has(id) && pct > 0) progress[id] = pct;
  }
  return {
    books,
    shields: custom,
    sensitivity: SENSITIVITIES.includes(settings.sensitivity) ? settings.sensitivity : 'balanced',
    progress,
  };
}

// Calls `listener()` when the settings change, in any context; this is how open tabs hear
// about changes without a reload. Every write bumps `rev` (saveShields too, after the
// shields), so one key is enough and one change is one call.
export function onSettingsChanged(listener) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && 'rev' in changes) listener();
  });
}
