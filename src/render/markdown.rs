//! The links, badges and headings every renderer shares.

use crate::book::directive::Directive;
use crate::book::scan::Placement;
use crate::book::site::Place;
use crate::data::labels::Key;
use crate::data::model::Tier;
use crate::render::{Context, Output, Problem};
use crate::text::escape::{html, text};
use crate::text::ids::{keys_part, section_id};

/// The keys every block directive takes besides its own: `level=N` (the level of its top
/// headings, 1 to 6) and `example=true` (rendered, but never a link target). They are not part
/// of its heading ids.
pub const BLOCK_KEYS: [&str; 2] = ["level", "example"];

/// How one directive's headings are placed and named, worked out from its keys and where it
/// stands in the chapter, the same in pass 1 (what it records) and pass 2 (what it renders).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headings {
    /// The directive's name, which its heading ids start with.
    name: String,
    /// The level of its top headings, 1 to 6: `level=N`, else one below the nearest heading
    /// of the chapter's own source before it (at most 6), else 2.
    top: usize,
    /// What its keys add to its heading ids ([`keys_part`]); empty without keys.
    keys: String,
    /// `example=true`: rendered as usual, never a link target, its ids ending `-example`.
    pub example: bool,
    /// Whether it stands directly under the chapter's first heading ([`Placement`]): a card
    /// there does not repeat that heading.
    pub under_first_heading: bool,
}

impl Default for Headings {
    /// A directive without keys under no heading.
    fn default() -> Self {
        Headings {
            name: String::new(),
            top: 2,
            keys: String::new(),
            example: false,
            under_first_heading: false,
        }
    }
}

impl Headings {
    /// The headings of `directive`, standing at `placement`; a `level` or `example` that is
    /// not one of their values is a problem.
    pub fn new(directive: &Directive, placement: Placement) -> Result<Self, Problem> {
        let top = match directive.arg("level") {
            // One digit: "+3" and "03" parse as numbers, but are no way to write a level.
            Some(value) => match value.as_bytes() {
                &[digit @ b'1'..=b'6'] => usize::from(digit - b'0'),
                _ => {
                    return Err(Problem::new(
                        format!("level={value} is not a heading level"),
                        Some(
                            "write level=1 to level=6 for the level of its top headings (1 is #, 6 is ######)"
                                .into(),
                        ),
                    ));
                }
            },
            None => placement
                .heading_before
                .map_or(2, |level| usize::from(level) + 1)
                .min(6),
        };
        let example = match directive.arg("example") {
            None | Some("false") => false,
            Some("true") => true,
            Some(value) => {
                return Err(Problem::new(
                    format!("example={value} is neither true nor false"),
                    Some("write example=true, or leave the key out".into()),
                ));
            }
        };
        let mut keys: Vec<(&str, &str)> = (directive.args.iter())
            .map(|(key, value)| (key.as_str(), value.as_str()))
            .filter(|(key, _)| !BLOCK_KEYS.contains(key))
            .collect();
        keys.sort_unstable();
        Ok(Headings {
            name: directive.name.clone(),
            top,
            keys: keys_part(keys),
            example,
            under_first_heading: placement.under_first_heading,
        })
    }

    /// The heading id the directive gives for `id` ([`section_id`]): `id` itself for a directive
    /// without keys that is no example.
    pub fn id(&self, id: &str) -> String {
        section_id(&self.name, &self.keys, self.example, id)
    }

    /// What tells this directive apart from another of its name on the page: its keys and
    /// `example` as they end its heading ids (`tier-gold`, `example`); empty for neither.
    pub fn scope(&self) -> String {
        match (self.keys.is_empty(), self.example) {
            (_, false) => self.keys.clone(),
            (true, true) => "example".to_owned(),
            (false, true) => format!("{}-example", self.keys),
        }
    }

    /// The id of a card's title heading, or `None` where the card stands directly under the
    /// chapter's first heading and gives no title of its own (links go to the chapter).
    pub fn card_id(&self, id: &str) -> Option<String> {
        (!self.under_first_heading).then(|| self.id(id))
    }
}

impl Context<'_> {
    /// The label of `key` as plain text, for a heading (which escapes it).
    pub fn label(&self, key: Key) -> String {
        self.data.labels.text(key)
    }

    /// The label of `key` as Markdown inline text, its placeholders filled with `values`, which
    /// are Markdown already.
    pub fn label_md(&self, key: Key, values: &[&str]) -> String {
        self.data.labels.get(key).fill(text, values)
    }

    /// The badge of a tier as Markdown inline text (the `tier_*` labels).
    pub fn tier_badge(&self, tier: Tier) -> String {
        text(&self.data.labels.tier(tier))
    }

    /// A Markdown link target for `place`, relative to this chapter.
    pub fn href(&self, place: &Place) -> String {
        crate::text::link::relative(self.chapter, &place.chapter, place.anchor.as_deref(), true)
    }

    /// An `href` for raw HTML: mdBook does not rewrite `.md` there, so it is `.html` already.
    pub fn html_href(&self, place: &Place) -> String {
        crate::text::link::relative(self.chapter, &place.chapter, place.anchor.as_deref(), false)
    }

    /// The pattern's display name (its id if unknown).
    pub fn pattern_name(&self, reference: &str) -> String {
        self.index
            .pattern(reference)
            .map_or_else(|| reference.to_owned(), |(_, p)| p.value.name.clone())
    }

    /// Where a link to the pattern goes: its page, else its card, else nowhere.
    pub fn pattern_place(&self, reference: &str) -> Option<&Place> {
        let (id, _) = self.index.pattern(reference)?;
        self.site.pattern(id)
    }

    /// `[**Name**](link)`, or `**Name**` where the pattern has no page or card.
    pub fn pattern_link(&self, reference: &str) -> String {
        let Some((id, texts)) = self
            .index
            .pattern(reference)
            .and_then(|(id, _)| Some((id, self.index.markdown(id)?)))
        else {
            return format!("**{}**", text(reference));
        };
        let name = &texts.name;
        match self.site.pattern(id) {
            Some(place) => format!("[**{name}**]({})", self.href(place)),
            None => format!("**{name}**"),
        }
    }

    /// `[label](link)` to a case study, or the label alone where it has no page or card.
    pub fn case_study_link(&self, id: &str, label: &str) -> String {
        match self.site.case_study(id) {
            Some(place) => format!("[{}]({})", text(label), self.href(place)),
            None => text(label),
        }
    }

    /// A Markdown table of ours; for HTML in a wrapper that lets it stack its cells on narrow
    /// screens (`wizard.css`), each labelled by its column's header (`wizard.js`).
    pub fn table(&self, table: String) -> String {
        match self.html {
            true => format!(
                "<div class=\"patterns-table\">\n\n{}\n\n</div>\n",
                table.trim_end()
            ),
            false => table,
        }
    }

    /// A heading with an explicit id: `## Title {#id}`, the id recorded in `out`. `depth` is
    /// its depth in the directive's output (0 for its top headings, 1 below them…), which the
    /// directive's [`Headings`] turn into a level (never deeper than 6); its id is `id` as they
    /// name it ([`Headings::id`]).
    ///
    /// For HTML, a heading below the directive's top ones is written as an HTML heading: it keeps
    /// its level, id and place in search, but mdBook 0.5 lists only Markdown headings in its
    /// sidebar, which then names the places a reader goes to (a wizard's domains, its matrix,
    /// tree and recipe) rather than every question, option and table below them.
    pub fn heading(&self, out: &mut Output, depth: usize, title: &str, id: &str) -> String {
        let id = self.headings.id(id);
        let level = (self.headings.top + depth).min(6);
        // mdBook's search shows the headings above a result (its breadcrumbs) as HTML,
        // unescaped: after a word joiner, which shows as nothing, a `<` starts no tag there.
        let heading = match (self.html, depth) {
            (true, 1..) => {
                let title = html(title).replace("&lt;", "&lt;\u{2060}");
                format!("<h{level} id=\"{}\">{title}</h{level}>", html(&id))
            }
            (true, 0) => {
                let title = text(title).replace("\\<", "\\<\u{2060}");
                format!("{} {title} {{#{id}}}", "#".repeat(level))
            }
            (false, _) => format!("{} {} {{#{id}}}", "#".repeat(level), text(title)),
        };
        out.heading_ids.push(id);
        heading
    }
}
