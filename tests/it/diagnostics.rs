//! Snapshots of how input problems are shown: miette's graphical report with the unicode theme, no
//! colour, 80 columns, so they are stable across terminals. (Configuration problems are snapshotted
//! next to the code that reads `lints.toml`, in `src/config_diagnostics.rs`.)

use crate::common::render_diagnostic as render;
use prep::{ParseContext, SourceKind, parse_bytes, parse_paths};

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
