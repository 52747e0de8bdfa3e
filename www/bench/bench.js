// The page half of scripts/bench-browser.mjs: Wasm core against a RegExp baseline on the
// same text, and the core's start-up costs. Every export does ONE timed run and returns
// its figures; the script calls them repeatedly (warm-ups, then runs) and takes medians,
// so no single evaluate call runs long. Nothing here touches the page's DOM.
const PKG_JS = '/pkg/spoiler_shield.js';
const PKG_WASM = '/pkg/spoiler_shield_bg.wasm';

let core = null; // the module instance the throughput runs use
let catalog = []; // [{id, title, …}] from /pkg/catalog.json
let shieldTexts = new Map(); // catalog id → its shield file's text (/pkg/shields/<id>.json)
let texts = []; // block texts, ≥ the size asked for
let regex = null;
let bust = 0; // cache-busting counter for fresh imports

// Loads the core once (for throughput and engine construction) and returns the catalog.
export async function setup() {
  if (!core) {
    core = await import(PKG_JS);
    await core.default({ module_or_path: PKG_WASM });
    catalog = await (await fetch('/pkg/catalog.json')).json();
    for (const { id } of catalog) shieldTexts.set(id, await (await fetch(`/pkg/shields/${id}.json`)).text());
  }
  return { books: catalog.map(({ id, title }) => ({ id, title })) };
}

// The Engine config for these catalog ids, as the extension builds it: shield files
// parsed by JSON.parse, handed over as objects.
function configFor(ids) {
  return { shields: ids.map((id) => JSON.parse(shieldTexts.get(id))) };
}

// The paragraphs of the given sample pages: the textContent of every <p> and <li> that
// holds no other <p>/<li> (a comment <li> wraps its <p> and its replies; counting both
// would repeat them), whitespace collapsed, non-empty; repeated until their UTF-8 size
// reaches `minBytes`.
export async function loadTexts(samples, minBytes) {
  const parser = new DOMParser();
  const once = [];
  const perSample = {};
  for (const sample of samples) {
    const html = await (await fetch(sample)).text();
    const doc = parser.parseFromString(html, 'text/html');
    const paras = [...doc.querySelectorAll('p, li')].filter((el) => !el.querySelector('p, li')).map((el) => el.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean);
    perSample[sample] = paras.length;
    once.push(...paras);
  }
  if (!once.length) throw new Error('no <p>/<li> text in the samples');
  const enc = new TextEncoder();
  const onceBytes = once.reduce((n, t) => n + enc.encode(t).length, 0);
  const repeats = Math.max(1, Math.ceil(minBytes / onceBytes));
  texts = [];
  for (let i = 0; i < repeats; i++) texts.push(...once);
  return {
    perSample,
    paragraphsOnce: once.length,
    paragraphs: texts.length,
    repeats,
    bytes: onceBytes * repeats,
    chars: texts.reduce((n, t) => n + t.length, 0),
  };
}

// Batches as the content script makes them (extension/content/main.js read()): texts are
// added until their length reaches `maxChars`, so a batch overshoots by at most one text.
function batches(maxChars) {
  const out = [];
  let batch = [];
  let chars = 0;
  for (const t of texts) {
    batch.push(t);
    chars += t.length;
    if (chars >= maxChars) {
      out.push(batch);
      batch = [];
      chars = 0;
    }
  }
  if (batch.length) out.push(batch);
  return out;
}

let engine = null;
let engineBooks = null;
let cachedBatches = null;

// One Wasm pass over all texts: newPage() + one scan() per batch + free(). Includes string
// transfer into Wasm and the decoding of results, as in the content script.
export function wasmRun(maxChars) {
  if (!engine) {
    const ids = catalog.map((b) => b.id);
    engine = new core.Engine(configFor(ids));
    engineBooks = ids.length;
  }
  cachedBatches ??= batches(maxChars);
  let blurred = 0;
  let changed = 0;
  const t0 = performance.now();
  const page = engine.newPage();
  for (const b of cachedBatches) {
    const r = page.scan(b);
    blurred += r.blurred.length;
    changed += r.changed.length;
  }
  page.free();
  const ms = performance.now() - t0;
  return { ms, blurred, changed, batches: cachedBatches.length, books: engineBooks, patterns: engine.patternCount?.() ?? null };
}

// Builds the peers' baseline: one alternation of every phrase, escaped, longest first,
// between \b word boundaries, `i` flag. V8 compiles a RegExp lazily (bytecode on the
// first exec, native code once it tiers up; at once for a long subject), so the build
// time includes test() on a short and on a long string, which leaves native code.
export function regexBuild(phrases) {
  const escaped = [...phrases].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const t0 = performance.now();
  regex = new RegExp(`\\b(?:${escaped.join('|')})\\b`, 'i');
  regex.test('warm up the compiler');
  regex.test('warm up the compiler ');
  regex.test('warm up the compiler '.repeat(100));
  const ms = performance.now() - t0;
  return { ms, alternatives: escaped.length, sourceChars: regex.source.length };
}

// One RegExp pass: re.test(text) per paragraph.
export function regexRun() {
  let matched = 0;
  const re = regex;
  const t0 = performance.now();
  for (const t of texts) if (re.test(t)) matched++;
  const ms = performance.now() - t0;
  return { ms, matched };
}

// A Wasm binary with a custom section appended: the same module, other bytes, so no
// engine-side cache of compiled modules keyed by the bytes can serve it.
let wasmBytes = null;
function uniqueBytes(tag) {
  const name = new TextEncoder().encode(`bench-${tag}`);
  const body = [name.length, ...name];
  const out = new Uint8Array(wasmBytes.length + 2 + body.length);
  out.set(wasmBytes);
  out.set([0, body.length, ...body], wasmBytes.length); // id 0 = custom; sizes < 128 fit one LEB byte
  return out;
}

// One start-up of the core from a fresh import of the glue (cache-busting query string).
// kind 'url': init() fetches the .wasm (also cache-busted) and compiles it while streaming,
// as the content script does. kind 'bytes': the bytes are already in memory (fetched once,
// a custom section makes each run's bytes unique): compile + instantiate only.
export async function initRun(kind) {
  const n = ++bust;
  const glue = await import(`${PKG_JS}?bench=${n}`);
  let input;
  if (kind === 'bytes') {
    wasmBytes ??= new Uint8Array(await (await fetch(PKG_WASM)).arrayBuffer());
    input = uniqueBytes(n);
  } else {
    input = `${PKG_WASM}?bench=${n}`;
  }
  const t0 = performance.now();
  await glue.default({ module_or_path: input });
  const ms = performance.now() - t0;
  return { ms };
}

// One `new Engine` (then freed) with these catalog books, their files already fetched:
// parsing (JSON.parse), reading, validating and compiling them into the automaton.
export function engineRun(books) {
  const list = books === 'all' ? catalog.map((b) => b.id) : books;
  const t0 = performance.now();
  const e = new core.Engine(configFor(list));
  const ms = performance.now() - t0;
  e.free();
  return { ms, books: list.length };
}
