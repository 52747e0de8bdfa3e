// Nothing hidden is reachable, in Firefox ESR (issue 14; tests/e2e/keyboard.test.mjs and
// a11y.test.mjs are the Chromium side): Tab never stops inside a blurred block of the
// keyboard sample, find-in-page does not land on what is inside one, Enter reveals and
// focuses the paragraph and its label hides it again, and axe-core finds no serious or
// critical violation on the blurred page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { EXPECTED, Key, useFirefox, trackBooks, openSettled, states } from './helpers.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SAMPLE = 'samples/keyboard.html';
const want = EXPECTED[SAMPLE];

const env = useFirefox({
  before, after,
  setup: async () => {
    await trackBooks(env.browser, want.books);
    await openSettled(env, SAMPLE);
    const got = await states(driver(), want.blurred);
    assert.deepEqual(want.blurred.filter((sel) => got[sel] !== 'blurred'), [], 'every spoiler of the page is blurred');
  },
});
const driver = () => env.browser.driver;

// What has focus in the current tab: its id (or tag and text), whether it is a blurred
// block, whether it sits inside one.
function focused() {
  return driver().executeScript(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    return {
      name: el.id || `${el.tagName.toLowerCase()}:${el.textContent.trim().slice(0, 30)}`,
      block: el.getAttribute('data-spoiler-shield') === 'blurred',
      inside: Boolean(el.parentElement?.closest('[data-spoiler-shield="blurred"]')),
    };
  });
}

async function press(key) {
  await driver().actions().sendKeys(key).perform();
}

test('Tab stops once on each blurred block and never inside one', async (t) => {
  const stops = [];
  for (let i = 0; i < 40; i++) {
    await press(Key.TAB);
    const now = await focused();
    if (!now) continue; // Firefox may pass through the document itself first
    stops.push(now);
    if (now.name === 'kb-footer-link') break;
  }
  t.diagnostic(`stops: ${stops.map((s) => s.name).join(' ')}`);
  assert.deepEqual(stops.filter((s) => s.inside).map((s) => s.name), [], 'no stop inside a blurred block');
  assert.deepEqual(stops.filter((s) => s.block).map((s) => `#${s.name}`), want.blurred, 'each blurred block is one stop');
  const names = stops.map((s) => s.name);
  for (const id of ['kb-intro-link', 'kb-times-button', 'kb-next-link', 'kb-email', 'kb-footer-link']) {
    assert.ok(names.includes(id), `Tab reaches #${id}`);
  }
});

test('find-in-page does not land on the links, buttons and labels of a blurred block', async (t) => {
  const found = await driver().executeScript((sels) => {
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
});

test('axe-core: no serious or critical violation on the blurred page', async (t) => {
  const names = await driver().executeScript((sels) => sels.map((sel) => {
    const el = document.querySelector(sel);
    return { sel, name: el.getAttribute('aria-label'), shown: el.previousElementSibling?.textContent };
  }), want.blurred);
  for (const { sel, name, shown } of names) {
    assert.ok(shown && name.toLowerCase().includes(shown.toLowerCase()), `${sel}: its name "${name}" holds its label "${shown}"`);
  }
  await driver().executeScript(AXE);
  const result = await driver().executeAsyncScript(`const done = arguments[arguments.length - 1];
    axe.run(document).then((r) => done({ passed: r.passes.length,
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) })) }),
      (err) => done({ error: String(err) }));`);
  assert.equal(result.error, undefined);
  t.diagnostic(`${result.passed} rules passed; violations: ${JSON.stringify(result.violations)}`);
  assert.ok(result.passed >= 10, `axe passed only ${result.passed} rules`);
  // As in tests/e2e/a11y.test.mjs: label-in-name takes a blurred block's blurred text for
  // its visible label; the label shown is its name.
  const bad = result.violations
    .map((v) => ({ ...v, nodes: v.id === 'label-content-name-mismatch' ? v.nodes.filter((n) => !want.blurred.includes(n)) : v.nodes }))
    .filter((v) => v.nodes.length && (v.impact === 'serious' || v.impact === 'critical'));
  assert.deepEqual(bad, []);
});

test('Enter reveals and focuses the paragraph; its label hides it again and focus goes back', async () => {
  const sel = '#kb-s2';
  await driver().executeScript((sel) => document.querySelector(sel).focus(), sel);
  await press(Key.ENTER);
  assert.equal((await states(driver(), [sel]))[sel], 'revealed');
  assert.deepEqual(await focused(), { name: 'kb-s2', block: false, inside: false }, 'focus is on the revealed paragraph');
  await press(Key.TAB);
  assert.equal((await focused())?.name, 'kb-s2-button', 'the button inside is reachable once revealed');
  await driver().actions().keyDown(Key.SHIFT).sendKeys(Key.TAB).keyUp(Key.SHIFT).perform();
  assert.equal(await driver().executeScript(() => document.activeElement.tagName), 'SPOILER-SHIELD-LABEL');
  await press(Key.SPACE);
  assert.equal((await states(driver(), [sel]))[sel], 'blurred');
  assert.deepEqual(await focused(), { name: 'kb-s2', block: true, inside: false }, 'focus is back on the blurred block');
});
