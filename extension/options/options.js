// The options page: every book with a switch to track it, search, sensitivity, the plot
// guard (content/plot-guard.js), custom shields (create, import, export, delete). All UI is built with DOM calls; text a reader
// typed or imported only ever becomes text nodes. Every change is handed to the service
// worker to store (common/settings-client.js), so closing the tab right after a click
// loses nothing.
import { extensionFile, loadCatalog } from '../common/core.js';
import { loadAuthoring } from '../common/authoring.js';
import { allBooks } from '../common/books.js';
import { h } from '../common/dom.js';
import {
  loadSettings, onSettingsChanged, brokenShields, switchOffBrokenShields,
} from '../common/settings.js';
import { requestChange, changesBeforeRebuilds } from '../common/settings-client.js';
import {
  shieldFromForm, explainForForm, checkShield, draftFields, explainDraftError,
} from './custom-shield.js';

// SHIELDS.md "Limits": 1 MiB per shield file (MAX_FILE_BYTES in src/shield.rs, which
// checks it again). Checked here first so that a huge file is never read into memory.
const MAX_IMPORT_BYTES = 1024 * 1024;
const $ = (id) => document.getElementById(id);
let core;
let catalog; // the bundled books, [{id, title, author, year, parts}]
// The shield the core last proposed from a plot summary, until the form is saved or
// cleared: what the reader keeps of it keeps its weights, kinds and aliases, and the
// draft's plot events and premise go with the names they involve (withDraft).
let draft = null;

// Shows a message in one of the page's alert regions; `ok` styles it as good news.
function say(id, text, ok = false) {
  $(id).textContent = text;
  $(id).classList.toggle('ok', ok);
}

// After the worker's answer: a success re-renders through onSettingsChanged; a failure is
// reported and re-rendered from what is really stored, so no control shows a change that
// was not saved.
function settled(result, doneText = '') {
  say('message', result.ok ? doneText : result.error, result.ok);
  if (!result.ok) render();
  return result.ok;
}

// One list item per book; a custom shield the core no longer accepts (see
// switchOffBrokenShields) cannot be switched on and says why.
function bookItem(book, settings, shields, broken) {
  const tracked = settings.tracked.includes(book.id);
  const problem = book.custom ? broken.find((b) => b.id === book.id) : null;
  const box = h('input', {
    type: 'checkbox', checked: tracked && !problem, disabled: Boolean(problem),
    // Tracking a book switches its shield on; untracking forgets it.
    onchange: async (e) => settled(await changeSetting({ kind: 'track', id: book.id, on: e.target.checked })),
  });
  const by = [book.author, book.year].filter(Boolean).join(', ');
  const item = h('li', { 'data-id': book.id, 'data-search': `${book.title} ${book.author ?? ''}`.toLowerCase() },
    h('label', {}, box, ` ${book.title}`), h('span', { class: 'by' }, by));
  if (book.custom) {
    const shield = shields.find((s) => s.id === book.id);
    item.append(
      h('button', { type: 'button', 'aria-label': `Export ${book.title}`, onclick: () => download(shield) }, 'Export'),
      h('button', {
        type: 'button', 'aria-label': `Delete ${book.title}`,
        onclick: async () => {
          settled(await changeSetting({ kind: 'deleteShield', id: book.id }), `Deleted “${book.title}”.`);
        },
      }, 'Delete'));
    if (problem) {
      item.append(h('p', { class: 'broken', role: 'note' },
        `This shield breaks a limit of this version, so it is switched off: ${problem.error}. ` +
        'Export it, fix it and import it again, or delete it.'));
    }
  }
  return item;
}

// Saves a shield file the reader can keep or share (a blob URL: no network involved).
function download(shield) {
  const blob = new Blob([`${JSON.stringify(shield, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  h('a', { href: url, download: `${shield.id}.json` }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// Hides the books that do not match the search (title or author, any case).
function applySearch() {
  const q = $('search').value.trim().toLowerCase();
  let shown = 0;
  for (const li of $('books').children) {
    li.hidden = q !== '' && !li.dataset.search.includes(q);
    if (!li.hidden) shown++;
  }
  $('no-match').hidden = shown > 0;
}

// Shows the settings and shields read from storage; the control that had focus keeps it.
function draw({ settings, shields }) {
  const focused = document.activeElement;
  const focusId = $('books').contains(focused) ? focused.closest('li')?.dataset.id : null;
  const focusTag = focused?.tagName;
  const broken = brokenShields(core, shields);
  $('books').replaceChildren(...allBooks(catalog, shields).map((b) => bookItem(b, settings, shields, broken)));
  if (focusId) $('books').querySelector(`li[data-id="${CSS.escape(focusId)}"] ${focusTag}`)?.focus();
  applySearch();
  for (const radio of document.querySelectorAll('input[name="sensitivity"]')) {
    radio.checked = radio.value === settings.sensitivity;
  }
  $('plot-guard').checked = settings.plotGuard;
}

// The reader's changes go to the worker; the page is rebuilt from storage once none waits.
const { change: changeSetting, rebuild: render } = changesBeforeRebuilds({ request: requestChange, load: loadSettings, draw });

// Stores a checked shield and tracks it; returns whether it was stored.
async function addShield(shield) {
  return settled(await changeSetting({ kind: 'addShield', shield }));
}

async function onCreate(event) {
  event.preventDefault();
  const form = event.target;
  const { shields } = await loadSettings();
  const taken = new Set(allBooks(catalog, shields).map((b) => b.id));
  const shield = shieldFromForm(Object.fromEntries(new FormData(form)), taken, draft);
  const checked = checkShield(core, JSON.stringify(shield, null, 2), shields, catalogIds());
  if (checked.error) return say('custom-message', explainForForm(checked.error));
  if (await addShield(checked.shield)) {
    form.reset();
    draft = null;
    $('draft-note').textContent = '';
    say('custom-message', `Created the shield for “${checked.shield.title}”; it is on.`, true);
  } else {
    say('custom-message', 'The shield was not saved; see the message at the top.');
  }
}

// The English word-frequency list draftShield ranks phrases against (~250 KB): fetched
// the first time the reader asks for a proposal, then kept (core.js's extensionFile).
function loadFrequencies() {
  return extensionFile('core/english-words.tsv').catch((err) => {
    throw new Error(`the word list could not be loaded (${err?.message || err})`);
  });
}

// Asks the core for a shield drafted from the pasted summary and fills the Names and
// Spoiler phrases fields with it for the reader to edit; nothing is stored until they
// press Create shield. A refusal (summary too short, no names…) is the core's message.
async function onPropose() {
  const button = $('propose');
  button.disabled = true;
  say('custom-message', '');
  try {
    const words = await loadFrequencies();
    const proposed = core.draftShield($('custom-title').value, $('custom-author').value, $('custom-summary').value, words);
    const fields = draftFields(proposed);
    $('custom-names').value = fields.names;
    $('custom-phrases').value = fields.phrases;
    draft = proposed;
    $('draft-note').textContent = fields.note;
  } catch (err) {
    $('draft-note').textContent = '';
    say('custom-message', explainDraftError(err?.message || err));
  } finally {
    button.disabled = false;
  }
}

// Imports the chosen file: too large, unreadable, malformed, over a limit or with an id
// already in use, it is refused with the reason and nothing stored changes.
async function onImport(event) {
  const input = event.target;
  const file = input.files?.[0];
  input.value = '';
  if (!file) return;
  const refuse = (why) => say('import-message', `Nothing was imported: ${file.name}: ${why}`);
  if (file.size > MAX_IMPORT_BYTES) {
    return refuse(`the file is ${file.size.toLocaleString('en')} bytes; a shield file may be at most 1 MiB ` +
      `(${MAX_IMPORT_BYTES.toLocaleString('en')} bytes).`);
  }
  let text;
  try {
    text = await file.text();
  } catch (err) {
    return refuse(`the file could not be read (${err?.message || err}).`);
  }
  const { shields } = await loadSettings();
  const checked = checkShield(core, text, shields, catalogIds());
  if (checked.error) return refuse(checked.error);
  if (await addShield(checked.shield)) {
    say('import-message', `Imported the shield for “${checked.shield.title}”; it is on.`, true);
  } else {
    say('import-message', 'Nothing was imported; see the message at the top.');
  }
}

function catalogIds() {
  return new Set(catalog.map((b) => b.id));
}

async function main() {
  [core, catalog] = await Promise.all([loadAuthoring(), loadCatalog()]);
  $('search').addEventListener('input', applySearch);
  $('sensitivity').addEventListener('change', async (e) => {
    settled(await changeSetting({ kind: 'sensitivity', value: e.target.value }));
  });
  $('plot-guard').addEventListener('change', async (e) => {
    settled(await changeSetting({ kind: 'plotGuard', on: e.target.checked }));
  });
  $('custom-form').addEventListener('submit', onCreate);
  $('propose').addEventListener('click', onPropose);
  $('import').addEventListener('change', onImport);
  onSettingsChanged(render);
  await switchOffBrokenShields(core, changeSetting);
  await render();
}

main().catch((err) => say('message', `Spoiler Shield could not start: ${err?.message || err}`));
