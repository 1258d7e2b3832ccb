//! `<<tier-table domain=D option=O>>`: an option's recommended stack, one row a pattern, the
//! tier always taken from the pattern.

use crate::book::directive::Directive;
use crate::data::model::{DomainOption, Evidence};
use crate::render::markdown;
use crate::render::{Context, Output, Problem, find_option};
use crate::text::escape::text;

pub fn render(cx: &Context, directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    let (domain, option) = find_option(cx, directive)?;
    if option.stack.is_empty() {
        return Err(Problem::new(
            format!(
                "option \"{}\" of domain \"{}\" has no stack",
                option.id, domain.id
            ),
            Some(
                "give the option a \"stack\" in the data, or use <<wizard-domain>> instead".into(),
            ),
        ));
    }
    out.text = table(cx, option);
    Ok(())
}

/// The option's stack as a Markdown table.
pub fn table(cx: &Context, option: &DomainOption) -> String {
    let columns = option.columns.clone().unwrap_or_default();
    let mut out = format!(
        "| Pattern | Tier | {} | {} |\n|---------|------|------|------|\n",
        text(&columns.why),
        text(&columns.evidence)
    );
    for row in &option.stack {
        let tier = cx
            .pattern_tier(&row.pattern)
            .map_or("", markdown::tier_badge);
        let evidence = match &row.evidence {
            Some(Evidence::Text(t)) => text(t),
            Some(Evidence::CaseStudy(link)) => cx.case_study_link(&link.case_study, &link.label),
            None => String::new(),
        };
        out.push_str(&format!(
            "| {} | {tier} | {} | {evidence} |\n",
            cx.pattern_link(&row.pattern),
            text(&row.why)
        ));
    }
    out
}
