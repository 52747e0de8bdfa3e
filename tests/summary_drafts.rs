//! Shields drafted from plot summaries (issue 5 §3). The summaries in
//! tests/fixtures/summaries were written for this project; the labelled pages in
//! tests/fixtures/summary-pages were written separately, by someone who had not seen
//! the summaries or the drafter, so the drafts are judged on text they were not shaped
//! by. The floors sit just under what was measured when they were set
//! (`make eval` prints the current figures).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::Counts;
use spoiler_shield::authoring::summary::{SummaryDrafter, WordFrequencies};
use spoiler_shield::shield::Shield;
use spoiler_shield::Engine;

fn draft(file: &str, id: &str, title: &str, author: &str) -> Shield {
    let path = format!(
        "{}/tests/fixtures/summaries/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let summary = std::fs::read_to_string(&path).expect("summary fixture");
    let mut shield = SummaryDrafter::new(WordFrequencies::english())
        .draft(title, author, &summary)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    shield.id = id.to_string();
    shield
}

fn drafted_engine() -> Engine {
    Engine::builder()
        .shield(draft(
            "great-gatsby.txt",
            "great-gatsby",
            "The Great Gatsby",
            "F. Scott Fitzgerald",
        ))
        .shield(draft(
            "jane-eyre.txt",
            "jane-eyre",
            "Jane Eyre",
            "Charlotte Brontë",
        ))
        .build()
        .expect("drafted shields build an engine")
}

#[test]
fn drafts_name_the_main_characters_and_late_reveals() {
    let gatsby = draft(
        "great-gatsby.txt",
        "great-gatsby",
        "The Great Gatsby",
        "F. Scott Fitzgerald",
    );
    let names: Vec<&str> = gatsby.entities.iter().map(|e| e.name.as_str()).collect();
    for name in [
        "Jay Gatsby",
        "Nick Carraway",
        "Daisy Buchanan",
        "Myrtle Wilson",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    assert!(
        !names.contains(&"Disgusted"),
        "a sentence-initial word is not a name: {names:?}"
    );
    let jane = draft(
        "jane-eyre.txt",
        "jane-eyre",
        "Jane Eyre",
        "Charlotte Brontë",
    );
    let weight = |phrase: &str| {
        jane.terms
            .iter()
            .find(|t| t.phrase == phrase)
            .map(|t| t.weight)
    };
    // Premise (the first sixth of the summary) adds nothing; the ending weighs most.
    assert_eq!(weight("orphan"), None);
    assert!(
        weight("blackened").is_some_and(|w| w >= 1.0),
        "{:?}",
        jane.terms
    );
}

#[test]
fn drafted_shields_catch_spoilers_and_leave_the_rest() {
    let engine = drafted_engine();
    let mut counts = Counts::default();
    for (name, page) in common::pages("tests/fixtures/summary-pages") {
        // Pages about a book with no summary here (And Then There Were None, for the
        // article drafts of issue 16) are judged by the shields drafted for that book.
        let drafted = |book: &str| matches!(book, "great-gatsby" | "jane-eyre");
        if page
            .iter()
            .any(|p| p.book.as_deref().is_some_and(|b| !drafted(b)))
        {
            continue;
        }
        let texts: Vec<&str> = page.iter().map(|p| p.text.as_str()).collect();
        for (p, verdict) in page.iter().zip(engine.classify_page(&texts)) {
            if p.book.is_none() {
                assert!(
                    !verdict.spoiler,
                    "{name} {}: blurred a paragraph about no book: {:?}",
                    p.id, verdict.phrases
                );
            }
            counts.add(p.spoiler, verdict.spoiler);
        }
    }
    let (precision, recall) = (counts.precision(), counts.recall());
    assert!(precision >= 0.75, "precision {precision:.3} ({counts:?})");
    assert!(recall >= 0.50, "recall {recall:.3} ({counts:?})");
}

/// Each summary fixture as (file, id, title, author).
const SUMMARIES: &[(&str, &str, &str, &str)] = &[
    (
        "great-gatsby.txt",
        "great-gatsby",
        "The Great Gatsby",
        "F. Scott Fitzgerald",
    ),
    (
        "jane-eyre.txt",
        "jane-eyre",
        "Jane Eyre",
        "Charlotte Brontë",
    ),
    (
        "never-let-me-go.txt",
        "never-let-me-go",
        "Never Let Me Go",
        "Kazuo Ishiguro",
    ),
];

#[test]
fn drafts_tell_events_in_story_order_after_their_premise() {
    for &(file, id, title, author) in SUMMARIES {
        let shield = draft(file, id, title, author);
        assert_eq!(shield.schema, 2, "{id}");
        assert!(!shield.premise.is_empty(), "{id}: no premise");
        assert!(shield.events.len() >= 5, "{id}: {:#?}", shield.events);
        assert!(
            shield
                .events
                .windows(2)
                .all(|w| w[0].percent <= w[1].percent),
            "{id}: events out of order"
        );
        // The premise is the opening fifth, which the matcher counts as set-up.
        assert!(shield.events.iter().all(|e| e.percent >= 20.0), "{id}");
    }
    // The end of Gatsby: the shooting in the pool is told of Gatsby, late.
    let gatsby = draft(
        SUMMARIES[0].0,
        SUMMARIES[0].1,
        SUMMARIES[0].2,
        SUMMARIES[0].3,
    );
    let pool = gatsby
        .events
        .iter()
        .find(|e| e.says.contains("swimming pool"))
        .unwrap_or_else(|| panic!("{:#?}", gatsby.events));
    assert!(pool.who.iter().any(|w| w == "Jay Gatsby"), "{pool:?}");
    assert!(pool.percent >= 75.0, "{pool:?}");
}

/// The premise check of `make eval`, on drafts: every drafted premise sentence, on a page
/// about its book, at progress 0, is left readable by the drafted shield alone. A
/// reader who has not started the book already knows its premise.
#[test]
fn drafted_premise_never_blurs_at_the_start() {
    for &(file, id, title, author) in SUMMARIES {
        let shield = draft(file, id, title, author);
        let page: Vec<String> = std::iter::once(format!("{title} by {author}"))
            .chain(shield.premise.iter().map(|p| p.says.clone()))
            .collect();
        let engine = Engine::builder()
            .shield(shield)
            .progress(id, 0.0)
            .build()
            .expect("a drafted shield builds an engine");
        for (text, verdict) in page.iter().zip(engine.classify_page(&page)).skip(1) {
            assert!(
                !verdict.spoiler,
                "{id}: premise blurred at 0 %: {text:?} ({:?})",
                verdict.phrases
            );
        }
    }
}

/// Issue 16: a drafted shield cannot know whether its author wrote other books, so the
/// author's name alone never makes a page about this book: on a review of another of
/// their books, the draft's heaviest spoiler phrase stays readable; with the title on
/// the page, it blurs.
#[test]
fn a_drafts_author_alone_does_not_make_a_page_about_the_book() {
    let shield = draft(
        "great-gatsby.txt",
        "great-gatsby",
        "The Great Gatsby",
        "F. Scott Fitzgerald",
    );
    assert!(shield.author_shared, "a draft marks its author as shared");
    let term = shield
        .terms
        .iter()
        .filter(|t| !t.needs_entity && t.weight >= 1.0)
        .max_by(|a, b| a.weight.total_cmp(&b.weight))
        .map(|t| t.phrase.clone())
        .unwrap_or_else(|| panic!("a draft has a phrase that blurs alone: {:#?}", shield.terms));
    let engine = Engine::builder()
        .shield(shield)
        .build()
        .expect("a drafted shield builds an engine");
    let spoiler = format!("In the last chapter it comes down to this: {term}.");
    let other_book = [
        "Tender Is the Night by F. Scott Fitzgerald: a review".to_string(),
        "Fitzgerald wrote it slowly, over nine years.".to_string(),
        spoiler.clone(),
    ];
    let verdicts = engine.classify_page(&other_book);
    assert!(
        !verdicts[2].spoiler,
        "{term:?} blurred on a page naming only the author: {:?}",
        verdicts[2]
    );
    let this_book = [
        "The Great Gatsby by F. Scott Fitzgerald: a review".to_string(),
        spoiler,
    ];
    let verdicts = engine.classify_page(&this_book);
    assert!(
        verdicts[1].spoiler,
        "{term:?} not blurred on a page about the book: {:?}",
        verdicts[1]
    );
}

/// A one-word name ending in a letter of more than one byte ("Иван", "Ана") is weighed
/// like any other: the fuzz target once found a draft that panicked on such a name.
#[test]
fn names_ending_in_any_letter_draft_without_panic() {
    let summary = "Иван meets Ана in the city of Ørsted, where both work at the old harbour. \
                   Иван tells Ана a secret about her brother and the missing ship. \
                   Later Ана betrays Иван to the harbour master, and Иван leaves Ørsted \
                   for good. Years afterwards Иван returns, and in the end she forgives Ана.";
    let shield = SummaryDrafter::new(WordFrequencies::english())
        .draft("Ана and Иван", "An Author", summary)
        .expect("a summary with non-ASCII names drafts");
    Shield::from_json(&shield.to_json(), "draft").expect("the draft is a valid shield");
    assert!(
        shield.entities.iter().any(|e| e.name == "Иван"),
        "Иван is drafted as a character: {:#?}",
        shield.entities
    );
}
