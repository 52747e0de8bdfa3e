//! Properties that must hold for any input: no panic, and the same verdicts every time.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use spoiler_shield::text::Normalizer;
use spoiler_shield::Engine;

/// One engine for every case: building the full catalog's automaton is the slow part.
fn engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::builder()
            .all_catalog_books()
            .build()
            .expect("the catalog builds")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn normalising_never_panics_and_is_well_formed(s in "\\PC{0,400}") {
        let n = Normalizer::new().normalize(&s);
        let text = n.as_str();
        prop_assert!(text.starts_with(' '));
        prop_assert!(!text.contains("  "));
        // Lower case by Unicode's own mapping (letters such as U+1D468 have none).
        prop_assert!(text.chars().all(|c| c.to_lowercase().eq(std::iter::once(c))), "{text:?}");
    }

    #[test]
    fn normalising_is_idempotent_on_its_words(s in "[a-zA-Z’' .,!?-]{0,200}") {
        let n = Normalizer::new();
        let once = n.normalize(&s);
        // Stems are stable under a second pass of folding (not stemming again).
        let words: Vec<&str> = once.as_str().split_whitespace().collect();
        for w in words {
            prop_assert!(w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()), "{w:?}");
        }
    }

    #[test]
    fn scanning_arbitrary_unicode_never_panics_and_is_deterministic(
        blocks in proptest::collection::vec("\\PC{0,300}", 0..8)
    ) {
        let e = engine();
        let a = e.classify_page(&blocks);
        let b = e.classify_page(&blocks);
        prop_assert_eq!(a.len(), blocks.len());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn batches_and_one_call_agree_on_the_final_verdicts(
        blocks in proptest::collection::vec(
            prop_oneof![
                Just("Never Let Me Go by Kazuo Ishiguro".to_string()),
                Just("Kathy and Tommy are clones.".to_string()),
                Just("Snape kills Dumbledore on the tower.".to_string()),
                Just("I liked it.".to_string()),
                "\\PC{0,60}",
            ],
            1..10,
        ),
        split in 0usize..10,
    ) {
        let e = engine();
        let whole = e.classify_page(&blocks);
        let split = split.min(blocks.len());
        let mut page = e.page();
        let mut verdicts = page.scan(&blocks[..split]).verdicts;
        let second = page.scan(&blocks[split..]);
        verdicts.extend(second.verdicts);
        for (index, v) in second.changed {
            verdicts[index] = v;
        }
        let spoilers = |vs: &[spoiler_shield::Verdict]| vs.iter().map(|v| v.book.clone()).collect::<Vec<_>>();
        prop_assert_eq!(spoilers(&whole), spoilers(&verdicts));
    }
}
