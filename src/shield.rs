//! Shields: the schema of a book's spoiler description, loading and validation.
//!
//! The format is documented for people in `docs/SHIELDS.md`. Loading is strict
//! (unknown fields are rejected) and every error names the source, the line and the
//! field, because a shield is written by hand and its author needs to find the typo.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::Normalizer;

/// The only schema version this build reads.
pub const SCHEMA_VERSION: u32 = 1;
/// Largest shield file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 1 << 20;
/// Most terms one shield may hold.
pub const MAX_TERMS: usize = 5_000;
/// Most entities one shield may hold.
pub const MAX_ENTITIES: usize = 1_000;
/// Longest phrase (term, alias, name), in characters.
pub const MAX_PHRASE_CHARS: usize = 200;
/// Smallest and largest term weight.
pub const WEIGHT_RANGE: (f32, f32) = (0.1, 3.0);

/// One book's shield: who and what is in it, and which phrases give it away.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shield {
    /// Always [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Stable id: lower-case letters, digits and `-`.
    pub id: String,
    /// The title as on the cover.
    pub title: String,
    /// The author as on the cover.
    pub author: String,
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
}

/// A section of a book and where it starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// "Part One", "Chapters 1–10".
    pub name: String,
    /// Percent of the book at which the part starts, 0–100.
    pub percent: f32,
}

/// What sort of thing an entity is; it informs the UI, not the scoring.
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
    pub weight: f32,
}

fn is_false(b: &bool) -> bool {
    !*b
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

impl Shield {
    /// Parses and validates a shield from JSON text. `source` names the input in
    /// errors (a file path, or "import").
    pub fn from_json(text: &str, source: &str) -> Result<Shield, ShieldError> {
        let shield: Shield = parse(text, source)?;
        shield
            .validate()
            .map_err(|(path, message)| located(text, source, &path, message))?;
        Ok(shield)
    }

    /// The shield as pretty JSON, the format [`Shield::from_json`] reads.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks every rule of the schema; returns the path of the first bad field and
    /// what is wrong with it.
    pub fn validate(&self) -> Result<(), (Vec<Seg>, String)> {
        let at = |segs: &[Seg]| segs.to_vec();
        if self.schema != SCHEMA_VERSION {
            return Err((
                at(&[Seg::Key("schema")]),
                format!("must be {SCHEMA_VERSION}, found {}", self.schema),
            ));
        }
        if !valid_id(&self.id) {
            return Err((
                at(&[Seg::Key("id")]),
                format!(
                    "must be 1–64 lower-case letters, digits or '-', found {:?}",
                    self.id
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
        }
        self.validate_entities()?;
        self.validate_terms()
    }

    fn validate_entities(&self) -> Result<(), (Vec<Seg>, String)> {
        if self.entities.is_empty() {
            return Err((
                vec![Seg::Key("entities")],
                "needs at least one entity (a character, place or object)".to_string(),
            ));
        }
        if self.entities.len() > MAX_ENTITIES {
            return Err((
                vec![Seg::Key("entities")],
                format!(
                    "at most {MAX_ENTITIES} entities, found {}",
                    self.entities.len()
                ),
            ));
        }
        for (i, entity) in self.entities.iter().enumerate() {
            let path = |k| vec![Seg::Key("entities"), Seg::Index(i), Seg::Key(k)];
            check_phrase(&entity.name).map_err(|m| (path("name"), m))?;
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

    fn validate_terms(&self) -> Result<(), (Vec<Seg>, String)> {
        if self.terms.is_empty() {
            return Err((
                vec![Seg::Key("terms")],
                "needs at least one spoiler term".to_string(),
            ));
        }
        if self.terms.len() > MAX_TERMS {
            return Err((
                vec![Seg::Key("terms")],
                format!("at most {MAX_TERMS} terms, found {}", self.terms.len()),
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
                check_percent(revealed.percent).map_err(|m| {
                    (
                        vec![
                            Seg::Key("terms"),
                            Seg::Index(i),
                            Seg::Key("revealed"),
                            Seg::Key("percent"),
                        ],
                        m,
                    )
                })?;
            }
            if let Some(pattern) = normalizer.pattern(&term.phrase) {
                if let Some(first) = seen.insert(pattern, i) {
                    return Err((
                        path("phrase"),
                        format!(
                            "{:?} matches the same words as terms[{first}]; merge them",
                            term.phrase
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
    pub fn from_json(text: &str, source: &str) -> Result<CueLexicon, ShieldError> {
        let lexicon: CueLexicon = parse(text, source)?;
        let fail = |path: Vec<Seg>, message: String| located(text, source, &path, message);
        if lexicon.schema != SCHEMA_VERSION {
            return Err(fail(
                vec![Seg::Key("schema")],
                format!("must be {SCHEMA_VERSION}, found {}", lexicon.schema),
            ));
        }
        for (i, cue) in lexicon.cues.iter().enumerate() {
            let path = |k| vec![Seg::Key("cues"), Seg::Index(i), Seg::Key(k)];
            check_phrase(&cue.phrase).map_err(|m| fail(path("phrase"), m))?;
            check_weight(cue.weight).map_err(|m| fail(path("weight"), m))?;
        }
        Ok(lexicon)
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

fn path_string(path: &[Seg]) -> String {
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

/// Deserialises with the field path of the first error, and the line serde_json saw.
fn parse<T: serde::de::DeserializeOwned>(text: &str, source: &str) -> Result<T, ShieldError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ShieldError {
            source: source.to_string(),
            line: None,
            field: String::new(),
            message: format!(
                "is {} bytes; a shield may be at most {MAX_FILE_BYTES} bytes",
                text.len()
            ),
        });
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let error = |path: String, inner: serde_json::Error| {
        let line = inner.line();
        let mut message = inner.to_string();
        // serde_json appends " at line L column C"; the line is reported separately.
        if let Some(cut) = message.rfind(" at line ") {
            message.truncate(cut);
        }
        ShieldError {
            source: source.to_string(),
            line: (line > 0).then_some(line),
            field: if path == "." { String::new() } else { path },
            message,
        }
    };
    let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        error(path, err.into_inner())
    })?;
    de.end().map_err(|e| error(String::new(), e))?;
    Ok(value)
}

fn located(text: &str, source: &str, path: &[Seg], message: String) -> ShieldError {
    ShieldError {
        source: source.to_string(),
        line: locate_line(text, path),
        field: path_string(path),
        message,
    }
}

fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn check_weight(weight: f32) -> Result<(), String> {
    let (lo, hi) = WEIGHT_RANGE;
    if (lo..=hi).contains(&weight) {
        Ok(())
    } else {
        Err(format!("must be {lo}–{hi}, found {weight}"))
    }
}

fn check_percent(p: f32) -> Result<(), String> {
    if (0.0..=100.0).contains(&p) {
        Ok(())
    } else {
        Err(format!("must be 0–100, found {p}"))
    }
}

/// A phrase must hold at least one word, fit the length limit and not span a
/// sentence end (it could never match).
fn check_phrase(phrase: &str) -> Result<(), String> {
    let chars = phrase.chars().count();
    if chars > MAX_PHRASE_CHARS {
        return Err(format!("is {chars} characters; at most {MAX_PHRASE_CHARS}"));
    }
    let norm = Normalizer::new().normalize(phrase);
    match norm.sentence_count() {
        0 => Err(format!("{phrase:?} has no word to match (only punctuation or words such as \"the\", \"their\", \"really\" that matching ignores)")),
        1 => Ok(()),
        _ => Err(format!(
            "{phrase:?} spans a sentence end ('.', '!', '?', ';'), so it could never match"
        )),
    }
}

/// Finds the 1-based line of the value at `path` by walking the JSON text. Used for
/// errors found after parsing, when serde's positions are gone.
fn locate_line(text: &str, path: &[Seg]) -> Option<usize> {
    let offset = json_locate::find(text.as_bytes(), path)?;
    Some(
        1 + text.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
    )
}

/// A minimal JSON walker that finds where a value starts. It only needs to be right
/// for documents serde_json has already accepted.
mod json_locate {
    use super::Seg;

    pub(super) fn find(text: &[u8], path: &[Seg]) -> Option<usize> {
        let mut pos = skip_ws(text, 0);
        for seg in path {
            pos = match (seg, text.get(pos)?) {
                (Seg::Key(key), b'{') => find_key(text, pos + 1, key)?,
                (Seg::Index(index), b'[') => find_index(text, pos + 1, *index)?,
                _ => return Some(pos),
            };
        }
        Some(pos)
    }

    fn skip_ws(text: &[u8], mut pos: usize) -> usize {
        while pos < text.len() && text[pos].is_ascii_whitespace() {
            pos += 1;
        }
        pos
    }

    /// Returns the position just past the string starting at `pos` (a quote).
    fn skip_string(text: &[u8], mut pos: usize) -> Option<usize> {
        pos += 1;
        while pos < text.len() {
            match text[pos] {
                b'\\' => pos += 2,
                b'"' => return Some(pos + 1),
                _ => pos += 1,
            }
        }
        None
    }

    /// Returns the position just past the value starting at `pos`.
    fn skip_value(text: &[u8], pos: usize) -> Option<usize> {
        match text.get(pos)? {
            b'"' => skip_string(text, pos),
            b'{' | b'[' => {
                let mut depth = 0usize;
                let mut p = pos;
                while p < text.len() {
                    match text[p] {
                        b'"' => {
                            p = skip_string(text, p)?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                return Some(p + 1);
                            }
                        }
                        _ => {}
                    }
                    p += 1;
                }
                None
            }
            _ => {
                let mut p = pos;
                while p < text.len() && !matches!(text[p], b',' | b'}' | b']') {
                    p += 1;
                }
                Some(p)
            }
        }
    }

    fn find_key(text: &[u8], mut pos: usize, key: &str) -> Option<usize> {
        loop {
            pos = skip_ws(text, pos);
            if text.get(pos)? != &b'"' {
                return None;
            }
            let end = skip_string(text, pos)?;
            let found = &text[pos + 1..end - 1] == key.as_bytes();
            pos = skip_ws(text, end);
            if text.get(pos)? != &b':' {
                return None;
            }
            pos = skip_ws(text, pos + 1);
            if found {
                return Some(pos);
            }
            pos = skip_ws(text, skip_value(text, pos)?);
            match text.get(pos)? {
                b',' => pos += 1,
                _ => return None,
            }
        }
    }

    fn find_index(text: &[u8], mut pos: usize, index: usize) -> Option<usize> {
        for _ in 0..index {
            pos = skip_ws(text, pos);
            pos = skip_ws(text, skip_value(text, pos)?);
            match text.get(pos)? {
                b',' => pos += 1,
                _ => return None,
            }
        }
        Some(skip_ws(text, pos))
    }
}

#[cfg(test)]
mod tests {
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
}
