// The content script's first question, asked of every block before the core is loaded:
// could this text hold anything of a tracked book? A page's text that names none of a
// book's names cannot be about it, and a block that holds none of its keys holds no
// evidence for it, so most blocks of most pages are shown at once, and a frame that
// names no tracked book never loads the Wasm core at all.
//
// The keys come from the core (src/authoring/prefilter.rs, `prefilterKeys`): for every pattern of a
// shield, the raw forms of its rarest word, in text folded to lower-case ASCII. They are
// computed when the extension is built (catalog books) and looked for here as whole words,
// alone or followed by one of the endings the core's stemmer strips, in text folded the way the
// core folds it (case, the diacritics and letters its table folds, apostrophes inside
// words, invisible characters). The test may say yes where the core finds nothing, never
// the reverse: tests/unit/prefilter.test.mjs checks it against the core on every corpus
// we have.

import { mergeKeys, indexOf, unpackName, ANCHOR, EVENT } from '../common/prefilter-record.js';

const NON_ASCII = /[^\x00-\x7f]/;
// Dropped by the core inside words: combining accents, soft hyphen, zero-width characters.
const DROPPED = /[\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff]/g;
// Apostrophes: a possessive "'s" the core drops whole ("Kathy's" → "kathy"); any other it
// drops inside a word ("don't" → "dont"), and anywhere else it is a word break anyway.
// The lookahead "not before a letter or number" is asked in code (possessiveEnds()): a
// regular expression with Unicode classes took 0.6 ms to compile, in every frame.
const POSSESSIVE = /['\u2018\u2019\u02bc\uff07\u2032][sS]/g;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u; // compiled only for a non-ASCII letter after "'s"
const APOSTROPHES = /['\u2018\u2019\u02bc\uff07\u2032]/g;
// Letters the core folds to ASCII that Unicode decomposition (NFKD) leaves alone.
const LETTERS = { Æ: 'ae', æ: 'ae', Ð: 'd', ð: 'd', Đ: 'd', đ: 'd', ı: 'i', ĸ: 'k', Ł: 'l', ł: 'l', Ŋ: 'ng', ŋ: 'ng',
  Ø: 'o', ø: 'o', Œ: 'oe', œ: 'oe', ß: 'ss', Ŧ: 't', ŧ: 't', Þ: 'th', þ: 'th' };
const FOLDED_LETTERS = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

// `text` folded as the core folds it before it splits words, but for case (the caller
// lower-cases what it keeps).
export function fold(text) {
  let t = text;
  if (NON_ASCII.test(t)) t = t.normalize('NFKD').replace(DROPPED, '').replace(FOLDED_LETTERS, (c) => LETTERS[c]);
  return t.replace(POSSESSIVE, (possessive, at) => (possessiveEnds(t, at + 2) ? '' : possessive)).replace(APOSTROPHES, '');
}

// Whether the word of a possessive "'s" ends before `t[i]`: no letter or number there.
function possessiveEnds(t, i) {
  if (i >= t.length) return true;
  const c = t.charCodeAt(i);
  if (c < 0x80) return !((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a));
  return !LETTER_OR_NUMBER.test(String.fromCodePoint(t.codePointAt(i)));
}

// The prefilter of a set of tracked books for one document. `books` is [{id, keys}],
// `keys` as the core's `prefilterKeys` gives them ({keys: [[key, signals, terms, flags]],
// signals, terms, thresholds}), or null for a book that cannot be prefiltered (keys
// missing, stale or malformed): every block is then a candidate, and the page may be
// about that book. From the keys a text holds it bounds from above what the core could
// find in it: the page-context weight of each book (summed over the document, each signal
// once, as the core does) and the evidence of the block.
export class Prefilter {
  constructor(books, sensitivity = 'balanced') {
    const keyed = books.filter(({ keys }) => keys && usable(keys));
    this.load(mergeKeys(keyed), books.map(({ id }) => id), sensitivity);
  }

  // The prefilter of the books `ids` (tracked and on) from the keys the worker stored,
  // already merged (common/prefilter-record.js: a record of this build, or null). A frame
  // builds this at document_start with every tracked book: one JSON.parse of the merged
  // keys, where merging them here took 25–35 ms for the 30 catalog books, mostly in the
  // garbage collector. The record is written by the worker alone, from the core's own
  // output; its shape is checked, not every key.
  static fromRecord(record, ids, sensitivity = 'balanced') {
    const prefilter = new Prefilter([]);
    const merged = record && Array.isArray(record.books) ? record : null;
    prefilter.load(merged ?? mergeKeys([]), ids, sensitivity);
    return prefilter;
  }

  // Takes the books `ids` of merged keys (common/prefilter-record.js mergeKeys()). An index
  // that does not read (indexOf()) is taken for no keys at all: every book a candidate.
  load(merged, ids, sensitivity) {
    const index = indexOf(merged);
    const books = index ? merged.books : [];
    const wanted = new Set(ids);
    this.books = []; // [{id, signals, terms, context, evidence, names, unpacked}]
    // The index's book numbers → ours: a record may hold books that are switched off here.
    this.bookAt = [];
    const taken = new Set(); // a book listed twice counts once
    books.forEach((book, i) => {
      if (!wanted.has(book.id) || taken.has(book.id)) return;
      const thresholds = book.thresholds?.[sensitivity] ?? book.thresholds?.balanced;
      if (!thresholds) return;
      taken.add(book.id);
      this.bookAt[i] = this.books.length;
      // Inside a plot section the core blurs on half the evidence.
      this.books.push({ id: book.id, signals: book.signals, terms: book.terms, context: thresholds.context,
        evidence: thresholds.evidence * PLOT_SECTION_EVIDENCE, names: book.names, unpacked: new Map() });
    });
    this.unfiltered = [...wanted].filter((id) => !taken.has(id));
    // Which key a word is (it may be more than one: "hopes" is "hop" + "es" and "hope" +
    // "s") is read back from the word by taking each ending off (stemsOf()). One regular
    // expression of thousands of keys was tried first: with the `i` flag V8 tried every key
    // at every position, and a page of 100,000 paragraphs kept the tab busy for a minute.
    // Words are split instead, and a word is looked up only if a key starts with its first
    // two characters.
    this.index = this.books.length ? index : new Map(); // key → where its entry starts in `entries`
    this.entries = this.books.length ? merged.entries : [];
    this.heads = new Set();
    for (const key of this.index.keys()) this.heads.add(head(key));
    this.known = new Map(); // word → its index entries (entriesOf())
    this.newPage();
  }

  // Where the index entries `word` (lower case) may be start in `entries`, found by taking
  // each ending off; remembered per word, since a page says its words many times over (the
  // lookups were most of a frame's prefilter time before, measured in a profile). A word no
  // key starts like is not stemmed at all.
  entriesOf(word) {
    let found = this.known.get(word);
    if (found) return found;
    found = NO_ENTRIES;
    if (this.heads.has(head(word))) {
      for (const stem of stemsOf(word)) {
        const at = this.index.get(stem);
        if (at === undefined) continue;
        if (found === NO_ENTRIES) found = [];
        found.push(at);
      }
    }
    if (this.known.size >= MAX_KNOWN_WORDS) this.known.clear();
    this.known.set(word, found);
    return found;
  }

  // A new document (or a single-page app's new page): no context yet.
  newPage() {
    this.seen = this.books.map(() => new Set()); // signals seen, per book
    this.weight = this.books.map(() => 0);
    this.about = new Set(this.unfiltered);
  }

  // Reads a block: {candidate, named}: whether it may hold evidence enough to blur it for
  // some book (inside a plot section, the least the core blurs on), and the ids of every
  // book the document may be about so far.
  test(text) {
    const hits = this.hits(text);
    let candidate = this.unfiltered.length > 0;
    for (const [b, { terms, cue, anchor, event }] of hits) {
      const book = this.books[b];
      let evidence = 0;
      for (const t of terms) evidence += book.terms[t];
      // An event's word may be said of a pronoun standing for someone named blocks before.
      if (evidence >= book.evidence || (anchor && cue) || event) candidate = true;
    }
    // So may a generic cue, for a book the page may be about ("He is killed on the tower").
    if (this.toldOfPronoun && this.about.size > 0) candidate = true;
    return { candidate, named: [...this.about] };
  }

  // Reads text that only tells what the document is about (its title): the ids of every
  // book the document may be about so far.
  namedIn(text) {
    this.hits(text);
    return [...this.about];
  }

  // Book index → {terms, cue, anchor, event} for the keys `text` holds; adds their signals to the
  // document's context. A cue's word, everyone's key, is one flag of its index entry, not a
  // hit for every book (it makes nothing a candidate without a book's anchor beside it).
  //
  // Every block of a page comes through here, most of them in code that has not warmed up
  // yet, so the loops are indexed (a for-of costs an iterator per step there) and a word
  // that is no key costs one Map lookup: on many-comments.html's 2,006 paragraphs in Node
  // without a JIT, 125 → 95 ms with 1 book tracked and 330 → 245 ms with all 42.
  hits(text) {
    const hits = new Map();
    this.toldOfPronoun = false;
    if (!this.books.length) return hits;
    const { bookAt, entries: e } = this;
    let cue = false;
    let named = null; // "book name" → [book, name, places] of the names of several words whose longest word stands at `places`
    const words = wordsOf(text);
    for (let w = 0; w < words.length; w++) {
      const found = this.entriesOf(words[w]);
      for (let f = 0; f < found.length; f++) {
        // An entry as mergeKeys() packs it: cue; names; roles (common/prefilter-record.js).
        let i = found[f];
        if (e[i++]) cue = true;
        for (let n = e[i++]; n > 0; n--, i += 2) {
          const b = bookAt[e[i]];
          if (typeof b !== 'number') continue; // a book switched off here
          hitOf(hits, b);
          named ??= new Map();
          const key = `${b} ${e[i + 1]}`;
          const name = named.get(key);
          if (name) name[2].push(w);
          else named.set(key, [b, e[i + 1], [w]]);
        }
        for (let r = e[i++]; r > 0; r--) {
          const b = bookAt[e[i]];
          const flags = e[i + 1];
          const signalsAt = i + 3;
          const signalCount = e[i + 2];
          const termsAt = signalsAt + signalCount + 1;
          const termCount = e[termsAt - 1];
          i = termsAt + termCount;
          if (typeof b !== 'number') continue;
          const hit = hitOf(hits, b);
          for (let t = 0; t < termCount; t++) hit.terms.add(e[termsAt + t]);
          if (flags & ANCHOR) hit.anchor = true;
          if (flags & EVENT) hit.event = true;
          if (signalCount) this.see(b, e, signalsAt, signalCount);
        }
      }
    }
    if (named) {
      // Such a name counts where its words stand in a row, as the core matches it.
      for (const [b, n, places] of named.values()) {
        const name = this.nameOf(b, n);
        if (name && places.some((w) => standsAround(words, w, name[1]))) this.see(b, name, 0, 1);
      }
    }
    // The cues are shared: a cue's word counts for every book.
    for (const hit of hits.values()) hit.cue = cue;
    this.toldOfPronoun = cue && words.some((word) => PRONOUNS.has(word));
    return hits;
  }

  // Book `b`'s name `n` of several words, unpacked on its first use (unpackName()):
  // [signal, [[key, …] for each word]], or null when the record's name does not read.
  nameOf(b, n) {
    const book = this.books[b];
    let name = book.unpacked.get(n);
    if (name === undefined) {
      name = unpackName(book.names?.[n]);
      if (name && typeof book.signals[name[0]] !== 'number') name = null;
      book.unpacked.set(n, name);
    }
    return name;
  }

  // Book `b`'s signals list[from, from + count) seen in the document: its context grows by
  // each one's weight, once.
  see(b, list, from, count) {
    const seen = this.seen[b];
    const book = this.books[b];
    for (let i = from; i < from + count; i++) {
      const s = list[i];
      if (seen.has(s)) continue;
      seen.add(s);
      this.weight[b] += book.signals[s];
    }
    if (this.weight[b] >= book.context) this.about.add(book.id);
  }
}

const PLOT_SECTION_EVIDENCE = 0.5; // src/section.rs
// The endings the core's stemmer strips (src/authoring/prefilter.rs SUFFIXES), and a doubled last
// consonant before "ed" or "ing".
const SUFFIXES = ['', 'e', 's', 'es', 'd', 'ed', 'eed', 'ing', 'eing', 'ies', 'ied'];
const DOUBLED = /([bdgmnprt])\1$/;
// A word, as the core splits folded ASCII text (anything else is a break, which can only
// find more words than the core does).
const WORD = /[a-z0-9]+/g;
// The pronouns the core resolves to a person named before (src/plot.rs is_pronoun).
const PRONOUNS = new Set(['he', 'she', 'they', 'him', 'them']);

// The keys `word` (folded, lower case) may stand for: the word with each ending the core's
// stemmer strips taken off, and, before "ed" or "ing", with a doubled last consonant undone
// ("stopped"). A word may be more than one key: "hopes" is "hop" + "es" and "hope" + "s".
export function stemsOf(word) {
  const stems = [];
  for (const suffix of SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, word.length - suffix.length);
    stems.push(stem);
    if ((suffix === 'ed' || suffix === 'ing') && DOUBLED.test(stem)) stems.push(stem.slice(0, -1));
  }
  return stems;
}

// Words the core drops from text and names alike before it matches them (src/text.rs
// is_filler): articles, possessive determiners, reflexives.
const FILLERS = new Set(['the', 'a', 'an', 'their', 'his', 'her', 'its', 'my', 'your', 'our', 'himself', 'herself',
  'itself', 'themselves']);

// Whether a name of several words (`nameWords`, each word the list of its keys) stands in
// `words` (as wordsOf() gives them) around `words[w]`, one of its words: its words one
// after the other, with nothing but the core's fillers between them, as the core matches
// a name ("Farm of the Animals" does not name Animal Farm, nor does a paragraph that says
// "animal" and "farm" apart). A test of each word's presence anywhere in the block took
// 18 of the 32 pages about no book in our corpora for pages about one of the 42 catalog
// books (16 this way).
function standsAround(words, w, nameWords) {
  for (let j = 0; j < nameWords.length; j++) {
    if (!isKeyOf(words[w], nameWords[j])) continue;
    let before = w;
    let n = j - 1;
    for (; n >= 0; n--) {
      do before--; while (before >= 0 && FILLERS.has(words[before]));
      if (before < 0 || !isKeyOf(words[before], nameWords[n])) break;
    }
    if (n >= 0) continue;
    let after = w;
    n = j + 1;
    for (; n < nameWords.length; n++) {
      do after++; while (after < words.length && FILLERS.has(words[after]));
      if (after >= words.length || !isKeyOf(words[after], nameWords[n])) break;
    }
    if (n === nameWords.length) return true;
  }
  return false;
}

// Whether `word` (as wordsOf() gives it) is one of `keys` with an ending stemsOf() takes
// off: the same test as stemsOf(word) holding the key, asked the other way round, since
// most words start like no key.
function isKeyOf(word, keys) {
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (!word.startsWith(key)) continue;
    const ending = word.slice(key.length);
    if (ENDINGS.has(ending)) return true;
    const last = key[key.length - 1];
    if ((ending === `${last}ed` || ending === `${last}ing`) && DOUBLED.test(key + last)) return true;
  }
  return false;
}
const ENDINGS = new Set(SUFFIXES);

// The words of `text` as the prefilter reads them: folded as the core folds (fold()), lower
// case, split as the core splits folded ASCII.
export function wordsOf(text) {
  return fold(text).toLowerCase().match(WORD) ?? [];
}

// Book `b`'s hit in `hits`, made empty on first need.
function hitOf(hits, b) {
  let hit = hits.get(b);
  if (!hit) hits.set(b, (hit = { terms: new Set(), cue: false, anchor: false, event: false }));
  return hit;
}

// A word's first two characters as one number (one character for a one-letter word).
function head(word) {
  return word.length > 1 ? (word.charCodeAt(0) << 8) | word.charCodeAt(1) : word.charCodeAt(0);
}
// Words remembered with their index entries (entriesOf()): a page's distinct words; the
// bound only keeps a hostile page's made-up words from growing it without end.
const MAX_KNOWN_WORDS = 50_000;
// What entriesOf() gives a word that is no key: one array, not one per word.
const NO_ENTRIES = Object.freeze([]);

// Keys are what the core promised: lower-case ASCII letters and digits (anything else, from
// a hand-edited store, would be a word no text holds or a regular expression of its own),
// with numbers where numbers belong.
function usable(keys) {
  if (!keys || !Array.isArray(keys.keys) || !Array.isArray(keys.signals) || !Array.isArray(keys.terms)) return false;
  const key = (k) => typeof k === 'string' && /^[a-z0-9]+$/.test(k);
  if (!Array.isArray(keys.names) || !keys.names.every((n) => Array.isArray(n) && typeof keys.signals[n[0]] === 'number'
    && Array.isArray(n[1]) && n[1].length > 1 && n[1].every((w) => Array.isArray(w) && w.every(key)))) return false;
  if (!keys.thresholds?.balanced) return false;
  return keys.keys.every((k) => Array.isArray(k) && typeof k[0] === 'string' && /^[a-z0-9]+$/.test(k[0])
    && Array.isArray(k[1]) && k[1].every((s) => typeof keys.signals[s] === 'number')
    && Array.isArray(k[2]) && k[2].every((t) => typeof keys.terms[t] === 'number') && Number.isInteger(k[3]));
}
