//! The catalog: patterns (ids, names, pages, replacements), case studies, combinations, the
//! recipe, and the patterns nothing refers to.

use crate::data::json_path::JsonPath;
use crate::data::model::Tier;
use crate::diag::Diagnostic;
use crate::text::ids::is_kebab_id;

use super::{Checker, kebab_help};

impl<'a> Checker<'a> {
    pub(super) fn patterns(&mut self) {
        let data = self.data;
        let root = JsonPath::root();
        for (id, pattern) in &data.patterns {
            let origin = &pattern.origin;
            if !is_kebab_id(id) {
                let help = kebab_help(id);
                self.error_at_key(
                    origin,
                    format!("pattern id \"{id}\" is not a valid id"),
                    Some(help),
                );
            }
            let p = &pattern.value;
            // A pattern's name labels the decision tree's outcomes.
            self.label(origin, &root.key("name"), &p.name);
            self.kebab(origin, || root.key("category"), "category", &p.category);
            self.inline(origin, &root.key("summary"), &p.summary);
            if let Some(page) = &p.page {
                self.chapter_path(origin, || root.key("page"), page);
            }
            for (i, alias) in p.aliases.iter().enumerate() {
                let at = root.key("aliases").index(i);
                self.kebab(origin, || at.clone(), "alias", alias);
                if data.patterns.contains_key(alias) {
                    self.error(
                        origin,
                        &at,
                        format!("alias \"{alias}\" is already the id of a pattern"),
                        Some("remove the alias, or rename one of the two".into()),
                    );
                } else if data.aliases.get(alias).is_some_and(|owner| owner != id) {
                    let owner = &data.aliases[alias];
                    self.error(
                        origin,
                        &at,
                        format!("alias \"{alias}\" is already an alias of pattern \"{owner}\""),
                        Some("an alias may name one pattern only".into()),
                    );
                }
            }
            for (i, tag) in p.tags.iter().enumerate() {
                let at = root.key("tags").index(i);
                self.kebab(origin, || at.clone(), "tag", tag);
                if let Some(first) = p.tags[..i].iter().position(|t| t == tag) {
                    self.error(
                        origin,
                        &at,
                        format!("tag \"{tag}\" is listed twice"),
                        Some(format!("it is already tags[{first}]; list each tag once")),
                    );
                }
            }
            if let Some(owner) = &p.owner {
                self.inline(origin, &root.key("owner"), owner);
            }
            if let Some(replacement) = &p.replaced_by {
                let at = root.key("replaced_by");
                if replacement == id {
                    self.error(
                        origin,
                        &at,
                        format!("pattern \"{id}\" is replaced by itself"),
                        Some("name the pattern that replaces it".into()),
                    );
                } else {
                    self.pattern_ref(origin, || at.clone(), replacement);
                }
                if p.tier != Tier::Bronze {
                    self.warning(
                        origin,
                        &at,
                        format!(
                            "pattern \"{id}\" is {} but has a replacement",
                            p.tier.as_str()
                        ),
                        "only bronze (legacy) patterns are replaced; make it bronze or drop \"replaced_by\"".into(),
                    );
                }
            }
        }
    }

    pub(super) fn case_studies(&mut self) {
        let data = self.data;
        for (id, case_study) in &data.case_studies {
            if !is_kebab_id(id) {
                let help = kebab_help(id);
                self.error_at_key(
                    &case_study.origin,
                    format!("case study id \"{id}\" is not a valid id"),
                    Some(help),
                );
            }
            if let Some(path) = &case_study.value.page {
                let page = || JsonPath::root().key("page");
                self.chapter_path(&case_study.origin, page, path);
            }
        }
    }

    pub(super) fn combinations(&mut self) {
        let data = self.data;
        let root = JsonPath::root();
        for combination in &data.combinations {
            let origin = &combination.origin;
            let c = &combination.value;
            self.pattern_ref(origin, || root.key("pattern"), &c.pattern);
            if c.with.is_empty() {
                self.error(
                    origin,
                    &root.key("with"),
                    "a combination needs at least one pattern in \"with\"".into(),
                    None,
                );
            }
            for (i, other) in c.with.iter().enumerate() {
                self.pattern_ref(origin, || root.key("with").index(i), other);
            }
            self.inline(origin, &root.key("use_case"), &c.use_case);
            self.inline(origin, &root.key("example"), &c.example);
        }
    }

    pub(super) fn recipe(&mut self) {
        let Some(recipe) = &self.data.recipe else {
            return;
        };
        let origin = &recipe.origin;
        let root = JsonPath::root();
        for (section, items) in [("core", &recipe.value.core), ("scale", &recipe.value.scale)] {
            for (i, item) in items.iter().enumerate() {
                self.pattern_ref(
                    origin,
                    || root.key(section).index(i).key("pattern"),
                    &item.pattern,
                );
                if let Some(note) = &item.note {
                    self.inline(origin, &root.key(section).index(i).key("note"), note);
                }
            }
        }
        for (i, item) in recipe.value.avoid.iter().enumerate() {
            let at = root.key("avoid").index(i);
            let tier = self.pattern_ref(origin, || at.key("pattern"), &item.pattern);
            self.pattern_ref(origin, || at.key("instead"), &item.instead);
            if let Some(note) = &item.note {
                self.inline(origin, &at.key("note"), note);
            }
            if let Some(tier) = tier.filter(|t| *t != Tier::Bronze) {
                self.warning(
                    origin,
                    &at.key("pattern"),
                    format!(
                        "pattern \"{}\" is {} but the recipe says to avoid it",
                        item.pattern,
                        tier.as_str()
                    ),
                    "only bronze (legacy) patterns belong under \"avoid\"; make it bronze or move it".into(),
                );
            }
        }
    }

    pub(super) fn unreferenced_patterns(&mut self) {
        let data = self.data;
        if data.has_unreadable_files || data.has_unreadable_entries {
            return;
        }
        for (id, pattern) in &data.patterns {
            if !self.referenced.contains(id.as_str()) {
                let location = data.locate_key(&pattern.origin, &JsonPath::root());
                self.diagnostics.push(
                    Diagnostic::warning(Some(location), format!("pattern \"{id}\" is not referenced by anything"))
                        .with_help(Some("recommend it in a stack, step, combination, tree outcome or the recipe, or remove it".into())),
                );
            }
        }
    }
}
