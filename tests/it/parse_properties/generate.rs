//! The document generator of the parser properties: vocabulary, the layouts a [`Doc`] is written in,
//! [`render`], which writes one and the cards it should give, and hostile text. A `Doc` says what to
//! write; each case then knows the questions, answers and examples it wrote.

use prep::SourceKind;
use prep::model::Card;
use proptest::prelude::*;
use proptest::sample::select;

// ---------------------------------------------------------------------------------------------------
// Vocabulary. Question stems read like questions (an interrogative or a prompt verb first); answer and
// example sentences end in a full stop, so they are never lone questions, headings or link lists; none
// of it is page furniture, and none of it is Markdown markup.
// ---------------------------------------------------------------------------------------------------

pub(super) const QUESTIONS: &[&str] = &[
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
pub(super) const PUNCTUATED_QUESTIONS: &[&str] = &[
    "How do `Vec<T>` and &[T] differ?",
    "What does C# add over Java?",
    "Why does 2 * 3_000 overflow a [u8]?",
];

/// `Q:` prompts that do not read like questions; the plain-text parser takes them on the marker alone.
pub(super) const STATEMENTS: &[&str] = &[
    "Kubernetes basics",
    "Your biggest weakness",
    "Favourite sorting algorithm",
];

pub(super) const SENTENCES: &[&str] = &[
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

pub(super) const LEADS: &[&str] = &[
    "It comes down to a few steps:",
    "I usually check these things:",
    "There are three parts:",
];

pub(super) const ITEMS: &[&str] = &[
    "measure the baseline",
    "change one setting",
    "compare the results with the baseline",
    "write down what you learned",
    "roll back if it got worse",
];

pub(super) const EXAMPLES: &[&str] = &[
    "We moved the nightly report to a queue.",
    "Our checkout page went from 4 s to 2 s.",
    "I paired with the designer for an afternoon.",
];

/// Single-line blocks of page furniture that the built-in boilerplate patterns recognise.
pub(super) const FURNITURE: &[&str] = &[
    "Share on LinkedIn",
    "5 min read",
    "Subscribe to our newsletter for weekly tips",
    "Image: a laptop on a desk",
];

/// Section headings (in plain text recognisable by their shape alone).
pub(super) const HEADINGS: &[&str] = &["Behavioural Questions", "System Design Basics"];

/// Furniture after the last answer, which ends it.
pub(super) const TRAILERS: &[&str] = &["12 Comments", "Leave a reply", "Share on LinkedIn"];

/// Raw HTML that opens a CommonMark HTML block running to its closing tag, or to the end of the file
/// when there is none.
pub(super) const UNCLOSED: &[&str] = &["<script>", "<!--", "<pre>", "<style>", "<textarea>"];

/// The "back to top" link many question repositories put after every answer.
pub(super) const BACK_TO_TOP: &str =
    r##"<div align="right"><b><a href="#top">back to top</a></b></div>"##;

// ---------------------------------------------------------------------------------------------------
// The document generator: a `Doc` says what to write, `render` writes it and the cards it should give.
// ---------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DocLayout {
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

pub(super) const PLAIN_LAYOUTS: &[DocLayout] = &[
    DocLayout::Numbered,
    DocLayout::QaPairs,
    DocLayout::QuestionDash,
    DocLayout::Bare,
];

pub(super) const MARKDOWN_LAYOUTS: &[DocLayout] = &[
    DocLayout::MdHeading,
    DocLayout::MdBold,
    DocLayout::MdDetails,
];

pub(super) const ALL_LAYOUTS: &[DocLayout] = &[
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

    pub(super) fn kind(self) -> SourceKind {
        if self.is_markdown() {
            SourceKind::Markdown
        } else {
            SourceKind::PlainText
        }
    }

    pub(super) fn file_name(self) -> &'static str {
        if self.is_markdown() {
            "page.md"
        } else {
            "page.txt"
        }
    }
}

/// Departures from the tidy documents, each switched on only by the properties that want it.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Variations {
    /// Trailing white space at the end of Markdown blocks (plain text gets it regardless).
    pub(super) markdown_trailing_space: bool,
    /// Lists whose items alternate between `1.` and `•` markers.
    pub(super) mixed_lists: bool,
    /// `Q:` / `Question N –` prompts that do not read like questions.
    pub(super) statement_questions: bool,
    /// `Answer:` before the answers of numbered and lone-question layouts too.
    pub(super) answer_markers_everywhere: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ListStyle {
    Numbered,
    Bullet,
    Dash,
}

#[derive(Debug, Clone)]
pub(super) struct List {
    style: ListStyle,
    /// An item and whether it is a nested bullet under the item before it.
    items: Vec<(usize, bool)>,
    /// Every second item is a `•` whatever the style.
    mixed: bool,
}

#[derive(Debug, Clone)]
pub(super) struct Paragraph {
    /// Lines of one or two sentences each.
    lines: Vec<Vec<usize>>,
    /// An indented list closing the paragraph, introduced by a lead line ending in `:`.
    list: Option<(usize, List)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ExampleStyle {
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
pub(super) struct Entry {
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
pub(super) enum Hostile {
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
pub(super) struct Doc {
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
pub(super) struct Generated {
    pub(super) layout: DocLayout,
    pub(super) text: String,
    pub(super) expected: Vec<Fields>,
    /// For each expected card, how closely its answer must match (see [`Fit`]).
    pub(super) fits: Vec<Fit>,
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
pub(super) enum Fit {
    /// Field by field.
    Exact,
    /// Answer and example equal once [`markup_blind`].
    Blind,
    /// Answer and example start, once [`markup_blind`], with what was written.
    BlindPrefix,
}

/// What a card says, without where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Fields {
    pub(super) question: String,
    pub(super) answer: String,
    pub(super) example: Option<String>,
}

pub(super) fn fields(cards: &[Card]) -> Vec<Fields> {
    cards
        .iter()
        .map(|c| Fields {
            question: c.question.clone(),
            answer: c.answer.clone(),
            example: c.example.clone(),
        })
        .collect()
}

pub(super) fn list_strategy(mixed: bool) -> impl Strategy<Value = List> {
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

pub(super) fn paragraph_strategy(mixed_lists: bool) -> impl Strategy<Value = Paragraph> {
    let line = prop::collection::vec(0..SENTENCES.len(), 1..=2);
    (
        prop::collection::vec(line, 1..=2),
        prop::option::weighted(0.3, (0..LEADS.len(), list_strategy(mixed_lists))),
    )
        .prop_map(|(lines, list)| Paragraph { lines, list })
}

pub(super) fn example_strategy() -> impl Strategy<Value = (ExampleStyle, usize)> {
    let style = prop_oneof![
        Just(ExampleStyle::OwnBlock),
        Just(ExampleStyle::SameBlock),
        Just(ExampleStyle::MarkerLine),
        Just(ExampleStyle::MarkerBlock),
        Just(ExampleStyle::ExampleAnswer),
    ];
    (style, 0..EXAMPLES.len())
}

pub(super) fn entry_strategy(mixed_lists: bool) -> impl Strategy<Value = Entry> {
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

pub(super) fn doc_strategy(
    layouts: &[DocLayout],
    variations: Variations,
) -> impl Strategy<Value = Doc> {
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

pub(super) fn documents(
    layouts: &[DocLayout],
    variations: Variations,
) -> impl Strategy<Value = Generated> {
    doc_strategy(layouts, variations).prop_map(|doc| render(&doc))
}

/// The same document with every line ended by a lone `\r`.
pub(super) fn with_lone_cr(generated: Generated) -> Generated {
    let text = generated.text.replace("\r\n", "\r").replace('\n', "\r");
    Generated { text, ..generated }
}

/// Plain-text numbered documents whose first question is numbered from `first`.
pub(super) fn numbered_from(
    first: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = Generated> {
    (
        doc_strategy(&[DocLayout::Numbered], Variations::default()),
        first,
    )
        .prop_map(|(mut doc, first)| {
            doc.first_number = first;
            render(&doc)
        })
}

pub(super) fn hostile_strategy() -> impl Strategy<Value = Hostile> {
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
pub(super) fn hostile_documents() -> impl Strategy<Value = Generated> {
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
pub(super) fn curl(text: &str) -> String {
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
pub(super) struct Renderer<'d> {
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

pub(super) fn render(doc: &Doc) -> Generated {
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
pub(super) fn anchor(heading: &str) -> String {
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
pub(super) const NASTY: &[&str] = &[
    "\r", "\n", "\n", "\r\n", "\u{feff}", "?", "1.", "2)", " ", "  ", "\t", "Q:", "A:", "Q1:",
    "Question 3 – ", "Answer:", "Example:", "•", "- ", "**", "#", "## ", "<details>", "<summary>",
    "</summary>", "</details>", "`", "```", "---", "&amp;", "\\", "é", "“", "”", "’", "–", "😀",
    "What is X", "answer", "Why", "x", ".", ":",
];

/// The parts of a line of [`nasty_lines`]: indentation, a marker, words, an ending.
#[rustfmt::skip]
pub(super) const NASTY_LINE: [&[&str]; 4] = [
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
pub(super) fn nasty_text() -> impl Strategy<Value = String> {
    prop::collection::vec(select(NASTY), 0..160).prop_map(|parts| parts.concat())
}

/// Lines of indentation, a marker, words and an ending, and blank lines: hostile, but shaped enough
/// to make cards.
pub(super) fn nasty_lines() -> impl Strategy<Value = String> {
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

pub(super) fn kind() -> impl Strategy<Value = SourceKind> {
    prop_oneof![Just(SourceKind::PlainText), Just(SourceKind::Markdown)]
}
