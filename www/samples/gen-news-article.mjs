#!/usr/bin/env node
// Generates www/samples/news-article.html: a regional news story about a railway line
// reopening, about no book at all, as big and as deep as a real news page with its ads
// and frames: a mega-menu, 12+ levels of nested layout <div>s around every paragraph,
// a ~4,000-word article with sub-heads, fact boxes and pull quotes, ad slots between
// paragraphs, a sidebar, related links, threaded comments and a long footer. Frames:
// two same-origin ad pages, one srcdoc ad, one sandboxed (opaque-origin) srcdoc ad, one
// ad from another origin (localhost instead of 127.0.0.1, set by a small inline script,
// as ad loaders do), an empty iframe and a 1x1 tracking-pixel iframe. The frame pages are
// www/samples/news/*.html (not samples of their own: the tests list www/samples/*.html).
//
//   node www/samples/gen-news-article.mjs           write news-article.html (only if it changed)
//   node www/samples/gen-news-article.mjs --check   exit 1 if the committed file is stale
//
// Deterministic (a seeded PRNG, fixed dates). Every sentence below was written for this
// project; no catalogue book, author or character is named (the benchmarks use the page
// for "a page about no tracked book").

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seeded } from './seeded.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT_HTML = path.join(HERE, 'news-article.html');
const SEED = 0x7a11ea57;

const { rand, pick, between } = seeded(SEED);
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fill = (template, slots) => template.replace(/\{(\w+)\}/g, (_, k) => (typeof slots[k] === 'function' ? slots[k]() : slots[k]));

// ---- the story's world ---------------------------------------------------------------

const STATIONS = [
  'Brackenford', 'Castle Dene', 'Millhaven', 'Orrin Bridge', 'Saltby', 'Thornlea', 'Wendover Vale',
  'Yarrowfield', 'Eastwick Halt', 'Fallowmere', 'Greyholme', 'Hazelgate', 'Kilnsey Road', 'Lowther Junction',
  'Marrick', 'Netherby', 'Oxley Wharf', 'Pennock', 'Redmire', 'Stanwix Lane',
];
const PEOPLE = [
  ['Priya Anand', 'who chairs the county transport committee'],
  ['Dafydd Rees', 'the project\'s lead structural engineer'],
  ['Marta Kowalczyk', 'who runs the bakery opposite Millhaven station'],
  ['Sione Tupou', 'a signalling technician on the night shift'],
  ['Helen Okafor', 'head teacher at Thornlea primary school'],
  ['Callum Fraser', 'the rail operator\'s regional director'],
  ['Ines Duarte', 'a commuter from Saltby'],
  ['Bernard Lyle', 'secretary of the Valley Line Users\' Association'],
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November'];
const slots = {
  station: () => pick(STATIONS),
  station2: () => pick(STATIONS),
  person: () => pick(PEOPLE)[0],
  month: () => pick(MONTHS),
  n: () => String(between(3, 48)),
  pct: () => String(between(8, 61)),
  m: () => (between(12, 190) / 10).toFixed(1),
  mins: () => String(between(6, 35)),
  year: () => String(between(1962, 1998)),
};

// Sentence templates, by section. Each paragraph of a section draws 4–6 of them.
const SECTIONS = [
  ['The reopening', [
    'The first passenger train in {n} months crossed the viaduct at {station} shortly after six in the morning, carrying a handful of commuters and a crowd of railway enthusiasts with cameras.',
    'Services between {station} and {station2} now run every half hour on weekdays and hourly on Sundays, the operator said.',
    'Platform staff handed out printed timetables, and a brass band from {station} played on the footbridge while the train waited for the signal.',
    'For many in the valley the day had an air of a village fête, with bunting on the station fences and a queue for tea that stretched past the ticket office.',
    'The line closed in {month} last year after inspectors found that two of the viaduct\'s piers had shifted by several centimetres during the winter floods.',
    'Since then, passengers have relied on replacement buses that added up to {mins} minutes to a typical journey.',
    '{person} said the reopening was "the end of a very long detour" for thousands of people who work in the towns downstream.',
    'Ticket sales on the first morning were {pct} per cent higher than on an ordinary weekday before the closure, according to figures shared by the operator.',
    'Several shops near the stations opened early to catch the first passengers, and one café in {station} offered free coffee to anyone holding a ticket.',
    'The operator has promised to review the timetable after six months, once it has a clearer picture of how many passengers return.',
  ]],
  ['How the viaduct was repaired', [
    'Engineers drove {n} steel piles through the riverbed around the two damaged piers before pouring a new concrete collar around each base.',
    'The work had to pause twice when the river rose above the level at which divers could safely work.',
    '{person} described the repair as "keyhole surgery on a Victorian structure", because the original stonework could not be taken apart.',
    'Each of the viaduct\'s {n} arches was surveyed with ground-penetrating radar, and the results were compared with drawings from {year}.',
    'The original masons left their marks on many of the stones, and the conservation team recorded every one before the scaffolding went up.',
    'A temporary bridge for construction vehicles was built alongside the viaduct and removed again in {month}, leaving the riverbank replanted with willow.',
    'The total cost of the repairs came to £{m} million, slightly below the budget agreed by the county council.',
    'About a third of the cost was covered by a national fund for flood resilience, with the rest shared between the council and the rail operator.',
    'Sensors fixed to the piers now report their position every few minutes, and an alarm will stop trains if either pier moves by more than a few millimetres.',
    'Monitoring data from the first weeks of testing showed movement of less than the thickness of a sheet of paper, the engineers said.',
  ]],
  ['What the closure cost the valley', [
    'Businesses along the line say the closure cost them customers at exactly the time they were recovering from a difficult few years.',
    'A survey by the chamber of commerce found that {pct} per cent of shops in {station} had seen fewer visitors while the trains were not running.',
    '{person} said that footfall on market days had fallen so sharply that some stallholders stopped coming altogether.',
    'Parents in {station} reported that the replacement buses often left before the end of after-school clubs, so children missed out on activities.',
    'The hospital trust said some outpatients had cancelled appointments because the journey by bus took too long.',
    'Employers in the industrial estate at {station} arranged minibuses for staff who had no car, at a cost they say they could not have borne for much longer.',
    'House prices in the valley held up, estate agents said, but rentals near stations took longer to let.',
    'Tourism was hit hardest in the spring, when walkers who usually arrive by train for the hill paths above {station} stayed away.',
    'The county council estimated the wider economic cost of the closure at around £{m} million, although it said the figure was uncertain.',
  ]],
  ['Floods, and the next ones', [
    'The winter floods that damaged the viaduct were the highest recorded on the river since {year}, according to the environment agency.',
    'Hydrologists expect floods of that size to become more frequent, and the agency is reviewing defences along the whole length of the valley.',
    '{person} said the repair had been designed for a flood {pct} per cent larger than the one that caused the damage.',
    'New flood walls are planned for the low-lying parts of {station} and {station2}, with work expected to start next {month}.',
    'Some residents have asked whether the money might have been better spent on a new bridge, but engineers say the old viaduct, properly protected, will outlast any modern replacement.',
    'Upstream, farmers have been paid to let fields flood in winter, slowing the water before it reaches the towns.',
    'The agency has planted {n} thousand trees on the slopes above the river over the past three years for the same reason.',
    'A public meeting on the flood plans will be held in the community hall at {station} next month.',
  ]],
  ['Timetables, fares and the long wait for Sundays', [
    'The new timetable adds an early train from {station} that arrives in the city before half past seven, something passengers have requested for years.',
    'Fares rise by {pct} pence on most single tickets in {month}, in line with the national cap, the operator confirmed.',
    '{person} welcomed the extra services but said the last train home still left too early for anyone working an evening shift.',
    'Sunday services will begin an hour earlier from the summer, once enough drivers have finished their training.',
    'The operator is also trialling a weekly ticket that can be used on both the trains and the valley\'s two bus routes.',
    'Bicycles can be carried on every train again, after the replacement buses had refused them for most of the closure.',
    'Step-free access has been added at {station}, where a new ramp replaces the steep staircase that many wheelchair users found impossible.',
    'Real-time departure boards have been installed at {n} of the line\'s twenty stations, with the rest promised by the end of the year.',
  ]],
  ['Voices from the platform', [
    '"I have been getting up forty minutes earlier every day for a year," said {person}, waiting for the 7.12 at {station}.',
    '"The bus was fine, but you could never read on it, and you could never be sure when it would come," said one regular passenger.',
    '{person} said her pupils had written letters to the operator asking when the trains would return, and that many of them had been answered.',
    'A retired signalman who worked on the line in the {year}s travelled from {station} to ride the first train across the viaduct.',
    '"It feels like the valley has got its spine back," said {person}, who had organised a petition during the closure.',
    'Not everyone was celebrating: a few passengers complained that the first train of the day was already standing room only by {station2}.',
    'Staff at the ticket office in {station} said they had answered more questions about the timetable in one morning than in the whole of the previous month.',
    '{person} said she would now be able to get to work without leaving her children at the breakfast club before it opened.',
  ]],
  ['What happens next', [
    'The operator says it will publish passenger numbers every month until the end of the year.',
    'The county council will decide in {month} whether to fund a further study of reopening the branch line to {station}, closed since {year}.',
    '{person} said the reopening showed what could be done when the council, the operator and the national fund worked to the same timetable.',
    'Engineers will return to the viaduct each spring to inspect the piers and the riverbed around them.',
    'A small exhibition about the repair, with photographs and the masons\' marks, will open at the library in {station} next month.',
    'The users\' association plans to hold its annual meeting on a train this year, travelling the length of the line and back.',
  ]],
];

// Draws a paragraph of 4–6 sentences from a section's deck: every template is used once
// before any is used again, and never twice in one paragraph.
function paragraph(pool, deck) {
  const count = Math.min(between(4, 6), pool.length);
  const out = [];
  const here = new Set();
  while (out.length < count) {
    if (!deck.length) deck.push(...pool.map((_, i) => i).sort(() => rand() - 0.5));
    const i = deck.shift();
    if (here.has(i)) { deck.push(i); continue; }
    here.add(i);
    out.push(fill(pool[i], slots));
  }
  return out.join(' ');
}

// ---- markup --------------------------------------------------------------------------

let words = 0;
const countWords = (s) => { words += s.split(/\s+/).filter(Boolean).length; return s; };
let pid = 0;
let adSlot = 0;

// A paragraph inside the 5 wrapper levels a rich-text renderer adds.
const para = (text) => `<div class="rt-block"><div class="rt-block__inner"><div class="rt-text"><div class="rt-text__body"><div class="rt-text__p"><p id="a${++pid}">${esc(countWords(text))}</p></div></div></div></div></div>`;

// The article's ad slots, in page order; each wraps its frame in the layers an ad loader adds.
const ADS = [
  '<iframe id="ad-frame-1" class="ad-frame" title="Advertisement" width="300" height="250" src="news/ad-travel.html" loading="eager"></iframe>',
  `<iframe id="ad-frame-2" class="ad-frame" title="Advertisement" width="300" height="250" srcdoc="${esc('<!DOCTYPE html><html><body style="margin:0;font:13px/1.4 Arial,sans-serif;background:#fff8e6"><a href="#" style="display:block;padding:10px;color:#333;text-decoration:none"><img src="news/ad-image.svg" width="280" height="150" alt=""><p style="margin:6px 0 0">Winter coats, half price this weekend at Greyholme Outfitters.</p></a></body></html>')}"></iframe>`,
  `<iframe id="ad-frame-3" class="ad-frame" title="Advertisement" width="300" height="250" sandbox="allow-popups" srcdoc="${esc('<!DOCTYPE html><html><body style="margin:0;font:13px/1.4 Arial,sans-serif;background:#eef6ee"><div style="padding:12px"><p style="margin:0 0 6px;font-weight:bold">Hazelgate Garden Centre</p><p style="margin:0">Bulbs for spring, planted by us, for free, this month only.</p></div></body></html>')}"></iframe>`,
  '<iframe id="ad-frame-4" class="ad-frame ad-frame--remote" title="Advertisement" width="300" height="250" data-src="/samples/news/ad-outdoor.html"></iframe>',
  '<iframe id="ad-frame-5" class="ad-frame" title="Advertisement" width="300" height="250" src="news/ad-broadband.html" loading="eager"></iframe>',
];
const adBlock = () => {
  const frame = ADS[adSlot++];
  return `<div class="ad-container" aria-label="Advertisement"><div class="ad-slot" id="ad-slot-${adSlot}"><div class="ad-slot__inner"><div class="ad-label">Advertisement</div><div class="ad-unit">${frame}</div></div></div></div>`;
};

const related = [
  'Bus drivers in the valley vote to accept new pay offer',
  'Saltby market hall to reopen after roof repairs',
  'Flood warnings lifted for the lower valley',
  'Cycle path along the old branch line gets go-ahead',
  'Council sets out plans for new homes near Lowther Junction',
  'Why the valley\'s stone bridges are harder to fix than they look',
];

const article = [];
for (const [s, [heading, pool]] of SECTIONS.entries()) {
  const used = [];
  article.push(`<div class="article-section"><div class="article-section__inner"><h2 id="h${s + 1}" class="subhead">${esc(countWords(heading))}</h2>`);
  const paras = between(4, 6);
  for (let i = 0; i < paras; i++) {
    article.push(para(paragraph(pool, used)));
    if (i === 1 && adSlot < ADS.length && s % 2 === 0) article.push(adBlock());
    if (i === 2 && s === 1) {
      article.push(`<div class="factbox"><div class="factbox__inner"><h3 id="fact-title">${countWords('The line in numbers')}</h3><ul>${[
        'Twenty stations over thirty-one miles of track',
        'Eighteen stone arches on the viaduct, the tallest forty metres high',
        'Fourteen months of closure and more than ninety thousand replacement bus journeys',
        'Two new concrete collars, each holding several hundred tonnes of stone',
      ].map((t, j) => `<li id="fact${j + 1}">${esc(countWords(t))}</li>`).join('')}</ul></div></div>`);
    }
    if (i === 3 && s === 3) {
      article.push(`<figure class="pullquote"><div class="pullquote__inner"><blockquote id="pq1"><p>${esc(countWords('"The river will rise again. What matters is that next time the railway does not have to stop."'))}</p></blockquote></div></figure>`);
    }
    if (i === 2 && s === 4) {
      article.push(`<div class="inline-related"><div class="inline-related__inner"><p class="inline-related__label">Read more</p><ul>${related.slice(0, 3).map((t, j) => `<li><a id="ir${j + 1}" href="#">${esc(countWords(t))}</a></li>`).join('')}</ul></div></div>`);
    }
  }
  article.push('</div></div>');
}
while (adSlot < ADS.length) article.push(adBlock());

// Threaded comments: replies nest up to 4 deep, as comment systems render them.
const COMMENT_LINES = [
  'Good news at last. The bus took me an hour each way.',
  'Shame it took fourteen months, but the engineers clearly did a careful job.',
  'Does anyone know whether the early train stops at Eastwick Halt?',
  'The brass band was a lovely touch. My grandfather played in it years ago.',
  'Still no late train home on a Saturday. Please, someone at the operator, read this.',
  'Rode it this morning with my daughter, who had never been over the viaduct. She has not stopped talking about it.',
  'The new ramp at Castle Dene is a huge improvement for anyone with a pushchair.',
  'Fares going up again in the spring, I see.',
  'Credit to the divers who worked in that river in January.',
  'Can we have the branch line to Redmire back next, please?',
  'Lovely photographs in the gallery. The one of the scaffolding at dawn is my favourite.',
  'It was standing room only by Fallowmere. They need longer trains.',
];
let cid = 0;
function comment(depth) {
  const id = `cm${++cid}`;
  const author = pick(['valleycommuter', 'RailwayRose78', 'millhaven_mum', 'OldSignalman', 'hill_walker_22', 'saltby_lad', 'TrainsNotBuses', 'ParishClerk']);
  const text = `${pick(COMMENT_LINES)} ${pick(COMMENT_LINES)}`;
  const replies = depth < 4 && rand() < 0.45 ? Array.from({ length: between(1, 2) }, () => comment(depth + 1)).join('') : '';
  return `<li class="comment depth-${depth}"><div class="comment__wrap"><div class="comment__card"><div class="comment__head"><span class="comment__author">${author}</span> <span class="comment__time">${between(1, 11)} hours ago</span></div><div class="comment__body"><p id="${id}">${esc(countWords(text))}</p></div><div class="comment__actions"><a href="#">Reply</a> <a href="#">Report</a></div></div>${replies ? `<ol class="comment__replies">${replies}</ol>` : ''}</div></li>`;
}
const comments = Array.from({ length: 18 }, () => comment(1)).join('\n');

const NAV = ['News', 'Local', 'Sport', 'Business', 'Weather', 'Travel', 'Culture', 'Food', 'Opinion', 'Obituaries', 'Puzzles', 'Jobs'];
const navMenu = NAV.map((s, i) => `<li class="nav__item"><a href="#">${s}</a><div class="nav__mega"><div class="nav__mega-inner"><ul>${STATIONS.slice(i % 5, i % 5 + 6).map((t) => `<li><a href="#">${s} in ${t}</a></li>`).join('')}</ul></div></div></li>`).join('');
const mostRead = [
  'Valley line reopens after fourteen months',
  'Pennock school wins national choir award',
  'Roadworks on the Marrick bypass to last until spring',
  'New owners for the Oxley Wharf brewery',
  'Hazelgate allotments saved after council vote',
  'Weekend weather: bright, cold and breezy',
  'Thornlea pupils plant a thousand trees',
].map((t, i) => `<li id="mr${i + 1}"><a href="#">${esc(t)}</a></li>`).join('');
const footerCols = ['About us', 'Contact', 'Advertise', 'Help'].map((h) => `<div class="footer__col"><h4>${h}</h4><ul>${['Our team', 'Careers', 'Privacy notice', 'Cookie settings', 'Terms of use', 'Accessibility'].map((t) => `<li><a href="#">${t}</a></li>`).join('')}</ul></div>`).join('');

// Layout wrappers around the article, as a CMS nests them (12 levels down to each <p>'s wrappers).
const html = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Valley line reopens after fourteen months as repaired viaduct carries first trains | Local | The Dale Courier</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 17px/1.6 Georgia, serif; color: #1a1a1a; background: #fff; }
  a { color: #0b4f7a; }
  .topbar { background: #111; color: #ddd; font: 12px Arial, sans-serif; padding: 6px 20px; }
  .masthead { padding: 16px 20px; border-bottom: 3px solid #0b4f7a; font: bold 40px/1 Georgia, serif; }
  .nav ul { list-style: none; margin: 0; padding: 0; }
  .nav > ul { display: flex; flex-wrap: wrap; gap: 16px; padding: 8px 20px; background: #0b4f7a; }
  .nav > ul > li > a { color: #fff; font: bold 14px Arial, sans-serif; text-decoration: none; }
  .nav__mega { display: none; }
  .l-page { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
  .l-grid { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 40px; padding-top: 24px; }
  h1 { font-size: 36px; line-height: 1.15; margin: 8px 0; }
  .standfirst { font-size: 20px; color: #333; }
  .byline { font: 14px Arial, sans-serif; color: #555; border-top: 1px solid #ddd; border-bottom: 1px solid #ddd; padding: 8px 0; }
  .subhead { font: bold 22px Arial, sans-serif; margin-top: 30px; }
  .hero { height: 280px; background: linear-gradient(135deg, #7d8f6b, #d8dfcf); }
  figcaption { font: 13px Arial, sans-serif; color: #555; }
  .ad-container { margin: 24px 0; text-align: center; background: #f6f6f6; padding: 8px 0; }
  .ad-label { font: 11px Arial, sans-serif; color: #888; text-transform: uppercase; }
  .ad-frame { border: 0; background: #fff; }
  .factbox { background: #f1f4f7; border-top: 3px solid #0b4f7a; padding: 12px 18px; font: 15px/1.5 Arial, sans-serif; }
  .pullquote blockquote { font-size: 24px; color: #0b4f7a; border-left: 4px solid #b3261e; margin: 24px 0; padding-left: 16px; }
  aside { font: 15px/1.45 Arial, sans-serif; }
  aside h2 { font-size: 16px; border-top: 3px solid #0b4f7a; padding-top: 8px; }
  .comments ol { list-style: none; padding-left: 0; }
  .comment__replies { padding-left: 28px !important; }
  .comment__head { font: bold 13px Arial, sans-serif; color: #444; }
  .comment__actions { font: 12px Arial, sans-serif; }
  .footer { background: #1d2733; color: #cdd; margin-top: 40px; padding: 24px 20px; font: 13px Arial, sans-serif; display: flex; gap: 40px; }
  .footer a { color: #cdd; }
  .pixel { position: absolute; width: 1px; height: 1px; border: 0; left: -10px; top: -10px; }
  .empty-frame { width: 300px; height: 0; border: 0; display: block; }
</style>
</head>
<body class="article-page">
<div id="site" class="site"><div class="site__inner">
<div class="topbar"><p id="topbar-text">Sign in | Subscribe from £1 a week | Tuesday 3 December</p></div>
<header class="header"><div class="header__inner"><div class="masthead"><span id="brand">The Dale Courier</span></div>
<nav class="nav" aria-label="Sections"><ul>${navMenu}</ul></nav></div></header>
<iframe class="pixel" title="" src="news/pixel.html" width="1" height="1" aria-hidden="true" tabindex="-1"></iframe>
<div class="l-page"><div class="l-page__inner"><div class="l-container"><div class="l-grid">
<main class="l-main"><div class="l-main__inner"><div class="article-wrapper"><article class="article"><div class="article__inner">
<header class="article__header"><div class="article__header-inner">
<p id="kicker" class="kicker">Transport</p>
<h1 id="headline">Valley line reopens after fourteen months as repaired viaduct carries first trains</h1>
<p id="standfirst" class="standfirst">Commuters, schoolchildren and a brass band greeted the first service across the strengthened arches, ending a year of replacement buses for the towns along the river.</p>
<p id="byline" class="byline">By our transport correspondent, with additional reporting from the valley bureau · 3 December, 07:45</p>
</div></header>
<figure class="hero-figure"><div class="hero"></div><figcaption id="hero-caption">The first morning train crosses the viaduct, its piers wrapped in their new concrete collars.</figcaption></figure>
<div class="article__body"><div class="article__body-inner"><div class="rich-text">
${article.join('\n')}
</div></div></div>
<div class="article__tags"><p id="tags">Topics: transport, railways, flooding, local economy</p></div>
</div></article></div>
<section class="related"><div class="related__inner"><h2 id="related-title">Related stories</h2><ul>${related.map((t, i) => `<li id="rel${i + 1}"><a href="#">${esc(t)}</a></li>`).join('')}</ul></div></section>
<iframe class="empty-frame" title="" aria-hidden="true"></iframe>
<section class="comments" id="comments"><div class="comments__inner"><h2 id="comments-title">Comments (${cid})</h2><ol class="comment-list">
${comments}
</ol></div></section>
</div></main>
<aside class="l-aside"><div class="l-aside__inner"><div class="widget"><h2 id="mostread-title">Most read</h2><ol>${mostRead}</ol></div>
<div class="widget"><h2 id="newsletter-title">Newsletter</h2><p id="newsletter-text">The valley's news in your inbox every morning. Free, and easy to cancel.</p></div></div></aside>
</div></div></div></div>
<footer class="footer">${footerCols}<p id="footer-text">© The Dale Courier. Published in the valley since 1871.</p></footer>
</div></div>
<script>
  // As ad loaders do: the last slot's frame comes from the ad server's own origin (here the
  // same server reached as localhost, a different origin from 127.0.0.1).
  for (const f of document.querySelectorAll('iframe[data-src]')) {
    f.src = location.protocol + '//localhost:' + location.port + f.dataset.src;
  }
</script>
</body>
</html>
`;

const check = process.argv.includes('--check');
const old = fs.existsSync(OUT_HTML) ? fs.readFileSync(OUT_HTML, 'utf8') : null;
const stale = old !== html;
if (stale && !check) fs.writeFileSync(OUT_HTML, html);
if (check && stale) {
  console.error('news-article.html is stale: run node www/samples/gen-news-article.mjs');
  process.exit(1);
}
const depth = (() => {
  // The deepest element nesting in the output, to keep "as deep as a real page" honest.
  let d = 0;
  let max = 0;
  for (const m of html.matchAll(/<(\/?)([a-z][a-z0-9-]*)[^>]*?(\/?)>/g)) {
    if (['meta', 'img', 'br', 'hr', 'input', 'link'].includes(m[2])) continue;
    if (m[1]) d--;
    else if (!m[3]) max = Math.max(max, ++d);
  }
  return max;
})();
console.error(
  `${check ? 'checked' : stale ? 'wrote' : 'unchanged'} ${path.relative(process.cwd(), OUT_HTML)}: ` +
    `${pid} article paragraphs, ${cid} comments, ${words} words of article and comment text, ` +
    `element depth ${depth}, ${Buffer.byteLength(html)} bytes`,
);
