//! Page sections that are spoilers by their nature: a section headed "Plot", "Plot
//! summary", "Synopsis" or "Ending" on a page about a book retells the book, so its
//! paragraphs are blurred on half the usual evidence. A section runs from its heading to
//! the next short, heading-like block. The headings are those of
//! `extension/content/article-rules.json` (retellings and endings), which the content
//! script's plot guard reads too.

use std::sync::OnceLock;

use crate::text::{NormText, Normalizer};

// The headings that open a plot section (`SECTION_HEADINGS`): the retellings and the
// endings of `extension/content/article-rules.json`, which the content script's plot guard
// and src/authoring/article.rs read too, as a table written by build.rs.
include!(concat!(env!("OUT_DIR"), "/section_headings.rs"));

/// Factor applied to the evidence threshold inside a plot section.
pub(crate) const PLOT_SECTION_EVIDENCE: f32 = 0.5;

/// Most words a block may have to be taken for a heading.
const HEADING_WORDS: usize = 4;

/// What a heading-like block does to the current section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Heading {
    /// Opens a plot section.
    Plot,
    /// Closes whatever section was open.
    Other,
}

/// Classifies a normalised block: `None` when it is too long to be a heading.
pub(crate) fn heading(norm: &NormText) -> Option<Heading> {
    // The words the normaliser recorded, not a split of the text: every block goes
    // through here, and splitting a long block again cost 3% of a `classify` run.
    if norm.words().is_empty() || norm.words().len() > HEADING_WORDS {
        return None;
    }
    let text = norm.as_str().trim();
    static PLOT: OnceLock<Vec<String>> = OnceLock::new();
    let plot = PLOT.get_or_init(|| {
        SECTION_HEADINGS
            .iter()
            .map(|h| Normalizer::new().normalize(h).as_str().trim().to_string())
            .collect()
    });
    Some(if plot.iter().any(|h| h == text) {
        Heading::Plot
    } else {
        Heading::Other
    })
}

/// Factor applied, in a spoiler zone (after a spoiler warning or a block that spoils a
/// book), to the evidence threshold of a block that tells something of a book's people:
/// a reply in a spoiler thread says less and means more. Measured on
/// `tests/corpus/dev`: 0.5, as in a plot section, cost precision (0.90 → 0.89).
pub(crate) const ZONE_TOLD_EVIDENCE: f32 = 0.7;

/// Most words a block may have to be taken for a spoiler warning.
const WARNING_WORDS: usize = 30;

/// Whether a short block warns that spoilers follow ("SPOILERS inside", "[Spoilers]",
/// "spoiler thread", "Spoilers for every book on the list"), and does not promise the
/// opposite ("no spoilers", "spoiler-free"), or tells the reader to skip what follows
/// ("skip the next two paragraphs", "stop reading here", "look away now"). What follows
/// it on a page about a book is a spoiler zone: its replies speak of the book's people by
/// pronoun and still spoil it.
pub(crate) fn warns_of_spoilers(norm: &NormText) -> bool {
    norm.words().len() <= WARNING_WORDS && (names_spoilers(norm) || says_skip(norm))
}

/// Two words in a row that tell a reader to pass over what follows, as the normaliser
/// writes them (stemmed, "the" dropped): "skip the next …", "skip ahead", "skip this
/// section", "stop reading", "look away".
const SKIP: [[&[u8]; 2]; 6] = [
    [b"skip", b"next"],
    [b"skip", b"ahead"],
    [b"skip", b"follow"],
    [b"skip", b"this"],
    [b"stop", b"read"],
    [b"look", b"away"],
];

/// Whether the block says to skip what follows (see [`SKIP`]).
fn says_skip(norm: &NormText) -> bool {
    norm.words().windows(2).any(|pair| {
        let pair = [norm.word_bytes(pair[0]), norm.word_bytes(pair[1])];
        SKIP.contains(&pair)
    })
}

/// Whether the block says "spoilers" and not "no spoilers", "spoiler-free" and the like.
fn names_spoilers(norm: &NormText) -> bool {
    // As the normaliser writes them: stemmed ("spoilers" → "spoiler", "free" → "fre").
    const WORDS: [&[u8]; 7] = [
        b"spoiler", b"no", b"fre", b"without", b"non", b"avoid", b"dont",
    ];
    let mut warns = false;
    for word in norm.words() {
        match WORDS.iter().position(|w| *w == norm.word_bytes(*word)) {
            Some(0) => warns = true,
            Some(_) => return false,
            None => {}
        }
    }
    warns
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_says_spoilers_follow_and_a_promise_of_none_is_no_warning() {
        let warns = |text: &str| warns_of_spoilers(&Normalizer::new().normalize(text));
        assert!(warns("Finished it last night (SPOILERS)"));
        assert!(warns("The Silent Patient: spoiler thread"));
        assert!(!warns("A spoiler-free review"));
        assert!(!warns("No spoilers please, I'm on chapter 3"));
        assert!(!warns("The prose is quiet and precise."));
        assert!(warns(
            "Readers who do not know the story should skip the next two paragraphs."
        ));
        assert!(warns("Haven't finished it? Stop reading here."));
        assert!(warns("Look away now if you are still on part two"));
        assert!(!warns("I had to stop and put it down for a day."));
        assert!(!warns("She skips school to read it."));
        let long = format!("{} spoilers", "word ".repeat(WARNING_WORDS));
        assert!(
            !warns(&long),
            "a paragraph that mentions spoilers is no warning"
        );
    }
}
