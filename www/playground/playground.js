// Spoiler Shield playground: paste text, pick books and a sensitivity, scan with the same
// Wasm core the extension uses. Every verdict comes from the core; this file only moves
// paragraphs in and renders what comes back. User text only ever reaches the page through
// textContent, never innerHTML.

const PKG = '/pkg/spoiler_shield.js';
// Drafting a shield from a summary: the authoring module and the word list it ranks
// against, loaded only when the reader first asks for a draft (as the options page does).
const AUTHORING = '/pkg/spoiler_shield_authoring.js';
const WORDS = '/pkg/english-words.tsv';

const SAMPLE_CONTEXT = 'Reading notes: Never Let Me Go and Gone Girl';
const SAMPLE_TEXT = `My reading group finished Never Let Me Go last week. Kathy H. narrates, looking back on Hailsham, a boarding school deep in the English countryside, and on her long friendship with Ruth and Tommy.

The writing is so quiet that you barely notice how much it is doing. I would give it four and a half stars, and I have already lent my copy to my neighbour.

Spoiler warning: the next few paragraphs give away the whole plot.

The children at Hailsham are clones, raised so that their organs can be harvested once they are adults. Miss Lucy is the only guardian who tells them plainly.

By the end Ruth has completed after her second donation, and Tommy completes after his fourth, while Kathy waits for her own donations to begin.

Next up was Gone Girl, which the library describes as the story of Amy Dunne going missing on her fifth wedding anniversary, with her husband Nick as the obvious suspect.

It turns out Amy faked her own disappearance and wrote the diary herself to frame Nick for her murder.

I watched the film of Gone Girl afterwards. Rosamund Pike is terrific, and the score is wonderfully unsettling.`;

const $ = (id) => document.getElementById(id);
const els = {
  context: $('context'), text: $('text'), sample: $('sample'), clear: $('clear'), count: $('para-count'),
  books: $('books'), all: $('all'), none: $('none'), scan: $('scan'), status: $('status'),
  summary: $('summary'), results: $('results'),
  draftTitle: $('draft-title'), draftAuthor: $('draft-author'), draftSummary: $('draft-summary'),
  draft: $('draft'), draftStatus: $('draft-status'),
};

let wasm = null;      // the loaded module: {Engine, validateShield, …}
const shieldTexts = new Map(); // catalog id → its shield file (/pkg/shields/<id>.json)
const drafted = new Map(); // id → a shield drafted from a summary in this page
let authoring = null; // Promise of {module, words}, once a draft was asked for
let engine = null;    // the Engine for the current settings
let engineKey = '';   // JSON of the settings the engine was built for

function setStatus(message, isError = false, target = els.status) {
  target.textContent = message;
  target.classList.toggle('error', isError);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

export function paragraphs(text) {
  return text.split(/\r?\n[ \t]*\r?\n/).map((p) => p.trim()).filter((p) => p !== '');
}

function updateCount() {
  const n = paragraphs(els.text.value).length;
  els.count.textContent = `${n} paragraph${n === 1 ? '' : 's'}`;
}

// ---- books --------------------------------------------------------------------------

function renderBooks(books) {
  els.books.replaceChildren(...books.map(bookRow));
}

// One book's row: its switch (named by the title) and its reading-progress list.
function bookRow(book) {
  const row = el('label', 'book');
  const box = el('input');
  box.type = 'checkbox';
  box.value = book.id;
  box.checked = true;
  box.dataset.book = book.id;
  const title = el('span', 'title', book.title);
  const author = el('span', 'author', [book.author, book.year].filter(Boolean).join(', '));
  row.append(box, title, author);

  // Reading progress: terms the reader has already reached do not blur.
  const progress = el('select');
  progress.dataset.progress = book.id;
  progress.setAttribute('aria-label', `Reading progress in ${book.title}`);
  progress.append(new Option('Not started', '0'));
  for (const part of book.parts || []) {
    if (part.percent > 0) progress.append(new Option(`Reached ${part.name} (${part.percent}%)`, String(part.percent)));
  }
  progress.append(new Option('Finished', '100'));
  row.append(progress);
  return row;
}

function settings() {
  const books = [...els.books.querySelectorAll('input[type=checkbox]:checked')].map((b) => b.value);
  const progress = {};
  for (const id of books) {
    const select = els.books.querySelector(`select[data-progress="${CSS.escape(id)}"]`);
    const value = Number(select?.value || 0);
    if (value > 0) progress[id] = value;
  }
  const sensitivity = document.querySelector('input[name=sensitivity]:checked')?.value || 'balanced';
  return { books, sensitivity, progress };
}

function currentEngine() {
  const config = settings();
  const key = JSON.stringify(config);
  if (engine && key === engineKey) return { engine, config, built: false };
  if (engine) engine.free();
  engine = null;
  const { books, ...rest } = config;
  engine = new wasm.Engine({
    ...rest,
    shields: [
      ...books.filter((id) => shieldTexts.has(id)).map((id) => JSON.parse(shieldTexts.get(id))),
      ...books.filter((id) => drafted.has(id)).map((id) => drafted.get(id)),
    ],
  });
  engineKey = key;
  return { engine, config, built: true };
}

// ---- scanning -----------------------------------------------------------------------

function renderResults(texts, result) {
  const verdicts = new Map();
  for (const v of result.blurred) verdicts.set(v.index - result.first, v);
  // A single batch has nothing earlier to revise, but apply `changed` for completeness.
  for (const v of result.changed) {
    if (v.book === null) verdicts.delete(v.index - result.first);
    else verdicts.set(v.index - result.first, v);
  }

  els.results.replaceChildren();
  texts.forEach((text, i) => {
    const v = verdicts.get(i);
    const li = el('li', v ? 'block spoiler' : 'block');
    li.dataset.index = String(i);
    const head = el('div', 'head');
    head.append(el('span', 'index', `¶ ${i + 1}`));
    if (v) {
      head.append(
        el('span', 'badge spoiler', 'blurred'),
        el('span', 'book-name', v.title || v.book),
        el('span', 'score', `score ${Number(v.score).toFixed(2)}`),
      );
      const reveal = el('button', 'reveal', 'Reveal');
      reveal.type = 'button';
      reveal.setAttribute('aria-pressed', 'false');
      reveal.addEventListener('click', () => {
        const on = li.classList.toggle('revealed');
        reveal.textContent = on ? 'Hide' : 'Reveal';
        reveal.setAttribute('aria-pressed', String(on));
      });
      head.append(reveal);
    } else {
      head.append(el('span', 'badge clear', 'clear'));
    }
    li.append(head);
    if (v && v.phrases && v.phrases.length) {
      const list = el('ul', 'phrases');
      list.setAttribute('aria-label', 'Phrases that fired (blurred with the paragraph until revealed)');
      for (const p of v.phrases) list.append(el('li', null, p));
      li.append(list);
    }
    li.append(el('p', 'text', text));
    els.results.append(li);
  });
}

function scan() {
  if (!wasm) return;
  const texts = paragraphs(els.text.value);
  if (texts.length === 0) {
    els.results.replaceChildren();
    els.summary.textContent = 'Nothing to scan: paste some text first.';
    return;
  }
  let page = null;
  try {
    const t0 = performance.now();
    const { engine: eng, config, built } = currentEngine();
    const t1 = performance.now();
    page = eng.newPage();
    const context = els.context.value.trim();
    if (context) page.addContext(context);
    const result = page.scan(texts);
    const t2 = performance.now();
    renderResults(texts, result);
    const blurred = els.results.querySelectorAll('.block.spoiler').length;
    els.summary.textContent =
      `${texts.length} paragraph${texts.length === 1 ? '' : 's'} · ${blurred} blurred · ` +
      `${config.books.length} book${config.books.length === 1 ? '' : 's'} on · ${config.sensitivity} · ` +
      `scan ${(t2 - t1).toFixed(1)} ms` + (built ? ` (+ ${(t1 - t0).toFixed(1)} ms to build the engine)` : '');
    els.summary.classList.remove('muted');
    setStatus('Ready.');
  } catch (err) {
    setStatus(`Scan failed: ${err && err.message ? err.message : err}`, true);
  } finally {
    if (page) page.free();
  }
}

// ---- a shield from a plot summary ---------------------------------------------------

function loadAuthoring() {
  authoring ??= Promise.all([
    import(AUTHORING).then(async (module) => {
      await module.default();
      return module;
    }),
    fetch(WORDS).then((response) => {
      if (!response.ok) throw new Error(`${WORDS}: ${response.status}`);
      return response.text();
    }),
  ]).then(([module, words]) => ({ module, words }));
  authoring.catch(() => { authoring = null; }); // a later click tries again
  return authoring;
}

// Drafts a shield from the pasted summary and adds it to the books, ticked; a refusal
// (summary too short, no names…) is the core's own message.
async function draft() {
  els.draft.disabled = true;
  setStatus('Drafting…', false, els.draftStatus);
  try {
    const { module, words } = await loadAuthoring();
    const shield = module.draftShield(els.draftTitle.value, els.draftAuthor.value, els.draftSummary.value, words);
    if (shieldTexts.has(shield.id)) {
      throw new Error(`${shield.title} is in the catalogue already: tick it under Books.`);
    }
    els.books.querySelector(`input[data-book="${CSS.escape(shield.id)}"]`)?.closest('.book').remove();
    drafted.set(shield.id, shield);
    els.books.prepend(bookRow({ ...shield, author: `${shield.author} · drafted here` }));
    setStatus(`Drafted a shield for ${shield.title}: ${shield.entities.length} names, ` +
      `${shield.terms.length} spoiler phrases, ${shield.events?.length ?? 0} plot events. ` +
      'It is ticked under Books.', false, els.draftStatus);
  } catch (err) {
    setStatus(`No shield drafted: ${err && err.message ? err.message : err}`, true, els.draftStatus);
  } finally {
    els.draft.disabled = false;
  }
}

// ---- wiring -------------------------------------------------------------------------

els.text.addEventListener('input', updateCount);
els.text.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); scan(); }
});
els.sample.addEventListener('click', () => {
  els.text.value = SAMPLE_TEXT;
  els.context.value = SAMPLE_CONTEXT;
  updateCount();
  els.text.focus();
  els.text.setSelectionRange(0, 0);
  els.text.scrollTop = 0;
});
els.clear.addEventListener('click', () => {
  els.text.value = '';
  els.context.value = '';
  updateCount();
  els.results.replaceChildren();
  els.summary.textContent = 'Scan some text to see verdicts here.';
  els.summary.classList.add('muted');
});
els.all.addEventListener('click', () => els.books.querySelectorAll('input[type=checkbox]').forEach((b) => { b.checked = true; }));
els.none.addEventListener('click', () => els.books.querySelectorAll('input[type=checkbox]').forEach((b) => { b.checked = false; }));
els.scan.addEventListener('click', scan);
els.draft.addEventListener('click', draft);
updateCount();

async function load() {
  try {
    const module = await import(PKG);
    await module.default();
    wasm = module;
  } catch (err) {
    setStatus(
      `Could not load the Wasm core from ${PKG}: ${err && err.message ? err.message : err}\n` +
        'Build it with `make wasm` and serve this page with `node www/serve.mjs`.',
      true,
    );
    els.books.replaceChildren(el('p', 'muted', 'The catalogue loads with the Wasm core, which is not loaded.'));
    return;
  }
  // The module bundles no book: the catalog and its shield files sit beside it in /pkg/
  // (scripts/catalog-files.mjs, run by `make wasm`).
  try {
    const catalog = await (await fetch('/pkg/catalog.json')).json();
    await Promise.all(catalog.map(async ({ id }) => {
      const response = await fetch(`/pkg/shields/${encodeURIComponent(id)}.json`);
      if (!response.ok) throw new Error(`/pkg/shields/${id}.json: ${response.status}`);
      shieldTexts.set(id, await response.text());
    }));
    renderBooks(catalog);
  } catch (err) {
    setStatus(`The catalog could not be loaded: ${err && err.message ? err.message : err}`, true);
    return;
  }
  els.scan.disabled = false;
  els.draft.disabled = false;
  setStatus('Ready.');
  // For tests and the curious: the loaded module.
  window.spoilerShield = wasm;
}

load();
