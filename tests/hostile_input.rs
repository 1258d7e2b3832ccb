//! Broken and hostile input, through the binary as mdBook runs it: each gives a clear error, or
//! the right book, within bounded time and memory; never a panic, a hang or a half-written book.
//!
//! Covered elsewhere: mdBook 0.4's JSON (tests/books.rs), a data file that is not UTF-8, one
//! that starts with a byte-order mark, a data folder that is a file
//! (tests/fixtures/data-errors/43, 44 and 47), CRLF chapters (tests/fixtures/golden/chapters/crlf).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use mdbook_preprocessor::PreprocessorContext;
use mdbook_preprocessor::book::{Book, BookItem, Chapter};

use crate::common;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-patterns");

/// Runs `command` with `input` on stdin, at most `memory_mib` of address space and `limit` of
/// time: past either, the test fails rather than the machine.
fn run_bounded(
    command: &str,
    dir: &Path,
    input: Vec<u8>,
    memory_mib: u64,
    limit: Duration,
) -> Output {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {}; exec {command}", memory_mib * 1024))
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    let mut stdin = child.stdin.take().unwrap();
    // mdBook closes the pipe when the preprocessor stops reading; so may we.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let started = Instant::now();
    let (tx, rx) = std::sync::mpsc::channel();
    let id = child.id();
    let waiter = std::thread::spawn(move || {
        let output = child.wait_with_output().expect("the binary is waited for");
        let _ = tx.send(());
        output
    });
    if rx.recv_timeout(limit).is_err() {
        let _ = Command::new("kill").arg(id.to_string()).status();
        panic!("`{command}` ran longer than {limit:?}");
    }
    writer.join().unwrap();
    let output = waiter.join().unwrap();
    eprintln!("`{command}` took {:?}", started.elapsed());
    output
}

fn preprocess(dir: &Path, input: Vec<u8>) -> Output {
    run_bounded(BIN, dir, input, 4096, Duration::from_secs(120))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A copy of the fixture book, whose data is the golden fixtures'.
fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    common::copy_book(&common::root().join("tests/fixtures/books/basic"), &book);
    (dir, book)
}

/// mdBook's input for the fixture book at `book` with `chapters` in place of its own, and the
/// fixture's case-study and pattern pages kept so that links have targets.
fn input_with(book: &Path, chapters: Vec<Chapter>) -> Vec<u8> {
    let loaded = mdbook_driver::MDBook::load(book).unwrap();
    let ctx = PreprocessorContext::new(book.to_owned(), loaded.config.clone(), "html".into());
    let mut items: Vec<BookItem> = loaded
        .book
        .items
        .into_iter()
        .filter(|item| match item {
            BookItem::Chapter(c) => c.path.as_ref().is_some_and(|p| !p.starts_with("wizard.md")),
            _ => false,
        })
        .collect();
    items.extend(chapters.into_iter().map(BookItem::Chapter));
    serde_json::to_vec(&(&ctx, &Book::new_with_items(items))).unwrap()
}

fn chapter(path: &str, text: String) -> Chapter {
    Chapter::new("Hostile", text, path, Vec::new())
}

/// The chapter at `path` of the book the preprocessor wrote.
fn written_chapter(output: &Output, path: &str) -> String {
    assert!(output.status.success(), "{}", stderr(output));
    let book: Book = serde_json::from_slice(&output.stdout).expect("a book on stdout");
    book.chapters()
        .find(|c| c.path.as_deref() == Some(Path::new(path)))
        .expect("the chapter")
        .content
        .clone()
}

/// No book on stdout, a non-zero exit, and a message that says what to do.
fn assert_refused(output: &Output, says: &str) {
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "nothing on stdout");
    let message = stderr(output);
    assert!(message.contains(says), "{message}");
    assert!(!message.contains("panicked"), "{message}");
}

#[test]
fn empty_stdin_is_refused_with_what_to_do() {
    let (_dir, book) = fixture_copy();
    let output = preprocess(&book, Vec::new());
    assert_refused(&output, "no input on stdin");
    assert_refused(&output, "mdbook build");
}

#[test]
fn truncated_json_is_refused() {
    let (_dir, book) = fixture_copy();
    let input = input_with(&book, vec![chapter("x.md", "# X\n\n<<count>>\n".into())]);
    for cut in [1, input.len() / 3, input.len() / 2, input.len() - 1] {
        let output = preprocess(&book, input[..cut].to_vec());
        assert_refused(&output, "not valid JSON");
    }
}

#[test]
fn a_directive_spanning_lines_is_an_error_at_its_line_and_column() {
    let (_dir, book) = fixture_copy();
    let text = "# X\n\nSee <<tier-table domain=shop\noption=busy>> here.\n";
    let output = preprocess(&book, input_with(&book, vec![chapter("x.md", text.into())]));
    assert_refused(&output, "src/x.md:3:5");
    assert_refused(&output, "not closed with >> on its line");
}

/// Every directive expanded, however many one chapter holds and however many share a line.
#[test]
fn ten_thousand_directives_in_one_chapter() {
    let (_dir, book) = fixture_copy();
    let mut text = String::from("# Many\n\n");
    for _ in 0..5_000 {
        text.push_str("<<count>>\n\n");
    }
    text.push_str(&"<<count tier=gold>> ".repeat(5_000));
    text.push('\n');
    let output = preprocess(&book, input_with(&book, vec![chapter("many.md", text)]));
    let written = written_chapter(&output, "many.md");
    assert!(!written.contains("<<"), "every directive expanded");
    let counts = written.lines().filter(|l| l.trim() == "3").count();
    assert_eq!(
        counts, 5_000,
        "the block counts: the fixture's three patterns"
    );
    let inline = written.lines().last().unwrap();
    assert_eq!(
        inline.trim_end(),
        ["1"; 5_000].join(" "),
        "one gold pattern"
    );
}

/// A directive at the bottom of lists nested a thousand deep, and one in a quote inside them.
#[test]
fn deeply_nested_lists() {
    let (_dir, book) = fixture_copy();
    let mut text = String::from("# Deep\n\n");
    for depth in 0..1_000 {
        text.push_str(&"  ".repeat(depth));
        text.push_str("- item\n");
    }
    text.push_str(&"  ".repeat(1_000));
    text.push_str("<<count>> patterns\n\n");
    text.push_str(&"> ".repeat(500));
    text.push_str("<<count tier=gold>> gold\n");
    let output = preprocess(&book, input_with(&book, vec![chapter("deep.md", text)]));
    let written = written_chapter(&output, "deep.md");
    assert!(!written.contains("<<"), "both directives expanded");
}

/// Two hundred megabytes of chapters (prose, code, tables, lists, a directive here and
/// there) in at most 4 GiB of address space.
#[test]
fn a_200_mb_book() {
    let (_dir, book) = fixture_copy();
    let block = "Some prose about retries and breakers, long enough to wrap. ".repeat(8)
        + "\n\n```rust\nlet x = \"<<count>>\"; // code: left alone\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n\n";
    let mut text = String::from("# A big chapter\n\nThere are <<count>> patterns.\n\n");
    while text.len() < 1_000_000 {
        text.push_str(&block);
    }
    // Written as text: serialising 200 MB of chapters would take the test longer than the run.
    let content = serde_json::to_string(&text).unwrap();
    let chapters: String = (0..200)
        .map(|i| {
            format!(
                r#",{{"Chapter":{{"name":"Big {i}","content":{content},"number":null,"sub_items":[],"path":"big/{i}.md","source_path":"big/{i}.md","parent_names":[]}}}}"#
            )
        })
        .collect();
    let mut input = input_with(&book, Vec::new());
    let end = input.len() - "]}]".len();
    assert_eq!(&input[end..], b"]}]");
    input.splice(end..end, chapters.into_bytes());
    assert!(input.len() > 200_000_000, "{} bytes", input.len());
    let output = run_bounded(BIN, &book, input, 4096, Duration::from_secs(600));
    assert!(output.status.success(), "{}", stderr(&output));
    // Read as bytes: parsing 200 MB back into a book would take the test longer than the run.
    let written = &output.stdout;
    assert!(written.starts_with(b"{\"items\":[") && written.ends_with(b"]}"));
    let count = |needle: &str| memchr::memmem::find_iter(written, needle.as_bytes()).count();
    assert_eq!(
        count("There are 3 patterns."),
        200,
        "each chapter's directive"
    );
    assert_eq!(count("There are <<count>>"), 0);
    let code = count(r#"let x = \"<<count>>\";"#);
    assert!(code >= 200 * 1000, "code left alone: {code}");
}

/// A symbolic link from the data folder to itself, or from a folder in it to its parent, is
/// followed once: the data is read once (no pattern is defined twice) and the build ends.
#[test]
fn a_symlink_loop_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("sub")).unwrap();
    std::fs::copy(
        common::root().join("tests/fixtures/golden/data/data.json"),
        data.join("data.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&data, data.join("again")).unwrap();
    std::os::unix::fs::symlink("..", data.join("sub/back")).unwrap();
    let output = run_bounded(
        &format!("{BIN} validate --data data"),
        dir.path(),
        Vec::new(),
        4096,
        Duration::from_secs(60),
    );
    assert!(output.status.success(), "{}", stderr(&output));
}

/// Points the book at `book` to the data folder `data` (relative to the book).
fn use_data_folder(book: &Path, data: &str) {
    let toml = book.join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let text: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with("data =") {
                format!("data = {data:?}")
            } else {
                l.to_owned()
            }
        })
        .collect();
    std::fs::write(&toml, text.join("\n")).unwrap();
}

/// A symbolic link in the data folder that leads out of it, to a file of secrets, a folder of
/// them, the folder above or the process's environment, is not followed: each is an error at the
/// link, and nothing of what it leads to reaches the output of `validate` (in either format) or
/// of `build`.
#[test]
fn a_symlink_out_of_the_data_folder_is_not_followed() {
    let (dir, book) = fixture_copy();
    let data = book.join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::copy(
        common::root().join("tests/fixtures/golden/data/data.json"),
        data.join("data.json"),
    )
    .unwrap();
    use_data_folder(&book, "data");
    let outside = dir.path();
    std::fs::write(outside.join("secret.txt"), "TOKEN=secret123\n").unwrap();
    std::fs::create_dir(outside.join("elsewhere")).unwrap();
    std::fs::write(
        outside.join("elsewhere/secrets.json"),
        r#"{ "schema_version": "TOKEN=secret456" }"#,
    )
    .unwrap();
    let link = |target: &Path, name: &str| std::os::unix::fs::symlink(target, data.join(name));
    link(&outside.join("secret.txt"), "leak.json").unwrap();
    link(&outside.join("elsewhere"), "more").unwrap();
    link(outside, "up").unwrap();
    link(Path::new("/proc/self/environ"), "environ.json").unwrap();
    let run = |args: &[&str]| {
        let output = Command::new(BIN)
            .args(args)
            .current_dir(&book)
            .env("PATTERNS_TEST_TOKEN", "secret789")
            .output()
            .expect("the binary runs");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            stderr(&output)
        );
        assert!(!output.status.success(), "{all}");
        assert!(!all.contains("secret"), "a secret is shown:\n{all}");
        all
    };
    let human = run(&["validate", "--data", "data"]);
    for name in ["leak.json", "more", "up", "environ.json"] {
        assert!(
            human.contains(&format!(
                "data/{name}: this symbolic link leads outside the data folder and is not followed"
            )),
            "{human}"
        );
    }
    assert!(human.contains("4 errors"), "{human}");
    let json = run(&["validate", "--data", "data", "--format", "json"]);
    assert_eq!(
        json.matches("leads outside the data folder").count(),
        4,
        "{json}"
    );
    let built = run(&["build", "."]);
    assert!(
        built.contains("data/leak.json: this symbolic link"),
        "{built}"
    );
    assert!(!book.join("book").exists(), "nothing is written");
}

/// Control characters from the data and the chapters (an id and a chapter line with escape
/// sequences, a bare carriage return) are escaped in what `build` prints: the data cannot
/// recolour, clear or rewrite the terminal, nor forge a line of output.
#[test]
fn control_characters_reach_the_terminal_escaped() {
    let (_dir, book) = fixture_copy();
    let chapter = book.join("src/patterns/retry.md");
    std::fs::write(
        &chapter,
        "# Retry\n\n<<pattern retry\u{1b}[2J\u{1b}]0;owned\u{7}\rerror: forged>>\n",
    )
    .unwrap();
    let output = Command::new(BIN)
        .args(["build", "."])
        .current_dir(&book)
        .output()
        .expect("the binary runs");
    let err = stderr(&output);
    assert!(!output.status.success(), "{err}");
    assert!(
        err.contains("\\u{1b}[2J\\u{1b}]0;owned\\u{7}\\u{d}error: forged"),
        "{err}"
    );
    for control in ['\u{1b}', '\u{7}', '\r'] {
        assert!(
            !err.contains(control),
            "{control:?} reaches the terminal: {err:?}"
        );
    }
}

/// The golden fixtures' data with `tree` as its decision tree.
fn golden_data_with_tree(tree: serde_json::Value) -> serde_json::Value {
    let mut data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/fixtures/golden/data/data.json"))
            .unwrap(),
    )
    .unwrap();
    data["decision_tree"] = tree;
    data
}

/// Writes `data` to `tree-data/data.json` in the book at `book`, and points the book at it
/// instead of the golden folder; returns the file's size.
fn with_tree_data(book: &Path, data: &serde_json::Value) -> usize {
    let data_dir = book.join("tree-data");
    std::fs::create_dir(&data_dir).unwrap();
    let text = data.to_string();
    std::fs::write(data_dir.join("data.json"), &text).unwrap();
    let toml = book.join("book.toml");
    let settings = std::fs::read_to_string(&toml).unwrap();
    let settings = settings
        .lines()
        .map(|l| {
            if l.starts_with("data =") {
                "data = \"tree-data\""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&toml, settings).unwrap();
    text.len()
}

/// A long chain of questions that ends in a wide one: every way through the tree passes the
/// whole chain. The wizard's page carries each node once, so it grows with the data, not with
/// the chain's length times the number of ways (which made a page of hundreds of megabytes).
#[test]
fn a_long_chain_of_questions_then_a_wide_one_makes_a_page_in_proportion() {
    let (_dir, book) = fixture_copy();
    let chain = 48;
    let wide = 1_000;
    let mut nodes = serde_json::Map::new();
    for i in 0..chain {
        let next = if i + 1 < chain {
            format!("q{}", i + 1)
        } else {
            "wide".into()
        };
        nodes.insert(
            format!("q{i}"),
            serde_json::json!({ "question": format!("Step {i}?"), "answers": [
                { "label": format!("{i} ").repeat(100), "next": next } ] }),
        );
    }
    let answers: Vec<serde_json::Value> = (0..wide)
        .map(|i| serde_json::json!({ "label": format!("Choice {i}"), "next": "end" }))
        .collect();
    nodes.insert(
        "wide".into(),
        serde_json::json!({ "question": "Which one?", "answers": answers }),
    );
    nodes.insert(
        "end".into(),
        serde_json::json!({ "patterns": ["circuit-breaker"] }),
    );
    let data = golden_data_with_tree(serde_json::json!({ "start": "q0", "nodes": nodes }));
    let data_size = with_tree_data(&book, &data);
    let output = preprocess(
        &book,
        input_with(
            &book,
            vec![chapter("wizard.md", "# Wizard\n\n<<wizard>>\n".into())],
        ),
    );
    let page = written_chapter(&output, "wizard.md");
    let (_, script) = page
        .split_once("id=\"patterns-wizard-data\">")
        .expect("the wizard's data");
    let (script, _) = script.split_once("</script>").unwrap();
    assert!(script.contains("Choice 999"), "the wide question is in it");
    assert!(
        script.len() < 2 * data_size,
        "the wizard's data is {} bytes for {data_size} bytes of data",
        script.len()
    );
    // The rest is the static wizard; its drawn tree takes about a kilobyte for each answer.
    assert!(
        page.len() < 40 * data_size,
        "a page of {} bytes from {data_size} bytes of data",
        page.len()
    );
}

/// A decision tree of sixty questions whose two answers both lead to the next one has 2^60
/// ways through it; one of a thousand questions in a row is a thousand deep. Neither is walked:
/// each is an error at the data's line and column, and the build stops at once.
#[test]
fn a_decision_tree_with_billions_of_ways_or_a_thousand_deep() {
    for (questions, shared) in [(60, true), (1_000, false)] {
        let (_dir, book) = fixture_copy();
        let mut nodes = serde_json::Map::new();
        for i in 0..questions {
            let next = if i + 1 < questions {
                format!("q{}", i + 1)
            } else {
                "heavy".into()
            };
            let other = if shared { next.clone() } else { "heavy".into() };
            nodes.insert(
                format!("q{i}"),
                serde_json::json!({ "question": "Again?", "answers": [
                    { "label": "Yes", "next": next }, { "label": "No", "next": other } ] }),
            );
        }
        nodes.insert(
            "heavy".into(),
            serde_json::json!({ "patterns": ["circuit-breaker"] }),
        );
        let data = golden_data_with_tree(serde_json::json!({ "start": "q0", "nodes": nodes }));
        with_tree_data(&book, &data);
        let text = "# Tree\n\n<<decision-tree>>\n\n<<wizard>>\n";
        let output = preprocess(
            &book,
            input_with(&book, vec![chapter("tree.md", text.into())]),
        );
        let says = if shared {
            "steps when every way through it is written out"
        } else {
            "nodes deep"
        };
        assert_refused(&output, says);
        assert_refused(&output, "tree-data/data.json:1:");
    }
}

/// A pattern related to 600 others: its graph is over a diagram's limit of 500 patterns, and
/// so is the graph two rings out of a pattern related to it. Each is an error at the directive's
/// line and column saying what to do, found without drawing; the graph of one ring out of the
/// pattern that leads to it draws, and a pattern without relations gets a sentence.
#[test]
fn a_pattern_graph_over_the_limit_is_an_error_at_the_directive() {
    let (_dir, book) = fixture_copy();
    let mut data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/fixtures/golden/data/data.json"))
            .unwrap(),
    )
    .unwrap();
    let patterns = data["patterns"].as_object_mut().unwrap();
    let pattern = |name: &str, relations: serde_json::Value| {
        serde_json::json!({ "name": name, "tier": "bronze", "category": "c", "summary": "s",
                            "relations": relations })
    };
    let spokes: Vec<serde_json::Value> = (0..600)
        .map(|i| serde_json::json!({ "kind": "complements", "pattern": format!("spoke-{i}") }))
        .collect();
    patterns.insert("hub".into(), pattern("Hub", spokes.into()));
    for i in 0..600 {
        patterns.insert(
            format!("spoke-{i}"),
            pattern(&format!("Spoke {i}"), serde_json::json!([])),
        );
    }
    patterns.insert(
        "door".into(),
        pattern(
            "Door",
            serde_json::json!([{ "kind": "requires", "pattern": "hub" }]),
        ),
    );
    patterns.insert("lonely".into(), pattern("Lonely", serde_json::json!([])));
    with_tree_data(&book, &data);
    let text = "# Graphs\n\n<<pattern-graph door>>\n\n<<pattern-graph lonely depth=2>>\n";
    let output = preprocess(
        &book,
        input_with(&book, vec![chapter("graphs.md", text.into())]),
    );
    let page = written_chapter(&output, "graphs.md");
    assert!(page.contains("graph LR") || page.contains("<svg"), "{page}");
    assert!(
        page.contains("Door") && page.contains("Hub") && !page.contains("Spoke"),
        "{page}"
    );
    assert!(
        page.contains("***Lonely** has no relations to other patterns.*"),
        "{page}"
    );
    let text = "# Graphs\n\n<<pattern-graph hub>>\n\n<<pattern-graph door depth=2>>\n";
    let output = preprocess(
        &book,
        input_with(&book, vec![chapter("graphs.md", text.into())]),
    );
    assert_refused(
        &output,
        "graphs.md:3:1: the relations of \"hub\" to depth 1 are too many to draw: more than 500 patterns",
    );
    assert_refused(
        &output,
        "the pattern's card (<<pattern ID>>) lists every relation",
    );
    assert_refused(
        &output,
        "graphs.md:5:1: the relations of \"door\" to depth 2 are too many to draw",
    );
    assert_refused(&output, "write <<pattern-graph door depth=1>>");
}

/// `recommend` prints Markdown built from the data; a name holding terminal controls shows
/// them escaped, like every other human output, and the lines of the Markdown stay lines.
#[test]
fn recommend_shows_the_data_s_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let data = serde_json::json!({
        "patterns": { "cdn": { "name": "CDN\u{1b}[2J\u{1b}]0;owned\u{7}", "tier": "gold",
                               "category": "edge", "summary": "Serve from the edge.\rforged" } },
        "domains": [{ "id": "web", "title": "Web", "summary": "s", "examples": [],
                      "question": "Q?", "options": [{ "id": "big", "title": "Big\u{1b}[31m",
                      "stack": [{ "pattern": "cdn", "why": "Near\u{9b}31m readers" }] }] }],
    });
    std::fs::write(dir.path().join("data.json"), data.to_string()).unwrap();
    let output = Command::new(BIN)
        .args(["recommend", "--domain", "web", "--option", "big", "--data"])
        .arg(dir.path())
        .output()
        .expect("the binary runs");
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        out.contains("**CDN\\u{1b}\\[2J\\u{1b}\\]0;owned\\u{7}**"),
        "{out}"
    );
    assert!(out.lines().count() > 3, "{out}");
    for control in ['\u{1b}', '\u{7}', '\r', '\u{9b}'] {
        assert!(
            !out.contains(control),
            "{control:?} reaches the terminal: {out:?}"
        );
    }
}

/// `diff` prints names, notes and titles from both data sets: their control characters reach
/// the terminal escaped too.
#[test]
fn diff_shows_the_data_s_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    let pattern = |name: &str| serde_json::json!({ "name": name, "tier": "gold", "category": "edge", "summary": "s" });
    let old_data =
        serde_json::json!({ "schema_version": "1.1", "patterns": { "cdn": pattern("CDN") } });
    let mut cache = pattern("Cache\u{1b}[2J\u{1b}]0;owned\u{7}");
    cache["relations"] = serde_json::json!([{ "kind": "complements", "pattern": "cdn",
                                              "note": "near\u{9b}31m readers\rforged" }]);
    let new_data = serde_json::json!({ "schema_version": "1.1",
        "patterns": { "cdn": pattern("CDN"), "cache": cache },
        "domains": [{ "id": "web", "title": "Web\u{1b}[31m", "summary": "s", "question": "Q?",
                      "options": [{ "id": "big", "title": "Big", "stack": [{ "pattern": "cache", "why": "w" }] }] }] });
    for (folder, data) in [(&old, old_data), (&new, new_data)] {
        std::fs::create_dir(folder).unwrap();
        std::fs::write(folder.join("data.json"), data.to_string()).unwrap();
    }
    let output = Command::new(BIN)
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        out.contains("**Cache\\u{1b}\\[2J\\u{1b}\\]0;owned\\u{7}**"),
        "{out}"
    );
    assert!(out.contains("near\\u{9b}31m readers"), "{out}");
    assert!(out.contains("Web\\u{1b}\\[31m"), "{out}");
    for control in ['\u{1b}', '\u{7}', '\r', '\u{9b}'] {
        assert!(
            !out.contains(control),
            "{control:?} reaches the terminal: {out:?}"
        );
    }
}

/// YAML data files built to hurt a reader: nesting a hundred thousand deep in flow and in block
/// style, the "billion laughs" of anchors and aliases, control characters in an alias. Each is
/// refused with a message at its place, quickly, and nothing reaches the terminal raw.
#[test]
fn hostile_yaml_data_files_are_refused() {
    let mut block = String::new();
    for depth in 0..10_000 {
        block.push_str(&" ".repeat(depth));
        block.push_str("-\n");
    }
    let mut laughs = String::from("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for (n, c) in ('b'..='j').enumerate() {
        let prev = (b'a' + n as u8) as char;
        laughs.push_str(&format!(
            "{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
    }
    for (text, says) in [
        ("[".repeat(100_000), "this file is not valid YAML"),
        (block, "recursion limit exceeded"),
        (laughs, "YAML anchors (`&a`) are not read in data files"),
        (
            "schema_version: \"1.0\"\nx: *a\u{1b}[2J\n".to_owned(),
            "YAML aliases",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join("data/data.yaml"), &text).unwrap();
        let started = Instant::now();
        let output = Command::new(BIN)
            .args(["validate", "--data", "data"])
            .current_dir(dir.path())
            .output()
            .expect("the binary runs");
        let err = stderr(&output);
        assert!(!output.status.success(), "{err}");
        assert!(err.contains(says), "{says}: {err}");
        assert!(!err.contains('\u{1b}'), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(20), "{says}");
    }
}

/// TOML data files built to hurt a reader: arrays and dotted headers nested a hundred thousand
/// deep, a key written ten thousand times (each one found costs a parse), control characters in
/// a key. Each is refused with a message at its place, quickly, and nothing reaches the
/// terminal raw.
#[test]
fn hostile_toml_data_files_are_refused() {
    for (text, says) in [
        (
            format!("a = {}", "[".repeat(100_000)),
            "this file is not valid TOML",
        ),
        (
            format!("[{}a]\n", "a.".repeat(100_000)),
            "this file is not valid TOML",
        ),
        (
            "a = 1\n".repeat(10_000),
            "key \"a\" is written twice in this table",
        ),
        (
            "schema_version = \"1.0\"\n\"x\\u001b[2J\" = 1\n".to_owned(),
            "unknown key",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join("data/data.toml"), &text).unwrap();
        let started = Instant::now();
        let output = Command::new(BIN)
            .args(["validate", "--data", "data"])
            .current_dir(dir.path())
            .output()
            .expect("the binary runs");
        let err = stderr(&output);
        assert!(!output.status.success(), "{err}");
        assert!(err.contains(says), "{says}: {err}");
        assert!(!err.contains('\u{1b}'), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(20), "{says}");
    }
}

/// An evidence address that `validate` refuses never becomes a link, not even under
/// `on-failure = "continue"`: the tier table and the wizard refuse it again (an error box in
/// their place), and so does `recommend`.
#[test]
fn a_refused_evidence_address_is_no_link_even_under_continue() {
    let dir = tempfile::tempdir().unwrap();
    let mut data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/fixtures/golden/data/data.json"))
            .unwrap(),
    )
    .unwrap();
    let option = &mut data["domains"][0]["options"][1];
    assert_eq!(option["id"], "sourced");
    option["stack"][1]["evidence"]["url"] = "javascript:window.hostile=1".into();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::write(dir.path().join("data/data.json"), data.to_string()).unwrap();

    let chapters = [
        ("patterns/circuit-breaker.md", "# Support\n"),
        ("case-studies/acme.md", "# Support\n"),
        (
            "wizard.md",
            "# Wizard\n\n<<wizard>>\n\n<<tier-table domain=shop option=sourced>>\n",
        ),
    ];
    let book = Book::new_with_items(
        chapters
            .into_iter()
            .map(|(path, text)| BookItem::Chapter(chapter(path, text.to_owned())))
            .collect(),
    );
    let config = mdbook_patterns::Config {
        data: PathBuf::from("data"),
        on_failure: mdbook_patterns::OnFailure::Continue,
        ..mdbook_patterns::Config::default()
    };
    let report = mdbook_patterns::expand_book(dir.path(), &config, "src", true, book);
    let headlines: Vec<String> = report.diagnostics.iter().map(|d| d.headline()).collect();
    let refused = "the evidence's url is not an http or https address";
    assert!(
        headlines.iter().filter(|h| h.contains(refused)).count() >= 3,
        "validate, the wizard and the tier table each refuse it: {headlines:#?}"
    );
    let expanded = report.expanded.expect("a book under continue").into_book();
    let wizard = expanded
        .chapters()
        .find(|c| c.path.as_deref() == Some(Path::new("wizard.md")))
        .unwrap();
    assert!(
        !wizard.content.contains("javascript:"),
        "{}",
        wizard.content
    );

    let checked = mdbook_patterns::check_data(&dir.path().join("data"));
    let selection = mdbook_patterns::Selection {
        domain: "shop".into(),
        option: "sourced".into(),
        answers: Vec::new(),
    };
    let refusal = mdbook_patterns::recommend(&checked.data, &selection).unwrap_err();
    assert!(refusal.message.contains(refused), "{}", refusal.message);
}

/// A `javascript:` link in any text field, however it is spelled, is refused by `validate`, so
/// that the build stops and writes nothing; under `on-failure = "continue"` the field shows as
/// its literal text, never a link.
#[test]
fn a_javascript_link_in_a_text_field_stops_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let mut data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/fixtures/golden/data/data.json"))
            .unwrap(),
    )
    .unwrap();
    let links = [
        "[x](javascript:window.hostile=1)",
        "[x](JaVaScRiPt:window.hostile=1)",
        "[x](&#106;avascript:window.hostile=1)",
        "<javascript:window.hostile=1>",
        "[x]( javascript:window.hostile=1 )",
        "*[x](javascript:window.hostile=1)*",
    ];
    let fields = [
        "/patterns/circuit-breaker/summary",
        "/domains/0/summary",
        "/domains/0/options/0/intro",
        "/domains/0/options/0/stack/0/why",
        "/domains/0/options/0/stack/1/evidence",
        "/domains/0/options/2/steps/0/note",
        "/domains/0/options/2/steps/1/then",
        "/combinations/0/use_case",
        "/combinations/0/example",
        "/recipe/core/0/note",
        "/recipe/avoid/0/note",
        "/domains/0/options/0/qualifier",
    ];
    for (i, field) in fields.iter().enumerate() {
        *data.pointer_mut(field).unwrap_or_else(|| panic!("{field}")) =
            format!("see {}", links[i % links.len()]).into();
    }
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::write(dir.path().join("data/data.json"), data.to_string()).unwrap();
    let chapters = [
        (
            "patterns/circuit-breaker.md",
            "# Support\n\n<<pattern circuit-breaker>>\n",
        ),
        ("case-studies/acme.md", "# Support\n"),
        (
            "wizard.md",
            "# Wizard\n\n<<wizard>>\n\n<<combination-matrix>>\n\n<<recipe>>\n\n<<pattern-index>>\n",
        ),
    ];
    let book = || {
        Book::new_with_items(
            chapters
                .into_iter()
                .map(|(path, text)| BookItem::Chapter(chapter(path, text.to_owned())))
                .collect(),
        )
    };
    let config = mdbook_patterns::Config {
        data: PathBuf::from("data"),
        ..mdbook_patterns::Config::default()
    };
    let report = mdbook_patterns::expand_book(dir.path(), &config, "src", true, book());
    assert!(report.expanded.is_none(), "the build stops");
    let refused: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| d.headline())
        .filter(|h| h.contains("which is not an http, https or mailto address"))
        .collect();
    assert_eq!(refused.len(), fields.len(), "{refused:#?}");

    let config = mdbook_patterns::Config {
        on_failure: mdbook_patterns::OnFailure::Continue,
        ..config
    };
    let report = mdbook_patterns::expand_book(dir.path(), &config, "src", true, book());
    let expanded = report.expanded.expect("a book under continue").into_book();
    for chapter in expanded.chapters() {
        // Escaped, `\[x\](javascript:…)` is text; a `]` that is not escaped would end a label.
        // The wizard's and the pattern index's data are text for their scripts (which show it
        // as text), and the lines of an HTML block (a card, a heading written as HTML) are no
        // Markdown.
        let html_block = |line: &str| {
            line.starts_with("<div")
                || (line.starts_with("<h") && line[2..].starts_with(char::is_numeric))
        };
        let content: Vec<&str> = (chapter.content.lines())
            .filter(|line| {
                !line.contains("patterns-wizard-data")
                    && !line.contains("patterns-index-data")
                    && !html_block(line)
            })
            .collect();
        let content = (content.join("\n").to_lowercase())
            .replace("\\]", "")
            .replace("\\<", "");
        for link in [
            "](javascript",
            "](<javascript",
            "href=\"javascript",
            "<javascript:",
        ] {
            assert!(!content.contains(link), "{link} in {content}");
        }
    }
}
