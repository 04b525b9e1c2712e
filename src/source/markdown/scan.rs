//! Cutting a Markdown document into the stretches pulldown-cmark reads and the lines it must not.
//!
//! Two things defeat reading an interview repository as one CommonMark document. `<details>` and
//! `<summary>` tags on lines of their own open HTML blocks that run to the next blank line, so the
//! answer written after them is taken for raw HTML, and a run of `<details>` blocks without blank lines
//! between them becomes one block. And raw HTML blocks that are never closed (`<script>`, `<!--`,
//! `<pre>`, `<style>`, `<textarea>`, …) swallow the rest of the file. This module finds both outside
//! fenced code and cuts the document there; the tags themselves are read by [`super::html`].
//!
//! Owns only line classification; it knows nothing about questions.

use std::ops::Range;

/// What a stretch of the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    /// Markdown, for pulldown-cmark.
    Markdown,
    /// Lines of `<details>` / `<summary>` structure (and whatever else is on those lines).
    Structure,
    /// A raw HTML block that is never closed, up to the next blank line: the tag that opened it.
    Unclosed(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub range: Range<usize>,
    pub kind: SegmentKind,
}

/// A line: its byte range including the line end, and its text without it.
struct Line<'a> {
    range: Range<usize>,
    text: &'a str,
}

fn lines(source: &str, base: usize) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = base;
    while start < source.len() {
        let end = source[start..]
            .find('\n')
            .map_or(source.len(), |at| start + at + 1);
        let text = source[start..end].trim_end_matches(['\n', '\r']);
        out.push(Line {
            range: start..end,
            text,
        });
        start = end;
    }
    out
}

/// Indentation in columns (a tab to the next multiple of four) and the text after it.
fn indentation(text: &str) -> (usize, &str) {
    let mut columns = 0;
    for (at, c) in text.char_indices() {
        match c {
            ' ' => columns += 1,
            '\t' => columns += 4 - columns % 4,
            _ => return (columns, &text[at..]),
        }
    }
    (columns, "")
}

/// An opening code fence: its character and length.
fn fence_open(rest: &str) -> Option<(char, usize)> {
    let c = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = rest.chars().take_while(|x| *x == c).count();
    // A backtick fence's info string may not contain backticks.
    let backtick_in_info = c == '`' && rest[n..].contains('`');
    (n >= 3 && !backtick_in_info).then_some((c, n))
}

fn fence_closes(rest: &str, (c, n): (char, usize)) -> bool {
    let run = rest.chars().take_while(|x| *x == c).count();
    run >= n && rest[run * c.len_utf8()..].trim().is_empty()
}

/// The raw HTML blocks of CommonMark that end only at an explicit end marker (types 1 to 5): the
/// tag to name in messages and the marker that closes it.
fn raw_block(rest: &str) -> Option<(&'static str, &'static str)> {
    if !rest.starts_with('<') {
        return None;
    }
    let head = rest.get(..rest.len().min(12)).unwrap_or(rest);
    let lower = head.to_ascii_lowercase();
    for (tag, end) in [
        ("script", "</script>"),
        ("pre", "</pre>"),
        ("style", "</style>"),
        ("textarea", "</textarea>"),
    ] {
        if let Some(after) = lower.strip_prefix('<').and_then(|l| l.strip_prefix(tag))
            && after
                .chars()
                .next()
                .is_none_or(|c| c == '>' || c.is_whitespace())
        {
            return Some((tag, end));
        }
    }
    if lower.starts_with("<!--") {
        return Some(("!--", "-->"));
    }
    if lower.starts_with("<![cdata[") {
        return Some(("![CDATA[", "]]>"));
    }
    if lower.starts_with("<?") {
        return Some(("?", "?>"));
    }
    if lower.starts_with("<!") && lower[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some(("!", ">"));
    }
    None
}

/// True for a line that carries `<details>` / `<summary>` structure: it starts with a tag and holds
/// an opening or closing `details` or `summary` tag.
fn is_structure(rest: &str) -> bool {
    if !rest.starts_with('<') {
        return false;
    }
    let lower = rest.to_ascii_lowercase();
    ["<details", "</details", "<summary", "</summary"]
        .iter()
        .any(|tag| {
            lower.match_indices(tag).any(|(at, _)| {
                lower[at + tag.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c == '>' || c == '/' || c.is_whitespace())
            })
        })
}

/// Cuts `source` (from byte `base`, past a byte-order mark) into segments, in order, covering it all.
pub fn segments(source: &str, base: usize) -> Vec<Segment> {
    let lines = lines(source, base);
    let mut out: Vec<Segment> = Vec::new();
    // Neighbouring lines of one kind make one segment; an unclosed block is always its own.
    let mut push = |range: Range<usize>, kind: SegmentKind| match out.last_mut() {
        Some(last) if last.kind == kind && !matches!(kind, SegmentKind::Unclosed(_)) => {
            last.range.end = range.end;
        }
        _ => out.push(Segment { range, kind }),
    };
    let mut fence: Option<(char, usize)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let (indent, rest) = indentation(line.text);
        if let Some(open) = fence {
            if indent <= 3 && fence_closes(rest, open) {
                fence = None;
            }
            push(line.range.clone(), SegmentKind::Markdown);
            i += 1;
            continue;
        }
        if indent > 3 {
            push(line.range.clone(), SegmentKind::Markdown);
            i += 1;
            continue;
        }
        if let Some(open) = fence_open(rest) {
            fence = Some(open);
            push(line.range.clone(), SegmentKind::Markdown);
            i += 1;
            continue;
        }
        if let Some((tag, end)) = raw_block(rest) {
            let closed = (i..lines.len()).find(|&j| {
                let text = if j == i { rest } else { lines[j].text };
                text.to_ascii_lowercase().contains(end)
            });
            match closed {
                Some(j) => {
                    // Closed: pulldown-cmark reads it as one raw block; nothing inside is structure.
                    push(line.range.start..lines[j].range.end, SegmentKind::Markdown);
                    i = j + 1;
                }
                None => {
                    let blank = (i + 1..lines.len())
                        .find(|&j| lines[j].text.trim().is_empty())
                        .unwrap_or(lines.len());
                    let end = lines[blank - 1].range.end;
                    push(line.range.start..end, SegmentKind::Unclosed(tag));
                    i = blank;
                }
            }
            continue;
        }
        let kind = if is_structure(rest) {
            SegmentKind::Structure
        } else {
            SegmentKind::Markdown
        };
        push(line.range.clone(), kind);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(SegmentKind, &str)> {
        segments(text, 0)
            .into_iter()
            .map(|s| (s.kind, &text[s.range]))
            .collect()
    }

    #[test]
    fn details_lines_are_cut_out_of_the_markdown() {
        use SegmentKind::*;
        let text = "# T\n\n<details>\n<summary>Q?</summary>\nAnswer.\n</details>\n**B?**\n";
        assert_eq!(
            kinds(text),
            [
                (Markdown, "# T\n\n"),
                (Structure, "<details>\n<summary>Q?</summary>\n"),
                (Markdown, "Answer.\n"),
                (Structure, "</details>\n"),
                (Markdown, "**B?**\n"),
            ]
        );
    }

    #[test]
    fn fenced_code_and_closed_raw_blocks_are_never_cut() {
        use SegmentKind::*;
        let text = "```html\n<details>\n```\n<!--\n<details>\n-->\n    <details>\n";
        assert_eq!(kinds(text), [(Markdown, text)]);
    }

    #[test]
    fn unclosed_raw_blocks_end_at_the_next_blank_line() {
        use SegmentKind::*;
        let text = "# N\n\n<script>\nvar x;\n\n## What is A?\n\n<!-- open\n\nA.\n";
        assert_eq!(
            kinds(text),
            [
                (Markdown, "# N\n\n"),
                (Unclosed("script"), "<script>\nvar x;\n"),
                (Markdown, "\n## What is A?\n\n"),
                (Unclosed("!--"), "<!-- open\n"),
                (Markdown, "\nA.\n"),
            ]
        );
        // A `<pre>` closed on a later line is one Markdown stretch.
        assert_eq!(
            kinds("<pre>\na\n\nb</pre>\n"),
            [(Markdown, "<pre>\na\n\nb</pre>\n")]
        );
    }
}
