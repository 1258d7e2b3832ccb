//! Relative links between chapters.

use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};

/// What a chapter path keeps as written in a link; everything else is percent-encoded, so a
/// path with spaces, parentheses or `|` stays one link in Markdown, in a table cell and in HTML.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What an external address keeps as written; whitespace, control characters, non-ASCII and
/// whatever could end a Markdown `<…>` destination, a table cell or an HTML attribute, or start
/// an mdBook `{{#…}}` link, are percent-encoded.
const EXTERNAL: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'|')
    .add(b'{')
    .add(b'}')
    .add(b'`')
    .add(b'"')
    .add(b'\'');

/// An external (http or https, checked by `untrusted::unsafe_url`) address, percent-encoded
/// for an `href` attribute.
pub fn external_href(url: &str) -> String {
    utf8_percent_encode(url, EXTERNAL).to_string()
}

/// `[label](<url>)`: a Markdown link to an external address, the label already escaped. The
/// destination stands in `<…>`, percent-encoded, `&` written `&amp;` so that no entity is read.
pub fn external_markdown(label: &str, url: &str) -> String {
    format!("[{label}](<{}>)", external_href(url).replace('&', "&amp;"))
}

/// The link from chapter `from` to chapter `to` (paths relative to `src`, with `/`), with an
/// optional `#anchor`. A link to the same chapter is just the anchor.
///
/// `markdown` links keep the `.md` ending, which mdBook rewrites; links written into raw HTML
/// get the `.html` ending mdBook gives the page.
pub fn relative(from: &str, to: &str, anchor: Option<&str>, markdown: bool) -> String {
    if let (true, Some(anchor)) = (from == to, anchor) {
        return format!("#{anchor}");
    }
    // The folders `from` is in, and the folders `to` shares with them.
    let from_dirs = from.rsplit_once('/').map_or("", |(dirs, _)| dirs);
    let mut rest = to;
    let mut climbs = from_dirs.split('/').filter(|d| !d.is_empty()).count();
    for dir in from_dirs.split('/').filter(|d| !d.is_empty()) {
        match rest.split_once('/') {
            Some((first, after)) if first == dir => {
                rest = after;
                climbs -= 1;
            }
            _ => break,
        }
    }
    let mut out = String::with_capacity(3 * climbs + rest.len() + 8);
    for _ in 0..climbs {
        out.push_str("../");
    }
    match (markdown, rest.strip_suffix(".md")) {
        (false, Some(stem)) => {
            out.extend(utf8_percent_encode(stem, PATH));
            out.push_str(".html");
        }
        _ => out.extend(utf8_percent_encode(rest, PATH)),
    }
    if let Some(anchor) = anchor {
        out.push('#');
        out.push_str(anchor);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn climbs_out_of_nested_chapters() {
        assert_eq!(
            relative("a/b/c.md", "case-studies/x.md", None, true),
            "../../case-studies/x.md"
        );
        assert_eq!(
            relative("wizard.md", "patterns/cdn.md", None, true),
            "patterns/cdn.md"
        );
        assert_eq!(
            relative("patterns/a.md", "patterns/b.md", Some("x"), true),
            "b.md#x"
        );
        assert_eq!(
            relative("patterns/a.md", "patterns/a.md", Some("x"), true),
            "#x"
        );
        assert_eq!(
            relative("patterns/a.md", "patterns/a.md", None, true),
            "a.md"
        );
        assert_eq!(relative("a/b.md", "a/c/d.md", None, false), "c/d.html");
        assert_eq!(
            relative("a/c/d.md", "a/b.md", Some("k"), false),
            "../b.html#k"
        );
    }

    #[test]
    fn an_external_link_stays_one_destination() {
        use super::external_markdown;
        assert_eq!(
            external_markdown("l", "https://a.example/x y<z>|{{#i}}\\`\"'\u{7}é?a=1&b=2"),
            "[l](<https://a.example/x%20y%3Cz%3E%7C%7B%7B#i%7D%7D%5C%60%22%27%07%C3%A9?a=1&amp;b=2>)"
        );
    }

    #[test]
    fn encodes_what_would_end_a_link_or_a_table_cell() {
        assert_eq!(
            relative("a.md", "case studies/net (2019) | x.md", None, true),
            "case%20studies/net%20%282019%29%20%7C%20x.md"
        );
        assert_eq!(
            relative("a.md", "études/é.md", None, false),
            "%C3%A9tudes/%C3%A9.html"
        );
    }
}
