//! Whole books on disk: the in-process `build`, and `validate --book`.

use std::path::Path;

use mdbook_driver::MDBook;
use mdbook_preprocessor::config::Config as BookConfig;
use mdbook_preprocessor::errors::Error;

use crate::book::config::Config;
use crate::diag::{Diagnostic, Location};
use crate::expand::{Patterns, expand_book, wizard_assets_problem};

/// Builds the book at `dir` as `mdbook build` would, with this preprocessor running in-process
/// in place of the `[preprocessor.patterns]` command. Other preprocessors and renderers run as
/// configured.
pub fn build(dir: &Path) -> Result<(), Error> {
    // mdBook runs external preprocessors in the book root and hands it to them: make it absolute.
    let mut book = MDBook::load(std::path::absolute(dir)?)?;
    book.with_preprocessor(Patterns::default());
    book.build()
}

/// Every problem of the book at `dir`: its configuration, its data, its directives and, where
/// it renders a `<<wizard>>` as HTML, the wizard's installed assets. Nothing is written: mdBook's
/// `create-missing` is turned off, so a chapter named in SUMMARY.md but missing is an error
/// instead of a new empty file in `src/`.
///
/// Files are named from where the command runs (`dir` joined to what is relative to the book),
/// so that editors and CI annotations can open them.
pub fn validate(dir: &Path) -> Vec<Diagnostic> {
    validate_in_book(dir)
        .into_iter()
        .map(|diagnostic| diagnostic.seen_from(dir))
        .collect()
}

/// [`validate`], files named relative to the book's root.
fn validate_in_book(dir: &Path) -> Vec<Diagnostic> {
    let cannot_load = |err: Error| {
        vec![Diagnostic::error(
            Some(Location::file("book.toml")),
            format!("cannot load the book: {err:#}"),
        )]
    };
    let book = match book_config(dir).and_then(|mut config| {
        config.build.create_missing = false;
        MDBook::load_with_config(dir, config)
    }) {
        Ok(book) => book,
        Err(err) => return cannot_load(err),
    };
    let table: Option<serde_json::Value> = book.config.get("preprocessor.patterns").ok().flatten();
    let config = match Config::from_table(table.as_ref()) {
        Ok(config) => Config {
            language: book.config.book.language.clone(),
            ..config
        },
        Err(problems) => return problems,
    };
    let src = book.config.book.src.display().to_string();
    let report = expand_book(dir, &config, &src, true, book.book);
    let mut diagnostics = report.diagnostics;
    if report.has_wizard && renders_html(&book.config) {
        diagnostics.extend(wizard_assets_problem(dir, &book.config));
    }
    diagnostics
}

/// The book's configuration as mdBook reads it: `book.toml` if there is one, then the
/// environment's overrides.
fn book_config(dir: &Path) -> Result<BookConfig, Error> {
    let toml = dir.join("book.toml");
    let mut config = if toml.exists() {
        BookConfig::from_disk(&toml)?
    } else {
        BookConfig::default()
    };
    config.update_from_env()?;
    Ok(config)
}

/// Whether mdBook renders the book as HTML: it does when `[output.html]` is there or when no
/// renderer is named at all.
fn renders_html(config: &BookConfig) -> bool {
    // `get("output")` is refused by mdBook 0.5 (only entries of the table may be read).
    match config.outputs::<serde_json::Value>() {
        Ok(outputs) => outputs.is_empty() || outputs.contains_key("html"),
        Err(_) => true,
    }
}

/// The data folder configured by the book at `dir` (`[preprocessor.patterns] data`, with
/// mdBook's environment overrides), for commands that read data without loading chapters.
pub fn configured_data_dir(dir: &Path) -> Result<std::path::PathBuf, Vec<Diagnostic>> {
    let toml = dir.join("book.toml");
    let here = || Some(Location::file(toml.display().to_string()));
    let mut config = mdbook_preprocessor::config::Config::from_disk(&toml).map_err(|e| {
        vec![Diagnostic::error(
            here(),
            format!("cannot read book.toml: {e:#}"),
        )]
    })?;
    config
        .update_from_env()
        .map_err(|e| vec![Diagnostic::error(here(), format!("{e:#}"))])?;
    let table: Option<serde_json::Value> = config
        .get("preprocessor.patterns")
        .map_err(|e| vec![Diagnostic::error(here(), format!("{e:#}"))])?;
    Ok(Config::from_table(table.as_ref())?.data_dir(dir))
}
