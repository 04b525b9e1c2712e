//! One duplicate detection per run: `prep dedup` shows, `prep lint` (`duplicate-question`) reports
//! and `prep build` merges the same groups, on a chain of near matches where the order of the
//! clustering decides the groups.
//!
//! The fixture (`tests/fixtures/dedup_chain/notes.md`, lines 3, 7 and 11) asks A ≈ B and B ≈ C,
//! while A and C are kept apart. B has the most complete answer: clustered in that order, B takes
//! both; clustered in source order, A would take B and leave C alone.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

type Groups = BTreeSet<BTreeSet<String>>;

fn prep(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = common::prep(dir, args);
    assert!(
        out.status.success(),
        "prep {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_slice(&prep(dir, args).stdout).unwrap()
}

/// Groups of more than one question, as `prep dedup --format json` gives them, by `file:line`.
fn dedup_groups(dir: &Path) -> Groups {
    let parse = json(dir, &["parse", "--format", "json", "notes.md"]);
    let place = |id: &str| -> String {
        let card = parse["cards"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap();
        format!(
            "{}:{}",
            card["source"]["file"].as_str().unwrap(),
            card["source"]["line"]
        )
    };
    let dedup = json(dir, &["dedup", "--format", "json", "notes.md"]);
    dedup["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| place(m.as_str().unwrap()))
                .collect()
        })
        .collect()
}

/// Groups as `duplicate-question` reports them: each card with the places it is "asked again at".
fn lint_groups(dir: &Path) -> Groups {
    let lint = json(dir, &["lint", "--format", "json", "notes.md"]);
    lint["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "duplicate-question")
        .filter_map(|d| {
            let message = d["message"].as_str().unwrap();
            let others = message.strip_prefix("the question is asked again at ")?;
            let own = format!("{}:{}", d["file"].as_str().unwrap(), d["line"]);
            Some(
                std::iter::once(own)
                    .chain(others.split(", ").map(str::to_owned))
                    .collect(),
            )
        })
        .collect()
}

/// Groups as `prep build` merged them: the "Also asked as" section of its Markdown document, each
/// kept card with the phrasings merged into it.
fn build_groups(dir: &Path) -> Groups {
    let out = tempfile::tempdir().unwrap();
    prep(
        dir,
        &["build", "notes.md", "-o", out.path().to_str().unwrap()],
    );
    let document = std::fs::read_to_string(out.path().join("cards.md")).unwrap();
    let section = document
        .split("### Also asked as")
        .nth(1)
        .expect("an \"Also asked as\" section");
    let place = |line: &str| -> String {
        let open = line.rfind('(').unwrap();
        line[open + 1..line.len() - 1].to_owned()
    };
    let mut groups = Groups::new();
    let mut group: BTreeSet<String> = BTreeSet::new();
    for line in section.lines().filter(|l| l.trim_start().starts_with('-')) {
        if line.starts_with('-') && !group.is_empty() {
            groups.insert(std::mem::take(&mut group));
        }
        group.insert(place(line.trim_end()));
    }
    if !group.is_empty() {
        groups.insert(group);
    }
    groups
}

#[test]
fn dedup_lint_and_build_find_the_same_groups_on_a_chain_of_near_matches() {
    let dir = common::repo().join("tests/fixtures/dedup_chain");
    let expected: Groups = [["notes.md:3", "notes.md:7", "notes.md:11"]
        .map(str::to_owned)
        .into_iter()
        .collect()]
    .into_iter()
    .collect();
    assert_eq!(dedup_groups(&dir), expected, "prep dedup");
    assert_eq!(lint_groups(&dir), expected, "prep lint");
    assert_eq!(build_groups(&dir), expected, "prep build");
}
