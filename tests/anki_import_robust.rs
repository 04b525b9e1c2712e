//! Real Anki imports decks `prep` builds from pages that once gave decks it refused: control
//! characters in the text (U+001F is the separator of a note's fields) and `SOURCE_DATE_EPOCH=0`.
//! The harness is tests/common/anki.rs.

mod common;

use std::fs;
use std::path::Path;

use common::anki::{AnkiCollection, Import, our_notetype};
use prep::export::note::FIELD_NAMES;
use tempfile::TempDir;

/// Every control character Anki cannot take or the page would not show, once each.
const CONTROLS: &str = "\u{1}\u{7}\u{8}\u{b}\u{c}\u{1b}\u{1e}\u{1f}\u{7f}\u{85}\u{9f}";

/// `prep build` of `page` (as `source/NAME`) at `epoch`; the deck imported into a new collection.
fn build_and_import(name: &str, page: &str, epoch: &str) -> Import {
    let dir = TempDir::new().expect("temporary directory");
    fs::create_dir(dir.path().join("source")).expect("source/");
    fs::write(dir.path().join("source").join(name), page).expect("page written");
    let output = assert_cmd::Command::cargo_bin("prep")
        .expect("binary built")
        .current_dir(dir.path())
        .args(["build", "--allow-lint-errors"])
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .expect("prep runs");
    assert!(
        output.status.success(),
        "prep build failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    import(&dir.path().join("out/deck.apkg"))
}

fn import(deck: &Path) -> Import {
    let anki = AnkiCollection::fresh();
    let copy = anki.dir().join("deck.apkg");
    fs::copy(deck, &copy).expect("deck copied");
    anki.import_one(&copy)
}

#[test]
fn control_characters_in_a_page_leave_its_cards_and_anki_takes_the_deck() {
    // In the file name too, so in the deck name, a tag and the Source field.
    let name = "pasted\u{1f}notes.md";
    let page = format!(
        "---\ntags: [pasted]\n---\n\n\
         ## What is a field{CONTROLS} separator?\n\n\
         A character{CONTROLS} that splits one record into fields.\n\n\
         > Seen in a dump{CONTROLS}.\n\n\
         ## Why are control characters invisible?\n\n\
         They{CONTROLS} are not meant to be shown.\n"
    );
    let import = build_and_import(name, &page, "1700000000");
    assert_eq!(import.log.new.len(), 2, "{:?}", import.log);
    assert_eq!(import.notes.len(), 2);
    our_notetype(&import);
    let removed = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    for note in &import.notes {
        assert_eq!(note.fields.len(), FIELD_NAMES.len());
        for (name, html) in &note.fields {
            assert!(!html.contains(removed), "{name}: {html:?}");
        }
        for text in note.tags.iter().chain(&note.decks) {
            assert!(!text.contains(removed), "{text:?}");
        }
    }
    let separator = import
        .notes
        .iter()
        .find(|note| note.fields["Question"].contains("field"))
        .expect("the first question");
    // The white-space controls (U+000B, U+000C, U+0085) are spaces to the parser already.
    let words: Vec<&str> = separator.fields["Question"].split_whitespace().collect();
    assert_eq!(words.join(" "), "What is a field separator?");
    assert!(separator.fields["Answer"].contains("A character that splits"));
    assert_eq!(separator.decks, ["Interview questions::pastednotes"]);
    assert_eq!(separator.fields["Source"], "source/pastednotes.md:5");
}

#[test]
fn a_deck_built_with_source_date_epoch_zero_imports() {
    let page = "## What is the epoch?\n\n1970-01-01 00:00 UTC.\n\n\
                ## Why set SOURCE_DATE_EPOCH?\n\nReproducible builds.\n";
    let import = build_and_import("epoch.md", page, "0");
    assert_eq!(import.log.new.len(), 2, "{:?}", import.log);
    assert!(import.log.missing_notetype.is_empty(), "{:?}", import.log);
    assert_eq!(import.notes.len(), 2);
    assert!(
        import
            .notes
            .iter()
            .all(|note| note.notetype == our_notetype(&import).name)
    );
    assert!(import.notes.iter().all(|note| note.id > 0));
}
