//! One person, several entities: shields list a character's full name with its aliases
//! and, apart, the everyday short name ("Eddard Stark", alias "Ned Stark", and "Ned",
//! marked common so it weighs less as page context). An event names the full one; a
//! reader writes the short one, or a pronoun after it. Tested on a small shield written
//! for these tests, apart from the catalog.
#![cfg(feature = "json")]

mod common;

use spoiler_shield::Verdict;

/// Each event has a wording of its own, found in no term or cue, so only it can blur.
const SHIELD: &str = r#"{
  "schema": 2,
  "id": "lantern-hall",
  "title": "The Lantern Hall",
  "author": "Odile Brask",
  "entities": [
    {"name": "Edmund Vale", "kind": "character", "aliases": ["Ned Vale", "Lord Vale"]},
    {"name": "Ned", "kind": "character", "common": true},
    {"name": "Maud Vale", "kind": "character", "aliases": ["Lady Maud"]},
    {"name": "Lady", "kind": "character"},
    {"name": "Harriet Sloe", "kind": "character", "aliases": ["Pell and Nan's mother"]},
    {"name": "Pell", "kind": "character"}
  ],
  "terms": [{"phrase": "harbour wedding", "weight": 1.0}],
  "events": [
    {"says": "Edmund snuffs the lantern.",
     "who": ["Edmund Vale"], "words": ["snuffs the lantern"],
     "at": "chapter 20", "percent": 60},
    {"says": "Maud folds the letters.",
     "who": ["Maud Vale"], "words": ["folds the letters"],
     "at": "chapter 22", "percent": 65},
    {"says": "Harriet hides the key.",
     "who": ["Harriet Sloe"], "words": ["hides the key"],
     "at": "chapter 24", "percent": 70}
  ]
}"#;

/// The verdict on the last of `blocks`, on a page about the book (its title and author,
/// then `blocks`).
fn judged(blocks: &[&str]) -> Verdict {
    common::verdict_after(SHIELD, "The Lantern Hall by Odile Brask", blocks)
}

#[test]
fn the_short_name_of_an_alias_takes_part_in_the_events_of_the_full_name() {
    let verdict = judged(&["Near the end Ned snuffs the lantern."]);
    assert!(verdict.spoiler, "{verdict:?}");
    assert_eq!(verdict.phrases, ["event:Edmund snuffs the lantern."]);
}

#[test]
fn a_reply_in_pronouns_after_the_short_name_tells_the_event() {
    let verdict = judged(&["Ned walks in late.", "Then he snuffs the lantern."]);
    assert!(verdict.spoiler, "{verdict:?}");
}

#[test]
fn an_honorific_or_a_possessive_name_is_no_first_name() {
    // "Lady" of "Lady Maud" is a title, and Lady another character; "Pell" of "Pell and
    // Nan's mother" is her child.
    for text in ["Then Lady folds the letters.", "Then Pell hides the key."] {
        let verdict = judged(&[text]);
        assert!(!verdict.spoiler, "{text}: {verdict:?}");
    }
}
