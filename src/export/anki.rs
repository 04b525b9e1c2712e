//! The Anki deck: one `.apkg` holding a note of our note type per exported card, each in its deck.
//!
//! Owns the note type's card templates and styling, the ids of the note type and the decks, and the
//! mapping of an [`Export`] onto genanki-rs. Not the fields' HTML: that is [`note::fields`], shared
//! with the Anki-flavoured CSV so that both give Anki the same notes.
//!
//! Re-importing a newer export must update notes in place, never duplicate them or report conflicts.
//! So everything Anki matches on is stable: the note GUID is the entry's, the note type and deck ids
//! derive from their names, the templates and CSS are constants, and a note's modification time
//! (which Anki compares with its copy) is the export's `modified`, or its own from `note_modified`
//! (set by `anki_package`, which rewrites the package genanki-rs writes).
//!
//! Unlike the other formats this one touches the disk: genanki-rs builds the collection in a
//! temporary SQLite file (in the system's temporary directory) before zipping it, and re-stamping
//! unpacks it into another.

use std::collections::HashMap;

use genanki_rs::{Deck, Field, Model, Note, Package, Template};
use sha2::{Digest, Sha256};

use crate::export::anki_package::restamp;
use crate::export::note::{self, FIELD_NAMES, NOTE_TYPE};
use crate::export::{Entry, Export, ExportError, Exporter, Output};

/// The `.apkg` format.
pub struct Anki;

impl Exporter for Anki {
    fn default_file_name(&self) -> &'static str {
        "deck.apkg"
    }

    fn write(&self, export: &Export, out: &mut dyn Output) -> Result<(), ExportError> {
        self.write_reporting(export, out, &|| {})
    }

    /// Reports each note as it is built: building notes is most of the time (about a millisecond
    /// each, spent in genanki-rs).
    fn write_reporting(
        &self,
        export: &Export,
        out: &mut dyn Output,
        card_done: &dyn Fn(),
    ) -> Result<(), ExportError> {
        let note_type = note_type();
        let decks = decks(export, &note_type, card_done)?;
        let mut package = Package::new(decks, Vec::new()).map_err(anki_error)?;
        // genanki-rs derives the notes' and cards' `mod` and ids from this timestamp: the same input
        // gives the same notes, and a newer source makes Anki update its copies. Then notes that
        // keep an earlier time get it, and the bytes are made reproducible.
        let mut written = std::io::Cursor::new(Vec::new());
        package
            .write_timestamp(&mut written, export.modified as f64)
            .map_err(anki_error)?;
        let package = restamp(
            &written.into_inner(),
            &export.note_modified,
            export.modified,
        )?;
        out.write_all(&package)?;
        Ok(())
    }
}

/// The card's front: the question alone. genanki-rs renders it for every note to find which fields
/// a card needs, so it stays this small.
const FRONT: &str = r#"<div class="question">{{Question}}</div>"#;

/// The card's back: the question, then the answer, the example and the merged duplicates when there
/// are any, and where the card came from.
const BACK: &str = r#"{{FrontSide}}

<hr id=answer>

<div class="answer">{{Answer}}</div>
{{#Example}}
<blockquote class="example">{{Example}}</blockquote>
{{/Example}}
{{#Alternates}}
<section class="alternates">
<h4>Other answers</h4>
{{Alternates}}
</section>
{{/Alternates}}
<div class="source"><small>{{Source}}</small></div>"#;

/// Styling for desktop and phones, light and dark. Colours are variables so that night mode (the
/// `nightMode` class on desktop, `night_mode` on AnkiDroid and older versions) swaps them in one place.
const CSS: &str = r#":root {
  --text: #1f2328;
  --muted: #59636e;
  --background: #ffffff;
  --rule: #d1d9e0;
  --code-background: #f3f4f6;
  --quote-bar: #8c959f;
}
.nightMode, .night_mode {
  --text: #e6e6e6;
  --muted: #a0a7b0;
  --background: #1e1e1e;
  --rule: #3d444d;
  --code-background: #2b2f36;
  --quote-bar: #6e7781;
}
.card {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.5;
  text-align: left;
  color: var(--text);
  background-color: var(--background);
  max-width: 40em;
  margin: 0 auto;
  padding: 0 16px;
  overflow-wrap: break-word;
}
.question {
  font-weight: 600;
}
hr#answer {
  border: none;
  border-top: 1px solid var(--rule);
  margin: 1em 0;
}
pre {
  overflow-x: auto;
  padding: 0.6em 0.8em;
  border-radius: 6px;
  background-color: var(--code-background);
}
code {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 0.88em;
}
:not(pre) > code {
  padding: 0.1em 0.3em;
  border-radius: 4px;
  background-color: var(--code-background);
}
blockquote {
  margin: 1em 0;
  padding: 0 0 0 1em;
  border-left: 4px solid var(--quote-bar);
  color: var(--muted);
}
img {
  max-width: 100%;
  height: auto;
}
table {
  display: block;
  overflow-x: auto;
  border-collapse: collapse;
}
td, th {
  border: 1px solid var(--rule);
  padding: 0.2em 0.5em;
}
.alternates {
  margin-top: 1.5em;
  border-top: 1px dashed var(--rule);
}
.alternates h4 {
  margin: 0.8em 0 0.4em;
  color: var(--muted);
}
.alternate {
  margin-bottom: 1em;
}
.alternate .asked {
  font-style: italic;
}
.source {
  margin-top: 1em;
  color: var(--muted);
}
.alternate .source {
  font-size: 0.8em;
}
@media (max-width: 480px) {
  .card {
    font-size: 18px;
    padding: 0 8px;
  }
}
"#;

/// Our note type, built once per export: every note gets a copy.
///
/// Anki matches an incoming note type with its copy by id, then compares field and template names
/// (`update_or_duplicate_notetype` in rslib's apkg importer): a field or template renamed, added or
/// removed makes it add a second note type and report every existing note as conflicting, unless
/// the user asks it to merge note types. Anki takes new template text and CSS from a newer package,
/// but they are constants all the same: the note type is then the same in every export.
fn note_type() -> Model {
    let fields = FIELD_NAMES.iter().map(|name| Field::new(name)).collect();
    let card = Template::new("Question to answer").qfmt(FRONT).afmt(BACK);
    Model::new(stable_id(NOTE_TYPE), NOTE_TYPE, fields, vec![card]).css(CSS)
}

/// One deck per distinct name, in order of first appearance, each holding its entries' notes.
fn decks(
    export: &Export,
    note_type: &Model,
    card_done: &dyn Fn(),
) -> Result<Vec<Deck>, ExportError> {
    let mut decks: Vec<Deck> = Vec::new();
    let mut position: HashMap<&str, usize> = HashMap::new();
    for entry in &export.entries {
        let index = *position.entry(entry.deck.as_str()).or_insert_with(|| {
            decks.push(Deck::new(stable_id(&entry.deck), &entry.deck, ""));
            decks.len() - 1
        });
        decks[index].add_note(anki_note(entry, note_type)?);
        card_done();
    }
    Ok(decks)
}

/// The entry's note: our fields, its tags and its GUID (not genanki's hash of the fields, which would
/// make an edited answer a new note).
fn anki_note(entry: &Entry, note_type: &Model) -> Result<Note, ExportError> {
    let fields = note::fields(entry);
    let tags = entry.tags.iter().map(String::as_str).collect();
    Note::new_with_options(
        note_type.clone(),
        fields.iter().map(String::as_str).collect(),
        None,
        Some(tags),
        Some(&entry.guid),
    )
    .map_err(anki_error)
}

/// An id for a note type or deck that depends on its name alone: 52 bits of the name's SHA-256, with
/// bit 52 set. That keeps it positive, exact in JavaScript (Anki's screens are web pages) and above
/// the millisecond timestamps Anki gives the note types and decks it creates, so it never takes theirs.
fn stable_id(name: &str) -> i64 {
    let digest = Sha256::digest(name.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    let id = (u64::from_be_bytes(first) >> 12) | (1 << 52);
    // At most 2^53 - 1, so the conversion is exact.
    id as i64
}

fn anki_error(error: genanki_rs::Error) -> ExportError {
    ExportError::Anki(error.to_string())
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;
    use std::sync::LazyLock;

    use regex::Regex;

    use super::*;
    use crate::lint::rules::test_support::card;
    use crate::model::Alternate;

    fn entry(guid: &str, question: &str, answer: &str, deck: &str) -> Entry {
        Entry {
            guid: guid.into(),
            card: card(question, answer),
            alternates: Vec::new(),
            also_asked_as: Vec::new(),
            deck: deck.into(),
            tags: vec!["prep".into()],
            findings: Vec::new(),
        }
    }

    /// What follows the `<` of a tag genanki-rs accepts: its pattern's look-ahead
    /// `/?[a-z0-9]+(?: .*|/?)>`, anchored, as the `regex` crate has no look-around.
    static ACCEPTED_TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^/?[a-z0-9]+(?: .*|/?)>").unwrap());

    /// Whether genanki-rs would print its "invalid html tags" warning for `field`. Its pattern
    /// `<(?!/?[a-z0-9]+(?: .*|/?)>)(?:.|\n)*?>` matches at a `<` that does not open an accepted tag
    /// when a `>` comes anywhere after it, line breaks included.
    fn genanki_warns(field: &str) -> bool {
        field.match_indices('<').any(|(at, _)| {
            let rest = &field[at + 1..];
            !ACCEPTED_TAG.is_match(rest) && rest.contains('>')
        })
    }

    #[test]
    fn the_warning_check_matches_genanki() {
        for accepted in [
            "<h1>",
            " <h1> ",
            "<h1>t</h1>",
            "<br>",
            "<br/>",
            "<br />",
            "a < b",
        ] {
            assert!(!genanki_warns(accepted), "{accepted}");
        }
        for warned in [
            "<IMG>",
            "a < b > c",
            "<!-- x -->",
            "<a\nhref=x>",
            "<>",
            "</>",
        ] {
            assert!(genanki_warns(warned), "{warned}");
        }
    }

    #[test]
    fn fields_of_hostile_text_never_make_genanki_print() {
        let hostile = [
            "<script>alert(1)</script>",
            "What is Vec<T>?",
            "Is a < b > c?",
            "<!-- x -->",
            "<IMG>",
            "<IMG SRC=x onerror=alert(1)>",
            "`Vec<T>` and `a < b > c`",
            "```\n<script>\n</script>\n```",
            "- <b>\n- </b>",
            // Once gave a tag over two lines (the title): html.rs now keeps attributes on one line.
            "[x](https://example.com \"two\nlines\")",
            "![two\nlines](https://example.com/a.png)",
            "[x](https://example.com \"a < b > c\")",
            "<details>\n<summary>Q</summary>\nA\n</details>",
        ];
        for text in hostile {
            let mut hostile_entry = entry("g", text, text, "Deck");
            hostile_entry.card.example = Some(text.into());
            hostile_entry.alternates.push(Alternate {
                id: hostile_entry.card.id.clone(),
                question: text.into(),
                answer: text.into(),
                example: Some(text.into()),
                source: hostile_entry.card.source.clone(),
            });
            hostile_entry.also_asked_as.push(text.into());
            for field in note::fields(&hostile_entry) {
                assert!(!genanki_warns(&field), "{text:?} gave {field:?}");
            }
        }
    }

    #[test]
    fn ids_derive_from_names_and_stay_in_range() {
        assert_eq!(stable_id(NOTE_TYPE), stable_id(NOTE_TYPE));
        assert_ne!(stable_id("Deck::A"), stable_id("Deck::B"));
        for name in [NOTE_TYPE, "", "Interview questions::Backend"] {
            let id = stable_id(name);
            assert!((1 << 52..1 << 53).contains(&id), "{name}: {id}");
        }
    }

    #[test]
    fn writes_a_zip_and_maps_bad_tags_to_an_anki_error() {
        let mut export = Export {
            title: "Deck".into(),
            entries: vec![
                entry("a", "Q1?", "A1.", "Deck"),
                entry("b", "Q2?", "A2.", "Deck::Sub"),
            ],
            modified: 1_700_000_000,
            note_modified: Default::default(),
        };
        let mut out = Cursor::new(Vec::new());
        Anki.write(&export, &mut out).unwrap();
        assert!(out.get_ref().starts_with(b"PK\x03\x04"));

        export.entries[0].tags = vec!["two words".into()];
        let error = Anki.write(&export, &mut Cursor::new(Vec::new()));
        assert!(matches!(error, Err(ExportError::Anki(_))), "{error:?}");
    }
}
