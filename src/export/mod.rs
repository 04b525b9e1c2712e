//! Exporting the deduplicated, linted cards: an Anki deck, CSV and a Markdown study document.
//!
//! Owns the export model ([`Export`]: one [`Entry`] per card that survives deduplication, with its
//! stable identity, deck, tags and lint findings) and the [`Exporter`] trait. Each format is one file
//! (the Anki deck one folder) implementing it over the same data. None of them writes to the disk:
//! the caller hands them a writer (a temporary file that is renamed into place once the format has
//! written everything) and the path it will replace, which only the Anki deck reads.

pub(crate) mod anki;
pub(crate) mod assemble;
pub(crate) mod csv;
pub(crate) mod html;
pub(crate) mod markdown;
pub(crate) mod media;
pub(crate) mod note;

use std::io::{Seek, Write};
use std::path::Path;

use crate::model::{Alternate, Card, Severity};

pub use anki::Anki;
pub use assemble::{DEFAULT_DECK, assemble};
pub use csv::{Csv, CsvFlavor};
pub use markdown::Markdown;
pub use media::Media;

/// Everything one export writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    /// The root deck name and the study document's title.
    pub title: String,
    /// In source order of where their question is first asked (the cluster's first member).
    pub entries: Vec<Entry>,
    /// Seconds since the Unix epoch: the newest modification time of the sources, or
    /// `SOURCE_DATE_EPOCH`. Anki updates a note on re-import only when its time is newer than its
    /// copy's: an edited note gets this one (unchanged notes keep their time, see [`Anki`]).
    pub modified: i64,
    /// The local images the cards refer to, read for the formats that carry them (the Anki deck,
    /// and the Anki-flavour CSV, which points at the same names); empty for the others.
    pub media: Media,
}

/// One exported card: the card kept from its duplicate cluster and what was merged into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Stable note identity: derived from the normalised question of the cluster's first member in
    /// source order, so editing an answer (or which answer is kept) never changes it.
    pub guid: String,
    /// The card its cluster keeps.
    pub card: Card,
    /// The merged duplicates, in source order.
    pub alternates: Vec<Alternate>,
    /// Other phrasings of the question among the alternates.
    pub also_asked_as: Vec<String>,
    /// Full deck name, `::`-separated (`Interview questions::Backend`).
    pub deck: String,
    /// Anki tags: no white space in any of them, sorted, no repeats.
    pub tags: Vec<String>,
    /// Lint findings on the kept card.
    pub findings: Vec<ExportedFinding>,
}

/// A lint finding as exported: which rule, how severe, what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedFinding {
    /// The rule's id.
    pub rule: String,
    pub level: Severity,
    /// The problem, as the diagnostic names it.
    pub message: String,
}

/// A destination a format can write to and, for zip-based formats, seek in.
pub trait Output: Write + Seek {}
impl<T: Write + Seek> Output for T {}

/// One export format.
pub trait Exporter {
    /// Writes the whole export. On error the output is incomplete and must be discarded.
    fn write(&self, export: &Export, out: &mut dyn Output) -> Result<(), ExportError>;

    /// [`Exporter::write`], calling `card_done` after each card, for a progress bar. Formats that
    /// write every card in a moment need not report.
    fn write_reporting(
        &self,
        export: &Export,
        out: &mut dyn Output,
        card_done: &dyn Fn(),
    ) -> Result<(), ExportError> {
        let _ = card_done;
        self.write(export, out)
    }

    /// [`Exporter::write_reporting`] for a file that will replace the one at `target` (which may not
    /// exist). A format whose output depends on what it replaces reads it here: the Anki deck keeps
    /// the times of the notes it has unchanged. What it could not read is a warning, not an error.
    fn write_replacing(
        &self,
        export: &Export,
        target: &Path,
        out: &mut dyn Output,
        card_done: &dyn Fn(),
    ) -> Result<Vec<ExportWarning>, ExportError> {
        let _ = target;
        self.write_reporting(export, out, card_done)?;
        Ok(Vec::new())
    }
}

/// Something a format met while writing that did not stop it; shown after the output.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ExportWarning {
    /// The file the Anki deck replaces is not a deck `prep` can read: every note counts as updated.
    #[error("{path}: cannot read the previous deck: {reason}")]
    #[diagnostic(
        code(prep::export::previous_deck),
        severity(Warning),
        help("the new deck is complete, but Anki will count every note in it as updated")
    )]
    PreviousDeckUnreadable { path: String, reason: String },

    /// A card shows an image that could not be put in the deck.
    #[error("{card}: the image `{src}` is not in the deck: {reason}")]
    #[diagnostic(
        code(prep::export::image),
        severity(Warning),
        help(
            "the card keeps the reference as written, which Anki cannot show; a path is relative to the card's source file"
        )
    )]
    ImageNotPackaged {
        /// `file:line` of the card (or merged duplicate) the reference is written in.
        card: String,
        /// The `src` as written.
        src: String,
        reason: String,
    },
}

/// Why a format could not be written. Each keeps the error it comes from as its source.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output could not be written.
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    /// The Anki collection could not be built.
    #[error("cannot build the Anki package: SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The Anki package could not be zipped.
    #[error("cannot build the Anki package: zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// A note whose deck is not among the export's decks: a bug of ours, not of the input.
    #[error("cannot build the Anki package: no deck for note {guid}")]
    NoDeck { guid: String },
    /// The CSV could not be written.
    #[error("cannot write CSV: {0}")]
    Csv(#[source] ::csv::Error),
}
