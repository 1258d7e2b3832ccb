//! `<<blueprint domain=D option=O>>`: an option's architecture diagram, as a mermaid fence.

use crate::directive::Directive;
use crate::model::{Blueprint, Diagram};
use crate::render::markdown::{mermaid, text};
use crate::render::{Context, Problem, find_option};

pub fn render(cx: &Context, directive: &Directive) -> Result<String, Problem> {
    let (domain, option) = find_option(cx.data, directive)?;
    match &option.blueprint {
        Some(blueprint) => Ok(diagram(cx, blueprint)),
        None => Err(Problem::new(
            format!(
                "option \"{}\" of domain \"{}\" has no blueprint",
                option.id, domain.id
            ),
            Some("give the option a \"blueprint\" in the data".into()),
        )),
    }
}

/// The blueprint's title and diagram.
pub fn diagram(_cx: &Context, blueprint: &Blueprint) -> String {
    let mut out = String::new();
    if let Some(title) = &blueprint.title {
        out.push_str(&format!("**{}**\n\n", text(title)));
    }
    out.push_str("```mermaid\n");
    match blueprint.diagram() {
        Some(Diagram::Flowchart(flowchart)) => {
            out.push_str(&format!("graph {:?}\n", flowchart.direction));
            for node in &flowchart.nodes {
                out.push_str(&format!("    {}[\"{}\"]\n", node.id, mermaid(&node.label)));
            }
            for edge in &flowchart.edges {
                match &edge.label {
                    Some(label) => out.push_str(&format!(
                        "    {} -->|\"{}\"| {}\n",
                        edge.from,
                        mermaid(label),
                        edge.to
                    )),
                    None => out.push_str(&format!("    {} --> {}\n", edge.from, edge.to)),
                }
            }
        }
        Some(Diagram::Sequence(sequence)) => {
            out.push_str("sequenceDiagram\n");
            for p in &sequence.participants {
                out.push_str(&format!(
                    "    participant {} as {}\n",
                    p.id,
                    mermaid(&p.label)
                ));
            }
            for m in &sequence.messages {
                let arrow = if m.reply { "-->>" } else { "->>" };
                out.push_str(&format!(
                    "    {}{arrow}{}: {}\n",
                    m.from,
                    m.to,
                    mermaid(&m.text)
                ));
            }
        }
        Some(Diagram::Mermaid(raw)) => {
            out.push_str(raw.trim_end());
            out.push('\n');
        }
        None => {}
    }
    out.push_str("```\n");
    out
}
