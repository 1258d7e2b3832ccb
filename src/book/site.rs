//! Stage 4: where everything lands in the book, found before anything is rendered, so that every
//! link can be made relative to the chapter that holds it.

use std::collections::{HashMap, HashSet};

use crate::book::directive::Directive;
use crate::data::Data;
use crate::text::ids::{case_study_anchor, domain_anchor, pattern_anchor};

/// A chapter (relative to `src`) and an anchor in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub chapter: String,
    pub anchor: Option<String>,
}

/// The chapters of the book and where domain sections and cards are rendered.
#[derive(Debug, Default)]
pub struct Site {
    pub chapters: HashSet<String>,
    /// Domain id → its section (`<<wizard>>` or `<<wizard-domain>>`); the first one in the book.
    pub domains: HashMap<String, Place>,
    /// Pattern id → its card (`<<pattern ID>>`).
    pub pattern_cards: HashMap<String, Place>,
    /// Case study id → its card (`<<case-study ID>>`).
    pub case_study_cards: HashMap<String, Place>,
    /// How many `<<wizard>>` directives the book has: each needs the wizard's assets.
    pub wizards: usize,
    /// Pattern id → where links to it go, once every chapter is recorded ([`Site::finish`]).
    patterns: HashMap<String, Place>,
    /// Case study id → where links to it go.
    case_studies: HashMap<String, Place>,
}

impl Site {
    /// Records a directive found in `chapter`, in book order.
    pub fn record(&mut self, data: &Data, chapter: &str, directive: &Directive) {
        let place = |anchor: String| Place {
            chapter: chapter.to_owned(),
            anchor: Some(anchor),
        };
        match (directive.name.as_str(), directive.id.as_deref()) {
            ("wizard", _) => {
                self.wizards += 1;
                for domain in wizard_domains(data, directive) {
                    self.domains
                        .entry(domain.to_owned())
                        .or_insert_with(|| place(domain_anchor(domain)));
                }
            }
            ("wizard-domain", Some(id)) => {
                self.domains
                    .entry(id.to_owned())
                    .or_insert_with(|| place(domain_anchor(id)));
            }
            ("pattern", Some(id)) => {
                if let Some((id, _)) = data.pattern(id) {
                    self.pattern_cards
                        .entry(id.to_owned())
                        .or_insert_with(|| place(pattern_anchor(id)));
                }
            }
            ("case-study", Some(id)) => {
                self.case_study_cards
                    .entry(id.to_owned())
                    .or_insert_with(|| place(case_study_anchor(id)));
            }
            _ => {}
        }
    }

    /// Settles where links to patterns and case studies go, once every chapter and directive
    /// of the book is recorded: to a pattern's or case study's page where the book has it, else
    /// to its card.
    pub fn finish(&mut self, data: &Data) {
        let page = |page: &str| Place {
            chapter: page.to_owned(),
            anchor: None,
        };
        for (id, pattern) in &data.patterns {
            let place = match &pattern.value.page {
                Some(p) if self.chapters.contains(p) => Some(page(p)),
                _ => self.pattern_cards.get(id).cloned(),
            };
            self.patterns.extend(place.map(|place| (id.clone(), place)));
        }
        for (id, case_study) in &data.case_studies {
            let place = if self.chapters.contains(&case_study.value.page) {
                Some(page(&case_study.value.page))
            } else {
                self.case_study_cards.get(id).cloned()
            };
            self.case_studies
                .extend(place.map(|place| (id.clone(), place)));
        }
    }

    /// Where a link to a pattern (by its id) goes: its page, else its card, else nowhere
    /// (bold text).
    pub fn pattern(&self, id: &str) -> Option<&Place> {
        self.patterns.get(id)
    }

    /// Where a link to a case study goes: its page, else its card.
    pub fn case_study(&self, id: &str) -> Option<&Place> {
        self.case_studies.get(id)
    }
}

/// The domains a `<<wizard>>` renders: `domains=a,b`, else all of them, in data order.
pub fn wizard_domains<'d>(data: &'d Data, directive: &'d Directive) -> Vec<&'d str> {
    match directive.arg("domains") {
        Some(list) => list
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .collect(),
        None => data.domains.iter().map(|d| d.value.id.as_str()).collect(),
    }
}
