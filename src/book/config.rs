//! The `[preprocessor.patterns]` table of `book.toml`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::data::date::Date;
use crate::diag::suggest;
use crate::diag::{Diagnostic, Location};

/// What to do when a directive or the data has an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnFailure {
    /// Fail the build, listing every error.
    #[default]
    Bail,
    /// Log the errors and render a visible error box in place of each failing directive.
    Continue,
}

/// How blueprints and the decision tree reach the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Diagrams {
    /// Drawn at build time as inline SVG: no JavaScript, nothing else to install.
    #[default]
    Svg,
    /// Written as ```` ```mermaid ```` fences for mdbook-mermaid to draw in the browser.
    Mermaid,
}

/// The preprocessor's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The data folder, relative to the book root.
    pub data: PathBuf,
    pub on_failure: OnFailure,
    pub diagrams: Diagrams,
    /// Whether every pattern and case study with neither a `page` nor a card gets a chapter
    /// generated for it (`generate-pages`).
    pub generate_pages: bool,
    /// `stale-after-days`: warn for each pattern reviewed longer ago than this, or never.
    pub stale_after_days: Option<u32>,
    /// `recent-days`: a tier move at most this many days before today shows a marker.
    pub recent_days: Option<u32>,
    /// The day staleness and markers are measured from, where the caller fixes it (not a key
    /// of our table); `None`: `SOURCE_DATE_EPOCH`, else the clock, read at each expansion.
    pub today: Option<Date>,
    /// mdBook's `book.language`, which the book is written in (not a key of our table).
    pub language: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data: PathBuf::from("patterns-data"),
            on_failure: OnFailure::Bail,
            diagrams: Diagrams::Svg,
            generate_pages: false,
            stale_after_days: None,
            recent_days: None,
            today: None,
            language: None,
        }
    }
}

/// The keys this preprocessor reads.
const OWN_KEYS: &[&str] = &[
    "data",
    "on-failure",
    "diagrams",
    "generate-pages",
    "stale-after-days",
    "recent-days",
];
/// The keys mdBook itself reads from every preprocessor table.
const MDBOOK_KEYS: &[&str] = &["command", "before", "after", "optional", "renderers"];

impl Config {
    /// Reads the table (as JSON), reporting unknown keys and bad values. `None` means the book
    /// has no `[preprocessor.patterns]` table: every setting takes its default.
    pub fn from_table(table: Option<&Value>) -> Result<Config, Vec<Diagnostic>> {
        let mut config = Config::default();
        let Some(table) = table else {
            return Ok(config);
        };
        let here = || Some(Location::file("book.toml"));
        let Some(table) = table.as_object() else {
            return Err(vec![Diagnostic::error(
                here(),
                "[preprocessor.patterns] must be a table",
            )]);
        };
        let mut problems = Vec::new();
        for (key, value) in table {
            match key.as_str() {
                "data" => match value.as_str() {
                    Some(path) if !path.trim().is_empty() => config.data = PathBuf::from(path),
                    _ => problems.push(
                        Diagnostic::error(
                            here(),
                            format!("[preprocessor.patterns] data = {value} is not a folder path"),
                        )
                        .with_help(Some(
                            "write the data folder relative to the book root, like data = \"../patterns-data\"".into(),
                        )),
                    ),
                },
                "on-failure" => {
                    if let Some(choice) = one_of(
                        "on-failure",
                        value,
                        &[("bail", OnFailure::Bail), ("continue", OnFailure::Continue)],
                        "write on-failure = \"bail\" or \"continue\"",
                        &mut problems,
                    ) {
                        config.on_failure = choice;
                    }
                }
                "diagrams" => {
                    if let Some(choice) = one_of(
                        "diagrams",
                        value,
                        &[("svg", Diagrams::Svg), ("mermaid", Diagrams::Mermaid)],
                        "write diagrams = \"svg\" (drawn at build time) or \"mermaid\" (for mdbook-mermaid)",
                        &mut problems,
                    ) {
                        config.diagrams = choice;
                    }
                }
                "generate-pages" => match value.as_bool() {
                    Some(on) => config.generate_pages = on,
                    None => problems.push(
                        Diagnostic::error(
                            here(),
                            format!("[preprocessor.patterns] generate-pages = {value} is not true or false"),
                        )
                        .with_help(Some("write generate-pages = true or generate-pages = false".into())),
                    ),
                },
                "stale-after-days" | "recent-days" => {
                    match value.as_u64().and_then(|n| u32::try_from(n).ok()) {
                        Some(days) if key == "recent-days" => config.recent_days = Some(days),
                        Some(days) => config.stale_after_days = Some(days),
                        None => problems.push(
                            Diagnostic::error(
                                here(),
                                format!("[preprocessor.patterns] {key} = {value} is not a number of days"),
                            )
                            .with_help(Some(format!("write a whole number of days, like {key} = 180"))),
                        ),
                    }
                }
                key if MDBOOK_KEYS.contains(&key) => {}
                key => {
                    let known = OWN_KEYS.iter().chain(MDBOOK_KEYS).copied();
                    let help = suggest::help(key, known).or_else(|| {
                        Some(format!(
                            "the keys of [preprocessor.patterns] are {}",
                            OWN_KEYS.join(", ")
                        ))
                    });
                    problems.push(
                        Diagnostic::error(
                            here(),
                            format!("[preprocessor.patterns] has an unknown key \"{key}\""),
                        )
                        .with_help(help),
                    );
                }
            }
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// The data folder of the book at `root`.
    pub fn data_dir(&self, root: &Path) -> PathBuf {
        root.join(&self.data)
    }
}

/// The value of a key that takes one of a few words; else the problem goes to `problems`.
fn one_of<T: Copy>(
    key: &str,
    value: &Value,
    words: &[(&str, T)],
    help: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<T> {
    let word = value.as_str();
    let choice = words
        .iter()
        .find(|(w, _)| Some(*w) == word)
        .map(|(_, c)| *c);
    if choice.is_none() {
        problems.push(
            Diagnostic::error(
                Some(Location::file("book.toml")),
                format!("[preprocessor.patterns] {key} = {value} is not known"),
            )
            .with_help(Some(help.to_owned())),
        );
    }
    choice
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_known_keys_and_rejects_unknown_ones() {
        let config = Config::from_table(Some(&json!({
            "data": "../patterns-data", "on-failure": "continue", "before": ["mermaid"],
            "diagrams": "mermaid", "generate-pages": true
        })))
        .expect("a valid table");
        assert_eq!(config.diagrams, Diagrams::Mermaid);
        assert!(config.generate_pages);
        assert_eq!(config.data, PathBuf::from("../patterns-data"));
        assert_eq!(config.on_failure, OnFailure::Continue);

        let problems = Config::from_table(Some(
            &json!({ "on-falure": "bail", "on-failure": "stop", "diagrams": "png", "generate-pages": "yes" }),
        ))
        .expect_err("two problems");
        let lines: Vec<String> = problems.iter().map(Diagnostic::headline).collect();
        assert_eq!(
            lines,
            [
                "book.toml: [preprocessor.patterns] has an unknown key \"on-falure\" (did you mean \"on-failure\"?)",
                "book.toml: [preprocessor.patterns] on-failure = \"stop\" is not known (write on-failure = \"bail\" or \"continue\")",
                "book.toml: [preprocessor.patterns] diagrams = \"png\" is not known (write diagrams = \"svg\" (drawn at build time) or \"mermaid\" (for mdbook-mermaid))",
                "book.toml: [preprocessor.patterns] generate-pages = \"yes\" is not true or false (write generate-pages = true or generate-pages = false)",
            ]
        );
        assert_eq!(Config::from_table(None), Ok(Config::default()));
    }
}
