//! What a reader sees of an HTML fragment: text, links into the page or out of it, images.

use super::super::html::{self, Token};
use super::Inline;

/// The facts of an HTML fragment, as a reader sees it: text, links and images.
pub(super) fn html_facts(tokens: &[Token]) -> Inline {
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
                inline.prose.push_str(value);
            }
            _ => {}
        }
    }
    inline
}

/// An HTML fragment a reader sees nothing of: tags, comments, white space, hidden elements.
pub(super) fn is_invisible(tokens: &[Token], unclosed: Option<&str>) -> bool {
    if matches!(unclosed, Some("script" | "style" | "!--")) {
        return true;
    }
    let facts = html_facts(tokens);
    facts.text_chars + facts.in_page_chars + facts.external_chars == 0
        && facts.images == 0
        && !facts.plain.chars().any(|c| !c.is_whitespace())
}
