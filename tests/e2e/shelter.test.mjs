// blur.js's shelter()/unshelter(), for content that waits for its scan: a sheltered subtree
// takes no focus, is not in the accessibility tree and is not found by find-in-page;
// shelter is idempotent, and unshelter gives back exactly the page's own attributes, its
// own inert and aria-hidden included. A blurred block inside a sheltered subtree keeps its
// inside unreachable after unshelter. blur.js is bundled by esbuild, as the extension's
// build does, and run in a plain page of headless Chromium (no extension).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';
import * as esbuild from 'esbuild';
import { ROOT, CHROMIUM } from './helpers.mjs';

let browser;
let page;
let bundle;

before(async () => {
  const out = await esbuild.build({
    entryPoints: [path.join(ROOT, 'extension/content/blur.js')],
    bundle: true, format: 'iife', globalName: 'shieldUi', write: false,
  });
  bundle = out.outputFiles[0].text;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
});
after(() => browser?.close());

const PAGE = `<!DOCTYPE html><html lang="en"><body>
<p id="before"><a id="before-link" href="#a">A link before</a></p>
<div id="wait" data-x="1">Waiting text ALPHA <a id="w-link" href="#b" title="Link title BETA">link GAMMA</a>
  <button id="w-button" type="button">button DELTA</button> <input id="w-input" aria-label="field EPSILON">
  <span id="w-own-inert" inert>own inert ZETA</span> <span id="w-own-hidden" aria-hidden="false">own aria-hidden ETA</span>
  <p id="w-block">Block text THETA <a id="w-block-link" href="#c">block link IOTA</a></p>
</div>
<p id="after"><a id="after-link" href="#d">A link after</a></p>
</body></html>`;

// Every attribute of every element of the body, as "id name=value" lines.
const attributes = () => page.evaluate(() => [...document.body.querySelectorAll('*')]
  .flatMap((el) => [...el.attributes].map((a) => `${el.id || el.tagName} ${a.name}=${JSON.stringify(a.value)}`)));

// The ids of the elements Tab stops on, from the first link of the page.
async function tabStops() {
  await page.focus('#before-link');
  const stops = ['before-link'];
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => (document.activeElement === document.body ? null : document.activeElement?.id));
    if (!id) break;
    stops.push(id);
    if (id === 'after-link') break;
  }
  return stops;
}

// The names of the nodes of the accessibility tree that are not ignored.
async function axNames() {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes.filter((n) => !n.ignored).map((n) => String(n.name?.value ?? '')).join('\n');
}

const findable = (s) => page.evaluate((s) => {
  getSelection().removeAllRanges();
  return window.find(s, true);
}, s);

const WORDS = ['ALPHA', 'GAMMA', 'DELTA', 'EPSILON', 'THETA', 'IOTA'];

test('shelter makes a subtree unreachable; unshelter gives the page back as it was', async () => {
  page = await browser.newPage();
  await page.setContent(PAGE);
  await page.evaluate(bundle);
  const original = await attributes();
  assert.deepEqual(await tabStops(), ['before-link', 'w-link', 'w-button', 'w-input', 'w-block-link', 'after-link']);
  const names = await axNames();
  assert.ok(WORDS.every((w) => names.includes(w)), 'unsheltered, the tree has the words (the check works)');
  assert.ok(await findable('GAMMA'), 'unsheltered, find-in-page finds the words (the check works)');

  await page.evaluate(() => {
    shieldUi.shelter(document.getElementById('wait'));
    shieldUi.shelter(document.getElementById('wait')); // idempotent
  });
  assert.deepEqual(await tabStops(), ['before-link', 'after-link'], 'no stop inside');
  const hidden = await axNames();
  assert.deepEqual(WORDS.filter((w) => hidden.includes(w)), [], 'none of its text in the accessibility tree');
  for (const w of WORDS) assert.equal(await findable(w), false, `find-in-page does not find ${w}`);

  await page.evaluate(() => shieldUi.unshelter(document.getElementById('wait')));
  assert.deepEqual(await attributes(), original, 'every attribute as the page had it');
  assert.deepEqual(await tabStops(), ['before-link', 'w-link', 'w-button', 'w-input', 'w-block-link', 'after-link']);
  await page.close();
});

test('the page\'s own inert and aria-hidden survive shelter and unshelter', async () => {
  page = await browser.newPage();
  await page.setContent(PAGE);
  await page.evaluate(bundle);
  const original = await attributes();
  await page.evaluate(() => {
    for (const id of ['w-own-inert', 'w-own-hidden', 'before']) shieldUi.shelter(document.getElementById(id));
  });
  const during = await page.evaluate(() => ['w-own-inert', 'w-own-hidden', 'before'].map((id) => {
    const el = document.getElementById(id);
    return [id, el.inert];
  }));
  assert.deepEqual(during, [['w-own-inert', true], ['w-own-hidden', true], ['before', true]]);
  await page.evaluate(() => {
    for (const id of ['w-own-inert', 'w-own-hidden', 'before']) shieldUi.unshelter(document.getElementById(id));
  });
  assert.deepEqual(await attributes(), original);
  await page.close();
});

test('a blurred block inside a sheltered subtree stays unreachable inside after unshelter', async () => {
  page = await browser.newPage();
  await page.setContent(PAGE);
  await page.evaluate(bundle);
  const original = await attributes();
  await page.evaluate(() => {
    shieldUi.shelter(document.getElementById('wait'));
    shieldUi.blur(document.getElementById('w-block'), { book: 'never-let-me-go', title: 'Never Let Me Go', score: 2, phrases: ['clone'] });
    shieldUi.unshelter(document.getElementById('wait'));
  });
  const stops = await tabStops();
  assert.ok(stops.includes('w-block'), 'the blurred block is a stop');
  assert.ok(!stops.includes('w-block-link'), 'the link inside it is not');
  assert.ok(stops.includes('w-link'), 'the rest of the subtree is reachable again');
  assert.equal(await findable('IOTA'), false, 'its link text is not found');

  await page.evaluate(() => shieldUi.clear(document.getElementById('w-block')));
  assert.deepEqual(await attributes(), original, 'cleared: every attribute as the page had it');
  await page.close();
});

test('focus inside a block that blurs goes to the block, not to the page\'s start', async () => {
  page = await browser.newPage();
  await page.setContent(PAGE);
  await page.evaluate(bundle);
  await page.focus('#w-block-link');
  const focused = await page.evaluate(() => {
    shieldUi.blur(document.getElementById('w-block'), { book: 'never-let-me-go', title: 'Never Let Me Go', score: 2, phrases: ['clone'] });
    return document.activeElement.id;
  });
  assert.equal(focused, 'w-block');
  await page.close();
});
