//! Roles: a character a shield names by what they are ("the narrator", "the keeper")
//! matches on that one word on a page about the book, as a title does, unless the word
//! on most pages names someone outside the story ("the author", "the director"). Tested
//! on a small shield written for these tests, apart from the catalog. A role that says
//! whom it names (`role_of`) takes part in that character's events.
#![cfg(feature = "json")]

mod common;

use spoiler_shield::shield::Shield;
use spoiler_shield::Verdict;

/// Each event has a wording of its own, found in no term or cue, so only it can blur.
const SHIELD: &str = r#"{
  "schema": 2,
  "id": "salt-ledger",
  "title": "The Salt Ledger",
  "author": "Mirela Quandt",
  "entities": [
    {"name": "Oswin Tarrow", "kind": "character", "aliases": ["Oswin"]},
    {"name": "the narrator", "kind": "character", "common": true},
    {"name": "the author", "kind": "character", "common": true, "aliases": ["the writer"]},
    {"name": "the lighthouse", "kind": "place", "common": true},
    {"name": "Ilse Marrow", "kind": "character", "aliases": ["Ilse"]},
    {"name": "the keeper", "kind": "character", "common": true, "role_of": "Ilse"}
  ],
  "terms": [{"phrase": "harbour wedding", "weight": 1.0}],
  "events": [
    {"says": "The narrator pawns the brass compass.",
     "who": ["the narrator"], "words": ["pawns the compass", "pawned the compass"],
     "at": "chapter 20", "percent": 60},
    {"says": "The author of the framing story buries the ledger.",
     "who": ["the author"], "words": ["buries the ledger", "buried the ledger"],
     "at": "chapter 30", "percent": 90},
    {"says": "The lighthouse floods in the spring tide.",
     "who": ["the lighthouse"], "words": ["floods in the tide"],
     "at": "chapter 25", "percent": 70},
    {"says": "Ilse Marrow sinks the ferry.",
     "who": ["Ilse Marrow"], "words": ["sinks the ferry", "sank the ferry"],
     "at": "chapter 28", "percent": 80}
  ]
}"#;

/// The verdict on `text` on a page about the book (its title and author, then `text`).
fn judged(text: &str) -> Verdict {
    common::verdict_after(SHIELD, "The Salt Ledger by Mirela Quandt", &[text])
}

#[test]
fn a_role_takes_part_in_its_events_on_its_one_word() {
    let verdict = judged("Near the end the narrator pawns the compass for a ticket.");
    assert!(verdict.spoiler, "{verdict:?}");
    assert_eq!(
        verdict.phrases,
        ["event:The narrator pawns the brass compass."]
    );
}

#[test]
fn a_role_that_names_someone_outside_the_story_does_not_match_alone() {
    // On a review "the author" and "the writer" are the book's own writer.
    for text in [
        "In an interview the author buried the ledger of her drafts.",
        "Later the writer buries the ledger, she says.",
    ] {
        let verdict = judged(text);
        assert!(!verdict.spoiler, "{text}: {verdict:?}");
    }
}

#[test]
fn a_place_named_with_the_still_needs_two_words() {
    // "the lighthouse" is no role: "lighthouse" alone would find every lighthouse.
    let verdict = judged("Every spring the lighthouse floods in the tide.");
    assert!(!verdict.spoiler, "{verdict:?}");
}

#[test]
fn a_role_of_a_character_takes_part_in_that_characters_events() {
    let verdict = judged("Then the keeper sinks the ferry herself.");
    assert!(verdict.spoiler, "{verdict:?}");
    assert_eq!(verdict.phrases, ["event:Ilse Marrow sinks the ferry."]);
    // The same wording said of nobody in the story is no event.
    let verdict = judged("Then a storm sinks the ferry.");
    assert!(!verdict.spoiler, "{verdict:?}");
}

#[test]
fn a_role_must_name_another_person_of_the_shield() {
    let error_of = |text: &str| {
        Shield::from_json(text, "x.json")
            .expect_err("the shield is invalid")
            .to_string()
    };
    let unknown = SHIELD.replace(r#""role_of": "Ilse""#, r#""role_of": "Ilse M.""#);
    let err = error_of(&unknown);
    assert!(
        err.contains("entities[5].role_of: names \"Ilse M.\""),
        "{err}"
    );
    let place = SHIELD.replace(r#""role_of": "Ilse""#, r#""role_of": "the lighthouse""#);
    assert!(error_of(&place).contains("entities[5].role_of"));
    let itself = SHIELD.replace(r#""role_of": "Ilse""#, r#""role_of": "the keeper""#);
    assert!(error_of(&itself).contains("entities[5].role_of"));
    let not_a_role = SHIELD.replace(
        r#"{"name": "the keeper", "kind": "character", "common": true, "role_of": "Ilse"}"#,
        r#"{"name": "Keeper Vane", "kind": "character", "role_of": "Ilse"}"#,
    );
    assert!(error_of(&not_a_role).contains("entities[5].role_of"));
}

#[test]
fn a_role_followed_by_a_name_the_shield_does_not_know_is_that_person() {
    // "the keeper Bram" is Bram, a keeper the book does not know of, not Ilse.
    let verdict = judged("In the old story the keeper Bram sinks the ferry for the insurance.");
    assert!(!verdict.spoiler, "{verdict:?}");
    // Followed by the name it plays, or by a word in lower case, the role is the role.
    let verdict = judged("In the old story the keeper Ilse sinks the ferry for the insurance.");
    assert!(verdict.spoiler, "{verdict:?}");
    let verdict = judged("In the end the keeper sinks the ferry for the insurance.");
    assert!(verdict.spoiler, "{verdict:?}");
}
