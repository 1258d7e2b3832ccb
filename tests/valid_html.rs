//! The handbook's pages are valid HTML, as the W3C Nu HTML checker (vnu, the checker behind
//! validator.w3.org/nu) reads them: one page of each kind, in both diagram modes, checked by one
//! run of the checker. Every message it gives must be one of two lists below, each entry with its
//! reason: mdBook's theme (markup of mdBook's templates, which a book cannot change) and the
//! checker's limits. Any other message is ours, and fails the test with its page, line, column
//! and words; so does an entry of the lists that no page gives any more, so that they stay true.
//!
//! The checker is the npm package `vnu-jar`, installed into `target/tools/vnu` on first use (its
//! own folder: npm removes from a folder what it did not install in the same command, and
//! `target/tools/node_modules` holds the browser test's axe-core); it runs on `java` from
//! `PATH` (Java 17 or later; Debian's `default-jre-headless`, which `.ci/run` installs).

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The checker's version. Its messages are matched by their exact words, which another version
/// may change: a new one is a deliberate step, with the lists below read again.
const VNU_VERSION: &str = "26.9.27";

/// One page of each kind: the wizard, a pattern's page, a case study's, the patterns' index, a
/// guide two folders deep, the compare page, and the print page, which holds every chapter.
const PAGES: &[&str] = &[
    "wizard.html",
    "compare.html",
    "patterns/saga.html",
    "case-studies/netflix-streaming.html",
    "patterns/index.html",
    "guides/payments/zero-data-loss.html",
    "print.html",
];

/// Messages about mdBook's own templates, the same on every page of any mdBook 0.5 book: no
/// preprocessor can change them.
const MDBOOK_THEME: &[(&str, &str)] = &[
    (
        "The “aria-label” attribute must not be used on any “label” element that is associated with a labelable element.",
        "mdBook's index.hbs: the sidebar toggle, `<label for=\"mdbook-sidebar-toggle-anchor\" aria-label=…>`",
    ),
    (
        "The “aria-controls” attribute must not be used on any “label” element that is associated with a labelable element.",
        "mdBook's index.hbs: the same sidebar toggle's `aria-controls=\"mdbook-sidebar\"`",
    ),
];

/// Messages where the checker reports what is valid, or only informs about what is written so on
/// purpose.
const CHECKER_LIMITS: &[(&str, &str)] = &[(
    "Discarding superfluous token “document” from value of attribute “role”. Browsers only process the first token found that is a defined ARIA non-abstract role.",
    "an info, not an error: a drawn diagram's `role=\"graphics-document document\"` (as mermaid writes it) names ARIA's fallback role for browsers without the Graphics module",
)];

/// The pages of both diagram modes checked by one run of vnu: nothing but the lists' messages,
/// and each of the lists' messages somewhere.
#[test]
fn the_handbooks_pages_are_valid_html_in_both_diagram_modes() {
    let jar = vnu_jar();
    let java = java();
    let svg = common::built_handbook();
    let mermaid_book = tempfile::tempdir().unwrap();
    let mermaid = build_in_mermaid_mode(mermaid_book.path());

    let svg_wizard = std::fs::read_to_string(svg.join("wizard.html")).unwrap();
    let mermaid_wizard = std::fs::read_to_string(mermaid.join("wizard.html")).unwrap();
    assert!(
        svg_wizard.contains("<svg id=\"patterns-wizard-") && !svg_wizard.contains("mermaid.min"),
        "svg mode draws the diagrams at build time"
    );
    assert!(
        mermaid_wizard.contains("class=\"mermaid\"")
            && !mermaid_wizard.contains("<svg id=\"patterns-"),
        "mermaid mode leaves the diagrams to mermaid.js"
    );

    let mut files = Vec::new();
    for (mode, dir) in [("svg", svg), ("mermaid", mermaid.as_path())] {
        for page in PAGES {
            let path = dir.join(page);
            assert!(path.is_file(), "{mode}: the handbook has {page}");
            files.push((mode, *page, path));
        }
    }
    let output = Command::new(&java)
        .arg("-jar")
        .arg(&jar)
        .args(["--format", "json", "--exit-zero-always", "--stdout"])
        .args(files.iter().map(|(_, _, path)| path))
        .output()
        .expect("java runs the checker");
    assert!(
        output.status.success(),
        "vnu failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "vnu's report is JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let messages = report["messages"].as_array().expect("vnu's messages");

    let allowed: BTreeMap<&str, &str> =
        MDBOOK_THEME.iter().chain(CHECKER_LIMITS).copied().collect();
    let mut seen = BTreeSet::new();
    let mut ours = Vec::new();
    for message in messages {
        let text = message["message"].as_str().unwrap_or_default();
        if allowed.contains_key(text) {
            seen.insert(text);
            continue;
        }
        // The page the message is about, by its `file:` address.
        let url = message["url"].as_str().unwrap_or_default();
        let page = files
            .iter()
            .find(|(_, _, path)| url.ends_with(&*path.to_string_lossy()))
            .map_or_else(
                || url.to_owned(),
                |(mode, page, _)| format!("{mode}: {page}"),
            );
        let line = message["firstLine"]
            .as_u64()
            .or(message["lastLine"].as_u64())
            .unwrap_or(0);
        let column = message["firstColumn"].as_u64().unwrap_or(0);
        let kind = match message["subType"].as_str() {
            Some(sub) => format!("{} {sub}", message["type"].as_str().unwrap_or_default()),
            None => message["type"].as_str().unwrap_or_default().to_owned(),
        };
        let extract = message["extract"].as_str().unwrap_or_default();
        ours.push(format!(
            "{page}:{line}:{column}: {kind}: {text}\n    at: {extract:?}"
        ));
    }
    assert!(
        ours.is_empty(),
        "vnu {} finds {} problem(s) of ours (neither mdBook's theme nor a limit of the checker):\n{}",
        report["version"],
        ours.len(),
        ours.join("\n")
    );
    let stale: Vec<&str> = (allowed.keys())
        .filter(|text| !seen.contains(*text))
        .copied()
        .collect();
    assert!(
        stale.is_empty(),
        "no page gives these allowed messages any more; take them off the lists:\n{}",
        stale.join("\n")
    );
}

/// The handbook built as an author with mdbook-mermaid builds it: `mdbook-mermaid install`, then
/// `mdbook-patterns install`, `diagrams = "mermaid"`, and the real mdBook. The book and its data
/// are copied side by side, as `book.toml`'s `data = "../patterns-data"` expects.
fn build_in_mermaid_mode(dir: &Path) -> PathBuf {
    let root = common::root();
    for (from, to) in [("book", "book"), ("patterns-data", "patterns-data")] {
        let from = root.join(from);
        for file in common::files_below(&from) {
            // `book/book` is where a build in the repository would have gone.
            if to == "book" && file.starts_with("book") {
                continue;
            }
            let target = dir.join(to).join(&file);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(from.join(&file), target).unwrap();
        }
    }
    let book = dir.join("book");
    let mermaid = common::real_mdbook_mermaid();
    let bin = env!("CARGO_BIN_EXE_mdbook-patterns");
    common::run(
        Command::new(&mermaid).arg("install").arg(&book),
        "mdbook-mermaid install",
    );
    common::run(
        Command::new(bin).arg("install").arg(&book),
        "mdbook-patterns install",
    );
    let toml = book.join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    assert!(
        text.contains("diagrams = \"svg\"") && text.contains("before = [\"mermaid\"]"),
        "the handbook asks for svg, and install put our preprocessor before mermaid:\n{text}"
    );
    std::fs::write(
        &toml,
        text.replace("diagrams = \"svg\"", "diagrams = \"mermaid\""),
    )
    .unwrap();
    let out = dir.join("out");
    common::run(
        Command::new(common::real_mdbook())
            .env("SOURCE_DATE_EPOCH", crate::common::HANDBOOK_DAY)
            .arg("build")
            .arg(&book)
            .arg("--dest-dir")
            .arg(&out)
            .env("MDBOOK_PREPROCESSOR__PATTERNS__COMMAND", bin)
            .env("MDBOOK_PREPROCESSOR__MERMAID__COMMAND", &mermaid),
        "mdbook build in mermaid mode",
    );
    out
}

/// `java` from `PATH`, or a failure that says how to get it.
fn java() -> PathBuf {
    let java = PathBuf::from("java");
    let runs = Command::new(&java)
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        runs,
        "the HTML checker (vnu) needs Java 17 or later as `java` on PATH: on Debian, \
         `apt-get install default-jre-headless` (as .ci/run does)"
    );
    java
}

/// vnu's jar, installed from npm into `target/tools/vnu` unless that folder has this version.
fn vnu_jar() -> PathBuf {
    static JAR: OnceLock<PathBuf> = OnceLock::new();
    JAR.get_or_init(|| {
        let prefix = common::tools_dir().join("vnu");
        let package = prefix.join("node_modules/vnu-jar");
        let jar = package.join("build/dist/vnu.jar");
        let installed = || {
            let manifest = std::fs::read_to_string(package.join("package.json")).ok();
            let version = manifest
                .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
                .and_then(|json| json["version"].as_str().map(str::to_owned));
            jar.is_file() && version.as_deref() == Some(VNU_VERSION)
        };
        if !installed() {
            eprintln!(
                "installing vnu-jar {VNU_VERSION} from npm into {}",
                prefix.display()
            );
            std::fs::create_dir_all(&prefix).unwrap();
            common::run(
                Command::new("npm")
                    .args([
                        "install",
                        "--no-save",
                        "--no-audit",
                        "--no-fund",
                        "--ignore-scripts",
                        "--prefix",
                    ])
                    .arg(&prefix)
                    .arg(format!("vnu-jar@{VNU_VERSION}")),
                "npm install vnu-jar (needs npm: on Debian, apt-get install npm)",
            );
        }
        assert!(installed(), "{} is vnu-jar {VNU_VERSION}", jar.display());
        jar
    })
    .clone()
}
