//! Properties of expansion over generated chapters (proptest): a chapter with no directive comes
//! out byte-identical; expanding a book twice gives the same bytes; `\<<` always survives as
//! literal text; an error never leaves a partially expanded book on stdout; and a symmetric
//! relation between patterns gives the same pages whichever of them declares it.

use std::path::{Path, PathBuf};
use std::process::Command;

use mdbook_markdown::{MarkdownOptions, new_cmark_parser};
use mdbook_patterns::expand_book;
use mdbook_patterns::{Config, Diagrams};
use mdbook_preprocessor::PreprocessorContext;
use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use crate::common;

fn golden_dir() -> PathBuf {
    common::root().join("tests/fixtures/golden")
}

/// A book of `chapters` (path, text) beside the pages the golden data links to.
fn book_of(chapters: &[(String, String)]) -> Book {
    let mut items: Vec<BookItem> = ["patterns/circuit-breaker.md", "case-studies/acme.md"]
        .into_iter()
        .map(|path| BookItem::Chapter(Chapter::new("Support", "# Support\n".into(), path, vec![])))
        .collect();
    for (path, text) in chapters {
        items.push(BookItem::Chapter(Chapter::new(
            "Generated",
            text.clone(),
            path,
            vec![],
        )));
    }
    Book::new_with_items(items)
}

fn config(diagrams: Diagrams) -> Config {
    Config {
        data: "data".into(),
        diagrams,
        ..Config::default()
    }
}

/// The book expanded and written as mdBook reads it; `None` where it has errors.
fn expanded_json(chapters: &[(String, String)], diagrams: Diagrams) -> Option<Vec<u8>> {
    let report = expand_book(
        &golden_dir(),
        &config(diagrams),
        "src",
        true,
        book_of(chapters),
    );
    let mut json = Vec::new();
    report.expanded?.write_json(&mut json).unwrap();
    Some(json)
}

fn expanded_chapter(text: &str) -> String {
    let chapters = [("guides/generated.md".to_owned(), text.to_owned())];
    let json = expanded_json(&chapters, Diagrams::Mermaid).expect("no errors");
    let book: Book = serde_json::from_slice(&json).unwrap();
    book.chapters()
        .find(|c| c.name == "Generated")
        .unwrap()
        .content
        .clone()
}

/// Pieces of Markdown a chapter is made of: prose, structure, code, and directives that work.
fn good_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.é😀]{0,40}",
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("- item\n  ".to_owned()),
        Just("> quoted ".to_owned()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_owned()),
        Just("`<<count>>` ".to_owned()),
        Just("\n```\n<<wizrd>>\n```\n".to_owned()),
        Just("<!-- <<wizrd>> -->".to_owned()),
        Just("a << b and c <<< d ".to_owned()),
        Just("\\<<count>> ".to_owned()),
        Just("There are <<count>> patterns. ".to_owned()),
        Just("<<count tier=gold>> ".to_owned()),
        Just("\n\n<<pattern retry>>\n\n".to_owned()),
        Just("\n\n<<tier-table domain=shop option=busy>>\n\n".to_owned()),
        Just("\n\n<<case-study acme>>\n\n".to_owned()),
        Just("\n\n<<pattern-index tier=silver>>\n\n".to_owned()),
        Just("\n\n<<combination-matrix>>\n\n".to_owned()),
        Just("\n\n<<domain-cards>>\n\n".to_owned()),
        Just("\n\n<<recipe>>\n\n".to_owned()),
        Just("\n\n<<pattern-graph polling depth=2>>\n\n".to_owned()),
    ]
}

/// The good pieces of a chapter; each block directive appears once, since a chapter may give
/// each heading id only once.
fn chapter_pieces() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(good_piece(), 0..30).prop_map(|pieces| {
        let mut blocks = std::collections::HashSet::new();
        pieces
            .into_iter()
            .filter(|p| !p.starts_with("\n\n<<") || blocks.insert(p.clone()))
            .collect()
    })
}

fn chapter_text() -> impl Strategy<Value = String> {
    chapter_pieces().prop_map(|pieces| pieces.concat())
}

/// Directives that fail: unknown, misspelled arguments, unclosed, a block inside a sentence.
fn bad_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<<wizrd>>".to_owned()),
        Just("<<tier-table domain=shop opton=busy>>".to_owned()),
        Just("<<pattern circuit-braker>>".to_owned()),
        Just("see <<count".to_owned()),
        Just("Inline <<recipe>> here.".to_owned()),
        Just("<<count tier=platinum>>".to_owned()),
        Just("<<pattern-graph retry depth=3>>".to_owned()),
    ]
}

/// `cases` cases, with the failures proptest keeps in `tests/properties.proptest-regressions`.
///
/// By default proptest keeps them beside the crate's root, `tests/main.rs`, in
/// `proptest-regressions/properties.txt`, found from the source file; named here, the file
/// stays beside this one.
fn proptest_config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::with_cases(cases)
    }
}

/// The failing cases kept so far are run again: proptest finds the file they are kept in.
#[test]
fn the_kept_failures_are_found() {
    let kept = proptest_config(1)
        .failure_persistence
        .unwrap()
        .load_persisted_failures2(Some(file!()));
    assert!(
        !kept.is_empty(),
        "proptest reads tests/properties.proptest-regressions"
    );
}

proptest! {
    #![proptest_config(proptest_config(64))]

    #[test]
    fn a_chapter_with_no_directive_comes_out_byte_identical(
        text in "[ -~\\t\\r\\néß😀\\u{0}\\u{feff}]{0,300}"
            // Until none is left: "<<<" becomes "< <<" after one pass.
            .prop_map(|mut t| {
                while t.contains("<<") {
                    t = t.replace("<<", "< <");
                }
                t
            }),
    ) {
        prop_assert_eq!(expanded_chapter(&text), text);
    }

    #[test]
    fn expanding_a_book_twice_gives_the_same_bytes(
        chapters in prop::collection::vec(("[a-z]{1,8}(/[a-z]{1,8})?", chapter_text()), 1..5),
    ) {
        let chapters: Vec<(String, String)> = chapters
            .into_iter()
            .enumerate()
            .map(|(i, (path, text))| (format!("{path}-{i}.md"), text))
            .collect();
        let first = expanded_json(&chapters, Diagrams::Svg);
        prop_assert!(first.is_some(), "the good pieces expand without errors");
        prop_assert!(first == expanded_json(&chapters, Diagrams::Svg));
    }

    #[test]
    fn an_escaped_directive_survives_as_literal_text(
        pieces in chapter_pieces(),
        cut in any::<prop::sample::Index>(),
        name in "[a-z]{1,6}(-[a-z]{1,6}){0,2}",
    ) {
        // On a paragraph of its own, so that no code span or block of the pieces around can
        // swallow it.
        let (before, after) = pieces.split_at(cut.index(pieces.len() + 1));
        let (before, after) = (before.concat(), after.concat());
        let text = format!("{before}\n\nWrite \\<<{name}>> for it.\n\n{after}");
        let expanded = expanded_chapter(&text);
        let html = rendered(&expanded);
        let shown = format!("Write &lt;&lt;{name}&gt;&gt; for it.");
        prop_assert!(html.contains(&shown), "{}", html);
    }
}

/// The HTML mdBook makes of `markdown`.
fn rendered(markdown: &str) -> String {
    let mut html = String::new();
    let parser = new_cmark_parser(markdown, &MarkdownOptions::default());
    mdbook_markdown::pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// The preprocessor as mdBook runs it, on a book of `chapters`: its exit status and stdout.
fn run_binary(book_dir: &Path, chapters: &[(String, String)]) -> (bool, Vec<u8>) {
    let loaded = mdbook_driver::MDBook::load(book_dir).unwrap();
    let ctx = PreprocessorContext::new(book_dir.to_owned(), loaded.config.clone(), "html".into());
    let input = serde_json::to_vec(&(&ctx, &book_of(chapters))).unwrap();
    let output = common::run_with_stdin(
        Command::new(env!("CARGO_BIN_EXE_mdbook-patterns")).current_dir(book_dir),
        input,
    );
    (output.status.success(), output.stdout)
}

proptest! {
    #![proptest_config(proptest_config(24))]

    #[test]
    fn an_error_never_leaves_a_partial_book_on_stdout(
        chapters in prop::collection::vec(chapter_text(), 1..4),
        bad in bad_piece(),
        which in any::<prop::sample::Index>(),
        at_start in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book");
        common::copy_book(&common::root().join("tests/fixtures/books/basic"), &book);
        let mut chapters: Vec<(String, String)> = chapters
            .into_iter()
            .enumerate()
            .map(|(i, text)| (format!("c{i}.md"), text))
            .collect();
        // The broken directive goes first or last in one chapter, where no code block of the
        // pieces can hide it.
        let chosen = which.index(chapters.len());
        let text = &mut chapters[chosen].1;
        let cut = if at_start { 0 } else { text.len() };
        text.insert_str(cut, &format!("\n\n{bad}\n\n"));

        let (success, stdout) = run_binary(&book, &chapters);
        prop_assert!(!success);
        prop_assert!(stdout.is_empty(), "{}", String::from_utf8_lossy(&stdout));
    }
}

/// The kinds of relation a pattern may declare; all but `requires` are symmetric.
const KINDS: [&str; 4] = [
    "requires",
    "complements",
    "alternative-to",
    "conflicts-with",
];

/// A relation of generated data between the patterns `high` and `low` (`high > low`, so that
/// `requires`, always declared by `high`, makes no cycle); a symmetric one is declared by
/// `high` when `on_high`, else by `low`.
#[derive(Debug, Clone)]
struct Related {
    high: usize,
    low: usize,
    kind: &'static str,
    note: Option<String>,
    on_high: bool,
}

/// A relation's note: inline Markdown, and characters that mean something in Markdown, HTML
/// and tables.
fn relation_note() -> impl Strategy<Value = Option<String>> {
    let piece = prop_oneof![
        "[a-zA-Z0-9 ,.é😀]{1,12}",
        Just("*emphasis*".to_owned()),
        Just("**strong**".to_owned()),
        Just("`a|b`".to_owned()),
        Just("[docs](https://example.com/a?b=1&c=(2))".to_owned()),
        Just("<b>raw</b>".to_owned()),
        Just("<script>alert(1)</script>".to_owned()),
        Just(" | ".to_owned()),
        Just("\\*not emphasis\\*".to_owned()),
        Just("&amp; &lt; \"q\" 'q'".to_owned()),
        Just("_under_".to_owned()),
        Just("]]> --> <!--".to_owned()),
    ];
    prop::option::of(
        prop::collection::vec(piece, 1..5).prop_map(|pieces| format!("Note {}", pieces.concat())),
    )
}

/// Patterns (their names) and relations between them, one per pair at most (so that no kinds
/// contradict).
fn related_patterns() -> impl Strategy<Value = (Vec<String>, Vec<Related>)> {
    (2usize..5).prop_flat_map(|n| {
        let names = prop::collection::vec("[A-Z][a-zA-Z0-9 *_`|<>&'\"]{0,12}", n);
        // Two different patterns: the first, and the one `1..n` after it.
        let relation = (
            0..n,
            1..n,
            prop::sample::select(KINDS.to_vec()),
            relation_note(),
            any::<bool>(),
        );
        let relations = prop::collection::vec(relation, 1..6).prop_map(move |list| {
            let mut pairs = std::collections::HashSet::new();
            list.into_iter()
                .map(|(a, after, kind, note, on_high)| (a, (a + after) % n, kind, note, on_high))
                .filter(|(a, b, ..)| pairs.insert((*a.max(b), *a.min(b))))
                .map(|(a, b, kind, note, on_high)| Related {
                    high: a.max(b),
                    low: a.min(b),
                    kind,
                    note,
                    on_high,
                })
                .collect::<Vec<_>>()
        });
        (names, relations)
    })
}

/// The data of `names` and `relations` (schema 1.1), as JSON text.
fn related_data(names: &[String], relations: &[Related]) -> String {
    let id = |i: usize| format!("p{i}");
    let mut patterns = serde_json::Map::new();
    for (i, name) in names.iter().enumerate() {
        let declared: Vec<serde_json::Value> = relations
            .iter()
            .filter_map(|r| {
                let by_high = r.kind == "requires" || r.on_high;
                let (from, to) = if by_high {
                    (r.high, r.low)
                } else {
                    (r.low, r.high)
                };
                (from == i).then(|| {
                    let mut relation = serde_json::json!({ "kind": r.kind, "pattern": id(to) });
                    if let Some(note) = &r.note {
                        relation["note"] = note.as_str().into();
                    }
                    relation
                })
            })
            .collect();
        let tier = ["gold", "silver", "bronze"][i % 3];
        patterns.insert(
            id(i),
            serde_json::json!({
                "name": name,
                "tier": tier,
                "category": "resilience",
                "summary": format!("Pattern *{i}*."),
                "relations": declared,
            }),
        );
    }
    serde_json::json!({ "schema_version": "1.1", "patterns": patterns }).to_string()
}

/// A book of every pattern's card and two comparisons of them (one named, one the page),
/// expanded for HTML with `data` as its data: the book as written for mdBook.
fn expanded_with_data(patterns: usize, data: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::write(dir.path().join("data/data.json"), data).unwrap();
    let ids: Vec<String> = (0..patterns).map(|i| format!("p{i}")).collect();
    let mut text = String::from("# Patterns\n\n");
    for id in &ids {
        text.push_str(&format!("<<pattern {id}>>\n\n"));
    }
    text.push_str(&format!(
        "<<compare patterns={}>>\n\n<<compare>>\n",
        ids.join(",")
    ));
    let book = Book::new_with_items(vec![BookItem::Chapter(Chapter::new(
        "Patterns",
        text,
        "patterns.md",
        vec![],
    ))]);
    let report = expand_book(dir.path(), &config(Diagrams::Mermaid), "src", true, book);
    // Warnings there are (a pattern nothing recommends), but no error.
    let Some(expanded) = report.expanded else {
        let problems: Vec<String> = report.diagnostics.iter().map(|d| d.headline()).collect();
        panic!("errors: {problems:?}\n{data}");
    };
    let mut json = Vec::new();
    expanded.write_json(&mut json).unwrap();
    json
}

proptest! {
    #![proptest_config(proptest_config(64))]

    /// `complements`, `alternative-to` and `conflicts-with` hold both ways: the cards and the
    /// comparisons are the same bytes whichever pattern declares each, and a relation of
    /// another kind changes them.
    #[test]
    fn a_symmetric_relation_gives_the_same_pages_whichever_side_declares_it(
        (names, relations) in related_patterns(),
    ) {
        let flipped: Vec<Related> = relations
            .iter()
            .map(|r| Related { on_high: !r.on_high, ..r.clone() })
            .collect();
        let as_given = expanded_with_data(names.len(), &related_data(&names, &relations));
        let other_side = expanded_with_data(names.len(), &related_data(&names, &flipped));
        prop_assert!(
            as_given == other_side,
            "declared on the other side, a relation changes the pages:\n{}\n{}",
            String::from_utf8_lossy(&as_given),
            String::from_utf8_lossy(&other_side)
        );

        // The relations show: another kind of relation gives other pages.
        let mut other_kind = relations.clone();
        let changed = &mut other_kind[0];
        changed.kind = match changed.kind {
            "complements" => "conflicts-with",
            "conflicts-with" => "alternative-to",
            "alternative-to" => "requires",
            _ => "complements",
        };
        let other_kind = expanded_with_data(names.len(), &related_data(&names, &other_kind));
        prop_assert!(as_given != other_kind, "the relations make no difference to the pages");
    }
}
