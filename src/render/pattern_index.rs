//! `<<pattern-index [tier=T] [category=C]>>`: every pattern, grouped by tier, with counts.

use crate::book::directive::Directive;
use crate::book::index::Entry;
use crate::book::site::Recorder;
use crate::data::Data;
use crate::data::Located;
use crate::data::labels::Key;
use crate::data::model::{Pattern, Tier};
use crate::diag::suggest;
use crate::render::{Context, Headings, Output, Problem, tier_arg};

/// The first index of patterns in the book is where generated pattern pages go, whatever its
/// keys select.
pub fn record(_data: &Data, _directive: &Directive, _headings: &Headings, site: &mut Recorder) {
    site.pattern_index();
}

pub fn render(cx: &Context, directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    let patterns = select(cx, directive)?;
    let mut body = String::new();
    for tier in Tier::ALL {
        let mut group: Vec<&(&str, &Located<Pattern>)> = patterns
            .iter()
            .filter(|(_, p)| p.value.tier == tier)
            .collect();
        if group.is_empty() {
            continue;
        }
        group.sort_by_cached_key(|(id, p)| (p.value.name.to_lowercase(), *id));
        let title = (cx.data.labels.count(Key::IndexTier, group.len()))
            .plain(&[&cx.data.labels.tier(tier), &group.len().to_string()]);
        let id = format!("pattern-index-{}", tier.as_str());
        body.push_str(&format!("{}\n\n", cx.heading(out, 0, &title, &id)));
        let mut table = format!(
            "| {} | {} | {} |\n|---------|----------|---------|\n",
            cx.label_md(Key::ColumnPattern, &[]),
            cx.label_md(Key::ColumnCategory, &[]),
            cx.label_md(Key::ColumnSummary, &[])
        );
        table.reserve(group.len() * 160);
        for (id, _) in group {
            table.push_str("| ");
            table.push_str(&cx.pattern_link(id));
            table.push_str(" | ");
            // Every pattern of the data has its texts in the index.
            let texts = cx.index.markdown(id);
            table.push_str(texts.map_or("", |t| &t.category));
            table.push_str(" | ");
            table.push_str(texts.map_or("", |t| &t.summary));
            table.push_str(" |\n");
        }
        body.push_str(&cx.table(table));
        body.push('\n');
    }
    if body.is_empty() {
        body.push_str(&format!("*{}*\n", cx.label_md(Key::IndexEmpty, &[])));
    }
    out.text = body.trim_end().to_owned() + "\n";
    Ok(())
}

/// The patterns that `tier=` and `category=` select, in id order.
pub fn select<'d>(cx: &Context<'d>, directive: &Directive) -> Result<Vec<Entry<'d>>, Problem> {
    let (entries, tier) = candidates(cx, directive)?;
    Ok(entries
        .iter()
        .filter(|(_, p)| tier.is_none_or(|t| p.value.tier == t))
        .copied()
        .collect())
}

/// How many patterns `tier=` and `category=` select.
pub fn count(cx: &Context, directive: &Directive) -> Result<usize, Problem> {
    let (entries, tier) = candidates(cx, directive)?;
    Ok(match tier {
        None => entries.len(),
        Some(tier) => entries.iter().filter(|(_, p)| p.value.tier == tier).count(),
    })
}

/// The patterns to choose from, and the tier they must still have, if any.
fn candidates<'d>(
    cx: &Context<'d>,
    directive: &Directive,
) -> Result<(&'d [Entry<'d>], Option<Tier>), Problem> {
    let tier = tier_arg(directive)?;
    match (directive.arg("category"), tier) {
        (Some(category), tier) => match cx.index.category(category) {
            Some(entries) => Ok((entries, tier)),
            None => {
                let known = cx.index.categories();
                Err(Problem::new(
                    format!("no pattern has category \"{category}\""),
                    suggest::help(category, known.iter().copied())
                        .or_else(|| Some(format!("the categories are {}", known.join(", ")))),
                ))
            }
        },
        (None, Some(tier)) => Ok((cx.index.tier(tier), None)),
        (None, None) => Ok((cx.index.patterns(), None)),
    }
}
