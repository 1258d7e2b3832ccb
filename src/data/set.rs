//! The merged data set: every entry of every data file, each knowing where it was written.

use std::collections::{BTreeMap, BTreeSet};

use crate::data::json_path::JsonPath;
use crate::data::labels::Labels;
use crate::data::model::{
    CaseStudy, CaseStudyRef, Combination, DecisionTree, Domain, Id, Pattern, Recipe,
};
use crate::data::source::SourceFile;
use crate::data::tree::{self, Shape, Tree, Unusable};
use crate::diag::{Diagnostic, Location};

/// Where an entry was written: a file of [`Data::sources`] and a path inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: usize,
    pub path: JsonPath,
}

/// An entry of the data and its origin.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub origin: Origin,
}

/// Everything under the data folder, merged in sorted path order.
#[derive(Debug, Default)]
pub struct Data {
    pub sources: Vec<SourceFile>,
    pub patterns: BTreeMap<Id, Located<Pattern>>,
    pub case_studies: BTreeMap<Id, Located<CaseStudy>>,
    pub domains: Vec<Located<Domain>>,
    pub combinations: Vec<Located<Combination>>,
    pub decision_tree: Option<Located<DecisionTree>>,
    pub recipe: Option<Located<Recipe>>,
    /// The words the tool generates: the data's `labels` over the defaults.
    pub labels: Labels,
    /// Where the data's `labels` were written, if they were.
    pub labels_origin: Option<Origin>,
    /// Patterns that are defined but could not be read, by id, with what could be read of them
    /// all the same. They are known: a reference to one (by id or by a readable alias) is not
    /// reported again as unknown, nor is a `category=` only they have; their own error is.
    pub unreadable_patterns: BTreeMap<Id, UnreadablePattern>,
    /// Ids of case studies that are defined but could not be read.
    pub unreadable_case_studies: BTreeSet<Id>,
    /// Ids of domains that could not be read, where their `id` could be: `<<wizard-domain ID>>`
    /// and `domain=ID` name them.
    pub unreadable_domains: BTreeSet<Id>,
    /// Whether a `decision_tree` was written but could not be read: `<<decision-tree>>` is then
    /// not told that the data has none.
    pub unreadable_tree: bool,
    /// Whether a `recipe` was written but could not be read.
    pub unreadable_recipe: bool,
    /// Whether some data file could not be read at all (bad JSON, a version this build does not
    /// read, …). References into it cannot be checked then.
    pub has_unreadable_files: bool,
    /// Whether some entry (a pattern, a domain, the tree, …) could not be read. What it refers
    /// to cannot be counted as referenced then.
    pub has_unreadable_entries: bool,
    /// Alias -> pattern id, for every alias of every pattern, readable or not, in id order (the
    /// first owner wins).
    pub aliases: BTreeMap<Id, Id>,
}

/// What is still known of a pattern that could not be read: the fields references use, where
/// they could be read on their own.
#[derive(Debug, Default)]
pub struct UnreadablePattern {
    /// Its `category`, where it is a string: `category=` selects by it.
    pub category: Option<String>,
    /// Its `aliases` that are strings: references may use them.
    pub aliases: Vec<Id>,
    /// Its `tags` that are strings: `tag=` selects by them.
    pub tags: Vec<Id>,
}

impl Data {
    /// The location of the value at `origin`, followed by `rest`.
    pub fn locate(&self, origin: &Origin, rest: &JsonPath) -> Location {
        let path = origin.path.join(rest);
        let source = &self.sources[origin.file];
        source.location(source.value_position(&path), Some(&path))
    }

    /// Like [`Data::locate`], pointing at byte `offset` inside the string there (see
    /// `SourceFile::string_position`).
    pub fn locate_inside(&self, origin: &Origin, rest: &JsonPath, offset: usize) -> Location {
        let path = origin.path.join(rest);
        let source = &self.sources[origin.file];
        source.location(source.string_position(&path, offset), Some(&path))
    }

    /// Like [`Data::locate`], but pointing at the key that holds the value.
    pub fn locate_key(&self, origin: &Origin, rest: &JsonPath) -> Location {
        let path = origin.path.join(rest);
        let source = &self.sources[origin.file];
        source.location(source.key_position(&path), Some(&path))
    }

    /// `file:line:col` of an origin, for messages that point to a second place.
    pub fn place(&self, origin: &Origin) -> String {
        self.place_of(origin, &JsonPath::root())
    }

    /// `file:line:col` of the value at `origin` + `rest` (its key, where it has one).
    pub fn place_of(&self, origin: &Origin, rest: &JsonPath) -> String {
        let location = self.locate_key(origin, rest);
        match location.position {
            Some(p) => format!("{}:{}:{}", location.file, p.line, p.column),
            None => location.file,
        }
    }

    /// The text of a link to a case study: its label, or else the case study's title (or its
    /// id, if there is no such case study).
    pub fn case_study_label<'a>(&'a self, link: &'a CaseStudyRef) -> &'a str {
        link.label.as_deref().unwrap_or_else(|| {
            self.case_studies
                .get(&link.case_study)
                .map_or(link.case_study.as_str(), |c| c.value.title.as_str())
        })
    }

    /// The pattern a reference names: its id or one of its aliases.
    pub fn pattern(&self, reference: &str) -> Option<(&str, &Located<Pattern>)> {
        if let Some((id, pattern)) = self.patterns.get_key_value(reference) {
            return Some((id, pattern));
        }
        let id = self.aliases.get(reference)?;
        self.patterns
            .get_key_value(id)
            .map(|(id, p)| (id.as_str(), p))
    }

    /// Whether a reference names a pattern that is defined but could not be read, by its id or
    /// one of its aliases: a reference to it is known, and only the pattern's own error is
    /// reported.
    pub fn is_unreadable_pattern(&self, reference: &str) -> bool {
        self.unreadable_patterns.contains_key(reference)
            || (self.aliases.get(reference))
                .is_some_and(|id| self.unreadable_patterns.contains_key(id))
    }

    /// `tree`'s shape (see [`tree::shape`]), an outcome's patterns written as their names.
    pub fn tree_shape<'t>(&self, tree: &'t DecisionTree) -> Option<Shape<'t>> {
        tree::shape(tree, |reference| self.pattern_text(reference))
    }

    /// `tree` checked (see [`Tree::new`]), an outcome's patterns written as their names.
    pub fn tree<'t>(&self, tree: &'t DecisionTree) -> Result<Tree<'t>, Unusable> {
        Tree::new(tree, |reference| self.pattern_text(reference))
    }

    /// The length of the text a pattern reference is written out as: its pattern's name, or
    /// the reference where it names no pattern.
    fn pattern_text(&self, reference: &str) -> usize {
        self.pattern(reference)
            .map_or(reference.len(), |(_, p)| p.value.name.len())
    }

    /// Every name a pattern reference may use, ids first (those of patterns that could not be
    /// read too), for "did you mean".
    pub fn pattern_names(&self) -> impl Iterator<Item = &str> {
        self.patterns
            .keys()
            .chain(self.unreadable_patterns.keys())
            .chain(self.aliases.keys())
            .map(String::as_str)
    }

    /// An error at `origin` + `rest`.
    pub fn error_at(&self, origin: &Origin, rest: &JsonPath, message: String) -> Diagnostic {
        Diagnostic::error(Some(self.locate(origin, rest)), message)
    }
}
