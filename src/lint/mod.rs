//! Linting cards: vague claims, unsupported metrics, absolute claims and poor flashcard form.
//!
//! Owns the engine: running every enabled rule over every card's prose and turning findings (spans
//! into a card field) into diagnostics (spans into the original file). Rules live one per file in
//! [`rules`], listed once in [`registry`]; output formats live in `crate::report`.

pub mod options;
pub mod pattern_list;
pub mod prose;
pub mod registry;
pub mod rules;
mod screen;
pub mod settings;
mod suppress;
pub mod user_rule;

use std::collections::BTreeMap;
use std::ops::Range;

use crate::dedup::merge::Dedup;
pub use crate::lint::options::{ConfigureError, OptionDecl, RuleOptions};
use crate::model::{Card, CardMap, Severity};

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
    /// What the rule flags, in one line.
    pub summary: &'static str,
    /// Why it matters on a study card.
    pub why: &'static str,
    /// A flagged example.
    pub bad: &'static str,
    /// The same, written better.
    pub good: &'static str,
    /// Borderline sentences and what the rule does with them: where it draws its line.
    pub cases: &'static [Case],
}

/// One example sentence of a rule's documentation, flagged or not, and why.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    /// The sentence.
    pub text: &'static str,
    /// Whether the rule flags it.
    pub flagged: bool,
    /// Why it does or does not.
    pub why: &'static str,
}

/// A lint rule. One per file under `rules`, one line in `registry`.
pub trait Rule: Sync {
    /// Stable kebab-case id, part of the contract (configuration, output, suppressions).
    fn id(&self) -> &'static str;
    fn default_level(&self) -> Severity;
    fn doc(&self) -> RuleDoc;
    /// Reports findings for one card; `prose` gives each field's prose ranges (see [`prose`]).
    fn check(&self, card: &Card, prose: &Prose, out: &mut Vec<Finding>);

    /// The options the rule takes in `[rules.<id>]` besides `level`, declared once: `lints.toml`
    /// is checked against them and `prep init` writes them. None by default.
    fn options(&self) -> &'static [OptionDecl] {
        &[]
    }

    /// The rule with `options` applied: options it declares, of their declared types (see
    /// [`options::check`]). Only rules that declare options are asked.
    fn configure(&self, _options: &RuleOptions) -> Result<Box<dyn Rule>, ConfigureError> {
        Err(ConfigureError {
            option: None,
            message: format!("`{}` takes no options", self.id()),
            help: format!("`prep explain {}` says what the rule takes", self.id()),
        })
    }

    /// Reports findings that need every card at once (repeats across files), as (card index,
    /// finding). Most rules look at one card and leave this empty.
    fn check_all(&self, _across: &Across<'_>, _out: &mut Vec<(usize, Finding)>) {}

    /// For a rule that reports only matches of one regular expression, each within one prose range
    /// of any field (a phrase rule): that expression, with its flags written inline. The engine then
    /// searches the triggers of all such rules in one pass and gives [`Rule::check`] only the ranges
    /// where one matched (see `screen`). `None` (the default): the rule sees all prose.
    fn trigger(&self) -> Option<String> {
        None
    }
}

/// What the rules that look at every card at once are given: the cards, and the run's duplicate
/// detection over them (the one `prep dedup` and `prep build` use), when it ran.
pub struct Across<'a> {
    pub cards: &'a [&'a Card],
    /// Indices refer to `cards`.
    pub duplicates: Option<&'a Dedup>,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's id (`vague-claim`).
    pub rule: &'static str,
    /// The rule's level, for this card's file.
    pub level: Severity,
    /// The problem, naming the text flagged.
    pub message: String,
    /// What to do about it.
    pub help: String,
    /// The card's file, as in its [`SourceRef`](crate::model::SourceRef).
    pub file: String,
    /// Byte offset and length in the original file.
    pub offset: usize,
    pub length: usize,
    /// The id of the card the finding is on.
    pub card: String,
}

/// How many of `diagnostics` are at `level`: for the summaries of every output.
pub fn count_at(diagnostics: &[Diagnostic], level: Severity) -> usize {
    diagnostics.iter().filter(|d| d.level == level).count()
}

/// Per-rule levels: the defaults, overridden by `lints.toml` (`None` = off).
pub type Levels = BTreeMap<&'static str, Option<Severity>>;

/// The default level of every registered rule.
pub fn default_levels() -> Levels {
    registry::RULES
        .iter()
        .map(|rule| (rule.id(), Some(rule.default_level())))
        .collect()
}

/// Lints `cards` with the rules `levels` enables, finding repeats with the default duplicate
/// detection. Diagnostics come sorted by file, offset and rule.
pub fn lint<'c>(cards: impl IntoIterator<Item = &'c Card>, levels: &Levels) -> Vec<Diagnostic> {
    let cards: Vec<&Card> = cards.into_iter().collect();
    let settings = settings::LintSettings::from_levels(levels.clone());
    let duplicates = settings.enables("duplicate-question").then(|| {
        let owned: Vec<Card> = cards.iter().map(|&c| c.clone()).collect();
        crate::dedup::settings::DedupSettings::default().run(&owned, true)
    });
    lint_with(cards, &settings, None, duplicates.as_ref())
}

/// Lints `cards` with everything `lints.toml` configures: levels, user rules, overrides and
/// suppressions. Unused `[[suppress]]` entries are reported against `config_file` (path, text).
/// `duplicates` is the run's duplicate detection over `cards`, in the same order (see
/// [`LintSettings::enables`] for when it is needed).
///
/// [`LintSettings::enables`]: settings::LintSettings::enables
pub fn lint_with<'c>(
    cards: impl IntoIterator<Item = &'c Card>,
    settings: &settings::LintSettings,
    config_file: Option<(&str, &str)>,
    duplicates: Option<&Dedup>,
) -> Vec<Diagnostic> {
    let cards: Vec<&Card> = cards.into_iter().collect();
    let enabled = |rule: &dyn Rule| settings.enables(rule.id());
    let rules: Vec<&dyn Rule> = registry::RULES
        .iter()
        .map(|rule| {
            settings
                .configured
                .get(rule.id())
                .map_or(*rule, |r| r.as_ref())
        })
        .filter(|rule| enabled(*rule))
        // User rules carry their own level; a rule set to "off" is not compiled at all.
        .chain(settings.user_rules.iter().map(|r| r as &dyn Rule))
        .collect();
    let level_of = |rule: &dyn Rule, card: &Card| {
        let default = settings
            .levels
            .get(rule.id())
            .copied()
            .unwrap_or(Some(rule.default_level()));
        settings.level_for(rule.id(), default, &card.source.file)
    };
    let mut screen = screen::Screen::new(&rules);
    let mut ledger = suppress::Ledger::new(&settings.suppressions);
    let mut diagnostics = Vec::new();
    let mut findings = Vec::new();
    for (i, card) in cards.iter().enumerate() {
        let prose = Prose::of(card);
        let screened = screen.as_mut().map(|s| s.apply(&prose));
        let comments = suppress::comments(card);
        let card_start = diagnostics.len();
        for (k, &rule) in rules.iter().enumerate() {
            let Some(level) = level_of(rule, card) else {
                continue;
            };
            let prose = match (&screen, &screened) {
                (Some(screen), Some(screened)) if screen.covers(k) => match screened {
                    screen::Screened::Nothing => continue,
                    screen::Screened::Some(kept) => kept,
                },
                _ => &prose,
            };
            findings.clear();
            rule.check(card, prose, &mut findings);
            for finding in findings.drain(..) {
                if !ledger.silences(i, card, rule.id(), &finding, &comments) {
                    diagnostics.push(place(card, rule.id(), level, finding));
                }
            }
        }
        ledger.close_card(i, comments);
        // Cards come in source order and do not overlap: sorting each card's diagnostics leaves
        // the final sort long sorted runs to merge instead of the whole list to sort.
        diagnostics[card_start..].sort_by(|a, b| (a.offset, a.rule).cmp(&(b.offset, b.rule)));
    }
    let mut found = Vec::new();
    let across = Across {
        cards: &cards,
        duplicates,
    };
    for &rule in &rules {
        found.clear();
        rule.check_all(&across, &mut found);
        for (i, finding) in found.drain(..) {
            let Some(level) = level_of(rule, cards[i]) else {
                continue;
            };
            if !ledger.silences_card(cards[i], rule.id()) {
                diagnostics.push(place(cards[i], rule.id(), level, finding));
            }
        }
    }
    let unused_level = settings
        .levels
        .get("unused-suppression")
        .copied()
        .unwrap_or(Some(Severity::Warning));
    if let Some(level) = unused_level {
        diagnostics.extend(ledger.unused(&cards, config_file, level));
    }
    diagnostics.sort_by(|a, b| (&a.file, a.offset, a.rule).cmp(&(&b.file, b.offset, b.rule)));
    diagnostics
}

/// [`lint`], with the run's own duplicate detection over `cards` (the same cards, in the same
/// order) rather than one with the default settings: what `duplicate-question` reports is then what
/// [`dedup`](crate::dedup()) found, and the detection runs once.
pub fn lint_with_duplicates<'c>(
    cards: impl IntoIterator<Item = &'c Card>,
    levels: &Levels,
    duplicates: &Dedup,
) -> Vec<Diagnostic> {
    let settings = settings::LintSettings::from_levels(levels.clone());
    lint_with(cards, &settings, None, Some(duplicates))
}

/// Maps a finding's field span to bytes of the original file through the card's source pieces. A
/// span over text the parser wrote itself (a list marker) snaps to the nearest copied byte.
pub(crate) fn place(
    card: &Card,
    rule: &'static str,
    level: Severity,
    finding: Finding,
) -> Diagnostic {
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
