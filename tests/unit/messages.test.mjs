// The service worker's sender checks (extension/background/messages.js), without a browser:
// only our own content scripts may ask for scans and report counts, only our own pages may
// hand over settings changes; other extensions and senders without a tab are ignored. The e2e security test checks the same
// from a real page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accepts, senderKind, ALLOWED } from '../../extension/background/messages.js';
import { CHANGE_MESSAGE } from '../../extension/common/settings-client.js';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const contentScript = { id: ID, tab: { id: 7 }, frameId: 0, url: 'https://example.org/review' };
const optionsInTab = { id: ID, tab: { id: 8 }, url: `${ORIGIN}options/options.html` };
const popup = { id: ID, url: `${ORIGIN}popup/popup.html` };
const otherExtension = { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', tab: { id: 7 }, url: 'https://example.org/' };

test('senders are told apart', () => {
  assert.equal(senderKind(contentScript, ID, ORIGIN), 'content');
  assert.equal(senderKind(optionsInTab, ID, ORIGIN), 'page');
  assert.equal(senderKind(popup, ID, ORIGIN), 'page');
  assert.equal(senderKind(otherExtension, ID, ORIGIN), null);
  assert.equal(senderKind({ id: ID }, ID, ORIGIN), null, 'no tab and no page of ours');
  assert.equal(senderKind(undefined, ID, ORIGIN), null);
});

test('each message type is accepted only from the context it is for', () => {
  for (const type of Object.keys(ALLOWED)) {
    const fromPage = ALLOWED[type] === 'page';
    assert.equal(accepts({ type }, contentScript, ID, ORIGIN), !fromPage, type);
    assert.equal(accepts({ type }, otherExtension, ID, ORIGIN), false, type);
    assert.equal(accepts({ type }, popup, ID, ORIGIN), fromPage, type);
    assert.equal(accepts({ type }, optionsInTab, ID, ORIGIN), fromPage, type);
  }
});

test('settings changes come only from the popup and the options page, never a content script', () => {
  const change = { type: CHANGE_MESSAGE, change: { kind: 'track', id: 'never-let-me-go', on: false } };
  assert.equal(ALLOWED[CHANGE_MESSAGE], 'page');
  assert.equal(accepts(change, popup, ID, ORIGIN), true);
  assert.equal(accepts(change, optionsInTab, ID, ORIGIN), true);
  assert.equal(accepts(change, contentScript, ID, ORIGIN), false);
  assert.equal(accepts(change, otherExtension, ID, ORIGIN), false);
  // A content script in a tab whose URL merely starts like ours is still a content script.
  const lookalike = { ...contentScript, url: `https://${ID}.example/options/options.html` };
  assert.equal(accepts(change, lookalike, ID, ORIGIN), false);
});

test('unknown, settings-like and malformed messages are refused from anyone', () => {
  const bad = [
    { type: 'setSettings', tracked: [] }, { type: 'off', id: 'never-let-me-go' }, { type: 'toString' },
    { type: '__proto__' }, { type: 42 }, {}, null, 'scan', [],
  ];
  for (const msg of bad) {
    for (const sender of [contentScript, popup, optionsInTab]) {
      assert.equal(accepts(msg, sender, ID, ORIGIN), false, JSON.stringify(msg));
    }
  }
});
