//! Deduplication at scale: N questions (default 1,000,000) through the real pipeline, timed per
//! stage, with peak memory.
//!
//! `cargo bench --bench dedup_scale`, with `PREP_BENCH_QUESTIONS=N` and `PREP_BENCH_CORPUS`:
//! - `zipf` (the default): a third of the questions paraphrase an earlier one (other framing, word
//!   order); the rest draw 2–4 topic words from a Zipf-distributed vocabulary of 50,000, so common
//!   words are very common, as in real pages, and one in five carries a qualifier ("… for q12")
//!   drawn from 200, also Zipf-distributed. Deterministic, generated here.
//! - `realistic`: the questions of `../shared/bench/gen-corpus.py N` (a page whose questions share a
//!   few hundred topic phrases and seven frames; a third repeat an earlier topic in another frame),
//!   read from its numbered lines. Generated once into `target/bench-corpus/`.
//!
//! Timed: analysis and weighting, candidates and clustering (merging only, or with the near misses
//! `prep dedup` lists when `PREP_BENCH_RELATED=1`), both timed by the library's
//! `time_dedup_stages`, then `prep dedup`'s whole step as it runs by default: merging, near misses
//! and their explanations.

use std::time::Instant;

use std::path::PathBuf;

/// The allocator the `prep` binary uses, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use prep::model::{Card, CardId, CardMap, SourceRef};
use prep::{Analyzer, DEFAULT_THRESHOLD, Keep, RELATED_MARGIN, dedup, time_dedup_stages};

/// xorshift64*: small, deterministic, good enough to pick words.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Zipf-like: index i with probability roughly proportional to 1 / (i + 1).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (((n as f64 + 1.0).powf(u)) - 1.0) as usize % n
    }
}

const FRAMES: &[&str] = &[
    "How do you handle {}?",
    "Can you explain {}?",
    "What strategies do you use for {}?",
    "Describe your experience with {}.",
    "How would you approach {}?",
    "Walk me through {}.",
    "What is {}?",
    "How do you ensure {} in production?",
    "Tell me about {}.",
    "What do you know about {}?",
];

/// Qualifiers some questions carry ("… in Kubernetes?"): content words shared across topics.
const QUALIFIERS: usize = 200;

fn word(i: usize) -> String {
    // Pronounceable, distinct, deterministic: syllables from the index.
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "ner", "to", "va", "qui", "zen", "ra", "pol", "ex", "dat", "sys", "ban",
        "cor", "fi", "gu", "hel", "ja", "wen",
    ];
    let mut n = i;
    let mut out = String::new();
    loop {
        out.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        if n == 0 {
            break;
        }
    }
    out
}

fn generate(n: usize) -> Vec<String> {
    let mut rng = Rng(0x5eed_cafe_f00d_0001);
    let vocabulary: Vec<String> = (0..50_000).map(word).collect();
    let mut topics: Vec<Vec<usize>> = Vec::with_capacity(n);
    let mut questions = Vec::with_capacity(n);
    for _ in 0..n {
        let topic: Vec<usize> = if !topics.is_empty() && rng.below(3) == 0 {
            // A paraphrase: the same topic words in another order, under another frame.
            let mut t = topics[rng.below(topics.len())].clone();
            t.rotate_left(1);
            t
        } else {
            (0..2 + rng.below(3))
                .map(|_| rng.zipf(vocabulary.len()))
                .collect()
        };
        let words: Vec<&str> = topic.iter().map(|&i| vocabulary[i].as_str()).collect();
        let frame = FRAMES[rng.below(FRAMES.len())];
        let mut question = frame.replace("{}", &words.join(" "));
        if rng.below(5) == 0 {
            let qualifier = format!(" for q{}", rng.zipf(QUALIFIERS));
            question.insert_str(question.len() - 1, &qualifier);
        }
        questions.push(question);
        topics.push(topic);
    }
    questions
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// The questions of `gen-corpus.py n`, generated once into `target/bench-corpus/` (`None`, with a
/// message, where `../shared/bench` is absent).
fn realistic(n: usize) -> Option<Vec<String>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("../shared/bench/gen-corpus.py");
    if !script.is_file() {
        eprintln!(
            "realistic corpus unavailable: {} not found",
            script.display()
        );
        return None;
    }
    let dir = root.join("target/bench-corpus");
    let page = dir.join(format!("gen-corpus-{n}.txt"));
    if !page.is_file() {
        std::fs::create_dir_all(&dir).ok()?;
        let status = std::process::Command::new("python3")
            .arg(&script)
            .arg(n.to_string())
            .arg(&page)
            .status()
            .ok()?;
        if !status.success() {
            eprintln!("gen-corpus.py failed: {status}");
            return None;
        }
    }
    let text = std::fs::read_to_string(&page).ok()?;
    // Its questions are the lines "N. question"; nothing else in the page starts with a number.
    let questions = text
        .lines()
        .filter_map(|line| {
            let (number, question) = line.split_once(". ")?;
            number
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| question.to_owned())
        })
        .collect();
    Some(questions)
}

/// Cards for `questions`, as a parser would give them: one file, one line each.
fn cards(questions: &[String]) -> Vec<Card> {
    questions
        .iter()
        .enumerate()
        .map(|(i, q)| Card {
            id: CardId(format!("{i:016x}")),
            question: q.clone(),
            answer: "An answer.".to_owned(),
            example: None,
            section: None,
            tags: Vec::new(),
            source: SourceRef {
                file: "bench.txt".into(),
                line: i + 1,
                end_line: i + 1,
                offset: i * 64,
                length: q.len(),
            },
            map: CardMap::default(),
        })
        .collect()
}

fn main() {
    let n: usize = std::env::var("PREP_BENCH_QUESTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let corpus_name = std::env::var("PREP_BENCH_CORPUS").unwrap_or_else(|_| "zipf".to_owned());
    let start = Instant::now();
    let questions = match corpus_name.as_str() {
        "realistic" => match realistic(n) {
            Some(questions) => questions,
            None => return,
        },
        _ => generate(n),
    };
    let generated = start.elapsed();

    // Loading the lexicon counts as analysis.
    let start = Instant::now();
    let analyzer = Analyzer::default();
    let lexicon = start.elapsed();

    // The pipeline needs pairs at the threshold; `PREP_BENCH_RELATED=1` also collects the near misses
    // `prep dedup` reports, down to the threshold minus the related margin.
    let floor = if std::env::var_os("PREP_BENCH_RELATED").is_some() {
        DEFAULT_THRESHOLD - RELATED_MARGIN
    } else {
        DEFAULT_THRESHOLD
    };
    let stages = time_dedup_stages(
        &analyzer,
        questions.iter().map(String::as_str),
        DEFAULT_THRESHOLD,
        floor,
    );
    let analysed = lexicon + stages.analysis;
    let clustered = stages.clustering;
    let (clusters, merged, related) = (stages.clusters, stages.merged, stages.related);

    let cards = cards(&questions);
    drop(questions);
    let start = Instant::now();
    let result = dedup(
        &cards,
        &analyzer,
        DEFAULT_THRESHOLD,
        Keep::First,
        RELATED_MARGIN,
    );
    let whole = start.elapsed();

    println!("corpus:               {corpus_name}");
    println!("questions:            {n}");
    println!("generate (not timed): {:.2} s", generated.as_secs_f64());
    println!("analyse + weight:     {:.2} s", analysed.as_secs_f64());
    println!(
        "candidates + cluster: {:.2} s (floor {floor:.2})",
        clustered.as_secs_f64()
    );
    println!("clusters:             {clusters} ({merged} questions merged)");
    println!("related pairs:        {related}");
    println!(
        "prep dedup's step:    {:.2} s ({} merges, {} near misses listed)",
        whole.as_secs_f64(),
        result.merges.len(),
        result.near_misses.len()
    );
    match peak_rss_mib() {
        Some(mib) => {
            println!("peak memory:          {mib:.0} MiB (VmHWM, includes the generated input)")
        }
        None => println!("peak memory:          unavailable (no /proc/self/status)"),
    }
}
