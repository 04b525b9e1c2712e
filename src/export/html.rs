//! Card text → HTML that is safe to show in Anki, which renders fields as HTML with JavaScript on.
//!
//! Owns the one conversion every HTML-carrying format uses, and where images sit in card text. Card
//! text is Markdown (plain-text answers read as Markdown too: paragraphs, lists and code survive). Raw
//! HTML in the source is never passed through: it is shown as the characters it is, so a question
//! about `<script>` or `Vec<T>` displays them and runs nothing. The one exception is an `<img>` tag
//! with a `src`, which becomes an image built from its `src`, `alt` and `title` alone, as a Markdown
//! image would. The generated HTML then goes through an allowlist sanitiser (ammonia) as a second
//! line of defence.

use std::borrow::Cow;
use std::sync::LazyLock;

use html5gum::{DefaultEmitter, Token, Tokenizer};
use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, html};

use crate::source::markdown::cmark_options;

/// The sanitiser: ammonia's default allowlist of formatting tags, links limited to web and mail, and
/// no attributes beyond that list (so no `class`, `style` or event handlers). Relative URLs pass, so
/// an image names a file in Anki's media folder.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|_element, _attribute, value| Some(on_one_line(value)));
    builder
});

/// How deep lists and block quotes nest in a card's HTML. Deeper ones continue at this depth: each of
/// their items starts on a new line, and all their text is kept. No one reads a list 33 levels deep,
/// and the sanitiser's HTML parser checks every tag against every open element, as the HTML standard
/// says, which made 50,000 nested lists take minutes (browsers cap nesting too: Chromium at 512).
pub const MAX_NESTING: usize = 32;

/// Each image's `src` as the output should have it, given the `src` as written: `None` keeps it.
pub type ImageSrc<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Keeps every image's `src` as written.
#[cfg(test)]
pub fn as_written(_src: &str) -> Option<String> {
    None
}

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

/// Block Markdown (an answer, an example) as sanitised HTML, each image's `src` as `images` gives it.
pub fn block(markdown: &str, images: ImageSrc<'_>) -> String {
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 4);
    let events = events(markdown).into_iter().map(|event| match event {
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: images(&dest_url).map_or(dest_url, CowStr::from),
            title,
            id,
        }),
        event => event,
    });
    html::push_html(&mut out, events);
    SANITIZER.clean(out.trim_end()).to_string()
}

/// One line of Markdown (a question) as sanitised HTML without the enclosing paragraph.
pub fn inline(markdown: &str, images: ImageSrc<'_>) -> String {
    let html = block(markdown, images);
    match html
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
    {
        // Only when it is one paragraph: `<p>a</p><p>b</p>` keeps its tags.
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => html,
    }
}

/// The `src` of every image [`block`] renders from `markdown`, in order, as written: Markdown images
/// (`![alt](src)`, reference-style too) and raw `<img src>` tags.
pub fn image_sources(markdown: &str) -> Vec<String> {
    // Every image starts with `![` or `<img`: most fields have neither and are not parsed.
    if !markdown.contains("![") && !has_img_tag(markdown) {
        return Vec::new();
    }
    events(markdown)
        .into_iter()
        .filter_map(|event| match event {
            Event::Start(Tag::Image { dest_url, .. }) => Some(dest_url.into_string()),
            _ => None,
        })
        .collect()
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

/// The Markdown events with raw HTML turned into text, so that it is escaped, not interpreted, and
/// its `<img>` tags into images, and lists and quotes nested at most [`MAX_NESTING`] deep. An HTML
/// block's lines are read together, so a tag written over several lines is still one tag.
fn events(markdown: &str) -> Vec<Event<'_>> {
    // Front matter never reaches a card: an answer opening with `---` is a rule, not metadata.
    let options = cmark_options() - Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut out = Vec::new();
    let mut html_block: Option<String> = None;
    let mut depth = 0;
    for event in Parser::new_ext(markdown, options) {
        let Some(event) = within_nesting(event, &mut depth) else {
            continue;
        };
        match event {
            Event::Html(raw) if html_block.is_some() => {
                if let Some(block) = &mut html_block {
                    block.push_str(&raw);
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                html_block = Some(String::new());
                out.push(event);
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(block) = html_block.take() {
                    raw_html(block.into(), &mut out);
                }
                out.push(event);
            }
            Event::Html(raw) | Event::InlineHtml(raw) => raw_html(raw, &mut out),
            event => out.push(event),
        }
    }
    out
}

/// `event`, or what stands for it when it lies deeper than [`MAX_NESTING`] lists and quotes: nothing
/// for a list's or quote's start and end, a line break for an item's start. `depth` counts the lists
/// and quotes open.
fn within_nesting<'a>(event: Event<'a>, depth: &mut usize) -> Option<Event<'a>> {
    match event {
        Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
            *depth += 1;
            (*depth <= MAX_NESTING).then_some(event)
        }
        Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => {
            let kept = *depth <= MAX_NESTING;
            *depth = depth.saturating_sub(1);
            kept.then_some(event)
        }
        Event::Start(Tag::Item) if *depth > MAX_NESTING => Some(Event::HardBreak),
        Event::End(TagEnd::Item) if *depth > MAX_NESTING => None,
        event => Some(event),
    }
}

/// Raw HTML as text, except each `<img>` with a `src`, which becomes the events of a Markdown image
/// with its `src`, `alt` and `title` (and no other attribute: no `onerror`, no `style`).
fn raw_html<'a>(raw: CowStr<'a>, out: &mut Vec<Event<'a>>) {
    if !has_img_tag(&raw) {
        out.push(Event::Text(raw));
        return;
    }
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // As a browser does: no tags inside <script>, <style>, <textarea>, <title>.
    emitter.naively_switch_states(true);
    let mut copied = 0;
    for token in Tokenizer::new_with_emitter(&*raw, emitter) {
        let Ok(Token::StartTag(tag)) = token else {
            continue;
        };
        if !tag.name.eq_ignore_ascii_case(b"img") {
            continue;
        }
        let attribute = |name: &[u8]| {
            tag.attributes
                .get(name)
                .map(|value| String::from_utf8_lossy(value).into_owned())
        };
        let Some(src) = attribute(b"src").filter(|src| !src.trim().is_empty()) else {
            continue;
        };
        let (start, end) = (tag.span.start, tag.span.end);
        let Some(before) = raw.get(copied..start).filter(|_| raw.is_char_boundary(end)) else {
            continue;
        };
        if !before.is_empty() {
            out.push(Event::Text(before.to_owned().into()));
        }
        out.push(Event::Start(Tag::Image {
            link_type: LinkType::Inline,
            dest_url: src.into(),
            title: attribute(b"title").unwrap_or_default().into(),
            id: CowStr::Borrowed(""),
        }));
        if let Some(alt) = attribute(b"alt").filter(|alt| !alt.is_empty()) {
            out.push(Event::Text(alt.into()));
        }
        out.push(Event::End(TagEnd::Image));
        copied = end;
    }
    if copied == 0 {
        out.push(Event::Text(raw));
    } else if let Some(rest) = raw.get(copied..).filter(|rest| !rest.is_empty()) {
        out.push(Event::Text(rest.to_owned().into()));
    }
}

/// Whether `text` holds `<img` in any case.
fn has_img_tag(text: &str) -> bool {
    text.as_bytes()
        .windows(4)
        .any(|window| window.eq_ignore_ascii_case(b"<img"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_not_run() {
        let html = block(
            "Never trust <script>alert(1)</script> or <img src=x onerror=alert(1)>.",
            &as_written,
        );
        assert!(!html.contains("<script"), "{html}");
        // The image stays an image, without its handler.
        assert!(!html.contains("onerror"), "{html}");
        assert!(html.contains(r#"<img src="x" alt="">"#), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert_eq!(
            inline("What is `Vec<T>`?", &as_written),
            "What is <code>Vec&lt;T&gt;</code>?"
        );
        assert_eq!(
            inline("Is Vec<T> a heap type?", &as_written),
            "Is Vec&lt;T&gt; a heap type?"
        );
    }

    #[test]
    fn markdown_becomes_formatting() {
        assert_eq!(
            block("Use **two** steps:\n\n1. measure\n2. change", &as_written),
            "<p>Use <strong>two</strong> steps:</p>\n<ol>\n<li>measure</li>\n<li>change</li>\n</ol>"
        );
        assert_eq!(
            block("```rust\nlet v: Vec<u8> = vec![];\n```", &as_written),
            "<pre><code>let v: Vec&lt;u8&gt; = vec![];\n</code></pre>"
        );
    }

    #[test]
    fn links_keep_web_targets_only() {
        let html = block(
            "[docs](https://example.com) and [bad](javascript:alert(1))",
            &as_written,
        );
        assert!(
            html.contains(r#"<a href="https://example.com" rel="noopener noreferrer">docs</a>"#),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
    }

    #[test]
    fn attribute_values_stay_on_one_line() {
        assert_eq!(
            block("[x](https://example.com \"two\r\nlines\")", &as_written),
            r#"<p><a href="https://example.com" title="two lines" rel="noopener noreferrer">x</a></p>"#
        );
    }

    #[test]
    fn raw_img_tags_become_images_with_src_alt_and_title_only() {
        assert_eq!(
            block(
                r#"See <img src="b-tree.png" alt="A B-tree" width="600" style="x" onload="y"> here."#,
                &as_written
            ),
            r#"<p>See <img src="b-tree.png" alt="A B-tree"> here.</p>"#
        );
        // In an HTML block, over two lines, among other tags (which stay text).
        assert_eq!(
            block(
                "<p align=\"center\">\n  <IMG SRC='a&amp;b.png'\n   title=\"T\"></p>\n",
                &as_written
            ),
            r#"&lt;p align="center"&gt;
  <img src="a&amp;b.png" alt="" title="T">&lt;/p&gt;"#
        );
        // No `src`, or inside a comment: text, as before.
        assert_eq!(
            block("<img alt=x> and <!-- <img src=y.png> -->", &as_written),
            "<p>&lt;img alt=x&gt; and &lt;!-- &lt;img src=y.png&gt; --&gt;</p>"
        );
        assert_eq!(
            block("`<img src=a.png>`", &as_written),
            "<p><code>&lt;img src=a.png&gt;</code></p>"
        );
    }

    #[test]
    fn image_sources_are_the_images_block_renders() {
        assert_eq!(
            image_sources(
                "![one](a.png) and ![two][ref] and <img src=\"c.png\">\n\n[ref]: <b c.png>\n\n<div><img src=d.svg></div>"
            ),
            ["a.png", "b c.png", "c.png", "d.svg"]
        );
        assert!(image_sources("No images; `![x](a.png)` is code.").is_empty());
        assert!(image_sources("Plain text.").is_empty());
    }

    #[test]
    fn images_point_where_the_caller_says() {
        let stored = |src: &str| (src == "a.png").then(|| "prep-0123.png".to_owned());
        assert_eq!(
            block(
                "![A](a.png) <img src=a.png alt=B> ![C](https://x.org/c.png) ![D](d.png)",
                &stored
            ),
            concat!(
                r#"<p><img src="prep-0123.png" alt="A"> <img src="prep-0123.png" alt="B"> "#,
                r#"<img src="https://x.org/c.png" alt="C"> <img src="d.png" alt="D"></p>"#
            )
        );
        assert_eq!(
            inline("What is in ![the picture](a.png)?", &stored),
            r#"What is in <img src="prep-0123.png" alt="the picture">?"#
        );
        // Inline data and scripts are not web addresses: the sanitiser drops them.
        assert_eq!(
            block(
                "![x](data:image/png;base64,AAAA) ![y](javascript:alert(1))",
                &stored
            ),
            r#"<p><img alt="x"> <img alt="y"></p>"#
        );
    }

    #[test]
    fn lists_and_quotes_nest_at_most_max_nesting_deep_and_keep_their_text() {
        let depth = |html: &str, open: &str, close: &str| {
            let mut deepest = 0i64;
            let mut now = 0i64;
            for (at, _) in html.match_indices('<') {
                if html[at..].starts_with(open) {
                    now += 1;
                    deepest = deepest.max(now);
                } else if html[at..].starts_with(close) {
                    now -= 1;
                }
            }
            assert_eq!(now, 0, "balanced: {html}");
            deepest
        };
        let lists = format!("{}x\n", "- ".repeat(200));
        let html = block(&lists, &as_written);
        assert_eq!(depth(&html, "<ul>", "</ul>"), MAX_NESTING as i64);
        assert!(html.contains('x'), "{html}");
        let quotes = format!("{} deep\n", ">".repeat(200));
        let html = block(&quotes, &as_written);
        assert_eq!(
            depth(&html, "<blockquote>", "</blockquote>"),
            MAX_NESTING as i64
        );
        assert!(html.contains("deep"), "{html}");
        // Items deeper than the limit each start on a line of their own.
        let mut items = String::new();
        for level in 0..40 {
            items.push_str(&format!("{}- item {level}\n", "  ".repeat(level)));
        }
        let html = block(&items, &as_written);
        assert_eq!(depth(&html, "<ul>", "</ul>"), MAX_NESTING as i64);
        for level in 0..40 {
            assert!(html.contains(&format!("item {level}")), "{level}: {html}");
        }
        assert!(html.contains("item 32<br>\nitem 33"), "{html}");
        // Within the limit, nothing changes.
        assert_eq!(
            block("- a\n  - b\n\n> c\n> > d", &as_written),
            "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n<blockquote>\n<p>c</p>\n<blockquote>\n<p>d</p>\n</blockquote>\n</blockquote>"
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
