//! Inline content of paragraphs and headings: their text (first line, whole, plain), and what a
//! reader sees of links, images and inline HTML.

use std::ops::Range;

use super::super::super::html::{self, Token};
use super::super::{Inline, Kind};
use super::{Builder, Container, Lead, paragraph};
use crate::source::field::FieldText;

impl Builder<'_> {
    pub(super) fn link(&mut self, in_page: bool, at: usize) {
        if let Some(table) = &mut self.table {
            if in_page && !table.row_counted {
                table.row_counted = true;
                if let Kind::Table(t) = &mut self.out.items[table.item].kind {
                    t.in_page_rows += 1;
                }
            }
            return;
        }
        self.implicit_paragraph(at);
        let Some(open) = &mut self.open else {
            return;
        };
        open.links.push(in_page);
        if let Some(inline) = inline_of(&mut self.out.items[open.item].kind) {
            if in_page {
                inline.in_page_links += 1;
                if inline.plain.trim().is_empty() {
                    inline.starts_with_in_page_link = true;
                }
            } else {
                inline.external_links += 1;
            }
        }
    }

    pub(super) fn image(&mut self, at: usize) {
        if self.table.is_some() {
            return;
        }
        self.implicit_paragraph(at);
        let Some(open) = &mut self.open else {
            return;
        };
        let linked = !open.links.is_empty();
        open.in_image += 1;
        if let Some(inline) = inline_of(&mut self.out.items[open.item].kind) {
            inline.images += 1;
            inline.linked_images += usize::from(linked);
        }
    }

    pub(super) fn line_break(&mut self, at: usize) {
        let Some(open) = &mut self.open else {
            return;
        };
        open.past_first_line = true;
        let kind = &mut self.out.items[open.item].kind;
        if let Kind::Paragraph(p) = kind {
            p.first_line_end.get_or_insert(at);
        }
        if let Some(inline) = inline_of(kind) {
            inline.plain.push('\n');
            inline.prose.push('\n');
        }
        if let Kind::Paragraph(p) = kind {
            p.text.push_synthetic(" ");
        }
    }

    /// Inline content straight inside a list item (a tight list): a paragraph without the events.
    pub(super) fn implicit_paragraph(&mut self, at: usize) {
        if self.open.is_some() || self.table.is_some() || self.front_matter.is_some() {
            return;
        }
        if !matches!(self.stack.last(), Some(Container::Item(_))) {
            return;
        }
        let start = self.positions.line_start(at);
        let index = self.push(start..at, paragraph(at));
        self.open_leaf(index);
    }

    pub(super) fn text(&mut self, text: &str, range: &Range<usize>, code: bool) {
        if let Some(index) = self.front_matter {
            if let Kind::FrontMatter(yaml) = &mut self.out.items[index].kind {
                yaml.push_str(text);
            }
            return;
        }
        if self.table.is_some() {
            return;
        }
        self.implicit_paragraph(range.start);
        let source = self.source;
        let Some(open) = &mut self.open else {
            return;
        };
        let item = &mut self.out.items[open.item];
        if let Kind::Paragraph(p) = &mut item.kind {
            p.inline_end = p.inline_end.max(range.end);
        }
        if open.in_image > 0 {
            return;
        }
        if matches!(open.lead, Lead::Closed { .. })
            && !open.past_first_line
            && !text.trim().is_empty()
        {
            open.lead = Lead::Closed { text_after: true };
        }
        let chars = text.chars().filter(|c| c.is_alphanumeric()).count();
        if let Some(inline) = inline_of(&mut item.kind) {
            match (code, open.links.last()) {
                (true, _) => inline.code_chars += chars,
                (false, Some(true)) => inline.in_page_chars += chars,
                (false, Some(false)) => inline.external_chars += chars,
                (false, None) => inline.text_chars += chars,
            }
            inline.plain.push_str(text);
            inline.prose.push_str(if code { " " } else { text });
        }
        match &mut item.kind {
            Kind::Heading(h) => push_inline(&mut h.text, source, range, text),
            Kind::Paragraph(p) => {
                if !open.past_first_line {
                    push_inline(&mut p.first_line, source, range, text);
                }
                push_inline(&mut p.text, source, range, text);
            }
            _ => {}
        }
    }

    pub(super) fn inline_html(&mut self, range: Range<usize>) {
        let tokens = html::tokenize(self.source, range.clone());
        if self.table.is_none() {
            self.implicit_paragraph(range.start);
        }
        if let Some(open) = &mut self.open {
            let kind = &mut self.out.items[open.item].kind;
            if let Kind::Paragraph(p) = kind {
                p.inline_end = p.inline_end.max(range.end);
            }
            for token in &tokens {
                let Token::Tag(tag) = token else { continue };
                if tag.is("a") && tag.closing {
                    open.links.pop();
                } else if tag.is("a") {
                    open.links.push(tag.links_in_page());
                    if let Some(inline) = inline_of(kind) {
                        if tag.links_in_page() {
                            inline.in_page_links += 1;
                        } else {
                            inline.external_links += 1;
                        }
                    }
                } else if tag.is("img") && !tag.closing {
                    let linked = !open.links.is_empty();
                    if let Some(inline) = inline_of(kind) {
                        inline.images += 1;
                        inline.linked_images += usize::from(linked);
                    }
                }
            }
        }
        self.out.tokens.extend(tokens);
    }
}

pub(super) fn inline_of(kind: &mut Kind) -> Option<&mut Inline> {
    match kind {
        Kind::Heading(h) => Some(&mut h.inline),
        Kind::Paragraph(p) => Some(&mut p.inline),
        _ => None,
    }
}

/// A paragraph that opens with a bold label: `**Situation:** …`, `**Note**: …`.
pub(super) fn is_label_lead(plain: &str, lead: Lead) -> bool {
    if lead == Lead::None || lead == Lead::Inside {
        return false;
    }
    let first_line = plain.lines().next().unwrap_or_default().trim();
    // The bold part ends at a colon, or a colon follows it.
    first_line.contains(':')
        && !crate::source::cues::ends_with_question_mark(first_line.split(':').next().unwrap_or(""))
}

/// Appends inline text, as a verbatim piece where the source holds it unchanged (plain text, the inside
/// of a code span) and as synthetic text where pulldown-cmark decoded it (escapes, entities).
pub(super) fn push_inline(field: &mut FieldText, source: &str, range: &Range<usize>, text: &str) {
    let slice = &source[range.clone()];
    // Most text events are their source range exactly (or a prefix of it): no search needed.
    let at = if slice.starts_with(text) {
        Some(0)
    } else {
        slice.find(text)
    };
    match at {
        Some(at) if !text.is_empty() => field.push_source(range.start + at, text),
        _ => field.push_synthetic(text),
    }
}
