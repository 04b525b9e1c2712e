//! Our note type, `prep card v1`, as the collection's `models` JSON: its fields, its one card
//! template, the styling, and the ids of the note type and of decks.
//!
//! Anki matches an incoming note type with its copy by id, then compares field and template names
//! (`update_or_duplicate_notetype` in rslib's apkg importer): a field or template renamed, added or
//! removed makes it add a second note type and report every existing note as conflicting, unless the
//! user asks it to merge note types. So the names, templates, CSS and ids here are exactly those of
//! the decks genanki-rs wrote for earlier releases, and existing collections update in place. Anki
//! takes new template text and CSS from a package whose note type is newer than its copy
//! ([`modified`]).

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::export::note::{FIELD_NAMES, NOTE_TYPE};

/// The one card template's name.
const TEMPLATE: &str = "Question to answer";

/// When the templates or CSS last changed (2026-11-23, seconds since the epoch). Bump it with any
/// change to them: Anki replaces its copy of the note type only with a newer one, and a user who
/// rebuilds unchanged sources with a new release must still get the new templates.
const TEMPLATES_CHANGED: i64 = 1_795_438_959;

/// The card's front: the question alone.
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

/// The note type's id: derived from its name, as every earlier release did.
pub fn id() -> i64 {
    stable_id(NOTE_TYPE)
}

/// The note type's modification time in a package whose sources date from `export_modified`: never
/// older than [`TEMPLATES_CHANGED`], so that new templates reach collections whatever the sources'
/// time (`SOURCE_DATE_EPOCH=0` included), and newer with newer sources, as before.
pub fn modified(export_modified: i64) -> i64 {
    export_modified.max(TEMPLATES_CHANGED)
}

/// The note type as schema 11 stores it in `col.models` (as genanki writes it: fonts, LaTeX
/// preamble, and the requirement that the Question field is not empty for the card to exist).
/// `deck` is the deck Anki offers when adding a note of this type.
pub fn json(modified: i64, deck: i64) -> Value {
    let fields: Vec<Value> = FIELD_NAMES
        .iter()
        .enumerate()
        .map(|(ord, name)| {
            json!({
                "font": "Liberation Sans",
                "media": [],
                "name": name,
                "ord": ord,
                "rtl": false,
                "size": 20,
                "sticky": false,
            })
        })
        .collect();
    json!({
        "css": CSS,
        "did": deck,
        "flds": fields,
        "id": id().to_string(),
        "latexPost": "\\end{document}",
        "latexPre": LATEX_PRE,
        "mod": modified,
        "name": NOTE_TYPE,
        "req": [[0, "all", [0]]],
        "sortf": 0,
        "tags": [],
        "tmpls": [{
            "afmt": BACK,
            "bafmt": "",
            "bqfmt": "",
            "did": null,
            "name": TEMPLATE,
            "ord": 0,
            "qfmt": FRONT,
        }],
        "type": 0,
        "usn": -1,
        "vers": [],
    })
}

/// The LaTeX preamble earlier releases wrote (genanki's); Anki uses it only for `[latex]` in fields.
const LATEX_PRE: &str = "\n\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n\n";

/// An id for a note type or deck that depends on its name alone: 52 bits of the name's SHA-256, with
/// bit 52 set. That keeps it positive, exact in JavaScript (Anki's screens are web pages) and above
/// the millisecond timestamps Anki gives the note types and decks it creates, so it never takes theirs.
pub fn stable_id(name: &str) -> i64 {
    let digest = Sha256::digest(name.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    let id = (u64::from_be_bytes(first) >> 12) | (1 << 52);
    // At most 2^53 - 1, so the conversion is exact.
    id as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_derive_from_names_and_stay_in_range() {
        assert_eq!(id(), 5_696_566_838_178_135, "the id every release has used");
        assert_ne!(stable_id("Deck::A"), stable_id("Deck::B"));
        for name in [NOTE_TYPE, "", "Interview questions::Backend"] {
            let id = stable_id(name);
            assert!((1 << 52..1 << 53).contains(&id), "{name}: {id}");
        }
    }

    #[test]
    fn the_note_type_is_never_older_than_its_templates() {
        assert_eq!(modified(0), TEMPLATES_CHANGED);
        assert_eq!(modified(TEMPLATES_CHANGED + 5), TEMPLATES_CHANGED + 5);
    }

    #[test]
    fn the_json_names_our_fields_and_template() {
        let json = json(7, 42);
        assert_eq!(json["name"], NOTE_TYPE);
        assert_eq!(json["id"], id().to_string());
        let names: Vec<&str> = json["flds"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|field| field["name"].as_str())
            .collect();
        assert_eq!(names, FIELD_NAMES);
        assert_eq!(json["tmpls"][0]["name"], TEMPLATE);
        assert_eq!(json["tmpls"][0]["qfmt"], FRONT);
        assert_eq!(json["did"], 42);
    }
}
