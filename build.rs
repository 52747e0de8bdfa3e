//! Compacts the bundled shields (`shields/*.json`) into `$OUT_DIR/shields/` so that the
//! binary and the Wasm module carry their data without the indentation people need to
//! edit them (a third of their size). A file that does not parse is copied as it is, so
//! the library's own validation reports it at run time and in `cargo test`.

use std::path::Path;
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=shields");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("shields");
    fs::create_dir_all(&out).expect("create OUT_DIR/shields");
    for entry in fs::read_dir("shields").expect("shields/ beside Cargo.toml") {
        let path = entry.expect("readable shields/ entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("readable shield file");
        let compact = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|value| serde_json::to_string(&value).ok())
            .unwrap_or(text);
        let name = path.file_name().expect("a file name");
        fs::write(out.join(name), compact).expect("write compact shield");
    }
}
