//! A run's own exports inside the directories it reads: left out of its inputs, with a note.
//!
//! With `-o` equal to or inside a source directory, each build would read the `cards.md` the one
//! before wrote as one more source, and report twice the cards; so would a build whose source
//! directory holds a link to the project or to `out/`. Owns deciding which of the files found are
//! this run's outputs, by file identity ([`FileId`]: device and inode on Unix), so an output is
//! recognised whatever path reaches it; finding the files is [`crate::source`]'s. Only the files
//! this run writes are left out: an export from an earlier run under another name is a page like
//! any other, and a file named on the command line is always read, as asked.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::source::identity::FileId;

/// This run's outputs, as far as its sources could reach them.
pub(crate) struct OwnOutputs {
    /// The sources as given: a file named directly is read even when it is an output.
    named: Vec<PathBuf>,
    outputs: Vec<Output>,
    /// The outputs a source directory reached, by their place in `outputs`.
    reached: RefCell<BTreeSet<usize>>,
}

struct Output {
    /// As given, for the note.
    given: PathBuf,
    /// The file there now; `None` when there is none yet (then no source can reach it).
    id: Option<FileId>,
    /// Whether its path lies under a source directory: it will be there after this run, even
    /// when no file is there yet.
    inside: bool,
}

impl OwnOutputs {
    pub fn new(sources: &[PathBuf], outputs: &[PathBuf]) -> Self {
        let directories: Vec<PathBuf> = sources
            .iter()
            .filter(|s| s.is_dir())
            .filter_map(|s| s.canonicalize().ok())
            .collect();
        let outputs = outputs
            .iter()
            .map(|output| Output {
                given: output.clone(),
                id: FileId::of(output),
                inside: directories.iter().any(|d| resolved(output).starts_with(d)),
            })
            .collect();
        OwnOutputs {
            named: sources.to_vec(),
            outputs,
            reached: RefCell::new(BTreeSet::new()),
        }
    }

    /// Whether `path`, found under a source directory, is one of this run's outputs.
    pub fn excludes(&self, path: &Path) -> bool {
        // Before the first build there is nothing to reach: no file is looked at then.
        if self.outputs.iter().all(|o| o.id.is_none()) || self.named.iter().any(|n| n == path) {
            return false;
        }
        let Some(id) = FileId::of(path) else {
            return false;
        };
        let Some(place) = self.outputs.iter().position(|o| o.id.as_ref() == Some(&id)) else {
            return false;
        };
        self.reached.borrow_mut().insert(place);
        true
    }

    /// The note that says which outputs are not read, when some lie in a source directory or a
    /// source directory reached them.
    pub fn note(&self) -> Option<miette::Report> {
        let reached = self.reached.borrow();
        let listed: Vec<String> = self
            .outputs
            .iter()
            .enumerate()
            .filter(|(place, output)| output.inside || reached.contains(place))
            .map(|(_, output)| output.given.display().to_string())
            .collect();
        if listed.is_empty() {
            return None;
        }
        Some(miette::miette!(
            severity = miette::Severity::Advice,
            help = "write elsewhere (-o, or [export] dir in lints.toml) to keep exports and sources apart",
            "this run's exports in a source directory are not read as sources: {}",
            listed.join(", ")
        ))
    }
}

/// `path` made absolute with every link in it resolved, whether or not it exists yet: its longest
/// existing ancestor canonicalised, and the rest appended.
fn resolved(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    for ancestor in path.ancestors() {
        let existing = if ancestor.as_os_str().is_empty() {
            Path::new(".")
        } else {
            ancestor
        };
        if let Ok(at) = existing.canonicalize() {
            return rest.into_iter().rev().fold(at, |at, part| at.join(part));
        }
        if let Some(name) = ancestor.file_name() {
            rest.push(name.to_owned());
        }
    }
    path.to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_in_a_source_directory_are_excluded_and_named_files_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("source");
        std::fs::create_dir(&source).unwrap();
        let cards = source.join("cards.md");
        std::fs::write(&cards, "## Q?\n\nA.\n").unwrap();
        std::fs::write(source.join("page.md"), "## Q?\n\nA.\n").unwrap();

        let own = OwnOutputs::new(std::slice::from_ref(&source), std::slice::from_ref(&cards));
        assert!(own.excludes(&cards));
        assert!(!own.excludes(&source.join("page.md")));
        let note = own.note().unwrap().to_string();
        assert!(note.ends_with(&cards.display().to_string()), "{note}");

        // Named directly, the file is read.
        let own = OwnOutputs::new(
            &[source.clone(), cards.clone()],
            std::slice::from_ref(&cards),
        );
        assert!(!own.excludes(&cards));

        // Written elsewhere: nothing excluded, no note.
        let elsewhere = dir.path().join("out/cards.md");
        let own = OwnOutputs::new(&[source], &[elsewhere]);
        assert!(!own.excludes(&cards));
        assert!(own.note().is_none());
    }

    #[cfg(unix)]
    #[test]
    fn outputs_reached_through_a_link_are_excluded() {
        let dir = tempfile::tempdir().unwrap();
        let (source, out) = (dir.path().join("source"), dir.path().join("out"));
        std::fs::create_dir(&source).unwrap();
        std::fs::create_dir(&out).unwrap();
        let cards = out.join("cards.md");
        std::fs::write(&cards, "## Q?\n\nA.\n").unwrap();
        std::os::unix::fs::symlink("..", source.join("project")).unwrap();

        let own = OwnOutputs::new(std::slice::from_ref(&source), std::slice::from_ref(&cards));
        assert!(own.note().is_none());
        assert!(own.excludes(&source.join("project/out/cards.md")));
        let note = own.note().unwrap().to_string();
        assert!(note.ends_with(&cards.display().to_string()), "{note}");
    }

    #[test]
    fn paths_that_do_not_exist_yet_resolve_under_their_existing_ancestor() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        assert_eq!(resolved(&dir.path().join("a/b.md")), root.join("a/b.md"));
        assert_eq!(resolved(dir.path()), root);
    }
}
