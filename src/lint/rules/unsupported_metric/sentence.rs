//! What a sentence says around its figures: where its main clause starts, the clause a figure
//! stands in, and whether a figure there is context rather than a report (a scene, an instruction,
//! a goal, a hypothetical, an estimate, a generic subject).
//!
//! Owns the reading of the sentence; the shapes of figures and when each is a claim live in
//! `figures`.

use std::cell::OnceCell;
use std::sync::LazyLock;

use regex::Regex;

use super::{bytes_regex, regex};

/// How far back a figure's clause is read, in bytes: keeps the work per figure bounded.
const CLAUSE_WINDOW: usize = 120;

/// Modals of a hypothetical or a requirement: a figure under one is not a report ("would reach
/// 98%", "should stay below 1%").
pub(super) const MODALS: &[&str] = &["would", "could", "might", "should", "must"];

/// Words opening a condition of time: a scene that makes even a change in it a condition ("When
/// traffic doubles, …"), though the main clause may report ("When we launched, sign-ups rose 40%").
const TIME_CONDITIONS: &[&str] = &["when", "whenever", "once"];

/// Words opening a hypothesis: the whole sentence is supposed, its main clause too ("If 99% of
/// payments are legitimate, a constant guess has 99% accuracy").
#[rustfmt::skip]
const HYPOTHESES: &[&str] = &[
    "if", "unless", "assuming", "suppose", "supposing", "imagine", "say",
];

/// Prepositions opening a scene ("In services that handle 10k requests per second, …").
const SCENE_PREPOSITIONS: &[&str] = &[
    "in", "for", "with", "given", "on", "at", "under", "during", "after", "before",
];

/// Subject pronouns: a segment with one is a clause of its own ("In 2023 we cut costs by 30%").
const SUBJECT_PRONOUNS: &[&str] = &["i", "we", "they", "he", "she", "you"];

/// Verbs in their base form that open an instruction ("Increase the heap by 50% …", "Make every
/// page 2x faster"). Only base forms that differ from the past tense: "Cut costs by 30%" is a
/// résumé line as often as an instruction.
#[rustfmt::skip]
const INSTRUCTION_VERBS: &[&str] = &[
    "increase", "decrease", "reduce", "raise", "lower", "scale", "double", "triple", "halve",
    "bump", "grow", "shrink", "limit", "keep", "use", "add", "allocate", "give", "make", "tune",
    "configure", "adjust", "expand", "extend", "aim", "try", "target", "ensure",
];

/// Word beginnings of an estimate: its figures are computed or supposed, not observed.
static ESTIMATE: LazyLock<regex::bytes::Regex> =
    LazyLock::new(|| bytes_regex(r"(?i)\b(?:assum|estimat|suppos|hypothetical|imagine)"));

/// The same without first letters or word boundaries: a search of literals only (fast), which
/// most sentences fail, so [`ESTIMATE`] seldom runs.
static ESTIMATE_HINT: LazyLock<regex::bytes::Regex> =
    LazyLock::new(|| bytes_regex("ssum|stimat|uppos|ypothetic|magine"));

/// Words saying that something changed, or that a figure is an outcome.
pub(super) static OUTCOME: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:improv\w*|reduc\w*|increas\w*|decreas\w*|cut|cuts|cutting|slash\w*|trim\w*|shav\w*|shorten\w*|shrink\w*|climb\w*|soar\w*|plummet\w*|plung\w*|surg(?:e|es|ed|ing)|boost\w*|lower(?:s|ed|ing)?|rais\w*|grew|grow\w*|drop(?:s|ped|ping)?|faster|slower|quicker|speed ?up|speeds up|sped up|gain\w*|sav\w*|uplift|fewer|less|more|higher|better|declin\w*|fell|rose|jump\w*|halv\w*|doubl\w*|tripl\w*|accelerat\w*|enhanc\w*|result\w*|led to|achiev\w*|availability|uptime|accuracy|success rate|hit rate|conversion|engagement|satisfaction|shrank|shrunk)\b",
    )
});

/// Words that govern an infinitive of purpose or obligation: the figure after "designed to",
/// "had to", "in order to" is a goal, not a result.
#[rustfmt::skip]
const GOAL_GOVERNORS: &[&str] = &[
    "designed", "built", "meant", "intended", "engineered", "architected", "need", "needs",
    "needed", "has", "have", "had", "want", "wants", "wanted", "aim", "aims", "aimed", "aiming",
    "tries", "tried", "try", "trying", "expected", "required", "supposed", "plan", "plans",
    "planned", "order", "hope", "hoped", "hoping",
];

/// Nouns of a goal or an assignment: "the goal was to cut …", "my task was to halve …".
#[rustfmt::skip]
const GOAL_NOUNS: &[&str] = &[
    "goal", "aim", "target", "objective", "job", "task", "mission", "responsibility", "assignment",
    "mandate", "challenge", "plan",
];

/// A sentence opening with an indefinite noun phrase that holds the figure: a kind, not a case
/// ("A model with 99% accuracy can still …", "A service running 600 queries per second …").
static GENERIC_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r#"(?i)^[\s"'(]*(?:a|an|any)\s+(?:[\w-]+\s+){0,3}?(?:with|having|running|handling|serving|processing|at)\s+$"#,
    )
});

/// A sentence being read, with what is learnt about it once and only when a figure asks.
pub(super) struct Sentence<'a> {
    pub(super) text: &'a str,
    scene: OnceCell<Scene>,
    instruction: OnceCell<bool>,
    estimate: OnceCell<bool>,
    /// Where the first word of an outcome is, if there is one.
    first_outcome: OnceCell<Option<usize>>,
}

/// The opening segments of a sentence that set its scene before the main clause.
#[derive(Clone, Copy)]
struct Scene {
    /// Where the main clause starts.
    end: usize,
    /// Whether the scene is a condition.
    conditional: bool,
    /// Whether the scene is a hypothesis, which the main clause follows from.
    hypothetical: bool,
}

impl<'a> Sentence<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Sentence {
            text,
            scene: OnceCell::new(),
            instruction: OnceCell::new(),
            estimate: OnceCell::new(),
            first_outcome: OnceCell::new(),
        }
    }

    /// Whether a figure at `at` is context whatever its shape: set in the scene, in an
    /// instruction, a goal, a hypothetical, an estimate, or inside a generic subject. A change in
    /// a prepositional scene ("After a 40% cut in staff, …") is still a claim; `change` says
    /// whether the figure is one.
    pub(super) fn is_context(&self, at: usize, change: bool) -> bool {
        let scene = self.scene.get_or_init(|| scene(self.text));
        if scene.hypothetical || (at < scene.end && (scene.conditional || !change)) {
            return true;
        }
        let clause = self.clause_before(at);
        *self.instruction.get_or_init(|| is_instruction(self.text))
            || has_word(clause, MODALS)
            || states_a_goal(clause)
            || self.in_generic_subject(at)
            || *self
                .estimate
                .get_or_init(|| is_estimate(self.text.as_bytes()))
    }

    /// Whether a figure at `at` is inside an indefinite noun phrase opening the sentence. Most
    /// sentences open otherwise: the pattern runs only after "A", "An" or "Any".
    fn in_generic_subject(&self, at: usize) -> bool {
        let first = words(self.text).next().unwrap_or("");
        is_one_of(first, &["a", "an", "any"]) && GENERIC_SUBJECT.is_match(&self.text[..at])
    }

    /// Whether the sentence speaks of an outcome (a change, a result, availability) before `at`:
    /// "availability reached 99.9%", "As a result, we hit 99.9%"; not "Dropout of 50% reduces
    /// overfitting", where the figure is part of what acted.
    pub(super) fn outcome_before(&self, at: usize) -> bool {
        self.first_outcome
            .get_or_init(|| OUTCOME.find(self.text).map(|m| m.start()))
            .is_some_and(|start| start < at)
    }

    /// The clause a figure at `at` stands in, up to it: back to the last clause punctuation, at
    /// most [`CLAUSE_WINDOW`] bytes.
    pub(super) fn clause_before(&self, at: usize) -> &'a str {
        let text = self.text;
        let mut from = at.saturating_sub(CLAUSE_WINDOW);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let window = &text[from..at];
        // Clause marks are ASCII bytes, or the em dash: compared as bytes, and each ends on a
        // character boundary.
        let bytes = window.as_bytes();
        let start = (0..bytes.len())
            .rev()
            .find_map(|i| match bytes[i] {
                b',' | b';' | b':' | b'(' | b')' => Some(i + 1),
                _ if bytes[..=i].ends_with("—".as_bytes()) => Some(i + 1),
                _ => None,
            })
            .unwrap_or(0);
        &window[start..]
    }
}

/// The words of `text`: runs of ASCII letters and digits.
pub(super) fn words(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether `text` has one of `list` (lower case) as a word, in any case.
pub(super) fn has_word(text: &str, list: &[&str]) -> bool {
    words(text).any(|w| is_one_of(w, list))
}

pub(super) fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|l| word.eq_ignore_ascii_case(l))
}

fn is_estimate(text: &[u8]) -> bool {
    ESTIMATE_HINT.is_match(text) && ESTIMATE.is_match(text)
}

/// Whether a clause states a goal: an infinitive after a word that governs one ("designed to",
/// "had to", "in order to", "the goal was to"), "tasked with", or "the aim of".
fn states_a_goal(clause: &str) -> bool {
    let mut before = ["", ""];
    for word in words(clause) {
        let goal = if word.eq_ignore_ascii_case("to") {
            is_one_of(before[1], GOAL_GOVERNORS)
                || (is_one_of(before[1], &["is", "was"]) && is_one_of(before[0], GOAL_NOUNS))
        } else if word.eq_ignore_ascii_case("with") {
            before[1].eq_ignore_ascii_case("tasked")
        } else if word.eq_ignore_ascii_case("of") {
            is_one_of(before[1], &["goal", "aim", "objective"])
        } else {
            false
        };
        if goal {
            return true;
        }
        before = [before[1], word];
    }
    false
}

/// The scene a sentence sets before its main clause: the opening segments (each up to a comma
/// outside brackets) that start with a condition or a preposition. A prepositional segment with a
/// subject pronoun is a clause ("In 2023 we cut costs by 30%, …"), which ends the scene.
fn scene(text: &str) -> Scene {
    let mut scene = Scene {
        end: 0,
        conditional: false,
        hypothetical: false,
    };
    loop {
        let first = words(&text[scene.end..]).next().unwrap_or("");
        let hypothesis = is_one_of(first, HYPOTHESES);
        let condition = hypothesis || is_one_of(first, TIME_CONDITIONS);
        if !condition && !is_one_of(first, SCENE_PREPOSITIONS) {
            return scene;
        }
        let Some(comma) = segment_end(text, scene.end) else {
            return scene;
        };
        if !condition && has_word(&text[scene.end..comma], SUBJECT_PRONOUNS) {
            return scene;
        }
        scene.conditional |= condition;
        scene.hypothetical |= hypothesis;
        scene.end = comma + 1;
    }
}

/// The next comma outside brackets from `start`.
fn segment_end(text: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.as_bytes()[start..].iter().enumerate() {
        match b {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => return Some(start + i),
            _ => {}
        }
    }
    None
}

/// Whether a sentence opens with a verb in its base form: "Increase the heap by 50%", where
/// "Increase in traffic …" opens with a noun.
fn is_instruction(text: &str) -> bool {
    let mut opening = words(text);
    let verb = opening.next().unwrap_or("");
    let next = opening.next().unwrap_or("");
    is_one_of(verb, INSTRUCTION_VERBS) && !is_one_of(next, &["in", "of", "is", "was"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scene_ends_where_the_main_clause_starts() {
        let text = "For example, in a shop with 95% of small orders, a constant guess would do.";
        let found = scene(text);
        assert_eq!(&text[found.end..], " a constant guess would do.");
        assert!(!found.conditional);
        assert!(scene("If traffic grows by 50%, we add nodes.").hypothetical);
        let time = scene("When we launched, sign-ups rose 40%.");
        assert!(time.conditional && !time.hypothetical);
        assert_eq!(scene("In 2023 we cut costs by 30%, then hired.").end, 0);
        assert_eq!(scene("In handlers (e.g., a gateway) that run hot").end, 0);
    }

    #[test]
    fn clauses_stop_at_punctuation() {
        let sentence = Sentence::new("It was designed to scale, and it served 9k requests.");
        let at = sentence.text.find("9k").unwrap_or(0);
        assert_eq!(sentence.clause_before(at), " and it served ");
    }

    #[test]
    fn goals_are_infinitives_after_a_governor() {
        assert!(states_a_goal("It was designed to handle "));
        assert!(states_a_goal("Our goal was to cut costs by "));
        assert!(states_a_goal("I was tasked with cutting costs by "));
        assert!(!states_a_goal("We moved to Redis and cut costs by "));
        assert!(!states_a_goal("The target of "));
    }

    #[test]
    fn instructions_open_with_a_base_form() {
        assert!(is_instruction("Increase the heap by 50% if needed."));
        assert!(!is_instruction("Increase in traffic of 30% is normal."));
        assert!(!is_instruction("Increased conversion by 15%."));
    }
}
