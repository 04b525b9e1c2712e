//! `unsupported-metric`: a quantified outcome ("reduced costs by 25%", "3x faster", "millions of
//! requests per day") with no baseline, no measurement and no source.
//!
//! A number is a claim when its sentence says something changed (improved, reduced, faster, a
//! reduction) or it states scale or availability. It is not a claim when it configures or specifies
//! (a 70% CPU target, every 15 seconds, 3 replicas), when it is part of a name or version (OAuth2,
//! HTTP/2, 3NF: those are never matched as quantities), or when its sentence carries a baseline and
//! a method ("from 1.2% to 0.05%, measured over 30 days").

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::lint::prose::{any_byte, sentences};
use crate::lint::rules::ascii_pattern;
use crate::lint::{Finding, Level, Prose, Rule, RuleDoc};
use crate::model::Card;

pub struct UnsupportedMetric;

fn regex(pattern: &str) -> Regex {
    #[expect(
        clippy::expect_used,
        reason = "constant patterns, exercised by the unit tests"
    )]
    Regex::new(&ascii_pattern(pattern)).expect("valid pattern")
}

/// A pattern run with `is_match` only, over bytes: `(?-u:[^.;])` (any byte but `.` and `;`) keeps
/// bounded repetitions small, where the Unicode class would compile one UTF-8 automaton per
/// repetition. Windows like `{0,20}` therefore count bytes, not characters.
fn bytes_regex(pattern: &str) -> regex::bytes::Regex {
    #[expect(
        clippy::expect_used,
        reason = "constant patterns, exercised by the unit tests"
    )]
    regex::bytes::Regex::new(&ascii_pattern(pattern).replace("[^.;]", "(?-u:[^.;])"))
        .expect("valid pattern")
}

/// A change or ratio: "40%", "12.5 percent", "3x", "10 times". The number stands alone: not
/// preceded by a letter, digit, `/` or `.` (so "OAuth2", "HTTP/2" and "3NF" are never quantities).
static RATIO: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)(?:^|[^\w/.])(\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b|x\b|×|times\b))")
});

/// A claim of scale: "millions of requests", "10k+ users", "2 million transactions".
static SCALE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:(?:hundreds of |tens of )?(?:thousands|millions|billions) of \w+|\d[\d,.]*\s?(?:k|m|bn|million|billion)\+?\s+(?:requests|users|transactions|events|messages|queries|customers|visitors|rps|qps)\b|\d[\d,]*\+\s+(?:requests|users|transactions|events|customers)\b)",
    )
});

/// Words saying that something changed, or that a figure is an outcome.
static OUTCOME: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:improv\w*|reduc\w*|increas\w*|decreas\w*|cut|cuts|cutting|boost\w*|lower\w*|rais\w*|grew|grow\w*|drop\w*|faster|slower|quicker|speed ?up|sped up|gain\w*|sav\w*|uplift|fewer|less|more|higher|better|declin\w*|fell|rose|jump\w*|halv\w*|doubl\w*|tripl\w*|accelerat\w*|enhanc\w*|result\w*|led to|achiev\w*|availability|uptime|accuracy|success rate|hit rate|conversion|engagement|satisfaction|shrank|shrunk)\b",
    )
});

/// A baseline, a measurement or a source in the same sentence makes the figure checkable.
static SUPPORT: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    bytes_regex(
        r"(?i)\bfrom\s+[~≈]?\d[^.;]{0,60}?\bto\s+[~≈]?\d|\bcompared (?:with|to)\b|\bversus\b|\bvs\.?\s|\bbaseline\b|\bmeasured\b|\baccording to\b|\bsource:|\bbenchmark\w*\b|\bA/B test\w*|\bover (?:the )?(?:last |past |following )?(?:\d+|a|one|two|three|four|six|twelve) (?:day|week|month|quarter|year)s?\b",
    )
});

/// Words before a figure that make it a setting or a specification, not an outcome.
static SETTING: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    bytes_regex(
        r"(?i)\b(?:target|threshold|limit|cap|capped|max(?:imum)?|min(?:imum)?|at most|at least|up to|budget|set to|configured|configure|every|each|per|above|below|under|over|when|if|alert|alerts|sample|samples|sampling|split|weight|weights|ratio)\b[^.;]{0,20}$",
    )
});

/// "… by 30%", "… by over 90%": the figure is the size of a change, whatever came before.
static BY_CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\bby(?:\s+(?:over|more than|almost|nearly|about|around|roughly|up to|at least|approximately|~))?\s*$",
    )
});

/// Resource words right after a percentage make it a utilisation setting ("70% CPU").
static RESOURCE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(?:cpu|memory|mem|disk|utili[sz]ation|load|of (?:cpu|memory|traffic|requests|the traffic))\b",
    )
});

impl Rule for UnsupportedMetric {
    fn id(&self) -> &'static str {
        "unsupported-metric"
    }

    fn default_level(&self) -> Level {
        Level::Warn
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags quantified outcomes (\"reduced response times by 30%\", \"3x faster\", \"millions of requests per day\", \"99.999% availability\") that give no baseline, no measurement and no source.",
            why: "A bare percentage is the first thing an interviewer probes: 30% of what, measured how, over which period? Without the answer the number hurts more than it helps. Configuration values, versions and dates are not claims and are not flagged.",
            bad: "I optimised the queries, which reduced response times by 30%.",
            good: "I added a covering index; p95 latency of the search endpoint fell from 820 ms to 140 ms, measured over two weeks of production traffic.",
            cases: &[],
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

/// A digit, or a word of scale ("thousands", "millions", "billions").
fn could_hold_figure(sentence: &str) -> bool {
    any_byte(sentence, |b| b.is_ascii_digit())
        || ["housand", "illion"].iter().any(|w| sentence.contains(w))
}

/// The quantities in a sentence that are outcome claims.
fn claims(sentence: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    // A ratio counts only in a sentence about an outcome: without one, skip the ratio search.
    if OUTCOME.is_match(sentence) {
        for c in RATIO.captures_iter(sentence) {
            let Some(m) = c.get(1) else { continue };
            let before = &sentence[..m.start()];
            let after = &sentence[m.end()..];
            let setting = SETTING.is_match(before.as_bytes())
                || (m.as_str().contains('%') && RESOURCE.is_match(after));
            if !setting || BY_CHANGE.is_match(before) {
                spans.push(m.range());
            }
        }
    }
    for m in SCALE.find_iter(sentence) {
        if !spans.iter().any(|s| s.start < m.end() && m.start() < s.end) {
            spans.push(m.range());
        }
    }
    spans.sort_by_key(|s| s.start);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::flagged;

    #[test]
    fn flags_bare_outcomes() {
        let flags = |text| flagged(&UnsupportedMetric, text);
        assert_eq!(flags("This improved deployment speed by 40%."), ["40%"]);
        assert_eq!(
            flags("We saw a 30% reduction in customer complaints."),
            ["30%"]
        );
        assert_eq!(flags("The new cache made reads 3x faster."), ["3x"]);
        assert_eq!(
            flags("It handled millions of requests per day."),
            ["millions of requests"]
        );
        assert_eq!(flags("We kept 99.999% availability."), ["99.999%"]);
        assert_eq!(flags("Failover cut downtime by over 90%."), ["90%"]);
        assert_eq!(flags("Rendering made the page 3x faster."), ["3x"]);
    }

    #[test]
    fn spares_settings_names_dates_and_supported_figures() {
        let flags = |text| flagged(&UnsupportedMetric, text);
        assert!(flags("Autoscaling has a target of 70% CPU and runs 3 replicas.").is_empty());
        assert!(flags("Probes run every 15 seconds over HTTP/2 with OAuth2.").is_empty());
        assert!(flags("We normalised to 3NF in 2023.").is_empty());
        assert!(flags("Errors fell from 1.2% to 0.05%, measured over 30 days.").is_empty());
        assert!(flags("Latency improved by 20% compared with the previous release.").is_empty());
    }

    proptest::proptest! {
        /// The blockwise digit search finds a digit wherever one is.
        #[test]
        fn figures_are_found_anywhere(text in "[a-z é.%9]{0,100}") {
            let expected = text.bytes().any(|b| b.is_ascii_digit());
            proptest::prop_assert_eq!(could_hold_figure(&text), expected);
        }
    }
}
