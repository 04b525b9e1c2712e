//! `prep parse` end to end on bad and unusual input: exit codes, messages, and that good files are
//! still parsed next to bad ones.

use crate::common::{self, json, stderr};

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use tempfile::TempDir;

const GOOD: &str = "Q: What is a queue?\nA: A buffer between producers and consumers.\n";

/// Every run here is short; one that waited on a FIFO or device would hang, so it is cut off.
fn prep(dir: &Path, args: &[&str]) -> Output {
    common::prep_command(dir, args)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .expect("prep runs")
}

fn dir_with(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

#[test]
fn missing_path_is_an_io_error_with_exit_2_and_other_paths_still_parse() {
    let dir = dir_with(&[("good.txt", GOOD.as_bytes())]);
    let out = prep(
        dir.path(),
        &["parse", "--format", "json", "nope.txt", "good.txt"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("nope.txt: no such file or directory"),
        "{}",
        stderr(&out)
    );
    assert_eq!(json(&out)["cards"].as_array().unwrap().len(), 1);
}

#[test]
fn invalid_utf8_names_file_line_and_byte_offset_with_exit_1() {
    let mut bad = b"Q: What is a cache?\nA: A copy close to the reader.\ncaf".to_vec();
    bad.extend([0xe9, b'\n']);
    let dir = dir_with(&[("bad.txt", &bad), ("good.txt", GOOD.as_bytes())]);
    let out = prep(
        dir.path(),
        &["parse", "--format", "json", "bad.txt", "good.txt"],
    );
    assert_eq!(out.status.code(), Some(1));
    let offset = bad.iter().position(|&b| b == 0xe9).unwrap();
    let message = format!("bad.txt:3:4: invalid UTF-8 at byte offset {offset}");
    assert!(stderr(&out).contains(&message), "{}", stderr(&out));
    let cards = json(&out)["cards"].as_array().unwrap().clone();
    assert_eq!(cards.len(), 1, "the good file is still parsed");
    assert_eq!(cards[0]["source"]["file"], "good.txt");
}

#[test]
fn empty_file_is_a_warning_with_zero_cards_and_exit_0() {
    let dir = dir_with(&[
        ("empty.txt", b""),
        ("blank.md", "\u{feff}\n  \n".as_bytes()),
    ]);
    let out = prep(
        dir.path(),
        &["parse", "--format", "json", "empty.txt", "blank.md"],
    );
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(err.contains("empty.txt: empty file, no cards"), "{err}");
    assert!(err.contains("blank.md: empty file, no cards"), "{err}");
    assert!(!err.contains("no recognisable questions"), "{err}");
    assert_eq!(json(&out)["cards"], Value::Array(vec![]));
}

#[test]
fn binary_file_is_skipped_with_a_warning() {
    let dir = dir_with(&[
        ("pic.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ("good.txt", GOOD.as_bytes()),
    ]);
    let out = prep(dir.path(), &["parse", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("pic.txt: looks like a binary file"),
        "{}",
        stderr(&out)
    );
    let skipped = json(&out)["skipped"].as_array().unwrap().clone();
    let entry = skipped
        .iter()
        .find(|s| s["file"] == "./pic.txt")
        .expect("listed as skipped");
    assert_eq!(entry["reason"], "binary file");
    assert!(entry["line"].is_null() && entry["end_line"].is_null());
}

#[test]
fn file_without_questions_warns_and_names_the_layouts_tried() {
    let dir = dir_with(&[(
        "prose.txt",
        b"Just an essay.\n\nNo questions here at all.\n",
    )]);
    let out = prep(dir.path(), &["parse", "--format", "json", "prose.txt"]);
    assert_eq!(out.status.code(), Some(0));
    // miette wraps the help text to the terminal's width.
    let err = stderr(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        err.contains("prose.txt: no recognisable questions"),
        "{err}"
    );
    for layout in [
        "`Q:`/`A:`",
        "numbered questions",
        "lone lines ending in `?`",
    ] {
        assert!(err.contains(layout), "layout {layout} not named in: {err}");
    }
    let skipped = json(&out)["skipped"].as_array().unwrap().len();
    assert_eq!(
        skipped, 2,
        "both blocks are listed as skipped, nothing dropped silently"
    );
}

#[test]
fn directories_are_walked_in_sorted_order_skipping_hidden_and_reporting_other_files() {
    let dir = dir_with(&[
        ("b/second.md", b"## What is B?\n\nB.\n"),
        ("a.txt", b"1. What is A?\n\nA.\n"),
        ("c.markdown", b"### What is C?\n\nC.\n"),
        ("notes.pdf", b"%PDF-1.7"),
        (".hidden/secret.txt", GOOD.as_bytes()),
    ]);
    let out = prep(dir.path(), &["parse", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let output = json(&out);
    let questions: Vec<&str> = output["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["question"].as_str().unwrap())
        .collect();
    assert_eq!(questions, ["What is A?", "What is B?", "What is C?"]);
    let skipped = output["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s["file"] == "./notes.pdf"
                && s["reason"] == "not a .txt, .md or .markdown file")
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("secret"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang_and_broken_links_are_io_errors() {
    let dir = dir_with(&[("docs/good.txt", GOOD.as_bytes())]);
    std::os::unix::fs::symlink("..", dir.path().join("docs/loop")).unwrap();
    let out = prep(dir.path(), &["parse", "--format", "json", "docs"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("symbolic link loop"),
        "{}",
        stderr(&out)
    );
    assert_eq!(json(&out)["cards"].as_array().unwrap().len(), 1);

    std::os::unix::fs::symlink("missing.txt", dir.path().join("docs/broken.txt")).unwrap();
    let out = prep(dir.path(), &["parse", "--format", "json", "docs"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("docs/broken.txt"), "{}", stderr(&out));
}

#[test]
fn default_path_is_source_and_the_summary_counts_cards() {
    let out = prep(&common::repo(), &["parse"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("source/backend-interview.txt: 18 cards"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("36 cards from 3 files"),
        "{stdout}"
    );
}

#[test]
fn show_skipped_lists_every_left_out_block_with_lines_and_reason() {
    let page =
        "Title Of The Page\n\n5 min read\n\n1. What is X?\n\nX is a thing.\n\nShare on LinkedIn\n";
    let dir = dir_with(&[("page.txt", page.as_bytes())]);
    let out = prep(dir.path(), &["parse", "--show-skipped", "page.txt"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("page.txt:1  document title"), "{stdout}");
    assert!(
        stdout.contains("page.txt:3  boilerplate: byline or reading time"),
        "{stdout}"
    );
    assert!(
        stdout.contains("page.txt:9  boilerplate: share or follow buttons"),
        "{stdout}"
    );
}

#[test]
fn config_errors_point_into_lints_toml_with_exit_2() {
    let dir = dir_with(&[
        ("good.txt", GOOD.as_bytes()),
        ("lints.toml", b"[parse]\nextend-boilerplat = ['x']\n"),
    ]);
    let out = prep(dir.path(), &["parse", "good.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("lints.toml") && err.contains("extend-boilerplat"),
        "{err}"
    );
    assert!(
        err.contains("2 │ extend-boilerplat"),
        "the offending line is shown: {err}"
    );

    std::fs::write(
        dir.path().join("custom.toml"),
        "[parse]\nextend-boilerplate = ['(']\n",
    )
    .unwrap();
    let out = prep(
        dir.path(),
        &["--config", "custom.toml", "parse", "good.txt"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("custom.toml: invalid boilerplate pattern"),
        "{}",
        stderr(&out)
    );

    let out = prep(
        dir.path(),
        &["--config", "absent.toml", "parse", "good.txt"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("absent.toml: cannot read"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn lints_toml_parse_section_extends_boilerplate_and_imperatives() {
    let page = "1. Recount your first outage\n\nIt was a DNS change.\n\nSponsored: try our course\n\n2. Recount your worst deploy\n\nFriday.\n";
    let config =
        "[parse]\nextend-boilerplate = ['^sponsored:']\nextend-imperatives = ['recount']\n";
    let dir = dir_with(&[
        ("page.txt", page.as_bytes()),
        ("lints.toml", config.as_bytes()),
    ]);
    let out = prep(dir.path(), &["parse", "--format", "json", "page.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let output = json(&out);
    let cards = output["cards"].as_array().unwrap();
    assert_eq!(
        cards.len(),
        2,
        "imperative `Recount` makes both lines questions"
    );
    assert_eq!(cards[0]["answer"], "It was a DNS change.");
    let reasons: Vec<&str> = output["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("from lints.toml")),
        "{reasons:?}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = prep(&common::repo(), &["parse", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = prep(&common::repo(), &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_file_named_twice_is_read_once() {
    let dir = dir_with(&[("good.txt", GOOD.as_bytes())]);
    let out = prep(
        dir.path(),
        &["parse", "--format", "json", "good.txt", ".", "./good.txt"],
    );
    assert_eq!(json(&out)["cards"].as_array().unwrap().len(), 1);
}
