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

/// The catalog shield the extension ships beside the module, as the content script
/// passes it: JSON text.
const NEVER_LET_ME_GO: &str = include_str!("../shields/never-let-me-go.json");

/// `{"shieldJson": [<Never Let Me Go>], …extra}` as a JavaScript object.
fn never_let_me_go_config(extra: &str) -> JsValue {
    let config = config(&format!("{{{extra}}}"));
    let texts = Array::of1(&JsValue::from_str(NEVER_LET_ME_GO));
    Reflect::set(&config, &JsValue::from_str("shieldJson"), &texts).expect("set");
    config
}

#[wasm_bindgen_test]
fn the_module_bundles_no_book_but_takes_shield_files() {
    let err = WasmEngine::new(config(r#"{"books": ["never-let-me-go"]}"#))
        .err()
        .expect("catalog ids are refused");
    let message = message_of(err);
    assert!(message.contains("shieldJson"), "{message}");
    let engine = WasmEngine::new(never_let_me_go_config("")).expect("engine");
    let books: Array = engine.books().expect("books").dyn_into().expect("array");
    assert_eq!(books.length(), 1);
    assert_eq!(get(&books.get(0), "id"), "never-let-me-go");
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
    let err = WasmEngine::new(config(r#"{"shieldJson": ["{\"schema\": 1}"]}"#))
        .err()
        .expect("an incomplete shield file");
    let message = message_of(err);
    assert!(message.contains("shieldJson[0]"), "{message}");
    let err = validate_shield("{\n\"schema\": 1,\n\"id\": \"Bad\"\n}")
        .err()
        .expect("bad shield");
    let message = message_of(err);
    assert!(message.contains("line"), "{message}");
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
    let message = message_of(err);
    assert!(
        message.starts_with("shields[0]: terms[")
            && message.contains("].weight: expected a number, found the string \"heavy\""),
        "{message}"
    );
    let err = WasmEngine::new(config(r#"{"sensitivity": "balanced", "colour": 1}"#))
        .err()
        .expect("an unknown config field");
    let message = message_of(err);
    assert!(
        message.starts_with("engine config: unknown field \"colour\""),
        "{message}"
    );
}

#[wasm_bindgen_test]
fn a_validated_shield_comes_back_as_written_by_the_core() {
    let shield = validate_shield(NEVER_LET_ME_GO).expect("the bundled shield is valid");
    assert_eq!(get(&shield, "id"), "never-let-me-go");
    let terms = Array::from(&get(&shield, "terms"));
    assert!(terms.length() > 10);
    let weight = get(&terms.get(0), "weight").as_f64().expect("a number");
    assert!((0.1..=3.0).contains(&weight), "{weight}");
    // The object reads back into an engine unchanged.
    let config = config("{}");
    Reflect::set(&config, &JsValue::from_str("shields"), &Array::of1(&shield)).expect("set");
    let engine = WasmEngine::new(config).expect("the written shield builds an engine");
    assert_eq!(Array::from(&engine.books().expect("books")).length(), 1);
}
