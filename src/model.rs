//! The card model: what a parsed question-and-answer pair is and where it came from.
//!
//! Data only, no I/O. The serialised shape of [`Card`] and [`Skipped`] is the stable JSON contract of
//! `prep parse --format json` (documented in the README); fields marked `serde(skip)` are internal.

use serde::Serialize;

/// A stable card identifier: 16 hex digits of a SHA-256 over the document key, the normalised question
/// and the question's occurrence number in that document.
///
/// It survives edits to the answer and to the question's spacing, case and quote style, and stays unique
/// where a page repeats a question word for word.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct CardId(pub String);

impl std::fmt::Display for CardId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How much a finding matters. Ordered: `Info < Warning < Error`. Spelt `info`, `warning`, `error`
/// in every output and in `lints.toml`; `warn` (and `warnings` after `--deny`) is read as `warning`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Severity {
    /// Worth knowing; never fails a run unless asked to (`--deny info`).
    Info,
    /// Worth fixing; fails a run when asked to (`--deny warning`, `fail-on = "warning"`).
    #[value(alias = "warn", alias = "warnings")]
    Warning,
    /// Must be fixed: fails `prep lint` and `prep build` by default.
    Error,
}

impl Severity {
    /// The word every output and `lints.toml` use for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity a word of `lints.toml` names (`warn` too), if any.
    pub fn from_word(word: &str) -> Option<Severity> {
        match word {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Where a card sits in its original file. Positions are into the original bytes (BOM and CR included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    /// The file as it was named on the command line or found under a named directory.
    pub file: String,
    /// 1-based line of the question.
    pub line: usize,
    /// 1-based line of the card's last non-blank line.
    pub end_line: usize,
    /// Byte offset of the card's first byte (its question marker) in the original file.
    pub offset: usize,
    /// Length in bytes of the card in the original file, up to the end of its last non-blank line.
    pub length: usize,
}

/// `file:line`, the place people read and editors jump to.
impl std::fmt::Display for SourceRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A run of a card field's text that was copied verbatim from the source file.
///
/// Fields are assembled from such runs (plus markers we write ourselves, such as `- ` for a `•` bullet),
/// so any position in a field that lies inside a piece maps back to an exact byte of the original file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Byte offset into the field's text.
    pub field_offset: usize,
    /// Byte offset into the file's text: the original file for UTF-8; for a file decoded from UTF-16,
    /// the decoded text (`ParseRun::original_span` gives the file's bytes).
    pub source_offset: usize,
    /// Length in bytes; the same in both.
    pub len: usize,
}

/// The source map of one card: for each text field, the verbatim pieces it is made of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardMap {
    /// The pieces of [`Card::question`], in order.
    pub question: Vec<Piece>,
    /// The pieces of [`Card::answer`], in order.
    pub answer: Vec<Piece>,
    /// The pieces of [`Card::example`], in order (none without an example).
    pub example: Vec<Piece>,
}

impl CardMap {
    /// Maps a byte offset in a field to the byte offset in the original file, if it was copied verbatim.
    pub fn to_source(pieces: &[Piece], field_offset: usize) -> Option<usize> {
        pieces
            .iter()
            .find(|p| (p.field_offset..p.field_offset + p.len).contains(&field_offset))
            .map(|p| p.source_offset + (field_offset - p.field_offset))
    }
}

/// One question with its answer, as parsed from a source document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    /// Stable across edits of the answer (see [`CardId`]).
    pub id: CardId,
    /// Plain text, without numbering or marker (`12.`, `Q3:`, `Question 4 –`, `##`, `**`).
    pub question: String,
    /// Markdown: paragraphs, lists and code blocks kept.
    pub answer: String,
    /// The "Example:" / "Example answer:" part, kept apart from the answer.
    pub example: Option<String>,
    /// The heading the card sits under, if any (the document title is not a section).
    pub section: Option<String>,
    /// The front matter's `tags`, then `faq` for a card under an FAQ heading.
    pub tags: Vec<String>,
    /// Where the card is in its original file.
    pub source: SourceRef,
    /// Where each part of its text is in the file, for placing findings: not part of the JSON.
    /// [`CardMap::default`] (no piece) for a card made by hand.
    #[serde(skip)]
    pub map: CardMap,
}

/// A block of a source that did not become part of any card, and why. Nothing is dropped silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The file, as in [`SourceRef::file`].
    pub file: String,
    /// 1-based first line of the block; `None` when the whole file was skipped.
    pub line: Option<usize>,
    /// 1-based last line of the block; `None` when the whole file was skipped.
    pub end_line: Option<usize>,
    /// Why it is not part of a card ("boilerplate: cookie banner", "document title").
    pub reason: String,
    /// The block's first line, shortened, for `--show-skipped`; not part of the JSON contract.
    #[serde(skip)]
    pub excerpt: String,
}

impl Skipped {
    /// Shortens a block's first line for display.
    pub fn excerpt_of(text: &str) -> String {
        let first = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or_default();
        match first.char_indices().nth(72) {
            Some((cut, _)) => format!("{}…", &first[..cut]),
            None => first.to_owned(),
        }
    }
}

/// Document-level facts later stages use (deck names, tags), from front matter or the title line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentMeta {
    /// The front matter's `title`, the first `#` heading, or a plain-text page's title line.
    pub title: Option<String>,
    /// The front matter's `deck`: the Anki subdeck of the document's cards.
    pub deck: Option<String>,
}

/// The layouts a document can use to mark its questions. The parser picks one per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// `1.` `2.` … numbering at the start of unindented lines.
    Numbered,
    /// `Q:` / `Q1:` / `Question 4 –` markers, with `A:` / `Answer:` answers.
    Marked,
    /// A lone line ending in `?` followed by a paragraph.
    Bare,
    /// Lines that repeat the entries of the page's own table of contents.
    Contents,
    /// Markdown: question headings, bold questions, `<details>` blocks.
    Markdown,
}

impl Layout {
    /// A short name for summaries.
    pub fn label(self) -> &'static str {
        match self {
            Layout::Numbered => "numbered",
            Layout::Marked => "Q:/A: markers",
            Layout::Bare => "lone questions",
            Layout::Contents => "questions from the page's contents",
            Layout::Markdown => "Markdown",
        }
    }

    /// What the layout looks like, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Layout::Numbered => "numbered questions (`1.`, `2.`, …)",
            Layout::Marked => "`Q:`/`A:` or `Question N –`/`Answer:` markers",
            Layout::Bare => "lone lines ending in `?` followed by a paragraph",
            Layout::Contents => {
                "lines repeating the entries of the page's own table of contents, and lone lines ending in `?`"
            }
            Layout::Markdown => "Markdown question headings, bold questions and <details> blocks",
        }
    }
}

/// Everything parsed from one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedDocument {
    /// The file, as in [`SourceRef::file`].
    pub file: String,
    /// How the document marks its questions; `None` when none was found.
    pub layout: Option<Layout>,
    /// Its title and deck.
    pub meta: DocumentMeta,
    /// Its cards, in the order of the file.
    pub cards: Vec<Card>,
    /// Every block of the file left out of the cards, with why: together with the cards, they
    /// account for every non-blank line.
    pub skipped: Vec<Skipped>,
    /// How the parser read the document: which structures held the questions and why, one line each
    /// (`prep parse --explain`).
    pub explain: Vec<String>,
}

/// Another card's answer kept on a canonical card when their questions were merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alternate {
    /// The merged card's fields, as on its [`Card`].
    pub id: CardId,
    pub question: String,
    pub answer: String,
    pub example: Option<String>,
    pub source: SourceRef,
}

/// A card after deduplication: the canonical card of its cluster with every merged member's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DedupedCard {
    /// The card the cluster keeps (see [`Keep`](crate::Keep)).
    pub card: Card,
    /// The merged members, in source order. Nothing is dropped: every answer is here or on `card`.
    pub alternates: Vec<Alternate>,
    /// The other phrasings of the question, without repeats.
    pub also_asked_as: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_reads_as_file_and_line() {
        let source = SourceRef {
            file: "notes/rust.md".into(),
            line: 12,
            end_line: 15,
            offset: 340,
            length: 80,
        };
        assert_eq!(source.to_string(), "notes/rust.md:12");
    }
}
