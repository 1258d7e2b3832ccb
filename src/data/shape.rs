//! A list written where the format wants an object.
//!
//! serde lets a struct be read from a JSON list (its fields in order), so `["Yes", "next"]` would
//! pass for an answer and an eight-item list for a pattern. Authors never mean that. Before serde
//! reads a file, the walk over its text ([`crate::data::source`]) compares it with the JSON Schema
//! generated from the same types and reports every list that stands where only an object may.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

/// The data file's schema, reduced to what the walk over a file's text needs: where a list may
/// stand, and the schema of each key and item below. Compiled once.
pub struct Shapes {
    nodes: Vec<Node>,
}

/// A place in a data file, by its schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape(usize);

#[derive(Default)]
struct Node {
    /// Some alternative accepts a list; with the schema of its items, where it says.
    list: Option<Option<Shape>>,
    /// Some alternative accepts an object: the schema of each named key (`None` where the
    /// schema says nothing to walk into), and of any other key.
    object: Option<ObjectShape>,
}

/// The schema of each named key of an object (`None` where there is nothing to walk into), and
/// of any other key.
type ObjectShape = (HashMap<String, Option<Shape>>, Option<Shape>);

impl Shapes {
    /// The shapes of a data file.
    pub fn get() -> &'static Shapes {
        static SHAPES: OnceLock<Shapes> = OnceLock::new();
        SHAPES.get_or_init(|| {
            let root = schema();
            let mut shapes = Shapes { nodes: Vec::new() };
            shapes.compile(root, root, &mut HashMap::new());
            shapes
        })
    }

    /// The whole file.
    pub fn root(&self) -> Shape {
        Shape(0)
    }

    /// Whether a list at `shape` stands where only an object may.
    pub fn refuses_list(&self, shape: Shape) -> bool {
        let node = &self.nodes[shape.0];
        node.list.is_none() && node.object.is_some()
    }

    /// The shape of the items of a list at `shape`.
    pub fn item(&self, shape: Shape) -> Option<Shape> {
        self.nodes[shape.0].list.flatten()
    }

    /// The shape of `key` in an object at `shape`.
    pub fn property(&self, shape: Shape, key: &str) -> Option<Shape> {
        let (properties, others) = self.nodes[shape.0].object.as_ref()?;
        match properties.get(key) {
            Some(named) => *named,
            None => *others,
        }
    }

    /// Compiles `schema` (and what it refers to), once for each schema it resolves to.
    fn compile(
        &mut self,
        root: &Value,
        schema: &Value,
        done: &mut HashMap<*const Value, Shape>,
    ) -> Shape {
        let resolved = resolve(root, schema);
        if let Some(&shape) = done.get(&(resolved as *const Value)) {
            return shape;
        }
        let shape = Shape(self.nodes.len());
        self.nodes.push(Node::default());
        done.insert(resolved, shape);
        let options = alternatives(root, resolved);
        let list = options.iter().find(|s| accepts(s, "array")).map(|list| {
            list.get("items")
                .map(|items| self.compile(root, items, done))
        });
        let object = match options.iter().find(|s| accepts(s, "object")) {
            Some(object) => {
                let mut properties = HashMap::new();
                if let Some(Value::Object(named)) = object.get("properties") {
                    for (key, child) in named {
                        let child = child.is_object().then(|| self.compile(root, child, done));
                        properties.insert(key.clone(), child);
                    }
                }
                // The other keys' schema: `additionalProperties`, or for a map whose keys
                // are ids, the one schema of its `patternProperties`.
                let others = object
                    .get("additionalProperties")
                    .filter(|s| s.is_object())
                    .or_else(|| {
                        object
                            .get("patternProperties")
                            .and_then(Value::as_object)
                            .and_then(|patterns| patterns.values().next())
                    })
                    .map(|child| self.compile(root, child, done));
                Some((properties, others))
            }
            None => None,
        };
        self.nodes[shape.0] = Node { list, object };
        shape
    }
}

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        serde_json::to_value(schemars::schema_for!(crate::data::model::DataFile<'static>))
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

/// The alternatives of a schema: its `anyOf`/`oneOf` members, or itself. A schema with
/// properties of its own is itself: its `oneOf` only adds rules (a step names a pattern or a
/// text), it offers no other shape.
fn alternatives<'s>(root: &'s Value, schema: &'s Value) -> Vec<&'s Value> {
    let schema = resolve(root, schema);
    let members = schema
        .get("anyOf")
        .or_else(|| schema.get("oneOf"))
        .filter(|_| schema.get("properties").is_none())
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

#[cfg(test)]
mod tests {
    use crate::data::source::SourceFile;

    fn lists(text: &str) -> Vec<String> {
        let file = SourceFile::new("test.json".into(), text.into());
        file.lists_in_place_of_objects
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn finds_lists_where_objects_belong() {
        let file = r#"{
            "patterns": { "cdn": ["CDN", "gold"] },
            "domains": [ { "id": "d", "options": [ { "id": "o", "stack": [ ["cdn", "why"] ], "steps": [] } ] } ],
            "decision_tree": { "start": "a", "nodes": { "a": { "answers": [ ["Yes", "b"] ] } } },
            "combinations": [ { "with": ["a", "b"] } ]
        }"#;
        assert_eq!(
            lists(file),
            [
                "patterns.cdn",
                "domains[0].options[0].stack[0]",
                "decision_tree.nodes.a.answers[0]"
            ]
        );
        assert_eq!(lists("[1, 2]"), [""]);
    }
}
