//! Shields: the schema of a book's spoiler description, loading and validation.
//!
//! The format is documented for people in `docs/SHIELDS.md`. The types are plain serde
//! structs: reading is strict (unknown and repeated fields are rejected) and is one
//! step; the schema's rules ([`Shield::validate`]: limits, ids, weights) are another,
//! on the typed value. Every error names the source, the field and, for text, the line,
//! because a shield is written by hand and its author needs to find the typo. Text is
//! read with serde_json ([`Shield::from_json`], feature `json`); the Wasm layer reads
//! the objects JavaScript hands it with serde-wasm-bindgen and validates them the same
//! way.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::quoted::Quoted;
use crate::text::Normalizer;

mod events;
#[cfg(feature = "json")]
mod file;

pub use events::{Event, PremiseItem, EVENTS_SCHEMA};
// The drafter keeps what it drafts within the limits a shield is read with.
#[cfg(feature = "authoring")]
pub(crate) use events::{MAX_PREDICATE_WORDS, MAX_WHO};

/// The schema version of cue lexicons, and of shields without events (see
/// [`EVENTS_SCHEMA`]); shields of either version are read.
pub const SCHEMA_VERSION: u32 = 1;
// Limits. A shield is read by hand-written tools (the CLI's `check-shield`, the
// extension's import and form) from files anyone can hand a reader, so every size is
// bounded before it reaches the automaton, and the numbers are documented in
// docs/SHIELDS.md ("Limits"). The bundled shields stay far inside every one of them.

/// Largest shield file accepted, in bytes. The extension keeps custom shields in
/// `chrome.storage.local`, 10 MiB for everything it stores (it does not ask for
/// `unlimitedStorage`), so one file may take a tenth of it; the largest bundled shield
/// is 57 KiB. Checked before parsing, so an oversized file costs no parse.
pub const MAX_FILE_BYTES: usize = 1 << 20;
/// Most phrases one shield may hold, counting every string the matcher turns into a
/// pattern: title, author, book aliases, entity names and their aliases, term phrases
/// and their `also` wordings. All tracked books share one automaton (the 12 bundled
/// books: 8,402 patterns, 0.63 MB with its vocabulary), so one shield of 20,000
/// phrases would more than triple it for every page the reader opens. The largest
/// bundled shield has 1,266.
pub const MAX_PHRASES: usize = 5_000;
/// Longest phrase, in UTF-8 bytes: about 30 English words, or 66 CJK characters. Bytes,
/// not characters, because the automaton's size and the normaliser's work grow with
/// bytes; with [`MAX_PHRASES`] it bounds a shield's pattern text at 1 MB. The longest
/// bundled phrase is 54 bytes. Also the limit for the free-text labels (`parts[].name`,
/// `terms[].revealed.at`), which the popup shows.
pub const MAX_PHRASE_BYTES: usize = 200;
/// Most words in one phrase once normalised. The longest bundled phrase has 12; a phrase
/// of more than 24 words is a quotation, which pages seldom repeat word for word, and
/// loose matching would look for all of its words in one sentence.
pub const MAX_PHRASE_WORDS: usize = 24;
/// Most parts a book may list; the popup shows them all in one drop-down list.
pub const MAX_PARTS: usize = 100;
/// Smallest and largest term weight.
pub const WEIGHT_RANGE: (f32, f32) = (0.1, 3.0);

/// One book's shield: who and what is in it, and which phrases give it away.
///
/// Optional fields are written only when set, as people write them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shield {
    /// [`SCHEMA_VERSION`], or [`EVENTS_SCHEMA`] for a shield that may list events and
    /// premise.
    pub schema: u32,
    /// Stable id: lower-case letters, digits and `-`.
    pub id: String,
    /// The title as on the cover.
    pub title: String,
    /// The author as on the cover.
    pub author: String,
    /// `true` when the author's name does not by itself say which book a page is about
    /// (they are known for other books too; a drafted shield cannot tell): their name,
    /// full or surname, then counts as page context only as much as a surname does, so
    /// that a review of their other book is not read as about this one.
    #[serde(default, skip_serializing_if = "is_false")]
    pub author_shared: bool,
    /// Year of first publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Other names of the book ("NLMG", a film title).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The book's sections in order, for reading progress.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
    /// Characters, places, objects and groups of the book.
    pub entities: Vec<Entity>,
    /// Spoiler words and phrases.
    pub terms: Vec<Term>,
    /// What the jacket copy and the first chapters tell (schema 2): never a spoiler.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub premise: Vec<PremiseItem>,
    /// The plot's developments in book order (schema 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
}

/// A section of a book and where it starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// "Part One", "Chapters 1–10".
    pub name: String,
    /// Percent of the book at which the part starts, 0–100.
    #[serde(serialize_with = "as_decimal")]
    pub percent: f32,
}

/// What sort of thing an entity is: characters and groups may pair with generic cues,
/// stand for a pronoun and take part in events; places and objects only name the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person or animal of the story.
    Character,
    /// A place of the story.
    Place,
    /// A thing of the story.
    Object,
    /// A family, house, school or other group.
    Group,
    /// Anything else.
    Other,
}

/// A named thing of the book, a signal that a page or sentence is about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// The full name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Other names for it: first name, surname, nickname.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The name is an everyday word or a very common name: weaker page context.
    #[serde(default, skip_serializing_if = "is_false")]
    pub common: bool,
    /// What happens to this entity is the book's premise, told on the jacket (Rebecca
    /// is dead when the story opens; Roger Ackroyd's murder is the title): generic cues
    /// beside it ("dead", "murdered") are not spoilers. Its spoiler terms still are.
    #[serde(default, skip_serializing_if = "is_false")]
    pub premise: bool,
    /// The character this role names in the book, by their entity name or an alias
    /// ("the headmaster" of *Half-Blood Prince* is Albus Dumbledore): the role then takes
    /// part in every event and premise item of that character, as a reader who avoids
    /// names writes "the headmaster falls from the tower". The role stays an entity of
    /// its own, `common`, so it never tells which book a page is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_of: Option<String>,
}

impl Entity {
    /// Its name and aliases: every name a page may call it by.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// Whether it is somebody (a character or a group): what a pronoun may stand for, a
    /// cue may be said of, an event's participant and a role's person may be.
    pub fn is_person(&self) -> bool {
        matches!(self.kind, EntityKind::Character | EntityKind::Group)
    }
}

/// A spoiler word or phrase and where in the book it is revealed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The words as a reader would write them.
    pub phrase: String,
    /// Other wordings of the same spoiler.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// Evidence it adds; 1.0 blurs on its own at the balanced sensitivity.
    #[serde(serialize_with = "as_decimal")]
    pub weight: f32,
    /// Counts only with an entity, the title or an alias in the same sentence.
    #[serde(default, skip_serializing_if = "is_false")]
    pub needs_entity: bool,
    /// Where a first-time reader learns it; `None` when unknown (it then blurs at
    /// any reading progress short of "finished").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revealed: Option<Revealed>,
}

/// A position in a book.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revealed {
    /// Free text: "Part One, chapter 7".
    pub at: String,
    /// Percent of the book, 0–100.
    #[serde(serialize_with = "as_decimal")]
    pub percent: f32,
}

/// The shared lexicon of generic spoiler cues ("dies", "turns out").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueLexicon {
    /// Always [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The cues.
    pub cues: Vec<Cue>,
}

/// A generic spoiler phrase; evidence for a book only next to one of its entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cue {
    /// The words.
    pub phrase: String,
    /// What the pairing with an entity adds to a paragraph's score.
    #[serde(serialize_with = "as_decimal")]
    pub weight: f32,
}

/// Why a shield or cue file was rejected: where, which field, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShieldError {
    /// The file name, or a description of the input ("import").
    pub source: String,
    /// 1-based line in the source, when known.
    pub line: Option<usize>,
    /// The field path, e.g. `terms[3].weight`; empty for the whole document.
    pub field: String,
    /// What is wrong and what is expected.
    pub message: String,
}

impl fmt::Display for ShieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ShieldError {}

fn is_false(b: &bool) -> bool {
    !*b
}

/// `x` as the `f64` nearest its shortest decimal form: 0.35, not the 0.3499999940395355
/// that `f64::from` gives. JavaScript numbers are `f64`, so this is what a weight or a
/// score must be to reach JavaScript as written (and to sum there as it did when values
/// crossed as JSON text). The fewest decimals, at most 9, that read back as the same
/// `f32`; `x` widened as it is when none do.
pub(crate) fn decimal(x: f32) -> f64 {
    let wide = f64::from(x);
    let mut scale = 1.0;
    for _ in 0..=9 {
        let scaled = (wide * scale).round();
        if !scaled.is_finite() || scaled.abs() > 1.0e15 {
            break;
        }
        // Both exact, so the quotient is the f64 nearest the decimal.
        let value = scaled / scale;
        if value as f32 == x {
            return value;
        }
        scale *= 10.0;
    }
    wide
}

/// Serialises an `f32` field as [`decimal`] of it, a whole number as an integer (`1`,
/// not `1.0`, as people write weights and percents).
pub(crate) fn as_decimal<S: serde::Serializer>(x: &f32, serializer: S) -> Result<S::Ok, S::Error> {
    let value = decimal(*x);
    if value.fract() == 0.0 && value.abs() < 1.0e15 {
        serializer.serialize_i64(value as i64)
    } else {
        serializer.serialize_f64(value)
    }
}

impl Shield {
    /// Parses and validates a shield from JSON text. `source` names the input in
    /// errors (a file path, or "import").
    #[cfg(feature = "json")]
    pub fn from_json(text: &str, source: &str) -> Result<Shield, ShieldError> {
        file::read(text, source, Shield::validate)
    }

    /// The term phrases and event and premise wordings that matching makes no pattern
    /// of ([`Normalizer::pattern`]: one word, or one word and a subject pronoun, once
    /// "the", "her", "himself" and the like are dropped), each with its field path
    /// (`terms[3].also[7]`). Valid, but never found on a page: `check-shield` notes them
    /// for whoever wrote them.
    pub fn unmatched_wordings(&self) -> Vec<(String, &str)> {
        let mut wordings: Vec<(Vec<Seg>, &str)> = Vec::new();
        for (t, term) in self.terms.iter().enumerate() {
            let phrase = vec![Seg::Key("terms"), Seg::Index(t), Seg::Key("phrase")];
            wordings.push((phrase, &term.phrase));
            for (a, also) in term.also.iter().enumerate() {
                let path = vec![
                    Seg::Key("terms"),
                    Seg::Index(t),
                    Seg::Key("also"),
                    Seg::Index(a),
                ];
                wordings.push((path, also));
            }
        }
        let events = self.events.iter().map(|e| ("events", &e.words)).enumerate();
        let premise = self
            .premise
            .iter()
            .map(|p| ("premise", &p.words))
            .enumerate();
        for (i, (list, words)) in events.chain(premise) {
            for (w, word) in words.iter().enumerate() {
                let path = vec![
                    Seg::Key(list),
                    Seg::Index(i),
                    Seg::Key("words"),
                    Seg::Index(w),
                ];
                wordings.push((path, word));
            }
        }
        let normalizer = Normalizer::new();
        wordings
            .into_iter()
            .filter(|(_, wording)| normalizer.pattern(wording).is_none())
            .map(|(path, wording)| (path_string(&path), wording))
            .collect()
    }

    /// The shield as pretty JSON, the format [`Shield::from_json`] reads.
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a shield is plain data: strings, numbers, lists")
    }

    /// Checks every rule of the schema; returns the path of the first bad field and
    /// what is wrong with it.
    pub fn validate(&self) -> Result<(), (Vec<Seg>, String)> {
        let at = |segs: &[Seg]| segs.to_vec();
        if !(SCHEMA_VERSION..=EVENTS_SCHEMA).contains(&self.schema) {
            return Err((
                at(&[Seg::Key("schema")]),
                format!(
                    "must be {SCHEMA_VERSION} or {EVENTS_SCHEMA}, found {}",
                    self.schema
                ),
            ));
        }
        if !valid_id(&self.id) {
            return Err((
                at(&[Seg::Key("id")]),
                format!(
                    "must be 1–64 lower-case letters, digits or '-', found {}",
                    Quoted(&self.id)
                ),
            ));
        }
        let phrases = self.phrase_count();
        if phrases > MAX_PHRASES {
            return Err((
                Vec::new(),
                format!(
                    "holds {phrases} phrases (title, author, aliases, entity names, terms and \
                     their `also` wordings); a shield may hold at most {MAX_PHRASES}: keep the \
                     terms that give the plot away and split the rest into another shield"
                ),
            ));
        }
        if self.parts.len() > MAX_PARTS {
            return Err((
                at(&[Seg::Key("parts")]),
                format!(
                    "lists {} parts; a book may list at most {MAX_PARTS}",
                    self.parts.len()
                ),
            ));
        }
        for (key, value) in [("title", &self.title), ("author", &self.author)] {
            check_phrase(value).map_err(|m| (at(&[Seg::Key(key)]), m))?;
        }
        for (i, alias) in self.aliases.iter().enumerate() {
            check_phrase(alias).map_err(|m| (at(&[Seg::Key("aliases"), Seg::Index(i)]), m))?;
        }
        let mut last_part = 0.0;
        for (i, part) in self.parts.iter().enumerate() {
            let path = |k| at(&[Seg::Key("parts"), Seg::Index(i), Seg::Key(k)]);
            check_percent(part.percent).map_err(|m| (path("percent"), m))?;
            if part.percent < last_part {
                return Err((path("percent"), "parts must be in book order".to_string()));
            }
            last_part = part.percent;
            if part.name.trim().is_empty() {
                return Err((path("name"), "must not be empty".to_string()));
            }
            check_label(&part.name).map_err(|m| (path("name"), m))?;
        }
        self.validate_entities()?;
        self.validate_terms()?;
        events::validate(self)
    }

    /// Every string of the shield the matcher makes a pattern of (see [`MAX_PHRASES`]).
    pub fn phrase_count(&self) -> usize {
        2 + self.aliases.len()
            + self
                .entities
                .iter()
                .map(|e| 1 + e.aliases.len())
                .sum::<usize>()
            + self.terms.iter().map(|t| 1 + t.also.len()).sum::<usize>()
            + events::wording_count(self)
    }

    fn validate_entities(&self) -> Result<(), (Vec<Seg>, String)> {
        if self.entities.is_empty() {
            return Err((
                vec![Seg::Key("entities")],
                "needs at least one entity (a character, place or object)".to_string(),
            ));
        }
        for (i, entity) in self.entities.iter().enumerate() {
            let path = |k| vec![Seg::Key("entities"), Seg::Index(i), Seg::Key(k)];
            check_phrase(&entity.name).map_err(|m| (path("name"), m))?;
            match &entity.role_of {
                Some(character) if !self.is_role_of(entity, character) => {
                    return Err((
                        path("role_of"),
                        format!(
                            "names {}: a role (a `common` character named \"the …\") must \
                             name another character or group of this shield by its name \
                             or an alias",
                            Quoted(character)
                        ),
                    ));
                }
                _ => {}
            }
            for (j, alias) in entity.aliases.iter().enumerate() {
                check_phrase(alias).map_err(|m| {
                    (
                        vec![
                            Seg::Key("entities"),
                            Seg::Index(i),
                            Seg::Key("aliases"),
                            Seg::Index(j),
                        ],
                        m,
                    )
                })?;
            }
        }
        Ok(())
    }

    /// Whether `role` may name `character`: a role as [`crate::matcher`] reads one
    /// (`common`, its name starting with "the") names another of the book's people (a
    /// character or group) by its name or an alias.
    fn is_role_of(&self, role: &Entity, character: &str) -> bool {
        role.common
            && role.name.starts_with("the ")
            && self.entities.iter().any(|e| {
                !std::ptr::eq(e, role)
                    && e.is_person()
                    && e.names().any(|n| n.eq_ignore_ascii_case(character))
            })
    }

    fn validate_terms(&self) -> Result<(), (Vec<Seg>, String)> {
        if self.terms.is_empty() {
            return Err((
                vec![Seg::Key("terms")],
                "needs at least one spoiler term".to_string(),
            ));
        }
        let normalizer = Normalizer::new();
        let mut seen = std::collections::HashMap::new();
        for (i, term) in self.terms.iter().enumerate() {
            let path = |k| vec![Seg::Key("terms"), Seg::Index(i), Seg::Key(k)];
            check_phrase(&term.phrase).map_err(|m| (path("phrase"), m))?;
            for (j, also) in term.also.iter().enumerate() {
                check_phrase(also).map_err(|m| {
                    (
                        vec![
                            Seg::Key("terms"),
                            Seg::Index(i),
                            Seg::Key("also"),
                            Seg::Index(j),
                        ],
                        m,
                    )
                })?;
            }
            check_weight(term.weight).map_err(|m| (path("weight"), m))?;
            if let Some(revealed) = &term.revealed {
                let path = |k| {
                    vec![
                        Seg::Key("terms"),
                        Seg::Index(i),
                        Seg::Key("revealed"),
                        Seg::Key(k),
                    ]
                };
                check_label(&revealed.at).map_err(|m| (path("at"), m))?;
                check_percent(revealed.percent).map_err(|m| (path("percent"), m))?;
            }
            if let Some(pattern) = normalizer.pattern(&term.phrase) {
                if let Some(first) = seen.insert(pattern, i) {
                    return Err((
                        path("phrase"),
                        format!(
                            "{} matches the same words as terms[{first}]; merge them",
                            Quoted(&term.phrase)
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

impl CueLexicon {
    /// Parses and validates a cue lexicon from JSON text.
    #[cfg(feature = "json")]
    pub fn from_json(text: &str, source: &str) -> Result<CueLexicon, ShieldError> {
        file::read(text, source, CueLexicon::validate)
    }

    /// Checks every rule of the schema; returns the path of the first bad field and
    /// what is wrong with it.
    pub fn validate(&self) -> Result<(), (Vec<Seg>, String)> {
        if self.schema != SCHEMA_VERSION {
            return Err((
                vec![Seg::Key("schema")],
                format!("must be {SCHEMA_VERSION}, found {}", self.schema),
            ));
        }
        for (i, cue) in self.cues.iter().enumerate() {
            let path = |k| vec![Seg::Key("cues"), Seg::Index(i), Seg::Key(k)];
            check_phrase(&cue.phrase).map_err(|m| (path("phrase"), m))?;
            check_weight(cue.weight).map_err(|m| (path("weight"), m))?;
        }
        Ok(())
    }
}

/// One step of a path into a JSON document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    /// An object key.
    Key(&'static str),
    /// An array index.
    Index(usize),
}

/// A field path as people write it: `terms[3].weight`.
pub(crate) fn path_string(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// A serde field path as people write it (`terms[3].weight`); empty for the whole
/// document.
#[cfg(feature = "json")]
pub(crate) fn serde_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut s = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => s.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    s
}

/// Refuses a shield file of `bytes` bytes when it is over [`MAX_FILE_BYTES`]; callers
/// that read files check the size before reading, with the same message.
pub fn check_file_size(bytes: u64, source: &str) -> Result<(), ShieldError> {
    if bytes <= MAX_FILE_BYTES as u64 {
        return Ok(());
    }
    Err(ShieldError {
        source: source.to_string(),
        line: None,
        field: String::new(),
        message: format!(
            "is {bytes} bytes; a shield file may be at most {MAX_FILE_BYTES} bytes (1 MiB)"
        ),
    })
}

fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A number in a message, to three decimals at most ("0.35", "120", "-2.5").
///
/// Written by hand because core's float formatting is ~15 KB of the Wasm module, and
/// messages are the only place the scan module turns a float into text.
pub(crate) struct Number(pub(crate) f32);

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_infinite() {
            return f.write_str(if x > 0.0 { "infinity" } else { "-infinity" });
        }
        if x.abs() >= 1e15 {
            return f.write_str(if x > 0.0 {
                "a huge number"
            } else {
                "a huge negative number"
            });
        }
        // Thousandths, rounded half away from zero; `as` saturates, and |x| < 1e15 fits.
        let thousandths = (f64::from(x) * 1000.0 + if x < 0.0 { -0.5 } else { 0.5 }) as i64;
        let sign = if thousandths < 0 { "-" } else { "" };
        let (whole, mut frac) = (
            thousandths.unsigned_abs() / 1000,
            thousandths.unsigned_abs() % 1000,
        );
        write!(f, "{sign}{whole}")?;
        if frac == 0 {
            return Ok(());
        }
        let mut digits = 3;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        write!(f, ".{frac:0digits$}")
    }
}

fn check_weight(weight: f32) -> Result<(), String> {
    let (lo, hi) = WEIGHT_RANGE;
    if (lo..=hi).contains(&weight) {
        Ok(())
    } else {
        Err(format!(
            "must be {}–{}, found {}",
            Number(lo),
            Number(hi),
            Number(weight)
        ))
    }
}

pub(crate) fn check_percent(p: f32) -> Result<(), String> {
    if (0.0..=100.0).contains(&p) {
        Ok(())
    } else {
        Err(format!("must be 0–100, found {}", Number(p)))
    }
}

/// A phrase must fit the length limits, hold at least one word and not span a sentence
/// end (it could never match). The byte limit is checked first, so a megabyte-long
/// phrase is refused without being normalised.
pub(crate) fn check_phrase(phrase: &str) -> Result<(), String> {
    check_phrase_words(
        phrase,
        MAX_PHRASE_WORDS,
        (
            "a phrase may have at most ",
            ": keep the words that give the plot away",
        ),
    )
}

/// [`check_phrase`] with another word limit, and the words around it in the message.
pub(crate) fn check_phrase_words(
    phrase: &str,
    max: usize,
    (before, after): (&str, &str),
) -> Result<(), String> {
    check_label(phrase)?;
    let norm = Normalizer::new().normalize(phrase);
    match norm.sentence_count() {
        0 => return Err(format!("{} has no word to match (only punctuation or words such as \"the\", \"their\", \"really\" that matching ignores)", Quoted(phrase))),
        1 => {}
        _ => {
            return Err(format!(
                "{} spans a sentence end ('.', '!', '?', ';'), so it could never match",
                Quoted(phrase)
            ))
        }
    }
    let words = norm.words().len();
    if words > max {
        return Err(format!("has {words} words; {before}{max}{after}"));
    }
    Ok(())
}

/// A free-text field (a phrase, a part's name, where a term is revealed) must fit
/// [`MAX_PHRASE_BYTES`]. The message quotes only the start of the text, so a huge value
/// does not make a huge message.
pub(crate) fn check_label(text: &str) -> Result<(), String> {
    if text.len() <= MAX_PHRASE_BYTES {
        return Ok(());
    }
    let start: String = text.chars().take(40).chain(['…']).collect();
    Err(format!(
        "is {} bytes long ({}); at most {MAX_PHRASE_BYTES} bytes are allowed, \
         about 30 words: shorten it",
        text.len(),
        Quoted(&start)
    ))
}

#[cfg(all(test, feature = "json"))]
mod tests {
    #[test]
    fn numbers_in_messages_read_like_numbers() {
        let shown = |x: f32| Number(x).to_string();
        assert_eq!(shown(0.1), "0.1");
        assert_eq!(shown(3.0), "3");
        assert_eq!(shown(120.0), "120");
        assert_eq!(shown(-2.5), "-2.5");
        assert_eq!(shown(0.35), "0.35");
        assert_eq!(shown(1.0 / 3.0), "0.333");
        assert_eq!(shown(0.0004), "0");
        assert_eq!(shown(f32::NAN), "NaN");
        assert_eq!(shown(f32::INFINITY), "infinity");
        assert_eq!(shown(-1e30), "a huge negative number");
    }

    use super::*;

    const GOOD: &str = r#"{
  "schema": 1,
  "id": "test-book",
  "title": "Test Book",
  "author": "A. Writer",
  "entities": [
    {"name": "Alice Smith", "kind": "character", "aliases": ["Alice"]}
  ],
  "terms": [
    {"phrase": "clone", "weight": 1.0, "revealed": {"at": "Part One", "percent": 25}},
    {"phrase": "complete", "weight": 1.0, "needs_entity": true,
     "revealed": {"at": "Part Two", "percent": 140}}
  ]
}"#;

    #[test]
    fn a_bad_percent_names_file_line_and_field() {
        let err = Shield::from_json(GOOD, "test.json").unwrap_err();
        assert_eq!(err.line, Some(12));
        assert_eq!(err.field, "terms[1].revealed.percent");
        assert_eq!(
            err.to_string(),
            "test.json:12: terms[1].revealed.percent: must be 0–100, found 140"
        );
    }

    #[test]
    fn a_good_shield_loads_and_round_trips() {
        let text = GOOD.replace("140", "60");
        let shield = Shield::from_json(&text, "test.json").unwrap();
        assert_eq!(shield.terms.len(), 2);
        let again = Shield::from_json(&shield.to_json(), "again").unwrap();
        assert_eq!(again, shield);
    }

    #[test]
    fn syntax_errors_give_a_line() {
        let text = GOOD.replace("\"id\": \"test-book\",", "\"id\": \"test-book\"");
        let err = Shield::from_json(&text, "x.json").unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(err.message.contains("expected"), "{err}");
    }

    #[test]
    fn type_errors_give_the_field_path() {
        let text = GOOD.replace(
            "\"weight\": 1.0, \"revealed\"",
            "\"weight\": \"heavy\", \"revealed\"",
        );
        let err = Shield::from_json(&text, "x.json").unwrap_err();
        assert_eq!(err.field, "terms[0].weight");
        assert_eq!(err.line, Some(10));
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let text = GOOD.replace("\"schema\": 1,", "\"schema\": 1, \"colour\": \"red\",");
        let err = Shield::from_json(&text, "x.json").unwrap_err();
        assert!(err.message.contains("colour"), "{err}");
    }

    #[test]
    fn bad_ids_weights_and_phrases_are_rejected() {
        let good = GOOD.replace("140", "60");
        let cases = [
            (good.replace("test-book", "Test Book"), "id"),
            (
                good.replace(
                    "\"weight\": 1.0, \"revealed\"",
                    "\"weight\": 7, \"revealed\"",
                ),
                "terms[0].weight",
            ),
            (
                good.replace("\"phrase\": \"clone\"", "\"phrase\": \"...\""),
                "terms[0].phrase",
            ),
            (
                good.replace("\"phrase\": \"clone\"", "\"phrase\": \"one. Two\""),
                "terms[0].phrase",
            ),
            (
                good.replace("\"phrase\": \"complete\"", "\"phrase\": \"Clones\""),
                "terms[1].phrase",
            ),
            (
                good.replace(
                    "\"phrase\": \"clone\"",
                    &format!("\"phrase\": \"{}\"", "a".repeat(201)),
                ),
                "terms[0].phrase",
            ),
        ];
        for (text, field) in cases {
            let err = Shield::from_json(&text, "x.json").unwrap_err();
            assert_eq!(err.field, field, "{err}");
            assert!(err.line.is_some(), "{err}");
        }
    }

    #[test]
    fn oversized_files_are_rejected_before_parsing() {
        let text = " ".repeat(MAX_FILE_BYTES + 1);
        let err = Shield::from_json(&text, "big.json").unwrap_err();
        assert!(err.message.contains("at most"), "{err}");
    }

    /// GOOD (fixed) with its first term's phrase set to `phrase`, JSON-escaped.
    fn with_phrase(phrase: &str) -> String {
        GOOD.replace("140", "60").replace(
            "\"phrase\": \"clone\"",
            &format!("\"phrase\": {}", serde_json::to_string(phrase).unwrap()),
        )
    }

    /// GOOD (fixed) whose first term has `n` extra wordings, all distinct.
    fn with_also(n: usize) -> String {
        let also: Vec<String> = (0..n).map(|i| format!("cloned {i}")).collect();
        GOOD.replace("140", "60").replace(
            "\"phrase\": \"clone\",",
            &format!(
                "\"phrase\": \"clone\", \"also\": {},",
                serde_json::to_string(&also).unwrap()
            ),
        )
    }

    #[test]
    fn every_pattern_counts_as_a_phrase() {
        let shield = Shield::from_json(&GOOD.replace("140", "60"), "x").unwrap();
        // title, author, "Alice Smith", "Alice", "clone", "complete"
        assert_eq!(shield.phrase_count(), 6);
    }

    #[test]
    fn a_shield_at_the_phrase_limit_loads_and_one_more_is_refused() {
        Shield::from_json(&with_also(MAX_PHRASES - 6), "x.json").unwrap();
        let err = Shield::from_json(&with_also(MAX_PHRASES - 5), "x.json").unwrap_err();
        assert_eq!(err.field, "", "{err}");
        assert_eq!(err.line, None, "a whole-document error has no line: {err}");
        assert!(
            err.message
                .starts_with(&format!("holds {} phrases", MAX_PHRASES + 1)),
            "{err}"
        );
        assert!(
            err.message.contains(&format!("at most {MAX_PHRASES}")),
            "{err}"
        );
    }

    #[test]
    fn twenty_thousand_wordings_are_refused_by_count() {
        let err = Shield::from_json(&with_also(20_000), "x.json").unwrap_err();
        assert!(err.message.starts_with("holds 20006 phrases"), "{err}");
    }

    #[test]
    fn a_megabyte_phrase_is_refused_with_a_short_message() {
        let err =
            Shield::from_json(&with_phrase(&"spoiler ".repeat(120_000)), "x.json").unwrap_err();
        assert_eq!(err.field, "terms[0].phrase");
        assert_eq!(err.line, Some(10));
        assert!(err.message.starts_with("is 960000 bytes long"), "{err}");
        assert!(
            err.message.len() < 200,
            "the message quotes only the start: {err}"
        );
    }

    #[test]
    fn the_phrase_limit_is_in_bytes_and_words() {
        Shield::from_json(&with_phrase(&"a".repeat(MAX_PHRASE_BYTES)), "x").unwrap();
        let err =
            Shield::from_json(&with_phrase(&"a".repeat(MAX_PHRASE_BYTES + 1)), "x").unwrap_err();
        assert!(err.message.contains("at most 200 bytes"), "{err}");
        // 67 three-byte characters: 201 bytes, 67 characters.
        let err = Shield::from_json(&with_phrase(&"語".repeat(67)), "x").unwrap_err();
        assert!(err.message.starts_with("is 201 bytes long"), "{err}");

        let words = |n: usize| {
            (0..n)
                .map(|i| format!("w{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        Shield::from_json(&with_phrase(&words(MAX_PHRASE_WORDS)), "x").unwrap();
        let err = Shield::from_json(&with_phrase(&words(MAX_PHRASE_WORDS + 1)), "x").unwrap_err();
        assert_eq!(err.field, "terms[0].phrase");
        assert!(err.message.starts_with("has 25 words"), "{err}");
    }

    #[test]
    fn empty_and_blank_phrases_are_refused() {
        for phrase in ["", "   ", "the", "?!"] {
            let err = Shield::from_json(&with_phrase(phrase), "x").unwrap_err();
            assert_eq!(err.field, "terms[0].phrase", "{phrase:?}: {err}");
            assert!(err.message.contains("no word to match"), "{err}");
        }
    }

    #[test]
    fn labels_and_parts_are_bounded() {
        let good = GOOD.replace("140", "60");
        let long = "x".repeat(MAX_PHRASE_BYTES + 1);
        let err = Shield::from_json(&good.replace("Part Two", &long), "x").unwrap_err();
        assert_eq!(err.field, "terms[1].revealed.at", "{err}");

        let parts = |n: usize, name: &str| {
            let list: Vec<String> = (0..n)
                .map(|i| format!("{{\"name\": \"{name} {i}\", \"percent\": 0}}"))
                .collect();
            good.replace(
                "\"entities\"",
                &format!("\"parts\": [{}],\n  \"entities\"", list.join(", ")),
            )
        };
        Shield::from_json(&parts(MAX_PARTS, "Part"), "x").unwrap();
        let err = Shield::from_json(&parts(MAX_PARTS + 1, "Part"), "x").unwrap_err();
        assert_eq!(err.field, "parts", "{err}");
        let err = Shield::from_json(&parts(1, &long), "x").unwrap_err();
        assert_eq!(err.field, "parts[0].name", "{err}");
    }
}
