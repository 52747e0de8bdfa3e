// The books the reader can choose from: the bundled catalog (core/catalog.json, see
// core.js) followed by their custom shields, in one shape for the popup and the options
// page.

// → [{id, title, author, year, parts, custom}]
export function allBooks(catalog, shields) {
  const bundled = catalog.map((b) => ({ ...b, parts: b.parts ?? [], custom: false }));
  const custom = shields.map((s) => ({
    id: s.id, title: s.title, author: s.author, year: s.year, parts: s.parts ?? [], custom: true,
  }));
  return [...bundled, ...custom];
}
