//! `prep dedup` (default format): each merged cluster with why its canonical card was chosen, every
//! member with its place, score and the words that matched and differed; then the near misses.

use std::io::Write;

use crate::dedup::merge::Dedup;
use crate::model::Card;
use crate::report::dedup::json::sorted_merges;

fn list(words: &[String]) -> String {
    if words.is_empty() {
        "-".to_owned()
    } else {
        words.join(", ")
    }
}

pub fn write(out: &mut dyn Write, cards: &[Card], result: &Dedup) -> std::io::Result<()> {
    for (k, merge) in sorted_merges(cards, result).into_iter().enumerate() {
        let canonical = &cards[merge.canonical];
        writeln!(
            out,
            "{}. \"{}\"  ({} cards → 1)",
            k + 1,
            canonical.question,
            merge.members.len() + 1
        )?;
        writeln!(
            out,
            "   keeps {}  {}",
            canonical.source,
            result.keep.describe()
        )?;
        for m in &merge.members {
            let card = &cards[m.card];
            writeln!(
                out,
                "   merges {}  {:.2}  \"{}\"",
                card.source, m.score, card.question
            )?;
            writeln!(
                out,
                "      shared: {}; only in kept: {}; only here: {}",
                list(&m.shared),
                list(&m.only_canonical),
                list(&m.only_member)
            )?;
        }
        let members: Vec<usize> = merge.members.iter().map(|m| m.card).collect();
        let also_asked_as = result.also_asked_as(cards, merge.canonical, &members);
        if !also_asked_as.is_empty() {
            writeln!(out, "   also asked as: {}", quoted(&also_asked_as))?;
        }
        writeln!(out)?;
    }
    if !result.near_misses.is_empty() {
        writeln!(
            out,
            "Related, not merged (threshold {:.2}):",
            result.threshold
        )?;
        for n in &result.near_misses {
            let (a, b) = (&cards[n.a], &cards[n.b]);
            writeln!(out, "   {:.2}  {} \"{}\"", n.score, a.source, a.question)?;
            writeln!(out, "         {} \"{}\"", b.source, b.question)?;
            writeln!(
                out,
                "      shared: {}; differing: {} | {}",
                list(&n.shared),
                list(&n.only_a),
                list(&n.only_b)
            )?;
            writeln!(out, "      not merged: {}", n.why_not)?;
        }
        writeln!(out)?;
    }
    let merged: usize = result.merges.iter().map(|m| m.members.len()).sum();
    writeln!(
        out,
        "{} cards in, {} out: {} clusters merged {} repeated cards (threshold {:.2}, keep {})",
        cards.len(),
        result.cards_out(),
        result.merges.len(),
        merged,
        result.threshold,
        result.keep.describe()
    )
}

fn quoted(questions: &[&str]) -> String {
    questions
        .iter()
        .map(|q| format!("\"{q}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
