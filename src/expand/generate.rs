//! `generate-pages = true`: a chapter for every pattern and case study that has neither a
//! `page` nor a card, added to the book mdBook renders (never to `src/`) before both passes, so
//! that pass 1 records the card each holds like any other.
//!
//! mdBook's sidebar nests chapters by their `number` alone, so each generated chapter gets the
//! number of a sub-chapter of its parent: the first chapter holding `<<pattern-index>>` (or
//! `<<case-study-index>>`), after its own sub-chapters. With no numbered parent, the pages
//! make a part at the end of the book.

use std::path::PathBuf;

use mdbook_preprocessor::book::{Book, BookItem, Chapter, SectionNumber};

use crate::book::scan;
use crate::book::site::Site;
use crate::data::Data;
use crate::data::json_path::JsonPath;
use crate::data::labels::Key;
use crate::diag::Diagnostic;
use crate::text::escape::text;
use crate::text::ids::is_kebab_id;

/// What a generated page shows.
struct Planned {
    /// Its chapter's name in the sidebar: the entry's name or title.
    name: String,
    /// Relative to `src`: `patterns/saga.md`.
    path: String,
    content: String,
}

/// What a generated page holds for the `html` renderer after its card: mdBook gives every page
/// an edit link when `edit-url-template` is set, even one with no file (`src/` alone for a
/// chapter without `source_path`); on a generated page it would lead nowhere, so the page hides
/// it. Only that page: mdBook's print page, which holds every chapter, has no edit link.
const NO_EDIT_LINK: &str = "<style>a[rel=\"edit\"] { display: none; }</style>\n";

/// Adds the generated chapters to `book`; the problems are chapters that are in the way (`src`
/// is the book's source folder as messages show it; `html`: for mdBook's `html` renderer).
pub fn add_pages(data: &Data, book: &mut Book, src: &str, html: bool) -> Vec<Diagnostic> {
    let site = written_site(data, book);
    let mut problems = Vec::new();
    let mut in_the_way = |what: String, origin, path: &str| {
        let location = data.locate_key(origin, &JsonPath::root());
        problems.push(
            Diagnostic::error(
                Some(location),
                format!(
                    "{what} would get a generated page at \"{path}\", but the book already has the chapter {}/{path}",
                    src.trim_end_matches('/')
                ),
            )
            .with_help(Some(
                "give it a \"page\" (that chapter, if it is about it) or a card in a chapter, or move the chapter"
                    .into(),
            )),
        );
    };

    let mut patterns = Vec::new();
    for (id, pattern) in &data.patterns {
        if pattern.value.page.is_some() || site.pattern(id).is_some() || !is_kebab_id(id) {
            continue;
        }
        let path = format!("patterns/{id}.md");
        if site.chapters.contains(&path) {
            in_the_way(format!("pattern \"{id}\""), &pattern.origin, &path);
            continue;
        }
        patterns.push(planned(&pattern.value.name, path, "pattern", id, html));
    }
    let mut case_studies = Vec::new();
    for (id, case_study) in &data.case_studies {
        if case_study.value.page.is_some() || site.case_study(id).is_some() || !is_kebab_id(id) {
            continue;
        }
        let path = format!("case-studies/{id}.md");
        if site.chapters.contains(&path) {
            in_the_way(format!("case study \"{id}\""), &case_study.origin, &path);
            continue;
        }
        case_studies.push(planned(
            &case_study.value.title,
            path,
            "case-study",
            id,
            html,
        ));
    }

    let part = |key| data.labels.text(key);
    place(
        book,
        site.pattern_index.as_deref(),
        patterns,
        &part(Key::PartPatterns),
    );
    place(
        book,
        site.case_study_index.as_deref(),
        case_studies,
        &part(Key::PartCaseStudies),
    );
    problems
}

/// The page of an entry: a title, and its card (`<<pattern ID>>`) directly under it, which
/// therefore repeats no title and is linked to without a fragment.
fn planned(name: &str, path: String, directive: &str, id: &str, html: bool) -> Planned {
    let mut content = format!("# {}\n\n<<{directive} {id}>>\n", text(name));
    if html {
        content.push('\n');
        content.push_str(NO_EDIT_LINK);
    }
    Planned {
        name: name.to_owned(),
        path,
        content,
    }
}

/// Pass 1 over the chapters the author wrote: where the cards and the indexes are.
fn written_site(data: &Data, book: &Book) -> Site {
    let mut site = Site::default();
    for chapter in book.chapters() {
        let Some(path) = &chapter.path else { continue };
        let found = scan::scan(&chapter.content);
        super::record_chapter(data, &mut site, &super::slash_path(path), &found);
    }
    site.finish(data);
    site
}

/// Puts `pages`, sorted by name, under the chapter at `parent` after its own sub-chapters; where
/// there is no such numbered chapter, as a part titled `part` at the end of the book.
fn place(book: &mut Book, parent: Option<&str>, mut pages: Vec<Planned>, part: &str) {
    if pages.is_empty() {
        return;
    }
    pages.sort_by_cached_key(|p| (p.name.to_lowercase(), p.path.clone()));
    if let Some(parent) = parent.and_then(|path| numbered_chapter(&mut book.items, path)) {
        let number = parent.number.clone().unwrap_or_default();
        let after = (parent.sub_items.iter())
            .filter_map(|item| match item {
                BookItem::Chapter(c) => c.number.as_ref()?.last().copied(),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        let mut parent_names = parent.parent_names.clone();
        parent_names.push(parent.name.clone());
        for (n, page) in (after + 1..).zip(pages) {
            let mut parts = number.to_vec();
            parts.push(n);
            let chapter = chapter(page, Some(SectionNumber::new(parts)), parent_names.clone());
            parent.sub_items.push(BookItem::Chapter(chapter));
        }
    } else {
        book.items.push(BookItem::PartTitle(part.to_owned()));
        (book.items).extend(
            pages
                .into_iter()
                .map(|p| BookItem::Chapter(chapter(p, None, vec![]))),
        );
    }
}

/// A chapter mdBook renders but that has no file: no `source_path`, so that mdBook links to no
/// file of `src` for it.
fn chapter(page: Planned, number: Option<SectionNumber>, parent_names: Vec<String>) -> Chapter {
    let mut chapter = Chapter::new(
        &page.name,
        page.content,
        PathBuf::from(page.path),
        parent_names,
    );
    chapter.source_path = None;
    chapter.number = number;
    chapter
}

/// The chapter at `path` (relative to `src`, `/` separators), if it has a number.
fn numbered_chapter<'b>(items: &'b mut [BookItem], path: &str) -> Option<&'b mut Chapter> {
    for item in items {
        let BookItem::Chapter(chapter) = item else {
            continue;
        };
        if chapter
            .path
            .as_deref()
            .is_some_and(|p| super::slash_path(p) == path)
        {
            return chapter.number.is_some().then_some(chapter);
        }
        if let Some(found) = numbered_chapter(&mut chapter.sub_items, path) {
            return Some(found);
        }
    }
    None
}
