// What the popup offers on a page (extension/popup/this-book.js), with the core's own
// readArticle reading the page's blocks, without a browser: "Shield this book" on a page
// about a book the reader has no shield for, tracking on one they have, nothing on a
// news story, and one sentence the reader can act on where no shield can be drafted.
// Needs `make wasm` (the authoring module, in Node). The popup itself is
// tests/e2e/shield-this-book.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModule } from '../../scripts/prefilter-keys.mjs';
import {
  offerFor, shieldCounts, noPlotSentence, shieldedSentence,
} from '../../extension/popup/this-book.js';
import { DEFAULTS } from '../../extension/common/settings-shape.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const core = await loadModule(path.join(ROOT, 'pkg'), 'spoiler_shield_authoring');
const SUMMARY = fs.readFileSync(path.join(ROOT, 'tests/fixtures/summaries/great-gatsby.txt'), 'utf8');
const PARAGRAPHS = SUMMARY.split(/\n\s*\n/).filter((p) => p.trim());

const BOOKS = [
  { id: 'gone-girl', title: 'Gone Girl', author: 'Gillian Flynn', custom: false },
  { id: 'never-let-me-go', title: 'Never Let Me Go', author: 'Kazuo Ishiguro', custom: false },
  { id: 'custom-rebecca', title: 'Rebecca', author: 'Daphne du Maurier', custom: true },
];
const read = (page) => core.readArticle(page.map(([tag, text]) => ({ tag, text })));
const offer = (page, settings = {}) => offerFor(read(page), BOOKS, { ...DEFAULTS, ...settings });

const ARTICLE = [
  ['h1', 'The Great Gatsby (novel)'], ['th', 'Author'], ['td', 'F. Scott Fitzgerald'],
  ['p', 'The Great Gatsby is a 1925 novel by the American writer F. Scott Fitzgerald.'],
  ['h2', 'Plot[edit]'], ...PARAGRAPHS.map((p) => ['p', p]), ['h2', 'Reception[edit]'], ['p', 'Reviews were mixed.'],
];

test('a page about a book the reader has no shield for: a draft, under the id its plot was blurred with', () => {
  const got = offer(ARTICLE);
  assert.deepEqual(got, { kind: 'draft', id: 'the-great-gatsby', title: 'The Great Gatsby', author: 'F. Scott Fitzgerald' });
  const article = read(ARTICLE);
  assert.equal(article.heading, 'Plot[edit]');
  assert.ok(article.plot.startsWith(PARAGRAPHS[0].trim().slice(0, 40)), 'the plot is the section, for the drafter only');
});

test('a book the reader has a shield for is tracked, not drafted; one they track is said to be', () => {
  const gone = [['h1', 'Gone Girl'], ['h2', 'Summary'], ['p', 'Jacket copy.']];
  assert.equal(offer(gone).kind, 'track', 'the catalog\'s shield, even where the page has no plot to draft from');
  assert.equal(offer(gone).book.id, 'gone-girl');
  assert.equal(offer(gone).author, 'Gillian Flynn', 'the author is the shield\'s when the page does not say');
  assert.equal(offer(gone, { tracked: ['gone-girl'] }).kind, 'tracked');
  assert.equal(offer([['h1', 'Rebecca (novel)'], ['h2', 'Plot'], ['p', 'x']]).book.id, 'custom-rebecca', 'their own shield, untracked');
});

test('nothing on a page that does not read as about a book, or drafts from no plot section', () => {
  const news = [['h1', 'Council votes on the new bridge'], ['p', 'By Helen Marsh'], ...PARAGRAPHS.map((p) => ['p', p])];
  assert.equal(read(news).plot.length > 0, true, 'it has prose the command line would draft from');
  assert.equal(offer(news), null, 'a byline over prose is a news story');
  const review = [['h1', 'At a hundred: the best short novel'], ['dt', 'Author'], ['dd', 'F. Scott Fitzgerald'], ...PARAGRAPHS.map((p) => ['p', p])];
  assert.equal(read(review).aboutBook, true);
  assert.equal(offer(review), null, 'a review\'s prose is not a plot section');
  assert.equal(offer([['p', 'No title at all.']]), null);
  assert.equal(offerFor(null, BOOKS, DEFAULTS), null, 'no content script in the tab');
});

test('a page about a book with no plot to draft from gets one sentence the reader can act on', () => {
  const blurb = [['h1', 'The Lamp (novel)'], ['th', 'Author'], ['td', 'Ada Quill'], ['h2', 'Plot'], ['p', 'A keeper, a storm, a lamp.']];
  const got = offer(blurb);
  assert.equal(got.kind, 'noPlot');
  assert.equal(noPlotSentence(got),
    'No shield can be drafted from this page for The Lamp: the plot found on the page is 6 words long; at least 80 are needed to draft a shield (try a page with a fuller plot summary).');
});

test('what the popup says of the shield made', () => {
  const shield = core.draftShield('The Great Gatsby', 'F. Scott Fitzgerald', read(ARTICLE).plot, fs.readFileSync(path.join(ROOT, 'data/english-words.tsv'), 'utf8'));
  const counts = shieldCounts(shield);
  assert.ok(shield.events.length > 0, 'a draft tells the plot as events');
  assert.equal(counts, `${shield.entities.length} names, ${shield.terms.length} phrases and ${shield.events.length} events`);
  assert.equal(shieldedSentence(offer(ARTICLE), shield, true),
    `Shielded The Great Gatsby by F. Scott Fitzgerald: ${counts} found on this page. Set how far you have read under Shields.`);
  assert.equal(shieldCounts({ entities: [{}], terms: [{}, {}], events: [{}] }), '1 name, 2 phrases and 1 event');
  assert.match(shieldedSentence(offer([['h1', 'Gone Girl']]), { entities: [], terms: [{}] }, false), /^Shielded Gone Girl by Gillian Flynn: its shield knows 0 names and 1 phrase\./);
});
