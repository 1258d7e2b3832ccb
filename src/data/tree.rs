//! The decision tree, walked in one place.
//!
//! Two walks, one for each question asked of the tree:
//!
//! - [`shape`] walks the data's tree as written, each node once: the loops, what its start
//!   reaches, and its size with every way through it written out ([`Unfolded`]), counted without
//!   writing them out. The validator reports from it; [`Tree::new`] refuses from it.
//! - [`Tree::walk`] walks a checked [`Tree`] way by way, as a reader goes through it: every way
//!   (the text alternative, the tests' list of ways) or the one some answers choose (the engine).
//!
//! A [`Tree`] is what the engine and the renderers read: every node a question or an outcome,
//! every reference a node, no loop. What a node of the data is, and why it may be neither, is
//! [`TreeNode::kind`], the one place that says so.

use std::collections::{HashMap, HashSet};

use crate::data::Data;
use crate::data::json_path::JsonPath;
use crate::data::model::{Answer as WrittenAnswer, DecisionTree, Id, TreeNode};

/// The most steps the decision tree may have when every way through it is written out.
pub const MAX_TREE_STEPS: usize = 10_000;
/// The most nodes one way through the decision tree may pass.
pub const MAX_TREE_DEPTH: usize = 50;
/// The most bytes of text the decision tree may have when every way through it is written out.
pub const MAX_TREE_TEXT: usize = 2_000_000;

/// The size of the decision tree with every way through it written out, as its text
/// alternative lists them. Answers that lead to a shared node multiply the ways: a small file
/// could ask for billions, or write a long text once for each of thousands of answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unfolded {
    /// Nodes written out, a node reached along several ways once for each.
    pub steps: usize,
    /// Nodes on the longest way.
    pub depth: usize,
    /// Bytes of text written out: each node's question and answer labels, or its patterns'
    /// names, once for each way that reaches it.
    pub text: usize,
}

impl Unfolded {
    /// Whether the tree can be shown: within [`MAX_TREE_STEPS`], [`MAX_TREE_DEPTH`] and
    /// [`MAX_TREE_TEXT`].
    pub fn fits(self) -> bool {
        self.steps <= MAX_TREE_STEPS && self.depth <= MAX_TREE_DEPTH && self.text <= MAX_TREE_TEXT
    }
}

/// What a node of the data is, its references still ids.
pub enum NodeKind<'a> {
    Question {
        question: &'a str,
        answers: &'a [WrittenAnswer],
    },
    Outcome {
        patterns: &'a [Id],
        next: Option<&'a str>,
        adds: bool,
    },
}

/// Why a node of the data is neither a question nor an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformed {
    /// It has a question, and `patterns`, `next` or `adds` too.
    Mixed,
    /// It has no question, and no patterns (or answers beside them).
    Neither,
}

/// A reference from a node to another: one of a question's answers, or an outcome's `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    Answer(usize),
    Next,
}

impl Reference {
    /// Where the reference is written, inside its node.
    pub fn path(self) -> JsonPath {
        match self {
            Reference::Answer(i) => JsonPath::root().key("answers").index(i).key("next"),
            Reference::Next => JsonPath::root().key("next"),
        }
    }
}

impl TreeNode {
    /// The node's kind: a question (`question` and `answers`, nothing of an outcome) or an
    /// outcome (`patterns`, with optional `next` and `adds`, and no question or answers).
    pub fn kind(&self) -> Result<NodeKind<'_>, Malformed> {
        let is_outcome = !self.patterns.is_empty() || self.next.is_some() || self.adds;
        match &self.question {
            Some(question) if !is_outcome => Ok(NodeKind::Question {
                question,
                answers: &self.answers,
            }),
            Some(_) => Err(Malformed::Mixed),
            None if self.answers.is_empty() && !self.patterns.is_empty() => Ok(NodeKind::Outcome {
                patterns: &self.patterns,
                next: self.next.as_deref(),
                adds: self.adds,
            }),
            None => Err(Malformed::Neither),
        }
    }

    /// The ids this node leads to, in order: its answers', then its `next`.
    pub fn references(&self) -> impl Iterator<Item = (Reference, &str)> {
        (0..=self.answers.len()).filter_map(|i| self.reference(i))
    }

    /// The `i`th of [`TreeNode::references`].
    fn reference(&self, i: usize) -> Option<(Reference, &str)> {
        match self.answers.get(i) {
            Some(answer) => Some((Reference::Answer(i), answer.next.as_str())),
            None if i == self.answers.len() => Some((Reference::Next, self.next.as_deref()?)),
            None => None,
        }
    }

    /// Bytes of text the node is written out as: its question and answer labels, or its
    /// patterns, each written as `pattern_text` says.
    fn text(&self, pattern_text: &impl Fn(&str) -> usize) -> usize {
        self.question.as_ref().map_or(0, String::len)
            + self.answers.iter().map(|a| a.label.len()).sum::<usize>()
            + self.patterns.iter().map(|p| pattern_text(p)).sum::<usize>()
    }
}

/// A reference that leads back to a node on the way to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loop<'a> {
    /// The node the reference is in.
    pub from: &'a str,
    pub reference: Reference,
    /// The way round: from the node the reference leads back to, through `from`, to that node
    /// again.
    pub nodes: Vec<&'a str>,
}

/// What walking the data's tree from its start, each node once, found.
pub struct Shape<'a> {
    reached: HashSet<&'a str>,
    /// The tree's size with every way through it written out, or, where a way loops, each
    /// reference that closes a loop (once), in the order the walk met them.
    pub size: Result<Unfolded, Vec<Loop<'a>>>,
}

impl Shape<'_> {
    /// Whether some way from the start reaches the node `id`.
    pub fn reaches(&self, id: &str) -> bool {
        self.reached.contains(id)
    }
}

/// Walks `tree` as written from its start, depth first, each node once; `None` where the start
/// is not a node. A reference that leads to no node is passed over (the validator reports it).
/// `pattern_text` is the length of the text a pattern reference of an outcome is written as.
pub fn shape<'a>(
    tree: &'a DecisionTree,
    pattern_text: impl Fn(&str) -> usize,
) -> Option<Shape<'a>> {
    let (start, node) = tree.nodes.get_key_value(tree.start.as_str())?;
    let mut reached = HashSet::from([start.as_str()]);
    // A node's size is known once all it leads to is done; none is worked out after a loop.
    let mut done: HashMap<&str, Unfolded> = HashMap::new();
    let mut loops: Vec<Loop> = Vec::new();
    let mut reported = HashSet::new();
    // The way from the start: (node id, node, index of its next reference to follow).
    let mut way: Vec<(&str, &TreeNode, usize)> = vec![(start, node, 0)];
    let mut on_way = HashSet::from([start.as_str()]);
    while let Some((id, node, child)) = way.last_mut() {
        let (id, node) = (*id, *node);
        let Some((reference, next)) = node.reference(*child) else {
            if loops.is_empty() {
                let mut size = Unfolded {
                    steps: 1,
                    depth: 1,
                    text: node.text(&pattern_text),
                };
                for after in node.references().filter_map(|(_, next)| done.get(next)) {
                    size.steps = size.steps.saturating_add(after.steps);
                    size.depth = size.depth.max(after.depth + 1);
                    size.text = size.text.saturating_add(after.text);
                }
                done.insert(id, size);
            }
            on_way.remove(id);
            way.pop();
            continue;
        };
        *child += 1;
        let Some((next, next_node)) = tree.nodes.get_key_value(next) else {
            continue;
        };
        if reached.insert(next) {
            on_way.insert(next);
            way.push((next, next_node, 0));
        } else if on_way.contains(next.as_str()) && reported.insert((id, next.as_str())) {
            let from = way.iter().position(|(on, ..)| *on == next).unwrap_or(0);
            let mut nodes: Vec<&str> = way[from..].iter().map(|(on, ..)| *on).collect();
            nodes.push(next);
            loops.push(Loop {
                from: id,
                reference,
                nodes,
            });
        }
    }
    let size = if loops.is_empty() {
        Ok(done[start.as_str()])
    } else {
        Err(loops)
    };
    Some(Shape { reached, size })
}

/// The decision tree as the engine and the renderers read it: its nodes in id order, each a
/// question or an outcome, references between them as positions in that order, no loop.
#[derive(Debug)]
pub struct Tree<'a> {
    start: usize,
    nodes: Vec<Node<'a>>,
    unfolded: Unfolded,
}

/// A node of a [`Tree`].
#[derive(Debug)]
pub enum Node<'a> {
    Question {
        id: &'a str,
        question: &'a str,
        answers: Vec<Answer<'a>>,
    },
    Outcome {
        id: &'a str,
        patterns: &'a [Id],
        /// The node the way continues with.
        next: Option<usize>,
        /// Shown as "+ A + B", an addition to what came before.
        adds: bool,
    },
}

impl<'a> Node<'a> {
    pub fn id(&self) -> &'a str {
        match self {
            Node::Question { id, .. } | Node::Outcome { id, .. } => id,
        }
    }
}

/// An answer of a [`Tree`]'s question.
#[derive(Debug)]
pub struct Answer<'a> {
    pub label: &'a str,
    pub next: usize,
}

/// Why the data's decision tree is no [`Tree`]; the validator says where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    /// A way through it loops.
    Loops,
    /// Its start or a reference names no node, or a node is neither a question nor an outcome.
    Malformed,
}

impl<'a> Tree<'a> {
    /// `tree` checked: every node a question or an outcome, every reference a node, no loop.
    /// `pattern_text` is as for [`shape`].
    pub fn new(
        tree: &'a DecisionTree,
        pattern_text: impl Fn(&str) -> usize,
    ) -> Result<Tree<'a>, Unusable> {
        let unfolded = match shape(tree, pattern_text) {
            Some(Shape { size: Ok(size), .. }) => size,
            Some(Shape { size: Err(_), .. }) => return Err(Unusable::Loops),
            None => return Err(Unusable::Malformed),
        };
        // The ids in order, as `tree.nodes` keeps them: a node's position is found by halves.
        let ids: Vec<&str> = tree.nodes.keys().map(String::as_str).collect();
        let at = |id: &str| ids.binary_search(&id).map_err(|_| Unusable::Malformed);
        let nodes = tree
            .nodes
            .iter()
            .map(|(id, node)| {
                Ok(match node.kind().map_err(|_| Unusable::Malformed)? {
                    NodeKind::Question { question, answers } => Node::Question {
                        id,
                        question,
                        answers: answers
                            .iter()
                            .map(|a| {
                                Ok(Answer {
                                    label: &a.label,
                                    next: at(&a.next)?,
                                })
                            })
                            .collect::<Result<_, _>>()?,
                    },
                    NodeKind::Outcome {
                        patterns,
                        next,
                        adds,
                    } => Node::Outcome {
                        id,
                        patterns,
                        next: next.map(at).transpose()?,
                        adds,
                    },
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Tree {
            start: at(&tree.start)?,
            nodes,
            unfolded,
        })
    }

    /// The position of the start node.
    pub fn start(&self) -> usize {
        self.start
    }

    /// The nodes, in id order.
    pub fn nodes(&self) -> &[Node<'a>] {
        &self.nodes
    }

    /// The node at `position`.
    pub fn node(&self, position: usize) -> &Node<'a> {
        &self.nodes[position]
    }

    /// The position of the node `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.nodes.binary_search_by(|node| node.id().cmp(id)).ok()
    }

    /// The tree's size with every way through it written out.
    pub fn unfolded(&self) -> Unfolded {
        self.unfolded
    }

    /// Walks the tree from its start, depth first, each way through it in the order its answers
    /// are written: `visit` sees every node reached, once for each way that reaches it, and says
    /// where to go on. Every way through a tree that does not [fit](Unfolded::fits) may be more
    /// than can be walked.
    pub fn walk<'t>(&'t self, mut visit: impl FnMut(&Visit<'_, 'a>) -> Follow) {
        struct Step<'t, 'a> {
            node: usize,
            depth: usize,
            /// The question and its answer that lead here.
            via: Option<(&'a str, &'t Answer<'a>)>,
            /// How many answers were given on the way to the node before this one.
            before: usize,
        }
        let mut answered: Vec<(&'a str, &'a str)> = Vec::new();
        let mut to_visit = vec![Step {
            node: self.start,
            depth: 0,
            via: None,
            before: 0,
        }];
        while let Some(step) = to_visit.pop() {
            answered.truncate(step.before);
            answered.extend(step.via.map(|(question, answer)| (question, answer.label)));
            let node = &self.nodes[step.node];
            let follow = visit(&Visit {
                node,
                depth: step.depth,
                answer: step.via.map(|(_, answer)| answer),
                answered: &answered,
            });
            let after = |next, via| Step {
                node: next,
                depth: step.depth + 1,
                via,
                before: answered.len(),
            };
            match (node, follow) {
                (_, Follow::Stop) => {}
                (Node::Question { id, answers, .. }, Follow::Every) => {
                    // Last first, so that the first is walked first.
                    for answer in answers.iter().rev() {
                        to_visit.push(after(answer.next, Some((*id, answer))));
                    }
                }
                (Node::Question { id, answers, .. }, Follow::Answer(i)) => {
                    let chosen = answers.get(i);
                    to_visit.extend(chosen.map(|answer| after(answer.next, Some((*id, answer)))));
                }
                (Node::Outcome { next, .. }, _) => {
                    to_visit.extend(next.map(|next| after(next, None)));
                }
            }
        }
    }
}

/// Where a [`Tree::walk`] goes on from a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// Along each of a question's answers in turn, or on to an outcome's `next`.
    Every,
    /// Along the question's answer at this position only (on to an outcome's `next`).
    Answer(usize),
    /// Nowhere: this way ends here.
    Stop,
}

/// A node a [`Tree::walk`] reached, and how.
pub struct Visit<'t, 'a> {
    pub node: &'t Node<'a>,
    /// Nodes before it on its way.
    pub depth: usize,
    /// The answer that led to it, where an answer did (not an outcome's `next`).
    pub answer: Option<&'t Answer<'a>>,
    /// The questions answered on its way, each with its answer's label, in order.
    pub answered: &'t [(&'a str, &'a str)],
}

/// Every way through the data's decision tree, as the answers that choose it: each that stops
/// at a question, and each that ends in an outcome, sorted. Without a tree, one way with no
/// answers; a tree with errors has none.
pub fn tree_paths(data: &Data) -> Vec<Vec<(String, String)>> {
    let Some(tree) = &data.decision_tree else {
        return vec![Vec::new()];
    };
    let Ok(tree) = data.tree(&tree.value) else {
        return Vec::new();
    };
    let mut ways = Vec::new();
    tree.walk(|visit| {
        if let Node::Question { .. } | Node::Outcome { next: None, .. } = visit.node {
            let answered = visit.answered.iter();
            ways.push(
                answered
                    .map(|(q, a)| (q.to_string(), a.to_string()))
                    .collect(),
            );
        }
        Follow::Every
    });
    ways.sort();
    ways.dedup();
    ways
}

#[cfg(test)]
mod tests {
    use super::{Follow, Node, Tree, Unfolded, Unusable, shape};
    use crate::data::model::DecisionTree;

    /// A tree of `(node, [next, ...])`, questions with an answer per next node.
    fn tree(nodes: &[(&str, &[&str])]) -> DecisionTree {
        let nodes: serde_json::Map<String, serde_json::Value> = nodes
            .iter()
            .map(|(id, nexts)| {
                let node = if nexts.is_empty() {
                    serde_json::json!({ "patterns": ["p"] })
                } else {
                    let answers: Vec<_> = nexts
                        .iter()
                        .enumerate()
                        .map(|(i, next)| serde_json::json!({ "label": format!("a{i}"), "next": next }))
                        .collect();
                    serde_json::json!({ "question": "?", "answers": answers })
                };
                ((*id).to_owned(), node)
            })
            .collect();
        serde_json::from_value(serde_json::json!({ "start": "a", "nodes": nodes })).unwrap()
    }

    fn unfolded(tree: &DecisionTree, text: impl Fn(&str) -> usize) -> Option<Unfolded> {
        shape(tree, text)?.size.ok()
    }

    #[test]
    fn counts_every_way_through_the_tree_without_walking_them() {
        let plain = tree(&[("a", &["b", "c"]), ("b", &["d"]), ("c", &[]), ("d", &[])]);
        // Text: "?" and two answers "a0", "a1" for a question, its pattern "p" for an outcome.
        let text = |p: &str| p.len();
        assert_eq!(
            unfolded(&plain, text),
            Some(Unfolded {
                steps: 4,
                depth: 3,
                text: 10
            })
        );
        // b and c both lead to d, which is written out once for each.
        let shared = tree(&[("a", &["b", "c"]), ("b", &["d"]), ("c", &["d"]), ("d", &[])]);
        assert_eq!(
            unfolded(&shared, text),
            Some(Unfolded {
                steps: 5,
                depth: 3,
                text: 13
            })
        );
        // d's pattern written as a long name, once for each of the two ways to it.
        let long = unfolded(&shared, |_| 1_500_000).unwrap();
        assert_eq!(long.text, 3_000_000 + 5 + 3 + 3);
        assert!(!long.fits());
        // Sixty questions whose two answers both lead to the next: 2^61 - 1 steps, saturated.
        let ids: Vec<String> = (0..=60)
            .map(|i| if i == 0 { "a".into() } else { format!("n{i}") })
            .collect();
        let nexts: Vec<[&str; 2]> = ids[1..].iter().map(|n| [n.as_str(), n.as_str()]).collect();
        let mut nodes: Vec<(&str, &[&str])> = ids[..60]
            .iter()
            .zip(&nexts)
            .map(|(id, next)| (id.as_str(), &next[..]))
            .collect();
        nodes.push((ids[60].as_str(), &[]));
        let doubling = unfolded(&tree(&nodes), text).unwrap();
        assert_eq!(doubling.depth, 61);
        assert_eq!(doubling.steps, 2usize.pow(61) - 1);
        assert!(!doubling.fits());
    }

    #[test]
    fn a_loop_or_an_unknown_start_has_no_size() {
        let looping = tree(&[("a", &["b"]), ("b", &["a"])]);
        let loops = shape(&looping, str::len).unwrap().size.unwrap_err();
        assert_eq!(loops.len(), 1);
        assert_eq!(
            (loops[0].from, &loops[0].nodes[..]),
            ("b", &["a", "b", "a"][..])
        );
        assert_eq!(unfolded(&tree(&[("a", &["a"])]), str::len), None);
        assert!(shape(&tree(&[("b", &[])]), str::len).is_none());
        assert_eq!(Tree::new(&looping, str::len).unwrap_err(), Unusable::Loops);
        assert_eq!(
            Tree::new(&tree(&[("a", &["x"])]), str::len).unwrap_err(),
            Unusable::Malformed
        );
    }

    #[test]
    fn a_walk_goes_each_way_in_order_or_the_chosen_one() {
        let shared = tree(&[("a", &["b", "c"]), ("b", &["d"]), ("c", &["d"]), ("d", &[])]);
        let tree = Tree::new(&shared, str::len).unwrap();
        let mut seen = Vec::new();
        tree.walk(|visit| {
            let answer = visit.answer.map(|a| a.label);
            seen.push((visit.node.id(), visit.depth, answer, visit.answered.len()));
            Follow::Every
        });
        assert_eq!(
            seen,
            [
                ("a", 0, None, 0),
                ("b", 1, Some("a0"), 1),
                ("d", 2, Some("a0"), 2),
                ("c", 1, Some("a1"), 1),
                ("d", 2, Some("a0"), 2),
            ]
        );
        let mut chosen = Vec::new();
        tree.walk(|visit| {
            chosen.push(visit.answered.to_vec());
            match visit.node {
                Node::Question { id: "a", .. } => Follow::Answer(1),
                Node::Question { .. } => Follow::Answer(0),
                Node::Outcome { .. } => Follow::Every,
            }
        });
        assert_eq!(chosen.last().unwrap(), &[("a", "a1"), ("c", "a0")]);
        assert_eq!(chosen.len(), 3);
    }
}
