//! Helpers shared by the tests that need the built handbook or outside tools.

pub mod golden;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The handbook in `book/`, built once for all tests with `mdbook-patterns build`.
/// The day every test builds the handbook on (`SOURCE_DATE_EPOCH`, 2026-12-01): its tier
/// badges' markers and its staleness warnings are measured from it, so that what the tests
/// expect does not change with the date they run on.
pub const HANDBOOK_DAY: &str = "1796083200";

pub fn built_handbook() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().expect("a temporary folder");
        let output = Command::new(env!("CARGO_BIN_EXE_mdbook-patterns"))
            .args(["build", "book"])
            .env("SOURCE_DATE_EPOCH", HANDBOOK_DAY)
            .current_dir(root())
            .env("MDBOOK_BUILD__BUILD_DIR", out.path())
            .output()
            .expect("the binary runs");
        assert!(
            output.status.success(),
            "the handbook builds: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        out
    })
    .path()
}

/// `target/tools`, where tests keep the tools they install for themselves.
pub fn tools_dir() -> PathBuf {
    root().join("target/tools")
}

/// Runs `command`, panicking with its output when it fails.
pub fn run(command: &mut Command, what: &str) {
    let output = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        output.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every file below `dir`, relative, sorted.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).expect("a readable folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).expect("below dir").to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// Copies a fixture book (without its `expected/` output) to `to`. A book whose data lives in
/// `tests/fixtures/golden/data` is pointed at it there.
pub fn copy_book(from: &Path, to: &Path) {
    for file in files_below(from) {
        if file.starts_with("expected") || file.starts_with("book") {
            continue;
        }
        let target = to.join(&file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(from.join(&file), target).unwrap();
    }
    let toml = to.join("book.toml");
    let data = root().join("tests/fixtures/golden/data");
    let text = std::fs::read_to_string(&toml).unwrap();
    let text = text.replace(
        "\"../../golden/data\"",
        &format!("{:?}", data.display().to_string()),
    );
    std::fs::write(toml, text).unwrap();
}

/// mdBook 0.5: `$MDBOOK` if set, else `target/tools/bin/mdbook`, installed there from crates.io
/// on first use (a few minutes, once), so that `cargo test` needs nothing but Rust.
pub fn real_mdbook() -> PathBuf {
    // Found once for all tests: two tests at once must not both install it.
    static TOOL: OnceLock<PathBuf> = OnceLock::new();
    TOOL.get_or_init(|| cargo_tool("MDBOOK", "mdbook", "~0.5", "v0.5."))
        .clone()
}

/// mdbook-mermaid 0.17 (the one for mdBook 0.5): `$MDBOOK_MERMAID` if set, else installed
/// into `target/tools` like mdBook.
pub fn real_mdbook_mermaid() -> PathBuf {
    static TOOL: OnceLock<PathBuf> = OnceLock::new();
    TOOL.get_or_init(|| cargo_tool("MDBOOK_MERMAID", "mdbook-mermaid", "~0.17", "0.17."))
        .clone()
}

/// A tool from crates.io: the path in `$variable` if set, else `target/tools/bin/NAME`, installed
/// with `cargo install` unless its `--version` already says `version_text`.
fn cargo_tool(variable: &str, name: &str, requirement: &str, version_text: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(variable) {
        return PathBuf::from(path);
    }
    let tools = tools_dir();
    let tool = tools.join("bin").join(name);
    let is_right = |path: &Path| {
        Command::new(path)
            .arg("--version")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(version_text))
    };
    // One install at a time, whatever the tool: they share `target/tools`.
    static INSTALLING: Mutex<()> = Mutex::new(());
    let _one_at_a_time = INSTALLING.lock().unwrap_or_else(|e| e.into_inner());
    if !is_right(&tool) {
        eprintln!(
            "installing {name} {requirement} into {} for this test",
            tools.display()
        );
        let status = Command::new(env!("CARGO"))
            .args([
                "install",
                name,
                "--version",
                requirement,
                "--locked",
                "--root",
            ])
            .arg(&tools)
            .status()
            .expect("cargo runs");
        assert!(status.success(), "cargo install {name} failed");
    }
    assert!(
        is_right(&tool),
        "{} is not {name} {requirement}",
        tool.display()
    );
    tool
}

/// Every way through the decision tree, as (node, label) answers.
#[allow(unused_imports)] // each test file uses its own part
pub use mdbook_patterns::tree_paths;

/// Runs `command` with `input` on its stdin (written from another thread, so that a command
/// that writes while it reads cannot block), and returns what it printed.
pub fn run_with_stdin(command: &mut Command, input: Vec<u8>) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    let mut stdin = child.stdin.take().expect("a pipe");
    // A command that stops reading early closes the pipe; that is its answer, not an error.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("the command is waited for");
    writer.join().expect("the writer thread");
    output
}

/// Every file below `a` is below `b` too, with the same bytes, and no other.
pub fn assert_same_trees(a: &Path, b: &Path) {
    let files = files_below(a);
    assert_eq!(files, files_below(b), "the same files");
    for file in files {
        assert!(
            std::fs::read(a.join(&file)).unwrap() == std::fs::read(b.join(&file)).unwrap(),
            "{} differs",
            file.display()
        );
    }
}

/// What the links of a built book lead to: every `href` of every page (in SVG diagrams too),
/// other than to another host or a mail address, checked to reach a file, and an `#anchor` to
/// reach an id on it.
pub struct Links {
    /// How many links were checked.
    pub checked: usize,
    /// How many of them stand inside an SVG diagram.
    pub in_diagrams: usize,
    /// Each broken one: the page, the link and what is missing.
    pub broken: Vec<String>,
}

/// Each key of a page address's hash that a script reads, and the id of the element the page
/// must hold for it: the script's data.
const SCRIPT_PANELS: [(&str, &str); 2] = [
    ("wizard", "patterns-wizard-data"),
    ("compare", "patterns-compare-data"),
];

/// The links of every HTML page below `root` (see [`Links`]).
pub fn links_of(root: &Path) -> Links {
    use scraper::{Html, Selector};
    let pages: Vec<PathBuf> = files_below(root)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    let with_id = Selector::parse("[id]").unwrap();
    let anchors = Selector::parse("a").unwrap();
    let mut ids = std::collections::BTreeMap::new();
    let mut documents = Vec::new();
    for page in &pages {
        let html = Html::parse_document(&std::fs::read_to_string(root.join(page)).unwrap());
        let found: std::collections::BTreeSet<String> = (html.select(&with_id))
            .filter_map(|e| e.value().attr("id").map(str::to_owned))
            .collect();
        ids.insert(page.clone(), found);
        documents.push((page.clone(), html));
    }
    let mut links = Links {
        checked: 0,
        in_diagrams: 0,
        broken: Vec::new(),
    };
    for (page, html) in &documents {
        // Links inside SVG diagrams carry `xlink:href`: any attribute named `href`.
        for link in html.select(&anchors) {
            let Some(href) = (link.value().attrs.iter())
                .find(|(name, _)| &*name.local == "href")
                .map(|(_, value)| &**value)
            else {
                continue;
            };
            if href.contains("://") || href.starts_with("mailto:") {
                continue;
            }
            let (path, anchor) = href.split_once('#').unwrap_or((href, ""));
            let target = if path.is_empty() {
                page.clone()
            } else {
                let mut joined = normalize(&page.parent().unwrap_or(Path::new("")).join(path));
                if path.ends_with('/') {
                    joined.push("index.html");
                }
                joined
            };
            links.checked += 1;
            if link
                .ancestors()
                .any(|a| a.value().as_element().is_some_and(|e| e.name() == "svg"))
            {
                links.in_diagrams += 1;
            }
            if !root.join(&target).is_file() {
                links.broken.push(format!(
                    "{}: {href} (no file {})",
                    page.display(),
                    target.display()
                ));
            } else if let Some((key, _)) = anchor.split_once('=') {
                // A script's state (`#compare=a,b`): the page must hold the script's panel.
                let panel = SCRIPT_PANELS
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, id)| *id);
                if !panel
                    .is_some_and(|panel| ids.get(&target).is_some_and(|ids| ids.contains(panel)))
                {
                    links
                        .broken
                        .push(format!("{}: {href} (no script for {key}=)", page.display()));
                }
            } else if !anchor.is_empty()
                && target.extension().is_some_and(|e| e == "html")
                && !ids.get(&target).is_some_and(|ids| ids.contains(anchor))
            {
                links
                    .broken
                    .push(format!("{}: {href} (no #{anchor})", page.display()));
            }
        }
    }
    links
}

/// `a/b/../c` → `a/c`.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
