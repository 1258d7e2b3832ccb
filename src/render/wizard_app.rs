//! What the interactive wizard needs on the page: an empty, hidden panel for the script to fill
//! in, and everything the engine computed for every choice, as JSON. The script looks results up
//! and shows them; it decides nothing. Without JavaScript the panel stays hidden and the static
//! wizard around it is the whole page.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Domain, NodeKind, Tier};
use crate::recommend::{self, Recommendation, Selection};
use crate::render::Context;
use crate::site::option_anchor;

/// The `id` of the script element holding the JSON; the script finds its data by it.
pub const DATA_ID: &str = "patterns-wizard-data";

#[derive(Serialize)]
struct AppData<'a> {
    domains: Vec<AppDomain<'a>>,
    questions: BTreeMap<&'a str, AppQuestion<'a>>,
    patterns: BTreeMap<&'a str, AppPattern<'a>>,
    /// "domain/option" → answers key ("" or "node=Label/node=Label") → the engine's result.
    results: BTreeMap<String, BTreeMap<String, AppResult>>,
    /// "domain/option" → the id of the option's heading, where its blueprint is.
    anchors: BTreeMap<String, String>,
}

/// The engine's result, with the Markdown that "Copy as Markdown" copies.
#[derive(Serialize)]
struct AppResult {
    #[serde(flatten)]
    recommendation: Recommendation,
    markdown: String,
}

#[derive(Serialize)]
struct AppDomain<'a> {
    id: &'a str,
    title: &'a str,
    icon: Option<&'a str>,
    question: &'a str,
    options: Vec<AppOption<'a>>,
}

#[derive(Serialize)]
struct AppOption<'a> {
    id: &'a str,
    title: &'a str,
    icon: Option<&'a str>,
    qualifier: Option<&'a str>,
}

#[derive(Serialize)]
struct AppQuestion<'a> {
    question: &'a str,
    answers: Vec<&'a str>,
}

#[derive(Serialize)]
struct AppPattern<'a> {
    name: &'a str,
    tier: Tier,
    /// A link relative to the wizard's page, where the pattern has a page or card.
    href: Option<String>,
}

/// The panel and the data, for the html renderer.
pub fn app_block(cx: &Context, domains: &[&Domain]) -> String {
    let data = app_data(cx, domains);
    let json = serde_json::to_string(&data).expect("the wizard's data is JSON");
    format!(
        "<div class=\"patterns-wizard\" id=\"patterns-wizard\" hidden></div>\n<script type=\"application/json\" id=\"{DATA_ID}\">{}</script>\n",
        script_safe(&json)
    )
}

/// JSON that cannot end its script element or open a comment: `<` is written `\u003c`.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e")
}

fn app_data<'a>(cx: &'a Context, domains: &[&'a Domain]) -> AppData<'a> {
    let data = cx.data;
    let patterns = data
        .patterns
        .iter()
        .map(|(id, p)| {
            let href = cx.site.pattern(data, id).map(|place| cx.html_href(&place));
            (
                id.as_str(),
                AppPattern {
                    name: &p.value.name,
                    tier: p.value.tier,
                    href,
                },
            )
        })
        .collect();
    let mut questions = BTreeMap::new();
    let mut paths: Vec<Vec<(String, String)>> = vec![Vec::new()];
    if let Some(tree) = &data.decision_tree {
        for (id, node) in &tree.value.nodes {
            if let Some(NodeKind::Question { question, answers }) = node.kind() {
                let answers = answers.iter().map(|a| a.label.as_str()).collect();
                questions.insert(id.as_str(), AppQuestion { question, answers });
            }
        }
        paths = answer_paths(&tree.value);
    }
    let mut results = BTreeMap::new();
    let mut anchors = BTreeMap::new();
    for domain in domains {
        for option in &domain.options {
            let key = format!("{}/{}", domain.id, option.id);
            let mut by_answers = BTreeMap::new();
            for answers in &paths {
                let selection = Selection {
                    domain: domain.id.clone(),
                    option: option.id.clone(),
                    answers: answers.clone(),
                };
                if let Ok(recommendation) = recommend::recommend(data, &selection) {
                    let markdown = recommendation.to_markdown();
                    by_answers.insert(
                        answers_key(answers),
                        AppResult {
                            recommendation,
                            markdown,
                        },
                    );
                }
            }
            results.insert(key.clone(), by_answers);
            anchors.insert(key, option_anchor(&domain.id, &option.id));
        }
    }
    AppData {
        domains: domains
            .iter()
            .map(|d| AppDomain {
                id: &d.id,
                title: &d.title,
                icon: d.icon.as_deref(),
                question: &d.question,
                options: d
                    .options
                    .iter()
                    .map(|o| AppOption {
                        id: &o.id,
                        title: &o.title,
                        icon: o.icon.as_deref(),
                        qualifier: o.qualifier.as_deref(),
                    })
                    .collect(),
            })
            .collect(),
        questions,
        patterns,
        results,
        anchors,
    }
}

/// `node=Label/node=Label`, the key the script builds from the reader's answers.
pub fn answers_key(answers: &[(String, String)]) -> String {
    let parts: Vec<String> = answers.iter().map(|(n, l)| format!("{n}={l}")).collect();
    parts.join("/")
}

/// Every sequence of answers a reader can give, walking from the start: the empty one, each
/// that stops at a question, and each that reaches the end.
fn answer_paths(tree: &crate::model::DecisionTree) -> Vec<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut stack = vec![(tree.start.as_str(), Vec::new(), 0)];
    while let Some((id, answers, depth)) = stack.pop() {
        // A loop would be reported by the validator; never walk one.
        let Some(node) = tree.nodes.get(id).filter(|_| depth <= tree.nodes.len()) else {
            continue;
        };
        match node.kind() {
            Some(NodeKind::Question {
                answers: options, ..
            }) => {
                out.push(answers.clone());
                for answer in options.iter().rev() {
                    let mut next: Vec<(String, String)> = answers.clone();
                    next.push((id.to_owned(), answer.label.clone()));
                    stack.push((answer.next.as_str(), next, depth + 1));
                }
            }
            Some(NodeKind::Outcome { next, .. }) => match next {
                Some(next) => stack.push((next, answers, depth + 1)),
                None => out.push(answers),
            },
            None => {}
        }
    }
    out.sort();
    out.dedup();
    out
}
