//! `make bench`, native half: throughput of normalise + scan + score on the sample
//! pages' text repeated past 10 MB, with all 12 catalog shields on; automaton build time
//! and memory, and the memory of the vocabulary the automaton's word codes come from.
//! Prints a table and writes JSON to the path given as the first argument. Figures are
//! medians of several runs; nothing here asserts a goal.

use std::time::Instant;

use scraper::{Html, Selector};
use spoiler_shield::text::{NormText, Normalizer};
use spoiler_shield::Engine;

const RUNS: usize = 7;
const TARGET_BYTES: usize = 10 << 20;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// The text blocks of every sample page, one `Vec` per page.
fn sample_pages() -> Vec<Vec<String>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("www/samples");
    let blocks = Selector::parse("p, li, blockquote, dd, td, th, h1, h2, h3, h4, figcaption")
        .expect("selector");
    let mut pages = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("www/samples")
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let html = Html::parse_document(&std::fs::read_to_string(&path).expect("readable sample"));
        let texts: Vec<String> = html
            .select(&blocks)
            .map(|e| e.text().collect::<String>())
            .filter(|t| !t.trim().is_empty())
            .collect();
        pages.push(texts);
    }
    pages
}

fn main() {
    let out = std::env::args()
        .nth(1)
        .filter(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "bench/native.json".to_string());
    let pages = sample_pages();
    let one_pass: usize = pages.iter().flatten().map(String::len).sum();
    let repeats = TARGET_BYTES.div_ceil(one_pass.max(1));
    let corpus: Vec<&Vec<String>> = (0..repeats).flat_map(|_| pages.iter()).collect();
    let bytes = one_pass * repeats;
    let mb = bytes as f64 / 1e6;

    let mut builds = Vec::new();
    let mut engine = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        engine = Some(
            Engine::builder()
                .all_catalog_books()
                .build()
                .expect("catalog builds"),
        );
        builds.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let engine = engine.expect("built");

    let mut normalise = Vec::new();
    let mut buffer = NormText::default();
    for _ in 0..RUNS {
        let t = Instant::now();
        for page in &corpus {
            for text in page.iter() {
                Normalizer::new().normalize_into(text, &mut buffer);
            }
        }
        normalise.push(t.elapsed().as_secs_f64());
    }

    let mut full = Vec::new();
    let mut blurred = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        blurred = 0;
        for page in &corpus {
            blurred += engine
                .classify_page(page)
                .iter()
                .filter(|v| v.spoiler)
                .count();
        }
        full.push(t.elapsed().as_secs_f64());
    }

    let build_ms = median(builds);
    let normalise_mbps = mb / median(normalise);
    let full_mbps = mb / median(full);
    let machine = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);

    let books = spoiler_shield::catalog::shields().map_or(0, |s| s.len());
    println!("native core ({machine}, {cores} cores), all {books} catalog shields, median of {RUNS} runs");
    println!(
        "  text                     {mb:>10.1} MB ({} pages × {repeats})",
        pages.len()
    );
    println!("  normalise only           {normalise_mbps:>10.0} MB/s");
    println!(
        "  normalise+scan+score     {full_mbps:>10.0} MB/s ({blurred} blocks blurred per run)"
    );
    println!(
        "  automaton build          {build_ms:>10.1} ms ({} patterns)",
        engine.pattern_count()
    );
    println!(
        "  automaton memory         {:>10.2} MB",
        engine.automaton_bytes() as f64 / 1e6
    );
    // The automaton runs over word codes; the table that gives words their codes is
    // the other part of the matcher's memory.
    println!(
        "  vocabulary memory        {:>10.2} MB ({} words)",
        engine.vocabulary_bytes() as f64 / 1e6,
        engine.vocabulary_len()
    );

    let json = serde_json::json!({
        "machine": machine, "cores": cores, "runs": RUNS,
        "text_mb": mb, "normalise_mb_per_s": normalise_mbps, "full_mb_per_s": full_mbps,
        "build_ms": build_ms, "patterns": engine.pattern_count(), "automaton_bytes": engine.automaton_bytes(),
        "vocabulary_bytes": engine.vocabulary_bytes(), "vocabulary_words": engine.vocabulary_len(),
        "blurred_blocks": blurred,
    });
    if let Some(dir) = std::path::Path::new(&out).parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(e) = std::fs::write(&out, format!("{json:#}\n")) {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(2);
    }
}
