// The plot guard (extension/content/plot-guard.js), without a browser: which blocks of a
// page it blurs as plot, for which books, under which label; and that on a page about a
// book its plot section is the very blocks the core's readArticle drafts from (the same
// headings, article-rules.json, and the same section bounds). Needs `make wasm` (the
// authoring module, in Node). The browser side (before paint, in every frame, the rescan
// after "Shield this book") is tests/e2e/shield-this-book.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModule } from '../../scripts/prefilter-keys.mjs';
import {
  PlotGuard, plotPolicy, headingKey, labelsAuthor, saysWorkBy,
} from '../../extension/content/plot-guard.js';
import { DEFAULTS } from '../../extension/common/settings-shape.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const core = await loadModule(path.join(ROOT, 'pkg'), 'spoiler_shield_authoring');

const CATALOG = [['gone-girl', 'Gone Girl'], ['never-let-me-go', 'Never Let Me Go']];
const STORY = 'The orphan grows up in the lighthouse with the keeper, who teaches her to read the weather and the ships that pass along the coast, until the winter the keeper falls ill and she must keep the lamp burning alone through the longest storms of the year.';

// A stand-in for a block element: its tag and what contains it.
function element(localName, parent = null) {
  return {
    localName,
    parent,
    contains(other) {
      for (let n = other; n; n = n.parent) if (n === this) return true;
      return false;
    },
  };
}

// Walks, as the guard keys them (objects).
const STREAM = { walk: 'the document' };
const OTHER = { walk: 'a subtree added meanwhile' };

// Runs a guard over a page ([tag or element, text], read by one walk unless `walkOf`
// says otherwise); returns the indices it blurred and the verdicts.
function guard(page, { settings = {}, shields = [], walkOf = () => STREAM } = {}) {
  const policy = plotPolicy({ ...DEFAULTS, ...settings }, shields, CATALOG);
  if (!policy) return { blurred: [], verdicts: [] };
  const g = new PlotGuard(policy);
  const blurred = [];
  const verdicts = [];
  page.forEach(([tag, text], i) => {
    const el = typeof tag === 'string' ? element(tag) : tag;
    const verdict = g.see(el, text, walkOf(i));
    if (verdict) {
      blurred.push(i);
      verdicts.push(verdict);
      assert.ok(g.holds(el) && g.verdictOf(el) === verdict);
    }
  });
  return { blurred, verdicts };
}

// The blocks readArticle drafts from: its plot range, headings left out.
function drafted(page) {
  const read = core.readArticle(page.map(([tag, text]) => ({ tag, text })));
  assert.ok(read.plotBlocks, JSON.stringify(read));
  const [start, end] = read.plotBlocks;
  return [...Array(end - start).keys()].map((i) => start + i).filter((i) => !/^h[1-6]$/.test(page[i][0]));
}

const ARTICLE = [
  ['h1', 'The Lamp (novel)'], ['th', 'Author'], ['td', 'Ada Quill'],
  ['p', 'The Lamp is a 1990 novel by Ada Quill, set on a northern coast.'],
  ['h2', 'Contents'], ['li', 'Plot'], ['li', 'Reception'],
  ['h2', 'Plot[edit]'], ['p', STORY], ['p', STORY], ['h3', 'Part two'], ['p', STORY],
  ['h2', 'Reception[edit]'], ['p', 'Critics praised the quiet prose of the book and its sense of the sea.'],
];

test('an article about a book nobody shields: its plot section is blurred, the very blocks the core drafts from', () => {
  const { blurred, verdicts } = guard(ARTICLE);
  assert.deepEqual(blurred, [8, 9, 11]);
  assert.deepEqual(blurred, drafted(ARTICLE));
  assert.deepEqual(verdicts[0], {
    book: 'the-lamp', title: 'The Lamp', score: 0, phrases: [], label: "Plot of The Lamp · a book you don't shield · click to read",
  });
  assert.equal(core.readArticle(ARTICLE.map(([tag, text]) => ({ tag, text }))).title, 'The Lamp', 'the id is the slug of the title the core reads');
});

test('what says the page is about a book: its title is a known book, an Author label, "a … novel by"', () => {
  const bare = [['h1', 'The Lamp'], ['p', 'A story of the sea, told by the keeper of a lighthouse.'], ['h2', 'Plot'], ['p', STORY]];
  assert.deepEqual(guard(bare).blurred, [], 'a "Plot" heading alone heads films and games as often');
  assert.deepEqual(guard([bare[0], ['p', 'Author: Ada Quill'], ...bare.slice(1)]).blurred, [4]);
  assert.deepEqual(guard([bare[0], ['dt', 'Written by'], ['dd', 'Ada Quill'], ...bare.slice(1)]).blurred, [5]);
  assert.deepEqual(guard([bare[0], ['p', 'The Lamp is a 1990 novel by Ada Quill.'], ...bare.slice(1)]).blurred, [4]);
  const film = [['h1', 'The Lamp (film)'], ['p', 'The Lamp is a 2010 film directed by Ada Quill, based on a story by Bo Ek.'], ['h2', 'Plot'], ['p', STORY]];
  assert.deepEqual(guard(film).blurred, [3], '"a story by" is an authorship');
  film[1][1] = 'The Lamp is a 2010 film directed by Ada Quill.';
  assert.deepEqual(guard(film).blurred, [], 'a film');
  const late = [['h1', 'The Lamp'], ['p', 'One.'], ['p', 'Two.'], ['p', 'Three.'], ['p', 'The Lamp is a novel by Ada Quill.'], ['h2', 'Plot'], ['p', STORY]];
  assert.deepEqual(guard(late).blurred, [], 'only the opening paragraphs say "a novel by"');
  const known = [['h1', 'Gone Girl'], ['h2', 'Synopsis'], ['p', STORY]];
  const { blurred, verdicts } = guard(known);
  assert.deepEqual(blurred, [2]);
  assert.equal(verdicts[0].book, 'gone-girl', "a catalog book's plot carries its catalog id");
  assert.equal(verdicts[0].label, "Plot of Gone Girl · a book you don't shield · click to read");
  assert.ok(labelsAuthor('Author(s):') && labelsAuthor('AUTHOR') && !labelsAuthor('Author: the') && !labelsAuthor('About the author'));
  assert.ok(saysWorkBy('a 2005 novel, by Kazuo Ishiguro') && saysWorkBy('a memoir by J. Doe'));
  assert.ok(!saysWorkBy('a novel written by Kazuo Ishiguro') && !saysWorkBy('a book by the sea'));
});

test('which books it leaves alone: tracked catalog books, books switched off or finished, and all when it is off', () => {
  const page = [['h1', 'Gone Girl'], ['h2', 'Plot'], ['p', STORY]];
  assert.deepEqual(guard(page, { settings: { tracked: ['gone-girl'] } }).blurred, [], 'its shield judges each paragraph');
  assert.deepEqual(guard(page, { settings: { tracked: ['gone-girl'], off: ['gone-girl'] } }).blurred, [], 'switched off');
  assert.deepEqual(guard(page, { settings: { tracked: ['never-let-me-go'] } }).blurred, [2], 'another book tracked');
  assert.deepEqual(guard(page, { settings: { plotGuard: false } }).blurred, [], 'the setting off');
  // A book shielded by a shield of the reader's own (drafted from such a page) keeps its
  // plot blurred where its shield finds nothing; finished or off, it does not.
  const lamp = [['h1', 'The Lamp (novel)'], ['h2', 'Plot'], ['p', STORY]];
  const shields = [{ id: 'the-lamp', title: 'The Lamp' }];
  const { blurred, verdicts } = guard(lamp, { settings: { tracked: ['the-lamp'] }, shields });
  assert.deepEqual(blurred, [2]);
  assert.equal(verdicts[0].label, 'Plot of The Lamp · click to read');
  assert.equal(verdicts[0].book, 'the-lamp');
  assert.deepEqual(guard(lamp, { settings: { tracked: ['the-lamp'], progress: { 'the-lamp': 100 } }, shields }).blurred, []);
  assert.deepEqual(guard(lamp, { settings: { tracked: ['the-lamp'], off: ['the-lamp'] }, shields }).blurred, []);
});

test('the section: to the next heading of its level, retellings only, the heading\'s chrome left out', () => {
  // An encyclopedia's heading in a wrapper with its "[edit]" link: the wrapper's own text
  // is a block, read after the heading. A wrapper with text of its own is plot.
  const wrapper = element('div');
  const long = element('section');
  const page = [
    ['h1', 'Gone Girl'], [element('h2', wrapper), 'Plot'], [wrapper, '[edit]'],
    ['p', STORY], ['li', 'A list item of the plot'], ['h4', 'Aftermath'], ['p', STORY],
    ['h2', 'Summary'], ['p', 'Jacket copy under a heading that heads plots on book pages only.'],
    [element('h2', long), '2. Synopsis:'], [long, `${STORY} ${STORY}`], ['h1', 'Another title'], ['p', STORY],
  ];
  assert.deepEqual(guard(page).blurred, [3, 4, 6, 10]);
  assert.equal(headingKey('2. Plot summary:[edit]'), 'plot summary');
  assert.equal(headingKey(' 3 Synopsis '), 'synopsis');
});

test('a section is a run of one walk: a block another walk reads meanwhile neither joins nor ends it', () => {
  const page = [['h1', 'Gone Girl'], ['h2', 'Plot'], ['p', STORY], ['h2', 'Elsewhere'], ['p', STORY], ['p', STORY]];
  // Block 3 and 4 come from another walk (a subtree the page added while it was parsed).
  const { blurred } = guard(page, { walkOf: (i) => (i === 3 || i === 4 ? OTHER : STREAM) });
  assert.deepEqual(blurred, [2, 5]);
});
