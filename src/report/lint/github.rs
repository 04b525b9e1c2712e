//! `prep lint --format github`: GitHub Actions workflow commands, one line per finding, which the
//! runner turns into annotations on the pull request:
//! `::warning file=notes.md,line=3,col=10,endLine=3,endColumn=21,title=vague-claim::message`.
//!
//! Lines and columns are 1-based, columns in characters, `endColumn` the last character's column.
//! Values are escaped as the Actions toolkit does: `%`, CR and LF everywhere, and `:` and `,` too in
//! property values.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use crate::lint::Diagnostic;
use crate::model::Severity;
use crate::report::lint::position::with_positions;

pub fn write(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    texts: &BTreeMap<String, Arc<str>>,
) -> std::io::Result<()> {
    for (d, at) in with_positions(diagnostics, texts) {
        let command = match d.level {
            Severity::Info => "notice",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        let mut properties = format!("file={}", escape_property(&d.file));
        // Positions::of gives zeros when the file's text is unknown: then annotate the file only.
        if at.line > 0 {
            properties.push_str(&format!(
                ",line={},col={},endLine={},endColumn={}",
                at.line, at.column, at.end_line, at.end_column
            ));
        }
        properties.push_str(&format!(",title={}", escape_property(d.rule)));
        writeln!(out, "::{command} {properties}::{}", escape_data(&d.message))?;
    }
    Ok(())
}

/// Escapes a command's message (`escapeData` in `@actions/core`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value (`escapeProperty` in `@actions/core`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_toolkit() {
        assert_eq!(escape_data("100%: a,b\r\nc"), "100%25: a,b%0D%0Ac");
        assert_eq!(escape_property("100%: a,b\r\nc"), "100%25%3A a%2Cb%0D%0Ac");
    }
}
