//! The lines a plot summary quotes, as spoiler terms.
//!
//! A summary quotes a character only when the words matter, and the ones it quotes in
//! its second half are the lines readers remember and repeat on every page about the
//! book ("My dear, I don't give a damn", "tomorrow is another day"). Word for word they
//! name the book's turn as surely as a name does, so each quoted line of a few words in
//! the second half becomes a term of its own, weighted by where it comes like the
//! summary's other words. A line of the first half is more often a motif that reviews
//! quote freely ("the good guys", "carrying the fire") and is no term; one of the third
//! quarter needs a name beside it.

use crate::shield::{Revealed, Term};
use crate::text::Normalizer;

/// Fewest words of a quoted line worth a term: "the fire" is a phrase, not a line.
const MIN_WORDS: usize = 3;
/// Most words of a quoted line: a longer quotation is seldom repeated word for word.
const MAX_WORDS: usize = 12;
/// A line quoted before this share of the summary is a motif or the premise.
const FIRST_SHARE: f32 = 0.5;
/// A line quoted before this share needs a name of the book in its sentence.
const ALONE_SHARE: f32 = 0.75;
/// Weight of a line quoted at the half-way point.
const FIRST_WEIGHT: f32 = 0.6;
/// Weight of a line quoted at the very end.
const LAST_WEIGHT: f32 = 1.5;

/// The quoted lines of `summary` as terms, in summary order: each span between a pair of
/// double quotation marks ("…" or “…”) of [`MIN_WORDS`] to [`MAX_WORDS`] words in the
/// second half, weighted from [`FIRST_WEIGHT`] there to [`LAST_WEIGHT`] at the end.
pub(crate) fn quoted_lines(summary: &str) -> Vec<Term> {
    let normalizer = Normalizer::new();
    let length = summary.len().max(1) as f32;
    let mut terms: Vec<Term> = Vec::new();
    let mut rest = summary;
    let mut offset = 0;
    while let Some((open, opener)) = rest.char_indices().find(|&(_, c)| matches!(c, '"' | '“')) {
        let after = open + opener.len_utf8();
        let Some((close, closer)) = rest[after..]
            .char_indices()
            .find(|&(_, c)| matches!(c, '"' | '”'))
        else {
            break;
        };
        let line = rest[after..after + close].trim_matches(|c: char| !c.is_alphanumeric());
        let position = (offset + open) as f32 / length;
        let words = line.split_whitespace().count();
        let share = (position - FIRST_SHARE) / (1.0 - FIRST_SHARE);
        let weight = (FIRST_WEIGHT + share * (LAST_WEIGHT - FIRST_WEIGHT)).min(LAST_WEIGHT);
        let phrase = line.to_lowercase();
        let usable = position >= FIRST_SHARE
            && (MIN_WORDS..=MAX_WORDS).contains(&words)
            && normalizer.pattern(&phrase).is_some()
            && !terms.iter().any(|t| t.phrase == phrase);
        if usable {
            let percent = (position * 100.0).round();
            terms.push(Term {
                phrase,
                also: Vec::new(),
                weight: (weight * 10.0).round() / 10.0,
                needs_entity: position < ALONE_SHARE,
                revealed: Some(Revealed {
                    at: format!("about {percent}% into the summary"),
                    percent,
                }),
            });
        }
        let consumed = after + close + closer.len_utf8();
        offset += consumed;
        rest = &rest[consumed..];
    }
    terms
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_line_quoted_late_is_a_heavy_term_and_one_of_the_first_half_none() {
        let summary = format!(
            "She tells him \"we are the good ones\" on the first day. {} At last he says, \
             “My dear, I don't give a damn,” and she answers \"tomorrow\".",
            "Years pass and much happens to them both. ".repeat(20)
        );
        let terms = quoted_lines(&summary);
        let phrases: Vec<&str> = terms.iter().map(|t| t.phrase.as_str()).collect();
        assert_eq!(
            phrases,
            ["my dear, i don't give a damn"],
            "first-half line and one-word quote left out"
        );
        assert!(terms[0].weight >= 1.2, "{}", terms[0].weight);
        assert!(!terms[0].needs_entity);
        assert!(terms[0].revealed.as_ref().is_some_and(|r| r.percent > 90.0));
    }

    #[test]
    fn an_unclosed_quote_ends_the_search() {
        assert!(quoted_lines("He shouts \"never again and runs").is_empty());
    }
}
