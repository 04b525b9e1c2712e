//! Line and column of a diagnostic, computed only when rendering (spans are bytes until then).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::lint::Diagnostic;
use crate::source::lines::LineIndex;

/// 1-based lines and columns (columns in characters) of a diagnostic's first and last byte.
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Position {
    pub fn of(d: &Diagnostic, texts: &BTreeMap<String, Arc<str>>) -> Self {
        let Some(text) = texts.get(&d.file) else {
            return Position {
                line: 0,
                column: 0,
                end_line: 0,
                end_column: 0,
            };
        };
        // Built per call: renderers are not the hot path, and files are indexed in one pass.
        let index = LineIndex::new(text);
        let (line, column) = index.line_col(text, d.offset);
        let (end_line, end_column) = index.line_col(text, d.offset + d.length.saturating_sub(1));
        Position {
            line,
            column,
            end_line,
            end_column,
        }
    }
}
