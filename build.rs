//! Compacts the bundled shields (`shields/*.json`) into `$OUT_DIR/shields/` so that the
//! binary and the Wasm module carry their data without the indentation people need to
//! edit them (a third of their size). A file that does not parse is copied as it is, so
//! the library's own validation reports it at run time and in `cargo test`.
//!
//! The cue lexicon (`shields/cues.json`), which every module carries, becomes a Rust
//! table, `$OUT_DIR/cues.rs`; the library validates it on first use. A cue file that does
//! not have the lexicon's shape stops the build with a message naming the cue.

use std::path::Path;
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=shields");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    write_cues(Path::new(&out_dir));
    let out = Path::new(&out_dir).join("shields");
    fs::create_dir_all(&out).expect("create OUT_DIR/shields");
    for entry in fs::read_dir("shields").expect("shields/ beside Cargo.toml") {
        let path = entry.expect("readable shields/ entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") || path.ends_with("cues.json")
        {
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

/// Writes `CUES_SCHEMA` and `CUES: &[(&str, f32)]` from shields/cues.json.
fn write_cues(out: &Path) {
    let fail = |what: String| -> ! { panic!("shields/cues.json: {what}; see docs/SHIELDS.md") };
    let text = fs::read_to_string("shields/cues.json").unwrap_or_else(|e| fail(e.to_string()));
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| fail(format!("not valid JSON ({e})")));
    let schema = value["schema"]
        .as_u64()
        .unwrap_or_else(|| fail("`schema` must be a whole number".to_string()));
    let cues = value["cues"]
        .as_array()
        .unwrap_or_else(|| fail("`cues` must be an array".to_string()));
    let mut rust = format!("const CUES_SCHEMA: u32 = {schema};\nconst CUES: &[(&str, f32)] = &[\n");
    for (i, cue) in cues.iter().enumerate() {
        let (Some(phrase), Some(weight)) = (cue["phrase"].as_str(), cue["weight"].as_f64()) else {
            fail(format!(
                "cues[{i}] needs a `phrase` string and a `weight` number"
            ))
        };
        rust.push_str(&format!("    ({phrase:?}, {:?}),\n", weight as f32));
    }
    rust.push_str("];\n");
    fs::write(out.join("cues.rs"), rust).expect("write cues.rs");
}
