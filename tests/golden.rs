//! Golden chapters: each `tests/fixtures/golden/chapters/NAME.in.md` is expanded as a chapter
//! of a book whose data is `tests/fixtures/golden/data/`, and must equal `NAME.out.md`. Each has
//! a test of its own, named as [`golden::test_name`] says (`cargo test golden::wrapped_prose`);
//! `BLESS=1 cargo test golden::` rewrites the `.out.md` files; review the diff.
//!
//! A chapter's location in the book is its name with `__` read as `/`
//! (`guides__deep__page.in.md` is the chapter `guides/deep/page.md`), so relative links from
//! nested chapters are covered. Files ending `.plain.in.md` are rendered for a renderer other
//! than HTML.

use std::path::{Path, PathBuf};

use mdbook_patterns::expand_book;
use mdbook_patterns::{Config, Diagrams};
use mdbook_preprocessor::book::{Book, BookItem, Chapter};

use crate::common::golden::{self, cases};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden")
}

/// The chapters every golden book has besides the one under test, so links have targets.
fn supporting_chapters() -> Vec<Chapter> {
    ["patterns/circuit-breaker.md", "case-studies/acme.md"]
        .into_iter()
        .map(|path| Chapter::new("Support", "# Support\n".into(), path, Vec::new()))
        .collect()
}

fn expand(name: &str, input: &str, html: bool, diagrams: Diagrams) -> Result<String, String> {
    let path = name.replace("__", "/");
    let mut chapters = supporting_chapters();
    chapters.push(Chapter::new(
        "Under test",
        input.to_owned(),
        &path,
        Vec::new(),
    ));
    let book = Book::new_with_items(chapters.into_iter().map(BookItem::Chapter).collect());
    let config = Config {
        data: PathBuf::from("data"),
        diagrams,
        ..Config::default()
    };
    let report = expand_book(&golden_dir(), &config, "src", html, book);
    let Some(book) = report.expanded.map(|e| e.into_book()) else {
        let lines: Vec<String> = report.diagnostics.iter().map(|d| d.headline()).collect();
        return Err(lines.join("\n"));
    };
    let chapter = book
        .chapters()
        .find(|c| c.path.as_deref() == Some(Path::new(&path)))
        .expect("the chapter under test");
    Ok(chapter.content.clone())
}

cases!(expand_case;
    card_title,
    cards,
    evidence,
    code_and_comments,
    compare,
    compare_plain,
    crlf,
    domain_section,
    errors,
    escapes,
    examples,
    guides_payments_diagrams_svg,
    guides_pattern_graph_svg,
    guides_case_study_index,
    guides_payments_nested,
    heading_errors,
    indexes,
    indexes_plain,
    inline_markdown,
    inline_markdown_plain,
    levels,
    levels_code,
    lists,
    pattern_graph,
    pattern_graph_errors,
    pattern_graph_plain,
    unicode,
    wizard,
    wizard_plain,
    wrapped_prose,
);

/// The golden chapters' inputs, `NAME.in.md`.
fn inputs() -> Vec<PathBuf> {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(golden_dir().join("chapters"))
        .expect("the golden chapters folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".in.md"))
        .collect();
    inputs.sort();
    inputs
}

#[test]
fn every_golden_chapter_has_its_test() {
    let inputs = inputs();
    assert!(inputs.len() >= 8, "the golden pairs are found");
    golden::assert_one_test_per_fixture(&inputs, ".in.md", CASES);
}

/// The golden chapter whose test is `test` expands to its `.out.md`.
fn expand_case(test: &str) {
    let input_path = golden::fixture_of(test, &inputs(), ".in.md");
    let file = input_path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let stem = file.trim_end_matches(".in.md");
    // `NAME.plain.in.md` is rendered for a renderer other than HTML; `NAME.svg.in.md` with
    // diagrams drawn as SVG; the rest with diagrams as mermaid, which reads better here.
    let html = !stem.ends_with(".plain");
    let diagrams = match stem.ends_with(".svg") {
        true => Diagrams::Svg,
        false => Diagrams::Mermaid,
    };
    let name = format!(
        "{}.md",
        stem.trim_end_matches(".plain").trim_end_matches(".svg")
    );
    let input = std::fs::read_to_string(&input_path).expect("a readable input");
    let actual = match expand(&name, &input, html, diagrams) {
        Ok(text) => text,
        Err(errors) => format!("ERRORS\n{errors}\n"),
    };
    if html {
        assert_balanced_html(&file, &actual);
    } else {
        assert!(
            !actual.contains("<div") && !actual.contains("<details"),
            "{file}: no raw HTML"
        );
    }
    golden::check(
        &input_path.with_file_name(format!("{stem}.out.md")),
        &actual,
    );
}

#[test]
fn chapters_without_directives_are_byte_identical() {
    let text = "# Title\r\n\r\nSome *text* with `code`, a << b, and unicode: déjà vu 🚀.\r\n\r\n```\n<<not-a-directive\n```\n";
    assert_eq!(
        expand("plain.md", text, true, Diagrams::Svg).as_deref(),
        Ok(text)
    );
}

/// Every HTML element the output opens outside code is closed, in order.
fn assert_balanced_html(file: &str, text: &str) {
    const VOID: &[&str] = &["br", "hr", "img", "input", "meta", "link", "wbr"];
    let mut open: Vec<String> = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        // Inline code, escaped angle brackets and link destinations (`](<…>)`) are no tags.
        let line: String = line.split('`').step_by(2).collect::<Vec<_>>().join("");
        let line = line.replace("\\<", "").replace("](<", "](");
        let mut rest = line.as_str();
        while let Some(start) = rest.find('<') {
            rest = &rest[start + 1..];
            let Some(end) = rest.find('>') else { break };
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if name.is_empty() || VOID.contains(&name.as_str()) || tag.ends_with('/') {
                continue;
            }
            if closing {
                let top = open.pop();
                assert_eq!(
                    top.as_deref(),
                    Some(name.as_str()),
                    "{file}: </{name}> closes {top:?}"
                );
            } else {
                open.push(name);
            }
        }
    }
    assert!(open.is_empty(), "{file}: unclosed {open:?}");
}
