//! The reader's walk through a Markdown outline: where each question starts and where its answer ends.
//!
//! A question opens a card; its answer is everything after it until the next question of its kind or
//! a heading at its level or above, as a reader takes it. What a card contains depends on what opened
//! it: under a question heading, deeper headings, bold labels, `<details>` toggles and lists are part
//! of the answer; a `<details>` question ends at its `</details>`; a question in a list item ends at
//! the next item of its list. Navigation and page furniture inside an answer are left out (and listed
//! as skipped), and every line that ends up in no card is listed as skipped with the reason.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::model::{Card, CardId, CardMap, DocumentMeta, Skipped, SourceRef};
use crate::source::cues::{Marker, marker};
use crate::source::field::FieldText;
use crate::source::lines::LineIndex;
use crate::source::{ParseContext, SourceFile, faq_tags};

use super::layout::{Evidence, is_label, item_prompt, paragraph_prompt, question_text};
use super::outline::{Heading, Inline, Item, Kind, Outline, Paragraph};
use super::render::{Region, render};

/// What opened a card, which decides what its answer holds and what ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// A heading of this level, not in a list.
    Heading(u8),
    /// A heading that opens a list item (`1.  ### What is …?`) at this list depth.
    ItemHeading { level: u8, depth: usize },
    /// A `<summary>`; the `<details>` it belongs to, as an index into the open-details stack.
    Summary { frame: Option<usize> },
    /// A bold paragraph.
    Bold,
    /// A `Q:` paragraph.
    Marked,
    /// A list item of a list of questions, at this depth.
    ListItem { depth: usize },
}

impl Opener {
    /// What the opener is and where its answers end, for `--explain`.
    fn describe(self) -> String {
        let hashes = |level: u8| "#".repeat(usize::from(level));
        match self {
            Opener::Heading(level) => format!(
                "`{}` headings; an answer runs to the next heading of that level or above",
                hashes(level)
            ),
            Opener::ItemHeading { level, .. } => format!(
                "`{}` headings opening list items (`1. {} …`); an answer runs to the next item",
                hashes(level),
                hashes(level)
            ),
            Opener::Summary { .. } => {
                "`<details>` blocks, the question in `<summary>`; an answer ends at `</details>`"
                    .to_owned()
            }
            Opener::Bold => {
                "bold paragraphs; an answer runs to the next question or heading".to_owned()
            }
            Opener::Marked => "`Q:` paragraphs; an answer runs to the next question".to_owned(),
            Opener::ListItem { .. } => {
                "items of lists of questions; an answer is the rest of the item and what follows it"
                    .to_owned()
            }
        }
    }
}

struct OpenCard {
    opener: Opener,
    question: FieldText,
    start: usize,
    question_end: usize,
    section: Option<String>,
    /// Indentation to remove from the answer's lines, and where it stops applying.
    indent: (usize, usize),
    example: Option<(usize, usize)>,
    /// The list the question's item belongs to (list-item questions).
    list: Option<usize>,
}

/// An open `<details>` element and whether its summary opened the current card.
struct Frame {
    start: usize,
}

#[derive(Debug, Default, Deserialize)]
struct FrontMatter {
    title: Option<String>,
    deck: Option<String>,
    #[serde(default)]
    tags: Tags,
}

/// `tags: [a, b]`, a YAML list, or `tags: a, b`.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum Tags {
    #[default]
    None,
    List(Vec<String>),
    Text(String),
}

impl Tags {
    fn into_vec(self) -> Vec<String> {
        match self {
            Tags::None => Vec::new(),
            Tags::List(tags) => tags,
            Tags::Text(text) => text.split([',', ' ']).map(str::to_owned).collect(),
        }
        .into_iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
    }
}

/// An `Example:` marker as written in Markdown source, emphasis included: `**Example:**`, `_Example_:`.
static EXAMPLE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    #[expect(clippy::expect_used, reason = "constant pattern, exercised by the tests")]
    Regex::new(
        r"^[ \t]*[*_]*[ \t]*(?i:example|example answer|sample answer|example response|sample response)[ \t]*[*_]*[ \t]*:[ \t]*[*_]*[ \t]*",
    )
    .expect("valid pattern")
});

/// Answers that stand for no answer at all.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    #[expect(clippy::expect_used, reason = "constant pattern, exercised by the tests")]
    Regex::new(
        r"(?i)^[\s*_`>.…-]*(answer here|your answer here|add (your )?answer( here)?|todo|tbd|tba|to do|coming soon|work in progress|wip|n/?a|\.\.\.|…)[\s*_`.…!-]*$",
    )
    .expect("valid pattern")
});

/// The result of the walk.
pub struct Walked {
    pub cards: Vec<Card>,
    pub skipped: Vec<Skipped>,
    pub meta: DocumentMeta,
    /// How the document was read, for `--explain`.
    pub explain: Vec<String>,
}

pub struct Walk<'a> {
    file: &'a SourceFile,
    ctx: &'a ParseContext,
    outline: &'a Outline,
    evidence: Evidence,
    index: LineIndex,
    meta: DocumentMeta,
    tags: Vec<String>,
    section: Option<String>,
    /// Level of the heading that named the current section.
    section_level: u8,
    titled: bool,
    open: Option<OpenCard>,
    details: Vec<Frame>,
    /// Items starting before this offset belong to a block already dealt with.
    skip_until: usize,
    /// Navigation and furniture left out of answers, sorted.
    holes: Vec<Range<usize>>,
    cards: Vec<Card>,
    skipped: Vec<Skipped>,
    counts: BTreeMap<String, usize>,
}

impl<'a> Walk<'a> {
    pub fn new(file: &'a SourceFile, ctx: &'a ParseContext, outline: &'a Outline) -> Self {
        Walk {
            file,
            ctx,
            outline,
            evidence: Evidence::gather(outline, ctx),
            index: LineIndex::new(&file.text),
            meta: DocumentMeta::default(),
            tags: Vec::new(),
            section: None,
            section_level: 0,
            titled: false,
            open: None,
            details: Vec::new(),
            skip_until: 0,
            holes: Vec::new(),
            cards: Vec::new(),
            skipped: Vec::new(),
            counts: BTreeMap::new(),
        }
    }

    pub fn run(mut self) -> Walked {
        for (index, item) in self.outline.items.iter().enumerate() {
            self.item(index, item);
        }
        let end = self.file.text.len();
        self.close(end);
        self.sweep();
        let mut explain: Vec<String> = self
            .counts
            .iter()
            .map(|(what, n)| {
                format!(
                    "{n} {}: {what}",
                    if *n == 1 { "question" } else { "questions" }
                )
            })
            .collect();
        explain.extend(self.evidence.notes.iter().cloned());
        Walked {
            cards: self.cards,
            skipped: self.skipped,
            meta: self.meta,
            explain,
        }
    }

    fn source(&self) -> &'a str {
        &self.file.text
    }

    fn item(&mut self, index: usize, item: &'a Item) {
        match &item.kind {
            Kind::DetailsOpen => {
                self.details.push(Frame {
                    start: item.range.start,
                });
                return;
            }
            Kind::DetailsClose => {
                self.details_close(item);
                return;
            }
            _ => {}
        }
        if item.range.start < self.skip_until {
            return;
        }
        if let Some(open) = &self.open
            && item.range.start < open.question_end
        {
            return;
        }
        let candidate = self.candidate(item);
        if self.open.is_some() && self.ends_card(item, candidate) {
            let at = match candidate {
                Some(Opener::Summary { .. }) => self.details.last().map_or(item.range.start, |f| {
                    f.start
                        .max(self.open.as_ref().map_or(0, |o| o.question_end))
                }),
                _ => item.range.start,
            };
            self.close(at);
        }
        match (&self.open, candidate) {
            (None, Some(opener)) => self.open_card(opener, index, item),
            (None, None) => self.outside(item),
            (Some(_), _) => self.inside(item),
        }
    }

    /// `</details>`: the end of a `<details>` question's answer when it closes that question's
    /// block, and of any other question asked inside the block.
    fn details_close(&mut self, item: &Item) {
        let Some(top) = self.details.len().checked_sub(1) else {
            return;
        };
        let ends_open_card = match &self.open {
            Some(OpenCard {
                opener: Opener::Summary { frame },
                ..
            }) => *frame == Some(top),
            Some(open) => open.start > self.details[top].start,
            None => false,
        };
        if ends_open_card {
            self.close(item.range.start);
        }
        self.details.pop();
    }

    /// Whether `item` would open a card if no card were open, and of which kind.
    fn candidate(&self, item: &Item) -> Option<Opener> {
        if item.quoted {
            return None;
        }
        match &item.kind {
            Kind::Heading(h) => self.heading_question(h, item),
            Kind::Paragraph(p) if p.opens_item.is_none() => self.paragraph_question(p, item),
            Kind::ListItem(li) => {
                let first = li.first_block.map(|b| &self.outline.items[b]);
                let list_ok = self.in_prompt_list(item);
                match first.map(|f| &f.kind) {
                    Some(Kind::Paragraph(_)) if list_ok && item.depth == 1 => {
                        item_prompt(self.outline, item, self.ctx)
                            .then_some(Opener::ListItem { depth: item.depth })
                    }
                    _ => None,
                }
            }
            Kind::Summary(s) => {
                let text = question_text(&s.text);
                let prompt = self.ctx.cues.is_question_like(&text);
                let accepted = self.evidence.summary && !text.is_empty() && !is_label(&text);
                (prompt || accepted).then_some(Opener::Summary {
                    frame: self.details.len().checked_sub(1),
                })
            }
            _ => None,
        }
    }

    fn heading_question(&self, h: &Heading, item: &Item) -> Option<Opener> {
        let raw = h.text.text.trim();
        let marked = matches!(marker(raw), Some((Marker::Question, _)));
        let numbered = matches!(marker(raw), Some((Marker::Number(_), _)));
        let text = question_text(&h.text);
        if text.is_empty() {
            return None;
        }
        let prompt = self.ctx.cues.is_question_like(&text);
        let accepted =
            numbered && self.evidence.numbered[usize::from(h.level.min(6))] && !is_label(&text);
        if !(marked || prompt || accepted) {
            return None;
        }
        Some(match h.opens_item {
            Some(_) => Opener::ItemHeading {
                level: h.level,
                depth: item.depth,
            },
            None => Opener::Heading(h.level),
        })
    }

    fn paragraph_question(&self, p: &Paragraph, item: &Item) -> Option<Opener> {
        if item.depth > 0 {
            return None;
        }
        let raw = p.first_line.text.trim();
        let unbolded = raw.trim_start_matches(['*', '_']).trim_start();
        if matches!(marker(unbolded), Some((Marker::Question, _)))
            && !question_text(&p.first_line).is_empty()
        {
            return Some(Opener::Marked);
        }
        if !p.bold_first_line {
            return None;
        }
        let text = question_text(&p.first_line);
        let accepted = self.evidence.bold && !text.is_empty() && !is_label(&text);
        (paragraph_prompt(p, self.ctx) || accepted).then_some(Opener::Bold)
    }

    /// Whether a list item belongs to a list judged a list of questions.
    fn in_prompt_list(&self, item: &Item) -> bool {
        match &item.kind {
            Kind::ListItem(li) => li.list.is_some_and(|l| self.evidence.prompt_lists[l]),
            _ => false,
        }
    }

    /// Whether `item` ends the open card's answer.
    fn ends_card(&self, item: &Item, candidate: Option<Opener>) -> bool {
        let Some(open) = &self.open else {
            return false;
        };
        let free_heading = match &item.kind {
            Kind::Heading(h) if h.opens_item.is_none() && item.depth == 0 && !item.quoted => {
                Some(h.level)
            }
            _ => None,
        };
        // A list item ends a list-item question when it is the next item of the same list or
        // opens a question itself; any other list is part of the answer (an answer's list that
        // lost its indentation breaks out of the item).
        let item_depth = match &item.kind {
            Kind::ListItem(li)
                if li.list.is_some() && li.list == open.list
                    || self.item_opens_question(item, candidate) =>
            {
                Some(item.depth)
            }
            _ => None,
        };
        // A `<details>` block whose summary asks a question, and a `Q:` paragraph, are questions
        // of their own even after a question heading; inside a list item they belong to its answer.
        let explicit_question =
            item.depth == 0 && matches!(candidate, Some(Opener::Summary { .. } | Opener::Marked));
        // Under a question heading, a deeper heading or a bold paragraph asks a question of its
        // own only where the document uses that structure for questions throughout.
        let structural_question = match candidate {
            Some(Opener::Heading(l)) => self.evidence.heading_levels[usize::from(l.min(6))],
            Some(Opener::Bold) => item.depth == 0 && self.evidence.bold_questions,
            _ => false,
        };
        match open.opener {
            Opener::Heading(level) => {
                free_heading.is_some_and(|l| l <= level) || explicit_question || structural_question
            }
            Opener::ItemHeading { level, depth } => {
                item_depth.is_some_and(|d| d <= depth)
                    || free_heading.is_some_and(|l| l <= level)
                    || explicit_question
            }
            Opener::Summary { frame } => {
                let frame_still_open = frame.is_some_and(|f| f < self.details.len());
                matches!(candidate, Some(Opener::Summary { .. }))
                    || free_heading
                        .is_some_and(|l| !frame_still_open || l <= self.section_level.max(1))
            }
            Opener::Bold | Opener::Marked => {
                free_heading.is_some()
                    || matches!(
                        candidate,
                        Some(Opener::Bold | Opener::Marked | Opener::Summary { .. })
                    )
                    || (item.depth == 0 && matches!(candidate, Some(Opener::ListItem { .. })))
            }
            Opener::ListItem { depth } => {
                item_depth.is_some_and(|d| d <= depth)
                    || free_heading.is_some()
                    || (item.depth == 0
                        && matches!(
                            candidate,
                            Some(Opener::Bold | Opener::Marked | Opener::Summary { .. })
                        ))
            }
        }
    }

    fn open_card(&mut self, opener: Opener, index: usize, item: &Item) {
        let (question, question_end) = match &item.kind {
            Kind::Heading(h) => (question_field(&h.text), item.range.end),
            Kind::Paragraph(p) => {
                let end = p.first_line_end.unwrap_or(item.range.end);
                (question_field(&p.first_line), end)
            }
            Kind::ListItem(li) => {
                let first = li.first_block.map(|b| &self.outline.items[b]);
                match first.map(|f| (&f.kind, &f.range)) {
                    Some((Kind::Paragraph(p), range)) => item_question(p, range),
                    _ => (FieldText::default(), item.range.end),
                }
            }
            Kind::Summary(s) => (question_field(&s.text), item.range.end),
            _ => return,
        };
        if question.is_empty() {
            return;
        }
        let indent = match (opener, &item.kind) {
            (Opener::ItemHeading { .. }, Kind::Heading(h)) => h
                .opens_item
                .map(|li| self.item_indent(li))
                .unwrap_or((0, 0)),
            (Opener::ListItem { .. }, Kind::ListItem(_)) => self.item_indent(index),
            _ => (0, 0),
        };
        *self.counts.entry(opener.describe()).or_default() += 1;
        let start = match &item.kind {
            Kind::ListItem(li) => li
                .first_block
                .map_or(item.range.start, |b| self.outline.items[b].range.start),
            _ => item.range.start,
        };
        self.open = Some(OpenCard {
            opener,
            question,
            start,
            question_end,
            section: self.section.clone(),
            indent,
            example: None,
            list: self.list_of(index, item),
        });
        if let Opener::Marked = opener {
            self.skip_answer_marker();
        }
    }

    /// The list of the item a list-item question sits in.
    fn list_of(&self, index: usize, item: &Item) -> Option<usize> {
        let item_index = match &item.kind {
            Kind::Heading(h) => h.opens_item?,
            Kind::ListItem(_) => index,
            _ => return None,
        };
        match &self.outline.items[item_index].kind {
            Kind::ListItem(li) => li.list,
            _ => None,
        }
    }

    /// Whether a list item opens a question: it is an item of a list of questions, or its first
    /// block is a question heading.
    fn item_opens_question(&self, item: &Item, candidate: Option<Opener>) -> bool {
        let Kind::ListItem(li) = &item.kind else {
            return false;
        };
        candidate.is_some()
            || li.first_block.is_some_and(|b| {
                let first = &self.outline.items[b];
                matches!(&first.kind, Kind::Heading(h) if self.heading_question(h, first).is_some())
            })
    }

    /// The content column of list item `index` and where the item ends.
    fn item_indent(&self, index: usize) -> (usize, usize) {
        match &self.outline.items[index].kind {
            Kind::ListItem(li) => (li.content_col, self.outline.items[index].range.end),
            _ => (0, 0),
        }
    }

    /// A `Q:` paragraph's answer may open with `A:` / `**Answer:**`: the marker is not the answer.
    fn skip_answer_marker(&mut self) {
        let source = self.source();
        let Some(open) = &mut self.open else {
            return;
        };
        let rest = &source[open.question_end..];
        let trimmed = rest.trim_start();
        let lead = rest.len() - trimmed.len();
        let unbolded = trimmed.trim_start_matches("**");
        let bold = trimmed.len() - unbolded.len();
        if let Some((Marker::Answer, len)) = marker(unbolded) {
            let after = &unbolded[len..];
            let after_bold = after.trim_start_matches("**").trim_start();
            open.question_end += lead + bold + len + (after.len() - after_bold.len());
        }
    }

    /// An item inside the open card's answer: navigation and furniture become holes, an
    /// `Example:` paragraph starts the example.
    fn inside(&mut self, item: &Item) {
        if let Some(reason) = self.navigation(item) {
            self.hole(item, reason);
            return;
        }
        if let Kind::Summary(summary) = &item.kind
            && is_toggle_label(&summary.text.text)
        {
            // "Show answer", "See the solution": the button of a toggle, not part of the answer.
            self.holes.push(item.range.clone());
            return;
        }
        if let Kind::Paragraph(p) = &item.kind
            && let Some(open) = &self.open
            && open.example.is_none()
            && matches!(
                marker(p.first_line.text.trim_start()),
                Some((Marker::Example, _))
            )
        {
            let text = &self.source()[item.range.clone()];
            if let Some(m) = EXAMPLE_MARKER.find(text) {
                let at = item.range.start;
                if let Some(open) = &mut self.open {
                    open.example = Some((at, at + m.end()));
                }
            }
        }
    }

    /// An item outside any card that opens none: the title, a section heading, navigation, or text
    /// the final sweep lists.
    fn outside(&mut self, item: &Item) {
        match &item.kind {
            Kind::FrontMatter(yaml) => self.front_matter(yaml, &item.range),
            Kind::Heading(h) => {
                if item.quoted || item.depth > 0 {
                    return;
                }
                if let Some(reason) = self.navigation(item) {
                    self.hole(item, reason);
                    return;
                }
                let text = section_name(&h.text.text);
                let first_heading = self.cards.is_empty() && self.section.is_none() && !self.titled;
                if first_heading && h.level == 1 {
                    self.titled = true;
                    self.meta.title.get_or_insert(text);
                    self.skip(&item.range, "document title");
                } else {
                    self.section = Some(text);
                    self.section_level = h.level;
                    self.skip(&item.range, "heading (section of the cards below it)");
                }
            }
            _ => {
                if let Some(reason) = self.navigation(item) {
                    self.hole(item, reason);
                }
            }
        }
    }

    fn front_matter(&mut self, yaml: &str, range: &Range<usize>) {
        match serde_norway::from_str::<FrontMatter>(yaml) {
            Ok(front) => {
                self.meta.title = front.title;
                self.meta.deck = front.deck;
                self.tags = front.tags.into_vec();
                self.skip(range, "front matter");
            }
            Err(err) => self.skip(range, format!("front matter that is not valid YAML: {err}")),
        }
    }

    /// Why `item` is navigation or page furniture, if it is.
    fn navigation(&self, item: &Item) -> Option<String> {
        let inline: Option<&Inline> = match &item.kind {
            Kind::Paragraph(p) => Some(&p.inline),
            Kind::Heading(h) => Some(&h.inline),
            Kind::Html(h) => Some(&h.inline),
            _ => None,
        };
        match &item.kind {
            Kind::List(_) if self.is_contents_list(item) => {
                return Some("table of contents (links into the page)".to_owned());
            }
            Kind::Table(t) if t.rows >= 3 && t.in_page_rows * 2 >= t.rows => {
                return Some("table of contents (links into the page)".to_owned());
            }
            Kind::Rule => return Some("thematic break".to_owned()),
            Kind::Html(h) if h.unclosed.is_some() && h.invisible => {
                return Some(format!(
                    "raw HTML block `<{}` that is never closed (read up to the next blank line)",
                    h.unclosed.unwrap_or_default()
                ));
            }
            Kind::Heading(h) if h.inline.external_links > 0 => {
                return Some("call to action (a heading that links out)".to_owned());
            }
            _ => {}
        }
        let inline = inline?;
        if inline.only_in_page_links() {
            return Some("navigation link into the page (such as back to top)".to_owned());
        }
        if inline.only_linked_images() {
            return Some("badge or banner image".to_owned());
        }
        let prose = inline.plain.trim();
        if prose.is_empty() {
            return None;
        }
        prose.lines().find_map(|line| {
            self.ctx
                .boilerplate
                .classify(line.trim())
                .map(|r| format!("boilerplate: {r}"))
        })
    }

    /// A list whose items all open with a link into the page.
    fn is_contents_list(&self, item: &Item) -> bool {
        let Kind::List(list) = &item.kind else {
            return false;
        };
        let entries = list
            .items
            .iter()
            .filter(|&&i| match &self.outline.items[i].kind {
                Kind::ListItem(li) => li.first_block.is_some_and(|b| {
                    matches!(&self.outline.items[b].kind,
                        Kind::Paragraph(p) if p.inline.starts_with_in_page_link)
                }),
                _ => false,
            })
            .count();
        // Every entry: a list that mixes in other items is content that happens to hold links.
        list.items.len() >= 2 && entries == list.items.len()
    }

    /// Leaves `item` out: a hole in the open answer, and a skipped entry either way.
    fn hole(&mut self, item: &Item, reason: String) {
        let range = item.range.clone();
        self.skip_until = self.skip_until.max(range.end);
        if !matches!(item.kind, Kind::Rule) || self.open.is_none() {
            self.skip(&range, reason);
        }
        self.holes.push(range);
    }

    fn skip(&mut self, range: &Range<usize>, reason: impl Into<String>) {
        let source = self.source();
        let trimmed = source[range.clone()].trim_end();
        if trimmed.trim().is_empty() {
            return;
        }
        let end = range.start + trimmed.len();
        let (line, _) = self.index.line_col(source, range.start);
        let (end_line, _) = self
            .index
            .line_col(source, end.saturating_sub(1).max(range.start));
        self.skipped.push(Skipped {
            file: self.file.display.clone(),
            line: Some(line),
            end_line: Some(end_line),
            reason: reason.into(),
            excerpt: Skipped::excerpt_of(trimmed),
        });
    }

    /// Ends the open card at `end`: renders its answer and makes the card.
    fn close(&mut self, end: usize) {
        let Some(open) = self.open.take() else {
            return;
        };
        let source = self.source();
        let region_end = end.max(open.question_end);
        // Holes come in source order; only those after the question can touch this answer.
        let first_hole = self.holes.partition_point(|h| h.end <= open.question_end);
        let region = Region {
            range: open.question_end..region_end,
            indent: open.indent,
            holes: &self.holes[first_hole..],
            example: open.example.filter(|(at, _)| *at < region_end),
        };
        let rendered = render(source, self.outline, &region);
        let (mut answer, mut example) = (rendered.answer, rendered.example);
        for field in [&mut answer, &mut example] {
            if is_placeholder(&field.text) {
                *field = FieldText::default();
            }
        }
        if is_empty_template(&answer.text) && example.is_empty() {
            answer = FieldText::default();
        }
        if matches!(open.opener, Opener::Heading(_))
            && is_link_list(&answer.text)
            && example.is_empty()
        {
            // A heading over nothing but links names a list of links; it asks nothing.
            self.section = Some(open.question.text.clone());
            self.skip(&(open.start..region_end), "heading over a list of links");
            return;
        }
        let card_end = rendered
            .last
            .unwrap_or(open.question_end)
            .max(open.question_end);
        let card_end = open.start + source[open.start..card_end].trim_end().len();
        let (line, _) = self.index.line_col(source, open.start);
        let (end_line, _) = self
            .index
            .line_col(source, card_end.saturating_sub(1).max(open.start));
        let mut tags = self.tags.clone();
        tags.extend(faq_tags(open.section.as_deref()));
        self.cards.push(Card {
            id: CardId(String::new()),
            question: open.question.text,
            answer: answer.text,
            example: (!example.is_empty()).then_some(example.text),
            section: open.section,
            tags,
            source: SourceRef {
                file: self.file.display.clone(),
                line,
                end_line,
                offset: open.start,
                length: card_end - open.start,
            },
            map: CardMap {
                question: open.question.pieces,
                answer: answer.pieces,
                example: example.pieces,
            },
        });
    }

    /// Lists every non-blank line that is in no card and in no skipped entry, in runs, with a reason
    /// from where it stands: nothing is left out without a word.
    fn sweep(&mut self) {
        let source = self.source();
        let lines: Vec<&str> = source.split('\n').collect();
        // Lines covered by a card or a skipped entry, counted with a difference array.
        let mut delta = vec![0i64; lines.len() + 2];
        let spans = self
            .cards
            .iter()
            .map(|c| (c.source.line, c.source.end_line))
            .chain(
                self.skipped
                    .iter()
                    .filter_map(|s| Some((s.line?, s.end_line?))),
            );
        for (a, b) in spans {
            delta[a.min(lines.len() + 1)] += 1;
            delta[(b + 1).min(lines.len() + 1)] -= 1;
        }
        let mut depth = 0;
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut run: Option<(usize, usize)> = None;
        for (i, text) in lines.iter().enumerate() {
            let number = i + 1;
            depth += delta[number];
            if text.trim().is_empty() {
                continue;
            }
            if depth == 0 {
                run = Some(run.map_or((number, number), |(a, _)| (a, number)));
            } else {
                runs.extend(run.take());
            }
        }
        runs.extend(run);
        let first_card = self.cards.iter().map(|c| c.source.line).min();
        let last_card = self.cards.iter().map(|c| c.source.end_line).max();
        let mut offsets = Vec::with_capacity(lines.len() + 1);
        let mut at = 0;
        for line in &lines {
            offsets.push(at);
            at += line.len() + 1;
        }
        offsets.push(source.len());
        for (a, b) in runs {
            let reason = if lines[a - 1..b].iter().all(|l| is_markup_only(l)) {
                "markup with no text (HTML tags, thematic breaks)"
            } else {
                match (first_card, last_card) {
                    (None, _) => "text outside any question",
                    (Some(first), _) if b < first => "text before the first question",
                    (_, Some(last)) if a > last => "text after the last answer",
                    _ => "text between cards, outside any answer",
                }
            };
            let range = offsets[a - 1]..offsets[b].min(source.len());
            self.skip(&range, reason);
        }
        self.skipped.sort_by_key(|s| s.line);
    }
}

/// A line of nothing but HTML tags (`<details>`, `</b></details>`) or a thematic break (`---`).
fn is_markup_only(line: &str) -> bool {
    let mut rest = line.trim();
    let rule = |c: char| rest.len() >= 3 && rest.chars().all(|x| x == c || x == ' ');
    if rule('-') || rule('*') || rule('_') {
        return true;
    }
    if rest.is_empty() {
        return true;
    }
    while let Some(after) = rest.strip_prefix('<') {
        let Some(close) = after.find('>') else {
            return false;
        };
        rest = after[close + 1..].trim_start();
        if rest.is_empty() {
            return true;
        }
    }
    false
}

/// The question as a card shows it: marker, decoration and surplus white space removed, mapped to
/// its source bytes where it was copied unchanged.
fn question_field(field: &FieldText) -> FieldText {
    let mut field = field.clone();
    field.trim();
    // Decoration before the question (`🔹 What is …?`) says nothing either.
    let decoration = field.text.len()
        - field
            .text
            .trim_start_matches(crate::source::cues::is_decoration)
            .len();
    field.drop_front(decoration);
    if let Some((Marker::Number(_) | Marker::Question, len)) = marker(&field.text) {
        field.drop_front(len);
        field.trim();
    }
    let keep = crate::source::cues::without_decoration(&field.text).len();
    field.truncate(keep);
    let collapsed = field.text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed != field.text {
        // Interior line breaks or runs of spaces: the text no longer maps one-to-one.
        let mut plain = FieldText::default();
        plain.push_synthetic(&collapsed);
        return plain;
    }
    field
}

/// A list item's question and where it ends: its first line when that is bold or ends in `?`
/// (the answer may follow on the next line), otherwise the whole paragraph (a question that wraps).
fn item_question(p: &Paragraph, range: &Range<usize>) -> (FieldText, usize) {
    let first_line = crate::source::cues::ends_with_question_mark(&p.first_line.text);
    match p.first_line_end {
        Some(end) if p.bold_first_line || first_line => (question_field(&p.first_line), end),
        _ => (
            question_field(&p.text),
            p.inline_end.min(range.end).max(range.start),
        ),
    }
}

/// A section's name: the heading's text, without a `#` typed into it (`## # 2. Variables`).
fn section_name(text: &str) -> String {
    let text = text.trim();
    let text = text.trim_start_matches('#').trim_start();
    crate::source::cues::without_decoration(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The label of a `<details>` toggle that only opens an answer: a few words naming the answer,
/// solution or explanation ("Answer", "Show answer", "See deep-dive answer", "Solution").
fn is_toggle_label(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.len() <= 5
        && words.iter().any(|w| {
            matches!(
                w.as_str(),
                "answer" | "answers" | "solution" | "solutions" | "explanation"
            )
        })
}

fn is_placeholder(text: &str) -> bool {
    !text.is_empty() && text.len() < 40 && PLACEHOLDER.is_match(text)
}

/// An answer template whose labels were never filled in: "- Situation:", "- **Task:**", ….
fn is_empty_template(text: &str) -> bool {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    lines.peek().is_some()
        && lines.all(|line| {
            let line = line
                .trim_start_matches(['-', '*', '+'])
                .trim()
                .trim_matches(['*', '_'])
                .trim();
            line.ends_with(':') && line.split_whitespace().count() <= 4
        })
}

/// An answer that is nothing but a list of links.
fn is_link_list(text: &str) -> bool {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    lines.peek().is_some()
        && lines.all(|line| {
            let item = line.trim_start_matches(['-', '*', '+']).trim();
            (line.starts_with(['-', '*', '+']))
                && item.starts_with('[')
                && (item.ends_with(')') || item.ends_with(')'))
                && item.contains("](")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_empty_templates() {
        assert!(is_placeholder("Answer here"));
        assert!(is_placeholder("_TODO_"));
        assert!(is_placeholder("Coming soon..."));
        assert!(!is_placeholder("Answer here is in the docs: read them."));
        assert!(is_empty_template(
            "- Situation:\n- Task:\n- **Action:**\n- Result:"
        ));
        assert!(!is_empty_template("- Situation: we shipped."));
    }

    #[test]
    fn toggle_labels() {
        assert!(is_toggle_label("Show answer"));
        assert!(is_toggle_label("See deep-dive answer"));
        assert!(is_toggle_label("Solution"));
        assert!(!is_toggle_label("See Class"));
        assert!(!is_toggle_label("Why is the answer 42 here and not 41?"));
    }

    #[test]
    fn markup_only_lines() {
        assert!(is_markup_only("</b></details>"));
        assert!(is_markup_only("  <details>"));
        assert!(is_markup_only("---"));
        assert!(!is_markup_only("<b>Note</b>"));
        assert!(!is_markup_only("--"));
    }
}
