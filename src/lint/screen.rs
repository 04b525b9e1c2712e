//! One search for all phrase rules: which prose ranges can hold a phrase finding at all.
//!
//! Owns the shortcut that keeps the cost of phrase rules from growing with their number. Each
//! phrase rule (built-in word lists, term spellings, user rules from `lints.toml`) would otherwise
//! run its own automaton over every byte of prose, though most prose holds no phrase of any list.
//! The screen runs the alternation of all their expressions once per prose range; only the ranges
//! it matches are handed to the phrase rules. Exact: the alternation matches a range whenever one
//! of its expressions does, and a phrase rule reports only matches of its expression within one
//! range (see [`Rule::trigger`]).

use std::ops::Range;

use regex_automata::Input;
use regex_automata::hybrid::dfa::{Cache, DFA};

use crate::lint::{Prose, Rule};

/// The combined expression of the screened rules, and which rules those are.
pub struct Screen {
    /// Only whether something matches is asked: a forward lazy DFA answers that, and costs about
    /// half as much to build as a full `regex::Regex` (which adds a reverse automaton and capture
    /// engines), a cost paid on every run.
    dfa: DFA,
    cache: Cache,
    /// Per rule, in the order the engine runs them: whether its prose is screened.
    screened: Vec<bool>,
}

/// What the screen found in one card's prose.
pub enum Screened<'a> {
    /// No range can hold a phrase finding: the screened rules have nothing to check.
    Nothing,
    /// The ranges that can, in the shape the rules read.
    Some(Prose<'a>),
}

impl Screen {
    /// The screen over `rules`' triggers, or `None` when it would not pay: fewer than two rules
    /// have a trigger (one rule's own search is as cheap as the screen), or their alternation does
    /// not compile within the regex size limit (each rule then searches on its own, as before).
    pub fn new(rules: &[&dyn Rule]) -> Option<Screen> {
        let triggers: Vec<Option<String>> = rules.iter().map(|rule| rule.trigger()).collect();
        let patterns: Vec<&str> = triggers.iter().flatten().map(String::as_str).collect();
        if patterns.len() < 2 {
            return None;
        }
        let alternation = patterns
            .iter()
            .map(|p| format!("(?:{p})"))
            .collect::<Vec<_>>()
            .join("|");
        let dfa = DFA::builder()
            // A Unicode `\b` in a user pattern: the DFA gives up on non-ASCII text at search time
            // (see `matches`) rather than refusing to build.
            .configure(DFA::config().unicode_word_boundary(true))
            .build(&alternation)
            .ok()?;
        Some(Screen {
            cache: dfa.create_cache(),
            dfa,
            screened: triggers.iter().map(Option::is_some).collect(),
        })
    }

    /// Whether the rule at `index` (in the slice given to [`Screen::new`]) reads screened prose.
    pub fn covers(&self, index: usize) -> bool {
        self.screened.get(index).copied().unwrap_or(false)
    }

    /// The prose ranges of `prose` where some trigger matches.
    pub fn apply<'a>(&mut self, prose: &Prose<'a>) -> Screened<'a> {
        let mut kept: Option<Prose<'a>> = None;
        for (k, (field, text, ranges)) in prose.fields.iter().enumerate() {
            let hits: Vec<Range<usize>> = ranges
                .iter()
                .filter(|range| self.matches(&text[(*range).clone()]))
                .cloned()
                .collect();
            if hits.is_empty() {
                continue;
            }
            // Fields keep their places (with no ranges where nothing matched), so rules that walk
            // `fields` see the same fields in the same order.
            let screened = kept.get_or_insert_with(|| Prose {
                fields: prose
                    .fields
                    .iter()
                    .map(|(field, text, _)| (*field, *text, Vec::new()))
                    .collect(),
            });
            screened.fields[k] = (*field, *text, hits);
        }
        kept.map_or(Screened::Nothing, Screened::Some)
    }

    /// Whether some trigger matches in `text`; also when the DFA cannot tell (it gave up), so the
    /// rules decide.
    fn matches(&mut self, text: &str) -> bool {
        let input = Input::new(text).earliest(true);
        !matches!(self.dfa.try_search_fwd(&mut self.cache, &input), Ok(None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::absolute_claim::ABSOLUTE_CLAIM;
    use crate::lint::rules::missing_answer::MissingAnswer;
    use crate::lint::rules::phrase_rule::PhraseRule;
    use crate::lint::rules::test_support::card;
    use crate::lint::rules::vague_claim::VAGUE_CLAIM;

    #[test]
    fn keeps_only_ranges_where_a_trigger_matches() {
        let rules: [&dyn Rule; 3] = [
            &PhraseRule::builtin(&ABSOLUTE_CLAIM),
            &MissingAnswer,
            &PhraseRule::builtin(&VAGUE_CLAIM),
        ];
        let mut screen = Screen::new(&rules).unwrap();
        assert!(screen.covers(0) && !screen.covers(1) && screen.covers(2));
        let mut quiet = card(
            "What is a cache?",
            "A store for hot data.\n\nIt sits in memory.",
        );
        assert!(matches!(
            screen.apply(&Prose::of(&quiet)),
            Screened::Nothing
        ));
        quiet.answer = "A store for hot data.\n\nIt is robust.\n\nZero downtime.".into();
        let Screened::Some(kept) = screen.apply(&Prose::of(&quiet)) else {
            panic!("robust and zero downtime should pass the screen");
        };
        let texts: Vec<Vec<&str>> = kept
            .fields
            .iter()
            .map(|(_, text, ranges)| ranges.iter().map(|r| &text[r.clone()]).collect())
            .collect();
        assert_eq!(texts, [vec![], vec!["It is robust.", "Zero downtime."]]);
    }

    proptest::proptest! {
        /// Screening changes no finding: all rules together (screened) report exactly what each
        /// rule reports alone (one trigger, no screen).
        #[test]
        fn screened_rules_report_what_they_report_alone(
            answer in proptest::string::string_regex(
                "((robust|zero downtime|ElasticSearch|kubernetes|a lot|statistically significant|`robust`|https://x.io/robust|always available|by 40%|we|cache|-|\\*)[ \n.,]{0,2}){0,10}"
            ).unwrap_or_else(|err| panic!("invalid strategy: {err}"))
        ) {
            let card = card("How do we run ElasticSearch at scale?", &answer);
            let all = crate::lint::default_levels();
            let together = crate::lint::lint([&card], &all);
            let mut alone: Vec<_> = all
                .keys()
                .flat_map(|&id| {
                    let only = all
                        .iter()
                        .map(|(&rule, &level)| (rule, level.filter(|_| rule == id)))
                        .collect();
                    crate::lint::lint([&card], &only)
                })
                .collect();
            alone.sort_by(|a, b| (a.offset, a.rule).cmp(&(b.offset, b.rule)));
            proptest::prop_assert_eq!(together, alone);
        }
    }

    #[test]
    fn one_trigger_is_not_worth_a_screen() {
        let rules: [&dyn Rule; 2] = [&MissingAnswer, &PhraseRule::builtin(&VAGUE_CLAIM)];
        assert!(Screen::new(&rules).is_none());
    }
}
