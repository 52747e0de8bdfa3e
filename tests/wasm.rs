//! The Wasm API as JavaScript sees it, run in headless Chromium by
//! `wasm-pack test --headless --chrome` (`make test-wasm`).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect};
use spoiler_shield::wasm::{validate_shield, WasmEngine};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("property")
}

/// The message of an Error the API threw.
fn message_of(err: wasm_bindgen::JsError) -> String {
    get(&JsValue::from(err), "message")
        .as_string()
        .unwrap_or_default()
}

fn config(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("valid JSON")
}

/// The catalog shield the extension ships beside the module, as a file: the content
/// script parses it with `JSON.parse` and passes the object.
const NEVER_LET_ME_GO: &str = include_str!("../shields/never-let-me-go.json");

/// `{"shields": [<Never Let Me Go>], …extra}` as a JavaScript object.
fn never_let_me_go_config(extra: &str) -> JsValue {
    config(&format!(
        "{{\"shields\": [{NEVER_LET_ME_GO}]{}{extra}}}",
        if extra.is_empty() { "" } else { ", " }
    ))
}

#[wasm_bindgen_test]
fn the_module_bundles_no_book_but_takes_shield_files() {
    let err = WasmEngine::new(config(r#"{"books": ["never-let-me-go"]}"#))
        .err()
        .expect("catalog ids are refused");
    let message = message_of(err);
    assert!(message.contains("in shields"), "{message}");
    let engine = WasmEngine::new(never_let_me_go_config("")).expect("engine");
    assert!(
        engine.pattern_count() > 0,
        "the shield file's phrases are compiled"
    );
}

#[wasm_bindgen_test]
fn one_scan_call_judges_a_whole_batch_and_returns_only_spoilers() {
    let engine =
        WasmEngine::new(never_let_me_go_config(r#""sensitivity": "balanced""#)).expect("engine");
    let mut page = engine.new_page();
    page.add_context("Never Let Me Go by Kazuo Ishiguro — a review");
    let result = page
        .scan(vec![
            "A quiet, beautiful book.".to_string(),
            "Kathy and Tommy are clones raised to donate their organs.".to_string(),
        ])
        .expect("scan");
    assert_eq!(get(&result, "first"), 0);
    let blurred: Array = get(&result, "blurred").dyn_into().unwrap();
    assert_eq!(blurred.length(), 1);
    let verdict = blurred.get(0);
    assert_eq!(get(&verdict, "index"), 1);
    assert_eq!(get(&verdict, "book"), "never-let-me-go");
    assert_eq!(get(&verdict, "title"), "Never Let Me Go");
    let second = page
        .scan(vec!["Ruth completes after her second donation.".to_string()])
        .unwrap();
    assert_eq!(get(&second, "first"), 2, "indices grow across batches");
}

#[wasm_bindgen_test]
fn later_context_reports_changed_blocks() {
    let engine = WasmEngine::new(never_let_me_go_config("")).unwrap();
    let mut page = engine.new_page();
    let first = page
        .scan(vec!["They are clones, all of them.".to_string()])
        .unwrap();
    assert_eq!(Array::from(&get(&first, "blurred")).length(), 0);
    let second = page
        .scan(vec!["Never Let Me Go, Kazuo Ishiguro".to_string()])
        .unwrap();
    let changed = Array::from(&get(&second, "changed"));
    assert_eq!(changed.length(), 1);
    assert_eq!(get(&changed.get(0), "index"), 0);
}

#[wasm_bindgen_test]
fn bad_config_and_bad_shields_throw_readable_errors() {
    let err = WasmEngine::new(config(r#"{"shields": [{"schema": 1}]}"#))
        .err()
        .expect("an incomplete shield");
    let message = message_of(err);
    assert!(
        message.starts_with("shields[0]: missing field `id`"),
        "{message}"
    );
    // A stored shield, as the worker checks it: the rule broken is named by its field.
    let bad = NEVER_LET_ME_GO.replacen("\"id\": \"never-let-me-go\"", "\"id\": \"Bad\"", 1);
    assert_ne!(bad, NEVER_LET_ME_GO);
    let err = validate_shield(config(&bad)).err().expect("bad shield");
    let message = message_of(err);
    assert!(
        message.starts_with("id: must be 1–64 lower-case letters"),
        "{message}"
    );
    // The scan module reads no JSON text: the caller parses it.
    let err = validate_shield(JsValue::from_str(NEVER_LET_ME_GO))
        .err()
        .expect("text is refused");
    let message = message_of(err);
    assert!(
        message.starts_with("shield: invalid type: string"),
        "{message}"
    );
}

#[wasm_bindgen_test]
fn shields_given_as_objects_name_the_field_at_fault() {
    let shield = NEVER_LET_ME_GO.replacen("\"weight\": 1.0", "\"weight\": \"heavy\"", 1);
    assert_ne!(
        shield, NEVER_LET_ME_GO,
        "the shield has a weight of 1.0 to spoil"
    );
    let err = WasmEngine::new(config(&format!(r#"{{"shields": [{shield}]}}"#)))
        .err()
        .expect("a weight that is not a number");
    // The scan module names the shield; the authoring module, which checks the shields
    // readers make, also names the field (docs/WASM_API.md).
    let message = message_of(err);
    assert!(
        message.starts_with("shields[0]: invalid type: string \"heavy\", expected f32"),
        "{message}"
    );
    let err = WasmEngine::new(config(r#"{"sensitivity": "balanced", "colour": 1}"#))
        .err()
        .expect("an unknown config field");
    let message = message_of(err);
    assert!(
        message.starts_with("engine config: unknown field `colour`"),
        "{message}"
    );
}

/// The scan module's `validateShield` gives only its verdict: a valid shield returns
/// nothing (writing it back out is the authoring module's, for the options page's form),
/// and the same object builds an engine.
#[wasm_bindgen_test]
fn a_valid_shield_passes_and_builds_an_engine() {
    let shield = config(NEVER_LET_ME_GO);
    let verdict = validate_shield(shield.clone()).expect("the bundled shield is valid");
    assert!(verdict.is_undefined());
    let config = config("{}");
    Reflect::set(&config, &JsValue::from_str("shields"), &Array::of1(&shield)).expect("set");
    let engine = WasmEngine::new(config).expect("the shield builds an engine");
    assert!(engine.pattern_count() > 0);
}
