//! Normalisation and scanning of arbitrary page text with every catalog shield on: no
//! panic, and the one-batch and block-by-block scans of a page agree.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use spoiler_shield::text::Normalizer;
use spoiler_shield::Engine;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::builder().all_catalog_books().build().expect("catalog builds"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let norm = Normalizer::new().normalize(&text);
    assert!(norm.as_str().is_char_boundary(norm.as_str().len()));
    // Blocks are split at a byte the fuzzer controls, so page structure varies too.
    let blocks: Vec<&str> = text.split('\u{1}').collect();
    let whole = engine().classify_page(&blocks);
    let mut page = engine().page();
    let mut incremental = Vec::new();
    for block in &blocks {
        let result = page.scan(&[*block]);
        incremental.extend(result.verdicts);
        for (index, verdict) in result.changed {
            incremental[index] = verdict;
        }
    }
    let books = |verdicts: &[spoiler_shield::Verdict]| {
        verdicts.iter().map(|v| v.book.clone()).collect::<Vec<_>>()
    };
    assert_eq!(books(&whole), books(&incremental));
});
