// The service worker's side of settings changes from the popup and the options page
// (common/settings-client.js): each change comes by message, by its pending record in
// storage.session, or both; it is stored once per id (commitChange, under the settings
// lock) and its record removed. A change is a wanted state (settings-changes.js), so one
// stored twice, by a worker that was stopped between the write and the record's removal
// and then started again, ends the same.
import { commitChange } from '../common/settings.js';
import { PENDING_PREFIX } from '../common/settings-client.js';

// Ids handled by this worker, kept for the second hand-over of the same change; bounded,
// as a worker can live long.
const MAX_REMEMBERED = 500;

export class SettingsInbox {
  // `known` is commitChange's (what a change is checked against).
  constructor(known) {
    this.known = known;
    this.handled = new Map(); // id → Promise of the result
  }

  // A change that came by message: stored unless this worker already stored that id.
  // Resolves to the answer for the page.
  fromMessage(id, change) {
    if (typeof id !== 'string' || id === '') return commitChange(change, this.known);
    return this.once(id, () => commitChange(change, this.known, { pending: `${PENDING_PREFIX}${id}` }));
  }

  // A pending record seen in storage.session (storage.onChanged, or the start-up sweep):
  // stored if the record is still there when the lock is held (else an earlier worker or
  // the message stored it).
  fromRecord(key, record) {
    const id = key.slice(PENDING_PREFIX.length);
    if (this.handled.has(id)) {
      // Stored already by its message; a record that landed after that write removed it
      // must not stay behind, or a later start-up sweep would store it again over newer
      // changes.
      return this.handled.get(id).finally(() => chrome.storage.session.remove(key).catch(() => {}));
    }
    return this.once(id, () => commitChange(record?.change, this.known, { pending: key, onlyIfPending: true }));
  }

  // Stores every pending record, oldest first: those whose message was lost while the
  // worker was stopped.
  async sweep() {
    const all = await chrome.storage.session.get(null);
    const pending = Object.entries(all).filter(([key]) => key.startsWith(PENDING_PREFIX))
      .sort(([, a], [, b]) => (Number(a?.at) || 0) - (Number(b?.at) || 0));
    for (const [key, record] of pending) await this.fromRecord(key, record);
  }

  // Listens for new pending records; call at the worker's top level, so the event wakes it.
  listen() {
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area !== 'session') return;
      for (const [key, { newValue }] of Object.entries(changes)) {
        if (key.startsWith(PENDING_PREFIX) && newValue !== undefined) this.fromRecord(key, newValue).catch(() => {});
      }
    });
  }

  once(id, commit) {
    if (!this.handled.has(id)) {
      this.handled.set(id, commit());
      if (this.handled.size > MAX_REMEMBERED) this.handled.delete(this.handled.keys().next().value);
    }
    return this.handled.get(id);
  }
}
