// Nothing hidden is reachable (issue 14): on a page whose spoiler paragraphs hold links, a
// button and a form field, Tab never stops inside a blurred block, the accessibility tree
// holds none of their text and no control of theirs, find-in-page does not land in them,
// and each blurred block is one focusable button named after the book. Enter reveals and
// focus goes to the revealed paragraph; its "Hide spoiler" label hides it again and focus
// goes back to the block. Revealing, then clearing, gives the page back every attribute
// it had.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EXPECTED, useBrowser, trackBooks, openSettled, settled, setSettings, states, stats } from './helpers.mjs';

const SAMPLE = 'samples/keyboard.html';
const want = EXPECTED[SAMPLE];
const env = useBrowser({ before, after, setup: (env) => trackBooks(env.browser, want.books) });

// A fresh tab on the sample, settled, with every labelled spoiler blurred (this page is
// written so that the core flags all of them; samples.test.mjs checks the labels too).
async function open() {
  const page = await openSettled(env, SAMPLE);
  const got = await states(page, want.blurred);
  assert.deepEqual(want.blurred.filter((sel) => got[sel] !== 'blurred'), [], 'every spoiler of the page is blurred');
  return page;
}

// What has focus: its id (or tag and text), whether it is a blurred block, and whether it
// sits inside one.
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    return {
      name: el.id || `${el.tagName.toLowerCase()}:${el.textContent.trim().slice(0, 30)}`,
      block: el.getAttribute('data-spoiler-shield') === 'blurred',
      inside: Boolean(el.parentElement?.closest('[data-spoiler-shield="blurred"]')),
    };
  });
}

// Presses Tab from the top of the page until focus reaches `last` (or leaves the page);
// returns every stop.
async function tabThrough(page, last, max = 40) {
  await page.evaluate(() => document.activeElement?.blur());
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!now) break;
    stops.push(now);
    if (now.name === last) break;
  }
  return stops;
}

test('Tab stops once on each blurred block and never inside one', async (t) => {
  const page = await open();
  const stops = await tabThrough(page, 'kb-footer-link');
  t.diagnostic(`stops: ${stops.map((s) => s.name).join(' ')}`);
  assert.deepEqual(stops.filter((s) => s.inside).map((s) => s.name), [], 'no stop inside a blurred block');
  assert.deepEqual(stops.filter((s) => s.block).map((s) => `#${s.name}`), want.blurred, 'each blurred block is one stop');
  // Before and after the blurred blocks, every control of the page is still reached.
  const names = stops.map((s) => s.name);
  for (const id of ['kb-intro-link', 'kb-times-button', 'kb-times-link', 'kb-next-link', 'kb-next-list', 'kb-email', 'kb-signup-button', 'kb-footer-link']) {
    assert.ok(names.includes(id), `Tab reaches #${id}`);
  }
  await page.close();
});

// The accessibility tree of the page as Chromium builds it (CDP Accessibility.getFullAXTree),
// with each blurred block's own node and the nodes below it.
async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const blocks = [];
    for (const sel of want.blurred) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: sel });
      const { node } = await cdp.send('DOM.describeNode', { nodeId });
      const own = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId);
      const below = [];
      const walk = (n) => {
        for (const id of n.childIds ?? []) {
          const child = byId.get(id);
          if (!child) continue;
          below.push(child);
          walk(child);
        }
      };
      if (own) walk(own);
      blocks.push({ sel, own, below });
    }
    return { nodes, blocks };
  } finally {
    await cdp.detach();
  }
}

const text = (n) => [n.name?.value, n.value?.value].filter((v) => typeof v === 'string' && v.trim()).join(' | ');
const role = (n) => n.role?.value ?? '';
const focusable = (n) => (n.properties ?? []).some((p) => p.name === 'focusable' && p.value?.value);

test('the accessibility tree holds no control and no text of what is inside a blurred block', async (t) => {
  const page = await open();
  // The text of every element inside a blurred block (links, buttons, labels, asides) and
  // every field's value: none of it may be anywhere in the tree.
  const hidden = await page.evaluate((sels) => sels.flatMap((sel) => [...document.querySelector(sel).querySelectorAll('*')]
    .flatMap((el) => [el.textContent, el.value ?? '', el.getAttribute('title') ?? ''])
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter((s) => s.length >= 4)), want.blurred);
  assert.ok(hidden.length >= 6, 'the blurred blocks hold elements with text');
  const { nodes, blocks } = await axTree(page);
  const exposed = nodes.filter((n) => !n.ignored && hidden.some((h) => text(n).includes(h)));
  assert.deepEqual(exposed.map((n) => `${role(n)} "${text(n)}"`), [], 'no text of an element inside a blurred block');

  let textNodes = 0;
  for (const { sel, own, below } of blocks) {
    assert.ok(own && !own.ignored, `${sel} is in the tree`);
    assert.equal(role(own), 'button', `${sel} is a button`);
    assert.match(own.name?.value ?? '', /^Spoiler for Never Let Me Go/, `${sel} is named after the book`);
    assert.ok(focusable(own), `${sel} is focusable`);
    // Below the button only the text that sits directly in the block may remain (a text
    // node cannot be inert; the button's own name is what is announced): no link, button,
    // field, label or other element of the page, focusable or not.
    const parent = (n) => below.find((p) => p.childIds?.includes(n.nodeId)) ?? (own.childIds?.includes(n.nodeId) ? own : null);
    const directText = (n) => role(n) === 'StaticText' && parent(n) === own;
    const others = below.filter((n) => !n.ignored && !directText(n) && !(role(n) === 'InlineTextBox' && directText(parent(n))));
    assert.deepEqual(others.map((n) => `${role(n)} "${text(n)}"`), [], `nothing but ${sel}'s own text nodes below it`);
    textNodes += below.filter((n) => !n.ignored && directText(n)).length;
  }
  t.diagnostic(`text nodes directly in the blurred blocks, still below their buttons: ${textNodes}`);
  await page.close();
});

test('find-in-page does not land on the links, buttons and labels of a blurred block', async (t) => {
  const page = await open();
  const found = await page.evaluate((sels) => {
    const find = (s) => {
      getSelection().removeAllRanges();
      return window.find(s, true);
    };
    const inside = sels.flatMap((sel) => [...document.querySelector(sel).querySelectorAll('a, button, label, span')].map((el) => el.textContent.trim()));
    return { inside: inside.map((s) => [s, find(s)]), clean: [['library catalogue', find('library catalogue')], ['Show all meeting dates', find('Show all meeting dates')]] };
  }, want.blurred);
  t.diagnostic(`window.find inside blurred blocks: ${JSON.stringify(found.inside)}`);
  assert.deepEqual(found.clean.filter(([, hit]) => !hit), [], 'text outside blurred blocks is found (the check works)');
  assert.deepEqual(found.inside.filter(([, hit]) => hit).map(([s]) => s), [], 'no text of an element inside a blurred block is found');
  await page.close();
});

test('Enter reveals and focuses the paragraph; its label hides it again and focus goes back', async () => {
  const page = await open();
  const sel = '#kb-s1';
  await page.focus(sel);
  await page.keyboard.press('Enter');
  assert.equal((await states(page, [sel]))[sel], 'revealed');
  assert.deepEqual(await focused(page), { name: 'kb-s1', block: false, inside: false }, 'focus is on the revealed paragraph');
  // The link inside is reachable now, and once focus left the paragraph it is the page's
  // own again: no tabindex of ours.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page))?.name, 'kb-s1-link');
  assert.equal(await page.$eval(sel, (el) => el.getAttribute('tabindex')), null, 'no tabindex left on the paragraph');
  // Shift+Tab from the link: the "Hide spoiler" label, just before the paragraph.
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SPOILER-SHIELD-LABEL');
  await page.keyboard.press(' ');
  assert.equal((await states(page, [sel]))[sel], 'blurred');
  assert.deepEqual(await focused(page), { name: 'kb-s1', block: true, inside: false }, 'focus is back on the blurred block');
  // Blurred again: the link is out of reach again.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page))?.name, 'kb-s2');
  await page.close();
});

// Every element's attributes under <main>, as [path, name, value] triples, from the page
// as served (parsed from its source) or as it is now. Our own state attributes, while a
// block is revealed, and our label elements are left out when `ours` says so.
function attributesNow(page, { ours }) {
  return page.evaluate(async (ours) => {
    const list = (doc) => {
      const out = [];
      const walk = (el, path) => {
        for (const a of el.attributes) {
          if (ours && a.name.startsWith('data-spoiler-shield')) continue;
          out.push(`${path} ${a.name}=${JSON.stringify(a.value)}`);
        }
        let i = 0;
        for (const child of el.children) {
          if (ours && child.tagName === 'SPOILER-SHIELD-LABEL') continue;
          walk(child, `${path}/${child.tagName.toLowerCase()}[${i++}]`);
        }
      };
      walk(doc.querySelector('main'), 'main');
      return out;
    };
    const source = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
    return { source: list(source), now: list(document) };
  }, ours);
}

test('reveal, then clear, gives back every attribute the page had', async (t) => {
  const page = await open();
  const blurredNow = await attributesNow(page, { ours: true });
  const added = blurredNow.now.filter((a) => !blurredNow.source.includes(a));
  t.diagnostic(`while blurred, besides our data-*: ${added.length} attributes (${added.slice(0, 4).join('; ')} …)`);
  assert.ok(added.some((a) => / inert=""$/.test(a)), 'while blurred, the elements inside are inert');

  for (const sel of want.blurred) await page.click(sel);
  await page.keyboard.press('Tab'); // focus leaves whatever our keys gave it
  assert.deepEqual(Object.values(await states(page, want.blurred)), want.blurred.map(() => 'revealed'));
  const revealed = await attributesNow(page, { ours: true });
  assert.deepEqual(revealed.now, revealed.source, 'revealed: every attribute as the page had it (ours aside)');

  // Pausing the site clears every trace of the shield.
  await setSettings(env.browser, { paused: [new URL(page.url()).hostname] });
  await settled(page, { until: () => !document.querySelector('[data-spoiler-shield]') });
  const cleared = await attributesNow(page, { ours: false });
  assert.deepEqual(cleared.now, cleared.source, 'cleared: the page\'s markup exactly');
  await setSettings(env.browser, { paused: [] });
  await page.close();
});

test('a page that takes inert off what is inside a blurred block gets it back', async () => {
  const page = await open();
  const before = (await stats(page)).reprotected;
  assert.equal(before, 0, 'our own writes of inert are not taken for tampering');
  await page.evaluate(() => document.getElementById('kb-s1-link').removeAttribute('inert'));
  await page.waitForFunction(() => document.getElementById('kb-s1-link').inert, null, { polling: 50, timeout: 5000 });
  assert.equal((await stats(page)).reprotected, before + 1, 'counted as one re-protection');
  assert.equal((await states(page, ['#kb-s1']))['#kb-s1'], 'blurred');
  await page.close();
});
