// The service worker: opens the options page on first install, keeps the toolbar badge
// (blurred blocks per tab), and scans for pages whose CSP keeps the Wasm core out of the
// content script. Settings changes reach open tabs through chrome.storage.onChanged, which
// the browser delivers to every content script (see common/settings.js), so no tab has to
// be messaged one by one.
import { loadCore } from '../common/core.js';
import { loadSettings, engineConfig } from '../common/settings.js';
import { ScanSessions } from './sessions.js';
import { BadgeCounts } from './badge.js';

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
});

// Only the extension's own contexts may talk to us; there is no externally_connectable and
// no onMessageExternal, and anything else is ignored.
chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  if (sender.id !== chrome.runtime.id || typeof msg?.type !== 'string') return false;
  switch (msg.type) {
    case 'scan':
      if (!sender.tab) return false;
      sessions.scan(msg, sender.tab.id).then(reply, (err) => reply({ error: String(err?.message || err) }));
      return true;
    case 'close':
      sessions.close(msg.session);
      return false;
    case 'count':
      if (sender.tab && Number.isInteger(msg.n)) badge.set(sender.tab.id, sender.frameId, sender.documentId, msg.n);
      return false;
    default:
      return false;
  }
});

chrome.tabs.onRemoved.addListener((tabId) => {
  sessions.closeTab(tabId);
  badge.forget(tabId);
});
