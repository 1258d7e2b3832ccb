//! Golden files: what the code produces, compared with what is committed beside the fixtures.
//!
//! Every golden comparison goes through [`check`] or [`check_tree`]. With `BLESS=1` in the
//! environment they write what the code produces in place of the golden file instead (review
//! the diff before committing it): `BLESS=1 cargo test golden::wrapped_prose` rewrites one
//! chapter's output, `BLESS=1 cargo test` every golden file.
//!
//! A folder of fixtures gets one test per fixture, made by [`cases!`], so that each can be run
//! and blessed on its own; [`assert_one_test_per_fixture`] keeps the list and the folder in step.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Whether golden files are to be rewritten: `BLESS` is set, and not to `0` or nothing.
pub fn blessing() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Two tests may bless the same golden folder (both builds of the fixture book do): one at a
/// time, so that neither reads the other's half-written files.
static BLESSING: Mutex<()> = Mutex::new(());

/// `actual` is the text of the golden file `path`; under `BLESS`, it is written there.
#[track_caller]
pub fn check(path: &Path, actual: &str) {
    if blessing() {
        let _one_at_a_time = BLESSING.lock().unwrap_or_else(|e| e.into_inner());
        std::fs::write(path, actual).unwrap_or_else(|e| panic!("{}: {e}", shown(path)));
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}\n(`BLESS=1 cargo test` writes it from what the code produces)",
            shown(path)
        )
    });
    if expected != actual {
        panic!(
            "{} differs from what the code produces (`BLESS=1 cargo test` rewrites it; review \
             the diff):\n{}",
            shown(path),
            difference(&expected, actual)
        );
    }
}

/// The golden folder `expected` holds the files below `actual`, each with the same bytes, and no
/// other; under `BLESS`, it is made so.
#[track_caller]
pub fn check_tree(expected: &Path, actual: &Path) {
    let files = super::files_below(actual);
    if blessing() {
        let _one_at_a_time = BLESSING.lock().unwrap_or_else(|e| e.into_inner());
        if expected.exists() {
            for old in super::files_below(expected) {
                if !files.contains(&old) {
                    std::fs::remove_file(expected.join(old)).unwrap();
                }
            }
        }
        for file in &files {
            let target = expected.join(file);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(actual.join(file), target).unwrap();
        }
        return;
    }
    assert_eq!(
        files,
        super::files_below(expected),
        "{}: the same files (`BLESS=1 cargo test` rewrites the folder; review the diff)",
        shown(expected)
    );
    for file in files {
        let produced = std::fs::read_to_string(actual.join(&file)).unwrap();
        check(&expected.join(file), &produced);
    }
}

/// `path` as the repository names it.
fn shown(path: &Path) -> String {
    path.strip_prefix(super::root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The lines where `actual` departs from `expected`: the first and last lines that differ, with
/// three lines of context, `-` for the golden file's and `+` for the code's.
fn difference(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.split_inclusive('\n').collect();
    let new: Vec<&str> = actual.split_inclusive('\n').collect();
    let same_start = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let same_end = old[same_start..]
        .iter()
        .rev()
        .zip(new[same_start..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let context = 3;
    let from = same_start.saturating_sub(context);
    let mut out = format!("@@ line {} @@\n", same_start + 1);
    let line =
        |mark: char, text: &str| format!("{mark} {}\n", text.strip_suffix('\n').unwrap_or(text));
    out.extend(old[from..same_start].iter().map(|l| line(' ', l)));
    out.extend(
        old[same_start..old.len() - same_end]
            .iter()
            .map(|l| line('-', l)),
    );
    out.extend(
        new[same_start..new.len() - same_end]
            .iter()
            .map(|l| line('+', l)),
    );
    let after = old.len() - same_end;
    out.extend(
        old[after..(after + context).min(old.len())]
            .iter()
            .map(|l| line(' ', l)),
    );
    if expected.ends_with('\n') != actual.ends_with('\n') {
        out.push_str("(one ends with a line break, the other does not)\n");
    }
    out
}

/// The test that stands for the fixture `name` (a file's stem or a folder's name): each run of
/// characters that cannot be in a Rust name becomes one `_`, and a leading digit gets one before
/// it (`43-not-utf8` is `_43_not_utf8`, `guides__deep.plain` is `guides_deep_plain`).
pub fn test_name(name: &str) -> String {
    let mut test = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            test.push(c);
        } else if !test.ends_with('_') {
            test.push('_');
        }
    }
    if test.starts_with(|c: char| c.is_ascii_digit()) {
        test.insert(0, '_');
    }
    test
}

/// The fixture of `fixtures` (each named by the last part of its path, less `suffix`) whose test
/// is `test`.
#[track_caller]
pub fn fixture_of(test: &str, fixtures: &[PathBuf], suffix: &str) -> PathBuf {
    let found: Vec<&PathBuf> = fixtures
        .iter()
        .filter(|path| test_name(&fixture_name(path, suffix)) == test)
        .collect();
    match found[..] {
        [one] => one.clone(),
        [] => panic!("no fixture for the test {test}: rename the test or add the fixture"),
        _ => panic!("the test {test} stands for more than one fixture: {found:?}"),
    }
}

fn fixture_name(path: &Path, suffix: &str) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    name.strip_suffix(suffix).unwrap_or(&name).to_owned()
}

/// Every fixture of `fixtures` has its test in `tests` (the names [`cases!`] made), and every test
/// its fixture.
#[track_caller]
pub fn assert_one_test_per_fixture(fixtures: &[PathBuf], suffix: &str, tests: &[&str]) {
    let mut named: Vec<String> = fixtures
        .iter()
        .map(|path| test_name(&fixture_name(path, suffix)))
        .collect();
    named.sort();
    let before = named.len();
    named.dedup();
    assert_eq!(before, named.len(), "two fixtures have the same test name");
    let untested: Vec<&String> = named
        .iter()
        .filter(|n| !tests.contains(&n.as_str()))
        .collect();
    let unfounded: Vec<&&str> = tests
        .iter()
        .filter(|t| !named.contains(&t.to_string()))
        .collect();
    assert!(
        untested.is_empty() && unfounded.is_empty(),
        "add each fixture's test to the module's `cases!` list, and take out the tests whose \
         fixture is gone\nfixtures without a test: {untested:?}\ntests without a fixture: \
         {unfounded:?}"
    );
}

/// One `#[test]` for each name, which runs `$run(name)`, and `CASES`, the names, for
/// [`assert_one_test_per_fixture`]:
///
/// ```ignore
/// cases!(expand_case; cards, crlf, wrapped_prose);
/// ```
macro_rules! cases {
    ($run:path; $($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                $run(stringify!($name));
            }
        )*

        /// The fixtures that have a test, by the test's name.
        const CASES: &[&str] = &[$(stringify!($name)),*];
    };
}
pub(crate) use cases;

/// The `.args` files of `dir`, sorted: each one command line of a golden command case.
pub fn command_cases(dir: &Path) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "args"))
        .collect();
    cases.sort();
    cases
}

/// A command case: `case` (`NAME.args`) holds one command line after the binary's name, run
/// from the repository root; `NAME.out` what it prints (exit code, stdout, stderr).
pub fn command_case(case: &Path) {
    let line = std::fs::read_to_string(case).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_mdbook-patterns"))
        .args(shell_words(line.trim()))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let actual = format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    check(&case.with_extension("out"), &actual);
}

/// Splits a command line on spaces, keeping "double-quoted words" together.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}
