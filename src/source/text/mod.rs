//! The plain-text parser: scraped pages and notes in `.txt` files.
//!
//! Owns turning the question starts chosen by [`layout`] into cards: where each answer ends, which part
//! is the example, which blocks are headings or boilerplate, and how indented lists become Markdown.
//! Every block that does not end up in a card is reported as skipped, with its reason.

mod contents;
mod layout;
mod outline;

use std::ops::Range;

use crate::model::{
    Card, CardId, CardMap, DocumentMeta, Layout, ParsedDocument, Skipped, SourceRef,
};
use crate::source::cues::{
    Marker, ends_with_question_mark, is_heading_like, is_navigation_line, is_placeholder,
};
use crate::source::field::FieldText;
use crate::source::lines::split_lines;
use crate::source::{ParseContext, SourceFile, faq_tags};

use layout::find_starts;
use outline::{Kind, Outline, Start};

/// The layouts the plain-text parser tries, in order, for the "no questions found" warning.
pub const LAYOUTS_TRIED: &[Layout] = &[
    Layout::Marked,
    Layout::Numbered,
    Layout::Contents,
    Layout::Bare,
];

pub fn parse(file: &SourceFile, ctx: &ParseContext) -> ParsedDocument {
    let outline = Outline::new(split_lines(&file.text));
    let mut walk = Walk {
        file,
        ctx,
        outline: &outline,
        section: None,
        meta: DocumentMeta::default(),
        cards: Vec::new(),
        skipped: Vec::new(),
        sections: Vec::new(),
        contents: None,
        sub_headings: false,
    };
    let reading = find_starts(&outline, &ctx.cues).map(|mut reading| {
        // A line of page furniture ("Found this useful? Share it!") never asks a question.
        reading.starts.retain(|s| {
            ctx.boilerplate
                .classify(outline.lines[s.line].text)
                .is_none()
        });
        reading
    });
    let Some(reading) = reading.filter(|r| !r.starts.is_empty()) else {
        walk.skip_all_blocks("no recognisable questions");
        return walk.finish(None);
    };
    let layout = reading.layout;
    let starts = reading.starts;
    walk.sections = reading.sections;
    walk.contents = reading.contents;
    // Where questions are lone lines, a title-like line inside an answer is a sub-heading of it.
    walk.sub_headings = matches!(layout, Layout::Bare | Layout::Contents);
    let first = starts.first().map_or(outline.lines.len(), |s| s.line);
    walk.preamble(first);
    for (k, start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(outline.lines.len(), |s| s.line);
        walk.card(layout, *start, end, k + 1 == starts.len());
    }
    walk.finish(Some(layout))
}

struct Walk<'a> {
    file: &'a SourceFile,
    ctx: &'a ParseContext,
    outline: &'a Outline<'a>,
    section: Option<String>,
    meta: DocumentMeta,
    cards: Vec<Card>,
    skipped: Vec<Skipped>,
    /// Lines naming a section (contents entries that read as titles).
    sections: Vec<usize>,
    /// The page's own table of contents.
    contents: Option<Range<usize>>,
    /// Title-like lines inside answers are sub-headings, not sections.
    sub_headings: bool,
}

/// Which field the lines of a card body currently go to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Answer,
    Example,
}

impl Walk<'_> {
    fn finish(mut self, layout: Option<Layout>) -> ParsedDocument {
        crate::source::ids::assign_ids(&self.file.key, &mut self.cards);
        let explain = layout
            .map(|l| {
                let n = self.cards.len();
                let noun = if n == 1 { "question" } else { "questions" };
                vec![format!("{n} {noun}: {}", l.describe())]
            })
            .unwrap_or_default();
        ParsedDocument {
            file: self.file.display.clone(),
            layout,
            meta: self.meta,
            cards: self.cards,
            skipped: self.skipped,
            explain,
        }
    }

    fn skip(&mut self, lines: Range<usize>, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            file: self.file.display.clone(),
            line: Some(self.outline.lines[lines.start].number),
            end_line: Some(self.outline.lines[lines.end - 1].number),
            reason: reason.into(),
            excerpt: Skipped::excerpt_of(self.outline.lines[lines.start].text),
        });
    }

    fn skip_all_blocks(&mut self, reason: &str) {
        for block in self.outline.blocks.clone() {
            self.skip(block, reason);
        }
    }

    /// The blocks (or parts of blocks) within a range of lines. Blocks are sorted, so this is a
    /// binary search plus the blocks returned: parsing stays linear in the size of the page.
    fn blocks_within(&self, lines: Range<usize>) -> Vec<Range<usize>> {
        let blocks = &self.outline.blocks;
        let first = blocks.partition_point(|b| b.end <= lines.start);
        blocks[first..]
            .iter()
            .take_while(|b| b.start < lines.end)
            .map(|b| b.start.max(lines.start)..b.end.min(lines.end))
            .collect()
    }

    fn boilerplate_reason(&self, block: &Range<usize>) -> Option<String> {
        block.clone().find_map(|i| {
            self.ctx
                .boilerplate
                .classify(self.outline.lines[i].text)
                .map(|r| format!("boilerplate: {r}"))
        })
    }

    /// A single-line block shaped like a heading: it names the section of the cards after it.
    fn heading(&self, block: &Range<usize>) -> Option<String> {
        let text = self.outline.lines[block.start].text;
        (block.len() == 1 && is_heading_like(text)).then(|| text.to_owned())
    }

    /// Blocks before the first question: the title, bylines and banners, navigation, the page's
    /// contents, intro text, headings.
    fn preamble(&mut self, first_question: usize) {
        for block in self.blocks_within(0..first_question) {
            let boilerplate = self.boilerplate_reason(&block);
            let first = self.outline.lines[block.start].text;
            if self.meta.title.is_none() && self.section.is_none() {
                // The title is the first line that is neither furniture nor navigation, even when a
                // byline follows it in the same block.
                let is_title = self.ctx.boilerplate.classify(first).is_none()
                    && !is_navigation_line(first)
                    && (block.len() == 1 || is_heading_like(first));
                if is_title {
                    self.meta.title = Some(first.to_owned());
                    let reason = match boilerplate {
                        Some(reason) => format!("document title, then {reason}"),
                        None => "document title".to_owned(),
                    };
                    self.skip(block, reason);
                    continue;
                }
            }
            if let Some(reason) = boilerplate {
                self.skip(block, reason);
            } else if block
                .clone()
                .all(|i| is_navigation_line(self.outline.lines[i].text))
            {
                self.skip(block, "navigation bar");
            } else if self
                .contents
                .as_ref()
                .is_some_and(|c| c.start == block.start)
            {
                self.skip(block, "table of contents (the questions below)");
            } else if let Some(heading) = self.heading(&block) {
                self.section = Some(heading);
                self.skip(block, "heading (section of the cards below it)");
            } else {
                self.skip(block, "text before the first question");
            }
        }
    }

    /// Whether a title-like block inside a card's body ends the card and names a section: always
    /// where questions are numbered or marked; where they are lone lines, only a contents entry or
    /// a title right before the next question (furniture aside) does.
    fn heading_ends_card(
        &self,
        block: &Range<usize>,
        rest: &[Range<usize>],
        is_last: bool,
    ) -> bool {
        if !self.sub_headings || is_last || self.sections.contains(&block.start) {
            return true;
        }
        rest.iter().all(|b| self.boilerplate_reason(b).is_some())
    }

    /// Builds the card whose question starts at `start` and whose region ends before line `end`.
    fn card(&mut self, layout: Layout, start: Start, end: usize, is_last: bool) {
        let (question, question_end) = self.question(layout, start, end);
        let section = self.section.clone();
        let mut fields = [FieldText::default(), FieldText::default()];
        let mut part = Part::Answer;
        let mut last_line = question_end - 1;
        let mut ended = false;
        let body = self.blocks_within(question_end..end);
        for (k, block) in body.iter().cloned().enumerate() {
            if ended {
                self.skip_outside_cards(block, is_last);
                continue;
            }
            if self.sections.contains(&block.start) {
                self.section = Some(self.outline.lines[block.start].text.to_owned());
                self.skip(block, "heading (section of the cards below it)");
                ended = true;
                continue;
            }
            if is_last
                && block
                    .clone()
                    .all(|i| is_navigation_line(self.outline.lines[i].text))
            {
                self.skip(block, "navigation bar");
                ended = true;
                continue;
            }
            if let Some(reason) = self.boilerplate_reason(&block) {
                self.skip(block, reason);
                // Past the last question, page furniture means the answer is over; between two
                // questions it is an interruption (an ad, a share bar) and the answer goes on.
                ended = is_last;
                continue;
            }
            if k > 0 {
                if let Some(heading) = self.heading(&block)
                    && self.heading_ends_card(&block, &body[k + 1..], is_last)
                {
                    self.section = Some(heading);
                    self.skip(block, "heading (section of the cards below it)");
                    ended = true;
                    continue;
                }
                if is_last && self.is_link_list(&block) {
                    self.skip(block, "list of links after the last answer");
                    ended = true;
                    continue;
                }
            }
            last_line = block.end - 1;
            self.render_block(&block, k == 0, &mut part, &mut fields);
        }
        let [mut answer, mut example] = fields;
        for field in [&mut answer, &mut example] {
            field.trim_end();
            // "Answer here", "TODO": the page gives no answer.
            if is_placeholder(&field.text) {
                *field = FieldText::default();
            }
        }
        let first = &self.outline.lines[start.line];
        let last = &self.outline.lines[last_line];
        let tags = faq_tags(section.as_deref());
        self.cards.push(Card {
            id: CardId(String::new()),
            question: question.text,
            answer: answer.text,
            example: (!example.is_empty()).then_some(example.text),
            section,
            tags,
            source: SourceRef {
                file: self.file.display.clone(),
                line: first.number,
                end_line: last.number,
                offset: first.start,
                length: last.end - first.start,
            },
            map: CardMap {
                question: question.pieces,
                answer: answer.pieces,
                example: example.pieces,
            },
        });
    }

    /// The question's text and the line after it. `Q:` questions may wrap over several lines; a
    /// numbered or lone question wraps only when its continuation ends the question with `?`.
    fn question(&self, layout: Layout, start: Start, end: usize) -> (FieldText, usize) {
        let lines = &self.outline.lines;
        let mut field = FieldText::default();
        let first = &lines[start.line];
        field.push_source(
            first.start + start.marker_len,
            &first.text[start.marker_len..],
        );
        let mut next = start.line + 1;
        while next < end && self.outline.kinds[next] == Kind::Text {
            let wraps = match layout {
                Layout::Marked => true,
                _ => {
                    !ends_with_question_mark(&field.text)
                        && ends_with_question_mark(lines[next].text)
                }
            };
            if !wraps {
                break;
            }
            if !field.is_empty() {
                field.push_synthetic(" ");
            }
            field.push_source(lines[next].start, lines[next].text);
            next += 1;
            if layout != Layout::Marked {
                break;
            }
        }
        if layout != Layout::Marked && field.text.trim_end().ends_with(':') {
            next = self.prompt_object(&mut field, next, end);
        }
        (field, next)
    }

    /// A prompt that ends in a colon ("Make this work:") asks about the short block after it: that
    /// block is part of the question when an answer follows it. Returns the line after the question.
    fn prompt_object(&self, field: &mut FieldText, next: usize, end: usize) -> usize {
        let blocks = self.blocks_within(next..end);
        let (Some(object), true) = (blocks.first(), blocks.len() >= 2) else {
            return next;
        };
        let short_text =
            object.len() <= 3 && object.clone().all(|i| self.outline.kinds[i] == Kind::Text);
        if !short_text || self.boilerplate_reason(object).is_some() {
            return next;
        }
        for i in object.clone() {
            let line = &self.outline.lines[i];
            field.push_synthetic(" ");
            field.push_source(line.start, line.text);
        }
        object.end
    }

    fn skip_outside_cards(&mut self, block: Range<usize>, after_last: bool) {
        if let Some(reason) = self.boilerplate_reason(&block) {
            self.skip(block, reason);
        } else if let Some(heading) = self.heading(&block) {
            self.section = Some(heading);
            self.skip(block, "heading (section of the cards below it)");
        } else if after_last && self.is_link_list(&block) {
            self.skip(block, "list of links after the last answer");
        } else if after_last {
            self.skip(block, "text after the last answer");
        } else {
            self.skip(block, "text under a heading, before its first question");
        }
    }

    /// Three or more short lines without final punctuation: the link list many pages end with.
    fn is_link_list(&self, block: &Range<usize>) -> bool {
        block.len() >= 3
            && block.clone().all(|i| {
                let text = self.outline.lines[i].text;
                matches!(
                    self.outline.kinds[i],
                    Kind::Text | Kind::Marked(Marker::Bullet, _)
                ) && text.split_whitespace().count() <= 8
                    && !text.ends_with(['.', '!', '?', ':', ';', ','])
            })
    }

    /// Appends one block of a card body as Markdown: prose lines verbatim, list items with normalised
    /// markers, a blank line wherever a list starts or ends so Markdown sees the same structure.
    fn render_block(
        &self,
        block: &Range<usize>,
        first_block: bool,
        part: &mut Part,
        fields: &mut [FieldText; 2],
    ) {
        let mut previous_was_item = None;
        let mut list_indent = None;
        // Whether the last top-level item was numbered: a switch between `1.` and `•` at the same
        // level starts a new list in Markdown, so it gets a blank line to say so.
        let mut last_top_numbered = None;
        for i in block.clone() {
            let line = &self.outline.lines[i];
            let (kind, marker_len) = match self.outline.kinds[i] {
                Kind::Marked(marker, len) => (Some(marker), len),
                _ => (None, 0),
            };
            let text_start = match kind {
                Some(Marker::Example) => {
                    *part = Part::Example;
                    marker_len
                }
                // `A:` / `Answer:` opening the answer is a marker in every layout, as in Markdown.
                Some(Marker::Answer) if first_block && i == block.start => marker_len,
                _ => 0,
            };
            let field = &mut fields[*part as usize];
            let item = match kind {
                Some(Marker::Number(n)) => Some(format!("{n}. ")),
                Some(Marker::Bullet) => Some("- ".to_owned()),
                _ => None,
            };
            let text = &line.text[text_start..];
            if text.is_empty() {
                continue;
            }
            let nested = item.is_some() && list_indent.is_some_and(|base| line.indent > base + 1);
            let numbered = matches!(kind, Some(Marker::Number(_)));
            let switches = item.is_some()
                && !nested
                && last_top_numbered.is_some_and(|was: bool| was != numbered);
            match (&item, previous_was_item) {
                _ if field.is_empty() => {}
                (_, None) => field.push_synthetic("\n\n"),
                (Some(_), Some(true)) if switches => field.push_synthetic("\n\n"),
                (Some(_), Some(true)) => field.push_synthetic("\n"),
                (Some(_), Some(false)) => field.push_synthetic("\n\n"),
                (None, Some(false)) => field.push_synthetic("\n"),
                (None, Some(true)) => {
                    if line.indent > list_indent.unwrap_or(0) {
                        field.push_synthetic("\n   ");
                    } else {
                        field.push_synthetic("\n\n");
                    }
                }
            }
            let is_item = item.is_some();
            match item {
                Some(marker) => {
                    list_indent.get_or_insert(line.indent);
                    if nested {
                        field.push_synthetic("   ");
                    } else {
                        last_top_numbered = Some(numbered);
                    }
                    field.push_synthetic(&marker);
                    field.push_source(line.start + marker_len, &line.text[marker_len..]);
                }
                None => field.push_source(line.start + text_start, text),
            }
            previous_was_item = Some(is_item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceKind;

    fn doc(text: &str) -> ParsedDocument {
        let file = SourceFile {
            display: "t.txt".into(),
            key: "t.txt".into(),
            text: text.into(),
            kind: SourceKind::PlainText,
        };
        parse(&file, &ParseContext::default())
    }

    fn answers(text: &str) -> Vec<String> {
        doc(text).cards.into_iter().map(|c| c.answer).collect()
    }

    #[test]
    fn lists_become_markdown_with_blank_lines_around_them() {
        let text = "Q: Steps?\nA: Do this:\n1. one\n  • sub\n2. two\nThen done.\n";
        assert_eq!(
            answers(text),
            ["Do this:\n\n1. one\n   - sub\n2. two\n\nThen done."]
        );
    }

    #[test]
    fn example_part_is_split_inline_or_on_its_own_line() {
        let d = doc(
            "1. What is X?\n\nX.\n\nExample: we used X.\n\n2. What is Y?\n\nY.\n\nExample:\n\nwe used Y.\n",
        );
        let examples: Vec<_> = d.cards.iter().map(|c| c.example.as_deref()).collect();
        assert_eq!(examples, [Some("we used X."), Some("we used Y.")]);
        assert_eq!(
            answers("1. What is X?\n\nX.\n\nExample: we used X.\n"),
            ["X."]
        );
    }

    #[test]
    fn furniture_between_questions_is_cut_out_and_after_the_last_it_ends_the_answer() {
        let text = "1. What is X?\n\nX.\n\nShare on LinkedIn\n\nMore about X.\n\n2. What is Y?\n\nY.\n\n12 Comments\n\nGreat post!\n";
        let d = doc(text);
        assert_eq!(answers(text), ["X.\n\nMore about X.", "Y."]);
        let reasons: Vec<&str> = d.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "boilerplate: share or follow buttons",
                "boilerplate: comment section",
                "text after the last answer"
            ]
        );
    }

    #[test]
    fn headings_end_cards_and_name_sections_but_never_the_first_answer_block() {
        let text = "Guide Title\n\n1. What is X?\n\nShort Answer Here\n\nCaching Basics\n\n2. What is Y?\n\nY.\n";
        let d = doc(text);
        assert_eq!(d.meta.title.as_deref(), Some("Guide Title"));
        assert_eq!(answers(text), ["Short Answer Here", "Y."]);
        assert_eq!(d.cards[1].section.as_deref(), Some("Caching Basics"));
    }

    #[test]
    fn placeholder_answers_are_empty() {
        let text =
            "1. What is X?\n\nAnswer here\n\n2. What is Y?\n\nTODO\n\n3. What is Z?\n\nZ is z.\n";
        assert_eq!(answers(text), ["", "", "Z is z."]);
    }

    #[test]
    fn word_for_word_repeats_get_distinct_ids() {
        let d = doc("1. What is X?\n\nA.\n\n2. What is X?\n\nB.\n\n3. what is  x\n\nC.\n");
        assert_eq!(d.cards.len(), 3);
        assert_ne!(d.cards[0].id, d.cards[1].id);
        assert_ne!(d.cards[1].id, d.cards[2].id);
        assert_eq!(
            d.cards[0].id,
            doc("1. What is X?\n\nEdited answer.\n").cards[0].id,
            "an edited answer keeps the id"
        );
    }
}
