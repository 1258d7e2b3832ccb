//! `mdbook-patterns diff OLD NEW`: golden cases (`tests/fixtures/diff/cases/NAME.args`, run from
//! the repository root, against `NAME.out`) on two versions of a data set whose second one
//! renames a file, reorders entries, options, stack rows, answers and tree nodes, and moves a
//! relation to its other side — none of which is a change — besides real changes; and a check
//! that each tier move a history records is the move the diff finds.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::common::golden::{self, cases};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn case_files() -> Vec<PathBuf> {
    golden::command_cases(&root().join("tests/fixtures/diff/cases"))
}

cases!(output_case;
    changes,
    changes_json,
    invalid_side,
    no_change,
    reversed,
);

#[test]
fn every_case_has_its_test() {
    golden::assert_one_test_per_fixture(&case_files(), ".args", CASES);
}

fn output_case(test: &str) {
    golden::command_case(&golden::fixture_of(test, &case_files(), ".args"));
}

/// The history fixture's data as it was before each pattern's last recorded move: that entry
/// taken out and the tier before it put back (a replacement the move brought, taken out too).
/// Then one more tier changed with no history entry. The diff must find exactly those moves,
/// each recorded by the entry taken out, and the unrecorded one without a record.
#[test]
fn each_move_a_history_records_is_the_move_the_diff_finds() {
    let new_dir = root().join("tests/fixtures/books/history/data");
    let new: Value =
        serde_json::from_str(&std::fs::read_to_string(new_dir.join("patterns.json")).unwrap())
            .unwrap();
    let mut old = new.clone();
    let mut expected = Vec::new();
    for (id, pattern) in old["patterns"].as_object_mut().unwrap() {
        let Some(history) = pattern.get_mut("history").and_then(Value::as_array_mut) else {
            continue;
        };
        let n = history.len();
        if n < 2 || history[n - 1]["tier"] == history[n - 2]["tier"] {
            continue;
        }
        let last = history.pop().unwrap();
        let before = history[n - 2]["tier"].clone();
        expected.push(json!({
            "pattern": id, "from": before, "to": last["tier"],
            "date": last["date"], "note": last.get("note").cloned().unwrap_or(Value::Null),
        }));
        pattern["tier"] = before;
        if let Some(map) = pattern.as_object_mut() {
            map.remove("replaced_by");
        }
    }
    assert!(
        expected.len() >= 3,
        "the fixture records moves: {expected:#?}"
    );
    // Retry goes from silver (old) to gold (new) without a history entry.
    old["patterns"]["retry"]["tier"] = json!("silver");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("patterns.json"), old.to_string()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_mdbook-patterns"))
        .arg("diff")
        .arg(dir.path())
        .arg(&new_dir)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let diff: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<Value> = diff["tier_moves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            json!({
                "pattern": m["pattern"], "from": m["from"], "to": m["to"],
                "date": m["recorded"]["date"], "note": m["recorded"]["note"],
            })
        })
        .collect();
    let mut expected = expected;
    expected.push(
        json!({ "pattern": "retry", "from": "silver", "to": "gold", "date": null, "note": null }),
    );
    expected.sort_by_key(|m| m["pattern"].as_str().unwrap().to_owned());
    assert_eq!(found, expected);
}
