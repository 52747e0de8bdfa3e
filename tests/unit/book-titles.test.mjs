// How a page's book is named (extension/common/book-titles.js), held to the core: the id
// slug() gives a title is the id the core's drafter gives a shield of that title (so a
// plot section the guard blurred keeps its data-spoiler-shield-book once the reader
// shields the book), and cleanTitle() reads an <h1> as the core's readArticle does. Needs
// `make wasm` (the authoring module, in Node).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModule } from '../../scripts/prefilter-keys.mjs';
import { slug, cleanTitle, BookTitles } from '../../extension/common/book-titles.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const core = await loadModule(path.join(ROOT, 'pkg'), 'spoiler_shield_authoring');
const WORDS = fs.readFileSync(path.join(ROOT, 'data/english-words.tsv'), 'utf8');
const SUMMARY = fs.readFileSync(path.join(ROOT, 'tests/fixtures/summaries/great-gatsby.txt'), 'utf8');
// A plot long enough for readArticle (80 words), under a "Plot" heading.
const PLOT = [{ tag: 'h2', text: 'Plot' }, { tag: 'p', text: SUMMARY.split(/\s+/).slice(0, 120).join(' ') }];

// Titles as pages and readers write them: accents slug() spells plain and others it
// drops, punctuation, digits, a ligature, a dotted capital I, long titles cut at 64.
const TITLES = [
  'The Great Gatsby', 'Les Misérables!', '  Cien años de soledad  ', 'Ça ira', 'Œdipe roi', 'Straße der Ölsardinen',
  'İstanbul Hatırası', 'Harry Potter and the Half-Blood Prince', '1984', 'Brave New World: A Novel',
  'Jane Eyre: An Autobiography', 'The Hitchhiker’s Guide to the Galaxy', 'ÀÉÎÕÜ Çñ', 'Dziady — część III',
  `${'A very long title '.repeat(5)}that goes on`, 'Un--titled -- book -', '三体',
];

test('slug() is the id the core drafts a shield of that title under', () => {
  for (const title of TITLES) {
    const drafted = core.draftShield(title, 'A. Writer', SUMMARY, WORDS);
    assert.equal(slug(title), drafted.id, JSON.stringify(title));
  }
  // A title of no letters is no shield's (the core refuses it); its slug is the core's
  // fallback all the same (src/authoring/summary.rs slugs_are_valid_ids).
  assert.equal(slug('???'), 'custom-book');
});

test('cleanTitle() reads an <h1> as the core does', () => {
  const h1s = ['Rebecca (novel)', 'Rebecca (novel)[edit]', 'The Lamp (1990 novel) ', 'Catch-22', 'Ring (1991) (novel)',
    'Why (not)?', ' (novel)', 'A Title (unclosed', 'Jane Eyre[1]'];
  for (const h1 of h1s) {
    const read = core.readArticle([{ tag: 'h1', text: h1 }, ...PLOT]);
    assert.equal(cleanTitle(h1) || null, read.title, JSON.stringify(h1));
  }
});

test('a page titled as a book the reader knows gets its id; another book gets its drafted id', () => {
  const books = new BookTitles([
    { id: 'half-blood-prince', title: 'Harry Potter and the Half-Blood Prince', custom: false },
    { id: 'gone-girl', title: 'Gone Girl', custom: false },
    { id: 'custom-gone-girl', title: 'Gone Girl', custom: true },
    { id: 'rebecca', title: 'Rebecca', custom: false },
  ]);
  assert.equal(books.idFor('Harry Potter and the Half-Blood Prince'), 'half-blood-prince');
  assert.equal(books.find('harry potter and the half blood prince')?.id, 'half-blood-prince', 'case and punctuation aside');
  assert.equal(books.idFor('Gone Girl'), 'custom-gone-girl', "the reader's own shield of a catalog title wins");
  assert.equal(books.idFor('The Great Gatsby'), 'the-great-gatsby');
  assert.equal(books.find('The Great Gatsby'), null);
  // A book of another title whose slug is a catalog book's id never takes that id.
  assert.equal(books.idFor('Half-Blood Prince'), 'half-blood-prince-book');
  const long = `Rebecca ${'x'.repeat(70)}`;
  const taken = new BookTitles([{ id: slug(long), title: 'Something else', custom: true }]);
  const id = taken.idFor(long);
  assert.ok(id.endsWith('-book') && id.length <= 64 && /^[a-z0-9-]+$/.test(id), id);
  core.validateShield(JSON.stringify({ ...core.draftShield(long, 'A. Writer', SUMMARY, WORDS), id }));
});
