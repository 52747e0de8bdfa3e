#!/usr/bin/env node
// The browser half of `make bench`: one headless Chromium with the built extension.
//   1. throughput: the Wasm core (newPage + scan in the content script's batches) against
//      the peers' baseline (one RegExp alternation of the same phrases, \b…\b, `i`), on
//      the same ≥ 1 MB of sample paragraphs in the same page (www/bench/);
//   2. size and start-up: .wasm raw/gzip bytes, init() (fetch + compile + instantiate),
//      compile + instantiate from bytes, Engine construction with every catalog book and with 1;
//   3. the content script on every www/samples/*.html page: its published stats, plus
//      main-thread long tasks seen by a PerformanceObserver;
//   4. dynamic content: insertion → blur latency of 200 paragraphs appended one by one;
//   5. what the reader sees (issue 12): every sample page, with no book, 1 book, the 12 of the first catalog (when
//      ../shared is beside the project) and every catalog book tracked, loaded in turn in this browser and in one without the extension: "text
//      shown" (the first frame where <body> has text and <body>, <html> are opaque and
//      visible), "clean text readable" (the first frame from which every watched block not
//      blurred at the end stays readable), flashes (blocks blurred at the end, labelled
//      spoilers included, that were readable in an earlier frame), frames scanned and
//      skipped (each frame's data-spoiler-shield-stats), engine start-up summed over frames.
//      Frames are watched by tests/e2e/helpers.mjs watchFrames().
// Every figure is a median of several runs after warm-ups. Prints a table; writes JSON.
//
//   node scripts/bench-browser.mjs [--out FILE] [--runs 7] [--warmups 2] [--loads 5]
//                                  [--shown-loads 5] [--only throughput,startup,samples,dynamic,shown]
//                                  [--pages a.html,b.html] [--against OTHER/dist/chromium]
// --against: part 5 loads each page with a second build too, in turn with this one and
// the browser without (an A/B comparison of a change in one run).
//
// Needs `make build` (pkg/ and dist/chromium/). Exits 1 when a figure could not be
// measured (what was measured is still written); it never judges the figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseArgs } from 'node:util';
import { keysRecord, recordText } from '../extension/common/prefilter-record.js';
import { ROOT, EXPECTED, startServer, launch, trackBooks, setSettings, settled, stats, stopWorker, openUntil, watchFrames, frameReport, blockCount } from '../tests/e2e/helpers.mjs';

const { values: opts } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(ROOT, 'dist/bench-browser.json') },
    runs: { type: 'string', default: '7' },
    warmups: { type: 'string', default: '2' },
    loads: { type: 'string', default: '5' },
    'shown-loads': { type: 'string', default: '5' },
    only: { type: 'string' },
    pages: { type: 'string' }, // parts 3 and 5 on these sample pages only: news-article.html,review-blog.html
    // Part 5 with a second build of the extension (its dist/chromium), loaded in turn with
    // this one and the browser without: a change compared in one run, on the same moments
    // of a busy machine, instead of two runs that differ by ~5 ms in their medians.
    against: { type: 'string' },
  },
});
const PARTS = ['throughput', 'startup', 'samples', 'dynamic', 'shown'];
const ONLY = opts.only ? new Set(opts.only.split(',').map((p) => p.trim())) : null;
for (const p of ONLY ?? []) {
  if (!PARTS.includes(p)) {
    console.error(`bench-browser: --only ${p}: no such part; the parts are ${PARTS.join(', ')}`);
    process.exit(2);
  }
}
// Whether part `name` runs (all of them without --only).
const part = (name) => !ONLY || ONLY.has(name);
const RUNS = Number(opts.runs);
const WARMUPS = Number(opts.warmups);
const LOADS = Number(opts.loads); // page loads per sample in part 3
const SHOWN_LOADS = Number(opts['shown-loads']); // part 5: loads per page, book set and browser, after 1 warm-up
const SHOWN_MAX_UNITS = 400; // part 5: blocks watched per page (every n-th, see watchFrames())
const FRAME_STATS_WAIT_MS = 3000; // part 5: how long the frames of a settled page get to publish their stats
const MIN_BYTES = 1_000_000; // text for part 1: at least 1 MB (10^6 bytes of UTF-8)
const BATCH_CHARS = 100_000; // extension/content/main.js MAX_CHARS: text per scan call
const DYN_COUNT = 200; // part 4: paragraphs appended
const DYN_GAP_MS = 30; // … this far apart
const DYN_BOOK = 'never-let-me-go';
const MB = 1e6;

const WASM_FILE = path.join(ROOT, 'pkg/spoiler_shield_bg.wasm');
// The hostile pages (tests/e2e/hostile.test.mjs reports their figures) are not samples.
const ALL_SAMPLES = fs.readdirSync(path.join(ROOT, 'www/samples')).filter((f) => f.endsWith('.html') && !f.startsWith('hostile-')).sort().map((f) => `samples/${f}`);
const SAMPLES = opts.pages ? ALL_SAMPLES.filter((s) => opts.pages.split(',').includes(s.replace('samples/', ''))) : ALL_SAMPLES;
if (!SAMPLES.length) {
  console.error(`bench-browser: --pages ${opts.pages}: no such sample page; they are ${ALL_SAMPLES.map((s) => s.replace('samples/', '')).join(', ')}`);
  process.exit(2);
}

const problems = [];
const result = {
  generated: new Date().toISOString(),
  config: { pages: opts.pages ?? null, runs: RUNS, warmups: WARMUPS, loads: LOADS, shownLoads: SHOWN_LOADS, only: ONLY && [...ONLY], batchChars: BATCH_CHARS, mb: 'MB = 10^6 bytes of UTF-8' },
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memGB: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: null,
  },
};

// ---- helpers -------------------------------------------------------------------------

function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// Nearest-rank percentile.
function percentile(xs, p) {
  const v = [...xs].sort((a, b) => a - b);
  if (!v.length) return null;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
}

const round = (x, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? x ?? null : Math.round(x * 10 ** d) / 10 ** d);

// Runs `fn` WARMUPS times unrecorded, then RUNS times; returns the runs' results.
async function repeat(fn, { runs = RUNS, warmups = WARMUPS } = {}) {
  for (let i = 0; i < warmups; i++) await fn(i, true);
  const out = [];
  for (let i = 0; i < runs; i++) out.push(await fn(i, false));
  return out;
}

function fmt(x, d = 2) {
  if (x === null || x === undefined) return '–';
  if (typeof x !== 'number') return String(x);
  return x.toFixed(d);
}

function table(title, headers, rows) {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '–' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(cells[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
}

async function attempt(part, fn) {
  try {
    await fn();
  } catch (err) {
    problems.push(`${part}: ${err?.message || err}`);
    console.error(`bench-browser: ${part} could not be measured: ${err?.stack || err}`);
  }
}

// Every literal phrase of the catalog shields (titles, aliases, entity names and
// aliases, term phrases and their variants) and of the shared cues: what a keyword
// blocker would list for the same books.
function shieldPhrases() {
  const dir = path.join(ROOT, 'shields');
  const kinds = { titles: 0, entities: 0, terms: 0, cues: 0 };
  const seen = new Map();
  const add = (kind, p) => {
    if (typeof p !== 'string' || !p.trim()) return;
    const key = p.trim().toLowerCase();
    if (seen.has(key)) return;
    seen.set(key, p.trim());
    kinds[kind]++;
  };
  let books = 0;
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const s = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    if (Array.isArray(s.cues)) for (const c of s.cues) add('cues', c.phrase);
    if (!s.id) continue;
    books++;
    add('titles', s.title);
    for (const a of s.aliases ?? []) add('titles', a);
    for (const e of s.entities ?? []) {
      add('entities', e.name);
      for (const a of e.aliases ?? []) add('entities', a);
    }
    for (const t of s.terms ?? []) {
      add('terms', t.phrase);
      for (const a of t.also ?? []) add('terms', a);
    }
  }
  return { phrases: [...seen.values()], kinds, books };
}

// ---- part 5: what the reader sees ------------------------------------------------------

// The catalog's book ids (shields/*.json with an id), for "every book tracked".
function catalogBooks() {
  const dir = path.join(ROOT, 'shields');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).id).filter(Boolean);
}

// The books the page-show goal was first set for (issue 12: "with 1 book tracked and with
// all 12"): the catalog of ../shared/corpus/catalog.json when it stands beside the project,
// the ones of them the catalog still has; null without it.
function firstCatalogBooks(all) {
  try {
    const first = JSON.parse(fs.readFileSync(path.join(ROOT, '../shared/corpus/catalog.json'), 'utf8'));
    const ids = (first.books ?? []).map((b) => b?.id).filter((id) => all.includes(id));
    return ids.length > 1 && ids.length < all.length ? ids : null;
  } catch {
    return null;
  }
}

const nextFrames = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

// Every frame's content-script stats, once each frame that publishes any has its first scan
// written (readyMs) and the frames with none have had FRAME_STATS_WAIT_MS / 3 to start:
// [{url, stats | null}]. A frame the content script never runs in (a sandboxed srcdoc) has
// null.
async function frameStats(page) {
  const read = () => Promise.all(page.frames().map(async (f) => {
    let s = null;
    try {
      s = JSON.parse(await f.evaluate(() => document.documentElement?.getAttribute('data-spoiler-shield-stats') ?? 'null'));
    } catch {
      s = null; // detached or not evaluable: counted as a frame without our script
    }
    return { url: f.url(), stats: s };
  }));
  const start = performance.now();
  for (;;) {
    const got = await read();
    const waiting = got.filter((g) => g.stats && g.stats.readyMs === null && !g.stats.error).length;
    const silent = got.filter((g) => !g.stats).length;
    const waited = performance.now() - start;
    if ((!waiting && (!silent || waited > FRAME_STATS_WAIT_MS / 3)) || waited > FRAME_STATS_WAIT_MS) return got;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// One frame's engine start-up: engineMs when the content script reports it (ms spent
// loading the module and building the engine), else coreMs − settingsMs for a frame that
// opened a scanner; 0 for a frame that never needed the core.
function engineMsOf(s) {
  if (!s) return 0;
  if (typeof s.engineMs === 'number') return s.engineMs;
  if (s.path && typeof s.coreMs === 'number' && typeof s.settingsMs === 'number') return s.coreMs - s.settingsMs;
  return 0;
}

// One load of `sample` in `b`, watched frame by frame until it is loaded (and, with the
// extension, settled) and two frames more; with the extension, then every frame's stats.
async function shownLoad(b, sample, { spoilers, every, ext }) {
  const page = await b.context.newPage();
  try {
    await watchFrames(page, { spoilers, blocks: true, every });
    await page.goto(url(sample), { timeout: 60_000 }); // resolves at the load event
    if (ext) await settled(page, { timeout: 30_000 });
    await nextFrames(page);
    const r = await frameReport(page); // stops the watcher: the frames' stats are no part of it
    const frames = ext ? await frameStats(page) : null;
    const out = {
      textShownMs: r.textShownMs, cleanReadableMs: r.cleanReadableMs, frames: r.frames, watcherMs: r.overheadMs,
      flashes: r.flashes.length, flashed: r.flashes.map((f) => `${f.unit}@${Math.round(f.atMs)}`),
      labelledFlashes: r.spoilers.filter((s) => s.blurred && s.readableAtMs !== null).length,
      labelledBlurred: r.spoilers.filter((s) => s.blurred).length,
      units: r.units, blurredUnits: r.blurredUnits, cleanUnreadable: r.cleanUnreadable, uncoveredBlurred: r.uncoveredBlurred,
    };
    if (frames) {
      const withStats = frames.filter((f) => f.stats);
      Object.assign(out, {
        pageFrames: frames.length,
        framesScanned: withStats.filter((f) => f.stats.path === 'wasm' || f.stats.path === 'background').length,
        framesViaWorker: withStats.filter((f) => f.stats.path === 'background').length,
        framesSkipped: withStats.filter((f) => f.stats.path === null || f.stats.path === undefined).length,
        framesWithoutScript: frames.length - withStats.length,
        engineMs: frames.reduce((sum, f) => sum + engineMsOf(f.stats), 0),
        engineReported: withStats.some((f) => typeof f.stats.engineMs === 'number') ? 'engineMs' : 'coreMs-settingsMs',
        errors: [...new Set(withStats.map((f) => f.stats.error).filter(Boolean))],
      });
    }
    return out;
  } finally {
    await page.close();
  }
}

// Part 4, on one load of bench/dynamic.html whose content script's stats satisfy `wanted`
// (the page is loaded again, up to WORKER_MAX_LOADS times, until one does).
async function measureDynamic(wanted) {
  const { page } = await openUntil(browser, url('bench/dynamic.html'), wanted, { max: WORKER_MAX_LOADS });
  try {
    const texts = [
      'Note {i}: the big reveal is that Kathy, Ruth and Tommy are clones, raised at Hailsham to donate their organs until they complete.',
      'Note {i}: Miss Lucy tells the students that they are clones bred for their organs, and Ruth completes after her second donation.',
      'Note {i}: Tommy and Kathy learn from Madame and Miss Emily that the deferrals never existed; Tommy completes after his fourth donation.',
      'Note {i}: the Gallery was meant to prove that the clones had souls; in the end Kathy stops being a carer and becomes a donor herself.',
    ];
    const got = await page.evaluate(async ({ n, gap, texts }) => {
      const feed = document.getElementById('feed');
      const inserted = new Array(n).fill(null);
      const queued = new Array(n).fill(null);
      const blurred = new Array(n).fill(null);
      // Records, per paragraph, when the shield first queued it (shield.css hides queued
      // blocks) and when it first wrote data-spoiler-shield="blurred".
      const mo = new MutationObserver((records) => {
        const now = performance.now();
        for (const r of records) {
          const i = r.target.dataset?.benchI;
          if (i === undefined) continue;
          if (r.attributeName === 'data-spoiler-shield-queued' && r.target.hasAttribute('data-spoiler-shield-queued')) queued[i] ??= now;
          if (r.attributeName === 'data-spoiler-shield' && r.target.getAttribute('data-spoiler-shield') === 'blurred') blurred[i] ??= now;
        }
      });
      mo.observe(feed, { subtree: true, attributes: true, attributeFilter: ['data-spoiler-shield', 'data-spoiler-shield-queued'] });
      const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const p = document.createElement('p');
        p.dataset.benchI = String(i);
        p.textContent = texts[i % texts.length].replace('{i}', String(i + 1));
        inserted[i] = performance.now();
        feed.append(p);
        await sleep(gap);
      }
      const end = performance.now() + 3000;
      while (blurred.some((b) => b === null) && performance.now() < end) await sleep(50);
      mo.disconnect();
      return { inserted, queued, blurred, spanMs: performance.now() - t0 };
    }, { n: DYN_COUNT, gap: DYN_GAP_MS, texts });
    const s = await stats(page);
    const toBlur = got.blurred.map((b, i) => (b === null ? null : b - got.inserted[i])).filter((x) => x !== null);
    const toQueue = got.queued.map((q, i) => (q === null ? null : q - got.inserted[i])).filter((x) => x !== null);
    const gaps = got.inserted.slice(1).map((t, i) => t - got.inserted[i]);
    if (!toBlur.length) problems.push(`dynamic content (${s?.path}): no appended paragraph was blurred`);
    else if (toBlur.length < DYN_COUNT) problems.push(`dynamic content (${s?.path}): only ${toBlur.length} of ${DYN_COUNT} appended spoiler paragraphs were blurred`);
    return {
      book: DYN_BOOK, paragraphs: DYN_COUNT, intervalMs: DYN_GAP_MS, actualIntervalMs: round(median(gaps)),
      blurred: toBlur.length, queued: toQueue.length, path: s?.path ?? null, batches: s?.batches ?? null,
      toBlurMs: { p50: round(percentile(toBlur, 50)), p95: round(percentile(toBlur, 95)), max: round(toBlur.length ? Math.max(...toBlur) : null) },
      toQueuedMs: { p50: round(percentile(toQueue, 50)), p95: round(percentile(toQueue, 95)), max: round(toQueue.length ? Math.max(...toQueue) : null) },
    };
  } finally {
    await page.close();
  }
}

// Part 5's second half: one engine per browser session. A page that names a tracked book
// scans through the service worker's engine when the worker has it built, else with its
// own Wasm (extension/content/README.md). For 1 and 12 books, WORKER_ROUNDS times: the
// worker stopped (as the browser stops an idle one), one load (it builds its own engine),
// then loads until one is scanned by the worker. → medians of the content script's
// readyMs (document_start → the document read and judged once) and engineMs, each way.
const WORKER_SAMPLE = 'samples/review-blog.html';
const WORKER_ROUNDS = 4;
const WORKER_MAX_LOADS = 20;
async function measureWorker() {
  // → the stats of the load that satisfied `holds`, or of the last of `max` loads.
  const load = async (holds, max) => {
    const { page, stats: s } = await openUntil(browser, url(WORKER_SAMPLE), holds, { max, gotoTimeout: 60_000, settleTimeout: 30_000 });
    await page.close();
    return s;
  };
  const scannedByWorker = (s) => s.path === 'background';
  const first = firstCatalogBooks(catalogBooks());
  const out = { sample: WORKER_SAMPLE, rounds: WORKER_ROUNDS };
  for (const books of [[DYN_BOOK], ...(first ? [first] : [])]) {
    await trackBooks(browser, books);
    const cold = [];
    const warm = [];
    for (let round = 0; round < WORKER_ROUNDS; round++) {
      await stopWorker(browser);
      cold.push(await load(() => true, 1));
      const s = await load(scannedByWorker, WORKER_MAX_LOADS);
      if (scannedByWorker(s)) warm.push(s);
    }
    const sideOf = (loads) => ({
      loads: loads.length, paths: [...new Set(loads.map((s) => s.path))],
      readyMs: round(median(loads.map((s) => s.readyMs))), engineMs: round(median(loads.map((s) => s.engineMs))),
      answerMs: round(median(loads.map((s) => s.worker?.ms).filter((x) => typeof x === 'number'))),
    });
    out[books.length] = { cold: sideOf(cold), warm: sideOf(warm) };
    if (warm.length < WORKER_ROUNDS) problems.push(`worker: ${WORKER_ROUNDS - warm.length} rounds never found the worker's engine built (${books.length} books)`);
  }
  return out;
}

// Part 5: every sample page, for nothing, 1 book, the first catalog's 12 and every catalog book tracked, in `browser` (with the
// extension) and `plain` (without), loads interleaved and alternating which goes first,
// so that both see the same moments of a busy machine.
async function measureShown(plain, against = null) {
  const all = catalogBooks();
  // Nothing tracked is the floor: what the extension's presence alone costs (the content
  // script injected at document_start, the page hidden until the settings are read), so
  // the plot guard, which walks pages with nothing tracked, is off for it.
  const first = firstCatalogBooks(all);
  const configs = [{ key: '0', books: [], plotGuard: false }, { key: '1', books: [DYN_BOOK] },
    ...(first ? [{ key: String(first.length), books: first }] : []), { key: String(all.length), books: all }];
  const pages = {};
  const med = (xs, key) => round(median(xs.map((x) => x[key])));
  // The --against build's figures on one page, beside the same loads without the extension.
  const againstRow = (loads, bareShown, bareClean) => {
    const shown = med(loads, 'textShownMs');
    const clean = med(loads, 'cleanReadableMs');
    return {
      textShownMs: { ext: shown, diff: round(shown - bareShown) },
      cleanReadableMs: { ext: clean, diff: round(clean - bareClean) },
      flashes: loads.reduce((n, l) => n + l.flashes, 0),
    };
  };
  for (const sample of SAMPLES) {
    const html = fs.readFileSync(path.join(ROOT, 'www', sample), 'utf8');
    const every = Math.max(1, Math.ceil(blockCount(html) / SHOWN_MAX_UNITS));
    pages[sample] = { every };
    for (const { key, books, plotGuard = true } of configs) {
      await attempt(`text shown on ${sample} with ${key} tracked`, async () => {
        for (const b of [browser, against].filter(Boolean)) {
          await trackBooks(b, books);
          if (!plotGuard) await setSettings(b, { plotGuard });
        }
        // Labelled spoilers of the books tracked: a page about another book has none to flash.
        const want = EXPECTED[sample];
        const spoilers = want && want.books.every((b) => books.includes(b)) ? want.blurred : [];
        const ext = [];
        const bare = [];
        const other = [];
        for (let i = 0; i <= SHOWN_LOADS; i++) {
          // Each side goes first, second (and third) in turn.
          const sides = [
            () => shownLoad(browser, sample, { spoilers, every, ext: true }),
            () => shownLoad(plain, sample, { spoilers, every, ext: false }),
            ...(against ? [() => shownLoad(against, sample, { spoilers, every, ext: true })] : []),
          ];
          const order = sides.map((_, k) => (k + i) % sides.length);
          const got = [];
          for (const k of order) got[k] = await sides[k]();
          if (i === 0) continue; // warm-up
          ext.push(got[0]);
          bare.push(got[1]);
          if (against) other.push(got[2]);
        }
        const extShown = med(ext, 'textShownMs');
        const bareShown = med(bare, 'textShownMs');
        const extClean = med(ext, 'cleanReadableMs');
        const bareClean = med(bare, 'cleanReadableMs');
        pages[sample][key] = {
          books: books.length, labelledSpoilers: spoilers.length, loads: ext.length,
          textShownMs: { ext: extShown, bare: bareShown, diff: round(extShown - bareShown) },
          cleanReadableMs: { ext: extClean, bare: bareClean, diff: round(extClean - bareClean) },
          flashes: { max: Math.max(...ext.map((l) => l.flashes)), total: ext.reduce((n, l) => n + l.flashes, 0),
            labelled: ext.reduce((n, l) => n + l.labelledFlashes, 0), which: [...new Set(ext.flatMap((l) => l.flashed))].slice(0, 20) },
          labelledBlurred: med(ext, 'labelledBlurred'),
          frames: { page: med(ext, 'pageFrames'), scanned: med(ext, 'framesScanned'), viaWorker: med(ext, 'framesViaWorker'), skipped: med(ext, 'framesSkipped'), withoutScript: med(ext, 'framesWithoutScript') },
          engineMs: med(ext, 'engineMs'), engineFrom: ext[0]?.engineReported,
          ...(against ? { against: againstRow(other, bareShown, bareClean) } : {}),
          watcher: { units: med(ext, 'units'), every, extMs: med(ext, 'watcherMs'), bareMs: med(bare, 'watcherMs'),
            framesExt: med(ext, 'frames'), framesBare: med(bare, 'frames'), uncoveredBlurred: med(ext, 'uncoveredBlurred') },
          cleanUnreadable: { ext: med(ext, 'cleanUnreadable'), bare: med(bare, 'cleanUnreadable') },
          runs: {
            extTextShownMs: ext.map((l) => round(l.textShownMs)), bareTextShownMs: bare.map((l) => round(l.textShownMs)),
            extCleanReadableMs: ext.map((l) => round(l.cleanReadableMs)), bareCleanReadableMs: bare.map((l) => round(l.cleanReadableMs)),
            engineMs: ext.map((l) => round(l.engineMs)),
          },
        };
        for (const e of new Set(ext.flatMap((l) => l.errors ?? []))) problems.push(`${sample}: a frame's content script reported: ${e}`);
        if ([...ext, ...bare].some((l) => l.textShownMs === null)) problems.push(`${sample}: text never shown in some load (${key} tracked)`);
      });
    }
  }
  const summary = {};
  for (const { key } of configs) {
    const rows = Object.values(pages).map((p) => p[key]).filter(Boolean);
    const diffs = rows.map((r) => r.textShownMs.diff);
    const cleanDiffs = rows.map((r) => r.cleanReadableMs.diff);
    summary[key] = {
      pages: rows.length,
      textShownDiffMedianMs: round(median(diffs)), textShownDiffMaxMs: round(Math.max(...diffs)),
      cleanReadableDiffMedianMs: round(median(cleanDiffs)), cleanReadableDiffMaxMs: round(Math.max(...cleanDiffs)),
      flashes: rows.reduce((n, r) => n + r.flashes.total, 0),
      ...(against ? { against: {
        textShownDiffMedianMs: round(median(rows.map((r) => r.against.textShownMs.diff))),
        cleanReadableDiffMedianMs: round(median(rows.map((r) => r.against.cleanReadableMs.diff))),
        flashes: rows.reduce((n, r) => n + r.against.flashes, 0),
        thisBuildShownSooner: rows.filter((r) => r.textShownMs.diff < r.against.textShownMs.diff).length,
      } } : {}),
    };
  }
  return { goals: 'text shown ≤ 16 ms later than without the extension (median over pages), ≤ 50 ms on any page; 0 flashes', loadsPerSide: SHOWN_LOADS,
    against: against ? path.resolve(opts.against) : null, pages, summary };
}

// ---- the run -------------------------------------------------------------------------

for (const [what, p] of [['pkg/spoiler_shield_bg.wasm', WASM_FILE], ['dist/chromium', path.join(ROOT, 'dist/chromium/manifest.json')]]) {
  if (!fs.existsSync(p)) {
    console.error(`bench-browser: ${what} is missing: run \`make build\` first`);
    process.exit(1);
  }
}

const started = performance.now();
const server = await startServer();
const browser = await launch();
const url = (p) => `${server.url}/${p}`;
result.machine.chromium = browser.context.browser()?.version() ?? null; // parts 1–2 name the product

try {
  // Nothing tracked while the bench page runs, and no plot guard: the content script
  // stays idle there.
  await setSettings(browser, { tracked: [], off: [], paused: [], plotGuard: false });
  if (part('throughput') || part('startup')) {
    const bench = await browser.context.newPage();
    await bench.goto(url('bench/'));
    await bench.waitForFunction(() => document.documentElement.hasAttribute('data-bench-ready'), null, { timeout: 15_000 });

    try {
      const cdp = await browser.context.newCDPSession(bench);
      const v = await cdp.send('Browser.getVersion');
      result.machine.chromium = v.product;
      await cdp.detach();
    } catch {
      result.machine.chromium = await bench.evaluate(() => navigator.userAgent.match(/(?:Headless)?Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent);
    }

    // ---- 1. Wasm vs RegExp ----
    if (part('throughput')) await attempt('Wasm vs RegExp', async () => {
      const { books } = await bench.evaluate(() => window.bench.setup());
      const text = await bench.evaluate(([s, min]) => window.bench.loadTexts(s, min), [SAMPLES.map((s) => `/${s}`), MIN_BYTES]);
      const { phrases, kinds } = shieldPhrases();
      const builds = await repeat(() => bench.evaluate((p) => window.bench.regexBuild(p), phrases));
      // Alternate the two so that neither gets the quieter moments of the machine.
      const wasm = [];
      const regex = [];
      for (let i = 0; i < WARMUPS + RUNS; i++) {
        const w = await bench.evaluate((c) => window.bench.wasmRun(c), BATCH_CHARS);
        const r = await bench.evaluate(() => window.bench.regexRun());
        if (i >= WARMUPS) {
          wasm.push(w);
          regex.push(r);
        }
      }
      const mbs = text.bytes / MB;
      const wMs = median(wasm.map((r) => r.ms));
      const rMs = median(regex.map((r) => r.ms));
      result.throughput = {
        text: { ...text, mb: round(mbs, 3) },
        wasm: {
          books: wasm[0].books, patterns: wasm[0].patterns, batches: wasm[0].batches,
          blurredBlocks: wasm[0].blurred, changedBlocks: wasm[0].changed,
          medianMs: round(wMs), msPerMB: round(wMs / mbs), mbPerS: round(mbs / (wMs / 1000)),
          runsMs: wasm.map((r) => round(r.ms)),
        },
        regex: {
          phrases: phrases.length, phraseKinds: kinds, alternatives: builds[0].alternatives, sourceChars: builds[0].sourceChars,
          buildMs: round(median(builds.map((b) => b.ms))), buildRunsMs: builds.map((b) => round(b.ms)),
          matchedParagraphs: regex[0].matched,
          medianMs: round(rMs), msPerMB: round(rMs / mbs), mbPerS: round(mbs / (rMs / 1000)),
          runsMs: regex.map((r) => round(r.ms)),
        },
        ratioRegexOverWasm: round(rMs / wMs, 3),
      };
    });

    // ---- 2. size and start-up ----
    if (part('startup')) await attempt('size and start-up', async () => {
      const raw = fs.readFileSync(WASM_FILE);
      const glue = fs.readFileSync(path.join(ROOT, 'pkg/spoiler_shield.js'));
      // What every frame injects at document_start, and what it reads with its settings
      // when every catalog book is tracked (the worker's stored prefilter record).
      const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/chromium/manifest.json'), 'utf8'));
      const contentScripts = manifest.content_scripts.flatMap((entry) => entry.js);
      const contentBytes = contentScripts.reduce((n, f) => n + fs.statSync(path.join(ROOT, 'dist/chromium', f)).size, 0);
      const catalog = JSON.parse(fs.readFileSync(path.join(ROOT, 'pkg/prefilter.json'), 'utf8'));
      result.startup = {
        wasmBytes: raw.length,
        wasmGzipBytes: zlib.gzipSync(raw, { level: 9 }).length,
        glueBytes: glue.length,
        glueGzipBytes: zlib.gzipSync(glue, { level: 9 }).length,
        contentScripts, contentScriptBytes: contentBytes,
        keysRecordBytes: { one: recordText(keysRecord(catalog, '', [DYN_BOOK])).length, all: recordText(keysRecord(catalog, '', Object.keys(catalog))).length },
      };
      const init = await repeat(() => bench.evaluate(() => window.bench.initRun('url')));
      const fromBytes = await repeat(() => bench.evaluate(() => window.bench.initRun('bytes')));
      await bench.evaluate(() => window.bench.setup());
      const all = await repeat(() => bench.evaluate(() => window.bench.engineRun('all')));
      const one = await repeat(() => bench.evaluate((b) => window.bench.engineRun([b]), DYN_BOOK));
      Object.assign(result.startup, {
        initMs: round(median(init.map((r) => r.ms))), initRunsMs: init.map((r) => round(r.ms)),
        instantiateFromBytesMs: round(median(fromBytes.map((r) => r.ms))), instantiateFromBytesRunsMs: fromBytes.map((r) => round(r.ms)),
        engineAllMs: round(median(all.map((r) => r.ms))), engineAllBooks: all[0].books, engineAllRunsMs: all.map((r) => round(r.ms)),
        engineOneMs: round(median(one.map((r) => r.ms))), engineOneBook: DYN_BOOK, engineOneRunsMs: one.map((r) => round(r.ms)),
      });
    });
    await bench.close();
  }

  // ---- 3. the content script on the sample pages ----
  if (part('samples')) {
    const longTaskObserver = () => {
      const tasks = [];
      window.__benchLongTasks = tasks;
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) tasks.push(e.duration);
        }).observe({ type: 'longtask', buffered: true });
      } catch {
        window.__benchLongTasks = null;
      }
    };
    // One load of `sample`: its stats once settled, and the long tasks seen until then.
    async function load(sample) {
      const page = await browser.context.newPage();
      try {
        await page.addInitScript(longTaskObserver);
        await page.goto(url(sample));
        await settled(page, { timeout: 30_000 });
        await page.waitForTimeout(150); // let the observer's last entries arrive
        const s = await stats(page);
        const tasks = await page.evaluate(() => window.__benchLongTasks);
        return { stats: s, longTasks: tasks };
      } finally {
        await page.close();
      }
    }
    function summarise(loads) {
      const numeric = {};
      for (const key of Object.keys(loads[0].stats ?? {})) {
        if (loads.every((l) => typeof l.stats?.[key] === 'number')) numeric[key] = round(median(loads.map((l) => l.stats[key])));
      }
      const tasks = loads.map((l) => l.longTasks);
      const observed = tasks.every(Array.isArray);
      return {
        loads: loads.length,
        path: [...new Set(loads.map((l) => l.stats?.path ?? null))].join('/'),
        failsafe: loads.filter((l) => l.stats?.failsafe).length,
        errors: [...new Set(loads.map((l) => l.stats?.error).filter(Boolean))],
        medians: numeric,
        longTaskMaxMs: observed ? round(median(tasks.map((t) => (t.length ? Math.max(...t) : 0)))) : null,
        longTasksOver50: observed ? median(tasks.map((t) => t.filter((d) => d > 50).length)) : null,
        longTaskRunsMaxMs: observed ? tasks.map((t) => round(t.length ? Math.max(...t) : 0)) : null,
      };
    }
    result.samples = {};
    for (const sample of SAMPLES) {
      await attempt(`content script on ${sample}`, async () => {
        const want = EXPECTED[sample];
        // As tests/e2e/samples.test.mjs: a page about no book runs with the test set tracked.
        const books = want?.books?.length ? want.books : EXPECTED.books;
        await trackBooks(browser, books);
        await load(sample); // warm-up
        const loads = [];
        for (let i = 0; i < LOADS; i++) loads.push(await load(sample));
        const sum = summarise(loads);
        result.samples[sample] = { books, ...sum };
        if (!loads.every((l) => l.stats && l.stats.readyMs !== null)) problems.push(`${sample}: no stats published`);
        for (const e of sum.errors) problems.push(`${sample}: the content script reported: ${e}`);
      });
    }
    // The same biggest page with nothing tracked and no plot guard (the content script
    // idle): the long tasks that are the page's own (parsing, layout), to read the
    // shield's share against.
    const BIG = 'samples/many-comments.html';
    if (SAMPLES.includes(BIG)) {
      await attempt(`baseline ${BIG}`, async () => {
        await setSettings(browser, { tracked: [], off: [], paused: [], plotGuard: false });
        await load(BIG);
        const loads = [];
        for (let i = 0; i < LOADS; i++) loads.push(await load(BIG));
        const sum = summarise(loads);
        result.baselineNothingTracked = { sample: BIG, ...sum };
      });
    }
  }

  // ---- 4. dynamic content ----
  if (part('dynamic')) {
    await attempt('dynamic content', async () => {
      await trackBooks(browser, [DYN_BOOK]);
      // Once with the page's own Wasm (the first page after the worker stopped), once through
      // the service worker's engine (a later page, once the worker has built it).
      await stopWorker(browser);
      result.dynamic = { wasm: await measureDynamic((s) => s.path === 'wasm') };
      result.dynamic.background = await measureDynamic((s) => s.path === 'background');
    });
  }
  // ---- 5. what the reader sees: text shown, flashes, frames, engine start-up ----
  if (part('shown')) {
    await attempt('text shown', async () => {
      const plain = await launch({ extension: false });
      const against = opts.against ? await launch({ extDir: path.resolve(opts.against) }) : null;
      try {
        result.shown = await measureShown(plain, against);
        result.shown.worker = await measureWorker();
      } finally {
        await plain.close();
        await against?.close();
      }
    });
  }

} finally {
  await browser.close();
  await server.stop();
}
result.elapsedS = round((performance.now() - started) / 1000, 1);
result.problems = problems;

// ---- report --------------------------------------------------------------------------

const m = result.machine;
console.log(`Spoiler Shield, browser benchmarks (medians of ${RUNS} runs after ${WARMUPS} warm-ups; page loads: ${LOADS} after 1 warm-up)`);
console.log(`machine: ${m.cpu}, ${m.cores} cores, ${m.memGB} GB; ${m.os}; ${m.chromium ?? 'Chromium ?'} headless; node ${m.node}`);

const t = result.throughput;
if (t) {
  table(`1. Wasm core vs one RegExp, same page, ${t.text.mb} MB (${t.text.paragraphs} paragraphs: ${t.text.paragraphsOnce} from ${SAMPLES.length} sample pages x${t.text.repeats})`,
    ['path', 'median ms', 'ms/MB', 'MB/s', 'build ms', 'hits', 'detail'],
    [
      ['Wasm: newPage + scan', fmt(t.wasm.medianMs), fmt(t.wasm.msPerMB), fmt(t.wasm.mbPerS, 1), '(see 2)', `${t.wasm.blurredBlocks} blurred`,
        `${t.wasm.books} books, ${t.wasm.batches} batches of ~${BATCH_CHARS / 1000}k chars`],
      ['RegExp: re.test per paragraph', fmt(t.regex.medianMs), fmt(t.regex.msPerMB), fmt(t.regex.mbPerS, 1), fmt(t.regex.buildMs), `${t.regex.matchedParagraphs} matched`,
        `${t.regex.alternatives} phrases, \\b…\\b, i`],
    ]);
  console.log(`ratio regex_time / wasm_time: ${fmt(t.ratioRegexOverWasm, 3)}`);
}
const st = result.startup;
if (st) {
  table('2. Size and start-up', ['what', 'value'], [
    ['spoiler_shield_bg.wasm raw', `${st.wasmBytes} B (${fmt(st.wasmBytes / 1024, 1)} KiB)`],
    ['spoiler_shield_bg.wasm gzip -9', `${st.wasmGzipBytes} B (${fmt(st.wasmGzipBytes / 1024, 1)} KiB)`],
    ['spoiler_shield.js raw / gzip -9', `${st.glueBytes} B / ${st.glueGzipBytes} B`],
    [`content scripts (${st.contentScripts?.join(' + ') ?? '–'}, every frame)`, st.contentScriptBytes === undefined ? '–' : `${st.contentScriptBytes} B`],
    ['prefilter keys read with the settings: 1 book / every catalog book', st.keysRecordBytes === undefined ? '–' : `${st.keysRecordBytes.one} B / ${st.keysRecordBytes.all} B`],
    ['init(): fetch + compile + instantiate', st.initMs === undefined ? '–' : `${fmt(st.initMs)} ms`],
    ['compile + instantiate from bytes', st.instantiateFromBytesMs === undefined ? '–' : `${fmt(st.instantiateFromBytesMs)} ms`],
    [`new Engine, ${st.engineAllBooks ?? '?'} books`, st.engineAllMs === undefined ? '–' : `${fmt(st.engineAllMs)} ms`],
    [`new Engine, 1 book (${st.engineOneBook ?? DYN_BOOK})`, st.engineOneMs === undefined ? '–' : `${fmt(st.engineOneMs)} ms`],
  ]);
}
const rows = Object.entries(result.samples ?? {}).map(([sample, s]) => [
  sample.replace('samples/', ''), s.path, fmt(s.medians.blocks, 0), fmt(s.medians.blurred, 0), fmt(s.medians.walkMs), fmt(s.medians.scanMs),
  fmt(s.medians.writeMs), fmt(s.medians.totalMs), fmt(s.medians.readyMs), fmt(s.medians.longestSliceMs), fmt(s.longTaskMaxMs, 1), fmt(s.longTasksOver50, 0),
]);
const b = result.baselineNothingTracked;
if (b) {
  rows.push([`${b.sample.replace('samples/', '')} (nothing tracked)`, b.path || 'idle', '–', '–', '–', '–', '–', '–', fmt(b.medians.readyMs), '–',
    fmt(b.longTaskMaxMs, 1), fmt(b.longTasksOver50, 0)]);
}
if (rows.length) {
  table(`3. Content script on the sample pages (medians of ${LOADS} loads; ms; "shown" = readyMs after document_start; long tasks include the page's own parsing)`,
    ['page', 'path', 'blocks', 'blurred', 'walk', 'scan', 'write', 'total', 'shown', 'longest slice', 'longtask max', 'tasks>50ms'], rows);
  if (result.samples?.['samples/dynamic-comments.html']) console.log('dynamic-comments.html: the page as first shown, before its script inserts the comments (see 4 for later content)');
}
for (const d of Object.values(result.dynamic ?? {})) {
  table(`4. Dynamic content: ${d.paragraphs} spoiler paragraphs appended ~${d.intervalMs} ms apart (measured ${fmt(d.actualIntervalMs, 1)}), ${d.book} tracked, path ${d.path}`,
    ['insertion →', 'p50 ms', 'p95 ms', 'max ms', 'count'], [
      ['data-spoiler-shield="blurred"', fmt(d.toBlurMs.p50), fmt(d.toBlurMs.p95), fmt(d.toBlurMs.max), `${d.blurred}/${d.paragraphs}`],
      ['queued (hidden by shield.css)', fmt(d.toQueuedMs.p50), fmt(d.toQueuedMs.p95), fmt(d.toQueuedMs.max), `${d.queued}/${d.paragraphs}`],
    ]);
}

const sh = result.shown;
if (sh) {
  const keys = Object.keys(sh.summary);
  const rows5 = [];
  for (const [sample, p] of Object.entries(sh.pages)) {
    for (const key of keys) {
      const r = p[key];
      if (!r) continue;
      rows5.push([
        sample.replace('samples/', ''), key, fmt(r.textShownMs.ext, 1), fmt(r.textShownMs.bare, 1), fmt(r.textShownMs.diff, 1),
        fmt(r.cleanReadableMs.ext, 1), fmt(r.cleanReadableMs.bare, 1), fmt(r.cleanReadableMs.diff, 1),
        `${r.flashes.total}${r.labelledSpoilers ? ` (${r.labelledBlurred}/${r.labelledSpoilers} lab.)` : ''}`,
        `${fmt(r.frames.scanned, 0)}${r.frames.viaWorker ? ` (${fmt(r.frames.viaWorker, 0)} w)` : ''}/${fmt(r.frames.skipped, 0)}/${fmt(r.frames.withoutScript, 0)}`,
        fmt(r.engineMs, 1), `${fmt(r.watcher.extMs, 0)}/${fmt(r.watcher.bareMs, 0)}`,
      ]);
    }
  }
  table(`5. What the reader sees: medians of ${sh.loadsPerSide} loads with and without the extension, interleaved (ms after navigation start; books = tracked)`,
    ['page', 'books', 'shown ext', 'shown bare', 'Δ shown', 'clean ext', 'clean bare', 'Δ clean', 'flashes', 'frames scan/skip/none', 'engine ms', 'watcher ms ext/bare'], rows5);
  console.log('shown: first frame with body text, body and html opaque and visible. clean: first frame from which every watched block not blurred at the end stays readable.');
  console.log('flashes: blocks blurred at the end (labelled spoilers included; "lab." = labelled spoilers blurred of those of the tracked books) readable in an earlier frame, summed over loads.');
  console.log('frames: of page.frames(), scanned (path wasm/background; "w": of them, by the service worker\'s engine), skipped (path null), none (no content script). engine: engineMs, else coreMs - settingsMs, summed over frames.');
  console.log('watcher: time the frame watcher itself took on the page\'s thread (both sides pay it).');
  for (const key of keys) {
    const g = sh.summary[key];
    console.log(`${key} tracked: text shown Δ median ${fmt(g.textShownDiffMedianMs, 1)} ms (goal ≤ 16), max ${fmt(g.textShownDiffMaxMs, 1)} ms (goal ≤ 50); ` +
      `clean text readable Δ median ${fmt(g.cleanReadableDiffMedianMs, 1)} ms, max ${fmt(g.cleanReadableDiffMaxMs, 1)} ms; flashes ${g.flashes} (goal 0); ${g.pages} pages`);
    if (g.against) {
      console.log(`  the build --against ${sh.against}: text shown Δ median ${fmt(g.against.textShownDiffMedianMs, 1)} ms, ` +
        `clean Δ median ${fmt(g.against.cleanReadableDiffMedianMs, 1)} ms, flashes ${g.against.flashes}; this build shows text sooner on ${g.against.thisBuildShownSooner} of ${g.pages} pages`);
    }
  }
  const w = sh.worker;
  if (w) {
    const rowsW = Object.keys(w).filter((k) => /^\d+$/.test(k)).flatMap((books) => ['cold', 'warm'].map((side) => {
      const x = w[books][side];
      return [books, side === 'cold' ? 'worker just stopped' : 'worker\'s engine built', x.paths.join('/'), fmt(x.readyMs, 1), fmt(x.engineMs, 1), fmt(x.answerMs, 1), x.loads];
    }));
    table(`5b. One engine per session: ${w.sample}, ${w.rounds} rounds of a load after the service worker was stopped, then loads until one finds its engine built (medians; ms after document_start)`,
      ['books', 'the worker', 'path', 'read and judged', 'engine ms in the page', 'worker answered in', 'loads'], rowsW);
  }
}

fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
fs.writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);
const shown = path.relative(process.cwd(), path.resolve(opts.out));
console.log(`\n${result.elapsedS} s; figures written to ${shown.startsWith('..') ? path.resolve(opts.out) : shown}`);
if (problems.length) {
  console.error(`\nbench-browser: some figures could not be measured:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
