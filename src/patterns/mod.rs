//! The regular expressions of configuration and of the built-in lists: refusing those that would
//! match everything (here), and narrowing word escapes to ASCII ([`ascii`]).
//!
//! Owns one check shared by every place `lints.toml` takes regular expressions (phrase-rule word
//! lists, `[existence.<id>]`, `[substitution]`, boilerplate patterns). Such a pattern compiles,
//! so without this check it would silently flag every word of every answer, or turn every line
//! into boilerplate and lose every card. Each caller names its key; this module says what is wrong.

mod ascii;

pub use ascii::{ascii_word_boundaries, ascii_word_classes};

use regex::RegexBuilder;
use regex_automata::util::syntax;

/// Single-letter words no real phrase matches on its own: a pattern that matches each of them
/// matches any word (`.`, `\w`, `[a-z]+`).
const ANY_WORD_PROBES: [&str; 4] = ["a", "q", "I", "Z"];

/// Why `pattern` would match everything, or `None` when it is specific (or not a valid pattern:
/// compiling it reports that better).
pub fn matches_everything(pattern: &str) -> Option<&'static str> {
    let hir = syntax::parse(pattern).ok()?;
    match hir.properties().minimum_len() {
        Some(0) => return Some("matches the empty string"),
        // A pattern that needs two characters cannot match a one-letter word; skipping the compile
        // keeps a list of 20,000 entries quick to check.
        Some(1) => {}
        _ => return None,
    }
    let regex = RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .ok()?;
    ANY_WORD_PROBES
        .iter()
        .all(|word| regex.is_match(word))
        .then_some("matches any word")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_that_match_the_empty_string_are_refused() {
        for pattern in [
            "", ".*", r"\b", "a*", "(x)?", "^", "$", r"\s*", "(?:)", "a|",
        ] {
            assert!(matches_everything(pattern).is_some(), "{pattern:?}");
        }
    }

    #[test]
    fn patterns_that_match_any_word_are_refused() {
        for pattern in [".", ".+", r"\w", r"\w+", "[a-z]+", r"\S", r"\b\w+\b"] {
            assert_eq!(
                matches_everything(pattern),
                Some("matches any word"),
                "{pattern:?}"
            );
        }
    }

    #[test]
    fn specific_patterns_pass() {
        for pattern in [
            "robust",
            "a",
            r"\ba lot\b",
            r"\bsynerg(y|ies)\b",
            "paradigm shift",
            r"^sponsored\b",
            r"\d+%",
            "(",
        ] {
            assert_eq!(matches_everything(pattern), None, "{pattern:?}");
        }
    }
}
