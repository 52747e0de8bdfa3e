// Timings and counts of one document's shield, published as JSON in the
// data-spoiler-shield-stats attribute of <html>, where tests, the demo and benchmarks read
// them without any console or messaging. One attribute write per slice keeps it cheap.
export class Stats {
  constructor(start) {
    this.data = {
      path: null, // 'wasm' | 'background' | null (idle: nothing tracked, or paused)
      why: undefined, // why the in-page path was not used
      blocks: 0, // texts sent to scan
      batches: 0, // scan calls
      blurred: 0, // blocks blurred right now
      unscanned: 0, // blocks read that wait for the core (shown meanwhile if they cannot spoil)
      walkMs: 0, // reading the DOM
      scanMs: 0, // inside scan (or the round trip to the worker)
      writeMs: 0, // writing verdicts
      totalMs: 0, // walk + scan + write
      longestSliceMs: 0, // the longest single task we ran (a background scan runs elsewhere)
      longestSlice: '', // … what it was made of
      moduleMs: null, // document_start → main.js's start() (the bundle compiled and run)
      early: null, // the page hidden and the settings read started by content/early.js (true), or by the bundle
      settingsMs: null, // document_start → settings read
      coreMs: null, // document_start → scanner ready (core loaded, engine built); null: none needed
      engineMs: 0, // time spent opening scanners (module, shield files, engine), all of them
      engines: 0, // scanners opened: 0 when the document named no tracked book
      books: 0, // books in the last engine opened (the named ones; in-page path)
      worker: null, // the service worker's answer when the settings were read: {ready (its engine built), ms}
      unfiltered: 0, // tracked books without usable prefilter keys: every block waits for the core
      prefilterMs: null, // reading the stored keys and building the prefilter (the last configure)
      shownMs: null, // document_start → the page itself shown (settings read, first pass)
      readyMs: null, // document_start → the document read and judged once
      passMs: 0, // the synchronous passes (walk, prefilter, marks), in all
      longestPassMs: 0, // … the longest, which may run inside the parser's task
      passes: 0,
      read: 0, // blocks read by the passes (the prefilter asked of each)
      failsafe: false, // the page was shown by the failsafe timeout, not by a finished scan
      replays: 0, // background sessions replayed after a worker restart
      retries: 0, // scan messages sent again after the service worker went away mid-call
      observeMs: 0, // in our MutationObserver callback, in all (it runs inside the page's task)
      longestObserveMs: 0, // … its longest single run
      deferredRecords: 0, // mutation records of bursts left to the slices (DEFER_RECORDS)
      capped: false, // the page cap (MAX_PAGE_CHARS) was reached: nothing more is scanned
      reprotected: 0, // blurs the page removed and we put back
      gaveUp: 0, // blurs the page removed once more after MAX_REPROTECT: left alone
      recoveries: 0, // whole-page rescans after a scan failed (the last failure is `error`)
      error: undefined,
    };
    this.start = start;
  }

  // Adds one slice's timings; `scanHere` says whether the scan ran on this thread (in-page
  // Wasm) or was a wait for the service worker, which blocks nothing.
  slice(walkMs, scanMs, writeMs, blocks, scanHere) {
    const d = this.data;
    d.walkMs += walkMs;
    d.scanMs += scanMs;
    d.writeMs += writeMs;
    d.totalMs = d.walkMs + d.scanMs + d.writeMs;
    const ms = walkMs + (scanHere ? scanMs : 0) + writeMs;
    if (ms > d.longestSliceMs) {
      d.longestSliceMs = ms;
      d.longestSlice = `walk ${walkMs.toFixed(1)} + scan ${scanMs.toFixed(1)} + write ${writeMs.toFixed(1)} ms, ${blocks} blocks`;
    }
    if (blocks) {
      d.blocks += blocks;
      d.batches++;
    }
  }

  // Adds one synchronous pass (walk, prefilter, marks) that read `blocks` blocks.
  pass(ms, blocks) {
    const d = this.data;
    d.passMs += ms;
    d.passes++;
    d.longestPassMs = Math.max(d.longestPassMs, ms);
    d.read += blocks;
  }

  // Adds one run of the MutationObserver callback.
  observed(ms) {
    this.data.observeMs += ms;
    this.data.longestObserveMs = Math.max(this.data.longestObserveMs, ms);
  }

  // Milliseconds since document_start.
  since() {
    return performance.now() - this.start;
  }

  set(fields) {
    Object.assign(this.data, fields);
  }

  publish() {
    const d = this.data;
    const rounded = {};
    for (const [k, v] of Object.entries(d)) rounded[k] = typeof v === 'number' ? Math.round(v * 100) / 100 : v;
    document.documentElement?.setAttribute('data-spoiler-shield-stats', JSON.stringify(rounded));
  }
}
