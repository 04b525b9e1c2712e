//! CSV: the cards as a spreadsheet table, or as the `.apkg`'s notes for Anki's File › Import.
//!
//! Owns both flavours' columns, Anki's import header lines, and the neutralising of cells that a
//! spreadsheet would run as formulas. Quoting is the csv crate's (RFC 4180). Does not render card
//! text: the spreadsheet gets the Markdown as written, and the Anki flavour takes its HTML from
//! [`note::fields`], so both Anki routes give the same notes.

use csv::{Terminator, WriterBuilder};

use crate::export::media::Media;
use crate::export::note::{self, NOTE_TYPE};
use crate::export::{Entry, Export, ExportError, Exporter, Output};

// The flavour is chosen in `[export]` and on the command line; named here too, where it is used.
pub use crate::config::CsvFlavor;

/// The CSV export, in one of two flavours.
///
/// The file is UTF-8 without a byte-order mark. LibreOffice, Google Sheets, Numbers and Anki read
/// UTF-8 as it is, while a BOM would end up inside the first cell for readers that do not expect one
/// (the `id` header, or the first of Anki's header lines). Excel guesses a legacy encoding for a file
/// opened by double-click; Data › From Text/CSV with UTF-8 reads it correctly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Csv {
    /// For a spreadsheet, or for Anki's File › Import.
    pub flavor: CsvFlavor,
}

impl Exporter for Csv {
    fn write(&self, export: &Export, out: &mut dyn Output) -> Result<(), ExportError> {
        match self.flavor {
            CsvFlavor::Spreadsheet => write_spreadsheet(export, out),
            CsvFlavor::Anki => write_anki(export, out),
        }
    }
}

impl Csv {
    /// The spreadsheet flavour's header row.
    pub const SPREADSHEET_COLUMNS: [&str; 7] = [
        "id", "question", "answer", "example", "tags", "source", "findings",
    ];
}

fn write_spreadsheet(export: &Export, out: &mut dyn Output) -> Result<(), ExportError> {
    // CRLF as RFC 4180 has it; line breaks inside quoted cells stay as the card text has them.
    let mut writer = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .from_writer(out);
    writer
        .write_record(Csv::SPREADSHEET_COLUMNS)
        .map_err(csv_error)?;
    for entry in &export.entries {
        writer
            .write_record(spreadsheet_row(entry).map(neutralize_formula))
            .map_err(csv_error)?;
    }
    writer.flush()?;
    Ok(())
}

/// One entry as spreadsheet cells, in the order of [`SPREADSHEET_COLUMNS`], before neutralising.
fn spreadsheet_row(entry: &Entry) -> [String; 7] {
    let card = &entry.card;
    let findings: Vec<String> = entry
        .findings
        .iter()
        .map(|finding| format!("{}: {}", finding.rule, finding.message))
        .collect();
    [
        card.id.0.clone(),
        card.question.clone(),
        card.answer.clone(),
        card.example.clone().unwrap_or_default(),
        entry.tags.join(" "),
        card.source.to_string(),
        findings.join("; "),
    ]
}

/// The first characters that make a spreadsheet read a cell as a formula: OWASP's "CSV Injection"
/// list (`=`, `+`, `-`, `@`, tab, carriage return) and the full-width forms of the first four
/// (U+FF1D, U+FF0B, U+FF0D, U+FF20), which some spreadsheets fold to ASCII before they look.
pub const FORMULA_STARTS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// Prefixes a single quote to a cell that a spreadsheet would otherwise run as a formula, as OWASP's
/// "CSV Injection" page recommends: one starting with one of [`FORMULA_STARTS`].
///
/// Card text is untrusted (pasted from the web), and a cell such as `=HYPERLINK(…)` or
/// `=cmd|' /C calc'!A0` runs when the file is opened. The cost is a visible `'` before answers
/// that open with a Markdown list (`- item`) or a negative number.
pub fn neutralize_formula(cell: String) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// Anki's import header: one `#key:value` line each, read by Anki 2.1.55 and later (the "File
/// Headers" table of the manual's Importing › Text Files page; parsed in rslib's
/// `import_export/text/csv/metadata.rs`). Values are taken verbatim up to the line end, so there is
/// no space after a colon.
///
/// The columns follow the order of Anki's own "Notes in Plain Text" export: GUID, deck, the note
/// type's fields, tags. There is no `#columns:` line: without one Anki maps the non-special columns
/// to the note type's fields in order, which is exact for `prep card v1` and, when that note type is
/// missing and Anki falls back to another such as Basic, still fills Front and Back with the question
/// and answer (mapping by name would leave Back empty).
fn anki_header() -> String {
    let tags_column = 3 + note::FIELD_NAMES.len();
    format!(
        "#separator:Comma\n\
         #html:true\n\
         #notetype:{NOTE_TYPE}\n\
         #guid column:1\n\
         #deck column:2\n\
         #tags column:{tags_column}\n"
    )
}

fn write_anki(export: &Export, out: &mut dyn Output) -> Result<(), ExportError> {
    out.write_all(anki_header().as_bytes())?;
    // Anki's reader treats a record that starts with `#` as a comment; the csv crate quotes any field
    // holding the comment character, so a GUID or question starting with `#` stays a note. LF line
    // ends, as Anki's own export writes.
    let mut writer = WriterBuilder::new().comment(Some(b'#')).from_writer(out);
    for entry in &export.entries {
        // No formula neutralising here: Anki is not a spreadsheet and imports fields verbatim as HTML,
        // so a leading `'` would show on the card (and break a field that starts with `-`, a list
        // answer's text or a negative number). The spreadsheet flavour is the one to open in Excel.
        writer
            .write_record(anki_row(entry, &export.media))
            .map_err(csv_error)?;
    }
    writer.flush()?;
    Ok(())
}

/// One entry as an Anki row: GUID, deck, the note's fields as HTML, tags.
fn anki_row(entry: &Entry, media: &Media) -> Vec<String> {
    let mut row = Vec::with_capacity(3 + note::FIELD_NAMES.len());
    row.push(entry.guid.clone());
    row.push(note::deck(entry).into_owned());
    row.extend(note::fields(entry, media));
    row.push(note::tags(entry).join(" "));
    row
}

/// I/O errors keep their kind; anything else the csv crate reports is a CSV error.
fn csv_error(err: csv::Error) -> ExportError {
    if !err.is_io_error() {
        return ExportError::Csv(err);
    }
    match err.into_kind() {
        csv::ErrorKind::Io(io) => ExportError::Io(io),
        // `is_io_error` said it was; keep the words rather than fail.
        other => ExportError::Io(std::io::Error::other(format!("{other:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_trigger_is_neutralised() {
        for cell in ["=SUM(A1)", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(
                neutralize_formula(cell.into()),
                format!("'{cell}"),
                "{cell:?}"
            );
        }
    }

    #[test]
    fn full_width_formula_triggers_are_neutralised_too() {
        // Some spreadsheets fold full-width forms to ASCII before they look for a formula.
        for cell in ["＝SUM(A1)", "＋1", "－1", "＠SUM(A1)"] {
            assert_eq!(
                neutralize_formula(cell.into()),
                format!("'{cell}"),
                "{cell:?}"
            );
        }
    }

    #[test]
    fn ordinary_cells_are_untouched() {
        for cell in [
            "",
            "What is 1 = 1?",
            "A list:\n- one",
            " =not first",
            "'quoted already",
            "#tag",
            "a,b \"c\"",
            "\nleading newline",
            "１＝１",
        ] {
            assert_eq!(neutralize_formula(cell.into()), cell, "{cell:?}");
        }
    }

    #[test]
    fn flavours_are_named_for_the_command_line() {
        use clap::ValueEnum;
        let names: Vec<String> = CsvFlavor::value_variants()
            .iter()
            .filter_map(|flavor| flavor.to_possible_value())
            .map(|value| value.get_name().to_owned())
            .collect();
        assert_eq!(names, ["spreadsheet", "anki"]);
        assert_eq!(CsvFlavor::default(), CsvFlavor::Spreadsheet);
    }

    #[test]
    fn the_anki_header_names_the_note_type_and_every_special_column() {
        assert_eq!(
            anki_header(),
            "#separator:Comma\n#html:true\n#notetype:prep card v1\n#guid column:1\n#deck column:2\n#tags column:8\n"
        );
    }
}
