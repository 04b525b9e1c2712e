//! Real Anki over decks that already exist and decks of every size: a deck written by the previous
//! release (genanki-rs, tests/fixtures/anki/previous-release.apkg) in the collection, then ours on
//! top; Check Database after our imports; and a deck of 10,000 notes. The harness is
//! tests/it/common/anki.rs; `prep` runs in a temporary directory holding the fixture's page as
//! `source/previous-release.md`, as the fixture was made (tests/fixtures/anki/README.md).

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::anki::{AnkiCollection, Import, Options, guids, note_with_guid, our_notetype};
use prep::export::{Anki, Export, Exporter};
use tempfile::TempDir;

/// The previous release's deck and its time (`SOURCE_DATE_EPOCH` when it was made).
const PREVIOUS_DECK: &str = "tests/fixtures/anki/previous-release.apkg";
const PREVIOUS_TIME: i64 = 1_700_000_000;

/// The answer edited for the rebuild, and what replaces it (on the same line).
const ANSWER: &str = "When stale answers cost more than slow ones";
const EDITED: &str = "When a stale answer costs more than a slow one";

/// A directory with the fixture page as `source/previous-release.md`, one answer edited.
fn project_with_an_edit() -> TempDir {
    let dir = TempDir::new().expect("temporary directory");
    fs::create_dir(dir.path().join("source")).expect("source/");
    let page = fs::read_to_string(common::repo().join("tests/fixtures/anki/previous-release.md"))
        .expect("fixture page");
    assert_eq!(page.matches(ANSWER).count(), 1);
    fs::write(
        dir.path().join("source/previous-release.md"),
        page.replace(ANSWER, EDITED),
    )
    .expect("page written");
    dir
}

/// `prep export anki source/previous-release.md -o deck.apkg` in `dir` at `epoch`; the deck's path.
fn export_deck(dir: &Path, epoch: i64) -> PathBuf {
    let output = common::prep_command(
        dir,
        &[
            "export",
            "anki",
            "source/previous-release.md",
            "-o",
            "deck.apkg",
        ],
    )
    .env("SOURCE_DATE_EPOCH", epoch.to_string())
    .output()
    .expect("prep runs");
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "prep failed or warned ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    dir.join("deck.apkg")
}

/// The previous release's deck, then `ours`, imported into a new collection, checked after.
fn import_previous_then(ours: &Path) -> (Import, Import) {
    let previous = common::repo().join(PREVIOUS_DECK);
    let anki = AnkiCollection::fresh();
    let options = Options {
        check: true,
        count_only: false,
    };
    let (mut imports, check) = anki.import_with(&[&previous, ours], options);
    let check = check.expect("the check ran");
    assert!(check.ok, "Check Database had to fix: {}", check.report);
    let second = imports.remove(1);
    (imports.remove(0), second)
}

/// The note made from the question the edit is under.
fn edited_guid(import: &Import) -> String {
    import
        .notes
        .iter()
        .find(|note| note.fields["Answer"].contains(ANSWER))
        .expect("the note with the answer to edit")
        .guid
        .clone()
}

/// The second import added nothing, kept one note type, and changed no note but the edited one,
/// in place.
fn assert_updated_in_place(first: &Import, second: &Import, edited: &str) {
    assert_eq!(first.log.new.len(), 5, "{:?}", first.log);
    assert!(second.log.new.is_empty(), "{:?}", second.log);
    assert!(second.log.conflicting.is_empty(), "{:?}", second.log);
    assert!(second.log.missing_notetype.is_empty(), "{:?}", second.log);
    assert_eq!(second.notetypes, first.notetypes, "no second note type");
    our_notetype(second);
    assert_eq!(guids(&second.notes), guids(&first.notes));
    for old in &first.notes {
        let new = note_with_guid(second, &old.guid);
        assert_eq!((new.id, &new.cards), (old.id, &old.cards), "{}", old.guid);
        assert_eq!(
            (&new.tags, &new.decks),
            (&old.tags, &old.decks),
            "{}",
            old.guid
        );
        if old.guid == edited {
            assert!(new.fields["Answer"].contains(EDITED), "{:?}", new.fields);
            let mut rest = new.fields.clone();
            rest.insert("Answer".into(), old.fields["Answer"].clone());
            assert_eq!(rest, old.fields, "only the Answer changes");
        } else {
            assert_eq!(new.fields, old.fields, "{}", old.guid);
        }
    }
}

#[test]
fn a_deck_of_the_previous_release_is_updated_in_place() {
    let project = project_with_an_edit();
    // The previous deck is where the new one goes, as after an upgrade of `prep`.
    fs::copy(
        common::repo().join(PREVIOUS_DECK),
        project.path().join("deck.apkg"),
    )
    .expect("previous deck copied");
    let later = PREVIOUS_TIME + 3600;
    let ours = export_deck(project.path(), later);
    let (first, second) = import_previous_then(&ours);
    let edited = edited_guid(&first);
    assert_updated_in_place(&first, &second, &edited);

    // Notes unchanged since the previous deck kept its time: Anki leaves them alone.
    let edited_id = note_with_guid(&second, &edited).id;
    assert_eq!(second.log.updated, [edited_id], "{:?}", second.log);
    assert_eq!(second.log.duplicate.len(), 4, "{:?}", second.log);
    for note in &second.notes {
        let expected = if note.guid == edited {
            later
        } else {
            PREVIOUS_TIME
        };
        assert_eq!(note.modified, expected, "{}", note.guid);
    }
}

#[test]
fn without_the_previous_deck_at_hand_every_note_is_updated_in_place() {
    let project = project_with_an_edit();
    let ours = export_deck(project.path(), PREVIOUS_TIME + 3600);
    let (first, second) = import_previous_then(&ours);
    assert_updated_in_place(&first, &second, &edited_guid(&first));
    assert_eq!(second.log.updated.len(), 5, "{:?}", second.log);
}

#[test]
fn check_database_finds_nothing_to_fix_after_our_imports() {
    let anki = AnkiCollection::fresh();
    let mut export = common::export::sample();
    let first = write(&export, &anki.dir().join("first.apkg"));
    export.modified += 60;
    export.entries[0].card.answer.push_str(" Edited.");
    let second = write(&export, &anki.dir().join("second.apkg"));
    let (imports, check) = anki.import_with(
        &[&first, &second],
        Options {
            check: true,
            count_only: false,
        },
    );
    assert_eq!(imports[0].log.new.len(), export.entries.len());
    assert_eq!(imports[1].log.updated.len(), export.entries.len());
    let check = check.expect("the check ran");
    assert!(check.ok, "Check Database had to fix: {}", check.report);
}

#[test]
fn ten_thousand_notes_import_with_the_right_count() {
    let export = large_export(10_000);
    let anki = AnkiCollection::fresh();
    let deck = write(&export, &anki.dir().join("large.apkg"));
    let (imports, check) = anki.import_with(
        &[&deck],
        Options {
            check: true,
            count_only: true,
        },
    );
    let import = &imports[0];
    assert_eq!(import.log.found_notes, 10_000);
    assert_eq!(import.log.new.len(), 10_000, "every note is new");
    assert_eq!(import.note_count, 10_000);
    // Root, its two subdecks and Default.
    assert_eq!(import.decks.len(), 4, "{:?}", import.decks);
    assert!(check.expect("the check ran").ok);
}

fn write(export: &Export, path: &Path) -> PathBuf {
    let mut file = fs::File::create(path).expect("package file");
    Anki.write(export, &mut file).expect("the package writes");
    path.to_path_buf()
}

/// `notes` distinct questions over two subdecks, every tenth with an example.
fn large_export(notes: usize) -> Export {
    let entries = (0..notes)
        .map(|n| {
            let mut card = common::export::card(
                &format!("{n:016x}"),
                "large.md",
                1 + n * 4,
                &format!("What is the answer to question {n}?"),
                &format!("It is {n}, with **emphasis** and `code`."),
            );
            card.example = n.is_multiple_of(10).then(|| format!("Example {n}."));
            let deck = format!("Large::Part {}", n % 2);
            let mut entry = common::export::entry(&format!("large-{n}"), &deck, card);
            entry.tags = vec![format!("part{}", n % 2)];
            entry
        })
        .collect();
    Export {
        title: "Large".into(),
        entries,
        modified: PREVIOUS_TIME,
        media: Default::default(),
    }
}
