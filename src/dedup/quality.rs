//! Duplicate detection quality, measured: pairwise precision and recall against hand-labelled topics,
//! on the seed pages (gold.json) and on our own fixtures in other subjects (tests/fixtures/dedup).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::dedup::DEFAULT_THRESHOLD;
use crate::dedup::analyze::Analyzer;
use crate::dedup::cluster::cluster;
use crate::dedup::similarity::Corpus;
use crate::test_support;

/// Questions with their topics, and topic pairs that may go either way.
struct Labelled {
    questions: Vec<(String, String)>,
    ambiguous: BTreeSet<(String, String)>,
}

#[derive(Debug, Default)]
struct Quality {
    true_pairs: usize,
    false_pairs: usize,
    missed_pairs: usize,
    errors: Vec<String>,
}

impl Quality {
    fn precision(&self) -> f64 {
        let merged = self.true_pairs + self.false_pairs;
        if merged == 0 {
            1.0
        } else {
            self.true_pairs as f64 / merged as f64
        }
    }
    fn recall(&self) -> f64 {
        let wanted = self.true_pairs + self.missed_pairs;
        if wanted == 0 {
            1.0
        } else {
            self.true_pairs as f64 / wanted as f64
        }
    }
}

fn measure(set: &Labelled, threshold: f64) -> Quality {
    let analyzer = Analyzer::default();
    let corpus = Corpus::new(set.questions.iter().map(|(q, _)| analyzer.terms(q)));
    let order: Vec<usize> = (0..corpus.len()).collect();
    let clustering = cluster(&corpus, &order, threshold, threshold);
    let mut cluster_of = vec![0; corpus.len()];
    for (k, c) in clustering.clusters.iter().enumerate() {
        cluster_of[c.canonical] = k;
        for &(m, _) in &c.members {
            cluster_of[m] = k;
        }
    }
    let mut quality = Quality::default();
    for a in 0..corpus.len() {
        for b in a + 1..corpus.len() {
            let (ta, tb) = (&set.questions[a].1, &set.questions[b].1);
            let pair = if ta < tb {
                (ta.clone(), tb.clone())
            } else {
                (tb.clone(), ta.clone())
            };
            if ta != tb && set.ambiguous.contains(&pair) {
                continue;
            }
            let merged = cluster_of[a] == cluster_of[b];
            let describe = |what: &str| {
                let cmp = corpus.compare(a, b);
                format!(
                    "{what} {:.2} [{ta}] {:?} | [{tb}] {:?}",
                    cmp.score, set.questions[a].0, set.questions[b].0
                )
            };
            match (ta == tb, merged) {
                (true, true) => quality.true_pairs += 1,
                (true, false) => {
                    quality.missed_pairs += 1;
                    quality.errors.push(describe("missed"));
                }
                (false, true) => {
                    quality.false_pairs += 1;
                    quality.errors.push(describe("false "));
                }
                (false, false) => {}
            }
        }
    }
    quality
}

fn gold() -> Option<Labelled> {
    let seeds = test_support::seeds_or_skip("dedup quality on gold.json")?;
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(seeds.join("gold.json")).unwrap()).unwrap();
    let mut questions = Vec::new();
    for file in gold["files"].as_object().unwrap().values() {
        for q in file["questions"].as_array().unwrap() {
            questions.push((
                q["question"].as_str().unwrap().to_owned(),
                q["topic"].as_str().unwrap().to_owned(),
            ));
        }
    }
    Some(Labelled {
        questions,
        ambiguous: ambiguous(&gold["ambiguous_topic_pairs"]),
    })
}

fn ambiguous(pairs: &Value) -> BTreeSet<(String, String)> {
    pairs
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            let (a, b) = (
                p[0].as_str().unwrap().to_owned(),
                p[1].as_str().unwrap().to_owned(),
            );
            if a < b { (a, b) } else { (b, a) }
        })
        .collect()
}

fn fixture(name: &str) -> Labelled {
    let path = test_support::repo().join("tests/fixtures/dedup").join(name);
    let data: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let questions = data["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["question"].as_str().unwrap().to_owned(),
                q["topic"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    Labelled {
        questions,
        ambiguous: ambiguous(&data["ambiguous_topic_pairs"]),
    }
}

#[test]
fn seed_pages_meet_the_targets_at_the_default_threshold() {
    let Some(gold) = gold() else { return };
    let quality = measure(&gold, DEFAULT_THRESHOLD);
    println!(
        "seed pages: precision {:.3}, recall {:.3}",
        quality.precision(),
        quality.recall()
    );
    assert!(
        quality.precision() >= 1.0 && quality.recall() >= 1.0,
        "precision {:.3}, recall {:.3} ({} merged rightly, {} wrongly, {} missed):\n{}",
        quality.precision(),
        quality.recall(),
        quality.true_pairs,
        quality.false_pairs,
        quality.missed_pairs,
        quality.errors.join("\n")
    );
}

/// Our own subjects, written by hand, not tuned against: precision must stay where it is (every merge
/// right); recall is held at what the method reaches today, so a regression shows. These sets are
/// labelled by topic, more loosely than "one card serves both": "What is cross-validation?" and "Why
/// do we use cross-validation?", or "What is the difference between WHERE and HAVING?" and "When do
/// you use HAVING instead of WHERE?", share a topic and ask different things, and are no longer
/// merged; semantic paraphrases ("conflict with a coworker" / "disagreement with a colleague") are
/// out of a lexical method's reach.
#[test]
fn other_subjects_keep_precision_and_do_not_lose_recall() {
    let floors = [
        ("frontend.json", 1.0, 0.48),
        ("databases.json", 1.0, 0.27),
        ("behavioural.json", 1.0, 0.23),
        ("ml_data.json", 1.0, 0.44),
    ];
    let mut failures = Vec::new();
    for (name, precision, recall) in floors {
        let quality = measure(&fixture(name), DEFAULT_THRESHOLD);
        println!(
            "{name}: precision {:.3}, recall {:.3}",
            quality.precision(),
            quality.recall()
        );
        if quality.precision() < precision || quality.recall() < recall {
            failures.push(format!(
                "{name}: precision {:.3} (floor {precision}), recall {:.3} (floor {recall})\n{}",
                quality.precision(),
                quality.recall(),
                quality.errors.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore = "exploration: prints precision/recall over thresholds"]
fn explore_thresholds() {
    let mut sets: Vec<(&str, Labelled)> = [
        "frontend.json",
        "databases.json",
        "behavioural.json",
        "ml_data.json",
    ]
    .iter()
    .map(|n| (*n, fixture(n)))
    .collect();
    if let Some(g) = gold() {
        sets.insert(0, ("gold", g));
    }
    for t in [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8] {
        let line: Vec<String> = sets
            .iter()
            .map(|(n, s)| {
                let q = measure(s, t);
                format!("{n} P{:.3} R{:.3}", q.precision(), q.recall())
            })
            .collect();
        println!("t={t}: {}", line.join("  "));
    }
    let t: f64 = std::env::var("T")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.65);
    for (n, s) in &sets {
        for e in measure(s, t).errors {
            println!("{n}: {e}");
        }
    }
}
