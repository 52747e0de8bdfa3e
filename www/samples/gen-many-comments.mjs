#!/usr/bin/env node
// Generates www/samples/many-comments.html: a read-along thread about Never Let Me Go
// with 2,000 comments (about 1 MB of text), and many-comments.labels.json, the id of every
// comment body split into spoilers and clean ones.
//
//   node www/samples/gen-many-comments.mjs           write both files (only if they changed)
//   node www/samples/gen-many-comments.mjs --check   exit 1 if the committed files are stale
//
// The output is deterministic (a seeded PRNG, no dates from the clock), so running it again
// is a no-op. Every sentence below was written for this project.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seeded } from './seeded.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT_HTML = path.join(HERE, 'many-comments.html');
const OUT_LABELS = path.join(HERE, 'many-comments.labels.json');
const COUNT = 2000;
const SEED = 0x5eed2005;

const { rand, pick, between } = seeded(SEED);

// ---- sentence pools -----------------------------------------------------------------
// Clean sentences: opinions, reading habits, the film, premise. None of them gives away
// anything the jacket copy does not.

const OPENERS = [
  'Finally finished it last night.',
  'Long-time lurker, first comment.',
  'Our book club picked this one for March.',
  'Just got back from the library with a battered copy.',
  'This is my second reread this year.',
  'Late to the party as usual.',
  'Coming back to this thread after a week of thinking.',
  'Honestly did not expect to like this as much as I did.',
  'My teenager recommended it to me, which never happens.',
  'Read it on the train over three commutes.',
  'Picked it up because of the title and kept going because of the voice.',
  'Audiobook listener here.',
  'Reading along with the group, a section a week.',
  'Okay, I have feelings about this book.',
  'Second attempt at this one, and this time it clicked.',
  'Borrowed a paperback from my aunt, who had underlined half of it.',
  'This was set reading for my literature seminar.',
  'I read it in one sitting on a long flight.',
  'Bought the anniversary edition just for the cover.',
  'Catching up on the thread after a busy week at work.',
  'Checking in from the night shift.',
  'First Ishiguro for me.',
  'I have been putting off commenting because I did not know what to say.',
  'Halfway through my reread and wanted to drop in.',
  'Brand new to the group, hello everyone.',
  'Read it years ago and came back for the read-along.',
  'Just closed the book and came straight here.',
  'I am a slow reader, so bear with me.',
];

const OPINIONS = [
  "Kathy's voice is so calm that it took me a long time to notice how much she leaves out.",
  'The prose is plain on the surface, but every sentence seems to be doing two jobs at once.',
  'Ruth drove me up the wall for most of the book, and I think that was exactly the point.',
  "Tommy's tantrums on the sports field were painful to read, in the best way.",
  'I loved how ordinary school life feels at Hailsham, with the Sales, the Exchanges and the endless rumours.',
  'The pacing is slow, but it is the slowness of someone choosing her words very carefully.',
  'Nobody writes memory the way Ishiguro does; Kathy keeps correcting herself in the middle of a story.',
  'The English countryside in this book is grey and wet and somehow beautiful.',
  'I kept underlining sentences and then not being able to explain why they had affected me.',
  'The friendship between the three of them is the real subject, at least for me.',
  'The Cottages section felt aimless to some people in my group, but I liked the drift.',
  'I wish we had seen more of the guardians as people with their own lives.',
  'Miss Lucy is my favourite minor character, hands down.',
  'For a long time it reads like a quiet boarding school novel, and that is part of its power.',
  'The structure, with Kathy jumping back and forth in time, rewards a bit of patience.',
  'Ishiguro is brilliant at small embarrassments: a misread glance, a joke that falls flat, a present given at the wrong moment.',
  'The dialogue is so polite that the rudeness, when it comes, really stings.',
  'Some chapters are almost nothing happening, and I still could not stop turning pages.',
  "The idea of Norfolk as England's lost corner, where all the lost property of the country washes up, is such a lovely, odd touch.",
  'I appreciated that nothing is explained in a lecture; you piece the world together yourself.',
  'Kathy is unreliable, but not in a tricksy way; she is just human about her own memories.',
  'Every time Ruth and Kathy argue, I could hear two real people who know exactly where to hurt each other.',
  'It is a sad book, but it is never manipulative about its sadness.',
  'The tone reminded me of The Remains of the Day, all that held-back feeling.',
  'The way the children talk about the world outside, half rumour and half fairy tale, felt very true to being young.',
  'Kathy notices everything about other people and almost nothing about herself.',
  'I found the first part slow and the second part even slower, but the third part made sense of both.',
  'There is not a single showy sentence in the book, and I mean that as a compliment.',
  'Reading it felt like listening to someone on the other side of a kitchen table late at night.',
  "Ruth's habit of pretending she knows more than she does is the most realistic thing about her.",
  'The art lessons at Hailsham are described with such affection that I wanted to take one.',
  'Tommy is the one I worry about, all the way through.',
  'I love that the big emotional scenes happen in car parks, corridors and half-empty cafés.',
  'The way Kathy remembers conversations word for word, and then admits she might be wrong, is so well done.',
  'I kept thinking about how much of school life is just waiting to be told what happens next.',
  "Ishiguro trusts the reader more than almost any novelist I know.",
  'There is a sort of fog over everything in this book, and I mean the prose as much as the weather.',
  'My favourite scenes are the tiny ones, like Kathy searching the shops for a lost tape.',
  'The title is perfect, and it means something slightly different every time it comes back.',
  'Kathy and Ruth have the most complicated friendship I have read in years.',
  'I did not always like the characters, but I believed in every one of them.',
  'The restraint of the writing is what makes it hit so hard.',
  'The book is full of objects, collections and keepsakes, and I loved how much they matter to everyone.',
  'I think the quietness is the whole point, even if it tested my patience at times.',
  'The older students at the Cottages, with their borrowed manners and their paperbacks, made me laugh out loud.',
  'It is one of those books where the second read is completely different from the first.',
  'I read the last thirty pages very slowly because I did not want them to end.',
  'The rumours that run round Hailsham are one of the best depictions of childhood gossip I have read.',
  'I loved the detail of the students trading their art for tokens.',
  'Kathy is a much funnier narrator than people give her credit for.',
  'The book made me think a lot about how we look back on the places that made us.',
  'I was surprised by how gentle the book is, even when it is upsetting.',
  'The way the three of them keep almost saying what they mean is agonising.',
  'I would have liked a little more of Madame, she is such a strange presence.',
  'The boarding school details, the dormitories and the pavilion and the woods, felt completely real.',
  "Ruth's need to be admired is written with a lot of compassion.",
  'There is not a wasted scene, even if some of them feel aimless at first.',
  'Ishiguro makes the ordinary feel ominous without ever raising his voice.',
  'The book is as much about friendship and jealousy as anything else.',
  "I found myself reading Kathy's sentences aloud, just to hear the rhythm.",
  'The ending of each chapter has this way of pulling you into the next memory.',
];

const HABITS = [
  'Four stars from me, maybe four and a half once it settles.',
  'Five stars, no hesitation.',
  'Three stars; beautifully written, but too slow for my taste.',
  'Next up for me is The Buried Giant.',
  'I have recommended it to everyone at work.',
  'I read it with a pencil and the margins are now full.',
  'Our library had a waiting list of twenty people for it.',
  'I would love a read-along for Klara and the Sun next.',
  'Does anyone know if the audiobook is abridged?',
  'Thanks for hosting this thread, it has been lovely.',
  'I read it in the bath, which was a mistake, because I cried into the bath.',
  'I finished it at two in the morning and could not sleep afterwards.',
  'My copy is now covered in sticky notes.',
  'It took me three weeks, which is long for me.',
  'I have bought copies for two friends already.',
  'I kept a little notebook of quotes while reading.',
  'This is going straight onto my favourites shelf.',
  'It is the kind of book I will reread every few years.',
  'I am glad I read it slowly rather than racing through.',
  'Reading it alongside this group made it so much better.',
  'I read the ebook and wish I had a paper copy to lend.',
  'My book club is meeting on Thursday to discuss it.',
  'I borrowed the large print edition and it was very comfortable to read.',
  'Rating: {n} out of 5.',
  'I read it in {n} days.',
  'Chapter {c} is where it really got its hooks into me.',
  'That makes {n} Ishiguro novels I have read this year.',
];

const FILM = [
  'The film is faithful to the plot but loses a lot of the inner voice.',
  'Carey Mulligan was perfect casting for Kathy.',
  "The film's colours, all greys and faded greens, matched how I pictured Hailsham.",
  'I saw the film first and still loved the book.',
  'The Japanese television adaptation is worth tracking down if you can find it.',
  'Andrew Garfield is wonderful as Tommy in the film.',
  'I would recommend reading the book before watching the film.',
  'The soundtrack of the film is gorgeous and I listen to it while reading.',
  'Keira Knightley makes Ruth more sympathetic on screen than I found her on the page.',
];

const CLOSERS = [
  "Anyway, that's my two cents.",
  'Cannot wait to hear what everyone else thought.',
  'Off to stare at a wall for a while.',
  'Going to start something cheerful tonight.',
  'Happy reading, all.',
  'See you all in next month’s thread.',
  'Thanks for reading my ramble.',
  'Would love to hear if anyone felt the same.',
  'Back to work now, sadly.',
  'Looking forward to the discussion on Thursday.',
  'Now I need a cup of tea.',
  'Going to sit with this one for a while.',
];

// Clean replies that answer a spoiler without repeating it.
const TAG_REQUESTS = [
  'Spoiler tags please! Some of us are only on Part One.',
  'Could you put a warning at the top next time? I am still reading.',
  'Please mark things like this, I scrolled too fast.',
  'Not everyone has finished yet, could you hide that behind a tag?',
  'Mods, could we have a separate thread for people who have finished?',
  'Ugh, I should have stopped scrolling. Please use spoiler tags, everyone.',
];

// Spoiler sentences: each gives away a twist, a fate or the ending.
const SPOILERS = [
  'The moment Miss Lucy tells them they will start donating their vital organs before they are even middle-aged is where the book turned for me.',
  'Once you know the students are clones raised for their organs, every scene at Hailsham reads differently.',
  'Tommy completing after his fourth donation is the saddest thing I have read in years.',
  'Ruth completes after her second donation, and I was not ready for it.',
  'Learning that the deferrals were only ever a rumour, and that nobody ever got one, destroyed me.',
  "Madame's gallery was never about love; it was meant to prove to the world that clones have souls.",
  'Kathy learning that her own donations will start at the end of the year hit me hard.',
  'The trip to find Ruth’s possible is heartbreaking once you realise she is looking for the woman she was cloned from.',
  'Miss Emily admitting that Hailsham was an experiment to show that clones could be raised humanely is the key scene for me.',
  'The students were created as organ donors, and not one of them tries to run away.',
  'The way they call dying after the last donation "completing" is so chilling.',
  "Tommy's animal drawings were meant to prove his soul to Madame for a deferral that never existed.",
  'When Kathy and Tommy finally ask Madame for a deferral and learn there is none, the scene with Tommy screaming in the dark field broke me.',
  'Ruth confesses that she kept Kathy and Tommy apart on purpose, gives them Madame’s address, and then completes soon after.',
  'Every clone from Hailsham donates until they complete; there are no exceptions and no escape.',
  'Hailsham closes down, and the clones who come after are raised in far worse places.',
  "Ruth's bitter outburst about the clones being copied from the lowest people in society is the darkest moment of the middle section.",
  'The ending at the Norfolk fence, after Tommy has completed and Kathy is about to become a donor herself, is perfect.',
  'Kathy will be donating her own organs within months, and she accepts it without a word of complaint.',
  'The donations start in their twenties, and most of them are dead by thirty.',
  'Finding out that the guardians kept the art to argue that the clones were human made me rethink the whole first part.',
  'Tommy on his fourth donation, knowing it will kill him, sending Kathy away so he can complete among other donors, is devastating.',
  'The reveal that the students are clones whose organs will be harvested is done so quietly that I reread the page to be sure.',
  'Kathy becoming a donor at the end, after years as a carer for the others, made me cry on the bus.',
  'I could not stop thinking about the clones completing one by one while the rest of the country looks away.',
  'Madame and Miss Emily admitting they could never grant a deferral is the cruellest scene in the book.',
];

const FIRST = ['Ana', 'Ben', 'Chloe', 'Dara', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivo', 'Jess', 'Kofi', 'Lena', 'Milo', 'Nadia', 'Owen', 'Pia', 'Quentin', 'Rosa', 'Sol', 'Tara', 'Umar', 'Vera', 'Wes', 'Ximena', 'Yusuf', 'Zoe', 'Agnes', 'Bram', 'Cleo', 'Dmitri', 'Esme', 'Felix', 'Greta', 'Hugo', 'Isla', 'Jonas'];
const HANDLE = ['reads', 'books', '_bookworm', 'onthebus', 'pages', '_shelf', 'inthestacks', 'reads_slowly', '_annotates', 'loves_tea', '', '', '', ''];

function author() {
  const f = pick(FIRST);
  const h = pick(HANDLE);
  if (h) return (rand() < 0.5 ? f.toLowerCase() : f) + h + (rand() < 0.3 ? String(between(1, 99)) : '');
  return f + ' ' + String.fromCharCode(65 + between(0, 25)) + '.';
}

function fill(s) {
  return s.replace('{n}', () => String(between(2, 5))).replace('{c}', () => String(between(2, 23)));
}

function cleanBody() {
  const out = [];
  if (rand() < 0.75) out.push(pick(OPENERS));
  const n = between(4, 7);
  for (let i = 0; i < n; i++) {
    const r = rand();
    const pool = r < 0.68 ? OPINIONS : r < 0.88 ? HABITS : FILM;
    let s = fill(pick(pool));
    if (out.includes(s)) s = fill(pick(OPINIONS));
    if (!out.includes(s)) out.push(s);
  }
  if (rand() < 0.5) out.push(pick(CLOSERS));
  return out;
}

function spoilerBody() {
  const out = cleanBody();
  const at = 1 + Math.floor(rand() * (out.length - 1));
  out.splice(at, 0, pick(SPOILERS));
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
let clock = Date.UTC(2023, 0, 9, 8, 0);
function stamp() {
  clock += between(3, 240) * 60 * 1000;
  const d = new Date(clock);
  const h = d.getUTCHours();
  const hh = h % 12 === 0 ? 12 : h % 12;
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return {
    iso: d.toISOString().slice(0, 16) + 'Z',
    text: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} at ${hh}:${mm} ${h < 12 ? 'am' : 'pm'}`,
  };
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// ---- build the thread -----------------------------------------------------------------

const comments = []; // {n, id, author, when, text, spoiler, replyTo}
let lastTop = null;
let lastSpoilerTop = null;
for (let n = 1; n <= COUNT; n++) {
  // Roughly one comment in nine spoils; the last comment always does, so a test can see
  // that the whole page was scanned.
  let spoiler = n === COUNT || (n > 3 && rand() < 0.11);
  let sentences;
  let replyTo = null;
  if (!spoiler && lastSpoilerTop && lastSpoilerTop.n === n - 1 && rand() < 0.6) {
    sentences = [pick(TAG_REQUESTS)];
    if (rand() < 0.5) sentences.push(pick(OPINIONS));
    replyTo = lastSpoilerTop;
  } else {
    sentences = spoiler ? spoilerBody() : cleanBody();
    if (lastTop && rand() < 0.18 && n !== COUNT) replyTo = lastTop;
  }
  const c = { n, id: `c${n}`, author: author(), when: stamp(), text: sentences.join(' '), spoiler, replyTo };
  comments.push(c);
  if (!replyTo) {
    lastTop = c;
    lastSpoilerTop = spoiler ? c : null;
  }
}

// ---- render ---------------------------------------------------------------------------

function renderComment(c, depth) {
  return [
    `<li class="comment depth-${depth}" id="comment-${c.n}">`,
    `<article class="comment-body">`,
    `<footer class="comment-meta"><span class="avatar" aria-hidden="true"></span><b class="fn">${esc(c.author)}</b> <span class="says">says:</span> <a class="comment-time" href="#comment-${c.n}"><time datetime="${c.when.iso}">${c.when.text}</time></a></footer>`,
    `<div class="comment-content"><p id="${c.id}">${esc(c.text)}</p></div>`,
    `<div class="reply"><a class="comment-reply-link" href="#respond">Reply</a> · <span class="likes">${1 + (c.n * 7) % 23} likes</span></div>`,
    `</article>`,
  ].join('');
}

const children = new Map();
for (const c of comments) if (c.replyTo) (children.get(c.replyTo.n) ?? children.set(c.replyTo.n, []).get(c.replyTo.n)).push(c);

const items = [];
for (const c of comments) {
  if (c.replyTo) continue;
  let li = renderComment(c, 1);
  const kids = children.get(c.n);
  if (kids) li += `<ol class="children">${kids.map((k) => renderComment(k, 2) + '</li>').join('\n')}</ol>`;
  items.push(li + '</li>');
}

const html = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Never Let Me Go read-along: the big discussion thread – Slow Readers' Circle</title>
<!-- Generated by gen-many-comments.mjs; do not edit by hand. ${COUNT} comments. -->
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.6 Georgia, serif; color: #2d2a26; background: #f6f3ee; }
  a { color: #6b3fa0; }
  header.site { background: #fff; border-bottom: 1px solid #ddd5ca; }
  header.site .inner, .wrap, footer .inner { max-width: 900px; margin: 0 auto; padding: 0 20px; }
  header.site .inner { padding-top: 18px; padding-bottom: 14px; display: flex; justify-content: space-between; align-items: baseline; }
  .brand { font: bold 24px/1 Georgia, serif; }
  header.site nav a { margin-left: 16px; font: 13px Arial, sans-serif; text-transform: uppercase; letter-spacing: .06em; color: #2d2a26; text-decoration: none; }
  h1 { font-size: 30px; line-height: 1.2; margin: 30px 0 6px; }
  .meta { font: 13px Arial, sans-serif; color: #7a7268; }
  .rules { background: #fff; border-left: 4px solid #6b3fa0; padding: 10px 16px; margin: 18px 0; }
  ol.comment-list, ol.children { list-style: none; margin: 0; padding: 0; }
  ol.children { margin-left: 40px; }
  .comment-body { padding: 12px 0; border-bottom: 1px solid #e4ddd3; }
  .comment-meta { font: 13px/1.4 Arial, sans-serif; color: #7a7268; display: flex; align-items: center; gap: 8px; }
  .comment-meta .avatar { width: 28px; height: 28px; border-radius: 50%; background: #d7cce6; display: inline-block; }
  .comment-meta .fn { color: #2d2a26; }
  .comment-meta .comment-time { color: #7a7268; text-decoration: none; }
  .comment-content p { margin: 6px 0; }
  .reply { font: 12px Arial, sans-serif; color: #7a7268; }
  .comment-respond { margin: 30px 0; padding: 18px; background: #fff; border: 1px solid #ddd5ca; font: 14px Arial, sans-serif; }
  .comment-respond textarea { width: 100%; height: 90px; }
  footer { background: #2d2a26; color: #cfc6b9; font: 13px Arial, sans-serif; margin-top: 40px; }
  footer .inner { padding: 18px 20px; }
</style>
</head>
<body>
<header class="site"><div class="inner">
  <div class="brand">Slow Readers' Circle</div>
  <nav><a href="#">Read-alongs</a><a href="#">Archive</a><a href="#">Members</a><a href="#">About</a></nav>
</div></header>
<main class="wrap">
  <article>
    <h1 id="thread-title">Never Let Me Go read-along: the big discussion thread</h1>
    <p class="meta" id="thread-meta">Started by the Circle moderators · ${COUNT} comments · Kazuo Ishiguro, 2005</p>
    <p id="intro1">Welcome to this season's read-along. We are reading Never Let Me Go by Kazuo Ishiguro together: Kathy H. remembers her years at Hailsham, a boarding school in the English countryside, and her friendship with Ruth and Tommy in the years after they leave.</p>
    <p id="intro2">Post whenever you like, wherever you are in the book. Please be kind to people who read slowly, and tag anything that happens after Part One.</p>
    <div class="rules"><p id="rules" style="margin:0">House rules: be kind, stay on topic, no links to pirated copies, and please warn people before discussing anything past Part One.</p></div>
  </article>
  <section id="comments">
    <h2 id="comments-title">${COUNT} comments</h2>
    <ol class="comment-list">
${items.join('\n')}
    </ol>
    <div class="comment-respond" id="respond">
      <h3 id="reply-title">Leave a Reply</h3>
      <p id="reply-note">Your email address will not be published. Required fields are marked *</p>
      <textarea aria-label="Comment"></textarea>
    </div>
  </section>
</main>
<footer><div class="inner"><p id="footer-text">Slow Readers' Circle is run by volunteers. Comments are the views of their authors.</p></div></footer>
</body>
</html>
`;

const labels = {
  about: 'Generated by gen-many-comments.mjs. Every comment body <p> of many-comments.html, by id: spoiler (per shared/corpus/RUBRIC.md) or clean. The book is never-let-me-go.',
  book: 'never-let-me-go',
  spoiler: comments.filter((c) => c.spoiler).map((c) => c.id),
  clean: comments.filter((c) => !c.spoiler).map((c) => c.id),
};
const labelsText = JSON.stringify(labels, null, 1).replace(/\n {2,}/g, ' ').replace(/\[ /g, '[') + '\n';

const check = process.argv.includes('--check');
let stale = false;
for (const [file, text] of [[OUT_HTML, html], [OUT_LABELS, labelsText]]) {
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  if (old === text) continue;
  stale = true;
  if (!check) fs.writeFileSync(file, text);
}
if (check && stale) {
  console.error('many-comments.html is stale: run node www/samples/gen-many-comments.mjs');
  process.exit(1);
}
const textChars = comments.reduce((n, c) => n + c.text.length, 0);
console.error(
  `${check ? 'checked' : stale ? 'wrote' : 'unchanged'} ${path.relative(process.cwd(), OUT_HTML)}: ` +
    `${COUNT} comments, ${labels.spoiler.length} spoil, ${textChars} chars of comment text, ${Buffer.byteLength(html)} bytes`,
);
