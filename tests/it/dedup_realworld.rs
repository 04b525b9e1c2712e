//! Duplicate detection on real documents from public interview repositories (../shared/realworld,
//! never copied here), as their own scorer measures it against pairs judged by reading: no pair
//! that must stay apart is merged, pairwise precision at least 0.98, and recall held where it is.
//!
//! Recall is held at 0.65, not at the 0.85 wanted: most pairs still missed are paraphrases a lexical
//! method cannot see ("Why are you leaving your current job?" / "Why do you want to change your
//! current company?") or need to know that one word names the document's subject ("What is a
//! container image?" / "What is a Docker image?"). Skipped, with a message, where ../shared is
//! absent.

use crate::common::{figure, realworld_or_skip, realworld_score};

#[test]
fn real_documents_merge_only_true_duplicates() {
    let Some(folder) = realworld_or_skip("real-world dedup floors") else {
        return;
    };
    let report = realworld_score(&folder, "dedup");
    let line = report
        .lines()
        .find(|l| l.starts_with("dedup: "))
        .unwrap_or_else(|| panic!("no summary line in {report}"));
    println!("{line}");
    let wrong = figure(line, "merged right,");
    let (precision, recall) = (figure(line, "precision"), figure(line, "recall"));
    let unparsed = figure(line, "missed;");
    assert!(
        wrong == 0.0 && precision >= 0.98 && recall >= 0.65 && unparsed == 0.0,
        "below the floors (no wrong merge, precision 0.98, recall 0.65, every pair parsed):\n{report}"
    );
}
