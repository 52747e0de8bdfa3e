// The plot guard: on a page about a book the reader does not shield, the section under a
// plot heading ("Plot", "Plot summary", "Synopsis") retells the whole book. Each of its
// blocks is blurred as the walk reads it, before it can paint, with a label that says why
// ("Plot of <title> · a book you don't shield · click to read"). It is decided in
// JavaScript from what the walk reads anyway (each block's tag and text, in reading
// order), so it works in frames that never load the core, and it costs a Set lookup per
// heading.
//
// A page is about a book when its <h1> is the title of a book the reader knows (the
// catalog's or their own), or when, before the plot heading, it says who wrote it the way
// src/authoring/article.rs reads an author (an "Author" label, "a 1925 novel by …"): a "Plot" heading
// alone heads films, plays and games just as often. The headings and those words are
// article-rules.json, which the core reads too. The section runs to the next heading of
// its level or higher, within one walk (a plot section is a run of the page's blocks, not
// something a later insertion elsewhere can join).
//
// Which books it leaves alone: a catalog book the reader tracks (its shield judges each
// paragraph, by the reader's progress), any tracked book switched off or finished (the
// reader's choice), and every page when the setting is off. A book the reader shields
// with a shield of their own (drafted from such a page, or typed) keeps its plot section
// blurred under the guard wherever its shield finds nothing: a drafted shield has no
// premise to tell the retelling's opening from what a reader may know, and the reader
// never read that plot.
import RULES from './article-rules.json' with { type: 'json' };
import { cleanTitle, BookTitles } from '../common/book-titles.js';
import { activeIds } from '../common/settings-shape.js';

const RETELLING = new Set(RULES.retellingHeadings);
const AUTHOR_LABELS = new Set(RULES.authorLabels);
const WORK_NOUNS = new Set(RULES.workNouns);
const OPENING_PARAGRAPHS = RULES.openingParagraphs;
const FINISHED = 100; // percent read: nothing left to spoil
// A block around the plot heading with at most this much text of its own is the
// heading's chrome (an encyclopedia's "[edit]" link beside the <h2>), not plot.
const HEADING_CHROME_CHARS = 40;
const HEADING_TAG = /^h([1-6])$/;
const NOT_ALNUM_END = /[^\p{Alphabetic}\p{N}]+$/u;
const LEADING_NUMBER = /^[0-9.\s]+/;
const CAPITAL = /^\p{Lu}/u;

/** The level of a heading tag ("h2" → 2), or 0 when the tag is not a heading. */
export function headingLevel(tag) {
  const m = HEADING_TAG.exec(tag);
  return m ? Number(m[1]) : 0;
}

/** A heading's words as src/authoring/article.rs heading_key() compares them: "2. Plot[edit]" → "plot". */
export function headingKey(text) {
  return String(text).split('[')[0].trim().replace(LEADING_NUMBER, '').replace(NOT_ALNUM_END, '').toLowerCase();
}

/** Whether a heading opens a retelling of the book ("Plot", "Synopsis"; article-rules.json). */
export function opensRetelling(text) {
  return RETELLING.has(headingKey(text));
}

/** Whether a block names the author as src/authoring/article.rs reads one: an "Author" label, alone or as "Author: Name". */
export function labelsAuthor(text) {
  const trimmed = String(text).trim();
  if (AUTHOR_LABELS.has(trimmed.replace(/:+$/, '').toLowerCase())) return true;
  const colon = trimmed.indexOf(':');
  return colon > 0 && AUTHOR_LABELS.has(trimmed.slice(0, colon).trim().toLowerCase())
    && CAPITAL.test(trimmed.slice(colon + 1).trim());
}

/** Whether a paragraph says "a … novel by Name" (a work noun of article-rules.json, "by", a capital). */
export function saysWorkBy(text) {
  const words = String(text).split(/\s+/).filter(Boolean);
  for (let i = 0; i + 2 < words.length; i++) {
    if (words[i + 1] === 'by' && WORK_NOUNS.has(words[i].replace(NOT_ALNUM_END, '').toLowerCase()) && CAPITAL.test(words[i + 2])) return true;
  }
  return false;
}

/**
 * What the guard does under one reading of the settings: `books` are the reader's books
 * by title ([{id, title, custom}], catalog and custom), `tracked` and `on` sets of ids
 * (tracked; tracked with the shield on), `progress` {id: percent}.
 */
export class PlotPolicy {
  constructor({ books, tracked, on, progress }) {
    this.titles = new BookTitles(books);
    this.tracked = tracked;
    this.on = on;
    this.progress = progress;
  }

  /**
   * The book a page whose <h1> reads `h1` is about, for the guard: {id, title, known,
   * verdict}, or null when the guard leaves its plot alone. `known`: the title is one of
   * the reader's books, which is proof enough that the page is about a book.
   */
  bookOf(h1) {
    const title = cleanTitle(h1);
    if (!title) return null;
    const known = this.titles.find(title);
    if (known && this.tracked.has(known.id)) {
      const shielded = this.on.has(known.id) && (this.progress[known.id] ?? 0) < FINISHED;
      if (!known.custom || !shielded) return null;
      return book(known.id, known.title, true, `Plot of ${known.title} · click to read`);
    }
    const name = known?.title ?? title;
    return book(this.titles.idFor(title), name, Boolean(known), `Plot of ${name} · a book you don't shield · click to read`);
  }
}

/**
 * The policy for the reader's settings and custom shields (settings-shape.js), with the
 * catalog's books as [[id, title]]; null when the reader turned the guard off.
 */
export function plotPolicy(settings, shields, catalog) {
  if (!settings.plotGuard) return null;
  const books = [
    ...catalog.map(([id, title]) => ({ id, title, custom: false })),
    ...shields.map((s) => ({ id: s.id, title: String(s.title ?? s.id), custom: true })),
  ];
  return new PlotPolicy({ books, tracked: new Set(settings.tracked), on: new Set(activeIds(settings)), progress: settings.progress });
}

// The guard's verdict is the one blur.js writes for the core's: its book (the catalog id,
// or the id a shield drafted from the page will have), title and label.
function book(id, title, known, label) {
  return { id, title, known, verdict: { book: id, title, score: 0, phrases: [], label } };
}

/** The guard on one page: shown every block the walks read, in their order. */
export class PlotGuard {
  constructor(policy) {
    this.policy = policy;
    this.reset();
  }

  /** Forgets the page (a settings change, an SPA navigation). */
  reset() {
    this.book = undefined; // the first <h1>'s book (null: none the guard acts on)
    this.aboutBook = false; // … known, or the page said who wrote it before its plot
    this.paragraphs = 0; // <p> blocks seen, for "a … novel by" in the opening ones
    this.sections = new WeakMap(); // walk → the plot section it is in, {level, heading}
    this.guarded = new WeakSet(); // blocks blurred as plot
  }

  /** Whether `el` was blurred as plot on this page. */
  holds(el) {
    return this.guarded.has(el);
  }

  /** The verdict `el` was blurred with as plot, or null. */
  verdictOf(el) {
    return this.guarded.has(el) ? this.book.verdict : null;
  }

  /**
   * Reads one block ({el, text}) that `walk` found, in the walk's order; returns the
   * verdict to blur it with when it is plot to hide, else null.
   */
  see(el, text, walk) {
    if (this.guarded.has(el)) return this.book?.verdict ?? null;
    const tag = el.localName;
    const level = headingLevel(tag);
    if (level === 1 && this.book === undefined) {
      this.book = this.policy.bookOf(text);
      this.aboutBook ||= Boolean(this.book?.known);
    }
    let section = this.sections.get(walk);
    if (level) {
      if (section && level <= section.level) {
        this.sections.delete(walk);
        section = null;
      }
      if (!section && this.book && this.aboutBook && opensRetelling(text)) this.sections.set(walk, { level, heading: el });
      return null;
    }
    if (!section) {
      if (!this.aboutBook) this.aboutBook = labelsAuthor(text) || (tag === 'p' && this.paragraphs < OPENING_PARAGRAPHS && saysWorkBy(text));
      if (tag === 'p') this.paragraphs++;
      return null;
    }
    if (text.length <= HEADING_CHROME_CHARS && el.contains(section.heading)) return null;
    this.guarded.add(el);
    return this.book.verdict;
  }
}
