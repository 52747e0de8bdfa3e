//! Shield and cue files read from JSON text (feature `json`): serde_json reads the
//! typed structs, and every error names the line and the field path, because people
//! edit these files by hand and must find the typo.
//!
//! Reading is strict: the types refuse unknown and repeated fields (a typo such as
//! `"wieght"` would otherwise be silently ignored) and values of the wrong type. The
//! rules of the schema are checked afterwards, on the typed value
//! ([`Shield::validate`](super::Shield::validate)); their errors carry a field path, and
//! [`line_of`] finds that field's line by reading the text again.

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::error::Category;

use super::{check_file_size, path_string, Seg, ShieldError};
use crate::quoted::Quoted;

/// Reads and validates `text`, a shield or cue file named `source` in errors.
pub(crate) fn read<T: DeserializeOwned>(
    text: &str,
    source: &str,
    validate: impl FnOnce(&T) -> Result<(), (Vec<Seg>, String)>,
) -> Result<T, ShieldError> {
    check_file_size(text.len() as u64, source)?;
    let leading = text.len() - text.trim_start().len();
    if let Some(first) = text[leading..].chars().next().filter(|&c| c != '{') {
        return Err(ShieldError {
            source: source.to_string(),
            line: Some(1 + text[..leading].matches('\n').count()),
            field: String::new(),
            message: format!(
                "a shield file is one JSON object ({{\"schema\": 1, …}}), but this one starts with {}",
                quoted_char(first)
            ),
        });
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = super::serde_path(e.path());
        serde_error(source, field, e.into_inner())
    })?;
    de.end()
        .map_err(|e| serde_error(source, String::new(), e))?;
    validate(&value).map_err(|(path, message)| ShieldError {
        source: source.to_string(),
        line: line_of(text, &path),
        field: path_string(&path),
        message,
    })?;
    Ok(value)
}

/// A serde_json error as a [`ShieldError`]: the reader is told what they have in hand (a
/// file cut short, text that is not JSON, a field of the wrong type); serde's own words
/// follow for whoever fixes the file.
fn serde_error(source: &str, field: String, inner: serde_json::Error) -> ShieldError {
    // serde_json ends its messages with " at line L column C"; the line is said apart.
    let said = inner.to_string();
    let said = match said.rfind(" at line ") {
        Some(at) => &said[..at],
        None => &said[..],
    };
    let (field, message) = match inner.classify() {
        Category::Eof => (
            String::new(),
            format!("the file ends in the middle of the JSON ({said}); it may have been cut short"),
        ),
        Category::Syntax | Category::Io => (
            String::new(),
            format!("this is not valid JSON ({said}); a shield file is one JSON object, see docs/SHIELDS.md"),
        ),
        Category::Data => (field, said.to_string()),
    };
    ShieldError {
        source: source.to_string(),
        line: Some(inner.line()).filter(|&l| l > 0),
        field,
        message,
    }
}

/// A character in single quotes for messages, or its code point when it is invisible.
fn quoted_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", u32::from(c))
    } else if c == '"' {
        Quoted("\"").to_string()
    } else {
        format!("'{c}'")
    }
}

/// The 1-based line of the value at `path` in `text`, a JSON document; `None` for the
/// whole document or a path it does not have.
///
/// The text is read again, skipping every value off the path, and the value at its end
/// refuses to be read: serde_json gives that refusal the line where it stopped, which is
/// the line of the value (of its opening bracket, for an object or an array).
pub(crate) fn line_of(text: &str, path: &[Seg]) -> Option<usize> {
    if path.is_empty() {
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(text);
    match Locate(path).deserialize(&mut de) {
        Err(e) if e.to_string().starts_with(FOUND) => Some(e.line()),
        _ => None,
    }
}

const FOUND: &str = "found the value at the path";

/// Reads a value, descending along a path; at its end, fails with [`FOUND`].
struct Locate<'p>(&'p [Seg]);

impl<'de> DeserializeSeed<'de> for Locate<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Locate<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if self.0.is_empty() {
            return Err(de::Error::custom(FOUND));
        }
        while let Some(key) = map.next_key::<String>()? {
            match self.0 {
                [Seg::Key(k), rest @ ..] if *k == key => return map.next_value_seed(Locate(rest)),
                _ => map.next_value::<IgnoredAny>()?,
            };
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let [Seg::Index(index), rest @ ..] = self.0 else {
            return if self.0.is_empty() {
                Err(de::Error::custom(FOUND))
            } else {
                Ok(())
            };
        };
        for _ in 0..*index {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Locate(rest)).map(|_| ())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.end()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.end()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.end()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.end()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.end()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.end()
    }
}

impl Locate<'_> {
    /// A scalar: the value sought when the path ends here, else not on the path.
    fn end<E: de::Error>(self) -> Result<(), E> {
        if self.0.is_empty() {
            Err(E::custom(FOUND))
        } else {
            Ok(())
        }
    }
}
