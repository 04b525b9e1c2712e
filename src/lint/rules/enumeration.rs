//! `enumeration`: an answer that is a set, a list of more items than can be recalled as one (the
//! minimum information principle).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::lint::{
    Case, ConfigureError, Field, Finding, OptionDecl, Prose, Rule, RuleDoc, RuleOptions,
};
use crate::model::{Card, Severity};
use crate::source::markdown::cmark_options;

pub struct Enumeration {
    pub max_items: usize,
}

/// Answers listing more than this many items are flagged.
pub const MAX_ITEMS: usize = 5;

const OPTIONS: &[OptionDecl] = &[OptionDecl::count(
    "max-items",
    MAX_ITEMS,
    "answers with a list of more items than this are flagged",
)];

impl Rule for Enumeration {
    fn id(&self) -> &'static str {
        "enumeration"
    }

    fn default_level(&self) -> Severity {
        Severity::Warning
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags answers with a list of more than 5 items (Markdown list items at the top level; nested items are part of their parent; separate lists count apart, an ordered list whose numbering goes on is one).",
            why: "Sets are the hardest thing to memorise: you recall some members, forget which, and review the whole card as a failure. Split the set into smaller cards, or turn it into cloze deletions or ordered steps, each with its own card.",
            bad: "## What are the SOLID principles and the twelve-factor rules?\n\n- Single responsibility\n- Open/closed\n- Liskov substitution\n- Interface segregation\n- Dependency inversion\n- One codebase, many deploys\n- …",
            good: "## Which SOLID principle says a class should have one reason to change?\n\nSingle responsibility.",
            cases: CASES,
        }
    }

    fn options(&self) -> &'static [OptionDecl] {
        OPTIONS
    }

    fn configure(&self, options: &RuleOptions) -> Result<Box<dyn Rule>, ConfigureError> {
        Ok(Box::new(Enumeration {
            max_items: options.count("max-items").unwrap_or(self.max_items),
        }))
    }

    fn check(&self, card: &Card, _prose: &Prose, out: &mut Vec<Finding>) {
        // No more lines that could open an item than allowed: no need to parse.
        if item_lines(&card.answer) <= self.max_items {
            return;
        }
        let items = longest_list(&card.answer);
        if items > self.max_items {
            out.push(Finding {
                field: Field::Question,
                span: 0..card.question.len(),
                message: format!("the answer lists {items} items (more than {})", self.max_items),
                help: "split the set into smaller cards, or turn it into cloze deletions or ordered steps, each with its own card".to_owned(),
            });
        }
    }
}

const CASES: &[Case] = &[
    Case {
        text: "- Atomicity\n- Consistency\n- Isolation\n- Durability\n- Idempotence\n- Ordering",
        flagged: true,
        why: "one list of six items: a set too large to recall as one",
    },
    Case {
        text: "Pros:\n\n- fast\n- simple\n- cheap\n\nCons:\n\n- no joins\n- no schema\n- eventual",
        flagged: false,
        why: "two lists of three: each is counted apart",
    },
    Case {
        text: "- Reads\n  - cache\n  - replica\n  - index\n- Writes\n  - queue\n  - batch\n  - shard",
        flagged: false,
        why: "nested items are part of their parent: two items",
    },
    Case {
        text: "1. build\n2. tag\n3. push\n\n```\n$ docker push app\n```\n\n4. pull\n5. migrate\n6. restart",
        flagged: true,
        why: "numbering that goes on after a code block is the same list of steps",
    },
];

/// The lines that start with a bullet or a number, or with a container that can hold one (a quote
/// `>`, a footnote definition `[^1]:`): a top-level list item starts one of them, so there are never
/// more items than these lines.
fn item_lines(text: &str) -> usize {
    text.lines()
        .filter(|line| {
            matches!(
                line.trim_start().bytes().next(),
                Some(b'-' | b'*' | b'+' | b'>' | b'[' | b'0'..=b'9')
            )
        })
        .count()
}

/// The number of items of the longest list in `text`. Separate lists count apart ("Pros: …" and
/// "Cons: …" are two sets to recall, not one); items nested in an item are part of it; an ordered
/// list that goes on numbering where the one before it stopped ("4." after "3.", split from it by
/// a paragraph or a code block) goes on with the same list.
fn longest_list(text: &str) -> usize {
    let mut depth = 0usize;
    let mut longest = 0;
    // Items of the list being counted, over its continued parts.
    let mut items = 0;
    // Items of its current part, and the number that part started at.
    let mut part_items = 0u64;
    let mut part_start = None;
    // The number an ordered list must start at to go on with the one before.
    let mut next_number = None;
    for event in Parser::new_ext(text, cmark_options()) {
        match event {
            Event::Start(Tag::List(start)) => {
                depth += 1;
                if depth == 1 {
                    if start.is_none() || start != next_number {
                        items = 0;
                    }
                    part_start = start;
                    part_items = 0;
                }
            }
            Event::End(TagEnd::List(_)) => {
                if depth == 1 {
                    next_number = part_start.map(|n| n + part_items);
                }
                depth = depth.saturating_sub(1);
            }
            Event::Start(Tag::Item) if depth == 1 => {
                items += 1;
                part_items += 1;
                longest = longest.max(items);
            }
            _ => {}
        }
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::{assert_documented_cases, card};

    fn flags(answer: &str) -> Vec<String> {
        let card = card("What are they?", answer);
        let mut out = Vec::new();
        Enumeration {
            max_items: MAX_ITEMS,
        }
        .check(&card, &Prose::of(&card), &mut out);
        out.into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn flags_lists_past_the_limit() {
        assert_eq!(
            flags("- a\n- b\n- c\n- d\n- e\n- f"),
            ["the answer lists 6 items (more than 5)"]
        );
        assert_eq!(
            flags("1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n7. g\n8. h\n9. i"),
            ["the answer lists 9 items (more than 5)"]
        );
        assert_eq!(
            flags("* a\n\n* b\n\n* c\n\n* d\n\n* e\n\n* f\n  - f1").len(),
            1
        );
        assert_eq!(flags("> - a\n> - b\n> - c\n> - d\n> - e\n> - f").len(), 1);
    }

    proptest::proptest! {
        /// The line count that lets most answers skip the parser never undercounts items.
        #[test]
        fn items_never_outnumber_item_lines(
            text in "(( {0,4}|> ?|\\[\\^a\\]: )?([-*+]|[0-9]{1,2}[.)])? ?[a-z`]{0,3}(\n|\n\n)?){0,12}"
        ) {
            proptest::prop_assert!(longest_list(&text) <= item_lines(&text), "{:?}", text);
        }
    }

    #[test]
    fn spares_short_lists_nested_items_prose_and_code() {
        assert!(flags("- a\n- b\n- c\n- d\n- e").is_empty());
        assert!(flags("- a\n  - a1\n  - a2\n  - a3\n- b\n  - b1\n  - b2\n- c").is_empty());
        assert!(flags("It uses a, b, c, d, e, f and g.").is_empty());
        assert!(flags("```\n- a\n- b\n- c\n- d\n- e\n- f\n```").is_empty());
        assert!(flags("").is_empty());
    }

    #[test]
    fn counts_each_list_apart() {
        assert!(flags("Pros:\n\n- a\n- b\n- c\n\nCons:\n\n- d\n- e\n- f").is_empty());
        assert!(
            flags("### Reads\n\n1. a\n2. b\n3. c\n\n### Writes\n\n1. d\n2. e\n3. f").is_empty()
        );
        assert_eq!(
            flags("- a\n- b\n\nThen:\n\n- c\n- d\n- e\n- f\n- g\n- h"),
            ["the answer lists 6 items (more than 5)"],
            "the longest list is the one counted"
        );
    }

    #[test]
    fn an_ordered_list_split_by_code_goes_on() {
        let steps = "1. a\n2. b\n3. c\n\n```\nrun\n```\n\n4. d\n5. e\n6. f";
        assert_eq!(flags(steps), ["the answer lists 6 items (more than 5)"]);
        let restarted = "1. a\n2. b\n3. c\n\n```\nrun\n```\n\n1. d\n2. e\n3. f";
        assert!(flags(restarted).is_empty());
    }

    #[test]
    fn documented_cases_hold() {
        assert_documented_cases(CASES, flags);
    }
}
