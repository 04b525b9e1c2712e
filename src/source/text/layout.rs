//! Deciding, per plain-text document, which lines start questions.
//!
//! A document numbers its questions one way. Choosing that way first is what keeps a numbered list
//! inside an answer from being read as questions when the questions themselves are marked `Q:`, and
//! keeps a sub-list `1. 2. 3.` from breaking a numbered sequence of questions.

use super::outline::{Kind, Outline, Start};
use crate::model::Layout;
use crate::source::cues::{Marker, QuestionCues};

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
