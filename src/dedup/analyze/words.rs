//! Questions → lower-case words: the split every analysis of a question starts from.
//!
//! Owns where words start and end and what is kept of how each was written (in capitals, or
//! capitalised like a name). Words are lower-cased into one buffer that a caller can reuse from
//! question to question, so splitting many questions allocates nothing per word; ASCII questions, the
//! usual case, are split in one pass over their bytes. Knows nothing about what words mean.

use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use crate::normalize::fold_char;

/// A word of a question: lower-cased, and whether it was written in capitals (`WHERE`, `CORS`),
/// which makes it a name even when it is spelled like a stop word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub capitals: bool,
    /// Capitalised and not the first word: a proper name.
    pub name: bool,
}

/// Where a word's lower-case text is in the buffer, and how it was written.
#[derive(Debug, Clone)]
struct Span {
    text: Range<usize>,
    capitals: bool,
    name: bool,
}

/// The words of one question, their lower-case texts in one buffer: for ASCII questions the whole
/// question lower-cased, for others the words one after another.
#[derive(Debug, Default)]
pub struct Words {
    lower: String,
    spans: Vec<Span>,
}

impl Words {
    /// The words of `text`.
    pub fn of(text: &str) -> Words {
        let mut words = Words::default();
        words.split(text);
        words
    }

    /// Replaces the words with those of `text`, keeping the buffers' memory: NFKC, typographic quotes
    /// and dashes folded, split on anything but letters, digits and `'`, `-`, `+`, `#` inside words (so
    /// "don't", "cache-aside", "c++" and "c#" stay whole), then lower-cased, remembering words written
    /// in capitals.
    pub fn split(&mut self, text: &str) {
        self.lower.clear();
        self.spans.clear();
        // ASCII is its own NFKC form; of its characters only the backtick folds (to `'`).
        if !self.split_ascii(text) {
            self.spans.clear();
            // Most other text is NFKC already (typographic quotes, accented letters), which the
            // quick check says without the cost of normalising it.
            let folded: String = if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
                text.chars().map(fold_char).collect()
            } else {
                text.nfkc().map(fold_char).collect()
            };
            self.split_chars(&folded);
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The lower-case text of word `i`.
    pub fn text(&self, i: usize) -> &str {
        &self.lower[self.spans[i].text.clone()]
    }

    pub fn get(&self, i: usize) -> Word<'_> {
        let span = &self.spans[i];
        Word {
            text: &self.lower[span.text.clone()],
            capitals: span.capitals,
            name: span.name,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Word<'_>> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// [`Words::split`] over text already folded, character by character.
    fn split_chars(&mut self, folded: &str) {
        let words = folded
            .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '-' | '+' | '#')))
            .map(|w| w.trim_matches(|c| c == '-' || c == '\''))
            .filter(|w| !w.is_empty());
        for word in words {
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let capitals = letters >= 2 && word.chars().all(|c| !c.is_lowercase());
            let name = !self.is_empty() && word.chars().next().is_some_and(char::is_uppercase);
            let start = self.lower.len();
            if word.is_ascii() {
                self.lower.push_str(word);
                self.lower[start..].make_ascii_lowercase();
            } else {
                // `str::to_lowercase`, not character by character: a final sigma lower-cases as one.
                self.lower.push_str(&word.to_lowercase());
            }
            self.spans.push(Span {
                text: start..self.lower.len(),
                capitals,
                name,
            });
        }
    }

    /// [`Words::split`] for ASCII text, bytewise: the same split, trims and tests in one pass over the
    /// bytes, without decoding characters. Returns false, with words left half split, on text that is
    /// not ASCII or holds a backtick: those need the character path.
    fn split_ascii(&mut self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let class = |at: usize| CLASS[usize::from(bytes[at])];
        let mut at = 0;
        while at < bytes.len() {
            let mut start = at;
            // Trimming takes only `-` and `'`, never letters: counted over the untrimmed word.
            let (mut letters, mut seen) = (0, 0);
            for &b in &bytes[at..] {
                let c = CLASS[usize::from(b)];
                if c & INSIDE == 0 {
                    break;
                }
                letters += usize::from(c & LETTER);
                seen |= c;
                at += 1;
            }
            if at < bytes.len() && class(at) & CHARACTER_PATH != 0 {
                return false;
            }
            let mut end = at;
            at += 1;
            while start < end && class(start) & TRIMMED != 0 {
                start += 1;
            }
            while start < end && class(end - 1) & TRIMMED != 0 {
                end -= 1;
            }
            if start < end {
                self.spans.push(Span {
                    text: start..end,
                    capitals: letters >= 2 && seen & LOWER == 0,
                    name: !self.spans.is_empty() && bytes[start].is_ascii_uppercase(),
                });
            }
        }
        // Lower-casing ASCII keeps every byte in place: the spans index the lower-case copy too.
        self.lower.push_str(text);
        self.lower.make_ascii_lowercase();
        true
    }
}

/// Byte classes for [`Words::split_ascii`]: one table look-up per byte instead of a chain of tests.
/// Bit 0, so that `class & LETTER` counts letters.
const LETTER: u8 = 1;
const INSIDE: u8 = 2;
const LOWER: u8 = 4;
const TRIMMED: u8 = 8;
const CHARACTER_PATH: u8 = 16;

static CLASS: [u8; 256] = classes();

const fn classes() -> [u8; 256] {
    let mut class = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        class[b] = if c >= 0x80 || c == b'`' {
            CHARACTER_PATH
        } else if c.is_ascii_lowercase() {
            INSIDE | LETTER | LOWER
        } else if c.is_ascii_uppercase() {
            INSIDE | LETTER
        } else if c.is_ascii_digit() || c == b'+' || c == b'#' {
            INSIDE
        } else if c == b'-' || c == b'\'' {
            INSIDE | TRIMMED
        } else {
            0
        };
        b += 1;
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        Words::of(text).iter().map(|w| w.text.to_owned()).collect()
    }

    #[test]
    fn words_keep_inner_punctuation_and_lose_outer_quotes_and_dashes() {
        assert_eq!(
            texts("Don't use 'cache-aside' -- or C++/C#?"),
            ["don't", "use", "cache-aside", "or", "c++", "c#"]
        );
        assert_eq!(
            texts("What’s the café’s “Straße”?"),
            ["what's", "the", "café's", "straße"]
        );
        assert_eq!(texts("ΟΔΟΣ"), ["οδος"], "a final sigma lower-cases as one");
    }

    #[test]
    fn capitals_and_names() {
        let words = Words::of("Why CORS in Java, not I?");
        let flags: Vec<(&str, bool, bool)> =
            words.iter().map(|w| (w.text, w.capitals, w.name)).collect();
        assert_eq!(
            flags,
            [
                ("why", false, false),
                ("cors", true, true),
                ("in", false, false),
                ("java", false, true),
                ("not", false, false),
                ("i", false, true),
            ]
        );
    }

    fn all(words: &Words) -> Vec<Word<'_>> {
        words.iter().collect()
    }

    #[test]
    fn the_buffers_are_reused_without_leftovers() {
        let mut words = Words::of("A long first question with many words");
        words.split("Short one");
        assert_eq!(all(&words), all(&Words::of("Short one")));
        words.split("Straße, then ASCII again");
        words.split("Short one");
        assert_eq!(all(&words), all(&Words::of("Short one")));
        words.split("A word and then `code`");
        assert_eq!(
            texts("A word and then `code`"),
            ["a", "word", "and", "then", "code"]
        );
        words.split("");
        assert!(words.is_empty());
    }

    proptest::proptest! {
        /// The bytewise split of ASCII text is the character split.
        #[test]
        fn ascii_words_split_as_characters_do(text in "[a-zA-Z0-9 '+#?,.()/_-]{0,60}") {
            let (mut bytewise, mut by_chars) = (Words::default(), Words::default());
            proptest::prop_assert!(bytewise.split_ascii(&text));
            by_chars.split_chars(&text);
            proptest::prop_assert_eq!(all(&bytewise), all(&by_chars));
        }

        /// Any text splits as its NFKC, folded form does character by character.
        #[test]
        fn any_text_splits_as_its_folded_characters_do(text in "[a-zA-Z0-9 '`+#?,.\\-’–éßΣﬁＱⅨ\u{301}\u{2002}]{0,40}|\\PC{0,30}") {
            let mut by_chars = Words::default();
            by_chars.split_chars(&text.nfkc().map(fold_char).collect::<String>());
            let words = Words::of(&text);
            proptest::prop_assert_eq!(all(&words), all(&by_chars));
        }
    }
}
