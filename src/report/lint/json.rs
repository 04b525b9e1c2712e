//! `prep lint --format json`: `{"diagnostics": [...], "summary": {...}}`. `offset` and `length` are
//! bytes into the original file; `line`/`column` are 1-based, columns in characters.

use std::io::Write;

use serde::Serialize;

use crate::lint::Diagnostic;
use crate::model::Severity;
use crate::report::lint::position::with_positions;
use crate::source::ParseRun;

#[derive(Serialize)]
struct Entry<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    help: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    length: usize,
    card: &'a str,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
    files: usize,
    cards: usize,
}

pub fn write(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    run: &ParseRun,
) -> std::io::Result<()> {
    let entries: Vec<Entry<'_>> = with_positions(diagnostics, &run.texts)
        .map(|(d, at)| {
            let (offset, length) = run.original_span(&d.file, d.offset, d.length);
            Entry {
                rule: d.rule,
                severity: d.level.as_str(),
                message: &d.message,
                help: &d.help,
                file: &d.file,
                line: at.line,
                column: at.column,
                end_line: at.end_line,
                end_column: at.end_column,
                offset,
                length,
                card: &d.card,
            }
        })
        .collect();
    let count = |level| crate::lint::count_at(diagnostics, level);
    let summary = Summary {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        files: run.documents.len(),
        cards: run.cards().count(),
    };
    serde_json::to_writer_pretty(
        &mut *out,
        &serde_json::json!({ "diagnostics": entries, "summary": summary }),
    )?;
    writeln!(out)
}
