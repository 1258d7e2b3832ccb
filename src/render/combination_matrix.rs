//! `<<combination-matrix [pattern=P]>>`: which patterns work well together.

use crate::book::directive::Directive;
use crate::data::labels::Key;
use crate::data::model::Combination;
use crate::render::{Context, Output, Problem, find_pattern};
use crate::text::escape::text;
use crate::text::inline;

pub fn render(cx: &Context, directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    let only = match directive.arg("pattern") {
        Some(id) => Some(find_pattern(cx.data, id)?),
        None => None,
    };
    out.text = matrix(cx, only);
    Ok(())
}

/// The matrix; with `only`, the rows where that pattern is the primary one or a partner.
pub fn matrix(cx: &Context, only: Option<&str>) -> String {
    let rows: Vec<&Combination> = match only {
        Some(id) => cx.index.mentions(id).combinations.clone(),
        None => cx.data.combinations.iter().map(|c| &c.value).collect(),
    };
    if rows.is_empty() {
        let name = only.map(|p| cx.pattern_name(p)).unwrap_or_default();
        return format!(
            "*{}*\n",
            cx.label_md(Key::CombinationsNone, &[&text(&name)])
        );
    }
    let mut out = format!(
        "| {} | {} | {} | {} |\n|-----------------|-------------------|----------|---------|\n",
        cx.label_md(Key::ColumnPrimary, &[]),
        cx.label_md(Key::ColumnCombinesWith, &[]),
        cx.label_md(Key::ColumnUseCase, &[]),
        cx.label_md(Key::ColumnExample, &[])
    );
    for c in rows {
        let partners: Vec<String> = c
            .with
            .iter()
            .map(|w| format!("+ {}", cx.pattern_link(w)))
            .collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            cx.pattern_link(&c.pattern),
            partners.join(" "),
            inline::cell(&c.use_case),
            inline::cell(&c.example)
        ));
    }
    cx.table(out)
}
