//! `prep dedup --format json`: `{"clusters": [...], "related": [...], "cards_in": N, "cards_out": N}`.
//!
//! Card ids are those of `prep parse --format json`. `members` includes the canonical card, first;
//! `similarity[i]` is member i's score against the canonical (1 for the canonical itself).

use std::io::Write;

use serde::Serialize;

use crate::dedup::merge::Dedup;
use crate::model::{Card, CardId};

#[derive(Serialize)]
struct Output<'a> {
    clusters: Vec<ClusterOut<'a>>,
    related: Vec<RelatedOut<'a>>,
    cards_in: usize,
    cards_out: usize,
}

#[derive(Serialize)]
struct ClusterOut<'a> {
    canonical: &'a CardId,
    reason: &'static str,
    members: Vec<&'a CardId>,
    similarity: Vec<f64>,
    also_asked_as: Vec<&'a str>,
    shared: Vec<Vec<String>>,
    differing: Vec<[Vec<String>; 2]>,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    cards: [&'a CardId; 2],
    similarity: f64,
    shared: &'a [String],
    differing: [&'a [String]; 2],
    why_not: &'a str,
}

/// Three decimals: enough to tune a threshold, stable across platforms.
fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

pub fn write(out: &mut dyn Write, cards: &[Card], result: &Dedup) -> std::io::Result<()> {
    let clusters = sorted_merges(cards, result)
        .into_iter()
        .map(|merge| {
            let canonical = &cards[merge.canonical];
            let members: Vec<usize> = merge.members.iter().map(|m| m.card).collect();
            let also_asked_as = result.also_asked_as(cards, merge.canonical, &members);
            ClusterOut {
                canonical: &canonical.id,
                reason: result.keep.describe(),
                members: std::iter::once(&canonical.id)
                    .chain(merge.members.iter().map(|m| &cards[m.card].id))
                    .collect(),
                similarity: std::iter::once(1.0)
                    .chain(merge.members.iter().map(|m| round(m.score)))
                    .collect(),
                also_asked_as,
                shared: merge.members.iter().map(|m| m.shared.clone()).collect(),
                differing: merge
                    .members
                    .iter()
                    .map(|m| [m.only_canonical.clone(), m.only_member.clone()])
                    .collect(),
            }
        })
        .collect();
    let related = result
        .near_misses
        .iter()
        .map(|n| RelatedOut {
            cards: [&cards[n.a].id, &cards[n.b].id],
            similarity: round(n.score),
            shared: &n.shared,
            differing: [&n.only_a, &n.only_b],
            why_not: &n.why_not,
        })
        .collect();
    let output = Output {
        clusters,
        related,
        cards_in: cards.len(),
        cards_out: result.cards_out(),
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}

/// Merges in source order of their canonical cards.
pub fn sorted_merges<'a>(cards: &[Card], result: &'a Dedup) -> Vec<&'a crate::dedup::merge::Merge> {
    let mut merges: Vec<_> = result.merges.iter().collect();
    merges.sort_by(|a, b| {
        let (x, y) = (&cards[a.canonical].source, &cards[b.canonical].source);
        (&x.file, x.offset).cmp(&(&y.file, y.offset))
    });
    merges
}
