//! The handbook in `book/`, built as README says, read back as a reader's browser gets it: the
//! wizard page holds everything the seed page did, and no link of any page is broken.

use std::path::Path;

use scraper::{ElementRef, Html, Selector};

use crate::common;

/// The handbook, built once for all tests of this file.
fn built() -> &'static Path {
    common::built_handbook()
}

fn page(path: &str) -> Html {
    let text = std::fs::read_to_string(built().join(path)).expect("a built page");
    Html::parse_document(&text)
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(css).expect("a valid selector"))
        .collect()
}

fn text(element: &ElementRef) -> String {
    element.text().collect::<String>().trim().to_owned()
}

/// The elements that follow `heading` up to the next heading of its level or higher.
fn section_after<'a>(heading: &ElementRef<'a>) -> Vec<ElementRef<'a>> {
    let level = heading.value().name()[1..].parse::<u8>().unwrap_or(6);
    heading
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .take_while(|e| {
            let name = e.value().name();
            !(name.len() == 2
                && name.starts_with('h')
                && name[1..].parse::<u8>().is_ok_and(|l| l <= level))
        })
        .collect()
}

#[test]
fn the_wizard_page_holds_the_whole_seed() {
    let wizard = page("wizard.html");

    let cards = select(&wizard, "a.patterns-card");
    assert_eq!(cards.len(), 4, "four domain cards");
    for card in &cards {
        let href = card.value().attr("href").unwrap();
        let id = href.strip_prefix('#').expect("cards link into the page");
        assert_eq!(
            select(&wizard, &format!("h2[id='{id}']")).len(),
            1,
            "{href} exists"
        );
    }

    let questions = select(&wizard, "h3[id$='-question']");
    assert_eq!(questions.len(), 4, "four questions");
    let options = select(&wizard, "h4[id^='wizard-']");
    assert_eq!(options.len(), 11, "eleven options");

    let mut stack_headers = Vec::new();
    let mut stack_rows = 0;
    let mut list_items = 0;
    let mut lists = 0;
    let mut diagrams = 0;
    for option in &options {
        for element in section_after(option) {
            // mdBook wraps each table in a <div class="table-wrapper">.
            for table in select_in(&element, "table") {
                let headers: Vec<String> = select_in(&table, "th").iter().map(text).collect();
                assert_eq!(headers[..2], ["Pattern", "Tier"]);
                stack_headers.push((headers[2].clone(), headers[3].clone()));
                for row in select_in(&table, "tbody tr") {
                    let cells: Vec<String> = select_in(&row, "td").iter().map(text).collect();
                    assert!(
                        ["🥇 Gold", "🥈 Silver", "🥉 Bronze"].contains(&cells[1].as_str()),
                        "a tier badge: {cells:?}"
                    );
                    stack_rows += 1;
                }
            }
            if element.value().name() == "ul" {
                lists += 1;
                list_items += select_in(&element, "li").len();
            }
            diagrams += select_in(&element, "figure.patterns-diagram svg").len();
        }
    }
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        stack_headers,
        [
            pair("Why You Need It", "Case Study"),
            pair("Why You Need It", "Implementation"),
            pair("Purpose", "Implementation"),
            pair("Purpose", "Scale Achieved"),
            pair("Use Case", "Example"),
            pair("Purpose", "Success Story"),
        ],
        "six tier tables with the seed's own headers"
    );
    assert_eq!(stack_rows, 25, "25 stack rows");
    assert_eq!((lists, list_items), (5, 21), "five lists with 21 items");
    assert_eq!(diagrams, 2, "two blueprints");

    let matrix = select(&wizard, "h3#wizard-combinations-table")
        .first()
        .map(section_after)
        .expect("the combination matrix");
    let matrix_rows: usize = matrix
        .iter()
        .map(|e| select_in(e, "table tbody tr").len())
        .sum();
    assert_eq!(matrix_rows, 5, "a five-row combination matrix");

    let tree = select(&wizard, "h3#wizard-decision-tree")
        .first()
        .map(section_after)
        .expect("the decision tree");
    let tree_svg = tree
        .iter()
        .find_map(|e| {
            select_in(e, "figure.patterns-diagram svg")
                .into_iter()
                .next()
        })
        .expect("the decision tree as inline SVG");
    assert_eq!(
        select_in(&tree_svg, "g.node").len(),
        10,
        "the seed's ten nodes"
    );
    assert_eq!(
        select_in(&tree_svg, "path.flowchart-link").len(),
        9,
        "the seed's nine edges"
    );
    let mut labels: Vec<String> = select_in(&tree_svg, "g.edgeLabel")
        .iter()
        .map(text)
        .filter(|t| !t.is_empty())
        .collect();
    labels.sort();
    assert_eq!(
        labels,
        [
            "Enterprise",
            "Internet",
            "No",
            "Some",
            "Startup",
            "Yes",
            "Zero"
        ],
        "the seed's edge labels"
    );
    assert_diagrams_are_inline_svg(&wizard, 3);

    let alternative = select(&wizard, "details.patterns-text-alternative li");
    assert!(
        alternative.len() >= 9,
        "the tree as text: {}",
        alternative.len()
    );

    for (id, expected) in [("recipe-core", 4), ("recipe-scale", 4), ("recipe-avoid", 4)] {
        let heading = select(&wizard, &format!("h3#{id}"));
        let items: Vec<ElementRef> = section_after(&heading[0])
            .iter()
            .filter(|e| e.value().name() == "ol")
            .flat_map(|ol| select_in(ol, "li"))
            .collect();
        assert_eq!(items.len(), expected, "{id}");
        if id == "recipe-avoid" {
            for item in items {
                assert!(text(&item).contains('→'), "names its replacement");
                assert_eq!(select_in(&item, "a").len(), 2, "links both patterns");
            }
        }
    }
}

/// The page draws its diagrams as inline SVG, each named and described, with ids of its own,
/// and loads no mermaid.
fn assert_diagrams_are_inline_svg(page: &Html, expected: usize) {
    let svgs = select(page, "figure.patterns-diagram > svg");
    assert_eq!(svgs.len(), expected, "{expected} inline SVG diagrams");
    let mut ids = Vec::new();
    for svg in &svgs {
        let id = svg.value().attr("id").expect("an id").to_owned();
        for (part, what) in [("title", "title"), ("desc", "description")] {
            let element = select_in(svg, part);
            assert_eq!(element.len(), 1, "{id} has one {what}");
            assert!(
                !text(&element[0]).is_empty(),
                "{id}'s {what} says something"
            );
            assert_eq!(
                element[0].value().attr("id"),
                Some(format!("{id}-{part}").as_str())
            );
        }
        assert!(
            select_in(svg, "script, iframe, object, embed, img, image").is_empty(),
            "{id} holds nothing that runs or loads"
        );
        ids.extend(
            select_in(svg, "[id]")
                .iter()
                .filter_map(|e| e.value().attr("id").map(str::to_owned)),
        );
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "no element id is used twice");
    assert!(
        select(page, "code.language-mermaid").is_empty(),
        "no mermaid text left"
    );
    for script in select(page, "script[src]") {
        let src = script.value().attr("src").unwrap();
        assert!(!src.contains("mermaid"), "no mermaid.js: {src}");
    }
}

fn select_in<'a>(element: &ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    element
        .select(&Selector::parse(css).expect("a valid selector"))
        .collect()
}

/// Every `href` of every page points to a file that exists, and every `#anchor` to an id on it.
#[test]
fn no_link_of_the_handbook_is_broken() {
    let root = built().to_path_buf();
    let pages = common::files_below(&root)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();
    assert!(pages > 50, "the handbook has its pages: {pages}");
    let common::Links {
        checked,
        in_diagrams,
        broken,
    } = common::links_of(&root);
    assert!(checked > 1000, "links were checked: {checked}");
    assert!(
        in_diagrams >= 7,
        "links inside diagrams were checked: {in_diagrams}"
    );
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

/// Chapters are expanded on every core: built on one thread, the handbook is the same to the
/// byte, every file of it.
#[test]
fn the_handbook_is_the_same_built_on_one_thread() {
    let parallel = common::built_handbook();
    let single = tempfile::tempdir().unwrap();
    common::run(
        std::process::Command::new(env!("CARGO_BIN_EXE_mdbook-patterns"))
            .env("SOURCE_DATE_EPOCH", crate::common::HANDBOOK_DAY)
            .args(["build", "book"])
            .current_dir(common::root())
            .env("MDBOOK_BUILD__BUILD_DIR", single.path())
            .env("RAYON_NUM_THREADS", "1"),
        "mdbook-patterns build on one thread",
    );
    common::assert_same_trees(parallel, single.path());
}

/// The real mdBook builds the handbook without a warning: its HTML renderer checks that every
/// chapter's HTML is balanced, and an inline diagram once closed a `<style>` it never opened.
#[test]
fn the_real_mdbook_builds_the_handbook_without_warnings() {
    let out = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(common::real_mdbook())
        .env("SOURCE_DATE_EPOCH", crate::common::HANDBOOK_DAY)
        .arg("build")
        .arg(common::root().join("book"))
        .arg("--dest-dir")
        .arg(out.path())
        .env(
            "MDBOOK_PREPROCESSOR__PATTERNS__COMMAND",
            env!("CARGO_BIN_EXE_mdbook-patterns"),
        )
        .output()
        .expect("mdbook runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains("WARN") || line.contains("ERROR"))
        .collect();
    assert!(warnings.is_empty(), "mdbook warned: {warnings:#?}");
    assert!(out.path().join("wizard.html").exists());
}

/// The handbook's data written as YAML (every `*.json` of `patterns-data/` turned into a
/// `.yaml` or `.yml` file beside nothing else) builds the very same book as the JSON.
#[test]
fn the_handbook_with_its_data_in_yaml_builds_the_same_book() {
    builds_the_same_book_with_its_data_as("YAML", |n, value| {
        let extension = if n % 2 == 0 { "yaml" } else { "yml" };
        let mut yaml = String::from("# yaml-language-server: $schema=../schema/data.json\n");
        write_yaml(&mut yaml, value, 0);
        (extension, yaml)
    });
}

/// The handbook's data written as TOML (every `*.json` of `patterns-data/` turned into a
/// `.toml` file: every other file with `[tables]` and `[[arrays of tables]]`, the others with
/// inline tables) builds the very same book as the JSON.
#[test]
fn the_handbook_with_its_data_in_toml_builds_the_same_book() {
    builds_the_same_book_with_its_data_as("TOML", |n, value| {
        let serde_json::Value::Object(map) = value else {
            panic!("a data file is an object");
        };
        let mut document = toml_edit::DocumentMut::new();
        for (key, item) in map {
            let item = if n % 2 == 0 {
                toml_item(item)
            } else {
                toml_edit::Item::Value(toml_value(item))
            };
            document.insert(key, item);
        }
        ("toml", format!("#:schema ../schema/data.json\n{document}"))
    });
}

/// The handbook built from a copy of its data, each file written by `write` (from its place in
/// sorted order and its JSON) as an extension and a text, is the book built from the JSON.
fn builds_the_same_book_with_its_data_as(
    format: &str,
    write: impl Fn(usize, &serde_json::Value) -> (&'static str, String),
) {
    let work = tempfile::tempdir().expect("a temporary folder");
    let root = common::root();
    for file in common::files_below(&root.join("book")) {
        let target = work.path().join("book").join(&file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(root.join("book").join(&file), target).unwrap();
    }
    for (n, file) in common::files_below(&root.join("patterns-data"))
        .into_iter()
        .enumerate()
    {
        let text = std::fs::read_to_string(root.join("patterns-data").join(&file)).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).expect("the data is JSON");
        let (extension, written) = write(n, &value);
        let target = work
            .path()
            .join("patterns-data")
            .join(file.with_extension(extension));
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, written).unwrap();
    }
    let out = work.path().join("out");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_mdbook-patterns"))
        .env("SOURCE_DATE_EPOCH", crate::common::HANDBOOK_DAY)
        .args(["build", "book"])
        .current_dir(work.path())
        .env("MDBOOK_BUILD__BUILD_DIR", &out)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "the handbook builds from {format}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    common::assert_same_trees(built(), &out);
}

/// A JSON value as a TOML item: an object as a `[table]`, a list of objects as an
/// `[[array of tables]]`, anything else as a value.
fn toml_item(value: &serde_json::Value) -> toml_edit::Item {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut table = toml_edit::Table::new();
            for (key, item) in map {
                table.insert(key, toml_item(item));
            }
            toml_edit::Item::Table(table)
        }
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object) => {
            let mut tables = toml_edit::ArrayOfTables::new();
            for item in items {
                let toml_edit::Item::Table(table) = toml_item(item) else {
                    unreachable!("an object is a table");
                };
                tables.push(table);
            }
            toml_edit::Item::ArrayOfTables(tables)
        }
        value => toml_edit::Item::Value(toml_value(value)),
    }
}

/// A JSON value as a TOML value: an object as an `{ inline = "table" }`. TOML has no null.
fn toml_value(value: &serde_json::Value) -> toml_edit::Value {
    use serde_json::Value;
    match value {
        Value::Null => panic!("TOML has no null; the handbook's data holds none"),
        Value::Bool(b) => (*b).into(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into(),
            None => n.as_f64().expect("a number").into(),
        },
        Value::String(s) => s.as_str().into(),
        Value::Array(items) => items
            .iter()
            .map(toml_value)
            .collect::<toml_edit::Array>()
            .into(),
        Value::Object(map) => {
            let mut table = toml_edit::InlineTable::new();
            for (key, item) in map {
                table.insert(key, toml_value(item));
            }
            table.into()
        }
    }
}

/// Writes `value` as block-style YAML at `indent`, every string (and key) double-quoted: a JSON
/// string is a YAML double-quoted scalar.
fn write_yaml(out: &mut String, value: &serde_json::Value, indent: usize) {
    use serde_json::Value;
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, item) in map {
                out.push_str(&format!("{pad}{}:", serde_json::to_string(key).unwrap()));
                write_item(out, item, indent);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                out.push_str(&format!("{pad}-"));
                write_item(out, item, indent);
            }
        }
        scalar => out.push_str(&format!("{pad}{scalar}\n")),
    }
}

/// Writes the value after a key's colon or a list's dash.
fn write_item(out: &mut String, item: &serde_json::Value, indent: usize) {
    use serde_json::Value;
    match item {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_yaml(out, item, indent + 2);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_yaml(out, item, indent + 2);
        }
        scalar => out.push_str(&format!(" {scalar}\n")),
    }
}

/// The handbook documents the tool: the guide's directives page shows every directive of
/// README's table with its source in a code block and, right below it, the directive itself,
/// which the build expands (no `<<` is left outside code on the built page).
#[test]
fn the_guide_shows_every_directive_with_its_source_and_output() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let table = &readme[readme.find("## Directives").unwrap()..];
    let table = &table[..table.find("\n## ").unwrap_or(table.len())];
    let names: Vec<&str> = table
        .lines()
        .filter_map(|line| line.strip_prefix("| `")?.split('`').next())
        .filter(|name| *name != "directive")
        .collect();
    assert!(names.len() >= 12, "{names:?}");
    let source =
        std::fs::read_to_string(common::root().join("book/src/writing/directives.md")).unwrap();
    // Each source block is followed by the very same text, outside the block.
    let mut shown = String::new();
    for (at, _) in source.match_indices("```markdown\n") {
        let body = &source[at + "```markdown\n".len()..];
        let block = &body[..body.find("```").unwrap()];
        assert!(
            body[block.len()..].starts_with(&format!("```\n\n{block}")),
            "{block}: its source is not followed by itself"
        );
        shown.push_str(block);
    }
    for name in &names {
        assert!(
            shown.contains(&format!("<<{name} ")) || shown.contains(&format!("<<{name}>>")),
            "the guide shows no source of <<{name}>>"
        );
    }
    let html = std::fs::read_to_string(built().join("writing/directives.html")).unwrap();
    let main = &html[html.find("<main>").unwrap()..html.find("</main>").unwrap()];
    let page = Html::parse_fragment(main);
    let outside_code: String = page
        .root_element()
        .descendants()
        .filter_map(|node| node.value().as_text().map(|t| (node, t)))
        .filter(|(node, _)| {
            !node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "code" | "pre" | "script"))
            })
        })
        .map(|(_, text)| text.to_string())
        .collect();
    assert!(!outside_code.contains("<<"), "a directive was left as text");
}
