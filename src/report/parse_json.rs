//! `prep parse --format json`: the stable contract `{"cards": [...], "skipped": [...]}`.

use std::io::Write;

use serde::Serialize;

use crate::model::{Card, Skipped};
use crate::source::ParseRun;

#[derive(Serialize)]
struct Output<'a> {
    cards: Vec<&'a Card>,
    skipped: Vec<&'a Skipped>,
}

pub fn write(out: &mut dyn Write, run: &ParseRun) -> std::io::Result<()> {
    let output = Output {
        cards: run.cards().collect(),
        skipped: run.skipped(),
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
