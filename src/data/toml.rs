//! A TOML data file, converted into the JSON text the loader reads, with a table of where each
//! key and value of that JSON was written in the TOML (see `docs/data-formats.md`).
//!
//! toml_edit's `Document` keeps the byte range of every key, value and table header; the
//! converter writes one key or list item per line of compact JSON and, for every key and value
//! it writes, a [`Mark`] pairing its offset in the JSON with its byte offset in the TOML, as
//! [`crate::data::yaml`] does for YAML. A table is a JSON object, an array of tables a list of
//! objects, and a local date (`2026-06-01`) the text `"2026-06-01"`, which is what a date field
//! holds in JSON and YAML. Refused here: the other kinds of date and time, `inf` and `nan`, and
//! a key written twice (which toml_edit stops at; the converter names both places).

use std::fmt::Write as _;
use std::ops::Range;

use toml_edit::{Document, InlineTable, Item, Table, Value};

use crate::data::json_path::{JsonPath, Segment};
use crate::data::yaml::{self, Converted, Duplicate, Mark, Refusal};

/// How deep tables and arrays may nest: as in a JSON data file.
const MAX_DEPTH: usize = 128;

/// How many keys written twice are looked for before the file is given up as unreadable.
const MAX_DUPLICATES: usize = 16;

/// Converts the TOML `text` (without a byte order mark). `Err` holds every refusal met, in text
/// order, where the file cannot be read: its syntax, or nesting too deep. A key written twice is
/// in [`Converted::duplicates`]: its second value is left out and the rest of the file is read.
pub fn convert(text: &str) -> Result<Converted, Vec<Refusal>> {
    let mut edits = Edits::default();
    let mut edited = text.to_owned();
    let document = loop {
        let err = match Document::parse(edited.as_str()) {
            Ok(document) => break document,
            Err(err) => err,
        };
        let span = err.span().unwrap_or(0..0);
        if err.message() == "duplicate key"
            && edits.renamed.len() < MAX_DUPLICATES
            && let Some(name) = key_name(&edited, &span)
        {
            // toml_edit stops at the second place of a key; the key is renamed there, so that
            // parsing again finds the first place (and the next key written twice).
            if edits.is_after_the_last(&span) {
                let sentinel = edits.sentinel(&edited);
                edits.rename(&mut edited, text, span, sentinel, name);
                continue;
            }
        }
        let mut refusals: Vec<Refusal> = edits
            .renamed
            .iter()
            .map(|renamed| duplicate_refusal(&renamed.key, renamed.at))
            .collect();
        if err.message() == "duplicate key"
            && let Some(name) = key_name(&edited, &span)
        {
            // Past the keys looked for (or before a key renamed): named all the same.
            refusals.push(duplicate_refusal(&name, edits.original(span.start, text)));
            refusals.sort_by_key(|r| r.offset);
            return Err(refusals);
        }
        let help = if err.message().contains("recursion") {
            "nest tables and arrays at most 128 deep"
        } else {
            "fix the TOML syntax here; text is written in quotes: `summary = \"…\"`"
        };
        refusals.push(Refusal {
            offset: edits.original(span.start, text),
            path: None,
            message: format!("this file is not valid TOML: {}", err.message()),
            help: help.into(),
        });
        refusals.sort_by_key(|r| r.offset);
        return Err(refusals);
    };
    let mut converter = Converter {
        text: &edited,
        original: text,
        edits: &edits,
        out: Converted::default(),
        path: JsonPath::root(),
        fatal: false,
    };
    converter.mark(0, false);
    converter.table(document.as_table(), 0);
    if converter.fatal {
        converter.out.refusals.sort_by_key(|r| r.offset);
        return Err(converter.out.refusals);
    }
    converter.out.refusals.sort_by_key(|r| r.offset);
    converter.out.duplicates.sort_by_key(|d| d.second);
    Ok(converter.out)
}

/// The refusal for a key written twice whose first place is not known (the file could not be
/// read further).
fn duplicate_refusal(key: &str, at: usize) -> Refusal {
    Refusal {
        offset: at,
        path: None,
        message: format!("key \"{key}\" is written twice in this table"),
        help: "keep one; a TOML table holds each key once".into(),
    }
}

/// The key written at `span` (as toml_edit reads it: quotes and escapes removed), where a key is.
fn key_name(text: &str, span: &Range<usize>) -> Option<String> {
    let literal = text.get(span.clone())?;
    let document = Document::parse(format!("{literal} = 0")).ok()?;
    let mut keys = document.as_table().iter();
    let (key, item) = keys.next()?;
    (keys.next().is_none() && item.is_value()).then(|| key.to_owned())
}

/// The keys renamed in the text to get past toml_edit's stop at a key written twice, and how
/// to take an offset of the edited text back to the text as written.
#[derive(Default)]
struct Edits {
    renamed: Vec<Renamed>,
}

struct Renamed {
    /// The name put in place of the key, unique in the text.
    sentinel: String,
    /// The key as written, and where (in the text as written).
    key: String,
    at: usize,
    /// Where the key's literal was in the edited text, and its length there and as written.
    edited_at: usize,
    edited_len: usize,
    original_len: usize,
}

impl Edits {
    /// A bare key found nowhere in `text`.
    fn sentinel(&self, text: &str) -> String {
        (self.renamed.len()..)
            .map(|n| format!("mdbook-patterns-duplicate-{n}"))
            .find(|name| !text.contains(name.as_str()))
            .unwrap_or_default()
    }

    /// Whether `span` of the edited text stands after every key renamed so far.
    fn is_after_the_last(&self, span: &Range<usize>) -> bool {
        self.renamed
            .last()
            .is_none_or(|last| span.start >= last.edited_at + last.edited_len)
    }

    fn rename(
        &mut self,
        edited: &mut String,
        original: &str,
        span: Range<usize>,
        sentinel: String,
        key: String,
    ) {
        let at = self.original(span.start, original);
        edited.replace_range(span.clone(), &sentinel);
        self.renamed.push(Renamed {
            edited_len: sentinel.len(),
            sentinel,
            key,
            at,
            edited_at: span.start,
            original_len: span.len(),
        });
    }

    /// The offset in the text as written of `offset` in the edited text (`original` bounds it).
    /// Each key renamed stands after the ones before it in the text.
    fn original(&self, offset: usize, original: &str) -> usize {
        let mut shift: isize = 0;
        for renamed in &self.renamed {
            if offset < renamed.edited_at {
                break;
            }
            if offset < renamed.edited_at + renamed.edited_len {
                return renamed.at;
            }
            shift += renamed.edited_len.cast_signed() - renamed.original_len.cast_signed();
        }
        let at = offset
            .cast_signed()
            .saturating_sub(shift)
            .clamp(0, original.len().cast_signed())
            .cast_unsigned();
        floor_char_boundary(original, at)
    }

    fn renamed(&self, sentinel: &str) -> Option<&Renamed> {
        if !sentinel.starts_with("mdbook-patterns-duplicate-") {
            return None;
        }
        self.renamed.iter().find(|r| r.sentinel == sentinel)
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

struct Converter<'a> {
    /// The text parsed (the text as written, with any key written twice renamed).
    text: &'a str,
    original: &'a str,
    edits: &'a Edits,
    out: Converted,
    /// The path of the value at hand.
    path: JsonPath,
    fatal: bool,
}

/// A table's entries: a `[table]` or a `{ inline = "table" }`.
trait Entries {
    fn entries(&self) -> Vec<(&str, Option<Range<usize>>, Entry<'_>)>;
    fn first_key(&self, key: &str) -> Option<usize>;
}

enum Entry<'t> {
    Item(&'t Item),
    Value(&'t Value),
}

impl Entries for Table {
    fn entries(&self) -> Vec<(&str, Option<Range<usize>>, Entry<'_>)> {
        self.iter()
            .filter_map(|(name, item)| {
                let (key, _) = self.get_key_value(name)?;
                Some((name, key.span(), Entry::Item(item)))
            })
            .collect()
    }

    fn first_key(&self, key: &str) -> Option<usize> {
        Some(self.get_key_value(key)?.0.span()?.start)
    }
}

impl Entries for InlineTable {
    fn entries(&self) -> Vec<(&str, Option<Range<usize>>, Entry<'_>)> {
        self.iter()
            .filter_map(|(name, _)| {
                let (key, item) = self.get_key_value(name)?;
                let value = item.as_value()?;
                Some((name, key.span(), Entry::Value(value)))
            })
            .collect()
    }

    fn first_key(&self, key: &str) -> Option<usize> {
        Some(self.get_key_value(key)?.0.span()?.start)
    }
}

impl Converter<'_> {
    /// The offset in the text as written of `offset` in the text parsed.
    fn at(&self, offset: usize) -> usize {
        self.edits.original(offset, self.original)
    }

    fn mark(&mut self, original: usize, plain: bool) {
        self.out.marks.push(Mark {
            json: u32::try_from(self.out.json.len()).unwrap_or(u32::MAX),
            original: u32::try_from(original).unwrap_or(u32::MAX),
            plain,
        });
    }

    fn refuse(&mut self, offset: usize, message: String, help: String, fatal: bool) {
        self.fatal |= fatal;
        self.out.refusals.push(Refusal {
            offset,
            path: Some(self.path.clone()),
            message,
            help,
        });
    }

    /// Whether the value about to be written nests too deep (refused once).
    fn too_deep(&mut self, depth: usize, offset: usize) -> bool {
        if depth < MAX_DEPTH {
            return false;
        }
        if !self.fatal {
            self.refuse(
                offset,
                "this file is not valid TOML: nested too deep".into(),
                "nest tables and arrays at most 128 deep".into(),
                true,
            );
        }
        true
    }

    /// Writes a table (the mark of its value written already) as an object.
    fn table(&mut self, table: &impl Entries, depth: usize) {
        self.out.json.push('{');
        let mut first = true;
        for (name, key_span, entry) in table.entries() {
            let key_at = key_span.as_ref().map(|span| self.at(span.start));
            if let Some(renamed) = self.edits.renamed(name) {
                // The second place of a key written twice: reported, and its value left out.
                let first_at = table.first_key(&renamed.key).map(|at| self.at(at));
                self.out.duplicates.push(Duplicate {
                    object: self.path.clone(),
                    key: renamed.key.clone(),
                    first: first_at.unwrap_or(renamed.at),
                    second: renamed.at,
                });
                continue;
            }
            if !first {
                self.out.json.push(',');
            }
            first = false;
            self.out.json.push('\n');
            let key_at = key_at.unwrap_or_else(|| self.last_original());
            self.mark(key_at, false);
            yaml::write_string(&mut self.out.json, name);
            self.out.json.push(':');
            self.path.push(Segment::Key(name.to_owned()));
            match entry {
                Entry::Item(item) => self.item(item, key_at, depth + 1),
                Entry::Value(value) => self.value(value, depth + 1),
            }
            self.path.pop();
            if self.fatal {
                return;
            }
        }
        self.out.json.push('}');
    }

    /// The original offset of the last mark written.
    fn last_original(&self) -> usize {
        self.out
            .marks
            .last()
            .map_or(0, |mark| mark.original as usize)
    }

    /// Writes an item; `key_at` is where its key is (an implicit table has no place of its own).
    fn item(&mut self, item: &Item, key_at: usize, depth: usize) {
        match item {
            Item::Value(value) => self.value(value, depth),
            Item::Table(table) => {
                let at = table.span().map_or(key_at, |span| self.at(span.start));
                if self.too_deep(depth, at) {
                    return;
                }
                self.mark(at, false);
                self.table(table, depth);
            }
            Item::ArrayOfTables(tables) => {
                let at = tables.span().map_or(key_at, |span| self.at(span.start));
                if self.too_deep(depth, at) {
                    return;
                }
                self.mark(at, false);
                self.out.json.push('[');
                for (index, table) in tables.iter().enumerate() {
                    if index > 0 {
                        self.out.json.push(',');
                    }
                    self.out.json.push('\n');
                    let at = table.span().map_or(at, |span| self.at(span.start));
                    self.mark(at, false);
                    self.path.push(Segment::Index(index));
                    self.table(table, depth + 1);
                    self.path.pop();
                    if self.fatal {
                        return;
                    }
                }
                self.out.json.push(']');
            }
            // Not met in a parsed document; written as what the key stands for, nothing.
            Item::None => {
                self.mark(key_at, false);
                self.out.json.push_str("null");
            }
        }
    }

    /// Writes a value (its mark included).
    fn value(&mut self, value: &Value, depth: usize) {
        let span = value.span();
        let at = span
            .as_ref()
            .map_or_else(|| self.last_original(), |span| self.at(span.start));
        let literal = span
            .and_then(|span| self.text.get(span))
            .unwrap_or_default()
            .trim();
        match value {
            Value::String(text) => {
                self.mark(at, false);
                yaml::write_string(&mut self.out.json, text.value());
            }
            Value::Integer(number) => {
                self.mark(at, true);
                let _ = write!(self.out.json, "{}", number.value());
            }
            Value::Float(number) => {
                let number = *number.value();
                if !number.is_finite() {
                    self.refuse(
                        at,
                        format!("unquoted `{literal}` is a number a data file cannot hold"),
                        format!("quote it if it is text: `\"{literal}\"`"),
                        false,
                    );
                    self.mark(at, false);
                    yaml::write_string(&mut self.out.json, literal);
                    return;
                }
                self.mark(at, true);
                if yaml::is_json_number(literal) {
                    self.out.json.push_str(literal);
                } else {
                    match serde_json::Number::from_f64(number) {
                        Some(number) => {
                            let _ = write!(self.out.json, "{number}");
                        }
                        None => self.out.json.push_str("null"),
                    }
                }
            }
            Value::Boolean(boolean) => {
                self.mark(at, true);
                let _ = write!(self.out.json, "{}", boolean.value());
            }
            Value::Datetime(datetime) => {
                let datetime = datetime.value();
                self.mark(at, false);
                let is_date =
                    datetime.date.is_some() && datetime.time.is_none() && datetime.offset.is_none();
                if is_date {
                    yaml::write_string(&mut self.out.json, &datetime.to_string());
                    return;
                }
                let kind = match (datetime.date, datetime.offset) {
                    (Some(_), Some(_)) => "an offset date-time",
                    (Some(_), None) => "a local date-time",
                    (None, _) => "a local time",
                };
                let help = match datetime.date {
                    Some(date) => format!(
                        "write a date alone, `{date}`, or quote it if it is text: `\"{literal}\"`"
                    ),
                    None => format!(
                        "write a date as YYYY-MM-DD, or quote it if it is text: `\"{literal}\"`"
                    ),
                };
                self.refuse(
                    at,
                    format!("unquoted `{literal}` is {kind} in TOML; a data file holds dates (YYYY-MM-DD), not times"),
                    help,
                    false,
                );
                yaml::write_string(&mut self.out.json, literal);
            }
            Value::Array(array) => {
                if self.too_deep(depth, at) {
                    return;
                }
                self.mark(at, false);
                self.out.json.push('[');
                for (index, item) in array.iter().enumerate() {
                    if index > 0 {
                        self.out.json.push(',');
                    }
                    self.out.json.push('\n');
                    self.path.push(Segment::Index(index));
                    self.value(item, depth + 1);
                    self.path.pop();
                    if self.fatal {
                        return;
                    }
                }
                self.out.json.push(']');
            }
            Value::InlineTable(table) => {
                if self.too_deep(depth, at) {
                    return;
                }
                self.mark(at, false);
                self.table(table, depth);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(toml: &str) -> String {
        let converted = convert(toml).expect("converted");
        assert!(converted.refusals.is_empty(), "{:?}", converted.refusals);
        serde_json::from_str::<serde_json::Value>(&converted.json)
            .expect("the JSON written parses")
            .to_string()
    }

    fn refused(toml: &str) -> Vec<(usize, String)> {
        let refusals = match convert(toml) {
            Ok(converted) => converted.refusals,
            Err(refusals) => refusals,
        };
        refusals
            .into_iter()
            .map(|r| (r.offset, r.message))
            .collect()
    }

    #[test]
    fn tables_arrays_and_scalars_convert() {
        assert_eq!(
            json(
                "#:schema ../schema/data.json\na = \"x\"\nb = 12\nc = -1.50\nd = true\ne = [1, 'two', { k = \"v\" }]\nf = 2026-06-01\ng.h = 0x1F\n[t]\ni = +1e3\n[[l]]\nm = 1\n[[l]]\nm = 2\n[[l.n]]\no = 1_000\n"
            ),
            r#"{"a":"x","b":12,"c":-1.5,"d":true,"e":[1,"two",{"k":"v"}],"f":"2026-06-01","g":{"h":31},"t":{"i":1000.0},"l":[{"m":1},{"m":2,"n":[{"o":1000}]}]}"#
        );
        // A number is written as the author wrote it where JSON allows it.
        assert!(convert("c = -1.50\n").unwrap().json.contains("-1.50"));
        assert_eq!(json(""), "{}");
        assert_eq!(json("\"$schema\" = \"x\"\n"), r#"{"$schema":"x"}"#);
        // Escapes and multi-line strings.
        assert_eq!(
            json("a = \"tab\\there \\\"q\\\" \\\\\"\nb = \"\"\"\none\ntwo\"\"\"\n"),
            r#"{"a":"tab\there \"q\" \\","b":"one\ntwo"}"#
        );
    }

    #[test]
    fn marks_point_at_keys_and_values_in_the_toml() {
        let text = "# é\nname = \"Cache – é\"\n[p.q]\nlist = [\n  1,\n]\n[[r]]\ns = 2026-06-01\n";
        let converted = convert(text).unwrap();
        let originals: Vec<&str> = converted
            .marks
            .iter()
            .map(|m| &text[m.original as usize..])
            .map(|rest| rest.lines().next().unwrap())
            .collect();
        assert_eq!(
            originals,
            [
                "# é",
                "name = \"Cache – é\"",
                "\"Cache – é\"",
                "p.q]",
                "p.q]",
                "q]",
                "[p.q]",
                "list = [",
                "[",
                "1,",
                "r]]",
                "[[r]]",
                "[[r]]",
                "s = 2026-06-01",
                "2026-06-01",
            ]
        );
        for pair in converted.marks.windows(2) {
            assert!(pair[0].json <= pair[1].json);
        }
        for mark in &converted.marks[1..] {
            let at = &converted.json[mark.json as usize..];
            assert!(at.starts_with(['"', '{', '[', '1']), "{at}");
        }
        let plain: Vec<usize> = (0..converted.marks.len())
            .filter(|&n| converted.marks[n].plain)
            .collect();
        assert_eq!(plain, [9]);
    }

    #[test]
    fn dates_alone_are_text_and_other_times_are_refused() {
        assert_eq!(json("d = 2026-06-01\n"), r#"{"d":"2026-06-01"}"#);
        for (text, message, help) in [
            (
                "d = 2026-06-01T10:00:00Z\n",
                "unquoted `2026-06-01T10:00:00Z` is an offset date-time in TOML; a data file holds dates (YYYY-MM-DD), not times",
                "write a date alone, `2026-06-01`, or quote it if it is text: `\"2026-06-01T10:00:00Z\"`",
            ),
            (
                "d = 2026-06-01 10:00\n",
                "unquoted `2026-06-01 10:00` is a local date-time in TOML; a data file holds dates (YYYY-MM-DD), not times",
                "write a date alone, `2026-06-01`, or quote it if it is text: `\"2026-06-01 10:00\"`",
            ),
            (
                "d = 10:00:00\n",
                "unquoted `10:00:00` is a local time in TOML; a data file holds dates (YYYY-MM-DD), not times",
                "write a date as YYYY-MM-DD, or quote it if it is text: `\"10:00:00\"`",
            ),
        ] {
            let converted = convert(text).expect(text);
            let refusal = &converted.refusals[0];
            assert_eq!(
                (
                    refusal.offset,
                    refusal.message.as_str(),
                    refusal.help.as_str()
                ),
                (4, message, help)
            );
            assert_eq!(
                refusal.path.as_ref().map(ToString::to_string).as_deref(),
                Some("d")
            );
            let value: serde_json::Value = serde_json::from_str(&converted.json).unwrap();
            assert!(value["d"].is_string(), "{value}");
        }
    }

    #[test]
    fn infinities_are_refused_and_read_as_text() {
        for text in ["a = inf\n", "a = -inf\n", "a = nan\n"] {
            let found = refused(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].0, 4);
            assert!(found[0].1.ends_with("is a number a data file cannot hold"));
            let converted = convert(text).unwrap();
            let value: serde_json::Value = serde_json::from_str(&converted.json).unwrap();
            assert!(value["a"].is_string());
        }
        // A number past f64's range is toml_edit's syntax error, not an infinity.
        let err = convert("a = 1e999\n").unwrap_err();
        assert!(err[0].message.contains("overflowed"), "{err:?}");
    }

    #[test]
    fn keys_written_twice_are_found_with_both_places() {
        let text = "[p.a]\nx = 1\ny = 2\nx = 3\n[p]\nb = { z = 1, z = 2 }\n[p.a]\n";
        let converted = convert(text).unwrap();
        let found: Vec<(String, &str, usize, usize)> = converted
            .duplicates
            .iter()
            .map(|d| (d.object.to_string(), d.key.as_str(), d.first, d.second))
            .collect();
        assert_eq!(
            found,
            [
                ("p.a".to_string(), "x", 6, 18),
                ("p.b".to_string(), "z", 34, 41),
                ("p".to_string(), "a", 3, 52),
            ]
        );
        // The first value is kept.
        let value: serde_json::Value = serde_json::from_str(&converted.json).unwrap();
        assert_eq!(
            value.to_string(),
            r#"{"p":{"a":{"x":1,"y":2},"b":{"z":1}}}"#
        );
        // A quoted key, and keys after a renamed one, keep their places.
        let text = "\"k é\" = 1\n\"k é\" = 2\nlong-key-name = 3\n";
        let converted = convert(text).unwrap();
        assert_eq!(converted.duplicates[0].second, 11);
        let last = converted.marks.last().unwrap().original as usize;
        assert_eq!(&text[last..], "3\n");
        // Where the file cannot be read after all, the key is still named.
        let found = refused("a = 1\na = 2\nb = \"open\n");
        assert_eq!(
            found[0],
            (6, "key \"a\" is written twice in this table".into())
        );
        assert!(
            found[1].1.starts_with("this file is not valid TOML"),
            "{found:?}"
        );
    }

    #[test]
    fn syntax_errors_and_deep_nesting_are_refused_at_their_place() {
        let found = refused("a = \"open\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 9);
        assert!(
            found[0].1.starts_with("this file is not valid TOML: "),
            "{found:?}"
        );
        for deep in [
            format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000)),
            format!("[{}]\n", vec!["a"; 1000].join(".")),
            format!("a = {}{}", "{ b = ".repeat(1000), "}".repeat(1000)),
        ] {
            let err = convert(&deep).unwrap_err();
            assert!(
                err[0].message.starts_with("this file is not valid TOML"),
                "{err:?}"
            );
        }
    }

    proptest::proptest! {
        /// Whatever the text, the JSON written parses, and every mark and refusal lies inside
        /// both texts, on a character boundary of the TOML.
        #[test]
        fn any_text_converts_to_json_with_marks_inside_both(
            text in "[ab=.\\[\\]{},'\"#\t\n é0-9:TZ+\\-_]{0,80}"
        ) {
            let refusals = match convert(&text) {
                Ok(converted) => {
                    let parsed = serde_json::from_str::<serde_json::Value>(&converted.json);
                    proptest::prop_assert!(parsed.is_ok(), "{:?}", converted.json);
                    for mark in &converted.marks {
                        proptest::prop_assert!(mark.json as usize <= converted.json.len());
                        proptest::prop_assert!(text.is_char_boundary(mark.original as usize));
                    }
                    for dup in &converted.duplicates {
                        proptest::prop_assert!(text.is_char_boundary(dup.first));
                        proptest::prop_assert!(text.is_char_boundary(dup.second));
                    }
                    converted.refusals
                }
                Err(refusals) => refusals,
            };
            for refusal in refusals {
                proptest::prop_assert!(text.is_char_boundary(refusal.offset), "{refusal:?}");
            }
        }
    }
}
