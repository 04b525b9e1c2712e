//! `prep explain RULE`: a rule's documentation: what it flags, why, a bad and a good example, and
//! borderline cases on either side of its line.

use std::io::Write;

use clap::Args;

use crate::cli::{Exit, Outcome, fatal};
use crate::lint::registry::{RULES, find};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, as `prep rules` lists it.
    pub rule: String,
}

pub fn execute(args: &ExplainArgs, stdout: &mut dyn Write) -> Outcome {
    let Some(rule) = find(&args.rule) else {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
        return fatal(miette::miette!(
            help = format!("the rules are: {}", ids.join(", ")),
            "unknown rule `{}`",
            args.rule
        ));
    };
    let doc = rule.doc();
    let mut text = format!(
        "{id} (default level: {level})\n\n{summary}\n\nWhy: {why}\n\nFlagged:\n  {bad}\n\nBetter:\n  {good}\n",
        id = rule.id(),
        level = rule.default_level().as_str(),
        summary = doc.summary,
        why = doc.why,
        bad = doc.bad.replace('\n', "\n  "),
        good = doc.good.replace('\n', "\n  "),
    );
    if !doc.cases.is_empty() {
        text.push_str("\nWhere the line is:\n");
        for case in doc.cases {
            let verdict = if case.flagged {
                "flagged"
            } else {
                "not flagged"
            };
            // Continuation lines of a multi-line case (a list) line up under its first line.
            let indent = format!("\n  {:11}  ", "");
            let shown = format!(
                "  {verdict:11}  {}{indent}({})",
                case.text.replace('\n', &indent),
                case.why
            );
            for line in shown.lines() {
                text.push_str(line.trim_end());
                text.push('\n');
            }
        }
    }
    match stdout.write_all(text.as_bytes()) {
        Ok(()) => Outcome {
            exit: Exit::Ok,
            reports: Vec::new(),
        },
        Err(err) => fatal(miette::miette!("cannot write output: {err}")),
    }
}
