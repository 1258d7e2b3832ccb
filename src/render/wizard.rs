//! `<<wizard [domains=a,b]>>`: the whole Pattern Selection Wizard — domain cards, every domain's
//! section, the combination matrix, the decision tree and the recipe.

use crate::book::directive::Directive;
use crate::book::site::Recorder;
use crate::data::Data;
use crate::data::labels::Key;
use crate::data::model::Domain;
use crate::render::{
    Context, Headings, Output, Problem, combination_matrix, decision_tree, domain_cards,
    find_domain, recipe, wizard_app, wizard_domain,
};
use crate::text::escape::html;
use crate::text::ids::WIZARD_HEADINGS;

/// Each domain's section, and the wizard's assets.
pub fn record(data: &Data, directive: &Directive, headings: &Headings, site: &mut Recorder) {
    site.wizard();
    for domain in wizard_domains(data, directive) {
        wizard_domain::record_section(data, headings, site, domain);
    }
}

pub fn render(cx: &Context, directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    let domains: Vec<&Domain> = wizard_domains(cx.data, directive)
        .into_iter()
        .map(|id| find_domain(cx, id))
        .collect::<Result<_, _>>()?;
    if domains.is_empty() {
        return Err(Problem::new(
            "the wizard has no domain to show",
            Some("add \"domains\" to the data, or name some with domains=a,b".into()),
        ));
    }
    let [
        start_id,
        domains_id,
        combinations_id,
        combinations_table_id,
        framework_id,
        tree_id,
        recipe_id,
    ] = WIZARD_HEADINGS;
    let mut start = format!(
        "{}\n\n{}\n\n{}",
        cx.heading(out, 0, &cx.label(Key::WizardStart), start_id),
        cx.heading(out, 1, &cx.label(Key::WizardChooseDomain), domains_id),
        domain_cards::cards(cx, &domains)
    );
    if cx.html {
        start.push('\n');
        start.push_str(&wizard_app::app_block(cx, &domains));
    }
    let mut parts = vec![start];
    let sections = domains
        .iter()
        .map(|domain| wizard_domain::section(cx, out, domain))
        .collect::<Result<Vec<String>, Problem>>()?;
    parts.push(fold(cx, Key::WizardFoldDomains, sections));
    if !cx.data.combinations.is_empty() {
        parts.push(format!(
            "{}\n\n{}\n\n{}",
            cx.heading(out, 0, &cx.label(Key::WizardCombinations), combinations_id),
            cx.heading(
                out,
                1,
                &cx.label(Key::WizardCombinationsTable),
                combinations_table_id
            ),
            combination_matrix::matrix(cx, None)
        ));
    }
    let mut reference = Vec::new();
    if let Some(tree) = &cx.data.decision_tree {
        reference.push(format!(
            "{}\n\n{}\n\n{}",
            cx.heading(
                out,
                0,
                &cx.label(Key::WizardDecisionFramework),
                framework_id
            ),
            cx.heading(out, 1, &cx.label(Key::WizardDecisionTree), tree_id),
            decision_tree::tree_block(cx, out, &tree.value)?
        ));
    }
    if let Some(r) = &cx.data.recipe {
        let mut part = cx.heading(out, 0, &cx.label(Key::WizardRecipe), recipe_id) + "\n\n";
        let intro = cx.label_md(Key::WizardRecipeIntro, &[]);
        if !intro.is_empty() {
            part.push_str(&intro);
            part.push_str("\n\n");
        }
        part.push_str(&recipe::sections(cx, out, 1, &r.value));
        reference.push(part);
    }
    if !reference.is_empty() {
        parts.push(fold(cx, Key::WizardFoldFramework, reference));
    }
    out.text = separated(parts) + "\n";
    Ok(())
}

/// Parts of the wizard, a rule between each two.
fn separated(parts: Vec<String>) -> String {
    let parts: Vec<String> = parts.iter().map(|p| p.trim_end().to_owned()).collect();
    parts.join("\n\n---\n\n")
}

/// For HTML, `parts` in a fold that the script closes (it is open without JavaScript, and in
/// print): what the interactive wizard shows of them a choice at a time, and one click away in
/// full. Search finds them, and a link into a fold opens it.
fn fold(cx: &Context, summary: Key, parts: Vec<String>) -> String {
    match cx.html {
        true => format!(
            "<details class=\"patterns-wizard-fold\" open>\n<summary>{}</summary>\n\n{}\n\n</details>",
            html(&cx.label(summary)),
            separated(parts)
        ),
        false => separated(parts),
    }
}

/// The domains a `<<wizard>>` renders: `domains=a,b`, else all of them, in data order.
fn wizard_domains<'d>(data: &'d Data, directive: &'d Directive) -> Vec<&'d str> {
    match directive.arg("domains") {
        Some(list) => list
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .collect(),
        None => data.domains.iter().map(|d| d.value.id.as_str()).collect(),
    }
}
