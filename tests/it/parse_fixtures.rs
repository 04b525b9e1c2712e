//! Our own fixtures (tests/fixtures/parse) and the bundled source/ parse as their hand-written
//! expectation files say.

use crate::common::{assert_no_problems, cards_of, check_positions, compare, prep_json, repo};
use serde_json::Value;

fn read_json(path: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn fixtures_match_their_expectations() {
    let dir = repo().join("tests/fixtures/parse");
    let mut problems = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".expect.json") else {
            continue;
        };
        let source = ["txt", "md"]
            .iter()
            .map(|ext| dir.join(format!("{stem}.{ext}")))
            .find(|p| p.is_file())
            .unwrap_or_else(|| panic!("no source for {name}"));
        let output = prep_json(&["parse", "--format", "json", source.to_str().unwrap()]);
        let file = source.file_name().unwrap().to_str().unwrap();
        let cards = cards_of(&output, file);
        problems.extend(compare(file, &output, &cards, &read_json(&path)));
        problems.extend(check_positions(&source, &cards));
        checked += 1;
    }
    assert!(checked >= 18, "only {checked} fixtures found");
    assert_no_problems(&problems);
}

#[test]
fn bundled_source_matches_its_expectations() {
    let source = repo().join("source");
    let expect = read_json(&repo().join("tests/fixtures/source.expect.json"));
    let output = prep_json(&["parse", "--format", "json", source.to_str().unwrap()]);
    let mut problems = Vec::new();
    for (file, expectation) in expect.as_object().unwrap() {
        let cards = cards_of(&output, file);
        problems.extend(compare(file, &output, &cards, expectation));
        problems.extend(check_positions(&source.join(file), &cards));
    }
    let total: usize = expect
        .as_object()
        .unwrap()
        .values()
        .map(|e| e["cards"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        output["cards"].as_array().unwrap().len(),
        total,
        "cards outside the expected files"
    );
    assert_no_problems(&problems);
}

/// `prep parse --format md` of every fixture reads back to the same questions, answers and examples.
#[test]
fn fixtures_read_back_from_their_markdown() {
    let dir = repo().join("tests/fixtures/parse");
    let out = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let is_source = path.extension().is_some_and(|e| e == "md" || e == "txt");
        if !is_source {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let fields = |output: &Value| -> Vec<(Value, Value, Value)> {
            output["cards"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    (
                        c["question"].clone(),
                        c["answer"].clone(),
                        c["example"].clone(),
                    )
                })
                .collect()
        };
        let first = prep_json(&["parse", "--format", "json", path.to_str().unwrap()]);
        let markdown = assert_cmd::Command::cargo_bin("prep")
            .unwrap()
            .args(["parse", "--format", "md", path.to_str().unwrap()])
            .output()
            .unwrap()
            .stdout;
        let written = out.path().join(format!("{name}.md"));
        std::fs::write(&written, &markdown).unwrap();
        let again = prep_json(&["parse", "--format", "json", written.to_str().unwrap()]);
        if fields(&first) != fields(&again) {
            problems.push(format!(
                "{name}: the Markdown reads back to other cards:\n{}",
                String::from_utf8_lossy(&markdown)
            ));
        }
    }
    assert_no_problems(&problems);
}
