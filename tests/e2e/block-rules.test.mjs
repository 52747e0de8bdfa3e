// One definition of a block: the CLI (`spoiler-shield blocks`, src/bin/spoiler-shield/html.rs)
// and the content script (BlockWalk in extension/content/blocks.js) must split every sample
// page into the same blocks, with the same texts (whitespace collapsed), in the same order.
// Both read extension/content/block-rules.json.
//
// The content script's side is the very module the extension bundles: blocks.js (and the
// rules it imports) bundled by esbuild, as scripts/build-extension.mjs does, and run in
// headless Chromium over each sample parsed by the browser's own HTML parser (DOMParser:
// the page's markup without running its scripts, which is what the CLI reads too). The
// extension itself is not needed here.
//
// The CLI is target/release/spoiler-shield or target/debug/spoiler-shield, whichever is
// newer (SPOILER_SHIELD_CLI names another); it must have been built after the rules and
// html.rs last changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import esbuild from 'esbuild';
import { ROOT, CHROMIUM } from './helpers.mjs';

const SAMPLES = path.join(ROOT, 'www/samples');
// Every sample page. Their sizes are small (the hostile ones build their load with
// scripts, which neither side runs here); many-comments.html, 2 MB, is the largest.
const PAGES = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.html')).sort();
const RULE_SOURCES = ['extension/content/block-rules.json', 'src/bin/spoiler-shield/html.rs'];

function cliPath() {
  if (process.env.SPOILER_SHIELD_CLI) return process.env.SPOILER_SHIELD_CLI;
  const built = ['release', 'debug']
    .map((p) => path.join(ROOT, 'target', p, 'spoiler-shield'))
    .filter((f) => fs.existsSync(f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!built.length) throw new Error('no spoiler-shield binary in target/: run `cargo build --release` first');
  const changed = Math.max(...RULE_SOURCES.map((f) => fs.statSync(path.join(ROOT, f)).mtimeMs));
  if (fs.statSync(built[0]).mtimeMs < changed) {
    throw new Error(`${path.relative(ROOT, built[0])} is older than ${RULE_SOURCES.join(' or ')}: run \`cargo build --release\` again`);
  }
  return built[0];
}

const collapse = (text) => text.replace(/\s+/g, ' ').trim();
const rows = (blocks) => blocks.map(({ tag, text }) => `<${tag.toLowerCase()}> ${collapse(text)}`);

function cliBlocks(cli, file) {
  const run = spawnSync(cli, ['blocks', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`${cli} blocks ${file} exited with ${run.status}: ${run.stderr}`);
  return rows(JSON.parse(run.stdout));
}

let browser;
let page;
let cli;

before(async () => {
  cli = cliPath();
  const bundle = esbuild.buildSync({
    entryPoints: [path.join(ROOT, 'extension/content/blocks.js')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'SpoilerShieldBlocks',
    target: ['chrome116'],
    logLevel: 'warning',
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  page = await browser.newPage();
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
});

after(async () => {
  await browser?.close();
});

// The content script's blocks of `html`: one BlockWalk over the document element, as
// main.js starts it, run to its end.
function browserBlocks(html) {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    const walk = new SpoilerShieldBlocks.BlockWalk(doc.documentElement);
    const blocks = walk.step(Infinity);
    if (!walk.done) throw new Error('the walk did not finish');
    return blocks.map(({ el, text }) => ({ tag: el.tagName, text }));
  }, html).then(rows);
}

for (const name of PAGES) {
  test(`${name}: the CLI and the content script find the same blocks`, async () => {
    const file = path.join(SAMPLES, name);
    const inBrowser = await browserBlocks(fs.readFileSync(file, 'utf8'));
    const inCli = cliBlocks(cli, file);
    assert.ok(inBrowser.length > 0, 'the page has blocks');
    const first = inBrowser.findIndex((row, i) => row !== inCli[i]);
    const at = first === -1 ? Math.min(inBrowser.length, inCli.length) : first;
    assert.deepEqual(
      { count: inCli.length, from: at, blocks: inCli.slice(at, at + 3) },
      { count: inBrowser.length, from: at, blocks: inBrowser.slice(at, at + 3) },
      `${name}: ${inCli.length} blocks in the CLI, ${inBrowser.length} in the browser; block ${at} is the first that differs`,
    );
  });
}
