//! `<<wizard-domain ID>>`: one domain's section — its question, then every option with its
//! table, list and blueprint.

use crate::book::directive::Directive;
use crate::data::model::{Domain, DomainOption};
use crate::data::valid::StepSubject;
use crate::render::{Context, Problem, blueprint, find_domain, tier_table};
use crate::text::escape::text;
use crate::text::ids::{domain_anchor, option_anchor, question_anchor};

pub fn render(cx: &Context, directive: &Directive) -> Result<String, Problem> {
    let domain = find_domain(cx, directive.id.as_deref().unwrap_or_default())?;
    section(cx, domain)
}

/// The domain's section: `## Title Patterns`, `### Question`, `#### Option` each.
pub fn section(cx: &Context, domain: &Domain) -> Result<String, Problem> {
    let mut out = format!(
        "{}\n\n{}\n\n",
        cx.heading(
            2,
            &format!("{} Patterns", domain.title),
            &domain_anchor(&domain.id)
        ),
        cx.heading(3, &domain.question, &question_anchor(&domain.id))
    );
    let options = domain
        .options
        .iter()
        .map(|option| Ok(option_block(cx, domain, option)?.trim_end().to_owned()))
        .collect::<Result<Vec<String>, Problem>>()?;
    out.push_str(&options.join("\n\n"));
    out.push('\n');
    Ok(out)
}

/// `🌍 Internet Scale (100M+ users)`
pub fn option_title(option: &DomainOption) -> String {
    let mut title = String::new();
    if let Some(icon) = &option.icon {
        title.push_str(icon);
        title.push(' ');
    }
    title.push_str(&option.title);
    if let Some(qualifier) = &option.qualifier {
        title.push_str(&format!(" ({qualifier})"));
    }
    title
}

/// A link to an option's heading, reading "Domain → Option"; plain text where the domain's
/// section is not in the book.
pub fn option_link(cx: &Context, domain: &Domain, option: &DomainOption) -> String {
    let label = text(&format!("{} → {}", domain.title, option.title));
    match cx.site.domains.get(&domain.id) {
        Some(place) => {
            let mut place = place.clone();
            place.anchor = Some(option_anchor(&domain.id, &option.id));
            format!("[{label}]({})", cx.href(&place))
        }
        None => label,
    }
}

fn option_block(cx: &Context, domain: &Domain, option: &DomainOption) -> Result<String, Problem> {
    let mut out = format!(
        "{}\n\n",
        cx.heading(
            4,
            &option_title(option),
            &option_anchor(&domain.id, &option.id)
        )
    );
    if let Some(intro) = &option.intro {
        out.push_str(&format!("**{}**\n\n", text(intro)));
    }
    if !option.stack.is_empty() {
        out.push_str(&tier_table::table(cx, option));
        out.push('\n');
    }
    if !option.steps.is_empty() {
        for step in option.valid_steps() {
            let subject = match step.subject {
                StepSubject::Pattern(p) => cx.pattern_link(p),
                StepSubject::Text(t) => format!("**{}**", text(t)),
            };
            let note = step
                .note
                .map(|n| format!(" {}", text(n)))
                .unwrap_or_default();
            let then = step
                .then
                .map(|t| format!(" → {}", text(t)))
                .unwrap_or_default();
            out.push_str(&format!("- {subject}{note}{then}\n"));
        }
        out.push('\n');
    }
    if let Some(bp) = option.valid_blueprint() {
        out.push_str(&blueprint::diagram(cx, bp)?);
        out.push('\n');
    }
    Ok(out)
}
