//! Prose only (src/prose.rs): a block that is a list of names, user handles, tags or
//! navigation links gets no verdict, whatever book words it holds, while real sentences,
//! short ones included, are judged as before. Fixtures of our own writing.

use spoiler_shield::{Engine, Verdict};

fn engine(book: &str) -> Engine {
    Engine::builder().book(book).build().expect("engine builds")
}

/// The verdicts of a page's blocks, by a short name for each.
fn judge<'a>(book: &str, page: &[(&'a str, &str)]) -> Vec<(&'a str, Verdict)> {
    let texts: Vec<&str> = page.iter().map(|(_, t)| *t).collect();
    let verdicts = engine(book).classify_page(&texts);
    page.iter().map(|(n, _)| *n).zip(verdicts).collect()
}

fn blurred<'a>(verdicts: &[(&'a str, Verdict)]) -> Vec<&'a str> {
    verdicts
        .iter()
        .filter(|(_, v)| v.spoiler)
        .map(|(n, _)| *n)
        .collect()
}

/// A chapter of a Harry Potter fan fiction, with the site's furniture around it.
const FAN_FICTION: &[(&str, &str)] = &[
    ("title", "The Last Lesson - Chapter 3 - a Harry Potter fan fiction (Harry Potter and the Half-Blood Prince, canon divergence)"),
    ("nav", "Home | Works | Bookmarks | Horcrux Hunting | Unbreakable Vow | Sectumsempra | Log In"),
    ("tags", "Harry Potter - J. K. Rowling, Harry Potter & Severus Snape, Albus Dumbledore, Draco Malfoy, Major Character Death, Horcrux Hunting, Unbreakable Vow, Canon Divergence, Post-Half-Blood Prince, Angst, Hurt/Comfort"),
    ("story1", "Harry waited in the corridor outside the Potions classroom until the others had gone, counting the flagstones and pretending he was not listening for footsteps."),
    ("story2", "When Slughorn finally came out he looked tired, and for once he did not offer anyone crystallised pineapple."),
    ("kudos", "Kudos: horcrux_hunter, sectumsempra_99, EileenPrince, Severus_please, unbreakable_vow, LunaLovegood7, dumbledore_dies_again, the_cave_1997, avada_kedavra_x, nightowl, Wrackspurt, lumos_maxima and 31 more users left kudos on this work!"),
    ("comment1", "Snape kills Dumbledore."),
    ("comment2", "At the funeral are Harry, Ron, Hermione, Ginny, Neville, Luna, Hagrid and the Weasleys, and everyone knows Snape killed Dumbledore."),
];

#[test]
fn the_kudos_list_tags_and_menu_of_a_fan_fiction_page_are_not_judged() {
    let verdicts = judge("half-blood-prince", FAN_FICTION);
    assert_eq!(
        blurred(&verdicts),
        vec!["comment1", "comment2"],
        "{verdicts:#?}"
    );
}

#[test]
fn a_tag_cloud_still_tells_the_page_what_it_is_about() {
    // The tags are the only place the book is named: the spoiler below is judged with
    // the page about the book, so the tags' names counted as context.
    let verdicts = judge(
        "half-blood-prince",
        &[
            ("tags", "Severus Snape, Albus Dumbledore, Draco Malfoy, Horace Slughorn, Ginny Weasley, Fanfiction"),
            ("comment", "I cried when Snape killed Dumbledore on the tower."),
        ],
    );
    assert_eq!(blurred(&verdicts), vec!["comment"], "{verdicts:#?}");
}

#[test]
fn a_cast_list_is_not_judged_but_a_sentence_about_the_cast_is() {
    let verdicts = judge(
        "gone-girl",
        &[
            ("title", "Gone Girl (2014): the film of Gillian Flynn's novel"),
            ("cast", "Cast: Rosamund Pike as Amy Dunne, Ben Affleck as Nick Dunne, Neil Patrick Harris as Desi Collings, Tyler Perry as Tanner Bolt, Kim Dickens as Detective Rhonda Boney, Carrie Coon as Margo Dunne"),
            ("sentence", "Rosamund Pike plays Amy, who faked her death and framed Nick."),
            ("short", "Amy kills Desi."),
        ],
    );
    assert_eq!(
        blurred(&verdicts),
        vec!["sentence", "short"],
        "{verdicts:#?}"
    );
}
