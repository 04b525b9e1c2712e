//! The deck already at the output path, and the time each note of the new deck gets from it.
//!
//! Why: Anki updates a note on import only when the package's copy is newer than its own, and then
//! rewrites it (and syncs it) whatever changed. Stamping every note with the sources' newest time
//! would make one edited answer update every note. So a note whose fields and tags are the same as in
//! the previous deck keeps that deck's time, and only edited notes move forward.

use std::collections::HashMap;
use std::io::ErrorKind;
use std::path::Path;

use crate::export::anki::package::{self, Unreadable};

/// The notes of a previous deck, by GUID.
#[derive(Debug, Default)]
pub struct PreviousDeck {
    notes: HashMap<String, PreviousNote>,
}

/// A note as the previous deck stored it.
#[derive(Debug)]
struct PreviousNote {
    /// Fields joined by U+001F.
    fields: String,
    /// Tags as stored: ` a b `.
    tags: String,
    modified: i64,
}

impl PreviousDeck {
    /// The deck at `path`; `None` when there is no file there. Any package Anki reads will do: one
    /// written by genanki-rs for an earlier release, or by this module.
    pub fn read(path: &Path) -> Result<Option<Self>, Unreadable> {
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(error) if error.kind() == ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(error.into()),
        };
        let connection = package::open_collection(file)?;
        let mut statement = connection.prepare("SELECT guid, flds, tags, mod FROM notes")?;
        let notes = statement
            .query_map([], |row| {
                let note = PreviousNote {
                    fields: row.get(1)?,
                    tags: row.get(2)?,
                    modified: row.get(3)?,
                };
                Ok((row.get(0)?, note))
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(Self { notes }))
    }

    /// The modification time of the note `guid` with these `fields` (joined) and `tags`, in a deck
    /// whose sources date from `modified`:
    /// - not in the previous deck: `modified`;
    /// - unchanged: its previous time, so Anki leaves it alone;
    /// - edited: `modified`, or one second past its previous time when that is not older (the sources'
    ///   time went back, e.g. a `SOURCE_DATE_EPOCH` set lower), so that Anki still takes the edit.
    pub fn note_time(&self, guid: &str, fields: &str, tags: &[&str], modified: i64) -> i64 {
        let Some(before) = self.notes.get(guid) else {
            return modified;
        };
        let unchanged =
            before.fields == fields && before.tags.split_whitespace().eq(tags.iter().copied());
        if unchanged {
            before.modified
        } else if before.modified >= modified {
            before.modified.saturating_add(1)
        } else {
            modified
        }
    }

    #[cfg(test)]
    pub fn with(notes: &[(&str, &str, &str, i64)]) -> Self {
        let notes = notes
            .iter()
            .map(|&(guid, fields, tags, modified)| {
                let note = PreviousNote {
                    fields: fields.into(),
                    tags: tags.into(),
                    modified,
                };
                (guid.to_owned(), note)
            })
            .collect();
        Self { notes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_notes_keep_their_time_and_edited_ones_move_forward() {
        let previous = PreviousDeck::with(&[("a", "Q\u{1f}A", " t u ", 1000)]);
        assert_eq!(previous.note_time("a", "Q\u{1f}A", &["t", "u"], 2000), 1000);
        assert_eq!(previous.note_time("a", "Q\u{1f}B", &["t", "u"], 2000), 2000);
        assert_eq!(previous.note_time("a", "Q\u{1f}A", &["t"], 2000), 2000);
        assert_eq!(
            previous.note_time("new", "Q\u{1f}A", &["t", "u"], 2000),
            2000
        );
        // Edited while the sources' time went back: one second past the previous time.
        assert_eq!(previous.note_time("a", "Q\u{1f}B", &["t", "u"], 500), 1001);
        assert_eq!(previous.note_time("a", "Q\u{1f}A", &["t", "u"], 500), 1000);
    }

    #[test]
    fn no_file_is_no_previous_deck_and_another_file_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            PreviousDeck::read(&dir.path().join("none.apkg")),
            Ok(None)
        ));
        let text = dir.path().join("text.apkg");
        std::fs::write(&text, "not a zip").unwrap();
        assert!(matches!(PreviousDeck::read(&text), Err(Unreadable::Zip(_))));
        assert!(matches!(
            PreviousDeck::read(dir.path()),
            Err(Unreadable::Io(_) | Unreadable::Zip(_))
        ));
    }
}
