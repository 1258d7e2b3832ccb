//! A data file's text, and where each of its values stands in it.
//!
//! serde gives a value but not its place; authors need `file:line:col`. After serde_json has
//! accepted a file, [`SourceFile::new`] walks the same text once and records the position of every
//! key and value by its [`JsonPath`]. The walk also finds keys written twice in one object, which
//! serde_json would silently collapse into the last one.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::data::json_path::{JsonPath, Segment};
use crate::data::shape::{Shape, Shapes};
use crate::data::yaml::Mark;
use crate::diag::{Location, Position};

/// Where a value, and the key that holds it, begin (byte offsets).
#[derive(Debug, Clone, Copy)]
struct Span {
    key: Option<usize>,
    value: usize,
}

/// A key written twice in one object.
#[derive(Debug, Clone)]
pub struct DuplicateKey {
    /// The object holding the key.
    pub object: JsonPath,
    pub key: String,
    pub first: Position,
    pub second: Position,
}

/// One data file: its display name, text and the place of every value in it.
#[derive(Debug)]
pub struct SourceFile {
    /// The path shown in messages, e.g. `patterns-data/domains/payments.json`.
    pub display: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// The place of every value, found only when a message first needs one: data without
    /// problems never pays for it.
    spans: OnceLock<HashMap<JsonPath, Span>>,
    pub duplicate_keys: Vec<DuplicateKey>,
    /// Where a list stands in place of an object, by the data file's schema.
    pub lists_in_place_of_objects: Vec<JsonPath>,
    /// For a file written in another format (YAML, TOML) and converted into `text`: what the author
    /// wrote, where positions are shown and lines quoted from.
    original: Option<Original>,
}

/// The text a converted file was written in, and where each key and value of the JSON stands
/// in it.
#[derive(Debug)]
struct Original {
    text: String,
    line_starts: Vec<usize>,
    /// Sorted by their offset in the JSON text.
    marks: Vec<Mark>,
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Line and column (in characters) of a byte offset of `text`.
fn position_in(text: &str, line_starts: &[usize], offset: usize) -> Position {
    let offset = offset.min(text.len());
    let line = line_starts.partition_point(|&start| start <= offset);
    let start = line_starts[line - 1];
    let column = text
        .get(start..offset)
        .map_or(offset - start, |s| s.chars().count())
        + 1;
    Position { line, column }
}

/// The byte offset in a JSON string literal's `body` (after its opening quote) where byte
/// `decoded` of the string it reads as is written: escapes count as the bytes they stand for.
fn literal_offset(body: &str, decoded: usize) -> usize {
    let bytes = body.as_bytes();
    let (mut at, mut read) = (0, 0);
    while read < decoded && at < bytes.len() && bytes[at] != b'"' {
        if bytes[at] != b'\\' {
            read += 1;
            at += 1;
            continue;
        }
        match bytes.get(at + 1) {
            Some(b'u') => {
                let code = body
                    .get(at + 2..at + 6)
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .unwrap_or(0);
                // A surrogate pair is one character of four bytes, written as two escapes.
                let (length, width) = match code {
                    0xD800..=0xDBFF => (4, 12),
                    _ => (char::from_u32(code).map_or(3, char::len_utf8), 6),
                };
                read += length;
                at += width;
            }
            _ => {
                read += 1;
                at += 2;
            }
        }
    }
    at.min(bytes.len())
}

/// The text of a 1-based line of `text`, without its line break.
fn line_of<'t>(text: &'t str, line_starts: &[usize], line: usize) -> &'t str {
    let Some(&start) = line_starts.get(line.wrapping_sub(1)) else {
        return "";
    };
    let end = line_starts.get(line).map_or(text.len(), |&next| next - 1);
    text.get(start..end).unwrap_or("").trim_end_matches('\r')
}

impl SourceFile {
    /// A position in this file, with the JSON path of the value there (if any).
    pub fn location(&self, position: Position, path: Option<&JsonPath>) -> Location {
        Location {
            file: self.display.clone(),
            position: Some(position),
            path: path.filter(|p| !p.is_root()).map(JsonPath::shown),
            line_text: Some(self.line_text(position.line).to_owned()),
        }
    }

    /// Indexes `text`, which must be JSON that serde_json has accepted. Text that is not gets an
    /// empty index, and every place in it then reads as the start of the file.
    pub fn new(display: String, text: String) -> Self {
        let walked = Walked::over(&text);
        Self::walked(display, text, walked)
    }

    /// The file, from what a walk over its text found (so that the walk may run alongside
    /// other work on the same text).
    pub fn walked(display: String, text: String, walked: Walked) -> Self {
        Self::build(display, text, None, walked)
    }

    /// A file written in another format as `original` and converted into the JSON `text`;
    /// `marks` pair offsets of `text` with those of `original`. Positions are shown, and lines
    /// quoted, from `original`.
    pub fn converted(
        display: String,
        original: String,
        text: String,
        marks: Vec<Mark>,
        walked: Walked,
    ) -> Self {
        let original = Original {
            line_starts: line_starts(&original),
            text: original,
            marks,
        };
        Self::build(display, text, Some(original), walked)
    }

    fn build(display: String, text: String, original: Option<Original>, walked: Walked) -> Self {
        let mut file = SourceFile {
            display,
            line_starts: line_starts(&text),
            text,
            spans: OnceLock::new(),
            duplicate_keys: Vec::new(),
            lists_in_place_of_objects: Vec::new(),
            original,
        };
        file.lists_in_place_of_objects = walked.lists_in_place_of_objects;
        file.duplicate_keys = walked
            .duplicates
            .into_iter()
            .map(|(object, key, first, second)| DuplicateKey {
                object,
                key,
                first: file.position(first),
                second: file.position(second),
            })
            .collect();
        file
    }

    /// The place of every value, walked the first time it is asked for.
    fn spans(&self) -> &HashMap<JsonPath, Span> {
        self.spans.get_or_init(|| {
            let mut walker = Walker::new(self.text.as_bytes(), true, None);
            match walker.walk() {
                Some(()) => walker.spans,
                None => HashMap::new(),
            }
        })
    }

    /// Line and column of a byte offset of `text`, in the text the author wrote.
    pub fn position(&self, offset: usize) -> Position {
        match &self.original {
            None => position_in(&self.text, &self.line_starts, offset),
            Some(original) => {
                let at = original
                    .marks
                    .partition_point(|mark| mark.json as usize <= offset);
                let mark = at
                    .checked_sub(1)
                    .map_or(0, |at| original.marks[at].original);
                position_in(&original.text, &original.line_starts, mark as usize)
            }
        }
    }

    /// Line and column of a byte offset of the text the author wrote (for a converted file,
    /// not of `text`).
    pub fn original_position(&self, offset: usize) -> Position {
        match &self.original {
            None => self.position(offset),
            Some(original) => position_in(&original.text, &original.line_starts, offset),
        }
    }

    /// Whether the file was written in another format than JSON and converted.
    pub fn is_converted(&self) -> bool {
        self.original.is_some()
    }

    /// The value at `path` as the author wrote it, where it was a plain (unquoted) YAML scalar or
    /// a TOML number or boolean.
    pub fn plain_scalar(&self, path: &JsonPath) -> Option<&str> {
        let original = self.original.as_ref()?;
        let offset = self.spans().get(path)?.value;
        let at = original
            .marks
            .binary_search_by_key(&offset, |mark| mark.json as usize)
            .ok()?;
        let mark = original.marks[at];
        if !mark.plain {
            return None;
        }
        let rest = original.text.get(mark.original as usize..)?;
        let end = rest.find(['\n', '\r', ',', ']', '}']).unwrap_or(rest.len());
        let token = &rest[..end];
        let token = token.split(" #").next().unwrap_or(token);
        Some(token.trim())
    }

    /// The position for a 1-based line and byte column (serde_json counts columns in bytes).
    pub fn position_of_byte_column(&self, line: usize, byte_column: usize) -> Position {
        match self.line_starts.get(line.saturating_sub(1)) {
            Some(&start) => self.position(start + byte_column.saturating_sub(1)),
            None => Position { line, column: 1 },
        }
    }

    /// Where the value at `path` begins; a path that is not in the file (a missing key) is
    /// placed at its nearest ancestor that is.
    pub fn value_position(&self, path: &JsonPath) -> Position {
        let mut path = path.clone();
        loop {
            if let Some(span) = self.spans().get(&path) {
                return self.position(span.value);
            }
            match path.parent() {
                Some(parent) => path = parent,
                None => return Position { line: 1, column: 1 },
            }
        }
    }

    /// Where byte `offset` of the string at `path` (as read, escapes decoded) is written: inside
    /// a JSON file's string literal; where the value begins in a file converted from another
    /// format, or where the offset cannot be told.
    pub fn string_position(&self, path: &JsonPath, offset: usize) -> Position {
        let Some(span) = self.spans().get(path) else {
            return self.value_position(path);
        };
        let literal = self.text.get(span.value..).unwrap_or("");
        match (&self.original, literal.strip_prefix('"')) {
            (None, Some(body)) => self.position(span.value + 1 + literal_offset(body, offset)),
            _ => self.position(span.value),
        }
    }

    /// Where the key holding the value at `path` begins, else where the value does.
    pub fn key_position(&self, path: &JsonPath) -> Position {
        match self.spans().get(path).and_then(|span| span.key) {
            Some(key) => self.position(key),
            None => self.value_position(path),
        }
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        match &self.original {
            None => line_of(&self.text, &self.line_starts, line),
            Some(original) => line_of(&original.text, &original.line_starts, line),
        }
    }
}

/// What the walk over a data file's text found: keys written twice (the object, the key, and
/// the byte offsets of both), and lists where objects belong. Nothing where the text is not JSON.
#[derive(Debug, Default)]
pub struct Walked {
    duplicates: Vec<(JsonPath, String, usize, usize)>,
    lists_in_place_of_objects: Vec<JsonPath>,
}

impl Walked {
    pub fn over(text: &str) -> Walked {
        let mut walker = Walker::new(text.as_bytes(), false, Some(Shapes::get()));
        match walker.walk() {
            Some(()) => Walked {
                duplicates: walker.duplicates,
                lists_in_place_of_objects: walker.lists_in_place_of_objects,
            },
            None => Walked::default(),
        }
    }
}

/// A walk over JSON text that serde_json has accepted. It finds keys written twice and, guided
/// by the data file's schema, lists written where objects belong; asked to, it records where
/// every value is. Paths are kept as byte ranges and made into [`JsonPath`]s only when needed.
struct Walker<'a> {
    text: &'a [u8],
    at: usize,
    /// The keys (byte ranges of their literals) and indices from the root to the value at hand.
    path: Vec<Step>,
    record_spans: bool,
    spans: HashMap<JsonPath, Span>,
    shapes: Option<&'static Shapes>,
    duplicates: Vec<(JsonPath, String, usize, usize)>,
    lists_in_place_of_objects: Vec<JsonPath>,
}

#[derive(Clone, Copy)]
enum Step {
    Key(usize, usize),
    Index(usize),
}

/// Objects with more keys than this look for a key written twice in a hash map.
const FEW_KEYS: usize = 16;

/// How deep values may nest before the walk gives up: serde_json's own limit, past which the
/// file is reported as not readable anyway. It keeps the walk's recursion off the stack's end.
const MAX_DEPTH: usize = 128;

impl<'a> Walker<'a> {
    fn new(text: &'a [u8], record_spans: bool, shapes: Option<&'static Shapes>) -> Self {
        Walker {
            text,
            at: 0,
            path: Vec::new(),
            record_spans,
            spans: HashMap::new(),
            shapes,
            duplicates: Vec::new(),
            lists_in_place_of_objects: Vec::new(),
        }
    }

    /// Walks the whole text; `None` where it is not JSON after all.
    fn walk(&mut self) -> Option<()> {
        let root = self.shapes.map(Shapes::root);
        self.value(None, root)
    }

    /// The path of the value at hand.
    fn json_path(&self) -> JsonPath {
        let mut path = JsonPath::root();
        for step in &self.path {
            match *step {
                Step::Key(start, end) => path.push(Segment::Key(self.key(start, end).into_owned())),
                Step::Index(index) => path.push(Segment::Index(index)),
            }
        }
        path
    }

    /// The key whose literal (quotes included) is at `start..end`.
    fn key(&self, start: usize, end: usize) -> Cow<'a, str> {
        let literal = std::str::from_utf8(&self.text[start..end]).unwrap_or_default();
        let inner = &literal[1.min(literal.len())..literal.len().saturating_sub(1)];
        if inner.contains('\\') {
            Cow::Owned(serde_json::from_str(literal).unwrap_or_default())
        } else {
            Cow::Borrowed(inner)
        }
    }

    fn value(&mut self, key: Option<usize>, shape: Option<Shape>) -> Option<()> {
        if self.path.len() > MAX_DEPTH {
            return None;
        }
        self.skip_whitespace();
        if self.record_spans {
            let span = Span {
                key,
                value: self.at,
            };
            self.spans.insert(self.json_path(), span);
        }
        match *self.text.get(self.at)? {
            b'{' => self.object(shape),
            b'[' => self.array(shape),
            b'"' => self.string().map(drop),
            _ => {
                // A number, `true`, `false` or `null`: up to what ends a value. Where nothing
                // is there (`[}`), this is not JSON, and the walk ends rather than loops.
                let start = self.at;
                while self
                    .text
                    .get(self.at)
                    .is_some_and(|b| !matches!(b, b',' | b']' | b'}') && !b.is_ascii_whitespace())
                {
                    self.at += 1;
                }
                (self.at > start).then_some(())
            }
        }
    }

    fn object(&mut self, shape: Option<Shape>) -> Option<()> {
        self.at += 1;
        let mut few: Vec<(Cow<'a, str>, usize)> = Vec::new();
        let mut many: HashMap<Cow<'a, str>, usize> = HashMap::new();
        loop {
            self.skip_whitespace();
            match *self.text.get(self.at)? {
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                b',' => self.at += 1,
                _ => {
                    let key_at = self.at;
                    self.string()?;
                    let key_end = self.at;
                    let key = self.key(key_at, key_end);
                    self.skip_whitespace();
                    self.at += 1; // the colon
                    let first = if many.is_empty() && few.len() < FEW_KEYS {
                        let first = few.iter().find(|(k, _)| *k == key).map(|(_, at)| *at);
                        if first.is_none() {
                            few.push((key.clone(), key_at));
                        }
                        first
                    } else {
                        many.extend(few.drain(..));
                        let first = many.get(&key).copied();
                        many.entry(key.clone()).or_insert(key_at);
                        first
                    };
                    if let Some(first) = first {
                        let object = self.json_path();
                        self.duplicates
                            .push((object, key.clone().into_owned(), first, key_at));
                    }
                    let child = match (self.shapes, shape) {
                        (Some(shapes), Some(shape)) => shapes.property(shape, &key),
                        _ => None,
                    };
                    self.path.push(Step::Key(key_at, key_end));
                    let result = self.value(Some(key_at), child);
                    self.path.pop();
                    result?;
                }
            }
        }
    }

    fn array(&mut self, shape: Option<Shape>) -> Option<()> {
        let mut items = None;
        if let (Some(shapes), Some(shape)) = (self.shapes, shape) {
            if shapes.refuses_list(shape) {
                self.lists_in_place_of_objects.push(self.json_path());
            } else {
                items = shapes.item(shape);
            }
        }
        self.at += 1;
        let mut index = 0;
        loop {
            self.skip_whitespace();
            match *self.text.get(self.at)? {
                b']' => {
                    self.at += 1;
                    return Some(());
                }
                b',' => self.at += 1,
                _ => {
                    self.path.push(Step::Index(index));
                    let result = self.value(None, items);
                    self.path.pop();
                    result?;
                    index += 1;
                }
            }
        }
    }

    /// Steps over a string literal.
    /// Skips the string that starts at `at`; `None` where none does, or it is not closed.
    fn string(&mut self) -> Option<()> {
        if self.text.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        loop {
            let rest = self.text.get(self.at..)?;
            self.at += memchr::memchr2(b'"', b'\\', rest)?;
            match self.text[self.at] {
                b'\\' => self.at += 2,
                _ => break,
            }
        }
        self.at += 1;
        Some(())
    }

    fn skip_whitespace(&mut self) {
        while self
            .text
            .get(self.at)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("t.json".into(), text.into())
    }

    #[test]
    fn finds_values_and_keys_by_path() {
        let f = file("{\n  \"a\": [1, {\"b\": \"x\\\"y\"}],\n  \"é\": {\"c\": null}\n}");
        let b = JsonPath::root().key("a").index(1).key("b");
        assert_eq!(
            f.value_position(&b),
            Position {
                line: 2,
                column: 18
            }
        );
        assert_eq!(
            f.key_position(&b),
            Position {
                line: 2,
                column: 13
            }
        );
        let c = JsonPath::root().key("é").key("c");
        assert_eq!(f.key_position(&c), Position { line: 3, column: 9 });
        // A missing key is placed at the object that should hold it.
        let missing = JsonPath::root().key("é").key("d");
        assert_eq!(f.value_position(&missing), Position { line: 3, column: 8 });
    }

    /// A byte of a string, as read, is placed where it is written: escapes (`\n`, `\"`, `\u00e9`
    /// and a surrogate pair for one character of four bytes) take the bytes they stand for.
    #[test]
    fn places_a_byte_inside_a_string() {
        let text = "{\"s\": \"a\\n\\\"\\u00e9\\ud83d\\ude00é[x]\"}";
        let f = file(text);
        let s = JsonPath::root().key("s");
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let read = value["s"].as_str().unwrap();
        let at = |needle: &str| f.string_position(&s, read.find(needle).unwrap()).column;
        assert_eq!(read, "a\n\"é😀é[x]");
        assert_eq!(at("a"), 8);
        assert_eq!(at("\n"), 9);
        assert_eq!(at("\""), 11);
        assert_eq!(at("é"), 13);
        assert_eq!(at("😀"), 19);
        assert_eq!(at("é["), 31);
        assert_eq!(at("[x]"), 32);
        // Past the end: the closing quote.
        assert_eq!(f.string_position(&s, 1000).column, 35);
    }

    #[test]
    fn reports_duplicate_keys() {
        let f = file("{\"a\": 1,\n \"a\": 2}");
        assert_eq!(f.duplicate_keys.len(), 1);
        let dup = &f.duplicate_keys[0];
        assert_eq!(dup.key, "a");
        assert_eq!(dup.first, Position { line: 1, column: 2 });
        assert_eq!(dup.second, Position { line: 2, column: 2 });
    }

    /// Found by fuzzing: a key without its opening quote was cut inside its first character,
    /// a `}` where a list's item belongs was stepped over forever, and lists nested a million
    /// deep ran the walk off its stack.
    #[test]
    fn text_that_is_not_json_is_walked_without_panicking() {
        for text in [
            "{é\": 1}",
            "{\u{fffd}  \"a\": 1}",
            "{x",
            "[{\"a\": {é",
            "{\"a\"",
            "{\"\\",
        ] {
            let f = file(text);
            assert!(f.duplicate_keys.is_empty(), "{text}");
            assert_eq!(f.value_position(&JsonPath::root().key("a")).line, 1);
        }
    }

    #[test]
    fn line_text_strips_line_breaks() {
        let f = file("{\r\n\"a\": 1\r\n}");
        assert_eq!(f.line_text(2), "\"a\": 1");
        assert_eq!(f.line_text(9), "");
    }
}
