//! Drafting a shield from a plot summary, for a book the catalog does not have.
//!
//! A reader will not write a shield by hand, but can paste the "Plot" section of an
//! encyclopedia article. From it [`SummaryDrafter`] proposes:
//!
//! * **entities**: the capitalised names of the summary (people, places), ranked by how
//!   often they occur, with surname and honorific forms folded into one entity where
//!   that is unambiguous;
//! * **terms**: the summary's distinctive words and two-word phrases. A word scores by
//!   how often the summary uses it against how often English does (from a general
//!   word-frequency list, [`WordFrequencies`]), in the spirit of the DF-IIF weighting of
//!   Wan et al. (2019): frequent in this item, rare elsewhere. Each occurrence counts
//!   more the later it comes, because the end of a plot summary is where the twists
//!   are, and a term's weight and `revealed` position follow where it occurs.
//!
//! The draft is a starting point the reader edits; it is validated like any shield.

use std::collections::HashMap;
use std::fmt;

use crate::catalog;
use crate::shield::{Entity, EntityKind, Revealed, Shield, Term};
use crate::text::{Normalizer, HONORIFICS};

/// Zipf frequency given to a word the list does not hold: rarer than anything in it.
pub(crate) const UNLISTED_ZIPF: f32 = 1.0;
/// Words at least this frequent in English ("house", "years", "after") never make a
/// term on their own: every summary and every page uses them.
pub(crate) const EVERYDAY_ZIPF: f32 = 5.5;
/// A term word at least this frequent ("pool", "hotel") is everyday English outside
/// the book: the term then needs a name of the book in the same sentence. A rarer one
/// ("bunker", "affair") is distinctive, as for drafted events
/// (`draft_events::DISTINCTIVE_ZIPF`): on a page about the book it is the book's, named
/// or not ("the bunker!").
const NEEDS_ENTITY_ZIPF: f32 = super::draft_events::DISTINCTIVE_ZIPF;
/// A single-word name at least this frequent as a word ("Tom", "Grace", "Reed") is
/// marked `common`, so it counts half as page context.
const COMMON_NAME_ZIPF: f32 = 3.5;
/// A name of several words each at least this frequent in English ("New York",
/// "American Civil War", "East End") is the world's, not the book's: any page about
/// the place or the war names it, so it is marked `common` too.
const WORLD_NAME_ZIPF: f32 = 4.9;
/// A one-word name whose stem is also the stem of a word at least this frequent ("Tim"
/// and "time", "Harding" and "hard") is not kept alone: every page has that word.
const COLLIDING_WORD_ZIPF: f32 = 4.5;
/// A one-word name met once and at least this frequent as a word ("French",
/// "English", "India") is dropped: usually an adjective, never a character.
const NATIONALITY_ZIPF: f32 = 4.8;
/// Words after which a name is a written work: "wrote The Harbour", "its sequel Tessaly".
#[rustfmt::skip]
const WRITING_WORDS: &[&str] = &[
    "wrote", "writes", "written", "published", "publishes", "sequel", "sequels", "prequel",
    "novel", "novels", "book", "books",
];
/// Endings of the adjectives that name a people ("Italian", "Costa Rican", "Irish",
/// "Japanese").
const DEMONYM_ENDINGS: &[&str] = &["ian", "ean", "can", "ish", "ese"];
/// Most a term's rarity may add to its weight: a word English uses less than once a
/// million words (Zipf 3, "ashtray", "napalm") reaches it and weighs a fifth more than one
/// at Zipf 3.5 ("portrait"), being the book's own rather than any story's.
const RAREST_TERM_RARITY: f32 = 1.2;
/// Most weight of a term the summary's premise already uses: under half a blur.
const PREMISE_TERM_WEIGHT: f32 = 0.4;
/// Fewest words a summary must have to be worth drafting from.
pub const MIN_SUMMARY_WORDS: usize = 40;
/// Longest summary accepted, in bytes: a long encyclopedia plot section is ~10 KB.
pub const MAX_SUMMARY_BYTES: usize = 200_000;

/// Words about books rather than in them: every review page uses them, so they never
/// make a term ("In the final chapter she tells the reader…").
pub(crate) const BOOK_TALK: &[&str] = &[
    "book",
    "books",
    "novel",
    "novels",
    "story",
    "stories",
    "chapter",
    "chapters",
    "page",
    "pages",
    "reader",
    "readers",
    "narrator",
    "narrative",
    "plot",
    "ending",
    "final",
    "part",
    "epilogue",
    "prologue",
    "sequel",
    "summary",
    "author",
    "character",
    "characters",
];
/// Words that move a retelling along in time ("shortly afterwards", "meanwhile"): every
/// plot summary has them, so they are neither a term nor an event's wording.
#[rustfmt::skip]
pub(crate) const NARRATION: &[&str] = &[
    "afterwards", "afterward", "meanwhile", "subsequently", "eventually", "shortly",
    "thereafter", "later", "soon", "finally",
];
/// Lower-case words that may sit inside a name ("Valley of Ashes", "Vincent van Gogh").
const NAME_CONNECTORS: &[&str] = &["of", "de", "van", "von", "le", "la", "du", "del", "da"];
/// Last words that make a name a place ("Thornfield Hall", "Plaza Hotel").
const PLACE_WORDS: &[&str] = &[
    "hall",
    "house",
    "hotel",
    "island",
    "school",
    "institution",
    "street",
    "park",
    "manor",
    "road",
    "bay",
    "city",
    "castle",
    "abbey",
    "farm",
    "cottages",
    "egg",
    "county",
    "river",
    "village",
    "town",
    "lake",
    "valley",
    "palace",
    "court",
    "college",
    "church",
    "coast",
    "state",
    "country",
];
/// Last words of the name of a periodical ("Lippincott's Monthly Magazine", "The
/// Saturday Evening Post"), where a book was published rather than somebody in it.
#[rustfmt::skip]
const PERIODICAL_WORDS: &[&str] = &[
    "magazine", "journal", "review", "gazette", "weekly", "monthly", "quarterly", "post",
    "times", "herald", "tribune",
];
/// Prepositions that put the following name in a place ("in West Egg", "at Lowood").
const PLACE_PREPOSITIONS: &[&str] = &["in", "at", "near", "into", "from", "on", "across"];
/// Words of going somewhere: before "to" (and an optional "the") they make the next name a
/// destination ("moves to New York", "returns to the Midwest"). "To" alone is not enough:
/// "engaged to Tom", "writes to Daisy".
#[rustfmt::skip]
const MOTION_WORDS: &[&str] = &[
    "move", "moves", "moved", "return", "returns", "returned", "go", "goes", "went", "travel",
    "travels", "travelled", "traveled", "flee", "flees", "fled", "sent", "back", "drive",
    "drives", "drove", "head", "heads", "headed", "journey", "journeys", "journeyed", "sail",
    "sails", "sailed", "escape", "escapes", "escaped", "way", "trip", "come", "comes", "came",
    "coming", "going", "moving", "returning", "travelling", "traveling", "sailing", "heading",
    "fleeing", "escaping", "driving",
];

/// General English word frequencies, as Zipf values (log10 of occurrences per billion
/// words): `the` is about 7.7, `house` 5.7, `governess` 2.9.
#[derive(Debug, Clone, Default)]
pub struct WordFrequencies {
    zipf: HashMap<String, f32>,
}

/// A word-frequency list that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrequencyListError {
    /// 1-based line of the problem.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for FrequencyListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "word-frequency list, line {}: {}",
            self.line, self.message
        )
    }
}

impl std::error::Error for FrequencyListError {}

impl WordFrequencies {
    /// Reads the format of `data/english-words.tsv`: one line per Zipf value, the value,
    /// a tab, and the lower-case words that have it separated by spaces.
    pub fn parse(text: &str) -> Result<WordFrequencies, FrequencyListError> {
        let mut zipf = HashMap::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() {
                continue;
            }
            let error = |message: String| FrequencyListError {
                line: index + 1,
                message,
            };
            let (value, words) = line
                .split_once('\t')
                .ok_or_else(|| error("expected a Zipf value, a tab, then words".into()))?;
            let value: f32 = value
                .parse()
                .map_err(|_| error(format!("{value:?} is not a number")))?;
            if !(0.0..=9.0).contains(&value) {
                return Err(error(format!("Zipf value {value} is outside 0–9")));
            }
            for word in words.split(' ').filter(|w| !w.is_empty()) {
                zipf.entry(word.to_string()).or_insert(value);
            }
        }
        if zipf.is_empty() {
            return Err(FrequencyListError {
                line: 1,
                message: "the list holds no words".into(),
            });
        }
        Ok(WordFrequencies { zipf })
    }

    /// The list that ships with the core (`data/english-words.tsv`, 30,000 words from
    /// the `wordfreq` package), with the feature `english-words`. Not in the Wasm build, kept small: the
    /// extension loads the same file and passes it to [`WordFrequencies::parse`].
    #[cfg(feature = "english-words")]
    pub fn english() -> &'static WordFrequencies {
        static LIST: std::sync::OnceLock<WordFrequencies> = std::sync::OnceLock::new();
        LIST.get_or_init(|| {
            WordFrequencies::parse(include_str!("../../data/english-words.tsv"))
                .expect("data/english-words.tsv is checked by the test suite")
        })
    }

    /// The Zipf frequency of a lower-case word; unlisted words count as very rare.
    pub fn zipf(&self, word: &str) -> f32 {
        self.zipf.get(word).copied().unwrap_or(UNLISTED_ZIPF)
    }

    /// Every listed word with its Zipf value, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f32)> {
        self.zipf.iter().map(|(w, z)| (w.as_str(), *z))
    }

    /// How many words the list holds.
    pub fn len(&self) -> usize {
        self.zipf.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.zipf.is_empty()
    }
}

/// Why no shield could be drafted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// The title or author is blank.
    Missing(&'static str),
    /// The summary is too short to tell names and phrases apart.
    TooShort {
        /// Words found.
        words: usize,
    },
    /// The summary is larger than [`MAX_SUMMARY_BYTES`].
    TooLong {
        /// Its size in bytes.
        bytes: usize,
    },
    /// No capitalised name was found.
    NoNames,
    /// No distinctive phrase was found.
    NoPhrases,
    /// The proposed shield failed validation (a bug; reported rather than hidden).
    Invalid(String),
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::Missing(what) => write!(f, "the {what} is empty; give the book's {what}"),
            DraftError::TooShort { words } => write!(
                f,
                "the summary has {words} words; paste a plot summary of at least {MIN_SUMMARY_WORDS} words, ending included"
            ),
            DraftError::TooLong { bytes } => write!(
                f,
                "the summary is {bytes} bytes; paste at most {MAX_SUMMARY_BYTES} (a plot section, not the whole book)"
            ),
            DraftError::NoNames => write!(
                f,
                "the summary names no one: a plot summary with the characters' names is needed"
            ),
            DraftError::NoPhrases => write!(
                f,
                "the summary has no distinctive words beyond everyday English; paste a fuller plot summary"
            ),
            DraftError::Invalid(message) => write!(f, "the drafted shield is invalid: {message}"),
        }
    }
}

impl std::error::Error for DraftError {}

/// Proposes a [`Shield`] from a book's title, author and plot summary.
///
/// ```
/// use spoiler_shield::authoring::summary::{SummaryDrafter, WordFrequencies};
///
/// let summary = "Mara Voss keeps the lighthouse on Gull Rock with her brother Tobin. \
///     Every winter a ship is lost on the reef, and the islanders blame the sea. \
///     Mara finds an old logbook hidden in the lamp room. It shows that their father \
///     lit false beacons to wreck the ships and sell the cargo. In the final storm Tobin \
///     drowns trying to put out the false beacon, and Mara burns the logbook so that \
///     nobody on Gull Rock will ever learn what their father did.";
/// let shield = SummaryDrafter::new(WordFrequencies::english())
///     .draft("The Lamp Room", "A. Writer", summary)?;
/// assert_eq!(shield.id, "the-lamp-room");
/// assert!(shield.entities.iter().any(|e| e.name == "Mara Voss"));
/// assert!(shield.terms.iter().any(|t| t.phrase == "logbook"));
/// # Ok::<(), spoiler_shield::authoring::summary::DraftError>(())
/// ```
#[derive(Debug, Clone)]
pub struct SummaryDrafter<'f> {
    frequencies: &'f WordFrequencies,
    max_entities: usize,
    /// `None`: scaled to the summary ([`terms_for`]).
    max_terms: Option<usize>,
}

impl<'f> SummaryDrafter<'f> {
    /// A drafter ranking phrases against `frequencies`, proposing at most 30 entities
    /// and as many terms as [`terms_for`] allows a summary of its length.
    pub fn new(frequencies: &'f WordFrequencies) -> SummaryDrafter<'f> {
        SummaryDrafter {
            frequencies,
            max_entities: 30,
            max_terms: None,
        }
    }

    /// At most this many entities (the most frequent names are kept).
    pub fn max_entities(mut self, n: usize) -> SummaryDrafter<'f> {
        self.max_entities = n.max(1);
        self
    }

    /// At most this many terms (the best-scoring phrases are kept), whatever the
    /// summary's length.
    pub fn max_terms(mut self, n: usize) -> SummaryDrafter<'f> {
        self.max_terms = Some(n.max(1));
        self
    }

    /// Drafts the shield. Its id is made from the title.
    pub fn draft(&self, title: &str, author: &str, summary: &str) -> Result<Shield, DraftError> {
        let (title, author) = (title.trim(), author.trim());
        if title.is_empty() {
            return Err(DraftError::Missing("title"));
        }
        if author.is_empty() {
            return Err(DraftError::Missing("author"));
        }
        if summary.len() > MAX_SUMMARY_BYTES {
            return Err(DraftError::TooLong {
                bytes: summary.len(),
            });
        }
        let tokens = tokenize(summary);
        if tokens.len() < MIN_SUMMARY_WORDS {
            return Err(DraftError::TooShort {
                words: tokens.len(),
            });
        }
        let excluded = Excluded::new(title, author);
        let analysis = Analysis::new(self.frequencies, summary, &tokens, &excluded);
        // The summary's unnamed figures ("the man", "the boy") beside its names.
        let figures = super::nameless::figures(&tokens);
        let mut entities =
            analysis.entities(self.max_entities.saturating_sub(figures.len()).max(1));
        entities.extend(figures);
        entities.truncate(self.max_entities);
        if entities.is_empty() {
            return Err(DraftError::NoNames);
        }
        let mut terms = analysis.terms(self.max_terms.unwrap_or(terms_for(tokens.len())));
        terms.extend(super::quotes::quoted_lines(summary));
        // A word that names somebody ("father" of an unnamed figure) is page context and
        // an anchor already; as a term it would anchor itself.
        terms.retain(|term| {
            !entities.iter().any(|e| {
                std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .any(|name| name.eq_ignore_ascii_case(&term.phrase))
            })
        });
        if terms.is_empty() {
            return Err(DraftError::NoPhrases);
        }
        // Events and premise, with where each comes (src/authoring/draft_events.rs).
        let plot =
            super::draft_events::draft(summary, title, author, &entities, &terms, self.frequencies);
        let shield = Shield {
            schema: plot.schema(),
            id: slug(title),
            title: title.to_string(),
            author: author.to_string(),
            // A summary cannot tell whether its author wrote other books: the author's
            // name alone must not make a review of another of them a page about this one.
            author_shared: true,
            year: None,
            aliases: Vec::new(),
            parts: Vec::new(),
            entities,
            terms,
            premise: plot.premise,
            events: plot.events,
        };
        shield
            .validate()
            .map_err(|(_, message)| DraftError::Invalid(message))?;
        Ok(shield)
    }
}

/// Fewest terms drafted from a summary: a plot section of 300–450 words gives about
/// this many distinctive words worth one.
pub const MIN_TERMS: usize = 40;
/// Most terms drafted from one summary.
pub const MAX_TERMS: usize = 120;
/// Words of summary per drafted term past [`MIN_TERMS`].
const WORDS_PER_TERM: usize = 11;

/// How many terms a summary of `words` words gives: one per [`WORDS_PER_TERM`] words,
/// from [`MIN_TERMS`] to [`MAX_TERMS`]. An encyclopedia's plot section of a thousand
/// words tells of more places, objects and turns than a 400-word summary, and a fixed cap
/// kept the late ones out ("cellar", "bunker" of *The Road* ranked past the 40th).
pub fn terms_for(words: usize) -> usize {
    (words / WORDS_PER_TERM).clamp(MIN_TERMS, MAX_TERMS)
}

/// A word of the summary as written.
#[derive(Debug, Clone)]
pub(crate) struct Token<'s> {
    /// The word, without a possessive `'s`.
    pub(crate) text: &'s str,
    /// Whether a possessive `'s` followed the word ("Rebecca's boat").
    pub(crate) possessive: bool,
    /// Lower-case form.
    pub(crate) lower: String,
    /// Byte offset in the summary.
    pub(crate) start: usize,
    /// First word of a sentence (capitals there say nothing).
    pub(crate) sentence_start: bool,
    /// Punctuation separates it from the previous word: no phrase spans the two.
    pub(crate) after_break: bool,
}

impl Token<'_> {
    pub(crate) fn capitalised(&self) -> bool {
        let mut chars = self.text.chars();
        matches!(chars.next(), Some(c) if c.is_uppercase()) && self.text.chars().count() > 1
    }
}

/// Splits a summary into words, noting sentence starts and punctuation breaks. A word
/// is letters and digits with inner apostrophes or hyphens ("run-down", "O'Brien").
pub(crate) fn tokenize(summary: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token<'_>> = Vec::new();
    let mut sentence_start = true;
    let mut after_break = true;
    let mut chars = summary.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            match c {
                '.' | '!' | '?' | ';' | ':' => {
                    // "Mr. Rochester" does not start a sentence.
                    let abbreviation = c == '.'
                        && tokens.last().is_some_and(|t| {
                            t.start + t.text.len() == start
                                && HONORIFICS.contains(&t.lower.as_str())
                        });
                    if !abbreviation {
                        sentence_start = c != ':' && c != ';' || sentence_start;
                    }
                    after_break = true;
                }
                '\n' => {
                    if chars.peek().is_some_and(|&(_, next)| next == '\n') {
                        sentence_start = true;
                    }
                    after_break = true;
                }
                c if c.is_whitespace() => {}
                _ => after_break = true,
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(at, next)) = chars.peek() {
            let joins = matches!(next, '\'' | '’' | '-')
                && summary[at + next.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if next.is_alphanumeric() || joins {
                end = at + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let mut text = &summary[start..end];
        let mut possessive = false;
        for suffix in ["'s", "’s"] {
            if let Some(stripped) = text.strip_suffix(suffix) {
                text = stripped;
                possessive = true;
            }
        }
        // A plural possessive ("the Greenleafs' son") is a possessive too, and its
        // apostrophe no break between the owner and what is theirs.
        if !possessive && text.ends_with('s') {
            if let Some(&(_, '\'' | '’')) = chars.peek() {
                chars.next();
                possessive = true;
            }
        }
        tokens.push(Token {
            text,
            possessive,
            lower: text.to_lowercase(),
            start,
            sentence_start,
            after_break,
        });
        sentence_start = false;
        after_break = false;
    }
    tokens
}

/// Words of the title and author, which are page context already and never entities
/// or terms.
struct Excluded {
    title_words: Vec<String>,
    author_words: Vec<String>,
    phrases: Vec<String>,
}

impl Excluded {
    fn new(title: &str, author: &str) -> Excluded {
        let words = |s: &str| tokenize(s).into_iter().map(|t| t.lower).collect();
        Excluded {
            title_words: words(title),
            author_words: words(author),
            // The title without its article is the title too ("Picture of Dorian Gray").
            phrases: [title, author]
                .into_iter()
                .chain(
                    ["The ", "A ", "An "]
                        .iter()
                        .filter_map(|a| title.strip_prefix(a)),
                )
                .map(str::to_lowercase)
                .collect(),
        }
    }

    fn word(&self, lower: &str) -> bool {
        self.title_words
            .iter()
            .chain(&self.author_words)
            .any(|w| w == lower)
    }

    fn author_word(&self, lower: &str) -> bool {
        self.author_words.iter().any(|w| w == lower)
    }

    fn phrase(&self, lower: &str) -> bool {
        self.phrases.iter().any(|p| p == lower)
    }
}

/// One pass over the summary's tokens: which are names, where each occurs.
struct Analysis<'a, 's> {
    frequencies: &'a WordFrequencies,
    tokens: &'a [Token<'s>],
    length: usize,
    excluded: &'a Excluded,
    /// For each token, whether it belongs to a name.
    in_name: Vec<bool>,
    /// Names in order of appearance: token range.
    names: Vec<(usize, usize)>,
    /// The summary the tokens are of.
    summary: &'s str,
}

impl<'a, 's> Analysis<'a, 's> {
    fn new(
        frequencies: &'a WordFrequencies,
        summary: &'s str,
        tokens: &'a [Token<'s>],
        excluded: &'a Excluded,
    ) -> Analysis<'a, 's> {
        let mut analysis = Analysis {
            frequencies,
            summary,
            tokens,
            length: summary.len().max(1),
            excluded,
            in_name: vec![false; tokens.len()],
            names: Vec::new(),
        };
        analysis.find_names();
        analysis
    }

    /// Relative position (0 at the start, 1 at the end) of a token.
    fn position(&self, index: usize) -> f32 {
        self.tokens[index].start as f32 / self.length as f32
    }

    /// Whether a capitalised token is a name word. Capitals mid-sentence say so. At a
    /// sentence start, where every word has one ("When", "Disgusted"), the word must
    /// also be capitalised mid-sentence elsewhere, begin a longer name, or be no English
    /// word at all.
    fn is_name_word(
        &self,
        index: usize,
        capitalised_mid_sentence: &[&str],
        lowercase: &[&str],
    ) -> bool {
        let token = &self.tokens[index];
        if !token.capitalised() || token.text.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        if !token.sentence_start {
            return true;
        }
        let lower = token.lower.as_str();
        if lowercase.contains(&lower) {
            return false;
        }
        let starts_longer_name = self
            .tokens
            .get(index + 1)
            .is_some_and(|next| !next.after_break && next.capitalised());
        capitalised_mid_sentence.contains(&token.text)
            || (starts_longer_name && self.frequencies.zipf(lower) < EVERYDAY_ZIPF - 0.5)
            || self.frequencies.zipf(lower) == UNLISTED_ZIPF
            || HONORIFICS.contains(&lower)
    }

    fn find_names(&mut self) {
        let tokens = self.tokens;
        let capitalised_mid: Vec<&str> = tokens
            .iter()
            .filter(|t| !t.sentence_start && t.capitalised())
            .map(|t| t.text)
            .collect();
        let lowercase: Vec<&str> = tokens
            .iter()
            .filter(|t| t.text.chars().next().is_some_and(char::is_lowercase))
            .map(|t| t.lower.as_str())
            .collect();
        let mut name_word: Vec<bool> = (0..tokens.len())
            .map(|i| self.is_name_word(i, &capitalised_mid, &lowercase))
            .collect();
        // A word of a name of several words ("Edmund" of "Edmund Vale") names that person
        // at a sentence start too, where a summary often puts its people ("Edmund
        // discovers the letters."), though nowhere else does it stand alone.
        // Two name words in a row with no break between them: token `k` joins `k - 1`.
        let joins = |k: usize| {
            k > 0 && k < tokens.len() && name_word[k - 1] && name_word[k] && !tokens[k].after_break
        };
        let name_parts: Vec<&str> = (0..tokens.len())
            .filter(|&i| joins(i) || joins(i + 1))
            .map(|i| tokens[i].text)
            .collect();
        for (i, token) in tokens.iter().enumerate() {
            if token.sentence_start
                && !name_word[i]
                && token.capitalised()
                && name_parts.contains(&token.text)
                && !lowercase.contains(&token.lower.as_str())
            {
                name_word[i] = true;
            }
        }
        let mut i = 0;
        while i < tokens.len() {
            if !name_word[i] {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            loop {
                // A name ends at its possessive: "Rebecca's London doctor" names two.
                if tokens[end - 1].possessive {
                    break;
                }
                if end < tokens.len() && name_word[end] && !tokens[end].after_break {
                    end += 1;
                } else if end + 1 < tokens.len()
                    && NAME_CONNECTORS.contains(&tokens[end].lower.as_str())
                    && !tokens[end].after_break
                    && name_word[end + 1]
                    && !tokens[end + 1].after_break
                {
                    end += 2;
                } else {
                    break;
                }
            }
            // A name starts at its honorific: what stands before one is no part of it
            // ("the vulgar American Mrs Van Hopper").
            let start = (start + 1..end)
                .find(|&k| HONORIFICS.contains(&tokens[k].lower.as_str()))
                .unwrap_or(start);
            // A lone honorific ("Miss", "Father") is not a name.
            let lone_honorific =
                end - start == 1 && HONORIFICS.contains(&tokens[start].lower.as_str());
            let phrase = self.phrase(start, end).to_lowercase();
            // The title and author are page context already; a character the title
            // names ("Gatsby") is still a character, and so is a title of one word that
            // the summary gives a possessive ("Rebecca's boat").
            let someone = end - start == 1
                && tokens
                    .iter()
                    .any(|t| t.possessive && t.lower == tokens[start].lower);
            let excluded = (self.excluded.phrase(&phrase) && !someone)
                || (start..end).all(|k| self.excluded.author_word(&tokens[k].lower));
            if !lone_honorific && !excluded {
                self.names.push((start, end));
                for flag in &mut self.in_name[start..end] {
                    *flag = true;
                }
            }
            i = end;
        }
    }

    /// The tokens `start..end` as one space-separated phrase.
    fn phrase(&self, start: usize, end: usize) -> String {
        self.tokens[start..end]
            .iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The names as entities, most frequent first. A one-word name that is part of
    /// exactly one longer name ("Gatsby" of "Jay Gatsby") is folded into it as an alias.
    fn entities(&self, max: usize) -> Vec<Entity> {
        struct Group {
            surfaces: Forms,
            count: usize,
            first: usize,
            place_votes: usize,
            /// Occurrences that modify the lowercase word after them ("Italian police").
            modifying: usize,
            /// Of those, how many follow "a"/"an" ("an American biologist") or "the".
            after_a: usize,
            after_the: usize,
            /// Occurrences right after a word of writing ("wrote The Harbour").
            written: usize,
        }
        let mut by_key: Vec<(String, Group)> = Vec::new();
        for &(start, end) in &self.names {
            let surface = self.phrase(start, end);
            let preceded_by_place = self.names_a_place(start);
            let modifying = self.tokens.get(end).is_some_and(|next| {
                !next.after_break && next.text.chars().next().is_some_and(char::is_lowercase)
            });
            let article = (start > 0 && !self.tokens[start].after_break)
                .then(|| self.tokens[start - 1].lower.as_str());
            let written = article.is_some_and(|word| WRITING_WORDS.contains(&word));
            let group = entry(&mut by_key, surface.to_lowercase(), || Group {
                surfaces: Forms::default(),
                count: 0,
                first: start,
                place_votes: 0,
                modifying: 0,
                after_a: 0,
                after_the: 0,
                written: 0,
            });
            group.written += usize::from(written);
            group.count += 1;
            group.place_votes += usize::from(preceded_by_place);
            if modifying {
                group.modifying += 1;
                group.after_a += usize::from(matches!(article, Some("a" | "an")));
                group.after_the += usize::from(article == Some("the"));
            }
            group.surfaces.add(surface);
        }
        // Two names written side by side ("at Twelve Oaks Scarlett learns") read as one:
        // a name whose words split into two names the summary also writes apart is those
        // two, each counted once more, when the second starts another full name
        // ("Scarlett O'Hara"), so is a first name, not a surname ("Myrtle Wilson" beside
        // "Myrtle" and "George Wilson" stays one).
        for k in 0..by_key.len() {
            let words: Vec<&str> = by_key[k].0.split(' ').collect();
            let split = (1..words.len()).find_map(|cut| {
                let (head, tail) = (words[..cut].join(" "), words[cut..].join(" "));
                let find = |key: &str| by_key.iter().position(|(other, _)| other == key);
                let first_name = by_key.iter().any(|(other, group)| {
                    group.count > 0
                        && other.len() > tail.len()
                        && other.starts_with(&tail)
                        && other[tail.len()..].starts_with(' ')
                });
                find(&head).zip(find(&tail)).filter(|_| first_name)
            });
            if let Some((head, tail)) = split {
                let (count, votes, first) = {
                    let group = &by_key[k].1;
                    (group.count, group.place_votes, group.first)
                };
                for part in [head, tail] {
                    let group = &mut by_key[part].1;
                    group.count += count;
                    group.first = group.first.min(first);
                }
                by_key[head].1.place_votes += votes;
                by_key[k].1.count = 0;
            }
        }
        by_key.retain(|(_, group)| group.count > 0);
        // Fold one-word names into the single longer name that contains them.
        let multi: Vec<usize> = (0..by_key.len())
            .filter(|&i| by_key[i].0.contains(' '))
            .collect();
        let mut folded_into: Vec<Option<usize>> = vec![None; by_key.len()];
        for i in 0..by_key.len() {
            if HONORIFICS.contains(&by_key[i].0.as_str()) {
                continue;
            }
            // A longer name begun by this one ("Lord Henry" of "Lord Henry Wotton"), or,
            // for one word, any longer name holding it ("Gatsby" of "Jay Gatsby").
            let key = &by_key[i].0;
            let containing: Vec<usize> = multi
                .iter()
                .copied()
                .filter(|&m| {
                    let longer = &by_key[m].0;
                    if key.contains(' ') {
                        m != i
                            && longer.starts_with(key.as_str())
                            && longer[key.len()..].starts_with(' ')
                    } else {
                        longer.split(' ').any(|w| w == key)
                    }
                })
                .collect();
            if let [only] = containing[..] {
                folded_into[i] = Some(only);
            }
        }
        for i in 0..by_key.len() {
            if let Some(head) = folded_into[i] {
                let moved = std::mem::take(&mut by_key[i].1.surfaces);
                let (count, votes, first) = (
                    by_key[i].1.count,
                    by_key[i].1.place_votes,
                    by_key[i].1.first,
                );
                let group = &mut by_key[head].1;
                group.surfaces.append(moved);
                group.count += count;
                group.place_votes += votes;
                group.first = group.first.min(first);
            }
        }
        let mut groups: Vec<&Group> = (0..by_key.len())
            .filter(|&i| folded_into[i].is_none())
            .map(|i| &by_key[i].1)
            .collect();
        // A capitalised everyday word met once is an adjective of nationality or
        // language ("French", "English"), not somebody of the story.
        let everyday_once = |group: &&Group| {
            group.count == 1
                && group.surfaces.0.iter().all(|(surface, _)| {
                    !surface.contains(' ')
                        && self.frequencies.zipf(&surface.to_lowercase()) >= NATIONALITY_ZIPF
                })
        };
        groups.retain(|group| !everyday_once(group));
        // A capitalised word the summary only ever writes before a lowercase noun is an
        // adjective of nationality, party or style, not somebody of the story: after
        // "a"/"an" ("an American biologist", "a Union deserter", "a Gothic novel"), or
        // after "the" with a demonym's ending ("the Italian police", "the Costa Rican
        // government"). A character is the subject of verbs and is seldom "a" anything.
        let adjective = |group: &&Group| {
            let demonym = group.surfaces.0.iter().all(|(surface, _)| {
                let last = surface.rsplit(' ').next().unwrap_or("").to_lowercase();
                DEMONYM_ENDINGS.iter().any(|ending| last.ends_with(ending))
            });
            group.modifying == group.count
                && (group.after_a > 0 || (demonym && group.after_the > 0))
        };
        groups.retain(|group| !adjective(group));
        // An initialism ("DNA", "FBI") that English lists as a word is an abbreviation
        // the summary uses, not a name; a hyphened word ending in lowercase ("Irish-born",
        // "French-speaking") is an adjective.
        let not_a_name = |group: &&Group| {
            group.surfaces.0.iter().all(|(surface, _)| {
                let initialism = surface.len() >= 2
                    && surface.chars().all(|c| c.is_ascii_uppercase())
                    && self.frequencies.zipf(&surface.to_lowercase()) > UNLISTED_ZIPF;
                let hyphened_adjective = !surface.contains(' ')
                    && surface
                        .rsplit('-')
                        .next()
                        .filter(|_| surface.contains('-'))
                        .and_then(|last| last.chars().next())
                        .is_some_and(char::is_lowercase);
                initialism || hyphened_adjective
            })
        };
        groups.retain(|group| !not_a_name(group));
        // A name only ever met as what somebody wrote ("later wrote The Harbour", "its
        // sequel Tessaly") is a book — the author's other work, or one in the story —
        // not somebody of this one.
        groups.retain(|group| group.written < group.count);
        // A one-word name that every page writes in another word's stem ("Tim" of
        // "time") would fire everywhere; a periodical ("Lippincott's Monthly Magazine")
        // is where the book appeared, not who is in it; a name English knows widely
        // (Zipf of a common name) met once, as an attribute of a lowercase noun
        // ("Shakespeare's heroines", "the retreating Confederate army"), is a famous
        // person or a side named in passing, not somebody of the story.
        let junk = |group: &&Group| {
            group.surfaces.0.iter().all(|(surface, _)| {
                let lower = surface.to_lowercase();
                let last = lower.rsplit(' ').next().unwrap_or("");
                let one_word = !surface.contains(' ');
                (one_word && self.stem_collides(surface))
                    || PERIODICAL_WORDS.contains(&last)
                    || (one_word
                        && group.count == 1
                        && group.modifying == 1
                        && self.frequencies.zipf(&lower) >= COMMON_NAME_ZIPF)
            })
        };
        groups.retain(|group| !junk(group));
        groups.sort_by(|a, b| b.count.cmp(&a.count).then(a.first.cmp(&b.first)));
        groups
            .into_iter()
            .take(max)
            .map(|group| {
                // The longest form names the entity ("Jay Gatsby"); the rest are aliases.
                let mut surfaces = group.surfaces.by_count();
                surfaces.sort_by_key(|s| std::cmp::Reverse(s.split(' ').count()));
                let name = surfaces[0].to_string();
                // A one-word alias the stemmer turns into another common word ("Rogers"
                // of "Ethel Rogers" is matched as "roger") would name this book on a
                // page about any Roger: the full name is kept instead.
                let aliases = surfaces[1..]
                    .iter()
                    .filter(|alias| {
                        alias.contains(' ')
                            || !(self.stems_into_a_word(alias) || self.stem_collides(alias))
                    })
                    .map(|s| s.to_string())
                    .collect();
                let last_word = name.rsplit(' ').next().unwrap_or("").to_lowercase();
                let kind = if PLACE_WORDS.contains(&last_word.as_str())
                    || group.place_votes * 2 > group.count
                {
                    EntityKind::Place
                } else {
                    EntityKind::Character
                };
                let common = if name.contains(' ') {
                    name.split(' ')
                        .all(|w| self.frequencies.zipf(&w.to_lowercase()) >= WORLD_NAME_ZIPF)
                } else {
                    self.frequencies.zipf(&name.to_lowercase()) >= COMMON_NAME_ZIPF
                        || self.stems_into_a_word(&name)
                };
                Entity {
                    name,
                    kind,
                    aliases,
                    common,
                    premise: false,
                    role_of: None,
                }
            })
            .collect()
    }

    /// Whether a one-word name, as the matcher stems it, is another word English uses
    /// often: "Rogers" is matched as "roger", so it also fires on every "Roger" (a
    /// character of another book, "roger that"); "Banks" on every "bank". Such a name
    /// is page context but not enough to tell this book from others.
    fn stems_into_a_word(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        let stemmed = stem_of(&lower);
        stemmed != lower
            && !stemmed.contains(' ')
            && self.frequencies.zipf(&stemmed) >= COMMON_NAME_ZIPF
    }

    /// Whether a one-word name shares its stem with a different word English uses all
    /// the time, in either direction: "Harding" is matched as "hard", and "time" is
    /// matched as "tim", so the name "Tim" fires on every "time" of every page. The
    /// matcher ignores case, so alone such a name is no evidence of anybody.
    fn stem_collides(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        let stemmed = stem_of(&lower);
        if stemmed.contains(' ') || stemmed.is_empty() {
            return false;
        }
        // The words that may stem to the same stem: the stem itself and its inflections.
        // By characters, not bytes: a name may end in a letter of several bytes ("Иван").
        let Some(last) = stemmed.chars().last() else {
            return false;
        };
        let forms = [
            stemmed.clone(),
            format!("{stemmed}e"),
            format!("{stemmed}s"),
            format!("{stemmed}es"),
            format!("{stemmed}ed"),
            format!("{stemmed}ing"),
            format!("{stemmed}{last}ed"),
            format!("{stemmed}{last}ing"),
        ];
        // The name's own inflections ("grants" of "Grant") are the name as a word, which
        // `common` already weighs; another word is what collides.
        let own_inflection = |form: &str| {
            let rest = form.strip_prefix(lower.as_str());
            let doubled = rest.and_then(|rest| rest.strip_prefix(lower.chars().last()?));
            rest.is_some_and(|rest| ["", "s", "es", "ed", "ing"].contains(&rest))
                || doubled.is_some_and(|rest| ["ed", "ing"].contains(&rest))
        };
        forms.iter().any(|form| {
            !own_inflection(form)
                && self.frequencies.zipf(form) >= COLLIDING_WORD_ZIPF
                && stem_of(form) == stemmed
        })
    }

    /// Whether the name starting at token `start` follows words that make it a place:
    /// a place preposition ("in Manhattan"), a word of going and "to" ("moves to
    /// New York"), with an optional "the" between ("returns to the Midwest"), or a
    /// place word and "of" ("the manor of Ferndean", "the town of Soledad").
    fn names_a_place(&self, start: usize) -> bool {
        // The words before the name, nearest first, up to a punctuation break.
        let mut before = (0..start)
            .rev()
            .take_while(|&i| !self.tokens[i + 1].after_break)
            .map(|i| self.tokens[i].lower.as_str())
            .peekable();
        if before.peek() == Some(&"the") {
            before.next();
        }
        match before.next() {
            Some(word) if PLACE_PREPOSITIONS.contains(&word) => true,
            Some("to") => before
                .next()
                .is_some_and(|word| MOTION_WORDS.contains(&word)),
            Some("of") => before
                .next()
                .is_some_and(|word| PLACE_WORDS.contains(&word)),
            _ => false,
        }
    }

    /// The normalised pattern of a token that can be part of a term: a word, not a
    /// name, not everyday English, not the title's or author's, not a generic cue.
    fn content_key(
        &self,
        index: usize,
        cues: &[String],
        normalizer: &Normalizer,
    ) -> Option<String> {
        let token = &self.tokens[index];
        let content = !self.in_name[index]
            && token.text.chars().count() >= 3
            && token
                .text
                .chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-')
            && self.frequencies.zipf(&token.lower) < EVERYDAY_ZIPF
            && !self.excluded.word(&token.lower)
            && !BOOK_TALK.contains(&token.lower.as_str())
            && !NARRATION.contains(&token.lower.as_str())
            && !self.narration_verb(&token.lower)
            // How something is done ("deeply", "accidentally") is no thing of the book.
            && !super::draft_events::manner_adverb(&token.lower, self.frequencies);
        if !content {
            return None;
        }
        normalizer
            .pattern(&token.lower)
            .filter(|p| !cues.contains(p))
    }

    /// Whether a word is a verb form that narrates ("attends", "returns", "believing"):
    /// a plot summary is told in the present tense, so its `-s` and `-ing` verbs are
    /// everywhere and say little about the book, unlike its nouns ("clones",
    /// "lovers", "wedding"). Without a part-of-speech tagger the test is frequency: the
    /// word is a verb when another inflection of it is at least as common in English
    /// ("attended" beside "attends"), and a noun when it is the commoner form
    /// ("clones" beside "cloned").
    fn narration_verb(&self, word: &str) -> bool {
        let mut bases: Vec<String> = Vec::new();
        let mut forms: Vec<String> = Vec::new();
        if let Some(base) = word.strip_suffix("ing").filter(|b| b.len() >= 3) {
            // believing → believe, swimming → swim, reflecting → reflect
            bases.extend([base.to_string(), format!("{base}e")]);
            if let Some(undoubled) = undouble(base) {
                bases.push(undoubled.to_string());
            }
            for base in &bases {
                forms.extend([format!("{base}s"), format!("{base}ed"), format!("{base}d")]);
            }
        } else if let Some(base) = word
            .strip_suffix('s')
            .filter(|b| b.len() >= 3 && !b.ends_with('s') && !b.ends_with('u') && !b.ends_with('i'))
        {
            // attends → attend, exposes → expose, watches → watch
            bases.push(base.to_string());
            if let Some(shorter) = base.strip_suffix('e') {
                bases.push(shorter.to_string());
            }
            for base in &bases {
                forms.extend([
                    format!("{base}ed"),
                    format!("{base}d"),
                    format!("{base}ing"),
                ]);
                if let Some(stem) = base.strip_suffix('e') {
                    forms.push(format!("{stem}ing"));
                }
            }
        } else {
            return false;
        }
        let zipf = self.frequencies.zipf(word);
        forms
            .iter()
            .filter(|form| form.as_str() != word)
            .any(|form| {
                self.frequencies.zipf(form) > UNLISTED_ZIPF && self.frequencies.zipf(form) >= zipf
            })
    }

    /// The distinctive words and two-word phrases as terms, best first.
    fn terms(&self, max: usize) -> Vec<Term> {
        struct Candidate {
            surfaces: Forms,
            score: f32,
            first: f32,
            position_sum: f32,
            count: usize,
            words: usize,
            max_zipf: f32,
            min_zipf: f32,
            /// Every occurrence says who somebody named beside it is.
            describes: bool,
        }
        let normalizer = Normalizer::new();
        // The bundled lexicon is checked by the test suite; without it no cue is excluded.
        let cues: Vec<String> = catalog::cues()
            .map(|lexicon| {
                lexicon
                    .cues
                    .iter()
                    .filter_map(|c| normalizer.pattern(&c.phrase))
                    .collect()
            })
            .unwrap_or_default();
        let content: Vec<Option<String>> = (0..self.tokens.len())
            .map(|i| self.content_key(i, &cues, &normalizer))
            .collect();
        // Words that say who somebody named beside them is ("Candy, an old swamper";
        // "the skilled mule driver Slim;"): premise wherever the summary gives them.
        let mut name_at: Vec<Option<usize>> = vec![None; self.tokens.len()];
        for (n, &(start, end)) in self.names.iter().enumerate() {
            for slot in &mut name_at[start..end] {
                *slot = Some(n);
            }
        }
        let described =
            super::draft_events::descriptions(self.summary, self.tokens, &name_at, &|_| true);
        let mut candidates: Vec<(String, Candidate)> = Vec::new();
        let mut add =
            |key: String, surface: String, position: f32, zipfs: &[f32], describes: bool| {
                // How much rarer than everyday English: the IIF half of DF-IIF. A phrase
                // counts half again its words' mean, being more specific than either.
                let mean_rarity =
                    zipfs.iter().map(|z| (7.0 - z).max(0.0)).sum::<f32>() / zipfs.len() as f32;
                let rarity = if zipfs.len() > 1 {
                    1.5 * mean_rarity
                } else {
                    mean_rarity
                };
                // The late part of a summary is where the twists are: an occurrence at the
                // very end counts seven times one at the very start.
                let lateness = 0.25 + 1.5 * position;
                let candidate = entry(&mut candidates, key, || Candidate {
                    surfaces: Forms::default(),
                    score: 0.0,
                    first: position,
                    position_sum: 0.0,
                    count: 0,
                    words: zipfs.len(),
                    max_zipf: zipfs.iter().copied().fold(f32::MIN, f32::max),
                    min_zipf: zipfs.iter().copied().fold(f32::MAX, f32::min),
                    describes: true,
                });
                candidate.describes &= describes;
                candidate.score += rarity * lateness;
                candidate.position_sum += position;
                candidate.count += 1;
                candidate.surfaces.add(surface);
            };
        for i in 0..self.tokens.len() {
            let Some(key) = &content[i] else {
                continue;
            };
            let token = &self.tokens[i];
            let position = self.position(i);
            let zipf = self.frequencies.zipf(&token.lower);
            add(
                key.clone(),
                token.lower.clone(),
                position,
                &[zipf],
                described[i],
            );
            let next_is_content = content.get(i + 1).is_some_and(Option::is_some);
            if next_is_content && !self.tokens[i + 1].after_break {
                let next = &self.tokens[i + 1];
                let surface = format!("{} {}", token.lower, next.lower);
                if let Some(key) = normalizer.pattern(&surface) {
                    add(
                        key,
                        surface,
                        position,
                        &[zipf, self.frequencies.zipf(&next.lower)],
                        described[i] && described[i + 1],
                    );
                }
            }
        }
        let mut ranked: Vec<Candidate> = candidates.into_iter().map(|(_, c)| c).collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
        let terms = ranked
            .into_iter()
            // A two-word phrase said once is usually chance ("road believing"); one the
            // summary repeats is a thing of the book ("green light", "yellow car").
            .filter(|candidate| candidate.words == 1 || candidate.count >= 2)
            .filter_map(|candidate| {
                let mean = candidate.position_sum / candidate.count as f32;
                // Weight follows where the term occurs, premise words from the opening
                // adding little, and how rare its words are: "returns" at the
                // end of a summary is narration, "bootlegging" is the book.
                // Lateness is 0 for words of the opening sixth (the premise) and
                // rises to 1.2 at the end.
                let lateness = ((mean - 0.15) * 1.4).clamp(0.0, 1.2);
                // A phrase is as rare as its words on average: "flare gun" is the book's
                // however everyday "gun" is, "green light" is not.
                let zipf = (candidate.max_zipf + candidate.min_zipf) / 2.0;
                let rarity = ((6.0 - zipf) / 2.5).clamp(0.3, RAREST_TERM_RARITY);
                let bonus = if candidate.words > 1 { 0.2 } else { 0.0 };
                let mut weight =
                    ((lateness * rarity + bonus).clamp(0.1, 1.5) * 10.0).round() / 10.0;
                // A word the premise already uses is known at 0 % however often it comes
                // back ("overdose of veronal" in the opening): it only corroborates, and
                // two of them in a sentence restating the premise stay under a blur.
                if candidate.first < super::draft_events::PREMISE_SHARE || candidate.describes {
                    weight = weight.min(PREMISE_TERM_WEIGHT);
                }
                if weight < 0.3 {
                    return None;
                }
                let needs_entity = if candidate.words > 1 {
                    candidate.min_zipf >= 4.0
                } else {
                    candidate.max_zipf >= NEEDS_ENTITY_ZIPF
                };
                let forms = candidate.surfaces.by_count();
                let mut surfaces = forms.iter().map(|s| s.to_string());
                let phrase = surfaces.next()?;
                let percent = (candidate.first * 100.0).round().clamp(0.0, 100.0);
                Some(Term {
                    phrase,
                    also: surfaces.collect(),
                    weight,
                    needs_entity,
                    revealed: Some(Revealed {
                        at: format!("about {percent}% into the summary"),
                        percent,
                    }),
                })
            })
            .take(max)
            .collect::<Vec<Term>>();
        drop_words_of_phrases(terms)
    }
}

/// How often each written form of one name or phrase occurs, in order of first use.
#[derive(Debug, Default)]
struct Forms(Vec<(String, usize)>);

impl Forms {
    fn add(&mut self, form: String) {
        match self.0.iter_mut().find(|(f, _)| *f == form) {
            Some((_, n)) => *n += 1,
            None => self.0.push((form, 1)),
        }
    }

    /// Takes in the forms of another key (never the same forms: keys tell them apart).
    fn append(&mut self, mut other: Forms) {
        self.0.append(&mut other.0);
    }

    /// The forms, commonest first; ties in order of first use.
    fn by_count(&self) -> Vec<&str> {
        let mut forms: Vec<&(String, usize)> = self.0.iter().collect();
        forms.sort_by_key(|f| std::cmp::Reverse(f.1));
        forms.into_iter().map(|(f, _)| f.as_str()).collect()
    }
}

/// The value for `key` in a list kept in order of first appearance (ties in the
/// rankings go to what the summary says first), made by `new` when absent.
fn entry<T>(list: &mut Vec<(String, T)>, key: String, new: impl FnOnce() -> T) -> &mut T {
    let index = match list.iter().position(|(k, _)| *k == key) {
        Some(index) => index,
        None => {
            list.push((key, new()));
            list.len() - 1
        }
    };
    &mut list[index].1
}

/// Drops a one-word term whose word is part of a two-word term ("green" beside "green
/// light", "beacons" beside "false beacons"): the page would otherwise count one mention
/// twice, and the phrase the summary repeats is the more telling of the two.
fn drop_words_of_phrases(terms: Vec<Term>) -> Vec<Term> {
    let phrase_words: Vec<String> = terms
        .iter()
        .filter(|t| t.phrase.contains(' '))
        .flat_map(|t| std::iter::once(&t.phrase).chain(&t.also))
        .flat_map(|p| p.split(' ').map(str::to_string).collect::<Vec<_>>())
        .collect();
    terms
        .into_iter()
        .filter(|term| {
            term.phrase.contains(' ')
                || !std::iter::once(&term.phrase)
                    .chain(&term.also)
                    .any(|word| phrase_words.contains(word))
        })
        .collect()
}

/// A word as the matcher stems it ("time" → "tim", "harding" → "hard").
pub(crate) fn stem_of(word: &str) -> String {
    Normalizer::new()
        .normalize(word)
        .as_str()
        .trim()
        .to_string()
}

/// "swimm" → "swim": the base of a verb whose consonant doubled before `-ing`.
fn undouble(base: &str) -> Option<&str> {
    // An English consonant only: any other letter may be more than one byte long.
    let mut from_end = base.chars().rev();
    let (last, before) = (from_end.next()?, from_end.next()?);
    (base.len() >= 4
        && last == before
        && last.is_ascii_alphabetic()
        && !matches!(last, 'l' | 's' | 'z'))
    .then(|| &base[..base.len() - 1])
}

/// A shield id from a title: lower-case ASCII letters and digits joined by `-`.
fn slug(title: &str) -> String {
    let mut id = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à'..='å' => 'a',
            'è'..='ë' => 'e',
            'ì'..='ï' => 'i',
            'ò'..='ö' => 'o',
            'ù'..='ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    let mut id: String = id.chars().take(64).collect();
    while id.ends_with('-') {
        id.pop();
    }
    if id.is_empty() {
        "custom-book".to_string()
    } else {
        id
    }
}

#[cfg(all(test, feature = "english-words"))]
mod tests {
    use super::*;

    fn frequencies() -> &'static WordFrequencies {
        WordFrequencies::english()
    }

    /// A shield drafted from a lighthouse story that ends with `ending`.
    fn lighthouse_draft(ending: &str) -> Shield {
        let summary = format!(
            "Ada Quill keeps the light on Gull Rock with her brother Bram Holt, who mends \
             the nets and rows out to the wrecks each winter. Ada Quill writes the weather \
             in a book and Bram Holt sells what the sea brings in. One night a ship breaks \
             on the reef and Bram Holt rows out alone while Ada Quill keeps the lamp lit. \
             {ending}"
        );
        SummaryDrafter::new(frequencies())
            .draft("The Lamp Room", "A. Writer", &summary)
            .unwrap()
    }

    /// The drafted term `phrase` of `shield`.
    fn term<'s>(shield: &'s Shield, phrase: &str) -> &'s Term {
        shield
            .terms
            .iter()
            .find(|t| t.phrase == phrase)
            .unwrap_or_else(|| panic!("{phrase} in {:?}", shield.terms))
    }

    #[test]
    fn two_names_side_by_side_are_two_entities() {
        let summary = "Scarlett O'Hara lives at Tara near Twelve Oaks, the Wilkes plantation. \
            Scarlett loves Ashley Wilkes. At a barbecue at Twelve Oaks Scarlett learns that \
            Ashley will marry Melanie. Scarlett marries Charles out of spite. Later Scarlett \
            returns to Twelve Oaks and finds it burned. Ashley comes home from the war and \
            Scarlett asks him to run away with her, but Ashley stays with Melanie.";
        let shield = SummaryDrafter::new(WordFrequencies::english())
            .draft("A Southern Book", "A. Writer", summary)
            .expect("a draft");
        let names: Vec<&str> = shield.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(!names.contains(&"Twelve Oaks Scarlett"), "{names:?}");
        let scarlett = shield
            .entities
            .iter()
            .find(|e| e.name == "Scarlett O'Hara")
            .unwrap_or_else(|| panic!("{names:?}"));
        assert_eq!(
            scarlett.aliases,
            ["Scarlett"],
            "folded once the pair is split"
        );
    }

    #[test]
    fn a_word_of_the_premise_weighs_under_half_a_blur_however_late_it_returns() {
        let summary = "In the village of Kingsford the widow Ada Marsh dies of an overdose of \
            laudanum. Her neighbour Tom Greel, the doctor, is called to the house. Ada had \
            written to her lover before she died. The letter is taken from the study. \
            Tom Greel questions the maid, the butler and the vicar in turn. The vicar \
            remembers a stranger at the gate. Weeks later Tom Greel learns that the \
            laudanum came from his own surgery, and that the laudanum bottle in the study \
            was his. At the end Tom Greel confesses that he sold Ada the laudanum, writes \
            out the whole story, and takes the laudanum himself.";
        let shield = SummaryDrafter::new(WordFrequencies::english())
            .draft("The Widow", "A. Writer", summary)
            .expect("a draft");
        let laudanum = shield
            .terms
            .iter()
            .find(|t| t.phrase == "laudanum")
            .unwrap_or_else(|| panic!("{:#?}", shield.terms));
        assert!(laudanum.weight <= 0.4, "{laudanum:?}");
    }

    #[test]
    fn a_name_after_on_or_the_coast_of_is_a_place() {
        let summary = "Ada Marsh runs a clinic on Port Verity, an island off the coast of \
            Santa Luz. Ada Marsh sails to Santa Luz every spring and works on Port Verity \
            all summer. One night Ada Marsh finds a stranger washed up on Port Verity. The \
            stranger is Tom Greel, a smuggler from Santa Luz, and he dies in the clinic \
            after telling Ada Marsh where the cargo lies buried under the lighthouse.";
        let shield = SummaryDrafter::new(WordFrequencies::english())
            .draft("The Clinic", "A. Writer", summary)
            .expect("a draft");
        for place in ["Port Verity", "Santa Luz"] {
            let entity = shield.entities.iter().find(|e| e.name == place);
            assert_eq!(
                entity.map(|e| e.kind),
                Some(EntityKind::Place),
                "{place}: {:#?}",
                shield.entities
            );
        }
    }

    #[test]
    fn a_longer_plot_gives_more_terms_within_bounds() {
        assert_eq!(terms_for(350), MIN_TERMS);
        assert_eq!(terms_for(990), 90);
        assert_eq!(terms_for(50_000), MAX_TERMS);
    }

    #[test]
    fn shipped_list_parses_with_its_words() {
        let list = frequencies();
        assert_eq!(list.len(), 30_000);
        assert!(list.zipf("the") > 7.0);
        assert!(list.zipf("governess") < 3.5);
        assert_eq!(list.zipf("zzxqvword"), UNLISTED_ZIPF);
    }

    #[test]
    fn bad_frequency_lists_name_the_line() {
        let error = WordFrequencies::parse("7.7\tthe\nseven\tto\n").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(
            error.to_string().contains("\"seven\" is not a number"),
            "{error}"
        );
        assert!(WordFrequencies::parse("7.7 the").is_err());
        assert!(WordFrequencies::parse("").is_err());
        assert!(WordFrequencies::parse("12\tthe").is_err());
    }

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(slug("The Great Gatsby"), "the-great-gatsby");
        assert_eq!(slug("  Les Misérables!  "), "les-miserables");
        assert_eq!(slug("???"), "custom-book");
        assert!(slug(&"word ".repeat(40)).len() <= 64);
    }

    #[test]
    fn tokens_note_sentence_starts_and_breaks() {
        let tokens = tokenize("When Mr. Rochester's house burns, Jane runs. She is fine");
        let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "When",
                "Mr",
                "Rochester",
                "house",
                "burns",
                "Jane",
                "runs",
                "She",
                "is",
                "fine"
            ]
        );
        let starts: Vec<bool> = tokens.iter().map(|t| t.sentence_start).collect();
        assert_eq!(
            starts,
            [true, false, false, false, false, false, false, true, false, false]
        );
        assert!(tokens[5].after_break && !tokens[6].after_break);
    }

    const SUMMARY: &str = "Mara Voss keeps the lighthouse on Gull Rock with her brother Tobin. \
        When winter comes a ship is lost on the reef, and the islanders blame the sea. \
        Mara finds an old logbook hidden in the lamp room. It shows that their father lit \
        false beacons to wreck the ships and sell the cargo. In the final storm Tobin \
        drowns trying to put out the false beacon, and Mara burns the logbook so that \
        nobody on Gull Rock will ever learn what their father did.";

    #[test]
    fn a_first_name_met_only_at_sentence_starts_is_the_persons_alias() {
        // "Edmund" never stands alone mid-sentence; as the first word of "Edmund Vale" it
        // is that person where sentences open with it.
        let summary = "Edmund Vale returns to the hall after the war and finds his sister \
            Maud keeping the house alone. Edmund discovers letters showing that the \
            housekeeper poisoned their father with foxglove from the garden. Maud confronts \
            the housekeeper at the harbour. Edmund burns the hall and leaves for London.";
        let shield = SummaryDrafter::new(frequencies())
            .draft("The Lantern Hall", "A. Writer", summary)
            .unwrap();
        let edmund = shield
            .entities
            .iter()
            .find(|e| e.name == "Edmund Vale")
            .expect("Edmund Vale drafted");
        assert_eq!(edmund.aliases, ["Edmund"]);
        let told_of_edmund = shield
            .events
            .iter()
            .filter(|e| e.who.iter().any(|w| w == "Edmund Vale"))
            .count();
        assert!(told_of_edmund >= 2, "{:?}", shield.events);
    }

    #[test]
    fn names_are_ranked_and_folded() {
        let shield = SummaryDrafter::new(frequencies())
            .draft("The Lamp Room", "A. Writer", SUMMARY)
            .unwrap();
        let names: Vec<&str> = shield.entities.iter().map(|e| e.name.as_str()).collect();
        // Ties go to the name met first.
        assert_eq!(names, ["Mara Voss", "Gull Rock", "Tobin"]);
        assert_eq!(shield.entities[0].aliases, ["Mara"]);
        // "When" and "It" start sentences and are ordinary words.
        assert!(!names.iter().any(|n| n.contains("When") || *n == "It"));
    }

    #[test]
    fn a_name_ends_at_its_possessive_and_a_title_with_one_is_somebody() {
        let summary = "Ada Quill marries Bram Holt, a widower. Everyone compares Ada Quill \
            with his first wife, Orla, whose rooms nobody enters. Bram Holt finds \
            Orla's Lisbon letters hidden in the lamp room, and Ada Quill burns them. \
            Bram Holt confesses that he drowned Orla, and Ada Quill leaves for Lisbon.";
        let shield = SummaryDrafter::new(frequencies())
            .draft("Orla", "A. Writer", summary)
            .unwrap();
        let names: Vec<&str> = shield.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"Orla"), "{names:?}");
        assert!(names.contains(&"Lisbon"), "{names:?}");
        assert!(!names.contains(&"Orla Lisbon"), "{names:?}");
        // A title nobody owns anything in stays the page's context alone.
        let shield = SummaryDrafter::new(frequencies())
            .draft("Bram Holt", "A. Writer", summary)
            .unwrap();
        assert!(!shield.entities.iter().any(|e| e.name == "Bram Holt"));
    }

    #[test]
    fn a_name_starts_at_its_honorific() {
        let summary = "Ada Quill works for the vulgar American Mrs Van Hopper in Lisbon. \
            Mrs Van Hopper leaves, and Ada Quill marries Bram Holt. Bram Holt hides the \
            logbook, Ada Quill finds it in the cellar, and Mrs Van Hopper sells the lamp \
            room to a stranger.";
        let shield = SummaryDrafter::new(frequencies())
            .draft("The Lamp", "A. Writer", summary)
            .unwrap();
        let names: Vec<&str> = shield.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"Mrs Van Hopper"), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("American")), "{names:?}");
    }

    #[test]
    fn adjectives_of_peoples_and_initialisms_are_not_names() {
        let summary = "Ada Quill, an American chemist, runs a lighthouse with Bram Holt. \
            The Italian police question Ada Quill about the wreck, and a Union deserter \
            steals the lamp. Bram Holt tests the DNA of the drowned sailor, and the \
            Italian police arrest Bram Holt. An American reporter finds the DNA results, \
            and the Irish-born keeper hides them. Ada Quill frees Bram Holt.";
        let shield = SummaryDrafter::new(frequencies())
            .draft("The Lamp", "A. Writer", summary)
            .unwrap();
        let mut names: Vec<&str> = shield.entities.iter().map(|e| e.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["Ada Quill", "Bram Holt"]);
    }

    #[test]
    fn a_name_the_stemmer_folds_onto_a_common_word_is_not_kept_alone() {
        let summary = "Ada Quill hires the butler Ethel Rogers and the cook Childs. Childs \
            serves dinner to the guests on the island, and Rogers bakes. A voice accuses \
            Rogers and Childs of murder. Rogers is found dead at the woodpile, and \
            Childs dies in her sleep beside Ada Quill, whom Quill herself buries.";
        let shield = SummaryDrafter::new(frequencies())
            .draft("The Lamp", "A. Writer", summary)
            .unwrap();
        let entity = |name: &str| shield.entities.iter().find(|e| e.name == name);
        // "Childs" is matched as "child", "Rogers" as "roger": neither may tell this
        // book from others, so neither is kept as a name alone. "Quill" stays an alias
        // of "Ada Quill".
        assert!(entity("Childs").is_none(), "{:?}", shield.entities);
        let rogers = entity("Ethel Rogers").expect("Ethel Rogers");
        assert!(
            !rogers.aliases.contains(&"Rogers".to_string()),
            "{rogers:?}"
        );
        let quill = entity("Ada Quill").expect("Ada Quill");
        assert!(quill.aliases.contains(&"Quill".to_string()), "{quill:?}");
    }

    #[test]
    fn a_name_sharing_its_stem_with_a_common_word_is_not_kept_alone() {
        // "time" is matched as "tim": the name "Tim" would fire on every page.
        let summary = "Ada Quill takes her nephew Tim to the island. Tim hides in the \
            lighthouse while Bram Holt searches for him. Ada Quill finds Tim at dawn, and \
            Bram Holt drowns in the storm that night. Tim and Ada Quill leave the island.";
        let shield = SummaryDrafter::new(frequencies())
            .draft("The Lamp", "A. Writer", summary)
            .unwrap();
        let names: Vec<&str> = shield.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(!names.contains(&"Tim"), "{names:?}");
        assert!(names.contains(&"Bram Holt"), "{names:?}");
    }

    #[test]
    fn periodicals_and_famous_names_in_passing_are_not_entities() {
        let summary = "The story first appeared in Lippincott's Monthly Magazine. Ada Quill \
            falls for Lord Bram Holt, an actor who plays Shakespeare's heroes in a small \
            theatre. Lord Bram leaves her, and Ada Quill joins the retreating Confederate \
            army as a nurse. Lord Bram dies at the front, and Ada Quill returns to the theatre.";
        let shield = SummaryDrafter::new(frequencies())
            .draft("The Lamp", "A. Writer", summary)
            .unwrap();
        let names: Vec<&str> = shield.entities.iter().map(|e| e.name.as_str()).collect();
        for junk in ["Lippincott Monthly Magazine", "Shakespeare", "Confederate"] {
            assert!(!names.contains(&junk), "{junk} in {names:?}");
        }
        // "Lord Bram" is the shorter form of "Lord Bram Holt": one entity.
        assert_eq!(
            names.iter().filter(|n| n.contains("Bram")).count(),
            1,
            "{names:?}"
        );
    }

    #[test]
    fn a_name_only_ever_written_is_a_book_not_an_entity() {
        let shield = lighthouse_draft(
            "A. Writer later wrote Tessaly, in which Ada Quill returns to Gull Rock; in \
             the morning Ada Quill walks the shore and finds the harpoon, and the sequel \
             Tessaly tells the rest.",
        );
        let names: Vec<&str> = shield.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(!names.contains(&"Tessaly"), "{names:?}");
        assert!(names.contains(&"Bram Holt"), "{names:?}");
    }

    #[test]
    fn the_title_without_its_article_is_no_entity() {
        let summary = "In the studio the painter Basil Hallward finishes the Picture of Ada \
            Quill. Ada Quill wishes the picture would age instead of her. Basil Hallward \
            hides the Picture of Ada Quill in the attic, and Ada Quill stabs it at last.";
        let shield = SummaryDrafter::new(frequencies())
            .draft("The Picture of Ada Quill", "A. Writer", summary)
            .unwrap();
        let names: Vec<&str> = shield.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(!names.contains(&"Picture of Ada Quill"), "{names:?}");
        assert!(names.contains(&"Ada Quill"), "{names:?}");
    }

    #[test]
    fn places_are_told_by_the_words_before_them() {
        let summary = "Ada Quill moves to New Amsterdam, where Ada Quill meets Bram Holt. \
            Ada Quill returns to the Fenmarsh. Bram Holt writes to Ada Quill from the manor of \
            Greyfold, and Bram Holt is engaged to Cora Lind. Cora Lind sails to Ada Quill's \
            island. Ada Quill dies at Greyfold. Cora Lind comes to Port Ely, sailing to \
            Tessaly.";
        let shield = SummaryDrafter::new(frequencies())
            .draft("The Quill", "A. Writer", summary)
            .unwrap();
        let kind = |name: &str| {
            shield
                .entities
                .iter()
                .find(|e| e.name == name)
                .map(|e| e.kind)
                .unwrap_or_else(|| panic!("{name} in {:?}", shield.entities))
        };
        assert_eq!(kind("New Amsterdam"), EntityKind::Place); // moves to …
        assert_eq!(kind("Fenmarsh"), EntityKind::Place); // returns to the …
        assert_eq!(kind("Greyfold"), EntityKind::Place); // the manor of …, at …
        assert_eq!(kind("Port Ely"), EntityKind::Place); // comes to …
        assert_eq!(kind("Tessaly"), EntityKind::Place); // sailing to …

        // "To" after other words names a person (writes to, engaged to); a name met once
        // after a word of going ("sails to Ada Quill's island") is outvoted by its other
        // mentions.
        assert_eq!(kind("Ada Quill"), EntityKind::Character);
        assert_eq!(kind("Cora Lind"), EntityKind::Character);
        assert_eq!(kind("Bram Holt"), EntityKind::Character);
    }

    #[test]
    fn late_distinctive_words_outweigh_early_ones() {
        let shield = SummaryDrafter::new(frequencies())
            .draft("The Lamp Room", "A. Writer", SUMMARY)
            .unwrap();
        let weight = |phrase: &str| {
            shield
                .terms
                .iter()
                .find(|t| t.phrase == phrase)
                .map(|t| t.weight)
        };
        let beacon = weight("false beacons")
            .or(weight("false beacon"))
            .expect("a late phrase");
        assert!(beacon >= 0.5, "{:?}", shield.terms);
        // Its words are not counted a second time on their own.
        assert!(weight("beacons").is_none() && weight("beacon").is_none());
        // The opening's words are premise: weak or absent.
        assert!(weight("lighthouse").is_none_or(|w| w < beacon));
        // Words of the title are page context already.
        assert!(weight("lamp").is_none() && weight("room").is_none());
        // Generic cues stay in the cue lexicon.
        assert!(weight("drowns").is_none());
    }

    #[test]
    fn a_name_of_everyday_words_is_the_worlds_and_common() {
        let shield = lighthouse_draft(
            "Bram Holt sails to New York to sell the wreck's brass, and Ada Quill follows \
             him to New York, where the harbour police of the East End arrest Bram Holt \
             and the East End newspapers call Ada Quill a wrecker.",
        );
        let entity = |name: &str| {
            shield
                .entities
                .iter()
                .find(|e| e.name == name)
                .unwrap_or_else(|| panic!("no {name} in {:?}", shield.entities))
        };
        assert!(entity("New York").common && entity("East End").common);
        assert!(!entity("Ada Quill").common && !entity("Bram Holt").common);
    }

    #[test]
    fn who_somebody_is_weighs_as_premise_however_late() {
        let shield = lighthouse_draft(
            "Years later a stranger comes to Gull Rock: Silas Wren, a taciturn clockmaker. \
             Silas Wren poisons the harpoon lines, the false beacons burn, and in the \
             harbourmaster's ledger Ada Quill finds the poisoned harpoon lines recorded.",
        );
        let weight = |phrase: &str| {
            shield
                .terms
                .iter()
                .find(|t| t.phrase == phrase || t.also.iter().any(|a| a == phrase))
                .map(|t| t.weight)
        };
        assert!(
            weight("clockmaker").is_none_or(|w| w <= 0.4),
            "{:?}",
            shield.terms
        );
        assert!(
            weight("taciturn").is_none_or(|w| w <= 0.4),
            "{:?}",
            shield.terms
        );
        assert!(
            weight("ledger").is_some_and(|w| w > 0.4),
            "{:?}",
            shield.terms
        );
    }

    #[test]
    fn a_manner_adverb_is_no_term() {
        let shield = lighthouse_draft(
            "Years later the keeper's daughter deeply and repeatedly mourns the wreck, \
             and the harbourmaster accidentally burns the logbook of false beacons.",
        );
        for adverb in ["deeply", "repeatedly", "accidentally"] {
            assert!(
                shield
                    .terms
                    .iter()
                    .all(|t| t.phrase != adverb && !t.also.iter().any(|a| a == adverb)),
                "{adverb} in {:?}",
                shield.terms
            );
        }
    }

    #[test]
    fn a_word_english_hardly_uses_outweighs_a_rare_one() {
        let shield = lighthouse_draft(
            "In the morning Ada Quill walks the shore, and at the tide line she finds the \
             harpoon and the lantern.",
        );
        // "harpoon" is not among English's 30,000 commonest words; "lantern" is (Zipf
        // 3.6): at the same place in the story the first weighs more.
        assert!(
            term(&shield, "harpoon").weight > term(&shield, "lantern").weight,
            "{:?}",
            shield.terms
        );
    }

    #[test]
    fn only_an_everyday_word_needs_a_name_beside_it() {
        let shield = lighthouse_draft(
            "In the morning Ada Quill walks the shore, finds the hotel burned, and under it \
             the bunker, where Bram Holt lies with the cannon.",
        );
        // "hotel" (Zipf 5.0) is any story's; "bunker" (3.7) is this one's.
        assert!(term(&shield, "hotel").needs_entity);
        assert!(!term(&shield, "bunker").needs_entity);
    }

    #[test]
    fn unusable_input_is_explained() {
        let drafter = SummaryDrafter::new(frequencies());
        assert_eq!(
            drafter.draft(" ", "A", SUMMARY),
            Err(DraftError::Missing("title"))
        );
        assert_eq!(
            drafter.draft("T", "", SUMMARY),
            Err(DraftError::Missing("author"))
        );
        assert!(matches!(
            drafter.draft("T", "A", "Too short."),
            Err(DraftError::TooShort { words: 2 })
        ));
        let no_names = "the ship is lost on the reef and the islanders blame the sea ".repeat(5);
        assert_eq!(drafter.draft("T", "A", &no_names), Err(DraftError::NoNames));
        let huge = "word ".repeat(MAX_SUMMARY_BYTES / 4);
        assert!(matches!(
            drafter.draft("T", "A", &huge),
            Err(DraftError::TooLong { .. })
        ));
    }

    #[test]
    fn only_an_english_consonant_is_undoubled() {
        assert_eq!(undouble("swimm"), Some("swim"));
        assert_eq!(undouble("fall"), None);
        // "ッ" is three bytes whose last two are equal; it is no doubled consonant.
        assert_eq!(undouble("カッッ"), None);
        assert_eq!(undouble("ッッ"), None);
    }
}
