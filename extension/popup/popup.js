// The toolbar popup: the shields of tracked books (switch each on or off, and say how far
// you have read), the number of blurred blocks on this tab, "reveal all" and "pause on this
// site". Every change is a settings write; open tabs apply it through storage.onChanged.
import { loadCore } from '../common/core.js';
import { allBooks } from '../common/books.js';
import { h } from '../common/dom.js';
import { loadSettings, updateSettings, isPaused, onSettingsChanged } from '../common/settings.js';

const $ = (id) => document.getElementById(id);
let tab = { id: null, host: null };

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

// The badge text is the tab's count over all frames; it is the one number to show. Calls
// overlap (a settings change and the badge update arrive together): only the latest writes.
let countCall = 0;
async function showCount() {
  if (tab.id === null) return;
  const call = ++countCall;
  const text = await chrome.action.getBadgeText({ tabId: tab.id }).catch(() => '');
  if (call !== countCall) return;
  const n = Number(text) || 0;
  $('count').textContent = tab.host === null
    ? 'Spoiler Shield does not run on this page.'
    : `${n} ${n === 1 ? 'paragraph' : 'paragraphs'} blurred on this page.`;
}

function say(text) {
  $('message').textContent = text;
}

// Applies a settings change. A success re-renders through onSettingsChanged; a failure is
// reported and re-rendered from what is really stored, so it never looks like a success.
async function change(fn) {
  const r = await updateSettings(fn);
  say(r.ok ? '' : r.error);
  if (!r.ok) await render();
}

// One list item per tracked book: a switch labelled with the title, and a reading
// progress choice when the book has parts.
function bookItem(book, settings) {
  const on = !settings.off.includes(book.id);
  const toggle = h('input', {
    type: 'checkbox', checked: on,
    onchange: (e) => change((s) => {
      s.off = s.off.filter((id) => id !== book.id);
      if (!e.target.checked) s.off.push(book.id);
      return s;
    }),
  });
  const item = h('li', {}, h('label', {}, toggle, ` ${book.title}`));
  if (book.parts.length > 1) {
    const read = settings.progress[book.id] ?? 0;
    const options = [h('option', { value: '0' }, 'Not started')].concat(
      book.parts.filter((p) => p.percent > 0).map((p) => h('option', { value: String(p.percent) }, `Read to ${p.name}`)));
    const select = h('select', {
      'aria-label': `How far you have read ${book.title}`,
      onchange: (e) => change((s) => {
        s.progress = { ...s.progress, [book.id]: Number(e.target.value) };
        return s;
      }),
    }, options);
    select.value = String(read);
    item.append(select);
  }
  return item;
}

async function render() {
  const [{ settings, shields }, core] = await Promise.all([loadSettings(), loadCore()]);
  const byId = new Map(allBooks(core, shields).map((b) => [b.id, b]));
  const tracked = settings.tracked.map((id) => byId.get(id)).filter(Boolean);
  $('books').replaceChildren(...tracked.map((b) => bookItem(b, settings)));
  $('no-books').hidden = tracked.length > 0;

  const paused = tab.host !== null && isPaused(settings, tab.host);
  const pause = $('pause');
  pause.disabled = tab.host === null;
  pause.setAttribute('aria-pressed', String(paused));
  pause.textContent = paused ? `Resume on ${tab.host}` : 'Pause on this site';
  $('reveal-all').disabled = tab.host === null || paused;
  await showCount();
}

async function main() {
  tab.id = await targetTab();
  tab.host = tab.id === null ? null : (await hello(tab.id))?.host ?? null;

  $('reveal-all').addEventListener('click', async () => {
    await chrome.tabs.sendMessage(tab.id, { type: 'revealAll' }).catch(() => {});
  });
  $('pause').addEventListener('click', () => change((s) => {
    const paused = s.paused.includes(tab.host);
    s.paused = paused ? s.paused.filter((x) => x !== tab.host) : [...s.paused, tab.host];
    return s;
  }));
  onSettingsChanged(render);
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && `badge:${tab.id}` in changes) showCount();
  });
  await render();
}

main().catch((err) => say(String(err?.message || err)));
