//! The shape of a question beyond its content words: the part that asks (a follow-up clause or a list
//! of options after it is not compared), what kind of answer it asks for, and the code identifiers
//! and operators it names.
//!
//! "What is X?" and "How do you set X?" share their words and ask different things; so do "What is
//! `Promise.all`?" and "What is `Promise.any`?", whose words differ only in a stop word. Owns these
//! judgements on text; the roles of single words (aspect, context) are in [`super::roles`].

use std::borrow::Cow;

use super::words::Words;

/// What kind of answer a question asks for. Two questions that ask for different kinds are
/// different questions whatever their words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Asks {
    /// What something is ("What is X?", "Explain X", "How does X work?").
    #[default]
    Definition,
    /// How to do something ("How do you X?", "How to X?", "What steps do you take to X?").
    Procedure,
    Reason,
    Time,
    Place,
    Person,
    /// How two or more things differ.
    Comparison,
    YesNo,
    /// A story from experience ("Tell me about a time …").
    Story,
    TrueOrFalse,
    /// How much, how many, how large.
    Quantity,
}

impl Asks {
    /// The kind, for explanations.
    pub fn describe(self) -> &'static str {
        match self {
            Asks::Definition => "what something is",
            Asks::Procedure => "how to do something",
            Asks::Reason => "why",
            Asks::Time => "when",
            Asks::Place => "where",
            Asks::Person => "who",
            Asks::Comparison => "how things differ",
            Asks::YesNo => "yes or no",
            Asks::Story => "about yourself (a story or your own view)",
            Asks::TrueOrFalse => "true or false",
            Asks::Quantity => "how much or how many",
        }
    }

    /// Whether a detail only the longer question names changes what it asks: "What is code
    /// splitting?" is not "What is route-based code splitting?". Questions about how to do
    /// something, or stories, tolerate detail ("How do you ensure security and privacy of data?");
    /// a detail that qualifies how it is done counts in full there (see `roles`).
    pub fn is_exact(self) -> bool {
        matches!(
            self,
            Asks::Definition | Asks::YesNo | Asks::TrueOrFalse | Asks::Comparison
        )
    }

    /// The kinds this kind is answered alongside, as bits: a story answers "How do you handle
    /// conflict?" as well as "Tell me about a conflict you had".
    pub fn compatible(self) -> u16 {
        match self {
            Asks::Story => self.bit() | Asks::Procedure.bit(),
            _ => self.bit(),
        }
    }

    /// The kind as one bit of a set of kinds.
    pub fn bit(self) -> u16 {
        1 << self.index()
    }

    pub fn index(self) -> u8 {
        self as u8
    }
}

/// Words that refer back to what the first clause asked about: a clause holding one follows up.
const BACK_REFERENCES: &[&str] = &[
    "it", "its", "it's", "them", "they", "their", "one", "ones", "this", "that", "these", "those",
    "each",
];

const WH_WORDS: &[&str] = &["how", "why", "what", "when", "where", "which", "who"];

/// Words of five letters or more that say nothing about a topic: a clause repeating one does not
/// follow up on the first.
const FUNCTION_WORDS: &[&str] = &[
    "which", "would", "could", "should", "where", "there", "their", "about", "these", "those",
    "other", "after", "before", "while", "using", "being", "every", "doing", "whose",
];

/// Words that open a setting before the question proper ("In React, …", "For a web app, …").
const SETTING: &[&str] = &[
    "in", "for", "on", "at", "with", "during", "given", "assuming", "suppose", "as",
];

/// "How large …", "How many …": a question asking for an amount.
const AMOUNTS: &[&str] = &[
    "many",
    "much",
    "large",
    "big",
    "long",
    "often",
    "far",
    "small",
    "fast",
    "old",
    "frequently",
];

/// What a question asks, in parts: options or code listed after its last question mark are left
/// out, and clauses or sentences that only follow up on the first ("…, and how would you use one?",
/// "Why do we care about it?", "Which models can you use to solve a regression problem?") are
/// set apart from the main question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asking<'a> {
    pub main: Cow<'a, str>,
    pub follow_ups: Vec<Cow<'a, str>>,
}

/// The parts of `question` that ask (see [`Asking`]).
pub fn asking(question: &str) -> Asking<'_> {
    match without_placeholders(question) {
        Cow::Borrowed(text) => asking_of(text),
        Cow::Owned(text) => {
            let Asking { main, follow_ups } = asking_of(&text);
            Asking {
                main: Cow::Owned(main.into_owned()),
                follow_ups: follow_ups
                    .into_iter()
                    .map(|f| Cow::Owned(f.into_owned()))
                    .collect(),
            }
        }
    }
}

/// The question without bracketed placeholders ("working at [company name]", "[insert role
/// here]"): a template's blanks, worded differently from one list to the next. Only a few plain
/// words are a blank: a link (`[text](url)`) or a list of code (`[ join(), pop() ]`) stays.
fn without_placeholders(question: &str) -> Cow<'_, str> {
    if !question.contains('[') {
        return Cow::Borrowed(question);
    }
    let mut out = String::with_capacity(question.len());
    let mut rest = question;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        let inner = &rest[open + 1..close];
        let blank = inner.split_whitespace().count() <= 5
            && inner
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '\'' || c == '-');
        if !blank || rest[close + 1..].starts_with('(') {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn asking_of(question: &str) -> Asking<'_> {
    let mut text = question.trim();
    let whole = |text| Asking {
        main: Cow::Borrowed(text),
        follow_ups: Vec::new(),
    };
    if true_or_false(text) {
        // The statement after "True or False?" is what is asked.
        return whole(text);
    }
    if let Some((last, mark)) = text
        .char_indices()
        .rev()
        .find(|&(_, c)| c == '?' || c == '？')
    {
        let end = last + mark.len_utf8();
        // Options or code after the last question mark belong to the prompt, not to what it asks.
        if text[end..].chars().any(char::is_alphanumeric) {
            text = &text[..end];
        }
    }
    let pieces = clauses(text);
    // A scenario told first and asked about last ("There is a running container … How would you
    // do it?") is one question: its last sentence refers back to all of it.
    let Some(first) = pieces.first() else {
        return whole(text);
    };
    if pieces.len() <= 1 || first.ends_with('.') {
        return whole(text);
    }
    let first_words: Vec<String> = lower_words(pieces[0]);
    let mut kept = vec![pieces[0]];
    let mut follow_ups = Vec::new();
    for &piece in &pieces[1..] {
        if follows_up(piece, &first_words) {
            follow_ups.push(Cow::Borrowed(piece));
        } else {
            kept.push(piece);
        }
    }
    if follow_ups.is_empty() {
        whole(text)
    } else {
        Asking {
            main: Cow::Owned(kept.join(" ")),
            follow_ups,
        }
    }
}

/// A statement to judge true or false: "True or False? …", "True/False: …".
fn true_or_false(text: &str) -> bool {
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let is =
        |word: Option<&str>, expected: &str| word.is_some_and(|w| w.eq_ignore_ascii_case(expected));
    let (first, second, third) = (words.next(), words.next(), words.next());
    is(first, "true") && (is(second, "false") || is(second, "or") && is(third, "false"))
}

/// The first sentence or clause of an asking part: what decides the kind of answer asked for
/// ("What is the event loop? What is the difference between …" asks what something is).
pub fn first_clause(text: &str) -> &str {
    clauses(text).first().copied().unwrap_or(text)
}

/// `text` cut into sentences at `?` and `.`, and into clauses at ", and" / " and" followed by a
/// question word.
fn clauses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // Only ASCII bytes matter, and no byte of a multi-byte character is one: any index of one of
    // them is a character boundary.
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let sentence_end = (c == b'?' || c == b'.' && bytes.get(i + 1).is_some_and(|&n| n == b' '))
            && text[i + 1..]
                .trim_start()
                .starts_with(|c: char| c.is_uppercase());
        if sentence_end {
            out.push(text[start..=i].trim());
            start = i + 1;
        } else if (c == b' ' || c == b',') && joins_a_question(&text[i..]) {
            let after = text[i..].trim_start_matches([',', ' ']);
            let after = after.strip_prefix("and").unwrap_or(after).trim_start();
            out.push(text[start..i].trim());
            start = i + text[i..].len() - after.len();
            i = start;
            continue;
        }
        i += 1;
    }
    out.push(text[start..].trim());
    out.retain(|p| p.chars().any(char::is_alphanumeric));
    out
}

/// Whether `rest` opens with " and " or ", and " followed by a question word ("…, and how …").
fn joins_a_question(rest: &str) -> bool {
    let Some(after) = rest
        .strip_prefix(" and ")
        .or_else(|| rest.strip_prefix(", and "))
    else {
        return false;
    };
    let next = after
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    WH_WORDS.iter().any(|w| next.eq_ignore_ascii_case(w))
}

/// A clause that refers back to the first ("how would you use one?"), asks how the story went on
/// ("How did you handle the situation?"), or asks again about a word of it ("Which models solve a
/// regression problem?" after "What is regression?").
fn follows_up(clause: &str, first: &[String]) -> bool {
    let words = lower_words(clause);
    let refers_back = words.iter().any(|w| BACK_REFERENCES.contains(&w.as_str()));
    let story_goes_on =
        words.len() >= 2 && matches!(words[0].as_str(), "how" | "what") && words[1] == "did";
    let stem = |w: &str| w.chars().take(5).collect::<String>();
    let repeats = words
        .iter()
        .filter(|w| w.chars().count() >= 5 && !FUNCTION_WORDS.contains(&w.as_str()))
        .any(|w| {
            first
                .iter()
                .any(|f| f.chars().count() >= 5 && stem(f) == stem(w))
        });
    refers_back || story_goes_on || repeats
}

fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Openings after which the real question starts ("Can you …", "Please …").
const POLITE: &[&[&str]] = &[
    &["can", "you"],
    &["could", "you"],
    &["would", "you"],
    &["will", "you"],
    &["please"],
    &["briefly"],
    &["in", "practice"],
    &["in", "your", "opinion"],
];

/// Openings of a story question.
const STORY: &[&[&str]] = &[
    &["tell", "me", "about", "a", "time"],
    &["tell", "us", "about", "a", "time"],
    &["tell", "me", "about", "a", "situation"],
    &["tell", "us", "about", "a", "situation"],
    &["describe", "a", "time"],
    &["describe", "a", "situation"],
    &["discuss", "a", "time"],
    &["give", "an", "example", "of", "a", "time"],
    &["give", "an", "example", "of", "when"],
    &["give", "me", "an", "example", "of", "a", "time"],
    &["give", "a", "time"],
    &["provide", "an", "example", "of", "a", "time"],
    &["share", "an", "example", "of", "a", "time"],
    &["share", "a", "time"],
    &["walk", "me", "through", "a", "time"],
    &["have", "you", "ever"],
];

/// "What steps do you take to …", "What command is used to …": procedures asked with "what".
const PROCEDURE_NOUNS: &[&str] = &[
    "strategy",
    "strategies",
    "technique",
    "techniques",
    "method",
    "methods",
    "step",
    "steps",
    "way",
    "ways",
    "command",
    "commands",
    "approach",
    "approaches",
    "practice",
    "practices",
];

/// Words between "what"/"which" and a noun of procedure ("What are some of the *best* practices
/// …").
const BEFORE_PROCEDURE_NOUN: &[&str] = &[
    "is",
    "are",
    "some",
    "of",
    "the",
    "a",
    "an",
    "best",
    "common",
    "main",
    "key",
    "good",
    "most",
    "recommended",
    "general",
    "different",
    "security",
    "important",
];

const AUXILIARIES: &[&str] = &[
    "is", "are", "can", "could", "does", "do", "did", "should", "will", "would", "has", "have",
    "was", "were", "may", "must", "shall",
];

const COMPARING: &[&str] = &[
    "difference",
    "differences",
    "different",
    "differ",
    "differs",
    "compare",
    "compared",
    "comparison",
    "versus",
    "vs",
];

/// What kind of answer the words of a question (the first clause of what it asks, see [`asking`])
/// ask for.
pub fn asks(words: &Words) -> Asks {
    let all: Vec<&str> = (0..words.len()).map(|i| words.text(i)).collect();
    let mut w: &[&str] = &all;
    while let Some(polite) = POLITE
        .iter()
        .find(|p| w.starts_with(p) && w.len() > p.len())
    {
        w = &w[polite.len()..];
    }
    // "In a system design round, how would you …": the question starts at its question word.
    if w.first().is_some_and(|first| SETTING.contains(first))
        && let Some(start) = w
            .iter()
            .position(|x| WH_WORDS.contains(x) || AUXILIARIES.contains(x))
    {
        w = &w[start..];
    }
    if w.starts_with(&["true", "or", "false"]) || w.starts_with(&["true", "false"]) {
        return Asks::TrueOrFalse;
    }
    if STORY.iter().any(|s| w.starts_with(s)) {
        return Asks::Story;
    }
    // "The different isolation levels" lists them; "How are events different?" compares.
    let comparing = w.iter().enumerate().any(|(k, word)| {
        COMPARING.contains(word) && !(*word == "different" && k > 0 && w[k - 1] == "the")
    });
    if comparing {
        return Asks::Comparison;
    }
    match w.first().copied() {
        Some("why") => Asks::Reason,
        Some("when") => Asks::Time,
        Some("where") => Asks::Place,
        Some("who" | "whom" | "whose") => Asks::Person,
        // "How does X work?" asks what X is, as "Explain X" does.
        Some("how")
            if matches!(w.get(1), Some(&("does" | "do")))
                && !matches!(w.get(2), Some(&("you" | "we" | "i" | "one")))
                && w.iter().any(|x| *x == "work" || *x == "works") =>
        {
            Asks::Definition
        }
        Some("how") if w.get(1).is_some_and(|x| AMOUNTS.contains(x)) => Asks::Quantity,
        Some("how") => Asks::Procedure,
        // "What techniques …", "Which regularization techniques …", "Explain cache invalidation
        // strategies": ways of doing something. Not "What is the bind method?", a name with a
        // generic head.
        _ if w
            .iter()
            .any(|x| PROCEDURE_NOUNS.contains(x) && x.ends_with('s')) =>
        {
            Asks::Procedure
        }
        Some("what" | "which")
            if w[1..]
                .iter()
                .find(|x| !BEFORE_PROCEDURE_NOUN.contains(x))
                .is_some_and(|x| PROCEDURE_NOUNS.contains(x)) =>
        {
            Asks::Procedure
        }
        Some(first) if AUXILIARIES.contains(&first) && !w.starts_with(&["do", "you", "know"]) => {
            Asks::YesNo
        }
        _ if about_you(w) => Asks::Story,
        _ => Asks::Definition,
    }
}

/// Whether a question asks about the person answering, their past or their own view ("Describe a
/// disagreement you had", "What is your biggest failure?", "What are you most proud of?"): what a
/// story answers, not a definition.
fn about_you(words: &[&str]) -> bool {
    words.iter().enumerate().any(|(k, &word)| match word {
        "your" | "yourself" | "you've" | "you're" | "you'd" => true,
        "you" => {
            let before = k.checked_sub(1).map(|b| words[b]);
            let after = words.get(k + 1).copied();
            matches!(before, Some("are" | "were" | "have" | "did"))
                || after.is_some_and(|a| {
                    matches!(
                        a,
                        "had"
                            | "took"
                            | "made"
                            | "gave"
                            | "faced"
                            | "felt"
                            | "were"
                            | "did"
                            | "are"
                            | "have"
                    ) || a.len() > 4 && a.ends_with("ed")
                })
        }
        _ => false,
    })
}

/// Operators a question names (`==`, `===`, `&&`, `=>`): words to compare, which a split into
/// letters and digits loses.
pub fn operators(text: &str) -> Vec<String> {
    const SYMBOLS: &str = "=!<>&|?:+-*/%^~";
    let mut out: Vec<String> = Vec::new();
    // Most questions have no two symbols in a row: nothing to look at.
    let symbol = |b: &u8| SYMBOLS.as_bytes().contains(b);
    if !text
        .as_bytes()
        .windows(2)
        .any(|w| symbol(&w[0]) && symbol(&w[1]))
    {
        return out;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !SYMBOLS.contains(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && SYMBOLS.contains(chars[i]) {
            i += 1;
        }
        // Standing on its own: not the `++` of `C++`, not the `-` of a hyphenated word.
        let alone =
            |c: Option<&char>| c.is_none_or(|c| c.is_whitespace() || "`'\"(),".contains(*c));
        let before = start.checked_sub(1).and_then(|b| chars.get(b));
        let mut run: String = chars[start..i].iter().collect();
        if run.chars().any(|c| c != '?') {
            // A question mark or colon after an operator is punctuation ("=== ?", "=>:").
            run = run.trim_end_matches(['?', ':', '.']).to_owned();
        }
        let after_run = chars.get(start + run.chars().count());
        let stands_alone =
            alone(before) && (alone(after_run) || "?:.".contains(*after_run.unwrap_or(&' ')));
        let only_punctuation = run.chars().all(|c| c == '?' || c == ':' || c == '-') && run != "??";
        if run.chars().count() >= 2 && stands_alone && !only_punctuation && !out.contains(&run) {
            out.push(run);
        }
    }
    out
}

/// Code identifiers a question names, lower-cased: dotted (`Promise.all`, `Function.prototype.bind`)
/// or with a capital inside (`setTimeout`, `mapStateToProps`). Two questions naming different ones
/// ask about different things, however alike their other words.
pub fn identifiers(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Most questions have neither a dot between letters nor a capital after a small letter.
    let looks_like_code = text.as_bytes().windows(2).any(|w| {
        (w[0].is_ascii_lowercase() || w[0].is_ascii_digit()) && w[1].is_ascii_uppercase()
            || matches!(w[0], b'.' | b'_') && w[1].is_ascii_alphabetic()
    }) || !text.is_ascii();
    if !looks_like_code {
        return out;
    }
    for token in text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_' || c == '$')) {
        let token = token.trim_matches('.');
        if token.is_empty() || !token.starts_with(|c: char| c.is_alphabetic() || c == '_') {
            continue;
        }
        let dotted = token.contains('.')
            && token
                .split('.')
                .all(|part| part.starts_with(|c: char| c.is_alphabetic() || c == '_'));
        // camelCase, not a product name in PascalCase ("JavaScript", "PostgreSQL"): names are
        // compared as names.
        let inner_capital = token.starts_with(|c: char| c.is_lowercase())
            && token.chars().skip(1).any(char::is_uppercase);
        if dotted || inner_capital {
            let lower = token.to_lowercase();
            if !out.contains(&lower) {
                out.push(lower);
            }
        }
    }
    out
}

/// Words a question quotes (`"key" prop`, `` `this` ``): literal names, compared as code is.
pub fn quoted(text: &str) -> Vec<&str> {
    const QUOTES: &[(char, char)] = &[('"', '"'), ('`', '`'), ('“', '”'), ('‘', '’')];
    let mut out = Vec::new();
    if text.is_ascii() && !text.contains(['"', '`']) {
        return out;
    }
    for &(open, close) in QUOTES {
        let mut rest = text;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len_utf8()..];
            let Some(end) = after.find(close) else {
                break;
            };
            let inner = after[..end].trim();
            // One token: a quoted phrase is prose, not a name.
            if !inner.is_empty()
                && !inner.contains(char::is_whitespace)
                && inner.chars().any(char::is_alphanumeric)
            {
                out.push(inner);
            }
            rest = &after[end + close.len_utf8()..];
        }
    }
    out
}

/// The part of a code identifier that names it: its last segment (`all` of `Promise.all()`,
/// `bind` of `Function.prototype.bind`), lower-cased, without call parentheses.
pub fn code_name(identifier: &str) -> String {
    let identifier = identifier
        .trim_end_matches("()")
        .trim_matches(|c: char| !c.is_alphanumeric());
    identifier
        .rsplit(['.', ':'])
        .find(|s| !s.is_empty())
        .unwrap_or(identifier)
        .to_lowercase()
}

/// Whether a question is written in title case ("What’s the Number One Accomplishment You’re Most
/// Proud Of?"): then a capital says nothing about a word being a name.
pub fn title_case(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| w.chars().count() >= 4)
        .skip(1)
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    words.len() >= 2 && capitalised * 10 >= words.len() * 6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(question: &str) -> Asks {
        asks(&Words::of(first_clause(&asking(question).main)))
    }

    fn asking_part(question: &str) -> String {
        asking(question).main.into_owned()
    }

    #[test]
    fn follow_ups_and_listed_options_are_not_what_is_asked() {
        assert_eq!(
            asking_part("What is a closure, and how/why would you use one?"),
            "What is a closure"
        );
        assert_eq!(
            asking_part("What is JSX and why do we use it in React?"),
            "What is JSX"
        );
        assert_eq!(
            asking_part("What is the curse of dimensionality? Why do we care about it?"),
            "What is the curse of dimensionality?"
        );
        assert_eq!(
            asking_part("Which of these are Linux features? cgroups namespaces"),
            "Which of these are Linux features?"
        );
        assert_eq!(
            asking_part(
                "What is regression? Which models can you use to solve a regression problem?"
            ),
            "What is regression?"
        );
        assert_eq!(asking_part("Why work at [company name]?"), "Why work at ?");
        assert_eq!(asking_part("?? ."), "?? .");
        assert_eq!(asking_part(""), "");
        assert_eq!(
            asking_part("Explain [ pop(), push() ]"),
            "Explain [ pop(), push() ]"
        );
        assert_eq!(
            asking_part("What is [JSX](https://x.org)?"),
            "What is [JSX](https://x.org)?"
        );
        assert_eq!(
            asking_part("True or False? It is not possible to remove an image in use"),
            "True or False? It is not possible to remove an image in use"
        );
        assert_eq!(
            asking_part(
                "What is event loop? What is the difference between call stack and task queue?"
            ),
            "What is event loop? What is the difference between call stack and task queue?"
        );
    }

    #[test]
    fn kinds_of_answer() {
        assert_eq!(kind("What's the learning rate?"), Asks::Definition);
        assert_eq!(kind("How to set the learning rate?"), Asks::Procedure);
        assert_eq!(
            kind("How does the JavaScript event loop work — call stack and task queue?"),
            Asks::Definition
        );
        assert_eq!(kind("How do you make the tests work?"), Asks::Procedure);
        assert_eq!(
            kind("In a system design round, how would you tune it?"),
            Asks::Procedure
        );
        assert_eq!(
            kind("How large should N be for a bag of words?"),
            Asks::Quantity
        );
        assert_eq!(kind("What is bind method in JavaScript?"), Asks::Definition);
        assert_eq!(
            kind("Which regularization techniques do you know?"),
            Asks::Procedure
        );
        assert_eq!(
            kind("Explain the different isolation levels in SQL."),
            Asks::Definition
        );
        assert_eq!(
            kind("What are some of the best practices regarding Dockerfiles?"),
            Asks::Procedure
        );
        assert_eq!(kind("How does the event loop work?"), Asks::Definition);
        assert_eq!(kind("Can you explain the CAP theorem?"), Asks::Definition);
        assert_eq!(
            kind("What strategies do you use for fault tolerance?"),
            Asks::Procedure
        );
        assert_eq!(kind("How do you ensure fault tolerance?"), Asks::Procedure);
        assert_eq!(
            kind("What is the difference between typeof and instanceof?"),
            Asks::Comparison
        );
        assert_eq!(kind("How events are different in React?"), Asks::Comparison);
        assert_eq!(
            kind("Are there disadvantages in running rootless containers?"),
            Asks::YesNo
        );
        assert_eq!(kind("Tell me about a time you failed."), Asks::Story);
        assert_eq!(kind("Tell me about yourself."), Asks::Story);
        assert_eq!(
            kind("Describe a disagreement you had with a colleague."),
            Asks::Story
        );
        assert_eq!(
            kind("What is your biggest professional failure?"),
            Asks::Story
        );
        assert_eq!(
            kind("What accomplishment are you most proud of?"),
            Asks::Story
        );
        assert_eq!(kind("What do you know about Docker?"), Asks::Definition);
        assert_eq!(
            kind("Tell me about an achievement you are proud of."),
            Asks::Story
        );
        assert_eq!(kind("True or False? Images have layers"), Asks::TrueOrFalse);
        assert_eq!(kind("Why should we hire you?"), Asks::Reason);
    }

    #[test]
    fn operators_and_identifiers() {
        assert_eq!(
            operators("What is the difference between == and ===?"),
            ["==", "==="]
        );
        assert_eq!(operators("What is the `??` operator?"), ["??"]);
        assert!(operators("What is X? Is it fast?").is_empty());
        assert_eq!(identifiers("What is Promise.all()?"), ["promise.all"]);
        assert_eq!(
            identifiers("Explain Function.prototype.bind. Use setTimeout."),
            ["function.prototype.bind", "settimeout"]
        );
        assert!(identifiers("What is React? Is it fast. Yes").is_empty());
        assert!(identifiers("What is hoisting in JavaScript and PostgreSQL?").is_empty());
    }

    #[test]
    fn quoted_words_and_code_names() {
        assert_eq!(
            quoted(r#"What is "key" prop and why use `this`?"#),
            ["key", "this"]
        );
        assert!(quoted(r#"What does "fail fast" mean?"#).is_empty());
        assert_eq!(code_name("Function.prototype.bind"), "bind");
        assert_eq!(code_name("promise.all()"), "all");
        assert_eq!(code_name("setTimeout"), "settimeout");
    }

    #[test]
    fn title_case_questions() {
        assert!(title_case(
            "What’s the Number One Accomplishment You’re Most Proud Of?"
        ));
        assert!(!title_case("What is lifting state up in React?"));
    }
}
