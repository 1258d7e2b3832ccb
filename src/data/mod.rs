//! The data: its model, read from the data folder (load), checked (validate), and its schema;
//! the validated shapes the engine and the renderers read (valid, and tree for the decision tree).

pub mod date;
pub mod diff;
pub mod history;
pub mod json_path;
pub mod labels;
pub mod load;
pub mod model;
pub mod relations;
pub mod schema;
pub mod serde_wording;
pub mod set;
pub mod shape;
pub mod source;
pub mod toml;
pub mod tree;
pub mod valid;
pub mod validate;
pub mod yaml;

use std::path::Path;

pub use set::{Data, Located, Origin};

use crate::diag::Diagnostic;

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
pub fn check(dir: &Path) -> Checked {
    let loaded = load::load(dir);
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(validate::validate(&loaded.data));
    Checked {
        data: loaded.data,
        diagnostics,
    }
}
