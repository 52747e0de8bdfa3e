//! Shield limits (docs/SHIELDS.md, "Limits") as a reader meets them: the CLI's
//! `check-shield` refuses each bad file with exit status 2 and the same message the
//! library gives (and so the extension, whose `validateShield` formats the same
//! `ShieldError`), and the bundled shields pass every limit.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::Command;

use spoiler_shield::shield::{Shield, MAX_FILE_BYTES, MAX_PHRASES, MAX_PHRASE_BYTES};

/// A small valid shield; `{TERMS}` is replaced by the test's terms.
const TEMPLATE: &str = r#"{
  "schema": 1,
  "id": "limits-book",
  "title": "The Limits Book",
  "author": "Ada Bound",
  "entities": [{"name": "Mara Quill", "kind": "character"}],
  "terms": [
    {TERMS}
  ]
}
"#;

fn shield_with_terms(terms: &[String]) -> String {
    TEMPLATE.replace("{TERMS}", &terms.join(",\n    "))
}

fn term(phrase: &str) -> String {
    format!(
        r#"{{"phrase": {}, "weight": 1.0}}"#,
        serde_json::to_string(phrase).unwrap()
    )
}

/// Writes `text` to a fresh file named `name` and runs `check-shield` on it:
/// (exit code, stderr).
fn check(name: &str, text: &str) -> (Option<i32>, String, PathBuf) {
    let dir = std::env::temp_dir().join(format!("ss-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_spoiler-shield"))
        .args(["check-shield", path.to_str().unwrap()])
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code(), stderr, path)
}

/// Asserts the CLI refuses `text` with the library's own message, which must contain
/// `expect`; returns that message.
fn refused(name: &str, text: &str, expect: &str) -> String {
    let (code, stderr, path) = check(name, text);
    let source = path.display().to_string();
    let err = Shield::from_json(text, &source).expect_err(name);
    assert_eq!(code, Some(2), "{name}: {stderr}");
    assert!(
        stderr.contains(&err.to_string()),
        "{name}: the CLI says what the library says\n  cli: {stderr}\n  lib: {err}"
    );
    assert!(err.message.contains(expect), "{name}: {err}");
    assert!(stderr.lines().count() == 1, "{name}: one line: {stderr}");
    err.to_string()
}

#[test]
fn twenty_thousand_phrases_are_refused_by_count() {
    let terms: Vec<String> = (0..20_000).map(|i| term(&format!("secret {i}"))).collect();
    let text = shield_with_terms(&terms);
    assert!(
        text.len() < MAX_FILE_BYTES,
        "the count, not the size, refuses it"
    );
    let message = refused(
        "many.json",
        &text,
        &format!("holds 20003 phrases (title, author, aliases, entity names, terms and their `also` wordings); a shield may hold at most {MAX_PHRASES}"),
    );
    assert!(
        !message.contains(":1:"),
        "no line for a whole-file limit: {message}"
    );
}

#[test]
fn a_shield_at_the_phrase_limit_passes() {
    let terms: Vec<String> = (0..MAX_PHRASES - 3)
        .map(|i| term(&format!("secret {i}")))
        .collect();
    let (code, stderr, _) = check("full.json", &shield_with_terms(&terms));
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn empty_and_huge_phrases_are_refused_with_their_field() {
    let empty = shield_with_terms(&[term("the twist"), term("")]);
    let message = refused("empty.json", &empty, "has no word to match");
    assert!(message.contains(":9: terms[1].phrase: "), "{message}");

    // Just under 1 MiB of one phrase: the phrase limit refuses it, and the message
    // quotes only its start.
    let huge = shield_with_terms(&[term(&"spoiler ".repeat(130_000))]);
    assert!(huge.len() < MAX_FILE_BYTES);
    let message = refused(
        "huge.json",
        &huge,
        "is 1040000 bytes long (\"spoiler spoiler",
    );
    assert!(message.contains(&format!("at most {MAX_PHRASE_BYTES} bytes")));
    assert!(message.len() < 300, "{message}");
}

#[test]
fn too_many_words_in_a_phrase_is_refused() {
    // 30 words, 27 once "the" and "his" are dropped as matching drops them.
    let long = "he never told anyone that the letter in the drawer was written by his own \
                sister on the night before the fire and so nobody ever knew who burned the mill";
    refused(
        "wordy.json",
        &shield_with_terms(&[term(long)]),
        "has 25 words; a phrase may have at most 24",
    );
}

#[test]
fn files_over_one_mebibyte_and_malformed_files_are_refused() {
    let mut big = shield_with_terms(&[term("the twist")]);
    big.push_str(&" ".repeat(MAX_FILE_BYTES));
    refused(
        "big.json",
        &big,
        "a shield file may be at most 1048576 bytes (1 MiB)",
    );

    let cut = shield_with_terms(&[term("the twist")]);
    refused(
        "cut.json",
        &cut[..cut.len() / 2],
        "the file ends in the middle of the JSON (EOF while parsing",
    );
    refused(
        "text.json",
        "this is not JSON",
        "but this one starts with 't'",
    );
    refused(
        "comma.json",
        "{\"schema\": 1 \"id\": \"x\"}",
        "this is not valid JSON (expected `,` or `}`); a shield file is one JSON object",
    );
    refused(
        "list.json",
        "[1, 2, 3]",
        "a shield file is one JSON object ({\"schema\": 1, …}), but this one starts with '['",
    );
}

#[test]
fn the_bundled_shields_pass_every_limit() {
    for entry in std::fs::read_dir("shields").unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() == "cues.json" {
            continue;
        }
        let (code, stderr, _) = {
            let out = Command::new(env!("CARGO_BIN_EXE_spoiler-shield"))
                .args(["check-shield", path.to_str().unwrap()])
                .output()
                .unwrap();
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
                (),
            )
        };
        assert_eq!(code, Some(0), "{}: {stderr}", path.display());
    }
}
