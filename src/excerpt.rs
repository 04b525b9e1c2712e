//! The lines around one diagnostic, as miette's graphical renderer reads a source, with a long line
//! cut to a window around the span.
//!
//! Owns keeping what miette renders per diagnostic bounded, whatever the file. Given a whole file,
//! miette counts lines from the first byte for every diagnostic (quadratic: minutes for a page of
//! 10,000 findings) and prints every line it shows whole (a 9.6 KB paragraph on one line with 451
//! findings wrote 8.7 MB). An [`Excerpt`] holds only the lines miette shows, each longer than
//! [`LONG_LINE_CHARS`] cut to [`WINDOW_CHARS`] characters on either side of the span's start and
//! end, with `…` where it was cut. Its offsets are its own: [`Excerpt::span`] is where the span lies
//! in it, and the line and column it reports are the file's, as miette would count them over the
//! whole file (columns in bytes from the line start). The file's line starts are found once per
//! file ([`LineStarts`]). Used for `prep lint`'s full format and for errors in `lints.toml`
//! (`crate::config`).

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Characters of a long line shown before and after the span's start and its end.
pub const WINDOW_CHARS: usize = 120;

/// A line of more characters than this is cut to windows; a shorter one is shown whole.
pub const LONG_LINE_CHARS: usize = 400;

/// What stands for the part of a line that is not shown.
const CUT: &str = "…";

/// Where each line of a file starts, with miette's idea of a line break (`\n`, `\r\n` or a lone
/// `\r`), so line numbers agree with what miette would count over the whole file.
pub struct LineStarts(Vec<usize>);

impl LineStarts {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &byte) in bytes.iter().enumerate() {
            let ends_line = byte == b'\n' || (byte == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineStarts(starts)
    }

    /// The 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.0
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// Line `k` of `text`: where it starts, where its text ends (before the line break), and where
    /// the next line starts.
    fn bounds(&self, text: &str, k: usize) -> (usize, usize, usize) {
        let start = self.0[k];
        let next = self.0.get(k + 1).copied().unwrap_or(text.len());
        let body = &text[start..next];
        let body = body
            .strip_suffix("\r\n")
            .or_else(|| body.strip_suffix('\n'))
            .or_else(|| body.strip_suffix('\r'))
            .unwrap_or(body);
        (start, start + body.len(), next)
    }
}

/// Bytes of the file shown in the excerpt: `len` bytes at `file` shown at `shown`, on a line that
/// starts at `line_start` in the file and at `shown_line_start` in the excerpt.
#[derive(Debug, Clone, Copy)]
struct Piece {
    shown: usize,
    file: usize,
    len: usize,
    line_start: usize,
    shown_line_start: usize,
}

/// The lines around a span, long ones cut to windows: what miette needs to render a diagnostic
/// there, with the same line numbers and columns as the whole file would give.
#[derive(Debug)]
pub struct Excerpt {
    name: String,
    /// The lines shown, each ending as in the file.
    text: String,
    /// 0-based number in the file of the first line shown.
    first_line: usize,
    /// The file's bytes in `text`, in order; what lies between them is [`CUT`].
    pieces: Vec<Piece>,
    /// The span, in `text`.
    span: Range<usize>,
}

impl Excerpt {
    /// The lines of `text` from `context_lines` before `span` to `context_lines` after it. A span
    /// that does not fit `text` is kept as it is over no text, so miette reports it out of bounds.
    pub fn new(
        name: &str,
        text: &str,
        lines: &LineStarts,
        span: Range<usize>,
        context_lines: usize,
    ) -> Self {
        let mut excerpt = Excerpt {
            name: name.to_owned(),
            text: String::new(),
            first_line: 0,
            pieces: Vec::new(),
            span: span.clone(),
        };
        if span.start > span.end || span.end > text.len() {
            return excerpt;
        }
        // A span that cuts a character (none should) is shown with the whole character.
        let span = floor_char(text, span.start)..ceil_char(text, span.end);
        let first = lines.line_of(span.start);
        let last = lines.line_of(span.end.saturating_sub(1).max(span.start));
        // One line more than miette shows: after a span whose last byte is a line break it reads
        // one more line, and it stops reading where it would over the whole file.
        let end = (last + context_lines + 1).min(lines.0.len() - 1);
        excerpt.first_line = first.saturating_sub(context_lines);
        for k in excerpt.first_line..=end {
            excerpt.push_line(text, lines.bounds(text, k), &span);
        }
        excerpt.span = excerpt.shown(span.start)..excerpt.shown(span.end);
        excerpt
    }

    /// The lines of `text` around `span`, for one report rendered with miette's default context
    /// of one line (a configuration error).
    pub fn around(name: &str, text: &str, span: Range<usize>) -> Self {
        Excerpt::new(name, text, &LineStarts::new(text), span, 1)
    }

    /// Where the span lies in the excerpt: the offsets to give the diagnostic's label.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Appends one line: whole if short; else the windows around the span's ends on it (its first
    /// characters if neither is), with [`CUT`] for the rest.
    fn push_line(
        &mut self,
        text: &str,
        (start, body_end, next): (usize, usize, usize),
        span: &Range<usize>,
    ) {
        let body = &text[start..body_end];
        let windows = if body.chars().nth(LONG_LINE_CHARS).is_none() {
            std::iter::once(start..body_end).collect()
        } else {
            windows(text, start..body_end, span)
        };
        let line_starts = (start, self.text.len());
        let mut at = start;
        for window in windows {
            if window.start > at {
                self.text.push_str(CUT);
            }
            self.push_piece(text, window.clone(), line_starts);
            at = window.end;
        }
        if at < body_end {
            self.text.push_str(CUT);
        }
        self.push_piece(text, body_end..next, line_starts);
    }

    fn push_piece(
        &mut self,
        text: &str,
        bytes: Range<usize>,
        (line_start, shown_line_start): (usize, usize),
    ) {
        self.pieces.push(Piece {
            shown: self.text.len(),
            file: bytes.start,
            len: bytes.len(),
            line_start,
            shown_line_start,
        });
        self.text.push_str(&text[bytes]);
    }

    /// Where byte `offset` of the file is shown. Only offsets in a window are asked for.
    fn shown(&self, offset: usize) -> usize {
        self.pieces
            .iter()
            .find(|p| p.file <= offset && offset <= p.file + p.len)
            .map_or(self.text.len(), |p| p.shown + offset - p.file)
    }

    /// What to add to a column miette counts in the excerpt at `shown` to get the file's: the
    /// bytes cut before it on its line, less the [`CUT`]s standing for them. Zero on a line shown
    /// whole, where miette counts as over the whole file.
    fn column_shift(&self, shown: usize) -> isize {
        let piece = self
            .pieces
            .iter()
            .find(|p| shown < p.shown + p.len)
            .or(self.pieces.last());
        piece.map_or(0, |p| {
            let file = p.file + shown.saturating_sub(p.shown).min(p.len);
            (file - p.line_start).cast_signed() - (shown - p.shown_line_start).cast_signed()
        })
    }
}

/// The windows of a long line `body` around the ends of `span` that lie on it, merged where they
/// overlap, in order; the line's first characters when neither end lies on it.
fn windows(text: &str, body: Range<usize>, span: &Range<usize>) -> Vec<Range<usize>> {
    let ends = [span.start, span.end]
        .into_iter()
        .filter(|at| body.contains(at) || *at == body.end);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for at in ends {
        let window = chars_before(text, body.start, at)..chars_after(text, at, body.end);
        match merged.last_mut() {
            Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
            _ => merged.push(window),
        }
    }
    if merged.is_empty() {
        let end = text[body.clone()]
            .char_indices()
            .nth(2 * WINDOW_CHARS)
            .map_or(body.end, |(i, _)| body.start + i);
        merged.push(body.start..end);
    }
    merged
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The offset [`WINDOW_CHARS`] characters before `at`, or `floor`.
fn chars_before(text: &str, floor: usize, at: usize) -> usize {
    text[floor..at]
        .char_indices()
        .rev()
        .nth(WINDOW_CHARS - 1)
        .map_or(floor, |(i, _)| floor + i)
}

/// The offset [`WINDOW_CHARS`] characters after `at`, or `ceiling`.
fn chars_after(text: &str, at: usize, ceiling: usize) -> usize {
    text[at..ceiling]
        .char_indices()
        .nth(WINDOW_CHARS)
        .map_or(ceiling, |(i, _)| at + i)
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        // miette gives a column only for a read without lines before, from the span's start.
        let column = if context_lines_before == 0 {
            inner
                .column()
                .saturating_add_signed(self.column_shift(inner.span().offset()))
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count() + self.first_line,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette reads for `offset..offset + len` from the whole file and from an excerpt: the
    /// same text, place, line and column.
    fn both(text: &str, offset: usize, len: usize) {
        let whole = text.read_span(&(offset, len).into(), 1, 1).unwrap();
        let excerpt = Excerpt::new(
            "f.md",
            text,
            &LineStarts::new(text),
            offset..offset + len,
            1,
        );
        let span: SourceSpan = (excerpt.span().start, excerpt.span().len()).into();
        let part = excerpt.read_span(&span, 1, 1).unwrap();
        assert_eq!(part.data(), whole.data(), "{text:?} at {offset}");
        assert_eq!(part.line(), whole.line(), "{text:?} at {offset}");
        assert_eq!(part.column(), whole.column(), "{text:?} at {offset}");
        assert_eq!(part.name(), Some("f.md"));
        let label = excerpt.read_span(&span, 0, 0).unwrap();
        let whole_label = text.read_span(&(offset, len).into(), 0, 0).unwrap();
        assert_eq!(label.line(), whole_label.line(), "{text:?} at {offset}");
        assert_eq!(label.column(), whole_label.column(), "{text:?} at {offset}");
    }

    #[test]
    fn an_excerpt_of_short_lines_reads_as_the_whole_file_does() {
        let text = "one\ntwo\r\nthree\rfour\n\nsix ünïcode\nseven";
        for offset in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            let len = text[offset..].chars().next().map_or(0, char::len_utf8);
            both(text, offset, len);
        }
        both(text, 4, 10);
        both(text, 3, 1);
        both(text, 0, text.len());
        both("", 0, 0);
    }

    /// A line of `n` characters: digits, so where a window starts can be read off.
    fn digits(n: usize) -> String {
        (0..n).map(|i| char::from(b'0' + (i % 10) as u8)).collect()
    }

    #[test]
    fn a_long_line_is_cut_around_the_span_with_its_true_line_and_column() {
        let line = digits(2_000);
        let text = format!("before\n{line}\nafter\n");
        let start = text.find('\n').unwrap() + 1 + 1_000;
        let excerpt = Excerpt::new("f.md", &text, &LineStarts::new(&text), start..start + 5, 1);
        let shown = &excerpt.text;
        assert_eq!(&shown[excerpt.span()], &text[start..start + 5]);
        let cut: Vec<&str> = shown.lines().collect();
        assert_eq!(cut[0], "before");
        assert_eq!(cut[2], "after");
        let middle = cut[1];
        assert!(middle.starts_with(CUT) && middle.ends_with(CUT), "{middle}");
        assert_eq!(middle.chars().count(), 2 + WINDOW_CHARS + 5 + WINDOW_CHARS);
        let span: SourceSpan = (excerpt.span().start, 5).into();
        let label = excerpt.read_span(&span, 0, 0).unwrap();
        assert_eq!((label.line(), label.column()), (1, 1_000));
        let context = excerpt.read_span(&span, 1, 1).unwrap();
        assert_eq!(context.line(), 0);
    }

    #[test]
    fn a_long_span_keeps_both_ends_and_cuts_its_middle() {
        let text = digits(3_000);
        let excerpt = Excerpt::new("f.md", &text, &LineStarts::new(&text), 500..2_500, 1);
        let shown = &excerpt.text[excerpt.span()];
        assert!(shown.starts_with(&text[500..620]), "{shown}");
        assert!(shown.ends_with(&text[2_380..2_500]), "{shown}");
        assert_eq!(shown.matches(CUT).count(), 1);
        assert_eq!(excerpt.text.chars().count(), 4 * WINDOW_CHARS + 3);
    }

    #[test]
    fn spans_at_the_ends_of_a_long_line_and_of_the_file_are_shown() {
        let text = format!("{}\n", digits(1_000));
        for span in [0..3, 997..1_000, 999..1_001, 1_000..1_001, 1_001..1_001] {
            let excerpt = Excerpt::new("f.md", &text, &LineStarts::new(&text), span.clone(), 1);
            assert_eq!(
                &excerpt.text[excerpt.span()],
                &text[span.clone()],
                "{span:?}"
            );
            let shown: SourceSpan = (excerpt.span().start, excerpt.span().len()).into();
            let label = excerpt.read_span(&shown, 0, 0).unwrap();
            let whole = text
                .read_span(&(span.start, span.len()).into(), 0, 0)
                .unwrap();
            assert_eq!(
                (label.line(), label.column()),
                (whole.line(), whole.column()),
                "{span:?}"
            );
        }
    }

    #[test]
    fn context_lines_that_are_long_show_their_start() {
        let text = format!("{}\nshort\n", digits(1_000));
        let start = text.find("short").unwrap();
        let excerpt = Excerpt::new("f.md", &text, &LineStarts::new(&text), start..start + 5, 1);
        let first = excerpt.text.lines().next().unwrap();
        assert_eq!(first, format!("{}{CUT}", digits(2 * WINDOW_CHARS)));
    }

    #[test]
    fn a_span_that_cuts_a_character_is_shown_with_the_whole_character() {
        let text = "a ü b";
        let excerpt = Excerpt::new("f.md", text, &LineStarts::new(text), 3..4, 1);
        assert_eq!(&excerpt.text[excerpt.span()], "ü");
    }

    #[test]
    fn a_span_outside_the_text_is_out_of_bounds() {
        let excerpt = Excerpt::new("f.md", "abc", &LineStarts::new("abc"), 10..12, 1);
        assert!(excerpt.read_span(&(10, 2).into(), 1, 1).is_err());
    }

    proptest::proptest! {
        /// Over any lines, long or short, and any span on character boundaries: miette reads the
        /// label's line and column as over the whole file, and a short span is shown as it is in
        /// the file.
        #[test]
        fn the_label_keeps_its_place_and_text(
            lines in proptest::collection::vec("[ab é]{0,3}|[ab é]{390,900}", 1..5),
            breaks in proptest::collection::vec(proptest::sample::select(vec!["\n", "\r\n", "\r"]), 5),
            from in 0.0..1.0f64,
            width in 0.0..1.0f64,
        ) {
            let mut text = String::new();
            for (line, end) in lines.iter().zip(&breaks) {
                text.push_str(line);
                text.push_str(end);
            }
            let start = floor_char(&text, (from * text.len() as f64) as usize);
            let end = ceil_char(&text, start + (width * (text.len() - start) as f64) as usize);
            let excerpt = Excerpt::new("f.md", &text, &LineStarts::new(&text), start..end, 1);
            let span: SourceSpan = (excerpt.span().start, excerpt.span().len()).into();
            let label = excerpt.read_span(&span, 0, 0).unwrap();
            let whole = text.as_str().read_span(&(start, end - start).into(), 0, 0).unwrap();
            proptest::prop_assert_eq!((label.line(), label.column()), (whole.line(), whole.column()));
            proptest::prop_assert!(excerpt.read_span(&span, 1, 1).is_ok());
            // The windows around its ends meet: on one line within two windows, across lines
            // within one.
            let chars = text[start..end].chars().count();
            let one_line = !text[start..end].contains(['\n', '\r']);
            if chars < WINDOW_CHARS || (one_line && chars < 2 * WINDOW_CHARS) {
                proptest::prop_assert_eq!(&excerpt.text[excerpt.span()], &text[start..end]);
            }
        }
    }
}
