// "Shield this book", the part of it that is plain logic: what the page the popup was
// opened on offers, from what the core's readArticle found in its blocks, and how the
// popup tells the reader about a shield. The page's text, the storage and the DOM are
// popup.js's; tests/unit/this-book.test.mjs runs this in Node.
import { BookTitles } from '../common/book-titles.js';

/**
 * What the popup offers for a page, given `article` (readArticle's {title, author,
 * aboutBook, plot, heading, error}), the reader's books ([{id, title, author, custom}],
 * catalog and custom shields) and their settings:
 *   null                      nothing: the page's <h1> is no book the reader knows, and
 *                             the page does not read as about a book (`aboutBook`: a
 *                             "Plot" heading, an "Author" label, "a novel by"; a byline
 *                             over prose is a news story as often), or names no author,
 *                             or has its plot under no heading (the longest run of prose
 *                             of a review or a blog post is no plot to draft from; the
 *                             command line's shield-from-page, asked for it, still does)
 *   {kind: 'tracked', book}   a book the reader tracks already
 *   {kind: 'track', book}     a book the reader has a shield for (the catalog's, or one of
 *                             their own they untracked): tracking it is all it takes
 *   {kind: 'draft', id}       a book they have no shield for: one is drafted from the
 *                             page's plot, with this id (the one the plot guard blurred
 *                             the page's plot under)
 *   {kind: 'noPlot', error}   such a book, but the page gives no plot to draft from
 * Every offer also carries the page's `title` and `author`.
 */
export function offerFor(article, books, settings) {
  const { title, author } = article ?? {};
  if (!title) return null;
  const titles = new BookTitles(books);
  const book = titles.find(title);
  if (book) {
    const known = { title: book.title, author: book.author ?? author ?? '', book };
    return { kind: settings.tracked.includes(book.id) ? 'tracked' : 'track', ...known };
  }
  if (!article.aboutBook || !author) return null;
  const base = { title, author };
  if (article.error) return { kind: 'noPlot', error: article.error, ...base };
  if (!article.heading) return null;
  return { kind: 'draft', id: titles.idFor(title), ...base };
}

/** What a shield holds, for the reader: "29 names and 40 phrases", "12 names, 30 phrases and 9 events". */
export function shieldCounts(shield) {
  const parts = [
    plural(shield.entities?.length ?? 0, 'name', 'names'),
    plural(shield.terms?.length ?? 0, 'phrase', 'phrases'),
  ];
  const events = shield.events?.length ?? 0;
  if (events) parts.push(plural(events, 'event', 'events'));
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The sentence for a page about a book that has no plot to draft from (`error` is the core's). */
export function noPlotSentence(offer) {
  const why = offer.error.replace(/[.\s]+$/, '');
  return `No shield can be drafted from this page for ${offer.title}: ${why}.`;
}

/** The sentence for a shield made from (or found for) the page, once it is stored and on. */
export function shieldedSentence(offer, shield, drafted) {
  const found = drafted ? `${shieldCounts(shield)} found on this page` : `its shield knows ${shieldCounts(shield)}`;
  return `Shielded ${offer.title} by ${offer.author}: ${found}. Set how far you have read under Shields.`;
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}
