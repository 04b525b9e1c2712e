//! `term-spelling`: product and technology names in their canonical spelling (Elasticsearch,
//! PostgreSQL, Kubernetes, gRPC, …). The built-in list lives in `src/lint/rules/words.toml`;
//! `[rules.term-spelling] words` replaces it and `extend-words` adds to it.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::lint::rules::{builtin_terms, term_key};
use crate::lint::{Finding, Level, Prose, Rule, RuleDoc, RuleOptions};
use crate::model::Card;

pub struct TermSpelling {
    /// The configured names; `None`: the built-in list.
    pub custom: Option<TermList>,
}

/// Known names: written form (see [`term_key`]) → canonical spelling, and one case-insensitive
/// pattern for all of them, each letter optionally separated by a space, a dot or a hyphen, so
/// "ElasticSearch", "elastic search" and "Node.JS" are found in one pass over the text.
pub struct TermList {
    names: BTreeMap<String, String>,
    regex: Regex,
}

impl TermList {
    pub fn new(terms: &[String], aliases: &BTreeMap<String, String>) -> Result<Self, String> {
        let mut names = BTreeMap::new();
        for term in terms {
            names.insert(term_key(term), term.clone());
        }
        for (alias, canonical) in aliases {
            names.insert(term_key(alias), canonical.clone());
        }
        let mut keys: Vec<&String> = names.keys().filter(|k| !k.is_empty()).collect();
        if keys.is_empty() {
            return Err("no names".to_owned());
        }
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
        let regex = Regex::new(&pattern).map_err(|err| err.to_string())?;
        Ok(TermList { names, regex })
    }

    /// The canonical spelling, when `written` names a known term but is spelled differently.
    fn correction(&self, written: &str) -> Option<&str> {
        let canonical = self.names.get(&term_key(written))?;
        (written != canonical).then_some(canonical.as_str())
    }
}

static BUILTIN: LazyLock<Option<TermList>> = LazyLock::new(|| {
    let (terms, aliases) = builtin_terms();
    TermList::new(&terms, &aliases).ok()
});

impl TermSpelling {
    fn list(&self) -> Option<&TermList> {
        self.custom.as_ref().or(BUILTIN.as_ref())
    }
}

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
            cases: &[],
        }
    }

    fn configure(&self, options: &RuleOptions) -> Result<Box<dyn Rule>, String> {
        options.only(self.id(), &["words", "extend-words"])?;
        let (builtin, aliases) = builtin_terms();
        let mut terms = options.words.clone().unwrap_or(builtin);
        terms.extend(options.extend_words.iter().cloned());
        let list = TermList::new(&terms, &aliases)
            .map_err(|err| format!("`term-spelling` words: {err}"))?;
        Ok(Box::new(TermSpelling { custom: Some(list) }))
    }

    fn trigger(&self) -> Option<String> {
        // The pattern carries its flags inline.
        self.list().map(|list| list.regex.as_str().to_owned())
    }

    fn check(&self, _card: &Card, prose: &Prose, out: &mut Vec<Finding>) {
        let Some(list) = self.list() else {
            return;
        };
        for (field, text, ranges) in &prose.fields {
            for range in ranges {
                for m in list.regex.find_iter(&text[range.clone()]) {
                    // A match inside a longer word ("my-redis-host", "redis.conf") is not the name.
                    let mut after = text[range.start + m.end()..].chars();
                    let continues = match (after.next(), after.next()) {
                        (Some('-'), _) => true,
                        (Some('.'), Some(next)) => next.is_alphanumeric(),
                        _ => false,
                    };
                    if continues {
                        continue;
                    }
                    if let Some(canonical) = list.correction(m.as_str()) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::flagged;

    const BUILT_IN: TermSpelling = TermSpelling { custom: None };

    #[test]
    fn flags_misspelled_names() {
        assert_eq!(
            flagged(&BUILT_IN, "Logs go to ElasticSearch on kubernetes."),
            ["ElasticSearch", "kubernetes"]
        );
        assert_eq!(
            flagged(&BUILT_IN, "It is the default in Postgres SQL."),
            ["Postgres SQL"]
        );
        assert_eq!(
            flagged(&BUILT_IN, "We call it over GRPC from NodeJS."),
            ["GRPC", "NodeJS"]
        );
    }

    #[test]
    fn spares_canonical_spellings_and_other_words() {
        assert!(
            flagged(
                &BUILT_IN,
                "Elasticsearch, PostgreSQL 16, Kubernetes, gRPC and Node.js."
            )
            .is_empty()
        );
        assert!(
            flagged(
                &BUILT_IN,
                "OAuth2 tokens, a postgres role, `kubernetes` in code."
            )
            .is_empty()
        );
    }

    #[test]
    fn extend_words_adds_names_and_words_replaces_the_list() {
        let extended = BUILT_IN
            .configure(&RuleOptions {
                extend_words: vec!["ClickHouse".into()],
                ..RuleOptions::default()
            })
            .unwrap();
        assert_eq!(
            flagged(extended.as_ref(), "We moved to Clickhouse on kubernetes."),
            ["Clickhouse", "kubernetes"]
        );
        let replaced = BUILT_IN
            .configure(&RuleOptions {
                words: Some(vec!["ClickHouse".into()]),
                ..RuleOptions::default()
            })
            .unwrap();
        assert_eq!(
            flagged(replaced.as_ref(), "We moved to Clickhouse on kubernetes."),
            ["Clickhouse"]
        );
        assert!(
            BUILT_IN
                .configure(&RuleOptions {
                    max_items: Some(3),
                    ..RuleOptions::default()
                })
                .is_err()
        );
    }
}
