//! Writing export files atomically: every target is checked, every file is written in full to a
//! temporary file beside its target, and only then are they renamed into place. (`prep init`
//! checks its target here too.)
//!
//! Owns what may be replaced (a regular file, or nothing) and the order of the steps. What goes into
//! a file is the formats' ([`crate::export`]); which files a run writes is the subcommand's.

use std::fs::FileType;
use std::path::{Path, PathBuf};

use crate::cli::progress::Progress;
use crate::cli::temp_files::{TempFile, rename_all};
use crate::export::{Export, ExportWarning, Exporter};

/// What [`write_files`] wrote: each path with its size in bytes, and what the formats warned of.
pub(crate) struct Written {
    pub files: Vec<(PathBuf, u64)>,
    pub warnings: Vec<ExportWarning>,
}

/// Writes each format to its path: every target is checked first, then every file is written in
/// full to a temporary file in its target directory, and only when all of them succeeded are they
/// renamed into place. A failed or interrupted run leaves the previous files as they were, never a
/// truncated one; an interrupted one removes its temporary files ([`crate::cli::temp_files`]).
/// (Each rename is atomic; the set of renames is not, but targets that cannot be replaced are
/// refused before the first one, and an interrupt waits for the set to finish.) Each format is told the path it replaces (the Anki
/// deck reads the previous one). Returns each path with its size in bytes, and the formats'
/// warnings.
pub(crate) fn write_files(
    export: &Export,
    files: &[(PathBuf, &dyn Exporter)],
    progress: &Progress,
) -> Result<Written, miette::Report> {
    for (path, _) in files {
        check_target(path, "-o")?;
    }
    let mut staged = Vec::new();
    let mut sizes = Vec::new();
    let mut warnings = Vec::new();
    for (path, format) in files {
        let dir = create_parent(path)?;
        let unwritable = |err: &dyn std::fmt::Display| {
            miette::miette!("{}: cannot write: {err}", path.display())
        };
        let mut temp = TempFile::new_in(dir).map_err(|e| unwritable(&e))?;
        // Temporary files are private (0600); an export is an ordinary file others may read.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            temp.as_file()
                .and_then(|f| f.set_permissions(std::fs::Permissions::from_mode(0o644)))
                .map_err(|e| unwritable(&e))?;
        }
        progress.stage(format!("writing {}", path.display()), export.entries.len());
        let card_done = || progress.card_done();
        let file = temp.as_file_mut().map_err(|e| unwritable(&e))?;
        let noticed = format
            .write_replacing(export, path, file, &card_done)
            .map_err(|e| unwritable(&e))?;
        warnings.extend(noticed);
        let file = temp.as_file().map_err(|e| unwritable(&e))?;
        file.sync_all().map_err(|e| unwritable(&e))?;
        let size = file.metadata().map_err(|e| unwritable(&e))?.len();
        staged.push((temp, path.clone()));
        sizes.push((path.clone(), size));
    }
    rename_all(staged)
        .map_err(|(path, err)| miette::miette!("{}: cannot write: {err}", path.display()))?;
    Ok(Written {
        files: sizes,
        warnings,
    })
}

/// Refuses a target that exists and is not a regular file. The rename that puts an export in place
/// would replace whatever is there: a FIFO another program reads from, a symbolic link (rather than
/// the file it points to, which is what a user who made the link may expect), or, for root, a device
/// node such as `/dev/null`. A missing target, or one under a directory still to be created, is fine.
/// `flag` is the option that names another path. For every file `prep` writes: exports and
/// `prep init`'s `lints.toml`.
pub(crate) fn check_target(path: &Path, flag: &str) -> Result<(), miette::Report> {
    let kind = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta.file_type(),
        Err(err)
            if matches!(
                err.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(());
        }
        Err(err) => return Err(miette::miette!("{}: cannot write: {err}", path.display())),
    };
    if kind.is_file() {
        return Ok(());
    }
    Err(miette::miette!(
        help = format!(
            "prep replaces only regular files: remove it, or write somewhere else ({flag})"
        ),
        "{}: cannot write: it is {}, not a regular file",
        path.display(),
        describe(kind)
    ))
}

/// Creates the directory `path` goes into, if it is missing; returns it.
fn create_parent(path: &Path) -> Result<&Path, miette::Report> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|err| {
        // "File exists" says little when the directory named is a file or a device.
        let reason = match std::fs::metadata(dir) {
            Ok(meta) if !meta.is_dir() => format!("it is {}", describe(meta.file_type())),
            _ => err.to_string(),
        };
        miette::miette!(
            help = "choose another directory with --out-dir or [export] dir in lints.toml",
            "{}: cannot create the directory: {reason}",
            dir.display()
        )
    })?;
    Ok(dir)
}

/// What a file is, as a noun phrase ("a FIFO (named pipe)").
fn describe(kind: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_targets_and_regular_files_may_be_written() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_target(&dir.path().join("new.md"), "-o").is_ok());
        assert!(check_target(&dir.path().join("missing/dir/new.md"), "-o").is_ok());
        std::fs::write(dir.path().join("old.md"), "old").unwrap();
        assert!(check_target(&dir.path().join("old.md"), "-o").is_ok());
    }

    #[test]
    fn directories_and_links_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let message = check_target(dir.path(), "-o").unwrap_err().to_string();
        assert!(
            message.ends_with("it is a directory, not a regular file"),
            "{message}"
        );
        #[cfg(unix)]
        {
            let link = dir.path().join("link.md");
            std::os::unix::fs::symlink(dir.path(), &link).unwrap();
            let message = check_target(&link, "-o").unwrap_err().to_string();
            assert!(message.contains("a symbolic link"), "{message}");
        }
    }
}
