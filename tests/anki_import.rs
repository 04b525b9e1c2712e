//! Real Anki imports the `.apkg`: each test writes exports, has Anki's own importer (the `anki` Python
//! package, the library inside the desktop app) load them into a throwaway collection through
//! `tests/anki/collection.py`, and checks what Anki stored.
//!
//! The first test to run installs the pinned `anki` into a virtual environment under the target
//! directory; later runs reuse it. Python 3 with `venv` must be installed: without it these tests
//! fail rather than skip, since they are the only check that Anki accepts what we write.

use std::collections::BTreeMap;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use prep::export::anki::Anki;
use prep::export::note::{self, FIELD_NAMES, NOTE_TYPE};
use prep::export::{Entry, Export, Exporter};
use prep::model::{Alternate, Card, CardId, CardMap, SourceRef};
use serde::Deserialize;
use tempfile::TempDir;

/// The Anki release the tests import with.
const ANKI: &str = "anki==26.9.3";

/// What Anki made of one import: its log and the collection afterwards.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Import {
    log: Log,
    notes: Vec<AnkiNote>,
    notetypes: Vec<Notetype>,
    decks: Vec<String>,
}

/// The import log: the ids of the notes in each outcome.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Log {
    new: Vec<i64>,
    updated: Vec<i64>,
    duplicate: Vec<i64>,
    conflicting: Vec<i64>,
    first_field_match: Vec<i64>,
    missing_notetype: Vec<i64>,
    missing_deck: Vec<i64>,
    empty_first_field: Vec<i64>,
    found_notes: usize,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct AnkiNote {
    id: i64,
    guid: String,
    notetype: String,
    fields: BTreeMap<String, String>,
    tags: Vec<String>,
    decks: Vec<String>,
    #[serde(rename = "mod")]
    modified: i64,
    usn: i64,
    cards: Vec<i64>,
    /// The first card's question and answer as Anki renders them.
    front: String,
    back: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Notetype {
    id: i64,
    name: String,
    fields: Vec<String>,
    templates: Vec<String>,
}

#[derive(Deserialize)]
struct Imports {
    imports: Vec<Import>,
}

// ---------------------------------------------------------------------------------------------------
// The tests

#[test]
fn notes_keep_their_fields_tags_decks_and_note_type() {
    let export = sample(1_700_000_000);
    let imports = import_into_new_collection(&[&export]);
    let import = &imports[0];

    assert_eq!(
        import.log.new.len(),
        export.entries.len(),
        "{:?}",
        import.log
    );
    assert_eq!(import.log.found_notes, export.entries.len());
    assert_eq!(import.notes.len(), export.entries.len());
    for entry in &export.entries {
        let note = note_with_guid(import, &entry.guid);
        assert_eq!(note.notetype, NOTE_TYPE);
        assert_eq!(note.fields, expected_fields(entry), "{}", entry.guid);
        assert_eq!(note.tags, entry.tags, "{}", entry.guid);
        assert_eq!(note.decks, [entry.deck.as_str()], "{}", entry.guid);
        assert_eq!(note.modified, export.modified);
        assert_eq!(note.cards.len(), 1, "one card per note");
        assert_shown_by_the_templates(note, entry);
    }

    let ours = our_notetype(import);
    assert_eq!(ours.fields, FIELD_NAMES);
    assert_eq!(ours.templates.len(), 1);
    // Anki creates the parent of a `::` deck name.
    for deck in [
        "Interview questions",
        "Interview questions::Backend",
        "Interview questions::Frontend",
    ] {
        assert!(
            import.decks.iter().any(|name| name == deck),
            "{:?}",
            import.decks
        );
    }
}

#[test]
fn markup_in_cards_is_stored_escaped() {
    let mut export = sample(1_700_000_000);
    let hostile = &mut export.entries[0].card;
    hostile.question = "What does <script>alert(1)</script> do to a Vec<T>?".into();
    hostile.answer = "Nothing: <script>alert(1)</script> is shown, and `Vec<T>` stays code.".into();
    hostile.example = Some("<img src=x onerror=alert(1)> and a < b > c".into());
    let imports = import_into_new_collection(&[&export]);

    let note = note_with_guid(&imports[0], &export.entries[0].guid);
    assert_eq!(note.fields, expected_fields(&export.entries[0]));
    for (name, html) in &note.fields {
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "{name}: {html}");
        assert!(!lower.contains("<img"), "{name}: {html}");
    }
    let question = &note.fields["Question"];
    assert!(
        question.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{question}"
    );
    assert!(question.contains("Vec&lt;T&gt;"), "{question}");
    assert!(note.fields["Answer"].contains("<code>Vec&lt;T&gt;</code>"));
}

#[test]
fn importing_the_same_file_twice_adds_nothing() {
    let export = sample(1_700_000_000);
    let imports = import_into_new_collection(&[&export, &export]);
    let (first, second) = (&imports[0], &imports[1]);

    assert!(second.log.new.is_empty(), "{:?}", second.log);
    assert!(second.log.updated.is_empty(), "{:?}", second.log);
    assert!(second.log.conflicting.is_empty(), "{:?}", second.log);
    // Same GUID and not newer: Anki logs the notes as duplicates and leaves them alone.
    assert_eq!(second.log.duplicate.len(), export.entries.len());
    assert_eq!(second.notes, first.notes);
    assert_eq!(second.notetypes, first.notetypes);
    assert_eq!(second.decks, first.decks);
}

#[test]
fn a_newer_export_updates_the_edited_note_in_place() {
    let before = sample(1_700_000_000);
    let mut after = before.clone();
    after.modified += 3600;
    after.entries[1].card.answer = "A cache in front of the database, filled on a miss.".into();
    let imports = import_into_new_collection(&[&before, &after]);
    let (first, second) = (&imports[0], &imports[1]);

    assert!(second.log.new.is_empty(), "{:?}", second.log);
    assert!(second.log.conflicting.is_empty(), "{:?}", second.log);
    assert_eq!(second.notes.len(), first.notes.len());
    assert_eq!(
        second.notetypes, first.notetypes,
        "no second copy of the note type"
    );
    let edited = &after.entries[1].guid;
    for old in &first.notes {
        let new = note_with_guid(second, &old.guid);
        assert_eq!(new.id, old.id, "{}: same note, updated in place", old.guid);
        assert_eq!(
            new.cards, old.cards,
            "{}: same cards, so reviews are kept",
            old.guid
        );
        assert_eq!((&new.tags, &new.decks), (&old.tags, &old.decks));
        if &old.guid == edited {
            assert_eq!(new.fields, expected_fields(&after.entries[1]));
            assert_ne!(new.fields["Answer"], old.fields["Answer"]);
        } else {
            assert_eq!(
                new.fields, old.fields,
                "{}: only the edited note changes",
                old.guid
            );
        }
    }
    // Anki's importer rewrites every note whose copy in the package is newer, without comparing the
    // fields (rslib/src/import_export/package/apkg/import/notes.rs: `maybe_update_existing_note`
    // updates when `existing.mtime < incoming.mtime` and `update_note` stores the incoming mtime).
    // All our notes carry the export's time, so all are logged as updated and take the new time,
    // even those whose fields are identical.
    let mut updated = second.log.updated.clone();
    updated.sort_unstable();
    let mut all: Vec<i64> = first.notes.iter().map(|note| note.id).collect();
    all.sort_unstable();
    assert_eq!(updated, all, "{:?}", second.log);
    assert!(
        second
            .notes
            .iter()
            .all(|note| note.modified == after.modified)
    );
}

#[test]
fn identical_input_gives_identical_notes() {
    let export = sample(1_700_000_000);
    let one = &import_into_new_collection(&[&export])[0];
    let two = &import_into_new_collection(&[&export])[0];
    // Note and card ids, GUIDs, fields, tags, decks and modification times alike.
    assert_eq!(one.notes, two.notes);
    assert_eq!(one.log, two.log);
    assert_eq!(one.decks, two.decks);
    // Ours, that is: Anki gives its stock note types a new id in every new collection.
    assert_eq!(our_notetype(one), our_notetype(two));
    // The ids Anki kept are the package's, so they are ours to keep stable.
    assert!(
        one.notes
            .iter()
            .all(|note| note.id >= export.modified * 1000)
    );
}

// ---------------------------------------------------------------------------------------------------
// Exports and expectations

/// Four cards in three decks (a parent deck with cards of its own among them), with tags, an example
/// and a merged duplicate.
fn sample(modified: i64) -> Export {
    let mut cache = entry("g-cache", "What is a cache?", "A fast copy of slow data.");
    cache.deck = "Interview questions::Backend".into();
    cache.tags = vec!["backend".into(), "caching".into()];
    cache.card.example = Some("We cached sessions in Redis.".into());
    let aside = card("Explain caching", "Keeping results to reuse them.", 9);
    cache.alternates.push(Alternate {
        id: aside.id.clone(),
        question: aside.question.clone(),
        answer: aside.answer.clone(),
        example: None,
        source: aside.source.clone(),
    });
    cache.also_asked_as.push(aside.question);

    let mut read_through = entry(
        "g-read-through",
        "What is a read-through cache?",
        "A proxy.",
    );
    read_through.deck = "Interview questions::Backend".into();
    let mut dom = entry(
        "g-dom",
        "What is the DOM?",
        "The page as a tree of objects.",
    );
    dom.deck = "Interview questions::Frontend".into();
    dom.tags = vec!["frontend".into()];
    let behavioural = entry(
        "g-conflict",
        "Tell me about a conflict.",
        "- listen\n- agree",
    );

    Export {
        title: "Interview questions".into(),
        entries: vec![cache, read_through, dom, behavioural],
        modified,
    }
}

fn entry(guid: &str, question: &str, answer: &str) -> Entry {
    Entry {
        guid: guid.into(),
        card: card(question, answer, 1),
        alternates: Vec::new(),
        also_asked_as: Vec::new(),
        deck: "Interview questions".into(),
        tags: vec!["interview".into()],
        findings: Vec::new(),
    }
}

fn card(question: &str, answer: &str, line: usize) -> Card {
    Card {
        id: CardId(format!("{:016x}", question.len() * 7919 + line)),
        question: question.into(),
        answer: answer.into(),
        example: None,
        section: None,
        tags: Vec::new(),
        source: SourceRef {
            file: "questions.md".into(),
            line,
            end_line: line + 1,
            offset: 0,
            length: 1,
        },
        map: CardMap::default(),
    }
}

/// The fields as `prep` writes them, by name.
fn expected_fields(entry: &Entry) -> BTreeMap<String, String> {
    FIELD_NAMES
        .iter()
        .map(|name| name.to_string())
        .zip(note::fields(entry))
        .collect()
}

/// The card's front is the question; its back adds the answer, the example and the merged duplicates
/// only when there are some, and the source.
fn assert_shown_by_the_templates(note: &AnkiNote, entry: &Entry) {
    let fields = &note.fields;
    assert!(note.front.contains(&fields["Question"]), "{}", note.front);
    assert!(!note.front.contains(&fields["Answer"]), "{}", note.front);
    let back = &note.back;
    assert!(
        back.contains(&fields["Question"]) && back.contains(&fields["Answer"]),
        "{back}"
    );
    assert!(back.contains("<hr id=answer>"), "{back}");
    assert!(
        back.contains(&format!("<small>{}</small>", fields["Source"])),
        "{back}"
    );
    let example = format!(
        "<blockquote class=\"example\">{}</blockquote>",
        fields["Example"]
    );
    assert_eq!(
        back.contains(&example),
        entry.card.example.is_some(),
        "{back}"
    );
    assert_eq!(
        back.contains(r#"<section class="alternates">"#),
        !entry.alternates.is_empty(),
        "{back}"
    );
    assert!(back.contains(&fields["Alternates"]), "{back}");
}

/// The one note type named [`NOTE_TYPE`].
fn our_notetype(import: &Import) -> &Notetype {
    let mut ours = import
        .notetypes
        .iter()
        .filter(|notetype| notetype.name == NOTE_TYPE);
    let notetype = ours.next().expect("our note type was imported");
    assert!(
        ours.next().is_none(),
        "one note type named {NOTE_TYPE}: {:?}",
        import.notetypes
    );
    notetype
}

fn note_with_guid<'a>(import: &'a Import, guid: &str) -> &'a AnkiNote {
    import
        .notes
        .iter()
        .find(|note| note.guid == guid)
        .unwrap_or_else(|| panic!("no note with GUID {guid} in {:?}", import.notes))
}

// ---------------------------------------------------------------------------------------------------
// Running Anki

/// Writes each export to a package and imports them in turn into one new collection.
fn import_into_new_collection(exports: &[&Export]) -> Vec<Import> {
    let dir = TempDir::new().expect("temporary directory");
    let mut command = Command::new(anki_python());
    command
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/anki/collection.py"
        ))
        .arg(dir.path().join("collection.anki2"));
    for (n, export) in exports.iter().enumerate() {
        let package = dir.path().join(format!("export-{n}.apkg"));
        let mut file = fs::File::create(&package).expect("package file");
        Anki.write(export, &mut file).expect("the export writes");
        command.arg(package);
    }
    let output = command.output().expect("the Anki script starts");
    let output = succeeded(output, "tests/anki/collection.py");
    let parsed: Imports = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "the Anki script printed something other than its JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    assert_eq!(parsed.imports.len(), exports.len());
    parsed.imports
}

/// The Python of a virtual environment with the pinned Anki, installed on first use. The tests of
/// this binary run in parallel: the first to get here installs, the others wait for it.
fn anki_python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(install_anki)
}

/// Installs into a directory of its own, then renames it into place: an interrupted install or
/// another `cargo test` running at the same time never leaves a half-built environment where the
/// next run would take it for a finished one.
fn install_anki() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR sits in the target directory");
    let venv = target.join("anki-venv");
    let marker = format!("installed-{ANKI}");
    if venv.join(&marker).is_file() {
        return python_in(&venv);
    }

    let staging = target.join(format!("anki-venv.{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let created = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&staging)
        .output()
        .unwrap_or_else(|e| match e.kind() {
            ErrorKind::NotFound => panic!(
                "python3 is not on PATH. The Anki import tests need Python 3 with the venv module \
                 (Debian/Ubuntu: apt install python3 python3-venv) to install {ANKI}."
            ),
            _ => panic!("cannot run python3: {e}"),
        });
    succeeded(created, "python3 -m venv");
    let installed = Command::new(python_in(&staging))
        .args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--quiet",
            ANKI,
        ])
        .output()
        .expect("pip starts");
    succeeded(installed, &format!("pip install {ANKI}"));
    fs::write(staging.join(&marker), "").expect("marker written");

    if venv.exists() && !venv.join(&marker).is_file() {
        // Left by an older pin; nothing else uses it.
        fs::remove_dir_all(&venv).expect("old environment removed");
    }
    if let Err(error) = fs::rename(&staging, &venv) {
        // Another `cargo test` finished first: use its environment.
        assert!(
            venv.join(&marker).is_file(),
            "cannot move {staging:?} to {venv:?}: {error}"
        );
        let _ = fs::remove_dir_all(&staging);
    }
    python_in(&venv)
}

fn python_in(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

fn succeeded(output: Output, what: &str) -> Output {
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
