//! Drafting a shield from an arbitrary summary: a valid shield or an error, never a
//! panic or an invalid shield.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spoiler_shield::shield::Shield;
use spoiler_shield::authoring::summary::{SummaryDrafter, WordFrequencies};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (title, summary) = text.split_once('\n').unwrap_or(("A Title", &text));
    if let Ok(shield) = SummaryDrafter::new(WordFrequencies::english()).draft(title, "An Author", summary) {
        Shield::from_json(&shield.to_json(), "draft").expect("drafts are valid shields");
    }
});
