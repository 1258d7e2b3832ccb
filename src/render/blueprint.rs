//! `<<blueprint domain=D option=O>>`: an option's architecture diagram, with its text
//! alternative (a list of its edges or messages).

use crate::book::directive::Directive;
use crate::data::labels::Key;
use crate::data::model::Direction;
use crate::data::valid::{Blueprint, Diagram};
use crate::render::diagram::{self, Drawing, LinkStyle};
use crate::render::{Context, Output, Problem, find_option};
use crate::text::escape::{fenced, mermaid, text};

pub fn render(cx: &Context, directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    let (domain, option) = find_option(cx, directive)?;
    match (option.valid_blueprint(), &option.blueprint) {
        (Some(blueprint), _) => {
            out.text = diagram(cx, out, blueprint)?;
            Ok(())
        }
        (None, Some(_)) => Err(Problem::new(
            format!(
                "the blueprint of option \"{}\" of domain \"{}\" cannot be shown: it has errors (see them in the data)",
                option.id, domain.id
            ),
            Some("fix the blueprint in the data".into()),
        )),
        (None, None) => Err(Problem::new(
            format!(
                "option \"{}\" of domain \"{}\" has no blueprint",
                option.id, domain.id
            ),
            Some("give the option a \"blueprint\" in the data".into()),
        )),
    }
}

/// The blueprint's title and diagram.
pub fn diagram(cx: &Context, out: &mut Output, blueprint: Blueprint) -> Result<String, Problem> {
    if let Diagram::Mermaid(raw) = blueprint.diagram
        && let Some(problem) = crate::text::untrusted::unsafe_mermaid(raw)
    {
        return Err(problem);
    }
    let mut body = String::new();
    if let Some(title) = blueprint.title {
        body.push_str(&format!("**{}**\n\n", text(title)));
    }
    body.push_str(&diagram::emit(cx, out, &fitting_drawing(cx, &blueprint))?);
    Ok(body)
}

/// The blueprint's drawing, laid out top-down instead when it flows sideways and is wider than
/// mdBook's column at the least size its labels stay readable (and top-down is narrower): a
/// reader then sees it whole without scrolling sideways, where shrinking it to fit would shrink
/// its labels below 10 CSS pixels. Measured on the drawing in either diagram mode, so that
/// mermaid.js gets the same layout.
fn fitting_drawing(cx: &Context, blueprint: &Blueprint) -> Drawing {
    let drawing = drawing(cx, blueprint, None);
    let Diagram::Flowchart(flowchart) = blueprint.diagram else {
        return drawing;
    };
    if !cx.html || !matches!(flowchart.direction, Direction::LR | Direction::RL) {
        return drawing;
    }
    let Some(sideways) = diagram::least_width(cx, &drawing) else {
        return drawing;
    };
    if sideways <= diagram::COLUMN_WIDTH {
        return drawing;
    }
    let top_down = self::drawing(cx, blueprint, Some(Direction::TB));
    match diagram::least_width(cx, &top_down) {
        Some(width) if width < sideways => top_down,
        _ => drawing,
    }
}

/// The blueprint as mermaid, with links for the nodes that are patterns and a text alternative;
/// a flowchart in `direction` where one is given, else in its own.
pub fn drawing(cx: &Context, blueprint: &Blueprint, direction: Option<Direction>) -> Drawing {
    let mut mermaid_text = String::new();
    let mut links = Vec::new();
    let mut alternative = String::new();
    let mut description: Vec<String> = Vec::new();
    let mut link = |id: &str, pattern: Option<&String>| {
        if let Some(place) = pattern.and_then(|p| cx.pattern_place(p)) {
            links.push((id.to_owned(), place.clone()));
        }
    };
    let link_style = match blueprint.diagram {
        Diagram::Flowchart(flowchart) => {
            let direction = direction.unwrap_or(flowchart.direction);
            mermaid_text.push_str(&format!("graph {direction:?}\n"));
            for node in &flowchart.nodes {
                mermaid_text.push_str(&format!("    {}[\"{}\"]\n", node.id, mermaid(&node.label)));
                link(&node.id, node.pattern.as_ref());
            }
            let label = |id: &str| {
                flowchart
                    .nodes
                    .iter()
                    .find(|n| n.id == id)
                    .map_or(id, |n| n.label.as_str())
                    .to_owned()
            };
            let name = |id: &str| match flowchart.nodes.iter().find(|n| n.id == id) {
                Some(node) => match &node.pattern {
                    Some(p) if cx.pattern_name(p) == node.label => cx.pattern_link(p),
                    Some(p) if cx.pattern_place(p).is_some() => {
                        format!("{} ({})", text(&node.label), cx.pattern_link(p))
                    }
                    _ => text(&node.label),
                },
                None => text(id),
            };
            for edge in &flowchart.edges {
                let (from, to) = (label(&edge.from), label(&edge.to));
                match &edge.label {
                    Some(label) => {
                        description.push(format!("{from} → {to} ({label})"));
                        mermaid_text.push_str(&format!(
                            "    {} -->|\"{}\"| {}\n",
                            edge.from,
                            mermaid(label),
                            edge.to
                        ));
                        alternative.push_str(&format!(
                            "- {} → {}: {}\n",
                            name(&edge.from),
                            name(&edge.to),
                            text(label)
                        ));
                    }
                    None => {
                        description.push(format!("{from} → {to}"));
                        mermaid_text.push_str(&format!("    {} --> {}\n", edge.from, edge.to));
                        alternative.push_str(&format!(
                            "- {} → {}\n",
                            name(&edge.from),
                            name(&edge.to)
                        ));
                    }
                }
            }
            LinkStyle::Click
        }
        Diagram::Sequence(sequence) => {
            let reply = format!(" ({})", cx.label_md(Key::DiagramReply, &[]));
            mermaid_text.push_str("sequenceDiagram\n");
            for p in &sequence.participants {
                mermaid_text.push_str(&format!(
                    "    participant {} as {}\n",
                    p.id,
                    mermaid(&p.label)
                ));
                link(&p.id, p.pattern.as_ref());
            }
            let label = |id: &str| {
                sequence
                    .participants
                    .iter()
                    .find(|p| p.id == id)
                    .map_or(id, |p| p.label.as_str())
                    .to_owned()
            };
            let name = |id: &str| text(&label(id));
            for (i, m) in sequence.messages.iter().enumerate() {
                description.push(format!("{} → {}: {}", label(&m.from), label(&m.to), m.text));
                let arrow = if m.reply { "-->>" } else { "->>" };
                mermaid_text.push_str(&format!(
                    "    {}{arrow}{}: {}\n",
                    m.from,
                    m.to,
                    mermaid(&m.text)
                ));
                alternative.push_str(&format!(
                    "{}. {} → {}: {}{}\n",
                    i + 1,
                    name(&m.from),
                    name(&m.to),
                    text(&m.text),
                    if m.reply { &reply } else { "" }
                ));
            }
            LinkStyle::ActorLink
        }
        Diagram::Mermaid(raw) => {
            mermaid_text.push_str(raw.trim_end());
            mermaid_text.push('\n');
            alternative.push_str(&fenced("text", raw));
            alternative.push('\n');
            description.push(cx.label(Key::DiagramRawSource));
            LinkStyle::Click
        }
    };
    Drawing {
        mermaid: mermaid_text,
        links,
        link_style,
        alternative,
        description: description.join("; "),
        subject: blueprint
            .title
            .map(|t| t.trim_end_matches(':').to_owned())
            .unwrap_or_else(|| "the blueprint".to_owned()),
        title: blueprint
            .title
            .map(|t| t.trim_end_matches(':').to_owned())
            .unwrap_or_else(|| cx.label(Key::DiagramBlueprint)),
    }
}
