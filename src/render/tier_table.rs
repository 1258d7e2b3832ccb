//! `<<tier-table domain=D option=O>>`: an option's recommended stack, one row a pattern, the
//! tier always taken from the pattern.

use crate::book::directive::Directive;
use crate::data::labels::Key;
use crate::data::model::{DomainOption, Evidence};
use crate::render::{Context, Output, Problem, find_option};
use crate::text::escape::text;
use crate::text::inline;
use crate::text::link::external_markdown;
use crate::text::untrusted::unsafe_url;

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
    out.text = table(cx, option)?;
    Ok(())
}

/// The option's stack as a Markdown table; an error if an external source's address is no
/// http(s) one (which `validate` reports, but `on-failure = "continue"` renders past).
pub fn table(cx: &Context, option: &DomainOption) -> Result<String, Problem> {
    let (why, evidence) = match &option.columns {
        Some(columns) => (text(&columns.why), text(&columns.evidence)),
        None => (
            cx.label_md(Key::ColumnWhy, &[]),
            cx.label_md(Key::ColumnEvidence, &[]),
        ),
    };
    let mut out = format!(
        "| {} | {} | {why} | {evidence} |\n|---------|------|------|------|\n",
        cx.label_md(Key::ColumnPattern, &[]),
        cx.label_md(Key::ColumnTier, &[]),
    );
    for row in &option.stack {
        let tier = cx.pattern_badge(&row.pattern);
        let evidence = match &row.evidence {
            Some(Evidence::Text(t)) => inline::cell(t),
            Some(Evidence::CaseStudy(link)) => {
                cx.case_study_link(&link.case_study, cx.data.case_study_label(link))
            }
            Some(Evidence::Source(source)) => {
                if let Some(problem) = unsafe_url(&source.url) {
                    return Err(problem);
                }
                external_markdown(&text(&source.label), &source.url)
            }
            None => String::new(),
        };
        out.push_str(&format!(
            "| {} | {tier} | {} | {evidence} |\n",
            cx.pattern_link(&row.pattern),
            inline::cell(&row.why)
        ));
    }
    Ok(cx.table(out))
}
