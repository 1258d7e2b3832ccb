//! `<<recipe>>`: the patterns to build on, to add when growing, and to avoid (each with its
//! replacement).

use crate::book::directive::Directive;
use crate::data::labels::Key;
use crate::data::model::Recipe;
use crate::render::{Context, Output, Problem, unreadable_entry};
use crate::text::inline;

pub fn render(cx: &Context, _directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    match &cx.data.recipe {
        Some(recipe) => {
            out.text = sections(cx, out, 0, &recipe.value);
            Ok(())
        }
        None if cx.data.unreadable_recipe => Err(unreadable_entry("the recipe")),
        None => Err(Problem::new(
            "the data has no recipe",
            Some("add a \"recipe\" to a data file".into()),
        )),
    }
}

/// The three sections, each a numbered list, their headings at `depth` in the directive's output.
pub fn sections(cx: &Context, out: &mut Output, depth: usize, recipe: &Recipe) -> String {
    let note = |note: &Option<String>| {
        note.as_ref()
            .map(|n| format!(" - {}", inline::markdown(n)))
            .unwrap_or_default()
    };
    let mut body = String::new();
    let lists = [
        (Key::RecipeCore, "recipe-core", &recipe.core),
        (Key::RecipeScale, "recipe-scale", &recipe.scale),
    ];
    for (title, id, items) in lists {
        if items.is_empty() {
            continue;
        }
        let heading = cx.heading(out, depth, &cx.label(title), id);
        body.push_str(&format!("{heading}\n\n"));
        for (i, item) in items.iter().enumerate() {
            body.push_str(&format!(
                "{}. {}{}\n",
                i + 1,
                cx.pattern_link(&item.pattern),
                note(&item.note)
            ));
        }
        body.push('\n');
    }
    if !recipe.avoid.is_empty() {
        body.push_str(&format!(
            "{}\n\n",
            cx.heading(out, depth, &cx.label(Key::RecipeAvoid), "recipe-avoid")
        ));
        for (i, item) in recipe.avoid.iter().enumerate() {
            let line = cx.label_md(
                Key::RecipeAvoidItem,
                &[
                    &cx.pattern_link(&item.pattern),
                    &cx.pattern_link(&item.instead),
                ],
            );
            body.push_str(&format!("{}. {line}{}\n", i + 1, note(&item.note)));
        }
    }
    body.trim_end().to_owned() + "\n"
}
