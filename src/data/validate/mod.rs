//! Stage 2: check what the types cannot — ids, references, the shape of the decision tree —
//! and report every problem at once. One file per part of the data: `catalog` (patterns, case
//! studies, combinations, recipe), `history` (dates, and staleness), `relations`, `domains`, `diagrams` (blueprints) and `tree`; this one holds
//! the checker they share and the checks of references every part makes.

mod catalog;
mod diagrams;
mod domains;
mod history;
mod relations;
mod tree;

/// What a diagram may hold, for the diagrams drawn from the data as a whole (`<<pattern-graph>>`).
pub use diagrams::MAX_DIAGRAM_ITEMS;

use std::collections::HashSet;

pub use history::stale;

use crate::data::json_path::JsonPath;
use crate::data::model::Tier;
use crate::data::{Data, Origin};
use crate::diag::Diagnostic;
use crate::diag::suggest;
use crate::text::ids::is_kebab_id;

/// Every problem of the data set, errors and warnings, in the order of the data.
pub fn validate(data: &Data) -> Vec<Diagnostic> {
    // The sections are checked side by side; their problems are joined in the data's order.
    fn checked<'a>(data: &'a Data, steps: &[fn(&mut Checker<'a>)]) -> Checker<'a> {
        let mut checker = Checker {
            data,
            diagnostics: Vec::new(),
            referenced: HashSet::new(),
        };
        steps.iter().for_each(|step| step(&mut checker));
        checker
    }
    let ((mut checker, relations), (domains, rest)) = rayon::join(
        || {
            rayon::join(
                || {
                    checked(
                        data,
                        &[Checker::patterns, Checker::histories, Checker::case_studies],
                    )
                },
                || checked(data, &[Checker::relations]),
            )
        },
        || {
            rayon::join(
                || checked(data, &[Checker::domains]),
                || {
                    checked(
                        data,
                        &[
                            Checker::combinations,
                            Checker::decision_tree,
                            Checker::recipe,
                        ],
                    )
                },
            )
        },
    );
    for other in [relations, domains, rest] {
        checker.diagnostics.extend(other.diagnostics);
        checker.referenced.extend(other.referenced);
    }
    checker.unreferenced_patterns();
    checker.diagnostics
}

struct Checker<'a> {
    data: &'a Data,
    diagnostics: Vec<Diagnostic>,
    /// Canonical ids of the patterns something refers to.
    referenced: HashSet<&'a str>,
}

impl<'a> Checker<'a> {
    fn error(&mut self, origin: &Origin, rest: &JsonPath, message: String, help: Option<String>) {
        let diagnostic = self.data.error_at(origin, rest, message).with_help(help);
        self.diagnostics.push(diagnostic);
    }

    /// A text field's inline Markdown: each problem at the place in the field it is written.
    fn inline(&mut self, origin: &Origin, at: &JsonPath, text: &str) {
        for fault in crate::text::inline::faults(text) {
            let location = self.data.locate_inside(origin, at, fault.at.start);
            self.diagnostics.push(
                Diagnostic::error(Some(location), fault.problem.message)
                    .with_help(fault.problem.help),
            );
        }
    }

    fn error_at_key(&mut self, origin: &Origin, message: String, help: Option<String>) {
        let location = self.data.locate_key(origin, &JsonPath::root());
        self.diagnostics
            .push(Diagnostic::error(Some(location), message).with_help(help));
    }

    fn warning(&mut self, origin: &Origin, rest: &JsonPath, message: String, help: String) {
        let location = self.data.locate(origin, rest);
        self.diagnostics
            .push(Diagnostic::warning(Some(location), message).with_help(Some(help)));
    }

    /// `rest` is only worked out for a message.
    fn kebab(&mut self, origin: &Origin, rest: impl FnOnce() -> JsonPath, what: &str, id: &str) {
        if !is_kebab_id(id) {
            let help = kebab_help(id);
            self.error(
                origin,
                &rest(),
                format!("{what} \"{id}\" is not a valid id"),
                Some(help),
            );
        }
    }

    /// A reference to a pattern, by id or alias; remembers it for the unreferenced check.
    /// `rest` is only worked out for a message.
    fn pattern_ref(
        &mut self,
        origin: &Origin,
        rest: impl FnOnce() -> JsonPath,
        reference: &str,
    ) -> Option<Tier> {
        if let Some((id, pattern)) = self.data.pattern(reference) {
            self.referenced.insert(id);
            return Some(pattern.value.tier);
        }
        if !self.data.is_unreadable_pattern(reference) && !self.data.has_unreadable_files {
            let help = suggest::help(reference, self.data.pattern_names()).or_else(|| {
                Some("define it under \"patterns\" in a data file, or fix the id".into())
            });
            self.error(
                origin,
                &rest(),
                format!("unknown pattern \"{reference}\""),
                help,
            );
        }
        None
    }

    fn case_study_ref(
        &mut self,
        origin: &Origin,
        rest: impl FnOnce() -> JsonPath,
        reference: &str,
    ) {
        if self.data.case_studies.contains_key(reference)
            || self.data.unreadable_case_studies.contains(reference)
            || self.data.has_unreadable_files
        {
            return;
        }
        let names = self
            .data
            .case_studies
            .keys()
            .chain(&self.data.unreadable_case_studies)
            .map(String::as_str);
        let help = suggest::help(reference, names).or_else(|| {
            Some("define it under \"case_studies\" in a data file, or fix the id".into())
        });
        self.error(
            origin,
            &rest(),
            format!("unknown case study \"{reference}\""),
            help,
        );
    }

    fn chapter_path(&mut self, origin: &Origin, rest: impl FnOnce() -> JsonPath, page: &str) {
        // A colon before the first slash reads as an address's scheme (`javascript:x.md`) in the
        // links made to the page.
        let scheme = page
            .split('/')
            .next()
            .and_then(|first| first.split_once(':'))
            .map(|(scheme, _)| scheme);
        let problem = if let Some(scheme) = scheme {
            Some(format!(
                "starts like a web address (\"{scheme}:\"), not a path relative to the book's src folder"
            ))
        } else if page.starts_with('/') || page.contains('\\') {
            Some("is not a path relative to the book's src folder".into())
        } else if page.split('/').any(|part| part.is_empty() || part == "..") {
            Some("is not a plain chapter path".into())
        } else if !page.ends_with(".md") {
            Some("is not a Markdown chapter (it must end in .md)".into())
        } else {
            None
        };
        if let Some(problem) = problem {
            self.error(
                origin,
                &rest(),
                format!("page \"{page}\" {problem}"),
                Some("write the chapter's path relative to src, like \"patterns/cdn.md\"".into()),
            );
        }
    }
}

/// What to do about an id that is not kebab-case.
fn kebab_help(id: &str) -> String {
    format!(
        "ids are kebab-case: lowercase letters and digits joined by single hyphens, like \"{}\"",
        kebab_suggestion(id)
    )
}

/// A kebab-case spelling of `id`, to show in the help.
fn kebab_suggestion(id: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && previous_lower {
                out.push('-');
            }
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
            previous_lower = false;
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "my-id".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_ids() {
        for good in ["cdn", "circuit-breaker", "a1-b2", "2pc"] {
            assert!(is_kebab_id(good), "{good}");
        }
        for bad in ["", "Circuit", "a--b", "-a", "a-", "a_b", "a b", "é"] {
            assert!(!is_kebab_id(bad), "{bad}");
        }
        assert_eq!(kebab_suggestion("CircuitBreaker"), "circuit-breaker");
        assert_eq!(kebab_suggestion("two_phase  commit"), "two-phase-commit");
    }
}
