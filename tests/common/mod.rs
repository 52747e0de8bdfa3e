//! Shared by the integration tests that read labelled pages (JSONL, one paragraph per
//! line: `{"page","id","text","spoiler","book"}`).
#![allow(dead_code)] // each test binary uses its own part

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

/// One labelled paragraph.
#[derive(Deserialize)]
pub struct Labelled {
    pub page: String,
    pub id: String,
    pub book: Option<String>,
    pub text: String,
    pub spoiler: bool,
}

/// The labelled paragraphs of every `.jsonl` file in `dir` (relative to the crate),
/// grouped by page in page order.
pub fn pages(dir: &str) -> BTreeMap<String, Vec<Labelled>> {
    let mut pages: BTreeMap<String, Vec<Labelled>> = BTreeMap::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("jsonl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable fixture");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let p: Labelled =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            pages.entry(p.page.clone()).or_default().push(p);
        }
    }
    pages
}

/// True and false positives and false negatives of `predicted` against the labels.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fneg: usize,
}

impl Counts {
    pub fn add(&mut self, labelled: bool, predicted: bool) {
        match (labelled, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fneg += 1,
            (false, false) => {}
        }
    }

    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }

    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fneg).max(1) as f64
    }
}

/// The verdict on the last of `blocks`, one page, with only the shield `json` at the
/// balanced sensitivity: how the tests of one small made-up shield read a page.
#[cfg(feature = "json")]
pub fn last_verdict(json: &str, blocks: &[&str]) -> spoiler_shield::Verdict {
    let shield = spoiler_shield::shield::Shield::from_json(json, "test.json")
        .expect("the test shield is valid");
    let engine = spoiler_shield::Engine::builder()
        .shield(shield)
        .sensitivity(spoiler_shield::Sensitivity::Balanced)
        .build()
        .expect("engine");
    engine
        .classify_page(blocks)
        .pop()
        .expect("one verdict a block")
}

/// The verdict on the last of `blocks`, on a page about the book that opens with
/// `heading` (its title and author): [`last_verdict`] of `heading` then `blocks`.
#[cfg(feature = "json")]
pub fn verdict_after(json: &str, heading: &str, blocks: &[&str]) -> spoiler_shield::Verdict {
    let page: Vec<&str> = std::iter::once(heading)
        .chain(blocks.iter().copied())
        .collect();
    last_verdict(json, &page)
}
