//! Recognising page furniture (bylines, cookie banners, share buttons, job-board calls to action, …).
//!
//! Owns the pattern set: the built-in categories in `boilerplate.toml` plus patterns from `lints.toml`.
//! It judges single lines; the parsers decide what a boilerplate line means for the card around it.

use std::collections::BTreeMap;

use regex::{Regex, RegexSet, RegexSetBuilder};
use serde::Deserialize;

use crate::patterns::ascii_word_boundaries;

const BUILT_IN: &str = include_str!("boilerplate.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Category {
    reason: String,
    patterns: Vec<String>,
}

/// A user pattern from `lints.toml`, with where it was written so a bad regex can be pointed at.
#[derive(Debug, Clone)]
pub struct UserPattern {
    pub pattern: String,
    pub span: std::ops::Range<usize>,
}

/// The compiled pattern set. Build it once per run; matching a line is one `RegexSet` pass.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    set: RegexSet,
    reasons: Vec<String>,
}

/// A user pattern that is not a valid regular expression.
#[derive(Debug, Clone)]
pub struct BadPattern {
    pub span: std::ops::Range<usize>,
    pub message: String,
}

impl Boilerplate {
    /// The built-in patterns (unless `replace_built_in`) followed by the user's.
    pub fn new(user: &[UserPattern], replace_built_in: bool) -> Result<Self, BadPattern> {
        let mut patterns = Vec::new();
        let mut reasons = Vec::new();
        if !replace_built_in {
            for category in built_in().into_values() {
                for pattern in category.patterns {
                    patterns.push(pattern);
                    reasons.push(category.reason.clone());
                }
            }
        }
        for user_pattern in user {
            if let Err(err) = Regex::new(&user_pattern.pattern) {
                return Err(BadPattern {
                    span: user_pattern.span.clone(),
                    message: err.to_string(),
                });
            }
            // Such a pattern would make every line boilerplate: every card would be lost.
            if let Some(why) = crate::patterns::matches_everything(&user_pattern.pattern) {
                return Err(BadPattern {
                    span: user_pattern.span.clone(),
                    message: format!(
                        "`{}` {why}, so every line would be boilerplate",
                        user_pattern.pattern
                    ),
                });
            }
            patterns.push(user_pattern.pattern.clone());
            reasons.push(format!(
                "matches `{}` from lints.toml",
                user_pattern.pattern
            ));
        }
        let patterns: Vec<String> = patterns.iter().map(|p| ascii_word_boundaries(p)).collect();
        let set = RegexSetBuilder::new(&patterns)
            .case_insensitive(true)
            .dfa_size_limit(64 << 20)
            .build()
            .map_err(|err| BadPattern {
                span: 0..0,
                message: err.to_string(),
            })?;
        Ok(Boilerplate { set, reasons })
    }

    /// The reason a line is boilerplate, if it is.
    pub fn classify(&self, line: &str) -> Option<&str> {
        // Nearly every line is not boilerplate; `is_match` answers that with the fast engines,
        // while finding *which* pattern matched needs the slow overlapping search.
        if !self.set.is_match(line) {
            return None;
        }
        self.set
            .matches(line)
            .iter()
            .next()
            .map(|i| self.reasons[i].as_str())
    }
}

impl Default for Boilerplate {
    #[expect(
        clippy::expect_used,
        reason = "the built-in patterns are checked by the unit tests"
    )]
    fn default() -> Self {
        Boilerplate::new(&[], false).expect("built-in boilerplate patterns compile")
    }
}

#[expect(
    clippy::expect_used,
    reason = "the embedded file is checked by the unit tests"
)]
fn built_in() -> BTreeMap<String, Category> {
    toml::from_str(BUILT_IN).expect("built-in boilerplate.toml is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_patterns_flag_furniture() {
        let b = Boilerplate::default();
        for line in [
            "By Jane Doe | Staff Writer",
            "Updated March 3, 2025",
            "7 min read",
            "We use cookies to improve your experience. Accept all",
            "Subscribe to our newsletter for weekly tips",
            "Share on LinkedIn",
            "Facebook Twitter LinkedIn",
            "flat art illustration of a data engineer",
            "Use an AI-powered resume builder and have your resume done",
            "Search Remote Jobs",
            "Remote Account Executive jobsRemote Android Engineer jobs",
            "Jobs by Title",
            "Congratulations on making it through these questions!",
            "12 Comments",
            "Leave a reply",
            "For more, check out these helpful resources: templates",
            "Skip to main content",
            "Edit this page",
            "↥ back to top",
            "« CSS quiz",
            "HTML quiz »",
            "Found this useful? Share it with a friend!",
            "Click :star: if you like the project. Pull Requests are welcome.",
            "If you find this list helpful, please give it a star ⭐️",
        ] {
            assert!(b.classify(line).is_some(), "not flagged: {line}");
        }
    }

    #[test]
    fn built_in_patterns_spare_answers() {
        let b = Boilerplate::default();
        for line in [
            "Bring multiple copies of your resume and a list of references.",
            "By using a queue, we decoupled the services.",
            "Share the on-call load across the team.",
            "I read the job description carefully.",
            "Cookies store session state in the browser.",
            "A photo service stores images of products in S3.",
            "We share this data with your colleagues in finance every week so they can plan.",
            "Scroll back to top of the list after a refresh.",
            "Next, the scheduler picks a node.",
            "A star schema keeps facts in one table.",
        ] {
            assert_eq!(b.classify(line), None, "wrongly flagged: {line}");
        }
    }

    #[test]
    fn patterns_match_at_ascii_word_edges() {
        let b = Boilerplate::default();
        assert!(b.classify("Büro: 5 min read").is_some());
        assert!(b.classify("5 minread").is_none());
    }

    #[test]
    fn user_patterns_extend_or_replace() {
        let user = [UserPattern {
            pattern: r"^sponsored\b".into(),
            span: 0..0,
        }];
        let extended = Boilerplate::new(&user, false).unwrap();
        assert!(extended.classify("Sponsored: buy now").is_some());
        assert!(extended.classify("7 min read").is_some());
        let replaced = Boilerplate::new(&user, true).unwrap();
        assert!(replaced.classify("7 min read").is_none());
        let bad = [UserPattern {
            pattern: "(".into(),
            span: 3..6,
        }];
        assert_eq!(Boilerplate::new(&bad, false).unwrap_err().span, 3..6);
    }
}
