//! Keeps the benchmark harness from rotting: the corpus generator and the no-op floor (both
//! examples, which `cargo test` builds) run on a small corpus, and the preprocessor expands it.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::common;

/// An example's binary, built by `cargo test` beside the test binaries (`target/debug/deps/`
/// holds this one, `target/debug/examples/` the examples). `cargo test --test integration`
/// builds no example: there, one may be missing, or left from an older build.
fn example(name: &str) -> PathBuf {
    let deps = std::env::current_exe().unwrap();
    let path = deps
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples")
        .join(name);
    assert!(
        path.exists(),
        "{} is built by `cargo test` (with or without a filter), not by `--test integration`",
        path.display()
    );
    path
}

fn run_with_input(program: &PathBuf, input: &PathBuf) -> Vec<u8> {
    let output = Command::new(program)
        .stdin(Stdio::from(std::fs::File::open(input).unwrap()))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}: {}",
        program.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

#[test]
fn the_generated_corpus_is_expanded_and_the_floor_returns_it_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    common::run(
        Command::new(example("gen-corpus"))
            .args(["--scale", "0.01", "--out"])
            .arg(&out),
        "gen-corpus",
    );
    let input = out.join("input.json");
    let original: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&input).unwrap()).unwrap();
    let chapters = |book: &serde_json::Value| -> Vec<String> {
        book["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|item| item["Chapter"]["content"].as_str().map(str::to_owned))
            .collect()
    };
    let before = chapters(&original[1]);
    assert_eq!(
        before.len(),
        20,
        "10 pattern pages, 3 case studies and 7 guides"
    );
    let directives = before
        .iter()
        .map(|c| c.matches("\n<<").count())
        .sum::<usize>();
    assert!(directives >= 40, "directives of every kind: {directives}");

    let floor: serde_json::Value =
        serde_json::from_slice(&run_with_input(&example("noop-preprocessor"), &input)).unwrap();
    assert_eq!(floor, original[1], "the floor changes nothing");

    let ours = run_with_input(
        &PathBuf::from(env!("CARGO_BIN_EXE_mdbook-patterns")),
        &input,
    );
    let after = chapters(&serde_json::from_slice(&ours).unwrap());
    assert_eq!(after.len(), before.len());
    let left = after
        .iter()
        .map(|c| c.matches("\n<<").count())
        .sum::<usize>();
    assert_eq!(left, 0, "every directive is expanded");
    assert!(
        after.iter().any(|c| c.contains("<svg")),
        "diagrams are drawn"
    );
}
