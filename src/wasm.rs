//! The `wasm-bindgen` surface: the only module that knows it runs beside JavaScript.
//! It converts between JavaScript values and the core's types and nothing else.
//! Documented for JavaScript in `docs/WASM_API.md`.
//!
//! Values cross as JavaScript objects: serde-wasm-bindgen reads them into the core's
//! typed structs (a shield is a [`Shield`], read by the same derived reader as a shield
//! file) and writes typed results out. The scan module carries no JSON parser: shield
//! files are parsed by the browser's own `JSON.parse`; only the authoring module, which
//! reads the files readers import, reads JSON text itself (serde_json), for the line of
//! an error.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[cfg(feature = "authoring")]
use crate::authoring::article::{self, ArticleBlock, PlotSource};
#[cfg(feature = "authoring")]
use crate::authoring::summary::{SummaryDrafter, WordFrequencies};
use crate::quoted::Quoted;
use crate::shield::{decimal, Shield, ShieldError};
use crate::{Engine, PageScan, Sensitivity, Verdict};

/// `value` as the Rust type `T`; errors are prefixed by `what`. The path of a field of the
/// wrong type is not tracked: that costs 23 KB of the scan module (a second copy of every
/// reader), and the objects handed over were made by code, from files read first by
/// serde_json (the build's, or an import in the authoring module) that name it. The rules
/// of the schema still name their field ([`Shield::validate`]).
fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{what}: {}", said(e))))
}

/// What a serde-wasm-bindgen error says (its `Display` would prefix "Error: ").
fn said(e: serde_wasm_bindgen::Error) -> String {
    use wasm_bindgen::JsCast;
    JsValue::from(e)
        .unchecked_into::<js_sys::Error>()
        .message()
        .into()
}

/// `value` as a plain JavaScript object: `Option::None` as `null`, maps as objects.
/// Numbers that are `f32` in the core go out as [`decimal`] of them (0.35, as written).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not hand a result to JavaScript: {e}")))
}

fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// What `new Engine(config)` accepts: `{books, shields, sensitivity, progress}`, every
/// field optional.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Config {
    /// Catalog ids: only to say where they went (the module bundles no book).
    books: Vec<String>,
    /// The shields to track: the catalog's files as parsed by `JSON.parse`, and the
    /// reader's own as stored. Read one by one, so that an error names its index;
    /// validated by the engine builder.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    shields: js_sys::Array,
    sensitivity: Option<String>,
    /// Reading progress in percent, by book id (an object), in the object's order.
    #[serde(deserialize_with = "pairs")]
    progress: Vec<(String, f32)>,
}

/// The fields of an object as (name, value) pairs, in its order: a `HashMap` here would
/// be one more map type compiled into the scan module for a handful of entries.
fn pairs<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Vec<(String, f32)>, D::Error> {
    struct Pairs;
    impl<'de> serde::de::Visitor<'de> for Pairs {
        type Value = Vec<(String, f32)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of numbers by book id")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut pairs = Vec::new();
            while let Some(pair) = map.next_entry()? {
                pairs.push(pair);
            }
            Ok(pairs)
        }
    }
    de.deserialize_map(Pairs)
}

impl Config {
    const FIELDS: &'static [&'static str] = &["books", "shields", "sensitivity", "progress"];
}

/// Refuses an object with a field not in `fields` (a misspelt or retired option, such as
/// `shieldJson`, would otherwise be ignored without a word): serde-wasm-bindgen reads
/// only the fields a struct declares, so `deny_unknown_fields` never sees the others.
fn only_fields(value: &JsValue, what: &str, fields: &[&str]) -> Result<(), JsError> {
    let Some(object) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Object>(value) else {
        return Ok(());
    };
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !fields.contains(&key.as_str()) {
            let known: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
            return Err(JsError::new(&format!(
                "{what}: unknown field `{key}`, expected one of {}",
                known.join(", ")
            )));
        }
    }
    Ok(())
}

/// A verdict as `page.scan` reports it: `{index, book, title, score, phrases}`.
#[derive(Serialize)]
struct VerdictOut<'a> {
    index: usize,
    book: Option<&'a str>,
    title: Option<&'a str>,
    score: f64,
    phrases: &'a [String],
}

impl<'a> VerdictOut<'a> {
    fn new(engine: &'a Engine, index: usize, verdict: &'a Verdict) -> VerdictOut<'a> {
        let book = verdict.book.as_deref();
        VerdictOut {
            index,
            book,
            title: book.and_then(|id| engine.title_of(id)),
            score: decimal(verdict.score),
            phrases: &verdict.phrases,
        }
    }
}

/// What `page.scan` returns: `{first, blurred, changed, undecided}`.
#[derive(Serialize)]
struct ScanOut<'a> {
    first: usize,
    blurred: Vec<VerdictOut<'a>>,
    changed: Vec<VerdictOut<'a>>,
    undecided: &'a [usize],
}

/// A book of `engine.books()`: `{id, title, author}`.
#[cfg(feature = "authoring")]
#[derive(Serialize)]
struct BookOut {
    id: String,
    title: String,
    author: String,
}

/// A shield error as one line for a form: `line 12: terms[3].weight: must be 0.1–3,
/// found 7` (the source is the caller's to say).
fn shield_error(e: ShieldError) -> JsError {
    let at = e.line.map(|l| format!("line {l}: ")).unwrap_or_default();
    let field = if e.field.is_empty() {
        String::new()
    } else {
        format!("{}: ", e.field)
    };
    JsError::new(&format!("{at}{field}{}", e.message))
}

/// `validateShield(shield)`: checks a shield; throws an Error naming the field of the
/// first problem. The authoring module also takes the text of a shield file (an import,
/// the form's draft), read with serde_json so that the error names the line too, and
/// returns the shield as the core writes it, for the form; the scan module returns
/// nothing (writing a shield back is 6 KB of a module every page loads, and its callers,
/// which check stored shields, need only the verdict).
#[wasm_bindgen(js_name = validateShield)]
pub fn validate_shield(shield: JsValue) -> Result<JsValue, JsError> {
    let shield = read_shield(shield)?;
    shield.validate().map_err(|(path, message)| {
        shield_error(ShieldError {
            source: String::new(),
            line: None,
            field: crate::shield::path_string(&path),
            message,
        })
    })?;
    written(&shield)
}

/// The shield as the core writes it.
#[cfg(feature = "authoring")]
fn written(shield: &Shield) -> Result<JsValue, JsError> {
    to_js(shield)
}

/// Nothing: see [`validate_shield`].
#[cfg(not(feature = "authoring"))]
fn written(_: &Shield) -> Result<JsValue, JsError> {
    Ok(JsValue::UNDEFINED)
}

/// A shield object, or a shield file's text read with serde_json.
#[cfg(feature = "authoring")]
fn read_shield(shield: JsValue) -> Result<Shield, JsError> {
    match shield.as_string() {
        Some(text) => Shield::from_json(&text, "shield").map_err(shield_error),
        None => from_js(shield, "shield"),
    }
}

/// A shield object: the scan module has no JSON parser (callers use `JSON.parse`).
#[cfg(not(feature = "authoring"))]
fn read_shield(shield: JsValue) -> Result<Shield, JsError> {
    from_js(shield, "shield")
}

/// The keys of the prefilter for one book, as `prefilterKeys` returns them.
#[cfg(feature = "authoring")]
#[derive(Serialize)]
struct PrefilterOut<'a> {
    /// `[key, [signal, ...], [term, ...], flags]`: flags 1 for a name that anchors cues,
    /// 2 for a cue's word.
    keys: Vec<(&'a str, &'a [u16], &'a [u32], u8)>,
    /// `[signal, [[key, ...] per word]]`.
    names: Vec<(u16, &'a [Vec<String>])>,
    signals: Vec<f64>,
    terms: Vec<f64>,
    thresholds: ThresholdsOut,
}

/// The thresholds of each sensitivity, by its name.
#[cfg(feature = "authoring")]
#[derive(Serialize)]
struct ThresholdsOut {
    relaxed: Threshold,
    balanced: Threshold,
    strict: Threshold,
}

#[cfg(feature = "authoring")]
#[derive(Serialize)]
struct Threshold {
    context: f64,
    evidence: f64,
}

#[cfg(feature = "authoring")]
impl From<Sensitivity> for Threshold {
    fn from(sensitivity: Sensitivity) -> Threshold {
        let t = sensitivity.thresholds();
        Threshold {
            context: decimal(t.context),
            evidence: decimal(t.evidence),
        }
    }
}

/// `prefilterKeys(json, frequencies)`: the keys of the content script's first question
/// for a shield given as JSON text (see `authoring::prefilter`), with `frequencies` the
/// text of `data/english-words.tsv` to choose the rarest word of each phrase by:
/// `{keys: [[key, [signal, ...], [term, ...], flags], ...], names: [[signal, [[key, ...]
/// per word]], ...], signals: [weight, ...], terms: [weight, ...], thresholds: {relaxed:
/// {context, evidence}, ...}}`, flags 1 for a name that anchors cues, 2 for a cue's
/// word, 4 for an event's predicate word. Computed when the extension is built
/// (catalog books) or a shield is saved, so that a page about no tracked book never loads
/// the scan module. Throws when the shield is invalid or holds a name that cannot be a
/// key (every block is then a candidate for that book). Only in the authoring module.
#[cfg(feature = "authoring")]
#[wasm_bindgen(js_name = prefilterKeys)]
pub fn prefilter_keys(json: &str, frequencies: &str) -> Result<JsValue, JsError> {
    use crate::authoring::prefilter;
    let frequencies = WordFrequencies::parse(frequencies).map_err(js_error)?;
    let shield = Shield::from_json(json, "shield").map_err(js_error)?;
    let cues = crate::catalog::cues().map_err(js_error)?;
    let chooser = prefilter::KeyChooser::new(&frequencies);
    let book = prefilter::book_keys(&shield, cues, &chooser).map_err(js_error)?;
    to_js(&PrefilterOut {
        keys: book
            .keys
            .iter()
            .map(|k| {
                let flags = u8::from(k.anchor) | (u8::from(k.cue) << 1) | (u8::from(k.event) << 2);
                (k.key.as_str(), &k.signals[..], &k.terms[..], flags)
            })
            .collect(),
        names: book
            .names
            .iter()
            .map(|n| (n.signal, &n.words[..]))
            .collect(),
        signals: book.signals.iter().map(|&x| decimal(x)).collect(),
        terms: book.terms.iter().map(|&x| decimal(x)).collect(),
        thresholds: ThresholdsOut {
            relaxed: Sensitivity::Relaxed.into(),
            balanced: Sensitivity::Balanced.into(),
            strict: Sensitivity::Strict.into(),
        },
    })
}

/// `draftShield(title, author, summary, frequencies)`: a proposed shield (an object
/// in the shield format) drafted from a plot summary, for the reader to edit and save.
/// `frequencies` is the text of `data/english-words.tsv`, which the caller loads: it is
/// not built into the module, to keep the module small. Throws with a message a
/// reader can act on ("the summary has 12 words; paste a plot summary of at least 40").
/// Only in the authoring module (feature `authoring`).
#[cfg(feature = "authoring")]
#[wasm_bindgen(js_name = draftShield)]
pub fn draft_shield(
    title: &str,
    author: &str,
    summary: &str,
    frequencies: &str,
) -> Result<JsValue, JsError> {
    let frequencies = WordFrequencies::parse(frequencies).map_err(js_error)?;
    let shield = SummaryDrafter::new(&frequencies)
        .draft(title, author, summary)
        .map_err(js_error)?;
    to_js(&shield)
}

/// `readArticle(blocks)`: what a page about a book gives to draft its shield from, read
/// from the page's blocks in reading order, `[{tag, text}]` (`tag` lower case), as the
/// content script's walk and `spoiler-shield blocks` find them (`src/authoring/article.rs`):
/// `{title, author, aboutBook, plot, plotBlocks: [start, end], heading}`, with `title`
/// and `author` null when the page does not say them, `aboutBook` whether the page reads
/// as about a book (a "Plot" or "Synopsis" heading, an "Author" label, "a … novel by …":
/// `article::about_a_book`; a byline over prose is a news story as often), `plotBlocks`
/// the indices of the blocks the plot came from (end excluded) and `heading` null when
/// the plot is the longest run of prose. A page that gives no plot to draft from yields
/// `{title, author, aboutBook, error}`, the error a sentence for the reader. Throws only
/// when `blocks` is not such a list. Only in the authoring module: the popup runs it for
/// "Shield this book".
#[cfg(feature = "authoring")]
#[wasm_bindgen(js_name = readArticle)]
pub fn read_article(blocks: JsValue) -> Result<JsValue, JsError> {
    let owned: Vec<BlockIn> = from_js(blocks, "blocks")?;
    let blocks: Vec<ArticleBlock> = owned
        .iter()
        .map(|b| ArticleBlock {
            tag: &b.tag,
            text: &b.text,
        })
        .collect();
    let about_book = article::about_a_book(&blocks);
    let out = match article::read_article(&blocks) {
        Ok(found) => ArticleOut {
            title: found.title,
            author: found.author,
            about_book,
            plot: Some(found.plot),
            plot_blocks: Some([found.plot_blocks.start, found.plot_blocks.end]),
            heading: Some(match found.source {
                PlotSource::Heading(heading) => Some(heading),
                PlotSource::LongestProse => None,
            }),
            error: None,
        },
        Err(e) => ArticleOut {
            title: article::page_title(&blocks),
            author: article::page_author(&blocks),
            about_book,
            plot: None,
            plot_blocks: None,
            heading: None,
            error: Some(e.to_string()),
        },
    };
    to_js(&out)
}

/// One block of `readArticle`'s input: `{tag, text}`.
#[cfg(feature = "authoring")]
#[derive(Deserialize)]
struct BlockIn {
    tag: String,
    text: String,
}

/// What `readArticle` returns (see there): the plot's fields, or the error, never both.
#[cfg(feature = "authoring")]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArticleOut {
    title: Option<String>,
    author: Option<String>,
    about_book: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    plot: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    plot_blocks: Option<[usize; 2]>,
    /// Present with the plot: the heading it was under, or null for the longest prose.
    #[serde(skip_serializing_if = "Option::is_none")]
    heading: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// A compiled set of shields.
#[wasm_bindgen(js_name = Engine)]
pub struct WasmEngine {
    engine: Engine,
}

#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    /// `new Engine({shields, sensitivity, progress})`; throws on bad config.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<WasmEngine, JsError> {
        let config: Config = if config.is_undefined() || config.is_null() {
            Config::default()
        } else {
            only_fields(&config, "engine config", Config::FIELDS)?;
            from_js(config, "engine config")?
        };
        if let Some(id) = config.books.first() {
            return Err(JsError::new(&format!(
                "books: this module bundles no book; pass the shield file of {} (core/shields/{id}.json, parsed) in shields",
                Quoted(id)
            )));
        }
        let mut builder = Engine::builder();
        if let Some(sensitivity) = &config.sensitivity {
            let sensitivity: Sensitivity = sensitivity.parse().map_err(js_error)?;
            builder = builder.sensitivity(sensitivity);
        }
        for (index, shield) in config.shields.iter().enumerate() {
            builder = builder.shield(from_js(shield, &format!("shields[{index}]"))?);
        }
        for (id, percent) in config.progress {
            builder = builder.progress(id, percent);
        }
        let engine = builder.build().map_err(js_error)?;
        Ok(WasmEngine { engine })
    }

    /// `[{id, title, author}]` of the enabled shields. Only in the authoring module: no
    /// page needs it (a verdict carries its book's title), and in the scan module it was
    /// 2,084 B of serialising.
    #[cfg(feature = "authoring")]
    pub fn books(&self) -> Result<JsValue, JsError> {
        let books: Vec<BookOut> = self
            .engine
            .books()
            .into_iter()
            .map(|b| BookOut {
                id: b.id,
                title: b.title,
                author: b.author,
            })
            .collect();
        to_js(&books)
    }

    /// Number of distinct patterns in the automaton.
    #[wasm_bindgen(js_name = patternCount)]
    pub fn pattern_count(&self) -> usize {
        self.engine.pattern_count()
    }

    /// Whether `text` holds a name or spoiler evidence of the enabled books: what the
    /// prefilter's keys must never miss (`tests/unit/prefilter.test.mjs`). Only in the
    /// authoring module, which checks the keys it makes.
    #[cfg(feature = "authoring")]
    pub fn mentions(&self, text: &str) -> bool {
        self.engine.mentions(text)
    }

    /// Starts the scan of one document.
    #[wasm_bindgen(js_name = newPage)]
    pub fn new_page(&self) -> WasmPage {
        WasmPage {
            scan: self.engine.page(),
        }
    }
}

/// The scan of one document, fed in batches.
#[wasm_bindgen(js_name = Page)]
pub struct WasmPage {
    scan: PageScan,
}

#[wasm_bindgen(js_class = Page)]
impl WasmPage {
    /// Text that says what the page is about (title, description); never blurred.
    #[wasm_bindgen(js_name = addContext)]
    pub fn add_context(&mut self, text: &str) {
        self.scan.add_context(text);
    }

    /// Scans a batch of block texts: `{first, blurred: [...], changed: [...],
    /// undecided: [index, ...]}`.
    pub fn scan(&mut self, texts: Vec<String>) -> Result<JsValue, JsError> {
        let result = self.scan.scan(&texts);
        let engine = self.scan.engine();
        to_js(&ScanOut {
            first: result.first,
            blurred: result
                .verdicts
                .iter()
                .enumerate()
                .filter(|(_, v)| v.spoiler)
                .map(|(i, v)| VerdictOut::new(engine, result.first + i, v))
                .collect(),
            changed: result
                .changed
                .iter()
                .map(|(i, v)| VerdictOut::new(engine, *i, v))
                .collect(),
            undecided: &result.undecided,
        })
    }

    /// Number of blocks scanned so far.
    #[wasm_bindgen(js_name = blockCount)]
    pub fn block_count(&self) -> usize {
        self.scan.len()
    }
}
