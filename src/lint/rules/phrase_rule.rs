//! The built-in phrase rules (`vague-claim`, `absolute-claim`): declarations over one
//! implementation. A declaration names the rule, documents it and judges each match in its
//! sentence; this module owns the rest, as `[existence.<id>]` rules from lints.toml share theirs:
//! the word list from words.toml that `words` replaces and `extend-words` extends, the phrase
//! screen's trigger, finding the matches in prose and writing the findings.

use std::ops::Range;

use crate::lint::rules::around::field_text;
use crate::lint::rules::{PHRASES, Phrases, configured_phrases};
use crate::lint::{ConfigureError, Finding, OptionDecl, Prose, Rule, RuleDoc, RuleOptions};
use crate::model::{Card, Severity};

/// What makes one phrase rule itself.
pub struct Declaration {
    pub id: &'static str,
    pub level: Severity,
    pub doc: RuleDoc,
    /// The claim a match makes in `text` (the whole field): its span, which may grow past the
    /// match ("significantly" over "significantly improved"), or `None` when its sentence shows
    /// it is no claim.
    pub judge: fn(text: &str, matched: Range<usize>) -> Option<Range<usize>>,
    /// What a claim is, for the message "`<claim>` is <what>".
    pub what: &'static str,
    pub help: &'static str,
}

/// The options of every phrase rule: its word list, replaced or extended.
const OPTIONS: &[OptionDecl] = &[
    OptionDecl::builtin_words(
        "words",
        "patterns (case-insensitive regexes) in place of the built-in list",
    ),
    OptionDecl::words(
        "extend-words",
        "more patterns (case-insensitive regexes); `words = [...]` replaces the built-in list",
    ),
];

/// A phrase rule: its declaration and its word list.
pub struct PhraseRule {
    declaration: &'static Declaration,
    /// The configured patterns; `None`: the built-in ones.
    phrases: Option<Phrases>,
}

impl PhraseRule {
    /// The rule with its built-in list.
    pub const fn builtin(declaration: &'static Declaration) -> Self {
        PhraseRule {
            declaration,
            phrases: None,
        }
    }

    fn phrases(&self) -> Option<&Phrases> {
        self.phrases
            .as_ref()
            .or_else(|| PHRASES.get(self.declaration.id))
    }
}

impl Rule for PhraseRule {
    fn id(&self) -> &'static str {
        self.declaration.id
    }

    fn default_level(&self) -> Severity {
        self.declaration.level
    }

    fn doc(&self) -> RuleDoc {
        self.declaration.doc
    }

    fn options(&self) -> &'static [OptionDecl] {
        OPTIONS
    }

    fn configure(&self, options: &RuleOptions) -> Result<Box<dyn Rule>, ConfigureError> {
        Ok(Box::new(PhraseRule {
            declaration: self.declaration,
            phrases: Some(configured_phrases(self.id(), options)?),
        }))
    }

    fn trigger(&self) -> Option<String> {
        self.phrases().and_then(Phrases::trigger)
    }

    fn check(&self, _card: &Card, prose: &Prose, out: &mut Vec<Finding>) {
        let Some(phrases) = self.phrases() else {
            return;
        };
        phrases.find(prose, |field, matched| {
            let text = field_text(prose, field);
            let Some(span) = (self.declaration.judge)(text, matched) else {
                return;
            };
            // "far more robust": the degree word's finding already covers the word it grades.
            let covered = out.last().is_some_and(|last: &Finding| {
                last.field == field && last.span.start <= span.start && span.end <= last.span.end
            });
            if !covered {
                out.push(Finding {
                    field,
                    message: format!("`{}` is {}", &text[span.clone()], self.declaration.what),
                    help: self.declaration.help.to_owned(),
                    span,
                });
            }
        });
    }
}
