//! Finding repeated questions: analysis into terms, weighted similarity, candidate pairs, clusters.
//!
//! Data flows `analyze` → `similarity` (a corpus of weighted terms) → `candidates` (pairs worth
//! scoring) → `cluster` (canonical questions and their members).

pub mod analyze;
pub mod candidates;
pub mod cluster;
pub mod merge;
pub mod settings;
pub mod similarity;
pub mod stages;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod quality;

/// The similarity at which two questions are merged, unless `lints.toml` or `--threshold` says
/// otherwise. Chosen on the seed pages (precision 1.0, recall 1.0 there) and checked on our own
/// fixtures in four other subjects (`quality.rs`).
pub const DEFAULT_THRESHOLD: f64 = 0.65;

/// Pairs within this distance under the threshold are reported as "related, not merged".
pub const RELATED_MARGIN: f64 = 0.15;

/// At most this many related pairs per question are reported, its closest.
pub const NEAR_MISSES_PER_QUESTION: usize = 3;
