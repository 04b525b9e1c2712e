//! Property tests for the parsers: they never panic, nothing is lost without a word (every non-blank
//! line is in a card or in a skipped block, see [`check_nothing_lost`]), every card's positions point
//! at the bytes it came from, hostile Markdown (unclosed HTML blocks, `</details>` followed by a
//! question, "back to top" links, tables of contents) costs no question, `normalize_question` is
//! idempotent, and `prep parse --format md` and the Markdown study document (`export::markdown`) read
//! back to the same cards. Lines end at `\n`, `\r\n` or a lone `\r`.
//!
//! The realistic documents are assembled from layout-aware pieces (see [`Doc`] and [`render`]), so each
//! case knows the questions, answers and examples it wrote and checks the parser found exactly those.
//! A failing case prints the whole document. Failures are not persisted to a regressions file; run
//! deeper with `PROPTEST_CASES=20000 cargo test --test properties`.

mod common;

use common::coverage::{ends_line, source_lines};

use std::collections::BTreeSet;
use std::io::Cursor;
use std::sync::LazyLock;

use prep::export::markdown::Markdown;
use prep::export::{Export, Exporter};
use prep::model::{Card, ParsedDocument, Piece};
use prep::normalize::normalize_question;
use prep::report::parse::markdown as parse_markdown;
use prep::source::{ParseContext, ParseRun, SourceKind, parse_bytes};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

use common::markup_blind;
use common::proptest_config as config;

/// Compiling the boilerplate patterns is slow in a debug build: once per test binary, not per case.
static CTX: LazyLock<ParseContext> = LazyLock::new(ParseContext::default);

// ---------------------------------------------------------------------------------------------------
// Vocabulary. Question stems read like questions (an interrogative or a prompt verb first); answer and
// example sentences end in a full stop, so they are never lone questions, headings or link lists; none
// of it is page furniture, and none of it is Markdown markup.
// ---------------------------------------------------------------------------------------------------

const QUESTIONS: &[&str] = &[
    "What is the difference between a process and a thread?",
    "How does a hash map handle collisions?",
    "Why would you put a queue between two services?",
    "What's the CAP theorem?",
    "When should you denormalise a table?",
    "Can you explain what \"eventual consistency\" means?",
    "Describe a time you disagreed with a teammate",
    "Explain how a rolling update works",
    "Tell me about a project you're proud of",
    "Walk me through debugging a slow query",
    "How do you decide what goes on the roadmap?",
    "Is Rust's borrow checker worth the learning curve?",
    "Why is caching hard?",
];

/// Questions with characters Markdown reads as markup. Plain text keeps them verbatim and the
/// Markdown writer escapes them, so they belong in plain-text documents only.
const PUNCTUATED_QUESTIONS: &[&str] = &[
    "How do `Vec<T>` and &[T] differ?",
    "What does C# add over Java?",
    "Why does 2 * 3_000 overflow a [u8]?",
];

/// `Q:` prompts that do not read like questions; the plain-text parser takes them on the marker alone.
const STATEMENTS: &[&str] = &[
    "Kubernetes basics",
    "Your biggest weakness",
    "Favourite sorting algorithm",
];

const SENTENCES: &[&str] = &[
    "A thread shares memory with the other threads of its process.",
    "Colliding keys go to a bucket list or to the next free slot.",
    "It decouples the producer from the consumer.",
    "I measured first and changed one thing at a time.",
    "The trade-off is extra storage and slower writes.",
    "We cut the p99 latency from 800 ms to 120 ms.",
    "Readers never block writers, and writers never block readers.",
    "It depends on the mix of reads and writes.",
    "Start with the plan, not the code.",
    "That's the short version; the long one involves consensus.",
    "In the end we agreed on a \"good enough\" design.",
];

const LEADS: &[&str] = &[
    "It comes down to a few steps:",
    "I usually check these things:",
    "There are three parts:",
];

const ITEMS: &[&str] = &[
    "measure the baseline",
    "change one setting",
    "compare the results with the baseline",
    "write down what you learned",
    "roll back if it got worse",
];

const EXAMPLES: &[&str] = &[
    "We moved the nightly report to a queue.",
    "Our checkout page went from 4 s to 2 s.",
    "I paired with the designer for an afternoon.",
];

/// Single-line blocks of page furniture that the built-in boilerplate patterns recognise.
const FURNITURE: &[&str] = &[
    "Share on LinkedIn",
    "5 min read",
    "Subscribe to our newsletter for weekly tips",
    "Image: a laptop on a desk",
];

/// Section headings (in plain text recognisable by their shape alone).
const HEADINGS: &[&str] = &["Behavioural Questions", "System Design Basics"];

/// Furniture after the last answer, which ends it.
const TRAILERS: &[&str] = &["12 Comments", "Leave a reply", "Share on LinkedIn"];

/// Raw HTML that opens a CommonMark HTML block running to its closing tag, or to the end of the file
/// when there is none.
const UNCLOSED: &[&str] = &["<script>", "<!--", "<pre>", "<style>", "<textarea>"];

/// The "back to top" link many question repositories put after every answer.
const BACK_TO_TOP: &str = r##"<div align="right"><b><a href="#top">back to top</a></b></div>"##;

// ---------------------------------------------------------------------------------------------------
// The document generator: a `Doc` says what to write, `render` writes it and the cards it should give.
// ---------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DocLayout {
    /// `1. question` (or `1) question`).
    Numbered,
    /// `Q: question` / `A: answer` (or `Q1:`).
    QaPairs,
    /// `Question 1 – question` / `Answer: answer`.
    QuestionDash,
    /// A lone `question?` line followed by a paragraph.
    Bare,
    /// `## question` (or `### 3. question`).
    MdHeading,
    /// `**question**` (or `**Q: question**`).
    MdBold,
    /// `<details><summary>question</summary>…</details>`.
    MdDetails,
}

const PLAIN_LAYOUTS: &[DocLayout] = &[
    DocLayout::Numbered,
    DocLayout::QaPairs,
    DocLayout::QuestionDash,
    DocLayout::Bare,
];

const MARKDOWN_LAYOUTS: &[DocLayout] = &[
    DocLayout::MdHeading,
    DocLayout::MdBold,
    DocLayout::MdDetails,
];

const ALL_LAYOUTS: &[DocLayout] = &[
    DocLayout::Numbered,
    DocLayout::QaPairs,
    DocLayout::QuestionDash,
    DocLayout::Bare,
    DocLayout::MdHeading,
    DocLayout::MdBold,
    DocLayout::MdDetails,
];

impl DocLayout {
    fn is_markdown(self) -> bool {
        matches!(self, Self::MdHeading | Self::MdBold | Self::MdDetails)
    }

    fn kind(self) -> SourceKind {
        if self.is_markdown() {
            SourceKind::Markdown
        } else {
            SourceKind::PlainText
        }
    }

    fn file_name(self) -> &'static str {
        if self.is_markdown() {
            "page.md"
        } else {
            "page.txt"
        }
    }
}

/// Departures from the tidy documents, each switched on only by the properties that want it.
#[derive(Debug, Clone, Copy, Default)]
struct Variations {
    /// Trailing white space at the end of Markdown blocks (plain text gets it regardless).
    markdown_trailing_space: bool,
    /// Lists whose items alternate between `1.` and `•` markers.
    mixed_lists: bool,
    /// `Q:` / `Question N –` prompts that do not read like questions.
    statement_questions: bool,
    /// `Answer:` before the answers of numbered and lone-question layouts too.
    answer_markers_everywhere: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListStyle {
    Numbered,
    Bullet,
    Dash,
}

#[derive(Debug, Clone)]
struct List {
    style: ListStyle,
    /// An item and whether it is a nested bullet under the item before it.
    items: Vec<(usize, bool)>,
    /// Every second item is a `•` whatever the style.
    mixed: bool,
}

#[derive(Debug, Clone)]
struct Paragraph {
    /// Lines of one or two sentences each.
    lines: Vec<Vec<usize>>,
    /// An indented list closing the paragraph, introduced by a lead line ending in `:`.
    list: Option<(usize, List)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ExampleStyle {
    /// `Example: …` as a block of its own.
    OwnBlock,
    /// `Example: …` as the last line of the answer's last block.
    SameBlock,
    /// `Example:` on a line of its own, the example on the next line.
    MarkerLine,
    /// `Example:` as a block, the example as the next block.
    MarkerBlock,
    /// `Example answer: …` as a block of its own.
    ExampleAnswer,
}

#[derive(Debug, Clone)]
struct Entry {
    /// Index into the layout's pool of questions (taken modulo its length).
    question: usize,
    /// The first answer line directly under the question, with no blank line between.
    answer_inline: bool,
    paragraphs: Vec<Paragraph>,
    example: Option<(ExampleStyle, usize)>,
    /// A furniture block (`Ok`) or a section heading (`Err`) after the card.
    after: Option<Result<usize, usize>>,
}

/// Markup from real Markdown pages, written between entries, that parsers have mistaken for more
/// than it is.
#[derive(Debug, Clone)]
enum Hostile {
    /// One of [`UNCLOSED`] on a line of its own, then a blank line.
    Unclosed(&'static str),
    /// A `<details>` question whose `</details>` line is followed at once by a bold question:
    /// questions and answers (indices into [`QUESTIONS`] and [`SENTENCES`]) of the two cards.
    BoldAfterDetails([usize; 2], [usize; 2]),
    /// [`BACK_TO_TOP`].
    BackToTop,
    /// A table of contents: a bullet list of `[question](#anchor)` links (indices into [`QUESTIONS`]).
    Contents(Vec<usize>),
}

#[derive(Debug, Clone)]
struct Doc {
    layout: DocLayout,
    variations: Variations,
    entries: Vec<Entry>,
    /// Title, byline, reading time and an intro paragraph before the first question.
    preamble: bool,
    trailer: Option<usize>,
    /// Alternative question markers (`1)`, `Q1:`, `Question 1:`, `### 1.`, `**Q: …**`).
    alt_markers: bool,
    crlf: bool,
    bom: bool,
    curly: bool,
    /// Cycled over the lines: how much trailing white space each gets (empty: none).
    ragged: Vec<u8>,
    /// The number of the first question (`1.`, `Q1:`, `Question 1 –`, `### 1.`).
    first_number: usize,
    /// Markdown only: hostile blocks written before entry `k` (after the last when `k` is their
    /// number).
    hostile: Vec<(usize, Hostile)>,
}

/// A rendered document and the cards it was built to contain.
#[derive(Clone)]
struct Generated {
    layout: DocLayout,
    text: String,
    expected: Vec<Fields>,
    /// For each expected card, how closely its answer must match (see [`Fit`]).
    fits: Vec<Fit>,
}

impl std::fmt::Debug for Generated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{:?} document ({} bytes):", self.layout, self.text.len())?;
        writeln!(f, "{}", self.text.replace('\r', "\\r").replace('\t', "\\t"))?;
        write!(f, "expected: {:#?}", self.expected)?;
        if self.fits.iter().any(|&fit| fit != Fit::Exact) {
            write!(f, "\nfits: {:?}", self.fits)?;
        }
        Ok(())
    }
}

/// How closely a card next to a [`Hostile`] block must match what was written. Where such a block
/// goes is not part of the contract: the card before may take it into its answer or example, and a
/// parser recovering from it may read the card after with different markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// Field by field.
    Exact,
    /// Answer and example equal once [`markup_blind`].
    Blind,
    /// Answer and example start, once [`markup_blind`], with what was written.
    BlindPrefix,
}

/// What a card says, without where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fields {
    question: String,
    answer: String,
    example: Option<String>,
}

fn fields(cards: &[Card]) -> Vec<Fields> {
    cards
        .iter()
        .map(|c| Fields {
            question: c.question.clone(),
            answer: c.answer.clone(),
            example: c.example.clone(),
        })
        .collect()
}

fn list_strategy(mixed: bool) -> impl Strategy<Value = List> {
    let style = prop_oneof![
        Just(ListStyle::Numbered),
        Just(ListStyle::Bullet),
        Just(ListStyle::Dash)
    ];
    let items = prop::collection::vec((0..ITEMS.len(), prop::bool::weighted(0.2)), 1..=4);
    (style, items).prop_map(move |(style, mut items)| {
        // The first item cannot nest under nothing.
        items[0].1 = false;
        List {
            style,
            items,
            mixed,
        }
    })
}

fn paragraph_strategy(mixed_lists: bool) -> impl Strategy<Value = Paragraph> {
    let line = prop::collection::vec(0..SENTENCES.len(), 1..=2);
    (
        prop::collection::vec(line, 1..=2),
        prop::option::weighted(0.3, (0..LEADS.len(), list_strategy(mixed_lists))),
    )
        .prop_map(|(lines, list)| Paragraph { lines, list })
}

fn example_strategy() -> impl Strategy<Value = (ExampleStyle, usize)> {
    let style = prop_oneof![
        Just(ExampleStyle::OwnBlock),
        Just(ExampleStyle::SameBlock),
        Just(ExampleStyle::MarkerLine),
        Just(ExampleStyle::MarkerBlock),
        Just(ExampleStyle::ExampleAnswer),
    ];
    (style, 0..EXAMPLES.len())
}

fn entry_strategy(mixed_lists: bool) -> impl Strategy<Value = Entry> {
    let after = prop_oneof![
        3 => (0..FURNITURE.len()).prop_map(Ok),
        1 => (0..HEADINGS.len()).prop_map(Err),
    ];
    (
        0..1000usize,
        any::<bool>(),
        prop::collection::vec(paragraph_strategy(mixed_lists), 1..=3),
        prop::option::weighted(0.35, example_strategy()),
        prop::option::weighted(0.25, after),
    )
        .prop_map(
            |(question, answer_inline, paragraphs, example, after)| Entry {
                question,
                answer_inline,
                paragraphs,
                example,
                after,
            },
        )
}

fn doc_strategy(layouts: &[DocLayout], variations: Variations) -> impl Strategy<Value = Doc> {
    let page = (
        any::<bool>(),
        prop::option::weighted(0.3, 0..TRAILERS.len()),
        any::<bool>(),
    );
    let encoding = (
        any::<bool>(),
        prop::bool::weighted(0.3),
        any::<bool>(),
        prop::option::weighted(0.4, prop::collection::vec(0u8..6, 1..24)),
    );
    (
        select(layouts.to_vec()),
        prop::collection::vec(entry_strategy(variations.mixed_lists), 1..=8),
        page,
        encoding,
    )
        .prop_map(
            move |(layout, entries, (preamble, trailer, alt_markers), encoding)| {
                let (crlf, bom, curly, ragged) = encoding;
                Doc {
                    layout,
                    variations,
                    entries,
                    preamble,
                    trailer,
                    alt_markers,
                    crlf,
                    bom,
                    curly,
                    ragged: ragged.unwrap_or_default(),
                    first_number: 1,
                    hostile: Vec::new(),
                }
            },
        )
}

fn documents(layouts: &[DocLayout], variations: Variations) -> impl Strategy<Value = Generated> {
    doc_strategy(layouts, variations).prop_map(|doc| render(&doc))
}

/// The same document with every line ended by a lone `\r`.
fn with_lone_cr(generated: Generated) -> Generated {
    let text = generated.text.replace("\r\n", "\r").replace('\n', "\r");
    Generated { text, ..generated }
}

/// Plain-text numbered documents whose first question is numbered from `first`.
fn numbered_from(first: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Generated> {
    (
        doc_strategy(&[DocLayout::Numbered], Variations::default()),
        first,
    )
        .prop_map(|(mut doc, first)| {
            doc.first_number = first;
            render(&doc)
        })
}

fn hostile_strategy() -> impl Strategy<Value = Hostile> {
    let pair = |len| prop::array::uniform2(0..len);
    prop_oneof![
        3 => select(UNCLOSED).prop_map(Hostile::Unclosed),
        2 => (pair(QUESTIONS.len()), pair(SENTENCES.len()))
            .prop_map(|(questions, answers)| Hostile::BoldAfterDetails(questions, answers)),
        1 => Just(Hostile::BackToTop),
        1 => prop::collection::vec(0..QUESTIONS.len(), 2..=5).prop_map(Hostile::Contents),
    ]
}

/// Markdown documents with one to three [`Hostile`] blocks spliced in before, between or after
/// their entries.
fn hostile_documents() -> impl Strategy<Value = Generated> {
    (
        doc_strategy(MARKDOWN_LAYOUTS, Variations::default()),
        prop::collection::vec((any::<prop::sample::Index>(), hostile_strategy()), 1..=3),
    )
        .prop_map(|(mut doc, splices)| {
            let places = doc.entries.len() + 1;
            doc.hostile = splices
                .into_iter()
                .map(|(at, hostile)| (at.index(places), hostile))
                .collect();
            render(&doc)
        })
}

/// Straight quotes to curly ones: `'` to `’`, `"…"` to `“…”`.
fn curl(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open = true;
    for c in text.chars() {
        match c {
            '\'' => out.push('’'),
            '"' => {
                out.push(if open { '“' } else { '”' });
                open = !open;
            }
            c => out.push(c),
        }
    }
    out
}

/// Writes a document's lines; each `entry` returns the fields its card should have.
struct Renderer<'d> {
    doc: &'d Doc,
    lines: Vec<String>,
}

impl Renderer<'_> {
    fn md(&self) -> bool {
        self.doc.layout.is_markdown()
    }

    fn text(&self, s: &str) -> String {
        if self.doc.curly {
            curl(s)
        } else {
            s.to_owned()
        }
    }

    fn push(&mut self, line: impl Into<String>) {
        self.lines.push(line.into());
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn question_text(&self, entry: &Entry) -> String {
        let layout = self.doc.layout;
        let statements = self.doc.variations.statement_questions
            && matches!(layout, DocLayout::QaPairs | DocLayout::QuestionDash);
        let pool: Vec<&str> = if statements {
            STATEMENTS.to_vec()
        } else if layout.is_markdown() {
            QUESTIONS.to_vec()
        } else {
            QUESTIONS
                .iter()
                .chain(PUNCTUATED_QUESTIONS)
                .copied()
                .collect()
        };
        let mut q = self.text(pool[entry.question % pool.len()]);
        if layout == DocLayout::Bare && !q.ends_with('?') {
            q.push('?');
        }
        q
    }

    fn question(&mut self, n: usize, q: &str) {
        let alt = self.doc.alt_markers;
        let line = match (self.doc.layout, alt) {
            (DocLayout::Numbered, false) => format!("{n}. {q}"),
            (DocLayout::Numbered, true) => format!("{n}) {q}"),
            (DocLayout::QaPairs, false) => format!("Q: {q}"),
            (DocLayout::QaPairs, true) => format!("Q{n}: {q}"),
            (DocLayout::QuestionDash, false) => format!("Question {n} – {q}"),
            (DocLayout::QuestionDash, true) => format!("Question {n}: {q}"),
            (DocLayout::Bare, _) => q.to_owned(),
            (DocLayout::MdHeading, false) => format!("## {q}"),
            (DocLayout::MdHeading, true) => format!("### {n}. {q}"),
            (DocLayout::MdBold, false) => format!("**{q}**"),
            (DocLayout::MdBold, true) => format!("**Q: {q}**"),
            (DocLayout::MdDetails, false) => format!("<details>\n<summary>{q}</summary>"),
            (DocLayout::MdDetails, true) => format!("<details><summary>{q}</summary>"),
        };
        self.lines.extend(line.split('\n').map(str::to_owned));
    }

    /// Writes a list; returns the Markdown the parser should make of it.
    fn list(&mut self, list: &List) -> String {
        let mut expected = Vec::new();
        let mut number = 0;
        for (k, &(item, nested)) in list.items.iter().enumerate() {
            let text = self.text(ITEMS[item]);
            if nested {
                let marker = if self.md() { "   - " } else { "    • " };
                self.push(format!("{marker}{text}"));
                expected.push(format!("   - {text}"));
                continue;
            }
            let style = if list.mixed && k % 2 == 1 {
                ListStyle::Bullet
            } else {
                list.style
            };
            let (written, read) = match style {
                ListStyle::Numbered => {
                    number += 1;
                    (format!("{number}. "), format!("{number}. "))
                }
                ListStyle::Bullet => ("• ".to_owned(), "- ".to_owned()),
                ListStyle::Dash => ("- ".to_owned(), "- ".to_owned()),
            };
            if self.md() {
                self.push(format!("{read}{text}"));
            } else {
                self.push(format!("  {written}{text}"));
            }
            expected.push(format!("{read}{text}"));
        }
        expected.join("\n")
    }

    /// Writes an answer paragraph, `prefix` (`A: `) before its first line; returns its expected text.
    fn paragraph(&mut self, paragraph: &Paragraph, prefix: &str) -> String {
        let mut lines: Vec<String> = paragraph
            .lines
            .iter()
            .map(|line| {
                let sentences: Vec<String> =
                    line.iter().map(|&s| self.text(SENTENCES[s])).collect();
                sentences.join(" ")
            })
            .collect();
        if let Some((lead, _)) = &paragraph.list {
            lines.push(self.text(LEADS[*lead]));
        }
        let mut expected = lines.join("\n");
        for (k, line) in lines.iter().enumerate() {
            let prefix = if k == 0 { prefix } else { "" };
            self.push(format!("{prefix}{line}"));
        }
        if let Some((_, list)) = &paragraph.list {
            if self.md() {
                // Markdown: a `-` item right under a paragraph line would be a lazy continuation.
                self.blank();
            }
            // Plain text: the list sits in the lead's block, so it is never a link list.
            let items = self.list(list);
            expected.push_str("\n\n");
            expected.push_str(&items);
        }
        expected
    }

    /// Writes the example part; returns its expected text.
    fn example(&mut self, style: ExampleStyle, example: usize) -> String {
        let text = self.text(EXAMPLES[example]);
        let marker = if self.md() {
            "**Example:**"
        } else {
            "Example:"
        };
        match style {
            ExampleStyle::SameBlock if !self.md() => self.push(format!("Example: {text}")),
            ExampleStyle::OwnBlock | ExampleStyle::SameBlock => {
                self.blank();
                self.push(format!("{marker} {text}"));
            }
            ExampleStyle::MarkerLine => {
                self.blank();
                self.push(marker);
                self.push(text.clone());
            }
            ExampleStyle::MarkerBlock => {
                self.blank();
                self.push(marker);
                self.blank();
                self.push(text.clone());
            }
            ExampleStyle::ExampleAnswer => {
                self.blank();
                self.push(format!("Example answer: {text}"));
            }
        }
        text
    }

    fn entry(&mut self, n: usize, entry: &Entry) -> Fields {
        let layout = self.doc.layout;
        let question = self.question_text(entry);
        self.question(n, &question);
        let answer_prefix = match layout {
            DocLayout::QaPairs => "A: ",
            DocLayout::QuestionDash => "Answer: ",
            DocLayout::Numbered | DocLayout::Bare
                if self.doc.variations.answer_markers_everywhere =>
            {
                "Answer: "
            }
            _ => "",
        };
        // A heading or a summary always stands apart from its answer in Markdown.
        let may_be_inline = !matches!(layout, DocLayout::MdHeading | DocLayout::MdDetails);
        let mut answers = Vec::new();
        for (k, paragraph) in entry.paragraphs.iter().enumerate() {
            if !(k == 0 && entry.answer_inline && may_be_inline) {
                self.blank();
            }
            let prefix = if k == 0 { answer_prefix } else { "" };
            answers.push(self.paragraph(paragraph, prefix));
        }
        let example = entry
            .example
            .map(|(style, example)| self.example(style, example));
        if layout == DocLayout::MdDetails {
            self.blank();
            self.push("</details>");
        }
        match entry.after {
            Some(Ok(furniture)) => {
                self.blank();
                self.push(FURNITURE[furniture]);
            }
            Some(Err(heading)) => {
                self.blank();
                let hashes = if self.md() { "## " } else { "" };
                self.push(format!("{hashes}{}", HEADINGS[heading]));
            }
            None => {}
        }
        self.blank();
        Fields {
            question,
            answer: answers.join("\n\n"),
            example,
        }
    }

    fn preamble(&mut self) {
        if self.md() {
            self.push("# Backend Interview Questions");
        } else {
            self.push("Backend Interview Questions");
            self.push("By Jane Doe | Staff Writer");
        }
        self.blank();
        self.push("5 min read");
        self.blank();
        let intro = self.text("These questions come up in most backend interview loops.");
        self.push(intro);
        self.blank();
    }

    /// Writes a hostile block, then a blank line; returns the cards it holds.
    fn hostile(&mut self, hostile: &Hostile) -> Vec<Fields> {
        self.blank();
        let mut cards = Vec::new();
        match hostile {
            Hostile::Unclosed(tag) => self.push(*tag),
            Hostile::BoldAfterDetails(questions, answers) => {
                let [first, second] = questions.map(|q| self.text(QUESTIONS[q]));
                let [first_answer, second_answer] = answers.map(|a| self.text(SENTENCES[a]));
                self.push("<details>");
                self.push(format!("<summary>{first}</summary>"));
                self.blank();
                self.push(first_answer.clone());
                self.blank();
                self.push("</details>");
                self.push(format!("**{second}**"));
                self.blank();
                self.push(second_answer.clone());
                for (question, answer) in [(first, first_answer), (second, second_answer)] {
                    cards.push(Fields {
                        question,
                        answer,
                        example: None,
                    });
                }
            }
            Hostile::BackToTop => self.push(BACK_TO_TOP),
            Hostile::Contents(questions) => {
                for &q in questions {
                    let text = self.text(QUESTIONS[q]);
                    self.push(format!("- [{text}](#{})", anchor(&text)));
                }
            }
        }
        self.blank();
        cards
    }

    /// Trailing spaces and tabs, and blank lines that hold white space. Markdown gets them only where
    /// they cannot change the meaning: at the end of a block (two trailing spaces inside a paragraph
    /// are a hard break, kept verbatim in the answer).
    fn roughen(&mut self) {
        let ragged = &self.doc.ragged;
        if ragged.is_empty() || (self.md() && !self.doc.variations.markdown_trailing_space) {
            return;
        }
        let ends_block: Vec<bool> = (0..self.lines.len())
            .map(|i| self.lines.get(i + 1).is_none_or(String::is_empty))
            .collect();
        for (i, line) in self.lines.iter_mut().enumerate() {
            if self.doc.layout.is_markdown() && !line.is_empty() && !ends_block[i] {
                continue;
            }
            line.push_str(["", "", " ", "  ", "\t", " \t "][usize::from(ragged[i % ragged.len()])]);
        }
    }
}

fn render(doc: &Doc) -> Generated {
    let mut r = Renderer {
        doc,
        lines: Vec::new(),
    };
    if doc.preamble {
        r.preamble();
    }
    let mut expected = Vec::new();
    let mut fits = Vec::new();
    for k in 0..=doc.entries.len() {
        let mut after_hostile = false;
        for (_, hostile) in doc.hostile.iter().filter(|(at, _)| *at == k) {
            if let Some(fit) = fits.last_mut() {
                *fit = Fit::BlindPrefix;
            }
            let cards = r.hostile(hostile);
            fits.extend(cards.iter().map(|_| Fit::Blind));
            expected.extend(cards);
            after_hostile = true;
        }
        if let Some(entry) = doc.entries.get(k) {
            expected.push(r.entry(doc.first_number + k, entry));
            fits.push(if after_hostile {
                Fit::Blind
            } else {
                Fit::Exact
            });
        }
    }
    if let Some(trailer) = doc.trailer {
        r.blank();
        r.push(TRAILERS[trailer]);
    }
    r.roughen();
    let newline = if doc.crlf { "\r\n" } else { "\n" };
    let bom = if doc.bom { "\u{feff}" } else { "" };
    Generated {
        layout: doc.layout,
        text: format!("{bom}{}{newline}", r.lines.join(newline)),
        expected,
        fits,
    }
}

/// The fragment GitHub gives a heading: lower case, spaces to hyphens, other punctuation dropped.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

// ---------------------------------------------------------------------------------------------------
// Hostile input.
// ---------------------------------------------------------------------------------------------------

/// The alphabet of [`nasty_text`]: markers, line endings, BOMs and multibyte characters.
#[rustfmt::skip]
const NASTY: &[&str] = &[
    "\r", "\n", "\n", "\r\n", "\u{feff}", "?", "1.", "2)", " ", "  ", "\t", "Q:", "A:", "Q1:",
    "Question 3 – ", "Answer:", "Example:", "•", "- ", "**", "#", "## ", "<details>", "<summary>",
    "</summary>", "</details>", "`", "```", "---", "&amp;", "\\", "é", "“", "”", "’", "–", "😀",
    "What is X", "answer", "Why", "x", ".", ":",
];

/// The parts of a line of [`nasty_lines`]: indentation, a marker, words, an ending.
#[rustfmt::skip]
const NASTY_LINE: [&[&str]; 4] = [
    &["", "", " ", "  ", "    ", "\t", "\u{a0}"],
    &[
        "", "", "1. ", "2. ", "12) ", "Q: ", "Q1:", "A: ", "Answer: ", "Question 2 – ", "• ", "- ",
        "* ", "Example: ", "Example:", "**Example:** ", "## ", "## ", "# ", "**", "> ",
        "<details><summary>", "</details>", "```", "---", "1.", "A.",
    ],
    &[
        "What", "is", "X", "é", "“q”", "😀", "why", "Describe", "it", "**", "`c`", "&amp;", "<b>",
        "</summary>", "\\*", "?", ".", "–", "  ", "\u{feff}", "Share on LinkedIn", "5 min read",
        "\r",
    ],
    &["", "", "?", "?", ".", ":", "**", "</summary>", " ", "?”"],
];

/// Text from the [`NASTY`] alphabet.
fn nasty_text() -> impl Strategy<Value = String> {
    prop::collection::vec(select(NASTY), 0..160).prop_map(|parts| parts.concat())
}

/// Lines of indentation, a marker, words and an ending, and blank lines: hostile, but shaped enough
/// to make cards.
fn nasty_lines() -> impl Strategy<Value = String> {
    let [indents, markers, words, endings] = NASTY_LINE;
    let line = (
        select(indents),
        select(markers),
        // A bare marker (`Q:`, `Example:`, `1.`) is a case of its own: a third of the lines.
        prop_oneof![
            1 => Just(Vec::new()),
            2 => prop::collection::vec(select(words), 1..6),
        ],
        select(endings),
    )
        .prop_map(|(indent, marker, words, end)| {
            format!("{indent}{marker}{}{end}", words.join(" "))
        });
    let line = prop_oneof![4 => line, 1 => Just(String::new())];
    (
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(line, 0..40),
    )
        .prop_map(|(bom, crlf, lines)| {
            let bom = if bom { "\u{feff}" } else { "" };
            let newline = if crlf { "\r\n" } else { "\n" };
            format!("{bom}{}", lines.join(newline))
        })
}

fn kind() -> impl Strategy<Value = SourceKind> {
    prop_oneof![Just(SourceKind::PlainText), Just(SourceKind::Markdown)]
}

// ---------------------------------------------------------------------------------------------------
// Checks.
// ---------------------------------------------------------------------------------------------------

fn parse(name: &str, kind: SourceKind, text: &str) -> ParsedDocument {
    parse_bytes(name, kind, text.as_bytes().to_vec(), &CTX)
        .unwrap_or_else(|problem| panic!("{name} did not decode: {problem}"))
}

/// The 1-based line holding byte `at`.
fn line_of(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    (0..at).filter(|&i| ends_line(bytes, i)).count() + 1
}

fn squashed(s: &str) -> String {
    s.split_whitespace().collect()
}

/// Each piece copies its field's bytes from exactly those bytes of the file, within the card's span.
fn check_pieces(
    card: &Card,
    what: &str,
    field: &str,
    pieces: &[Piece],
    text: &str,
) -> Result<(), TestCaseError> {
    let span = card.source.offset..card.source.offset + card.source.length;
    for piece in pieces {
        let in_field = field.get(piece.field_offset..piece.field_offset + piece.len);
        let in_source = text.get(piece.source_offset..piece.source_offset + piece.len);
        prop_assert!(
            in_field.is_some() && in_field == in_source,
            "{} piece {:?} of {:?} maps {:?} to {:?}",
            what,
            piece,
            card.question,
            in_field,
            in_source
        );
        prop_assert!(
            span.start <= piece.source_offset && piece.source_offset + piece.len <= span.end,
            "{} piece {:?} of {:?} lies outside the card's span {:?}",
            what,
            piece,
            card.question,
            span
        );
    }
    Ok(())
}

/// The position contract of every card parsed from `text`: spans inside the file on character
/// boundaries, line numbers of their first and last bytes, exact pieces, unique ids.
fn check_positions(text: &str, cards: &[Card]) -> Result<(), TestCaseError> {
    for card in cards {
        let source = &card.source;
        let end = source.offset + source.length;
        prop_assert!(end <= text.len(), "span {:?} runs past the file", source);
        prop_assert!(
            text.is_char_boundary(source.offset) && text.is_char_boundary(end),
            "span {:?} cuts a character",
            source
        );
        prop_assert!(source.length > 0, "empty span {:?}", source);
        prop_assert_eq!(
            (source.line, source.end_line),
            (line_of(text, source.offset), line_of(text, end - 1)),
            "line and end_line of {:?} are not those of its span {:?}",
            card.question,
            source
        );
        check_pieces(card, "question", &card.question, &card.map.question, text)?;
        check_pieces(card, "answer", &card.answer, &card.map.answer, text)?;
        let example = card.example.as_deref().unwrap_or_default();
        check_pieces(card, "example", example, &card.map.example, text)?;
    }
    let ids: BTreeSet<_> = cards.iter().map(|c| &c.id).collect();
    prop_assert_eq!(ids.len(), cards.len(), "card ids are not unique");
    Ok(())
}

/// Nothing is lost without a word: every non-blank line of `text` lies within some card's lines or
/// some skipped block's lines (a file skipped whole covers them all), `<details>` wrappers too.
fn check_nothing_lost(text: &str, document: &ParsedDocument) -> Result<(), TestCaseError> {
    if document.skipped.iter().any(|s| s.line.is_none()) {
        return Ok(());
    }
    let cards = document.cards.iter().map(|c| {
        let what = format!("card {:?}", c.question);
        (c.source.line, c.source.end_line, what)
    });
    let skipped = document.skipped.iter().filter_map(|s| {
        let line = s.line?;
        Some((
            line,
            s.end_line.unwrap_or(line),
            format!("skipped: {}", s.reason),
        ))
    });
    let covered: Vec<_> = cards.chain(skipped).collect();
    let lost: Vec<String> = source_lines(text)
        .into_iter()
        .zip(1..)
        .filter(|&(line, n)| {
            !line.trim().is_empty() && !covered.iter().any(|(a, b, _)| (*a..=*b).contains(&n))
        })
        .map(|(line, n)| format!("  {n}: {line:?}"))
        .collect();
    if lost.is_empty() {
        return Ok(());
    }
    let mut covered = covered;
    covered.sort_by_key(|&(a, b, _)| (a, b));
    let covered: Vec<String> = covered
        .iter()
        .map(|(a, b, what)| format!("  {a}..={b} {what}"))
        .collect();
    Err(TestCaseError::fail(format!(
        "{} non-blank line(s) neither in a card nor skipped:\n{}\nlines accounted for:\n{}",
        lost.len(),
        lost.join("\n"),
        if covered.is_empty() {
            "  none".to_owned()
        } else {
            covered.join("\n")
        }
    )))
}

/// Every card's span contains its question, white space aside. (Not a contract for every input: a
/// `<summary>` with tags inside gives a rewritten question.)
fn check_questions_in_spans(text: &str, cards: &[Card]) -> Result<(), TestCaseError> {
    for card in cards {
        let source = &card.source;
        let slice = text.get(source.offset..source.offset + source.length);
        prop_assert!(
            slice.is_some_and(|slice| squashed(slice).contains(&squashed(&card.question))),
            "span {:?} = {:?} does not contain the question {:?}",
            source,
            slice,
            card.question
        );
    }
    Ok(())
}

fn check_generated(generated: &Generated) -> Result<(), TestCaseError> {
    let layout = generated.layout;
    let document = parse(layout.file_name(), layout.kind(), &generated.text);
    check_positions(&generated.text, &document.cards)?;
    check_questions_in_spans(&generated.text, &document.cards)?;
    check_nothing_lost(&generated.text, &document)?;
    prop_assert_eq!(
        document.cards.len(),
        generated.expected.len(),
        "number of cards"
    );
    prop_assert_eq!(fields(&document.cards), generated.expected.clone());
    Ok(())
}

/// The cards' questions are exactly those written, in order: none missing (swallowed by a block
/// before it, or merged into another card), none kept with its number, none made up.
fn check_questions(expected: &[Fields], cards: &[Card]) -> Result<(), TestCaseError> {
    let written: Vec<&str> = expected.iter().map(|f| f.question.as_str()).collect();
    let found: Vec<&str> = cards.iter().map(|c| c.question.as_str()).collect();
    if found == written {
        return Ok(());
    }
    let mut unmatched = found.clone();
    let mut missing = Vec::new();
    for question in &written {
        match unmatched.iter().position(|q| q == question) {
            Some(k) => {
                unmatched.remove(k);
            }
            None => missing.push(*question),
        }
    }
    Err(TestCaseError::fail(format!(
        "questions written but not found as cards: {missing:#?}\n\
         cards whose question was not written: {unmatched:#?}\n\
         written: {written:#?}\nfound: {found:#?}"
    )))
}

/// Each card's answer and example match what was written as closely as its [`Fit`] asks.
fn check_fits(expected: &[Fields], fits: &[Fit], cards: &[Card]) -> Result<(), TestCaseError> {
    let written = expected.iter().zip(fits);
    for (card, (expected, &fit)) in fields(cards).iter().zip(written) {
        let matches = |found: &str, wanted: &str| match fit {
            Fit::Exact => found == wanted,
            Fit::Blind => markup_blind(found) == markup_blind(wanted),
            Fit::BlindPrefix => markup_blind(found).starts_with(&markup_blind(wanted)),
        };
        let example_matches = match (&card.example, &expected.example) {
            (None, None) => true,
            (Some(found), Some(wanted)) => matches(found, wanted),
            _ => false,
        };
        prop_assert!(
            matches(&card.answer, &expected.answer) && example_matches,
            "the card {:?} does not match what was written ({:?}):\nfound:   {:#?}\nwritten: {:#?}",
            card.question,
            fit,
            card,
            expected
        );
    }
    Ok(())
}

/// A Markdown document with hostile blocks: positions exact, nothing lost, every question written
/// found, and answers as written up to what the blocks next to them may change.
fn check_hostile(generated: &Generated) -> Result<(), TestCaseError> {
    let document = parse("page.md", SourceKind::Markdown, &generated.text);
    check_positions(&generated.text, &document.cards)?;
    let questions = check_questions(&generated.expected, &document.cards);
    let lost = check_nothing_lost(&generated.text, &document);
    all_of([questions, lost])?;
    check_fits(&generated.expected, &generated.fits, &document.cards)?;
    check_reads_back(document)
}

/// `prep parse --format md` of a parsed document reads back to the same cards, losing no line.
fn check_reads_back(document: ParsedDocument) -> Result<(), TestCaseError> {
    let before = fields(&document.cards);
    let markdown = to_markdown(document);
    let again = parse("again.md", SourceKind::Markdown, &markdown);
    check_nothing_lost(&markdown, &again)?;
    prop_assert_eq!(
        before,
        fields(&again.cards),
        "Markdown written:\n{}",
        markdown
    );
    Ok(())
}

/// The text of a failed check, without proptest's framing.
fn message(failure: TestCaseError) -> String {
    match failure {
        TestCaseError::Fail(reason) | TestCaseError::Reject(reason) => reason.message().to_owned(),
    }
}

/// Every failure among `checks`, in one message.
fn all_of<const N: usize>(checks: [Result<(), TestCaseError>; N]) -> Result<(), TestCaseError> {
    let failures: Vec<String> = checks
        .into_iter()
        .filter_map(Result::err)
        .map(message)
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(TestCaseError::fail(failures.join("\n\n")))
    }
}

fn to_markdown(document: ParsedDocument) -> String {
    let run = ParseRun {
        documents: vec![document],
        ..Default::default()
    };
    let mut out = Vec::new();
    parse_markdown::write(&mut out, &run).unwrap();
    String::from_utf8(out).unwrap()
}

fn check_round_trip(generated: &Generated) -> Result<(), TestCaseError> {
    let first = parse("page.txt", SourceKind::PlainText, &generated.text);
    check_nothing_lost(&generated.text, &first)?;
    let before = fields(&first.cards);
    prop_assert!(!before.is_empty(), "no cards to round-trip");
    let markdown = to_markdown(first);
    let second = parse("page.md", SourceKind::Markdown, &markdown);
    check_nothing_lost(&markdown, &second)?;
    prop_assert_eq!(
        before,
        fields(&second.cards),
        "Markdown written:\n{}",
        markdown
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------------
// 1. The parsers never panic, and lose no line.
// ---------------------------------------------------------------------------------------------------

/// Hostile text: from the [`NASTY`] alphabet, or as [`nasty_lines`].
fn nasty_input() -> impl Strategy<Value = String> {
    prop_oneof![nasty_text(), nasty_lines()]
}

proptest! {
    #![proptest_config(config(256))]

    /// Arbitrary bytes never panic either parser, exactly NUL bytes or invalid UTF-8 are refused (unless
    /// a UTF-16 byte-order mark comes first), and what is read loses no line.
    #[test]
    fn parse_bytes_never_panics_on_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        kind in kind(),
    ) {
        let decodable = !bytes.contains(&0) && std::str::from_utf8(&bytes).is_ok();
        // A UTF-16 byte-order mark makes NUL bytes and bytes that are not UTF-8 legitimate.
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        let result = parse_bytes("fuzz", kind, bytes.clone(), &CTX);
        if !utf16 {
            prop_assert_eq!(result.is_ok(), decodable);
        }
        if let (Ok(document), Ok(text)) = (&result, std::str::from_utf8(&bytes)) {
            check_nothing_lost(text, document)?;
        }
    }

    /// Hostile text never panics the plain-text parser, is never refused, loses no line, and
    /// whatever cards it gives keep the position contract and contain their questions.
    #[test]
    fn parse_bytes_never_panics_on_nasty_plain_text(text in nasty_input()) {
        let result = parse_bytes("fuzz.txt", SourceKind::PlainText, text.clone().into_bytes(), &CTX);
        prop_assert!(result.is_ok(), "valid UTF-8 without NUL bytes was refused");
        let document = result.unwrap();
        check_positions(&text, &document.cards)?;
        check_questions_in_spans(&text, &document.cards)?;
        check_nothing_lost(&text, &document)?;
    }
}

proptest! {
    // The panic needs a rare arrangement of lines: enough cases to meet it nearly every run.
    #![proptest_config(config(2048))]

    /// The same for the Markdown parser (a `<summary>` with tags inside is rewritten, so its
    /// questions need not appear verbatim in the span).
    #[test]

    fn parse_bytes_never_panics_on_nasty_markdown(text in nasty_input()) {
        let result = parse_bytes("fuzz.md", SourceKind::Markdown, text.clone().into_bytes(), &CTX);
        prop_assert!(result.is_ok(), "valid UTF-8 without NUL bytes was refused");
        let document = result.unwrap();
        check_positions(&text, &document.cards)?;
        check_nothing_lost(&text, &document)?;
    }
}

// ---------------------------------------------------------------------------------------------------
// 2. Realistic documents: exact positions, no line lost, and exactly the cards that were written.
// ---------------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(128))]

    /// For every card: its span lies in the file on character boundaries and contains its question,
    /// `line`/`end_line` are the lines of the span's first and last bytes, every piece maps exactly
    /// and lies in the span, ids are unique; every non-blank line is in a card or a skipped block;
    /// and the cards are exactly those written, field by field.
    #[test]
    fn generated_documents_parse_to_their_cards_with_exact_positions(
        generated in documents(ALL_LAYOUTS, Variations::default()),
    ) {
        check_generated(&generated)?;
    }

    /// The same for Markdown with white space after the last line of a block.
    #[test]

    fn generated_markdown_with_trailing_white_space_parses_to_its_cards(
        generated in documents(
            &[DocLayout::MdHeading, DocLayout::MdBold, DocLayout::MdDetails],
            Variations { markdown_trailing_space: true, ..Variations::default() },
        ),
    ) {
        check_generated(&generated)?;
    }

    /// The same documents with every line ended by a lone `\r` (old Mac files, some exports): the
    /// same cards, each `\r` counted as a line end.
    #[test]
    fn generated_documents_with_lone_cr_line_ends_parse_to_the_same_cards(
        generated in documents(ALL_LAYOUTS, Variations::default()).prop_map(with_lone_cr),
    ) {
        check_generated(&generated)?;
    }

    /// Plain-text questions numbered across 10000 (`9999.`, `10000.`, `10001. Describe …`) are each a
    /// card of their own, their numbers stripped like any other.
    #[test]
    fn numbered_questions_past_ten_thousand_lose_their_numbers(
        generated in numbered_from(9990..=10020),
    ) {
        let document = parse("page.txt", SourceKind::PlainText, &generated.text);
        check_questions(&generated.expected, &document.cards)?;
        check_generated(&generated)?;
    }
}

// ---------------------------------------------------------------------------------------------------
// 3. Normalisation is idempotent.
// ---------------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn normalize_question_is_idempotent(text in any::<String>()) {
        let once = normalize_question(&text);
        prop_assert_eq!(normalize_question(&once), once.clone());
    }

    /// The same over text dense in what normalisation touches: white space, final punctuation,
    /// curly quotes and dashes, full-width and compatibility forms, case that changes length.
    #[test]
    fn normalize_question_is_idempotent_on_punctuation_and_space(
        text in "[ \t\u{a0}\u{3000}?!.:;,“”‘’′″–—＂？ＱａA-Za-zİẞΣς\u{301}\u{345}]{0,40}",
    ) {
        let once = normalize_question(&text);
        prop_assert_eq!(normalize_question(&once), once.clone());
    }
}

// ---------------------------------------------------------------------------------------------------
// 4. `prep parse --format md` reads back to the same cards.
// ---------------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(128))]

    /// Plain text → cards → Markdown → cards gives the same questions, answers and examples.
    #[test]
    fn markdown_output_reads_back_to_the_same_cards(
        generated in documents(PLAIN_LAYOUTS, Variations::default()),
    ) {
        check_round_trip(&generated)?;
    }

    #[test]

    fn markdown_output_keeps_q_prompts_that_are_not_questions(
        generated in documents(
            &[DocLayout::QaPairs, DocLayout::QuestionDash],
            Variations { statement_questions: true, ..Variations::default() },
        ),
    ) {
        check_round_trip(&generated)?;
    }

    #[test]

    fn markdown_output_keeps_lists_that_mix_markers(
        generated in documents(
            PLAIN_LAYOUTS,
            Variations { mixed_lists: true, ..Variations::default() },
        ),
    ) {
        check_round_trip(&generated)?;
    }

    /// `1. question` / `Answer: …` pages. (The `expected` a failure prints leaves the marker out, as
    /// the `Q:` layouts and the Markdown reader do; only the round trip is asserted here.)
    #[test]

    fn markdown_output_keeps_answer_markers_of_numbered_questions(
        generated in documents(
            &[DocLayout::Numbered, DocLayout::Bare],
            Variations { answer_markers_everywhere: true, ..Variations::default() },
        ),
    ) {
        check_round_trip(&generated)?;
    }
}

// ---------------------------------------------------------------------------------------------------
// 5. The Markdown study document reads back to the same cards.
// ---------------------------------------------------------------------------------------------------

/// Deck names; two read like questions, so their section headings must not become cards, and two
/// share a last component.
const DECKS: &[&str] = &[
    "Interview questions::Backend",
    "Interview questions::Why Rust?",
    "Interview questions::Explain yourself",
    "Other::Backend",
];

/// Titles, two of which the parser would read as a question if written as they are.
const TITLES: &[&str] = &[
    "Interview questions",
    "How to pass a backend interview?",
    "Q: study notes",
];

/// Questions with Markdown markup, raw HTML, markers the parser strips, and prompts that do not
/// read like questions.
const MARKED_UP_QUESTIONS: &[&str] = &[
    "What does `#[derive]` do?",
    "Is 2 * 3 * 4 = 24?",
    "Why is <script>alert(1)</script> dangerous?",
    "C# or F#? #",
    r"What is a\*b \ c?",
    "Explain [links](x) and ![images](y)",
    "&amp; or &?",
    "Kubernetes basics",
    "1. What comes first?",
    "Q: What is a marker?",
    "Answer: is this one?",
    "Example: what is this?",
    "What's ~~struck~~ | piped?",
    "# of users?",
    "- a bullet?",
    "<!-- comment --> What?",
    "_emphasis_ and __strong__?",
];

/// How one card is exported.
#[derive(Debug, Clone)]
struct Plan {
    deck: usize,
    /// A question to use instead of the card's own.
    question: Option<String>,
    /// Questions of merged duplicates.
    alternates: Vec<String>,
}

/// A marked-up question, or any printable ASCII (every character Markdown gives a meaning to), with
/// its white space collapsed as the parsers leave a question.
fn export_question() -> impl Strategy<Value = String> {
    prop_oneof![
        select(MARKED_UP_QUESTIONS).prop_map(str::to_owned),
        "[!-~][ -~]{0,40}".prop_map(|q| q.split_whitespace().collect::<Vec<_>>().join(" ")),
    ]
}

fn plan_strategy() -> impl Strategy<Value = Plan> {
    (
        0..DECKS.len(),
        prop::option::weighted(0.3, export_question()),
        prop::collection::vec(export_question(), 0..=2),
    )
        .prop_map(|(deck, question, alternates)| Plan {
            deck,
            question,
            alternates,
        })
}

/// The export of `cards`, the `k`th card planned by `plans[k % plans.len()]`.
fn export_of(cards: Vec<Card>, plans: &[Plan], title: &str) -> Export {
    let entries = cards
        .into_iter()
        .enumerate()
        .map(|(k, mut card)| {
            let plan = &plans[k % plans.len()];
            if let Some(question) = &plan.question {
                card.question = question.clone();
            }
            let mut entry = common::export::entry(&format!("g{k}"), DECKS[plan.deck], card);
            for (n, question) in plan.alternates.iter().enumerate() {
                let duplicate = common::export::card("0", "dup.md", n + 1, question, SENTENCES[n]);
                entry.alternates.push(common::export::alternate(&duplicate));
                if *question != entry.card.question {
                    entry.also_asked_as.push(question.clone());
                }
            }
            entry
        })
        .collect();
    Export {
        title: title.to_owned(),
        entries,
        modified: 0,
        media: Default::default(),
    }
}

/// The export's cards in the document's order: grouped by deck in order of first appearance,
/// source order within a deck.
fn in_document_order(export: &Export) -> Vec<Fields> {
    let mut decks: Vec<&str> = Vec::new();
    for entry in &export.entries {
        if !decks.contains(&entry.deck.as_str()) {
            decks.push(&entry.deck);
        }
    }
    decks
        .iter()
        .flat_map(|deck| export.entries.iter().filter(move |e| e.deck == *deck))
        .map(|e| Fields {
            question: e.card.question.clone(),
            answer: e.card.answer.clone(),
            example: e.card.example.clone(),
        })
        .collect()
}

fn check_study_document(
    generated: &Generated,
    plans: &[Plan],
    title: &str,
) -> Result<(), TestCaseError> {
    let layout = generated.layout;
    let parsed = parse(layout.file_name(), layout.kind(), &generated.text);
    check_nothing_lost(&generated.text, &parsed)?;
    let export = export_of(parsed.cards, plans, title);
    let mut out = Cursor::new(Vec::new());
    Markdown.write(&export, &mut out).unwrap();
    let markdown = String::from_utf8(out.into_inner()).unwrap();
    let read = parse("cards.md", SourceKind::Markdown, &markdown);
    check_nothing_lost(&markdown, &read)?;
    prop_assert_eq!(
        fields(&read.cards),
        in_document_order(&export),
        "Markdown written:\n{}",
        markdown
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(128))]

    /// Cards parsed from every layout, exported with marked-up questions, decks named like questions
    /// and merged duplicates, read back from the study document to exactly their questions, answers
    /// and examples: the parsed fields are already in the parser's form (trimmed, blocks joined by
    /// one blank line), so no normalisation is allowed.
    #[test]
    fn study_document_reads_back_to_the_same_cards(
        generated in documents(ALL_LAYOUTS, Variations::default()),
        plans in prop::collection::vec(plan_strategy(), 1..=8),
        title in select(TITLES),
    ) {
        check_study_document(&generated, &plans, title)?;
    }
}

// ---------------------------------------------------------------------------------------------------
// 6. Hostile structures in Markdown: nothing lost, no question missed.
// ---------------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    /// Markdown documents with unclosed `<script>`/`<!--`/`<pre>`/`<style>`/`<textarea>` blocks, a bold
    /// question right under `</details>`, "back to top" links and tables of contents between their
    /// entries: every line is in a card or skipped, every question written is a card (and no other
    /// is), and answers are as written (markup-blind next to a hostile block).
    #[test]
    fn hostile_markdown_structures_lose_no_line_and_no_question(generated in hostile_documents()) {
        check_hostile(&generated)?;
    }
}

// ---------------------------------------------------------------------------------------------------
// 7. Regressions: pages that lost lines or questions.
// ---------------------------------------------------------------------------------------------------

fn qa(question: &str, answer: &str) -> Fields {
    Fields {
        question: question.to_owned(),
        answer: answer.to_owned(),
        example: None,
    }
}

/// Parses each `(file name, text, cards)` and panics with every failure of every case: positions,
/// questions, lines lost, then answers.
fn assert_parse_to(cases: &[(&str, String, Vec<Fields>)]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(name, text, expected)| {
            let kind = if name.ends_with(".md") {
                SourceKind::Markdown
            } else {
                SourceKind::PlainText
            };
            let document = parse(name, kind, text);
            let questions = check_questions(expected, &document.cards);
            // Answers are compared only once the cards line up with what was written.
            let answers = match questions {
                Ok(()) => check_fits(expected, &vec![Fit::Exact; expected.len()], &document.cards),
                Err(_) => Ok(()),
            };
            let lost = check_nothing_lost(text, &document);
            let positions = check_positions(text, &document.cards);
            all_of([
                positions,
                questions,
                lost,
                answers,
                check_reads_back(document),
            ])
            .err()
            .map(|failure| format!("{name} {text:?}:\n{}", message(failure)))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// An unclosed raw HTML block ran to the end of the file and took every question after it.
#[test]
fn unclosed_html_blocks_do_not_swallow_the_questions_after_them() {
    let cases: Vec<_> = UNCLOSED
        .iter()
        .map(|tag| {
            let text = format!(
                "# Notes\n\n{tag}\n\n## What is A?\n\nA is a.\n\n<details>\n<summary>What is B?</summary>\n\n\
                 B is b.\n\n</details>\n\n## What is C?\n\nC is c.\n"
            );
            let cards = vec![
                qa("What is A?", "A is a."),
                qa("What is B?", "B is b."),
                qa("What is C?", "C is c."),
            ];
            ("notes.md", text, cards)
        })
        .collect();
    assert_parse_to(&cases);
}

/// A bold question on the line right after `</details>` shared its HTML block and vanished.
#[test]
fn bold_question_right_after_details_is_a_card() {
    let text = "<details>\n<summary>What is B?</summary>\n\nB is b.\n\n</details>\n**What is D?**\n\nD is d.\n";
    assert_parse_to(&[(
        "notes.md",
        text.to_owned(),
        vec![qa("What is B?", "B is b."), qa("What is D?", "D is d.")],
    )]);
}

/// Lone `\r` line ends were not line ends: a `.txt` became one card, and lines were miscounted.
#[test]
fn lone_cr_line_ends_are_line_ends() {
    let cards = || vec![qa("What is A?", "A is a."), qa("What is B?", "B is b.")];
    assert_parse_to(&[
        (
            "page.txt",
            "Interview questions\r\r1. What is A?\rA is a.\r\r2. What is B?\rB is b.\r".to_owned(),
            cards(),
        ),
        (
            "notes.md",
            "# Notes\r\r## What is A?\r\rA is a.\r\r## What is B?\r\rB is b.\r".to_owned(),
            cards(),
        ),
    ]);
}

/// From `10000.` on, numbers stayed in the question, and an imperative question merged into the card
/// before it. (Numbered from 1, the same page is the control.)
#[test]
fn numbered_questions_past_ten_thousand_are_cards_without_their_numbers() {
    let cases: Vec<_> = [1, 9999]
        .into_iter()
        .map(|first| {
            let text = format!(
                "{}. What is A?\nA is a.\n\n{}. What is B?\nB is b.\n\n\
                 {}. Describe a time you disagreed with a teammate\nWe talked it through.\n",
                first,
                first + 1,
                first + 2
            );
            let cards = vec![
                qa("What is A?", "A is a."),
                qa("What is B?", "B is b."),
                qa(
                    "Describe a time you disagreed with a teammate",
                    "We talked it through.",
                ),
            ];
            ("page.txt", text, cards)
        })
        .collect();
    assert_parse_to(&cases);
}

/// The checks' own reading of the contract: `\n`, `\r\n` and a lone `\r` each end a line, and a
/// leading BOM is not text.
#[test]
fn line_ends_and_markup_are_read_as_the_contract_says() {
    let text = "\u{feff}a\rb\r\nc\n\rd";
    assert_eq!(source_lines(text), ["a", "b", "c", "", "d"]);
    let lines: Vec<usize> = ['a', 'b', 'c', 'd']
        .iter()
        .map(|&c| line_of(text, text.find(c).unwrap()))
        .collect();
    assert_eq!(lines, [1, 2, 3, 5]);
    assert_eq!(
        line_of(text, text.find('\n').unwrap()),
        2,
        "the \\n of \\r\\n"
    );
    assert_eq!(markup_blind("**Q:** a  `b`\n\n- c\n 12) d"), "Q: a b c d");
}
