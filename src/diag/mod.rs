//! Problems found in the data or the book, each saying where it is and what to do.

pub mod excerpt;
pub mod suggest;

use std::borrow::Cow;
use std::fmt::Write as _;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column (in characters), as editors count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where a problem is: a file, and inside it a position and a JSON path when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub position: Option<Position>,
    pub path: Option<String>,
    /// The text of the line at `position`, shown under the message.
    pub line_text: Option<String>,
}

impl Location {
    /// A whole file or folder, with no position inside it.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            position: None,
            path: None,
            line_text: None,
        }
    }
}

/// What is wrong, what to do about it, and where: the crate's one error type. Whatever finds
/// a problem (the loader, the checks, a directive, the engine, `install`) gives one; where it
/// is found in the data or the book, it becomes a [`Diagnostic`].
///
/// A problem is written in one way only, `file:line:col: path: message (help)` (see its
/// `Display`, and [`Diagnostic::headline`] for a terminal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// Where it is, when known (boxed: a problem is the error of many a `Result`, kept small).
    pub location: Option<Box<Location>>,
    /// Whether it only follows from a problem reported already (a directive naming an entry of
    /// the data that could not be read): shown where it lands, not reported a second time.
    pub follows: bool,
}

impl Problem {
    pub fn new(message: impl Into<String>, help: Option<String>) -> Self {
        Problem {
            message: message.into(),
            help,
            location: None,
            follows: false,
        }
    }

    /// A problem that only follows from one reported already (see [`Problem::follows`]).
    pub fn following(message: impl Into<String>, help: Option<String>) -> Self {
        Problem {
            follows: true,
            ..Problem::new(message, help)
        }
    }

    /// The problem, found at `location`.
    pub fn at(self, location: Location) -> Self {
        Problem {
            location: Some(Box::new(location)),
            ..self
        }
    }

    /// The one-line form, `file:line:col: path: message (help)`, with `marker` after the file
    /// and every part passed through `show`.
    fn line<'a>(&'a self, marker: &str, show: impl Fn(&'a str) -> Cow<'a, str>) -> String {
        let mut out = String::new();
        if let Some(location) = &self.location {
            out.push_str(&show(&location.file));
            if let Some(Position { line, column }) = location.position {
                let _ = write!(out, ":{line}:{column}");
            }
            out.push_str(": ");
        }
        out.push_str(marker);
        if let Some(path) = self.location.as_ref().and_then(|l| l.path.as_ref()) {
            let _ = write!(out, "{}: ", show(path));
        }
        out.push_str(&show(&self.message));
        if let Some(help) = &self.help {
            let _ = write!(out, " ({})", show(help));
        }
        out
    }
}

/// `file:line:col: path: message (help)`, each part where known, as written (the caller
/// escapes it for where it goes).
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.line("", Cow::Borrowed))
    }
}

impl std::error::Error for Problem {}

/// A problem found in the data or the book: an error stops the build, a warning does not.
///
/// What a message or help quotes from the data is bounded (see [`excerpt::bounded`]): no
/// diagnostic echoes more than a short excerpt of a file, in either output format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub problem: Problem,
}

impl Diagnostic {
    /// The diagnostic with its file, relative to `base`, named from where `base` is relative
    /// to: `base` joined to it, `..` taken out where it can be (`book/../data/x.json` is
    /// `data/x.json`). An absolute file stays as it is.
    pub fn seen_from(mut self, base: &std::path::Path) -> Self {
        if let Some(location) = self.problem.location.as_mut()
            && std::path::Path::new(&location.file).is_relative()
        {
            location.file = lexically_joined(base, &location.file);
        }
        self
    }

    pub fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic::from(Problem {
            location: location.map(Box::new),
            ..Problem::new(message, None)
        })
    }

    pub fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(location, message)
        }
    }

    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.problem.help = help.map(excerpt::bounded);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form: `file:line:col: path: message (help)`, with `warning: ` before the
    /// path of a warning. For a terminal: control characters are escaped (see
    /// [`excerpt::escaped`]).
    pub fn headline(&self) -> String {
        let marker = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        self.problem.line(marker, excerpt::escaped)
    }

    /// The headline, then the source line (around the column, escaped) with a caret under the
    /// column.
    pub fn render_human(&self) -> String {
        let mut out = self.headline();
        out.push('\n');
        let Some(location) = &self.problem.location else {
            return out;
        };
        if let (Some(position), Some(text)) = (location.position, &location.line_text) {
            let number = position.line.to_string();
            let gutter = " ".repeat(number.len());
            let (shown, mark) = around(text, position.column.saturating_sub(1));
            let indent: String = shown
                .chars()
                .take(mark)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{number} | {shown}");
            let _ = writeln!(out, "{gutter} | {indent}^");
        }
        out
    }
}

/// The problem as an error, its message and help bounded.
impl From<Problem> for Diagnostic {
    fn from(problem: Problem) -> Self {
        Diagnostic {
            severity: Severity::Error,
            problem: Problem {
                message: excerpt::bounded(problem.message),
                help: problem.help.map(excerpt::bounded),
                location: problem.location,
                follows: problem.follows,
            },
        }
    }
}

/// Lines up to this many characters are shown whole; of a longer one (a data file written on
/// one line, minified, or not text at all), [`CONTEXT`] characters on either side of the mark.
const LONGEST: usize = 120;
const CONTEXT: usize = 40;

/// The part of `line` shown around the character at `column` (from 0), its control characters
/// escaped, and where that character is in it; `…` marks what is left out.
fn around(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let column = column.min(chars.len());
    let (start, end) = if chars.len() <= LONGEST {
        (0, chars.len())
    } else {
        (
            column.saturating_sub(CONTEXT),
            (column + CONTEXT).min(chars.len()),
        )
    };
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    let mut mark = None;
    for (at, &c) in chars.iter().enumerate().take(end).skip(start) {
        if at == column {
            mark = Some(shown.chars().count());
        }
        excerpt::push_escaped(&mut shown, c);
    }
    let mark = mark.unwrap_or_else(|| shown.chars().count());
    if end < chars.len() {
        shown.push('…');
    }
    (shown, mark)
}

/// The machine-readable form of a diagnostic, a stable shape for CI.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    path: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
}

/// Every diagnostic as a pretty-printed JSON array of
/// `{severity, file, line, column, path, message, help}`.
pub fn render_json(diagnostics: &[Diagnostic]) -> String {
    let items: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| {
            let location = d.problem.location.as_ref();
            let position = location.and_then(|l| l.position);
            JsonDiagnostic {
                severity: d.severity,
                file: location.map(|l| l.file.as_str()),
                line: position.map(|p| p.line),
                column: position.map(|p| p.column),
                path: location.and_then(|l| l.path.as_deref()),
                message: &d.problem.message,
                help: d.problem.help.as_deref(),
            }
        })
        .collect();
    serde_json::to_string_pretty(&items).expect("diagnostics serialize to JSON")
}

/// "2 errors, 1 warning", or `None` when there is nothing to count.
pub fn summary(diagnostics: &[Diagnostic]) -> Option<String> {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => None,
        (e, 0) => Some(plural(e, "error")),
        (0, w) => Some(plural(w, "warning")),
        (e, w) => Some(format!("{}, {}", plural(e, "error"), plural(w, "warning"))),
    }
}

/// `base` joined to `file`, `.` and `..` taken out where a name before them can be.
fn lexically_joined(base: &std::path::Path, file: &str) -> String {
    use std::path::Component;
    let whole = base.join(file);
    let mut parts: Vec<Component> = Vec::new();
    for part in whole.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    let joined: std::path::PathBuf = parts.iter().collect();
    joined.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_shown_around_its_mark() {
        let line = format!("{}é{}", "a".repeat(500), "b".repeat(500));
        let diagnostic = Diagnostic::error(
            Some(Location {
                file: "data/x.json".into(),
                position: Some(Position {
                    line: 1,
                    column: 501,
                }),
                path: None,
                line_text: Some(line),
            }),
            "here",
        );
        let shown = diagnostic.render_human();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(
            lines[2],
            format!("1 | …{}é{}…", "a".repeat(40), "b".repeat(39))
        );
        assert_eq!(lines[3], format!("  | {}^", " ".repeat(41)));
        // A short line is shown whole.
        assert_eq!(around("abc", 1), ("abc".to_owned(), 1));
        // Control characters are escaped, and the mark moves with them; tabs are kept.
        assert_eq!(around("\u{1b}[2J\tx", 5), ("\\u{1b}[2J\tx".to_owned(), 10));
    }
}
