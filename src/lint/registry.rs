//! Every rule, once, in alphabetical order of id. Adding a rule: its file under `rules`, one line here.

use crate::lint::rules;
use crate::lint::rules::phrase_rule::PhraseRule;
use crate::lint::{Rule, RuleDoc};
use crate::model::Severity;

pub static RULES: &[&dyn Rule] = &[
    &PhraseRule::builtin(&rules::absolute_claim::ABSOLUTE_CLAIM),
    &rules::compound_question::CompoundQuestion,
    &rules::duplicate_question::DuplicateQuestion,
    &rules::enumeration::Enumeration {
        max_items: rules::enumeration::MAX_ITEMS,
    },
    &rules::long_answer::LongAnswer {
        max_words: rules::long_answer::MAX_WORDS,
    },
    &rules::missing_answer::MissingAnswer,
    &rules::question_form::QuestionForm,
    &rules::term_spelling::TermSpelling { custom: None },
    &rules::unsupported_metric::UnsupportedMetric,
    &rules::unused_suppression::UnusedSuppression,
    &PhraseRule::builtin(&rules::vague_claim::VAGUE_CLAIM),
];

/// A built-in rule as `prep rules` lists it.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    /// Its stable kebab-case id, as `lints.toml` and every report name it.
    pub id: &'static str,
    /// Its level unless `lints.toml` sets another (`prep lint`'s levels: [`default_levels`]).
    ///
    /// [`default_levels`]: crate::default_levels
    pub default_level: Severity,
    /// What `prep explain` prints about it.
    pub doc: RuleDoc,
}

/// Every built-in rule, in alphabetical order of id.
pub fn lint_rules() -> impl Iterator<Item = RuleInfo> {
    RULES.iter().map(|rule| RuleInfo {
        id: rule.id(),
        default_level: rule.default_level(),
        doc: rule.doc(),
    })
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|rule| rule.id() == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::RuleOptions;
    use crate::lint::options::{OptionKind, OptionValue};

    #[test]
    fn ids_are_sorted_unique_kebab_case_and_documented() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "registry must be sorted and unique");
        for rule in RULES {
            let id = rule.id();
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
            let doc = rule.doc();
            for (part, text) in [
                ("summary", doc.summary),
                ("why", doc.why),
                ("bad", doc.bad),
                ("good", doc.good),
            ] {
                assert!(!text.trim().is_empty(), "{id}: empty {part}");
            }
        }
    }

    #[test]
    fn declared_options_are_kebab_case_documented_and_taken_at_their_defaults() {
        for rule in RULES {
            for decl in rule.options() {
                let name = decl.name;
                assert!(
                    name.chars().all(|c| c.is_ascii_lowercase() || c == '-') && name != "level",
                    "{}: {name}",
                    rule.id()
                );
                assert!(
                    !decl.doc.trim().is_empty(),
                    "{}: {name} has no doc",
                    rule.id()
                );
                let default = match decl.kind {
                    OptionKind::Count(default) => OptionValue::Count(default),
                    OptionKind::Words { builtin: false } => OptionValue::Words(Vec::new()),
                    // Its default is the built-in list: what the rule has unconfigured.
                    OptionKind::Words { builtin: true } => continue,
                };
                let configured = rule.configure(&RuleOptions::of([(name, default)]));
                assert!(configured.is_ok(), "{}: {name} at its default", rule.id());
            }
        }
    }
}
