//! Data text escaped for where it lands: Markdown inline text, HTML text and attributes, mermaid
//! labels and fenced code blocks. What it returns shows as written, starts no markup and leaves
//! nothing for mdBook's `links` preprocessor to expand.

/// Data text as Markdown inline text: every character that could start markup is escaped, so
/// the text shows as written.
pub fn text(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 8);
    // Every character that needs care is ASCII: copy the runs between them as they are.
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let next_but_one = bytes.get(i + 2).copied();
        // `&` and `!` are markup only before an entity name or a link: "R&D" and "Wow!" stay.
        let replacement = match b {
            b'&' if next.is_some_and(|n| n.is_ascii_alphanumeric() || n == b'#') => "\\&",
            b'!' if next == Some(b'[') => "\\!",
            b'\\' => "\\\\",
            b'`' => "\\`",
            b'*' => "\\*",
            b'_' => "\\_",
            b'[' => "\\[",
            b']' => "\\]",
            b'<' => "\\<",
            b'>' => "\\>",
            b'#' => "\\#",
            b'|' => "\\|",
            b'~' => "\\~",
            b'$' => "\\$",
            // mdBook's `links` preprocessor expands `{{#include …}}` wherever it stands, before
            // or after this one: `\{` shows a brace in either case and never makes `{{`.
            b'{' => "\\{",
            b'\r' | b'\n' => " ",
            // U+2028 and U+2029 are no line breaks to Markdown, but read as one: a space too.
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(next_but_one, Some(0xA8 | 0xA9)) =>
            {
                out.push_str(&s[copied..i]);
                out.push(' ');
                copied = i + 3;
                continue;
            }
            _ => continue,
        };
        out.push_str(&s[copied..i]);
        out.push_str(replacement);
        copied = i + 1;
    }
    out.push_str(&s[copied..]);
    out
}

/// Data text for an HTML text node or a quoted attribute, inside a Markdown HTML block: a line
/// break would let a blank line end the block and the rest be read as Markdown, so every kind
/// reads as the space it shows as; a brace is an entity, so that no `{{#include …}}` is left
/// for mdBook's `links` preprocessor.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => out.push(' '),
            '{' => out.push_str("&#123;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Data text inside a quoted mermaid label or after a sequence message's colon: characters
/// that would end the label or the statement become mermaid entity codes.
pub fn mermaid(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            ';' => out.push_str("#59;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            '{' => out.push_str("#123;"),
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `body` as a fenced code block: the fence is longer than any run of backticks in it, so no
/// line of the body can close it early and let the rest be read as Markdown.
pub fn fenced(info: &str, body: &str) -> String {
    let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{info}\n{}\n{fence}", body.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            text("a|b *c* <x> [l](u) `c`"),
            r"a\|b \*c\* \<x\> \[l\](u) \`c\`"
        );
        assert_eq!(text("line\nbreak"), "line break");
        assert_eq!(
            text("R & D, Wow! &amp; ![x]"),
            r"R & D, Wow! \&amp; \!\[x\]"
        );
        assert_eq!(
            html("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn no_line_break_or_brace_pair_survives_escaping() {
        let hostile = "a\n\nb\r\rc\r\n\r\nd\u{2028}\u{2029}e {{#include x}}";
        assert_eq!(html(hostile), "a  b  c    d  e &#123;&#123;#include x}}");
        assert_eq!(text(hostile), r"a  b  c    d  e \{\{\#include x}}");
        assert_eq!(
            mermaid(hostile),
            "a  b  c    d  e #123;#123;#35;include x}}"
        );
    }

    #[test]
    fn a_fence_outlasts_every_run_of_backticks_it_holds() {
        assert_eq!(fenced("text", "a\n"), "```text\na\n```");
        assert_eq!(
            fenced("mermaid", "a\n```\nb ````` c"),
            "``````mermaid\na\n```\nb ````` c\n``````"
        );
    }
}
