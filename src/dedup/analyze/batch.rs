//! Many questions → a [`Corpus`], directly: the analysis `prep dedup` and `duplicate-question` run.
//!
//! The same analysis as [`Analyzer::terms`], but in term ids, and each distinct word is analysed once
//! (replacements, stop word or not, stem: stemming is the costly step, and questions share most of
//! their words). Words are looked up as slices of one reused buffer, so no string is allocated per
//! word or per term. Knows nothing about weights: [`Corpus::from_interned`] computes them.

use std::ops::Range;

// Fx hashing: looked up once per word of every question, with short keys from the user's own files.
use rustc_hash::FxHashMap as HashMap;

use super::roles::Role;
use super::words::Words;
use super::{Analyzer, shape};
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
        let mut parts: Vec<Part> = Vec::new();
        for question in questions {
            let shape::Asking { main, follow_ups } = shape::asking(question);
            words.split(&main);
            let title_case = shape::title_case(&main);
            let (content, intent_follows) = self.content(&words);
            let roles = self.roles(&words, content.clone());
            let first_clause = Words::of(shape::first_clause(&main));
            let heads_at = self.heads(&words, content.clone(), &roles, first_clause.len());
            let asks = shape::asks(&first_clause);
            let mut names = Vec::new();
            let mut intent = None;
            let mut aspects = 0u32;
            let mut soft = Vec::new();
            let mut follow = Vec::new();
            let mut qualifiers = Vec::new();
            let mut heads = Vec::new();
            // As in `Analyzer::terms`, which keeps the words and order that explanations show.
            for (position, i) in content.enumerate() {
                let word = words.get(i);
                let role = roles[position];
                match role {
                    Role::Aspect(aspect) if !self.compares_aspect(asks, aspect) => continue,
                    Role::Aspect(aspect) => {
                        aspects |= 1 << aspect;
                        doc.push(known.intern(self.aspect_name(aspect)));
                        continue;
                    }
                    Role::Frame => continue,
                    Role::Subject | Role::Context | Role::Light | Role::Qualifier => {}
                }
                parts.clear();
                parts.extend_from_slice(known.parts_of(self, word.text));
                for &Part { term, stop } in &parts {
                    if stop && !word.capitals {
                        continue;
                    }
                    if matches!(role, Role::Context | Role::Light) && !soft.contains(&term) {
                        soft.push(term);
                    }
                    if role == Role::Qualifier && !qualifiers.contains(&term) {
                        qualifiers.push(term);
                    }
                    if let Some(k) = heads_at.iter().position(|&h| h == i) {
                        heads.truncate(k);
                        heads.push(term);
                    }
                    if (word.capitals || word.name && !title_case) && !names.contains(&term) {
                        names.push(term);
                    }
                    if position == 0 && intent_follows && intent.is_none() {
                        intent = Some(term);
                    }
                    doc.push(term);
                }
            }
            for operator in shape::operators(&main) {
                let term = known.intern(&operator);
                if !doc.contains(&term) {
                    names.push(term);
                    doc.push(term);
                }
            }
            let codes = self
                .code_names(&main)
                .iter()
                .map(|code| known.intern(code))
                .collect();
            let mut kinds = 0;
            // As in `Analyzer::terms`: follow-ups add their kinds, and their words to their own list.
            for follow_up in &follow_ups {
                let words = Words::of(follow_up);
                kinds |= shape::asks(&words).compatible();
                let (content, _) = self.content(&words);
                for i in content {
                    parts.clear();
                    parts.extend_from_slice(known.parts_of(self, words.text(i)));
                    for &Part { term, stop } in &parts {
                        if !stop && !doc.contains(&term) && !follow.contains(&term) {
                            follow.push(term);
                        }
                    }
                }
            }
            // Collected in a reused vector and copied once: one exact allocation per question.
            interned.docs.push(doc.clone());
            doc.clear();
            interned.names.push(names);
            interned.intent.push(intent);
            interned.asks.push(asks);
            interned.kinds.push(kinds);
            interned.aspects.push(aspects);
            interned.codes.push(codes);
            interned.soft.push(soft);
            interned.follow.push(follow);
            interned.qualifiers.push(qualifiers);
            interned.heads.push(heads);
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
