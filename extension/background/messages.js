// Who may send the service worker which message. The worker only ever hears
// chrome.runtime messages (no onMessageExternal, no externally_connectable in the
// manifest), so a web page cannot reach it at all; this is the second check, against our
// own contexts sending what they should not: a content script runs inside pages a site
// controls, so its messages are limited to what a content script needs, and nothing it
// sends can change settings: a settings change is accepted only from the extension's own
// pages (the popup and the options page), whose URL is ours.
import { CHANGE_MESSAGE } from '../common/settings-client.js';

// message type → the kind of sender allowed to send it.
export const ALLOWED = Object.freeze({
  warm: 'content', // a content script asks whether the engine is built (or has it built)
  scan: 'content', // a content script asks for a scan of its blocks
  close: 'content', // … and closes its scan session when its page goes
  count: 'content', // the number of blurred blocks in its frame, for the badge
  [CHANGE_MESSAGE]: 'page', // the popup or the options page hands over a settings change to store
});

// 'content' for a content script in a tab of ours, 'page' for one of the extension's own
// pages (popup, options), null for anything else (another extension, or a sender that is
// not what it claims to be).
export function senderKind(sender, runtimeId, extensionOrigin) {
  if (!sender || sender.id !== runtimeId) return null;
  const fromOurPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
  if (sender.tab && Number.isInteger(sender.tab.id) && !fromOurPage) return 'content';
  if (fromOurPage) return 'page';
  return null;
}

// Whether `msg` from `sender` is to be handled: a known type, from the kind of sender the
// type is for. Anything else is ignored without an answer.
export function accepts(msg, sender, runtimeId, extensionOrigin) {
  if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return false;
  if (!Object.hasOwn(ALLOWED, msg.type)) return false;
  return senderKind(sender, runtimeId, extensionOrigin) === ALLOWED[msg.type];
}
