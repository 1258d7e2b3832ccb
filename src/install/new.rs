//! `mdbook-patterns new pattern|case-study`: adds an entry to the data, in the data's own format
//! and keeping its layout, then the chapter holding its card and that chapter's line in
//! `SUMMARY.md`. Every file is prepared and the data checked in memory first; then all are
//! written together, or none.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use toml_edit::{DocumentMut, Item, Table};

use crate::book::config::Config;

use crate::data::model::Tier;
use crate::data::set::Data;
use crate::data::{json_path::JsonPath, load, validate};
use crate::diag::{Diagnostic, Problem};
use crate::install::book_files::{self, BookFile};
use crate::install::reworded;
use crate::install::starter::{self, Format};

/// A new pattern's fields, every one required.
#[derive(Debug, Clone)]
pub struct NewPattern {
    pub id: String,
    pub name: String,
    pub tier: Tier,
    pub category: String,
    pub summary: String,
}

/// A new case study's fields.
#[derive(Debug, Clone)]
pub struct NewCaseStudy {
    pub id: String,
    pub title: String,
}

/// What a book's `book.toml` says that `new` needs.
struct Book {
    /// The chapters' folder, relative to the book.
    src: String,
    /// The data folder, relative to the book.
    data: String,
    /// `generate-pages = true`: the cards' chapters are generated, none is written.
    generate_pages: bool,
}

fn read_book(book_dir: &Path) -> Result<Book, Problem> {
    let toml = BookFile::check_existing(book_dir, "book.toml").map_err(|p| reworded(p, "new"))?;
    // As mdBook and every other command read it: the environment's overrides, then our table's
    // keys checked.
    let fix = || Some("fix book.toml and run new again".to_owned());
    let mut config = mdbook_preprocessor::config::Config::from_disk(&toml.path)
        .map_err(|e| Problem::new(format!("{}: {e:#}", toml.path.display()), fix()))?;
    config
        .update_from_env()
        .map_err(|e| Problem::new(format!("{e:#}"), fix()))?;
    let table: Option<Value> = config
        .get("preprocessor.patterns")
        .map_err(|e| Problem::new(format!("{e:#}"), fix()))?;
    let ours = Config::from_table(table.as_ref()).map_err(|problems| {
        let first = problems.into_iter().next().map(|d| d.problem);
        first.unwrap_or_else(|| Problem::new("book.toml cannot be read", fix()))
    })?;
    let relative = |path: &Path| path.display().to_string().trim_end_matches('/').to_owned();
    Ok(Book {
        src: relative(&config.book.src),
        data: relative(&ours.data),
        generate_pages: ours.generate_pages,
    })
}

/// A name, title or summary: one line of text, not empty.
pub fn check_text(text: &str, flag: &str) -> Result<(), Problem> {
    if text.trim().is_empty() {
        return Err(Problem::new(
            format!("{flag} is empty"),
            Some(format!("give {flag} its text")),
        ));
    }
    if text.chars().any(char::is_control) {
        return Err(Problem::new(
            format!("{flag} holds a line break or another control character"),
            Some(format!("write {flag} as one line of text")),
        ));
    }
    Ok(())
}

fn check_id(id: &str, what: &str) -> Result<(), Problem> {
    if crate::text::ids::is_kebab_id(id) {
        Ok(())
    } else {
        Err(Problem::new(
            format!("{what} id \"{id}\" is not kebab-case"),
            Some(
                "write it in lower-case letters and digits joined by hyphens, e.g. circuit-breaker"
                    .into(),
            ),
        ))
    }
}

/// Adds the pattern to the book at `book_dir`. Returns the files written.
pub fn new_pattern(book_dir: &Path, new: &NewPattern) -> Result<Vec<PathBuf>, Problem> {
    check_id(&new.id, "the pattern")?;
    check_id(&new.category, "the category")?;
    check_text(&new.name, "--name")?;
    check_text(&new.summary, "--summary")?;
    let book = read_book(book_dir)?;
    let loaded = Loaded::read(book_dir, &book)?;
    loaded.refuse_taken(&new.id, false)?;
    let mut counts: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for pattern in loaded.data.patterns.values() {
        let count = counts.entry(pattern.origin.file).or_default();
        count.1 += 1;
        if pattern.value.category.as_str() == new.category {
            count.0 += 1;
        }
    }
    let file = loaded.choose(&counts)?;
    let mut entry = Map::new();
    entry.insert("name".into(), Value::String(new.name.clone()));
    entry.insert("tier".into(), Value::String(new.tier.as_str().into()));
    entry.insert("category".into(), Value::String(new.category.clone()));
    entry.insert("summary".into(), Value::String(new.summary.clone()));
    let chapter = format!("patterns/{}.md", new.id);
    let page = starter::pattern_chapter(&new.name, &new.id);
    let parent = Parent {
        directive: "<<pattern-index",
        sibling: None,
    };
    loaded.write(
        book_dir,
        &book,
        file,
        "patterns",
        &new.id,
        entry,
        (chapter, page, new.name.clone(), parent),
    )
}

/// Adds the case study to the book at `book_dir`. Returns the files written.
pub fn new_case_study(book_dir: &Path, new: &NewCaseStudy) -> Result<Vec<PathBuf>, Problem> {
    check_id(&new.id, "the case study")?;
    check_text(&new.title, "--title")?;
    let book = read_book(book_dir)?;
    let loaded = Loaded::read(book_dir, &book)?;
    loaded.refuse_taken(&new.id, true)?;
    let mut counts: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for case in loaded.data.case_studies.values() {
        counts.entry(case.origin.file).or_default().0 += 1;
    }
    for pattern in loaded.data.patterns.values() {
        counts.entry(pattern.origin.file).or_default().1 += 1;
    }
    let file = loaded.choose(&counts)?;
    let chapter = format!("case-studies/{}.md", new.id);
    let mut entry = Map::new();
    entry.insert("title".into(), Value::String(new.title.clone()));
    entry.insert("page".into(), Value::String(chapter.clone()));
    let page = starter::case_study_chapter(&new.title, &new.id);
    let sibling = loaded
        .data
        .case_studies
        .values()
        .filter_map(|c| c.value.page.clone())
        .min();
    let parent = Parent {
        directive: "<<case-study-index",
        sibling,
    };
    loaded.write(
        book_dir,
        &book,
        file,
        "case_studies",
        &new.id,
        entry,
        (chapter, page, new.title.clone(), parent),
    )
}

/// Where the new chapter's line goes in `SUMMARY.md`: under the chapter whose text holds the
/// directive, else beside the line of this chapter (a sibling's), else at the end.
struct Parent {
    /// The directive the parent chapter holds, e.g. `<<pattern-index`.
    directive: &'static str,
    /// A chapter (relative to `src/`) whose siblings the new one joins when no chapter holds
    /// the directive.
    sibling: Option<String>,
}

/// The book's data as it is.
struct Loaded {
    data: Data,
    /// The data folder, as found from the current folder.
    dir: PathBuf,
    /// Each source's path relative to the data folder, by index.
    relative: Vec<String>,
    errors: usize,
}

impl Loaded {
    fn read(book_dir: &Path, book: &Book) -> Result<Loaded, Problem> {
        let dir = book_dir.join(&book.data);
        if !dir.is_dir() {
            return Err(Problem::new(
                format!("{} is not a folder: there is no data to add to", dir.display()),
                Some("run `mdbook-patterns install` on the book: it creates the data folder with a starter file".into()),
            ));
        }
        let shown = tidy(&dir);
        let loaded = load::load_as(&dir, &shown);
        let errors = count_errors(&loaded.diagnostics, &loaded.data);
        let prefix = format!("{}/", shown.display());
        let relative = loaded
            .data
            .sources
            .iter()
            .map(|s| {
                s.display
                    .strip_prefix(&prefix)
                    .unwrap_or(&s.display)
                    .to_owned()
            })
            .collect();
        Ok(Loaded {
            data: loaded.data,
            dir,
            relative,
            errors,
        })
    }

    /// Refuses an id a pattern, alias or case study has, saying where it is.
    fn refuse_taken(&self, id: &str, case_study: bool) -> Result<(), Problem> {
        let origin = if case_study {
            self.data
                .case_studies
                .get(id)
                .map(|c| (&c.origin, "a case study"))
        } else {
            self.data
                .patterns
                .get(id)
                .map(|p| (&p.origin, "a pattern"))
                .or_else(|| {
                    let owner = self.data.aliases.get(id)?;
                    self.data
                        .patterns
                        .get(owner)
                        .map(|p| (&p.origin, "an alias of a pattern"))
                })
        };
        match origin {
            Some((origin, what)) => Err(Problem::new(
                format!("\"{id}\" is already {what}; nothing was written"),
                Some("choose another id".into()),
            )
            .at(self.data.locate_key(origin, &JsonPath::root()))),
            None => Ok(()),
        }
    }

    /// The file with the most of the first count, else of the second; ties go to the first
    /// path; with no counts, the first data file.
    fn choose(&self, counts: &BTreeMap<usize, (usize, usize)>) -> Result<usize, Problem> {
        let best = |pick: fn(&(usize, usize)) -> usize| {
            counts
                .iter()
                .filter(|(_, c)| pick(c) > 0)
                .max_by(|(a, ca), (b, cb)| {
                    pick(ca)
                        .cmp(&pick(cb))
                        .then_with(|| self.relative[**b].cmp(&self.relative[**a]))
                })
                .map(|(file, _)| *file)
        };
        best(|c| c.0)
            .or_else(|| best(|c| c.1))
            .or_else(|| {
                (0..self.relative.len())
                    .filter(|i| Format::of(&self.relative[*i]).is_some())
                    .min_by(|a, b| self.relative[*a].cmp(&self.relative[*b]))
            })
            .ok_or_else(|| {
                Problem::new(
                    format!("{} holds no data file", self.dir.display()),
                    Some(
                        "run `mdbook-patterns install` on the book: it writes a starter file"
                            .into(),
                    ),
                )
            })
    }

    /// Prepares every file, checks the data as it would be, then writes them all.
    #[allow(clippy::too_many_arguments)]
    fn write(
        &self,
        book_dir: &Path,
        book: &Book,
        file: usize,
        section: &str,
        id: &str,
        entry: Map<String, Value>,
        (chapter, page, title, parent): (String, String, String, Parent),
    ) -> Result<Vec<PathBuf>, Problem> {
        let relative = &self.relative[file];
        let data_file = BookFile::check_existing(book_dir, &format!("{}/{relative}", book.data))
            .map_err(|p| reworded(p, "new"))?;
        let text = std::fs::read_to_string(&data_file.path).map_err(|e| {
            Problem::new(
                format!("cannot read {}: {e}", data_file.path.display()),
                None,
            )
        })?;
        let format = Format::of(relative).unwrap_or(Format::Json);
        let edited = match format {
            Format::Json => json_insert(&text, section, id, &entry),
            Format::Yaml => yaml_insert(&text, section, id, &entry),
            Format::Toml => toml_insert(&text, section, id, &entry),
        }
        .map_err(|why| {
            Problem::new(
                format!(
                    "cannot add \"{id}\" to {}: {why}; nothing was written",
                    data_file.path.display()
                ),
                Some(format!(
                    "add it by hand, or move the {section} to a file in block layout"
                )),
            )
        })?;
        self.check_edited(relative, &edited)?;
        let mut writes = Vec::new();
        if !book.generate_pages {
            let chapter_file = BookFile::check(book_dir, &format!("{}/{chapter}", book.src))
                .map_err(|p| reworded(p, "new"))?;
            if chapter_file.exists() {
                return Err(Problem::new(
                    format!(
                        "{} exists already; new never overwrites a file, and nothing was written",
                        chapter_file.path.display()
                    ),
                    Some("move it away, or add the data entry by hand".into()),
                ));
            }
            let summary = BookFile::check_existing(book_dir, &format!("{}/SUMMARY.md", book.src))
                .map_err(|p| reworded(p, "new"))?;
            let summary_text = std::fs::read_to_string(&summary.path).map_err(|e| {
                Problem::new(format!("cannot read {}: {e}", summary.path.display()), None)
            })?;
            let src = book_dir.join(&book.src);
            let new_summary = summary_insert(&summary_text, &src, &title, &chapter, &parent);
            writes.push((chapter_file, page));
            writes.push((data_file, edited));
            writes.push((summary, new_summary));
        } else {
            writes.push((data_file, edited));
        }
        let written = writes.iter().map(|(f, _)| tidy(&f.path)).collect();
        book_files::replace_all(&writes).map_err(|p| reworded(p, "new"))?;
        Ok(written)
    }

    /// Loads the data folder as it would be with `relative` holding `edited`, from a copy in a
    /// temporary folder; refuses when it has more errors than now.
    fn check_edited(&self, relative: &str, edited: &str) -> Result<(), Problem> {
        let copy = tempfile::tempdir()
            .map_err(|e| Problem::new(format!("cannot check the data: {e}"), None))?;
        for (index, name) in self.relative.iter().enumerate() {
            let target = copy.path().join(name);
            if let Some(parent) = target.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            let contents = if name == relative {
                edited.as_bytes().to_vec()
            } else {
                std::fs::read(self.dir.join(name))
                    .unwrap_or_else(|_| self.data.sources[index].text.clone().into_bytes())
            };
            std::fs::write(&target, contents)
                .map_err(|e| Problem::new(format!("cannot check the data: {e}"), None))?;
        }
        let loaded = load::load_as(copy.path(), &tidy(&self.dir));
        if count_errors(&loaded.diagnostics, &loaded.data) > self.errors {
            let mut all = loaded.diagnostics;
            all.extend(validate::validate(&loaded.data));
            let first = all
                .iter()
                .find(|d| d.is_error())
                .map(|d| d.render_human())
                .unwrap_or_default();
            return Err(Problem::new(
                format!(
                    "the data would not be valid with this entry; nothing was written:\n{}",
                    first.trim_end()
                ),
                Some(
                    "fix what it says (a summary takes inline Markdown only) and run new again"
                        .into(),
                ),
            ));
        }
        Ok(())
    }
}

/// `path` as shown: `book/../data` reads `data` (for messages only; files are reached through
/// the path as given).
fn tidy(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir
                if matches!(
                    out.components().next_back(),
                    Some(std::path::Component::Normal(_))
                ) =>
            {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

fn count_errors(diagnostics: &[Diagnostic], data: &Data) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
        + validate::validate(data)
            .iter()
            .filter(|d| d.is_error())
            .count()
}

/// The leading whitespace of `line`.
fn indent_of(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// Skips whitespace from `at`.
fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && bytes[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// The end of the JSON value starting at `at` (after whitespace).
fn skip_value(bytes: &[u8], at: usize) -> Result<usize, String> {
    let mut i = at;
    let mut depth = 0usize;
    loop {
        let Some(&b) = bytes.get(i) else {
            return Err("the file ends inside a value".into());
        };
        match b {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1).ok_or("unbalanced brackets")?;
                i += 1;
            }
            _ => i += 1,
        }
        if depth == 0 {
            if b == b'"' || b == b'}' || b == b']' {
                return Ok(i);
            }
            // A literal: up to the next delimiter.
            while i < bytes.len() && !b",}] \t\r\n".contains(&bytes[i]) {
                i += 1;
            }
            return Ok(i);
        }
    }
}

/// The members of the object at `open` (its `{`): each key's start, the key and its value's
/// span; and the offset of the closing `}`.
#[allow(clippy::type_complexity)]
fn members(text: &str, open: usize) -> Result<(Vec<(usize, String, usize, usize)>, usize), String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = skip_ws(bytes, open + 1);
    loop {
        match bytes.get(i) {
            Some(b'}') => return Ok((out, i)),
            Some(b'"') => {
                let key_end = skip_value(bytes, i)?;
                let key: String =
                    serde_json::from_str(&text[i..key_end]).map_err(|e| e.to_string())?;
                let colon = skip_ws(bytes, key_end);
                if bytes.get(colon) != Some(&b':') {
                    return Err("a key without a value".into());
                }
                let start = skip_ws(bytes, colon + 1);
                let end = skip_value(bytes, start)?;
                out.push((i, key, start, end));
                i = skip_ws(bytes, end);
                if bytes.get(i) == Some(&b',') {
                    i = skip_ws(bytes, i + 1);
                }
            }
            _ => return Err("it is not a JSON object".into()),
        }
    }
}

/// The indentation of the line holding byte `at`.
fn line_indent(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    indent_of(&text[start..])
}

/// `entry` as a JSON object, one field a line, at `indent` with `unit` more for its fields.
fn json_entry(entry: &Map<String, Value>, indent: &str, unit: &str) -> String {
    let fields: Vec<String> = entry
        .iter()
        .map(|(k, v)| {
            format!(
                "{indent}{unit}{}: {}",
                serde_json::to_string(k).expect("JSON"),
                serde_json::to_string(v).expect("JSON")
            )
        })
        .collect();
    format!("{{\n{}\n{indent}}}", fields.join(",\n"))
}

/// Adds `"id": entry` at the end of the top-level object `section` of a JSON text.
pub fn json_insert(
    text: &str,
    section: &str,
    id: &str,
    entry: &Map<String, Value>,
) -> Result<String, String> {
    let bytes = text.as_bytes();
    let open = skip_ws(bytes, 0);
    if bytes.get(open) != Some(&b'{') {
        return Err("it is not a JSON object".into());
    }
    let (top, close) = members(text, open)?;
    let top_indent = top.first().map_or("  ".to_owned(), |(at, ..)| {
        line_indent(text, *at).to_owned()
    });
    let unit = if top_indent.is_empty() {
        "  ".to_owned()
    } else {
        top_indent.clone()
    };
    let key = serde_json::to_string(id).expect("JSON");
    // The text from `from` to `to` is replaced by `insert`, whose line breaks are the file's.
    let (from, to, insert) = match top.iter().find(|(_, k, ..)| k == section) {
        Some((key_at, _, start, _)) if bytes[*start] == b'{' => {
            let section_indent = line_indent(text, *key_at).to_owned();
            let (inner, inner_close) = members(text, *start)?;
            match inner.last() {
                Some(last) => {
                    let first = inner[0].0;
                    let member_indent = if text[*start..first].contains('\n') {
                        line_indent(text, first).to_owned()
                    } else {
                        format!("{section_indent}{unit}")
                    };
                    let unit = member_indent
                        .strip_prefix(section_indent.as_str())
                        .filter(|u| !u.is_empty())
                        .unwrap_or(&unit)
                        .to_owned();
                    let entry = json_entry(entry, &member_indent, &unit);
                    (last.3, last.3, format!(",\n{member_indent}{key}: {entry}"))
                }
                None => {
                    let member_indent = format!("{section_indent}{unit}");
                    let entry = json_entry(entry, &member_indent, &unit);
                    (
                        *start,
                        inner_close + 1,
                        format!("{{\n{member_indent}{key}: {entry}\n{section_indent}}}"),
                    )
                }
            }
        }
        Some(_) => return Err(format!("\"{section}\" is not an object")),
        None => {
            let member_indent = format!("{top_indent}{unit}");
            let section_text = format!(
                "{top_indent}\"{section}\": {{\n{member_indent}{key}: {}\n{top_indent}}}",
                json_entry(entry, &member_indent, &unit)
            );
            match top.last() {
                Some(last) => (last.3, last.3, format!(",\n{section_text}")),
                None => (open, close + 1, format!("{{\n{section_text}\n}}")),
            }
        }
    };
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let edited = format!(
        "{}{}{}",
        &text[..from],
        insert.replace('\n', nl),
        &text[to..]
    );
    serde_json::from_str::<Value>(&edited)
        .map_err(|e| format!("the edit would not be JSON ({e})"))?;
    Ok(edited)
}

/// A key as YAML writes it: plain where YAML 1.2 and 1.1 read it as the same text.
fn yaml_key(id: &str) -> String {
    const WORDS: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
    if WORDS.contains(&id) || id.starts_with(|c: char| c.is_ascii_digit()) {
        serde_json::to_string(id).expect("JSON")
    } else {
        id.to_owned()
    }
}

/// Adds `id: entry` at the end of the top-level mapping `section` of a YAML text in block
/// layout.
pub fn yaml_insert(
    text: &str,
    section: &str,
    id: &str,
    entry: &Map<String, Value>,
) -> Result<String, String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let header = lines.iter().position(|line| {
        line.strip_prefix(section)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some()
    });
    let block = |indent: &str, unit: &str| {
        let mut out = format!("{indent}{}:\n", yaml_key(id));
        for (k, v) in entry {
            out.push_str(&format!(
                "{indent}{unit}{k}: {}\n",
                serde_json::to_string(v).expect("JSON")
            ));
        }
        out
    };
    let Some(header) = header else {
        let mut out = text.to_owned();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("{section}:\n{}", block("  ", "  ")));
        return Ok(out);
    };
    let rest = lines[header][section.len() + 1..].trim();
    let empty_flow =
        rest == "{}" || rest.starts_with("{}") && rest[2..].trim_start().starts_with('#');
    if !(rest.is_empty() || rest.starts_with('#') || empty_flow) {
        return Err(format!("\"{section}\" is written in flow style"));
    }
    let mut end = header + 1;
    let mut last = header;
    let mut member_indent = None;
    while end < lines.len() {
        let line = lines[end];
        let trimmed = line.trim();
        if !trimmed.is_empty() && !line.starts_with([' ', '\t']) {
            break;
        }
        if !trimmed.is_empty() {
            last = end;
            if member_indent.is_none() && !trimmed.starts_with('#') {
                member_indent = Some(indent_of(line).to_owned());
            }
        }
        end += 1;
    }
    let indent = member_indent.unwrap_or_else(|| "  ".to_owned());
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::new();
    for (n, line) in lines.iter().enumerate() {
        if n == header && empty_flow {
            out.push_str(&format!("{section}:\n"));
        } else {
            out.push_str(line);
        }
        if n == last {
            if !out.ends_with('\n') {
                out.push_str(nl);
            }
            out.push_str(&block(&indent, &indent).replace('\n', nl));
        }
    }
    Ok(out)
}

/// Adds `[section.id]` to a TOML text, keeping its layout and comments.
pub fn toml_insert(
    text: &str,
    section: &str,
    id: &str,
    entry: &Map<String, Value>,
) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().trim_end().to_owned())?;
    let item = doc.entry(section).or_insert_with(|| {
        let mut table = Table::new();
        table.set_implicit(true);
        Item::Table(table)
    });
    if let Some(inline) = item.as_inline_table_mut() {
        let mut value = toml_edit::InlineTable::new();
        for (k, v) in entry {
            if let Some(v) = v.as_str() {
                value.insert(k, v.into());
            }
        }
        inline.insert(id, toml_edit::Value::InlineTable(value));
        return Ok(doc.to_string());
    }
    let table = item
        .as_table_mut()
        .ok_or_else(|| format!("\"{section}\" is not a table"))?;
    let mut new = Table::new();
    for (k, v) in entry {
        if let Some(v) = v.as_str() {
            new.insert(k, toml_edit::value(v));
        }
    }
    table.insert(id, Item::Table(new));
    Ok(doc.to_string())
}

/// The link text and target of a `SUMMARY.md` line that is a chapter.
fn summary_link(line: &str) -> Option<(&str, &str)> {
    let open = line.find('[')?;
    let middle = line[open..].find("](")? + open;
    let close = line[middle..].find(')')? + middle;
    Some((&line[open + 1..middle], &line[middle + 2..close]))
}

fn is_item(line: &str) -> bool {
    let t = line.trim_start();
    (t.starts_with("- ") || t.starts_with("* ")) && summary_link(line).is_some()
}

/// `SUMMARY.md` with a line for the chapter `path` titled `title`: among the children of the
/// chapter holding the directive (else among the siblings of the chapter named), sorted by title;
/// else at the end. Every other line stays as it was.
fn summary_insert(text: &str, src: &Path, title: &str, path: &str, parent: &Parent) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let Parent { directive, sibling } = parent;
    let holder = lines.iter().position(|line| {
        is_item(line)
            && summary_link(line).is_some_and(|(_, target)| {
                std::fs::read_to_string(src.join(target)).is_ok_and(|chapter| {
                    chapter.lines().any(|l| {
                        l.trim_start().starts_with(directive) && !l.contains("example=true")
                    })
                })
            })
    });
    let unit = lines
        .iter()
        .filter(|l| is_item(l))
        .map(|l| indent_of(l).len())
        .filter(|n| *n > 0)
        .min()
        .unwrap_or(2);
    let marker = |line: &str| {
        if line.trim_start().starts_with('*') {
            "*"
        } else {
            "-"
        }
    };
    let escaped: String = title
        .chars()
        .flat_map(|c| {
            let escape = matches!(c, '[' | ']' | '\\');
            escape.then_some('\\').into_iter().chain(std::iter::once(c))
        })
        .collect();
    // (first line of the block, end of the block, the children's indent)
    let block = match holder {
        Some(p) => {
            let own = indent_of(&lines[p]).len();
            let mut end = p + 1;
            while end < lines.len() && is_item(&lines[end]) && indent_of(&lines[end]).len() > own {
                end += 1;
            }
            let indent = if end > p + 1 {
                indent_of(&lines[p + 1]).len()
            } else {
                own + unit
            };
            Some((p + 1, end, indent, marker(&lines[p])))
        }
        None => sibling.as_ref().and_then(|sibling| {
            let at = lines
                .iter()
                .position(|l| is_item(l) && summary_link(l).is_some_and(|(_, t)| t == sibling))?;
            let own = indent_of(&lines[at]).len();
            let mut start = at;
            while start > 0
                && is_item(&lines[start - 1])
                && indent_of(&lines[start - 1]).len() >= own
            {
                start -= 1;
            }
            let mut end = at + 1;
            while end < lines.len() && is_item(&lines[end]) && indent_of(&lines[end]).len() >= own {
                end += 1;
            }
            Some((start, end, own, marker(&lines[at])))
        }),
    };
    match block {
        Some((start, end, indent, marker)) => {
            let new = format!("{}{marker} [{escaped}]({path}){nl}", " ".repeat(indent));
            let at = (start..end)
                .find(|n| {
                    indent_of(&lines[*n]).len() == indent
                        && summary_link(&lines[*n])
                            .is_some_and(|(t, _)| t.to_lowercase() > escaped.to_lowercase())
                })
                .unwrap_or(end);
            if at == lines.len()
                && let Some(last) = lines.last_mut()
                && !last.ends_with('\n')
            {
                last.push_str(nl);
            }
            lines.insert(at, new);
        }
        None => {
            if let Some(last) = lines.last_mut()
                && !last.ends_with('\n')
            {
                last.push_str(nl);
            }
            lines.push(format!("- [{escaped}]({path}){nl}"));
        }
    }
    lines.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("name".into(), "Bulkhead".into());
        m.insert("tier".into(), "gold".into());
        m
    }

    #[test]
    fn json_keeps_the_layout_and_adds_at_the_end() {
        let text = "{\n    \"schema_version\": \"1.0\",\n    \"patterns\": {\n        \"a\": { \"name\": \"A\" }\n    }\n}\n";
        let out = json_insert(text, "patterns", "bulkhead", &entry()).unwrap();
        assert_eq!(
            out,
            "{\n    \"schema_version\": \"1.0\",\n    \"patterns\": {\n        \"a\": { \"name\": \"A\" },\n        \"bulkhead\": {\n            \"name\": \"Bulkhead\",\n            \"tier\": \"gold\"\n        }\n    }\n}\n"
        );
        let none = json_insert("{\n  \"x\": 1\n}\n", "patterns", "b", &entry()).unwrap();
        assert_eq!(
            none,
            "{\n  \"x\": 1,\n  \"patterns\": {\n    \"b\": {\n      \"name\": \"Bulkhead\",\n      \"tier\": \"gold\"\n    }\n  }\n}\n"
        );
        let crlf = json_insert(
            "{\r\n\t\"patterns\": {\r\n\t\t\"a\": 1\r\n\t}\r\n}\r\n",
            "patterns",
            "b",
            &entry(),
        )
        .unwrap();
        assert_eq!(
            crlf,
            "{\r\n\t\"patterns\": {\r\n\t\t\"a\": 1,\r\n\t\t\"b\": {\r\n\t\t\t\"name\": \"Bulkhead\",\r\n\t\t\t\"tier\": \"gold\"\r\n\t\t}\r\n\t}\r\n}\r\n"
        );
        let empty = json_insert("{ \"patterns\": {} }", "patterns", "b", &entry()).unwrap();
        serde_json::from_str::<Value>(&empty).unwrap();
    }

    #[test]
    fn yaml_keeps_comments_and_adds_at_the_end_of_the_section() {
        let text = "# top\npatterns:\n  a:\n    name: A # note\n\n# next\ncase_studies:\n  c:\n    title: C\n";
        let out = yaml_insert(text, "patterns", "bulkhead", &entry()).unwrap();
        assert_eq!(
            out,
            "# top\npatterns:\n  a:\n    name: A # note\n  bulkhead:\n    name: \"Bulkhead\"\n    tier: \"gold\"\n\n# next\ncase_studies:\n  c:\n    title: C\n"
        );
        assert!(yaml_insert("patterns: {a: 1}\n", "patterns", "b", &entry()).is_err());
        let crlf = yaml_insert(
            "patterns:\r\n    a:\r\n        name: A\r\n",
            "patterns",
            "b",
            &entry(),
        )
        .unwrap();
        assert_eq!(
            crlf,
            "patterns:\r\n    a:\r\n        name: A\r\n    b:\r\n        name: \"Bulkhead\"\r\n        tier: \"gold\"\r\n"
        );
    }

    #[test]
    fn toml_keeps_comments() {
        let text = "# top\n[patterns.a] # the first\nname = \"A\"\n";
        let out = toml_insert(text, "patterns", "bulkhead", &entry()).unwrap();
        assert_eq!(
            out,
            "# top\n[patterns.a] # the first\nname = \"A\"\n\n[patterns.bulkhead]\nname = \"Bulkhead\"\ntier = \"gold\"\n"
        );
    }

    #[test]
    fn summary_sorts_among_the_children_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.md"), "# P\n\n<<pattern-index>>\n").unwrap();
        let text = "# Summary\n\n- [Intro](intro.md)\n- [Patterns](index.md)\n  - [Alpha](a.md)\n  - [Gamma](g.md)\n    - [Zed](z.md)\n- [End](end.md)";
        let parent = Parent {
            directive: "<<pattern-index",
            sibling: None,
        };
        let out = summary_insert(text, dir.path(), "Beta", "b.md", &parent);
        assert_eq!(
            out,
            "# Summary\n\n- [Intro](intro.md)\n- [Patterns](index.md)\n  - [Alpha](a.md)\n  - [Beta](b.md)\n  - [Gamma](g.md)\n    - [Zed](z.md)\n- [End](end.md)"
        );
        let last = summary_insert(text, dir.path(), "Omega", "o.md", &parent);
        assert!(
            last.contains("    - [Zed](z.md)\n  - [Omega](o.md)\n- [End](end.md)"),
            "{last}"
        );
        let none = summary_insert(
            "# Summary\n\n- [A](a.md)",
            dir.path(),
            "B [x]",
            "b.md",
            &parent,
        );
        assert_eq!(none, "# Summary\n\n- [A](a.md)\n- [B \\[x\\]](b.md)\n");
    }
}
