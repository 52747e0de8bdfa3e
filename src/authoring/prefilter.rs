//! Keys for the content script's first question, asked before the core is loaded:
//! could this text hold anything of a tracked book at all?
//!
//! Every pattern the matcher compiles for a book (its title, author, surname, aliases,
//! entity names and spoiler terms) matches only where all of its words stand in the
//! text, and a block can only be blurred on such matches. So a text in which one
//! chosen word of each pattern occurs nowhere cannot hold any of the book's evidence,
//! and a page that names none of the book's names cannot be about it. One word per
//! pattern is enough: the one whose keys English text starts a word with least often,
//! by the word-frequency list the drafter uses ([`KeyChooser`]), so that "the end of the
//! war" is looked for as "war", not as "end".
//!
//! Page text is never stemmed in JavaScript. A [`BookKeys`] key is a word, in raw text
//! folded to lower-case ASCII, that every word which normalises to the chosen stem is,
//! followed by one of the endings the stemmer strips ([`SUFFIXES`]; [`raw_prefixes`]
//! knows its few rewrites), so the test is one case-insensitive regular expression of
//! keys and endings between word boundaries over the folded text
//! (`extension/content/prefilter.js`). The test may say yes where the core finds
//! nothing ("hopes" is "hop" + "es" as well as "hope" + "s"), never the reverse; the
//! unit test `tests/unit/prefilter.test.mjs` holds it to that on every corpus we have.

use std::collections::{BTreeMap, HashMap};

use super::summary::WordFrequencies;
use crate::matcher::{book_data, entity_pattern, is_role, surname};
use crate::score::{COMMON_ENTITY_WEIGHT, ENTITY_WEIGHT, NAME_WEIGHT, SURNAME_WEIGHT};
use crate::shield::{CueLexicon, Shield};
use crate::text::Normalizer;

/// The endings the stemmer strips (`text::stem`), as `extension/content/prefilter.js`
/// looks for them after a key: a word that normalises to a stem is one of the stem's
/// keys followed by one of these, or by a doubled last consonant and "ed" or "ing"
/// ("stopped").
pub const SUFFIXES: &[&str] = &[
    "", "e", "s", "es", "d", "ed", "eed", "ing", "eing", "ies", "ied",
];

/// The prefilter keys of one book, in raw text folded to lower-case ASCII, with what
/// each key's word may stand for, so that the content script can bound from above what
/// the core could make of a text: how much it tells of what a page is about, and how
/// much spoiler evidence a block holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BookKeys {
    /// Every key, sorted.
    pub keys: Vec<KeyRoles>,
    /// The names of more than one word: each counts for its signal only where all of its
    /// words stand.
    pub names: Vec<NameKeys>,
    /// The page-context weight of each signal a key may stand for ([`Signal`]): each
    /// counts once per page, and a page is about the book from the sensitivity's
    /// context threshold on.
    pub signals: Vec<f32>,
    /// The weight of each spoiler term.
    pub terms: Vec<f32>,
}

/// The page-context signals of a book, as [`BookKeys::signals`] indexes them: the title,
/// the author, the surname, any alias (together one signal, as in the scorer), then
/// each entity.
pub enum Signal {}

impl Signal {
    /// The title.
    pub const TITLE: u16 = 0;
    /// The author's full name.
    pub const AUTHOR: u16 = 1;
    /// The author's surname alone.
    pub const SURNAME: u16 = 2;
    /// Any other name of the book.
    pub const ALIAS: u16 = 3;
    /// The first entity; entity `e` is `ENTITY + e`.
    pub const ENTITY: u16 = 4;
}

/// A name of more than one word ("Kathy H.", "Never Let Me Go"): the keys of each of
/// its words, all of which a text must hold for the name to count.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameKeys {
    /// The signal it stands for.
    pub signal: u16,
    /// For each word, its keys.
    pub words: Vec<Vec<String>>,
}

/// What the word a key finds may stand for in a book.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyRoles {
    /// The key.
    pub key: String,
    /// Signals (indices into [`BookKeys::signals`]) whose name holds the word.
    pub signals: Vec<u16>,
    /// Terms (indices into [`BookKeys::terms`]) whose chosen word it is.
    pub terms: Vec<u32>,
    /// It may be the name of a character that anchors a generic cue ("Snape … kills").
    pub anchor: bool,
    /// It may be the chosen word of a generic cue.
    pub cue: bool,
    /// It may be the chosen word of an event's predicate wording: with a participant, or
    /// a pronoun that stands for one (perhaps from the block before), it is evidence, so
    /// a block holding it is a candidate on its own.
    pub event: bool,
}

/// Why a book cannot be prefiltered: a chosen word is not plain ASCII letters and
/// digits once folded (a name in Chinese, say), and JavaScript would split the page's
/// text into words differently. Such a book makes every block a candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotPrefilterable {
    /// The phrase whose chosen word cannot be a key.
    pub phrase: String,
}

impl std::fmt::Display for NotPrefilterable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the phrase {} has no word of ASCII letters and digits to look for before the core runs",
            crate::quoted::Quoted(&self.phrase)
        )
    }
}

/// The use given to a word with a digit: that of a word of Zipf 7 ("in", "is").
const NUMBER_USE: f64 = 1e7;

/// Chooses, of a pattern's words, the one to look for: the word whose keys and endings
/// are the least used words of English text.
pub struct KeyChooser {
    /// How much English uses each listed word (10^zipf), compared as page text is,
    /// without apostrophes ("don't" is looked for as "dont").
    use_by_word: HashMap<String, f64>,
}

impl KeyChooser {
    /// A chooser for English, as `frequencies` has it.
    pub fn new(frequencies: &WordFrequencies) -> KeyChooser {
        let mut use_by_word = HashMap::with_capacity(frequencies.len());
        for (word, zipf) in frequencies.iter() {
            *use_by_word
                .entry(word.replace(['\'', '\u{2019}'], ""))
                .or_insert(0.0) += 10f64.powf(f64::from(zipf));
        }
        KeyChooser { use_by_word }
    }

    /// How much English text the keys of `stem` would find: the use of every listed word
    /// that is one of them and an ending.
    fn use_of(&self, stem: &str) -> f64 {
        // The list has no numbers, yet "12" is a word of every other sports report: a
        // number is looked for only where a phrase has no other word.
        if stem.bytes().any(|b| b.is_ascii_digit()) {
            return NUMBER_USE;
        }
        let mut total = 0.0;
        for key in raw_prefixes(stem) {
            for suffix in SUFFIXES {
                total += self
                    .use_by_word
                    .get(&format!("{key}{suffix}"))
                    .copied()
                    .unwrap_or(0.0);
            }
        }
        total
    }

    /// The word of `pattern` (stems separated by spaces) to look for.
    fn choose<'p>(&self, pattern: &'p str) -> Option<&'p str> {
        pattern.split_ascii_whitespace().min_by(|a, b| {
            self.use_of(a)
                .total_cmp(&self.use_of(b))
                .then(b.len().cmp(&a.len()))
        })
    }
}

/// The prefilter keys of a shield, with the shared cues beside its own phrases.
pub fn book_keys(
    shield: &Shield,
    cues: &CueLexicon,
    chooser: &KeyChooser,
) -> Result<BookKeys, NotPrefilterable> {
    let data = book_data(shield);
    let mut roles: BTreeMap<String, KeyRoles> = BTreeMap::new();
    let mut add = |keys: Vec<String>, role: &dyn Fn(&mut KeyRoles)| {
        for key in keys {
            let entry = roles.entry(key.clone()).or_insert_with(|| KeyRoles {
                key,
                ..KeyRoles::default()
            });
            role(entry);
        }
    };
    // A name of one word counts for its signal wherever its key stands; a name of more
    // words only where every one of its words does (`names`), or "Never Let Me Go" would
    // make every page that says "never" about the book. Its rarest word still finds it as
    // a cue's anchor.
    let mut names = Vec::new();
    let mut name = |phrase: &str,
                    signal: u16,
                    anchor: bool,
                    pattern: Pattern|
     -> Result<(), NotPrefilterable> {
        let words = name_words(phrase, pattern)?;
        match words.len() {
            0 => {}
            1 => add(raw_prefixes(&words[0]), &|r: &mut KeyRoles| {
                push_unique(&mut r.signals, signal);
                r.anchor |= anchor;
            }),
            _ => {
                if anchor {
                    add(phrase_keys(chooser, phrase)?, &|r: &mut KeyRoles| {
                        r.anchor = true
                    });
                }
                let words: Vec<Vec<String>> = words.iter().map(|w| raw_prefixes(w)).collect();
                for keys in &words {
                    add(keys.clone(), &|_: &mut KeyRoles| {});
                }
                names.push(NameKeys { signal, words });
            }
        }
        Ok(())
    };
    // The title, the author and the book's aliases are matched as titles, a role's names
    // as roles and other entities' names as phrases, as the matcher does.
    let title = &Normalizer::title_pattern;
    name(&shield.title, Signal::TITLE, false, title)?;
    name(&shield.author, Signal::AUTHOR, false, title)?;
    if let Some(surname) = surname(&shield.author) {
        name(surname, Signal::SURNAME, false, title)?;
    }
    for alias in &shield.aliases {
        name(alias, Signal::ALIAS, false, title)?;
    }
    for (e, entity) in shield.entities.iter().enumerate() {
        let anchors = data.entities[e].anchors_cues;
        let role = is_role(entity);
        let pattern = &|n: &Normalizer, name: &str| entity_pattern(n, name, role);
        for alias in std::iter::once(&entity.name).chain(&entity.aliases) {
            name(alias, Signal::ENTITY + e as u16, anchors, pattern)?;
        }
    }
    for (t, term) in shield.terms.iter().enumerate() {
        let role = |r: &mut KeyRoles| push_unique(&mut r.terms, t as u32);
        for phrase in std::iter::once(&term.phrase).chain(&term.also) {
            add(phrase_keys(chooser, phrase)?, &role);
        }
    }
    for cue in &cues.cues {
        add(phrase_keys(chooser, &cue.phrase)?, &|r: &mut KeyRoles| {
            r.cue = true
        });
    }
    for word in shield.events.iter().flat_map(|e| &e.words) {
        add(phrase_keys(chooser, word)?, &|r: &mut KeyRoles| {
            r.event = true
        });
    }
    // A premise wording is only ever a reason not to blur, but the core still counts it
    // as something of the book in the text.
    for word in shield.premise.iter().flat_map(|p| &p.words) {
        add(phrase_keys(chooser, word)?, &|_: &mut KeyRoles| {});
    }
    let mut signals = vec![data.title_weight, NAME_WEIGHT, SURNAME_WEIGHT, NAME_WEIGHT];
    signals.extend(data.entities.iter().map(|e| {
        if e.common {
            COMMON_ENTITY_WEIGHT
        } else {
            ENTITY_WEIGHT
        }
    }));
    Ok(BookKeys {
        keys: roles.into_values().collect(),
        names,
        signals,
        terms: data.terms.iter().map(|t| t.weight).collect(),
    })
}

/// How the matcher makes a name's pattern: [`Normalizer::title_pattern`] for a book's
/// title, author and aliases, [`entity_pattern`] for the entities' names.
type Pattern<'a> = &'a dyn Fn(&Normalizer, &str) -> Option<String>;

/// The stems of a name the matcher would compile (with `pattern`), each of ASCII
/// letters and digits.
fn name_words(phrase: &str, pattern: Pattern) -> Result<Vec<String>, NotPrefilterable> {
    let Some(pattern) = pattern(&Normalizer::new(), phrase) else {
        return Ok(Vec::new());
    };
    let words: Vec<String> = pattern
        .split_ascii_whitespace()
        .map(str::to_string)
        .collect();
    if !words.iter().all(|w| plain(w)) {
        return Err(NotPrefilterable {
            phrase: phrase.to_string(),
        });
    }
    Ok(words)
}

/// Whether a stem is lower-case ASCII letters and digits, all a key may be (the content
/// script folds text to those before it looks keys up).
fn plain(stem: &str) -> bool {
    stem.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// The keys of one phrase the matcher would compile: the raw prefixes of its chosen word
/// (none for a phrase the matcher leaves out: no word, or a lone word once fillers are
/// dropped, which can match nothing).
fn phrase_keys(chooser: &KeyChooser, phrase: &str) -> Result<Vec<String>, NotPrefilterable> {
    let Some(pattern) = Normalizer::new().pattern(phrase) else {
        return Ok(Vec::new());
    };
    let Some(stem) = chooser.choose(&pattern) else {
        return Ok(Vec::new());
    };
    if !plain(stem) {
        return Err(NotPrefilterable {
            phrase: phrase.to_string(),
        });
    }
    Ok(raw_prefixes(stem))
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// The keys of `stem`, a stem of ASCII letters and digits: the raw beginnings that a word
/// normalising to it has before one of the [`SUFFIXES`]. The stemmer (`text::stem`)
/// keeps a beginning of the word and adds nothing, except for two rewrites, undone here:
/// - "-ies"/"-ied" become "-y" ("bodies" → "body"), so "bodi" is a key of "body";
/// - a five-letter "-ying" becomes "-ie" ("dying" → "die"), so "dying" is one of "die".
pub fn raw_prefixes(stem: &str) -> Vec<String> {
    let mut out = vec![stem.to_string()];
    if let Some(head) = stem.strip_suffix('y') {
        if !head.is_empty() {
            out.push(format!("{head}i"));
        }
    }
    if stem.len() == 3 && stem.ends_with("ie") {
        out.push(format!("{}ying", &stem[..1]));
    }
    out
}

// The tests rank words by the English list only builds with `english-words` compile in
// (`WordFrequencies::english`); `make test-wasm` builds the crate's tests without it.
#[cfg(all(test, feature = "english-words"))]
mod tests {
    use super::*;
    use crate::catalog;

    fn cues() -> &'static CueLexicon {
        catalog::cues().expect("the cue lexicon parses")
    }

    fn chooser() -> KeyChooser {
        KeyChooser::new(WordFrequencies::english())
    }

    #[test]
    fn the_rarer_word_of_a_phrase_is_chosen() {
        let c = chooser();
        assert_eq!(c.choose("end war "), Some("war"));
        assert_eq!(c.choose("befor she die "), Some("die"));
        assert_eq!(c.choose("tommy dy "), Some("tommy"));
        assert_eq!(c.choose("district 12 "), Some("district"));
        assert_eq!(c.choose("dont cry "), Some("cry"));
    }

    use crate::authoring::summary::stem_of;

    /// Whether `word` is a key of `stem` and one of the endings the content script
    /// looks for after it.
    fn is_key_and_ending(word: &str, stem: &str) -> bool {
        raw_prefixes(stem).iter().any(|k| {
            word.strip_prefix(k.as_str()).is_some_and(|rest| {
                SUFFIXES.contains(&rest)
                    || (rest.len() > 2
                        && ["ed", "ing"].iter().any(|e| rest[1..] == **e)
                        && b"bdgmnprt".contains(&rest.as_bytes()[0]))
            })
        })
    }

    /// The property the content script relies on: a word that normalises to a stem is
    /// one of that stem's keys and an ending.
    #[test]
    fn every_inflection_starts_with_a_key_of_its_stem() {
        let words = [
            "clone",
            "clones",
            "cloned",
            "cloning",
            "die",
            "dies",
            "died",
            "dying",
            "lying",
            "body",
            "bodies",
            "bury",
            "buried",
            "spies",
            "spy",
            "stop",
            "stopped",
            "stopping",
            "complete",
            "completed",
            "completing",
            "donor",
            "donors",
            "kill",
            "killed",
            "kathy",
            "kathys",
            "carries",
            "carried",
            "hoped",
            "hoping",
            "glass",
            "virus",
        ];
        for word in words {
            let stem = stem_of(word);
            let keys = raw_prefixes(&stem);
            assert!(
                is_key_and_ending(word, &stem),
                "{word} → {stem}: keys {keys:?}"
            );
        }
    }

    #[test]
    fn the_english_word_list_meets_its_keys() {
        // 30,000 everyday words, each with every suffix the stemmer strips: whatever
        // the stemmer makes of them, the word starts with a key of its stem.
        let list = include_str!("../../data/english-words.tsv");
        let mut checked = 0;
        let words = list
            .lines()
            .filter_map(|line| line.split('\t').nth(1))
            .flat_map(str::split_ascii_whitespace)
            .filter(|w| w.bytes().all(|b| b.is_ascii_lowercase()));
        for word in words {
            for form in [
                word.to_string(),
                format!("{word}s"),
                format!("{word}es"),
                format!("{word}ed"),
                format!("{word}ing"),
                format!("{word}d"),
            ] {
                let stem = stem_of(&form);
                if stem.is_empty() || stem.contains(' ') {
                    continue; // a filler, dropped by the normaliser
                }
                assert!(
                    is_key_and_ending(&form, &stem),
                    "{form} → {stem}: keys {:?}",
                    raw_prefixes(&stem)
                );
                checked += 1;
            }
        }
        assert!(checked > 100_000, "only {checked} forms checked");
    }

    #[test]
    fn every_catalog_book_has_context_and_evidence_keys() {
        for shield in catalog::shields().expect("catalog shields parse") {
            let keys =
                book_keys(shield, cues(), &chooser()).expect("catalog books are prefilterable");
            let title_key = keys.keys.iter().any(|k| k.signals.contains(&Signal::TITLE));
            let title_name = keys.names.iter().any(|n| n.signal == Signal::TITLE);
            assert!(title_key || title_name, "{}", shield.id);
            assert!(
                keys.keys.iter().any(|k| !k.terms.is_empty()),
                "{}",
                shield.id
            );
            assert!(keys.keys.iter().any(|k| k.cue), "{}", shield.id);
            assert_eq!(keys.terms.len(), shield.terms.len());
            assert_eq!(keys.signals.len(), 4 + shield.entities.len());
            for pair in keys.keys.windows(2) {
                assert!(pair[0].key < pair[1].key, "{pair:?}");
            }
            for k in &keys.keys {
                assert!(
                    k.key
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                    "{k:?}"
                );
            }
        }
    }

    #[test]
    fn the_author_surname_has_a_key_of_its_own() {
        // "Gillian" is longer than "Flynn", but a page may say only "Flynn's novel".
        let shield = catalog::shield("gone-girl")
            .expect("catalog shields parse")
            .expect("gone-girl is in the catalog");
        let keys = book_keys(shield, cues(), &chooser()).expect("prefilterable");
        let flynn = keys
            .keys
            .iter()
            .find(|k| k.key == "flynn")
            .expect("a key finds Flynn");
        assert!(flynn.signals.contains(&Signal::SURNAME), "{flynn:?}");
        // The full name counts only with both words.
        assert!(keys
            .names
            .iter()
            .any(|n| n.signal == Signal::AUTHOR && n.words.len() == 2));
    }

    #[test]
    fn a_name_outside_ascii_makes_a_book_not_prefilterable() {
        let mut shield = catalog::shields().expect("catalog shields parse")[0].clone();
        shield.entities[0].aliases.push("北京".into());
        let err = book_keys(&shield, cues(), &chooser()).expect_err("a CJK alias cannot be a key");
        assert_eq!(err.phrase, "北京");
    }
}
