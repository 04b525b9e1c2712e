//! Helpers for tests on both sides of the library's API: the unit tests inside the crate and the
//! integration tests in `tests/it` (which include this file as `common::shared`). Property-test
//! settings, the fixtures outside `src/`, and miette's report rendered for snapshots. Compiled for
//! tests only; it names nothing of the crate (`crate::` means another crate on each side).

use std::path::PathBuf;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};
use proptest::test_runner::Config as ProptestConfig;

/// `cases` per property, unless `PROPTEST_CASES` asks for a deeper run. Failures are not written to
/// a regressions file: a failing case prints its input.
pub fn proptest_config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The repository's root, where `tests/fixtures/` is.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/seeds`, or `None` with a message saying the test is skipped.
pub fn seeds_or_skip(test: &str) -> Option<PathBuf> {
    let seeds = repo().join("../shared/seeds");
    if seeds.join("gold.json").is_file() {
        Some(seeds)
    } else {
        eprintln!("SKIPPED {test}: ../shared/seeds/gold.json not found (it exists in CI)");
        None
    }
}

/// `diagnostic` as miette's graphical report with the unicode theme, no colour, 80 columns: stable
/// across terminals, for snapshots.
pub fn render_diagnostic(diagnostic: &dyn Diagnostic) -> String {
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(80)
        .render_report(&mut out, diagnostic)
        .unwrap();
    out
}
