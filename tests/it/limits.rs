//! What a hostile input or configuration can make `prep` do: output that stays linear in the input,
//! configured lists that compile in linear time however long they are, and no pattern that matches
//! everything. No timing assertions (machines differ); sizes are bounded, and a quadratic run would
//! not finish within the test harness's patience.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{prep, stderr, stdout};

/// How many times the hostile pages ask their question: the size of the page in the issue that
/// wrote gigabytes of JSON.
const REPEATS: usize = 10_000;

/// One finding with its source position, rule, message and help is about 500 bytes in JSON; a card of
/// these pages gets at most a few findings. A finding that listed every other place would be
/// 10,000 × 12 bytes on its own.
const BYTES_PER_CARD: usize = 2_000;

/// `prep args…` in `dir`, its stdout read up to `cap` bytes: `Err(cap)` when it writes more (the
/// process is then killed, so a run that would write gigabytes fails fast instead of filling the disk).
fn stdout_within(dir: &Path, args: &[&str], cap: usize) -> Result<Vec<u8>, usize> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_prep"))
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = Vec::new();
    let stdout = child.stdout.take().unwrap();
    stdout.take(cap as u64 + 1).read_to_end(&mut out).unwrap();
    if out.len() > cap {
        child.kill().unwrap();
        child.wait().unwrap();
        return Err(cap);
    }
    child.wait().unwrap();
    Ok(out)
}

fn page_of(questions: impl Iterator<Item = String>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let page: String = questions
        .map(|q| format!("## {q}\n\nBy checking every write against the ledger.\n\n"))
        .collect();
    std::fs::write(dir.path().join("a.md"), page).unwrap();
    dir
}

/// Every format's output on the page stays under [`BYTES_PER_CARD`] per card.
fn assert_output_linear(dir: &Path) {
    let cap = REPEATS * BYTES_PER_CARD;
    for format in ["full", "concise", "json", "sarif", "github"] {
        let out = stdout_within(
            dir,
            &["lint", "--exit-zero", "--format", format, "a.md"],
            cap,
        )
        .unwrap_or_else(|cap| panic!("`--format {format}` wrote more than {cap} bytes"));
        if format == "json" {
            let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
            let messages: Vec<&str> = json["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["rule"] == "duplicate-question")
                .filter_map(|d| d["message"].as_str())
                .collect();
            assert!(!messages.is_empty(), "no duplicate-question finding");
            assert!(
                messages.iter().any(|m| m.ends_with(" more places")),
                "{:?}",
                &messages[..1]
            );
        }
    }
}

#[test]
fn a_question_asked_ten_thousand_times_gives_linear_output() {
    let dir = page_of((0..REPEATS).map(|_| "How do you ensure data consistency?".to_owned()));
    assert_output_linear(dir.path());
}

#[test]
fn ten_thousand_near_identical_questions_give_linear_output() {
    // Six phrasings that fall into two clusters of thousands ("Why …" is kept apart from "How …").
    let phrasings = [
        "How do you ensure data consistency?",
        "How would you ensure data consistency?",
        "How do you guarantee data consistency?",
        "Why do you ensure data consistency?",
        "How do you ensure data consistency across services?",
        "What is data consistency?",
    ];
    let dir = page_of((0..REPEATS).map(|k| phrasings[k % phrasings.len()].to_owned()));
    assert_output_linear(dir.path());
}

/// `prep lint a.md` over a one-card page with `lints.toml` holding `config`: exit code and stderr.
fn lint_with_config(config: &str) -> (Option<i32>, String) {
    let dir = page_of(std::iter::once("How did the migration go?".to_owned()));
    std::fs::write(dir.path().join("lints.toml"), config).unwrap();
    let out = prep(dir.path(), &["lint", "a.md"]);
    (out.status.code(), stderr(&out))
}

#[test]
fn a_pattern_that_matches_everything_is_a_config_error_naming_key_and_entry() {
    let cases = [
        (
            "[rules.vague-claim]\nextend-words = ['']\n",
            "[rules.vague-claim] extend-words: the pattern `` matches the empty string",
        ),
        (
            "[rules.absolute-claim]\nwords = ['never fails', '.*']\n",
            "[rules.absolute-claim] words: the pattern `.*` matches the empty string",
        ),
        (
            "[rules.vague-claim]\nextend-words = ['\\b']\n",
            "the pattern `\\b` matches the empty string",
        ),
        (
            "[rules.vague-claim]\nextend-words = ['\\w+']\n",
            "the pattern `\\w+` matches any word",
        ),
        (
            "[existence.buzz]\npatterns = ['synergy', 'a*']\nmessage = 'x'\n",
            "[existence.buzz] patterns: the pattern `a*` matches the empty string",
        ),
        (
            "[substitution]\n'' = 'x'\n",
            "[substitution]: an empty phrase would match everywhere",
        ),
        (
            "[parse]\nextend-boilerplate = ['^sponsored', '.*']\n",
            "`.*` matches the empty string, so every line would be boilerplate",
        ),
        (
            "[parse]\nboilerplate = ['']\n",
            "`` matches the empty string, so every line would be boilerplate",
        ),
    ];
    for (config, message) in cases {
        let (code, stderr) = lint_with_config(config);
        assert_eq!(code, Some(2), "{config}\n{stderr}");
        // miette wraps long messages: compare with the line breaks and gutters taken out.
        let flat: String = stderr
            .lines()
            .map(|line| line.trim_start_matches([' ', '│', '×']).trim_end())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            flat.contains(message),
            "{config}\nwanted: {message}\n{stderr}"
        );
    }
}

#[test]
fn specific_patterns_still_pass() {
    let (code, stderr) = lint_with_config(
        "[rules.vague-claim]\nextend-words = ['\\bsynerg(y|ies)\\b', 'a']\n\
         [parse]\nextend-boilerplate = ['^sponsored\\b']\n",
    );
    assert_eq!(code, Some(0), "{stderr}");
}

/// Entries no prose holds by chance, all different: `quorvex0z`, `quorvex1z`, … (none is the start of another)
fn generated_words(count: usize) -> Vec<String> {
    (0..count).map(|k| format!("quorvex{k}z")).collect()
}

fn toml_list(words: &[String]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    format!("[{}]", quoted.join(", "))
}

/// `prep lint --exit-zero --format concise` over one card answered by `answer`, with `config` as
/// `lints.toml`: its stdout, once the run has exited 0.
fn lint_concise(config: &str, answer: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lints.toml"), config).unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        format!("## How did it go?\n\n{answer}\n"),
    )
    .unwrap();
    let out = prep(
        dir.path(),
        &["lint", "--exit-zero", "--format", "concise", "a.md"],
    );
    let stdout = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", stderr(&out));
    stdout
}

/// 20,000 entries in `extend-words` and in a user rule. Before: one regex over the list, which
/// exceeded the regex size limit (exit 2), and 10,000 entries took 10.7 s to lint `source/` (28 KB)
/// in a release build. Measured after, in a debug build over `source/`: 20,000 plain words 1.4 s,
/// 20,000 `\bword\b` entries 1.4 s, 40,000 plain words 2.4 s (linear). No timing assertion; the test asserts that the run finishes and the
/// lists work.
#[test]
fn twenty_thousand_configured_words_compile_and_match() {
    let words = generated_words(20_000);
    let config = format!(
        "[rules.vague-claim]\nextend-words = {list}\n\n\
         [existence.generated]\npatterns = {list}\nmessage = '`{{phrase}}` is generated'\n",
        list = toml_list(&words)
    );
    let stdout = lint_concise(&config, "The quorvex19999z path was robust; QUORVEX7Z too.");
    for expected in [
        "[vague-claim] `quorvex19999z` is a vague claim",
        "[vague-claim] `robust` is a vague claim",
        "[vague-claim] `QUORVEX7Z` is a vague claim",
        "[generated] `quorvex19999z` is generated",
        "[generated] `QUORVEX7Z` is generated",
    ] {
        assert!(stdout.contains(expected), "{expected}\n{stdout}");
    }
}

/// One finding in any format, with its position, rule, message, help and a window of its line,
/// stays under this many bytes.
const BYTES_PER_FINDING: usize = 2_000;

/// A paragraph of 9.6 KB on one line with hundreds of findings. The full format printed the whole
/// line again for every finding on it: 8.7 MB for this page. Every format now stays under
/// [`BYTES_PER_FINDING`] per finding.
#[test]
fn a_long_line_with_hundreds_of_findings_gives_linear_output() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "It is a very robust and extremely fast layer that always works. ";
    let page = format!("## What is a cache?\n\n{}\n", sentence.repeat(150));
    std::fs::write(dir.path().join("a.md"), &page).unwrap();
    let json = stdout_within(
        dir.path(),
        &["lint", "--exit-zero", "--format", "json", "a.md"],
        10 << 20,
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let findings = json["diagnostics"].as_array().unwrap().len();
    assert!(findings >= 300, "{findings} findings");
    let cap = findings * BYTES_PER_FINDING;
    for format in ["full", "concise", "json", "sarif", "github"] {
        stdout_within(
            dir.path(),
            &["lint", "--exit-zero", "--format", format, "a.md"],
            cap,
        )
        .unwrap_or_else(|cap| {
            panic!("`--format {format}` wrote more than {cap} bytes for {findings} findings")
        });
    }
}

/// A bad pattern in the middle of a 100 KB line of `lints.toml`: the error printed the whole line.
/// It shows a window of the line around the pattern.
#[test]
fn a_config_error_on_a_very_long_line_prints_a_window_of_it() {
    let mut words = generated_words(10_000);
    words.insert(5_000, "(unclosed".to_owned());
    let (code, stderr) = lint_with_config(&format!(
        "[parse]\nextend-boilerplate = {}\n",
        toml_list(&words)
    ));
    assert_eq!(code, Some(2), "{}", &stderr[..stderr.len().min(2_000)]);
    assert!(stderr.len() < 3_000, "{} bytes of stderr", stderr.len());
    assert!(stderr.contains("'(unclosed'"), "{stderr}");
}

/// A finding past column 65,535 of a line: miette cannot pad a label that far and panicked (exit
/// 101) when given the whole line. In the window it sits within a few hundred columns.
#[test]
fn a_finding_far_along_a_long_line_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let filler = "The service keeps each record close to the caller. ".repeat(1_400);
    let page = format!("## How did it go?\n\n{filler}It was robust.\n");
    std::fs::write(dir.path().join("a.md"), &page).unwrap();
    let out = prep(dir.path(), &["lint", "--exit-zero", "a.md"]);
    let stdout = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout.contains("[a.md:3:71408]"), "{stdout}");
    assert!(stdout.len() < 3_000, "{} bytes", stdout.len());
}

/// 20,000 product names in term-spelling's `extend-words`. The rule's one regex over every name
/// (and two slip patterns per long name) exceeded the regex size limit at about 2,000 names: a
/// config error, exit 2. Names are now found by one automaton over the text's words, and slips
/// through an index of each name with one letter left out.
#[test]
fn twenty_thousand_term_spelling_names_compile_and_match() {
    let names: Vec<String> = (0..20_000).map(|k| format!("Quorvex{k}Db")).collect();
    let config = format!(
        "[rules.term-spelling]\nextend-words = {}\n",
        toml_list(&names)
    );
    let stdout = lint_concise(
        &config,
        "We kept it in quorvex19999db, then Quorvex7-Db and Quorvx19998Db, \
         with Quorvex123Db as it is, on kubernetes.",
    );
    let found: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("[term-spelling]"))
        .map(|l| l.split("] ").nth(1).unwrap_or(l))
        .collect();
    assert_eq!(
        found,
        [
            "`quorvex19999db` is spelled `Quorvex19999Db`",
            "`Quorvex7-Db` is spelled `Quorvex7Db`",
            "`Quorvx19998Db` looks like a misspelling of `Quorvex19998Db`",
            "`kubernetes` is spelled `Kubernetes`",
        ],
        "{stdout}"
    );
}
