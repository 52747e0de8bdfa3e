//! The book a block opens: a list item's heading ("4. Shutter Island, Dennis Lehane",
//! "August: The Kite Runner", "Christie's Poirot on a snowed-in train"), a post that
//! starts by naming its book. What follows, until a block opens another, stands in that
//! book's item: its pronouns may stand for that book's people and not for the people of
//! the item before, and its evidence for another book it does not name distinctly is not
//! that other book's (`score::assess`).

use crate::matcher::{Hit, Matcher, Target};
use crate::text::NormText;

/// How far into a block, in words, a name must start to open an item: a list's heading
/// names its book first, a paragraph that mentions a book in passing seldom does.
const OPENING_WORDS: usize = 8;

/// What a block's opening words name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Opens {
    /// No book: the block stands in the item before.
    Nothing,
    /// One book, by its title, another name of it, or its author beside one of its
    /// characters.
    Book(u16),
    /// Several books ("Gone Girl meets Rebecca"): no one book's item.
    Several,
}

/// What the opening words of a block (`norm`, with its `hits`) name.
pub(crate) fn opens(matcher: &Matcher, hits: &[Hit], norm: &NormText) -> Opens {
    let limit = norm
        .words()
        .get(OPENING_WORDS)
        .map_or(u32::MAX, |w| w.start);
    let mut found = Opens::Nothing;
    for hit in hits.iter().filter(|h| h.start < limit) {
        let book = match hit.target {
            Target::Title { book } | Target::Alias { book } => book,
            Target::Author { book } | Target::Surname { book }
                if names_a_character(matcher, hits, book) =>
            {
                book
            }
            _ => continue,
        };
        found = match found {
            Opens::Nothing => Opens::Book(book),
            Opens::Book(b) if b == book => found,
            _ => return Opens::Several,
        };
    }
    found
}

/// Whether `hits` name a character of `book` by a name that is no everyday word, and no
/// book by its title: with the author's name ("Atwood's Offred", "Hosseini's Amir"), that
/// names the book as its title does. Beside a title ("The Murder of Roger Ackroyd:
/// Christie's Poirot…") the titled book is the one meant, not the author's others that
/// share the character.
pub(crate) fn names_a_character(matcher: &Matcher, hits: &[Hit], book: u16) -> bool {
    let titled = hits
        .iter()
        .any(|h| matches!(h.target, Target::Title { .. } | Target::Alias { .. }));
    !titled && hits.iter().any(|h| match h.target {
        Target::Entity { book: b, entity } if b == book => {
            let data = &matcher.books[book as usize].entities[entity as usize];
            data.person && !data.common
        }
        _ => false,
    })
}
