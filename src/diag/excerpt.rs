//! Text from the data and the chapters as messages show it: bounded, and safe on a terminal.
//!
//! Data may come from someone else. A message quotes what it is about (an id, a key, the text
//! found where a number belongs), and the human output shows the line at fault: neither may echo
//! a whole file, and neither may reach the terminal with its control characters, which would let
//! the data move the cursor, recolour or clear the screen, or forge a line of output.

use std::borrow::Cow;

/// The most characters of one quoted run (`"…"`) of a message.
pub const MAX_QUOTED: usize = 40;

/// The most characters of a whole message or help.
pub const MAX_TEXT: usize = 400;

/// `text`, a message or a help, with every quoted run (what lies between `"` and `"`, where
/// messages put what they quote from the data) cut to [`MAX_QUOTED`] characters, and the whole
/// to [`MAX_TEXT`] (its start and its end kept). A `"` after a backslash does not end a run.
pub fn bounded(text: String) -> String {
    let mut out = String::new();
    let mut cut = false;
    let mut quoted = None::<usize>; // characters of the run at hand, when inside one
    let mut escaped = false;
    for c in text.chars() {
        match quoted {
            Some(count) if c == '"' && !escaped => {
                if count > MAX_QUOTED {
                    out.push('…');
                }
                out.push(c);
                quoted = None;
            }
            Some(count) => {
                if count < MAX_QUOTED {
                    out.push(c);
                } else {
                    cut = true;
                }
                quoted = Some(count + 1);
                escaped = c == '\\' && !escaped;
            }
            None => {
                out.push(c);
                if c == '"' {
                    quoted = Some(0);
                    escaped = false;
                }
            }
        }
    }
    if quoted.is_some_and(|count| count > MAX_QUOTED) {
        out.push('…');
    }
    let out = if cut { out } else { text };
    let count = out.chars().count();
    if count <= MAX_TEXT {
        return out;
    }
    let head = MAX_TEXT * 3 / 4;
    let tail = MAX_TEXT - head - 1;
    let mut shortened: String = out.chars().take(head).collect();
    shortened.push('…');
    shortened.extend(out.chars().skip(count - tail));
    shortened
}

/// Whether `c` is shown escaped on a terminal: control characters other than the tab (ESC, a
/// bare carriage return, a line break inside a message, DEL and the C1 controls), and the
/// controls of bidirectional text, which reorder what follows them on the line.
fn is_escaped(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `c` as the terminal gets it: itself, or written as Rust writes it, `\u{1b}` for ESC.
pub fn push_escaped(out: &mut String, c: char) {
    if is_escaped(c) {
        out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
    } else {
        out.push(c);
    }
}

/// `text` with its control characters escaped for a terminal (see [`push_escaped`]); tabs are
/// kept, as they read.
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_tabs_kept() {
        assert_eq!(
            escaped("a\u{1b}[31mred\u{1b}[0m\rb\tc\nd\u{7f}\u{9b}\u{202e}"),
            "a\\u{1b}[31mred\\u{1b}[0m\\u{d}b\tc\\u{a}d\\u{7f}\\u{9b}\\u{202e}"
        );
        assert!(matches!(escaped("plain é"), Cow::Borrowed(_)));
    }

    #[test]
    fn quoted_runs_and_whole_texts_are_bounded() {
        let long = "x".repeat(1000);
        assert_eq!(
            bounded(format!("unknown pattern \"{long}\" here")),
            format!("unknown pattern \"{}…\" here", "x".repeat(MAX_QUOTED))
        );
        // An escaped quote does not end the run; an unclosed run is cut too.
        assert_eq!(
            bounded(format!("found \"a\\\"{long}\"")),
            format!("found \"a\\\"{}…\"", "x".repeat(MAX_QUOTED - 3))
        );
        assert_eq!(
            bounded(format!("found \"{long}")),
            format!("found \"{}…", "x".repeat(MAX_QUOTED))
        );
        let unquoted = bounded(format!("a {long} b"));
        assert_eq!(unquoted.chars().count(), MAX_TEXT);
        assert!(unquoted.starts_with("a xx") && unquoted.ends_with("xx b"));
        assert!(unquoted.contains('…'));
        // Short texts are left as they are.
        let short = "pattern \"cdn\" is defined twice".to_owned();
        assert_eq!(bounded(short.clone()), short);
    }
}
