//! `prep lint`, `prep rules` and `prep explain` end to end.

use crate::common::{self, prep, stdout};

use serde_json::Value;

const ANSWERS: &str = "## How did the migration go?\n\nIt was a huge success: p99 latency dropped by 40%.\n\n## What is a view?\n\n";

fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn findings_fail_only_at_the_failing_level() {
    let dir = dir_with(&[("notes.md", ANSWERS)]);
    // missing-answer is an error by default: exit 1.
    assert_eq!(
        prep(dir.path(), &["lint", "notes.md"]).status.code(),
        Some(1)
    );
    assert_eq!(
        prep(dir.path(), &["lint", "--exit-zero", "notes.md"])
            .status
            .code(),
        Some(0)
    );
    let answered = dir_with(&[("notes.md", "## How did it go?\n\nIt was a huge success.\n")]);
    assert_eq!(
        prep(answered.path(), &["lint", "notes.md"]).status.code(),
        Some(0),
        "warnings pass"
    );
    for spelling in ["warnings", "warning", "warn"] {
        assert_eq!(
            prep(answered.path(), &["lint", "--deny", spelling, "notes.md"])
                .status
                .code(),
            Some(1),
            "--deny {spelling}"
        );
    }
    assert_eq!(
        prep(answered.path(), &["lint", "--deny", "error", "notes.md"])
            .status
            .code(),
        Some(0),
        "--deny error is the default"
    );
}

#[test]
fn json_positions_point_at_the_flagged_bytes() {
    let dir = dir_with(&[("notes.md", ANSWERS)]);
    let out = prep(dir.path(), &["lint", "--format", "json", "notes.md"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let flagged: Vec<(&str, &str)> = diagnostics
        .iter()
        .map(|d| {
            let (offset, length) = (
                d["offset"].as_u64().unwrap() as usize,
                d["length"].as_u64().unwrap() as usize,
            );
            (
                d["rule"].as_str().unwrap(),
                &ANSWERS[offset..offset + length],
            )
        })
        .collect();
    assert_eq!(
        flagged,
        [
            ("vague-claim", "huge success"),
            ("unsupported-metric", "40%"),
            ("missing-answer", "What is a view?")
        ]
    );
    let first = &diagnostics[0];
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(3), Some(10))
    );
    assert_eq!(first["severity"], "warning");
    assert_eq!(json["summary"]["errors"], 1);
    assert_eq!(json["summary"]["warnings"], 2);
}

#[test]
fn concise_format_is_one_line_per_finding() {
    let dir = dir_with(&[("notes.md", ANSWERS)]);
    let out = stdout(&prep(
        dir.path(),
        &["lint", "--format", "concise", "notes.md"],
    ));
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "notes.md:3:10: warning[vague-claim] `huge success` is a vague claim",
            "notes.md:3:47: warning[unsupported-metric] `40%` states an outcome without a baseline",
            "notes.md:5:4: error[missing-answer] the question has no answer",
        ]
    );
}

#[test]
fn full_format_shows_the_line_a_label_and_help() {
    let dir = dir_with(&[("notes.md", ANSWERS)]);
    let out = stdout(&prep(dir.path(), &["lint", "notes.md"]));
    assert!(out.contains("prep::vague-claim"), "{out}");
    assert!(
        out.contains("It was a huge success: p99 latency dropped by 40%."),
        "{out}"
    );
    assert!(
        out.contains("help: give the before and after values"),
        "{out}"
    );
    assert!(
        out.trim_end().ends_with("1 errors, 2 warnings, 0 infos"),
        "{out}"
    );
}

#[test]
fn rule_levels_come_from_lints_toml_and_unknown_rules_are_errors() {
    let dir = dir_with(&[
        ("notes.md", ANSWERS),
        (
            "lints.toml",
            "[rules.missing-answer]\nlevel = \"off\"\n\n[rules.vague-claim]\nlevel = \"error\"\n",
        ),
    ]);
    let out = stdout(&prep(
        dir.path(),
        &["lint", "--format", "concise", "notes.md"],
    ));
    assert!(
        out.contains("error[vague-claim]") && !out.contains("missing-answer"),
        "{out}"
    );

    std::fs::write(
        dir.path().join("lints.toml"),
        "[rules.vague-claims]\nlevel = \"off\"\n",
    )
    .unwrap();
    let out = prep(dir.path(), &["lint", "notes.md"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown rule `vague-claims`") && err.contains("did you mean `vague-claim`?"),
        "{err}"
    );
}

#[test]
fn rules_lists_every_rule_and_explain_prints_its_doc() {
    let out = stdout(&prep(&common::repo(), &["rules"]));
    let ids: Vec<&str> = out
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "absolute-claim",
            "compound-question",
            "duplicate-question",
            "enumeration",
            "long-answer",
            "missing-answer",
            "question-form",
            "term-spelling",
            "unsupported-metric",
            "unused-suppression",
            "vague-claim"
        ]
    );
    let out = stdout(&prep(&common::repo(), &["explain", "unsupported-metric"]));
    assert!(
        out.starts_with("unsupported-metric (default level: warning)"),
        "{out}"
    );
    assert!(out.contains("Why:") && out.contains("Flagged:") && out.contains("Better:"));
    // The borderline cases, both sides, each with its reason on the next line.
    let cases = &out[out.find("Where the line is:\n").expect("cases shown")..];
    assert!(cases.contains("\n  flagged      ") && cases.contains("\n  not flagged  "));
    assert!(
        cases.lines().skip(1).all(|line| line.starts_with("  ")),
        "{cases}"
    );
    let out = prep(&common::repo(), &["explain", "no-such-rule"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn readme_lists_exactly_the_rules_prep_rules_prints() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    let out = stdout(&prep(&common::repo(), &["rules"]));
    for line in out.lines() {
        let id = line.split_whitespace().next().unwrap();
        assert!(
            readme.contains(&format!("| `{id}` |")),
            "README does not list {id}"
        );
    }
}

#[test]
fn init_writes_the_shipped_lints_toml_and_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = prep(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join("lints.toml")).unwrap();
    let shipped = std::fs::read_to_string(common::repo().join("lints.toml")).unwrap();
    assert_eq!(
        written, shipped,
        "the repository's lints.toml is `prep init` output; regenerate it"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("lints.toml"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644, "an ordinary file, readable by others");
    }
    std::fs::write(dir.path().join("lints.toml"), "# mine\n").unwrap();
    assert_eq!(prep(dir.path(), &["init"]).status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("lints.toml")).unwrap(),
        "# mine\n"
    );
    assert_eq!(
        prep(dir.path(), &["init", "--force"]).status.code(),
        Some(0)
    );
    // The written file is a valid configuration.
    std::fs::write(dir.path().join("notes.md"), "## What is X?\n\nX.\n").unwrap();
    assert_eq!(
        prep(dir.path(), &["lint", "notes.md"]).status.code(),
        Some(0)
    );
}

/// A paragraph written on one line of 3,000 characters, with findings near its start, in its
/// middle and at its end.
fn long_line() -> String {
    let filler = "The service keeps each record close to the caller. ";
    format!(
        "## How did the rollout go?\n\nIt was robust. {}Rollout went seamlessly. {}We moved at scale.\n",
        filler.repeat(28),
        filler.repeat(28)
    )
}

/// The full format used to print the whole line under every finding on it (a 9.6 KB line with 451
/// findings wrote 8.7 MB). A long line is cut to a window around the finding's span, with `…`
/// where it was cut; the label still sits under the span and the header gives its true column.
#[test]
fn full_format_shows_a_window_of_a_long_line() {
    let page = long_line();
    let dir = dir_with(&[("notes.md", page.as_str())]);
    let out = stdout(&prep(dir.path(), &["lint", "--exit-zero", "notes.md"]));
    insta::assert_snapshot!(out);
    // Each header's `line:column` is the concise format's (ASCII text: bytes and characters agree).
    let concise = stdout(&prep(
        dir.path(),
        &["lint", "--exit-zero", "--format", "concise", "notes.md"],
    ));
    for line in concise.lines() {
        let place = line.split(": ").next().unwrap();
        assert!(out.contains(&format!("[{place}]")), "{place}\n{out}");
    }
    assert!(out.len() < 4_000, "{} bytes", out.len());
}
