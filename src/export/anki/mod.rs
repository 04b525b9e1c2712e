//! The Anki deck: one `.apkg` holding a note of our note type per exported card, each in its deck.
//!
//! Owns the whole format, written in one pass: the note type ([`note_type`]), the collection
//! ([`collection`], an in-memory SQLite database), the zip around it ([`package`]), and reading the
//! deck it replaces ([`previous`]). Not the fields' HTML: that is [`note::fields`], shared with the
//! Anki-flavoured CSV so that both give Anki the same notes.
//!
//! Re-importing a newer export must update notes in place, never duplicate them or report conflicts.
//! So everything Anki matches on is stable: the note GUID is the entry's, the note type and deck ids
//! derive from their names, the templates and CSS are constants, and each note's modification time
//! (which Anki compares with its copy's) moves forward only when the note changed. The same export
//! over the same previous deck gives the same bytes.

mod collection;
mod note_type;
mod package;
mod previous;
mod sort_field;

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::MAIN_DB;

use crate::export::anki::collection::{Header, NoteRow};
use crate::export::anki::previous::PreviousDeck;
use crate::export::media::Media;
use crate::export::{Entry, Export, ExportError, ExportWarning, Exporter, Output};
use crate::export::{html, note};

/// The `.apkg` format: one note of the note type [`Anki::NOTE_TYPE`] per entry, in the entry's deck.
pub struct Anki;

impl Anki {
    /// The name of the note type of every note `prep` writes. Its id derives from it, so a note type
    /// that changes gets a new name ("prep card v2").
    pub const NOTE_TYPE: &str = note::NOTE_TYPE;

    /// The note type's fields, in order.
    pub const FIELD_NAMES: [&str; 5] = note::FIELD_NAMES;

    /// How deep lists and block quotes nest in a field's HTML. Deeper ones go on at this depth, each
    /// item on a line of its own, with all their text.
    pub const MAX_NESTING: usize = html::MAX_NESTING;

    /// The fields of `entry`'s note as HTML, in the order of [`Anki::FIELD_NAMES`]: what the deck
    /// and the Anki-flavour CSV hold. Images packaged in `media` point at their names in the deck.
    pub fn fields(entry: &Entry, media: &Media) -> [String; 5] {
        note::fields(entry, media)
    }
}

impl Exporter for Anki {
    /// A deck with no previous one: every note takes the export's time.
    fn write(&self, export: &Export, out: &mut dyn Output) -> Result<(), ExportError> {
        self.write_reporting(export, out, &|| {})
    }

    fn write_reporting(
        &self,
        export: &Export,
        out: &mut dyn Output,
        card_done: &dyn Fn(),
    ) -> Result<(), ExportError> {
        write_deck(export, &PreviousDeck::default(), out, card_done)
    }

    /// Notes unchanged since the deck at `target` keep its times. A deck there that cannot be read
    /// is a warning: the new one is right all the same, only every note in it counts as updated.
    fn write_replacing(
        &self,
        export: &Export,
        target: &Path,
        out: &mut dyn Output,
        card_done: &dyn Fn(),
    ) -> Result<Vec<ExportWarning>, ExportError> {
        let (previous, warnings) = match PreviousDeck::read(target) {
            Ok(previous) => (previous.unwrap_or_default(), Vec::new()),
            Err(reason) => {
                let warning = ExportWarning::PreviousDeckUnreadable {
                    path: target.display().to_string(),
                    reason: reason.to_string(),
                };
                (PreviousDeck::default(), vec![warning])
            }
        };
        write_deck(export, &previous, out, card_done)?;
        Ok(warnings)
    }
}

/// Writes the package: the notes in export order, each with its card, then the zip around the
/// collection.
fn write_deck(
    export: &Export,
    previous: &PreviousDeck,
    out: &mut dyn Output,
    card_done: &dyn Fn(),
) -> Result<(), ExportError> {
    let decks = deck_ids(export);
    let deck_of = |entry: &Entry| {
        decks
            .get(note::deck(entry).as_ref())
            .copied()
            .ok_or_else(|| ExportError::NoDeck {
                guid: entry.guid.clone(),
            })
    };
    let header = header(
        export,
        &decks,
        export.entries.first().map(deck_of).transpose()?,
    );
    let first_id = first_id(export.modified);
    let notes = export.entries.iter().zip(0..).map(|(entry, position)| {
        let fields = note::fields(entry, &export.media).join("\u{1f}");
        let tags = note::tags(entry);
        let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
        let row = NoteRow {
            id: first_id.saturating_add(position),
            guid: &entry.guid,
            modified: previous.note_time(&entry.guid, &fields, &tags, export.modified),
            fields,
            tags: stored_tags(&tags),
            deck: deck_of(entry)?,
            position: position + 1,
        };
        card_done();
        Ok(row)
    });
    let mut collection = collection::build(&header, notes)?;
    let bytes = collection.serialize(MAIN_DB)?;
    package::write(&bytes, &export.media, export.modified, out)
}

/// The collection's settings: our note type (which offers `first_deck` when adding notes, Default
/// without one) and our decks.
fn header(export: &Export, decks: &BTreeMap<String, i64>, first_deck: Option<i64>) -> Header {
    let modified = note_type::modified(export.modified);
    Header {
        modified: export.modified,
        note_type: note_type::json(modified, first_deck.unwrap_or(1)),
        note_type_id: note_type::id(),
        decks: decks.iter().map(|(name, &id)| (id, name.clone())).collect(),
    }
}

/// Each deck's id, by name: derived from the name, so that a deck keeps its id from one export to
/// the next. (Anki finds decks by name on import; the id matters to tools that read the package.)
fn deck_ids(export: &Export) -> BTreeMap<String, i64> {
    let mut decks = BTreeMap::new();
    for entry in &export.entries {
        let name = note::deck(entry);
        if !decks.contains_key(name.as_ref()) {
            let id = note_type::stable_id(&name);
            decks.insert(name.into_owned(), id);
        }
    }
    decks
}

/// The first note's id (the others follow it): the export's time in milliseconds, as Anki makes a
/// note's id from its creation time, so that the same input gives the same ids. Never below 1000:
/// Anki reads a note id of 0 as "no id yet" and fails the import ("No such notetype"), which is what
/// genanki-rs's ids gave with `SOURCE_DATE_EPOCH=0`.
fn first_id(modified: i64) -> i64 {
    modified.max(1).saturating_mul(1000)
}

/// Tags as Anki stores them: separated by spaces, with one before the first and after the last.
fn stored_tags(tags: &[&str]) -> String {
    if tags.is_empty() {
        String::new()
    } else {
        format!(" {} ", tags.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use rusqlite::Connection;

    use super::*;
    use crate::lint::rules::test_support::card;

    fn entry(guid: &str, answer: &str, deck: &str) -> Entry {
        Entry {
            guid: guid.into(),
            card: card("What is it?", answer),
            alternates: Vec::new(),
            also_asked_as: Vec::new(),
            deck: deck.into(),
            tags: vec!["t".into()],
            findings: Vec::new(),
        }
    }

    fn export(answers: &[(&str, &str)], modified: i64) -> Export {
        Export {
            title: "Deck".into(),
            entries: answers.iter().map(|(g, a)| entry(g, a, "Deck")).collect(),
            modified,
            media: Default::default(),
        }
    }

    /// The package written over `previous` (bytes of a package at the output path, if any), and the
    /// warnings.
    fn package_over(export: &Export, previous: Option<&[u8]>) -> (Vec<u8>, Vec<ExportWarning>) {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("deck.apkg");
        if let Some(bytes) = previous {
            std::fs::write(&target, bytes).unwrap();
        }
        let mut out = Cursor::new(Vec::new());
        let warnings = Anki
            .write_replacing(export, &target, &mut out, &|| {})
            .unwrap();
        (out.into_inner(), warnings)
    }

    fn package(export: &Export) -> Vec<u8> {
        package_over(export, None).0
    }

    /// The collection in a package, opened.
    fn collection(package: &[u8]) -> Connection {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deck.apkg");
        std::fs::write(&path, package).unwrap();
        package::open_collection(std::fs::File::open(path).unwrap()).unwrap()
    }

    /// (guid, note id, mod, card id, card mod, due) of every note, by note id.
    fn rows(package: &[u8]) -> Vec<(String, i64, i64, i64, i64, i64)> {
        collection(package)
            .prepare(
                "SELECT guid, notes.id, notes.mod, cards.id, cards.mod, due \
                 FROM notes JOIN cards ON cards.nid = notes.id ORDER BY notes.id",
            )
            .unwrap()
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn unchanged_notes_keep_the_previous_decks_time_and_edited_ones_move_forward() {
        let before = package(&export(
            &[("a", "One."), ("b", "Two."), ("c", "Three.")],
            1000,
        ));
        let times = |package: &[u8]| -> Vec<(String, i64, i64)> {
            rows(package)
                .into_iter()
                .map(|(guid, _, note, _, card, _)| (guid, note, card))
                .collect()
        };
        let after = export(
            &[("a", "One."), ("b", "Two, edited."), ("c", "Three.")],
            2000,
        );
        let (rebuilt, warnings) = package_over(&after, Some(&before));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            times(&rebuilt),
            [
                ("a".into(), 1000, 1000),
                ("b".into(), 2000, 2000),
                ("c".into(), 1000, 1000)
            ]
        );
        // Without the previous deck, or with one that is not a package, every note is new.
        let (fresh, warnings) = package_over(&after, Some(b"not a zip"));
        assert!(times(&fresh).iter().all(|(_, note, _)| *note == 2000));
        assert!(
            matches!(&warnings[..], [ExportWarning::PreviousDeckUnreadable { reason, .. }] if reason.starts_with("not an Anki package")),
            "{warnings:?}"
        );
        assert_eq!(fresh, package(&after));
    }

    #[test]
    fn ids_are_stable_positive_and_follow_the_export_order() {
        let one = export(&[("a", "One."), ("b", "Two.")], 1_700_000_000);
        let ids: Vec<(i64, i64, i64)> = rows(&package(&one))
            .into_iter()
            .map(|(_, note, _, card, _, due)| (note, card, due))
            .collect();
        let first = 1_700_000_000_000;
        assert_eq!(ids, [(first, first, 1), (first + 1, first + 1, 2)]);
        for modified in [0, -5] {
            let early = rows(&package(&export(&[("a", "One.")], modified)));
            assert_eq!(early[0].1, 1000, "SOURCE_DATE_EPOCH={modified}");
        }
    }

    #[test]
    fn the_same_export_gives_the_same_bytes() {
        let one = export(&[("a", "One."), ("b", "Two.")], 1_700_000_000);
        let first = package(&one);
        assert!(first.starts_with(b"PK\x03\x04"));
        assert!(package(&one) == first, "packages differ");
        assert!(
            package_over(&one, Some(&first)).0 == first,
            "rebuilt differs"
        );
    }

    #[test]
    fn each_note_has_five_fields_and_its_deck() {
        let mut hostile = export(&[("a", "One\u{1f} and\u{7} two.")], 1_700_000_000);
        hostile.entries.push(entry("b", "Two.", "Deck::\u{1f}Sub"));
        hostile.entries[1].tags = vec!["x\u{1f}y".into(), "z".into()];
        let connection = collection(&package(&hostile));
        let notes: Vec<(String, String, i64)> = connection
            .prepare("SELECT flds, tags, did FROM notes JOIN cards ON nid = notes.id ORDER BY guid")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            notes
                .iter()
                .all(|(fields, ..)| fields.split('\u{1f}').count() == 5)
        );
        assert!(
            notes[0]
                .0
                .starts_with("What is it?\u{1f}<p>One and two.</p>"),
            "{notes:?}"
        );
        assert_eq!(notes[1].1, " xy z ");
        assert_eq!(notes[1].2, note_type::stable_id("Deck::Sub"));
        let decks: String = connection
            .query_row("SELECT decks FROM col", [], |r| r.get(0))
            .unwrap();
        let decks: serde_json::Value = serde_json::from_str(&decks).unwrap();
        let mut names: Vec<&str> = decks
            .as_object()
            .into_iter()
            .flat_map(|decks| decks.values())
            .filter_map(|deck| deck["name"].as_str())
            .collect();
        names.sort_unstable();
        assert_eq!(names, ["Deck", "Deck::Sub", "Default"]);
    }
}
