// The service worker: opens the options page on first install, keeps the toolbar badge
// (blurred blocks per tab), scans for pages whose CSP keeps the Wasm core out of the
// content script and for pages that find its engine built (sessions.js), and stores the
// settings changes the popup and options page hand it (it outlives them: a popup closes as
// soon as the reader clicks elsewhere). Settings changes reach open tabs through
// chrome.storage.onChanged, which the browser delivers to every content script (see
// common/settings.js), so no tab has to be messaged one by one.
import { loadCatalog, loadCore } from '../common/core.js';
import { loadSettings, engineConfig, switchOffBrokenShields, commitChange } from '../common/settings.js';
import { ScanSessions } from './sessions.js';
import { BadgeCounts } from './badge.js';
import { accepts } from './messages.js';
import { CHANGE_MESSAGE } from '../common/settings-client.js';
import { SettingsInbox } from './settings-inbox.js';
import { storeTrackedKeys } from './tracked-keys.js';

const sessions = new ScanSessions(loadCore, async () => {
  const { settings, shields } = await loadSettings();
  return { rev: settings.rev, config: engineConfig(settings, shields) };
});
const badge = new BadgeCounts();

// What a settings change is checked against (settings-changes.js): the catalog's ids, the
// stored custom shields, and, for a new shield only, the core's validator (the Wasm module
// is compiled only when a shield is added). Before the change is stored, the tracked
// books' prefilter keys are (tracked-keys.js): a tab that hears of the change reads them.
async function known(change, shields) {
  const [catalog, core] = await Promise.all([
    loadCatalog(), change?.kind === 'addShield' ? loadCore() : null,
  ]);
  return {
    catalogIds: new Set(catalog.map((b) => b.id)),
    shields,
    validateShield: (shield) => core.validateShield(shield),
    prepare: (next) => storeTrackedKeys(next.settings.tracked, next.shields),
  };
}

const commit = (change) => commitChange(change, known);

// Changes handed over by the popup and the options page; the storage listener is added at
// the top level so that a pending record wakes a stopped worker, and the sweep stores the
// records whose message was lost while it was stopped.
const inbox = new SettingsInbox(known);
inbox.listen();
inbox.sweep().catch(() => {});

// The tracked books' prefilter keys follow the tracked list however it changes (settings
// synced from another device, a test writing storage) and each new build of the keys.
const refreshTrackedKeys = () => loadSettings()
  .then(({ settings, shields }) => storeTrackedKeys(settings.tracked, shields)).catch(() => {});
chrome.storage.onChanged.addListener((changes, area) => {
  if ((area === 'sync' && 'tracked' in changes) || (area === 'local' && 'shields' in changes)) refreshTrackedKeys();
});
chrome.runtime.onStartup.addListener(refreshTrackedKeys);

chrome.runtime.onInstalled.addListener(({ reason }) => {
  refreshTrackedKeys();
  if (reason === chrome.runtime.OnInstalledReason.INSTALL) chrome.runtime.openOptionsPage();
  if (reason === chrome.runtime.OnInstalledReason.UPDATE) {
    loadCore().then((core) => switchOffBrokenShields(core, commit)).catch(() => {});
  }
});

// Only the extension's own contexts may talk to us; there is no externally_connectable and
// no onMessageExternal, and every message is checked against its sender (messages.js):
// the id is ours, and each type comes from the kind of context it is for. Anything else is
// ignored. A content script's session ids are kept per tab, so one tab cannot reach
// another's session.
const OWN_ORIGIN = chrome.runtime.getURL('');
chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  if (!accepts(msg, sender, chrome.runtime.id, OWN_ORIGIN)) return false;
  if (msg.type === CHANGE_MESSAGE) {
    // Stored even when the page closed meanwhile (its answer then goes nowhere): the
    // pending write keeps the worker alive, as any extension API call in flight does.
    inbox.fromMessage(msg.id, msg.change).then(reply, (err) => reply({
      ok: false, error: `Could not save your settings: ${err?.message || err}. Nothing was changed.`,
    }));
    return true;
  }
  const tabId = sender.tab.id; // every other type comes from a content script, in a tab
  switch (msg.type) {
    case 'warm':
      reply(sessions.warm(Number(msg.rev) || 0, msg.build === true));
      return false;
    case 'scan':
      sessions.scan(msg, tabId).then(reply, (err) => reply({ error: String(err?.message || err) }));
      return true;
    case 'close':
      sessions.close(msg.session, tabId);
      return false;
    case 'count':
      if (Number.isInteger(msg.n) && msg.n >= 0) badge.set(tabId, sender.frameId, sender.documentId, msg.n);
      return false;
    default:
      return false;
  }
});

chrome.tabs.onRemoved.addListener((tabId) => {
  sessions.closeTab(tabId);
  badge.forget(tabId);
});
