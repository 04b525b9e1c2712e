//! Duplicate detection's stages timed one by one, for the scale benchmark (`benches/dedup_scale.rs`,
//! figures in BENCHMARKS.md), which reports where the time goes. [`dedup`](crate::dedup()) runs the
//! same stages and then explains what they found; nothing here is needed to find duplicates.

use std::time::{Duration, Instant};

use crate::dedup::analyze::Analyzer;
use crate::dedup::cluster::cluster;

/// How long each stage took over a set of questions, and what clustering found.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupStageTimes {
    /// Reading the questions into terms and weighting the terms.
    pub analysis: Duration,
    /// Finding the candidate pairs, judging them and clustering.
    pub clustering: Duration,
    /// The questions that remain, merged or not: one cluster each.
    pub clusters: usize,
    /// The questions merged into another.
    pub merged: usize,
    /// The pairs kept apart that score at least the floor.
    pub related: usize,
}

/// Times analysis, then candidates and clustering, over `questions`, the first the most preferred
/// to keep: merging at `threshold` and collecting near misses down to `floor` (the threshold
/// itself for none).
pub fn time_dedup_stages<'q>(
    analyzer: &Analyzer,
    questions: impl IntoIterator<Item = &'q str>,
    threshold: f64,
    floor: f64,
) -> DedupStageTimes {
    let start = Instant::now();
    let corpus = analyzer.corpus_of(questions);
    let analysis = start.elapsed();
    let start = Instant::now();
    let order: Vec<usize> = (0..corpus.len()).collect();
    let clustering = cluster(&corpus, &order, threshold, floor);
    let clustering_time = start.elapsed();
    DedupStageTimes {
        analysis,
        clustering: clustering_time,
        clusters: clustering.clusters.len(),
        merged: clustering.clusters.iter().map(|c| c.members.len()).sum(),
        related: clustering.related.len(),
    }
}
