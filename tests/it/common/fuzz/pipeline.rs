//! One input through everything `prep` does with it, in-process: decode and parse, the position
//! and every-line-accounted-for invariants, dedup, lint with the default rules, every report
//! (`parse`, `dedup`, `lint` in each format) and every export (Anki package, both CSV flavours,
//! Markdown), with what each output must satisfy. Panics are the caller's to catch.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use prep::export::{Anki, Csv, CsvFlavor, Export, Exporter, Markdown, assemble};
use prep::model::Card;
use prep::report::dedup::DedupReport;
use prep::report::lint::LintReport;
use prep::report::parse::ParseReport;
use prep::report::{self, Emitter};
use prep::{Analyzer, DEFAULT_THRESHOLD, Dedup, Keep, RELATED_MARGIN};
use prep::{Diagnostic, ParseContext, ParseRun, SourceKind};
use prep::{dedup, default_levels, lint_with_duplicates, parse_bytes};
use rusqlite::{Connection, MAIN_DB};

use super::super::coverage::lines_not_accounted_for;

/// Every output's size may be at most this many bytes per input byte, plus [`FIXED_ALLOWANCE`].
/// Generous (the largest ratio seen over the fixtures is about 15, in the Anki collection): it is
/// there to catch output that grows with the square of the input, not to measure.
pub const BYTES_OUT_PER_BYTE_IN: usize = 200;

/// What an output may take whatever the input: the Anki collection's schema and note type, a
/// report's header, the study document's table of contents.
pub const FIXED_ALLOWANCE: usize = 256 * 1024;

/// Each output of one input and its size in bytes.
pub type Sizes = Vec<(&'static str, usize)>;

/// Runs `bytes`, read as `name` of `kind`, through the pipeline. `Err` says which check failed.
pub fn run(
    name: &str,
    kind: SourceKind,
    bytes: &[u8],
    ctx: &ParseContext,
) -> Result<Sizes, String> {
    let run = ParseRun::from_bytes(name, kind, bytes.to_vec(), ctx);
    // Bytes that do not decode give no document, and the problem that says why.
    let Some(document) = run.documents.first() else {
        let message = run
            .problems
            .first()
            .map(ToString::to_string)
            .ok_or("neither a document nor a problem")?;
        ensure(message.contains(name), || {
            format!("the decoding error does not name the file: {message}")
        })?;
        // `parse_bytes` must agree: what it refuses, it refuses the same way.
        ensure(
            parse_bytes(name, kind, bytes.to_vec(), ctx).is_err(),
            || "parse_bytes parsed what ParseRun::from_bytes refused".to_owned(),
        )?;
        return Ok(Vec::new());
    };
    // Positions are bytes of the original file; when it was UTF-8 they must slice it.
    if let Ok(original) = std::str::from_utf8(bytes) {
        check_positions(original, &document.cards)?;
        let lost = lines_not_accounted_for(original, document);
        ensure(lost.is_empty(), || {
            format!(
                "{} non-blank line(s) neither in a card nor skipped:\n{}",
                lost.len(),
                lost.join("\n")
            )
        })?;
    }
    let cards: Vec<Card> = run.cards().cloned().collect();
    let duplicates = dedup(
        &cards,
        &Analyzer::default(),
        DEFAULT_THRESHOLD,
        Keep::default(),
        RELATED_MARGIN,
    );
    let diagnostics = lint_with_duplicates(&cards, &default_levels(), &duplicates);
    let mut sizes = reports(&run, &cards, &duplicates, &diagnostics)?;
    let export = assemble(
        "Fuzz",
        &run.documents,
        &cards,
        &duplicates,
        &diagnostics,
        1_700_000_000,
    );
    sizes.extend(exports(&export)?);
    let limit = BYTES_OUT_PER_BYTE_IN * bytes.len() + FIXED_ALLOWANCE;
    for &(output, size) in &sizes {
        ensure(size <= limit, || {
            format!(
                "{output} is {size} bytes from {} input bytes, over the bound of {limit}",
                bytes.len()
            )
        })?;
    }
    Ok(sizes)
}

fn ensure(ok: bool, message: impl FnOnce() -> String) -> Result<(), String> {
    if ok { Ok(()) } else { Err(message()) }
}

/// Every card's span lies inside the file on character boundaries, its lines are those of its
/// first and last bytes, and its question and answer are text.
fn check_positions(text: &str, cards: &[Card]) -> Result<(), String> {
    for card in cards {
        let source = &card.source;
        let end = source.offset + source.length;
        ensure(end <= text.len(), || {
            format!("span {source:?} runs past the file")
        })?;
        ensure(
            text.is_char_boundary(source.offset) && text.is_char_boundary(end),
            || format!("span {source:?} cuts a character"),
        )?;
        ensure(source.line >= 1 && source.line <= source.end_line, || {
            format!("lines of {source:?} are out of order")
        })?;
    }
    Ok(())
}

/// Every report format over the run; the JSON ones must parse as JSON.
fn reports(
    run: &ParseRun,
    cards: &[Card],
    duplicates: &Dedup,
    diagnostics: &[Diagnostic],
) -> Result<Sizes, String> {
    let parse = ParseReport { run };
    let dedup = DedupReport {
        cards,
        dedup: duplicates,
    };
    let lint = LintReport { diagnostics, run };
    let detail = report::parse::Detail {
        skipped: true,
        explain: true,
    };
    let outputs: [(&'static str, bool, Vec<u8>); 10] = [
        ("parse json", true, emitted(&report::parse::Json, &parse)),
        ("parse md", false, emitted(&report::parse::Markdown, &parse)),
        (
            "parse summary",
            false,
            emitted(&report::parse::Summary(detail), &parse),
        ),
        ("dedup json", true, emitted(&report::dedup::Json, &dedup)),
        ("dedup text", false, emitted(&report::dedup::Text, &dedup)),
        ("lint json", true, emitted(&report::lint::Json, &lint)),
        ("lint sarif", true, emitted(&report::lint::Sarif, &lint)),
        ("lint full", false, emitted(&report::lint::Full, &lint)),
        (
            "lint concise",
            false,
            emitted(&report::lint::Concise, &lint),
        ),
        ("lint github", false, emitted(&report::lint::Github, &lint)),
    ];
    let mut sizes = Vec::new();
    for (name, json, bytes) in outputs {
        if json {
            serde_json::from_slice::<serde_json::Value>(&bytes)
                .map_err(|err| format!("{name} is not valid JSON: {err}"))?;
        }
        std::str::from_utf8(&bytes).map_err(|err| format!("{name} is not UTF-8: {err}"))?;
        sizes.push((name, bytes.len()));
    }
    Ok(sizes)
}

fn emitted<R>(format: &dyn Emitter<R>, report: &R) -> Vec<u8> {
    let mut out = Vec::new();
    format
        .emit(report, &mut out)
        .unwrap_or_else(|err| panic!("writing to memory failed: {err}"));
    out
}

fn exported(export: &Export, format: &dyn Exporter, name: &str) -> Result<Vec<u8>, String> {
    let mut out = Cursor::new(Vec::new());
    format
        .write(export, &mut out)
        .map_err(|err| format!("{name} export failed: {err}"))?;
    Ok(out.into_inner())
}

/// Every export, each checked to be importable.
fn exports(export: &Export) -> Result<Sizes, String> {
    let apkg = exported(export, &Anki, "anki")?;
    check_package(&apkg, export.entries.len())?;
    let spreadsheet = exported(
        export,
        &Csv {
            flavor: CsvFlavor::Spreadsheet,
        },
        "csv",
    )?;
    check_csv(&spreadsheet, false, export.entries.len())?;
    let anki_csv = exported(
        export,
        &Csv {
            flavor: CsvFlavor::Anki,
        },
        "anki csv",
    )?;
    check_csv(&anki_csv, true, export.entries.len())?;
    let markdown = exported(export, &Markdown, "markdown")?;
    let study = String::from_utf8(markdown)
        .map_err(|err| format!("the Markdown export is not UTF-8: {err}"))?;
    // The study document is a source `prep` reads back: it must parse (the caller catches panics).
    let _ = parse_bytes(
        "cards.md",
        SourceKind::Markdown,
        study.clone().into_bytes(),
        &ParseContext::default(),
    );
    Ok(vec![
        ("anki package", apkg.len()),
        ("csv", spreadsheet.len()),
        ("anki csv", anki_csv.len()),
        ("markdown", study.len()),
    ])
}

/// The package opens as Anki opens it, holds one note per entry, and each note has five UTF-8
/// fields without a stray U+001F (Anki refuses a note with a field too many) or other control
/// characters, and tags and deck names without control characters.
fn check_package(apkg: &[u8], entries: usize) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(apkg))
        .map_err(|err| format!("the .apkg is not a zip: {err}"))?;
    let mut collection = Vec::new();
    archive
        .by_name("collection.anki2")
        .map_err(|err| format!("the .apkg has no collection: {err}"))?
        .read_to_end(&mut collection)
        .map_err(|err| format!("the .apkg's collection does not inflate: {err}"))?;
    let mut db = Connection::open_in_memory().map_err(|err| err.to_string())?;
    let length = collection.len();
    db.deserialize_read_exact(MAIN_DB, Cursor::new(collection), length, true)
        .map_err(|err| format!("the collection is not SQLite: {err}"))?;
    let sql = |err: rusqlite::Error| format!("reading the collection: {err}");
    let mut notes = db.prepare("SELECT flds, tags FROM notes").map_err(sql)?;
    let rows = notes
        .query_map([], |row| {
            Ok((
                row.get_ref(0)?.as_bytes()?.to_vec(),
                row.get_ref(1)?.as_bytes()?.to_vec(),
            ))
        })
        .map_err(sql)?;
    let mut count = 0;
    for row in rows {
        let (fields, tags) = row.map_err(sql)?;
        count += 1;
        let fields = String::from_utf8(fields)
            .map_err(|err| format!("a note's fields are not UTF-8: {err}"))?;
        let tags =
            String::from_utf8(tags).map_err(|err| format!("a note's tags are not UTF-8: {err}"))?;
        let split: Vec<&str> = fields.split('\u{1f}').collect();
        ensure(split.len() == 5, || {
            format!("a note has {} fields, expected 5: {fields:?}", split.len())
        })?;
        for field in split.iter().chain([&tags.as_str()]) {
            ensure(!field.contains(forbidden), || {
                format!("a note's field or tags hold a control character: {field:?}")
            })?;
        }
    }
    ensure(count == entries, || {
        format!("the package holds {count} notes for {entries} cards")
    })?;
    let decks: String = db
        .query_row("SELECT decks FROM col", [], |row| row.get(0))
        .map_err(sql)?;
    let decks: BTreeMap<String, serde_json::Value> = serde_json::from_str(&decks)
        .map_err(|err| format!("the collection's decks are not JSON: {err}"))?;
    for deck in decks.values() {
        let name = deck["name"].as_str().unwrap_or_default();
        ensure(!name.is_empty() && !name.contains(forbidden), || {
            format!("a deck is named {name:?}")
        })?;
    }
    Ok(())
}

/// Control characters Anki cannot take in a note: all but tab and line breaks.
fn forbidden(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The CSV reads back as RFC 4180 with one row per entry and the same number of cells in each;
/// the Anki flavour's cells hold no control characters Anki would choke on.
fn check_csv(bytes: &[u8], anki: bool, entries: usize) -> Result<(), String> {
    let what = if anki { "the Anki CSV" } else { "the CSV" };
    let text = std::str::from_utf8(bytes).map_err(|err| format!("{what} is not UTF-8: {err}"))?;
    // Anki's header lines start with `#`; the data rows start with a GUID.
    let body: String = if anki {
        text.split_inclusive('\n')
            .skip_while(|l| l.starts_with('#'))
            .collect()
    } else {
        text.to_owned()
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(!anki)
        .from_reader(body.as_bytes());
    let mut rows = 0;
    for record in reader.records() {
        let record = record.map_err(|err| format!("{what} does not read back: {err}"))?;
        rows += 1;
        if anki {
            for cell in &record {
                ensure(!cell.contains(forbidden), || {
                    format!("{what} holds a control character in {cell:?}")
                })?;
            }
        }
    }
    ensure(rows == entries, || {
        format!("{what} has {rows} rows for {entries} cards")
    })
}
