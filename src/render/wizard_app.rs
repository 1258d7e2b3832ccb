//! What the interactive wizard needs on the page: an empty, hidden panel for the script to fill
//! in, and the parts of every result the engine computes, as JSON. The script combines the part
//! of the chosen option with the part of the answers given, by the engine's rule, and shows it.
//! Without JavaScript the panel stays hidden and the static wizard around it is the whole page.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Domain, NodeKind, Tier, Unfolded};
use crate::recommend;
use crate::render::Context;
use crate::render::markdown;
use crate::site::option_anchor;

/// The `id` of the script element holding the JSON; the script finds its data by it.
pub const DATA_ID: &str = "patterns-wizard-data";

#[derive(Serialize)]
struct AppData<'a> {
    domains: Vec<AppDomain<'a>>,
    questions: BTreeMap<&'a str, AppQuestion<'a>>,
    patterns: BTreeMap<&'a str, AppPattern<'a>>,
    /// Each pattern with a replacement, and that replacement, in the engine's order.
    replaced: Vec<(&'a str, &'a str)>,
    /// "domain/option" → the option's part of every result for it.
    options: BTreeMap<String, AppOptionPart>,
    /// Answers key ("" or "node=Label/node=Label") → the decision tree's part of the results.
    walks: BTreeMap<String, AppWalk>,
}

#[derive(Serialize)]
struct AppDomain<'a> {
    id: &'a str,
    title: &'a str,
    icon: Option<&'a str>,
    question: &'a str,
    options: Vec<AppChoice<'a>>,
}

#[derive(Serialize)]
struct AppChoice<'a> {
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
    /// The name as Markdown text, for "Copy as Markdown".
    md: String,
    tier: Tier,
    /// A link relative to the wizard's page, where the pattern has a page or card.
    href: Option<String>,
}

/// The engine's `OptionPart`, with Markdown for its title and stack.
#[derive(Serialize)]
struct AppOptionPart {
    title: String,
    md: String,
    /// The id of the option's heading, where its blueprint is.
    anchor: String,
    stack: Vec<AppStackRow>,
    stack_md: Option<String>,
    patterns: Vec<String>,
}

#[derive(Serialize)]
struct AppStackRow {
    pattern: String,
    why: String,
    evidence: Option<String>,
}

/// The engine's `Walk`: answers as [node, label], the next question, the patterns added as
/// [pattern, reason, reason as Markdown].
#[derive(Serialize)]
struct AppWalk {
    path: Vec<(String, String)>,
    next: Option<String>,
    intro_md: Option<String>,
    added: Vec<(String, String, String)>,
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

/// JSON that cannot end its script element or open a comment (`<` is written `\u003c`), nor
/// leave a `{{#include …}}` for mdBook's `links` preprocessor: a `{` right after another is
/// inside a string (JSON's own never follow one another), and is written `\u007b`.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut last = ' ';
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '{' if last == '{' => out.push_str("\\u007b"),
            c => out.push(c),
        }
        last = c;
    }
    out
}

/// What the script needs to show the engine's result for any choice: each option's part and
/// each walk of the tree, sent once each, which the script combines by the engine's rule
/// (`recommend::combine`). Sending every combined result instead would grow with options
/// times answers.
fn app_data<'a>(cx: &'a Context, domains: &[&'a Domain]) -> AppData<'a> {
    let data = cx.data;
    let patterns = data
        .patterns
        .iter()
        .map(|(id, p)| {
            let href = cx.site.pattern(id).map(|place| cx.html_href(place));
            (
                id.as_str(),
                AppPattern {
                    name: &p.value.name,
                    md: cx
                        .index
                        .markdown(id)
                        .map(|m| m.name.clone())
                        .unwrap_or_default(),
                    tier: p.value.tier,
                    href,
                },
            )
        })
        .collect();
    let replaced = data
        .patterns
        .iter()
        .filter_map(|(id, p)| {
            let (replacement, _) = data.pattern(p.value.replaced_by.as_deref()?)?;
            Some((id.as_str(), replacement))
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
        // A tree that loops or is too big to show is reported by the validator; the wizard
        // then asks none of its questions.
        if tree.value.unfolded().is_some_and(Unfolded::fits) {
            paths = answer_paths(&tree.value);
        }
    }
    let mut options = BTreeMap::new();
    for domain in domains {
        for option in &domain.options {
            let part = recommend::option_part(data, domain, option);
            options.insert(
                format!("{}/{}", domain.id, option.id),
                AppOptionPart {
                    md: markdown::text(&part.title),
                    anchor: option_anchor(&domain.id, &option.id),
                    stack_md: recommend::stack_markdown(&part.stack),
                    stack: part
                        .stack
                        .into_iter()
                        .map(|row| AppStackRow {
                            pattern: row.pattern,
                            why: row.why,
                            evidence: row.evidence,
                        })
                        .collect(),
                    title: part.title,
                    patterns: part.patterns,
                },
            );
        }
    }
    let mut walks = BTreeMap::new();
    for answers in &paths {
        let Ok(walk) = recommend::walk(data, answers) else {
            continue;
        };
        walks.insert(
            answers_key(answers),
            AppWalk {
                intro_md: recommend::intro_markdown(&walk.path, walk.next_question_text.as_deref()),
                path: walk.path.into_iter().map(|a| (a.node, a.answer)).collect(),
                next: walk.next_question,
                added: walk
                    .added
                    .into_iter()
                    .map(|(pattern, reason)| {
                        let md = markdown::text(&reason);
                        (pattern, reason, md)
                    })
                    .collect(),
            },
        );
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
                    .map(|o| AppChoice {
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
        replaced,
        options,
        walks,
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
