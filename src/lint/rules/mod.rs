//! The rules, one per file, and what phrase rules share.

pub mod absolute_claim;
pub mod around;
pub mod compound_question;
pub mod duplicate_question;
pub mod enumeration;
pub mod long_answer;
pub mod missing_answer;
pub mod phrase_rule;
pub mod question_form;
pub mod term_spelling;
pub mod unsupported_metric;
pub mod unused_suppression;
pub mod vague_claim;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::lint::pattern_list::PatternList;
use crate::lint::{ConfigureError, Field, Prose, RuleOptions};

const WORDS: &str = include_str!("words.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PhraseList {
    patterns: Vec<String>,
    not_after: Vec<String>,
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
}

fn lists() -> BTreeMap<String, PhraseList> {
    #[expect(
        clippy::expect_used,
        reason = "the embedded word lists are checked by the unit tests"
    )]
    toml::from_str(WORDS).expect("words.toml is valid")
}

/// A name reduced to lower-case letters and digits: "Node.js", "NodeJS" and "node js" meet.
pub fn term_key(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A rule's own constant pattern, with ASCII word classes (see
/// [`ascii_word_classes`](crate::patterns::ascii_word_classes)).
pub(crate) fn constant_regex(pattern: &str) -> regex::Regex {
    #[expect(
        clippy::expect_used,
        reason = "constant patterns, exercised by the unit tests"
    )]
    regex::Regex::new(&crate::patterns::ascii_word_classes(pattern)).expect("valid pattern")
}

/// A phrase rule's compiled patterns (matched as one alternation) and the words that excuse a match.
pub struct Phrases {
    list: PatternList,
    not_after: Vec<String>,
}

/// The built-in phrase lists by rule id.
pub static PHRASES: LazyLock<BTreeMap<String, Phrases>> = LazyLock::new(|| {
    lists()
        .into_iter()
        .filter(|(_, list)| !list.patterns.is_empty())
        .filter_map(|(id, list)| {
            Phrases::compile(&list.patterns, list.not_after)
                .ok()
                .map(|p| (id, p))
        })
        .collect()
});

/// A phrase rule's patterns as configured: `words` replaces the built-in list, `extend-words` adds.
pub fn configured_phrases(id: &str, options: &RuleOptions) -> Result<Phrases, ConfigureError> {
    let words = options.words("words");
    let extend = options.words("extend-words").unwrap_or_default();
    for (key, list) in [
        ("words", words.unwrap_or_default()),
        ("extend-words", extend),
    ] {
        refuse_match_everything(&format!("[rules.{id}] {key}"), list).map_err(|message| {
            ConfigureError {
                option: Some(key),
                message,
                help: "remove it, or write the phrase it should find".to_owned(),
            }
        })?;
    }
    let builtin = lists().remove(id);
    let mut patterns = match words {
        Some(words) => words.to_vec(),
        None => builtin
            .as_ref()
            .map(|l| l.patterns.clone())
            .unwrap_or_default(),
    };
    patterns.extend(extend.iter().cloned());
    let not_after = builtin.map(|l| l.not_after).unwrap_or_default();
    Phrases::compile(&patterns, not_after).map_err(|err| ConfigureError {
        option: None,
        message: format!("`{id}` words: {err}"),
        help: "patterns are case-insensitive regular expressions".to_owned(),
    })
}

/// An error naming `key` and the first of its `patterns` that would match everything: such a
/// pattern would flag every word of every answer.
pub fn refuse_match_everything(key: &str, patterns: &[String]) -> Result<(), String> {
    for pattern in patterns {
        if let Some(why) = crate::patterns::matches_everything(pattern) {
            return Err(format!(
                "{key}: the pattern `{pattern}` {why}, so it would flag every answer"
            ));
        }
    }
    Ok(())
}

/// The built-in canonical names of `term-spelling` and its aliases.
pub fn builtin_terms() -> (Vec<String>, BTreeMap<String, String>) {
    let mut terms = Vec::new();
    let mut aliases = BTreeMap::new();
    for list in lists().into_values() {
        terms.extend(list.terms);
        aliases.extend(list.aliases);
    }
    (terms, aliases)
}

impl Phrases {
    /// All patterns as one case-insensitive alternation, with ASCII `\b`, `\w` and `\d`
    /// ([`ascii_word_classes`](crate::patterns::ascii_word_classes)); a list of any length compiles in linear time ([`PatternList`]).
    pub fn compile(patterns: &[String], not_after: Vec<String>) -> Result<Self, String> {
        Ok(Phrases {
            list: PatternList::new(patterns, false)?,
            not_after,
        })
    }

    /// The expression as one pattern with its flags inline: a rule's [`crate::lint::Rule::trigger`]
    /// (`None` for a list too long to screen).
    pub fn trigger(&self) -> Option<String> {
        self.list.trigger().map(str::to_owned)
    }

    /// Whether the text before a match ends with a word that excuses it ("statistically
    /// significant"). Looks at the last word only, so the cost does not grow with the field.
    fn excused(&self, before: &str) -> bool {
        if self.not_after.is_empty() {
            return false;
        }
        let before = before.trim_end();
        self.not_after.iter().any(|word| {
            before.len() >= word.len()
                && before.is_char_boundary(before.len() - word.len())
                && before[before.len() - word.len()..].eq_ignore_ascii_case(word)
        })
    }

    /// Calls `found` with the field and span of every match in the answer's and example's prose,
    /// in order.
    pub fn find(&self, prose: &Prose, mut found: impl FnMut(Field, Range<usize>)) {
        for (field, text, range) in prose.claims() {
            let claim = &text[range.clone()];
            for m in self.list.find_iter(claim) {
                let start = range.start + m.start;
                if !self.excused(&text[..start]) {
                    found(field, start..range.start + m.end);
                }
            }
        }
    }
}

#[cfg(test)]
pub mod test_support {
    //! One-line rule tests: lint one card with one rule and look at what it flags.

    use std::fmt::Debug;

    use crate::lint::{Case, Finding, Prose, Rule};
    use crate::model::{Card, CardId, CardMap, SourceRef};

    pub fn card(question: &str, answer: &str) -> Card {
        Card {
            id: CardId("0000000000000000".into()),
            question: question.into(),
            answer: answer.into(),
            example: None,
            section: None,
            tags: Vec::new(),
            source: SourceRef {
                file: "t.md".into(),
                line: 1,
                end_line: 1,
                offset: 0,
                length: 1,
            },
            map: CardMap::default(),
        }
    }

    /// What `rule` finds in `card`, linted alone.
    pub fn findings(rule: &dyn Rule, card: &Card) -> Vec<Finding> {
        let mut out = Vec::new();
        rule.check(card, &Prose::of(card), &mut out);
        out
    }

    /// The flagged texts when `rule` lints `answer`.
    pub fn flagged(rule: &dyn Rule, answer: &str) -> Vec<String> {
        findings(rule, &card("What happened?", answer))
            .into_iter()
            .map(|f| answer[f.span].to_owned())
            .collect()
    }

    /// The flagged texts when `rule` lints `question` (with an answer, so only the question is
    /// at fault).
    pub fn flagged_in_question(rule: &dyn Rule, question: &str) -> Vec<String> {
        findings(rule, &card(question, "An answer."))
            .into_iter()
            .map(|f| question[f.span].to_owned())
            .collect()
    }

    /// Asserts that a rule does with each of its documented `cases` what the documentation says:
    /// `found` gives what the rule flags in a case's text.
    pub fn assert_documented_cases<T: Debug>(cases: &[Case], found: impl Fn(&str) -> Vec<T>) {
        for case in cases {
            let found = found(case.text);
            assert_eq!(
                !found.is_empty(),
                case.flagged,
                "{:?}: {found:?}",
                case.text
            );
        }
    }
}
