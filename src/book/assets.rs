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

/// The asset files' contents, each led by the version line.
pub fn assets() -> [(&'static str, String); 2] {
    [
        (JS_PATH, format!("{}\n{WIZARD_JS}", version_line())),
        (CSS_PATH, format!("{}\n{WIZARD_CSS}", version_line())),
    ]
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

    #[test]
    fn the_assets_are_small_and_load_nothing_from_elsewhere() {
        assert!(
            // 20 KiB until the script's words moved into the page's data (labels), which
            // costs the code that fills them in, and the result table took the engine's HTML;
            // 22 KiB until the pattern index's filter joined the wizard's script and style.
            WIZARD_JS.len() + WIZARD_CSS.len() <= 32 * 1024,
            "JS + CSS within 32 KiB"
        );
        for asset in [WIZARD_JS, WIZARD_CSS] {
            assert!(!asset.contains("http://") && !asset.contains("https://"));
            assert!(!asset.contains("@import") && !asset.contains("fetch("));
        }
    }
}
