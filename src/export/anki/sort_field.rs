//! The search columns Anki keeps beside a note's fields: `sfld`, the sort field as plain text, and
//! `csum`, a checksum of the first field that finds duplicates quickly.
//!
//! Computed as rslib does (`strip_html_preserving_media_filenames` and `field_checksum` in
//! `text.rs` and `notes/mod.rs`): comments and tags removed, an image replaced by its file name,
//! entities decoded; the checksum is the first four bytes of the text's SHA-1, big-endian. Anki
//! computes both again for the notes it imports, so they matter for tools that read the package
//! itself; the entities decoded are those our HTML contains.

use sha1::{Digest, Sha1};

/// The text of `html` as Anki sorts and searches it.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        decode_entities(&rest[..open], &mut text);
        rest = &rest[open..];
        let comment_end = rest
            .starts_with("<!--")
            .then(|| rest.find("-->").map(|at| at + 3))
            .flatten();
        let end = comment_end.or_else(|| rest.find('>').map(|at| at + 1));
        // An unclosed `<` is text, as it is to Anki's pattern.
        let Some(end) = end else { break };
        if let Some(source) = image_source(&rest[..end]) {
            text.push(' ');
            text.push_str(source);
            text.push(' ');
        }
        rest = &rest[end..];
    }
    decode_entities(rest, &mut text);
    text
}

/// The first four bytes of the SHA-1 of the field's plain text.
pub fn checksum(first_field: &str) -> u32 {
    let digest = Sha1::digest(plain_text(first_field).as_bytes());
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// The `src` of an `<img>` tag, which Anki keeps in the text so that a search finds the file.
fn image_source(tag: &str) -> Option<&str> {
    let inner = tag.strip_prefix('<')?;
    if !inner.get(..4)?.eq_ignore_ascii_case("img ") {
        return None;
    }
    let after = &inner[inner.find(" src=")? + 5..];
    let quote = after.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let value = &after[1..];
    value.find(quote).map(|end| &value[..end])
}

/// Appends `text` with its character references decoded: the named ones HTML escaping writes
/// (`&nbsp;` as a space, as Anki does) and numeric ones. Others stay as written.
fn decode_entities(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| Some((entity(&rest[1..end])?, end + 1)));
        match decoded {
            Some((c, length)) => {
                out.push(c);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// The character a reference's name (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    let number = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let code = match name.strip_prefix('#')? {
                hex if hex.starts_with(['x', 'X']) => number(&hex[1..], 16),
                decimal => number(decimal, 10),
            };
            code.and_then(char::from_u32)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_and_entities_are_decoded() {
        assert_eq!(
            plain_text("What is <code>Vec&lt;T&gt;</code> &amp; why?"),
            "What is Vec<T> & why?"
        );
        assert_eq!(plain_text("a<!-- <b> -->b&nbsp;c&#39;d&#x41;"), "ab c'dA");
        assert_eq!(plain_text("a < b"), "a < b");
        assert_eq!(plain_text("&unknown; &"), "&unknown; &");
        assert_eq!(
            plain_text(r#"see <img src="https://x.org/a.png" alt="a">"#),
            "see  https://x.org/a.png "
        );
    }

    #[test]
    fn the_checksum_is_sha1_of_the_plain_text() {
        // SHA-1("hello") = aaf4c61d...
        assert_eq!(checksum("<b>hello</b>"), 0xaaf4_c61d);
    }
}
