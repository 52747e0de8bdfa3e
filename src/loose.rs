//! Loose phrases: a spoiler term written with other small words in between or in
//! another order still counts.
//!
//! Reviewers rarely write a spoiler in a shield's exact words: "Tyler only exists in his
//! head" turns up as "Tyler exists only inside the narrator's head". For every term
//! phrase with three or more distinct content words besides the book's own names
//! (content words: other than the grammatical ones in [`is_grammatical`]; names: words
//! of the title, author, aliases and entities), the automaton also finds each content
//! word on its own, and this module reports the phrase when all its content words stand
//! in one sentence within a window a little longer than the phrase itself. Other
//! phrases stay exact: with fewer words ("Ruth's possible", or "Snape is the Half-Blood
//! Prince", whose words are all names) a loose match would fire on jacket copy and
//! everyday sentences.

use std::collections::{BinaryHeap, HashMap, HashSet};

use crate::matcher::{Hit, Target};

/// How many bytes of normalised text a loose match may span beyond the phrase's own
/// length: about three extra words.
const SLACK_BYTES: u32 = 18;
/// Fewest distinct content words other than names for a phrase to be matched loosely.
const MIN_CONTENT_WORDS: usize = 3;

/// Words that carry grammar, not meaning, in a stemmed phrase.
fn is_grammatical(word: &str) -> bool {
    matches!(
        word,
        "is" | "are"
            | "was"
            | "wer"
            | "be"
            | "been"
            | "being"
            | "to"
            | "of"
            | "in"
            | "on"
            | "at"
            | "and"
            | "or"
            | "that"
            | "who"
            | "by"
            | "for"
            | "with"
            | "he"
            | "she"
            | "they"
            | "it"
            | "him"
            | "them"
            | "as"
            | "from"
            | "up"
            | "into"
            | "has"
            | "hav"
            | "had"
            | "do"
            | "doe"
            | "did"
            | "this"
            | "there"
            | "then"
            | "so"
    )
}

/// One phrase to match loosely.
#[derive(Debug, Clone)]
struct Phrase {
    words: Vec<u32>,
    max_span: u32,
    target: Target,
}

/// The loose phrases of an engine, and the content words the automaton must find.
#[derive(Debug, Default)]
pub(crate) struct LoosePhrases {
    phrases: Vec<Phrase>,
    /// For each word id, the phrases whose first content word it is.
    by_first_word: Vec<Vec<Candidate>>,
}

/// A phrase to try when its first content word is found, with its second content
/// word at hand: that word is missing from the sentence for nearly every phrase tried,
/// and telling so without reading the phrase cut loose matching by two fifths.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    phrase: u32,
    second_word: u32,
}

/// Collects loose phrases while the automaton's patterns are gathered.
#[derive(Debug, Default)]
pub(crate) struct LooseBuilder {
    word_ids: HashMap<String, u32>,
    phrases: Vec<Phrase>,
}

impl LooseBuilder {
    /// Registers a normalised pattern (`"word word word "`) standing for `target`;
    /// `names` holds the normalised words of the book's names.
    pub fn add(&mut self, pattern: &str, target: Target, names: &HashSet<&str>) {
        let content: Vec<&str> = pattern
            .split_ascii_whitespace()
            .filter(|w| !is_grammatical(w))
            .collect();
        // A heap sort: `sort_unstable` is 5 KB of the scan module for each element type.
        let mut content = BinaryHeap::from(content).into_sorted_vec();
        content.dedup();
        if content.iter().filter(|w| !names.contains(*w)).count() < MIN_CONTENT_WORDS {
            return;
        }
        let mut words = Vec::with_capacity(content.len());
        for word in content {
            let next = self.word_ids.len() as u32;
            let id = *self.word_ids.entry(word.to_string()).or_insert(next);
            if !words.contains(&id) {
                words.push(id);
            }
        }
        self.phrases.push(Phrase {
            words,
            max_span: pattern.len() as u32 + SLACK_BYTES,
            target,
        });
    }

    /// The content words the automaton must report (as `Target::Word { word: id }`)
    /// and the compiled phrases.
    pub fn finish(self) -> (Vec<(String, u32)>, LoosePhrases) {
        let mut by_first_word = vec![Vec::new(); self.word_ids.len()];
        for (i, phrase) in self.phrases.iter().enumerate() {
            // A loose phrase has at least MIN_CONTENT_WORDS words.
            if let [first, second, ..] = phrase.words[..] {
                by_first_word[first as usize].push(Candidate {
                    phrase: i as u32,
                    second_word: second,
                });
            }
        }
        let words = self.word_ids.into_iter().collect();
        (
            words,
            LoosePhrases {
                phrases: self.phrases,
                by_first_word,
            },
        )
    }
}

impl LoosePhrases {
    /// Given the content-word hits of a block (`Target::Word`), appends a hit for every
    /// loose phrase whose words all stand in one sentence within its window.
    pub fn detect(&self, words: &[Hit], out: &mut Vec<Hit>) {
        let present = Presence::new(words);
        // Built on first need: most blocks have no phrase whose words all stand in one
        // sentence, and sorting every block's hits took a fifth of loose matching.
        let mut index: Option<WordIndex> = None;
        for first in words {
            let Target::Word { word } = first.target else {
                continue;
            };
            let Some(candidates) = self.by_first_word.get(word as usize) else {
                continue;
            };
            for candidate in candidates {
                if !present.may_hold(candidate.second_word, first.sentence) {
                    continue;
                }
                let phrase = &self.phrases[candidate.phrase as usize];
                let rest = phrase.words.get(2..).unwrap_or_default();
                if !rest.iter().all(|&w| present.may_hold(w, first.sentence)) {
                    continue;
                }
                let index = index.get_or_insert_with(|| WordIndex::new(words));
                if let Some((start, end)) = index.window(phrase, first) {
                    if !out
                        .iter()
                        .any(|h| h.target == phrase.target && h.sentence == first.sentence)
                    {
                        out.push(Hit {
                            target: phrase.target,
                            sentence: first.sentence,
                            start,
                            end,
                        });
                    }
                }
            }
        }
    }
}

/// Which (content word, sentence) pairs a block may hold: a one-hash Bloom filter over
/// its content-word hits. Nearly every phrase tried fails because one of its words is
/// not in the sentence (97% on the sample pages, at the second word), so this answers
/// that without sorting the hits or searching them; a false "may" only costs the
/// search it would have cost anyway, and there is no false "no".
struct Presence {
    bits: [u64; PRESENCE_WORDS],
}

/// Size of [`Presence`] in 64-bit words: 4,096 bits, so that a block's few dozen hits
/// (35 on average on the sample pages) leave nearly all of them clear.
const PRESENCE_WORDS: usize = 64;

impl Presence {
    fn new(words: &[Hit]) -> Presence {
        let mut presence = Presence {
            bits: [0; PRESENCE_WORDS],
        };
        for hit in words {
            let (word, bit) = Presence::slot(word_of(hit), hit.sentence);
            presence.bits[word] |= bit;
        }
        presence
    }

    /// False when `word` is certainly not in `sentence`.
    fn may_hold(&self, word: u32, sentence: u32) -> bool {
        let (word, bit) = Presence::slot(word, sentence);
        self.bits[word] & bit != 0
    }

    /// The 64-bit word and bit of a pair: the top bits of a multiplicative hash.
    fn slot(word: u32, sentence: u32) -> (usize, u64) {
        let hash = key(word, sentence).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let bit = (hash >> 52) as usize; // 12 bits: 4,096 positions
        (bit / 64 % PRESENCE_WORDS, 1 << (bit % 64))
    }
}

/// A block's content-word hits ordered by (word, sentence, position), so that the
/// occurrences of one word in one sentence are found by binary search: a long block
/// holds hundreds of such hits, and a linear search per phrase word made loose
/// matching quadratic (a fifth of all scanning time, measured by `make bench`). The
/// sort keys are copied out of the hits into flat entries, word and sentence packed in
/// one integer, so that sorting and searching compare integers instead of matching on
/// each hit's target through a reference (callgrind, `classify`: 5% fewer
/// instructions for the whole run, and 4% fewer again by walking a word's few
/// occurrences in a sentence instead of searching for their end).
struct WordIndex {
    entries: Vec<Occurrence>,
}

/// One content-word hit, as [`WordIndex`] sorts it: by its fields in order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Occurrence {
    /// The word in the high half, the sentence in the low half.
    key: u64,
    start: u32,
    end: u32,
}

/// The sort key of `word` in `sentence`.
fn key(word: u32, sentence: u32) -> u64 {
    u64::from(word) << 32 | u64::from(sentence)
}

impl WordIndex {
    fn new(words: &[Hit]) -> WordIndex {
        let entries: Vec<Occurrence> = words
            .iter()
            .map(|h| Occurrence {
                key: key(word_of(h), h.sentence),
                start: h.start,
                end: h.end,
            })
            .collect();
        // By key, then start (one word at one start has one end). A heap sort: see
        // `LooseBuilder::add`.
        let entries = BinaryHeap::from(entries).into_sorted_vec();
        WordIndex { entries }
    }

    /// The occurrence of `word` in `sentence` that starts nearest to `at`; of two as
    /// near, the first in the text.
    fn nearest(&self, word: u32, sentence: u32, at: u32) -> Option<&Occurrence> {
        let key = key(word, sentence);
        let from = self.entries.partition_point(|o| o.key < key);
        // A word stands a few times at most in one sentence: walking them is cheaper
        // than a second binary search for their end.
        let mut best: Option<&Occurrence> = None;
        for o in self.entries[from..].iter().take_while(|o| o.key == key) {
            if best.is_none_or(|b| o.start.abs_diff(at) < b.start.abs_diff(at)) {
                best = Some(o);
            }
        }
        best
    }

    /// The span covering `first` and the nearest occurrence of each other word of the
    /// phrase in the same sentence, when it fits the phrase's window.
    fn window(&self, phrase: &Phrase, first: &Hit) -> Option<(u32, u32)> {
        let (mut start, mut end) = (first.start, first.end);
        for &want in &phrase.words[1..] {
            let nearest = self.nearest(want, first.sentence, first.start)?;
            start = start.min(nearest.start);
            end = end.max(nearest.end);
            if end - start > phrase.max_span {
                return None;
            }
        }
        Some((start, end))
    }
}

/// The content word a hit stands for; hits of other kinds sort last.
fn word_of(hit: &Hit) -> u32 {
    match hit.target {
        Target::Word { word } => word,
        _ => u32::MAX,
    }
}
