//! Suppressions: `[[suppress]]` entries in `lints.toml` (by card id) and `<!-- prep-ignore … -->`
//! comments in Markdown, which silence the block right after them. A suppression that silences
//! nothing is itself reported (`unused-suppression`).

use std::cell::Cell;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::lint::settings::CardSuppression;
use crate::lint::{Diagnostic, Field, Finding, place};
use crate::model::{Card, Severity};

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    #[expect(
        clippy::expect_used,
        reason = "constant pattern, exercised by the tests"
    )]
    Regex::new(r"<!--\s*prep-ignore\b([^>]*?)-->").expect("valid pattern")
});

/// A `<!-- prep-ignore rule … -->` comment in a card field and the block it covers.
pub struct Comment {
    field: Field,
    directive: Range<usize>,
    covers: Range<usize>,
    /// Empty: every rule.
    rules: Vec<String>,
    used: Cell<bool>,
}

/// The suppression comments of a card's answer and example.
pub fn comments(card: &Card) -> Vec<Comment> {
    let mut out = Vec::new();
    let fields = [
        (Field::Answer, Some(card.answer.as_str())),
        (Field::Example, card.example.as_deref()),
    ];
    for (field, text) in fields {
        let Some(text) = text else { continue };
        for c in COMMENT.captures_iter(text) {
            let (Some(whole), Some(list)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let start =
                whole.end() + (text[whole.end()..].len() - text[whole.end()..].trim_start().len());
            let end = text[start..]
                .find("\n\n")
                .map_or(text.len(), |at| start + at);
            out.push(Comment {
                field,
                directive: whole.range(),
                covers: start..end,
                rules: list
                    .as_str()
                    .split([' ', ',', '\t'])
                    .filter(|r| !r.is_empty())
                    .map(str::to_owned)
                    .collect(),
                used: Cell::new(false),
            });
        }
    }
    out
}

/// Which suppressions have silenced something.
pub struct Ledger<'s> {
    suppressions: &'s [CardSuppression],
    used: Vec<bool>,
    unused_comments: Vec<(usize, Comment)>,
}

impl<'s> Ledger<'s> {
    pub fn new(suppressions: &'s [CardSuppression]) -> Self {
        Ledger {
            suppressions,
            used: vec![false; suppressions.len()],
            unused_comments: Vec::new(),
        }
    }

    /// True (and the suppression is marked used) when a card suppression covers `rule` on `card`.
    pub fn silences_card(&mut self, card: &Card, rule: &str) -> bool {
        let hit = self.suppressions.iter().position(|s| {
            s.card == card.id.0 && (s.rules.is_empty() || s.rules.iter().any(|r| r == rule))
        });
        if let Some(k) = hit {
            self.used[k] = true;
        }
        hit.is_some()
    }

    /// True when a card suppression or a comment covering the finding silences it.
    pub fn silences(
        &mut self,
        _index: usize,
        card: &Card,
        rule: &str,
        finding: &Finding,
        comments: &[Comment],
    ) -> bool {
        if self.silences_card(card, rule) {
            return true;
        }
        let covering = comments.iter().find(|c| {
            c.field == finding.field
                && c.covers.start <= finding.span.start
                && finding.span.start < c.covers.end.max(c.covers.start + 1)
                && (c.rules.is_empty() || c.rules.iter().any(|r| r == rule))
        });
        if let Some(c) = covering {
            c.used.set(true);
        }
        covering.is_some()
    }

    /// Keeps the card's comments that silenced nothing.
    pub fn close_card(&mut self, index: usize, comments: Vec<Comment>) {
        self.unused_comments.extend(
            comments
                .into_iter()
                .filter(|c| !c.used.get())
                .map(|c| (index, c)),
        );
    }

    /// Diagnostics for every suppression that silenced nothing.
    pub fn unused(
        &self,
        cards: &[&Card],
        config_file: Option<(&str, &str)>,
        level: Severity,
    ) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .unused_comments
            .iter()
            .map(|(i, c)| {
                let finding = Finding {
                    field: c.field,
                    span: c.directive.clone(),
                    message: "this `prep-ignore` comment silences nothing".to_owned(),
                    help: "remove it, or name the rule that fires in the block after it".to_owned(),
                };
                place(cards[*i], "unused-suppression", level, finding)
            })
            .collect();
        if let Some((path, _)) = config_file {
            for (s, used) in self.suppressions.iter().zip(&self.used) {
                if !used {
                    out.push(Diagnostic {
                        rule: "unused-suppression",
                        level,
                        message: format!("the suppression for card {} silences nothing", s.card),
                        help: "remove it from lints.toml, or check the card id with `prep parse --format json`".to_owned(),
                        file: path.to_owned(),
                        offset: s.span.start,
                        length: s.span.len().max(1),
                        card: s.card.clone(),
                    });
                }
            }
        }
        out
    }
}
