//! Which parts of a card field are prose: what the rules may read.
//!
//! Owns the Markdown-awareness of linting: code blocks, inline code, link targets and bare URLs are
//! never prose, so a rule never flags `robust` in a code sample or a number in a URL. Raw HTML is
//! read by its tags ([`html`]): the text between them is prose, the tags and code elements are
//! not. Tokens of running text that are code all the same (paths, file names, flags: see
//! [`code_tokens`]) are cut out of every range.

mod code_tokens;
mod html;

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

/// What every URL contains: a field without it has none, wherever its prose ranges start.
static URL_HINT: LazyLock<Regex> = LazyLock::new(|| {
    #[expect(
        clippy::expect_used,
        reason = "constant pattern, exercised by the tests"
    )]
    Regex::new(r"(?i)https?://|www\.").expect("valid pattern")
});

/// The byte ranges of `text` (a Markdown field) that are prose, in order.
pub fn prose_ranges(text: &str) -> Vec<Range<usize>> {
    let ranges = plain_prose(text).unwrap_or_else(|| markdown_prose(text));
    code_tokens::cut(text, ranges)
}

/// Bytes that can start Markdown syntax anywhere in a line: emphasis, code, HTML, links, entities,
/// escapes, tables, strikethrough, headings, quotes.
fn is_inline_syntax(b: u8) -> bool {
    // Comparisons joined with `|`, not `matches!`: no branch per byte, so blocks vectorise.
    (b == b'`')
        | (b == b'*')
        | (b == b'_')
        | (b == b'<')
        | (b == b'>')
        | (b == b'[')
        | (b == b']')
        | (b == b'&')
        | (b == b'\\')
        | (b == b'|')
        | (b == b'~')
        | (b == b'#')
}

/// Whether any byte of `text` passes `test`. Looks at fixed blocks of 32 bytes without branching
/// inside a block (the shape compilers turn into vector code), stopping at the first block with one:
/// for scans that run over all of the prose.
pub(crate) fn any_byte(text: &str, test: impl Fn(u8) -> bool) -> bool {
    let blocks = text.as_bytes().chunks_exact(32);
    blocks.remainder().iter().any(|&b| test(b))
        || blocks
            .clone()
            .any(|block| block.iter().fold(0u8, |n, &b| n | u8::from(test(b))) != 0)
}

/// Characters that start a block (list, setext underline, indented code) at the start of a line.
/// (Code fences need three backticks, which [`backtick_runs`] leaves to the parser.)
fn opens_block(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let body = &line[indent..];
    indent >= 4
        || matches!(
            body.bytes().next(),
            Some(b'-' | b'+' | b'=' | b'\t' | b'0'..=b'9')
        )
}

/// The prose of a field without Markdown syntax other than inline code (most answers): each line
/// without its indentation and trailing white space, code spans and URLs cut out, exactly as the
/// parser would give it. `None` when the field has anything else the parser could read as
/// Markdown; the parser decides then. A property test checks that both agree.
fn plain_prose(text: &str) -> Option<Vec<Range<usize>>> {
    // A `\r` not followed by `\n` ends a line too: leave such rare text to the parser.
    let lone_cr = || text.replace("\r\n", "").contains('\r');
    if any_byte(text, |b| is_inline_syntax(b) & (b != b'`')) || (text.contains('\r') && lone_cr()) {
        return None;
    }
    let backticks = backtick_runs(text)?;
    // One search for URLs over the whole field; most fields have none, and their lines skip it.
    let urls = URL_HINT.is_match(text);
    let mut ranges = Vec::new();
    let mut start = 0;
    // The first run of backticks not yet behind the lines seen.
    let mut next = 0;
    for line in text.split_inclusive('\n') {
        if opens_block(line) {
            return None;
        }
        let body = line.trim_start_matches(' ');
        let mut from = start + (line.len() - body.len());
        let to = from + body.trim_end_matches([' ', '\t', '\r', '\n']).len();
        // The parser's text events end at each run of backticks: a code span is left out, a run
        // that opens none is a text event of its own.
        while let Some(run) = backticks.get(next).filter(|run| run.range.start < to) {
            if run.range.start > from {
                push_prose(text, from..run.range.start, urls, &mut ranges);
            }
            if !run.code {
                push_prose(text, run.range.clone(), urls, &mut ranges);
            }
            from = from.max(run.range.end);
            if run.range.end > to {
                // A code span going on into the next line: it is looked at again there.
                break;
            }
            next += 1;
        }
        if to > from {
            push_prose(text, from..to, urls, &mut ranges);
        }
        start += line.len();
    }
    Some(ranges)
}

/// A run of backticks, or a code span from its opening run to its closing one.
struct Backticks {
    range: Range<usize>,
    code: bool,
}

/// The code spans of `text` and the runs of backticks that open none, in order, as CommonMark
/// reads them: a run opens a span that the next run of the same length in the paragraph closes.
/// Only for text without backslash escapes or HTML, which would change that; `None` for a run of
/// three or more, which may open a fenced code block (left to the parser).
fn backtick_runs(text: &str) -> Option<Vec<Backticks>> {
    // Every run of backticks: (start, length, paragraph).
    let bytes = text.as_bytes();
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    let mut paragraph = 0;
    let mut from = 0;
    while let Some(at) = text[from..].find('`') {
        let start = from + at;
        if has_blank_line(&text[from..start]) {
            paragraph += 1;
        }
        let len = bytes[start..].iter().take_while(|&&b| b == b'`').count();
        if len >= 3 {
            return None;
        }
        runs.push((start, len, paragraph));
        from = start + len;
    }
    let mut out = Vec::new();
    let mut k = 0;
    while let Some(&(start, len, paragraph)) = runs.get(k) {
        // A run that closes nothing leaves no run of its length after it in the paragraph, so
        // these searches cost at most the number of runs times the number of distinct lengths.
        let closing = runs[k + 1..]
            .iter()
            .take_while(|run| run.2 == paragraph)
            .position(|run| run.1 == len)
            .map(|c| k + 1 + c);
        match closing {
            Some(close) => {
                out.push(Backticks {
                    range: start..runs[close].0 + len,
                    code: true,
                });
                k = close + 1;
            }
            None => {
                out.push(Backticks {
                    range: start..start + len,
                    code: false,
                });
                k += 1;
            }
        }
    }
    Some(out)
}

/// Whether `text` holds a whole line of nothing but spaces and tabs: the end of a paragraph.
fn has_blank_line(text: &str) -> bool {
    let mut lines = text.split('\n');
    lines.next();
    let mut inner = lines.peekable();
    // The last piece is not followed by a line break: not a whole line.
    while let Some(line) = inner.next() {
        if inner.peek().is_some() && line.trim_matches([' ', '\t', '\r']).is_empty() {
            return true;
        }
    }
    false
}

/// The prose of a Markdown field as pulldown-cmark reads it.
fn markdown_prose(text: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut code_depth = 0usize;
    // Raw HTML: what its tags leave open (a `<code>` around Markdown text), and the HTML block
    // being read, from its first line to its last.
    let mut markup = html::Markup::default();
    let mut html_block: Option<Range<usize>> = None;
    // As for plain prose: one search over the field spares most text events their own.
    let urls = URL_HINT.is_match(text);
    for (event, range) in Parser::new_ext(text, cmark_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code_depth += 1,
            Event::End(TagEnd::CodeBlock) => code_depth = code_depth.saturating_sub(1),
            // Link text is prose; its target is not part of any Text event.
            Event::Text(_) if code_depth == 0 && !markup.in_code() => {
                // Unescaped text can differ from the source; lint the source range as written.
                push_prose(text, range, urls, &mut ranges);
            }
            Event::Html(_) => {
                html_block = Some(html_block.map_or(range.clone(), |b| b.start..range.end));
            }
            Event::InlineHtml(_) => {
                markup.read(text, range, |piece| {
                    push_prose(text, piece, urls, &mut ranges)
                });
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(block) = html_block.take() {
                    markup.read(text, block, |piece| {
                        push_prose(text, piece, urls, &mut ranges)
                    });
                }
                markup.close_block();
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell) => {
                markup.close_block();
            }
            _ => {}
        }
    }
    ranges
}

/// Adds `range` to `out` without the URLs in it (`urls`: whether the field has any at all).
fn push_prose(text: &str, range: Range<usize>, urls: bool, out: &mut Vec<Range<usize>>) {
    let mut start = range.start;
    let found = urls.then(|| URL.find_iter(&text[range.clone()]));
    for url in found.into_iter().flatten() {
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
    fn code_html_tags_urls_and_link_targets_are_not_prose() {
        let text = "A robust `robust()` call, see [the docs](https://robust.example) or https://x.io/90%.\n\n```\nrobust\n```\n\n<div class=\"robust\">\n<pre>robust</pre> <code>robust</code>\n</div>";
        let joined = prose(text).join("|");
        assert_eq!(joined.matches("robust").count(), 1, "{joined}");
        assert!(joined.contains("the docs"));
        assert!(!joined.contains("90%"));
    }

    #[test]
    fn text_inside_html_is_prose_with_spans_into_the_field() {
        let text = "Intro line.\n\n<ul>\n  <li><b>Result:</b> we cut costs by 40%&nbsp;overall.</li>\n</ul>\n\n<p>A <code>--robust</code> flag and <kbd>robust</kbd> keys.</p>";
        assert_eq!(
            prose(text),
            [
                "Intro line.",
                "Result:",
                "we cut costs by 40%&nbsp;overall.",
                "A",
                "flag and",
                "keys."
            ]
        );
        let inline = "Call it <code>robust</code> and <em>robust</em> twice.";
        assert_eq!(prose(inline), ["Call it ", " and ", "robust", " twice."]);
    }

    #[test]
    fn code_like_tokens_are_cut_from_markdown_and_plain_prose() {
        assert_eq!(
            prose("Edit settings.yaml in /etc/app and run it with --image=postgres today."),
            ["Edit ", " in ", " and run it with ", " today."]
        );
        assert_eq!(
            prose("**Edit** settings.yaml, then `x`."),
            ["Edit", " ", ", then ", "."]
        );
    }

    #[test]
    fn plain_answers_skip_the_parser() {
        let text = "A cache keeps hot rows in memory.\nIt cut reads by 40%, see https://x.io/a.\n\n  Then: (maybe) \"quoted\" 'text'; done?  \n";
        assert_eq!(plain_prose(text), Some(markdown_prose(text)));
        let code = "Use `code` here, ``a ` b`` and `x\ny` too; ` alone.\n\n`not\n\nclosed`";
        assert_eq!(plain_prose(code), Some(markdown_prose(code)));
        assert!(plain_prose("Use *emphasis* here").is_none());
        assert!(plain_prose("Steps:\n1. one\n2. two").is_none());
    }

    proptest::proptest! {
        /// The shortcut for plain text gives exactly the parser's prose whenever it applies.
        #[test]
        fn plain_prose_agrees_with_the_parser(
            text in proptest::string::string_regex(
                "([a-zA-Z0-9 .,;:?!'\"()/%é\u{a0}\t\r-]{0,12}(\n|\n\n|    |https?://x\\.io/a|www\\.y\\.z|[-+=*_#>`<&|~\\[\\]\\\\])?){0,12}"
            ).unwrap_or_else(|err| panic!("invalid strategy: {err}"))
        ) {
            if let Some(fast) = plain_prose(&text) {
                proptest::prop_assert_eq!(fast, markdown_prose(&text), "{:?}", text);
            }
        }
    }

    proptest::proptest! {
        /// The same for text whose only syntax is inline code: runs of backticks, spans across
        /// lines and paragraphs, fences.
        #[test]
        fn plain_prose_reads_code_spans_as_the_parser_does(
            text in "([a-z ]{0,6}(`{1,3}|\n|\n\n| {2,5}|\n```|https://x\\.io/`a`)?){0,16}"
        ) {
            if let Some(fast) = plain_prose(&text) {
                proptest::prop_assert_eq!(fast, markdown_prose(&text), "{:?}", text);
            }
        }
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
