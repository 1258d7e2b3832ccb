//! Stage 2: check what the types cannot — ids, references, the shape of the decision tree —
//! and report every problem at once.

use std::collections::{HashMap, HashSet};

use crate::data::json_path::JsonPath;
use crate::data::model::{Blueprint, DecisionTree, DomainOption, Tier};
use crate::data::tree::{
    MAX_TREE_DEPTH, MAX_TREE_STEPS, MAX_TREE_TEXT, Malformed, NodeKind, Shape, Unfolded,
};
use crate::data::valid::{StepError, StepSubject};
use crate::data::{Data, Origin};
use crate::diag::Diagnostic;
use crate::diag::suggest;
use crate::text::ids::is_kebab_id;

/// Every problem of the data set, errors and warnings, in the order of the data.
pub fn validate(data: &Data) -> Vec<Diagnostic> {
    // The sections are checked side by side; their problems are joined in the data's order.
    fn checked<'a>(data: &'a Data, steps: &[fn(&mut Checker<'a>)]) -> Checker<'a> {
        let mut checker = Checker {
            data,
            diagnostics: Vec::new(),
            referenced: HashSet::new(),
        };
        steps.iter().for_each(|step| step(&mut checker));
        checker
    }
    let (mut checker, (domains, rest)) = rayon::join(
        || checked(data, &[Checker::patterns, Checker::case_studies]),
        || {
            rayon::join(
                || checked(data, &[Checker::domains]),
                || {
                    checked(
                        data,
                        &[
                            Checker::combinations,
                            Checker::decision_tree,
                            Checker::recipe,
                        ],
                    )
                },
            )
        },
    );
    for other in [domains, rest] {
        checker.diagnostics.extend(other.diagnostics);
        checker.referenced.extend(other.referenced);
    }
    checker.unreferenced_patterns();
    checker.diagnostics
}

/// Words that end or restructure a mermaid diagram when used as a node id.
const MERMAID_RESERVED: &[&str] = &[
    "end",
    "graph",
    "flowchart",
    "subgraph",
    "style",
    "class",
    "classDef",
    "click",
    "linkStyle",
    "participant",
    "actor",
    "loop",
    "alt",
    "else",
    "opt",
    "par",
    "and",
    "rect",
    "note",
    "activate",
    "deactivate",
    "autonumber",
];

fn is_diagram_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !MERMAID_RESERVED.contains(&id)
}

struct Checker<'a> {
    data: &'a Data,
    diagnostics: Vec<Diagnostic>,
    /// Canonical ids of the patterns something refers to.
    referenced: HashSet<&'a str>,
}

impl<'a> Checker<'a> {
    fn error(&mut self, origin: &Origin, rest: &JsonPath, message: String, help: Option<String>) {
        let diagnostic = self.data.error_at(origin, rest, message).with_help(help);
        self.diagnostics.push(diagnostic);
    }

    fn error_at_key(&mut self, origin: &Origin, message: String, help: Option<String>) {
        let location = self.data.locate_key(origin, &JsonPath::root());
        self.diagnostics
            .push(Diagnostic::error(Some(location), message).with_help(help));
    }

    fn warning(&mut self, origin: &Origin, rest: &JsonPath, message: String, help: String) {
        let location = self.data.locate(origin, rest);
        self.diagnostics
            .push(Diagnostic::warning(Some(location), message).with_help(Some(help)));
    }

    /// `rest` is only worked out for a message.
    fn kebab(&mut self, origin: &Origin, rest: impl FnOnce() -> JsonPath, what: &str, id: &str) {
        if !is_kebab_id(id) {
            let help = kebab_help(id);
            self.error(
                origin,
                &rest(),
                format!("{what} \"{id}\" is not a valid id"),
                Some(help),
            );
        }
    }

    /// A reference to a pattern, by id or alias; remembers it for the unreferenced check.
    /// `rest` is only worked out for a message.
    fn pattern_ref(
        &mut self,
        origin: &Origin,
        rest: impl FnOnce() -> JsonPath,
        reference: &str,
    ) -> Option<Tier> {
        if let Some((id, pattern)) = self.data.pattern(reference) {
            self.referenced.insert(id);
            return Some(pattern.value.tier);
        }
        if !self.data.unreadable_patterns.contains(reference) && !self.data.has_unreadable_files {
            let names = self
                .data
                .pattern_names()
                .chain(self.data.unreadable_patterns.iter().map(String::as_str));
            let help = suggest::help(reference, names).or_else(|| {
                Some("define it under \"patterns\" in a data file, or fix the id".into())
            });
            self.error(
                origin,
                &rest(),
                format!("unknown pattern \"{reference}\""),
                help,
            );
        }
        None
    }

    fn case_study_ref(
        &mut self,
        origin: &Origin,
        rest: impl FnOnce() -> JsonPath,
        reference: &str,
    ) {
        if self.data.case_studies.contains_key(reference)
            || self.data.unreadable_case_studies.contains(reference)
            || self.data.has_unreadable_files
        {
            return;
        }
        let names = self
            .data
            .case_studies
            .keys()
            .chain(&self.data.unreadable_case_studies)
            .map(String::as_str);
        let help = suggest::help(reference, names).or_else(|| {
            Some("define it under \"case_studies\" in a data file, or fix the id".into())
        });
        self.error(
            origin,
            &rest(),
            format!("unknown case study \"{reference}\""),
            help,
        );
    }

    fn chapter_path(&mut self, origin: &Origin, rest: impl FnOnce() -> JsonPath, page: &str) {
        // A colon before the first slash reads as an address's scheme (`javascript:x.md`) in the
        // links made to the page.
        let scheme = page
            .split('/')
            .next()
            .and_then(|first| first.split_once(':'))
            .map(|(scheme, _)| scheme);
        let problem = if let Some(scheme) = scheme {
            Some(format!(
                "starts like a web address (\"{scheme}:\"), not a path relative to the book's src folder"
            ))
        } else if page.starts_with('/') || page.contains('\\') {
            Some("is not a path relative to the book's src folder".into())
        } else if page.split('/').any(|part| part.is_empty() || part == "..") {
            Some("is not a plain chapter path".into())
        } else if !page.ends_with(".md") {
            Some("is not a Markdown chapter (it must end in .md)".into())
        } else {
            None
        };
        if let Some(problem) = problem {
            self.error(
                origin,
                &rest(),
                format!("page \"{page}\" {problem}"),
                Some("write the chapter's path relative to src, like \"patterns/cdn.md\"".into()),
            );
        }
    }

    fn patterns(&mut self) {
        let data = self.data;
        let root = JsonPath::root();
        for (id, pattern) in &data.patterns {
            let origin = &pattern.origin;
            if !is_kebab_id(id) {
                let help = kebab_help(id);
                self.error_at_key(
                    origin,
                    format!("pattern id \"{id}\" is not a valid id"),
                    Some(help),
                );
            }
            let p = &pattern.value;
            // A pattern's name labels the decision tree's outcomes.
            self.label(origin, &root.key("name"), &p.name);
            self.kebab(origin, || root.key("category"), "category", &p.category);
            if let Some(page) = &p.page {
                self.chapter_path(origin, || root.key("page"), page);
            }
            for (i, alias) in p.aliases.iter().enumerate() {
                let at = root.key("aliases").index(i);
                self.kebab(origin, || at.clone(), "alias", alias);
                if data.patterns.contains_key(alias) {
                    self.error(
                        origin,
                        &at,
                        format!("alias \"{alias}\" is already the id of a pattern"),
                        Some("remove the alias, or rename one of the two".into()),
                    );
                } else if data.aliases.get(alias).is_some_and(|owner| owner != id) {
                    let owner = &data.aliases[alias];
                    self.error(
                        origin,
                        &at,
                        format!("alias \"{alias}\" is already an alias of pattern \"{owner}\""),
                        Some("an alias may name one pattern only".into()),
                    );
                }
            }
            if let Some(replacement) = &p.replaced_by {
                let at = root.key("replaced_by");
                if replacement == id {
                    self.error(
                        origin,
                        &at,
                        format!("pattern \"{id}\" is replaced by itself"),
                        Some("name the pattern that replaces it".into()),
                    );
                } else {
                    self.pattern_ref(origin, || at.clone(), replacement);
                }
                if p.tier != Tier::Bronze {
                    self.warning(
                        origin,
                        &at,
                        format!(
                            "pattern \"{id}\" is {} but has a replacement",
                            p.tier.as_str()
                        ),
                        "only bronze (legacy) patterns are replaced; make it bronze or drop \"replaced_by\"".into(),
                    );
                }
            }
        }
    }

    fn case_studies(&mut self) {
        let data = self.data;
        for (id, case_study) in &data.case_studies {
            if !is_kebab_id(id) {
                let help = kebab_help(id);
                self.error_at_key(
                    &case_study.origin,
                    format!("case study id \"{id}\" is not a valid id"),
                    Some(help),
                );
            }
            let page = || JsonPath::root().key("page");
            self.chapter_path(&case_study.origin, page, &case_study.value.page);
        }
    }

    fn domains(&mut self) {
        let data = self.data;
        let root = JsonPath::root();
        let mut seen: HashMap<&str, &Origin> = HashMap::new();
        for domain in &data.domains {
            let origin = &domain.origin;
            let d = &domain.value;
            self.kebab(origin, || root.key("id"), "domain id", &d.id);
            if let Some(first) = seen.insert(&d.id, origin) {
                let help = format!(
                    "first defined at {}; rename or remove one",
                    data.place_of(first, &root.key("id"))
                );
                self.error(
                    origin,
                    &root.key("id"),
                    format!("domain \"{}\" is defined twice", d.id),
                    Some(help),
                );
            }
            if d.options.is_empty() {
                self.error(
                    origin,
                    &root.key("options"),
                    format!("domain \"{}\" has no options", d.id),
                    Some("add at least one option that answers the domain's question".into()),
                );
            }
            let mut option_ids: HashMap<&str, usize> = HashMap::new();
            for (i, option) in d.options.iter().enumerate() {
                let at = root.key("options").index(i);
                if let Some(first) = option_ids.insert(&option.id, i) {
                    let first_at = root.key("options").index(first).key("id");
                    let first_place = data.place_of(origin, &first_at);
                    self.error(
                        origin,
                        &at.key("id"),
                        format!(
                            "option \"{}\" appears twice in domain \"{}\"",
                            option.id, d.id
                        ),
                        Some(format!(
                            "first defined at {first_place}; rename or remove one"
                        )),
                    );
                }
                self.option(origin, &at, option);
            }
        }
        self.heading_ids();
    }

    /// Every domain section, question and option gets a heading id made from its ids
    /// (`wizard-{domain}`, `wizard-{domain}-question`, `wizard-{domain}-{option}`): no two may
    /// meet, nor land on a heading the wizard always gives.
    fn heading_ids(&mut self) {
        let data = self.data;
        let root = JsonPath::root();
        // Heading id -> what gives it, and where in the data (nowhere for the wizard's own).
        type Giver<'a> = (String, Option<(&'a Origin, JsonPath)>);
        let mut given: HashMap<String, Giver> = crate::text::ids::WIZARD_HEADINGS
            .iter()
            .map(|id| {
                (
                    id.to_string(),
                    ("one of the wizard's own headings".into(), None),
                )
            })
            .collect();
        for domain in &data.domains {
            let origin = &domain.origin;
            let d = &domain.value;
            let mut ids = vec![
                (
                    crate::text::ids::domain_anchor(&d.id),
                    format!("domain \"{}\"", d.id),
                    root.key("id"),
                ),
                (
                    crate::text::ids::question_anchor(&d.id),
                    format!("the question of domain \"{}\"", d.id),
                    root.key("id"),
                ),
            ];
            for (i, option) in d.options.iter().enumerate() {
                ids.push((
                    crate::text::ids::option_anchor(&d.id, &option.id),
                    format!("option \"{}\" of domain \"{}\"", option.id, d.id),
                    root.key("options").index(i).key("id"),
                ));
            }
            for (id, what, at) in ids {
                match given.get(&id) {
                    // The same domain or option twice is reported as defined twice.
                    Some((first, _)) if *first == what => {}
                    Some((first, first_at)) => {
                        let first_place = first_at
                            .as_ref()
                            .map(|(o, at)| format!(" at {}", data.place_of(o, at)))
                            .unwrap_or_default();
                        let message = format!(
                            "the heading id \"{id}\" of {what} is already that of {first}{first_place}"
                        );
                        let help = if first_at.is_some() {
                            "rename one of them: a link to the second would reach the first"
                        } else {
                            "rename it: the wizard gives this heading id itself"
                        };
                        self.error(origin, &at, message, Some(help.into()));
                    }
                    None => {
                        given.insert(id, (what, Some((origin, at))));
                    }
                }
            }
        }
    }

    fn option(&mut self, origin: &Origin, at: &JsonPath, option: &DomainOption) {
        self.kebab(origin, || at.key("id"), "option id", &option.id);
        if option.stack.is_empty() && option.steps.is_empty() && option.blueprint.is_none() {
            self.error(
                origin,
                at,
                format!("option \"{}\" recommends nothing", option.id),
                Some("give it a \"stack\", \"steps\" or a \"blueprint\"".into()),
            );
        }
        for (i, row) in option.stack.iter().enumerate() {
            let row_at = || at.key("stack").index(i);
            self.pattern_ref(origin, || row_at().key("pattern"), &row.pattern);
            if let Some(crate::data::model::Evidence::CaseStudy(link)) = &row.evidence {
                let evidence_at = || row_at().key("evidence").key("case_study");
                self.case_study_ref(origin, evidence_at, &link.case_study);
            }
        }
        for (i, step) in option.steps.iter().enumerate() {
            let step_at = at.key("steps").index(i);
            match step.check().map(|step| step.subject) {
                Ok(StepSubject::Pattern(pattern)) => {
                    self.pattern_ref(origin, || step_at.key("pattern"), pattern);
                }
                Ok(StepSubject::Text(_)) => {}
                Err(StepError::Both) => self.error(
                    origin,
                    &step_at.key("text"),
                    "a step names a pattern or a text, not both".into(),
                    Some(
                        "keep \"pattern\" to link the pattern, or \"text\" for plain words".into(),
                    ),
                ),
                Err(StepError::Neither) => self.error(
                    origin,
                    &step_at,
                    "a step needs a \"pattern\" or a \"text\"".into(),
                    Some("add \"pattern\": \"<pattern id>\" or \"text\": \"…\"".into()),
                ),
            }
        }
        if let Some(blueprint) = &option.blueprint {
            self.blueprint(origin, &at.key("blueprint"), blueprint);
        }
    }

    fn blueprint(&mut self, origin: &Origin, at: &JsonPath, blueprint: &Blueprint) {
        if blueprint.check().is_err() {
            self.error(
                origin,
                at,
                "a blueprint holds exactly one diagram".into(),
                Some("give it one of \"flowchart\", \"sequence\" or \"mermaid\"".into()),
            );
        }
        if let Some(raw) = &blueprint.mermaid {
            self.raw_mermaid(origin, &at.key("mermaid"), raw);
        }
        if let Some(flowchart) = &blueprint.flowchart {
            let at = at.key("flowchart");
            let nodes: Vec<(&str, Option<&str>)> = flowchart
                .nodes
                .iter()
                .map(|n| (n.id.as_str(), n.pattern.as_deref()))
                .collect();
            self.diagram_members(origin, &at.key("nodes"), "node", &nodes);
            self.diagram_size(origin, &at.key("nodes"), "nodes", flowchart.nodes.len());
            self.diagram_size(origin, &at.key("edges"), "edges", flowchart.edges.len());
            for (i, node) in flowchart.nodes.iter().enumerate() {
                self.label(origin, &at.key("nodes").index(i).key("label"), &node.label);
            }
            let ids: Vec<&str> = nodes.iter().map(|(id, _)| *id).collect();
            for (i, edge) in flowchart.edges.iter().enumerate() {
                let edge_at = at.key("edges").index(i);
                if let Some(label) = &edge.label {
                    self.label(origin, &edge_at.key("label"), label);
                }
                self.diagram_ref(origin, &edge_at.key("from"), "node", &edge.from, &ids);
                self.diagram_ref(origin, &edge_at.key("to"), "node", &edge.to, &ids);
            }
        }
        if let Some(sequence) = &blueprint.sequence {
            let at = at.key("sequence");
            let members: Vec<(&str, Option<&str>)> = sequence
                .participants
                .iter()
                .map(|p| (p.id.as_str(), p.pattern.as_deref()))
                .collect();
            self.diagram_members(origin, &at.key("participants"), "participant", &members);
            let participants = sequence.participants.len();
            self.diagram_size(
                origin,
                &at.key("participants"),
                "participants",
                participants,
            );
            self.diagram_size(
                origin,
                &at.key("messages"),
                "messages",
                sequence.messages.len(),
            );
            for (i, participant) in sequence.participants.iter().enumerate() {
                let label_at = at.key("participants").index(i).key("label");
                self.label(origin, &label_at, &participant.label);
            }
            let ids: Vec<&str> = members.iter().map(|(id, _)| *id).collect();
            for (i, message) in sequence.messages.iter().enumerate() {
                let message_at = at.key("messages").index(i);
                self.label(origin, &message_at.key("text"), &message.text);
                self.diagram_ref(
                    origin,
                    &message_at.key("from"),
                    "participant",
                    &message.from,
                    &ids,
                );
                self.diagram_ref(
                    origin,
                    &message_at.key("to"),
                    "participant",
                    &message.to,
                    &ids,
                );
            }
        }
    }

    /// Raw mermaid must parse, so that it never reaches a reader as a blank box, must not link
    /// to `javascript:` addresses, and must stay the mermaid it is on the page: no line that
    /// could end the code block around it, nothing mdBook's `links` preprocessor would expand.
    fn raw_mermaid(&mut self, origin: &Origin, at: &JsonPath, raw: &str) {
        let problem = crate::text::untrusted::unsafe_mermaid(raw).or_else(|| {
            crate::mermaid::check(raw).err().map(|error| {
                (
                    format!("the mermaid blueprint cannot be parsed: {error}"),
                    "fix the mermaid text, or write the diagram as a \"flowchart\" or a \"sequence\"",
                )
            })
        });
        if let Some((message, help)) = problem {
            self.error(origin, at, message, Some(help.into()));
        }
    }

    /// A label drawn in a diagram: the renderer's time grows with the square of a label's
    /// length, so a label is kept to what a diagram can show.
    fn label(&mut self, origin: &Origin, at: &JsonPath, label: &str) {
        let length = label.chars().count();
        if length > MAX_LABEL_CHARS {
            self.error(
                origin,
                at,
                format!(
                    "this label is {length} characters long; a diagram's labels hold at most {MAX_LABEL_CHARS}"
                ),
                Some("shorten it; say more in the chapter's text".into()),
            );
        }
    }

    /// How many nodes, edges, participants or messages a blueprint has, against what can be
    /// drawn.
    fn diagram_size(&mut self, origin: &Origin, at: &JsonPath, what: &str, count: usize) {
        if count > MAX_DIAGRAM_ITEMS {
            self.error(
                origin,
                at,
                format!(
                    "the diagram has {count} {what}; a blueprint has at most {MAX_DIAGRAM_ITEMS}"
                ),
                Some("draw a smaller diagram, or split it across options".into()),
            );
        }
    }

    /// The nodes or participants of a diagram: ids well-formed and unique, patterns known.
    fn diagram_members(
        &mut self,
        origin: &Origin,
        at: &JsonPath,
        what: &str,
        members: &[(&str, Option<&str>)],
    ) {
        if members.is_empty() {
            self.error(
                origin,
                at,
                format!("a diagram needs at least one {what}"),
                None,
            );
        }
        let mut seen = HashMap::new();
        for (i, (id, pattern)) in members.iter().enumerate() {
            let member_at = at.index(i);
            if !is_diagram_id(id) {
                self.error(
                    origin,
                    &member_at.key("id"),
                    format!("{what} id \"{id}\" cannot be used in a diagram"),
                    Some(
                        "diagram ids start with a letter and hold only letters, digits and \
                         underscores, and are not mermaid keywords such as \"end\""
                            .into(),
                    ),
                );
            }
            if let Some(first) = seen.insert(*id, i) {
                self.error(
                    origin,
                    &member_at.key("id"),
                    format!("{what} \"{id}\" appears twice in this diagram"),
                    Some(format!("the first is [{first}]; rename or remove one")),
                );
            }
            if let Some(pattern) = pattern {
                self.pattern_ref(origin, || member_at.key("pattern"), pattern);
            }
        }
    }

    fn diagram_ref(&mut self, origin: &Origin, at: &JsonPath, what: &str, id: &str, ids: &[&str]) {
        if !ids.contains(&id) {
            let help = suggest::help(id, ids.iter().copied())
                .or_else(|| Some(format!("declare the {what} first, or fix the id")));
            self.error(origin, at, format!("unknown {what} \"{id}\""), help);
        }
    }

    fn combinations(&mut self) {
        let data = self.data;
        let root = JsonPath::root();
        for combination in &data.combinations {
            let origin = &combination.origin;
            let c = &combination.value;
            self.pattern_ref(origin, || root.key("pattern"), &c.pattern);
            if c.with.is_empty() {
                self.error(
                    origin,
                    &root.key("with"),
                    "a combination needs at least one pattern in \"with\"".into(),
                    None,
                );
            }
            for (i, other) in c.with.iter().enumerate() {
                self.pattern_ref(origin, || root.key("with").index(i), other);
            }
        }
    }

    fn decision_tree(&mut self) {
        let Some(tree) = &self.data.decision_tree else {
            return;
        };
        let origin = &tree.origin;
        let tree = &tree.value;
        let nodes_at = JsonPath::root().key("nodes");
        let ids = || tree.nodes.keys().map(String::as_str);
        for (id, node) in &tree.nodes {
            let at = nodes_at.key(id);
            if !is_kebab_id(id) {
                let help = kebab_help(id);
                let location = self.data.locate_key(origin, &at);
                self.diagnostics.push(
                    Diagnostic::error(
                        Some(location),
                        format!("tree node id \"{id}\" is not a valid id"),
                    )
                    .with_help(Some(help)),
                );
            }
            match node.kind() {
                Ok(NodeKind::Question { question, answers }) => {
                    self.label(origin, &at.key("question"), question);
                    if answers.is_empty() {
                        self.error(
                            origin,
                            &at,
                            format!("question \"{id}\" has no answers, so every path through it ends without an outcome"),
                            Some("add \"answers\" that lead to other nodes".into()),
                        );
                    }
                    let mut labels = HashMap::new();
                    for (i, answer) in answers.iter().enumerate() {
                        let label_at = at.key("answers").index(i).key("label");
                        self.label(origin, &label_at, &answer.label);
                        if let Some(first) = labels.insert(answer.label.as_str(), i) {
                            self.error(
                                origin,
                                &label_at,
                                format!("answer \"{}\" appears twice in question \"{id}\"", answer.label),
                                Some(format!("the first is answers[{first}]")),
                            );
                        }
                    }
                }
                Ok(NodeKind::Outcome { patterns, .. }) => {
                    for (i, pattern) in patterns.iter().enumerate() {
                        self.pattern_ref(origin, || at.key("patterns").index(i), pattern);
                    }
                }
                Err(Malformed::Mixed) => self.error(
                    origin,
                    &at,
                    format!("tree node \"{id}\" mixes a question with an outcome"),
                    Some("a question has \"question\" and \"answers\"; an outcome has \"patterns\" and optional \"next\" and \"adds\"".into()),
                ),
                Err(Malformed::Neither) => self.error(
                    origin,
                    &at,
                    format!("tree node \"{id}\" is neither a question nor an outcome"),
                    Some("give it \"question\" and \"answers\", or \"patterns\"".into()),
                ),
            }
            for (reference, next) in node.references() {
                if !tree.nodes.contains_key(next) {
                    let help = suggest::help(next, ids())
                        .or_else(|| Some("name a node of \"nodes\"".into()));
                    self.error(
                        origin,
                        &at.join(&reference.path()),
                        format!("unknown tree node \"{next}\""),
                        help,
                    );
                }
            }
        }
        let dangling = tree
            .nodes
            .values()
            .flat_map(|node| node.references())
            .any(|(_, next)| !tree.nodes.contains_key(next));
        let Some(shape) = self.data.tree_shape(tree) else {
            let help = suggest::help(&tree.start, ids())
                .or_else(|| Some("name a node of \"nodes\"".into()));
            let start = tree.start.clone();
            self.error(
                origin,
                &JsonPath::root().key("start"),
                format!("unknown tree node \"{start}\""),
                help,
            );
            return;
        };
        // With a reference that leads nowhere, which nodes are reachable cannot be told.
        self.tree_shape(origin, tree, &shape, !dangling);
    }

    /// Loops, the size unfolded and unreachable nodes, as the walk from `start` found them.
    fn tree_shape(
        &mut self,
        origin: &Origin,
        tree: &DecisionTree,
        shape: &Shape,
        check_reachable: bool,
    ) {
        let nodes_at = JsonPath::root().key("nodes");
        match &shape.size {
            Ok(unfolded) => self.tree_size(origin, *unfolded),
            Err(loops) => {
                for found in loops {
                    self.error(
                        origin,
                        &nodes_at.key(found.from).join(&found.reference.path()),
                        format!("the decision tree loops: {}", found.nodes.join(" → ")),
                        Some("a decision tree cannot lead back to an earlier node; end this path in an outcome".into()),
                    );
                }
            }
        }
        for id in tree.nodes.keys().filter(|_| check_reachable) {
            if !shape.reaches(id) {
                let location = self.data.locate_key(origin, &nodes_at.key(id));
                self.diagnostics.push(
                    Diagnostic::error(
                        Some(location),
                        format!(
                            "tree node \"{id}\" cannot be reached from the start node \"{}\"",
                            tree.start
                        ),
                    )
                    .with_help(Some(
                        "lead an answer or a \"next\" to it, or remove it".into(),
                    )),
                );
            }
        }
    }

    /// A tree too big to show (see [`Unfolded::fits`]) is an error, said in its own words.
    fn tree_size(&mut self, origin: &Origin, unfolded: Unfolded) {
        let Unfolded { steps, depth, text } = unfolded;
        let problems = [
            (
                steps > MAX_TREE_STEPS,
                format!(
                    "the decision tree has {steps} steps when every way through it is written out (a node reached by several answers counts once for each); at most {MAX_TREE_STEPS} can be shown"
                ),
                "lead fewer answers to the same nodes, or split the tree",
            ),
            // Too many steps make too much text too: that one error says it.
            (
                text > MAX_TREE_TEXT && steps <= MAX_TREE_STEPS,
                format!(
                    "the decision tree has {text} bytes of text when every way through it is written out (a node reached by several answers is written once for each); at most {MAX_TREE_TEXT} can be shown"
                ),
                "shorten the questions, labels and pattern names of nodes that many answers lead to, lead fewer answers to them, or split the tree",
            ),
            (
                depth > MAX_TREE_DEPTH,
                format!(
                    "the decision tree is {depth} nodes deep; at most {MAX_TREE_DEPTH} can be shown"
                ),
                "shorten the longest chain of questions",
            ),
        ];
        for (passed, message, help) in problems {
            if passed {
                self.error(
                    origin,
                    &JsonPath::root().key("start"),
                    message,
                    Some(help.into()),
                );
            }
        }
    }

    fn recipe(&mut self) {
        let Some(recipe) = &self.data.recipe else {
            return;
        };
        let origin = &recipe.origin;
        let root = JsonPath::root();
        for (section, items) in [("core", &recipe.value.core), ("scale", &recipe.value.scale)] {
            for (i, item) in items.iter().enumerate() {
                self.pattern_ref(
                    origin,
                    || root.key(section).index(i).key("pattern"),
                    &item.pattern,
                );
            }
        }
        for (i, item) in recipe.value.avoid.iter().enumerate() {
            let at = root.key("avoid").index(i);
            let tier = self.pattern_ref(origin, || at.key("pattern"), &item.pattern);
            self.pattern_ref(origin, || at.key("instead"), &item.instead);
            if let Some(tier) = tier.filter(|t| *t != Tier::Bronze) {
                self.warning(
                    origin,
                    &at.key("pattern"),
                    format!(
                        "pattern \"{}\" is {} but the recipe says to avoid it",
                        item.pattern,
                        tier.as_str()
                    ),
                    "only bronze (legacy) patterns belong under \"avoid\"; make it bronze or move it".into(),
                );
            }
        }
    }

    fn unreferenced_patterns(&mut self) {
        let data = self.data;
        if data.has_unreadable_files || data.has_unreadable_entries {
            return;
        }
        for (id, pattern) in &data.patterns {
            if !self.referenced.contains(id.as_str()) {
                let location = data.locate_key(&pattern.origin, &JsonPath::root());
                self.diagnostics.push(
                    Diagnostic::warning(Some(location), format!("pattern \"{id}\" is not referenced by anything"))
                        .with_help(Some("recommend it in a stack, step, combination, tree outcome or the recipe, or remove it".into())),
                );
            }
        }
    }
}

/// What to do about an id that is not kebab-case.
/// The longest label a diagram may hold, in characters.
pub const MAX_LABEL_CHARS: usize = 1_000;
/// The most nodes, edges, participants or messages one blueprint may have.
pub const MAX_DIAGRAM_ITEMS: usize = 500;
fn kebab_help(id: &str) -> String {
    format!(
        "ids are kebab-case: lowercase letters and digits joined by single hyphens, like \"{}\"",
        kebab_suggestion(id)
    )
}

/// A kebab-case spelling of `id`, to show in the help.
fn kebab_suggestion(id: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && previous_lower {
                out.push('-');
            }
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
            previous_lower = false;
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "my-id".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_ids() {
        for good in ["cdn", "circuit-breaker", "a1-b2", "2pc"] {
            assert!(is_kebab_id(good), "{good}");
        }
        for bad in ["", "Circuit", "a--b", "-a", "a-", "a_b", "a b", "é"] {
            assert!(!is_kebab_id(bad), "{bad}");
        }
        assert_eq!(kebab_suggestion("CircuitBreaker"), "circuit-breaker");
        assert_eq!(kebab_suggestion("two_phase  commit"), "two-phase-commit");
    }

    #[test]
    fn diagram_ids() {
        assert!(is_diagram_id("LB"));
        assert!(is_diagram_id("app_1"));
        assert!(!is_diagram_id("end"));
        assert!(!is_diagram_id("1a"));
        assert!(!is_diagram_id("a-b"));
    }
}
