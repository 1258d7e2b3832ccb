//! `<<case-study ID>>`: a case study's card and the patterns whose stacks cite it.

use crate::book::directive::Directive;
use crate::book::site::Recorder;
use crate::data::Data;
use crate::render::pattern_card::card_title;
use crate::render::{Context, Headings, Output, Problem, find_case_study, wizard_domain};
use crate::text::escape::text;
use crate::text::ids::case_study_anchor;

/// The case study's card.
pub fn record(_data: &Data, directive: &Directive, headings: &Headings, site: &mut Recorder) {
    if let Some(id) = &directive.id {
        site.case_study_card(id, headings.card_id(&case_study_anchor(id)));
    }
}

pub fn render(cx: &Context, directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    let id = find_case_study(cx.data, directive.id.as_deref().unwrap_or_default())?;
    let case_study = &cx.data.case_studies[id].value;
    let mut card = card_title(cx, out, &case_study.title, &case_study_anchor(id));
    if let Some(company) = &case_study.company {
        card.push_str(&format!("**Company:** {}\n\n", text(company)));
    }
    let citations: Vec<String> = cx
        .index
        .citations(id)
        .iter()
        .map(|c| {
            format!(
                "- {} — {}, in {}\n",
                cx.pattern_link(&c.row.pattern),
                text(cx.data.case_study_label(c.link)),
                wizard_domain::option_link(cx, c.domain, c.option)
            )
        })
        .collect();
    if citations.is_empty() {
        card.push_str("*No wizard stack cites this case study yet.*\n");
    } else {
        card.push_str("**Patterns it backs:**\n\n");
        card.extend(citations);
    }
    out.text = card;
    Ok(())
}
