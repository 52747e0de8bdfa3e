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
//! 1. **Items.** The text is cut at list separators: `, ; : | / · • ‧ ∙`, tabs, line
//!    breaks and dashes with spaces around them (" - ", " – ", " — ").
//! 2. **Name-like items.** An item is name-like when it has at most
//!    [`MAX_NAME_WORDS`] words and is either one word (a handle or a tag such as
//!    "nightowl", "angst") or made only of words that names and titles are made of:
//!    capitalised ("Severus", "Post-Half-Blood"), handle-like (with a digit, an
//!    underscore, an `@` or `#`: "lumos_maxima", "LunaLovegood7") or one of the small
//!    lower-case words of names and titles ("of", "the", "and", "as", "de"…). One
//!    lower-case word of any other kind ("kills", "dies", "plays", "funeral") makes an
//!    item a clause, not a name.
//! 3. **A list.** A block is a list when it has at least [`MIN_LIST_ITEMS`] name-like
//!    items and they hold at least [`MIN_LIST_SHARE`] of its characters (spaces left
//!    out). Characters, not words: a handle is one long word, so a kudos list that ends
//!    in the site's sentence ("and 31 more users left kudos on this work!") is still
//!    mostly handles, while names inside a sentence are short beside the sentence.
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
/// The share of the block's characters (spaces left out) its name-like items must hold.
pub const MIN_LIST_SHARE: f32 = 0.6;

/// Lower-case words that names, titles and tags are made of ("Harry Potter and the
/// Half-Blood Prince", "Rosamund Pike as Amy Dunne", "Ludwig van Beethoven").
const NAME_JOINERS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "da", "de", "del", "der", "di", "du", "for", "in", "la",
    "le", "of", "on", "or", "the", "to", "van", "von", "vs", "with", "x", "y", "&", "+",
];

/// Whether `text` is a list of names, handles, tags or links rather than prose (see the
/// module documentation for the rule).
pub fn is_list(text: &str) -> bool {
    let mut name_items = 0usize;
    let mut chars = 0usize;
    let mut name_chars = 0usize;
    for item in split_items(text) {
        let count = item.split_whitespace().count();
        if count == 0 {
            continue;
        }
        let size = item.chars().filter(|c| !c.is_whitespace()).count();
        chars += size;
        let cased = item
            .chars()
            .any(|c| c.is_uppercase() || c.is_lowercase() || c.is_ascii_digit());
        if cased
            && count <= MAX_NAME_WORDS
            && (count == 1 || item.split_whitespace().all(name_word))
        {
            name_items += 1;
            name_chars += size;
        }
    }
    name_items >= MIN_LIST_ITEMS && name_chars as f32 >= MIN_LIST_SHARE * chars as f32
}

/// The text cut at list separators.
fn split_items(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| {
        matches!(
            c,
            ',' | ';' | ':' | '|' | '/' | '·' | '•' | '‧' | '∙' | '\t' | '\n' | '\r'
        )
    })
    .flat_map(|part| part.split(" - "))
    .flat_map(|part| part.split(" – "))
    .flat_map(|part| part.split(" — "))
}

/// Whether `word` can be part of a name, title, tag or handle.
fn name_word(word: &str) -> bool {
    if word.contains(|c: char| c.is_ascii_digit() || c == '_' || c == '@' || c == '#') {
        return true;
    }
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '+');
    if bare.is_empty() {
        return true; // a lone mark between names ("J. K. Rowling", "x & y")
    }
    if bare.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    NAME_JOINERS.contains(&bare)
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
        ] {
            assert!(is_list(text), "{text}: {:?}", split_items(text).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_short_run_is_not_a_list() {
        assert!(!is_list("Harry, Ron, Hermione"));
        assert!(!is_list(""));
    }
}
