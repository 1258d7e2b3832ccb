//! The pipeline over a whole book: load → validate → scan chapters → resolve links → render →
//! write back. Nothing is written back unless every step succeeded (or `on-failure = "continue"`
//! asked for error boxes instead).

pub mod build;
mod generate;
pub mod mdbook;
pub mod spliced;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::errors::Error;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use rayon::prelude::*;

use crate::book::config::{Config, OnFailure};
use crate::book::index::Index;
use crate::book::scan::Placement;
use crate::book::scan::{self, Found, FoundKind};
use crate::book::site::Site;
use crate::data::date::Date;
use crate::data::json_path::JsonPath;
use crate::data::{Data, Origin};
use crate::diag::Position;
use crate::diag::{self, Diagnostic, Location};
use crate::expand::spliced::{
    DiagramIds, Expanded, Pieces, Splice, diagram_id_prefix, for_each_page,
};
use crate::render::svg::Drawings;
use crate::render::{self, Context, Headings, Kind, Output, Problem};

/// The `patterns` preprocessor, for mdBook and for the in-process `build` command.
///
/// mdBook runs a preprocessor once for each renderer; in one process (`build`), each problem is
/// printed the first time only. (mdBook runs an external preprocessor as a new process each
/// time, which cannot know what the last one printed.)
#[derive(Default)]
pub struct Patterns {
    /// What has been printed, as printed.
    printed: Mutex<HashSet<String>>,
}

impl Patterns {
    /// Expands `book` as [`Preprocessor::run`] does, keeping the expanded chapters in pieces
    /// for [`Expanded::write_json`].
    pub fn expand(&self, ctx: &PreprocessorContext, book: Book) -> Result<Expanded, Error> {
        let table: Option<serde_json::Value> = ctx.config.get("preprocessor.patterns")?;
        let config = Config::from_table(table.as_ref()).map_err(|problems| {
            self.print(&problems);
            failure(&problems)
        })?;
        let config = Config {
            language: ctx.config.book.language.clone(),
            ..config
        };
        let src = ctx.config.book.src.display().to_string();
        let html = ctx.renderer == "html";
        let mut report = expand_book(&ctx.root, &config, &src, html, book);
        if html
            && report.has_wizard
            && let Some(problem) = wizard_assets_problem(&ctx.root, &ctx.config)
        {
            report.diagnostics.push(problem);
            if config.on_failure == OnFailure::Bail {
                report.expanded = None;
            }
        }
        self.print(&report.diagnostics);
        report.expanded.ok_or_else(|| failure(&report.diagnostics))
    }

    /// Prints each of `diagnostics` on stderr, unless this process printed it before.
    fn print(&self, diagnostics: &[Diagnostic]) {
        let mut printed = self.printed.lock().unwrap_or_else(PoisonError::into_inner);
        for text in diagnostics.iter().map(Diagnostic::render_human) {
            if !printed.contains(&text) {
                eprint!("{text}");
                printed.insert(text);
            }
        }
    }
}

impl Preprocessor for Patterns {
    fn name(&self) -> &str {
        "patterns"
    }

    fn run(&self, ctx: &PreprocessorContext, book: Book) -> Result<Book, Error> {
        self.expand(ctx, book).map(Expanded::into_book)
    }

    fn supports_renderer(&self, _renderer: &str) -> Result<bool, Error> {
        Ok(true)
    }
}

/// The error that fails the build; the problems themselves were printed just before it.
fn failure(diagnostics: &[Diagnostic]) -> Error {
    let summary = diag::summary(diagnostics).unwrap_or_default();
    Error::msg(format!(
        "mdbook-patterns stopped the build: {summary} (listed above); nothing was written"
    ))
}

/// Why a book that renders a `<<wizard>>` for HTML cannot show it yet: its script and
/// stylesheet are missing, stale or not listed in `book.toml`.
pub(crate) fn wizard_assets_problem(
    root: &Path,
    book_config: &mdbook_preprocessor::config::Config,
) -> Option<Diagnostic> {
    let html_config = book_config.html_config().unwrap_or_default();
    let listed = |paths: &[std::path::PathBuf]| -> Vec<String> {
        paths.iter().map(|p| p.display().to_string()).collect()
    };
    let reason = crate::book::assets::stale_assets(
        root,
        &listed(&html_config.additional_js),
        &listed(&html_config.additional_css),
    )?;
    Some(
        Diagnostic::error(
            Some(Location::file("book.toml")),
            format!("the wizard's script and stylesheet are not ready: {reason}"),
        )
        .with_help(Some(
            "run `mdbook-patterns install` in the book's folder".into(),
        )),
    )
}

/// What expanding a book gave.
pub struct Report {
    /// The expanded book; `None` where errors were found and `on-failure` is `bail`.
    pub expanded: Option<Expanded>,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the book renders a `<<wizard>>`, which needs the installed script and styles.
    pub has_wizard: bool,
}

/// Pass 1 for one chapter at `path`: the chapter itself, and what each of its directives (`found`)
/// gives the book, as the directive's row of the table says.
fn record_chapter(data: &Data, site: &mut Site, path: &str, found: &[Found]) {
    site.chapters.insert(path.to_owned());
    let mut recorder = site.recorder(path);
    for f in found {
        if let FoundKind::Directive {
            parsed: Ok(d),
            placement,
            ..
        } = &f.what
        {
            render::record(data, d, *placement, &mut recorder);
        }
    }
}

/// Expands every directive of `book`. With errors under `on-failure = "bail"` there is no book
/// to write; under `continue`, each failing directive becomes an error box. `src` is the book's
/// source folder as shown in messages.
///
/// The chapters keep their text; what replaces each directive is kept beside it (see
/// [`Expanded`]), so the expanded book is never held whole.
pub fn expand_book(root: &Path, config: &Config, src: &str, html: bool, mut book: Book) -> Report {
    let data_dir = config.data_dir(root);
    let loaded = crate::data::load::load_as(&data_dir, &config.data);
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(crate::data::validate::validate(&loaded.data));
    let data = loaded.data;
    // "Today" (SPEC §4), read once per build, only where a setting measures from it.
    let today = match (config.stale_after_days, config.recent_days) {
        (None, None) => None,
        _ => match config.today {
            Some(today) => Some(today),
            None => Date::today()
                .map_err(|problem| diagnostics.push(problem.into()))
                .ok(),
        },
    };
    if let (Some(today), Some(days)) = (today, config.stale_after_days) {
        diagnostics.extend(crate::data::validate::stale(&data, today, days));
    }
    let index = Index::new(&data);
    if config.generate_pages {
        diagnostics.extend(generate::add_pages(&data, &mut book, src, html));
    }
    let pages = collect_pages(&mut book, src);

    // Pass 1: where every chapter is and what each directive gives the book (domain sections
    // and cards to link to), as the directive's row of the table says.
    let mut site = Site::default();
    let scanned: Vec<Vec<Found>> = pages.par_iter().map(|p| scan::scan(p.content)).collect();
    for (page, found) in pages.iter().zip(&scanned) {
        record_chapter(&data, &mut site, &page.path, found);
    }
    site.finish(&data);
    diagnostics.extend(check_pages(&data, &site));

    // Pass 2: render each chapter in place, several at a time; the problems are reported in
    // book order all the same. Renderers cope with data that has errors (an unknown pattern
    // shows as its id), so every problem is found at once.
    let drawings = Drawings::default();
    let pieces = Pieces::default();
    let (splices, problems): (Vec<Vec<Splice>>, Vec<Vec<Diagnostic>>) = pages
        .into_par_iter()
        .zip(scanned)
        .map(|(page, found)| {
            let mut problems = Vec::new();
            let mut splices = Vec::new();
            if !found.is_empty() {
                let cx = Context {
                    data: &data,
                    index: &index,
                    site: &site,
                    chapter: &page.path,
                    html,
                    diagrams: config.diagrams,
                    language: config.language.as_deref(),
                    drawings: &drawings,
                    recent: today.zip(config.recent_days),
                    headings: Headings::default(),
                };
                splices = expand_chapter(
                    &cx,
                    &pieces,
                    page.content,
                    &found,
                    &page.shown,
                    &mut problems,
                );
            }
            (splices, problems)
        })
        .unzip();
    diagnostics.extend(problems.into_iter().flatten());

    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let failed = has_errors && config.on_failure == OnFailure::Bail;
    Report {
        expanded: (!failed).then(|| Expanded::new(book, splices)),
        diagnostics,
        has_wizard: site.wizards > 0,
    }
}

/// A chapter with a file, as the passes over the book see it.
struct Page<'b> {
    /// Relative to `src`, with `/` separators: `guides/payments.md`.
    path: String,
    /// As messages name the chapter: `src/guides/payments.md`.
    shown: String,
    content: &'b str,
}

/// The book's chapters that have a file, in the order of the summary.
fn collect_pages<'b>(book: &'b mut Book, src: &str) -> Vec<Page<'b>> {
    let mut pages = Vec::new();
    for_each_page(&mut book.items, &mut |page| {
        let file = page.source_path.unwrap_or(page.path).display().to_string();
        pages.push(Page {
            path: slash_path(page.path),
            shown: format!("{}/{file}", src.trim_end_matches('/')),
            content: page.content,
        });
    });
    pages
}

/// A chapter's path relative to `src`, with `/` separators: `guides/payments.md`.
fn slash_path(path: &Path) -> String {
    (path.components())
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every `page` of the data must be a chapter of the book; a pattern with neither a page nor a
/// card is a warning ([`homeless_pattern`]).
fn check_pages(data: &Data, site: &Site) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut check = |origin: &Origin, what: String, page: &str| {
        if !site.chapters.contains(page) {
            let location = data.locate(origin, &JsonPath::root().key("page"));
            problems.push(
                Diagnostic::error(
                    Some(location),
                    format!("{what}'s page \"{page}\" is not a chapter of the book"),
                )
                .with_help(Some(
                    "add the chapter to SUMMARY.md, or fix the path, which is relative to src"
                        .into(),
                )),
            );
        }
    };
    for (id, pattern) in &data.patterns {
        if let Some(page) = &pattern.value.page {
            check(&pattern.origin, format!("pattern \"{id}\""), page);
        }
    }
    for (id, case_study) in &data.case_studies {
        if let Some(page) = &case_study.value.page {
            check(&case_study.origin, format!("case study \"{id}\""), page);
        }
    }
    let homeless = (data.patterns.iter())
        .filter(|(id, pattern)| pattern.value.page.is_none() && site.pattern(id).is_none());
    problems.extend(homeless.map(|(id, _)| homeless_pattern(data, id)));
    let homeless = (data.case_studies.iter()).filter(|(id, case_study)| {
        case_study.value.page.is_none() && site.case_study(id).is_none()
    });
    problems.extend(homeless.map(|(id, _)| homeless_case_study(data, id)));
    problems
}

/// The warning for case study `id`, which has no `page` and no `<<case-study ID>>` card in the
/// book: every mention of it renders as plain text.
fn homeless_case_study(data: &Data, id: &str) -> Diagnostic {
    let location = data.locate_key(&data.case_studies[id].origin, &JsonPath::root());
    Diagnostic::warning(
        Some(location),
        format!(
            "case study \"{id}\" has no page and no card, so every mention of it renders as plain text"
        ),
    )
    .with_help(Some(format!(
        "give it a \"page\", put <<case-study {id}>> in a chapter, or set generate-pages = true"
    )))
}

/// The warning for pattern `id`, which has no `page` and no `<<pattern ID>>` card in the book:
/// every link to it renders as plain bold text, which an author reading the page does not notice.
///
/// It is given for every such pattern, not only for those the book happens to mention: every
/// pattern is mentioned somewhere (one that nothing names has a warning of its own), by
/// `<<pattern-index>>` if by nothing else, and which mentions a book renders changes with each
/// chapter. A warning that came and went with them would tell the author late; this one is
/// settled in pass 1, from the data and where the cards are, and says where to act.
fn homeless_pattern(data: &Data, id: &str) -> Diagnostic {
    let location = data.locate_key(&data.patterns[id].origin, &JsonPath::root());
    Diagnostic::warning(
        Some(location),
        format!(
            "pattern \"{id}\" has no page and no card, so every mention of it renders as plain bold text"
        ),
    )
    .with_help(Some(format!(
        "give it a \"page\", put <<pattern {id}>> in a chapter, or set generate-pages = true"
    )))
}

/// What replaces each directive of the chapter: its output, or where it fails an error box (the
/// failure is added to `diagnostics`).
fn expand_chapter(
    cx: &Context,
    pieces: &Pieces,
    text: &str,
    found: &[Found],
    shown: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Splice> {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut splices = Vec::with_capacity(found.len());
    let mut id_prefix: Option<Arc<str>> = None;
    let mut diagrams = 0;
    // Each heading id given in the chapter, and the line of the directive that gave it.
    let mut heading_ids: HashMap<String, usize> = HashMap::new();
    // What the directive being expanded produced; emptied for each.
    let mut out = Output::default();
    for f in found {
        out.clear();
        let (replace, output) = match &f.what {
            FoundKind::Escape => (f.range.clone(), "\\<\\<".to_owned()),
            FoundKind::Directive {
                parsed,
                alone,
                placement,
            } => {
                // An inline directive alone on its line stays inline: hard-wrapped prose
                // keeps its paragraph.
                let spec = parsed.as_ref().ok().and_then(|d| render::spec(&d.name));
                let alone = alone
                    .as_ref()
                    .filter(|_| spec.is_none_or(|s| s.kind == Kind::Block));
                let rendered = render_one(cx, parsed, *placement, alone.is_some(), &mut out)
                    .and_then(|()| unique_headings(&mut out.heading_ids, &mut heading_ids, f.line));
                let output = match rendered {
                    Ok(()) => std::mem::take(&mut out.text),
                    Err(problem) => {
                        let location = Location {
                            file: shown.to_owned(),
                            position: Some(Position {
                                line: f.line,
                                column: f.column,
                            }),
                            path: None,
                            line_text: text.lines().nth(f.line - 1).map(str::to_owned),
                        };
                        let box_text = error_box(cx.html, alone.is_none(), &problem);
                        if !problem.follows {
                            diagnostics.push(problem.at(location).into());
                        }
                        box_text
                    }
                };
                match alone {
                    Some((indent, line)) => (line.clone(), block(&output, indent, newline)),
                    None => (f.range.clone(), output.trim_end().to_owned()),
                }
            }
        };
        let drawn = out.diagrams;
        let diagram_ids = (drawn > 0).then(|| DiagramIds {
            prefix: Arc::clone(
                id_prefix.get_or_insert_with(|| diagram_id_prefix(cx.chapter).into()),
            ),
            before: diagrams,
            count: drawn,
        });
        diagrams += drawn;
        splices.push(Splice {
            range: replace,
            text: pieces.share(&text[f.range.clone()], cx.chapter, output),
            diagram_ids,
        });
    }
    splices
}

/// Renders one directive, standing at `placement`, into `out`, or says why it cannot be.
fn render_one(
    cx: &Context,
    parsed: &Result<crate::book::directive::Directive, Problem>,
    placement: Placement,
    alone: bool,
    out: &mut Output,
) -> Result<(), Problem> {
    let directive = parsed.as_ref().map_err(Problem::clone)?;
    let Some(spec) = render::spec(&directive.name) else {
        let names = render::DIRECTIVES.iter().map(|s| s.name);
        let help = crate::diag::suggest::help(&directive.name, names).or_else(|| {
            Some("see the README for the directives; write \\<< for a literal <<".into())
        });
        return Err(Problem::new(
            format!("unknown directive \"{}\"", directive.name),
            help,
        ));
    };
    if spec.kind == Kind::Block && !alone {
        return Err(Problem::new(
            format!("<<{}>> must stand alone on its line", spec.name),
            Some("put it on a line of its own; inside a list item it may be indented".into()),
        ));
    }
    render::check(spec, directive, cx)?;
    let cx = Context {
        headings: Headings::new(directive, placement)?,
        ..*cx
    };
    (spec.render)(&cx, directive, out)
}

/// Records the heading ids `given` by the directive on `line` (leaving it empty); an id another
/// directive of the chapter already gave is a problem, since a link to it could only ever reach
/// the first.
fn unique_headings(
    given: &mut Vec<String>,
    seen: &mut HashMap<String, usize>,
    line: usize,
) -> Result<(), Problem> {
    let mut repeated = None;
    for id in given.drain(..) {
        match seen.get(&id) {
            Some(&first) => {
                repeated.get_or_insert((id, first));
            }
            None => {
                seen.insert(id, line);
            }
        }
    }
    match repeated {
        None => Ok(()),
        Some((id, first)) => Err(Problem::new(
            format!("this repeats the heading id \"{id}\" the directive on line {first} already gives"),
            Some("a chapter can hold each section once: remove one of them or move it to another chapter".into()),
        )),
    }
}

/// Block output: a blank line before and after, every line indented like the directive.
fn block(output: &str, indent: &str, newline: &str) -> String {
    let output = output.trim_end();
    let lines = output.bytes().filter(|&b| b == b'\n').count() + 2;
    let mut out = String::with_capacity(output.len() + lines * (indent.len() + newline.len()));
    out.push_str(newline);
    for line in output.lines() {
        if !line.is_empty() {
            out.push_str(indent);
            out.push_str(line);
        }
        out.push_str(newline);
    }
    out
}

/// What a failing directive shows under `on-failure = "continue"`: a box, or inside a sentence
/// a highlighted phrase. The problem is not yet placed: it reads `message (help)`.
fn error_box(html: bool, inline: bool, problem: &Problem) -> String {
    let problem = problem.to_string();
    match (html, inline) {
        (true, true) => format!(
            "<span class=\"patterns-error\" role=\"alert\">mdbook-patterns error: {}</span>",
            crate::text::escape::html(&problem)
        ),
        (false, true) => format!(
            "**mdbook-patterns error: {}**",
            crate::text::escape::text(&problem)
        ),
        (true, false) => format!(
            "<div class=\"patterns-error\" role=\"alert\"><strong>mdbook-patterns error:</strong> {}</div>\n",
            crate::text::escape::html(&problem)
        ),
        (false, false) => format!(
            "> **mdbook-patterns error:** {}\n",
            crate::text::escape::text(&problem)
        ),
    }
}
