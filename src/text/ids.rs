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

/// The heading id a directive named `name` gives for `id` once its keys and `example=true` are
/// taken into account, so that the same directive with other keys, or as an example, can stand
/// beside it in a chapter (and a book):
///
/// - `keys` are the directive's keys other than `level` and `example`, sorted by key name, each
///   written `KEY-VALUE` with the value in kebab case ([`kebab`]), joined by `-`
///   ([`keys_part`]). They go right after the directive's name where `id` starts with it
///   (`pattern-index-gold` under `<<pattern-index tier=gold>>` is
///   `pattern-index-tier-gold-gold`), else in front of `id` after the directive's name
///   (`recipe-core` inside `<<wizard domains=shop>>` is `wizard-domains-shop-recipe-core`).
/// - An example (`example=true`) ends every id with `-example`
///   (`pattern-retry` under `<<pattern retry example=true>>` is `pattern-retry-example`).
///
/// A directive without keys, not an example, keeps `id` as it is.
pub fn section_id(name: &str, keys: &str, example: bool, id: &str) -> String {
    let mut out = String::with_capacity(name.len() + keys.len() + id.len() + 10);
    if keys.is_empty() {
        out.push_str(id);
    } else {
        out.push_str(name);
        out.push('-');
        out.push_str(keys);
        out.push('-');
        match id
            .strip_prefix(name)
            .and_then(|rest| rest.strip_prefix('-'))
        {
            Some(rest) => out.push_str(rest),
            None => out.push_str(id),
        }
    }
    if example {
        out.push_str("-example");
    }
    out
}

/// What `keys` (key and value, sorted by key name) add to a heading id: `category-messaging-tier-gold`.
pub fn keys_part<'k>(keys: impl IntoIterator<Item = (&'k str, &'k str)>) -> String {
    let parts: Vec<String> = keys
        .into_iter()
        .map(|(key, value)| {
            let value = kebab(value);
            match value.is_empty() {
                true => key.to_owned(),
                false => format!("{key}-{value}"),
            }
        })
        .collect();
    parts.join("-")
}

/// `value` in kebab case: letters and digits lower-cased, every run of anything else one `-`,
/// none at either end (`"a, B"` is `a-b`).
pub fn kebab(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_examples_join_section_ids() {
        let keys = keys_part([("category", "Data & Storage"), ("tier", "gold")]);
        assert_eq!(keys, "category-data-storage-tier-gold");
        let gold = keys_part([("tier", "gold")]);
        assert_eq!(
            section_id("pattern-index", &gold, false, "pattern-index-gold"),
            "pattern-index-tier-gold-gold"
        );
        assert_eq!(
            section_id("wizard", "domains-shop", false, "recipe-core"),
            "wizard-domains-shop-recipe-core"
        );
        assert_eq!(
            section_id("pattern", "", true, "pattern-retry"),
            "pattern-retry-example"
        );
        assert_eq!(
            section_id("recipe", "", false, "recipe-core"),
            "recipe-core"
        );
        assert_eq!(keys_part([("tier", "")]), "tier");
    }
}
