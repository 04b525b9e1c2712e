//! `prep explain RULE`: a rule's documentation: what it flags, why, and a bad and a good example.

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
    let text = format!(
        "{id} (default level: {level})\n\n{summary}\n\nWhy: {why}\n\nFlagged:\n  {bad}\n\nBetter:\n  {good}\n",
        id = rule.id(),
        level = rule.default_level().as_str(),
        summary = doc.summary,
        why = doc.why,
        bad = doc.bad.replace('\n', "\n  "),
        good = doc.good.replace('\n', "\n  "),
    );
    match stdout.write_all(text.as_bytes()) {
        Ok(()) => Outcome {
            exit: Exit::Ok,
            reports: Vec::new(),
        },
        Err(err) => fatal(miette::miette!("cannot write output: {err}")),
    }
}
