//! One catalog, taken from `shields/`: the books the CLI compiles in (listed by build.rs)
//! are every shield file but the cue lexicon, and the extension's catalog
//! (`scripts/catalog-files.mjs`) lists the same books in the same order.
#![cfg(feature = "bundled-books")]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use spoiler_shield::catalog;

fn shields_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("shields")
}

#[test]
fn every_shield_file_is_a_bundled_book() {
    let files: BTreeSet<String> = std::fs::read_dir(shields_dir())
        .expect("shields/")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .filter_map(|path| path.file_stem()?.to_str().map(str::to_string))
        .filter(|stem| stem != "cues")
        .collect();
    let ids: BTreeSet<String> = catalog::ids().map(str::to_string).collect();
    assert_eq!(files, ids);
    // Each of them loads and passes every rule.
    assert_eq!(catalog::shields().expect("valid").len(), files.len());
}

#[test]
fn the_extension_lists_the_same_books_in_the_same_order() {
    let dir = std::env::temp_dir().join(format!("ss-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let status = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/catalog-files.mjs"))
        .arg(&dir)
        .status()
        .expect("node runs scripts/catalog-files.mjs (see `make tools-npm`)");
    assert!(status.success());
    let text = std::fs::read_to_string(dir.join("catalog.json")).unwrap();
    let books: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let extension: Vec<&str> = books.iter().map(|b| b["id"].as_str().unwrap()).collect();
    let cli: Vec<&str> = catalog::ids().collect();
    assert_eq!(extension, cli);
    std::fs::remove_dir_all(&dir).unwrap();
}
