//! `prep parse` (default format): one line per file, a total; with `--explain` how each file was
//! read, and with `--show-skipped` every block left out.

use std::io::Write;

use crate::source::ParseRun;

/// What to print besides the per-file lines and the total.
#[derive(Debug, Clone, Copy, Default)]
pub struct Detail {
    /// Every block left out, with its lines and reason.
    pub skipped: bool,
    /// How each file was read: where its questions were found and why.
    pub explain: bool,
}

pub fn write(out: &mut dyn Write, run: &ParseRun, detail: Detail) -> std::io::Result<()> {
    let show_skipped = detail.skipped;
    let skipped = run.skipped();
    for document in &run.documents {
        let layout = document.layout.map_or("no questions found", |l| l.label());
        let (cards, blocks) = (document.cards.len(), document.skipped.len());
        writeln!(
            out,
            "{}: {cards} {} (layout: {layout}), {blocks} {} skipped",
            document.file,
            plural(cards, "card", "cards"),
            plural(blocks, "block", "blocks"),
        )?;
        if detail.explain {
            if let Some(title) = &document.meta.title {
                writeln!(out, "  title: {title}")?;
            }
            for line in &document.explain {
                writeln!(out, "  {line}")?;
            }
        }
    }
    for file in &run.skipped_files {
        writeln!(out, "{}: skipped ({})", file.file, file.reason)?;
    }
    let cards = run.cards().count();
    writeln!(
        out,
        "{cards} {} from {} {}; {} skipped{}",
        plural(cards, "card", "cards"),
        run.documents.len(),
        plural(run.documents.len(), "file", "files"),
        skipped.len(),
        if show_skipped || skipped.is_empty() {
            ""
        } else {
            " (list them with --show-skipped)"
        },
    )?;
    if show_skipped && !skipped.is_empty() {
        writeln!(out, "\nskipped:")?;
        for s in skipped {
            let lines = match (s.line, s.end_line) {
                (Some(a), Some(b)) if a == b => format!(":{a}"),
                (Some(a), Some(b)) => format!(":{a}-{b}"),
                _ => String::new(),
            };
            writeln!(out, "  {}{lines}  {}", s.file, s.reason)?;
            if !s.excerpt.is_empty() {
                writeln!(out, "      {}", s.excerpt)?;
            }
        }
    }
    Ok(())
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
