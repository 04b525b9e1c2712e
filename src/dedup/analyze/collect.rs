//! One question → its terms, sorted by the role of their words: the one walk over a question that
//! [`Analyzer::terms`] runs in strings (keeping each term's word, to show people) and
//! [`Analyzer::corpus_of`] runs in term ids, each over its own [`Vocabulary`].
//!
//! Knows what goes where (aspects, names, intent, soft terms, qualifiers, heads, follow-up words);
//! not how words become stems or how a vocabulary stores them.

use super::roles::Role;
use super::shape;
use super::words::Words;
use super::{Analyzer, Terms};

/// The form a question's terms are kept in, and what lower-case words become in it.
pub(super) trait Vocabulary {
    /// A term: its stem, or an id standing for it.
    type Term: Clone + Default + PartialEq;
    /// What is kept of the word a term came from: the word itself, or nothing.
    type Word: Clone + Default;

    /// `text` as a term, as it stands: an aspect's name, an operator, a code name.
    fn term(&mut self, text: &str) -> Self::Term;

    /// `text` as the word a term came from.
    fn word(text: &str) -> Self::Word;

    /// Calls `part` with each word lower-case `word` becomes after replacement: its term (the
    /// stem), whether it is a stop word, and the word.
    fn each_part(
        &mut self,
        analyzer: &Analyzer,
        word: &str,
        part: impl FnMut(&Self::Term, bool, &Self::Word),
    );
}

impl<T: PartialEq, W> Terms<T, W> {
    /// Adds `term` to the terms, with the word it came from, unless it is there already (a
    /// question has a handful of terms: a linear search beats a set).
    fn add(&mut self, term: T, word: impl FnOnce() -> W) {
        if !self.terms.contains(&term) {
            self.terms.push(term);
            self.words.push(word());
        }
    }
}

impl Analyzer {
    /// The terms of `question`, its words split into `words` (a buffer reused from question to
    /// question) and looked up in `vocabulary`.
    pub(super) fn collect<V: Vocabulary>(
        &self,
        question: &str,
        words: &mut Words,
        vocabulary: &mut V,
    ) -> Terms<V::Term, V::Word> {
        let shape::Asking { main, follow_ups } = shape::asking(question);
        words.split(&main);
        let words = &*words;
        let title_case = shape::title_case(&main);
        let (content, intent_follows) = self.content(words);
        let roles = self.roles(words, content.clone());
        let first_clause = Words::of(shape::first_clause(&main));
        let heads = self.heads(words, content.clone(), &roles, first_clause.len());
        let asks = shape::asks(&first_clause);
        let codes = self.code_names(&main);
        let mut out = Terms {
            asks,
            codes: codes.iter().map(|code| vocabulary.term(code)).collect(),
            ..Terms::default()
        };
        for (position, i) in content.enumerate() {
            let word = words.get(i);
            let role = roles[position];
            match role {
                // An aspect is compared on its own, and weighs as a word too: one word for all
                // the words of the aspect ("benefit", "advantage").
                Role::Aspect(aspect) if !self.compares_aspect(asks, aspect) => continue,
                Role::Aspect(aspect) => {
                    out.aspects |= 1 << aspect;
                    let term = vocabulary.term(self.aspect_name(aspect));
                    out.add(term, || V::word(word.text));
                    continue;
                }
                Role::Frame => continue,
                Role::Subject | Role::Context | Role::Light | Role::Qualifier => {}
            }
            vocabulary.each_part(self, word.text, |term, stop, replaced| {
                if stop && !word.capitals {
                    return;
                }
                if matches!(role, Role::Context | Role::Light) && !out.soft.contains(term) {
                    out.soft.push(term.clone());
                }
                if role == Role::Qualifier && !out.qualifiers.contains(term) {
                    out.qualifiers.push(term.clone());
                }
                if let Some(k) = heads.iter().position(|&h| h == i) {
                    // The last part of a word that becomes several.
                    out.heads.truncate(k);
                    out.heads.push(term.clone());
                }
                if (word.capitals || word.name && !title_case) && !out.names.contains(term) {
                    out.names.push(term.clone());
                }
                if position == 0 && intent_follows && out.intent.is_none() {
                    out.intent = Some(term.clone());
                }
                out.add(term.clone(), || replaced.clone());
            });
        }
        for operator in shape::operators(&main) {
            let term = vocabulary.term(&operator);
            if !out.terms.contains(&term) {
                out.names.push(term.clone());
                out.add(term, || V::word(&operator));
            }
        }
        // Follow-ups add the kinds they ask for, and their words to a list of their own (not terms):
        // "What is a cache stampede and how do you prevent it?" also asks how to prevent one.
        for follow_up in &follow_ups {
            let words = Words::of(follow_up);
            out.follow_up_kinds |= shape::asks(&words).compatible();
            let (content, _) = self.content(&words);
            for i in content {
                vocabulary.each_part(self, words.text(i), |term, stop, _| {
                    if !stop && !out.terms.contains(term) && !out.follow.contains(term) {
                        out.follow.push(term.clone());
                    }
                });
            }
        }
        out
    }
}
