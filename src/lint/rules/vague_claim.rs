//! `vague-claim`: puffery, empty intensifiers, vague attribution and vague magnitudes.
//!
//! The patterns (words.toml) find candidate words; the grammar around each match decides. A degree
//! word ("significantly", "extremely", "much") is a claim only when it grades an evaluation, a
//! change or a comparison ("significantly improved", "exceptionally lightweight", "much faster"),
//! never before a descriptive word ("significantly non-normal", "extremely sparse"). "Robust" with
//! the perturbation it withstands ("robust to outliers") or before a statistical method ("robust
//! regression") is a property, not praise.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::lint::rules::around::{next_word, words_before};
use crate::lint::rules::constant_regex;
use crate::lint::rules::phrase_rule::Declaration;
use crate::lint::{Case, RuleDoc};
use crate::model::Severity;

/// One word, whole (anchored), case-insensitive.
fn word_class(alternatives: &str) -> Regex {
    constant_regex(&format!("(?i)^(?:{alternatives})$"))
}

/// Degree words: adverbs that say how much, not what. The built-in patterns match them alone; the
/// rule keeps a match only where the word grades something ([`graded`]).
const DEGREE_WORDS: &str = "significantly|substantially|considerably|markedly|dramatically|\
    drastically|greatly|vastly|tremendously|massively|hugely|enormously|immensely|extremely|\
    incredibly|exceptionally|remarkably|overwhelmingly|exceedingly|extraordinarily|insanely|much|far";

static DEGREE: LazyLock<Regex> = LazyLock::new(|| word_class(DEGREE_WORDS));

/// Degree words that grade only comparisons of quality ("much faster", "far easier"): alone they
/// are everyday words ("so far", "much of the data").
static MILD_DEGREE: LazyLock<Regex> = LazyLock::new(|| word_class("much|far"));

/// Adjectives and adverbs that judge: quality, value, ease, speed, difficulty, importance. A
/// degree word before one of them only turns up the praise ("exceptionally lightweight").
static EVALUATIVE: LazyLock<Regex> = LazyLock::new(|| {
    word_class(
        "good|great|excellent|outstanding|amazing|awesome|fantastic|impressive|positive|favou?rable|\
         poor|bad|useful|helpful|valuable|beneficial|effective|efficient|productive|successful|\
         rewarding|satisfying|pleased|happy|satisfied|proud|important|critical|crucial|essential|\
         vital|powerful|popular|reliable|stable|robust|secure|safe|scalable|performant|responsive|\
         flexible|versatile|intuitive|elegant|clean|simple|easy|straightforward|convenient|smooth|\
         seamless|fast|quick|rapid|speedy|slow|lightweight|light|lean|cheap|affordable|challenging|\
         difficult|hard|painful|frustrating|insightful|innovative|sophisticated|readable|maintainable|\
         well|well-received|\
         quickly|rapidly|easily|efficiently|effectively|smoothly|reliably|successfully|positively",
    )
});

/// Verbs of change and effect, in every form: a degree word next to one sizes the change without
/// a figure ("significantly reduced", "improved significantly").
static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    word_class(
        "improv(e|es|ed|ing)|reduc(e|es|ed|ing)|enhanc(e|es|ed|ing)|increas(e|es|ed|ing)|\
         decreas(e|es|ed|ing)|boost(s|ed|ing)?|cut(s|ting)?|lower(s|ed|ing)?|rais(e|es|ed|ing)|\
         accelerat(e|es|ed|ing)|speed(s|ing)?|sped|slow(s|ed|ing)?|exceed(s|ed|ing)?|\
         outperform(s|ed|ing)?|simplif(y|ies|ied|ying)|streamlin(e|es|ed|ing)|shr(ink|inks|ank|unk|inking)|\
         gr(ow|ows|ew|own|owing)|expand(s|ed|ing)?|optimi[sz](e|es|ed|ing)|minimi[sz](e|es|ed|ing)|\
         maximi[sz](e|es|ed|ing)|drop(s|ped|ping)?|ris(e|es|en|ing)|rose|declin(e|es|ed|ing)|\
         chang(e|es|ed|ing)|evolv(e|es|ed|ing)|affect(s|ed|ing)?|impact(s|ed|ing)?|disrupt(s|ed|ing)?|\
         transform(s|ed|ing)?|strengthen(s|ed|ing)?|weaken(s|ed|ing)?|mitigat(e|es|ed|ing)|\
         lessen(s|ed|ing)?|diminish(es|ed|ing)?|shorten(s|ed|ing)?|slash(es|ed|ing)?|sav(e|es|ed|ing)|\
         benefit(s|ed|ted|ing|ting)?|help(s|ed|ing)?|eas(e|es|ed|ing)|alleviat(e|es|ed|ing)|\
         elevat(e|es|ed|ing)|upgrad(e|es|ed|ing)|amplif(y|ies|ied|ying)|bolster(s|ed|ing)?|\
         contribut(e|es|ed|ing)|revolutioni[sz](e|es|ed|ing)|outpac(e|es|ed|ing)|surpass(es|ed|ing)?|\
         reshap(e|es|ed|ing)|hurt(s|ing)?|harm(s|ed|ing)?|damag(e|es|ed|ing)|degrad(e|es|ed|ing)|\
         hamper(s|ed|ing)?|hinder(s|ed|ing)?|impair(s|ed|ing)?|delay(s|ed|ing)?|multipl(y|ies|ied|ying)|\
         doubl(e|es|ed|ing)|tripl(e|es|ed|ing)|halv(e|es|ed|ing)",
    )
});

/// Comparatives: a degree word before one sizes a difference without a figure ("significantly
/// smaller", "significantly more memory").
static COMPARATIVE: LazyLock<Regex> = LazyLock::new(|| {
    word_class(
        "more|less|fewer|faster|quicker|slower|better|worse|easier|harder|simpler|cheaper|smaller|\
         larger|bigger|higher|lower|greater|lighter|leaner|safer|smoother|shorter|longer|stronger|\
         weaker|cleaner|nicer|superior|inferior",
    )
});

/// Comparatives that judge quality (not size): what "much" and "far" make a claim of.
static EVALUATIVE_COMPARATIVE: LazyLock<Regex> = LazyLock::new(|| {
    word_class(
        "faster|quicker|slower|better|worse|easier|harder|simpler|cheaper|safer|smoother|cleaner|\
         nicer|lighter|leaner|stronger|superior",
    )
});

/// What follows "robust" when it names a statistical method rather than praising one.
static STATISTICAL_METHOD: LazyLock<Regex> = LazyLock::new(|| {
    word_class(
        "regression|estimat(or|ors|ion|es)|statistics?|scal(er|ing)|standard|covariance|loss|mean|\
         median|pca|optimi[sz]ation|fitting|inference",
    )
});

/// Adjectives of size that, before an evaluative or change noun, make a magnitude claim ("a huge
/// success"): the first word of those built-in patterns.
static MAGNITUDE: LazyLock<Regex> = LazyLock::new(|| {
    word_class(
        "huge|massive|tremendous|enormous|immense|big|great|significant|substantial|considerable|\
         dramatic|drastic|remarkable|vast",
    )
});

/// A figure given as the noun's complement: "of 2 TB", "of about 40%", "of 30 ms" (not a version:
/// "of React 19").
static QUANTITY_COMPLEMENT: LazyLock<Regex> = LazyLock::new(|| {
    constant_regex(
        r"(?i)^\s+of\s+(?:about |over |nearly |almost |roughly |around |~)?\d[\d.,]*\s?(?:%|x\b|ms\b|s\b|[kmgt]b\b|k\b|m\b|percent\b|times\b|(?:second|minute|hour|day|week|month)s?\b)",
    )
});

/// Words that deny the degree: "not much faster", "did not significantly change" are no praise.
static NEGATION: LazyLock<Regex> = LazyLock::new(|| word_class("not|no|never|[a-z]+n't"));

/// Words after which "superior" is a person (a manager), not a judgement.
static POSSESSIVE: LazyLock<Regex> =
    LazyLock::new(|| word_class("my|our|your|his|her|their|direct|immediate"));

/// How many words back a change verb may stand from the degree word that sizes it ("improved
/// response times significantly").
const CHANGE_REACH: usize = 4;

/// The claim a match makes in its sentence: its span (a degree word grows over the word it
/// grades), or `None` when the context shows it is no claim.
fn claim_span(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let word = &text[span.clone()];
    let previous = words_before(text, span.start, 1);
    // "less seamless", "less robust": a criticism, not praise.
    if previous
        .first()
        .is_some_and(|w| w.eq_ignore_ascii_case("less"))
        && !word.contains(' ')
    {
        return None;
    }
    if word.eq_ignore_ascii_case("robust") {
        return (!robust_is_a_property(text, span.end)).then_some(span);
    }
    if word.eq_ignore_ascii_case("superior") {
        let person = previous.first().is_some_and(|w| POSSESSIVE.is_match(w));
        return (!person).then_some(span);
    }
    if DEGREE.is_match(word) {
        let denied = previous.first().is_some_and(|w| NEGATION.is_match(w));
        return if denied { None } else { graded(text, span) };
    }
    let magnitude = word
        .split(' ')
        .next()
        .is_some_and(|first| MAGNITUDE.is_match(first));
    if magnitude && quantified(text, span.end) {
        return None;
    }
    Some(span)
}

/// Whether the noun the match ends on is given a figure ("a massive table of 2 TB", "a huge gain
/// of 40%"): the magnitude is then stated, not just praised. (A figure elsewhere in the sentence
/// does not measure the praise: "a huge success: p99 dropped by 40%".)
fn quantified(text: &str, end: usize) -> bool {
    QUANTITY_COMPLEMENT.is_match(&text[end..])
}

/// "robust to outliers", "robust against noise", "robust regression": what it withstands, or the
/// method it names, makes "robust" a technical property.
fn robust_is_a_property(text: &str, end: usize) -> bool {
    next_word(text, end).is_some_and(|next| {
        let word = &text[next.clone()];
        ((word.eq_ignore_ascii_case("to") || word.eq_ignore_ascii_case("against"))
            && next_word(text, next.end).is_some())
            || STATISTICAL_METHOD.is_match(word)
    })
}

/// A degree word's claim: it grades the next word (an evaluation, a change, a comparison), or a
/// change verb shortly before it in the clause ("improved response times significantly"). The
/// span covers the graded word when it follows directly.
fn graded(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let mild = MILD_DEGREE.is_match(&text[span.clone()]);
    let next = next_word(text, span.end);
    let graded_word = next.and_then(|next| {
        let word = &text[next.clone()];
        if let Some(quality) = more_of_quality(text, word, next.end) {
            return Some(next.start..quality.end);
        }
        let grades = if mild {
            EVALUATIVE_COMPARATIVE.is_match(word)
        } else {
            EVALUATIVE.is_match(word) || CHANGE.is_match(word) || COMPARATIVE.is_match(word)
        };
        grades.then_some(next)
    });
    if let Some(graded) = graded_word {
        let adjacent = text[span.end..graded.start].bytes().all(|b| b == b' ')
            && !text[graded.clone()].contains(['*', '_', '\n']);
        return Some(if adjacent {
            span.start..graded.end
        } else {
            span
        });
    }
    let sizes_change = !mild
        && words_before(text, span.start, CHANGE_REACH)
            .iter()
            .any(|w| CHANGE.is_match(w));
    sizes_change.then_some(span)
}

/// "more efficient", "less painful": a comparison of quality made with `more`/`less`; the span of
/// the quality.
fn more_of_quality(text: &str, word: &str, end: usize) -> Option<Range<usize>> {
    if !(word.eq_ignore_ascii_case("more") || word.eq_ignore_ascii_case("less")) {
        return None;
    }
    next_word(text, end).filter(|next| EVALUATIVE.is_match(&text[next.clone()]))
}

pub static VAGUE_CLAIM: Declaration = Declaration {
    id: "vague-claim",
    level: Severity::Warning,
    doc: RuleDoc {
        summary: "Flags puffery and empty intensifiers (\"robust\", \"seamlessly\", \"best-in-class\", \"the fastest\", \"huge success\"), degree words that grade an evaluation, a change or a comparison without a figure (\"significantly improved\", \"exceptionally lightweight\", \"much faster\"), vague attribution (\"experts agree\") and vague magnitudes (\"at scale\", \"a lot\").",
        why: "Interviewers discount words that cost nothing to say. A study card full of them trains you to answer without substance; a concrete mechanism or number is what they remember.",
        bad: "The migration was a huge success and the system scaled seamlessly.",
        good: "After the migration the nightly job finished in 40 minutes instead of 3 hours, and the extra shards took the December peak without paging anyone.",
        cases: &[
            Case {
                text: "The new parser is exceptionally lightweight.",
                flagged: true,
                why: "a degree word before an evaluation only turns up the praise",
            },
            Case {
                text: "Caching improved page loads significantly.",
                flagged: true,
                why: "a degree word sizing a change, with no figure",
            },
            Case {
                text: "Batching made the import much faster than row-by-row inserts.",
                flagged: true,
                why: "\"much\" before a comparison of quality, with no figure",
            },
            Case {
                text: "It was a significant improvement over the old cron setup.",
                flagged: true,
                why: "a magnitude adjective before a change noun",
            },
            Case {
                text: "If the residuals are significantly non-normal, the intervals are off.",
                flagged: false,
                why: "the degree word grades a descriptive, statistical property",
            },
            Case {
                text: "The median is robust to outliers.",
                flagged: false,
                why: "\"robust to <what>\" names a property, not praise",
            },
            Case {
                text: "We kept a robust and scalable design.",
                flagged: true,
                why: "bare \"robust\" praises without saying what it withstands",
            },
            Case {
                text: "Far from the leader, the replica lagged.",
                flagged: false,
                why: "\"far\" grades no comparison of quality",
            },
        ],
    },
    judge: claim_span,
    what: "a vague claim",
    help: "say what was done and what changed, with a number or a concrete example, or drop the word",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::phrase_rule::PhraseRule;
    use crate::lint::rules::test_support::{assert_documented_cases, flagged};

    fn vague(text: &str) -> Vec<String> {
        flagged(&PhraseRule::builtin(&VAGUE_CLAIM), text)
    }

    #[test]
    fn flags_puffery_attribution_and_magnitudes() {
        assert_eq!(vague("It was a huge success."), ["huge success"]);
        assert_eq!(
            vague("It scaled seamlessly and greatly reduced toil."),
            ["seamlessly", "greatly reduced"]
        );
        assert_eq!(
            vague("Experts agree it is industry-leading."),
            ["Experts agree", "industry-leading"]
        );
        assert_eq!(
            vague("We run it at scale and it saves a lot of time."),
            ["at scale", "a lot of"]
        );
        assert_eq!(
            vague("This significantly reduced potential attack vectors."),
            ["significantly reduced"]
        );
    }

    #[test]
    fn spares_technical_terms_and_code() {
        for text in [
            "The result was statistically significant (p < 0.01).",
            "Call `robust_mean()` here.\n\n```\nrobust = true\n```",
            "We added a second replica and a circuit breaker.",
        ] {
            assert!(vague(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn flags_superlatives_and_puffery() {
        for (text, phrase) in [
            ("Bun is the fastest way to run tests.", "the fastest"),
            ("Vim is the best editor ever made.", "the best editor"),
            ("It offers best-in-class tooling.", "best-in-class"),
            ("We use industry-standard ciphers.", "industry-standard"),
            ("The new bundler is blazing fast.", "blazing fast"),
            ("A world-class team built it.", "world-class"),
            ("Signals are revolutionizing UI code.", "revolutionizing"),
            ("Edge rendering gives superior performance.", "superior"),
        ] {
            assert_eq!(vague(text), [phrase], "{text}");
        }
    }

    #[test]
    fn flags_degree_words_that_grade_an_evaluation_a_change_or_a_comparison() {
        for (text, phrase) in [
            (
                "Containers are exceptionally lightweight.",
                "exceptionally lightweight",
            ),
            (
                "Feedback was overwhelmingly positive.",
                "overwhelmingly positive",
            ),
            ("The parser is incredibly fast.", "incredibly fast"),
            (
                "Latency improved significantly after the fix.",
                "significantly",
            ),
            ("It reduces bundle size significantly.", "significantly"),
            (
                "Alpine gives significantly smaller images.",
                "significantly smaller",
            ),
            ("It uses significantly more memory.", "significantly more"),
            (
                "Diffing is much faster than writing the DOM.",
                "much faster",
            ),
            (
                "Hooks are far more readable than mixins.",
                "far more readable",
            ),
            (
                "This can significantly **reduce** the image.",
                "significantly",
            ),
            ("The contract became far more robust.", "far more robust"),
        ] {
            assert_eq!(vague(text), [phrase], "{text}");
        }
    }

    #[test]
    fn flags_magnitude_adjectives_before_evaluative_or_change_nouns() {
        for (text, phrase) in [
            (
                "It is a significant improvement over VMs.",
                "significant improvement",
            ),
            (
                "We saw significant runtime performance gains.",
                "significant runtime performance gains",
            ),
            ("React has a massive ecosystem.", "massive ecosystem"),
            ("It was a huge success: p99 fell by 40%.", "huge success"),
            (
                "It was a tremendous learning experience.",
                "tremendous learning experience",
            ),
        ] {
            assert_eq!(vague(text), [phrase], "{text}");
        }
    }

    #[test]
    fn spares_degree_words_before_descriptive_words() {
        for text in [
            "If the errors are significantly non-normal, the intervals are wrong.",
            "High-dimensional data is extremely sparse.",
            "Flip a significant bit to test parity.",
            "It is a massively parallel job.",
            "The two curves are vastly different.",
            "So far the replica keeps up, and much of the data is cold.",
            "The second run was not much faster.",
            "We keep a massive table of 2 TB in cold storage.",
            "Batching gave a significant improvement of 40 ms at p99.",
            "My superior approved the plan.",
        ] {
            assert!(vague(text).is_empty(), "{text}: {:?}", vague(text));
        }
    }

    #[test]
    fn robust_with_what_it_withstands_is_a_property() {
        for text in [
            "The median is robust to outliers and noise in the data.",
            "K-medoids is more robust to noise.",
            "The filter is robust against noise.",
            "Use robust regression when errors are heavy-tailed.",
        ] {
            assert!(vague(text).is_empty(), "{text}: {:?}", vague(text));
        }
        assert_eq!(vague("We built a robust system."), ["robust"]);
        assert_eq!(vague("It is robust and scalable."), ["robust"]);
    }

    #[test]
    fn every_degree_word_is_matched_by_the_built_in_patterns() {
        let text = DEGREE_WORDS.replace('|', " faster. ");
        let found = vague(&format!("{text} faster."));
        assert_eq!(found.len(), DEGREE_WORDS.split('|').count(), "{found:?}");
    }

    #[test]
    fn the_documented_cases_are_what_the_rule_does() {
        assert_documented_cases(VAGUE_CLAIM.doc.cases, vague);
    }
}
