//! `prep lint`'s formats, each an [`Emitter`] of a [`LintReport`].

pub(crate) mod concise;
pub(crate) mod full;
pub(crate) mod github;
pub(crate) mod json;
pub(crate) mod position;
pub(crate) mod sarif;

use std::io::Write;

use crate::lint::Diagnostic;
use crate::report::Emitter;
use crate::source::ParseRun;

/// What `prep lint` reports: its findings, over the run that read the files they point into.
pub struct LintReport<'a> {
    /// The findings, sorted as [`lint`](crate::lint()) gives them.
    pub diagnostics: &'a [Diagnostic],
    /// The run the cards came from: its texts show the lines the findings point at.
    pub run: &'a ParseRun,
}

/// The human format: each finding with the lines around it (miette).
pub struct Full;
/// One line per finding: `file:line:column: severity[rule] message`.
pub struct Concise;
/// `{"diagnostics": [...], "summary": {...}}`.
pub struct Json;
/// SARIF 2.1.0.
pub struct Sarif;
/// GitHub Actions workflow commands.
pub struct Github;

impl Emitter<LintReport<'_>> for Full {
    fn emit(&self, report: &LintReport<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        full::write(out, report.diagnostics, &report.run.texts)
    }
}

impl Emitter<LintReport<'_>> for Concise {
    fn emit(&self, report: &LintReport<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        concise::write(out, report.diagnostics, &report.run.texts)
    }
}

impl Emitter<LintReport<'_>> for Json {
    fn emit(&self, report: &LintReport<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        json::write(out, report.diagnostics, report.run)
    }
}

impl Emitter<LintReport<'_>> for Sarif {
    fn emit(&self, report: &LintReport<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        sarif::write(
            out,
            report.diagnostics,
            &report.run.texts,
            &report.run.origins,
        )
    }
}

impl Emitter<LintReport<'_>> for Github {
    fn emit(&self, report: &LintReport<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        github::write(out, report.diagnostics, &report.run.texts)
    }
}
