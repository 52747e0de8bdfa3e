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
//! Somebody a summary meets in one scene without a name ("an old woman refuses to leave
//! her books; the woman strikes the match") is one too, when the summary calls them "the
//! woman" within two sentences of "a woman": otherwise the event of that scene has
//! nobody to be said of, and the drafter leaves it out.
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
    let mut figures: Vec<Entity> = found.into_iter().map(|(_, entity)| entity).collect();
    for noun in scene_figures(tokens) {
        if !figures
            .iter()
            .any(|f| f.name == noun || f.aliases.contains(&noun))
        {
            figures.push(Entity {
                name: noun,
                kind: EntityKind::Character,
                aliases: Vec::new(),
                common: true,
                premise: false,
                role_of: None,
            });
        }
    }
    figures
}

/// Nouns for somebody a summary may meet in one scene without a name ("an old woman
/// refuses to leave her books … the woman strikes the match").
#[rustfmt::skip]
const SCENE_NOUNS: &[&str] = &[
    "woman", "man", "boy", "girl", "child", "stranger", "thief", "soldier", "deserter",
    "officer", "policeman", "doctor", "nurse", "priest", "servant", "maid", "driver",
    "sailor", "farmer", "hunter", "widow", "neighbour", "neighbor", "landlord", "landlady",
    "lawyer", "prisoner", "guard", "beggar", "peddler", "veteran", "orphan", "intruder",
    "gunman", "killer", "murderer", "assassin", "hitchhiker", "traveller", "traveler",
];
/// Words between "a" and the noun of a figure met in a scene ("an old woman", "a frail
/// old man"): at most this many.
const SCENE_ADJECTIVES: usize = 2;
/// How many sentences after its "a …" a figure must be called "the …" to be one: a
/// summary that meets somebody and goes on about them says "the woman" soon.
const SCENE_SENTENCES: usize = 2;
/// Most figures met in a scene: each is an everyday word as a name.
const MAX_SCENE_FIGURES: usize = 3;

/// The nouns of [`SCENE_NOUNS`] that the summary introduces with "a" or "an" (perhaps
/// with an adjective or two) and then, within [`SCENE_SENTENCES`] sentences, calls "the"
/// noun: somebody unnamed who takes part in what happens there.
fn scene_figures(tokens: &[Token<'_>]) -> Vec<String> {
    let sentence_of: Vec<usize> = tokens
        .iter()
        .scan(0usize, |n, t| {
            *n += usize::from(t.sentence_start);
            Some(*n)
        })
        .collect();
    let mut found: Vec<String> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if found.len() >= MAX_SCENE_FIGURES {
            break;
        }
        if !matches!(token.lower.as_str(), "a" | "an") {
            continue;
        }
        let introduced = tokens[i + 1..]
            .iter()
            .take(SCENE_ADJECTIVES + 1)
            .enumerate()
            .take_while(|(k, t)| *k == 0 || !t.after_break)
            .map(|(k, t)| (i + 1 + k, t))
            .find(|(_, t)| SCENE_NOUNS.contains(&t.lower.as_str()) && !t.capitalised());
        let Some((at, noun)) = introduced else {
            continue;
        };
        let called_the = (at + 1..tokens.len().saturating_sub(1))
            .take_while(|&j| sentence_of[j] <= sentence_of[at] + SCENE_SENTENCES)
            .any(|j| {
                tokens[j].lower == "the"
                    && tokens[j + 1].lower == noun.lower
                    && !tokens[j + 1].after_break
            });
        if called_the && !found.contains(&noun.lower) {
            found.push(noun.lower.clone());
        }
    }
    found
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
    fn somebody_met_in_a_scene_and_then_called_the_noun_is_a_figure() {
        let summary = "Montag answers a call to an old woman's house. The firemen find her \
            books; the woman refuses to leave and strikes the match herself. Later a man \
            shouts at Montag in the street. A stranger is mentioned once and never again.";
        let figures = figures(&tokenize(summary));
        let names: Vec<&str> = figures.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["woman"],
            "'a man' and 'a stranger' are never 'the' again"
        );
        assert!(figures[0].common && figures[0].aliases.is_empty());
    }

    #[test]
    fn a_role_met_a_few_times_or_only_as_someone_new_is_none() {
        // Nor is one met in a scene whom the summary does not call "the woman" soon after.
        let summary = "Gatsby meets a man at a party. Nick leaves early. Daisy cries. Tom \
            shouts. The man is Wolfsheim. Later a man and a woman argue, and a boy watches \
            them. Nick leaves. Daisy cries. Tom shouts. The woman leaves.";
        assert!(figures(&tokenize(summary)).is_empty());
    }
}
