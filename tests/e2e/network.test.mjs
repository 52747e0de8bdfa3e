// Nothing leaves the browser. A fresh profile installs the extension (which opens the
// options page by itself); with shields on, it goes through every sample page (the
// strict-CSP one included, so the service worker scans) and a page with content added
// later; the popup switches a shield off and on, pauses and resumes the site and reveals
// all; the options page tracks and untracks a book, changes the sensitivity, creates,
// exports and deletes a custom shield. Two independent records of the run:
//   - Playwright's context 'request' event: every request of every page, frame and worker;
//   - Chromium's own net log (--log-net-log), read after the browser closed: every URL
//     request the network stack started, whoever asked for it. Requests made for a page or
//     the extension carry that origin as initiator; the browser's own (update checks and
//     such, not ours) carry none and are only listed.
// Neither needs chrome.webRequest or any permission in the extension.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPECTED, startServer, launch, trackBooks, settled, foreignRequests, openPopup } from './helpers.mjs';

test('no request leaves the machine', async (t) => {
  const server = await startServer();
  const browser = await launch();
  let closed = false;
  try {
    await trackBooks(browser, EXPECTED.books);
    const page = await browser.context.newPage();
    for (const sample of Object.keys(EXPECTED).filter((k) => k.startsWith('samples/'))) {
      await page.goto(`${server.url}/${sample}`);
      await settled(page, { timeout: 60_000 });
    }
    await page.goto(`${server.url}/samples/dynamic-comments.html`);
    await settled(page, { until: () => document.getElementById('comment-list').dataset.batches === '1' });
    const popup = await openPopup(browser, page);
    const mockingjay = popup.getByRole('checkbox', { name: /Mockingjay/ });
    // Waits until the page has Mockingjay spoilers blurred (`on`) or none.
    const mockingjayBlurred = (on) => page.waitForFunction((on) => on === Boolean(document.querySelector(
      '[data-spoiler-shield-book="mockingjay"][data-spoiler-shield="blurred"]')), on, { polling: 50 });
    await mockingjay.uncheck();
    await mockingjayBlurred(false);
    await mockingjay.check();
    await mockingjayBlurred(true);
    await popup.getByRole('button', { name: 'Pause on this site' }).click();
    await popup.getByRole('button', { name: /^Resume on / }).click();
    await popup.getByRole('button', { name: 'Reveal all on this page' }).click();
    const options = await browser.context.newPage();
    await options.goto(browser.extUrl('options/options.html'));
    await options.waitForSelector('#books li');
    await options.getByRole('checkbox', { name: 'Rebecca' }).check();
    await options.getByRole('checkbox', { name: 'Rebecca' }).uncheck();
    await options.getByRole('radio', { name: /Strict/ }).check();
    await options.getByRole('radio', { name: 'Balanced' }).check();
    await options.fill('#custom-title', 'The Glass Orchard');
    await options.fill('#custom-author', 'Mira Tal');
    await options.fill('#custom-names', 'Odile');
    await options.fill('#custom-phrases', 'the arsonist');
    await options.click('#custom-form button[type=submit]');
    await options.waitForFunction(() => /Created/.test(document.getElementById('custom-message').textContent));
    await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export The Glass Orchard' }).click(),
    ]);
    await options.getByRole('button', { name: 'Delete The Glass Orchard' }).click();
    await options.waitForFunction(() => /Deleted/.test(document.getElementById('message').textContent));
    await page.reload();
    await settled(page);
    await browser.close();
    closed = true;
  } finally {
    if (!closed) await browser.close();
    await server.stop();
  }

  assert.ok(browser.requests.length > 0, 'the page requests were seen');
  assert.deepEqual(foreignRequests(browser.requests), [], 'Playwright saw only local requests');

  assert.ok(browser.netlog, 'Chromium wrote its net log');
  const ours = browser.netlog.filter((r) => r.initiator && r.initiator !== 'not an origin');
  const browsers = browser.netlog.filter((r) => !r.initiator || r.initiator === 'not an origin');
  assert.ok(ours.length > 0, 'the net log has the pages\' requests');
  const foreign = ours.filter((r) => foreignRequests([r.url]).length || foreignRequests([r.initiator]).length);
  assert.deepEqual(foreign, [], 'no page or extension request left the machine');
  const extensionOrigin = `chrome-extension://${browser.extensionId}`;
  assert.deepEqual(foreignRequests(browser.netlog.filter((r) => r.initiator === extensionOrigin).map((r) => r.url)), []);
  const hosts = [...new Set(foreignRequests(browsers.map((r) => r.url)).map((u) => new URL(u).host))];
  t.diagnostic(`net log: ${ours.length} page/extension requests, all local; the browser's own requests went to: ${hosts.join(', ') || 'nowhere'}`);
});
