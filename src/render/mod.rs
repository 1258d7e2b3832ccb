//! Stage 5: render directives. One file per directive; [`DIRECTIVES`] is the table that names
//! them, says what they accept and which function renders them. A new directive needs one entry
//! here and one renderer.

mod blueprint;
mod case_study_card;
mod combination_matrix;
mod count;
mod decision_tree;
pub mod diagram;
mod domain_cards;
pub mod markdown;
mod pattern_card;
pub(crate) mod pattern_index;
mod recipe;
pub mod recommendation;
pub(crate) mod svg;
mod tier_table;
mod wizard;
pub mod wizard_app;
mod wizard_domain;

use std::cell::{Cell, RefCell};

use crate::book::config::Diagrams;
use crate::book::directive::Directive;
use crate::book::index::Index;
use crate::book::site::Site;
use crate::data::Data;
use crate::data::model::{Domain, DomainOption, Tier};
use crate::diag::suggest;

/// Why a directive cannot be rendered, and what to do: the crate's one error type, which the
/// expander places at the directive.
pub use crate::diag::Problem;

/// Whether a directive stands alone on its line or sits inside a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Block,
    Inline,
}

/// What a directive's bare id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The directive takes no id.
    None,
    Pattern,
    CaseStudy,
    Domain,
}

/// A directive: its name, what it accepts and its renderer.
pub struct Spec {
    pub name: &'static str,
    pub kind: Kind,
    pub subject: Subject,
    pub keys: &'static [&'static str],
    pub render: fn(&Context, &Directive) -> Result<String, Problem>,
}

/// Every directive of the handbook.
#[rustfmt::skip]
pub const DIRECTIVES: &[Spec] = &[
    Spec { name: "wizard", kind: Kind::Block, subject: Subject::None, keys: &["domains"], render: wizard::render },
    Spec { name: "wizard-domain", kind: Kind::Block, subject: Subject::Domain, keys: &[], render: wizard_domain::render },
    Spec { name: "domain-cards", kind: Kind::Block, subject: Subject::None, keys: &[], render: domain_cards::render },
    Spec { name: "tier-table", kind: Kind::Block, subject: Subject::None, keys: &["domain", "option"], render: tier_table::render },
    Spec { name: "blueprint", kind: Kind::Block, subject: Subject::None, keys: &["domain", "option"], render: blueprint::render },
    Spec { name: "combination-matrix", kind: Kind::Block, subject: Subject::None, keys: &["pattern"], render: combination_matrix::render },
    Spec { name: "decision-tree", kind: Kind::Block, subject: Subject::None, keys: &[], render: decision_tree::render },
    Spec { name: "recipe", kind: Kind::Block, subject: Subject::None, keys: &[], render: recipe::render },
    Spec { name: "pattern-index", kind: Kind::Block, subject: Subject::None, keys: &["tier", "category"], render: pattern_index::render },
    Spec { name: "pattern", kind: Kind::Block, subject: Subject::Pattern, keys: &[], render: pattern_card::render },
    Spec { name: "case-study", kind: Kind::Block, subject: Subject::CaseStudy, keys: &[], render: case_study_card::render },
    Spec { name: "count", kind: Kind::Inline, subject: Subject::None, keys: &["tier", "category"], render: count::render },
];

/// The directive named `name`.
pub fn spec(name: &str) -> Option<&'static Spec> {
    DIRECTIVES.iter().find(|spec| spec.name == name)
}

/// Checks a directive against its spec: keys, the presence and the target of its id.
pub fn check(spec: &Spec, directive: &Directive, cx: &Context) -> Result<(), Problem> {
    for (key, _) in &directive.args {
        if !spec.keys.contains(&key.as_str()) {
            let help = suggest::help(key, spec.keys.iter().copied()).or_else(|| {
                Some(if spec.keys.is_empty() {
                    format!("<<{}>> takes no keys", spec.name)
                } else {
                    format!("<<{}>> takes {}", spec.name, spec.keys.join(", "))
                })
            });
            return Err(Problem::new(
                format!("<<{}>> has no key \"{key}\"", spec.name),
                help,
            ));
        }
    }
    let id = directive.id.as_deref();
    match (spec.subject, id) {
        (Subject::None, None) => Ok(()),
        (Subject::None, Some(id)) => Err(Problem::new(
            format!("<<{}>> takes no id, but was given \"{id}\"", spec.name),
            Some("write other values as key=value".into()),
        )),
        (subject, None) => Err(Problem::new(
            format!(
                "<<{}>> needs the id of a {}",
                spec.name,
                subject_noun(subject)
            ),
            Some(format!("write <<{} ID>>", spec.name)),
        )),
        (Subject::Pattern, Some(id)) => find_pattern(cx.data, id).map(drop),
        (Subject::CaseStudy, Some(id)) => find_case_study(cx.data, id).map(drop),
        (Subject::Domain, Some(id)) => find_domain(cx, id).map(drop),
    }
}

fn subject_noun(subject: Subject) -> &'static str {
    match subject {
        Subject::Pattern => "pattern",
        Subject::CaseStudy => "case study",
        Subject::Domain => "domain",
        Subject::None => "thing",
    }
}

/// The pattern a directive names, by id or alias, as its canonical id.
pub fn find_pattern<'d>(data: &'d Data, id: &str) -> Result<&'d str, Problem> {
    match data.pattern(id) {
        Some((id, _)) => Ok(id),
        None => Err(Problem::new(
            format!("unknown pattern \"{id}\""),
            suggest::help(id, data.pattern_names())
                .or_else(|| Some("name a pattern of the data's \"patterns\"".into())),
        )),
    }
}

pub fn find_case_study<'d>(data: &'d Data, id: &str) -> Result<&'d str, Problem> {
    match data.case_studies.get_key_value(id) {
        Some((id, _)) => Ok(id),
        None => Err(Problem::new(
            format!("unknown case study \"{id}\""),
            suggest::help(id, data.case_studies.keys().map(String::as_str))
                .or_else(|| Some("name a case study of the data's \"case_studies\"".into())),
        )),
    }
}

pub fn find_domain<'d>(cx: &Context<'d>, id: &str) -> Result<&'d Domain, Problem> {
    match cx.index.domain(id) {
        Some(domain) => Ok(domain),
        None => Err(Problem::new(
            format!("unknown domain \"{id}\""),
            suggest::help(id, cx.data.domains.iter().map(|d| d.value.id.as_str()))
                .or_else(|| Some("name a domain of the data's \"domains\"".into())),
        )),
    }
}

/// The option that `domain=D option=O` name.
pub fn find_option<'d>(
    cx: &Context<'d>,
    directive: &Directive,
) -> Result<(&'d Domain, &'d DomainOption), Problem> {
    let required = |key: &str| {
        directive.arg(key).ok_or_else(|| {
            Problem::new(
                format!("<<{}>> needs {key}=…", directive.name),
                Some(format!("write <<{} domain=D option=O>>", directive.name)),
            )
        })
    };
    let domain = find_domain(cx, required("domain")?)?;
    let option_id = required("option")?;
    match domain.options.iter().find(|o| o.id == option_id) {
        Some(option) => Ok((domain, option)),
        None => Err(Problem::new(
            format!("domain \"{}\" has no option \"{option_id}\"", domain.id),
            suggest::help(option_id, domain.options.iter().map(|o| o.id.as_str())).or_else(|| {
                let ids: Vec<&str> = domain.options.iter().map(|o| o.id.as_str()).collect();
                Some(format!("its options are {}", ids.join(", ")))
            }),
        )),
    }
}

/// `tier=T`, if given.
pub fn tier_arg(directive: &Directive) -> Result<Option<Tier>, Problem> {
    let Some(value) = directive.arg("tier") else {
        return Ok(None);
    };
    match Tier::ALL.into_iter().find(|t| t.as_str() == value) {
        Some(tier) => Ok(Some(tier)),
        None => Err(Problem::new(
            format!("unknown tier \"{value}\""),
            suggest::help(value, Tier::ALL.iter().map(|t| t.as_str()))
                .or_else(|| Some("write tier=gold, tier=silver or tier=bronze".into())),
        )),
    }
}

/// Where and for which renderer a directive is rendered.
pub struct Context<'a> {
    pub data: &'a Data,
    /// The data's cross references.
    pub index: &'a Index<'a>,
    pub site: &'a Site,
    /// The chapter being rendered, relative to `src`.
    pub chapter: &'a str,
    /// `true` for mdBook's `html` renderer: a little raw HTML is allowed.
    pub html: bool,
    pub diagrams: Diagrams,
    /// How many diagrams the directive being rendered has drawn, for their element ids.
    pub drawn: Cell<usize>,
    /// The heading ids the directive being rendered has given, so that a chapter gives each
    /// once.
    pub heading_ids: RefCell<Vec<String>>,
    /// The diagrams drawn so far in this build.
    pub drawings: &'a svg::Drawings,
}

impl Context<'_> {
    /// The element id of the directive's next diagram, as a mark that becomes an id unique in
    /// the book when the chapter is written (see [`crate::expand::spliced::DiagramIds`]).
    pub fn next_diagram_id(&self) -> String {
        self.drawn.set(self.drawn.get() + 1);
        diagram::diagram_mark(self.drawn.get())
    }
}
