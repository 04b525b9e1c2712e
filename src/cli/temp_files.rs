//! Temporary files being written, kept in one list so that an interrupted run can remove them.
//!
//! Owns creating, renaming and removing the temporary files exports are written to. Every step
//! holds the list's lock, so the interrupt handler (installed by `main`, the only place that exits)
//! sees each file either listed or gone, never created and not yet listed, and waits for a set of
//! renames to finish rather than cutting it in half. Catching the signals is `main`'s job.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use tempfile::NamedTempFile;

/// The temporary files that exist now: created, not yet renamed into place or removed.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn in_flight() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic while holding the list leaves it as correct as before: the paths are still the files.
    IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A temporary file in the list while it exists. Dropped, it is removed (and leaves the list).
pub(crate) struct TempFile {
    /// `None` once renamed into place.
    file: Option<NamedTempFile>,
}

impl TempFile {
    /// A new, empty temporary file in `dir` (beside the target it will replace, so the rename
    /// stays on one file system and is atomic).
    pub fn new_in(dir: &Path) -> std::io::Result<TempFile> {
        let mut list = in_flight();
        let file = NamedTempFile::new_in(dir)?;
        list.push(file.path().to_path_buf());
        Ok(TempFile { file: Some(file) })
    }

    pub fn as_file(&self) -> std::io::Result<&File> {
        self.file
            .as_ref()
            .map(NamedTempFile::as_file)
            .ok_or_else(renamed)
    }

    pub fn as_file_mut(&mut self) -> std::io::Result<&mut File> {
        self.file
            .as_mut()
            .map(NamedTempFile::as_file_mut)
            .ok_or_else(renamed)
    }
}

/// Only [`rename_all`] takes the file out, and it owns the `TempFile` then: no caller sees this.
fn renamed() -> std::io::Error {
    std::io::Error::other("the temporary file was already renamed into place")
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let Some(file) = self.file.take() else {
            return;
        };
        let mut list = in_flight();
        let path = file.path().to_path_buf();
        drop(file);
        list.retain(|p| *p != path);
    }
}

/// Renames each temporary file onto its target, in order, stopping at the first that fails (those
/// not renamed are removed). An interrupt waits until this returns.
pub(crate) fn rename_all(files: Vec<(TempFile, PathBuf)>) -> Result<(), (PathBuf, std::io::Error)> {
    let mut list = in_flight();
    // Out of their `TempFile`s first: their `Drop` takes the lock, which is held here.
    let files: Vec<(NamedTempFile, PathBuf)> = files
        .into_iter()
        .filter_map(|(mut temp, target)| temp.file.take().map(|file| (file, target)))
        .collect();
    let paths: Vec<PathBuf> = files.iter().map(|(f, _)| f.path().to_path_buf()).collect();
    let mut result = Ok(());
    for (file, target) in files {
        if let Err(err) = file.persist(&target) {
            result = Err((target, err.error));
            break;
        }
    }
    list.retain(|p| !paths.contains(p));
    result
}

/// Removes every temporary file being written, and holds the list until the process ends, so no new
/// one is created or renamed: for the interrupt handler, which exits right after.
pub fn remove_all() -> MutexGuard<'static, Vec<PathBuf>> {
    let mut list = in_flight();
    for path in list.drain(..) {
        // Already gone is fine; anything else cannot be helped on the way out.
        let _ = std::fs::remove_file(path);
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(dir: &Path) -> usize {
        in_flight().iter().filter(|p| p.starts_with(dir)).count()
    }

    #[test]
    fn files_are_listed_while_they_exist() {
        let dir = tempfile::tempdir().unwrap();
        let temp = TempFile::new_in(dir.path()).unwrap();
        assert_eq!(listed(dir.path()), 1);
        drop(temp);
        assert_eq!(listed(dir.path()), 0);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn renamed_files_leave_the_list_and_failed_renames_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("cards.md");
        let bad = dir.path().join("missing/cards.csv");
        let files = vec![
            (TempFile::new_in(dir.path()).unwrap(), target.clone()),
            (TempFile::new_in(dir.path()).unwrap(), bad.clone()),
            (TempFile::new_in(dir.path()).unwrap(), target.clone()),
        ];
        let (failed, _) = rename_all(files).unwrap_err();
        assert_eq!(failed, bad);
        assert!(target.is_file());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert_eq!(listed(dir.path()), 0);
    }
}
