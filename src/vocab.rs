//! The vocabulary of the automaton: every word that occurs in a pattern, each with a
//! short fixed-width byte code, so that the one Aho-Corasick automaton runs over word
//! codes instead of the bytes of the normalised text.
//!
//! Why: most words of a page are in no pattern at all. Looked up once each, they
//! shrink to one code per run of such words, and the automaton steps two or three
//! bytes per known word instead of six or so per word of text. Its matches then
//! start and end on whole words by construction, so none has to be thrown away for
//! starting inside a word, and the automaton itself is a third of the size.
//!
//! A code is [`Vocabulary::width`] bytes: the first has its high bit set, the others do
//! not. A pattern's code therefore only matches at the start of a code in the stream
//! (self-synchronising), and its end falls on a code's end. Code 0 stands for every
//! word that is in no pattern and for a sentence break; no pattern holds it, so no
//! match spans an unknown word or a sentence end, as none could in the text.

use crate::text::NormText;
use crate::word_table::WordTable;

/// The id of the code that stands for unknown words and sentence breaks.
const GAP: u32 = 0;
/// Payload bits per code byte: the high bit is the code-start mark.
const BITS_PER_BYTE: u32 = 7;

/// The words of the patterns, each with its id (from 1; 0 is [`GAP`]).
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    ids: WordTable,
    width: usize,
    /// For word id `i`, at index `i`, the tag [`Vocabulary::tag`] gave it, or
    /// [`UNTAGGED`]; empty while no word is tagged.
    tags: Vec<u32>,
}

/// The tag of a word that has none.
const UNTAGGED: u32 = u32::MAX;

/// A block's words as codes, and where each code stands in the normalised text.
#[derive(Debug, Default)]
pub(crate) struct EncodedText {
    /// The codes, [`Vocabulary::width`] bytes each.
    pub bytes: Vec<u8>,
    /// Every word that has a tag, in order.
    pub tagged: Vec<Tagged>,
    /// For each code, the index in [`NormText::words`] of the word it stands for
    /// (meaningless for gap codes, which no match covers).
    pub words: Vec<u32>,
}

/// A tagged word of a block (see [`Vocabulary::tag`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tagged {
    /// The index of its code in [`EncodedText::bytes`], in codes.
    pub code: u32,
    /// Its index in [`NormText::words`].
    pub word: u32,
    /// The tag.
    pub tag: u32,
}

impl Vocabulary {
    /// Gives an id to every word of `patterns` (normalised phrases, words separated by
    /// single spaces), in order of first occurrence.
    pub fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> Vocabulary {
        let words = patterns
            .into_iter()
            .flat_map(str::split_ascii_whitespace)
            .map(str::as_bytes);
        let ids = WordTable::new(words);
        // Bytes per code: enough 7-bit digits for the largest id.
        let largest = ids.len() as u32;
        let mut width = 1;
        while width < 4 && largest >> (BITS_PER_BYTE * width as u32) != 0 {
            width += 1;
        }
        Vocabulary {
            ids,
            width,
            tags: Vec::new(),
        }
    }

    /// Tags `word`, one of the words given to [`Vocabulary::new`], so that encoding
    /// a text lists its every occurrence in [`EncodedText::tagged`]. The matcher finds
    /// the loose phrases' content words so: as patterns of their own they made the
    /// automaton stop on half of all known words of the sample pages.
    pub fn tag(&mut self, word: &str, tag: u32) {
        let id = self.id(word.as_bytes());
        if id == GAP {
            return;
        }
        if self.tags.is_empty() {
            self.tags = vec![UNTAGGED; self.ids.len() + 1];
        }
        if let Some(slot) = self.tags.get_mut(id as usize) {
            *slot = tag;
        }
    }

    /// Bytes per code.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Heap memory of the word table and the tags, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.ids.memory_usage() + self.tags.capacity() * std::mem::size_of::<u32>()
    }

    /// The codes of a pattern's words. Every word of a pattern given to
    /// [`Vocabulary::new`] is known; any other word would get the gap code, which
    /// matches nothing.
    pub fn encode_pattern(&self, pattern: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(pattern.len());
        for word in pattern.split_ascii_whitespace() {
            self.push_code(self.id(word.as_bytes()), &mut out);
        }
        out
    }

    /// Encodes the words of `norm` into `out`: one code per known word, one gap code
    /// for each run of unknown words and sentence breaks.
    pub fn encode_text(&self, norm: &NormText, out: &mut EncodedText) {
        out.bytes.clear();
        out.words.clear();
        out.tagged.clear();
        let mut sentence = 0;
        let mut after_gap = false;
        for (index, word) in norm.words().iter().enumerate() {
            if word.sentence != sentence {
                sentence = word.sentence;
                self.push_gap(&mut after_gap, index, out);
            }
            let id = self.id(norm.word_bytes(*word));
            if id == GAP {
                self.push_gap(&mut after_gap, index, out);
            } else {
                after_gap = false;
                if let Some(&tag) = self.tags.get(id as usize) {
                    if tag != UNTAGGED {
                        out.tagged.push(Tagged {
                            code: out.words.len() as u32,
                            word: index as u32,
                            tag,
                        });
                    }
                }
                self.push_code(id, &mut out.bytes);
                out.words.push(index as u32);
            }
        }
    }

    #[inline(always)]
    fn id(&self, word: &[u8]) -> u32 {
        self.ids.get(word).unwrap_or(GAP)
    }

    /// Writes one gap code unless the last code written is one.
    fn push_gap(&self, after_gap: &mut bool, index: usize, out: &mut EncodedText) {
        if !*after_gap {
            *after_gap = true;
            self.push_code(GAP, &mut out.bytes);
            out.words.push(index as u32);
        }
    }

    fn push_code(&self, id: u32, out: &mut Vec<u8>) {
        // The catalog's vocabulary takes two bytes a code; a shield or two, one. Written
        // out, they take a few instructions instead of a loop over the digits.
        match self.width {
            1 => return out.push(0x80 | id as u8),
            2 => {
                return out
                    .extend_from_slice(&[0x80 | (id >> BITS_PER_BYTE) as u8, id as u8 & 0x7F])
            }
            _ => {}
        }
        for digit in (0..self.width).rev() {
            let payload = (id >> (BITS_PER_BYTE * digit as u32)) as u8 & 0x7F;
            let mark = if digit + 1 == self.width { 0x80 } else { 0 };
            out.push(mark | payload);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Normalizer;

    #[test]
    fn codes_are_fixed_width_and_self_synchronising() {
        let vocab = Vocabulary::new(["clon ", "organ donat ", "kathy clon "]);
        assert_eq!(vocab.len(), 4);
        assert_eq!(vocab.width(), 1);
        let code = vocab.encode_pattern("organ donat ");
        assert_eq!(code.len(), 2 * vocab.width());
        assert!(code.iter().step_by(vocab.width()).all(|b| b & 0x80 != 0));
    }

    #[test]
    fn wide_vocabularies_take_more_bytes_per_code() {
        let words: Vec<String> = (0..200).map(|i| format!("w{i} ")).collect();
        let vocab = Vocabulary::new(words.iter().map(String::as_str));
        assert_eq!(vocab.width(), 2);
        let code = vocab.encode_pattern("w199 ");
        assert_eq!(code.len(), 2);
        assert!(code[0] & 0x80 != 0 && code[1] & 0x80 == 0);
    }

    #[test]
    fn tagged_words_are_listed_with_their_codes() {
        let mut vocab = Vocabulary::new(["kathy clon ", "organ "]);
        vocab.tag("clon", 7);
        let norm = Normalizer::new().normalize("A clone. Kathy is a clone, not an organ.");
        let mut out = EncodedText::default();
        vocab.encode_text(&norm, &mut out);
        let tagged: Vec<(u32, u32, u32)> =
            out.tagged.iter().map(|t| (t.code, t.word, t.tag)).collect();
        // Codes: clon, gap (sentence), kathy, gap (is), clon, gap (not), organ.
        assert_eq!(tagged, [(0, 0, 7), (4, 3, 7)]);
    }

    #[test]
    fn unknown_words_and_sentence_breaks_collapse_to_one_gap() {
        let vocab = Vocabulary::new(["kathy clon "]);
        let norm = Normalizer::new().normalize("Kathy is a clone. Kathy, quietly, clones.");
        let mut out = EncodedText::default();
        vocab.encode_text(&norm, &mut out);
        let kathy = vocab.encode_pattern("kathy ");
        let clon = vocab.encode_pattern("clon ");
        let gap = [0x80];
        let want: Vec<u8> = [&kathy[..], &gap, &clon, &gap, &kathy, &gap, &clon].concat();
        assert_eq!(out.bytes, want);
        assert_eq!(out.words, [0, 1, 2, 3, 3, 4, 5]);
        assert_eq!(out.words.len() * vocab.width(), out.bytes.len());
    }
}
