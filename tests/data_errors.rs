//! Golden tests for bad data: each folder of `tests/fixtures/data-errors/` holds a `data/` folder
//! and `expected.txt`, what `mdbook-patterns validate --data data` prints there (exit code, then
//! stderr), which must say `error` (exit 1), or, for a fixture of warnings only, `warning` (exit 0). Each folder has a test of its own, named as
//! [`golden::test_name`] says (`43-not-utf8` is `cargo test data_errors::_43_not_utf8`). Run
//! with `BLESS=1` to rewrite the expected files, then review the diff.

use std::path::Path;
use std::process::Command;

use crate::common::golden::{self, cases};

fn fixtures() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data-errors");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("the fixtures folder exists")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn validate(dir: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_mdbook-patterns"))
        .args(["validate", "--data", "data"])
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    assert!(output.stdout.is_empty(), "human output goes to stderr");
    format!(
        "exit: {}\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr)
    )
}

cases!(report_case;
    _01_malformed_json,
    _02_trailing_comma,
    _03_top_level_array,
    _04_top_level_string,
    _05_string_instead_of_list,
    _06_number_instead_of_string,
    _07_bad_tier,
    _08_unknown_top_level_key,
    _09_unknown_key_in_pattern,
    _10_unknown_key_in_stack_row,
    _11_unknown_key_in_tree_node,
    _12_missing_required_key,
    _13_duplicate_pattern_in_file,
    _14_duplicate_pattern_across_files,
    _15_duplicate_case_study_across_files,
    _16_duplicate_domain_id,
    _17_duplicate_option_id,
    _18_unknown_stack_pattern,
    _19_unknown_evidence_case_study,
    _20_unknown_step_pattern,
    _21_unknown_replaced_by,
    _22_unknown_combination_with,
    _23_unknown_avoid_instead,
    _24_unknown_blueprint_node_pattern,
    _25_unknown_flowchart_edge_node,
    _26_unknown_sequence_participant,
    _27_unknown_tree_answer_next,
    _28_unknown_tree_start,
    _29_pattern_typo_did_you_mean,
    _30_bad_pattern_id,
    _31_bad_domain_id,
    _32_bad_category,
    _33_step_with_pattern_and_text,
    _34_blueprint_two_diagrams,
    _35_option_recommends_nothing,
    _36_domain_without_options,
    _37_tree_cycle,
    _38_tree_unreachable_node,
    _39_tree_dead_end,
    _40_tree_node_neither,
    _41_schema_version_newer,
    _42_schema_version_not_a_version,
    _43_not_utf8,
    _44_bom_prefixed_file,
    _45_empty_data_folder,
    _46_missing_data_folder,
    _47_data_is_a_file,
    _48_mermaid_reserved_node_id,
    _49_alias_is_pattern_id,
    _50_page_absolute,
    _51_page_not_markdown,
    _52_warnings_with_errors,
    _53_broken_domain_hides_no_references,
    _54_tree_typo_next_no_cascade,
    _55_list_instead_of_string,
    _56_tier_not_a_string,
    _57_stack_row_as_list,
    _58_unknown_key_in_evidence,
    _59_schema_version_newer_with_new_key,
    _60_mermaid_blueprint_unparsable,
    _61_mermaid_blueprint_javascript_link,
    _62_page_with_a_scheme,
    _63_key_without_its_opening_quote,
    _64_nested_a_hundred_thousand_deep,
    _65_tree_too_deep,
    _66_tree_with_too_many_ways,
    _67_heading_ids_meet,
    _68_tree_and_recipe_in_two_files,
    _69_text_after_the_object,
    _70_schema_version_null,
    _71_duplicate_key_in_a_pattern,
    _72_control_characters_in_ids,
    _73_control_characters_in_a_line,
    _74_symlink_out_of_the_data_folder,
    _75_long_text_is_cut,
    _76_raw_mermaid_that_breaks_out,
    _77_diagram_too_big_to_draw,
    _78_tree_with_too_much_text,
    _79_broken_pattern_referenced_everywhere,
    _80_broken_case_study_cited_as_evidence,
    _81_broken_pattern_defined_again,
    _82_yaml_syntax_error,
    _83_yaml_wrong_type,
    _84_yaml_unknown_key_did_you_mean,
    _85_yaml_alias,
    _86_yaml_second_document,
    _87_yaml_unquoted_yes,
    _88_yaml_beside_json,
    _89_yaml_list_for_a_mapping,
    _90_yaml_validate_errors,
    _91_yaml_empty_and_tagged,
    _92_evidence_url_not_http,
    _93_evidence_url_and_case_study,
    _94_evidence_url_without_label,
    _95_unknown_key_in_url_evidence,
    _96_unknown_key_in_evidence_of_neither_form,
    _97_toml_syntax_error,
    _98_toml_wrong_type,
    _99_toml_unknown_key_did_you_mean,
    _100_toml_duplicate_keys,
    _101_toml_times_where_dates_or_text_belong,
    _102_toml_number_where_text_belongs,
    _103_toml_beside_json_and_yaml,
    _104_toml_array_of_tables_for_a_table,
    _105_markdown_blank_line,
    _106_markdown_block_constructs,
    _107_markdown_relative_link,
    _108_markdown_reference_link,
    _109_markdown_image,
    _110_markdown_javascript_link,
    _150_labels_unknown_keys_and_placeholders,
    _151_labels_twice,
    _152_labels_in_schema_1_0,
    _153_labels_in_yaml,
    _154_evidence_url_in_schema_1_0,
    _155_yaml_yes_as_key,
    _156_case_study_without_page_in_schema_1_0,
    _160_tag_not_an_id,
    _161_tag_listed_twice,
    _162_tags_and_owner_in_schema_1_0,
    _163_tags_and_owner_in_yaml,
    _164_owner_with_a_relative_link_and_a_blank_line,
    _165_tags_not_a_list_owner_not_text,
    _170_relations_in_schema_1_0,
    _171_relation_to_an_unknown_pattern,
    _172_pattern_related_to_itself,
    _173_relations_that_contradict,
    _174_cycle_of_requires,
    _175_relation_note_with_a_relative_link,
    _176_relations_in_yaml,
    _177_symmetric_relation_declared_on_both_sides,
    _178_conflicting_patterns_in_a_stack,
    _179_conflicting_patterns_in_a_tree_outcome,
    _180_stacked_pattern_missing_its_requirement,
    _181_unknown_relation_kind,
    _190_history_and_reviewed_in_schema_1_0,
    _191_history_dates_that_are_no_dates,
    _192_history_not_oldest_first,
    _193_history_ends_at_another_tier,
    _194_history_in_toml,
    _195_history_entry_with_an_unknown_tier_and_key,
    five_independent_errors,
);

#[test]
fn every_fixture_has_its_test() {
    let fixtures = fixtures();
    assert!(
        fixtures.len() >= 25,
        "expected at least 25 bad-input fixtures, found {}",
        fixtures.len()
    );
    golden::assert_one_test_per_fixture(&fixtures, "", CASES);
}

/// The fixture whose test is `test` is reported exactly as its `expected.txt` says, and fails
/// with at least one error, or (a fixture of warnings only) passes with at least one warning.
fn report_case(test: &str) {
    let dir = golden::fixture_of(test, &fixtures(), "");
    let actual = validate(&dir);
    golden::check(&dir.join("expected.txt"), &actual);
    let summary = actual.lines().last().unwrap_or_default();
    if summary.contains("error") {
        assert!(
            actual.starts_with("exit: 1\n"),
            "{}: {actual}",
            dir.display()
        );
    } else {
        assert!(
            actual.starts_with("exit: 0\n")
                && (summary.ends_with("warning") || summary.ends_with("warnings")),
            "{}: neither an error nor a warning: {actual}",
            dir.display()
        );
    }
}
