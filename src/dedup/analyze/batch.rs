//! Many questions → a [`Corpus`], directly: the analysis `prep dedup` and `duplicate-question` run.
//!
//! The same analysis as [`Analyzer::terms`], but in term ids, and each distinct word is analysed once
//! (replacements, stop word or not, stem: stemming is the costly step, and questions share most of
//! their words). Words are looked up as slices of one reused buffer, so no string is allocated per
//! word or per term. Knows nothing about weights: [`Corpus::from_interned`] computes them.

use std::ops::Range;

// Fx hashing: looked up once per word of every question, with short keys from the user's own files.
use rustc_hash::FxHashMap as HashMap;

use super::Analyzer;
use super::words::Words;
use crate::dedup::similarity::{Corpus, Interned};

impl Analyzer {
    /// The corpus of `questions`: the same as [`Corpus::new`] over the [`Analyzer::terms`] of each,
    /// for a fraction of the work.
    pub fn corpus_of<'q>(&self, questions: impl IntoIterator<Item = &'q str>) -> Corpus {
        let questions = questions.into_iter();
        let mut known = KnownWords::default();
        let mut words = Words::default();
        let mut interned = Interned::with_capacity(questions.size_hint().0);
        let mut doc = Vec::new();
        for question in questions {
            words.split(question);
            let (content, intent_follows) = self.content(&words);
            let mut names = Vec::new();
            let mut intent = None;
            // As in `Analyzer::terms`, which keeps the words and order that explanations show.
            for (position, i) in content.enumerate() {
                let word = words.get(i);
                for &Part { term, stop } in known.parts_of(self, word.text) {
                    if stop && !word.capitals {
                        continue;
                    }
                    if (word.capitals || word.name) && !names.contains(&term) {
                        names.push(term);
                    }
                    if position == 0 && intent_follows && intent.is_none() {
                        intent = Some(term);
                    }
                    doc.push(term);
                }
            }
            // Collected in a reused vector and copied once: one exact allocation per question.
            interned.docs.push(doc.clone());
            doc.clear();
            interned.names.push(names);
            interned.intent.push(intent);
        }
        interned.terms = known.into_stems();
        Corpus::from_interned(interned)
    }
}

/// One word a lower-case word becomes after replacement: its stem as a term id, and whether it is a
/// stop word (dropped unless written in capitals).
#[derive(Debug, Clone, Copy)]
struct Part {
    term: u32,
    stop: bool,
}

/// What each distinct lower-case word seen so far becomes.
#[derive(Debug, Default)]
struct KnownWords {
    /// Word → its parts, a range of `parts` (most words have one part; a few none or several).
    words: HashMap<Box<str>, Range<u32>>,
    parts: Vec<Part>,
    /// Stem → term id (the stems are read back from it at the end: one copy of each).
    ids: HashMap<Box<str>, u32>,
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
        let id = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.insert(stem.into(), id);
        id
    }

    /// Term id → stem.
    fn into_stems(self) -> Vec<String> {
        let mut stems = vec![String::new(); self.ids.len()];
        #[expect(
            clippy::iter_over_hash_type,
            reason = "each stem goes to its own id's place: the order of the map does not matter"
        )]
        for (stem, id) in self.ids {
            stems[id as usize] = stem.into_string();
        }
        stems
    }
}
