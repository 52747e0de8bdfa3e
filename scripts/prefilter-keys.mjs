#!/usr/bin/env node
// Writes <out>/prefilter.json, {id: keys}: the prefilter keys of every catalog book
// (src/authoring/prefilter.rs), computed by the core (the authoring module, which ranks words by
// data/english-words.tsv) so that the content script can tell most blocks and most frames
// apart from anything about a tracked book before it loads the scan module. The service
// worker stores the tracked books' keys where the content script reads its settings
// (extension/common/prefilter-record.js). Beside it, <out>/prefilter-build.json,
// {build}: a digest of the keys, which the content script is bundled with, so that keys
// stored by another build are never used.
//
//   node scripts/prefilter-keys.mjs OUT_DIR   (after `make wasm` wrote OUT_DIR/spoiler_shield_authoring*)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// A Wasm module of `dir` ('spoiler_shield' or 'spoiler_shield_authoring'), instantiated
// in Node from its bytes.
export async function loadModule(dir, name) {
  const core = await import(pathToFileURL(path.join(dir, `${name}.js`)).href);
  core.initSync({ module: fs.readFileSync(path.join(dir, `${name}_bg.wasm`)) });
  return core;
}

// {id: keys} of the catalog's shield files, by the authoring module `authoring`.
export function catalogKeys(authoring) {
  const frequencies = fs.readFileSync(path.join(ROOT, 'data/english-words.tsv'), 'utf8');
  const keys = {};
  const dir = path.join(ROOT, 'shields');
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'cues.json').sort()) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const { id } = JSON.parse(text);
    try {
      keys[id] = authoring.prefilterKeys(text, frequencies);
    } catch (err) {
      throw new Error(`shields/${name}: ${err.message}`);
    }
  }
  return keys;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node scripts/prefilter-keys.mjs OUT_DIR');
    process.exit(2);
  }
  try {
    const keys = catalogKeys(await loadModule(path.resolve(out), 'spoiler_shield_authoring'));
    const text = JSON.stringify(keys);
    fs.writeFileSync(path.join(out, 'prefilter.json'), text);
    const build = crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);
    fs.writeFileSync(path.join(out, 'prefilter-build.json'), JSON.stringify({ build }));
    const count = Object.values(keys).reduce((n, k) => n + k.keys.length, 0);
    console.log(`wrote ${out}/prefilter.json: ${count} keys of ${Object.keys(keys).length} books`);
  } catch (err) {
    console.error(`prefilter-keys: ${err.message}`);
    process.exit(1);
  }
}
