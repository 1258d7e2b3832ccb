//! The decision tree: references, shape (no loops, every node reached) and size, through
//! `data::tree`.

use std::collections::HashMap;

use crate::data::Origin;
use crate::data::json_path::JsonPath;
use crate::data::model::DecisionTree;
use crate::data::tree::{
    MAX_TREE_DEPTH, MAX_TREE_STEPS, MAX_TREE_TEXT, Malformed, NodeKind, Shape, Unfolded,
};
use crate::diag::Diagnostic;
use crate::diag::suggest;
use crate::text::ids::is_kebab_id;

use super::{Checker, kebab_help};

impl<'a> Checker<'a> {
    pub(super) fn decision_tree(&mut self) {
        let Some(tree) = &self.data.decision_tree else {
            return;
        };
        let origin = &tree.origin;
        let tree = &tree.value;
        let nodes_at = JsonPath::root().key("nodes");
        let ids = || tree.nodes.keys().map(String::as_str);
        for (id, node) in &tree.nodes {
            let at = nodes_at.key(id);
            if !is_kebab_id(id) {
                let help = kebab_help(id);
                let location = self.data.locate_key(origin, &at);
                self.diagnostics.push(
                    Diagnostic::error(
                        Some(location),
                        format!("tree node id \"{id}\" is not a valid id"),
                    )
                    .with_help(Some(help)),
                );
            }
            match node.kind() {
                Ok(NodeKind::Question { question, answers }) => {
                    self.label(origin, &at.key("question"), question);
                    if answers.is_empty() {
                        self.error(
                            origin,
                            &at,
                            format!("question \"{id}\" has no answers, so every path through it ends without an outcome"),
                            Some("add \"answers\" that lead to other nodes".into()),
                        );
                    }
                    let mut labels = HashMap::new();
                    for (i, answer) in answers.iter().enumerate() {
                        let label_at = at.key("answers").index(i).key("label");
                        self.label(origin, &label_at, &answer.label);
                        if let Some(first) = labels.insert(answer.label.as_str(), i) {
                            self.error(
                                origin,
                                &label_at,
                                format!("answer \"{}\" appears twice in question \"{id}\"", answer.label),
                                Some(format!("the first is answers[{first}]")),
                            );
                        }
                    }
                }
                Ok(NodeKind::Outcome { patterns, .. }) => {
                    for (i, pattern) in patterns.iter().enumerate() {
                        self.pattern_ref(origin, || at.key("patterns").index(i), pattern);
                    }
                }
                Err(Malformed::Mixed) => self.error(
                    origin,
                    &at,
                    format!("tree node \"{id}\" mixes a question with an outcome"),
                    Some("a question has \"question\" and \"answers\"; an outcome has \"patterns\" and optional \"next\" and \"adds\"".into()),
                ),
                Err(Malformed::Neither) => self.error(
                    origin,
                    &at,
                    format!("tree node \"{id}\" is neither a question nor an outcome"),
                    Some("give it \"question\" and \"answers\", or \"patterns\"".into()),
                ),
            }
            for (reference, next) in node.references() {
                if !tree.nodes.contains_key(next) {
                    let help = suggest::help(next, ids())
                        .or_else(|| Some("name a node of \"nodes\"".into()));
                    self.error(
                        origin,
                        &at.join(&reference.path()),
                        format!("unknown tree node \"{next}\""),
                        help,
                    );
                }
            }
        }
        let dangling = tree
            .nodes
            .values()
            .flat_map(|node| node.references())
            .any(|(_, next)| !tree.nodes.contains_key(next));
        let Some(shape) = self.data.tree_shape(tree) else {
            let help = suggest::help(&tree.start, ids())
                .or_else(|| Some("name a node of \"nodes\"".into()));
            let start = tree.start.clone();
            self.error(
                origin,
                &JsonPath::root().key("start"),
                format!("unknown tree node \"{start}\""),
                help,
            );
            return;
        };
        // With a reference that leads nowhere, which nodes are reachable cannot be told.
        self.tree_shape(origin, tree, &shape, !dangling);
    }

    /// Loops, the size unfolded and unreachable nodes, as the walk from `start` found them.
    pub(super) fn tree_shape(
        &mut self,
        origin: &Origin,
        tree: &DecisionTree,
        shape: &Shape,
        check_reachable: bool,
    ) {
        let nodes_at = JsonPath::root().key("nodes");
        match &shape.size {
            Ok(unfolded) => self.tree_size(origin, *unfolded),
            Err(loops) => {
                for found in loops {
                    self.error(
                        origin,
                        &nodes_at.key(found.from).join(&found.reference.path()),
                        format!("the decision tree loops: {}", found.nodes.join(" → ")),
                        Some("a decision tree cannot lead back to an earlier node; end this path in an outcome".into()),
                    );
                }
            }
        }
        for id in tree.nodes.keys().filter(|_| check_reachable) {
            if !shape.reaches(id) {
                let location = self.data.locate_key(origin, &nodes_at.key(id));
                self.diagnostics.push(
                    Diagnostic::error(
                        Some(location),
                        format!(
                            "tree node \"{id}\" cannot be reached from the start node \"{}\"",
                            tree.start
                        ),
                    )
                    .with_help(Some(
                        "lead an answer or a \"next\" to it, or remove it".into(),
                    )),
                );
            }
        }
    }

    /// A tree too big to show (see [`Unfolded::fits`]) is an error, said in its own words.
    pub(super) fn tree_size(&mut self, origin: &Origin, unfolded: Unfolded) {
        let Unfolded { steps, depth, text } = unfolded;
        let problems = [
            (
                steps > MAX_TREE_STEPS,
                format!(
                    "the decision tree has {steps} steps when every way through it is written out (a node reached by several answers counts once for each); at most {MAX_TREE_STEPS} can be shown"
                ),
                "lead fewer answers to the same nodes, or split the tree",
            ),
            // Too many steps make too much text too: that one error says it.
            (
                text > MAX_TREE_TEXT && steps <= MAX_TREE_STEPS,
                format!(
                    "the decision tree has {text} bytes of text when every way through it is written out (a node reached by several answers is written once for each); at most {MAX_TREE_TEXT} can be shown"
                ),
                "shorten the questions, labels and pattern names of nodes that many answers lead to, lead fewer answers to them, or split the tree",
            ),
            (
                depth > MAX_TREE_DEPTH,
                format!(
                    "the decision tree is {depth} nodes deep; at most {MAX_TREE_DEPTH} can be shown"
                ),
                "shorten the longest chain of questions",
            ),
        ];
        for (passed, message, help) in problems {
            if passed {
                self.error(
                    origin,
                    &JsonPath::root().key("start"),
                    message,
                    Some(help.into()),
                );
            }
        }
    }
}
