//! `prep dedup`'s formats, each an [`Emitter`] of a [`DedupReport`].

pub(crate) mod json;
pub(crate) mod text;

use std::io::Write;

use crate::dedup::merge::Dedup;
use crate::model::Card;
use crate::report::Emitter;

/// What `prep dedup` reports: the clusters and near misses found among `cards`.
pub struct DedupReport<'a> {
    /// The cards the detection ran over, in the order it was given them.
    pub cards: &'a [Card],
    /// What [`dedup`](crate::dedup()) found among them.
    pub dedup: &'a Dedup,
}

/// Clusters with their reasons, near misses and a summary.
pub struct Text;
/// `{"clusters": [...], "related": [...], "cards_in": N, "cards_out": N}`.
pub struct Json;

impl Emitter<DedupReport<'_>> for Text {
    fn emit(&self, report: &DedupReport<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        text::write(out, report.cards, report.dedup)
    }
}

impl Emitter<DedupReport<'_>> for Json {
    fn emit(&self, report: &DedupReport<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        json::write(out, report.cards, report.dedup)
    }
}
