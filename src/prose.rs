//! Prose or a list? Only prose is judged as a paragraph.
//!
//! A block that is a run of names, user handles, tags or navigation links (the kudos
//! list under a fan-fiction chapter, a tag cloud, a menu, a cast list) holds a book's
//! names and spoiler words without saying anything: "horcrux_hunter, Severus_please,
//! dumbledore_dies_again" is three usernames, not a sentence about Dumbledore. Such a
//! block gets no verdict; what it names still counts towards what the page is about
//! (a tag cloud that says "Harry Potter - J. K. Rowling, Severus Snape" is good evidence
//! that the page is about the book, even though it spoils nothing).
//!
//! The rule, on the block's own text (case and punctuation kept):
//!
//! 1. **Items.** The text is cut at list separators: `, ; : | / · •`, tabs, line
//!    breaks and dashes with spaces around them (" - ", " – ", " — ").
//! 2. **Name-like items.** An item is name-like when it has at most
//!    [`MAX_NAME_WORDS`] words and is either one word (a handle or a tag such as
//!    "nightowl", "angst") or made only of words that names and titles are made of:
//!    capitalised ("Severus", "Post-Half-Blood"), handle-like (with a digit, an
//!    underscore, an `@` or `#`: "lumos_maxima", "LunaLovegood7") or one of the small
//!    lower-case words of names and titles ("of", "the", "and", "as", "de"…). One
//!    lower-case word of any other kind ("kills", "dies", "plays", "funeral") makes an
//!    item a clause, not a name.
//! 3. **A list.** A block is a list when its first item is name-like (a list starts
//!    with a name, "Kudos:", "Home |", "Cast:"; prose starts with a clause), it has at
//!    least [`MIN_LIST_ITEMS`] name-like items, and they hold at least
//!    [`MIN_LIST_SHARE`] of its characters (spaces left out). Characters, not words: a
//!    handle is one long word, so a kudos list that ends in the site's sentence ("and 31
//!    more users left kudos on this work!") is still mostly handles, while names inside
//!    a sentence are short beside the sentence around them.
//!
//! So a sentence is never a list, however short ("Snape kills Dumbledore.", "Tommy
//! dies.", "Rosamund Pike plays Amy" are one item each), a title-case headline is one
//! item, and an enumeration of names inside a sentence stays prose because the
//! sentence around it holds most of the words. An item needs a letter of a script with
//! capitals (or a digit) to be name-like, so text in Chinese, Japanese, Thai or Arabic is
//! judged as before: the rule errs towards judging.

/// At most this many words in a name, title, tag or handle.
pub const MAX_NAME_WORDS: usize = 5;
/// At least this many name-like items make a list.
pub const MIN_LIST_ITEMS: usize = 5;
/// The share of the block's characters (spaces left out) its name-like items must hold,
/// as a fraction (3/5: 60 %); whole numbers keep the check exact and small.
pub const MIN_LIST_SHARE: (usize, usize) = (3, 5);

/// Lower-case words that names, titles and tags are made of ("Harry Potter and the
/// Half-Blood Prince", "Rosamund Pike as Amy Dunne", "Ludwig van Beethoven").
const NAME_JOINERS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "de", "for", "in", "of", "on", "or", "the", "to", "van",
    "von", "with", "&",
];

/// Most words a heading holds.
pub const MAX_HEADING_WORDS: usize = 12;

/// Whether `text` reads as a heading or a title rather than a sentence: one line of at
/// most [`MAX_HEADING_WORDS`] words that does not end as a sentence does ('.', '!', '?',
/// or a closing quote or bracket after one). A heading names what follows ("Kathy, Ruth
/// and Tommy: the donations"); it asserts no event.
// `contains` would bring `memchr` into the Wasm module for one byte of a short line.
#[allow(clippy::manual_contains)]
pub fn is_heading(text: &str) -> bool {
    // Bytes, not chars: the Wasm module is smaller without the `str` pattern machinery.
    let mut bytes = text.as_bytes().trim_ascii();
    if bytes.is_empty() || bytes.iter().any(|&b| b == b'\n') {
        return false;
    }
    // Closing quotes and brackets, then the sentence's end.
    loop {
        bytes = match bytes {
            [rest @ .., b'"' | b'\'' | b')' | b']'] => rest,
            [rest @ .., 0xe2, 0x80, 0x9d | 0x99] => rest, // ” ’
            _ => break,
        };
    }
    if matches!(bytes, [.., b'.' | b'!' | b'?'] | [.., 0xe2, 0x80, 0xa6]) {
        return false; // … too
    }
    let mut words = 0;
    let mut in_word = false;
    for &b in bytes {
        let space = b.is_ascii_whitespace();
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words <= MAX_HEADING_WORDS
}

/// Whether `text` is a list of names, handles, tags or links rather than prose (see the
/// module documentation for the rule).
pub fn is_list(text: &str) -> bool {
    // Clause characters beyond the rest of the share, counted against the text's bytes
    // (at least its characters), settle it: names can no longer hold MIN_LIST_SHARE.
    let (share, of) = MIN_LIST_SHARE;
    // One pass over the characters, cutting items and words as it goes: no substring
    // search or split iterators, which cost the Wasm module kilobytes.
    let mut tally = Tally::default();
    let mut item = Item::default();
    let mut word: Option<Word> = None;
    let mut previous = '\0';
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map_or('\0', |&(_, n)| n);
        let separator = matches!(c, ',' | ';' | ':' | '|' | '/' | '·' | '•' | '\t' | '\n')
            || (matches!(c, '-' | '–' | '—') && previous == ' ' && next == ' ');
        if separator || c.is_whitespace() {
            if let Some(done) = word.take() {
                item.word(done.name_like(text));
                // Prose starts with a clause, which its first few words give away.
                if tally.items == 0 && item.clause() {
                    return false;
                }
            }
            if separator {
                tally.add(&item);
                item = Item::default();
                // A first item that is no name, or too much clause text, settles it.
                if (tally.items > 0 && tally.name_items == 0)
                    || (tally.chars - tally.name_chars) * of > (of - share) * text.len()
                {
                    return false;
                }
            }
        } else {
            word.get_or_insert_with(Word::default).read(at, c);
            item.chars += 1;
            item.cased |= cased_script(c);
        }
        previous = c;
    }
    if let Some(done) = word {
        item.word(done.name_like(text));
    }
    tally.add(&item);
    tally.name_items >= MIN_LIST_ITEMS && tally.name_chars * of >= share * tally.chars
}

/// One item as it is read: its words, its characters (spaces left out), whether a word
/// of it could not be part of a name, whether it has a letter of a cased script.
#[derive(Default)]
struct Item {
    words: usize,
    chars: usize,
    clause_word: bool,
    cased: bool,
}

impl Item {
    fn word(&mut self, name_like: bool) {
        self.words += 1;
        self.clause_word |= !name_like;
    }

    /// Whether the item is already known to be a clause, whatever words follow.
    fn clause(&self) -> bool {
        self.words > MAX_NAME_WORDS || (self.words > 1 && self.clause_word)
    }

    fn name_like(&self) -> bool {
        self.cased && !self.clause()
    }
}

/// The block's items so far.
#[derive(Default)]
struct Tally {
    items: usize,
    name_items: usize,
    chars: usize,
    name_chars: usize,
}

impl Tally {
    fn add(&mut self, item: &Item) {
        self.chars += item.chars;
        if item.words > 0 {
            self.items += 1;
        }
        if item.words > 0 && item.name_like() {
            self.name_items += 1;
            self.name_chars += item.chars;
        }
    }
}

/// Whether `c` is a digit or a letter of a script that has capitals (Latin, Greek,
/// Cyrillic, Armenian), where names stand out by their capitals. Ranges rather than
/// `char::is_lowercase`, whose Unicode tables cost the Wasm module 8 KB.
fn cased_script(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (('\u{c0}'..='\u{58f}').contains(&c) && c != '\u{d7}' && c != '\u{f7}')
        || ('\u{1e00}'..='\u{1fff}').contains(&c)
}

/// Whether `c` is a capital letter: one that lower-casing changes (the normaliser's
/// tables, already in the module).
fn capital(c: char) -> bool {
    c.is_ascii_uppercase() || (!c.is_ascii() && c.to_lowercase().next() != Some(c))
}

/// One word as it is read: where its letters start and end (the marks around them left
/// out), whether its first letter is a capital, whether it looks like a handle.
#[derive(Default)]
struct Word {
    bare: Option<(usize, usize)>,
    capital: bool,
    handle: bool,
}

impl Word {
    fn read(&mut self, at: usize, c: char) {
        self.handle |= c.is_ascii_digit() || matches!(c, '_' | '@' | '#');
        if c.is_alphanumeric() || c == '&' {
            let end = at + c.len_utf8();
            match &mut self.bare {
                Some((_, last)) => *last = end,
                None => {
                    self.bare = Some((at, end));
                    self.capital = capital(c);
                }
            }
        }
    }

    /// Whether the word can be part of a name, title, tag or handle: a handle, a
    /// capitalised word, a lone mark ("J. K. Rowling", "x & y") or a word of
    /// [`NAME_JOINERS`].
    fn name_like(&self, text: &str) -> bool {
        match self.bare {
            None => true,
            Some((start, end)) => {
                self.handle || self.capital || NAME_JOINERS.contains(&&text[start..end])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_prose_however_short() {
        for text in [
            "Snape kills Dumbledore.",
            "Tommy dies.",
            "Rosamund Pike plays Amy",
            "Snape Kills Dumbledore In The Astronomy Tower",
            "Snape kills Dumbledore, Harry flees, Draco hides, Hagrid's hut burns, Fawkes sings.",
            "At the funeral are Harry, Ron, Hermione, Ginny, Neville, Luna, Hagrid and the Weasleys, and everyone knows Snape killed Dumbledore.",
            "哈利·波特, 斯内普, 邓布利多, 德拉科, 赫敏, 罗恩: 斯内普杀死了邓布利多。",
        ] {
            assert!(!is_list(text), "{text}");
        }
    }

    #[test]
    fn runs_of_names_handles_tags_and_links_are_lists() {
        for text in [
            "Kudos: horcrux_hunter, sectumsempra_99, EileenPrince, Severus_please, unbreakable_vow, LunaLovegood7, nightowl, Wrackspurt",
            "Harry Potter - J. K. Rowling, Severus Snape, Albus Dumbledore, Major Character Death, Angst, Hurt/Comfort",
            "Home | Works | Bookmarks | Unbreakable Vow | Sectumsempra | Log In",
            "Cast: Rosamund Pike as Amy Dunne, Ben Affleck as Nick Dunne, Neil Patrick Harris as Desi Collings, Tyler Perry as Tanner Bolt, Carrie Coon as Margo Dunne",
            // Lower-case tags of several words ("slow burn") read like clauses and do not
            // count; the one-word ones around them make the list.
            "fluff\nangst\nslow burn\nhurt/comfort\nfix-it\nwhump\npining",
            "@snape_fan · @dumbledore_dies · @hbp2005 · @nightowl · #HalfBloodPrince",
            // As a page's markup gives it: links on lines of their own, empty items.
            "\n    Home\n    |\n    Works\n    |\n    Bookmarks\n    |\n    Unbreakable Vow\n    |\n    Log In\n",
        ] {
            assert!(is_list(text), "{text}");
        }
    }

    #[test]
    fn a_short_run_is_not_a_list() {
        assert!(!is_list("Harry, Ron, Hermione"));
        assert!(!is_list(""));
    }
}
