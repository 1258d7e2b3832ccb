//! `mdbook-patterns install`: puts the wizard's script and stylesheet into a book and wires them
//! (and the preprocessor) into `book.toml`, idempotently, keeping the file's comments.
//!
//! The assets are embedded in this binary and written with a version line, so a build can tell
//! when the copies in a book are older than the preprocessor that renders the page around them.

pub mod book_files;
pub mod init;
pub mod new;
pub mod starter;

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml_edit::{Array, DocumentMut, Item, Table, value};

use book_files::BookFile;

use crate::book::assets::{CSS_PATH, JS_PATH, assets};
use crate::diag::{Location, Position, Problem};

/// What `install` changed, for its report.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub written: Vec<PathBuf>,
    pub book_toml_changed: bool,
}

/// Installs into the book at `book_dir`. Everything is prepared first: `book.toml` read and
/// edited in memory, the assets compared with the book's copies, every file checked to be a
/// plain file inside the book ([`BookFile`]). Only then is anything written, all or nothing as
/// far as the file system allows ([`book_files::replace_all`]).
///
/// Its problems say what to do within their message ("…: move it away and run install again"),
/// as install's messages always have, so few carry a separate help.
pub fn install(book_dir: &Path) -> Result<Changes, Problem> {
    let toml = BookFile::check_existing(book_dir, "book.toml")?;
    let text = std::fs::read_to_string(&toml.path)
        .map_err(|e| Problem::new(format!("cannot read {}: {e}", toml.path.display()), None))?;
    let edited = edit_book_toml(&text).map_err(|e| e.at(&toml.path, &text))?;
    let mut writes = Vec::new();
    for (relative, contents) in assets() {
        let asset = BookFile::check(book_dir, relative)?;
        if asset.read().as_deref() != Some(contents.as_bytes()) {
            writes.push((asset, contents));
        }
    }
    // A book without data gets a starter file, and the schema beside the data folder for
    // editors; neither replaces a file that exists.
    let data = configured_data(&edited);
    // Only inside the book: install writes nothing elsewhere (a data folder shared by several
    // books, `../patterns-data`, is the author's to create).
    let inside = Path::new(&data)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if inside && std::fs::symlink_metadata(book_dir.join(&data)).is_err() {
        let (name, text) = starter::install_file(starter::Format::Json);
        writes.push((BookFile::check(book_dir, &format!("{data}/{name}"))?, text));
        let beside = Path::new(&data).parent().unwrap_or(Path::new(""));
        let schema = beside
            .join(init::SCHEMA_PATH)
            .to_string_lossy()
            .into_owned();
        let schema = BookFile::check(book_dir, &schema)?;
        if !schema.exists() {
            writes.push((schema, crate::data::schema::data_file_schema()));
        }
    }
    let changes = Changes {
        written: writes.iter().map(|(asset, _)| asset.path.clone()).collect(),
        book_toml_changed: edited != text,
    };
    // book.toml goes last: should a rename fail halfway, the file the author edits by hand is
    // still as it was, and a build names the asset that is missing or stale.
    if changes.book_toml_changed {
        writes.push((toml, edited));
    }
    book_files::replace_all(&writes)?;
    Ok(changes)
}

/// A problem of [`BookFile`] or [`book_files::replace_all`], whose words are install's, said
/// for `command` (`init`, `new`).
pub fn reworded(problem: Problem, command: &str) -> Problem {
    let say = |text: String| {
        text.replace(
            "run install on a book's folder, the one holding book.toml",
            &format!(
                "run {command} in a book's folder, the one holding book.toml, or give --book DIR"
            ),
        )
        .replace("install writes", &format!("{command} writes"))
        .replace("run install again", &format!("run {command} again"))
    };
    Problem {
        message: say(problem.message),
        help: problem.help.map(say),
        ..problem
    }
}

/// The data folder `book.toml`'s text configures, relative to the book (without mdBook's
/// environment overrides): `[preprocessor.patterns] data`, else `patterns-data`.
pub fn configured_data(book_toml: &str) -> String {
    book_toml
        .parse::<DocumentMut>()
        .ok()
        .and_then(|doc| {
            doc.get("preprocessor")?
                .get("patterns")?
                .get("data")?
                .as_str()
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "patterns-data".to_owned())
        .trim_end_matches('/')
        .to_owned()
}

/// Why `book.toml` cannot be edited: a reason, which [`install`] turns into the [`Problem`] it
/// reports, placed in the file.
#[derive(Debug, PartialEq, Eq)]
pub enum EditError {
    /// It is not TOML; the message and the byte range it is about.
    Syntax(String, Option<Range<usize>>),
    /// A key install adds to has a value of another type.
    Shape(String),
}

impl EditError {
    /// The problem for the user, placed in `path` (whose text is `text`), with line and column
    /// where the parser gave them.
    fn at(&self, path: &Path, text: &str) -> Problem {
        let (message, position) = match self {
            EditError::Syntax(message, span) => (
                format!("not valid TOML: {}", message.trim_end()),
                span.as_ref().map(|span| {
                    let before = text.get(..span.start).unwrap_or(text);
                    Position {
                        line: before.matches('\n').count() + 1,
                        column: before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
                    }
                }),
            ),
            EditError::Shape(message) => (message.clone(), None),
        };
        Problem::new(format!("{message}; fix it and run install again"), None).at(Location {
            position,
            ..Location::file(path.display().to_string())
        })
    }
}

impl From<String> for EditError {
    fn from(message: String) -> Self {
        EditError::Shape(message)
    }
}

/// `book.toml` with the preprocessor table and the asset entries added where missing.
pub fn edit_book_toml(text: &str) -> Result<String, EditError> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| EditError::Syntax(e.message().to_owned(), e.span()))?;
    let has_mermaid = doc
        .get("preprocessor")
        .and_then(|p| p.get("mermaid"))
        .is_some();
    let preprocessor = table(&mut doc, &["preprocessor"])?;
    preprocessor.set_implicit(true);
    let patterns = table(&mut doc, &["preprocessor", "patterns"])?;
    if has_mermaid {
        push_unique(patterns, "before", "mermaid")?;
    }
    // A book that already has mdbook-mermaid keeps drawing in the browser; any other book gets
    // diagrams drawn at build time. A choice already written stays.
    if !patterns.contains_key("diagrams") {
        let mode = if has_mermaid { "mermaid" } else { "svg" };
        patterns.insert("diagrams", value(mode));
    }
    let data = patterns
        .get("data")
        .and_then(Item::as_str)
        .unwrap_or("patterns-data")
        .to_owned();
    let output = table(&mut doc, &["output"])?;
    output.set_implicit(true);
    let html = table(&mut doc, &["output", "html"])?;
    push_unique(html, "additional-css", CSS_PATH)?;
    push_unique(html, "additional-js", JS_PATH)?;
    let build = table(&mut doc, &["build"])?;
    push_unique(build, "extra-watch-dirs", &data)?;
    Ok(doc.to_string())
}

/// The table at `path`, created (as a standard table) where missing.
fn table<'d>(doc: &'d mut DocumentMut, path: &[&str]) -> Result<&'d mut Table, String> {
    let mut current = doc.as_table_mut();
    for key in path {
        let item = current
            .entry(key)
            .or_insert_with(|| Item::Table(Table::new()));
        current = item
            .as_table_mut()
            .ok_or_else(|| format!("[{}] is not a table", path.join(".")))?;
    }
    Ok(current)
}

/// Adds `entry` to the array `key` of `table`, creating the array where missing.
fn push_unique(table: &mut Table, key: &str, entry: &str) -> Result<(), String> {
    let item = table.entry(key).or_insert_with(|| value(Array::new()));
    let array = item
        .as_array_mut()
        .ok_or_else(|| format!("\"{key}\" is not a list"))?;
    if !array.iter().any(|v| v.as_str() == Some(entry)) {
        array.push(entry);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_book_toml_once_and_keeps_comments() {
        let original = "# My handbook\n[book]\ntitle = \"H\" # the title\n\n[preprocessor.mermaid]\ncommand = \"mdbook-mermaid\"\n\n[output.html]\nadditional-css = [\"custom.css\"]\n";
        let once = edit_book_toml(original).unwrap();
        assert!(once.contains("# My handbook") && once.contains("# the title"));
        assert!(once.contains("[preprocessor.patterns]"));
        assert!(once.contains("before = [\"mermaid\"]"));
        assert!(once.contains("diagrams = \"mermaid\""), "{once}");
        assert!(once.contains("additional-css = [\"custom.css\", \"mdbook-patterns/wizard.css\"]"));
        assert!(once.contains("additional-js = [\"mdbook-patterns/wizard.js\"]"));
        assert!(once.contains("extra-watch-dirs = [\"patterns-data\"]"));
        assert_eq!(edit_book_toml(&once).unwrap(), once, "idempotent");
    }

    #[test]
    fn a_book_without_mdbook_mermaid_gets_svg_and_a_written_choice_stays() {
        let plain = edit_book_toml("[book]\ntitle = \"H\"\n").unwrap();
        assert!(plain.contains("diagrams = \"svg\""), "{plain}");
        assert!(!plain.contains("before"), "{plain}");
        let chosen = "[preprocessor.mermaid]\n\n[preprocessor.patterns]\ndiagrams = \"svg\"\n";
        let edited = edit_book_toml(chosen).unwrap();
        assert!(
            edited.contains("diagrams = \"svg\"") && !edited.contains("diagrams = \"mermaid\"")
        );
    }

    #[test]
    fn refuses_a_key_of_the_wrong_type() {
        let err = edit_book_toml("[output.html]\nadditional-js = \"x.js\"\n").unwrap_err();
        assert_eq!(
            err,
            EditError::Shape("\"additional-js\" is not a list".into())
        );
    }
}
