//! `lints.toml` for linting: suppressions (by card id, by comment), unused suppressions, overrides by
//! path, and user rules (`[existence.<id>]`, `[substitution]`).

use std::path::Path;

use serde_json::Value;

use crate::common;

/// Each finding of [`lint_json`] as its rule and the text it flags.
fn rules_and_texts(found: &[(String, String, String)]) -> Vec<(&str, &str)> {
    found
        .iter()
        .map(|(rule, _, text)| (rule.as_str(), text.as_str()))
        .collect()
}

fn lint_json(dir: &Path, paths: &[&str]) -> (Option<i32>, Vec<(String, String, String)>, String) {
    let mut args = vec!["lint", "--format", "json"];
    args.extend(paths);
    let out = common::prep(dir, &args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let Ok(json) = serde_json::from_slice::<Value>(&out.stdout) else {
        return (out.status.code(), Vec::new(), stderr);
    };
    let found = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap().to_owned();
            let text = std::fs::read_to_string(dir.join(&file)).unwrap();
            let (o, l) = (
                d["offset"].as_u64().unwrap() as usize,
                d["length"].as_u64().unwrap() as usize,
            );
            (
                d["rule"].as_str().unwrap().to_owned(),
                file,
                text[o..o + l].to_owned(),
            )
        })
        .collect();
    (out.status.code(), found, stderr)
}

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

const NOTES: &str = "## How did it go?\n\nIt was a huge success.\n\n<!-- prep-ignore unsupported-metric -->\nLatency dropped by 40%.\n\n<!-- prep-ignore absolute-claim -->\nIt was fine.\n";

fn card_id(dir: &Path, file: &str) -> String {
    let out = common::prep(dir, &["parse", "--format", "json", file]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["cards"][0]["id"].as_str().unwrap().to_owned()
}

#[test]
fn comments_silence_the_next_block_and_unused_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("notes.md", NOTES)]);
    let (_, found, _) = lint_json(dir.path(), &["notes.md"]);
    let rules = rules_and_texts(&found);
    assert_eq!(
        rules,
        [
            ("vague-claim", "huge success"),
            ("unused-suppression", "<!-- prep-ignore absolute-claim -->")
        ]
    );
}

#[test]
fn card_suppressions_silence_and_unused_ones_point_into_lints_toml() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("notes.md", NOTES)]);
    let id = card_id(dir.path(), "notes.md");
    let config = format!(
        "[[suppress]]\ncard = \"{id}\"\nrules = [\"vague-claim\"]\nreason = \"quoted from a talk\"\n\n[[suppress]]\ncard = \"0000000000000000\"\n"
    );
    write(dir.path(), &[("lints.toml", &config)]);
    let (_, found, _) = lint_json(dir.path(), &["notes.md"]);
    assert!(!found.iter().any(|(r, ..)| r == "vague-claim"), "{found:?}");
    let unused: Vec<&(String, String, String)> = found
        .iter()
        .filter(|(r, f, _)| r == "unused-suppression" && f == "lints.toml")
        .collect();
    assert_eq!(unused.len(), 1, "{found:?}");
    assert!(unused[0].2.contains("0000000000000000"));
}

#[test]
fn overrides_set_levels_by_path() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "drafts/a.md",
                "## How did it go?\n\nIt was a huge success.\n",
            ),
            (
                "final/b.md",
                "## How did it go?\n\nIt was a huge success.\n",
            ),
            (
                "lints.toml",
                "[[overrides]]\npaths = [\"drafts/**\"]\nrules = { vague-claim = \"off\" }\n",
            ),
        ],
    );
    let (_, found, _) = lint_json(dir.path(), &["drafts", "final"]);
    let files: Vec<&str> = found
        .iter()
        .filter(|(r, ..)| r == "vague-claim")
        .map(|(_, f, _)| f.as_str())
        .collect();
    assert_eq!(files, ["final/b.md"]);

    write(
        dir.path(),
        &[(
            "lints.toml",
            "[[overrides]]\npaths = [\"drafts/**\"]\nrules = { vague-claims = \"off\" }\n",
        )],
    );
    let (code, _, stderr) = lint_json(dir.path(), &["drafts"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("unknown rule `vague-claims`") && stderr.contains("vague-claim"),
        "{stderr}"
    );
}

#[test]
fn existence_and_substitution_rules_from_lints_toml() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "notes.md",
                "## How do you work?\n\nI utilize synergy with the team in order to ship.\n",
            ),
            (
                "lints.toml",
                "[existence.buzzword]\npatterns = [\"synerg(y|ies)\"]\nmessage = \"`{phrase}` is a buzzword\"\nlevel = \"error\"\n\n[substitution]\nutilize = \"use\"\n\"in order to\" = \"to\"\n",
            ),
        ],
    );
    let (code, found, _) = lint_json(dir.path(), &["notes.md"]);
    let rules = rules_and_texts(&found);
    assert_eq!(
        rules,
        [
            ("substitution", "utilize"),
            ("buzzword", "synergy"),
            ("substitution", "in order to")
        ]
    );
    assert_eq!(code, Some(1), "the buzzword rule is an error");
}

#[test]
fn rule_options_change_limits_and_word_lists_and_wrong_options_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let answer = "We rolled it out on Clickhouse: it was a huge success and synergy grew.";
    write(
        dir.path(),
        &[
            ("notes.md", &format!("## How did it go?\n\n{answer}\n")),
            (
                "lints.toml",
                "[rules.long-answer]\nmax-words = 5\n\n[rules.term-spelling]\nextend-words = [\"ClickHouse\"]\n\n[rules.vague-claim]\nwords = ['\\bsynergy\\b']\n",
            ),
        ],
    );
    let (_, found, _) = lint_json(dir.path(), &["notes.md"]);
    let rules = rules_and_texts(&found);
    assert!(
        rules.contains(&("long-answer", "How did it go?")),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("term-spelling", "Clickhouse")),
        "{rules:?}"
    );
    assert!(rules.contains(&("vague-claim", "synergy")), "{rules:?}");
    assert!(
        !rules.contains(&("vague-claim", "huge success")),
        "`words` replaces the built-in list: {rules:?}"
    );

    write(
        dir.path(),
        &[("lints.toml", "[rules.missing-answer]\nmax-words = 5\n")],
    );
    let (code, _, stderr) = lint_json(dir.path(), &["notes.md"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("`missing-answer` takes no options"),
        "{stderr}"
    );
}

/// The `duplicate-question` findings `prep lint` reports on `notes.md` in `dir`: how many say the
/// question is asked again, and how many point at a close question kept apart.
fn duplicate_findings(dir: &Path) -> (usize, usize) {
    let out = common::prep(dir, &["lint", "--format", "json", "notes.md"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "duplicate-question")
        .map(|d| d["message"].as_str().unwrap().to_owned())
        .collect();
    let repeats = messages
        .iter()
        .filter(|m| m.contains("asked again"))
        .count();
    let near = messages
        .iter()
        .filter(|m| m.contains("is not merged"))
        .count();
    assert_eq!(repeats + near, messages.len(), "{messages:?}");
    (repeats, near)
}

#[test]
fn duplicate_question_follows_the_dedup_threshold() {
    let dir = tempfile::tempdir().unwrap();
    // These two score 0.90 against each other (the longer one adds "in distributed system design").
    let notes = "## Can you explain the CAP theorem and its implications?\n\nPick two of three.\n\n## Can you explain the CAP theorem and its implications in distributed system design?\n\nUnder partitions, choose.\n\n## What is a B-tree?\n\nA balanced tree.\n";
    write(dir.path(), &[("notes.md", notes)]);
    assert_eq!(
        duplicate_findings(dir.path()),
        (2, 0),
        "merged at the default threshold 0.65"
    );
    write(dir.path(), &[("lints.toml", "[dedup]\nthreshold = 0.95\n")]);
    assert_eq!(
        duplicate_findings(dir.path()),
        (0, 2),
        "not merged at [dedup] threshold = 0.95: each points at the other as a near miss"
    );
}

#[test]
fn duplicate_question_follows_the_dedup_synonyms_and_framing() {
    let dir = tempfile::tempdir().unwrap();
    // The same question once the user's synonym (rds = database) and framing phrase are known.
    let notes = "## In a system design round, how would you tune RDS?\n\nIndexes first.\n\n## How do you tune a database?\n\nMeasure, then index.\n";
    write(dir.path(), &[("notes.md", notes)]);
    assert_eq!(
        duplicate_findings(dir.path()).0,
        0,
        "different questions without the lexicon"
    );
    write(
        dir.path(),
        &[(
            "lints.toml",
            "[dedup]\nsynonyms = { rds = \"database\" }\nframing = [\"in a system design round, how would you\"]\n",
        )],
    );
    assert_eq!(
        duplicate_findings(dir.path()),
        (2, 0),
        "the same question with [dedup] synonyms and framing"
    );
}

/// Every command resolves the whole of `lints.toml` before it reads a source, so a mistake in a
/// lint section stops `prep parse` and `prep dedup` as it stops `prep lint`, and an export writes
/// nothing.
#[test]
fn every_command_reports_a_mistake_anywhere_in_lints_toml() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("notes.md", "## How did it go?\n\nIt was a huge success.\n"),
            ("lints.toml", "[rules.vague-claims]\nlevel = \"off\"\n"),
        ],
    );
    let commands: [&[&str]; 5] = [
        &["parse", "notes.md"],
        &["dedup", "notes.md"],
        &["lint", "notes.md"],
        &["build", "notes.md"],
        &["export", "md", "notes.md"],
    ];
    for args in commands {
        let out = common::prep(dir.path(), args);
        let stderr = common::stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}\n{stderr}");
        assert!(
            stderr.contains("unknown rule `vague-claims`") && stderr.contains("lints.toml"),
            "{args:?}\n{stderr}"
        );
    }
    assert!(!dir.path().join("out").exists(), "nothing is written");
}

/// An option is checked against the options its rule declares: a slip is shown at its line in
/// `lints.toml` with the nearest option that rule takes.
#[test]
fn an_option_a_rule_does_not_take_points_at_it_with_the_nearest_option() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("notes.md", "## How did it go?\n\nIt was a huge success.\n"),
            ("lints.toml", "[rules.enumeration]\nmax-item = 3\n"),
        ],
    );
    let (code, _, stderr) = lint_json(dir.path(), &["notes.md"]);
    assert_eq!(code, Some(2), "{stderr}");
    for wanted in [
        "has no option `max-item`",
        "[lints.toml:2:1]",
        "did you mean `max-items`?",
    ] {
        assert!(stderr.contains(wanted), "wanted {wanted}\n{stderr}");
    }
}
