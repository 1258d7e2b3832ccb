//! Stage 5: render directives. One file per directive; [`DIRECTIVES`] is the table that names
//! them and says what they accept, what they give the book in pass 1 and which function renders
//! them. Nothing else names a directive.

mod blueprint;
mod case_study_card;
mod case_study_index;
mod changelog;
mod combination_matrix;
pub(crate) mod compare;
mod count;
pub mod data_diff;
mod decision_tree;
pub mod diagram;
mod domain_cards;
mod history;
pub mod markdown;
mod pattern_card;
mod pattern_graph;
pub(crate) mod pattern_index;
mod recipe;
pub mod recommendation;
pub(crate) mod svg;
mod tier_table;
mod wizard;
pub mod wizard_app;
mod wizard_domain;

use crate::book::config::Diagrams;
use crate::book::directive::Directive;
use crate::book::index::Index;
use crate::book::scan::Placement;
use crate::book::site::{Recorder, Site};
use crate::data::Data;
use crate::data::date::Date;
use crate::data::model::{Domain, DomainOption, Tier};
use crate::diag::suggest;
pub use markdown::{BLOCK_KEYS, Headings};

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

/// A directive: its name, what it accepts, what it gives the book and its renderer.
pub struct Spec {
    pub name: &'static str,
    pub kind: Kind,
    /// What its bare id names.
    pub subject: Subject,
    /// Its own keys; a block directive also takes [`BLOCK_KEYS`] ([`Spec::takes`]).
    pub keys: &'static [&'static str],
    /// Pass 1, before anything is rendered: the link targets it gives the book (a domain's
    /// section, a card) with their heading ids, and whether it needs the wizard's assets. It
    /// lives beside the renderer, which gives the same heading ids (both through the
    /// directive's [`Headings`]); the site ([`Site`], in the layer below) only keeps what it is
    /// told. `None`: it gives nothing to link to. For `example=true` it is told through a
    /// recorder that keeps no link target ([`Recorder::example`]).
    pub record: Option<fn(&Data, &Directive, &Headings, &mut Recorder)>,
    /// Pass 2: the directive's text, headings and diagrams, into an empty [`Output`].
    pub render: fn(&Context, &Directive, &mut Output) -> Result<(), Problem>,
}

/// Every directive of the handbook. A new directive is one new file in this folder (its `mod`
/// line above; its `render` function, and its `record` function if it gives the book something
/// to link to) and one row here; nothing else names it.
#[rustfmt::skip]
pub const DIRECTIVES: &[Spec] = &[
    Spec { name: "wizard", kind: Kind::Block, subject: Subject::None, keys: &["domains"], record: Some(wizard::record), render: wizard::render },
    Spec { name: "wizard-domain", kind: Kind::Block, subject: Subject::Domain, keys: &[], record: Some(wizard_domain::record), render: wizard_domain::render },
    Spec { name: "domain-cards", kind: Kind::Block, subject: Subject::None, keys: &[], record: None, render: domain_cards::render },
    Spec { name: "tier-table", kind: Kind::Block, subject: Subject::None, keys: &["domain", "option"], record: None, render: tier_table::render },
    Spec { name: "blueprint", kind: Kind::Block, subject: Subject::None, keys: &["domain", "option"], record: None, render: blueprint::render },
    Spec { name: "combination-matrix", kind: Kind::Block, subject: Subject::None, keys: &["pattern"], record: None, render: combination_matrix::render },
    Spec { name: "decision-tree", kind: Kind::Block, subject: Subject::None, keys: &[], record: None, render: decision_tree::render },
    Spec { name: "recipe", kind: Kind::Block, subject: Subject::None, keys: &[], record: None, render: recipe::render },
    Spec { name: "pattern-index", kind: Kind::Block, subject: Subject::None, keys: &["tier", "category", "tag"], record: Some(pattern_index::record), render: pattern_index::render },
    Spec { name: "pattern", kind: Kind::Block, subject: Subject::Pattern, keys: &[], record: Some(pattern_card::record), render: pattern_card::render },
    Spec { name: "case-study", kind: Kind::Block, subject: Subject::CaseStudy, keys: &[], record: Some(case_study_card::record), render: case_study_card::render },
    Spec { name: "case-study-index", kind: Kind::Block, subject: Subject::None, keys: &[], record: Some(case_study_index::record), render: case_study_index::render },
    Spec { name: "compare", kind: Kind::Block, subject: Subject::None, keys: &["patterns"], record: Some(compare::record), render: compare::render },
    Spec { name: "pattern-graph", kind: Kind::Block, subject: Subject::Pattern, keys: &["depth"], record: None, render: pattern_graph::render },
    Spec { name: "changelog", kind: Kind::Block, subject: Subject::None, keys: &["since", "until"], record: None, render: changelog::render },
    Spec { name: "count", kind: Kind::Inline, subject: Subject::None, keys: &["tier", "category", "tag"], record: None, render: count::render },
];

impl Spec {
    /// Every key it takes: its own, then for a block directive [`BLOCK_KEYS`].
    pub fn takes(&self) -> impl Iterator<Item = &'static str> + Clone {
        let generic: &'static [&'static str] = match self.kind {
            Kind::Block => &BLOCK_KEYS,
            Kind::Inline => &[],
        };
        self.keys.iter().chain(generic).copied()
    }
}

/// The directive named `name`.
pub fn spec(name: &str) -> Option<&'static Spec> {
    DIRECTIVES.iter().find(|spec| spec.name == name)
}

/// Pass 1: records what `directive`, standing at `placement`, gives the book, as its row says.
/// An example (`example=true`) gives no link target; an unknown directive or one whose headings
/// cannot be worked out gives nothing; pass 2 reports what is wrong.
pub fn record(data: &Data, directive: &Directive, placement: Placement, recorder: &mut Recorder) {
    let Some(record) = spec(&directive.name).and_then(|spec| spec.record) else {
        return;
    };
    match Headings::new(directive, placement) {
        Ok(headings) if headings.example => {
            record(data, directive, &headings, &mut recorder.example());
        }
        Ok(headings) => record(data, directive, &headings, recorder),
        Err(_) => {}
    }
}

/// Everything rendering one directive produced. The renderer gets it empty and fills it, and
/// writes nothing anywhere else; the chapter's expansion reads it afterwards. Helpers shared
/// between renderers return their text and take `out` for the headings and diagrams they give;
/// the render function puts the directive's whole text in `out.text`.
#[derive(Debug, Default)]
pub struct Output {
    /// What replaces the directive: Markdown, with a little raw HTML for the `html` renderer.
    pub text: String,
    /// The heading ids the text gives, in order ([`Context::heading`]), so that a chapter gives
    /// each once.
    pub heading_ids: Vec<String>,
    /// How many diagrams the text draws; the `n`-th has the element id
    /// [`diagram::diagram_mark`]`(n)` ([`Output::next_diagram_id`]).
    pub diagrams: usize,
}

impl Output {
    /// Empties it for the next directive, keeping what it has allocated.
    pub fn clear(&mut self) {
        self.text.clear();
        self.heading_ids.clear();
        self.diagrams = 0;
    }

    /// The element id of the directive's next diagram, as a mark that becomes an id unique in
    /// the book when the chapter is written (see [`crate::expand::spliced::DiagramIds`]).
    pub fn next_diagram_id(&mut self) -> String {
        self.diagrams += 1;
        diagram::diagram_mark(self.diagrams)
    }
}

/// Checks a directive against its spec: keys, the presence and the target of its id.
pub fn check(spec: &Spec, directive: &Directive, cx: &Context) -> Result<(), Problem> {
    for (key, _) in &directive.args {
        if !spec.takes().any(|k| k == key) {
            let help = if spec.kind == Kind::Inline && BLOCK_KEYS.contains(&key.as_str()) {
                Some(format!(
                    "{key}= is for block directives; <<{}>> sits inside a sentence and gives no heading",
                    spec.name
                ))
            } else {
                suggest::help(key, spec.takes())
            };
            let help = help.or_else(|| {
                let keys: Vec<&str> = spec.takes().collect();
                Some(if keys.is_empty() {
                    format!("<<{}>> takes no keys", spec.name)
                } else {
                    format!("<<{}>> takes {}", spec.name, keys.join(", "))
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
        None if data.is_unreadable_pattern(id) => Err(unreadable("pattern", id)),
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
        None if data.unreadable_case_studies.contains(id) => Err(unreadable("case study", id)),
        None => Err(Problem::new(
            format!("unknown case study \"{id}\""),
            suggest::help(
                id,
                data.case_studies
                    .keys()
                    .chain(&data.unreadable_case_studies)
                    .map(String::as_str),
            )
            .or_else(|| Some("name a case study of the data's \"case_studies\"".into())),
        )),
    }
}

pub fn find_domain<'d>(cx: &Context<'d>, id: &str) -> Result<&'d Domain, Problem> {
    match cx.index.domain(id) {
        Some(domain) => Ok(domain),
        None if cx.data.unreadable_domains.contains(id) => Err(unreadable("domain", id)),
        None => Err(Problem::new(
            format!("unknown domain \"{id}\""),
            suggest::help(id, cx.data.domains.iter().map(|d| d.value.id.as_str()))
                .or_else(|| Some("name a domain of the data's \"domains\"".into())),
        )),
    }
}

/// Why a directive cannot show an entry of the data that could not be read. That entry's own
/// error is reported; this one only shows where the directive is (an error box under
/// `on-failure = "continue"`), not as a second error that is only its consequence.
fn unreadable(what: &str, id: &str) -> Problem {
    unreadable_entry(&format!("{what} \"{id}\""))
}

/// Like [`unreadable`], for an entry the data has one of (`the recipe`).
pub fn unreadable_entry(what: &str) -> Problem {
    Problem::following(
        format!("{what} could not be read from the data"),
        Some("fix the error reported at its entry in the data".into()),
    )
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

/// Where and for which renderer a directive is rendered: read only; all but its `headings` the
/// same for every directive of a chapter.
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
    /// mdBook's `book.language`, where the book sets it.
    pub language: Option<&'a str>,
    /// The diagrams drawn so far in this build.
    pub drawings: &'a svg::Drawings,
    /// Today and `recent-days`, where the book sets it: a tier move since then is marked.
    pub recent: Option<(Date, u32)>,
    /// How the directive being rendered places and names its headings.
    pub headings: Headings,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::site::Place;

    /// An example gives no link target, but still needs what it shows (the wizard's assets).
    #[test]
    fn an_example_records_no_link_target() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("patterns-data");
        let data = crate::data::load::load(&dir).data;
        let mut site = Site::default();
        for text in ["wizard example=true", "pattern saga example=true"] {
            let directive = crate::book::directive::parse(text).unwrap();
            let placement = Placement::default();
            record(&data, &directive, placement, &mut site.recorder("guide.md"));
        }
        site.finish(&data);
        assert_eq!(site.wizards, 1);
        assert!(site.domains.is_empty());
        assert!(data.pattern("saga").is_some() && site.pattern("saga").is_none());
    }

    /// Pass 1 and pass 2 agree: every link target a directive records lands on a heading id
    /// its renderer gives, so a link to it reaches it.
    #[test]
    fn what_a_directive_records_it_renders() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("patterns-data");
        let data = crate::data::load::load(&dir).data;
        let index = Index::new(&data);
        let drawings = svg::Drawings::default();
        for spec in DIRECTIVES {
            let Some(record) = spec.record else { continue };
            let id = match spec.subject {
                Subject::None => None,
                Subject::Pattern => data.patterns.keys().next(),
                Subject::CaseStudy => data.case_studies.keys().next(),
                Subject::Domain => data.domains.first().map(|d| &d.value.id),
            };
            let text = format!("{} {}", spec.name, id.map_or("", String::as_str));
            let mut texts = vec![text.clone(), format!("{text} level=5")];
            if spec.keys.contains(&"domains")
                && let Some(domain) = data.domains.first()
            {
                texts.push(format!("{text} domains={}", domain.value.id));
            }
            let under_title = Placement {
                heading_before: Some(1),
                under_first_heading: true,
            };
            for (text, placement) in
                (texts.iter()).flat_map(|t| [(t, Placement::default()), (t, under_title)])
            {
                records_what_it_renders(&data, &index, &drawings, spec, record, text, placement);
            }
        }
    }

    /// What `<<text>>` standing at `placement` records, it renders.
    fn records_what_it_renders(
        data: &Data,
        index: &Index,
        drawings: &svg::Drawings,
        spec: &Spec,
        record: fn(&Data, &Directive, &Headings, &mut Recorder),
        text: &str,
        placement: Placement,
    ) {
        let directive = crate::book::directive::parse(text).unwrap();
        let mut site = Site::default();
        let headings = Headings::new(&directive, placement).unwrap();
        record(
            data,
            &directive,
            &headings,
            &mut site.recorder("chapter.md"),
        );
        site.finish(data);
        let options = data.domains.iter().flat_map(|d| {
            let id = &d.value.id;
            d.value.options.iter().map(|o| site.option(id, &o.id))
        });
        let places: Vec<Place> = (data.domains.iter())
            .map(|d| site.domains.get(&d.value.id).cloned())
            .chain(data.patterns.keys().map(|p| site.pattern(p).cloned()))
            .chain(
                data.case_studies
                    .keys()
                    .map(|c| site.case_study(c).cloned()),
            )
            .chain(options)
            .flatten()
            .collect();
        let an_index = site.pattern_index.is_some()
            || site.case_study_index.is_some()
            || site.compare.is_some();
        assert!(!places.is_empty() || an_index, "<<{text}>> records nothing");
        let recorded = places.iter().filter_map(|place| place.anchor.as_deref());
        let cx = Context {
            data,
            index,
            site: &site,
            chapter: "chapter.md",
            html: false,
            diagrams: Diagrams::Svg,
            language: None,
            drawings,
            recent: None,
            headings,
        };
        let mut out = Output::default();
        (spec.render)(&cx, &directive, &mut out).unwrap();
        for anchor in recorded {
            assert!(
                out.heading_ids.iter().any(|id| id == anchor),
                "<<{text}>> records #{anchor} but gives {:?}",
                out.heading_ids
            );
        }
    }
}
