//! Compacts the bundled shields (`shields/*.json`) into `$OUT_DIR/shields/` so that the
//! binary and the Wasm module carry their data without the indentation people need to
//! edit them (a third of their size). A file that does not parse is copied as it is, so
//! the library's own validation reports it at run time and in `cargo test`.
//!
//! The cue lexicon (`shields/cues.json`), which every module carries, becomes a Rust
//! table, `$OUT_DIR/cues.rs`; the library validates it on first use. A cue file that does
//! not have the lexicon's shape stops the build with a message naming the cue.
//!
//! The plot headings and authorship words of `extension/content/article-rules.json`, which
//! the content script's plot guard reads too, become `$OUT_DIR/article_rules.rs`, so the
//! core and the extension cannot drift apart.

use std::path::Path;
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=shields");
    println!("cargo:rerun-if-changed={ARTICLE_RULES}");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    write_cues(Path::new(&out_dir));
    write_article_rules(Path::new(&out_dir));
    let out = Path::new(&out_dir).join("shields");
    fs::create_dir_all(&out).expect("create OUT_DIR/shields");
    let mut books: Vec<(String, String)> = Vec::new();
    for entry in fs::read_dir("shields").expect("shields/ beside Cargo.toml") {
        let path = entry.expect("readable shields/ entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") || path.ends_with("cues.json")
        {
            continue;
        }
        let text = fs::read_to_string(&path).expect("readable shield file");
        let value = serde_json::from_str::<serde_json::Value>(&text).ok();
        let title = value
            .as_ref()
            .and_then(|v| v["title"].as_str())
            .unwrap_or_default()
            .to_string();
        let compact = value
            .and_then(|value| serde_json::to_string(&value).ok())
            .unwrap_or(text);
        let name = path.file_name().expect("a file name");
        fs::write(out.join(name), compact).expect("write compact shield");
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 file name");
        books.push((id.to_string(), title));
    }
    write_sources(&out, books);
}

/// Writes `SOURCES`, every book file of `shields/` by id, in the extension's catalog
/// order (title, a leading article left out: scripts/catalog-files.mjs), so a new file
/// is a new book for the CLI, the tests and the extension alike.
fn write_sources(shields: &Path, mut books: Vec<(String, String)>) {
    let sort_key = |title: &str| {
        let lower = title.to_lowercase();
        ["the ", "a ", "an "]
            .iter()
            .find_map(|article| lower.strip_prefix(article).map(str::to_string))
            .unwrap_or(lower)
    };
    books.sort_by_key(|(id, title)| (sort_key(title), id.clone()));
    let mut rust = String::from("const SOURCES: &[(&str, &str)] = &[\n");
    for (id, _) in &books {
        let file = shields.join(format!("{id}.json"));
        rust.push_str(&format!(
            "    ({id:?}, include_str!({:?})),\n",
            file.display().to_string()
        ));
    }
    rust.push_str("];\n");
    let out = shields
        .parent()
        .expect("OUT_DIR")
        .join("catalog_sources.rs");
    fs::write(out, rust).expect("write catalog_sources.rs");
}

/// Writes `CUES_SCHEMA`, `CUE_PHRASES` (the phrases, end to end), `CUE_LENGTHS` (their
/// lengths in bytes) and `CUE_WEIGHTS` (their weights in hundredths) from
/// shields/cues.json: flat tables, where a slice of (`&str`, `f32`) pairs cost every
/// module 12 bytes a cue more.
fn write_cues(out: &Path) {
    let fail = |what: String| -> ! { panic!("shields/cues.json: {what}; see docs/SHIELDS.md") };
    let text = fs::read_to_string("shields/cues.json").unwrap_or_else(|e| fail(e.to_string()));
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| fail(format!("not valid JSON ({e})")));
    let schema = value["schema"]
        .as_u64()
        .unwrap_or_else(|| fail("`schema` must be a whole number".to_string()));
    let cues = value["cues"]
        .as_array()
        .unwrap_or_else(|| fail("`cues` must be an array".to_string()));
    let mut phrases = String::new();
    let mut lengths = String::new();
    let mut weights = String::new();
    for (i, cue) in cues.iter().enumerate() {
        let (Some(phrase), Some(weight)) = (cue["phrase"].as_str(), cue["weight"].as_f64()) else {
            fail(format!(
                "cues[{i}] needs a `phrase` string and a `weight` number"
            ))
        };
        let hundredths = (weight * 100.0).round();
        if phrase.len() > 255
            || (weight * 100.0 - hundredths).abs() > 1e-6
            || !(0.0..=3.0).contains(&weight)
        {
            fail(format!(
                "cues[{i}] needs a phrase of at most 255 bytes and a weight of 0–3 in hundredths"
            ))
        }
        phrases.push_str(phrase);
        lengths.push_str(&format!("{}, ", phrase.len()));
        weights.push_str(&format!("{hundredths}, "));
    }
    let rust = format!(
        "const CUES_SCHEMA: u32 = {schema};\nconst CUE_PHRASES: &str = {phrases:?};\n\
         const CUE_LENGTHS: &[u8] = &[{lengths}];\nconst CUE_WEIGHTS: &[u16] = &[{weights}];\n"
    );
    fs::write(out.join("cues.rs"), rust).expect("write cues.rs");
}

/// The rules of a page about a book, shared with the content script.
const ARTICLE_RULES: &str = "extension/content/article-rules.json";

/// Writes the word lists of `ARTICLE_RULES` as Rust constants: `article_rules.rs`
/// (`RETELLING_HEADINGS`, `DRAFTING_HEADINGS`, `AUTHOR_LABELS`, `WORK_NOUNS`,
/// `OPENING_PARAGRAPHS`) for `src/authoring/article.rs`, and `section_headings.rs`
/// (`SECTION_HEADINGS`: the retellings and the `endingHeadings`) for `src/section.rs`,
/// which the scan module compiles without the authoring code.
fn write_article_rules(out: &Path) {
    let fail = |what: String| -> ! { panic!("{ARTICLE_RULES}: {what}") };
    let text = fs::read_to_string(ARTICLE_RULES).unwrap_or_else(|e| fail(e.to_string()));
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| fail(format!("not valid JSON ({e})")));
    // A list of lower-case words, without spaces around them, as the readers compare them.
    let words = |key: &str| -> Vec<&str> {
        let words: Vec<&str> = value[key]
            .as_array()
            .and_then(|list| list.iter().map(|w| w.as_str()).collect())
            .unwrap_or_else(|| fail(format!("`{key}` must be an array of strings")));
        if let Some(word) = words
            .iter()
            .find(|w| w.to_lowercase() != **w || w.trim() != **w)
        {
            fail(format!(
                "`{key}`: {word:?} must be lower case, without spaces around it"
            ));
        }
        words
    };
    let mut rust = String::new();
    for (key, name) in [
        ("retellingHeadings", "RETELLING_HEADINGS"),
        ("draftingHeadings", "DRAFTING_HEADINGS"),
        ("authorLabels", "AUTHOR_LABELS"),
        ("workNouns", "WORK_NOUNS"),
    ] {
        let list = words(key);
        rust.push_str(&format!("pub(crate) const {name}: &[&str] = &{list:?};\n"));
    }
    // What opens a plot section in the core's scoring (src/section.rs), as one table: a
    // chain of the two lists made the scan module 358 bytes bigger.
    let section = [words("retellingHeadings"), words("endingHeadings")].concat();
    fs::write(
        out.join("section_headings.rs"),
        format!("pub(crate) const SECTION_HEADINGS: &[&str] = &{section:?};\n"),
    )
    .expect("write section_headings.rs");
    let opening = value["openingParagraphs"]
        .as_u64()
        .unwrap_or_else(|| fail("`openingParagraphs` must be a whole number".to_string()));
    rust.push_str(&format!(
        "pub(crate) const OPENING_PARAGRAPHS: usize = {opening};\n"
    ));
    fs::write(out.join("article_rules.rs"), rust).expect("write article_rules.rs");
}
