//! `<<pattern-graph ID [depth=1|2]>>`: a pattern's neighbourhood of relations as a diagram —
//! the pattern (drawn as a hexagon), the patterns related to it (`depth=2`: and theirs), and
//! every relation between two drawn patterns once, labelled by its kind: `requires` an arrow
//! from the pattern that requires to the one required, the symmetric kinds a line. Each node
//! links to its pattern; a list of the relations is its text alternative. A pattern without
//! any relation gets a sentence instead of a diagram.

use std::collections::HashMap;

use crate::book::directive::Directive;
use crate::data::labels::Key;
use crate::data::relations::Seen;
use crate::data::validate::MAX_DIAGRAM_ITEMS;
use crate::render::diagram::{self, Drawing, LinkStyle};
use crate::render::{Context, Output, Problem, find_pattern};
use crate::text::escape::{mermaid, text};

pub fn render(cx: &Context, directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    let id = find_pattern(cx.data, directive.id.as_deref().unwrap_or_default())?;
    let depth = depth(directive)?;
    let graph = Graph::of(cx, id, depth)?;
    if graph.edges.is_empty() {
        let none = cx.label_md(Key::GraphNone, &[&cx.pattern_link(id)]);
        out.text = format!("*{}*\n", none.trim());
        return Ok(());
    }
    out.text = diagram::emit(cx, out, &fitting_drawing(cx, &graph))?;
    Ok(())
}

/// `depth=`: 1 (the default) or 2.
fn depth(directive: &Directive) -> Result<usize, Problem> {
    match directive.arg("depth") {
        None | Some("1") => Ok(1),
        Some("2") => Ok(2),
        Some(other) => Err(Problem::new(
            format!("<<pattern-graph>> has no depth \"{other}\""),
            Some("write depth=1 (the pattern and the patterns related to it, the default) or depth=2 (theirs too)".into()),
        )),
    }
}

/// One relation drawn: between the nodes `from` and `to` (indexes into [`Graph::nodes`]);
/// for `requires`, `from` requires `to`; for the symmetric kinds, `from` comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    from: usize,
    to: usize,
    kind: Seen,
}

/// The patterns drawn and the relations between them.
#[derive(Debug)]
struct Graph<'d> {
    /// Canonical pattern ids: the subject first, then each ring of neighbours in name order.
    nodes: Vec<&'d str>,
    /// Pair by pair in the order of their nodes, then in the order of their kinds.
    edges: Vec<Edge>,
    depth: usize,
}

impl<'d> Graph<'d> {
    /// The graph of `subject` to `depth` rings of neighbours; an error where it has more nodes
    /// or edges than a diagram may hold.
    fn of(cx: &Context<'d>, subject: &'d str, depth: usize) -> Result<Self, Problem> {
        let relations = cx.index.relations();
        let mut nodes = vec![subject];
        let mut at: HashMap<&str, usize> = HashMap::from([(subject, 0)]);
        let mut ring = vec![subject];
        for ring_number in 1..=depth {
            let mut next: Vec<&'d str> = Vec::new();
            for id in &ring {
                for link in relations.of(id) {
                    if !at.contains_key(link.other) {
                        at.insert(link.other, nodes.len() + next.len());
                        next.push(link.other);
                    }
                }
                let count = nodes.len() + next.len();
                too_big(subject, depth, ring_number > 1, count, "patterns")?;
            }
            next.sort_by_cached_key(|id| (cx.pattern_name(id).to_lowercase(), *id));
            for id in &next {
                at.insert(id, nodes.len());
                nodes.push(id);
            }
            ring = next;
        }
        let mut edges = Vec::new();
        for (from, id) in nodes.iter().enumerate() {
            for link in relations.of(id) {
                let Some(&to) = at.get(link.other) else {
                    continue;
                };
                // `requires` is drawn from the pattern that requires; a symmetric relation,
                // seen from both of its patterns, from the one drawn first.
                let drawn_here = match link.seen {
                    Seen::Requires => true,
                    Seen::RequiredBy => false,
                    Seen::Complements | Seen::AlternativeTo | Seen::ConflictsWith => from < to,
                };
                if drawn_here {
                    edges.push(Edge {
                        from,
                        to,
                        kind: link.seen,
                    });
                }
            }
            too_big(subject, depth, depth > 1, edges.len(), "relations")?;
        }
        // Pair by pair, in the order of their nodes: the subject's relations first.
        edges.sort_unstable_by_key(|e| (e.from.min(e.to), e.from.max(e.to), e.kind));
        Ok(Graph {
            nodes,
            edges,
            depth,
        })
    }
}

/// An error where a graph has more `what` (patterns or relations) than a diagram may hold; its
/// help says to draw one ring of neighbours where that is smaller (`shrinks`).
fn too_big(
    subject: &str,
    depth: usize,
    shrinks: bool,
    count: usize,
    what: &str,
) -> Result<(), Problem> {
    if count <= MAX_DIAGRAM_ITEMS {
        return Ok(());
    }
    let help = match shrinks {
        false => "leave the graph out: the pattern's card (<<pattern ID>>) lists every relation"
            .to_owned(),
        true => format!(
            "write <<pattern-graph {subject} depth=1>>, which draws the patterns related to \"{subject}\" only"
        ),
    };
    Err(Problem::new(
        format!(
            "the relations of \"{subject}\" to depth {depth} are too many to draw: more than {MAX_DIAGRAM_ITEMS} {what}, and a diagram holds at most {MAX_DIAGRAM_ITEMS}"
        ),
        Some(help),
    ))
}

/// The label of a relation's kind.
fn kind_label(kind: Seen) -> Key {
    match kind {
        Seen::Requires | Seen::RequiredBy => Key::GraphRequires,
        Seen::Complements => Key::GraphComplements,
        Seen::AlternativeTo => Key::GraphAlternativeTo,
        Seen::ConflictsWith => Key::GraphConflictsWith,
    }
}

/// How mermaid draws a relation of `kind` labelled `label`: `requires` an arrow, the symmetric
/// kinds a line without one (complements solid, alternatives dotted, conflicts thick).
fn mermaid_edge(kind: Seen, label: &str) -> String {
    match kind {
        Seen::Requires | Seen::RequiredBy => format!("-->|\"{label}\"|"),
        Seen::Complements => format!("---|\"{label}\"|"),
        Seen::AlternativeTo => format!("-.-|\"{label}\"|"),
        Seen::ConflictsWith => format!("===|\"{label}\"|"),
    }
}

fn node_id(index: usize) -> String {
    format!("p{index}")
}

/// The graph's drawing, laid out top-down instead where left to right is wider than mdBook's
/// column at the least size its labels stay readable (and top-down is narrower), as
/// `blueprint.rs` does for a blueprint; measured in either diagram mode, so that mermaid.js gets
/// the same layout.
fn fitting_drawing(cx: &Context, graph: &Graph) -> Drawing {
    let sideways = drawing(cx, graph, "LR");
    if !cx.html {
        return sideways;
    }
    let Some(width) = diagram::least_width(cx, &sideways) else {
        return sideways;
    };
    if width <= diagram::COLUMN_WIDTH {
        return sideways;
    }
    let top_down = drawing(cx, graph, "TB");
    match diagram::least_width(cx, &top_down) {
        Some(narrower) if narrower < width => top_down,
        _ => sideways,
    }
}

/// The graph as a mermaid flowchart in `direction`, each node linked to its pattern where it
/// has a place, and as a list of its relations.
fn drawing(cx: &Context, graph: &Graph, direction: &str) -> Drawing {
    let labels = &cx.data.labels;
    let mut source = format!("graph {direction}\n");
    let mut links = Vec::new();
    for (index, id) in graph.nodes.iter().enumerate() {
        let name = mermaid(&cx.pattern_name(id));
        // The subject is a hexagon, its neighbours boxes.
        source.push_str(&match index {
            0 => format!("    {}{{{{\"{name}\"}}}}\n", node_id(index)),
            _ => format!("    {}[\"{name}\"]\n", node_id(index)),
        });
        if let Some(place) = cx.pattern_place(id) {
            links.push((node_id(index), place.clone()));
        }
    }
    let mut alternative = String::new();
    let mut description = Vec::new();
    for edge in &graph.edges {
        let key = kind_label(edge.kind);
        let (from, to) = (graph.nodes[edge.from], graph.nodes[edge.to]);
        source.push_str(&format!(
            "    {} {} {}\n",
            node_id(edge.from),
            mermaid_edge(edge.kind, &mermaid(&cx.label(key))),
            node_id(edge.to)
        ));
        let sentence = labels.get(Key::GraphEdge).fill(
            text,
            &[
                &cx.pattern_link(from),
                &cx.label_md(key, &[]),
                &cx.pattern_link(to),
            ],
        );
        alternative.push_str(&format!("- {}\n", sentence.trim()));
        description.push(labels.get(Key::GraphEdge).plain(&[
            &cx.pattern_name(from),
            &cx.label(key),
            &cx.pattern_name(to),
        ]));
    }
    let subject = graph.nodes[0];
    let title = labels
        .get(Key::GraphTitle)
        .plain(&[&cx.pattern_name(subject)]);
    Drawing {
        mermaid: source,
        links,
        link_style: LinkStyle::Click,
        alternative,
        description: description.join("; "),
        subject: format!(
            "the relations graph of \"{subject}\" (depth {})",
            graph.depth
        ),
        title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::config::Diagrams;
    use crate::book::index::Index;
    use crate::book::site::Site;
    use crate::data::Data;
    use crate::render::{Headings, svg};

    fn data(patterns: &[(&str, &str)], combinations: &str) -> Data {
        let patterns: Vec<String> = patterns
            .iter()
            .map(|(id, relations)| {
                format!(
                    r#""{id}": {{ "name": "{}", "tier": "gold", "category": "c", "summary": "s", "relations": {relations} }}"#,
                    id.to_uppercase()
                )
            })
            .collect();
        let json = format!(
            r#"{{ "schema_version": "1.1", "patterns": {{ {} }}, "combinations": {combinations} }}"#,
            patterns.join(", ")
        );
        crate::data::load::load_bytes("data.json", json.into_bytes()).data
    }

    /// The graph of `subject` to `depth`: its nodes, and its edges as `from kind to`.
    fn graph(
        data: &Data,
        subject: &str,
        depth: usize,
    ) -> Result<(Vec<String>, Vec<String>), String> {
        let index = Index::new(data);
        let site = Site::default();
        let drawings = svg::Drawings::default();
        let directive = crate::book::directive::parse("pattern-graph x").unwrap();
        let cx = Context {
            data,
            index: &index,
            site: &site,
            chapter: "chapter.md",
            html: false,
            diagrams: Diagrams::Svg,
            language: None,
            drawings: &drawings,
            recent: None,
            headings: Headings::new(&directive, Default::default()).unwrap(),
        };
        let graph = Graph::of(&cx, subject, depth)
            .map_err(|p| format!("{} ({})", p.message, p.help.unwrap_or_default()))?;
        let nodes = graph.nodes.iter().map(|n| n.to_string()).collect();
        let edges = (graph.edges.iter())
            .map(|e| {
                let kind = cx.label(kind_label(e.kind));
                format!("{} {kind} {}", graph.nodes[e.from], graph.nodes[e.to])
            })
            .collect();
        Ok((nodes, edges))
    }

    /// A chain a → b → c → d (requires), with c complementing e by a combination row, e an
    /// alternative to a, and f conflicting with b, declared on either side.
    fn chain() -> Data {
        data(
            &[
                ("a", r#"[{ "kind": "requires", "pattern": "b" }]"#),
                ("b", r#"[{ "kind": "requires", "pattern": "c" }]"#),
                ("c", r#"[{ "kind": "requires", "pattern": "d" }]"#),
                ("d", "[]"),
                ("e", r#"[{ "kind": "alternative-to", "pattern": "a" }]"#),
                ("f", r#"[{ "kind": "conflicts-with", "pattern": "b" }]"#),
                ("g", "[]"),
            ],
            r#"[{ "pattern": "e", "with": ["c"], "use_case": "u", "example": "x" }]"#,
        )
    }

    #[test]
    fn depth_one_is_the_pattern_and_its_neighbours_with_every_edge_between_them() {
        let (nodes, edges) = graph(&chain(), "b", 1).unwrap();
        assert_eq!(nodes, ["b", "a", "c", "f"]);
        assert_eq!(
            edges,
            ["a requires b", "b requires c", "b conflicts with f"]
        );
        // From a: b and e; the edge between them is not a's, and e–c is beyond depth 1.
        let (nodes, edges) = graph(&chain(), "a", 1).unwrap();
        assert_eq!(nodes, ["a", "b", "e"]);
        assert_eq!(edges, ["a requires b", "a alternative to e"]);
    }

    #[test]
    fn depth_two_adds_the_neighbours_of_neighbours_and_the_edges_among_them() {
        let (nodes, edges) = graph(&chain(), "a", 2).unwrap();
        assert_eq!(nodes, ["a", "b", "e", "c", "f"]);
        assert_eq!(
            edges,
            [
                "a requires b",
                "a alternative to e",
                "b requires c",
                "b conflicts with f",
                "e complements c",
            ]
        );
    }

    #[test]
    fn a_relation_declared_twice_is_drawn_once() {
        let d = data(
            &[
                (
                    "a",
                    r#"[{ "kind": "complements", "pattern": "b" }, { "kind": "requires", "pattern": "b" }]"#,
                ),
                ("b", r#"[{ "kind": "complements", "pattern": "a" }]"#),
            ],
            r#"[{ "pattern": "b", "with": ["a"], "use_case": "u", "example": "x" }]"#,
        );
        let (_, edges) = graph(&d, "a", 2).unwrap();
        assert_eq!(edges, ["a requires b", "a complements b"]);
        let (_, edges) = graph(&d, "b", 2).unwrap();
        assert_eq!(edges, ["a requires b", "b complements a"]);
    }

    #[test]
    fn a_pattern_without_relations_has_no_edges() {
        let (nodes, edges) = graph(&chain(), "g", 2).unwrap();
        assert_eq!((nodes, edges), (vec!["g".to_owned()], Vec::<String>::new()));
    }

    #[test]
    fn a_graph_over_the_limit_is_an_error_that_says_what_to_do() {
        let many = MAX_DIAGRAM_ITEMS + 1;
        let mut patterns: Vec<(String, String)> = vec![(
            "hub".into(),
            r#"[{ "kind": "complements", "pattern": "p0" }]"#.into(),
        )];
        let relations: Vec<String> = (1..=many)
            .map(|i| format!(r#"{{ "kind": "complements", "pattern": "q{i}" }}"#))
            .collect();
        patterns.push(("p0".into(), format!("[{}]", relations.join(", "))));
        patterns.extend((1..=many).map(|i| (format!("q{i}"), "[]".to_owned())));
        let patterns: Vec<(&str, &str)> = (patterns.iter())
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let d = data(&patterns, "[]");
        assert!(graph(&d, "hub", 1).is_ok());
        let error = graph(&d, "hub", 2).unwrap_err();
        assert!(error.contains("too many to draw"), "{error}");
        assert!(
            error.contains("write <<pattern-graph hub depth=1>>"),
            "{error}"
        );
        // One ring out of p0 is too big already: depth=1 would not help.
        for depth in [1, 2] {
            let error = graph(&d, "p0", depth).unwrap_err();
            assert!(error.contains("leave the graph out"), "{error}");
        }
    }
}
