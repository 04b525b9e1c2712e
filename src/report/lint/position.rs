//! Line and column of a diagnostic, computed only when rendering (spans are bytes until then).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::lint::Diagnostic;
use crate::source::lines::LineIndex;

/// 1-based lines and columns (columns in characters) of a diagnostic's first and last byte; zeros
/// when the file's text is unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Positions of diagnostics, indexing each file's lines once however many diagnostics it has.
pub struct Positions<'t> {
    texts: &'t BTreeMap<String, Arc<str>>,
    indexes: BTreeMap<String, LineIndex>,
}

impl<'t> Positions<'t> {
    pub fn new(texts: &'t BTreeMap<String, Arc<str>>) -> Self {
        Positions {
            texts,
            indexes: BTreeMap::new(),
        }
    }

    pub fn of(&mut self, d: &Diagnostic) -> Position {
        let Some(text) = self.texts.get(&d.file) else {
            return Position::default();
        };
        let index = self
            .indexes
            .entry(d.file.clone())
            .or_insert_with(|| LineIndex::new(text));
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

/// Each diagnostic with its position, in order: what every format that shows lines and columns
/// walks, each file's lines indexed once.
pub fn with_positions<'a>(
    diagnostics: &'a [Diagnostic],
    texts: &'a BTreeMap<String, Arc<str>>,
) -> impl Iterator<Item = (&'a Diagnostic, Position)> + 'a {
    let mut positions = Positions::new(texts);
    diagnostics.iter().map(move |d| (d, positions.of(d)))
}
