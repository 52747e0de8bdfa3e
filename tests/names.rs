//! Names that are everyday words. A shield marks such an entity `common` ("Summer", a
//! hound; "Snow", a president); one of its names written with a capital is that name only
//! where the text writes it so, unless the writer never uses capitals at all. Tested on a
//! small shield written for these tests, apart from the catalog.
#![cfg(feature = "json")]

mod common;

use spoiler_shield::Verdict;

const SHIELD: &str = r#"{
  "schema": 2,
  "id": "weir-house",
  "title": "The Weir House",
  "author": "Odile Brask",
  "entities": [
    {"name": "the hounds", "kind": "group", "aliases": ["hounds", "Summer", "Bramble"], "common": true},
    {"name": "Harriet Sloe", "kind": "character", "aliases": ["Harriet"]}
  ],
  "terms": [{"phrase": "harbour wedding", "weight": 1.0}]
}"#;

/// The verdict on the last of `blocks`, on a page about the book (its title and author,
/// then `blocks`).
fn judged(blocks: &[&str]) -> Verdict {
    common::verdict_after(SHIELD, "The Weir House by Odile Brask", blocks)
}

#[test]
fn a_capitalised_everyday_name_names_its_entity_when_written_so() {
    let verdict = judged(&["Near the end Summer dies."]);
    assert!(verdict.spoiler, "{verdict:?}");
}

#[test]
fn the_everyday_word_in_lower_case_is_no_name_where_the_writer_uses_capitals() {
    // No hound dies here: the season does. A cue needs one of the book's people.
    for text in [
        "The summer dies slowly out on the marsh.",
        "Everyone said the summer dies early up there.",
    ] {
        let verdict = judged(&[text]);
        assert!(!verdict.spoiler, "{text}: {verdict:?}");
    }
}

#[test]
fn a_writer_who_never_uses_capitals_still_names_it() {
    let verdict = judged(&["omg summer dies and i cried for an hour"]);
    assert!(verdict.spoiler, "{verdict:?}");
}

#[test]
fn a_name_the_shield_writes_in_lower_case_is_found_however_written() {
    // "hounds" is written in lower case by the shield: an everyday noun that names the
    // group on a page about the book whatever its case.
    let verdict = judged(&["Near the end one of the hounds is killed."]);
    assert!(verdict.spoiler, "{verdict:?}");
}
