//! The same book gives the same bytes: built twice, and built from its data split into other
//! files, read in another order. And a build never writes into `src/`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use crate::common;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-patterns");

fn build(book: &Path, out: &Path) -> std::process::Output {
    Command::new(BIN)
        .env("SOURCE_DATE_EPOCH", crate::common::HANDBOOK_DAY)
        .arg("build")
        .arg(book)
        .env("MDBOOK_BUILD__BUILD_DIR", out)
        .output()
        .expect("the binary runs")
}

/// The handbook built twice is the same to the byte, every file; and so is the handbook built
/// from its data split otherwise, so that the loader meets the entries in another order.
///
/// The loader reads the data files in sorted path order (`src/load.rs`), so the order a file
/// system lists them in never reaches it, and no test can vary that order portably. What the
/// split varies is the order the loader merges entries in: every pattern and case study goes to
/// a file of its own, named so that sorted order reads them in the reverse of their order in the
/// original files. Patterns and case studies are maps, and no page may show the order they were
/// met in: a merge that kept it for patterns (an insertion-ordered map, tried in a scratch copy)
/// writes another `print.html`, and this test fails. (No page lists every case study yet, so for
/// them it guards what is to come.) Lists (domains, combinations) keep file order by design,
/// and stay in their files.
#[test]
fn the_handbook_is_the_same_built_twice_and_from_its_data_split_into_other_files() {
    let first = common::built_handbook();
    assert!(first.join("wizard.html").is_file(), "the handbook is built");
    let again = tempfile::tempdir().unwrap();
    let output = build(&common::root().join("book"), again.path());
    assert!(output.status.success());
    common::assert_same_trees(first, again.path());

    let copy = tempfile::tempdir().unwrap();
    let book = copy.path().join("book");
    for file in common::files_below(&common::root().join("book")) {
        if file.starts_with("book") {
            continue; // an earlier build's output
        }
        let target = book.join(&file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(common::root().join("book").join(&file), target).unwrap();
    }
    let data = copy.path().join("patterns-data");
    // The entries in the order the loader meets them: in the original files, and split.
    let mut met = Vec::new();
    let mut met_split = Vec::new();
    for file in common::files_below(&common::root().join("patterns-data")) {
        let text =
            std::fs::read_to_string(common::root().join("patterns-data").join(&file)).unwrap();
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        for map in ["patterns", "case_studies"] {
            let Some(entries) = value.as_object_mut().unwrap().remove(map) else {
                continue;
            };
            // In the order the file holds them, whatever order serde_json keeps a map in.
            let mut ids: Vec<&String> = entries.as_object().unwrap().keys().collect();
            ids.sort_by_key(|id| text.find(&format!("{id:?}:")).expect("the id as a key"));
            for (n, id) in ids.iter().enumerate() {
                let name = format!("split/{map}/{:03}-{id}.json", ids.len() - n);
                let target = data.join(name);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                let one =
                    serde_json::json!({ "schema_version": "1.1", map: { *id: entries[*id] } });
                std::fs::write(target, one.to_string()).unwrap();
                met.push(format!("{map}.{id}"));
            }
        }
        let target = data.join(&file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, value.to_string()).unwrap();
    }
    for file in common::files_below(&data) {
        let text = std::fs::read_to_string(data.join(&file)).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        for map in ["patterns", "case_studies"] {
            if let Some(entries) = value.get(map) {
                met_split.extend(
                    entries
                        .as_object()
                        .unwrap()
                        .keys()
                        .map(|id| format!("{map}.{id}")),
                );
            }
        }
    }
    assert!(
        met.len() >= 40,
        "the handbook's patterns and case studies, one file each"
    );
    let mut reversed = met.clone();
    reversed.reverse();
    // Each map on its own: split, the case studies' files sort before the patterns'.
    for map in ["patterns.", "case_studies."] {
        let of = |ids: &[String]| -> Vec<String> {
            ids.iter()
                .filter(|id| id.starts_with(map))
                .cloned()
                .collect()
        };
        assert_eq!(
            of(&met_split),
            of(&reversed),
            "split, the loader meets the {map} entries in the reverse order"
        );
    }
    let out = tempfile::tempdir().unwrap();
    let output = build(&book, out.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    common::assert_same_trees(first, out.path());
}

/// Every file below `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    common::files_below(dir)
        .into_iter()
        .map(|file| {
            let path = dir.join(&file);
            let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
            (file, std::fs::read(&path).unwrap(), modified)
        })
        .collect()
}

#[test]
fn a_build_never_writes_inside_src() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    common::copy_book(&common::root().join("tests/fixtures/books/basic"), &book);
    let before = snapshot(&book.join("src"));
    let out = tempfile::tempdir().unwrap();
    assert!(build(&book, out.path()).status.success());

    // A failing build too: a broken directive in a chapter.
    let chapter = book.join("src/wizard.md");
    let text = std::fs::read_to_string(&chapter).unwrap() + "\n<<no-such-directive>>\n";
    std::fs::write(&chapter, &text).unwrap();
    let before_failing = snapshot(&book.join("src"));
    assert!(!build(&book, out.path()).status.success());
    assert!(before_failing == snapshot(&book.join("src")));

    std::fs::write(
        &chapter,
        std::fs::read(common::root().join("tests/fixtures/books/basic/src/wizard.md")).unwrap(),
    )
    .unwrap();
    let after = snapshot(&book.join("src"));
    assert_eq!(before.len(), after.len());
    for ((file, bytes, _), (file_after, bytes_after, _)) in before.iter().zip(&after) {
        assert_eq!(file, file_after);
        assert!(bytes == bytes_after, "{} changed", file.display());
    }
    // Nothing but the chapter this test edited was touched.
    for ((file, _, modified), (_, _, modified_after)) in before.iter().zip(&after) {
        if file != Path::new("wizard.md") {
            assert_eq!(modified, modified_after, "{} was written", file.display());
        }
    }
}
