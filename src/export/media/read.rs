//! Reading one image file a card refers to, for the deck.
//!
//! Owns what may be read: only a regular file (never a FIFO, which would block the build, nor a
//! device), only an image type ([`IMAGE_EXTENSIONS`], checked before the disk is touched, so a
//! reference to `../../.ssh/id_rsa` reads nothing), and at most [`MAX_IMAGE_BYTES`]. What cannot be
//! packaged is a reason, never an error: the card keeps its reference and the build goes on.

use std::fmt;
use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

use super::reference::{IMAGE_EXTENSIONS, image_extension, stored_name};

/// The largest image packaged, in bytes (50 MiB). Anki syncs at most 100 MB per media file, and a
/// card image is rarely over a few hundred KiB; a larger file is most likely a mistake, and every
/// image is held in memory until the deck is written.
pub const MAX_IMAGE_BYTES: u64 = 50 * 1024 * 1024;

/// An image read for the deck: its name in Anki's media folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Why a referenced file is not packaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unpackaged {
    /// Nothing at that path.
    Missing,
    /// A directory or a special file (FIFO, socket, device).
    NotRegular(&'static str),
    /// Not one of [`IMAGE_EXTENSIONS`].
    NotImage,
    /// Larger than the limit: its size in bytes, and the limit.
    TooLarge { size: u64, limit: u64 },
    /// The disk said no (permissions, I/O).
    Unreadable(String),
}

impl fmt::Display for Unpackaged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unpackaged::Missing => write!(f, "no such file"),
            Unpackaged::NotRegular(what) => write!(f, "it is {what}, not a regular file"),
            Unpackaged::NotImage => write!(
                f,
                "not an image type that is packaged ({})",
                IMAGE_EXTENSIONS.join(", ")
            ),
            Unpackaged::TooLarge { size, limit } => write!(
                f,
                "it is {:.1} MiB, over the {} MiB limit per image",
                *size as f64 / 1_048_576.0,
                limit >> 20
            ),
            Unpackaged::Unreadable(reason) => write!(f, "cannot read it: {reason}"),
        }
    }
}

/// The image at `path`, read and named for the deck.
pub fn read_image(path: &Path) -> Result<Stored, Unpackaged> {
    read_within(path, MAX_IMAGE_BYTES)
}

fn read_within(path: &Path, limit: u64) -> Result<Stored, Unpackaged> {
    let extension = image_extension(path).ok_or(Unpackaged::NotImage)?;
    // Follows symbolic links, as the source walk does: a link to an image is that image.
    let meta = std::fs::metadata(path).map_err(|err| match err.kind() {
        ErrorKind::NotFound | ErrorKind::NotADirectory => Unpackaged::Missing,
        _ => Unpackaged::Unreadable(err.to_string()),
    })?;
    if meta.is_dir() {
        return Err(Unpackaged::NotRegular("a directory"));
    }
    if !meta.is_file() {
        return Err(Unpackaged::NotRegular("a special file"));
    }
    if meta.len() > limit {
        return Err(Unpackaged::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = File::open(path).map_err(|err| Unpackaged::Unreadable(err.to_string()))?;
    // The size may have changed since: never read more than the limit allows.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| Unpackaged::Unreadable(err.to_string()))?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(Unpackaged::TooLarge { size, limit });
    }
    Ok(Stored {
        name: stored_name(&bytes, &extension),
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_is_read_and_named_by_its_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Diagram.PNG");
        std::fs::write(&path, b"not really a png").unwrap();
        let stored = read_image(&path).unwrap();
        assert_eq!(stored.bytes, b"not really a png");
        assert_eq!(stored.name, stored_name(b"not really a png", "png"));
    }

    #[test]
    fn what_is_not_packaged_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let missing = read_image(&dir.path().join("missing.png"));
        assert_eq!(missing, Err(Unpackaged::Missing));
        assert_eq!(
            read_image(&dir.path().join("missing.png/inside.png")),
            Err(Unpackaged::Missing)
        );
        std::fs::create_dir(dir.path().join("folder.png")).unwrap();
        let folder = read_image(&dir.path().join("folder.png")).unwrap_err();
        assert_eq!(folder.to_string(), "it is a directory, not a regular file");
        std::fs::write(dir.path().join("notes.txt"), "secret").unwrap();
        let text = read_image(&dir.path().join("notes.txt")).unwrap_err();
        assert_eq!(text, Unpackaged::NotImage);
        assert!(text.to_string().contains("png, svg, webp"), "{text}");
    }

    #[test]
    fn a_file_over_the_limit_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.png");
        std::fs::write(&path, vec![0u8; 3 << 20]).unwrap();
        let refused = read_within(&path, 1 << 20).unwrap_err();
        assert_eq!(
            refused,
            Unpackaged::TooLarge {
                size: 3 << 20,
                limit: 1 << 20
            }
        );
        assert_eq!(
            refused.to_string(),
            "it is 3.0 MiB, over the 1 MiB limit per image"
        );
        assert!(read_within(&path, 3 << 20).is_ok(), "at the limit: read");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_like_an_image_is_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe.png");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        // Opening it would block until a writer came; the check refuses it first.
        assert_eq!(
            read_image(&path),
            Err(Unpackaged::NotRegular("a special file"))
        );
    }
}
