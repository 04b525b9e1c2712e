//! What a run's duplicate detection is set to: the analyzer (with `[dedup]`'s synonyms and
//! framing), the threshold, which card a cluster keeps and how far under the threshold a pair is
//! still a near miss. Resolved once per run from `lints.toml` and the flags (by the command line's
//! settings); this module owns only the values and running the detection with them.

use crate::dedup::analyze::Analyzer;
use crate::dedup::merge::{Dedup, Keep, dedup};
use crate::dedup::{DEFAULT_THRESHOLD, RELATED_MARGIN};
use crate::model::Card;

#[derive(Debug)]
pub struct DedupSettings {
    pub analyzer: Analyzer,
    /// Similarity from 0 to 1 at which questions merge.
    pub threshold: f64,
    pub keep: Keep,
    /// Pairs scoring up to this far under the threshold are near misses.
    pub related_margin: f64,
}

impl Default for DedupSettings {
    /// The built-in lexicon and defaults: what an empty `[dedup]` section gives.
    fn default() -> Self {
        DedupSettings {
            analyzer: Analyzer::default(),
            threshold: DEFAULT_THRESHOLD,
            keep: Keep::default(),
            related_margin: RELATED_MARGIN,
        }
    }
}

impl DedupSettings {
    /// The duplicate questions among `cards`, with their near misses when `near_misses` (finding
    /// them costs time on very large inputs, so a run that shows none skips them).
    pub fn run(&self, cards: &[Card], near_misses: bool) -> Dedup {
        let margin = if near_misses {
            self.related_margin
        } else {
            0.0
        };
        dedup(cards, &self.analyzer, self.threshold, self.keep, margin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_those_of_an_empty_dedup_section() {
        let settings = DedupSettings::default();
        assert_eq!(settings.threshold, DEFAULT_THRESHOLD);
        assert_eq!(settings.keep, Keep::MostComplete);
        assert_eq!(settings.related_margin, RELATED_MARGIN);
    }
}
