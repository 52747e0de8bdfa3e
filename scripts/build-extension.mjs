#!/usr/bin/env node
// Builds the unpacked extension and its zip, for Chromium and for Firefox:
//   dist/chromium/            load unpacked (manifest, content/, background/, popup/,
//                             options/, common/, icons/, core/ = the Wasm package)
//   dist/spoiler-shield-chromium.zip
//   dist/firefox/             the same files; only the manifest differs (firefoxManifest)
//   dist/spoiler-shield-firefox.zip
// The sources are copied as they are, plus pkg/ (`make wasm`: the module, its glue, the
// catalog), except the content script, which esbuild bundles into content/content.js.
//   node scripts/build-extension.mjs [--pkg DIR]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'extension');
const DIST = path.join(ROOT, 'dist');
const CORE_FILES = ['spoiler_shield.js', 'spoiler_shield_bg.wasm', 'spoiler_shield_authoring.js', 'spoiler_shield_authoring_bg.wasm', 'catalog.json', 'prefilter.json', 'prefilter-build.json'];
const WORD_FREQUENCIES = path.join(ROOT, 'data/english-words.tsv');

const pkgArg = process.argv.indexOf('--pkg');
const PKG = pkgArg > 0 ? path.resolve(process.argv[pkgArg + 1]) : path.join(ROOT, 'pkg');

// Copies the extension sources; documents for people (*.md) stay out of the package.
function copySources(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copySources(src, dst);
    else if (!entry.name.endsWith('.md')) fs.copyFileSync(src, dst);
  }
}

// The content scripts as two classic scripts: content/early.js (begin-entry.js and
// begin.js: the page hidden and the settings read started, about 1 KB) and
// content/content.js (entry.js and everything it imports, the core's glue included, from
// core/, hence bundled in `out`). The manifest lists them in that order, so the settings
// read is on its way while the browser compiles and runs the big one. A content script
// cannot be an ES module, and importing modules at run time cost a round trip to the
// browser per import level before the first scan. The sources they were made from are
// then dropped from `out`; extension pages keep their modules.
const CONTENT_SCRIPTS = { 'begin-entry.js': 'early.js', 'entry.js': 'content.js' };

function bundleContentScripts(out) {
  const dir = path.join(out, 'content');
  for (const [entry, bundle] of Object.entries(CONTENT_SCRIPTS)) {
    esbuild.buildSync({
      entryPoints: [path.join(dir, entry)],
      outfile: path.join(dir, bundle),
      bundle: true,
      format: 'iife',
      target: ['chrome116', 'firefox140'],
      charset: 'utf8',
      legalComments: 'none',
      // V8's compile hint: compile every function of the bundle when the script is
      // compiled, not each on its first call. Nearly all of it runs while the page loads,
      // and a lazy function is parsed twice (skimmed, then compiled when first called,
      // inside the parser's tasks). Text shown, 1 book, medians over 7–12 sample pages,
      // three interleaved A/B runs on 2026-12-06: 29.0 → 23.1, 28 → 21.7 and 29.7 → 27.2
      // ms later than without the extension. Browsers without the hint read a comment.
      banner: { js: '//# allFunctionsCalledOnLoad' },
      // The glue reads import.meta.url only when init() is given no path; ours always is.
      logOverride: { 'empty-import-meta': 'silent' },
      logLevel: 'warning',
    });
  }
  // The block rules (block-rules.json) are bundled in as well, so they go too.
  const bundles = new Set(Object.values(CONTENT_SCRIPTS));
  for (const name of fs.readdirSync(dir)) {
    if ((name.endsWith('.js') || name.endsWith('.json')) && !bundles.has(name)) fs.rmSync(path.join(dir, name));
  }
}

// The catalog's books as [[id, title]], for the content script to bundle (the plot guard
// names a page's book by its title; the whole catalog.json, with every book's parts, is
// ten times the size). Dropped with the other sources once bundled.
function writeCatalogTitles(out) {
  const catalog = JSON.parse(fs.readFileSync(path.join(PKG, 'catalog.json'), 'utf8'));
  const titles = catalog.map((book) => [book.id, book.title]);
  fs.writeFileSync(path.join(out, 'content', 'catalog-titles.json'), JSON.stringify(titles));
}

// The add-on id Firefox knows the extension by; it also keys the storage and the
// moz-extension:// UUID (tests/firefox/ pins that UUID through this id).
export const GECKO_ID = 'spoiler-shield@example.org';
// The oldest Firefox the manifest is written for: data_collection_permissions, which
// Firefox asks of every new add-on, is read from 140 (an ESR) on; MV3, module background
// scripts and storage.session are older.
export const GECKO_MIN_VERSION = '140.0';

// Firefox's Manifest V3 has no extension service worker: the same module runs as a
// background script (an event page, `type: module` keeps its imports working). Chromium's
// minimum version means nothing there; the gecko settings name the add-on, the oldest
// Firefox it runs in, and declare that it collects no data at all (PERMISSIONS.md).
// Nor does Firefox know `use_dynamic_url` (MDN's compatibility table; its linter flags the
// key): it needs none, as its moz-extension://<uuid>/ URLs are random per install, so a
// page cannot guess them either.
export function firefoxManifest(manifest) {
  const { minimum_chrome_version: _, background: { service_worker: worker, ...background }, ...rest } = manifest;
  return {
    ...rest,
    background: { ...background, scripts: [worker] },
    web_accessible_resources: rest.web_accessible_resources?.map(({ use_dynamic_url: __, ...entry }) => entry),
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: GECKO_MIN_VERSION,
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}

// The manifest source is Chromium's; each target's manifest is made from it.
const TARGETS = {
  chromium: (manifest) => manifest,
  firefox: firefoxManifest,
};

// The manifest's version follows package.json, so there is one place to bump it.
function writeManifest(out, transform) {
  const manifest = JSON.parse(fs.readFileSync(path.join(SRC, 'manifest.json'), 'utf8'));
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  manifest.version = version;
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(transform(manifest), null, 2)}\n`);
}

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))]))
    .sort();
}

// A plain deflate zip (what the Chrome Web Store takes), written here to need no `zip`
// binary; entries are sorted and dated 1980-01-01 so the same tree gives the same bytes.
function writeZip(dir, file) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const name of listFiles(dir)) {
    const data = fs.readFileSync(path.join(dir, name));
    const packed = zlib.deflateRawSync(data, { level: 9 });
    const nameBuf = Buffer.from(name.split(path.sep).join('/'));
    const crc = zlib.crc32(data) >>> 0;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt16LE(0, 10);
    head.writeUInt16LE(0x21, 12); // 1980-01-01
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    head.copy(central, 6, 4, 30);
    central.writeUInt32LE(offset, 42);
    locals.push(head, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += head.length + nameBuf.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...locals, ...centrals, end]));
}

function main() {
  const missing = CORE_FILES.filter((f) => !fs.existsSync(path.join(PKG, f)));
  if (missing.length) {
    console.error(`build-extension: ${missing.join(', ')} missing in ${PKG}; build the Wasm package first with \`make wasm\``);
    process.exit(1);
  }
  for (const [target, transform] of Object.entries(TARGETS)) {
    const out = path.join(DIST, target);
    const zip = path.join(DIST, `spoiler-shield-${target}.zip`);
    fs.rmSync(out, { recursive: true, force: true });
    copySources(SRC, out);
    writeManifest(out, transform);
    fs.mkdirSync(path.join(out, 'core'), { recursive: true });
    for (const f of CORE_FILES) fs.copyFileSync(path.join(PKG, f), path.join(out, 'core', f));
    fs.cpSync(path.join(PKG, 'shields'), path.join(out, 'core', 'shields'), { recursive: true });
    // The word-frequency list the core drafts shields from summaries with (options page).
    fs.copyFileSync(WORD_FREQUENCIES, path.join(out, 'core', path.basename(WORD_FREQUENCIES)));
    writeCatalogTitles(out);
    bundleContentScripts(out);
    writeZip(out, zip);
    const files = listFiles(out);
    const bytes = files.reduce((n, f) => n + fs.statSync(path.join(out, f)).size, 0);
    console.log(`built ${path.relative(ROOT, out)}/ (${files.length} files, ${(bytes / 1024).toFixed(0)} KiB) and ${path.relative(ROOT, zip)} (${(fs.statSync(zip).size / 1024).toFixed(0)} KiB)`);
  }
}

// Runs when called as a script; tests import GECKO_ID and the manifest transform.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
