//! The project's own labelled pages (tests/fixtures/labelled, written for this project
//! following the corpus rubric): negative controls blur nothing, and accuracy on the
//! rest does not fall below what it was when these floors were set.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use serde::Deserialize;
use spoiler_shield::Engine;

#[derive(Deserialize)]
struct Labelled {
    page: String,
    id: String,
    book: Option<String>,
    text: String,
    spoiler: bool,
}

fn pages() -> BTreeMap<String, Vec<Labelled>> {
    let mut pages: BTreeMap<String, Vec<Labelled>> = BTreeMap::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/labelled");
    for entry in std::fs::read_dir(&dir).expect("fixtures directory") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("jsonl") {
            continue;
        }
        for line in std::fs::read_to_string(&path)
            .expect("readable")
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            let p: Labelled =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            pages.entry(p.page.clone()).or_default().push(p);
        }
    }
    assert!(pages.len() >= 10, "at least ten labelled pages");
    pages
}

fn verdicts(page: &[Labelled]) -> Vec<spoiler_shield::Verdict> {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    let engine = ENGINE.get_or_init(|| {
        Engine::builder()
            .all_catalog_books()
            .build()
            .expect("catalog")
    });
    let texts: Vec<&str> = page.iter().map(|p| p.text.as_str()).collect();
    engine.classify_page(&texts)
}

#[test]
fn negative_control_pages_blur_nothing() {
    let pages = pages();
    let negatives: Vec<_> = pages
        .iter()
        .filter(|(name, _)| name.starts_with("neg-"))
        .collect();
    assert!(negatives.len() >= 5);
    for (name, page) in negatives {
        assert!(
            page.iter().all(|p| p.book.is_none() && !p.spoiler),
            "{name} is labelled as a control"
        );
        for (p, v) in page.iter().zip(verdicts(page)) {
            assert!(
                !v.spoiler,
                "{} blurred on a control page: {:?} {:?}",
                p.id, v.book, v.phrases
            );
        }
    }
}

#[test]
fn accuracy_on_the_fixtures_holds_its_floor() {
    let (mut tp, mut fp, mut fneg) = (0, 0, 0);
    for page in pages().values() {
        for (p, v) in page.iter().zip(verdicts(page)) {
            match (p.spoiler, v.spoiler) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fneg += 1,
                (false, false) => {}
            }
            if let (true, true, Some(book)) = (p.spoiler, v.spoiler, &p.book) {
                assert_eq!(
                    v.book.as_ref(),
                    Some(book),
                    "{} blamed on the wrong book",
                    p.id
                );
            }
        }
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fneg) as f64;
    assert!(
        precision >= 0.95,
        "precision {precision:.3} (tp {tp}, fp {fp})"
    );
    assert!(recall >= 0.60, "recall {recall:.3} (tp {tp}, fn {fneg})");
}
