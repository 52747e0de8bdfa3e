#!/usr/bin/env node
// Builds the unpacked Chromium extension and its zip:
//   dist/chromium/            load unpacked (manifest, content/, background/, popup/,
//                             options/, common/, icons/, core/ = the Wasm package)
//   dist/spoiler-shield-chromium.zip
// No bundler: the sources are copied as they are, plus the two files of pkg/ (`make wasm`).
//   node scripts/build-extension.mjs [--pkg DIR]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'extension');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(DIST, 'chromium');
const ZIP = path.join(DIST, 'spoiler-shield-chromium.zip');
const CORE_FILES = ['spoiler_shield.js', 'spoiler_shield_bg.wasm'];

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

// The manifest's version follows package.json, so there is one place to bump it.
function writeManifest() {
  const manifest = JSON.parse(fs.readFileSync(path.join(SRC, 'manifest.json'), 'utf8'));
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  manifest.version = version;
  fs.writeFileSync(path.join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
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
  fs.rmSync(OUT, { recursive: true, force: true });
  copySources(SRC, OUT);
  writeManifest();
  fs.mkdirSync(path.join(OUT, 'core'), { recursive: true });
  for (const f of CORE_FILES) fs.copyFileSync(path.join(PKG, f), path.join(OUT, 'core', f));
  writeZip(OUT, ZIP);
  const files = listFiles(OUT);
  const bytes = files.reduce((n, f) => n + fs.statSync(path.join(OUT, f)).size, 0);
  console.log(`built ${path.relative(ROOT, OUT)}/ (${files.length} files, ${(bytes / 1024).toFixed(0)} KiB) and ${path.relative(ROOT, ZIP)} (${(fs.statSync(ZIP).size / 1024).toFixed(0)} KiB)`);
}

main();
