//! `<<case-study-index>>`: every case study, with the patterns whose stacks cite it.

use crate::book::directive::Directive;
use crate::book::site::Recorder;
use crate::data::Data;
use crate::data::labels::Key;
use crate::render::{Context, Headings, Output, Problem};
use crate::text::escape::text;

/// The first index of case studies in the book is where generated case study pages go.
pub fn record(_data: &Data, _directive: &Directive, _headings: &Headings, site: &mut Recorder) {
    site.case_study_index();
}

pub fn render(cx: &Context, _directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    let mut studies: Vec<(&str, &str)> = (cx.data.case_studies.iter())
        .map(|(id, c)| (id.as_str(), c.value.title.as_str()))
        .collect();
    if studies.is_empty() {
        out.text = format!("*{}*\n", cx.label_md(Key::CaseStudyIndexEmpty, &[]));
        return Ok(());
    }
    studies.sort_by_cached_key(|(id, title)| (title.to_lowercase(), *id));
    let count = studies.len().to_string();
    let title = (cx
        .data
        .labels
        .count(Key::CaseStudyIndexTitle, studies.len()))
    .plain(&[&count]);
    let heading = format!("{}\n\n", cx.heading(out, 0, &title, "case-study-index"));
    let mut body = String::new();
    body.push_str(&format!(
        "| {} | {} | {} |\n|------------|---------|----------|\n",
        cx.label_md(Key::ColumnCaseStudy, &[]),
        cx.label_md(Key::CardCompany, &[]),
        cx.label_md(Key::ColumnBacks, &[])
    ));
    for (id, title) in studies {
        let company = cx.data.case_studies[id].value.company.as_deref();
        // Each pattern once, by name, however many stack rows cite the case study for it.
        let mut patterns: Vec<(String, &str)> = (cx.index.citations(id).iter())
            .map(|c| {
                let reference = c.row.pattern.as_str();
                let id = cx.index.pattern(reference).map_or(reference, |(id, _)| id);
                (cx.pattern_name(id).to_lowercase(), id)
            })
            .collect();
        patterns.sort_unstable();
        patterns.dedup();
        let backs: Vec<String> = (patterns.iter()).map(|(_, p)| cx.pattern_link(p)).collect();
        body.push_str(&format!(
            "| {} | {} | {} |\n",
            cx.case_study_link(id, title),
            company.map(text).unwrap_or_default(),
            backs.join(", ")
        ));
    }
    out.text = heading + &cx.table(body);
    Ok(())
}
