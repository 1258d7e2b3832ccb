//! What the interactive wizard needs on the page: an empty, hidden panel for the script to fill
//! in, and as JSON the option's part of every result the engine computes and the decision tree's
//! nodes. The script walks the nodes as the engine does, combines the walk with the chosen
//! option's part by the engine's rule, and shows it. Without JavaScript the panel stays hidden
//! and the static wizard around it is the whole page.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::book::site::Place;
use crate::data::labels::Key;
use crate::data::model::{Domain, Evidence, Tier};
use crate::data::relations::Seen;
use crate::data::tree::{Node, Tree};
use crate::engine;
use crate::render::Context;
use crate::text::escape;
use crate::text::ids::option_anchor;
use crate::text::inline;
use crate::text::untrusted::unsafe_url;

/// The `id` of the script element holding the JSON; the script finds its data by it.
pub const DATA_ID: &str = "patterns-wizard-data";

#[derive(Serialize)]
struct AppData<'a> {
    domains: Vec<AppDomain<'a>>,
    patterns: BTreeMap<&'a str, AppPattern<'a>>,
    /// Each pattern with a replacement, and that replacement, in the engine's order.
    replaced: Vec<(&'a str, &'a str)>,
    /// "domain/option" → the option's part of every result for it.
    options: BTreeMap<String, AppOptionPart>,
    /// What each pattern requires, in the engine's order, for a result's missing requirements
    /// (`engine::missing`): the patterns a result can hold and what they require, in turn.
    requires: BTreeMap<&'a str, Vec<AppRelation<'a>>>,
    /// Each pair of patterns a result can hold that conflict, the relation's note with it.
    conflicts: Vec<AppConflict<'a>>,
    /// The decision tree, each node once: the page grows with the tree, not with the ways
    /// through it.
    tree: AppTree<'a>,
    /// The labels the script shows, by name, as [`Label::script_parts`] gives them: texts at
    /// even positions, placeholder names at odd ones.
    labels: BTreeMap<&'static str, Vec<String>>,
    /// The labels the script writes into Markdown, the same way, their texts escaped.
    md_labels: BTreeMap<&'static str, Vec<String>>,
    /// The book's page for comparing patterns, relative to this one, if it has one: the result
    /// links it with the stack's patterns.
    #[serde(skip_serializing_if = "Option::is_none")]
    compare: Option<String>,
    /// `book.language`, where the book sets it: the language of the panel's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
}

/// The labels the script shows.
const SCRIPT_LABELS: [Key; 30] = [
    Key::TierGold,
    Key::TierSilver,
    Key::TierBronze,
    Key::ColumnPattern,
    Key::ColumnTier,
    Key::ColumnWhy,
    Key::ColumnEvidence,
    Key::RecipeCore,
    Key::RecipeScale,
    Key::RecipeAvoid,
    Key::RecipeAvoidItem,
    Key::RecipeMissing,
    Key::RecipeMissingItem,
    Key::RecipeConflicts,
    Key::RecipeConflictItem,
    Key::ReasonTree,
    Key::ReasonReplacement,
    Key::AppTitle,
    Key::AppChooseDomain,
    Key::AppResult,
    Key::AppRefine,
    Key::AppCopy,
    Key::AppCopied,
    Key::AppCopyFailed,
    Key::AppRestart,
    Key::AppLinkUnreadable,
    Key::AppLinkDomain,
    Key::AppLinkOption,
    Key::AppLinkAnswers,
    Key::CompareStack,
];

/// The labels the script writes into the Markdown it copies.
const SCRIPT_MARKDOWN: [Key; 12] = [
    Key::ResultAnswers,
    Key::ResultNextQuestion,
    Key::RecipeCore,
    Key::RecipeScale,
    Key::RecipeAvoid,
    Key::RecipeAvoidItem,
    Key::RecipeMissing,
    Key::RecipeMissingItem,
    Key::RecipeConflicts,
    Key::RecipeConflictItem,
    Key::ReasonTree,
    Key::ReasonReplacement,
];

/// The decision tree for the script to walk as the engine's `engine::walk` does. Nodes are
/// referred to by their index in `nodes`; without a tree (or with one the validator rejects),
/// `start` is `null` and there are no nodes.
#[derive(Serialize)]
struct AppTree<'a> {
    start: Option<usize>,
    nodes: Vec<AppNode<'a>>,
}

/// A node of the tree, by its kind.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum AppNode<'a> {
    /// The question as text and as Markdown, and its answers as [label, label as Markdown,
    /// next node].
    Question {
        id: &'a str,
        question: &'a str,
        md: String,
        answers: Vec<(&'a str, String, usize)>,
    },
    /// The patterns the outcome recommends, by id, and the node the walk continues with.
    Outcome {
        id: &'a str,
        patterns: Vec<&'a str>,
        next: Option<usize>,
    },
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
    /// As plain text: the script shows it in a radio button's label.
    qualifier: Option<String>,
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

/// A relation's other pattern and its note, as the data writes it, as HTML (escaped and built
/// here) and as Markdown.
#[derive(Serialize)]
struct AppRelation<'a> {
    pattern: &'a str,
    #[serde(flatten)]
    note: AppNote<'a>,
}

#[derive(Serialize)]
struct AppConflict<'a> {
    pattern: &'a str,
    other: &'a str,
    #[serde(flatten)]
    note: AppNote<'a>,
}

#[derive(Serialize)]
struct AppNote<'a> {
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note_html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note_md: Option<String>,
}

impl<'a> AppNote<'a> {
    fn of(note: Option<&'a str>) -> Self {
        AppNote {
            note,
            note_html: note.map(inline::html),
            note_md: note.map(inline::markdown),
        }
    }
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
    /// `why` as HTML, escaped and built here: the script puts it in the result's table as it is.
    why_html: String,
    evidence: Option<String>,
    /// The evidence as HTML, its text's Markdown or its label escaped, built here likewise.
    evidence_html: Option<String>,
    /// The evidence's external source, if it is an http(s) link to one (as the engine gives
    /// it: the script sets it as the link's `href`, which the browser encodes).
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence_url: Option<String>,
    /// Where the case study the evidence names is, relative to the page, if it has a place in
    /// the book: the result links it as the static table does.
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence_href: Option<String>,
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
pub fn script_safe(json: &str) -> String {
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
/// the tree's nodes, sent once each; the script walks the tree (`engine::walk`) and combines
/// the walk with the option's part by the engine's rule (`engine::combine`). Sending every
/// combined result instead would grow with options times answers, and every walk with the
/// length of the ways through the tree times their number.
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
    let mut options = BTreeMap::new();
    // Every pattern a result can hold: the options' and the tree's.
    let mut held: BTreeSet<&str> = BTreeSet::new();
    for domain in domains {
        for option in &domain.options {
            let part = engine::option_part(data, domain, option);
            held.extend(
                part.patterns
                    .iter()
                    .filter_map(|p| data.pattern(p))
                    .map(|(id, _)| id),
            );
            // The engine's stack holds the rows whose pattern is known, in the data's order.
            let mut case_studies = (option.stack.iter())
                .filter(|row| data.pattern(&row.pattern).is_some())
                .map(|row| match &row.evidence {
                    Some(Evidence::CaseStudy(link)) => cx.site.case_study(&link.case_study),
                    _ => None,
                });
            options.insert(
                format!("{}/{}", domain.id, option.id),
                AppOptionPart {
                    md: escape::text(&part.title),
                    anchor: cx.headings.id(&option_anchor(&domain.id, &option.id)),
                    stack_md: crate::render::recommendation::stack_markdown(
                        &part.stack,
                        &data.labels,
                    ),
                    stack: part
                        .stack
                        .into_iter()
                        .map(|row| AppStackRow {
                            pattern: row.pattern,
                            why_html: inline::html(&row.why),
                            why: row.why,
                            evidence_html: row.evidence.as_deref().map(|e| {
                                match row.evidence_is_text {
                                    true => inline::html(e),
                                    false => escape::html(e),
                                }
                            }),
                            evidence: row.evidence,
                            evidence_url: row.evidence_url.filter(|url| unsafe_url(url).is_none()),
                            evidence_href: case_studies
                                .next()
                                .flatten()
                                .map(|place| cx.html_href(place)),
                        })
                        .collect(),
                    title: part.title,
                    patterns: part.patterns,
                },
            );
        }
    }
    let tree = match data.decision_tree.as_ref().map(|t| data.tree(&t.value)) {
        Some(Ok(tree)) => app_tree(cx, &tree),
        None | Some(Err(_)) => AppTree {
            start: None,
            nodes: Vec::new(),
        },
    };
    for node in &tree.nodes {
        if let AppNode::Outcome { patterns, .. } = node {
            held.extend(patterns);
        }
    }
    let (requires, conflicts) = app_relations(cx, &held);
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
                        qualifier: o.qualifier.as_deref().map(inline::plain),
                    })
                    .collect(),
            })
            .collect(),
        patterns,
        replaced,
        options,
        requires,
        conflicts,
        tree,
        labels: script_labels(cx, &SCRIPT_LABELS, str::to_owned),
        md_labels: script_labels(cx, &SCRIPT_MARKDOWN, escape::text),
        compare: cx.site.compare.as_ref().map(|page| {
            cx.html_href(&Place {
                chapter: page.clone(),
                anchor: None,
            })
        }),
        language: cx.language,
    }
}

/// The requirements of the patterns in `held` and of those they require, in turn; and the
/// pairs of `held` that conflict, each once.
fn app_relations<'a>(
    cx: &'a Context,
    held: &BTreeSet<&'a str>,
) -> (
    BTreeMap<&'a str, Vec<AppRelation<'a>>>,
    Vec<AppConflict<'a>>,
) {
    let relations = cx.index.relations();
    let mut requires = BTreeMap::new();
    let mut queue: Vec<&'a str> = held.iter().copied().collect();
    while let Some(id) = queue.pop() {
        if requires.contains_key(id) {
            continue;
        }
        let list: Vec<AppRelation> = (relations.requires(id))
            .map(|link| AppRelation {
                pattern: link.other,
                note: AppNote::of(link.note),
            })
            .collect();
        queue.extend(list.iter().map(|r| r.pattern));
        requires.insert(id, list);
    }
    requires.retain(|_, list| !list.is_empty());
    let conflicts = held
        .iter()
        .flat_map(|&id| {
            (relations.of(id).iter())
                .filter(move |link| {
                    link.seen == Seen::ConflictsWith && id < link.other && held.contains(link.other)
                })
                .map(move |link| AppConflict {
                    pattern: id,
                    other: link.other,
                    note: AppNote::of(link.note),
                })
        })
        .collect();
    (requires, conflicts)
}

fn script_labels(
    cx: &Context,
    keys: &[Key],
    escape: fn(&str) -> String,
) -> BTreeMap<&'static str, Vec<String>> {
    keys.iter()
        .map(|&key| (key.entry().name, parts(cx, key, escape)))
        .collect()
}

/// A label as a script fills it in, as plain text: texts at even positions, placeholder names
/// at odd ones.
pub fn script_parts(cx: &Context, key: Key) -> Vec<String> {
    parts(cx, key, str::to_owned)
}

fn parts(cx: &Context, key: Key, escape: fn(&str) -> String) -> Vec<String> {
    (cx.data.labels.get(key)).script_parts(key.entry().slots, escape)
}

/// The tree's nodes in id order, references between them as indexes. An outcome's patterns are
/// the ones its references name (an alias is the pattern's id here), as the engine adds them.
fn app_tree<'a>(cx: &'a Context, tree: &Tree<'a>) -> AppTree<'a> {
    let nodes = tree
        .nodes()
        .iter()
        .map(|node| match node {
            Node::Question {
                id,
                question,
                answers,
            } => AppNode::Question {
                id,
                question,
                md: escape::text(question),
                answers: answers
                    .iter()
                    .map(|a| (a.label, escape::text(a.label), a.next))
                    .collect(),
            },
            Node::Outcome {
                id, patterns, next, ..
            } => AppNode::Outcome {
                id,
                patterns: patterns
                    .iter()
                    .filter_map(|p| cx.data.pattern(p).map(|(id, _)| id))
                    .collect(),
                next: *next,
            },
        })
        .collect();
    AppTree {
        start: Some(tree.start()),
        nodes,
    }
}

#[cfg(test)]
mod tests {
    use crate::text::escape::text;

    /// The script writes a walk's reason as Markdown from the question's and the answer's
    /// Markdown; the engine escapes the reason whole. Both must agree, at the seams too.
    #[test]
    fn a_reason_escapes_as_its_question_and_answer_do() {
        let tricky = [
            "R&", "&D", "Wow!", "![x]", "a\\", "#1", "*", "", "x\n", "|", "$5", "是", "{", "{{#",
        ];
        for question in tricky {
            for answer in tricky {
                assert_eq!(
                    text(&format!("{question} → {answer}")),
                    format!("{} → {}", text(question), text(answer)),
                    "{question:?} → {answer:?}"
                );
            }
        }
    }
}
