//! The wizard as a reader uses it: the built handbook in a real headless Chromium, served on
//! localhost and opened as `file://`. Clicks and keys choose a domain, an option and tree answers;
//! the shown stack and recipe, the URL hash, reload and back are checked; axe-core looks for
//! accessibility violations; console errors and requests to other hosts fail the test.
//! Screenshots (light and coal themes) are written to `target/screenshots/` for people to see.
//!
//! Chromium is `$CHROMIUM`, else Debian's `/usr/bin/chromium`, installed with apt-get when
//! missing; axe-core comes from npm into `target/tools`. So `cargo test` needs only Rust on the
//! Debian machines this project is built on (as root); elsewhere, set `$CHROMIUM`.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::protocol::cdp::Page::{CaptureScreenshotFormatOption, Viewport};
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::{Value, json};

fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return PathBuf::from(path);
    }
    let path = PathBuf::from("/usr/bin/chromium");
    if !path.exists() {
        eprintln!("installing Debian's chromium for the browser tests");
        common::run(Command::new("apt-get").arg("update"), "apt-get update");
        common::run(
            Command::new("apt-get")
                .args(["install", "-y", "chromium"])
                .env("DEBIAN_FRONTEND", "noninteractive"),
            "apt-get install chromium (or set $CHROMIUM)",
        );
    }
    path
}

fn axe_source() -> String {
    let tools = common::tools_dir();
    let file = tools.join("node_modules/axe-core/axe.min.js");
    if !file.exists() {
        eprintln!("installing axe-core from npm into {}", tools.display());
        std::fs::create_dir_all(&tools).unwrap();
        if Command::new("npm").arg("--version").output().is_err() {
            common::run(Command::new("apt-get").arg("update"), "apt-get update");
            common::run(
                Command::new("apt-get")
                    .args(["install", "-y", "npm"])
                    .env("DEBIAN_FRONTEND", "noninteractive"),
                "apt-get install npm",
            );
        }
        common::run(
            Command::new("npm")
                .args([
                    "install",
                    "--no-save",
                    "--no-audit",
                    "--no-fund",
                    "--prefix",
                ])
                .arg(&tools)
                .arg("axe-core@4"),
            "npm install axe-core",
        );
    }
    std::fs::read_to_string(file).expect("axe-core's script")
}

/// A static file server for `dir` on 127.0.0.1, for the life of the test process.
pub(crate) fn serve(dir: &Path) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let port = listener.local_addr().unwrap().port();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                // Drain the headers.
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let path = request.split_whitespace().nth(1).unwrap_or("/");
                let path = path.split(['?', '#']).next().unwrap_or("/");
                let mut file = dir.join(path.trim_start_matches('/'));
                if file.is_dir() {
                    file = file.join("index.html");
                }
                let mut stream = &stream;
                match std::fs::read(&file) {
                    Ok(body) if !path.contains("..") => {
                        let kind = match file.extension().and_then(|e| e.to_str()) {
                            Some("html") => "text/html; charset=utf-8",
                            Some("css") => "text/css",
                            Some("js") => "text/javascript",
                            Some("svg") => "image/svg+xml",
                            Some("png") => "image/png",
                            Some("woff2") => "font/woff2",
                            _ => "application/octet-stream",
                        };
                        let _ = write!(
                            stream,
                            "HTTP/1.0 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\r\n",
                            body.len()
                        );
                        let _ = stream.write_all(&body);
                    }
                    _ => {
                        let _ = stream
                            .write_all(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n");
                    }
                }
            });
        }
    });
    port
}

pub(crate) fn browser() -> Browser {
    let chromium = chromium();
    let args: Vec<&std::ffi::OsStr> = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--allow-file-access-from-files",
        // No host name resolves, so that nothing a page asks for leaves the machine.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(chromium))
        .headless(true)
        .sandbox(false)
        .window_size(Some((1280, 1000)))
        .idle_browser_timeout(Duration::from_secs(120))
        .args(args)
        .build()
        .expect("launch options");
    Browser::new(options).expect("Chromium starts")
}

/// A tab that records console errors and uncaught exceptions into `errors`.
pub(crate) fn tab(browser: &Browser, errors: &Arc<Mutex<Vec<String>>>) -> Arc<Tab> {
    let tab = browser.new_tab().expect("a tab");
    tab.set_default_timeout(Duration::from_secs(10));
    tab.enable_runtime().unwrap();
    tab.enable_log().unwrap();
    let sink = Arc::clone(errors);
    tab.add_event_listener(Arc::new(move |event: &Event| {
        let message = match event {
            Event::RuntimeExceptionThrown(e) => {
                Some(format!("{:?}", e.params.exception_details.text))
            }
            Event::RuntimeConsoleAPICalled(e) if format!("{:?}", e.params.Type) == "Error" => {
                Some(format!(
                    "console.error: {:?}",
                    e.params.args.first().and_then(|a| a.value.clone())
                ))
            }
            Event::LogEntryAdded(e) if format!("{:?}", e.params.entry.level) == "Error" => {
                Some(format!("log: {}", e.params.entry.text))
            }
            _ => None,
        };
        if let Some(message) = message {
            sink.lock().unwrap().push(message);
        }
    }))
    .unwrap();
    tab
}

pub(crate) fn eval(tab: &Tab, expression: &str) -> Value {
    let result = tab.evaluate(expression, true).expect("the expression runs");
    result.value.unwrap_or(Value::Null)
}

/// What the wizard shows now: hash, stack rows, recipe parts.
fn shown(tab: &Tab) -> Value {
    let text = eval(
        tab,
        r#"JSON.stringify({
            hash: decodeURIComponent(location.hash),
            stack: [...document.querySelectorAll('.patterns-wizard-stack tbody tr')].map(tr => tr.cells[0].textContent.trim()),
            core: [...document.querySelectorAll('[data-part=core] li')].map(li => li.dataset.pattern),
            scale: [...document.querySelectorAll('[data-part=scale] li')].map(li => li.dataset.pattern),
            avoid: [...document.querySelectorAll('[data-part=avoid] li')].map(li => li.dataset.pattern),
        })"#,
    );
    serde_json::from_str(text.as_str().unwrap()).unwrap()
}

pub(crate) fn wait_for(tab: &Tab, condition: &str) {
    for _ in 0..100 {
        if eval(tab, condition) == Value::Bool(true) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {condition}");
}

pub(crate) fn click(tab: &Tab, selector: &str) {
    tab.wait_for_element(selector)
        .unwrap_or_else(|e| panic!("{selector}: {e}"))
        .click()
        .unwrap_or_else(|e| panic!("click {selector}: {e}"));
}

/// Clicks the wizard's answer `label` to question `node`, found by the text of its label.
fn click_answer(tab: &Tab, node: &str, label: &str) {
    let labels = format!("#patterns-wizard fieldset[data-step=\"q-{node}\"] label");
    tab.wait_for_element(&labels)
        .unwrap_or_else(|e| panic!("{labels}: {e}"));
    let id = eval(
        tab,
        &format!(
            "[...document.querySelectorAll({})].find(l => l.textContent === {}).htmlFor",
            json!(labels),
            json!(label)
        ),
    );
    click(
        tab,
        &format!("#{}", id.as_str().expect("the answer's label")),
    );
}

fn expected_full() -> Value {
    json!({
        "hash": "#wizard=payments-finance/zero-data-loss/data-loss=Zero/realtime=Yes",
        "stack": ["Event Sourcing", "Saga", "Double-Entry Ledger", "Idempotency"],
        "core": ["event-sourcing", "saga", "double-entry-ledger", "idempotency", "websocket", "pub-sub"],
        "scale": [],
        "avoid": ["two-phase-commit"],
    })
}

/// Only this machine is ever asked for anything: the page, files, or inline data.
fn foreign_requests(tab: &Tab) -> Vec<String> {
    let urls = eval(
        tab,
        "JSON.stringify([location.href, ...performance.getEntriesByType('resource').map(e => e.name)])",
    );
    let urls: Vec<String> = serde_json::from_str(urls.as_str().unwrap()).unwrap();
    urls.into_iter()
        .filter(|u| {
            !(u.starts_with("http://127.0.0.1:")
                || u.starts_with("file://")
                || u.starts_with("data:"))
        })
        .collect()
}

/// Reloads the page in mdBook's theme `theme`, with the full result shown again.
fn show_theme(tab: &Tab, theme: &str) {
    eval(
        tab,
        &format!("localStorage.setItem('mdbook-theme', '{theme}'); location.reload()"),
    );
    wait_for(
        tab,
        "document.querySelectorAll('[data-part=core] li').length === 6",
    );
    wait_for(
        tab,
        &format!("document.documentElement.classList.contains('{theme}')"),
    );
}

/// axe-core's serious and critical violations inside the elements `selector` matches.
pub(crate) fn axe_violations(tab: &Tab, selector: &str) -> Vec<String> {
    axe_rule_violations(tab, selector, None)
}

/// As `axe_violations`, with only the axe-core rules `rules` when given. Colour contrast
/// violations name the colours and the ratio.
pub(crate) fn axe_rule_violations(
    tab: &Tab,
    selector: &str,
    rules: Option<&[&str]>,
) -> Vec<String> {
    if eval(tab, "typeof axe === 'undefined'") == Value::Bool(true) {
        eval(tab, &axe_source());
    }
    let only = match rules {
        Some(rules) => format!(
            ", {{ runOnly: {{ type: 'rule', values: {} }} }}",
            json!(rules)
        ),
        None => String::new(),
    };
    let found = eval(
        tab,
        &format!(
            "axe.run({{ include: [['{selector}']] }}{only}).then(r => JSON.stringify(r.violations\
             .filter(v => v.impact === 'serious' || v.impact === 'critical')\
             .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ') + \
             ((n.any[0] || {{}}).data && n.any[0].data.contrastRatio ? ' [' + n.any[0].data.fgColor + ' on ' + n.any[0].data.bgColor + ': ' + n.any[0].data.contrastRatio + ']' : '')).join(', '))))"
        ),
    );
    serde_json::from_str(found.as_str().unwrap()).unwrap()
}

/// The lowest contrast of any text of the page's diagrams against the fill of the shape it sits
/// in, or against the page where it sits in none, by WCAG's formula.
const DIAGRAM_CONTRAST: &str = r#"(() => {
  const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const opaque = (c) => { const v = rgb(c); return v.length === 3 || (v.length === 4 && v[3] > 0); };
  const page = [document.body, document.documentElement, document.querySelector("main")]
    .map((e) => getComputedStyle(e).backgroundColor).find(opaque) || "rgb(255, 255, 255)";
  let lowest = 99, texts = 0, worst = "";
  for (const text of document.querySelectorAll("main figure.patterns-diagram text, main figure.patterns-diagram foreignObject p")) {
    if (!text.textContent.trim()) continue;
    let behind = page;
    const node = text.closest("g.node") || text.closest("g.edgeLabel") || text.closest("g[data-et=participant]");
    const shape = node && node.querySelector("rect.label-container, rect.basic, polygon, rect.background, rect.actor, rect");
    if (shape && opaque(getComputedStyle(shape).fill) && getComputedStyle(shape).fill !== "none") behind = getComputedStyle(shape).fill;
    // The letters are painted by the innermost element that holds them.
    const spans = [...text.querySelectorAll("tspan")].filter((t) => !t.querySelector("tspan") && t.textContent.trim());
    const painted = spans.length ? spans[0] : text;
    // SVG text is painted with `fill`; a label's HTML with `color`.
    const colour = text.tagName.toLowerCase() === "p" ? getComputedStyle(text).color : getComputedStyle(painted).fill;
    const fg = luminance(rgb(colour)), bg = luminance(rgb(behind));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    texts += 1;
    if (ratio < lowest) { lowest = ratio; worst = text.textContent + " " + colour + " on " + behind; }
  }
  return JSON.stringify({ lowest, texts, worst });
})()"#;

/// A PNG of the element that `element` (JavaScript) finds, scrolled into view.
pub(crate) fn screenshot_of(tab: &Tab, element: &str) -> Vec<u8> {
    let rect = eval(
        tab,
        &format!(
            "(() => {{ const e = {element}; e.scrollIntoView({{ block: \"center\" }}); const r = e.getBoundingClientRect(); \
             return JSON.stringify([r.left + scrollX, r.top + scrollY, r.width, r.height]); }})()"
        ),
    );
    let [x, y, width, height]: [f64; 4] = serde_json::from_str(rect.as_str().unwrap()).unwrap();
    let clip = Viewport {
        x,
        y,
        width,
        height,
        scale: 1.0,
    };
    tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, Some(clip), true)
        .unwrap()
}

/// Installs the wizard's assets into the book at `book` and builds it into `book/out`.
fn install_and_build(book: &Path) -> PathBuf {
    common::run(
        Command::new(BIN).arg("install").arg(book),
        "mdbook-patterns install",
    );
    let out = book.join("out");
    common::run(
        Command::new(BIN)
            .arg("build")
            .arg(book)
            .env("MDBOOK_BUILD__BUILD_DIR", &out),
        "mdbook-patterns build",
    );
    out
}

/// The browser tests take turns: each starts its own Chromium, and two at once on a small
/// machine make both slow enough to time out.
pub(crate) static BROWSER: Mutex<()> = Mutex::new(());

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-patterns");

#[test]
fn the_wizard_works_in_a_real_browser() {
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let book = common::built_handbook();
    let port = serve(book);
    let base = format!("http://127.0.0.1:{port}/wizard.html");
    let browser = browser();
    let errors = Arc::new(Mutex::new(Vec::new()));

    // Clicking: a card, an option, two answers.
    let tab = tab(&browser, &errors);
    tab.navigate_to(&base)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_for(&tab, "!document.getElementById('patterns-wizard').hidden");
    click(&tab, "a.patterns-card[data-domain=payments-finance]");
    click(&tab, "#patterns-wizard-option-zero-data-loss");
    click_answer(&tab, "data-loss", "Zero");
    click_answer(&tab, "realtime", "Yes");
    wait_for(
        &tab,
        "document.querySelectorAll('[data-part=core] li').length === 6",
    );
    assert_eq!(shown(&tab), expected_full());
    assert_eq!(foreign_requests(&tab), Vec::<String>::new());

    // Back walks one step: the real-time answer is gone, and with it its patterns.
    eval(&tab, "history.back()");
    wait_for(&tab, "!location.hash.includes('realtime')");
    wait_for(
        &tab,
        "document.querySelectorAll('[data-part=core] li').length === 4",
    );
    let back = shown(&tab);
    assert_eq!(
        back["hash"],
        "#wizard=payments-finance/zero-data-loss/data-loss=Zero"
    );
    assert_eq!(
        back["core"],
        json!([
            "event-sourcing",
            "saga",
            "double-entry-ledger",
            "idempotency"
        ])
    );

    // A shared link restores the same result, from the server and from file://.
    let hash = "#wizard=payments-finance/zero-data-loss/data-loss%3DZero/realtime%3DYes";
    let file_url = format!("file://{}/wizard.html", book.display());
    for url in [format!("{base}{hash}"), format!("{file_url}{hash}")] {
        let fresh = self::tab(&browser, &errors);
        fresh
            .navigate_to(&url)
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        wait_for(
            &fresh,
            "document.querySelectorAll('[data-part=core] li').length === 6",
        );
        assert_eq!(shown(&fresh), expected_full(), "{url}");
        assert_eq!(foreign_requests(&fresh), Vec::<String>::new(), "{url}");
        fresh.close(false).unwrap();
    }

    // Print: with a result shown, only the wizard's panel is printed, without its form.
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some("print".into()),
        features: None,
    })
    .unwrap();
    wait_for(
        &tab,
        "document.querySelectorAll('[data-part=core] li').length === 4",
    );
    assert_eq!(
        eval(
            &tab,
            "[...document.querySelector('main').children].filter(e => getComputedStyle(e).display !== 'none').map(e => e.id).join()"
        ),
        json!("patterns-wizard"),
        "print shows the recipe alone"
    );
    assert_eq!(
        eval(
            &tab,
            "getComputedStyle(document.querySelector('.patterns-wizard-form')).display"
        ),
        json!("none")
    );
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some(String::new()),
        features: None,
    })
    .unwrap();

    // Copy as Markdown puts the engine's Markdown on the clipboard; Start over clears it all.
    click(&tab, ".patterns-wizard-copy");
    wait_for(
        &tab,
        "document.querySelector('.patterns-wizard-status').textContent.includes('Copied')",
    );
    click(&tab, ".patterns-wizard-restart");
    wait_for(
        &tab,
        "!document.querySelector('.patterns-wizard-result-title')",
    );
    assert_eq!(eval(&tab, "location.hash"), json!("#wizard="));
    assert_eq!(
        eval(
            &tab,
            "document.querySelectorAll('#patterns-wizard input:checked').length"
        ),
        json!(0)
    );

    // Without JavaScript the panel stays hidden and the static wizard is all there.
    let static_tab = self::tab(&browser, &errors);
    static_tab
        .call_method(Emulation::SetScriptExecutionDisabled { value: true })
        .unwrap();
    static_tab
        .navigate_to(&base)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    static_tab.wait_for_element("#wizard-recipe").unwrap();
    let panel_hidden = static_tab
        .find_element("#patterns-wizard")
        .unwrap()
        .get_attribute_value("hidden")
        .unwrap();
    assert!(panel_hidden.is_some(), "the panel stays hidden");
    assert_eq!(
        static_tab.find_elements("a.patterns-card").unwrap().len(),
        4
    );
    static_tab.close(false).unwrap();

    // Results are announced: the live region is the same element before and after a choice.
    eval(
        &tab,
        "window.liveRegion = document.querySelector('#patterns-wizard [aria-live]')",
    );
    click(&tab, "a.patterns-card[data-domain=ecommerce]");
    click(&tab, "#patterns-wizard-option-flash-sales");
    wait_for(
        &tab,
        "document.querySelector('#patterns-wizard [aria-live]') === window.liveRegion",
    );
    wait_for(
        &tab,
        "window.liveRegion.textContent.includes('E-commerce → Flash Sales')",
    );
    assert_eq!(
        eval(
            &tab,
            "!!window.liveRegion.querySelector('.patterns-wizard-blueprint svg title')"
        ),
        json!(true),
        "the option's blueprint is shown"
    );
    assert_eq!(
        eval(
            &tab,
            "(() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id); return ids.length - new Set(ids).size; })()"
        ),
        json!(0),
        "the blueprint's copy has ids of its own"
    );

    // The keyboard alone: Tab into the wizard, arrows and Space to choose.
    let keys = self::tab(&browser, &errors);
    keys.navigate_to(&base)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_for(&keys, "!document.getElementById('patterns-wizard').hidden");
    let mut reached = false;
    for _ in 0..400 {
        keys.press_key("Tab").unwrap();
        if eval(
            &keys,
            "document.activeElement.name === 'patterns-wizard-domain'",
        ) == Value::Bool(true)
        {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches the wizard's first question");
    keys.press_key("ArrowRight").unwrap(); // the second domain: Payments & Finance
    wait_for(&keys, "location.hash === '#wizard=payments-finance'");
    for (answered, wait) in [
        ("option", "location.hash.endsWith('zero-data-loss')"),
        ("data-loss", "location.hash.endsWith('data-loss%3DZero')"),
        ("realtime", "location.hash.endsWith('realtime%3DYes')"),
    ] {
        keys.press_key("Tab").unwrap();
        keys.press_key(" ").unwrap();
        wait_for(&keys, wait);
        let _ = answered;
    }
    wait_for(
        &keys,
        "document.querySelectorAll('[data-part=core] li').length === 6",
    );
    assert_eq!(shown(&keys), expected_full());
    assert_eq!(
        eval(
            &keys,
            "getComputedStyle(document.activeElement).outlineStyle !== 'none'"
        ),
        Value::Bool(true),
        "the focused control shows its focus"
    );

    // Screenshots for people, in a light and a dark theme.
    let shots = common::root().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for theme in ["light", "coal"] {
        show_theme(&keys, theme);
        eval(
            &keys,
            "document.getElementById('patterns-wizard').scrollIntoView()",
        );
        let png = keys
            .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
            .unwrap();
        std::fs::write(shots.join(format!("wizard-{theme}.png")), png).unwrap();
    }

    // The diagrams, drawn at build time, read in every theme: each text against the shape it
    // sits in (or the page) has a contrast of 4.5 or more. Light and coal are photographed.
    for theme in ["light", "rust", "coal", "navy", "ayu"] {
        show_theme(&keys, theme);
        let contrast: Value =
            serde_json::from_str(eval(&keys, DIAGRAM_CONTRAST).as_str().unwrap()).unwrap();
        let lowest = contrast["lowest"]
            .as_f64()
            .unwrap_or_else(|| panic!("a contrast in {theme}: {contrast}"));
        assert!(
            lowest >= 4.5,
            "diagram text in {theme} has a contrast of {lowest:.2}: {contrast}"
        );
        assert!(contrast["texts"].as_u64().unwrap() >= 30, "{contrast}");
        assert_eq!(
            eval(&keys, LABELS_OUTSIDE),
            json!("[]"),
            "in {theme}, every label stays inside its node"
        );
        if theme == "light" || theme == "coal" {
            let count = eval(
                &keys,
                "document.querySelectorAll('main figure.patterns-diagram').length",
            );
            for i in 0..count.as_u64().unwrap() {
                let png = screenshot_of(
                    &keys,
                    &format!("document.querySelectorAll('main figure.patterns-diagram')[{i}]"),
                );
                std::fs::write(shots.join(format!("diagram-{}-{theme}.png", i + 1)), png).unwrap();
            }
        }
    }

    // axe-core: no serious or critical violation in the page's content, with a result shown, in
    // the book's default theme. (mdBook's own menu bar and sidebar are mdBook's to fix.)
    show_theme(&keys, "light");
    let violations = axe_violations(&keys, "main");
    assert!(violations.is_empty(), "axe-core: {violations:#?}");
    // In every other theme of mdBook, the wizard's own panel passes too.
    for theme in ["rust", "coal", "navy", "ayu"] {
        show_theme(&keys, theme);
        let violations = axe_violations(&keys, "#patterns-wizard");
        assert!(
            violations.is_empty(),
            "axe-core in {theme}: {violations:#?}"
        );
    }

    let errors = errors.lock().unwrap();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

/// The labels of the page's drawn diagrams whose text spills out of the box of their node.
const LABELS_OUTSIDE: &str = r#"JSON.stringify([...document.querySelectorAll("main figure.patterns-diagram g.node")].filter((node) => {
  const shape = node.querySelector("rect.label-container, rect.basic, polygon, path");
  const text = node.querySelector("foreignObject p, text");
  if (!shape || !text) return false;
  const s = shape.getBoundingClientRect(), t = text.getBoundingClientRect();
  return t.left < s.left - 1 || t.right > s.right + 1 || t.top < s.top - 1 || t.bottom > s.bottom + 1;
}).map((node) => node.textContent.trim()))"#;

/// What the hostile fixture book's diagrams say, each written to break out of mermaid, SVG or
/// HTML: a reader must see every one as written, and none may run.
const HOSTILE_TEXTS: &[&str] = &[
    "Users <script>window.hostile=1</script>",
    "\"Quotes\" & [brackets] {braces} (parens)",
    "#hash; semi|pipe `tick`",
    "<img src=x onerror=\"window.hostile=2\"> next line --> end",
    "yes|no \"maybe\"",
    "]] ;; ## <<",
    "User; \"admin\" <u>",
    "GET /a?x=1&y=<2>; #frag",
    "200 \"ok\" | <script>window.hostile=3</script>",
    "Is it <b>\"big\"</b>?",
    "Yes; really",
    "No | never",
    "Cache \"<b>quoted</b>\" [x] #1; a|b",
    "Store <script>window.hostile=4</script> {x} \"q\" #5; a|b --> end",
];

/// The hostile book built in both diagram modes, the way a user builds each: `svg` through
/// `mdbook-patterns build`; `mermaid` after `mdbook-mermaid install` and `mdbook-patterns
/// install`, through the real `mdbook` with the real mdbook-mermaid. In Chromium, the four
/// diagrams (two blueprints, the decision tree, and a pattern graph whose nodes are hostile
/// pattern names) are drawn, every label reads as written, no label's markup runs, and the node that
/// names a pattern links to its page.
#[test]
fn hostile_labels_show_as_written_in_both_diagram_modes() {
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let fixture = common::root().join("tests/fixtures/books/hostile");
    let browser = browser();
    for mode in ["svg", "mermaid"] {
        let book = tempfile::tempdir().unwrap();
        common::copy_book(&fixture, book.path());
        let out = book.path().join("out");
        if mode == "svg" {
            common::run(
                Command::new(BIN)
                    .arg("build")
                    .arg(book.path())
                    .env("MDBOOK_BUILD__BUILD_DIR", &out),
                "mdbook-patterns build",
            );
        } else {
            let mermaid = common::real_mdbook_mermaid();
            common::run(
                Command::new(&mermaid).arg("install").arg(book.path()),
                "mdbook-mermaid install",
            );
            common::run(
                Command::new(BIN).arg("install").arg(book.path()),
                "mdbook-patterns install",
            );
            let toml = std::fs::read_to_string(book.path().join("book.toml")).unwrap();
            assert!(
                toml.contains("diagrams = \"mermaid\"") && toml.contains("before = [\"mermaid\"]"),
                "install chose mermaid for a book with mdbook-mermaid:\n{toml}"
            );
            common::run(
                Command::new(common::real_mdbook())
                    .arg("build")
                    .arg(book.path())
                    .arg("--dest-dir")
                    .arg(&out)
                    .env("MDBOOK_PREPROCESSOR__PATTERNS__COMMAND", BIN)
                    .env("MDBOOK_PREPROCESSOR__MERMAID__COMMAND", &mermaid),
                "mdbook build",
            );
        }
        let html = std::fs::read_to_string(out.join("diagrams.html")).unwrap();
        assert_eq!(
            html.contains("<script src=\"mermaid-"),
            mode == "mermaid",
            "mermaid.js is loaded only in mermaid mode"
        );

        let errors = Arc::new(Mutex::new(Vec::new()));
        let tab = tab(&browser, &errors);
        let port = serve(&out);
        tab.navigate_to(&format!("http://127.0.0.1:{port}/diagrams.html"))
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        wait_for(
            &tab,
            "document.querySelectorAll('main svg[id]').length === 4",
        );
        let drawn = eval(
            &tab,
            "JSON.stringify([...document.querySelectorAll('main svg[id]')].map(s => s.textContent))",
        );
        let drawn: Vec<String> = serde_json::from_str(drawn.as_str().unwrap()).unwrap();
        let all = squeeze(&drawn.concat());
        for text in HOSTILE_TEXTS {
            assert!(
                all.contains(&squeeze(text)),
                "{mode}: the diagrams show {text:?} as written; they show:\n{drawn:#?}"
            );
        }
        if mode == "svg" {
            assert_eq!(
                eval(&tab, LABELS_OUTSIDE),
                json!("[]"),
                "every label stays inside its node"
            );
        }
        assert_eq!(
            eval(&tab, "typeof window.hostile"),
            json!("undefined"),
            "{mode}: no label's markup ran"
        );
        assert_eq!(
            eval(
                &tab,
                "[...document.querySelectorAll('main svg a')].some(a => \
                 (a.getAttribute('href') || a.getAttribute('xlink:href') || '').endsWith('patterns/cache.html'))"
            ),
            json!(true),
            "{mode}: the pattern's node links to its page"
        );
        assert_eq!(
            eval(
                &tab,
                "document.querySelectorAll('details.patterns-text-alternative').length"
            ),
            json!(4),
            "{mode}: each diagram has its text alternative"
        );
        assert_eq!(
            eval(
                &tab,
                "[...document.querySelectorAll('main svg[id]')].filter(s => \
                 s.querySelector('title')?.textContent.trim() && s.querySelector('desc')?.textContent.trim()).length"
            ),
            json!(4),
            "{mode}: each diagram has a title and a description"
        );
        let shots = common::root().join("target/screenshots");
        std::fs::create_dir_all(&shots).unwrap();
        let png = tab
            .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
            .unwrap();
        std::fs::write(shots.join(format!("hostile-{mode}.png")), png).unwrap();
        let errors = errors.lock().unwrap();
        assert!(errors.is_empty(), "{mode}: console errors: {errors:#?}");
    }
}

/// The script walks the tree and combines the walk with the option's part by the engine's rules;
/// on every choice of the handbook and of a larger data set, and on each choice changed as a
/// link could be, what it shows and copies is exactly what `mdbook-patterns recommend` computes,
/// and where the engine refuses a choice the script has no result.
#[test]
fn the_script_recommends_what_the_engine_does_for_every_choice() {
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let browser = browser();
    let larger_data = common::root().join("tests/fixtures/recommend/data");
    let (_larger, larger_out) = wizard_book(&larger_data);
    let relations_data = common::root().join("tests/fixtures/recommend/relations");
    let (_relations, relations_out) = wizard_book(&relations_data);
    for (name, out, data) in [
        (
            "handbook",
            common::built_handbook().to_owned(),
            common::root().join("patterns-data"),
        ),
        ("larger data set", larger_out, larger_data),
        ("relations", relations_out, relations_data),
    ] {
        let checked = mdbook_patterns::check_data(&data);
        assert!(
            checked.diagnostics.is_empty(),
            "{name}: {:#?}",
            checked.diagnostics
        );
        let data = checked.data;
        let mut choices = Vec::new();
        let mut expected = Vec::new();
        let mut refused = 0;
        for (domain, option) in mdbook_patterns::options(&data) {
            for answers in answer_sets(&common::tree_paths(&data)) {
                let selection = mdbook_patterns::Selection {
                    domain: domain.id.clone(),
                    option: option.id.clone(),
                    answers,
                };
                // What the engine refuses, the script has no result for.
                let value = match mdbook_patterns::recommend(&data, &selection) {
                    Ok(r) => {
                        let mut value = serde_json::to_value(&r).unwrap();
                        value["markdown"] = json!(r.to_markdown(&data.labels));
                        value
                    }
                    Err(_) => {
                        refused += 1;
                        Value::Null
                    }
                };
                expected.push(value);
                choices.push(json!([
                    selection.domain,
                    selection.option,
                    selection.answers
                ]));
            }
        }
        assert!(choices.len() > 20, "{name}: {} choices", choices.len());
        assert!(refused > 5, "{name}: {refused} refused choices");
        let with = |key: &str| {
            expected
                .iter()
                .filter(|r| r[key].as_array().is_some_and(|a| !a.is_empty()))
                .count()
        };
        if name != "handbook" {
            assert!(
                with("missing") > 0 && with("conflicts") > 0,
                "{name}: no missing requirement or conflict"
            );
        }

        let errors = Arc::new(Mutex::new(Vec::new()));
        let tab = tab(&browser, &errors);
        let port = serve(&out);
        tab.navigate_to(&format!("http://127.0.0.1:{port}/wizard.html"))
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        wait_for(&tab, "!!window.patternsWizard");
        let shown = eval(
            &tab,
            &format!(
                "JSON.stringify({}.map(c => window.patternsWizard.recommend(c[0], c[1], c[2])))",
                json!(choices)
            ),
        );
        let shown: Vec<Value> = serde_json::from_str(shown.as_str().unwrap()).unwrap();
        assert_eq!(shown.len(), expected.len());
        for ((choice, shown), expected) in choices.iter().zip(&shown).zip(&expected) {
            assert_eq!(
                shown, expected,
                "{name}: the script and the engine differ on {choice}"
            );
        }
        let errors = errors.lock().unwrap();
        assert!(errors.is_empty(), "{name}: console errors: {errors:#?}");
    }
}

/// The wizard's result says what its patterns require and it lacks, each with who requires it
/// and why, and which of its patterns conflict and why; each pattern named is a link. In the
/// handbook (the seed's streaming option draws Microservices, which requires an API gateway it
/// does not hold) and in a data set of our own: a requirement met through another missing one,
/// and a conflict between the option's stack and what an answer adds.
#[test]
fn the_wizard_result_shows_missing_requirements_and_conflicts_with_their_reasons() {
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let browser = browser();
    let errors = Arc::new(Mutex::new(Vec::new()));
    let tab = tab(&browser, &errors);
    // Each line of a part of the result: its text, and the pages its links lead to.
    let lines = |part: &str| -> Value {
        let expression = format!(
            "JSON.stringify([...document.querySelectorAll('[data-part={part}] li')].map(li => [li.textContent,
               [...li.querySelectorAll('a')].map(a => a.getAttribute('href'))]))"
        );
        serde_json::from_str(eval(&tab, &expression).as_str().unwrap()).unwrap()
    };
    let open = |port: u16, hash: &str| {
        tab.navigate_to("about:blank")
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        tab.navigate_to(&format!(
            "http://127.0.0.1:{port}/wizard.html#wizard={hash}"
        ))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
        wait_for(
            &tab,
            "!!document.querySelector('.patterns-wizard-result-title')",
        );
    };

    let port = serve(common::built_handbook());
    open(port, "streaming-media/internet-scale/data-loss=Zero");
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('[data-part=missing] h4').textContent"
        ),
        json!("🧩 Missing Requirements (Add These Too)")
    );
    assert_eq!(
        lines("missing"),
        json!([[
            "API Gateway, needed by Microservices (clients need one entry point rather than the address of every service)",
            ["patterns/api-gateway.html", "patterns/microservices.html"]
        ]])
    );
    assert_eq!(lines("conflicts"), json!([]));
    open(port, "payments-finance/zero-data-loss");
    assert_eq!(
        lines("missing"),
        json!([]),
        "a stack that holds what it needs"
    );

    let data = common::root().join("tests/fixtures/recommend/relations");
    let (_book, out) = wizard_book(&data);
    let port = serve(&out);
    open(port, "shop/catalog/writes=Sagas");
    assert_eq!(
        lines("missing"),
        json!([
            [
                "Outbox & Relay, required by Saga (each step's command must leave with its commit)",
                []
            ],
            [
                "Message Broker, required by Double-Entry Ledger; Outbox & Relay (the relay publishes to a broker)",
                []
            ]
        ])
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('[data-part=missing] li:last-child code').textContent"
        ),
        json!("a broker"),
        "a note's Markdown is drawn"
    );
    open(port, "shop/legacy/writes=Per%20service");
    assert_eq!(
        lines("conflicts"),
        json!([[
            "Shared Database conflicts with Database per Service — a shared schema couples the services",
            []
        ]])
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('[data-part=conflicts] strong:last-child').textContent"
        ),
        json!("couples")
    );
    open(port, "shop/checkout/writes=None");
    assert_eq!(
        lines("conflicts"),
        json!([["Message Broker conflicts with Synchronous Calls", []]]),
        "a conflict without a note"
    );
    let errors = errors.lock().unwrap();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

/// A book whose only chapter is the wizard over `data`, with a page for each case study the data
/// names, built: the folder it is in (deleted when dropped) and the built HTML.
fn wizard_book(data: &Path) -> (tempfile::TempDir, PathBuf) {
    let book = tempfile::tempdir().unwrap();
    let src = book.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    let mut summary = String::from("# Summary\n\n- [Wizard](wizard.md)\n");
    std::fs::write(src.join("wizard.md"), "# Wizard\n\n<<wizard>>\n").unwrap();
    if let Ok(studies) = std::fs::read_to_string(data.join("case-studies.json")) {
        let studies: Value = serde_json::from_str(&studies).unwrap();
        for (id, study) in studies["case_studies"].as_object().unwrap() {
            let page = study["page"].as_str().unwrap();
            std::fs::create_dir_all(src.join(page).parent().unwrap()).unwrap();
            std::fs::write(src.join(page), format!("# {id}\n")).unwrap();
            summary.push_str(&format!("- [{id}]({page})\n"));
        }
    }
    std::fs::write(src.join("SUMMARY.md"), summary).unwrap();
    std::fs::write(
        book.path().join("book.toml"),
        format!(
            "[book]\ntitle = \"Larger\"\n\n[preprocessor.patterns]\ndata = {:?}\n",
            data.display().to_string()
        ),
    )
    .unwrap();
    let out = install_and_build(book.path());
    (book, out)
}

/// Answers that differ only in letters outside ASCII or in punctuation ("是" and "否", "Yes!" and
/// "Yes?") are different choices: clicking each records that answer, in the hash and checked
/// in the form, and shows the engine's recommendation for it.
#[test]
fn answers_that_differ_only_outside_ascii_or_in_punctuation_are_told_apart() {
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let book = tempfile::tempdir().unwrap();
    common::copy_book(
        &common::root().join("tests/fixtures/books/basic"),
        book.path(),
    );
    let golden = common::root().join("tests/fixtures/golden/data/data.json");
    let mut data: Value = serde_json::from_str(&std::fs::read_to_string(golden).unwrap()).unwrap();
    data["decision_tree"] = json!({ "start": "lang", "nodes": {
        "lang": { "question": "中文？", "answers": [
            { "label": "是", "next": "punct" }, { "label": "否", "next": "legacy" } ] },
        "punct": { "question": "Sure?", "answers": [
            { "label": "Yes!", "next": "bang" }, { "label": "Yes?", "next": "ask" } ] },
        "legacy": { "patterns": ["polling"] },
        "bang": { "patterns": ["circuit-breaker"] },
        "ask": { "patterns": ["retry"] },
    } });
    let data_dir = book.path().join("tree-data");
    std::fs::create_dir(&data_dir).unwrap();
    std::fs::write(data_dir.join("data.json"), data.to_string()).unwrap();
    let toml = book.path().join("book.toml");
    let settings = std::fs::read_to_string(&toml).unwrap();
    let settings: Vec<&str> = settings
        .lines()
        .map(|l| {
            if l.starts_with("data =") {
                "data = \"tree-data\""
            } else {
                l
            }
        })
        .collect();
    std::fs::write(&toml, settings.join("\n")).unwrap();
    // The fixture book has a Markdown renderer too: the HTML is in its own folder.
    let out = install_and_build(book.path()).join("html");
    let engine = mdbook_patterns::check_data(&data_dir);
    assert!(engine.diagnostics.is_empty(), "{:#?}", engine.diagnostics);

    let browser = browser();
    let errors = Arc::new(Mutex::new(Vec::new()));
    let tab = tab(&browser, &errors);
    let port = serve(&out);
    tab.navigate_to(&format!("http://127.0.0.1:{port}/wizard.html"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_for(&tab, "!document.getElementById('patterns-wizard').hidden");
    click(&tab, "a.patterns-card[data-domain=shop]");
    click(&tab, "#patterns-wizard-option-busy");
    for answers in [
        vec![("lang", "否")],
        vec![("lang", "是"), ("punct", "Yes?")],
        vec![("lang", "是"), ("punct", "Yes!")],
        vec![("lang", "是"), ("punct", "Yes?")],
        vec![("lang", "否")],
    ] {
        for (node, label) in &answers {
            click_answer(&tab, node, label);
        }
        let (node, label) = *answers.last().unwrap();
        let hash: Vec<String> = answers.iter().map(|(n, l)| format!("/{n}={l}")).collect();
        let hash = format!("#wizard=shop/busy{}", hash.concat());
        wait_for(
            &tab,
            &format!("decodeURIComponent(location.hash) === {}", json!(hash)),
        );
        let checked = eval(
            &tab,
            &format!(
                "(() => {{ const input = document.querySelector('fieldset[data-step=\"q-{node}\"] input:checked'); \
                 return input && document.querySelector('label[for=\"' + input.id + '\"]').textContent; }})()"
            ),
        );
        assert_eq!(
            checked,
            json!(label),
            "the answer checked after choosing {label}"
        );
        let selection = mdbook_patterns::Selection {
            domain: "shop".into(),
            option: "busy".into(),
            answers: answers
                .iter()
                .map(|(n, l)| ((*n).to_owned(), (*l).to_owned()))
                .collect(),
        };
        let r = mdbook_patterns::recommend(&engine.data, &selection).unwrap();
        let ids = |entries: Vec<String>| json!(entries);
        let expected = json!({
            "hash": hash,
            "stack": r.stack.iter().map(|s| s.name.clone()).collect::<Vec<_>>(),
            "core": ids(r.core.iter().map(|e| e.pattern.clone()).collect()),
            "scale": ids(r.scale.iter().map(|e| e.pattern.clone()).collect()),
            "avoid": ids(r.avoid.iter().map(|e| e.pattern.clone()).collect()),
        });
        wait_for(
            &tab,
            "!!document.querySelector('.patterns-wizard-result-title')",
        );
        assert_eq!(shown(&tab), expected, "after choosing {label}");
    }
    let errors = errors.lock().unwrap();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

/// A link the wizard cannot follow (percent-encoding that does not decode, a domain, option,
/// question or answer the data does not have, a part that is not an answer) opens at step 1
/// with a short notice in a status region, and nothing throws. Other keys of the hash belong
/// to other widgets: the wizard reads and writes its own and leaves them as they are.
#[test]
fn a_link_the_wizard_cannot_follow_opens_at_step_one_with_a_notice() {
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let book = common::built_handbook();
    let port = serve(book);
    let base = format!("http://127.0.0.1:{port}/wizard.html");
    let browser = browser();
    let errors = Arc::new(Mutex::new(Vec::new()));
    let tab = tab(&browser, &errors);
    let open = |hash: &str| {
        tab.navigate_to("about:blank")
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        tab.navigate_to(&format!("{base}{hash}"))
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        wait_for(&tab, "!document.getElementById('patterns-wizard').hidden");
    };
    let panel = r#"JSON.stringify({
        steps: [...document.querySelectorAll('#patterns-wizard fieldset')].map(f => f.dataset.step),
        checked: document.querySelectorAll('#patterns-wizard input:checked').length,
        result: !!document.querySelector('.patterns-wizard-result-title'),
        notice: [...document.querySelectorAll('#patterns-wizard [role=status]')].map(e => e.textContent).join(),
    })"#;
    let shown = || -> Value { serde_json::from_str(eval(&tab, panel).as_str().unwrap()).unwrap() };
    for hash in [
        "#wizard=%",
        "#wizard=payments-finance/%E6",
        "#wizard=nowhere",
        "#wizard=payments-finance/nowhere",
        "#wizard=payments-finance/zero-data-loss/data-loss%3DNever",
        "#wizard=payments-finance/zero-data-loss/nowhere%3DZero",
        "#wizard=payments-finance/zero-data-loss/realtime%3DYes",
        "#wizard=payments-finance/zero-data-loss/Zero",
    ] {
        open(hash);
        let seen = shown();
        assert_eq!(seen["steps"], json!(["domain"]), "{hash}: step 1 alone");
        assert_eq!(seen["checked"], json!(0), "{hash}");
        assert_eq!(seen["result"], json!(false), "{hash}");
        let notice = seen["notice"].as_str().unwrap();
        assert!(
            notice.starts_with("This link ") && notice.ends_with("start again from step 1."),
            "{hash}: {notice}"
        );
        assert_eq!(*errors.lock().unwrap(), Vec::<String>::new(), "{hash}");
    }
    // The same on a hash change, and step 1 works from there.
    eval(&tab, "location.hash = '#wizard=nowhere'");
    wait_for(
        &tab,
        "!!document.querySelector('#patterns-wizard [role=status]')",
    );
    click(&tab, "#patterns-wizard-domain-payments-finance");
    wait_for(&tab, "location.hash === '#wizard=payments-finance'");
    assert_eq!(shown()["notice"], json!(""));

    // Another widget's key, and a heading's anchor, are not the wizard's: no notice.
    for hash in ["#compare=a,b", "#wizard-recipe"] {
        open(hash);
        assert_eq!(shown()["steps"], json!(["domain"]), "{hash}");
        assert_eq!(shown()["notice"], json!(""), "{hash}");
    }
    open("#compare=a,b&wizard=payments-finance");
    assert_eq!(shown()["steps"], json!(["domain", "option"]));
    click(&tab, "#patterns-wizard-option-zero-data-loss");
    wait_for(
        &tab,
        "location.hash === '#compare=a,b&wizard=payments-finance/zero-data-loss'",
    );
    click(&tab, ".patterns-wizard-restart");
    wait_for(&tab, "location.hash === '#compare=a,b&wizard='");
    assert_eq!(*errors.lock().unwrap(), Vec::<String>::new());
}

/// Every way through the tree (`paths`), and each of them changed as a reader's link could be:
/// answers in another order (which the engine takes), an unknown question, an unknown answer,
/// a question answered twice, an answer whose question is not reached (which it refuses).
fn answer_sets(paths: &[Vec<(String, String)>]) -> Vec<Vec<(String, String)>> {
    let mut sets = paths.to_vec();
    for path in paths.iter().filter(|p| !p.is_empty()) {
        let mut reversed = path.clone();
        reversed.reverse();
        let mut unknown_question = path.clone();
        unknown_question[0].0 = "nowhere".into();
        let mut unknown_answer = path.clone();
        unknown_answer.last_mut().unwrap().1.push('?');
        let mut twice = path.clone();
        twice.push(path[0].clone());
        sets.extend([reversed, unknown_question, unknown_answer, twice]);
        if path.len() > 1 {
            sets.push(path[1..].to_vec());
        }
    }
    sets
}

/// Everything a page of the XSS book shows as text (its scripts and styles left out), every
/// way a script could have been let in, and whether one ran.
const PAGE_SAFETY: &str = r#"(() => {
  const main = document.querySelector("main").cloneNode(true);
  main.querySelectorAll("script, style").forEach((e) => e.remove());
  const all = [...document.querySelectorAll("main *")];
  return JSON.stringify({
    text: main.textContent,
    ran: typeof window.hostile === "undefined" ? null : String(window.hostile),
    handlers: all.flatMap((e) => [...e.attributes].filter((a) => a.name.toLowerCase().startsWith("on"))
      .map((a) => e.tagName + " " + a.name)),
    addresses: all.flatMap((e) => ["href", "xlink:href", "src", "action", "formaction"]
      .map((name) => e.getAttribute(name)).filter((v) => v !== null)
      .filter((v) => !/^(#|[a-z0-9._-]+\/|[a-z0-9._-]+\.html|\.\.\/|https?:)/i.test(v.trim()) || /^\s*(javascript|data|vbscript):/i.test(v))),
    scripts: [...document.querySelectorAll("main script")].map((s) => (s.id || s.className || "") + " " + (s.type || "")),
    frames: document.querySelectorAll("main iframe, main object, main embed, main img, main foreignObject img").length,
  });
})()"#;

/// What mdBook's search shows: no script ran, no handler or embedded content in the results.
const SEARCH_SAFETY: &str = r##"(() => {
  const all = [...document.querySelectorAll("#mdbook-searchresults *")];
  return JSON.stringify({
    ran: typeof window.hostile === "undefined" ? null : String(window.hostile),
    handlers: all.flatMap((e) => [...e.attributes].filter((a) => a.name.toLowerCase().startsWith("on"))
      .map((a) => e.tagName + " " + a.name)),
    frames: document.querySelectorAll("#mdbook-searchresults :is(img, iframe, object, embed, svg, script)").length,
  });
})()"##;

/// Where the attacks' images and style sheets would come from. The browser is never let to ask
/// (see [`guarded_tab`]), and `.invalid` names no host anywhere.
const FOREIGN: &str = "http://attacker.invalid";

/// The kinds of attack a data string may carry, each made for the field it sits in (`who`
/// names the field, so that a script that runs says where it came from).
const ATTACKS: &[&str] = &[
    "markup",
    "javascript",
    "image",
    "fence",
    "comment",
    "css",
    "lines",
    "include",
];

/// Every kind of attack at once, made for the field named `who`.
fn attacks(who: &str) -> String {
    let all: Vec<String> = ATTACKS.iter().map(|kind| attack(kind, who)).collect();
    all.join(" ")
}

fn attack(kind: &str, who: &str) -> String {
    let run = format!("window.hostile='{who}'");
    match kind {
        "markup" => format!(
            "<script>{run}</script> <img src=x onerror=\"{run}\"> \"'><svg onload={run}> </script><!-- *star* _under_ |pipe| `tick` &amp; \\back -->"
        ),
        "javascript" => format!(
            "[link](javascript:{run}) <javascript:{run}> [ref][r] ![img](javascript:{run}) <a href=\"javascript:{run}\">a</a>\n\n[r]: javascript:{run}"
        ),
        "image" => format!(
            "![image]({FOREIGN}/{who}.png) <img src=\"{FOREIGN}/{who}.png\"> <link rel=\"stylesheet\" href=\"{FOREIGN}/{who}.css\"> <{FOREIGN}/{who}>"
        ),
        "fence" => format!(
            "\n```\n</code></pre><script>{run}</script>\n```\n~~~\n<img src=x onerror=\"{run}\">\n~~~\n    <script>{run}</script>\n"
        ),
        "comment" => format!(
            "--> <script>{run}</script> <!-- <img src=x onerror=\"{run}\"> --> <![CDATA[ <script>{run}</script> ]]> <!--"
        ),
        "css" => format!(
            "<span style=\"background:u\\72l({FOREIGN}/{who}.png)\">css</span> <style>*{{background:u\\72l({FOREIGN}/{who}-2.png)}}</style>"
        ),
        "lines" => format!(
            "one\n\n[link](javascript:{run})\r\r<img src=x onerror=\"{run}\">\r\n\r\n![image]({FOREIGN}/{who}.png)\u{2028}\u{2029}<script>{run}</script>\u{2028}\u{2028}<svg onload=\"{run}\">\n\n"
        ),
        "include" => format!(
            "{{{{#include secret.txt}}}} {{{{ #title {who} }}}} \\{{{{#include secret.txt}}}} {{{{#playground secret.txt}}}} {{{{#rustdoc_include secret.txt:1}}}}"
        ),
        _ => unreachable!("{kind}"),
    }
}

/// A raw mermaid blueprint carrying the attack: drawn (or refused) at build time in svg mode,
/// left to mermaid.js in mermaid mode.
fn mermaid_attack(kind: &str) -> String {
    let run = "window.hostile='raw-mermaid'";
    match kind {
        "markup" => format!(
            "graph LR\n    A[\"<img src=x onerror=\\\"{run}\\\"> <script>{run}</script>\"] --> B[\"<b onclick=\\\"{run}\\\">b</b>\"]"
        ),
        "javascript" => format!("graph LR\n    A --> B\n    click A \"javascript:{run}\""),
        "image" => format!(
            "graph LR\n    A[\"<img src='{FOREIGN}/raw.png'>\"] --> B[\"fa:fa-car <image href='{FOREIGN}/raw2.png'/>\"]"
        ),
        "fence" => format!("graph LR\n    A --> B\n```\n<img src=x onerror=\"{run}\">\n```"),
        "comment" => format!(
            "graph LR\n    A[\"-->\"] --> B[\"<!--\"]\n    %% --> <img src=x onerror=\"{run}\">"
        ),
        "css" => format!(
            "graph LR\n    A --> B\n    style A fill:u\\72l({FOREIGN}/raw.png)\n    classDef c background:u\\72l({FOREIGN}/raw2.png)\n    class B c"
        ),
        "lines" => format!("graph LR\n    A[\"one\n\n<img src=x onerror=\\\"{run}\\\">\"] --> B"),
        "include" => "graph LR\n    A[\"{{#include secret.txt}}\"] --> B{{Gateway}}".to_owned(),
        _ => unreachable!("{kind}"),
    }
}

/// What `tests/fixtures/books/xss` holds, with every data string carrying every attack and a
/// raw mermaid blueprint for each kind, in diagram mode `mode`, with mdBook's `links`
/// preprocessor before ours or after it. Returns the data's strings.
fn attacked_book(mode: &str, links_after: bool, book: &Path) -> Vec<String> {
    let fixture = common::root().join("tests/fixtures/books/xss");
    common::copy_book(&fixture, book);
    let mut data: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture.join("data/data.json")).unwrap())
            .unwrap();
    let mut carried = Vec::new();
    carry(&mut data, &mut carried);
    let options: Vec<Value> = ATTACKS
        .iter()
        .map(|kind| {
            json!({ "id": kind, "title": kind,
                    "blueprint": { "title": "Raw mermaid", "mermaid": mermaid_attack(kind) } })
        })
        .collect();
    data["domains"].as_array_mut().unwrap().push(json!({
        "id": "raw", "title": "Raw", "summary": "Raw mermaid blueprints", "examples": [],
        "question": "Which?", "options": options,
    }));
    // The author's words too: every label carries every attack (its braces doubled, so that
    // they show as written). Those that surely show on the pages checked must show as written.
    let label = |key: &str| format!("{key}: {}", attacks(&key.replace('_', "-")));
    data["labels"] = crate::labels::every_label(label);
    for key in [
        "wizard_start",
        "wizard_choose_domain",
        "card_select",
        "app_title",
    ] {
        carried.push(label(key));
    }
    std::fs::write(book.join("data/data.json"), data.to_string()).unwrap();
    std::fs::write(
        book.join("src/wizard.md"),
        "# Wizard\n\n<<wizard domains=web>>\n",
    )
    .unwrap();
    let raw: String = ATTACKS
        .iter()
        .map(|kind| format!("<<blueprint domain=raw option={kind}>>\n\n"))
        .collect();
    std::fs::write(book.join("src/raw.md"), format!("# Raw\n\n{raw}")).unwrap();
    std::fs::write(book.join("src/compare.md"), "# Compare\n\n<<compare>>\n").unwrap();
    let summary = std::fs::read_to_string(book.join("src/SUMMARY.md")).unwrap();
    std::fs::write(
        book.join("src/SUMMARY.md"),
        format!("{summary}- [Raw](raw.md)\n- [Compare](compare.md)\n"),
    )
    .unwrap();
    // What an include would put on the page, beside every chapter.
    for dir in ["src", "src/patterns", "src/case-studies"] {
        std::fs::write(book.join(dir).join("secret.txt"), "INCLUDED-SECRET").unwrap();
    }
    let toml = std::fs::read_to_string(book.join("book.toml")).unwrap();
    let before = if links_after {
        "before = [\"links\"]\n"
    } else {
        ""
    };
    let toml = toml.replace(
        "diagrams = \"svg\"\n",
        &format!("diagrams = \"{mode}\"\non-failure = \"continue\"\n{before}"),
    );
    std::fs::write(book.join("book.toml"), toml).unwrap();
    carried
}

/// Replaces each attack-carrying string of `value` (the fixture's, led by the field's name) by
/// its name and every attack, and collects what it became.
fn carry(value: &mut Value, carried: &mut Vec<String>) {
    match value {
        Value::String(s) if s.contains("window.hostile") => {
            let name = s.split(": <script>").next().unwrap().to_owned();
            // No space, so that `[link](javascript:…)` is a link were it read as Markdown.
            let who: Vec<String> = name
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect();
            *s = format!("{name}: {}", attacks(&who.join("-")));
            carried.push(s.clone());
        }
        Value::Array(items) => items.iter_mut().for_each(|v| carry(v, carried)),
        Value::Object(map) => map.values_mut().for_each(|v| carry(v, carried)),
        _ => {}
    }
}

/// Builds `book` into `book/out` as a reader's author would: `mdbook-patterns build`, or the
/// real mdBook; in mermaid mode after `mdbook-mermaid install`.
fn build_attacked(book: &Path, mode: &str, real_mdbook: bool) -> PathBuf {
    let mermaid = common::real_mdbook_mermaid();
    if mode == "mermaid" {
        common::run(
            Command::new(&mermaid).arg("install").arg(book),
            "mdbook-mermaid install",
        );
    }
    common::run(
        Command::new(BIN).arg("install").arg(book),
        "mdbook-patterns install",
    );
    let out = book.join("out");
    let mut command = if real_mdbook {
        let mut command = Command::new(common::real_mdbook());
        command.arg("build").arg(book).arg("--dest-dir").arg(&out);
        command
    } else {
        let mut command = Command::new(BIN);
        command
            .arg("build")
            .arg(book)
            .env("MDBOOK_BUILD__BUILD_DIR", &out);
        command
    };
    command
        .env("MDBOOK_PREPROCESSOR__PATTERNS__COMMAND", BIN)
        .env("MDBOOK_PREPROCESSOR__MERMAID__COMMAND", &mermaid);
    common::run(&mut command, "build the attacked book");
    out
}

/// A tab that records in `foreign` every request it makes to anywhere but the book's server.
/// None leaves the machine: [`browser`] resolves no host name but the loopback address.
fn guarded_tab(
    browser: &Browser,
    errors: &Arc<Mutex<Vec<String>>>,
    foreign: &Arc<Mutex<Vec<String>>>,
    port: u16,
) -> Arc<Tab> {
    use headless_chrome::protocol::cdp::Network;
    let tab = tab(browser, errors);
    tab.call_method(Network::Enable {
        max_total_buffer_size: None,
        max_resource_buffer_size: None,
        max_post_data_size: None,
        report_direct_socket_traffic: None,
        enable_durable_messages: None,
    })
    .unwrap();
    let foreign = Arc::clone(foreign);
    let home = format!("http://127.0.0.1:{port}/");
    tab.add_event_listener(Arc::new(move |event: &Event| {
        if let Event::NetworkRequestWillBeSent(sent) = event {
            let url = &sent.params.request.url;
            if !(url.starts_with(&home) || url.starts_with("data:") || url == "about:blank") {
                foreign.lock().unwrap().push(url.clone());
            }
        }
    }))
    .unwrap();
    tab
}

/// Every text field of the data (the fixture's, plus a raw mermaid blueprint) carries each kind
/// of attack in turn: markup and script, `javascript:` links, images and style sheets from
/// another host, code-fence and comment break-outs, CSS escapes, line breaks of every kind and
/// mdBook's `{{#include}}`. Each is built in both diagram modes, through `mdbook-patterns build`
/// and the real mdBook (with mdbook-mermaid in mermaid mode), with mdBook's `links`
/// preprocessor before ours and after it, and opened in Chromium, with hostile wizard hashes
/// too: no script runs, nothing is asked of another host, no console error, no include
/// expanded, and every string shows as written.
#[test]
fn every_field_carries_every_attack_and_nothing_runs() {
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let browser = browser();
    let pages = [
        "everything.html",
        "patterns/cache.html",
        "patterns/retry.html",
        "case-studies/acme.html",
        "wizard.html",
        "raw.html",
        // The compare page, its script showing every pattern side by side.
        "compare.html#compare=cache,retry,polling",
    ];
    let hashes = [
        "wizard.html#wizard=%3Cimg%20src%3Dx%20onerror%3D%22window.hostile%3D'hash'%22%3E",
        "wizard.html#wizard=web/%3Cscript%3Ewindow.hostile%3D'hash'%3C%2Fscript%3E",
        "wizard.html#wizard=javascript:window.hostile='hash'",
        "wizard.html#wizard=%",
        "wizard.html#wizard=web/busy/big%3D%22%3E%3Csvg%20onload%3Dwindow.hostile%3D1%3E",
        "compare.html#compare=%3Cimg%20src%3Dx%20onerror%3D%22window.hostile%3D'hash'%22%3E,cache",
        "compare.html#compare=%,retry&wizard=%3Cscript%3E",
    ];
    // Each mode and each builder meets `links` both before ours and after it.
    for (mode, real_mdbook, links_after) in [
        ("svg", false, false),
        ("svg", true, true),
        ("mermaid", false, true),
        ("mermaid", true, false),
    ] {
        let what = format!(
            "{mode} mode, built by {}, links {}",
            if real_mdbook {
                "mdbook"
            } else {
                "mdbook-patterns"
            },
            if links_after {
                "after ours"
            } else {
                "before ours"
            }
        );
        let book = tempfile::tempdir().unwrap();
        let carried = attacked_book(mode, links_after, book.path());
        let out = build_attacked(book.path(), mode, real_mdbook);
        let port = serve(&out);
        let errors = Arc::new(Mutex::new(Vec::new()));
        let foreign = Arc::new(Mutex::new(Vec::new()));
        let tab = guarded_tab(&browser, &errors, &foreign, port);
        let mut shown = String::new();
        let mut check = |tab: &Tab, place: &str| {
            let safety: Value =
                serde_json::from_str(eval(tab, PAGE_SAFETY).as_str().unwrap()).unwrap();
            let at = format!("{what}, {place}");
            assert_eq!(
                safety["ran"],
                Value::Null,
                "{at}: a data string's script ran"
            );
            assert_eq!(safety["handlers"], json!([]), "{at}: event handlers");
            assert_eq!(
                safety["addresses"],
                json!([]),
                "{at}: addresses not the book's"
            );
            assert_eq!(safety["frames"], json!(0), "{at}: embedded content");
            let scripts = safety["scripts"].as_array().unwrap();
            assert!(
                scripts
                    .iter()
                    .all(|s| s == "patterns-wizard-data application/json"
                        || s == "patterns-compare-data application/json"
                        || s == "patterns-index-data application/json"),
                "{at}: scripts in the page's content: {scripts:?}"
            );
            let text = safety["text"].as_str().unwrap();
            assert!(
                !text.contains("INCLUDED-SECRET"),
                "{at}: an include was expanded"
            );
            shown.push_str(text);
        };
        for page in pages {
            tab.navigate_to(&format!("http://127.0.0.1:{port}/{page}"))
                .unwrap()
                .wait_until_navigated()
                .unwrap();
            wait_for(&tab, "document.readyState === 'complete'");
            if mode == "mermaid" && page != "wizard.html" {
                // mermaid.js draws after the page has loaded.
                wait_for(
                    &tab,
                    "!document.querySelector('pre.mermaid:not([data-processed])')",
                );
            }
            check(&tab, page);
        }
        // mdBook's search: what it indexed of our text comes back in its results.
        tab.navigate_to(&format!(
            "http://127.0.0.1:{port}/everything.html?search=title"
        ))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
        wait_for(
            &tab,
            "document.querySelectorAll('#mdbook-searchresults li').length > 3",
        );
        let safety: Value =
            serde_json::from_str(eval(&tab, SEARCH_SAFETY).as_str().unwrap()).unwrap();
        assert_eq!(
            safety["ran"],
            Value::Null,
            "{what}, search: a data string's script ran"
        );
        assert_eq!(
            safety["handlers"],
            json!([]),
            "{what}, search: event handlers"
        );
        assert_eq!(
            safety["frames"],
            json!(0),
            "{what}, search: embedded content"
        );
        // The wizard, step by step: every option, every answer, drawn by its script.
        for (option, answer) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
            tab.navigate_to(&format!("http://127.0.0.1:{port}/wizard.html"))
                .unwrap()
                .wait_until_navigated()
                .unwrap();
            for (step, index) in [0, option, answer].into_iter().enumerate() {
                let groups = "[...new Set([...document.querySelectorAll('#patterns-wizard input[type=radio]')].map(i => i.name))]";
                wait_for(&tab, &format!("{groups}.length > {step}"));
                eval(
                    &tab,
                    &format!(
                        "document.querySelectorAll(`#patterns-wizard input[name=\"${{{groups}[{step}]}}\"]`)[{index}].click()"
                    ),
                );
            }
            wait_for(
                &tab,
                "!!document.querySelector('.patterns-wizard-result-title')",
            );
            // Relation notes land in the result too: a conflict in the first option's stack, a
            // requirement the second option and the second answer lack.
            let part = if option == 0 { "conflicts" } else { "missing" };
            let noted = format!(
                "!!document.querySelector('[data-part={part}] li')?.textContent.includes('{part}' === 'missing' ? 'requires note' : 'conflict note')"
            );
            if option == 0 || answer == 1 {
                assert_eq!(
                    eval(&tab, &noted),
                    json!(true),
                    "{what}: {part} in the result"
                );
            }
            check(&tab, &format!("wizard, option {option}, answer {answer}"));
        }
        for hash in hashes {
            // From another page, so that the hash is read as the page loads.
            tab.navigate_to("about:blank")
                .unwrap()
                .wait_until_navigated()
                .unwrap();
            tab.navigate_to(&format!("http://127.0.0.1:{port}/{hash}"))
                .unwrap()
                .wait_until_navigated()
                .unwrap();
            wait_for(&tab, "document.readyState === 'complete'");
            let safety: Value =
                serde_json::from_str(eval(&tab, PAGE_SAFETY).as_str().unwrap()).unwrap();
            assert_eq!(
                safety["ran"],
                Value::Null,
                "{what}, hash {hash}: script ran"
            );
            assert_eq!(
                safety["handlers"],
                json!([]),
                "{what}, hash {hash}: handlers"
            );
        }

        // The pattern index's filter, drawn by its script from hostile tags, with hostile
        // hashes, every button pressed.
        for hash in [
            "",
            "#index=q:%3Cimg%20src%3Dx%20onerror%3D%22window.hostile%3D'index'%22%3E",
            "#index=tag:%3Cscript%3Ewindow.hostile%3D'index'%3C%2Fscript%3E/tier:gold,javascript:x",
            "#index=%/q:%E0%A4%A",
            "#index=a.b.c:d/.tier:gold/tag:/q:",
        ] {
            tab.navigate_to("about:blank")
                .unwrap()
                .wait_until_navigated()
                .unwrap();
            tab.navigate_to(&format!("http://127.0.0.1:{port}/everything.html{hash}"))
                .unwrap()
                .wait_until_navigated()
                .unwrap();
            wait_for(&tab, "!!document.querySelector('.patterns-index-filter')");
            eval(
                &tab,
                "document.querySelectorAll('.patterns-index-filter button').forEach(b => b.click())",
            );
            check(&tab, &format!("the index's filter, hash {hash:?}"));
        }

        let shown = untypeset(&squeeze(&shown));
        let missing: Vec<&String> = carried
            .iter()
            .filter(|s| !shown.contains(&squeeze(s)))
            .collect();
        assert!(
            missing.is_empty(),
            "{what}: strings no page shows as written: {missing:#?}"
        );
        let foreign = foreign.lock().unwrap();
        assert!(
            foreign.is_empty(),
            "{what}: asked another host for {foreign:#?}"
        );
        let errors = errors.lock().unwrap();
        assert!(errors.is_empty(), "{what}: console errors: {errors:#?}");
    }
}

/// With every label a sentinel (see `labels`), what the wizard's script shows and copies holds
/// no word of its own: after a whole walk, the copy button, and each link it cannot follow.
#[test]
fn every_word_the_wizard_script_shows_is_a_label() {
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, out) = crate::labels::sentinel_handbook();
    let port = serve(out);
    let base = format!("http://127.0.0.1:{port}/wizard.html");
    let browser = browser();
    let errors = Arc::new(Mutex::new(Vec::new()));
    let tab = tab(&browser, &errors);
    let mut allowed = crate::labels::data_words(&dir.path().join("patterns-data"));
    allowed.extend(crate::labels::words(
        &std::fs::read_to_string(dir.path().join("book/src/wizard.md")).unwrap(),
    ));
    // The panel's text, the attributes read out, and the Markdown its copy button copies.
    let panel = r#"(() => {
        const panel = document.getElementById('patterns-wizard');
        const read = [...panel.querySelectorAll('[title], [aria-label], [alt], [placeholder]')]
            .map(e => ['title', 'aria-label', 'alt', 'placeholder'].map(a => e.getAttribute(a) || '').join(' '));
        let result;
        try {
            const copied = (location.hash.split('wizard=')[1] || '').split('/').map(decodeURIComponent);
            const answers = copied.slice(2).map(a => a.split('='));
            result = copied[1] && window.patternsWizard.recommend(copied[0], copied[1], answers);
        } catch (e) {}
        return [panel.innerText, ...read, result ? result.markdown : ''].join('\n');
    })()"#;
    let mut seen = String::new();
    let mut look = |what: &str| {
        let text = eval(&tab, panel);
        let text = text.as_str().unwrap();
        let foreign = crate::labels::foreign_words(text, &allowed);
        assert!(
            foreign.is_empty(),
            "{what}: words that are no label's: {foreign:?}\n{text}"
        );
        seen.push_str(text);
    };
    tab.navigate_to(&base)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_for(&tab, "!document.getElementById('patterns-wizard').hidden");
    look("the first step");
    click(&tab, "a.patterns-card[data-domain=payments-finance]");
    click(&tab, "#patterns-wizard-option-zero-data-loss");
    look("an option with a question open");
    click_answer(&tab, "data-loss", "Zero");
    click_answer(&tab, "realtime", "Yes");
    wait_for(
        &tab,
        "document.querySelectorAll('[data-part=core] li').length === 6",
    );
    click(&tab, ".patterns-wizard-copy");
    wait_for(
        &tab,
        "document.querySelector('.patterns-wizard-status').textContent !== ''",
    );
    look("the whole result, copied");
    for hash in [
        "#wizard=%",
        "#wizard=nowhere",
        "#wizard=payments-finance/nothing",
        "#wizard=payments-finance/zero-data-loss/data-loss=Maybe",
    ] {
        tab.navigate_to("about:blank")
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        tab.navigate_to(&format!("{base}{hash}"))
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        wait_for(&tab, "!!document.querySelector('.patterns-wizard-notice')");
        look(hash);
    }
    for key in [
        "app_title",
        "app_result",
        "app_copy",
        "app_restart",
        "recipe_core",
        "recipe_avoid_item",
        "column_why",
        "tier_gold",
        "reason_replacement",
        "result_answers",
        "app_link_unreadable",
        "app_link_domain",
        "app_link_option",
        "app_link_answers",
    ] {
        // In the Markdown, a sentinel's `_` is escaped.
        let shown = seen.replace('\\', "");
        assert!(shown.contains(&format!("⟦{key}⟧")), "{key} is shown");
    }
    assert!(
        seen.contains("⟦app_copied⟧") || seen.contains("⟦app_copy_failed⟧"),
        "the copy is told"
    );
    // book.language reaches the panel the script fills.
    assert_eq!(
        eval(
            &tab,
            "document.getElementById('patterns-wizard').getAttribute('lang')"
        ),
        json!("en")
    );
    assert_eq!(*errors.lock().unwrap(), Vec::<String>::new());
}

/// The data's text fields, which take inline Markdown (SPEC §2a).
const TEXT_FIELDS: &[&str] = &[
    "summary",
    "owner",
    "why",
    "note",
    "then",
    "use_case",
    "example",
    "intro",
    "qualifier",
    "evidence",
];

/// Inline Markdown that `validate` accepts in a text field and that tries to break out of every
/// form it is written in: raw HTML inside emphasis and strong emphasis, a code span that closes
/// its element, link addresses holding `"`, `)`, `<` and entities, a raw `<a href=javascript:…>`,
/// mdBook's `{{#include}}` inside emphasis and inside code, and `javascript:` spelled with an
/// entity. Returns the field's text and what a reader sees of it.
fn markdown_attack(who: &str) -> (String, String) {
    let run = format!("window.hostile='{who}'");
    let include = "{{#include secret.txt}}";
    let field = format!(
        "{who}: *<img src=x onerror=\"{run}\">* **<svg onload={run}>** `</code><script>{run}</script>` \
         [q](<{FOREIGN}/\"onmouseover=\"{run}\">) [p]({FOREIGN}/a(b)\\<c\\>\"d) \
         [e](&#104;ttp://attacker.invalid/&quot;&lt;x) <a href=\"javascript:{run}\">raw</a> \
         *{include}* `{include}` &#106;avascript:{run}\nnext line"
    );
    let shown = format!(
        "{who}: <img src=x onerror=\"{run}\"> <svg onload={run}> </code><script>{run}</script> q p e \
         <a href=\"javascript:{run}\">raw</a> {include} {include} javascript:{run} next line"
    );
    (field, shown)
}

/// The XSS fixture book with every text field holding [`markdown_attack`], in svg mode, with
/// mdBook's `links` preprocessor before ours or after it. Returns what each field must show.
fn markdown_attacked_book(links_after: bool, book: &Path) -> Vec<String> {
    fn replace(value: &mut Value, key: &str, shown: &mut Vec<String>) {
        match value {
            Value::String(s) if TEXT_FIELDS.contains(&key) && s.contains("window.hostile") => {
                let name = s.split(": <script>").next().unwrap().to_owned();
                let who: Vec<&str> = name
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                let (field, reads) = markdown_attack(&who.join("-"));
                *s = field;
                shown.push(reads);
            }
            Value::Array(items) => items.iter_mut().for_each(|v| replace(v, key, shown)),
            // A stack table's column headers are labels, not text fields.
            Value::Object(_) if key == "columns" => {}
            Value::Object(map) => map.iter_mut().for_each(|(k, v)| replace(v, k, shown)),
            _ => {}
        }
    }
    let fixture = common::root().join("tests/fixtures/books/xss");
    common::copy_book(&fixture, book);
    let mut data: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture.join("data/data.json")).unwrap())
            .unwrap();
    let mut shown = Vec::new();
    replace(&mut data, "", &mut shown);
    std::fs::write(book.join("data/data.json"), data.to_string()).unwrap();
    std::fs::write(
        book.join("src/wizard.md"),
        "# Wizard\n\n<<wizard domains=web>>\n",
    )
    .unwrap();
    for dir in ["src", "src/patterns", "src/case-studies"] {
        std::fs::write(book.join(dir).join("secret.txt"), "INCLUDED-SECRET").unwrap();
    }
    let toml = std::fs::read_to_string(book.join("book.toml")).unwrap();
    let before = if links_after {
        "before = [\"links\"]\n"
    } else {
        ""
    };
    let toml = toml.replace(
        "diagrams = \"svg\"\n",
        &format!("diagrams = \"svg\"\non-failure = \"continue\"\n{before}"),
    );
    std::fs::write(book.join("book.toml"), toml).unwrap();
    shown
}

/// Inline Markdown in every text field, each trying to break out of the Markdown, the HTML and
/// the link addresses it becomes: `validate` accepts it, and in Chromium, built by
/// `mdbook-patterns build` and by the real mdBook with `links` before ours and after it, no
/// script runs, no handler or foreign address is on a page, nothing is included, emphasis and
/// code are shown as such (the wizard's result table too, from the engine's HTML), and every
/// field's text shows as written.
#[test]
fn markdown_in_every_text_field_runs_nothing_and_shows_its_text() {
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let browser = browser();
    for (real_mdbook, links_after) in [(false, false), (true, true)] {
        let what = format!("built by mdbook {real_mdbook}, links after ours {links_after}");
        let book = tempfile::tempdir().unwrap();
        let expected = markdown_attacked_book(links_after, book.path());
        assert!(expected.len() >= 10, "{} text fields", expected.len());
        let validated = Command::new(BIN)
            .args(["validate", "--data"])
            .arg(book.path().join("data"))
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&validated.stderr);
        for field in TEXT_FIELDS {
            assert!(
                !report.contains(&format!(".{field}: ")),
                "validate accepts Markdown in {field}: {report}"
            );
        }
        let out = build_attacked(book.path(), "svg", real_mdbook);
        let port = serve(&out);
        let errors = Arc::new(Mutex::new(Vec::new()));
        let foreign = Arc::new(Mutex::new(Vec::new()));
        let tab = guarded_tab(&browser, &errors, &foreign, port);
        let mut shown = String::new();
        let mut emphasised = String::new();
        let mut check = |tab: &Tab, place: &str| {
            let safety: Value =
                serde_json::from_str(eval(tab, PAGE_SAFETY).as_str().unwrap()).unwrap();
            let at = format!("{what}, {place}");
            assert_eq!(safety["ran"], Value::Null, "{at}: a script ran");
            assert_eq!(safety["handlers"], json!([]), "{at}: event handlers");
            assert_eq!(safety["addresses"], json!([]), "{at}: addresses");
            assert_eq!(safety["frames"], json!(0), "{at}: embedded content");
            let text = safety["text"].as_str().unwrap();
            assert!(!text.contains("INCLUDED-SECRET"), "{at}: an include ran");
            shown.push_str(text);
            let marked = eval(
                tab,
                "[...document.querySelectorAll('main em, main strong, main code')].map(e => e.tagName + ':' + e.textContent).join('\\n')",
            );
            emphasised.push_str(marked.as_str().unwrap());
        };
        for page in [
            "everything.html",
            "patterns/cache.html",
            "patterns/retry.html",
            "case-studies/acme.html",
            "wizard.html",
        ] {
            tab.navigate_to(&format!("http://127.0.0.1:{port}/{page}"))
                .unwrap()
                .wait_until_navigated()
                .unwrap();
            wait_for(&tab, "document.readyState === 'complete'");
            check(&tab, page);
        }
        tab.navigate_to(&format!("http://127.0.0.1:{port}/wizard.html"))
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        for step in 0..3 {
            let groups = "[...new Set([...document.querySelectorAll('#patterns-wizard input[type=radio]')].map(i => i.name))]";
            wait_for(&tab, &format!("{groups}.length > {step}"));
            eval(
                &tab,
                &format!(
                    "document.querySelectorAll(`#patterns-wizard input[name=\"${{{groups}[{step}]}}\"]`)[0].click()"
                ),
            );
        }
        wait_for(&tab, "!!document.querySelector('.patterns-wizard-stack')");
        check(&tab, "the wizard's result");
        let cell = eval(
            &tab,
            "[...document.querySelectorAll('.patterns-wizard-stack td em')].map(e => e.textContent).join('\\n')",
        );
        assert!(
            cell.as_str().unwrap().contains("<img src=x onerror="),
            "{what}: the result table shows the engine's emphasis: {cell}"
        );

        // mdBook's smart punctuation curls quotes (see the matrix above).
        let normal = |s: &str| {
            squeeze(s)
                .replace('\u{2060}', "")
                .replace(['‘', '’'], "'")
                .replace(['“', '”'], "\"")
        };
        let shown = normal(&shown);
        let missing: Vec<&String> = expected
            .iter()
            .filter(|s| !shown.contains(&normal(s)))
            .collect();
        assert!(
            missing.is_empty(),
            "{what}: fields no page shows as written: {missing:#?}"
        );
        for tag in [
            "EM:<img src=x onerror=",
            "STRONG:<svg onload=",
            "CODE:</code><script>",
        ] {
            assert!(
                emphasised.contains(tag),
                "{what}: no {tag}… in {emphasised}"
            );
        }
        let foreign = foreign.lock().unwrap();
        assert!(
            foreign.is_empty(),
            "{what}: asked another host for {foreign:#?}"
        );
        let errors = errors.lock().unwrap();
        assert!(errors.is_empty(), "{what}: console errors: {errors:#?}");
    }
}

/// The guide's directives page holds a second, smaller wizard (`domains=ecommerce
/// example=true`) beside every domain's card (`<<domain-cards example=true>>`): the wizard
/// answers its own domain's card on the page, and a card of a domain it does not hold stays a
/// link to that domain's section in the book.
#[test]
fn the_guides_example_wizard_works_beside_other_cards() {
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let book = common::built_handbook();
    let port = serve(book);
    let page = format!("http://127.0.0.1:{port}/writing/directives.html");
    let browser = browser();
    let errors = Arc::new(Mutex::new(Vec::new()));
    let tab = tab(&browser, &errors);
    tab.navigate_to(&page)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_for(&tab, "!document.getElementById('patterns-wizard').hidden");
    // The example wizard's own card (the last ecommerce card on the page) chooses its domain.
    eval(
        &tab,
        "[...document.querySelectorAll('a.patterns-card[data-domain=ecommerce]')].pop().click()",
    );
    wait_for(
        &tab,
        "!!document.getElementById('patterns-wizard-option-flash-sales')",
    );
    click(&tab, "#patterns-wizard-option-flash-sales");
    wait_for(
        &tab,
        "!!document.querySelector('.patterns-wizard-result-title')",
    );
    assert_eq!(
        eval(&tab, "decodeURIComponent(location.hash)"),
        json!("#wizard=ecommerce/flash-sales")
    );
    // A card of another domain leaves for the wizard's page, to that domain's section.
    click(&tab, "a.patterns-card[data-domain=payments-finance]");
    wait_for(&tab, "location.pathname.endsWith('/wizard.html')");
    assert_eq!(
        eval(&tab, "location.hash"),
        json!("#wizard-payments-finance")
    );
    assert_eq!(*errors.lock().unwrap(), Vec::<String>::new());
}

/// A reader finds a generated page by mdBook's search: in the book of 120 patterns and 80 case
/// studies without chapters (`generate_pages`), a word of one pattern's summary brings up a
/// result that links to that pattern's generated page, and the link opens it.
#[test]
fn search_finds_a_generated_page() {
    use crate::generate_pages as generated;
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let book = tempfile::tempdir().unwrap();
    generated::write_book(book.path(), generated::SUMMARY, &generated::chapters(), "");
    let out = tempfile::tempdir().unwrap();
    generated::succeeded(&generated::build_with_binary(book.path(), out.path()));
    let port = serve(out.path());
    let browser = browser();
    let errors = Arc::new(Mutex::new(Vec::new()));
    let tab = tab(&browser, &errors);
    let word = generated::summary_word(42);
    tab.navigate_to(&format!("http://127.0.0.1:{port}/index.html?search={word}"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_for(
        &tab,
        "document.querySelectorAll('#mdbook-searchresults li a').length > 0",
    );
    let hrefs = eval(
        &tab,
        "JSON.stringify([...document.querySelectorAll('#mdbook-searchresults li a')].map(a => a.getAttribute('href')))",
    );
    let hrefs: Vec<String> = serde_json::from_str(hrefs.as_str().unwrap()).unwrap();
    // The pattern's own page first; the indexes that list it may follow.
    assert!(
        hrefs
            .first()
            .is_some_and(|h| h.starts_with("patterns/p-042.html")),
        "{hrefs:?}"
    );
    click(
        &tab,
        "#mdbook-searchresults li a[href^='patterns/p-042.html']",
    );
    wait_for(&tab, "location.pathname.endsWith('/patterns/p-042.html')");
    assert_eq!(*errors.lock().unwrap(), Vec::<String>::new());
}

/// A generated page takes its title from the data: a pattern's `name`, a case study's `title`,
/// in the page's heading, mdBook's sidebar, the page's `<title>` and its search index. With
/// every attack in both, nothing runs anywhere on the page (sidebar included), nothing is asked
/// of another host, and the name shows as written in the heading and the sidebar.
#[test]
fn hostile_names_of_generated_pages_run_nothing() {
    use crate::generate_pages as generated;
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let book = tempfile::tempdir().unwrap();
    generated::write_book(book.path(), generated::SUMMARY, &generated::chapters(), "");
    let data_file = book.path().join("data/data.json");
    let mut data: Value =
        serde_json::from_str(&std::fs::read_to_string(&data_file).unwrap()).unwrap();
    // The attacks a title can hold: one line, and short enough to label a diagram.
    let name: Vec<String> = ["markup", "javascript", "include"]
        .iter()
        .map(|kind| attack(kind, "name"))
        .collect();
    let name = name.join(" ").replace(['\n', '\r'], " ");
    data["patterns"]["p-000"]["name"] = json!(name);
    data["case_studies"]["c-00"]["title"] = json!(name);
    std::fs::write(&data_file, data.to_string()).unwrap();
    let out = tempfile::tempdir().unwrap();
    generated::succeeded(&generated::build_with_binary(book.path(), out.path()));
    let port = serve(out.path());
    let browser = browser();
    let errors = Arc::new(Mutex::new(Vec::new()));
    let foreign = Arc::new(Mutex::new(Vec::new()));
    let tab = guarded_tab(&browser, &errors, &foreign, port);
    let whole_page = r##"JSON.stringify({
        ran: typeof window.hostile === "undefined" ? null : String(window.hostile),
        handlers: [...document.querySelectorAll("*")].flatMap((e) => [...e.attributes]
            .filter((a) => a.name.toLowerCase().startsWith("on")).map((a) => e.tagName + " " + a.name)),
        heading: (document.querySelector("main h1") || {}).textContent,
        sidebar: (document.querySelector("#mdbook-sidebar") || document.body).textContent,
    })"##;
    let squeezed = squeeze(&name);
    for page in ["patterns/p-000.html", "case-studies/c-00.html"] {
        tab.navigate_to(&format!("http://127.0.0.1:{port}/{page}"))
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        wait_for(&tab, "document.querySelectorAll('a[href]').length > 100");
        let shown: Value = serde_json::from_str(eval(&tab, whole_page).as_str().unwrap()).unwrap();
        assert_eq!(shown["ran"], Value::Null, "{page}: a name's script ran");
        assert_eq!(shown["handlers"], json!([]), "{page}: event handlers");
        let heading = untypeset(&squeeze(shown["heading"].as_str().unwrap_or_default()));
        assert!(
            heading.contains(&squeezed),
            "{page}: the heading is {heading}"
        );
        let sidebar = untypeset(&squeeze(shown["sidebar"].as_str().unwrap_or_default()));
        assert!(
            sidebar.contains(&squeezed),
            "{page}: the sidebar: {sidebar}"
        );
        let safety: Value =
            serde_json::from_str(eval(&tab, PAGE_SAFETY).as_str().unwrap()).unwrap();
        assert_eq!(
            safety["addresses"],
            json!([]),
            "{page}: addresses not the book's"
        );
    }
    // mdBook's search over the name's words.
    tab.navigate_to(&format!(
        "http://127.0.0.1:{port}/index.html?search=hostile"
    ))
    .unwrap()
    .wait_until_navigated()
    .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let safety: Value = serde_json::from_str(eval(&tab, SEARCH_SAFETY).as_str().unwrap()).unwrap();
    assert_eq!(safety["ran"], Value::Null, "search: a name's script ran");
    assert_eq!(safety["handlers"], json!([]), "search: event handlers");
    assert!(
        foreign.lock().unwrap().is_empty(),
        "asked another host: {:?}",
        foreign.lock().unwrap()
    );
    assert_eq!(*errors.lock().unwrap(), Vec::<String>::new());
}

/// `s` without its white space: what shows, however it wraps.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// mdBook's smart punctuation curls quotes and turns `--` into a dash in all Markdown text, the
/// author's prose and the data's alike: typography, not markup. A heading's `<` is followed by
/// a word joiner (see `Context::heading`), which shows as nothing. This undoes both.
fn untypeset(s: &str) -> String {
    s.replace('\u{2060}', "")
        .replace(['‘', '’'], "'")
        .replace(['“', '”'], "\"")
        .replace('—', "---")
        .replace('–', "--")
        .replace('…', "...")
}

/// The names the `n`th pattern index of the page shows now, its status and its groups' headings.
fn index_shown(tab: &Tab, n: usize) -> Value {
    let text = eval(
        tab,
        &format!(
            r#"(() => {{
            const index = document.querySelectorAll('.patterns-index')[{n}];
            const visible = (e) => !e.closest('[hidden]');
            return JSON.stringify({{
                hash: decodeURIComponent(location.hash),
                rows: [...index.querySelectorAll('tbody tr')].filter(visible).map(tr => tr.cells[0].textContent.trim()),
                headings: [...index.querySelectorAll('h2, h3, h4')].filter(visible).map(h => h.textContent.trim()),
                status: (index.querySelector('[role=status]') || {{}}).textContent || null,
                pressed: [...index.querySelectorAll('button[aria-pressed=true]')].map(b => b.textContent),
            }});
        }})()"#
        ),
    );
    serde_json::from_str(text.as_str().unwrap()).unwrap()
}

/// Clicks the button of the `n`th index's filter that reads `label`, among the buttons of
/// `kind` (tier, category, tag), or among all of them for `*`.
fn click_toggle(tab: &Tab, n: usize, kind: &str, label: &str) {
    let buttons = match kind {
        "*" => ".patterns-index-filter button".to_owned(),
        kind => format!(".patterns-index-filter fieldset[data-kind={kind}] button"),
    };
    let found = eval(
        tab,
        &format!(
            "(() => {{ const b = [...document.querySelectorAll('.patterns-index')[{n}]\
             .querySelectorAll('{buttons}')].find(b => b.textContent === {});\
             if (!b) return false; b.click(); return true; }})()",
            json!(label)
        ),
    );
    assert_eq!(found, json!(true), "a button {label}");
}

#[test]
fn the_pattern_index_filters_in_a_real_browser() {
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let book = common::built_handbook();
    let port = serve(book);
    let base = format!("http://127.0.0.1:{port}/patterns/index.html");
    let browser = browser();
    let errors = Arc::new(Mutex::new(Vec::new()));

    // Without JavaScript (as before the script runs): every pattern, no filter.
    let static_tab = tab(&browser, &errors);
    static_tab
        .call_method(Emulation::SetScriptExecutionDisabled { value: true })
        .unwrap();
    static_tab
        .navigate_to(&format!("{base}#index=tag:realtime"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    static_tab.wait_for_element(".patterns-index").unwrap();
    let all = index_shown(&static_tab, 0);
    assert_eq!(all["rows"].as_array().unwrap().len(), 42);
    assert_eq!(
        all["headings"],
        json!([
            "🥇 Gold (29 patterns)",
            "🥈 Silver (9 patterns)",
            "🥉 Bronze (4 patterns)"
        ])
    );
    assert_eq!(all["status"], Value::Null);
    assert!(static_tab.find_element(".patterns-index-filter").is_err());
    static_tab.close(false).unwrap();

    let tab = tab(&browser, &errors);
    tab.navigate_to(&base)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    tab.wait_for_element(".patterns-index-filter").unwrap();
    let start = index_shown(&tab, 0);
    assert_eq!(start["rows"].as_array().unwrap().len(), 42);
    assert_eq!(start["status"], "42 of 42 patterns shown");
    assert_eq!(
        axe_violations(&tab, ".patterns-index"),
        Vec::<String>::new()
    );

    // Text: typed, matched in names, summaries, categories and tags; counts follow.
    tab.find_element(".patterns-index input[type=search]")
        .unwrap()
        .click()
        .unwrap();
    tab.type_str("cache").unwrap();
    wait_for(&tab, "location.hash === '#index=q:cache'");
    assert_eq!(
        index_shown(&tab, 0),
        json!({
            "hash": "#index=q:cache",
            "rows": ["Cache-Aside", "CDN", "Multi-Level Cache", "Write-Through"],
            "headings": ["🥇 Gold (3 patterns)", "🥈 Silver (1 pattern)"],
            "status": "4 of 42 patterns shown",
            "pressed": [],
        })
    );

    // Show all, then a tier and a tag, each a step of the history.
    click_toggle(&tab, 0, "*", "Show all");
    wait_for(&tab, "!location.hash.includes('index=')");
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('.patterns-index input').value"
        ),
        json!("")
    );
    // The keyboard presses a toggle too.
    eval(
        &tab,
        "[...document.querySelectorAll('.patterns-index-filter button')].find(b => b.textContent === '🥈 Silver').focus()",
    );
    tab.press_key("Enter").unwrap();
    wait_for(&tab, "location.hash === '#index=tier:silver'");
    click_toggle(&tab, 0, "tag", "realtime");
    wait_for(&tab, "location.hash === '#index=tier:silver/tag:realtime'");
    let filtered = json!({
        "hash": "#index=tier:silver/tag:realtime",
        "rows": ["Long Polling", "Presence System", "Read Receipts"],
        "headings": ["🥈 Silver (3 patterns)"],
        "status": "3 of 42 patterns shown",
        "pressed": ["🥈 Silver", "realtime"],
    });
    assert_eq!(index_shown(&tab, 0), filtered);

    // Reload restores the filter; back undoes the last change.
    eval(&tab, "location.reload()");
    wait_for(
        &tab,
        "!!document.querySelector('.patterns-index-filter') && document.querySelectorAll('.patterns-index button[aria-pressed=true]').length === 2",
    );
    assert_eq!(index_shown(&tab, 0), filtered);
    // The filter reads in a dark theme too, with buttons pressed (the tables below are
    // mdBook's, in its theme's colours); photographed in both for people.
    let shots = common::root().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for theme in ["coal", "light"] {
        eval(
            &tab,
            &format!("localStorage.setItem('mdbook-theme', '{theme}'); location.reload()"),
        );
        wait_for(
            &tab,
            &format!(
                "document.documentElement.classList.contains('{theme}') && document.querySelectorAll('.patterns-index button[aria-pressed=true]').length === 2"
            ),
        );
        assert_eq!(
            axe_violations(&tab, ".patterns-index-filter"),
            Vec::<String>::new(),
            "{theme}"
        );
        let png = screenshot_of(&tab, "document.querySelector('.patterns-index')");
        std::fs::write(shots.join(format!("pattern-index-{theme}.png")), png).unwrap();
    }
    assert_eq!(index_shown(&tab, 0), filtered);
    eval(&tab, "history.back()");
    wait_for(&tab, "location.hash === '#index=tier:silver'");
    wait_for(
        &tab,
        "document.querySelectorAll('.patterns-index button[aria-pressed=true]').length === 1",
    );
    let back = index_shown(&tab, 0);
    assert_eq!(back["rows"].as_array().unwrap().len(), 9);
    assert_eq!(back["status"], "9 of 42 patterns shown");

    // Another widget's key is left alone; a shared link opens filtered.
    let shared = self::tab(&browser, &errors);
    shared
        .navigate_to(&format!("{base}#wizard=x&index=tag:transactions"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_for(
        &shared,
        "document.querySelectorAll('.patterns-index button[aria-pressed=true]').length === 1",
    );
    click_toggle(&shared, 0, "tier", "🥇 Gold");
    wait_for(
        &shared,
        "location.hash === '#wizard=x&index=tier:gold/tag:transactions'",
    );
    assert_eq!(
        index_shown(&shared, 0)["rows"],
        json!([
            "Double-Entry Ledger",
            "Event Sourcing",
            "Idempotency",
            "Inventory Reservation",
            "Saga"
        ])
    );
    assert_eq!(foreign_requests(&shared), Vec::<String>::new());
    shared.close(false).unwrap();

    // Two indexes on one page each keep their own part of `index=`.
    let guide = self::tab(&browser, &errors);
    guide
        .navigate_to(&format!("http://127.0.0.1:{port}/writing/directives.html"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_for(
        &guide,
        "document.querySelectorAll('.patterns-index-filter').length === 2",
    );
    click_toggle(&guide, 1, "tier", "🥉 Bronze");
    wait_for(
        &guide,
        "location.hash === '#index=tag-transactions-example.tier:bronze'",
    );
    assert_eq!(index_shown(&guide, 1)["rows"], json!(["Two-Phase Commit"]));
    assert_eq!(index_shown(&guide, 0)["rows"].as_array().unwrap().len(), 4);
    guide.close(false).unwrap();

    assert_eq!(foreign_requests(&tab), Vec::<String>::new());
    assert_eq!(*errors.lock().unwrap(), Vec::<String>::new());
}

#[test]
fn every_word_the_index_filter_shows_is_a_label() {
    let _one_browser_test_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, out) = crate::labels::sentinel_handbook();
    let port = serve(out);
    let browser = browser();
    let errors = Arc::new(Mutex::new(Vec::new()));
    let tab = tab(&browser, &errors);
    let allowed = crate::labels::data_words(&dir.path().join("patterns-data"));
    tab.navigate_to(&format!(
        "http://127.0.0.1:{port}/patterns/index.html#index=tag:realtime"
    ))
    .unwrap()
    .wait_until_navigated()
    .unwrap();
    wait_for(&tab, "!!document.querySelector('.patterns-index-filter')");
    // The filter's text and what it reads out, and the headings whose counts it rewrote.
    let text = eval(
        &tab,
        r#"(() => {
        const index = document.querySelector('.patterns-index');
        const filter = index.querySelector('.patterns-index-filter');
        const read = [...filter.querySelectorAll('[title], [aria-label], [placeholder]'), filter]
            .map(e => ['title', 'aria-label', 'placeholder'].map(a => e.getAttribute(a) || '').join(' '));
        const headings = [...index.querySelectorAll('h2')].map(h => h.textContent);
        // Each text node on its own: buttons side by side read as one word in innerText.
        const texts = [];
        const walker = document.createTreeWalker(filter, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) texts.push(walker.currentNode.data);
        return [...texts, ...read, ...headings].join('\n');
    })()"#,
    );
    let text = text.as_str().unwrap();
    let foreign = crate::labels::foreign_words(text, &allowed);
    assert!(
        foreign.is_empty(),
        "words that are no label's: {foreign:?}\n{text}"
    );
    for key in [
        "index_filter",
        "index_search",
        "index_tiers",
        "index_categories",
        "index_tags",
        "index_clear",
        "index_shown",
        "index_tier",
        "tier_gold",
    ] {
        assert!(
            text.contains(&format!("⟦{key}⟧")),
            "{key} is shown:\n{text}"
        );
    }
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('.patterns-index-filter').getAttribute('lang')"
        ),
        json!("en")
    );
    assert_eq!(*errors.lock().unwrap(), Vec::<String>::new());
}
