//! What each fuzz target checks of one input. The fuzz targets call these on what libFuzzer
//! makes up; `cargo test` (tests/fuzz_regressions.rs) calls them on every committed corpus file
//! and crash input. A panic here is a finding.

use std::path::Path;

use mdbook_patterns::Diagnostic;
use mdbook_patterns::expand_book;
use mdbook_patterns::fuzzing::{self, FoundKind};
use mdbook_patterns::{Config, Diagrams, OnFailure};
use mdbook_preprocessor::book::{Book, BookItem, Chapter};

/// The directive scanner over any chapter text: what it finds lies inside the text, in order,
/// on character boundaries, at the line and column it says, and a directive alone on its line
/// is all there is on that line.
#[allow(dead_code)]
pub fn scan(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut previous_end = 0;
    for found in fuzzing::scan(&text) {
        let range = found.range.clone();
        assert!(previous_end <= range.start && range.start < range.end);
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        let before = &text[..range.start];
        assert_eq!(found.line, before.matches('\n').count() + 1, "{found:?}");
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(
            found.column,
            text[line_start..range.start].chars().count() + 1,
            "{found:?}"
        );
        match &found.what {
            FoundKind::Escape => assert_eq!(&text[range.clone()], "\\<<"),
            FoundKind::Directive { alone, .. } => {
                assert!(text[range.clone()].starts_with("<<"));
                assert!(!text[range.clone()].contains('\n'));
                if let Some((indent, line)) = alone {
                    assert_eq!(line.start, line_start);
                    assert_eq!(&text[line_start..range.start], indent);
                    assert!(range.end <= line.end);
                    assert!(
                        text[range.end..line.end]
                            .trim_matches([' ', '\t'])
                            .is_empty()
                    );
                }
            }
        }
        previous_end = range.end;
    }
}

/// The data loader and the checks over any content of a data file: every problem points into
/// the file, and a message can be shown for each.
#[allow(dead_code)]
pub fn load(data: &[u8]) {
    load_as("data.json", data);
}

/// The YAML and TOML converters over any text (lossy UTF-8), each in turn: the JSON written
/// parses, every mark lies inside both texts (on a character boundary of the original, in the
/// JSON's order), every refusal and key written twice inside the original; then the loader
/// and the checks over the same bytes as a `.yaml` and as a `.toml` file, as [`load`] does.
#[allow(dead_code)]
pub fn convert(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for converter in [fuzzing::convert_yaml, fuzzing::convert_toml] {
        let converted = match converter(&text) {
            Ok(converted) => converted,
            Err(refusals) => {
                assert!(!refusals.is_empty(), "a file unread says why");
                for refusal in &refusals {
                    assert!(text.is_char_boundary(refusal.offset), "{refusal:?}");
                }
                continue;
            }
        };
        let parsed = serde_json::from_str::<serde_json::Value>(&converted.json);
        assert!(parsed.is_ok(), "{:?}: {parsed:?}", converted.json);
        let mut previous = 0;
        for mark in &converted.marks {
            let json = mark.json as usize;
            assert!(previous <= json && json <= converted.json.len(), "{mark:?}");
            assert!(text.is_char_boundary(mark.original as usize), "{mark:?}");
            previous = json;
        }
        for refusal in &converted.refusals {
            assert!(text.is_char_boundary(refusal.offset), "{refusal:?}");
        }
        for duplicate in &converted.duplicates {
            assert!(duplicate.first <= duplicate.second, "{duplicate:?}");
            assert!(text.is_char_boundary(duplicate.second), "{duplicate:?}");
            assert!(text.is_char_boundary(duplicate.first), "{duplicate:?}");
        }
    }
    load_as("data.yaml", data);
    load_as("data.toml", data);
}

/// [`load`] for a file named `name`, whose extension says its format.
#[allow(dead_code)]
fn load_as(name: &str, data: &[u8]) {
    let loaded = mdbook_patterns::load_bytes(name, data.to_vec());
    let problems = mdbook_patterns::validate(&loaded.data);
    let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
    for diagnostic in loaded.diagnostics.iter().chain(&problems) {
        let location = diagnostic.problem.location.as_deref();
        if let Some(position) = location.and_then(|l| l.position) {
            assert!(
                position.line >= 1 && position.line <= lines,
                "{diagnostic:?}"
            );
            assert!(position.column >= 1, "{diagnostic:?}");
        }
        assert!(!diagnostic.render_human().is_empty());
    }
    mdbook_patterns::fuzzing::Index::new(&loaded.data);
}

/// The whole preprocessor over any chapter text, in a book whose data is the golden fixtures'
/// (`golden` is that folder). The first byte picks the settings. Under `bail`, a problem means
/// no book; otherwise the book is written as mdBook reads it, and a chapter with nothing for
/// the scanner comes out as it went in.
#[allow(dead_code)]
pub fn preprocess(golden: &Path, data: &[u8]) {
    let (settings, chapter) = data.split_first().unwrap_or((&0, &[]));
    let text = String::from_utf8_lossy(chapter).into_owned();
    let config = Config {
        data: "data".into(),
        diagrams: if settings & 1 == 1 {
            Diagrams::Svg
        } else {
            Diagrams::Mermaid
        },
        generate_pages: false,
        stale_after_days: None,
        recent_days: None,
        today: None,
        language: None,
        on_failure: if settings & 2 == 2 {
            OnFailure::Continue
        } else {
            OnFailure::Bail
        },
    };
    let html = settings & 4 == 0;
    let mut items: Vec<BookItem> = ["patterns/circuit-breaker.md", "case-studies/acme.md"]
        .into_iter()
        .map(|path| BookItem::Chapter(Chapter::new("Support", "# Support\n".into(), path, vec![])))
        .collect();
    items.push(BookItem::Chapter(Chapter::new(
        "Fuzzed",
        text.clone(),
        "guides/fuzzed.md",
        vec![],
    )));
    let report = expand_book(golden, &config, "src", html, Book::new_with_items(items));
    let has_errors = report.diagnostics.iter().any(Diagnostic::is_error);
    let Some(expanded) = report.expanded else {
        assert!(has_errors && config.on_failure == OnFailure::Bail);
        return;
    };
    assert!(!has_errors || config.on_failure == OnFailure::Continue);
    for splice in expanded.splices().iter().flatten() {
        check_generated(splice.text.as_str());
    }
    let mut json = Vec::new();
    expanded.write_json(&mut json).expect("a book is written");
    let book: Book = serde_json::from_slice(&json).expect("mdBook reads the book back");
    let fuzzed = book
        .chapters()
        .find(|c| c.name == "Fuzzed")
        .expect("the chapter");
    if fuzzing::scan(&text).is_empty() {
        assert!(
            fuzzed.content == text,
            "a chapter with no directive is unchanged"
        );
    }
}

/// What the preprocessor writes in place of a directive, read as mdBook reads it: every link and
/// image goes to a relative, http(s) or mailto address, every element its raw HTML opens it
/// closes, in order, and nothing is left for mdBook's `links` preprocessor.
#[allow(dead_code)]
pub fn check_generated(text: &str) {
    use mdbook_markdown::pulldown_cmark::{Event, Tag};
    let mut options = mdbook_markdown::MarkdownOptions::default();
    options.smart_punctuation = true;
    let mut open: Vec<String> = Vec::new();
    for event in mdbook_markdown::new_cmark_parser(text, &options) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let scheme = dest_url
                    .split_once(':')
                    .filter(|(before, _)| !before.contains(['/', '?', '#']))
                    .map(|(scheme, _)| scheme.to_ascii_lowercase());
                assert!(
                    matches!(scheme.as_deref(), None | Some("http" | "https" | "mailto")),
                    "a generated link goes to {dest_url:?}:\n{text}"
                );
            }
            Event::Html(html) | Event::InlineHtml(html) => html_tags(&html, &mut open),
            _ => {}
        }
    }
    assert!(
        open.is_empty(),
        "generated HTML leaves <{}> open:\n{text}",
        open.join("> <")
    );
    let include = text
        .match_indices("{{")
        .any(|(at, _)| text[at + 2..].trim_start().starts_with('#'));
    assert!(
        !include,
        "generated text holds {{{{#, which mdBook's links preprocessor may expand:\n{text}"
    );
}

/// Follows the tags of `html` (one line of a raw HTML block) on the stack of open elements.
#[allow(dead_code)]
fn html_tags(html: &str, open: &mut Vec<String>) {
    const VOID: &[&str] = &[
        "br", "img", "hr", "input", "meta", "link", "col", "wbr", "source",
    ];
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = &rest[end.min(rest.len())..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || tag.ends_with('/') || VOID.contains(&name.as_str()) {
            continue;
        }
        if closing {
            assert_eq!(
                open.pop().as_deref(),
                Some(name.as_str()),
                "</{name}> closes nothing in {html}"
            );
        } else if !matches!(name.as_str(), "style" | "script")
            || !rest.contains(&format!("</{name}>"))
        {
            open.push(name);
        } else {
            // A style sheet or script data: skip to its end, where `<` means nothing.
            let close = rest.find(&format!("</{name}>")).unwrap();
            rest = &rest[close + name.len() + 3..];
        }
    }
}
