// The toolbar badge: the number of blurred blocks in a tab, summed over its frames (every
// frame runs its own content script). Counts are kept in chrome.storage.session, so a
// worker that was stopped in between still adds the frames up right.
export class BadgeCounts {
  constructor() {
    this.chain = Promise.resolve(); // updates run one after another: each reads, then writes
  }

  // Records frame `frameId`'s count in `tabId` and shows the tab's total. A new document in
  // the top frame starts the tab over: the old document's frames are gone.
  set(tabId, frameId, documentId, n) {
    this.chain = this.chain.then(() => this.update(tabId, frameId, documentId, n)).catch(() => {});
    return this.chain;
  }

  async update(tabId, frameId, documentId, n) {
    const key = `badge:${tabId}`;
    const stored = (await chrome.storage.session.get(key))[key];
    let frames = stored ?? {};
    if (frameId === 0 && frames[0]?.doc !== documentId) frames = {};
    frames[frameId] = { doc: documentId, n };
    // The badge first, the stored counts last: the popup hears of the change through
    // the storage write, and must find the badge already saying the same.
    const total = Object.values(frames).reduce((sum, f) => sum + f.n, 0);
    await chrome.action.setBadgeText({ tabId, text: total ? String(total) : '' });
    await chrome.action.setBadgeBackgroundColor({ tabId, color: '#5b2a86' });
    await chrome.storage.session.set({ [key]: frames });
  }

  forget(tabId) {
    chrome.storage.session.remove(`badge:${tabId}`);
  }
}
