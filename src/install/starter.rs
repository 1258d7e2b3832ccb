//! What `init` and `install` write into a new book: a small handbook's data, its chapters and
//! the data in each of the three formats the data folder reads.

use serde_json::{Map, Value};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

/// Where editors find the schema, relative to a file of the data folder.
pub const SCHEMA_FROM_DATA: &str = "../schema/patterns-data.schema.json";

/// The starter patterns: what `install` writes when a book has no data folder, and the first
/// file of `init`'s data.
const PATTERNS: &str = r#"{
  "$schema": "../schema/patterns-data.schema.json",
  "schema_version": "1.1",
  "patterns": {
    "timeout": {
      "name": "Timeout",
      "tier": "gold",
      "category": "resilience",
      "summary": "Give every remote call a deadline, so that a slow dependency cannot hold a request forever."
    },
    "health-check": {
      "name": "Health Check",
      "tier": "gold",
      "category": "operations",
      "summary": "Answer on a fixed endpoint whether this instance can do its work right now."
    },
    "retry-with-backoff": {
      "name": "Retry with Backoff",
      "tier": "silver",
      "category": "resilience",
      "summary": "Repeat a failed call after a delay that grows *and* varies, so that clients do not retry in step."
    },
    "message-queue": {
      "name": "Message Queue",
      "tier": "silver",
      "category": "integration",
      "summary": "Hand work to another service through a durable queue instead of a direct call."
    },
    "polling": {
      "name": "Polling",
      "tier": "bronze",
      "category": "integration",
      "summary": "Ask another service again and again whether something changed.",
      "replaced_by": "message-queue"
    }
  }
}
"#;

/// The starter case study; its chapter is [`CASE_STUDY_CHAPTER`].
const CASE_STUDIES: &str = r#"{
  "$schema": "../schema/patterns-data.schema.json",
  "schema_version": "1.1",
  "case_studies": {
    "example-shop": {
      "title": "Example Shop: a slow payment provider",
      "company": "Example Shop",
      "page": "case-studies/example-shop.md"
    }
  }
}
"#;

/// The starter wizard: a domain with two options, a combination, a decision tree and a recipe.
const WIZARD: &str = r#"{
  "$schema": "../schema/patterns-data.schema.json",
  "schema_version": "1.1",
  "domains": [
    {
      "id": "web-api",
      "title": "Web API",
      "icon": "🌐",
      "summary": "A service that answers requests from browsers, apps or other services.",
      "examples": ["Online shop", "Booking service"],
      "question": "Where are you today?",
      "options": [
        {
          "id": "in-production",
          "icon": "🚀",
          "title": "In production",
          "qualifier": "real users, other services to call",
          "intro": "Recommended pattern stack:",
          "stack": [
            { "pattern": "timeout", "why": "A slow dependency cannot hold every request", "evidence": { "case_study": "example-shop" } },
            { "pattern": "retry-with-backoff", "why": "Short failures pass unnoticed", "evidence": "Most HTTP clients offer it" },
            { "pattern": "health-check", "why": "The load balancer stops sending work to a broken instance", "evidence": "Any load balancer" }
          ],
          "blueprint": {
            "title": "Blueprint:",
            "flowchart": {
              "direction": "LR",
              "nodes": [
                { "id": "U", "label": "Users" },
                { "id": "API", "label": "API", "pattern": "health-check" },
                { "id": "PAY", "label": "Payment provider", "pattern": "timeout" }
              ],
              "edges": [
                { "from": "U", "to": "API" },
                { "from": "API", "to": "PAY", "label": "with a deadline" }
              ]
            }
          }
        },
        {
          "id": "just-starting",
          "icon": "🌱",
          "title": "Just starting",
          "qualifier": "one instance, few users",
          "steps": [
            { "pattern": "health-check", "note": "from the first deployment" },
            { "text": "One instance", "then": "Two instances behind a load balancer" }
          ]
        }
      ]
    }
  ],
  "combinations": [
    { "pattern": "timeout", "with": ["retry-with-backoff"], "use_case": "Calls that fail fast and recover", "example": "A checkout calling a payment provider" }
  ],
  "decision_tree": {
    "start": "calls",
    "nodes": {
      "calls": {
        "question": "Does it call other services?",
        "answers": [
          { "label": "Yes", "next": "remote" },
          { "label": "No", "next": "local" }
        ]
      },
      "remote": { "patterns": ["timeout", "retry-with-backoff"] },
      "local": { "patterns": ["health-check"] }
    }
  },
  "recipe": {
    "core": [
      { "pattern": "timeout", "note": "Bound every remote call" },
      { "pattern": "health-check", "note": "Let the load balancer see a broken instance" }
    ],
    "scale": [ { "pattern": "message-queue", "note": "Move slow work out of the request" } ],
    "avoid": [ { "pattern": "polling", "instead": "message-queue", "note": "Let the queue deliver the change" } ]
  }
}
"#;

const CASE_STUDY_CHAPTER: &str = "# Example Shop: a slow payment provider

<<case-study example-shop>>

A made-up shop whose payment provider slowed down on its busiest day. Without a deadline on
the calls to the provider, every request that reached the checkout waited, until the shop had
no workers left for anything else. Replace this story with one from your own systems.
";

/// A format of the data files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
    Toml,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Yaml => "yaml",
            Format::Toml => "toml",
        }
    }

    /// The format of a file named `path`, if it is a data file.
    pub fn of(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1;
        match ext {
            "json" => Some(Format::Json),
            "yaml" | "yml" => Some(Format::Yaml),
            "toml" => Some(Format::Toml),
            _ => None,
        }
    }
}

/// The starter file `install` writes into a book without data: the patterns, with the
/// combination and the recipe that use each of them (no case study, whose chapter the book
/// would lack). Its name in the data folder and its text.
pub fn install_file(format: Format) -> (String, String) {
    let mut value: Value = serde_json::from_str(PATTERNS).expect("the starter data is JSON");
    let wizard: Value = serde_json::from_str(WIZARD).expect("the starter data is JSON");
    let object = value.as_object_mut().expect("an object");
    for key in ["combinations", "recipe"] {
        object.insert(key.to_owned(), wizard[key].clone());
    }
    let json = format!("{}\n", serde_json::to_string_pretty(&value).expect("JSON"));
    (
        format!("patterns.{}", format.extension()),
        in_format(&json, format),
    )
}

/// Every data file of `init`'s handbook: its name in the data folder and its text.
pub fn data_files(format: Format) -> Vec<(String, String)> {
    [
        ("patterns", PATTERNS),
        ("case-studies", CASE_STUDIES),
        ("wizard", WIZARD),
    ]
    .into_iter()
    .map(|(name, json)| {
        (
            format!("{name}.{}", format.extension()),
            in_format(json, format),
        )
    })
    .collect()
}

/// The chapters of `init`'s handbook, relative to `src/`, with the book's `title`.
pub fn chapters(title: &str) -> Vec<(String, String)> {
    let patterns: Value = serde_json::from_str(PATTERNS).expect("the starter data is JSON");
    let mut summary = "# Summary\n\n[Introduction](introduction.md)\n\n- [Choosing patterns](wizard.md)\n- [Comparing patterns](compare.md)\n- [Patterns](patterns.md)\n".to_owned();
    let mut chapters = vec![
        (
            "introduction.md".to_owned(),
            format!(
                "# {}\n\nThis handbook says which patterns to use, and when. Its data lives in \
                 `patterns-data/`; the chapters show it through directives such as \
                 `\\<<wizard>>`.\n\nAdd a pattern with `mdbook-patterns new pattern ID --name N \
                 --tier T --category C --summary S`, check the book with \
                 `mdbook-patterns validate`, and build it with `mdbook build`.\n",
                markdown_text(title)
            ),
        ),
        (
            "wizard.md".to_owned(),
            "# Choosing patterns\n\n<<wizard>>\n".to_owned(),
        ),
        (
            "compare.md".to_owned(),
            "# Comparing patterns\n\nPick patterns to see them side by side.\n\n<<compare>>\n"
                .to_owned(),
        ),
        (
            "patterns.md".to_owned(),
            "# Patterns\n\n<<pattern-index>>\n".to_owned(),
        ),
    ];
    let mut entries: Vec<(String, String)> = patterns["patterns"]
        .as_object()
        .expect("the starter patterns")
        .iter()
        .map(|(id, p)| (p["name"].as_str().unwrap_or(id).to_owned(), id.clone()))
        .collect();
    entries.sort_by_key(|(name, _)| name.to_lowercase());
    for (name, id) in entries {
        summary.push_str(&format!("  - [{name}](patterns/{id}.md)\n"));
        chapters.push((format!("patterns/{id}.md"), pattern_chapter(&name, &id)));
    }
    summary.push_str("- [Case studies](case-studies.md)\n");
    summary.push_str("  - [Example Shop: a slow payment provider](case-studies/example-shop.md)\n");
    chapters.push((
        "case-studies.md".to_owned(),
        "# Case studies\n\nSystems in which the handbook's patterns were seen at work.\n"
            .to_owned(),
    ));
    chapters.push((
        "case-studies/example-shop.md".to_owned(),
        CASE_STUDY_CHAPTER.to_owned(),
    ));
    chapters.insert(0, ("SUMMARY.md".to_owned(), summary));
    chapters
}

/// A pattern's chapter: its name as the heading, and its card.
pub fn pattern_chapter(name: &str, id: &str) -> String {
    format!("# {}\n\n<<pattern {id}>>\n", markdown_text(name))
}

/// A case study's chapter: its title as the heading, and its card.
pub fn case_study_chapter(title: &str, id: &str) -> String {
    format!("# {}\n\n<<case-study {id}>>\n", markdown_text(title))
}

/// `text` shown as itself in Markdown: every punctuation character that could start something
/// is escaped.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation()
            && !matches!(
                c,
                '.' | ',' | ':' | ';' | '?' | '\'' | '"' | '/' | '-' | '(' | ')'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The JSON text `json` in `format`.
fn in_format(json: &str, format: Format) -> String {
    let value: Value = serde_json::from_str(json).expect("the starter data is JSON");
    match format {
        Format::Json => json.to_owned(),
        Format::Yaml => to_yaml(&value),
        Format::Toml => to_toml(&value),
    }
}

/// A JSON object as a YAML document, in block style, with every text double-quoted; it starts
/// with the line that points editors at the schema.
pub fn to_yaml(value: &Value) -> String {
    let mut out = format!("# yaml-language-server: $schema={SCHEMA_FROM_DATA}\n");
    if let Value::Object(map) = value {
        yaml_map(map, 0, &mut out);
    }
    out
}

fn yaml_map(map: &Map<String, Value>, indent: usize, out: &mut String) {
    let mut first = true;
    for (key, value) in map {
        if key == "$schema" {
            continue;
        }
        if !first || indent > 0 {
            out.push_str(&" ".repeat(indent));
        }
        first = false;
        yaml_entry(key, value, indent, out);
    }
}

/// `key: value` at `indent`, the indentation already written.
fn yaml_entry(key: &str, value: &Value, indent: usize, out: &mut String) {
    out.push_str(&yaml_key(key));
    out.push(':');
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            yaml_map(map, indent + 2, out);
        }
        Value::Array(items) if items.iter().any(Value::is_object) => {
            out.push('\n');
            for item in items {
                out.push_str(&" ".repeat(indent + 2));
                out.push_str("- ");
                match item {
                    Value::Object(map) => {
                        let mut first = true;
                        for (key, value) in map {
                            if !first {
                                out.push_str(&" ".repeat(indent + 4));
                            }
                            first = false;
                            yaml_entry(key, value, indent + 4, out);
                        }
                    }
                    other => {
                        out.push_str(&yaml_flow(other));
                        out.push('\n');
                    }
                }
            }
        }
        other => {
            out.push(' ');
            out.push_str(&yaml_flow(other));
            out.push('\n');
        }
    }
}

fn yaml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !key.starts_with(|c: char| c.is_ascii_digit() || c == '-')
    {
        key.to_owned()
    } else {
        serde_json::to_string(key).expect("a key is JSON")
    }
}

/// A value in flow style: JSON's own text, which YAML 1.2 reads the same.
fn yaml_flow(value: &Value) -> String {
    match value {
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(yaml_flow).collect::<Vec<_>>().join(", ")
        ),
        other => serde_json::to_string(other).expect("a value is JSON"),
    }
}

/// A JSON object as a TOML document; it starts with the line that points editors at the schema.
pub fn to_toml(value: &Value) -> String {
    let mut doc = DocumentMut::new();
    if let Value::Object(map) = value {
        for (key, value) in map {
            if key != "$schema" {
                doc.insert(key, toml_item(value, 1));
            }
        }
    }
    format!("#:schema {SCHEMA_FROM_DATA}\n{doc}")
}

/// Whether `value` holds no object: it reads well inline.
fn is_flat(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.values().all(|v| !v.is_object() && is_flat(v)),
        Value::Array(items) => items.iter().all(|v| !v.is_object()),
        _ => true,
    }
}

/// A JSON value as TOML, `depth` tables down: an object is a table, a list of objects an array
/// of tables; deep down, a small object without objects in it is an inline table, and a list of
/// them one inline table a line.
fn toml_item(value: &Value, depth: usize) -> Item {
    let deep = depth >= 3;
    match value {
        Value::Object(map) if !(deep && is_flat(value)) => Item::Table(toml_table(map, depth)),
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object) => {
            if deep && items.iter().all(is_flat) {
                let mut array: toml_edit::Array = items.iter().map(toml_value).collect();
                for item in array.iter_mut() {
                    item.decor_mut().set_prefix("\n  ");
                }
                array.set_trailing("\n");
                array.set_trailing_comma(true);
                return Item::Value(toml_edit::Value::Array(array));
            }
            let mut array = ArrayOfTables::new();
            for item in items.iter().filter_map(Value::as_object) {
                array.push(toml_table(item, depth));
            }
            Item::ArrayOfTables(array)
        }
        other => Item::Value(toml_value(other)),
    }
}

/// An object as a table (never inline), its values `depth + 1` tables down.
fn toml_table(map: &Map<String, Value>, depth: usize) -> Table {
    let mut table = Table::new();
    table.set_implicit(true);
    for (key, value) in map {
        table.insert(key, toml_item(value, depth + 1));
    }
    table
}

fn toml_value(value: &Value) -> toml_edit::Value {
    match value {
        Value::String(text) => text.as_str().into(),
        Value::Bool(b) => (*b).into(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into(),
            None => n.as_f64().unwrap_or_default().into(),
        },
        Value::Array(items) => {
            let array: toml_edit::Array = items.iter().map(toml_value).collect();
            toml_edit::Value::Array(array)
        }
        Value::Object(map) => {
            let mut table = toml_edit::InlineTable::new();
            for (key, value) in map {
                table.insert(key, toml_value(value));
            }
            toml_edit::Value::InlineTable(table)
        }
        Value::Null => "".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every starter file, written in YAML or TOML, reads back as the JSON it was made from
    /// (without `$schema`, which those formats write as a comment).
    #[test]
    fn every_format_reads_back_as_the_json() {
        let mut files = vec![install_file(Format::Json).1];
        files.extend(data_files(Format::Json).into_iter().map(|(_, text)| text));
        for json in files {
            let mut expected: Value = serde_json::from_str(&json).unwrap();
            expected.as_object_mut().unwrap().remove("$schema");
            let yaml = crate::data::yaml::convert(&to_yaml(&serde_json::from_str(&json).unwrap()))
                .unwrap_or_else(|e| panic!("{e:?}"));
            let toml = crate::data::toml::convert(&to_toml(&serde_json::from_str(&json).unwrap()))
                .unwrap_or_else(|e| panic!("{e:?}"));
            for converted in [yaml, toml] {
                assert!(converted.refusals.is_empty(), "{:?}", converted.refusals);
                let back: Value = serde_json::from_str(&converted.json).unwrap();
                assert_eq!(back, expected);
            }
        }
    }
}
