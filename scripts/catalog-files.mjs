#!/usr/bin/env node
// Writes the catalog beside the Wasm module, which bundles no book (see src/catalog.rs):
//   <out>/catalog.json        [{id, title, author, year, parts}], sorted by title
//   <out>/shields/<id>.json   each book's shield, compacted (whitespace removed)
// from shields/*.json (cues.json stays compiled into the module). The extension build
// copies both into core/; the playground and the browser benchmark fetch them from /pkg/.
//
//   node scripts/catalog-files.mjs OUT_DIR
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHIELDS = path.join(ROOT, 'shields');

// "The Great Gatsby" sorts under G, as in a library.
const sortKey = (title) => title.replace(/^(the|a|an)\s+/i, '').toLowerCase();

export function writeCatalogFiles(outDir) {
  const books = [];
  fs.rmSync(path.join(outDir, 'shields'), { recursive: true, force: true });
  fs.mkdirSync(path.join(outDir, 'shields'), { recursive: true });
  for (const name of fs.readdirSync(SHIELDS).filter((n) => n.endsWith('.json') && n !== 'cues.json')) {
    const file = path.join(SHIELDS, name);
    let shield;
    try {
      shield = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${path.relative(ROOT, file)}: ${err.message} (run \`cargo test\` for the line)`);
    }
    if (`${shield.id}.json` !== name) throw new Error(`${path.relative(ROOT, file)}: id ${JSON.stringify(shield.id)} does not match the file name`);
    fs.writeFileSync(path.join(outDir, 'shields', name), JSON.stringify(shield));
    const { id, title, author, year = null, parts = [] } = shield;
    books.push({ id, title, author, year, parts });
  }
  books.sort((a, b) => sortKey(a.title).localeCompare(sortKey(b.title)));
  fs.writeFileSync(path.join(outDir, 'catalog.json'), JSON.stringify(books));
  return books;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node scripts/catalog-files.mjs OUT_DIR');
    process.exit(2);
  }
  try {
    const books = writeCatalogFiles(path.resolve(out));
    console.log(`wrote ${out}/catalog.json and ${books.length} shield files`);
  } catch (err) {
    console.error(`catalog-files: ${err.message}`);
    process.exit(1);
  }
}
