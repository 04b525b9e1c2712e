//! The command line: clap definitions and dispatch, one file per subcommand.
//!
//! Owns mapping results to exit codes. Writes command output to the writer it is given and returns
//! diagnostics as reports; `main` is the only place that prints them or exits.

mod build;
mod dedup;
mod explain;
mod export;
mod init;
mod lint;
mod own_outputs;
mod parse;
mod pipeline;
mod progress;
mod rules;
mod settings;
pub mod temp_files;
mod write;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::cli::settings::{Flags, Settings};

/// Exit codes, documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Everything went fine (warnings may have been printed).
    Ok = 0,
    /// The content has errors (e.g. a file that is not UTF-8); the rest was still processed.
    Content = 1,
    /// Usage, configuration or I/O error.
    Usage = 2,
}

/// What a command produced besides its output: diagnostics to show, and the exit code.
pub struct Outcome {
    pub exit: Exit,
    pub reports: Vec<miette::Report>,
}

#[derive(Debug, Parser)]
#[command(
    name = "prep",
    version,
    about = "Turn messy interview Q&A documents into clean study material"
)]
pub struct Cli {
    /// Configuration file [default: lints.toml in the working directory, if present].
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse, deduplicate and lint the sources, then write the Anki deck, CSV and Markdown.
    Build(build::BuildArgs),
    /// Write one export format (anki, csv or md).
    Export(export::ExportArgs),
    /// Parse source documents into cards.
    Parse(parse::ParseArgs),
    /// Find repeated questions and show how they merge.
    Dedup(dedup::DedupArgs),
    /// Lint answers for vague claims, unsupported metrics and poor flashcard form.
    Lint(lint::LintArgs),
    /// List the lint rules with their default levels.
    Rules,
    /// Print the documentation of a lint rule.
    Explain(explain::ExplainArgs),
    /// Write a commented lints.toml with every setting and its default.
    Init(init::InitArgs),
}

pub fn run(cli: Cli, stdout: &mut dyn Write) -> Outcome {
    match cli.command {
        Command::Build(args) => build::execute(&args, cli.config.as_deref(), stdout),
        Command::Export(args) => export::execute(&args, cli.config.as_deref(), stdout),
        Command::Parse(args) => parse::execute(&args, cli.config.as_deref(), stdout),
        Command::Dedup(args) => dedup::execute(&args, cli.config.as_deref(), stdout),
        Command::Lint(args) => lint::execute(&args, cli.config.as_deref(), stdout),
        Command::Rules => rules::execute(stdout),
        Command::Explain(args) => explain::execute(&args, stdout),
        Command::Init(args) => init::execute(&args, stdout),
    }
}

/// What a command that reads sources works on: the run's settings and the parsed sources.
struct Input {
    settings: Settings,
    run: crate::source::ParseRun,
}

/// Resolves the settings and parses `paths`: the first steps of every command that reads sources.
fn load_and_parse(
    paths: &[PathBuf],
    config: Option<&Path>,
    flags: &Flags,
) -> Result<Input, Outcome> {
    let settings = resolve_settings(config, flags)?;
    let run = crate::source::parse_paths_except(paths, &settings.parse, |_| false);
    Ok(Input { settings, run })
}

/// Loads `config`, or `lints.toml`, or the defaults, and resolves it with `flags`: once per run.
fn resolve_settings(config: Option<&Path>, flags: &Flags) -> Result<Settings, Outcome> {
    let loaded = crate::config::load(config).map_err(|err| fatal(*err))?;
    Settings::resolve(&loaded, flags).map_err(|err| fatal(*err))
}

/// The outcome of a command that parsed sources: their problems as reports, and the exit code they
/// call for (I/O problems 2, content errors 1, warnings 0).
fn parse_outcome(run: crate::source::ParseRun, written: std::io::Result<()>) -> Outcome {
    use crate::source::ProblemClass;
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

/// An outcome that is just one fatal diagnostic.
fn fatal(report: impl Into<miette::Report>) -> Outcome {
    Outcome {
        exit: Exit::Usage,
        reports: vec![report.into()],
    }
}
