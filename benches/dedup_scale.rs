//! Deduplication at scale: N generated questions (default 1,000,000) through the real pipeline
//! (analysis, weighting, candidate pairs, clustering), timed per stage, with peak memory.
//!
//! `cargo bench --bench dedup_scale` (N from `PREP_BENCH_QUESTIONS`). The generator is deterministic:
//! the same N gives the same questions on every machine. A third of the questions paraphrase an earlier
//! one (other framing, word order); the rest draw 2–4 topic words from a Zipf-distributed vocabulary of
//! 50,000, so common words are very common, as in real pages, and one in five carries a qualifier
//! ("… for q12") drawn from 200, also Zipf-distributed.

use std::time::Instant;

use prep::dedup::DEFAULT_THRESHOLD;
use prep::dedup::analyze::Analyzer;
use prep::dedup::cluster::cluster;

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

fn main() {
    let n: usize = std::env::var("PREP_BENCH_QUESTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let start = Instant::now();
    let questions = generate(n);
    let generated = start.elapsed();

    let start = Instant::now();
    let analyzer = Analyzer::default();
    let corpus = analyzer.corpus_of(questions.iter().map(String::as_str));
    let analysed = start.elapsed();

    let start = Instant::now();
    let order: Vec<usize> = (0..corpus.len()).collect();
    // The pipeline needs pairs at the threshold; `PREP_BENCH_RELATED=1` also collects the near misses
    // `prep dedup` reports, down to the threshold minus the related margin.
    let floor = if std::env::var_os("PREP_BENCH_RELATED").is_some() {
        DEFAULT_THRESHOLD - prep::dedup::RELATED_MARGIN
    } else {
        DEFAULT_THRESHOLD
    };
    let clustering = cluster(&corpus, &order, DEFAULT_THRESHOLD, floor);
    let clustered = start.elapsed();

    let merged: usize = clustering.clusters.iter().map(|c| c.members.len()).sum();
    println!("questions:            {n}");
    println!("generate (not timed): {:.2} s", generated.as_secs_f64());
    println!("analyse + weight:     {:.2} s", analysed.as_secs_f64());
    println!("candidates + cluster: {:.2} s", clustered.as_secs_f64());
    println!(
        "dedup total:          {:.2} s",
        (analysed + clustered).as_secs_f64()
    );
    println!(
        "clusters:             {} ({merged} questions merged)",
        clustering.clusters.len()
    );
    println!(
        "pairs under threshold: {} (floor {floor:.2})",
        clustering.related.len()
    );
    match peak_rss_mib() {
        Some(mib) => {
            println!("peak memory:          {mib:.0} MiB (VmHWM, includes the generated input)")
        }
        None => println!("peak memory:          unavailable (no /proc/self/status)"),
    }
}
