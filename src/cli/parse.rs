//! `prep parse [PATH...]`: source documents → cards, as a summary, JSON or Markdown.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::cli::{Exit, Outcome, fatal};
use crate::report;
use crate::source::{ParseContext, ProblemClass, parse_paths};

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
    let loaded = match crate::config::load(config) {
        Ok(loaded) => loaded,
        Err(err) => return fatal(*err),
    };
    let ctx = match ParseContext::new(&loaded.config.parse) {
        Ok(ctx) => ctx,
        Err(bad) => return fatal(*loaded.bad_pattern(bad.span, bad.message)),
    };
    let run = parse_paths(&args.paths, &ctx);
    let written = match args.format {
        Format::Summary => report::parse_summary::write(stdout, &run, args.show_skipped),
        Format::Json => report::parse_json::write(stdout, &run),
        Format::Md => report::parse_markdown::write(stdout, &run),
    };
    let mut exit = match run.problems.iter().map(|p| p.class()).max() {
        Some(ProblemClass::Io) => Exit::Usage,
        Some(ProblemClass::Content) => Exit::Content,
        Some(ProblemClass::Warning) | None => Exit::Ok,
    };
    let mut reports: Vec<miette::Report> = run.problems.into_iter().map(Into::into).collect();
    if let Err(err) = written {
        // A closed pipe (`prep parse | head`) is not an error worth reporting.
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            reports.push(miette::miette!("cannot write output: {err}"));
            exit = Exit::Usage;
        }
    }
    Outcome { exit, reports }
}
