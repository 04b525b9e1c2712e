//! `prep dedup [PATH...]`: which questions repeat, how they merge, and why.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::cli::settings::Flags;
use crate::cli::{Outcome, load_and_parse, parse_outcome};
use crate::dedup::merge::Keep;
use crate::report::Emitter;
use crate::report::dedup::{self, DedupReport};

#[derive(Debug, Args)]
pub struct DedupArgs {
    /// Files or directories to read; directories are walked for .txt, .md and .markdown files.
    #[arg(value_name = "PATH", default_value = "source")]
    pub paths: Vec<PathBuf>,

    /// Similarity from 0 to 1 at which questions merge [default: lints.toml [dedup] threshold, or 0.65].
    #[arg(long, value_name = "X", value_parser = parse_threshold)]
    pub threshold: Option<f64>,

    /// Which card of a cluster to keep [default: lints.toml [dedup] keep, or most-complete].
    #[arg(long, value_enum)]
    pub keep: Option<KeepArg>,

    /// List pairs scoring up to this far under the threshold as "related, not merged"; 0 lists none
    /// (faster on very large inputs).
    #[arg(long, value_name = "X", value_parser = parse_threshold, default_value_t = crate::dedup::RELATED_MARGIN)]
    pub related_margin: f64,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeepArg {
    First,
    LongestAnswer,
    MostComplete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Clusters with their reasons, near misses and a summary.
    Text,
    /// {"clusters": [...], "related": [...], "cards_in": N, "cards_out": N}.
    Json,
}

fn parse_threshold(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("`{text}` is not a number from 0 to 1")),
    }
}

pub fn execute(args: &DedupArgs, config: Option<&Path>, stdout: &mut dyn Write) -> Outcome {
    let flags = Flags {
        threshold: args.threshold,
        keep: args.keep.map(|keep| match keep {
            KeepArg::First => Keep::First,
            KeepArg::LongestAnswer => Keep::LongestAnswer,
            KeepArg::MostComplete => Keep::MostComplete,
        }),
        related_margin: Some(args.related_margin),
        ..Flags::default()
    };
    let parsed = match load_and_parse(&args.paths, config, &flags) {
        Ok(parsed) => parsed,
        Err(outcome) => return outcome,
    };
    let cards: Vec<_> = parsed.run.cards().cloned().collect();
    let result = parsed.settings.dedup.run(&cards, true);
    let emitter: &dyn Emitter<DedupReport<'_>> = match args.format {
        Format::Text => &dedup::Text,
        Format::Json => &dedup::Json,
    };
    let report = DedupReport {
        cards: &cards,
        dedup: &result,
    };
    let written = emitter.emit(&report, stdout);
    parse_outcome(parsed.run, written)
}
