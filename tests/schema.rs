//! The JSON Schema printed by `mdbook-patterns schema`: committed for editors, accepted by a real
//! validator for the handbook's data, and strict enough to reject broken data.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::common::golden;

fn printed_schema() -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_mdbook-patterns"))
        .arg("schema")
        .output()
        .expect("the binary runs");
    assert!(output.status.success());
    String::from_utf8(output.stdout).expect("the schema is UTF-8")
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&printed_schema()).expect("the schema is JSON");
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "the schema declares draft 2020-12"
    );
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("a readable entry").path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

#[test]
fn committed_schema_is_the_printed_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Stale, it is rewritten by `BLESS=1 cargo test schema::` as by
    // `cargo run -- schema > schema/patterns-data.schema.json`.
    golden::check(
        &root.join("schema/patterns-data.schema.json"),
        &printed_schema(),
    );
}

#[test]
fn every_handbook_data_file_follows_the_schema() {
    let validator = validator();
    let mut files = Vec::new();
    json_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("patterns-data"),
        &mut files,
    );
    assert!(files.len() >= 3, "the handbook's data files are found");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable data file");
        let instance: Value = serde_json::from_str(&text).expect("a JSON data file");
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
}

#[test]
fn the_schema_rejects_broken_data() {
    let validator = validator();
    let pattern = json!({ "name": "CDN", "tier": "gold", "category": "edge", "summary": "Serve from the edge." });
    let good = json!({ "schema_version": "1.0", "patterns": { "cdn": pattern } });
    assert!(validator.is_valid(&good), "a minimal valid file passes");

    let broken = [
        ("unknown top-level key", json!({ "paterns": {} })),
        (
            "unknown pattern key",
            json!({ "patterns": { "cdn": { "naem": "CDN", "tier": "gold", "category": "edge", "summary": "s" } } }),
        ),
        (
            "unknown tier",
            json!({ "patterns": { "cdn": { "name": "CDN", "tier": "platinum", "category": "edge", "summary": "s" } } }),
        ),
        (
            "missing name",
            json!({ "patterns": { "cdn": { "tier": "gold", "category": "edge", "summary": "s" } } }),
        ),
        ("domains not a list", json!({ "domains": { "id": "x" } })),
        (
            "stack row with a tier",
            json!({ "domains": [ { "id": "d", "title": "D", "summary": "s", "question": "q", "options": [ { "id": "o", "title": "O", "stack": [ { "pattern": "cdn", "why": "w", "tier": "gold" } ] } ] } ] }),
        ),
        (
            "evidence of the wrong shape",
            json!({ "domains": [ { "id": "d", "title": "D", "summary": "s", "question": "q", "options": [ { "id": "o", "title": "O", "stack": [ { "pattern": "cdn", "why": "w", "evidence": { "case_study": "x" } } ] } ] } ] }),
        ),
        (
            "tree answer without next",
            json!({ "decision_tree": { "start": "a", "nodes": { "a": { "question": "Q?", "answers": [ { "label": "Yes" } ] } } } }),
        ),
        (
            "recipe avoid without instead",
            json!({ "recipe": { "avoid": [ { "pattern": "polling" } ] } }),
        ),
    ];
    for (what, instance) in broken {
        assert!(!validator.is_valid(&instance), "the schema accepts {what}");
    }
}
