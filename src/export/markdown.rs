//! The study document: the deduplicated cards as one Markdown file that `prep parse` reads back to
//! the same questions, answers and examples.
//!
//! Owns the document's layout: title, table of contents, one section per deck, one `###` heading per
//! question, and an "Also asked as" list closing each section. Answers are written as the Markdown
//! they are, examples as a quote of it; only headings and list text are escaped. Whether a heading would be read as
//! a question is asked of the Markdown parser itself, so the layout cannot drift from what it reads.
//!
//! Sections follow the entries' decks, not the cards' source headings: every entry has a deck, the
//! study document then has the same sections as the Anki deck, and source headings are often generic
//! ("Questions", "FAQ") and repeat across files, which would pull unrelated cards together.

use std::collections::BTreeMap;
// Writing to a `String` cannot fail, so the results of `write!` on one are ignored.
use std::fmt::Write as _;
use std::sync::LazyLock;

use crate::export::{Entry, Export, ExportError, Exporter, Output};
use crate::report::parse::markdown::escape_inline;
use crate::source::{ParseContext, SourceFile, SourceKind, markdown};

/// The Markdown study document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Markdown;

impl Exporter for Markdown {
    fn write(&self, export: &Export, out: &mut dyn Output) -> Result<(), ExportError> {
        out.write_all(render(export).as_bytes())?;
        Ok(())
    }
}

/// The heading of each section's list of merged duplicates.
const ALSO_ASKED_AS: &str = "Also asked as";
const CONTENTS: &str = "Contents";

/// A heading as written (escaped Markdown, no `#` marks) and the anchor a renderer gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Heading {
    markdown: String,
    anchor: String,
}

/// One section: a deck's entries in source order, with their question headings.
struct Section<'e> {
    heading: Heading,
    entries: Vec<(&'e Entry, Heading)>,
}

/// The whole document as Markdown.
fn render(export: &Export) -> String {
    let mut anchors = Anchors::default();
    let title = name_heading(1, &export.title, export.entries.len(), &mut anchors);
    let mut out = format!("# {}\n", title.markdown);
    if export.entries.is_empty() {
        return out;
    }
    let contents = anchors.heading(CONTENTS.to_owned(), CONTENTS);
    let sections = sections(export, &mut anchors);
    let _ = write!(out, "\n## {}\n\n", contents.markdown);
    for section in &sections {
        let _ = writeln!(
            out,
            "- [{}](#{})",
            section.heading.markdown, section.heading.anchor
        );
    }
    for section in &sections {
        write_section(&mut out, section);
    }
    out
}

/// Groups entries by deck, in the order each deck first appears, keeping source order within one.
fn sections<'e>(export: &'e Export, anchors: &mut Anchors) -> Vec<Section<'e>> {
    let mut order: BTreeMap<&str, usize> = BTreeMap::new();
    let mut groups: Vec<(&str, Vec<&Entry>)> = Vec::new();
    for entry in &export.entries {
        let at = *order.entry(&entry.deck).or_insert_with(|| {
            groups.push((&entry.deck, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(entry);
    }
    let names = section_names(&groups);
    // Anchors are numbered in document order, so each section's questions are counted before the
    // next section's heading, as a renderer meets them.
    groups
        .into_iter()
        .zip(names)
        .map(|((_, entries), name)| {
            let heading = name_heading(2, &name, entries.len(), anchors);
            let entries = entries
                .into_iter()
                .map(|entry| (entry, question_heading(&entry.card.question, anchors)))
                .collect();
            let section = Section { heading, entries };
            if section
                .entries
                .iter()
                .any(|(e, _)| !e.alternates.is_empty())
            {
                anchors.heading(ALSO_ASKED_AS.to_owned(), ALSO_ASKED_AS);
            }
            section
        })
        .collect()
}

/// Each deck's last `::` component, or its full name where two decks share a last component.
fn section_names(groups: &[(&str, Vec<&Entry>)]) -> Vec<String> {
    let last = |deck: &str| deck.rsplit("::").next().unwrap_or(deck).trim().to_owned();
    let mut uses: BTreeMap<String, usize> = BTreeMap::new();
    for (deck, _) in groups {
        *uses.entry(last(deck)).or_default() += 1;
    }
    groups
        .iter()
        .map(|(deck, _)| {
            let name = last(deck);
            if uses[&name] > 1 {
                (*deck).to_owned()
            } else {
                name
            }
        })
        .collect()
}

fn write_section(out: &mut String, section: &Section<'_>) {
    let _ = write!(out, "\n## {}\n", section.heading.markdown);
    for (entry, heading) in &section.entries {
        let card = &entry.card;
        let _ = write!(out, "\n### {}\n", heading.markdown);
        if !card.answer.is_empty() {
            let _ = write!(out, "\n{}\n", card.answer);
        }
        if let Some(example) = card.example.as_deref().filter(|e| !e.is_empty()) {
            // The parser's `Example:` marker: what follows it, to the next heading, is the example;
            // set as a quote, whose marks the parser removes again.
            let _ = write!(out, "\n**Example:**\n\n{}\n", quoted(example));
        }
    }
    write_also_asked(out, section);
}

/// The merged duplicates of a section's entries: each kept question, then every duplicate's wording
/// (or "same wording") and source.
///
/// They close the section under a heading of the questions' level that is not a question, which
/// ends the last card; a list under it is never a card. The next section's heading then resets the
/// section the parser reports.
fn write_also_asked(out: &mut String, section: &Section<'_>) {
    let merged: Vec<_> = section
        .entries
        .iter()
        .filter(|(entry, _)| !entry.alternates.is_empty())
        .collect();
    if merged.is_empty() {
        return;
    }
    let _ = write!(out, "\n### {ALSO_ASKED_AS}\n\n");
    for (entry, heading) in merged {
        let source = &entry.card.source;
        let _ = writeln!(
            out,
            "- [{}](#{}) ({})",
            escape_inline(&entry.card.question),
            heading.anchor,
            escape_inline(&source.to_string()),
        );
        for alternate in &entry.alternates {
            let wording = if entry.also_asked_as.contains(&alternate.question) {
                format!("“{}”", escape_inline(&alternate.question))
            } else {
                "same wording".to_owned()
            };
            let at = alternate.source.to_string();
            let _ = writeln!(out, "  - {wording} ({})", escape_inline(&at));
        }
    }
}

/// A question's heading: the question alone when the parser reads exactly that back, otherwise
/// behind a `Q:` marker, which makes any heading a question (a prompt such as "Kubernetes basics"
/// that does not read like one, or one starting with `1.` or `Q:` that the parser would strip).
fn question_heading(question: &str, anchors: &mut Anchors) -> Heading {
    let plain = escape_inline(question);
    if question_read_from(&format!("### {plain}")).as_deref() == Some(question) {
        anchors.heading(plain, question)
    } else {
        anchors.heading(format!("Q: {plain}"), &format!("Q: {question}"))
    }
}

/// A title or section heading: the name alone, unless the parser would read that as a question and
/// so turn it into a card. Then `Deck: <name> (<n> questions)`: a first word that is no question
/// word, and a last character that is no question mark.
fn name_heading(level: usize, name: &str, questions: usize, anchors: &mut Anchors) -> Heading {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let plain = escape_inline(&name);
    if question_read_from(&format!("{} {plain}", "#".repeat(level))).is_none() {
        return anchors.heading(plain, &name);
    }
    let count = match questions {
        1 => "1 question".to_owned(),
        n => format!("{n} questions"),
    };
    anchors.heading(
        format!("Deck: {plain} ({count})"),
        &format!("Deck: {name} ({count})"),
    )
}

/// The question `prep parse` reads from a lone heading line, if it reads one.
fn question_read_from(line: &str) -> Option<String> {
    // Built once: the default boilerplate patterns are slow to compile. Headings never meet them.
    static CONTEXT: LazyLock<ParseContext> = LazyLock::new(ParseContext::default);
    let file = SourceFile {
        display: "heading.md".to_owned(),
        key: "heading.md".to_owned(),
        text: format!("{line}\n"),
        kind: SourceKind::Markdown,
    };
    let card = markdown::parse(&file, &CONTEXT).cards.into_iter().next()?;
    Some(card.question)
}

/// Heading anchors as GitHub (and most renderers after it) makes them: the text lower-cased, spaces
/// as `-`, other punctuation dropped, and `-1`, `-2`… after a repeat, counted over the whole page.
#[derive(Debug, Default)]
struct Anchors {
    seen: BTreeMap<String, usize>,
}

impl Anchors {
    /// Registers the next heading of the page; `text` is what it displays.
    fn heading(&mut self, markdown: String, text: &str) -> Heading {
        let base: String = text
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect();
        let mut anchor = base.clone();
        while self.seen.contains_key(&anchor) {
            let repeats = self.seen.entry(base.clone()).or_default();
            *repeats += 1;
            anchor = format!("{base}-{repeats}");
        }
        self.seen.insert(anchor.clone(), 0);
        Heading { markdown, anchor }
    }
}

/// Text as a Markdown blockquote: every line behind `> ` (a blank line behind `>`), so that blank
/// lines inside keep it one quote.
fn quoted(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            if line.is_empty() {
                ">".to_owned()
            } else {
                format!("> {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors(texts: &[&str]) -> Vec<String> {
        let mut anchors = Anchors::default();
        texts
            .iter()
            .map(|t| anchors.heading(String::new(), t).anchor)
            .collect()
    }

    #[test]
    fn anchors_follow_github() {
        assert_eq!(
            anchors(&[
                "What is `Vec<T>`?",
                "C# & F#",
                "Backend",
                "Backend",
                "Backend-1"
            ]),
            [
                "what-is-vect",
                "c--f",
                "backend",
                "backend-1",
                "backend-1-1"
            ]
        );
    }

    #[test]
    fn questions_take_a_marker_only_when_they_need_one() {
        let mut anchors = Anchors::default();
        let mut heading = |q: &str| question_heading(q, &mut anchors).markdown;
        assert_eq!(heading("Why is <script> bad?"), r"Why is \<script\> bad?");
        assert_eq!(heading("Kubernetes basics"), "Q: Kubernetes basics");
        assert_eq!(heading("1. What comes first?"), "Q: 1. What comes first?");
        assert_eq!(heading("Q: Why?"), "Q: Q: Why?");
    }

    #[test]
    fn names_that_read_as_questions_are_labelled() {
        let mut anchors = Anchors::default();
        let mut heading = |name: &str, n| name_heading(2, name, n, &mut anchors).markdown;
        assert_eq!(heading("Backend", 3), "Backend");
        assert_eq!(heading("Why Rust?", 1), "Deck: Why Rust? (1 question)");
        assert_eq!(
            heading("How to prepare", 2),
            "Deck: How to prepare (2 questions)"
        );
        assert_eq!(heading("Q: notes", 2), "Deck: Q: notes (2 questions)");
        for labelled in [
            "Deck: Why Rust? (1 question)",
            "Deck: Q: notes (2 questions)",
        ] {
            assert_eq!(question_read_from(&format!("## {labelled}")), None);
        }
        for fixed in [CONTENTS, ALSO_ASKED_AS] {
            assert_eq!(question_read_from(&format!("### {fixed}")), None);
        }
    }
}
