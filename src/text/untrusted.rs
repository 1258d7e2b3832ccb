//! What text from someone else's data may not hold where it reaches a page, read the way the
//! reader's browser and mdBook read it: checks that `validate` reports and the renderer applies
//! again, so that not even `on-failure = "continue"` puts such text on a page. It imports only
//! `diag`, for the problem it reports.

use crate::diag::Problem;

/// The longest raw mermaid blueprint, in characters.
pub const MAX_MERMAID_CHARS: usize = 50_000;

/// Why raw mermaid may not reach a page, with what to do: too long to draw, a `javascript:`
/// address, a line that would end the code block around it, mermaid configuration, HTML beyond
/// inline formatting, style that fetches, or an mdBook link. In mermaid mode mermaid.js draws it
/// in the reader's browser, past every check but these.
pub fn unsafe_mermaid(raw: &str) -> Option<Problem> {
    let refused = |message: String, help: &str| Some(Problem::new(message, Some(help.to_owned())));
    let length = raw.chars().count();
    let fence = raw.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with("```") || line.starts_with("~~~")
    });
    if length > MAX_MERMAID_CHARS {
        refused(
            format!(
                "the mermaid blueprint is {length} characters long; at most {MAX_MERMAID_CHARS} can be drawn"
            ),
            "draw a smaller diagram, or split it across options",
        )
    } else if squeezed(raw).contains("javascript:") {
        refused(
            "the mermaid blueprint holds a javascript: address".into(),
            "link nodes to pages of the book or to http(s) addresses",
        )
    } else if fence {
        refused(
            "the mermaid blueprint holds a line that starts with ``` or ~~~, which would end the code block around it".into(),
            "mermaid has no use for ``` or ~~~ at the start of a line; remove them")
    } else if raw.contains("%%{") || raw.trim_start().starts_with("---") {
        refused(
            "the mermaid blueprint sets mermaid's configuration (%%{init: …}%% or a --- header), which could make mermaid.js load style or draw labels unchecked".into(),
            "remove the configuration; the book's settings draw every diagram")
    } else if let Some(tag) = html_tag_beyond_formatting(raw) {
        refused(
            format!(
                "the mermaid blueprint holds the HTML tag <{tag}…>, and mermaid.js would put it on the page as it is"
            ),
            "labels may hold only <b>, <i>, <strong>, <em>, <u>, <s>, <code>, <sub>, <sup>, <small>, <span> and <br>, without attributes; write a lone < as #lt;",
        )
    } else if let Err(error) = check_css(raw) {
        refused(
            format!(
                "the mermaid blueprint's style would fetch something: {}",
                error.trim_start_matches("the drawn SVG's style ")
            ),
            "give nodes colours, not url(…) or image functions",
        )
    } else if holds_mdbook_link(raw) {
        refused(
            "the mermaid blueprint holds an mdBook link such as {{#include …}}, which mdBook's links preprocessor would replace with a file's contents".into(),
            "write its # as mermaid's entity code #35;, as in A{{#35;include x}}")
    } else {
        None
    }
}

/// Why an external address may not be a link on a page, with what to do: only an absolute
/// http or https URL with a host, without whitespace or control characters, is one.
pub fn unsafe_url(url: &str) -> Option<Problem> {
    let refused = |message: &str| {
        Some(Problem::new(
            message.to_owned(),
            Some("write an absolute http or https address, such as \"https://example.com/article\", with any space as %20".to_owned()),
        ))
    };
    let rest = ["http://", "https://"].iter().find_map(|scheme| {
        url.get(..scheme.len())
            .filter(|s| s.eq_ignore_ascii_case(scheme))
            .map(|_| &url[scheme.len()..])
    });
    match rest {
        None => refused("the evidence's url is not an http or https address"),
        Some(rest) if rest.is_empty() || rest.starts_with(['/', '?', '#']) => {
            refused("the evidence's url names no host")
        }
        Some(_) if url.chars().any(|c| c.is_whitespace() || c.is_control()) => {
            refused("the evidence's url holds whitespace or a control character")
        }
        Some(_) => None,
    }
}

/// The first HTML tag in raw mermaid that is not plain inline formatting without attributes:
/// mermaid.js puts the HTML of a label on the page (after its own sanitiser, which still lets
/// images and styles through).
fn html_tag_beyond_formatting(raw: &str) -> Option<String> {
    const FORMATTING: &[&str] = &[
        "b", "i", "strong", "em", "u", "s", "code", "sub", "sup", "small", "span", "br", "br/",
    ];
    raw.match_indices('<').find_map(|(at, _)| {
        let rest = &raw[at + 1..];
        let first = rest.chars().next()?;
        if !(first.is_ascii_alphabetic() || matches!(first, '/' | '!' | '?')) {
            return None;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = rest[..end].trim_end();
        let name = tag.trim_start_matches('/').to_ascii_lowercase();
        (!FORMATTING.contains(&name.as_str())).then(|| tag.chars().take(20).collect::<String>())
    })
}

/// Whether `text` holds what mdBook's `links` preprocessor expands or unescapes, by its rule:
/// `{{`, whitespace, `#`, a name, whitespace, a target, `}}` (`{{#include x.md}}`), or `\{{#`
/// with `}}` later on its line.
pub fn holds_mdbook_link(text: &str) -> bool {
    text.match_indices("{{").any(|(at, _)| {
        let rest = &text[at + 2..];
        let escaped = text[..at].ends_with('\\')
            && rest.starts_with('#')
            && rest
                .split('\n')
                .next()
                .is_some_and(|line| line.contains("}}"));
        escaped || expands(rest)
    })
}

/// Whether the text after a `{{` reads as an mdBook link: `#name target}}`.
fn expands(rest: &str) -> bool {
    let Some(rest) = rest.trim_start().strip_prefix('#') else {
        return false;
    };
    let name = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let target = rest[name..].trim_start();
    let spaced = target.len() < rest.len() - name;
    let end = target.find('}').unwrap_or(target.len());
    name > 0 && spaced && end > 0 && target[end..].starts_with("}}")
}

/// Lower case, without the whitespace and control characters browsers skip in addresses.
pub fn squeezed(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Style that would fetch something: `@import`, `url(…)` other than to an element of the page,
/// or a function that takes an image's address. Read as the browser reads it: escapes decoded
/// (`u\72l(` is `url(`), comments and whitespace gone.
pub fn check_css(css: &str) -> Result<(), String> {
    let css = squeezed(&css_unescaped(css));
    if css.contains("@import") || css.contains("expression(") {
        return Err("the drawn SVG's style imports or evaluates something".into());
    }
    for function in ["image(", "image-set(", "cross-fade(", "element(", "src("] {
        if css.contains(function) {
            return Err(format!(
                "the drawn SVG's style uses {function}), which may fetch an image"
            ));
        }
    }
    let mut rest = css.as_str();
    while let Some(at) = rest.find("url(") {
        rest = &rest[at + 4..];
        let target = rest.trim_start_matches(['"', '\'']);
        if !target.starts_with('#') {
            return Err("the drawn SVG's style fetches a url()".into());
        }
    }
    Ok(())
}

/// CSS text with its escapes decoded (`\72 ` and `\r` are both `r`) and its comments removed.
fn css_unescaped(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut code = 0u32;
                let mut digits = 0;
                while let Some(digit) = chars.peek().and_then(|c| c.to_digit(16)) {
                    if digits == 6 {
                        break;
                    }
                    code = code * 16 + digit;
                    digits += 1;
                    chars.next();
                }
                if digits > 0 {
                    out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    // One whitespace after a code point escape belongs to it.
                    chars.next_if(|c| c.is_whitespace());
                } else if let Some(escaped) = chars.next() {
                    out.push(escaped);
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_http_addresses_are_links() {
        for url in [
            "https://example.com/",
            "http://example.com",
            "HTTPS://example.com/a?b=1&c=(2)#d",
            "https://example.com/javascript:x/\"'<>|{{#include%20x}}/ünï",
        ] {
            assert!(unsafe_url(url).is_none(), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "mailto:a@example.com",
            "/relative",
            "//example.com/",
            "example.com",
            "https:example.com",
            "https://",
            "https:///x",
            " https://example.com/",
            "https://example.com/a b",
            "https://example.com/\t",
            "https://example.com/\u{2028}",
            "https://example.com/\u{7}",
            "https\n://example.com/",
        ] {
            assert!(unsafe_url(url).is_some(), "{url:?}");
        }
    }

    #[test]
    fn mdbook_links_as_mdbook_reads_them() {
        for link in [
            "A{{#include x.md}}",
            "{{ #title evil}}",
            "{{\n#include  a b}}",
            "x \\{{#anything}} y",
            "{{#rustdoc_include ../src/main.rs:2}}",
        ] {
            assert!(holds_mdbook_link(link), "{link:?}");
        }
        for plain in [
            "A{{Gateway}}",
            "A{{#35;include x}}",
            "{{#include}}",
            "{{#include x.md}",
            "\\{{#x\n}}",
            "{ {#include x}}",
        ] {
            assert!(!holds_mdbook_link(plain), "{plain:?}");
        }
    }
}
