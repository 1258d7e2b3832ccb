//! What changed between two versions of the data (`mdbook-patterns diff OLD NEW`), computed from
//! the data alone, so that it can never disagree with it: patterns added, removed and renamed
//! (an old id the new data keeps as an alias), tier moves (with the history entry that records
//! each, if one does), new or changed replacements, relations added and removed, the patterns
//! each option gained or lost, and the decision tree's nodes added, removed or changed. Order
//! never counts: entries moved within a file or to another file are no change.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::data::Data;
use crate::data::history::{Change, events};
use crate::data::model::{RelationKind, Tier};
use crate::data::relations::declarations;

/// Every change, each list sorted.
#[derive(Debug, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub added: Vec<PatternNamed>,
    pub removed: Vec<PatternNamed>,
    pub renamed: Vec<Renamed>,
    pub tier_moves: Vec<TierMove>,
    pub replacements: Vec<Replacement>,
    pub relations_added: Vec<RelationNamed>,
    pub relations_removed: Vec<RelationNamed>,
    pub options: Vec<OptionChange>,
    pub tree: Vec<NodeChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PatternNamed {
    pub pattern: String,
    pub name: String,
    pub tier: Tier,
}

/// An old id that the new data names as an alias of another pattern.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Renamed {
    pub from: String,
    pub to: String,
    pub name: String,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct TierMove {
    pub pattern: String,
    pub name: String,
    pub from: Tier,
    pub to: Tier,
    /// The new data's history entry that records the move (its last, if it moves the pattern
    /// from `from` to `to`), else none.
    pub recorded: Option<Recorded>,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Recorded {
    pub date: String,
    pub note: Option<String>,
}

/// A pattern's replacement, new or changed (`before` is the old one, by its new id).
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Replacement {
    pub pattern: String,
    pub name: String,
    pub by: String,
    pub by_name: String,
    pub before: Option<String>,
}

/// A relation as declared, `requires` from the pattern that requires, a symmetric one with its
/// two patterns in id order (in the new data's ids).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RelationNamed {
    pub pattern: String,
    pub kind: RelationKind,
    pub other: String,
    pub note: Option<String>,
}

/// An option added, removed, or whose patterns changed.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct OptionChange {
    pub domain: String,
    pub option: String,
    pub title: String,
    pub change: Presence,
    pub gained: Vec<String>,
    pub lost: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Presence {
    Added,
    Removed,
    Changed,
}

/// A node of the decision tree added, removed or changed (what changed: `question`,
/// `answers`, `patterns`, `next`; `start` for the tree's first node).
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct NodeChange {
    pub node: String,
    pub change: Presence,
    pub what: Vec<&'static str>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        *self == Diff::default()
    }
}

/// The changes from `old` to `new`.
pub fn diff(old: &Data, new: &Data) -> Diff {
    // Renames: an old id the new data keeps as an alias, or a new id the old data had as an
    // alias of a pattern the new data no longer has (a rename taken back).
    let mut renames: BTreeMap<&str, &str> = BTreeMap::new();
    for id in old
        .patterns
        .keys()
        .filter(|id| !new.patterns.contains_key(*id))
    {
        if let Some(to) = new.aliases.get(id) {
            renames.insert(id, to);
        }
    }
    for id in new
        .patterns
        .keys()
        .filter(|id| !old.patterns.contains_key(*id))
    {
        if let Some(from) = old.aliases.get(id)
            && !new.patterns.contains_key(from)
        {
            renames.entry(from).or_insert(id);
        }
    }
    let renamed = |id: &str| renames.get(id).map(|to| (*to).to_owned());
    let in_new = |reference: &str| -> String {
        let old_id = old.pattern(reference).map_or(reference, |(id, _)| id);
        match new.patterns.contains_key(old_id) {
            true => old_id.to_owned(),
            false => renamed(old_id).unwrap_or_else(|| old_id.to_owned()),
        }
    };
    let named = |data: &Data, id: &str| {
        let p = &data.patterns[id].value;
        PatternNamed {
            pattern: id.to_owned(),
            name: p.name.clone(),
            tier: p.tier,
        }
    };
    let mut out = Diff::default();
    // Each old pattern, by its id in the new data.
    let carried: BTreeMap<String, &crate::data::model::Pattern> = (old.patterns.iter())
        .map(|(id, p)| (in_new(id), &p.value))
        .collect();
    for id in old.patterns.keys() {
        match renamed(id) {
            Some(to) => out.renamed.push(Renamed {
                from: id.clone(),
                name: new.patterns[&to].value.name.clone(),
                to,
            }),
            None if !new.patterns.contains_key(id) => out.removed.push(named(old, id)),
            None => {}
        }
    }
    for (id, pattern) in &new.patterns {
        let Some(before) = carried.get(id) else {
            out.added.push(named(new, id));
            continue;
        };
        let now = &pattern.value;
        if before.tier != now.tier {
            let history = events(new, id, now);
            let recorded = match history.as_slice() {
                [.., earlier, last]
                    if last.tier == now.tier
                        && earlier.tier == before.tier
                        && matches!(last.change, Change::MovedUp | Change::MovedDown) =>
                {
                    Some(Recorded {
                        date: last.date.to_string(),
                        note: last.note.map(str::to_owned),
                    })
                }
                _ => None,
            };
            out.tier_moves.push(TierMove {
                pattern: id.clone(),
                name: now.name.clone(),
                from: before.tier,
                to: now.tier,
                recorded,
            });
        }
        let was = before.replaced_by.as_deref().map(in_new);
        let is = now.replaced_by.as_deref().map(|r| canonical(new, r));
        if let Some(by) = is
            && was.as_ref() != Some(&by)
        {
            out.replacements.push(Replacement {
                pattern: id.clone(),
                name: now.name.clone(),
                by_name: new
                    .pattern(&by)
                    .map_or(by.clone(), |(_, p)| p.value.name.clone()),
                by,
                before: was,
            });
        }
    }
    let (before, after) = (
        relations(old, &in_new),
        relations(new, &|r: &str| r.to_owned()),
    );
    let key = |r: &RelationNamed| (r.pattern.clone(), r.kind, r.other.clone());
    let before_keys: BTreeSet<_> = before.iter().map(key).collect();
    let after_keys: BTreeSet<_> = after.iter().map(key).collect();
    out.relations_added = (after.iter())
        .filter(|r| !before_keys.contains(&key(r)))
        .cloned()
        .collect();
    out.relations_removed = (before.iter())
        .filter(|r| !after_keys.contains(&key(r)))
        .cloned()
        .collect();
    out.options = options(old, new, &in_new);
    out.tree = tree(old, new, &in_new);
    out
}

/// `reference` as `data`'s pattern id (an alias resolved), or as written if it names none.
fn canonical(data: &Data, reference: &str) -> String {
    data.pattern(reference)
        .map_or(reference, |(id, _)| id)
        .to_owned()
}

/// The relations `data` declares (not its combination rows, which are rows of their own), each
/// once, its patterns named through `id`.
fn relations(data: &Data, id: &dyn Fn(&str) -> String) -> Vec<RelationNamed> {
    let mut out: BTreeMap<(String, RelationKind, String), Option<String>> = BTreeMap::new();
    for d in declarations(data) {
        if !matches!(d.by, crate::data::relations::Declarer::Pattern { .. }) {
            continue;
        }
        let (mut a, mut b) = (id(d.from), id(d.to));
        if d.kind != RelationKind::Requires && a > b {
            std::mem::swap(&mut a, &mut b);
        }
        out.entry((a, d.kind, b))
            .or_insert(d.note.map(str::to_owned));
    }
    (out.into_iter())
        .map(|((pattern, kind, other), note)| RelationNamed {
            pattern,
            kind,
            other,
            note,
        })
        .collect()
}

/// Each option's patterns (stack rows and steps), by "domain/option", with its title.
fn option_patterns(
    data: &Data,
    id: &dyn Fn(&str) -> String,
) -> BTreeMap<(String, String), (String, BTreeSet<String>)> {
    let mut out = BTreeMap::new();
    for domain in &data.domains {
        for option in &domain.value.options {
            let rows = option.stack.iter().map(|r| r.pattern.as_str());
            let steps = option.valid_steps().filter_map(|s| s.pattern());
            let title = format!("{} → {}", domain.value.title, option.title);
            let patterns = rows.chain(steps).map(id).collect();
            out.insert(
                (domain.value.id.clone(), option.id.clone()),
                (title, patterns),
            );
        }
    }
    out
}

fn options(old: &Data, new: &Data, in_new: &dyn Fn(&str) -> String) -> Vec<OptionChange> {
    let (before, after) = (
        option_patterns(old, in_new),
        option_patterns(new, &|r: &str| canonical(new, r)),
    );
    let keys: BTreeSet<&(String, String)> = before.keys().chain(after.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        let change =
            |change, title: &String, gained: Vec<String>, lost: Vec<String>| OptionChange {
                domain: key.0.clone(),
                option: key.1.clone(),
                title: title.clone(),
                change,
                gained,
                lost,
            };
        match (before.get(key), after.get(key)) {
            (None, Some((title, now))) => out.push(change(
                Presence::Added,
                title,
                now.iter().cloned().collect(),
                vec![],
            )),
            (Some((title, was)), None) => out.push(change(
                Presence::Removed,
                title,
                vec![],
                was.iter().cloned().collect(),
            )),
            (Some((_, was)), Some((title, now))) if was != now => out.push(change(
                Presence::Changed,
                title,
                now.difference(was).cloned().collect(),
                was.difference(now).cloned().collect(),
            )),
            _ => {}
        }
    }
    out
}

fn tree(old: &Data, new: &Data, in_new: &dyn Fn(&str) -> String) -> Vec<NodeChange> {
    let (Some(before), Some(after)) = (&old.decision_tree, &new.decision_tree) else {
        return Vec::new();
    };
    let (before, after) = (&before.value, &after.value);
    let ids: BTreeSet<&String> = before.nodes.keys().chain(after.nodes.keys()).collect();
    let mut out = Vec::new();
    for id in ids {
        let node = |change, what| NodeChange {
            node: id.clone(),
            change,
            what,
        };
        match (before.nodes.get(id), after.nodes.get(id)) {
            (None, Some(_)) => out.push(node(Presence::Added, vec![])),
            (Some(_), None) => out.push(node(Presence::Removed, vec![])),
            (Some(was), Some(now)) => {
                let mut what = Vec::new();
                if (before.start == *id) != (after.start == *id) {
                    what.push("start");
                }
                if was.question != now.question {
                    what.push("question");
                }
                let answers = |n: &crate::data::model::TreeNode| -> BTreeSet<(String, String)> {
                    (n.answers.iter())
                        .map(|a| (a.label.clone(), a.next.clone()))
                        .collect()
                };
                if answers(was) != answers(now) {
                    what.push("answers");
                }
                let was_patterns: BTreeSet<String> =
                    was.patterns.iter().map(|p| in_new(p)).collect();
                let now_patterns: BTreeSet<String> =
                    now.patterns.iter().map(|p| canonical(new, p)).collect();
                if was_patterns != now_patterns {
                    what.push("patterns");
                }
                if was.next != now.next {
                    what.push("next");
                }
                if !what.is_empty() {
                    out.push(node(Presence::Changed, what));
                }
            }
            (None, None) => {}
        }
    }
    out
}
