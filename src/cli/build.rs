//! `prep build [PATH...]`: sources → parse → dedup → lint → `out/deck.apkg`, `out/cards.csv`,
//! `out/cards.md`, then a summary, and the lint gate.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::cli::pipeline::{Prepared, prepare};
use crate::cli::progress::Progress;
use crate::cli::settings::Flags;
use crate::cli::write::write_files;
use crate::cli::{Exit, Outcome, fatal, resolve_settings};
use crate::config::FailOn;
use crate::export::Exporter;
use crate::export::anki::Anki;
use crate::export::csv::{Csv, CsvFlavor};
use crate::export::markdown::Markdown;
use crate::model::Severity;
use crate::report::Emitter;
use crate::report::lint::{Concise, LintReport};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Files or directories to read; directories are walked for .txt, .md and .markdown files.
    #[arg(value_name = "PATH", default_value = "source")]
    pub paths: Vec<PathBuf>,

    /// Directory to write into [default: lints.toml [export] dir, or out].
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Root deck name and document title [default: lints.toml [export] deck, or "Interview questions"].
    #[arg(long, value_name = "NAME")]
    pub deck: Option<String>,

    /// CSV flavour [default: lints.toml [export] csv-flavor, or spreadsheet].
    #[arg(long, value_enum, value_name = "FLAVOR")]
    pub csv_flavor: Option<CsvFlavor>,

    /// Lowest lint level that fails the build (exit 1, files still written) [default: lints.toml
    /// [build] fail-on, or error].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,

    /// Do not fail because of lint findings.
    #[arg(long)]
    pub allow_lint_errors: bool,
}

pub fn execute(args: &BuildArgs, config: Option<&Path>, stdout: &mut dyn Write) -> Outcome {
    let progress = Progress::new();
    let flags = Flags {
        out_dir: args.out_dir.clone(),
        deck: args.deck.clone(),
        csv_flavor: args.csv_flavor,
        fail_on: args.fail_on,
        allow_lint_errors: args.allow_lint_errors,
        ..Flags::default()
    };
    let settings = match resolve_settings(config, &flags) {
        Ok(settings) => settings,
        Err(outcome) => return outcome,
    };
    let export = &settings.export;
    let targets = [
        export.anki.clone(),
        export.csv.clone(),
        export.markdown.clone(),
    ];
    let csv = Csv {
        flavor: export.csv_flavor,
    };
    let gate = settings.build_fails_on;
    let mut prepared = match prepare(&args.paths, settings, &targets) {
        Ok(prepared) => prepared,
        Err(outcome) => return *outcome,
    };
    // The deck carries the images (and an Anki-flavour CSV points at their names).
    prepared.read_media();
    let [anki, csv_file, markdown] = targets;
    let files: [(PathBuf, &dyn Exporter); 3] =
        [(anki, &Anki), (csv_file, &csv), (markdown, &Markdown)];
    let written = match write_files(&prepared.export, &files, &progress) {
        Ok(written) => written,
        Err(report) => return fatal(report),
    };
    progress.finish();
    let mut exit = Exit::Ok;
    let mut reports = prepared.take_warnings(written.warnings);
    let result = summary(stdout, &prepared, &written.files).and_then(|()| {
        let Some(level) = gate else { return Ok(()) };
        let failing: Vec<_> = prepared
            .diagnostics
            .iter()
            .filter(|d| d.level >= level)
            .cloned()
            .collect();
        if failing.is_empty() {
            return Ok(());
        }
        exit = Exit::Content;
        reports.push(miette::miette!(
            help = "fix them (`prep lint` shows each with its help), or pass --allow-lint-errors",
            "{} lint finding(s) at {} level or above; the files were written",
            failing.len(),
            level.as_str()
        ));
        writeln!(stdout)?;
        let report = LintReport {
            diagnostics: &failing,
            run: &prepared.input.run,
        };
        Concise.emit(&report, stdout)
    });
    if let Err(err) = result
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        return fatal(miette::miette!("cannot write output: {err}"));
    }
    Outcome { exit, reports }
}

/// Cards parsed, merged and exported; lint findings by level; files written with their sizes.
fn summary(
    out: &mut dyn Write,
    prepared: &Prepared,
    written: &[(PathBuf, u64)],
) -> std::io::Result<()> {
    let documents = prepared.input.run.documents.len();
    let exported = prepared.export.entries.len();
    let merged_away = prepared.cards_in - exported;
    let clusters = prepared.dedup.merges.len();
    let count = |level| crate::lint::count_at(&prepared.diagnostics, level);
    writeln!(
        out,
        "parsed    {} cards from {documents} file(s)",
        prepared.cards_in
    )?;
    writeln!(
        out,
        "merged    {merged_away} repeated question(s) into {clusters} card(s)"
    )?;
    writeln!(out, "exported  {exported} cards")?;
    writeln!(
        out,
        "lint      {} error(s), {} warning(s), {} info",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )?;
    let media = &prepared.export.media;
    if let Some(line) = images_line(media.stored(), media.remote(), media.unpackaged()) {
        writeln!(out, "images    {line}")?;
    }
    for (i, (path, size)) in written.iter().enumerate() {
        let label = if i == 0 { "wrote" } else { "" };
        writeln!(out, "{label:9} {} ({})", path.display(), human_size(*size))?;
    }
    Ok(())
}

/// What became of the cards' images, when they have any: how many files the deck carries, how many
/// web addresses were left as links, how many references could not be packaged (each a warning).
fn images_line(stored: usize, remote: usize, unpackaged: usize) -> Option<String> {
    let mut parts = Vec::new();
    if stored > 0 {
        parts.push(format!("{stored} stored in the deck"));
    }
    if remote > 0 {
        parts.push(format!("{remote} remote left as links"));
    }
    if unpackaged > 0 {
        parts.push(format!(
            "{unpackaged} not found or not packaged (see the warnings)"
        ));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Bytes as B, KiB or MiB with one decimal.
fn human_size(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_images_line_says_only_what_happened() {
        assert_eq!(images_line(0, 0, 0), None);
        assert_eq!(
            images_line(2, 3, 1).as_deref(),
            Some(
                "2 stored in the deck, 3 remote left as links, 1 not found or not packaged (see the warnings)"
            )
        );
        assert_eq!(
            images_line(0, 1, 0).as_deref(),
            Some("1 remote left as links")
        );
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(3 * 1_048_576), "3.0 MiB");
    }
}
