//! A plain-text document as classified lines (blank, marked with `1.`/`Q:`/`•`/`Example:`, or text)
//! and blocks (runs of non-blank lines), with the shapes the layouts ask about: is a line unindented,
//! alone in its block, a lone question, followed by a list.
//!
//! Owns only the classification; which lines start questions is [`super::layout`]'s business.

use crate::source::cues::{Marker, QuestionCues, ends_with_question_mark, is_heading_like};
use crate::source::lines::Line;

/// A line's role before any layout is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Blank,
    /// A marker and the byte length it occupies at the start of the line's text.
    Marked(Marker, usize),
    Text,
}

/// A line that starts a question, and how many bytes of its text are the marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Start {
    pub line: usize,
    pub marker_len: usize,
}

/// The classified lines of one document and its blocks (runs of non-blank lines).
pub struct Outline<'a> {
    pub lines: Vec<Line<'a>>,
    pub kinds: Vec<Kind>,
    /// Line-index ranges of blocks, in order.
    pub blocks: Vec<std::ops::Range<usize>>,
    /// The smallest indentation of any non-blank line: "unindented" means at this indentation.
    pub base_indent: usize,
}

impl<'a> Outline<'a> {
    pub fn new(lines: Vec<Line<'a>>) -> Self {
        let kinds = lines
            .iter()
            .map(|line| match crate::source::cues::marker(line.text) {
                _ if line.is_blank() => Kind::Blank,
                Some((marker, len)) => Kind::Marked(marker, len),
                None => Kind::Text,
            })
            .collect();
        let mut blocks = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            if lines[i].is_blank() {
                i += 1;
                continue;
            }
            let start = i;
            while i < lines.len() && !lines[i].is_blank() {
                i += 1;
            }
            blocks.push(start..i);
        }
        let base_indent = lines
            .iter()
            .filter(|l| !l.is_blank())
            .map(|l| l.indent)
            .min()
            .unwrap_or(0);
        Outline {
            lines,
            kinds,
            blocks,
            base_indent,
        }
    }

    pub fn is_unindented(&self, line: usize) -> bool {
        self.lines[line].indent <= self.base_indent
    }

    /// Whether the block after the one `line` opens is a list (its first line a list item).
    pub fn list_follows(&self, line: usize) -> bool {
        let at = self.blocks.partition_point(|b| b.start <= line);
        let own_block_is_line = self
            .blocks
            .get(at.wrapping_sub(1))
            .is_some_and(|b| b.len() == 1);
        own_block_is_line
            && self.blocks.get(at).is_some_and(|b| {
                matches!(
                    self.kinds[b.start],
                    Kind::Marked(Marker::Bullet | Marker::Number(_), _)
                )
            })
    }

    pub fn is_alone_in_block(&self, line: usize) -> bool {
        let blank = |i: usize| self.lines.get(i).is_none_or(Line::is_blank);
        blank(line + 1) && (line == 0 || blank(line - 1))
    }

    /// An unindented line ending in `?` that opens a block and is followed by its answer: either the
    /// rest of its block (answer on the next line) or, when it stands alone, the next paragraph
    /// (which must not be another lone question or a heading).
    ///
    /// With `sub_headings`, a title-like line after the question is the first sub-heading of its
    /// answer ("Pros", "Cons"), not a sign that the question is itself a heading.
    ///
    /// A lone line that opens with a prompt verb ("Explain the virtual DOM") is a question too, when
    /// it is not shaped like a title and does not end a sentence.
    pub(super) fn is_bare_question(
        &self,
        line: usize,
        sub_headings: bool,
        cues: &QuestionCues,
    ) -> bool {
        let opens_block = |i: usize| {
            self.kinds[i] == Kind::Text
                && self.is_unindented(i)
                && (i == 0 || self.lines[i - 1].is_blank())
        };
        let opens_question =
            |i: usize| opens_block(i) && ends_with_question_mark(self.lines[i].text);
        let text = self.lines[line].text;
        // Cheapest tests first: most lone lines are answer paragraphs ending a sentence.
        let prompt = !text.ends_with(['.', '!', ':', ';', ','])
            && opens_block(line)
            && self.is_alone_in_block(line)
            && text.split_whitespace().nth(20).is_none()
            && cues.is_question_like(text)
            && !is_heading_like(text);
        if !opens_question(line) && !prompt {
            return false;
        }
        if !self.is_alone_in_block(line) {
            return !ends_with_question_mark(self.lines[line + 1].text);
        }
        let next = self
            .blocks
            .get(self.blocks.partition_point(|b| b.start <= line));
        next.is_some_and(|b| {
            let lone = b.len() == 1;
            let heading = !sub_headings && is_heading_like(self.lines[b.start].text);
            !(lone && (opens_question(b.start) || heading))
        })
    }
}
