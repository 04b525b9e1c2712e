//! The Markdown study document: a snapshot over tricky cards, and `prep parse` reading it back to
//! the same questions, answers and examples. (The property test is in parse_properties/study_document.rs.)

use std::io::Cursor;

use crate::common::export::sample;
use prep::export::{Export, Exporter, Markdown};
use prep::{ParseContext, SourceKind, parse_bytes};

fn write(export: &Export) -> String {
    let mut out = Cursor::new(Vec::new());
    Markdown.write(export, &mut out).unwrap();
    String::from_utf8(out.into_inner()).unwrap()
}

type Fields = (String, String, Option<String>);

#[test]
fn snapshot() {
    insta::assert_snapshot!(write(&sample()));
}

/// The sample's decks do not interleave, so document order is source order.
#[test]
fn the_sample_reads_back_to_its_cards() {
    let export = sample();
    let document = write(&export);
    let parsed = parse_bytes(
        "cards.md",
        SourceKind::Markdown,
        document.clone().into_bytes(),
        &ParseContext::default(),
    )
    .unwrap();
    let got: Vec<Fields> = parsed
        .cards
        .into_iter()
        .map(|c| (c.question, c.answer, c.example))
        .collect();
    let want: Vec<Fields> = export
        .entries
        .iter()
        .map(|e| {
            (
                e.card.question.clone(),
                e.card.answer.clone(),
                e.card.example.clone(),
            )
        })
        .collect();
    assert_eq!(got, want, "{document}");
    assert_eq!(parsed.meta.title.as_deref(), Some("Interview questions"));
}

#[test]
fn output_is_a_function_of_the_export() {
    assert_eq!(write(&sample()), write(&sample()));
}

#[test]
fn an_empty_export_is_just_the_title() {
    let empty = Export {
        title: "Nothing yet".into(),
        entries: Vec::new(),
        modified: 0,
        media: Default::default(),
    };
    assert_eq!(write(&empty), "# Nothing yet\n");
}
