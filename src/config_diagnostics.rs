//! Snapshots of how mistakes in `lints.toml` are shown: miette's graphical report with the unicode
//! theme, no colour, 80 columns, so they are stable across terminals. Input problems are
//! snapshotted the same way in `tests/it/diagnostics.rs`; configuration is not part of the
//! library's API, so its problems are snapshotted here.

use crate::test_support::render_diagnostic as render;

#[test]
fn unknown_config_key_points_at_the_key() {
    let text = "# prep configuration\n[parse]\nextend-boilerplate = ['^sponsored']\nextend-imperative = ['recount']\n";
    let err = crate::config::parse("lints.toml", text).unwrap_err();
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
    let err = crate::config::parse("lints.toml", &text).unwrap_err();
    let rendered = render(&*err);
    assert!(rendered.len() < 2_000, "{} bytes", rendered.len());
    insta::assert_snapshot!(rendered);
}
