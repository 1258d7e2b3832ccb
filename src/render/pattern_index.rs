//! `<<pattern-index [tier=T] [category=C]>>`: every pattern, grouped by tier, with counts.

use crate::data::{Data, Located};
use crate::directive::Directive;
use crate::model::{Pattern, Tier};
use crate::render::markdown::{self, text};
use crate::render::{Context, Problem, tier_arg};
use crate::suggest;

pub fn render(cx: &Context, directive: &Directive) -> Result<String, Problem> {
    let patterns = select(cx.data, directive)?;
    let mut out = String::new();
    for tier in Tier::ALL {
        let mut group: Vec<&(&str, &Located<Pattern>)> = patterns
            .iter()
            .filter(|(_, p)| p.value.tier == tier)
            .collect();
        if group.is_empty() {
            continue;
        }
        group.sort_by_key(|(id, p)| (p.value.name.to_lowercase(), *id));
        let title = format!(
            "{} ({} pattern{})",
            markdown::tier_badge(tier),
            group.len(),
            if group.len() == 1 { "" } else { "s" }
        );
        let id = format!("pattern-index-{}", tier.as_str());
        out.push_str(&format!("{}\n\n", cx.heading(3, &title, &id)));
        out.push_str("| Pattern | Category | Summary |\n|---------|----------|---------|\n");
        for (id, p) in group {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                cx.pattern_link(id),
                text(&p.value.category),
                text(&p.value.summary)
            ));
        }
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str("*No pattern matches.*\n");
    }
    Ok(out.trim_end().to_owned() + "\n")
}

/// The patterns that `tier=` and `category=` select, in id order.
pub fn select<'d>(
    data: &'d Data,
    directive: &Directive,
) -> Result<Vec<(&'d str, &'d Located<Pattern>)>, Problem> {
    let tier = tier_arg(directive)?;
    let category = directive.arg("category");
    if let Some(category) = category
        && !data.patterns.values().any(|p| p.value.category == category)
    {
        let known: std::collections::BTreeSet<&str> = data
            .patterns
            .values()
            .map(|p| p.value.category.as_str())
            .collect();
        return Err(Problem::new(
            format!("no pattern has category \"{category}\""),
            suggest::help(category, known.iter().copied()).or_else(|| {
                let list: Vec<&str> = known.into_iter().collect();
                Some(format!("the categories are {}", list.join(", ")))
            }),
        ));
    }
    Ok(data
        .patterns
        .iter()
        .filter(|(_, p)| tier.is_none_or(|t| p.value.tier == t))
        .filter(|(_, p)| category.is_none_or(|c| p.value.category == c))
        .map(|(id, p)| (id.as_str(), p))
        .collect())
}
