//! Which file a path reaches: one identity for a file however it is named (through a symbolic link,
//! `..`, or another directory's link to it).
//!
//! Owns telling files apart by what they are rather than by their names: the device and inode on
//! Unix, the canonical path elsewhere. Reading and walking are [`super::load`]'s.

use std::path::Path;

/// The identity of the file or directory a path reaches, following links.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(Inner);

#[cfg(unix)]
type Inner = (u64, u64);

#[cfg(not(unix))]
type Inner = std::path::PathBuf;

impl FileId {
    /// The identity of what `path` reaches; `None` when it does not exist or cannot be looked at.
    pub fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok()?;
            Some(FileId((meta.dev(), meta.ino())))
        }
        #[cfg(not(unix))]
        {
            path.canonicalize().ok().map(FileId)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_has_one_identity_whatever_path_reaches_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "x").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let round_about = dir.path().join("sub/../a.md");
        assert_eq!(FileId::of(&file), FileId::of(&round_about));
        #[cfg(unix)]
        {
            let link = dir.path().join("sub/link");
            std::os::unix::fs::symlink("..", &link).unwrap();
            assert_eq!(FileId::of(&file), FileId::of(&link.join("a.md")));
        }
        std::fs::write(dir.path().join("b.md"), "x").unwrap();
        assert_ne!(FileId::of(&file), FileId::of(&dir.path().join("b.md")));
        assert_eq!(FileId::of(&dir.path().join("missing.md")), None);
    }
}
