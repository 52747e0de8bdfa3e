//! Schema 2: a book's plot events and its premise, read and checked on their own.
//!
//! An event is one development of the plot (a death, a reveal, a turn of fate, the
//! ending): a sentence for people (`says`), the entities that take part (`who`), the
//! words that assert it when said of them (`words`), and where a first-time reader
//! learns it (`at`, `percent`). A premise item is what the jacket copy and the first
//! chapters tell, in the same shape without a position: restating it spoils nothing.
//! The format is agreed in docs/SHIELDS.md ("Events and premise").
//!
//! Kept apart from the rest of the schema: plain serde structs, read by the same derived
//! readers as the rest of a shield, and one function to check them.

use serde::{Deserialize, Serialize};

use super::{as_decimal, check_label, check_percent, check_phrase_words, Seg, Shield};
use crate::quoted::Quoted;

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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    #[serde(serialize_with = "as_decimal")]
    pub percent: f32,
}

/// Something the jacket copy or the first chapters tell: known at 0 %.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PremiseItem {
    /// The premise in one plain sentence, for people.
    pub says: String,
    /// The entities it is about: each the `name` of an entity of the same shield.
    pub who: Vec<String>,
    /// Words that, said of those entities, only restate it.
    pub words: Vec<String>,
}

/// How many predicate wordings `shield`'s events and premise hold: each is a pattern.
pub(crate) fn wording_count(shield: &Shield) -> usize {
    let mut n = 0;
    for e in &shield.events {
        n += e.words.len();
    }
    for p in &shield.premise {
        n += p.words.len();
    }
    n
}

/// Checks the events and premise of `shield`: the schema that allows them, sizes,
/// participants that name the shield's entities, predicates of 1–6 words, percents.
pub(crate) fn validate(shield: &Shield) -> Result<(), (Vec<Seg>, String)> {
    let (events, premise) = (shield.events.len(), shield.premise.len());
    if events + premise > 0 && shield.schema < EVENTS_SCHEMA {
        let key = if events == 0 { "premise" } else { "events" };
        return Err((
            vec![Seg::Key(key)],
            format!("`events` and `premise` need \"schema\": {EVENTS_SCHEMA}; set it at the top of the file"),
        ));
    }
    for (key, len, max) in [
        ("events", events, MAX_EVENTS),
        ("premise", premise, MAX_PREMISE),
    ] {
        if len > max {
            return Err((
                vec![Seg::Key(key)],
                format!(
                    "lists {len} items; a shield may list at most {max}: keep the ones that matter"
                ),
            ));
        }
    }
    for (i, e) in shield.events.iter().enumerate() {
        let at = |k| vec![Seg::Key("events"), Seg::Index(i), Seg::Key(k)];
        check_item(shield, "events", i, &e.says, &e.who, &e.words)?;
        check_label(&e.at).map_err(|m| (at("at"), m))?;
        check_percent(e.percent).map_err(|m| (at("percent"), m))?;
    }
    for (i, p) in shield.premise.iter().enumerate() {
        check_item(shield, "premise", i, &p.says, &p.who, &p.words)?;
    }
    Ok(())
}

/// Checks what an event and a premise item share: `list[i]`'s `says`, `who`, `words`.
fn check_item(
    shield: &Shield,
    list: &'static str,
    i: usize,
    says: &str,
    who: &[String],
    words: &[String],
) -> Result<(), (Vec<Seg>, String)> {
    let path = |k: &'static str| vec![Seg::Key(list), Seg::Index(i), Seg::Key(k)];
    let item_path =
        |k: &'static str, j: usize| vec![Seg::Key(list), Seg::Index(i), Seg::Key(k), Seg::Index(j)];
    check_label(says).map_err(|m| (path("says"), m))?;
    for (key, len, max) in [
        ("who", who.len(), MAX_WHO),
        ("words", words.len(), MAX_WORDS),
    ] {
        if !(1..=max).contains(&len) {
            return Err((path(key), format!("lists {len}; give 1 to {max}")));
        }
    }
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
    for (j, word) in words.iter().enumerate() {
        check_phrase_words(
            word,
            MAX_PREDICATE_WORDS,
            (
                "a predicate may have at most ",
                " (\"is beheaded\", \"loses his head\")",
            ),
        )
        .map_err(|m| (item_path("words", j), m))?;
    }
    Ok(())
}
