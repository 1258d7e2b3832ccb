//! The integration tests: one binary, one module per file of `tests/`, so that the crate and its
//! dependencies are linked once, not once per file. `cargo test` runs them all, the browser
//! tests included; `cargo test golden::` runs one module, `cargo test golden::wrapped_prose`
//! one golden case. TESTING.md says what each module shows.
//!
//! The modules share one process: a test sets no environment variable and no current folder of
//! its own (it gives them to the commands it runs), and writes only below a temporary folder of
//! its own or to a file no other test writes.

mod common;

mod bench_harness;
mod books;
mod browser;
mod data_errors;
mod determinism;
mod diff;
mod fuzz_regressions;
mod generate_pages;
mod golden;
mod handbook;
mod handbook_data;
mod history;
mod hostile_input;
mod init;
mod install;
mod labels;
mod layers;
mod properties;
mod reader;
mod readme_data;
mod recommend;
mod schema;
mod valid_html;
mod validate_json;

/// `autotests = false` in Cargo.toml: a file of `tests/` that no `mod` above names would never be
/// compiled, and its tests never run.
#[test]
fn every_file_of_tests_is_a_module() {
    let tests = common::root().join("tests");
    let declared = include_str!("main.rs");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&tests).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let module = if path.is_dir() && path.join("mod.rs").is_file() {
            name
        } else if let Some(module) = name.strip_suffix(".rs") {
            module.to_owned()
        } else {
            continue;
        };
        if module != "main" && !declared.contains(&format!("\nmod {module};\n")) {
            missing.push(module);
        }
    }
    assert!(
        missing.is_empty(),
        "tests/main.rs declares no module for {missing:?}"
    );
}
