//! `question-form`: a prompt that is neither a question nor an instruction, such as a bare topic.

use std::sync::LazyLock;

use crate::lint::{Field, Finding, Level, Prose, Rule, RuleDoc};
use crate::model::Card;
use crate::source::cues::{QuestionCues, ends_with_question_mark};

pub struct QuestionForm;

static CUES: LazyLock<QuestionCues> = LazyLock::new(QuestionCues::default);

impl Rule for QuestionForm {
    fn id(&self) -> &'static str {
        "question-form"
    }

    fn default_level(&self) -> Level {
        Level::Info
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags prompts that neither end in a question mark nor open with a question word (\"What\", \"How\", \"Is\") or a prompt verb (\"Explain\", \"Describe\", \"Compare\").",
            why: "A bare topic does not say what to recall: you review it by rereading the answer instead of retrieving it, and an interviewer never asks in that form. A question or an instruction states what a good answer covers.",
            bad: "## Kubernetes operators",
            good: "## What problem does a Kubernetes operator solve?",
            cases: &[],
        }
    }

    fn check(&self, card: &Card, _prose: &Prose, out: &mut Vec<Finding>) {
        let question = card.question.as_str();
        if question.trim().is_empty() || is_prompt(question) {
            return;
        }
        out.push(Finding {
            field: Field::Question,
            span: 0..question.len(),
            message: "the prompt is neither a question nor an instruction".to_owned(),
            help: "rephrase it as a question (\"What is …?\") or an instruction (\"Explain …\")"
                .to_owned(),
        });
    }
}

/// True for a question or an instruction, also after a short label ("Behavioral: Tell me about …").
fn is_prompt(text: &str) -> bool {
    opens_prompt(text)
        || text.split_once(':').is_some_and(|(label, rest)| {
            label.split_whitespace().count() <= 3 && opens_prompt(rest)
        })
}

/// True for text ending in a question mark or opening with a question word or a prompt verb. A first
/// word joined by a hyphen is part of a compound noun ("Write-ahead logging", "How-to guides").
fn opens_prompt(text: &str) -> bool {
    if ends_with_question_mark(text) {
        return true;
    }
    let rest = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let word_end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .unwrap_or(rest.len());
    !rest[word_end..].starts_with('-') && CUES.is_question_like(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::card;

    fn flagged(question: &str) -> Vec<String> {
        let card = card(question, "An answer.");
        let mut out = Vec::new();
        QuestionForm.check(&card, &Prose::of(&card), &mut out);
        out.into_iter()
            .map(|f| question[f.span].to_owned())
            .collect()
    }

    #[test]
    fn flags_bare_topics() {
        assert_eq!(flagged("Kubernetes operators"), ["Kubernetes operators"]);
        assert_eq!(flagged("CAP theorem basics"), ["CAP theorem basics"]);
        assert_eq!(flagged("Write-ahead logging"), ["Write-ahead logging"]);
        assert_eq!(flagged("\"Two-phase commit.\""), ["\"Two-phase commit.\""]);
        assert_eq!(flagged("Your biggest weakness"), ["Your biggest weakness"]);
        assert_eq!(
            flagged("Kafka: consumer groups"),
            ["Kafka: consumer groups"]
        );
    }

    #[test]
    fn spares_questions_and_instructions() {
        assert!(flagged("Kubernetes operators?").is_empty());
        assert!(flagged("What is a Kubernetes operator").is_empty());
        assert!(flagged("“Why did you leave your last job”").is_empty());
        assert!(flagged("Explain the CAP theorem.").is_empty());
        assert!(flagged("Walk me through a deploy").is_empty());
        assert!(flagged("Summarize your last project.").is_empty());
        assert!(flagged("Does `fork()` copy memory").is_empty());
        assert!(flagged("Behavioral: Tell me about a conflict.").is_empty());
        assert!(flagged("").is_empty());
    }
}
