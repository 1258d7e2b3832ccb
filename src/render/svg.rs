//! Mermaid text drawn at build time as an inline SVG (by the pure-Rust renderer `merman`), then
//! checked to be safe to inline, given a `<title>` and `<desc>`, and coloured from the mdBook
//! theme's own CSS variables so that it reads in all five themes.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use quick_xml::XmlVersion;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::reader::Reader;
use quick_xml::writer::Writer;

use crate::mermaid;
use crate::text::untrusted::{check_css, holds_mdbook_link, squeezed};

/// What one diagram is called and says, for readers who cannot see it.
pub struct Caption<'a> {
    pub title: &'a str,
    pub description: &'a str,
}

/// The diagrams drawn so far in a build. A book shows the same diagram in many places (the
/// decision tree, an option's blueprint on its page and in the wizard): each is drawn once, with
/// a stand-in id, and every copy gets its own id by replacing the stand-in.
#[derive(Default)]
pub struct Drawings {
    /// Source, caption and links → the drawing, made by the first chapter that needs it; the
    /// chapters drawn at the same time wait for it rather than draw it again.
    drawn: Mutex<HashMap<String, Arc<Slot>>>,
}

/// A drawing, or why it could not be drawn, once the first chapter that needs it has drawn it.
type Slot = OnceLock<Result<String, String>>;

/// The id a diagram is drawn with before it has its own; no label of the data holds it.
const STAND_IN_ID: &str = "patterns-x7f3a9c1-stand-in";

impl Drawings {
    /// [`draw`], from the diagrams drawn before where possible.
    ///
    /// The error is a reason, not a [`Problem`](crate::diag::Problem): the renderer's message
    /// or what makes the SVG unsafe to inline, which the directive quotes inside its own problem
    /// ("… cannot be drawn: …", see `diagram::emit`), with the help.
    pub fn draw(
        &self,
        source: &str,
        id: &str,
        caption: &Caption,
        participant_links: &[(String, String)],
    ) -> Result<String, String> {
        let slot = self.slot(source, caption, participant_links);
        let svg = slot.get_or_init(|| draw(source, STAND_IN_ID, caption, participant_links));
        let id = mermaid::sanitized_id(id);
        svg.as_ref()
            .map(|svg| svg.replace(STAND_IN_ID, &id))
            .map_err(Clone::clone)
    }

    /// The least width of the drawing in CSS pixels (its `min-width`, see [`root`]), drawn
    /// first if no chapter has drawn it; `None` where it cannot be drawn. Read from the drawing
    /// kept, without copying it.
    pub fn least_width(
        &self,
        source: &str,
        caption: &Caption,
        participant_links: &[(String, String)],
    ) -> Option<f64> {
        let slot = self.slot(source, caption, participant_links);
        let svg = slot.get_or_init(|| draw(source, STAND_IN_ID, caption, participant_links));
        let style = svg.as_ref().ok()?.split_once("min-width: ")?.1;
        style.split_once("px")?.0.parse().ok()
    }

    /// Where the drawing of `source` with `caption` and `participant_links` is kept.
    fn slot(
        &self,
        source: &str,
        caption: &Caption,
        participant_links: &[(String, String)],
    ) -> Arc<Slot> {
        let key = format!(
            "{source}\u{0}{}\u{0}{}\u{0}{participant_links:?}",
            caption.title, caption.description
        );
        let mut drawn = self.drawn.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(drawn.entry(key).or_default())
    }
}

/// Draws `source` as an SVG whose element ids all start with `id`. `participant_links` maps
/// sequence participants to addresses (mermaid's own `link` lines make menus that only its
/// JavaScript opens). The result is one line, ready to sit inside a Markdown HTML block.
fn draw(
    source: &str,
    id: &str,
    caption: &Caption,
    participant_links: &[(String, String)],
) -> Result<String, String> {
    let id = mermaid::sanitized_id(id);
    let svg = mermaid::draw(source, &id)?;
    let svg = braces_as_entities(&scoped(&svg, &id, caption, participant_links)?);
    check_safe(&svg)?;
    // One line, so that no blank line ends the Markdown HTML block it sits in.
    Ok(svg.trim_end().replace(['\r', '\n'], " "))
}

/// The SVG as the page gets it, in one pass over the renderer's: every element id made to start
/// with the diagram's `id` (the renderer leaves some bare, like a sequence diagram's `actor0`,
/// which could clash with the page's own, and uses some twice); participants wrapped in their
/// links; layout data the page has no use for dropped; what HTML does not allow made valid
/// (`name` attributes dropped, a label's span that holds a paragraph written as a `<div>`); and
/// on the root, a title and description
/// (unless the mermaid text gave its own), a least width, and the theme's colours.
fn scoped(
    svg: &str,
    id: &str,
    caption: &Caption,
    participant_links: &[(String, String)],
) -> Result<String, String> {
    let own_title = !svg.contains("<title");
    let as_div = spans_holding_blocks(svg)?;
    let mut reader = Reader::from_str(svg);
    let mut writer = Writer::new(Vec::new());
    let mut seen = HashSet::new();
    let mut depth = 0usize;
    let mut close_link_at = Vec::new();
    // The start tags read so far, and for each element still open, whether it became a <div>.
    let mut starts = 0usize;
    let mut renamed = Vec::new();
    let bad = |e: &dyn std::fmt::Display| format!("the drawn SVG is not well-formed: {e}");
    loop {
        match reader.read_event().map_err(|e| bad(&e))? {
            Event::Start(tag) => {
                let (mut tag, href) = rewritten(&tag, id, &mut seen, participant_links)?;
                renamed.push(as_div.contains(&starts));
                if as_div.contains(&starts) {
                    tag.set_name("div");
                }
                starts += 1;
                if let Some(href) = href {
                    let mut link = BytesStart::new("a");
                    link.push_attribute(("href", href.as_str()));
                    writer
                        .write_event(Event::Start(link))
                        .map_err(|e| bad(&e))?;
                    close_link_at.push(depth);
                }
                if depth == 0 {
                    tag = root(&tag, id, own_title)?;
                }
                writer.write_event(Event::Start(tag)).map_err(|e| bad(&e))?;
                if depth == 0 && own_title {
                    for (element, text) in [("title", caption.title), ("desc", caption.description)]
                    {
                        let open = BytesStart::new(element)
                            .with_attributes([("id", format!("{id}-{element}").as_str())]);
                        writer
                            .write_event(Event::Start(open))
                            .map_err(|e| bad(&e))?;
                        writer
                            .write_event(Event::Text(BytesText::new(text)))
                            .map_err(|e| bad(&e))?;
                        writer
                            .write_event(Event::End(BytesEnd::new(element)))
                            .map_err(|e| bad(&e))?;
                    }
                }
                depth += 1;
            }
            Event::Empty(tag) => {
                let (tag, _) = rewritten(&tag, id, &mut seen, participant_links)?;
                writer.write_event(Event::Empty(tag)).map_err(|e| bad(&e))?;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                let end = match renamed.pop() {
                    Some(true) => BytesEnd::new("div"),
                    _ => end,
                };
                if depth == 0 {
                    // Last in the SVG, so that its rules follow the renderer's.
                    let style = theme_style(id);
                    writer
                        .write_event(Event::Text(BytesText::from_escaped(style)))
                        .map_err(|e| bad(&e))?;
                }
                writer.write_event(Event::End(end)).map_err(|e| bad(&e))?;
                if close_link_at.last() == Some(&depth) {
                    close_link_at.pop();
                    writer
                        .write_event(Event::End(BytesEnd::new("a")))
                        .map_err(|e| bad(&e))?;
                }
            }
            Event::Eof => break,
            other => writer.write_event(other).map_err(|e| bad(&e))?,
        }
    }
    String::from_utf8(writer.into_inner()).map_err(|e| bad(&e))
}

/// The start tags (counted from 0 in the order they open) of the `<span>`s in a label that hold
/// a paragraph or a `<div>`. The renderer writes a label as `<span><p>…</p></span>`, which HTML
/// does not allow (a span holds only phrasing content); the page gets each such span as a
/// `<div>`, which lays out the same: the paragraph inside was a block already.
fn spans_holding_blocks(svg: &str) -> Result<HashSet<usize>, String> {
    let mut reader = Reader::from_str(svg);
    // The open elements: whether each is a span, and its start tag's number.
    let mut open: Vec<(bool, usize)> = Vec::new();
    let mut found = HashSet::new();
    let mut starts = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("the drawn SVG is not well-formed: {e}"))?;
        match event {
            Event::Start(ref tag) | Event::Empty(ref tag) => {
                let name = tag.local_name().as_ref().to_ascii_lowercase();
                if let ("p" | "div", Some(&(true, span))) = (name.as_str(), open.last()) {
                    found.insert(span);
                }
                if matches!(event, Event::Start(_)) {
                    open.push((name == "span", starts));
                    starts += 1;
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(found)
}

/// The SVG with every `{` outside its style sheets written `&#123;`, which reads the same, so
/// that no label leaves a `{{#include …}}` for mdBook's `links` preprocessor to expand.
fn braces_as_entities(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(start) = rest.find('{') {
        let (before, after) = rest.split_at(start);
        // A style sheet before the brace is copied as it is, braces and all.
        match before
            .rfind("<style")
            .filter(|&at| !before[at..].contains("</style>"))
        {
            Some(_) => {
                let end = after
                    .find("</style>")
                    .map_or(after.len(), |at| at + "</style>".len());
                out.push_str(before);
                out.push_str(&after[..end]);
                rest = &after[end..];
            }
            None => {
                out.push_str(before);
                out.push_str("&#123;");
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The root `<svg>`: labelled by our title and description when it has no title of its own,
/// and kept from shrinking below three quarters of its size. (The renderer lets an SVG shrink to
/// any width, which makes a wide diagram's text too small to read in a narrow column; the
/// figure around it scrolls instead.)
fn root(tag: &BytesStart, id: &str, own_title: bool) -> Result<BytesStart<'static>, String> {
    if tag.local_name().as_ref() != "svg" {
        return Err(format!(
            "the drawn SVG starts with <{}>",
            tag.local_name().as_ref()
        ));
    }
    let mut out = BytesStart::new("svg");
    for attribute in tag.attributes() {
        let attribute = attribute.map_err(|e| format!("the drawn SVG has a bad attribute: {e}"))?;
        let key = attribute.key.as_ref().to_owned();
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| format!("the drawn SVG has a bad attribute value: {e}"))?;
        match key.as_str() {
            "aria-labelledby" | "aria-describedby" if own_title => {}
            "style" => out.push_attribute(("style", readable_width(&value).as_str())),
            _ => out.push_attribute((key.as_str(), value.as_ref())),
        }
    }
    if own_title {
        out.push_attribute(("aria-labelledby", format!("{id}-title").as_str()));
        out.push_attribute(("aria-describedby", format!("{id}-desc").as_str()));
    }
    Ok(out)
}

/// One tag with its id scoped and `data-points` and `name` dropped, and the address to wrap it in when it is
/// a participant with a link.
fn rewritten(
    tag: &BytesStart,
    id: &str,
    seen: &mut HashSet<String>,
    participant_links: &[(String, String)],
) -> Result<(BytesStart<'static>, Option<String>), String> {
    let mut out = BytesStart::new(tag.name().as_ref().to_owned());
    let mut participant = false;
    let mut data_id = None;
    for attribute in tag.attributes() {
        let attribute = attribute.map_err(|e| format!("the drawn SVG has a bad attribute: {e}"))?;
        let key = attribute.key.as_ref().to_owned();
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| format!("the drawn SVG has a bad attribute value: {e}"))?
            .into_owned();
        match key.as_str() {
            // `name` is no attribute of SVG (the renderer writes a participant's on its shapes,
            // which carry it as `data-id` too).
            "data-points" | "name" => continue,
            "id" => {
                let mut scoped = match value.starts_with(id) {
                    true => value,
                    false => format!("{id}-{value}"),
                };
                let base = scoped.clone();
                let mut n = 1;
                while !seen.insert(scoped.clone()) {
                    n += 1;
                    scoped = format!("{base}-{n}");
                }
                out.push_attribute(("id", scoped.as_str()));
                continue;
            }
            "data-et" if value == "participant" => participant = true,
            "data-id" => data_id = Some(value.clone()),
            _ => {}
        }
        out.push_attribute((key.as_str(), value.as_str()));
    }
    let href = match (participant, data_id) {
        (true, Some(data_id)) => participant_links
            .iter()
            .find(|(p, _)| *p == data_id)
            .map(|(_, href)| href.clone()),
        _ => None,
    };
    Ok((out, href))
}

/// `style` with a `min-width` of three quarters of its `max-width`.
fn readable_width(style: &str) -> String {
    let Some(start) = style.find("max-width: ") else {
        return style.to_owned();
    };
    let number = &style[start + "max-width: ".len()..];
    let len = number
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(number.len());
    match number[..len].parse::<f64>() {
        Ok(width) if number[len..].starts_with("px;") => {
            let at = start + "max-width: ".len() + len + "px;".len();
            format!(
                "{} min-width: {:.0}px;{}",
                &style[..at],
                width * 0.75,
                &style[at..]
            )
        }
        _ => style.to_owned(),
    }
}

/// CSS selectors (within the diagram) and the two declarations they get.
type Rule = (&'static [&'static str], [(&'static str, &'static str); 2]);

/// Colours from mdBook's theme variables (`--fg`, `--bg`, `--links`, `--quote-bg`), so one SVG
/// serves the light and the dark themes; the fallbacks are for pages without them. They are
/// `!important`: the renderer's own rules are as specific, or more.
fn theme_style(id: &str) -> String {
    const FG: &str = "var(--fg, #333)";
    const BG: &str = "var(--bg, #fff)";
    const BOX: &str = "var(--quote-bg, #f2f2f2)";
    const LINK: &str = "var(--links, #20609f)";
    let rules: [Rule; 11] = [
        // Letters.
        (
            &[
                "",
                "text",
                "tspan",
                "text.actor > tspan",
                ".label text",
                ".label",
                "span",
                "p",
            ],
            [("fill", FG), ("color", FG)],
        ),
        // Labels are HTML, measured by the renderer for its 16px font on 24px lines, which the
        // reader may not have: the text is set a little smaller on the same lines, and wraps
        // within the box the renderer made for it, so that it stays inside its shape.
        (
            &["foreignObject div", "foreignObject span", "foreignObject p"],
            [
                (
                    "font",
                    "15px/24px \"trebuchet ms\", verdana, arial, sans-serif",
                ),
                ("margin", "0"),
            ],
        ),
        (
            &["foreignObject > div"],
            [("width", "100%"), ("max-width", "none")],
        ),
        // mdBook writes the page with a line break before each paragraph, which the renderer's
        // `break-spaces` would show as an empty first line.
        (
            &["foreignObject > div[style*=\"break-spaces\"]"],
            [("white-space", "normal"), ("display", "table")],
        ),
        // Shapes: nodes, participants, notes.
        (
            &[
                ".node rect",
                ".node circle",
                ".node ellipse",
                ".node polygon",
                ".node path",
                "rect.actor",
                ".note",
                ".labelBox",
            ],
            [("fill", BOX), ("stroke", FG)],
        ),
        // Lines: edges, messages, lifelines.
        (
            &[
                ".flowchart-link",
                ".edgePaths .path",
                ".messageLine0",
                ".messageLine1",
                ".actor-line",
                ".loopLine",
                "line",
            ],
            [("stroke", FG), ("fill", "none")],
        ),
        // Arrowheads.
        (
            &[
                "marker path",
                "marker circle",
                "marker polygon",
                ".arrowheadPath",
            ],
            [("fill", FG), ("stroke", FG)],
        ),
        // The ground behind an edge's label.
        (
            &[".edgeLabel rect", ".edgeLabel .background"],
            [("fill", BG), ("opacity", "1")],
        ),
        (
            &[".labelBkg", ".edgeLabel", ".edgeLabel p"],
            [("background-color", BG), ("opacity", "1")],
        ),
        // A node that links keeps the text colour, which reads on the node's fill in every theme
        // (the link colour does not), and shows that it links by its underline and its border.
        (
            &["a text", "a tspan", "a p"],
            [("text-decoration", "underline"), ("cursor", "pointer")],
        ),
        (
            &["a .node rect", "a .node polygon", "a rect.actor"],
            [("stroke", LINK), ("stroke-width", "2px")],
        ),
    ];
    let mut css = String::new();
    for (selectors, declarations) in rules {
        let selectors: Vec<String> = selectors
            .iter()
            .map(|s| format!("#{id} {s}").trim_end().to_owned())
            .collect();
        let declarations: Vec<String> = declarations
            .iter()
            .map(|(property, value)| format!("{property}:{value} !important"))
            .collect();
        css.push_str(&format!(
            "{}{{{}}}",
            selectors.join(","),
            declarations.join(";")
        ));
    }
    format!("<style>{css}</style>")
}

/// Elements that run code, load other documents or change attributes after load.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "iframe",
    "object",
    "embed",
    "image",
    "feimage",
    "animate",
    "animatemotion",
    "animatetransform",
    "set",
    "handler",
    "listener",
];

/// The HTML a label inside `<foreignObject>` may hold: text and inline formatting.
const LABEL_ELEMENTS: &[&str] = &[
    "div", "span", "p", "br", "b", "i", "strong", "em", "s", "u", "code", "sub", "sup", "small",
];

/// Checks that the SVG holds nothing that runs, loads or links off the page: no script, no event
/// handler, no link but to a relative address or an http(s) or mailto one, no style that fetches,
/// nothing in a label's HTML but text and inline formatting.
fn check_safe(svg: &str) -> Result<(), String> {
    let mut reader = Reader::from_str(svg);
    let mut seen_root = false;
    let mut in_style = false;
    // How deep inside a <foreignObject> (a label's HTML) the reader is; 0 outside.
    let mut in_label = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("the drawn SVG is not well-formed: {e}"))?;
        match event {
            Event::Start(ref tag) | Event::Empty(ref tag) => {
                check_tag(tag)?;
                let name = tag.local_name().as_ref().to_lowercase();
                in_style = name == "style";
                if in_label > 0 && !LABEL_ELEMENTS.contains(&name.as_str()) {
                    return Err(format!("a label of the drawn SVG holds a <{name}> element"));
                }
                if matches!(event, Event::Start(_)) && (in_label > 0 || name == "foreignobject") {
                    in_label += 1;
                }
                if !seen_root && name != "svg" {
                    return Err(format!("the drawn SVG starts with <{name}>"));
                }
                seen_root = true;
            }
            Event::End(_) => {
                in_style = false;
                in_label = in_label.saturating_sub(1);
            }
            Event::Text(text) if in_style => check_css(&text.xml10_content())?,
            Event::CData(_) => return Err("the drawn SVG holds a CDATA section".into()),
            Event::Eof => break,
            _ => {}
        }
    }
    if holds_mdbook_link(svg) {
        return Err("the drawn SVG's style holds an mdBook link such as {{#include …}}".into());
    }
    match seen_root {
        true => Ok(()),
        false => Err("the renderer drew no <svg> element".to_owned()),
    }
}

fn check_tag(tag: &BytesStart) -> Result<(), String> {
    let name = tag.local_name().as_ref().to_lowercase();
    if FORBIDDEN_ELEMENTS.contains(&name.as_str()) {
        return Err(format!("the drawn SVG holds a <{name}> element"));
    }
    for attribute in tag.attributes() {
        let attribute = attribute.map_err(|e| format!("the drawn SVG has a bad attribute: {e}"))?;
        let key = attribute.key.as_ref().to_lowercase();
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| format!("the drawn SVG has a bad attribute value: {e}"))?;
        if key.starts_with("on") {
            return Err(format!("the drawn SVG has an event handler ({key})"));
        }
        if key == "href" || key.ends_with(":href") {
            check_href(&value)?;
        }
        if key == "style" {
            check_css(&value)?;
        }
        if squeezed(&value).contains("javascript:") {
            return Err(format!("the drawn SVG has a javascript: address in {key}"));
        }
    }
    Ok(())
}

/// An address may be relative (to a page of the book, or `#` within this one) or use http,
/// https or mailto.
fn check_href(value: &str) -> Result<(), String> {
    let value = squeezed(value);
    let scheme = value
        .split_once(':')
        .filter(|(before, _)| !before.contains(['/', '?', '#']))
        .map(|(scheme, _)| scheme);
    match scheme {
        None | Some("http" | "https" | "mailto") => Ok(()),
        Some(scheme) => Err(format!(
            "the drawn SVG links to a \"{scheme}:\" address; only relative, http(s) and mailto links may be inlined"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caption() -> Caption<'static> {
        Caption {
            title: "A <title> & \"more\"",
            description: "A to B",
        }
    }

    #[test]
    fn draws_a_flowchart_with_title_desc_links_and_theme_colours() {
        let svg = draw(
            "graph LR\n    A[\"Alpha\"]\n    B[\"Beta\"]\n    A --> B\n    click A \"patterns/a.html\"\n",
            "patterns-test-1",
            &caption(),
            &[],
        )
        .expect("a drawing");
        assert!(svg.starts_with("<svg id=\"patterns-test-1\""), "{svg}");
        assert!(svg.contains(
            "<title id=\"patterns-test-1-title\">A &lt;title&gt; &amp; &quot;more&quot;</title>"
        ));
        assert!(svg.contains("<desc id=\"patterns-test-1-desc\">A to B</desc>"));
        assert!(svg.contains("aria-labelledby=\"patterns-test-1-title\""));
        assert!(svg.contains("href=\"patterns/a.html\""));
        assert!(svg.contains("var(--fg, #333)"));
        assert!(!svg.contains('\n'));
        assert!(svg.ends_with("</style></svg>"));
        assert_eq!(svg.matches("</svg>").count(), 1);
        assert!(
            svg.contains("<div class=\"nodeLabel\"><p>Alpha</p></div>"),
            "a label's span that holds a paragraph is a div: {svg}"
        );
        assert!(!svg.contains("<span class=\"nodeLabel\"><p>"), "{svg}");
    }

    #[test]
    fn writes_no_attribute_or_nesting_that_html_forbids() {
        let svg = draw(
            "sequenceDiagram\n    participant A as Alpha\n    participant B as Beta\n    A->>B: hi\n",
            "patterns-test-2",
            &caption(),
            &[],
        )
        .expect("a drawing");
        assert!(!svg.contains(" name=\""), "no name attribute: {svg}");
        assert!(svg.contains("data-id=\"A\""), "{svg}");
        let nested = "<svg><foreignObject><div><span class=\"a\"><p>x</p><span>y<b>z</b></span></span><span>w</span></div></foreignObject></svg>";
        let out = scoped(nested, "i", &caption(), &[]).expect("rewritten");
        assert!(
            out.contains(
                "<div><div class=\"a\"><p>x</p><span>y<b>z</b></span></div><span>w</span></div>"
            ),
            "{out}"
        );
    }

    #[test]
    fn a_diagram_drawn_again_is_the_same_with_its_own_id() {
        let drawings = Drawings::default();
        let source = "sequenceDiagram\n    participant A as Alpha\n    participant B as Beta\n    A->>B: hi\n";
        let links = [("B".to_owned(), "patterns/b.html".to_owned())];
        for id in ["patterns-a-1", "patterns-b-c-2", "patterns-a-1"] {
            assert_eq!(
                drawings.draw(source, id, &caption(), &links),
                draw(source, id, &caption(), &links)
            );
        }
        assert_eq!(drawings.drawn.lock().unwrap().len(), 1, "drawn once");
        assert!(
            drawings
                .draw("graph TD\n    A --> B[oops\n", "x", &caption(), &[])
                .is_err()
        );
    }

    #[test]
    fn refuses_what_would_run_or_fetch() {
        for (bad, why) in [
            ("<svg><script>alert(1)</script></svg>", "<script>"),
            ("<svg><g onclick=\"alert(1)\"/></svg>", "event handler"),
            (
                "<svg><a href=\" JaVa\tscript:alert(1)\"/></svg>",
                "\"javascript:\"",
            ),
            (
                "<svg><a xlink:href=\"data:text/html,x\"/></svg>",
                "\"data:\"",
            ),
            (
                "<svg><foreignObject><div><iframe/></div></foreignObject></svg>",
                "<iframe>",
            ),
            (
                "<svg><foreignObject><form/></foreignObject></svg>",
                "<form>",
            ),
            ("<svg><set attributeName=\"href\" to=\"x\"/></svg>", "<set>"),
            (
                "<svg><style>@import url(http://x/)</style></svg>",
                "imports",
            ),
            ("<svg><rect style=\"fill:url(http://x/a)\"/></svg>", "url()"),
            (
                "<svg><rect style=\"fill:u\\72 l(http://x/a)\"/></svg>",
                "url()",
            ),
            (
                "<svg><rect style=\"fill:\\75\\72\\6c(http://x/a)\"/></svg>",
                "url()",
            ),
            ("<svg><style>a{b:u\\rl(//x/a)}</style></svg>", "url()"),
            ("<svg><style>a{b:ur/**/l(//x/a)}</style></svg>", "url()"),
            (
                "<svg><rect style=\"fill:image-set('http://x/a' 1x)\"/></svg>",
                "image-set(",
            ),
            (
                "<svg><style>a{x:\"{{#include secret}}\"}</style></svg>",
                "mdBook link",
            ),
            ("<g/>", "starts with <g>"),
        ] {
            let error = check_safe(bad).expect_err(bad);
            assert!(error.contains(why), "{bad}: {error}");
        }
        for good in [
            "<svg><a href=\"../patterns/x.html#top\"/></svg>",
            "<svg><a href=\"https://example.org/\"/></svg>",
            "<svg><rect style=\"fill:url(#grad)\"/></svg>",
            "<svg><foreignObject><div><span><p>a<br/>b</p></span></div></foreignObject><g/></svg>",
        ] {
            check_safe(good).expect(good);
        }
    }
}
