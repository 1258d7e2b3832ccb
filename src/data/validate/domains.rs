//! Domains: their ids and questions, each option's stack and steps, and the heading ids the
//! wizard gives them, which must not clash.

use std::collections::HashMap;

use crate::data::Origin;
use crate::data::json_path::JsonPath;
use crate::data::model::{DomainOption, Evidence};
use crate::data::valid::{StepError, StepSubject};
use crate::text::untrusted::unsafe_url;

use super::Checker;

impl<'a> Checker<'a> {
    pub(super) fn domains(&mut self) {
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
            self.inline(origin, &root.key("summary"), &d.summary);
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
    pub(super) fn heading_ids(&mut self) {
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

    pub(super) fn option(&mut self, origin: &Origin, at: &JsonPath, option: &DomainOption) {
        self.kebab(origin, || at.key("id"), "option id", &option.id);
        if option.stack.is_empty() && option.steps.is_empty() && option.blueprint.is_none() {
            self.error(
                origin,
                at,
                format!("option \"{}\" recommends nothing", option.id),
                Some("give it a \"stack\", \"steps\" or a \"blueprint\"".into()),
            );
        }
        for (key, text) in [("qualifier", &option.qualifier), ("intro", &option.intro)] {
            if let Some(text) = text {
                self.inline(origin, &at.key(key), text);
            }
        }
        for (i, row) in option.stack.iter().enumerate() {
            let row_at = || at.key("stack").index(i);
            self.pattern_ref(origin, || row_at().key("pattern"), &row.pattern);
            self.inline(origin, &row_at().key("why"), &row.why);
            match &row.evidence {
                Some(Evidence::CaseStudy(link)) => {
                    let evidence_at = || row_at().key("evidence").key("case_study");
                    self.case_study_ref(origin, evidence_at, &link.case_study);
                }
                Some(Evidence::Source(source)) => {
                    let evidence_at = row_at().key("evidence");
                    if let Some(problem) = unsafe_url(&source.url) {
                        self.error(
                            origin,
                            &evidence_at.key("url"),
                            problem.message,
                            problem.help,
                        );
                    }
                    if source.label.trim().is_empty() {
                        self.error(
                            origin,
                            &evidence_at.key("label"),
                            "the evidence's label is empty".into(),
                            Some("write the link's text, e.g. the article's title".into()),
                        );
                    }
                }
                Some(Evidence::Text(text)) => self.inline(origin, &row_at().key("evidence"), text),
                None => {}
            }
        }
        for (i, step) in option.steps.iter().enumerate() {
            let step_at = at.key("steps").index(i);
            for (key, text) in [("note", &step.note), ("then", &step.then)] {
                if let Some(text) = text {
                    self.inline(origin, &step_at.key(key), text);
                }
            }
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
}
