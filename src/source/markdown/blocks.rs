//! pulldown-cmark events → the top-level blocks of a Markdown document.
//!
//! Owns the facts the card walk needs about each block (its source range, a heading's plain text, a
//! paragraph's first line and whether it is bold throughout); knows nothing about questions.

use std::ops::Range;

use pulldown_cmark::{Event, MetadataBlockKind, Parser, Tag, TagEnd};

use super::cmark_options;
use crate::source::field::FieldText;

/// A top-level block of the document.
#[derive(Debug)]
pub struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
}

#[derive(Debug)]
pub enum BlockKind {
    Heading { level: u8, text: FieldText },
    Paragraph(ParagraphFacts),
    Html,
    FrontMatter(String),
    Other,
}

/// A paragraph's first line as plain text, where that line ends, and whether it is bold throughout.
#[derive(Debug, Default)]
pub struct ParagraphFacts {
    pub first_line: FieldText,
    pub first_line_end: Option<usize>,
    pub bold_first_line: bool,
}

/// Where a leading `**…**` of the current paragraph stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// The paragraph did not open with bold text (or has no inline content yet).
    None,
    Inside,
    /// The leading bold text closed; `text_after` says whether more text followed on its line.
    Closed {
        text_after: bool,
    },
}

/// Collects blocks from events; `base` is the BOM length, added back to every offset so positions
/// stay in the original file.
struct Collector<'s> {
    source: &'s str,
    depth: usize,
    current: Option<Block>,
    seen_inline: bool,
    lead: Lead,
    out: Vec<Block>,
}

/// The top-level blocks of `source`, parsed from byte `base` on.
pub fn blocks(source: &str, base: usize) -> Vec<Block> {
    let mut collector = Collector {
        source,
        depth: 0,
        current: None,
        seen_inline: false,
        lead: Lead::None,
        out: Vec::new(),
    };
    let parser = Parser::new_ext(&source[base..], cmark_options()).into_offset_iter();
    for (event, range) in parser {
        collector.event(event, range.start + base..range.end + base);
    }
    collector.out
}

impl Collector<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(&tag, &range),
            Event::End(end) => self.end(end),
            Event::SoftBreak | Event::HardBreak => {
                if let Some(BlockKind::Paragraph(facts)) =
                    self.current.as_mut().map(|b| &mut b.kind)
                {
                    facts.first_line_end.get_or_insert(range.start);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                self.text(&t, range);
            }
            Event::Rule | Event::TaskListMarker(_) | Event::FootnoteReference(_)
                if self.depth == 0 =>
            {
                self.out.push(Block {
                    range,
                    kind: BlockKind::Other,
                });
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>, range: &Range<usize>) {
        if self.depth == 0 {
            let kind = match tag {
                Tag::Heading { level, .. } => BlockKind::Heading {
                    level: *level as u8,
                    text: FieldText::default(),
                },
                Tag::Paragraph => BlockKind::Paragraph(ParagraphFacts::default()),
                Tag::HtmlBlock => BlockKind::Html,
                Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => {
                    BlockKind::FrontMatter(String::new())
                }
                _ => BlockKind::Other,
            };
            let start = line_start(self.source, range.start);
            self.current = Some(Block {
                range: start..range.end,
                kind,
            });
            (self.seen_inline, self.lead) = (false, Lead::None);
        } else if self.depth == 1 && matches!(tag, Tag::Strong) && !self.seen_inline {
            self.lead = Lead::Inside;
        }
        if self.depth >= 1 {
            self.seen_inline = true;
        }
        self.depth += 1;
    }

    fn end(&mut self, end: TagEnd) {
        self.depth = self.depth.saturating_sub(1);
        if self.depth == 1 && end == TagEnd::Strong && self.lead == Lead::Inside {
            self.lead = Lead::Closed { text_after: false };
        }
        if self.depth == 0
            && let Some(mut block) = self.current.take()
        {
            if let BlockKind::Paragraph(facts) = &mut block.kind {
                facts.bold_first_line = self.lead == Lead::Closed { text_after: false };
            }
            self.out.push(block);
        }
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        self.seen_inline = true;
        let Some(block) = &mut self.current else {
            // Text outside any block (raw HTML at the top level, say) is a block of its own.
            self.out.push(Block {
                range,
                kind: BlockKind::Other,
            });
            return;
        };
        match &mut block.kind {
            BlockKind::Heading { text: field, .. } => push_inline(field, self.source, &range, text),
            BlockKind::Paragraph(facts) if facts.first_line_end.is_none() => {
                if matches!(self.lead, Lead::Closed { .. }) && !text.trim().is_empty() {
                    self.lead = Lead::Closed { text_after: true };
                }
                push_inline(&mut facts.first_line, self.source, &range, text);
            }
            BlockKind::FrontMatter(yaml) => yaml.push_str(text),
            _ => {}
        }
    }
}

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

/// Appends inline text, as a verbatim piece where the source holds it unchanged (plain text, the inside
/// of a code span) and as synthetic text where pulldown-cmark decoded it (escapes, entities).
fn push_inline(field: &mut FieldText, source: &str, range: &Range<usize>, text: &str) {
    let slice = &source[range.clone()];
    match slice.find(text) {
        Some(at) if !text.is_empty() => field.push_source(range.start + at, text),
        _ => field.push_synthetic(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_first_line_only_when_nothing_follows_the_bold_text() {
        let facts = |text: &str| match blocks(text, 0).remove(0).kind {
            BlockKind::Paragraph(facts) => (facts.bold_first_line, facts.first_line.text),
            other => panic!("not a paragraph: {other:?}"),
        };
        assert_eq!(facts("**Is X hard?**\nYes."), (true, "Is X hard?".into()));
        assert_eq!(facts("**Is X** hard?"), (false, "Is X hard?".into()));
        assert_eq!(facts("Is **X** hard?"), (false, "Is X hard?".into()));
    }

    #[test]
    fn indented_code_keeps_its_indentation_and_bom_offsets_hold() {
        let text = "\u{feff}# T\n\n    code\n";
        let blocks = blocks(text, 3);
        assert_eq!(&text[blocks[0].range.clone()], "# T\n");
        assert_eq!(&text[blocks[1].range.clone()], "    code\n");
    }
}
