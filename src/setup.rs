//! Sentences that say they tell the book's opening or its set-up: "At the start all
//! anyone knows is that the Hand died of a fever", "The novel opens with Viserys selling
//! his sister", "In the first chapter …", "the blurb says …", "The set-up is simple: …". What such a sentence tells of the
//! book's first fifth is the set-up a reader at 0 % knows, however it is worded, and what
//! it tells in generic cues ("died", "murdered") is placed there too. A later event or
//! term it names still counts: "The book opens with the funeral" says nothing of the end,
//! and "it opens with a wedding and ends with a murder" tells the murder by its own
//! event. Not "from the first page" or "from the start": said looking back, they point
//! at a twist ("from page one there is only one man in the room").

use crate::text::NormText;

/// Words in a row that place a sentence at the book's opening, as the normaliser writes
/// them (stemmed, "the" and "a" dropped: "at the beginning" is "at begin").
const OPENING: [&[&[u8]]; 20] = [
    &[b"at", b"start"],
    &[b"at", b"begin"],
    &[b"at", b"outset"],
    &[b"first", b"chapter"],
    &[b"open", b"chapter"],
    &[b"first", b"pag"],
    &[b"open", b"pag"],
    &[b"first", b"scene"],
    &[b"open", b"scene"],
    &[b"open", b"with"],
    &[b"open", b"when"],
    &[b"begin", b"with"],
    &[b"begin", b"when"],
    &[b"blurb"],
    &[b"back", b"cover"],
    &[b"jacket", b"copy"],
    // The set-up or premise named as such: "Everyone knows the setup: …", "The premise is
    // simple: …", "a reminder of the set-up", "Same set-up: …"; not the verb "he had set
    // up the call" (a sentence that opens with "set up" is [`opens_with_set_up`]).
    &[b"setup"],
    &[b"premis"],
    &[b"of", b"set", b"up"],
    &[b"sam", b"set", b"up"],
];

/// Whether the sentence of `words[i]` opens with it and it is "set up" ("The set-up is
/// simple: …"; "the" is dropped by the normaliser).
fn opens_with_set_up(norm: &NormText, words: &[crate::text::Word], i: usize) -> bool {
    (i == 0 || words[i - 1].sentence != words[i].sentence)
        && norm.word_bytes(words[i]) == b"set"
        && words
            .get(i + 1)
            .is_some_and(|w| w.sentence == words[i].sentence && norm.word_bytes(*w) == b"up")
}

/// The sentences of `norm` (of its first 32, one bit each) that place what they tell at
/// the book's opening.
pub(crate) fn opening_sentences(norm: &NormText) -> u32 {
    let words = norm.words();
    let mut found = 0u32;
    for (i, word) in words.iter().enumerate() {
        if word.sentence >= 32 || found >> word.sentence & 1 == 1 {
            continue;
        }
        // Every word of every block comes through here: its bytes are taken once, and a
        // marker is read on only when its first word is this one.
        let first = norm.word_bytes(*word);
        let opens = OPENING.iter().any(|marker| {
            marker[0] == first
                && marker.len() <= words.len() - i
                && marker[1..]
                    .iter()
                    .zip(&words[i + 1..])
                    .all(|(m, w)| w.sentence == word.sentence && norm.word_bytes(*w) == *m)
        });
        let said_from = opens && i > 0 && norm.word_bytes(words[i - 1]) == b"from";
        if (opens && !said_from) || opens_with_set_up(norm, words, i) {
            found |= 1 << word.sentence;
        }
    }
    found
}

/// Whether sentence `sentence` is one of `opening` ([`opening_sentences`]).
pub(crate) fn is_opening(opening: u32, sentence: u32) -> bool {
    sentence < 32 && opening >> sentence & 1 == 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Normalizer;

    fn opening(text: &str) -> Vec<u32> {
        let bits = opening_sentences(&Normalizer::new().normalize(text));
        (0..32).filter(|&s| is_opening(bits, s)).collect()
    }

    #[test]
    fn time_words_of_the_opening_mark_their_sentence_only() {
        assert_eq!(
            opening("At the start all anyone knows is that he died. Later she learns more."),
            [0]
        );
        assert_eq!(
            opening("He lies. In the first chapter he marries her."),
            [1]
        );
        assert_eq!(opening("The novel opens with a wedding."), [0]);
        assert_eq!(opening("The blurb says he is dead."), [0]);
        assert_eq!(opening("At the beginning, nobody knows."), [0]);
        assert!(opening("She dies at the end.").is_empty());
        assert_eq!(opening("He lies. The set-up is simple: she shot him."), [1]);
        assert_eq!(opening("Everyone knows the setup: he dies."), [0]);
        assert_eq!(opening("A quick reminder of the set-up: she is dead."), [0]);
        assert_eq!(opening("The premise is catnip."), [0]);
        assert!(opening("The voice was a dictaphone he had set up.").is_empty());
    }

    #[test]
    fn looking_back_from_the_start_is_no_opening() {
        assert!(opening("From the first page he was lying to us.").is_empty());
        assert!(opening("You know from the first chapter who did it.").is_empty());
    }
}
