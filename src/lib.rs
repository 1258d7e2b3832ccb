//! mdbook-patterns: an mdBook preprocessor that renders a pattern handbook from JSON data.
//!
//! The data flows through one module per stage:
//! [`load`] reads and merges the data folder into [`data::Data`] (types in [`model`]),
//! [`validate`] checks ids, references and the decision tree. Every problem becomes a
//! [`diagnostic::Diagnostic`] that says where it is and what to do.

pub mod book;
pub mod book_files;
pub mod config;
pub mod data;
pub mod diagnostic;
pub mod directive;
pub mod excerpt;
pub mod expanded;
pub mod index;
pub mod install;
pub mod json_path;
pub mod link;
pub mod load;
pub mod mdbook;
pub mod model;
pub mod preprocess;
pub mod recommend;
pub mod render;
pub mod scan;
pub mod schema;
pub mod shape;
pub mod site;
pub mod source;
pub mod suggest;
pub mod untrusted;
pub mod validate;

use std::path::Path;

use data::Data;
use diagnostic::Diagnostic;

/// The data set and everything wrong with it.
pub struct Checked {
    pub data: Data,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads the data folder `dir` and validates it: every problem, errors and warnings, at once.
pub fn check_data(dir: &Path) -> Checked {
    let loaded = load::load(dir);
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(validate::validate(&loaded.data));
    Checked {
        data: loaded.data,
        diagnostics,
    }
}
