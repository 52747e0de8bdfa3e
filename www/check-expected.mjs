#!/usr/bin/env node
// Checks tests/e2e/expected.json against the sample pages:
//   - every listed id exists exactly once on its page (later-inserted ids: in the page's
//     inline comment data), and has some text;
//   - no id is in two lists; "books" are catalogue ids;
//   - the many-comments sample agrees with many-comments.labels.json, and the generated
//     page is up to date.
//
//   node www/check-expected.mjs            check, print a summary
//   node www/check-expected.mjs --text     also print the text behind every listed id

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WWW = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(WWW, '..');
const expected = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/e2e/expected.json'), 'utf8'));
const showText = process.argv.includes('--text');
const CATALOG = [
  'never-let-me-go', 'gone-girl', 'half-blood-prince', 'a-game-of-thrones', 'mockingjay',
  'fight-club', 'the-murder-of-roger-ackroyd', 'atonement', 'life-of-pi', 'rebecca',
  'the-silent-patient', 'of-mice-and-men',
];

let errors = 0;
const fail = (msg) => { errors++; console.error('error: ' + msg); };

const decode = (s) => s.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();

function staticText(html, id) {
  const re = new RegExp(`<(\\w+)[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`);
  const m = html.match(re);
  return m ? decode(m[2]) : null;
}

for (const b of expected.books) if (!CATALOG.includes(b)) fail(`books: unknown catalogue id ${b}`);

for (const [page, spec] of Object.entries(expected)) {
  if (!page.startsWith('samples/')) continue;
  const file = path.join(WWW, page);
  if (!fs.existsSync(file)) { fail(`${page}: no such file`); continue; }
  const html = fs.readFileSync(file, 'utf8');
  const ids = new Map();
  for (const m of html.matchAll(/\bid="([^"]+)"/g)) ids.set(m[1], (ids.get(m[1]) || 0) + 1);

  let later = new Map();
  const data = html.match(/<script type="application\/json" id="comment-data">([\s\S]*?)<\/script>/);
  if (data) {
    for (const batch of JSON.parse(data[1]).batches) for (const c of batch) later.set(c.id, c.text);
  }

  if (spec.book !== null && !CATALOG.includes(spec.book)) fail(`${page}: unknown book ${spec.book}`);
  for (const b of spec.books || []) if (!expected.books.includes(b)) fail(`${page}: book ${b} not in top-level books`);

  const seen = new Map();
  const lists = ['blurred', 'clean', 'borderline', 'blurredLater', 'cleanLater'];
  for (const list of lists) {
    for (const sel of spec[list] || []) {
      if (!/^#[A-Za-z][\w-]*$/.test(sel)) { fail(`${page}: ${list}: ${sel} is not a plain #id selector`); continue; }
      const id = sel.slice(1);
      if (seen.has(id)) fail(`${page}: ${sel} is in both ${seen.get(id)} and ${list}`);
      seen.set(id, list);
      let text;
      if (list.endsWith('Later')) {
        if (!later.has(id)) fail(`${page}: ${list}: ${sel} is not in the page's comment data`);
        if (ids.has(id)) fail(`${page}: ${list}: ${sel} is already in the static page`);
        text = later.get(id);
      } else {
        const n = ids.get(id) || 0;
        if (n !== 1) fail(`${page}: ${list}: ${sel} occurs ${n} times in the page`);
        text = staticText(html, id);
      }
      if (!text) fail(`${page}: ${list}: ${sel} has no text`);
      if (showText) console.log(`${page} ${list.padEnd(12)} ${sel.padEnd(16)} ${text}`);
    }
  }
  if (spec.batches) {
    const all = spec.batches.flat().map((s) => s.slice(1)).sort();
    const inData = [...later.keys()].sort();
    if (JSON.stringify(all) !== JSON.stringify(inData)) fail(`${page}: batches do not match the comment data`);
    const listed = [...(spec.blurredLater || []), ...(spec.cleanLater || [])].map((s) => s.slice(1)).sort();
    if (JSON.stringify(listed) !== JSON.stringify(inData)) fail(`${page}: blurredLater + cleanLater do not cover the comment data`);
  }
  if (spec.bookOf) {
    for (const [sel, book] of Object.entries(spec.bookOf)) {
      if (!spec.blurred.includes(sel)) fail(`${page}: bookOf ${sel} is not in blurred`);
      if (!spec.books.includes(book)) fail(`${page}: bookOf ${sel}: ${book} is not one of the page's books`);
    }
  }
  if (spec.labels) {
    const labels = JSON.parse(fs.readFileSync(path.join(WWW, spec.labels), 'utf8'));
    for (const sel of spec.blurred) if (!labels.spoiler.includes(sel.slice(1))) fail(`${page}: ${sel} is not a spoiler in ${spec.labels}`);
    for (const sel of spec.clean) if (/^#c\d+$/.test(sel) && !labels.clean.includes(sel.slice(1))) fail(`${page}: ${sel} is not clean in ${spec.labels}`);
  }
  const count = (k) => (spec[k] || []).length;
  console.log(`${page}: ${count('blurred')} blurred, ${count('clean')} clean` +
    (spec.blurredLater ? `, ${count('blurredLater')} blurred later, ${count('cleanLater')} clean later` : '') +
    (count('borderline') ? `, ${count('borderline')} borderline (untested)` : ''));
}

try {
  execFileSync(process.execPath, [path.join(WWW, 'samples/gen-many-comments.mjs'), '--check'], { stdio: 'pipe' });
} catch (e) {
  fail(String(e.stderr || e.message).trim());
}

if (errors) { console.error(`${errors} problem(s)`); process.exit(1); }
console.log('expected.json agrees with the sample pages');
