//! Golden tests for bad data: each folder of `tests/fixtures/data-errors/` holds a `data/` folder
//! and `expected.txt`, what `mdbook-patterns validate --data data` prints there (exit code, then
//! stderr). Run with `BLESS=1` to rewrite the expected files, then review the diff.

use std::path::Path;
use std::process::Command;

fn fixtures() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data-errors");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("the fixtures folder exists")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn validate(dir: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_mdbook-patterns"))
        .args(["validate", "--data", "data"])
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    assert!(output.stdout.is_empty(), "human output goes to stderr");
    format!(
        "exit: {}\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn every_bad_input_is_reported_exactly_where_it_is() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut mismatches = Vec::new();
    let fixtures = fixtures();
    for dir in &fixtures {
        let actual = validate(dir);
        let expected_path = dir.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &actual).expect("expected.txt is writable");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            mismatches.push(format!(
                "== {}\n-- expected:\n{expected}\n-- actual:\n{actual}",
                dir.display()
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(
        fixtures.len() >= 25,
        "expected at least 25 bad-input fixtures, found {}",
        fixtures.len()
    );
}

#[test]
fn every_fixture_fails_with_at_least_one_error() {
    for dir in fixtures() {
        let actual = validate(&dir);
        assert!(
            actual.starts_with("exit: 1\n"),
            "{}: {actual}",
            dir.display()
        );
        assert!(actual.contains("error"), "{}: {actual}", dir.display());
    }
}
