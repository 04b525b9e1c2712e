//! A card's stretch of source → its answer (and example) as Markdown, the way a reader sees it.
//!
//! The answer is copied from the source, so code, lists and inline markup survive and every copied
//! byte maps back to the file. Three things are changed on the way: lines lose the indentation of the
//! list item the question sits in; HTML wrappers (`<details>`, `<br>`, `<b>`, `<p>`, `<div>`) are
//! left out while their text stays, `<li>` becomes a Markdown list item, `<code>` a code span and
//! `<pre>` a code block; and navigation or page furniture inside the stretch (holes) is left out.

use std::ops::Range;

use super::html::{self, Tag, Token};
use super::outline::Outline;
use crate::source::field::FieldText;

/// One card's stretch and how to read it.
pub struct Region<'a> {
    pub range: Range<usize>,
    /// Lines starting before `.1` lose up to `.0` columns of indentation (the question's list item).
    pub indent: (usize, usize),
    /// Blocks left out (navigation, furniture), sorted.
    pub holes: &'a [Range<usize>],
    /// Where the example part starts and where its `Example:` marker ends.
    pub example: Option<(usize, usize)>,
}

pub struct Rendered {
    pub answer: FieldText,
    pub example: FieldText,
    /// End of the last source byte copied, if any.
    pub last: Option<usize>,
}

/// What happens at a range of the source instead of copying it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Edit {
    /// Left out; breaks the paragraph.
    Hole,
    /// Left out without a trace (an inline wrapper tag).
    Drop,
    /// Left out, and the text after it starts on a new line (`<br>`, `</li>`).
    Line,
    /// Left out, and the text after it starts a new paragraph (`<p>`, `<div>`, `</ul>`).
    Paragraph,
    /// Replaced by text written in its place (`` ` `` for `<code>`).
    Write(String),
    /// A list item starts: a new line, then `- ` before the next text.
    Item(usize),
    /// The example's marker: the example part starts here.
    Example,
}

pub fn render(source: &str, outline: &Outline, region: &Region<'_>) -> Rendered {
    let mut edits = tag_edits(source, outline, &region.range);
    for hole in region
        .holes
        .iter()
        .take_while(|h| h.start < region.range.end)
    {
        let start = hole.start.max(region.range.start);
        let end = hole.end.min(region.range.end);
        if start < end {
            edits.push((start..end, Edit::Hole));
        }
    }
    if let Some((at, marker_end)) = region.example {
        edits.push((at..marker_end.max(at), Edit::Example));
    }
    edits.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut writer = Writer {
        source,
        outline,
        region,
        fields: [FieldText::default(), FieldText::default()],
        current: 0,
        pending: 0,
        prefix: String::new(),
        last: None,
        last_mode: None,
    };
    writer.run(&edits);
    let [mut answer, mut example] = writer.fields;
    answer.trim();
    example.trim();
    Rendered {
        answer,
        example,
        last: writer.last,
    }
}

/// The edits HTML tags inside `range` ask for.
fn tag_edits(source: &str, outline: &Outline, range: &Range<usize>) -> Vec<(Range<usize>, Edit)> {
    let first = outline
        .tokens
        .partition_point(|t| t.span().start < range.start);
    let tokens: Vec<&Token> = outline.tokens[first..]
        .iter()
        .take_while(|t| t.span().end <= range.end)
        .collect();
    let mut edits = Vec::new();
    let mut lists = 0usize;
    let mut in_pre = false;
    let mut k = 0;
    while k < tokens.len() {
        let Token::Tag(tag) = tokens[k] else {
            k += 1;
            continue;
        };
        let span = tag.span.clone();
        if html::is_hidden(&tag.name) {
            // A script or style element is invisible; a lone `<script>` in prose is text about one.
            let end = tokens[k + 1..].iter().find_map(|t| match t {
                Token::Tag(x) if x.closing && x.name == tag.name => Some(x.span.end),
                _ => None,
            });
            match end {
                Some(end) if !tag.closing => {
                    edits.push((span.start..end, Edit::Hole));
                    k = tokens.partition_point(|t| t.span().start < end);
                }
                _ => k += 1,
            }
            continue;
        }
        let edit = match tag.name.as_str() {
            "pre" => {
                in_pre = !tag.closing;
                Some(Edit::Write("\n```\n".to_owned()))
            }
            "code" | "kbd" | "samp" | "tt" if in_pre => Some(Edit::Drop),
            "code" | "kbd" | "samp" | "tt" => Some(code_edit(source, &tokens, k)),
            "br" => Some(Edit::Line),
            "li" if tag.closing => Some(Edit::Line),
            "li" => Some(Edit::Item(lists.saturating_sub(1))),
            "ul" | "ol" => {
                if tag.closing {
                    lists = lists.saturating_sub(1);
                } else {
                    lists += 1;
                }
                Some(Edit::Paragraph)
            }
            "tr" | "dt" | "dd" => Some(Edit::Line),
            "td" | "th" => Some(Edit::Write(" ".to_owned())),
            "a" => Some(link_edit(&tokens, k)),
            name if html::breaks_block(name) => Some(Edit::Paragraph),
            name if html::is_presentational(name) => Some(Edit::Drop),
            _ => None,
        };
        if let Some(edit) = edit {
            edits.push((span, edit));
        }
        k += 1;
    }
    edits
}

/// `<code>` and `</code>` become backticks when they pair up on one line; otherwise they go.
fn code_edit(source: &str, tokens: &[&Token], k: usize) -> Edit {
    let Token::Tag(tag) = tokens[k] else {
        return Edit::Drop;
    };
    let partner = if tag.closing {
        tokens[..k].iter().rev().find_map(|t| match t {
            Token::Tag(x) if x.name == tag.name => Some((x.span.end, tag.span.start, !x.closing)),
            _ => None,
        })
    } else {
        tokens[k + 1..].iter().find_map(|t| match t {
            Token::Tag(x) if x.name == tag.name => Some((tag.span.end, x.span.start, x.closing)),
            _ => None,
        })
    };
    match partner {
        Some((from, to, true)) if from <= to && !source[from..to].contains('\n') => {
            Edit::Write("`".to_owned())
        }
        _ => Edit::Drop,
    }
}

/// `<a href="https://…">text</a>` becomes a Markdown link; links into the page lose their tags.
fn link_edit(tokens: &[&Token], k: usize) -> Edit {
    let Token::Tag(tag) = tokens[k] else {
        return Edit::Drop;
    };
    if tag.closing {
        let opener = tokens[..k].iter().rev().find_map(|t| match t {
            Token::Tag(x) if x.is("a") => Some(x),
            _ => None,
        });
        return match opener {
            Some(open) if !open.closing && external(open) && has_text(tokens, open, tag) => {
                let href = open.href.as_deref().unwrap_or_default();
                Edit::Write(format!("](<{}>)", href.replace(['<', '>', '\n'], "")))
            }
            _ => Edit::Drop,
        };
    }
    let closer = tokens[k + 1..].iter().find_map(|t| match t {
        Token::Tag(x) if x.is("a") => Some(x),
        _ => None,
    });
    match closer {
        Some(close) if close.closing && external(tag) && has_text(tokens, tag, close) => {
            Edit::Write("[".to_owned())
        }
        _ => Edit::Drop,
    }
}

fn external(tag: &Tag) -> bool {
    tag.href
        .as_deref()
        .is_some_and(|h| !h.is_empty() && !h.starts_with('#'))
}

/// Whether visible text lies between two tags.
fn has_text(tokens: &[&Token], open: &Tag, close: &Tag) -> bool {
    tokens.iter().any(|t| {
        matches!(t, Token::Text { span, value } if span.start >= open.span.end
            && span.end <= close.span.start && value.chars().any(char::is_alphanumeric))
    })
}

/// Whether `at` lies in one of the sorted, disjoint `ranges`.
fn inside(ranges: &[Range<usize>], at: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= at);
    ranges.get(i).is_some_and(|r| r.start <= at)
}

/// Past a quote's `>` and the one space that may follow it, if the line has one.
fn unquote(source: &str, at: usize, stop: usize) -> usize {
    let rest = &source[at..stop];
    match rest.strip_prefix('>') {
        Some(after) => at + 1 + usize::from(after.starts_with(' ')),
        None => at,
    }
}

/// Writes the answer and example fields.
struct Writer<'a> {
    source: &'a str,
    outline: &'a Outline,
    region: &'a Region<'a>,
    fields: [FieldText; 2],
    /// 0 = answer, 1 = example.
    current: usize,
    /// Line breaks owed before the next text.
    pending: usize,
    /// Written before the next text (a list marker).
    prefix: String,
    last: Option<usize>,
    /// How the last text written was read.
    last_mode: Option<Mode>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Markdown,
    Code,
    Html,
}

impl Writer<'_> {
    fn run(&mut self, edits: &[(Range<usize>, Edit)]) {
        let end = self.region.range.end;
        let mut at = self.region.range.start;
        let mut next = 0;
        let mut line_had_text = false;
        while at < end {
            // Edits that start here (or that we are already past the start of).
            if let Some((range, edit)) = edits.get(next)
                && range.start <= at
            {
                next += 1;
                if range.end <= at && range.start < at {
                    continue;
                }
                self.apply(edit);
                if matches!(edit, Edit::Write(_)) {
                    line_had_text = true;
                }
                at = at.max(range.end);
                continue;
            }
            let stop = edits.get(next).map_or(end, |(r, _)| r.start.min(end));
            let mode = self.mode(at);
            let line_start = at == self.region.range.start || self.source[..at].ends_with('\n');
            if line_start {
                at = self.skip_indentation(at, stop, mode);
                if self.current == 1 && inside(&self.outline.quotes, at) {
                    // An example is often set as a quote: its text is what is quoted.
                    at = unquote(self.source, at, stop);
                }
                if at >= stop {
                    continue;
                }
            }
            let line_end = self.source[at..stop].find('\n').map(|i| at + i);
            let text_end = line_end.unwrap_or(stop);
            let text = &self.source[at..text_end];
            let text = text.strip_suffix('\r').unwrap_or(text);
            let text = match (mode, line_end) {
                (Mode::Html, Some(_)) => text.trim_end(),
                _ => text,
            };
            if !text.trim().is_empty() || (mode == Mode::Code && !text.is_empty()) {
                self.text(at, text, mode);
                line_had_text = true;
            }
            if let Some(newline) = line_end {
                let blank = self.line_is_blank(newline);
                match mode {
                    Mode::Code if !line_had_text => self.pending += 1,
                    Mode::Code => self.pending = self.pending.max(1),
                    _ if blank => self.pending = self.pending.max(2),
                    _ if line_had_text => self.pending = self.pending.max(1),
                    _ => {}
                }
                line_had_text = false;
                at = newline + 1;
            } else {
                at = stop;
            }
        }
    }

    /// Whether the line that ends at `newline` holds nothing but white space in the source.
    fn line_is_blank(&self, newline: usize) -> bool {
        let start = self.source[..newline].rfind('\n').map_or(0, |p| p + 1);
        let line = self.source[start..newline].trim();
        // A quote's empty line (`>`) is blank once the quote marks go.
        let unquoting = self.current == 1 && inside(&self.outline.quotes, start);
        line.is_empty() || unquoting && line.chars().all(|c| c == '>' || c.is_whitespace())
    }

    fn mode(&self, at: usize) -> Mode {
        if inside(&self.outline.code, at) {
            Mode::Code
        } else if inside(&self.outline.html, at) {
            Mode::Html
        } else {
            Mode::Markdown
        }
    }

    /// Skips a line's indentation: the question's list indentation, or all of it in HTML.
    fn skip_indentation(&self, at: usize, stop: usize, mode: Mode) -> usize {
        let (col, until) = self.region.indent;
        let limit = match mode {
            Mode::Html => usize::MAX,
            _ if at < until => col,
            _ => 0,
        };
        let mut columns = 0;
        let mut pos = at;
        for c in self.source[at..stop].chars() {
            if columns >= limit {
                break;
            }
            match c {
                ' ' => columns += 1,
                '\t' => columns += 4 - columns % 4,
                _ => break,
            }
            pos += 1;
        }
        pos
    }

    fn apply(&mut self, edit: &Edit) {
        match edit {
            Edit::Hole | Edit::Paragraph => self.pending = self.pending.max(2),
            Edit::Drop => {}
            Edit::Line => self.pending = self.pending.max(1),
            Edit::Write(text) => {
                self.flush();
                self.fields[self.current].push_synthetic(text);
            }
            Edit::Item(depth) => {
                self.pending = self.pending.max(1);
                self.prefix = format!("{}- ", "  ".repeat(*depth));
            }
            Edit::Example => {
                self.current = 1;
                self.pending = 0;
                self.prefix.clear();
            }
        }
    }

    fn flush(&mut self) {
        let field = &mut self.fields[self.current];
        if self.pending > 1 || self.pending > 0 && self.last_mode == Some(Mode::Html) {
            // White space at the end of a paragraph, or left before a dropped tag at the end of a
            // line, means nothing (two spaces ending a line inside a paragraph are a line break).
            field.trim_end();
        }
        if !field.is_empty() && self.pending > 0 {
            field.push_synthetic(&"\n".repeat(self.pending));
        }
        self.pending = 0;
        if !self.prefix.is_empty() {
            let prefix = std::mem::take(&mut self.prefix);
            field.push_synthetic(&prefix);
        }
    }

    fn text(&mut self, at: usize, text: &str, mode: Mode) {
        let field = &self.fields[self.current];
        let fresh_line = self.pending > 0
            || !self.prefix.is_empty()
            || field.is_empty()
            || field.text.ends_with('\n');
        // HTML indentation means nothing to a reader; at the start of a line it would read as code.
        let (at, text) = if mode == Mode::Html && fresh_line {
            let trimmed = text.trim_start();
            (at + text.len() - trimmed.len(), trimmed)
        } else {
            (at, text)
        };
        self.flush();
        self.last_mode = Some(mode);
        self.fields[self.current].push_source(at, text);
        self.last = Some(
            self.last
                .map_or(at + text.len(), |l| l.max(at + text.len())),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::markdown::outline::outline;

    fn answer(source: &str, from: &str, indent: usize) -> String {
        let outline = outline(source, 0);
        let start = source.find(from).unwrap() + from.len();
        let region = Region {
            range: start..source.len(),
            indent: (indent, source.len()),
            holes: &[],
            example: None,
        };
        render(source, &outline, &region).answer.text
    }

    #[test]
    fn wrappers_go_and_their_text_stays() {
        let source = "<details>\n<summary>Q?</summary><br><b>\n\nUse `podman ps`.<br>\nThen <code>rm</code> it.\n</b></details>\n";
        assert_eq!(
            answer(source, "</summary>", 0),
            "Use `podman ps`.\nThen `rm` it."
        );
    }

    #[test]
    fn html_lists_become_markdown_lists() {
        let source = "<summary>Q?</summary>\n<ul>\n    <li>\n        <b>Situation: </b>We shipped.\n    </li>\n    <li><b>Result: </b>It worked.</li>\n</ul>\n";
        assert_eq!(
            answer(source, "</summary>", 0),
            "- Situation: We shipped.\n- Result: It worked."
        );
    }

    #[test]
    fn list_indentation_is_removed_and_code_kept() {
        let source = "1.  ### Q?\n\n    Text.\n\n    ```js\n      x();\n\n    y();\n    ```\n";
        assert_eq!(
            answer(source, "Q?", 4),
            "Text.\n\n```js\n  x();\n\ny();\n```"
        );
    }
}
