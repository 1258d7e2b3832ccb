//! Stage 3: find the directives of a chapter.
//!
//! The chapter is parsed with the same pulldown-cmark set-up mdBook renders with, only to learn
//! which bytes are code (spans and blocks) or HTML comments: directives there are left alone.
//! Everywhere else, `<<name …>>` is a directive and `\<<` an escaped, literal `<<`. The same
//! pass finds the chapter's own headings (ATX and setext; none inside code, HTML blocks or
//! comments), so each directive knows the heading it stands under ([`Placement`]).

use std::ops::Range;

use mdbook_markdown::pulldown_cmark::{Event, Tag};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};

use crate::book::directive::{self, Directive};
use crate::diag::Problem;

/// Something the scanner found in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The bytes to replace: `<<…>>`, or `\<<` for an escape.
    pub range: Range<usize>,
    /// 1-based line and column (in characters) of the first byte.
    pub line: usize,
    pub column: usize,
    pub what: FoundKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoundKind {
    /// `\<<`: write a literal `<<`.
    Escape,
    /// A directive, or the reason it could not be read.
    Directive {
        parsed: Result<Directive, Problem>,
        /// Where the directive stands alone on its line: the line's leading whitespace, and the
        /// range of the whole line (without its line break), which block output replaces.
        alone: Option<(String, Range<usize>)>,
        /// Where it stands among the chapter's own headings.
        placement: Placement,
    },
}

/// Where a directive stands among the headings of the chapter's own source (never one a
/// directive generates), as mdBook's parser reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Placement {
    /// The level (1 to 6) of the nearest heading before it, if any.
    pub heading_before: Option<u8>,
    /// Whether it stands directly under the chapter's first heading: that heading is the
    /// nearest one before it, and only blank lines (spaces and tabs) lie between the end of
    /// that heading and the start of the directive's line.
    pub under_first_heading: bool,
}

/// A heading of the chapter: its bytes and its level.
struct Heading {
    range: Range<usize>,
    level: u8,
}

/// Every directive and escape of `text`, in order.
pub fn scan(text: &str) -> Vec<Found> {
    if !text.contains("<<") {
        return Vec::new();
    }
    let (skipped, headings) = untouchable_ranges(text);
    let mut skipped = skipped.iter().peekable();
    // The headings before the scan's position: how many, and the last of them.
    let mut headings_before = 0;
    let mut lines = Lines::default();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(relative) = text[from..].find("<<") {
        let at = from + relative;
        // The ranges are sorted and disjoint, and `at` only grows.
        while skipped.next_if(|r| r.end <= at).is_some() {}
        if let Some(range) = skipped.peek().filter(|r| r.start <= at) {
            from = range.end.max(at + 2);
            continue;
        }
        if is_escaped(text, at) {
            found.push(lines.found_at(text, at - 1..at + 2, FoundKind::Escape));
            from = at + 2;
            continue;
        }
        // `a << b` in prose is not a directive: a directive's name starts right after `<<`.
        if !text[at + 2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            from = at + 2;
            continue;
        }
        lines.advance(text, at);
        let line_end = lines.line_end(text);
        let (range, parsed) = match text[at..line_end].find(">>") {
            Some(close) => (
                at..at + close + 2,
                directive::parse(&text[at + 2..at + close]),
            ),
            None => (
                at..line_end,
                Err(Problem::new(
                    "this directive is not closed with >> on its line",
                    Some(
                        "a directive stands on one line: <<name ...>>; write \\<< for a literal <<"
                            .into(),
                    ),
                )),
            ),
        };
        from = range.end;
        let alone = standalone(text, lines.line_start, line_end, &range);
        while headings
            .get(headings_before)
            .is_some_and(|h| h.range.start < at)
        {
            headings_before += 1;
        }
        let placement = placement(text, &headings[..headings_before], lines.line_start);
        let what = FoundKind::Directive {
            parsed,
            alone,
            placement,
        };
        found.push(lines.found_at(text, range, what));
    }
    found
}

/// Where a directive whose line starts at `line_start` stands, the headings `before` it given.
fn placement(text: &str, before: &[Heading], line_start: usize) -> Placement {
    let Some(nearest) = before.last() else {
        return Placement::default();
    };
    let between = text.get(nearest.range.end..line_start).unwrap_or_default();
    Placement {
        heading_before: Some(nearest.level),
        under_first_heading: before.len() == 1 && between.trim_start_matches(is_blank).is_empty(),
    }
}

/// What a blank line may hold.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// Whether the `<<` at `at` follows an odd number of backslashes.
fn is_escaped(text: &str, at: usize) -> bool {
    let backslashes = text[..at].bytes().rev().take_while(|&b| b == b'\\').count();
    backslashes % 2 == 1
}

/// Lines and columns counted as the scan moves forward, so that each byte is looked at once
/// however many directives share a line.
#[derive(Default)]
struct Lines {
    /// A byte offset already counted up to, and how many line breaks come before it.
    offset: usize,
    breaks: usize,
    /// Where the line holding `offset` starts, and `offset`'s column there (in characters, from 0).
    line_start: usize,
    column: usize,
    /// The end of the line holding `offset` (without its line break), once looked for.
    line_end: Option<usize>,
}

impl Lines {
    /// Moves to `at` (which is not before the offset counted up to).
    fn advance(&mut self, text: &str, at: usize) {
        let skipped = &text[self.offset..at];
        match memchr::memrchr(b'\n', skipped.as_bytes()) {
            Some(last) => {
                self.breaks += memchr::memchr_iter(b'\n', skipped.as_bytes()).count();
                self.line_start = self.offset + last + 1;
                self.column = text[self.line_start..at].chars().count();
                self.line_end = None;
            }
            None => self.column += skipped.chars().count(),
        }
        self.offset = at;
    }

    /// The end of the line the scan is on, without its line break (`\n` or `\r\n`).
    fn line_end(&mut self, text: &str) -> usize {
        *self.line_end.get_or_insert_with(|| {
            let end = memchr::memchr(b'\n', &text.as_bytes()[self.offset..])
                .map_or(text.len(), |i| self.offset + i);
            match text[..end].strip_suffix('\r') {
                Some(before) if before.len() >= self.offset => before.len(),
                _ => end,
            }
        })
    }

    /// What was found at `range` (which starts after everything found before), with its line
    /// and column.
    fn found_at(&mut self, text: &str, range: Range<usize>, what: FoundKind) -> Found {
        self.advance(text, range.start);
        Found {
            line: self.breaks + 1,
            column: self.column + 1,
            range,
            what,
        }
    }
}

/// The indentation and line range of a directive alone on its line (which runs from
/// `line_start` to `line_end`, its line break left out), else `None`.
fn standalone(
    text: &str,
    line_start: usize,
    line_end: usize,
    range: &Range<usize>,
) -> Option<(String, Range<usize>)> {
    let indent = &text[line_start..range.start];
    let rest = &text[range.end..line_end];
    let blank = |s: &str| s.chars().all(|c| c == ' ' || c == '\t');
    (blank(indent) && blank(rest)).then(|| (indent.to_owned(), line_start..line_end))
}

/// Byte ranges where directives are not expanded (code spans, code blocks, HTML comments), and
/// the chapter's headings, each in order, from one parse.
fn untouchable_ranges(text: &str) -> (Vec<Range<usize>>, Vec<Heading>) {
    let mut ranges = Vec::new();
    let mut headings = Vec::new();
    for (event, range) in new_cmark_parser(text, &MarkdownOptions::default()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => ranges.push(range),
            Event::Start(Tag::Heading { level, .. }) => headings.push(Heading {
                range,
                level: level as u8,
            }),
            Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) | Event::Html(_) => {
                comments_in(text, range, &mut ranges);
            }
            _ => {}
        }
    }
    ranges.sort_by_key(|r| r.start);
    // One range for each run of overlapping ones (a comment inside an HTML block, say).
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start < last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    (merged, headings)
}

/// The `<!-- … -->` comments inside `range`; an unclosed one runs to the end of the range.
fn comments_in(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut at = range.start;
    while let Some(open) = text[at..range.end].find("<!--") {
        let start = at + open;
        let end = text[start + 4..range.end]
            .find("-->")
            .map_or(range.end, |close| start + 4 + close + 3);
        out.push(start..end);
        at = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        scan(text)
            .into_iter()
            .map(|f| match f.what {
                FoundKind::Escape => format!("escape@{}:{}", f.line, f.column),
                FoundKind::Directive { parsed, alone, .. } => format!(
                    "{}@{}:{}{}",
                    parsed.map(|d| d.name).unwrap_or_else(|e| e.message),
                    f.line,
                    f.column,
                    if alone.is_some() { " alone" } else { "" }
                ),
            })
            .collect()
    }

    #[test]
    fn skips_code_and_comments() {
        let text = "# T\n\n<<wizard>>\n\n`<<count>>` and\n\n```\n<<recipe>>\n```\n\n<!-- <<recipe>> -->\n\n    <<indented-code>>\n\nSo <<count>> here, \\<<literal>> and x << 2.\n";
        assert_eq!(
            names(text),
            ["wizard@3:1 alone", "count@15:4", "escape@15:20"]
        );
    }

    #[test]
    fn keeps_list_indentation_and_reports_unclosed() {
        let text = "- item\n\n  <<tier-table domain=a option=b>>\n\nsee <<count\n";
        let found = scan(text);
        match &found[0].what {
            FoundKind::Directive {
                alone: Some((indent, _)),
                ..
            } => assert_eq!(indent, "  "),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            names(text)[1],
            "this directive is not closed with >> on its line@5:5"
        );
    }

    #[test]
    fn an_unclosed_directive_on_a_crlf_line_ends_before_the_line_break() {
        let text = "Text\r\n<<combination-m\r\nmore\r\n";
        let found = scan(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "<<combination-m");
        match &found[0].what {
            FoundKind::Directive {
                parsed: Err(_),
                alone: Some((indent, line)),
                ..
            } => {
                assert_eq!(indent, "");
                assert_eq!(&text[line.clone()], "<<combination-m");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_directive_knows_the_nearest_heading_of_the_source_before_it() {
        let placements = |text: &str| -> Vec<Placement> {
            (scan(text).into_iter())
                .filter_map(|f| match f.what {
                    FoundKind::Directive { placement, .. } => Some(placement),
                    FoundKind::Escape => None,
                })
                .collect()
        };
        let at = |level, under_first_heading| Placement {
            heading_before: Some(level),
            under_first_heading,
        };
        let text = "<<a>>\n\n```\n# code\n```\n\n<<b>>\n\n# One\r\n\r\n  \n<<c>>\n\n<<d>>\n\nSetext\n---\n<<e>>\n\n<!--\n###### comment\n-->\n<<f>>\n";
        assert_eq!(
            placements(text),
            [
                Placement::default(),
                Placement::default(),
                at(1, true),
                at(1, false),
                at(2, false),
                at(2, false),
            ]
        );
    }

    #[test]
    fn multi_line_comments_hide_directives() {
        let text = "<!--\n<<wizard>>\n-->\n\n<<recipe>>\n";
        assert_eq!(names(text), ["recipe@5:1 alone"]);
    }
}
