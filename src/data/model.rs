//! The data model: what an author writes under `patterns-data/`, schema version 1.
//!
//! These types are the single source of truth for the data format. They are deserialized from the
//! data files (see [`crate::data::load`]) and the JSON Schema printed by `mdbook-patterns schema` is
//! generated from them (see [`crate::data::schema`]), so the two cannot drift apart.
//!
//! They hold what an author wrote, so that every problem can be reported where it is written:
//! rules that they do not express (an id is kebab-case, a reference resolves, a step names a
//! pattern *or* a text) are checked by [`crate::data::validate`]. The engine and the renderers
//! read steps, blueprints and the decision tree in their validated shapes, from
//! [`crate::data::valid`] and [`crate::data::tree`].

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

/// An identifier: kebab-case, `[a-z0-9]+(-[a-z0-9]+)*`.
pub type Id = String;

/// An [`Id`] as the JSON Schema describes it, so that an editor rejects what `validate` rejects
/// (`crate::text::ids::is_kebab_id` is the same rule). Schema only: the data holds a `String`.
pub struct KebabId;

impl JsonSchema for KebabId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An id: lowercase letters and digits joined by single hyphens, like \"circuit-breaker\".",
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
        })
    }
}

/// One data file, as the loader first reads it: the top-level keys, each entry of each section
/// still the raw JSON text it was written as.
///
/// The loader deserializes every entry on its own, straight from its text, so that one broken
/// pattern does not hide the problems of the next. The schema of each field is the typed one.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "mdbook-patterns data file (schema version 1)",
    description = "One file of a pattern handbook's data folder, in JSON, YAML or TOML. Every *.json, *.yaml, *.yml and *.toml file below the folder is read in sorted path order and merged: patterns and case studies are joined, domains and combinations concatenated; the decision tree, the recipe and the labels may each appear in one file only."
)]
pub struct DataFile<'a> {
    /// The JSON Schema this file follows, for editors. Ignored by the tool, whatever it holds.
    #[serde(rename = "$schema")]
    #[schemars(with = "Option<String>")]
    pub schema: Option<serde::de::IgnoredAny>,
    /// The data format version, a semver version such as "1.0" or "1.0.0". Defaults to 1.0
    /// when the key is left out; written, it must be a version (`null` is not).
    #[serde(default, deserialize_with = "given")]
    #[schemars(with = "String", extend("default" = "1.0"))]
    pub schema_version: Option<Value>,
    /// Patterns by id.
    #[serde(borrow)]
    #[schemars(with = "Option<BTreeMap<KebabId, Pattern>>")]
    pub patterns: Option<RawEntries<'a>>,
    /// Case studies by id.
    #[serde(borrow)]
    #[schemars(with = "Option<BTreeMap<KebabId, CaseStudy>>")]
    pub case_studies: Option<RawEntries<'a>>,
    /// Domains, in the order of the wizard's cards. Lists of several files are concatenated in
    /// file order.
    #[serde(borrow)]
    #[schemars(with = "Option<Vec<Domain>>")]
    pub domains: Option<Vec<&'a RawValue>>,
    /// Rows of the combination matrix, in order.
    #[serde(borrow)]
    #[schemars(with = "Option<Vec<Combination>>")]
    pub combinations: Option<Vec<&'a RawValue>>,
    /// The decision tree. At most one file may define it.
    #[serde(borrow)]
    #[schemars(with = "Option<DecisionTree>")]
    pub decision_tree: Option<&'a RawValue>,
    /// The recipe. At most one file may define it.
    #[serde(borrow)]
    #[schemars(with = "Option<Recipe>")]
    pub recipe: Option<&'a RawValue>,
    /// The words the tool generates, by key. At most one file may set them.
    #[serde(borrow, default)]
    #[schemars(schema_with = "crate::data::labels::json_schema")]
    pub labels: Option<&'a RawValue>,
}

/// A key's value whenever the key is written, `null` included (serde reads `null` into an
/// `Option` as if the key were left out). With `#[serde(default)]`, a missing key is `None`.
pub(crate) fn given<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

/// The entries of an object, each still its raw JSON text, in the order written. A key written
/// twice keeps its first place and its last value, as `serde_json`'s own maps do (the loader
/// reports the duplicate).
#[derive(Debug, Default)]
pub struct RawEntries<'a>(pub Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for RawEntries<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Entries<'a> {
            type Value = RawEntries<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Self::Value, M::Error> {
                let mut entries: Vec<(String, &'a RawValue)> = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'a RawValue>()? {
                    entries.push(entry);
                }
                // Keys written twice are rare: found after reading, without copying any key.
                let mut first: std::collections::HashMap<&str, usize> =
                    std::collections::HashMap::with_capacity(entries.len());
                let mut later = Vec::new();
                for (i, (key, _)) in entries.iter().enumerate() {
                    match first.get(key.as_str()) {
                        Some(&at) => later.push((at, i)),
                        None => {
                            first.insert(key, i);
                        }
                    }
                }
                drop(first);
                let mut keep = vec![true; entries.len()];
                for (at, i) in later {
                    entries[at].1 = entries[i].1;
                    keep[i] = false;
                }
                let mut keep = keep.into_iter();
                entries.retain(|_| keep.next().unwrap_or(true));
                Ok(RawEntries(entries))
            }
        }
        deserializer.deserialize_map(Entries(std::marker::PhantomData))
    }
}

/// A pattern of the handbook.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    /// Display name, e.g. "Circuit Breaker".
    pub name: String,
    /// The pattern's one tier, used everywhere it appears.
    pub tier: Tier,
    /// A kebab-case category id, e.g. "resilience".
    #[schemars(with = "KebabId")]
    pub category: Id,
    /// One line saying what the pattern does. Inline Markdown: *emphasis*, **strong**,
    /// `code` and links to http, https or mailto addresses; raw HTML shows as text.
    pub summary: String,
    /// The pattern's chapter, relative to the book's `src`.
    pub page: Option<String>,
    /// Products or libraries that implement it.
    #[serde(default)]
    pub implementations: Vec<String>,
    /// For a bronze (legacy) pattern: the pattern that replaces it.
    #[schemars(with = "Option<KebabId>")]
    pub replaced_by: Option<Id>,
    /// Other ids that references may use for this pattern.
    #[serde(default)]
    #[schemars(with = "Vec<KebabId>")]
    pub aliases: Vec<Id>,
    /// Schema 1.1: kebab-case tags, each once, e.g. "transactions"; `<<pattern-index tag=…>>`
    /// and `<<count tag=…>>` select by them, and the index's filter offers them.
    #[serde(default)]
    #[schemars(with = "Vec<KebabId>", extend("uniqueItems" = true))]
    pub tags: Vec<Id>,
    /// Schema 1.1: who looks after the pattern, e.g. "Payments Platform". Inline Markdown:
    /// *emphasis*, **strong**, `code` and links to http, https or mailto addresses.
    pub owner: Option<String>,
    /// Schema 1.1: typed links to other patterns. `requires` is directed; `complements`,
    /// `alternative-to` and `conflicts-with` are symmetric: declared once, on either side, they
    /// hold for both patterns.
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// Schema 1.1: the pattern's tier over time, oldest first, dates strictly ascending; the
    /// last entry's tier is the pattern's `tier`.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    /// Schema 1.1: when its page was last checked (`YYYY-MM-DD`).
    #[schemars(with = "Option<IsoDate>")]
    pub reviewed: Option<String>,
}

/// One step of a pattern's history: from `date` on, it had `tier`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// The day the pattern took this tier (`YYYY-MM-DD`), after the entry before.
    #[schemars(with = "IsoDate")]
    pub date: String,
    /// The tier it had from that day on; the last entry's is the pattern's `tier`.
    pub tier: Tier,
    /// Why, in a few words. Inline Markdown: *emphasis*, **strong**, `code` and links to
    /// http, https or mailto addresses.
    pub note: Option<String>,
}

/// A date as the JSON Schema describes it (`crate::data::date::Date::parse` is the rule).
/// Schema only: the data holds a `String`.
pub struct IsoDate;

impl JsonSchema for IsoDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date written YYYY-MM-DD, like \"2026-06-01\".",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "format": "date"
        })
    }
}

/// A typed link from a pattern to another.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// How the two patterns relate.
    pub kind: RelationKind,
    /// The other pattern (an id or an alias).
    #[schemars(with = "KebabId")]
    pub pattern: Id,
    /// Why, in a few words. Inline Markdown: *emphasis*, **strong**, `code` and links to
    /// http, https or mailto addresses.
    pub note: Option<String>,
}

/// How two patterns relate.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum RelationKind {
    /// The pattern needs the other one to work (directed).
    Requires,
    /// The two work well together (symmetric; a combination-matrix row says the same).
    Complements,
    /// Either one does the job (symmetric).
    AlternativeTo,
    /// The two should not be used together (symmetric).
    ConflictsWith,
}

impl RelationKind {
    /// The kind as written in the data, e.g. `conflicts-with`.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Requires => "requires",
            RelationKind::Complements => "complements",
            RelationKind::AlternativeTo => "alternative-to",
            RelationKind::ConflictsWith => "conflicts-with",
        }
    }

    /// Whether the kind holds both ways, whichever side declares it.
    pub fn is_symmetric(self) -> bool {
        self != RelationKind::Requires
    }
}

/// How proven a pattern is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Gold,
    Silver,
    Bronze,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::Gold, Tier::Silver, Tier::Bronze];

    /// The tier as written in the data: `gold`, `silver`, `bronze`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Gold => "gold",
            Tier::Silver => "silver",
            Tier::Bronze => "bronze",
        }
    }
}

/// A case study: a chapter of the book that shows patterns at work.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseStudy {
    /// The case study's title, e.g. "Netflix: Chaos Engineering".
    pub title: String,
    /// The company or project it is about, if it is about one.
    pub company: Option<String>,
    /// The case study's chapter, relative to the book's `src`. Optional since schema 1.1:
    /// without one, links go to its card (`<<case-study ID>>`), or to its generated page under
    /// `generate-pages`.
    pub page: Option<String>,
}

/// A domain of the wizard: a card, a question and its options.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// The domain's id; its section's heading ids are made from it.
    #[schemars(with = "KebabId")]
    pub id: Id,
    /// The domain's name, shown on its card and as its section's title.
    pub title: String,
    /// Any text or emoji shown on the card.
    pub icon: Option<String>,
    /// One line shown on the domain's card. Inline Markdown: *emphasis*, **strong**, `code`
    /// and links to http, https or mailto addresses; raw HTML shows as text.
    pub summary: String,
    /// Examples of what the domain covers, shown on its card.
    #[serde(default)]
    pub examples: Vec<String>,
    /// The question the domain asks, answered by picking one option.
    pub question: String,
    /// The answers to the domain's question, in order.
    pub options: Vec<DomainOption>,
}

/// One answer to a domain's question, with what the wizard recommends for it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DomainOption {
    /// The option's id, unique within its domain.
    #[schemars(with = "KebabId")]
    pub id: Id,
    /// Any text or emoji shown before the title.
    pub icon: Option<String>,
    /// The option's name, e.g. "Large scale".
    pub title: String,
    /// Shown in parentheses after the title, e.g. "100M+ users". Inline Markdown (*emphasis*,
    /// **strong**, `code`, links to http, https or mailto addresses), shown as plain text in
    /// headings and the wizard's choices.
    pub qualifier: Option<String>,
    /// The line before the table or list, e.g. "Recommended Pattern Stack:". Inline Markdown:
    /// *emphasis*, **strong**, `code` and links to http, https or mailto addresses.
    pub intro: Option<String>,
    /// Headers of the stack table's last two columns.
    pub columns: Option<Columns>,
    /// Rendered as a tier table.
    #[serde(default)]
    pub stack: Vec<StackRow>,
    /// Rendered as a bullet list.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// A diagram of the architecture this option recommends.
    pub blueprint: Option<Blueprint>,
}

/// Headers of a stack table's "why" and "evidence" columns.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    /// The header of the column that says why, e.g. "Why".
    pub why: String,
    /// The header of the column that shows the evidence, e.g. "Evidence".
    pub evidence: String,
}

/// A row of a stack table. Its tier always comes from the pattern.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StackRow {
    /// The recommended pattern (an id or an alias).
    #[schemars(with = "KebabId")]
    pub pattern: Id,
    /// Why this pattern belongs in the stack. Inline Markdown: *emphasis*, **strong**, `code`
    /// and links to http, https or mailto addresses; raw HTML shows as text.
    pub why: String,
    /// What backs the recommendation.
    pub evidence: Option<Evidence>,
}

/// What backs a stack row: plain text, a link to a case study, or a link to an external source.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(untagged)]
pub enum Evidence {
    /// A text, e.g. "HAProxy, AWS ALB". Inline Markdown: *emphasis*, **strong**, `code` and
    /// links to http, https or mailto addresses; raw HTML shows as text.
    Text(String),
    /// A link to a case study of the book.
    CaseStudy(CaseStudyRef),
    /// A link to an external source (an http or https address).
    Source(SourceRef),
}

/// What the evidence object's wording says it may be.
const EVIDENCE_FORMS: &str =
    "an evidence object is either {\"case_study\"[, \"label\"]} or {\"url\", \"label\"}";

/// Read by hand rather than as an untagged enum, so that a typo inside the object is reported
/// as the unknown key it is, not as "matches no variant".
impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match Value::deserialize(deserializer)? {
            Value::String(text) => Ok(Evidence::Text(text)),
            Value::Object(object) if object.contains_key("url") => {
                if object.contains_key("case_study") {
                    return Err(D::Error::custom(format!(
                        "evidence holds both \"case_study\" and \"url\": {EVIDENCE_FORMS}"
                    )));
                }
                SourceRef::deserialize(Value::Object(object))
                    .map(Evidence::Source)
                    .map_err(D::Error::custom)
            }
            // Neither form's key: an unknown key is named with every key evidence may have.
            Value::Object(object) if !object.contains_key("case_study") => {
                match object.keys().find(|key| key.as_str() != "label") {
                    Some(key) => Err(D::Error::unknown_field(
                        key,
                        &["case_study", "url", "label"],
                    )),
                    None => Err(D::Error::custom(format!(
                        "evidence needs \"case_study\" or \"url\": {EVIDENCE_FORMS}"
                    ))),
                }
            }
            object @ Value::Object(_) => CaseStudyRef::deserialize(object)
                .map(Evidence::CaseStudy)
                .map_err(D::Error::custom),
            _ => Err(D::Error::custom(format!(
                "evidence must be a text, or an object: {EVIDENCE_FORMS}"
            ))),
        }
    }
}

/// A link to a case study, with the case study's title as its text unless a label is given.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseStudyRef {
    /// The case study's id.
    #[schemars(with = "KebabId")]
    pub case_study: Id,
    /// The link's text; without it, the case study's title.
    pub label: Option<String>,
}

/// A labelled link to an external source, such as an engineering blog's article.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The source's address: an absolute http or https URL, e.g. "https://example.com/post".
    #[schemars(regex(pattern = r"^[hH][tT][tT][pP][sS]?://[^\s]+$"), extend("format" = "uri"))]
    pub url: String,
    /// The link's text (not empty).
    #[schemars(length(min = 1))]
    pub label: String,
}

/// An item of a step list: a pattern or a plain text, with an optional note or continuation.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [
    { "required": ["pattern"], "properties": { "pattern": { "type": "string" }, "text": { "type": "null" } } },
    { "required": ["text"], "properties": { "text": { "type": "string" }, "pattern": { "type": "null" } } }
]))]
pub struct Step {
    /// The pattern this step names (exclusive with `text`).
    #[schemars(with = "Option<KebabId>")]
    pub pattern: Option<Id>,
    /// Bold text that is not a pattern (exclusive with `pattern`).
    pub text: Option<String>,
    /// Written after the name: "**Long Polling** for compatibility". Inline Markdown:
    /// *emphasis*, **strong**, `code` and links to http, https or mailto addresses.
    pub note: Option<String>,
    /// What comes next: "**Monolith First** → Microservices when needed". Inline Markdown:
    /// *emphasis*, **strong**, `code` and links to http, https or mailto addresses.
    pub then: Option<String>,
}

/// A diagram of an option's architecture. Exactly one of `flowchart`, `sequence` or `mermaid`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [
    { "required": ["flowchart"], "properties": { "flowchart": { "type": "object" }, "sequence": { "type": "null" }, "mermaid": { "type": "null" } } },
    { "required": ["sequence"], "properties": { "sequence": { "type": "object" }, "flowchart": { "type": "null" }, "mermaid": { "type": "null" } } },
    { "required": ["mermaid"], "properties": { "mermaid": { "type": "string" }, "flowchart": { "type": "null" }, "sequence": { "type": "null" } } }
]))]
pub struct Blueprint {
    /// Shown in bold above the diagram.
    pub title: Option<String>,
    /// The diagram as a flowchart of boxes and arrows.
    pub flowchart: Option<Flowchart>,
    /// The diagram as a sequence of messages between participants.
    pub sequence: Option<Sequence>,
    /// Raw mermaid text, the escape hatch.
    pub mermaid: Option<String>,
}

/// A flowchart: boxes (nodes) and arrows (edges).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Flowchart {
    /// Which way the flowchart flows: TD (the default), TB, BT, LR or RL.
    #[serde(default)]
    pub direction: Direction,
    /// The boxes.
    pub nodes: Vec<FlowNode>,
    /// The arrows between boxes.
    #[serde(default)]
    pub edges: Vec<FlowEdge>,
}

/// Which way a flowchart flows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum Direction {
    #[default]
    TD,
    TB,
    BT,
    LR,
    RL,
}

/// A box of a flowchart. `id` is the diagram's own name for it, e.g. "LB".
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlowNode {
    /// The diagram's own name for the box: a letter, then letters, digits or `_`.
    pub id: String,
    /// The text in the box.
    pub label: String,
    /// The pattern this box stands for; it becomes a link to the pattern.
    #[schemars(with = "Option<KebabId>")]
    pub pattern: Option<Id>,
}

/// An arrow of a flowchart.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlowEdge {
    /// The id of the box the arrow starts at.
    pub from: String,
    /// The id of the box the arrow points to.
    pub to: String,
    /// Text written on the arrow.
    pub label: Option<String>,
}

/// A sequence diagram: participants and the messages between them.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sequence {
    /// The lifelines, left to right.
    pub participants: Vec<Participant>,
    /// The messages, top to bottom.
    #[serde(default)]
    pub messages: Vec<Message>,
}

/// A lifeline of a sequence diagram. `id` is the diagram's own name for it, e.g. "LB".
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// The diagram's own name for the lifeline: a letter, then letters, digits or `_`.
    pub id: String,
    /// The text at the top of the lifeline.
    pub label: String,
    /// The pattern this lifeline stands for; it becomes a link to the pattern.
    #[schemars(with = "Option<KebabId>")]
    pub pattern: Option<Id>,
}

/// A message of a sequence diagram.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// The id of the participant that sends it.
    pub from: String,
    /// The id of the participant that receives it.
    pub to: String,
    /// What the arrow says.
    pub text: String,
    /// Drawn as a dashed reply arrow.
    #[serde(default)]
    pub reply: bool,
}

/// A row of the combination matrix.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Combination {
    /// The pattern the row is about.
    #[schemars(with = "KebabId")]
    pub pattern: Id,
    /// The patterns it works well with.
    #[schemars(with = "Vec<KebabId>")]
    pub with: Vec<Id>,
    /// When to combine them. Inline Markdown: *emphasis*, **strong**, `code` and links to
    /// http, https or mailto addresses.
    pub use_case: String,
    /// A system that combines them. Inline Markdown: *emphasis*, **strong**, `code` and links
    /// to http, https or mailto addresses.
    pub example: String,
}

/// The decision tree: questions whose answers lead to outcomes.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionTree {
    /// The id of the first node.
    #[schemars(with = "KebabId")]
    pub start: Id,
    /// The questions and outcomes, by id.
    #[schemars(with = "BTreeMap<KebabId, TreeNode>")]
    pub nodes: BTreeMap<Id, TreeNode>,
}

/// A node of the decision tree: a question (`question` + `answers`) or an outcome (`patterns`,
/// with optional `next` and `adds`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [
    {
        "required": ["question", "answers"],
        "properties": {
            "question": { "type": "string" },
            "answers": { "minItems": 1 },
            "patterns": { "maxItems": 0 },
            "next": { "type": "null" },
            "adds": { "const": false }
        }
    },
    {
        "required": ["patterns"],
        "properties": {
            "patterns": { "minItems": 1 },
            "question": { "type": "null" },
            "answers": { "maxItems": 0 }
        }
    }
]))]
pub struct TreeNode {
    /// For a question: the question asked.
    pub question: Option<String>,
    /// For a question: its answers, each leading to another node.
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// For an outcome: the patterns it recommends.
    #[serde(default)]
    #[schemars(with = "Vec<KebabId>")]
    pub patterns: Vec<Id>,
    /// For an outcome: the node the walk continues with.
    #[schemars(with = "Option<KebabId>")]
    pub next: Option<Id>,
    /// For an outcome: render it as "+ A + B", an addition to what came before.
    #[serde(default)]
    pub adds: bool,
}

/// An answer to a question of the decision tree.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The answer as the reader picks it, e.g. "Yes".
    pub label: String,
    /// The id of the node this answer leads to.
    #[schemars(with = "KebabId")]
    pub next: Id,
}

/// The recipe: what to build on, what to add when growing, what to avoid.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipe {
    /// The patterns to build on from the start.
    #[serde(default)]
    pub core: Vec<RecipeItem>,
    /// The patterns to add when growing.
    #[serde(default)]
    pub scale: Vec<RecipeItem>,
    /// Legacy patterns to avoid, each with what to use instead.
    #[serde(default)]
    pub avoid: Vec<AvoidItem>,
}

/// A pattern of the recipe, with why.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecipeItem {
    /// The pattern.
    #[schemars(with = "KebabId")]
    pub pattern: Id,
    /// Why, in a few words. Inline Markdown: *emphasis*, **strong**, `code` and links to
    /// http, https or mailto addresses.
    pub note: Option<String>,
}

/// A legacy pattern to avoid, and what to use instead.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AvoidItem {
    /// The legacy (bronze) pattern to avoid.
    #[schemars(with = "KebabId")]
    pub pattern: Id,
    /// The pattern to use instead.
    #[schemars(with = "KebabId")]
    pub instead: Id,
    /// Why, in a few words. Inline Markdown: *emphasis*, **strong**, `code` and links to
    /// http, https or mailto addresses.
    pub note: Option<String>,
}

#[cfg(test)]
mod raw_entries_tests {
    use super::RawEntries;

    #[test]
    fn a_key_written_twice_keeps_its_first_place_and_last_value() {
        let entries: RawEntries = serde_json::from_str(r#"{"a": 1, "b": 2, "a": 3, "c": 4}"#)
            .expect("an object of entries");
        let read: Vec<(&str, &str)> = entries
            .0
            .iter()
            .map(|(k, v)| (k.as_str(), v.get()))
            .collect();
        assert_eq!(read, [("a", "3"), ("b", "2"), ("c", "4")]);
    }
}
