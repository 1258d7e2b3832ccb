//! `<<pattern-index [tier=T] [category=C] [tag=G]>>`: every pattern, grouped by tier, with counts.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::book::directive::Directive;
use crate::book::index::Entry;
use crate::book::site::Recorder;
use crate::data::Data;
use crate::data::Located;
use crate::data::labels::Key;
use crate::data::model::{Pattern, Tier};
use crate::diag::suggest;
use crate::render::wizard_app::script_safe;
use crate::render::{Context, Headings, Output, Problem, tier_arg};
use crate::text::escape::html;

/// The first index of patterns in the book is where generated pattern pages go, whatever its
/// keys select.
pub fn record(_data: &Data, _directive: &Directive, _headings: &Headings, site: &mut Recorder) {
    site.pattern_index();
}

pub fn render(cx: &Context, directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    let patterns = select(cx, directive)?;
    let mut body = String::new();
    // On an HTML page the index is wrapped for the filter's script: its data first, then each
    // tier's group; the Markdown in between reads as it does elsewhere (blank lines end the
    // HTML blocks).
    let mut page = cx.html.then(|| PageData::new(cx));
    for tier in Tier::ALL {
        let mut group: Vec<&(&str, &Located<Pattern>)> = patterns
            .iter()
            .filter(|(_, p)| p.value.tier == tier)
            .collect();
        if group.is_empty() {
            continue;
        }
        group.sort_by_cached_key(|(id, p)| (p.value.name.to_lowercase(), *id));
        if let Some(page) = &mut page {
            page.groups.push(PageGroup {
                tier,
                rows: group.iter().map(|(_, p)| PageRow::of(&p.value)).collect(),
            });
            body.push_str(&format!(
                "<div class=\"patterns-index-group\" data-tier=\"{}\">\n\n",
                tier.as_str()
            ));
        }
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
        if page.is_some() {
            body.push_str("</div>\n\n");
        }
    }
    if body.is_empty() {
        body.push_str(&format!("*{}*\n", cx.label_md(Key::IndexEmpty, &[])));
    }
    out.text = match page {
        Some(page) if !page.groups.is_empty() => format!(
            "<div class=\"patterns-index\" data-index=\"{}\">\n<script type=\"application/json\" class=\"patterns-index-data\">{}</script>\n\n{}\n\n</div>\n",
            html(&cx.headings.scope()),
            script_safe(&serde_json::to_string(&page).expect("the index's data is JSON")),
            body.trim_end()
        ),
        _ => body.trim_end().to_owned() + "\n",
    };
    Ok(())
}

/// What the filter's script reads: each group's rows in the order of its table, and the words.
#[derive(Serialize)]
struct PageData<'a> {
    groups: Vec<PageGroup<'a>>,
    /// The tiers' badges, by tier.
    tiers: BTreeMap<&'static str, String>,
    /// Labels by name, as [`Label::script_parts`](crate::data::labels::Label::script_parts)
    /// gives them (texts at even positions, placeholder names at odd ones); a count's two
    /// forms, one then other.
    labels: BTreeMap<&'static str, Vec<Vec<String>>>,
    /// `book.language`, where the book sets it: the language of the filter's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
}

#[derive(Serialize)]
struct PageGroup<'a> {
    tier: Tier,
    rows: Vec<PageRow<'a>>,
}

/// A row of a group's table: what the filter matches it by besides the row's own text (which
/// the script reads from the table, so that the page does not carry it twice).
#[derive(Serialize)]
struct PageRow<'a> {
    category: &'a str,
    tags: &'a [String],
}

impl<'a> PageRow<'a> {
    fn of(pattern: &'a Pattern) -> Self {
        PageRow {
            category: &pattern.category,
            tags: &pattern.tags,
        }
    }
}

/// The labels the filter's script shows.
const SCRIPT_LABELS: [Key; 8] = [
    Key::IndexTier,
    Key::IndexFilter,
    Key::IndexSearch,
    Key::IndexTiers,
    Key::IndexCategories,
    Key::IndexTags,
    Key::IndexClear,
    Key::IndexShown,
];

impl<'a> PageData<'a> {
    fn new(cx: &Context<'a>) -> Self {
        let labels = &cx.data.labels;
        PageData {
            groups: Vec::new(),
            tiers: (Tier::ALL.iter())
                .map(|&t| (t.as_str(), labels.tier(t)))
                .collect(),
            labels: (SCRIPT_LABELS.iter())
                .map(|&key| {
                    let entry = key.entry();
                    let parts = |n| {
                        labels
                            .count(key, n)
                            .script_parts(entry.slots, str::to_owned)
                    };
                    (entry.name, vec![parts(1), parts(2)])
                })
                .collect(),
            language: cx.language,
        }
    }
}

/// The patterns that `tier=`, `category=` and `tag=` select, in id order.
pub fn select<'d>(cx: &Context<'d>, directive: &Directive) -> Result<Vec<Entry<'d>>, Problem> {
    let selection = Selection::of(cx, directive)?;
    Ok(selection
        .entries
        .iter()
        .filter(|e| selection.keeps(e))
        .copied()
        .collect())
}

/// How many patterns `tier=`, `category=` and `tag=` select.
pub fn count(cx: &Context, directive: &Directive) -> Result<usize, Problem> {
    let selection = Selection::of(cx, directive)?;
    Ok(selection
        .entries
        .iter()
        .filter(|e| selection.keeps(e))
        .count())
}

/// The patterns to choose from (the fewest the keys allow), and what each must still have.
struct Selection<'d, 'k> {
    entries: &'d [Entry<'d>],
    tier: Option<Tier>,
    category: Option<&'k str>,
    tag: Option<&'k str>,
}

impl<'d, 'k> Selection<'d, 'k> {
    fn of(cx: &Context<'d>, directive: &'k Directive) -> Result<Self, Problem> {
        let tier = tier_arg(directive)?;
        let category = directive.arg("category");
        let tag = directive.arg("tag");
        let by_category = match category {
            Some(category) => Some(cx.index.category(category).ok_or_else(|| {
                let known = cx.index.categories();
                Problem::new(
                    format!("no pattern has category \"{category}\""),
                    suggest::help(category, known.iter().copied())
                        .or_else(|| Some(format!("the categories are {}", known.join(", ")))),
                )
            })?),
            None => None,
        };
        let by_tag = match tag {
            Some(tag) => Some(cx.index.tag(tag).ok_or_else(|| {
                let known = cx.index.tags();
                let list = match known.is_empty() {
                    true => "no pattern has tags".to_owned(),
                    false => format!("the tags are {}", known.join(", ")),
                };
                Problem::new(
                    format!("no pattern has tag \"{tag}\""),
                    Some(match suggest::did_you_mean(tag, known.iter().copied()) {
                        Some(near) => format!("did you mean \"{near}\"? {list}"),
                        None => list,
                    }),
                )
            })?),
            None => None,
        };
        let entries = (by_tag.or(by_category))
            .unwrap_or_else(|| tier.map_or(cx.index.patterns(), |t| cx.index.tier(t)));
        Ok(Selection {
            entries,
            tier,
            category,
            tag,
        })
    }

    fn keeps(&self, (_, pattern): &Entry) -> bool {
        let p = &pattern.value;
        self.tier.is_none_or(|t| p.tier == t)
            && self.category.is_none_or(|c| p.category == c)
            && self.tag.is_none_or(|t| p.tags.iter().any(|g| g == t))
    }
}
