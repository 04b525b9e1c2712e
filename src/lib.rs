//! `prep` turns folders of messy interview question-and-answer documents into clean study material.
//!
//! Data flows one way, each step a function over data; only the edges touch the disk:
//!
//! ```text
//! files ─parse─▶ cards ─dedup─▶ clusters ─lint─▶ findings ─export/report─▶ out/, stdout
//! ```
//!
//! The library's public API is that pipeline and nothing else:
//!
//! - **parse**: [`parse_paths`] reads files and directories, [`parse_bytes`] one file's bytes, with a
//!   [`ParseContext`]; the result is a [`ParseRun`] of [`ParsedDocument`](model::ParsedDocument)s
//!   holding [`Card`](model::Card)s, and the [`InputProblem`]s met on the way.
//! - **dedup**: [`dedup()`] finds the questions asked more than once, with an [`Analyzer`], a
//!   threshold and a [`Keep`] policy ([`DedupSettings`] holds them), and gives a [`Dedup`]: its
//!   merges, near misses and the deduplicated cards.
//! - **lint**: [`lint()`] and [`lint_with_duplicates`] give [`Diagnostic`]s for the rule [`Levels`]
//!   asked ([`default_levels`]); [`lint_rules`] lists the built-in rules.
//! - **export**: [`export::assemble`] turns the cards, merges and findings into an
//!   [`Export`](export::Export), which each format ([`export::Anki`], [`export::Csv`],
//!   [`export::Markdown`]) writes through the [`Exporter`](export::Exporter) trait.
//! - **report**: the outputs of `prep parse`, `prep dedup` and `prep lint`, each an
//!   [`Emitter`](report::Emitter) of its command's report.
//! - [`model`]: the data the steps take and return.
//!
//! Every other module is private. Reading `lints.toml` is the command line's job: [`Cli`] and
//! [`run`] are the `prep` binary, and the library takes its settings as values.
//!
//! # Example
//!
//! A Markdown page into cards:
//!
//! ```
//! use prep::{ParseContext, SourceKind, parse_bytes};
//!
//! let page = "# Caching\n\n## What is a cache stampede?\n\nMany requests miss the same key at once.\n";
//! let document = parse_bytes(
//!     "caching.md",
//!     SourceKind::Markdown,
//!     page.as_bytes().to_vec(),
//!     &ParseContext::default(),
//! )?;
//! let card = &document.cards[0];
//! assert_eq!(card.question, "What is a cache stampede?");
//! assert_eq!(card.answer, "Many requests miss the same key at once.");
//! assert_eq!(document.meta.title.as_deref(), Some("Caching"));
//! assert_eq!((card.source.file.as_str(), card.source.line), ("caching.md", 3));
//! # Ok::<(), prep::InputProblem>(())
//! ```
//!
//! The same question asked twice merges, and the lint rules read the answers:
//!
//! ```
//! use prep::{DedupSettings, ParseContext, SourceKind};
//! use prep::{default_levels, lint_with_duplicates, parse_bytes};
//!
//! let page = "Q: How do you prevent a cache stampede?\nA: Lock the rebuild.\n\n\
//!             Q: How would you prevent cache stampedes?\nA: It was a huge success.\n";
//! let document = parse_bytes(
//!     "notes.txt",
//!     SourceKind::PlainText,
//!     page.as_bytes().to_vec(),
//!     &ParseContext::default(),
//! )?;
//! let cards = &document.cards;
//! let found = DedupSettings::default().run(cards, true);
//! let deduplicated = found.cards(cards);
//! assert_eq!(deduplicated.len(), 1);
//! assert_eq!(deduplicated[0].alternates.len(), 1);
//!
//! let diagnostics = lint_with_duplicates(cards, &default_levels(), &found);
//! assert!(diagnostics.iter().any(|d| d.rule == "vague-claim"));
//! # Ok::<(), prep::InputProblem>(())
//! ```

#![warn(clippy::exit, clippy::iter_over_hash_type)]
// Only `main` prints, and input never panics the library; tests may print what they measure, and
// unwrap or expect.
#![cfg_attr(
    not(test),
    warn(
        clippy::print_stdout,
        clippy::print_stderr,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

mod architecture;
mod cli;
mod config;
#[cfg(test)]
mod config_diagnostics;
mod config_template;
mod dedup;
mod excerpt;
pub mod export;
mod lint;
pub mod model;
mod normalize;
mod patterns;
pub mod report;
mod source;
#[cfg(test)]
mod test_support;

// Parse.
pub use source::{
    InputProblem, InvalidUtf8, InvalidUtf16, ParseContext, ParseRun, ProblemClass, SourceKind,
    parse_bytes, parse_paths,
};

// Dedup.
pub use dedup::analyze::Analyzer;
pub use dedup::merge::{Dedup, Keep, Member, Merge, NearMiss, dedup};
/// How duplicate questions are found and merged, all in one value: [`DedupSettings::default`] is
/// what an empty `[dedup]` section of `lints.toml` gives, and [`DedupSettings::run`] calls
/// [`dedup()`] with it.
pub use dedup::settings::DedupSettings;
pub use dedup::stages::{DedupStageTimes, time_dedup_stages};
pub use dedup::{DEFAULT_THRESHOLD, NEAR_MISSES_PER_QUESTION, RELATED_MARGIN};

// Lint.
pub use lint::registry::{RuleInfo, lint_rules};
pub use lint::{Case, Diagnostic, Levels, RuleDoc, default_levels, lint, lint_with_duplicates};

// The `prep` binary.
/// The `prep` command line, as clap parses it (`Cli::parse()`, from `clap::Parser`).
pub use cli::Cli;
/// Runs the command line `cli` parsed, writing its output to `stdout`. What it does not write, its
/// diagnostics and exit code, it returns for `main` to print and exit with.
pub use cli::run;
/// Removes the temporary files exports are being written to, and holds back any more until the
/// process ends: for `main`'s handler of an interrupt, which exits next.
pub use cli::temp_files::remove_all as remove_temp_files;
pub use cli::{Exit, Outcome};
