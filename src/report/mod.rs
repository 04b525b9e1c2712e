//! Renderers: one file per output format, grouped by the command they report on (`parse/`,
//! `dedup/`, `lint/`). Every format is an [`Emitter`] of its command's report, so a command picks a
//! format and hands it one value, whatever the format needs of it.

pub mod dedup;
pub mod lint;
pub mod parse;

use std::io::Write;

/// One output format of a command whose results are a `Report` (see [`parse::ParseReport`],
/// [`dedup::DedupReport`], [`lint::LintReport`]).
pub trait Emitter<Report: ?Sized> {
    /// Writes the whole report to `out`.
    fn emit(&self, report: &Report, out: &mut dyn Write) -> std::io::Result<()>;
}
