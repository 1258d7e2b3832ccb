//! The JSON Schema printed by `mdbook-patterns schema`: committed for editors, accepted by a real
//! validator for the handbook's data, and strict enough to reject broken data.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::common::golden;

fn printed_schema() -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_mdbook-patterns"))
        .arg("schema")
        .output()
        .expect("the binary runs");
    assert!(output.status.success());
    String::from_utf8(output.stdout).expect("the schema is UTF-8")
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&printed_schema()).expect("the schema is JSON");
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "the schema declares draft 2020-12"
    );
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("a readable entry").path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

#[test]
fn committed_schema_is_the_printed_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Stale, it is rewritten by `BLESS=1 cargo test schema::` as by
    // `cargo run -- schema > schema/patterns-data.schema.json`.
    golden::check(
        &root.join("schema/patterns-data.schema.json"),
        &printed_schema(),
    );
}

#[test]
fn every_handbook_data_file_follows_the_schema() {
    let validator = validator();
    let mut files = Vec::new();
    json_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("patterns-data"),
        &mut files,
    );
    assert!(files.len() >= 3, "the handbook's data files are found");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable data file");
        let instance: Value = serde_json::from_str(&text).expect("a JSON data file");
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
}

#[test]
fn the_schema_rejects_broken_data() {
    let validator = validator();
    let pattern = json!({ "name": "CDN", "tier": "gold", "category": "edge", "summary": "Serve from the edge." });
    let good = json!({ "schema_version": "1.0", "patterns": { "cdn": pattern } });
    assert!(validator.is_valid(&good), "a minimal valid file passes");
    let tagged = json!({ "schema_version": "1.1", "patterns": { "cdn": {
        "name": "CDN", "tier": "gold", "category": "edge", "summary": "Serve from the edge.",
        "tags": ["performance", "edge"], "owner": "*Edge* team, [mail](mailto:edge@example.com)" } } });
    assert!(validator.is_valid(&tagged), "tags and an owner pass");

    let broken = [
        ("unknown top-level key", json!({ "paterns": {} })),
        (
            "unknown pattern key",
            json!({ "patterns": { "cdn": { "naem": "CDN", "tier": "gold", "category": "edge", "summary": "s" } } }),
        ),
        (
            "unknown tier",
            json!({ "patterns": { "cdn": { "name": "CDN", "tier": "platinum", "category": "edge", "summary": "s" } } }),
        ),
        (
            "missing name",
            json!({ "patterns": { "cdn": { "tier": "gold", "category": "edge", "summary": "s" } } }),
        ),
        ("domains not a list", json!({ "domains": { "id": "x" } })),
        (
            "stack row with a tier",
            json!({ "domains": [ { "id": "d", "title": "D", "summary": "s", "question": "q", "options": [ { "id": "o", "title": "O", "stack": [ { "pattern": "cdn", "why": "w", "tier": "gold" } ] } ] } ] }),
        ),
        (
            "evidence of the wrong shape",
            json!({ "domains": [ { "id": "d", "title": "D", "summary": "s", "question": "q", "options": [ { "id": "o", "title": "O", "stack": [ { "pattern": "cdn", "why": "w", "evidence": { "label": "x" } } ] } ] } ] }),
        ),
        (
            "evidence that is a case study and a url at once",
            with_evidence(
                json!({ "case_study": "x", "url": "https://example.com/", "label": "l" }),
            ),
        ),
        (
            "evidence with a url and no label",
            with_evidence(json!({ "url": "https://example.com/" })),
        ),
        (
            "tree answer without next",
            json!({ "decision_tree": { "start": "a", "nodes": { "a": { "question": "Q?", "answers": [ { "label": "Yes" } ] } } } }),
        ),
        (
            "recipe avoid without instead",
            json!({ "recipe": { "avoid": [ { "pattern": "polling" } ] } }),
        ),
    ];
    for (what, instance) in broken.into_iter().chain(rejected_by_validate()) {
        assert!(!validator.is_valid(&instance), "the schema accepts {what}");
    }
}

/// A domain whose one option has `option` as its rest (its id and title are given).
fn domain_with(option: Value) -> Value {
    let mut full = json!({ "id": "o", "title": "O" });
    full.as_object_mut()
        .unwrap()
        .extend(option.as_object().unwrap().clone());
    json!({ "domains": [ { "id": "d", "title": "D", "summary": "s", "question": "q", "options": [full] } ] })
}

/// A domain whose one option's stack row cites `evidence`.
fn with_evidence(evidence: Value) -> Value {
    domain_with(json!({ "stack": [ { "pattern": "cdn", "why": "w", "evidence": evidence } ] }))
}

/// A decision tree whose start node is `node`.
fn tree_with(node: Value) -> Value {
    json!({ "decision_tree": { "start": "a", "nodes": { "a": node } } })
}

/// Data that is well-formed JSON of the right types but that `validate` refuses: the schema
/// refuses it too, so that an editor shows what the build would.
fn rejected_by_validate() -> Vec<(&'static str, Value)> {
    let flowchart = json!({ "nodes": [ { "id": "A", "label": "A" } ] });
    vec![
        (
            "a pattern id that is not kebab-case",
            json!({ "patterns": { "Circuit_Breaker": { "name": "CB", "tier": "gold", "category": "resilience", "summary": "s" } } }),
        ),
        (
            "a tag that is not kebab-case",
            json!({ "patterns": { "cdn": { "name": "CDN", "tier": "gold", "category": "edge", "summary": "s", "tags": ["Hot Path"] } } }),
        ),
        (
            "a tag listed twice",
            json!({ "patterns": { "cdn": { "name": "CDN", "tier": "gold", "category": "edge", "summary": "s", "tags": ["edge", "edge"] } } }),
        ),
        (
            "tags that are not a list",
            json!({ "patterns": { "cdn": { "name": "CDN", "tier": "gold", "category": "edge", "summary": "s", "tags": "edge" } } }),
        ),
        (
            "an owner that is not text",
            json!({ "patterns": { "cdn": { "name": "CDN", "tier": "gold", "category": "edge", "summary": "s", "owner": ["Edge"] } } }),
        ),
        (
            "a category that is not kebab-case",
            json!({ "patterns": { "cdn": { "name": "CDN", "tier": "gold", "category": "Edge Caching", "summary": "s" } } }),
        ),
        (
            "a domain id with a space",
            json!({ "domains": [ { "id": "my domain", "title": "D", "summary": "s", "question": "q", "options": [] } ] }),
        ),
        (
            "a stack row naming a pattern by its name",
            domain_with(json!({ "stack": [ { "pattern": "Circuit Breaker", "why": "w" } ] })),
        ),
        (
            "a step with both a pattern and a text",
            domain_with(json!({ "steps": [ { "pattern": "cdn", "text": "CDN" } ] })),
        ),
        (
            "a step with neither",
            domain_with(json!({ "steps": [ { "note": "n" } ] })),
        ),
        (
            "a blueprint with two diagrams",
            domain_with(
                json!({ "blueprint": { "flowchart": flowchart, "mermaid": "graph TD\n A" } }),
            ),
        ),
        (
            "a blueprint with no diagram",
            domain_with(json!({ "blueprint": { "title": "T" } })),
        ),
        (
            "a tree node that is a question and an outcome",
            tree_with(
                json!({ "question": "Q?", "answers": [ { "label": "Y", "next": "b" } ], "patterns": ["cdn"] }),
            ),
        ),
        (
            "a tree node that is neither",
            tree_with(json!({ "adds": true })),
        ),
        (
            "a question without answers",
            tree_with(json!({ "question": "Q?", "answers": [] })),
        ),
        (
            "a question that goes on",
            tree_with(
                json!({ "question": "Q?", "answers": [ { "label": "Y", "next": "b" } ], "next": "c" }),
            ),
        ),
        (
            "an outcome with answers",
            tree_with(json!({ "patterns": ["cdn"], "answers": [ { "label": "Y", "next": "b" } ] })),
        ),
        (
            "evidence whose url is no http(s) address",
            with_evidence(json!({ "url": "javascript:alert(1)", "label": "l" })),
        ),
        (
            "evidence whose url is relative",
            with_evidence(json!({ "url": "/posts/1", "label": "l" })),
        ),
        (
            "evidence whose url holds a space",
            with_evidence(json!({ "url": "https://example.com/a b", "label": "l" })),
        ),
        (
            "evidence with an empty label",
            with_evidence(json!({ "url": "https://example.com/", "label": "" })),
        ),
        (
            "a tree node id in capitals",
            json!({ "decision_tree": { "start": "A", "nodes": { "A": { "patterns": ["cdn"] } } } }),
        ),
    ]
}

/// Every sample the schema refuses for what `validate` checks is refused by `validate` as
/// well: the schema is no stricter than the build.
#[test]
fn what_the_schema_refuses_validate_refuses() {
    for (what, instance) in rejected_by_validate() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("data.json"), instance.to_string()).unwrap();
        let checked = mdbook_patterns::check_data(dir.path());
        assert!(checked.has_errors(), "validate accepts {what}");
    }
}

#[test]
fn the_schema_accepts_each_kind_of_step_blueprint_node_and_evidence() {
    let validator = validator();
    let flowchart = json!({ "nodes": [ { "id": "A", "label": "A" } ] });
    let sequence = json!({ "participants": [ { "id": "A", "label": "A" } ] });
    let good = [
        domain_with(
            json!({ "steps": [ { "pattern": "cdn" }, { "text": "Plain", "pattern": null } ] }),
        ),
        domain_with(json!({ "blueprint": { "title": "T", "flowchart": flowchart } })),
        domain_with(json!({ "blueprint": { "sequence": sequence, "mermaid": null } })),
        domain_with(json!({ "blueprint": { "mermaid": "graph TD\n A" } })),
        tree_with(json!({ "question": "Q?", "answers": [ { "label": "Y", "next": "b" } ] })),
        tree_with(json!({ "patterns": ["cdn"], "next": "b", "adds": true })),
        domain_with(json!({ "stack": [
            { "pattern": "cdn", "why": "w", "evidence": "HAProxy" },
            { "pattern": "cdn", "why": "w", "evidence": { "case_study": "x", "label": "X" } },
            { "pattern": "cdn", "why": "w", "evidence": { "case_study": "x" } },
            { "pattern": "cdn", "why": "w", "evidence": { "url": "https://example.com/a?b=1", "label": "A" } },
            { "pattern": "cdn", "why": "w", "evidence": { "url": "HTTP://example.com/", "label": "B" } }
        ] })),
        tree_with(
            json!({ "question": "Q?", "answers": [ { "label": "Y", "next": "b" } ], "patterns": [], "adds": false, "next": null }),
        ),
    ];
    for instance in good {
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{instance}: {errors:#?}");
    }
}

/// Samples written in YAML and TOML, each converted into JSON by the loader's own converter:
/// the schema accepts and refuses them as `validate` does, so that an editor checking a YAML or
/// TOML file against the schema shows what the build would. `true` for a sample both accept.
fn written_samples() -> Vec<(&'static str, &'static str, bool)> {
    vec![
        (
            "data.yaml",
            r#"# yaml-language-server: $schema=../schema/patterns-data.schema.json
schema_version: "1.0"
patterns:
  cdn:
    name: CDN
    tier: gold
    category: edge
    summary: Serve from the edge.
    implementations: [Akamai, "2024", 2024-05-01]
recipe:
  core:
    - pattern: cdn
      note: 2024-05-01
"#,
            true,
        ),
        (
            "data.toml",
            r#"#:schema ../schema/patterns-data.schema.json
schema_version = "1.0"

[patterns.cdn]
name = "CDN"
tier = "gold"
category = "edge"
summary = "Serve from the edge."
implementations = ["Akamai", "2024"]

[[domains]]
id = "media"
title = "Media"
summary = "Streaming"
question = "Scale?"

[[domains.options]]
id = "global"
title = "Global"
stack = [{ pattern = "cdn", why = "Edge", evidence = "Akamai" }]
steps = [{ text = "Start small", then = "grow", note = 2026-06-01 }]

[[recipe.core]]
pattern = "cdn"
"#,
            true,
        ),
        (
            "data.yaml",
            "patterns:\n  cdn: {name: CDN, tier: gold, category: edge, summary: 42}\n",
            false,
        ),
        (
            "data.yaml",
            "patterns:\n  cdn: {name: CDN, tier: Gold, category: edge, summary: s}\n",
            false,
        ),
        (
            "data.yaml",
            "patterns:\n  cdn: {name: CDN, tier: gold, category: edge, summary: s, implementation: [A]}\n",
            false,
        ),
        ("data.yaml", "schema_version: 1.0\n", false),
        ("data.yaml", "domains:\n  id: media\n", false),
        (
            "data.toml",
            "[patterns.cdn]\nname = \"CDN\"\ntier = \"gold\"\ncategory = \"edge\"\nsummary = 42\n",
            false,
        ),
        (
            "data.toml",
            "[patterns.cdn]\nname = \"CDN\"\ntier = \"gold\"\ncategory = \"edge\"\nsummary = true\n",
            false,
        ),
        (
            "data.toml",
            "[patterns.cdn]\nname = \"CDN\"\ntier = \"platinum\"\ncategory = \"edge\"\nsummary = \"s\"\n",
            false,
        ),
        (
            "data.toml",
            "[patterns.cdn]\nname = \"CDN\"\ntier = \"gold\"\ncategory = \"edge\"\nsumary = \"s\"\n",
            false,
        ),
        ("data.toml", "schema_version = 1.0\n", false),
        (
            "data.toml",
            "[[case_studies]]\ntitle = \"T\"\npage = \"t.md\"\n",
            false,
        ),
        ("data.toml", "[[recipe.avoid]]\npattern = \"cdn\"\n", false),
    ]
}

/// A sample's JSON, as the loader's converter for its format writes it.
fn converted(name: &str, text: &str) -> Value {
    let converted = if name.ends_with(".toml") {
        mdbook_patterns::fuzzing::convert_toml(text)
    } else {
        mdbook_patterns::fuzzing::convert_yaml(text)
    };
    let converted = converted.unwrap_or_else(|refusals| panic!("{text}: {refusals:?}"));
    assert!(converted.refusals.is_empty(), "{text}: {converted:?}");
    serde_json::from_str(&converted.json).expect("the converter writes JSON")
}

/// Whether `validate` (load and checks) finds an error in a data folder holding `text` as
/// `name`.
fn validate_refuses(name: &str, text: &str) -> bool {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    mdbook_patterns::check_data(dir.path()).has_errors()
}

#[test]
fn yaml_and_toml_samples_are_judged_by_the_schema_as_by_validate() {
    let validator = validator();
    for (name, text, valid) in written_samples() {
        let instance = converted(name, text);
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert_eq!(
            errors.is_empty(),
            valid,
            "the schema on {name}:\n{text}\n{instance}\n{errors:#?}"
        );
        assert_eq!(
            validate_refuses(name, text),
            !valid,
            "validate on {name}:\n{text}"
        );
    }
}

/// What the converters refuse is not in the JSON they write, and so out of the schema's reach:
/// a YAML 1.1 scalar or a tag, a TOML time or `nan`, each read as text. `validate` refuses
/// them and accepts the same file with the value quoted; the schema accepts both.
#[test]
fn what_the_converters_refuse_the_schema_cannot_see() {
    let validator = validator();
    let yaml = "patterns:\n  cdn: {name: CDN, tier: gold, category: edge, summary: s}\n";
    let toml = "[patterns.cdn]\nname = \"CDN\"\ntier = \"gold\"\ncategory = \"edge\"\n";
    let tree = "decision_tree:\n  start: a\n  nodes:\n    a: {question: Q?, answers: [{label: LABEL, next: b}]}\n    b: {patterns: [cdn]}\n";
    for (name, text, refused, quoted) in [
        ("data.yaml", format!("{yaml}{tree}"), "Yes", "\"Yes\""),
        ("data.yaml", format!("{yaml}{tree}"), "!!str Maybe", "Maybe"),
        (
            "data.toml",
            format!("{toml}summary = LABEL\n"),
            "2026-06-01T10:00:00Z",
            "\"2026-06-01T10:00:00Z\"",
        ),
        (
            "data.toml",
            format!("{toml}summary = LABEL\n"),
            "nan",
            "\"nan\"",
        ),
    ] {
        let refused = text.replace("LABEL", refused);
        let quoted = text.replace("LABEL", quoted);
        let converted = if name.ends_with(".toml") {
            mdbook_patterns::fuzzing::convert_toml(&refused)
        } else {
            mdbook_patterns::fuzzing::convert_yaml(&refused)
        }
        .expect("converted, with refusals");
        assert!(!converted.refusals.is_empty(), "{refused}");
        let instance: Value = serde_json::from_str(&converted.json).unwrap();
        assert!(validator.is_valid(&instance), "{refused}: {instance}");
        assert!(
            validator.is_valid(&self::converted(name, &quoted)),
            "{quoted}"
        );
        assert!(validate_refuses(name, &refused), "{refused}");
        assert!(!validate_refuses(name, &quoted), "{quoted}");
    }
}

#[test]
fn every_property_of_the_schema_is_described() {
    let schema: Value = serde_json::from_str(&printed_schema()).unwrap();
    let mut undescribed = Vec::new();
    fn walk(value: &Value, path: &str, in_rule: bool, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let (Some(Value::Object(properties)), false) = (map.get("properties"), in_rule) {
                    for (key, property) in properties {
                        if property.get("description").is_none() {
                            out.push(format!("{path}.{key}"));
                        }
                    }
                }
                for (key, child) in map {
                    walk(
                        child,
                        &format!("{path}/{key}"),
                        in_rule || key == "oneOf",
                        out,
                    );
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, path, in_rule, out)),
            _ => {}
        }
    }
    walk(&schema, "", false, &mut undescribed);
    assert!(
        undescribed.is_empty(),
        "properties without a description: {undescribed:?}"
    );
}
