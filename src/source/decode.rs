//! Bytes to text: which encoding a file is in, and where each byte of the decoded text came from.
//!
//! Owns the choice of encoding (UTF-8, with or without a byte-order mark, used as it is; UTF-16 LE or
//! BE, which only a byte-order mark announces) and [`OriginalOffsets`], which maps positions in the
//! decoded text back to the file's bytes. The parsers see UTF-8 only; positions leave `source/` as
//! bytes of the original file. Knows nothing about lines or questions, nor how a bad file is reported
//! (that is [`super::load`]'s job).
//!
//! Decoding UTF-16 by hand with `char::decode_utf16` rather than with a general decoder such as
//! `encoding_rs`: we need every character's position on both sides (for the map) and the exact
//! byte of the first bad code unit (for the error), which a whole-buffer decoder does not give.

use crate::model::SourceRef;
use crate::source::lines::LineIndex;

/// A file's bytes as text, and how to find the file's bytes from the text's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text the parsers read; a UTF-16 byte-order mark is kept as U+FEFF, like a UTF-8 one, and a
    /// lone carriage return is a line feed.
    pub text: String,
    /// `None` when the text is the file's own bytes (UTF-8), so every offset already holds.
    pub origin: Option<OriginalOffsets>,
}

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undecodable {
    /// NUL bytes without a UTF-16 byte-order mark, or a NUL character in UTF-16 text.
    Binary,
    /// Not UTF-8 from byte `offset` on; the bytes are given back for the report.
    Utf8 { bytes: Vec<u8>, offset: usize },
    /// A UTF-16 byte-order mark, then an unpaired surrogate or a lone last byte.
    Utf16(Box<BadUtf16>),
}

/// Where UTF-16 text goes wrong, on both sides, with the text up to the end of that line to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadUtf16 {
    pub encoding: &'static str,
    /// Byte offset of the bad code unit in the file.
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    /// The file decoded (bad units replaced by U+FFFD) up to the end of the bad line.
    pub shown: String,
    /// Where the replacement character for the bad unit sits in `shown`.
    pub shown_offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Utf16 {
    Le,
    Be,
}

impl Utf16 {
    fn name(self) -> &'static str {
        match self {
            Utf16::Le => "UTF-16LE",
            Utf16::Be => "UTF-16BE",
        }
    }

    fn unit(self, pair: [u8; 2]) -> u16 {
        match self {
            Utf16::Le => u16::from_le_bytes(pair),
            Utf16::Be => u16::from_be_bytes(pair),
        }
    }
}

/// Decodes a file's bytes. A UTF-16 byte-order mark (FF FE, FE FF) means UTF-16; anything else must
/// be UTF-8, where a NUL byte means the file is binary.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, Undecodable> {
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(Utf16::Le),
        Some([0xFE, 0xFF]) => Some(Utf16::Be),
        _ => None,
    };
    if let Some(encoding) = utf16 {
        return decode_utf16(&bytes, encoding);
    }
    if bytes.contains(&0) {
        return Err(Undecodable::Binary);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: lone_carriage_returns_as_line_feeds(text),
            origin: None,
        }),
        Err(err) => Err(Undecodable::Utf8 {
            offset: err.utf8_error().valid_up_to(),
            bytes: err.into_bytes(),
        }),
    }
}

fn decode_utf16(bytes: &[u8], encoding: Utf16) -> Result<Decoded, Undecodable> {
    let pairs = bytes.chunks_exact(2);
    let lone_last_byte = !pairs.remainder().is_empty();
    let units = pairs.map(|pair| encoding.unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len());
    let mut origin = OriginalOffsets::default();
    for decoded in char::decode_utf16(units) {
        let Ok(c) = decoded else {
            return Err(bad_utf16(bytes, encoding, origin.original_len));
        };
        if c == '\0' {
            return Err(Undecodable::Binary);
        }
        origin.push(c.len_utf8(), 2 * c.len_utf16());
        text.push(c);
    }
    if lone_last_byte {
        return Err(bad_utf16(bytes, encoding, bytes.len() - 1));
    }
    Ok(Decoded {
        text: lone_carriage_returns_as_line_feeds(text),
        origin: Some(origin),
    })
}

/// A carriage return not followed by a line feed ends a line (classic Mac files, CommonMark). It
/// becomes a line feed, byte for byte, so every offset into the file still holds and the rest of
/// `prep` needs to know only `\n` and `\r\n`.
fn lone_carriage_returns_as_line_feeds(text: String) -> String {
    let Some(first) = text.find('\r') else {
        return text;
    };
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(first..bytes.len()).any(lone) {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Replacing one ASCII byte by another keeps the text valid UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// The error for UTF-16 that goes wrong at byte `offset`: the file is decoded again with
/// replacement characters to show the line and column where it happens.
fn bad_utf16(bytes: &[u8], encoding: Utf16, offset: usize) -> Undecodable {
    let units = bytes
        .chunks_exact(2)
        .map(|pair| encoding.unit([pair[0], pair[1]]));
    let valid_units = offset / 2;
    let before: String = char::decode_utf16(units.clone().take(valid_units))
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    let mut shown = before.clone();
    let rest = char::decode_utf16(units.skip(valid_units))
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .take_while(|&c| c != '\n');
    shown.extend(rest);
    if offset == bytes.len() - 1 {
        shown.push(char::REPLACEMENT_CHARACTER);
    }
    // Lines end as the parsers will see them: a lone carriage return ends one too.
    let lines = lone_carriage_returns_as_line_feeds(before.clone());
    let (line, column) = LineIndex::new(&lines).line_col(&lines, lines.len());
    Undecodable::Utf16(Box::new(BadUtf16 {
        encoding: encoding.name(),
        offset,
        line,
        column,
        shown,
        shown_offset: before.len(),
    }))
}

/// Maps byte offsets in decoded text to byte offsets in the file it was decoded from.
///
/// Kept as runs of characters whose width is the same on both sides (ASCII is 1 byte decoded, 2 in
/// UTF-16), so a page of ASCII text is one run and a lookup is a binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OriginalOffsets {
    runs: Vec<Run>,
    text_len: usize,
    original_len: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    text: usize,
    original: usize,
    text_width: usize,
    original_width: usize,
}

impl OriginalOffsets {
    fn push(&mut self, text_width: usize, original_width: usize) {
        let same = |r: &Run| r.text_width == text_width && r.original_width == original_width;
        if !self.runs.last().is_some_and(same) {
            self.runs.push(Run {
                text: self.text_len,
                original: self.original_len,
                text_width,
                original_width,
            });
        }
        self.text_len += text_width;
        self.original_len += original_width;
    }

    /// The file's byte offset for a byte offset in the decoded text. An offset inside a character
    /// maps to that character's first byte; one past the end maps to the end of the file.
    pub fn original(&self, offset: usize) -> usize {
        if offset >= self.text_len {
            return self.original_len;
        }
        let i = self.runs.partition_point(|r| r.text <= offset);
        let run = self.runs[i.saturating_sub(1)];
        run.original + (offset - run.text) / run.text_width * run.original_width
    }

    /// The file's bytes for `length` bytes of decoded text from `offset`, as (offset, length).
    pub fn original_span(&self, offset: usize, length: usize) -> (usize, usize) {
        let start = self.original(offset);
        (start, self.original(offset + length) - start)
    }

    /// Moves a card's position from the decoded text to the file's bytes (lines are the same on
    /// both sides).
    pub fn map_source(&self, source: &mut SourceRef) {
        (source.offset, source.length) = self.original_span(source.offset, source.length);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    fn utf16be(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        bytes
    }

    #[test]
    fn utf8_is_used_as_it_is_with_or_without_a_bom() {
        let plain = decode(b"Q: x?\n".to_vec()).unwrap();
        assert_eq!(plain.text, "Q: x?\n");
        assert_eq!(plain.origin, None);
        let bom = decode(b"\xEF\xBB\xBFQ: x?\n".to_vec()).unwrap();
        assert_eq!(bom.text, "\u{feff}Q: x?\n");
        assert_eq!(bom.origin, None);
    }

    #[test]
    fn utf16_both_orders_decode_and_every_character_maps_to_its_bytes() {
        let text = "Q: “Café” 𝔸?\r\nA: ok\n";
        for (bytes, name) in [(utf16le(text), "LE"), (utf16be(text), "BE")] {
            let decoded = decode(bytes).unwrap();
            assert_eq!(decoded.text, format!("\u{feff}{text}"), "{name}");
            let origin = decoded.origin.unwrap();
            let mut original = 0;
            for (at, c) in decoded.text.char_indices() {
                assert_eq!(origin.original(at), original, "{name} {c:?}");
                original += 2 * c.len_utf16();
            }
            assert_eq!(origin.original(decoded.text.len()), original);
            assert_eq!(origin.original_span(3, 2), (2, 4), "`Q:` after the BOM");
        }
    }

    #[test]
    fn bad_utf16_names_the_byte_line_and_column() {
        let mut bytes = utf16le("Q: a?\nA: b");
        bytes.extend(0xD800u16.to_le_bytes());
        bytes.extend(utf16le("c\nmore").split_off(2));
        let Err(Undecodable::Utf16(bad)) = decode(bytes) else {
            panic!("unpaired surrogate accepted");
        };
        assert_eq!((bad.offset, bad.line, bad.column), (2 + 2 * 10, 2, 5));
        assert_eq!(bad.shown, "\u{feff}Q: a?\nA: b\u{fffd}c");
        assert_eq!(&bad.shown[bad.shown_offset..], "\u{fffd}c");
    }

    #[test]
    fn a_lone_last_byte_is_bad_utf16() {
        let mut bytes = utf16be("Q: a?");
        bytes.push(b'x');
        let Err(Undecodable::Utf16(bad)) = decode(bytes.clone()) else {
            panic!("odd length accepted");
        };
        assert_eq!(bad.offset, bytes.len() - 1);
        assert_eq!(bad.column, 6);
    }

    #[test]
    fn nul_bytes_without_a_utf16_bom_are_binary_and_so_is_a_nul_character() {
        assert_eq!(decode(b"PK\x03\x04\0\0".to_vec()), Err(Undecodable::Binary));
        assert_eq!(decode(b"a\0b\0".to_vec()), Err(Undecodable::Binary));
        assert_eq!(decode(utf16le("a\0b")), Err(Undecodable::Binary));
        let bytes = b"ok\xC3(".to_vec();
        let offset = 2;
        assert_eq!(
            decode(bytes.clone()),
            Err(Undecodable::Utf8 { bytes, offset })
        );
    }
}
