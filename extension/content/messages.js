// Messages from the popup (through chrome.tabs.sendMessage): 'hello' asks what this frame
// shows, 'revealAll' reveals every blurred block, 'article' asks for the page's blocks
// (the popup's "Shield this book" reads the title, the author and the plot from them, on
// the device). Only the extension itself can reach a content script's runtime.onMessage,
// and we check anyway.
import { BlockWalk } from './blocks.js';
import * as ui from './blur.js';

// The most text handed to the popup: a long encyclopedia article is 100,000 characters;
// past this the page is not an article, and the rest is left out.
export const MAX_ARTICLE_CHARS = 4_000_000;

/** Answers one message; `scannerPath()` is the open scanner's path, `reportCount()` tells the badge. */
export function answer(msg, sender, reply, { scannerPath, reportCount }) {
  if (sender.id !== chrome.runtime.id) return false;
  if (msg?.type === 'hello') {
    reply({ host: location.hostname, blurred: ui.blurredCount(), path: scannerPath() });
  } else if (msg?.type === 'revealAll') {
    ui.revealAll();
    reportCount();
    reply({ blurred: ui.blurredCount() });
  } else if (msg?.type === 'article') {
    reply({ blocks: articleBlocks(document.documentElement) });
  }
  return false;
}

/**
 * The blocks under `root` as `spoiler-shield blocks` prints them, [{tag, text}] in reading
 * order (the tag lower case), up to MAX_ARTICLE_CHARS of text. A walk of its own, made
 * only when the popup asks: what the streaming walk read is gone by then, and the page
 * may have changed since.
 */
export function articleBlocks(root) {
  const blocks = [];
  let chars = 0;
  // The walk stops once it gathered the cap (a 50 MB page is not read whole for this).
  for (const { el, text } of new BlockWalk(root).step(Infinity, MAX_ARTICLE_CHARS)) {
    chars += text.length;
    if (chars > MAX_ARTICLE_CHARS) break;
    blocks.push({ tag: el.localName, text });
  }
  return blocks;
}
