//! The collection inside the package: an Anki collection of schema 11 (`collection.anki2`), built
//! as an in-memory SQLite database.
//!
//! Schema 11 is what Anki 2.1's legacy export and genanki write, and what every Anki since 2.1
//! imports (it upgrades the copy to its current schema itself). Owns its tables and indexes, the `col`
//! row (collection settings, note types, decks and deck options as JSON, keys sorted so that the same
//! export gives the same bytes), and the rows of notes and their cards. Not what the notes hold: the
//! caller gives each note's fields, tags, deck and time.

use rusqlite::{Connection, params};
use serde_json::{Value, json};

use crate::export::ExportError;
use crate::export::anki::sort_field;

/// One note and its one card, as stored.
pub struct NoteRow<'a> {
    /// Note and card id: unique within the package.
    pub id: i64,
    pub guid: &'a str,
    /// The fields joined by U+001F, none containing it.
    pub fields: String,
    /// Tags as Anki stores them: ` a b `, or empty.
    pub tags: String,
    pub deck: i64,
    /// Seconds since the epoch; the card takes it too.
    pub modified: i64,
    /// Where the new card comes in its deck's new-card order, from 1.
    pub position: i64,
}

/// What the `col` row says besides the notes.
pub struct Header {
    /// The package's time in seconds: the decks' and the collection's modification time.
    pub modified: i64,
    /// The note type as `col.models` holds it, and its id.
    pub note_type: Value,
    pub note_type_id: i64,
    /// The decks the notes go to, by id and name, each once.
    pub decks: Vec<(i64, String)>,
}

/// The tables, without indexes: those are built once the rows are in, which is faster.
const TABLES: &str = "
CREATE TABLE col (
    id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
    ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
    conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL,
    tags text NOT NULL
);
CREATE TABLE notes (
    id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
    usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
    csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE cards (
    id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
    mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
    due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL,
    lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
    flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE revlog (
    id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
    ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
    type integer NOT NULL
);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
";

/// Schema 11's indexes, as Anki creates them.
const INDEXES: &str = "
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
";

/// The collection's creation time (`crt`): a fixed day in the past, the one genanki uses. Anki
/// reads it only to shift the due days of cards under review, and ours are all new.
const CREATED: i64 = 1_411_124_400;

/// Builds the collection from `notes`, in order. `usn` -1 on notes and cards marks them as not yet
/// synced, as in a package Anki writes; new cards have no scheduling (type and queue 0).
pub fn build<'a>(
    header: &Header,
    notes: impl Iterator<Item = Result<NoteRow<'a>, ExportError>>,
) -> Result<Connection, ExportError> {
    let mut connection = Connection::open_in_memory()?;
    // Nothing to recover from a crash in a database that lives for one export.
    connection.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
    connection.execute_batch(TABLES)?;
    let transaction = connection.transaction()?;
    let mut count = 0;
    {
        let mut add_note = transaction
            .prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')")?;
        let mut add_card = transaction
            .prepare(
                "INSERT INTO cards VALUES (?1, ?1, ?2, 0, ?3, -1, 0, 0, ?4, 0, 0, 0, 0, 0, 0, 0, 0, '')",
            )
            ?;
        for note in notes {
            let note = note?;
            let first_field = note.fields.split('\u{1f}').next().unwrap_or_default();
            add_note.execute(params![
                note.id,
                note.guid,
                header.note_type_id,
                note.modified,
                note.tags,
                note.fields,
                sort_field::plain_text(first_field),
                sort_field::checksum(first_field),
            ])?;
            add_card.execute(params![note.id, note.deck, note.modified, note.position])?;
            count += 1;
        }
    }
    add_col(&transaction, header, count)?;
    transaction.execute_batch(INDEXES)?;
    transaction.commit()?;
    Ok(connection)
}

/// The `col` row: version 11, times in milliseconds, and the JSON columns.
fn add_col(connection: &Connection, header: &Header, notes: i64) -> Result<(), ExportError> {
    let millis = header.modified.saturating_mul(1000);
    connection.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        params![
            CREATED,
            millis,
            settings(header.note_type_id, notes + 1).to_string(),
            json!({ header.note_type_id.to_string(): header.note_type }).to_string(),
            decks(header).to_string(),
            deck_options().to_string(),
        ],
    )?;
    Ok(())
}

/// The collection's settings (`col.conf`): Anki's defaults, with our note type current and
/// `next_position` the new-card position after ours.
fn settings(note_type: i64, next_position: i64) -> Value {
    json!({
        "activeDecks": [1],
        "addToCur": true,
        "collapseTime": 1200,
        "curDeck": 1,
        "curModel": note_type.to_string(),
        "dueCounts": true,
        "estTimes": true,
        "newBury": true,
        "newSpread": 0,
        "nextPos": next_position,
        "sortBackwards": false,
        "sortType": "noteFld",
        "timeLim": 0,
    })
}

/// `col.decks`: Anki's "Default" (id 1, which every collection has) and ours, all with the default
/// options (id 1) and nothing studied.
fn decks(header: &Header) -> Value {
    let deck = |id: i64, name: &str, modified: i64| {
        json!({
            "collapsed": false,
            "conf": 1,
            "desc": "",
            "dyn": 0,
            "extendNew": 0,
            "extendRev": 0,
            "id": id,
            "lrnToday": [0, 0],
            "mod": modified,
            "name": name,
            "newToday": [0, 0],
            "revToday": [0, 0],
            "timeToday": [0, 0],
            "usn": -1,
        })
    };
    let mut decks = serde_json::Map::new();
    decks.insert("1".into(), deck(1, "Default", 0));
    for (id, name) in &header.decks {
        decks.insert(id.to_string(), deck(*id, name, header.modified));
    }
    Value::Object(decks)
}

/// `col.dconf`: the deck options every deck points at (id 1), with the values of Anki's own defaults
/// (`DeckConfSchema11::default` in rslib). The importer leaves deck options out unless asked to
/// import them, so they never change a user's.
fn deck_options() -> Value {
    json!({
        "1": {
            "autoplay": true,
            "dyn": false,
            "id": 1,
            "lapse": { "delays": [10], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0 },
            "maxTaken": 60,
            "mod": 0,
            "name": "Default",
            "new": {
                "bury": false,
                "delays": [1, 10],
                "initialFactor": 2500,
                "ints": [1, 4, 0],
                "order": 1,
                "perDay": 20,
            },
            "replayq": true,
            "rev": {
                "bury": false,
                "ease4": 1.3,
                "hardFactor": 1.2,
                "ivlFct": 1,
                "maxIvl": 36500,
                "perDay": 200,
            },
            "timer": 0,
            "usn": 0,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            modified: 1_700_000_000,
            note_type: json!({ "name": "t" }),
            note_type_id: 77,
            decks: vec![(5, "Root::Sub".into())],
        }
    }

    fn note<'a>(id: i64, guid: &'a str, fields: &str) -> Result<NoteRow<'a>, ExportError> {
        Ok(NoteRow {
            id,
            guid,
            fields: fields.into(),
            tags: " a b ".into(),
            deck: 5,
            modified: 1_700_000_000,
            position: id,
        })
    }

    #[test]
    fn notes_and_cards_are_stored_as_anki_reads_them() {
        let notes = [
            note(1, "g1", "Q <b>one</b>\u{1f}A"),
            note(2, "g2", "Q2\u{1f}"),
        ];
        let connection = build(&header(), notes.into_iter()).unwrap();
        let row: (String, i64, String, String, i64) = connection
            .query_row(
                "SELECT guid, mid, tags, sfld, csum FROM notes WHERE id = 1",
                [],
                |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                },
            )
            .unwrap();
        let csum = i64::from(sort_field::checksum("Q one"));
        assert_eq!(row, ("g1".into(), 77, " a b ".into(), "Q one".into(), csum));
        let cards: Vec<(i64, i64, i64, i64)> = connection
            .prepare("SELECT id, nid, did, due FROM cards ORDER BY id")
            .unwrap()
            .query_map([], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(cards, [(1, 1, 5, 1), (2, 2, 5, 2)]);
        let (version, decks, conf): (i64, String, String) = connection
            .query_row("SELECT ver, decks, conf FROM col", [], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .unwrap();
        assert_eq!(version, 11);
        let decks: Value = serde_json::from_str(&decks).unwrap();
        assert_eq!(decks["1"]["name"], "Default");
        assert_eq!(decks["5"]["name"], "Root::Sub");
        let conf: Value = serde_json::from_str(&conf).unwrap();
        assert_eq!(conf["nextPos"], 3);
    }

    #[test]
    fn a_sqlite_failure_keeps_its_source() {
        let connection = Connection::open_in_memory().unwrap();
        let error = ExportError::from(connection.execute_batch("not sql").unwrap_err());
        assert!(
            error
                .to_string()
                .starts_with("cannot build the Anki package: SQLite: "),
            "{error}"
        );
        let source = std::error::Error::source(&error).unwrap();
        assert!(source.downcast_ref::<rusqlite::Error>().is_some());
    }

    #[test]
    fn a_failing_note_fails_the_collection() {
        let notes = [
            note(1, "g1", "Q\u{1f}A"),
            Err(ExportError::NoDeck { guid: "g2".into() }),
        ];
        assert!(matches!(
            build(&header(), notes.into_iter()),
            Err(ExportError::NoDeck { guid }) if guid == "g2"
        ));
    }
}
