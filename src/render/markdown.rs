//! The links, badges and headings every renderer shares.

use crate::book::site::Place;
use crate::data::model::Tier;
use crate::render::{Context, Output};
use crate::text::escape::text;

/// The badge of a tier: `🥇 Gold`, `🥈 Silver`, `🥉 Bronze`.
pub fn tier_badge(tier: Tier) -> &'static str {
    match tier {
        Tier::Gold => "🥇 Gold",
        Tier::Silver => "🥈 Silver",
        Tier::Bronze => "🥉 Bronze",
    }
}

impl Context<'_> {
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

    /// The pattern's tier, if it is known.
    pub fn pattern_tier(&self, reference: &str) -> Option<Tier> {
        self.index.pattern(reference).map(|(_, p)| p.value.tier)
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

    /// A heading with an explicit id: `## Title {#id}`, the id recorded in `out`.
    pub fn heading(&self, out: &mut Output, level: usize, title: &str, id: &str) -> String {
        out.heading_ids.push(id.to_owned());
        let mut title = text(title);
        if self.html && title.contains("\\<") {
            // mdBook's search shows the headings above a result (its breadcrumbs) as HTML,
            // unescaped: after a word joiner, which shows as nothing, a `<` starts no tag there.
            title = title.replace("\\<", "\\<\u{2060}");
        }
        format!("{} {title} {{#{id}}}", "#".repeat(level))
    }
}
