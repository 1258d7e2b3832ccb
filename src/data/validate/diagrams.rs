//! Blueprints: diagrams described as data (ids, labels, edges, sizes) and raw mermaid, which must
//! be drawable and hold nothing that escapes its place.

use std::collections::HashMap;

use crate::data::Origin;
use crate::data::json_path::JsonPath;
use crate::data::model::Blueprint;
use crate::diag::Problem;
use crate::diag::suggest;

use super::Checker;

/// The longest label a diagram may hold, in characters.
pub const MAX_LABEL_CHARS: usize = 1_000;
/// The most nodes, edges, participants or messages one blueprint may have.
pub const MAX_DIAGRAM_ITEMS: usize = 500;

/// Words that end or restructure a mermaid diagram when used as a node id.
const MERMAID_RESERVED: &[&str] = &[
    "end",
    "graph",
    "flowchart",
    "subgraph",
    "style",
    "class",
    "classDef",
    "click",
    "linkStyle",
    "participant",
    "actor",
    "loop",
    "alt",
    "else",
    "opt",
    "par",
    "and",
    "rect",
    "note",
    "activate",
    "deactivate",
    "autonumber",
];

fn is_diagram_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !MERMAID_RESERVED.contains(&id)
}

impl<'a> Checker<'a> {
    pub(super) fn blueprint(&mut self, origin: &Origin, at: &JsonPath, blueprint: &Blueprint) {
        if blueprint.check().is_err() {
            self.error(
                origin,
                at,
                "a blueprint holds exactly one diagram".into(),
                Some("give it one of \"flowchart\", \"sequence\" or \"mermaid\"".into()),
            );
        }
        if let Some(raw) = &blueprint.mermaid {
            self.raw_mermaid(origin, &at.key("mermaid"), raw);
        }
        if let Some(flowchart) = &blueprint.flowchart {
            let at = at.key("flowchart");
            let nodes: Vec<(&str, Option<&str>)> = flowchart
                .nodes
                .iter()
                .map(|n| (n.id.as_str(), n.pattern.as_deref()))
                .collect();
            self.diagram_members(origin, &at.key("nodes"), "node", &nodes);
            self.diagram_size(origin, &at.key("nodes"), "nodes", flowchart.nodes.len());
            self.diagram_size(origin, &at.key("edges"), "edges", flowchart.edges.len());
            for (i, node) in flowchart.nodes.iter().enumerate() {
                self.label(origin, &at.key("nodes").index(i).key("label"), &node.label);
            }
            let ids: Vec<&str> = nodes.iter().map(|(id, _)| *id).collect();
            for (i, edge) in flowchart.edges.iter().enumerate() {
                let edge_at = at.key("edges").index(i);
                if let Some(label) = &edge.label {
                    self.label(origin, &edge_at.key("label"), label);
                }
                self.diagram_ref(origin, &edge_at.key("from"), "node", &edge.from, &ids);
                self.diagram_ref(origin, &edge_at.key("to"), "node", &edge.to, &ids);
            }
        }
        if let Some(sequence) = &blueprint.sequence {
            let at = at.key("sequence");
            let members: Vec<(&str, Option<&str>)> = sequence
                .participants
                .iter()
                .map(|p| (p.id.as_str(), p.pattern.as_deref()))
                .collect();
            self.diagram_members(origin, &at.key("participants"), "participant", &members);
            let participants = sequence.participants.len();
            self.diagram_size(
                origin,
                &at.key("participants"),
                "participants",
                participants,
            );
            self.diagram_size(
                origin,
                &at.key("messages"),
                "messages",
                sequence.messages.len(),
            );
            for (i, participant) in sequence.participants.iter().enumerate() {
                let label_at = at.key("participants").index(i).key("label");
                self.label(origin, &label_at, &participant.label);
            }
            let ids: Vec<&str> = members.iter().map(|(id, _)| *id).collect();
            for (i, message) in sequence.messages.iter().enumerate() {
                let message_at = at.key("messages").index(i);
                self.label(origin, &message_at.key("text"), &message.text);
                self.diagram_ref(
                    origin,
                    &message_at.key("from"),
                    "participant",
                    &message.from,
                    &ids,
                );
                self.diagram_ref(
                    origin,
                    &message_at.key("to"),
                    "participant",
                    &message.to,
                    &ids,
                );
            }
        }
    }

    /// Raw mermaid must parse, so that it never reaches a reader as a blank box, must not link
    /// to `javascript:` addresses, and must stay the mermaid it is on the page: no line that
    /// could end the code block around it, nothing mdBook's `links` preprocessor would expand.
    pub(super) fn raw_mermaid(&mut self, origin: &Origin, at: &JsonPath, raw: &str) {
        let problem = crate::text::untrusted::unsafe_mermaid(raw).or_else(|| {
            crate::mermaid::check(raw).err().map(|error| {
                Problem::new(
                    format!("the mermaid blueprint cannot be parsed: {error}"),
                    Some("fix the mermaid text, or write the diagram as a \"flowchart\" or a \"sequence\"".into()),
                )
            })
        });
        if let Some(problem) = problem {
            self.error(origin, at, problem.message, problem.help);
        }
    }

    /// A label drawn in a diagram: the renderer's time grows with the square of a label's
    /// length, so a label is kept to what a diagram can show.
    pub(super) fn label(&mut self, origin: &Origin, at: &JsonPath, label: &str) {
        let length = label.chars().count();
        if length > MAX_LABEL_CHARS {
            self.error(
                origin,
                at,
                format!(
                    "this label is {length} characters long; a diagram's labels hold at most {MAX_LABEL_CHARS}"
                ),
                Some("shorten it; say more in the chapter's text".into()),
            );
        }
    }

    /// How many nodes, edges, participants or messages a blueprint has, against what can be
    /// drawn.
    pub(super) fn diagram_size(
        &mut self,
        origin: &Origin,
        at: &JsonPath,
        what: &str,
        count: usize,
    ) {
        if count > MAX_DIAGRAM_ITEMS {
            self.error(
                origin,
                at,
                format!(
                    "the diagram has {count} {what}; a blueprint has at most {MAX_DIAGRAM_ITEMS}"
                ),
                Some("draw a smaller diagram, or split it across options".into()),
            );
        }
    }

    /// The nodes or participants of a diagram: ids well-formed and unique, patterns known.
    pub(super) fn diagram_members(
        &mut self,
        origin: &Origin,
        at: &JsonPath,
        what: &str,
        members: &[(&str, Option<&str>)],
    ) {
        if members.is_empty() {
            self.error(
                origin,
                at,
                format!("a diagram needs at least one {what}"),
                None,
            );
        }
        let mut seen = HashMap::new();
        for (i, (id, pattern)) in members.iter().enumerate() {
            let member_at = at.index(i);
            if !is_diagram_id(id) {
                self.error(
                    origin,
                    &member_at.key("id"),
                    format!("{what} id \"{id}\" cannot be used in a diagram"),
                    Some(
                        "diagram ids start with a letter and hold only letters, digits and \
                         underscores, and are not mermaid keywords such as \"end\""
                            .into(),
                    ),
                );
            }
            if let Some(first) = seen.insert(*id, i) {
                self.error(
                    origin,
                    &member_at.key("id"),
                    format!("{what} \"{id}\" appears twice in this diagram"),
                    Some(format!("the first is [{first}]; rename or remove one")),
                );
            }
            if let Some(pattern) = pattern {
                self.pattern_ref(origin, || member_at.key("pattern"), pattern);
            }
        }
    }

    pub(super) fn diagram_ref(
        &mut self,
        origin: &Origin,
        at: &JsonPath,
        what: &str,
        id: &str,
        ids: &[&str],
    ) {
        if !ids.contains(&id) {
            let help = suggest::help(id, ids.iter().copied())
                .or_else(|| Some(format!("declare the {what} first, or fix the id")));
            self.error(origin, at, format!("unknown {what} \"{id}\""), help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagram_ids() {
        assert!(is_diagram_id("LB"));
        assert!(is_diagram_id("app_1"));
        assert!(!is_diagram_id("end"));
        assert!(!is_diagram_id("1a"));
        assert!(!is_diagram_id("a-b"));
    }
}
