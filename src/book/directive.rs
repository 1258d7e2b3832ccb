//! One directive's text, `<<NAME [ID] [KEY=VALUE | KEY="quoted value"]...>>`, parsed.

use crate::diag::Problem;

/// A parsed directive: its name, optional bare id and its key/value arguments in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub name: String,
    pub id: Option<String>,
    pub args: Vec<(String, String)>,
}

impl Directive {
    /// The value of argument `key`, if given.
    pub fn arg(&self, key: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses the text between `<<` and `>>`.
pub fn parse(inner: &str) -> Result<Directive, Problem> {
    let mut cursor = Cursor { text: inner, at: 0 };
    cursor.skip_spaces();
    let name = cursor.word();
    if name.is_empty() {
        return Err(Problem::new(
            "a directive needs a name",
            Some(
                "write it as <<name ...>>, for example <<wizard>>; write \\<< for a literal <<"
                    .into(),
            ),
        ));
    }
    if !crate::text::ids::is_kebab_id(name) {
        return Err(Problem::new(
            format!("\"{name}\" is not a directive name"),
            Some("directive names are kebab-case, like <<tier-table ...>>".into()),
        ));
    }
    let mut directive = Directive {
        name: name.to_owned(),
        id: None,
        args: Vec::new(),
    };
    loop {
        cursor.skip_spaces();
        if cursor.at >= inner.len() {
            return Ok(directive);
        }
        let key = cursor.word();
        if cursor.peek() == Some('=') {
            cursor.at += 1;
            let value = cursor.value()?;
            if key.is_empty() {
                return Err(Problem::new(
                    "an argument needs a name before \"=\"",
                    Some("write key=value".into()),
                ));
            }
            if directive.arg(key).is_some() {
                return Err(Problem::new(
                    format!("argument \"{key}\" is given twice"),
                    Some("keep one of them".into()),
                ));
            }
            directive.args.push((key.to_owned(), value));
        } else if key.is_empty() {
            let found = cursor.peek().unwrap_or(' ');
            return Err(Problem::new(
                format!("unexpected \"{found}\" in a directive"),
                Some("quote values that hold spaces or symbols: key=\"a value\"".into()),
            ));
        } else if directive.id.is_none() && directive.args.is_empty() {
            directive.id = Some(key.to_owned());
        } else {
            return Err(Problem::new(
                format!("unexpected \"{key}\": a directive takes one id, first"),
                Some("write other values as key=value".into()),
            ));
        }
    }
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += self.peek().map_or(1, char::len_utf8);
        }
    }

    /// A run of name characters: letters, digits, `-`, `_`, `.`, `/`, `,`.
    fn word(&mut self) -> &'a str {
        let start = self.at;
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ',' | ':' | '+') {
                self.at += c.len_utf8();
            } else {
                break;
            }
        }
        &self.text[start..self.at]
    }

    /// A bare word or a double-quoted string with `\"` and `\\` escapes.
    fn value(&mut self) -> Result<String, Problem> {
        if self.peek() != Some('"') {
            let word = self.word();
            if word.is_empty() {
                return Err(Problem::new(
                    "an argument needs a value after \"=\"",
                    Some("write key=value, or key=\"a quoted value\"".into()),
                ));
            }
            return Ok(word.to_owned());
        }
        self.at += 1;
        let mut value = String::new();
        let mut chars = self.text[self.at..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += i + 1;
                    return Ok(value);
                }
                '\\' => match chars.next() {
                    Some((_, escaped)) => value.push(escaped),
                    None => break,
                },
                c => value.push(c),
            }
        }
        Err(Problem::new(
            "this quoted value has no closing quote",
            Some("end it with \"".into()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Directive {
        parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    #[test]
    fn reads_names_ids_and_arguments() {
        assert_eq!(ok("wizard").name, "wizard");
        let d = ok(" tier-table domain=payments-finance option=\"zero data \\\"loss\\\"\" ");
        assert_eq!(d.name, "tier-table");
        assert_eq!(d.id, None);
        assert_eq!(d.arg("domain"), Some("payments-finance"));
        assert_eq!(d.arg("option"), Some("zero data \"loss\""));
        let d = ok("pattern circuit-breaker");
        assert_eq!(d.id.as_deref(), Some("circuit-breaker"));
        let d = ok("wizard domains=a,b");
        assert_eq!(d.arg("domains"), Some("a,b"));
    }

    #[test]
    fn rejects_malformed_directives_saying_what_is_wrong() {
        let message = |text: &str| parse(text).unwrap_err().message;
        assert_eq!(message(""), "a directive needs a name");
        assert_eq!(message("Wizard"), "\"Wizard\" is not a directive name");
        assert_eq!(
            message("a b c"),
            "unexpected \"c\": a directive takes one id, first"
        );
        assert_eq!(
            message("a k=\"open"),
            "this quoted value has no closing quote"
        );
        assert_eq!(message("a k=1 k=2"), "argument \"k\" is given twice");
        assert_eq!(message("a k="), "an argument needs a value after \"=\"");
        assert_eq!(message("a =1"), "an argument needs a name before \"=\"");
        assert_eq!(message("a <b>"), "unexpected \"<\" in a directive");
    }
}
