//! `lints.toml` → [`Config`].
//!
//! Owns reading the file and turning every mistake in it (bad TOML, an unknown key, a bad pattern) into a
//! diagnostic that points at the line in `lints.toml`. Sections are added here as the pipeline grows.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use miette::{Diagnostic, SourceSpan};
use serde::{Deserialize, Deserializer};
use thiserror::Error;
use toml::Spanned;

use crate::excerpt::Excerpt;
use crate::model::Severity;

/// The file `prep` reads when `--config` is not given, if it exists in the working directory.
pub const DEFAULT_CONFIG: &str = "lints.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    pub parse: ParseConfig,
    pub dedup: DedupConfig,
    pub export: ExportConfig,
    pub build: BuildConfig,
    /// `[rules.<id>]`: per-rule settings; ids are checked against the registry when linting.
    pub rules: BTreeMap<Spanned<String>, RuleSettings>,
    /// `[existence.<id>]`: user rules that flag phrases or patterns.
    pub existence: BTreeMap<String, ExistenceRule>,
    /// `[substitution]`: phrase → preferred phrase.
    pub substitution: BTreeMap<String, String>,
    /// `[[suppress]]`: findings silenced by card id.
    pub suppress: Vec<Suppression>,
    /// `[[overrides]]`: rule levels for files matching path globs.
    pub overrides: Vec<Override>,
}

/// `[existence.<id>]`: flag any of `patterns` (case-insensitive regular expressions) with a message.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExistenceRule {
    pub patterns: Vec<String>,
    pub message: String,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub level: Option<RuleLevel>,
}

/// `[[suppress]]`: silence `rules` (all rules when empty) on one card.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Suppression {
    pub card: Spanned<String>,
    #[serde(default)]
    pub rules: Vec<String>,
    /// Why, for whoever reads `lints.toml`: accepted, and never read by `prep`.
    #[serde(default, rename = "reason")]
    _reason: Option<String>,
}

/// `[[overrides]]`: for files matching any of `paths`, these rule levels.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    pub paths: Vec<String>,
    pub rules: BTreeMap<String, RuleLevel>,
}

/// `[rules.<id>]`: a rule's level and options. Which options a rule takes, and of which types, is
/// the rule's to declare, so they are kept as written, with their places in the file, and checked
/// when the lint settings are resolved.
#[derive(Debug, Default)]
pub struct RuleSettings {
    pub level: Option<RuleLevel>,
    /// Every key but `level`, with its value.
    pub options: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

impl<'de> Deserialize<'de> for RuleSettings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = RuleSettings;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table of `level` and the rule's options")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RuleSettings, A::Error> {
                let mut settings = RuleSettings::default();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    if key.get_ref() == "level" {
                        settings.level = Some(map.next_value()?);
                    } else {
                        let value = map.next_value()?;
                        settings.options.insert(key, value);
                    }
                }
                Ok(settings)
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

/// A rule's `level`: `"off"` (`None`) or a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleLevel(pub Option<Severity>);

impl<'de> Deserialize<'de> for RuleLevel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        severity_or(deserializer, "off").map(RuleLevel)
    }
}

/// `[parse]`: how source documents are read.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ParseConfig {
    /// Replaces the built-in boilerplate patterns when set.
    pub boilerplate: Option<Vec<Spanned<String>>>,
    /// Adds to the boilerplate patterns (built-in or replaced).
    pub extend_boilerplate: Vec<Spanned<String>>,
    /// Adds prompt verbs that make a line a question without a question mark ("Recount …").
    pub extend_imperatives: Vec<String>,
}

/// `[dedup]`: how repeated questions are found and merged.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct DedupConfig {
    /// Similarity (0 to 1) at which questions merge; default [`crate::dedup::DEFAULT_THRESHOLD`].
    pub threshold: Option<Spanned<f64>>,
    /// Which card of a cluster is kept: "first", "longest-answer" or "most-complete".
    pub keep: crate::dedup::merge::Keep,
    /// Extra synonyms and acronyms: word → word(s) it means.
    pub synonyms: BTreeMap<String, String>,
    /// Extra interview framing phrases removed from the start of questions.
    pub framing: Vec<String>,
}

/// `[export]`: what `prep build` and `prep export` write, and where.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExportConfig {
    /// Root deck name and document title; default [`crate::export::assemble::DEFAULT_DECK`].
    pub deck: Option<String>,
    /// Directory `prep build` writes into.
    pub dir: PathBuf,
    /// File names inside `dir`; no two may name one file (see [`check_export_names`]).
    pub anki: Spanned<String>,
    pub csv: Spanned<String>,
    pub markdown: Spanned<String>,
    pub csv_flavor: CsvFlavor,
}

/// What the CSV is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[value(rename_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum CsvFlavor {
    /// A table with a header row for spreadsheets: answers as written, findings, sources.
    #[default]
    Spreadsheet,
    /// Anki's text import: the same notes, GUIDs, decks and tags as the .apkg.
    Anki,
}

impl Default for ExportConfig {
    fn default() -> Self {
        // An empty span: a default is not in the file, so a diagnostic never points at it.
        let default = |name: &str| Spanned::new(0..0, name.to_owned());
        ExportConfig {
            deck: None,
            dir: PathBuf::from("out"),
            anki: default("deck.apkg"),
            csv: default("cards.csv"),
            markdown: default("cards.md"),
            csv_flavor: CsvFlavor::Spreadsheet,
        }
    }
}

/// `[build]`: the lint gate of `prep build`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuildConfig {
    pub fail_on: FailOn,
}

/// The lowest severity that makes `prep build` exit 1 (after writing its files); `"never"`
/// (`None`): findings never fail the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailOn(pub Option<Severity>);

impl Default for FailOn {
    fn default() -> Self {
        FailOn(Some(Severity::Error))
    }
}

/// `--fail-on`'s words: those of `fail-on`.
impl clap::ValueEnum for FailOn {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            FailOn(Some(Severity::Error)),
            FailOn(Some(Severity::Warning)),
            FailOn(Some(Severity::Info)),
            FailOn(None),
        ]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        use clap::builder::PossibleValue;
        Some(match self.0 {
            Some(Severity::Warning) => PossibleValue::new("warning").alias("warn"),
            Some(severity) => PossibleValue::new(severity.as_str()),
            None => PossibleValue::new("never").help("Findings never fail the build"),
        })
    }
}

impl<'de> Deserialize<'de> for FailOn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        severity_or(deserializer, "never").map(FailOn)
    }
}

/// A severity, or `none` (`None`): `"off"` for a rule, `"never"` for the build gate.
fn severity_or<'de, D: Deserializer<'de>>(
    deserializer: D,
    none: &'static str,
) -> Result<Option<Severity>, D::Error> {
    let word = String::deserialize(deserializer)?;
    if word == none {
        return Ok(None);
    }
    Severity::from_word(&word).map(Some).ok_or_else(|| {
        let expected = match none {
            "off" => "one of `off`, `info`, `warning` or `error`",
            _ => "one of `error`, `warning`, `info` or `never`",
        };
        serde::de::Error::invalid_value(serde::de::Unexpected::Str(&word), &expected)
    })
}

#[derive(Debug, Error, Diagnostic)]
pub enum ConfigError {
    #[error("{path}: cannot read: {source}")]
    #[diagnostic(code(prep::config::unreadable))]
    Unreadable {
        path: String,
        #[source]
        source: std::io::Error,
    },

    #[error("{path}: {message}")]
    #[diagnostic(code(prep::config::invalid))]
    Invalid {
        path: String,
        message: String,
        #[help]
        help: String,
        /// The lines around the mistake, a long one cut to a window around it.
        #[source_code]
        src: Excerpt,
        #[label("here")]
        label: Option<SourceSpan>,
        /// Where the mistake is in the file.
        span: Option<SourceSpan>,
    },

    #[error("{path}: invalid boilerplate pattern: {message}")]
    #[diagnostic(
        code(prep::config::bad_pattern),
        help("patterns are Rust regular expressions, matched case-insensitively against one line")
    )]
    BadPattern {
        path: String,
        message: String,
        /// The lines around the pattern, a long one cut to a window around it.
        #[source_code]
        src: Excerpt,
        #[label("this pattern")]
        label: SourceSpan,
        /// Where the pattern is in the file.
        span: SourceSpan,
    },
}

/// The configuration and where it came from (`None`: built-in defaults, no file).
#[derive(Debug)]
pub struct Loaded {
    pub config: Config,
    pub path: Option<PathBuf>,
    pub text: String,
}

impl Loaded {
    /// A diagnostic for a bad pattern at `span` of this file.
    pub fn bad_pattern(&self, span: Range<usize>, message: String) -> Box<ConfigError> {
        let path = self.display_path();
        let src = Excerpt::around(&path, &self.text, span.clone());
        Box::new(ConfigError::BadPattern {
            label: src.span().into(),
            src,
            path,
            message,
            span: span.into(),
        })
    }

    /// A diagnostic for a mistake in this file, at `span` if known.
    pub fn invalid(
        &self,
        message: String,
        help: String,
        span: Option<Range<usize>>,
    ) -> Box<ConfigError> {
        invalid(&self.display_path(), &self.text, message, help, span)
    }

    fn display_path(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| DEFAULT_CONFIG.to_owned(), |p| p.display().to_string())
    }
}

/// Loads `explicit`, or `lints.toml` in the working directory if it exists, or the defaults.
pub fn load(explicit: Option<&Path>) -> Result<Loaded, Box<ConfigError>> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None if Path::new(DEFAULT_CONFIG).is_file() => PathBuf::from(DEFAULT_CONFIG),
        None => {
            return Ok(Loaded {
                config: Config::default(),
                path: None,
                text: String::new(),
            });
        }
    };
    let display = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|source| {
        Box::new(ConfigError::Unreadable {
            path: display.clone(),
            source,
        })
    })?;
    let config = parse(&display, &text)?;
    Ok(Loaded {
        config,
        path: Some(path),
        text,
    })
}

/// Parses configuration text; `name` is only used in diagnostics.
pub fn parse(name: &str, text: &str) -> Result<Config, Box<ConfigError>> {
    let config: Config = toml::from_str(text).map_err(|err| {
        let message = err.message().trim().to_owned();
        let help = suggestion(&message)
            .unwrap_or_else(|| "the README lists every section and key".to_owned());
        invalid(name, text, message, help, err.span())
    })?;
    if let Some(threshold) = &config.dedup.threshold
        && !(0.0..=1.0).contains(threshold.get_ref())
    {
        return Err(invalid(
            name,
            text,
            format!("threshold {} is not between 0 and 1", threshold.get_ref()),
            "0 merges everything that shares a word, 1 only identical questions".to_owned(),
            Some(threshold.span()),
        ));
    }
    check_export_names(name, text, &config.export)?;
    Ok(config)
}

/// Refuses `[export]` file names that would write one file: the last format renamed into place
/// would win, and `deck.apkg` would silently hold the Markdown. Names are compared as paths without
/// `./` and ignoring case, because the default file systems of macOS and Windows do.
fn check_export_names(
    name: &str,
    text: &str,
    export: &ExportConfig,
) -> Result<(), Box<ConfigError>> {
    let keys = [
        ("anki", &export.anki),
        ("csv", &export.csv),
        ("markdown", &export.markdown),
    ];
    let file = |value: &str| {
        Path::new(value)
            .components()
            .filter(|c| *c != std::path::Component::CurDir)
            .map(|c| c.as_os_str().to_string_lossy().to_lowercase())
            .collect::<Vec<_>>()
    };
    for (i, (first, a)) in keys.iter().enumerate() {
        for (second, b) in &keys[i + 1..] {
            if file(a.get_ref()) != file(b.get_ref()) {
                continue;
            }
            // Point at a key the user wrote (defaults have an empty span); the later one, as the
            // earlier was there first.
            let span = [b, a].into_iter().map(|s| s.span()).find(|s| !s.is_empty());
            return Err(invalid(
                name,
                text,
                format!(
                    "[export] {first} and {second} name the same file, `{}`",
                    b.get_ref()
                ),
                "give each export its own file name: one would overwrite the other".to_owned(),
                span,
            ));
        }
    }
    Ok(())
}

/// A mistake in the configuration `name` holding `text`, at `span` if known: the report shows the
/// lines around it, a long line cut to a window (a word list on one line may be 100 KB long).
fn invalid(
    name: &str,
    text: &str,
    message: String,
    help: String,
    span: Option<Range<usize>>,
) -> Box<ConfigError> {
    let src = Excerpt::around(name, text, span.clone().unwrap_or(0..0));
    Box::new(ConfigError::Invalid {
        path: name.to_owned(),
        message,
        help,
        label: span.as_ref().map(|_| src.span().into()),
        src,
        span: span.map(Into::into),
    })
}

/// For serde's "unknown field `x`, expected one of `a`, `b`", the nearest valid name.
fn suggestion(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, expected) = rest.split_once('`')?;
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|name| (strsim::damerau_levenshtein(unknown, name), name))
        .filter(|(distance, name)| *distance <= name.len().max(3) / 3)
        .min()
        .map(|(_, name)| format!("did you mean `{name}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_is_the_defaults() {
        let config = parse("lints.toml", "").unwrap();
        assert!(config.parse.boilerplate.is_none());
        assert!(config.parse.extend_boilerplate.is_empty());
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let text = "[parse]\nextend-boilerplat = [\"x\"]\n";
        let ConfigError::Invalid { span, message, .. } = *parse("lints.toml", text).unwrap_err()
        else {
            panic!("expected an invalid-config error");
        };
        assert!(message.contains("extend-boilerplat"), "{message}");
        let span = span.unwrap();
        assert_eq!(
            &text[span.offset()..span.offset() + span.len()],
            "extend-boilerplat"
        );
    }

    #[test]
    fn severities_are_spelt_warning_or_warn_and_off_and_never_switch_off() {
        let config = parse(
            "lints.toml",
            "[build]\nfail-on = \"warn\"\n[rules.vague-claim]\nlevel = \"warning\"\n\
             [rules.long-answer]\nlevel = \"warn\"\n[rules.enumeration]\nlevel = \"off\"\n",
        )
        .unwrap();
        assert_eq!(config.build.fail_on, FailOn(Some(Severity::Warning)));
        let level = |id: &str| {
            let (_, settings) = config
                .rules
                .iter()
                .find(|(k, _)| k.get_ref() == id)
                .unwrap();
            settings.level
        };
        assert_eq!(
            level("vague-claim"),
            Some(RuleLevel(Some(Severity::Warning)))
        );
        assert_eq!(
            level("long-answer"),
            Some(RuleLevel(Some(Severity::Warning)))
        );
        assert_eq!(level("enumeration"), Some(RuleLevel(None)));
        let never = parse("lints.toml", "[build]\nfail-on = \"never\"\n").unwrap();
        assert_eq!(never.build.fail_on, FailOn(None));
    }

    #[test]
    fn a_misspelt_severity_names_the_choices_at_its_value() {
        let text = "[rules.vague-claim]\nlevel = \"warnings\"\n";
        let ConfigError::Invalid { span, message, .. } = *parse("lints.toml", text).unwrap_err()
        else {
            panic!("expected an invalid-config error");
        };
        assert!(
            message.contains("one of `off`, `info`, `warning` or `error`"),
            "{message}"
        );
        let span = span.unwrap();
        assert_eq!(
            &text[span.offset()..span.offset() + span.len()],
            "\"warnings\""
        );
    }

    #[test]
    fn unknown_keys_get_the_nearest_valid_name() {
        let text = "[parse]\nextend-imperative = []\n";
        let ConfigError::Invalid { help, .. } = *parse("lints.toml", text).unwrap_err() else {
            panic!("expected an invalid-config error");
        };
        assert_eq!(help, "did you mean `extend-imperatives`?");
        let text = "[parse]\ncompletely-wrong = []\n";
        let ConfigError::Invalid { help, .. } = *parse("lints.toml", text).unwrap_err() else {
            panic!("expected an invalid-config error");
        };
        assert_eq!(help, "the README lists every section and key");
    }

    #[test]
    fn dedup_section_reads_and_checks_the_threshold() {
        let text =
            "[dedup]\nthreshold = 0.7\nkeep = \"first\"\nsynonyms = { rds = \"database\" }\n";
        let config = parse("lints.toml", text).unwrap();
        assert_eq!(config.dedup.threshold.map(|t| *t.get_ref()), Some(0.7));
        assert_eq!(config.dedup.keep, crate::dedup::merge::Keep::First);
        let text = "[dedup]\nthreshold = 1.5\n";
        let ConfigError::Invalid { span, .. } = *parse("lints.toml", text).unwrap_err() else {
            panic!("expected an invalid-config error");
        };
        let span = span.unwrap();
        assert_eq!(&text[span.offset()..span.offset() + span.len()], "1.5");
    }

    #[test]
    fn export_names_must_name_different_files() {
        let text = "[export]\ncsv = \"out.txt\"\nmarkdown = \"OUT.txt\"\n";
        let ConfigError::Invalid { span, message, .. } = *parse("lints.toml", text).unwrap_err()
        else {
            panic!("expected an invalid-config error");
        };
        assert_eq!(
            message,
            "[export] csv and markdown name the same file, `OUT.txt`"
        );
        let span = span.unwrap();
        assert_eq!(
            &text[span.offset()..span.offset() + span.len()],
            "\"OUT.txt\""
        );
        // A name set to another format's default points at the one set.
        let text = "[export]\nanki = \"./cards.md\"\n";
        let ConfigError::Invalid { span, .. } = *parse("lints.toml", text).unwrap_err() else {
            panic!("expected an invalid-config error");
        };
        let span = span.unwrap();
        assert_eq!(
            &text[span.offset()..span.offset() + span.len()],
            "\"./cards.md\""
        );
        assert!(parse("lints.toml", "[export]\nmarkdown = \"notes.md\"\n").is_ok());
    }

    #[test]
    fn rule_options_are_kept_as_written_with_their_places() {
        let text = "[rules.long-answer]\nlevel = \"info\"\nmax-words = 120\n";
        let config = parse("lints.toml", text).unwrap();
        let (_, settings) = config.rules.iter().next().unwrap();
        assert_eq!(settings.level, Some(RuleLevel(Some(Severity::Info))));
        assert_eq!(settings.options.len(), 1, "`level` is not an option");
        let (key, value) = settings.options.iter().next().unwrap();
        assert_eq!(&text[key.span()], "max-words");
        assert_eq!(value.get_ref(), &toml::Value::Integer(120));
        assert_eq!(&text[value.span()], "120");
    }

    #[test]
    fn patterns_keep_their_spans() {
        let text = "[parse]\nextend-boilerplate = ['^sponsored']\n";
        let config = parse("lints.toml", text).unwrap();
        let pattern = &config.parse.extend_boilerplate[0];
        assert_eq!(pattern.get_ref(), "^sponsored");
        assert_eq!(&text[pattern.span()], "'^sponsored'");
    }
}
