//! A small JSON reader and writer: shield files in, scan results and shields out.
//!
//! Why not serde_json: the scan module every page loads reads shields and writes
//! verdicts, and serde_json with the deserialisers derived for the shield schema, and
//! the float formatting its errors reach, was 45 KB of that 306 KB module. What the crate
//! needs of JSON is small: read a document into a tree that remembers where each value
//! starts (so a shield error names the line of the very value at fault), and write a
//! few shapes back. Typed reading (which fields a shield has) lives with the schema in
//! [`crate::shield`].

use std::fmt::Write as _;

/// Deepest nesting read. Shield files nest four levels; the limit keeps a hostile file
/// of a million `[` from exhausting the stack.
pub(crate) const MAX_DEPTH: usize = 64;

/// A parsed JSON value and the byte offset in the text where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Value {
    /// Byte offset of the value's first character.
    pub at: usize,
    /// What it is.
    pub kind: Kind,
}

/// The kinds of JSON value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    /// Fields in document order; duplicates are kept for the typed reader to refuse.
    Object(Vec<(String, Value)>),
}

impl Kind {
    /// How a message names a value of this kind: "a string \"heavy\"", "a number".
    pub(crate) fn describe(&self) -> String {
        match self {
            Kind::Null => "null".to_string(),
            Kind::Bool(b) => format!("`{b}`"),
            Kind::Number(_) => "a number".to_string(),
            Kind::String(s) if s.len() <= 40 => format!("the string {}", Quoted(s)),
            Kind::String(_) => "a long string".to_string(),
            Kind::Array(_) => "an array".to_string(),
            Kind::Object(_) => "an object".to_string(),
        }
    }
}

/// A string in double quotes, escaped as in JSON, for messages: `{:?}` would do, but
/// core's `Debug` escaping for `str` is 4 KB of the scan module.
pub(crate) struct Quoted<'a>(pub &'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::with_capacity(self.0.len() + 2);
        write_string(&mut out, self.0);
        f.write_str(&out)
    }
}

/// A character in single quotes for messages, or its code point when it is invisible.
pub(crate) fn quoted_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("'{c}'")
    }
}

impl Value {
    /// The value at `key`, when this is an object that has it.
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        match &self.kind {
            Kind::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Why a text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// Byte offset where reading stopped.
    pub at: usize,
    /// What was expected there.
    pub message: String,
    /// The text ended before the document did (a file cut short).
    pub eof: bool,
}

/// Parses one JSON document; only whitespace may follow it.
pub(crate) fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut reader = Reader { text, pos: 0 };
    let value = reader.value(0)?;
    reader.skip_ws();
    if reader.pos < text.len() {
        return Err(reader.error("expected the end of the document after its last `}`"));
    }
    Ok(value)
}

/// 1-based line number of byte offset `at` in `text`.
pub(crate) fn line_of(text: &str, at: usize) -> usize {
    1 + text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

struct Reader<'t> {
    text: &'t str,
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn error(&self, expected: &str) -> SyntaxError {
        // At the end of the text, what was expected is the whole story.
        let message = match self.text[self.pos.min(self.text.len())..].chars().next() {
            None => expected.to_string(),
            Some(c) => format!("{expected}, found {}", quoted_char(c)),
        };
        SyntaxError {
            at: self.pos,
            message,
            eof: self.pos >= self.text.len(),
        }
    }

    /// Consumes `byte` after any whitespace, or fails expecting `what`.
    fn expect(&mut self, byte: u8, what: &str) -> Result<(), SyntaxError> {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(what))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.skip_ws();
        let at = self.pos;
        let kind = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Kind::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => Kind::Number(self.number()?),
            Some(b't') => self.literal("true", Kind::Bool(true))?,
            Some(b'f') => self.literal("false", Kind::Bool(false))?,
            Some(b'n') => self.literal("null", Kind::Null)?,
            _ => {
                return Err(self.error(
                    "expected a value (a string in double quotes, a number, an object, an array, or true, false or null in lower case)",
                ))
            }
        };
        Ok(Value { at, kind })
    }

    fn nest(&self, depth: usize) -> Result<usize, SyntaxError> {
        if depth >= MAX_DEPTH {
            return Err(SyntaxError {
                at: self.pos,
                message: format!("values nested more than {MAX_DEPTH} deep"),
                eof: false,
            });
        }
        Ok(depth + 1)
    }

    fn object(&mut self, depth: usize) -> Result<Kind, SyntaxError> {
        let depth = self.nest(depth)?;
        self.pos += 1;
        let mut fields = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Kind::Object(fields));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a field name in double quotes"));
            }
            let key = self.string()?;
            self.expect(b':', "expected `:` after the field name")?;
            let value = self.value(depth)?;
            fields.push((key, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Kind::Object(fields));
                }
                _ => return Err(self.error("expected `,` or `}` after a field")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Kind, SyntaxError> {
        let depth = self.nest(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Kind::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Kind::Array(items));
                }
                _ => return Err(self.error("expected `,` or `]` after an item")),
            }
        }
    }

    fn literal(&mut self, word: &str, kind: Kind) -> Result<Kind, SyntaxError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(kind)
        } else {
            Err(self.error("expected a value (true, false or null are written in lower case)"))
        }
    }

    fn number(&mut self) -> Result<f64, SyntaxError> {
        let start = self.pos;
        let digits = |r: &mut Reader| {
            let from = r.pos;
            while matches!(r.peek(), Some(b'0'..=b'9')) {
                r.pos += 1;
            }
            r.pos > from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
        } else if !digits(self) {
            return Err(self.error("expected a digit"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.error("expected a digit after the decimal point"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        match self.text[start..self.pos].parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(x),
            _ => Err(SyntaxError {
                at: start,
                message: "a number too large to read".to_string(),
                eof: false,
            }),
        }
    }

    /// Reads the string starting at the opening quote at `pos`.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            // The run stops at an ASCII byte, so it ends on a character boundary.
            out.push_str(&self.text[run..self.pos]);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(self.error(
                        "expected the string to go on (a line break or tab inside a string must be written \\n or \\t)",
                    ))
                }
                None => return Err(self.error("expected the closing `\"` of a string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let Some(b) = self.peek() else {
            return Err(self.error("expected an escape after `\\`"));
        };
        self.pos += 1;
        let ch = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&high) {
                    if !self.text[self.pos..].starts_with("\\u") {
                        return Err(self.error("expected the second half of a \\u surrogate pair"));
                    }
                    self.pos += 2;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(self.error("expected the second half of a \\u surrogate pair"));
                    }
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    high
                };
                match char::from_u32(code) {
                    Some(c) => c,
                    None => {
                        return Err(self.error(
                            "expected a \\u escape of a character, not half a surrogate pair",
                        ))
                    }
                }
            }
            _ => {
                self.pos -= 1;
                return Err(
                    self.error("expected one of the escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u")
                );
            }
        };
        out.push(ch);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let hex = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match hex.and_then(|h| u32::from_str_radix(h, 16).ok()) {
            Some(code) => {
                self.pos += 4;
                Ok(code)
            }
            None => Err(self.error("expected four hex digits after \\u")),
        }
    }
}

/// A value to write: the shapes the crate emits.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    Null,
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// `scaled / 10^decimals`, written without an exponent.
    Decimal {
        scaled: i64,
        decimals: u8,
    },
    /// Nine significant `digits` (`d.dddddddd`) times `10^exponent`.
    Exponent {
        digits: i64,
        exponent: i32,
    },
    String(String),
    Array(Vec<Out>),
    /// Fields in the order written.
    Object(Vec<(&'static str, Out)>),
}

impl Out {
    /// `x` in the fewest decimals (at most 9) that read back as the same `f32`:
    /// 0.35 is written "0.35", not the "0.3499999940395355" its `f64` would be. Numbers
    /// too small or too large for that are written with an exponent. JSON has no NaN or
    /// infinity; they are written as null.
    pub(crate) fn f32(x: f32) -> Out {
        if !x.is_finite() {
            return Out::Null;
        }
        let wide = f64::from(x);
        let mut scale = 1.0;
        for decimals in 0..=9u8 {
            let scaled = (wide * scale).round();
            if scaled.abs() > 1.0e15 {
                break;
            }
            if (scaled / scale) as f32 == x {
                return Out::Decimal {
                    scaled: scaled as i64,
                    decimals,
                };
            }
            scale *= 10.0;
        }
        // Nine significant digits always read back as the same f32.
        let exponent = wide.abs().log10().floor() as i32;
        let digits = (wide * 10f64.powi(8 - exponent)).round() as i64;
        Out::Exponent { digits, exponent }
    }

    /// A string value.
    pub(crate) fn str(s: &str) -> Out {
        Out::String(s.to_string())
    }

    /// Writes the value on one line (what crosses the Wasm boundary).
    #[cfg(any(target_arch = "wasm32", test))]
    pub(crate) fn to_compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    /// Writes the value indented by two spaces a level, as people read and edit it.
    pub(crate) fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out
    }

    /// `indent` is the current level when pretty, `None` when compact.
    fn write(&self, out: &mut String, indent: Option<usize>) {
        match self {
            Out::Null => out.push_str("null"),
            Out::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Out::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Out::Decimal { scaled, decimals } => write_decimal(out, *scaled, *decimals),
            Out::Exponent { digits, exponent } => {
                write_decimal(out, *digits, 8);
                let _ = write!(out, "e{exponent}");
            }
            Out::String(s) => write_string(out, s),
            Out::Array(items) => {
                write_list(out, indent, '[', ']', items, |out, item, inner| {
                    item.write(out, inner)
                });
            }
            Out::Object(fields) => {
                write_list(out, indent, '{', '}', fields, |out, (key, value), inner| {
                    write_string(out, key);
                    out.push_str(if inner.is_some() { ": " } else { ":" });
                    value.write(out, inner);
                });
            }
        }
    }
}

fn write_list<T>(
    out: &mut String,
    indent: Option<usize>,
    open: char,
    close: char,
    items: &[T],
    mut each: impl FnMut(&mut String, &T, Option<usize>),
) {
    out.push(open);
    let inner = indent.map(|level| level + 1);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if let Some(level) = inner {
            newline(out, level);
        }
        each(out, item, inner);
    }
    if let (Some(level), false) = (indent, items.is_empty()) {
        newline(out, level);
    }
    out.push(close);
}

fn newline(out: &mut String, level: usize) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn write_decimal(out: &mut String, scaled: i64, decimals: u8) {
    let sign = if scaled < 0 { "-" } else { "" };
    let magnitude = scaled.unsigned_abs();
    let divisor = 10u64.pow(u32::from(decimals));
    let _ = write!(out, "{sign}{}", magnitude / divisor);
    if decimals > 0 {
        let _ = write!(
            out,
            ".{:0width$}",
            magnitude % divisor,
            width = usize::from(decimals)
        );
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escape);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Kind {
        parse(text).expect("valid JSON").kind
    }

    #[test]
    fn reads_every_kind_with_offsets() {
        let value =
            parse(r#" {"a": [1, -2.5e1, true, false, null], "b": "x\"\u00e9\ud83d\ude00"}"#)
                .expect("valid JSON");
        assert_eq!(value.at, 1);
        let a = value.get("a").expect("a");
        assert_eq!(a.at, 7);
        assert_eq!(
            a.kind,
            Kind::Array(vec![
                Value {
                    at: 8,
                    kind: Kind::Number(1.0)
                },
                Value {
                    at: 11,
                    kind: Kind::Number(-25.0)
                },
                Value {
                    at: 19,
                    kind: Kind::Bool(true)
                },
                Value {
                    at: 25,
                    kind: Kind::Bool(false)
                },
                Value {
                    at: 32,
                    kind: Kind::Null
                },
            ])
        );
        assert_eq!(
            value.get("b").map(|b| &b.kind),
            Some(&Kind::String("x\"é😀".to_string()))
        );
        assert_eq!(kind("[]"), Kind::Array(Vec::new()));
        assert_eq!(kind("{}"), Kind::Object(Vec::new()));
    }

    #[test]
    fn refuses_what_json_does_not_allow() {
        for (text, expected) in [
            ("{\"a\": 1,}", "field name"),
            ("[1 2]", "`,` or `]`"),
            ("{\"a\" 1}", "`:`"),
            ("01", "end of the document"),
            ("[1.]", "decimal point"),
            ("\"a\tb\"", "\\t"),
            ("\"\\x\"", "escapes"),
            ("\"\\ud800\"", "surrogate"),
            ("True", "lower case"),
            ("1e999", "too large"),
            ("{} {}", "end of the document"),
        ] {
            let err = parse(text).expect_err(text);
            assert!(err.message.contains(expected), "{text}: {}", err.message);
            assert!(!err.eof, "{text}");
        }
        for cut in ["{\"a\": [1, 2", "\"abc", "{\"a\"", ""] {
            assert!(parse(cut).expect_err(cut).eof, "{cut:?} ends early");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(1_000_000);
        let err = parse(&deep).expect_err("too deep");
        assert!(err.message.contains("nested"), "{}", err.message);
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 4), 3);
    }

    #[test]
    fn floats_are_written_in_the_fewest_decimals_that_read_back() {
        for (x, shown) in [
            (0.35f32, "0.35"),
            (0.1, "0.1"),
            (3.0, "3"),
            (-2.5, "-2.5"),
            (100.0, "100"),
            (0.0, "0"),
            (41.7, "41.7"),
        ] {
            assert_eq!(Out::f32(x).to_compact(), shown);
        }
        for x in [
            0.123_456_7f32,
            1.0 / 3.0,
            99.999,
            0.000_123,
            1e-30,
            -3.4e38,
            f32::MIN_POSITIVE,
            1e-45,
            123_456_789.0,
        ] {
            let text = Out::f32(x).to_compact();
            assert_eq!(text.parse::<f32>().ok(), Some(x), "{x} written {text}");
        }
        assert_eq!(Out::f32(f32::NAN).to_compact(), "null");
    }

    #[test]
    fn written_json_reads_back() {
        let out = Out::Object(vec![
            ("s", Out::str("quote \" back \\ line\n tab\t bell\u{7} é")),
            (
                "list",
                Out::Array(vec![Out::Int(-3), Out::Bool(true), Out::Null]),
            ),
            ("empty", Out::Array(Vec::new())),
        ]);
        let compact = out.to_compact();
        assert_eq!(
            compact,
            r#"{"s":"quote \" back \\ line\n tab\t bell\u0007 é","list":[-3,true,null],"empty":[]}"#
        );
        let pretty = out.to_pretty();
        assert!(pretty.starts_with("{\n  \"s\": \"quote"), "{pretty}");
        assert!(
            pretty.contains("\"list\": [\n    -3,\n    true,\n    null\n  ],"),
            "{pretty}"
        );
        assert!(pretty.ends_with("\"empty\": []\n}"), "{pretty}");
        let read = parse(&pretty).expect("reads back");
        assert_eq!(
            read.get("s").map(|s| &s.kind),
            Some(&Kind::String(
                "quote \" back \\ line\n tab\t bell\u{7} é".to_string()
            ))
        );
    }
}
