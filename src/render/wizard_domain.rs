//! `<<wizard-domain ID>>`: one domain's section — its question, then every option with its
//! table, list and blueprint.

use crate::book::directive::Directive;
use crate::book::site::Recorder;
use crate::data::Data;
use crate::data::labels::Key;
use crate::data::model::{Domain, DomainOption};
use crate::data::valid::StepSubject;
use crate::render::{Context, Headings, Output, Problem, blueprint, find_domain, tier_table};
use crate::text::escape::text;
use crate::text::ids::{domain_anchor, option_anchor, question_anchor};
use crate::text::inline;

/// The domain's section.
pub fn record(data: &Data, directive: &Directive, headings: &Headings, site: &mut Recorder) {
    if let Some(id) = &directive.id {
        record_section(data, headings, site, id);
    }
}

/// Domain `id`'s section and its options' headings, where [`section`] puts them.
pub fn record_section(data: &Data, headings: &Headings, site: &mut Recorder, id: &str) {
    let domain = data.domains.iter().find(|d| d.value.id == id);
    let options = (domain.iter())
        .flat_map(|d| &d.value.options)
        .map(|o| (o.id.clone(), headings.id(&option_anchor(id, &o.id))))
        .collect();
    site.domain_section(id, headings.id(&domain_anchor(id)), options);
}

pub fn render(cx: &Context, directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    let domain = find_domain(cx, directive.id.as_deref().unwrap_or_default())?;
    out.text = section(cx, out, domain)?;
    Ok(())
}

/// The domain's section: its title at the directive's top level (`## Title Patterns`), the
/// question one below (`### Question`), each option below that (`#### Option`).
pub fn section(cx: &Context, out: &mut Output, domain: &Domain) -> Result<String, Problem> {
    let mut body = format!(
        "{}\n\n{}\n\n",
        cx.heading(
            out,
            0,
            &cx.data
                .labels
                .get(Key::WizardDomain)
                .plain(&[&domain.title]),
            &domain_anchor(&domain.id)
        ),
        cx.heading(out, 1, &domain.question, &question_anchor(&domain.id))
    );
    let options = domain
        .options
        .iter()
        .map(|option| Ok(option_block(cx, out, domain, option)?.trim_end().to_owned()))
        .collect::<Result<Vec<String>, Problem>>()?;
    body.push_str(&options.join("\n\n"));
    body.push('\n');
    Ok(body)
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
        title.push_str(&format!(" ({})", inline::plain(qualifier)));
    }
    title
}

/// A link to an option's heading, reading "Domain → Option"; plain text where the domain's
/// section is not in the book.
pub fn option_link(cx: &Context, domain: &Domain, option: &DomainOption) -> String {
    let label = text(&format!("{} → {}", domain.title, option.title));
    match cx.site.option(&domain.id, &option.id) {
        Some(place) => format!("[{label}]({})", cx.href(&place)),
        None => label,
    }
}

fn option_block(
    cx: &Context,
    out: &mut Output,
    domain: &Domain,
    option: &DomainOption,
) -> Result<String, Problem> {
    let mut body = format!(
        "{}\n\n",
        cx.heading(
            out,
            2,
            &option_title(option),
            &option_anchor(&domain.id, &option.id)
        )
    );
    if let Some(intro) = &option.intro {
        body.push_str(&format!("**{}**\n\n", inline::markdown(intro)));
    }
    if !option.stack.is_empty() {
        body.push_str(&tier_table::table(cx, option)?);
        body.push('\n');
    }
    if !option.steps.is_empty() {
        for step in option.valid_steps() {
            let subject = match step.subject {
                StepSubject::Pattern(p) => cx.pattern_link(p),
                StepSubject::Text(t) => format!("**{}**", text(t)),
            };
            let note = step
                .note
                .map(|n| format!(" {}", inline::markdown(n)))
                .unwrap_or_default();
            let then = step
                .then
                .map(|t| format!(" → {}", inline::markdown(t)))
                .unwrap_or_default();
            body.push_str(&format!("- {subject}{note}{then}\n"));
        }
        body.push('\n');
    }
    if let Some(bp) = option.valid_blueprint() {
        body.push_str(&blueprint::diagram(cx, out, bp)?);
        body.push('\n');
    }
    Ok(body)
}
