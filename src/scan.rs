//! Stage 3: find the directives of a chapter.
//!
//! The chapter is parsed with the same pulldown-cmark set-up mdBook renders with, only to learn
//! which bytes are code (spans and blocks) or HTML comments: directives there are left alone.
//! Everywhere else, `<<name …>>` is a directive and `\<<` an escaped, literal `<<`.

use std::ops::Range;

use mdbook_markdown::pulldown_cmark::{Event, Tag};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};

use crate::directive::{self, Directive, ParseError};

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
        parsed: Result<Directive, ParseError>,
        /// Where the directive stands alone on its line: the line's leading whitespace, and the
        /// range of the whole line (without its line break), which block output replaces.
        alone: Option<(String, Range<usize>)>,
    },
}

/// Every directive and escape of `text`, in order.
pub fn scan(text: &str) -> Vec<Found> {
    if !text.contains("<<") {
        return Vec::new();
    }
    let skipped = untouchable_ranges(text);
    let mut skipped = skipped.iter().peekable();
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
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let (range, parsed) = match text[at..line_end].find(">>") {
            Some(close) => (
                at..at + close + 2,
                directive::parse(&text[at + 2..at + close]).map_err(|e| ParseError {
                    offset: e.offset + 2,
                    ..e
                }),
            ),
            None => (
                at..line_end,
                Err(ParseError {
                    offset: 0,
                    message: "this directive is not closed with >> on its line".into(),
                    help: Some(
                        "a directive stands on one line: <<name ...>>; write \\<< for a literal <<"
                            .into(),
                    ),
                }),
            ),
        };
        from = range.end;
        let alone = standalone(text, &range);
        found.push(lines.found_at(text, range, FoundKind::Directive { parsed, alone }));
    }
    found
}

/// Whether the `<<` at `at` follows an odd number of backslashes.
fn is_escaped(text: &str, at: usize) -> bool {
    let backslashes = text[..at].bytes().rev().take_while(|&b| b == b'\\').count();
    backslashes % 2 == 1
}

/// Line numbers counted as the scan moves forward, so that each line break is counted once.
#[derive(Default)]
struct Lines {
    /// A byte offset already counted up to, and how many line breaks come before it.
    offset: usize,
    breaks: usize,
}

impl Lines {
    /// What was found at `range` (which starts after everything found before), with its line
    /// and column.
    fn found_at(&mut self, text: &str, range: Range<usize>, what: FoundKind) -> Found {
        self.breaks += text[self.offset..range.start].matches('\n').count();
        self.offset = range.start;
        let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        Found {
            line: self.breaks + 1,
            column: text[line_start..range.start].chars().count() + 1,
            range,
            what,
        }
    }
}

/// The indentation and line range of a directive alone on its line, else `None`.
fn standalone(text: &str, range: &Range<usize>) -> Option<(String, Range<usize>)> {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let mut line_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    if text[..line_end].ends_with('\r') {
        line_end -= 1;
    }
    let indent = &text[line_start..range.start];
    let rest = &text[range.end..line_end];
    let blank = |s: &str| s.chars().all(|c| c == ' ' || c == '\t');
    (blank(indent) && blank(rest)).then(|| (indent.to_owned(), line_start..line_end))
}

/// Byte ranges where directives are not expanded: code spans, code blocks, HTML comments.
fn untouchable_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for (event, range) in new_cmark_parser(text, &MarkdownOptions::default()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => ranges.push(range),
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
    merged
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
                FoundKind::Directive { parsed, alone } => format!(
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
    fn multi_line_comments_hide_directives() {
        let text = "<!--\n<<wizard>>\n-->\n\n<<recipe>>\n";
        assert_eq!(names(text), ["recipe@5:1 alone"]);
    }
}
