//! The JSON Schema (draft 2020-12) of a data file, generated from [`crate::data::model`].

use crate::data::model::DataFile;

/// The schema as pretty-printed JSON, with a trailing newline.
pub fn data_file_schema() -> String {
    let schema = schemars::schema_for!(DataFile<'static>);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serializes to JSON");
    text.push('\n');
    text
}
