// The article and the review that the "Shield this book" tests open, in Chromium
// (tests/e2e/shield-this-book.test.mjs) and Firefox (tests/firefox/shield-this-book.test.mjs):
// an encyclopedia article about The Great Gatsby (tests/fixtures/articles, served as
// /articles/) and a review of the book among the sample pages.
import { EXPECTED } from './helpers.mjs';

export const ARTICLE = 'articles/great-gatsby.html';
export const BOOK = 'the-great-gatsby'; // the id the drafter gives "The Great Gatsby" (src/authoring/summary.rs slug())
export const TITLE = 'The Great Gatsby';
export const AUTHOR = 'F. Scott Fitzgerald';
// The ten paragraphs of the article's "Plot" section: the 4th to 13th <p> of its <main>,
// after the three of the lead (sibling selectors such as "#Plot + p" would not do: each
// blurred block gets our label just before it). The Chromium test checks them against the
// plot the core reads.
export const PLOT = Array.from({ length: 10 }, (_, i) => `#content > p:nth-of-type(${4 + i})`);
export const REVIEW = 'samples/gatsby-review.html';
export const review = EXPECTED.summaryShields[REVIEW];
// Of the review's labelled spoilers, at least this many must blur under the shield
// drafted from the article, as summary-shield.test.mjs asks of one drafted from a pasted
// summary: a review tells the ending in words of its own (`make eval` measures the
// drafter; 3 of 4 measured on 2026-12-05).
export const SPOILER_FLOOR = 2;
