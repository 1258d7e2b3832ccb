//! The handbook's own data: clean, and complete with respect to the seed page it regenerates.

use std::path::Path;
use std::process::Command;

use mdbook_patterns::model::Tier;

fn data_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("patterns-data")
}

#[test]
fn validate_accepts_the_handbook_data_without_a_warning() {
    let output = Command::new(env!("CARGO_BIN_EXE_mdbook-patterns"))
        .env("SOURCE_DATE_EPOCH", crate::common::HANDBOOK_DAY)
        .args(["validate", "--data", "patterns-data"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr, "no problems found\n");
}

#[test]
fn the_data_holds_the_whole_seed_page() {
    let checked = mdbook_patterns::check_data(&data_dir());
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
    let data = checked.data;

    let domains: Vec<&str> = data.domains.iter().map(|d| d.value.id.as_str()).collect();
    assert_eq!(domains.len(), 4, "{domains:?}");
    let options: Vec<_> = data.domains.iter().flat_map(|d| &d.value.options).collect();
    assert_eq!(options.len(), 11);

    let stacks: Vec<_> = options.iter().filter(|o| !o.stack.is_empty()).collect();
    assert_eq!(stacks.len(), 6);
    assert_eq!(stacks.iter().map(|o| o.stack.len()).sum::<usize>(), 25);
    assert!(
        stacks.iter().all(|o| o.columns.is_some()),
        "each table keeps its own headers"
    );

    let step_lists: Vec<_> = options.iter().filter(|o| !o.steps.is_empty()).collect();
    assert_eq!(step_lists.len(), 5);
    assert_eq!(step_lists.iter().map(|o| o.steps.len()).sum::<usize>(), 21);
    assert!(
        options
            .iter()
            .flat_map(|o| &o.steps)
            .all(|s| s.check().is_ok())
    );

    let blueprints: Vec<_> = options
        .iter()
        .filter_map(|o| o.blueprint.as_ref())
        .collect();
    assert_eq!(blueprints.len(), 2);
    assert!(
        blueprints.iter().all(|b| b.check().is_ok()),
        "one diagram each"
    );
    assert!(blueprints.iter().any(|b| b.flowchart.is_some()));
    assert!(blueprints.iter().any(|b| b.sequence.is_some()));

    assert_eq!(data.combinations.len(), 5);
    let tree = &data.decision_tree.as_ref().expect("a decision tree").value;
    assert_eq!(
        tree.nodes.values().filter(|n| n.question.is_some()).count(),
        3
    );
    let recipe = &data.recipe.as_ref().expect("a recipe").value;
    assert_eq!(
        (recipe.core.len(), recipe.scale.len(), recipe.avoid.len()),
        (4, 4, 4)
    );
    for item in &recipe.avoid {
        let (_, pattern) = data.pattern(&item.pattern).expect("a known pattern");
        assert_eq!(
            pattern.value.tier,
            Tier::Bronze,
            "{} is legacy",
            item.pattern
        );
        assert!(data.pattern(&item.instead).is_some());
    }
    assert_eq!(data.case_studies.len(), 7);

    // Every step that names a pattern names a known one (the validator checked; this guards the
    // test's own reading of the model).
    for step in options.iter().flat_map(|o| o.valid_steps()) {
        if let Some(p) = step.pattern() {
            assert!(data.pattern(p).is_some(), "{p}");
        }
    }
}

/// `<<wizard domains=a,b>>` in a chapter of the handbook shows those two domains' sections, in
/// the order it names them, and no other domain's.
#[test]
fn a_wizard_limited_to_two_domains_shows_those_only() {
    use mdbook_patterns::Config;
    use mdbook_patterns::expand_book;
    use mdbook_preprocessor::book::{Book, Chapter};

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("book");
    let mut loaded = mdbook_driver::MDBook::load(&root).expect("the handbook loads");
    let text = "# Two\n\n<<wizard domains=ecommerce,payments-finance>>\n";
    loaded
        .book
        .push_item(Chapter::new("Two", text.into(), "two.md", vec![]));
    let table: Option<serde_json::Value> = loaded.config.get("preprocessor.patterns").unwrap();
    let config = Config::from_table(table.as_ref()).expect("the handbook's configuration");
    let report = expand_book(&root, &config, "src", true, loaded.book);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let mut json = Vec::new();
    report.expanded.unwrap().write_json(&mut json).unwrap();
    let book: Book = serde_json::from_slice(&json).unwrap();
    let two = book.chapters().find(|c| c.name == "Two").unwrap();

    let loaded = mdbook_patterns::load(&data_dir());
    let mut sections: Vec<(usize, &str)> = loaded
        .data
        .domains
        .iter()
        .filter_map(|d| {
            let id = d.value.id.as_str();
            // The directive's key joins its heading ids.
            let keyed = format!("{{#wizard-domains-ecommerce-payments-finance-{id}}}");
            let at = two.content.find(&keyed)?;
            Some((at, id))
        })
        .collect();
    sections.sort();
    let order: Vec<&str> = sections.iter().map(|(_, id)| *id).collect();
    assert_eq!(
        order,
        ["ecommerce", "payments-finance"],
        "as the directive names them"
    );
}
