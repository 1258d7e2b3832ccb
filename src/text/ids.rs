//! Ids: what an id in the data may look like, and the heading ids (anchors) that sections of
//! the book get from them.

/// `[a-z0-9]+(-[a-z0-9]+)*`
pub fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9'))
        })
}

/// The heading ids `<<wizard>>` gives whatever the data holds: the start, the combination
/// matrix, the decision framework and the recipe.
pub const WIZARD_HEADINGS: [&str; 7] = [
    "wizard-start",
    "wizard-domains",
    "wizard-combinations",
    "wizard-combinations-table",
    "wizard-decision-framework",
    "wizard-decision-tree",
    "wizard-recipe",
];

/// The anchor of a domain's section.
pub fn domain_anchor(domain: &str) -> String {
    format!("wizard-{domain}")
}

/// The anchor of the question that opens a domain's section.
pub fn question_anchor(domain: &str) -> String {
    format!("wizard-{domain}-question")
}

/// The anchor of an option's heading inside its domain's section.
pub fn option_anchor(domain: &str, option: &str) -> String {
    format!("wizard-{domain}-{option}")
}

pub fn pattern_anchor(pattern: &str) -> String {
    format!("pattern-{pattern}")
}

pub fn case_study_anchor(case_study: &str) -> String {
    format!("case-study-{case_study}")
}
