//! Lint accuracy, measured: every `must_flag` phrase of the seed pages' gold.json, and every `flag`
//! phrase of our own fixtures (tests/fixtures/lint), is overlapped by a diagnostic of the named rule;
//! no `must_not_flag` / `no_flag` phrase is overlapped by a claim rule.

use crate::common;

use std::path::Path;

use prep::{Diagnostic, ParseContext, default_levels, lint, parse_paths};
use serde_json::Value;

const CLAIM_RULES: [&str; 3] = ["vague-claim", "unsupported-metric", "absolute-claim"];

fn diagnostics(path: &Path) -> Vec<Diagnostic> {
    let run = parse_paths(&[path.to_path_buf()], &ParseContext::default());
    lint(run.cards(), &default_levels())
}

/// Byte ranges of every occurrence of `phrase` in the file.
fn occurrences(text: &str, phrase: &str) -> Vec<std::ops::Range<usize>> {
    text.match_indices(phrase)
        .map(|(at, p)| at..at + p.len())
        .collect()
}

fn overlapped(diagnostics: &[Diagnostic], range: &std::ops::Range<usize>, rules: &[&str]) -> bool {
    diagnostics.iter().any(|d| {
        rules.contains(&d.rule) && d.offset < range.end && range.start < d.offset + d.length
    })
}

/// Checks one file: `flag` as (phrase, allowed rules), `no_flag` as phrases.
fn check(
    path: &Path,
    flag: &[(String, Vec<String>)],
    no_flag: &[String],
    sparing: &[&str],
) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let found = diagnostics(path);
    let name = path.file_name().unwrap().to_string_lossy();
    let mut problems = Vec::new();
    for (phrase, rules) in flag {
        let rules: Vec<&str> = rules.iter().map(String::as_str).collect();
        let places = occurrences(&text, phrase);
        if places.is_empty() {
            problems.push(format!("{name}: phrase not in the file: {phrase:?}"));
        }
        for range in places {
            if !overlapped(&found, &range, &rules) {
                problems.push(format!("{name}: not flagged by {rules:?}: {phrase:?}"));
            }
        }
    }
    for phrase in no_flag {
        for range in occurrences(&text, phrase) {
            for d in found
                .iter()
                .filter(|d| overlapped(std::slice::from_ref(d), &range, sparing))
            {
                problems.push(format!(
                    "{name}: {phrase:?} wrongly flagged by {}: {:?}",
                    d.rule,
                    &text[d.offset..d.offset + d.length]
                ));
            }
        }
    }
    problems
}

#[test]
fn seed_pages_flag_every_must_flag_phrase_and_no_must_not_flag_phrase() {
    let Some(seeds) = common::seeds_or_skip("lint accuracy on gold.json") else {
        return;
    };
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(seeds.join("gold.json")).unwrap()).unwrap();
    let mut problems = Vec::new();
    for (name, file) in gold["files"].as_object().unwrap() {
        let flag: Vec<(String, Vec<String>)> = file["must_flag"]
            .as_array()
            .unwrap()
            .iter()
            .map(|pair| {
                let rules = pair[1]
                    .as_str()
                    .unwrap()
                    .split('|')
                    .map(str::to_owned)
                    .collect();
                (pair[0].as_str().unwrap().to_owned(), rules)
            })
            .collect();
        let no_flag: Vec<String> = file["must_not_flag"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        problems.extend(check(&seeds.join(name), &flag, &no_flag, &CLAIM_RULES));
    }
    common::assert_no_problems(&problems);
}

/// The rules a fixture's `no_flag` phrases must escape: the claim rules and term-spelling (prose
/// rules that would misread them), and the fixture's own rule.
fn sparing_rules(rule: &str) -> Vec<&str> {
    let mut rules: Vec<&str> = CLAIM_RULES.to_vec();
    rules.push("term-spelling");
    if !rules.contains(&rule) {
        rules.push(rule);
    }
    rules
}

/// Every `tests/fixtures/lint/<name>.md` with its `<name>.expect.json`: `rule`, `flag` phrases the
/// rule must report (or `[phrase, "rule-a|rule-b"]` pairs), `no_flag` phrases no prose rule reports.
fn fixtures() -> Vec<(std::path::PathBuf, Value)> {
    let dir = common::repo().join("tests/fixtures/lint");
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().ends_with(".expect.json"))
        .map(|expect| {
            let text = std::fs::read_to_string(&expect).unwrap();
            let name = expect.to_string_lossy().replace(".expect.json", ".md");
            (
                std::path::PathBuf::from(name),
                serde_json::from_str(&text).unwrap(),
            )
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

#[test]
fn own_fixtures_flag_and_spare_what_they_say() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for (path, expect) in fixtures() {
        let rule = expect["rule"].as_str().unwrap().to_owned();
        let flag: Vec<(String, Vec<String>)> = expect["flag"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| match item {
                Value::Array(pair) => (
                    pair[0].as_str().unwrap().to_owned(),
                    pair[1]
                        .as_str()
                        .unwrap()
                        .split('|')
                        .map(str::to_owned)
                        .collect(),
                ),
                phrase => (phrase.as_str().unwrap().to_owned(), vec![rule.clone()]),
            })
            .collect();
        let no_flag: Vec<String> = expect["no_flag"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        problems.extend(check(&path, &flag, &no_flag, &sparing_rules(&rule)));
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} lint fixtures found");
    common::assert_no_problems(&problems);
}

/// Each fixture's findings as `prep lint` prints them: reviewed by hand, so any change in what a
/// rule reports on our own examples shows up in review.
#[test]
fn own_fixtures_snapshot() {
    for (path, _) in fixtures() {
        let out = common::prep_command(
            path.parent().unwrap(),
            &["lint", "--format", "concise", "--exit-zero"],
        )
        .arg(path.file_name().unwrap())
        .output()
        .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(name, String::from_utf8(out.stdout).unwrap());
    }
}

/// The real documents of ../shared/realworld (never copied here), as their own scorer measures
/// them against phrases judged by reading: at least 95% of the claims that must be flagged are
/// flagged by the named rule, and no phrase that must not be flagged is. Skipped, with a message,
/// where ../shared is absent.
#[test]
fn real_documents_flag_their_claims_and_nothing_else() {
    let Some(folder) = common::realworld_or_skip("real-world lint floors") else {
        return;
    };
    let report = common::realworld_score(&folder, "lint");
    let line = report
        .lines()
        .find(|l| l.starts_with("lint: "))
        .unwrap_or_else(|| panic!("no summary line in {report}"));
    println!("{line}");
    let recall = common::figure(line, "recall");
    let by_named_rule = common::figure(line, "(");
    let by_other_rule = common::figure(line, "by the named rule,");
    let missed = common::figure(line, "by another,");
    let false_flags = line
        .split("false flags ")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or_else(|| panic!("no false-flag count in {line:?}"));
    let named_share = by_named_rule / (by_named_rule + by_other_rule + missed).max(1.0);
    assert!(
        recall >= 0.95 && named_share >= 0.95 && false_flags == 0,
        "below the floors (recall 0.95 by the named rule, no false flag):\n{report}"
    );
}
