// Messages from the popup (through chrome.tabs.sendMessage): 'hello' asks what this frame
// shows, 'revealAll' reveals every blurred block. Only the extension itself can reach a
// content script's runtime.onMessage, and we check anyway.
import * as ui from './blur.js';

/** Answers one message; `scannerPath()` is the open scanner's path, `reportCount()` tells the badge. */
export function answer(msg, sender, reply, { scannerPath, reportCount }) {
  if (sender.id !== chrome.runtime.id) return false;
  if (msg?.type === 'hello') {
    reply({ host: location.hostname, blurred: ui.blurredCount(), path: scannerPath() });
  } else if (msg?.type === 'revealAll') {
    ui.revealAll();
    reportCount();
    reply({ blurred: ui.blurredCount() });
  }
  return false;
}
