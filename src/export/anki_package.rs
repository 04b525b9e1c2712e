//! The `.apkg` after genanki-rs wrote it: a modification time per note, reproducible bytes, and
//! reading the notes of a previous package.
//!
//! Why: Anki updates a note on import only when the package's copy is newer than its own, and
//! genanki-rs stamps every note with one package time. With that alone, editing one answer makes
//! Anki rewrite (and sync) every note. So a note whose fields and tags are unchanged since the
//! previous package keeps that package's time, and only edited notes move forward. genanki-rs also
//! dates zip entries with the clock and writes its deck list in hash order; the package is rewritten
//! with fixed dates and sorted JSON so that the same input gives the same bytes.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use rusqlite::{Connection, params};
use zip::write::FileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::export::note;
use crate::export::{Export, ExportError};

/// A note of a previous package: what it holds and when it was stamped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousNote {
    /// Fields and tags as stored ([`stored_content`]).
    pub content: String,
    pub modified: i64,
}

/// A note's fields and tags as genanki-rs stores them: fields joined by U+001F, then tags with a
/// space on either side.
pub fn stored_content(fields: &[String], tags: &[String]) -> String {
    format!("{}\u{1e} {} ", fields.join("\u{1f}"), tags.join(" "))
}

/// The times of the notes that keep their previous package's time or must pass it: unchanged notes
/// keep it; a changed note whose previous time is not older than `export.modified` gets one second
/// more, so that Anki still sees it as newer. Notes not listed take `export.modified`.
pub fn note_times(
    export: &Export,
    previous: &BTreeMap<String, PreviousNote>,
) -> BTreeMap<String, i64> {
    let mut times = BTreeMap::new();
    for entry in &export.entries {
        let Some(before) = previous.get(&entry.guid) else {
            continue;
        };
        let content = stored_content(&note::fields(entry), &entry.tags);
        let time = if content == before.content {
            before.modified
        } else if before.modified >= export.modified {
            before.modified + 1
        } else {
            continue;
        };
        if time != export.modified {
            times.insert(entry.guid.clone(), time);
        }
    }
    times
}

/// The notes of a package, by GUID.
pub fn read_notes(apkg: &[u8]) -> Result<BTreeMap<String, PreviousNote>, ExportError> {
    let collection = Collection::from_package(apkg)?;
    let connection = collection.open()?;
    let mut statement = connection
        .prepare("SELECT guid, flds, tags, mod FROM notes")
        .map_err(sqlite_error)?;
    let rows = statement
        .query_map([], |row| {
            let fields: String = row.get(1)?;
            let tags: String = row.get(2)?;
            Ok((
                row.get::<_, String>(0)?,
                PreviousNote {
                    content: format!("{fields}\u{1e}{tags}"),
                    modified: row.get(3)?,
                },
            ))
        })
        .map_err(sqlite_error)?;
    rows.collect::<Result<_, _>>().map_err(sqlite_error)
}

/// Rewrites a package from genanki-rs: the listed notes (and their cards) take their own time, the
/// collection's JSON columns get sorted keys, and zip entries the package time as their date.
pub fn restamp(
    apkg: &[u8],
    times: &BTreeMap<String, i64>,
    package_time: i64,
) -> Result<Vec<u8>, ExportError> {
    let collection = Collection::from_package(apkg)?;
    {
        let mut connection = collection.open()?;
        let transaction = connection.transaction().map_err(sqlite_error)?;
        for (guid, time) in times {
            transaction
                .execute(
                    "UPDATE cards SET mod = ?1 WHERE nid IN (SELECT id FROM notes WHERE guid = ?2)",
                    params![time, guid],
                )
                .map_err(sqlite_error)?;
            transaction
                .execute(
                    "UPDATE notes SET mod = ?1 WHERE guid = ?2",
                    params![time, guid],
                )
                .map_err(sqlite_error)?;
        }
        for column in ["conf", "models", "decks", "dconf", "tags"] {
            let json: String = transaction
                .query_row(&format!("SELECT {column} FROM col"), [], |row| row.get(0))
                .map_err(sqlite_error)?;
            // serde_json's maps are sorted: the same collection gives the same text.
            let sorted = serde_json::from_str::<serde_json::Value>(&json)
                .map(|value| value.to_string())
                .unwrap_or(json);
            transaction
                .execute(&format!("UPDATE col SET {column} = ?1"), params![sorted])
                .map_err(sqlite_error)?;
        }
        transaction.commit().map_err(sqlite_error)?;
        connection.execute_batch("VACUUM").map_err(sqlite_error)?;
    }
    let database = std::fs::read(collection.file.path())?;
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = FileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip_date(package_time));
    let mut add = |name: &str, bytes: &[u8]| -> Result<(), ExportError> {
        zip.start_file(name, options).map_err(zip_error)?;
        zip.write_all(bytes)?;
        Ok(())
    };
    add("collection.anki2", &database)?;
    add("media", &collection.media)?;
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}

/// A package's collection, unpacked into a temporary file SQLite can open, and its media list.
struct Collection {
    file: tempfile::NamedTempFile,
    media: Vec<u8>,
}

impl Collection {
    fn from_package(apkg: &[u8]) -> Result<Self, ExportError> {
        let mut archive = ZipArchive::new(Cursor::new(apkg)).map_err(zip_error)?;
        let mut database = Vec::new();
        archive
            .by_name("collection.anki2")
            .map_err(zip_error)?
            .read_to_end(&mut database)?;
        let mut media = Vec::new();
        if let Ok(mut entry) = archive.by_name("media") {
            entry.read_to_end(&mut media)?;
        }
        let mut file = tempfile::NamedTempFile::new()?;
        file.write_all(&database)?;
        file.flush()?;
        Ok(Collection { file, media })
    }

    fn open(&self) -> Result<Connection, ExportError> {
        Connection::open(self.file.path()).map_err(sqlite_error)
    }
}

/// Seconds since the epoch as a zip date (UTC; zip dates run from 1980 to 2107).
fn zip_date(seconds: i64) -> DateTime {
    let days = seconds.div_euclid(86_400);
    let time = seconds.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    DateTime::from_date_and_time(
        year.clamp(1980, 2107) as u16,
        month as u8,
        day as u8,
        (time / 3600) as u8,
        (time % 3600 / 60) as u8,
        (time % 60) as u8,
    )
    .unwrap_or_default()
}

fn sqlite_error(err: rusqlite::Error) -> ExportError {
    ExportError::Anki(format!("SQLite: {err}"))
}

fn zip_error(err: zip::result::ZipError) -> ExportError {
    ExportError::Anki(format!("zip: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::anki::Anki;
    use crate::export::{Entry, Exporter};
    use crate::lint::rules::test_support::card;

    fn entry(guid: &str, answer: &str) -> Entry {
        Entry {
            guid: guid.into(),
            card: card("What is it?", answer),
            alternates: Vec::new(),
            also_asked_as: Vec::new(),
            deck: "Deck".into(),
            tags: vec!["t".into()],
            findings: Vec::new(),
        }
    }

    fn export(answers: &[(&str, &str)], modified: i64) -> Export {
        Export {
            title: "Deck".into(),
            entries: answers.iter().map(|(g, a)| entry(g, a)).collect(),
            modified,
            note_modified: BTreeMap::new(),
        }
    }

    fn package(export: &Export) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        Anki.write(export, &mut out).unwrap();
        out.into_inner()
    }

    #[test]
    fn unchanged_notes_keep_their_time_and_edited_ones_move_forward() {
        let before = export(&[("a", "One."), ("b", "Two."), ("c", "Three.")], 1000);
        let previous = read_notes(&package(&before)).unwrap();
        assert_eq!(previous.len(), 3);
        assert!(previous.values().all(|note| note.modified == 1000));

        // "b" edited, sources newer: only "a" and "c" keep the old time.
        let mut after = export(
            &[("a", "One."), ("b", "Two, edited."), ("c", "Three.")],
            2000,
        );
        after.note_modified = note_times(&after, &previous);
        assert_eq!(
            after.note_modified,
            BTreeMap::from([("a".into(), 1000), ("c".into(), 1000)])
        );
        let stamped = read_notes(&package(&after)).unwrap();
        let times: Vec<i64> = stamped.values().map(|n| n.modified).collect();
        assert_eq!(times, [1000, 2000, 1000]);

        // Edited although the sources' time went back: one second past the old time.
        let back = export(
            &[("a", "One, edited."), ("b", "Two."), ("c", "Three.")],
            500,
        );
        assert_eq!(
            note_times(&back, &previous),
            BTreeMap::from([("a".into(), 1001), ("b".into(), 1000), ("c".into(), 1000)])
        );
        // A note not in the previous package takes the export's time.
        let new = export(&[("d", "Four.")], 3000);
        assert!(note_times(&new, &previous).is_empty());
    }

    #[test]
    fn the_same_export_gives_the_same_bytes() {
        let one = export(&[("a", "One."), ("b", "Two.")], 1_700_000_000);
        let first = package(&one);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert!(package(&one) == first, "packages differ");
    }

    #[test]
    fn zip_dates_are_the_utc_calendar_date() {
        let date = zip_date(1_700_000_000); // 2023-11-14 22:13:20 UTC
        assert_eq!(
            (
                date.year(),
                date.month(),
                date.day(),
                date.hour(),
                date.minute(),
                date.second()
            ),
            (2023, 11, 14, 22, 13, 20)
        );
        assert_eq!(zip_date(951_782_400).day(), 29, "2000-02-29");
        assert_eq!(
            zip_date(0).year(),
            1980,
            "before 1980: the earliest zip date"
        );
    }
}
