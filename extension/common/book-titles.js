// Which book a page names, by its title: the title as an encyclopedia's <h1> gives it, the
// id a shield of that title has, and the reader's books (the catalog's and their own) by
// title. The content script's plot guard and the popup's "Shield this book" both name a
// page's book this way, so a plot section blurred before the reader shields its book keeps
// its data-spoiler-shield-book after. Pure logic (tests/unit/book-titles.test.mjs holds
// slug() and cleanTitle() to the core's).

// Longest id slug() gives, in characters (src/authoring/summary.rs slug()).
const MAX_SLUG = 64;
// Accented Latin letters slug() spells without their accent (src/authoring/summary.rs slug()).
const PLAIN = { à: 'a', á: 'a', â: 'a', ã: 'a', ä: 'a', å: 'a', è: 'e', é: 'e', ê: 'e', ë: 'e', ì: 'i', í: 'i', î: 'i', ï: 'i',
  ò: 'o', ó: 'o', ô: 'o', õ: 'o', ö: 'o', ù: 'u', ú: 'u', û: 'u', ü: 'u', ç: 'c', ñ: 'n' };
const ASCII_ALNUM = /^[a-z0-9]$/;
const ASCII = /^[\x00-\x7f]*$/;
const NOT_ALNUM_RUN = /[^a-z0-9]+/g;
const EDGE_HYPHENS = /^-+|-+$/g;

/** The id the core's drafter gives a shield of this title (src/authoring/summary.rs slug()): "Les Misérables!" → "les-miserables". */
export function slug(title) {
  const text = String(title);
  // ASCII (every catalog title): the same id by two regular expressions, not letter by
  // letter (a frame that reads a page's <h1> slugs every title of the catalog).
  if (ASCII.test(text)) {
    const id = text.toLowerCase().replace(NOT_ALNUM_RUN, '-').replace(EDGE_HYPHENS, '').slice(0, MAX_SLUG).replace(EDGE_HYPHENS, '');
    return id || 'custom-book';
  }
  let id = '';
  for (const ch of text) {
    for (let c of ch.toLowerCase()) {
      c = PLAIN[c] ?? c;
      if (ASCII_ALNUM.test(c)) id += c;
      else if (id !== '' && !id.endsWith('-')) id += '-';
    }
  }
  id = id.replace(/-+$/, '').slice(0, MAX_SLUG).replace(/-+$/, '');
  return id || 'custom-book';
}

/** A title without what an encyclopedia adds to tell articles apart (src/authoring/article.rs clean_title()): "Rebecca (novel)[edit]" → "Rebecca". */
export function cleanTitle(text) {
  const title = String(text).split('[')[0].trim();
  const at = title.lastIndexOf(' (');
  return at >= 0 && title.endsWith(')') ? title.slice(0, at).trim() : title;
}

/** The reader's books by title: `books` is [{id, title, custom}] (catalog and custom shields). */
export class BookTitles {
  constructor(books) {
    this.books = books;
    this.bySlug = null; // made on first need: most frames never look a title up
    this.ids = new Set(books.map((b) => b.id));
  }

  /** The book of this title, or null. */
  find(title) {
    if (!this.bySlug) {
      this.bySlug = new Map();
      // A custom shield of the same title as a catalog book is the reader's own: it wins.
      for (const book of this.books) if (!book.custom) this.bySlug.set(slug(book.title), book);
      for (const book of this.books) if (book.custom) this.bySlug.set(slug(book.title), book);
    }
    return this.bySlug.get(slug(title)) ?? null;
  }

  /**
   * The id of the book a page titled `title` is about: a known book's own id, else the id
   * a shield drafted for it gets (slug()), unless a book of another title has that id;
   * then "<slug>-book" (so a drafted shield never takes a catalog book's id; ids have
   * at most 64 characters).
   */
  idFor(title) {
    const known = this.find(title);
    if (known) return known.id;
    const id = slug(title);
    if (!this.ids.has(id)) return id;
    return `${id.slice(0, MAX_SLUG - '-book'.length).replace(/-+$/, '')}-book`;
  }
}
