//! The command line: clap definitions and dispatch, one file per subcommand.
//!
//! Owns mapping results to exit codes. Writes command output to the writer it is given and returns
//! diagnostics as reports; `main` is the only place that prints them or exits.

mod parse;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse source documents into cards.
    Parse(parse::ParseArgs),
}

pub fn run(cli: Cli, stdout: &mut dyn Write) -> Outcome {
    match cli.command {
        Command::Parse(args) => parse::execute(&args, cli.config.as_deref(), stdout),
    }
}

/// An outcome that is just one fatal diagnostic.
fn fatal(report: impl Into<miette::Report>) -> Outcome {
    Outcome {
        exit: Exit::Usage,
        reports: vec![report.into()],
    }
}
