//! Raw HTML left in a field: the text between its tags is prose; tags, attributes, comments and the
//! content of code elements (`<code>`, `<pre>`, `<kbd>`, `<samp>`, scripts and styles) are not.
//!
//! Answers written in HTML (a STAR answer as `<ul><li>`, `<p>` paragraphs, `<td>` cells) make
//! claims like any other. The Markdown parser turns the common elements of a Markdown page into
//! Markdown already; what reaches a field as raw HTML (plain-text pages, elements it does not know,
//! such as a `<Callout>` component) CommonMark hands over as HTML, which no rule could read. Owns
//! reading that markup by its tags, with every piece of text as a byte range of the field;
//! character references (`&amp;`) stay in the text as written, so spans stay those of the source.

use std::ops::Range;

/// What the markup read so far leaves open: code elements, and a comment.
#[derive(Debug, Default)]
pub(super) struct Markup {
    code: usize,
    comment: bool,
}

impl Markup {
    /// Whether text here is inside a code element or a comment: for the Markdown text between
    /// inline tags (`<code>` … `</code>` in a paragraph) too.
    pub(super) fn in_code(&self) -> bool {
        self.code > 0 || self.comment
    }

    /// A block of the document ends: what it left open ends with it, so a `<code>` mentioned in a
    /// sentence ("wrap it in a <pre> element") does not silence the rest of the answer.
    pub(super) fn close_block(&mut self) {
        *self = Markup::default();
    }

    /// Reads the markup `text[range]`, giving `prose` each run of text outside tags and code.
    pub(super) fn read(
        &mut self,
        text: &str,
        range: Range<usize>,
        mut prose: impl FnMut(Range<usize>),
    ) {
        let bytes = text.as_bytes();
        let mut from = range.start;
        let mut i = range.start;
        while i < range.end {
            if self.comment {
                let Some(close) = find(bytes, i..range.end, b"-->") else {
                    return;
                };
                self.comment = false;
                i = close + 3;
                from = i;
                continue;
            }
            let Some(lt) = bytes[i..range.end].iter().position(|&b| b == b'<') else {
                break;
            };
            let lt = i + lt;
            let Some(end) = markup_at(bytes, lt, range.end) else {
                i = lt + 1;
                continue;
            };
            if lt > from && !self.in_code() {
                text_pieces(bytes, from..lt, &mut prose);
            }
            self.apply(bytes, lt..end, range.end);
            i = end;
            from = end;
        }
        if from < range.end && !self.in_code() {
            text_pieces(bytes, from..range.end, &mut prose);
        }
    }

    /// Updates what is open after the markup `bytes[span]`; `read_to` is the end of what is being
    /// read (a whole HTML block, or one inline tag).
    fn apply(&mut self, bytes: &[u8], span: Range<usize>, read_to: usize) {
        let end = span.end;
        let markup = &bytes[span];
        if markup.starts_with(b"<!--") {
            self.comment = !markup.ends_with(b"-->") || markup.len() < 7;
            return;
        }
        let closing = markup.get(1) == Some(&b'/');
        let name_start = if closing { 2 } else { 1 };
        let name: Vec<u8> = markup[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .map(u8::to_ascii_lowercase)
            .collect();
        if !holds_code(&name) {
            return;
        }
        if closing {
            self.code = self.code.saturating_sub(1);
        } else if !markup.ends_with(b"/>") && closed_later(bytes, end, read_to, &name) {
            self.code += 1;
        }
    }
}

/// The end of the tag, comment or declaration starting at `lt`, or `None` when the `<` is text
/// ("a < b", "x <= 3"). A tag left open at the end of the range runs to its end.
fn markup_at(bytes: &[u8], lt: usize, end: usize) -> Option<usize> {
    let rest = &bytes[lt..end];
    if rest.starts_with(b"<!--") {
        return Some(find(bytes, lt + 4..end, b"-->").map_or(end, |close| close + 3));
    }
    let opens = match rest.get(1) {
        Some(b'/') => rest.get(2).is_some_and(u8::is_ascii_alphabetic),
        Some(b'!' | b'?') => true,
        Some(b) => b.is_ascii_alphabetic(),
        None => false,
    };
    opens.then(|| tag_end(bytes, lt, end))
}

/// Whether the element `name` opened just before `from` is closed within the HTML being read
/// (`read_to`) or, further, before the paragraph ends (a blank line). One that is not is a tag
/// named in a sentence ("put a <script> tag last"): the words after it are still prose.
fn closed_later(bytes: &[u8], from: usize, read_to: usize, name: &[u8]) -> bool {
    let paragraph_end = find(bytes, from..bytes.len(), b"\n\n").unwrap_or(bytes.len());
    let scope = &bytes[from..paragraph_end.max(read_to)];
    scope
        .windows(name.len() + 2)
        .any(|w| w.starts_with(b"</") && w[2..].eq_ignore_ascii_case(name))
}

/// Elements whose content is code or never shown: not prose.
fn holds_code(name: &[u8]) -> bool {
    matches!(
        name,
        b"code"
            | b"pre"
            | b"kbd"
            | b"samp"
            | b"tt"
            | b"var"
            | b"script"
            | b"style"
            | b"template"
            | b"textarea"
    )
}

/// The end of the tag starting at `lt`: after its `>`, outside quoted attribute values.
fn tag_end(bytes: &[u8], lt: usize, end: usize) -> usize {
    let mut quote = None;
    for (k, &b) in bytes[lt..end].iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return lt + k + 1,
            _ => {}
        }
    }
    end
}

fn find(bytes: &[u8], range: Range<usize>, needle: &[u8]) -> Option<usize> {
    bytes[range.clone()]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| range.start + p)
}

/// Gives `prose` the text of `range` without its surrounding white space and without code spans
/// in backticks: inside HTML, Markdown is not read, but a writer's backticks still mean code.
fn text_pieces(bytes: &[u8], range: Range<usize>, prose: &mut impl FnMut(Range<usize>)) {
    let mut from = range.start;
    let mut i = range.start;
    while let Some(open) = bytes[i..range.end].iter().position(|&b| b == b'`') {
        let open = i + open;
        let run = bytes[open..range.end]
            .iter()
            .take_while(|&&b| b == b'`')
            .count();
        let fence = &bytes[open..open + run];
        let Some(close) = find(bytes, open + run..range.end, fence) else {
            break;
        };
        trimmed_piece(bytes, from..open, prose);
        from = close + run;
        i = from;
    }
    trimmed_piece(bytes, from..range.end, prose);
}

fn trimmed_piece(bytes: &[u8], range: Range<usize>, prose: &mut impl FnMut(Range<usize>)) {
    let piece = &bytes[range.clone()];
    let Some(first) = piece.iter().position(|b| !b.is_ascii_whitespace()) else {
        return;
    };
    let last = piece
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .unwrap_or(first);
    prose(range.start + first..range.start + last + 1);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<&str> {
        let mut markup = Markup::default();
        let mut out = Vec::new();
        markup.read(text, 0..text.len(), |r| out.push(r));
        out.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn text_between_tags_is_prose_tags_and_attributes_are_not() {
        assert_eq!(
            read("<ul>\n  <li class=\"robust\"><b>Result:</b> we cut costs by 40%.</li>\n</ul>"),
            ["Result:", "we cut costs by 40%."]
        );
        assert_eq!(
            read("<td style=\"width:50%\">30% faster</td><img alt=\"robust\" src=\"a.png\"/>"),
            ["30% faster"]
        );
    }

    #[test]
    fn code_elements_comments_and_scripts_are_not_prose() {
        assert_eq!(
            read(
                "Run <code>--image=json</code> or <kbd>Ctrl</kbd>+<samp>yaml</samp> now.<!-- robust -->"
            ),
            ["Run", "or", "+", "now."]
        );
        assert_eq!(
            read("<pre>\nrobust\n</pre><script>let robust = 1;</script>Done."),
            ["Done."]
        );
        assert_eq!(
            read("<p>Use `json` here &amp; there</p>"),
            ["Use", "here &amp; there"]
        );
    }

    #[test]
    fn a_code_element_named_in_a_sentence_silences_nothing() {
        assert_eq!(
            read("Put the <script> tag last; it is robust.\n\nNext <code>x</code>."),
            ["Put the", "tag last; it is robust.\n\nNext", "."]
        );
    }

    #[test]
    fn a_pre_block_with_blank_lines_is_code_to_its_end() {
        assert_eq!(
            read("<pre>\nrobust\n\nfast\n</pre>\n<p>Done.</p>"),
            ["Done."]
        );
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        assert_eq!(read("<p>if a < b and 3 <= 4</p>"), ["if a < b and 3 <= 4"]);
    }

    #[test]
    fn a_comment_or_code_element_runs_across_reads_until_the_block_ends() {
        let text = "<pre>\nrobust\n</pre> Done <!-- open\nstill robust --> after";
        let split = text.find("still").unwrap_or_default();
        let mut markup = Markup::default();
        let mut out = Vec::new();
        markup.read(text, 0..7, |r| out.push(r));
        assert!(markup.in_code());
        markup.read(text, 7..split, |r| out.push(r));
        assert!(markup.in_code());
        markup.read(text, split..text.len(), |r| out.push(r));
        let texts: Vec<&str> = out.into_iter().map(|r| &text[r]).collect();
        assert_eq!(texts, ["Done", "after"]);
        markup.read("<code>", 0..6, |_| {});
        markup.close_block();
        assert!(!markup.in_code());
    }

    proptest::proptest! {
        /// Every piece of text lies in the range read, in order, on character boundaries, and
        /// holds no tag.
        #[test]
        fn pieces_stay_in_the_range_between_tags(
            text in "([a-z é<>/!\"='`&;\n-]{0,6}(<code>|</code>|<pre>|</pre>|<!--|-->|<b x=\"a>b\">)?){0,12}",
        ) {
            let mut markup = Markup::default();
            let mut pieces = Vec::new();
            markup.read(&text, 0..text.len(), |r| pieces.push(r));
            for pair in pieces.windows(2) {
                proptest::prop_assert!(pair[0].end <= pair[1].start);
            }
            for r in &pieces {
                proptest::prop_assert!(r.end <= text.len() && r.start < r.end);
                proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                proptest::prop_assert!(!text[r.clone()].contains("<code>"), "{:?}", &text[r.clone()]);
            }
        }
    }
}
