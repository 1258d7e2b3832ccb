//! A YAML data file, converted into the JSON text the loader reads, with a table of where each
//! key and value of that JSON was written in the YAML (see `docs/data-formats.md`).
//!
//! saphyr-parser gives events with line and column (in characters); the converter writes one
//! key or list item per line of compact JSON and, for every key and value it writes, a [`Mark`]
//! pairing its offset in the JSON with its byte offset in the YAML. What the loader cannot take
//! as the author meant it is refused here: anchors, aliases, merge keys, tags, a second
//! document, a `%YAML` version other than 1.2, and plain scalars that YAML 1.1 reads otherwise.

use std::fmt::Write as _;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};

use crate::data::json_path::{JsonPath, Segment};

/// Where a key or value written into the JSON text stands in the YAML text (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub json: u32,
    pub original: u32,
    /// Whether the value was a plain (unquoted) scalar there.
    pub plain: bool,
}

/// What the author must change, at a byte offset of the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub offset: usize,
    /// The JSON path of the value refused, where it has one.
    pub path: Option<JsonPath>,
    pub message: String,
    pub help: String,
}

/// A YAML (or TOML) file as JSON text, the marks from it back to the YAML, and what was refused
/// in it without leaving it unread (tags, plain scalars YAML 1.1 reads otherwise: taken as text).
#[derive(Debug, Default)]
pub struct Converted {
    pub json: String,
    pub marks: Vec<Mark>,
    pub refusals: Vec<Refusal>,
    /// Keys written twice that the JSON does not show, its parser having stopped at them (TOML):
    /// each second place is left out of the JSON. YAML's arrive in the JSON twice.
    pub duplicates: Vec<Duplicate>,
}

/// A key written twice in one table, at byte offsets of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The table (object) holding the key.
    pub object: JsonPath,
    pub key: String,
    pub first: usize,
    pub second: usize,
}

/// How deep lists and mappings may nest: as in a JSON data file.
const MAX_DEPTH: usize = 128;

/// Converts the YAML `text` (without a byte order mark). `Err` holds every refusal met, in text
/// order, where what the file holds cannot be read: its syntax, an anchor, an alias, a second
/// document, a mapping as a key, or no data at all.
pub fn convert(text: &str) -> Result<Converted, Vec<Refusal>> {
    let mut converter = Converter {
        text,
        cursor: Cursor::default(),
        out: Converted::default(),
        frames: Vec::new(),
        fatal: false,
        documents: 0,
        has_root: false,
    };
    converter.directives();
    for event in Parser::new_from_str(text) {
        match event {
            Ok((event, span)) => {
                if !converter.event(event, span) {
                    break;
                }
            }
            Err(err) => {
                converter.syntax_error(&err);
                break;
            }
        }
    }
    if !converter.fatal && !converter.has_root {
        converter.fatal = true;
        converter.out.refusals.push(Refusal {
            offset: 0,
            path: None,
            message: "this file holds no data".into(),
            help: "write the file's mapping, e.g. `schema_version: \"1.0\"`".into(),
        });
    }
    if converter.fatal {
        converter.out.refusals.sort_by_key(|r| r.offset);
        Err(converter.out.refusals)
    } else {
        Ok(converter.out)
    }
}

struct Converter<'a> {
    text: &'a str,
    cursor: Cursor,
    out: Converted,
    frames: Vec<Frame>,
    fatal: bool,
    documents: usize,
    has_root: bool,
}

enum Frame {
    /// `key` is the last key written in the mapping.
    Mapping {
        first: bool,
        at_key: bool,
        key: String,
    },
    /// `count` is the number of items begun.
    Sequence { count: usize },
}

/// A place in the YAML text, moved forward as events arrive so that turning a line and a
/// column in characters into a byte offset costs little.
#[derive(Default)]
struct Cursor {
    line: usize,
    line_start: usize,
    column: usize,
    byte: usize,
}

impl Converter<'_> {
    /// The byte offset of a marker's line (1-based) and column (0-based, in characters).
    fn offset(&mut self, line: usize, column: usize) -> usize {
        let text = self.text.as_bytes();
        let cursor = &mut self.cursor;
        if cursor.line == 0 {
            cursor.line = 1;
        }
        if line < cursor.line {
            // Not expected (events come in text order); start again from the top.
            *cursor = Cursor {
                line: 1,
                ..Cursor::default()
            };
        }
        while cursor.line < line {
            match memchr::memchr(b'\n', &text[cursor.line_start..]) {
                Some(at) => {
                    cursor.line_start += at + 1;
                    cursor.line += 1;
                    cursor.column = 0;
                    cursor.byte = cursor.line_start;
                }
                None => return text.len(),
            }
        }
        if column < cursor.column {
            cursor.column = 0;
            cursor.byte = cursor.line_start;
        }
        let rest = &self.text[cursor.byte..];
        let mut chars = rest.char_indices();
        while cursor.column < column {
            match chars.next() {
                Some((_, c)) if c != '\n' => {
                    cursor.column += 1;
                    cursor.byte += c.len_utf8();
                }
                _ => break,
            }
        }
        cursor.byte
    }

    fn at(&mut self, span: &Span) -> usize {
        self.offset(span.start.line(), span.start.col())
    }

    /// The path of the node about to be written (or, where a key is due, of its mapping).
    fn path(&self) -> JsonPath {
        let mut path = JsonPath::root();
        let innermost = self.frames.len().saturating_sub(1);
        for (n, frame) in self.frames.iter().enumerate() {
            match frame {
                Frame::Mapping { at_key, key, .. } if n < innermost || !at_key => {
                    path.push(Segment::Key(key.clone()));
                }
                Frame::Mapping { .. } => {}
                // An item open further out was counted when it began.
                Frame::Sequence { count } if n < innermost => {
                    path.push(Segment::Index(count.saturating_sub(1)));
                }
                Frame::Sequence { count } => path.push(Segment::Index(*count)),
            }
        }
        path
    }

    /// Refuses what stands at `offset` in the file as a whole (its syntax, a second document).
    fn refuse_file(&mut self, offset: usize, message: String, help: &str) {
        self.refuse(offset, message, help, true);
        if let Some(last) = self.out.refusals.last_mut() {
            last.path = None;
        }
    }

    fn refuse(&mut self, offset: usize, message: String, help: &str, fatal: bool) {
        self.fatal |= fatal;
        let path = Some(self.path());
        self.out.refusals.push(Refusal {
            offset,
            path,
            message,
            help: help.to_owned(),
        });
    }

    /// `%YAML` directives are not among the parser's events: they are looked for in the lines
    /// before the first document.
    fn directives(&mut self) {
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            let trimmed = line.trim_end();
            if trimmed.starts_with("---")
                || !(trimmed.starts_with('%') || trimmed.starts_with('#') || trimmed.is_empty())
            {
                break;
            }
            if let Some(rest) = trimmed.strip_prefix("%YAML") {
                let version = rest.split('#').next().unwrap_or("").trim();
                if version != "1.2" {
                    self.refuse(
                        offset,
                        format!(
                            "this file asks for YAML {version}; data files are read as YAML 1.2"
                        ),
                        "remove the `%YAML` line",
                        false,
                    );
                }
            }
            offset += line.len();
        }
    }

    fn syntax_error(&mut self, err: &ScanError) {
        let marker = err.marker();
        let offset = self.offset(marker.line(), marker.col());
        if err.info().contains("unknown anchor") {
            // An alias of no anchor: refused as any alias is.
            self.alias(offset);
            return;
        }
        let help = if err.info() == "recursion limit exceeded" {
            "nest lists and mappings at most 128 deep"
        } else {
            "fix the YAML syntax here; indent with spaces, and quote text that holds `: ` or ` #`"
        };
        self.refuse_file(
            offset,
            format!("this file is not valid YAML: {}", err.info()),
            help,
        );
    }

    fn alias(&mut self, offset: usize) {
        let name = self.name_at(offset, '*');
        self.refuse(
            offset,
            format!("YAML aliases (`{name}`) are not read in data files"),
            "write the value out in full here",
            true,
        );
    }

    /// The name written at `offset` after `sigil` (`&base`, `*base`), for messages.
    fn name_at(&self, offset: usize, sigil: char) -> String {
        let rest = &self.text[offset..];
        let rest = match rest.find(sigil) {
            Some(at) if !rest[..at].contains('\n') => &rest[at..],
            _ => return sigil.to_string(),
        };
        rest.chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '{' | '}'))
            .take(40)
            .collect()
    }

    /// Handles one event; `false` where the rest of the file is not to be read.
    fn event(&mut self, event: Event<'_>, span: Span) -> bool {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    let offset = self.at(&span);
                    self.refuse_file(
                        offset,
                        "a second YAML document; a data file holds one".into(),
                        "move it into a file of its own, or remove the `---` line",
                    );
                    return false;
                }
                true
            }
            Event::Alias(_) => {
                let offset = self.at(&span);
                self.alias(offset);
                // Stands for a value all the same, so the rest of the file is checked.
                self.node(offset, false, false, |json| json.push_str("null"))
            }
            Event::Scalar(value, style, anchor, tag) => {
                let offset = self.at(&span);
                self.anchor(offset, anchor);
                if tag.is_some() {
                    self.tag(offset);
                }
                if self.at_key() {
                    return self.key(offset, &value, style);
                }
                let plain = style == ScalarStyle::Plain && tag.is_none();
                let typed = if plain {
                    self.plain(offset, &value)
                } else {
                    None
                };
                // An empty value is null, but there is nothing written to quote.
                let quotable = plain && !value.is_empty();
                self.node(offset, quotable, false, |json| match typed {
                    Some(typed) => json.push_str(&typed),
                    None => write_string(json, &value),
                })
            }
            Event::SequenceStart(anchor, tag) => self.open(&span, anchor, tag.is_some(), false),
            Event::MappingStart(anchor, tag) => self.open(&span, anchor, tag.is_some(), true),
            Event::SequenceEnd | Event::MappingEnd => {
                let mapping = matches!(self.frames.pop(), Some(Frame::Mapping { .. }));
                self.out.json.push(if mapping { '}' } else { ']' });
                self.after_value();
                true
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => true,
        }
    }

    /// A list or mapping begins.
    fn open(&mut self, span: &Span, anchor: usize, tagged: bool, mapping: bool) -> bool {
        let offset = self.at(span);
        self.anchor(offset, anchor);
        if tagged {
            self.tag(offset);
        }
        if self.at_key() {
            self.refuse(
                offset,
                "a key must be text".into(),
                "write the key as text",
                true,
            );
            return false;
        }
        if self.frames.len() >= MAX_DEPTH {
            self.refuse(
                offset,
                "this file is not valid YAML: recursion limit exceeded".into(),
                "nest lists and mappings at most 128 deep",
                true,
            );
            return false;
        }
        let go_on = self.node(offset, false, true, |json| {
            json.push(if mapping { '{' } else { '[' })
        });
        // `node` counted the value as written; it is written once it is closed.
        self.frames.push(if mapping {
            Frame::Mapping {
                first: true,
                at_key: true,
                key: String::new(),
            }
        } else {
            Frame::Sequence { count: 0 }
        });
        go_on
    }

    fn anchor(&mut self, offset: usize, anchor: usize) {
        if anchor != 0 {
            let name = self.name_at(offset, '&');
            self.refuse(
                offset,
                format!("YAML anchors (`{name}`) are not read in data files"),
                "write the value out in full where it is used",
                true,
            );
        }
    }

    fn tag(&mut self, offset: usize) {
        let tag_at = match self.text[offset..].find('!') {
            Some(at) if !self.text[offset..offset + at].contains('\n') => offset + at,
            _ => offset,
        };
        let name: String = self.text[tag_at..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '{' | '}'))
            .take(40)
            .collect();
        self.refuse(
            tag_at,
            format!("YAML tags (`{name}`) are not read in data files"),
            "remove the tag; to make a value text, quote it: `\"1.1\"`",
            false,
        );
    }

    /// Whether the next node is a mapping's key.
    fn at_key(&self) -> bool {
        matches!(
            self.frames.last(),
            Some(Frame::Mapping { at_key: true, .. })
        )
    }

    /// Writes a mapping's key.
    fn key(&mut self, offset: usize, key: &str, style: ScalarStyle) -> bool {
        if key == "<<" && style == ScalarStyle::Plain {
            self.refuse(
                offset,
                "YAML merge keys (`<<`) are not read in data files".into(),
                "write the keys out in this mapping",
                true,
            );
        }
        if let Some(Frame::Mapping {
            first,
            at_key,
            key: last,
        }) = self.frames.last_mut()
        {
            if !*first {
                self.out.json.push(',');
            }
            *first = false;
            *at_key = false;
            key.clone_into(last);
        }
        // A key is always text here, but a YAML 1.1 tool reads `yes:` as the key true.
        if style == ScalarStyle::Plain
            && let Some((message, _)) = yaml_1_1_only(key)
        {
            let help = format!("quote it: `\"{key}\"`");
            let message = message.replacen("unquoted `", "the unquoted key `", 1);
            self.refuse(offset, message, &help, false);
        }
        self.out.json.push('\n');
        self.mark(offset, false);
        write_string(&mut self.out.json, key);
        self.out.json.push(':');
        true
    }

    /// Writes a value (the root, a mapping's value or a list's item) with `write`.
    fn node(
        &mut self,
        offset: usize,
        plain: bool,
        container: bool,
        write: impl FnOnce(&mut String),
    ) -> bool {
        match self.frames.last_mut() {
            Some(Frame::Sequence { count }) => {
                if *count > 0 {
                    self.out.json.push(',');
                }
                *count += 1;
                self.out.json.push('\n');
            }
            Some(Frame::Mapping { .. }) => {}
            None => {
                if self.has_root {
                    return false;
                }
                self.has_root = true;
            }
        }
        self.mark(offset, plain);
        write(&mut self.out.json);
        if !container {
            self.after_value();
        }
        true
    }

    /// A mapping's value has been written: its next node is a key.
    fn after_value(&mut self) {
        if let Some(Frame::Mapping { at_key, .. }) = self.frames.last_mut() {
            *at_key = true;
        }
    }

    fn mark(&mut self, original: usize, plain: bool) {
        self.out.marks.push(Mark {
            json: u32::try_from(self.out.json.len()).unwrap_or(u32::MAX),
            original: u32::try_from(original).unwrap_or(u32::MAX),
            plain,
        });
    }

    /// The JSON for a plain scalar by the YAML 1.2 core schema, `None` where it is text; a
    /// scalar YAML 1.1 reads otherwise is refused (and taken as text).
    fn plain(&mut self, offset: usize, value: &str) -> Option<String> {
        if let Some((message, help)) = yaml_1_1_only(value) {
            self.refuse(offset, message, &help, false);
            return None;
        }
        let typed = core_schema(value)?;
        // A number past f64's range (`1e999`) is no JSON number serde_json reads.
        let number = typed.parse::<f64>().ok();
        if number.is_some_and(|n| !n.is_finite()) {
            self.refuse(
                offset,
                format!("unquoted `{value}` is a number a data file cannot hold"),
                &format!("quote it if it is text: `\"{value}\"`"),
                false,
            );
            return None;
        }
        Some(typed)
    }
}

/// The JSON a plain scalar stands for by the YAML 1.2 core schema; `None` for text.
fn core_schema(value: &str) -> Option<String> {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Some("null".into()),
        "true" | "True" | "TRUE" => return Some("true".into()),
        "false" | "False" | "FALSE" => return Some("false".into()),
        _ => {}
    }
    if let Some(digits) = value.strip_prefix("0o") {
        return u64::from_str_radix(digits, 8).ok().map(|n| n.to_string());
    }
    if let Some(digits) = value.strip_prefix("0x") {
        return u64::from_str_radix(digits, 16).ok().map(|n| n.to_string());
    }
    if !is_core_number(value) {
        return None;
    }
    if is_json_number(value) {
        return Some(value.to_owned());
    }
    // `+1`, `.5`, `1.`, `01.5`: numbers in YAML, not in JSON as written.
    let number: f64 = value.parse().ok()?;
    if !number.is_finite() {
        return None;
    }
    if !value.contains(['.', 'e', 'E']) {
        return value
            .trim_start_matches('+')
            .parse::<i64>()
            .ok()
            .map(|n| n.to_string());
    }
    serde_json::Number::from_f64(number).map(|n| n.to_string())
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_core_number(value: &str) -> bool {
    let s = value.strip_prefix(['-', '+']).unwrap_or(value).as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while s.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let whole = digits(&mut i);
    let mut fraction = 0;
    if s.get(i) == Some(&b'.') {
        i += 1;
        fraction = digits(&mut i);
    }
    if whole == 0 && fraction == 0 {
        return false;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == s.len()
}

/// `-? ( 0 | [1-9][0-9]* ) ( \. [0-9]+ )? ( [eE] [-+]? [0-9]+ )?`
pub fn is_json_number(value: &str) -> bool {
    let s = value.strip_prefix('-').unwrap_or(value);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(at) => (&s[..at], Some(&s[at + 1..])),
        None => (s, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole)
        && (whole == "0" || !whole.starts_with('0'))
        && fraction.is_none_or(all_digits)
        && exponent.is_none_or(|e| all_digits(e.strip_prefix(['-', '+']).unwrap_or(e)))
}

/// A plain scalar that YAML 1.1 reads otherwise than YAML 1.2: its message and help.
fn yaml_1_1_only(value: &str) -> Option<(String, String)> {
    let boolean = match value {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => Some("true"),
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => Some("false"),
        _ => None,
    };
    if let Some(boolean) = boolean {
        return Some((
            format!("unquoted `{value}` is text in YAML 1.2 but {boolean} in YAML 1.1"),
            format!(
                "quote it if it is text: `\"{value}\"`; write `true` or `false` if it is a yes/no"
            ),
        ));
    }
    if matches!(
        value.strip_prefix(['-', '+']).unwrap_or(value),
        ".inf" | ".Inf" | ".INF"
    ) || matches!(value, ".nan" | ".NaN" | ".NAN")
    {
        return Some((
            format!("unquoted `{value}` is a number a data file cannot hold"),
            format!("quote it if it is text: `\"{value}\"`"),
        ));
    }
    let unsigned = value.strip_prefix(['-', '+']).unwrap_or(value);
    let numeric = |t: &str| {
        t.starts_with(|c: char| c.is_ascii_digit())
            && t.bytes()
                .all(|b| b.is_ascii_digit() || b == b'_' || b == b'.')
    };
    let octal = unsigned.len() > 1
        && unsigned.starts_with('0')
        && unsigned.bytes().all(|b| b.is_ascii_digit());
    let binary = unsigned
        .strip_prefix("0b")
        .is_some_and(|b| !b.is_empty() && b.bytes().all(|b| matches!(b, b'0' | b'1' | b'_')));
    let underscored = unsigned.contains('_') && numeric(unsigned);
    let sexagesimal = unsigned.contains(':') && {
        let mut parts = unsigned.split(':');
        let first = parts.next().unwrap_or("");
        numeric(first)
            && !first.contains('.')
            && parts.clone().count() > 0
            && parts.enumerate().all(|(i, part)| {
                let (digits, fraction) = part.split_once('.').unwrap_or((part, ""));
                let last = i + 1 == unsigned.matches(':').count();
                (1..=2).contains(&digits.len())
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && digits.parse::<u8>().is_ok_and(|n| n < 60)
                    && (fraction.is_empty()
                        || (last && fraction.bytes().all(|b| b.is_ascii_digit() || b == b'_')))
            })
    };
    if octal || binary || underscored || sexagesimal {
        return Some((
            format!("unquoted `{value}` is read differently by YAML 1.1 tools"),
            format!(
                "quote it if it is text: `\"{value}\"`; write a plain decimal number if it is one"
            ),
        ));
    }
    None
}

/// Writes `text` as a JSON string.
pub fn write_string(json: &mut String, text: &str) {
    json.push('"');
    for c in text.chars() {
        match c {
            '"' => json.push_str("\\\""),
            '\\' => json.push_str("\\\\"),
            '\n' => json.push_str("\\n"),
            '\r' => json.push_str("\\r"),
            '\t' => json.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(json, "\\u{:04x}", c as u32);
            }
            c => json.push(c),
        }
    }
    json.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(yaml: &str) -> String {
        let converted = convert(yaml).expect("converted");
        assert!(converted.refusals.is_empty(), "{:?}", converted.refusals);
        serde_json::from_str::<serde_json::Value>(&converted.json)
            .expect("the JSON written parses")
            .to_string()
    }

    fn refused(yaml: &str) -> Vec<(usize, String)> {
        let refusals = match convert(yaml) {
            Ok(converted) => converted.refusals,
            Err(refusals) => refusals,
        };
        refusals
            .into_iter()
            .map(|r| (r.offset, r.message))
            .collect()
    }

    #[test]
    fn plain_scalars_are_typed_by_the_core_schema() {
        assert_eq!(
            json(
                "a: ~\nb: NULL\nc:\nd: True\ne: false\nf: 12\ng: -1.5e3\nh: 0x1F\ni: 0o17\nj: +3\nk: .5\nl: 2024-05-01\nm: text with:colon\n"
            ),
            r#"{"a":null,"b":null,"c":null,"d":true,"e":false,"f":12,"g":-1500.0,"h":31,"i":15,"j":3,"k":0.5,"l":"2024-05-01","m":"text with:colon"}"#
        );
        // Quoted and block scalars are text; keys are text whatever they look like.
        assert_eq!(
            json("'1': \"true\"\nnull: '12'\nt: |\n  two\n  lines\n"),
            r#"{"1":"true","null":"12","t":"two\nlines\n"}"#
        );
        let converted = convert("a:\nb: x\n").unwrap();
        assert_eq!(converted.json, "{\n\"a\":null,\n\"b\":\"x\"}");
        assert_eq!(converted.marks.iter().filter(|m| m.plain).count(), 1);
        // A number is written as the author wrote it where JSON allows it.
        let converted = convert("v: 1.10\n").unwrap();
        assert!(converted.json.contains("1.10"), "{}", converted.json);
    }

    #[test]
    fn lists_mappings_and_escapes_convert() {
        assert_eq!(
            json("- [1, \"a\\\"b\\\\c\", {k: v}]\n- {}\n- []\n- \"tab\\there\"\n"),
            r#"[[1,"a\"b\\c",{"k":"v"}],{},[],"tab\there"]"#
        );
    }

    #[test]
    fn marks_point_at_keys_and_values_in_the_yaml() {
        let text = "# é\nname: \"Cache – é\"\nlist:\n  - x\n";
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
                "name: \"Cache – é\"",
                "name: \"Cache – é\"",
                "\"Cache – é\"",
                "list:",
                "- x",
                "x"
            ]
        );
        // Marks are in the JSON's order, each at a key or value there.
        for pair in converted.marks.windows(2) {
            assert!(pair[0].json <= pair[1].json);
        }
        for mark in &converted.marks {
            let at = &converted.json[mark.json as usize..];
            assert!(at.starts_with(['"', '{', '[']), "{at}");
        }
        let plain: Vec<bool> = converted.marks.iter().map(|m| m.plain).collect();
        assert_eq!(plain, [false, false, false, false, false, true]);
    }

    #[test]
    fn anchors_aliases_merge_keys_and_second_documents_leave_the_file_unread() {
        for (text, at, message) in [
            (
                "a: &x 1\nb: *x\n",
                3,
                "YAML anchors (`&x`) are not read in data files",
            ),
            (
                "a: 1\nb: *x\n",
                8,
                "YAML aliases (`*x`) are not read in data files",
            ),
            (
                "a:\n  <<: {b: 1}\n",
                5,
                "YAML merge keys (`<<`) are not read in data files",
            ),
            (
                "a: 1\n---\nb: 2\n",
                5,
                "a second YAML document; a data file holds one",
            ),
            ("? [a]\n: 1\n", 2, "a key must be text"),
            ("# only a comment\n", 0, "this file holds no data"),
            ("a: \"open\n", 3, ""),
        ] {
            let refusals = convert(text).expect_err(text);
            let first = &refusals[0];
            assert_eq!(first.offset, at, "{text}");
            assert!(
                first.message.starts_with(message),
                "{text}: {}",
                first.message
            );
        }
        let refusals = convert("a: &x 1\nb: *x\n").unwrap_err();
        let offsets: Vec<usize> = refusals.iter().map(|r| r.offset).collect();
        assert_eq!(offsets, [3, 11], "{refusals:?}");
    }

    #[test]
    fn yaml_1_1_scalars_tags_and_versions_are_refused_and_read_as_text() {
        for (text, message) in [
            (
                "a: yes\n",
                "unquoted `yes` is text in YAML 1.2 but true in YAML 1.1",
            ),
            (
                "a: Off\n",
                "unquoted `Off` is text in YAML 1.2 but false in YAML 1.1",
            ),
            (
                "a: 0777\n",
                "unquoted `0777` is read differently by YAML 1.1 tools",
            ),
            (
                "a: 0b101\n",
                "unquoted `0b101` is read differently by YAML 1.1 tools",
            ),
            (
                "a: 1_000\n",
                "unquoted `1_000` is read differently by YAML 1.1 tools",
            ),
            (
                "a: 1:30\n",
                "unquoted `1:30` is read differently by YAML 1.1 tools",
            ),
            (
                "a: .inf\n",
                "unquoted `.inf` is a number a data file cannot hold",
            ),
            // Found by fuzzing: written as is, the JSON did not parse.
            (
                "a: 99999E9999999999999999\n",
                "unquoted `99999E9999999999999999` is a number a data file cannot hold",
            ),
            (
                "a: -1e999\n",
                "unquoted `-1e999` is a number a data file cannot hold",
            ),
            (
                "a: !!str 1.1\n",
                "YAML tags (`!!str`) are not read in data files",
            ),
            (
                "%YAML 1.1\n---\na: b\n",
                "this file asks for YAML 1.1; data files are read as YAML 1.2",
            ),
        ] {
            assert_eq!(
                refused(text).first().map(|r| r.1.as_str()),
                Some(message),
                "{text}"
            );
            let converted = convert(text).expect(text);
            let value: serde_json::Value = serde_json::from_str(&converted.json).unwrap();
            assert!(value["a"].is_string(), "{text}: {value}");
        }
        assert_eq!(refused("a: !!str 1.1\n")[0].0, 3);
        assert!(refused("%YAML 1.2\n---\na: b\n").is_empty());
        assert!(refused("'yes': \"yes\"\nb: 'on'\n").is_empty());
    }

    #[test]
    fn refusals_name_the_path_of_their_value() {
        let text = "a:\n  - x\n  - {b: yes, c: [1, !!str 2]}\nd: &e 1\n";
        let paths: Vec<String> = match convert(text) {
            Ok(converted) => converted.refusals,
            Err(refusals) => refusals,
        }
        .into_iter()
        .map(|r| r.path.map(|p| p.to_string()).unwrap_or_default())
        .collect();
        assert_eq!(paths, ["a[1].b", "a[1].c[1]", "d"]);
    }

    #[test]
    fn nesting_is_limited() {
        let deep = "[".repeat(100_000);
        assert!(convert(&deep).is_err());
        let mut block = String::new();
        for depth in 0..200 {
            block.push_str(&" ".repeat(depth));
            block.push_str("- \n");
        }
        let refusals = convert(&block).unwrap_err();
        assert!(
            refusals[0].message.contains("recursion limit"),
            "{refusals:?}"
        );
        let fine = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        assert!(convert(&fine).is_ok());
    }

    proptest::proptest! {
        /// Whatever the text, the JSON written parses, and every mark and refusal lies inside
        /// both texts, on a character boundary of the YAML.
        #[test]
        fn any_text_converts_to_json_with_marks_inside_both(
            text in "[ab:\\-\\[\\]{},'\"&*!#|>%\t\n é0-9.~?]{0,80}"
        ) {
            let refusals = match convert(&text) {
                Ok(converted) => {
                    let parsed = serde_json::from_str::<serde_json::Value>(&converted.json);
                    proptest::prop_assert!(parsed.is_ok(), "{:?}", converted.json);
                    for mark in &converted.marks {
                        proptest::prop_assert!(mark.json as usize <= converted.json.len());
                        proptest::prop_assert!(text.is_char_boundary(mark.original as usize));
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
