// The books the reader can choose from: the bundled catalog (from the core) followed by
// their custom shields, in one shape for the popup and the options page.

// → [{id, title, author, year, parts, custom}]
export function allBooks(core, shields) {
  const bundled = core.catalog().map((b) => ({ ...b, parts: b.parts ?? [], custom: false }));
  const custom = shields.map((s) => ({
    id: s.id, title: s.title, author: s.author, year: s.year, parts: s.parts ?? [], custom: true,
  }));
  return [...bundled, ...custom];
}
