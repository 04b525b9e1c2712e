//! The CSV export: snapshots of both flavours over tricky cards, and both read back with the csv crate
//! (the spreadsheet's cells as written, Anki's rows as Anki's own reader settings see them).

use std::io::Cursor;

use crate::common::export::{card, entry, sample};
use prep::export::{Anki, Csv, CsvFlavor, Entry, Export, Exporter};
use proptest::prelude::*;

fn write(flavor: CsvFlavor, export: &Export) -> String {
    let mut out = Cursor::new(Vec::new());
    Csv { flavor }.write(export, &mut out).unwrap();
    String::from_utf8(out.into_inner()).unwrap()
}

/// Written out here rather than imported, so the test does not take the exporter's word for it.
const FORMULA_STARTS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// What the spreadsheet row of `entry` says, written out independently of the exporter.
fn spreadsheet_cells(entry: &Entry) -> Vec<String> {
    let card = &entry.card;
    let findings: Vec<String> = entry
        .findings
        .iter()
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    vec![
        card.id.0.clone(),
        card.question.clone(),
        card.answer.clone(),
        card.example.clone().unwrap_or_default(),
        entry.tags.join(" "),
        format!("{}:{}", card.source.file, card.source.line),
        findings.join("; "),
    ]
}

/// Reads the spreadsheet CSV back and checks every cell against its entry.
fn check_spreadsheet_reads_back(export: &Export) -> Result<(), TestCaseError> {
    let text = write(CsvFlavor::Spreadsheet, export);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    prop_assert_eq!(header, Csv::SPREADSHEET_COLUMNS.to_vec());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    prop_assert_eq!(rows.len(), export.entries.len());
    for (row, entry) in rows.iter().zip(&export.entries) {
        for (got, written) in row.iter().zip(spreadsheet_cells(entry)) {
            // Exactly as written, with a quote in front exactly when a spreadsheet would run it.
            let want = if written.starts_with(FORMULA_STARTS) {
                format!("'{written}")
            } else {
                written
            };
            prop_assert_eq!(got, want);
        }
    }
    Ok(())
}

/// The spreadsheet CSV with its CRLF record ends shown as `␍` (insta would hide them).
#[test]
fn spreadsheet_snapshot() {
    let text = write(CsvFlavor::Spreadsheet, &sample());
    insta::assert_snapshot!(text.replace('\r', "␍"));
}

#[test]
fn anki_snapshot() {
    insta::assert_snapshot!(write(CsvFlavor::Anki, &sample()));
}

#[test]
fn spreadsheet_reads_back_every_field() {
    check_spreadsheet_reads_back(&sample()).unwrap();
}

/// Read as Anki reads it: header lines up to the first that does not start with `#`, then records
/// with `#` as the comment character, no header row, rows of any length.
#[test]
fn anki_reads_back_every_note() {
    let export = sample();
    let text = write(CsvFlavor::Anki, &export);
    let body_at = text
        .split_inclusive('\n')
        .take_while(|line| line.starts_with('#'))
        .map(str::len)
        .sum::<usize>();
    let header = &text[..body_at];
    assert!(header.contains("#notetype:prep card v1\n"), "{header}");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(&text.as_bytes()[body_at..]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let expected: Vec<Vec<String>> = export
        .entries
        .iter()
        .map(|e| {
            let mut row = vec![e.guid.clone(), e.deck.clone()];
            row.extend(Anki::fields(e, &export.media));
            row.push(e.tags.join(" "));
            row
        })
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn output_is_a_function_of_the_export() {
    for flavor in [CsvFlavor::Spreadsheet, CsvFlavor::Anki] {
        assert_eq!(write(flavor, &sample()), write(flavor, &sample()));
    }
}

#[test]
fn an_empty_export_is_just_the_header() {
    let empty = Export {
        title: "Nothing".into(),
        entries: Vec::new(),
        modified: 0,
        media: Default::default(),
    };
    assert_eq!(
        write(CsvFlavor::Spreadsheet, &empty),
        "id,question,answer,example,tags,source,findings\r\n"
    );
    assert!(
        write(CsvFlavor::Anki, &empty)
            .lines()
            .all(|l| l.starts_with('#'))
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any text in any field (quotes, separators, CR, LF, formula starts, a leading `'`, non-ASCII)
    /// reads back as written, apart from the neutralising quote.
    #[test]
    fn spreadsheet_cells_read_back_exactly(
        question in prop_oneof![any::<String>(), "['=+@\t\r＝＋－＠-][=+@\t\r\n\",a＝-]{0,6}"],
        answer in any::<String>(),
        example in proptest::option::of(any::<String>()),
        file in "[-=+@a-z/ ,\"]{1,12}",
        tag in "[-=+@a-z]{1,8}",
    ) {
        let mut card = card("0123456789abcdef", &file, 1, &question, &answer);
        card.example = example;
        let mut entry = entry("g", "Deck", card);
        entry.tags = vec![tag];
        let export = Export {
            title: "T".into(),
            entries: vec![entry],
            modified: 0,
            media: Default::default(),
        };
        check_spreadsheet_reads_back(&export)?;
    }
}
