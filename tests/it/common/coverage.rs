//! The every-line-accounted-for invariant as a plain function, for callers outside proptest (the
//! fuzzer): every non-blank line of a parsed file lies within a card's lines or a skipped block's
//! lines, so nothing is dropped without a word. Shared with `check_nothing_lost` in
//! tests/it/parse_properties/, with the same notion of a line: `\n`, `\r\n` or a lone `\r` ends one.

use prep::model::ParsedDocument;

/// Whether byte `i` of `bytes` ends a line: a `\n`, or a `\r` not followed by `\n`.
pub fn ends_line(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

/// The lines of `text` without their ends, the first without a byte-order mark.
pub fn source_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    for i in (0..text.len()).filter(|&i| ends_line(text.as_bytes(), i)) {
        let line = &text[start..i];
        lines.push(line.strip_suffix('\r').unwrap_or(line));
        start = i + 1;
    }
    lines.push(&text[start..]);
    lines[0] = lines[0].strip_prefix('\u{feff}').unwrap_or(lines[0]);
    lines
}

/// The non-blank lines of `text` that no card and no skipped entry of `document` covers, as
/// `"  <line>: <text>"`; empty when every line is accounted for. A file skipped whole covers all.
pub fn lines_not_accounted_for(text: &str, document: &ParsedDocument) -> Vec<String> {
    if document.skipped.iter().any(|s| s.line.is_none()) {
        return Vec::new();
    }
    let cards = document
        .cards
        .iter()
        .map(|c| (c.source.line, c.source.end_line));
    let skipped = document
        .skipped
        .iter()
        .filter_map(|s| Some((s.line?, s.end_line.or(s.line)?)));
    let covered: Vec<(usize, usize)> = cards.chain(skipped).collect();
    source_lines(text)
        .into_iter()
        .zip(1..)
        .filter(|&(line, n)| {
            !line.trim().is_empty() && !covered.iter().any(|&(a, b)| (a..=b).contains(&n))
        })
        .map(|(line, n)| format!("  {n}: {line:?}"))
        .collect()
}
