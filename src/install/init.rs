//! `mdbook-patterns init`: a new handbook that builds and validates at once. It never
//! overwrites a file: when one it would write exists, it writes nothing and names them all.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, value};

use crate::book::assets::assets;
use crate::data::schema::data_file_schema;
use crate::diag::Problem;
use crate::install::book_files::{self, BookFile};
use crate::install::starter::{self, Format};
use crate::install::{edit_book_toml, reworded};

/// Where the schema goes, relative to the book: beside the data folder, where the data files'
/// `$schema` lines point.
pub const SCHEMA_PATH: &str = "schema/patterns-data.schema.json";

/// Writes a new handbook into `dir` (created where missing), titled `title`, its data in
/// `format`. Returns the files written, relative to `dir`.
pub fn init(dir: &Path, title: &str, format: Format) -> Result<Vec<PathBuf>, Problem> {
    crate::install::new::check_text(title, "--title")?;
    let files = handbook_files(title, format)?;
    let mut checked = Vec::new();
    let mut existing = Vec::new();
    for (relative, contents) in files {
        let file = BookFile::check(dir, &relative).map_err(|p| reworded(p, "init"))?;
        if file.exists() {
            existing.push(file.path.display().to_string());
        }
        checked.push((file, contents, relative));
    }
    if !existing.is_empty() {
        let (them, exist) = if existing.len() == 1 {
            ("it", "exists")
        } else {
            ("them", "exist")
        };
        return Err(Problem::new(
            format!(
                "init never overwrites a file, and {} already {exist}; nothing was written",
                existing.join(", ")
            ),
            Some(format!(
                "run init in a new or empty folder, or move {them} away and run init again"
            )),
        ));
    }
    let written = checked.iter().map(|(_, _, r)| PathBuf::from(r)).collect();
    let writes: Vec<_> = checked
        .into_iter()
        .map(|(file, contents, _)| (file, contents))
        .collect();
    book_files::replace_all(&writes).map_err(|p| reworded(p, "init"))?;
    Ok(written)
}

/// Every file of the new handbook, relative to its folder, with its contents.
fn handbook_files(title: &str, format: Format) -> Result<Vec<(String, String)>, Problem> {
    let mut doc = DocumentMut::new();
    let mut book = toml_edit::Table::new();
    book.insert("title", value(title));
    book.insert("src", value("src"));
    doc.insert("book", toml_edit::Item::Table(book));
    let book_toml = edit_book_toml(&doc.to_string())
        .map_err(|_| Problem::new("cannot write book.toml's settings", None))?;
    let mut files = vec![
        ("book.toml".to_owned(), book_toml),
        (
            ".gitignore".to_owned(),
            "# The built book\n/book/\n".to_owned(),
        ),
        (SCHEMA_PATH.to_owned(), data_file_schema()),
    ];
    for (relative, contents) in assets() {
        files.push((relative.to_owned(), contents));
    }
    for (name, text) in starter::data_files(format) {
        files.push((format!("patterns-data/{name}"), text));
    }
    for (name, text) in starter::chapters(title) {
        files.push((format!("src/{name}"), text));
    }
    Ok(files)
}
