//! The Markdown parser: notes and interview-question repositories in `.md` files.
//!
//! Reading goes in three steps. [`outline`] turns the document into a flat list of what a reader meets
//! (headings, paragraphs, list items, code, tables, HTML and `<details>` structure), with
//! [`scan`] keeping `<details>` lines and unclosed raw HTML from swallowing the Markdown around them
//! and [`html`] reading the HTML with a real tokenizer. [`layout`] weighs which structures hold the
//! questions. [`walk`] then reads the outline as a reader does: a question opens a card, its answer
//! runs to the next question at its level, and [`render`] copies the answer out of the source with
//! list indentation, HTML wrappers and navigation removed.
//!
//! Owns the pulldown-cmark options (in [`cmark_options`], the one place they are set).

mod front_matter;
mod html;
mod layout;
mod outline;
mod render;
mod scan;
mod walk;

use pulldown_cmark::Options;

use crate::model::{Layout, ParsedDocument};
use crate::source::{ParseContext, SourceFile};

pub const LAYOUTS_TRIED: &[Layout] = &[Layout::Markdown];

/// The pulldown-cmark options every Markdown reader and writer in `prep` uses.
pub fn cmark_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

pub fn parse(file: &SourceFile, ctx: &ParseContext) -> ParsedDocument {
    let source = file.text.as_str();
    let base = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let outline = outline::outline(source, base);
    let walked = walk::Walk::new(file, ctx, &outline).run();
    let mut cards = walked.cards;
    crate::source::ids::assign_ids(&file.key, &mut cards);
    ParsedDocument {
        file: file.display.clone(),
        layout: (!cards.is_empty()).then_some(Layout::Markdown),
        meta: walked.meta,
        cards,
        skipped: walked.skipped,
        explain: walked.explain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Card, CardMap};
    use crate::source::SourceKind;

    fn cards(text: &str) -> Vec<Card> {
        let file = SourceFile {
            display: "t.md".into(),
            key: "t.md".into(),
            text: text.into(),
            kind: SourceKind::Markdown,
        };
        parse(&file, &ParseContext::default()).cards
    }

    fn qa(text: &str) -> Vec<(String, String, Option<String>)> {
        cards(text)
            .into_iter()
            .map(|c| (c.question, c.answer, c.example))
            .collect()
    }

    fn one(q: &str, a: &str, e: Option<&str>) -> (String, String, Option<String>) {
        (q.into(), a.into(), e.map(Into::into))
    }

    #[test]
    fn question_headings_strip_numbering_and_keep_code_blocks() {
        let text = "# Title\n\n## 3. How does `Vec<T>` grow?\n\nIt doubles.\n\n```rust\n# hidden\nv.push(1);\n```\n\n## Networking\n\n### Explain TCP slow start\n\nCwnd grows.\n";
        assert_eq!(
            qa(text),
            [
                one(
                    "How does Vec<T> grow?",
                    "It doubles.\n\n```rust\n# hidden\nv.push(1);\n```",
                    None
                ),
                one("Explain TCP slow start", "Cwnd grows.", None),
            ]
        );
        assert_eq!(cards(text)[1].section.as_deref(), Some("Networking"));
    }

    #[test]
    fn bold_and_q_paragraphs() {
        let text =
            "**Is Rust hard?**\n\nAt first.\n\n**Q:** Why borrow?\n**A:** To share safely.\n";
        assert_eq!(
            qa(text),
            [
                one("Is Rust hard?", "At first.", None),
                one("Why borrow?", "To share safely.", None)
            ]
        );
    }

    #[test]
    fn details_blocks_inline_and_spread_over_blocks() {
        let text = "<details><summary>What is 1 &amp; 2?</summary>Three.</details>\n\n<details>\n<summary>Why?</summary>\n\n- because\n\n</details>\n\nAfter.\n";
        assert_eq!(
            qa(text),
            [
                one("What is 1 & 2?", "Three.", None),
                one("Why?", "- because", None)
            ]
        );
    }

    #[test]
    fn example_markers_are_removed_in_every_form() {
        for (marker, example) in [
            ("**Example:**\n\nWe did X.", "We did X."),
            ("**Example:** We did X.", "We did X."),
            ("Example: We did X.", "We did X."),
            ("_Example answer_: We did X.", "We did X."),
            // A quoted example is its text, not its quote marks.
            (
                "**Example:**\n\n> We did X.\n>\n>  Twice.",
                "We did X.\n\n Twice.",
            ),
        ] {
            let text = format!("## What is X?\n\nX is X.\n\n{marker}\n");
            assert_eq!(
                qa(&text),
                [one("What is X?", "X is X.", Some(example))],
                "{marker}"
            );
        }
    }

    #[test]
    fn quoted_examples_map_to_their_source_bytes() {
        let text = "## What is X?\n\nX is X.\n\nExample:\n\n> We did X.\n> Twice.\n";
        let card = &cards(text)[0];
        assert_eq!(card.example.as_deref(), Some("We did X.\nTwice."));
        let at = |field_offset| CardMap::to_source(&card.map.example, field_offset);
        assert_eq!(at(0).map(|o| &text[o..o + 9]), Some("We did X."));
        assert_eq!(at(10).map(|o| &text[o..o + 6]), Some("Twice."));
    }

    #[test]
    fn code_is_never_furniture() {
        let text = "## What goes in a pod spec?\n\n`image: nginx:1.25`\n\n```yaml\nimage: nginx\n```\n\nOR a digest.\n";
        assert_eq!(
            qa(text),
            [one(
                "What goes in a pod spec?",
                "`image: nginx:1.25`\n\n```yaml\nimage: nginx\n```\n\nOR a digest.",
                None
            )]
        );
    }

    #[test]
    fn sub_headings_stay_in_the_answer_and_crlf_is_dropped() {
        let text = "## What is X?\r\n\r\nX.\r\n\r\n### Details\r\n\r\nMore.\r\n\r\n## Next steps\r\n\r\nNot a card.\r\n";
        assert_eq!(
            qa(text),
            [one("What is X?", "X.\n\n### Details\n\nMore.", None)]
        );
    }

    #[test]
    fn front_matter_sets_title_deck_and_tags_first() {
        let text = "---\ntitle: Notes\ndeck: Interviews::SQL\ntags: [sql, db]\n---\n\n# Notes\n\n## FAQ\n\n**Can I?**\n\nYes.\n";
        let file = SourceFile {
            display: "t.md".into(),
            key: "t.md".into(),
            text: text.into(),
            kind: SourceKind::Markdown,
        };
        let doc = parse(&file, &ParseContext::default());
        assert_eq!(doc.meta.title.as_deref(), Some("Notes"));
        assert_eq!(doc.meta.deck.as_deref(), Some("Interviews::SQL"));
        assert_eq!(doc.cards[0].tags, ["sql", "db", "faq"]);
        assert_eq!(doc.cards[0].section.as_deref(), Some("FAQ"));
    }
}
