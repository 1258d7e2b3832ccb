//! The wizard's script and stylesheet: embedded in the binary, written into a book by
//! `install` with a version line, and checked by every build that renders a wizard for HTML.

use std::path::Path;

/// The script, as embedded in the binary.
pub const WIZARD_JS: &str = include_str!("../../assets/wizard.js");
/// The stylesheet, as embedded in the binary.
pub const WIZARD_CSS: &str = include_str!("../../assets/wizard.css");

/// Where the assets go, relative to the book root.
pub const JS_PATH: &str = "mdbook-patterns/wizard.js";
pub const CSS_PATH: &str = "mdbook-patterns/wizard.css";

/// The first line of every written asset; a build compares it with its own.
pub fn version_line() -> String {
    format!(
        "/* mdbook-patterns {}: written by `mdbook-patterns install`; run it again after upgrading. */",
        env!("CARGO_PKG_VERSION")
    )
}

/// The asset files' contents as a book gets them: each led by the version line, without the
/// comments written for the people who read the sources (a reader's browser downloads them).
pub fn assets() -> [(&'static str, String); 2] {
    [
        (JS_PATH, format!("{}\n{}", version_line(), script_shipped())),
        (CSS_PATH, format!("{}\n{}", version_line(), style_shipped())),
    ]
}

/// The script without its whole-line `//` comments. It has no template literal (a test checks
/// that no backtick stands outside a comment), so no such line is inside a string.
fn script_shipped() -> String {
    let lines = WIZARD_JS
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"));
    lines.map(|l| format!("{l}\n")).collect()
}

/// The stylesheet without its `/* … */` comments and the blank lines they leave.
fn style_shipped() -> String {
    let mut out = String::with_capacity(WIZARD_CSS.len());
    let mut rest = WIZARD_CSS;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .split_once("*/")
            .map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    let lines = out.lines().map(str::trim_end).filter(|l| !l.is_empty());
    lines.map(|l| format!("{l}\n")).collect()
}

/// Whether the book at `root` has this version's assets, installed and wired in. `None` when
/// they are; else what is wrong.
pub fn stale_assets(
    root: &Path,
    additional_js: &[String],
    additional_css: &[String],
) -> Option<String> {
    for (relative, contents) in assets() {
        let listed = if relative.ends_with(".js") {
            additional_js
        } else {
            additional_css
        };
        if !listed.iter().any(|p| Path::new(p) == Path::new(relative)) {
            return Some(format!("book.toml does not load {relative}"));
        }
        match std::fs::read_to_string(root.join(relative)) {
            Ok(found) if found == contents => {}
            Ok(found) if found.lines().next() != Some(version_line().as_str()) => {
                return Some(format!(
                    "{relative} is from another version of mdbook-patterns"
                ));
            }
            Ok(_) => return Some(format!("{relative} was changed by hand")),
            Err(_) => return Some(format!("{relative} is missing")),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The size a reader downloads: both files gzipped, as a web server sends them.
    fn gzipped(text: &str) -> usize {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(text.as_bytes()).unwrap();
        encoder.finish().unwrap().len()
    }

    #[test]
    fn the_assets_are_small_and_load_nothing_from_elsewhere() {
        let size: usize = assets().iter().map(|(_, text)| gzipped(text)).sum();
        assert!(
            size <= 12 * 1000,
            "JS + CSS gzipped within 12 KB: {size} bytes"
        );
        let code = WIZARD_JS
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"));
        assert!(
            code.clone().all(|l| !l.contains('`')),
            "no template literal, so that dropping comment lines cannot cut one"
        );
        assert!(!style_shipped().contains("/*") && !script_shipped().contains("\n//"));
        for asset in [WIZARD_JS, WIZARD_CSS] {
            assert!(!asset.contains("http://") && !asset.contains("https://"));
            assert!(!asset.contains("@import") && !asset.contains("fetch("));
        }
    }
}
