//! The words of the output are the author's: every word we generate comes from a label. The
//! handbook is built with every label set to a sentinel (`⟦key⟧`, then its placeholders), and
//! what a reader sees on each chapter's page may hold only sentinels, the data's own text and
//! the chapter's own source; the browser test does the same after the wizard's script has run
//! (`browser::every_word_the_wizard_script_shows_is_a_label`). Built without labels, none of the
//! seed's wording (which the handbook's `labels.json` sets) is left.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use scraper::{Html, Node, Selector};
use serde_json::{Value, json};

use crate::common;

/// A copy of the handbook (book and data, side by side as in the repository), its labels as
/// `labels` gives them (none: no labels file), built; the temporary folder and the built book.
pub fn handbook_with_labels(labels: Option<Value>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = common::root();
    for (from, to) in [("book", "book"), ("patterns-data", "patterns-data")] {
        for file in common::files_below(&root.join(from)) {
            if file.starts_with("book") {
                continue;
            }
            let target = dir.path().join(to).join(&file);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(root.join(from).join(&file), target).unwrap();
        }
    }
    let labels_file = dir.path().join("patterns-data/labels.json");
    match labels {
        Some(labels) => std::fs::write(
            &labels_file,
            json!({ "schema_version": "1.1", "labels": labels }).to_string(),
        )
        .unwrap(),
        None => std::fs::remove_file(&labels_file).unwrap(),
    }
    let out = dir.path().join("out");
    common::run(
        Command::new(env!("CARGO_BIN_EXE_mdbook-patterns"))
            .env("SOURCE_DATE_EPOCH", crate::common::HANDBOOK_DAY)
            .arg("build")
            .arg(dir.path().join("book"))
            .env("MDBOOK_BUILD__BUILD_DIR", &out),
        "mdbook-patterns build",
    );
    (dir, out)
}

/// Every label set to `⟦key⟧` followed by its placeholders, as `mdbook-patterns schema` lists
/// them (both forms of a count alike).
pub fn sentinel_labels() -> Value {
    every_label(|key| format!("⟦{key}⟧"))
}

/// Every label set to `text(key)` (written as is: its braces doubled) followed by its
/// placeholders, as `mdbook-patterns schema` lists them (both forms of a count alike).
pub fn every_label(text: impl Fn(&str) -> String) -> Value {
    let schema: Value = serde_json::from_str(&mdbook_patterns::data_file_schema()).unwrap();
    let keys = schema["properties"]["labels"]["properties"]
        .as_object()
        .expect("the schema lists the labels");
    let mut labels = serde_json::Map::new();
    for (key, about) in keys {
        let placeholders = placeholders_of(about);
        let written = text(key).replace('{', "{{").replace('}', "}}");
        let text = format!("{written}{placeholders}");
        let value = match about["type"].as_str() {
            Some("object") => json!({ "one": text, "other": text }),
            _ => json!(text),
        };
        labels.insert(key.clone(), value);
    }
    Value::Object(labels)
}

/// The placeholders a label's default uses, each led by a space: ` {a} {b}`.
fn placeholders_of(about: &Value) -> String {
    let default = match &about["default"] {
        Value::String(text) => text.clone(),
        other => other["other"].as_str().unwrap_or_default().to_owned(),
    };
    let mut out = String::new();
    let mut rest = default.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push(' ');
        out.push_str(&rest[open..open + close + 1]);
        rest = &rest[open + close + 1..];
    }
    out
}

/// The words of `text`: its runs of letters (sentinels taken out first).
pub fn words(text: &str) -> BTreeSet<String> {
    let mut text = text.to_owned();
    while let Some(open) = text.find('⟦') {
        let close = text[open..]
            .find('⟧')
            .map_or(text.len(), |c| open + c + '⟧'.len_utf8());
        text.replace_range(open..close, " ");
    }
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every text of the data: its strings and keys.
pub fn data_words(data: &Path) -> BTreeSet<String> {
    fn walk(value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::String(s) => out.extend(words(s)),
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            Value::Object(map) => {
                for (key, v) in map {
                    out.extend(words(key));
                    walk(v, out);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    for file in common::files_below(data) {
        let text = std::fs::read_to_string(data.join(&file)).unwrap();
        walk(&serde_json::from_str(&text).unwrap(), &mut out);
    }
    out
}

/// What a reader gets from a page's `<main>`: its text (not that of scripts and styles) and
/// the attributes read out or shown (`title`, `alt`, `aria-label`, `placeholder`).
pub fn read_out(page: &str) -> String {
    let html = Html::parse_document(page);
    let main = Selector::parse("main").unwrap();
    let mut out = String::new();
    for main in html.select(&main) {
        for node in main.descendants() {
            match node.value() {
                Node::Text(text) => {
                    let hidden = node.ancestors().any(|a| {
                        a.value()
                            .as_element()
                            .is_some_and(|e| matches!(e.name(), "script" | "style"))
                    });
                    if !hidden {
                        out.push_str(text);
                        out.push(' ');
                    }
                }
                Node::Element(element) => {
                    for name in ["title", "alt", "aria-label", "placeholder"] {
                        if let Some(value) = element.attr(name) {
                            out.push_str(value);
                            out.push(' ');
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// The chapters' sources and their pages, from the copied book.
fn chapters(book: &Path, out: &Path) -> Vec<(PathBuf, PathBuf)> {
    let src = book.join("src");
    // With one renderer, mdBook writes its output straight into the build folder.
    let out = match out.join("html").is_dir() {
        true => out.join("html"),
        false => out.to_path_buf(),
    };
    common::files_below(&src)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "md") && !f.ends_with("SUMMARY.md"))
        .map(|f| (src.join(&f), out.join(f.with_extension("html"))))
        .collect()
}

/// The words of a page that are neither a label's, the data's, nor the chapter's own, with
/// the page they are on.
pub fn foreign_words(text: &str, allowed: &BTreeSet<String>) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| !allowed.contains(w))
        .collect()
}

/// The handbook built with [`sentinel_labels`], once for all tests.
pub fn sentinel_handbook() -> &'static (tempfile::TempDir, PathBuf) {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| handbook_with_labels(Some(sentinel_labels())))
}

/// What a reader gets from a page, with the text the wizard's script is given to show.
fn shown_on(page: &Path) -> String {
    let html = std::fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    let data = Selector::parse("script#patterns-wizard-data, script.patterns-index-data").unwrap();
    let script: String = Html::parse_document(&html)
        .select(&data)
        .map(|s| s.text().collect::<String>())
        .collect();
    read_out(&html) + &script
}

#[test]
fn every_generated_word_on_every_page_is_a_label() {
    let (dir, out) = sentinel_handbook();
    let data = data_words(&dir.path().join("patterns-data"));
    let mut found = Vec::new();
    let mut sentinels = 0;
    for (source, page) in chapters(&dir.path().join("book"), out) {
        let html = std::fs::read_to_string(&page).unwrap();
        let text = read_out(&html);
        sentinels += text.matches('⟦').count();
        let mut allowed = data.clone();
        allowed.extend(words(&std::fs::read_to_string(&source).unwrap()));
        // The titles mdBook gives its alerts (`> [!NOTE]`): its words, not ours.
        allowed.extend(["Note", "Tip", "Important", "Warning", "Caution"].map(String::from));
        let foreign = foreign_words(&text, &allowed);
        if !foreign.is_empty() {
            found.push(format!("{}: {foreign:?}", page.display()));
        }
    }
    assert!(sentinels > 100, "the labels show ({sentinels} sentinels)");
    assert!(
        found.is_empty(),
        "words that are no label's:\n{}",
        found.join("\n")
    );
}

/// Built without labels, each phrase of the seed's wording (which the handbook's `labels.json`
/// sets) shows on a page as often as it does with every label a sentinel: only where the data
/// or the chapter itself says it.
#[test]
fn without_labels_none_of_the_seeds_wording_is_left() {
    let seed: Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("patterns-data/labels.json")).unwrap(),
    )
    .unwrap();
    let mut phrases = BTreeSet::new();
    for value in seed["labels"].as_object().unwrap().values() {
        let text = value.as_str().unwrap();
        for part in text.split(['{', '}']).step_by(2) {
            let part = part.trim();
            if !part.is_empty() {
                phrases.insert(part.to_owned());
            }
        }
    }
    // What the defaults say too is no sign of the seed ("Patterns" of "{domain} Patterns").
    let schema: Value = serde_json::from_str(&mdbook_patterns::data_file_schema()).unwrap();
    let defaults = schema["properties"]["labels"]["properties"].to_string();
    phrases.retain(|phrase| !defaults.contains(phrase.as_str()));
    assert!(phrases.contains("Select This →") && phrases.contains("❌"));
    let (_dir, out) = handbook_with_labels(None);
    let (sentinel_dir, sentinel_out) = sentinel_handbook();
    let mut left = Vec::new();
    let mut pages = 0;
    for (_, page) in chapters(&sentinel_dir.path().join("book"), sentinel_out) {
        let relative = page.strip_prefix(sentinel_out).unwrap();
        let plain = shown_on(&out.join(relative));
        let sentinel = shown_on(&page);
        for phrase in &phrases {
            let (n, expected) = (
                plain.matches(phrase.as_str()).count(),
                sentinel.matches(phrase.as_str()).count(),
            );
            if n != expected {
                left.push(format!(
                    "{}: {phrase:?} {n} times, not {expected}",
                    relative.display()
                ));
            }
        }
        pages += 1;
    }
    assert!(pages > 50, "{pages} pages");
    assert!(
        left.is_empty(),
        "the seed's wording is left:\n{}",
        left.join("\n")
    );
}
