//! Relations between patterns (schema 1.1): each reference and note; contradicting kinds, cycles
//! of `requires` and symmetric relations declared twice; and the lists that hold related
//! patterns (an option's stack with its steps, a tree outcome) that conflict or lack a
//! requirement. Relations are looked up through [`crate::data::relations`], as the renderers do.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::data::Origin;
use crate::data::json_path::JsonPath;
use crate::data::model::RelationKind;
use crate::data::relations::{Declaration, Declarer, Relations, declarations};
use crate::data::valid::StepSubject;
use crate::diag::Diagnostic;
use crate::text::inline;

use super::Checker;

impl<'a> Checker<'a> {
    pub(super) fn relations(&mut self) {
        let data = self.data;
        let root = JsonPath::root();
        for (id, pattern) in &data.patterns {
            let origin = &pattern.origin;
            for (i, relation) in pattern.value.relations.iter().enumerate() {
                // Paths are made only for a problem: there are tens of thousands of relations.
                let at = || root.key("relations").index(i);
                match data.pattern(&relation.pattern) {
                    Some((other, _)) if other == id.as_str() => self.error(
                        origin,
                        &at().key("pattern"),
                        format!("pattern \"{id}\" is related to itself"),
                        Some("name another pattern, or remove the relation".into()),
                    ),
                    Some((other, _)) => {
                        self.referenced.insert(other);
                    }
                    None => {
                        self.pattern_ref(origin, || at().key("pattern"), &relation.pattern);
                    }
                }
                // Read once more, with its path, only where it has a problem.
                if let Some(note) = &relation.note
                    && !inline::faults(note).is_empty()
                {
                    self.inline(origin, &at().key("note"), note);
                }
            }
        }
        let declared = declarations(data);
        self.declared_on_both_sides(&declared);
        self.contradictions(&declared);
        self.requires_cycles(&declared);
        let relations = Relations::of_declarations(&declared);
        self.related_in_options(&relations);
        self.conflicts_in_outcomes(&relations);
    }

    /// A warning at `declarer`'s reference.
    fn warn_at(&mut self, declarer: &Declarer, message: String, help: String) {
        if let Some((origin, at)) = declarer.at(self.data) {
            self.warning(origin, &at, message, help);
        }
    }

    /// A symmetric relation declared by both of its patterns: a warning at the second.
    fn declared_on_both_sides(&mut self, declared: &[Declaration<'a>]) {
        let mut first: HashMap<(RelationKind, &str, &str), &Declaration> = HashMap::new();
        for d in declared {
            if !d.kind.is_symmetric() || !matches!(d.by, Declarer::Pattern { .. }) {
                continue;
            }
            let pair = if d.from < d.to {
                (d.from, d.to)
            } else {
                (d.to, d.from)
            };
            match first.get(&(d.kind, pair.0, pair.1)) {
                Some(earlier) if earlier.from != d.from => {
                    let place = earlier.by.place(self.data);
                    self.warn_at(
                        &d.by,
                        format!(
                            "\"{}\" {} \"{}\" is declared on both patterns",
                            d.from,
                            d.kind.as_str(),
                            d.to
                        ),
                        format!(
                            "\"{}\" is symmetric: declared once, it shows on both patterns; \
                             remove this one or the one at {place}",
                            d.kind.as_str()
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    first.insert((d.kind, pair.0, pair.1), d);
                }
            }
        }
    }

    /// Two patterns that conflict and also require or complement each other: an error at the
    /// first `conflicts-with`, once per pair.
    fn contradictions(&mut self, declared: &[Declaration<'a>]) {
        // Every declaration by its pair, and in the order of the declarations within a pair:
        // one sorted list, not a map of lists, since most pairs are declared once.
        let mut pairs: Vec<((&str, &str), usize)> = (declared.iter().enumerate())
            .map(|(n, d)| {
                let pair = if d.from < d.to {
                    (d.from, d.to)
                } else {
                    (d.to, d.from)
                };
                (pair, n)
            })
            .collect();
        pairs.sort_unstable();
        // Each pair once, in the order of its first `conflicts-with`.
        let mut found: Vec<(usize, (&str, &str), &Declaration, &Declaration)> = Vec::new();
        for list in pairs.chunk_by(|a, b| a.0 == b.0) {
            let conflict =
                (list.iter()).find(|(_, n)| declared[*n].kind == RelationKind::ConflictsWith);
            let friendly = list.iter().find(|(_, n)| {
                matches!(
                    declared[*n].kind,
                    RelationKind::Requires | RelationKind::Complements
                )
            });
            if let (Some(&(pair, n)), Some(&(_, friendly))) = (conflict, friendly) {
                found.push((n, pair, &declared[n], &declared[friendly]));
            }
        }
        found.sort_by_key(|(n, ..)| *n);
        for (_, (a, b), conflict, friendly) in found {
            let Some((origin, at)) = conflict.by.at(self.data) else {
                continue;
            };
            let other = match friendly.by {
                Declarer::Pattern { .. } => format!(
                    "\"{}\" {} \"{}\"",
                    friendly.from,
                    friendly.kind.as_str(),
                    friendly.to
                ),
                Declarer::Combination { .. } => format!(
                    "a combination row pairs \"{}\" with \"{}\" (complements)",
                    friendly.from, friendly.to
                ),
            };
            let place = friendly.by.place(self.data);
            self.error(
                origin,
                &at,
                format!(
                    "contradicting relations between \"{a}\" and \"{b}\": \"{}\" conflicts-with \"{}\" here, but {other} at {place}",
                    conflict.from, conflict.to
                ),
                Some(
                    "patterns that conflict cannot require or complement each other: keep the \
                     relation that is true and remove the other"
                        .into(),
                ),
            );
        }
    }

    /// Every cycle of `requires`, each strongly connected set once: its shortest cycle through
    /// its first pattern (in id order), at the declaration of its first step.
    fn requires_cycles(&mut self, declared: &[Declaration<'a>]) {
        // Pattern -> the patterns it requires (sorted), each with its first declaration.
        let mut edges: BTreeMap<&str, BTreeMap<&str, &Declaration>> = BTreeMap::new();
        for d in declared {
            if d.kind == RelationKind::Requires {
                edges.entry(d.from).or_default().entry(d.to).or_insert(d);
                edges.entry(d.to).or_default();
            }
        }
        for component in strongly_connected(&edges) {
            if component.len() < 2 {
                continue;
            }
            let members: HashSet<&str> = component.iter().copied().collect();
            let start = component[0];
            let Some(cycle) = shortest_cycle(&edges, &members, start) else {
                continue;
            };
            let Some(first) = edges.get(start).and_then(|to| to.get(cycle[1])) else {
                continue;
            };
            let Some((origin, at)) = first.by.at(self.data) else {
                continue;
            };
            self.error(
                origin,
                &at,
                format!("a cycle of \"requires\": {}", cycle.join(" → ")),
                Some(
                    "a pattern cannot require itself through others: remove one of these \
                     \"requires\", or make it \"complements\""
                        .into(),
                ),
            );
        }
    }

    /// Each option's stack with its steps: two patterns that conflict, and a pattern whose
    /// requirement the list lacks.
    fn related_in_options(&mut self, relations: &Relations) {
        let data = self.data;
        let root = JsonPath::root();
        for domain in &data.domains {
            let origin = &domain.origin;
            let d = &domain.value;
            for (o, option) in d.options.iter().enumerate() {
                // Each pattern the list names, with the list and the index it is named at; the
                // path to it is made only for a warning.
                let mut held: Vec<(&str, (&'static str, usize))> = Vec::new();
                for (i, row) in option.stack.iter().enumerate() {
                    if let Some((id, _)) = data.pattern(&row.pattern) {
                        held.push((id, ("stack", i)));
                    }
                }
                for (i, step) in option.steps.iter().enumerate() {
                    if let Ok(StepSubject::Pattern(pattern)) = step.check().map(|s| s.subject)
                        && let Some((id, _)) = data.pattern(pattern)
                    {
                        held.push((id, ("steps", i)));
                    }
                }
                let path = |(list, i): (&str, usize)| {
                    (root.key("options").index(o))
                        .key(list)
                        .index(i)
                        .key("pattern")
                };
                let what = || format!("option \"{}\" of domain \"{}\"", option.id, d.id);
                self.conflicts_in(relations, origin, &held, &path, &what);
                let ids: HashSet<&str> = held.iter().map(|(id, _)| *id).collect();
                let mut reported: HashSet<(&str, &str)> = HashSet::new();
                for &(id, spot) in &held {
                    for link in relations.requires(id) {
                        if ids.contains(link.other) || !reported.insert((id, link.other)) {
                            continue;
                        }
                        let place = link.by.place(data);
                        let what = what();
                        self.warning(
                            origin,
                            &path(spot),
                            format!(
                                "{what} holds \"{id}\", which requires \"{}\", but does not hold \"{}\"",
                                link.other, link.other
                            ),
                            format!(
                                "add \"{}\" to the option's stack or steps, or drop \"{id}\" from it; the relation is at {place}",
                                link.other
                            ),
                        );
                    }
                }
            }
        }
    }

    /// Each outcome of the decision tree: two patterns that conflict.
    fn conflicts_in_outcomes(&mut self, relations: &Relations) {
        let data = self.data;
        let Some(tree) = &data.decision_tree else {
            return;
        };
        for (node_id, node) in &tree.value.nodes {
            let held: Vec<(&str, (&str, usize))> = (node.patterns.iter().enumerate())
                .filter_map(|(i, p)| Some((data.pattern(p)?.0, ("patterns", i))))
                .collect();
            let path = |(list, i): (&str, usize)| {
                (JsonPath::root().key("nodes").key(node_id))
                    .key(list)
                    .index(i)
            };
            let what = || format!("outcome \"{node_id}\" of the decision tree");
            self.conflicts_in(relations, &tree.origin, &held, &path, &what);
        }
    }

    /// Two patterns of `held` that conflict: a warning at the later, once per pair. Each is
    /// held at a spot (a list and an index) that `path` finds; `what` names the holder.
    fn conflicts_in(
        &mut self,
        relations: &Relations,
        origin: &Origin,
        held: &[(&str, (&str, usize))],
        path: &dyn Fn((&str, usize)) -> JsonPath,
        what: &dyn Fn() -> String,
    ) {
        let mut earlier: HashSet<&str> = HashSet::new();
        for &(id, spot) in held {
            if !earlier.insert(id) {
                continue;
            }
            for link in relations.of(id) {
                if link.seen != crate::data::relations::Seen::ConflictsWith
                    || !earlier.contains(link.other)
                {
                    continue;
                }
                let place = link.by.place(self.data);
                let location = self.data.locate(origin, &path(spot));
                let what = what();
                self.diagnostics.push(
                    Diagnostic::warning(
                        Some(location),
                        format!(
                            "{what} holds \"{}\" and \"{id}\", which conflict",
                            link.other
                        ),
                    )
                    .with_help(Some(format!(
                        "the relation at {place} says not to use them together: drop one of them here, or the relation"
                    ))),
                );
            }
        }
    }
}

/// The strongly connected sets of `edges` (Tarjan's algorithm, without recursion), each sorted
/// by id, in the order of their first ids.
fn strongly_connected<'s>(
    edges: &BTreeMap<&'s str, BTreeMap<&'s str, &Declaration>>,
) -> Vec<Vec<&'s str>> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut low: HashMap<&str, usize> = HashMap::new();
    let mut on_stack: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = Vec::new();
    let mut out: Vec<Vec<&str>> = Vec::new();
    for &root in edges.keys() {
        if index.contains_key(root) {
            continue;
        }
        // Each frame: a node and the successors it has yet to visit.
        let mut frames: Vec<(&str, std::collections::btree_map::Keys<&str, &Declaration>)> =
            Vec::new();
        let visit = |node: &'s str,
                     index: &mut HashMap<&'s str, usize>,
                     low: &mut HashMap<&'s str, usize>,
                     stack: &mut Vec<&'s str>,
                     on_stack: &mut HashSet<&'s str>| {
            let n = index.len();
            index.insert(node, n);
            low.insert(node, n);
            stack.push(node);
            on_stack.insert(node);
        };
        visit(root, &mut index, &mut low, &mut stack, &mut on_stack);
        frames.push((root, edges[root].keys()));
        while let Some((node, successors)) = frames.last_mut() {
            let node = *node;
            if let Some(&next) = successors.next() {
                if !index.contains_key(next) {
                    visit(next, &mut index, &mut low, &mut stack, &mut on_stack);
                    frames.push((next, edges[next].keys()));
                } else if on_stack.contains(next) {
                    let lowest = low[node].min(index[next]);
                    low.insert(node, lowest);
                }
                continue;
            }
            frames.pop();
            if let Some((parent, _)) = frames.last() {
                let lowest = low[*parent].min(low[node]);
                low.insert(*parent, lowest);
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack.remove(member);
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                component.sort_unstable();
                out.push(component);
            }
        }
    }
    out.sort_by(|a, b| a[0].cmp(b[0]));
    out
}

/// The shortest cycle from `start` back to it inside `members`, its ids in order, `start` at
/// both ends; the first in id order of the equally short ones.
fn shortest_cycle<'s>(
    edges: &BTreeMap<&'s str, BTreeMap<&'s str, &Declaration>>,
    members: &HashSet<&str>,
    start: &'s str,
) -> Option<Vec<&'s str>> {
    let mut came_from: HashMap<&str, &str> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &next in edges.get(node).into_iter().flat_map(BTreeMap::keys) {
            if !members.contains(next) {
                continue;
            }
            if next == start {
                let mut path = vec![start, node];
                let mut at = node;
                while at != start {
                    at = came_from[at];
                    path.push(at);
                }
                path.reverse();
                return Some(path);
            }
            if !came_from.contains_key(next) {
                came_from.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    fn cycles(requires: &[(&str, &str)], ids: &[String]) -> Vec<String> {
        let patterns: Vec<String> = ids
            .iter()
            .map(|id| {
                let relations: Vec<String> = requires
                    .iter()
                    .filter(|(from, _)| from == id)
                    .map(|(_, to)| format!(r#"{{ "kind": "requires", "pattern": "{to}" }}"#))
                    .collect();
                format!(
                    r#""{id}": {{ "name": "{id}", "tier": "gold", "category": "c", "summary": "s", "relations": [{}] }}"#,
                    relations.join(", ")
                )
            })
            .collect();
        let json = format!(
            r#"{{ "schema_version": "1.1", "patterns": {{ {} }} }}"#,
            patterns.join(", ")
        );
        let data = crate::data::load::load_bytes("data.json", json.into_bytes()).data;
        crate::data::validate::validate(&data)
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| d.problem.message)
            .collect()
    }

    #[test]
    fn a_set_of_cycles_is_reported_once_by_its_shortest_cycle_through_its_first_pattern() {
        let ids: Vec<String> = ["a", "b", "c", "d", "e"].map(String::from).to_vec();
        let found = cycles(
            &[("a", "b"), ("b", "c"), ("c", "a"), ("c", "b"), ("d", "e")],
            &ids,
        );
        assert_eq!(found, ["a cycle of \"requires\": a → b → c → a"]);
    }

    #[test]
    fn a_long_cycle_is_found_without_recursion() {
        let ids: Vec<String> = (0..5000).map(|i| format!("p{i:04}")).collect();
        let requires: Vec<(&str, &str)> = (0..ids.len())
            .map(|i| (ids[i].as_str(), ids[(i + 1) % ids.len()].as_str()))
            .collect();
        let found = cycles(&requires, &ids);
        assert_eq!(found.len(), 1);
        // A message is cut to its start and end (`diag::excerpt`): the cycle's two ends are kept.
        let message = &found[0];
        assert!(
            message.starts_with("a cycle of \"requires\": p0000 → p0001 → "),
            "{message}"
        );
        assert!(message.ends_with(" → p4999 → p0000"), "{message}");
    }
}
