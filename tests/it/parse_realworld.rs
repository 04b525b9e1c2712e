//! Real documents from public interview repositories (../shared/realworld, never copied here) parse
//! above the floors we hold ourselves to, as their own scorer measures: question recall and
//! precision at least 0.98 overall and 0.95 in every document, complete answers at least 0.97,
//! every empty answer right, no boilerplate in any card, no card for a line that asks nothing.
//! Skipped, with a message, where ../shared is absent.

use crate::common::{figure, realworld_or_skip, realworld_score};

/// `found/total` after `label` ("questions 57/58" → (57, 58)).
fn ratio(line: &str, label: &str) -> (u64, u64) {
    let at = line
        .find(label)
        .unwrap_or_else(|| panic!("no {label:?} in {line:?}"));
    let pair = line[at + label.len()..]
        .split_whitespace()
        .next()
        .unwrap_or_default();
    let (a, b) = pair.split_once('/').unwrap_or(("0", "0"));
    (
        a.parse().unwrap_or_default(),
        b.trim_end_matches(',').parse().unwrap_or_default(),
    )
}

#[test]
fn real_documents_parse_above_the_floors() {
    let Some(folder) = realworld_or_skip("real-world parse floors") else {
        return;
    };
    let report = realworld_score(&folder, "parse");
    let mut problems = Vec::new();
    let mut documents = 0;
    for line in report.lines().filter(|l| l.contains(": questions ")) {
        documents += 1;
        let recall = figure(line, "(recall");
        let precision = figure(line, "(precision");
        if recall < 0.95 || precision < 0.95 {
            problems.push(format!("below 0.95 in one document: {line}"));
        }
        let (right, empty) = ratio(line, "empty right");
        if right != empty {
            problems.push(format!("an empty answer is not empty: {line}"));
        }
    }
    assert_eq!(documents, 10, "one line per document expected:\n{report}");
    let summary = report
        .lines()
        .find(|l| l.starts_with("parse:"))
        .expect("summary line");
    for (label, floor) in [
        ("recall", 0.98),
        ("precision", 0.98),
        ("answers complete", 0.97),
        ("empty right", 1.0),
    ] {
        if figure(summary, label) < floor {
            problems.push(format!("{label} below {floor}: {summary}"));
        }
    }
    for label in ["boilerplate hits", "not-questions"] {
        if figure(summary, label) != 0.0 {
            problems.push(format!("{label} not 0: {summary}"));
        }
    }
    assert!(problems.is_empty(), "{}\n\n{report}", problems.join("\n"));
}
