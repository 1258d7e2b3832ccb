//! `<<compare [patterns=A,B,…]>>`: patterns side by side — tier, category, summary,
//! implementations, relations, the case studies that cite each and the wizard options that
//! recommend each.
//! With `patterns=`, a table with a column per pattern, in every renderer. Without, for HTML, the
//! page that compares what its address names (`#compare=a,b`): a table of every pattern, a row
//! each, which the script turns into columns for the chosen ones (cloning mdBook's own cells, so
//! nothing from the data is written as HTML by the script), and which readers without
//! JavaScript read as it is.

use crate::book::directive::Directive;
use crate::book::site::Recorder;
use crate::data::Data;
use crate::data::labels::Key;
use crate::render::wizard_app::{script_parts, script_safe};
use crate::render::{Context, Headings, Output, Problem, find_pattern, pattern_card};
use crate::text::escape::text;
use crate::text::inline;

/// The key of the page address's hash that holds the compared patterns: `#compare=a,b`.
pub const HASH_KEY: &str = "compare=";

/// The `id` of the script element holding the page's data for the script.
pub const DATA_ID: &str = "patterns-compare-data";

/// A `<<compare>>` without `patterns=` is the book's page for comparing.
pub fn record(_data: &Data, directive: &Directive, _headings: &Headings, site: &mut Recorder) {
    if directive.arg("patterns").is_none() {
        site.compare();
    }
}

pub fn render(cx: &Context, directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    out.text = match directive.arg("patterns") {
        Some(list) => cx.table(side_by_side(cx, &chosen(cx, list)?)),
        None => every_pattern(cx),
    };
    Ok(())
}

/// The patterns `patterns=a,b` names, by their ids, each once; at least two.
fn chosen<'d>(cx: &Context<'d>, list: &str) -> Result<Vec<&'d str>, Problem> {
    let mut ids: Vec<&str> = Vec::new();
    for reference in list.split(',').map(str::trim).filter(|r| !r.is_empty()) {
        let id = find_pattern(cx.data, reference)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.len() < 2 {
        return Err(Problem::new(
            "compare needs two patterns or more",
            Some("name them as patterns=a,b, or leave patterns= out for the page that compares the patterns its address names".into()),
        ));
    }
    Ok(ids)
}

/// How many facts a comparison shows of each pattern.
const FACTS: usize = 7;

/// What a comparison shows of each pattern, as Markdown table cells: the row headers and, for
/// each pattern, its cells.
fn facts(cx: &Context, id: &str) -> [String; FACTS] {
    let pattern = &cx.data.patterns[id].value;
    let implementations: Vec<String> = pattern.implementations.iter().map(|i| text(i)).collect();
    [
        cx.pattern_badge(id),
        inline::cell(&pattern.category),
        inline::cell(&pattern.summary),
        implementations.join(", "),
        relations(cx, id),
        pattern_card::case_studies(cx, id).join(", "),
        pattern_card::options(cx, id).join(", "),
    ]
}

/// A pattern's relations in one cell: each kind's label, then its patterns.
fn relations(cx: &Context, id: &str) -> String {
    let groups = pattern_card::relations(cx, id, inline::cell).into_iter();
    let groups: Vec<String> = groups
        .map(|(key, others)| format!("{}: {others}", cx.label_md(key, &[])))
        .collect();
    groups.join("; ")
}

fn headers(cx: &Context) -> [String; FACTS] {
    [
        Key::ColumnTier,
        Key::ColumnCategory,
        Key::ColumnSummary,
        Key::CardImplementations,
        Key::CompareRelations,
        Key::CardCaseStudies,
        Key::CardRecommendedFor,
    ]
    .map(|key| cx.label_md(key, &[]))
}

/// A column per pattern, a row per fact.
fn side_by_side(cx: &Context, ids: &[&str]) -> String {
    let columns: Vec<[String; FACTS]> = ids.iter().map(|id| facts(cx, id)).collect();
    let mut table = format!("| {} |", cx.label_md(Key::ColumnPattern, &[]));
    for id in ids {
        table.push_str(&format!(" {} |", cx.pattern_link(id)));
    }
    table.push_str(&format!("\n|---|{}\n", "---|".repeat(ids.len())));
    for (row, header) in headers(cx).iter().enumerate() {
        table.push_str(&format!("| **{header}** |"));
        for column in &columns {
            table.push_str(&format!(" {} |", column[row]));
        }
        table.push('\n');
    }
    table
}

/// Every pattern, a row each, in name order. For HTML, inside the page's comparing panel, with
/// the ids of its rows and the script's words as data.
fn every_pattern(cx: &Context) -> String {
    let mut ids: Vec<&str> = cx.data.patterns.keys().map(String::as_str).collect();
    ids.sort_by_cached_key(|id| (cx.data.patterns[*id].value.name.to_lowercase(), *id));
    let mut table = format!("| {} |", cx.label_md(Key::ColumnPattern, &[]));
    for header in headers(cx) {
        table.push_str(&format!(" {header} |"));
    }
    table.push_str(&format!("\n|---|{}\n", "---|".repeat(FACTS)));
    for id in &ids {
        table.push_str(&format!("| {} |", cx.pattern_link(id)));
        for cell in facts(cx, id) {
            table.push_str(&format!(" {cell} |"));
        }
        table.push('\n');
    }
    if !cx.html {
        return table;
    }
    let data = serde_json::json!({
        "ids": ids,
        "names": ids.iter().map(|id| &cx.data.patterns[*id].value.name).collect::<Vec<_>>(),
        "labels": {
            "pick": cx.label(Key::ComparePick),
            "add": cx.label(Key::CompareAdd),
            "remove": script_parts(cx, Key::CompareRemove),
            "hint": cx.label(Key::CompareHint),
            "corner": cx.label(Key::ColumnPattern),
        },
    });
    format!(
        "<div class=\"patterns-compare\" hidden></div>\n<script type=\"application/json\" id=\"{DATA_ID}\">{}</script>\n\n<div class=\"patterns-compare-all patterns-table\">\n\n{table}\n</div>\n",
        script_safe(&data.to_string())
    )
}
