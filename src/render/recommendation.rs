//! A recommendation as Markdown: the document `recommend` prints, and the stack table the
//! wizard's result shows. The engine computes the recommendation; this only writes it.

use crate::data::labels::{Key, Labels};
use crate::engine::{Answered, Recommendation, StackEntry};
use crate::text::escape::text;
use crate::text::inline;
use crate::text::link::external_markdown;
use crate::text::untrusted::unsafe_url;

impl Recommendation {
    /// The recommendation as a Markdown document, for people and for pasting. The wizard's
    /// script writes the same document from the same parts (`assets/wizard.js`, `markdown`).
    pub fn to_markdown(&self, labels: &Labels) -> String {
        let mut sections = vec![format!("# {}", text(&self.title))];
        sections.extend(intro_markdown(
            &self.path,
            self.next_question_text.as_deref(),
            labels,
        ));
        sections.extend(stack_markdown(&self.stack, labels));
        let reasons = |reasons: &[String]| {
            let list: Vec<String> = reasons.iter().map(|r| text(r)).collect();
            list.join("; ")
        };
        let md = |key: Key| labels.get(key).fill(text, &[]);
        for (title, entries) in [
            (Key::RecipeCore, &self.core),
            (Key::RecipeScale, &self.scale),
        ] {
            let lines = entries
                .iter()
                .map(|e| format!("**{}**: {}", text(&e.name), reasons(&e.reasons)));
            sections.extend(numbered_list(&md(title), lines));
        }
        let lines = self.avoid.iter().map(|e| {
            let names = [
                format!("**{}**", text(&e.name)),
                format!("**{}**", text(&e.instead_name)),
            ];
            let item = labels
                .get(Key::RecipeAvoidItem)
                .fill(text, &[&names[0], &names[1]]);
            format!("{item}: {}", reasons(&e.reasons))
        });
        sections.extend(numbered_list(&md(Key::RecipeAvoid), lines));
        let bold = |name: &str| format!("**{}**", text(name));
        let note = |note: &Option<String>, before: &str, after: &str| {
            (note.as_deref())
                .map(|n| format!("{before}{}{after}", inline::markdown(n)))
                .unwrap_or_default()
        };
        let lines = self.missing.iter().map(|m| {
            let by: Vec<String> = (m.required_by.iter())
                .map(|r| bold(&r.name) + &note(&r.note, " (", ")"))
                .collect();
            labels
                .get(Key::RecipeMissingItem)
                .fill(text, &[&bold(&m.name), &by.join("; ")])
        });
        sections.extend(numbered_list(&md(Key::RecipeMissing), lines));
        let lines = self.conflicts.iter().map(|c| {
            let item = labels
                .get(Key::RecipeConflictItem)
                .fill(text, &[&bold(&c.name), &bold(&c.other_name)]);
            item + &note(&c.note, ": ", "")
        });
        sections.extend(numbered_list(&md(Key::RecipeConflicts), lines));
        sections.join("\n\n") + "\n"
    }
}

/// The Markdown of the answers given and of the question to answer next, if any.
pub fn intro_markdown(
    path: &[Answered],
    next_question_text: Option<&str>,
    labels: &Labels,
) -> Option<String> {
    let mut sections = Vec::new();
    if !path.is_empty() {
        let answers: Vec<String> = path
            .iter()
            .map(|a| format!("{} → {}", text(&a.question), text(&a.answer)))
            .collect();
        let answers = answers.join(" · ");
        sections.push(labels.get(Key::ResultAnswers).fill(text, &[&answers]));
    }
    if let Some(next) = next_question_text {
        let next = text(next);
        sections.push(labels.get(Key::ResultNextQuestion).fill(text, &[&next]));
    }
    (!sections.is_empty()).then(|| sections.join("\n\n"))
}

/// The Markdown table of an option's stack, if it has one.
pub fn stack_markdown(stack: &[StackEntry], labels: &Labels) -> Option<String> {
    if stack.is_empty() {
        return None;
    }
    let md = |key: Key| labels.get(key).fill(text, &[]);
    let mut out = format!(
        "## {}\n\n| {} | {} | {} | {} |\n|---|---|---|---|",
        md(Key::ResultStack),
        md(Key::ColumnPattern),
        md(Key::ColumnTier),
        md(Key::ColumnWhy),
        md(Key::ColumnEvidence)
    );
    for row in stack {
        out.push_str(&format!(
            "\n| **{}** | {} | {} | {} |",
            text(&row.name),
            text(&labels.tier(row.tier)),
            inline::cell(&row.why),
            evidence_markdown(row)
        ));
    }
    Some(out)
}

/// A stack row's evidence: its text (inline Markdown), a label, or a link to its external
/// source. An address that is no http(s) one never becomes a link (`engine::recommend` and the
/// wizard refuse it before).
fn evidence_markdown(row: &StackEntry) -> String {
    let label = match row.evidence_is_text {
        true => row.evidence.as_deref().map(inline::cell),
        false => row.evidence.as_deref().map(text),
    };
    let label = label.unwrap_or_default();
    match &row.evidence_url {
        Some(url) if unsafe_url(url).is_none() => external_markdown(&label, url),
        _ => label,
    }
}

/// `## title` and the lines numbered from 1, if there are any.
fn numbered_list(title: &str, lines: impl Iterator<Item = String>) -> Option<String> {
    let lines: Vec<String> = lines
        .enumerate()
        .map(|(i, line)| format!("{}. {line}", i + 1))
        .collect();
    (!lines.is_empty()).then(|| format!("## {title}\n\n{}", lines.join("\n")))
}
