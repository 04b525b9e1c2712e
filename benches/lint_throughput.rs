//! Lint throughput: a generated multi-megabyte corpus of interview pages, parsed, then linted with
//! every rule at its default level. Reports MB/s of source text for the lint step alone.
//!
//! `cargo bench --bench lint_throughput` (size in MB from `PREP_BENCH_MB`, default 20; one rule alone
//! with `PREP_BENCH_RULE=<id>`). Deterministic:
//! the same size gives the same text. Answers mix vague claims, bare metrics, settings, versions and
//! code blocks, so every rule has work to do.

use std::time::Instant;

use prep::lint::{default_levels, lint};
use prep::source::{ParseContext, SourceKind, parse_bytes};

const ANSWERS: &[&str] = &[
    "We moved sessions to Redis, which greatly improved checkout and cut p99 latency by 45%.",
    "The autoscaler has a target of 70% CPU with 3 replicas, and probes run every 15 seconds over HTTP/2.",
    "Errors fell from 1.2% to 0.05%, measured over 30 days of production traffic.",
    "It was a huge success: the platform now handles millions of requests per day with zero downtime.",
    "We store logs in ElasticSearch and run the workers on kubernetes with OAuth2 between services.",
    "```python\nrobust = retry(times=3)  # 100% secure\n```",
    "  1. measure the baseline\n  2. change one thing\n  3. measure again",
];

fn corpus(megabytes: usize) -> String {
    let mut text = String::from("Interview Questions\n\n5 min read\n\n");
    let mut n = 0usize;
    while text.len() < megabytes * 1_000_000 {
        n += 1;
        text.push_str(&format!(
            "{n}. How did you improve service {n} in production?\n\n"
        ));
        for k in 0..3 {
            text.push_str(ANSWERS[(n * 3 + k) % ANSWERS.len()]);
            text.push_str("\n\n");
        }
    }
    text
}

fn main() {
    let megabytes: usize = std::env::var("PREP_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let text = corpus(megabytes);
    let bytes = text.len() as f64 / 1e6;
    let ctx = ParseContext::default();
    let start = Instant::now();
    let Ok(document) = parse_bytes("bench.txt", SourceKind::PlainText, text.into_bytes(), &ctx)
    else {
        eprintln!("the generated corpus did not parse");
        std::process::exit(1);
    };
    let parsed = start.elapsed().as_secs_f64();
    // `PREP_BENCH_RULE=<id>` times one rule alone.
    let mut levels = default_levels();
    if let Ok(only) = std::env::var("PREP_BENCH_RULE") {
        for (id, level) in levels.iter_mut() {
            if *id != only {
                *level = None;
            }
        }
    }
    let start = Instant::now();
    let diagnostics = lint(&document.cards, &levels);
    let linted = start.elapsed().as_secs_f64();
    println!(
        "corpus:       {bytes:.1} MB, {} cards",
        document.cards.len()
    );
    println!("parse:        {parsed:.2} s ({:.1} MB/s)", bytes / parsed);
    println!(
        "lint:         {linted:.2} s ({:.1} MB/s), {} diagnostics",
        bytes / linted,
        diagnostics.len()
    );
}
