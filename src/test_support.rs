//! Helpers for the unit tests that need more than one module's own code: property-test settings
//! and the fixtures outside `src/`. Compiled for tests only.

use std::path::PathBuf;

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
