//! A progress bar on stderr while `prep build` or `prep export` writes a large export: only when
//! stderr is a terminal (never in CI logs or pipes) and only for work big enough to take a while.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Exports at least this large show a bar (building an Anki note takes about three milliseconds).
pub const LARGE: usize = 2_000;

pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar that stays hidden until a large stage starts.
    pub fn new() -> Self {
        Progress {
            bar: ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
        }
    }

    /// Shows a bar for a stage over `work` cards, if it is large and stderr a terminal; advance it
    /// with [`Progress::card_done`].
    pub fn stage(&self, message: String, work: usize) {
        let target = ProgressDrawTarget::stderr();
        if work < LARGE || target.is_hidden() {
            return;
        }
        self.bar.set_draw_target(target);
        self.bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} cards ({eta} left)")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        self.bar.set_length(work as u64);
        self.bar.set_position(0);
        self.bar.set_message(message);
        self.bar.enable_steady_tick(Duration::from_millis(200));
    }

    /// One more card of the stage done.
    pub fn card_done(&self) {
        self.bar.inc(1);
    }

    /// Removes the bar, leaving no trace on the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}
