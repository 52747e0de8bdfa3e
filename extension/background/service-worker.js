// The service worker: opens the options page on first install, keeps the toolbar badge
// (blurred blocks per tab), and scans for pages whose CSP keeps the Wasm core out of the
// content script. Settings changes reach open tabs through chrome.storage.onChanged, which
// the browser delivers to every content script (see common/settings.js), so no tab has to
// be messaged one by one.
import { loadCore } from '../common/core.js';
import { loadSettings, engineConfig, switchOffBrokenShields } from '../common/settings.js';
import { ScanSessions } from './sessions.js';
import { BadgeCounts } from './badge.js';
import { accepts } from './messages.js';

const sessions = new ScanSessions(loadCore, async () => {
  const { settings, shields } = await loadSettings();
  return { rev: settings.rev, config: engineConfig(settings, shields) };
});
const badge = new BadgeCounts();

// Test hook (like Dark Reader's): e2e tests drop the sessions to simulate a worker that was
// stopped and restarted, through the worker's own console; pages cannot reach it.
globalThis.spoilerShieldTest = { dropSessions: () => sessions.clear() };

chrome.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === chrome.runtime.OnInstalledReason.INSTALL) chrome.runtime.openOptionsPage();
  if (reason === chrome.runtime.OnInstalledReason.UPDATE) loadCore().then(switchOffBrokenShields).catch(() => {});
});

// Only the extension's own contexts may talk to us; there is no externally_connectable and
// no onMessageExternal, and every message is checked against its sender (messages.js):
// the id is ours, and each type comes from the kind of context it is for. Anything else is
// ignored. A content script's session ids are kept per tab, so one tab cannot reach
// another's session.
const OWN_ORIGIN = chrome.runtime.getURL('');
chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  if (!accepts(msg, sender, chrome.runtime.id, OWN_ORIGIN)) return false;
  const tabId = sender.tab.id;
  switch (msg.type) {
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
