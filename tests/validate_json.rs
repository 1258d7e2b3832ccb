//! `validate --format json`: a stable array for CI, on stdout, with every problem at once.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn validate_json(dir: &Path) -> (i32, Vec<Value>) {
    let output = Command::new(env!("CARGO_BIN_EXE_mdbook-patterns"))
        .args(["validate", "--data", "data", "--format", "json"])
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    let items: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    let items = items.as_array().expect("an array").clone();
    (output.status.code().unwrap_or(-1), items)
}

#[test]
fn five_independent_errors_are_all_reported_with_their_places() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/data-errors/five-independent-errors");
    let (code, items) = validate_json(&dir);
    assert_eq!(code, 1);
    let errors: Vec<&Value> = items.iter().filter(|i| i["severity"] == "error").collect();
    assert_eq!(errors.len(), 5, "{items:#?}");
    let files: std::collections::BTreeSet<&str> =
        errors.iter().filter_map(|e| e["file"].as_str()).collect();
    assert!(
        files.len() >= 2,
        "the errors are spread over files: {files:?}"
    );
    for item in &items {
        let keys: Vec<&String> = item.as_object().expect("an object").keys().collect();
        assert_eq!(
            keys,
            [
                "severity", "file", "line", "column", "path", "message", "help"
            ],
            "a stable shape"
        );
        assert!(item["line"].as_u64().is_some_and(|l| l >= 1), "{item}");
        assert!(item["column"].as_u64().is_some_and(|c| c >= 1), "{item}");
        assert!(
            item["path"].is_string() && item["message"].is_string(),
            "{item}"
        );
    }
}

#[test]
fn clean_data_gives_an_empty_array_and_exit_zero() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("a data folder");
    std::fs::write(
        data.join("patterns.json"),
        r#"{ "schema_version": "1.0",
             "patterns": { "cdn": { "name": "CDN", "tier": "gold", "category": "edge", "summary": "Serve from the edge." } },
             "recipe": { "core": [ { "pattern": "cdn" } ] } }"#,
    )
    .expect("a data file");
    let (code, items) = validate_json(dir.path());
    assert_eq!((code, items.len()), (0, 0), "{items:#?}");
}

/// Relations' warnings (a stack with its steps that holds two conflicting patterns, an option
/// that holds a pattern but not what it requires, a tree outcome that holds two conflicting
/// patterns, a symmetric relation declared twice) are in the JSON as warnings, with their places,
/// and `validate` passes.
#[test]
fn relation_warnings_are_reported_and_pass() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data-errors");
    for (fixture, count, words) in [
        (
            "177-symmetric-relation-declared-on-both-sides",
            2,
            "is declared on both patterns",
        ),
        (
            "178-conflicting-patterns-in-a-stack",
            2,
            "option \"large\" of domain \"payments\" holds",
        ),
        (
            "179-conflicting-patterns-in-a-tree-outcome",
            1,
            "outcome \"eventual\" of the decision tree holds",
        ),
        (
            "180-stacked-pattern-missing-its-requirement",
            1,
            "which requires \"idempotency\"",
        ),
    ] {
        let (code, items) = validate_json(&fixtures.join(fixture));
        assert_eq!((code, items.len()), (0, count), "{fixture}: {items:#?}");
        for item in &items {
            assert_eq!(item["severity"], "warning", "{fixture}: {item}");
            assert!(item["line"].as_u64().is_some_and(|l| l > 1), "{item}");
            assert!(item["column"].as_u64().is_some_and(|c| c > 1), "{item}");
            assert!(item["help"].is_string(), "{item}");
        }
        assert!(
            items[0]["message"]
                .as_str()
                .is_some_and(|m| m.contains(words)),
            "{fixture}: {items:#?}"
        );
    }
}
