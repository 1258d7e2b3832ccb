//! A path into a JSON document, such as `domains[2].options[0].stack[3].pattern`.

use std::fmt;

use crate::diag::excerpt::MAX_QUOTED;

/// One step of a [`JsonPath`]: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Where a value sits in a JSON document. Displays as `patterns.cdn.tier` or `domains[0].id`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JsonPath(Vec<Segment>);

impl JsonPath {
    /// The document's root.
    pub fn root() -> Self {
        JsonPath(Vec::new())
    }

    /// This path, one key deeper.
    pub fn key(&self, key: &str) -> Self {
        let mut path = self.clone();
        path.0.push(Segment::Key(key.to_owned()));
        path
    }

    /// This path, one array element deeper.
    pub fn index(&self, index: usize) -> Self {
        let mut path = self.clone();
        path.0.push(Segment::Index(index));
        path
    }

    /// This path followed by `other`.
    pub fn join(&self, other: &JsonPath) -> Self {
        let mut path = self.clone();
        path.0.extend(other.0.iter().cloned());
        path
    }

    /// The path one step up, or `None` at the root.
    pub fn parent(&self) -> Option<Self> {
        let (_, rest) = self.0.split_last()?;
        Some(JsonPath(rest.to_vec()))
    }

    pub fn push(&mut self, segment: Segment) {
        self.0.push(segment);
    }

    pub fn pop(&mut self) {
        self.0.pop();
    }

    /// The number of segments.
    pub fn depth(&self) -> usize {
        self.0.len()
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The path as messages show it: a key longer than [`MAX_QUOTED`] characters is cut there,
    /// `…` in place of the rest (a key is the data's own text, which may be long).
    pub fn shown(&self) -> String {
        let cut = self.0.iter().map(|segment| match segment {
            Segment::Key(key) if key.chars().count() > MAX_QUOTED => {
                Segment::Key(key.chars().take(MAX_QUOTED).chain(['…']).collect())
            }
            segment => segment.clone(),
        });
        JsonPath(cut.collect()).to_string()
    }

    /// The last segment, if it is a key.
    pub fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(Segment::Key(key)) => Some(key),
            _ => None,
        }
    }
}

impl From<&serde_path_to_error::Path> for JsonPath {
    fn from(path: &serde_path_to_error::Path) -> Self {
        use serde_path_to_error::Segment as S;
        JsonPath(
            path.iter()
                .filter_map(|segment| match segment {
                    S::Seq { index } => Some(Segment::Index(*index)),
                    S::Map { key } => Some(Segment::Key(key.clone())),
                    S::Enum { variant } => Some(Segment::Key(variant.clone())),
                    S::Unknown => None,
                })
                .collect(),
        )
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::Key(key) if is_plain_key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Segment::Key(key) => write!(f, "[{}]", serde_json::Value::from(key.as_str()))?,
            }
        }
        Ok(())
    }
}

/// Keys that read unambiguously after a dot: ids, field names, `$schema`.
fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '$'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_keys_indices_and_odd_keys() {
        let path = JsonPath::root()
            .key("domains")
            .index(2)
            .key("options")
            .index(0)
            .key("stack")
            .index(3)
            .key("pattern");
        assert_eq!(path.to_string(), "domains[2].options[0].stack[3].pattern");
        let odd = JsonPath::root().key("patterns").key("a b.c");
        assert_eq!(odd.to_string(), r#"patterns["a b.c"]"#);
        assert_eq!(JsonPath::root().to_string(), "");
        let long = JsonPath::root().key("patterns").key(&"a".repeat(100));
        assert_eq!(
            long.shown(),
            format!("patterns[\"{}…\"]", "a".repeat(MAX_QUOTED))
        );
    }
}
