//! `<<decision-tree>>`: the decision tree as a mermaid flowchart, with a nested list beside it
//! as its text alternative (the only form for renderers other than HTML).

use std::collections::BTreeSet;

use crate::directive::Directive;
use crate::model::{DecisionTree, NodeKind};
use crate::render::markdown::{mermaid, text};
use crate::render::{Context, Problem};

pub fn render(cx: &Context, _directive: &Directive) -> Result<String, Problem> {
    match &cx.data.decision_tree {
        Some(tree) => Ok(tree_block(cx, &tree.value)),
        None => Err(Problem::new(
            "the data has no decision tree",
            Some("add a \"decision_tree\" to a data file".into()),
        )),
    }
}

/// The diagram and its text alternative.
pub fn tree_block(cx: &Context, tree: &DecisionTree) -> String {
    let alternative = text_alternative(cx, tree);
    if !cx.html {
        return alternative;
    }
    format!(
        "{}\n<details class=\"patterns-text-alternative\">\n<summary>The decision tree as text</summary>\n\n{alternative}\n</details>\n",
        diagram(cx, tree)
    )
}

/// The patterns of an outcome, joined with " + ", led by "+ " when the outcome adds to what
/// came before.
fn outcome_label(cx: &Context, patterns: &[String], adds: bool) -> String {
    let names: Vec<String> = patterns.iter().map(|p| cx.pattern_name(p)).collect();
    format!("{}{}", if adds { "+ " } else { "" }, names.join(" + "))
}

fn node_id(id: &str) -> String {
    format!("n_{}", id.replace('-', "_"))
}

fn diagram(cx: &Context, tree: &DecisionTree) -> String {
    let mut out = String::from("```mermaid\ngraph TD\n    start([\"Start\"])\n");
    for (id, node) in &tree.nodes {
        match node.kind() {
            Some(NodeKind::Question { question, .. }) => {
                out.push_str(&format!(
                    "    {}{{\"{}\"}}\n",
                    node_id(id),
                    mermaid(question)
                ));
            }
            Some(NodeKind::Outcome { patterns, adds, .. }) => {
                let label = outcome_label(cx, patterns, adds);
                out.push_str(&format!("    {}[\"{}\"]\n", node_id(id), mermaid(&label)));
            }
            None => {}
        }
    }
    out.push_str(&format!("    start --> {}\n", node_id(&tree.start)));
    for (id, node) in &tree.nodes {
        for answer in &node.answers {
            out.push_str(&format!(
                "    {} -->|\"{}\"| {}\n",
                node_id(id),
                mermaid(&answer.label),
                node_id(&answer.next)
            ));
        }
        if let Some(next) = &node.next {
            out.push_str(&format!("    {} --> {}\n", node_id(id), node_id(next)));
        }
    }
    out.push_str("```\n");
    out
}

/// The tree as a nested list, walked from the start node.
fn text_alternative(cx: &Context, tree: &DecisionTree) -> String {
    let mut out = String::new();
    let mut path = BTreeSet::new();
    walk(cx, tree, &tree.start, 0, None, &mut path, &mut out);
    out
}

/// Writes node `id` as a list item at `depth`, led by the answer that reached it.
fn walk<'t>(
    cx: &Context,
    tree: &'t DecisionTree,
    id: &'t str,
    depth: usize,
    answer: Option<&str>,
    path: &mut BTreeSet<&'t str>,
    out: &mut String,
) {
    let Some(node) = tree.nodes.get(id) else {
        return;
    };
    if !path.insert(id) {
        return; // a loop; the validator reports it
    }
    let indent = "  ".repeat(depth);
    let lead = answer
        .map(|a| format!("{} → ", text(a)))
        .unwrap_or_default();
    match node.kind() {
        Some(NodeKind::Question { question, answers }) => {
            out.push_str(&format!("{indent}- {lead}**{}**\n", text(question)));
            for a in answers {
                walk(cx, tree, &a.next, depth + 1, Some(&a.label), path, out);
            }
        }
        Some(NodeKind::Outcome {
            patterns,
            next,
            adds,
        }) => {
            let links: Vec<String> = patterns.iter().map(|p| cx.pattern_link(p)).collect();
            let plus = if adds { "+ " } else { "" };
            out.push_str(&format!("{indent}- {lead}{plus}{}\n", links.join(" + ")));
            if let Some(next) = next {
                walk(cx, tree, next, depth + 1, None, path, out);
            }
        }
        None => {}
    }
    path.remove(id);
}
