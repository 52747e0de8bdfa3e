//! The bundled shields: the books the project ships, compiled into the CLI so it works
//! with no file beside it. The Wasm build compiles in only the cue lexicon (feature
//! `bundled-books` off): the extension ships the book shields as files and passes the
//! tracked ones to the engine.
//!
//! The data lives in `shields/*.json` (one file per book, plus `cues.json`). `build.rs`
//! compacts the book files and turns the cues into a Rust table (every module carries
//! them, and a table is 2 KB smaller than their JSON and needs no parsing); both are
//! validated once, on first use.

use std::sync::OnceLock;

use crate::shield::{Cue, CueLexicon, Shield, ShieldError};

// The source of each bundled shield, by catalog id, in catalog order (`SOURCES`): every
// book file of `shields/`, listed by `build.rs`.
#[cfg(feature = "bundled-books")]
include!(concat!(env!("OUT_DIR"), "/catalog_sources.rs"));

/// Without the `bundled-books` feature (the Wasm build) no book is compiled in.
#[cfg(not(feature = "bundled-books"))]
const SOURCES: &[(&str, &str)] = &[];

// The shared cue lexicon as `CUE_PHRASES` (end to end), `CUE_LENGTHS` (bytes),
// `CUE_WEIGHTS` (hundredths) and `CUES_SCHEMA`, from shields/cues.json.
include!(concat!(env!("OUT_DIR"), "/cues.rs"));

struct Catalog {
    shields: Vec<Shield>,
    cues: CueLexicon,
}

/// The bundled shields, read and validated.
#[cfg(feature = "bundled-books")]
fn bundled() -> Result<Vec<Shield>, ShieldError> {
    let mut shields = Vec::with_capacity(SOURCES.len());
    for (id, source) in SOURCES {
        let shield = Shield::from_json(source, &format!("shields/{id}.json"))?;
        if shield.id != *id {
            return Err(ShieldError {
                source: format!("shields/{id}.json"),
                line: None,
                field: "id".to_string(),
                message: format!(
                    "must match the file name {}, found {}",
                    crate::quoted::Quoted(id),
                    crate::quoted::Quoted(&shield.id)
                ),
            });
        }
        shields.push(shield);
    }
    Ok(shields)
}

/// No book is bundled without the feature.
#[cfg(not(feature = "bundled-books"))]
fn bundled() -> Result<Vec<Shield>, ShieldError> {
    Ok(Vec::new())
}

fn load() -> Result<Catalog, ShieldError> {
    let shields = bundled()?;
    let mut cues = CueLexicon {
        schema: CUES_SCHEMA,
        cues: Vec::with_capacity(CUE_WEIGHTS.len()),
    };
    let mut rest = CUE_PHRASES;
    for (&length, &weight) in CUE_LENGTHS.iter().zip(CUE_WEIGHTS) {
        let (phrase, after) = rest.split_at(usize::from(length));
        rest = after;
        cues.cues.push(Cue {
            phrase: phrase.to_string(),
            weight: f32::from(weight) / 100.0,
        });
    }
    cues.validate().map_err(|(path, message)| ShieldError {
        source: "shields/cues.json".to_string(),
        line: None,
        field: crate::shield::path_string(&path),
        message,
    })?;
    Ok(Catalog { shields, cues })
}

fn catalog() -> &'static Result<Catalog, ShieldError> {
    static CATALOG: OnceLock<Result<Catalog, ShieldError>> = OnceLock::new();
    CATALOG.get_or_init(load)
}

/// The ids of the bundled books, in catalog order.
pub fn ids() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|(id, _)| *id)
}

/// Every bundled shield. Fails only if a bundled file is invalid, which the test
/// suite rules out; callers still get an error, not a panic.
pub fn shields() -> Result<&'static [Shield], ShieldError> {
    // Known when compiling: a build without books (the Wasm modules) then carries no
    // code to read, validate or copy them.
    if SOURCES.is_empty() {
        return Ok(&[]);
    }
    catalog()
        .as_ref()
        .map(|c| c.shields.as_slice())
        .map_err(Clone::clone)
}

/// The bundled shield with this id.
pub fn shield(id: &str) -> Result<Option<&'static Shield>, ShieldError> {
    Ok(shields()?.iter().find(|s| s.id == id))
}

/// The shared lexicon of generic spoiler cues.
pub fn cues() -> Result<&'static CueLexicon, ShieldError> {
    catalog().as_ref().map(|c| &c.cues).map_err(Clone::clone)
}

#[cfg(all(test, feature = "bundled-books"))]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_shield_is_valid_and_substantial() {
        let shields = shields().unwrap();
        // Every book file of shields/ is compiled in (build.rs lists the directory), and
        // issue 16 asks for a catalog of at least 40 books.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("shields");
        let files = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| name.ends_with(".json") && name != "cues.json")
            .count();
        assert_eq!(
            shields.len(),
            files,
            "one compiled book per file of shields/"
        );
        assert!(shields.len() >= 40, "{} books", shields.len());
        for shield in shields {
            assert!(
                shield.entities.len() >= 10,
                "{}: {} entities",
                shield.id,
                shield.entities.len()
            );
            // The plot is in its events (30–60 a book) and its premise; terms add the
            // words readers use for the big reveals.
            assert!(
                shield.terms.len() >= 10 && shield.events.len() >= 30 && shield.premise.len() >= 6,
                "{}: {} terms, {} events, {} premise items",
                shield.id,
                shield.terms.len(),
                shield.events.len(),
                shield.premise.len()
            );
            assert!(
                shield.terms.iter().all(|t| t.revealed.is_some()),
                "{}: every catalog term says where it is revealed",
                shield.id
            );
        }
        assert!(cues().unwrap().cues.len() >= 40);
    }

    #[test]
    fn the_compiled_cues_are_those_of_the_file() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("shields");
        let text = std::fs::read_to_string(dir.join("cues.json")).unwrap();
        let file = CueLexicon::from_json(&text, "shields/cues.json").unwrap();
        assert_eq!(cues().unwrap(), &file);
        assert!(file.cues.len() > 100);
    }

    #[test]
    fn the_files_people_edit_validate_too() {
        // The bundled copies are compacted; errors in the originals must still name a line.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("shields");
        for (id, _) in SOURCES {
            let path = dir.join(format!("{id}.json"));
            let text = std::fs::read_to_string(&path).unwrap();
            let shield = Shield::from_json(&text, &path.display().to_string()).unwrap();
            // What the CLI and the options page write reads back as the same shield.
            let again = Shield::from_json(&shield.to_json(), "written").unwrap();
            assert_eq!(again, shield, "{id} round-trips");
        }
    }
}
