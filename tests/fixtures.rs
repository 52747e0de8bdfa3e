//! The project's own labelled pages (tests/fixtures/labelled, written for this project
//! following the corpus rubric): negative controls blur nothing, and accuracy on the
//! rest does not fall below what it was when these floors were set.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;

use common::{Counts, Labelled};
use spoiler_shield::Engine;

fn pages() -> BTreeMap<String, Vec<Labelled>> {
    let pages = common::pages("tests/fixtures/labelled");
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
    let mut counts = Counts::default();
    for page in pages().values() {
        for (p, v) in page.iter().zip(verdicts(page)) {
            counts.add(p.spoiler, v.spoiler);
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
    let (precision, recall) = (counts.precision(), counts.recall());
    assert!(precision >= 0.95, "precision {precision:.3} ({counts:?})");
    assert!(recall >= 0.60, "recall {recall:.3} ({counts:?})");
}
