//! The commented `lints.toml` that `prep init` writes: every section, every rule with its default
//! level and options, so a user edits a complete file instead of looking up keys. A rule's option
//! lines come from the options it declares (see `crate::lint::options`).

use std::fmt::Write as _;

use crate::lint::options::template_lines;
use crate::lint::registry::RULES;

/// The full commented configuration, with every default spelled out.
pub fn template() -> String {
    let mut out = String::from(HEADER);
    for rule in RULES {
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "\n# {}\n[rules.{}]\nlevel = \"{}\"",
            rule.doc().summary,
            rule.id(),
            rule.default_level().as_str()
        );
        for line in template_lines(rule.options()) {
            let _ = writeln!(out, "{line}");
        }
    }
    out.push_str(FOOTER);
    out
}

const HEADER: &str = r#"# prep configuration, written by `prep init`. Every key is optional; the values shown are the
# defaults. prep reads ./lints.toml, or the file given with --config FILE.

# How source documents are read (prep parse, and every command that parses).
[parse]
# Page furniture is recognised by case-insensitive regular expressions matched against one line.
# `boilerplate = [...]` replaces the built-in patterns (bylines, "5 min read", cookie and newsletter
# banners, share buttons, image alt text, job-board and resume calls to action, link lists, comment
# sections); `extend-boilerplate` adds to them. `prep parse --show-skipped` shows what was left out.
# `\b` matches at ASCII word edges.
extend-boilerplate = []
# Verbs that make a line a question without a question mark, besides the built-in ones
# (describe, explain, walk, tell, compare, design, ...).
extend-imperatives = []

# How repeated questions are found and merged (prep dedup).
[dedup]
# Similarity from 0 to 1 at which two questions merge. `prep dedup` lists the pairs just under it.
threshold = 0.65
# Which card of a cluster is kept: "most-complete" (longest answer and example together),
# "longest-answer", or "first" (by file path, then position). The others' answers are kept with it.
keep = "most-complete"
# Words that mean the same to you, besides the built-in ones (k8s = "kubernetes", optimise = "optimize").
synonyms = {}
# Interview framing removed from the start of questions, besides the built-in phrases
# ("can you explain", "walk me through", "what strategies do you use to", ...).
framing = []

# What `prep build` writes (and `prep export` by default).
[export]
# Root deck of the Anki package and title of the Markdown document. Each source file becomes a
# subdeck: its front-matter `deck`, else its title, else its file name ("Interview questions::Backend").
# Anki finds decks by name and never moves existing cards into a renamed deck.
deck = "Interview questions"
# Directory and file names.
dir = "out"
anki = "deck.apkg"
csv = "cards.csv"
markdown = "cards.md"
# "spreadsheet" (plain text, formulas neutralised) or "anki" (Anki's import header, HTML fields).
csv-flavor = "spreadsheet"

# The lint gate of `prep build`: it writes its files, then exits 1 if findings at this level or above
# remain. "error", "warning", "info" or "never". `prep build --allow-lint-errors` skips the gate once.
[build]
fail-on = "error"

# Lint rules (prep lint): level = "off" | "info" | "warning" | "error". `prep explain <rule>` says more.
"#;

const FOOTER: &str = r#"
# Silence one finding by card id (ids: `prep parse --format json`), or in Markdown with
# `<!-- prep-ignore <rule> -->` before the paragraph. Unused suppressions are reported.
# [[suppress]]
# card = "28cbb8181f5d849e"
# rules = ["unsupported-metric"]
# reason = "quoted from the vendor's case study"

# Levels for files matching path globs:
# [[overrides]]
# paths = ["drafts/**"]
# rules = { vague-claim = "off" }

# Rules of your own: [existence.<id>] patterns → message; [substitution] phrase → preferred phrase.
# [existence.buzzword]
# patterns = ["synerg(y|ies)"]
# message = "`{phrase}` is a buzzword"
# level = "warning"
#
# [substitution]
# utilize = "use"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_parses_and_lists_every_rule_at_its_default_level() {
        let config = crate::config::parse("lints.toml", &template()).unwrap();
        for rule in RULES {
            let settings = config
                .rules
                .iter()
                .find(|(id, _)| id.get_ref() == rule.id());
            assert!(settings.is_some(), "{} missing", rule.id());
        }
        assert_eq!(
            config.dedup.threshold.map(|t| *t.get_ref()),
            Some(crate::dedup::DEFAULT_THRESHOLD)
        );
        // The [export] and [build] values written are the defaults.
        let defaults = crate::config::ExportConfig::default();
        let export = &config.export;
        assert_eq!(
            export.deck.as_deref(),
            Some(crate::export::assemble::DEFAULT_DECK)
        );
        assert_eq!(
            (&export.dir, &export.anki, &export.csv, &export.markdown),
            (
                &defaults.dir,
                &defaults.anki,
                &defaults.csv,
                &defaults.markdown
            )
        );
        assert_eq!(export.csv_flavor, defaults.csv_flavor);
        assert_eq!(config.build.fail_on, crate::config::FailOn::default());
    }
}
