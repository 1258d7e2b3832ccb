//! A list written where the format wants an object.
//!
//! serde lets a struct be read from a JSON list (its fields in order), so `["Yes", "next"]` would
//! pass for an answer and an eight-item list for a pattern. Authors never mean that. Before serde
//! reads a file, this walk compares it with the JSON Schema generated from the same types and
//! reports every list that stands where only an object may.

use std::sync::OnceLock;

use serde_json::Value;

use crate::json_path::JsonPath;

/// The paths in `value` (a whole data file) where a list stands in place of an object.
pub fn lists_in_place_of_objects(value: &Value) -> Vec<JsonPath> {
    let root = schema();
    let mut found = Vec::new();
    walk(root, root, value, &mut JsonPath::root(), &mut found);
    found
}

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        serde_json::to_value(schemars::schema_for!(crate::model::DataFile))
            .expect("a schema is JSON")
    })
}

/// The schema a `$ref` points to, or the schema itself.
fn resolve<'s>(root: &'s Value, schema: &'s Value) -> &'s Value {
    let target = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .and_then(|name| root.get("$defs")?.get(name));
    target.unwrap_or(schema)
}

/// The alternatives of a schema: its `anyOf`/`oneOf` members, or itself.
fn alternatives<'s>(root: &'s Value, schema: &'s Value) -> Vec<&'s Value> {
    let schema = resolve(root, schema);
    let members = schema
        .get("anyOf")
        .or_else(|| schema.get("oneOf"))
        .and_then(Value::as_array);
    match members {
        Some(members) => members.iter().flat_map(|m| alternatives(root, m)).collect(),
        None => vec![schema],
    }
}

/// Whether a schema (with no alternatives) accepts JSON of type `kind`.
fn accepts(schema: &Value, kind: &str) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == kind,
        Some(Value::Array(types)) => types.iter().any(|t| t == kind),
        _ => !matches!(kind, "array") || schema.get("properties").is_none(),
    }
}

fn walk(
    root: &Value,
    schema: &Value,
    value: &Value,
    path: &mut JsonPath,
    found: &mut Vec<JsonPath>,
) {
    let options = alternatives(root, schema);
    match value {
        Value::Array(items) => {
            let Some(list_schema) = options.iter().find(|s| accepts(s, "array")) else {
                if options.iter().any(|s| accepts(s, "object")) {
                    found.push(path.clone());
                }
                return;
            };
            if let Some(item_schema) = list_schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    path.push(crate::json_path::Segment::Index(i));
                    walk(root, item_schema, item, path, found);
                    path.pop();
                }
            }
        }
        Value::Object(map) => {
            let Some(object_schema) = options.iter().find(|s| accepts(s, "object")) else {
                return;
            };
            for (key, child) in map {
                let child_schema = object_schema
                    .get("properties")
                    .and_then(|p| p.get(key))
                    .or_else(|| object_schema.get("additionalProperties"));
                if let Some(child_schema) = child_schema.filter(|s| s.is_object()) {
                    path.push(crate::json_path::Segment::Key(key.clone()));
                    walk(root, child_schema, child, path, found);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_lists_where_objects_belong() {
        let file = json!({
            "patterns": { "cdn": ["CDN", "gold"] },
            "domains": [ { "id": "d", "options": [ { "id": "o", "stack": [ ["cdn", "why"] ], "steps": [] } ] } ],
            "decision_tree": { "start": "a", "nodes": { "a": { "answers": [ ["Yes", "b"] ] } } },
            "combinations": [ { "with": ["a", "b"] } ]
        });
        let found: Vec<String> = lists_in_place_of_objects(&file)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "patterns.cdn",
                "domains[0].options[0].stack[0]",
                "decision_tree.nodes.a.answers[0]"
            ]
        );
        assert_eq!(lists_in_place_of_objects(&json!([1, 2]))[0].to_string(), "");
    }
}
