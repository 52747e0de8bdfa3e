// How the popup and the options page change settings: they hand each change
// (settings-changes.js) to the service worker, which stores it and answers once it is
// stored. A popup closes the moment the reader clicks the page behind it, and an options
// tab can be closed right after a click; a write the page did itself (read, change, write
// under a lock) died with the page when that came before the write reached storage.
//
// Two hand-overs leave in the click's own task, before any await:
// - a message (CHANGE_MESSAGE), which a running worker takes at once and answers;
// - the same change as a pending record in storage.session (PENDING_PREFIX + a random
//   id). Chromium drops a message whose sender closed before a stopped worker was
//   started for it (measured: 4 of 4 such clicks lost), but a storage write the page
//   issued is carried out, and its storage.onChanged event wakes the worker, which also
//   reads every pending record when it starts (background/settings-inbox.js).
// The worker stores each id once and removes its record. storage.session is open to the
// extension's pages and worker only, never to content scripts (the browser's default
// access level, which the extension does not change).

// The message type the worker accepts from the extension's own pages only
// (background/messages.js).
export const CHANGE_MESSAGE = 'changeSettings';

// storage.session key prefix of a change not yet stored: `${PENDING_PREFIX}${id}` →
// {change, at: Date.now()}.
export const PENDING_PREFIX = 'pendingChange:';

// Sends `change` to the worker; resolves to {ok: true, settings} once it is stored, or
// {ok: false, error} with a sentence for the reader. Both hand-overs are issued before this
// returns, so a page that closes right after still has them sent.
export function requestChange(change) {
  const id = crypto.randomUUID();
  // A failed pending write (storage.session full) still leaves the message.
  chrome.storage.session.set({ [`${PENDING_PREFIX}${id}`]: { change, at: Date.now() } }).catch(() => {});
  let sent;
  try {
    sent = chrome.runtime.sendMessage({ type: CHANGE_MESSAGE, id, change });
  } catch (err) {
    return Promise.resolve(noAnswer(err));
  }
  return sent.then((answer) => {
    if (answer && typeof answer.ok === 'boolean') return answer;
    return noAnswer(new Error('the answer was empty'));
  }, noAnswer);
}

// The worker did not answer (it was stopped mid-write, or the extension was updated): the
// change may be stored later from its pending record, so the page shows what storage
// holds and follows it (storage.onChanged).
function noAnswer(err) {
  return {
    ok: false,
    error: `Could not save your settings: the extension's background worker did not answer (${err?.message || err}). ` +
      'The page shows what is stored; try again if your change does not appear.',
  };
}

// A page's settings changes and its rebuilds from storage, kept out of each other's way.
// While a change the page handed over is unanswered, storage still holds what came before
// it: a rebuild from storage then puts the control the reader just used back as it was, for
// a moment, and a click in that moment is undone (the options page's sensitivity radio,
// clicked right after a book's switch: caught by a test run). So a rebuild waits for every
// change to be answered, a rebuild whose read began before a change was asked is dropped,
// and the answer to the last change rebuilds the page.
// `request(change)` hands a change over (requestChange), `load()` reads what the page shows,
// `draw(loaded)` shows it; returns {change, rebuild}: `change(c)` resolves to request's
// answer, `rebuild()` is what the page calls on a storage change and at start.
export function changesBeforeRebuilds({ request, load, draw }) {
  let unanswered = 0;
  let asked = 0;
  async function rebuild() {
    if (unanswered) return;
    const at = asked;
    const loaded = await load();
    if (unanswered || asked !== at) return;
    await draw(loaded);
  }
  async function change(c) {
    unanswered++;
    asked++;
    try {
      return await request(c);
    } finally {
      if (--unanswered === 0) rebuild();
    }
  }
  return { change, rebuild };
}
