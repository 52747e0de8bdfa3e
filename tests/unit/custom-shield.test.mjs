// Custom shields (extension/options/custom-shield.js), without a browser: the form's fields
// become a shield in the SHIELDS.md schema, a draft the core proposed keeps its richer
// entries for what the reader kept (withDraft), the core's messages are put in the form's
// words, and a shield is checked (checkShield) against the ids already in use and a trial
// engine before anything is stored. The core is a stand-in here: its own checks are
// tests/wasm.rs's; what is tested is what this module does with their answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  withDraft, draftFields, explainDraftError, explainForForm, shieldFromForm, checkShield,
} from '../../extension/options/custom-shield.js';

const DRAFT = {
  schema: 1, id: 'the-great-gatsby', title: 'The Great Gatsby', author: 'F. Scott Fitzgerald',
  entities: [
    { name: 'Jay Gatsby', kind: 'character', aliases: ['Gatsby'] },
    { name: 'Tom', kind: 'character', common: true },
    { name: 'West Egg', kind: 'place' },
  ],
  terms: [
    { phrase: 'affair', weight: 0.5, needs_entity: true, revealed: { at: 'about 47% into the summary', percent: 47 } },
    { phrase: 'lovers', also: ['lover'], weight: 0.5, needs_entity: true, revealed: { at: 'about 45% into the summary', percent: 45 } },
    { phrase: 'green light', weight: 0.4, needs_entity: true, revealed: { at: 'about 41% into the summary', percent: 41 } },
  ],
};

test('withDraft: kept entries keep the draft\'s objects, added ones get defaults, removed ones are gone', () => {
  const fields = {
    title: ' The Great Gatsby ', author: 'F. Scott Fitzgerald',
    names: 'jay  gatsby, West Egg\nOwl Eyes', // Tom removed, one name added, one re-cased
    phrases: 'affair\nGreen Light\nthe funeral', // lovers removed
  };
  const shield = shieldFromForm(fields, new Set(), DRAFT);
  assert.equal(shield.id, 'custom-the-great-gatsby', 'the id is the form\'s, not the draft\'s');
  assert.deepEqual(shield.entities, [
    { name: 'jay  gatsby', kind: 'character', aliases: ['Gatsby'] },
    { name: 'West Egg', kind: 'place' },
    { name: 'Owl Eyes', kind: 'character' },
  ]);
  assert.deepEqual(shield.terms, [
    DRAFT.terms[0],
    { ...DRAFT.terms[2], phrase: 'Green Light' },
    { phrase: 'the funeral', weight: 1.0, revealed: { at: 'anywhere in the book', percent: 100 } },
  ]);
  // Pure: the draft is not changed, and the shield shares no object with it.
  shield.entities[0].aliases.push('Jay');
  assert.deepEqual(DRAFT.entities[0].aliases, ['Gatsby']);
  // Without a draft the form's shield is unchanged.
  const plain = shieldFromForm(fields, new Set());
  assert.deepEqual(withDraft(plain, null), plain);
  assert.ok(plain.terms.every((t) => t.weight === 1.0 && !('needs_entity' in t)));
});

test('withDraft: a draft\'s shared author stays shared, and a shield from the form alone claims nothing', () => {
  const fields = { title: 'The Great Gatsby', author: 'F. Scott Fitzgerald', names: 'Jay Gatsby', phrases: 'affair' };
  assert.equal(shieldFromForm(fields, new Set(), { ...DRAFT, author_shared: true }).author_shared, true);
  assert.equal(shieldFromForm({ ...fields, author: 'Fitzgerald' }, new Set(), { ...DRAFT, author_shared: true }).author_shared, true,
    'the reader re-spelling the author does not tell the draft which books they wrote');
  assert.ok(!('author_shared' in shieldFromForm(fields, new Set(), DRAFT)));
  assert.ok(!('author_shared' in shieldFromForm(fields, new Set())));
});

// The plot the core drafts beside the names and phrases (schema 2), which the form does
// not show.
const PLOT = {
  premise: [
    { says: 'Nick rents a house in West Egg beside the mansion of Jay Gatsby.', who: ['West Egg', 'Jay Gatsby'], words: ['vast mansion'] },
  ],
  events: [
    { says: 'Tom confronts Gatsby about the affair.', who: ['Tom', 'Jay Gatsby'], words: ['confronts gatsby'], at: 'about 60% into the summary', percent: 60 },
    { says: 'Tom tells Wilson whose car it was.', who: ['Tom'], words: ['grieving'], at: 'about 77% into the summary', percent: 77 },
  ],
};

test('withDraft: the draft\'s events and premise go with the names the reader kept', () => {
  const draft = { ...DRAFT, schema: 2, ...PLOT };
  const fields = { title: 'The Great Gatsby', author: 'F. Scott Fitzgerald', names: 'jay gatsby\nWest Egg', phrases: 'affair' };
  const shield = shieldFromForm(fields, new Set(), draft);
  assert.equal(shield.schema, 2, 'events need schema 2');
  // Tom was removed: his own event goes, the shared one keeps Gatsby, as the reader spells him.
  assert.deepEqual(shield.events, [{ ...PLOT.events[0], who: ['jay gatsby'] }]);
  assert.deepEqual(shield.premise, [{ ...PLOT.premise[0], who: ['West Egg', 'jay gatsby'] }]);
  assert.deepEqual(Object.keys(shield).slice(-2), ['premise', 'events'], 'after terms, as in SHIELDS.md');
  // Every participant names an entity of the shield.
  const names = new Set(shield.entities.map((e) => e.name));
  assert.ok([...shield.events, ...shield.premise].every((item) => item.who.every((w) => names.has(w))));
  // Pure: the draft's items are not changed.
  assert.deepEqual(draft.events, PLOT.events);
  // Every participant removed: no plot left, and the form's schema stays.
  const none = shieldFromForm({ ...fields, names: 'Owl Eyes' }, new Set(), draft);
  assert.equal(none.schema, 1);
  assert.ok(!('events' in none) && !('premise' in none), JSON.stringify(none));
  // A draft without a plot (schema 1) adds none.
  assert.ok(!('events' in shieldFromForm(fields, new Set(), DRAFT)));
});

test('draftFields and explainDraftError: the text the form shows', () => {
  const fields = draftFields(DRAFT);
  assert.equal(fields.names, 'Jay Gatsby\nTom\nWest Egg');
  assert.equal(fields.phrases, 'affair\nlovers\ngreen light');
  assert.match(fields.note, /^Proposed 3 names and 3 phrases; the later in the summary a phrase comes, the more it counts\./);
  assert.match(draftFields({ ...DRAFT, ...PLOT }).note,
    /^Proposed 3 names and 3 phrases, and 2 plot events kept with the names they involve; the later/);
  assert.equal(explainDraftError('the summary has 12 words; paste a plot summary of at least 40 words, ending included'),
    'No shield was proposed: the summary has 12 words; paste a plot summary of at least 40 words, ending included.');
});

test('shieldFromForm: trimmed fields, neutral weights, and an id no shield uses yet', () => {
  const fields = { title: '  Crème Brûlée!  ', author: ' A. Writer ', names: 'Ann, Bob\n\n Cy ', phrases: 'the end\n\n twist ' };
  const shield = shieldFromForm(fields, new Set(['custom-creme-brulee', 'custom-creme-brulee-2']));
  assert.equal(shield.id, 'custom-creme-brulee-3');
  assert.equal(shieldFromForm(fields, new Set(['custom-creme-brulee'])).id, 'custom-creme-brulee-2');
  assert.equal(shield.title, 'Crème Brûlée!');
  assert.equal(shield.author, 'A. Writer');
  assert.deepEqual(shield.entities.map((e) => e.name), ['Ann', 'Bob', 'Cy']);
  assert.deepEqual(shield.terms, [
    { phrase: 'the end', weight: 1.0, revealed: { at: 'anywhere in the book', percent: 100 } },
    { phrase: 'twist', weight: 1.0, revealed: { at: 'anywhere in the book', percent: 100 } },
  ]);
  assert.equal(shieldFromForm({ ...fields, title: '???' }, new Set()).id, 'custom-shield', 'a title with no letter');
});

test('explainForForm: the core\'s field paths in the form\'s words, without the line number', () => {
  assert.equal(explainForForm('shield: line 3: terms[2].phrase: is empty'), 'Phrase 3: is empty');
  assert.equal(explainForForm('entities[0].name: too long'), 'Name 1: too long');
  assert.equal(explainForForm('entities: at least one is needed'), 'Names: at least one is needed');
  assert.equal(explainForForm('title: is empty'), 'Title: is empty');
  assert.equal(explainForForm('holds 5000 phrases (the limit is 2000)'), 'The shield has 5000 names and phrases');
});

// A stand-in core: validateShield parses and refuses a shield without terms; an Engine
// refuses two shields of one title (a clash only the whole set shows).
const core = {
  validateShield(json) {
    const shield = JSON.parse(json);
    if (!shield.terms?.length) throw new Error('terms: a shield needs at least one term');
    return shield;
  },
  Engine: class {
    constructor(config) {
      const titles = config.shields.map((s) => s.title);
      if (new Set(titles).size !== titles.length) throw new Error('two shields have one title');
    }

    free() {}
  },
};

test('checkShield: the core\'s refusal, an id in use, or a clash with the stored shields', () => {
  const mine = { schema: 1, id: 'custom-mine', title: 'Mine', terms: [{ phrase: 'x', weight: 1 }] };
  const json = (s) => JSON.stringify(s);
  const catalog = new Set(['rebecca']);
  assert.deepEqual(checkShield(core, json({ ...mine, id: 'custom-new', title: 'New' }), [mine], catalog).shield.id, 'custom-new');
  assert.match(checkShield(core, json({ ...mine, terms: [] }), [], catalog).error, /at least one term/);
  assert.match(checkShield(core, json({ ...mine, id: 'rebecca' }), [], catalog).error, /already used by a bundled book/);
  assert.match(checkShield(core, json(mine), [mine], catalog).error, /already used by your custom shield “Mine”/);
  assert.match(checkShield(core, json({ ...mine, id: 'custom-other' }), [mine], catalog).error, /two shields have one title/);
});
