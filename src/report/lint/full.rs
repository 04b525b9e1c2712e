//! `prep lint` (default format): miette diagnostics with the source line, a label under the exact
//! span and a help line, then a summary.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use miette::{GraphicalReportHandler, LabeledSpan, MietteDiagnostic};

use crate::excerpt::{Excerpt, LineStarts};
use crate::lint::Diagnostic;
use crate::model::Severity;

/// Lines shown above and below a finding's own (miette's default).
const CONTEXT_LINES: usize = 1;

pub fn write(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    texts: &BTreeMap<String, Arc<str>>,
) -> std::io::Result<()> {
    let handler = GraphicalReportHandler::new().with_context_lines(CONTEXT_LINES);
    let mut line_starts: BTreeMap<&str, LineStarts> = BTreeMap::new();
    for d in diagnostics {
        let source = texts.get(&d.file).map_or("", |text| text);
        let lines = line_starts
            .entry(&d.file)
            .or_insert_with(|| LineStarts::new(source));
        // Only the lines around the finding, a long one cut around the span: miette would count
        // lines from the top of the file and print the whole line for each finding, quadratic in a
        // page with thousands of findings or in a long line with hundreds.
        let excerpt = Excerpt::new(
            &d.file,
            source,
            lines,
            d.offset..d.offset + d.length,
            CONTEXT_LINES,
        );
        let report = MietteDiagnostic::new(d.message.clone())
            .with_code(format!("prep::{}", d.rule))
            .with_severity(match d.level {
                Severity::Info => miette::Severity::Advice,
                Severity::Warning => miette::Severity::Warning,
                Severity::Error => miette::Severity::Error,
            })
            .with_help(d.help.clone())
            .with_label(LabeledSpan::at(excerpt.span(), "here"));
        let report = miette::Report::new(report).with_source_code(excerpt);
        let mut rendered = String::new();
        if handler
            .render_report(&mut rendered, report.as_ref())
            .is_err()
        {
            rendered = format!("{}: {}\n", d.file, d.message);
        }
        writeln!(out, "{rendered}")?;
    }
    let count = |level| crate::lint::count_at(diagnostics, level);
    writeln!(
        out,
        "{} errors, {} warnings, {} infos",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )
}
