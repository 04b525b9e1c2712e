//! `prep parse [PATH...]`: source documents → cards, as a summary, JSON or Markdown.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::cli::settings::Flags;
use crate::cli::{Outcome, load_and_parse, parse_outcome};
use crate::report::Emitter;
use crate::report::parse::{self, ParseReport};

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Files or directories to parse; directories are walked for .txt, .md and .markdown files.
    #[arg(value_name = "PATH", default_value = "source")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Summary)]
    pub format: Format,

    /// List every block that was left out of the cards, with its lines and the reason.
    #[arg(long)]
    pub show_skipped: bool,

    /// Say, per file, which structures were read as questions and why.
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per file and a total.
    Summary,
    /// The stable JSON contract: {"cards": [...], "skipped": [...]}.
    Json,
    /// The cards as a Markdown document.
    Md,
}

pub fn execute(args: &ParseArgs, config: Option<&Path>, stdout: &mut dyn Write) -> Outcome {
    let parsed = match load_and_parse(&args.paths, config, &Flags::default()) {
        Ok(parsed) => parsed,
        Err(outcome) => return outcome,
    };
    let run = parsed.run;
    let summary = parse::Summary(parse::summary::Detail {
        skipped: args.show_skipped,
        explain: args.explain,
    });
    let emitter: &dyn Emitter<ParseReport<'_>> = match args.format {
        Format::Summary => &summary,
        Format::Json => &parse::Json,
        Format::Md => &parse::Markdown,
    };
    let written = emitter.emit(&ParseReport { run: &run }, stdout);
    parse_outcome(run, written)
}
