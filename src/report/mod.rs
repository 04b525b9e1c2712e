//! Renderers: one file per output format, each a function over data that writes to a writer.

pub mod dedup_json;
pub mod dedup_text;
pub mod lint_concise;
pub mod lint_full;
pub mod lint_github;
pub mod lint_json;
pub mod lint_position;
pub mod lint_sarif;
pub mod parse_json;
pub mod parse_markdown;
pub mod parse_summary;
