//! The shield file format: reading a parsed JSON document into the schema's types, with
//! the line and field path of whatever is wrong, and writing a shield back out.
//!
//! Reading is strict, as people edit these files by hand: an unknown or repeated field
//! is refused (a typo such as `"wieght"` would otherwise be silently ignored), and so
//! is a value of the wrong type.

use super::events::{self, EVENTS_SCHEMA};
use super::{
    check_file_size, path_string, Cue, CueLexicon, Entity, EntityKind, Part, Revealed, Seg, Shield,
    ShieldError, Term, SCHEMA_VERSION,
};
use crate::json::{self, Kind, Out, Quoted, Value};

/// A parsed shield or cue file, and what is needed to point into it.
pub(crate) struct Document<'t> {
    /// The text the values' offsets point into; `None` when there is none a person
    /// could look at (an object handed over by JavaScript), and so no line.
    text: Option<&'t str>,
    source: String,
    root: Value,
}

impl<'t> Document<'t> {
    /// Parses `text`, a shield or cue file; `source` names it in errors.
    pub(crate) fn parse(text: &'t str, source: &str) -> Result<Document<'t>, ShieldError> {
        check_file_size(text.len() as u64, source)?;
        let leading = text.len() - text.trim_start().len();
        let first = text[leading..].chars().next();
        if !matches!(first, Some('{') | None) {
            return Err(ShieldError {
                source: source.to_string(),
                line: Some(json::line_of(text, leading)),
                field: String::new(),
                message: format!(
                    "a shield file is one JSON object ({{\"schema\": 1, …}}), but this one starts with {}",
                    json::quoted_char(first.unwrap_or(' '))
                ),
            });
        }
        let root = json::parse(text).map_err(|e| {
            // Say what the reader has in hand; the parser's words are for whoever fixes
            // the file.
            let message = if e.eof {
                format!(
                    "the file ends in the middle of the JSON ({}); it may have been cut short",
                    e.message
                )
            } else {
                format!(
                    "this is not valid JSON ({}); a shield file is one JSON object, see docs/SHIELDS.md",
                    e.message
                )
            };
            ShieldError {
                source: source.to_string(),
                line: Some(json::line_of(text, e.at)),
                field: String::new(),
                message,
            }
        })?;
        Ok(Document {
            text: Some(text),
            source: source.to_string(),
            root,
        })
    }

    /// A document of a value that has no text of its own; its errors name fields only.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn of_value(root: Value, source: &str) -> Document<'static> {
        Document {
            text: None,
            source: source.to_string(),
            root,
        }
    }

    /// The error for the value at `path`, with its line; an empty path means the
    /// whole document, which has no one line to point at.
    pub(crate) fn error_at(&self, path: &[Seg], message: String) -> ShieldError {
        let mut value = &self.root;
        for seg in path {
            let next = match (seg, &value.kind) {
                (Seg::Key(key), _) => value.get(key),
                (Seg::Index(i), Kind::Array(items)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(next) => value = next,
                None => break,
            }
        }
        ShieldError {
            source: self.source.clone(),
            line: self
                .text
                .filter(|_| !path.is_empty())
                .map(|text| json::line_of(text, value.at)),
            field: path_string(path),
            message,
        }
    }

    /// The document's top-level value.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn root(&self) -> &Value {
        &self.root
    }

    /// The object `value` read as name → number pairs, in document order.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn numbers_by_name(
        &self,
        value: &Value,
        path: &[Seg],
    ) -> Result<Vec<(String, f32)>, ShieldError> {
        let Kind::Object(fields) = &value.kind else {
            return Err(self.fail(value, path, self.expected("an object {…}", value)));
        };
        fields
            .iter()
            .map(|(name, v)| match v.kind {
                Kind::Number(x) => Ok((name.clone(), x as f32)),
                _ => Err(self.fail(
                    v,
                    path,
                    format!("{}: {}", Quoted(name), self.expected("a number", v)),
                )),
            })
            .collect()
    }

    fn fail(&self, value: &Value, path: &[Seg], message: String) -> ShieldError {
        ShieldError {
            source: self.source.clone(),
            line: self.text.map(|text| json::line_of(text, value.at)),
            field: path_string(path),
            message,
        }
    }

    /// Reads the document as a shield (not yet validated: see [`Shield::validate`]).
    pub(crate) fn shield(&self) -> Result<Shield, ShieldError> {
        let root = &self.root;
        let fields = self.object(
            root,
            &[],
            &[
                "schema", "id", "title", "author", "year", "aliases", "parts", "entities", "terms",
                "premise", "events",
            ],
        )?;
        Ok(Shield {
            schema: self.schema(&fields, EVENTS_SCHEMA)?,
            id: self.string(fields.required("id")?, &fields.path("id"))?,
            title: self.string(fields.required("title")?, &fields.path("title"))?,
            author: self.string(fields.required("author")?, &fields.path("author"))?,
            year: match fields.optional("year") {
                Some(v) => Some(self.whole(v, &fields.path("year"))? as i32),
                None => None,
            },
            aliases: self.strings(fields.get("aliases"), &fields.path("aliases"))?,
            parts: self.list(fields.get("parts"), &fields.path("parts"), |v, path| {
                let part = self.object(v, path, &["name", "percent"])?;
                Ok(Part {
                    name: self.string(part.required("name")?, &part.path("name"))?,
                    percent: self.number(part.required("percent")?, &part.path("percent"))?,
                })
            })?,
            entities: self.list(
                Some(fields.required("entities")?),
                &fields.path("entities"),
                |v, path| self.entity(v, path),
            )?,
            terms: self.list(
                Some(fields.required("terms")?),
                &fields.path("terms"),
                |v, path| self.term(v, path),
            )?,
            premise: events::read_premise(self, fields.get("premise"), &fields.path("premise"))?,
            events: events::read_events(self, fields.get("events"), &fields.path("events"))?,
        })
    }

    fn entity(&self, value: &Value, path: &[Seg]) -> Result<Entity, ShieldError> {
        let fields = self.object(
            value,
            path,
            &["name", "kind", "aliases", "common", "premise"],
        )?;
        let kind_path = fields.path("kind");
        let kind = match self.string(fields.required("kind")?, &kind_path)?.as_str() {
            "character" => EntityKind::Character,
            "place" => EntityKind::Place,
            "object" => EntityKind::Object,
            "group" => EntityKind::Group,
            "other" => EntityKind::Other,
            other => {
                return Err(self.fail(
                    fields.required("kind")?,
                    &kind_path,
                    format!(
                        "{} is not a kind; use \"character\", \"place\", \"object\", \"group\" or \"other\"",
                        Quoted(other)
                    ),
                ))
            }
        };
        Ok(Entity {
            name: self.string(fields.required("name")?, &fields.path("name"))?,
            kind,
            aliases: self.strings(fields.get("aliases"), &fields.path("aliases"))?,
            common: self.flag(fields.get("common"), &fields.path("common"))?,
            premise: self.flag(fields.get("premise"), &fields.path("premise"))?,
        })
    }

    fn term(&self, value: &Value, path: &[Seg]) -> Result<Term, ShieldError> {
        let fields = self.object(
            value,
            path,
            &["phrase", "also", "weight", "needs_entity", "revealed"],
        )?;
        let revealed = match fields.optional("revealed") {
            None => None,
            Some(v) => {
                let path = fields.path("revealed");
                let revealed = self.object(v, &path, &["at", "percent"])?;
                Some(Revealed {
                    at: self.string(revealed.required("at")?, &revealed.path("at"))?,
                    percent: self
                        .number(revealed.required("percent")?, &revealed.path("percent"))?,
                })
            }
        };
        Ok(Term {
            phrase: self.string(fields.required("phrase")?, &fields.path("phrase"))?,
            also: self.strings(fields.get("also"), &fields.path("also"))?,
            weight: self.number(fields.required("weight")?, &fields.path("weight"))?,
            needs_entity: self.flag(fields.get("needs_entity"), &fields.path("needs_entity"))?,
            revealed,
        })
    }

    /// Reads the document as a cue lexicon (not yet validated).
    pub(crate) fn cues(&self) -> Result<CueLexicon, ShieldError> {
        let fields = self.object(&self.root, &[], &["schema", "cues"])?;
        Ok(CueLexicon {
            schema: self.schema(&fields, SCHEMA_VERSION)?,
            cues: self.list(
                Some(fields.required("cues")?),
                &fields.path("cues"),
                |v, path| {
                    let cue = self.object(v, path, &["phrase", "weight"])?;
                    Ok(Cue {
                        phrase: self.string(cue.required("phrase")?, &cue.path("phrase"))?,
                        weight: self.number(cue.required("weight")?, &cue.path("weight"))?,
                    })
                },
            )?,
        })
    }

    /// The fields of the object `value`, refusing any not in `allowed` and any given
    /// twice.
    pub(crate) fn object<'v>(
        &'v self,
        value: &'v Value,
        path: &[Seg],
        allowed: &'static [&'static str],
    ) -> Result<Fields<'v>, ShieldError> {
        let Kind::Object(fields) = &value.kind else {
            return Err(self.fail(value, path, self.expected("an object {…}", value)));
        };
        for (i, (key, v)) in fields.iter().enumerate() {
            if !allowed.contains(&key.as_str()) {
                let known: Vec<String> = allowed.iter().map(|k| format!("`{k}`")).collect();
                return Err(self.fail(
                    v,
                    path,
                    format!(
                        "unknown field {}; the fields here are {}",
                        Quoted(key),
                        known.join(", ")
                    ),
                ));
            }
            if fields[..i].iter().any(|(k, _)| k == key) {
                return Err(self.fail(v, path, format!("the field `{key}` is given twice")));
            }
        }
        Ok(Fields {
            document: self,
            value,
            fields,
            base: path.to_vec(),
            allowed,
        })
    }

    fn expected(&self, what: &str, value: &Value) -> String {
        format!("expected {what}, found {}", value.kind.describe())
    }

    pub(crate) fn string(&self, value: &Value, path: &[Seg]) -> Result<String, ShieldError> {
        match &value.kind {
            Kind::String(s) => Ok(s.clone()),
            _ => Err(self.fail(
                value,
                path,
                self.expected("a string in double quotes", value),
            )),
        }
    }

    pub(crate) fn number(&self, value: &Value, path: &[Seg]) -> Result<f32, ShieldError> {
        match value.kind {
            Kind::Number(x) => Ok(x as f32),
            _ => Err(self.fail(value, path, self.expected("a number", value))),
        }
    }

    /// A whole number that fits an `i32` (schema versions and years).
    fn whole(&self, value: &Value, path: &[Seg]) -> Result<i64, ShieldError> {
        match value.kind {
            Kind::Number(x) if x.fract() == 0.0 && x.abs() <= f64::from(i32::MAX) => Ok(x as i64),
            Kind::Number(_) => Err(self.fail(
                value,
                path,
                "expected a whole number such as 1 or 1997".to_string(),
            )),
            _ => Err(self.fail(value, path, self.expected("a whole number", value))),
        }
    }

    fn flag(&self, value: Option<&Value>, path: &[Seg]) -> Result<bool, ShieldError> {
        let Some(value) = value else {
            return Ok(false);
        };
        match value.kind {
            Kind::Bool(b) => Ok(b),
            _ => Err(self.fail(value, path, self.expected("true or false", value))),
        }
    }

    /// The schema version, which must be one this build reads: from
    /// [`SCHEMA_VERSION`] to `newest`.
    fn schema(&self, fields: &Fields, newest: u32) -> Result<u32, ShieldError> {
        let (value, path) = (fields.required("schema")?, fields.path("schema"));
        match self.whole(value, &path)? {
            v if (i64::from(SCHEMA_VERSION)..=i64::from(newest)).contains(&v) => Ok(v as u32),
            v if newest == SCHEMA_VERSION => {
                Err(self.fail(value, &path, format!("must be {SCHEMA_VERSION}, found {v}")))
            }
            v => Err(self.fail(
                value,
                &path,
                format!("must be {SCHEMA_VERSION} or {newest}, found {v}"),
            )),
        }
    }

    pub(crate) fn strings(
        &self,
        value: Option<&Value>,
        path: &[Seg],
    ) -> Result<Vec<String>, ShieldError> {
        self.list(value, path, |v, path| self.string(v, path))
    }

    /// The items of the array `value` (absent: none). Not generic, unlike [`Document::list`]:
    /// a caller that loops over them itself adds no iterator code to the Wasm module.
    pub(crate) fn items<'v>(
        &self,
        value: Option<&'v Value>,
        path: &[Seg],
    ) -> Result<&'v [Value], ShieldError> {
        match value.map(|v| &v.kind) {
            None => Ok(&[]),
            Some(Kind::Array(items)) => Ok(items),
            Some(_) => {
                let value = value.unwrap_or(&self.root);
                Err(self.fail(value, path, self.expected("an array [...]", value)))
            }
        }
    }

    /// Reads each item of the array `value` (absent: none) with `item`.
    pub(crate) fn list<T>(
        &self,
        value: Option<&Value>,
        path: &[Seg],
        mut item: impl FnMut(&Value, &[Seg]) -> Result<T, ShieldError>,
    ) -> Result<Vec<T>, ShieldError> {
        let Some(value) = value else {
            return Ok(Vec::new());
        };
        let Kind::Array(items) = &value.kind else {
            return Err(self.fail(value, path, self.expected("an array [...]", value)));
        };
        let mut at = path.to_vec();
        at.push(Seg::Index(0));
        let last = at.len() - 1;
        items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                at[last] = Seg::Index(i);
                item(v, &at)
            })
            .collect()
    }
}

/// The fields of one object of a [`Document`], already checked against the schema.
pub(crate) struct Fields<'v> {
    document: &'v Document<'v>,
    value: &'v Value,
    fields: &'v [(String, Value)],
    base: Vec<Seg>,
    allowed: &'static [&'static str],
}

impl<'v> Fields<'v> {
    pub(crate) fn get(&self, key: &str) -> Option<&'v Value> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The field, treating `null` as absent (an optional field left empty).
    pub(crate) fn optional(&self, key: &str) -> Option<&'v Value> {
        self.get(key).filter(|v| v.kind != Kind::Null)
    }

    pub(crate) fn required(&self, key: &'static str) -> Result<&'v Value, ShieldError> {
        self.get(key).ok_or_else(|| {
            self.document.fail(
                self.value,
                &self.base,
                format!("the field `{key}` is missing"),
            )
        })
    }

    /// The path of field `key`, which must be one of the allowed names.
    pub(crate) fn path(&self, key: &str) -> Vec<Seg> {
        let mut path = self.base.clone();
        if let Some(name) = self.allowed.iter().find(|k| **k == key) {
            path.push(Seg::Key(name));
        }
        path
    }
}

/// A shield as the value [`Out::to_pretty`] writes: the fields in schema order, and the
/// optional ones only when set, as people write them.
pub(crate) fn shield_out(shield: &Shield) -> Out {
    let mut fields = vec![
        ("schema", Out::Int(i64::from(shield.schema))),
        ("id", Out::str(&shield.id)),
        ("title", Out::str(&shield.title)),
        ("author", Out::str(&shield.author)),
    ];
    if let Some(year) = shield.year {
        fields.push(("year", Out::Int(i64::from(year))));
    }
    push_strings(&mut fields, "aliases", &shield.aliases);
    if !shield.parts.is_empty() {
        let parts = shield
            .parts
            .iter()
            .map(|p| {
                Out::Object(vec![
                    ("name", Out::str(&p.name)),
                    ("percent", Out::f32(p.percent)),
                ])
            })
            .collect();
        fields.push(("parts", Out::Array(parts)));
    }
    let entities = shield.entities.iter().map(entity_out).collect();
    fields.push(("entities", Out::Array(entities)));
    let terms = shield.terms.iter().map(term_out).collect();
    fields.push(("terms", Out::Array(terms)));
    if !shield.premise.is_empty() {
        let premise = shield
            .premise
            .iter()
            .map(|p| Out::Object(plot_fields(&p.says, &p.who, &p.words)))
            .collect();
        fields.push(("premise", Out::Array(premise)));
    }
    if !shield.events.is_empty() {
        let events = shield
            .events
            .iter()
            .map(|e| {
                let mut out = plot_fields(&e.says, &e.who, &e.words);
                out.push(("at", Out::str(&e.at)));
                out.push(("percent", Out::f32(e.percent)));
                Out::Object(out)
            })
            .collect();
        fields.push(("events", Out::Array(events)));
    }
    Out::Object(fields)
}

/// The fields an event and a premise item share.
fn plot_fields(says: &str, who: &[String], words: &[String]) -> Vec<(&'static str, Out)> {
    let list = |l: &[String]| Out::Array(l.iter().map(|s| Out::str(s)).collect());
    vec![
        ("says", Out::str(says)),
        ("who", list(who)),
        ("words", list(words)),
    ]
}

fn entity_out(entity: &Entity) -> Out {
    let kind = match entity.kind {
        EntityKind::Character => "character",
        EntityKind::Place => "place",
        EntityKind::Object => "object",
        EntityKind::Group => "group",
        EntityKind::Other => "other",
    };
    let mut fields = vec![("name", Out::str(&entity.name)), ("kind", Out::str(kind))];
    push_strings(&mut fields, "aliases", &entity.aliases);
    push_flag(&mut fields, "common", entity.common);
    push_flag(&mut fields, "premise", entity.premise);
    Out::Object(fields)
}

fn term_out(term: &Term) -> Out {
    let mut fields = vec![("phrase", Out::str(&term.phrase))];
    push_strings(&mut fields, "also", &term.also);
    fields.push(("weight", Out::f32(term.weight)));
    push_flag(&mut fields, "needs_entity", term.needs_entity);
    if let Some(revealed) = &term.revealed {
        fields.push((
            "revealed",
            Out::Object(vec![
                ("at", Out::str(&revealed.at)),
                ("percent", Out::f32(revealed.percent)),
            ]),
        ));
    }
    Out::Object(fields)
}

fn push_strings(fields: &mut Vec<(&'static str, Out)>, key: &'static str, list: &[String]) {
    if !list.is_empty() {
        fields.push((key, Out::Array(list.iter().map(|s| Out::str(s)).collect())));
    }
}

fn push_flag(fields: &mut Vec<(&'static str, Out)>, key: &'static str, on: bool) {
    if on {
        fields.push((key, Out::Bool(true)));
    }
}
