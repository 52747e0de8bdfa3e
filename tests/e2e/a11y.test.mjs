// axe-core (the npm package, run in the page) over the popup, the options page and a sample
// page with its spoilers blurred: no violation of impact serious or critical. Violations of
// lower impact are printed as diagnostics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { EXPECTED, useBrowser, trackBooks, openSettled, openOptions, openPopup, states } from './helpers.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SAMPLE = 'samples/keyboard.html';
const want = EXPECTED[SAMPLE];
const env = useBrowser({ before, after, setup: (env) => trackBooks(env.browser, want.books) });

// Runs axe on `page` (its source evaluated through the DevTools protocol, which the
// extension pages' CSP does not govern) and returns the violations, and how many rules
// found something to check and passed it (so a page axe could not look at does not pass).
async function axe(page) {
  await page.evaluate(AXE);
  const { violations, passed } = await page.evaluate(async () => {
    const result = await window.axe.run(document);
    return {
      passed: result.passes.length,
      violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })),
    };
  });
  assert.ok(passed >= 10, `axe passed only ${passed} rules`);
  violations.passed = passed;
  return violations;
}

// Asserts no serious or critical violation; prints the rest. `waived` (a rule id → the
// selectors it may name, and why) takes a rule's findings on those nodes out, printed.
function check(t, what, violations, waived = {}) {
  t.diagnostic(`${what}: ${violations.passed} rules passed, ${violations.length} violated`);
  for (const v of violations) t.diagnostic(`${what}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).join(', ')}`);
  const bad = violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !waived[v.id]?.nodes.includes(n)) }))
    .filter((v) => v.nodes.length && (v.impact === 'serious' || v.impact === 'critical'));
  for (const [id, { why }] of Object.entries(waived)) t.diagnostic(`${what}: ${id} waived on the blurred blocks: ${why}`);
  assert.deepEqual(bad.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.join(', ')}`), [], `${what}: no serious or critical violation`);
}

let sample;

test('a sample page with its spoilers blurred', async (t) => {
  sample = await openSettled(env, SAMPLE);
  const got = await states(sample, want.blurred);
  assert.deepEqual(want.blurred.filter((sel) => got[sel] !== 'blurred'), [], 'the spoilers are blurred');
  // axe's label-in-name rule (WCAG 2.5.3) takes a blurred block's own text, which the blur
  // makes unreadable, for the visible label of its button. What the reader sees is our
  // label; that its words are the block's accessible name is checked here instead.
  const names = await sample.evaluate((sels) => sels.map((sel) => {
    const el = document.querySelector(sel);
    return { sel, name: el.getAttribute('aria-label'), shown: el.previousElementSibling?.textContent };
  }), want.blurred);
  for (const { sel, name, shown } of names) {
    assert.ok(shown && name.toLowerCase().includes(shown.toLowerCase()), `${sel}: its name "${name}" holds its label "${shown}"`);
  }
  check(t, SAMPLE, await axe(sample), {
    'label-content-name-mismatch': { nodes: want.blurred, why: 'their text is blurred, not a label; the label shown is in their name (checked above)' },
  });
});

test('the popup', async (t) => {
  const popup = await openPopup(env.browser, sample);
  check(t, 'popup', await axe(popup));
  await popup.close();
});

test('the popup offering "Shield this book" on an article about a book nobody shields', async (t) => {
  const article = await openSettled(env, 'articles/great-gatsby.html');
  const popup = await openPopup(env.browser, article);
  await popup.getByRole('button', { name: 'Shield this book: The Great Gatsby by F. Scott Fitzgerald' }).waitFor();
  check(t, 'popup with "Shield this book"', await axe(popup));
  await popup.close();
  await article.close();
});

test('the options page', async (t) => {
  const { page } = await openOptions(env.browser);
  check(t, 'options', await axe(page));
});
