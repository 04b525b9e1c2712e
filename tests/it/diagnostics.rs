//! Snapshots of how input and configuration problems are shown: miette's graphical report with the
//! unicode theme, no colour, 80 columns, so they are stable across terminals.

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};
use prep::source::{ParseContext, SourceKind, parse_bytes, parse_paths};

fn render(diagnostic: &dyn Diagnostic) -> String {
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(80)
        .render_report(&mut out, diagnostic)
        .unwrap();
    out
}

/// Parses files written to a temporary directory and renders every problem, with the directory
/// replaced by `[DIR]`.
fn problems_for(files: &[(&str, &[u8])]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<_> = files
        .iter()
        .map(|(name, bytes)| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .chain([dir.path().join("missing.txt")])
        .collect();
    let run = parse_paths(&paths, &ParseContext::default());
    let rendered: Vec<String> = run.problems.iter().map(|p| render(p)).collect();
    rendered
        .join("\n")
        .replace(&dir.path().display().to_string(), "[DIR]")
}

#[test]
fn invalid_utf8_points_at_the_byte() {
    let mut bytes = "Q: Ça va?\nA: Oui, très bien — merci\n".as_bytes().to_vec();
    bytes.splice(25..25, [0xff, 0xfe]);
    let problem = parse_bytes(
        "notes.txt",
        SourceKind::PlainText,
        bytes,
        &ParseContext::default(),
    )
    .unwrap_err();
    insta::assert_snapshot!(render(&problem));
}

#[test]
fn warnings_and_io_errors() {
    insta::assert_snapshot!(problems_for(&[
        ("empty.txt", b""),
        ("binary.txt", b"GIF89a\0\0"),
        ("essay.md", b"# An essay\n\nNo questions, only prose.\n"),
    ]));
}

#[test]
fn unknown_config_key_points_at_the_key() {
    let text = "# prep configuration\n[parse]\nextend-boilerplate = ['^sponsored']\nextend-imperative = ['recount']\n";
    let err = prep::config::parse("lints.toml", text).unwrap_err();
    insta::assert_snapshot!(render(&*err));
}

/// A mistake at the end of a 60 KB line of `lints.toml` (a long word list on one line): the report
/// shows a window of the line around it, not the whole line.
#[test]
fn a_config_error_on_a_long_line_shows_a_window_of_it() {
    let words: Vec<String> = (0..6_000).map(|k| format!("'w{k}'")).collect();
    let text = format!(
        "[rules.vague-claim]\nextend-words = [{}, oops]\n",
        words.join(", ")
    );
    let err = prep::config::parse("lints.toml", &text).unwrap_err();
    let rendered = render(&*err);
    assert!(rendered.len() < 2_000, "{} bytes", rendered.len());
    insta::assert_snapshot!(rendered);
}
