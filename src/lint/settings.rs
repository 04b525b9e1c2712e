//! What `lints.toml` says about linting, compiled for a run: rule levels and options, user rules
//! (`[existence.<id>]`, `[substitution]`), per-path overrides and suppressions.
//!
//! Owns validation against the rule registry (an unknown rule id is an error pointing into
//! `lints.toml`, with the nearest valid id; a rule's options are checked against its declarations,
//! see [`crate::lint::options`]) and the bookkeeping that reports unused suppressions. Resolved
//! once per run, with the rest of the settings, by the command line's `Settings::resolve`.

use std::collections::BTreeMap;
use std::ops::Range;

use globset::{Glob, GlobSet, GlobSetBuilder};
use thiserror::Error;
use toml::Spanned;

use crate::config::{Config, ConfigError, ExistenceRule, Loaded, RuleSettings};
use crate::lint::options::{self, ConfigureError, OptionError, nearest};
use crate::lint::pattern_list::PatternList;
use crate::lint::rules::refuse_match_everything;
use crate::lint::user_rule::UserRule;
use crate::lint::{Levels, Rule, default_levels, registry};
use crate::model::Severity;

/// The lint settings of `loaded`: every rule's level, options and overrides, the user rules and
/// the suppressions. A mistake is an error pointing into `lints.toml`.
pub fn resolve(loaded: &Loaded) -> Result<LintSettings, Box<ConfigError>> {
    compile(&loaded.config).map_err(|err| loaded.invalid(err.to_string(), err.help(), err.span()))
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

/// A mistake in the lint sections of `lints.toml`, with its place there when known.
#[derive(Debug, Error)]
pub enum SettingsError {
    #[error("unknown rule `{id}`")]
    UnknownRule { id: String, span: Range<usize> },
    /// An option the rule does not take, or a value of another type.
    #[error("{source}")]
    Option {
        #[source]
        source: OptionError,
        span: Range<usize>,
    },
    /// Options the rule refused (a pattern that matches everything, a list that does not compile).
    #[error("{source}")]
    Configure {
        #[source]
        source: ConfigureError,
        span: Range<usize>,
    },
    #[error("`{id}` is a built-in rule id; give the existence rule another name")]
    BuiltInId { id: String },
    #[error("{message}")]
    MatchesEverything { message: String },
    #[error("[existence.{id}]: {message}")]
    BadPatterns { id: String, message: String },
    #[error("[substitution]: an empty phrase would match everywhere")]
    EmptySubstitution,
    #[error("[substitution]: {message}")]
    BadSubstitution { message: String },
    #[error("[[overrides]]: bad path glob `{glob}`: {source}")]
    BadGlob {
        glob: String,
        #[source]
        source: globset::Error,
    },
    #[error("[[overrides]]: {source}")]
    Globs {
        #[source]
        source: globset::Error,
    },
    /// A rule named in `[[overrides]]` or `[[suppress]]` that is neither built in nor the user's.
    #[error("{section}: unknown rule `{id}`")]
    UnknownRuleIn {
        section: &'static str,
        id: String,
        span: Option<Range<usize>>,
    },
}

impl SettingsError {
    /// What to do about it.
    pub fn help(&self) -> String {
        let help = match self {
            SettingsError::UnknownRule { id, .. } | SettingsError::UnknownRuleIn { id, .. } => {
                return nearest_rule(id);
            }
            SettingsError::Option { source, .. } => return source.help(),
            SettingsError::Configure { source, .. } => return source.help.clone(),
            SettingsError::BuiltInId { .. } => "user rules need ids of their own",
            SettingsError::MatchesEverything { .. } => {
                "remove it, or write the phrase it should find"
            }
            SettingsError::BadPatterns { .. } => {
                "patterns are case-insensitive regular expressions"
            }
            SettingsError::EmptySubstitution => "remove the `\"\" = …` entry",
            SettingsError::BadSubstitution { .. } => "substitutions are plain phrases",
            SettingsError::BadGlob { .. } => "globs look like `drafts/**` or `**/*.md`",
            SettingsError::Globs { .. } => "",
        };
        help.to_owned()
    }

    /// Where it is in `lints.toml`, when known.
    pub fn span(&self) -> Option<Range<usize>> {
        match self {
            SettingsError::UnknownRule { span, .. }
            | SettingsError::Option { span, .. }
            | SettingsError::Configure { span, .. } => Some(span.clone()),
            SettingsError::UnknownRuleIn { span, .. } => span.clone(),
            _ => None,
        }
    }
}

/// The nearest registered rule id, for "did you mean".
pub fn nearest_rule(id: &str) -> String {
    match nearest(id, registry::RULES.iter().map(|r| r.id())) {
        Some(name) => format!("did you mean `{name}`? `prep rules` lists them"),
        None => "`prep rules` lists the rules".to_owned(),
    }
}

fn known_rule(id: &str, user: &BTreeMap<String, ExistenceRule>) -> bool {
    registry::find(id).is_some() || user.contains_key(id) || id == "substitution"
}

/// Compiles the lint sections of a configuration.
fn compile(config: &Config) -> Result<LintSettings, SettingsError> {
    let mut settings = LintSettings::defaults();
    for (id, given) in &config.rules {
        configure_rule(&mut settings, id, given)?;
    }
    for (id, rule) in &config.existence {
        if let Some(rule) = existence_rule(id, rule)? {
            settings.user_rules.push(rule);
        }
    }
    if !config.substitution.is_empty() {
        settings
            .user_rules
            .push(substitution(&config.substitution)?);
    }
    for o in &config.overrides {
        settings
            .overrides
            .push(path_override(o, &config.existence)?);
    }
    for s in &config.suppress {
        let span = s.card.span();
        if let Some(id) = s.rules.iter().find(|id| !known_rule(id, &config.existence)) {
            return Err(SettingsError::UnknownRuleIn {
                section: "[[suppress]]",
                id: id.clone(),
                span: Some(span),
            });
        }
        settings.suppressions.push(CardSuppression {
            card: s.card.get_ref().clone(),
            rules: s.rules.clone(),
            span,
        });
    }
    Ok(settings)
}

/// `[rules.<id>]`: the rule's level, and the rule configured with its options when it has some.
fn configure_rule(
    settings: &mut LintSettings,
    id: &Spanned<String>,
    given: &RuleSettings,
) -> Result<(), SettingsError> {
    let Some(rule) = registry::find(id.get_ref()) else {
        return Err(SettingsError::UnknownRule {
            id: id.get_ref().clone(),
            span: id.span(),
        });
    };
    if let Some(level) = given.level {
        settings.levels.insert(rule.id(), level.0);
    }
    if given.options.is_empty() {
        return Ok(());
    }
    let options = options::check(rule.id(), rule.options(), &given.options)
        .map_err(|(source, span)| SettingsError::Option { source, span })?;
    let configured = rule.configure(&options).map_err(|source| {
        // At the option to blame, else at the rule.
        let span = source
            .option
            .and_then(|name| given.options.keys().find(|key| key.get_ref() == name))
            .map_or_else(|| id.span(), Spanned::span);
        SettingsError::Configure { source, span }
    })?;
    settings.configured.insert(rule.id(), configured);
    Ok(())
}

/// `[existence.<id>]`, compiled; `None` when its level is "off". Checked even when off: a broken
/// rule is reported before it is switched on.
fn existence_rule(id: &str, rule: &ExistenceRule) -> Result<Option<UserRule>, SettingsError> {
    if registry::find(id).is_some() || id == "substitution" {
        return Err(SettingsError::BuiltInId { id: id.to_owned() });
    }
    refuse_match_everything(&format!("[existence.{id}] patterns"), &rule.patterns)
        .map_err(|message| SettingsError::MatchesEverything { message })?;
    let patterns = alternation(&rule.patterns).map_err(|message| SettingsError::BadPatterns {
        id: id.to_owned(),
        message,
    })?;
    let Some(level) = rule.level.map_or(Some(Severity::Warning), |level| level.0) else {
        return Ok(None);
    };
    Ok(Some(UserRule::existence(
        leak(id),
        level,
        patterns,
        rule.message.clone(),
        rule.help.clone(),
    )))
}

/// `[substitution]`, compiled: its phrases as one list.
fn substitution(phrases: &BTreeMap<String, String>) -> Result<UserRule, SettingsError> {
    if phrases.contains_key("") {
        return Err(SettingsError::EmptySubstitution);
    }
    let escaped: Vec<String> = phrases.keys().map(|p| regex::escape(p)).collect();
    let patterns =
        alternation(&escaped).map_err(|message| SettingsError::BadSubstitution { message })?;
    let preferred = phrases
        .iter()
        .map(|(k, v)| (k.to_lowercase(), v.clone()))
        .collect();
    Ok(UserRule::substitution(patterns, preferred))
}

/// One `[[overrides]]` entry: its globs, and its levels by rule id.
fn path_override(
    entry: &crate::config::Override,
    user: &BTreeMap<String, ExistenceRule>,
) -> Result<(GlobSet, BTreeMap<String, Option<Severity>>), SettingsError> {
    let mut builder = GlobSetBuilder::new();
    for glob in &entry.paths {
        let parsed = Glob::new(glob).map_err(|source| SettingsError::BadGlob {
            glob: glob.clone(),
            source,
        })?;
        builder.add(parsed);
    }
    let globs = builder
        .build()
        .map_err(|source| SettingsError::Globs { source })?;
    if let Some(id) = entry.rules.keys().find(|id| !known_rule(id, user)) {
        return Err(SettingsError::UnknownRuleIn {
            section: "[[overrides]]",
            id: id.clone(),
            span: None,
        });
    }
    let rules = entry
        .rules
        .iter()
        .map(|(id, level)| (id.clone(), level.0))
        .collect();
    Ok((globs, rules))
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
    #[test]
    fn errors_keep_their_source() {
        let config = crate::config::parse(
            "lints.toml",
            "[[overrides]]\npaths = ['drafts/{a']\nrules = { vague-claim = 'off' }\n",
        )
        .unwrap();
        let Err(err) = compile(&config) else {
            panic!("a bad glob is an error");
        };
        assert!(matches!(err, SettingsError::BadGlob { .. }), "{err:?}");
        assert!(std::error::Error::source(&err).is_some());
        let config =
            crate::config::parse("lints.toml", "[rules.long-answer]\nmax-words = 'x'\n").unwrap();
        let Err(SettingsError::Option { source, .. }) = compile(&config) else {
            panic!("a value of another type is an option error");
        };
        assert!(std::error::Error::source(&source).is_some());
    }
}
