// Harness for the Firefox end-to-end tests: headless Firefox ESR driven by geckodriver
// through selenium-webdriver, with dist/spoiler-shield-firefox.zip installed as a temporary
// add-on. Its moz-extension:// UUID is pinned (pref extensions.webextensions.uuids), so the
// tests open the extension's own pages by URL; one of them, the "control" tab, is where
// settings are written and tabs looked up, as the Chromium tests do from the service worker.
import { Builder, By, Key } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, EXPECTED, useBrowser, prefilterRecordText } from '../e2e/helpers.mjs';
import { GECKO_ID } from '../../scripts/build-extension.mjs';

export { EXPECTED, By, Key };
export const ADDON = path.join(ROOT, 'dist/spoiler-shield-firefox.zip');
export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

// geckodriver from $GECKODRIVER, else the PATH, else cargo's bin directory (where `make
// tools-firefox` installs it).
function geckodriver() {
  if (process.env.GECKODRIVER) return process.env.GECKODRIVER;
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), path.join(os.homedir(), '.cargo/bin')];
  const found = dirs.map((d) => path.join(d, 'geckodriver')).find((f) => fs.existsSync(f));
  if (!found) throw new Error('geckodriver not found: run `make tools-firefox`');
  return found;
}

// Starts Firefox with the add-on; the options page that the extension opens on install
// becomes the control tab. Selenium Manager is never asked for anything: the driver and
// browser paths are both given.
export async function launch() {
  if (!fs.existsSync(ADDON)) throw new Error('dist/spoiler-shield-firefox.zip is missing: run `make build` first');
  const uuid = randomUUID();
  const options = new firefox.Options()
    .setBinary(FIREFOX)
    .addArguments('-headless')
    .setPreference('extensions.webextensions.uuids', JSON.stringify({ [GECKO_ID]: uuid }))
    .windowSize({ width: 1200, height: 900 });
  const driver = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(geckodriver()))
    .build();
  const browser = {
    driver,
    extUrl: (p) => `moz-extension://${uuid}/${p}`,
    control: null,
    close: () => driver.quit(),
  };
  try {
    await driver.installAddon(ADDON, true);
    browser.control = await findTab(driver, browser.extUrl('options/options.html'));
    await waitFor(driver, () => document.querySelectorAll('#books li').length > 0);
  } catch (err) {
    await driver.quit();
    throw err;
  }
  return browser;
}

// Switches to the tab showing `url`, waiting for it to appear; returns its window handle.
async function findTab(driver, url, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const handle of await driver.getAllWindowHandles()) {
      await driver.switchTo().window(handle);
      if (await driver.getCurrentUrl() === url) return handle;
    }
    if (Date.now() > deadline) throw new Error(`no tab shows ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The usual fixture of a test file (the Chromium tests' useBrowser, with Firefox):
// the www server and a browser, started once and closed after the file's tests;
// `setup(env)` runs right after the launch, in the same hook.
export function useFirefox(hooks) {
  return useBrowser({ ...hooks, start: launch });
}

// Opens a web page in a new tab, which becomes the current one; returns its window handle.
export async function openTab({ driver }, url) {
  await driver.switchTo().newWindow('tab');
  await driver.get(url);
  return driver.getWindowHandle();
}

// Opens one of the extension's pages in a new tab and makes it current. WebDriver may not
// navigate a tab to moz-extension:// itself, so the extension opens it (tabs.create).
export async function openExtensionTab(browser, page) {
  const url = browser.extUrl(page);
  await inExtension(browser, (url) => chrome.tabs.create({ url }).then(() => null), url);
  return findTab(browser.driver, url);
}

// Runs `fn(...args)` in the control tab (an extension page: chrome.* is there) and comes
// back to the tab that was current. `fn` may return a promise.
export async function inExtension(browser, fn, ...args) {
  const { driver } = browser;
  const back = await driver.getWindowHandle();
  await driver.switchTo().window(browser.control);
  try {
    return await driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       Promise.resolve((${fn}).apply(null, Array.from(arguments).slice(0, -1)))
         .then((value) => done({ value }), (err) => done({ error: String(err?.message || err) }));`,
      ...args,
    ).then((r) => {
      if (r.error) throw new Error(`in the extension: ${r.error}`);
      return r.value;
    });
  } finally {
    await driver.switchTo().window(back);
  }
}

// Test-only settings hook, as tests/e2e/helpers.mjs setSettings: writes chrome.storage from
// an extension page, bumping `rev` as the extension does, so open tabs react as they do to
// a click.
// The tracked books' prefilter keys are stored first, as the extension does.
export function setSettings(browser, patch) {
  const keys = Array.isArray(patch.tracked) ? prefilterRecordText(path.join(ROOT, 'dist/firefox'), patch.tracked) : null;
  return inExtension(browser, async (patch, keys) => {
    const { rev = 0 } = await chrome.storage.sync.get('rev');
    if (keys) await chrome.storage.local.set({ prefilter: keys });
    await chrome.storage.sync.set({ ...patch, rev: rev + 1 });
  }, patch, keys);
}

// Tracks `books` with their shields on (and nothing else).
export function trackBooks(browser, books) {
  return setSettings(browser, { tracked: books, off: [], paused: [], progress: {}, sensitivity: 'balanced' });
}

// The extension's tab id of the tab showing `url` (tabs.query's `url` takes match
// patterns, which have no port, so the tabs are compared here).
export function tabIdOf(browser, url) {
  return inExtension(browser, async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id ?? null, url);
}

// Polls `fn(...args)` in the current tab until it returns something truthy; returns that.
export async function waitFor(driver, fn, { args = [], timeout = 15_000, what = String(fn) } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await driver.executeScript(fn, ...args);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Polls the current tab until the text of the element `id` matches `pattern` (a RegExp);
// returns that text. A page not parsed yet (no such element) is "not yet", not an error.
export function textMatching(driver, id, pattern, what) {
  return waitFor(driver, (id, source, flags) => {
    const text = document.getElementById(id)?.textContent ?? '';
    return new RegExp(source, flags).test(text) && text;
  }, { args: [id, pattern.source, pattern.flags], what });
}

// Waits until the current tab is shown and nothing waits to be scanned (tests/e2e settled());
// returns the content script's stats.
export function settled(driver, opts) {
  return waitFor(driver, () => {
    const root = document.documentElement;
    const s = JSON.parse(root.getAttribute('data-spoiler-shield-stats') || 'null');
    const done = s && s.readyMs !== null && !s.unscanned && !root.hasAttribute('data-spoiler-shield-pending')
      && !document.querySelector('[data-spoiler-shield-queued], [data-spoiler-shield-held], [data-spoiler-shield-frontier]');
    return done && s;
  }, { what: 'the shield to settle', ...opts });
}

// Opens a sample page in a new tab and waits for the shield; returns its handle and stats.
export async function openSettled(env, sample) {
  const handle = await openTab(env.browser, env.url(sample));
  return { handle, stats: await settled(env.browser.driver) };
}

// {selector: state} in the current tab: 'blurred', 'revealed', 'clean' or 'missing'.
export function states(driver, selectors) {
  return driver.executeScript((sels) => Object.fromEntries(sels.map((sel) => {
    const el = document.querySelector(sel);
    return [sel, el ? el.getAttribute('data-spoiler-shield') ?? 'clean' : 'missing'];
  })), selectors);
}

// {selector: book} of the blocks of `selectors` that name a book.
export function booksOf(driver, selectors) {
  return driver.executeScript((sels) => Object.fromEntries(sels.map((sel) => {
    const el = document.querySelector(sel);
    return [sel, el?.getAttribute('data-spoiler-shield-book') ?? null];
  })), selectors);
}
