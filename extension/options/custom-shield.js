// Custom shields: turning the form into a shield in the SHIELDS.md schema, and checking a
// shield (typed or imported) with the core before anything is stored.

// A shield object from the form's fields. Weights and reveal points are the neutral ones:
// a phrase of weight 1.0 blurs on its own on a page about the book, and `percent: 100`
// means reading progress never unblurs it before the end. With `draft` (a shield the core
// proposed from a plot summary, see draftFields), the names and phrases the reader kept
// keep the draft's richer objects (withDraft).
export function shieldFromForm(fields, takenIds, draft = null) {
  const list = (text, separators) => text.split(separators).map((t) => t.trim()).filter(Boolean);
  const title = fields.title.trim();
  return withDraft({
    schema: 1,
    id: freeId(title, takenIds),
    title,
    author: fields.author.trim(),
    entities: list(fields.names, /[\n,]/).map((name) => ({ name, kind: 'character' })),
    terms: list(fields.phrases, /\n/).map((phrase) => ({
      phrase, weight: 1.0, revealed: { at: 'anywhere in the book', percent: 100 },
    })),
  }, draft);
}

// How the form's fields are compared with a draft's: case, spacing and curly quotes do
// not make a name or phrase another one.
const sameKey = (text) => text.normalize('NFC').replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ')
  .trim().toLowerCase();

// Merges a draft into a shield made from the form (a pure function). A name or phrase of
// `shield` that the draft proposed gets the draft's object (an entity's kind, aliases and
// `common`; a term's weight, `needs_entity`, `revealed` and `also`), spelled as the reader
// left it; names and phrases the reader added keep the form's defaults; the draft's
// entries the reader removed are not in `shield`, so they stay out. The draft's plot
// events and premise, which the form does not show, are kept with the names the reader
// kept (spelled as they left them): an item whose every participant was removed goes
// with them, and so does the draft's `author_shared`. No draft: `shield`.
export function withDraft(shield, draft) {
  if (!draft) return shield;
  const entities = new Map((draft.entities ?? []).map((e) => [sameKey(e.name), e]));
  const terms = new Map((draft.terms ?? []).map((t) => [sameKey(t.phrase), t]));
  const kept = new Map(shield.entities.filter((e) => entities.has(sameKey(e.name)))
    .map((e) => [sameKey(e.name), e.name]));
  const plot = (items) => (items ?? []).map((item) => ({
    ...structuredClone(item),
    who: item.who.map((name) => kept.get(sameKey(name))).filter(Boolean)
      .filter((name, i, all) => all.indexOf(name) === i),
  })).filter((item) => item.who.length > 0);
  const premise = plot(draft.premise);
  const events = plot(draft.events);
  return {
    ...shield,
    ...(premise.length || events.length ? { schema: Math.max(shield.schema ?? 1, 2) } : {}),
    entities: shield.entities.map((e) => {
      const proposed = entities.get(sameKey(e.name));
      return proposed ? { ...structuredClone(proposed), name: e.name } : e;
    }),
    terms: shield.terms.map((t) => {
      const proposed = terms.get(sameKey(t.phrase));
      return proposed ? { ...structuredClone(proposed), phrase: t.phrase } : t;
    }),
    ...(premise.length ? { premise } : {}),
    ...(events.length ? { events } : {}),
    // A draft cannot know whether its author wrote other books: their name alone is then
    // only part of a page's context (docs/SHIELDS.md), whatever the reader did to the form.
    ...(draft.author_shared ? { author_shared: true } : {}),
  };
}

// The form's Names and Spoiler phrases text for a draft, one per line, in the draft's
// order (names by frequency, phrases by score), and the one-line note that says what was
// proposed.
export function draftFields(draft) {
  const names = draft.entities.map((e) => e.name);
  const phrases = draft.terms.map((t) => t.phrase);
  const events = draft.events?.length ?? 0;
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  // The events are not in the form: they go with the names they involve (withDraft).
  const plot = events ? `, and ${plural(events, 'plot event', 'plot events')} kept with the names they involve` : '';
  return {
    names: names.join('\n'),
    phrases: phrases.join('\n'),
    note: `Proposed ${plural(names.length, 'name', 'names')} and ${plural(phrases.length, 'phrase', 'phrases')}${plot}; ` +
      'the later in the summary a phrase comes, the more it counts. Edit them, then create the shield.',
  };
}

// The core's draftShield message as a sentence for the form: "the summary has 12 words;
// paste …" → "No shield was proposed: the summary has 12 words; paste …".
export function explainDraftError(message) {
  const text = String(message).replace(/^Error:\s*/, '').trim();
  return `No shield was proposed: ${text}${/[.!?]$/.test(text) ? '' : '.'}`;
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
    .replace(/^author\b/, 'Author')
    .replace(/^holds (\d+) phrases \([^)]*\)/, 'The shield has $1 names and phrases');
}

// Checks `jsonText` as a shield file and against the shields already known: the core's
// validateShield for the file itself (syntax, schema and the limits of SHIELDS.md), its id
// against the bundled books and the reader's own shields, and a trial Engine with every
// custom shield for clashes the file alone cannot show. Returns {shield} or {error}; an
// error changes nothing, because nothing is stored before this passes.
//
// An id already in use is refused rather than replacing the shield that has it: a file
// that happens to share an id would otherwise silently overwrite a shield the reader made
// (and its place in their list). To update a shield, delete it and import the new file.
export function checkShield(core, jsonText, customShields, catalogIds) {
  let shield;
  try {
    shield = core.validateShield(jsonText);
  } catch (err) {
    return { error: String(err?.message || err) };
  }
  if (catalogIds.has(shield.id)) {
    return {
      error: `id "${shield.id}" is already used by a bundled book; ` +
        'give your shield another id (lower-case letters, digits and "-").',
    };
  }
  const same = customShields.find((s) => s.id === shield.id);
  if (same) {
    return {
      error: `id "${shield.id}" is already used by your custom shield “${same.title}”; ` +
        'to replace it, delete it first and import again, or give the file another id.',
    };
  }
  try {
    new core.Engine({ shields: [...customShields, shield], sensitivity: 'balanced', progress: {} }).free();
  } catch (err) {
    return { error: String(err?.message || err) };
  }
  return { shield };
}
