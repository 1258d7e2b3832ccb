//! Diagrams (blueprints and the decision tree) as every renderer gets them. For HTML: an inline
//! SVG drawn at build time (`diagrams = "svg"`) or mermaid text for mdbook-mermaid
//! (`diagrams = "mermaid"`), pattern nodes linked to their pages either way, with a text
//! alternative beside it. For other renderers the text alternative is all that is written.

use crate::book::config::Diagrams;
use crate::book::site::Place;
use crate::data::labels::Key;
use crate::render::svg::Caption;
use crate::render::{Context, Output, Problem};
use crate::text::escape::{fenced, html};

/// What every diagram id of a piece starts with until it is written; no text of a book holds it
/// (and one that did would only have a number replaced).
pub const DIAGRAM_MARK: &str = "patterns-x7f3a9c1-diagram-";
/// The digits of a diagram's number after [`DIAGRAM_MARK`].
pub const MARK_DIGITS: usize = 8;

/// The id of a piece's `number`-th diagram (from 1) until the piece is written.
pub fn diagram_mark(number: usize) -> String {
    format!("{DIAGRAM_MARK}{number:0MARK_DIGITS$}")
}

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
    /// The diagram's content as one plain sentence, for the SVG's `<desc>`.
    pub description: String,
    /// What the diagram shows, for errors: "the decision tree".
    pub subject: String,
    /// Its title, for readers: the SVG's `<title>` and what opens the text alternative.
    pub title: String,
}

/// Mermaid's link syntax differs by diagram kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkStyle {
    /// `click NODE "href"` (flowcharts).
    Click,
    /// `link ACTOR: Name @ href` (sequence diagrams).
    ActorLink,
}

/// The diagram for this renderer; one drawn at build time is counted in `out`.
pub fn emit(cx: &Context, out: &mut Output, drawing: &Drawing) -> Result<String, Problem> {
    if !cx.html {
        return Ok(drawing.alternative.clone());
    }
    // Drawn at build time, a sequence diagram's participants are wrapped in links afterwards;
    // mermaid's own `link` lines make menus that need its JavaScript.
    let (linked, participant_links) = match (cx.diagrams, drawing.link_style) {
        (Diagrams::Svg, LinkStyle::ActorLink) => (
            &[][..],
            drawing
                .links
                .iter()
                .map(|(node, place)| (node.clone(), cx.html_href(place)))
                .collect(),
        ),
        _ => (&drawing.links[..], Vec::new()),
    };
    let mermaid = with_links(cx, drawing, linked);
    let title = capitalized(&drawing.title);
    let picture = match cx.diagrams {
        Diagrams::Mermaid => {
            let mermaid = with_caption(&mermaid, &title, &drawing.description);
            fenced("mermaid", &mermaid)
        }
        Diagrams::Svg => {
            let id = out.next_diagram_id();
            let drawn = draw(cx, drawing, &mermaid, &id, &participant_links);
            let svg = drawn.map_err(|error| {
                Problem::new(
                    format!("{} cannot be drawn: {error}", drawing.subject),
                    Some(
                        "fix the diagram's data, or set diagrams = \"mermaid\" in [preprocessor.patterns] to leave drawing to mdbook-mermaid".into(),
                    ),
                )
            })?;
            format!(
                "<figure class=\"patterns-diagram\" tabindex=\"0\" style=\"margin: 1em 0; overflow-x: auto\">{svg}</figure>"
            )
        }
    };
    Ok(format!(
        "{picture}\n\n<details class=\"patterns-text-alternative\">\n<summary>{}</summary>\n\n{}\n\n</details>\n",
        html(&cx.data.labels.get(Key::DiagramAsText).plain(&[&title])),
        drawing.alternative.trim_end()
    ))
}

/// The drawing as an inline SVG (drawn once a build, see [`crate::render::svg::Drawings`]).
fn draw(
    cx: &Context,
    drawing: &Drawing,
    mermaid: &str,
    id: &str,
    participant_links: &[(String, String)],
) -> Result<String, String> {
    let title = capitalized(&drawing.title);
    cx.drawings
        .draw(mermaid, id, &caption(drawing, &title), participant_links)
}

fn caption<'a>(drawing: &'a Drawing, title: &'a str) -> Caption<'a> {
    Caption {
        title,
        description: &drawing.description,
    }
}

/// The width of mdBook's content column in CSS pixels (its theme's `--content-max-width`).
pub const COLUMN_WIDTH: f64 = 750.0;

/// The least width, in CSS pixels, at which a flowchart's labels stay readable: three quarters
/// of its drawn size (an SVG drawn at build time shrinks no further, see `svg::root`). `None`
/// where it cannot be drawn; the directive then reports why when it draws it for the page.
/// Drawn as the page will draw it, so that the page finds it drawn.
pub fn least_width(cx: &Context, drawing: &Drawing) -> Option<f64> {
    let mermaid = with_links(cx, drawing, &drawing.links);
    let title = capitalized(&drawing.title);
    cx.drawings
        .least_width(&mermaid, &caption(drawing, &title), &[])
}

/// The mermaid text with a link line for each of `links`.
fn with_links(cx: &Context, drawing: &Drawing, links: &[(String, Place)]) -> String {
    let mut mermaid = drawing.mermaid.trim_end().to_owned();
    // Before ` @ `, which starts the address: an `@` of the label would start it early.
    let link_text = crate::text::escape::mermaid(&cx.label(Key::DiagramLink)).replace('@', " ");
    for (node, place) in links {
        // Links resolve against the page, which is the chapter's HTML file.
        let href = cx.html_href(place);
        mermaid.push_str(&match drawing.link_style {
            LinkStyle::Click => format!("\n    click {node} \"{href}\""),
            LinkStyle::ActorLink => format!("\n    link {node}: {} @ {href}", link_text),
        });
    }
    mermaid
}

/// The mermaid text with `accTitle` and `accDescr` lines, from which mermaid.js writes the SVG's
/// `<title>` and `<desc>`; left as it is when it is not one of our flowcharts or sequence
/// diagrams, or already has them. Those lines end at a line break and cannot hold entity codes,
/// so a `;` (which would end the statement) becomes a comma and characters mermaid would read as
/// markup become spaces.
fn with_caption(mermaid: &str, title: &str, description: &str) -> String {
    let (first, rest) = mermaid.split_once('\n').unwrap_or((mermaid, ""));
    let ours = first.starts_with("graph ") || first == "sequenceDiagram";
    if !ours || mermaid.contains("accTitle") || mermaid.contains("accDescr") {
        return mermaid.to_owned();
    }
    let plain = |text: &str| -> String {
        text.chars()
            .map(|c| match c {
                ';' => ',',
                '#' | '<' | '>' | '{' | '}' | '%' | '\r' | '\n' => ' ',
                c => c,
            })
            .collect()
    };
    format!(
        "{first}\n    accTitle: {}\n    accDescr: {}\n{rest}",
        plain(title),
        plain(description)
    )
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
