//! `absolute-claim`: guarantees nobody can keep ("zero downtime", "never lost", "100% secure").

use crate::lint::rules::{PHRASES, configured_phrases};
use crate::lint::{Finding, Level, Prose, Rule, RuleDoc, RuleOptions};
use crate::model::Card;

pub struct AbsoluteClaim {
    /// The configured patterns; `None`: the built-in ones.
    pub phrases: Option<crate::lint::rules::Phrases>,
}

impl AbsoluteClaim {
    fn phrases(&self) -> Option<&crate::lint::rules::Phrases> {
        self.phrases.as_ref().or_else(|| PHRASES.get(self.id()))
    }
}

impl Rule for AbsoluteClaim {
    fn id(&self) -> &'static str {
        "absolute-claim"
    }

    fn default_level(&self) -> Level {
        Level::Warn
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags guarantees no system keeps: \"zero downtime\", \"never lost\", \"always available\", \"100% secure\", \"every query\".",
            why: "Every experienced interviewer knows systems fail; an absolute claim invites the follow-up \"what happens when it does?\" and costs credibility. State the measured figure and the failure you designed for.",
            bad: "The two-phase commit ensured that data was never lost and we had zero downtime.",
            good: "In 18 months we lost no acknowledged writes; the one failover took 40 seconds, inside our 5-minute recovery objective.",
            cases: &[],
        }
    }

    fn configure(&self, options: &RuleOptions) -> Result<Box<dyn Rule>, String> {
        options.only(self.id(), &["words", "extend-words"])?;
        Ok(Box::new(AbsoluteClaim {
            phrases: Some(configured_phrases(self.id(), options)?),
        }))
    }

    fn trigger(&self) -> Option<String> {
        self.phrases().map(|phrases| phrases.trigger())
    }

    fn check(&self, _card: &Card, prose: &Prose, out: &mut Vec<Finding>) {
        if let Some(phrases) = self.phrases() {
            phrases.find(prose, out, |phrase| {
                (
                    format!("`{phrase}` is an absolute claim"),
                    "state what was measured and over which period, and what happens when it fails"
                        .to_owned(),
                )
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::flagged;

    #[test]
    fn flags_guarantees() {
        assert_eq!(
            flagged(
                &AbsoluteClaim { phrases: None },
                "We had almost zero downtime."
            ),
            ["zero downtime"]
        );
        assert_eq!(
            flagged(
                &AbsoluteClaim { phrases: None },
                "Data was never lost, duplicated, or corrupted."
            ),
            ["never lost"]
        );
        assert_eq!(
            flagged(&AbsoluteClaim { phrases: None }, "It is 100% secure."),
            ["100% secure"]
        );
        assert_eq!(
            flagged(
                &AbsoluteClaim { phrases: None },
                "We saw a zero data breach rate."
            ),
            ["zero data breach rate"]
        );
        assert_eq!(
            flagged(
                &AbsoluteClaim { phrases: None },
                "Every query hits the cache."
            ),
            ["Every query hits"]
        );
    }

    #[test]
    fn spares_advice_and_schedules() {
        assert!(
            flagged(
                &AbsoluteClaim { phrases: None },
                "Never store passwords in plain text; always use TLS."
            )
            .is_empty()
        );
        assert!(
            flagged(
                &AbsoluteClaim { phrases: None },
                "The probe runs every 15 seconds on a zero-based index."
            )
            .is_empty()
        );
        for text in [
            "Assume every message will arrive at least twice.",
            "A short lock_timeout fails fast instead of queueing every query behind it.",
        ] {
            assert!(
                flagged(&AbsoluteClaim { phrases: None }, text).is_empty(),
                "{text}"
            );
        }
    }
}
