//! Strings quoted for messages.

use std::fmt::{self, Write as _};

/// A string in double quotes, escaped as in JSON, for messages: `{:?}` would do, but
/// core's `Debug` escaping for `str` is 4 KB of the scan module.
pub(crate) struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        f.write_char('"')?;
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
            f.write_str(&s[run..i])?;
            if escape.is_empty() {
                write!(f, "\\u{b:04x}")?;
            } else {
                f.write_str(escape)?;
            }
            run = i + 1;
        }
        f.write_str(&s[run..])?;
        f.write_char('"')
    }
}

#[cfg(test)]
mod tests {
    use super::Quoted;

    #[test]
    fn quotes_escape_as_json_does() {
        assert_eq!(Quoted("plain").to_string(), "\"plain\"");
        assert_eq!(
            Quoted("a \"b\"\\\n\u{1}").to_string(),
            "\"a \\\"b\\\"\\\\\\n\\u0001\""
        );
    }
}
