//! The Anki note of an exported card: the note type's name and fields, and each field's HTML.
//!
//! Shared by the `.apkg` and the Anki-flavour CSV so that both give Anki the same notes. The name
//! and field list are part of the deck's identity: Anki reports every existing note as conflicting
//! when a note type changes under the same id, so a deliberate change gets a new name (and so a new
//! id), e.g. "prep card v2".

use crate::export::Entry;
use crate::export::html::{block, escape, inline};

/// The note type's name; its id derives from it.
pub const NOTE_TYPE: &str = "prep card v1";

/// The note type's fields, in order.
pub const FIELD_NAMES: [&str; 5] = ["Question", "Answer", "Example", "Source", "Alternates"];

/// One note's fields as HTML, in the order of [`FIELD_NAMES`].
pub fn fields(entry: &Entry) -> [String; 5] {
    let card = &entry.card;
    [
        inline(&card.question),
        block(&card.answer),
        card.example.as_deref().map(block).unwrap_or_default(),
        escape(&format!("{}:{}", card.source.file, card.source.line)),
        alternates(entry),
    ]
}

/// The merged duplicates: each one's question (when worded differently), answer, example and source.
fn alternates(entry: &Entry) -> String {
    let mut html = String::new();
    for alternate in &entry.alternates {
        html.push_str("<div class=\"alternate\">");
        if entry.also_asked_as.contains(&alternate.question) {
            html.push_str("<p class=\"asked\">");
            html.push_str(&inline(&alternate.question));
            html.push_str("</p>");
        }
        html.push_str(&block(&alternate.answer));
        if let Some(example) = &alternate.example {
            html.push_str("<blockquote>");
            html.push_str(&block(example));
            html.push_str("</blockquote>");
        }
        html.push_str("<p class=\"source\">");
        html.push_str(&escape(&format!(
            "{}:{}",
            alternate.source.file, alternate.source.line
        )));
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
            fields(&entry),
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
