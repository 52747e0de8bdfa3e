// The toolbar popup: the shields of tracked books (switch each on or off, and say how far
// you have read), the number of blurred blocks on this tab, "reveal all" and "pause on this
// site", and, on a page about a book the reader does not shield, "Shield this book" (the
// title, author and plot read from the page on the device, a shield drafted from the plot,
// stored and switched on; the plot text is never shown). Every change is handed to the
// service worker to store (common/settings-client.js): the popup closes as soon as the
// reader clicks the page behind it, and the worker finishes the write anyway. Open tabs
// apply it through storage.onChanged.
import {
  catalogShieldJson, extensionFile, loadCatalog, loadCore,
} from '../common/core.js';
import { loadAuthoring } from '../common/authoring.js';
import { allBooks } from '../common/books.js';
import { h } from '../common/dom.js';
import {
  loadSettings, isPaused, onSettingsChanged, progressOf, clampPercent, brokenShields,
} from '../common/settings.js';
import { requestChange, changesBeforeRebuilds } from '../common/settings-client.js';
import { checkShield } from '../options/custom-shield.js';
import { offerFor, noPlotSentence, shieldedSentence } from './this-book.js';

const $ = (id) => document.getElementById(id);
let tab = { id: null, host: null };
const FINISHED = 100; // percent read that means the whole book, as the core reads it

// The tab the popup acts on: the active tab, or ?tab=<id> (tests open the popup as a page
// in its own tab and point it at the sample page this way).
async function targetTab() {
  const asked = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(asked) && asked > 0) return asked;
  const [active] = await chrome.tabs.query({ active: true, currentWindow: true });
  return active?.id ?? null;
}

// Asks the tab's top frame for its host name; null where no content script runs
// (browser pages, the web store).
async function hello(tabId) {
  try {
    return await chrome.tabs.sendMessage(tabId, { type: 'hello' }, { frameId: 0 });
  } catch {
    return null;
  }
}

// The tab's count over all frames, the number the badge shows, from the per-frame counts
// the worker stores (background/badge.js): `frames` when a change brought them, else read.
// Calls overlap (a settings change and the badge update arrive together): only the latest
// writes.
let countCall = 0;
async function showCount(frames) {
  if (tab.id === null) return;
  const call = ++countCall;
  const key = `badge:${tab.id}`;
  frames ??= await chrome.storage.session.get(key).then((r) => r[key]).catch(() => undefined);
  if (call !== countCall) return;
  const n = Object.values(frames ?? {}).reduce((sum, f) => sum + (Number(f?.n) || 0), 0);
  $('count').textContent = tab.host === null
    ? 'Spoiler Shield does not run on this page.'
    : `${n} ${n === 1 ? 'paragraph' : 'paragraphs'} blurred on this page.`;
}

function say(text) {
  $('message').textContent = text;
}

// Hands a settings change (settings-changes.js) to the worker; the control the reader used
// already shows it. A success re-renders through onSettingsChanged; a failure is reported
// and re-rendered from what is really stored, so it never looks like a success.
async function change(what) {
  const r = await changeSetting(what);
  say(r.ok ? '' : r.error);
  if (!r.ok) await render();
}

// One list item per tracked book: a switch labelled with the title, where the reader is
// in it, and, once they finished it, the suggestion to switch its shield off. A custom
// shield the core no longer accepts stays off (the options page says why).
function bookItem(book, settings, broken) {
  const on = !settings.off.includes(book.id) && !broken.has(book.id);
  const toggle = h('input', {
    type: 'checkbox', checked: on, disabled: broken.has(book.id),
    title: broken.has(book.id) ? 'This shield breaks a limit of this version; see the options page.' : null,
    onchange: (e) => setOff(book.id, !e.target.checked),
  });
  const item = h('li', {}, h('label', { class: 'book' }, toggle, ` ${book.title}`), progressControl(book, settings));
  if (on && progressOf(settings, book.id) >= FINISHED) item.append(finishedHint(book));
  return item;
}

// Switches one book's shield off (or on again); shared by the switch and the hint.
function setOff(id, off) {
  return change({ kind: 'off', id, off });
}

// Stores how far the reader is in one book; terms revealed at or before it stop blurring
// in every open tab once the settings write lands (the usual rev broadcast).
function setProgress(id, value) {
  const pct = clampPercent(value);
  if (pct === null) return render();
  return change({ kind: 'progress', id, percent: pct });
}

// The choices of the progress list: not started, the start of each part after the first
// (a part that starts at 0% is the same as not started), finished, and the reader's own
// percent when it is none of these, so the list always shows what is stored.
function progressChoices(book, read) {
  const choices = [{ value: 0, text: 'Not started' }]
    .concat(book.parts.filter((p) => p.percent > 0 && p.percent < FINISHED)
      .map((p) => ({ value: p.percent, text: `Reading ${p.name}` })))
    .concat([{ value: FINISHED, text: 'Finished' }]);
  if (!choices.some((c) => c.value === read)) {
    choices.push({ value: read, text: `${read}% read` });
    choices.sort((a, b) => a.value - b.value);
  }
  return choices;
}

// Where the reader is in `book`: a list of the book's parts and a percent field, kept in
// step (both show the stored value); both are named by the title so a screen reader tells
// the books apart.
function progressControl(book, settings) {
  const read = progressOf(settings, book.id);
  const select = h('select', {
    id: `progress-${book.id}`,
    'aria-label': `Reading progress: ${book.title}`,
    onchange: (e) => setProgress(book.id, e.target.value),
  }, progressChoices(book, read).map((c) => h('option', { value: String(c.value) }, c.text)));
  select.value = String(read);
  const percent = h('input', {
    id: `percent-${book.id}`, type: 'number', min: '0', max: '100', step: '1', value: String(read),
    'aria-label': `Percent read: ${book.title}`,
    onchange: (e) => setProgress(book.id, e.target.value),
  });
  return h('div', { class: 'progress' }, select, h('span', { class: 'percent' }, percent, '%'));
}

// A finished book has nothing left to spoil: suggest switching its shield off, with the
// button that does it right there.
function finishedHint(book) {
  return h('p', { class: 'finished' },
    `You have finished ${book.title}; its shield has nothing left to hide. `,
    h('button', { type: 'button', onclick: () => setOff(book.id, true) }, `Switch off ${book.title}`));
}

// The reader's changes go to the worker; the popup is rebuilt from storage once none waits.
const { change: changeSetting, rebuild: render } = changesBeforeRebuilds({
  request: requestChange,
  load: () => Promise.all([loadSettings(), loadCore(), loadCatalog()]),
  draw,
});

// Shows the tracked books, the site's pause and the page's offer, from what load() read.
async function draw([{ settings, shields }, core, catalog]) {
  const byId = new Map(allBooks(catalog, shields).map((b) => [b.id, b]));
  const tracked = settings.tracked.map((id) => byId.get(id)).filter(Boolean);
  const focused = document.activeElement?.id;
  const broken = new Set(brokenShields(core, shields).map((b) => b.id));
  $('books').replaceChildren(...tracked.map((b) => bookItem(b, settings, broken)));
  // A re-render replaces the controls; keep the keyboard where the reader left it.
  if (focused) document.getElementById(focused)?.focus();
  $('no-books').hidden = tracked.length > 0;

  showPaused(tab.host !== null && isPaused(settings, tab.host));
  showThisBook(allBooks(catalog, shields), settings);
  await showCount();
}

// ---- "Shield this book" ------------------------------------------------------------------

// The page the popup acts on, read for a book: readArticle's {title, author, plot, error}
// (null until read, or when the tab has no content script or no blocks); `done`, the
// sentence shown once the reader shielded the book from here.
const page = { article: null, done: null };

// Asks the tab's top frame for its blocks and reads them with the core (the authoring
// module's readArticle, src/authoring/article.rs): on the device, once, when the popup opens.
async function readPage(tabId) {
  let answer;
  try {
    answer = await chrome.tabs.sendMessage(tabId, { type: 'article' }, { frameId: 0 });
  } catch {
    return null; // no content script there (a browser page), or it is gone
  }
  if (!Array.isArray(answer?.blocks) || !answer.blocks.length) return null;
  return (await loadAuthoring()).readArticle(answer.blocks);
}

// Shows what the page offers (this-book.js offerFor): nothing, "you shield it already", a
// sentence saying why no shield can be drafted, or the button, named by the title.
function showThisBook(books, settings) {
  const offer = offerFor(page.article, books, settings);
  const button = $('shield-this');
  $('this-book').hidden = !offer && !page.done;
  if (page.done) {
    button.hidden = true;
    $('this-book-text').textContent = page.done;
    return;
  }
  if (!offer) return;
  button.hidden = offer.kind !== 'track' && offer.kind !== 'draft';
  button.textContent = `Shield this book: ${offer.title} by ${offer.author}`;
  $('this-book-text').textContent = offer.kind === 'tracked'
    ? `This page is about ${offer.title} by ${offer.author}, which you shield.`
    : offer.kind === 'noPlot' ? noPlotSentence(offer) : '';
}

// The button: the shield the book already has is tracked, or one is drafted from the
// page's plot (never shown), checked like any custom shield (the options page's
// checkShield: the core's validation, the ids in use, a trial engine with the reader's
// other shields), stored and switched on through the worker. A failure is one sentence
// and changes nothing stored.
async function shieldThisBook() {
  const button = $('shield-this');
  button.disabled = true;
  say('');
  try {
    const [{ settings, shields }, catalog] = await Promise.all([loadSettings(), loadCatalog()]);
    const offer = offerFor(page.article, allBooks(catalog, shields), settings);
    if (!offer || (offer.kind !== 'track' && offer.kind !== 'draft')) return;
    const made = offer.kind === 'track' ? await knownShield(offer.book, shields) : await draftedShield(offer, catalog, shields);
    if (made.error) return say(made.error);
    const result = await changeSetting(made.change);
    if (!result.ok) return say(result.error);
    page.done = shieldedSentence(offer, made.shield, offer.kind === 'draft');
    await render();
    // The reader's next step is their progress in it (the control in its list item).
    document.getElementById(`progress-${made.change.id ?? made.change.shield.id}`)?.focus();
  } catch (err) {
    say(`No shield was made from this page: ${String(err?.message || err).replace(/^Error:\s*/, '')}.`);
  } finally {
    button.disabled = false;
  }
}

// A book with a shield already (the catalog's, or the reader's own): tracking it is the change.
async function knownShield(book, shields) {
  const shield = book.custom ? shields.find((s) => s.id === book.id) : JSON.parse(await catalogShieldJson(book.id));
  return { shield, change: { kind: 'track', id: book.id, on: true } };
}

// A shield drafted from the page's plot, under the id the plot guard gave the page's book.
async function draftedShield(offer, catalog, shields) {
  const [core, words] = await Promise.all([loadAuthoring(), extensionFile('core/english-words.tsv')]);
  const draft = { ...core.draftShield(offer.title, offer.author, page.article.plot, words), id: offer.id };
  const checked = checkShield(core, JSON.stringify(draft), shields, new Set(catalog.map((b) => b.id)));
  if (checked.error) return { error: `No shield was made from this page: ${checked.error.replace(/[.\s]+$/, '')}.` };
  return { shield: checked.shield, change: { kind: 'addShield', shield: checked.shield } };
}

// The pause button and "reveal all" for a site paused or not: from storage on render, and
// at once on a click, before the worker has stored it.
function showPaused(paused) {
  const pause = $('pause');
  pause.disabled = tab.host === null;
  pause.setAttribute('aria-pressed', String(paused));
  pause.textContent = paused ? `Resume on ${tab.host}` : 'Pause on this site';
  $('reveal-all').disabled = tab.host === null || paused;
}

async function main() {
  tab.id = await targetTab();
  tab.host = tab.id === null ? null : (await hello(tab.id))?.host ?? null;

  $('shield-this').addEventListener('click', shieldThisBook);
  $('reveal-all').addEventListener('click', async () => {
    await chrome.tabs.sendMessage(tab.id, { type: 'revealAll' }).catch(() => {});
  });
  $('pause').addEventListener('click', () => {
    // The state the button shows is the one asked for, so two quick clicks end where the
    // button says, whatever order the worker stores them in.
    const paused = $('pause').getAttribute('aria-pressed') !== 'true';
    showPaused(paused);
    change({ kind: 'pause', host: tab.host, paused });
  });
  onSettingsChanged(render);
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && `badge:${tab.id}` in changes) showCount(changes[`badge:${tab.id}`].newValue ?? {});
  });
  await render();
  // Read after the first render: the rest of the popup does not wait for the core.
  if (tab.host !== null) {
    page.article = await readPage(tab.id).catch(() => null);
    // Only the offer changes: the book list stays, so no switch is replaced under the
    // reader's pointer (or a test's) while the page is read.
    if (page.article) {
      const [{ settings, shields }, catalog] = await Promise.all([loadSettings(), loadCatalog()]);
      showThisBook(allBooks(catalog, shields), settings);
    }
  }
  $('this-book').dataset.read = 'done'; // the page was looked at (tests wait for it)
}

main().catch((err) => say(String(err?.message || err)));
