//! Golden files: what the code produces, compared with what is committed beside the fixtures.
//!
//! Every golden comparison goes through [`check`] or [`check_tree`]. With `BLESS=1` in the
//! environment they write what the code produces in place of the golden file instead (review
//! the diff before committing it): `BLESS=1 cargo test` rewrites every golden file.

use std::path::Path;
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
