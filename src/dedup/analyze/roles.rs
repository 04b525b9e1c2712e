//! The role of each content word of a question: the subject it asks about, an aspect of that
//! subject ("the *features* of X"), the context it is asked in ("… *in React*"), or a generic head
//! that only says what kind of thing the subject is ("the bind *method*").
//!
//! "What is Redux Form?" and "What are the main features of Redux Form?" share their subject and
//! ask about different aspects of it; "What is state in React?" and "What are props in React?" share
//! only their context. Owns these roles; the lists of aspect and generic words are data (lexicon).

use std::ops::Range;

use super::Analyzer;
use super::words::Words;

/// What a content word is to the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Subject,
    /// The context the question is asked in: counts for less.
    Context,
    /// A trailing phrase that qualifies what is asked ("run a container *in the background*"):
    /// counts in full when the other question lacks it, however much detail it otherwise allows.
    Qualifier,
    /// A generic head ("method", "tool", "file"): counts for less.
    Light,
    /// An aspect of the subject (its index in the lexicon's aspects): compared on its own.
    Aspect(u8),
    /// Part of the question's frame, not of its subject: "work" in "How does X work?", which asks
    /// what "Explain X" does.
    Frame,
}

/// Words that end the head noun phrase of a subject: "the *security* and privacy of data", "the
/// *containers* on the local host", "a *container* in the background".
const PHRASE_ENDS: &[&str] = &[
    "of", "for", "on", "in", "with", "at", "from", "about", "into", "within", "across", "inside",
    "under", "and", "or", "that", "which", "who", "when", "where", "while", "if",
];

/// Prepositions that open a trailing context ("in distributed systems", "on React Router v4").
const CONTEXT_PREPOSITIONS: &[&str] = &["in", "on", "within", "across", "inside"];

/// Words that make a preposition part of a compound one meaning "about" ("in regards to", "in
/// terms of"): what follows is the subject, not a context.
const COMPOUND_PREPOSITIONS: &[&str] = &["regard", "regards", "terms", "relation", "respect"];

/// At most this many words after the preposition are a context; more are part of the subject.
const CONTEXT_WORDS: usize = 4;

/// Words before an aspect noun that make it one ("the use of X", "its purpose").
const DETERMINERS: &[&str] = &[
    "the", "its", "their", "a", "an", "main", "typical", "key", "some",
];

impl Analyzer {
    /// The role of each word in `content` (indexed from `content.start`).
    pub(super) fn roles(&self, words: &Words, content: Range<usize>) -> Vec<Role> {
        let mut roles = vec![Role::Subject; content.len()];
        let at = |i: usize| words.text(i);
        let last = content.end.saturating_sub(1);
        let mut how = (0..content.start).any(|i| at(i) == "how");
        for i in content.clone() {
            let word = at(i);
            if self.light.contains(word) {
                roles[i - content.start] = Role::Light;
            }
            how |= word == "how";
            if how && (word == "work" || word == "works") {
                roles[i - content.start] = Role::Frame;
                continue;
            }
            let Some(&aspect) = self.aspects.get(word) else {
                continue;
            };
            let before = (i > content.start).then(|| at(i - 1));
            let after = (i < last).then(|| at(i + 1));
            // "use" is a verb far more often than an aspect: only "the use of", "use case".
            if word == "use" || word == "uses" {
                let noun = before.is_some_and(|b| DETERMINERS.contains(&b))
                    && after
                        .is_some_and(|a| a == "of" || a == "for" || a == "case" || a == "cases");
                if !noun {
                    continue;
                }
                if let Some(case) = after.filter(|a| *a == "case" || *a == "cases") {
                    debug_assert!(!case.is_empty());
                    roles[i + 1 - content.start] = Role::Light;
                }
            }
            // The last word names the subject ("the cold start problem"), unless possessed
            // ("React's features") or a plural after what it is of ("regularization
            // *techniques*": kinds of regularization).
            let possessed = before.is_some_and(|b| b.ends_with("'s"));
            let kinds_of = word.ends_with('s')
                && before.is_some_and(|b| !self.is_stop(b) && !self.aspects.contains_key(b));
            if i < last || possessed || kinds_of {
                roles[i - content.start] = Role::Aspect(aspect);
            }
        }
        // A condition qualifies what is asked: "What happens to the model if z is x + y *and some
        // noise*?" is another question than without the noise.
        if let Some(condition) =
            (content.start + 1..content.end).find(|&i| matches!(at(i), "if" | "unless"))
        {
            for role in &mut roles[condition + 1 - content.start..] {
                if *role == Role::Subject {
                    *role = Role::Qualifier;
                }
            }
        }
        // "What is X used for?" asks for X's use, as "What is the purpose of X?" does.
        if let Some(&aspect) = self.aspects.get("use")
            && let Some(used) = (content.start..content.end)
                .rev()
                .take(2)
                .find(|&i| at(i) == "used")
            && (used + 1..content.end).all(|i| at(i) == "for")
        {
            roles[used - content.start] = Role::Aspect(aspect);
        }
        // A trailing prepositional phrase of a few words naming something sets the context ("in
        // React", "on Kubernetes"), as does a bare one ("in javascript", "in distributed system
        // design"). One about a particular thing qualifies what is asked: "run a container *in the
        // background*" is not "run a container".
        let preposition = (content.start + 1..content.end)
            .rev()
            .take(CONTEXT_WORDS + 1)
            .find(|&i| CONTEXT_PREPOSITIONS.contains(&at(i)));
        if let Some(p) = preposition
            && p + 1 < content.end
            && !COMPOUND_PREPOSITIONS.contains(&at(p + 1))
        {
            let context = (p + 1..content.end).any(|i| {
                let word = words.get(i);
                word.name || word.capitals
            }) || !DETERMINERS.contains(&at(p + 1));
            for role in &mut roles[p + 1 - content.start..] {
                if *role == Role::Subject {
                    *role = if context {
                        Role::Context
                    } else {
                        Role::Qualifier
                    };
                }
            }
        }
        roles
    }

    /// The positions of the question's heads: the last word of the subject before the phrase that
    /// ends it (a preposition, a conjunction, a relative clause, the frame's "work"), or the last
    /// word of the subject; and after "of", the last word of what it is of ("the *performance* of a
    /// slow *query*": either may be what is asked about). Looked for in the first `first_clause`
    /// words only.
    pub(super) fn heads(
        &self,
        words: &Words,
        content: Range<usize>,
        roles: &[Role],
        first_clause: usize,
    ) -> Vec<usize> {
        let mut heads = Vec::new();
        let mut head = None;
        for (position, i) in content.enumerate() {
            let word = words.text(i);
            let ends = PHRASE_ENDS.contains(&word) || roles[position] == Role::Frame;
            if i >= first_clause {
                break;
            }
            if let Some(found) = head
                && ends
            {
                heads.push(found);
                head = None;
                if word != "of" || heads.len() == 2 {
                    return heads;
                }
                continue;
            }
            if roles[position] == Role::Subject && !self.is_stop(word) {
                head = Some(i);
            }
        }
        heads.extend(head);
        heads
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(question: &str) -> Vec<(String, Role)> {
        let analyzer = Analyzer::default();
        let words = Words::of(question);
        let (content, _) = analyzer.content(&words);
        analyzer
            .roles(&words, content.clone())
            .into_iter()
            .zip(content)
            .map(|(role, i)| (words.text(i).to_owned(), role))
            .collect()
    }

    /// The words of `question` with a role `role` accepts (stop words only as aspects or heads).
    fn of(question: &str, role: fn(Role) -> bool) -> Vec<String> {
        let analyzer = Analyzer::default();
        roles(question)
            .into_iter()
            .filter(|(w, r)| {
                role(*r) && (!analyzer.is_stop(w) || matches!(r, Role::Aspect(_) | Role::Light))
            })
            .map(|(w, _)| w)
            .collect()
    }

    fn heads(question: &str) -> Vec<String> {
        let analyzer = Analyzer::default();
        let words = Words::of(question);
        let (content, _) = analyzer.content(&words);
        let roles = analyzer.roles(&words, content.clone());
        analyzer
            .heads(&words, content, &roles, usize::MAX)
            .into_iter()
            .map(|i| words.text(i).to_owned())
            .collect()
    }

    #[test]
    fn heads_end_the_subject() {
        let cases: [(&str, &[&str]); 7] = [
            ("What is a higher order function?", &["function"]),
            (
                "How do you ensure the security and privacy of data?",
                &["security"],
            ),
            (
                "How to list the containers on the local host?",
                &["containers"],
            ),
            ("How to run a container in the background?", &["container"]),
            ("What is the bind method in JavaScript?", &["bind"]),
            (
                "How does the JavaScript event loop work, with its call stack?",
                &["loop"],
            ),
            (
                "How would you improve the performance of a slow query?",
                &["performance", "query"],
            ),
        ];
        for (question, expected) in cases {
            assert_eq!(heads(question), expected, "{question}");
        }
    }

    #[test]
    fn aspects_context_and_generic_heads() {
        let aspect = |r: Role| matches!(r, Role::Aspect(_));
        assert_eq!(
            of("What are the main features of Redux Form?", aspect),
            ["features"]
        );
        assert_eq!(of("What is the use of setTimeout?", aspect), ["use"]);
        assert!(of("How do you use setTimeout?", aspect).is_empty());
        assert!(of("What is the cold start problem?", aspect).is_empty());
        assert_eq!(
            of("How does the event loop work?", |r| r == Role::Frame),
            ["work"]
        );
        assert_eq!(of("What are React's advantages?", aspect), ["advantages"]);
        assert_eq!(
            of("How to get query parameters in React Router v4?", |r| r
                == Role::Context),
            ["react", "router", "v4"]
        );
        assert_eq!(
            of("How to run a container in the background?", |r| r
                == Role::Qualifier),
            ["background"]
        );
        assert_eq!(
            of("What is bind method in javascript?", |r| r == Role::Context),
            ["javascript"]
        );
        assert_eq!(of("What .dockerignore is used for?", aspect), ["used"]);
        assert!(
            of(
                "What are best practices in regards to Container Images?",
                |r| r == Role::Context
            )
            .is_empty()
        );
        assert_eq!(
            of("What is bind method in javascript?", |r| r == Role::Light),
            ["method"]
        );
    }
}
