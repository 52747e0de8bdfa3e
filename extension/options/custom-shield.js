// Custom shields: turning the form into a shield in the SHIELDS.md schema, and checking a
// shield (typed or imported) with the core before anything is stored.

// A shield object from the form's fields. Weights and reveal points are the neutral ones:
// a phrase of weight 1.0 blurs on its own on a page about the book, and `percent: 100`
// means reading progress never unblurs it before the end.
export function shieldFromForm(fields, takenIds) {
  const list = (text, separators) => text.split(separators).map((t) => t.trim()).filter(Boolean);
  const title = fields.title.trim();
  return {
    schema: 1,
    id: freeId(title, takenIds),
    title,
    author: fields.author.trim(),
    entities: list(fields.names, /[\n,]/).map((name) => ({ name, kind: 'character' })),
    terms: list(fields.phrases, /\n/).map((phrase) => ({
      phrase, weight: 1.0, revealed: { at: 'anywhere in the book', percent: 100 },
    })),
  };
}

// An id in the schema's alphabet that no bundled or custom shield uses yet.
function freeId(title, takenIds) {
  const slug = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'shield';
  let id = `custom-${slug}`;
  for (let n = 2; takenIds.has(id); n++) id = `custom-${slug}-${n}`;
  return id;
}

// The core's validation message in the form's words: "entities: …" is about the names,
// "terms[2].phrase: …" about the third phrase. The line number refers to JSON the reader
// never saw, so it goes.
export function explainForForm(message) {
  return message
    .replace(/^(?:[^:]*:)?\s*line \d+:\s*/i, '')
    .replace(/\bentities\[(\d+)\](?:\.name)?/g, (_, i) => `Name ${Number(i) + 1}`)
    .replace(/\bterms\[(\d+)\](?:\.phrase)?/g, (_, i) => `Phrase ${Number(i) + 1}`)
    .replace(/\bentities\b/g, 'Names')
    .replace(/\bterms\b/g, 'Spoiler phrases')
    .replace(/^title\b/, 'Title')
    .replace(/^author\b/, 'Author');
}

// Checks `jsonText` as a shield file and against the shields already stored: the core's
// validateShield for the file itself, the id against bundled books, and a trial Engine
// with every custom shield for limits and clashes. Returns {shield} or {error}.
export function checkShield(core, jsonText, customShields, catalogIds) {
  let shield;
  try {
    shield = core.validateShield(jsonText);
  } catch (err) {
    return { error: String(err?.message || err) };
  }
  if (catalogIds.has(shield.id)) {
    return { error: `id "${shield.id}" is already used by a bundled book; give your shield another id.` };
  }
  const others = customShields.filter((s) => s.id !== shield.id);
  try {
    new core.Engine({ books: [], shields: [...others, shield], sensitivity: 'balanced', progress: {} }).free();
  } catch (err) {
    return { error: String(err?.message || err) };
  }
  return { shield, replaces: others.length !== customShields.length };
}
