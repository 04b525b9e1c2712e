//! Rules of the user's own, from `lints.toml`: `[existence.<id>]` flags phrases or patterns with
//! the message given, `[substitution]` flags phrases that have a preferred form. Owns finding and
//! reporting their matches; checking their configuration is `settings`'.

use std::collections::BTreeMap;

use crate::lint::pattern_list::PatternList;
use crate::lint::{Finding, Prose, Rule, RuleDoc};
use crate::model::{Card, Severity};

/// A rule whose patterns come from `lints.toml`: `[existence.<id>]` or `[substitution]`.
pub struct UserRule {
    id: &'static str,
    level: Severity,
    patterns: PatternList,
    /// For substitutions: lower-cased phrase → preferred phrase. Empty for existence rules.
    preferred: BTreeMap<String, String>,
    message: String,
    help: Option<String>,
}

impl UserRule {
    /// `[existence.<id>]`: `patterns` flagged at `level` with `message` (`{phrase}` is the match).
    pub fn existence(
        id: &'static str,
        level: Severity,
        patterns: PatternList,
        message: String,
        help: Option<String>,
    ) -> Self {
        UserRule {
            id,
            level,
            patterns,
            preferred: BTreeMap::new(),
            message,
            help,
        }
    }

    /// `[substitution]`: each phrase of `patterns` (lower-cased in `preferred`) and the phrase to
    /// write instead.
    pub fn substitution(patterns: PatternList, preferred: BTreeMap<String, String>) -> Self {
        UserRule {
            id: "substitution",
            level: Severity::Info,
            patterns,
            preferred,
            message: String::new(),
            help: None,
        }
    }
}

impl Rule for UserRule {
    fn id(&self) -> &'static str {
        self.id
    }

    fn default_level(&self) -> Severity {
        self.level
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "A rule defined in lints.toml.",
            why: "Defined by the project's configuration.",
            bad: "-",
            good: "-",
            cases: &[],
        }
    }

    fn trigger(&self) -> Option<String> {
        self.patterns.trigger().map(str::to_owned)
    }

    fn check(&self, _card: &Card, prose: &Prose, out: &mut Vec<Finding>) {
        for (field, text, range) in prose.claims() {
            let claim = &text[range.clone()];
            for m in self.patterns.find_iter(claim) {
                let found = &claim[m.clone()];
                let (message, help) = match self.preferred.get(&found.to_lowercase()) {
                    Some(better) => (
                        format!("prefer `{better}` to `{found}`"),
                        format!("write `{better}`"),
                    ),
                    None => (
                        self.message.replace("{phrase}", found),
                        self.help
                            .clone()
                            .unwrap_or_else(|| "rephrase it".to_owned()),
                    ),
                };
                out.push(Finding {
                    field,
                    span: range.start + m.start..range.start + m.end,
                    message,
                    help,
                });
            }
        }
    }
}
