//! Many questions → a [`Corpus`], directly: the analysis `prep dedup` and `duplicate-question` run.
//!
//! The same walk as [`Analyzer::terms`] (`collect`), but over a vocabulary of term ids in which each
//! distinct word is analysed once (replacements, stop word or not, stem: stemming is the costly
//! step, and questions share most of their words). Words are looked up as slices of one reused
//! buffer, so no string is allocated per word or per term. Knows nothing about weights:
//! [`Corpus::from_interned`] computes them.

use std::ops::Range;

// Fx hashing: looked up once per word of every question, with short keys from the user's own files.
use rustc_hash::FxHashMap as HashMap;

use super::Analyzer;
use super::collect::Vocabulary;
use super::words::Words;
use crate::dedup::similarity::{Corpus, Interned};

impl Analyzer {
    /// The corpus of `questions`: the same as [`Corpus::new`] over the [`Analyzer::terms`] of each,
    /// for a fraction of the work.
    pub(crate) fn corpus_of<'q>(&self, questions: impl IntoIterator<Item = &'q str>) -> Corpus {
        let questions = questions.into_iter();
        let mut known = KnownWords::default();
        let mut words = Words::default();
        let mut interned = Interned::with_capacity(questions.size_hint().0);
        for question in questions {
            interned.push(self.collect(question, &mut words, &mut known));
        }
        interned.terms = known.into_stems();
        Corpus::from_interned(interned)
    }
}

/// One word a lower-case word becomes after replacement: its stem as a term id, and whether it is a
/// stop word (dropped unless written in capitals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    term: u32,
    stop: bool,
}

/// Terms as ids, keeping no words: what a corpus needs.
impl Vocabulary for KnownWords {
    type Term = u32;
    type Word = ();

    fn term(&mut self, text: &str) -> u32 {
        self.intern(text)
    }

    fn word(_text: &str) {}

    fn each_part(
        &mut self,
        analyzer: &Analyzer,
        word: &str,
        mut part: impl FnMut(&u32, bool, &()),
    ) {
        for &Part { term, stop } in self.parts_of(analyzer, word) {
            part(&term, stop, &());
        }
    }
}

/// What each distinct lower-case word seen so far becomes.
#[derive(Debug, Default)]
struct KnownWords {
    /// Word → its parts, a range of `parts` (most words have one part; a few none or several).
    words: HashMap<Box<str>, Range<u32>>,
    parts: Vec<Part>,
    /// Stem → term id (the stems are read back from it at the end: one copy of each).
    ids: HashMap<Box<str>, u32>,
    /// Term id → stem, the other way round.
    stems: Vec<Box<str>>,
}

impl KnownWords {
    /// The parts of `word`, analysed the first time it is seen.
    fn parts_of(&mut self, analyzer: &Analyzer, word: &str) -> &[Part] {
        let range = match self.words.get(word) {
            Some(range) => range.clone(),
            None => {
                // As `Analyzer::analyzed`, without keeping the words or owning the stems.
                let start = self.part_count();
                analyzer.each_replacement(word, &mut |replaced| {
                    let term = self.intern(&analyzer.stem(replaced));
                    let stop = analyzer.is_stop(replaced);
                    self.parts.push(Part { term, stop });
                });
                let range = start..self.part_count();
                self.words.insert(word.into(), range.clone());
                range
            }
        };
        &self.parts[range.start as usize..range.end as usize]
    }

    fn part_count(&self) -> u32 {
        u32::try_from(self.parts.len()).unwrap_or(u32::MAX)
    }

    fn intern(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.ids.get(stem) {
            return id;
        }
        let id = u32::try_from(self.stems.len()).unwrap_or(u32::MAX);
        self.ids.insert(stem.into(), id);
        self.stems.push(stem.into());
        id
    }

    /// Term id → stem.
    fn into_stems(self) -> Vec<String> {
        self.stems.into_iter().map(String::from).collect()
    }
}
