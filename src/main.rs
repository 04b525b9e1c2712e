//! The `prep` binary: argv → `cli::run` → exit code. The only place that prints diagnostics or exits.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use prep::{Cli, run};

/// mimalloc rather than the system allocator: linting and parsing make many small, short-lived
/// allocations (ranges, messages, words), where it is about a tenth faster end to end on the lint
/// benchmark (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    #[cfg(unix)]
    clean_up_when_interrupted();
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

/// On SIGINT, SIGTERM or SIGHUP (the terminal closed), removes the temporary files being written,
/// then exits with the status a shell gives a process that signal ended (128 + its number: 130,
/// 143, 129). Without it the default action ends the process where it stands and leaves a
/// `.tmpXXXXXX` in the out directory. Either way the previous files stay whole: nothing is renamed
/// into place until every file is written. The handler is a thread, not a signal handler proper,
/// so it may lock and remove files.
#[cfg(unix)]
fn clean_up_when_interrupted() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    // Where the handler cannot be installed, the signals keep their default action.
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Held until the process ends: no temporary file is created or renamed after this.
            let _held = prep::remove_temp_files();
            std::process::exit(128 + signal);
        }
    });
}
