//! Checks shared by the integration tests: expectations written by hand, compared with what `prep`
//! produces, the position invariants every card must satisfy, hand-built exports ([`export`]), and
//! real Anki importing what we write ([`anki`]).

pub mod anki;
pub mod coverage;
pub mod export;
pub mod fuzz;
#[path = "../../../src/test_support.rs"]
mod shared;

pub use shared::{proptest_config, render_diagnostic, repo, seeds_or_skip};

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

/// The `prep args…` command, run in `dir`, for a test that sets its environment, a timeout or
/// stdin before running it.
pub fn prep_command(dir: &Path, args: &[&str]) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("prep").expect("the prep binary is built");
    command.current_dir(dir).args(args);
    command
}

/// `prep args…` run in `dir`: its exit status, stdout and stderr, whatever the exit status.
pub fn prep(dir: &Path, args: &[&str]) -> Output {
    prep_command(dir, args).output().expect("prep runs")
}

/// Bytes as text, invalid UTF-8 replaced.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn stdout(output: &Output) -> String {
    text(&output.stdout)
}

pub fn stderr(output: &Output) -> String {
    text(&output.stderr)
}

/// Stdout parsed as JSON, whatever the exit status.
pub fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// `../shared/realworld` with its gold and scorer, or `None` with a message saying `test` is
/// skipped.
pub fn realworld_or_skip(test: &str) -> Option<PathBuf> {
    let folder = repo().join("../shared/realworld");
    if folder.join("gold.json").is_file() && folder.join("score.py").is_file() {
        Some(folder)
    } else {
        eprintln!("SKIPPED {test}: ../shared/realworld not found (it exists in CI)");
        None
    }
}

/// The report of `../shared/realworld/score.py MODE` on the real-world folder, run on our binary.
/// Panics when the scorer fails.
pub fn realworld_score(folder: &Path, mode: &str) -> String {
    let prep = assert_cmd::cargo::cargo_bin("prep");
    let output = std::process::Command::new("python3")
        .arg(folder.join("score.py"))
        .args([
            mode,
            folder.to_str().unwrap(),
            "--bin",
            prep.to_str().unwrap(),
        ])
        .output()
        .expect("python3 runs the scorer");
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "scorer failed: {report}");
    report
}

/// The number after `label` in `line` ("recall 0.998" → 0.998).
pub fn figure(line: &str, label: &str) -> f64 {
    let at = line
        .find(label)
        .unwrap_or_else(|| panic!("no {label:?} in {line:?}"));
    line[at + label.len()..]
        .split_whitespace()
        .next()
        .and_then(|n| n.trim_end_matches([',', ')', ';']).parse().ok())
        .unwrap_or_else(|| panic!("no figure after {label:?} in {line:?}"))
}

/// Runs the `prep` binary with `args` and parses its stdout as JSON. Panics on a non-zero exit.
pub fn prep_json(args: &[&str]) -> Value {
    let output = assert_cmd::Command::cargo_bin("prep")
        .expect("binary built")
        .args(args)
        .output()
        .expect("prep runs");
    assert!(
        output.status.success(),
        "prep {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// Cards of the JSON output whose `source.file` ends with `name`.
pub fn cards_of<'a>(output: &'a Value, name: &str) -> Vec<&'a Value> {
    output["cards"]
        .as_array()
        .expect("cards array")
        .iter()
        .filter(|c| {
            c["source"]["file"]
                .as_str()
                .is_some_and(|f| f.ends_with(name))
        })
        .collect()
}

pub fn text_of(card: &Value) -> String {
    format!(
        "{}\n{}\n{}",
        card["question"].as_str().unwrap_or_default(),
        card["answer"].as_str().unwrap_or_default(),
        card["example"].as_str().unwrap_or_default()
    )
}

/// Compares the cards of one file with a hand-written expectation (format: tests/fixtures/README.md).
/// Returns every mismatch, so one run shows them all.
pub fn compare(file: &str, output: &Value, cards: &[&Value], expect: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let wanted = expect["cards"].as_array().expect("expected cards");
    if cards.len() != wanted.len() {
        problems.push(format!(
            "{file}: {} cards, expected {}; got questions at lines {:?}",
            cards.len(),
            wanted.len(),
            cards
                .iter()
                .map(|c| c["source"]["line"].as_u64().unwrap_or(0))
                .collect::<Vec<_>>()
        ));
    }
    for w in wanted {
        let line = w["line"].as_u64().expect("line");
        let Some(card) = cards
            .iter()
            .find(|c| c["source"]["line"].as_u64() == Some(line))
        else {
            problems.push(format!("{file}:{line}: no card for {}", w["question"]));
            continue;
        };
        let mut check = |what: &str, ok: bool, got: &Value| {
            if !ok {
                problems.push(format!(
                    "{file}:{line}: {what}: expected {}, got {got}",
                    w[what]
                ));
            }
        };
        check(
            "question",
            card["question"] == w["question"],
            &card["question"],
        );
        // Starts and ends are compared markup-blind (tests/fixtures/README.md).
        let answer = markup_blind(card["answer"].as_str().unwrap_or_default());
        if w["answer_empty"].as_bool() == Some(true) {
            check(
                "answer_empty",
                answer.is_empty() && card["example"].is_null(),
                &card["answer"],
            );
        }
        if let Some(starts) = w["answer_starts"].as_str() {
            check(
                "answer_starts",
                answer.starts_with(&markup_blind(starts)),
                &card["answer"],
            );
        }
        if let Some(ends) = w["answer_ends"].as_str() {
            check(
                "answer_ends",
                answer.ends_with(&markup_blind(ends)),
                &card["answer"],
            );
        }
        match w["example_starts"].as_str() {
            Some(starts) => {
                let example = card["example"].as_str().unwrap_or_default();
                check(
                    "example_starts",
                    example.starts_with(starts),
                    &card["example"],
                );
            }
            None => check(
                "example_starts",
                card["example"].is_null(),
                &card["example"],
            ),
        }
        check("section", card["section"] == w["section"], &card["section"]);
        check("tags", card["tags"] == w["tags"], &card["tags"]);
    }
    if let Some(title) = expect.get("title") {
        let document = output_document(output, file);
        let got = document.map_or(&Value::Null, |d| &d["title"]);
        if got != title {
            problems.push(format!("{file}: title {got}, expected {title}"));
        }
    }
    for phrase in expect["absent"].as_array().into_iter().flatten() {
        let phrase = phrase.as_str().expect("absent phrase");
        for card in cards {
            if text_of(card).contains(phrase) {
                problems.push(format!(
                    "{file}:{}: boilerplate {phrase:?} is in the card",
                    card["source"]["line"]
                ));
            }
        }
    }
    problems
}

/// The `documents` entry of the JSON output whose `file` ends with `name`.
pub fn output_document<'a>(output: &'a Value, name: &str) -> Option<&'a Value> {
    output["documents"]
        .as_array()?
        .iter()
        .find(|d| d["file"].as_str().is_some_and(|f| f.ends_with(name)))
}

/// Text as compared by the fixture expectations: `**`, `__` and backticks removed, list markers
/// and quote marks at line starts removed, runs of white space made one space.
pub fn markup_blind(text: &str) -> String {
    let stripped = text.replace("**", "").replace("__", "").replace('`', "");
    stripped
        .lines()
        .map(|line| {
            let mut line = line.trim_start();
            loop {
                let before = line;
                line = line.trim_start_matches('>').trim_start();
                for marker in ["- ", "* ", "+ "] {
                    if let Some(rest) = line.strip_prefix(marker) {
                        line = rest.trim_start();
                    }
                }
                if let Some((n, rest)) = line.split_once(['.', ')'])
                    && !n.is_empty()
                    && n.chars().all(|c| c.is_ascii_digit())
                    && rest.starts_with(' ')
                {
                    line = rest.trim_start();
                }
                if line == before {
                    break line;
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every card's `offset`/`length` slice of the original bytes contains its question text (markers and
/// line breaks aside), and `line`/`end_line` are the lines of the slice's first and last byte.
pub fn check_positions(path: &Path, cards: &[&Value]) -> Vec<String> {
    let bytes = std::fs::read(path).expect("source readable");
    let mut problems = Vec::new();
    for card in cards {
        let offset = card["source"]["offset"].as_u64().expect("offset") as usize;
        let length = card["source"]["length"].as_u64().expect("length") as usize;
        let line = card["source"]["line"].as_u64().expect("line") as usize;
        let end_line = card["source"]["end_line"].as_u64().expect("end_line") as usize;
        let Some(slice) = bytes.get(offset..offset + length) else {
            problems.push(format!("{}:{line}: span out of the file", path.display()));
            continue;
        };
        let slice = String::from_utf8_lossy(slice);
        let question = card["question"].as_str().unwrap_or_default();
        // Markup aside: a question keeps the words of `_Git_`, `` `with` `` and `<code>x</code>`.
        let squashed = |s: &str| {
            strip_tags(s)
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .chars()
                .filter(|c| !c.is_whitespace() && !"*_`".contains(*c))
                .collect::<String>()
        };
        if !squashed(&slice).contains(&squashed(question)) {
            problems.push(format!(
                "{}:{line}: span does not contain {question:?}",
                path.display()
            ));
        }
        // `\n`, `\r\n` and a lone `\r` each end a line.
        let line_of = |at: usize| {
            (0..at)
                .filter(|&i| {
                    bytes[i] == b'\n' || bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')
                })
                .count()
                + 1
        };
        if line_of(offset) != line || line_of(offset + length.max(1) - 1) != end_line {
            problems.push(format!(
                "{}:{line}: lines {line}-{end_line} but the span covers {}-{}",
                path.display(),
                line_of(offset),
                line_of(offset + length.max(1) - 1)
            ));
        }
    }
    problems
}

/// Text without its HTML tags (`<code>`, `</summary>`): anything from `<` + letter or `/` to `>`.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
        match after.find('>') {
            Some(close) if is_tag => rest = &after[close + 1..],
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn assert_no_problems(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
