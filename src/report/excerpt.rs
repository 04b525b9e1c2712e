//! The lines around one diagnostic, as miette's graphical renderer reads a source.
//!
//! Owns keeping that renderer's cost per diagnostic independent of where in the file it points.
//! Given a whole file, miette counts lines from the first byte for every diagnostic it renders, so
//! 10,000 findings in one page cost 10,000 passes over the page (quadratic: minutes for a page
//! of repeated questions). An [`Excerpt`] starts a line before the diagnostic's own and tells
//! miette which line that is; the file's line starts are found once per file ([`LineStarts`]).

use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Where each line of a file starts, with miette's idea of a line break (`\n`, `\r\n` or a lone
/// `\r`), so line numbers agree with what miette would count over the whole file.
pub struct LineStarts(Vec<usize>);

impl LineStarts {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &byte) in bytes.iter().enumerate() {
            let ends_line = byte == b'\n' || (byte == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineStarts(starts)
    }

    /// The 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.0
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }
}

/// A file seen from `context_lines` lines before one offset on: what miette needs to render a
/// diagnostic there, with the same line numbers and columns as the whole file would give.
pub struct Excerpt {
    name: String,
    text: Arc<str>,
    /// Byte offset of the excerpt's first line in the file.
    start: usize,
    /// 0-based number of that line in the file.
    line: usize,
}

impl Excerpt {
    pub fn new(
        name: &str,
        text: Arc<str>,
        lines: &LineStarts,
        offset: usize,
        context_lines: usize,
    ) -> Self {
        let line = lines.line_of(offset).saturating_sub(context_lines);
        Excerpt {
            name: name.to_owned(),
            start: lines.0.get(line).copied().unwrap_or(0),
            text,
            line,
        }
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let local = SourceSpan::new(
            span.offset()
                .checked_sub(self.start)
                .ok_or(MietteError::OutOfBounds)?
                .into(),
            span.len(),
        );
        let rest = self
            .text
            .get(self.start..)
            .ok_or(MietteError::OutOfBounds)?;
        let inner = rest.read_span(&local, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new(
                (inner.span().offset() + self.start).into(),
                inner.span().len(),
            ),
            inner.line() + self.line,
            inner.column(),
            inner.line_count() + self.line,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette reads for `span` from the whole file and from an excerpt: the same text, place,
    /// line and column.
    fn both(text: &str, offset: usize, len: usize) {
        let whole = text.read_span(&(offset, len).into(), 1, 1).unwrap();
        let shared: Arc<str> = Arc::from(text);
        let excerpt = Excerpt::new("f.md", shared, &LineStarts::new(text), offset, 1);
        let part = excerpt.read_span(&(offset, len).into(), 1, 1).unwrap();
        assert_eq!(part.data(), whole.data(), "{text:?} at {offset}");
        assert_eq!(part.span(), whole.span(), "{text:?} at {offset}");
        assert_eq!(part.line(), whole.line(), "{text:?} at {offset}");
        assert_eq!(part.column(), whole.column(), "{text:?} at {offset}");
        assert_eq!(part.name(), Some("f.md"));
    }

    #[test]
    fn an_excerpt_reads_as_the_whole_file_does() {
        let text = "one\ntwo\r\nthree\rfour\n\nsix ünïcode\nseven";
        for offset in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            both(text, offset, 1.min(text.len() - offset));
        }
        both(text, 4, 10);
        both("", 0, 0);
    }
}
