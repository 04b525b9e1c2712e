//! `prep lint` as SARIF 2.1.0 and as GitHub Actions workflow commands, through the renderers.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use prep::model::Severity;
use prep::report::Emitter;
use prep::report::lint::{Github, LintReport, Sarif};
use prep::{Diagnostic, Levels, ParseContext, ParseRun, RuleInfo, default_levels, lint};
use prep::{lint_rules, parse_paths};
use serde_json::Value;

const NOTES: &str = "## How did the migration go?\n\nIt was a huge success: p99 latency dropped by 40%.\n\n## What is a view?\n\n";

/// Parses `text` as `notes.md` in a fresh directory and lints it with `levels`.
fn linted(text: &str, levels: &Levels) -> (tempfile::TempDir, ParseRun, Vec<Diagnostic>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    std::fs::write(&path, text).unwrap();
    let run = parse_paths(&[path], &ParseContext::default());
    assert!(run.problems.is_empty(), "{:?}", run.problems);
    let diagnostics = lint(run.cards(), levels);
    (dir, run, diagnostics)
}

/// A run that read only `texts` (file → text), for diagnostics made by hand.
fn run_of(texts: &BTreeMap<String, Arc<str>>) -> ParseRun {
    let mut run = ParseRun::default();
    run.texts = texts.clone();
    run
}

/// `emitter`'s report of `diagnostics` over `run`.
fn emitted(
    emitter: &dyn for<'a> Emitter<LintReport<'a>>,
    diagnostics: &[Diagnostic],
    run: &ParseRun,
) -> Vec<u8> {
    let mut out = Vec::new();
    emitter
        .emit(&LintReport { diagnostics, run }, &mut out)
        .unwrap();
    out
}

fn sarif(diagnostics: &[Diagnostic], texts: &BTreeMap<String, Arc<str>>) -> Value {
    serde_json::from_slice(&emitted(&Sarif, diagnostics, &run_of(texts))).unwrap()
}

fn github(diagnostics: &[Diagnostic], texts: &BTreeMap<String, Arc<str>>) -> String {
    String::from_utf8(emitted(&Github, diagnostics, &run_of(texts))).unwrap()
}

/// The workflow-command escaping of a property value, restated from the Actions toolkit.
fn property(value: &str) -> String {
    value
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace(':', "%3A")
        .replace(',', "%2C")
}

fn rule_ids(diagnostics: &[Diagnostic]) -> Vec<&str> {
    diagnostics.iter().map(|d| d.rule).collect()
}

#[test]
fn sarif_has_the_required_structure_and_every_rule() {
    let (_dir, run, diagnostics) = linted(NOTES, &default_levels());
    let log = sarif(&diagnostics, &run.texts);

    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "prep");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    if let Some(uri) = driver.get("informationUri") {
        assert!(uri.as_str().unwrap().starts_with("http"), "{uri}");
    }
    assert_eq!(runs[0]["columnKind"], "unicodeCodePoints");

    // Every registered rule, in registry order, fully described.
    let rules = driver["rules"].as_array().unwrap();
    let registered: Vec<RuleInfo> = lint_rules().collect();
    assert_eq!(rules.len(), registered.len());
    for (descriptor, rule) in rules.iter().zip(&registered) {
        assert_eq!(descriptor["id"], rule.id);
        let name = descriptor["name"].as_str().unwrap();
        assert!(
            name.chars().next().unwrap().is_ascii_uppercase()
                && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "{name}"
        );
        assert_eq!(name.to_lowercase(), rule.id.replace('-', ""));
        let doc = rule.doc;
        assert_eq!(descriptor["shortDescription"]["text"], doc.summary);
        assert_eq!(descriptor["fullDescription"]["text"], doc.why);
        let help = descriptor["help"]["text"].as_str().unwrap();
        assert!(help.contains(doc.bad.lines().next().unwrap()), "{help}");
        assert!(help.contains(doc.good.lines().next().unwrap()), "{help}");
        assert!(descriptor["help"]["markdown"].is_string());
        let expected = match rule.default_level {
            Severity::Info => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        assert_eq!(descriptor["defaultConfiguration"]["level"], expected);
    }
    let missing = registered.iter().position(|r| r.id == "missing-answer");
    assert_eq!(rules[missing.unwrap()]["name"], "MissingAnswer");

    // Every result names a registered rule, and its index points at that rule.
    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    for (result, d) in results.iter().zip(&diagnostics) {
        assert!(result["message"]["text"].is_string());
        assert_eq!(result["message"]["text"], d.message.as_str());
        assert_eq!(result["properties"]["help"], d.help.as_str());
        assert_eq!(result["properties"]["card"], d.card.as_str());
        assert_eq!(result["ruleId"], d.rule);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert!(location["artifactLocation"]["uri"].is_string());
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn sarif_results_locate_the_flagged_text() {
    let (_dir, run, diagnostics) = linted(NOTES, &default_levels());
    assert_eq!(
        rule_ids(&diagnostics),
        ["vague-claim", "unsupported-metric", "missing-answer"]
    );
    let log = sarif(&diagnostics, &run.texts);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let file = &diagnostics[0].file;
    let text = &run.texts[file];

    // (rule, level, flagged text, line, first column, last column)
    let expected = [
        ("vague-claim", "warning", "huge success", 3, 10, 21),
        ("unsupported-metric", "warning", "40%", 3, 47, 49),
        ("missing-answer", "error", "What is a view?", 5, 4, 18),
    ];
    for (result, (rule, level, flagged, line, first, last)) in results.iter().zip(expected) {
        assert_eq!(result["ruleId"], rule);
        assert_eq!(result["level"], level);
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.ends_with("/notes.md"), "{uri}");
        assert!(!uri.contains('\\'), "{uri}");
        if cfg!(unix) {
            assert_eq!(uri, format!("file://{file}"));
        }
        let region = &location["region"];
        assert_eq!(region["startLine"], line);
        assert_eq!(region["endLine"], line);
        assert_eq!(region["startColumn"], first);
        // SARIF's endColumn is one past the last character.
        assert_eq!(region["endColumn"], last + 1);
        assert_eq!(region["byteOffset"], text.find(flagged).unwrap());
        assert_eq!(region["byteLength"], flagged.len());
        assert!(region.get("charOffset").is_none());
    }

    // Fingerprints: prep's own key, unique per result, `card:rule:…`.
    let prints: BTreeSet<&str> = results
        .iter()
        .zip(&diagnostics)
        .map(|(result, d)| {
            let print = result["partialFingerprints"]["prep/v1"].as_str().unwrap();
            assert!(
                print.starts_with(&format!("{}:{}:", d.card, d.rule)),
                "{print}"
            );
            print
        })
        .collect();
    assert_eq!(prints.len(), results.len());
}

#[test]
fn sarif_fingerprints_survive_edits_elsewhere_in_the_card() {
    let fingerprints = |text: &str| {
        let (_dir, run, diagnostics) = linted(text, &default_levels());
        let log = sarif(&diagnostics, &run.texts);
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&diagnostics)
            .map(|(result, d)| {
                let print = result["partialFingerprints"]["prep/v1"].as_str().unwrap();
                (d.message.clone(), print.to_owned())
            })
            .collect::<Vec<_>>()
    };
    let huge = "`huge success` is a vague claim";
    let before = fingerprints("## How did it go?\n\nIt was a huge success.\n");
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].0, huge);
    // Another finding of the same rule before it, and a repeat of it after it.
    let after = fingerprints(
        "## How did it go?\n\nIt scaled seamlessly.\n\nIt was a huge success.\n\nAgain, a Huge success.\n",
    );
    let huge_prints: Vec<&str> = after
        .iter()
        .filter(|(message, _)| message.to_lowercase() == huge)
        .map(|(_, print)| print.as_str())
        .collect();
    assert_eq!(after.len(), 3, "{after:?}");
    assert_eq!(huge_prints.len(), 2, "{after:?}");
    assert_eq!(huge_prints[0], before[0].1);
    assert_eq!(
        huge_prints[1],
        format!("{}:2", before[0].1.strip_suffix(":1").unwrap()),
        "a repeat of the same text is numbered"
    );
}

#[test]
fn sarif_maps_levels_counts_characters_and_is_deterministic() {
    let mut levels = default_levels();
    levels.insert("vague-claim", Some(Severity::Info));
    // Non-ASCII before the flagged text: columns count characters, byte offsets count bytes.
    let text = "## Wie lief’s?\n\nDer Umzug – „ein voller Erfolg“ – was a huge success.\n";
    let (_dir, run, diagnostics) = linted(text, &levels);
    assert_eq!(rule_ids(&diagnostics), ["vague-claim"]);
    let log = sarif(&diagnostics, &run.texts);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["level"], "note");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    let line = text.lines().nth(2).unwrap();
    let column = line[..line.find("huge").unwrap()].chars().count() + 1;
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["startColumn"], column);
    assert_eq!(region["endColumn"], column + "huge success".len());
    assert_eq!(region["byteOffset"], text.find("huge").unwrap());
    assert_ne!(region["byteOffset"], region["startColumn"]);

    let render = || emitted(&Sarif, &diagnostics, &run);
    assert_eq!(render(), render());
}

#[test]
fn sarif_keeps_relative_paths_relative() {
    let text = "## Q?\n\nA huge success.\n";
    let diagnostic = Diagnostic {
        rule: "vague-claim",
        level: Severity::Warning,
        message: "`huge success` is a vague claim".to_owned(),
        help: "say what changed".to_owned(),
        file: "docs/week 1/notes.md".to_owned(),
        offset: text.find("huge").unwrap(),
        length: "huge success".len(),
        card: "0123456789abcdef".to_owned(),
    };
    let texts = BTreeMap::from([(diagnostic.file.clone(), Arc::from(text))]);
    let log = sarif(std::slice::from_ref(&diagnostic), &texts);
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "docs/week%201/notes.md"
    );
    assert_eq!(location["region"]["startLine"], 3);
    assert_eq!(location["region"]["startColumn"], 3);
    assert_eq!(location["region"]["endColumn"], 15);
}

#[test]
fn github_prints_one_workflow_command_per_finding() {
    let (_dir, run, diagnostics) = linted(NOTES, &default_levels());
    let file = property(&diagnostics[0].file);
    assert_eq!(
        github(&diagnostics, &run.texts),
        format!(
            "::warning file={file},line=3,col=10,endLine=3,endColumn=21,title=vague-claim::`huge success` is a vague claim\n\
             ::warning file={file},line=3,col=47,endLine=3,endColumn=49,title=unsupported-metric::`40%25` states an outcome without a baseline\n\
             ::error file={file},line=5,col=4,endLine=5,endColumn=18,title=missing-answer::the question has no answer\n"
        )
    );

    let mut levels = default_levels();
    levels.insert("vague-claim", Some(Severity::Info));
    let (_dir, run, diagnostics) = linted(NOTES, &levels);
    let lines = github(&diagnostics, &run.texts);
    assert!(
        lines.starts_with(&format!(
            "::notice file={},line=3,col=10,",
            property(&diagnostics[0].file)
        )),
        "{lines}"
    );
}

#[test]
fn github_escapes_messages_and_properties() {
    let text = "## Q?\n\nLatency fell by 40%, from 1:00 to 0:30.\n";
    let diagnostic = Diagnostic {
        rule: "unsupported-metric",
        level: Severity::Error,
        message: "`40%` fell, from 1:00\r\nto 0:30".to_owned(),
        help: String::new(),
        file: "in,put:1%.md".to_owned(),
        offset: text.find("40%").unwrap(),
        length: 3,
        card: "0123456789abcdef".to_owned(),
    };
    let texts = BTreeMap::from([(diagnostic.file.clone(), Arc::from(text))]);
    assert_eq!(
        github(std::slice::from_ref(&diagnostic), &texts),
        "::error file=in%2Cput%3A1%25.md,line=3,col=17,endLine=3,endColumn=19,title=unsupported-metric::`40%25` fell, from 1:00%0D%0Ato 0:30\n"
    );

    // A file whose text is unknown gets a file-level annotation.
    let lines = github(std::slice::from_ref(&diagnostic), &BTreeMap::new());
    assert_eq!(
        lines,
        "::error file=in%2Cput%3A1%25.md,title=unsupported-metric::`40%25` fell, from 1:00%0D%0Ato 0:30\n"
    );
    let log = sarif(std::slice::from_ref(&diagnostic), &BTreeMap::new());
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert!(location.get("region").is_none());
    assert_eq!(location["artifactLocation"]["uri"], "in,put%3A1%25.md");
}
