//! `<<domain-cards>>`: one card a domain, each linking to where the domain's section is in the
//! book. The only directive that needs HTML (a grid of links); other renderers get a list.

use crate::directive::Directive;
use crate::model::Domain;
use crate::render::markdown::{html, text};
use crate::render::{Context, Problem};

pub fn render(cx: &Context, _directive: &Directive) -> Result<String, Problem> {
    let domains: Vec<&Domain> = cx.data.domains.iter().map(|d| &d.value).collect();
    Ok(cards(cx, &domains))
}

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
            out.push_str(&format!("- {icon}**{title}**: {}", text(&domain.summary)));
            if !domain.examples.is_empty() {
                let examples: Vec<String> = domain.examples.iter().map(|e| text(e)).collect();
                out.push_str(&format!(" (examples: {})", examples.join(", ")));
            }
            out.push('\n');
        }
        return out;
    }
    // One HTML block without blank lines, so Markdown leaves it whole.
    let mut out = String::from("<div class=\"patterns-cards\">\n");
    for domain in domains {
        let place = cx.site.domains.get(&domain.id);
        let (open, close) = match place {
            Some(place) => (
                format!(
                    "<a class=\"patterns-card\" href=\"{}\" data-domain=\"{}\">",
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
                "<span class=\"patterns-card-icon\" aria-hidden=\"true\">{}</span>\n",
                html(icon)
            ));
        }
        out.push_str(&format!(
            "<strong class=\"patterns-card-title\">{}</strong>\n<span class=\"patterns-card-summary\">{}</span>\n",
            html(&domain.title),
            html(&domain.summary)
        ));
        if !domain.examples.is_empty() {
            let examples: Vec<String> = domain.examples.iter().map(|e| html(e)).collect();
            out.push_str(&format!(
                "<span class=\"patterns-card-examples\"><strong>Examples</strong>: {}</span>\n",
                examples.join(", ")
            ));
        }
        if place.is_some() {
            out.push_str("<span class=\"patterns-card-select\">Select This →</span>\n");
        }
        out.push_str(close);
        out.push('\n');
    }
    out.push_str("</div>\n");
    out
}
