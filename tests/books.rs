//! Fixture books built the way users build them: `mdbook-patterns build` (mdbook-driver,
//! in-process) and the real `mdbook` binary running us as an external preprocessor. Both must
//! write the same Markdown as `tests/fixtures/books/basic/expected/` (`BLESS=1` rewrites it,
//! through [`golden::check_tree`]).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use mdbook_driver::MDBook;
use mdbook_patterns::Patterns;
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use crate::common::{self, copy_book, files_below, golden, real_mdbook};

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-patterns");

fn fixture_book() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books/basic")
}

/// Compares the `markdown/` output of a build with the golden files.
fn assert_matches_golden(build_dir: &Path) {
    let expected_dir = fixture_book().join("expected");
    golden::check_tree(&expected_dir, &build_dir.join("markdown"));
    assert!(files_below(&expected_dir).len() >= 5);
}

fn build_with_binary(book: &Path, build_dir: &Path, env: &[(&str, &str)]) -> Output {
    Command::new(BIN)
        .arg("build")
        .arg(book)
        .env("MDBOOK_BUILD__BUILD_DIR", build_dir)
        .envs(env.iter().copied())
        .output()
        .expect("the binary runs")
}

/// `mdbook-patterns validate --book book`.
fn validate_book(book: &Path) -> Output {
    Command::new(BIN)
        .args(["validate", "--book"])
        .arg(book)
        .output()
        .expect("the binary runs")
}

/// mdBook's input for `book` and the HTML renderer, as mdBook writes it to a preprocessor.
fn preprocessor_input(book: &Path) -> (PreprocessorContext, Book, Vec<u8>) {
    let loaded = MDBook::load(book).unwrap();
    let ctx = PreprocessorContext::new(book.to_owned(), loaded.config.clone(), "html".into());
    let input = serde_json::to_vec(&(&ctx, &loaded.book)).unwrap();
    (ctx, loaded.book, input)
}

/// The binary writes the expanded chapters piece by piece, straight into mdBook's JSON
/// (src/expanded.rs): byte for byte what serde writes for the book `mdbook-patterns build`
/// hands mdBook, on the fixture book and on the handbook, with its diagrams in several chapters.
#[test]
fn the_preprocessor_writes_the_json_serde_writes_for_the_expanded_book() {
    let handbook = Path::new(env!("CARGO_MANIFEST_DIR")).join("book");
    for dir in [fixture_book(), handbook] {
        let (ctx, book, input) = preprocessor_input(&dir);
        let output = common::run_with_stdin(Command::new(BIN).current_dir(&dir), input);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let expected = serde_json::to_vec(&Patterns::default().run(&ctx, book).unwrap()).unwrap();
        assert!(
            output.stdout == expected,
            "{}: the written book differs from serde's",
            dir.display()
        );
        let written: Book = serde_json::from_slice(&output.stdout).unwrap();
        assert!(
            written.chapters().any(|c| c.content.contains("<svg")),
            "{} draws diagrams",
            dir.display()
        );
    }
}

#[test]
fn the_build_command_expands_a_fixture_book() {
    let out = tempfile::tempdir().unwrap();
    let output = build_with_binary(&fixture_book(), out.path(), &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_matches_golden(out.path());
    let wizard = std::fs::read_to_string(out.path().join("html/wizard.html")).unwrap();
    assert!(
        wizard.contains("class=\"patterns-cards\""),
        "the html renderer gets the cards"
    );
    assert!(
        !wizard.contains("&lt;&lt;"),
        "no directive is left unexpanded"
    );
}

/// The real mdBook, with `[preprocessor.patterns]` pointed at this build's binary.
#[test]
fn the_real_mdbook_runs_the_preprocessor() {
    let mdbook = real_mdbook();
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(&mdbook)
        .arg("build")
        .arg(fixture_book())
        .arg("--dest-dir")
        .arg(out.path())
        .env("MDBOOK_PREPROCESSOR__PATTERNS__COMMAND", BIN)
        .output()
        .expect("mdbook runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_matches_golden(out.path());
}

#[test]
fn a_broken_directive_fails_the_build_and_writes_nothing() {
    let book = tempfile::tempdir().unwrap();
    copy_book(&fixture_book(), book.path());
    let wizard = book.path().join("src/wizard.md");
    let text = std::fs::read_to_string(&wizard).unwrap();
    std::fs::write(&wizard, text.replace("<<wizard>>", "<<wizrd>>")).unwrap();
    let out = book.path().join("out");
    let output = build_with_binary(book.path(), &out, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr
            .contains("src/wizard.md:5:1: unknown directive \"wizrd\" (did you mean \"wizard\"?)"),
        "{stderr}"
    );
    assert!(
        !out.join("html/wizard.html").exists(),
        "no half-written book"
    );
    assert_eq!(
        std::fs::read_to_string(&wizard).unwrap(),
        text.replace("<<wizard>>", "<<wizrd>>")
    );
}

#[test]
fn on_failure_continue_renders_an_error_box() {
    let book = tempfile::tempdir().unwrap();
    copy_book(&fixture_book(), book.path());
    let wizard = book.path().join("src/wizard.md");
    let text = std::fs::read_to_string(&wizard).unwrap();
    std::fs::write(
        &wizard,
        format!("{text}\n<<tier-table domain=shop option=nope>>\n"),
    )
    .unwrap();
    let out = book.path().join("out");
    let output = build_with_binary(
        book.path(),
        &out,
        &[("MDBOOK_PREPROCESSOR__PATTERNS__ON_FAILURE", "continue")],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("domain \"shop\" has no option \"nope\""),
        "{stderr}"
    );
    let html = std::fs::read_to_string(out.join("html/wizard.html")).unwrap();
    assert!(
        html.contains("class=\"patterns-error\""),
        "a visible error box"
    );
    let markdown = std::fs::read_to_string(out.join("markdown/wizard.md")).unwrap();
    assert!(
        markdown.contains("> **mdbook-patterns error:**"),
        "{markdown}"
    );
    assert!(
        !markdown.contains("<div"),
        "no raw HTML for other renderers"
    );
}

/// A case study's or a pattern's `page` that is not a chapter of the book fails the build, naming
/// the data file, the id and the path.
#[test]
fn a_page_outside_the_book_names_the_data_file_id_and_path() {
    let cases = [
        (
            "- [Acme](case-studies/acme.md)\n",
            "data.json:27:68: case_studies.acme.page: case study \"acme\"'s page \"case-studies/acme.md\" is not a chapter of the book",
        ),
        (
            "- [Circuit Breaker](patterns/circuit-breaker.md)\n",
            "data.json:9:15: patterns.circuit-breaker.page: pattern \"circuit-breaker\"'s page \"patterns/circuit-breaker.md\" is not a chapter of the book",
        ),
    ];
    for (entry, message) in cases {
        let book = tempfile::tempdir().unwrap();
        copy_book(&fixture_book(), book.path());
        let summary = book.path().join("src/SUMMARY.md");
        let text = std::fs::read_to_string(&summary).unwrap();
        std::fs::write(&summary, text.replace(entry, "")).unwrap();
        let output = build_with_binary(book.path(), &book.path().join("out"), &[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success());
        assert!(stderr.contains(message), "{stderr}");
    }
}

#[test]
fn stale_wizard_assets_fail_the_build_until_install_runs_again() {
    let book = tempfile::tempdir().unwrap();
    copy_book(&fixture_book(), book.path());
    let script = book.path().join("mdbook-patterns/wizard.js");
    std::fs::write(&script, "/* mdbook-patterns 0.0.1: an old copy */\n").unwrap();
    let output = build_with_binary(book.path(), &book.path().join("out"), &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("book.toml: the wizard's script and stylesheet are not ready: mdbook-patterns/wizard.js is from another version of mdbook-patterns (run `mdbook-patterns install` in the book's folder)"),
        "{stderr}"
    );
    let install = |dir: &Path| Command::new(BIN).arg("install").arg(dir).output().unwrap();
    let first = install(book.path());
    assert!(first.status.success());
    assert!(String::from_utf8_lossy(&first.stderr).contains("wrote"));
    let again = install(book.path());
    assert_eq!(
        String::from_utf8_lossy(&again.stderr),
        "already installed: nothing to do\n"
    );
    let output = build_with_binary(book.path(), &book.path().join("out"), &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn install_sets_up_a_plain_book_and_keeps_its_comments() {
    let book = tempfile::tempdir().unwrap();
    std::fs::write(
        book.path().join("book.toml"),
        "# A handbook in the making.\n[book]\ntitle = \"Mine\" # keep me\n",
    )
    .unwrap();
    let output = Command::new(BIN)
        .arg("install")
        .arg(book.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let toml = std::fs::read_to_string(book.path().join("book.toml")).unwrap();
    assert_eq!(
        toml,
        "# A handbook in the making.\n[book]\ntitle = \"Mine\" # keep me\n\n[preprocessor.patterns]\ndiagrams = \"svg\"\n\n[output.html]\nadditional-css = [\"mdbook-patterns/wizard.css\"]\nadditional-js = [\"mdbook-patterns/wizard.js\"]\n\n[build]\nextra-watch-dirs = [\"patterns-data\"]\n"
    );
    for asset in ["mdbook-patterns/wizard.js", "mdbook-patterns/wizard.css"] {
        let text = std::fs::read_to_string(book.path().join(asset)).unwrap();
        assert!(
            text.starts_with("/* mdbook-patterns "),
            "{asset} carries its version"
        );
    }
}

#[test]
fn unknown_config_keys_are_errors() {
    let book = tempfile::tempdir().unwrap();
    copy_book(&fixture_book(), book.path());
    let toml = book.path().join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace(
            "[preprocessor.patterns]",
            "[preprocessor.patterns]\ndta = \"x\"",
        ),
    )
    .unwrap();
    let output = build_with_binary(book.path(), &book.path().join("out"), &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("unknown key \"dta\" (did you mean \"data\"?)"),
        "{stderr}"
    );
}

#[test]
fn mdbook_0_4_input_is_refused_naming_both_versions() {
    let input = r#"[{"root":"/book","config":{"book":{"authors":[],"language":"en","multilingual":false,"src":"src"}},"renderer":"html","mdbook_version":"0.4.40"},{"sections":[],"__non_exhaustive":null}]"#;
    let mut child = Command::new(BIN)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "nothing on stdout");
    assert!(
        stderr.contains("mdBook 0.5") && stderr.contains("mdBook 0.4.40"),
        "{stderr}"
    );
    assert!(!stderr.contains("Unable to parse the input"), "{stderr}");
}

#[test]
fn every_renderer_is_supported() {
    for renderer in ["html", "markdown", "epub"] {
        let status = Command::new(BIN)
            .args(["supports", renderer])
            .status()
            .unwrap();
        assert!(status.success());
    }
}

#[test]
fn validate_book_scans_every_chapter_without_building() {
    let book = tempfile::tempdir().unwrap();
    copy_book(&fixture_book(), book.path());
    let deep = book.path().join("src/guides/deep/page.md");
    std::fs::write(&deep, "# Deep\n\n<<recipe extra=1>>\n").unwrap();
    let output = validate_book(book.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("src/guides/deep/page.md:3:1: <<recipe>> has no key \"extra\""),
        "{stderr}"
    );
    assert!(
        !book.path().join("book").exists(),
        "validate builds nothing"
    );
}

/// A pattern with neither a `page` nor a `<<pattern ID>>` card renders as plain bold text
/// wherever it is mentioned: the build and `validate --book` warn once, at its entry in the data,
/// and still succeed. With its card in a chapter, the warning goes.
#[test]
fn a_pattern_without_page_or_card_is_a_warning() {
    let book = tempfile::tempdir().unwrap();
    copy_book(&fixture_book(), book.path());
    let warning = "data.json:18:5: warning: patterns.polling: pattern \"polling\" has no page and no card, so every mention of it renders as plain bold text (give it a \"page\", put <<pattern polling>> in a chapter, or set generate-pages = true)";
    let validated = validate_book(book.path());
    let stderr = String::from_utf8_lossy(&validated.stderr);
    assert!(validated.status.success(), "{stderr}");
    assert_eq!(stderr.matches(warning).count(), 1, "{stderr}");
    assert_eq!(stderr.matches("no page and no card").count(), 1, "{stderr}");
    // The build runs the preprocessor once for each of the book's two renderers; the warning
    // is printed once all the same.
    let built = build_with_binary(book.path(), &book.path().join("out"), &[]);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{stderr}");
    assert_eq!(stderr.matches(warning).count(), 1, "{stderr}");
    let deep = book.path().join("src/guides/deep/page.md");
    let text = std::fs::read_to_string(&deep).unwrap();
    std::fs::write(&deep, format!("{text}\n<<pattern polling>>\n")).unwrap();
    let output = validate_book(book.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("no page and no card"), "{stderr}");
}

/// The warnings of relations (an option holding two patterns that conflict, and a pattern but
/// not what it requires) are printed by the build, which succeeds.
#[test]
fn relation_warnings_do_not_fail_the_build() {
    let book = tempfile::tempdir().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/data-errors/178-conflicting-patterns-in-a-stack/data/patterns.json");
    let mut data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data).unwrap()).unwrap();
    data["patterns"]["cqrs"]["relations"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({ "kind": "requires", "pattern": "database-per-service" }));
    let cards: String = [
        "shared-database",
        "database-per-service",
        "cqrs",
        "event-sourcing",
    ]
    .iter()
    .map(|id| format!("<<pattern {id}>>\n\n"))
    .collect();
    for (path, text) in [
        (
            "book.toml",
            "[book]\ntitle = \"Relations\"\n\n[preprocessor.patterns]\ndata = \"data\"\n\n[output.markdown]\n".to_owned(),
        ),
        ("src/SUMMARY.md", "# Summary\n\n- [Patterns](patterns.md)\n".to_owned()),
        (
            "src/patterns.md",
            format!("# Patterns\n\n<<tier-table domain=payments option=large>>\n\n{cards}"),
        ),
        ("data/patterns.json", data.to_string()),
    ] {
        let path = book.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let built = build_with_binary(book.path(), &book.path().join("out"), &[]);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{stderr}");
    for warning in [
        "warning: domains[0].options[1].steps[1].pattern: option \"large\" of domain \"payments\" holds \"cqrs\" and \"event-sourcing\", which conflict",
        "warning: domains[0].options[0].stack[1].pattern: option \"small\" of domain \"payments\" holds \"cqrs\", which requires \"database-per-service\", but does not hold \"database-per-service\"",
    ] {
        assert_eq!(stderr.matches(warning).count(), 1, "{warning}\n{stderr}");
    }
    assert!(!stderr.contains(" error"), "{stderr}");
    let page = std::fs::read_to_string(book.path().join("out/patterns.md")).unwrap();
    assert!(page.contains("Shared Database"), "{page}");
}

/// A pattern, a case study and the recipe that fail to read are reported once each, at their own
/// entries: the directives and references that name them (cards, stacks, the recipe, the
/// evidence) add no "unknown" error. Under `on-failure = "continue"` their cards and the
/// `<<recipe>>` show an error box.
#[test]
fn entries_that_fail_to_read_give_no_follow_on_errors_in_the_book() {
    let book = tempfile::tempdir().unwrap();
    copy_book(&fixture_book(), book.path());
    let data = common::root().join("tests/fixtures/golden/data/data.json");
    let text = std::fs::read_to_string(data).unwrap();
    let broken = text
        .replace(
            "\"summary\": \"Try again, **waiting longer**\\neach time (`backoff`).\\n\"",
            "\"summary\": 7",
        )
        .replace("\"company\": \"Acme\"", "\"company\": [\"Acme\"]")
        .replace("\"note\": \"Use **Retry** <i>instead</i>\"", "\"note\": 1");
    assert_ne!(text, broken);
    std::fs::create_dir(book.path().join("data")).unwrap();
    std::fs::write(book.path().join("data/data.json"), broken).unwrap();
    let toml = book.path().join("book.toml");
    let config = std::fs::read_to_string(&toml).unwrap();
    let config: Vec<&str> = (config.lines())
        .map(|line| {
            if line.starts_with("data = ") {
                "data = \"data\""
            } else {
                line
            }
        })
        .collect();
    std::fs::write(&toml, config.join("\n")).unwrap();
    let validated = validate_book(book.path());
    let stderr = String::from_utf8_lossy(&validated.stderr);
    assert_eq!(validated.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("3 errors"), "{stderr}");
    assert!(!stderr.contains("unknown"), "{stderr}");
    let out = book.path().join("out");
    let built = build_with_binary(
        book.path(),
        &out,
        &[("MDBOOK_PREPROCESSOR__PATTERNS__ON_FAILURE", "continue")],
    );
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{stderr}");
    assert!(
        stderr.contains("patterns.retry.summary: expected a string"),
        "{stderr}"
    );
    assert!(!stderr.contains("unknown"), "{stderr}");
    assert!(!stderr.contains("could not be read"), "{stderr}");
    let card = std::fs::read_to_string(out.join("markdown/patterns/retry.md")).unwrap();
    assert!(
        card.contains("pattern \"retry\" could not be read from the data"),
        "{card}"
    );
    let guide = std::fs::read_to_string(out.join("markdown/guides/deep/page.md")).unwrap();
    assert!(
        guide.contains("the recipe could not be read from the data"),
        "{guide}"
    );
}

/// A case study kept in a folder with a space, in a file with parentheses, is linked from every
/// page that cites it: the links are percent-encoded and lead to the page mdBook wrote.
#[test]
fn chapter_paths_with_spaces_and_parentheses_are_linked() {
    let book = tempfile::tempdir().unwrap();
    copy_book(&fixture_book(), book.path());
    let (old, new) = ("case-studies/acme.md", "case studies/acme (2019).md");
    let data = std::fs::read_to_string(common::root().join("tests/fixtures/golden/data/data.json"))
        .unwrap();
    std::fs::create_dir(book.path().join("data")).unwrap();
    std::fs::write(book.path().join("data/data.json"), data.replace(old, new)).unwrap();
    let toml = book.path().join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let text: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with("data = ") {
                "data = \"data\"".into()
            } else {
                l.to_owned()
            }
        })
        .collect();
    std::fs::write(&toml, text.join("\n")).unwrap();
    let src = book.path().join("src");
    std::fs::create_dir(src.join("case studies")).unwrap();
    std::fs::rename(src.join(old), src.join(new)).unwrap();
    let summary = std::fs::read_to_string(src.join("SUMMARY.md")).unwrap();
    let summary = summary.replace(&format!("({old})"), &format!("(<{new}>)"));
    std::fs::write(src.join("SUMMARY.md"), summary).unwrap();

    let out = book.path().join("out");
    let output = build_with_binary(book.path(), &out, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let html = out.join("html");
    assert!(html.join("case studies/acme (2019).html").is_file());
    let mut checked = 0;
    for page in ["wizard.html", "patterns/circuit-breaker.html"] {
        let text = std::fs::read_to_string(html.join(page)).unwrap();
        let folder = html.join(page).parent().unwrap().to_path_buf();
        for href in text
            .split("href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
        {
            if !href.contains("acme") {
                continue;
            }
            let path = href.split('#').next().unwrap();
            let decoded = percent_encoding::percent_decode_str(path)
                .decode_utf8()
                .unwrap();
            assert!(
                folder.join(decoded.as_ref()).is_file(),
                "{page}: the link {href} leads nowhere"
            );
            checked += 1;
        }
    }
    assert!(checked >= 2, "the wizard and the pattern page cite Acme");
}

/// `validate --book` writes nothing into the book, not even the chapter file SUMMARY.md names
/// and mdBook would create; it reports the missing chapter instead.
#[test]
fn validate_book_never_creates_a_missing_chapter() {
    let book = tempfile::tempdir().unwrap();
    copy_book(&fixture_book(), book.path());
    let summary = book.path().join("src/SUMMARY.md");
    let text = std::fs::read_to_string(&summary).unwrap();
    std::fs::write(&summary, text + "- [Typo](patterns/retyr.md)\n").unwrap();
    let before = common::files_below(book.path());
    let output = validate_book(book.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("retyr.md"), "{stderr}");
    assert_eq!(common::files_below(book.path()), before, "nothing written");
}

/// What the build would refuse, `validate --book` reports: a wizard whose assets are stale.
#[test]
fn validate_book_reports_stale_wizard_assets() {
    let book = tempfile::tempdir().unwrap();
    copy_book(&fixture_book(), book.path());
    let validate = || validate_book(book.path());
    let fresh = validate();
    assert!(
        fresh.status.success(),
        "{}",
        String::from_utf8_lossy(&fresh.stderr)
    );
    std::fs::remove_file(book.path().join("mdbook-patterns/wizard.js")).unwrap();
    let output = validate();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the wizard's script and stylesheet are not ready")
            && stderr.contains("run `mdbook-patterns install`"),
        "{stderr}"
    );
}

/// A mistaken command line exits 1 like every other error; --help exits 0.
#[test]
fn usage_errors_exit_1() {
    for args in [
        &["validate", "--format", "xml"][..],
        &["validate", "--book", ".", "--data", "."],
        &["recommend", "--domain", "shop"],
        &["no-such-command"],
    ] {
        let output = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?} says why");
    }
    let help = Command::new(BIN).arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
}

/// With neither --book nor --data, `validate` checks the book whose book.toml is in the current
/// folder: its chapters too, not only its data.
#[test]
fn validate_without_flags_uses_the_book_here() {
    let book = tempfile::tempdir().unwrap();
    copy_book(&fixture_book(), book.path());
    std::fs::write(
        book.path().join("src/guides/deep/page.md"),
        "# Deep\n\n<<wizrd>>\n",
    )
    .unwrap();
    let output = Command::new(BIN)
        .arg("validate")
        .current_dir(book.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("page.md:3:1: unknown directive \"wizrd\""),
        "{stderr}"
    );
}

/// `build` shows mdBook's own messages as `mdbook build` does: here its error for an include
/// that reads nothing, which mdBook reports and builds past. `MDBOOK_LOG=error` keeps its
/// progress lines out, as in mdBook.
#[test]
fn the_build_command_shows_mdbooks_own_messages() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    copy_book(&fixture_book(), &book);
    std::fs::write(
        book.join("src/wizard.md"),
        std::fs::read_to_string(book.join("src/wizard.md")).unwrap()
            + "\n{{#include nowhere.md}}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = build_with_binary(&book, &out, &[]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("Could not read file for link {{#include nowhere.md}}"),
        "{said}"
    );
    assert!(said.contains("Book building has started"), "{said}");
    let quiet = build_with_binary(&book, &out, &[("MDBOOK_LOG", "error")]);
    let said = String::from_utf8_lossy(&quiet.stderr);
    assert!(
        said.contains("nowhere.md") && !said.contains("Book building"),
        "{said}"
    );
}

/// `validate --book DIR` names every file from where it runs, so that an editor or a CI
/// annotation opens it: the chapter below DIR, the data where the book's `data` points.
#[test]
fn validate_names_files_from_where_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("handbooks/mine");
    copy_book(&fixture_book(), &book);
    // The data beside the book, reached with `..` from its root.
    let data = dir.path().join("handbooks/data");
    std::fs::create_dir_all(&data).unwrap();
    let golden_data = common::root().join("tests/fixtures/golden/data");
    for file in files_below(&golden_data) {
        std::fs::copy(golden_data.join(&file), data.join(&file)).unwrap();
    }
    let toml = std::fs::read_to_string(book.join("book.toml")).unwrap();
    let toml = toml.replace(
        &format!("{:?}", golden_data.display().to_string()),
        "\"../data\"",
    );
    std::fs::write(book.join("book.toml"), toml).unwrap();
    let wizard = book.join("src/wizard.md");
    let text = std::fs::read_to_string(&wizard).unwrap();
    std::fs::write(&wizard, text + "\n<<wizrd>>\n").unwrap();
    let text = std::fs::read_to_string(data.join("data.json")).unwrap();
    std::fs::write(
        data.join("data.json"),
        text.replacen("\"gold\"", "\"gld\"", 1),
    )
    .unwrap();
    let output = Command::new(BIN)
        .args(["validate", "--format", "json", "--book", "handbooks/mine"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let reported: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let files: std::collections::BTreeSet<&str> = reported
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["file"].as_str())
        .collect();
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        ["handbooks/data/data.json", "handbooks/mine/src/wizard.md"],
        "{reported:#}"
    );
}
