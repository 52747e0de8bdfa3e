//! The unnamed people of a plot summary ("the man", "the boy"), as entities.
//!
//! Some books never name their leads: *The Road*'s father and son, a narrator known only
//! by her role. A summary of such a book says "the man" and "the boy" on every line, and
//! the pages about it do the same ("the father dies on the beach"), so without an entity
//! for each, a drafted shield has nobody a cue or an event can be said of. A role noun
//! that the summary keeps using after a determiner is taken for such a figure; the kin
//! word it is also called by ("the man" is "his father" to the boy) becomes an alias
//! when the summary uses that word too.
//!
//! Each is named by the noun alone ("man", alias "father"): the matcher drops "the" from
//! text and names alike and refuses a name that would shrink to one word that way. The
//! names are everyday words, so the entities are `common` (half weight as page context):
//! they tell what a page says of the book, not which book a page is about.

use super::summary::Token;
use crate::shield::{Entity, EntityKind};

/// Nouns for a person that a summary may use in place of a name, each with the kin
/// words the same figure is also called by.
#[rustfmt::skip]
const ROLES: &[(&str, &[&str])] = &[
    ("man", &["father", "husband"]),
    ("woman", &["mother", "wife"]),
    ("boy", &["son"]),
    ("girl", &["daughter"]),
];
/// Words that make the next word a noun for somebody already known ("the man", "his
/// son"); "a man" is somebody new.
const DEFINITE: &[&str] = &["the", "his", "her", "their"];
/// Fewest definite mentions ("the man") that make a role noun a figure of the story: a
/// lead is named on most lines of a summary; someone met once is "the man" twice.
pub(crate) const MIN_MENTIONS: usize = 5;

/// The unnamed figures of `tokens`, most mentioned first: an entity named "man" for each
/// role noun met at least [`MIN_MENTIONS`] times after a definite word ("the man"), with
/// an alias "father" for each kin word of it the summary also uses that way.
pub(crate) fn figures(tokens: &[Token<'_>]) -> Vec<Entity> {
    let definite_uses = |noun: &str| {
        tokens
            .windows(2)
            .filter(|pair| {
                !pair[1].after_break
                    && DEFINITE.contains(&pair[0].lower.as_str())
                    && pair[1].lower == noun
                    && !pair[1].capitalised()
            })
            .count()
    };
    let mut found: Vec<(usize, Entity)> = ROLES
        .iter()
        .filter_map(|&(noun, kin)| {
            let uses = definite_uses(noun);
            (uses >= MIN_MENTIONS).then(|| {
                let aliases = kin
                    .iter()
                    .filter(|k| definite_uses(k) > 0)
                    .map(|k| k.to_string())
                    .collect();
                let entity = Entity {
                    name: noun.to_string(),
                    kind: EntityKind::Character,
                    aliases,
                    common: true,
                    premise: false,
                    role_of: None,
                };
                (uses, entity)
            })
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found.into_iter().map(|(_, entity)| entity).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::authoring::summary::tokenize;

    #[test]
    fn a_role_the_summary_keeps_using_is_a_figure_with_its_kin_word() {
        let summary = "The man and the boy walk south. The man coughs. The boy is afraid. \
            The man finds a cellar. The boy cries. The man shoots a thief. The boy forgives \
            him. The man dies on the beach, and the boy stays beside his father. A man with a \
            shotgun takes the boy in.";
        let figures = figures(&tokenize(summary));
        let names: Vec<&str> = figures.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["boy", "man"]);
        assert_eq!(figures[1].aliases, ["father"]);
        assert!(figures[0].aliases.is_empty(), "no 'the son' in the summary");
        assert!(figures.iter().all(|e| e.common));
    }

    #[test]
    fn a_role_met_a_few_times_or_only_as_someone_new_is_none() {
        let summary = "Gatsby meets a man at a party. The man is Wolfsheim. Later a man \
            and a woman argue, and a boy watches them. The woman leaves.";
        assert!(figures(&tokenize(summary)).is_empty());
    }
}
