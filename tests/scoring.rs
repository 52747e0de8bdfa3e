//! Scoring and page context, on a small shield written for these tests so that the
//! rules are tested apart from the catalog's data.
// The test shield is JSON text, read with the feature `json` (on by default; the scan
// module's build, which `make test-wasm` compiles the tests with, leaves it out).
#![cfg(feature = "json")]

use spoiler_shield::shield::Shield;
use spoiler_shield::{Engine, Sensitivity};

const SHIELD: &str = r#"{
  "schema": 1,
  "id": "glass-harbour",
  "title": "The Glass Harbour",
  "author": "Mirela Quandt",
  "aliases": ["TGH"],
  "entities": [
    {"name": "Oswin Tarrow", "kind": "character", "aliases": ["Oswin"]},
    {"name": "Peller", "kind": "character", "common": true},
    {"name": "Saltmarsh", "kind": "place"},
    {"name": "the lantern ledger", "kind": "object"}
  ],
  "terms": [
    {"phrase": "the harbourmaster is Oswin's father", "weight": 2.0,
     "revealed": {"at": "chapter 30", "percent": 90}},
    {"phrase": "drowned", "weight": 1.0, "revealed": {"at": "chapter 12", "percent": 40}},
    {"phrase": "forged", "weight": 1.0, "needs_entity": true,
     "revealed": {"at": "chapter 20", "percent": 60}},
    {"phrase": "broken oar", "weight": 0.7, "revealed": {"at": "chapter 8", "percent": 20}},
    {"phrase": "tide", "weight": 0.5, "revealed": {"at": "chapter 5", "percent": 10}},
    {"phrase": "ledger", "weight": 0.5, "revealed": {"at": "chapter 5", "percent": 10}}
  ]
}"#;

fn shield() -> Shield {
    Shield::from_json(SHIELD, "test").expect("the test shield is valid")
}

fn engine() -> Engine {
    Engine::builder()
        .shield(shield())
        .build()
        .expect("engine builds")
}

/// An engine of the test shield as edited by a test (`json`, its whole text).
fn engine_of(json: &str) -> Engine {
    Engine::builder()
        .shield(Shield::from_json(json, "test").expect("the edited test shield is valid"))
        .build()
        .expect("engine builds")
}

#[test]
fn a_spoiler_term_blurs_only_on_a_page_about_the_book() {
    let about = engine().classify_page(&[
        "A review of The Glass Harbour by Mirela Quandt",
        "Everyone in Saltmarsh thinks the girl drowned.",
    ]);
    assert!(about[1].spoiler);
    assert_eq!(about[1].book.as_deref(), Some("glass-harbour"));
    assert_eq!(about[1].phrases, vec!["drowned".to_string()]);

    let unrelated = engine().classify_page(&["Flood report", "Two sailors drowned off the coast."]);
    assert!(!unrelated[1].spoiler, "no page context, no blur");
}

#[test]
fn entities_alone_can_establish_context() {
    let verdicts = engine().classify_page(&[
        "Oswin walks the quay at Saltmarsh with the lantern ledger.",
        "By the end we learn the child drowned.",
    ]);
    assert!(
        verdicts[1].spoiler,
        "three distinct entities make the page about the book"
    );
}

#[test]
fn a_common_entity_name_is_weak_context() {
    let verdicts = engine().classify_page(&["Peller said hello.", "The cat drowned, sadly."]);
    assert!(!verdicts[1].spoiler);
}

#[test]
fn needs_entity_terms_count_only_next_to_a_name() {
    let e = engine();
    let v = e.classify_page(&[
        "The Glass Harbour, by Mirela Quandt.",
        "The letters were forged. Oswin never knew.",
        "Oswin forged the letters himself.",
    ]);
    assert!(!v[1].spoiler, "name in another sentence");
    assert!(v[2].spoiler, "name in the same sentence");
}

#[test]
fn a_pronoun_that_stands_for_a_character_anchors_a_needs_entity_term_as_a_name_does() {
    let v = engine().classify_page(&[
        "The Glass Harbour, by Mirela Quandt.",
        "Oswin kept to himself. Years later he forged the letters.",
    ]);
    assert!(v[1].spoiler, "\"he\" is Oswin: {v:?}");
    // No one of the book was named before: "he" is the clerk.
    let v = engine().classify_page(&[
        "The Glass Harbour, by Mirela Quandt.",
        "The clerk kept to himself. Years later he forged the letters.",
    ]);
    assert!(!v[1].spoiler, "{v:?}");
}

#[test]
fn weak_terms_add_up() {
    let v = engine().classify_page(&[
        "The Glass Harbour by Mirela Quandt",
        "It is all about the tide.",
        "The tide and the ledger are the key.",
    ]);
    assert!(!v[1].spoiler, "0.5 alone is under the threshold");
    assert!(v[2].spoiler, "0.5 + 0.5 reaches it");
    assert_eq!(v[2].score, 1.0);
}

#[test]
fn generic_cues_pair_with_entities_in_one_sentence() {
    let v = engine().classify_page(&[
        "The Glass Harbour by Mirela Quandt",
        "In the end Oswin dies on the pier.",
        "Somebody dies. Oswin is sad.",
    ]);
    assert!(v[1].spoiler, "{:?}", v[1]);
    assert!(
        v[1].phrases.iter().any(|p| p.contains("Oswin Tarrow")),
        "{:?}",
        v[1].phrases
    );
    assert!(!v[2].spoiler, "cue and name in different sentences");
}

/// A cue that is the whole of a name ("Death", The Book Thief's narrator) is the name:
/// it tells nothing of that person's death; the cue beside another name still does.
#[test]
fn a_cue_that_is_a_whole_name_is_the_name() {
    let shield = SHIELD.replace(
        r#"{"name": "Saltmarsh", "kind": "place"},"#,
        r#"{"name": "Saltmarsh", "kind": "place"}, {"name": "Death", "kind": "character"},"#,
    );
    let v = engine_of(&shield).classify_page(&[
        "The Glass Harbour by Mirela Quandt",
        "Death watches the tide, wry and tired.",
        "In the end Death comes for Oswin and he dies.",
    ]);
    assert!(!v[1].spoiler, "{:?}", v[1]);
    assert!(v[2].spoiler, "{:?}", v[2]);
}

#[test]
fn sensitivity_moves_the_threshold() {
    let with = |sensitivity| {
        Engine::builder()
            .shield(shield())
            .sensitivity(sensitivity)
            .build()
            .unwrap()
    };
    let page = [
        "The Glass Harbour by Mirela Quandt",
        "The broken oar.",
        "She drowned.",
    ];
    let blurred = |e: Engine| {
        e.classify_page(&page)
            .iter()
            .map(|v| v.spoiler)
            .collect::<Vec<_>>()
    };
    assert_eq!(blurred(with(Sensitivity::Strict)), vec![false, true, true]);
    assert_eq!(
        blurred(with(Sensitivity::Balanced)),
        vec![false, false, true]
    );
    assert_eq!(
        blurred(with(Sensitivity::Relaxed)),
        vec![false, false, false]
    );
}

#[test]
fn reading_progress_silences_terms_already_read() {
    let page = [
        "The Glass Harbour by Mirela Quandt",
        "The girl drowned.",
        "The harbourmaster is Oswin's father!",
    ];
    let at = |percent: f32| {
        let e = Engine::builder()
            .shield(shield())
            .progress("glass-harbour", percent)
            .build()
            .unwrap();
        e.classify_page(&page)
            .iter()
            .map(|v| v.spoiler)
            .collect::<Vec<_>>()
    };
    assert_eq!(at(0.0), vec![false, true, true]);
    assert_eq!(at(50.0), vec![false, false, true]);
    assert_eq!(at(100.0), vec![false, false, false]);
}

#[test]
fn later_context_rejudges_earlier_blocks() {
    let e = engine();
    let mut page = e.page();
    let first = page.scan(&["Comment: she drowned, I cried."]);
    assert!(!first.verdicts[0].spoiler);
    let second = page.scan(&["Posted under: The Glass Harbour (Mirela Quandt)"]);
    assert_eq!(second.first, 1);
    assert_eq!(second.changed.len(), 1);
    assert_eq!(second.changed[0].0, 0);
    assert!(second.changed[0].1.spoiler);
    let third = page.scan(&["More about TGH"]);
    assert!(third.changed.is_empty(), "nothing changed again");
}

#[test]
fn add_context_informs_without_a_block() {
    let e = engine();
    let mut page = e.page();
    page.add_context("The Glass Harbour — a review");
    page.add_context("by Mirela Quandt");
    let r = page.scan(&["She drowned."]);
    assert_eq!(r.first, 0);
    assert!(r.verdicts[0].spoiler);
}

#[test]
fn unknown_books_and_duplicates_are_errors_with_advice() {
    let err = Engine::builder()
        .book("no-such-book")
        .build()
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown book \"no-such-book\""), "{err}");
    assert!(
        err.contains("never-let-me-go"),
        "lists the known ids: {err}"
    );
    let err = Engine::builder()
        .shield(shield())
        .shield(shield())
        .build()
        .unwrap_err()
        .to_string();
    assert!(err.contains("two shields have the id"), "{err}");
    let err = Engine::builder()
        .shield(shield())
        .progress("glass-harbour", 140.0)
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("0–100"), "{err}");
    let mut heavy = shield();
    heavy.terms[0].weight = 7.0;
    let err = Engine::builder()
        .shield(heavy)
        .build()
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("shield \"glass-harbour\": terms[0].weight: "),
        "names the field as people write it: {err}"
    );
}

#[test]
fn two_needs_entity_terms_in_one_sentence_corroborate() {
    let v = engine().classify_page(&[
        "The Glass Harbour by Mirela Quandt",
        "Everything was forged, down to the broken oar.",
        "Everything was forged.",
    ]);
    assert!(v[1].spoiler, "{:?}", v[1]);
    assert!(!v[2].spoiler);
}

#[test]
fn long_terms_match_loosely_within_a_sentence() {
    let shield_text = SHIELD.replace(
        r#"{"phrase": "drowned","#,
        r#"{"phrase": "the lighthouse keeper burned every letter", "weight": 1.5, "revealed": {"at": "chapter 28", "percent": 85}},
    {"phrase": "drowned","#,
    );
    let e = Engine::builder()
        .shield(Shield::from_json(&shield_text, "t").unwrap())
        .build()
        .unwrap();
    let v = e.classify_page(&[
        "The Glass Harbour by Mirela Quandt",
        "Every letter was burned by the lighthouse keeper.",
        "The keeper of the lighthouse. Letters burned in the fire.",
    ]);
    assert!(v[1].spoiler, "other order, other words between: {:?}", v[1]);
    assert!(
        !v[2].spoiler,
        "the words in two sentences are not the phrase"
    );
}

#[test]
fn a_plot_section_blurs_on_half_the_evidence() {
    let v = engine().classify_page(&[
        "The Glass Harbour by Mirela Quandt",
        "Everything in this story turns on the tide.",
        "Plot summary",
        "Everything in this story turns on the tide.",
        "Reception",
        "Everything in this story turns on the tide.",
    ]);
    let blurred: Vec<bool> = v.iter().map(|v| v.spoiler).collect();
    assert_eq!(blurred, vec![false, false, false, true, false, false]);
}

#[test]
fn a_block_that_waits_only_for_page_context_is_undecided() {
    let engine = engine();
    let mut page = engine.page();
    // Before anything names the book: the drowning would spoil it on a page about it.
    let first = page.scan(&["Oswin Tarrow drowned off Saltmarsh.", "A calm afternoon."]);
    assert!(!first.verdicts[0].spoiler);
    assert_eq!(
        first.undecided,
        vec![0],
        "the spoiler waits for page context"
    );
    // The page names the book: the earlier block is blurred, and nothing is undecided.
    let second = page.scan(&["The Glass Harbour by Mirela Quandt"]);
    assert_eq!(second.changed.len(), 1);
    assert!(second.changed[0].1.spoiler);
    assert!(second.undecided.is_empty());
    // On a page about the book, a blurred block is decided, and a clean one too.
    let third = page.scan(&["Oswin drowned.", "Nothing of note here."]);
    assert!(third.verdicts[0].spoiler);
    assert!(third.undecided.is_empty());
}

#[test]
fn mentions_finds_names_and_evidence_and_nothing_else() {
    let engine = engine();
    assert!(engine.mentions("We met Peller at the docks."));
    assert!(engine.mentions("The Glass Harbour is long."));
    assert!(engine.mentions("Something about a broken oar."));
    assert!(!engine.mentions("A recipe for pumpkin pie."));
    // A generic cue alone is nobody's evidence.
    assert!(!engine.mentions("He dies in the end."));
}

#[test]
fn a_generic_cue_said_of_a_pronoun_counts_for_the_person_named_before() {
    let v = engine().classify_page(&[
        "The Glass Harbour by Mirela Quandt",
        "I kept waiting for Oswin to break.",
        "Reply from gull_watcher",
        "In the last chapter he dies on the pier.",
        "In the last chapter somebody dies on the pier.",
    ]);
    assert!(v[3].spoiler, "{:?}", v[3]);
    assert!(
        v[3].phrases.iter().any(|p| p == "Oswin Tarrow … dies"),
        "{:?}",
        v[3].phrases
    );
    assert!(!v[4].spoiler, "a cue said of no one: {:?}", v[4]);
}

#[test]
fn after_a_spoiler_warning_a_cue_told_of_the_books_people_needs_less_evidence() {
    let reply = "Oswin kills the gulls.";
    let page = |first: &str| engine().classify_page(&[first, reply])[1].spoiler;
    // "kills" (0.8) said of Oswin: short of 1.0 on a page about the book.
    assert!(!page("The Glass Harbour by Mirela Quandt"));
    assert!(page("The Glass Harbour by Mirela Quandt: spoiler thread"));
    assert!(!page("The Glass Harbour by Mirela Quandt (no spoilers)"));
    // A spoiler term is not told of anyone: "broken oar" (0.7) still needs 1.0.
    let v = engine().classify_page(&["The Glass Harbour (spoilers)", "The broken oar again."]);
    assert!(!v[1].spoiler, "{:?}", v[1]);
}

#[test]
fn a_spoiler_zone_does_not_depend_on_how_the_page_is_batched() {
    // The block after a spoiler is in the zone; the page tells what it is about last.
    let blocks = [
        "Oswin kills the gulls.",
        "In the end Oswin dies on the pier.",
        "Oswin kills the gulls.",
        "The Glass Harbour by Mirela Quandt",
    ];
    let whole: Vec<bool> = engine()
        .classify_page(&blocks)
        .iter()
        .map(|v| v.spoiler)
        .collect();
    assert_eq!(whole, vec![false, true, true, false]);
    let mut page = engine().page();
    let mut one_by_one = Vec::new();
    for block in blocks {
        let result = page.scan(&[block]);
        one_by_one.extend(result.verdicts.iter().map(|v| v.spoiler));
        for (index, verdict) in result.changed {
            one_by_one[index] = verdict.spoiler;
        }
    }
    assert_eq!(one_by_one, whole);
}

/// An author known for other books (`author_shared`) names the book only as much as a
/// surname does: their full name or surname alone is not a page about the book; with two
/// of its people, or its title in a heading or twice, it is. The same page blurs for a
/// shield whose author names only it.
#[test]
fn a_shared_authors_name_is_only_part_of_the_page_context() {
    let mut shared = shield();
    shared.author_shared = true;
    let partial = Engine::builder()
        .shield(shared)
        .build()
        .expect("engine builds");
    let other_book = [
        "Mirela Quandt's new novel, The Salt Road",
        "Quandt lets the girl drown in the last chapter: everyone learns she drowned.",
    ];
    assert!(!partial.classify_page(&other_book)[1].spoiler);
    assert!(
        engine().classify_page(&other_book)[1].spoiler,
        "without author_shared the author's name is the whole page context"
    );
    let with_people = [
        "Mirela Quandt, on Oswin and Peller",
        "Oswin learns the girl drowned.",
    ];
    assert!(partial.classify_page(&with_people)[1].spoiler);
    let with_title = [
        "The Glass Harbour by Mirela Quandt",
        "Everyone learns she drowned.",
    ];
    assert!(partial.classify_page(&with_title)[1].spoiler);
    // A page about another of the author's books names this one once, in passing: that
    // is no page about it. Named again, it is.
    let in_passing = [
        "Mirela Quandt's new novel, The Salt Road",
        "Everyone learns she drowned.",
        "It is darker than The Glass Harbour ever was.",
    ];
    assert!(!partial.classify_page(&in_passing)[1].spoiler);
    assert!(
        engine().classify_page(&in_passing)[1].spoiler,
        "without author_shared one mention of the title is page context"
    );
    let twice = [
        "Mirela Quandt's new novel, The Salt Road",
        "Everyone learns she drowned.",
        "It is darker than The Glass Harbour ever was, and The Glass Harbour was dark.",
    ];
    assert!(partial.classify_page(&twice)[1].spoiler);
}

/// The test shield's sequel: another title, no alias, the same author and people.
fn sequel() -> String {
    SHIELD
        .replace(r#""id": "glass-harbour""#, r#""id": "salt-road""#)
        .replace(
            r#""title": "The Glass Harbour""#,
            r#""title": "The Salt Road""#,
        )
        .replace(r#""aliases": ["TGH"],"#, r#""aliases": [],"#)
}

/// A page that names one book of a series by its title is about that one: a spoiler
/// the series' first book also holds (same author, same people), which the page reaches
/// only through them, is not blamed on it. Named by its title too, it is a candidate.
#[test]
fn a_series_book_the_page_does_not_name_by_title_is_not_blamed() {
    // The sequel's term is the first book's "drowned", weighing more, so that it would
    // win the block; both books share Oswin and Peller.
    let sequel = sequel().replace(r#""drowned", "weight": 1.0"#, r#""drowned", "weight": 2.0"#);
    let engine = Engine::builder()
        .shield(shield())
        .shield(Shield::from_json(&sequel, "sequel").expect("valid"))
        .build()
        .expect("engine builds");
    let v = engine.classify_page(&[
        "The Glass Harbour by Mirela Quandt",
        "Oswin and Peller learn the girl drowned.",
    ]);
    assert_eq!(v[1].book.as_deref(), Some("glass-harbour"), "{:?}", v[1]);
    let v = engine.classify_page(&[
        "The Glass Harbour and The Salt Road by Mirela Quandt",
        "Oswin and Peller learn the girl drowned.",
    ]);
    assert_eq!(v[1].book.as_deref(), Some("salt-road"), "{:?}", v[1]);
}

/// A place named in the sentence does not take a cue from the pronoun before it: "he
/// dies in Saltmarsh" is still said of the person the pronoun stands for.
#[test]
fn a_place_in_the_sentence_leaves_a_cue_to_the_pronoun() {
    let v = engine().classify_page(&[
        "The Glass Harbour by Mirela Quandt",
        "Oswin Tarrow is the keeper. He dies in Saltmarsh.",
    ]);
    assert!(v[1].spoiler, "{:?}", v[1]);
    assert_eq!(v[1].phrases, ["Oswin Tarrow … dies"]);
}

/// A pronoun stands for the person named before in every book that has that name: on a
/// page about one book of a series, "He dies" after a name both books share counts for
/// the book the page is about, whichever book the engine lists first.
#[test]
fn a_pronoun_stands_for_a_shared_name_in_each_book() {
    let sequel = || Shield::from_json(&sequel(), "sequel").expect("valid");
    let page = [
        "The Glass Harbour by Mirela Quandt",
        "Oswin Tarrow is the keeper. He dies on the pier.",
    ];
    for engine in [
        Engine::builder().shield(shield()).shield(sequel()),
        Engine::builder().shield(sequel()).shield(shield()),
    ] {
        let v = engine.build().expect("engine builds").classify_page(&page);
        assert_eq!(v[1].book.as_deref(), Some("glass-harbour"), "{:?}", v[1]);
    }
}

/// A name that is an everyday word, after "every", "any" or "each", speaks of no one in
/// particular: "every peller" is not the character Peller, pairs with no cue and adds
/// nothing to the page's context.
#[test]
fn a_quantified_everyday_name_names_no_one() {
    let judge = |text: &str| {
        engine()
            .classify_page(&["The Glass Harbour by Mirela Quandt", text])
            .pop()
            .expect("a verdict")
    };
    assert!(judge("In the end Peller dies.").spoiler);
    let v = judge("In the end every peller dies.");
    assert!(!v.spoiler, "{v:?}");
    assert!(engine().mentions("Peller will do."));
    assert!(!engine().mentions("Any peller will do."));
}

#[test]
fn a_wording_that_only_says_something_with_a_dropped_pronoun_matches_nothing() {
    // "he shot himself" loses "himself" to matching, as "he shot her" loses "her": the
    // two would be one pattern, "he shot". The shield's other wordings still match.
    let json = SHIELD.replace(
        r#"{"phrase": "drowned", "weight": 1.0,"#,
        r#"{"phrase": "Oswin shoots himself", "also": ["he shot himself"], "weight": 1.5,
     "revealed": {"at": "chapter 31", "percent": 95}},
    {"phrase": "drowned", "weight": 1.0,"#,
    );
    let page = engine_of(&json).classify_page(&[
        "A review of The Glass Harbour by Mirela Quandt",
        "Peller hated the harbour, and one night he shot her pet gull.",
        "In the end Oswin shoots himself on the pier.",
    ]);
    assert!(!page[1].spoiler, "{:?}", page[1].phrases);
    assert!(page[2].spoiler);
    assert!(page[2]
        .phrases
        .contains(&"Oswin shoots himself".to_string()));
}

/// Of two books of one series that a block spoils as much, the verdict names the one the
/// page speaks of more: "Oswin dies" under talk of the second book's people is the
/// second book's, though the first has Oswin too.
#[test]
fn of_books_that_score_the_same_the_page_names_the_one_it_speaks_of_more() {
    let book = |id: &str, title: &str, extra: &str| {
        Shield::from_json(
            &format!(
                r#"{{"schema": 1, "id": "{id}", "title": "{title}", "author": "Mirela Quandt",
                "entities": [{{"name": "Oswin Tarrow", "kind": "character", "aliases": ["Oswin"]}}{extra}],
                "terms": [{{"phrase": "salt ledger of {id}", "weight": 1.0}}]}}"#
            ),
            "test",
        )
        .expect("the test shield is valid")
    };
    let engine = Engine::builder()
        .shield(book("first-tide", "The First Tide", ""))
        .shield(book(
            "second-tide",
            "The Second Tide",
            r#", {"name": "Brannock Vey", "kind": "character", "aliases": ["Brannock"]}"#,
        ))
        .build()
        .expect("engine builds");
    let v = engine.classify_page(&[
        "Mirela Quandt's harbour books, the thread",
        "Brannock Vey and Oswin argue all the way to the war.",
        "In the end Oswin dies on the pier.",
    ]);
    assert!(v[2].spoiler, "{:?}", v[2]);
    assert_eq!(v[2].book.as_deref(), Some("second-tide"), "{:?}", v[2]);
}
