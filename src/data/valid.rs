//! The validated model: an option's steps and blueprint as the engine and the renderers read
//! them, each in the one shape the format allows (the decision tree's is [`crate::data::tree`]).
//!
//! The wire model ([`crate::data::model`]) holds what an author wrote, so that the loader can
//! report it where it is written; a step may name a pattern and a text there, a blueprint two
//! diagrams. The validator reports those from [`model::Step::check`] and
//! [`model::Blueprint::check`]; the readers get only what passes, through
//! [`DomainOption::valid_steps`] and [`DomainOption::valid_blueprint`]. A book whose data has
//! errors is still rendered (to find every problem at once, or under `on-failure = "continue"`):
//! what the validator rejects is left out of it.

use crate::data::model::{self, DomainOption, Flowchart, Sequence};

/// A step of an option's list: a pattern or a plain text, with an optional note or
/// continuation.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    pub subject: StepSubject<'a>,
    /// Written after the name: "**Long Polling** for compatibility".
    pub note: Option<&'a str>,
    /// What comes next: "**Monolith First** → Microservices when needed".
    pub then: Option<&'a str>,
}

/// What a step names.
#[derive(Debug, Clone, Copy)]
pub enum StepSubject<'a> {
    /// A pattern reference, by id or alias.
    Pattern(&'a str),
    /// Bold text that is not a pattern.
    Text(&'a str),
}

impl<'a> Step<'a> {
    /// The pattern reference of a step that names a pattern (not a text).
    pub fn pattern(&self) -> Option<&'a str> {
        match self.subject {
            StepSubject::Pattern(pattern) => Some(pattern),
            StepSubject::Text(_) => None,
        }
    }
}

/// Why a step of the data is not a [`Step`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepError {
    /// It names a pattern and a text.
    Both,
    /// It names neither.
    Neither,
}

impl model::Step {
    /// The step, naming its pattern or its text.
    pub fn check(&self) -> Result<Step<'_>, StepError> {
        let subject = match (&self.pattern, &self.text) {
            (Some(pattern), None) => StepSubject::Pattern(pattern),
            (None, Some(text)) => StepSubject::Text(text),
            (Some(_), Some(_)) => return Err(StepError::Both),
            (None, None) => return Err(StepError::Neither),
        };
        Ok(Step {
            subject,
            note: self.note.as_deref(),
            then: self.then.as_deref(),
        })
    }
}

/// A diagram of an option's architecture, with its title.
#[derive(Debug, Clone, Copy)]
pub struct Blueprint<'a> {
    pub title: Option<&'a str>,
    pub diagram: Diagram<'a>,
}

/// What a blueprint draws.
#[derive(Debug, Clone, Copy)]
pub enum Diagram<'a> {
    Flowchart(&'a Flowchart),
    Sequence(&'a Sequence),
    /// Raw mermaid text, the escape hatch.
    Mermaid(&'a str),
}

/// A blueprint of the data that holds no diagram, or more than one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotOneDiagram;

impl model::Blueprint {
    /// The blueprint with its one diagram.
    pub fn check(&self) -> Result<Blueprint<'_>, NotOneDiagram> {
        let diagram = match (&self.flowchart, &self.sequence, &self.mermaid) {
            (Some(flowchart), None, None) => Diagram::Flowchart(flowchart),
            (None, Some(sequence), None) => Diagram::Sequence(sequence),
            (None, None, Some(raw)) => Diagram::Mermaid(raw),
            _ => return Err(NotOneDiagram),
        };
        Ok(Blueprint {
            title: self.title.as_deref(),
            diagram,
        })
    }
}

impl DomainOption {
    /// The option's steps, in order; one the validator rejects is left out.
    pub fn valid_steps(&self) -> impl Iterator<Item = Step<'_>> {
        self.steps.iter().filter_map(|step| step.check().ok())
    }

    /// The option's blueprint; one the validator rejects is left out.
    pub fn valid_blueprint(&self) -> Option<Blueprint<'_>> {
        self.blueprint.as_ref()?.check().ok()
    }
}
