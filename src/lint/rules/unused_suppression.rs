//! `unused-suppression`: a suppression that silenced nothing. Reported by the engine (see
//! `crate::lint::lint_with`), not by looking at a card; it is a rule so it can be configured.

use crate::lint::{Finding, Prose, Rule, RuleDoc};
use crate::model::{Card, Severity};

pub struct UnusedSuppression;

impl Rule for UnusedSuppression {
    fn id(&self) -> &'static str {
        "unused-suppression"
    }

    fn default_level(&self) -> Severity {
        Severity::Warning
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags a suppression that silenced nothing: a `[[suppress]]` entry in lints.toml or a `<!-- prep-ignore … -->` comment whose rule no longer fires there.",
            why: "Suppressions outlive the text they were written for; a stale one would silently hide the next real finding at that place.",
            bad: "<!-- prep-ignore unsupported-metric -->\nLatency fell from 800 ms to 120 ms, measured over a week.",
            good: "Latency fell from 800 ms to 120 ms, measured over a week.",
            cases: &[],
        }
    }

    fn check(&self, _card: &Card, _prose: &Prose, _out: &mut Vec<Finding>) {}
}
