//! Real Anki imports the `.apkg`: each test writes exports, has Anki's own importer (the `anki` Python
//! package, the library inside the desktop app) load them into a throwaway collection through
//! `tests/anki/collection.py`, and checks what Anki stored. The harness, and how Anki gets installed,
//! is tests/it/common/anki.rs; the CSV route is tests/it/anki_import_csv.rs, and `prep build` over the seed
//! pages tests/it/anki_import_seeds.rs. Images are built with `prep build` from
//! tests/fixtures/anki/images.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::anki::{
    AnkiCollection, AnkiNote, MediaFile, Options, assert_imported_as, expected_fields,
    import_into_new_collection, note_with_guid, our_notetype,
};
use prep::export::{Anki, Entry, Export};
use prep::model::{Alternate, Card};
use sha1::{Digest, Sha1};
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------------------
// The tests

#[test]
fn images_travel_with_the_deck_once_under_the_name_the_fields_use() {
    let fixture = images_fixture();
    let png = fs::read(fixture.join("img/handshake.png")).unwrap();
    let (_project, deck) = build_images_fixture();
    let anki = AnkiCollection::fresh();
    let copy = anki.dir().join("deck.apkg");
    fs::copy(&deck, &copy).unwrap();
    let (imports, check) = anki.import_with(
        &[&copy, &copy],
        Options {
            check: true,
            ..Options::default()
        },
    );
    let (first, again) = (&imports[0], &imports[1]);
    assert_eq!(first.log.new.len(), 3, "{:?}", first.log);

    // One file, the fixture's bytes, named by their SHA-1.
    let sha1 = hex(&Sha1::digest(&png));
    let name = format!("prep-{}.png", &sha1[..16]);
    let stored = MediaFile {
        name: name.clone(),
        size: png.len() as u64,
        sha1,
    };
    assert_eq!(first.media, [stored]);
    // Importing the same deck again adds no second copy.
    assert_eq!(again.media, first.media);
    assert!(again.log.new.is_empty(), "{:?}", again.log);

    let answer = |question: &str| -> &str {
        let note = first
            .notes
            .iter()
            .find(|note| note.fields["Question"].contains(question))
            .unwrap_or_else(|| panic!("no note asks {question}: {:?}", first.notes));
        &note.fields["Answer"]
    };
    let shown = |alt: &str| format!(r#"<img src="{name}" alt="{alt}">"#);
    let markdown = answer("look like");
    assert!(
        markdown.contains(&shown("The three segments of a TCP handshake")),
        "{markdown}"
    );
    let raw = answer("opens a TCP connection");
    assert!(raw.contains(&shown("SYN, SYN-ACK and ACK")), "{raw}");
    let remote = answer("wiki");
    assert!(
        remote
            .contains(r#"<img src="https://example.com/tcp-diagram.png" alt="Protocol diagram">"#),
        "{remote}"
    );
    // The card shows the picture: Anki renders the field's `<img>` into the back of the card.
    let note = first
        .notes
        .iter()
        .find(|note| note.fields["Answer"] == markdown)
        .unwrap();
    assert!(
        note.back.contains(&format!(r#"src="{name}""#)),
        "{}",
        note.back
    );

    // Check Media: nothing the notes refer to is missing, nothing in the folder is unused.
    let check = check.expect("checked");
    assert!(check.ok, "{}", check.report);
    assert!(check.media_missing.is_empty(), "{check:?}");
    assert!(check.media_unused.is_empty(), "{check:?}");
}

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
        let note = assert_imported_as(import, entry);
        assert_eq!(note.modified, export.modified);
        assert_shown_by_the_templates(note, entry);
    }

    let ours = our_notetype(import);
    assert_eq!(ours.fields, Anki::FIELD_NAMES);
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
        assert!(!lower.contains("onerror"), "{name}: {html}");
    }
    // A raw `<img>` is an image, built from its `src` alone.
    assert!(
        note.fields["Example"].starts_with(r#"<p><img src="x" alt=""> and a &lt; b &gt; c"#),
        "{}",
        note.fields["Example"]
    );
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
        media: Default::default(),
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
    let id = format!("{:016x}", question.len() * 7919 + line);
    common::export::card(&id, "questions.md", line, question, answer)
}

/// tests/fixtures/anki/images: a page whose cards show a local image and a remote one.
fn images_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/anki/images")
}

/// `prep build` in a project whose `source/` is a copy of [`images_fixture`]; the project and its
/// deck.
fn build_images_fixture() -> (TempDir, PathBuf) {
    let project = TempDir::new().unwrap();
    let source = project.path().join("source");
    fs::create_dir_all(source.join("img")).unwrap();
    for file in ["networking.md", "img/handshake.png"] {
        fs::copy(images_fixture().join(file), source.join(file)).unwrap();
    }
    let output = common::prep_command(project.path(), &["build", "--allow-lint-errors"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let deck = project.path().join("out/deck.apkg");
    (project, deck)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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
