//! The mermaid renderer (`merman`, pure Rust), set up once per thread with the settings of every
//! diagram: whether a text is mermaid it can draw, and its raw SVG. Validation asks the first,
//! the renderer the second; making that SVG safe to inline is `render::svg`'s work.

use std::panic::{AssertUnwindSafe, catch_unwind};

use merman::{
    MermaidEngine, OperationControl, RenderOutput, RenderRequest, Renderer,
    SourcePresentationConfig, SvgRequest,
};

/// A renderer with the settings of every diagram: mermaid's classic look, and its labels as
/// HTML inside `<foreignObject>`, mermaid's default (the renderer's labels as SVG text lose
/// characters such as `"`, `#`, `;` and `|`). The diagrams are made from checked data, not
/// typed by hand, so mermaid's guard against runaway edge lists (500 edges) is lifted: a
/// decision tree of a thousand nodes is drawn too.
fn renderer() -> Renderer {
    let config = SourcePresentationConfig::from_value(serde_json::json!({
        "maxEdges": 100_000,
        "theme": "neutral",
        "look": "classic",
        "flowchart": { "nodeSpacing": 30, "rankSpacing": 40, "wrappingWidth": 130 },
        "sequence": { "actorMargin": 30, "width": 120 },
    }));
    Renderer::new().with_presentation_engine(MermaidEngine::new().with_site_config(config))
}

thread_local! {
    /// The renderer, set up once for each thread that draws.
    static RENDERER: Renderer = renderer();
}

/// Runs the renderer, which is young: should it panic on some input, that input is reported
/// like any other the renderer cannot draw, and the build goes on to report the rest.
fn guarded<T>(work: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(work))
        .unwrap_or_else(|_| Err("the mermaid renderer failed on this diagram".into()))
}

/// Whether `source` is mermaid that can be drawn; the error is the renderer's message.
///
/// The errors here are reasons, not [`crate::diag::Problem`]s: the renderer's words, which the
/// caller quotes inside its own problem ("the mermaid blueprint cannot be parsed: …"), with the
/// help that fits where it was drawn.
pub fn check(source: &str) -> Result<(), String> {
    guarded(|| {
        RENDERER.with(
            |renderer| match renderer.parse_semantic(source, OperationControl::new()) {
                Ok(Some(_)) => Ok(()),
                Ok(None) => Err("no mermaid diagram found".into()),
                Err(error) => Err(error.to_string()),
            },
        )
    })
}

/// The renderer's SVG of `source`, its element ids starting with `id` (as [`sanitized_id`]
/// gives it); the error is the renderer's message, a reason as for [`check`].
pub fn draw(source: &str, id: &str) -> Result<String, String> {
    let request = SvgRequest {
        options: merman::svg::SvgRenderOptions {
            diagram_id: Some(id.to_owned()),
            ..Default::default()
        },
        ..Default::default()
    };
    guarded(|| {
        let request = RenderRequest::svg(source, OperationControl::new(), request);
        match RENDERER.with(|renderer| renderer.render(request)) {
            Ok(RenderOutput::Svg(Some(svg))) => Ok(svg.svg().to_owned()),
            Ok(_) => Err("no mermaid diagram found".into()),
            Err(error) => Err(error.to_string()),
        }
    })
}

/// `id` as the renderer writes it into the SVG.
pub fn sanitized_id(id: &str) -> String {
    merman::svg::sanitize_svg_id(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_mermaid_it_cannot_parse() {
        assert!(check("graph TD\n    A --> B[oops\n").is_err());
        assert!(check("not a diagram\n").is_err());
        assert!(check("sequenceDiagram\n    A->>B: hi\n").is_ok());
    }
}
