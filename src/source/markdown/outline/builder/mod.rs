//! pulldown-cmark events (and the HTML tokens of raw blocks and inline tags) → outline items, one
//! segment at a time: blocks and containers here, inline content in [`inline`].

use std::ops::Range;

use pulldown_cmark::{Event, MetadataBlockKind, Parser, Tag, TagEnd};

use super::super::cmark_options;
use super::super::html;
use super::super::scan::{Segment, SegmentKind, segments};
use super::facts::{html_facts, is_invisible};
use super::positions::Positions;
use super::{Heading, Html, Inline, Item, Kind, List, ListItem, Outline, Paragraph, Table};
use crate::source::field::FieldText;

mod inline;

use inline::{inline_of, is_label_lead};

/// The outline items of `source` (from byte `base`) in stream order, with every HTML token.
pub(super) fn build(source: &str, base: usize) -> Outline {
    let mut builder = Builder {
        source,
        positions: Positions::new(source),
        out: Outline::default(),
        stack: Vec::new(),
        open_items: 0,
        open_quotes: 0,
        open: None,
        table: None,
        html_block: None,
        front_matter: None,
    };
    for segment in segments(source, base) {
        builder.segment(&segment);
    }
    builder.finish()
}

/// The block whose inline content is being collected.
struct Open {
    item: usize,
    /// A line break was seen: later text is not on the first line.
    past_first_line: bool,
    lead: Lead,
    /// Open Markdown links and `<a>` tags: whether each points into the page.
    links: Vec<bool>,
    /// Inside an image: its alt text is not text a reader sees.
    in_image: usize,
}

/// Where a leading `**…**` of the current paragraph stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    None,
    Inside,
    Closed { text_after: bool },
}

/// A container on the stack while events stream in.
enum Container {
    List(usize),
    Item(usize),
    Quote,
}

/// The table being read and whether its current row was counted as linking into the page.
struct OpenTable {
    item: usize,
    row_counted: bool,
}

struct Builder<'s> {
    source: &'s str,
    /// Columns and line starts, asked in source order.
    positions: Positions<'s>,
    out: Outline,
    stack: Vec<Container>,
    /// How many of `stack` are list items, and how many quotes: every item pushed needs both, and
    /// counting the stack each time made 50,000 nested lists quadratic.
    open_items: usize,
    open_quotes: usize,
    open: Option<Open>,
    table: Option<OpenTable>,
    html_block: Option<usize>,
    front_matter: Option<usize>,
}

impl Builder<'_> {
    fn finish(mut self) -> Outline {
        self.close_leaf();
        self.out.tokens.sort_by_key(|t| t.span().start);
        self.out.code.sort_by_key(|r| r.start);
        self.out.html.sort_by_key(|r| r.start);
        self.out.quotes.sort_by_key(|r| r.start);
        self.out
    }

    fn push(&mut self, range: Range<usize>, kind: Kind) -> usize {
        self.out.items.push(Item {
            range,
            depth: self.open_items,
            quoted: self.open_quotes > 0,
            kind,
        });
        self.out.items.len() - 1
    }

    fn open_container(&mut self, container: Container) {
        match container {
            Container::Item(_) => self.open_items += 1,
            Container::Quote => self.open_quotes += 1,
            Container::List(_) => {}
        }
        self.stack.push(container);
    }

    fn close_container(&mut self) {
        match self.stack.pop() {
            Some(Container::Item(_)) => self.open_items -= 1,
            Some(Container::Quote) => self.open_quotes -= 1,
            Some(Container::List(_)) | None => {}
        }
    }

    fn segment(&mut self, segment: &Segment) {
        let range = segment.range.clone();
        match segment.kind {
            SegmentKind::Markdown => self.markdown(range),
            SegmentKind::Structure => self.html_chunk(range, None),
            SegmentKind::Unclosed(tag) => self.html_chunk(range, Some(tag)),
        }
    }

    /// A stretch of raw HTML read on its own: its tokens, and one `Html` item with its facts.
    fn html_chunk(&mut self, range: Range<usize>, unclosed: Option<&'static str>) {
        self.out.html.push(range.clone());
        let tokens = html::tokenize(self.source, range.clone());
        let kind = Kind::Html(Html {
            inline: html_facts(&tokens),
            unclosed,
            invisible: is_invisible(&tokens, unclosed),
        });
        self.push(range, kind);
        self.out.tokens.extend(tokens);
    }

    fn markdown(&mut self, range: Range<usize>) {
        let base = range.start;
        let text = &self.source[range];
        for (event, r) in Parser::new_ext(text, cmark_options()).into_offset_iter() {
            self.event(event, base + r.start..base + r.end);
        }
        self.close_leaf();
        self.stack.clear();
        self.open_items = 0;
        self.open_quotes = 0;
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end),
            Event::Text(text) => self.text(&text, &range, false),
            Event::Code(text) => self.text(&text, &range, true),
            Event::InlineHtml(_) => self.inline_html(range),
            Event::SoftBreak | Event::HardBreak => self.line_break(range.start),
            Event::Rule => {
                self.close_leaf();
                let start = self.positions.line_start(range.start);
                let index = self.push(start..range.end, Kind::Rule);
                self.first_block(index);
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let start = self.positions.line_start(range.start);
        match tag {
            Tag::Paragraph => {
                self.close_leaf();
                let index = self.push(start..range.end, paragraph(range.end));
                self.open_leaf(index);
            }
            Tag::Heading { level, .. } => {
                self.close_leaf();
                let kind = Kind::Heading(Heading {
                    level: level as u8,
                    text: FieldText::default(),
                    inline: Inline::default(),
                    opens_item: None,
                });
                let index = self.push(start..range.end, kind);
                self.open_leaf(index);
            }
            Tag::CodeBlock(_) => {
                self.close_leaf();
                let index = self.push(start..range.end, Kind::Code);
                self.first_block(index);
                self.out.code.push(start..range.end);
            }
            Tag::HtmlBlock => {
                self.close_leaf();
                let kind = Kind::Html(Html {
                    inline: Inline::default(),
                    unclosed: None,
                    invisible: true,
                });
                let index = self.push(start..range.end, kind);
                self.first_block(index);
                self.html_block = Some(index);
            }
            Tag::Table(_) => {
                self.close_leaf();
                let index = self.push(start..range.end, Kind::Table(Table::default()));
                self.first_block(index);
                self.table = Some(OpenTable {
                    item: index,
                    row_counted: false,
                });
            }
            Tag::TableRow | Tag::TableHead => {
                if let Some(table) = &mut self.table {
                    table.row_counted = false;
                    if let Kind::Table(t) = &mut self.out.items[table.item].kind {
                        t.rows += 1;
                    }
                }
            }
            Tag::List(_) => {
                self.close_leaf();
                let kind = Kind::List(List { items: Vec::new() });
                let index = self.push(start..range.end, kind);
                self.first_block(index);
                self.open_container(Container::List(index));
            }
            Tag::Item => self.list_item(range),
            Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) => {
                self.close_leaf();
                if matches!(tag, Tag::BlockQuote(_)) && self.open_quotes == 0 {
                    self.out.quotes.push(start..range.end);
                }
                self.open_container(Container::Quote);
            }
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => {
                let index = self.push(start..range.end, Kind::FrontMatter(String::new()));
                self.front_matter = Some(index);
            }
            Tag::Strong => {
                self.implicit_paragraph(range.start);
                if let Some(open) = &mut self.open
                    && open.lead == Lead::None
                    && inline_of(&mut self.out.items[open.item].kind)
                        .is_some_and(|i| i.plain.trim().is_empty())
                {
                    open.lead = Lead::Inside;
                }
            }
            Tag::Link { dest_url, .. } => self.link(dest_url.starts_with('#'), range.start),
            Tag::Image { .. } => self.image(range.start),
            _ => {}
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.close_leaf(),
            TagEnd::HtmlBlock => self.end_html_block(),
            TagEnd::Table => self.table = None,
            TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.close_leaf();
                self.close_container();
            }
            TagEnd::MetadataBlock(_) => self.front_matter = None,
            TagEnd::Strong => {
                if let Some(open) = &mut self.open
                    && open.lead == Lead::Inside
                {
                    open.lead = Lead::Closed { text_after: false };
                }
            }
            TagEnd::Link => {
                if let Some(open) = &mut self.open {
                    open.links.pop();
                }
            }
            TagEnd::Image => {
                if let Some(open) = &mut self.open {
                    open.in_image = open.in_image.saturating_sub(1);
                }
            }
            _ => {}
        }
    }

    fn list_item(&mut self, range: Range<usize>) {
        self.close_leaf();
        let list = match self.stack.last() {
            Some(Container::List(list)) => Some(*list),
            _ => None,
        };
        // An item counts itself in its depth.
        self.open_container(Container::Item(usize::MAX));
        let kind = Kind::ListItem(ListItem {
            content_col: self.positions.column(range.start) + 2,
            first_block: None,
            list,
        });
        let index = self.push(range, kind);
        if let Some(Container::Item(slot)) = self.stack.last_mut() {
            *slot = index;
        }
        if let Some(list) = list
            && let Kind::List(l) = &mut self.out.items[list].kind
        {
            l.items.push(index);
        }
    }

    fn end_html_block(&mut self) {
        let Some(index) = self.html_block.take() else {
            return;
        };
        let block = self.out.items[index].range.clone();
        self.out.html.push(block.clone());
        let tokens = html::tokenize(self.source, block);
        if let Kind::Html(h) = &mut self.out.items[index].kind {
            h.inline = html_facts(&tokens);
            h.invisible = is_invisible(&tokens, None);
        }
        self.out.tokens.extend(tokens);
    }

    /// Marks `index` as the first block of the innermost list item, if that item has none yet.
    fn first_block(&mut self, index: usize) {
        let Some(Container::Item(item)) = self.stack.last() else {
            return;
        };
        let item = *item;
        let start = self.out.items[index].range.start;
        let col = self.positions.column(start);
        let same_line = !self.source[self.out.items[item].range.start..start].contains('\n');
        if let Kind::ListItem(li) = &mut self.out.items[item].kind
            && li.first_block.is_none()
        {
            li.first_block = Some(index);
            if same_line {
                li.content_col = col;
            }
            match &mut self.out.items[index].kind {
                Kind::Heading(h) => h.opens_item = Some(item),
                Kind::Paragraph(p) => p.opens_item = Some(item),
                _ => {}
            }
        }
    }

    fn open_leaf(&mut self, index: usize) {
        self.first_block(index);
        self.open = Some(Open {
            item: index,
            past_first_line: false,
            lead: Lead::None,
            links: Vec::new(),
            in_image: 0,
        });
    }

    fn close_leaf(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let item = &mut self.out.items[open.item];
        if let Kind::Paragraph(p) = &mut item.kind {
            p.bold_first_line = open.lead == Lead::Closed { text_after: false };
            p.label_lead = is_label_lead(&p.inline.plain, open.lead);
            // An implicit paragraph ends with its last inline content.
            item.range.end = item.range.end.max(p.inline_end);
        }
    }
}

fn paragraph(end: usize) -> Kind {
    Kind::Paragraph(Paragraph {
        first_line: FieldText::default(),
        first_line_end: None,
        text: FieldText::default(),
        bold_first_line: false,
        label_lead: false,
        inline: Inline::default(),
        opens_item: None,
        inline_end: end,
    })
}
