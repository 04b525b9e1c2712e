//! HTML inside Markdown, read with a real tokenizer (html5gum, WHATWG-conformant), with every token's
//! byte span in the original file.
//!
//! Interview repositories wrap questions and answers in `<details>`, `<summary>`, `<br>`, `<b>`, `<p>`
//! and `<div align=…>`, and put navigation in `<a href="#…">` and banners in `<a><img></a>`. This module
//! turns an HTML fragment into tags and text with positions and says what kind of element a tag is;
//! what the elements mean for cards is decided by the outline and the renderer.

use std::ops::Range;

use html5gum::{DefaultEmitter, Token as RawToken, Tokenizer};

/// One piece of an HTML fragment, positioned in the original file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Tag(Tag),
    /// Text between tags; `value` has its character references decoded.
    Text {
        span: Range<usize>,
        value: String,
    },
    Comment {
        span: Range<usize>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Lower-case element name.
    pub name: String,
    pub closing: bool,
    pub span: Range<usize>,
    /// `href` of an `<a>`.
    pub href: Option<String>,
}

impl Token {
    pub fn span(&self) -> &Range<usize> {
        match self {
            Token::Tag(tag) => &tag.span,
            Token::Text { span, .. } | Token::Comment { span } => span,
        }
    }
}

impl Tag {
    pub fn is(&self, name: &str) -> bool {
        self.name == name
    }

    /// A link to a place in the same page (`#anchor`), as tables of contents and back-to-top links use.
    pub fn links_in_page(&self) -> bool {
        self.href.as_deref().is_some_and(|h| h.starts_with('#'))
    }
}

/// Tokenizes `source[range]`.
pub fn tokenize(source: &str, range: Range<usize>) -> Vec<Token> {
    let base = range.start;
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Switch to raw text inside <script>, <style>, <textarea>, <title>, as a browser does.
    emitter.naively_switch_states(true);
    let mut out = Vec::new();
    for token in Tokenizer::new_with_emitter(&source[range], emitter) {
        let Ok(token) = token;
        let shift = |start: usize, end: usize| base + start..base + end;
        match token {
            RawToken::StartTag(tag) => out.push(Token::Tag(Tag {
                name: String::from_utf8_lossy(&tag.name).to_ascii_lowercase(),
                closing: false,
                span: shift(tag.span.start, tag.span.end),
                href: tag
                    .attributes
                    .get(b"href".as_slice())
                    .map(|h| String::from_utf8_lossy(h).into_owned()),
            })),
            RawToken::EndTag(tag) => out.push(Token::Tag(Tag {
                name: String::from_utf8_lossy(&tag.name).to_ascii_lowercase(),
                closing: true,
                span: shift(tag.span.start, tag.span.end),
                href: None,
            })),
            RawToken::String(text) => out.push(Token::Text {
                span: shift(text.span.start, text.span.end),
                value: String::from_utf8_lossy(&text.value).into_owned(),
            }),
            RawToken::Comment(comment) => out.push(Token::Comment {
                span: shift(comment.span.start, comment.span.end),
            }),
            RawToken::Doctype(_) | RawToken::Error(_) => {}
        }
    }
    out
}

/// Elements that only present text (or wrap it), whose tags are left out of a card while their text
/// stays: what a reader sees of `<b>text</b>` is "text". Every element that starts a block is one;
/// so are inline ones and the parts of lists and tables.
pub fn is_presentational(name: &str) -> bool {
    breaks_block(name)
        || matches!(
            name,
            "b" | "strong"
                | "i"
                | "em"
                | "u"
                | "s"
                | "del"
                | "ins"
                | "mark"
                | "small"
                | "big"
                | "sub"
                | "sup"
                | "span"
                | "font"
                | "center"
                | "abbr"
                | "cite"
                | "q"
                | "br"
                | "li"
                | "dt"
                | "dd"
                | "thead"
                | "tbody"
                | "tfoot"
                | "tr"
                | "td"
                | "th"
                | "caption"
                | "a"
                | "code"
                | "kbd"
                | "samp"
                | "tt"
                | "var"
                | "picture"
                | "source"
        )
}

/// Elements that start a new block of text where they open or close.
pub fn breaks_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "details"
            | "summary"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "figure"
            | "figcaption"
            | "blockquote"
            | "ul"
            | "ol"
            | "dl"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "hr"
    )
}

/// Elements whose content no reader sees.
pub fn is_hidden(name: &str) -> bool {
    matches!(name, "script" | "style" | "template" | "noscript")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_spans_in_the_original_file() {
        let source = "xx<summary><b>1 &amp; 2?</b></summary><a href=\"#top\">up</a><!-- c -->";
        let tokens = tokenize(source, 2..source.len());
        let spans: Vec<&str> = tokens.iter().map(|t| &source[t.span().clone()]).collect();
        assert_eq!(
            spans,
            [
                "<summary>",
                "<b>",
                "1 &amp; 2?",
                "</b>",
                "</summary>",
                "<a href=\"#top\">",
                "up",
                "</a>",
                "<!-- c -->"
            ]
        );
        assert!(matches!(&tokens[2], Token::Text { value, .. } if value == "1 & 2?"));
        assert!(matches!(&tokens[5], Token::Tag(t) if t.links_in_page()));
    }

    #[test]
    fn block_inline_and_hidden_elements() {
        for name in ["p", "div", "section", "h3", "pre", "hr", "table", "ul"] {
            assert!(breaks_block(name) && is_presentational(name), "{name}");
        }
        for name in ["b", "span", "a", "code", "br", "li", "td", "caption"] {
            assert!(!breaks_block(name) && is_presentational(name), "{name}");
        }
        for name in ["script", "img", "iframe", "my-widget"] {
            assert!(!breaks_block(name) && !is_presentational(name), "{name}");
        }
    }
}
