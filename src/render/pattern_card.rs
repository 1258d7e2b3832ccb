//! `<<pattern ID>>`: a pattern's card — tier, category, summary, implementations, replacement,
//! combinations, the case studies that cite it and every wizard option that recommends it.

use crate::directive::Directive;
use crate::model::Evidence;
use crate::render::markdown::{self, text};
use crate::render::{Context, Problem, find_pattern, wizard_domain};
use crate::site::pattern_anchor;

pub fn render(cx: &Context, directive: &Directive) -> Result<String, Problem> {
    let id = find_pattern(cx.data, directive.id.as_deref().unwrap_or_default())?;
    let pattern = &cx.data.patterns[id].value;
    let mut out = format!(
        "{}\n\n**Tier:** {} · **Category:** {}\n\n{}\n\n",
        cx.heading(3, &pattern.name, &pattern_anchor(id)),
        markdown::tier_badge(pattern.tier),
        text(&pattern.category),
        text(&pattern.summary)
    );
    let mut facts = Vec::new();
    if !pattern.implementations.is_empty() {
        let names: Vec<String> = pattern.implementations.iter().map(|i| text(i)).collect();
        facts.push(format!("**Implementations:** {}", names.join(", ")));
    }
    if let Some(replacement) = &pattern.replaced_by {
        facts.push(format!("**Replaced by:** {}", cx.pattern_link(replacement)));
    }
    let is = |reference: &str| cx.data.pattern(reference).is_some_and(|(r, _)| r == id);
    let replaces: Vec<String> = cx
        .data
        .patterns
        .iter()
        .filter(|(_, p)| p.value.replaced_by.as_deref().is_some_and(is))
        .map(|(other, _)| cx.pattern_link(other))
        .collect();
    if !replaces.is_empty() {
        facts.push(format!("**Replaces:** {}", replaces.join(", ")));
    }
    let mut partners = Vec::new();
    for c in cx.data.combinations.iter().map(|c| &c.value) {
        if is(&c.pattern) {
            partners.extend(
                c.with
                    .iter()
                    .map(|w| format!("{} ({})", cx.pattern_link(w), text(&c.use_case))),
            );
        } else if c.with.iter().any(|w| is(w)) {
            partners.push(format!(
                "{} ({})",
                cx.pattern_link(&c.pattern),
                text(&c.use_case)
            ));
        }
    }
    if !partners.is_empty() {
        facts.push(format!("**Combines well with:** {}", partners.join(", ")));
    }
    let mut case_studies = Vec::new();
    let mut options = Vec::new();
    for domain in cx.data.domains.iter().map(|d| &d.value) {
        for option in &domain.options {
            let rows = option.stack.iter().filter(|r| is(&r.pattern));
            let mut recommends = option
                .steps
                .iter()
                .any(|s| s.pattern.as_deref().is_some_and(is));
            for row in rows {
                recommends = true;
                if let Some(Evidence::CaseStudy(link)) = &row.evidence {
                    let entry = cx.case_study_link(&link.case_study, &link.label);
                    if !case_studies.contains(&entry) {
                        case_studies.push(entry);
                    }
                }
            }
            if recommends {
                options.push(wizard_domain::option_link(cx, domain, option));
            }
        }
    }
    if !case_studies.is_empty() {
        facts.push(format!("**Case studies:** {}", case_studies.join(", ")));
    }
    if !options.is_empty() {
        facts.push(format!(
            "**Recommended by the wizard for:** {}",
            options.join(", ")
        ));
    }
    for fact in facts {
        out.push_str(&format!("- {fact}\n"));
    }
    Ok(out.trim_end().to_owned() + "\n")
}
