//! Card text → HTML that is safe to show in Anki, which renders fields as HTML with JavaScript on.
//!
//! Owns the one conversion every HTML-carrying format uses. Card text is Markdown (plain-text answers
//! read as Markdown too: paragraphs, lists and code survive). Raw HTML in the source is never passed
//! through: it is shown as the characters it is, so a question about `<script>` or `Vec<T>` displays
//! them and runs nothing. The generated HTML then goes through an allowlist sanitiser (ammonia) as a
//! second line of defence.

use std::borrow::Cow;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, html};

use crate::source::markdown::cmark_options;

/// The sanitiser: ammonia's default allowlist of formatting tags, links limited to web and mail, and
/// no attributes beyond that list (so no `class`, `style` or event handlers).
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|_element, _attribute, value| Some(on_one_line(value)));
    builder
});

/// An attribute value with its line breaks turned into spaces, so that every tag is on one line
/// (a link title written over two lines would give a tag spanning lines, which line-based tools
/// take for broken HTML); a tooltip loses nothing on one line.
fn on_one_line(value: &str) -> Cow<'_, str> {
    if value.contains(['\n', '\r']) {
        Cow::Owned(value.lines().map(str::trim).collect::<Vec<_>>().join(" "))
    } else {
        Cow::Borrowed(value)
    }
}

/// Block Markdown (an answer, an example) as sanitised HTML.
pub fn block(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 4);
    html::push_html(&mut out, events(markdown));
    SANITIZER.clean(out.trim_end()).to_string()
}

/// One line of Markdown (a question) as sanitised HTML without the enclosing paragraph.
pub fn inline(markdown: &str) -> String {
    let html = block(markdown);
    match html
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
    {
        // Only when it is one paragraph: `<p>a</p><p>b</p>` keeps its tags.
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => html,
    }
}

/// Plain text with the characters HTML gives meaning to escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The Markdown events with raw HTML turned into text, so that it is escaped, not interpreted.
fn events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    // Front matter never reaches a card: an answer opening with `---` is a rule, not metadata.
    let options = cmark_options() - Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        event => event,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_not_run() {
        let html = block("Never trust <script>alert(1)</script> or <img src=x onerror=alert(1)>.");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert_eq!(
            inline("What is `Vec<T>`?"),
            "What is <code>Vec&lt;T&gt;</code>?"
        );
        assert_eq!(
            inline("Is Vec<T> a heap type?"),
            "Is Vec&lt;T&gt; a heap type?"
        );
    }

    #[test]
    fn markdown_becomes_formatting() {
        assert_eq!(
            block("Use **two** steps:\n\n1. measure\n2. change"),
            "<p>Use <strong>two</strong> steps:</p>\n<ol>\n<li>measure</li>\n<li>change</li>\n</ol>"
        );
        assert_eq!(
            block("```rust\nlet v: Vec<u8> = vec![];\n```"),
            "<pre><code>let v: Vec&lt;u8&gt; = vec![];\n</code></pre>"
        );
    }

    #[test]
    fn links_keep_web_targets_only() {
        let html = block("[docs](https://example.com) and [bad](javascript:alert(1))");
        assert!(
            html.contains(r#"<a href="https://example.com" rel="noopener noreferrer">docs</a>"#),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
    }

    #[test]
    fn attribute_values_stay_on_one_line() {
        assert_eq!(
            block("[x](https://example.com \"two\r\nlines\")"),
            r#"<p><a href="https://example.com" title="two lines" rel="noopener noreferrer">x</a></p>"#
        );
    }

    #[test]
    fn escape_covers_the_html_specials() {
        assert_eq!(
            escape(r#"a<b & "c" 'd'>"#),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;"
        );
    }
}
