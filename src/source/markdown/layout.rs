//! Which structures of a Markdown document hold its questions, judged from the document as a whole.
//!
//! A heading, a bold paragraph, a `<summary>` or a list item is a question when it reads as a prompt
//! (a question, an interrogative or a prompt verb first, "True or False …"). Some documents also set
//! questions that do not read as prompts ("Precision-recall trade-off", "Run a command that …") in the
//! same structure as hundreds that do: when nearly all members of a structure are prompts, the rest
//! are taken as questions too, unless they are labels (`**Example:**`). Lists are judged one by one:
//! a list is a list of questions when most of its items are prompts, not links and not labels.
//!
//! Owns this evidence and its explanation; where a question ends is the walk's business.

use crate::source::ParseContext;
use crate::source::cues::{Marker, ends_with_question_mark, marker, without_decoration};
use crate::source::field::FieldText;

use super::outline::{Inline, Item, Kind, Outline, Paragraph};

/// What the document as a whole says about where its questions are.
#[derive(Debug, Default)]
pub struct Evidence {
    /// Bold paragraphs that are not prompts are questions too.
    pub bold: bool,
    /// `<summary>` texts that are not prompts are questions too.
    pub summary: bool,
    /// Numbered headings (`## 12. …`) that are not prompts are questions too, per level.
    pub numbered: [bool; 7],
    /// Headings of this level (outside lists) are nearly all prompts: a question structure, so one
    /// inside the answer of a shallower question heading is a question of its own.
    pub heading_levels: [bool; 7],
    /// Bold paragraphs are nearly all prompts: a question structure, not labels, so one after a
    /// question heading asks a question of its own.
    pub bold_questions: bool,
    /// Per outline item: a list of questions (indexed like the outline's items).
    pub prompt_lists: Vec<bool>,
    /// What was found, for `--explain`.
    pub notes: Vec<String>,
}

/// Counts of prompts among the members of one structure.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    members: usize,
    prompts: usize,
}

impl Tally {
    fn add(&mut self, prompt: bool) {
        self.members += 1;
        self.prompts += usize::from(prompt);
    }

    /// At least `min` prompts and at least `percent` of the members.
    fn holds(self, min: usize, percent: usize) -> bool {
        self.prompts >= min && self.prompts * 100 >= self.members * percent
    }
}

impl Evidence {
    pub fn gather(outline: &Outline, ctx: &ParseContext) -> Evidence {
        let mut bold = Tally::default();
        let mut summary = Tally::default();
        let mut numbered = [Tally::default(); 7];
        let mut levels = [Tally::default(); 7];
        let mut lists = Tally::default();
        for item in outline.items.iter().filter(|i| !i.quoted) {
            match &item.kind {
                Kind::Paragraph(p) if item.depth == 0 && p.bold_first_line => {
                    bold.add(paragraph_prompt(p, ctx));
                }
                Kind::Summary(s) => summary.add(ctx.cues.is_question_like(&question_text(&s.text))),
                Kind::Heading(h) => {
                    let level = usize::from(h.level.min(6));
                    let prompt = ctx.cues.is_question_like(&question_text(&h.text));
                    if let Some((Marker::Number(_), _)) = marker(h.text.text.trim()) {
                        numbered[level].add(prompt);
                    }
                    if h.opens_item.is_none() && item.depth == 0 {
                        levels[level].add(prompt);
                    }
                }
                Kind::List(_) if item.depth == 0 => {
                    let (members, prompts) = list_tally(outline, item, ctx);
                    lists.members += members;
                    lists.prompts += prompts;
                }
                _ => {}
            }
        }
        let mut evidence = Evidence {
            bold: bold.holds(5, 90),
            bold_questions: bold.holds(2, 80),
            summary: summary.holds(3, 60),
            prompt_lists: vec![false; outline.items.len()],
            ..Evidence::default()
        };
        for (level, tally) in numbered.iter().enumerate() {
            evidence.numbered[level] = tally.holds(3, 80);
        }
        for (level, tally) in levels.iter().enumerate() {
            evidence.heading_levels[level] = tally.holds(2, 80);
        }
        let lists_hold = lists.holds(3, 60);
        for (index, item) in outline.items.iter().enumerate() {
            if let Kind::List(_) = item.kind
                && item.depth == 0
                && !item.quoted
            {
                let (members, prompts) = list_tally(outline, item, ctx);
                let tally = Tally { members, prompts };
                let single_question = members == 1 && prompts == 1 && {
                    let first = first_paragraph_text(outline, item);
                    ends_with_question_mark(&first) || lists_hold
                };
                evidence.prompt_lists[index] = tally.holds(2, 60) || single_question;
            }
        }
        if evidence.bold && bold.prompts < bold.members {
            evidence.notes.push(format!(
                "{} of {} bold paragraphs read as questions, so the others (labels aside) are questions too",
                bold.prompts, bold.members
            ));
        }
        if evidence.summary && summary.prompts < summary.members {
            evidence.notes.push(format!(
                "{} of {} <summary> texts read as questions, so the others (labels aside) are questions too",
                summary.prompts, summary.members
            ));
        }
        evidence
    }
}

/// The question a piece of text asks: its `12.` / `Q:` marker, trailing decoration (difficulty
/// emoji) and surplus white space removed.
pub fn question_text(field: &FieldText) -> String {
    let text = field.text.trim();
    let text = match marker(text) {
        Some((Marker::Number(_) | Marker::Question, len)) => &text[len..],
        _ => text,
    };
    without_decoration(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A bold or `Q:` paragraph that reads as a prompt and is not a label.
pub fn paragraph_prompt(p: &Paragraph, ctx: &ParseContext) -> bool {
    let text = question_text(&p.first_line);
    !text.is_empty() && !is_label(&text) && ctx.cues.is_question_like(&text)
}

/// A label such as "Example:", "Benefits:" or "Note": not a question whatever its structure.
pub fn is_label(text: &str) -> bool {
    let text = without_decoration(text).trim_end_matches(['*', '_', ' ']);
    text.ends_with(':') && !ends_with_question_mark(text.trim_end_matches(':'))
}

/// A list item's first line reads as a prompt, and is not a label or a link.
pub fn item_prompt(outline: &Outline, item: &Item, ctx: &ParseContext) -> bool {
    let Kind::ListItem(li) = &item.kind else {
        return false;
    };
    let Some(Kind::Paragraph(p)) = li.first_block.map(|b| &outline.items[b].kind) else {
        return false;
    };
    let text = question_text(&p.text);
    !p.label_lead && !link_like(&p.inline) && !is_label(&text) && ctx.cues.is_question_like(&text)
}

fn link_like(inline: &Inline) -> bool {
    inline.link_dominated() || inline.only_linked_images()
}

/// Items of a list with a paragraph first, and how many of them are prompts.
fn list_tally(outline: &Outline, list: &Item, ctx: &ParseContext) -> (usize, usize) {
    let Kind::List(l) = &list.kind else {
        return (0, 0);
    };
    let mut members = 0;
    let mut prompts = 0;
    for &i in &l.items {
        members += 1;
        prompts += usize::from(item_prompt(outline, &outline.items[i], ctx));
    }
    (members, prompts)
}

fn first_paragraph_text(outline: &Outline, list: &Item) -> String {
    let Kind::List(l) = &list.kind else {
        return String::new();
    };
    l.items
        .first()
        .and_then(|&i| match &outline.items[i].kind {
            Kind::ListItem(li) => li.first_block,
            _ => None,
        })
        .and_then(|b| match &outline.items[b].kind {
            Kind::Paragraph(p) => Some(question_text(&p.text)),
            _ => None,
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_not_questions() {
        assert!(is_label("Example:"));
        assert!(is_label("Benefits: ⭐"));
        assert!(!is_label("What is it for?:"));
        assert!(!is_label("Precision-recall trade-off"));
    }

    #[test]
    fn question_text_drops_markers_and_decoration() {
        let mut field = FieldText::default();
        field.push_synthetic("12. What is  overfitting? \u{200d}⭐\u{fe0f}");
        assert_eq!(question_text(&field), "What is overfitting?");
    }
}
