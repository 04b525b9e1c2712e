//! A spinner on stderr while `prep build` or `prep export` writes a large export: only when stderr
//! is a terminal (never in CI logs or pipes) and only for work big enough to take a while.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Exports at least this large show a spinner (writing an Anki note takes about a millisecond).
pub const LARGE: usize = 2_000;

pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A spinner that stays hidden until a large stage starts.
    pub fn new() -> Self {
        Progress {
            bar: ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
        }
    }

    /// Shows `message` while a stage over `work` items runs, if it is large and stderr a terminal.
    pub fn stage(&self, message: String, work: usize) {
        let target = ProgressDrawTarget::stderr();
        if work < LARGE || target.is_hidden() {
            return;
        }
        self.bar.set_draw_target(target);
        self.bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        self.bar.set_message(message);
        self.bar.enable_steady_tick(Duration::from_millis(120));
    }

    /// Removes the spinner, leaving no trace on the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}
