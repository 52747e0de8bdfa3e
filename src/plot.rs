//! Plot events asserted in a block: a participant of the event and one of its predicate
//! wordings, said together.
//!
//! A shield's events (schema 2) each name their participants and the words that assert
//! them ("Tommy" … "completes", "last donation"). A block asserts an event when, in one
//! sentence, it names a participant (by any of the entity's names) or speaks of one by
//! a pronoun, and holds one of the event's wordings. A pronoun ("he", "she", "they",
//! "him", "them") stands for the person mentioned last in the sentences before it in
//! the block, or, when the block itself starts with a pronoun, the one mentioned last
//! in the block before (a reply that goes on where the post above stopped). A
//! participant named in the sentence before or after the wording counts too, for less, and
//! so does a sentence that names one of the event's characters and, in the place of another,
//! someone who takes no part in it ([`of_someone_else`]). An event of the book's second
//! half counts, for less again, by a wording of two words or more alone, in a sentence
//! that names none of the book's characters ([`Telling::Bare`]): a reply under posts that
//! spoil the book tells the ending of people it does not name.
//!
//! What only restates the premise is not an assertion of a spoiler: a wording that is
//! also a wording of a premise item about the same people is passed over (see also
//! [`restates_premise`], which the scorer applies to generic cues).

use crate::matcher::{BookData, EventData, Hit, Matcher, Target};
use crate::text::NormText;

/// Evidence of an event told with a participant named in the same sentence: enough on
/// its own to blur at the balanced sensitivity on a page about the book, as a term of
/// weight 1.0 is. An event is specific (these people, this predicate), unlike a cue.
pub(crate) const NAMED_WEIGHT: f32 = 1.0;
/// Evidence of an event told of a pronoun that stands for a participant.
pub(crate) const PRONOUN_WEIGHT: f32 = 1.0;
/// Evidence of an event whose participant is named in the sentence next to its wording.
pub(crate) const NEIGHBOUR_WEIGHT: f32 = 0.5;
/// Evidence of an event of the second half of the book told by its wording alone
/// ([`Telling::Bare`]): never enough to blur on its own at the balanced sensitivity, but
/// enough in a spoiler zone or a plot section, or with a cue or a second event. Measured
/// on `tests/corpus/dev` (precision / recall): without it 0.966 / 0.768, 0.5 the same,
/// 0.7 0.959 / 0.795; on real dev 3 the same at 0.7, on catalog pages 0.946 / 0.813 →
/// 0.947 / 0.827.
pub(crate) const BARE_WEIGHT: f32 = 0.7;
/// Events from this percent of the book on may be told by their wording alone
/// ([`Telling::Bare`]). Earlier ones are what retellings of the set-up say of people they
/// do not name ("the animals fight off a human attempt to retake the farm"): measured
/// with events from 20 % on, catalog pages gained two spoilers more and real dev 3 one
/// false blur.
pub(crate) const BARE_PERCENT: f32 = 50.0;

/// What an event told in one word adds, against one told in a phrase: "marries",
/// "hires" or "dies" beside a name is how set-up and premise are told too ("Viserys
/// marries his sister to Khal Drogo"); "loses his head" or "breaks her silence" is not.
/// Alone it never blurs at the balanced sensitivity; in a spoiler zone (0.7), or with a
/// cue or a second event, it does. Measured on `tests/corpus/dev` once questions were
/// no longer read as assertions (precision / recall): 0.5 0.943 / 0.699, 0.6 0.938 /
/// 0.699, 0.7 0.926 / 0.742; 0.8 and 1.0 (measured with role names matched, a change
/// not kept) 0.903 / 0.750 and 0.877 / 0.758.
pub(crate) const ONE_WORD_FACTOR: f32 = 0.7;
/// Events earlier in the book than this percent are set-up that summaries, jacket copy
/// and reviews tell freely (the first fifth): they count for [`EARLY_FACTOR`] of their
/// weight. The drafter treats the first sixth of a summary the same way.
pub(crate) const EARLY_PERCENT: f32 = 20.0;
/// See [`EARLY_PERCENT`]. Below a half, two set-up events told together ("Beth plays the
/// piano Mr. Laurence gave her; Jo dances at the New Year's party") no longer blur as one
/// late event does. Measured (2026-12-07) against 0.5: `tests/corpus/dev` precision
/// 0.957 → 0.962, real dev pages 0.870 → 0.877, premise retellings blurred 95 → 89, the
/// recall of each the same; 0.3 was no better.
pub(crate) const EARLY_FACTOR: f32 = 0.4;

/// The evidence an event adds, told this way, with a wording of one word or more
/// (`specific`), at `percent` of the book.
pub(crate) fn event_weight(telling: Telling, specific: bool, percent: f32) -> f32 {
    let mut weight = telling.weight();
    if !specific {
        weight *= ONE_WORD_FACTOR;
    }
    if percent < EARLY_PERCENT {
        weight *= EARLY_FACTOR;
    }
    weight
}

/// How a block tells an event, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Telling {
    /// The wording alone, in a sentence that names none of the book's characters: of
    /// people the block speaks of without naming ("the honourable man at the centre of
    /// the story losing his head"), or in a reply that goes on about them.
    Bare,
    /// The participant is named in a sentence next to the wording's.
    Neighbour,
    /// The wording is said of a pronoun that stands for a participant.
    Pronoun,
    /// The participant is named in the wording's sentence.
    Named,
}

impl Telling {
    /// The evidence this telling adds.
    pub(crate) fn weight(self) -> f32 {
        match self {
            Telling::Named => NAMED_WEIGHT,
            Telling::Pronoun => PRONOUN_WEIGHT,
            Telling::Neighbour => NEIGHBOUR_WEIGHT,
            Telling::Bare => BARE_WEIGHT,
        }
    }
}

/// A person of a book a pronoun may stand for: (book, entity).
pub(crate) type Person = (u16, u16);

/// How many of the people the blocks before mentioned a pronoun that opens a block may
/// stand for, for a plot event: a reply goes on about the people of the posts above, not
/// only the last one named ("she set him up" under posts that named Nick, then Go).
/// Measured on `tests/corpus/dev`: 1 (the last person only) 0.926 / 0.691, 2 0.927 /
/// 0.695, 3, 4 and 8 0.927 / 0.699 (precision / recall); 3 costs the scan module least.
/// A generic cue still goes with the last one alone ([`Pronouns::person`]).
pub(crate) const CARRIED_PEOPLE: usize = 3;

/// The people the blocks of a page mentioned, the last first, at most
/// [`CARRIED_PEOPLE`]: whom a pronoun in a later block that names no one before it may
/// stand for. A fixed array, copied into each block's [`Pronouns`]: a page keeps one.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Carried([Option<Person>; CARRIED_PEOPLE]);

impl Carried {
    /// Puts the characters `hits` name first, the one named last in front (the author,
    /// named there, is not one: a heading "Title by Author" is no antecedent); the one
    /// named last goes in twice, the second time to the front.
    pub(crate) fn remember(&mut self, matcher: &Matcher, hits: &[Hit]) {
        // The others in the matcher's order, not the text's: sorting them would cost the
        // scan module kilobytes, for the order in which a fifth person drops out.
        let last = mentioned_last(matcher, hits, u32::MAX, false).flatten();
        for h in hits {
            if let Target::Entity { book, entity } = h.target {
                if matcher.books[book as usize].entities[entity as usize].person {
                    self.put_first((book, entity));
                }
            }
        }
        if let Some(person) = last {
            self.put_first(person);
        }
    }

    /// Puts `person` first, the others after it in their order, without a second copy.
    fn put_first(&mut self, person: Person) {
        let mut moving = Some(person);
        for slot in &mut self.0 {
            let was = std::mem::replace(slot, moving);
            if was == Some(person) {
                break;
            }
            moving = was;
        }
    }

    /// The person mentioned last.
    fn last(&self) -> Option<Person> {
        self.0[0]
    }

    /// Whether any of the people is one of `who`, people of `book`.
    fn any_of(&self, book: u16, who: &[u16]) -> bool {
        self.0
            .iter()
            .flatten()
            .any(|&(b, e)| b == book && who.contains(&e))
    }
}

/// Whom a pronoun in sentence `at` may stand for: the character of `hits` mentioned last
/// in the sentences before it, or no one when the book's author (if `authors`) was named
/// after that character or in sentence `at` itself ("Fitzgerald was twenty-eight when
/// it came out. He had already had a hit"); `None` when `hits` name neither there.
fn mentioned_last(
    matcher: &Matcher,
    hits: &[Hit],
    at: u32,
    authors: bool,
) -> Option<Option<Person>> {
    let mut last: Option<(u32, Option<Person>)> = None;
    for h in hits {
        let who = match h.target {
            Target::Author { .. } | Target::Surname { .. } if authors && h.sentence <= at => None,
            Target::Entity { book, entity }
                if h.sentence < at
                    && matcher.books[book as usize].entities[entity as usize].person =>
            {
                Some((book, entity))
            }
            _ => continue,
        };
        if last.is_none_or(|(start, _)| h.start >= start) {
            last = Some((h.start, who));
        }
    }
    last.map(|(_, who)| who)
}

/// Whether `word` (normalised) is a personal pronoun that can stand for a character.
/// "his", "her" and "their" are dropped by the normaliser, so they never get here.
fn is_pronoun(word: &[u8]) -> bool {
    matches!(word, b"he" | b"she" | b"they" | b"him" | b"them")
}

/// The pronouns of a block and whom they may stand for.
#[derive(Debug, Default)]
pub(crate) struct Pronouns {
    /// The sentences that hold a pronoun, in order.
    sentences: Vec<u32>,
    /// Whom a pronoun may stand for when the block names nobody before it: the people
    /// the blocks before mentioned (a reply that goes on where the posts above stopped,
    /// a character list's lines under a name), unless the block's first pronoun is a
    /// plural one that does not open it.
    carried: Carried,
}

impl Pronouns {
    /// Finds the pronouns of `norm`; `carried` are the people mentioned before the
    /// block, the last first.
    pub(crate) fn new(norm: &NormText, carried: Carried) -> Pronouns {
        let mut sentences: Vec<u32> = Vec::new();
        // "they" far into a block is seldom the one person the post above named last.
        let mut carries = false;
        for (i, word) in norm.words().iter().enumerate() {
            let word_bytes = norm.word_bytes(*word);
            if is_pronoun(word_bytes) {
                if sentences.is_empty() {
                    carries = i == 0 || !matches!(word_bytes, b"they" | b"them");
                }
                if sentences.last() != Some(&word.sentence) {
                    sentences.push(word.sentence);
                }
            }
        }
        Pronouns {
            sentences,
            carried: if carries { carried } else { Carried::default() },
        }
    }

    /// The person a pronoun in `sentence` stands for: the one mentioned last in the
    /// sentences before it, or else the last one carried; no one when the author is
    /// named after them or in the sentence itself.
    pub(crate) fn person(&self, matcher: &Matcher, hits: &[Hit], sentence: u32) -> Option<Person> {
        if !self.sentences.contains(&sentence) {
            return None;
        }
        mentioned_last(matcher, hits, sentence, true).unwrap_or(self.carried.last())
    }

    /// Whether a pronoun in `sentence` may stand for one of `who`, people of `book`: the
    /// person mentioned last in the block before it, or, when the block names no one
    /// before it, any of the people carried from the blocks before ("she kisses him"
    /// after "Hans, Rosa, Rudy" may be Liesel and Rudy).
    pub(crate) fn may_be(
        &self,
        matcher: &Matcher,
        hits: &[Hit],
        sentence: u32,
        book: u16,
        who: &[u16],
    ) -> bool {
        if !self.sentences.contains(&sentence) {
            return false;
        }
        match mentioned_last(matcher, hits, sentence, true) {
            Some(person) => person.is_some_and(|(b, e)| b == book && who.contains(&e)),
            None => self.carried.any_of(book, who),
        }
    }
}

/// Calls `found(hit, book, event, telling, specific)` for each event the block asserts
/// (possibly more than once per event), `hit` its wording's match; `specific` when the
/// wording matched has more than one word.
/// `hits` are the block's hits, `norm` its normalised text and `pronouns` its pronouns.
pub(crate) fn find(
    matcher: &Matcher,
    hits: &[Hit],
    norm: &NormText,
    pronouns: &Pronouns,
    mut found: impl FnMut(&Hit, u16, u16, Telling, bool),
) {
    // One wording asserts one thing: the same words ("returns") said of a participant of
    // several events of a book count for the first of them only; an event told with
    // someone else in the place of one of its people ([`of_someone_else`]), or by its
    // wording alone ([`Telling::Bare`]), only when no event takes the words as they
    // stand: such hits wait until the block's other hits are read. Each book tells its
    // own: shared across books, the words went to whichever book the catalog listed
    // first.
    // Each telling found, with whether it waits: (hit, book, event, telling, specific, waits).
    let mut tellings: Vec<(&Hit, u16, u16, Telling, bool, bool)> = Vec::new();
    for hit in hits {
        let Target::Event { book, event } = hit.target else {
            continue;
        };
        if norm.is_question(hit.sentence) {
            continue;
        }
        if crate::score::inside_a_name(hit, hits) {
            continue;
        }
        let data = &matcher.books[book as usize];
        let event_data = &data.events[event as usize];
        let who = &event_data.who;
        // The premise told of its own people: "When Jon Arryn dies, King Robert rides
        // north" tells Jon Arryn's death, not the "dies" of Robert's.
        let named = named_in(hits, book, hit.sentence);
        if premise_covers(data, hits, hit, book, who, true)
            || premise_covers(data, hits, hit, book, &named, true)
        {
            continue;
        }
        // The strongest way a named participant tells it: in the sentence, or next to it.
        let mut telling = None;
        for h in hits {
            if let Target::Entity { book: b, entity } = h.target {
                if b == book && who.contains(&entity) && h.sentence.abs_diff(hit.sentence) <= 1 {
                    let t = if h.sentence == hit.sentence {
                        Telling::Named
                    } else {
                        Telling::Neighbour
                    };
                    telling = telling.max(Some(t));
                }
            }
        }
        if telling != Some(Telling::Named)
            && pronouns.may_be(matcher, hits, hit.sentence, book, who)
        {
            telling = Some(Telling::Pronoun);
        }
        let text = norm
            .as_str()
            .get(hit.start as usize..hit.end as usize)
            .unwrap_or("");
        let specific = text.split_ascii_whitespace().nth(1).is_some();
        let waits = match telling {
            Some(Telling::Named) => (!pronouns.sentences.contains(&hit.sentence)
                && of_someone_else(data, event_data, hits, book, hit.sentence))
            .then_some(Telling::Neighbour),
            None => told_bare(data, event_data, &named, text).then_some(Telling::Bare),
            _ => None,
        };
        if let Some(telling) = waits.or(telling) {
            tellings.push((hit, book, event, telling, specific, waits.is_some()));
        }
    }
    let mut told: Vec<(u16, u32, u32)> = Vec::new();
    for later in [false, true] {
        for &(hit, book, event, telling, specific, waits) in &tellings {
            if waits == later && !told.contains(&(book, hit.start, hit.end)) {
                found(hit, book, event, telling, specific);
                told.push((book, hit.start, hit.end));
            }
        }
    }
}

/// Whether `text`, a wording of `event` (an event of the book of `data`), may tell it
/// alone ([`Telling::Bare`]) in a sentence that names the book's entities `named`: the
/// event comes in the book's second half ([`BARE_PERCENT`]), the wording has two words or
/// more besides pronouns ("kills him" is said of anyone; "walks him home" is not), and
/// `named` holds none of the book's characters (one it names is whom the wording is said
/// of).
fn told_bare(data: &BookData, event: &EventData, named: &[u16], text: &str) -> bool {
    event.percent >= BARE_PERCENT
        && text
            .split_ascii_whitespace()
            .filter(|w| !is_pronoun(w.as_bytes()))
            .nth(1)
            .is_some()
        && !named
            .iter()
            .any(|&e| data.entities.get(e as usize).is_some_and(|d| d.character))
}

/// Whether `sentence` tells of `event`, an event of `book`, with someone else in the place of one of its
/// people: it names a character of the book who takes no part in the event (not inside
/// another name: "Katniss" of "Katniss's mother") and leaves one of the event's
/// characters unnamed. "Liesel is sent to live with Hans and Rosa" is not "Liesel lives
/// with Ilsa Hermann".
fn of_someone_else(
    data: &BookData,
    event: &EventData,
    hits: &[Hit],
    book: u16,
    sentence: u32,
) -> bool {
    let mut stranger = false;
    // The event's characters the sentence names, a bit each (bit 0: others).
    let mut named = 0u64;
    for h in hits {
        let Target::Entity { book: b, entity } = h.target else {
            continue;
        };
        if b != book || h.sentence != sentence {
            continue;
        }
        match event.who.iter().position(|&e| e == entity) {
            Some(i) => {
                let character = event.character_of.get(i).copied().unwrap_or(0);
                named |= 1u64.wrapping_shl(u32::from(character));
            }
            None => {
                stranger |= data
                    .entities
                    .get(entity as usize)
                    .is_some_and(|e| e.character)
                    && !crate::score::inside_a_name(h, hits)
            }
        }
    }
    stranger && event.characters > 1 && (named >> 1).count_ones() < u32::from(event.characters)
}

/// Whether a wording of a premise item about one of `who` covers the span of `hit`: the
/// whole span when `whole` (an event wording that merely contains a premise word, "stop
/// being his carer" beside "carer", says more than the premise), or any of it (a generic
/// cue, "is dead" over the premise's "dead", says nothing more).
pub(crate) fn premise_covers(
    data: &BookData,
    hits: &[Hit],
    hit: &Hit,
    book: u16,
    who: &[u16],
    whole: bool,
) -> bool {
    hits.iter().any(|p| match p.target {
        Target::Premise { book: b, item } if b == book => {
            let covered = if whole {
                p.start <= hit.start && hit.end <= p.end
            } else {
                p.start < hit.end && hit.start < p.end
            };
            covered && data.premise[item as usize].iter().any(|e| who.contains(e))
        }
        _ => false,
    })
}

/// Whether the generic cue `hit` only restates the premise of `book`: a wording of a
/// premise item covers it, and the item is about an entity the sentence names.
pub(crate) fn restates_premise(matcher: &Matcher, hits: &[Hit], hit: &Hit, book: u16) -> bool {
    let data = &matcher.books[book as usize];
    let named = named_in(hits, book, hit.sentence);
    !named.is_empty() && premise_covers(data, hits, hit, book, &named, false)
}

/// The entities of `book` that `hits` name in `sentence`.
fn named_in(hits: &[Hit], book: u16, sentence: u32) -> Vec<u16> {
    hits.iter()
        .filter(|h| h.sentence == sentence)
        .filter_map(|h| match h.target {
            Target::Entity { book: b, entity } if b == book => Some(entity),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_word_and_early_events_weigh_less_and_a_late_phrase_blurs_alone() {
        let late = 80.0;
        assert_eq!(event_weight(Telling::Named, true, late), NAMED_WEIGHT);
        assert_eq!(
            event_weight(Telling::Named, false, late),
            NAMED_WEIGHT * ONE_WORD_FACTOR
        );
        assert_eq!(
            event_weight(Telling::Named, true, 10.0),
            NAMED_WEIGHT * EARLY_FACTOR
        );
        assert_eq!(
            event_weight(Telling::Neighbour, false, 10.0),
            NEIGHBOUR_WEIGHT * ONE_WORD_FACTOR * EARLY_FACTOR
        );
        // The balanced threshold is 1.0: only a phrase, named, past the set-up, blurs alone.
        assert!(event_weight(Telling::Named, true, late) >= 1.0);
        assert!(event_weight(Telling::Pronoun, false, late) < 1.0);
    }
}
