//! The inline Markdown of a data text field (`summary`, `why`, `note`, …): parsed once, then
//! written for each place it lands — Markdown for mdBook, HTML for raw-HTML places and the
//! wizard's result, plain text for diagram labels, SVG titles and alternative texts — and the
//! problems `validate` reports.
//!
//! A field takes emphasis, strong emphasis, code and links to http, https and mailto addresses.
//! Raw HTML shows as text; a line break reads as a space. A blank line, a block construct
//! (heading, list, block quote, code block, rule), an image, a reference link or a link to any
//! other address is a problem; a field with a problem is written as the literal text it holds,
//! so that not even `on-failure = "continue"` puts a forbidden link on a page.
//!
//! Every literal run is escaped where it lands (`escape::text`, `escape::html`), every address
//! percent-encoded (`link::external_href`): what this writes starts no markup the field did not
//! ask for, and leaves nothing for mdBook's `links` preprocessor.

use std::ops::Range;

use mdbook_markdown::pulldown_cmark::{
    BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd,
};

use crate::diag::Problem;
use crate::text::escape;
use crate::text::link::external_href;
use crate::text::untrusted::{holds_mdbook_link, unsafe_url};

/// A text field's inline Markdown, parsed: literal text, code and the marks around them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline {
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Code(String),
    Open(Mark),
    Close(Mark),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Mark {
    Emphasis,
    Strong,
    /// A checked http, https or mailto address.
    Link(String),
}

/// What a text field may not hold, where in the field (a byte range of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub at: Range<usize>,
    pub problem: Problem,
}

/// The forms of link a text field may hold, for the help of every link problem.
const LINK_FORMS: &str = "a link in a text field is written [text](https://…), [text](http://…) or [text](mailto:…), or <https://…>; a relative link would land in many chapters and be right in none";

impl Inline {
    /// The field `source` parsed, with its problems. A field with a problem is one literal text.
    pub fn parse(source: &str) -> (Inline, Vec<Fault>) {
        if is_plain(source) {
            // Most fields hold no Markdown at all: they read as themselves, without a parse.
            return (Inline::literal(source), Vec::new());
        }
        let faults = faults_and_pieces(source);
        match faults {
            Ok(pieces) => (Inline::settled(pieces), Vec::new()),
            Err(faults) => (Inline::literal(source), faults),
        }
    }

    /// The field, parsed; a field with a problem (which `validate` reports) is its literal text.
    pub fn new(source: &str) -> Inline {
        Inline::parse(source).0
    }

    /// `pieces` as Markdown reads them back: where the emphasis would not (delimiters that meet
    /// and read as others), without emphasis; where even that would not, as plain text.
    fn settled(pieces: Vec<Piece>) -> Inline {
        let inline = Inline { pieces };
        if inline.reads_back() {
            return inline;
        }
        let unmarked = (inline.pieces.iter())
            .filter(|p| {
                !matches!(
                    p,
                    Piece::Open(Mark::Emphasis | Mark::Strong)
                        | Piece::Close(Mark::Emphasis | Mark::Strong)
                )
            })
            .cloned()
            .collect();
        let unmarked = Inline {
            pieces: merged(unmarked),
        };
        if unmarked.reads_back() {
            return unmarked;
        }
        Inline {
            pieces: vec![Piece::Text(inline.plain())],
        }
    }

    /// Whether the Markdown written for this reads back as the same text and marks.
    fn reads_back(&self) -> bool {
        let squashed = |html: String| html.split_whitespace().collect::<Vec<_>>().join(" ");
        match faults_and_pieces(&self.markdown()) {
            Ok(again) => squashed(Inline { pieces: again }.html(true)) == squashed(self.html(true)),
            Err(_) => false,
        }
    }

    fn literal(source: &str) -> Inline {
        let text = source.trim_end_matches(['\n', '\r']);
        Inline {
            pieces: vec![Piece::Text(text.to_owned())],
        }
    }

    /// As Markdown inline text for mdBook: safe in a paragraph, a list item and a heading.
    pub fn markdown(&self) -> String {
        self.write_markdown(false)
    }

    /// As Markdown inline text in a table cell: a `|` in code is escaped too, so that it does
    /// not split the cell (GitHub's tables, which mdBook's are, read `\|` in code as `|`).
    pub fn cell(&self) -> String {
        self.write_markdown(true)
    }

    fn write_markdown(&self, cell: bool) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(&escape::text(text)),
                Piece::Code(code) => out.push_str(&code_span(code, cell)),
                Piece::Open(Mark::Emphasis) | Piece::Close(Mark::Emphasis) => out.push('*'),
                Piece::Open(Mark::Strong) | Piece::Close(Mark::Strong) => out.push_str("**"),
                Piece::Open(Mark::Link(_)) => {
                    // A `!` of the text before would make the link an image.
                    if out.ends_with('!') {
                        out.pop();
                        out.push_str("\\!");
                    }
                    out.push('[');
                }
                Piece::Close(Mark::Link(url)) => {
                    out.push_str(&format!(
                        "](<{}>)",
                        external_href(url).replace('&', "&amp;")
                    ));
                }
            }
        }
        unblocked(out.trim())
    }

    /// As HTML, for a text node or an element's content inside a Markdown HTML block; without
    /// `links`, a link is only its text (for a place inside a link, which may hold none).
    pub fn html(&self, links: bool) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(&escape::html(text)),
                Piece::Code(code) => {
                    out.push_str(&format!("<code>{}</code>", escape::html(code)));
                }
                Piece::Open(Mark::Emphasis) => out.push_str("<em>"),
                Piece::Close(Mark::Emphasis) => out.push_str("</em>"),
                Piece::Open(Mark::Strong) => out.push_str("<strong>"),
                Piece::Close(Mark::Strong) => out.push_str("</strong>"),
                Piece::Open(Mark::Link(_)) | Piece::Close(Mark::Link(_)) if !links => {}
                Piece::Open(Mark::Link(url)) => {
                    out.push_str(&format!(
                        "<a href=\"{}\">",
                        escape::html(&external_href(url))
                    ));
                }
                Piece::Close(Mark::Link(_)) => out.push_str("</a>"),
            }
        }
        out
    }

    /// As plain text, the marks gone: for diagram labels, SVG titles, alternative texts and
    /// the terminal. Not escaped for any place.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) | Piece::Code(text) => out.push_str(text),
                Piece::Open(_) | Piece::Close(_) => {}
            }
        }
        out.replace(['\n', '\r', '\u{2028}', '\u{2029}'], " ")
    }
}

/// A field's inline Markdown as Markdown inline text (see [`Inline::markdown`]).
pub fn markdown(source: &str) -> String {
    Inline::new(source).markdown()
}

/// A field's inline Markdown as a Markdown table cell's text (see [`Inline::cell`]).
pub fn cell(source: &str) -> String {
    Inline::new(source).cell()
}

/// A field's inline Markdown as HTML (see [`Inline::html`]).
pub fn html(source: &str) -> String {
    Inline::new(source).html(true)
}

/// A field's inline Markdown as plain text (see [`Inline::plain`]).
pub fn plain(source: &str) -> String {
    Inline::new(source).plain()
}

/// What the field `source` may not hold, in the order written.
pub fn faults(source: &str) -> Vec<Fault> {
    // Only the problems: what a field without any would be written as is not needed here.
    if is_plain(source) {
        return Vec::new();
    }
    faults_and_pieces(source).err().unwrap_or_default()
}

/// Markdown inline text that starts no block where it starts a line: a leading `-`, `+` or the
/// `.` or `)` after a leading number (a list item or a rule; what else starts a block is escaped
/// already) gets a backslash.
fn unblocked(markdown: &str) -> String {
    let digits = markdown.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match markdown.as_bytes().get(digits) {
        Some(b'-' | b'+') if digits == 0 => Some(0),
        Some(b'.' | b')') if (1..10).contains(&digits) => Some(digits),
        _ => None,
    };
    match marker {
        Some(at) => format!("{}\\{}", &markdown[..at], &markdown[at..]),
        None => markdown.to_owned(),
    }
}

/// `code` as a Markdown code span: its fence is longer than any run of backticks in it, and a
/// space pads code that starts or ends with a backtick or a space (the reader strips one).
fn code_span(code: &str, cell: bool) -> String {
    let code = match cell {
        true => code.replace('|', "\\|"),
        false => code.to_owned(),
    };
    let code = code.replace(['\n', '\r', '\u{2028}', '\u{2029}'], " ");
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = code.starts_with(['`', ' ']) || code.ends_with(['`', ' ']);
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// Whether `url` may be a link's address: an absolute http or https address, or a mailto one.
fn allowed_url(url: &str) -> bool {
    let mailto = url
        .get(..7)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("mailto:"));
    if mailto {
        let rest = &url[7..];
        !rest.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
    } else {
        unsafe_url(url).is_none()
    }
}

/// At most 60 characters of `text`, for a message.
fn quoted(text: &str) -> String {
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    format!("\"{short}\"")
}

fn fault(at: Range<usize>, message: String, help: &str) -> Fault {
    Fault {
        at,
        problem: Problem::new(message, Some(help.to_owned())),
    }
}

/// The block construct a block tag starts, if it is one a text field may not hold.
fn block_name(tag: &Tag) -> Option<&'static str> {
    Some(match tag {
        Tag::Paragraph | Tag::HtmlBlock => return None,
        Tag::Heading { .. } => "a heading (# …, or a line of === or --- under the text)",
        Tag::BlockQuote(_) => "a block quote (a line that starts with >)",
        Tag::CodeBlock(_) => "a code block (a ``` or ~~~ fence, or a line indented by four spaces)",
        Tag::List(_) | Tag::Item => {
            "a list (a line that starts with -, +, * or a number and a dot)"
        }
        Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell => "a table",
        Tag::FootnoteDefinition(_) => "a footnote",
        Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
            "a definition list"
        }
        Tag::MetadataBlock(_) => "a metadata block",
        _ => return None,
    })
}

/// The pieces of `source`, or what it may not hold.
/// Whether `source` is text that CommonMark reads as itself, one paragraph of one text run:
/// no character that could open inline markup or an entity, no line break or tab, nothing at
/// its start that could open a block (a list, a heading, a quote, an indented code block), and
/// no space at either end (which a paragraph drops).
fn is_plain(source: &str) -> bool {
    let bytes = source.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    let inner = |b: u8| {
        b >= 0x80
            || b.is_ascii_alphanumeric()
            || matches!(
                b,
                b' ' | b',' | b'.' | b';' | b':' | b'\'' | b'"' | b'(' | b')' | b'/'
            )
            || matches!(
                b,
                b'?' | b'%' | b'@' | b'=' | b'-' | b'+' | b'~' | b'|' | b'$' | b'{'
            )
            || matches!(b, b'}' | b'^' | b'#')
    };
    (first.is_ascii_alphabetic() || *first >= 0x80)
        && *last != b' '
        && bytes.iter().all(|&b| inner(b))
}

fn faults_and_pieces(source: &str) -> Result<Vec<Piece>, Vec<Fault>> {
    let mut faults = Vec::new();
    let body = source.trim_end_matches(['\n', '\r', ' ', '\t']);
    // A blank line between two lines that hold something.
    let mut offset = 0;
    let mut seen_text = false;
    let mut blank_at = None;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if seen_text && blank_at.is_none() {
                blank_at = Some(offset..offset + line.len());
            }
        } else {
            if let Some(at) = blank_at.take() {
                faults.push(fault(
                    at,
                    "the text holds a blank line, which would start a new paragraph".into(),
                    "a text field is one paragraph of inline Markdown: remove the blank line",
                ));
                break;
            }
            seen_text = true;
        }
        offset += line.len();
    }
    let mut broken = Vec::new();
    let mut pieces = Vec::new();
    {
        let callback = |link: BrokenLink<'_>| {
            if matches!(link.link_type, LinkType::Reference | LinkType::Collapsed) {
                broken.push(link.span.clone());
            }
            None::<(CowStr<'_>, CowStr<'_>)>
        };
        let parser = Parser::new_with_broken_link_callback(body, Options::empty(), Some(callback));
        let mut events = parser.into_offset_iter();
        let mut blocks = 0;
        let mut images = 0;
        for (event, at) in events.by_ref() {
            match event {
                Event::Start(Tag::Paragraph | Tag::HtmlBlock) => {
                    blocks += 1;
                    if blocks > 1 {
                        pieces.push(Piece::Text(" ".into()));
                    }
                }
                Event::Start(ref tag) if block_name(tag).is_some() => {
                    let name = block_name(tag).unwrap_or_default();
                    if !faults.iter().any(|f: &Fault| f.problem.message.contains(name)) {
                        faults.push(fault(
                            at,
                            format!("a text field is one paragraph of inline Markdown, and this one makes {name}"),
                            "to show the character that starts it as written, put a backslash before it (\\\\ in JSON and double-quoted YAML), as in \\#, \\-, \\> or \\`; or join the lines",
                        ));
                    }
                }
                Event::Rule => faults.push(fault(
                    at,
                    "a text field is one paragraph of inline Markdown, and this one makes a thematic break (a line of ---, *** or ___)".into(),
                    "to show the line as written, put a backslash before its first character (\\\\ in JSON and double-quoted YAML), as in \\***",
                )),
                Event::Start(Tag::Image { .. }) => {
                    images += 1;
                    faults.push(fault(
                        at,
                        "the text holds an image (![…](…)), which a text field cannot show".into(),
                        "remove it, or link to the image as [text](https://…)",
                    ));
                }
                Event::End(TagEnd::Image) => images -= 1,
                _ if images > 0 => {}
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }) => {
                    let url = match link_type {
                        LinkType::Email => format!("mailto:{dest_url}"),
                        _ => dest_url.to_string(),
                    };
                    match link_type {
                        LinkType::Inline | LinkType::Autolink | LinkType::Email
                            if allowed_url(&url) =>
                        {
                            pieces.push(Piece::Open(Mark::Link(url)));
                        }
                        LinkType::Inline | LinkType::Autolink | LinkType::Email => {
                            let what = if url.is_empty() {
                                "an empty address".to_owned()
                            } else {
                                quoted(&url)
                            };
                            faults.push(fault(
                                at,
                                format!("the text links to {what}, which is not an http, https or mailto address"),
                                LINK_FORMS,
                            ));
                            pieces.push(Piece::Open(Mark::Link(String::new())));
                        }
                        _ => {
                            faults.push(fault(
                                at,
                                "the text holds a reference link ([text][label] or [label] with a [label]: definition)".into(),
                                LINK_FORMS,
                            ));
                            pieces.push(Piece::Open(Mark::Link(String::new())));
                        }
                    }
                }
                Event::End(TagEnd::Link) => {
                    let url = pieces
                        .iter()
                        .rev()
                        .find_map(|p| match p {
                            Piece::Open(Mark::Link(url)) => Some(url.clone()),
                            _ => None,
                        })
                        .unwrap_or_default();
                    pieces.push(Piece::Close(Mark::Link(url)));
                }
                Event::Start(Tag::Emphasis) => pieces.push(Piece::Open(Mark::Emphasis)),
                Event::End(TagEnd::Emphasis) => pieces.push(Piece::Close(Mark::Emphasis)),
                Event::Start(Tag::Strong) => pieces.push(Piece::Open(Mark::Strong)),
                Event::End(TagEnd::Strong) => pieces.push(Piece::Close(Mark::Strong)),
                Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                    pieces.push(Piece::Text(text.to_string()));
                }
                // mdBook's `links` preprocessor reads code spans too: code that holds one of its
                // links is shown as text, escaped.
                Event::Code(code) if holds_mdbook_link(&code) => {
                    pieces.push(Piece::Text(code.to_string()));
                }
                Event::Code(code) => pieces.push(Piece::Code(code.to_string())),
                Event::SoftBreak | Event::HardBreak => pieces.push(Piece::Text(" ".into())),
                _ => {}
            }
        }
        if let Some((_, definition)) = events.reference_definitions().iter().next() {
            faults.push(fault(
                definition.span.clone(),
                "the text holds a link reference definition ([label]: address)".into(),
                LINK_FORMS,
            ));
        }
    }
    for at in broken {
        faults.push(fault(
            at,
            "the text holds a reference link ([text][label]), which a text field cannot resolve"
                .into(),
            LINK_FORMS,
        ));
    }
    if faults.is_empty() {
        Ok(merged(pieces))
    } else {
        faults.sort_by_key(|f| f.at.start);
        Err(faults)
    }
}

/// Neighbouring text runs joined, so that escaping sees the characters around each one.
fn merged(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match (out.last_mut(), piece) {
            (Some(Piece::Text(last)), Piece::Text(text)) => last.push_str(&text),
            (_, piece) => out.push(piece),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(source: &str) -> Vec<String> {
        faults(source)
            .into_iter()
            .map(|f| f.problem.message)
            .collect()
    }

    #[test]
    fn emphasis_strong_code_and_links_in_every_form() {
        let source = "Use *retries* and **budgets**, see `x|y` and [docs](https://a.example/p?q=1&r=(2)) or <mailto:a@b.example>";
        let inline = Inline::new(source);
        assert_eq!(
            inline.markdown(),
            "Use *retries* and **budgets**, see `x|y` and [docs](<https://a.example/p?q=1&amp;r=(2)>) or [mailto:a@b.example](<mailto:a@b.example>)"
        );
        assert_eq!(
            inline.cell(),
            "Use *retries* and **budgets**, see `x\\|y` and [docs](<https://a.example/p?q=1&amp;r=(2)>) or [mailto:a@b.example](<mailto:a@b.example>)"
        );
        assert_eq!(
            inline.html(true),
            "Use <em>retries</em> and <strong>budgets</strong>, see <code>x|y</code> and <a href=\"https://a.example/p?q=1&amp;r=(2)\">docs</a> or <a href=\"mailto:a@b.example\">mailto:a@b.example</a>"
        );
        assert_eq!(
            inline.plain(),
            "Use retries and budgets, see x|y and docs or mailto:a@b.example"
        );
    }

    #[test]
    fn raw_html_entities_and_escapes_show_as_text() {
        let inline = Inline::new(
            "*<img src=x onerror=alert(1)>* &#106;avascript: \\*a\\* a|b {{#include x}}",
        );
        assert_eq!(
            inline.markdown(),
            "*\\<img src=x onerror=alert(1)\\>* javascript: \\*a\\* a\\|b \\{\\{\\#include x}}"
        );
        assert_eq!(
            inline.html(true),
            "<em>&lt;img src=x onerror=alert(1)&gt;</em> javascript: *a* a|b &#123;&#123;#include x}}"
        );
        assert_eq!(
            Inline::new("<script>alert(1)</script>").html(true),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            Inline::new("`</code><script>`").markdown(),
            "`</code><script>`"
        );
        assert_eq!(
            Inline::new("`</code><script>`").html(true),
            "<code>&lt;/code&gt;&lt;script&gt;</code>"
        );
        assert_eq!(
            Inline::new("*`{{#include /etc/passwd}}`*").markdown(),
            "*\\{\\{\\#include /etc/passwd}}*"
        );
    }

    #[test]
    fn a_link_address_cannot_break_out() {
        let inline =
            Inline::new("[a](<https://x.example/\"'|{{#include_x}})(>) [b](https://x.example/<q>)");
        assert_eq!(
            inline.markdown(),
            "[a](<https://x.example/%22%27%7C%7B%7B#include_x%7D%7D)(>) [b](<https://x.example/%3Cq%3E>)"
        );
        assert_eq!(
            inline.html(true),
            "<a href=\"https://x.example/%22%27%7C%7B%7B#include_x%7D%7D)(\">a</a> <a href=\"https://x.example/%3Cq%3E\">b</a>"
        );
    }

    #[test]
    fn line_breaks_read_as_spaces_and_trailing_ones_go() {
        assert_eq!(
            markdown("one\ntwo  \nthree\\\nfour\n\n\n"),
            "one two three four"
        );
        assert_eq!(markdown("a\u{2028}b"), "a b");
        assert_eq!(markdown("<div>\nx"), "\\<div\\> x");
        assert_eq!(
            markdown("!<https://x.example>"),
            "\\![https://x.example](<https://x.example>)"
        );
        assert!(faults("one\ntwo\n\n").is_empty());
    }

    /// What would not read back as it was parsed loses its emphasis, and what would start a
    /// block where it starts a line (a field with a problem shows as written) is escaped.
    #[test]
    fn what_is_written_reads_back_and_starts_no_block() {
        assert_eq!(markdown("*_nested_* and **strong**"), "nested and strong");
        assert_eq!(markdown("***both*** *a **b** c*"), "***both*** *a **b** c*");
        assert_eq!(markdown("-\u{2028}x"), "\\- x");
        assert_eq!(markdown("12)\u{2028}x"), "12\\) x");
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("---"), "\\---");
        assert_eq!(markdown("\u{2028}\u{2028}\u{2028}\u{2028}code"), "code");
        assert_eq!(markdown("1.5x faster"), "1\\.5x faster");
    }

    #[test]
    fn code_spans_keep_their_backticks() {
        assert_eq!(markdown("`` a`b ``"), "``a`b``");
        assert_eq!(markdown("```` `x` ````"), "`` `x` ``");
        assert_eq!(markdown("`` ` ``"), "`` ` ``");
    }

    #[test]
    fn what_a_field_may_not_hold() {
        for (source, expected) in [
            ("one\n\ntwo", "blank line"),
            ("one\n  \ntwo", "blank line"),
            ("# Heading", "a heading"),
            ("- item", "a list"),
            ("1. item", "a list"),
            ("> quote", "a block quote"),
            ("    code", "a code block"),
            ("```\ncode\n```", "a code block"),
            ("one\n---", "a heading"),
            ("***", "thematic break"),
            ("[x](javascript:alert(1))", "\"javascript:alert(1)\""),
            ("[x](JaVaScRiPt:alert(1))", "\"JaVaScRiPt:alert(1)\""),
            ("[x](&#106;avascript:alert(1))", "\"javascript:alert(1)\""),
            ("[x](../patterns/cdn.md)", "\"../patterns/cdn.md\""),
            ("[x](#anchor)", "\"#anchor\""),
            ("[x]()", "an empty address"),
            ("<ftp://example.com>", "\"ftp://example.com\""),
            ("[x](data:text/html,x)", "\"data:text/html,x\""),
            ("[x][r]\n\n[r]: https://x.example", "blank line"),
            ("[r]: https://x.example", "reference definition"),
            ("[x][r]", "reference link"),
            ("[x][]", "reference link"),
            ("![alt](https://x.example/a.png)", "an image"),
        ] {
            let found = messages(source);
            assert!(
                found.iter().any(|m| m.contains(expected)),
                "{source:?}: {found:?}"
            );
            assert_eq!(Inline::new(source), Inline::literal(source), "{source:?}");
        }
        for fine in [
            "[shortcut] and [x] in brackets",
            "R&D, 5 * 3, snake_case, a_b_c",
            "<span>raw</span> stays text",
            "<https://x.example/a> [m](mailto:a@b.example)",
            "1 + 1",
            "100M+ users",
        ] {
            assert_eq!(messages(fine), Vec::<String>::new(), "{fine:?}");
        }
    }

    #[test]
    fn a_problem_is_placed_inside_the_field() {
        let found = faults("ok\n[x](javascript:y)");
        assert_eq!(found[0].at.start, 3);
        let found = faults("a\n\nb");
        assert_eq!(found[0].at, 2..3);
    }

    #[test]
    fn a_table_reads_an_escaped_bar_in_code_as_one_cell() {
        let table = format!("| a | b |\n|---|---|\n| {} | z |\n", cell("`x|y` *a|b*"));
        let mut html = String::new();
        mdbook_markdown::pulldown_cmark::html::push_html(
            &mut html,
            Parser::new_ext(&table, Options::ENABLE_TABLES),
        );
        assert!(
            html.contains("<td><code>x|y</code> <em>a|b</em></td><td>z</td>"),
            "{html}"
        );
    }

    /// Whatever a field holds, what is written for it starts no markup but emphasis, strong,
    /// code and http(s)/mailto links, stays one paragraph and one table cell as mdBook reads it,
    /// and leaves nothing for mdBook's `links` preprocessor.
    mod properties {
        use mdbook_markdown::{MarkdownOptions, new_cmark_parser};
        use proptest::prelude::*;

        use super::super::*;

        const TOKENS: &[&str] = &[
            "*",
            "**",
            "_",
            "__",
            "`",
            "``",
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "!",
            "&",
            "&#106;",
            "&amp;",
            "\\",
            "|",
            "{{#include x}}",
            "{",
            "}",
            "#",
            "-",
            "+",
            "1.",
            " ",
            "\n",
            "\n\n",
            "    ",
            "a",
            "word",
            "https://x.example/",
            "mailto:a@b.example",
            "javascript:y",
            "\"",
            "'",
            ":",
            "~",
            "$",
            "<a href=\"javascript:y\">",
            "<img src=x onerror=y>",
            "<script>",
            "</code>",
            "\u{2028}",
            "\r",
            "](",
            "<https://x.example>",
            "\t",
            "<mailto:a@b.example>",
            "a@b.example",
            "&#x6A;",
            "&lt;",
            "![",
            "***",
            "---",
            "> ",
            "[x]: https://x.example\n",
            "\\`",
            "=",
            "^",
            "@",
        ];

        fn field() -> impl Strategy<Value = String> {
            proptest::collection::vec(proptest::sample::select(TOKENS), 0..24)
                .prop_map(|tokens| tokens.concat())
        }

        /// The events of `text` that are markup, as mdBook's parser reads it.
        fn markup(text: &str) -> Vec<String> {
            let mut found = Vec::new();
            for event in new_cmark_parser(text, &MarkdownOptions::default()) {
                match event {
                    Event::Text(_) | Event::Code(_) | Event::SoftBreak => {}
                    Event::Start(Tag::Paragraph | Tag::Emphasis | Tag::Strong)
                    | Event::End(TagEnd::Paragraph | TagEnd::Emphasis | TagEnd::Strong)
                    | Event::End(TagEnd::Link) => {}
                    Event::Start(Tag::Link { dest_url, .. }) if allowed_url(&dest_url) => {}
                    Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow)
                    | Event::End(TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow)
                    | Event::End(TagEnd::TableCell) => {}
                    Event::Start(Tag::TableCell) => found.push("cell".to_owned()),
                    other => found.push(format!("{other:?}")),
                }
            }
            found
        }

        proptest! {
            /// The shortcut for plain text gives what the parse gives.
            #[test]
            fn plain_text_is_what_the_parse_makes_of_it(
                source in "[A-Za-zé][A-Za-z0-9é ,.;:'\"()/?%@=+~|$}{^#-]{0,40}"
            ) {
                let parsed = faults_and_pieces(&source).map(Inline::settled);
                let (fast, faults) = Inline::parse(&source);
                prop_assert!(faults.is_empty());
                if is_plain(&source) {
                    prop_assert_eq!(Ok(fast), parsed);
                }
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig {
                cases: 3000,
                failure_persistence: None,
                ..ProptestConfig::default()
            })]
            #[test]
            fn what_is_written_starts_no_other_markup(source in field()) {
                let inline = Inline::new(&source);
                let (markdown, cell) = (inline.markdown(), inline.cell());
                prop_assert!(!holds_mdbook_link(&markdown), "{markdown:?}");
                prop_assert!(!holds_mdbook_link(&cell), "{cell:?}");
                let paragraph = markup(&format!("{markdown}\n"));
                prop_assert!(paragraph.is_empty(), "{markdown:?}: {paragraph:?}");
                let table = markup(&format!("| a | b |\n|---|---|\n| x {cell} | z |\n"));
                let cells = table.iter().filter(|e| *e == "cell").count();
                prop_assert_eq!(cells, 4, "{:?}: {:?}", cell, table);
                prop_assert!(table.iter().all(|e| e == "cell"), "{cell:?}: {table:?}");
                // A field without problems reads back as it was parsed.
                if faults(&source).is_empty() {
                    let squash = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
                    let again = squash(Inline::new(&markdown).html(true));
                    prop_assert_eq!(&again, &squash(inline.html(true)), "{:?} -> {:?}", source, markdown);
                }
                let html = inline.html(true);
                prop_assert!(!html.contains('{'), "{html:?}");
                let tags = ["em>", "/em>", "strong>", "/strong>", "code>", "/code>", "a href=\"", "/a>"];
                for (at, _) in html.match_indices('<') {
                    prop_assert!(tags.iter().any(|t| html[at + 1..].starts_with(t)), "{html:?}");
                }
                for (at, _) in html.match_indices("href=\"") {
                    let url = &html[at + 6..];
                    let url = &url[..url.find('"').unwrap_or(url.len())];
                    prop_assert!(allowed_url(url), "{html:?}");
                }
            }
        }
    }
}
