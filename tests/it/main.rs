//! The integration tests, one module per subject, in one test binary: the crate is linked once, and
//! `cargo test --test it <module>::` runs one module (`cargo test --test it cli_build::`).

mod common;

/// Peak memory is measured by counting every allocation of this binary, per thread (the fuzzer's
/// memory bound, [`common::fuzz::alloc`]).
#[global_allocator]
static ALLOCATOR: common::fuzz::alloc::Counting = common::fuzz::alloc::Counting;

mod anki_import;
mod anki_import_csv;
mod anki_import_robust;
mod anki_import_seeds;
mod anki_import_upgrade;
mod audit;
mod bad_input;
mod cli_build;
mod cli_dedup;
mod cli_input;
mod cli_lint;
mod cli_lint_config;
mod cli_parse;
mod dedup_agreement;
mod dedup_realworld;
mod diagnostics;
mod export_csv;
mod export_markdown;
mod fuzz;
mod limits;
mod lint_accuracy;
mod lint_corpus;
mod lint_formats;
mod parse_fixtures;
mod parse_properties;
mod parse_realworld;
mod parse_seeds;
