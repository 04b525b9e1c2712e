//! `<details>` and `<summary>` as outline items, from the tokens of the whole document: a summary
//! is paired with its `</summary>` even when a code block or a list of options lies between.

use std::ops::Range;

use super::super::html::{self, Token};
use super::{Item, Kind, Summary, line_end};
use crate::source::field::FieldText;

/// Items for the `<details>` tags and the `<summary>` elements among `tokens` (sorted).
pub(super) fn items(source: &str, tokens: &[Token]) -> Vec<Item> {
    let mut found = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        let Token::Tag(tag) = &tokens[k] else {
            k += 1;
            continue;
        };
        if tag.is("details") {
            let kind = if tag.closing {
                Kind::DetailsClose
            } else {
                Kind::DetailsOpen
            };
            found.push((tag.span.clone(), kind));
        } else if tag.is("summary") && !tag.closing {
            // The summary ends at `</summary>`, or where the next `<details>` tag begins.
            let close = tokens[k + 1..]
                .iter()
                .position(|t| matches!(t, Token::Tag(x) if x.is("details") || x.is("summary")))
                .map(|c| k + 1 + c);
            let (inner_end, end) = match close.map(|c| &tokens[c]) {
                Some(Token::Tag(x)) if x.is("summary") && x.closing => (x.span.start, x.span.end),
                Some(t) => (t.span().start, t.span().start),
                None => {
                    let end = line_end(source, tag.span.end);
                    (end, end)
                }
            };
            let inner = &tokens[k + 1..close.unwrap_or(tokens.len())];
            let text = summary_text(source, inner, tag.span.end..inner_end);
            found.push((tag.span.start..end, Kind::Summary(Summary { text })));
            if let Some(c) = close
                && matches!(&tokens[c], Token::Tag(x) if x.is("summary") && x.closing)
            {
                k = c;
            }
        }
        k += 1;
    }
    found
        .into_iter()
        .map(|(range, kind)| Item {
            range,
            depth: 0,
            quoted: false,
            kind,
        })
        .collect()
}

/// The question inside `<summary>…</summary>`: the text of its tokens and of any Markdown between
/// them (a code block or a list of options), white space collapsed.
fn summary_text(source: &str, inner: &[Token], range: Range<usize>) -> FieldText {
    let mut field = FieldText::default();
    // The common case, one run of text copied verbatim, keeps its source position.
    if let [Token::Text { span, value }] = inner
        && *span == range
        && source.get(span.clone()) == Some(value.as_str())
    {
        field.push_source(span.start, value);
        return field;
    }
    let mut text = String::new();
    let mut at = range.start;
    let gap = |text: &mut String, from: usize, to: usize| {
        if from < to {
            for line in source[from..to].lines() {
                let line = line.trim();
                if line.starts_with("```") || line.starts_with("~~~") {
                    continue;
                }
                let line = line
                    .strip_prefix(['*', '-', '+'])
                    .map_or(line, str::trim_start);
                text.push(' ');
                text.push_str(line);
            }
        }
    };
    for token in inner {
        let span = token.span();
        if span.start < at || span.start >= range.end {
            continue;
        }
        gap(&mut text, at, span.start);
        match token {
            Token::Text { value, .. } => text.push_str(value),
            Token::Tag(tag) if html::breaks_block(&tag.name) || tag.is("br") => text.push(' '),
            _ => {}
        }
        at = span.end;
    }
    gap(&mut text, at, range.end);
    field.push_synthetic(&text);
    field
}
