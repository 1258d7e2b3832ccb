//! Time in the data, built the way an author builds: `mdbook-patterns build` of a fixture book
//! (`tests/fixtures/books/history`) at fixed `SOURCE_DATE_EPOCH` values on both sides of its
//! `recent-days` (90) and `stale-after-days` (365). The tier badges' markers, the cards'
//! timelines and `<<changelog>>` (Markdown and HTML), and the staleness warnings, are compared
//! with reference files; `BLESS=1` rewrites them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use crate::common::{self, golden};

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-patterns");

/// 2025-12-01T00:00:00Z: the outbox entered the handbook 11 days before, the saga moved up and
/// two-phase commit down 77 days before, the cache down 61 days before (all within 90 days);
/// the saga was reviewed 61 days before (within 365).
const BEFORE: (&str, &str) = ("2025-12-01", "1764547200");
/// 2026-12-01T00:00:00Z: every move is older than 90 days, the saga's review older than 365.
const AFTER: (&str, &str) = ("2026-12-01", "1796083200");

fn book() -> PathBuf {
    common::root().join("tests/fixtures/books/history")
}

/// Builds the fixture book into `out` at `epoch` (a `SOURCE_DATE_EPOCH` value).
fn build(out: &Path, epoch: &str) -> Output {
    Command::new(BIN)
        .arg("build")
        .arg(book())
        .env("SOURCE_DATE_EPOCH", epoch)
        .env("MDBOOK_BUILD__BUILD_DIR", out)
        .output()
        .expect("the binary runs")
}

/// What a reader gets of the book's `<main>`, from an HTML page.
fn main_of(page: &Path) -> String {
    let html = std::fs::read_to_string(page).unwrap();
    let start = html.find("<main>").expect("a <main>");
    let end = html.find("</main>").expect("a </main>");
    html[start..end + "</main>".len()].to_owned()
}

#[test]
fn markers_timelines_and_the_changelog_at_dates_on_both_sides_of_the_settings() {
    for (day, epoch) in [BEFORE, AFTER] {
        let out = tempfile::tempdir().unwrap();
        let output = build(out.path(), epoch);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{day}: {stderr}");
        let mut actual = String::from("=== warnings\n");
        for line in stderr.lines().filter(|l| l.contains("warning")) {
            actual.push_str(line);
            actual.push('\n');
        }
        for chapter in ["changes", "patterns", "stack"] {
            let markdown = out.path().join("markdown").join(format!("{chapter}.md"));
            actual.push_str(&format!("=== {chapter}.md, Markdown renderer\n"));
            actual.push_str(&std::fs::read_to_string(markdown).unwrap());
            actual.push_str(&format!("\n=== {chapter}.html, <main>\n"));
            actual.push_str(&main_of(
                &out.path().join("html").join(format!("{chapter}.html")),
            ));
            actual.push('\n');
        }
        golden::check(&book().join(format!("expected-{day}.txt")), &actual);
    }
}

#[test]
fn two_builds_at_one_source_date_epoch_are_byte_identical_and_another_day_differs() {
    let (first, second, later) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    for (out, epoch) in [(&first, BEFORE.1), (&second, BEFORE.1), (&later, AFTER.1)] {
        let output = build(out.path(), epoch);
        assert!(output.status.success(), "{output:?}");
    }
    common::assert_same_trees(first.path(), second.path());
    let stack = |dir: &Path| std::fs::read(dir.join("html/stack.html")).unwrap();
    assert_ne!(
        stack(first.path()),
        stack(later.path()),
        "the markers are gone a year on"
    );
}

#[test]
fn a_source_date_epoch_that_is_no_time_fails_the_build_and_says_what_to_do() {
    let out = tempfile::tempdir().unwrap();
    let output = build(out.path(), "yesterday");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "SOURCE_DATE_EPOCH is \"yesterday\", not a number of seconds since 1970-01-01"
        ) && stderr.contains("set it to a whole number of seconds"),
        "{stderr}"
    );
    assert!(!out.path().join("html").exists(), "no half-written book");
}

/// `validate --format json` carries the staleness warnings, for CI, each where the review date
/// is (or the pattern, where it has none), with the owner named.
#[test]
fn validate_reports_stale_reviews_in_json() {
    let output = Command::new(BIN)
        .args(["validate", "--book"])
        .arg(book())
        .args(["--format", "json"])
        .env("SOURCE_DATE_EPOCH", AFTER.1)
        .output()
        .unwrap();
    assert!(output.status.success(), "warnings only: {output:?}");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let stale: Vec<(String, String, u64)> = report
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "warning")
        .map(|d| {
            (
                d["message"].as_str().unwrap().to_owned(),
                d["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        stale,
        [
            (
                "pattern \"outbox\" has no \"reviewed\" date, and stale-after-days is 365".to_owned(),
                "patterns.json".to_owned(),
                29
            ),
            (
                "pattern \"saga\" (owner: Payments Platform) was last reviewed on 2025-10-01, 426 days ago (stale after 365)".to_owned(),
                "patterns.json".to_owned(),
                10
            ),
            (
                "pattern \"two-phase-commit\" (owner: Data Team) was last reviewed on 2024-01-10, 1056 days ago (stale after 365)".to_owned(),
                "patterns.json".to_owned(),
                23
            ),
        ]
    );
}

/// In Chromium: a tier badge's marker shows its sign, and its text alternative (the name a
/// screen reader reads, and the tooltip) is the history entry with its note; the page has no
/// accessibility problem axe-core finds. With the book's stylesheet installed, as an author has.
#[test]
fn a_marker_shows_its_sign_and_reads_as_its_history_entry_in_a_browser() {
    use crate::browser::{BROWSER, axe_violations, browser, eval, serve, tab, wait_for};
    use std::sync::{Arc, Mutex};
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    common::copy_book(&book(), dir.path());
    common::run(
        Command::new(BIN).arg("install").arg(dir.path()),
        "mdbook-patterns install",
    );
    let out = dir.path().join("out");
    let output = Command::new(BIN)
        .arg("build")
        .arg(dir.path())
        .env("SOURCE_DATE_EPOCH", BEFORE.1)
        .env("MDBOOK_BUILD__BUILD_DIR", &out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let browser = browser();
    let errors = Arc::new(Mutex::new(Vec::new()));
    let tab = tab(&browser, &errors);
    let port = serve(&out.join("html"));
    tab.navigate_to(&format!("http://127.0.0.1:{port}/stack.html"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_for(&tab, "document.readyState === 'complete'");
    let markers = eval(
        &tab,
        "JSON.stringify([...document.querySelectorAll('main .patterns-marker')].map(m => [
           m.closest('tr').querySelector('td').textContent, m.textContent, m.getAttribute('role'),
           m.getAttribute('aria-label') === m.title ? m.title : 'differs',
           m.getBoundingClientRect().width > 0, getComputedStyle(m).borderTopStyle]))",
    );
    let markers: Value = serde_json::from_str(markers.as_str().unwrap()).unwrap();
    assert_eq!(
        markers,
        serde_json::json!([
            [
                "Saga",
                "↑",
                "img",
                "2025-09-15: moved up to Gold — Proven in three payment systems | ledgers <b>too</b>",
                true,
                "solid"
            ],
            [
                "Two-Phase Commit",
                "↓",
                "img",
                "2025-09-15: moved down to Bronze, replaced by Saga — Locks held across services did not scale",
                true,
                "solid"
            ],
            [
                "Transactional Outbox",
                "new",
                "img",
                "2025-11-20: added as Silver",
                true,
                "solid"
            ],
            [
                "Cache-Aside",
                "↓",
                "img",
                "2025-10-01: moved down to Silver — Invalidation bugs in two teams",
                true,
                "solid"
            ]
        ])
    );
    let violations = axe_violations(&tab, "main");
    assert!(violations.is_empty(), "{violations:#?}");
    assert!(
        errors.lock().unwrap().is_empty(),
        "{:?}",
        errors.lock().unwrap()
    );
}
