// Hostile pages (www/samples/hostile-*.html, issue 6): 50 MB of text, 100,000 paragraphs,
// a DOM 10,000 deep, shadow roots, frames, a page that mutates every frame, one that strips
// what we add, one whose CSS would unblur us. On each: the spoilers that can be protected
// are blurred, the work stays bounded (sliced, capped: extension/content/README.md), the
// tab answers while the content script works, and nothing loops on our own mutations.
// Prints, per page, the content script's time and its longest slice, the longest
// main-thread task seen by a PerformanceObserver, and the slowest answer of the tab.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, trackBooks, settled, stats, caughtUp } from './helpers.mjs';

const BOOK = 'never-let-me-go';
const env = useBrowser({ before, after, setup: ({ browser }) => trackBooks(browser, [BOOK]) });
const ANSWER_MS = 2000; // the tab answers a trivial evaluate within this, while we work
// A slice's own budget is 10 ms of walking plus one scan call of at most 100,000
// characters (extension/content/main.js), measured at 10–60 ms. Its wall time also holds
// whatever time the OS gives other processes: on a 2-core machine running the browser, its
// service worker (scanning at the same time) and the test driver, a slice of the 100,000
// paragraph page was seen at 150–381 ms under load. So this bound only catches what an
// unsliced or quadratic walk would do (seconds on these pages), and that the work was split
// is asserted by counting slices (`sliced`); the figures are printed, not asserted.
const SLICE_MS = 1000;

// Opens a sample with a long-task observer installed first, then, while the shield works,
// asks the tab a trivial question every 100 ms. Resolves to {page, stats, answerMs,
// longTaskMs} once the page is settled (`until` as in settled()).
async function open(t, sample, { until, arg, timeout = 90_000 } = {}) {
  const page = await env.browser.context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ at: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      window.__longTasks = null; // not supported
    }
  });
  await page.goto(env.url(`samples/${sample}`), { timeout });
  return { page, ...(await watch(t, page, sample, settled(page, { until, arg, timeout }))) };
}

// Pings the tab until `work` settles; reports and returns the figures.
async function watch(t, page, what, work, since = 0) {
  let done = false;
  const finished = work.finally(() => { done = true; });
  let answerMs = 0;
  while (!done) {
    const t0 = Date.now();
    await page.evaluate(() => 1);
    answerMs = Math.max(answerMs, Date.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  await finished;
  const s = await stats(page);
  const longTaskMs = await page.evaluate((since) => (window.__longTasks
    ? Math.round(Math.max(0, ...window.__longTasks.filter((e) => e.at >= since).map((e) => e.ms))) : null), since);
  t.diagnostic(`${what}: content script ${s.totalMs} ms (walk ${s.walkMs}, scan ${s.scanMs}, write ${s.writeMs}) in ${s.batches} slices, `
    + `${s.blocks} blocks, longest slice ${s.longestSliceMs} ms (${s.longestSlice}), mutation callbacks ${s.observeMs} ms `
    + `(longest ${s.longestObserveMs}), page shown at ${s.readyMs} ms, ${s.blurred} blurred${s.capped ? ', CAPPED' : ''}; `
    + `longest main-thread task ${longTaskMs ?? 'n/a'} ms (the page's own included), slowest answer ${answerMs} ms`);
  return { stats: s, answerMs, longTaskMs };
}

// {id: state} for ids in `frame` (a page or frame), 'clean' when unmarked.
function statesIn(frame, ids) {
  return frame.evaluate((ids) => Object.fromEntries(ids.map((id) => {
    const el = document.getElementById(id);
    return [id, el ? el.getAttribute('data-spoiler-shield') ?? 'clean' : 'missing'];
  })), ids);
}

// `answerWithin`: the 50 MB page's own layout keeps the tab busy for 0.8–2.1 s on this
// machine (measured; its longest task, ~400 ms, is the browser's, not ours), so there the
// bound is looser and what is ours is the slice bound.
// Whether `blocks` new blocks were read in many slices, not in a few long tasks: a slice
// reads at most 100,000 characters or 10 ms of walking, and these pages hold far more.
function sliced(r, blocks, atLeast) {
  assert.ok(r.stats.blocks >= blocks, `${r.stats.blocks} blocks read`);
  assert.ok(r.stats.batches >= atLeast, `${r.stats.blocks} blocks read in ${r.stats.batches} slices (at least ${atLeast})`);
}

// A main-thread task longer than anything of ours (a slice, or our mutation callback inside
// the page's task) is the page's own: building 100,000 paragraphs took one 2,900 ms task on
// a loaded CI machine (216 ms on another run), and no tab answers during it. So the answer
// bound is widened by that much, and only by that: a slow slice of ours widens nothing.
function bounded(r, answerWithin = ANSWER_MS) {
  const ours = Math.max(r.stats.longestSliceMs, r.stats.longestObserveMs);
  const pagesOwn = Math.max(0, (r.longTaskMs ?? 0) - ours);
  assert.ok(r.answerMs < answerWithin + pagesOwn,
    `the tab answered within ${answerWithin} ms beside the page's own ${Math.round(pagesOwn)} ms task (slowest ${r.answerMs})`);
  assert.ok(r.stats.longestSliceMs < SLICE_MS, `our longest slice ${r.stats.longestSliceMs} ms`);
  assert.equal(r.stats.error, undefined);
}

test('a. 50 MB of text: scanned in slices up to the page cap, then left as it is', async (t) => {
  const r = await open(t, 'hostile-50mb.html');
  bounded(r, 5000);
  sliced(r, 3_000, 100); // 32 M characters, 100,000 at most per slice
  assert.equal(r.stats.capped, true, 'the 32 M character cap was reached');
  assert.ok(r.stats.cappedAtChars < 32_200_000, `stopped at the cap (${r.stats.cappedAtChars})`);
  assert.deepEqual(await statesIn(r.page, ['s-first', 's-mid', 'giant', 'c-first', 's-last']), {
    's-first': 'blurred', 's-mid': 'blurred',
    giant: 'blurred', // a 2 MB <pre>, judged on its first 100,000 characters
    'c-first': 'clean',
    's-last': 'clean', // beyond the page cap: documented, not protected
  });
  assert.equal(await r.page.locator('[data-spoiler-shield-queued]').count(), 0, 'nothing left waiting (blurred) past the cap');
  await r.page.close();
});

test('b. 100,000 paragraphs, and a burst of 50,000 more appended one by one', async (t) => {
  const r = await open(t, 'hostile-100k.html');
  bounded(r);
  assert.equal(r.stats.blocks, 100_001);
  sliced(r, 100_001, 50);
  assert.deepEqual(await statesIn(r.page, ['c-first', 's-first', 's-mid', 'c-last', 's-last']),
    { 'c-first': 'clean', 's-first': 'blurred', 's-mid': 'blurred', 'c-last': 'clean', 's-last': 'blurred' });
  await r.page.close();

  const late = await open(t, 'hostile-100k.html?late');
  const since = await late.page.evaluate(() => performance.now());
  await late.page.evaluate(() => window.addLate());
  // The page's own style and layout of 50,000 new paragraphs come first: one frame.
  await late.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const r2 = await watch(t, late.page, 'hostile-100k.html?late, after the burst',
    settled(late.page, { until: () => document.getElementById('s-last')?.hasAttribute('data-spoiler-shield'), timeout: 90_000 }), since);
  bounded(r2);
  sliced(r2, 100_001, 75); // 50,001 before the burst, in ~50 slices
  // The callback only holds the burst's parent; its 50,000 records are looked at in slices.
  assert.ok(r2.stats.deferredRecords >= 50_000, `records left to the slices: ${r2.stats.deferredRecords}`);
  assert.ok(r2.stats.longestObserveMs < 1000, `one mutation callback for 50,000 additions: ${r2.stats.longestObserveMs} ms`);
  assert.deepEqual(await statesIn(late.page, ['s-first', 's-mid', 'c-last', 's-last']),
    { 's-first': 'blurred', 's-mid': 'blurred', 'c-last': 'clean', 's-last': 'blurred' });
  await late.page.close();
});

test('c. a DOM nested 10,000 deep', async (t) => {
  const r = await open(t, 'hostile-deep.html');
  bounded(r);
  assert.deepEqual(await statesIn(r.page, ['s-top', 'c-top', 's-mid', 's-deep', 'c-deep']),
    { 's-top': 'blurred', 'c-top': 'clean', 's-mid': 'blurred', 's-deep': 'blurred', 'c-deep': 'clean' });
  await r.page.close();
});

test('d. open shadow roots are scanned, a closed one is left alone', async (t) => {
  const r = await open(t, 'hostile-shadow.html', { until: () => window.hostileLateAdded });
  await settled(r.page, { until: () => ['late-host', 'upgrade-host'].every((host) => window.hostileRoots[host].querySelector('[id^="s-"]')?.hasAttribute('data-spoiler-shield')) });
  bounded(r);
  const got = await r.page.evaluate(() => {
    const roots = window.hostileRoots;
    const state = (root, id) => {
      const el = root.getElementById(id);
      return el ? `${el.getAttribute('data-spoiler-shield') ?? 'clean'} ${getComputedStyle(el).filter}` : 'missing';
    };
    return {
      open: state(roots['open-host'], 's-open'),
      cleanOpen: state(roots['open-host'], 'c-open'),
      nested: state(roots.inner, 's-nested'),
      slotted: state(document, 'slot-host'), // light text shown through a <slot>: its host blurs
      late: state(roots['late-host'], 's-late'),
      upgraded: state(roots['upgrade-host'], 's-upgrade'),
      closed: state(roots['closed-host'], 's-closed'),
      closedTouched: roots['closed-host'].querySelectorAll('[data-spoiler-shield], spoiler-shield-label').length,
      label: roots['open-host'].querySelector('spoiler-shield-label') && getComputedStyle(roots['open-host'].querySelector('spoiler-shield-label')).position,
    };
  });
  assert.match(got.open, /^blurred blur/);
  assert.match(got.cleanOpen, /^clean none/);
  assert.match(got.nested, /^blurred blur/);
  assert.match(got.slotted, /^blurred blur/);
  assert.match(got.late, /^blurred blur/, 'added to an open shadow root after load');
  assert.match(got.upgraded, /^blurred blur/, 'in a shadow root attached after our walk');
  assert.equal(got.closed, 'clean none', 'a closed shadow root is the page\'s own');
  assert.equal(got.closedTouched, 0);
  assert.equal(got.label, 'absolute', 'our label is styled inside the shadow root too');
  await r.page.close();
});

test('e. same-origin frames (src, srcdoc, about:blank written by the parent, nested) are scanned', async (t) => {
  const r = await open(t, 'hostile-iframes.html');
  bounded(r);
  assert.deepEqual(await statesIn(r.page, ['title', 's-top']), { title: 'clean', 's-top': 'blurred' });
  const frames = r.page.frames().filter((f) => f !== r.page.mainFrame());
  assert.equal(frames.length, 5, 'four frames and one nested');
  for (const f of frames) {
    await settled(f, { until: () => document.getElementById('c-child') });
    const ids = (await f.evaluate(() => !!document.getElementById('s-child'))) ? ['s-child', 'c-child'] : ['c-child'];
    const got = await statesIn(f, ids);
    t.diagnostic(`frame ${f.url().slice(-30)}: ${JSON.stringify(got)}`);
    assert.equal(got['c-child'], 'clean');
    if (ids.length === 2) assert.equal(got['s-child'], 'blurred', `${f.url()}`);
  }
  await r.page.close();
});

test('f. a page that mutates every animation frame: bounded work, no loop, spoilers blurred', async (t) => {
  const r = await open(t, 'hostile-raf.html', { until: () => window.hostileLaterAdded });
  await settled(r.page, { until: () => document.getElementById('s-later')?.hasAttribute('data-spoiler-shield') });
  bounded(r);
  assert.deepEqual(await statesIn(r.page, ['ticker', 's-static', 'c-static', 's-later']),
    { ticker: 'clean', 's-static': 'blurred', 'c-static': 'clean', 's-later': 'blurred' });
  // Over 60 frames of churn (about one second; counted in the page's own frames, which is
  // what the bound is about, so a slow machine cannot make it pass or fail): at most about
  // one slice per frame.
  const CHURN_FRAMES = 60;
  const [s0, f0] = [await stats(r.page), await r.page.evaluate(() => window.hostileFrames)];
  const t0 = Date.now();
  await r.page.waitForFunction((end) => window.hostileFrames >= end, f0 + CHURN_FRAMES, { timeout: 15_000 });
  const [s1, f1] = [await stats(r.page), await r.page.evaluate(() => window.hostileFrames)];
  const slices = s1.batches - s0.batches;
  const frames = f1 - f0;
  t.diagnostic(`hostile-raf.html: ${frames} page frames, ${slices} of our scan slices, ${Math.round((s1.totalMs - s0.totalMs) * 10) / 10} ms of our work in ${Date.now() - t0} ms`);
  assert.ok(frames >= CHURN_FRAMES && slices <= frames + 5, `${slices} slices for ${frames} frames`);
  // The page stops (its frame already requested when asked still runs; the page says
  // when that one is done): so do we (nothing of ours feeds the observer). The page's last
  // changes are looked at (the sentinel's verdict proves it), then 30 more frames pass, in
  // which a loop of ours would run a slice every task.
  await r.page.evaluate(() => { window.hostileStop = true; });
  await r.page.waitForFunction(() => window.hostileStopped);
  const sentinel = await caughtUp(r.page);
  const s2 = await stats(r.page);
  await r.page.evaluate(() => new Promise((resolve) => {
    let left = 30;
    const frame = () => (--left === 0 ? resolve() : requestAnimationFrame(frame));
    requestAnimationFrame(frame);
  }));
  const s3 = await stats(r.page);
  assert.equal(s3.batches, s2.batches, 'no slice once the page is still');
  await r.page.$eval(sentinel, (el) => el.remove());
  await r.page.close();
});

test('g. a page that strips what we add: re-protected a bounded number of times', async (t) => {
  const r = await open(t, 'hostile-strip.html', { until: () => window.hostileHydrated });
  // The end of the fight is a state: the hydrated spoiler blurred again and the block the
  // page strips forever given up (stats.gaveUp).
  await settled(r.page, {
    until: () => document.getElementById('s-hydrated').getAttribute('data-spoiler-shield') === 'blurred'
      && JSON.parse(document.documentElement.getAttribute('data-spoiler-shield-stats')).gaveUp >= 1,
  });
  bounded(r);
  const s = await stats(r.page);
  const strips = await r.page.evaluate(() => window.hostileStrips);
  // Over: a sentinel outside the stripped section is scanned and blurred, and in that time
  // nothing of ours was put back for the page to strip.
  const sentinel = await caughtUp(r.page);
  assert.equal(await r.page.evaluate(() => window.hostileStrips), strips, 'the fight is over: nothing stripped any more');
  await r.page.$eval(sentinel, (el) => el.remove());
  t.diagnostic(`hostile-strip.html: ${s.reprotected} blurs put back, ${s.gaveUp} given up, the page stripped ${strips} things`);
  const got = await statesIn(r.page, ['s-hydrated', 'c-hydrated', 's-stripped', 'c-stripped']);
  assert.equal(got['s-hydrated'], 'blurred', 'a one-time hydration is undone');
  assert.equal(got['c-hydrated'], 'clean');
  assert.equal(got['c-stripped'], 'clean');
  // The page that strips forever wins after MAX_REPROTECT (3) tries: documented.
  assert.equal(got['s-stripped'], 'clean');
  assert.equal(s.gaveUp, 1);
  assert.equal(s.reprotected, 1 + 3);
  await r.page.close();
});

test('h. a page whose CSS would unblur us: the inline !important blur wins', async (t) => {
  const r = await open(t, 'hostile-css.html');
  bounded(r);
  const filters = () => r.page.evaluate(() => Object.fromEntries(['s-1', 's-2', 's-3', 'c-1'].map((id) => {
    const el = document.getElementById(id);
    return [id, `${el.getAttribute('data-spoiler-shield') ?? 'clean'} ${getComputedStyle(el).filter}`];
  })));
  const got = await filters();
  assert.match(got['s-1'], /^blurred blur\(/);
  assert.match(got['s-2'], /^blurred blur\(/);
  assert.match(got['s-3'], /^blurred blur\(/);
  assert.equal(got['c-1'], 'clean none');
  // The control: our stylesheet alone loses against this page's CSS.
  const control = await r.page.evaluate(() => {
    const p = document.createElement('aside');
    p.setAttribute('data-spoiler-shield', 'blurred');
    document.body.append(p);
    const f = getComputedStyle(p).filter;
    p.remove();
    return f;
  });
  assert.equal(control, 'none', 'shield.css alone would be overridden here');
  // Revealing gives the page its own inline filter back.
  await r.page.click('#s-3');
  assert.equal(await r.page.evaluate(() => document.getElementById('s-3').style.filter), 'grayscale(1)');
  await r.page.close();
});
