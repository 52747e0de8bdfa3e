//! A drafted shield's plot events and premise, with where in the story each comes.
//!
//! [`SummaryDrafter`](super::summary::SummaryDrafter) proposes a shield's names and
//! phrases from a plot summary; this module proposes, from the same summary and those
//! names, the events and premise of schema 2 (docs/SHIELDS.md, "Events and premise") in
//! the shape the plot matcher (`plot`) reads them: a participant and a wording said in
//! one sentence.
//!
//! * An **event** is a sentence of the summary that names at least one drafted entity
//!   (by its name or an alias, as a reader writes it) and holds a predicate: a generic
//!   cue of the lexicon (`shields/cues.json`: "dies", "is arrested") or a distinctive
//!   word. Its `who` are the entities the sentence names, its `words` the predicate as
//!   the summary words it: the cue, a run of two or three content words around a
//!   distinctive one ("false beacons"), the distinctive words alone. Its `percent` is
//!   where the sentence starts in the summary: a plot summary is told in story order,
//!   so that is about where a first-time reader learns it.
//! * A **premise** item is a sentence of the opening sixth of the summary (what the
//!   jacket and the first chapters tell) with the entities it names and its distinctive
//!   wordings, never a generic cue: a premise wording cancels the cues and event
//!   wordings it overlaps (`plot::restates_premise`), so "dies" there would be cancelled
//!   for the whole book.
//!
//! A word is *distinctive* when English seldom uses it in any inflection (the matcher
//! folds "shoots" and "shooting" onto one stem, so the stem's commonest word is what a
//! page would hold), it is no name, no word of the title or author, and no talk about
//! books. An event wording the opening already uses is left out: said of those people
//! it restates the set-up ("avoid words that also describe the premise").

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::summary::{
    tokenize, Token, WordFrequencies, BOOK_TALK, EVERYDAY_ZIPF, NARRATION, UNLISTED_ZIPF,
};
use crate::catalog;
use crate::shield::{
    Entity, Event, PremiseItem, Term, EVENTS_SCHEMA, MAX_PREDICATE_WORDS, MAX_WHO, SCHEMA_VERSION,
};
use crate::text::Normalizer;

/// The share of a summary, from its start, whose sentences are its premise: the first
/// fifth, which the matcher treats as set-up that summaries, jacket copy and reviews
/// tell freely (`plot::EARLY_PERCENT`), so every drafted event comes after it.
pub(crate) const PREMISE_SHARE: f32 = crate::plot::EARLY_PERCENT / 100.0;
/// A word is distinctive when the commonest English word of its stem is rarer than
/// this Zipf value (40 per million words): outside the ~2,700 commonest words.
/// "affair" (4.3), "mistress" (3.9), "confronts" (confront 3.9) and "arrest" (4.5) are;
/// "learns" (learn 5.3), "tells" (tell 5.6) and "returns" (return 5.2), which narrate
/// every plot, are not. (At 4.5, "arrest", "crash" and "declared" were everyday: 4.6
/// found 3 more spoilers of the dev page drafts and 2 of the summary drafts, with no
/// false blur more.)
pub(crate) const DISTINCTIVE_ZIPF: f32 = 4.6;
/// Most events drafted: the format asks for 30–60 of a whole book, and a summary has
/// fewer sentences worth one.
pub(crate) const DRAFTED_EVENTS: usize = 40;
/// Most premise items drafted (the format asks for 6–15).
pub(crate) const DRAFTED_PREMISE: usize = 15;
/// A verb whose stem is at least this common ("tell" 5.6, "ask" 5.4) narrates every plot:
/// said of a name it is no event wording. "deliver" (4.6) and "save" (5.0) are deeds.
const EVERYDAY_VERB_ZIPF: f32 = 5.2;
/// Most wordings of one drafted event or premise item.
const MAX_WORDINGS: usize = 8;
/// Most words of one drafted run of content words ("false beacons", "lamp room key").
const MAX_RUN: usize = 3;
/// How many words may stand between a predicate word and what it is said of ("kills
/// the puppy", "accuses Maxim of murder" → "accuses Maxim").
const PHRASE_REACH: usize = 2;
/// Most tokens of a predicate phrase: the matcher's predicates have at most six words.
const MAX_PHRASE_TOKENS: usize = 5;
/// Words that open another clause or conjunct: a predicate phrase never reaches past
/// one ("debt and disappears", "gossips that Mrs Ferrars" are two things said).
#[rustfmt::skip]
const CLAUSE_WORDS: &[&str] = &[
    "and", "or", "but", "nor", "who", "whom", "whose", "which", "that", "when", "while",
    "where", "as", "because", "after", "before", "until", "since", "so", "then", "if",
    "though", "although",
];
/// Words that make the word after them a noun ("the housekeeper", "an old swamper"):
/// articles, possessives and demonstratives.
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "my", "your", "our", "this", "these",
    "those",
];
/// Words of a cue that tell a death ("dies", "is killed", "shot dead").
#[rustfmt::skip]
const DEATH_WORDS: &[&str] = &[
    "dies", "died", "die", "dead", "death", "killed", "kills", "murdered", "drowned",
    "drowns", "strangled", "poisoned", "executed", "suicide",
];
/// How pages tell a death, whatever words the summary used for it ("killed herself by
/// swallowing poison" is "she's dead" on a forum): wordings of every drafted death. The
/// plain words stand here too, as the event's own, so that a page's "dead" said of the
/// one who dies tells the event and not only the generic cue.
const DEATH_PARAPHRASES: &[&str] = &[
    "dies",
    "dead",
    "death",
    "killed",
    "don't make it",
    "didn't make it",
    "did not make it",
    "killed off",
    "declared dead",
];
/// Auxiliaries that make the participle after them a passive ("was hit", "gets caught").
#[rustfmt::skip]
const PASSIVE_AUXILIARIES: &[&str] = &[
    "is", "was", "were", "are", "be", "been", "being", "gets", "got", "get", "gotten",
];
/// Common participles that end in neither "-ed" nor "-en" (what befalls people in plots).
#[rustfmt::skip]
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "hit", "shot", "struck", "caught", "bitten", "run", "hurt", "cut", "beat", "bound",
    "stung", "held", "led", "lost", "found", "sent", "hung", "fed", "left", "kept", "sold",
    "told", "made", "met", "put", "set", "won", "slain", "thrown", "torn", "blown",
];
/// Words that end the agent of a passive ("hit by a car in the street": "car").
#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "with", "for", "of", "to", "from", "into", "onto", "near", "during",
    "outside", "inside", "through", "over", "under", "by",
];
/// Most words of a passive's agent after its determiner ("a heavy marble clock").
const MAX_AGENT_WORDS: usize = 3;
/// Pronouns that, opening a sentence, stand for somebody the sentence before named
/// ("She burns …", "His first wife drowned …": a sentence about that person's kin).
const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "his", "her", "their"];
/// Longest `says`, in bytes; a longer sentence is cut at a word and ends with "…".
const MAX_SAYS_BYTES: usize = 160;

/// The events and premise drafted from one summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Plot {
    /// What the opening of the summary tells.
    pub(crate) premise: Vec<PremiseItem>,
    /// The developments of the rest, in summary order.
    pub(crate) events: Vec<Event>,
}

impl Plot {
    /// The schema a shield holding this plot needs: events and premise need
    /// [`EVENTS_SCHEMA`]; without either the draft stays a schema-1 shield.
    pub(crate) fn schema(&self) -> u32 {
        if self.premise.is_empty() && self.events.is_empty() {
            SCHEMA_VERSION
        } else {
            EVENTS_SCHEMA
        }
    }
}

/// Drafts the events and premise of `summary`, a plot summary of the book `title` by
/// `author`, whose drafted entities are `entities`; words are ranked against
/// `frequencies`. Every `who` is the `name` of one of `entities`.
pub(crate) fn draft(
    summary: &str,
    title: &str,
    author: &str,
    entities: &[Entity],
    terms: &[Term],
    frequencies: &WordFrequencies,
) -> Plot {
    let tokens = tokenize(summary);
    let reading = Reading::new(
        summary,
        &tokens,
        title,
        author,
        entities,
        terms,
        frequencies,
    );
    // The premise is the opening fifth, and at least the first sentence.
    let opening = reading
        .sentences
        .iter()
        .take_while(|s| (s.start as f32) < PREMISE_SHARE * summary.len() as f32)
        .count()
        .max(1)
        .min(reading.sentences.len());
    let mut told: Vec<Told> = reading
        .sentences
        .iter()
        .enumerate()
        .map(|(s, sentence)| reading.told(sentence, s >= opening))
        .collect();
    // A sentence that opens with "He" or "They" tells of the person the sentence before
    // named first ("Hammond goes out walking … He is attacked and killed …"), not one
    // named as an owner ("At Melanie's deathbed Scarlett realises … She hurries home").
    for (this, pair) in told[1..].iter_mut().zip(reading.sentences.windows(2)) {
        let [previous, sentence] = pair else { continue };
        let opens_with_pronoun = reading.tokens[sentence.tokens.clone()]
            .first()
            .is_some_and(|t| SUBJECT_PRONOUNS.contains(&t.lower.as_str()));
        let before = reading
            .doers(previous)
            .find(|&e| entities[e].is_person())
            .map(|e| entities[e].name.clone());
        if let (true, Some(name)) = (opens_with_pronoun, before) {
            let who = &mut this.who;
            if !who.contains(&name) {
                who.insert(0, name);
                who.truncate(MAX_WHO);
            }
        }
    }
    // Every word of the opening, as the matcher stems it.
    let premise_stems: HashSet<&str> = reading.sentences[..opening]
        .iter()
        .flat_map(|s| s.tokens.clone())
        .flat_map(|i| reading.stems[i].iter().map(String::as_str))
        .collect();

    let premise = (0..opening)
        .filter_map(|s| {
            let told = &told[s];
            let words = reading.wordings(told, false, &HashSet::new());
            (!told.who.is_empty() && !words.is_empty()).then(|| PremiseItem {
                says: reading.says(&reading.sentences[s]),
                who: told.who.clone(),
                words,
            })
        })
        .take(DRAFTED_PREMISE)
        .collect();

    // (sentence, has a cue and a distinctive word, wordings, event)
    let candidates: Vec<(usize, bool, Event)> = (opening..reading.sentences.len())
        .filter_map(|s| {
            let told = &told[s];
            let words = reading.wordings(told, true, &premise_stems);
            if told.who.is_empty() || words.is_empty() {
                return None;
            }
            let both = !told.cues.is_empty() && !told.distinctive.is_empty();
            let sentence = &reading.sentences[s];
            let percent = (100.0 * sentence.start as f32 / summary.len().max(1) as f32)
                .round()
                .clamp(0.0, 100.0);
            Some((
                s,
                both,
                Event {
                    says: reading.says(sentence),
                    who: told.who.clone(),
                    words,
                    at: format!("about {percent}% into the summary"),
                    percent,
                },
            ))
        })
        .collect();
    // Over the cap, the sentences with a cue and a distinctive word first, then those
    // with most to match, then the earlier; the kept ones stay in story order. (Chosen
    // by hand rather than sorted: std's sort, made for each key, weighs several KB in
    // the options page's module.)
    let rank = |c: &(usize, bool, Event)| (c.1, c.2.words.len());
    let mut best: Vec<usize> = Vec::new();
    for (i, candidate) in candidates.iter().enumerate() {
        let at = best
            .iter()
            .position(|&b| rank(&candidates[b]) < rank(candidate))
            .unwrap_or(best.len());
        if at < DRAFTED_EVENTS {
            best.insert(at, i);
            best.truncate(DRAFTED_EVENTS);
        }
    }
    let events = candidates
        .into_iter()
        .enumerate()
        .filter(|(i, _)| best.contains(i))
        .map(|(_, c)| c.2)
        .collect();
    Plot { premise, events }
}

/// Whether `word` is an adverb made of an English word and "-ly" ("deeply",
/// "accidentally", "angrily"), unlike a noun that ends so ("belly", "supply").
pub(crate) fn manner_adverb(word: &str, frequencies: &WordFrequencies) -> bool {
    let Some(base) = word.strip_suffix("ly") else {
        return false;
    };
    let listed = |w: &str| w.len() >= 3 && frequencies.zipf(w) > UNLISTED_ZIPF;
    listed(base)
        || base
            .strip_suffix('i')
            .is_some_and(|b| listed(&format!("{b}y")))
}

/// For each token, whether it is part of an apposition that says who the person named
/// beside it is: after the name, up to the next punctuation or clause word ("Candy, an
/// old swamper with a worn-out dog", "Crooks, the black stable hand"), or between a
/// determiner and a name that ends its clause ("the skilled mule driver Slim;", not
/// "the puppy Slim gave him"). A person's description is premise wherever the summary
/// first gives it, and a page that introduces the cast ("Candy: an old swamper") tells
/// nothing that happens.
pub(crate) fn descriptions(
    summary: &str,
    tokens: &[Token<'_>],
    entity: &[Option<usize>],
    person: &dyn Fn(usize) -> bool,
) -> Vec<bool> {
    let mut described = vec![false; tokens.len()];
    let ends_clause = |j: usize| {
        tokens.get(j).is_none_or(|t| {
            t.after_break || t.sentence_start || CLAUSE_WORDS.contains(&t.lower.as_str())
        })
    };
    let determines = |j: usize| determines(&tokens[j]);
    for i in 0..tokens.len() {
        let Some(e) = entity[i] else {
            continue;
        };
        if !person(e) {
            continue;
        }
        // Before the name: its first word, in a name that ends its clause.
        let first = i == 0 || entity[i - 1] != Some(e) || tokens[i].after_break;
        let last_of_name = (i + 1..tokens.len())
            .take_while(|&k| entity[k] == Some(e) && !tokens[k].after_break)
            .last()
            .unwrap_or(i);
        if first && i > 0 && ends_clause(last_of_name + 1) {
            let mut j = i;
            while j > 0 && i - j < 4 && !tokens[j].after_break {
                j -= 1;
                // Another's name determines it when it is theirs ("Ackroyd's stepson
                // Ralph Paton"), and else ends the search ("the puppy Slim gave him").
                if determines(j) {
                    for slot in &mut described[j + 1..i] {
                        *slot = true;
                    }
                    break;
                }
                if entity[j].is_some() {
                    break;
                }
            }
        }
        // A relative clause after a person's first mention in the first half introduces
        // them ("Hercule Poirot, who has retired to the village to grow vegetable
        // marrows, …"); one met later more often tells what they do in the plot. (A name
        // whose first word was said before as a name is no first mention: some callers
        // number each mention apart.)
        let first_mention = first
            && tokens[i].start * 2 < summary.len()
            && !(0..i).any(|k| entity[k].is_some() && tokens[k].lower == tokens[i].lower);
        let relative = tokens.get(last_of_name + 1).is_some_and(|t| {
            t.after_break && !t.sentence_start && matches!(t.lower.as_str(), "who" | "whose")
        });
        if first_mention && relative {
            for (j, token) in tokens.iter().enumerate().skip(last_of_name + 2) {
                if token.after_break || token.sentence_start {
                    break;
                }
                described[j] = true;
            }
        }
        if i + 1 >= tokens.len() {
            continue;
        }
        let opens = &tokens[i + 1];
        let apposition = entity[i + 1].is_none()
            && opens.after_break
            && !opens.sentence_start
            && matches!(opens.lower.as_str(), "a" | "an" | "the");
        if !apposition {
            continue;
        }
        for (j, token) in tokens.iter().enumerate().skip(i + 1) {
            let ends =
                j > i + 1 && (token.after_break || CLAUSE_WORDS.contains(&token.lower.as_str()));
            if ends || entity[j].is_some() {
                break;
            }
            described[j] = true;
        }
    }
    described
}

/// Whether `token` makes the word after it a noun: a determiner, or a possessive,
/// singular ("Ackroyd's stepson") or plural ("the Greenleafs' son").
fn determines(token: &Token<'_>) -> bool {
    DETERMINERS.contains(&token.lower.as_str()) || token.possessive
}

/// A sentence of the summary: its tokens and its bytes.
#[derive(Debug, Clone)]
struct Sentence {
    tokens: Range<usize>,
    /// Byte offset of its first word.
    start: usize,
    /// Byte offset where the next sentence starts (or the summary ends).
    end: usize,
}

/// What one sentence tells: who it names and the words that could say what happens.
#[derive(Debug, Default)]
struct Told {
    /// The entities named, as their `name`, in order of first mention.
    who: Vec<String>,
    /// Cue matches that say what happens (token ranges).
    cues: Vec<Range<usize>>,
    /// Distinctive words (token indices), rarest first.
    distinctive: Vec<usize>,
    /// Runs of two or three content words holding a distinctive word or a cue word,
    /// and whether they hold a cue word.
    runs: Vec<(Range<usize>, bool)>,
    /// Each cue and distinctive word with what it is said of ("kills the puppy",
    /// "crushes Curley"), and whether it is a cue's.
    phrases: Vec<(Range<usize>, bool)>,
    /// Passives with their agent ("hit by a speeding car"), as the tokens of each
    /// wording: with the agent's describing words and, as a second wording, without them.
    passives: Vec<Vec<usize>>,
}

/// The summary read once: its sentences, and for every token its stems, whether it is
/// a name and whether it is a content word.
struct Reading<'a, 's> {
    summary: &'s str,
    tokens: &'a [Token<'s>],
    sentences: Vec<Sentence>,
    /// Each token's words as the matcher normalises them (none for "the", "his").
    stems: Vec<Vec<String>>,
    /// For each token, the entity whose name or alias it is part of.
    entity: Vec<Option<usize>>,
    /// For each token, whether it is a name (an entity's, or capitalised mid-sentence).
    name: Vec<bool>,
    /// For each token, whether it can be a wording's word at all.
    content: Vec<bool>,
    /// For each token, the Zipf value of the commonest English word of its stem.
    commonness: Vec<f32>,
    /// Cue lexicon entries that say what happens, as stem sequences.
    cues: Vec<Vec<String>>,
    /// For each token, whether it is the draft's spoiler term standing on its own (not
    /// `needs_entity`): distinctive of the book however common in English ("rings").
    book_word: Vec<bool>,
    /// For each token, whether it is a manner adverb ("deeply"): no wording alone.
    adverb: Vec<bool>,
    /// For each token, whether it tells who somebody named just before it is
    /// ("Candy, an old swamper"): a description, no event's wording.
    described: Vec<bool>,
    entities: &'a [Entity],
}

impl<'a, 's> Reading<'a, 's> {
    fn new(
        summary: &'s str,
        tokens: &'a [Token<'s>],
        title: &str,
        author: &str,
        entities: &'a [Entity],
        terms: &[Term],
        frequencies: &WordFrequencies,
    ) -> Reading<'a, 's> {
        let normalizer = Normalizer::new();
        let stems_of = |text: &str| -> Vec<String> {
            normalizer
                .normalize(text)
                .as_str()
                .split_whitespace()
                .map(str::to_string)
                .collect()
        };
        let stems: Vec<Vec<String>> = tokens.iter().map(|t| stems_of(&t.lower)).collect();

        let mut sentences: Vec<Sentence> = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            if token.sentence_start || i == 0 {
                if let Some(last) = sentences.last_mut() {
                    last.end = token.start;
                }
                sentences.push(Sentence {
                    tokens: i..i,
                    start: token.start,
                    end: summary.len(),
                });
            }
            if let Some(last) = sentences.last_mut() {
                last.tokens.end = i + 1;
            }
        }

        // Entity mentions: a name or alias, word for word, within a sentence.
        let forms: Vec<(usize, Vec<String>)> = entities
            .iter()
            .enumerate()
            .flat_map(|(e, entity)| {
                std::iter::once(&entity.name)
                    .chain(&entity.aliases)
                    .map(move |form| (e, form))
            })
            .map(|(e, form)| (e, tokenize(form).into_iter().map(|t| t.lower).collect()))
            .filter(|(_, words): &(usize, Vec<String>)| !words.is_empty())
            .collect();
        let mut entity: Vec<Option<usize>> = vec![None; tokens.len()];
        for sentence in &sentences {
            let mut i = sentence.tokens.start;
            while i < sentence.tokens.end {
                // The longest form that starts here ("Jay Gatsby" over "Jay").
                let found = forms
                    .iter()
                    .filter(|(_, words)| {
                        i + words.len() <= sentence.tokens.end
                            && words
                                .iter()
                                .zip(&tokens[i..])
                                .enumerate()
                                .all(|(k, (w, t))| *w == t.lower && (k == 0 || !t.after_break))
                    })
                    .max_by_key(|(_, words)| words.len());
                match found {
                    Some((e, words)) => {
                        for slot in &mut entity[i..i + words.len()] {
                            *slot = Some(*e);
                        }
                        i += words.len();
                    }
                    None => i += 1,
                }
            }
        }
        let name: Vec<bool> = tokens
            .iter()
            .zip(&entity)
            .map(|(t, e)| e.is_some() || (t.capitalised() && !t.sentence_start))
            .collect();

        let excluded: Vec<String> = tokenize(title)
            .into_iter()
            .chain(tokenize(author))
            .map(|t| t.lower)
            .collect();
        let content: Vec<bool> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                !name[i]
                    && t.text.chars().count() >= 3
                    && t.text
                        .chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
                    && frequencies.zipf(&t.lower) < EVERYDAY_ZIPF
                    && !BOOK_TALK.contains(&t.lower.as_str())
                    && !NARRATION.contains(&t.lower.as_str())
                    && !excluded.contains(&t.lower)
            })
            .collect();

        // The wordings of the draft's terms that stand on their own, gathered once.
        let own_terms: HashSet<&str> = terms
            .iter()
            .filter(|term| !term.needs_entity)
            .flat_map(|term| std::iter::once(&term.phrase).chain(&term.also))
            .map(String::as_str)
            .collect();
        let book_word: Vec<bool> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| content[i] && own_terms.contains(t.lower.as_str()))
            .collect();
        // How common each content word's stem is: its commonest regular inflection
        // ("shoots": "shoot", "shooting"), the forms the matcher folds onto that stem.
        let mut by_stem: HashMap<&str, f32> = HashMap::new();
        let commonness: Vec<f32> = (0..tokens.len())
            .map(|i| {
                let own = frequencies.zipf(&tokens[i].lower);
                match stems[i].as_slice() {
                    [stem] if content[i] => *by_stem.entry(stem).or_insert_with(|| {
                        inflections(stem)
                            .filter(|form| stems_of(form).as_slice() == [stem.as_str()])
                            .map(|form| frequencies.zipf(&form))
                            .fold(own, f32::max)
                    }),
                    _ => own,
                }
            })
            .collect();

        // A cue says what happens when it holds a word beyond everyday English and none
        // about books: "dies", "is arrested", "funeral"; not "at the end", "in the end"
        // or "the final chapter", which say where a turn comes, of anyone.
        let cues = catalog::cues()
            .map(|lexicon| {
                lexicon
                    .cues
                    .iter()
                    .filter(|cue| {
                        let words: Vec<String> =
                            tokenize(&cue.phrase).into_iter().map(|t| t.lower).collect();
                        words.iter().any(|w| frequencies.zipf(w) < EVERYDAY_ZIPF)
                            && !words.iter().any(|w| BOOK_TALK.contains(&w.as_str()))
                    })
                    .map(|cue| stems_of(&cue.phrase))
                    .filter(|stems| !stems.is_empty())
                    .collect()
            })
            .unwrap_or_default();

        let adverb = tokens
            .iter()
            .map(|t| manner_adverb(&t.lower, frequencies))
            .collect();
        let described = descriptions(summary, tokens, &entity, &|e| entities[e].is_person());
        Reading {
            summary,
            tokens,
            sentences,
            stems,
            entity,
            name,
            content,
            commonness,
            book_word,
            cues,
            adverb,
            described,
            entities,
        }
    }

    /// What `sentence` tells: who it names, its cues, distinctive words and runs; for an
    /// `event`, none of the words that describe who somebody is.
    fn told(&self, sentence: &Sentence, event: bool) -> Told {
        let range = sentence.tokens.clone();
        let mut told = Told::default();
        for i in range.clone() {
            if let Some(e) = self.entity[i] {
                let name = &self.entities[e].name;
                if !told.who.contains(name) && told.who.len() < MAX_WHO {
                    told.who.push(name.clone());
                }
            }
        }
        // Cues, over the sentence's stems (a token may hold two: "run-down").
        let words: Vec<(&str, usize)> = range
            .clone()
            .flat_map(|i| self.stems[i].iter().map(move |s| (s.as_str(), i)))
            .collect();
        // Found in the order they start; a longer cue replaces one it holds.
        let mut cue_flags = vec![false; range.len()];
        for at in 0..words.len() {
            for cue in &self.cues {
                let Some(window) = words.get(at..at + cue.len()) else {
                    continue;
                };
                let (first, last) = (window[0].1, window[window.len() - 1].1);
                let matches = window.iter().zip(cue).all(|((w, _), c)| w == c)
                    && (first + 1..=last).all(|i| !self.tokens[i].after_break)
                    && (first..=last).all(|i| !self.name[i]);
                if matches && !told.cues.iter().any(|c| c.start <= first && last < c.end) {
                    told.cues
                        .retain(|c| !(first <= c.start && c.end <= last + 1));
                    told.cues.push(first..last + 1);
                    for flag in &mut cue_flags[first - range.start..=last - range.start] {
                        *flag = true;
                    }
                }
            }
        }
        let in_cue = |i: usize| cue_flags[i - range.start];
        let said = |i: usize| self.content[i] && !(event && self.described[i]);
        let distinctive = |i: usize| {
            said(i) && !in_cue(i) && (self.commonness[i] < DISTINCTIVE_ZIPF || self.book_word[i])
        };
        // Rarest first (ties in sentence order).
        for i in range.clone().filter(|&i| distinctive(i)) {
            let at = told
                .distinctive
                .iter()
                .position(|&j| self.commonness[j] > self.commonness[i])
                .unwrap_or(told.distinctive.len());
            told.distinctive.insert(at, i);
        }
        // Runs of content words not split by punctuation, cut into pieces of at most
        // MAX_RUN words; a piece of two or more holding a distinctive or cue word.
        let mut i = range.start;
        while i < range.end {
            if !said(i) {
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            while i < range.end && said(i) && !self.tokens[i].after_break {
                i += 1;
            }
            let mut piece = start;
            while piece < i {
                let end = (piece + MAX_RUN).min(i);
                let telling = (piece..end).any(distinctive);
                let cue = (piece..end).any(in_cue);
                if end - piece >= 2 && (telling || cue) {
                    told.runs.push((piece..end, cue));
                }
                piece = end;
            }
        }
        let predicates = told
            .cues
            .iter()
            .map(|c| (c.clone(), true))
            .chain(told.distinctive.iter().map(|&i| (i..i + 1, false)));
        for (span, cue) in predicates.collect::<Vec<_>>() {
            // A noun ("the housekeeper Miss Russell") describes; only what is done or
            // happens is a predicate with something it is said of. A cue always is one
            // ("the dying request", "her uncle died").
            if !cue && self.noun_like(span.start, &range) {
                continue;
            }
            // A cue with no content word near it ("is secretly in love with") is phrased
            // with the words of its clause that follow: in a premise item it must not
            // stand alone, or restating the premise would blur.
            let phrase = self
                .phrase_around(span.clone(), &range)
                .or_else(|| cue.then(|| self.clause_after(span, &range)).flatten());
            if let Some(phrase) = phrase {
                if !told.phrases.iter().any(|(p, _)| *p == phrase) {
                    told.phrases.push((phrase, cue));
                }
            }
        }
        // A verb said of somebody by name ("delivers Melanie", "saves Ashley"): how a
        // page retells the deed, even with a verb of everyday English, though not one
        // that narrates every plot ("tells Grant", "asked Scarlett"). Only an `-s` or
        // `-ed` form that no determiner makes a noun, next to the name as written.
        for i in range.start..range.end.saturating_sub(1) {
            let Some(e) = self.entity[i + 1] else {
                continue;
            };
            let token = &self.tokens[i];
            let verb = self.content[i]
                && !in_cue(i)
                && self.commonness[i] < EVERYDAY_VERB_ZIPF
                && !self.tokens[i + 1].after_break
                && self.entities[e].is_person()
                && (token.lower.ends_with('s') && !token.lower.ends_with("ss")
                    || token.lower.ends_with("ed"))
                && !self.noun_like(i, &range);
            let phrase = i..i + 2;
            if verb && !told.phrases.iter().any(|(p, _)| *p == phrase) {
                told.phrases.push((phrase, false));
            }
        }
        // What befalls somebody, told in a passive with its agent ("she was hit by a
        // speeding car", "is destroyed by bombers"): words too everyday to be drafted
        // one by one, and how pages retell it ("hit by a car").
        for by in range.clone() {
            told.passives.extend(self.passive_agent(by, &range));
        }
        told
    }

    /// The wordings of a passive whose "by" is token `by`: the participle, "by" and
    /// the agent up to its head ("hit by a speeding car"), and, when the agent has a
    /// word describing its head, the same without it ("hit by a car"). Empty when `by`
    /// is no agent's.
    fn passive_agent(&self, by: usize, sentence: &Range<usize>) -> Vec<Vec<usize>> {
        let is = |i: usize, words: &[&str]| words.contains(&self.tokens[i].lower.as_str());
        let word = |i: usize| {
            !self.tokens[i].after_break && self.tokens[i].text.chars().all(char::is_alphabetic)
        };
        if by < sentence.start + 2 || self.tokens[by].lower != "by" || !word(by) {
            return Vec::new();
        }
        let participle = by - 1;
        let lower = self.tokens[participle].lower.as_str();
        let passive = word(participle)
            && !self.name[participle]
            && lower.len() >= 3
            && (lower.ends_with("ed")
                || lower.ends_with("en")
                || is(participle, IRREGULAR_PARTICIPLES))
            && is(participle - 1, PASSIVE_AUXILIARIES);
        if !passive {
            return Vec::new();
        }
        let mut head = by + 1;
        let determiner =
            (head < sentence.end && word(head) && is(head, DETERMINERS)).then_some(head);
        if determiner.is_some() {
            head += 1;
        }
        // The agent ends where its clause or a preposition does; one that runs on past
        // a few words has no head we can tell ("by a newly hired …").
        let agent: Vec<usize> = (head..sentence.end)
            .take_while(|&i| {
                word(i) && !is(i, CLAUSE_WORDS) && !is(i, PREPOSITIONS) && !is(i, DETERMINERS)
            })
            .take(MAX_AGENT_WORDS + 1)
            .collect();
        // A name is the agent whole ("by Mr Briggs"), never a word of a longer one ("by
        // Bertha some months before").
        let names = agent.iter().filter(|&&i| self.name[i]).count();
        let (Some(&last), true) = (
            agent.last(),
            agent.len() <= MAX_AGENT_WORDS && (names == 0 || names == agent.len()),
        ) else {
            return Vec::new();
        };
        let lead = [participle, by].into_iter().chain(determiner);
        let mut wordings = vec![lead
            .clone()
            .chain(agent.iter().copied())
            .collect::<Vec<_>>()];
        if agent.len() > 1 && names == 0 {
            wordings.push(lead.chain([last]).collect());
        }
        wordings.retain(|w| {
            w.iter().map(|&i| self.stems[i].len()).sum::<usize>() <= MAX_PREDICATE_WORDS
        });
        wordings
    }

    /// The predicate `span` with the word it is said of: the first content word or name
    /// after it in its clause, at most [`PHRASE_REACH`] words on ("kills the puppy",
    /// "crushes Curley"), or else the nearest before it ("accidentally kills"). `None`
    /// when its clause has neither, or the phrase would be too long to match.
    fn phrase_around(&self, span: Range<usize>, sentence: &Range<usize>) -> Option<Range<usize>> {
        let said_of = |i: usize| self.name[i] || self.content[i];
        let opens_clause = |i: usize| CLAUSE_WORDS.contains(&self.tokens[i].lower.as_str());
        let after = (span.end..sentence.end)
            .take(PHRASE_REACH + 1)
            .take_while(|&j| !self.tokens[j].after_break && !opens_clause(j))
            .find(|&j| said_of(j))
            .map(|j| span.start..self.name_span(j).end);
        let before = || {
            (sentence.start..span.start)
                .rev()
                .take(PHRASE_REACH + 1)
                .take_while(|&j| !self.tokens[j + 1].after_break && !opens_clause(j))
                .find(|&j| said_of(j))
                .map(|j| self.name_span(j).start..span.end)
        };
        after.or_else(before).filter(|phrase| {
            phrase.len() <= MAX_PHRASE_TOKENS
                && phrase.clone().map(|i| self.stems[i].len()).sum::<usize>() <= MAX_PREDICATE_WORDS
        })
    }

    /// `span` with the words after it in its clause, up to [`MAX_PHRASE_TOKENS`] tokens
    /// in all; `None` when nothing follows it there.
    fn clause_after(&self, span: Range<usize>, sentence: &Range<usize>) -> Option<Range<usize>> {
        let end = (span.end..sentence.end)
            .take(MAX_PHRASE_TOKENS.saturating_sub(span.len()))
            .take_while(|&j| {
                !self.tokens[j].after_break
                    && !CLAUSE_WORDS.contains(&self.tokens[j].lower.as_str())
            })
            .last()?;
        let phrase = span.start..end + 1;
        (phrase.clone().map(|i| self.stems[i].len()).sum::<usize>() <= MAX_PREDICATE_WORDS)
            .then_some(phrase)
    }

    /// Whether token `i` is a noun by the words before it: a determiner or a possessive
    /// name just before it, or before the one word describing it ("an old swamper").
    fn noun_like(&self, i: usize, sentence: &Range<usize>) -> bool {
        let determines = |j: usize| determines(&self.tokens[j]);
        let before = |j: usize| (j > sentence.start && !self.tokens[j].after_break).then(|| j - 1);
        match before(i) {
            Some(j) if determines(j) => true,
            Some(j) if self.content[j] => before(j).is_some_and(determines),
            _ => false,
        }
    }

    /// The whole name token `i` is part of ("Hercule Poirot" for "Poirot"), or `i` alone.
    fn name_span(&self, i: usize) -> Range<usize> {
        let Some(e) = self.entity[i] else {
            return i..i + 1;
        };
        let same = |k: &usize| self.entity[*k] == Some(e);
        let mut start = i;
        while start > 0 && same(&(start - 1)) && !self.tokens[start].after_break {
            start -= 1;
        }
        let end = (i + 1..self.tokens.len())
            .take_while(|k| same(k) && !self.tokens[*k].after_break)
            .last()
            .map_or(i + 1, |k| k + 1);
        start..end
    }

    /// The wordings of what `told` says, best first, at most [`MAX_WORDINGS`]: for an
    /// `event`, its predicate phrases, cues, runs and distinctive words, leaving out
    /// those the opening uses (`premise_stems`); for a premise item, the same without a
    /// lone cue: a cue only in its phrase ("dies of consumption"), which restates this
    /// premise and nothing else.
    fn wordings(&self, told: &Told, event: bool, premise_stems: &HashSet<&str>) -> Vec<String> {
        let cue_phrases = told
            .phrases
            .iter()
            .filter(|(_, cue)| *cue)
            .map(|(p, _)| p.clone());
        let phrases = told
            .phrases
            .iter()
            .filter(|(_, cue)| !cue)
            .map(|(p, _)| p.clone());
        let cues = told.cues.iter().filter(|_| event).cloned();
        let runs = told
            .runs
            .iter()
            .filter(|(_, cue)| event || !cue)
            .map(|(run, _)| run.clone());
        // A manner adverb alone ("deeply", "badly", "repeatedly") says how, not what
        // happens: it may stand in a phrase, never as a wording of its own.
        let singles = told
            .distinctive
            .iter()
            .filter(|&&i| !self.adverb[i])
            .map(|&i| i..i + 1);
        // Few per sentence: a list, not a set (each set type weighs in the Wasm module).
        let mut seen: Vec<Vec<&str>> = Vec::new();
        let mut wordings = Vec::new();
        // A passive's wordings come on top of the others: they retell the deed in other
        // words than the ones they would push out of the cap.
        let spans = cue_phrases
            .chain(phrases)
            .chain(cues)
            .chain(runs)
            .chain(singles)
            .map(|span| (span.collect::<Vec<_>>(), true))
            .chain(told.passives.iter().map(|span| (span.clone(), false)));
        let mut capped = 0;
        for (span, counts) in spans {
            if counts && capped == MAX_WORDINGS {
                continue;
            }
            let stems: Vec<&str> = span
                .iter()
                .flat_map(|&i| self.stems[i].iter().map(String::as_str))
                .collect();
            if stems.is_empty()
                || stems.iter().all(|s| premise_stems.contains(s))
                || seen.contains(&stems)
            {
                continue;
            }
            seen.push(stems);
            let wording: Vec<&str> = span
                .iter()
                .map(|&i| self.tokens[i].lower.as_str())
                .collect();
            wordings.push(wording.join(" "));
            capped += usize::from(counts);
        }
        // A death is told in more words than the summary's ("Hammond and Malcolm don't
        // make it", "declared dead"): an event whose cue is one gets them too.
        let death = event
            && told.cues.iter().any(|cue| {
                cue.clone()
                    .any(|i| DEATH_WORDS.contains(&self.tokens[i].lower.as_str()))
            });
        if death {
            for paraphrase in DEATH_PARAPHRASES {
                if !wordings.iter().any(|w| w == paraphrase) {
                    wordings.push(paraphrase.to_string());
                }
            }
        }
        wordings
    }

    /// The entities `sentence` names other than as an owner ("Melanie's deathbed"), in
    /// order of mention: those that may be what a pronoun after it stands for.
    fn doers<'r>(&'r self, sentence: &Sentence) -> impl Iterator<Item = usize> + 'r {
        let range = sentence.tokens.clone();
        range.clone().filter_map(move |i| {
            let e = self.entity[i]?;
            let starts = i == range.start || self.entity[i - 1] != Some(e);
            let last = (i + 1..range.end)
                .take_while(|&k| self.entity[k] == Some(e) && !self.tokens[k].after_break)
                .last()
                .unwrap_or(i);
            let token = &self.tokens[last];
            let end = token.start + token.text.len();
            let owner = self
                .summary
                .get(end..)
                .is_some_and(|rest| rest.starts_with("'s") || rest.starts_with("’s"));
            (starts && !owner).then_some(e)
        })
    }

    /// The sentence as `says`: its text on one line, cut at a word when long.
    fn says(&self, sentence: &Sentence) -> String {
        let text = self
            .summary
            .get(sentence.start..sentence.end)
            .unwrap_or_default();
        let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if one_line.len() <= MAX_SAYS_BYTES {
            return one_line;
        }
        let mut cut = MAX_SAYS_BYTES;
        while !one_line.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = &one_line[..cut];
        let head = head.rsplit_once(' ').map_or(head, |(words, _)| words);
        format!("{}…", head.trim_end_matches([',', ';', ':']))
    }
}

/// The regular forms a stem may be the stem of (`src/text.rs`, `stem`): the stem with
/// `-s`, `-es`, `-ed`, `-d`, `-ing`, a final `-e` given back, a doubled last consonant, and
/// `-ies`, `-ied` for a `-y`. Some are no word; the caller keeps those listed that stem back.
fn inflections(stem: &str) -> impl Iterator<Item = String> + '_ {
    let doubled = stem.chars().last().map(|c| format!("{stem}{c}"));
    let y_base = stem.strip_suffix('y');
    ["", "e", "s", "es", "ed", "d", "ing"]
        .into_iter()
        .map(move |suffix| format!("{stem}{suffix}"))
        .chain(
            doubled
                .into_iter()
                .flat_map(|d| [format!("{d}ed"), format!("{d}ing")]),
        )
        .chain(
            y_base
                .into_iter()
                .flat_map(|b| [format!("{b}ies"), format!("{b}ied")]),
        )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::shield::EntityKind;

    fn person(name: &str, aliases: &[&str]) -> Entity {
        Entity {
            name: name.to_string(),
            kind: EntityKind::Character,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            common: false,
            premise: false,
            role_of: None,
        }
    }

    const SUMMARY: &str = "Orla Finch, a beekeeper's daughter, tends the hives on Harrow Moor \
        with her grandfather Silas. Every spring the swarms leave the moor and the village \
        blames the weather. Orla finds a ledger hidden under the smokehouse floor. It shows \
        that Silas sold the queens to a rival keeper in the next valley. The rival, Edmund \
        Vane, poisons the heather so that the Finch hives starve. In the last winter Silas \
        dies of the fever, and Orla burns the ledger and leaves Harrow Moor for good.";

    fn entities() -> Vec<Entity> {
        let mut moor = person("Harrow Moor", &[]);
        moor.kind = EntityKind::Place;
        vec![
            person("Orla Finch", &["Orla"]),
            person("Silas", &[]),
            person("Edmund Vane", &[]),
            moor,
        ]
    }

    fn plot() -> Plot {
        plot_of(SUMMARY)
    }

    /// The plot drafted from `summary` with [`entities`], for a book whose title and
    /// author are single letters that no summary word is.
    fn plot_of_untitled(summary: &str) -> Plot {
        draft(
            summary,
            "T",
            "A",
            &entities(),
            &[],
            WordFrequencies::english(),
        )
    }

    /// The plot drafted from `summary` with [`entities`].
    fn plot_of(summary: &str) -> Plot {
        draft(
            summary,
            "The Ledger",
            "A. Writer",
            &entities(),
            &[],
            WordFrequencies::english(),
        )
    }

    /// Every wording of `items` (events' or premise items'), in order.
    fn all_words<'p>(items: impl IntoIterator<Item = &'p Vec<String>>) -> Vec<&'p str> {
        items.into_iter().flatten().map(String::as_str).collect()
    }

    #[test]
    fn a_late_death_is_an_event_of_the_one_who_dies_where_it_comes() {
        let plot = plot();
        let death = plot
            .events
            .iter()
            .find(|e| e.says.starts_with("In the last winter"))
            .unwrap_or_else(|| panic!("the death is an event: {:#?}", plot.events));
        assert!(death.who.contains(&"Silas".to_string()), "{death:?}");
        assert!(death.words.iter().any(|w| w == "dies"), "{death:?}");
        for plain in ["don't make it", "dead", "killed", "death"] {
            assert!(death.words.iter().any(|w| w == plain), "{plain}: {death:?}");
        }
        let at = SUMMARY.find("In the last winter").unwrap() as f32 / SUMMARY.len() as f32;
        assert!(
            (death.percent - 100.0 * at).abs() <= 1.0,
            "{death:?} at {at}"
        );
        assert_eq!(
            death.at,
            format!("about {}% into the summary", death.percent)
        );
        // Every wording is a short predicate, at most eight and a death's paraphrases.
        for event in &plot.events {
            let most = MAX_WORDINGS + DEATH_PARAPHRASES.len();
            assert!((1..=most).contains(&event.words.len()), "{event:?}");
        }
    }

    #[test]
    fn the_opening_is_the_premise_and_its_words_no_events() {
        let plot = plot();
        let [opening] = &plot.premise[..] else {
            panic!("one opening sentence: {:#?}", plot.premise)
        };
        assert!(
            opening.says.starts_with("Orla Finch, a beekeeper"),
            "{opening:?}"
        );
        assert_eq!(opening.who, ["Orla Finch", "Harrow Moor", "Silas"]);
        assert!(
            opening.words.iter().any(|w| w.contains("hives")),
            "{opening:?}"
        );
        // The opening is not an event too.
        assert!(plot
            .events
            .iter()
            .all(|e| !e.says.starts_with("Orla Finch, a")));
        // Its words are no event's wording on their own: "hives" is the set-up ("hives
        // starve", which says more, may be one).
        for event in &plot.events {
            assert!(!event.words.iter().any(|w| w == "hives"), "{event:?}");
        }
    }

    #[test]
    fn premise_holds_a_cue_only_inside_its_phrase() {
        let summary = "Mara Quist is dead when the story opens, drowned off the headland. \
            Her widower Anselm Quist keeps the lighthouse alone. "
            .to_string()
            + &"Anselm Quist trims the wicks and the gulls cry over the rocks. ".repeat(10);
        let entities = [
            person("Mara Quist", &["Mara"]),
            person("Anselm Quist", &["Anselm"]),
        ];
        let plot = draft(
            &summary,
            "T",
            "A",
            &entities,
            &[],
            WordFrequencies::english(),
        );
        let normalizer = Normalizer::new();
        let cues: Vec<String> = catalog::cues()
            .unwrap()
            .cues
            .iter()
            .filter_map(|c| normalizer.pattern(&c.phrase))
            .collect();
        let words: Vec<&String> = plot.premise.iter().flat_map(|p| &p.words).collect();
        // A lone cue ("dead", "drowned") would cancel that cue of these people for the
        // whole book; said with what it is about, it restates this premise only.
        for word in &words {
            let pattern = normalizer.pattern(word).unwrap();
            assert!(!cues.contains(&pattern), "{word:?} in {plot:#?}");
        }
        assert!(
            words.iter().any(|w| *w == "drowned off the headland"),
            "{words:?}"
        );
    }

    #[test]
    fn a_sentence_opening_with_a_pronoun_tells_of_the_one_named_before() {
        let summary = "Orla Finch tends the hives on Harrow Moor with her grandfather Silas. \
            The swarms leave every spring and the village blames the weather. Years pass. \
            Silas walks out onto the moor in the snow to look for the last swarm. He is \
            stung to death by the bees of Edmund Vane.";
        let plot = plot_of(summary);
        let stung = plot
            .events
            .iter()
            .find(|e| e.says.starts_with("He is stung"))
            .unwrap_or_else(|| panic!("an event: {:#?}", plot.events));
        assert_eq!(stung.who, ["Silas", "Edmund Vane"], "{stung:?}");
    }

    #[test]
    fn an_everyday_verb_said_of_a_name_is_a_wording_but_not_one_that_narrates() {
        let summary = "Orla Finch tends the hives on Harrow Moor with her grandfather Silas. \
            The swarms leave every spring and the village blames the weather. Years pass. \
            In the flood Orla saves Silas from the river. Later Edmund Vane tells Orla about \
            the queens.";
        let plot = plot_of(summary);
        let words = all_words(plot.events.iter().map(|e| &e.words));
        assert!(words.contains(&"saves silas"), "{:#?}", plot.events);
        assert!(!words.contains(&"tells orla"), "{:#?}", plot.events);
        assert!(
            !words.iter().any(|w| w.contains("later")),
            "{:#?}",
            plot.events
        );
    }

    #[test]
    fn a_premise_cue_with_no_word_near_it_is_phrased_with_its_clause() {
        let summary = "Orla Finch tends the hives on Harrow Moor. She is secretly in love \
            with Edmund Vane, the keeper of the next valley. The swarms leave every spring \
            and the village blames the weather, and the hives starve through a long winter \
            while the whole moor waits for the thaw to come.";
        let plot = plot_of(summary);
        let words = all_words(plot.premise.iter().map(|p| &p.words));
        assert!(
            words.contains(&"is secretly in love with"),
            "{:#?}",
            plot.premise
        );
        assert!(
            !words.contains(&"is secretly"),
            "never the cue alone: {:#?}",
            plot.premise
        );
    }

    #[test]
    fn a_manner_adverb_is_no_wording_on_its_own() {
        let plot = plot_of(
            "Orla Finch keeps bees on Harrow Moor with her uncle Silas, who sells the \
             honey in town and drinks the money. The hives fail one cold spring and the \
             bees die off. Orla Finch mourns deeply and repeatedly, and Silas, \
             accidentally, sets the barn alight. Orla Finch marries Edmund Vane at the \
             chapel and leaves the moor.",
        );
        let words = all_words(plot.events.iter().map(|e| &e.words));
        for adverb in ["deeply", "repeatedly", "accidentally"] {
            assert!(!words.contains(&adverb), "{adverb} in {words:?}");
        }
    }

    #[test]
    fn who_somebody_is_is_no_event_wording() {
        let plot = plot_of(
            "Orla Finch keeps bees on Harrow Moor with her uncle Silas, who sells the \
             honey in town and drinks the money. The hives fail one cold spring and the \
             bees die off. Orla Finch meets Edmund Vane, a taciturn clockmaker with a \
             crooked lantern, and the bristling apothecary Silas; they talk of bees. \
             Edmund Vane poisons the heather, and Silas hides the smokehouse ledger.",
        );
        let words = all_words(plot.events.iter().map(|e| &e.words));
        // Beside a name, after it or before it, these say who they are.
        for description in [
            "taciturn",
            "clockmaker",
            "crooked lantern",
            "bristling",
            "apothecary",
        ] {
            assert!(
                !words.iter().any(|w| w.contains(description)),
                "{description} in {words:?}"
            );
        }
        // What they do still is an event.
        assert!(words.contains(&"poisons the heather"), "{words:?}");
        assert!(words.iter().any(|w| w.contains("smokehouse")), "{words:?}");
    }

    #[test]
    fn a_noun_before_a_name_that_goes_on_is_no_description() {
        // "the puppy Slim gave him": the name opens a clause of its own.
        assert_eq!(
            described_words("Orla burns the ledger Silas kept, and the apothecary Silas."),
            ["apothecary"]
        );
    }

    #[test]
    fn another_persons_name_can_determine_a_description() {
        // "Ackroyd's stepson Ralph Paton": the owner's name, not an article, before it.
        assert_eq!(
            described_words("Suspicion falls on Orla's cousin Silas; Orla burns the ledger."),
            ["cousin"]
        );
        // A plural owner too ("the Greenleafs' son").
        assert_eq!(
            described_words("Suspicion falls on the Finches' cousin Silas; Orla burns it."),
            ["cousin"]
        );
    }

    #[test]
    fn a_relative_clause_at_a_first_mention_early_on_is_a_description() {
        // Not Silas's second mention, nor Edmund's first, in the second half.
        assert_eq!(
            described_words(
                "Orla keeps bees. Silas, who grows vegetable marrows, calls. Later Silas, \
                 who hides the ledger, leaves. The hives fail and the heather dies. \
                 Edmund, who poisons the heather, flees."
            ),
            ["grows", "vegetable", "marrows"]
        );
    }

    /// The words of `text` that [`descriptions`] marks, its people's first names being
    /// those of [`entities`].
    fn described_words(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let entities = entities();
        let entity: Vec<Option<usize>> = tokens
            .iter()
            .map(|t| match t.lower.as_str() {
                "orla" => Some(0),
                "silas" => Some(1),
                "edmund" => Some(2),
                _ => None,
            })
            .collect();
        let described = descriptions(text, &tokens, &entity, &|e| entities[e].is_person());
        tokens
            .iter()
            .zip(&described)
            .filter(|(_, d)| **d)
            .map(|(t, _)| t.lower.clone())
            .collect()
    }

    #[test]
    fn a_pronoun_stands_for_the_doer_not_an_owner() {
        let plot = plot_of(
            "Orla Finch keeps bees on Harrow Moor with her uncle Silas, who sells the \
             honey in town and drinks the money. The hives fail one cold spring and the \
             bees die off. At Silas's bedside Orla Finch finds the smokehouse ledger. \
             She burns the ledger and poisons the heather.",
        );
        let event = plot
            .events
            .iter()
            .find(|e| e.says.starts_with("She burns"))
            .expect("an event of the burning");
        assert_eq!(event.who, ["Orla Finch"], "{event:?}");
    }

    #[test]
    fn an_opening_possessive_pronoun_stands_for_the_person_before() {
        let plot = plot_of(
            "Orla Finch keeps bees on Harrow Moor with her uncle Silas, who sells the \
             honey in town and drinks the money. The hives fail one cold spring and the \
             bees die off. Edmund Vane buys the moor at auction. His hired men poison \
             the heather and the hives starve.",
        );
        let event = plot
            .events
            .iter()
            .find(|e| e.says.starts_with("His hired men"))
            .expect("an event of the poisoning");
        assert_eq!(event.who, ["Edmund Vane"], "{event:?}");
    }

    #[test]
    fn a_sentence_naming_no_entity_is_no_event() {
        let plot = plot();
        // "the swarms leave the moor" has a distinctive word but names nobody.
        assert!(
            plot.events
                .iter()
                .all(|e| !e.says.starts_with("Every spring")),
            "{:#?}",
            plot.events
        );
        // Every event names a drafted entity, exactly as `entities` spells it.
        let names: Vec<String> = entities().into_iter().map(|e| e.name).collect();
        for event in &plot.events {
            assert!(!event.who.is_empty() && event.who.iter().all(|w| names.contains(w)));
        }
    }

    #[test]
    fn predicates_are_phrased_with_what_they_are_said_of() {
        let summary = "Orla Finch keeps bees on Harrow Moor with Silas. \
            The winters are long and the hives are poor. \
            Orla meets the beekeeper Edmund Vane at the fair. \
            In the spring Orla smothers Edmund Vane in the apiary.";
        let plot = plot_of_untitled(summary);
        let words: Vec<&String> = plot.events.iter().flat_map(|e| &e.words).collect();
        // A cue with whom it is said of ("smothers Edmund Vane").
        assert!(
            words.iter().any(|w| *w == "smothers edmund vane"),
            "{words:?}"
        );
        // A noun beside a name describes ("the beekeeper Edmund Vane"): no phrase.
        assert!(
            !words.iter().any(|w| w.starts_with("beekeeper ")),
            "{words:?}"
        );
        assert!(words.iter().any(|w| *w == "beekeeper"), "{words:?}");
    }

    #[test]
    fn a_passive_is_worded_with_its_agent_with_and_without_what_describes_it() {
        let summary = "Orla Finch keeps bees on Harrow Moor with Silas. \
            The winters are long and the hives are poor. \
            Orla meets Edmund Vane at the fair. \
            In the spring Silas is hit by a speeding cart, and Orla is questioned by Edmund Vane. \
            Edmund Vane was standing by the gate when Orla was received by a newly hired hand.";
        let plot = plot_of_untitled(summary);
        let words: Vec<&String> = plot.events.iter().flat_map(|e| &e.words).collect();
        // Everyday words, a page's way of telling it: "hit by a cart".
        for wording in [
            "hit by a speeding cart",
            "hit by a cart",
            "questioned by edmund vane",
        ] {
            assert!(words.iter().any(|w| *w == wording), "{wording}: {words:?}");
        }
        // A name is the agent whole; a progressive is no passive; an agent of more
        // words than it can be told by has no head ("a hand", not "a hired").
        for wording in [
            "questioned by vane",
            "standing by gate",
            "received by a hired",
        ] {
            assert!(!words.iter().any(|w| *w == wording), "{wording}: {words:?}");
        }
    }

    #[test]
    fn events_are_capped_and_in_story_order() {
        // A made-up word for each sentence ("glimab"): unlisted, so distinctive.
        let sentence = |n: usize| {
            let letter = |k: usize| char::from(b'a' + (k % 26) as u8);
            format!("Orla Finch finds the glim{}{}. ", letter(n / 26), letter(n))
        };
        let summary: String = (0..120).map(sentence).collect();
        let plot = plot_of_untitled(&summary);
        assert_eq!(plot.events.len(), DRAFTED_EVENTS);
        assert!(plot.events.windows(2).all(|w| w[0].percent <= w[1].percent));
        assert_eq!(plot.schema(), EVENTS_SCHEMA);
        assert_eq!(Plot::default().schema(), SCHEMA_VERSION);
    }

    #[test]
    fn long_sentences_are_cut_at_a_word() {
        let long = "Orla Finch ".to_string()
            + &"smuggles brandy past the excise men and ".repeat(12)
            + "hides.";
        let summary = format!("Orla Finch keeps bees. {long}");
        let plot = plot_of_untitled(&summary);
        let says = plot
            .premise
            .iter()
            .map(|p| &p.says)
            .chain(plot.events.iter().map(|e| &e.says))
            .find(|says| says.starts_with("Orla Finch smuggles"))
            .unwrap_or_else(|| panic!("the long sentence is drafted: {plot:#?}"));
        assert!(says.len() <= MAX_SAYS_BYTES + '…'.len_utf8(), "{says}");
        // Cut after a whole word of the sentence.
        let head = says.strip_suffix('…').unwrap_or_else(|| panic!("{says}"));
        assert!(
            long.starts_with(head) && long[head.len()..].starts_with(' '),
            "{says}"
        );
    }
}
