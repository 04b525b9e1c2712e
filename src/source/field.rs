//! Building a card field's text while recording which bytes came verbatim from the source.
//!
//! Owns the [`Piece`] bookkeeping so that parsers only say "copy this source range" or "write this
//! marker"; later stages use the pieces to point diagnostics at exact bytes of the original file.

use crate::model::Piece;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldText {
    pub text: String,
    pub pieces: Vec<Piece>,
}

impl FieldText {
    /// Appends `s`, which is the source text starting at byte `source_offset`.
    pub fn push_source(&mut self, source_offset: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        let field_offset = self.text.len();
        self.text.push_str(s);
        match self.pieces.last_mut() {
            Some(last)
                if last.field_offset + last.len == field_offset
                    && last.source_offset + last.len == source_offset =>
            {
                last.len += s.len();
            }
            _ => self.pieces.push(Piece {
                field_offset,
                source_offset,
                len: s.len(),
            }),
        }
    }

    /// Appends text that is not in the source (a list marker we normalised, a separator).
    pub fn push_synthetic(&mut self, s: &str) {
        self.text.push_str(s);
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Removes the first `n` bytes (a marker such as `12. ` or `Q:`), keeping pieces aligned.
    pub fn drop_front(&mut self, n: usize) {
        let n = n.min(self.text.len());
        self.text.drain(..n);
        self.pieces.retain_mut(|p| {
            if p.field_offset + p.len <= n {
                return false;
            }
            let cut = n.saturating_sub(p.field_offset);
            p.source_offset += cut;
            p.len -= cut;
            p.field_offset = p.field_offset + cut - n;
            true
        });
    }

    /// Removes leading and trailing white space, keeping pieces aligned.
    pub fn trim(&mut self) {
        self.trim_end();
        let leading = self.text.len() - self.text.trim_start().len();
        self.drop_front(leading);
    }

    /// Appends the source range `range` of `source` line by line, dropping `\r` so CRLF files give
    /// `\n`-separated fields that still map back to exact bytes.
    #[cfg(test)]
    pub fn push_source_lines(&mut self, source: &str, range: std::ops::Range<usize>) {
        let mut offset = range.start;
        for (i, line) in source[range].split('\n').enumerate() {
            if i > 0 {
                self.push_synthetic("\n");
            }
            self.push_source(offset, line.strip_suffix('\r').unwrap_or(line));
            offset += line.len() + 1;
        }
    }

    /// Removes trailing white space, trimming pieces to match.
    pub fn trim_end(&mut self) {
        let len = self.text.trim_end().len();
        self.truncate(len);
    }

    /// Keeps the first `len` bytes (a char boundary), trimming pieces to match.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.text.len() {
            return;
        }
        self.text.truncate(len);
        self.pieces.retain(|p| p.field_offset < len);
        if let Some(last) = self.pieces.last_mut() {
            last.len = last.len.min(len - last.field_offset);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjacent_source_runs_merge_and_synthetic_text_is_not_mapped() {
        let mut field = FieldText::default();
        field.push_synthetic("- ");
        field.push_source(10, "abc");
        field.push_source(13, "def");
        field.push_synthetic("\n");
        assert_eq!(field.text, "- abcdef\n");
        assert_eq!(
            field.pieces,
            vec![Piece {
                field_offset: 2,
                source_offset: 10,
                len: 6
            }]
        );
        field.trim_end();
        assert_eq!(field.text, "- abcdef");
        field.push_source(40, "xy  ");
        field.trim_end();
        assert_eq!(field.pieces.last().unwrap().len, 2);
    }

    #[test]
    fn drop_front_and_trim_keep_pieces_aligned() {
        let mut field = FieldText::default();
        field.push_source(100, "12. What is X?  ");
        field.drop_front(4);
        field.trim();
        assert_eq!(field.text, "What is X?");
        assert_eq!(field.pieces[0].source_offset, 104);
        assert_eq!(field.pieces[0].field_offset, 0);
        assert_eq!(field.pieces[0].len, 10);
    }

    #[test]
    fn source_lines_drop_carriage_returns() {
        let source = "ab\r\ncd\r\n";
        let mut field = FieldText::default();
        field.push_source_lines(source, 0..source.len());
        field.trim_end();
        assert_eq!(field.text, "ab\ncd");
        assert_eq!(field.pieces[1].source_offset, 4);
    }
}
