//! `<<pattern ID>>`: a pattern's card — tier (marked after a recent move), category, summary,
//! implementations, tags, owner, replacement, relations, its history, the case studies that
//! cite it and every wizard option that recommends it.

use crate::book::directive::Directive;
use crate::book::site::{Place, Recorder};
use crate::data::Data;
use crate::data::history;
use crate::data::labels::Key;
use crate::data::relations::Seen;
use crate::render::{Context, Headings, Output, Problem, compare, find_pattern, wizard_domain};
use crate::text::escape::text;
use crate::text::ids::pattern_anchor;
use crate::text::inline;

/// The pattern's card, under its canonical id; an unknown pattern has none.
pub fn record(data: &Data, directive: &Directive, headings: &Headings, site: &mut Recorder) {
    if let Some((id, _)) = directive.id.as_deref().and_then(|id| data.pattern(id)) {
        site.pattern_card(id, headings.card_id(&pattern_anchor(id)));
    }
}

pub fn render(cx: &Context, directive: &Directive, out: &mut Output) -> Result<(), Problem> {
    let id = find_pattern(cx.data, directive.id.as_deref().unwrap_or_default())?;
    let pattern = &cx.data.patterns[id].value;
    let mut card = card_title(cx, out, &pattern.name, &pattern_anchor(id));
    card.push_str(&format!(
        "**{}:** {} · **{}:** {}\n\n{}\n\n",
        cx.label_md(Key::ColumnTier, &[]),
        cx.pattern_badge(id),
        cx.label_md(Key::ColumnCategory, &[]),
        text(&pattern.category),
        inline::markdown(&pattern.summary)
    ));
    let fact = |key: Key, value: String| format!("**{}:** {value}", cx.label_md(key, &[]));
    let mut facts = Vec::new();
    if !pattern.implementations.is_empty() {
        let names: Vec<String> = pattern.implementations.iter().map(|i| text(i)).collect();
        facts.push(fact(Key::CardImplementations, names.join(", ")));
    }
    if !pattern.tags.is_empty() {
        let tags: Vec<String> = pattern.tags.iter().map(|t| text(t)).collect();
        facts.push(fact(Key::CardTags, tags.join(", ")));
    }
    if let Some(owner) = &pattern.owner {
        facts.push(fact(Key::CardOwner, inline::markdown(owner)));
    }
    if let Some(replacement) = &pattern.replaced_by {
        facts.push(fact(Key::CardReplacedBy, cx.pattern_link(replacement)));
    }
    let mentions = cx.index.mentions(id);
    let replaces: Vec<String> = mentions
        .replaces
        .iter()
        .map(|other| cx.pattern_link(other))
        .collect();
    if !replaces.is_empty() {
        facts.push(fact(Key::CardReplaces, replaces.join(", ")));
    }
    let groups = relations(cx, id, inline::markdown).into_iter();
    facts.extend(groups.map(|(key, others)| fact(key, others)));
    let case_studies = case_studies(cx, id);
    let options = options(cx, id);
    if !case_studies.is_empty() {
        facts.push(fact(Key::CardCaseStudies, case_studies.join(", ")));
    }
    if !options.is_empty() {
        facts.push(fact(Key::CardRecommendedFor, options.join(", ")));
    }
    let history = history::events(cx.data, id, pattern);
    if !history.is_empty() {
        let lines: Vec<String> = (history.iter())
            .map(|event| format!("\n  - {}", cx.history_line_md(event)))
            .collect();
        facts.push(format!(
            "**{}:**{}",
            cx.label_md(Key::CardHistory, &[]),
            lines.concat()
        ));
    }
    if let Some(compare) = compare_link(cx, &[id], Key::CompareWith) {
        facts.push(compare);
    }
    for fact in facts {
        card.push_str(&format!("- {fact}\n"));
    }
    out.text = card.trim_end().to_owned() + "\n";
    Ok(())
}

/// How a card names each kind of relation, in the order it shows them.
const RELATION_GROUPS: [(Seen, Key); 5] = [
    (Seen::Requires, Key::CardRequires),
    (Seen::RequiredBy, Key::CardRequiredBy),
    (Seen::Complements, Key::CardCombinesWith),
    (Seen::AlternativeTo, Key::CardAlternatives),
    (Seen::ConflictsWith, Key::CardConflictsWith),
];

/// Pattern `id`'s relations in both directions, a group per kind that it has: the label that
/// leads the group, and its patterns linked, with their notes. Combination rows are
/// `complements` ("combines well with"), their use case the note, written by `note` (a table
/// cell's writer escapes its pipes).
pub fn relations(cx: &Context, id: &str, note: fn(&str) -> String) -> Vec<(Key, String)> {
    let mut groups = Vec::new();
    for (seen, key) in RELATION_GROUPS {
        let others: Vec<String> = (cx.index.relations().of(id).iter())
            .filter(|link| link.seen == seen)
            .map(|link| match link.note {
                Some(text) => format!("{} ({})", cx.pattern_link(link.other), note(text)),
                None => cx.pattern_link(link.other),
            })
            .collect();
        if !others.is_empty() {
            groups.push((key, others.join(", ")));
        }
    }
    groups
}

/// The case studies that cite pattern `id` as evidence, each once, linked where they have a place.
pub fn case_studies(cx: &Context, id: &str) -> Vec<String> {
    let mut case_studies = Vec::new();
    for link in &cx.index.mentions(id).evidence {
        let entry = cx.case_study_link(&link.case_study, cx.data.case_study_label(link));
        if !case_studies.contains(&entry) {
            case_studies.push(entry);
        }
    }
    case_studies
}

/// The wizard options that recommend pattern `id`, linked to their headings.
pub fn options(cx: &Context, id: &str) -> Vec<String> {
    (cx.index.mentions(id).options.iter())
        .map(|(domain, option)| wizard_domain::option_link(cx, domain, option))
        .collect()
}

/// For HTML, where the book has a page comparing patterns: `[label](compare.md#compare=a,b)`.
pub fn compare_link(cx: &Context, patterns: &[&str], label: Key) -> Option<String> {
    let page = cx.site.compare.as_ref().filter(|_| cx.html)?;
    let place = Place {
        chapter: page.clone(),
        anchor: Some(format!("{}{}", compare::HASH_KEY, patterns.join(","))),
    };
    Some(format!(
        "[{}]({})",
        cx.label_md(label, &[]),
        cx.href(&place)
    ))
}

/// A card's title heading and the blank line after it; nothing where the card stands directly
/// under the chapter's first heading, which already names it.
pub fn card_title(cx: &Context, out: &mut Output, title: &str, id: &str) -> String {
    match cx.headings.under_first_heading {
        true => String::new(),
        false => format!("{}\n\n", cx.heading(out, 0, title, id)),
    }
}
