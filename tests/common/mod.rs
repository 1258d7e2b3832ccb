//! Helpers shared by the tests that need the built handbook or outside tools.

#![allow(dead_code)] // each test file uses its own part

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The handbook in `book/`, built once per test binary with `mdbook-patterns build`.
pub fn built_handbook() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().expect("a temporary folder");
        let output = Command::new(env!("CARGO_BIN_EXE_mdbook-patterns"))
            .args(["build", "book"])
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
