//! serde's messages in an author's words. serde and serde_json word their errors for Rust
//! programmers ("invalid type: integer `1`, expected a sequence"); this is the one place that
//! reads that wording, and says it in the words of the JSON an author writes ("expected a list,
//! found the number 1").
//!
//! Each message matched here has a test that makes the real error, with the serde_json and
//! serde_path_to_error this build uses, and checks what an author reads: a dependency that
//! rewords a message fails a test rather than quietly leaving authors serde's words.

use crate::diag::{Problem, suggest};

/// serde_json's message without its " at line 1 column 2": the caller knows better where.
pub fn message(err: &serde_json::Error) -> String {
    let message = err.to_string();
    match message.rfind(" at line ") {
        Some(end) if err.line() > 0 => message[..end].to_owned(),
        _ => message,
    }
}

/// A data file that is not JSON at all, from serde_json's syntax error: what is wrong and what
/// to do (the caller places it).
pub fn syntax(err: &serde_json::Error) -> Problem {
    let message = message(err).replace('`', "\"");
    let (message, help) = if message == "trailing characters" {
        (
            "unexpected text after the data file's object; a data file holds one JSON object"
                .to_owned(),
            "remove this text, or move what it holds into the object or into a file of its own",
        )
    } else if message.starts_with("recursion limit") {
        (
            format!("this file is not valid JSON: {message}"),
            "nest lists and objects at most 128 deep",
        )
    } else {
        (
            format!("this file is not valid JSON: {message}"),
            "fix the JSON syntax here; JSON allows no comments and no trailing commas",
        )
    };
    Problem::new(message, Some(help.into()))
}

/// The key of serde's "duplicate field `key`": a key written twice in an object read into a
/// struct.
pub fn duplicate_field(serde_message: &str) -> Option<&str> {
    serde_message
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.strip_suffix('`'))
}

/// A serde error, reworded for an author.
pub struct Explained {
    /// What is wrong, not yet placed.
    pub problem: Problem,
    /// For "unknown key" errors: the key, so the message can point at it.
    pub unknown_key: Option<String>,
}

/// Turns serde's messages ("unknown field `naem`, expected one of `name`, …") into ours; a
/// message this does not know is kept, its backticks written as quotes.
pub fn explain(serde_message: &str) -> Explained {
    // The name (the data's own text, which may hold a backtick) runs from the first backtick
    // to the one before the list of what was expected, or to the last (as in "there are no
    // fields").
    let (name, tail) = match serde_message.split_once('`') {
        Some((_, after)) => {
            let end = after
                .rfind("`, expected ")
                .or_else(|| after.rfind('`'))
                .unwrap_or(after.len());
            (&after[..end], &after[end..])
        }
        None => ("", ""),
    };
    let backticked: Vec<&str> = tail.split('`').skip(2).step_by(2).collect();
    let expected = || backticked.iter().copied();
    let expected_list = || {
        let names: Vec<String> = expected().map(|n| format!("\"{n}\"")).collect();
        names.join(", ")
    };
    let (message, help, unknown_key) = if serde_message.starts_with("unknown field") {
        let help = suggest::help(name, expected()).or_else(|| {
            Some(if !backticked.is_empty() {
                format!("the keys allowed here are {}", expected_list())
            } else {
                "no keys are allowed here".to_owned()
            })
        });
        (
            format!("unknown key \"{name}\""),
            help,
            Some(name.to_owned()),
        )
    } else if serde_message.starts_with("unknown variant") {
        let help = suggest::help(name, expected())
            .or_else(|| Some(format!("write one of {}", expected_list())));
        (format!("unknown value \"{name}\""), help, None)
    } else if serde_message.starts_with("missing field") {
        (
            format!("missing key \"{name}\""),
            Some(format!("add \"{name}\" to this object")),
            None,
        )
    } else if let Some(rest) = serde_message.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .rsplit_once(", expected ")
            .unwrap_or((rest, "another type"));
        let message = format!(
            "expected {}, found {}",
            plain_type(expected),
            plain_found(found)
        );
        (message, None, None)
    } else {
        (serde_message.replace('`', "\""), None, None)
    };
    Explained {
        problem: Problem::new(message, help),
        unknown_key,
    }
}

/// serde's names for JSON types, in the words of the JSON an author writes.
fn plain_type(serde_name: &str) -> &str {
    match serde_name {
        "a sequence" => "a list",
        "a map" => "an object",
        "string or map" => "a string",
        name if name.starts_with("struct ") => "an object",
        name => name,
    }
}

/// serde's description of a value it did not expect (`integer \`42\``, `sequence`), reworded;
/// serde_json's own words for some (`null`) are kept.
fn plain_found(serde_found: &str) -> String {
    let unquoted = serde_found.replace('`', "");
    match unquoted.as_str() {
        "sequence" => "a list".to_owned(),
        "map" => "an object".to_owned(),
        other => match other.split_once(' ') {
            Some(("integer" | "floating", rest)) => {
                format!("the number {}", rest.trim_start_matches("point "))
            }
            Some(("boolean", rest)) => rest.to_owned(),
            Some(("string", rest)) => format!("the text {rest}"),
            _ => other.to_owned(),
        },
    }
}

/// Each test makes serde's real error the way the loader does (see `load::decode` and
/// `load::read_entry`) and checks what an author reads.
#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Entry {
        name: String,
        tier: Tier,
        tags: Vec<String>,
        links: BTreeMap<String, String>,
        part: Two,
        count: u8,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Two {
        label: String,
        case_study: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct One {
        name: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Nothing {}

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Tier {
        Gold,
        Silver,
        Bronze,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Way {
        Flowchart,
        Sequence,
    }

    /// serde's message for an entry read as `T` from its value, as `load::read_entry` gets it.
    fn entry_message<T: DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        let value: Value = serde_json::from_str(json).expect("the test's JSON is valid");
        serde_path_to_error::deserialize::<_, T>(value)
            .expect_err("the entry does not fit")
            .into_inner()
            .to_string()
    }

    /// serde's message for a whole file's text read as `T`, as `load::decode` gets it.
    fn file_message<T: DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        let mut reader = serde_json::Deserializer::from_str(json);
        let err = serde_path_to_error::deserialize::<_, T>(&mut reader)
            .expect_err("the file does not fit");
        message(err.inner())
    }

    /// What an author reads for an entry that does not fit `T`: message and help.
    fn explained<T: DeserializeOwned + std::fmt::Debug>(json: &str) -> (String, Option<String>) {
        let problem = explain(&entry_message::<T>(json)).problem;
        (problem.message, problem.help)
    }

    /// What an author reads for a file that is not JSON: message and help.
    fn not_json(text: &str) -> (String, Option<String>) {
        let err = serde_json::from_str::<Value>(text).expect_err("the text is not JSON");
        let problem = syntax(&err);
        (problem.message, problem.help)
    }

    fn found(message: &str, help: Option<&str>) -> (String, Option<String>) {
        (message.to_owned(), help.map(str::to_owned))
    }

    #[test]
    fn the_position_is_cut_from_a_message_that_has_one() {
        let err = serde_json::from_str::<Value>("{\n  \"a\": 1,\n}").unwrap_err();
        assert_eq!(message(&err), "trailing comma");
        // An error read from a value has no position, and its message is kept whole.
        let err = serde_json::from_value::<One>(serde_json::json!({})).unwrap_err();
        assert_eq!(message(&err), "missing field `name`");
    }

    #[test]
    fn text_after_the_object_is_named() {
        const HELP: &str =
            "remove this text, or move what it holds into the object or into a file of its own";
        assert_eq!(
            not_json("{}\n{}"),
            found(
                "unexpected text after the data file's object; a data file holds one JSON object",
                Some(HELP)
            )
        );
    }

    #[test]
    fn nesting_too_deep_says_how_deep() {
        assert_eq!(
            not_json(&"[".repeat(200)),
            found(
                "this file is not valid JSON: recursion limit exceeded",
                Some("nest lists and objects at most 128 deep")
            )
        );
    }

    #[test]
    fn other_syntax_errors_keep_serde_json_words_in_quotes() {
        const HELP: &str =
            "fix the JSON syntax here; JSON allows no comments and no trailing commas";
        assert_eq!(
            not_json("{\"a\": 1,}"),
            found("this file is not valid JSON: trailing comma", Some(HELP))
        );
        assert_eq!(
            not_json("{\"a\" 1}"),
            found("this file is not valid JSON: expected \":\"", Some(HELP))
        );
    }

    #[test]
    fn a_key_written_twice_is_recognised() {
        let message = file_message::<One>("{\"name\": \"a\", \"name\": \"b\"}");
        assert_eq!(duplicate_field(&message), Some("name"));
        assert_eq!(duplicate_field("missing field `name`"), None);
    }

    #[test]
    fn an_unknown_key_is_named_with_the_closest_or_the_allowed_ones() {
        let unknown = explain(&entry_message::<Entry>("{\"naem\": \"x\"}"));
        assert_eq!(unknown.unknown_key.as_deref(), Some("naem"));
        assert_eq!(
            (unknown.problem.message, unknown.problem.help),
            found("unknown key \"naem\"", Some("did you mean \"name\"?"))
        );
        // serde lists three or more keys, two, one and none, each in its own words.
        let listed = [
            (
                explained::<Entry>("{\"zzz\": 1}"),
                "the keys allowed here are \"name\", \"tier\", \"tags\", \"links\", \"part\", \"count\"",
            ),
            (
                explained::<Two>("{\"zzz\": 1}"),
                "the keys allowed here are \"label\", \"case_study\"",
            ),
            (
                explained::<One>("{\"zzz\": 1}"),
                "the keys allowed here are \"name\"",
            ),
            (
                explained::<Nothing>("{\"zzz\": 1}"),
                "no keys are allowed here",
            ),
        ];
        for (explained, help) in listed {
            assert_eq!(explained, found("unknown key \"zzz\"", Some(help)));
        }
        // The key is the data's own text, backticks and all.
        let odd = explain(&entry_message::<Two>("{\"a`b, expected `c`\": 1}"));
        assert_eq!(odd.unknown_key.as_deref(), Some("a`b, expected `c`"));
        assert_eq!(odd.problem.message, "unknown key \"a`b, expected `c`\"");
    }

    #[test]
    fn an_unknown_value_is_named_with_the_closest_or_the_allowed_ones() {
        assert_eq!(
            explained::<Tier>("\"gld\""),
            found("unknown value \"gld\"", Some("did you mean \"gold\"?"))
        );
        assert_eq!(
            explained::<Tier>("\"platinum\""),
            found(
                "unknown value \"platinum\"",
                Some("write one of \"gold\", \"silver\", \"bronze\"")
            )
        );
        assert_eq!(
            explained::<Way>("\"tree\""),
            found(
                "unknown value \"tree\"",
                Some("write one of \"flowchart\", \"sequence\"")
            )
        );
    }

    #[test]
    fn a_missing_key_is_named() {
        assert_eq!(
            explained::<One>("{}"),
            found("missing key \"name\"", Some("add \"name\" to this object"))
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_is_named_in_json_words() {
        let cases = [
            ("{\"tags\": 42}", "expected a list, found the number 42"),
            ("{\"tags\": -1}", "expected a list, found the number -1"),
            (
                "{\"links\": 1.5}",
                "expected an object, found the number 1.5",
            ),
            ("{\"part\": true}", "expected an object, found true"),
            ("{\"tier\": 3}", "expected a string, found the number 3"),
            ("{\"name\": [1]}", "expected a string, found a list"),
            ("{\"name\": {}}", "expected a string, found an object"),
            ("{\"name\": null}", "expected a string, found null"),
            ("{\"tags\": \"x\"}", "expected a list, found the text \"x\""),
        ];
        for (json, wording) in cases {
            assert_eq!(explained::<Entry>(json), found(wording, None), "{json}");
        }
        // Read from a file's text, serde_json words them the same.
        let message = file_message::<Entry>("{\"tags\": 42}");
        assert_eq!(
            explain(&message).problem.message,
            "expected a list, found the number 42"
        );
    }

    #[test]
    fn a_message_not_mapped_passes_through_readably() {
        assert_eq!(
            explained::<Entry>("{\"count\": 300}"),
            found("invalid value: integer \"300\", expected u8", None)
        );
        let custom = "evidence must be a text, or an object with \"case_study\" and \"label\"";
        assert_eq!(
            (
                explain(custom).problem.message,
                explain(custom).problem.help
            ),
            found(custom, None)
        );
    }
}
