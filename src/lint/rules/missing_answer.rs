//! `missing-answer`: a question with no answer and no example.
//!
//! An answer is missing when nothing is left of it once its wrapper markup is gone: HTML tags and
//! comments (`<details><summary>Answer</summary></details>`, `<br>`, `<p></p>`), entities for
//! spaces (`&nbsp;`), empty emphasis and links that only lead back up the page ("⬆ Back to top").
//! Text inside HTML, code and images are answers.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::lint::{Case, Field, Finding, Prose, Rule, RuleDoc};
use crate::model::{Card, Severity};
use crate::source::markdown::cmark_options;

pub struct MissingAnswer;

/// HTML elements that show something without text: a picture or a diagram is an answer.
const MEDIA: &[&str] = &[
    "audio", "canvas", "embed", "iframe", "img", "math", "object", "picture", "svg", "video",
];

/// The words of a link that moves around the page rather than saying something: "Back to top",
/// "↑ Table of contents".
const NAVIGATION: &[&str] = &[
    "back",
    "beginning",
    "contents",
    "go",
    "home",
    "index",
    "jump",
    "of",
    "page",
    "return",
    "scroll",
    "start",
    "table",
    "the",
    "to",
    "toc",
    "top",
    "up",
];

/// Named entities for spaces and invisible characters: `&nbsp;` alone is no answer.
const BLANK_ENTITIES: &[&str] = &[
    "emsp", "ensp", "hairsp", "nbsp", "numsp", "puncsp", "shy", "thinsp", "zwj", "zwnj", "zwsp",
];

impl Rule for MissingAnswer {
    fn id(&self) -> &'static str {
        "missing-answer"
    }

    fn default_level(&self) -> Severity {
        Severity::Error
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags cards whose answer and example are both empty once wrapper markup is gone: HTML tags and comments, space entities, empty emphasis, links back up the page.",
            why: "A card without an answer cannot be studied; it usually means the source lost the answer (a scraping error) or the question was a heading.",
            bad: "## What is MVCC?\n\n## How do indexes work?",
            good: "## What is MVCC?\n\nEach transaction reads a snapshot; writers create new row versions instead of overwriting.",
            cases: CASES,
        }
    }

    fn check(&self, card: &Card, _prose: &Prose, out: &mut Vec<Finding>) {
        if says_something(&card.answer) || card.example.as_deref().is_some_and(says_something) {
            return;
        }
        out.push(Finding {
            field: Field::Question,
            span: 0..card.question.len(),
            message: "the question has no answer".to_owned(),
            help: "write the answer under the question, or remove the question".to_owned(),
        });
    }
}

const CASES: &[Case] = &[
    Case {
        text: "<details><summary>Answer</summary></details>",
        flagged: true,
        why: "a wrapper with nothing in it",
    },
    Case {
        text: "<p>&nbsp;</p>",
        flagged: true,
        why: "a space entity is no answer",
    },
    Case {
        text: "[⬆ Back to top](#contents)",
        flagged: true,
        why: "a link back up the page says nothing about the question",
    },
    Case {
        text: "<b>A snapshot per transaction.</b>",
        flagged: false,
        why: "text inside HTML is an answer",
    },
    Case {
        text: "`SELECT 1`",
        flagged: false,
        why: "code is an answer",
    },
    Case {
        text: "<img src=\"mvcc.png\" alt=\"\">",
        flagged: false,
        why: "an image is an answer",
    },
];

/// True when `field` says anything once its wrapper markup is gone.
fn says_something(field: &str) -> bool {
    !field.trim().is_empty() && (has_plain_text(field) || markdown_says_something(field))
}

/// A cheap look for most fields: a letter, digit or symbol before anything that could open markup
/// whose text may say nothing (a tag `<`, an entity `&`, a link `[`) is said for certain. The
/// number of an ordered list item is not said, and the rest of a line after three backticks or
/// tildes is passed over: it may be a code fence's info string, which names a language. False
/// leaves the field to the parser.
fn has_plain_text(field: &str) -> bool {
    for line in field.lines() {
        let body = without_list_number(line);
        for (at, c) in body.char_indices() {
            if is_said(c) {
                return true;
            }
            match c {
                '<' | '&' | '[' => return false,
                '`' | '~' if body[at..].starts_with(if c == '`' { "```" } else { "~~~" }) => {
                    if body[at..].contains(['<', '&', '[']) {
                        return false;
                    }
                    break;
                }
                _ => {}
            }
        }
    }
    false
}

/// `line` after the numbers of the ordered list items it opens ("1. ", "> 2) ", "1. 1. ").
fn without_list_number(line: &str) -> &str {
    let mut rest = line;
    loop {
        let body = rest.trim_start_matches([' ', '\t', '>', '-', '*', '+']);
        let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let after = &body[digits..];
        let is_marker = digits > 0
            && after.starts_with(['.', ')'])
            && after[1..].chars().next().is_none_or(char::is_whitespace);
        if !is_marker {
            return rest;
        }
        rest = &after[1..];
    }
}

/// Whether the `<` that `text` starts with opens a tag or a comment (`<b`, `</b`, `<!--`), not a
/// less-than sign ("a < b").
fn opens_tag(text: &str) -> bool {
    text.starts_with('<')
        && text
            .as_bytes()
            .get(1)
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!'))
}

/// The lower-cased name of the tag whose text (after `<`) `tag` is: "a", "/summary", "img".
fn tag_name(tag: &str) -> String {
    tag.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A character that says something: a letter, a digit, or a symbol beyond ASCII punctuation (which
/// is Markdown syntax when alone: `**`, `\`, `---`), but not a space or an invisible character.
fn is_said(c: char) -> bool {
    c.is_alphanumeric() || !(c.is_ascii() || c.is_whitespace() || is_invisible(c))
}

/// Characters that take no room: zero-width spaces and joiners, word joiners, soft hyphens, BOMs.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// The parser's reading: text, code, images and media say something; tags, comments and links to
/// a place in the page that name only the way there ("Back to top") do not.
fn markdown_says_something(field: &str) -> bool {
    let mut html = Html::default();
    Parser::new_ext(field, cmark_options()).any(|event| match event {
        Event::Start(Tag::Link { dest_url, .. }) => {
            html.in_page_link = dest_url.starts_with('#');
            false
        }
        Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => false,
        // An element opened in HTML ends with the block or link it is in.
        Event::End(_) => {
            html = Html::default();
            false
        }
        Event::Start(Tag::Image { .. }) => true,
        Event::Text(text) | Event::Code(text) => html.says(&text),
        Event::InlineMath(text) | Event::DisplayMath(text) => html.says(&text),
        Event::Html(text) | Event::InlineHtml(text) => html.read(&text),
        _ => false,
    })
}

/// What is open in the HTML read so far: HTML blocks come line by line and inline HTML tag by tag,
/// so a comment, a tag or a link may go on into the next event.
#[derive(Default)]
struct Html {
    in_tag: bool,
    in_comment: bool,
    in_page_link: bool,
    in_summary: bool,
    tag: String,
    text: String,
}

impl Html {
    /// Whether the text outside tags says something: not inside a `<summary>` (the caption of a
    /// disclosure, "Answer"); inside a link to a place in the page, more than the way there.
    fn says(&self, text: &str) -> bool {
        if self.in_summary {
            false
        } else if self.in_page_link {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|word| !word.is_empty())
                .any(|word| !NAVIGATION.contains(&word.to_lowercase().as_str()))
        } else {
            text.chars().any(is_said)
        }
    }

    /// Reads one piece of HTML; true once it says something: text outside tags and comments, or a
    /// media element.
    fn read(&mut self, html: &str) -> bool {
        let mut rest = html;
        while !rest.is_empty() {
            if self.in_comment {
                match rest.find("-->") {
                    Some(end) => {
                        self.in_comment = false;
                        rest = &rest[end + 3..];
                    }
                    None => return false,
                }
            } else if self.in_tag {
                let end = rest.find('>').unwrap_or(rest.len());
                self.tag.push_str(&rest[..end]);
                if end == rest.len() {
                    return false;
                }
                self.in_tag = false;
                rest = &rest[end + 1..];
                if self.close_tag() {
                    return true;
                }
            } else if opens_tag(rest) {
                if self.flush() {
                    return true;
                }
                if rest.starts_with("<!--") {
                    self.in_comment = true;
                    rest = &rest[4..];
                } else {
                    self.in_tag = true;
                    rest = &rest[1..];
                }
            } else {
                // Text up to the next `<`, and a `<` that opens no tag.
                let first = rest.chars().next().map_or(1, char::len_utf8);
                let end = rest[first..].find('<').map_or(rest.len(), |at| at + first);
                self.text.push_str(&rest[..end]);
                rest = &rest[end..];
            }
        }
        self.flush()
    }

    /// Ends the tag read: true for a media element; an `<a>` to a place in the page opens a link,
    /// `<summary>` a caption.
    fn close_tag(&mut self) -> bool {
        let tag = std::mem::take(&mut self.tag).to_ascii_lowercase();
        let name = tag_name(&tag);
        match name.as_str() {
            "summary" => {
                self.in_summary = true;
                false
            }
            "a" => {
                let href = tag.split("href=").nth(1).unwrap_or_default();
                self.in_page_link = href.trim_start_matches(['"', '\'']).starts_with('#');
                false
            }
            // Neither outlives the other's end: in "<summary><a href=#top></summary>" the link
            // ends with the caption.
            "/a" | "/summary" => {
                self.in_page_link = false;
                self.in_summary = false;
                false
            }
            _ => MEDIA.contains(&name.as_str()),
        }
    }

    /// Decides on the text gathered between tags, with its entities read.
    fn flush(&mut self) -> bool {
        let text = std::mem::take(&mut self.text);
        self.says(&without_blank_entities(&text))
    }
}

/// `text` with the entities that stand for spaces or invisible characters (`&nbsp;`, `&#8203;`)
/// taken out; other entities (`&lt;`) stay, as they show a character.
fn without_blank_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest[1..]
            .find(';')
            .filter(|&end| end <= 10)
            .map(|end| &rest[1..=end]);
        match entity {
            Some(name) if is_blank_entity(name) => rest = &rest[name.len() + 2..],
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// True for an entity name (without `&` and `;`) that stands for a space or an invisible character.
fn is_blank_entity(name: &str) -> bool {
    let code = match name.strip_prefix('#') {
        Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok(),
        Some(decimal) => decimal.parse().ok(),
        None => return BLANK_ENTITIES.contains(&name.to_ascii_lowercase().as_str()),
    };
    code.and_then(char::from_u32)
        .is_some_and(|c| c.is_whitespace() || is_invisible(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::{card, findings};

    fn count(answer: &str) -> usize {
        findings(&MissingAnswer, &card("Why?", answer)).len()
    }

    #[test]
    fn flags_empty_answers_only() {
        assert_eq!(count(" \n"), 1);
        assert_eq!(count("Because."), 0);
    }

    #[test]
    fn flags_answers_that_are_only_wrappers() {
        for empty in [
            "<details><summary>Answer</summary></details>",
            "<br>",
            "<br/>\n<br/>",
            "<p></p>",
            "<b></b>",
            "**\n**",
            "&nbsp;",
            "<p>&nbsp;</p>",
            "&#8203;",
            "\\",
            "<!-- TODO -->",
            "<!--\nanswer pending\n-->",
            "[⬆ Back to top](#contents)",
            "**[↑ back to top](#top)**",
            "<div align=\"right\">\n    <b><a href=\"#notes\">↥ back to top</a></b>\n</div>",
            "<a href='#toc'>Table of Contents</a>",
            "<details>\n<summary>Show answer</summary>\n\n</details>",
            "1. ",
            "```js\n```",
        ] {
            assert_eq!(count(empty), 1, "{empty:?}");
        }
    }

    #[test]
    fn text_code_and_images_inside_markup_are_answers() {
        for answer in [
            "<b>Yes.</b>",
            "<details><summary>Answer</summary>A snapshot per transaction.</details>",
            "<p>It <i>depends</i>.</p>",
            "`SELECT 1`",
            "```\nlet x = 1;\n```",
            "<img src=\"plan.png\">",
            "![the plan](plan.png)",
            "&lt;br&gt;",
            "[See the MVCC card](#what-is-mvcc)",
            "[Back to basics](https://example.com/basics)",
            "✅",
            "42",
        ] {
            assert_eq!(count(answer), 0, "{answer:?}");
        }
    }

    #[test]
    fn an_example_is_an_answer() {
        let mut card = card("Why?", "<br>");
        card.example = Some("<i>We sharded by tenant.</i>".to_owned());
        assert!(findings(&MissingAnswer, &card).is_empty());
    }

    #[test]
    fn the_quick_look_never_says_more_than_the_parser() {
        for field in [
            "<!-- a > b -->",
            "<a href=\"#top\">↑ top</a>",
            "[↑](#top)",
            "&nbsp;x",
            "<details><summary>Answer</summary></details>",
            "<SUMMARY>Show</SUMMARY>",
            "[back\nto top](#top)",
        ] {
            assert!(
                !has_plain_text(field) || markdown_says_something(field),
                "{field:?}"
            );
        }
    }

    proptest::proptest! {
        /// Whatever the markup, the cheap look says a field has text only when the parser does.
        #[test]
        fn the_quick_look_agrees_with_the_parser(
            field in "(<b>|</b>|```|~~~|<a href=\"#t\">|<a href=x>|</a>|<summary>|</summary>|<!--|-->|<img>|&nbsp;|&lt;|&#8203;|\\[|\\]\\(#t\\)|\\]\\(x\\)|\\]: #t|back|top|to|x|↑| |\n|\n\n|`|\\*|\\\\|>|<|- |1\\. |    |~~|_|é){0,14}"
        ) {
            proptest::prop_assert!(
                !has_plain_text(&field) || markdown_says_something(&field),
                "{:?}",
                field
            );
        }
    }

    #[test]
    fn documented_cases_hold() {
        for case in CASES {
            assert_eq!(count(case.text) == 1, case.flagged, "{}", case.text);
        }
    }
}
