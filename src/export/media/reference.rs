//! What an image reference in a card names: a file beside the card's source, or something that is not
//! a file (a web address, inline data), and the name a packaged file takes in Anki's media folder.
//!
//! Owns reading a `src` as a browser would (scheme, `//host`, query and fragment, `%XX` escapes),
//! resolving it against the card's source file, and naming stored files. Pure: reading the files is
//! [`super::read`]'s.

use std::path::{Path, PathBuf};

use sha1::{Digest, Sha1};

/// What an image's `src` points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Nothing to look for: an empty `src`, or only a fragment or query.
    Nothing,
    /// A web address (`https:`, `//host/…`), inline data (`data:`) or any other scheme: left as
    /// written, never fetched.
    Remote,
    /// A file: relative to the card's source file, unless absolute.
    File(PathBuf),
}

/// What `src` names, as a browser reads it: a scheme of two letters or more (`C:` is a Windows
/// drive) or a leading `//` is an address; otherwise the part before any `?` or `#` is a path, its
/// `%XX` escapes decoded (`my%20diagram.png` is `my diagram.png`).
pub fn target(src: &str) -> Target {
    let src = src.trim();
    if src.starts_with("//") || scheme(src).is_some() {
        return Target::Remote;
    }
    let path = src.split(['?', '#']).next().unwrap_or_default();
    if path.is_empty() {
        return Target::Nothing;
    }
    Target::File(PathBuf::from(percent_decoded(path)))
}

/// The file an image reference in a card from `source_file` names, if it names one: `src` joined onto
/// the source file's directory (`..` included: the files are the user's own), or `src` itself when
/// absolute.
pub fn resolve(source_file: &str, src: &str) -> Target {
    match target(src) {
        Target::File(path) if path.is_relative() => {
            let dir = Path::new(source_file).parent().unwrap_or(Path::new(""));
            Target::File(dir.join(path))
        }
        other => other,
    }
}

/// The URL scheme `src` starts with (`https`, `data`), if any: a letter, then letters, digits, `+`,
/// `-` or `.`, then `:`; one letter alone is a drive (`C:\…`), not a scheme.
fn scheme(src: &str) -> Option<&str> {
    let colon = src.find(':')?;
    let name = &src[..colon];
    let mut chars = name.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && name.len() >= 2
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(name)
}

/// `path` with its `%XX` escapes decoded; as written when there are none, or when the decoded bytes
/// are not UTF-8 (then the escapes were not meant as escapes). A `%` not followed by two hex digits
/// stays (`100%.png`).
fn percent_decoded(path: &str) -> String {
    if !path.contains('%') {
        return path.to_owned();
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_owned())
}

/// The file types packaged, by extension (compared ignoring case): the image formats Anki's
/// browser-based card view shows.
pub const IMAGE_EXTENSIONS: [&str; 9] = [
    "avif", "bmp", "gif", "ico", "jpeg", "jpg", "png", "svg", "webp",
];

/// The extension of `path` in lower case, when it is one of [`IMAGE_EXTENSIONS`].
pub fn image_extension(path: &Path) -> Option<String> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    IMAGE_EXTENSIONS
        .contains(&extension.as_str())
        .then_some(extension)
}

/// The name a file with these `bytes` takes in Anki's media folder: `prep-`, the first 16 hex digits
/// of the content's SHA-1 (the checksum Anki keeps for media files), and the extension. Named by
/// content, so re-importing the same image finds it already there, the same image under two names
/// is stored once, and two different `diagram.png` never collide.
pub fn stored_name(bytes: &[u8], extension: &str) -> String {
    let digest = Sha1::digest(bytes);
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("prep-{hex}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> Target {
        Target::File(PathBuf::from(path))
    }

    #[test]
    fn addresses_and_data_are_remote() {
        for src in [
            "https://example.com/a.png",
            "http://example.com/a.png",
            "HTTPS://EXAMPLE.COM/A.PNG",
            "//cdn.example.com/a.png",
            "data:image/png;base64,iVBORw0KGgo=",
            "file:///tmp/a.png",
            "  https://example.com/a.png  ",
        ] {
            assert_eq!(target(src), Target::Remote, "{src}");
        }
    }

    #[test]
    fn paths_are_files_read_as_a_browser_reads_them() {
        assert_eq!(target("diagram.png"), file("diagram.png"));
        assert_eq!(target("img/diagram.png"), file("img/diagram.png"));
        assert_eq!(target("../shared/a.png"), file("../shared/a.png"));
        assert_eq!(target("/abs/a.png"), file("/abs/a.png"));
        assert_eq!(target(r"C:\pics\a.png"), file(r"C:\pics\a.png"));
        assert_eq!(target("a.png?raw=true"), file("a.png"));
        assert_eq!(target("a.png#part"), file("a.png"));
        assert_eq!(target("my%20diagram.png"), file("my diagram.png"));
        assert_eq!(target("caf%C3%A9.png"), file("café.png"));
        assert_eq!(target("100%.png"), file("100%.png"));
        assert_eq!(target("%FF.png"), file("%FF.png"), "not UTF-8: as written");
        assert_eq!(target("a:b.png"), file("a:b.png"), "one letter is a drive");
        assert_eq!(
            target("ab:c.png"),
            Target::Remote,
            "two letters are a scheme"
        );
    }

    #[test]
    fn nothing_to_look_for() {
        for src in ["", "  ", "#top", "?x=1"] {
            assert_eq!(target(src), Target::Nothing, "{src:?}");
        }
    }

    #[test]
    fn relative_paths_resolve_against_the_source_files_directory() {
        assert_eq!(
            resolve("notes/db/index.md", "img/b-tree.png"),
            file("notes/db/img/b-tree.png")
        );
        assert_eq!(
            resolve("notes/db/index.md", "../shared/a.png"),
            file("notes/db/../shared/a.png")
        );
        assert_eq!(resolve("index.md", "a.png"), file("a.png"));
        assert_eq!(resolve("notes/index.md", "/abs/a.png"), file("/abs/a.png"));
        assert_eq!(
            resolve("notes/index.md", "https://x.org/a.png"),
            Target::Remote
        );
    }

    #[test]
    fn only_image_types_are_packaged() {
        assert_eq!(
            image_extension(Path::new("a/Diagram.PNG")).as_deref(),
            Some("png")
        );
        assert_eq!(
            image_extension(Path::new("photo.jpeg")).as_deref(),
            Some("jpeg")
        );
        for path in ["notes.txt", "script.sh", "png", "archive.png.gz", "noext"] {
            assert_eq!(image_extension(Path::new(path)), None, "{path}");
        }
    }

    #[test]
    fn stored_names_come_from_the_content() {
        let name = stored_name(b"image bytes", "png");
        assert_eq!(name, stored_name(b"image bytes", "png"));
        assert_ne!(name, stored_name(b"other bytes", "png"));
        assert!(
            name.starts_with("prep-") && name.ends_with(".png"),
            "{name}"
        );
        assert_eq!(name.len(), "prep-".len() + 16 + ".png".len());
        // SHA-1 of the empty string starts da39a3ee5e6b4b0d.
        assert_eq!(stored_name(b"", "gif"), "prep-da39a3ee5e6b4b0d.gif");
    }
}
