//! Stage 1: read every `*.json` file under the data folder and merge them into one [`Data`].
//!
//! Files are read in sorted path order. Each entry (a pattern, a case study, a domain, …) is
//! deserialized on its own, so one broken entry is reported without hiding the next. What cannot
//! be read is reported as a [`Diagnostic`] with its file, line, column and JSON path.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::data::{Data, Located, Origin};
use crate::diagnostic::{Diagnostic, Location};
use crate::json_path::JsonPath;
use crate::model::DataFile;
use crate::source::SourceFile;
use crate::suggest;

/// The data format version this build reads.
pub const SCHEMA_VERSION: semver::Version = semver::Version::new(1, 0, 0);

/// The data, as far as it could be read, and every problem met on the way.
pub struct Loaded {
    pub data: Data,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and merges the data folder `dir`. Paths in messages start with `dir` as given.
pub fn load(dir: &Path) -> Loaded {
    load_as(dir, dir)
}

/// Like [`load`], but messages name the folder `shown` (e.g. relative to the book root) instead.
pub fn load_as(dir: &Path, shown: &Path) -> Loaded {
    let mut loader = Loader {
        data: Data::default(),
        diagnostics: Vec::new(),
        lists_in_place_of_objects: Vec::new(),
    };
    match list_json_files(dir, shown) {
        Ok(files) if files.is_empty() => loader.diagnostics.push(
            Diagnostic::error(
                Some(Location::file(shown.display().to_string())),
                "the data folder holds no *.json file",
            )
            .with_help(Some(
                "add the handbook's data files to it, \
                 or point `data` in [preprocessor.patterns] at the right folder"
                    .into(),
            )),
        ),
        Ok(files) => {
            for relative in files {
                if !loader.read_file(dir, shown, &relative) {
                    loader.data.has_unreadable_files = true;
                }
            }
        }
        Err(diagnostic) => loader.diagnostics.push(*diagnostic),
    }
    loader.index_aliases();
    Loaded {
        data: loader.data,
        diagnostics: loader.diagnostics,
    }
}

/// Every `*.json` file below `dir`, as relative paths with `/` separators, sorted.
fn list_json_files(dir: &Path, shown: &Path) -> Result<Vec<String>, Box<Diagnostic>> {
    let here = || Some(Location::file(shown.display().to_string()));
    let metadata = std::fs::metadata(dir).map_err(|err| {
        Box::new(
            Diagnostic::error(
                here(),
                format!("cannot open the data folder: {}", io_reason(&err)),
            )
            .with_help(Some(
                "create the folder, or point `data` in [preprocessor.patterns], \
                     or --data, at the folder that holds the handbook's *.json files"
                    .into(),
            )),
        )
    })?;
    if !metadata.is_dir() {
        return Err(Box::new(
            Diagnostic::error(here(), "the data folder is a file, not a folder").with_help(Some(
                "point `data` (or --data) at the folder that holds the *.json files".into(),
            )),
        ));
    }
    let mut files = Vec::new();
    let mut visited = BTreeSet::new();
    walk(dir, "", &mut files, &mut visited).map_err(|(path, err)| {
        Box::new(Diagnostic::error(
            Some(Location::file(path.display().to_string())),
            format!("cannot read this folder: {err}"),
        ))
    })?;
    files.sort();
    Ok(files)
}

fn walk(
    dir: &Path,
    prefix: &str,
    files: &mut Vec<String>,
    visited: &mut BTreeSet<PathBuf>,
) -> Result<(), (PathBuf, std::io::Error)> {
    // A folder reached twice through symbolic links is read once, so a link loop ends.
    let canonical = dir.canonicalize().map_err(|e| (dir.to_path_buf(), e))?;
    if !visited.insert(canonical) {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| (dir.to_path_buf(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| (dir.to_path_buf(), e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let relative = format!("{prefix}{name}");
        if path.is_dir() {
            walk(&path, &format!("{relative}/"), files, visited)?;
        } else if name.ends_with(".json") && path.is_file() {
            files.push(relative);
        }
    }
    Ok(())
}

struct Loader {
    data: Data,
    diagnostics: Vec<Diagnostic>,
    /// Of the file being read: where a list stands for an object (already reported).
    lists_in_place_of_objects: Vec<JsonPath>,
}

impl Loader {
    /// Reads one file into the data; `false` when the file as a whole could not be read.
    fn read_file(&mut self, dir: &Path, shown: &Path, relative: &str) -> bool {
        let path = dir.join(relative);
        let display = shown.join(relative).display().to_string();
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) => {
                self.diagnostics.push(Diagnostic::error(
                    Some(Location::file(display)),
                    format!("cannot read this file: {err}"),
                ));
                return false;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let valid = err.utf8_error().valid_up_to();
                let bad = err.as_bytes()[valid];
                let lossy = String::from_utf8_lossy(err.as_bytes()).into_owned();
                let source = SourceFile::new(display, lossy);
                let position = source.position(valid);
                self.diagnostics.push(
                    Diagnostic::error(
                        Some(Location::at(&source, position, None)),
                        format!("this file is not valid UTF-8 (byte 0x{bad:02x})"),
                    )
                    .with_help(Some("save the file as UTF-8".into())),
                );
                return false;
            }
        };
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        let value: Value = match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(err) => {
                let source = SourceFile::new(display, text);
                let position = source.position_of_byte_column(err.line(), err.column());
                let message = err.to_string().replace('`', "\"");
                let message = match message.rfind(" at line ") {
                    Some(end) => &message[..end],
                    None => &message,
                };
                self.diagnostics.push(
                    Diagnostic::error(
                        Some(Location::at(&source, position, None)),
                        format!("this file is not valid JSON: {message}"),
                    )
                    .with_help(Some(
                        "fix the JSON syntax here; JSON allows no comments and no trailing commas"
                            .into(),
                    )),
                );
                return false;
            }
        };
        let file = self.data.sources.len();
        self.data.sources.push(SourceFile::new(display, text));
        self.report_duplicate_keys(file);
        let root = Origin {
            file,
            path: JsonPath::root(),
        };
        // The version decides how the rest reads, so it is checked first.
        if !self.schema_version_is_readable(&root, value.get("schema_version")) {
            return false;
        }
        self.lists_in_place_of_objects = crate::shape::lists_in_place_of_objects(&value);
        for path in self.lists_in_place_of_objects.clone() {
            let location = self.data.locate(&root, &path);
            self.diagnostics.push(
                Diagnostic::error(Some(location), "expected an object, found a list").with_help(
                    Some("write this as an object: { \"key\": value, ... }".into()),
                ),
            );
        }
        // A list in place of the file or of a whole section leaves nothing to read in it.
        if self
            .lists_in_place_of_objects
            .iter()
            .any(|p| p.depth() <= 1)
        {
            return false;
        }
        let Some(sections) = self.deserialize::<DataFile>(&root, value) else {
            return false;
        };
        self.merge(file, sections);
        true
    }

    fn report_duplicate_keys(&mut self, file: usize) {
        let source = &self.data.sources[file];
        for dup in &source.duplicate_keys {
            let path = dup.object.key(&dup.key);
            let what = match dup.object.to_string().as_str() {
                "patterns" => format!("pattern \"{}\" is defined twice", dup.key),
                "case_studies" => format!("case study \"{}\" is defined twice", dup.key),
                "decision_tree.nodes" => format!("tree node \"{}\" is defined twice", dup.key),
                _ => format!("key \"{}\" is written twice in this object", dup.key),
            };
            let help = format!(
                "first defined at {}:{}:{}; remove or rename one",
                source.display, dup.first.line, dup.first.column
            );
            self.diagnostics.push(
                Diagnostic::error(Some(Location::at(source, dup.second, Some(&path))), what)
                    .with_help(Some(help)),
            );
        }
    }

    /// Checks `schema_version`; a file this build cannot read is reported and skipped.
    fn schema_version_is_readable(&mut self, root: &Origin, version: Option<&Value>) -> bool {
        let Some(value) = version else {
            return true;
        };
        let path = JsonPath::root().key("schema_version");
        let supported = format!("{}.{}", SCHEMA_VERSION.major, SCHEMA_VERSION.minor);
        let (message, help) = match value.as_str().map(parse_version) {
            Some(Some(v)) if reads_schema_version(&v) => {
                return true;
            }
            Some(Some(v)) if v > SCHEMA_VERSION => (
                format!(
                    "schema version {value} is newer than this mdbook-patterns reads (schema version {supported})"
                ),
                "upgrade mdbook-patterns, or write this file for schema version 1.0".to_string(),
            ),
            Some(Some(_)) => (
                format!(
                    "schema version {value} is not supported; this mdbook-patterns reads schema version {supported}"
                ),
                format!("update this file to schema version {supported}"),
            ),
            _ => (
                format!("schema_version {value} is not a version"),
                format!("write it as a string such as \"{supported}\""),
            ),
        };
        self.diagnostics.push(
            self.data
                .error_at(root, &path, message)
                .with_help(Some(help)),
        );
        false
    }

    fn merge(&mut self, file: usize, sections: DataFile) {
        let root = JsonPath::root();
        for (id, value) in sections.patterns.into_iter().flatten() {
            let origin = Origin {
                file,
                path: root.key("patterns").key(&id),
            };
            if let Some(first) = self.data.patterns.get(&id) {
                let help = format!(
                    "first defined at {}; remove or rename one",
                    self.data.place(&first.origin)
                );
                self.defined_twice(&origin, format!("pattern \"{id}\""), help);
            } else if let Some(value) = self.deserialize(&origin, value) {
                self.data.patterns.insert(id, Located { value, origin });
            } else {
                self.data.unreadable_patterns.insert(id);
            }
        }
        for (id, value) in sections.case_studies.into_iter().flatten() {
            let origin = Origin {
                file,
                path: root.key("case_studies").key(&id),
            };
            if let Some(first) = self.data.case_studies.get(&id) {
                let help = format!(
                    "first defined at {}; remove or rename one",
                    self.data.place(&first.origin)
                );
                self.defined_twice(&origin, format!("case study \"{id}\""), help);
            } else if let Some(value) = self.deserialize(&origin, value) {
                self.data.case_studies.insert(id, Located { value, origin });
            } else {
                self.data.unreadable_case_studies.insert(id);
            }
        }
        for (index, value) in sections.domains.into_iter().flatten().enumerate() {
            let origin = Origin {
                file,
                path: root.key("domains").index(index),
            };
            if let Some(value) = self.deserialize(&origin, value) {
                self.data.domains.push(Located { value, origin });
            }
        }
        for (index, value) in sections.combinations.into_iter().flatten().enumerate() {
            let origin = Origin {
                file,
                path: root.key("combinations").index(index),
            };
            if let Some(value) = self.deserialize(&origin, value) {
                self.data.combinations.push(Located { value, origin });
            }
        }
        if let Some(value) = sections.decision_tree {
            let origin = Origin {
                file,
                path: root.key("decision_tree"),
            };
            if let Some(first) = &self.data.decision_tree {
                let help = format!(
                    "the first is at {}; keep one",
                    self.data.place(&first.origin)
                );
                self.defined_twice(&origin, "the decision tree".into(), help);
            } else if let Some(value) = self.deserialize(&origin, value) {
                self.data.decision_tree = Some(Located { value, origin });
            }
        }
        if let Some(value) = sections.recipe {
            let origin = Origin {
                file,
                path: root.key("recipe"),
            };
            if let Some(first) = &self.data.recipe {
                let help = format!(
                    "the first is at {}; keep one",
                    self.data.place(&first.origin)
                );
                self.defined_twice(&origin, "the recipe".into(), help);
            } else if let Some(value) = self.deserialize(&origin, value) {
                self.data.recipe = Some(Located { value, origin });
            }
        }
    }

    fn defined_twice(&mut self, origin: &Origin, what: String, help: String) {
        let location = self.data.locate_key(origin, &JsonPath::root());
        self.diagnostics.push(
            Diagnostic::error(Some(location), format!("{what} is defined twice"))
                .with_help(Some(help)),
        );
    }

    /// Deserializes one entry; a failure is reported at the exact key or value at fault.
    fn deserialize<T: DeserializeOwned>(&mut self, origin: &Origin, value: Value) -> Option<T> {
        let reported = self
            .lists_in_place_of_objects
            .iter()
            .any(|p| p.starts_with(&origin.path));
        if reported {
            self.data.has_unreadable_entries = true;
            return None;
        }
        let err = match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(value) => return Some(value),
            Err(err) => err,
        };
        self.data.has_unreadable_entries = true;
        let inner = JsonPath::from(err.path());
        let explained = explain(&err.into_inner().to_string());
        let location = match &explained.unknown_key {
            // serde reports an unknown key at its object, or at the key itself.
            Some(key) if inner.last_key() == Some(key.as_str()) => {
                self.data.locate_key(origin, &inner)
            }
            Some(key) => self.data.locate_key(origin, &inner.key(key)),
            None => self.data.locate(origin, &inner),
        };
        self.diagnostics
            .push(Diagnostic::error(Some(location), explained.message).with_help(explained.help));
        None
    }

    /// Records every alias, so references may use it.
    fn index_aliases(&mut self) {
        for (id, pattern) in &self.data.patterns {
            for alias in &pattern.value.aliases {
                self.data
                    .aliases
                    .entry(alias.clone())
                    .or_insert_with(|| id.clone());
            }
        }
    }
}

/// Whether this build reads data written for schema version `v`: any patch of 1.0. A newer
/// minor version may add fields this build does not know.
fn reads_schema_version(v: &semver::Version) -> bool {
    semver::Comparator {
        op: semver::Op::Tilde,
        major: SCHEMA_VERSION.major,
        minor: Some(SCHEMA_VERSION.minor),
        patch: None,
        pre: semver::Prerelease::EMPTY,
    }
    .matches(v)
}

/// Reads "1", "1.0" or "1.0.0" as a semver version.
fn parse_version(text: &str) -> Option<semver::Version> {
    let text = text.trim();
    let dots = text.matches('.').count();
    let padded = if text.chars().all(|c| c.is_ascii_digit() || c == '.') && dots < 2 {
        format!("{text}{}", ".0".repeat(2 - dots))
    } else {
        text.to_owned()
    };
    semver::Version::parse(&padded).ok()
}

/// A serde error, reworded for an author.
struct Explained {
    message: String,
    help: Option<String>,
    /// For "unknown key" errors: the key, so the message can point at it.
    unknown_key: Option<String>,
}

/// Turns serde's messages ("unknown field `naem`, expected one of `name`, …") into ours.
fn explain(serde_message: &str) -> Explained {
    let backticked: Vec<&str> = serde_message.split('`').skip(1).step_by(2).collect();
    let expected = || backticked.iter().skip(1).copied();
    let expected_list = || {
        let names: Vec<String> = expected().map(|n| format!("\"{n}\"")).collect();
        names.join(", ")
    };
    let name = backticked.first().copied().unwrap_or("");
    if serde_message.starts_with("unknown field") {
        let help = suggest::help(name, expected()).or_else(|| {
            Some(if backticked.len() > 1 {
                format!("the keys allowed here are {}", expected_list())
            } else {
                "no keys are allowed here".to_owned()
            })
        });
        Explained {
            message: format!("unknown key \"{name}\""),
            help,
            unknown_key: Some(name.to_owned()),
        }
    } else if serde_message.starts_with("unknown variant") {
        let help = suggest::help(name, expected())
            .or_else(|| Some(format!("write one of {}", expected_list())));
        Explained {
            message: format!("unknown value \"{name}\""),
            help,
            unknown_key: None,
        }
    } else if serde_message.starts_with("missing field") {
        Explained {
            message: format!("missing key \"{name}\""),
            help: Some(format!("add \"{name}\" to this object")),
            unknown_key: None,
        }
    } else if let Some(rest) = serde_message.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        Explained {
            message: format!(
                "expected {}, found {}",
                plain_type(expected),
                plain_found(found)
            ),
            help: None,
            unknown_key: None,
        }
    } else {
        Explained {
            message: serde_message.replace('`', "\""),
            help: None,
            unknown_key: None,
        }
    }
}

/// serde's names for JSON types, in the words of the JSON an author writes.
fn plain_type(serde_name: &str) -> &str {
    match serde_name {
        "a sequence" => "a list",
        "a map" => "an object",
        "string or map" => "a string",
        name if name.starts_with("struct ") => "an object",
        name => name,
    }
}

/// serde's description of a value it did not expect (`integer \`42\``, `sequence`), reworded.
fn plain_found(serde_found: &str) -> String {
    let unquoted = serde_found.replace('`', "");
    match unquoted.as_str() {
        "sequence" => "a list".to_owned(),
        "map" => "an object".to_owned(),
        "unit value" => "null".to_owned(),
        other => match other.split_once(' ') {
            Some(("integer" | "floating", rest)) => {
                format!("the number {}", rest.trim_start_matches("point "))
            }
            Some(("boolean", rest)) => rest.to_owned(),
            Some(("string", rest)) => format!("the text {rest}"),
            _ => other.to_owned(),
        },
    }
}

/// An I/O error's reason without the platform's error number: "No such file or directory".
fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(end) => text[..end].to_owned(),
        None => text,
    }
}
