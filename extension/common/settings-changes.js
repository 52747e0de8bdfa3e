// The settings changes the popup and the options page may ask for, as plain data: a page
// hands each change to the service worker (common/settings-client.js), which outlives the
// page, checks it here and stores it (commitChange in settings.js). A change is data, not
// a function, so that it can cross a message, and so that the worker decides what it
// means: a malformed change is refused and never touches what was saved.
//
//   {kind: 'track', id, on}            track a book (its shield on) or forget it (options)
//   {kind: 'off', id, off}             switch a tracked book's shield off or on (popup)
//   {kind: 'progress', id, percent}    how far the reader is in a book, 0–100 (popup)
//   {kind: 'pause', host, paused}      pause or resume the shield on a site (popup)
//   {kind: 'sensitivity', value}       'relaxed' | 'balanced' | 'strict' (options)
//   {kind: 'plotGuard', on}            blur the plot sections of pages about books the
//                                      reader does not shield, or not (options)
//   {kind: 'switchOff', ids}           switch off custom shields the core refuses (options)
//   {kind: 'addShield', shield}        store a custom shield and track it (options)
//   {kind: 'deleteShield', id}         delete a custom shield and forget it (options)
//
// Each change says the state it wants (on/off, paused or not), never "toggle": a click the
// page shows at once is the state stored, however many clicks are still in flight.
import { SENSITIVITIES, clampPercent } from './settings-shape.js';

// A change the worker refuses; its message is a sentence for the reader.
export class ChangeError extends Error {}

// Longest id and host name taken: catalog and custom ids are short slugs; a DNS name has
// at most 253 characters. Anything longer is not one.
const MAX_ID = 200;
const MAX_HOST = 253;

// Applies `change` to `settings` (a copy is changed, never the argument). `known` says what
// exists: {catalogIds: Set, shields: [stored custom shields], validateShield(shield) throws
// on a shield the core refuses}. Returns {settings, shields}: `shields` is the new custom
// shield list when the change edits it, else undefined. Throws ChangeError on a malformed
// change.
export function applyChange(settings, change, known) {
  if (!change || typeof change !== 'object' || Array.isArray(change)) throw new ChangeError('the change is not an object');
  const s = structuredClone(settings);
  switch (change.kind) {
    case 'track': {
      const id = knownId(change.id, known);
      const on = flag(change.on, 'on');
      s.tracked = s.tracked.filter((x) => x !== id);
      s.off = s.off.filter((x) => x !== id);
      if (on) s.tracked.push(id);
      return { settings: s };
    }
    case 'off': {
      const id = anId(change.id);
      const off = flag(change.off, 'off');
      s.off = s.off.filter((x) => x !== id);
      if (off) s.off.push(id);
      return { settings: s };
    }
    case 'progress': {
      const id = anId(change.id);
      const percent = typeof change.percent === 'number' ? clampPercent(change.percent) : null;
      if (percent === null) throw new ChangeError('the percent read is not a number');
      s.progress = { ...s.progress, [id]: percent };
      return { settings: s };
    }
    case 'pause': {
      const host = aHost(change.host);
      const paused = flag(change.paused, 'paused');
      s.paused = s.paused.filter((x) => x !== host);
      if (paused) s.paused.push(host);
      return { settings: s };
    }
    case 'sensitivity':
      if (!SENSITIVITIES.includes(change.value)) {
        throw new ChangeError(`the sensitivity must be one of ${SENSITIVITIES.join(', ')}`);
      }
      s.sensitivity = change.value;
      return { settings: s };
    case 'plotGuard':
      s.plotGuard = flag(change.on, 'on');
      return { settings: s };
    case 'switchOff': {
      if (!Array.isArray(change.ids)) throw new ChangeError('the shields to switch off are not a list');
      const ids = change.ids.map(anId).filter((id) => !s.off.includes(id));
      s.off = [...s.off, ...new Set(ids)];
      return { settings: s };
    }
    case 'addShield': {
      const shield = checkedShield(change.shield, known);
      const shields = [...known.shields.filter((x) => x.id !== shield.id), shield];
      s.tracked = [...s.tracked.filter((x) => x !== shield.id), shield.id];
      s.off = s.off.filter((x) => x !== shield.id);
      return { settings: s, shields };
    }
    case 'deleteShield': {
      const id = anId(change.id);
      s.tracked = s.tracked.filter((x) => x !== id);
      s.off = s.off.filter((x) => x !== id);
      return { settings: s, shields: known.shields.filter((x) => x.id !== id) };
    }
    default:
      throw new ChangeError(`"${String(change.kind).slice(0, 40)}" is not a settings change`);
  }
}

function anId(id) {
  if (typeof id !== 'string' || id === '' || id.length > MAX_ID) throw new ChangeError('the book id is not an id');
  return id;
}

// An id the core can be given: tracking an id it does not know would make it refuse the
// whole config, and so stop every shield.
function knownId(id, known) {
  anId(id);
  if (!known.catalogIds.has(id) && !known.shields.some((s) => s.id === id)) {
    throw new ChangeError(`there is no book "${id}" in the catalog or among your custom shields`);
  }
  return id;
}

function aHost(host) {
  if (typeof host !== 'string' || host === '' || host.length > MAX_HOST) throw new ChangeError('the site is not a host name');
  return host;
}

function flag(value, name) {
  if (typeof value !== 'boolean') throw new ChangeError(`"${name}" must be true or false`);
  return value;
}

// A custom shield the core accepts, whose id is not a bundled book's (a shield with the id
// of a custom one replaces it: the options page asks the reader first).
function checkedShield(shield, known) {
  if (!shield || typeof shield !== 'object' || Array.isArray(shield)) throw new ChangeError('the shield is not an object');
  anId(shield.id);
  if (known.catalogIds.has(shield.id)) throw new ChangeError(`id "${shield.id}" is already used by a bundled book`);
  try {
    known.validateShield(shield);
  } catch (err) {
    throw new ChangeError(`the shield is not valid: ${err?.message || err}`);
  }
  return shield;
}
