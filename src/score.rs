//! From matches to verdicts: evidence per block, page context, thresholds, progress.
//!
//! Two questions decide whether a block is blurred for book B:
//! 1. **Is the page about B?** Every block (and any extra context text such as the
//!    document title) adds what it mentions of B: the title, the author, an alias,
//!    distinct entities. Each kind of signal counts once per page; the page is about B
//!    when their weights reach the sensitivity's context threshold.
//! 2. **Does the block give B away?** The distinct spoiler terms of B it holds (a
//!    `needs_entity` term only next to one of B's names in the same sentence), plus the
//!    generic cues that stand in a sentence with one of B's names ("Snape kills
//!    Dumbledore"). Their weights, less the terms the reader has already read past,
//!    must reach the evidence threshold.
//!
//! Evidence is kept per block, so when a later batch teaches the page its context
//! (comments loaded before the heading, say), earlier blocks are judged again.

use crate::matcher::{Hit, Matcher, Target};
use crate::plot::{self, Pronouns, Telling};
use crate::setup;
use crate::text::NormText;

/// Page-context weight of the author's full name or an alias of the book.
pub(crate) const NAME_WEIGHT: f32 = 2.0;
/// Page-context weight of the author's surname alone.
pub(crate) const SURNAME_WEIGHT: f32 = 1.0;
/// Page-context weight of each distinct entity.
pub(crate) const ENTITY_WEIGHT: f32 = 0.75;
/// Page-context weight of each distinct entity whose name is an everyday word.
pub(crate) const COMMON_ENTITY_WEIGHT: f32 = 0.35;

/// The thresholds a sensitivity stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Thresholds {
    /// Page-context weight from which the page is about a book.
    pub context: f32,
    /// Evidence weight from which a block is blurred.
    pub evidence: f32,
    /// Evidence weight from which a block that tells something of the book's people (a
    /// generic cue or a plot event said of them) is blurred: lower in a spoiler zone.
    pub told: f32,
}

/// What the page has said about one book so far.
#[derive(Debug, Clone, Default)]
pub(crate) struct BookContext {
    title: bool,
    /// The title was met once, for a book whose title counts from its second mention.
    title_once: bool,
    author: bool,
    surname: bool,
    alias: bool,
    /// Distinct entities seen, as a bitset over the book's entity indices.
    entities: Vec<u64>,
    weight: f32,
}

impl BookContext {
    fn see_entity(&mut self, entity: u16, common: bool) {
        let (word, bit) = (entity as usize / 64, entity % 64);
        if self.entities.len() <= word {
            self.entities.resize(word + 1, 0);
        }
        if self.entities[word] & (1 << bit) == 0 {
            self.entities[word] |= 1 << bit;
            self.weight += if common {
                COMMON_ENTITY_WEIGHT
            } else {
                ENTITY_WEIGHT
            };
        }
    }

    fn see_flag(flag: &mut bool, weight: &mut f32, add: f32) {
        if !*flag {
            *flag = true;
            *weight += add;
        }
    }

    /// The accumulated page-context weight.
    pub fn weight(&self) -> f32 {
        self.weight
    }

    /// Whether the page named the book by its title or an alias, not only through its
    /// author and people, which a series' books share.
    fn titled(&self) -> bool {
        self.title || self.title_once || self.alias
    }
}

/// One piece of spoiler evidence in a block.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Evidence {
    /// A spoiler term of the book.
    Term(u32),
    /// A generic cue in a sentence with one of the book's names (`anchor`).
    Cue { cue: u16, anchor: Target },
    /// A plot event the block asserts (see `plot`), how, whether in a wording of more
    /// than one word, and the weight of the spoiler term that holds its wording (the
    /// event adds only what it says beyond that term).
    Event {
        event: u16,
        telling: Telling,
        specific: bool,
        within: f32,
    },
}

/// The spoiler evidence a block holds for one book.
#[derive(Debug, Clone)]
pub(crate) struct BookEvidence {
    pub book: u16,
    pub items: Vec<Evidence>,
}

/// Buffers [`assess`] reuses from block to block, kept by its caller: three vectors
/// grown from empty for every block with a hit were most of the allocations left in
/// `classify_page`.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Sentences holding one of each book's names, with the first name seen there,
    /// and whether that name may anchor a generic cue.
    anchors: Vec<Anchor>,
    /// Books named in the block at all.
    named: Vec<u16>,
    /// Books named by a distinctive name.
    strongly_named: Vec<u16>,
    /// The events the block asserts: book, the span of the wording, the evidence.
    events: Vec<(u16, (u32, u32), Evidence)>,
}

/// Adds a block's hits to the page context of each book, and returns the block's
/// spoiler evidence per book (empty when it has none). `norm` is the block's text when
/// it may assert plot events (not a heading), and `pronouns` its pronouns (none in a
/// heading): a generic cue said of one counts for the person it stands for.
pub(crate) fn assess(
    matcher: &Matcher,
    hits: &[Hit],
    norm: Option<&NormText>,
    pronouns: &Pronouns,
    context: &mut [BookContext],
    scratch: &mut Scratch,
) -> Vec<BookEvidence> {
    let Scratch {
        anchors,
        named,
        strongly_named,
        events,
    } = scratch;
    anchors.clear();
    named.clear();
    strongly_named.clear();
    for hit in hits {
        let (book, distinctive, anchors_cues) = match hit.target {
            Target::Title { book } => {
                let data = &matcher.books[book as usize];
                let ctx = &mut context[book as usize];
                // Said once in prose, the title of a book whose author wrote others is
                // a passing mention; a heading (or the document title) is what a page
                // is about.
                if data.title_twice && !ctx.title_once && norm.is_some() {
                    ctx.title_once = true;
                } else {
                    BookContext::see_flag(&mut ctx.title, &mut ctx.weight, data.title_weight);
                }
                (book, true, false)
            }
            Target::Author { book } => {
                let ctx = &mut context[book as usize];
                BookContext::see_flag(&mut ctx.author, &mut ctx.weight, NAME_WEIGHT);
                push_unique(named, book);
                push_unique(strongly_named, book);
                continue;
            }
            Target::Surname { book } => {
                let ctx = &mut context[book as usize];
                BookContext::see_flag(&mut ctx.surname, &mut ctx.weight, SURNAME_WEIGHT);
                push_unique(named, book);
                continue;
            }
            Target::Alias { book } => {
                let ctx = &mut context[book as usize];
                BookContext::see_flag(&mut ctx.alias, &mut ctx.weight, NAME_WEIGHT);
                (book, true, false)
            }
            Target::Entity { book, entity } => {
                let data = &matcher.books[book as usize].entities[entity as usize];
                context[book as usize].see_entity(entity, data.common);
                (book, !data.common, data.anchors_cues)
            }
            Target::Term { .. }
            | Target::Cue { .. }
            | Target::Word { .. }
            | Target::Event { .. }
            | Target::Premise { .. } => continue,
        };
        push_unique(named, book);
        if distinctive {
            push_unique(strongly_named, book);
        }
        let slot = anchors
            .iter_mut()
            .find(|a| a.book == book && a.sentence == hit.sentence);
        match slot {
            Some(a) if anchors_cues && a.cue_anchor.is_none() => a.cue_anchor = Some(hit.target),
            Some(_) => {}
            None => anchors.push(Anchor {
                book,
                sentence: hit.sentence,
                cue_anchor: anchors_cues.then_some(hit.target),
            }),
        }
    }

    // What a sentence placed at the book's opening tells of its first fifth is set-up.
    // Only a cue, a term or an event can be set-up: a block with none is not read for it.
    let tells_anything = hits.iter().any(|h| {
        matches!(
            h.target,
            Target::Cue { .. } | Target::Term { .. } | Target::Event { .. }
        )
    });
    let opening = norm
        .filter(|_| tells_anything)
        .map_or(0, setup::opening_sentences);
    let early = |percent: Option<f32>| percent.is_some_and(|p| p < plot::EARLY_PERCENT);
    // The events first: a cue whose words tell an event of the book's set-up is that
    // event, and counts as it does.
    events.clear();
    if let Some(norm) = norm {
        plot::find(
            matcher,
            hits,
            norm,
            pronouns,
            |hit, book, event, telling, specific| {
                let percent = matcher.books[book as usize].events[event as usize].percent;
                if setup::is_opening(opening, hit.sentence) && early(Some(percent)) {
                    return;
                }
                events.push((
                    book,
                    (hit.start, hit.end),
                    Evidence::Event {
                        event,
                        telling,
                        specific,
                        // Set once the block's terms are counted, below.
                        within: 0.0,
                    },
                ));
            },
        );
    }
    let mut evidence: Vec<BookEvidence> = Vec::new();
    for hit in hits {
        // A question that asks asserts nothing ("Who killed Jon Arryn?"); its names
        // still tell what the page is about.
        if !matches!(hit.target, Target::Term { .. } | Target::Cue { .. })
            || inside_a_name(hit, hits)
            || norm.is_some_and(|n| n.is_question(hit.sentence))
        {
            continue;
        }
        match hit.target {
            Target::Term { book, term } => {
                let data = &matcher.books[book as usize].terms[term as usize];
                // A word that is everyday English outside the book counts next to one of
                // the book's names, a pronoun that stands for one of its people ("he
                // doesn't look back"), or another of its spoiler terms: two of the
                // book's words in one sentence corroborate each other.
                let anchored = || {
                    anchors.iter().any(|a| a.book == book && a.sentence == hit.sentence)
                        || pronouns
                            .person(matcher, hits, hit.sentence)
                            .is_some_and(|(b, _)| b == book)
                        || hits.iter().any(|other| {
                            other.sentence == hit.sentence
                                && matches!(other.target, Target::Term { book: b, term: t } if b == book && t != term)
                        })
                };
                if setup::is_opening(opening, hit.sentence) && early(data.revealed_percent) {
                    continue;
                }
                if !data.needs_entity || anchored() {
                    add_evidence(&mut evidence, book, Evidence::Term(term));
                }
            }
            // "At the start all anyone knows is that the Hand died."
            Target::Cue { .. } if setup::is_opening(opening, hit.sentence) => {}
            // "Does Bard die?" asks; "Did Coin kill Primrose?" names Prim's death, an
            // event of the book, and its cue tells with it.
            Target::Cue { .. }
                if norm.is_some_and(|n| n.is_doubt(hit.sentence))
                    && !tells_an_event(events, hits, hit.sentence) => {}
            Target::Cue { cue } => {
                for a in anchors.iter() {
                    if let (true, Some(anchor)) = (a.sentence == hit.sentence, a.cue_anchor) {
                        // "Rebecca is dead" where the jacket says so is no spoiler.
                        if !plot::restates_premise(matcher, hits, hit, a.book)
                            && !tells_setup(matcher, events, a.book, hit)
                        {
                            add_evidence(&mut evidence, a.book, Evidence::Cue { cue, anchor });
                        }
                    }
                }
                // "He is killed at the top of the tower", of the person named before, in
                // each book that has that name: a series' books share their people.
                if let Some(person) = pronouns.person(matcher, hits, hit.sentence) {
                    let named = Target::Entity {
                        book: person.0,
                        entity: person.1,
                    };
                    let span = hits
                        .iter()
                        .rev()
                        .find(|h| h.target == named && h.sentence < hit.sentence)
                        .map(|h| (h.start, h.end));
                    let people = hits
                        .iter()
                        .filter(|h| Some((h.start, h.end)) == span)
                        .filter_map(|h| match h.target {
                            Target::Entity { book, entity } => Some((book, entity)),
                            _ => None,
                        })
                        .chain(span.is_none().then_some(person));
                    for person in people {
                        pronoun_cue(
                            matcher,
                            hits,
                            events,
                            anchors,
                            hit,
                            cue,
                            person,
                            &mut evidence,
                        );
                    }
                }
            }
            _ => {}
        }
    }
    for (book, (start, end), mut item) in events.drain(..) {
        if let Evidence::Event { within, .. } = &mut item {
            *within = counted_term_within(matcher, hits, &evidence, book, (start, end));
        }
        add_evidence(&mut evidence, book, item);
    }
    // A block that names another book distinctly and this one not at all is about the
    // other book: on a page that discusses several, its words are not this book's
    // spoilers ("the housekeeper's son" in a paragraph about Atonement).
    evidence.retain(|e| {
        named.contains(&e.book) || !strongly_named.iter().any(|&other| other != e.book)
    });
    evidence
}

/// The weight of the heaviest spoiler term of `book` that counts in `evidence` and whose
/// match holds `span` (0.0 when none): "Crooks is threatened" and an event's "threatens"
/// are one telling. A term that does not count (an everyday word with no name beside it)
/// takes nothing from the event told in its words.
fn counted_term_within(
    matcher: &Matcher,
    hits: &[Hit],
    evidence: &[BookEvidence],
    book: u16,
    (start, end): (u32, u32),
) -> f32 {
    let counted = |term: u32| {
        evidence.iter().any(|e| {
            e.book == book
                && e.items
                    .iter()
                    .any(|i| matches!(i, Evidence::Term(t) if *t == term))
        })
    };
    hits.iter()
        .filter_map(|h| match h.target {
            Target::Term { book: b, term }
                if b == book && h.start <= start && end <= h.end && counted(term) =>
            {
                matcher.books[book as usize]
                    .terms
                    .get(term as usize)
                    .map(|t| t.weight)
            }
            _ => None,
        })
        .fold(0.0, f32::max)
}

/// Adds the generic cue `hit` (`cue`) said of a pronoun that stands for `person`, unless
/// the sentence names one of the person's book's own people (then they anchor it; a
/// place or an object named there, "the Astronomy Tower", does not), the
/// person's fate is the premise there, or the cue tells one of that book's early events.
#[allow(clippy::too_many_arguments)]
fn pronoun_cue(
    matcher: &Matcher,
    hits: &[Hit],
    events: &[(u16, (u32, u32), Evidence)],
    anchors: &[Anchor],
    hit: &Hit,
    cue: u16,
    (book, entity): plot::Person,
    evidence: &mut Vec<BookEvidence>,
) {
    let data = &matcher.books[book as usize];
    if data.entities[entity as usize].anchors_cues
        && !anchors
            .iter()
            .any(|a| a.book == book && a.sentence == hit.sentence && a.cue_anchor.is_some())
        && !plot::premise_covers(data, hits, hit, book, &[entity], false)
        && !tells_setup(matcher, events, book, hit)
    {
        let anchor = Target::Entity { book, entity };
        add_evidence(evidence, book, Evidence::Cue { cue, anchor });
    }
}

/// A sentence of a block that names a book.
#[derive(Debug)]
struct Anchor {
    book: u16,
    sentence: u32,
    /// The first name in the sentence that may pair with a generic cue.
    cue_anchor: Option<Target>,
}

/// Whether the generic cue `hit` lies in the wording of an event of `book`'s first fifth
/// that the block asserts ("Viserys marries his sister to Khal Drogo": the "marries" of
/// the early wedding): the cue is that set-up told, which the event already weighs as
/// set-up, not a second spoiler.
fn tells_setup(
    matcher: &Matcher,
    events: &[(u16, (u32, u32), Evidence)],
    book: u16,
    hit: &Hit,
) -> bool {
    events.iter().any(|&(b, (start, end), item)| {
        b == book
            && start < hit.end
            && hit.start < end
            && matches!(item, Evidence::Event { event, .. }
                if matcher.books[book as usize].events[event as usize].percent < plot::EARLY_PERCENT)
    })
}

/// Whether an event found in `events` is told in sentence `sentence`.
fn tells_an_event(events: &[(u16, (u32, u32), Evidence)], hits: &[Hit], sentence: u32) -> bool {
    events.iter().any(|&(_, (start, end), _)| {
        hits.iter()
            .any(|h| h.start == start && h.end == end && h.sentence == sentence)
    })
}

fn push_unique(list: &mut Vec<u16>, book: u16) {
    if !list.contains(&book) {
        list.push(book);
    }
}

/// Drops from `hits` each name of a book's people that is an everyday word and follows
/// "every", "any" or "each" ("every teacher loves it", under a book whose villain is "the
/// Teacher"): a quantified noun speaks of no one in particular, so it neither names the
/// character nor adds to the page's context. So is a role or a thing followed in its
/// sentence by a capitalised word that names nobody of the shields: "her husband Scott"
/// is Scott, whom the core does not know, not the book's husband.
pub(crate) fn drop_generic_mentions(matcher: &Matcher, norm: &NormText, hits: &mut Vec<Hit>) {
    let words = norm.words();
    let starts: Vec<u32> = hits
        .iter()
        .filter(|h| matches!(h.target, Target::Entity { .. }))
        .map(|h| h.start)
        .collect();
    hits.retain(|h| {
        let Target::Entity { book, entity } = h.target else {
            return true;
        };
        let data = &matcher.books[book as usize].entities[entity as usize];
        if !data.common {
            return true;
        }
        let at = words.partition_point(|w| w.start < h.start);
        let quantified = at > 0
            && words[at - 1].sentence == h.sentence
            && matches!(norm.word_bytes(words[at - 1]), b"every" | b"any" | b"each");
        let after = words.partition_point(|w| w.start < h.end);
        // A role ("the husband") or an everyday thing, not a person's name.
        let someone_else = !data.person
            && words.get(after).is_some_and(|w| {
                w.sentence == h.sentence && w.capital && !starts.contains(&w.start)
            });
        !(quantified || someone_else)
    });
}

/// True when a term or cue match lies inside a longer name match: the word "murder"
/// of the title "The Murder of Roger Ackroyd" is the title, not a cue. A cue that is the
/// whole of a name is the name too: The Book Thief's narrator "Death" tells no death.
pub(crate) fn inside_a_name(hit: &Hit, hits: &[Hit]) -> bool {
    let cue = matches!(hit.target, Target::Cue { .. });
    hits.iter().any(|name| {
        matches!(
            name.target,
            Target::Title { .. } | Target::Alias { .. } | Target::Entity { .. }
        ) && name.start <= hit.start
            && hit.end <= name.end
            && (name.end - name.start > hit.end - hit.start || cue)
    })
}

fn add_evidence(evidence: &mut Vec<BookEvidence>, book: u16, item: Evidence) {
    let slot = match evidence.iter().position(|e| e.book == book) {
        Some(i) => i,
        None => {
            evidence.push(BookEvidence {
                book,
                items: Vec::new(),
            });
            evidence.len() - 1
        }
    };
    let items = &mut evidence[slot].items;
    let mut duplicate = false;
    for have in items.iter_mut() {
        match (have, &item) {
            (Evidence::Term(a), Evidence::Term(b)) => duplicate |= a == b,
            (Evidence::Cue { cue: a, .. }, Evidence::Cue { cue: b, .. }) => duplicate |= a == b,
            // One event counts once, told the strongest way the block tells it.
            (
                Evidence::Event {
                    event: a,
                    telling,
                    specific,
                    within,
                },
                Evidence::Event {
                    event: b,
                    telling: new,
                    specific: new_specific,
                    within: new_within,
                },
            ) if a == b => {
                duplicate = true;
                *telling = (*telling).max(*new);
                *specific |= *new_specific;
                *within = within.min(*new_within);
            }
            _ => {}
        }
    }
    if !duplicate {
        items.push(item);
    }
}

/// A judged block: the book it spoils, its score and the phrases that fired.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Judgement {
    pub book: u16,
    pub score: f32,
    pub phrases: Vec<String>,
}

/// Judges a block's evidence against the page context: the best-scoring book the
/// page is about whose evidence reaches the threshold, if any. `progress[b]` is the
/// percent of book `b` the reader has read. With `context` `None`, every book counts as
/// one the page is about: the verdict the block would get once the page's context is
/// known, whatever it turns out to be.
pub(crate) fn judge(
    matcher: &Matcher,
    evidence: &[BookEvidence],
    context: Option<&[BookContext]>,
    progress: &[f32],
    thresholds: Thresholds,
) -> Option<Judgement> {
    // A page that names one of the books by its title is about that one: another book of
    // the same author and people (a sequel, the series' first) that the page reaches only
    // through them is not what the block speaks of ("the headmaster is killed on the
    // tower" on a page about Half-Blood Prince, which Deathly Hallows' events tell too).
    let titled = |b: usize| context.is_none_or(|c| c[b].titled());
    let any_titled = evidence.iter().any(|e| titled(e.book as usize));
    let mut best: Option<Judgement> = None;
    for book_evidence in evidence {
        let b = book_evidence.book as usize;
        if context.is_some_and(|c| c[b].weight() < thresholds.context) || (any_titled && !titled(b))
        {
            continue;
        }
        let read = progress[b];
        if read >= 100.0 {
            continue;
        }
        let book = &matcher.books[b];
        let mut score = 0.0;
        let mut phrases = Vec::new();
        for item in &book_evidence.items {
            match *item {
                Evidence::Term(t) => {
                    let term = &book.terms[t as usize];
                    if term.revealed_percent.is_some_and(|p| p <= read) {
                        continue;
                    }
                    score += term.weight;
                    phrases.push(term.phrase.clone());
                }
                Evidence::Cue { cue, anchor } => {
                    let cue = &matcher.cues[cue as usize];
                    score += cue.weight;
                    phrases.push(format!("{} … {}", anchor_name(matcher, anchor), cue.phrase));
                }
                Evidence::Event {
                    event,
                    telling,
                    specific,
                    within,
                } => {
                    // An event at or before the reader's position is known to them.
                    let event = &book.events[event as usize];
                    if event.percent <= read {
                        continue;
                    }
                    score +=
                        (plot::event_weight(telling, specific, event.percent) - within).max(0.0);
                    phrases.push(event.label.clone());
                }
            }
        }
        let told = book_evidence
            .items
            .iter()
            .any(|e| !matches!(e, Evidence::Term(_)));
        let needed = if told {
            thresholds.told
        } else {
            thresholds.evidence
        };
        // Of books that score the same, the one the page speaks of more: "Prim dies" under
        // posts about Coin and Finnick is Mockingjay's, though Catching Fire has Prim too.
        let context_weight = |b: usize| context.map_or(0.0, |c| c[b].weight());
        if score >= needed
            && best.as_ref().is_none_or(|j| {
                score > j.score
                    || (score == j.score && context_weight(b) > context_weight(j.book as usize))
            })
        {
            best = Some(Judgement {
                book: book_evidence.book,
                score,
                phrases,
            });
        }
    }
    best
}

fn anchor_name(matcher: &Matcher, anchor: Target) -> &str {
    match anchor {
        Target::Entity { book, entity } => {
            &matcher.books[book as usize].entities[entity as usize].name
        }
        Target::Title { book } | Target::Alias { book } => &matcher.books[book as usize].title,
        Target::Author { book } | Target::Surname { book } => &matcher.books[book as usize].author,
        Target::Term { .. }
        | Target::Cue { .. }
        | Target::Word { .. }
        | Target::Event { .. }
        | Target::Premise { .. } => "",
    }
}
