//! The files `install` writes into a book, which may come from someone else: each checked to be
//! a plain file in a plain folder below the book, and all replaced together through temporary
//! files and renames, so that a failure leaves the book as it was.
//!
//! No symbolic link is followed, wherever it points: a link outside the book would let the book
//! overwrite a file elsewhere, and one inside it can still reach files that no book delivers
//! (`.git/config`, `.git/hooks/`). mdBook's layout never needs one there, and the fix is easy.
//! A rename replaces a directory entry, so a hard link to an outside file is not written through
//! either. Only the book's folder itself, named by the user, may be reached through links.

use std::fs::{self, Metadata};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::diag::Problem;

/// A file below the book, checked: no part of its path is a symbolic link, its folders are
/// folders and it is a regular file if it exists.
#[derive(Debug)]
pub struct BookFile {
    /// The book's folder joined with the file's relative path.
    pub path: PathBuf,
    /// The file's metadata, when it exists.
    existing: Option<Metadata>,
}

impl BookFile {
    /// The file at `relative` below `book_dir`, which may not exist yet.
    pub fn check(book_dir: &Path, relative: &str) -> Result<BookFile, Problem> {
        Self::check_with(
            book_dir,
            relative,
            "remove the link and run install again (it writes the file itself)",
        )
    }

    /// The file at `relative` below `book_dir`, which install edits: it must exist.
    pub fn check_existing(book_dir: &Path, relative: &str) -> Result<BookFile, Problem> {
        let file = Self::check_with(
            book_dir,
            relative,
            "replace the link with a copy of the file it points to and run install again",
        )?;
        if file.existing.is_none() {
            return Err(Problem::new(
                format!("cannot read {}: there is no such file", file.path.display()),
                Some("run install on a book's folder, the one holding book.toml".into()),
            ));
        }
        Ok(file)
    }

    /// Walks the path one part at a time with `symlink_metadata`, which never follows a link.
    fn check_with(book_dir: &Path, relative: &str, fix_link: &str) -> Result<BookFile, Problem> {
        let parts: Vec<_> = Path::new(relative).components().collect();
        let mut path = book_dir.to_path_buf();
        let mut existing = None;
        for (index, part) in parts.iter().enumerate() {
            path.push(part);
            let is_file = index + 1 == parts.len();
            let metadata = match fs::symlink_metadata(&path) {
                Ok(metadata) => metadata,
                // The rest is missing: install creates it, below a checked folder.
                Err(e) if e.kind() == ErrorKind::NotFound => break,
                Err(e) => {
                    let message = format!("cannot read {}: {e}", path.display());
                    return Err(Problem::new(message, None));
                }
            };
            let kind = metadata.file_type();
            if kind.is_symlink() {
                let target = fs::read_link(&path)
                    .map_or_else(|_| "somewhere".to_owned(), |t| t.display().to_string());
                return Err(Problem::new(
                    format!(
                        "{} is a symbolic link to {target}; install writes only plain files inside \
                     the book, so that a book cannot make it overwrite a file elsewhere: \
                     {fix_link}",
                        path.display()
                    ),
                    None,
                ));
            }
            if is_file && kind.is_dir() {
                return Err(Problem::new(
                    format!(
                        "{} is a folder, not a file; install writes the file there: move it away \
                     and run install again",
                        path.display()
                    ),
                    None,
                ));
            }
            if is_file && !kind.is_file() {
                return Err(Problem::new(
                    format!(
                        "{} is not a regular file; install writes the file there: move it away and \
                     run install again",
                        path.display()
                    ),
                    None,
                ));
            }
            if !is_file && !kind.is_dir() {
                return Err(Problem::new(
                    format!(
                        "{} is not a folder; install writes {relative} in it: move it away and run \
                     install again",
                        path.display()
                    ),
                    None,
                ));
            }
            if is_file {
                existing = Some(metadata);
            }
        }
        Ok(BookFile {
            path: book_dir.join(relative),
            existing,
        })
    }

    /// Whether the file exists.
    pub fn exists(&self) -> bool {
        self.existing.is_some()
    }

    /// The file's contents, `None` when it does not exist or cannot be read.
    pub fn read(&self) -> Option<Vec<u8>> {
        self.existing.as_ref()?;
        fs::read(&self.path).ok()
    }
}

/// Replaces each file with its contents, in the order given: every new file is first written in
/// full to a temporary file beside its target (with the target's permissions, else those of any
/// new file) and synced, so that a full disk or any other failure shows before a single target
/// is touched. Only then is each renamed over its target. On an error before the renames, the
/// temporary files and any folder created for them are removed and the book is as it was; a
/// rename that fails after others succeeded leaves those in place and removes the rest.
pub fn replace_all(files: &[(BookFile, String)]) -> Result<(), Problem> {
    let mut created = Vec::new();
    let staged = files
        .iter()
        .map(|(file, contents)| stage(file, contents, &mut created))
        .collect::<Result<Vec<_>, _>>();
    let staged = match staged {
        Ok(staged) => staged,
        Err(err) => {
            // The temporary files are gone (dropped); the folders made for them are empty.
            for folder in created.iter().rev() {
                let _ = fs::remove_dir(folder);
            }
            return Err(err);
        }
    };
    let mut replaced = Vec::new();
    for (temp, (file, _)) in staged.into_iter().zip(files) {
        // On an error the remaining temporary files are dropped, which deletes them.
        temp.persist(&file.path).map_err(|e| {
            let done = if replaced.is_empty() {
                String::new()
            } else {
                format!(" ({} already replaced)", replaced.join(", "))
            };
            Problem::new(
                format!(
                    "cannot replace {}: {}{done}; fix that and run install again",
                    file.path.display(),
                    e.error
                ),
                None,
            )
        })?;
        replaced.push(file.path.display().to_string());
    }
    Ok(())
}

/// `contents` in a temporary file beside `file`, synced, ready to be renamed over it. Folders
/// missing on the way are created and added to `created`.
fn stage(
    file: &BookFile,
    contents: &str,
    created: &mut Vec<PathBuf>,
) -> Result<NamedTempFile, Problem> {
    let cannot = |e: std::io::Error| {
        Problem::new(format!("cannot write {}: {e}", file.path.display()), None)
    };
    let folder = match file.path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    create_folders(folder, created)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".mdbook-patterns-").suffix(".tmp");
    // A temporary file is readable by its owner only; a new asset gets what `fs::write` gives
    // (the umask applies), like any file the author writes.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(folder).map_err(cannot)?;
    temp.write_all(contents.as_bytes()).map_err(cannot)?;
    if let Some(existing) = &file.existing {
        temp.as_file()
            .set_permissions(existing.permissions())
            .map_err(cannot)?;
    }
    temp.as_file().sync_all().map_err(cannot)?;
    Ok(temp)
}

/// Creates `folder` and its missing parents, outermost first, adding each to `created`.
fn create_folders(folder: &Path, created: &mut Vec<PathBuf>) -> Result<(), Problem> {
    let missing: Vec<&Path> = folder
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && fs::symlink_metadata(a).is_err())
        .collect();
    for folder in missing.into_iter().rev() {
        fs::create_dir(folder)
            .map_err(|e| Problem::new(format!("cannot create {}: {e}", folder.display()), None))?;
        created.push(folder.to_path_buf());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<PathBuf> {
        let mut out: Vec<_> = walk(dir)
            .into_iter()
            .map(|p| p.strip_prefix(dir).unwrap().to_path_buf())
            .collect();
        out.sort();
        out
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(walk(&path));
            }
            out.push(path);
        }
        out
    }

    /// A failure while the new files are being written (here: a file where a folder should be,
    /// which stops root as well) removes the temporary files
    /// and the folders already made for them, and replaces nothing.
    #[test]
    fn a_failure_before_the_renames_leaves_nothing_behind() {
        let book = tempfile::tempdir().unwrap();
        let root = book.path();
        fs::write(root.join("book.toml"), "old\n").unwrap();
        fs::write(root.join("in-the-way"), "a file\n").unwrap();
        let before = listing(root);
        let files = vec![
            (
                BookFile::check(root, "new/deeper/a.js").unwrap(),
                "a".into(),
            ),
            (
                BookFile::check_existing(root, "book.toml").unwrap(),
                "new\n".into(),
            ),
            // Checked while the path was free, as a file that appears meanwhile would be.
            (BookFile::check(root, "late/b.css").unwrap(), "b".into()),
        ];
        fs::write(root.join("late"), "appeared\n").unwrap();
        let err = replace_all(&files).unwrap_err().to_string();
        let late = root.join("late/b.css");
        assert!(
            err.starts_with(&format!("cannot write {}: ", late.display())),
            "{err}"
        );
        fs::remove_file(root.join("late")).unwrap();
        assert_eq!(listing(root), before);
        assert_eq!(fs::read_to_string(root.join("book.toml")).unwrap(), "old\n");
    }

    /// A rename that fails (here: a folder appeared where the file goes) after an earlier one
    /// succeeded says which files were replaced, and removes the remaining temporary files.
    #[test]
    fn a_failed_rename_names_what_was_replaced_and_leaves_no_temporary_file() {
        let book = tempfile::tempdir().unwrap();
        let root = book.path();
        let files = vec![
            (BookFile::check(root, "a.js").unwrap(), "a".into()),
            (BookFile::check(root, "b.css").unwrap(), "b".into()),
        ];
        fs::create_dir(root.join("b.css")).unwrap();
        let err = replace_all(&files).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "cannot replace {}: Is a directory (os error 21) ({} already replaced); fix that \
                 and run install again",
                files[1].0.path.display(),
                files[0].0.path.display()
            )
        );
        assert_eq!(listing(root), [Path::new("a.js"), Path::new("b.css")]);
    }

    #[test]
    fn replaces_every_file_and_creates_its_folders() {
        let book = tempfile::tempdir().unwrap();
        let root = book.path();
        fs::write(root.join("book.toml"), "old\n").unwrap();
        let files = vec![
            (BookFile::check(root, "assets/a.js").unwrap(), "a".into()),
            (
                BookFile::check_existing(root, "book.toml").unwrap(),
                "new\n".into(),
            ),
        ];
        replace_all(&files).unwrap();
        assert_eq!(
            listing(root),
            [
                Path::new("assets"),
                Path::new("assets/a.js"),
                Path::new("book.toml")
            ]
        );
        assert_eq!(fs::read_to_string(root.join("book.toml")).unwrap(), "new\n");
        assert_eq!(fs::read(&files[1].0.path).unwrap(), b"new\n");
    }
}
