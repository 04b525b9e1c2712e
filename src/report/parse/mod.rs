//! `prep parse`'s formats, each an [`Emitter`] of a [`ParseReport`].

pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod summary;

use std::io::Write;

use crate::report::Emitter;
use crate::source::ParseRun;

pub use summary::Detail;

/// What `prep parse` reports: the run, its documents, cards and skipped blocks.
pub struct ParseReport<'a> {
    /// What was parsed.
    pub run: &'a ParseRun,
}

/// Per file: its layout, cards and skipped blocks, as much as `Detail` asks.
pub struct Summary(pub Detail);
/// The cards, skipped blocks and documents as JSON.
pub struct Json;
/// The cards as Markdown that parses back to the same cards.
pub struct Markdown;

impl Emitter<ParseReport<'_>> for Summary {
    fn emit(&self, report: &ParseReport<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        summary::write(out, report.run, self.0)
    }
}

impl Emitter<ParseReport<'_>> for Json {
    fn emit(&self, report: &ParseReport<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        json::write(out, report.run)
    }
}

impl Emitter<ParseReport<'_>> for Markdown {
    fn emit(&self, report: &ParseReport<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        markdown::write(out, report.run)
    }
}
