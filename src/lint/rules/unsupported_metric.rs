//! `unsupported-metric`: a quantified outcome ("reduced costs by 25%", "3x faster", "serves 50k
//! requests per second", "loads in under 5 seconds") with no baseline, no measurement and no source.
//!
//! The rule reads what a figure does in its sentence, not which words stand near it:
//! - a claim: the size of a change ("by 30%", "3x faster", "a 40% reduction", "doubled the hit
//!   rate", "slashed costs by half", "by 200 ms"), a rate the subject achieves ("50k requests per
//!   second"), the time the subject takes to do its work ("loads in under 5 seconds"), or a ratio in
//!   a sentence about an outcome ("99.999% availability");
//! - context: a quantity of the subject ("a table with millions of rows", "3 replicas", "95% of the
//!   samples"), a setting ("a target of 70% CPU", "every 15 seconds", "expires in 5 minutes"), the
//!   value of arithmetic written beside it ("2/5 = 40%"), a figure in the scene a sentence sets
//!   before its main clause ("In services that handle 10k requests per second, …"), an
//!   instruction, a goal ("designed to handle") and a hypothetical ("would", "should", "assuming");
//! - never a quantity: names and versions (OAuth2, HTTP/2, 3NF).
//!
//! A range is one figure ("3–5×", "10-20%", "2 to 3 times"). A sentence that carries a baseline and a
//! method ("from 1.2% to 0.05%, measured over 30 days") is supported as a whole.
//!
//! The shapes of figures live in `figures` and `multiples`, the reading of the sentence around them
//! in `sentence`.

mod figures;
mod multiples;
mod sentence;

use std::ops::Range;
use std::sync::LazyLock;

use crate::lint::prose::{any_byte, sentences};
use crate::lint::rules::constant_regex as regex;
use crate::lint::{Case, Finding, Prose, Rule, RuleDoc};
use crate::model::{Card, Severity};
use crate::patterns::ascii_word_classes;

use sentence::Sentence;

pub struct UnsupportedMetric;

/// A pattern run with `is_match` only, over bytes: `(?-u:[^.;])` (any byte but `.` and `;`) keeps
/// bounded repetitions small, where the Unicode class would compile one UTF-8 automaton per
/// repetition. Windows like `{0,20}` therefore count bytes, not characters.
fn bytes_regex(pattern: &str) -> regex::bytes::Regex {
    #[expect(
        clippy::expect_used,
        reason = "constant patterns, exercised by the unit tests"
    )]
    regex::bytes::Regex::new(&ascii_word_classes(pattern).replace("[^.;]", "(?-u:[^.;])"))
        .expect("valid pattern")
}

/// Letters inside a figure written in words ("thousands", "millions", "doubled", "tripled",
/// "halved", "half", "twice", "ten times", "tenfold", "order of magnitude"), for the cheap first
/// look at prose without digits. Case-sensitive and without the first letter, so capitals match.
static WORD_FIGURE: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    bytes_regex("housand|illion|oubl|ripl|uadrupl|alv|alf|wice|imes|fold|agnitud")
});

/// A baseline, a measurement or a source in the same sentence makes the figure checkable.
static SUPPORT: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    bytes_regex(
        r"(?i)\bfrom\s+[~≈]?\d[^.;]{0,60}?\bto\s+[~≈]?\d|\b(?:down|up) from\s+[~≈$€£]?\d|\bcompared (?:with|to)\b|\bversus\b|\bvs\.?\s|\bbaseline\b|\bmeasured\b|\baccording to\b|\bsource:|\bbenchmark\w*\b|\bA/B test\w*|\bover (?:the )?(?:last |past |following )?(?:\d+|a|one|two|three|four|six|twelve) (?:day|week|month|quarter|year)s?\b",
    )
});

impl Rule for UnsupportedMetric {
    fn id(&self) -> &'static str {
        "unsupported-metric"
    }

    fn default_level(&self) -> Severity {
        Severity::Warning
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags quantified outcomes (\"reduced response times by 30%\", \"3x faster\", \"doubled the hit rate\", \"serves 50k requests per second\", \"loads in under 5 seconds\", \"99.999% availability\") that give no baseline, no measurement and no source.",
            why: "A bare percentage is the first thing an interviewer probes: 30% of what, measured how, over which period? Without the answer the number hurts more than it helps. Figures that describe rather than claim are not flagged: the size of what is built (\"millions of rows\", \"3 replicas\"), settings and timers (\"a TTL of 60 seconds\"), arithmetic (\"2/5 = 40%\"), instructions, goals, hypotheticals, versions and dates.",
            bad: "I optimised the queries, which reduced response times by 30%.",
            good: "I added a covering index; p95 latency of the search endpoint fell from 820 ms to 140 ms, measured over two weeks of production traffic.",
            cases: CASES,
        }
    }

    fn check(&self, _card: &Card, prose: &Prose, out: &mut Vec<Finding>) {
        for (field, text, range) in prose.claims() {
            // Most prose holds no figure: skip splitting it into sentences.
            if !could_hold_figure(&text[range.clone()]) {
                continue;
            }
            for sentence in sentences(text, range.clone()) {
                let s = &text[sentence.clone()];
                // Most sentences hold no figure at all: skip them before any regex runs. The
                // search for support is the costliest, so it runs only for sentences with a claim.
                if !could_hold_figure(s) {
                    continue;
                }
                let claims = claims(s);
                if claims.is_empty() || SUPPORT.is_match(s.as_bytes()) {
                    continue;
                }
                for span in claims {
                    out.push(Finding {
                        field,
                        span: sentence.start + span.start..sentence.start + span.end,
                        message: format!("`{}` states an outcome without a baseline", &s[span.clone()]),
                        help: "give the before and after values and how they were measured (what, how, over which period), or cite the source".to_owned(),
                    });
                }
            }
        }
    }
}

/// Borderline sentences, printed by `prep explain`; the unit tests check each verdict.
const CASES: &[Case] = &[
    Case {
        text: "The new build cache speeds up CI by ~30%.",
        flagged: true,
        why: "the size of a change, whatever the verb",
    },
    Case {
        text: "Prefetching made every page 3x faster.",
        flagged: true,
        why: "a multiple before a comparative is a change, even after a quantifier",
    },
    Case {
        text: "The gateway now serves 50k requests per second.",
        flagged: true,
        why: "a rate stated as an achievement",
    },
    Case {
        text: "The app loads in under 5 seconds on 3G.",
        flagged: true,
        why: "how long the subject takes to do its work is an outcome",
    },
    Case {
        text: "The session expires in 30 minutes, and probes run every 15 seconds.",
        flagged: false,
        why: "settings: when something is scheduled, not how fast it is",
    },
    Case {
        text: "We partitioned a table with millions of rows across 3 replicas.",
        flagged: false,
        why: "the size of what is built is context, not an outcome",
    },
    Case {
        text: "With 95% of the samples in class A, a model that always says A would be 95% accurate.",
        flagged: false,
        why: "a share describing a data set, and a hypothetical",
    },
    Case {
        text: "Recall is the better of the two: 3 of 4 = 75%.",
        flagged: false,
        why: "the value of arithmetic written beside it",
    },
];

/// A digit, or letters that can spell a figure ("thousands", "doubled", "by half", "twice").
fn could_hold_figure(sentence: &str) -> bool {
    has_digit(sentence) || WORD_FIGURE.is_match(sentence.as_bytes())
}

fn has_digit(text: &str) -> bool {
    any_byte(text, |b| b.is_ascii_digit())
}

/// The figures of a sentence that are outcome claims, in order, none overlapping.
fn claims(text: &str) -> Vec<Range<usize>> {
    let sentence = Sentence::new(text);
    let mut spans: Vec<Range<usize>> = figures::ratios(&sentence).collect();
    spans.extend(figures::rates(&sentence));
    // Durations and amounts are written in digits ("in 5 seconds", "by 200 ms"): most sentences
    // are spared their searches.
    if has_digit(text) {
        spans.extend(figures::durations(&sentence));
        spans.extend(figures::amounts(&sentence));
    }
    spans.extend(figures::counts(&sentence));
    spans.extend(multiples::multiples(&sentence));
    keep_first_of_overlapping(spans)
}

/// Sorts `spans` and drops each that overlaps one before it.
fn keep_first_of_overlapping(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut kept: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans {
        if kept.last().is_none_or(|last| last.end <= span.start) {
            kept.push(span);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::{assert_documented_cases, flagged};

    fn flags(text: &str) -> Vec<String> {
        flagged(&UnsupportedMetric, text)
    }

    #[test]
    fn flags_bare_outcomes() {
        assert_eq!(flags("This improved deployment speed by 40%."), ["40%"]);
        assert_eq!(
            flags("We saw a 30% reduction in customer complaints."),
            ["30%"]
        );
        assert_eq!(flags("The new cache made reads 3x faster."), ["3x"]);
        assert_eq!(
            flags("It handled millions of requests per day."),
            ["millions of requests per day"]
        );
        assert_eq!(flags("We kept 99.999% availability."), ["99.999%"]);
        assert_eq!(flags("Failover cut downtime by over 90%."), ["90%"]);
        assert_eq!(flags("Rendering made the page 3x faster."), ["3x"]);
    }

    #[test]
    fn spares_settings_names_dates_and_supported_figures() {
        assert!(flags("Autoscaling has a target of 70% CPU and runs 3 replicas.").is_empty());
        assert!(flags("Probes run every 15 seconds over HTTP/2 with OAuth2.").is_empty());
        assert!(flags("We normalised to 3NF in 2023.").is_empty());
        assert!(flags("Errors fell from 1.2% to 0.05%, measured over 30 days.").is_empty());
        assert!(flags("Latency improved by 20% compared with the previous release.").is_empty());
    }

    #[test]
    fn a_change_is_a_claim_whatever_its_verb() {
        assert_eq!(flags("The new cache speeds up builds by ~30%."), ["30%"]);
        assert_eq!(flags("It boosted conversions 12%."), ["12%"]);
        assert_eq!(flags("Prefetching made every page 3x faster."), ["3x"]);
        assert_eq!(flags("The rewrite doubles the hit rate."), ["doubles"]);
        assert_eq!(flags("We slashed costs by half."), ["by half"]);
        assert_eq!(flags("Batching cut the bill in half."), ["in half"]);
        assert_eq!(flags("The index made lookups twice as fast."), ["twice"]);
        assert_eq!(flags("Pooling made it ten times faster."), ["ten times"]);
        assert_eq!(
            flags("Sharding made writes an order of magnitude faster."),
            ["an order of magnitude faster"]
        );
        assert_eq!(flags("Traffic doubled after the launch."), ["doubled"]);
    }

    #[test]
    fn a_multiple_in_a_mechanism_or_a_name_is_not_a_claim() {
        assert!(flags("Backoff doubles the delay after each retry.").is_empty());
        assert!(flags("Doubling the batch size halves the number of steps.").is_empty());
        assert!(flags("Binary search cuts the range in half at every step.").is_empty());
        assert!(flags("Mocks and test doubles are useful here.").is_empty());
        assert!(flags("We doubled the replicas before the sale.").is_empty());
        assert!(flags("Split the array in half and sort each part.").is_empty());
        assert!(flags("We used 5-fold cross-validation to improve accuracy.").is_empty());
        assert!(flags("The retry ran 3 times before it improved.").is_empty());
        assert!(flags("const doubled = a.map(double); // doubled = [2, 4]").is_empty());
        assert!(flags("The model treats id 4 as twice better than id 2.").is_empty());
        assert!(flags("It is twice as likely to be picked as any other feature.").is_empty());
        assert!(flags("Use a 3 x 4 matrix and a 1920×1080 frame for better results.").is_empty());
    }

    #[test]
    fn rates_and_durations_of_the_subject_are_claims() {
        assert_eq!(
            flags("The gateway serves 50k requests per second."),
            ["50k requests per second"]
        );
        assert_eq!(
            flags("It handles 10,000 orders a minute."),
            ["10,000 orders a minute"]
        );
        assert_eq!(
            flags("The app loads in under 5 seconds on 3G."),
            ["loads in under 5 seconds"]
        );
        assert_eq!(
            flags("The job now finishes in 4 minutes."),
            ["finishes in 4 minutes"]
        );
        assert_eq!(
            flags("Pages loaded in less than 2 s."),
            ["loaded in less than 2 s"]
        );
    }

    #[test]
    fn changes_in_time_size_and_money_are_claims() {
        assert_eq!(flags("Reduced p95 latency by 200 ms."), ["200 ms"]);
        assert_eq!(flags("The bundle is now 300 KB smaller."), ["300 KB"]);
        assert_eq!(flags("Saved the company $200K per year."), ["$200K"]);
        assert_eq!(flags("Cost per order: down 18%."), ["18%"]);
        assert_eq!(
            flags("Churn fell 2 percentage points."),
            ["2 percentage points"]
        );
        assert!(flags("Backoff increases the wait by 1 s each time.").is_empty());
        assert!(flags("A 30 s timeout and a 2 GB heap are the defaults.").is_empty());
    }

    #[test]
    fn instructions_capabilities_and_kinds_are_not_reports() {
        assert!(flags("Increase the heap by 50% if you see errors.").is_empty());
        assert!(flags("Give the container 2 GB more memory.").is_empty());
        assert!(flags("Redis can handle 100k operations per second.").is_empty());
        assert!(flags("A model with 99% accuracy can still be useless.").is_empty());
        assert!(flags("Dropout of 50% reduces overfitting.").is_empty());
        assert_eq!(flags("As a result, we hit 99.9% that quarter."), ["99.9%"]);
        assert_eq!(flags("We reached a 95% cache hit rate."), ["95%"]);
    }

    #[test]
    fn settings_schedules_and_goals_are_not_claims() {
        assert!(flags("The call times out after 5 seconds.").is_empty());
        assert!(flags("The session expires in 30 minutes.").is_empty());
        assert!(flags("The promise resolves in 2 seconds and logs done.").is_empty());
        assert!(flags("The worker sleeps in 100 ms steps.").is_empty());
        assert!(flags("Keys get a TTL of 60 seconds.").is_empty());
        assert!(flags("The page should load in under 2 seconds.").is_empty());
        assert!(flags("The API allows 100 requests per minute.").is_empty());
        assert!(flags("The cron job runs 4 times a day.").is_empty());
        assert!(flags("I studied 2 hours a day.").is_empty());
        assert!(flags("I spend 2 hours on email and review 10 pull requests a day.").is_empty());
        assert_eq!(
            flags("I built a service that serves 9k requests per second."),
            ["9k requests per second"]
        );
        assert!(flags("My task was to cut the bug count by half.").is_empty());
        assert!(flags("The plan costs $5 per month.").is_empty());
        assert!(
            flags("A service running 600 queries per second keeps 3 connections busy.").is_empty()
        );
        assert!(
            flags("Each client gets a burst of 20 and refills at 5 tokens per second.").is_empty()
        );
        assert!(flags("It was designed to handle millions of events per day.").is_empty());
        assert!(flags("Our goal was to cut costs by 30%.").is_empty());
        assert!(flags("Caching would reduce latency by 40%.").is_empty());
        assert!(flags("Assuming 10k users, that is 500 requests per second.").is_empty());
    }

    #[test]
    fn hypotheses_and_baselines_are_not_bare_claims() {
        assert!(
            flags("If 99% of payments are fine, a constant guess has 99% accuracy.").is_empty()
        );
        assert!(flags("The build now completes in under 3 minutes, down from 12.").is_empty());
        assert_eq!(flags("When we launched, sign-ups rose 40%."), ["40%"]);
    }

    #[test]
    fn quantities_of_the_subject_are_context() {
        assert!(flags("We indexed a table with millions of rows.").is_empty());
        assert!(flags("The design handles thousands of connections.").is_empty());
        assert!(flags("It stores thousands of cached responses to improve speed.").is_empty());
        assert!(flags("95% of the samples belong to class A, which lowers recall.").is_empty());
        assert!(
            flags("In services that process millions of requests per minute, caching helps.")
                .is_empty()
        );
        assert_eq!(
            flags("Our user base grew to 2 million users."),
            ["2 million users"]
        );
        assert_eq!(
            flags("It resulted in 40% of tickets closing themselves."),
            ["40%"]
        );
        assert_eq!(flags("In 2023 we cut costs by 30%, then hired."), ["30%"]);
        assert_eq!(
            flags("After the rewrite, the service handled 9k requests per second."),
            ["9k requests per second"]
        );
    }

    #[test]
    fn arithmetic_shows_its_work() {
        assert!(flags("Precision = 2/5 = 40%, which improves on chance.").is_empty());
        assert!(flags("Recall is 3 of 4 = 75%, a better result.").is_empty());
        assert!(flags("Accuracy grew: 8 / 10 ≈ 80%.").is_empty());
    }

    #[test]
    fn ranges_are_one_span() {
        assert_eq!(flags("Caching made reads 3–5× faster."), ["3–5×"]);
        assert_eq!(flags("It cut costs by 10-20%."), ["10-20%"]);
        assert_eq!(
            flags("It made the build 2 to 3 times faster."),
            ["2 to 3 times"]
        );
        assert_eq!(flags("Latency dropped by 10%-15%."), ["10%-15%"]);
    }

    #[test]
    fn spans_start_and_end_on_word_boundaries() {
        for text in [
            "Caching made reads 3–5× faster.",
            "The v10k2 build handled 50k requests per second.",
            "Our user base grew to 10k+ users.",
            "It boosted throughput by 2x-3x overall.",
        ] {
            for span in flags(text) {
                let at = text.find(&span).unwrap();
                let end = at + span.len();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
                assert!(
                    !(word(text[..at].chars().next_back()) && word(span.chars().next())),
                    "{span:?} starts inside a word of {text:?}"
                );
                assert!(
                    !(word(text[end..].chars().next()) && word(span.chars().next_back())),
                    "{span:?} ends inside a word of {text:?}"
                );
            }
        }
    }

    #[test]
    fn documented_cases_are_what_the_rule_does() {
        assert_documented_cases(CASES, flags);
    }

    proptest::proptest! {
        /// The blockwise digit search finds a digit wherever one is.
        #[test]
        fn digits_are_found_anywhere(text in "[a-z é.%9]{0,100}") {
            let expected = text.bytes().any(|b| b.is_ascii_digit());
            proptest::prop_assert_eq!(has_digit(&text), expected);
        }
    }
}
