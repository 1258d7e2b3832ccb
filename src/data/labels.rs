//! The words we generate: every heading, column header, button and sentence of the output that
//! does not come from an entry of the data, each with a key, a plain English default and the
//! placeholders it may use. The data's top-level `labels` sets them (one file only); a label is
//! plain text (it shows as written, wherever it lands) with named placeholders (`{title}`), or
//! `{ "one": …, "other": … }` where it counts.

use serde_json::{Map, Value, json};

use crate::data::json_path::JsonPath;
use crate::diag::{Problem, suggest};

/// A label's default: one text, or the forms of a count.
pub enum Default {
    Text(&'static str),
    Count {
        one: &'static str,
        other: &'static str,
    },
}

/// One label of the catalogue.
pub struct Entry {
    pub key: Key,
    /// Its name in the data's `labels`.
    pub name: &'static str,
    /// The placeholders it may use, in the order [`Label::fill`] takes their values.
    pub slots: &'static [&'static str],
    pub default: Default,
    /// What it is and where it shows, for the schema.
    pub about: &'static str,
}

macro_rules! catalogue {
    ($($variant:ident $name:literal [$($slot:literal),*] $default:expr, $about:literal;)*) => {
        /// A label's key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key { $($variant),* }

        /// Every label, in [`Key`] order.
        pub const CATALOGUE: &[Entry] = &[$(Entry {
            key: Key::$variant,
            name: $name,
            slots: &[$($slot),*],
            default: $default,
            about: $about,
        }),*];
    };
}

use Default::{Count, Text};

catalogue! {
    WizardStart "wizard_start" [] Text("Start here: what are you building?"),
        "<<wizard>>: the heading above the domain cards.";
    WizardChooseDomain "wizard_choose_domain" [] Text("Step 1: Choose your domain"),
        "<<wizard>>: the heading right above the domain cards.";
    WizardDomain "wizard_domain" ["domain"] Text("{domain}"),
        "<<wizard>> and <<wizard-domain>>: a domain section's heading ({domain}: the domain's title).";
    WizardCombinations "wizard_combinations" [] Text("Pattern combinations"),
        "<<wizard>>: the heading of the combination matrix's part.";
    WizardCombinationsTable "wizard_combinations_table" [] Text("Patterns that work well together"),
        "<<wizard>>: the heading right above the combination matrix.";
    WizardDecisionFramework "wizard_decision_framework" [] Text("Decision framework"),
        "<<wizard>>: the heading of the decision tree's part.";
    WizardDecisionTree "wizard_decision_tree" [] Text("Decision tree"),
        "<<wizard>>: the heading right above the decision tree.";
    WizardRecipe "wizard_recipe" [] Text("Recipe"),
        "<<wizard>>: the heading of the recipe's part.";
    WizardRecipeIntro "wizard_recipe_intro" [] Text(""),
        "<<wizard>>: a sentence under the recipe's heading; empty for none.";
    WizardFoldDomains "wizard_fold_domains" [] Text("Every domain's stacks and blueprints"),
        "<<wizard>> on HTML pages: what opens the domains' sections, which the interactive wizard folds away.";
    WizardFoldFramework "wizard_fold_framework" [] Text("The whole decision tree and recipe"),
        "<<wizard>> on HTML pages: what opens the decision tree and the recipe, which the interactive wizard folds away.";
    CardExamples "card_examples" [] Text("Examples"),
        "Domain cards: what leads a domain's examples.";
    CardSelect "card_select" [] Text("Choose this domain"),
        "Domain cards: the call to action at the foot of a card that links to its domain.";
    TierGold "tier_gold" [] Text("Gold"),
        "The gold tier's badge, wherever a tier is shown.";
    TierSilver "tier_silver" [] Text("Silver"),
        "The silver tier's badge.";
    TierBronze "tier_bronze" [] Text("Bronze"),
        "The bronze tier's badge.";
    ColumnPattern "column_pattern" [] Text("Pattern"),
        "Stack tables, the pattern index and the wizard's result: the pattern column's header.";
    ColumnTier "column_tier" [] Text("Tier"),
        "Stack tables and the wizard's result: the tier column's header; a pattern card's tier.";
    ColumnWhy "column_why" [] Text("Why"),
        "Stack tables and the wizard's result: the reason column's header, where the option's `columns` give none.";
    ColumnEvidence "column_evidence" [] Text("Evidence"),
        "Stack tables and the wizard's result: the evidence column's header, where the option's `columns` give none.";
    ColumnCategory "column_category" [] Text("Category"),
        "The pattern index: the category column's header; a pattern card's category.";
    ColumnSummary "column_summary" [] Text("Summary"),
        "The pattern index: the summary column's header.";
    ColumnPrimary "column_primary" [] Text("Pattern"),
        "The combination matrix: the primary pattern's column header.";
    ColumnCombinesWith "column_combines_with" [] Text("Combines well with"),
        "The combination matrix: the partners' column header.";
    ColumnUseCase "column_use_case" [] Text("Use case"),
        "The combination matrix: the use case's column header.";
    ColumnExample "column_example" [] Text("Example"),
        "The combination matrix: the example's column header.";
    CombinationsNone "combinations_none" ["pattern"] Text("No combinations are recorded for {pattern}."),
        "<<combination-matrix pattern=P>> where no row names P.";
    IndexTier "index_tier" ["tier", "count"] Count { one: "{tier} ({count} pattern)", other: "{tier} ({count} patterns)" },
        "<<pattern-index>>: a tier's heading ({tier}: its badge).";
    IndexEmpty "index_empty" [] Text("No pattern matches."),
        "<<pattern-index>> where no pattern matches.";
    IndexFilter "index_filter" [] Text("Filter patterns"),
        "<<pattern-index>> on an HTML page: the name of its filter (for screen readers), shown once the script runs.";
    IndexSearch "index_search" [] Text("Name, summary, category or tag"),
        "<<pattern-index>> on an HTML page: the label of the filter's text box.";
    IndexTiers "index_tiers" [] Text("Tiers"),
        "<<pattern-index>> on an HTML page: what leads the filter's tier buttons.";
    IndexCategories "index_categories" [] Text("Categories"),
        "<<pattern-index>> on an HTML page: what leads the filter's category buttons.";
    IndexTags "index_tags" [] Text("Tags"),
        "<<pattern-index>> on an HTML page: what leads the filter's tag buttons.";
    IndexClear "index_clear" [] Text("Show all"),
        "<<pattern-index>> on an HTML page: the button that clears the filter.";
    IndexShown "index_shown" ["shown", "total"] Count { one: "{shown} of {total} pattern shown", other: "{shown} of {total} patterns shown" },
        "<<pattern-index>> on an HTML page: how many patterns the filter shows (said to screen readers as it changes; the form follows {total}).";
    CaseStudyIndexTitle "case_study_index_title" ["count"] Count { one: "{count} case study", other: "{count} case studies" },
        "<<case-study-index>>: the heading over the list of case studies.";
    CaseStudyIndexEmpty "case_study_index_empty" [] Text("No case studies yet."),
        "<<case-study-index>> where the data has no case study.";
    ColumnCaseStudy "column_case_study" [] Text("Case study"),
        "<<case-study-index>>: the case study column's header.";
    ColumnBacks "column_backs" [] Text("Patterns it backs"),
        "<<case-study-index>>: the header of the column of patterns whose stacks cite the case study.";
    PartPatterns "part_patterns" [] Text("Patterns"),
        "`generate-pages`: the title of the part at the end of the book holding the generated pattern pages, where no numbered chapter holds <<pattern-index>>.";
    PartCaseStudies "part_case_studies" [] Text("Case studies"),
        "`generate-pages`: the title of the part at the end of the book holding the generated case study pages, where no numbered chapter holds <<case-study-index>>.";
    CardImplementations "card_implementations" [] Text("Implementations"),
        "A pattern card: what leads its implementations.";
    CardReplacedBy "card_replaced_by" [] Text("Replaced by"),
        "A pattern card: what leads its replacement.";
    CardReplaces "card_replaces" [] Text("Replaces"),
        "A pattern card: what leads the patterns it replaces.";
    CardCombinesWith "card_combines_with" [] Text("Combines well with"),
        "A pattern card: what leads the patterns it combines with.";
    CardCaseStudies "card_case_studies" [] Text("Case studies"),
        "A pattern card: what leads its case studies.";
    CardRecommendedFor "card_recommended_for" [] Text("Recommended by the wizard for"),
        "A pattern card: what leads the wizard options that recommend it.";
    CardRequires "card_requires" [] Text("Requires"),
        "A pattern card: what leads the patterns it requires (relations).";
    CardRequiredBy "card_required_by" [] Text("Required by"),
        "A pattern card: what leads the patterns that require it (relations).";
    CardAlternatives "card_alternatives" [] Text("Alternatives"),
        "A pattern card: what leads its alternatives (relations).";
    CardConflictsWith "card_conflicts_with" [] Text("Conflicts with"),
        "A pattern card: what leads the patterns it conflicts with (relations).";
    CompareRelations "compare_relations" [] Text("Relations"),
        "<<compare>>: the row of each pattern's relations.";
    CompareWith "compare_with" [] Text("Compare with other patterns"),
        "A pattern card on HTML pages, where the book has a <<compare>> page: the link that opens it with this pattern.";
    CompareStack "compare_stack" [] Text("Compare these patterns side by side"),
        "The interactive wizard's result, where the book has a <<compare>> page: the link that opens it with the stack's patterns.";
    ComparePick "compare_pick" [] Text("Add a pattern to compare"),
        "<<compare>> on HTML pages: the label of the list to choose a pattern from.";
    CompareAdd "compare_add" [] Text("Add"),
        "<<compare>> on HTML pages: the button that adds the chosen pattern.";
    CompareRemove "compare_remove" ["pattern"] Text("Remove {pattern}"),
        "<<compare>> on HTML pages: the button that takes a pattern out of the comparison.";
    CompareHint "compare_hint" [] Text("Choose two patterns or more to see them side by side."),
        "<<compare>> on HTML pages: shown while fewer than two patterns are chosen.";
    CardTags "card_tags" [] Text("Tags"),
        "A pattern card: what leads its tags.";
    CardOwner "card_owner" [] Text("Owner"),
        "A pattern card: what leads its owner.";
    CardHistory "card_history" [] Text("History"),
        "A pattern card: what leads its history (schema 1.1), oldest entry first.";
    HistoryEntry "history_entry" ["date", "change"] Text("{date}: {change}"),
        "A pattern card's history, and a tier marker's text: one entry, its date and what changed.";
    HistoryAdded "history_added" ["tier"] Text("added as {tier}"),
        "A history entry: the pattern entered the handbook at {tier}.";
    HistoryUp "history_up" ["tier"] Text("moved up to {tier}"),
        "A history entry: the pattern's tier went up to {tier}.";
    HistoryDown "history_down" ["tier"] Text("moved down to {tier}"),
        "A history entry: the pattern's tier went down to {tier}.";
    HistoryKept "history_kept" ["tier"] Text("kept at {tier}"),
        "A history entry whose tier is the one before it.";
    HistoryReplaced "history_replaced" ["change", "pattern"] Text("{change}, replaced by {pattern}"),
        "A history entry that made a replaced pattern bronze: what changed and its replacement.";
    MarkerNew "marker_new" [] Text("new"),
        "A tier badge's marker (recent-days): the pattern entered the handbook recently.";
    MarkerUp "marker_up" [] Text("↑"),
        "A tier badge's marker (recent-days): the pattern's tier moved up recently.";
    MarkerDown "marker_down" [] Text("↓"),
        "A tier badge's marker (recent-days): the pattern's tier moved down recently.";
    ChangelogMonth "changelog_month" ["month", "year"] Text("{month} {year}"),
        "<<changelog>>: the heading of a month's changes.";
    ChangelogEntry "changelog_entry" ["date", "pattern", "change"] Text("{date} · {pattern} {change}"),
        "<<changelog>>: one change, its date, the pattern and what changed.";
    ChangelogEmpty "changelog_empty" [] Text("No changes in this period."),
        "<<changelog>>: there is no history entry between its dates.";
    MonthJanuary "month_january" [] Text("January"),
        "A month's name (<<changelog>>'s headings).";
    MonthFebruary "month_february" [] Text("February"),
        "A month's name (<<changelog>>'s headings).";
    MonthMarch "month_march" [] Text("March"),
        "A month's name (<<changelog>>'s headings).";
    MonthApril "month_april" [] Text("April"),
        "A month's name (<<changelog>>'s headings).";
    MonthMay "month_may" [] Text("May"),
        "A month's name (<<changelog>>'s headings).";
    MonthJune "month_june" [] Text("June"),
        "A month's name (<<changelog>>'s headings).";
    MonthJuly "month_july" [] Text("July"),
        "A month's name (<<changelog>>'s headings).";
    MonthAugust "month_august" [] Text("August"),
        "A month's name (<<changelog>>'s headings).";
    MonthSeptember "month_september" [] Text("September"),
        "A month's name (<<changelog>>'s headings).";
    MonthOctober "month_october" [] Text("October"),
        "A month's name (<<changelog>>'s headings).";
    MonthNovember "month_november" [] Text("November"),
        "A month's name (<<changelog>>'s headings).";
    MonthDecember "month_december" [] Text("December"),
        "A month's name (<<changelog>>'s headings).";
    CardCompany "card_company" [] Text("Company"),
        "A case study card: what leads its company.";
    CardBacks "card_backs" [] Text("Patterns it backs"),
        "A case study card: the heading of the stack rows that cite it.";
    CardCitation "card_citation" ["pattern", "evidence", "option"] Text("{pattern} — {evidence}, in {option}"),
        "A case study card: one stack row that cites it.";
    CardUncited "card_uncited" [] Text("No wizard stack cites this case study yet."),
        "A case study card that no stack row cites.";
    RecipeCore "recipe_core" [] Text("Core patterns"),
        "The recipe and the wizard's result: the gold patterns' heading.";
    RecipeScale "recipe_scale" [] Text("Patterns to add when growing"),
        "The recipe and the wizard's result: the silver patterns' heading.";
    RecipeAvoid "recipe_avoid" [] Text("Patterns to avoid"),
        "The recipe and the wizard's result: the heading of what to avoid.";
    RecipeAvoidItem "recipe_avoid_item" ["pattern", "instead"] Text("{pattern} → {instead}"),
        "The recipe and the wizard's result: a pattern to avoid and what to use instead.";
    RecipeMissing "recipe_missing" [] Text("Missing requirements"),
        "`recommend` and the wizard's result: the heading of what the result's patterns require and it lacks.";
    RecipeMissingItem "recipe_missing_item" ["pattern", "by"] Text("{pattern}, required by {by}"),
        "`recommend` and the wizard's result: a missing requirement ({pattern}) and the patterns that require it, each with its reason ({by}).";
    RecipeConflicts "recipe_conflicts" [] Text("Conflicts"),
        "`recommend` and the wizard's result: the heading of the pairs of its patterns that conflict.";
    RecipeConflictItem "recipe_conflict_item" ["pattern", "other"] Text("{pattern} conflicts with {other}"),
        "`recommend` and the wizard's result: two of its patterns that conflict.";
    ResultAnswers "result_answers" ["answers"] Text("Answers: {answers}"),
        "`recommend` and the wizard's Markdown: the decision tree's answers given.";
    ResultNextQuestion "result_next_question" ["question"] Text("Next question: {question} (answer it to refine this recipe)"),
        "`recommend` and the wizard's Markdown: the question to answer next.";
    ResultStack "result_stack" [] Text("Recommended stack"),
        "`recommend` and the wizard's Markdown: the stack table's heading.";
    ReasonTree "reason_tree" [] Text("Decision tree"),
        "A recommendation's reason for a pattern the decision tree adds before any answer.";
    ReasonReplacement "reason_replacement" ["pattern"] Text("{pattern} is recommended"),
        "A recommendation's reason to avoid a pattern: its replacement ({pattern}) is recommended.";
    DiagramStart "diagram_start" [] Text("Start"),
        "The decision tree's diagram: its first node.";
    DiagramTree "diagram_tree" [] Text("Decision tree"),
        "The decision tree's diagram: its title (for screen readers).";
    DiagramBlueprint "diagram_blueprint" [] Text("Blueprint"),
        "A blueprint diagram's title where the blueprint has none.";
    DiagramAsText "diagram_as_text" ["title"] Text("{title} as text"),
        "What opens a diagram's text alternative.";
    DiagramReply "diagram_reply" [] Text("reply"),
        "A sequence diagram's text alternative: marks a reply.";
    DiagramRawSource "diagram_raw_source" [] Text("its mermaid source is given as text below the diagram"),
        "A raw mermaid blueprint's description (for screen readers).";
    DiagramLink "diagram_link" [] Text("Pattern page"),
        "A sequence diagram drawn by mermaid.js: the menu entry of a participant's link.";
    GraphTitle "graph_title" ["pattern"] Text("Relations of {pattern}"),
        "<<pattern-graph>>: the diagram's title (for screen readers, and what opens its text alternative; {pattern}: the pattern's name).";
    GraphRequires "graph_requires" [] Text("requires"),
        "<<pattern-graph>>: the label of an arrow from a pattern to a pattern it requires.";
    GraphComplements "graph_complements" [] Text("complements"),
        "<<pattern-graph>>: the label of a line between two patterns that complement each other (a combination-matrix row counts).";
    GraphAlternativeTo "graph_alternative_to" [] Text("alternative to"),
        "<<pattern-graph>>: the label of a line between two patterns that are alternatives to each other.";
    GraphConflictsWith "graph_conflicts_with" [] Text("conflicts with"),
        "<<pattern-graph>>: the label of a line between two patterns that conflict.";
    GraphEdge "graph_edge" ["from", "relation", "to"] Text("{from} {relation} {to}"),
        "<<pattern-graph>>: one relation in the diagram's text alternative and description ({relation}: one of the graph_* kinds above).";
    GraphNone "graph_none" ["pattern"] Text("{pattern} has no relations to other patterns."),
        "<<pattern-graph>> for a pattern without any relation, in place of the diagram.";
    AppTitle "app_title" [] Text("Find your stack, step by step"),
        "The interactive wizard: its title.";
    AppChooseDomain "app_choose_domain" [] Text("Choose your domain"),
        "The interactive wizard: its first question.";
    AppResult "app_result" ["title"] Text("Your stack: {title}"),
        "The interactive wizard: the result's heading ({title}: the option's).";
    AppRefine "app_refine" [] Text("Answer the next question to refine the recipe, or use it as it is."),
        "The interactive wizard: shown while a question of the decision tree is open.";
    AppCopy "app_copy" [] Text("Copy as Markdown"),
        "The interactive wizard: the copy button.";
    AppCopied "app_copied" [] Text("Copied the recipe as Markdown."),
        "The interactive wizard: said once the recipe is copied.";
    AppCopyFailed "app_copy_failed" [] Text("Select the Markdown and copy it."),
        "The interactive wizard: said where the browser does not let it copy.";
    AppRestart "app_restart" [] Text("Start over"),
        "The interactive wizard: the button that starts again.";
    AppLinkUnreadable "app_link_unreadable" [] Text("This link cannot be read; start again from step 1."),
        "The interactive wizard: a link to a result it cannot read.";
    AppLinkDomain "app_link_domain" [] Text("This link names a domain the wizard does not know; start again from step 1."),
        "The interactive wizard: a link to an unknown domain.";
    AppLinkOption "app_link_option" [] Text("This link names an option the wizard does not know; start again from step 1."),
        "The interactive wizard: a link to an unknown option.";
    AppLinkAnswers "app_link_answers" [] Text("This link has answers the decision tree does not have; start again from step 1."),
        "The interactive wizard: a link with answers the decision tree does not have.";
}

impl Key {
    pub fn entry(self) -> &'static Entry {
        &CATALOGUE[self as usize]
    }
}

/// A piece of a template: text as written, or the value of a placeholder (its position in the
/// entry's [`Entry::slots`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Slot(usize),
}

/// One form of a label, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    parts: Vec<Part>,
}

/// A label's forms: one, or one and other where it counts.
#[derive(Debug, Clone)]
enum Forms {
    Text(Label),
    Count { one: Label, other: Label },
}

/// Every label, as the data sets it or by default.
#[derive(Debug, Clone)]
pub struct Labels {
    forms: Vec<Forms>,
}

impl std::default::Default for Labels {
    fn default() -> Self {
        let parse =
            |text: &str, entry: &Entry| Label::parse(text, entry.slots).expect("a default parses");
        Labels {
            forms: CATALOGUE
                .iter()
                .map(|entry| match entry.default {
                    Text(text) => Forms::Text(parse(text, entry)),
                    Count { one, other } => Forms::Count {
                        one: parse(one, entry),
                        other: parse(other, entry),
                    },
                })
                .collect(),
        }
    }
}

impl Labels {
    /// The label of `key` (the `other` form of a count).
    pub fn get(&self, key: Key) -> &Label {
        match &self.forms[key as usize] {
            Forms::Text(label) | Forms::Count { other: label, .. } => label,
        }
    }

    /// The form of `key` for `n` things: `one` for 1, else `other`.
    pub fn count(&self, key: Key, n: usize) -> &Label {
        match &self.forms[key as usize] {
            Forms::Count { one, .. } if n == 1 => one,
            Forms::Text(label) | Forms::Count { other: label, .. } => label,
        }
    }

    /// The badge of `tier`, as plain text.
    pub fn tier(&self, tier: crate::data::model::Tier) -> String {
        use crate::data::model::Tier;
        self.text(match tier {
            Tier::Gold => Key::TierGold,
            Tier::Silver => Key::TierSilver,
            Tier::Bronze => Key::TierBronze,
        })
    }

    /// The label of `key` with no placeholder filled, as plain text.
    pub fn text(&self, key: Key) -> String {
        self.get(key).plain(&[])
    }

    /// The data's `labels` over the defaults. What is wrong with an entry is given back with
    /// where it is (`rest` below `labels`, and whether it is the key rather than the value); the
    /// entry keeps its default.
    pub fn read(written: &Map<String, Value>) -> (Labels, Vec<(JsonPath, bool, Problem)>) {
        let mut labels = Labels::default();
        let mut problems = Vec::new();
        for (name, value) in written {
            let at = JsonPath::root().key(name);
            let Some(entry) = CATALOGUE.iter().find(|e| e.name == name) else {
                let help = suggest::help(name, CATALOGUE.iter().map(|e| e.name)).or_else(|| {
                    Some("`mdbook-patterns schema` lists every label, with its default".into())
                });
                problems.push((
                    at,
                    true,
                    Problem::new(format!("unknown label \"{name}\""), help),
                ));
                continue;
            };
            match read_forms(entry, value) {
                Ok(forms) => labels.forms[entry.key as usize] = forms,
                Err((rest, problem)) => problems.push((at.join(&rest), false, problem)),
            }
        }
        (labels, problems)
    }
}

fn read_forms(entry: &Entry, value: &Value) -> Result<Forms, (JsonPath, Problem)> {
    let name = entry.name;
    let parse = |text: &str, at: JsonPath| {
        Label::parse(text, entry.slots).map_err(|problem| (at, problem.about(name)))
    };
    match (&entry.default, value) {
        (Text(_), Value::String(text)) => Ok(Forms::Text(parse(text, JsonPath::root())?)),
        (Count { .. }, Value::Object(forms)) => {
            let form = |key: &str| match forms.get(key) {
                Some(Value::String(text)) => parse(text, JsonPath::root().key(key)),
                Some(_) => Err((
                    JsonPath::root().key(key),
                    Problem::new(
                        format!("the \"{key}\" form of label \"{name}\" is not text"),
                        Some("write it as a string".into()),
                    ),
                )),
                None => Err((
                    JsonPath::root(),
                    Problem::new(
                        format!("label \"{name}\" has no \"{key}\" form"),
                        Some(count_help(entry)),
                    ),
                )),
            };
            if let Some(stray) = forms.keys().find(|k| *k != "one" && *k != "other") {
                return Err((
                    JsonPath::root().key(stray),
                    Problem::new(
                        format!("label \"{name}\" has no form \"{stray}\""),
                        Some(count_help(entry)),
                    ),
                ));
            }
            Ok(Forms::Count {
                one: form("one")?,
                other: form("other")?,
            })
        }
        (Count { .. }, _) => Err((
            JsonPath::root(),
            Problem::new(
                format!("label \"{name}\" counts, so it has a form for one and for other"),
                Some(count_help(entry)),
            ),
        )),
        (Text(_), _) => Err((
            JsonPath::root(),
            Problem::new(
                format!("label \"{name}\" is not text"),
                Some("write it as text, in quotes".into()),
            ),
        )),
    }
}

fn count_help(entry: &Entry) -> String {
    match entry.default {
        Count { one, other } => format!("write {}", json!({ "one": one, "other": other })),
        Text(_) => String::new(),
    }
}

/// A problem in a label's text, before it is known which label.
#[derive(Debug)]
struct TemplateProblem {
    message: String,
    help: Option<String>,
}

impl TemplateProblem {
    fn about(self, name: &str) -> Problem {
        Problem::new(format!("label \"{name}\": {}", self.message), self.help)
    }
}

impl Label {
    /// `text` as a template: `{name}` is the placeholder `name` (one of `slots`), `{{` and `}}`
    /// are braces.
    fn parse(text: &str, slots: &[&str]) -> Result<Label, TemplateProblem> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(at) = rest.find(['{', '}']) {
            literal.push_str(&rest[..at]);
            let brace = &rest[at..];
            if brace.starts_with("{{") || brace.starts_with("}}") {
                literal.push_str(&brace[..1]);
                rest = &brace[2..];
                continue;
            }
            let close = brace.find('}').filter(|_| brace.starts_with('{'));
            let Some(close) = close else {
                return Err(TemplateProblem {
                    message: format!("a lone \"{}\"", &brace[..1]),
                    help: Some(format!(
                        "write {{{{ or }}}} for a brace; {}",
                        slots_help(slots)
                    )),
                });
            };
            let name = &brace[1..close];
            let Some(slot) = slots.iter().position(|s| *s == name) else {
                let help = suggest::did_you_mean(name, slots.iter().copied())
                    .map(|s| format!("did you mean {{{s}}}?"))
                    .unwrap_or_else(|| slots_help(slots));
                return Err(TemplateProblem {
                    message: format!("unknown placeholder {{{name}}}"),
                    help: Some(help),
                });
            };
            if !literal.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut literal)));
            }
            parts.push(Part::Slot(slot));
            rest = &brace[close + 1..];
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        Ok(Label { parts })
    }

    /// The label with its text as `escape` makes it and each placeholder filled with its value
    /// in `values` (in [`Entry::slots`] order), which are already fit for where it lands.
    pub fn fill(&self, escape: impl Fn(&str) -> String, values: &[&str]) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(&escape(text)),
                Part::Slot(slot) => out.push_str(values.get(*slot).copied().unwrap_or_default()),
            }
        }
        out
    }

    /// The label as plain text, its placeholders filled with plain `values`.
    pub fn plain(&self, values: &[&str]) -> String {
        self.fill(str::to_owned, values)
    }

    /// Whether the label is empty (it then shows as nothing).
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The parts, for the wizard's script: texts (escaped by `escape`) at even positions,
    /// placeholder names at odd ones.
    pub fn script_parts(&self, slots: &[&str], escape: impl Fn(&str) -> String) -> Vec<String> {
        let mut out = vec![String::new()];
        for part in &self.parts {
            match part {
                Part::Text(text) => out.last_mut().expect("never empty").push_str(&escape(text)),
                Part::Slot(slot) => {
                    out.push(slots[*slot].to_owned());
                    out.push(String::new());
                }
            }
        }
        out
    }
}

fn slots_help(slots: &[&str]) -> String {
    match slots {
        [] => "this label takes no placeholder".to_owned(),
        _ => {
            let names: Vec<String> = slots.iter().map(|s| format!("{{{s}}}")).collect();
            format!("its placeholders are {}", names.join(", "))
        }
    }
}

/// The schema of `labels`: every key, with its default and what it is.
pub fn schema() -> Value {
    let mut properties = Map::new();
    for entry in CATALOGUE {
        let mut about = entry.about.to_owned();
        if !entry.slots.is_empty() {
            about.push_str(&format!(
                " Placeholders: {}.",
                slots_help(entry.slots).trim_start_matches("its placeholders are ")
            ));
        }
        let schema = match entry.default {
            Text(text) => json!({ "type": "string", "description": about, "default": text }),
            Count { one, other } => json!({
                "type": "object",
                "description": format!("{about} One form for one thing, another for any other count."),
                "properties": {
                    "one": { "type": "string", "description": "The text for one thing." },
                    "other": { "type": "string", "description": "The text for any other count." }
                },
                "required": ["one", "other"],
                "additionalProperties": false,
                "default": { "one": one, "other": other }
            }),
        };
        properties.insert(entry.name.to_owned(), schema);
    }
    json!({
        "type": "object",
        "description": "The words the tool generates (headings, column headers, buttons, the wizard's text), each a plain-text template with named placeholders such as {title}; {{ and }} write braces. At most one file may set them; a label left out keeps its default.",
        "properties": properties,
        "additionalProperties": false
    })
}

/// [`schema`], for the data file's schema.
pub fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::Schema::try_from(schema()).expect("the labels' schema is an object")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_is_in_key_order_and_its_defaults_parse() {
        for (i, entry) in CATALOGUE.iter().enumerate() {
            assert_eq!(entry.key as usize, i, "{} is out of order", entry.name);
        }
        let labels = Labels::default();
        assert_eq!(labels.text(Key::TierGold), "Gold");
        let tier = labels.count(Key::IndexTier, 1).plain(&["Gold", "1"]);
        assert_eq!(tier, "Gold (1 pattern)");
        let tier = labels.count(Key::IndexTier, 2).plain(&["Gold", "2"]);
        assert_eq!(tier, "Gold (2 patterns)");
    }

    #[test]
    fn templates_fill_placeholders_and_escape_only_their_text() {
        let label = Label::parse("{{{title}}} *is* {title}", &["title"])
            .ok()
            .unwrap();
        assert_eq!(
            label.fill(|t| t.replace('*', "\\*"), &["**A**"]),
            "{**A**} \\*is\\* **A**"
        );
        assert_eq!(
            label.script_parts(&["title"], str::to_owned),
            ["{", "title", "} *is* ", "title", ""]
        );
    }

    #[test]
    fn unknown_keys_placeholders_and_forms_are_refused_with_help() {
        let written = json!({
            "wizard_strat": "x",
            "app_result": "Stack: {titel}",
            "index_tier": "plain",
            "tier_gold": 1,
            "card_select": "a } b",
        });
        let (labels, problems) = Labels::read(written.as_object().unwrap());
        let said: Vec<String> = problems
            .iter()
            .map(|(at, key, p)| {
                format!(
                    "{at} {key} {} / {}",
                    p.message,
                    p.help.clone().unwrap_or_default()
                )
            })
            .collect();
        assert_eq!(
            said,
            [
                "wizard_strat true unknown label \"wizard_strat\" / did you mean \"wizard_start\"?",
                "app_result false label \"app_result\": unknown placeholder {titel} / did you mean {title}?",
                "index_tier false label \"index_tier\" counts, so it has a form for one and for other / write {\"one\":\"{tier} ({count} pattern)\",\"other\":\"{tier} ({count} patterns)\"}",
                "tier_gold false label \"tier_gold\" is not text / write it as text, in quotes",
                "card_select false label \"card_select\": a lone \"}\" / write {{ or }} for a brace; this label takes no placeholder",
            ]
        );
        assert_eq!(labels.text(Key::AppResult), "Your stack: ");
    }
}
