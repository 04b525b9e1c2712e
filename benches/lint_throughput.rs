//! Lint throughput on generated multi-megabyte corpora of interview pages: parsed once, then linted
//! with every rule at its default level, then with each rule alone. Reports MB/s of source text for
//! the lint step only.
//!
//! `cargo bench --bench lint_throughput`; for the one-core figure, pin the process:
//! `taskset -c 0 cargo bench --bench lint_throughput`. Size in MB from `PREP_BENCH_MB` (default 20),
//! one corpus with `PREP_BENCH_CORPUS=typical|mixed|dense`, the per-rule table with
//! `PREP_BENCH_RULES=1`. Deterministic: the same size gives the same text.
//!
//! Three corpora:
//! - `typical`: explanatory answers of several sentences with an occasional vague claim or bare
//!   number, some inline code and a code block (0.06 diagnostics per 100 bytes);
//! - `mixed`: the same answers and one more paragraph from `dense` in every card: about as dense in
//!   findings as the scraped pages this tool was built on (0.2 diagnostics per 100 bytes);
//! - `dense`: every answer paragraph is a claim, a setting, a misspelled name, code or a list, so
//!   every rule has work everywhere (1 diagnostic per 100 bytes): a worst case.

use std::time::Instant;

/// The allocator the `prep` binary uses (src/main.rs), so the figures are those of `prep lint`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use prep::model::Card;
use prep::{Levels, ParseContext, SourceKind, default_levels, lint, parse_bytes};

const DENSE: &[&str] = &[
    "We moved sessions to Redis, which greatly improved checkout and cut p99 latency by 45%.",
    "The autoscaler has a target of 70% CPU with 3 replicas, and probes run every 15 seconds over HTTP/2.",
    "Errors fell from 1.2% to 0.05%, measured over 30 days of production traffic.",
    "It was a huge success: the platform now handles millions of requests per day with zero downtime.",
    "We store logs in ElasticSearch and run the workers on kubernetes with OAuth2 between services.",
    "```python\nrobust = retry(times=3)  # 100% secure\n```",
    "  1. measure the baseline\n  2. change one thing\n  3. measure again",
];

const TYPICAL: &[&str] = &[
    "A write-through cache updates the cache and the database in the same request, so reads after a \
     write see the new value. The price is latency on every write, because the request waits for both \
     stores. It suits data that is read far more often than it changes, such as product details or \
     feature flags.",
    "I start from the symptom and the time it began, then compare the dashboards for the service and \
     its dependencies over the same window. In one incident the connection pool was exhausted because a \
     retry loop had no backoff; adding jitter and a cap of five retries fixed it, and the error rate \
     went back to its usual level within the hour.",
    "An index speeds up lookups on the indexed columns at the cost of slower writes and more storage. \
     Before adding one I read the query plan with `EXPLAIN ANALYZE`, check the selectivity of the column \
     and look for an existing composite index that already covers the query.",
    "Optimistic locking stores a version number with each row. An update succeeds only when the version \
     it read is still current; otherwise the caller reloads and retries. It avoids holding locks across \
     user think time, which matters for forms that stay open for minutes.",
    "We split the monolith along the billing boundary first, because billing had its own team and the \
     fewest shared tables. The new service owned its schema, and the old code called it through a thin \
     client so we could switch back with a flag. The migration greatly reduced the number of deploys \
     that needed the whole company to coordinate.",
    "Backpressure means a consumer tells its producer to slow down instead of buffering without limit. \
     In a queue-based design that can be a bounded queue that rejects new work, a rate limit at the \
     edge, or credits that the consumer hands out as it finishes items.",
    "For a code review I look at the tests first: they tell me what the author thinks the change does. \
     Then I read the diff for error handling, naming and anything that changes a public interface, and \
     I leave questions rather than orders when I am not sure.",
    "Our nightly job processed the order history in one transaction and often timed out. I rewrote it \
     to work in batches of ten thousand rows with a checkpoint table, so a failure resumes where it \
     stopped. It now finishes in about 40 minutes, which made the reports 3x faster to appear.",
    "A mutex lets one thread at a time into a critical section; a semaphore lets up to N. A read-write \
     lock allows many readers or one writer, which helps when reads dominate and each read is long \
     enough to outweigh the bookkeeping.",
    "```sql\nSELECT id, total FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20;\n```\n\n\
     The query above uses the composite index on customer and creation date, so it reads twenty index \
     entries and twenty rows however many orders the customer has.",
];

/// A numbered-question page of `megabytes`: each card answers with `paragraphs` paragraphs drawn in
/// turn from `answers`, and every `every`-th card one more from `extra` (none when it is empty).
fn corpus(
    answers: &[&str],
    paragraphs: usize,
    (extra, every): (&[&str], usize),
    megabytes: usize,
) -> String {
    let mut text = String::from("Interview Questions\n\n5 min read\n\n");
    let mut n = 0usize;
    while text.len() < megabytes * 1_000_000 {
        n += 1;
        text.push_str(&format!(
            "{n}. How did you improve service {n} in production?\n\n"
        ));
        for k in 0..paragraphs {
            text.push_str(answers[(n * paragraphs + k) % answers.len()]);
            text.push_str("\n\n");
        }
        if !extra.is_empty() && n.is_multiple_of(every) {
            text.push_str(extra[(n / every) % extra.len()]);
            text.push_str("\n\n");
        }
    }
    text
}

/// Lints `cards` with `levels`, returning seconds and the number of diagnostics.
fn timed(cards: &[Card], levels: &Levels) -> (f64, usize) {
    let start = Instant::now();
    let diagnostics = lint(cards, levels);
    (start.elapsed().as_secs_f64(), diagnostics.len())
}

fn run(name: &str, text: String, per_rule: bool) {
    let bytes = text.len() as f64 / 1e6;
    let ctx = ParseContext::default();
    let Ok(document) = parse_bytes("bench.txt", SourceKind::PlainText, text.into_bytes(), &ctx)
    else {
        eprintln!("the generated {name} corpus did not parse");
        std::process::exit(1);
    };
    let cards = &document.cards;
    let all = default_levels();
    let (seconds, diagnostics) = timed(cards, &all);
    println!(
        "{name:8} {bytes:5.1} MB, {:>7} cards: all rules {seconds:5.2} s = {:6.1} MB/s, {diagnostics} diagnostics ({:.2} per 100 bytes)",
        cards.len(),
        bytes / seconds,
        diagnostics as f64 / (bytes * 1e4),
    );
    if !per_rule {
        return;
    }
    let only = |id: Option<&str>| -> Levels {
        all.iter()
            .map(|(&rule, &level)| (rule, level.filter(|_| Some(rule) == id)))
            .collect()
    };
    let (base, _) = timed(cards, &only(None));
    println!(
        "  {:24} {base:5.2} s = {:6.1} MB/s",
        "(no rule)",
        bytes / base
    );
    for &rule in all.keys() {
        let (seconds, diagnostics) = timed(cards, &only(Some(rule)));
        println!(
            "  {rule:24} {seconds:5.2} s = {:6.1} MB/s, {diagnostics} diagnostics",
            bytes / seconds
        );
    }
}

fn main() {
    let megabytes: usize = std::env::var("PREP_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let which = std::env::var("PREP_BENCH_CORPUS").unwrap_or_default();
    let per_rule = std::env::var("PREP_BENCH_RULES").is_ok_and(|v| v == "1");
    if which.is_empty() || which == "typical" {
        run("typical", corpus(TYPICAL, 2, (&[], 1), megabytes), per_rule);
    }
    if which.is_empty() || which == "mixed" {
        run("mixed", corpus(TYPICAL, 2, (DENSE, 1), megabytes), per_rule);
    }
    if which.is_empty() || which == "dense" {
        run("dense", corpus(DENSE, 3, (&[], 1), megabytes), per_rule);
    }
}
