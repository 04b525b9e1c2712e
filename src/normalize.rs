//! Normalising question text so that trivial differences (case, spacing, quote style, Unicode form,
//! final punctuation) do not change a card's identity.
//!
//! Owns only the normal form used for ids; deduplication builds its richer matching on top of it.

use unicode_normalization::UnicodeNormalization;

/// NFKC, lower case, straight quotes and hyphens, single spaces, no final punctuation.
///
/// Idempotent: `normalize_question(normalize_question(x)) == normalize_question(x)`.
pub fn normalize_question(text: &str) -> String {
    let folded: String = if text.is_ascii() {
        // ASCII is its own NFKC form: skip the Unicode tables (most questions are ASCII).
        text.chars()
            .map(|c| fold_char(c.to_ascii_lowercase()))
            .collect()
    } else {
        text.nfkc()
            .flat_map(char::to_lowercase)
            .map(fold_char)
            .collect()
    };
    let spaced = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    spaced
        .trim_end_matches(|c: char| c.is_whitespace() || "?.!:;,".contains(c))
        .to_owned()
}

/// Straight quotes and hyphens for their typographic variants; one kind of space.
pub fn fold_char(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' | '`' => '\'',
        '“' | '”' | '„' | '‟' | '″' => '"',
        '‐' | '‑' | '‒' | '–' | '—' | '―' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_trivial_differences() {
        assert_eq!(
            normalize_question("  What’s  the “CAP”\ttheorem?? "),
            "what's the \"cap\" theorem"
        );
        assert_eq!(normalize_question("Ｑｕｅｒｙ"), "query");
        assert_eq!(normalize_question("?"), "");
    }

    proptest::proptest! {
        #![proptest_config(crate::test_support::proptest_config(512))]

        #[test]
        fn normalize_question_is_idempotent(text in proptest::prelude::any::<String>()) {
            let once = normalize_question(&text);
            proptest::prop_assert_eq!(normalize_question(&once), once.clone());
        }

        /// The same over text dense in what normalisation touches: white space, final punctuation,
        /// curly quotes and dashes, full-width and compatibility forms, case that changes length.
        #[test]
        fn normalize_question_is_idempotent_on_punctuation_and_space(
            text in "[ \t\u{a0}\u{3000}?!.:;,“”‘’′″–—＂？ＱａA-Za-zİẞΣς\u{301}\u{345}]{0,40}",
        ) {
            let once = normalize_question(&text);
            proptest::prop_assert_eq!(normalize_question(&once), once.clone());
        }
    }
}
