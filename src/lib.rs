//! mdbook-patterns: an mdBook preprocessor that renders a pattern handbook from data.
//!
//! The data flows down one pipeline, one module per stage, and imports only go down it
//! (`ARCHITECTURE.md` draws the layers; a test keeps them):
//!
//! - `diag` and `text` are leaves: problems and where they are; text escaped
//!   for where it lands, ids and anchors, links between chapters.
//! - `data` reads the data folder (`load`), checks it (`validate`) and owns the model.
//! - `engine` computes recommendations from the data; `book` finds the directives in the
//!   chapters, where every section lands (`site`) and the data's cross references (`index`).
//! - `render` turns one directive into Markdown and HTML, one file per directive.
//! - `expand` runs the pipeline over a whole book and talks to mdBook.
//! - `install` writes the wizard's assets into a book; `main.rs` parses arguments.
//!
//! This file is the crate's whole public surface: what the command, the tests and the fuzz
//! targets use.

mod book;
mod data;
mod diag;
mod engine;
mod expand;
mod install;
mod mermaid;
mod render;
mod text;

pub use book::config::{Config, Diagrams, OnFailure};
pub use data::date::Date;
pub use data::diff::{Diff, diff};
pub use data::load::{Loaded, load, load_bytes};
pub use data::model;
pub use data::schema::data_file_schema;
pub use data::tree::tree_paths;
pub use data::validate::validate;
pub use data::{Checked, Data, check as check_data};
pub use diag::excerpt::escaped;
pub use diag::{Diagnostic, Location, Problem, Severity, render_json, summary};
pub use engine::{Recommendation, Selection, options, recommend};
pub use expand::build::{build as build_book, configured_data_dir, validate as validate_book};
pub use expand::mdbook::run_as_preprocessor;
pub use expand::{Patterns, Report, expand_book};
pub use install::init::init;
pub use install::new::{NewCaseStudy, NewPattern, new_case_study, new_pattern};
pub use install::starter::Format as DataFormat;
pub use install::{Changes, install};

/// What the fuzz targets (and the schema's tests) use beyond the public surface: the chapter
/// scanner, the index, and the converters of YAML and TOML data files into JSON.
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::book::index::Index;
    pub use crate::book::scan::{FoundKind, scan};
    pub use crate::data::toml::convert as convert_toml;
    pub use crate::data::yaml::{Converted, Duplicate, Mark, Refusal, convert as convert_yaml};
}
