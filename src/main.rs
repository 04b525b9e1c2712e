//! The `prep` binary: argv → `cli::run` → exit code. The only place that prints diagnostics or exits.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use prep::cli::{Cli, run};

/// mimalloc rather than the system allocator: linting and parsing make many small, short-lived
/// allocations (ranges, messages, words), where it is about a tenth faster end to end on the lint
/// benchmark (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let outcome = run(cli, &mut out);
    // Output first, then diagnostics: a warning printed mid-way would interleave with piped output.
    let flushed = out.flush();
    for report in &outcome.reports {
        eprintln!("{report:?}");
    }
    if let Err(err) = flushed
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("prep: cannot write output: {err}");
        return ExitCode::from(2);
    }
    ExitCode::from(outcome.exit as u8)
}
