//! Spoiler Shield finds the paragraphs of a web page that give away the plot of the
//! books a reader is reading.
//!
//! ```
//! use spoiler_shield::{Engine, Sensitivity};
//!
//! let engine = Engine::builder()
//!     .book("never-let-me-go")
//!     .sensitivity(Sensitivity::Balanced)
//!     .build()?;
//! let verdicts = engine.classify_page(&[
//!     "Never Let Me Go by Kazuo Ishiguro",
//!     "The prose is quiet and precise.",
//!     "Kathy, Ruth and Tommy are clones raised to donate their organs.",
//! ]);
//! assert!(!verdicts[1].spoiler);
//! assert!(verdicts[2].spoiler);
//! assert_eq!(verdicts[2].book.as_deref(), Some("never-let-me-go"));
//! # Ok::<(), spoiler_shield::Error>(())
//! ```
//!
//! The data path is the same everywhere (CLI, Wasm, extension): text is normalised
//! ([`text`]), scanned once by one automaton built from every enabled shield
//! ([`shield`], [`catalog`]), and the matches are weighed into a verdict with the
//! page's context (is the page about the book at all?). Only prose is judged: a block
//! that is a list of names, handles, tags or links gets no verdict (`prose`).

#[cfg(feature = "authoring")]
pub mod authoring;
pub mod catalog;
mod loose;
mod matcher;
mod plot;
mod prose;
mod quoted;
mod score;
mod section;
mod setup;
pub mod shield;
pub mod text;
mod vocab;
// The bindings: the only module that knows it runs beside JavaScript.
#[cfg(target_arch = "wasm32")]
pub mod wasm;
mod word_table;

use std::fmt;
use std::sync::Arc;

use matcher::{Hit, Matcher, Scratch};
use quoted::Quoted;
use score::{BookContext, BookEvidence, Thresholds};
use shield::{CueLexicon, Shield, ShieldError};
use text::{NormText, Normalizer};

/// How readily a paragraph is blurred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sensitivity {
    /// Blur only clear spoilers on pages clearly about the book.
    Relaxed,
    /// The default.
    #[default]
    Balanced,
    /// Blur on weaker evidence and weaker page context: more blurs, some of them
    /// needless.
    Strict,
}

impl Sensitivity {
    fn thresholds(self) -> Thresholds {
        match self {
            Sensitivity::Relaxed => Thresholds {
                context: 3.0,
                evidence: 1.5,
                told: 1.5,
            },
            Sensitivity::Balanced => Thresholds {
                context: 2.0,
                evidence: 1.0,
                told: 1.0,
            },
            Sensitivity::Strict => Thresholds {
                context: 1.5,
                evidence: 0.6,
                told: 0.6,
            },
        }
    }

    /// The sensitivity's name as used in settings and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Sensitivity::Relaxed => "relaxed",
            Sensitivity::Balanced => "balanced",
            Sensitivity::Strict => "strict",
        }
    }
}

impl std::str::FromStr for Sensitivity {
    type Err = Error;

    fn from_str(s: &str) -> Result<Sensitivity, Error> {
        match s {
            "relaxed" => Ok(Sensitivity::Relaxed),
            "balanced" => Ok(Sensitivity::Balanced),
            "strict" => Ok(Sensitivity::Strict),
            other => Err(Error::Config(format!(
                "unknown sensitivity {}; use relaxed, balanced or strict",
                Quoted(other)
            ))),
        }
    }
}

/// Everything that can go wrong building an [`Engine`].
#[derive(Debug, Clone)]
pub enum Error {
    /// A book id that is neither in the catalog nor among the given shields.
    UnknownBook {
        /// The id asked for.
        id: String,
    },
    /// Two shields with the same id.
    DuplicateBook {
        /// The id given twice.
        id: String,
    },
    /// A shield or the cue lexicon is invalid.
    Shield(ShieldError),
    /// A setting is out of range.
    Config(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownBook { id } if catalog::ids().next().is_none() => write!(
                f,
                "unknown book {}: this build bundles no books; pass its shield instead",
                Quoted(id)
            ),
            Error::UnknownBook { id } => write!(
                f,
                "unknown book {}; known books: {}",
                Quoted(id),
                catalog::ids().collect::<Vec<_>>().join(", ")
            ),
            Error::DuplicateBook { id } => {
                write!(
                    f,
                    "two shields have the id {}; give one of them another id",
                    Quoted(id)
                )
            }
            Error::Shield(e) => write!(f, "{e}"),
            Error::Config(message) => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<ShieldError> for Error {
    fn from(e: ShieldError) -> Error {
        Error::Shield(e)
    }
}

/// The verdict on one block of a page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verdict {
    /// True when the block should be blurred.
    pub spoiler: bool,
    /// The id of the book it spoils, when it does.
    pub book: Option<String>,
    /// The weight of the evidence for that book (0 when not a spoiler).
    pub score: f32,
    /// The phrases that fired, for the reader's "why was this hidden?".
    pub phrases: Vec<String>,
}

/// A book an engine shields.
#[derive(Debug, Clone, PartialEq)]
pub struct BookInfo {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its author.
    pub author: String,
}

/// Configures an [`Engine`]: which shields, how sensitive, how far the reader is.
#[derive(Debug, Clone, Default)]
pub struct EngineBuilder {
    catalog_ids: Vec<String>,
    all_catalog: bool,
    shields: Vec<Shield>,
    cues: Option<CueLexicon>,
    sensitivity: Sensitivity,
    progress: Vec<(String, f32)>,
}

impl EngineBuilder {
    /// Enables the catalog shield with this id.
    pub fn book(mut self, id: impl Into<String>) -> EngineBuilder {
        self.catalog_ids.push(id.into());
        self
    }

    /// Enables every catalog shield.
    pub fn all_catalog_books(mut self) -> EngineBuilder {
        self.all_catalog = true;
        self
    }

    /// Enables a shield of the reader's own (or one loaded from a file).
    pub fn shield(mut self, shield: Shield) -> EngineBuilder {
        self.shields.push(shield);
        self
    }

    /// Replaces the bundled cue lexicon.
    pub fn cues(mut self, cues: CueLexicon) -> EngineBuilder {
        self.cues = Some(cues);
        self
    }

    /// Sets the sensitivity (balanced by default).
    pub fn sensitivity(mut self, sensitivity: Sensitivity) -> EngineBuilder {
        self.sensitivity = sensitivity;
        self
    }

    /// Says how far (percent, 0–100) the reader is in a book: terms revealed at or
    /// before that point no longer blur; 100 means finished, and nothing of the book
    /// blurs.
    pub fn progress(mut self, id: impl Into<String>, percent: f32) -> EngineBuilder {
        self.progress.push((id.into(), percent));
        self
    }

    /// Compiles the automaton. Fails on an unknown book id, a duplicate id, an
    /// invalid shield or a progress value out of range.
    pub fn build(self) -> Result<Engine, Error> {
        let mut shields: Vec<Shield> = Vec::new();
        let mut push = |shield: Shield| {
            if shields.iter().any(|s| s.id == shield.id) {
                return Err(Error::DuplicateBook { id: shield.id });
            }
            shields.push(shield);
            Ok(())
        };
        if self.all_catalog {
            for shield in catalog::shields()? {
                push(shield.clone())?;
            }
        }
        for id in &self.catalog_ids {
            if self.all_catalog {
                continue;
            }
            let shield =
                catalog::shield(id)?.ok_or_else(|| Error::UnknownBook { id: id.clone() })?;
            push(shield.clone())?;
        }
        for shield in self.shields {
            shield.validate().map_err(|(path, message)| {
                Error::Shield(ShieldError {
                    source: format!("shield {}", Quoted(&shield.id)),
                    line: None,
                    field: shield::path_string(&path),
                    message,
                })
            })?;
            push(shield)?;
        }
        let cues = match self.cues {
            Some(cues) => cues,
            None => catalog::cues()?.clone(),
        };
        let mut progress = vec![0.0; shields.len()];
        for (id, percent) in &self.progress {
            if !(0.0..=100.0).contains(percent) {
                return Err(Error::Config(format!(
                    "progress for {} must be 0–100, found {}",
                    Quoted(id),
                    shield::Number(*percent)
                )));
            }
            let index = shields
                .iter()
                .position(|s| &s.id == id)
                .ok_or_else(|| Error::UnknownBook { id: id.clone() })?;
            progress[index] = *percent;
        }
        let matcher = Matcher::build(&shields, &cues).map_err(|e| Error::Config(e.0))?;
        Ok(Engine {
            inner: Arc::new(Inner {
                matcher,
                thresholds: self.sensitivity.thresholds(),
                progress,
            }),
        })
    }
}

#[derive(Debug)]
struct Inner {
    matcher: Matcher,
    thresholds: Thresholds,
    progress: Vec<f32>,
}

/// A compiled set of shields. Cheap to clone (the automaton is shared).
#[derive(Debug, Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

impl Engine {
    /// Starts configuring an engine.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    /// The books this engine shields, in the order they were enabled.
    pub fn books(&self) -> Vec<BookInfo> {
        self.inner
            .matcher
            .books
            .iter()
            .map(|b| BookInfo {
                id: b.id.clone(),
                title: b.title.clone(),
                author: b.author.clone(),
            })
            .collect()
    }

    /// The title of a book this engine shields.
    pub fn title_of(&self, id: &str) -> Option<&str> {
        self.inner
            .matcher
            .books
            .iter()
            .find(|b| b.id == id)
            .map(|b| b.title.as_str())
    }

    /// Number of distinct patterns compiled into the automaton.
    pub fn pattern_count(&self) -> usize {
        self.inner.matcher.pattern_count()
    }

    /// Heap memory of the automaton, in bytes.
    pub fn automaton_bytes(&self) -> usize {
        self.inner.matcher.memory_usage()
    }

    /// Heap memory of the vocabulary that turns words into the automaton's codes, in
    /// bytes: the other half of the matcher's size.
    pub fn vocabulary_bytes(&self) -> usize {
        self.inner.matcher.vocabulary_bytes()
    }

    /// Number of distinct words in the automaton's patterns.
    pub fn vocabulary_len(&self) -> usize {
        self.inner.matcher.vocabulary_len()
    }

    /// Starts scanning a page; see [`PageScan`].
    pub fn page(&self) -> PageScan {
        PageScan {
            engine: self.clone(),
            context: vec![BookContext::default(); self.inner.matcher.books.len()],
            about: vec![false; self.inner.matcher.books.len()],
            blocks: Vec::new(),
            norm: NormText::default(),
            scratch: Scratch::default(),
            score_scratch: score::Scratch::default(),
            hits: Vec::new(),
            in_plot_section: false,
            zone: false,
            people: plot::Carried::default(),
        }
    }

    /// Whether `text` holds anything of the engine's books that the scorer counts: a
    /// name that tells what a page is about (title, author, alias, entity) or spoiler
    /// evidence. Text that holds none of it can neither be blurred nor make a page
    /// about a book; [`authoring::prefilter`]'s keys are held to find everything this finds.
    pub fn mentions(&self, text: &str) -> bool {
        let mut page = self.page();
        let evidence = page.assess(text, true);
        !evidence.is_empty()
            || page.context.iter().any(|c| c.weight() > 0.0)
            || page.hits.iter().any(|h| h.target.book().is_some())
    }

    /// Judges every block of a page at once, with the whole page as context.
    pub fn classify_page<S: AsRef<str>>(&self, blocks: &[S]) -> Vec<Verdict> {
        self.page().scan(blocks).verdicts
    }
}

/// What one block taught the page: its evidence and its current verdict.
#[derive(Debug, Clone)]
struct BlockState {
    evidence: Vec<BookEvidence>,
    /// The block stands in a section headed "Plot", "Ending" or "Synopsis".
    in_plot_section: bool,
    /// The block stands in a spoiler zone (`PageScan::zone`).
    zone: bool,
    /// The book of the last verdict given (`Some(None)`: judged clean); `None` before
    /// the first.
    judged: Option<Option<u16>>,
}

impl BlockState {
    /// The engine's thresholds as they apply to this block: half the evidence inside a
    /// plot section; less for what is told of a book's people in a spoiler zone.
    fn thresholds(&self, engine: Thresholds) -> Thresholds {
        let mut thresholds = engine;
        if self.in_plot_section {
            thresholds.evidence *= section::PLOT_SECTION_EVIDENCE;
            thresholds.told *= section::PLOT_SECTION_EVIDENCE;
        }
        if self.zone {
            thresholds.told = thresholds
                .told
                .min(engine.told * section::ZONE_TOLD_EVIDENCE);
        }
        thresholds
    }
}

/// The scan of one page, fed in batches as the page's blocks are found.
///
/// It remembers the page's context and each earlier block's evidence, so a batch
/// that reveals what the page is about re-judges the blocks before it.
#[derive(Debug)]
pub struct PageScan {
    engine: Engine,
    context: Vec<BookContext>,
    about: Vec<bool>,
    /// One entry per block scanned so far; `None` for blocks with no evidence.
    blocks: Vec<Option<BlockState>>,
    norm: NormText,
    /// The matcher's buffers, reused from block to block.
    scratch: Scratch,
    /// The scorer's buffers, reused from block to block.
    score_scratch: score::Scratch,
    hits: Vec<Hit>,
    in_plot_section: bool,
    /// Whether the blocks so far hold a spoiler warning or a block whose evidence blurs
    /// it wherever the page turns out to be about its book: what follows is a spoiler
    /// zone, where a cue or event told of a book's people blurs on less evidence. Set
    /// from the blocks before alone, in page order, so a block's verdict does not
    /// depend on how the page was batched.
    zone: bool,
    /// The people the blocks so far mentioned, the last first: whom a pronoun in the
    /// next block may stand for when that block names no one before it.
    people: plot::Carried,
}

/// The result of one [`PageScan::scan`] call.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScanResult {
    /// The page-wide index of the batch's first block.
    pub first: usize,
    /// One verdict per block of the batch, in order.
    pub verdicts: Vec<Verdict>,
    /// Earlier blocks whose verdict this batch changed, by page-wide index.
    pub changed: Vec<(usize, Verdict)>,
    /// Blocks of this batch, by page-wide index, that are clean only because the page
    /// is not (yet) about the book their evidence points to: they would be blurred if
    /// a later block taught the page that context. A page still loading holds them
    /// back until it is complete.
    pub undecided: Vec<usize>,
}

impl PageScan {
    /// Adds text that tells what the page is about (the document title, a meta
    /// description) without being a block that can be blurred.
    pub fn add_context(&mut self, text: &str) {
        // Not a block: no pronoun of the page's text goes back to it.
        let people = self.people;
        self.assess(text, false);
        self.people = people;
    }

    /// Scans a batch of blocks. Context is updated with the whole batch before any
    /// block of it is judged; earlier blocks are judged again if the context changed.
    pub fn scan<S: AsRef<str>>(&mut self, texts: &[S]) -> ScanResult {
        let first = self.blocks.len();
        for text in texts {
            // A heading names what follows ("Tommy's last donation"); it asserts no event.
            let mut evidence = self.assess(text.as_ref(), !prose::is_heading(text.as_ref()));
            // A run of names, handles, tags or links is not a paragraph: what it names
            // still told the page what it is about (assess), but it gets no verdict. Only
            // blocks with evidence are looked at, so most blocks cost nothing more.
            if !evidence.is_empty() && prose::is_list(text.as_ref()) {
                evidence.clear();
            }
            match section::heading(&self.norm) {
                Some(section::Heading::Plot) => self.in_plot_section = true,
                Some(section::Heading::Other) => self.in_plot_section = false,
                None => {}
            }
            self.blocks
                .push((!evidence.is_empty()).then_some(BlockState {
                    evidence,
                    in_plot_section: self.in_plot_section,
                    zone: self.zone,
                    judged: None,
                }));
            if !self.zone {
                self.zone = section::warns_of_spoilers(&self.norm)
                    || self.would_blur_in_context(self.blocks.len() - 1);
            }
        }
        let newly_about = self.refresh_about();
        let mut result = ScanResult {
            first,
            ..ScanResult::default()
        };
        for index in first..self.blocks.len() {
            // A block judged for the first time always yields a verdict.
            let verdict = self.rejudge(index).unwrap_or_default();
            if !verdict.spoiler && self.would_blur_in_context(index) {
                result.undecided.push(index);
            }
            result.verdicts.push(verdict);
        }
        if newly_about {
            for index in 0..first {
                if let Some(verdict) = self.rejudge(index) {
                    result.changed.push((index, verdict));
                }
            }
        }
        result
    }

    /// The engine this page is scanned with.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Number of blocks scanned so far.
    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    /// True before the first block.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The ids of the books the page is about so far.
    pub fn about(&self) -> Vec<&str> {
        let books = &self.engine.inner.matcher.books;
        self.about
            .iter()
            .enumerate()
            .filter(|(_, a)| **a)
            .map(|(i, _)| books[i].id.as_str())
            .collect()
    }

    /// The evidence of `text`, events included only when it may `assert` them.
    fn assess(&mut self, text: &str, assert: bool) -> Vec<BookEvidence> {
        let inner = &self.engine.inner;
        Normalizer::new().normalize_into(text, &mut self.norm);
        self.hits.clear();
        inner
            .matcher
            .scan(&self.norm, &mut self.scratch, &mut self.hits);
        score::drop_generic_mentions(&inner.matcher, &self.norm, &mut self.hits);
        let pronouns = if assert {
            plot::Pronouns::new(&self.norm, self.people)
        } else {
            plot::Pronouns::default()
        };
        let evidence = score::assess(
            &inner.matcher,
            &self.hits,
            assert.then_some(&self.norm),
            &pronouns,
            &mut self.context,
            &mut self.score_scratch,
        );
        // A block that names no one keeps the person named before ("Reply from …"
        // between the posts of a thread).
        self.people.remember(&inner.matcher, &self.hits);
        evidence
    }

    /// Updates which books the page is about; true if any book was added.
    fn refresh_about(&mut self) -> bool {
        let threshold = self.engine.inner.thresholds.context;
        let mut changed = false;
        for (about, ctx) in self.about.iter_mut().zip(&self.context) {
            if !*about && ctx.weight() >= threshold {
                *about = true;
                changed = true;
            }
        }
        changed
    }

    /// Whether block `index` would be blurred if the page were about every book.
    fn would_blur_in_context(&self, index: usize) -> bool {
        let inner = &self.engine.inner;
        let Some(state) = self.blocks[index].as_ref() else {
            return false;
        };
        score::judge(
            &inner.matcher,
            &state.evidence,
            None,
            &inner.progress,
            state.thresholds(inner.thresholds),
        )
        .is_some()
    }

    /// Judges block `index`; returns its verdict when it differs from the last one
    /// given (always for a block judged for the first time with evidence).
    fn rejudge(&mut self, index: usize) -> Option<Verdict> {
        let inner = &self.engine.inner;
        let state = self.blocks[index].as_mut()?;
        let judgement = score::judge(
            &inner.matcher,
            &state.evidence,
            Some(&self.context),
            &inner.progress,
            state.thresholds(inner.thresholds),
        );
        let book = judgement.as_ref().map(|j| j.book);
        if state.judged == Some(book) {
            return None;
        }
        state.judged = Some(book);
        Some(match judgement {
            Some(j) => Verdict {
                spoiler: true,
                book: Some(inner.matcher.books[j.book as usize].id.clone()),
                score: (j.score * 100.0).round() / 100.0,
                phrases: j.phrases,
            },
            None => Verdict::default(),
        })
    }
}
