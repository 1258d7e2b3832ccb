//! `<<case-study ID>>`: a case study's card and the patterns whose stacks cite it.

use crate::book::directive::Directive;
use crate::book::site::Recorder;
use crate::data::Data;
use crate::data::labels::Key;
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
        card.push_str(&format!(
            "**{}:** {}\n\n",
            cx.label_md(Key::CardCompany, &[]),
            text(company)
        ));
    }
    let citations: Vec<String> = cx
        .index
        .citations(id)
        .iter()
        .map(|c| {
            let line = cx.label_md(
                Key::CardCitation,
                &[
                    &cx.pattern_link(&c.row.pattern),
                    &text(cx.data.case_study_label(c.link)),
                    &wizard_domain::option_link(cx, c.domain, c.option),
                ],
            );
            format!("- {line}\n")
        })
        .collect();
    if citations.is_empty() {
        card.push_str(&format!("*{}*\n", cx.label_md(Key::CardUncited, &[])));
    } else {
        card.push_str(&format!("**{}:**\n\n", cx.label_md(Key::CardBacks, &[])));
        card.extend(citations);
    }
    out.text = card;
    Ok(())
}
