//! A configured list of case-insensitive patterns, matched as one alternation: what a phrase rule
//! (`words`, `extend-words`) and a user rule (`[existence.<id>]`, `[substitution]`) search for.
//!
//! Owns the cost of long lists. One regular expression over 10,000 alternatives compiles to an
//! automaton too large for the fast engines (10,000 words took 10 s to lint 28 KB, 20,000 did not
//! compile within the regex size limit). Plain words and phrases, most of any long list, go into
//! one Aho-Corasick automaton instead, built and searched in time linear in the list and the text;
//! only entries that are real patterns go to the regex engine. The two are merged so the list
//! matches as the single alternation would (leftmost first; at one start, the earlier entry wins).
//! One difference: a plain ASCII word folds case in ASCII only, so `k` no longer matches the
//! Kelvin sign `K` (U+212A).

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind as AcMatchKind};
use regex_automata::meta::{Config as MetaConfig, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind, PatternSet};
use regex_syntax::hir::{Hir, HirKind, Look};

use crate::patterns::ascii_word_classes;

/// Above this many plain entries the rule offers no trigger to the phrase screen: the screen's one
/// automaton would be as large as the regex this module avoids (see [`PatternList::trigger`]).
const SCREENED_LITERALS: usize = 1_000;

/// Room in the regex engine for each pattern besides the plain ones, on top of its default 10 MiB,
/// so a long list of real patterns compiles rather than hitting a fixed limit.
const REGEX_BYTES_PER_PATTERN: usize = 16 << 10;

pub struct PatternList {
    /// The plain entries, and what each needs besides its bytes.
    literals: Option<(AhoCorasick, Vec<Plain>)>,
    /// The other entries: real patterns.
    regex: Option<RegexEntries>,
    /// The whole list as one case-insensitive expression, when it is small enough to screen.
    trigger: Option<String>,
}

impl PatternList {
    /// The list, compiled; `word_edges`: a match must begin and end at an ASCII word edge.
    pub fn new(patterns: &[String], word_edges: bool) -> Result<Self, String> {
        if patterns.is_empty() {
            return Err("no patterns".to_owned());
        }
        let mut literals: (Vec<Vec<u8>>, Vec<Plain>) = (Vec::new(), Vec::new());
        let mut others: (Vec<String>, Vec<usize>) = (Vec::new(), Vec::new());
        for (place, written) in patterns.iter().enumerate() {
            let pattern = ascii_word_classes(written);
            let hir = syntax::parse(&pattern).map_err(|err| err.to_string())?;
            // Inline flags (`(?-i)Foo`) would change how a plain word matches: keep it a pattern.
            let plain = if written.contains("(?") {
                None
            } else {
                plain_ascii(&hir)
            };
            match plain {
                Some((bytes, edge_start, edge_end)) => {
                    literals.0.push(bytes);
                    literals.1.push(Plain {
                        place,
                        edge_start: edge_start || word_edges,
                        edge_end: edge_end || word_edges,
                    });
                }
                None if word_edges => {
                    others.0.push(format!(r"(?-u:\b)(?:{pattern})(?-u:\b)"));
                    others.1.push(place);
                }
                None => {
                    others.0.push(pattern);
                    others.1.push(place);
                }
            }
        }
        let trigger = (literals.0.len() <= SCREENED_LITERALS).then(|| whole(patterns, word_edges));
        Ok(PatternList {
            regex: RegexEntries::new(others, !literals.0.is_empty())?,
            literals: compile_literals(literals)?,
            trigger,
        })
    }

    /// The whole list as one expression with its flags inline, for the phrase screen; `None` when
    /// the list holds too many plain entries for one automaton (the rule then reads all prose).
    pub fn trigger(&self) -> Option<&str> {
        self.trigger.as_deref()
    }

    /// The byte ranges the alternation would match in `text`, left to right, without overlap.
    pub fn find_iter(&self, text: &str) -> Vec<Range<usize>> {
        let literals = self.literal_matches(text);
        let mut next_literal = literals.iter().peekable();
        let mut regex_match: Option<Range<usize>> = None;
        let mut found = Vec::new();
        let mut at = 0;
        while at < text.len() {
            while next_literal.next_if(|(span, _)| span.start < at).is_some() {}
            if regex_match.as_ref().is_none_or(|span| span.start < at) {
                regex_match = self.regex.as_ref().and_then(|r| r.find(text, at));
            }
            let best = match (next_literal.peek(), &regex_match) {
                (Some((literal, place)), Some(regex)) => {
                    let regex_first = regex.start < literal.start
                        || (regex.start == literal.start
                            && self
                                .regex
                                .as_ref()
                                .is_some_and(|r| r.earlier_at(text, regex.start, *place)));
                    if regex_first {
                        regex.clone()
                    } else {
                        literal.clone()
                    }
                }
                (Some((literal, _)), None) => literal.clone(),
                (None, Some(regex)) => regex.clone(),
                (None, None) => break,
            };
            // Patterns that match the empty string are refused (`crate::patterns`); step over one
            // anyway rather than loop.
            at = if best.is_empty() {
                next_char(text, best.end)
            } else {
                best.end
            };
            found.push(best);
        }
        found
    }

    /// Every occurrence of a plain entry that the alternation could choose, as (span, place),
    /// ordered by start, then place.
    fn literal_matches(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let Some((automaton, plains)) = &self.literals else {
            return Vec::new();
        };
        let mut all: Vec<(Range<usize>, usize)> = automaton
            .find_overlapping_iter(text)
            .filter_map(|m| {
                let plain = &plains[m.pattern().as_usize()];
                let fits = (!plain.edge_start || word_edge(text, m.start()))
                    && (!plain.edge_end || word_edge(text, m.end()));
                fits.then(|| (m.range(), plain.place))
            })
            .collect();
        all.sort_by_key(|(span, place)| (span.start, *place));
        all
    }
}

/// The entries that are real patterns. Their place in the list matters only where one of them and
/// a plain entry match at the same start: the earlier entry wins. A regex that tells which of many
/// patterns matched keeps two slots per pattern in every automaton state (20,000 patterns took
/// 23 GB), so the search is one alternation, and only such a tie asks the capture-free `set`.
struct RegexEntries {
    alternation: Regex,
    /// All patterns, each its own; `None` when the list has no plain entries (no ties).
    set: Option<Regex>,
    places: Vec<usize>,
}

impl RegexEntries {
    fn new(
        (patterns, places): (Vec<String>, Vec<usize>),
        ties_possible: bool,
    ) -> Result<Option<Self>, String> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let alternation = patterns
            .iter()
            .map(|p| format!("(?:{p})"))
            .collect::<Vec<_>>()
            .join("|");
        let room = (10 << 20) + REGEX_BYTES_PER_PATTERN * patterns.len();
        // Only where a match is, never a group: with every pattern's groups (`(es)?`), each state
        // of the automaton would carry two slots per group (20,000 patterns asked for 86 GB).
        let config = Regex::config().which_captures(WhichCaptures::Implicit);
        let alternation = build(&[alternation], config, room)?;
        let set = if ties_possible {
            let config = Regex::config()
                .match_kind(MatchKind::All)
                .which_captures(WhichCaptures::None);
            Some(build(&patterns, config, room)?)
        } else {
            None
        };
        Ok(Some(RegexEntries {
            alternation,
            set,
            places,
        }))
    }

    /// The leftmost-first match of the alternation at or after `at`.
    fn find(&self, text: &str, at: usize) -> Option<Range<usize>> {
        self.alternation
            .search(&Input::new(text).range(at..))
            .map(|m| m.range())
    }

    /// Whether a pattern placed before `place` in the list matches at `start`.
    fn earlier_at(&self, text: &str, start: usize, place: usize) -> bool {
        let Some(set) = &self.set else {
            return false;
        };
        let mut matched = PatternSet::new(set.pattern_len());
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        set.which_overlapping_matches(&input, &mut matched);
        matched.iter().any(|id| self.places[id.as_usize()] < place)
    }
}

fn build(patterns: &[String], config: MetaConfig, room: usize) -> Result<Regex, String> {
    Regex::builder()
        .syntax(syntax::Config::new().case_insensitive(true))
        .configure(config.nfa_size_limit(Some(room)))
        .build_many(patterns)
        .map_err(|err| err.to_string())
}

/// A plain entry's place in the list, and whether it must start or end at an ASCII word edge.
struct Plain {
    place: usize,
    edge_start: bool,
    edge_end: bool,
}

/// The bytes of a pattern that is a plain ASCII word or phrase, possibly between ASCII word edges
/// (`\bword\b`), and whether it has each edge. Anything else (a class, a repetition) is a pattern.
fn plain_ascii(hir: &Hir) -> Option<(Vec<u8>, bool, bool)> {
    let edge = |hir: &Hir| matches!(hir.kind(), HirKind::Look(Look::WordAscii));
    let parts: &[Hir] = match hir.kind() {
        HirKind::Concat(parts) => parts,
        _ => std::slice::from_ref(hir),
    };
    let (edge_start, parts) = match parts.split_first() {
        Some((first, rest)) if edge(first) => (true, rest),
        _ => (false, parts),
    };
    let (edge_end, parts) = match parts.split_last() {
        Some((last, rest)) if edge(last) => (true, rest),
        _ => (false, parts),
    };
    match parts {
        [one] => match one.kind() {
            HirKind::Literal(literal) if literal.0.is_ascii() => {
                Some((literal.0.to_vec(), edge_start, edge_end))
            }
            _ => None,
        },
        _ => None,
    }
}

fn compile_literals(
    (words, plains): (Vec<Vec<u8>>, Vec<Plain>),
) -> Result<Option<(AhoCorasick, Vec<Plain>)>, String> {
    if words.is_empty() {
        return Ok(None);
    }
    let automaton = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        // Every occurrence is reported; `find_iter` picks among them as the alternation would.
        .match_kind(AcMatchKind::Standard)
        .build(&words)
        .map_err(|err| err.to_string())?;
    Ok(Some((automaton, plains)))
}

/// The list as the one case-insensitive alternation it stands for.
fn whole(patterns: &[String], word_edges: bool) -> String {
    let alternation = patterns
        .iter()
        .map(|p| format!("(?:{})", ascii_word_classes(p)))
        .collect::<Vec<_>>()
        .join("|");
    if word_edges {
        format!(r"(?i:(?-u:\b)(?:{alternation})(?-u:\b))")
    } else {
        format!("(?i:{alternation})")
    }
}

/// Whether `(?-u:\b)` matches at byte `at`: a word byte on one side and not on the other.
fn word_edge(text: &str, at: usize) -> bool {
    let word = |i: usize| {
        text.as_bytes()
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    };
    (at > 0 && word(at - 1)) != word(at)
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len() + 1, |c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(patterns: &[&str]) -> Vec<String> {
        patterns.iter().map(|p| (*p).to_owned()).collect()
    }

    /// What the list finds in `text`, and what the one regex it stands for finds: the same.
    fn agree(patterns: &[&str], word_edges: bool, text: &str) -> Vec<String> {
        let patterns = list(patterns);
        let split = PatternList::new(&patterns, word_edges).unwrap();
        let one = regex::Regex::new(&whole(&patterns, word_edges)).unwrap();
        let ours: Vec<&str> = split
            .find_iter(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        let theirs: Vec<&str> = one.find_iter(text).map(|m| m.as_str()).collect();
        assert_eq!(ours, theirs, "{patterns:?} in {text:?}");
        ours.into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn plain_entries_and_patterns_match_as_one_alternation() {
        assert_eq!(
            agree(
                &["data", r"\bdata\w+", "database"],
                false,
                "A Database of data."
            ),
            ["Data", "data"]
        );
        agree(&["database", "data"], false, "databases and data");
        agree(&["a lot", r"\ba\b", "lot"], false, "a lot of a lots");
        agree(
            &["zero-downtime", r"zero[- ]downtime"],
            false,
            "Zero downtime, zero-downtime",
        );
        agree(&["ab", "abc", "bcd", r"c\w"], false, "abcd abcde cx");
    }

    #[test]
    fn with_word_edges_a_longer_entry_wins_where_a_shorter_one_stops_inside_a_word() {
        assert_eq!(
            agree(
                &["data", "database", r"data\w*s"],
                true,
                "databases, database, data"
            ),
            ["databases", "database", "data"]
        );
        agree(&["in order to", "in"], true, "in order to win in");
        agree(&["utilize", "use"], true, "Utilize, reuse, use it.");
    }

    proptest::proptest! {
        /// Any mix of plain entries and patterns, in any order, finds what the one regex finds.
        #[test]
        fn a_split_list_matches_as_the_one_regex(
            patterns in proptest::collection::vec(
                proptest::string::string_regex(r"[abAB ]{1,3}|\\ba[ab]?|b\\w|a\\b|(ab|ba)b?|\\b[ab]{1,2}\\b|\\bb")
                    .unwrap_or_else(|err| panic!("invalid strategy: {err}")),
                1..6,
            ),
            word_edges in proptest::bool::ANY,
            text in "[abAB ,]{0,24}",
        ) {
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            agree(&patterns, word_edges, &text);
        }
    }

    #[test]
    fn a_long_list_of_plain_words_offers_no_trigger() {
        let words: Vec<String> = (0..=SCREENED_LITERALS).map(|k| format!("w{k}x")).collect();
        let long = PatternList::new(&words, false).unwrap();
        assert!(long.trigger().is_none());
        assert_eq!(long.find_iter("a W17x and w1000x"), [2..6, 11..17]);
        assert!(
            PatternList::new(&words[..10], false)
                .unwrap()
                .trigger()
                .is_some()
        );
    }
}
