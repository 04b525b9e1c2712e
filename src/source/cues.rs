//! Line-level cues shared by the parsers: question and answer markers, list markers, "Example:" markers,
//! and whether a line reads like a question or a heading.
//!
//! Owns the vocabulary (interrogative and imperative prompt words); does not decide layouts or build cards.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

/// A marker at the start of a line, and the byte length it occupies (including following spaces).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// `12.` or `12)`.
    Number(u32),
    /// `Q:`, `Q3:`, `Question 4 –`, `Question:`.
    Question,
    /// `A:`, `A3:`, `Ans:`, `Answer:`.
    Answer,
    /// `•`, `-`, `*`, `·`, `▪`, `●`, `◦`, `‣`, `–`.
    Bullet,
    /// `Example:`, `Example answer:`, `Sample answer:`.
    Example,
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| regex(r"^(\d{1,9})[.)]\s+"));
static QUESTION: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?i:q(?:uestion)?)[ \t]*\d{0,9}[ \t]*(?::|\.|\)|[-–—][ \t])[ \t]*"));
static ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?i:a(?:ns(?:wer)?)?)[ \t]*\d{0,9}[ \t]*(?::|\.[ \t]|\)|[-–—][ \t])[ \t]*")
});
static BULLET: LazyLock<Regex> = LazyLock::new(|| regex(r"^[•\-*·▪●◦‣–+][ \t]+"));
static EXAMPLE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?i:example|example answer|sample answer|example response|sample response)[ \t]*:[ \t]*",
    )
});

/// Answers that stand for no answer at all: "Answer here", "TODO", "Coming soon", "TBD".
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^[\s*_`>.…-]*(answer here|your answer here|add (your )?answer( here)?|todo|tbd|tba|to do|coming soon|work in progress|wip|n/?a|\.\.\.|…)[\s*_`.…!-]*$",
    )
});

#[expect(
    clippy::expect_used,
    reason = "the patterns are constants checked by the unit tests"
)]
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in pattern is valid")
}

/// Recognises a marker at the start of `text` (already stripped of indentation).
///
/// Question and answer markers are tried before bullets so that `Q:` is not read as anything else;
/// `Example:` before answers because both end in a colon.
pub fn marker(text: &str) -> Option<(Marker, usize)> {
    if let Some(m) = EXAMPLE.find(text) {
        return Some((Marker::Example, m.end()));
    }
    if let Some(c) = NUMBER.captures(text) {
        let n = c[1].parse().unwrap_or(u32::MAX);
        return Some((Marker::Number(n), c[0].len()));
    }
    if let Some(m) = QUESTION.find(text) {
        return Some((Marker::Question, m.end()));
    }
    if let Some(m) = ANSWER.find(text) {
        return Some((Marker::Answer, m.end()));
    }
    BULLET.find(text).map(|m| (Marker::Bullet, m.end()))
}

const INTERROGATIVES: &[&str] = &[
    "am", "are", "can", "could", "did", "do", "does", "had", "has", "have", "how", "how's", "is",
    "may", "might", "must", "shall", "should", "was", "were", "what", "what's", "when", "where",
    "which", "who", "who's", "whom", "whose", "why", "will", "would",
];

/// Verbs that open a prompt without a question mark: "Describe your experience with …".
pub const DEFAULT_IMPERATIVES: &[&str] = &[
    "assess",
    "build",
    "calculate",
    "compare",
    "contrast",
    "debug",
    "define",
    "demonstrate",
    "describe",
    "design",
    "detail",
    "differentiate",
    "discuss",
    "distinguish",
    "draw",
    "elaborate",
    "estimate",
    "evaluate",
    "explain",
    "give",
    "identify",
    "illustrate",
    "implement",
    "justify",
    "list",
    "name",
    "outline",
    "present",
    "propose",
    "recall",
    "recount",
    "share",
    "sketch",
    "state",
    "suggest",
    "summarise",
    "summarize",
    "talk",
    "teach",
    "tell",
    "walk",
    "write",
];

/// What makes a line read like a question; extensible from `lints.toml` `[parse] extend-imperatives`.
#[derive(Debug, Clone)]
pub struct QuestionCues {
    imperatives: BTreeSet<String>,
}

impl Default for QuestionCues {
    fn default() -> Self {
        Self::new(std::iter::empty::<&str>())
    }
}

impl QuestionCues {
    pub fn new<S: AsRef<str>>(extra_imperatives: impl IntoIterator<Item = S>) -> Self {
        let imperatives = DEFAULT_IMPERATIVES
            .iter()
            .map(|s| (*s).to_owned())
            .chain(
                extra_imperatives
                    .into_iter()
                    .map(|s| s.as_ref().to_lowercase()),
            )
            .collect();
        QuestionCues { imperatives }
    }

    /// True for text ending in a question mark or opening with an interrogative or a prompt verb
    /// ("Please describe …" counts as "Describe …"), or with "True or False".
    pub fn is_question_like(&self, text: &str) -> bool {
        if ends_with_question_mark(text) || is_true_or_false(text) {
            return true;
        }
        let mut first = first_word(text);
        if first == "please" {
            let rest = text.trim_start_matches(|c: char| !c.is_alphanumeric());
            first = first_word(rest.get(6..).unwrap_or_default());
        }
        INTERROGATIVES.contains(&first.as_str()) || self.imperatives.contains(&first)
    }
}

/// "True or False? …", "True/False: …": a prompt whatever follows.
fn is_true_or_false(text: &str) -> bool {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let opens_with = |prefix: &str| {
        text.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    opens_with("true or false") || opens_with("true/false")
}

/// True when the text ends in `?`, allowing closing quotes and brackets after it, and decoration
/// such as a difficulty emoji (`What is X? 👶`).
pub fn ends_with_question_mark(text: &str) -> bool {
    without_decoration(text)
        .trim_end_matches(|c: char| c.is_whitespace() || "\"'”’)]*_".contains(c))
        .ends_with(['?', '？'])
}

/// `text` without trailing decoration: emoji, pictographs, arrows, joiners, variation selectors.
pub fn without_decoration(text: &str) -> &str {
    text.trim_end_matches(is_decoration)
}

/// A character that decorates rather than says something: emoji, pictographs, dingbats, arrows,
/// zero-width joiners, variation selectors, white space.
pub fn is_decoration(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}'..='\u{200d}'
                | '\u{fe0e}'
                | '\u{fe0f}'
                | '\u{2190}'..='\u{21ff}'
                | '\u{2300}'..='\u{23ff}'
                | '\u{2460}'..='\u{24ff}'
                | '\u{25a0}'..='\u{27bf}'
                | '\u{2900}'..='\u{2bff}'
                | '\u{1f000}'..='\u{1faff}'
        )
}

/// The first word, lower-cased, with a curly apostrophe made straight ("What’s" → "what's").
pub fn first_word(text: &str) -> String {
    text.trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .next()
        .unwrap_or_default()
        .replace('’', "'")
        .to_lowercase()
}

/// A line of short items set apart by runs of spaces, `|`, `·`, `•` or ` / `, as a site's
/// navigation bar reads when copied out of a browser: "Blog    Guides    GitHub    Search".
pub fn is_navigation_line(text: &str) -> bool {
    let items: Vec<&str> = text
        .split(['|', '·', '•', '\t'])
        .flat_map(|part| part.split("  "))
        .flat_map(|part| part.split(" / "))
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect();
    if items.len() < 3 {
        return false;
    }
    let capitalised = items
        .iter()
        .filter(|item| item.chars().next().is_some_and(char::is_uppercase))
        .count();
    capitalised * 3 >= items.len() * 2
        && items.iter().all(|item| {
            item.split_whitespace().count() <= 4
                && item.chars().count() <= 32
                && item.chars().any(char::is_alphabetic)
                && !item.ends_with(['.', ',', ';', ':', '!', '?'])
                && !item.contains(['=', '(', ')', '{', '}', ';', '<', '>'])
        })
}

/// An answer that stands for no answer: a placeholder such as "Answer here" or "TODO".
pub fn is_placeholder(text: &str) -> bool {
    !text.is_empty() && text.len() < 40 && PLACEHOLDER.is_match(text)
}

/// True for a short title-like line: no final punctuation, mostly capitalised words (or all capitals).
///
/// Used on plain text, where headings are only recognisable by their shape.
pub fn is_heading_like(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 14 || text.chars().count() > 120 {
        return false;
    }
    if text.ends_with(['.', ',', ':', ';', '!', '?', '…']) || marker(text).is_some() {
        return false;
    }
    let letters = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count();
    let capitalised = |w: &str| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    };
    let long: Vec<&str> = words.iter().copied().filter(|w| letters(w) >= 4).collect();
    if long.is_empty() {
        return words.iter().copied().all(capitalised);
    }
    let upper = long.iter().copied().filter(|w| capitalised(w)).count();
    upper * 10 >= long.len() * 6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(marker("12. How?"), Some((Marker::Number(12), 4)));
        assert_eq!(marker("3) Why"), Some((Marker::Number(3), 3)));
        assert_eq!(marker("Q: What"), Some((Marker::Question, 3)));
        assert_eq!(marker("Q3: What"), Some((Marker::Question, 4)));
        assert_eq!(
            marker("Question 4 – Describe"),
            Some((Marker::Question, 15))
        );
        assert_eq!(marker("Question: x"), Some((Marker::Question, 10)));
        assert_eq!(marker("A: yes"), Some((Marker::Answer, 3)));
        assert_eq!(marker("Answer: yes"), Some((Marker::Answer, 8)));
        assert_eq!(marker("• item"), Some((Marker::Bullet, 4)));
        assert_eq!(marker("Example: I did"), Some((Marker::Example, 9)));
        assert_eq!(marker("Example answer:"), Some((Marker::Example, 15)));
        assert_eq!(marker("Quality matters"), None);
        assert_eq!(marker("A-list tools"), None);
        assert_eq!(marker("As a result"), None);
        assert_eq!(marker("2025 was a year"), None);
        assert_eq!(marker("A. Smith wrote"), Some((Marker::Answer, 3)));
    }

    #[test]
    fn question_likeness() {
        let cues = QuestionCues::default();
        assert!(cues.is_question_like("Describe your experience with Kafka."));
        assert!(cues.is_question_like("What’s a closure"));
        assert!(cues.is_question_like("Is it “fast”?”"));
        assert!(cues.is_question_like("“Walk me through a deploy”"));
        assert!(!cues.is_question_like("To begin with, I analysed the load."));
        assert!(!cues.is_question_like("Kubernetes: I use it for everything."));
        assert!(QuestionCues::new(["Recite"]).is_question_like("Recite the poem"));
    }

    #[test]
    fn placeholders() {
        assert!(is_placeholder("Answer here"));
        assert!(is_placeholder("_TODO_"));
        assert!(is_placeholder("Coming soon..."));
        assert!(!is_placeholder("Answer here is in the docs: read them."));
        assert!(!is_placeholder("Tabs or spaces"));
    }

    #[test]
    fn navigation_lines() {
        assert!(is_navigation_line(
            "Front Page    Start reading    Blog    GitHub    Search ⌘K"
        ));
        assert!(is_navigation_line(
            "Privacy Policy · Terms of Service · Contact us"
        ));
        assert!(!is_navigation_line(
            "By Ana Ruiz · Last updated on May 3, 2026 · 12 min read"
        ));
        assert!(!is_navigation_line("let  a  =  b"));
        assert!(!is_navigation_line("Use a queue between the two services."));
    }

    #[test]
    fn heading_shapes() {
        assert!(is_heading_like("Conclusion"));
        assert!(is_heading_like(
            "Frequently Asked Questions (FAQ) for Platform Engineers"
        ));
        assert!(is_heading_like("FAQ"));
        assert!(!is_heading_like("Build your resume in minutes"));
        assert!(!is_heading_like("Example:"));
        assert!(!is_heading_like("How Do I Prepare For An Interview?"));
        assert!(!is_heading_like("I used Redis."));
    }
}
