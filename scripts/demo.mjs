#!/usr/bin/env node
// `make demo`: the built extension in headless Chromium with the Never Let Me Go shield on,
// on the bundled sample review page. Writes dist/demo.png and prints what it blurred and
// why (book, score, phrases: the core's verdicts as the content script wrote them).
import path from 'node:path';
import { ROOT, startServer, launch, trackBooks, settled, stats, marked } from '../tests/e2e/helpers.mjs';

const SAMPLE = 'samples/review-blog.html';
const OUT = path.join(ROOT, 'dist/demo.png');

const server = await startServer();
const browser = await launch();
try {
  await trackBooks(browser, ['never-let-me-go']);
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/${SAMPLE}`);
  await settled(page);
  const blocks = await marked(page);
  const s = await stats(page);

  // Frame the first blurred paragraph a little below the top, so the shot shows the blur,
  // its label and the clean text around it.
  await page.evaluate(() => {
    const first = document.querySelector('[data-spoiler-shield="blurred"]');
    if (first) scrollTo(0, first.getBoundingClientRect().top + scrollY - 220);
  });
  // The scrolled page painted: two frames after the scroll, not a guessed time.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: OUT });

  console.log(`Spoiler Shield demo: ${SAMPLE} with the Never Let Me Go shield on`);
  console.log(`scanned ${s.blocks} blocks in ${s.batches} batch(es) via ${s.path === 'wasm' ? 'in-page Wasm' : 'the service worker\'s engine'}; ` +
    `blurred ${blocks.length}`);
  console.log(`timings: walk ${s.walkMs} ms, scan ${s.scanMs} ms, write ${s.writeMs} ms, total ${s.totalMs} ms; ` +
    `page shown ${s.readyMs} ms after document start`);
  for (const b of blocks) {
    const opening = b.text.split(' ').slice(0, 6).join(' ');
    console.log(`  #${b.id ?? '?'}  ${b.book}  score ${b.score}  phrases: ${b.phrases}  ("${opening} …")`);
  }
  console.log(`screenshot: ${path.relative(ROOT, OUT)}`);
} finally {
  await browser.close();
  await server.stop();
}
