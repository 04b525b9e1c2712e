//! `prep parse --format json`: the stable contract `{"cards": [...], "skipped": [...], "documents": [...]}`.

use std::io::Write;

use serde::Serialize;

use crate::model::{Card, Layout, ParsedDocument, Skipped};
use crate::source::ParseRun;

#[derive(Serialize)]
struct Output<'a> {
    cards: Vec<&'a Card>,
    skipped: Vec<&'a Skipped>,
    documents: Vec<Document<'a>>,
}

/// How one file was read: its title and deck, and where its questions were found.
#[derive(Serialize)]
struct Document<'a> {
    file: &'a str,
    title: Option<&'a str>,
    deck: Option<&'a str>,
    layout: Option<Layout>,
    explain: &'a [String],
}

impl<'a> From<&'a ParsedDocument> for Document<'a> {
    fn from(document: &'a ParsedDocument) -> Self {
        Document {
            file: &document.file,
            title: document.meta.title.as_deref(),
            deck: document.meta.deck.as_deref(),
            layout: document.layout,
            explain: &document.explain,
        }
    }
}

pub fn write(out: &mut dyn Write, run: &ParseRun) -> std::io::Result<()> {
    let output = Output {
        cards: run.cards().collect(),
        skipped: run.skipped(),
        documents: run.documents.iter().map(Document::from).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
