//! A Markdown document as one flat, source-ordered list of what a reader meets: headings,
//! paragraphs, list items and lists, code, tables, HTML and `<details>` structure, each with its byte
//! range, its list depth and the facts the question layout and navigation checks need.
//!
//! Built from pulldown-cmark events over the segments [`super::scan`] cut, plus the HTML tokens of
//! every raw HTML block, inline tag and structure line ([`super::html`]). Knows nothing about questions.

use std::ops::Range;

use pulldown_cmark::{Event, MetadataBlockKind, Parser, Tag, TagEnd};

use super::cmark_options;
use super::html::{self, Token};
use super::scan::{Segment, SegmentKind, segments};
use crate::source::field::FieldText;

/// Everything the walk and the renderer need, in source order.
#[derive(Debug, Default)]
pub struct Outline {
    pub items: Vec<Item>,
    /// Every HTML token of the document, sorted by position.
    pub tokens: Vec<Token>,
    /// Code blocks, sorted: their lines are copied verbatim.
    pub code: Vec<Range<usize>>,
    /// Stretches read as HTML (raw HTML blocks, structure lines), sorted.
    pub html: Vec<Range<usize>>,
    /// Block quotes outside other quotes, sorted.
    pub quotes: Vec<Range<usize>>,
}

#[derive(Debug)]
pub struct Item {
    pub range: Range<usize>,
    /// How many list items contain this one (a list item counts itself).
    pub depth: usize,
    /// Inside a block quote or footnote: never a question.
    pub quoted: bool,
    pub kind: Kind,
}

#[derive(Debug)]
pub enum Kind {
    FrontMatter(String),
    Heading(Heading),
    Paragraph(Paragraph),
    ListItem(ListItem),
    List(List),
    Code,
    Table(Table),
    Html(Html),
    Rule,
    DetailsOpen,
    DetailsClose,
    Summary(Summary),
}

/// What a reader sees of a block's inline content: how much of it is text, links, images.
#[derive(Debug, Default, Clone)]
pub struct Inline {
    /// Letters and digits outside links and images.
    pub text_chars: usize,
    /// Letters and digits inside links to `#anchors` of the same page.
    pub in_page_chars: usize,
    /// Letters and digits inside links to other pages.
    pub external_chars: usize,
    pub in_page_links: usize,
    pub external_links: usize,
    pub images: usize,
    /// Images inside links (badges, banners, sponsor logos).
    pub linked_images: usize,
    /// The first thing a reader meets is a link to an `#anchor` (a table-of-contents entry).
    pub starts_with_in_page_link: bool,
    /// Letters and digits inside inline code.
    pub code_chars: usize,
    /// The visible text, code included, white space as written.
    pub plain: String,
}

impl Inline {
    /// Nothing but links to places in the same page (back-to-top links, contents entries).
    pub fn only_in_page_links(&self) -> bool {
        self.in_page_links > 0
            && self.text_chars + self.external_chars + self.code_chars == 0
            && self.images == 0
    }

    /// Nothing but images wrapped in links: badges, banners, sponsor logos.
    pub fn only_linked_images(&self) -> bool {
        self.linked_images > 0 && self.linked_images == self.images && self.text_chars == 0
    }

    /// Most of the text is link text.
    pub fn link_dominated(&self) -> bool {
        let links = self.in_page_chars + self.external_chars;
        links > 0 && links >= self.text_chars
    }
}

#[derive(Debug)]
pub struct Heading {
    pub level: u8,
    pub text: FieldText,
    pub inline: Inline,
    /// The list item this heading opens (`1.  ### What is …?`), as an index into the items.
    pub opens_item: Option<usize>,
}

#[derive(Debug)]
pub struct Paragraph {
    /// The first line as plain text.
    pub first_line: FieldText,
    pub first_line_end: Option<usize>,
    /// The whole paragraph as plain text, lines joined by a space (a list item's question may
    /// wrap onto a second line).
    pub text: FieldText,
    /// The first line is bold throughout (`**Is X hard?**`).
    pub bold_first_line: bool,
    /// It opens with a bold label such as `**Situation:**` or `**Note**:`.
    pub label_lead: bool,
    pub inline: Inline,
    pub opens_item: Option<usize>,
    /// Where its last inline content ends (a tight list item's text has no paragraph events).
    pub inline_end: usize,
}

#[derive(Debug)]
pub struct ListItem {
    /// Column where the item's content starts: its lines are indented this far.
    pub content_col: usize,
    /// Index of the item's first block, if any.
    pub first_block: Option<usize>,
    /// Index of the list the item belongs to.
    pub list: Option<usize>,
}

#[derive(Debug, Default)]
pub struct List {
    /// Indices of the list's own items.
    pub items: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct Table {
    pub rows: usize,
    /// Rows holding a link to an `#anchor`.
    pub in_page_rows: usize,
}

#[derive(Debug)]
pub struct Html {
    pub inline: Inline,
    /// A raw block left open: the tag that opened it.
    pub unclosed: Option<&'static str>,
    /// Nothing visible: only tags, comments and white space.
    pub invisible: bool,
}

#[derive(Debug)]
pub struct Summary {
    pub text: FieldText,
}

/// Builds the outline of `source`, whose text starts at byte `base` (after a byte-order mark).
pub fn outline(source: &str, base: usize) -> Outline {
    let mut builder = Builder {
        source,
        out: Outline::default(),
        stack: Vec::new(),
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
    out: Outline,
    stack: Vec<Container>,
    open: Option<Open>,
    table: Option<OpenTable>,
    html_block: Option<usize>,
    front_matter: Option<usize>,
}

impl Builder<'_> {
    fn finish(mut self) -> Outline {
        self.close_leaf();
        self.details_and_summaries();
        sort_items(&mut self.out.items);
        self.out.tokens.sort_by_key(|t| t.span().start);
        self.out.code.sort_by_key(|r| r.start);
        self.out.html.sort_by_key(|r| r.start);
        self.out.quotes.sort_by_key(|r| r.start);
        self.out
    }

    fn push(&mut self, range: Range<usize>, kind: Kind) -> usize {
        let depth = self
            .stack
            .iter()
            .filter(|c| matches!(c, Container::Item(_)))
            .count();
        let quoted = self.stack.iter().any(|c| matches!(c, Container::Quote));
        self.out.items.push(Item {
            range,
            depth,
            quoted,
            kind,
        });
        self.out.items.len() - 1
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
                let start = line_start(self.source, range.start);
                let index = self.push(start..range.end, Kind::Rule);
                self.first_block(index);
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let start = line_start(self.source, range.start);
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
                self.stack.push(Container::List(index));
            }
            Tag::Item => self.list_item(range),
            Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) => {
                self.close_leaf();
                let nested = self.stack.iter().any(|c| matches!(c, Container::Quote));
                if matches!(tag, Tag::BlockQuote(_)) && !nested {
                    self.out.quotes.push(start..range.end);
                }
                self.stack.push(Container::Quote);
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
                self.stack.pop();
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
        self.stack.push(Container::Item(usize::MAX));
        let kind = Kind::ListItem(ListItem {
            content_col: column(self.source, range.start) + 2,
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

    fn link(&mut self, in_page: bool, at: usize) {
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

    fn image(&mut self, at: usize) {
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

    fn line_break(&mut self, at: usize) {
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
        }
        if let Kind::Paragraph(p) = kind {
            p.text.push_synthetic(" ");
        }
    }

    /// Marks `index` as the first block of the innermost list item, if that item has none yet.
    fn first_block(&mut self, index: usize) {
        let Some(Container::Item(item)) = self.stack.last() else {
            return;
        };
        let item = *item;
        let start = self.out.items[index].range.start;
        let col = column(self.source, start);
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

    /// Inline content straight inside a list item (a tight list): a paragraph without the events.
    fn implicit_paragraph(&mut self, at: usize) {
        if self.open.is_some() || self.table.is_some() || self.front_matter.is_some() {
            return;
        }
        if !matches!(self.stack.last(), Some(Container::Item(_))) {
            return;
        }
        let start = line_start(self.source, at);
        let index = self.push(start..at, paragraph(at));
        self.open_leaf(index);
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

    fn text(&mut self, text: &str, range: &Range<usize>, code: bool) {
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

    fn inline_html(&mut self, range: Range<usize>) {
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

    /// Turns `<details>` tags into items and pairs each `<summary>` with its `</summary>`, over the
    /// tokens of the whole document (a summary may span a code block or a list).
    fn details_and_summaries(&mut self) {
        self.out.tokens.sort_by_key(|t| t.span().start);
        let tokens = &self.out.tokens;
        let mut found = Vec::new();
        let mut k = 0;
        while k < tokens.len() {
            let Token::Tag(tag) = &tokens[k] else {
                k += 1;
                continue;
            };
            if tag.is("details") {
                let kind = if tag.closing {
                    Kind::DetailsClose
                } else {
                    Kind::DetailsOpen
                };
                found.push((tag.span.clone(), kind));
            } else if tag.is("summary") && !tag.closing {
                // The summary ends at `</summary>`, or where the next `<details>` tag begins.
                let close = tokens[k + 1..]
                    .iter()
                    .position(|t| matches!(t, Token::Tag(x) if x.is("details") || x.is("summary")))
                    .map(|c| k + 1 + c);
                let (inner_end, end) = match close.map(|c| &tokens[c]) {
                    Some(Token::Tag(x)) if x.is("summary") && x.closing => {
                        (x.span.start, x.span.end)
                    }
                    Some(t) => (t.span().start, t.span().start),
                    None => {
                        let end = line_end(self.source, tag.span.end);
                        (end, end)
                    }
                };
                let inner = &tokens[k + 1..close.unwrap_or(tokens.len())];
                let text = summary_text(self.source, inner, tag.span.end..inner_end);
                found.push((tag.span.start..end, Kind::Summary(Summary { text })));
                if let Some(c) = close
                    && matches!(&tokens[c], Token::Tag(x) if x.is("summary") && x.closing)
                {
                    k = c;
                }
            }
            k += 1;
        }
        for (range, kind) in found {
            self.out.items.push(Item {
                range,
                depth: 0,
                quoted: false,
                kind,
            });
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

fn inline_of(kind: &mut Kind) -> Option<&mut Inline> {
    match kind {
        Kind::Heading(h) => Some(&mut h.inline),
        Kind::Paragraph(p) => Some(&mut p.inline),
        _ => None,
    }
}

/// A paragraph that opens with a bold label: `**Situation:** …`, `**Note**: …`.
fn is_label_lead(plain: &str, lead: Lead) -> bool {
    if lead == Lead::None || lead == Lead::Inside {
        return false;
    }
    let first_line = plain.lines().next().unwrap_or_default().trim();
    // The bold part ends at a colon, or a colon follows it.
    first_line.contains(':')
        && !crate::source::cues::ends_with_question_mark(first_line.split(':').next().unwrap_or(""))
}

/// Sorts items by position (containers before what they contain), fixes the indices items keep to
/// one another, and sets the depth of items added after the stream (`<details>`, `<summary>`).
fn sort_items(items: &mut Vec<Item>) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| {
        let item = &items[i];
        let container = matches!(item.kind, Kind::List(_) | Kind::ListItem(_));
        (item.range.start, !container, i)
    });
    let mut new_index = vec![0; items.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Item>> = std::mem::take(items).into_iter().map(Some).collect();
    let mut sorted: Vec<Item> = order.iter().filter_map(|&old| slots[old].take()).collect();
    let mut open_items: Vec<usize> = Vec::new();
    for item in &mut sorted {
        match &mut item.kind {
            Kind::Heading(h) => h.opens_item = h.opens_item.map(|i| new_index[i]),
            Kind::Paragraph(p) => p.opens_item = p.opens_item.map(|i| new_index[i]),
            Kind::ListItem(li) => {
                li.first_block = li.first_block.map(|i| new_index[i]);
                li.list = li.list.map(|i| new_index[i]);
            }
            Kind::List(l) => {
                for i in &mut l.items {
                    *i = new_index[*i];
                }
            }
            _ => {}
        }
        // Items added from tokens sit in as many list items as are open around them.
        while open_items
            .last()
            .is_some_and(|&end| end <= item.range.start)
        {
            open_items.pop();
        }
        if matches!(
            item.kind,
            Kind::DetailsOpen | Kind::DetailsClose | Kind::Summary(_)
        ) {
            item.depth = open_items.len();
        }
        if matches!(item.kind, Kind::ListItem(_)) {
            open_items.push(item.range.end);
        }
    }
    *items = sorted;
}

/// The facts of an HTML fragment, as a reader sees it: text, links and images.
fn html_facts(tokens: &[Token]) -> Inline {
    let mut inline = Inline::default();
    let mut links: Vec<bool> = Vec::new();
    let mut hidden = 0usize;
    for token in tokens {
        match token {
            Token::Tag(tag) if html::is_hidden(&tag.name) => {
                if tag.closing {
                    hidden = hidden.saturating_sub(1);
                } else {
                    hidden += 1;
                }
            }
            Token::Tag(tag) if tag.is("a") => {
                if tag.closing {
                    links.pop();
                } else {
                    links.push(tag.links_in_page());
                    if tag.links_in_page() {
                        inline.in_page_links += 1;
                        if inline.plain.trim().is_empty() {
                            inline.starts_with_in_page_link = true;
                        }
                    } else {
                        inline.external_links += 1;
                    }
                }
            }
            Token::Tag(tag) if tag.is("img") && !tag.closing => {
                inline.images += 1;
                inline.linked_images += usize::from(!links.is_empty());
            }
            Token::Text { value, .. } if hidden == 0 => {
                let chars = value.chars().filter(|c| c.is_alphanumeric()).count();
                match links.last() {
                    Some(true) => inline.in_page_chars += chars,
                    Some(false) => inline.external_chars += chars,
                    None => inline.text_chars += chars,
                }
                inline.plain.push_str(value);
            }
            _ => {}
        }
    }
    inline
}

/// An HTML fragment a reader sees nothing of: tags, comments, white space, hidden elements.
fn is_invisible(tokens: &[Token], unclosed: Option<&str>) -> bool {
    if matches!(unclosed, Some("script" | "style" | "!--")) {
        return true;
    }
    let facts = html_facts(tokens);
    facts.text_chars + facts.in_page_chars + facts.external_chars == 0
        && facts.images == 0
        && !facts.plain.chars().any(|c| !c.is_whitespace())
}

/// The question inside `<summary>…</summary>`: the text of its tokens and of any Markdown between
/// them (a code block or a list of options), white space collapsed.
fn summary_text(source: &str, inner: &[Token], range: Range<usize>) -> FieldText {
    let mut field = FieldText::default();
    // The common case, one run of text copied verbatim, keeps its source position.
    if let [Token::Text { span, value }] = inner
        && *span == range
        && source.get(span.clone()) == Some(value.as_str())
    {
        field.push_source(span.start, value);
        return field;
    }
    let mut text = String::new();
    let mut at = range.start;
    let gap = |text: &mut String, from: usize, to: usize| {
        if from < to {
            for line in source[from..to].lines() {
                let line = line.trim();
                if line.starts_with("```") || line.starts_with("~~~") {
                    continue;
                }
                let line = line
                    .strip_prefix(['*', '-', '+'])
                    .map_or(line, str::trim_start);
                text.push(' ');
                text.push_str(line);
            }
        }
    };
    for token in inner {
        let span = token.span();
        if span.start < at || span.start >= range.end {
            continue;
        }
        gap(&mut text, at, span.start);
        match token {
            Token::Text { value, .. } => text.push_str(value),
            Token::Tag(tag) if html::breaks_block(&tag.name) || tag.is("br") => text.push(' '),
            _ => {}
        }
        at = span.end;
    }
    gap(&mut text, at, range.end);
    field.push_synthetic(&text);
    field
}

/// Extends a block's start back over indentation, so an indented code block keeps its indentation.
pub fn line_start(source: &str, offset: usize) -> usize {
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

/// The end of the line holding `offset` (before its line break).
fn line_end(source: &str, offset: usize) -> usize {
    source[offset..]
        .find(['\n', '\r'])
        .map_or(source.len(), |at| offset + at)
}

/// The column of `offset` on its line, a tab advancing to the next multiple of four.
pub fn column(source: &str, offset: usize) -> usize {
    let start = source[..offset].rfind('\n').map_or(0, |p| p + 1);
    source[start..offset].chars().fold(0, |col, c| match c {
        '\t' => col + 4 - col % 4,
        '\u{feff}' => col,
        _ => col + 1,
    })
}

/// Appends inline text, as a verbatim piece where the source holds it unchanged (plain text, the inside
/// of a code span) and as synthetic text where pulldown-cmark decoded it (escapes, entities).
fn push_inline(field: &mut FieldText, source: &str, range: &Range<usize>, text: &str) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        outline(text, 0)
            .items
            .iter()
            .map(|item| {
                let name = match &item.kind {
                    Kind::FrontMatter(_) => "front",
                    Kind::Heading(_) => "heading",
                    Kind::Paragraph(_) => "paragraph",
                    Kind::ListItem(_) => "item",
                    Kind::List(_) => "list",
                    Kind::Code => "code",
                    Kind::Table(_) => "table",
                    Kind::Html(_) => "html",
                    Kind::Rule => "rule",
                    Kind::DetailsOpen => "details",
                    Kind::DetailsClose => "/details",
                    Kind::Summary(_) => "summary",
                };
                format!("{name}@{}", item.depth)
            })
            .collect()
    }

    #[test]
    fn headings_inside_list_items_open_their_item() {
        let text = "1.  ### What is X?\n\n    X is x.\n\n2.  ### Why?\n";
        let outline = outline(text, 0);
        assert_eq!(
            kinds(text),
            [
                "list@0",
                "item@1",
                "heading@1",
                "paragraph@1",
                "item@1",
                "heading@1"
            ]
        );
        let Kind::Heading(h) = &outline.items[2].kind else {
            panic!()
        };
        assert_eq!(h.opens_item, Some(1));
        assert_eq!(h.text.text, "What is X?");
        let Kind::ListItem(li) = &outline.items[1].kind else {
            panic!()
        };
        assert_eq!(li.content_col, 4);
    }

    #[test]
    fn details_blocks_without_blank_lines_are_items_in_order() {
        let text = "<details>\n<summary><b>Tell me about you.</b></summary>\nI build things.\n</details>\n<details>\n<summary>Why?</summary>\n<ul><li>Because.</li></ul>\n</details>\n";
        assert_eq!(
            kinds(text),
            [
                "html@0",
                "details@0",
                "summary@0",
                "paragraph@0",
                "html@0",
                "/details@0",
                "details@0",
                "summary@0",
                "html@0",
                "html@0",
                "/details@0"
            ]
        );
        let summaries: Vec<String> = outline(text, 0)
            .items
            .iter()
            .filter_map(|i| match &i.kind {
                Kind::Summary(s) => Some(s.text.text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(summaries, ["Tell me about you.", "Why?"]);
    }

    #[test]
    fn navigation_facts() {
        let text = "**[⬆ Back to Top](#table-of-contents)**\n\n[![CI](b.svg)](https://ci)\n\n- [One](#one)\n- [Two](#two)\n";
        let outline = outline(text, 0);
        let Kind::Paragraph(back) = &outline.items[0].kind else {
            panic!()
        };
        assert!(back.inline.only_in_page_links());
        let Kind::Paragraph(badge) = &outline.items[1].kind else {
            panic!()
        };
        assert!(badge.inline.only_linked_images());
        let Kind::Paragraph(entry) = &outline.items[4].kind else {
            panic!("{:?}", outline.items[4])
        };
        assert!(entry.inline.starts_with_in_page_link);
    }
}
