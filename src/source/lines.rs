//! Splitting a document into lines that remember their exact byte positions.
//!
//! Owns line boundaries, indentation and the BOM; knows nothing about questions. Offsets are into the
//! original text, so CRLF files and files that start with a byte-order mark keep exact positions.

/// One line of a document. `text` excludes indentation, trailing white space and the line terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// Byte offset of the first byte after the indentation (the BOM counts as neither).
    pub start: usize,
    /// Byte offset just past the last non-white-space character.
    pub end: usize,
    /// Indentation width in columns (a tab counts as four).
    pub indent: usize,
    pub text: &'a str,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

const BOM: char = '\u{feff}';

/// Splits `text` on `\n`, stripping `\r`, indentation and trailing white space from each line's `text`.
pub fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    for (number, raw) in text.split('\n').enumerate() {
        let mut start = line_start;
        if number == 0 && raw.starts_with(BOM) {
            start += BOM.len_utf8();
        }
        let body = &text[start..line_start + raw.len()];
        let mut indent = 0;
        let mut content_start = start;
        for c in body.chars() {
            match c {
                '\t' => indent += 4,
                c if c.is_whitespace() => indent += 1,
                _ => break,
            }
            content_start += c.len_utf8();
        }
        let content = text[content_start..line_start + raw.len()].trim_end();
        lines.push(Line {
            number: number + 1,
            start: content_start,
            end: content_start + content.len(),
            indent,
            text: content,
        });
        line_start += raw.len() + 1;
    }
    lines
}

/// Maps byte offsets to 1-based line numbers and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let line_start = self.starts[line - 1];
        // A byte-order mark is not a character anyone sees: columns on line 1 start after it.
        let line_start = if line == 1 && text.starts_with('\u{feff}') && offset >= 3 {
            3
        } else {
            line_start
        };
        let column = text
            .get(line_start..offset)
            .map_or(offset - line_start, |s| s.chars().count());
        (line, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_bom_keep_original_offsets() {
        let text = "\u{feff}Q: one?\r\n  A: two\r\n\r\nlast";
        let lines = split_lines(text);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0].text, "Q: one?");
        assert_eq!(&text[lines[0].start..lines[0].end], "Q: one?");
        assert_eq!(lines[0].start, 3);
        assert_eq!(lines[1].text, "A: two");
        assert_eq!(lines[1].indent, 2);
        assert_eq!(&text[lines[1].start..lines[1].end], "A: two");
        assert!(lines[2].is_blank());
        assert_eq!(lines[3].number, 4);
    }

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let text = "ab\n“é” x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), (2, 5));
        let bom = "\u{feff}Q: x";
        assert_eq!(
            LineIndex::new(bom).line_col(bom, bom.find('x').unwrap()),
            (1, 4)
        );
    }
}
