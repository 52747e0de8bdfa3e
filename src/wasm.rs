//! The `wasm-bindgen` surface: only conversion between JavaScript values and the
//! core's types. Documented for JavaScript in `docs/WASM_API.md`.

use wasm_bindgen::prelude::*;

use crate::json::{self, Out, Value};
use crate::shield::{self, Document, Shield};
#[cfg(feature = "authoring")]
use crate::summary::{SummaryDrafter, WordFrequencies};
use crate::{Engine, PageScan, Sensitivity, Verdict};

// Values cross the boundary as JSON text: one string each way and V8's own JSON.parse
// and JSON.stringify, instead of a boundary call per field. The crate's own small JSON
// reader and writer (`crate::json`) do the Rust side; serde_json and its derived
// (de)serialisers were 45 KB of the 306 KB scan module.
fn to_js(value: &Out) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(&value.to_compact())
        .map_err(|_| JsError::new("could not hand a result to JavaScript"))
}

/// `value` (a plain object, as JSON allows) as a parsed JSON tree; `what` names it in
/// errors.
fn from_js(value: &JsValue, what: &str) -> Result<Value, JsError> {
    let text: String = js_sys::JSON::stringify(value)
        .map_err(|_| {
            JsError::new(&format!(
                "{what}: not a plain object (it cannot be written as JSON)"
            ))
        })?
        .into();
    // The position would be in JSON we wrote, not in anything the caller has.
    json::parse(&text).map_err(|e| JsError::new(&format!("{what}: {}", e.message)))
}

/// What `new Engine(config)` accepts: `{books, shieldJson, shields, sensitivity,
/// progress}`, every field optional.
#[derive(Default)]
struct Config {
    /// Catalog ids: only to say where they went (the module bundles no book).
    books: Vec<String>,
    /// Shield files as JSON text (the catalog's, as shipped beside the module).
    shield_json: Vec<String>,
    /// Shields as objects (the reader's own, as stored).
    shields: Vec<Value>,
    sensitivity: Option<String>,
    progress: Vec<(String, f32)>,
}

impl Config {
    /// Reads a config with the shield file reader's typed fields, so a wrong field
    /// gets the same messages as in a shield ("engine config: books[1]: expected a
    /// string in double quotes, found a number").
    fn read(config: &Document) -> Result<Config, shield::ShieldError> {
        let fields = config.object(
            config.root(),
            &[],
            &["books", "shieldJson", "shields", "sensitivity", "progress"],
        )?;
        Ok(Config {
            books: config.strings(fields.get("books"), &fields.path("books"))?,
            shield_json: config.strings(fields.get("shieldJson"), &fields.path("shieldJson"))?,
            shields: config.list(fields.get("shields"), &fields.path("shields"), |v, _| {
                Ok(v.clone())
            })?,
            sensitivity: match fields.optional("sensitivity") {
                Some(v) => Some(config.string(v, &fields.path("sensitivity"))?),
                None => None,
            },
            progress: match fields.optional("progress") {
                Some(v) => config.numbers_by_name(v, &fields.path("progress"))?,
                None => Vec::new(),
            },
        })
    }
}

/// A verdict as `page.scan` reports it: `{index, book, title, score, phrases}`.
fn verdict_out(engine: &Engine, index: usize, verdict: &Verdict) -> Out {
    let book = verdict.book.as_deref();
    let text_or_null = |s: Option<&str>| s.map_or(Out::Null, Out::str);
    Out::Object(vec![
        ("index", Out::Int(index as i64)),
        ("book", text_or_null(book)),
        (
            "title",
            text_or_null(book.and_then(|id| engine.title_of(id))),
        ),
        ("score", Out::f32(verdict.score)),
        (
            "phrases",
            Out::Array(verdict.phrases.iter().map(|p| Out::str(p)).collect()),
        ),
    ])
}

/// Parses and validates a shield from JSON text; throws an Error naming the line and
/// field of the first problem.
#[wasm_bindgen(js_name = validateShield)]
pub fn validate_shield(json: &str) -> Result<JsValue, JsError> {
    let shield = Shield::from_json(json, "shield").map_err(|e| {
        let at = e.line.map(|l| format!("line {l}: ")).unwrap_or_default();
        let field = if e.field.is_empty() {
            String::new()
        } else {
            format!("{}: ", e.field)
        };
        JsError::new(&format!("{at}{field}{}", e.message))
    })?;
    to_js(&shield::shield_out(&shield))
}

/// `prefilterKeys(json, frequencies)`: the keys of the content script's first question
/// for a shield given as JSON text (see `prefilter`), with `frequencies` the text of
/// `data/english-words.tsv` to choose the rarest word of each phrase by:
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
    let frequencies =
        WordFrequencies::parse(frequencies).map_err(|e| JsError::new(&e.to_string()))?;
    let shield = Shield::from_json(json, "shield").map_err(|e| JsError::new(&e.to_string()))?;
    let cues = crate::catalog::cues().map_err(|e| JsError::new(&e.to_string()))?;
    let chooser = crate::prefilter::KeyChooser::new(&frequencies);
    let book = crate::prefilter::book_keys(&shield, cues, &chooser)
        .map_err(|e| JsError::new(&e.to_string()))?;
    let numbers = |xs: &[f32]| Out::Array(xs.iter().map(|&x| Out::f32(x)).collect());
    let keys = book
        .keys
        .into_iter()
        .map(|k| {
            let flags = i64::from(k.anchor) | (i64::from(k.cue) << 1) | (i64::from(k.event) << 2);
            Out::Array(vec![
                Out::String(k.key),
                Out::Array(k.signals.iter().map(|&s| Out::Int(i64::from(s))).collect()),
                Out::Array(k.terms.iter().map(|&t| Out::Int(i64::from(t))).collect()),
                Out::Int(flags),
            ])
        })
        .collect();
    let thresholds = [
        Sensitivity::Relaxed,
        Sensitivity::Balanced,
        Sensitivity::Strict,
    ]
    .into_iter()
    .map(|s| {
        let t = s.thresholds();
        (
            s.name(),
            Out::Object(vec![
                ("context", Out::f32(t.context)),
                ("evidence", Out::f32(t.evidence)),
            ]),
        )
    })
    .collect();
    let strings = |xs: &[String]| Out::Array(xs.iter().map(|x| Out::str(x)).collect());
    let names = book
        .names
        .iter()
        .map(|n| {
            Out::Array(vec![
                Out::Int(i64::from(n.signal)),
                Out::Array(n.words.iter().map(|w| strings(w)).collect()),
            ])
        })
        .collect();
    to_js(&Out::Object(vec![
        ("keys", Out::Array(keys)),
        ("names", Out::Array(names)),
        ("signals", numbers(&book.signals)),
        ("terms", numbers(&book.terms)),
        ("thresholds", Out::Object(thresholds)),
    ]))
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
    let frequencies =
        WordFrequencies::parse(frequencies).map_err(|e| JsError::new(&e.to_string()))?;
    let shield = SummaryDrafter::new(&frequencies)
        .draft(title, author, summary)
        .map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&shield::shield_out(&shield))
}

/// A compiled set of shields.
#[wasm_bindgen(js_name = Engine)]
pub struct WasmEngine {
    engine: Engine,
}

#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    /// `new Engine({shieldJson, shields, sensitivity, progress})`; throws on bad config.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<WasmEngine, JsError> {
        let config = if config.is_undefined() || config.is_null() {
            Config::default()
        } else {
            Config::read(&Document::of_value(
                from_js(&config, "engine config")?,
                "engine config",
            ))
            .map_err(|e| JsError::new(&e.to_string()))?
        };
        let mut builder = Engine::builder();
        if let Some(sensitivity) = &config.sensitivity {
            let sensitivity: Sensitivity = sensitivity
                .parse()
                .map_err(|e: crate::Error| JsError::new(&e.to_string()))?;
            builder = builder.sensitivity(sensitivity);
        }
        if let Some(id) = config.books.first() {
            return Err(JsError::new(&format!(
                "books: this module bundles no book; pass the shield file of {} (core/shields/{id}.json) in shieldJson",
                json::Quoted(id)
            )));
        }
        for (index, text) in config.shield_json.iter().enumerate() {
            let shield = Shield::from_json(text, &format!("shieldJson[{index}]"))
                .map_err(|e| JsError::new(&e.to_string()))?;
            builder = builder.shield(shield);
        }
        for (index, value) in config.shields.into_iter().enumerate() {
            let shield = Document::of_value(value, &format!("shields[{index}]"))
                .shield()
                .map_err(|e| JsError::new(&e.to_string()))?;
            builder = builder.shield(shield);
        }
        for (id, percent) in config.progress {
            builder = builder.progress(id, percent);
        }
        let engine = builder.build().map_err(|e| JsError::new(&e.to_string()))?;
        Ok(WasmEngine { engine })
    }

    /// `[{id, title, author}]` of the enabled shields.
    pub fn books(&self) -> Result<JsValue, JsError> {
        let books = self
            .engine
            .books()
            .into_iter()
            .map(|b| {
                Out::Object(vec![
                    ("id", Out::String(b.id)),
                    ("title", Out::String(b.title)),
                    ("author", Out::String(b.author)),
                ])
            })
            .collect();
        to_js(&Out::Array(books))
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
        let blurred = result
            .verdicts
            .iter()
            .enumerate()
            .filter(|(_, v)| v.spoiler)
            .map(|(i, v)| verdict_out(engine, result.first + i, v))
            .collect();
        let changed = result
            .changed
            .iter()
            .map(|(i, v)| verdict_out(engine, *i, v))
            .collect();
        to_js(&Out::Object(vec![
            ("first", Out::Int(result.first as i64)),
            ("blurred", Out::Array(blurred)),
            ("changed", Out::Array(changed)),
            (
                "undecided",
                Out::Array(
                    result
                        .undecided
                        .iter()
                        .map(|&i| Out::Int(i as i64))
                        .collect(),
                ),
            ),
        ]))
    }

    /// Number of blocks scanned so far.
    #[wasm_bindgen(js_name = blockCount)]
    pub fn block_count(&self) -> usize {
        self.scan.len()
    }
}
