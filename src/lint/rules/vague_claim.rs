//! `vague-claim`: puffery, empty intensifiers, vague attribution and vague magnitudes.

use crate::lint::rules::{PHRASES, configured_phrases};
use crate::lint::{Finding, Level, Prose, Rule, RuleDoc, RuleOptions};
use crate::model::Card;

pub struct VagueClaim {
    /// The configured patterns; `None`: the built-in ones.
    pub phrases: Option<crate::lint::rules::Phrases>,
}

impl VagueClaim {
    fn phrases(&self) -> Option<&crate::lint::rules::Phrases> {
        self.phrases.as_ref().or_else(|| PHRASES.get(self.id()))
    }
}

impl Rule for VagueClaim {
    fn id(&self) -> &'static str {
        "vague-claim"
    }

    fn default_level(&self) -> Level {
        Level::Warn
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags puffery and empty intensifiers (\"robust\", \"seamlessly\", \"greatly\", \"huge success\"), vague attribution (\"experts agree\") and vague magnitudes (\"at scale\", \"a lot\").",
            why: "Interviewers discount words that cost nothing to say. A study card full of them trains you to answer without substance; a concrete mechanism or number is what they remember.",
            bad: "The migration was a huge success and the system scaled seamlessly.",
            good: "After the migration the nightly job finished in 40 minutes instead of 3 hours, and the extra shards took the December peak without paging anyone.",
            cases: &[],
        }
    }

    fn configure(&self, options: &RuleOptions) -> Result<Box<dyn Rule>, String> {
        options.only(self.id(), &["words", "extend-words"])?;
        Ok(Box::new(VagueClaim {
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
                    format!("`{phrase}` is a vague claim"),
                    "say what was done and what changed, with a number or a concrete example, or drop the word".to_owned(),
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
    fn flags_puffery_attribution_and_magnitudes() {
        assert_eq!(
            flagged(&VagueClaim { phrases: None }, "It was a huge success."),
            ["huge success"]
        );
        assert_eq!(
            flagged(
                &VagueClaim { phrases: None },
                "It scaled seamlessly and greatly reduced toil."
            ),
            ["seamlessly", "greatly"]
        );
        assert_eq!(
            flagged(
                &VagueClaim { phrases: None },
                "Experts agree it is industry-leading."
            ),
            ["Experts agree", "industry-leading"]
        );
        assert_eq!(
            flagged(
                &VagueClaim { phrases: None },
                "We run it at scale and it saves a lot of time."
            ),
            ["at scale", "a lot of"]
        );
        assert_eq!(
            flagged(
                &VagueClaim { phrases: None },
                "This significantly reduced potential attack vectors."
            ),
            ["significantly"]
        );
    }

    #[test]
    fn spares_technical_terms_and_code() {
        assert!(
            flagged(
                &VagueClaim { phrases: None },
                "The result was statistically significant (p < 0.01)."
            )
            .is_empty()
        );
        assert!(
            flagged(
                &VagueClaim { phrases: None },
                "Call `robust_mean()` here.\n\n```\nrobust = true\n```"
            )
            .is_empty()
        );
        assert!(
            flagged(
                &VagueClaim { phrases: None },
                "We added a second replica and a circuit breaker."
            )
            .is_empty()
        );
    }
}
