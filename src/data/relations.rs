//! Relations between patterns, looked up in one place: every relation a pattern declares
//! (`relations`, schema 1.1) and every pair a combination-matrix row makes (read as
//! `complements`), seen from both of its patterns. `validate` checks them through it, and the
//! renderers read a pattern's relations from it, so that a symmetric relation declared on either
//! side, or a `requires` read from its target's side ("required by"), is found the same way
//! everywhere.

use std::collections::HashMap;

use crate::data::json_path::JsonPath;
use crate::data::model::RelationKind;
use crate::data::{Data, Origin};

/// Who declared a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declarer<'d> {
    /// The pattern `id`, in its `relations[index]`.
    Pattern { id: &'d str, index: usize },
    /// The combination-matrix row `combinations[row]`, in its `with[with]`.
    Combination { row: usize, with: usize },
}

impl Declarer<'_> {
    /// Where the declaration's other pattern is written: its entry's origin, and the path to the
    /// reference inside it.
    pub fn at<'a>(&self, data: &'a Data) -> Option<(&'a Origin, JsonPath)> {
        match *self {
            Declarer::Pattern { id, index } => data.patterns.get(id).map(|p| {
                let at = JsonPath::root().key("relations").index(index);
                (&p.origin, at.key("pattern"))
            }),
            Declarer::Combination { row, with } => data
                .combinations
                .get(row)
                .map(|c| (&c.origin, JsonPath::root().key("with").index(with))),
        }
    }

    /// `file:line:col` of the declaration, for messages.
    pub fn place(&self, data: &Data) -> String {
        self.at(data)
            .map(|(origin, at)| data.place_of(origin, &at))
            .unwrap_or_default()
    }
}

/// One relation as declared: `from` `kind` `to`, both canonical pattern ids, never the same.
#[derive(Debug, Clone, Copy)]
pub struct Declaration<'d> {
    pub from: &'d str,
    pub to: &'d str,
    pub kind: RelationKind,
    pub note: Option<&'d str>,
    pub by: Declarer<'d>,
}

/// Every relation of the data that links two known, different patterns: the patterns'
/// `relations` in id order, then the combination rows' pairs (`pattern` with each of `with`, as
/// `complements`, the row's use case as the note) in data order. A reference that names no pattern, or the declaring pattern
/// itself, is left out (`validate` reports it).
pub fn declarations(data: &Data) -> Vec<Declaration<'_>> {
    let canonical = |reference: &str| data.pattern(reference).map(|(id, _)| id);
    let mut out = Vec::new();
    for (id, pattern) in &data.patterns {
        for (index, relation) in pattern.value.relations.iter().enumerate() {
            match canonical(&relation.pattern) {
                Some(to) if to != id => out.push(Declaration {
                    from: id,
                    to,
                    kind: relation.kind,
                    note: relation.note.as_deref(),
                    by: Declarer::Pattern { id, index },
                }),
                _ => {}
            }
        }
    }
    for (row, combination) in data.combinations.iter().enumerate() {
        let Some(from) = canonical(&combination.value.pattern) else {
            continue;
        };
        for (with, other) in combination.value.with.iter().enumerate() {
            match canonical(other) {
                Some(to) if to != from => out.push(Declaration {
                    from,
                    to,
                    kind: RelationKind::Complements,
                    note: Some(combination.value.use_case.as_str()),
                    by: Declarer::Combination { row, with },
                }),
                _ => {}
            }
        }
    }
    out
}

/// A relation as one of its patterns sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Seen {
    /// This pattern requires the other.
    Requires,
    /// The other pattern requires this one.
    RequiredBy,
    Complements,
    AlternativeTo,
    ConflictsWith,
}

impl Seen {
    /// The kind as declared.
    pub fn kind(self) -> RelationKind {
        match self {
            Seen::Requires | Seen::RequiredBy => RelationKind::Requires,
            Seen::Complements => RelationKind::Complements,
            Seen::AlternativeTo => RelationKind::AlternativeTo,
            Seen::ConflictsWith => RelationKind::ConflictsWith,
        }
    }
}

/// A relation of one pattern: how it sees it, the other pattern (a canonical id), the note,
/// and who declared it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link<'d> {
    pub seen: Seen,
    pub other: &'d str,
    pub note: Option<&'d str>,
    pub by: Declarer<'d>,
}

/// Every pattern's relations, in both directions.
#[derive(Debug, Default)]
pub struct Relations<'d> {
    links: HashMap<&'d str, Vec<Link<'d>>>,
}

impl<'d> Relations<'d> {
    pub fn new(data: &'d Data) -> Self {
        Self::of_declarations(&declarations(data))
    }

    /// The index of `declared` (see [`declarations`]).
    pub fn of_declarations(declared: &[Declaration<'d>]) -> Self {
        let mut links: HashMap<&'d str, Vec<Link<'d>>> = HashMap::new();
        for d in declared {
            let (here, there) = match d.kind {
                RelationKind::Requires => (Seen::Requires, Seen::RequiredBy),
                RelationKind::Complements => (Seen::Complements, Seen::Complements),
                RelationKind::AlternativeTo => (Seen::AlternativeTo, Seen::AlternativeTo),
                RelationKind::ConflictsWith => (Seen::ConflictsWith, Seen::ConflictsWith),
            };
            for (id, seen, other) in [(d.from, here, d.to), (d.to, there, d.from)] {
                links.entry(id).or_default().push(Link {
                    seen,
                    other,
                    note: d.note,
                    by: d.by,
                });
            }
        }
        for list in links.values_mut() {
            // Declared twice (on both sides, or by a relation and a combination row), a
            // relation is kept once: as the first declaration has it.
            list.sort_by(|a, b| (a.seen, a.other).cmp(&(b.seen, b.other)));
            list.dedup_by(|later, first| (later.seen, later.other) == (first.seen, first.other));
        }
        Relations { links }
    }

    /// The relations of the pattern `id` (a canonical id), in the order of [`Seen`], then by
    /// the other pattern's id; each kind once per other pattern.
    pub fn of(&self, id: &str) -> &[Link<'d>] {
        self.links.get(id).map_or(&[], Vec::as_slice)
    }

    /// The relations between `id` and `other` (canonical ids), as `id` sees them.
    pub fn between<'s>(
        &'s self,
        id: &str,
        other: &'s str,
    ) -> impl Iterator<Item = &'s Link<'d>> + use<'s, 'd> {
        self.of(id).iter().filter(move |link| link.other == other)
    }

    /// The relation that says `id` and `other` conflict, if one does.
    pub fn conflict<'s>(&'s self, id: &str, other: &'s str) -> Option<&'s Link<'d>> {
        self.between(id, other)
            .find(|link| link.seen == Seen::ConflictsWith)
    }

    /// The patterns `id` requires, each with its relation.
    pub fn requires(&self, id: &str) -> impl Iterator<Item = &Link<'d>> {
        self.of(id)
            .iter()
            .filter(|link| link.seen == Seen::Requires)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(patterns: &str, combinations: &str) -> Data {
        let json = format!(
            r#"{{ "schema_version": "1.1", "patterns": {patterns}, "combinations": {combinations} }}"#
        );
        crate::data::load::load_bytes("data.json", json.into_bytes()).data
    }

    fn pattern(id: &str, relations: &str) -> String {
        format!(
            r#""{id}": {{ "name": "{id}", "tier": "gold", "category": "c", "summary": "s", "relations": {relations} }}"#
        )
    }

    /// What the index says of each pattern, who declared it left out.
    fn seen(relations: &Relations, ids: &[&str]) -> Vec<(String, Seen, String, Option<String>)> {
        ids.iter()
            .flat_map(|id| {
                relations.of(id).iter().map(|link| {
                    (
                        id.to_string(),
                        link.seen,
                        link.other.to_owned(),
                        link.note.map(str::to_owned),
                    )
                })
            })
            .collect()
    }

    #[test]
    fn a_symmetric_relation_declared_on_either_side_gives_the_same_index() {
        let ids = ["a", "b", "c"];
        for kind in ["complements", "alternative-to", "conflicts-with"] {
            let relation = format!(r#"[{{ "kind": "{kind}", "pattern": "b", "note": "n" }}]"#);
            let on_a = data(
                &format!(
                    "{{ {}, {}, {} }}",
                    pattern("a", &relation),
                    pattern("b", "[]"),
                    pattern("c", "[]")
                ),
                "[]",
            );
            let relation = format!(r#"[{{ "kind": "{kind}", "pattern": "a", "note": "n" }}]"#);
            let on_b = data(
                &format!(
                    "{{ {}, {}, {} }}",
                    pattern("a", "[]"),
                    pattern("b", &relation),
                    pattern("c", "[]")
                ),
                "[]",
            );
            let (on_a, on_b) = (Relations::new(&on_a), Relations::new(&on_b));
            assert_eq!(seen(&on_a, &ids), seen(&on_b, &ids), "{kind}");
            assert_eq!(seen(&on_a, &ids).len(), 2, "{kind}: one link on each side");
            assert!(on_a.of("c").is_empty());
        }
    }

    #[test]
    fn requires_is_required_by_on_the_other_side_and_combinations_complement() {
        let d = data(
            &format!(
                "{{ {}, {}, {} }}",
                pattern(
                    "saga",
                    r#"[{ "kind": "requires", "pattern": "idem" }, { "kind": "complements", "pattern": "cqrs" }]"#
                ),
                pattern("idem", "[]"),
                pattern("cqrs", "[]")
            ),
            r#"[{ "pattern": "cqrs", "with": ["saga", "idem"], "use_case": "u", "example": "e" }]"#,
        );
        let relations = Relations::new(&d);
        let of = |id: &str| -> Vec<(Seen, &str)> {
            relations.of(id).iter().map(|l| (l.seen, l.other)).collect()
        };
        assert_eq!(
            of("saga"),
            [(Seen::Requires, "idem"), (Seen::Complements, "cqrs")]
        );
        assert_eq!(
            of("idem"),
            [(Seen::RequiredBy, "saga"), (Seen::Complements, "cqrs")]
        );
        // Declared by saga and by the combination row: kept once, as saga declared it.
        assert_eq!(
            of("cqrs"),
            [(Seen::Complements, "idem"), (Seen::Complements, "saga")]
        );
        let by = relations.between("cqrs", "saga").next().map(|l| l.by);
        assert_eq!(
            by,
            Some(Declarer::Pattern {
                id: "saga",
                index: 1
            })
        );
        let by = relations.between("idem", "cqrs").next().map(|l| l.by);
        assert_eq!(by, Some(Declarer::Combination { row: 0, with: 1 }));
        assert_eq!(
            relations
                .requires("saga")
                .map(|l| l.other)
                .collect::<Vec<_>>(),
            ["idem"]
        );
        assert!(relations.conflict("saga", "cqrs").is_none());
    }
}
