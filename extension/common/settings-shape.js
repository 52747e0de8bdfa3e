// The reader's settings as data: their one shape, how a raw storage read becomes it, and
// how it becomes an Engine config. Pure logic, no chrome.* call: the storage side is
// settings.js (which re-exports all of this), and tests/unit/ runs this in Node.
//
// chrome.storage.sync (small, follows the reader between browsers):
//   tracked:     catalog or custom ids the reader tracks, in the order they were added
//   off:         tracked ids whose shield is switched off for now (popup switch)
//   sensitivity: 'relaxed' | 'balanced' | 'strict'
//   paused:      host names where the shield is paused
//   progress:    {id: percent read, 0–100; 100 = finished}; settings from before it
//                existed have none, which reads as "not started" for every book
//   plotGuard:   whether the plot sections of pages about books the reader does not
//                shield are blurred (content/plot-guard.js); settings from before it
//                existed have none, which reads as on
//   rev:         bumped on every write, so a scan session can tell stale settings apart
// chrome.storage.local (large): shields: [custom shield objects, SHIELDS.md schema]
//                               prefilter: the tracked books' prefilter keys, written by the
//                               worker (prefilter-record.js); not a setting, never synced
import { PREFILTER_ITEM } from './prefilter-record.js';

export const DEFAULTS = Object.freeze({
  tracked: [],
  off: [],
  sensitivity: 'balanced',
  paused: [],
  progress: {},
  plotGuard: true,
  rev: 0,
});

export const SENSITIVITIES = ['relaxed', 'balanced', 'strict'];

// The settings shape from a raw read (settings.js readStorage): {settings, shields,
// prefilter}, `prefilter` being the stored prefilter record if it was read (checked where
// it is used: common/prefilter-record.js), else null. Stored values come from older
// versions, other devices (sync) or hand edits, so anything of the wrong type reads as its
// default.
export function settingsFrom([sync, local]) {
  const settings = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS)) if (key in sync) settings[key] = sync[key];
  for (const key of ['tracked', 'off', 'paused']) {
    settings[key] = Array.isArray(settings[key]) ? settings[key].filter((x) => typeof x === 'string') : [];
  }
  if (!Number.isInteger(settings.rev)) settings.rev = 0;
  if (typeof settings.plotGuard !== 'boolean') settings.plotGuard = DEFAULTS.plotGuard;
  settings.progress = cleanProgress(settings.progress);
  const shields = Array.isArray(local.shields)
    ? local.shields.filter((s) => s && typeof s === 'object' && typeof s.id === 'string')
    : [];
  return { settings, shields, prefilter: local[PREFILTER_ITEM] ?? null };
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
      core.validateShield(shield);
    } catch (err) {
      broken.push({ id: shield.id, title: String(shield.title ?? shield.id), error: String(err?.message || err) });
    }
  }
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

// Whether a page on `host` has anything to do at all: a shield on, or the plot guard
// (which needs the walk, never the core); when not, the content script stays idle.
export function isActive(settings, host) {
  return (activeIds(settings).length > 0 || settings.plotGuard) && !isPaused(settings, host);
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
