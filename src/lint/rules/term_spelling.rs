//! `term-spelling`: product and technology names in their canonical spelling (Elasticsearch,
//! PostgreSQL, Kubernetes, gRPC, …). The list lives in `src/lint/rules/words.toml`.

use std::sync::LazyLock;

use regex::Regex;

use crate::lint::rules::{TERMS, term_key};
use crate::lint::{Finding, Level, Prose, Rule, RuleDoc};
use crate::model::Card;

pub struct TermSpelling;

/// Every known term (canonical names and aliases) as one case-insensitive pattern, each letter
/// optionally separated by a space, a dot or a hyphen, so "ElasticSearch", "elastic search" and
/// "Node.JS" are found in one pass over the text.
static TERM: LazyLock<Regex> = LazyLock::new(|| {
    let mut keys: Vec<&String> = TERMS.keys().collect();
    // Longer keys first, so "postgressql" wins over a shorter overlapping key.
    keys.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let alternatives: Vec<String> = keys
        .iter()
        .map(|key| {
            key.chars()
                .map(|c| regex::escape(&c.to_string()))
                .collect::<Vec<_>>()
                .join("[ .-]?")
        })
        .collect();
    let pattern = format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alternatives.join("|"));
    #[expect(
        clippy::expect_used,
        reason = "built from the embedded term list, checked by the tests"
    )]
    Regex::new(&pattern).expect("term pattern compiles")
});

impl Rule for TermSpelling {
    fn id(&self) -> &'static str {
        "term-spelling"
    }

    fn default_level(&self) -> Level {
        Level::Warn
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags product and technology names not spelled the way their makers spell them: ElasticSearch, Postgres SQL, kubernetes, GRPC.",
            why: "Names spelled right read as experience; names spelled wrong read as second-hand knowledge, and they make your notes harder to search.",
            bad: "We stored logs in ElasticSearch and ran everything on kubernetes.",
            good: "We stored logs in Elasticsearch and ran everything on Kubernetes.",
        }
    }

    fn check(&self, _card: &Card, prose: &Prose, out: &mut Vec<Finding>) {
        for (field, text, ranges) in &prose.fields {
            for range in ranges {
                for m in TERM.find_iter(&text[range.clone()]) {
                    // A match inside a longer word ("xGRPCy", "my-redis-host") is not the name.
                    let mut after = text[range.start + m.end()..].chars();
                    let continues = match (after.next(), after.next()) {
                        (Some('-'), _) => true,
                        (Some('.'), Some(next)) => next.is_alphanumeric(),
                        _ => false,
                    };
                    if continues {
                        continue;
                    }
                    if let Some(canonical) = flag(m.as_str()) {
                        out.push(Finding {
                            field: *field,
                            span: range.start + m.start()..range.start + m.end(),
                            message: format!("`{}` is spelled `{canonical}`", m.as_str()),
                            help: format!("write `{canonical}`"),
                        });
                    }
                }
            }
        }
    }
}

/// The canonical spelling when `written` names a known term but is spelled differently.
fn flag(written: &str) -> Option<&'static str> {
    let canonical = TERMS.get(&term_key(written))?;
    (written != canonical).then_some(canonical.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::flagged;

    #[test]
    fn flags_misspelled_names() {
        assert_eq!(
            flagged(&TermSpelling, "Logs go to ElasticSearch on kubernetes."),
            ["ElasticSearch", "kubernetes"]
        );
        assert_eq!(
            flagged(&TermSpelling, "It is the default in Postgres SQL."),
            ["Postgres SQL"]
        );
        assert_eq!(
            flagged(&TermSpelling, "We call it over GRPC from NodeJS."),
            ["GRPC", "NodeJS"]
        );
    }

    #[test]
    fn spares_canonical_spellings_and_other_words() {
        assert!(
            flagged(
                &TermSpelling,
                "Elasticsearch, PostgreSQL 16, Kubernetes, gRPC and Node.js."
            )
            .is_empty()
        );
        assert!(
            flagged(
                &TermSpelling,
                "OAuth2 tokens, a postgres role, `kubernetes` in code."
            )
            .is_empty()
        );
    }
}
