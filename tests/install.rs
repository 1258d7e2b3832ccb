//! `mdbook-patterns install` on a book cloned from someone else: whatever the book holds, install
//! writes only plain files inside it, and a failure leaves the book as it was.

use std::collections::BTreeMap;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{self, copy_book, files_below};

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-patterns");

const PRECIOUS: &str = "a file outside the book that install must not touch\n";

fn install(book: &Path) -> Output {
    Command::new(BIN)
        .arg("install")
        .arg(book)
        .output()
        .expect("the binary runs")
}

/// The fixture book, copied into `dir/book`, with an old wizard script, so that install has
/// something to write.
fn stale_book(dir: &Path) -> PathBuf {
    let book = dir.join("book");
    copy_book(&common::root().join("tests/fixtures/books/basic"), &book);
    std::fs::write(
        book.join("mdbook-patterns/wizard.js"),
        "/* mdbook-patterns 0.0.1: an old copy */\n",
    )
    .unwrap();
    book
}

/// Every file below `dir` (links followed) with its contents.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files_below(dir)
        .into_iter()
        .map(|file| {
            let contents = std::fs::read(dir.join(&file)).unwrap_or_default();
            (file, contents)
        })
        .collect()
}

/// The files that differ between two snapshots: changed, added or removed.
fn changed(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
) -> Vec<PathBuf> {
    before
        .keys()
        .chain(after.keys())
        .filter(|file| before.get(*file) != after.get(*file))
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Runs install on `book`, expecting it to refuse with every part of `message`, and to have
/// changed nothing below `dir` (the book and whatever lies around it).
fn assert_refused(dir: &Path, book: &Path, message: &[&str]) {
    let before = snapshot(dir);
    let output = install(book);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let changed = changed(&before, &snapshot(dir));
    assert!(changed.is_empty(), "changed {changed:?}:\n{stderr}");
    for part in message {
        assert!(stderr.contains(part), "{part:?} not in:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// The fixture book in `dir/book` with its script replaced by a symbolic link to `target`.
fn book_with_linked_script(dir: &Path, target: &Path) -> (PathBuf, PathBuf) {
    let book = stale_book(dir);
    let script = book.join("mdbook-patterns/wizard.js");
    std::fs::remove_file(&script).unwrap();
    symlink(target, &script).unwrap();
    (book, script)
}

/// The script, linked to a file outside the book: refused, naming the link, where it points and
/// what to do, and the file is left alone. The old code wrote through the link.
#[test]
fn install_refuses_a_script_linked_outside_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.js");
    std::fs::write(&victim, PRECIOUS).unwrap();
    let (book, script) = book_with_linked_script(dir.path(), &victim);
    assert_refused(
        dir.path(),
        &book,
        &[
            &format!(
                "error: {} is a symbolic link to {}; install writes only plain files inside the \
                 book",
                script.display(),
                victim.display()
            ),
            "remove the link and run install again",
        ],
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), PRECIOUS);
}

/// The script, linked to a file that does not exist: the old code created it, outside the book.
#[test]
fn install_refuses_a_dangling_link() {
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("created-by-install.js");
    let (book, script) = book_with_linked_script(dir.path(), &nowhere);
    assert_refused(
        dir.path(),
        &book,
        &[&format!(
            "error: {} is a symbolic link to {}",
            script.display(),
            nowhere.display()
        )],
    );
    assert!(!nowhere.exists(), "nothing created outside the book");
}

/// Even a link that stays inside the book is refused (see `src/book_files.rs` for why): the old
/// code overwrote the chapter it points to.
#[test]
fn install_refuses_a_link_inside_the_book_too() {
    let dir = tempfile::tempdir().unwrap();
    let (book, script) = book_with_linked_script(dir.path(), Path::new("../src/SUMMARY.md"));
    assert_refused(
        dir.path(),
        &book,
        &[&format!(
            "error: {} is a symbolic link to ../src/SUMMARY.md",
            script.display()
        )],
    );
}

/// The assets' folder, linked to a folder outside the book: the old code wrote into it.
#[test]
fn install_refuses_an_assets_folder_linked_outside_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let book = stale_book(dir.path());
    let outside = dir.path().join("outside");
    let folder = book.join("mdbook-patterns");
    std::fs::rename(&folder, &outside).unwrap();
    std::fs::write(outside.join("wizard.js"), PRECIOUS).unwrap();
    symlink(&outside, &folder).unwrap();
    assert_refused(
        dir.path(),
        &book,
        &[
            &format!(
                "error: {} is a symbolic link to {}",
                folder.display(),
                outside.display()
            ),
            "remove the link and run install again",
        ],
    );
    assert_eq!(
        std::fs::read_to_string(outside.join("wizard.js")).unwrap(),
        PRECIOUS
    );
}

/// book.toml, linked to a file outside the book that install would edit: the old code edited it
/// (and wrote the assets).
#[test]
fn install_refuses_a_book_toml_linked_outside_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir(&book).unwrap();
    let victim = dir.path().join("victim.toml");
    std::fs::write(&victim, "# a file outside the book\n[book]\n").unwrap();
    symlink(&victim, book.join("book.toml")).unwrap();
    assert_refused(
        dir.path(),
        &book,
        &[
            &format!(
                "error: {} is a symbolic link to {}",
                book.join("book.toml").display(),
                victim.display()
            ),
            "replace the link with a copy of the file it points to and run install again",
        ],
    );
    assert!(
        !book.join("mdbook-patterns").exists(),
        "no assets written either"
    );
}

/// A book.toml that is not TOML stops install before it writes anything; the old code wrote the
/// assets first.
#[test]
fn install_changes_nothing_when_book_toml_is_not_toml() {
    let dir = tempfile::tempdir().unwrap();
    let book = stale_book(dir.path());
    let toml = book.join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, text.replace("[output.html]", "[output.html")).unwrap();
    let line = text
        .lines()
        .position(|l| l == "[output.html]")
        .expect("the fixture has [output.html]")
        + 1;
    assert_refused(
        dir.path(),
        &book,
        &[&format!(
            "error: {}:{line}:13: not valid TOML: ",
            toml.display()
        )],
    );
}

/// A folder where an asset should be (a write that fails even for root) is found before
/// anything is written: the book is unchanged and no temporary file is left. The old code had
/// already replaced the script when it failed on the stylesheet.
#[test]
fn install_changes_nothing_when_a_file_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let book = stale_book(dir.path());
    let toml = book.join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    // Without the watched folder, book.toml needs an edit too.
    std::fs::write(
        &toml,
        text.replace("extra-watch-dirs", "# extra-watch-dirs"),
    )
    .unwrap();
    let stylesheet = book.join("mdbook-patterns/wizard.css");
    std::fs::remove_file(&stylesheet).unwrap();
    std::fs::create_dir(&stylesheet).unwrap();
    std::fs::write(stylesheet.join("keep.txt"), "a file in the way\n").unwrap();
    assert_refused(
        dir.path(),
        &book,
        &[
            &format!("error: {} is a folder, not a file", stylesheet.display()),
            "move it away and run install again",
        ],
    );

    // The assets' folder is a file.
    let dir = tempfile::tempdir().unwrap();
    let book = stale_book(dir.path());
    let folder = book.join("mdbook-patterns");
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::write(&folder, "not a folder\n").unwrap();
    assert_refused(
        dir.path(),
        &book,
        &[&format!("error: {} is not a folder", folder.display())],
    );
}

/// The files install replaces keep their permissions; new ones get the usual ones (those of a
/// file the test writes itself), not a temporary file's owner-only mode.
#[test]
fn install_keeps_permissions_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let book = stale_book(dir.path());
    let script = book.join("mdbook-patterns/wizard.js");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::remove_file(book.join("mdbook-patterns/wizard.css")).unwrap();
    let output = install(&book);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode(&script), 0o640);
    let probe = dir.path().join("probe");
    std::fs::write(&probe, "").unwrap();
    assert_eq!(mode(&book.join("mdbook-patterns/wizard.css")), mode(&probe));
    let mut files = files_below(&book.join("mdbook-patterns"));
    files.sort();
    assert_eq!(
        files,
        [Path::new("wizard.css"), Path::new("wizard.js")],
        "no temporary files"
    );
    let again = install(&book);
    assert_eq!(
        String::from_utf8_lossy(&again.stderr),
        "already installed: nothing to do\n"
    );
}
