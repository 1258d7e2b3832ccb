//! Stage 4: where everything lands in the book, found before anything is rendered, so that every
//! link can be made relative to the chapter that holds it. Each directive tells the site what it
//! gives through a [`Recorder`] (pass 1): the site holds the places, the directives' table in
//! `render` says who gives which.

use std::collections::{HashMap, HashSet};

use crate::data::Data;

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
    /// Domain id → option id → the heading id of that option inside the domain's section.
    options: HashMap<String, HashMap<String, String>>,
    /// Pattern id → its card (`<<pattern ID>>`).
    pattern_cards: HashMap<String, Place>,
    /// Case study id → its card (`<<case-study ID>>`).
    case_study_cards: HashMap<String, Place>,
    /// The first chapter in book order holding an index of patterns (`<<pattern-index>>`, not
    /// an example): generated pattern pages are placed under it.
    pub pattern_index: Option<String>,
    /// The first chapter holding an index of case studies (`<<case-study-index>>`).
    pub case_study_index: Option<String>,
    /// The first chapter holding `<<compare>>` without `patterns=`: the page that compares the
    /// patterns its address names, where cards and the wizard send readers.
    pub compare: Option<String>,
    /// How many directives the book has that need the script and stylesheet (`<<wizard>>`,
    /// `<<compare>>`).
    pub wizards: usize,
    /// Pattern id → where links to it go, once every chapter is recorded ([`Site::finish`]).
    patterns: HashMap<String, Place>,
    /// Case study id → where links to it go.
    case_studies: HashMap<String, Place>,
}

impl Site {
    /// What the directives of `chapter` give the book are recorded through this, in book order.
    pub fn recorder<'s>(&'s mut self, chapter: &'s str) -> Recorder<'s> {
        Recorder {
            site: self,
            chapter,
            targets: true,
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
            let place = match &case_study.value.page {
                Some(p) if self.chapters.contains(p) => Some(page(p)),
                _ => self.case_study_cards.get(id).cloned(),
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

    /// Where a link to an option of a domain goes: its heading in the domain's section.
    pub fn option(&self, domain: &str, option: &str) -> Option<Place> {
        let anchor = self.options.get(domain)?.get(option)?;
        let section = self.domains.get(domain)?;
        Some(Place {
            chapter: section.chapter.clone(),
            anchor: Some(anchor.clone()),
        })
    }

    /// Where a link to a case study goes: its page, else its card.
    pub fn case_study(&self, id: &str) -> Option<&Place> {
        self.case_studies.get(id)
    }
}

/// Pass 1 for one chapter: what its directives give the book, each told by the directive's own
/// `record` function (its row in `render::DIRECTIVES`, beside its renderer) with the heading id
/// the link target lands on. The site is plain data: it knows places and that the first one in
/// book order wins, never a directive's name, since `book` sits below `render` and may not name
/// the directives.
pub struct Recorder<'s> {
    site: &'s mut Site,
    chapter: &'s str,
    /// Whether what it is told gives the book link targets: not for an example.
    targets: bool,
}

impl Recorder<'_> {
    /// The recorder of an example (`example=true`) in the same chapter: it counts what the
    /// example needs (the wizard's assets) but gives the book no link target.
    pub fn example(&mut self) -> Recorder<'_> {
        Recorder {
            site: self.site,
            chapter: self.chapter,
            targets: false,
        }
    }

    /// A `<<wizard>>`, which needs the wizard's assets.
    pub fn wizard(&mut self) {
        self.site.wizards += 1;
    }

    /// Domain `id`'s section, under the heading id `anchor`, with the heading id of each of its
    /// options (option id, heading id).
    pub fn domain_section(&mut self, id: &str, anchor: String, options: HashMap<String, String>) {
        if self.targets && first(&mut self.site.domains, id, self.chapter, Some(anchor)) {
            self.site.options.insert(id.to_owned(), options);
        }
    }

    /// The card of pattern `id` (its canonical id), under the heading id `anchor`; `None` for a
    /// card that gives no heading of its own, reached at the top of the chapter.
    pub fn pattern_card(&mut self, id: &str, anchor: Option<String>) {
        if !self.targets {
            return;
        }
        first(&mut self.site.pattern_cards, id, self.chapter, anchor);
    }

    /// An index of every pattern: the first one in the book is where generated pattern pages
    /// go.
    pub fn pattern_index(&mut self) {
        if self.targets && self.site.pattern_index.is_none() {
            self.site.pattern_index = Some(self.chapter.to_owned());
        }
    }

    /// A page comparing the patterns its address names (`<<compare>>` without `patterns=`); the
    /// first one in the book is where links to compare go. It needs the script either way.
    pub fn compare(&mut self) {
        self.site.wizards += 1;
        if self.targets && self.site.compare.is_none() {
            self.site.compare = Some(self.chapter.to_owned());
        }
    }

    /// An index of every case study: the first one in the book is where generated case study
    /// pages go.
    pub fn case_study_index(&mut self) {
        if self.targets && self.site.case_study_index.is_none() {
            self.site.case_study_index = Some(self.chapter.to_owned());
        }
    }

    /// The card of case study `id`, under the heading id `anchor` (`None`: at the top of the
    /// chapter).
    pub fn case_study_card(&mut self, id: &str, anchor: Option<String>) {
        if !self.targets {
            return;
        }
        first(&mut self.site.case_study_cards, id, self.chapter, anchor);
    }
}

/// Keeps the first place recorded for `id`: a link goes to the first one in the book. Whether
/// this one was the first.
fn first(
    places: &mut HashMap<String, Place>,
    id: &str,
    chapter: &str,
    anchor: Option<String>,
) -> bool {
    if places.contains_key(id) {
        return false;
    }
    let place = Place {
        chapter: chapter.to_owned(),
        anchor,
    };
    places.insert(id.to_owned(), place);
    true
}
