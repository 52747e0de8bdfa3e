// The settings snapshot: what a frame must know of the reader's settings before the
// browser first paints it, delivered as content scripts, so that the page need not wait
// for a storage read. A content script cannot read storage synchronously, and a page the
// reader shields must not paint before the script knows what to hide; without a snapshot
// the page is hidden until the read answers (12–16 ms after document_start on a quiet
// machine, more on a busy one).
//
// The browser runs the content scripts an extension registers (chrome.scripting) right after
// the manifest's, at document_start, before the parser writes anything. Their files must be
// in the package, so the snapshot is a list of packaged files, one per fact, which the
// service worker registers whenever the settings change (background/snapshot-script.js):
//   content/snapshot/on/<id>.js       a catalog book tracked with its shield on, with its
//                                     prefilter keys (prefilter-record.js, this book alone)
//   content/snapshot/tracked/<id>.js  a catalog book tracked with its shield switched off
//   content/snapshot/end-<sensitivity>-<guard|noguard>.js
//                                     the sensitivity and the plot guard; hands it all over
// `make build` writes them (scripts/build-extension.mjs). Reading progress is not in the
// snapshot: it lowers what the core blurs and never what the prefilter must hide, and the
// core is opened only after the storage read. Paused sites are the registration's
// `excludeMatches`. A reader with a shield of their own has none (its keys and title are
// no packaged file): their frames read the settings before they paint, as before.
//
// The storage read still follows, and it decides: a snapshot that does not match the
// settings it reads (a registration that lagged behind a change) is dropped and the page is
// read again from the start (content/main.js). Pure logic: the worker registers, the
// content script receives (content/snapshot-receiver.js).
import { SENSITIVITIES, activeIds } from './settings-shape.js';

/** The id of the one registered content script that carries the snapshot. */
export const SNAPSHOT_SCRIPT_ID = 'settings-snapshot';

/**
 * Where the snapshot's files hand their part to the content script: a property of the
 * content scripts' own global object (their isolated world, which the page cannot see).
 */
export const SNAPSHOT_HANDOFF = 'Symbol.for(\'spoiler-shield.snapshot\')';

const DIR = 'content/snapshot';

/** The file that says book `id` is tracked with its shield on (and carries its keys). */
export const onFile = (id) => `${DIR}/on/${id}.js`;
/** The file that says book `id` is tracked with its shield switched off. */
export const trackedFile = (id) => `${DIR}/tracked/${id}.js`;
/** The file that says the sensitivity and whether the plot guard is on, and ends the snapshot. */
export const endFile = ({ sensitivity, plotGuard }) => `${DIR}/end-${sensitivity}-${plotGuard ? 'guard' : 'noguard'}.js`;

/** Every end file the build writes: one per sensitivity and plot guard setting. */
export function endFiles() {
  return SENSITIVITIES.flatMap((sensitivity) => [true, false].map((plotGuard) => ({ file: endFile({ sensitivity, plotGuard }), sensitivity, plotGuard })));
}

/**
 * The snapshot of the settings ({settings, shields} as settings-shape.js reads them):
 * {on, off, sensitivity, plotGuard}, the ids sorted; or null when the settings hold what
 * no packaged file can say: a custom shield stored (the plot guard knows every stored
 * shield's title), or a tracked id the catalog (`catalogIds`) does not have.
 */
export function snapshotOf(settings, shields, catalogIds) {
  if (shields.length) return null;
  const catalog = new Set(catalogIds);
  const tracked = [...new Set(settings.tracked)];
  if (!tracked.every((id) => catalog.has(id))) return null;
  const on = new Set(activeIds(settings));
  return {
    on: tracked.filter((id) => on.has(id)).sort(),
    off: tracked.filter((id) => !on.has(id)).sort(),
    sensitivity: SENSITIVITIES.includes(settings.sensitivity) ? settings.sensitivity : 'balanced',
    plotGuard: settings.plotGuard !== false,
  };
}

/** Whether two snapshots (snapshotOf()) say the same; null says nothing. */
export function sameSnapshot(a, b) {
  return Boolean(a && b) && a.sensitivity === b.sensitivity && a.plotGuard === b.plotGuard
    && sameList(a.on, b.on) && sameList(a.off, b.off);
}

const sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

// A host name a match pattern can name: letters, digits, dots and hyphens (an IDN host is
// stored as the punycode the browser's location gives).
const PATTERN_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/i;

/**
 * The registration (chrome.scripting.RegisteredContentScript) that delivers `snapshot` to
 * every frame but those of the `paused` hosts; null when a paused host cannot be written as
 * a match pattern (then no frame gets a snapshot: a paused page must never be shielded,
 * not even until its settings are read).
 */
export function snapshotRegistration(snapshot, paused = []) {
  if (!paused.every((host) => PATTERN_HOST.test(host))) return null;
  const registration = {
    id: SNAPSHOT_SCRIPT_ID,
    js: [...snapshot.on.map(onFile), ...snapshot.off.map(trackedFile), endFile(snapshot)],
    matches: ['<all_urls>'],
    runAt: 'document_start',
    allFrames: true,
    persistAcrossSessions: true,
  };
  const hosts = [...new Set(paused.map((host) => host.toLowerCase()))].sort();
  if (hosts.length) registration.excludeMatches = hosts.map((host) => `*://${host}/*`);
  return registration;
}

/** Whether a registered script (as chrome.scripting lists it) is `wanted` already. */
export function sameRegistration(registered, wanted) {
  return Boolean(registered && wanted) && sameList(registered.js ?? [], wanted.js)
    && sameList(registered.excludeMatches ?? [], wanted.excludeMatches ?? []);
}

/**
 * The text of the files the build writes (scripts/build-extension.mjs): `on` and `tracked`
 * call the receiver's method of that name with the id (and the book's prefilter record as
 * text), `end` calls `end` with the options. A frame whose content script did not install
 * the receiver (it failed) ignores them.
 */
export function snapshotScript(method, ...args) {
  return `globalThis[${SNAPSHOT_HANDOFF}]?.${method}(${args.map((a) => JSON.stringify(a)).join(', ')});\n`;
}
