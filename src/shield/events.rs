//! Schema 2: a book's plot events and its premise, read and checked on their own.
//!
//! An event is one development of the plot (a death, a reveal, a turn of fate, the
//! ending): a sentence for people (`says`), the entities that take part (`who`), the
//! words that assert it when said of them (`words`), and where a first-time reader
//! learns it (`at`, `percent`). A premise item is what the jacket copy and the first
//! chapters tell, in the same shape without a position: restating it spoils nothing.
//! The format is agreed in docs/SHIELDS.md ("Events and premise").
//!
//! Kept apart from the rest of the reader (plain structs, one function to read each
//! list, one to check them) so that the reader underneath can change without these.

use super::file::Document;
use super::{check_label, check_percent, check_phrase, Seg, Shield, ShieldError};
use crate::json::{Quoted, Value};
use crate::text::Normalizer;

/// The schema version that adds `events` and `premise`.
pub const EVENTS_SCHEMA: u32 = 2;
/// Most events one shield may list: a long book has perhaps 60 worth listing.
pub const MAX_EVENTS: usize = 200;
/// Most premise items one shield may list.
pub const MAX_PREMISE: usize = 50;
/// Most participants of one event or premise item.
pub const MAX_WHO: usize = 8;
/// Most predicate wordings of one event or premise item.
pub const MAX_WORDS: usize = 40;
/// Most words in one predicate wording once normalised: a predicate is a verb and its
/// object ("loses his head"), not a sentence; longer ones would seldom be written so.
pub const MAX_PREDICATE_WORDS: usize = 6;

/// One development of the plot, and where a first-time reader learns it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The event in one plain sentence, for people ("Tommy completes after his fourth
    /// donation."); never matched verbatim.
    pub says: String,
    /// The participants: each the `name` of an entity of the same shield.
    pub who: Vec<String>,
    /// The predicate: words and short phrases that, said of a participant, assert it.
    pub words: Vec<String>,
    /// Free text: the part or chapter.
    pub at: String,
    /// Percent of the book, 0–100.
    pub percent: f32,
}

/// Something the jacket copy or the first chapters tell: known at 0 %.
#[derive(Debug, Clone, PartialEq)]
pub struct PremiseItem {
    /// The premise in one plain sentence, for people.
    pub says: String,
    /// The entities it is about: each the `name` of an entity of the same shield.
    pub who: Vec<String>,
    /// Words that, said of those entities, only restate it.
    pub words: Vec<String>,
}

/// Reads the `events` array (absent: none) at `path`.
pub(crate) fn read_events(
    doc: &Document,
    value: Option<&Value>,
    path: &[Seg],
) -> Result<Vec<Event>, ShieldError> {
    doc.list(value, path, |v, path| {
        let f = doc.object(v, path, &["says", "who", "words", "at", "percent"])?;
        Ok(Event {
            says: doc.string(f.required("says")?, &f.path("says"))?,
            who: doc.strings(Some(f.required("who")?), &f.path("who"))?,
            words: doc.strings(Some(f.required("words")?), &f.path("words"))?,
            at: doc.string(f.required("at")?, &f.path("at"))?,
            percent: doc.number(f.required("percent")?, &f.path("percent"))?,
        })
    })
}

/// Reads the `premise` array (absent: none) at `path`.
pub(crate) fn read_premise(
    doc: &Document,
    value: Option<&Value>,
    path: &[Seg],
) -> Result<Vec<PremiseItem>, ShieldError> {
    doc.list(value, path, |v, path| {
        let f = doc.object(v, path, &["says", "who", "words"])?;
        Ok(PremiseItem {
            says: doc.string(f.required("says")?, &f.path("says"))?,
            who: doc.strings(Some(f.required("who")?), &f.path("who"))?,
            words: doc.strings(Some(f.required("words")?), &f.path("words"))?,
        })
    })
}

/// Checks the events and premise of `shield`: the schema that allows them, sizes,
/// participants that name the shield's entities, predicates of 1–6 words, percents.
pub(crate) fn validate(shield: &Shield) -> Result<(), (Vec<Seg>, String)> {
    let has_any = !shield.events.is_empty() || !shield.premise.is_empty();
    if has_any && shield.schema < EVENTS_SCHEMA {
        let key = if shield.events.is_empty() {
            "premise"
        } else {
            "events"
        };
        return Err((
            vec![Seg::Key(key)],
            format!("`events` and `premise` need \"schema\": {EVENTS_SCHEMA}; set it at the top of the file"),
        ));
    }
    for (key, len, max) in [
        ("events", shield.events.len(), MAX_EVENTS),
        ("premise", shield.premise.len(), MAX_PREMISE),
    ] {
        if len > max {
            return Err((
                vec![Seg::Key(key)],
                format!("lists {len} items; a shield may list at most {max}: keep the ones that matter"),
            ));
        }
    }
    let items = shield
        .events
        .iter()
        .map(|e| ("events", &e.says, &e.who, &e.words, Some((&e.at, e.percent))))
        .chain(
            shield
                .premise
                .iter()
                .map(|p| ("premise", &p.says, &p.who, &p.words, None)),
        );
    let mut index = (0, 0);
    for (list, says, who, words, at) in items {
        let i = if list == "events" {
            index.0 += 1;
            index.0 - 1
        } else {
            index.1 += 1;
            index.1 - 1
        };
        let path = |k: &'static str| vec![Seg::Key(list), Seg::Index(i), Seg::Key(k)];
        let item_path = |k: &'static str, j: usize| {
            vec![Seg::Key(list), Seg::Index(i), Seg::Key(k), Seg::Index(j)]
        };
        if says.trim().is_empty() {
            return Err((path("says"), "must not be empty: say the event in one plain sentence".to_string()));
        }
        check_label(says).map_err(|m| (path("says"), m))?;
        check_count(who.len(), MAX_WHO, "participant").map_err(|m| (path("who"), m))?;
        for (j, name) in who.iter().enumerate() {
            if !shield.entities.iter().any(|e| &e.name == name) {
                return Err((
                    item_path("who", j),
                    format!(
                        "{} is not the `name` of an entity of this shield; add it to `entities` or use the entity's name",
                        Quoted(name)
                    ),
                ));
            }
        }
        check_count(words.len(), MAX_WORDS, "wording").map_err(|m| (path("words"), m))?;
        for (j, word) in words.iter().enumerate() {
            check_predicate(word).map_err(|m| (item_path("words", j), m))?;
        }
        if let Some((at, percent)) = at {
            check_label(at).map_err(|m| (path("at"), m))?;
            check_percent(percent).map_err(|m| (path("percent"), m))?;
        }
    }
    Ok(())
}

fn check_count(len: usize, max: usize, what: &str) -> Result<(), String> {
    if len == 0 {
        Err(format!("needs at least one {what}"))
    } else if len > max {
        Err(format!("lists {len}; at most {max} are allowed"))
    } else {
        Ok(())
    }
}

/// A predicate wording is a phrase (see `check_phrase`) of at most
/// [`MAX_PREDICATE_WORDS`] words.
fn check_predicate(word: &str) -> Result<(), String> {
    check_phrase(word)?;
    let words = Normalizer::new()
        .normalize(word)
        .as_str()
        .split_ascii_whitespace()
        .count();
    if words > MAX_PREDICATE_WORDS {
        return Err(format!(
            "has {words} words; a predicate may have at most {MAX_PREDICATE_WORDS} (\"is beheaded\", \"loses his head\")"
        ));
    }
    Ok(())
}
