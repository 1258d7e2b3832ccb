//! Relative links between chapters.

/// The link from chapter `from` to chapter `to` (paths relative to `src`, with `/`), with an
/// optional `#anchor`. A link to the same chapter is just the anchor.
///
/// `markdown` links keep the `.md` ending, which mdBook rewrites; links written into raw HTML
/// get the `.html` ending mdBook gives the page.
pub fn relative(from: &str, to: &str, anchor: Option<&str>, markdown: bool) -> String {
    let fragment = anchor.map(|a| format!("#{a}")).unwrap_or_default();
    if let (true, Some(anchor)) = (from == to, anchor) {
        return format!("#{anchor}");
    }
    let from_dirs: Vec<&str> = from.split('/').collect::<Vec<_>>();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len() - 1);
    let mut parts: Vec<&str> = vec![".."; from_dirs.len() - common];
    parts.extend(&to_parts[common..]);
    let mut path = parts.join("/");
    if let (false, Some(stem)) = (markdown, path.strip_suffix(".md")) {
        path = format!("{stem}.html");
    }
    format!("{path}{fragment}")
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
}
