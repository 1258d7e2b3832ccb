//! `<<decision-tree>>`: the decision tree as a mermaid flowchart, with a nested list beside it
//! as its text alternative (the only form for renderers other than HTML).

use std::collections::BTreeSet;

use crate::book::directive::Directive;
use crate::data::model::{DecisionTree, NodeKind, Unfolded};
use crate::render::diagram::{self, Drawing, LinkStyle};
use crate::render::{Context, Output, Problem};
use crate::text::escape::{mermaid, text};

pub fn render(cx: &Context, _directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    match &cx.data.decision_tree {
        Some(tree) => {
            out.text = tree_block(cx, out, &tree.value)?;
            Ok(())
        }
        None => Err(Problem::new(
            "the data has no decision tree",
            Some("add a \"decision_tree\" to a data file".into()),
        )),
    }
}

/// The diagram and its text alternative; none for a tree that loops or is too big to show,
/// which the validator reports.
pub fn tree_block(cx: &Context, out: &mut Output, tree: &DecisionTree) -> Result<String, Problem> {
    if !cx.data.unfolded(tree).is_some_and(Unfolded::fits) {
        return Err(Problem::new(
            "the decision tree cannot be shown: it loops or is too big (see its error in the data)",
            Some("fix the decision tree in the data".into()),
        ));
    }
    diagram::emit(cx, out, &drawing(cx, tree))
}

/// The tree as mermaid, outcomes linked to their first pattern, and as a nested list.
pub fn drawing(cx: &Context, tree: &DecisionTree) -> Drawing {
    let links = tree
        .nodes
        .iter()
        .filter_map(|(id, node)| {
            let first = node.patterns.first()?;
            // An outcome of one pattern links to it; several patterns are linked in the text.
            (node.patterns.len() == 1)
                .then(|| cx.pattern_place(first))
                .flatten()
                .map(|place| (node_id(id), place.clone()))
        })
        .collect();
    Drawing {
        mermaid: diagram_text(cx, tree),
        links,
        link_style: LinkStyle::Click,
        alternative: text_alternative(cx, tree),
        description: description(cx, tree),
        subject: "the decision tree".to_owned(),
    }
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

fn diagram_text(cx: &Context, tree: &DecisionTree) -> String {
    let mut out = String::from("graph TD\n    start([\"Start\"])\n");
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
    out
}

/// Every branch as plain text: "Scale Requirement? → Internet → Sharding + CDN".
fn description(cx: &Context, tree: &DecisionTree) -> String {
    let name = |id: &str| match tree.nodes.get(id).and_then(|n| n.kind()) {
        Some(NodeKind::Question { question, .. }) => question.to_owned(),
        Some(NodeKind::Outcome { patterns, adds, .. }) => outcome_label(cx, patterns, adds),
        None => id.to_owned(),
    };
    let mut branches = vec![format!("Start → {}", name(&tree.start))];
    for (id, node) in &tree.nodes {
        for answer in &node.answers {
            branches.push(format!(
                "{} → {} → {}",
                name(id),
                answer.label,
                name(&answer.next)
            ));
        }
        if let Some(next) = &node.next {
            branches.push(format!("{} → {}", name(id), name(next)));
        }
    }
    branches.join("; ")
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
