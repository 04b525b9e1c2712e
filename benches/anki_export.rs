//! `.apkg` export at scale: N generated notes (default 10,000 then 100,000) written by the Anki
//! exporter into memory, timed end to end (field HTML and sanitising, the SQLite collection, zip),
//! and the field HTML alone, so that the rest is what SQLite and zip take.
//!
//! `cargo bench --bench anki_export` (sizes from `PREP_BENCH_NOTES`, comma-separated). Deterministic:
//! the same N gives the same notes. Answers mix paragraphs, lists and code; a third of the entries
//! carry an example and one in five a merged duplicate; notes spread over 12 decks with 1–3 tags.

use std::io::Cursor;
use std::time::Instant;

use prep::export::{Anki, Entry, Export, Exporter};
use prep::model::{Alternate, Card, CardId, CardMap, SourceRef};

const ANSWERS: &[&str] = &[
    "A cache keeps **recent results** close to where they are used, so reads skip the slow store.",
    "Three steps:\n\n1. measure the baseline\n2. change one thing\n3. measure again",
    "```rust\nfn main() {\n    let v: Vec<u8> = Vec::with_capacity(1024);\n}\n```",
    "Use `Arc<Mutex<T>>` when several threads share state, and keep the lock short.",
    "- listen first\n- restate the concern\n- agree on the next step\n- follow up in writing",
];

const DECKS: &[&str] = &[
    "Backend",
    "Frontend",
    "Databases",
    "Networking",
    "Behavioural",
    "Rust",
];

fn entry(n: usize) -> Entry {
    let card = card(
        n,
        &format!("How would you explain topic {n} in an interview?"),
    );
    let mut alternates = Vec::new();
    let mut also_asked_as = Vec::new();
    if n.is_multiple_of(5) {
        let other = card_for_alternate(n);
        also_asked_as.push(other.question.clone());
        alternates.push(other);
    }
    Entry {
        guid: format!("guid{n:08}"),
        card,
        alternates,
        also_asked_as,
        deck: format!("Interview::{}::Part {}", DECKS[n % DECKS.len()], n % 2),
        tags: (0..1 + n % 3)
            .map(|k| format!("topic{}", (n + k) % 40))
            .collect(),
        findings: Vec::new(),
    }
}

fn card(n: usize, question: &str) -> Card {
    Card {
        id: CardId(format!("{n:016x}")),
        question: question.into(),
        answer: ANSWERS[n % ANSWERS.len()].into(),
        example: n
            .is_multiple_of(3)
            .then(|| format!("In project {n} we did exactly this.")),
        section: None,
        tags: Vec::new(),
        source: SourceRef {
            file: format!("pages/page{}.md", n / 50),
            line: 1 + (n % 50) * 6,
            end_line: 5 + (n % 50) * 6,
            offset: 0,
            length: 1,
        },
        map: CardMap::default(),
    }
}

fn card_for_alternate(n: usize) -> Alternate {
    let other = card(n + 1, &format!("Explain topic {n}"));
    Alternate {
        id: other.id,
        question: other.question,
        answer: other.answer,
        example: other.example,
        source: other.source,
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::var("PREP_BENCH_NOTES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    for notes in sizes {
        let export = Export {
            title: "Interview".into(),
            entries: (0..notes).map(entry).collect(),
            modified: 1_700_000_000,
            media: Default::default(),
        };
        let mut out = Cursor::new(Vec::new());
        let start = Instant::now();
        if let Err(error) = Anki.write(&export, &mut out) {
            eprintln!("the export failed: {error}");
            std::process::exit(1);
        }
        let seconds = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let html: usize = export
            .entries
            .iter()
            .map(|entry| {
                Anki::fields(entry, &export.media)
                    .iter()
                    .map(String::len)
                    .sum::<usize>()
            })
            .sum();
        let fields = start.elapsed().as_secs_f64();
        println!(
            "{notes:>7} notes: {seconds:7.2} s  {:>8.0} notes/s  {:6.1} MB package  \
             (field HTML {fields:.2} s, {:.1} MB; SQLite and zip {:.2} s)",
            notes as f64 / seconds,
            out.get_ref().len() as f64 / 1e6,
            html as f64 / 1e6,
            seconds - fields
        );
    }
}
