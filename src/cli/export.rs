//! `prep export anki|csv|md [PATH...] -o FILE`: one format of what `prep build` writes, without
//! the lint gate.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::cli::pipeline::prepare;
use crate::cli::progress::Progress;
use crate::cli::settings::{ExportFile, Flags};
use crate::cli::write::write_files;
use crate::cli::{Exit, Outcome, fatal, resolve_settings};
use crate::export::Exporter;
use crate::export::anki::Anki;
use crate::export::csv::{Csv, CsvFlavor};
use crate::export::markdown::Markdown;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format to write.
    #[arg(value_enum)]
    pub format: Format,

    /// Files or directories to read; directories are walked for .txt, .md and .markdown files.
    #[arg(value_name = "PATH", default_value = "source")]
    pub paths: Vec<PathBuf>,

    /// File to write [default: the format's file under [export] dir: out/deck.apkg, out/cards.csv,
    /// out/cards.md].
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Root deck name and document title [default: lints.toml [export] deck, or "Interview questions"].
    #[arg(long, value_name = "NAME")]
    pub deck: Option<String>,

    /// CSV flavour, for `csv` [default: lints.toml [export] csv-flavor, or spreadsheet].
    #[arg(long, value_enum, value_name = "FLAVOR")]
    pub csv_flavor: Option<CsvFlavor>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An Anki package (.apkg) that re-imports in place.
    Anki,
    /// CSV for spreadsheets, or for Anki's importer with --csv-flavor anki.
    Csv,
    /// A deduplicated Markdown study document.
    Md,
}

pub fn execute(args: &ExportArgs, config: Option<&Path>, stdout: &mut dyn Write) -> Outcome {
    let progress = Progress::new();
    let file = match args.format {
        Format::Anki => ExportFile::Anki,
        Format::Csv => ExportFile::Csv,
        Format::Md => ExportFile::Markdown,
    };
    let flags = Flags {
        output: args.output.clone().map(|path| (file, path)),
        deck: args.deck.clone(),
        csv_flavor: args.csv_flavor,
        ..Flags::default()
    };
    let settings = match resolve_settings(config, &flags) {
        Ok(settings) => settings,
        Err(outcome) => return outcome,
    };
    let path = settings.export.path(file).clone();
    let csv = Csv {
        flavor: settings.export.csv_flavor,
    };
    let targets = [path];
    let mut prepared = match prepare(&args.paths, settings, &targets) {
        Ok(prepared) => prepared,
        Err(outcome) => return *outcome,
    };
    let [path] = targets;
    // The formats that carry images, or point at their names in the deck.
    if args.format == Format::Anki || (args.format == Format::Csv && csv.flavor == CsvFlavor::Anki)
    {
        prepared.read_media();
    }
    let format: &dyn Exporter = match args.format {
        Format::Anki => &Anki,
        Format::Csv => &csv,
        Format::Md => &Markdown,
    };
    let entries = prepared.export.entries.len();
    let written = write_files(&prepared.export, &[(path, format)], &progress);
    progress.finish();
    let written = match written {
        Ok(written) => written,
        Err(report) => return fatal(report),
    };
    let reports = prepared.take_warnings(written.warnings);
    let result = written
        .files
        .iter()
        .try_for_each(|(path, _)| writeln!(stdout, "wrote {} ({entries} cards)", path.display()));
    match result {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            fatal(miette::miette!("cannot write output: {err}"))
        }
        _ => Outcome {
            exit: Exit::Ok,
            reports,
        },
    }
}
