//! The data's cross references, found once per build: which options, combinations and
//! replacements name each pattern, the relations between patterns (from
//! [`crate::data::relations`]), which stack rows cite each case study, patterns by tier, by
//! category and by tag, domains by id. With them every directive renders in time that grows
//! with what it shows, not with the size of the data, so a book twice as big takes twice as
//! long.

use std::collections::HashMap;

use crate::data::model::{
    CaseStudyRef, Combination, Domain, DomainOption, Evidence, Pattern, StackRow, Tier,
};
use crate::data::relations::Relations;
use crate::data::{Data, Located};
use crate::text::escape::text;
use crate::text::inline;

/// A pattern and its id.
pub type Entry<'d> = (&'d str, &'d Located<Pattern>);

pub struct Index<'d> {
    domains: HashMap<&'d str, &'d Domain>,
    /// Every pattern, in id order.
    patterns: Vec<Entry<'d>>,
    /// Pattern id or alias → the pattern, as [`Data::pattern`] finds it.
    references: HashMap<&'d str, Entry<'d>>,
    /// Pattern id → its texts as Markdown, escaped once rather than in every table.
    markdown: HashMap<&'d str, PatternMarkdown>,
    /// The patterns of each tier (in [`Tier::ALL`] order), in id order.
    by_tier: [Vec<Entry<'d>>; 3],
    /// The patterns of each category, in id order.
    by_category: HashMap<&'d str, Vec<Entry<'d>>>,
    /// The patterns of each tag, in id order.
    by_tag: HashMap<&'d str, Vec<Entry<'d>>>,
    /// Canonical pattern id → what names it.
    mentions: HashMap<&'d str, Mentions<'d>>,
    /// Case study id → the stack rows that cite it, in data order.
    citations: HashMap<&'d str, Vec<Citation<'d>>>,
    /// Every pattern's relations, in both directions.
    relations: Relations<'d>,
}

/// What names one pattern, each list in data order.
#[derive(Default)]
pub struct Mentions<'d> {
    /// The patterns it replaces (their `replaced_by` names it), in id order.
    pub replaces: Vec<&'d str>,
    /// The combinations it is the primary pattern or a partner of.
    pub combinations: Vec<&'d Combination>,
    /// The options whose stack rows or steps name it.
    pub options: Vec<(&'d Domain, &'d DomainOption)>,
    /// The case studies cited by the stack rows that name it.
    pub evidence: Vec<&'d CaseStudyRef>,
}

/// A pattern's name and category as Markdown inline text, its summary (inline Markdown) as a
/// table cell's.
pub struct PatternMarkdown {
    pub name: String,
    pub category: String,
    pub summary: String,
}

/// A stack row that cites a case study, and where it is.
pub struct Citation<'d> {
    pub domain: &'d Domain,
    pub option: &'d DomainOption,
    pub row: &'d StackRow,
    pub link: &'d CaseStudyRef,
}

const NOTHING: &Mentions<'static> = &Mentions {
    replaces: Vec::new(),
    combinations: Vec::new(),
    options: Vec::new(),
    evidence: Vec::new(),
};

impl<'d> Index<'d> {
    pub fn new(data: &'d Data) -> Self {
        let canonical = |reference: &str| data.pattern(reference).map(|(id, _)| id);
        let mut index = Index {
            domains: HashMap::new(),
            patterns: data
                .patterns
                .iter()
                .map(|(id, p)| (id.as_str(), p))
                .collect(),
            references: data
                .aliases
                .keys()
                .chain(data.patterns.keys())
                .filter_map(|r| Some((r.as_str(), data.pattern(r)?)))
                .collect(),
            markdown: data
                .patterns
                .iter()
                .map(|(id, p)| {
                    let texts = PatternMarkdown {
                        name: text(&p.value.name),
                        category: text(&p.value.category),
                        summary: inline::cell(&p.value.summary),
                    };
                    (id.as_str(), texts)
                })
                .collect(),
            by_tier: Default::default(),
            by_category: HashMap::new(),
            by_tag: HashMap::new(),
            mentions: HashMap::new(),
            citations: HashMap::new(),
            relations: Relations::new(data),
        };
        for (id, located) in &data.patterns {
            let pattern = &located.value;
            index.by_tier[tier_slot(pattern.tier)].push((id, located));
            index
                .by_category
                .entry(&pattern.category)
                .or_default()
                .push((id, located));
            for tag in &pattern.tags {
                let tagged = index.by_tag.entry(tag).or_default();
                // A tag listed twice (an error of its own) selects its pattern once.
                if tagged.last().is_none_or(|(last, _)| *last != id.as_str()) {
                    tagged.push((id, located));
                }
            }
            if let Some(replacement) = pattern.replaced_by.as_deref().and_then(canonical) {
                index.mention(replacement).replaces.push(id);
            }
        }
        // A category or tag that only patterns which could not be read have is known all the same
        // (it selects none of them): `category=` naming it is not an error of its own.
        let unread = data.unreadable_patterns.values();
        for pattern in unread {
            if let Some(category) = pattern.category.as_deref() {
                index.by_category.entry(category).or_default();
            }
            for tag in &pattern.tags {
                index.by_tag.entry(tag).or_default();
            }
        }
        for combination in data.combinations.iter().map(|c| &c.value) {
            let mut named: Vec<&str> = Vec::new();
            let references = std::iter::once(&combination.pattern).chain(&combination.with);
            for id in references.filter_map(|r| canonical(r)) {
                if !named.contains(&id) {
                    named.push(id);
                    index.mention(id).combinations.push(combination);
                }
            }
        }
        for domain in data.domains.iter().map(|d| &d.value) {
            index.domains.entry(&domain.id).or_insert(domain);
            for option in &domain.options {
                let mut recommended: Vec<&str> = Vec::new();
                for row in &option.stack {
                    let link = match &row.evidence {
                        Some(Evidence::CaseStudy(link)) => Some(link),
                        _ => None,
                    };
                    if let Some(link) = link {
                        index
                            .citations
                            .entry(&link.case_study)
                            .or_default()
                            .push(Citation {
                                domain,
                                option,
                                row,
                                link,
                            });
                    }
                    if let Some(id) = canonical(&row.pattern) {
                        recommended.push(id);
                        index.mention(id).evidence.extend(link);
                    }
                }
                let steps = option.valid_steps().filter_map(|s| s.pattern());
                recommended.extend(steps.filter_map(canonical));
                let mut seen: Vec<&str> = Vec::new();
                for id in recommended {
                    if !seen.contains(&id) {
                        seen.push(id);
                        index.mention(id).options.push((domain, option));
                    }
                }
            }
        }
        index
    }

    fn mention(&mut self, id: &'d str) -> &mut Mentions<'d> {
        self.mentions.entry(id).or_default()
    }

    /// The pattern a reference names: its id or one of its aliases.
    pub fn pattern(&self, reference: &str) -> Option<Entry<'d>> {
        self.references.get(reference).copied()
    }

    /// The pattern's texts as Markdown (`id` is a canonical id).
    pub fn markdown(&self, id: &str) -> Option<&PatternMarkdown> {
        self.markdown.get(id)
    }

    pub fn domain(&self, id: &str) -> Option<&'d Domain> {
        self.domains.get(id).copied()
    }

    /// What names the pattern `id` (a canonical id).
    pub fn mentions(&self, id: &str) -> &Mentions<'d> {
        self.mentions.get(id).unwrap_or(NOTHING)
    }

    /// The relations between patterns, each seen from both of its patterns (combination rows
    /// as `complements`): `relations().of(id)` for one pattern's.
    pub fn relations(&self) -> &Relations<'d> {
        &self.relations
    }

    /// The stack rows that cite the case study `id`.
    pub fn citations(&self, id: &str) -> &[Citation<'d>] {
        self.citations.get(id).map_or(&[], Vec::as_slice)
    }

    /// Every pattern, in id order.
    pub fn patterns(&self) -> &[Entry<'d>] {
        &self.patterns
    }

    /// The patterns of `tier`, in id order.
    pub fn tier(&self, tier: Tier) -> &[Entry<'d>] {
        &self.by_tier[tier_slot(tier)]
    }

    /// The patterns of `category`, in id order; `None` for a category no pattern has.
    pub fn category(&self, category: &str) -> Option<&[Entry<'d>]> {
        self.by_category.get(category).map(Vec::as_slice)
    }

    /// Every category, sorted.
    pub fn categories(&self) -> Vec<&'d str> {
        let mut all: Vec<&str> = self.by_category.keys().copied().collect();
        all.sort_unstable();
        all
    }

    /// The patterns tagged `tag`, in id order; `None` for a tag no pattern has.
    pub fn tag(&self, tag: &str) -> Option<&[Entry<'d>]> {
        self.by_tag.get(tag).map(Vec::as_slice)
    }

    /// Every tag, sorted.
    pub fn tags(&self) -> Vec<&'d str> {
        let mut all: Vec<&str> = self.by_tag.keys().copied().collect();
        all.sort_unstable();
        all
    }
}

fn tier_slot(tier: Tier) -> usize {
    Tier::ALL
        .iter()
        .position(|t| *t == tier)
        .unwrap_or_default()
}
