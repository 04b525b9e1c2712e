//! Navigation and page furniture among the outline's items, recognised by structure (links into the
//! page, linked images, tables of contents, headings that link out, unclosed raw HTML) or by the
//! boilerplate patterns.

use super::super::outline::{Inline, Item, Kind};
use super::Walk;

impl Walk<'_> {
    /// Why `item` is navigation or page furniture, if it is.
    pub(super) fn navigation(&self, item: &Item) -> Option<String> {
        let inline: Option<&Inline> = match &item.kind {
            Kind::Paragraph(p) => Some(&p.inline),
            Kind::Heading(h) => Some(&h.inline),
            Kind::Html(h) => Some(&h.inline),
            _ => None,
        };
        match &item.kind {
            Kind::List(_) if self.is_contents_list(item) => {
                return Some("table of contents (links into the page)".to_owned());
            }
            Kind::Table(t) if t.rows >= 3 && t.in_page_rows * 2 >= t.rows => {
                return Some("table of contents (links into the page)".to_owned());
            }
            Kind::Rule => return Some("thematic break".to_owned()),
            Kind::Html(h) if h.unclosed.is_some() && h.invisible => {
                return Some(format!(
                    "raw HTML block `<{}` that is never closed (read up to the next blank line)",
                    h.unclosed.unwrap_or_default()
                ));
            }
            Kind::Heading(h) if h.inline.external_links > 0 => {
                return Some("call to action (a heading that links out)".to_owned());
            }
            _ => {}
        }
        let inline = inline?;
        if inline.only_in_page_links() {
            return Some("navigation link into the page (such as back to top)".to_owned());
        }
        if inline.only_linked_images() {
            return Some("badge or banner image".to_owned());
        }
        let prose = inline.prose.trim();
        if prose.is_empty() {
            return None;
        }
        prose.lines().find_map(|line| {
            self.ctx
                .boilerplate
                .classify(line.trim())
                .map(|r| format!("boilerplate: {r}"))
        })
    }

    /// A list whose items all open with a link into the page.
    pub(super) fn is_contents_list(&self, item: &Item) -> bool {
        let Kind::List(list) = &item.kind else {
            return false;
        };
        let entries = list
            .items
            .iter()
            .filter(|&&i| match &self.outline.items[i].kind {
                Kind::ListItem(li) => li.first_block.is_some_and(|b| {
                    matches!(&self.outline.items[b].kind,
                        Kind::Paragraph(p) if p.inline.starts_with_in_page_link)
                }),
                _ => false,
            })
            .count();
        // Every entry: a list that mixes in other items is content that happens to hold links.
        list.items.len() >= 2 && entries == list.items.len()
    }
}
