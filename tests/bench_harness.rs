//! Keeps the benchmark harness from rotting: the corpus generator and the no-op floor (both
//! examples, which `cargo test` builds) run on a small corpus, and the preprocessor expands it;
//! the corpus with relations (`--relations`) validates clean and differs only in its data.

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

/// A corpus at scale 0.05 (50 patterns), with or without relations: at 0.01 every one of its
/// 10 patterns stands in a stack, where none may require another that the stack lacks.
fn generate(out: &std::path::Path, relations: bool) {
    let mut command = Command::new(example("gen-corpus"));
    command.args(["--scale", "0.05", "--out"]).arg(out);
    if relations {
        command.arg("--relations");
    }
    common::run(&mut command, "gen-corpus");
}

fn json_of(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn the_corpus_with_relations_validates_clean_and_differs_only_in_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, related) = (dir.path().join("plain"), dir.path().join("related"));
    generate(&plain, false);
    generate(&related, true);

    // The chapters are the same: the two corpora time what the relations cost.
    let input = |corpus: &std::path::Path| json_of(&corpus.join("input.json"))[1].clone();
    assert_eq!(input(&plain), input(&related));

    // The data too, but for the version and the relations.
    let mut plain_data = json_of(&plain.join("data/handbook.json"));
    let mut related_data = json_of(&related.join("data/handbook.json"));
    assert_eq!(plain_data["schema_version"], "1.0");
    assert_eq!(related_data["schema_version"], "1.1");
    let mut kinds = std::collections::BTreeMap::new();
    let mut count = 0;
    for pattern in related_data["patterns"]
        .as_object_mut()
        .unwrap()
        .values_mut()
    {
        if let Some(relations) = pattern.as_object_mut().unwrap().remove("relations") {
            for relation in relations.as_array().unwrap() {
                *kinds
                    .entry(relation["kind"].as_str().unwrap().to_owned())
                    .or_insert(0) += 1;
                count += 1;
            }
        }
    }
    assert!(count >= 100, "most patterns declare 3 relations: {count}");
    assert_eq!(
        kinds.keys().collect::<Vec<_>>(),
        [
            "alternative-to",
            "complements",
            "conflicts-with",
            "requires"
        ],
        "every kind: {kinds:?}"
    );
    plain_data["schema_version"] = "1.1".into();
    related_data["schema_version"] = "1.1".into();
    assert_eq!(plain_data, related_data);

    // Valid, without a warning.
    let ours = PathBuf::from(env!("CARGO_BIN_EXE_mdbook-patterns"));
    let output = Command::new(&ours)
        .arg("validate")
        .arg("--data")
        .arg(related.join("data"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{said}");
    assert!(!said.contains("warning"), "{said}");

    // Expanded, the cards show them.
    let expanded = run_with_input(&ours, &related.join("input.json"));
    let expanded = String::from_utf8(expanded).unwrap();
    for label in ["Requires", "Required by", "Conflicts with"] {
        assert!(expanded.contains(&format!("**{label}:**")), "{label}");
    }
}
