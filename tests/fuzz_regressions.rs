//! The fuzz targets' checks (fuzz/harness.rs) over every input committed under `fuzz/`: the
//! minimised corpus each target grew (`fuzz/corpus/<target>/`) and every input that once made
//! one fail (`fuzz/regressions/<target>/`). TESTING.md says how they were made.

use std::path::{Path, PathBuf};

#[path = "../fuzz/harness.rs"]
mod harness;

fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for folder in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(folder).join(target)) else {
            continue;
        };
        files.extend(entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()));
    }
    files.sort();
    files
}

fn run_all(target: &str, check: impl Fn(&[u8])) {
    let files = inputs(target);
    assert!(
        files.len() >= 10,
        "fuzz/corpus/{target} holds the target's minimised corpus"
    );
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&data)));
        assert!(
            outcome.is_ok(),
            "{} fails its target's checks",
            file.display()
        );
    }
}

#[test]
fn the_scanner_passes_on_every_committed_input() {
    run_all("scan", harness::scan);
}

#[test]
fn the_loader_passes_on_every_committed_input() {
    run_all("load", harness::load);
}

#[test]
fn the_converters_pass_on_every_committed_input() {
    run_all("convert", harness::convert);
}

#[test]
fn the_preprocessor_passes_on_every_committed_input() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden");
    run_all("preprocess", |data| harness::preprocess(&golden, data));
}

/// The preprocessor target's check of what it generates catches each way out of a page's
/// Markdown: a `javascript:` link, an element left open, an mdBook include.
#[test]
fn the_check_of_generated_text_catches_what_it_looks_for() {
    harness::check_generated(
        "<figure><svg><style>a > b{c:d}</style><br/></svg></figure>\n\n[x](../a.md) <https://a.org>\n",
    );
    for bad in [
        "[x](javascript:alert(1))",
        "![x]( JavaScript:alert(1))",
        "<details>\n<summary>x</summary>\n\ntext\n",
        "<div>a</span></div>\n",
        "a {{ #include secret.txt}}",
    ] {
        let caught = std::panic::catch_unwind(|| harness::check_generated(bad));
        assert!(caught.is_err(), "{bad:?} passes the check");
    }
}
