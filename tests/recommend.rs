//! The recommendation engine over every choice a reader can make, in the handbook's data and in
//! a larger data set of our own; and `mdbook-patterns recommend`'s output as golden files.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use mdbook_patterns::Data;
use mdbook_patterns::model::Tier;
use mdbook_patterns::{Recommendation, Selection, recommend};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(dir: &str) -> Data {
    let checked = mdbook_patterns::check_data(&root().join(dir));
    assert!(
        checked.diagnostics.is_empty(),
        "{dir}: {:#?}",
        checked.diagnostics
    );
    checked.data
}

fn check_every_choice(data: &Data) -> usize {
    let paths = common::tree_paths(data);
    let mut checked = 0;
    for (domain, option) in mdbook_patterns::options(data) {
        for answers in &paths {
            let selection = Selection {
                domain: domain.id.clone(),
                option: option.id.clone(),
                answers: answers.clone(),
            };
            let r = recommend(data, &selection).unwrap_or_else(|e| panic!("{selection:?}: {e}"));
            check_recommendation(data, &selection, &r);
            // Deterministic, whatever order the answers come in.
            let mut reversed = selection.clone();
            reversed.answers.reverse();
            assert_eq!(recommend(data, &reversed).as_ref(), Ok(&r), "{selection:?}");
            checked += 1;
        }
    }
    checked
}

fn check_recommendation(data: &Data, selection: &Selection, r: &Recommendation) {
    let context = format!("{selection:?}");
    assert!(r.core.iter().all(|e| e.tier == Tier::Gold), "{context}");
    assert!(r.scale.iter().all(|e| e.tier == Tier::Silver), "{context}");
    let recommended: BTreeSet<&str> = r
        .core
        .iter()
        .chain(&r.scale)
        .map(|e| e.pattern.as_str())
        .collect();
    let avoided: BTreeSet<&str> = r.avoid.iter().map(|e| e.pattern.as_str()).collect();
    for row in &r.stack {
        assert!(
            recommended.contains(row.pattern.as_str()) || avoided.contains(row.pattern.as_str()),
            "{context}: stack row {} is in the recipe",
            row.pattern
        );
        let entry = r
            .core
            .iter()
            .chain(&r.scale)
            .find(|e| e.pattern == row.pattern);
        if let Some(entry) = entry {
            assert!(
                entry.reasons.contains(&r.title),
                "{context}: {} says why",
                row.pattern
            );
        }
    }
    for entry in r.core.iter().chain(&r.scale) {
        assert!(
            !entry.reasons.is_empty(),
            "{context}: {} has reasons",
            entry.pattern
        );
    }
    for avoid in &r.avoid {
        let pattern = &data.patterns[&avoid.pattern].value;
        assert!(
            !avoid.instead.is_empty(),
            "{context}: {} names its replacement",
            avoid.pattern
        );
        assert!(
            pattern.tier == Tier::Bronze || recommended.contains(avoid.instead.as_str()),
            "{context}: {} is bronze or replaced by a recommendation",
            avoid.pattern
        );
        assert!(!avoid.reasons.is_empty());
    }
    if let Some(next) = &r.next_question {
        let tree = &data.decision_tree.as_ref().unwrap().value;
        assert!(
            tree.nodes[next].question.is_some(),
            "{context}: asks a question next"
        );
        assert!(
            !r.path.iter().any(|a| &a.node == next),
            "{context}: not asked twice"
        );
    }
    // Every answer is on the recorded path, in the tree's order, and each outcome it leads to
    // is in the recipe with the answer as its reason.
    assert_eq!(r.path.len(), selection.answers.len(), "{context}");
    for answered in &r.path {
        let reason = format!("{} → {}", answered.question, answered.answer);
        let led_to = r
            .core
            .iter()
            .chain(&r.scale)
            .any(|e| e.reasons.contains(&reason))
            || r.avoid.iter().any(|e| e.reasons.contains(&reason));
        let tree = &data.decision_tree.as_ref().unwrap().value;
        let next = tree.nodes[&answered.node]
            .answers
            .iter()
            .find(|a| a.label == answered.answer)
            .map(|a| a.next.clone())
            .unwrap();
        if tree.nodes[&next].question.is_none() {
            assert!(
                led_to,
                "{context}: the outcome of {reason} is in the recipe"
            );
        }
    }
}

#[test]
fn every_option_and_path_of_the_handbook() {
    let data = load("patterns-data");
    let checked = check_every_choice(&data);
    // Each option has 5 complete paths (nothing left to ask) and 3 stops at a question.
    let finished = common::tree_paths(&data)
        .iter()
        .filter(|answers| {
            let selection = Selection {
                domain: "ecommerce".into(),
                option: "flash-sales".into(),
                answers: answers.to_vec(),
            };
            recommend(&data, &selection)
                .unwrap()
                .next_question
                .is_none()
        })
        .count();
    assert_eq!(finished, 5);
    // 11 options × (3 question stops + 5 complete paths).
    assert_eq!(checked, 11 * common::tree_paths(&data).len());
    assert!(common::tree_paths(&data).len() >= 6);
}

#[test]
fn every_option_and_path_of_a_larger_data_set() {
    let data = load("tests/fixtures/recommend/data");
    assert!(data.domains.len() > 4, "more domains than the seed");
    assert!(
        mdbook_patterns::options(&data).count() > 11,
        "more options than the seed"
    );
    let deepest = common::tree_paths(&data)
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    assert!(deepest > 2, "a deeper tree than the seed: {deepest}");
    assert!(check_every_choice(&data) > 50);
}

#[test]
fn the_handbook_payments_answer_reads_as_the_seed_suggests() {
    let data = load("patterns-data");
    let selection = Selection {
        domain: "payments-finance".into(),
        option: "zero-data-loss".into(),
        answers: vec![
            ("data-loss".into(), "Zero".into()),
            ("realtime".into(), "No".into()),
        ],
    };
    let r = recommend(&data, &selection).unwrap();
    let core: Vec<&str> = r.core.iter().map(|e| e.pattern.as_str()).collect();
    assert_eq!(
        core,
        [
            "event-sourcing",
            "saga",
            "double-entry-ledger",
            "idempotency",
            "message-queue"
        ]
    );
    let avoid: Vec<(&str, &str)> = r
        .avoid
        .iter()
        .map(|e| (e.pattern.as_str(), e.instead.as_str()))
        .collect();
    assert_eq!(avoid, [("two-phase-commit", "saga")]);
    assert_eq!(
        r.core[0].reasons,
        [
            "Payments & Finance → Zero Data Loss",
            "Data Loss Tolerance? → Zero"
        ]
    );
}

/// `mdbook-patterns recommend`'s output as golden files: `tests/fixtures/recommend/cases/NAME.args`
/// holds one command line (after the binary's name), run from the repository root; `NAME.out`
/// what it prints (exit code, stdout, stderr). Each case has a test of its own
/// (`cargo test recommend::output::payments_zero_realtime`).
mod output {
    use std::path::PathBuf;

    use super::root;
    use crate::common::golden::{self, cases};

    cases!(output_case;
        ecommerce_no_answers,
        error_answer_syntax,
        error_answered_twice,
        error_outcome_not_question,
        error_unknown_answer,
        error_unknown_domain,
        error_unknown_option,
        error_unreached_question,
        handbook_missing_requirement,
        larger_alias_step_json,
        larger_conflict,
        larger_four_questions,
        markdown_text_fields,
        markdown_text_fields_json,
        messaging_via_book,
        payments_zero_realtime,
        payments_zero_realtime_json,
        relations_conflict,
        relations_conflicts_json,
        relations_transitive,
        relations_transitive_json,
        sourced_evidence,
        sourced_evidence_json,
        streaming_internet,
    );

    fn case_files() -> Vec<PathBuf> {
        golden::command_cases(&root().join("tests/fixtures/recommend/cases"))
    }

    #[test]
    fn every_case_has_its_test() {
        let cases = case_files();
        assert!(cases.len() >= 6);
        golden::assert_one_test_per_fixture(&cases, ".args", CASES);
    }

    /// The case whose test is `test` prints what its `.out` file holds.
    fn output_case(test: &str) {
        golden::command_case(&golden::fixture_of(test, &case_files(), ".args"));
    }
}
