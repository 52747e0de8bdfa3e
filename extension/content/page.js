// One page's scan state, and which page this is. A document is one page until a
// single-page app moves to another URL (navigation): then the core starts a new page
// context, and what was read and judged is forgotten here too (Shield.resetPage()).

/** The document's identity for SPA navigation: the URL without its fragment. */
export function pageKey() {
  return location.href.split('#')[0];
}

/** The page context: the title and the description say what the page is about. */
export function readContext() {
  const description = document.querySelector('meta[name="description" i]')?.getAttribute('content') || '';
  return [document.title, description].filter(Boolean).join('\n');
}

/** What was read and sent to the core on this page. */
export class PageState {
  constructor() {
    this.log = []; // every block read, {el, text}, in the order the core is given them
    this.scanned = 0; // … how many of them the scanner's page has
    this.seen = new WeakMap(); // block → {text, index} of its latest scan
    this.byIndex = []; // page-wide scan index → block
    this.context = ''; // the document's title and description, once read
    this.contextAdded = false;
    this.chars = 0; // text scanned on this page, for MAX_PAGE_CHARS
  }
}
