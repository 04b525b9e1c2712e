//! Deciding, per plain-text document, which lines start questions.
//!
//! A document numbers its questions one way. Choosing that way first is what keeps a numbered list
//! inside an answer from being read as questions when the questions themselves are marked `Q:`, and
//! keeps a sub-list `1. 2. 3.` from breaking a numbered sequence of questions.

use crate::model::Layout;
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
    fn is_bare_question(&self, line: usize, sub_headings: bool, cues: &QuestionCues) -> bool {
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

/// How a plain-text document marks its questions.
#[derive(Debug)]
pub struct Reading {
    pub layout: Layout,
    pub starts: Vec<Start>,
    /// Lines that name a section and end the card before them (contents entries that read as titles).
    pub sections: Vec<usize>,
    /// The page's own table of contents.
    pub contents: Option<std::ops::Range<usize>>,
}

/// Chooses the document's layout and the lines that start its questions.
///
/// Order of preference: explicit `Q:`/`Question N` markers, then a numbered sequence of question-like
/// lines, then the entries of the page's own table of contents found again as lines of their own,
/// then lone lines ending in `?`. A numbered document also takes lone `?` lines after its last
/// numbered question (an FAQ section at the end of a page).
pub fn find_starts(outline: &Outline<'_>, cues: &QuestionCues) -> Option<Reading> {
    let reading = |layout, starts| Reading {
        layout,
        starts,
        sections: Vec::new(),
        contents: None,
    };
    let marked = marked_starts(outline);
    let has_answer_marker = (0..outline.lines.len()).any(|i| {
        outline.is_unindented(i) && matches!(outline.kinds[i], Kind::Marked(Marker::Answer, _))
    });
    if marked.len() >= 2 || (!marked.is_empty() && has_answer_marker) {
        return Some(reading(Layout::Marked, marked));
    }
    let numbered = numbered_chain(outline, cues);
    if !numbered.is_empty() {
        let last = numbered.last().map_or(0, |s| s.line);
        let mut starts = numbered;
        starts.extend(bare_starts(outline, false, cues).filter(|s| s.line > last));
        return Some(reading(Layout::Numbered, starts));
    }
    if let Some(contents) = super::contents::find(outline, cues) {
        let mut lines: Vec<usize> = contents.questions.clone();
        // Questions the contents leave out (follow-ups) are lone `?` lines, unless a list follows
        // at once: then the line leads into the list of the answer it sits in.
        lines.extend(
            bare_starts(outline, true, cues)
                .map(|s| s.line)
                .filter(|&l| l > contents.block.end && !contents.sections.contains(&l))
                .filter(|&l| !outline.list_follows(l)),
        );
        lines.sort_unstable();
        lines.dedup();
        let starts = lines
            .into_iter()
            .map(|line| Start {
                line,
                marker_len: 0,
            })
            .collect();
        return Some(Reading {
            layout: Layout::Contents,
            starts,
            sections: contents.sections,
            contents: Some(contents.block),
        });
    }
    let bare: Vec<Start> = bare_starts(outline, false, cues).collect();
    (!bare.is_empty()).then(|| reading(Layout::Bare, bare))
}

fn marked_starts(outline: &Outline<'_>) -> Vec<Start> {
    (0..outline.lines.len())
        .filter(|&i| outline.is_unindented(i))
        .filter_map(|i| match outline.kinds[i] {
            Kind::Marked(Marker::Question, len) => Some(Start {
                line: i,
                marker_len: len,
            }),
            _ => None,
        })
        .collect()
}

fn bare_starts<'o>(
    outline: &'o Outline<'_>,
    sub_headings: bool,
    cues: &'o QuestionCues,
) -> impl Iterator<Item = Start> + 'o {
    (0..outline.lines.len())
        .filter(move |&i| outline.is_bare_question(i, sub_headings, cues))
        .map(|i| Start {
            line: i,
            marker_len: 0,
        })
}

/// How far a numbered sequence may skip (scraped pages lose an item now and then).
const MAX_GAP: u32 = 3;

/// The best-scoring run of unindented numbered lines whose numbers increase, favouring lines that read
/// like questions and stand alone. Sub-lists inside answers restart at 1 and read like statements, so
/// they lose to the questions' own sequence.
fn numbered_chain(outline: &Outline<'_>, cues: &QuestionCues) -> Vec<Start> {
    struct Node {
        start: Start,
        score: f64,
        prev: Option<usize>,
    }
    let mut nodes: Vec<Node> = Vec::new();
    // For each number, the best-scoring node ending with it so far (file order is kept by construction).
    let mut best_by_number: std::collections::BTreeMap<u32, usize> = Default::default();
    for i in 0..outline.lines.len() {
        let Kind::Marked(Marker::Number(n), len) = outline.kinds[i] else {
            continue;
        };
        if !outline.is_unindented(i) {
            continue;
        }
        let text = &outline.lines[i].text[len..];
        let mut weight = if cues.is_question_like(text) {
            2.0
        } else {
            -1.5
        };
        if outline.is_alone_in_block(i) {
            weight += 1.0;
        }
        let mut best: Option<(f64, usize)> = None;
        for gap in 0..=MAX_GAP {
            let Some(&j) = n.checked_sub(gap + 1).and_then(|m| best_by_number.get(&m)) else {
                continue;
            };
            let score = nodes[j].score - f64::from(gap) * 2.0;
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, j));
            }
        }
        let (prev_score, prev) = match best {
            Some((s, j)) if s > 0.0 => (s, Some(j)),
            _ => (0.0, None),
        };
        nodes.push(Node {
            start: Start {
                line: i,
                marker_len: len,
            },
            score: prev_score + weight,
            prev,
        });
        let id = nodes.len() - 1;
        let slot = best_by_number.entry(n).or_insert(id);
        if nodes[*slot].score < nodes[id].score {
            *slot = id;
        }
    }
    let Some(mut at) =
        (0..nodes.len()).max_by(|&a, &b| nodes[a].score.total_cmp(&nodes[b].score).then(b.cmp(&a)))
    else {
        return Vec::new();
    };
    if nodes[at].score <= 0.0 {
        return Vec::new();
    }
    let mut chain = vec![nodes[at].start];
    while let Some(prev) = nodes[at].prev {
        chain.push(nodes[prev].start);
        at = prev;
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::lines::split_lines;

    fn starts(text: &str) -> Option<(Layout, Vec<usize>)> {
        let outline = Outline::new(split_lines(text));
        find_starts(&outline, &QuestionCues::default())
            .map(|r| (r.layout, r.starts.iter().map(|s| s.line + 1).collect()))
    }

    #[test]
    fn numbered_questions_beat_unindented_sub_lists() {
        let text = "1. What is a queue?\n\nIt buffers work:\n1. producers write\n2. consumers read\n3. acks delete\n\n2. Describe back-pressure.\n\nSlow down producers.\n";
        assert_eq!(starts(text), Some((Layout::Numbered, vec![1, 8])));
    }

    #[test]
    fn q_markers_make_numbered_lines_list_items() {
        let text = "Q: What is a queue?\nA: It buffers work:\n1. producers write\n2. consumers read\n\nQ: Why?\nA: Because.\n";
        assert_eq!(starts(text), Some((Layout::Marked, vec![1, 6])));
    }

    #[test]
    fn lone_questions_after_the_last_numbered_one_are_questions() {
        let text = "1. What is X?\n\nX.\n\nFAQ\n\nWhat should I wear?\n\nClothes.\n";
        assert_eq!(starts(text), Some((Layout::Numbered, vec![1, 7])));
    }

    #[test]
    fn bare_layout_and_nothing_found() {
        assert_eq!(
            starts("Intro.\n\nWhy cache?\n\nSpeed.\n\nWhat is TTL?\n\nLifetime.\n"),
            Some((Layout::Bare, vec![3, 7]))
        );
        assert_eq!(starts("Just prose.\n\nMore prose.\n"), None);
        assert_eq!(starts(""), None);
    }
}
