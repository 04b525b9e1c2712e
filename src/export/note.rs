//! The Anki note of an exported card: the note type's name and fields, and each field's HTML.
//!
//! Shared by the `.apkg` and the Anki-flavour CSV so that both give Anki the same notes. The name
//! and field list are part of the deck's identity: Anki reports every existing note as conflicting
//! when a note type changes under the same id, so a deliberate change gets a new name (and so a new
//! id), e.g. "prep card v2".
//!
//! Also owns what Anki cannot take in a note's text: control characters (see [`printable`]).

use std::borrow::Cow;

use crate::export::Entry;
use crate::export::html::{block, escape, inline};
use crate::export::media::Media;

/// The note type's name; its id derives from it.
pub const NOTE_TYPE: &str = "prep card v1";

/// The note type's fields, in order.
pub const FIELD_NAMES: [&str; 5] = ["Question", "Answer", "Example", "Source", "Alternates"];

/// One note's fields as HTML, in the order of [`FIELD_NAMES`], without control characters. Images
/// packaged in `media` point at their names in the deck; others keep their `src` as written.
pub fn fields(entry: &Entry, media: &Media) -> [String; 5] {
    let card = &entry.card;
    let images = |src: &str| media.stored_name(&card.source.file, src);
    [
        inline(&card.question, &images),
        block(&card.answer, &images),
        card.example
            .as_deref()
            .map(|example| block(example, &images))
            .unwrap_or_default(),
        escape(&card.source.to_string()),
        alternates(entry, media),
    ]
    .map(|field| match printable(&field) {
        Cow::Borrowed(_) => field,
        Cow::Owned(clean) => clean,
    })
}

/// The note's deck name without control characters.
pub fn deck(entry: &Entry) -> Cow<'_, str> {
    printable(&entry.deck)
}

/// The note's tags without control characters, as Anki would store them: it splits tags on white
/// space (which [`Entry::tags`] has none of), and a tag left empty is no tag.
pub fn tags(entry: &Entry) -> Vec<String> {
    let mut tags = Vec::with_capacity(entry.tags.len());
    for tag in &entry.tags {
        tags.extend(printable(tag).split_whitespace().map(str::to_owned));
    }
    tags
}

/// `text` with its control characters removed, except tab, line feed and carriage return.
///
/// Why: Anki joins a note's fields with U+001F and splits them again on it, so one U+001F inside a
/// field gives a note with a field too many, and Anki refuses the whole deck ("note has 6 fields,
/// expected 5"); it also separates deck names' levels with it. The other control characters are
/// invisible in HTML and turn up only as debris of copy and paste, so they are removed, not replaced
/// by a visible mark: the card reads as the page did in a browser.
pub fn printable(text: &str) -> Cow<'_, str> {
    let removed = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if text.contains(removed) {
        Cow::Owned(text.chars().filter(|&c| !removed(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// The merged duplicates: each one's question (when worded differently), answer, example and source.
/// Their images are looked up from their own source files.
fn alternates(entry: &Entry, media: &Media) -> String {
    let mut html = String::new();
    for alternate in &entry.alternates {
        let images = |src: &str| media.stored_name(&alternate.source.file, src);
        html.push_str("<div class=\"alternate\">");
        if entry.also_asked_as.contains(&alternate.question) {
            html.push_str("<p class=\"asked\">");
            html.push_str(&inline(&alternate.question, &images));
            html.push_str("</p>");
        }
        html.push_str(&block(&alternate.answer, &images));
        if let Some(example) = &alternate.example {
            html.push_str("<blockquote>");
            html.push_str(&block(example, &images));
            html.push_str("</blockquote>");
        }
        html.push_str("<p class=\"source\">");
        html.push_str(&escape(&alternate.source.to_string()));
        html.push_str("</p></div>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::card;
    use crate::model::Alternate;

    #[test]
    fn control_characters_leave_the_fields_decks_and_tags() {
        let mut entry = Entry {
            guid: "g".into(),
            card: card(
                "What is \u{1f}this\u{7}?",
                "Line one\r\n\tand\u{0}two\u{85}.",
            ),
            alternates: Vec::new(),
            also_asked_as: Vec::new(),
            deck: "Root::\u{1f}Sub".into(),
            tags: vec!["a\u{1b}b".into(), "\u{1f}".into()],
            findings: Vec::new(),
        };
        let [question, answer, ..] = fields(&entry, &Media::default());
        assert_eq!(question, "What is this?");
        assert_eq!(answer, "<p>Line one\nandtwo.</p>");
        assert_eq!(deck(&entry), "Root::Sub");
        assert_eq!(tags(&entry), ["ab"]);
        entry.deck = "Plain".into();
        assert!(matches!(deck(&entry), Cow::Borrowed(_)));
    }

    #[test]
    fn fields_are_html_with_alternates_and_sources() {
        let mut kept = card("What is `Vec<T>`?", "A growable array.");
        kept.example = Some("Used <script> in a demo.".into());
        let other = card("Explain Vec<T>", "A heap buffer & length.");
        let entry = Entry {
            guid: "g".into(),
            card: kept,
            alternates: vec![Alternate {
                id: other.id.clone(),
                question: other.question.clone(),
                answer: other.answer.clone(),
                example: None,
                source: other.source.clone(),
            }],
            also_asked_as: vec!["Explain Vec<T>".into()],
            deck: "Deck".into(),
            tags: Vec::new(),
            findings: Vec::new(),
        };
        assert_eq!(
            fields(&entry, &Media::default()),
            [
                "What is <code>Vec&lt;T&gt;</code>?".to_owned(),
                "<p>A growable array.</p>".to_owned(),
                "<p>Used &lt;script&gt; in a demo.</p>".to_owned(),
                "t.md:1".to_owned(),
                "<div class=\"alternate\"><p class=\"asked\">Explain Vec&lt;T&gt;</p><p>A heap buffer &amp; length.</p><p class=\"source\">t.md:1</p></div>".to_owned(),
            ]
        );
    }
}
