//! `absolute-claim`: guarantees nobody can keep ("zero downtime", "never lost", "100% secure").
//!
//! The patterns (words.toml) find candidate guarantees; the sentence around each decides. A
//! guarantee is a claim when it promises something of a system or an outcome ("runs uniformly on
//! any infrastructure", "the issue was completely resolved"). It is not when it is denied ("not
//! guaranteed"), sourced ("guaranteed by the spec"), a name ("the Guaranteed QoS class"), a
//! comparison ("more foolproof"), advice or experience ("never trust any input", "I had never used
//! any"), or a rule of the language: the sentence is about a code construct ("the `finally` block
//! is guaranteed to run"), or a quantifier is restricted ("any Docker-compatible host").

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::lint::rules::around::{is_filler, next_word, sentence_before, words_before};
use crate::lint::rules::constant_regex as regex;
use crate::lint::rules::phrase_rule::Declaration;
use crate::lint::{Case, RuleDoc};
use crate::model::Severity;

/// A guarantee about what can happen, rather than an outcome that happened: "guaranteed", or a
/// universal quantifier the match ends on ("never inject anything", "runs on any").
static GUARANTEE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)guarantee|\b(any|every|all|anything|anyone|anybody|everything|anywhere|everywhere)$",
    )
});

/// Words that deny or weaken what follows: a denied guarantee is no guarantee.
static NEGATION: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^(not|no|never|nor|without|cannot|[a-z]+n't)$"));

/// Comparatives: "more foolproof" compares two ways, it promises nothing absolute.
static COMPARATIVE: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)^(more|less)$"));

/// Before "never": advice ("you should never", "make sure to never") or experience ("I had never
/// used any"), not a promise about what can happen.
static ADVICE_OR_EXPERIENCE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)^(should|must|shall|ought|to|please|have|has|had|i've|we've|you've|i'd|we'd)$")
});

/// Nouns of programming-language constructs: a guarantee whose subject is one is a rule of the
/// language ("the finally block is guaranteed to run").
static CONSTRUCT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(block|blocks|binding|bindings|clause|statement|keyword|declaration|loop|operator|method|function|callback|promise|closure|iterator|generator|variable|constant|constructor|destructor|macro|symbol|type|hook|reference|pointer)$",
    )
});

/// A quantifier's noun restricted by a compound ("any Docker-compatible host") or, after the noun,
/// by a relative or "with" ("any browser that supports ES modules"). A restricted quantifier
/// states a requirement, not a universal promise.
static RESTRICTING_COMPOUND: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)-(compatible|capable|enabled|supported|based)$"));
static RESTRICTING_CLAUSE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^(that|which|with|where|supporting|running)$"));

/// How many words of its clause a negation or a construct may stand before the guarantee.
const SUBJECT_REACH: usize = 6;

/// Whether the sentence before `start` mentions code (a backtick): the guarantee is then a rule of
/// that construct ("the `finally` block is guaranteed to run").
fn sentence_mentions_code(text: &str, start: usize) -> bool {
    sentence_before(text, start).contains('`')
}

/// Whether the match at `start` is capitalised inside a sentence: a name ("the Guaranteed QoS
/// class", "a Never restart policy"), not the word.
fn is_name(text: &str, start: usize) -> bool {
    let capitalised = text.as_bytes()[start].is_ascii_uppercase();
    let before = text[..start].trim_end_matches(|c: char| c.is_ascii() && is_filler(c as u8));
    capitalised
        && before
            .bytes()
            .last()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b',')
}

/// Whether the guarantee at `span` is one the context shows is not a promise of ours.
fn excused(text: &str, span: &Range<usize>) -> bool {
    let matched = &text[span.clone()];
    let before = words_before(text, span.start, SUBJECT_REACH);
    if is_name(text, span.start) || before.first().is_some_and(|w| COMPARATIVE.is_match(w)) {
        return true;
    }
    if !GUARANTEE.is_match(matched) {
        return false;
    }
    let never = matched
        .get(..6)
        .is_some_and(|start| start.eq_ignore_ascii_case("never "));
    if never
        && before
            .first()
            .is_none_or(|w| ADVICE_OR_EXPERIENCE.is_match(w))
    {
        return true;
    }
    before.iter().take(2).any(|w| NEGATION.is_match(w))
        || next_word(text, span.end).is_some_and(|next| text[next].eq_ignore_ascii_case("by"))
        || sentence_mentions_code(text, span.start)
        || before.iter().any(|w| CONSTRUCT.is_match(w))
        || restricted_quantifier(text, span.end)
}

/// "any Docker-compatible environment", "any host that runs Linux": the quantifier's noun phrase
/// carries a restriction. (A pronoun's relative clause does not restrict: "anything that is not
/// in your code" is still everything.)
fn restricted_quantifier(text: &str, end: usize) -> bool {
    let Some(first) = next_word(text, end) else {
        return false;
    };
    let second = next_word(text, first.end);
    RESTRICTING_COMPOUND.is_match(&text[first])
        || second.is_some_and(|w| {
            RESTRICTING_COMPOUND.is_match(&text[w.clone()]) || RESTRICTING_CLAUSE.is_match(&text[w])
        })
}

pub static ABSOLUTE_CLAIM: Declaration = Declaration {
    id: "absolute-claim",
    level: Severity::Warning,
    doc: RuleDoc {
        summary: "Flags guarantees no system keeps: \"zero downtime\", \"never lost\", \"always available\", \"100% secure\", \"bug-free\", \"every query\", \"runs on any infrastructure\", \"completely resolved\", \"flawlessly\".",
        why: "Every experienced interviewer knows systems fail; an absolute claim invites the follow-up \"what happens when it does?\" and costs credibility. State the measured figure and the failure you designed for.",
        bad: "The two-phase commit ensured that data was never lost and we had zero downtime.",
        good: "In 18 months we lost no acknowledged writes; the one failover took 40 seconds, inside our 5-minute recovery objective.",
        cases: &[
            Case {
                text: "The service runs uniformly on any infrastructure.",
                flagged: true,
                why: "a universal promise about a system's behaviour",
            },
            Case {
                text: "After the patch the issue was completely resolved.",
                flagged: true,
                why: "an outcome reached without residue, never measured",
            },
            Case {
                text: "With escaping, you can never inject anything into the page.",
                flagged: true,
                why: "\"never\" over a universal quantifier: nothing can ever happen",
            },
            Case {
                text: "The `finally` block is guaranteed to run.",
                flagged: false,
                why: "a rule of the language, its subject a code construct",
            },
            Case {
                text: "Pods in the Guaranteed QoS class are evicted last.",
                flagged: false,
                why: "a capitalised word inside a sentence is a name",
            },
            Case {
                text: "Map iteration order is not guaranteed.",
                flagged: false,
                why: "a denied guarantee promises nothing",
            },
            Case {
                text: "You should never log any secret.",
                flagged: false,
                why: "advice, not a promise about what can happen",
            },
        ],
    },
    judge: guarantee,
    what: "an absolute claim",
    help: "state what was measured and over which period, and what happens when it fails",
};

/// The guarantee a match makes, unless its sentence excuses it.
fn guarantee(text: &str, matched: Range<usize>) -> Option<Range<usize>> {
    (!excused(text, &matched)).then_some(matched)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::phrase_rule::PhraseRule;
    use crate::lint::rules::test_support::{assert_documented_cases, flagged};

    fn absolute(text: &str) -> Vec<String> {
        flagged(&PhraseRule::builtin(&ABSOLUTE_CLAIM), text)
    }

    #[test]
    fn flags_guarantees() {
        assert_eq!(absolute("We had almost zero downtime."), ["zero downtime"]);
        assert_eq!(
            absolute("Data was never lost, duplicated, or corrupted."),
            ["never lost"]
        );
        assert_eq!(absolute("It is 100% secure."), ["100% secure"]);
        assert_eq!(
            absolute("We saw a zero data breach rate."),
            ["zero data breach rate"]
        );
        assert_eq!(
            absolute("Every query hits the cache."),
            ["Every query hits"]
        );
    }

    #[test]
    fn spares_advice_and_schedules() {
        for text in [
            "Never store passwords in plain text; always use TLS.",
            "The probe runs every 15 seconds on a zero-based index.",
            "Assume every message will arrive at least twice.",
            "A short lock_timeout fails fast instead of queueing every query behind it.",
        ] {
            assert!(absolute(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn flags_universal_promises_and_outcomes_without_residue() {
        assert_eq!(
            absolute("Containers run uniformly on any infrastructure."),
            ["run uniformly on any"]
        );
        assert_eq!(absolute("The app works on any device."), ["works on any"]);
        assert_eq!(
            absolute("The gateway handled the surge in traffic flawlessly."),
            ["flawlessly"]
        );
        assert_eq!(
            absolute("Within a week the issue was completely resolved."),
            ["completely resolved"]
        );
        assert_eq!(
            absolute("I made sure the release was robust and bug-free."),
            ["bug-free"]
        );
        assert_eq!(
            absolute("Escaping means you can never inject anything that is not in your code."),
            ["never inject anything"]
        );
        assert_eq!(
            absolute("Our service is guaranteed to respond within a second."),
            ["guaranteed"]
        );
        assert_eq!(
            absolute("The cutover went without a hitch."),
            ["without a hitch"]
        );
    }

    #[test]
    fn spares_rules_of_the_language_names_and_denied_guarantees() {
        for text in [
            "The `finally` block is guaranteed to run.",
            "The finally block is guaranteed to run, even after a return.",
            "A `const` binding can never be reassigned.",
            "Kubernetes evicts pods of the Guaranteed QoS class last.",
            "Set a Never restart policy on the job.",
            "Iteration order is not guaranteed.",
            "No guaranteed order between async scripts.",
            "Insertion order is guaranteed by the spec.",
            "`Symbol()` returns a guaranteed-unique value.",
            "You can run the image on any Docker-compatible host.",
            "Start working on any new project from the template.",
            "You should never commit any secret to the repository.",
            "Never trust anything the client sends.",
            "I had never used any of these tools before.",
            "Feature detection is more foolproof than sniffing.",
        ] {
            assert!(absolute(text).is_empty(), "{text}: {:?}", absolute(text));
        }
    }

    #[test]
    fn an_outcome_stays_a_claim_in_a_sentence_about_code() {
        assert_eq!(
            absolute("We run `pg_dump` hourly, so backups are never lost."),
            ["never lost"]
        );
        assert_eq!(absolute("We have never lost any data."), ["never lost"]);
    }

    #[test]
    fn the_documented_cases_are_what_the_rule_does() {
        assert_documented_cases(ABSOLUTE_CLAIM.doc.cases, absolute);
    }
}
