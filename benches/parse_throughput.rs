//! Parse throughput on generated pages: the numbered plain-text page of BENCHMARKS.md and a Markdown
//! repository page that mixes the layouts of real interview repositories. Reports MB/s of source
//! text for parsing alone (decoding included), at a quarter, half and all of the size, so a step
//! that grows faster than the input shows as falling throughput.
//!
//! `cargo bench --bench parse_throughput`; size in MB from `PREP_BENCH_MB` (default 40), one corpus
//! with `PREP_BENCH_CORPUS=text|markdown`. Deterministic: the same size gives the same text. For the
//! one-core figure, pin the process: `taskset -c 0 cargo bench --bench parse_throughput`.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// The allocator the `prep` binary uses (src/main.rs), so the figures are those of `prep parse`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use prep::{ParseContext, SourceKind, parse_bytes};

/// The page of BENCHMARKS.md: numbered questions, a two-step sub-list, an example each.
fn text_page(bytes: usize) -> String {
    let mut page = String::from("Big Page Of Questions\n\n3 min read\n\n");
    let mut i = 1;
    while page.len() < bytes {
        let _ = write!(
            page,
            "{i}. How do you handle case {i} in a distributed cache?\n\nWe use a lock and a TTL of {} \
             seconds, which greatly improved latency.\n\n  1. first step\n  2. second step\n\n\
             Example:\n\nIn a project we cut misses by {}%.\n\n",
            i % 60,
            i % 90
        );
        i += 1;
    }
    page
}

/// A repository README: a table of contents, then sections that ask in turn with headings inside
/// numbered items (answers with code, a toggle and a back-to-top link), `<details>` exercises with
/// `<br><b>` wrappers, and bold questions with a difficulty tag.
fn markdown_page(bytes: usize) -> String {
    let mut page = String::from(
        "# Systems Interview Questions\n\n> Click ⭐ if you like the project.\n\n### Table of Contents\n\n\
         | No. | Questions |\n| --- | --- |\n| 1 | [What is a cache?](#what-is-a-cache) |\n\
         | 2 | [What is a queue?](#what-is-a-queue) |\n| 3 | [What is a lock?](#what-is-a-lock) |\n\n",
    );
    let mut i = 1;
    while page.len() < bytes {
        let _ = write!(page, "## Section {i}\n\n");
        for k in 0..4 {
            let n = i * 10 + k;
            let _ = write!(
                page,
                "{n}.  ### What is component {n} for?\n\n    Component {n} buffers writes and serves \
                 reads from memory.\n\n    ```js\n    const c{n} = cache({k});\n    ```\n\n    \
                 <details><summary><b>See the class version</b></summary>\n\n    ```js\n    class C{n} \
                 {{}}\n    ```\n\n    </details>\n\n    **[⬆ Back to Top](#table-of-contents)**\n\n"
            );
        }
        for k in 0..4 {
            let n = i * 10 + k;
            let _ = write!(
                page,
                "<details>\n<summary>True or False? Job {n} retries forever</summary><br><b>\n\n\
                 False. It retries {k} times with <code>backoff</code>.\n</b></details>\n\n"
            );
        }
        for k in 0..4 {
            let n = i * 10 + k;
            let _ = write!(
                page,
                "**How would you shard table {n}? ‍⭐️**\n\nBy tenant, with {k} replicas per shard.\n\n<br/>\n\n"
            );
        }
        i += 1;
    }
    page
}

/// A page generator: its name, how it is read, and the page of a given size in bytes.
type Corpus = (&'static str, SourceKind, fn(usize) -> String);

/// The fastest of `runs` parses of `text`, and the cards it gave.
fn time_parse(name: &str, kind: SourceKind, text: &str, runs: usize) -> (Duration, usize) {
    let ctx = ParseContext::default();
    let mut best = Duration::MAX;
    let mut cards = 0;
    for _ in 0..runs {
        let bytes = text.as_bytes().to_vec();
        let start = Instant::now();
        let document = parse_bytes(name, kind, bytes, &ctx).expect("generated text decodes");
        best = best.min(start.elapsed());
        cards = document.cards.len();
    }
    (best, cards)
}

fn main() {
    let megabytes: usize = std::env::var("PREP_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let only = std::env::var("PREP_BENCH_CORPUS").ok();
    let corpora: [Corpus; 2] = [
        ("text", SourceKind::PlainText, text_page),
        ("markdown", SourceKind::Markdown, markdown_page),
    ];
    println!("| corpus | size | cards | parse (fastest of 5) | throughput |");
    println!("| --- | --- | --- | --- | --- |");
    for (name, kind, generate) in corpora {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        for share in [4, 2, 1] {
            let text = generate(megabytes * 1_000_000 / share);
            let file = match kind {
                SourceKind::PlainText => "bench.txt",
                SourceKind::Markdown => "bench.md",
            };
            let (time, cards) = time_parse(file, kind, &text, 5);
            let mb = text.len() as f64 / 1e6;
            println!(
                "| {name} | {mb:.1} MB | {cards} | {:.3} s | {:.1} MB/s |",
                time.as_secs_f64(),
                mb / time.as_secs_f64()
            );
        }
    }
}
