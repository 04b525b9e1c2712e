//! `prep dedup` end to end: the JSON contract, order independence, threshold and policy settings, and
//! a reviewed snapshot of the explanation people read.

use crate::common::{self, prep};

use std::process::Output;

use serde_json::Value;

fn fixture_dir() -> std::path::PathBuf {
    common::repo().join("tests/fixtures")
}

fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn json_lists_clusters_by_parse_ids_with_the_canonical_first() {
    let dedup = json(&prep(
        &fixture_dir(),
        &["dedup", "--format", "json", "dedup_cli"],
    ));
    let parse = json(&prep(
        &fixture_dir(),
        &["parse", "--format", "json", "dedup_cli"],
    ));
    let ids: Vec<&str> = parse["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let clusters = dedup["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 3);
    let mut merged = 0;
    for cluster in clusters {
        let members = cluster["members"].as_array().unwrap();
        let similarity = cluster["similarity"].as_array().unwrap();
        assert_eq!(
            members[0], cluster["canonical"],
            "the canonical card comes first"
        );
        assert_eq!(members.len(), similarity.len());
        assert_eq!(similarity[0], 1.0);
        assert!(similarity.iter().all(|s| s.as_f64().unwrap() >= 0.65));
        assert!(
            members.iter().all(|m| ids.contains(&m.as_str().unwrap())),
            "ids are parse ids"
        );
        merged += members.len() - 1;
    }
    assert_eq!(dedup["cards_in"], ids.len());
    assert_eq!(dedup["cards_out"], ids.len() - merged);
}

#[test]
fn file_order_on_the_command_line_does_not_change_anything() {
    let dir = fixture_dir().join("dedup_cli");
    let forward = prep(
        &dir,
        &["dedup", "--format", "json", "caching-page.txt", "notes.md"],
    );
    let backward = prep(
        &dir,
        &["dedup", "--format", "json", "notes.md", "caching-page.txt"],
    );
    assert_eq!(json(&forward), json(&backward));
    let forward = prep(&dir, &["dedup", "caching-page.txt", "notes.md"]);
    let backward = prep(&dir, &["dedup", "notes.md", "caching-page.txt"]);
    assert_eq!(forward.stdout, backward.stdout);
}

#[test]
fn threshold_flag_and_config_tune_the_merge() {
    let dir = fixture_dir();
    let cards_out = |threshold: &str| {
        json(&prep(
            &dir,
            &[
                "dedup",
                "--format",
                "json",
                "--threshold",
                threshold,
                "dedup_cli",
            ],
        ))["cards_out"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(
        cards_out("1"),
        11,
        "only the word-for-word and equivalent-term repeats merge"
    );
    assert_eq!(
        cards_out("0.5"),
        9,
        "a lower threshold also merges sizing a cache with sizing one for a read-heavy service"
    );
    assert_eq!(
        cards_out("0.1"),
        9,
        "no threshold merges questions that ask different things (why / how to warm a cache)"
    );
    let out = prep(&dir, &["dedup", "--threshold", "1.5", "dedup_cli"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a number from 0 to 1"));

    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("lints.toml"), "[dedup]\nkeep = \"first\"\n").unwrap();
    let source = dir.join("dedup_cli");
    let source = source.to_str().unwrap();
    let canonical_questions = |args: &[&str]| -> Vec<String> {
        let out = json(&prep(tmp.path(), args));
        let parse = json(&prep(tmp.path(), &["parse", "--format", "json", source]));
        out["clusters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let card = parse["cards"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|p| p["id"] == c["canonical"])
                    .unwrap();
                card["question"].as_str().unwrap().to_owned()
            })
            .collect()
    };
    let first = canonical_questions(&["dedup", "--format", "json", source]);
    assert!(first.contains(&"How do you choose a TTL for cached data?".to_owned()));
    // keep = "first" keeps the stampede question of caching-page.txt (line 5) over notes.md's.
    assert!(first.contains(&"What is a cache stampede and how do you prevent it?".to_owned()));
    let longest = canonical_questions(&[
        "dedup",
        "--format",
        "json",
        "--keep",
        "longest-answer",
        source,
    ]);
    assert!(
        longest.contains(&"How do you prevent a cache stampede?".to_owned()),
        "{longest:?}"
    );
}

#[test]
fn text_output_explains_each_merge() {
    let out = prep(&fixture_dir(), &["dedup", "dedup_cli"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn seed_pages_collapse_the_six_consistency_questions_into_one_card() {
    let Some(seeds) = common::seeds_or_skip("dedup of the seed pages") else {
        return;
    };
    let files: Vec<String> = ["000_cfac02e6bd4e5fd0.txt", "002_75417cac1dc64f97.txt"]
        .iter()
        .map(|f| seeds.join(f).display().to_string())
        .collect();
    let mut args = vec!["dedup", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let dedup = json(&prep(&common::repo(), &args));
    let mut parse_args = vec!["parse", "--format", "json"];
    parse_args.extend(files.iter().map(String::as_str));
    let parse = json(&prep(&common::repo(), &parse_args));
    let question = |id: &Value| {
        parse["cards"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == *id)
            .unwrap()["question"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let consistency = dedup["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["members"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| question(m).contains("data consistency"))
        })
        .expect("a consistency cluster");
    let members: Vec<String> = consistency["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(question)
        .collect();
    assert_eq!(members.len(), 7, "{members:#?}");
    assert!(
        members.iter().all(|q| q.contains("data consistency")),
        "{members:#?}"
    );
}
