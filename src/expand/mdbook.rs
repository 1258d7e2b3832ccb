//! Talking to mdBook as an external preprocessor: JSON in on stdin, the book out on stdout.

use std::io::{Read, Write};

use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::errors::Error;
use mdbook_preprocessor::{MDBOOK_VERSION, PreprocessorContext};

use crate::expand::Patterns;

/// Reads mdBook's `[context, book]` from `input`, expands the book and writes it to `output`.
/// On any error nothing is written, so mdBook never receives a half-expanded book.
pub fn run_as_preprocessor(mut input: impl Read, output: impl Write) -> Result<(), Error> {
    let mut text = String::new();
    input
        .read_to_string(&mut text)
        .map_err(|e| Error::msg(format!("cannot read mdBook's input on stdin: {e}")))?;
    if text.trim().is_empty() {
        return Err(Error::msg(
            "no input on stdin: mdbook-patterns is an mdBook preprocessor; add [preprocessor.patterns] to book.toml and run `mdbook build`, or run `mdbook-patterns build`",
        ));
    }
    // Parsed once, straight into the book; only input that does not fit is looked at again, to
    // say why: another mdBook's format, or no JSON at all.
    let (ctx, book): (PreprocessorContext, Book) = match serde_json::from_str(&text) {
        Ok(input) => input,
        Err(e) => {
            let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
                Error::msg(format!(
                    "mdBook's input is not valid JSON ({e}); was this run by mdBook?"
                ))
            })?;
            if let Some(theirs) = value.get(0).and_then(|ctx| ctx.get("mdbook_version")) {
                check_mdbook_version(theirs.as_str().unwrap_or_default())?;
            }
            return Err(Error::msg(format!(
                "cannot read mdBook's input ({e}); mdbook-patterns expects mdBook {MDBOOK_VERSION}'s format"
            )));
        }
    };
    drop(text);
    check_mdbook_version(&ctx.mdbook_version)?;
    let expanded = Patterns::default().expand(&ctx, book)?;
    // Written as it is serialised, not first into a buffer as big as the book: a book of
    // strings always serialises, so only the output itself can fail part-way.
    let mut output = std::io::BufWriter::new(output);
    expanded.write_json(&mut output).map_err(Error::from)?;
    output.flush().map_err(Error::from)?;
    Ok(())
}

/// mdBook changes its preprocessor format between minor versions (before 1.0): input from
/// another major.minor is refused with both versions named, before it fails to parse.
fn check_mdbook_version(theirs: &str) -> Result<(), Error> {
    let ours = semver::Version::parse(MDBOOK_VERSION).ok();
    let parsed = semver::Version::parse(theirs).ok();
    match (ours, parsed) {
        (Some(ours), Some(t)) if ours.major == t.major && ours.minor == t.minor => Ok(()),
        _ => Err(Error::msg(format!(
            "mdbook-patterns is built for mdBook {}, but this book is being built by mdBook {theirs}; \
             build with mdBook {} (or run `mdbook-patterns build`), or install an mdbook-patterns made for mdBook {theirs}",
            major_minor(MDBOOK_VERSION),
            major_minor(MDBOOK_VERSION)
        ))),
    }
}

/// `0.5.4` → `0.5`.
fn major_minor(version: &str) -> String {
    version.split('.').take(2).collect::<Vec<_>>().join(".")
}
