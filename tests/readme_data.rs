//! The README's data guide is true: its JSON blocks, each a file, make a data folder that
//! validates without a word, and so do its YAML blocks; a small book built from each is the
//! same, byte for byte.

use std::path::Path;
use std::process::Command;

use crate::common;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-patterns");

/// The code blocks of `language` in the README's data guide, in order.
fn blocks(language: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let start = readme.find("## The data format").expect("the data guide");
    let end = readme[start..]
        .find("\n## ")
        .map_or(readme.len(), |e| start + e);
    let fence = format!("```{language}\n");
    let mut out = Vec::new();
    let mut rest = &readme[start..end];
    while let Some(open) = rest.find(&fence) {
        let body = &rest[open + fence.len()..];
        let close = body.find("```").expect("a closed block");
        out.push(body[..close].to_owned());
        rest = &body[close..];
    }
    out
}

/// A book whose chapters use every part of the guide's data, its data the blocks of
/// `language`, one file each.
fn book_with(dir: &Path, language: &str, extension: &str) {
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("more")).unwrap();
    let blocks = blocks(language);
    assert!(blocks.len() >= 7, "{language}: {} blocks", blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        std::fs::write(data.join(format!("{i:02}.{extension}")), block).unwrap();
    }
    let files = [
        (
            "book.toml",
            "[book]\ntitle = \"Guide\"\n\n[preprocessor.patterns]\ndata = \"data\"\n\n[output.markdown]\n",
        ),
        (
            "src/SUMMARY.md",
            "# Summary\n\n- [Wizard](wizard.md)\n- [Patterns](patterns.md)\n  - [Circuit Breaker](patterns/circuit-breaker.md)\n- [Acme](case-studies/acme.md)\n",
        ),
        ("src/wizard.md", "# Wizard\n\n<<wizard>>\n"),
        (
            "src/patterns.md",
            "# Patterns\n\n<<pattern-index>>\n\n<<pattern retry>>\n\n<<pattern polling>>\n\n<<pattern webhooks>>\n",
        ),
        (
            "src/patterns/circuit-breaker.md",
            "# Circuit Breaker\n\n<<pattern circuit-breaker>>\n",
        ),
        (
            "src/case-studies/acme.md",
            "# Acme\n\n<<case-study acme-checkout>>\n",
        ),
    ];
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn the_guides_json_and_yaml_validate_and_build_the_same_book() {
    let dir = tempfile::tempdir().unwrap();
    let mut built = Vec::new();
    for (language, extension) in [("json", "json"), ("yaml", "yaml")] {
        let book = dir.path().join(language);
        book_with(&book, language, extension);
        let output = Command::new(BIN)
            .args(["validate", "--book"])
            .arg(&book)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&output.stderr).into_owned()
            + &String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && said.trim() == "no problems found",
            "{language}: {said}"
        );
        let out = dir.path().join(format!("{language}-out"));
        common::run(
            Command::new(BIN)
                .arg("build")
                .arg(&book)
                .env("MDBOOK_BUILD__BUILD_DIR", &out),
            "mdbook-patterns build",
        );
        built.push(out);
    }
    common::assert_same_trees(&built[0], &built[1]);
    let wizard = std::fs::read_to_string(built[0].join("wizard.md")).unwrap();
    for shown in [
        "🎯 Start Here: What Are You Building?",
        "Online Shop Patterns",
        "1. ❌ [**Polling**](patterns.md#pattern-polling) → [**Webhooks**](patterns.md#pattern-webhooks)",
        "[A note on backoff](<https://example.com/backoff>)",
    ] {
        assert!(wizard.contains(shown), "{shown}:\n{wizard}");
    }
}

#[test]
fn the_guides_toml_reads() {
    let dir = tempfile::tempdir().unwrap();
    let toml = blocks("toml");
    assert!(!toml.is_empty());
    for (i, block) in toml.iter().enumerate() {
        std::fs::write(dir.path().join(format!("{i:02}.toml")), block).unwrap();
    }
    let output = Command::new(BIN)
        .args(["validate", "--format", "json", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{said}");
    assert!(!said.contains("\"error\""), "{said}");
}
