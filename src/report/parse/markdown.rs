//! `prep parse --format md`: the cards as a plain Markdown document that `prep parse` reads back
//! to the same questions, answers and examples.

use std::io::Write;

use crate::source::ParseRun;

pub fn write(out: &mut dyn Write, run: &ParseRun) -> std::io::Result<()> {
    let cards: Vec<_> = run.cards().collect();
    writeln!(out, "<!-- {} cards, written by prep parse -->", cards.len())?;
    for card in cards {
        writeln!(out, "\n## Q: {}\n", escape_inline(&card.question))?;
        if !card.answer.is_empty() {
            writeln!(out, "{}\n", card.answer)?;
        }
        if let Some(example) = &card.example {
            writeln!(out, "**Example:**\n\n{example}\n")?;
        }
    }
    Ok(())
}

/// Backslash-escapes ASCII punctuation that Markdown could read as markup in a heading.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>#&|~!".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
