//! A scraped page's own table of contents: a list near the top whose entries come back later as
//! lines of their own. Those lines are the page's questions (and, for entries that read as titles,
//! its sections), whether or not they end in a question mark ("Explain event delegation").
//!
//! Owns only the matching; the layout decides what to do with it.

use std::collections::BTreeMap;
use std::ops::Range;

use super::outline::{Kind, Outline};
use crate::normalize::normalize_question;
use crate::source::cues::{Marker, QuestionCues, is_heading_like};

/// The entries of a page's table of contents, found again in its body.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Contents {
    /// The list's lines.
    pub block: Range<usize>,
    /// Body lines that repeat an entry and ask something.
    pub questions: Vec<usize>,
    /// Body lines that repeat an entry and name a section ("Other Answers").
    pub sections: Vec<usize>,
}

/// At least this many entries must come back for a list to be the page's contents.
const MIN_MATCHES: usize = 3;

pub fn find(outline: &Outline<'_>, cues: &QuestionCues) -> Option<Contents> {
    outline
        .blocks
        .iter()
        .filter(|b| b.len() >= MIN_MATCHES && is_list(outline, b))
        .find_map(|block| matches(outline, cues, block))
}

fn is_list(outline: &Outline<'_>, block: &Range<usize>) -> bool {
    block.clone().all(|i| {
        matches!(
            outline.kinds[i],
            Kind::Marked(Marker::Bullet | Marker::Number(_), _)
        )
    })
}

fn matches(outline: &Outline<'_>, cues: &QuestionCues, block: &Range<usize>) -> Option<Contents> {
    let mut entries: BTreeMap<String, usize> = BTreeMap::new();
    for i in block.clone() {
        let Kind::Marked(_, len) = outline.kinds[i] else {
            continue;
        };
        let key = normalize_question(&outline.lines[i].text[len..]);
        if !key.is_empty() {
            entries.entry(key).or_insert(i);
        }
    }
    let mut found = Contents {
        block: block.clone(),
        ..Contents::default()
    };
    let mut seen = std::collections::BTreeSet::new();
    // Lines that open a block after the list and repeat one of its entries.
    for b in outline.blocks.iter().filter(|b| b.start >= block.end) {
        let line = &outline.lines[b.start];
        if outline.kinds[b.start] != Kind::Text {
            continue;
        }
        let key = normalize_question(line.text);
        if !entries.contains_key(&key) || !seen.insert(key) {
            continue;
        }
        if cues.is_question_like(line.text) || !is_heading_like(line.text) {
            found.questions.push(b.start);
        } else {
            found.sections.push(b.start);
        }
    }
    let matched = found.questions.len() + found.sections.len();
    (found.questions.len() >= MIN_MATCHES && matched * 2 >= entries.len()).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::lines::split_lines;

    #[test]
    fn entries_found_again_are_questions_or_sections() {
        let text = "Page\n\n  • Explain event bubbling\n  • What is a closure?\n  • Make this work:\n  • Other Answers\n\nExplain event bubbling\n\nEvents rise.\n\nWhat is a closure?\n\nA function and its scope.\n\nMake this work:\n\nsum(1)(2)\n\nOther Answers\n\n  • https://example.org\n";
        let outline = Outline::new(split_lines(text));
        let contents = find(&outline, &QuestionCues::default()).unwrap();
        assert_eq!(contents.block, 2..6);
        assert_eq!(contents.questions, [7, 11, 15]);
        assert_eq!(contents.sections, [19]);
    }

    #[test]
    fn a_list_whose_entries_never_come_back_is_not_contents() {
        let text = "  • one thing\n  • another thing\n  • a third thing\n\nWhat is X?\n\nX.\n";
        let outline = Outline::new(split_lines(text));
        assert_eq!(find(&outline, &QuestionCues::default()), None);
    }
}
