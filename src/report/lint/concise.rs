//! `prep lint --format concise`: one line per finding, `file:line:column: level[rule] message`.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use crate::lint::Diagnostic;
use crate::report::lint::position::with_positions;

pub fn write(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    texts: &BTreeMap<String, Arc<str>>,
) -> std::io::Result<()> {
    for (d, at) in with_positions(diagnostics, texts) {
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            d.file,
            at.line,
            at.column,
            d.level.as_str(),
            d.rule,
            d.message
        )?;
    }
    Ok(())
}
