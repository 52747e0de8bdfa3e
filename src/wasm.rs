//! The `wasm-bindgen` surface: only conversion between JavaScript values and the
//! core's types. Documented for JavaScript in `docs/WASM_API.md`.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::shield::Shield;
#[cfg(feature = "authoring")]
use crate::summary::{SummaryDrafter, WordFrequencies};
use crate::{Engine, PageScan, Sensitivity, Verdict};

/// What `new Engine(config)` accepts.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct Config {
    /// Catalog ids: only to say where they went (the module bundles no book).
    books: Vec<String>,
    /// Shield files as JSON text (the catalog's, as shipped beside the module): parsed
    /// and validated here, which is faster than converting an object field by field.
    #[serde(rename = "shieldJson")]
    shield_json: Vec<String>,
    /// Shields as objects (the reader's own, as stored).
    shields: Vec<Shield>,
    sensitivity: Option<String>,
    progress: std::collections::BTreeMap<String, f32>,
}

/// A book as `engine.books()` lists it.
#[derive(Serialize)]
struct EngineBook {
    id: String,
    title: String,
    author: String,
}

/// One blurred (or changed) block in a scan result.
#[derive(Serialize)]
struct BlockVerdict<'a> {
    index: usize,
    book: Option<&'a str>,
    title: Option<&'a str>,
    score: f32,
    phrases: &'a [String],
}

/// What `page.scan(texts)` returns.
#[derive(Serialize)]
struct ScanOut<'a> {
    first: usize,
    blurred: Vec<BlockVerdict<'a>>,
    changed: Vec<BlockVerdict<'a>>,
}

// Values cross the boundary as JSON text: one string each way and V8's own JSON.parse,
// instead of a boundary call per field. It also keeps serde-wasm-bindgen's converters
// (19 KB, a sixteenth of the scan module) out of the module; serde_json is in it anyway,
// for shield files.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("could not hand a result to JavaScript"))
}

/// `value` (a plain object, as JSON allows) read as a `T`; `what` names it in errors.
fn from_js<T: serde::de::DeserializeOwned>(value: &JsValue, what: &str) -> Result<T, JsError> {
    let text: String = js_sys::JSON::stringify(value)
        .map_err(|_| {
            JsError::new(&format!(
                "{what}: not a plain object (it cannot be written as JSON)"
            ))
        })?
        .into();
    serde_json::from_str(&text).map_err(|e| {
        let mut message = e.to_string();
        // The position is in JSON we wrote, not in anything the caller has.
        if let Some(cut) = message.rfind(" at line ") {
            message.truncate(cut);
        }
        JsError::new(&format!("{what}: {message}"))
    })
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
    to_js(&shield)
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
    to_js(&shield)
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
        let config: Config = if config.is_undefined() || config.is_null() {
            Config::default()
        } else {
            from_js(&config, "engine config")?
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
                "books: this module bundles no book; pass the shield file of {id:?} (core/shields/{id}.json) in shieldJson"
            )));
        }
        for (index, text) in config.shield_json.iter().enumerate() {
            let shield = Shield::from_json(text, &format!("shieldJson[{index}]"))
                .map_err(|e| JsError::new(&e.to_string()))?;
            builder = builder.shield(shield);
        }
        for shield in config.shields {
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
        let books: Vec<EngineBook> = self
            .engine
            .books()
            .into_iter()
            .map(|b| EngineBook {
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

    /// Scans a batch of block texts: `{first, blurred: [...], changed: [...]}`.
    pub fn scan(&mut self, texts: Vec<String>) -> Result<JsValue, JsError> {
        let result = self.scan.scan(&texts);
        let engine = self.scan.engine();
        fn verdict<'a>(engine: &'a Engine, index: usize, v: &'a Verdict) -> BlockVerdict<'a> {
            BlockVerdict {
                index,
                book: v.book.as_deref(),
                title: v.book.as_deref().and_then(|id| engine.title_of(id)),
                score: v.score,
                phrases: &v.phrases,
            }
        }
        let out = ScanOut {
            first: result.first,
            blurred: result
                .verdicts
                .iter()
                .enumerate()
                .filter(|(_, v)| v.spoiler)
                .map(|(i, v)| verdict(engine, result.first + i, v))
                .collect(),
            changed: result
                .changed
                .iter()
                .map(|(i, v)| verdict(engine, *i, v))
                .collect(),
        };
        to_js(&out)
    }

    /// Number of blocks scanned so far.
    #[wasm_bindgen(js_name = blockCount)]
    pub fn block_count(&self) -> usize {
        self.scan.len()
    }
}
