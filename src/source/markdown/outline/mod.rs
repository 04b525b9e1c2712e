//! A Markdown document as one flat, source-ordered list of what a reader meets: headings,
//! paragraphs, list items and lists, code, tables, HTML and `<details>` structure, each with its byte
//! range, its list depth and the facts the question layout and navigation checks need.
//!
//! Built from pulldown-cmark events over the segments [`super::scan`] cut, plus the HTML tokens of
//! every raw HTML block, inline tag and structure line ([`super::html`]). Knows nothing about questions.

use std::ops::Range;

use super::html::Token;
use crate::source::field::FieldText;

mod builder;
mod details;
mod facts;
mod positions;

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
    /// The visible text without inline code (which is never page furniture).
    pub prose: String,
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
    let mut out = builder::build(source, base);
    out.items.extend(details::items(source, &out.tokens));
    sort_items(&mut out.items);
    out
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

/// The end of the line holding `offset` (before its line break).
pub(super) fn line_end(source: &str, offset: usize) -> usize {
    source[offset..]
        .find(['\n', '\r'])
        .map_or(source.len(), |at| offset + at)
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
