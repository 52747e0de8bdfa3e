// Scan sessions for content scripts: those that cannot run Wasm in the page (strict CSP),
// and those that found this worker's engine already built when they asked (warm()), so
// their page compiles no Wasm and builds no engine of its own. One session per document
// holds that page's context in a core `page`; it lives only in this worker's memory, so
// after the worker was stopped a content script hears `lost` and replays its blocks.
import { createEngine } from '../common/core.js';

const MAX_SESSIONS = 64;
// How long after a warm() that found no engine the worker starts building one: the page
// that asked is building its own meanwhile (it heard no), and on a machine of two cores a
// build here at the same moment slows that page's (the first page after an idle worker
// was stopped: its blocks read 40 ms later, measured on review-blog with 1 book).
const WARM_AFTER_MS = 500;

export class ScanSessions {
  // `loadCore()` resolves to the core module; `readConfig()` to {rev, config} from storage.
  constructor(loadCore, readConfig) {
    this.loadCore = loadCore;
    this.readConfig = readConfig;
    this.engine = null; // {rev, engine}
    this.building = null;
    this.warming = null; // the timer of a build warm() asked for
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

  // Whether the engine for settings revision `rev` (or newer) is built, → {ready}; with
  // `build`, when it is not, it is built soon (WARM_AFTER_MS), for the pages that ask next.
  // A content script asks once its settings are read: with the engine built, its scans are
  // a message away, where its own engine would cost the page a Wasm compile and an engine
  // build on its main thread. It asks for the build only when it builds its own engine,
  // that is when its page names a tracked book: an empty frame or a page about no book
  // (most pages) never makes the worker build anything.
  warm(rev, build = false) {
    const ready = Boolean(this.engine && this.engine.rev >= rev && !this.building);
    if (!ready && build && !this.warming) {
      this.warming = setTimeout(() => {
        this.warming = null;
        this.engineFor(rev).catch(() => {});
      }, WARM_AFTER_MS);
    }
    return { ready };
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
