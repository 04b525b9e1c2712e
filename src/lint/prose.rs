//! Which parts of a card field are prose: what the rules may read.
//!
//! Owns the Markdown-awareness of linting: code blocks, inline code, raw HTML, link targets and bare
//! URLs are never prose, so a rule never flags `robust` in a code sample or a number in a URL.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use regex::Regex;

use crate::source::markdown::cmark_options;

static URL: LazyLock<Regex> = LazyLock::new(|| {
    #[expect(
        clippy::expect_used,
        reason = "constant pattern, exercised by the tests"
    )]
    Regex::new(r"(?i)\b(?:https?://|www\.)\S+").expect("valid pattern")
});

/// The byte ranges of `text` (a Markdown field) that are prose, in order.
pub fn prose_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut code_depth = 0usize;
    for (event, range) in Parser::new_ext(text, cmark_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code_depth += 1,
            Event::End(TagEnd::CodeBlock) => code_depth = code_depth.saturating_sub(1),
            // Link text is prose; its target is not part of any Text event.
            Event::Text(_) if code_depth == 0 => {
                // Unescaped text can differ from the source; lint the source range as written.
                push_without_urls(text, range, &mut ranges);
            }
            _ => {}
        }
    }
    ranges
}

fn push_without_urls(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut start = range.start;
    for url in URL.find_iter(&text[range.clone()]) {
        let url_start = range.start + url.start();
        if url_start > start {
            out.push(start..url_start);
        }
        start = range.start + url.end();
    }
    if start < range.end {
        match out.last_mut() {
            // pulldown-cmark splits text at some punctuation; adjacent pieces are one run of prose.
            Some(last) if last.end == start => last.end = range.end,
            _ => out.push(start..range.end),
        }
    }
}

/// Sentence ranges within a prose range: split after `.`, `!`, `?` or `;` followed by white space,
/// and at line breaks. Rules that look for a baseline look within the sentence.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let slice = &text[range.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = slice.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ends = match b {
            b'\n' => true,
            b'.' | b'!' | b'?' | b';' => bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
            _ => false,
        };
        if ends {
            if i + 1 > start {
                out.push(range.start + start..range.start + i + 1);
            }
            start = i + 1;
        }
    }
    if start < slice.len() {
        out.push(range.start + start..range.end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Vec<&str> {
        prose_ranges(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn code_html_urls_and_link_targets_are_not_prose() {
        let text = "A robust `robust()` call, see [the docs](https://robust.example) or https://x.io/90%.\n\n```\nrobust\n```\n\n<div>\nrobust\n</div>";
        let joined = prose(text).join("|");
        assert_eq!(joined.matches("robust").count(), 1, "{joined}");
        assert!(joined.contains("the docs"));
        assert!(!joined.contains("90%"));
    }

    #[test]
    fn sentences_split_on_final_punctuation_not_inside_numbers() {
        let text = "It took 1.5 s. Then 3 ms! Done";
        let parts: Vec<&str> = sentences(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(parts, ["It took 1.5 s.", " Then 3 ms!", " Done"]);
    }
}
