//! Linting cards: vague claims, unsupported metrics, absolute claims and poor flashcard form.
//!
//! Owns the engine: running every enabled rule over every card's prose and turning findings (spans
//! into a card field) into diagnostics (spans into the original file). Rules live one per file in
//! [`rules`], listed once in [`registry`]; output formats live in `crate::report`.

pub mod prose;
pub mod registry;
pub mod rules;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::model::{Card, CardMap};

/// How much a finding matters. Ordered: `Info < Warn < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warn,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warn => "warning",
            Level::Error => "error",
        }
    }
}

/// Which text of a card a finding is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Question,
    Answer,
    Example,
}

/// What a rule reports: a span of one field of the card, a message naming the problem, and a help
/// saying what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub field: Field,
    pub span: Range<usize>,
    pub message: String,
    pub help: String,
}

/// The documentation of a rule, printed by `prep explain`.
#[derive(Debug, Clone, Copy)]
pub struct RuleDoc {
    pub summary: &'static str,
    pub why: &'static str,
    pub bad: &'static str,
    pub good: &'static str,
}

/// A lint rule. One per file under `rules`, one line in `registry`.
pub trait Rule: Sync {
    /// Stable kebab-case id, part of the contract (configuration, output, suppressions).
    fn id(&self) -> &'static str;
    fn default_level(&self) -> Level;
    fn doc(&self) -> RuleDoc;
    /// Reports findings for one card; `prose` gives each field's prose ranges (see [`prose`]).
    fn check(&self, card: &Card, prose: &Prose, out: &mut Vec<Finding>);

    /// Reports findings that need every card at once (repeats across files), as (card index,
    /// finding). Most rules look at one card and leave this empty.
    fn check_all(&self, _cards: &[&Card], _out: &mut Vec<(usize, Finding)>) {}
}

/// A card's fields with their prose ranges.
pub struct Prose<'a> {
    pub fields: Vec<(Field, &'a str, Vec<Range<usize>>)>,
}

impl<'a> Prose<'a> {
    pub fn of(card: &'a Card) -> Self {
        let mut fields = vec![
            (
                Field::Question,
                card.question.as_str(),
                std::iter::once(0..card.question.len()).collect(),
            ),
            (
                Field::Answer,
                card.answer.as_str(),
                prose::prose_ranges(&card.answer),
            ),
        ];
        if let Some(example) = &card.example {
            fields.push((
                Field::Example,
                example.as_str(),
                prose::prose_ranges(example),
            ));
        }
        Prose { fields }
    }

    /// Answer and example prose: where claims are made.
    pub fn claims(&self) -> impl Iterator<Item = (Field, &'a str, &Range<usize>)> {
        self.fields
            .iter()
            .filter(|(field, ..)| *field != Field::Question)
            .flat_map(|(field, text, ranges)| ranges.iter().map(move |r| (*field, *text, r)))
    }
}

/// A finding placed in the original file: plain data, rendered by `crate::report`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub level: Level,
    pub message: String,
    pub help: String,
    pub file: String,
    /// Byte offset and length in the original file.
    pub offset: usize,
    pub length: usize,
    pub card: String,
}

/// Per-rule levels: the defaults, overridden by `lints.toml` (`None` = off).
pub type Levels = BTreeMap<&'static str, Option<Level>>;

/// The default level of every registered rule.
pub fn default_levels() -> Levels {
    registry::RULES
        .iter()
        .map(|rule| (rule.id(), Some(rule.default_level())))
        .collect()
}

/// Lints `cards` with the rules `levels` enables. Diagnostics come sorted by file, offset and rule.
pub fn lint<'c>(cards: impl IntoIterator<Item = &'c Card>, levels: &Levels) -> Vec<Diagnostic> {
    let rules: Vec<(&dyn Rule, Level)> = registry::RULES
        .iter()
        .filter_map(|rule| {
            levels
                .get(rule.id())
                .copied()
                .flatten()
                .map(|level| (*rule, level))
        })
        .collect();
    let cards: Vec<&Card> = cards.into_iter().collect();
    let mut diagnostics = Vec::new();
    let mut findings = Vec::new();
    for card in &cards {
        let prose = Prose::of(card);
        for &(rule, level) in &rules {
            findings.clear();
            rule.check(card, &prose, &mut findings);
            diagnostics.extend(findings.drain(..).map(|f| place(card, rule.id(), level, f)));
        }
    }
    let mut across = Vec::new();
    for &(rule, level) in &rules {
        across.clear();
        rule.check_all(&cards, &mut across);
        diagnostics.extend(
            across
                .drain(..)
                .map(|(i, f)| place(cards[i], rule.id(), level, f)),
        );
    }
    diagnostics.sort_by(|a, b| (&a.file, a.offset, a.rule).cmp(&(&b.file, b.offset, b.rule)));
    diagnostics
}

/// Maps a finding's field span to bytes of the original file through the card's source pieces. A
/// span over text the parser wrote itself (a list marker) snaps to the nearest copied byte.
fn place(card: &Card, rule: &'static str, level: Level, finding: Finding) -> Diagnostic {
    let pieces = match finding.field {
        Field::Question => &card.map.question,
        Field::Answer => &card.map.answer,
        Field::Example => &card.map.example,
    };
    let start = CardMap::to_source(pieces, finding.span.start)
        .or_else(|| nearest(pieces, finding.span.start))
        .unwrap_or(card.source.offset);
    let last = finding.span.end.saturating_sub(1).max(finding.span.start);
    let end = CardMap::to_source(pieces, last)
        .or_else(|| nearest(pieces, last))
        .map_or(start, |e| e + 1)
        .max(start + 1);
    Diagnostic {
        rule,
        level,
        message: finding.message,
        help: finding.help,
        file: card.source.file.clone(),
        offset: start,
        length: end - start,
        card: card.id.0.clone(),
    }
}

fn nearest(pieces: &[crate::model::Piece], field_offset: usize) -> Option<usize> {
    pieces
        .iter()
        .find(|p| p.field_offset + p.len > field_offset)
        .map(|p| p.source_offset + field_offset.saturating_sub(p.field_offset).min(p.len - 1))
}
