//! `generate-pages = true` (SPEC §4) on a book whose 120 patterns and 80 case studies have no
//! chapter of their own: built by `mdbook-patterns build` and by the real mdBook, each generated
//! page sits in the sidebar at its depth under its index chapter (with and without mdBook's
//! `no-section-label`), no link is broken, the search index finds a pattern by the words of its
//! summary, the print page holds every page, and nothing is written into `src/`.
//!
//! The fixture is written by the test, not committed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{ElementRef, Html, Selector};
use serde_json::{Value, json};

use crate::common::{files_below, real_mdbook};

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-patterns");
const PATTERNS: usize = 120;
const CASE_STUDIES: usize = 80;

/// The word of pattern `n`'s summary that no other page has.
pub fn summary_word(n: usize) -> String {
    // Letters only: mdBook's search splits words at digits no more than at letters, but a
    // word of letters is one token for certain.
    let letters: String = format!("{n:03}")
        .chars()
        .map(|d| (b'a' + d.to_digit(10).unwrap() as u8) as char)
        .collect();
    format!("quokka{letters}")
}

/// The data: patterns `p-000`…, case studies `c-00`…, each cited by one stack row.
fn data() -> Value {
    let patterns: serde_json::Map<String, Value> = (0..PATTERNS)
        .map(|n| {
            let tier = ["gold", "silver", "bronze"][n % 3];
            let pattern = json!({
                "name": format!("Pattern {n:03}"),
                "tier": tier,
                "category": "generated",
                "summary": format!("Keeps the {} ledger steady.", summary_word(n)),
            });
            (format!("p-{n:03}"), pattern)
        })
        .collect();
    let case_studies: serde_json::Map<String, Value> = (0..CASE_STUDIES)
        .map(|n| {
            let case_study = json!({ "title": format!("Case {n:02}"), "company": "Acme" });
            (format!("c-{n:02}"), case_study)
        })
        .collect();
    let stack: Vec<Value> = (0..CASE_STUDIES)
        .map(|n| {
            json!({
                "pattern": format!("p-{:03}", n % PATTERNS),
                "why": "Because",
                "evidence": { "case_study": format!("c-{n:02}") }
            })
        })
        .collect();
    json!({
        "schema_version": "1.1",
        "patterns": patterns,
        "case_studies": case_studies,
        "domains": [{
            "id": "shop", "title": "Shop", "summary": "Selling things",
            "question": "How busy?",
            "options": [{ "id": "busy", "title": "Busy", "stack": stack }]
        }]
    })
}

/// A book at `dir` with the fixture's data, `summary` as its SUMMARY.md and each of
/// `chapters` (path, text) in `src/`.
pub fn write_book(dir: &Path, summary: &str, chapters: &[(&str, &str)], html: &str) {
    let src = dir.join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("SUMMARY.md"), summary).unwrap();
    for (path, text) in chapters {
        let file = src.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let data = serde_json::to_string_pretty(&data()).unwrap();
    std::fs::write(dir.join("data/data.json"), data).unwrap();
    let toml = format!(
        "[book]\ntitle = \"Generated\"\n\n[preprocessor.patterns]\ndata = \"data\"\n\
         generate-pages = true\n\n[output.html]\n{html}\n"
    );
    std::fs::write(dir.join("book.toml"), toml).unwrap();
}

pub const SUMMARY: &str = "# Summary

[Introduction](intro.md)

- [Guide](guide.md)
- [Patterns](patterns.md)
    - [How to read a card](patterns/reading.md)
- [Evidence](evidence.md)
    - [Case studies](evidence/case-studies.md)
";

pub fn chapters() -> Vec<(&'static str, &'static str)> {
    vec![
        ("intro.md", "# Introduction\n\nA book of generated pages.\n"),
        // An example index comes first in book order but is never a parent.
        (
            "guide.md",
            "# Guide\n\n<<pattern-index tier=gold example=true>>\n\n<<case-study-index example=true>>\n",
        ),
        ("patterns.md", "# Patterns\n\n<<pattern-index>>\n"),
        (
            "patterns/reading.md",
            "# How to read a card\n\nTier first.\n",
        ),
        (
            "evidence.md",
            "# Evidence\n\nWhere the patterns come from.\n",
        ),
        (
            "evidence/case-studies.md",
            "# Case studies\n\n<<case-study-index>>\n",
        ),
    ]
}

pub fn build_with_binary(book: &Path, out: &Path) -> Output {
    Command::new(BIN)
        .arg("build")
        .arg(book)
        .env("MDBOOK_BUILD__BUILD_DIR", out)
        .output()
        .expect("the binary runs")
}

fn build_with_mdbook(book: &Path, out: &Path) -> Output {
    Command::new(real_mdbook())
        .arg("build")
        .arg(book)
        .arg("--dest-dir")
        .arg(out)
        .env("MDBOOK_PREPROCESSOR__PATTERNS__COMMAND", BIN)
        .output()
        .expect("mdbook runs")
}

pub fn succeeded(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "the build succeeds:\n{stderr}");
    assert!(
        !stderr.contains("has no page and no card"),
        "no pattern or case study is left without a page:\n{stderr}"
    );
    stderr
}

/// Each link of the sidebar (`toc.html`), by its `href`, with its depth: 1 for a chapter at
/// the top, 2 for its sub-chapters…
fn sidebar(out: &Path) -> BTreeMap<String, usize> {
    let html = Html::parse_document(&std::fs::read_to_string(out.join("toc.html")).unwrap());
    let mut depths = BTreeMap::new();
    for link in select(&html.root_element(), "a[href]") {
        let depth = link
            .ancestors()
            .filter(|a| a.value().as_element().is_some_and(|e| e.name() == "ol"))
            .count();
        let href = link.value().attr("href").unwrap().to_owned();
        assert!(
            depths.insert(href.clone(), depth).is_none(),
            "{href} is in the sidebar once"
        );
    }
    depths
}

fn select<'a>(element: &ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    element
        .select(&Selector::parse(css).expect("a valid selector"))
        .collect()
}

/// What every build of the fixture must show.
fn check_built(book: &Path, out: &Path, section_labels: bool) {
    let depths = sidebar(out);
    let generated: Vec<(&String, &usize)> = depths
        .iter()
        .filter(|(href, _)| href.starts_with("patterns/p-") || href.starts_with("case-studies/"))
        .collect();
    assert_eq!(generated.len(), PATTERNS + CASE_STUDIES, "{depths:#?}");
    for (href, depth) in &generated {
        let expected = if href.starts_with("patterns/") { 2 } else { 3 };
        assert_eq!(**depth, expected, "{href}'s depth in the sidebar");
        assert!(out.join(href).is_file(), "{href} is written");
    }
    assert_eq!(depths["patterns.html"], 1);
    assert_eq!(depths["evidence/case-studies.html"], 2);

    // Book order: the parent's own sub-chapter first, then the generated pages by name.
    let toc = std::fs::read_to_string(out.join("toc.html")).unwrap();
    let at = |href: &str| toc.find(&format!("href=\"{href}\"")).unwrap();
    assert!(at("patterns.html") < at("patterns/reading.html"));
    assert!(at("patterns/reading.html") < at("patterns/p-000.html"));
    assert!(at("patterns/p-000.html") < at("patterns/p-001.html"));
    assert!(at("patterns/p-119.html") < at("evidence.html"));
    if section_labels {
        assert!(toc.contains("<strong aria-hidden=\"true\">2.1.</strong>"));
        assert!(toc.contains("<strong aria-hidden=\"true\">2.2.</strong> Pattern 000"));
        assert!(toc.contains("<strong aria-hidden=\"true\">3.1.80.</strong> Case 79"));
    } else {
        assert!(!toc.contains("<strong aria-hidden=\"true\">"));
    }

    // A generated page holds its card, and the indexes link to it.
    let page = std::fs::read_to_string(out.join("patterns/p-007.html")).unwrap();
    assert!(page.contains(&summary_word(7)), "the card is on its page");
    let index = std::fs::read_to_string(out.join("patterns.html")).unwrap();
    assert!(index.contains("href=\"patterns/p-007.html\""));
    let studies = std::fs::read_to_string(out.join("evidence/case-studies.html")).unwrap();
    assert!(studies.contains("href=\"../case-studies/c-07.html\""));
    assert!(studies.contains("href=\"../patterns/p-007.html\""));
    let case_page = std::fs::read_to_string(out.join("case-studies/c-07.html")).unwrap();
    assert!(case_page.contains("href=\"../patterns/p-007.html\""));

    assert_no_broken_links(out);

    // The print page holds every generated page.
    let print = std::fs::read_to_string(out.join("print.html")).unwrap();
    for n in 0..PATTERNS {
        assert!(
            print.contains(&summary_word(n)),
            "print.html holds p-{n:03}"
        );
    }
    for n in 0..CASE_STUDIES {
        assert!(
            print.contains(&format!("Case {n:02}")),
            "print.html holds c-{n:02}"
        );
    }

    assert_search_finds(out, &summary_word(42), "patterns/p-042.html");

    // Nothing was written into src/.
    let written: Vec<PathBuf> = files_below(&book.join("src"));
    let expected: Vec<PathBuf> = std::iter::once("SUMMARY.md")
        .chain(chapters().iter().map(|(path, _)| *path))
        .map(PathBuf::from)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(written, expected, "src/ holds only the author's files");
}

/// mdBook's search index (`searchindex.js`) maps `word` to a section of `page`.
fn assert_search_finds(out: &Path, word: &str, page: &str) {
    // mdBook 0.5 fingerprints its files: `searchindex-<hash>.js`.
    let file = files_below(out)
        .into_iter()
        .find(|f| {
            let name = f.to_string_lossy();
            name.starts_with("searchindex") && name.ends_with(".js")
        })
        .expect("a search index");
    let js = std::fs::read_to_string(out.join(file)).unwrap();
    // `JSON.parse('…')`, with `\` and `'` escaped by a backslash.
    let quoted = &js[js.find("JSON.parse('").unwrap() + 12..js.rfind("')").unwrap()];
    let mut json = String::with_capacity(quoted.len());
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        json.push(if c == '\\' { chars.next().unwrap() } else { c });
    }
    let index: Value = serde_json::from_str(&json).expect("the search index is JSON");
    // elasticlunr's inverted index: a tree of characters; at the word's end, the documents
    // (by their number) that hold it.
    let mut node = &index["index"]["index"]["body"]["root"];
    for c in word.chars() {
        node = &node[c.to_string()];
        assert!(!node.is_null(), "the search index has \"{word}\"");
    }
    let documents: Vec<&String> = node["docs"].as_object().unwrap().keys().collect();
    assert!(!documents.is_empty(), "some page holds \"{word}\"");
    let urls = index["doc_urls"].as_array().unwrap();
    let pages: Vec<&str> = documents
        .iter()
        .map(|d| urls[d.parse::<usize>().unwrap()].as_str().unwrap())
        .collect();
    assert!(
        pages
            .iter()
            .any(|url| url.starts_with(&format!("{page}#")) || *url == page),
        "a search for \"{word}\" finds {page}: {pages:?}"
    );
}

/// Every `href` of every page points to a file that exists, and every `#anchor` to an id on it.
fn assert_no_broken_links(root: &Path) {
    let links = crate::common::links_of(root);
    assert!(
        links.checked > 2000,
        "links were checked: {}",
        links.checked
    );
    assert!(
        links.broken.is_empty(),
        "{} broken links:\n{}",
        links.broken.len(),
        links.broken.join("\n")
    );
}

/// `mdbook-patterns build`, with mdBook's section numbers in the sidebar and edit links.
#[test]
fn two_hundred_generated_pages_built_in_process() {
    let book = tempfile::tempdir().unwrap();
    let edit = "edit-url-template = \"https://example.com/edit/{path}\"";
    write_book(book.path(), SUMMARY, &chapters(), edit);
    let out = tempfile::tempdir().unwrap();
    succeeded(&build_with_binary(book.path(), out.path()));
    check_built(book.path(), out.path(), true);

    // mdBook gives a page with no file an edit link to `src/`; a generated page hides it.
    let hides = "<style>a[rel=\"edit\"] { display: none; }</style>";
    let page = std::fs::read_to_string(out.path().join("patterns/p-007.html")).unwrap();
    assert!(page.contains(hides), "a generated page hides its edit link");
    let page = std::fs::read_to_string(out.path().join("patterns.html")).unwrap();
    assert!(page.contains("href=\"https://example.com/edit/src/patterns.md\""));
    assert!(!page.contains(hides), "a written page keeps its edit link");
}

/// The real mdBook running this preprocessor, with `no-section-label = true`.
#[test]
fn two_hundred_generated_pages_built_by_mdbook_without_section_labels() {
    let book = tempfile::tempdir().unwrap();
    write_book(book.path(), SUMMARY, &chapters(), "no-section-label = true");
    let out = tempfile::tempdir().unwrap();
    succeeded(&build_with_mdbook(book.path(), out.path()));
    check_built(book.path(), out.path(), false);
}

/// Where no numbered chapter holds an index, the generated pages make a part at the end of the
/// book, at the top of the sidebar.
#[test]
fn without_a_numbered_index_the_pages_are_a_part_at_the_end() {
    for html in ["", "no-section-label = true"] {
        let book = tempfile::tempdir().unwrap();
        let summary = "# Summary\n\n[Patterns](patterns.md)\n\n- [Guide](guide.md)\n";
        let chapters = [
            ("patterns.md", "# Patterns\n\n<<pattern-index>>\n"),
            ("guide.md", "# Guide\n\n<<case-study-index example=true>>\n"),
        ];
        write_book(book.path(), summary, &chapters, html);
        let out = tempfile::tempdir().unwrap();
        succeeded(&build_with_binary(book.path(), out.path()));
        let depths = sidebar(out.path());
        let generated = depths
            .iter()
            .filter(|(href, _)| href.starts_with("patterns/") || href.starts_with("case-studies/"));
        assert_eq!(generated.clone().count(), PATTERNS + CASE_STUDIES);
        for (href, depth) in generated {
            assert_eq!(*depth, 1, "{href} is at the top of the sidebar ({html})");
        }
        let toc = std::fs::read_to_string(out.path().join("toc.html")).unwrap();
        let part = |title: &str| {
            toc.find(&format!("<li class=\"part-title\">{title}</li>"))
                .unwrap()
        };
        assert!(part("Patterns") < toc.find("patterns/p-000.html").unwrap());
        assert!(toc.find("patterns/p-119.html").unwrap() < part("Case studies"));
        assert!(part("Case studies") < toc.find("case-studies/c-00.html").unwrap());
        assert_no_broken_links(out.path());
    }
}

/// A generated page's path that is already a chapter is an error naming both.
#[test]
fn a_chapter_in_the_way_of_a_generated_page_is_an_error() {
    let book = tempfile::tempdir().unwrap();
    let mut chapters = chapters();
    chapters.push(("patterns/p-007.md", "# Something else\n"));
    let summary = format!("{SUMMARY}- [Something else](patterns/p-007.md)\n");
    write_book(book.path(), &summary, &chapters, "");
    let out = tempfile::tempdir().unwrap();
    let output = build_with_binary(book.path(), out.path());
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "pattern \"p-007\" would get a generated page at \"patterns/p-007.md\", but the book already has the chapter src/patterns/p-007.md"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("data/data.json:"), "{stderr}");
}

/// The generated chapters as mdBook's `Book` holds them: numbered after the parent's own
/// sub-chapters, whose numbers stay; `parent_names` as mdBook sets them; a path but no file.
#[test]
fn generated_chapters_are_numbered_and_named_as_mdbook_would() {
    use mdbook_patterns::{Config, expand_book};
    use mdbook_preprocessor::book::{Book, BookItem, Chapter, SectionNumber};

    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("data")).unwrap();
    let data = serde_json::to_string(&data()).unwrap();
    std::fs::write(root.path().join("data/data.json"), data).unwrap();
    let chapter = |name: &str, path: &str, text: &str, number: &[u32], parents: &[&str]| {
        let parents = parents.iter().map(|p| (*p).to_owned()).collect();
        let mut chapter = Chapter::new(name, text.to_owned(), path, parents);
        chapter.number = Some(SectionNumber::new(number.to_vec()));
        chapter
    };
    let make_book = || {
        let mut evidence = chapter("Evidence", "evidence.md", "# Evidence\n", &[2], &[]);
        let mut studies = chapter(
            "Case studies",
            "evidence/case-studies.md",
            "# Case studies\n\n<<case-study-index>>\n",
            &[2, 1],
            &["Evidence"],
        );
        let kept = chapter(
            "Kept",
            "evidence/kept.md",
            "# Kept\n",
            &[2, 1, 4],
            &["Evidence", "Case studies"],
        );
        studies.sub_items.push(BookItem::Chapter(kept));
        evidence.sub_items.push(BookItem::Chapter(studies));
        let patterns = chapter(
            "Patterns",
            "patterns.md",
            "# Patterns\n\n<<pattern-index>>\n",
            &[1],
            &[],
        );
        Book::new_with_items(vec![
            BookItem::Chapter(patterns),
            BookItem::Chapter(evidence),
        ])
    };
    let book = make_book();
    let config = Config {
        data: "data".into(),
        generate_pages: true,
        ..Config::default()
    };
    let report = expand_book(root.path(), &config, "src", true, book);
    let book = report.expanded.expect("the book expands").into_book();
    let chapters: Vec<&Chapter> = book.chapters().collect();
    assert_eq!(chapters.len(), 4 + PATTERNS + CASE_STUDIES);

    let p000 = chapters.iter().find(|c| c.name == "Pattern 000").unwrap();
    assert_eq!(p000.number, Some(SectionNumber::new(vec![1, 1])));
    assert_eq!(p000.path.as_deref(), Some(Path::new("patterns/p-000.md")));
    assert_eq!(p000.source_path, None);
    assert_eq!(p000.parent_names, ["Patterns"]);
    assert!(
        p000.content.starts_with("# Pattern 000\n"),
        "{}",
        p000.content
    );
    assert!(p000.content.contains(&summary_word(0)), "{}", p000.content);
    let p119 = chapters.iter().find(|c| c.name == "Pattern 119").unwrap();
    assert_eq!(p119.number, Some(SectionNumber::new(vec![1, 120])));

    let kept = chapters.iter().find(|c| c.name == "Kept").unwrap();
    assert_eq!(kept.number, Some(SectionNumber::new(vec![2, 1, 4])));
    let c00 = chapters.iter().find(|c| c.name == "Case 00").unwrap();
    assert_eq!(c00.number, Some(SectionNumber::new(vec![2, 1, 5])));
    assert_eq!(c00.path.as_deref(), Some(Path::new("case-studies/c-00.md")));
    assert_eq!(c00.parent_names, ["Evidence", "Case studies"]);
    let c79 = chapters.iter().find(|c| c.name == "Case 79").unwrap();
    assert_eq!(c79.number, Some(SectionNumber::new(vec![2, 1, 84])));

    // Book order: the kept sub-chapter, then the generated ones.
    let names: Vec<&str> = chapters.iter().map(|c| c.name.as_str()).collect();
    let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
    assert!(at("Kept") < at("Case 00") && at("Case 00") < at("Case 01"));
    assert_eq!(at("Pattern 000"), 1);

    // For another renderer than `html`, plain Markdown: nothing hides an edit link.
    let report = expand_book(root.path(), &config, "src", false, make_book());
    let book = report.expanded.expect("the book expands").into_book();
    let p000 = book.chapters().find(|c| c.name == "Pattern 000").unwrap();
    assert!(!p000.content.contains('<'), "{}", p000.content);
}

/// Without `generate-pages`, a case study with neither a page nor a card is a warning, as a
/// pattern is; the book builds, and mentions of it are plain text.
#[test]
fn without_generated_pages_a_homeless_case_study_is_a_warning() {
    let book = tempfile::tempdir().unwrap();
    write_book(book.path(), SUMMARY, &chapters(), "");
    let toml = book.path().join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace("generate-pages = true", "generate-pages = false"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = build_with_binary(book.path(), out.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "warning: case_studies.c-07: case study \"c-07\" has no page and no card, so every mention of it renders as plain text"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("put <<case-study c-07>> in a chapter, or set generate-pages = true"),
        "{stderr}"
    );
    assert!(!out.path().join("case-studies").exists());
    let studies = std::fs::read_to_string(out.path().join("evidence/case-studies.html")).unwrap();
    assert!(studies.contains("<td>Case 07</td>"), "plain text");
}
