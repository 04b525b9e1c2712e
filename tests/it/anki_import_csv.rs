//! Real Anki imports the Anki-flavour CSV (`--csv-flavor anki`) with its own text importer, mapping
//! the columns the way File › Import proposes from the header lines: after the `.apkg` of the same
//! export, alone in a new collection, and before the `.apkg`.
//!
//! What Anki does with the header is in rslib's `import_export/text/csv/metadata.rs`:
//! `#notetype:` names a note type only when the collection has one of that name and is otherwise
//! ignored; `maybe_set_fallback_notetype` then takes the collection's current note type (`Basic` in
//! a new collection), and `map_field_columns_by_index` gives its fields the columns that are not the
//! GUID, deck or tags column, in order. Notes are matched by GUID alone when the row has one
//! (`find_duplicates` in `import_export/text/import.rs`); a match of another note type is a conflict,
//! and one with the same fields and tags is logged as a duplicate and left alone.

use crate::common;

use std::path::PathBuf;

use crate::common::anki::{
    AnkiCollection, CsvMapping, Import, assert_imported_as, expected_fields, guids, note_with_guid,
    write_anki_csv, write_package,
};
use prep::export::{Anki, Export};

/// The CSV tests' export: common::export::sample() (GUIDs with `#`, commas and quotes, decks with
/// `::` and `?`, `<script>` in a question and an answer, merged duplicates), with nested tags and an
/// image with an event handler in an example.
fn sample() -> Export {
    let mut export = common::export::sample();
    let script = &mut export.entries[1];
    assert!(script.card.question.contains("<script>"));
    script.tags = vec!["prep::vague-claim".into(), "source::backend".into()];
    script.card.example = Some("<img src=x onerror=alert(1)> and a < b > c".into());
    export
}

/// `export` written as a package and as Anki CSV beside `anki`'s collection.
fn write_both(anki: &AnkiCollection, name: &str, export: &Export) -> (PathBuf, PathBuf) {
    let package = anki.dir().join(format!("{name}.apkg"));
    let csv = anki.dir().join(format!("{name}.csv"));
    write_package(export, &package);
    write_anki_csv(export, &csv);
    (package, csv)
}

fn mapping(import: &Import) -> &CsvMapping {
    import
        .csv
        .as_ref()
        .expect("a CSV import reports its mapping")
}

fn sorted(ids: &[i64]) -> Vec<i64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids
}

/// Every deck the export names, and their parent, exist in Anki.
fn assert_decks_exist(import: &Import, export: &Export) {
    let parent = export.title.as_str();
    for deck in export
        .entries
        .iter()
        .map(|entry| entry.deck.as_str())
        .chain([parent])
    {
        assert!(
            import.decks.iter().any(|name| name == deck),
            "{deck}: {:?}",
            import.decks
        );
    }
}

#[test]
fn after_the_deck_the_csv_matches_every_note_by_guid_and_adds_nothing() {
    let export = sample();
    let anki = AnkiCollection::fresh();
    let (package, csv) = write_both(&anki, "export", &export);
    let imports = anki.import(&[&package, &csv]);
    let (deck, text) = (&imports[0], &imports[1]);
    let count = export.entries.len();
    assert_eq!(deck.log.new.len(), count, "{:?}", deck.log);

    // Every column mapped from the header alone: GUID, deck, our five fields in order, tags.
    let mapping = mapping(text);
    assert_eq!(mapping.notetype.as_deref(), Some(Anki::NOTE_TYPE));
    assert_eq!(mapping.field_columns, [3, 4, 5, 6, 7]);
    assert_eq!(
        (
            mapping.guid_column,
            mapping.deck_column,
            mapping.tags_column
        ),
        (1, 2, 8)
    );
    assert!(mapping.is_html);
    assert_eq!(mapping.delimiter, "COMMA");
    // A new collection's duplicate handling: update the matched note.
    assert_eq!(mapping.dupe_resolution, "UPDATE");

    assert_eq!(text.log.found_notes, count, "every row is a note");
    assert!(text.log.new.is_empty(), "{:?}", text.log);
    assert!(text.log.updated.is_empty(), "{:?}", text.log);
    assert!(text.log.conflicting.is_empty(), "{:?}", text.log);
    assert!(text.log.first_field_match.is_empty(), "{:?}", text.log);
    // Same GUID, note type, fields and tags: each row is logged as a duplicate of the deck's note.
    let ids: Vec<i64> = deck.notes.iter().map(|note| note.id).collect();
    assert_eq!(sorted(&text.log.duplicate), sorted(&ids));
    // Nothing changed: ids, GUIDs, fields, tags, decks, modification times.
    assert_eq!(text.notes, deck.notes);
    assert_eq!(text.notetypes, deck.notetypes);
    for entry in &export.entries {
        let note = note_with_guid(text, &entry.guid);
        assert_eq!(note.fields, expected_fields(entry), "{}", entry.guid);
        assert_eq!(note.tags, entry.tags, "{}", entry.guid);
    }
}

#[test]
fn a_newer_csv_updates_notes_in_place_by_guid() {
    let before = sample();
    let mut after = before.clone();
    after.entries[2].card.answer = "A Deployment keeps a ReplicaSet of pods running.".into();
    // A question written differently under the same GUID (prep's GUID is of the normalised
    // question): the first field no longer matches, the GUID still does.
    after.entries[0].card.question = "what does \"eventual consistency\" mean in practice".into();
    let anki = AnkiCollection::fresh();
    let (package, _) = write_both(&anki, "before", &before);
    let (_, csv) = write_both(&anki, "after", &after);
    let imports = anki.import(&[&package, &csv]);
    let (deck, text) = (&imports[0], &imports[1]);

    assert!(text.log.new.is_empty(), "{:?}", text.log);
    assert!(text.log.conflicting.is_empty(), "{:?}", text.log);
    assert!(text.log.first_field_match.is_empty(), "{:?}", text.log);
    let edited = [&after.entries[0].guid, &after.entries[2].guid];
    let id_of = |guid: &str| note_with_guid(deck, guid).id;
    assert_eq!(
        sorted(&text.log.updated),
        sorted(&edited.map(|guid| id_of(guid)))
    );
    assert_eq!(text.log.duplicate.len(), 2, "{:?}", text.log);
    assert_eq!(guids(&text.notes), guids(&deck.notes));
    for (old, entry) in deck.notes.iter().map(|note| {
        let entry = after.entries.iter().find(|e| e.guid == note.guid);
        (note, entry.expect("every note is the export's"))
    }) {
        let new = note_with_guid(text, &old.guid);
        assert_eq!(new.id, old.id, "{}: same note", old.guid);
        assert_eq!(new.cards, old.cards, "{}: same cards", old.guid);
        assert_eq!(new.fields, expected_fields(entry), "{}", old.guid);
        assert_eq!((&new.tags, &new.decks), (&old.tags, &old.decks));
        assert_eq!(new.fields == old.fields, !edited.contains(&&old.guid));
    }
}

#[test]
fn alone_in_a_new_collection_the_csv_goes_to_basic_with_question_and_answer() {
    let export = sample();
    let anki = AnkiCollection::fresh();
    let (_, csv) = write_both(&anki, "export", &export);
    let import = anki.import_one(&csv);

    // `#notetype:prep card v1` names no note type here, so Anki ignores the line and takes the
    // collection's current note type, Basic in a new collection; by column order its Front and Back
    // get the Question and Answer columns, and Example, Source and Alternates are dropped.
    let mapping = mapping(&import);
    assert_eq!(mapping.notetype.as_deref(), Some("Basic"));
    assert_eq!(mapping.field_columns, [3, 4]);
    assert_eq!(
        (
            mapping.guid_column,
            mapping.deck_column,
            mapping.tags_column
        ),
        (1, 2, 8)
    );
    assert!(
        import.notetypes.iter().all(|nt| nt.name != Anki::NOTE_TYPE),
        "a CSV cannot create a note type"
    );

    assert_eq!(
        import.log.new.len(),
        export.entries.len(),
        "{:?}",
        import.log
    );
    assert_eq!(import.notes.len(), export.entries.len());
    for entry in &export.entries {
        let note = note_with_guid(&import, &entry.guid);
        let [question, answer, ..] = Anki::fields(entry, &export.media);
        assert_eq!(note.notetype, "Basic");
        let fields: Vec<(&str, &str)> = note
            .fields
            .iter()
            .map(|(name, html)| (name.as_str(), html.as_str()))
            .collect();
        assert_eq!(
            fields,
            [("Back", answer.as_str()), ("Front", question.as_str())]
        );
        assert_eq!(note.tags, entry.tags, "{}", entry.guid);
        assert_eq!(note.decks, [entry.deck.as_str()], "{}", entry.guid);
    }
    assert_decks_exist(&import, &export);
    let script = note_with_guid(&import, &export.entries[1].guid);
    assert!(
        script.fields["Front"].contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{:?}",
        script.fields
    );
    assert!(!script.fields["Back"].contains("<script"));
    assert!(!script.front.contains("<script"), "{}", script.front);
}

#[test]
fn a_deck_imported_after_its_csv_conflicts_with_every_note() {
    let export = sample();
    let anki = AnkiCollection::fresh();
    let (package, csv) = write_both(&anki, "export", &export);
    let imports = anki.import(&[&csv, &package]);
    let (text, deck) = (&imports[0], &imports[1]);

    // The deck's notes have the CSV's GUIDs but another note type: Anki's package importer logs each
    // as conflicting and keeps the Basic notes (`maybe_update_existing_note` in rslib's
    // `import_export/package/apkg/import/notes.rs`). Only deleting them lets the deck in.
    assert_eq!(deck.log.conflicting.len(), export.entries.len());
    assert!(deck.log.new.is_empty(), "{:?}", deck.log);
    assert!(deck.log.updated.is_empty(), "{:?}", deck.log);
    assert_eq!(deck.notes, text.notes);
    assert!(deck.notes.iter().all(|note| note.notetype == "Basic"));
}

#[test]
fn csv_rows_become_our_notes_with_escaped_markup_decks_and_tags() {
    let export = sample();
    // Our note type arrives with a package of the first card; the CSV brings the other three.
    let mut first = export.clone();
    first.entries.truncate(1);
    let anki = AnkiCollection::fresh();
    let (package, _) = write_both(&anki, "first", &first);
    let (_, csv) = write_both(&anki, "export", &export);
    let imports = anki.import(&[&package, &csv]);
    let import = &imports[1];

    assert_eq!(
        import.log.new.len(),
        export.entries.len() - 1,
        "{:?}",
        import.log
    );
    assert_eq!(import.log.duplicate.len(), 1, "{:?}", import.log);
    for entry in &export.entries {
        assert_imported_as(import, entry);
    }
    assert_decks_exist(import, &export);

    let script = note_with_guid(import, &export.entries[1].guid);
    for name in Anki::FIELD_NAMES {
        let html = script.fields[name].to_lowercase();
        assert!(!html.contains("<script"), "{name}: {html}");
        assert!(!html.contains("onerror"), "{name}: {html}");
    }
    let fields = &script.fields;
    assert!(fields["Question"].contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(fields["Answer"].contains("Anki runs &lt;script&gt; in fields &amp; templates."));
    // A raw `<img>` is an image built from its `src` alone.
    assert!(fields["Example"].contains(r#"<img src="x" alt=""> and a &lt; b &gt; c"#));
    // Anki renders the card from the stored fields: still no script.
    assert!(!script.back.to_lowercase().contains("<script"));
}
