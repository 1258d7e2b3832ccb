//! `<<decision-tree>>`: the decision tree as a mermaid flowchart, with a nested list beside it
//! as its text alternative (the only form for renderers other than HTML).

use crate::book::directive::Directive;
use crate::data::labels::Key;
use crate::data::model::DecisionTree;
use crate::data::tree::{Follow, Node, Tree, Unusable};
use crate::render::diagram::{self, Drawing, LinkStyle};
use crate::render::{Context, Output, Problem, unreadable_entry};
use crate::text::escape::{mermaid, text};

pub fn render(cx: &Context, _directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    match &cx.data.decision_tree {
        Some(tree) => {
            out.text = tree_block(cx, out, &tree.value)?;
            Ok(())
        }
        None if cx.data.unreadable_tree => Err(unreadable_entry("the decision tree")),
        None => Err(Problem::new(
            "the data has no decision tree",
            Some("add a \"decision_tree\" to a data file".into()),
        )),
    }
}

/// The diagram and its text alternative; none for a tree that has errors, loops or is too big
/// to show, which the validator reports.
pub fn tree_block(cx: &Context, out: &mut Output, tree: &DecisionTree) -> Result<String, Problem> {
    let help = || Some("fix the decision tree in the data".into());
    let tree = match cx.data.tree(tree) {
        Ok(tree) if tree.unfolded().fits() => tree,
        Ok(_) | Err(Unusable::Loops) => {
            return Err(Problem::new(
                "the decision tree cannot be shown: it loops or is too big (see its error in the data)",
                help(),
            ));
        }
        Err(Unusable::Malformed) => {
            return Err(Problem::new(
                "the decision tree cannot be shown: it has errors (see them in the data)",
                help(),
            ));
        }
    };
    diagram::emit(cx, out, &drawing(cx, &tree))
}

/// The tree as mermaid, outcomes linked to their first pattern, and as a nested list.
pub fn drawing(cx: &Context, tree: &Tree) -> Drawing {
    let links = tree
        .nodes()
        .iter()
        .filter_map(|node| match node {
            // An outcome of one pattern links to it; several patterns are linked in the text.
            Node::Outcome {
                id,
                patterns: [pattern],
                ..
            } => Some((node_id(id), cx.pattern_place(pattern)?.clone())),
            _ => None,
        })
        .collect();
    Drawing {
        mermaid: diagram_text(cx, tree),
        links,
        link_style: LinkStyle::Click,
        alternative: text_alternative(cx, tree),
        description: description(cx, tree),
        subject: "the decision tree".to_owned(),
        title: cx.label(Key::DiagramTree),
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

fn diagram_text(cx: &Context, tree: &Tree) -> String {
    let start = mermaid(&cx.label(Key::DiagramStart));
    let mut out = format!("graph TD\n    start([\"{start}\"])\n");
    for node in tree.nodes() {
        match node {
            Node::Question { id, question, .. } => {
                out.push_str(&format!(
                    "    {}{{\"{}\"}}\n",
                    node_id(id),
                    mermaid(question)
                ));
            }
            Node::Outcome {
                id, patterns, adds, ..
            } => {
                let label = outcome_label(cx, patterns, *adds);
                out.push_str(&format!("    {}[\"{}\"]\n", node_id(id), mermaid(&label)));
            }
        }
    }
    let id_of = |at: usize| node_id(tree.node(at).id());
    out.push_str(&format!("    start --> {}\n", id_of(tree.start())));
    for node in tree.nodes() {
        match node {
            Node::Question { id, answers, .. } => {
                for answer in answers {
                    out.push_str(&format!(
                        "    {} -->|\"{}\"| {}\n",
                        node_id(id),
                        mermaid(answer.label),
                        id_of(answer.next)
                    ));
                }
            }
            Node::Outcome {
                id,
                next: Some(next),
                ..
            } => {
                out.push_str(&format!("    {} --> {}\n", node_id(id), id_of(*next)));
            }
            Node::Outcome { next: None, .. } => {}
        }
    }
    out
}

/// Every branch as plain text: "Scale Requirement? → Internet → Sharding + CDN".
fn description(cx: &Context, tree: &Tree) -> String {
    let name = |at: usize| match tree.node(at) {
        Node::Question { question, .. } => (*question).to_owned(),
        Node::Outcome { patterns, adds, .. } => outcome_label(cx, patterns, *adds),
    };
    let start = cx.label(Key::DiagramStart);
    let mut branches = vec![format!("{start} → {}", name(tree.start()))];
    for (at, node) in tree.nodes().iter().enumerate() {
        match node {
            Node::Question { answers, .. } => {
                for answer in answers {
                    branches.push(format!(
                        "{} → {} → {}",
                        name(at),
                        answer.label,
                        name(answer.next)
                    ));
                }
            }
            Node::Outcome {
                next: Some(next), ..
            } => {
                branches.push(format!("{} → {}", name(at), name(*next)));
            }
            Node::Outcome { next: None, .. } => {}
        }
    }
    branches.join("; ")
}

/// The tree as a nested list, every way through it from the start node, each node led by the
/// answer that reached it.
fn text_alternative(cx: &Context, tree: &Tree) -> String {
    let mut out = String::new();
    tree.walk(|visit| {
        let indent = "  ".repeat(visit.depth);
        let lead = visit
            .answer
            .map(|a| format!("{} → ", text(a.label)))
            .unwrap_or_default();
        match visit.node {
            Node::Question { question, .. } => {
                out.push_str(&format!("{indent}- {lead}**{}**\n", text(question)));
            }
            Node::Outcome { patterns, adds, .. } => {
                let links: Vec<String> = patterns.iter().map(|p| cx.pattern_link(p)).collect();
                let plus = if *adds { "+ " } else { "" };
                out.push_str(&format!("{indent}- {lead}{plus}{}\n", links.join(" + ")));
            }
        }
        Follow::Every
    });
    out
}
