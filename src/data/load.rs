//! Stage 1: read every data file (`*.json`; `*.yaml` or `*.yml` converted to JSON by
//! [`crate::data::yaml`], `*.toml` by [`crate::data::toml`]) under the data folder and merge
//! them into one [`Data`].
//!
//! Files are read in sorted path order. Each entry (a pattern, a case study, a domain, …) is
//! deserialized on its own, so one broken entry is reported without hiding the next. What cannot
//! be read is reported as a [`Diagnostic`] with its file, line, column and JSON path.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::data::json_path::JsonPath;
use crate::data::labels::Labels;
use crate::data::model::{
    CaseStudy, Combination, DataFile, DecisionTree, Domain, Evidence, Pattern, RawEntries, Recipe,
};
use crate::data::serde_wording;
use crate::data::set::UnreadablePattern;
use crate::data::source::{DuplicateKey, SourceFile, Walked};
use crate::data::{Data, Located, Origin};
use crate::data::{toml, yaml};
use crate::diag::{Diagnostic, Location};

/// The data format version this build reads.
pub const SCHEMA_VERSION: semver::Version = semver::Version::new(1, 1, 0);

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
    let mut loader = Loader::default();
    match list_json_files(dir, shown) {
        Ok(listed) if listed.files.is_empty() && listed.links_out.is_empty() => {
            loader.diagnostics.push(
                Diagnostic::error(
                    Some(Location::file(shown.display().to_string())),
                    "the data folder holds no data file (*.json, *.yaml, *.yml or *.toml)",
                )
                .with_help(Some(
                    "add the handbook's data files to it, \
                     or point `data` in [preprocessor.patterns] at the right folder"
                        .into(),
                )),
            )
        }
        Ok(listed) => {
            for relative in &listed.links_out {
                loader.diagnostics.push(link_out(shown, relative));
                loader.data.has_unreadable_files = true;
            }
            for relative in listed.files {
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

/// Loads one data file's content, as if it were the only file of the data folder; `name` is
/// how messages show it. For tests and fuzzing, which need no folder on disk.
pub fn load_bytes(name: &str, bytes: Vec<u8>) -> Loaded {
    let mut loader = Loader::default();
    if !loader.read_bytes(name.to_owned(), bytes) {
        loader.data.has_unreadable_files = true;
    }
    loader.index_aliases();
    Loaded {
        data: loader.data,
        diagnostics: loader.diagnostics,
    }
}

/// What the data folder holds: its data files, and the symbolic links in it that lead
/// outside it (which are not followed), each as a relative path with `/` separators, sorted.
struct Listed {
    files: Vec<String>,
    links_out: Vec<String>,
}

/// Lists the data folder `dir`.
fn list_json_files(dir: &Path, shown: &Path) -> Result<Listed, Box<Diagnostic>> {
    let here = || Some(Location::file(shown.display().to_string()));
    let metadata = std::fs::metadata(dir).map_err(|err| {
        Box::new(
            Diagnostic::error(
                here(),
                format!("cannot open the data folder: {}", io_reason(&err)),
            )
            .with_help(Some(
                "create the folder, or point `data` in [preprocessor.patterns], \
                     or --data, at the folder that holds the handbook's data files"
                    .into(),
            )),
        )
    })?;
    if !metadata.is_dir() {
        return Err(Box::new(
            Diagnostic::error(here(), "the data folder is a file, not a folder").with_help(Some(
                "point `data` (or --data) at the folder that holds the data files".into(),
            )),
        ));
    }
    let cannot_read = |(path, err): (PathBuf, std::io::Error)| {
        Box::new(Diagnostic::error(
            Some(Location::file(path.display().to_string())),
            format!("cannot read this folder: {}", io_reason(&err)),
        ))
    };
    let root = dir
        .canonicalize()
        .map_err(|err| cannot_read((dir.to_path_buf(), err)))?;
    let mut listed = Listed {
        files: Vec::new(),
        links_out: Vec::new(),
    };
    let mut visited = BTreeSet::new();
    walk(&root, dir, "", &mut listed, &mut visited).map_err(cannot_read)?;
    listed.files.sort();
    listed.links_out.sort();
    Ok(listed)
}

/// Lists the folder `dir` of the data folder, whose real path is `root`, into `listed`.
///
/// A symbolic link is followed only where it leads to a place inside the data folder: one that
/// leads out (to `/proc/self/environ`, to a file of secrets) would have its target read, and
/// parts of it shown in messages. A link that leads nowhere is left out, like any file that is
/// neither a folder nor a data file.
fn walk(
    root: &Path,
    dir: &Path,
    prefix: &str,
    listed: &mut Listed,
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
        let is_link = entry
            .file_type()
            .map_err(|e| (path.clone(), e))?
            .is_symlink();
        if is_link {
            let Ok(target) = path.canonicalize() else {
                continue;
            };
            let read = target.is_dir() || (is_data_file(&name) && target.is_file());
            if read && !target.starts_with(root) {
                listed.links_out.push(relative);
                continue;
            }
        }
        if path.is_dir() {
            walk(root, &path, &format!("{relative}/"), listed, visited)?;
        } else if is_data_file(&name) && path.is_file() {
            listed.files.push(relative);
        }
    }
    Ok(())
}

/// Whether a file of the data folder named `name` is a data file: JSON, YAML or TOML.
fn is_data_file(name: &str) -> bool {
    name.ends_with(".json") || is_yaml(name) || is_toml(name)
}

/// Whether the file named `name` is written in YAML.
fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// Whether the file named `name` is written in TOML.
fn is_toml(name: &str) -> bool {
    name.ends_with(".toml")
}

/// What the YAML or TOML converter refused in `source`, each where it is written.
fn refused(source: &SourceFile, refusals: Vec<yaml::Refusal>) -> Vec<Diagnostic> {
    refusals
        .into_iter()
        .map(|refusal| {
            let position = source.original_position(refusal.offset);
            let location = source.location(position, refusal.path.as_ref());
            Diagnostic::error(Some(location), refusal.message).with_help(Some(refusal.help))
        })
        .collect()
}

/// The error for the symbolic link at `relative` in the data folder `shown`, which leads
/// outside it. An error rather than a warning: the book would otherwise be built without what
/// the link was put there to add, and say so only in passing.
fn link_out(shown: &Path, relative: &str) -> Diagnostic {
    Diagnostic::error(
        Some(Location::file(shown.join(relative).display().to_string())),
        "this symbolic link leads outside the data folder and is not followed",
    )
    .with_help(Some(
        "copy what it links to into the data folder, or point `data` (or --data) \
         at a folder that holds all of the handbook's data"
            .into(),
    ))
}

#[derive(Default)]
struct Loader {
    data: Data,
    diagnostics: Vec<Diagnostic>,
    /// Where each pattern and case study that could not be read was written, by its path
    /// (`patterns.cdn`): another definition of it is reported as defined twice all the same.
    unread: HashMap<String, Origin>,
}

impl Loader {
    /// Reads one file into the data; `false` when the file as a whole could not be read.
    fn read_file(&mut self, dir: &Path, shown: &Path, relative: &str) -> bool {
        let path = dir.join(relative);
        let display = shown.join(relative).display().to_string();
        match std::fs::read(&path) {
            Ok(bytes) => self.read_bytes(display, bytes),
            Err(err) => {
                self.diagnostics.push(Diagnostic::error(
                    Some(Location::file(display)),
                    format!("cannot read this file: {err}"),
                ));
                false
            }
        }
    }

    /// Reads the content of the file shown as `display` into the data; `false` when the file
    /// as a whole could not be read.
    fn read_bytes(&mut self, display: String, bytes: Vec<u8>) -> bool {
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
                        Some(source.location(position, None)),
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
        // A YAML or TOML file is converted into the JSON read below; positions are shown in
        // the text the author wrote.
        type Convert = fn(&str) -> Result<yaml::Converted, Vec<yaml::Refusal>>;
        let convert: Option<Convert> = if is_yaml(&display) {
            Some(yaml::convert)
        } else if is_toml(&display) {
            Some(toml::convert)
        } else {
            None
        };
        let mut duplicates = Vec::new();
        let (text, original) = if let Some(convert) = convert {
            match convert(&text) {
                Ok(converted) => {
                    duplicates = converted.duplicates;
                    (
                        converted.json,
                        Some((text, converted.marks, converted.refusals)),
                    )
                }
                Err(refusals) => {
                    let source = SourceFile::walked(display, text, Walked::default());
                    self.diagnostics.extend(refused(&source, refusals));
                    return false;
                }
            }
        } else {
            (text, None)
        };
        // Read once: the syntax is checked as the file is cut into its entries, and every
        // entry read from its own text. Problems are reported in the order an author fixes them:
        // syntax, keys written twice, the version, lists for objects, then the rest.
        let (decoded, walked) = rayon::join(|| decode(&text), || Walked::over(&text));
        // Where the file could not be read, it is parsed again into values: that tells a
        // mistake in the syntax from one in the file's own keys (which may come first), and
        // words it better ("trailing comma" rather than "key must be a string").
        let syntax_error = match &decoded {
            Ok(_) => None,
            Err(_) => serde_json::from_str::<Value>(&text).err(),
        };
        let (original, refusals) = match original {
            Some((original, marks, refusals)) => (Some((original, marks)), refusals),
            None => (None, Vec::new()),
        };
        let make_source = |display: String, text: String, walked: Walked| match original {
            Some((original, marks)) => {
                SourceFile::converted(display, original, text, marks, walked)
            }
            None => SourceFile::walked(display, text, walked),
        };
        if let Some(err) = syntax_error {
            let source = make_source(display, text, Walked::default());
            self.diagnostics.extend(refused(&source, refusals));
            let position = source.position_of_byte_column(err.line(), err.column());
            let problem = serde_wording::syntax(&err).at(source.location(position, None));
            self.diagnostics.push(problem.into());
            return false;
        }
        let file = self.data.sources.len();
        let mut source = make_source(display, text, walked);
        let converted_duplicates: Vec<DuplicateKey> = duplicates
            .into_iter()
            .map(|dup| DuplicateKey {
                first: source.original_position(dup.first),
                second: source.original_position(dup.second),
                object: dup.object,
                key: dup.key,
            })
            .collect();
        source.duplicate_keys.extend(converted_duplicates);
        self.data.sources.push(source);
        if !refusals.is_empty() {
            let refused = refused(&self.data.sources[file], refusals);
            self.diagnostics.extend(refused);
        }
        self.report_duplicate_keys(file);
        let root = Origin {
            file,
            path: JsonPath::root(),
        };
        // The version decides how the rest reads, so it is checked first.
        let version = match &decoded {
            Ok(decoded) => decoded.schema_version.clone(),
            Err(_) => version_of(&self.data.sources[file].text),
        };
        if !self.schema_version_is_readable(&root, version.as_ref()) {
            return false;
        }
        let declares_1_0 = (version.as_ref())
            .and_then(Value::as_str)
            .and_then(parse_version)
            .is_some_and(|v| v.minor == 0);
        if declares_1_0 && let Ok(decoded) = &decoded {
            for (at, what) in uses_of_1_1(decoded) {
                self.diagnostics.push(
                    Diagnostic::error(
                        Some(self.data.locate_key(&root, &at)),
                        format!(
                            "{what} is new in schema 1.1, but this file declares schema_version 1.0"
                        ),
                    )
                    .with_help(Some("declare \"schema_version\": \"1.1\"".into())),
                );
            }
        }
        let lists = self.data.sources[file].lists_in_place_of_objects.clone();
        let help = if is_toml(&self.data.sources[file].display) {
            "write this as a table: a `[table]` header, then `key = value` lines"
        } else if self.data.sources[file].is_converted() {
            "write this as a mapping: `key: value` on each line"
        } else {
            "write this as an object: { \"key\": value, ... }"
        };
        for path in &lists {
            let location = self.data.locate(&root, path);
            self.diagnostics.push(
                Diagnostic::error(Some(location), "expected an object, found a list")
                    .with_help(Some(help.into())),
            );
        }
        if !lists.is_empty() {
            // A list in place of the file or of a whole section leaves nothing to read in it.
            self.data.has_unreadable_entries |= lists.iter().all(|p| p.depth() > 1);
            return false;
        }
        match decoded {
            Ok(decoded) => {
                self.merge(file, decoded);
                true
            }
            Err(unreadable) => {
                self.report(&root, unreadable);
                false
            }
        }
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
                Diagnostic::error(Some(source.location(dup.second, Some(&path))), what)
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
                format!(
                    "upgrade mdbook-patterns, or write this file for schema version {supported}"
                ),
            ),
            Some(Some(_)) => (
                format!(
                    "schema version {value} is not supported; this mdbook-patterns reads schema version {supported}"
                ),
                format!("update this file to schema version {supported}"),
            ),
            _ => {
                let source = &self.data.sources[root.file];
                let help = match source.plain_scalar(&root.path.join(&path)) {
                    Some(plain) => format!("quote it: `\"{plain}\"`"),
                    None => format!("write it as a string such as \"{supported}\""),
                };
                (format!("schema_version {value} is not a version"), help)
            }
        };
        self.diagnostics.push(
            self.data
                .error_at(root, &path, message)
                .with_help(Some(help)),
        );
        false
    }

    fn merge(&mut self, file: usize, decoded: Decoded) {
        let root = JsonPath::root();
        for (id, read) in decoded.patterns {
            let origin = Origin {
                file,
                path: root.key("patterns").key(&id),
            };
            let first = self.data.patterns.get(&id).map(|p| &p.origin);
            if let Some(first) = first.or_else(|| self.unread_at(&origin)) {
                let help = format!(
                    "first defined at {}; remove or rename one",
                    self.data.place(first)
                );
                self.defined_twice(&origin, format!("pattern \"{id}\""), help);
            } else {
                match self.accept(&origin, read) {
                    Ok(value) => {
                        self.data.patterns.insert(id, Located { value, origin });
                    }
                    Err(known) => {
                        let pattern = UnreadablePattern {
                            category: known.category,
                            aliases: known.aliases,
                            tags: known.tags,
                        };
                        self.data.unreadable_patterns.insert(id, pattern);
                        self.unread.insert(origin.path.to_string(), origin);
                    }
                }
            }
        }
        for (id, read) in decoded.case_studies {
            let origin = Origin {
                file,
                path: root.key("case_studies").key(&id),
            };
            let first = self.data.case_studies.get(&id).map(|c| &c.origin);
            if let Some(first) = first.or_else(|| self.unread_at(&origin)) {
                let help = format!(
                    "first defined at {}; remove or rename one",
                    self.data.place(first)
                );
                self.defined_twice(&origin, format!("case study \"{id}\""), help);
            } else if let Ok(value) = self.accept(&origin, read) {
                self.data.case_studies.insert(id, Located { value, origin });
            } else {
                self.data.unreadable_case_studies.insert(id);
                self.unread.insert(origin.path.to_string(), origin);
            }
        }
        for (index, read) in decoded.domains.into_iter().enumerate() {
            let origin = Origin {
                file,
                path: root.key("domains").index(index),
            };
            match self.accept(&origin, read) {
                Ok(value) => self.data.domains.push(Located { value, origin }),
                Err(known) => self.data.unreadable_domains.extend(known.id),
            }
        }
        for (index, read) in decoded.combinations.into_iter().enumerate() {
            let origin = Origin {
                file,
                path: root.key("combinations").index(index),
            };
            if let Ok(value) = self.accept(&origin, read) {
                self.data.combinations.push(Located { value, origin });
            }
        }
        if let Some(read) = decoded.decision_tree {
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
            } else if let Ok(value) = self.accept(&origin, read) {
                self.data.decision_tree = Some(Located { value, origin });
            } else {
                self.data.unreadable_tree = true;
            }
        }
        if let Some(read) = decoded.recipe {
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
            } else if let Ok(value) = self.accept(&origin, read) {
                self.data.recipe = Some(Located { value, origin });
            } else {
                self.data.unreadable_recipe = true;
            }
        }
        if let Some(read) = decoded.labels {
            let origin = Origin {
                file,
                path: root.key("labels"),
            };
            if let Some(first) = &self.data.labels_origin {
                let help = format!("the first is at {}; keep one", self.data.place(first));
                self.defined_twice(&origin, "\"labels\"".into(), help);
            } else if let Ok(written) = self.accept(&origin, read) {
                let (labels, problems) = Labels::read(&written);
                for (rest, key, problem) in problems {
                    let location = match key {
                        true => self.data.locate_key(&origin, &rest),
                        false => self.data.locate(&origin, &rest),
                    };
                    self.diagnostics.push(
                        Diagnostic::error(Some(location), problem.message).with_help(problem.help),
                    );
                }
                self.data.labels = labels;
                self.data.labels_origin = Some(origin);
            }
        }
    }

    /// Where the entry written at `origin`'s path was first written, if it could not be read.
    fn unread_at(&self, origin: &Origin) -> Option<&Origin> {
        if self.unread.is_empty() {
            return None;
        }
        self.unread.get(&origin.path.to_string())
    }

    fn defined_twice(&mut self, origin: &Origin, what: String, help: String) {
        let location = self.data.locate_key(origin, &JsonPath::root());
        self.diagnostics.push(
            Diagnostic::error(Some(location), format!("{what} is defined twice"))
                .with_help(Some(help)),
        );
    }

    /// The entry's value; where it could not be read, the failure is reported at the exact key
    /// or value at fault, and what is known of the entry all the same is given back.
    fn accept<T>(&mut self, origin: &Origin, read: Read<T>) -> Result<T, Known> {
        read.map_err(|mut unreadable| {
            let known = std::mem::take(&mut unreadable.known);
            self.report(origin, unreadable);
            *known
        })
    }

    fn report(&mut self, origin: &Origin, unreadable: Unreadable) {
        self.data.has_unreadable_entries = true;
        // serde refuses a key written twice in an object it reads into a struct; that key was
        // reported already, where it is written the second time.
        if let Some(key) = serde_wording::duplicate_field(&unreadable.message)
            && self.data.sources[origin.file]
                .duplicate_keys
                .iter()
                .any(|dup| dup.key == key)
        {
            return;
        }
        let inner = unreadable.path;
        let explained = serde_wording::explain(&unreadable.message);
        let location = match &explained.unknown_key {
            // serde reports an unknown key at its object, or at the key itself.
            Some(key) if inner.last_key() == Some(key.as_str()) => {
                self.data.locate_key(origin, &inner)
            }
            Some(key) => self.data.locate_key(origin, &inner.key(key)),
            None => self.data.locate(origin, &inner),
        };
        let mut problem = explained.problem;
        if problem.help.is_none() && problem.message.starts_with("expected a string, found") {
            let source = &self.data.sources[origin.file];
            if let Some(plain) = source.plain_scalar(&origin.path.join(&inner)) {
                problem.help = Some(format!("quote it: `\"{plain}\"`"));
            }
        }
        self.diagnostics.push(problem.at(location).into());
    }

    /// Records every alias, so references may use it: those of the patterns that could not be
    /// read too, where they could, so that a reference by alias is known all the same. The
    /// first owner in id order wins.
    fn index_aliases(&mut self) {
        let data = &mut self.data;
        let readable = data.patterns.iter().map(|(id, p)| (id, &p.value.aliases));
        let unreadable = data
            .unreadable_patterns
            .iter()
            .map(|(id, p)| (id, &p.aliases));
        let mut owners: Vec<_> = readable.chain(unreadable).collect();
        owners.sort_by_key(|(id, _)| *id);
        for (id, aliases) in owners {
            for alias in aliases {
                data.aliases
                    .entry(alias.clone())
                    .or_insert_with(|| id.clone());
            }
        }
    }
}

/// One entry of a data file, read on its own: its value, or why not.
type Read<T> = Result<T, Unreadable>;

/// Where inside an entry (or a file) serde stopped, and its message in serde's words (which
/// [`serde_wording`] rewords).
struct Unreadable {
    path: JsonPath,
    message: String,
    /// What could be read of the entry all the same (boxed: it is rarely there, and the
    /// `Err` of every read carries it).
    known: Box<Known>,
}

/// The fields of an entry that failed to read which references to it use, each where it could
/// be read on its own: a domain's `id`, a pattern's `category` and `aliases`.
#[derive(Default)]
struct Known {
    id: Option<String>,
    category: Option<String>,
    aliases: Vec<String>,
    tags: Vec<String>,
}

impl Known {
    fn of(value: &Value) -> Known {
        let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
        let strings = |key: &str| -> Vec<String> {
            (value
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten())
            .filter_map(|item| item.as_str().map(str::to_owned))
            .collect()
        };
        Known {
            id: text("id"),
            category: text("category"),
            aliases: strings("aliases"),
            tags: strings("tags"),
        }
    }
}

/// A data file's entries, each read from its own text, before they are merged.
struct Decoded {
    schema_version: Option<Value>,
    patterns: Vec<(String, Read<Pattern>)>,
    case_studies: Vec<(String, Read<CaseStudy>)>,
    domains: Vec<Read<Domain>>,
    combinations: Vec<Read<Combination>>,
    decision_tree: Option<Read<DecisionTree>>,
    recipe: Option<Read<Recipe>>,
    labels: Option<Read<Map<String, Value>>>,
}

/// Where a file uses what schema 1.1 adds, and what it is.
fn uses_of_1_1(decoded: &Decoded) -> Vec<(JsonPath, &'static str)> {
    let mut out = Vec::new();
    if decoded.labels.is_some() {
        out.push((JsonPath::root().key("labels"), "\"labels\""));
    }
    for (id, pattern) in &decoded.patterns {
        let Ok(pattern) = pattern else { continue };
        let at = JsonPath::root().key("patterns").key(id);
        if !pattern.tags.is_empty() {
            out.push((at.key("tags"), "\"tags\""));
        }
        if pattern.owner.is_some() {
            out.push((at.key("owner"), "\"owner\""));
        }
        if !pattern.relations.is_empty() {
            out.push((at.key("relations"), "\"relations\""));
        }
        if !pattern.history.is_empty() {
            out.push((at.key("history"), "\"history\""));
        }
        if pattern.reviewed.is_some() {
            out.push((at.key("reviewed"), "\"reviewed\""));
        }
    }
    for (id, case_study) in &decoded.case_studies {
        if let Ok(case_study) = case_study
            && case_study.page.is_none()
        {
            let at = JsonPath::root().key("case_studies").key(id);
            out.push((at, "a case study without a \"page\""));
        }
    }
    for (d, domain) in decoded.domains.iter().enumerate() {
        let Ok(domain) = domain else { continue };
        for (o, option) in domain.options.iter().enumerate() {
            for (r, row) in option.stack.iter().enumerate() {
                if let Some(Evidence::Source(_)) = row.evidence {
                    let at = JsonPath::root()
                        .key("domains")
                        .index(d)
                        .key("options")
                        .index(o);
                    let at = at.key("stack").index(r).key("evidence");
                    out.push((
                        at,
                        "evidence from an outside source ({ \"url\", \"label\" })",
                    ));
                }
            }
        }
    }
    out
}

/// Reads a data file's sections, and each entry straight from its text; fails where the syntax
/// or the file's own keys are wrong.
fn decode(text: &str) -> Result<Decoded, Unreadable> {
    // The path is tracked only to say where a file fails (tracking it costs a copy of each id).
    let file: DataFile = match serde_json::from_str(text) {
        Ok(file) => file,
        Err(_) => {
            let mut reader = serde_json::Deserializer::from_str(text);
            let file = serde_path_to_error::deserialize(&mut reader).map_err(|err| Unreadable {
                path: JsonPath::from(err.path()),
                message: serde_wording::message(err.inner()),
                known: Box::default(),
            })?;
            // Text after the file's object (a second object, a stray word) is refused too:
            // what it holds would be silently dropped.
            reader.end().map_err(|err| Unreadable {
                path: JsonPath::root(),
                message: serde_wording::message(&err),
                known: Box::default(),
            })?;
            file
        }
    };
    fn entries(raw: Option<RawEntries<'_>>) -> Vec<(String, &RawValue)> {
        raw.map(|r| r.0).unwrap_or_default()
    }
    Ok(Decoded {
        schema_version: file.schema_version,
        patterns: entries(file.patterns)
            .into_par_iter()
            .map(|(id, raw)| (id, read_entry(raw.get())))
            .collect(),
        case_studies: entries(file.case_studies)
            .into_par_iter()
            .map(|(id, raw)| (id, read_entry(raw.get())))
            .collect(),
        domains: file
            .domains
            .unwrap_or_default()
            .into_par_iter()
            .map(|raw| read_entry(raw.get()))
            .collect(),
        combinations: file
            .combinations
            .unwrap_or_default()
            .into_par_iter()
            .map(|raw| read_entry(raw.get()))
            .collect(),
        decision_tree: file.decision_tree.map(|raw| read_entry(raw.get())),
        recipe: file.recipe.map(|raw| read_entry(raw.get())),
        labels: file.labels.map(|raw| read_entry(raw.get())),
    })
}

/// Deserializes an entry from its text. Where it cannot, it is read again from values keeping
/// track of the path, to say which value is at fault (tracking it on every read would slow the
/// good ones) in the words authors know ("expected a string, found the number 1" where the
/// reader of text says "expected value").
fn read_entry<T: DeserializeOwned>(text: &str) -> Read<T> {
    let err = match serde_json::from_str(text) {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    let value = serde_json::from_str::<Value>(text).ok();
    let known = Box::new(value.as_ref().map(Known::of).unwrap_or_default());
    let again = value.and_then(|value| serde_path_to_error::deserialize::<_, T>(value).err());
    Err(match again {
        Some(again) => Unreadable {
            path: JsonPath::from(again.path()),
            message: again.into_inner().to_string(),
            known,
        },
        None => Unreadable {
            path: JsonPath::root(),
            message: serde_wording::message(&err),
            known,
        },
    })
}

/// The file's `schema_version`, if it is an object that has one.
fn version_of(text: &str) -> Option<Value> {
    #[derive(Deserialize)]
    struct Version {
        #[serde(default, deserialize_with = "crate::data::model::given")]
        schema_version: Option<Value>,
    }
    // serde would read a struct from a list too.
    if !text.trim_start().starts_with('{') {
        return None;
    }
    serde_json::from_str::<Version>(text).ok()?.schema_version
}

/// Whether this build reads data written for schema version `v`: any 1.0 or 1.1. A newer minor
/// version may add fields this build does not know.
fn reads_schema_version(v: &semver::Version) -> bool {
    v.major == SCHEMA_VERSION.major && v.minor <= SCHEMA_VERSION.minor && v.pre.is_empty()
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

/// An I/O error's reason without the platform's error number: "No such file or directory".
fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(end) => text[..end].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::load_bytes;

    #[test]
    fn schema_is_ignored_whatever_it_holds() {
        for schema in ["\"../schema.json\"", "7", "{ \"nested\": [1, 2] }", "null"] {
            let text = format!("{{ \"$schema\": {schema}, \"schema_version\": \"1.0\" }}");
            let loaded = load_bytes("data.json", text.into_bytes());
            assert!(
                loaded.diagnostics.is_empty(),
                "{schema}: {:?}",
                loaded.diagnostics
            );
        }
    }

    /// An entry that fails to read is still known by what references to it use: a pattern by
    /// its id, aliases and category, a case study and a domain by their ids, the tree and the
    /// recipe as written.
    #[test]
    fn what_fails_to_read_is_still_known() {
        let text = r#"{
            "patterns": { "cdn": { "name": "CDN", "tier": "gold", "category": "edge",
                                   "summary": 42, "aliases": ["edge-cache", 7] } },
            "case_studies": { "netflix": { "title": "Netflix", "page": 7 } },
            "domains": [ { "id": "media", "title": 1 } ],
            "decision_tree": { "start": 1 },
            "recipe": { "core": 1 }
        }"#;
        let loaded = load_bytes("data.json", text.into());
        let data = loaded.data;
        assert_eq!(loaded.diagnostics.len(), 5, "{:?}", loaded.diagnostics);
        assert!(data.patterns.is_empty() && data.has_unreadable_entries);
        let cdn = &data.unreadable_patterns["cdn"];
        assert_eq!(cdn.category.as_deref(), Some("edge"));
        assert_eq!(cdn.aliases, ["edge-cache"]);
        for reference in ["cdn", "edge-cache"] {
            assert!(data.is_unreadable_pattern(reference), "{reference}");
        }
        assert!(!data.is_unreadable_pattern("cache"));
        assert!(data.unreadable_case_studies.contains("netflix"));
        assert!(data.unreadable_domains.contains("media"));
        assert!(data.unreadable_tree && data.unreadable_recipe);
    }

    #[test]
    fn schema_version_is_read_as_semver() {
        let problems = |version: &str| {
            let text = format!("{{ \"schema_version\": \"{version}\" }}");
            load_bytes("data.json", text.into_bytes()).diagnostics
        };
        for version in ["1", "1.0", "1.0.0", "1.0.7", "1.1", "1.1.2"] {
            assert!(problems(version).is_empty(), "{version} is read");
        }
        for version in ["2.0", "1.2", "1.1.0-beta", "one"] {
            assert!(!problems(version).is_empty(), "{version} is refused");
        }
    }
}
