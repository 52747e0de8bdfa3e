//! Schema 2: events and premise, read, checked and used by the matcher, on a small
//! shield written for these tests so that the rules are tested apart from the catalog.
//! The shields are JSON text, read with the feature `json` (the Wasm build's tests,
//! `make test-wasm`, leave it out).
#![cfg(feature = "json")]

mod common;

use spoiler_shield::shield::Shield;
use spoiler_shield::{Engine, Sensitivity, Verdict};

/// No term or cue of this shield or the shared lexicon is among the event's words
/// ("sets fire to", "burns down"), so only the event can blur them.
const SHIELD: &str = r#"{
  "schema": 2,
  "id": "glass-harbour",
  "title": "The Glass Harbour",
  "author": "Mirela Quandt",
  "entities": [
    {"name": "Oswin Tarrow", "kind": "character", "aliases": ["Oswin"]},
    {"name": "Ilse Marrow", "kind": "character", "aliases": ["Ilse"]},
    {"name": "Peller", "kind": "character"},
    {"name": "the lighthouse", "kind": "place"}
  ],
  "terms": [
    {"phrase": "lantern ledger", "weight": 1.0, "revealed": {"at": "chapter 5", "percent": 10}}
  ],
  "premise": [
    {"says": "Peller, the old keeper, is dead when the story opens.",
     "who": ["Peller"], "words": ["dead", "drowned", "lost at sea"]}
  ],
  "events": [
    {"says": "Oswin sets fire to the lighthouse to hide the ledger.",
     "who": ["Oswin Tarrow", "the lighthouse"],
     "words": ["sets fire to", "set fire to", "burns down", "torches"],
     "at": "chapter 20", "percent": 60}
  ]
}"#;

fn engine(progress: f32) -> Engine {
    let shield = Shield::from_json(SHIELD, "test.json").expect("the test shield is valid");
    Engine::builder()
        .shield(shield)
        .sensitivity(Sensitivity::Balanced)
        .progress("glass-harbour", progress)
        .build()
        .expect("engine")
}

/// The verdict on `text` on a page about the book (the title, then `before`, then it).
fn judged(progress: f32, before: &[&str], text: &str) -> Verdict {
    let mut blocks = vec!["The Glass Harbour by Mirela Quandt"];
    blocks.extend_from_slice(before);
    blocks.push(text);
    engine(progress)
        .classify_page(&blocks)
        .pop()
        .expect("one verdict a block")
}

/// The verdict on `text` alone on a page about the book, with the shield `json` (the test
/// shield as a test edited it).
fn judged_with(json: &str, text: &str) -> Verdict {
    common::verdict_after(json, "The Glass Harbour by Mirela Quandt", &[text])
}

/// The test shield with `events` (JSON objects, each followed by a comma) listed before
/// its own event.
fn shield_with_events(events: &str) -> String {
    SHIELD.replace(r#""events": ["#, &format!("\"events\": [\n{events}"))
}

#[test]
fn a_participant_and_a_predicate_in_one_sentence_assert_the_event() {
    let verdict = judged(
        0.0,
        &[],
        "Near the end Oswin quietly sets fire to the old tower.",
    );
    assert!(verdict.spoiler, "{verdict:?}");
    assert_eq!(
        verdict.phrases,
        ["event:Oswin sets fire to the lighthouse…"]
    );
    // Inflected: "burned down" is "burns down".
    assert!(judged(0.0, &[], "Oswin burned down everything he had.").spoiler);
    // The predicate said of someone else is not the event.
    let verdict = judged(0.0, &[], "Ilse sets fire to the letters.");
    assert!(!verdict.spoiler, "{verdict:?}");
}

#[test]
fn a_pronoun_stands_for_the_person_named_last() {
    // In the block: "He" is Oswin, named in the sentence before.
    let verdict = judged(
        0.0,
        &[],
        "Oswin was never trusted in the village. Later he sets fire to it all.",
    );
    assert!(verdict.spoiler, "{verdict:?}");
    // Named last before "she" is Ilse, who is no participant.
    let verdict = judged(
        0.0,
        &[],
        "Oswin loved the sea; Ilse did not. Then she sets fire to the nets.",
    );
    assert!(!verdict.spoiler, "{verdict:?}");
    // A reply that starts with a pronoun goes on from the block before.
    let verdict = judged(
        0.0,
        &["I kept waiting for Oswin to break."],
        "He sets fire to the place and walks away.",
    );
    assert!(verdict.spoiler, "{verdict:?}");
    // So does a "he" or "she" before any name in the block.
    let verdict = judged(
        0.0,
        &["I kept waiting for Oswin to break."],
        "Years later he sets fire to the place and walks away.",
    );
    assert!(verdict.spoiler, "{verdict:?}");
    // A "they" that does not open the block is seldom the one person named before.
    let verdict = judged(
        0.0,
        &["I kept waiting for Oswin to break."],
        "In chapter two they set fire to the beacon every night.",
    );
    assert!(!verdict.spoiler, "{verdict:?}");
    // Nor is a pronoun after a name in the block.
    let verdict = judged(
        0.0,
        &["I kept waiting for Oswin to break."],
        "Ilse watched the beacon. Then she sets fire to the nets.",
    );
    assert!(!verdict.spoiler, "{verdict:?}");
}

#[test]
fn a_reply_goes_on_about_the_people_of_the_posts_above_not_only_the_last_one() {
    // The posts above named Oswin, then Ilse: a reply's "he" may be Oswin, though Ilse was
    // named last ("she kisses him" after "Hans, Rosa, Rudy").
    let verdict = judged(
        0.0,
        &[
            "Oswin and Ilse were my favourites.",
            "Reply from tidewater",
            "Ilse deserved better.",
        ],
        "He sets fire to the place and walks away.",
    );
    assert!(verdict.spoiler, "{verdict:?}");
    // A person of the posts above who is no participant is no reason to blur.
    let verdict = judged(
        0.0,
        &[
            "Ilse and Peller were my favourites.",
            "Reply from tidewater",
        ],
        "He sets fire to the place and walks away.",
    );
    assert!(!verdict.spoiler, "{verdict:?}");
}

#[test]
fn the_premise_does_not_blur_at_the_start() {
    // "dead" is a generic cue; beside Peller it restates the premise.
    let verdict = judged(
        0.0,
        &[],
        "Peller is dead when the story opens, and the town mourns.",
    );
    assert!(!verdict.spoiler, "{verdict:?}");
    // The same cue beside someone whose fate is not the premise blurs.
    let verdict = judged(
        0.0,
        &[],
        "Ilse is dead by the last chapter, and the town mourns.",
    );
    assert!(verdict.spoiler, "{verdict:?}");
}

/// A premise wording in a sentence that names the premise's people is the premise told,
/// though someone else in the sentence has an event in the same words: "After Peller was
/// lost at sea, Ilse kept the light" tells Peller's fate, not Ilse's.
#[test]
fn a_premise_wording_said_beside_its_people_is_the_premise_whoever_else_is_named() {
    let json = shield_with_events(
        r#"{"says": "Ilse is lost at sea in the last storm.", "who": ["Ilse Marrow"],
            "words": ["lost at sea"], "at": "chapter 30", "percent": 90},"#,
    );
    let judged = |text: &str| judged_with(&json, text);
    let verdict = judged("After Peller was lost at sea, Ilse kept the light burning.");
    assert!(!verdict.spoiler, "{verdict:?}");
    let verdict = judged("In the last storm Ilse is lost at sea.");
    assert!(verdict.spoiler, "{verdict:?}");
}

#[test]
fn an_event_the_reader_has_passed_does_not_blur() {
    let text = "Oswin sets fire to the tower.";
    assert!(judged(59.0, &[], text).spoiler);
    assert!(!judged(60.0, &[], text).spoiler);
    assert!(!judged(80.0, &[], text).spoiler);
}

#[test]
fn a_heading_that_names_the_cast_asserts_nothing() {
    let heading = judged(
        0.0,
        &[],
        "Oswin Tarrow and the night he set fire to the sea",
    );
    assert!(!heading.spoiler, "{heading:?}");
    // The same words as a sentence do.
    let sentence = judged(
        0.0,
        &[],
        "Oswin Tarrow is the one who set fire to the tower.",
    );
    assert!(sentence.spoiler, "{sentence:?}");
}

#[test]
fn a_term_that_does_not_count_takes_nothing_from_the_event_told_in_its_words() {
    // "burns down the boathouse" is a term that needs a name beside it; the event's
    // "burns down" inside it is told of Oswin, named in the next sentence.
    let json = SHIELD.replace(
        r#""terms": ["#,
        r#""terms": [
    {"phrase": "burns down the boathouse", "weight": 1.0, "needs_entity": true},"#,
    );
    let verdicts = Engine::builder()
        .shield(Shield::from_json(&json, "test.json").expect("valid"))
        .build()
        .expect("engine")
        .classify_page(&[
            "The Glass Harbour by Mirela Quandt",
            "Plot",
            "Somebody burns down the boathouse. It was Oswin Tarrow.",
        ]);
    assert!(
        verdicts[2].spoiler,
        "the event counts as told next door, in a plot section: {verdicts:?}"
    );
}

#[test]
fn a_late_events_wording_said_of_no_one_named_blurs_where_replies_spoil() {
    // After a spoiler warning, a reply that tells the event of someone it does not name.
    let warned = ["Spoilers for the whole book below"];
    let reply = "And then somebody sets fire to it in the night.";
    let verdict = judged(0.0, &warned, reply);
    assert!(verdict.spoiler, "{verdict:?}");
    // Alone, outside a spoiler zone, the wording is not enough.
    let verdict = judged(0.0, &[], reply);
    assert!(!verdict.spoiler, "{verdict:?}");
    // A character the sentence names is whom it is said of: Ilse takes no part.
    let verdict = judged(0.0, &warned, "And then Ilse sets fire to it in the night.");
    assert!(!verdict.spoiler, "{verdict:?}");
    // One word besides a pronoun is said of anyone.
    let verdict = judged(0.0, &warned, "And then somebody torches it in the night.");
    assert!(!verdict.spoiler, "{verdict:?}");
    // An event of the book's first half told so is what retellings of the set-up say.
    let early = SHIELD.replace(r#""percent": 60}"#, r#""percent": 40}"#);
    assert_ne!(early, SHIELD);
    let verdict = Engine::builder()
        .shield(Shield::from_json(&early, "early.json").expect("valid"))
        .build()
        .expect("engine")
        .classify_page(&["The Glass Harbour by Mirela Quandt", warned[0], reply])
        .pop()
        .expect("one verdict a block");
    assert!(!verdict.spoiler, "{verdict:?}");
}

#[test]
fn a_participant_in_the_next_sentence_is_weaker_evidence() {
    // Alone it does not reach the balanced threshold.
    let verdict = judged(
        0.0,
        &[],
        "Somebody sets fire to the tower. It was Oswin Tarrow.",
    );
    assert!(!verdict.spoiler, "{verdict:?}");
    let verdict = engine(0.0).classify_page(&[
        "The Glass Harbour by Mirela Quandt",
        "Plot",
        "Somebody sets fire to the tower. It was Oswin Tarrow.",
    ]);
    assert!(
        verdict[2].spoiler,
        "in a plot section half the evidence blurs: {verdict:?}"
    );
}

fn error_of(text: &str) -> String {
    Shield::from_json(text, "x.json")
        .expect_err("the shield is invalid")
        .to_string()
}

#[test]
fn events_and_premise_are_checked_with_the_field_path() {
    let who = SHIELD.replace(
        r#""who": ["Oswin Tarrow", "the lighthouse"]"#,
        r#""who": ["Oswin T."]"#,
    );
    let err = error_of(&who);
    assert!(
        err.contains("events[0].who[0]: \"Oswin T.\" is not the `name`"),
        "{err}"
    );

    let percent = SHIELD.replace(r#""percent": 60"#, r#""percent": 160"#);
    assert!(error_of(&percent).contains("events[0].percent: must be 0–100, found 160"));

    let long = SHIELD.replace(r#""torches""#, r#""one two three four five six seven""#);
    let err = error_of(&long);
    assert!(err.contains("events[0].words[3]: has 7 words"), "{err}");

    let empty = SHIELD.replace(
        r#""words": ["dead", "drowned", "lost at sea"]"#,
        r#""words": []"#,
    );
    let err = error_of(&empty);
    assert!(
        err.contains("premise[0].words: lists 0; give 1 to 40"),
        "{err}"
    );

    let blank = SHIELD.replace(r#""torches""#, r#""  ""#);
    assert!(error_of(&blank).contains("events[0].words[3]"));

    let schema1 = SHIELD.replace(r#""schema": 2"#, r#""schema": 1"#);
    let err = error_of(&schema1);
    assert!(
        err.contains("events: `events` and `premise` need \"schema\": 2"),
        "{err}"
    );

    let schema3 = SHIELD.replace(r#""schema": 2"#, r#""schema": 3"#);
    assert!(error_of(&schema3).contains("schema: must be 1 or 2, found 3"));

    let unknown = SHIELD.replace(r#""at": "chapter 20""#, r#""at": "chapter 20", "when": 3"#);
    assert!(error_of(&unknown).contains("unknown field `when`"));
}

#[test]
fn schema_one_still_loads_and_schema_two_round_trips() {
    let shield = Shield::from_json(SHIELD, "x.json").unwrap();
    assert_eq!(shield.events.len(), 1);
    assert_eq!(shield.premise.len(), 1);
    assert_eq!(
        Shield::from_json(&shield.to_json(), "again").unwrap(),
        shield
    );

    let start = SHIELD.find(r#""premise""#).unwrap();
    let end = SHIELD.rfind(']').unwrap() + 1;
    let old = format!("{}\"_\": 0{}", &SHIELD[..start], &SHIELD[end..])
        .replace(",\n  \"_\": 0", "")
        .replace(r#""schema": 2"#, r#""schema": 1"#);
    let shield = Shield::from_json(&old, "old.json").unwrap();
    assert_eq!(shield.schema, 1);
    assert!(shield.events.is_empty() && shield.premise.is_empty());
}

/// The issue's premise check, on every catalog book that lists a premise: what the
/// jacket and the first chapters tell never blurs at 0 %, on a page about the book; and
/// each event after the set-up (the first fifth), said as its `says` puts it, is
/// recognised.
#[test]
fn catalog_premises_never_blur_at_the_start_and_events_are_recognised() {
    let mut checked = 0;
    for shield in spoiler_shield::catalog::shields().expect("the catalog loads") {
        if shield.premise.is_empty() && shield.events.is_empty() {
            continue;
        }
        let engine = Engine::builder().book(&shield.id).build().expect("engine");
        let heading = format!("{} by {}", shield.title, shield.author);
        for item in &shield.premise {
            let verdict = engine.classify_page(&[heading.as_str(), item.says.as_str()]);
            assert!(
                !verdict[1].spoiler,
                "{}: premise blurred: {:?} {:?}",
                shield.id, item.says, verdict[1]
            );
            checked += 1;
        }
        for event in &shield.events {
            let verdict = engine.classify_page(&[heading.as_str(), event.says.as_str()]);
            // Set-up (the book's first fifth) counts half, so a verdict cannot show it
            // alone; any later event, told in its own words, blurs (as the event, or as
            // the spoiler term that holds its wording).
            if event.percent >= 20.0 {
                assert!(
                    verdict[1].spoiler,
                    "{}: event not recognised in its own words: {:?} {:?}",
                    shield.id, event.says, verdict[1]
                );
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 36,
        "only {checked} premise items and events checked"
    );
}

/// A catalog role that names a character (`role_of`) holds no wording of one of the
/// book's events: each mention of the role would then assert that event of its
/// character ("the lawyer" of a book where hiring a lawyer is the event).
#[test]
fn no_catalog_role_is_an_events_wording() {
    let words = |text: &str| -> Vec<String> {
        text.split_whitespace()
            .map(|w| w.to_lowercase())
            .filter(|w| w != "the")
            .collect()
    };
    let mut roles = 0;
    for shield in spoiler_shield::catalog::shields().expect("the catalog loads") {
        for role in shield.entities.iter().filter(|e| e.role_of.is_some()) {
            roles += 1;
            for name in std::iter::once(&role.name).chain(&role.aliases) {
                let name = words(name);
                for event in &shield.events {
                    for wording in &event.words {
                        let wording = words(wording);
                        assert!(
                            !name.windows(wording.len()).any(|w| w == wording.as_slice()),
                            "{}: the role {:?} holds the wording {:?} of {:?}",
                            shield.id,
                            role.name,
                            wording.join(" "),
                            event.says
                        );
                    }
                }
            }
        }
    }
    assert!(roles >= 40, "only {roles} catalog roles name a character");
}

/// A catalog role of a character whose fate is the premise (`premise`: the Da Vinci Code's
/// curator is murdered on the first page) is marked so too: "the curator … dies" is the
/// jacket copy, as "Saunière … dies" is.
#[test]
fn a_catalog_role_of_a_premise_character_is_premise_too() {
    let mut checked = 0;
    for shield in spoiler_shield::catalog::shields().expect("the catalog loads") {
        for role in &shield.entities {
            let Some(of) = &role.role_of else { continue };
            let character = shield
                .entities
                .iter()
                .find(|e| !std::ptr::eq(*e, role) && (&e.name == of || e.aliases.contains(of)));
            if character.is_some_and(|c| c.premise) {
                checked += 1;
                assert!(
                    role.premise,
                    "{}: {:?} names {:?}, whose fate is the premise",
                    shield.id, role.name, of
                );
            }
        }
    }
    assert!(
        checked >= 3,
        "only {checked} roles of premise characters checked"
    );
}

/// No catalog event is told by one word that every page about a book uses ("book",
/// "story", "writes"): said beside a participant, or a pronoun that stands for one, it
/// would assert the event on any review ("the book stayed with him").
#[test]
fn no_catalog_event_is_told_by_a_word_of_every_page_about_a_book() {
    const BOOK_TALK: &[&str] = &[
        "book", "books", "novel", "novels", "story", "stories", "chapter", "chapters", "page",
        "pages", "reader", "readers", "author", "writer", "film", "movie", "read", "reads",
        "reading", "write", "writes", "wrote", "written", "tale", "tales", "opens",
    ];
    let mut wordings = 0;
    for shield in spoiler_shield::catalog::shields().expect("the catalog loads") {
        for event in &shield.events {
            for wording in &event.words {
                wordings += 1;
                assert!(
                    !BOOK_TALK.contains(&wording.to_lowercase().as_str()),
                    "{}: {:?} is told by {:?}",
                    shield.id,
                    event.says,
                    wording
                );
            }
        }
    }
    assert!(wordings > 1000, "only {wordings} event wordings checked");
}

/// One wording asserts one thing: a one-word wording two events share ("returns") said
/// of a participant of both counts once (0.7, under the balanced threshold of 1.0;
/// twice would be 1.4); the event's own phrase blurs.
#[test]
fn a_wording_shared_by_two_events_counts_once() {
    let shield = shield_with_events(
        r#"{"says": "Ilse returns from the city.", "who": ["Ilse Marrow"],
     "words": ["returns"], "at": "chapter 12", "percent": 40},
    {"says": "Ilse returns the ledger to the harbour master.", "who": ["Ilse Marrow"],
     "words": ["returns", "gives back the ledger"], "at": "chapter 30", "percent": 90},"#,
    );
    let judge = |text: &str| judged_with(&shield, text);
    let verdict = judge("Ilse returns to the harbour in the spring.");
    assert!(!verdict.spoiler, "{verdict:?}");
    assert!(judge("In the end Ilse gives back the ledger.").spoiler);
}

/// A spoiler term that holds an event's wording already counts those words: the event
/// adds only what it weighs beyond the term (1.0 in all here, under the relaxed threshold
/// of 1.5; counted twice it would be 1.6).
#[test]
fn an_event_told_in_a_terms_words_counts_once() {
    let shield = SHIELD.replace(
        r#""terms": ["#,
        r#""terms": [
    {"phrase": "Oswin sets fire to", "weight": 0.6, "revealed": {"at": "chapter 20", "percent": 60}},"#,
    );
    let shield = Shield::from_json(&shield, "test.json").expect("valid");
    let engine = Engine::builder()
        .shield(shield)
        .sensitivity(Sensitivity::Relaxed)
        .build()
        .expect("engine");
    let verdict = engine
        .classify_page(&[
            "The Glass Harbour by Mirela Quandt",
            "The Glass Harbour: Oswin sets fire to the tower.",
        ])
        .pop()
        .expect("a verdict");
    assert!(!verdict.spoiler, "{verdict:?}");
}

/// Each book tells its own events: a wording two books' events share ("sets fire to",
/// said of a character both books have; here a retelling by another author) counts for
/// both, whichever book the engine lists first. It once counted only for the first listed, so adding a book to the catalog
/// could change the verdicts of another.
#[test]
fn a_wording_two_books_share_counts_for_each_in_any_order() {
    let sequel = SHIELD
        .replace(r#""id": "glass-harbour""#, r#""id": "glass-harbour-2""#)
        .replace(
            r#""title": "The Glass Harbour""#,
            r#""title": "Return to the Harbour""#,
        )
        .replace(r#""author": "Mirela Quandt""#, r#""author": "Tomas Quill""#);
    let verdict = |first: &str, second: &str| {
        let engine = Engine::builder()
            .shield(Shield::from_json(first, "first.json").expect("valid"))
            .shield(Shield::from_json(second, "second.json").expect("valid"))
            .build()
            .expect("engine");
        engine
            .classify_page(&[
                "The Glass Harbour by Mirela Quandt",
                "In the end Oswin sets fire to the lighthouse.",
            ])
            .pop()
            .expect("a verdict")
    };
    let (listed_first, listed_second) = (verdict(SHIELD, &sequel), verdict(&sequel, SHIELD));
    assert!(listed_first.spoiler, "{listed_first:?}");
    assert_eq!(listed_first.book, listed_second.book);
    assert_eq!(listed_first.score, listed_second.score);
}

/// A generic cue whose words are the wording of an event of the book's first fifth is
/// that set-up told: it counts as the event does (half), not as a second spoiler. "Ilse
/// marries Oswin" (cue "marries" 0.7 + early event 0.35 = 1.05 before) is what a jacket
/// tells; the same cue beside a later event still adds to it.
#[test]
fn a_cue_that_tells_an_early_event_counts_as_that_event() {
    let shield = shield_with_events(
        r#"{"says": "Ilse marries Oswin.", "who": ["Ilse Marrow", "Oswin Tarrow"],
     "words": ["marries"], "at": "chapter 3", "percent": 8},
    {"says": "Ilse marries Peller's brother.", "who": ["Ilse Marrow"],
     "words": ["marries"], "at": "chapter 30", "percent": 90},"#,
    );
    let engine = |shield: &str| {
        let shield = Shield::from_json(shield, "test.json").expect("valid");
        Engine::builder()
            .shield(shield)
            .sensitivity(Sensitivity::Balanced)
            .build()
            .expect("engine")
    };
    let judge = |engine: &Engine, text: &str| {
        engine
            .classify_page(&["The Glass Harbour by Mirela Quandt", text])
            .pop()
            .expect("a verdict")
    };
    let early = engine(&shield);
    let verdict = judge(&early, "In the first weeks Oswin marries Ilse.");
    assert!(!verdict.spoiler, "{verdict:?}");
    // Only the late wedding: the cue and the event both count, as before.
    let late = engine(&shield.replace(
        r#"{"says": "Ilse marries Oswin.", "who": ["Ilse Marrow", "Oswin Tarrow"],
     "words": ["marries"], "at": "chapter 3", "percent": 8},"#,
        "",
    ));
    let verdict = judge(&late, "In the last chapter Ilse marries again.");
    assert!(verdict.spoiler, "{verdict:?}");
}

/// A sentence that places what it tells at the book's opening ("At the start …", "The
/// novel opens with …", "In the first chapter …") tells set-up: its generic cues and the
/// terms and events of the book's first fifth are not evidence. A later event it tells
/// still is, and "from the first page", said looking back, places nothing.
#[test]
fn what_a_sentence_places_at_the_opening_is_set_up() {
    let blurs = |text: &str| judged(0.0, &[], text).spoiler;
    // The term "lantern ledger" is revealed at 10 %, the cue "dies" has no place.
    assert!(blurs("Ilse finds the lantern ledger."));
    assert!(!blurs("At the start Ilse finds the lantern ledger."));
    assert!(blurs("Oswin dies."));
    assert!(!blurs(
        "At the start all anyone knows is that Oswin dies of a fever."
    ));
    assert!(!blurs("In the first chapter Oswin dies, or so we think."));
    assert!(blurs("From the first page Oswin dies a little."));
    // The event at 60 % counts wherever the sentence places itself.
    assert!(blurs(
        "The book opens with a storm, and later Oswin burns down the lighthouse."
    ));
}

/// A yes-or-no question names what it asks of, and a generic cue in it only asks: "Does
/// Oswin die?" tells nothing, since a death that happens is one of the book's events. When
/// it names one ("Did Ilse die in the storm?"), the cue tells with the event, as the rubric counts a
/// question whose hint is the answer.
#[test]
fn a_yes_or_no_question_tells_a_cue_only_with_an_event() {
    let shield = shield_with_events(
        r#"{"says": "Ilse drowns in the winter storm.", "who": ["Ilse Marrow"],
            "words": ["drowns", "dies"], "at": "chapter 28", "percent": 85},"#,
    );
    let judge = |text: &str| judged_with(&shield, text);
    let asked = judge("Does Oswin die at the end?");
    assert!(!asked.spoiler, "{asked:?}");
    // Said, not asked, the cue tells.
    let said = judge("Oswin dies at the end.");
    assert!(said.spoiler, "{said:?}");
    let named = judge("Did Ilse die in the storm?");
    assert!(named.spoiler, "{named:?}");
    assert!(
        named.phrases.iter().any(|p| p.starts_with("Ilse Marrow …")),
        "the cue counts beside the event: {named:?}"
    );
}

/// An event of two people told with someone else in the place of one is not that event
/// ("Liesel is sent to live with Hans and Rosa" is not "Liesel lives with Ilsa"), and a
/// wording that several events share goes to the one whose people the sentence names.
#[test]
fn an_event_told_of_someone_else_in_place_of_one_of_its_people_is_not_that_event() {
    let shield = shield_with_events(
        r#"{"says": "Ilse goes to live with Oswin in the keeper's house.",
     "who": ["Ilse Marrow", "Oswin Tarrow"],
     "words": ["goes to live with", "moves in with"], "at": "chapter 28", "percent": 85},
    {"says": "Peller and Ilse lose the boat; Peller never makes it home.",
     "who": ["Peller", "Ilse Marrow"],
     "words": ["never makes it home", "does not make it"], "at": "chapter 25", "percent": 80},
    {"says": "Oswin does not make it through the winter.", "who": ["Oswin Tarrow"],
     "words": ["does not make it"], "at": "chapter 29", "percent": 95},"#,
    );
    let judge = |text: &str| judged_with(&shield, text);
    // Both people, or one and a pronoun that may be the other: the event.
    assert!(judge("At the end Ilse goes to live with Oswin.").spoiler);
    assert!(judge("At the end Ilse goes to live with him.").spoiler);
    // Ilse with Peller, no part of it, in Oswin's place: not the event.
    let verdict = judge("As a girl Ilse goes to live with Peller at the harbour.");
    assert!(!verdict.spoiler, "{verdict:?}");
    // "does not make it" beside Oswin and Peller: Oswin's own event, not Peller's with
    // Oswin in Ilse's place, which its first place in the shield made it before.
    let verdict = judge("Oswin does not make it, while Peller does.");
    assert!(verdict.spoiler, "{verdict:?}");
    assert_eq!(verdict.phrases, ["event:Oswin does not make it through…"]);
}
