//! The recommendation engine: from a domain, one of its options and answers to the decision
//! tree, the recommended stack and a recipe whose every item says why it is there.
//!
//! This is the one place that decides what the wizard recommends: `mdbook-patterns recommend`
//! prints it, and the wizard page carries what it computed for the browser to show.

use serde::Serialize;

use crate::data::Data;
use crate::data::labels::Key;
use crate::data::model::{Domain, DomainOption, Evidence, Tier};
use crate::data::relations::Relations;
use crate::data::tree::{Follow, Node};
use crate::data::valid::Diagram;
use crate::diag::{Problem, suggest};
use crate::text::untrusted::unsafe_url;

/// What the reader chose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub domain: String,
    pub option: String,
    /// Answers to the decision tree: (question node id, answer label), in any order.
    pub answers: Vec<(String, String)>,
}

/// The engine's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    pub domain: String,
    pub option: String,
    /// "Payments & Finance → Zero Data Loss"
    pub title: String,
    /// The questions answered, in the order the tree asks them.
    pub path: Vec<Answered>,
    /// The question the tree asks next, if the answers stop before the end of a path.
    pub next_question: Option<String>,
    /// That question's text.
    pub next_question_text: Option<String>,
    /// The option's stack rows, tiers from the patterns.
    pub stack: Vec<StackEntry>,
    pub core: Vec<RecipeEntry>,
    pub scale: Vec<RecipeEntry>,
    pub avoid: Vec<AvoidEntry>,
    /// What the result's patterns require, directly or through another requirement, that
    /// the result does not hold (schema 1.1 relations).
    pub missing: Vec<MissingEntry>,
    /// Pairs of the result's patterns that conflict.
    pub conflicts: Vec<ConflictEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answered {
    pub node: String,
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StackEntry {
    pub pattern: String,
    pub name: String,
    pub tier: Tier,
    /// Why, as the data writes it: inline Markdown.
    pub why: String,
    /// The evidence's text: the data's text (inline Markdown), a case study link's or an
    /// external source's label (plain text).
    pub evidence: Option<String>,
    /// Whether `evidence` is the data's text, inline Markdown, rather than a label.
    #[serde(skip)]
    pub evidence_is_text: bool,
    /// The external source's address, if the evidence is a link to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecipeEntry {
    pub pattern: String,
    pub name: String,
    pub tier: Tier,
    /// Why it is recommended: "Payments & Finance → Zero Data Loss", "Data Loss Tolerance? → Zero".
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AvoidEntry {
    pub pattern: String,
    pub name: String,
    pub instead: String,
    pub instead_name: String,
    pub reasons: Vec<String>,
}

/// A pattern the result lacks, and who requires it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingEntry {
    pub pattern: String,
    pub name: String,
    pub tier: Tier,
    /// The patterns that require it (in the result, or missing too), in the order met.
    pub required_by: Vec<Requirer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirer {
    pub pattern: String,
    pub name: String,
    /// The relation's note, as the data writes it: inline Markdown.
    pub note: Option<String>,
}

/// Two patterns of the result that conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictEntry {
    pub pattern: String,
    pub name: String,
    pub other: String,
    pub other_name: String,
    /// The relation's note, as the data writes it: inline Markdown.
    pub note: Option<String>,
}

/// `message` about `name`, with the closest of `known` or the list of them.
fn unknown<'a>(
    message: String,
    name: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Problem {
    let list: Vec<&str> = known.clone().collect();
    Problem::new(
        message,
        suggest::help(name, known).or_else(|| Some(format!("choose one of {}", list.join(", ")))),
    )
}

/// What an option recommends whatever the answers: the part of every result for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionPart {
    pub domain: String,
    pub option: String,
    /// "Payments & Finance → Zero Data Loss", also the reason for each of its patterns.
    pub title: String,
    pub stack: Vec<StackEntry>,
    /// The patterns the option names (stack rows, steps, blueprint nodes), by id, each once.
    pub patterns: Vec<String>,
}

/// What answers to the decision tree add, whatever the option: the questions answered, the
/// next one, and the patterns the outcomes on the way recommend, each with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    pub path: Vec<Answered>,
    pub next_question: Option<String>,
    pub next_question_text: Option<String>,
    /// (pattern id, reason), in the order the walk met them.
    pub added: Vec<(String, String)>,
}

/// Computes the recommendation for `selection`: the option's part and the tree's part,
/// combined.
pub fn recommend(data: &Data, selection: &Selection) -> Result<Recommendation, Problem> {
    let domain = data
        .domains
        .iter()
        .map(|d| &d.value)
        .find(|d| d.id == selection.domain)
        .ok_or_else(|| {
            unknown(
                format!("unknown domain \"{}\"", selection.domain),
                &selection.domain,
                data.domains.iter().map(|d| d.value.id.as_str()),
            )
        })?;
    let option = domain
        .options
        .iter()
        .find(|o| o.id == selection.option)
        .ok_or_else(|| {
            unknown(
                format!(
                    "domain \"{}\" has no option \"{}\"",
                    domain.id, selection.option
                ),
                &selection.option,
                domain.options.iter().map(|o| o.id.as_str()),
            )
        })?;
    let sources = option.stack.iter().filter_map(|row| match &row.evidence {
        Some(Evidence::Source(source)) => Some(&source.url),
        _ => None,
    });
    if let Some(problem) = sources.filter_map(|url| unsafe_url(url)).next() {
        return Err(problem);
    }
    let walk = walk(data, &selection.answers)?;
    Ok(combine(data, &option_part(data, domain, option), &walk))
}

/// The option's part of every recommendation for it.
pub fn option_part(data: &Data, domain: &Domain, option: &DomainOption) -> OptionPart {
    let mut patterns: Vec<String> = Vec::new();
    for reference in option_patterns(option) {
        if let Some((id, _)) = data.pattern(reference)
            && !patterns.iter().any(|p| p == id)
        {
            patterns.push(id.to_owned());
        }
    }
    OptionPart {
        domain: domain.id.clone(),
        option: option.id.clone(),
        title: format!("{} → {}", domain.title, option.title),
        stack: stack(data, option),
        patterns,
    }
}

/// The recommendation from an option's part and a walk of the tree. The wizard's script
/// combines the two parts by this same rule (`assets/wizard.js`, `recommend`): the option's
/// patterns first, then the walk's, each once with every reason given for it; gold and silver
/// ones in the recipe, bronze ones and the patterns they replace to avoid; then what those
/// patterns require that none of them is ([`missing`]) and the pairs of them that conflict
/// ([`conflicts`]).
pub fn combine(data: &Data, option: &OptionPart, walk: &Walk) -> Recommendation {
    let mut recipe = RecipeBuilder::new(data);
    for pattern in &option.patterns {
        recipe.add(pattern, &option.title);
    }
    for (pattern, reason) in &walk.added {
        recipe.add(pattern, reason);
    }
    let relations = Relations::new(data);
    let held: Vec<&str> = recipe.entries.iter().map(|(id, _)| id.as_str()).collect();
    Recommendation {
        domain: option.domain.clone(),
        option: option.option.clone(),
        title: option.title.clone(),
        path: walk.path.clone(),
        next_question: walk.next_question.clone(),
        next_question_text: walk.next_question_text.clone(),
        stack: option.stack.clone(),
        core: recipe.tier(Tier::Gold),
        scale: recipe.tier(Tier::Silver),
        avoid: recipe.avoid(),
        missing: missing(data, &relations, &held),
        conflicts: conflicts(data, &relations, &held),
    }
}

/// The patterns `held` require, directly or through one another, that `held` lacks, each with
/// every pattern that requires it. Breadth first from `held` in its order, each pattern's
/// requirements in [`Relations::requires`]' order: a requirement is listed where it is first
/// met, and a missing requirement's own requirements are looked at after it.
pub fn missing(data: &Data, relations: &Relations, held: &[&str]) -> Vec<MissingEntry> {
    let mut out: Vec<MissingEntry> = Vec::new();
    let mut queue: Vec<&str> = held.to_vec();
    let mut at = 0;
    while let Some(&requirer) = queue.get(at) {
        at += 1;
        for link in relations.requires(requirer) {
            if held.contains(&link.other) {
                continue;
            }
            let by = Requirer {
                pattern: requirer.to_owned(),
                name: data.patterns[requirer].value.name.clone(),
                note: link.note.map(str::to_owned),
            };
            match out.iter_mut().find(|m| m.pattern == link.other) {
                Some(entry) => entry.required_by.push(by),
                None => {
                    let pattern = &data.patterns[link.other].value;
                    out.push(MissingEntry {
                        pattern: link.other.to_owned(),
                        name: pattern.name.clone(),
                        tier: pattern.tier,
                        required_by: vec![by],
                    });
                    queue.push(link.other);
                }
            }
        }
    }
    out
}

/// Each pair of `held` that conflicts, in `held`'s order.
pub fn conflicts(data: &Data, relations: &Relations, held: &[&str]) -> Vec<ConflictEntry> {
    let mut out = Vec::new();
    for (i, a) in held.iter().enumerate() {
        for b in &held[i + 1..] {
            if let Some(link) = relations.conflict(a, b) {
                out.push(ConflictEntry {
                    pattern: (*a).to_owned(),
                    name: data.patterns[*a].value.name.clone(),
                    other: (*b).to_owned(),
                    other_name: data.patterns[*b].value.name.clone(),
                    note: link.note.map(str::to_owned),
                });
            }
        }
    }
    out
}

/// Every pattern an option names: stack rows, steps and blueprint nodes, in that order.
fn option_patterns(option: &DomainOption) -> Vec<&str> {
    let mut patterns: Vec<&str> = option.stack.iter().map(|r| r.pattern.as_str()).collect();
    patterns.extend(option.valid_steps().filter_map(|s| s.pattern()));
    match option.valid_blueprint().map(|b| b.diagram) {
        Some(Diagram::Flowchart(f)) => {
            patterns.extend(f.nodes.iter().filter_map(|n| n.pattern.as_deref()));
        }
        Some(Diagram::Sequence(s)) => {
            patterns.extend(s.participants.iter().filter_map(|p| p.pattern.as_deref()));
        }
        Some(Diagram::Mermaid(_)) | None => {}
    }
    patterns
}

fn stack(data: &Data, option: &DomainOption) -> Vec<StackEntry> {
    option
        .stack
        .iter()
        .filter_map(|row| {
            let (id, pattern) = data.pattern(&row.pattern)?;
            Some(StackEntry {
                pattern: id.to_owned(),
                name: pattern.value.name.clone(),
                tier: pattern.value.tier,
                why: row.why.clone(),
                evidence: row.evidence.as_ref().map(|e| match e {
                    Evidence::Text(t) => t.clone(),
                    Evidence::CaseStudy(link) => data.case_study_label(link).to_owned(),
                    Evidence::Source(source) => source.label.clone(),
                }),
                evidence_is_text: matches!(row.evidence, Some(Evidence::Text(_))),
                evidence_url: match &row.evidence {
                    Some(Evidence::Source(source)) => Some(source.url.clone()),
                    _ => None,
                },
            })
        })
        .collect()
}

/// Follows the answers from the tree's start; outcomes on the way add their patterns. A
/// question without an answer ends the walk, and is returned as the next one to ask. Every
/// answer must be used on the way.
pub fn walk(data: &Data, answers: &[(String, String)]) -> Result<Walk, Problem> {
    let mut path = Vec::new();
    let mut next_question = None;
    let mut added: Vec<(String, String)> = Vec::new();
    let Some(tree) = &data.decision_tree else {
        if let Some((node, _)) = answers.first() {
            return Err(Problem::new(
                format!("the data has no decision tree to answer \"{node}\""),
                Some("leave out --answer".into()),
            ));
        }
        return Ok(Walk {
            path,
            next_question: None,
            next_question_text: None,
            added,
        });
    };
    let tree = data.tree(&tree.value).map_err(|_| {
        Problem::new(
            "the data's decision tree has errors",
            Some("run `mdbook-patterns validate` and fix them".into()),
        )
    })?;
    let questions = tree.nodes().iter().filter_map(|node| match node {
        Node::Question { id, .. } => Some(*id),
        Node::Outcome { .. } => None,
    });
    for (i, (node, _)) in answers.iter().enumerate() {
        match tree.position(node).map(|at| tree.node(at)) {
            None => {
                let message = format!("unknown question \"{node}\"");
                return Err(unknown(message, node, questions));
            }
            Some(Node::Outcome { .. }) => {
                let message = format!("\"{node}\" is an outcome of the tree, not a question");
                return Err(unknown(message, node, questions));
            }
            Some(_) if answers[..i].iter().any(|(earlier, _)| earlier == node) => {
                return Err(Problem::new(
                    format!("question \"{node}\" is answered twice"),
                    Some("give each question one answer".into()),
                ));
            }
            Some(_) => {}
        }
    }
    let mut used = 0;
    let mut reason: Option<String> = None;
    let mut next_question_text = None;
    let mut wrong_answer = None;
    tree.walk(|visit| match visit.node {
        Node::Question {
            id,
            question,
            answers: options,
        } => {
            let Some((_, label)) = answers.iter().find(|(n, _)| n == id) else {
                next_question = Some((*id).to_owned());
                next_question_text = Some((*question).to_owned());
                return Follow::Stop;
            };
            used += 1;
            let Some(chosen) = options.iter().position(|a| a.label == label) else {
                let labels = options.iter().map(|a| a.label);
                let list: Vec<&str> = labels.clone().collect();
                wrong_answer = Some(Problem::new(
                    format!("\"{label}\" is not an answer to \"{question}\""),
                    suggest::help(label, labels)
                        .or_else(|| Some(format!("answer one of {}", list.join(", ")))),
                ));
                return Follow::Stop;
            };
            let answer = options[chosen].label;
            reason = Some(format!("{question} → {answer}"));
            path.push(Answered {
                node: (*id).to_owned(),
                question: (*question).to_owned(),
                answer: answer.to_owned(),
            });
            Follow::Answer(chosen)
        }
        Node::Outcome { patterns, .. } => {
            let why = reason
                .clone()
                .unwrap_or_else(|| data.labels.text(Key::ReasonTree));
            for reference in *patterns {
                if let Some((id, _)) = data.pattern(reference) {
                    let pair = (id.to_owned(), why.clone());
                    if !added.contains(&pair) {
                        added.push(pair);
                    }
                }
            }
            Follow::Every
        }
    });
    if let Some(wrong) = wrong_answer {
        return Err(wrong);
    }
    if used < answers.len() {
        let asked: Vec<&str> = path.iter().map(|a| a.node.as_str()).collect();
        let stray = answers
            .iter()
            .find(|(n, _)| !asked.contains(&n.as_str()))
            .map(|(n, _)| n.as_str())
            .unwrap_or_default();
        return Err(Problem::new(
            format!("question \"{stray}\" is not reached by the other answers"),
            Some(match &next_question {
                Some(next) => format!("answer \"{next}\" first"),
                None => format!("the answers lead through {}", asked.join(", ")),
            }),
        ));
    }
    Ok(Walk {
        path,
        next_question,
        next_question_text,
        added,
    })
}

/// Patterns in the order they were first recommended, with every reason given for each.
struct RecipeBuilder<'d> {
    data: &'d Data,
    entries: Vec<(String, Vec<String>)>,
}

impl<'d> RecipeBuilder<'d> {
    fn new(data: &'d Data) -> Self {
        RecipeBuilder {
            data,
            entries: Vec::new(),
        }
    }

    fn add(&mut self, reference: &str, reason: &str) {
        let Some((id, _)) = self.data.pattern(reference) else {
            return;
        };
        match self.entries.iter_mut().find(|(p, _)| p == id) {
            Some((_, reasons)) => {
                if !reasons.iter().any(|r| r == reason) {
                    reasons.push(reason.to_owned());
                }
            }
            None => self.entries.push((id.to_owned(), vec![reason.to_owned()])),
        }
    }

    fn tier(&self, tier: Tier) -> Vec<RecipeEntry> {
        self.entries
            .iter()
            .filter_map(|(id, reasons)| {
                let pattern = &self.data.patterns[id].value;
                (pattern.tier == tier).then(|| RecipeEntry {
                    pattern: id.clone(),
                    name: pattern.name.clone(),
                    tier,
                    reasons: reasons.clone(),
                })
            })
            .collect()
    }

    /// Bronze patterns that were recommended, then legacy patterns whose replacement was.
    fn avoid(&self) -> Vec<AvoidEntry> {
        let mut out: Vec<AvoidEntry> = Vec::new();
        let entry = |id: &str, reasons: Vec<String>| {
            let pattern = &self.data.patterns[id].value;
            let instead = pattern
                .replaced_by
                .as_deref()
                .and_then(|r| self.data.pattern(r));
            AvoidEntry {
                pattern: id.to_owned(),
                name: pattern.name.clone(),
                instead: instead.map(|(i, _)| i.to_owned()).unwrap_or_default(),
                instead_name: instead
                    .map(|(_, p)| p.value.name.clone())
                    .unwrap_or_default(),
                reasons,
            }
        };
        for (id, reasons) in &self.entries {
            if self.data.patterns[id].value.tier == Tier::Bronze {
                out.push(entry(id, reasons.clone()));
            }
        }
        for (id, pattern) in &self.data.patterns {
            let Some((replacement, _)) = pattern
                .value
                .replaced_by
                .as_deref()
                .and_then(|r| self.data.pattern(r))
            else {
                continue;
            };
            if out.iter().any(|a| &a.pattern == id) {
                continue;
            }
            if let Some((_, reasons)) = self.entries.iter().find(|(p, _)| p == replacement) {
                let name = &self.data.patterns[replacement].value.name;
                let label = self.data.labels.get(Key::ReasonReplacement);
                let mut why = vec![label.plain(&[name])];
                why.extend(reasons.iter().cloned());
                out.push(entry(id, why));
            }
        }
        out
    }
}

/// Every domain's options, for callers that enumerate choices.
pub fn options(data: &Data) -> impl Iterator<Item = (&Domain, &DomainOption)> {
    data.domains
        .iter()
        .flat_map(|d| d.value.options.iter().map(move |o| (&d.value, o)))
}
