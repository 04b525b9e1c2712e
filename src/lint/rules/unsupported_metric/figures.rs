//! The shapes a figure takes in prose, and when each one is a claim: ratios and multiples ("40%",
//! "3x", "10-20%", "twice"), amounts ("200 ms", "$40k"), rates ("50k requests per second"), counts
//! ("millions of rows") and durations ("loads in under 5 seconds"). Multiples said by a verb or a
//! phrase ("doubled", "by half") live in `multiples`.
//!
//! Each shape has its own grammar: a ratio is a claim when it sizes a change or stands in a
//! sentence about an outcome, a rate when the subject achieves it, a count only when it is
//! reached. Whether the sentence around a figure makes it context is asked of [`Sentence`].

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::sentence::{MODALS, OUTCOME, Sentence, has_word, is_one_of, words};
use super::{bytes_regex, regex};

/// A number as written in prose: "40", "12.5", "10,000".
const NUMBER: &str = r"\d+(?:[.,]\d+)*";

/// Comparatives: a figure right before one is the size of a change ("3x faster", "40% fewer").
pub(super) const COMPARATIVE: &str = r"(?:faster|slower|quicker|snappier|smaller|larger|bigger|cheaper|higher|lower|better|worse|greater|shorter|longer|lighter|heavier|leaner|smoother|simpler|easier|safer|denser|tighter|wider|narrower|deeper|stronger|more|less|fewer)";

/// Units of time of a rate or a duration.
const TIME_UNIT: &str = r"(?:second|sec|minute|min|hour|hr|day|week|month|year)s?";

/// Units of a duration after a number.
const DURATION_UNIT: &str =
    r"(?:ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?)";

/// A ratio or multiple, a range of them as one span: "40%", "12.5 percent", "3x", "3–5×",
/// "10-20%", "2 to 3 times", "tenfold", "twice". The number stands alone: not preceded by a letter,
/// digit, `/` or `.` (so "OAuth2", "HTTP/2" and "3NF" are never quantities).
static RATIO: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?:^|[^\w/.])((?:{NUMBER}\s?(?:%|x|×)?\s*(?:-|–|—|\bto\b)\s*)?{NUMBER}\s?(?:%|percent\b|per cent\b|percentage points?\b|pp\b|x\b|×|times\b|-?fold\b)|(?:twice|(?:two|three|four|five|ten|twenty|fifty|hundred|thousand)(?:\s+times|-?fold))\b)"
    ))
});

/// An amount of time, size or money, which a change can be measured in: "200 ms", "300 KB",
/// "$40k".
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?:^|[^\w/.])((?:[$€£]\s?{NUMBER}(?:k|m|bn)?(?:\s(?:million|billion))?|{NUMBER}\s?(?:{DURATION_UNIT}|[kmgt]i?b|bytes?))\b)"
    ))
});

/// A rate: a count per unit of time ("50k requests per second", "10,000 orders a minute",
/// "millions of events per day", "2k rps"). Not after a currency sign: a price is a spec.
static RATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?:^|[^\w/.$€£])((?:{NUMBER}(?:k|m|bn)?\+?|{NUMBER}\s(?:million|billion)\+?|(?:hundreds of |tens of )?(?:thousands|millions|billions) of)\s+(?:\w+[\s-]+){{0,2}}?\w+\s+(?:per|an?|each|every)\s+{TIME_UNIT}\b|{NUMBER}(?:k|m)?\+?\s?(?:rps|qps|tps|req/s|ops/s)\b)"
    ))
});

/// A count of scale without a rate ("millions of rows", "10k+ users", "2 million transactions").
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:(?:hundreds of |tens of )?(?:thousands|millions|billions) of \w+|\d[\d,.]*(?:k|m|bn)\+?\s+\w+|\d[\d,.]*\s(?:million|billion)\+?\s+\w+|\d[\d,]*\+\s+\w+)",
    )
});

/// A duration after "in", with the word before it: "loads in under 5 seconds", "now finishes in 4
/// minutes".
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b[a-z]+\s+(?:(?:now|only|just|consistently|typically|usually|reliably|still|even|always|often)\s+)?in\s+(?:(?:under|less than|below|about|around|roughly|approximately|just|only|~|<)\s*)?{NUMBER}\s?{DURATION_UNIT}\b"
    ))
});

/// Words that make a figure soon after them a limit or a target, not an outcome.
const LIMIT_WORDS: &str = r"target|threshold|limit\w*|cap|capped|max(?:imum)?|min(?:imum)?|at most|at least|up to|budget|set to|configured|configure|allow\w*|permit\w*|throttl\w*|sl[ao]s?|goal|objective";

/// Words before a figure that make it a setting or a specification, not an outcome: limits, and
/// words of frequency, condition, threshold or proportion ("every", "per", "above", "split").
static SETTING: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    bytes_regex(&format!(
        r"(?i)\b(?:{LIMIT_WORDS}|every|each|per|above|below|under|over|when|if|alert|alerts|sample|samples|sampling|split|weight|weights|ratio)\b[^.;]{{0,20}}$"
    ))
});

/// Limits before a rate ("a rate limit of 100 requests per minute"). Without the words of
/// frequency: "per" there is most often the unit of the rate before.
static LIMIT: LazyLock<regex::bytes::Regex> =
    LazyLock::new(|| bytes_regex(&format!(r"(?i)\b(?:{LIMIT_WORDS})\b[^.;]{{0,20}}$")));

/// "… by 30%", "… by over 90%", "down 18%": the figure is the size of a change, whatever came
/// before.
static BY_CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:by|up|down)(?:\s+(?:over|more than|almost|nearly|about|around|roughly|up to|at least|approximately|~))?\s*$",
    )
});

/// What follows a figure that makes it the size of a change: a comparative ("3x faster", "twice
/// as fast") or a change noun ("a 40% reduction", "a 20% cost increase").
static CHANGE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)^\s*(?:{COMPARATIVE}\b|as\s+\w+\s+as\b|as\s+(?:fast|quick|many|much|well|often|large|big|small|cheap)\b|(?:[\w-]+\s+)?(?:reduction|increase|improvement|decrease|drop|decline|gain|boost|uplift|jump|rise|cut|speed-?up|growth|lift|savings?)s?\b)"
    ))
});

/// A comparison that names what it compares with: "twice as likely as X", "3x faster than the old
/// build" (like "compared with", which supports a whole sentence).
static STANDARD: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^[^,;:()]*?\b(?:than|as\s+\w+\s+as)\b"));

/// A measure of outcome right after a figure: "99.999% availability", "95% cache hit rate".
static METRIC_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(?:[\w-]+\s+){0,2}?(?:availability|uptime|accuracy|success rate|hit rate|conversions?|engagement|satisfaction|coverage|retention|precision|recall|throughput)\b",
    )
});

/// Resource words right after a percentage make it a utilisation setting ("70% CPU").
static RESOURCE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(?:cpu|memory|mem|disk|utili[sz]ation|load|of (?:cpu|memory|traffic|requests|the traffic))\b",
    )
});

/// A figure reached, not described: "resulted in 40% of tickets", "grew to 2 million users".
static REACHED: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:result(?:s|ed|ing)?\s+in|le(?:d|ads?|ading)\s+to|achiev\w*|reach\w*|attain\w*|surpass\w*|exceed\w*|(?:grew|grown|rose|increas\w*|climb\w*|jump\w*|boost\w*|rais\w*|doubl\w*|tripl\w*)\s+(?:\w+\s+)?to\s*[~≈]?\s*$)",
    )
});

/// A rate that specifies rather than reports: of an instance being considered ("a service running
/// 600 queries per second") or of every member alike ("each key refills at 10 tokens per second").
static SPECIFIED: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)\b(?:(?:a|an|any|one)\s+(?:[\w-]+\s+){0,2}?\w+ing\s*$|(?:each|every)\s+\w+)")
});

/// Modals of a capability or a prediction: what a rate or a count could be, not what it was
/// ("Redis can handle 100k operations per second").
const CAPABILITY: &[&str] = &["can", "cannot", "will"];

/// Iteration or condition: a multiple inside a mechanism ("doubles the delay after each retry").
#[rustfmt::skip]
pub(super) const MECHANISM: &[&str] = &[
    "each", "every", "whenever", "when", "if", "until", "iteration", "step",
];

/// Word beginnings of a timer's verbs: the time after which something is scheduled, not how long
/// work takes ("expires in 5 minutes").
#[rustfmt::skip]
const TIMER_STEMS: &[&str] = &[
    "expir", "retr", "refresh", "fire", "trigger", "reset", "rotat", "renew", "evict", "elaps",
    "poll", "repeat", "reconnect", "resum", "recur", "wake", "tick", "reload", "restart", "schedul",
    "lapse", "resolv", "reject", "settl", "sleep", "wait", "paus", "delay", "log", "print",
    "display", "show", "appear", "time",
];

/// Word beginnings of verbs of work that a system completes: the time one takes is an outcome
/// ("loads in 2 seconds", "the job finishes in 4 minutes"), where a timer's event happens at a
/// time ("the promise resolves in 2 seconds", "logs in 1 second").
#[rustfmt::skip]
const WORK_STEMS: &[&str] = &[
    "load", "finish", "complet", "respond", "return", "render", "build", "run", "boot", "compil",
    "process", "deploy", "execut", "answer", "serve", "sync", "converg", "recover", "restor",
    "migrat", "index", "train",
];

/// Bounds that say a time was beaten ("in under 5 seconds"), not estimated.
const BEATEN: &[&str] = &["under", "less", "below"];

/// The figure of a match of a pattern that opens with `(?:^|[^\w/.])`: without the character
/// before it, if one was matched. (Finding the figure this way spares a search for groups.)
fn figure_of(found: regex::Match) -> Range<usize> {
    let opens_figure = |c: char| c.is_ascii_alphanumeric() || "$€£".contains(c);
    match found.as_str().chars().next() {
        Some(c) if !opens_figure(c) => found.start() + c.len_utf8()..found.end(),
        _ => found.range(),
    }
}

/// Ratios and multiples that state an outcome.
pub(super) fn ratios<'s>(sentence: &'s Sentence) -> impl Iterator<Item = Range<usize>> + 's {
    RATIO
        .find_iter(sentence.text)
        .map(figure_of)
        .filter(|figure| ratio_is_claim(sentence, figure.clone()))
}

/// Shape first, then context: a ratio sizing a change, a share that was reached, a repetition
/// after a change, or any other ratio in a sentence about an outcome unless a setting; and never
/// one that the sentence makes context.
fn ratio_is_claim(sentence: &Sentence, figure: Range<usize>) -> bool {
    let text = sentence.text;
    let (before, after) = (&text[..figure.start], &text[figure.end..]);
    let written = &text[figure.clone()];
    if is_arithmetic(before, after) || is_dimension(written, after) {
        return false;
    }
    let change = BY_CHANGE.is_match(before) || CHANGE_AFTER.is_match(after);
    let shaped = if written.ends_with('%') && after.trim_start().starts_with("of ") {
        // "95% of the samples": a share describes what there is, unless it is what was reached.
        REACHED.is_match(sentence.clause_before(figure.start))
    } else if change {
        !STANDARD.is_match(after)
    } else if is_repetition(written) {
        // "ran 3 times", "5-fold cross-validation": repetitions, unless after a change ("grew
        // 10 times").
        OUTCOME.is_match(sentence.clause_before(figure.start))
    } else {
        let percent = written.ends_with('%') || written.ends_with("cent");
        let setting = SETTING.is_match(before.as_bytes()) || (percent && RESOURCE.is_match(after));
        !setting && (sentence.outcome_before(figure.start) || METRIC_AFTER.is_match(after))
    };
    shaped && !sentence.is_context(figure.start, change)
}

/// A figure that is the value of an expression next to it: "2/5 = 40%", "40% = 2/5".
fn is_arithmetic(before: &str, after: &str) -> bool {
    let before = before.trim_end().trim_end_matches('~').trim_end();
    let left = before
        .strip_suffix('=')
        .or_else(|| before.strip_suffix('≈'));
    let expression = |side: &str| {
        side.chars()
            .rev()
            .take(40)
            .any(|c| c.is_ascii_digit() || "/*+×÷−".contains(c))
    };
    left.is_some_and(expression) || after.trim_start().starts_with(['=', '≈'])
}

/// "3 x 4", "1920×1080": a product or a size, not a multiple.
fn is_dimension(written: &str, after: &str) -> bool {
    (written.ends_with('x') || written.ends_with('×'))
        && after.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

fn is_repetition(written: &str) -> bool {
    let lower = written.to_ascii_lowercase();
    lower.ends_with("times") || lower.ends_with("fold") || lower == "twice"
}

/// Changes measured in time, size or money: "cut p95 latency by 200 ms", "300 KB smaller", "saved
/// $40k". An amount alone is a setting or a size ("a 30 s timeout", "a 2 GB heap"), and a change
/// inside a mechanism is how it works ("grows the buffer by 4 KB each time").
pub(super) fn amounts<'s>(sentence: &'s Sentence) -> impl Iterator<Item = Range<usize>> + 's {
    AMOUNT.find_iter(sentence.text).filter_map(|m| {
        let figure = figure_of(m);
        let text = sentence.text;
        let (before, after) = (&text[..figure.start], &text[figure.end..]);
        let clause = sentence.clause_before(figure.start);
        let money = text[figure.clone()].starts_with(['$', '€', '£']);
        let saved = || words(clause).any(|w| w.len() > 3 && starts_with_one_of(w, &["sav"]));
        let change = (BY_CHANGE.is_match(before) && OUTCOME.is_match(clause))
            || CHANGE_AFTER.is_match(after)
            || (money && saved());
        let claim = change
            && !STANDARD.is_match(after)
            && !has_word(text, MECHANISM)
            && !sentence.is_context(figure.start, true);
        claim.then_some(figure)
    })
}

/// Rates the subject achieves: "serves 50k requests per second". Not a rate of time ("2 hours a
/// day") or of repetitions ("4 times a day"), which are schedules; not a limit, a specification, a
/// capability or a rate in context.
pub(super) fn rates<'s>(sentence: &'s Sentence) -> impl Iterator<Item = Range<usize>> + 's {
    static UNIT: LazyLock<Regex> = LazyLock::new(|| regex(&format!(r"(?i)^{TIME_UNIT}$")));
    RATE.find_iter(sentence.text).filter_map(|m| {
        let figure = figure_of(m);
        // What is counted: the words before "per <unit>" (or "a <unit>").
        let mut counted = words(&sentence.text[figure.clone()]).rev().skip(2);
        let schedule = counted.any(|w| w.eq_ignore_ascii_case("times") || UNIT.is_match(w));
        let before = &sentence.text[..figure.start];
        let clause = sentence.clause_before(figure.start);
        let context = schedule
            || is_routine(clause)
            || is_arithmetic(before, "")
            || LIMIT.is_match(before.as_bytes())
            || SPECIFIED.is_match(clause)
            || has_word(clause, CAPABILITY)
            || sentence.is_context(figure.start, false);
        (!context).then_some(figure)
    })
}

/// Whether a rate is what "I" do: a routine ("I review about 10 pull requests a day"), where "We
/// serve 50k requests per second" and "I built a service that serves …" speak for a system.
fn is_routine(clause: &str) -> bool {
    words(clause).next() == Some("I")
        && !has_word(clause, &["that", "which", "who", "where", "whose"])
}

/// Counts that are reached, not described: "grew to 2 million users" (a claim), where "a table with
/// millions of rows" is context.
pub(super) fn counts<'s>(sentence: &'s Sentence) -> impl Iterator<Item = Range<usize>> + 's {
    COUNT.find_iter(sentence.text).filter_map(|m| {
        let clause = sentence.clause_before(m.start());
        let reached = REACHED.is_match(clause) && !has_word(clause, CAPABILITY);
        (reached && !sentence.is_context(m.start(), false)).then(|| m.range())
    })
}

/// Durations of the subject's work: "loads in under 5 seconds", "now finishes in 4 minutes". The
/// word before "in" is a verb of work in the present ("loads"), or any word when a bound says the
/// time was beaten ("in under"); never a timer's verb ("expires in 5 minutes", "resolves in 2
/// seconds") nor one after a modal or an infinitive ("should load in 2 s", "to respond in 200 ms").
pub(super) fn durations<'s>(sentence: &'s Sentence) -> impl Iterator<Item = Range<usize>> + 's {
    DURATION.find_iter(sentence.text).filter_map(|m| {
        let mut parts = words(m.as_str());
        let word = parts.next().unwrap_or("");
        // The bound is the word after "in": "in under 5 s", "in less than 2 s", "in < 1 s".
        let bound = parts.skip_while(|w| !w.eq_ignore_ascii_case("in")).nth(1);
        let beaten = bound.is_some_and(|b| is_one_of(b, BEATEN)) || m.as_str().contains('<');
        let of_work = is_present_verb(word) && starts_with_one_of(word, WORK_STEMS);
        let claim = (beaten || of_work)
            && !starts_with_one_of(word, TIMER_STEMS)
            && !after_modal(&sentence.text[..m.start()])
            && !sentence.is_context(m.start(), false);
        claim.then(|| m.range())
    })
}

/// A verb in the third person present ("loads", "finishes"), as far as its ending shows.
fn is_present_verb(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    lower.len() > 3
        && lower.ends_with('s')
        && !["ss", "us", "is"].iter().any(|end| lower.ends_with(end))
}

/// Whether one of the two words before a verb is a modal or "to": "should load", "must always
/// respond", "needs to render".
fn after_modal(before: &str) -> bool {
    words(before)
        .rev()
        .take(2)
        .any(|w| is_one_of(w, MODALS) || is_one_of(w, &["can", "cannot", "will", "shall", "to"]))
}

pub(super) fn starts_with_one_of(word: &str, stems: &[&str]) -> bool {
    stems.iter().any(|stem| {
        word.get(..stem.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(stem))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_needs_an_expression_beside_the_figure() {
        assert!(is_arithmetic("Precision = 2/5 = ", ""));
        assert!(is_arithmetic("recall = 3 of 4 ≈ ", ""));
        assert!(is_arithmetic("", " = 2/5"));
        assert!(!is_arithmetic("The hit rate = ", ""));
        assert!(!is_arithmetic("It cut costs by ", ""));
    }

    #[test]
    fn verbs_are_read_from_their_endings_and_neighbours() {
        assert!(is_present_verb("loads") && is_present_verb("finishes"));
        assert!(
            !is_present_verb("this") && !is_present_verb("process") && !is_present_verb("load")
        );
        assert!(after_modal("The page should ") && after_modal("It needs to "));
        assert!(!after_modal("Twitter Lite "));
        assert!(starts_with_one_of("expires", TIMER_STEMS));
        assert!(!starts_with_one_of("loads", TIMER_STEMS));
    }
}
