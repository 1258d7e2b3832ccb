//! The handbook as a reader sees it in Chromium, page type by page type: the wizard page reads as
//! one page with JavaScript on (the static wizard folded, one click away, a short sidebar,
//! results that keep every link, diagrams that fit the column), print shows the static content
//! once, a phone screen needs no sideways scrolling outside diagrams, and axe-core finds nothing
//! serious in any of mdBook's five themes. Screenshots go to `target/screenshots/`.

use std::sync::{Arc, Mutex};

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use serde_json::Value;

use crate::browser::{BROWSER, axe_rule_violations, browser, click, eval, serve, tab, wait_for};
use crate::common;

/// The wizard page's scroll height at 1280 × 1000 before its static content was folded, with
/// JavaScript on and no result shown (measured on the handbook as it was then).
const WIZARD_HEIGHT_BEFORE_FOLDING: f64 = 7845.0;

/// One page of each type the handbook has, relative to the book's root: the wizard, a pattern's
/// card, a case study, an index, a guide, the whole book to print, and two patterns compared.
const PAGE_TYPES: [&str; 7] = [
    "wizard.html",
    "patterns/saga.html",
    "case-studies/chat-system.html",
    "patterns/index.html",
    "guides/payments/zero-data-loss.html",
    "print.html",
    "compare.html#compare=saga,two-phase-commit",
];

/// mdBook's themes; the first is the book's default.
const THEMES: [&str; 5] = ["light", "rust", "coal", "navy", "ayu"];

/// The axe-core rules whose outcome a theme can change: a theme changes colours only.
const COLOUR_RULES: [&str; 2] = ["color-contrast", "link-in-text-block"];

fn open(tab: &Tab, url: &str) {
    tab.navigate_to(url)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_for(tab, "document.readyState === 'complete'");
}

fn number(value: Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("a number: {value}"))
}

fn strings(value: Value) -> Vec<String> {
    serde_json::from_str(value.as_str().expect("JSON text")).unwrap()
}

fn screenshot(tab: &Tab, name: &str) {
    let shots = common::root().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .unwrap();
    std::fs::write(shots.join(name), png).unwrap();
}

/// Whether the element `selector` finds is rendered (not in a closed fold, not `display: none`).
fn visible(tab: &Tab, selector: &str) -> bool {
    eval(
        tab,
        &format!(
            "document.querySelector({}).checkVisibility()",
            serde_json::json!(selector)
        ),
    ) == Value::Bool(true)
}

/// A browser on the handbook, built once for all tests: taking turns with the other browser
/// tests, a tab recording console errors, and the address of the book's root.
struct Reader {
    _one_browser_test_at_a_time: std::sync::MutexGuard<'static, ()>,
    browser: headless_chrome::Browser,
    errors: Arc<Mutex<Vec<String>>>,
    tab: Arc<Tab>,
    root: String,
}

impl Reader {
    fn new() -> Reader {
        let guard = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
        let port = serve(common::built_handbook());
        let browser = browser();
        let errors = Arc::new(Mutex::new(Vec::new()));
        let tab = tab(&browser, &errors);
        Reader {
            _one_browser_test_at_a_time: guard,
            browser,
            errors,
            tab,
            root: format!("http://127.0.0.1:{port}"),
        }
    }

    /// A new tab at `page` (relative to the book's root), loaded.
    fn tab_at(&self, page: &str) -> Arc<Tab> {
        let new = tab(&self.browser, &self.errors);
        open(&new, &format!("{}/{page}", self.root));
        new
    }

    fn no_errors(&self) {
        assert_eq!(*self.errors.lock().unwrap(), Vec::<String>::new());
    }
}

#[test]
fn the_wizard_page_reads_as_one_page_with_javascript_on() {
    let reader = Reader::new();
    let base = format!("{}/wizard.html", reader.root);
    let tab = Arc::clone(&reader.tab);
    open(&tab, &base);
    wait_for(&tab, "!document.getElementById('patterns-wizard').hidden");

    // At most half as tall as before, the static wizard folded away.
    let height = number(eval(&tab, "document.scrollingElement.scrollHeight"));
    assert!(
        height <= WIZARD_HEIGHT_BEFORE_FOLDING / 2.0,
        "the page is {height} px tall, more than half of {WIZARD_HEIGHT_BEFORE_FOLDING}"
    );
    let folds = "details.patterns-wizard-fold";
    assert_eq!(
        eval(
            &tab,
            &format!("document.querySelectorAll('{folds}').length")
        ),
        2
    );
    assert_eq!(
        eval(
            &tab,
            &format!("document.querySelectorAll('{folds}[open]').length")
        ),
        0,
        "the folds are closed"
    );
    assert!(!visible(&tab, "#wizard-payments-finance-zero-data-loss"));

    // The static content is one click away.
    click(&tab, &format!("{folds} > summary"));
    wait_for(
        &tab,
        "document.querySelector('#wizard-payments-finance-zero-data-loss').checkVisibility()",
    );

    // The sidebar lists the places a reader goes to, the page's Markdown h2 headings, and not
    // the questions, options and tables below them.
    let sidebar = strings(eval(
        &tab,
        "JSON.stringify([...document.querySelectorAll('#mdbook-sidebar .header-in-summary')].map(a => a.getAttribute('href')))",
    ));
    let top = strings(eval(
        &tab,
        "JSON.stringify([...document.querySelectorAll('main h2')].map(h => '#' + h.id))",
    ));
    assert_eq!(sidebar, top, "the sidebar's entries are the h2 headings");
    assert!(
        (5..=12).contains(&sidebar.len()),
        "a short sidebar: {sidebar:?}"
    );
    for hidden in ["#wizard-payments-finance-question", "#recipe-core"] {
        assert!(
            !sidebar.iter().any(|h| h == hidden),
            "{hidden} in the sidebar"
        );
    }

    // Every diagram fits the column at a readable size: none wider than its figure, no label
    // under 10 CSS pixels on screen.
    let diagrams = strings(eval(
        &tab,
        r#"JSON.stringify([...document.querySelectorAll('main figure.patterns-diagram svg')].map(svg => {
            const width = svg.getBoundingClientRect().width, room = svg.closest('figure').clientWidth;
            const box = svg.viewBox.baseVal, scale = width / box.width;
            const label = [...svg.querySelectorAll('.nodeLabel, text')]
                .map(t => parseFloat(getComputedStyle(t).fontSize) * (t.closest('foreignObject') ? scale : scale))
                .reduce((a, b) => Math.min(a, b), 99);
            return (width <= room + 1 && label >= 10 ? 'fits' : 'too wide or too small') + ': ' + svg.id + ' ' + width + ' in ' + room + ', labels ' + label.toFixed(1) + ' px';
        }))"#,
    ));
    assert!(diagrams.len() >= 3, "the page's diagrams: {diagrams:?}");
    for diagram in &diagrams {
        assert!(diagram.starts_with("fits"), "{diagram}");
    }

    // A link into a fold (a card's "recommended for", the sidebar, a search result) opens it.
    let linked = reader.tab_at("wizard.html#wizard-payments-finance-zero-data-loss");
    wait_for(
        &linked,
        "document.querySelector('#wizard-payments-finance-zero-data-loss').checkVisibility()",
    );
    wait_for(
        &linked,
        "Math.abs(document.querySelector('#wizard-payments-finance-zero-data-loss').getBoundingClientRect().top) < 200",
    );
    eval(&linked, "location.hash = 'wizard-decision-tree'");
    wait_for(
        &linked,
        "document.querySelector('#wizard-decision-tree').checkVisibility()",
    );

    // The result keeps every link of the option's static table, patterns and case studies (their
    // text differs only by mdBook's typographic quotes).
    let tab = reader.tab_at("wizard.html#wizard=payments-finance/zero-data-loss/data-loss=Zero");
    wait_for(
        &tab,
        "document.querySelectorAll('.patterns-wizard-stack tbody tr').length > 0",
    );
    let links_of = |table: &str| {
        strings(eval(
            &tab,
            &format!("JSON.stringify([...{table}.querySelectorAll('tbody a')].map(a => a.href))"),
        ))
    };
    let static_table = "document.getElementById('wizard-payments-finance-zero-data-loss').parentElement.querySelector('#wizard-payments-finance-zero-data-loss ~ .patterns-table table')";
    let shown = links_of("document.querySelector('.patterns-wizard-stack')");
    let written = links_of(static_table);
    assert!(
        written.iter().any(|l| l.contains("case-studies/")),
        "the static table links a case study: {written:?}"
    );
    assert_eq!(shown, written, "the result's links are the static table's");

    // Without JavaScript the folds stay open: the page as written.
    let still = crate::browser::tab(&reader.browser, &reader.errors);
    still
        .call_method(Emulation::SetScriptExecutionDisabled { value: true })
        .unwrap();
    still
        .navigate_to(&base)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    still.wait_for_element("#wizard-recipe").unwrap();
    // (Evaluating in a page whose scripts are off waits for a timeout: the DOM is asked instead.)
    assert_eq!(
        still
            .find_elements(&format!("{folds}[open]"))
            .unwrap()
            .len(),
        2,
        "without JavaScript every fold is open"
    );
    still.close(false).unwrap();
    screenshot(&tab, "wizard-folded.png");
    reader.no_errors();
}

#[test]
fn two_patterns_are_compared_from_a_card_and_from_a_wizard_result() {
    let reader = Reader::new();
    let root = reader.root.clone();
    let tab = Arc::clone(&reader.tab);

    // From Saga's card to the compare page, which shows Saga and asks for another.
    open(&tab, &format!("{root}/patterns/saga.html"));
    click(&tab, "main a[href$='compare.html#compare=saga']");
    wait_for(&tab, "location.pathname.endsWith('/compare.html')");
    wait_for(&tab, "!document.querySelector('.patterns-compare').hidden");
    let hint = eval(
        &tab,
        "document.querySelector('.patterns-compare [role=status]').textContent",
    );
    assert_ne!(hint, "", "fewer than two patterns: a hint");
    let compared = |tab: &Tab| {
        strings(eval(
            tab,
            "JSON.stringify([...document.querySelectorAll('.patterns-compare-view thead th a')].map(a => a.getAttribute('href')))",
        ))
    };
    assert_eq!(compared(&tab), ["patterns/saga.html"]);
    assert!(
        !visible(&tab, ".patterns-compare-all"),
        "the full table hides"
    );

    // Add Two-Phase Commit: side by side, in the hash.
    eval(
        &tab,
        "document.getElementById('patterns-compare-pick').value = 'two-phase-commit'",
    );
    click(&tab, ".patterns-compare-form button");
    wait_for(&tab, "location.hash === '#compare=saga,two-phase-commit'");
    wait_for(
        &tab,
        "document.querySelectorAll('.patterns-compare-view thead th a').length === 2",
    );
    assert_eq!(
        compared(&tab),
        ["patterns/saga.html", "patterns/two-phase-commit.html"]
    );
    let rows = strings(eval(
        &tab,
        "JSON.stringify([...document.querySelectorAll('.patterns-compare-view tbody th')].map(th => th.textContent))",
    ));
    assert_eq!(rows.len(), 7, "a row per fact: {rows:?}");
    let tiers = strings(eval(
        &tab,
        "JSON.stringify([...document.querySelectorAll('.patterns-compare-view tbody tr:first-child td')].map(td => td.textContent))",
    ));
    assert_eq!(tiers, ["🥇 Gold", "🥉 Bronze"]);
    // The relations row: each is the other's alternative, linked.
    let relations = strings(eval(
        &tab,
        "JSON.stringify([...document.querySelectorAll('.patterns-compare-view tbody tr:nth-child(5) td')].map(td => td.textContent))",
    ));
    assert!(
        relations[0].contains("Two-Phase Commit") && relations[1].contains("Saga"),
        "{relations:?}"
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('.patterns-compare [role=status]').textContent"
        ),
        ""
    );
    screenshot(&tab, "compare.png");

    // Back takes Two-Phase Commit out again; a reload of a shared address shows both.
    eval(&tab, "history.back()");
    wait_for(&tab, "location.hash === '#compare=saga'");
    wait_for(
        &tab,
        "document.querySelectorAll('.patterns-compare-view thead th a').length === 1",
    );
    let shared = reader.tab_at("compare.html#compare=saga,two-phase-commit");
    wait_for(
        &shared,
        "document.querySelectorAll('.patterns-compare-view thead th a').length === 2",
    );
    // Remove buttons are named for their pattern.
    let remove = eval(
        &shared,
        "document.querySelector('.patterns-compare-remove').getAttribute('aria-label')",
    );
    assert_eq!(remove, "Remove Saga");
    click(&shared, ".patterns-compare-remove");
    wait_for(&shared, "location.hash === '#compare=two-phase-commit'");

    // The wizard's result offers its stack side by side.
    let wizard = reader.tab_at("wizard.html#wizard=payments-finance/zero-data-loss/data-loss=Zero");
    wait_for(
        &wizard,
        "document.querySelectorAll('.patterns-wizard-stack tbody tr').length > 0",
    );
    let link = eval(
        &wizard,
        "document.querySelector('.patterns-wizard-result a[href*=\"compare.html\"]').getAttribute('href')",
    );
    assert_eq!(
        link,
        "compare.html#compare=event-sourcing,saga,double-entry-ledger,idempotency"
    );
    click(&wizard, ".patterns-wizard-result a[href*='compare.html']");
    wait_for(&wizard, "location.pathname.endsWith('/compare.html')");
    wait_for(
        &wizard,
        "document.querySelectorAll('.patterns-compare-view thead th a').length === 4",
    );
    reader.no_errors();
}

fn print_media(tab: &Tab, media: &str) {
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some(media.into()),
        features: None,
    })
    .unwrap();
}

#[test]
fn print_shows_the_static_wizard_and_each_card_once() {
    let reader = Reader::new();
    let root = reader.root.clone();
    let tab = Arc::clone(&reader.tab);
    // print.html asks to print as it loads, which a headless browser ignores.
    for page in ["wizard.html", "print.html"] {
        open(&tab, "about:blank");
        open(&tab, &format!("{root}/{page}"));
        wait_for(&tab, "!document.getElementById('patterns-wizard').hidden");
        if page == "wizard.html" {
            // (print.html prints as it loads, which opens the folds before the test looks.)
            assert!(
                !visible(&tab, "#wizard-payments-finance-zero-data-loss"),
                "folded on screen"
            );
        }
        print_media(&tab, "print");
        for part in [
            "#wizard-payments-finance-zero-data-loss",
            "#wizard-decision-tree",
            "#recipe-core",
        ] {
            assert!(visible(&tab, part), "{page}: {part} is printed");
        }
        assert!(
            !visible(&tab, "#patterns-wizard"),
            "{page}: the empty form is not printed"
        );
        assert!(
            !visible(&tab, "details.patterns-wizard-fold > summary"),
            "{page}: no fold's summary"
        );
        // Each domain card of the wizard page, each chapter of the book: printed once. (The
        // guide to writing a handbook shows the cards again, as an example.)
        let once = match page {
            "wizard.html" => "main a.patterns-card",
            _ => "main h1",
        };
        let titles = strings(eval(
            &tab,
            &format!(
                "JSON.stringify([...document.querySelectorAll('{once}')].filter(e => e.checkVisibility()).map(e => e.textContent.trim()))"
            ),
        ));
        let mut unique = titles.clone();
        unique.sort();
        unique.dedup();
        if page == "print.html" {
            assert!(titles.len() > 50, "every chapter: {}", titles.len());
        }
        let mut twice = titles.clone();
        for once in &unique {
            let at = twice.iter().position(|t| t == once).unwrap();
            twice.remove(at);
        }
        assert_eq!(twice, Vec::<String>::new(), "{page}: printed twice");
        print_media(&tab, "");
    }
    // The compare page prints the patterns it compares, not its controls.
    open(&tab, "about:blank");
    open(
        &tab,
        &format!("{root}/compare.html#compare=saga,two-phase-commit"),
    );
    print_media(&tab, "print");
    assert!(
        visible(&tab, ".patterns-compare-view table"),
        "the comparison is printed"
    );
    assert!(
        !visible(&tab, ".patterns-compare-form"),
        "its controls are not"
    );
    print_media(&tab, "");
    reader.no_errors();
}

/// The width of a phone's screen, in CSS pixels.
const PHONE: u32 = 390;

fn as_phone(tab: &Tab) {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width: PHONE,
        height: 844,
        device_scale_factor: 2.0,
        mobile: true,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .unwrap();
}

/// What sticks out of the screen sideways, outside diagrams (which scroll inside their figure).
const STICKING_OUT: &str = r#"JSON.stringify({
    page: document.scrollingElement.scrollWidth,
    out: [...document.querySelectorAll('main *')]
        .filter(e => !e.closest('figure.patterns-diagram') && e.checkVisibility())
        .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > innerWidth + 1 || r.left < -1); })
        .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > innerWidth + 1))
        .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '') + ' ' + Math.round(e.getBoundingClientRect().right) + ': ' + e.textContent.trim().slice(0, 40))
        .slice(0, 20),
})"#;

#[test]
fn a_phone_screen_shows_the_wizard_and_index_without_sideways_scrolling() {
    let reader = Reader::new();
    let root = reader.root.clone();
    let tab = Arc::clone(&reader.tab);
    as_phone(&tab);
    let mut wide = Vec::new();
    for (page, shot) in [
        (
            "wizard.html#wizard=payments-finance/zero-data-loss/data-loss=Zero",
            "phone-wizard.png",
        ),
        ("patterns/index.html", "phone-index.png"),
        (
            "compare.html#compare=saga,two-phase-commit",
            "phone-compare.png",
        ),
    ] {
        open(&tab, "about:blank");
        open(&tab, &format!("{root}/{page}"));
        let found: Value =
            serde_json::from_str(eval(&tab, STICKING_OUT).as_str().unwrap()).unwrap();
        // The screenshot shows the first table: the result's, the compared, the index's.
        eval(
            &tab,
            "document.querySelector('main table').scrollIntoView()",
        );
        screenshot(&tab, shot);
        if found["out"] != serde_json::json!([]) {
            wide.push(format!("{page}: {}", found["out"]));
        }
        if number(found["page"].clone()) > f64::from(PHONE) {
            wide.push(format!("{page}: the page scrolls sideways"));
        }
    }
    assert!(wide.is_empty(), "at {PHONE} px: {wide:#?}");
    reader.no_errors();
}

/// Reloads the page in mdBook's theme `theme`, its folds open so that what they hold is checked.
fn in_theme(tab: &Tab, theme: &str) {
    eval(
        tab,
        &format!("localStorage.setItem('mdbook-theme', '{theme}'); location.reload()"),
    );
    wait_for(
        tab,
        &format!(
            "document.documentElement.classList.contains('{theme}') && document.readyState === 'complete'"
        ),
    );
    eval(
        tab,
        "document.querySelectorAll('main details').forEach(d => d.open = true)",
    );
}

#[test]
fn no_page_type_has_a_serious_accessibility_problem_in_any_theme() {
    let reader = Reader::new();
    let tab = Arc::clone(&reader.tab);
    let mut found = Vec::new();
    for page in PAGE_TYPES {
        open(&tab, "about:blank");
        open(&tab, &format!("{}/{page}", reader.root));
        for theme in THEMES {
            in_theme(&tab, theme);
            if page.starts_with("compare.html") {
                wait_for(
                    &tab,
                    "document.querySelectorAll('.patterns-compare-view thead th a').length === 2",
                );
            }
            // Every rule in the default theme; in the others, only those a theme can change.
            let rules = (theme != THEMES[0]).then_some(&COLOUR_RULES[..]);
            for violation in axe_rule_violations(&tab, "main", rules) {
                found.push(format!("{page} in {theme}: {violation}"));
            }
            if page == "patterns/saga.html" || page.starts_with("compare.html") {
                let name = page.trim_end_matches(|c| c != '.').trim_end_matches('.');
                screenshot(
                    &tab,
                    &format!("theme-{theme}-{}.png", name.replace('/', "-")),
                );
            }
        }
    }
    assert!(found.is_empty(), "axe-core: {found:#?}");
    reader.no_errors();
}
