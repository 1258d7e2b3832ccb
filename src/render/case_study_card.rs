//! `<<case-study ID>>`: a case study's card and the patterns whose stacks cite it.

use crate::book::directive::Directive;
use crate::render::{Context, Problem, find_case_study, wizard_domain};
use crate::text::escape::text;
use crate::text::ids::case_study_anchor;

pub fn render(cx: &Context, directive: &Directive) -> Result<String, Problem> {
    let id = find_case_study(cx.data, directive.id.as_deref().unwrap_or_default())?;
    let case_study = &cx.data.case_studies[id].value;
    let mut out = format!(
        "{}\n\n",
        cx.heading(3, &case_study.title, &case_study_anchor(id))
    );
    if let Some(company) = &case_study.company {
        out.push_str(&format!("**Company:** {}\n\n", text(company)));
    }
    let citations: Vec<String> = cx
        .index
        .citations(id)
        .iter()
        .map(|c| {
            format!(
                "- {} — {}, in {}\n",
                cx.pattern_link(&c.row.pattern),
                text(&c.link.label),
                wizard_domain::option_link(cx, c.domain, c.option)
            )
        })
        .collect();
    if citations.is_empty() {
        out.push_str("*No wizard stack cites this case study yet.*\n");
    } else {
        out.push_str("**Patterns it backs:**\n\n");
        out.extend(citations);
    }
    Ok(out)
}
