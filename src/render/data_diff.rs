//! A [`Diff`] of two versions of the data as Markdown, the document `mdbook-patterns diff`
//! prints for a pull request or release notes. Its words are the tool's (like diagnostics), not
//! labels: it compares two data sets, each with labels of its own.

use crate::data::diff::{Diff, NodeChange, Presence, RelationNamed};
use crate::data::model::Tier;
use crate::text::escape::text;
use crate::text::inline;

fn tier(tier: Tier) -> &'static str {
    match tier {
        Tier::Gold => "Gold",
        Tier::Silver => "Silver",
        Tier::Bronze => "Bronze",
    }
}

/// `**Name** (`id`)`.
fn named(name: &str, id: &str) -> String {
    format!("**{}** ({})", text(name), code(id))
}

/// An id as inline code (ids are kebab-case once valid; any backtick is dropped all the same).
fn code(id: &str) -> String {
    format!("`{}`", id.replace('`', ""))
}

fn ids(ids: &[String]) -> String {
    let list: Vec<String> = ids.iter().map(|id| code(id)).collect();
    list.join(", ")
}

fn relation(r: &RelationNamed) -> String {
    let note = r
        .note
        .as_deref()
        .map(|n| format!(": {}", inline::markdown(n)));
    format!(
        "{} {} {}{}",
        code(&r.pattern),
        r.kind.as_str(),
        code(&r.other),
        note.unwrap_or_default()
    )
}

fn node(n: &NodeChange) -> String {
    match n.change {
        Presence::Added => format!("{}: added", code(&n.node)),
        Presence::Removed => format!("{}: removed", code(&n.node)),
        Presence::Changed => format!("{}: changed ({})", code(&n.node), n.what.join(", ")),
    }
}

impl Diff {
    pub fn to_markdown(&self) -> String {
        if self.is_empty() {
            return "No changes.\n".to_owned();
        }
        let mut sections = vec!["# What changed in the data".to_owned()];
        let mut section = |title: &str, lines: Vec<String>| {
            if !lines.is_empty() {
                let items: Vec<String> = lines.iter().map(|l| format!("- {l}")).collect();
                sections.push(format!("## {title}\n\n{}", items.join("\n")));
            }
        };
        let patterns = |list: &[crate::data::diff::PatternNamed]| {
            (list.iter())
                .map(|p| format!("{}, {}", named(&p.name, &p.pattern), tier(p.tier)))
                .collect()
        };
        section("Patterns added", patterns(&self.added));
        section("Patterns removed", patterns(&self.removed));
        let lines = self
            .renamed
            .iter()
            .map(|r| format!("{} → {} ({})", code(&r.from), code(&r.to), text(&r.name)));
        section("Patterns renamed", lines.collect());
        let lines = self.tier_moves.iter().map(|m| {
            let recorded = match &m.recorded {
                Some(r) => {
                    let note = r
                        .note
                        .as_deref()
                        .map(|n| format!(": {}", inline::markdown(n)));
                    format!("recorded on {}{}", r.date, note.unwrap_or_default())
                }
                None => "not recorded in its history".to_owned(),
            };
            format!(
                "{}: {} → {}, {recorded}",
                named(&m.name, &m.pattern),
                tier(m.from),
                tier(m.to)
            )
        });
        section("Tier moves", lines.collect());
        let lines = self.replacements.iter().map(|r| {
            let before = match &r.before {
                Some(before) => format!("instead of {}", code(before)),
                None => "new".to_owned(),
            };
            format!(
                "{} is replaced by {} ({before})",
                named(&r.name, &r.pattern),
                named(&r.by_name, &r.by)
            )
        });
        section("Replacements", lines.collect());
        section(
            "Relations added",
            self.relations_added.iter().map(relation).collect(),
        );
        section(
            "Relations removed",
            self.relations_removed.iter().map(relation).collect(),
        );
        let lines = self.options.iter().map(|o| {
            let what = match o.change {
                Presence::Added if o.gained.is_empty() => "added".to_owned(),
                Presence::Added => format!("added, with {}", ids(&o.gained)),
                Presence::Removed => "removed".to_owned(),
                Presence::Changed => {
                    let mut parts = Vec::new();
                    if !o.gained.is_empty() {
                        parts.push(format!("gained {}", ids(&o.gained)));
                    }
                    if !o.lost.is_empty() {
                        parts.push(format!("lost {}", ids(&o.lost)));
                    }
                    parts.join("; ")
                }
            };
            format!(
                "{} ({}): {what}",
                text(&o.title),
                code(&format!("{}/{}", o.domain, o.option))
            )
        });
        section("Wizard options", lines.collect());
        section("Decision tree", self.tree.iter().map(node).collect());
        sections.join("\n\n") + "\n"
    }
}
