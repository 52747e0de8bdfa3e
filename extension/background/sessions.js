// Scan sessions for content scripts that cannot run Wasm in the page (strict CSP). One
// session per document holds that page's context in a core `page`; it lives only in this
// worker's memory, so after the worker was stopped a content script hears `lost` and
// replays its blocks.
import { createEngine } from '../common/core.js';

const MAX_SESSIONS = 64;

export class ScanSessions {
  // `loadCore()` resolves to the core module; `readConfig()` to {rev, config} from storage.
  constructor(loadCore, readConfig) {
    this.loadCore = loadCore;
    this.readConfig = readConfig;
    this.engine = null; // {rev, engine}
    this.building = null;
    this.sessions = new Map(); // session id → {page, tabId}, oldest first
  }

  // The engine for settings revision `rev` or newer, built once per revision.
  async engineFor(rev) {
    if (this.engine && this.engine.rev >= rev) return this.engine;
    this.building ??= (async () => {
      const [core, { rev: stored, config }] = await Promise.all([this.loadCore(), this.readConfig()]);
      if (this.engine) {
        this.clear();
        this.engine.engine.free();
      }
      this.engine = { rev: stored, engine: await createEngine(core, config) };
      return this.engine;
    })().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  // Handles {session, rev, fresh, context, texts}: the answer is the scan result, or
  // {lost: true} when this session is unknown and the message did not open it.
  async scan(msg, tabId) {
    if (!Array.isArray(msg.texts) || !msg.texts.every((t) => typeof t === 'string')) {
      return { error: 'texts must be an array of strings' };
    }
    let entry = this.sessions.get(msg.session);
    if (entry && entry.tabId !== tabId) return { error: 'unknown session' }; // another tab's
    const { engine, rev } = await this.engineFor(Number(msg.rev) || 0);
    if (entry && entry.rev !== rev) {
      this.close(msg.session); // settings changed since it opened: its page is stale
      entry = undefined;
    }
    if (!entry) {
      if (!msg.fresh) return { lost: true };
      entry = { page: engine.newPage(), tabId, rev };
      this.sessions.set(msg.session, entry);
      this.evictOldest();
    }
    for (const text of msg.context ?? []) entry.page.addContext(String(text));
    return entry.page.scan(msg.texts);
  }

  evictOldest() {
    while (this.sessions.size > MAX_SESSIONS) this.close(this.sessions.keys().next().value);
  }

  // Closes a session; given `tabId`, only when the session belongs to that tab.
  close(session, tabId = null) {
    const entry = this.sessions.get(session);
    if (!entry || (tabId !== null && entry.tabId !== tabId)) return;
    this.sessions.delete(session);
    entry.page.free();
  }

  closeTab(tabId) {
    for (const [id, entry] of this.sessions) if (entry.tabId === tabId) this.close(id);
  }

  clear() {
    for (const id of [...this.sessions.keys()]) this.close(id);
  }
}
