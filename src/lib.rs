//! `prep` turns folders of messy interview question-and-answer documents into clean study material.
//!
//! Data flows one way: files ─load─▶ sources ─parse─▶ cards. Only the edges touch the disk; everything
//! in between is a function over data.

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
pub mod cli;
pub mod config;
#[cfg(test)]
mod config_diagnostics;
pub mod config_template;
pub mod dedup;
pub mod excerpt;
pub mod export;
pub mod lint;
pub mod model;
pub mod normalize;
pub mod patterns;
pub mod report;
pub mod source;
#[cfg(test)]
mod test_support;
