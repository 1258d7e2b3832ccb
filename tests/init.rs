//! `mdbook-patterns init`, `new pattern`, `new case-study` and the starter data of `install`: a
//! handbook started from an empty folder builds and validates at once, in every data format,
//! and no command ever overwrites a file or leaves a half-written book.

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{files_below, real_mdbook};

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-patterns");

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn ok(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr
}

fn refused(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// Every file below `dir` with its contents.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files_below(dir)
        .into_iter()
        .map(|file| {
            let contents = std::fs::read(dir.join(&file)).unwrap_or_default();
            (file, contents)
        })
        .collect()
}

fn changed(before: &BTreeMap<PathBuf, Vec<u8>>, after: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    before
        .keys()
        .chain(after.keys())
        .filter(|file| before.get(*file) != after.get(*file))
        .map(|file| file.display().to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Validates the book with `validate --book` and builds it with the real mdBook (which runs
/// this binary as its preprocessor, checking every link): both without a problem.
fn validates_and_builds(book: &Path) {
    let validated = ok(&run(&["validate", "--book", "."], book));
    assert!(validated.contains("no problems found"), "{validated}");
    let out = tempfile::tempdir().unwrap();
    let built = Command::new(real_mdbook())
        .arg("build")
        .arg(book)
        .arg("--dest-dir")
        .arg(out.path())
        .env("MDBOOK_PREPROCESSOR__PATTERNS__COMMAND", BIN)
        .output()
        .expect("mdbook runs");
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{stderr}");
    assert!(
        !stderr.contains("WARN") && !stderr.contains("ERROR"),
        "{stderr}"
    );
    let index = std::fs::read_to_string(out.path().join("patterns.html")).unwrap();
    assert!(index.contains("href=\"patterns/timeout.html\""), "{index}");
}

/// The issue's whole path, in each data format: `init` in an empty folder, three patterns and a
/// case study added with `new`, then `validate` and the real `mdbook build`; no file that
/// existed is changed but the data files and SUMMARY.md, and a second `init` is refused.
#[test]
fn init_then_new_builds_and_validates_in_every_format() {
    for format in ["json", "yaml", "toml"] {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("handbook");
        let said = ok(&run(
            &[
                "init",
                "handbook",
                "--title",
                "Our *Patterns*",
                "--format",
                format,
            ],
            dir.path(),
        ));
        assert!(said.contains("wrote a new handbook"), "{said}");
        assert_eq!(
            std::fs::read_to_string(book.join(".gitignore")).unwrap(),
            "# The built book\n/book/\n"
        );
        validates_and_builds(&book);
        let started = snapshot(&book);
        let adds: [&[&str]; 4] = [
            &[
                "new",
                "pattern",
                "bulkhead",
                "--name",
                "Bulkhead",
                "--tier",
                "silver",
                "--category",
                "resilience",
                "--summary",
                "Keep one *failing* part from taking every worker.",
            ],
            &[
                "new",
                "pattern",
                "cache-aside",
                "--name",
                "Cache-Aside",
                "--tier",
                "gold",
                "--category",
                "performance",
                "--summary",
                "Read through a cache, see [the guide](https://example.com/cache).",
            ],
            &[
                "new",
                "pattern",
                "dead-letter-queue",
                "--name",
                "Dead Letter Queue",
                "--tier",
                "bronze",
                "--category",
                "integration",
                "--summary",
                "Park the messages that cannot be handled.",
            ],
            &[
                "new",
                "case-study",
                "acme-outage",
                "--title",
                "Acme: the long Tuesday",
                "--book",
                "handbook",
            ],
        ];
        for args in adds {
            // Patterns from inside the book, the case study with --book from outside it.
            let from = if args[1] == "pattern" {
                &book
            } else {
                dir.path()
            };
            ok(&run(args, from));
        }
        let after = snapshot(&book);
        let patterns = format!("patterns-data/patterns.{format}");
        let cases = format!("patterns-data/case-studies.{format}");
        let expected: Vec<String> = [
            cases.as_str(),
            &patterns,
            "src/SUMMARY.md",
            "src/case-studies/acme-outage.md",
            "src/patterns/bulkhead.md",
            "src/patterns/cache-aside.md",
            "src/patterns/dead-letter-queue.md",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
        assert_eq!(changed(&started, &after), expected, "{format}");
        let summary = std::fs::read_to_string(book.join("src/SUMMARY.md")).unwrap();
        assert!(
            summary.contains(
                "- [Patterns](patterns.md)\n  - [Bulkhead](patterns/bulkhead.md)\n  - [Cache-Aside](patterns/cache-aside.md)\n  - [Dead Letter Queue](patterns/dead-letter-queue.md)\n  - [Health Check]"
            ),
            "{summary}"
        );
        assert!(
            summary.contains(
                "  - [Acme: the long Tuesday](case-studies/acme-outage.md)\n  - [Example Shop"
            ),
            "{summary}"
        );
        assert_eq!(
            std::fs::read_to_string(book.join("src/patterns/bulkhead.md")).unwrap(),
            "# Bulkhead\n\n<<pattern bulkhead>>\n"
        );
        // The data file keeps what it held, in its own layout: only lines were added.
        let old = String::from_utf8(started[Path::new(&patterns)].clone()).unwrap();
        let new = String::from_utf8(after[Path::new(&patterns)].clone()).unwrap();
        let mut kept = new.lines();
        for line in old.lines() {
            let line = line.trim_end_matches(',');
            assert!(
                kept.any(|l| l.trim_end_matches(',') == line),
                "{line:?} lost from:\n{new}"
            );
        }
        // New patterns are not yet recommended anywhere: validate warns, as it should.
        let validated = ok(&run(&["validate", "--book", "handbook"], dir.path()));
        assert!(
            validated.contains("pattern \"bulkhead\" is not referenced by anything"),
            "{validated}"
        );
        assert!(!validated.contains("error"), "{validated}");
        let out = tempfile::tempdir().unwrap();
        let built = Command::new(real_mdbook())
            .arg("build")
            .arg(&book)
            .arg("--dest-dir")
            .arg(out.path())
            .env("MDBOOK_PREPROCESSOR__PATTERNS__COMMAND", BIN)
            .output()
            .expect("mdbook runs");
        assert!(
            built.status.success(),
            "{}",
            String::from_utf8_lossy(&built.stderr)
        );
        let card = std::fs::read_to_string(out.path().join("patterns/bulkhead.html")).unwrap();
        assert!(card.contains("<em>failing</em>"), "{card}");
        let index = std::fs::read_to_string(out.path().join("patterns.html")).unwrap();
        assert!(
            index.contains("href=\"patterns/dead-letter-queue.html\""),
            "{index}"
        );

        // A second init is refused, naming the files it would overwrite, and changes nothing.
        let before = snapshot(dir.path());
        let again = refused(&run(&["init", "handbook"], dir.path()));
        assert!(again.contains("init never overwrites a file"), "{again}");
        assert!(again.contains("handbook/book.toml"), "{again}");
        assert!(again.contains("handbook/src/SUMMARY.md"), "{again}");
        assert_eq!(
            changed(&before, &snapshot(dir.path())),
            Vec::<String>::new()
        );
    }
}

/// A folder that holds only `.git` takes a handbook; one file in the way stops init, which
/// names it and writes nothing at all.
#[test]
fn init_writes_into_a_fresh_repository_and_refuses_a_file_in_the_way() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("repo/.git")).unwrap();
    std::fs::write(dir.path().join("repo/.git/HEAD"), "ref: refs/heads/main\n").unwrap();
    ok(&run(&["init"], &dir.path().join("repo")));
    assert!(dir.path().join("repo/book.toml").is_file());

    std::fs::create_dir_all(dir.path().join("other/src")).unwrap();
    std::fs::write(dir.path().join("other/src/wizard.md"), "# Mine\n").unwrap();
    let before = snapshot(dir.path());
    let said = refused(&run(&["init", "other"], dir.path()));
    assert!(
        said.contains("init never overwrites a file, and other/src/wizard.md already exists; nothing was written"),
        "{said}"
    );
    assert!(
        said.contains("run init in a new or empty folder, or move it away"),
        "{said}"
    );
    assert_eq!(
        changed(&before, &snapshot(dir.path())),
        Vec::<String>::new()
    );
}

/// A folder of the new book that is a symbolic link (here to a folder outside) is refused
/// before anything is written, and the outside folder is left alone.
#[test]
fn init_refuses_a_linked_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("outside")).unwrap();
    std::fs::create_dir_all(dir.path().join("book")).unwrap();
    symlink(dir.path().join("outside"), dir.path().join("book/src")).unwrap();
    let before = snapshot(dir.path());
    let said = refused(&run(&["init", "book"], dir.path()));
    assert!(said.contains("book/src is a symbolic link to"), "{said}");
    assert!(
        said.contains("; init writes only plain files inside the book"),
        "{said}"
    );
    assert!(
        said.contains("remove the link and run init again"),
        "{said}"
    );
    assert_eq!(
        changed(&before, &snapshot(dir.path())),
        Vec::<String>::new()
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("outside"))
            .unwrap()
            .count(),
        0
    );
}

/// A new handbook in `dir/book`.
fn handbook(dir: &Path) -> PathBuf {
    ok(&run(&["init", "book"], dir));
    dir.join("book")
}

/// An id that exists is refused, saying where it is; a summary the data does not take, a
/// missing flag and a chapter in the way are refused too; none of them changes anything.
#[test]
fn new_refuses_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let book = handbook(dir.path());
    let before = snapshot(dir.path());
    let pattern = |id: &str, summary: &str| {
        run(
            &[
                "new",
                "pattern",
                id,
                "--name",
                "N",
                "--tier",
                "gold",
                "--category",
                "resilience",
                "--summary",
                summary,
                "--book",
                "book",
            ],
            dir.path(),
        )
    };
    let taken = refused(&pattern("timeout", "S."));
    assert!(
        taken.contains("book/patterns-data/patterns.json:5:5: patterns.timeout: \"timeout\" is already a pattern; nothing was written"),
        "{taken}"
    );
    let case = refused(&run(
        &[
            "new",
            "case-study",
            "example-shop",
            "--title",
            "T",
            "--book",
            "book",
        ],
        dir.path(),
    ));
    assert!(
        case.contains("book/patterns-data/case-studies.json:5:5: case_studies.example-shop: \"example-shop\" is already a case study; nothing was written"),
        "{case}"
    );
    let empty = refused(&pattern("", "S."));
    assert!(
        empty.contains("the pattern id \"\" is not kebab-case"),
        "{empty}"
    );
    let line = refused(&run(
        &[
            "new",
            "pattern",
            "b",
            "--name",
            "Two\nlines",
            "--tier",
            "gold",
            "--category",
            "c",
            "--summary",
            "S",
            "--book",
            "book",
        ],
        dir.path(),
    ));
    assert!(
        line.contains("--name holds a line break or another control character"),
        "{line}"
    );
    let heading = refused(&pattern("bulkhead", "# a heading"));
    assert!(
        heading.contains("the data would not be valid with this entry; nothing was written"),
        "{heading}"
    );
    let kebab = refused(&pattern("Bulk_Head", "S."));
    assert!(
        kebab.contains("the pattern id \"Bulk_Head\" is not kebab-case"),
        "{kebab}"
    );
    let missing = refused(&run(
        &[
            "new",
            "pattern",
            "bulkhead",
            "--name",
            "N",
            "--tier",
            "gold",
            "--category",
            "c",
            "--book",
            "book",
        ],
        dir.path(),
    ));
    assert!(missing.contains("--summary"), "{missing}");
    std::fs::write(book.join("src/patterns/bulkhead.md"), "# Mine\n").unwrap();
    let before_chapter = snapshot(dir.path());
    let chapter = refused(&pattern("bulkhead", "S."));
    assert!(
        chapter.contains("src/patterns/bulkhead.md exists already; new never overwrites a file"),
        "{chapter}"
    );
    assert_eq!(
        changed(&before_chapter, &snapshot(dir.path())),
        Vec::<String>::new()
    );
    std::fs::remove_file(book.join("src/patterns/bulkhead.md")).unwrap();
    assert_eq!(
        changed(&before, &snapshot(dir.path())),
        Vec::<String>::new()
    );
    // SUMMARY.md linked elsewhere: refused like install refuses a link.
    let summary = book.join("src/SUMMARY.md");
    std::fs::rename(&summary, dir.path().join("SUMMARY.md")).unwrap();
    symlink(dir.path().join("SUMMARY.md"), &summary).unwrap();
    let before = snapshot(dir.path());
    let linked = refused(&pattern("bulkhead", "S."));
    assert!(
        linked.contains("SUMMARY.md is a symbolic link to"),
        "{linked}"
    );
    assert_eq!(
        changed(&before, &snapshot(dir.path())),
        Vec::<String>::new()
    );
}

/// With `generate-pages = true`, the chapters are generated: `new` writes only the data entry,
/// in the file holding the most patterns of that category.
#[test]
fn new_with_generated_pages_writes_only_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let book = handbook(dir.path());
    std::fs::write(
        book.join("patterns-data/more.json"),
        "{\n  \"patterns\": {\n    \"a\": { \"name\": \"A\", \"tier\": \"gold\", \"category\": \"performance\", \"summary\": \"A.\" },\n    \"b\": { \"name\": \"B\", \"tier\": \"gold\", \"category\": \"performance\", \"summary\": \"B.\" }\n  }\n}\n",
    )
    .unwrap();
    let toml = book.join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace(
            "diagrams = \"svg\"",
            "diagrams = \"svg\"\ngenerate-pages = true",
        ),
    )
    .unwrap();
    let before = snapshot(&book);
    ok(&run(
        &[
            "new",
            "pattern",
            "cdn",
            "--name",
            "CDN",
            "--tier",
            "gold",
            "--category",
            "performance",
            "--summary",
            "Serve from the edge.",
            "--book",
            "book",
        ],
        dir.path(),
    ));
    assert_eq!(
        changed(&before, &snapshot(&book)),
        ["patterns-data/more.json"]
    );
    ok(&run(
        &[
            "new",
            "pattern",
            "bulkhead",
            "--name",
            "Bulkhead",
            "--tier",
            "gold",
            "--category",
            "resilience",
            "--summary",
            "S.",
            "--book",
            "book",
        ],
        dir.path(),
    ));
    assert_eq!(
        changed(&before, &snapshot(&book)),
        ["patterns-data/more.json", "patterns-data/patterns.json"]
    );
}

/// `new` reads `book.toml` as mdBook and the other commands do, the environment's overrides
/// included: `generate-pages` set from the environment writes only the data entry.
#[test]
fn new_reads_generate_pages_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let book = handbook(dir.path());
    let before = snapshot(&book);
    let args = [
        "new",
        "pattern",
        "bulkhead",
        "--name",
        "Bulkhead",
        "--tier",
        "gold",
        "--category",
        "resilience",
        "--summary",
        "S.",
        "--book",
        "book",
    ];
    ok(&Command::new(BIN)
        .args(args)
        .current_dir(dir.path())
        .env("MDBOOK_PREPROCESSOR__PATTERNS__GENERATE_PAGES", "true")
        .output()
        .unwrap());
    assert_eq!(
        changed(&before, &snapshot(&book)),
        ["patterns-data/patterns.json"]
    );
}

/// `install` on a book without data writes a starter file and the schema beside it; the book
/// then builds, and a second install changes nothing.
#[test]
fn install_writes_starter_data_into_a_book_without_any() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir_all(book.join("src")).unwrap();
    std::fs::write(book.join("book.toml"), "[book]\ntitle = \"Mine\"\n").unwrap();
    std::fs::write(
        book.join("src/SUMMARY.md"),
        "# Summary\n\n- [Recipe](recipe.md)\n",
    )
    .unwrap();
    std::fs::write(book.join("src/recipe.md"), "# Recipe\n\n<<recipe>>\n").unwrap();
    let said = ok(&run(&["install", "book"], dir.path()));
    assert!(
        said.contains("wrote book/patterns-data/patterns.json"),
        "{said}"
    );
    assert!(
        said.contains("wrote book/schema/patterns-data.schema.json"),
        "{said}"
    );
    let validated = ok(&run(&["validate", "--book", "book"], dir.path()));
    assert!(!validated.contains("error"), "{validated}");
    ok(&run(&["build", "book"], dir.path()));
    let again = ok(&run(&["install", "book"], dir.path()));
    assert!(
        again.contains("already installed: nothing to do"),
        "{again}"
    );
}

/// The README's `book.toml` is what `install` writes from its `[book]` table.
#[test]
fn readme_shows_what_install_writes() {
    let readme = std::fs::read_to_string(crate::common::root().join("README.md")).unwrap();
    let intro = "`install` writes this `book.toml` (a test checks it):\n\n```toml\n";
    let start = readme.find(intro).expect("the README's example") + intro.len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir_all(&book).unwrap();
    std::fs::write(book.join("book.toml"), "[book]\ntitle = \"My Handbook\"\n").unwrap();
    ok(&run(&["install", "book"], dir.path()));
    let written = std::fs::read_to_string(book.join("book.toml")).unwrap();
    assert_eq!(written.trim_end(), shown.trim_end());
}
