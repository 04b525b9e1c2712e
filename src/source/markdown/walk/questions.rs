//! Which outline items ask a question, and which end the answer of the card that is open.

use super::super::layout::{is_label, item_prompt, paragraph_prompt, question_text};
use super::super::outline::{Heading, Item, Kind, Paragraph};
use super::{Opener, Walk};
use crate::source::cues::{Marker, marker};

impl Walk<'_> {
    /// Whether `item` would open a card if no card were open, and of which kind.
    pub(super) fn candidate(&self, item: &Item) -> Option<Opener> {
        if item.quoted {
            return None;
        }
        match &item.kind {
            Kind::Heading(h) => self.heading_question(h, item),
            Kind::Paragraph(p) if p.opens_item.is_none() => self.paragraph_question(p, item),
            Kind::ListItem(li) => {
                let first = li.first_block.map(|b| &self.outline.items[b]);
                let list_ok = self.in_prompt_list(item);
                match first.map(|f| &f.kind) {
                    Some(Kind::Paragraph(_)) if list_ok && item.depth == 1 => {
                        item_prompt(self.outline, item, self.ctx)
                            .then_some(Opener::ListItem { depth: item.depth })
                    }
                    _ => None,
                }
            }
            Kind::Summary(s) => {
                let text = question_text(&s.text);
                let prompt = self.ctx.cues.is_question_like(&text);
                let accepted = self.evidence.summary && !text.is_empty() && !is_label(&text);
                (prompt || accepted).then_some(Opener::Summary {
                    frame: self.details.len().checked_sub(1),
                })
            }
            _ => None,
        }
    }

    pub(super) fn heading_question(&self, h: &Heading, item: &Item) -> Option<Opener> {
        let raw = h.text.text.trim();
        let marked = matches!(marker(raw), Some((Marker::Question, _)));
        let numbered = matches!(marker(raw), Some((Marker::Number(_), _)));
        let text = question_text(&h.text);
        if text.is_empty() {
            return None;
        }
        let prompt = self.ctx.cues.is_question_like(&text);
        let accepted =
            numbered && self.evidence.numbered[usize::from(h.level.min(6))] && !is_label(&text);
        if !(marked || prompt || accepted) {
            return None;
        }
        Some(match h.opens_item {
            Some(_) => Opener::ItemHeading {
                level: h.level,
                depth: item.depth,
            },
            None => Opener::Heading(h.level),
        })
    }

    pub(super) fn paragraph_question(&self, p: &Paragraph, item: &Item) -> Option<Opener> {
        if item.depth > 0 {
            return None;
        }
        let raw = p.first_line.text.trim();
        let unbolded = raw.trim_start_matches(['*', '_']).trim_start();
        if matches!(marker(unbolded), Some((Marker::Question, _)))
            && !question_text(&p.first_line).is_empty()
        {
            return Some(Opener::Marked);
        }
        if !p.bold_first_line {
            return None;
        }
        let text = question_text(&p.first_line);
        let accepted = self.evidence.bold && !text.is_empty() && !is_label(&text);
        (paragraph_prompt(p, self.ctx) || accepted).then_some(Opener::Bold)
    }

    /// Whether a list item belongs to a list judged a list of questions.
    pub(super) fn in_prompt_list(&self, item: &Item) -> bool {
        match &item.kind {
            Kind::ListItem(li) => li.list.is_some_and(|l| self.evidence.prompt_lists[l]),
            _ => false,
        }
    }

    /// Whether `item` ends the open card's answer.
    pub(super) fn ends_card(&self, item: &Item, candidate: Option<Opener>) -> bool {
        let Some(open) = &self.open else {
            return false;
        };
        let free_heading = match &item.kind {
            Kind::Heading(h) if h.opens_item.is_none() && item.depth == 0 && !item.quoted => {
                Some(h.level)
            }
            _ => None,
        };
        // A list item ends a list-item question when it is the next item of the same list or
        // opens a question itself; any other list is part of the answer (an answer's list that
        // lost its indentation breaks out of the item).
        let item_depth = match &item.kind {
            Kind::ListItem(li)
                if li.list.is_some() && li.list == open.list
                    || self.item_opens_question(item, candidate) =>
            {
                Some(item.depth)
            }
            _ => None,
        };
        // A `<details>` block whose summary asks a question, and a `Q:` paragraph, are questions
        // of their own even after a question heading; inside a list item they belong to its answer.
        let explicit_question =
            item.depth == 0 && matches!(candidate, Some(Opener::Summary { .. } | Opener::Marked));
        // Under a question heading, a deeper heading or a bold paragraph asks a question of its
        // own only where the document uses that structure for questions throughout.
        let structural_question = match candidate {
            Some(Opener::Heading(l)) => self.evidence.heading_levels[usize::from(l.min(6))],
            Some(Opener::Bold) => item.depth == 0 && self.evidence.bold_questions,
            _ => false,
        };
        match open.opener {
            Opener::Heading(level) => {
                free_heading.is_some_and(|l| l <= level) || explicit_question || structural_question
            }
            Opener::ItemHeading { level, depth } => {
                item_depth.is_some_and(|d| d <= depth)
                    || free_heading.is_some_and(|l| l <= level)
                    || explicit_question
            }
            Opener::Summary { frame } => {
                let frame_still_open = frame.is_some_and(|f| f < self.details.len());
                matches!(candidate, Some(Opener::Summary { .. }))
                    || free_heading
                        .is_some_and(|l| !frame_still_open || l <= self.section_level.max(1))
            }
            // A list after a bold question is its answer, even a list of questions.
            Opener::Bold | Opener::Marked => {
                free_heading.is_some()
                    || matches!(
                        candidate,
                        Some(Opener::Bold | Opener::Marked | Opener::Summary { .. })
                    )
            }
            Opener::ListItem { depth } => {
                item_depth.is_some_and(|d| d <= depth)
                    || free_heading.is_some()
                    || (item.depth == 0
                        && matches!(
                            candidate,
                            Some(Opener::Bold | Opener::Marked | Opener::Summary { .. })
                        ))
            }
        }
    }

    /// Whether a list item opens a question: it is an item of a list of questions, or its first
    /// block is a question heading.
    pub(super) fn item_opens_question(&self, item: &Item, candidate: Option<Opener>) -> bool {
        let Kind::ListItem(li) = &item.kind else {
            return false;
        };
        candidate.is_some()
            || li.first_block.is_some_and(|b| {
                let first = &self.outline.items[b];
                matches!(&first.kind, Kind::Heading(h) if self.heading_question(h, first).is_some())
            })
    }
}
