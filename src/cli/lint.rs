//! `prep lint [PATH...]`: diagnostics for the cards' answers, in the format CI or a person wants.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::cli::settings::Flags;
use crate::cli::{Exit, Outcome, load_and_parse, parse_outcome};
use crate::lint::lint_with;
use crate::model::Severity;
use crate::report::lint::LintReport;
use crate::report::{self, Emitter};

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or directories to lint; directories are walked for .txt, .md and .markdown files.
    #[arg(value_name = "PATH", default_value = "source")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Full)]
    pub format: Format,

    /// Fail (exit 1) on findings of this level or above, instead of on errors only.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Severity>,

    /// Never fail because of findings (exit 0 unless the input or configuration is broken).
    #[arg(long)]
    pub exit_zero: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with the source line, a label under the span, and a help line.
    Full,
    /// One line per finding: `file:line:column: level[rule] message`.
    Concise,
    /// {"diagnostics": [...], "summary": {...}}.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
}

pub fn execute(args: &LintArgs, config: Option<&Path>, stdout: &mut dyn Write) -> Outcome {
    let flags = Flags {
        deny: args.deny,
        exit_zero: args.exit_zero,
        ..Flags::default()
    };
    let mut parsed = match load_and_parse(&args.paths, config, &flags) {
        Ok(parsed) => parsed,
        Err(outcome) => return outcome,
    };
    let settings = &parsed.settings;
    let cards: Vec<_> = parsed.run.cards().cloned().collect();
    // The same detection as `prep dedup` and `prep build`: the same clusters, near misses included.
    let duplicates = settings
        .lint
        .enables("duplicate-question")
        .then(|| settings.dedup.run(&cards, true));
    let diagnostics = lint_with(
        &cards,
        &settings.lint,
        settings.config_file(),
        duplicates.as_ref(),
    );
    if let Some(file) = &settings.config_file {
        // Unused suppressions point into lints.toml: renderers need its text too.
        parsed
            .run
            .texts
            .insert(file.path.clone(), file.text.as_str().into());
    }
    let emitter: &dyn Emitter<LintReport<'_>> = match args.format {
        Format::Full => &report::lint::Full,
        Format::Concise => &report::lint::Concise,
        Format::Json => &report::lint::Json,
        Format::Sarif => &report::lint::Sarif,
        Format::Github => &report::lint::Github,
    };
    let report = LintReport {
        diagnostics: &diagnostics,
        run: &parsed.run,
    };
    let written = emitter.emit(&report, stdout);
    let fails_on = parsed.settings.lint_fails_on;
    let mut outcome = parse_outcome(parsed.run, written);
    let failing = |level| diagnostics.iter().any(|d| d.level >= level);
    if outcome.exit == Exit::Ok && fails_on.is_some_and(failing) {
        outcome.exit = Exit::Content;
    }
    outcome
}
