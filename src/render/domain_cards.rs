//! `<<domain-cards>>`: one card a domain, each linking to where the domain's section is in the
//! book. The only directive that needs HTML (a grid of links); other renderers get a list.

use crate::book::directive::Directive;
use crate::data::labels::Key;
use crate::data::model::Domain;
use crate::render::{Context, Output, Problem};
use crate::text::escape::{html, text};
use crate::text::inline::Inline;

pub fn render(cx: &Context, _directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    let domains: Vec<&Domain> = cx.data.domains.iter().map(|d| &d.value).collect();
    out.text = cards(cx, &domains);
    Ok(())
}

const GRID: &str =
    "display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem;margin:1rem 0";
const CARD: &str = "display:block;padding:0.75rem 1rem;border:1px solid var(--table-border-color);border-radius:6px;text-decoration:none;color:var(--fg)";

/// The cards of `domains`, in order.
pub fn cards(cx: &Context, domains: &[&Domain]) -> String {
    if !cx.html {
        let mut out = String::new();
        for domain in domains {
            let title = match cx.site.domains.get(&domain.id) {
                Some(place) => format!("[{}]({})", text(&domain.title), cx.href(place)),
                None => text(&domain.title),
            };
            let icon = domain
                .icon
                .as_deref()
                .map(|i| format!("{} ", text(i)))
                .unwrap_or_default();
            out.push_str(&format!(
                "- {icon}**{title}**: {}",
                Inline::new(&domain.summary).markdown()
            ));
            if !domain.examples.is_empty() {
                let examples: Vec<String> = domain.examples.iter().map(|e| text(e)).collect();
                let lead = cx.label_md(Key::CardExamples, &[]);
                out.push_str(&format!(" ({lead}: {})", examples.join(", ")));
            }
            out.push('\n');
        }
        return out;
    }
    // One HTML block without blank lines, so Markdown leaves it whole. The layout is inline
    // (mdBook's theme variables keep it readable in every theme) so it needs no stylesheet.
    let mut out = format!("<div class=\"patterns-cards\" style=\"{GRID}\">\n");
    for domain in domains {
        let place = cx.site.domains.get(&domain.id);
        let (open, close) = match place {
            Some(place) => (
                format!(
                    "<a class=\"patterns-card\" style=\"{CARD}\" href=\"{}\" data-domain=\"{}\">",
                    html(&cx.html_href(place)),
                    html(&domain.id)
                ),
                "</a>",
            ),
            None => (
                format!(
                    "<div class=\"patterns-card\" data-domain=\"{}\">",
                    html(&domain.id)
                ),
                "</div>",
            ),
        };
        out.push_str(&open);
        out.push('\n');
        if let Some(icon) = &domain.icon {
            out.push_str(&format!(
                "<div class=\"patterns-card-icon\" aria-hidden=\"true\">{}</div>\n",
                html(icon)
            ));
        }
        out.push_str(&format!(
            "<div class=\"patterns-card-title\"><strong>{}</strong></div>\n<div class=\"patterns-card-summary\">{}</div>\n",
            html(&domain.title),
            // A card that is a link holds no link of its own.
            Inline::new(&domain.summary).html(place.is_none())
        ));
        if !domain.examples.is_empty() {
            let examples: Vec<String> = domain.examples.iter().map(|e| html(e)).collect();
            out.push_str(&format!(
                "<div class=\"patterns-card-examples\"><strong>{}</strong>: {}</div>\n",
                html(&cx.label(Key::CardExamples)),
                examples.join(", ")
            ));
        }
        if place.is_some() {
            out.push_str(&format!(
                "<div class=\"patterns-card-select\">{}</div>\n",
                html(&cx.label(Key::CardSelect))
            ));
        }
        out.push_str(close);
        out.push('\n');
    }
    out.push_str("</div>\n");
    out
}
