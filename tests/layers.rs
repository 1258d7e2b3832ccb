//! The crate's layers, as ARCHITECTURE.md draws them: a module imports only from layers below its
//! own (never from a sibling of its layer, never up), so the pipeline reads from the bottom up
//! and no import cycle between modules can form.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and its layer, from the bottom up. A new module gets a row.
const LAYERS: &[(&str, usize)] = &[
    ("diag", 0),
    ("text", 1),
    ("mermaid", 1),
    ("data", 2),
    ("engine", 3),
    ("book", 3),
    ("render", 4),
    ("expand", 5),
    ("install", 6),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to: `src/data/load.rs` → `data`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap().as_os_str();
    Path::new(first)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// The top-level modules `text` names with `crate::…` in code (comments left out).
fn imports(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.push((n + 1, name));
        }
    }
    found
}

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

#[test]
fn imports_only_go_down_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut seen = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(own) = layer(&module) else {
            wrong.push(format!(
                "{}: module `{module}` has no layer in LAYERS (give it one)",
                file.display()
            ));
            continue;
        };
        seen.insert(module.clone(), own);
        let text = std::fs::read_to_string(file).unwrap();
        for (line, target) in imports(&text) {
            if target == module {
                continue;
            }
            match layer(&target) {
                Some(theirs) if theirs < own => {}
                Some(theirs) => wrong.push(format!(
                    "{}:{line}: `{module}` (layer {own}) imports `{target}` (layer {theirs}): \
                     imports go only to lower layers; move what both need below them",
                    file.display()
                )),
                None => wrong.push(format!(
                    "{}:{line}: `{target}` is not a module of the layers",
                    file.display()
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for (module, _) in LAYERS {
        assert!(
            seen.contains_key(*module),
            "LAYERS lists `{module}`, which src/ lacks"
        );
    }
}

#[test]
fn the_library_shows_only_its_api() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let public: Vec<&str> = lib
        .lines()
        .filter(|l| l.starts_with("pub mod ") && !l.starts_with("pub mod fuzzing"))
        .collect();
    assert!(
        public.is_empty(),
        "modules are private; lib.rs re-exports what the command, tests and fuzz targets use: {public:?}"
    );
}

#[test]
fn the_checker_sees_an_import_that_goes_up() {
    let text =
        "use crate::render::Context; // crate::expand in a comment\nlet x = crate::data::load(p);";
    let found: Vec<String> = imports(text).into_iter().map(|(_, m)| m).collect();
    assert_eq!(found, ["render", "data"]);
    assert!(layer("render") > layer("data"));
}
