//! The one automaton: every phrase of every enabled shield, and the shared cues,
//! compiled into a single Aho-Corasick automaton over the words of normalised text.
//!
//! A page is scanned in one pass per block, whatever the number of books. Each
//! distinct normalised phrase is one pattern; a pattern maps to the list of
//! [`Target`]s it stands for (the same words can be an entity of one book and a term of
//! another). The automaton does not see the text's bytes but its words, each turned
//! into a fixed-width code by the [`Vocabulary`] of the patterns' words (see `vocab`):
//! matches then start and end on whole words by construction, and the words of the
//! text that are in no pattern shrink to one code per run. A match's codes map back to
//! the words of the [`NormText`], so a [`Hit`]'s byte span and sentence are those of
//! the normalised text, exactly as a byte-level match would give them.

use std::collections::{HashMap, HashSet};

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Input, MatchKind};

use crate::loose::{LooseBuilder, LoosePhrases};
use crate::shield::{CueLexicon, Entity, EntityKind, Shield};
use crate::text::{NormText, Normalizer, Word};
use crate::vocab::{EncodedText, Tagged, Vocabulary};

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The book's title.
    Title { book: u16 },
    /// The author's full name.
    Author { book: u16 },
    /// The author's surname alone.
    Surname { book: u16 },
    /// Another name of the book.
    Alias { book: u16 },
    /// A character, place or object, by any of its names.
    Entity { book: u16, entity: u16 },
    /// A spoiler term, by its phrase or any `also` wording.
    Term { book: u16, term: u32 },
    /// A generic cue of the shared lexicon.
    Cue { cue: u16 },
    /// A content word of a loose phrase (see `loose`); never scored by itself.
    Word { word: u32 },
    /// A predicate wording of an event: evidence only said of one of its participants.
    Event { book: u16, event: u16 },
    /// A wording of a premise item: what said of its entities spoils nothing.
    Premise { book: u16, item: u16 },
}

impl Target {
    /// The book a target belongs to; `None` for the shared cues and loose words.
    pub fn book(self) -> Option<u16> {
        match self {
            Target::Title { book }
            | Target::Author { book }
            | Target::Surname { book }
            | Target::Alias { book }
            | Target::Entity { book, .. }
            | Target::Term { book, .. }
            | Target::Event { book, .. }
            | Target::Premise { book, .. } => Some(book),
            Target::Cue { .. } | Target::Word { .. } => None,
        }
    }
}

/// A pattern found in a block: what it stands for and the sentence it is in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub target: Target,
    pub sentence: u32,
    /// Byte span in the normalised text, to tell a cue inside a name ("murder" in
    /// "The Murder of Roger Ackroyd") from a cue beside one.
    pub start: u32,
    pub end: u32,
}

/// A book's data the scorer needs, indexed by the `book` of a [`Target`].
#[derive(Debug, Clone)]
pub(crate) struct BookData {
    pub id: String,
    pub title: String,
    pub author: String,
    /// Page-context weight of a title mention: one-word titles ("Rebecca",
    /// "Atonement") are everyday words and count for less.
    pub title_weight: f32,
    /// The author wrote other books (`author_shared`): the title counts in a heading or
    /// from its second mention, since a page about another of them names this one once,
    /// in passing.
    pub title_twice: bool,
    pub entities: Vec<EntityData>,
    pub terms: Vec<TermData>,
    pub events: Vec<EventData>,
    /// For each premise item, the entities it is about.
    pub premise: Vec<Vec<u16>>,
}

/// An event's label for people, its participants and where it is learnt.
#[derive(Debug, Clone)]
pub(crate) struct EventData {
    /// `event:` and the first words of what it says, for "why was this hidden?".
    pub label: String,
    /// Participants, as entity indices of the book.
    pub who: Vec<u16>,
    /// For each entity of `who`, which of the participants who are characters it names,
    /// counted from 1 (0: a participant who is no character).
    pub character_of: Vec<u8>,
    /// How many of the participants are characters.
    pub characters: u8,
    pub percent: f32,
}

/// An entity's display name and how much its mention says about the page.
#[derive(Debug, Clone)]
pub(crate) struct EntityData {
    pub name: String,
    pub common: bool,
    /// Whether a generic cue next to this entity says something happened to it: true
    /// for characters and groups with a name of three letters or more whose fate is not
    /// the premise. "In Saltmarsh a widow dies" is not about the place, and a two-letter
    /// name ("Pi", "Go") is too often an ordinary word to pair with a cue.
    pub anchors_cues: bool,
    /// A character or group: what a later "he", "she" or "they" may stand for.
    pub person: bool,
    /// One character named as such, not a group or a role: whom a sentence may tell an
    /// event of in place of one of its people (`plot::of_someone_else`).
    pub character: bool,
}

/// A term's display phrase, weight and position.
#[derive(Debug, Clone)]
pub(crate) struct TermData {
    pub phrase: String,
    pub weight: f32,
    pub needs_entity: bool,
    pub revealed_percent: Option<f32>,
}

/// A cue's display phrase and weight.
#[derive(Debug, Clone)]
pub(crate) struct CueData {
    pub phrase: String,
    pub weight: f32,
}

/// The compiled automaton and the tables that give its matches meaning.
#[derive(Debug)]
pub(crate) struct Matcher {
    /// Over the patterns' word codes, not their bytes.
    automaton: NFA,
    vocabulary: Vocabulary,
    /// For pattern `p`, its targets are `targets[spans[p].0 .. spans[p].1]`.
    spans: Vec<(u32, u32)>,
    targets: Vec<Target>,
    /// For each of `targets`, whether it is found only as written with a capital, in a
    /// text that uses case (see [`cased_name`]).
    cased: Vec<bool>,
    /// Distinct patterns, with those only the vocabulary finds.
    pattern_count: usize,
    loose: LoosePhrases,
    pub books: Vec<BookData>,
    pub cues: Vec<CueData>,
}

/// Buffers [`Matcher::scan`] reuses from block to block, kept by its caller: a fresh
/// vector of content-word hits grown from empty for every block took 60,000
/// reallocations and 3% of the instructions of `classify_page` on the sample pages.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// The block's words as the automaton's codes.
    encoded: EncodedText,
    /// The block's content-word hits, for loose phrases.
    words: Vec<Hit>,
}

/// Collects patterns, merging equal ones, before the automaton is built.
#[derive(Default)]
struct Patterns {
    index: HashMap<String, usize>,
    texts: Vec<String>,
    /// Each pattern's targets, and whether each wants a capital (see [`cased_name`]).
    targets: Vec<Vec<(Target, bool)>>,
}

impl Patterns {
    fn add(&mut self, normalizer: &Normalizer, phrase: &str, target: Target) -> Option<String> {
        let Some(pattern) = normalizer.pattern(phrase) else {
            return None; // no word, or a lone word left once fillers are dropped
        };
        self.add_pattern(pattern.clone(), target, false);
        Some(pattern)
    }

    /// Adds a book's title, alias or author (see [`Normalizer::title_pattern`]).
    fn add_title(&mut self, normalizer: &Normalizer, title: &str, target: Target) {
        if let Some(pattern) = normalizer.title_pattern(title) {
            self.add_pattern(pattern, target, false);
        }
    }

    /// Adds `pattern` for `target`; `cased` when only a capital makes it the target. The
    /// same target added without it is found however written ("Release" and "release").
    fn add_pattern(&mut self, pattern: String, target: Target, cased: bool) {
        let next = self.texts.len();
        let slot = *self.index.entry(pattern.clone()).or_insert(next);
        if slot == next {
            self.texts.push(pattern);
            self.targets.push(Vec::new());
        }
        match self.targets[slot].iter_mut().find(|(t, _)| *t == target) {
            Some((_, wants)) => *wants &= cased,
            None => self.targets[slot].push((target, cased)),
        }
    }
}

/// An error building the automaton (in practice: memory limits on huge shields).
#[derive(Debug, Clone)]
pub(crate) struct BuildError(pub String);

impl Matcher {
    /// Compiles the given shields and cues into one automaton.
    pub fn build(shields: &[Shield], cues: &CueLexicon) -> Result<Matcher, BuildError> {
        let normalizer = Normalizer::new();
        let mut patterns = Patterns::default();
        let mut loose = LooseBuilder::default();
        let mut books = Vec::with_capacity(shields.len());
        for (b, shield) in shields.iter().enumerate() {
            let book = b as u16;
            patterns.add_title(&normalizer, &shield.title, Target::Title { book });
            // A shared author's full name weighs what their surname does (once per page),
            // and does not name the book distinctly: their other books name them too.
            let author = if shield.author_shared {
                Target::Surname { book }
            } else {
                Target::Author { book }
            };
            patterns.add_title(&normalizer, &shield.author, author);
            if let Some(surname) = surname(&shield.author) {
                patterns.add_title(&normalizer, surname, Target::Surname { book });
            }
            for alias in &shield.aliases {
                patterns.add_title(&normalizer, alias, Target::Alias { book });
            }
            for (e, entity) in shield.entities.iter().enumerate() {
                let target = Target::Entity {
                    book,
                    entity: e as u16,
                };
                let role = is_role(entity);
                for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                    if let Some(pattern) = entity_pattern(&normalizer, name, role) {
                        let cased = entity.common && cased_name(&normalizer, name);
                        patterns.add_pattern(pattern, target, cased);
                    }
                }
            }
            let name_patterns = name_patterns(&normalizer, shield);
            let names: HashSet<&str> = name_patterns
                .iter()
                .flat_map(|p| p.split_ascii_whitespace())
                .collect();
            for (t, term) in shield.terms.iter().enumerate() {
                let target = Target::Term {
                    book,
                    term: t as u32,
                };
                for phrase in std::iter::once(&term.phrase).chain(&term.also) {
                    if let Some(pattern) = patterns.add(&normalizer, phrase, target) {
                        loose.add(&pattern, target, &names);
                    }
                }
            }
            // Events' and premise items' wordings: matched exactly, never loosely.
            let events = (0..).zip(&shield.events).map(|(event, e)| {
                let target = Target::Event { book, event };
                (target, &e.words)
            });
            let premise = (0..).zip(&shield.premise).map(|(item, p)| {
                let target = Target::Premise { book, item };
                (target, &p.words)
            });
            for (target, words) in events.chain(premise) {
                for word in words {
                    patterns.add(&normalizer, word, target);
                }
            }
            books.push(book_data(shield));
        }
        for (c, cue) in cues.cues.iter().enumerate() {
            patterns.add(&normalizer, &cue.phrase, Target::Cue { cue: c as u16 });
        }
        let (loose_words, loose) = loose.finish();
        for (word, id) in loose_words {
            patterns.add_pattern(format!("{word} "), Target::Word { word: id }, false);
        }
        let mut vocabulary = Vocabulary::new(patterns.texts.iter().map(String::as_str));
        // A loose phrase's content word is a one-word pattern found on every
        // occurrence: the vocabulary tags it and lists it as it encodes a block, and
        // the automaton, which stopped on half of all known words of the sample pages
        // for them, keeps only the patterns with other targets: 9% fewer instructions
        // for `classify_page` on those pages.
        let pattern_count = patterns.texts.len();
        let mut encoded = Vec::with_capacity(pattern_count);
        let mut spans = Vec::with_capacity(pattern_count);
        let mut targets = Vec::new();
        let mut cased = Vec::new();
        for (text, mut list) in patterns.texts.iter().zip(patterns.targets) {
            if let Some((Target::Word { word }, _)) = list.last().copied() {
                // Added last of all, and alone in its one-word pattern.
                list.pop();
                vocabulary.tag(text.trim_end(), word);
            }
            if list.is_empty() {
                continue;
            }
            encoded.push(vocabulary.encode_pattern(text));
            let start = targets.len() as u32;
            targets.extend(list.iter().map(|&(target, _)| target));
            cased.extend(list.iter().map(|&(_, wants)| wants));
            spans.push((start, targets.len() as u32));
        }
        // Measured on the full catalog (7,670 patterns, over bytes then): a DFA took
        // 24 MB and 95 ms to build and scanned slower than the contiguous NFA (1.2 MB,
        // 23 ms), whose states stay in cache. See `make bench`. The NFA is used
        // directly, not behind `AhoCorasick`, so the other automata are not compiled
        // into the Wasm module. Over word codes (8,402 patterns, 2,674 words), dense
        // states one level deep instead of the default two cut its memory from 1.65 to
        // 0.50 MB for 1% more instructions in the automaton (callgrind, `classify`).
        let automaton = aho_corasick::nfa::contiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .dense_depth(1)
            .build(&encoded)
            .map_err(|e| BuildError(e.to_string()))?;
        let cues = cues
            .cues
            .iter()
            .map(|c| CueData {
                phrase: c.phrase.clone(),
                weight: c.weight,
            })
            .collect();
        Ok(Matcher {
            automaton,
            vocabulary,
            spans,
            targets,
            cased,
            pattern_count,
            loose,
            books,
            cues,
        })
    }

    /// Appends every whole-word match in `norm` to `hits`, with its sentence, in the
    /// order of their ends and, for one end, longest first. `scratch` is kept by the
    /// caller so its buffers are reused from block to block.
    pub fn scan(&self, norm: &NormText, scratch: &mut Scratch, hits: &mut Vec<Hit>) {
        let first = hits.len();
        let encoded = &mut scratch.encoded;
        self.vocabulary.encode_text(norm, encoded);
        let width = self.vocabulary.width();
        let words = norm.words();
        // Standard match semantics, unanchored: the one configuration overlapping search
        // accepts, fixed at build time, so this never fails.
        let Ok(matches) = self
            .automaton
            .try_find_overlapping_iter(Input::new(&encoded.bytes))
        else {
            return;
        };
        // The content words the vocabulary tagged go in among the matches where the
        // automaton reported them when they were patterns of their own: after every
        // match ending on the same word, as the shortest, and before any ending later.
        // Which hits the loop below takes out, and so the order of the others, stays
        // the same.
        let mut tagged = encoded.tagged.iter().peekable();
        for m in matches {
            // Codes are self-synchronising, so a match covers whole codes: the first
            // and last words of the match are those of its first and last codes.
            let last_code = (m.end() / width).saturating_sub(1);
            while let Some(word) = tagged.next_if(|t| (t.code as usize) < last_code) {
                push_content_word(*word, words, hits);
            }
            let (Some(&first_word), Some(&last_word)) = (
                encoded.words.get(m.start() / width),
                encoded.words.get(last_code),
            ) else {
                continue;
            };
            let (Some(from), Some(to)) = (
                words.get(first_word as usize),
                words.get(last_word as usize),
            ) else {
                continue;
            };
            let (start, end) = self.spans[m.pattern().as_usize()];
            let span = start as usize..end as usize;
            for (target, &cased) in self.targets[span.clone()].iter().zip(&self.cased[span]) {
                if cased && norm.is_cased() && !from.capital {
                    continue;
                }
                hits.push(Hit {
                    target: *target,
                    sentence: from.sentence,
                    start: from.start,
                    // The byte-level pattern ended with the space after its last word.
                    end: to.end + 1,
                });
            }
        }
        for word in tagged {
            push_content_word(*word, words, hits);
        }
        // Content words only serve loose phrases: take them out, then look for those.
        let words = &mut scratch.words;
        words.clear();
        let mut i = first;
        while i < hits.len() {
            if matches!(hits[i].target, Target::Word { .. }) {
                words.push(hits.swap_remove(i));
            } else {
                i += 1;
            }
        }
        if !words.is_empty() {
            self.loose.detect(words, hits);
        }
    }

    /// Number of distinct patterns: those of the automaton and the loose phrases'
    /// content words the vocabulary finds.
    pub fn pattern_count(&self) -> usize {
        self.pattern_count
    }

    /// Heap memory the automaton uses, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.automaton.memory_usage()
    }

    /// Heap memory of the vocabulary the automaton's codes come from, in bytes.
    pub fn vocabulary_bytes(&self) -> usize {
        self.vocabulary.memory_usage()
    }

    /// Number of distinct words in the patterns.
    pub fn vocabulary_len(&self) -> usize {
        self.vocabulary.len()
    }
}

/// Appends the hit of a content word of the loose phrases, `tagged` among `words`.
fn push_content_word(tagged: Tagged, words: &[Word], hits: &mut Vec<Hit>) {
    if let Some(word) = words.get(tagged.word as usize) {
        hits.push(Hit {
            target: Target::Word { word: tagged.tag },
            sentence: word.sentence,
            start: word.start,
            // As a one-word pattern ended: with the space after the word.
            end: word.end + 1,
        });
    }
}

/// The normalised title, author, aliases and entity names of a book.
fn name_patterns(normalizer: &Normalizer, shield: &Shield) -> Vec<String> {
    let entity_names = shield
        .entities
        .iter()
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
        .filter_map(|name| normalizer.pattern(name));
    [&shield.title, &shield.author]
        .into_iter()
        .chain(&shield.aliases)
        .filter_map(|name| normalizer.title_pattern(name))
        .chain(entity_names)
        .collect()
}

pub(crate) fn book_data(shield: &Shield) -> BookData {
    let mut events = Vec::with_capacity(shield.events.len());
    for e in &shield.events {
        let (who, character_of, characters) = entity_groups(shield, &e.who);
        events.push(EventData {
            label: event_label(&e.says),
            who,
            character_of,
            characters,
            percent: e.percent,
        });
    }
    let mut premise = Vec::with_capacity(shield.premise.len());
    for p in &shield.premise {
        premise.push(entity_indices(shield, &p.who));
    }
    let title_words = Normalizer::new()
        .normalize(&shield.title)
        .as_str()
        .split_whitespace()
        .count();
    BookData {
        id: shield.id.clone(),
        title: shield.title.clone(),
        author: shield.author.clone(),
        title_weight: if title_words >= 2 { 2.0 } else { 1.0 },
        title_twice: shield.author_shared,
        entities: shield
            .entities
            .iter()
            .map(|e| EntityData {
                name: e.name.clone(),
                common: e.common,
                anchors_cues: e.is_person()
                    && !e.premise
                    && e.name.chars().filter(|c| c.is_alphanumeric()).count() > 2,
                // A role is no antecedent: "the narrator" of a dozen books would take a
                // pronoun from the book the page is about.
                person: e.is_person() && !is_role(e),
                character: e.kind == EntityKind::Character && !is_role(e),
            })
            .collect(),
        events,
        premise,
        terms: shield
            .terms
            .iter()
            .map(|t| TermData {
                phrase: t.phrase.clone(),
                weight: t.weight,
                needs_entity: t.needs_entity,
                revealed_percent: t.revealed.as_ref().map(|r| r.percent),
            })
            .collect(),
    }
}

/// The entities an event or premise item names in `who`, with every other entity of the
/// shield that is the same person: shields list "Amy Elliott Dunne" and "Amy", "Eddard
/// Stark" (alias "Ned") and "Ned" as entities of their own, and a reader writes the short
/// one.
fn entity_indices(shield: &Shield, names: &[String]) -> Vec<u16> {
    entity_groups(shield, names).0
}

/// [`entity_indices`]; for each of them, which character among `names` it names, counted
/// from 1 (0: a name that is no character's); and how many characters `names` holds.
fn entity_groups(shield: &Shield, names: &[String]) -> (Vec<u16>, Vec<u8>, u8) {
    let mut indices = Vec::with_capacity(names.len());
    let mut character_of = Vec::new();
    let mut characters = 0u8;
    for name in names {
        let Some(i) = shield.entities.iter().position(|e| &e.name == name) else {
            continue;
        };
        let character = shield.entities[i].kind == EntityKind::Character;
        characters += u8::from(character);
        for (j, other) in shield.entities.iter().enumerate() {
            if (j == i || same_person(&shield.entities[i], other)) && !indices.contains(&(j as u16))
            {
                indices.push(j as u16);
                character_of.push(if character { characters } else { 0 });
            }
        }
    }
    (indices, character_of, characters)
}

/// Whether `other` names the same person as `entity`: one's name is an alias of the
/// other, or `other` is the first name of one of `entity`'s names ("Amy" of "Amy
/// Dunne"), or one is a role the other plays ([`Entity::role_of`]). Surnames are left
/// out: families share them.
fn same_person(entity: &Entity, other: &Entity) -> bool {
    if !entity.is_person() || !other.is_person() {
        return false;
    }
    let theirs = |name: &str| other.names().any(|b| b.eq_ignore_ascii_case(name));
    let role_of = |role: &Entity, of: &Entity| {
        role.role_of
            .as_deref()
            .is_some_and(|name| of.names().any(|b| b.eq_ignore_ascii_case(name)))
    };
    // A name of the entity, or the first name of one that is a first name and surnames
    // ("Ned" of the alias "Ned Stark"; not "Lady" of "Lady Catelyn", Sansa's wolf being
    // Lady, nor "Jem" of "Jem and Scout's father" or "Riddle" of "Riddle Sr."). Compared
    // as ASCII, as the honorifics are: `str::to_lowercase` here cost the scan module
    // 5.9 KB.
    role_of(entity, other)
        || role_of(other, entity)
        || entity.names().any(|name| {
            theirs(name)
                || name.split_once(' ').is_some_and(|(first, surname)| {
                    !surname.contains(['.', '\'', '’'])
                        && !crate::text::HONORIFICS
                            .iter()
                            .any(|h| h.eq_ignore_ascii_case(first))
                        && theirs(first)
                })
        })
}

/// Whether `name`, the name of an entity whose names are everyday words (`common`), is
/// written with a capital ("Summer", "Snow", "Death"): then it names the entity only
/// when a text that uses case writes it so. "the summer she's spending with them" is no
/// direwolf, and "the death of Rudy" no narrator; a forum post all in lower case still
/// names them.
fn cased_name(normalizer: &Normalizer, name: &str) -> bool {
    normalizer
        .normalize(name)
        .words()
        .first()
        .is_some_and(|w| w.capital)
}

/// Whether an entity is a role ("the narrator", "the headmaster"): a character marked
/// common and named with "the", whose names keep their one word once "the" is dropped,
/// as a title's do (but see [`entity_pattern`]). On a page about the book "the narrator"
/// is that character; "the Wall" or "the cave", a place or object, would find every wall
/// and cave, so their names need two words.
pub(crate) fn is_role(entity: &Entity) -> bool {
    entity.common && entity.kind == EntityKind::Character && entity.name.starts_with("the ")
}

/// The pattern an entity's name matches as: a role's (see [`is_role`]) may be one word
/// once "the" is dropped, as a title's may, unless that word names someone outside the
/// story on most pages: the book's own author ("the author", "the writer"), its reader,
/// or a film's director. Even where a book has such a character (Life of Pi's author,
/// Brave New World's Director), a review says "the author" of the real one. "The
/// narrator" is not one of them: a page about a book means by it the book's teller, who
/// is in the story. Other entities' names need two words.
pub(crate) fn entity_pattern(normalizer: &Normalizer, name: &str, role: bool) -> Option<String> {
    let pattern = normalizer.pattern_keeping(name, role)?;
    let outsider = matches!(
        pattern.as_str(),
        "author " | "writer " | "novelist " | "reader " | "director "
    );
    (!(role && outsider)).then_some(pattern)
}

/// How an event is named in a verdict's phrases: `event:` and the first six words of
/// what it says, so a reader sees which development was recognised.
fn event_label(says: &str) -> String {
    let mut label = String::from("event:");
    for (i, word) in says.split_ascii_whitespace().enumerate() {
        if i == 6 {
            label.push('…');
            break;
        }
        if i > 0 {
            label.push(' ');
        }
        label.push_str(word);
    }
    label
}

/// The last word of an author's name, when it is long enough to mean something on
/// its own ("Ishiguro", "Steinbeck"; not "Li").
pub(crate) fn surname(author: &str) -> Option<&str> {
    let last = author.split_whitespace().last()?;
    let letters = last.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 4 && author.split_whitespace().count() > 1).then_some(last)
}
