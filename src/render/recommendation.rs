//! A recommendation as Markdown: the document `recommend` prints, and the stack table the
//! wizard's result shows. The engine computes the recommendation; this only writes it.

use crate::engine::{Answered, Recommendation, StackEntry};
use crate::render::markdown::tier_badge;
use crate::text::escape::text;
use crate::text::inline;
use crate::text::link::external_markdown;
use crate::text::untrusted::unsafe_url;

impl Recommendation {
    /// The recommendation as a Markdown document, for people and for pasting. The wizard's
    /// script writes the same document from the same parts (`assets/wizard.js`, `markdown`).
    pub fn to_markdown(&self) -> String {
        let mut sections = vec![format!("# {}", text(&self.title))];
        sections.extend(intro_markdown(
            &self.path,
            self.next_question_text.as_deref(),
        ));
        sections.extend(stack_markdown(&self.stack));
        let reasons = |reasons: &[String]| {
            let list: Vec<String> = reasons.iter().map(|r| text(r)).collect();
            list.join("; ")
        };
        for (title, entries) in [(CORE_TITLE, &self.core), (SCALE_TITLE, &self.scale)] {
            let lines = entries
                .iter()
                .map(|e| format!("**{}**: {}", text(&e.name), reasons(&e.reasons)));
            sections.extend(numbered_list(title, lines));
        }
        let lines = self.avoid.iter().map(|e| {
            format!(
                "❌ **{}** → **{}**: {}",
                text(&e.name),
                text(&e.instead_name),
                reasons(&e.reasons)
            )
        });
        sections.extend(numbered_list(AVOID_TITLE, lines));
        sections.join("\n\n") + "\n"
    }
}

const CORE_TITLE: &str = "🥇 Core Patterns (Must Have)";
const SCALE_TITLE: &str = "🥈 Scale Patterns (Add When Growing)";
const AVOID_TITLE: &str = "🥉 Avoid These (Legacy)";

/// The Markdown of the answers given and of the question to answer next, if any.
pub fn intro_markdown(path: &[Answered], next_question_text: Option<&str>) -> Option<String> {
    let mut sections = Vec::new();
    if !path.is_empty() {
        let answers: Vec<String> = path
            .iter()
            .map(|a| format!("{} → {}", text(&a.question), text(&a.answer)))
            .collect();
        sections.push(format!("Answers: {}", answers.join(" · ")));
    }
    if let Some(next) = next_question_text {
        sections.push(format!(
            "Next question: {} (answer it to refine this recipe)",
            text(next)
        ));
    }
    (!sections.is_empty()).then(|| sections.join("\n\n"))
}

/// The Markdown table of an option's stack, if it has one.
pub fn stack_markdown(stack: &[StackEntry]) -> Option<String> {
    if stack.is_empty() {
        return None;
    }
    let mut out = String::from(
        "## Recommended stack\n\n| Pattern | Tier | Why | Evidence |\n|---|---|---|---|",
    );
    for row in stack {
        out.push_str(&format!(
            "\n| **{}** | {} | {} | {} |",
            text(&row.name),
            tier_badge(row.tier),
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
