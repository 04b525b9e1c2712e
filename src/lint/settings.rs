//! What `lints.toml` says about linting, compiled for a run: rule levels, user rules
//! (`[existence.<id>]`, `[substitution]`), per-path overrides and suppressions.
//!
//! Owns validation against the rule registry (an unknown rule id is an error pointing into
//! `lints.toml`, with the nearest valid id) and the bookkeeping that reports unused suppressions.

use std::collections::BTreeMap;
use std::ops::Range;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::config::{Config, ConfigError, Loaded};
use crate::lint::options;
use crate::lint::pattern_list::PatternList;
use crate::lint::rules::refuse_match_everything;
use crate::lint::{Finding, Levels, Prose, Rule, RuleDoc, default_levels, registry};
use crate::model::{Card, Severity};

/// The lint settings of `loaded`: every rule's level, options and overrides, the user rules and
/// the suppressions. A mistake is an error pointing into `lints.toml`.
pub fn resolve(loaded: &Loaded) -> Result<LintSettings, Box<ConfigError>> {
    let levels = rule_levels(loaded)?;
    compile(&loaded.config, levels).map_err(|err| loaded.invalid(err.message, err.help, err.span))
}

/// The level of every rule: defaults, then `[rules.<id>] level`. An id that is not a rule is an
/// error pointing at it in `lints.toml`, with the nearest valid id.
fn rule_levels(loaded: &Loaded) -> Result<Levels, Box<ConfigError>> {
    let mut levels = default_levels();
    for (id, settings) in &loaded.config.rules {
        let Some(rule) = registry::find(id.get_ref()) else {
            return Err(loaded.invalid(
                format!("unknown rule `{}`", id.get_ref()),
                nearest_rule(id.get_ref()),
                Some(id.span()),
            ));
        };
        if let Some(level) = settings.level {
            levels.insert(rule.id(), level.0);
        }
    }
    Ok(levels)
}

/// A rule whose patterns come from `lints.toml`: `[existence.<id>]` or `[substitution]`.
pub struct UserRule {
    id: &'static str,
    level: Severity,
    patterns: PatternList,
    /// For substitutions: lower-cased phrase → preferred phrase. Empty for existence rules.
    preferred: BTreeMap<String, String>,
    message: String,
    help: Option<String>,
}

impl Rule for UserRule {
    fn id(&self) -> &'static str {
        self.id
    }

    fn default_level(&self) -> Severity {
        self.level
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "A rule defined in lints.toml.",
            why: "Defined by the project's configuration.",
            bad: "-",
            good: "-",
            cases: &[],
        }
    }

    fn trigger(&self) -> Option<String> {
        self.patterns.trigger().map(str::to_owned)
    }

    fn check(&self, _card: &Card, prose: &Prose, out: &mut Vec<Finding>) {
        for (field, text, range) in prose.claims() {
            let claim = &text[range.clone()];
            for m in self.patterns.find_iter(claim) {
                let found = &claim[m.clone()];
                let (message, help) = match self.preferred.get(&found.to_lowercase()) {
                    Some(better) => (
                        format!("prefer `{better}` to `{found}`"),
                        format!("write `{better}`"),
                    ),
                    None => (
                        self.message.replace("{phrase}", found),
                        self.help
                            .clone()
                            .unwrap_or_else(|| "rephrase it".to_owned()),
                    ),
                };
                out.push(Finding {
                    field,
                    span: range.start + m.start..range.start + m.end,
                    message,
                    help,
                });
            }
        }
    }
}

/// A suppression from `[[suppress]]`, with where it is written so an unused one can be reported.
#[derive(Debug, Clone)]
pub struct CardSuppression {
    pub card: String,
    /// Empty: every rule.
    pub rules: Vec<String>,
    pub span: Range<usize>,
}

/// Everything the engine needs besides the cards.
pub struct LintSettings {
    pub levels: Levels,
    /// Built-in rules configured by `[rules.<id>]` options, used in place of the defaults.
    pub configured: BTreeMap<&'static str, Box<dyn Rule>>,
    pub user_rules: Vec<UserRule>,
    pub overrides: Vec<(GlobSet, BTreeMap<String, Option<Severity>>)>,
    pub suppressions: Vec<CardSuppression>,
}

impl LintSettings {
    /// Whether rule `id` is on anywhere: by its level, or for some files by an override.
    pub fn enables(&self, id: &str) -> bool {
        self.levels.get(id).copied().flatten().is_some()
            || self
                .overrides
                .iter()
                .any(|(_, rules)| rules.get(id).is_some_and(Option::is_some))
    }

    /// Default levels, nothing else.
    pub fn defaults() -> Self {
        LintSettings::from_levels(default_levels())
    }

    pub fn from_levels(levels: Levels) -> Self {
        LintSettings {
            levels,
            configured: BTreeMap::new(),
            user_rules: Vec::new(),
            overrides: Vec::new(),
            suppressions: Vec::new(),
        }
    }

    /// The level of `rule` for `file`, after overrides (`None`: off).
    pub fn level_for(&self, rule: &str, default: Option<Severity>, file: &str) -> Option<Severity> {
        self.overrides
            .iter()
            .rev()
            .find(|(globs, rules)| rules.contains_key(rule) && globs.is_match(file))
            .map_or(default, |(_, rules)| rules[rule])
    }
}

/// A problem in the lint sections of `lints.toml`: a message, a help, and the span to point at.
struct SettingsError {
    pub message: String,
    pub help: String,
    pub span: Option<Range<usize>>,
}

/// The nearest registered rule id, for "did you mean".
pub fn nearest_rule(id: &str) -> String {
    match options::nearest(id, registry::RULES.iter().map(|r| r.id())) {
        Some(name) => format!("did you mean `{name}`? `prep rules` lists them"),
        None => "`prep rules` lists the rules".to_owned(),
    }
}

fn known_rule(id: &str, user: &BTreeMap<String, crate::config::ExistenceRule>) -> bool {
    registry::find(id).is_some() || user.contains_key(id) || id == "substitution"
}

/// Compiles the lint sections of a configuration. `levels` are the registry rules' levels already
/// resolved from `[rules.<id>]`.
fn compile(config: &Config, levels: Levels) -> Result<LintSettings, SettingsError> {
    let mut settings = LintSettings::from_levels(levels);
    for (id, rule_settings) in &config.rules {
        if rule_settings.options.is_empty() {
            continue;
        }
        let Some(rule) = registry::find(id.get_ref()) else {
            return Err(SettingsError {
                message: format!("unknown rule `{}`", id.get_ref()),
                help: nearest_rule(id.get_ref()),
                span: Some(id.span()),
            });
        };
        let options = options::check(rule.id(), rule.options(), &rule_settings.options).map_err(
            |(err, span)| SettingsError {
                message: err.to_string(),
                help: err.help(),
                span: Some(span),
            },
        )?;
        let configured = rule.configure(&options).map_err(|err| {
            // At the option to blame, else at the rule.
            let span = err
                .option
                .and_then(|name| rule_settings.options.keys().find(|k| k.get_ref() == name))
                .map_or_else(|| id.span(), toml::Spanned::span);
            SettingsError {
                message: err.message,
                help: err.help,
                span: Some(span),
            }
        })?;
        settings.configured.insert(rule.id(), configured);
    }
    for (id, rule) in &config.existence {
        if registry::find(id).is_some() || id == "substitution" {
            return Err(SettingsError {
                message: format!(
                    "`{id}` is a built-in rule id; give the existence rule another name"
                ),
                help: "user rules need ids of their own".to_owned(),
                span: None,
            });
        }
        refuse_match_everything(&format!("[existence.{id}] patterns"), &rule.patterns).map_err(
            |message| SettingsError {
                message,
                help: "remove it, or write the phrase it should find".to_owned(),
                span: None,
            },
        )?;
        let patterns = alternation(&rule.patterns).map_err(|message| SettingsError {
            message: format!("[existence.{id}]: {message}"),
            help: "patterns are case-insensitive regular expressions".to_owned(),
            span: None,
        })?;
        // Checked even when off: a broken rule is reported before it is switched on.
        let Some(level) = rule.level.map_or(Some(Severity::Warning), |level| level.0) else {
            continue;
        };
        settings.user_rules.push(UserRule {
            id: leak(id),
            level,
            patterns,
            preferred: BTreeMap::new(),
            message: rule.message.clone(),
            help: rule.help.clone(),
        });
    }
    if !config.substitution.is_empty() {
        let phrases: Vec<String> = config
            .substitution
            .keys()
            .map(|p| regex::escape(p))
            .collect();
        if config.substitution.contains_key("") {
            return Err(SettingsError {
                message: "[substitution]: an empty phrase would match everywhere".to_owned(),
                help: "remove the `\"\" = …` entry".to_owned(),
                span: None,
            });
        }
        let patterns = alternation(&phrases).map_err(|message| SettingsError {
            message: format!("[substitution]: {message}"),
            help: "substitutions are plain phrases".to_owned(),
            span: None,
        })?;
        settings.user_rules.push(UserRule {
            id: "substitution",
            level: Severity::Info,
            patterns,
            preferred: config
                .substitution
                .iter()
                .map(|(k, v)| (k.to_lowercase(), v.clone()))
                .collect(),
            message: String::new(),
            help: None,
        });
    }
    for o in &config.overrides {
        let mut builder = GlobSetBuilder::new();
        for path in &o.paths {
            let glob = Glob::new(path).map_err(|err| SettingsError {
                message: format!("[[overrides]]: bad path glob `{path}`: {err}"),
                help: "globs look like `drafts/**` or `**/*.md`".to_owned(),
                span: None,
            })?;
            builder.add(glob);
        }
        let globs = builder.build().map_err(|err| SettingsError {
            message: format!("[[overrides]]: {err}"),
            help: String::new(),
            span: None,
        })?;
        for id in o.rules.keys() {
            if !known_rule(id, &config.existence) {
                return Err(SettingsError {
                    message: format!("[[overrides]]: unknown rule `{id}`"),
                    help: nearest_rule(id),
                    span: None,
                });
            }
        }
        let rules = o
            .rules
            .iter()
            .map(|(id, level)| (id.clone(), level.0))
            .collect();
        settings.overrides.push((globs, rules));
    }
    for s in &config.suppress {
        let span = s.card.span();
        for id in &s.rules {
            if !known_rule(id, &config.existence) {
                return Err(SettingsError {
                    message: format!("[[suppress]]: unknown rule `{id}`"),
                    help: nearest_rule(id),
                    span: Some(span),
                });
            }
        }
        settings.suppressions.push(CardSuppression {
            card: s.card.get_ref().clone(),
            rules: s.rules.clone(),
            span,
        });
    }
    Ok(settings)
}

/// A user rule's patterns, matched case-insensitively between ASCII word edges.
fn alternation(patterns: &[String]) -> Result<PatternList, String> {
    PatternList::new(patterns, true)
}

/// User rule ids live for the whole run, as built-in ids do; a handful of short strings per run.
fn leak(id: &str) -> &'static str {
    Box::leak(id.to_owned().into_boxed_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error `text` gives, as the message, the help and the text it points at.
    fn mistake(text: &str) -> (String, String, String) {
        let loaded = Loaded {
            config: crate::config::parse("lints.toml", text).unwrap(),
            path: None,
            text: text.to_owned(),
        };
        let Err(err) = resolve(&loaded) else {
            panic!("{text}: no error");
        };
        let ConfigError::Invalid {
            message,
            help,
            span,
            ..
        } = *err
        else {
            panic!("{text}: not an invalid-config error");
        };
        let at = span.map_or(String::new(), |s| {
            text[s.offset()..s.offset() + s.len()].to_owned()
        });
        (message, help, at)
    }

    #[test]
    fn a_mistake_in_a_rule_s_options_points_at_it() {
        // lints.toml, then the message, the help and the text pointed at.
        let cases = [
            (
                "[rules.long-answer]\nmax-items = 3\n",
                "`long-answer` has no option `max-items` (it takes: max-words)",
                "`prep explain long-answer` says what the rule takes",
                "max-items",
            ),
            (
                "[rules.missing-answer]\nlevel = 'error'\nmax-words = 5\n",
                "`missing-answer` takes no options; max-words given",
                "`prep explain missing-answer` says what the rule takes",
                "max-words",
            ),
            (
                "[rules.enumeration]\nmax-item = 3\n",
                "`enumeration` has no option `max-item` (it takes: max-items)",
                "did you mean `max-items`?",
                "max-item",
            ),
            // `max-words` is an option, but not one `enumeration` takes.
            (
                "[rules.enumeration]\nmax-word = 3\n",
                "`enumeration` has no option `max-word` (it takes: max-items)",
                "`prep explain enumeration` says what the rule takes",
                "max-word",
            ),
            (
                "[rules.long-answer]\nmax-words = \"many\"\n",
                "invalid type: string \"many\", expected usize",
                "`max-words` takes a whole number, such as 10",
                "\"many\"",
            ),
            (
                "[rules.term-spelling]\nextend-words = 'ClickHouse'\n",
                "invalid type: string \"ClickHouse\", expected a sequence",
                "`extend-words` takes a list of strings, such as [\"word\"]",
                "'ClickHouse'",
            ),
            (
                "[rules.vague-claim]\nwords = ['synergy']\nextend-words = ['.*']\n",
                "[rules.vague-claim] extend-words: the pattern `.*` matches the empty string, so it would flag every answer",
                "remove it, or write the phrase it should find",
                "extend-words",
            ),
        ];
        for (text, message, help, at) in cases {
            assert_eq!(
                mistake(text),
                (message.to_owned(), help.to_owned(), at.to_owned()),
                "{text}"
            );
        }
    }
}
