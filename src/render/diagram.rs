//! Diagrams (blueprints and the decision tree) as every renderer gets them: mermaid text with
//! `click` links to pattern pages, and a text alternative beside it. For renderers other than
//! HTML the text alternative is all that is written.

use crate::render::Context;
use crate::render::markdown::html;
use crate::site::Place;

/// A diagram, ready to be written.
pub struct Drawing {
    /// The mermaid text, without links.
    pub mermaid: String,
    /// Diagram node id → where the pattern it stands for is.
    pub links: Vec<(String, Place)>,
    /// How mermaid writes a link in this kind of diagram.
    pub link_style: LinkStyle,
    /// The diagram as Markdown text: a list of edges, messages or tree branches.
    pub alternative: String,
    /// What the diagram shows, for the text alternative's summary: "the decision tree".
    pub subject: String,
}

/// Mermaid's link syntax differs by diagram kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkStyle {
    /// `click NODE "href"` (flowcharts).
    Click,
    /// `link ACTOR: Name @ href` (sequence diagrams).
    ActorLink,
}

/// The diagram for this renderer.
pub fn emit(cx: &Context, drawing: &Drawing) -> String {
    if !cx.html {
        return drawing.alternative.clone();
    }
    let mut mermaid = drawing.mermaid.trim_end().to_owned();
    for (node, place) in &drawing.links {
        // mermaid resolves the link against the page, which is the chapter's HTML file.
        let href = cx.html_href(place);
        mermaid.push_str(&match drawing.link_style {
            LinkStyle::Click => format!("\n    click {node} \"{href}\""),
            LinkStyle::ActorLink => format!("\n    link {node}: Pattern page @ {href}"),
        });
    }
    format!(
        "```mermaid\n{mermaid}\n```\n\n<details class=\"patterns-text-alternative\">\n<summary>{} as text</summary>\n\n{}\n\n</details>\n",
        html(&capitalized(&drawing.subject)),
        drawing.alternative.trim_end()
    )
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
