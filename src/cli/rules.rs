//! `prep rules`: every lint rule with its default level and summary.

use std::io::Write;

use crate::cli::{Exit, Outcome};
use crate::lint::registry::RULES;

pub fn execute(stdout: &mut dyn Write) -> Outcome {
    let mut written = Ok(());
    for rule in RULES {
        written = written.and_then(|()| {
            writeln!(
                stdout,
                "{:<20} {:<8} {}",
                rule.id(),
                rule.default_level().as_str(),
                rule.doc().summary
            )
        });
    }
    Outcome {
        exit: if written.is_ok() {
            Exit::Ok
        } else {
            Exit::Usage
        },
        reports: Vec::new(),
    }
}
