//! Shield parsing and validation of arbitrary bytes: a shield or an error with a
//! message, never a panic; a shield that parses builds an engine or explains why not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spoiler_shield::shield::Shield;
use spoiler_shield::Engine;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Shield::from_json(text, "fuzz") {
        Ok(shield) => {
            let round_trip = Shield::from_json(&shield.to_json(), "round trip")
                .expect("a valid shield's own JSON is valid");
            assert_eq!(round_trip, shield);
            if let Ok(engine) = Engine::builder().shield(shield).build() {
                engine.classify_page(&["a page about the book", text]);
            }
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
});
