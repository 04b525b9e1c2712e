//! The pipeline `prep build` and `prep export` share: parse → dedup → lint → export model. Writing
//! its files is [`crate::cli::write`]'s.

use std::path::PathBuf;
use std::time::UNIX_EPOCH;

use crate::cli::own_outputs::OwnOutputs;
use crate::cli::settings::Settings;
use crate::cli::{Input, Outcome, fatal, parse_outcome};
use crate::dedup::merge::Dedup;
use crate::export::assemble::assemble;
use crate::export::media::Media;
use crate::export::{Export, ExportWarning};
use crate::lint::{Diagnostic, lint_with};
use crate::source::{ParseRun, ProblemClass, parse_paths_except};

/// Everything an export needs, and what its summary reports.
pub(crate) struct Prepared {
    pub input: Input,
    pub cards_in: usize,
    pub dedup: Dedup,
    pub diagnostics: Vec<Diagnostic>,
    pub export: Export,
    /// Said when some outputs lie in a source directory and were left out of the inputs.
    pub own_outputs_note: Option<miette::Report>,
    /// The images [`Prepared::read_media`] could not put in the deck.
    pub media_warnings: Vec<ExportWarning>,
}

impl Prepared {
    /// Reads the local images the cards refer to into the export, for the formats that carry them
    /// (the Anki deck, and the Anki-flavour CSV that points at the same names).
    pub fn read_media(&mut self) {
        let (media, warnings) = Media::collect(&self.export);
        self.export.media = media;
        self.media_warnings = warnings;
    }

    /// The warnings to show after the output: which outputs were not read, the sources' (broken
    /// sources stop `prepare`, so only warnings remain), the images', then the exports'.
    pub fn take_warnings(&mut self, exports: Vec<ExportWarning>) -> Vec<miette::Report> {
        let problems = std::mem::take(&mut self.input.run.problems);
        let media = std::mem::take(&mut self.media_warnings);
        self.own_outputs_note
            .take()
            .into_iter()
            .chain(problems.into_iter().map(Into::into))
            .chain(media.into_iter().map(Into::into))
            .chain(exports.into_iter().map(Into::into))
            .collect()
    }
}

/// Runs the pipeline over `paths` with the run's `settings`, leaving out the `outputs` this run will
/// write when they lie in a source directory. Stops before exporting anything when an input could
/// not be read or decoded: a deck without that file's cards would silently lose them.
pub(crate) fn prepare(
    paths: &[PathBuf],
    settings: Settings,
    outputs: &[PathBuf],
) -> Result<Prepared, Box<Outcome>> {
    let own_outputs = OwnOutputs::new(paths, outputs);
    let run = parse_paths_except(paths, &settings.parse, |path| own_outputs.excludes(path));
    if run
        .problems
        .iter()
        .any(|p| p.class() != ProblemClass::Warning)
    {
        let mut outcome = parse_outcome(run, Ok(()));
        outcome.reports.push(miette::miette!(
            help = "fix or remove the files above; nothing was written",
            "not exporting: some sources could not be read"
        ));
        return Err(Box::new(outcome));
    }
    let cards: Vec<_> = run.cards().cloned().collect();
    // One detection: what the export merges is what `duplicate-question` reports. Its near misses
    // are only for the rule.
    let merged = settings
        .dedup
        .run(&cards, settings.lint.enables("duplicate-question"));
    let diagnostics = lint_with(
        &cards,
        &settings.lint,
        settings.config_file(),
        Some(&merged),
    );
    let modified = modified_time(&run).map_err(|report| Box::new(fatal(report)))?;
    let export = assemble(
        &settings.export.deck,
        &run.documents,
        &cards,
        &merged,
        &diagnostics,
        modified,
    );
    Ok(Prepared {
        cards_in: cards.len(),
        input: Input { settings, run },
        dedup: merged,
        diagnostics,
        export,
        own_outputs_note: own_outputs.note(),
        media_warnings: Vec::new(),
    })
}

/// The export's modification time: `SOURCE_DATE_EPOCH` when set (the reproducible-builds
/// convention), else the newest modification time of the sources. Anki updates a note on re-import
/// only when this is newer than its copy, so editing a source moves it forward, and unchanged
/// sources keep it.
fn modified_time(run: &ParseRun) -> Result<i64, miette::Report> {
    if let Ok(value) = std::env::var("SOURCE_DATE_EPOCH") {
        return value.trim().parse::<i64>().map_err(|_| {
            miette::miette!(
                help = "set it to whole seconds since 1970-01-01, or unset it",
                "SOURCE_DATE_EPOCH is `{value}`, not a number of seconds"
            )
        });
    }
    let mut newest = 0;
    for document in &run.documents {
        let seconds = std::fs::metadata(&document.file)
            .and_then(|m| m.modified())
            .map(|t| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()))
            .map_err(|err| {
                miette::miette!(
                    "{}: cannot read its modification time: {err}",
                    document.file
                )
            })?;
        newest = newest.max(i64::try_from(seconds).unwrap_or(i64::MAX));
    }
    Ok(newest)
}
