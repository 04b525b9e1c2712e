//! Where an offset sits on its line (its column, and where its block starts once indentation is
//! counted in), for offsets asked in source order.
//!
//! The outline builder asks for every block and list item. Searching back to the line start each
//! time made a line holding many of them quadratic: `- - - … x` nests 50,000 lists on one line of
//! 100 KB. Remembering the last position and moving forward from it makes a whole pass linear in
//! the source; an offset before the last one is found from its line start, as before.

/// The last offset asked for, with its line's facts.
pub(super) struct Positions<'s> {
    source: &'s str,
    at: usize,
    /// Start of the line holding `at` (after its `\n`).
    line: usize,
    /// Column of `at`.
    column: usize,
    /// End of the line's leading byte-order marks.
    marks_end: usize,
    /// End of the line's indentation: spaces, tabs and byte-order marks.
    indent_end: usize,
}

impl<'s> Positions<'s> {
    pub fn new(source: &'s str) -> Self {
        let mut positions = Positions {
            source,
            at: 0,
            line: 0,
            column: 0,
            marks_end: 0,
            indent_end: 0,
        };
        positions.enter_line(0, 0);
        positions
    }

    /// The column of `offset` on its line, a tab advancing to the next multiple of four.
    pub fn column(&mut self, offset: usize) -> usize {
        self.seek(offset);
        self.column
    }

    /// `offset`, moved back to its line's start (after any byte-order mark) when only indentation
    /// comes before it: a block's start extended over its indentation, so an indented code block
    /// keeps it.
    pub fn line_start(&mut self, offset: usize) -> usize {
        self.seek(offset);
        if offset <= self.indent_end {
            self.marks_end.min(offset)
        } else {
            offset
        }
    }

    fn seek(&mut self, offset: usize) {
        if offset == self.at {
            return;
        }
        if offset > self.at {
            let step = &self.source[self.at..offset];
            match step.rfind('\n') {
                None => self.column = advance(self.column, step),
                Some(newline) => self.enter_line(self.at + newline + 1, offset),
            }
        } else {
            let line = self.source[..offset].rfind('\n').map_or(0, |p| p + 1);
            self.enter_line(line, offset);
        }
        self.at = offset;
    }

    /// Moves to `offset` on the line starting at `line`.
    fn enter_line(&mut self, line: usize, offset: usize) {
        self.line = line;
        self.at = offset;
        self.column = advance(0, &self.source[line..offset]);
        let rest = &self.source[line..];
        let marks = rest.len() - rest.trim_start_matches('\u{feff}').len();
        let indent = rest.len() - rest.trim_start_matches([' ', '\t', '\u{feff}']).len();
        self.marks_end = line + marks;
        self.indent_end = line + indent;
    }
}

/// `column` moved over `text`, which holds no line break.
fn advance(column: usize, text: &str) -> usize {
    text.chars().fold(column, |col, c| match c {
        '\t' => col + 4 - col % 4,
        '\u{feff}' => col,
        _ => col + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The line-by-line definitions the cursor replaced, searching back to the line start each time.

    /// Extends a block's start back over indentation, so an indented code block keeps its indentation.
    fn line_start(source: &str, offset: usize) -> usize {
        let before = &source[..offset];
        let start = before.rfind('\n').map_or(0, |p| p + 1);
        let indentation = &before[start..];
        if indentation
            .chars()
            .all(|c| c == ' ' || c == '\t' || c == '\u{feff}')
        {
            start + indentation.len() - indentation.trim_start_matches('\u{feff}').len()
        } else {
            offset
        }
    }

    /// The column of `offset` on its line, a tab advancing to the next multiple of four.
    fn column(source: &str, offset: usize) -> usize {
        let start = source[..offset].rfind('\n').map_or(0, |p| p + 1);
        source[start..offset].chars().fold(0, |col, c| match c {
            '\t' => col + 4 - col % 4,
            '\u{feff}' => col,
            _ => col + 1,
        })
    }

    /// Every offset of `text`, asked forwards, then backwards, then jumping about, gives what the
    /// line-by-line functions give.
    fn agrees(text: &str) {
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let jumping: Vec<usize> = offsets
            .iter()
            .enumerate()
            .map(|(k, _)| offsets[(k * 7) % offsets.len()])
            .collect();
        for order in [
            offsets.clone(),
            offsets.iter().rev().copied().collect(),
            jumping,
        ] {
            let mut positions = Positions::new(text);
            for &offset in &order {
                assert_eq!(
                    positions.column(offset),
                    column(text, offset),
                    "column {offset} of {text:?}"
                );
                assert_eq!(
                    positions.line_start(offset),
                    line_start(text, offset),
                    "line_start {offset} of {text:?}"
                );
            }
        }
    }

    #[test]
    fn the_cursor_agrees_with_the_line_by_line_functions() {
        for text in [
            "",
            "- - - x\n",
            "  - a\n\t- b\n    \n1. c",
            "\u{feff}\u{feff}  # Title\r\n  text\u{feff}\tafter\n",
            "é\t\u{feff}ü\n\n \t x",
        ] {
            agrees(text);
        }
    }
}
