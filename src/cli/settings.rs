//! Settings resolved once per run: `lints.toml` and the command-line overrides turned into what
//! each stage needs, as ripgrep turns its low-level arguments into high-level ones. [`Flags`] is
//! what a command read from its arguments, as plain data; [`Settings::resolve`] checks the
//! configuration against it and builds the parse context, the duplicate detection, the lint
//! settings, the export files and the lint gates. Every command calls it once, before reading any
//! source, and hands each stage its part: no stage reads `[dedup]` or another section itself.
//!
//! It sits in `cli` because only the commands use it, and it does not see clap: the commands fill
//! [`Flags`] from their own clap arguments.

use std::path::PathBuf;

use crate::config::{ConfigError, DedupConfig, ExportConfig};
use crate::config::{CsvFlavor, FailOn, Loaded};
use crate::dedup::analyze::Analyzer;
use crate::dedup::merge::Keep;
use crate::dedup::settings::DedupSettings;
use crate::export::assemble::DEFAULT_DECK;
use crate::lint::settings::LintSettings;
use crate::model::Severity;
use crate::source::ParseContext;

/// The overrides a command takes from its arguments; `None` (or `false`): what `lints.toml` says.
#[derive(Debug, Default)]
pub(crate) struct Flags {
    /// `--threshold`: similarity at which questions merge.
    pub threshold: Option<f64>,
    /// `--keep`: which card of a cluster is kept.
    pub keep: Option<Keep>,
    /// `--related-margin`: how far under the threshold a pair is a near miss.
    pub related_margin: Option<f64>,
    /// `prep lint --deny`: the lowest level that fails the run.
    pub deny: Option<Severity>,
    /// `prep lint --exit-zero`: findings never fail the run.
    pub exit_zero: bool,
    /// `prep build -o DIR`: the directory the files go into.
    pub out_dir: Option<PathBuf>,
    /// `prep export FORMAT -o FILE`: that format's file.
    pub output: Option<(ExportFile, PathBuf)>,
    /// `--deck`: the root deck and document title.
    pub deck: Option<String>,
    /// `--csv-flavor`.
    pub csv_flavor: Option<CsvFlavor>,
    /// `prep build --fail-on`: the lowest level that fails the build.
    pub fail_on: Option<FailOn>,
    /// `prep build --allow-lint-errors`: findings never fail the build.
    pub allow_lint_errors: bool,
}

/// One of the files `prep build` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExportFile {
    Anki,
    Csv,
    Markdown,
}

/// What every stage of a run is set to.
pub(crate) struct Settings {
    /// How sources are read: question cues and boilerplate patterns (`[parse]`).
    pub parse: ParseContext,
    /// How repeated questions are found and merged (`[dedup]`, `--threshold`, `--keep`,
    /// `--related-margin`).
    pub dedup: DedupSettings,
    /// Rule levels and options, user rules, overrides and suppressions.
    pub lint: LintSettings,
    /// The lowest level that makes `prep lint` exit 1 (`None`: never).
    pub lint_fails_on: Option<Severity>,
    pub export: ExportSettings,
    /// The lowest level that makes `prep build` exit 1 after writing (`None`: never).
    pub build_fails_on: Option<Severity>,
    /// The configuration file read, if any: unused suppressions point into it.
    pub config_file: Option<ConfigFile>,
}

/// What the exports are called and where they go (`[export]`, `-o`, `--deck`, `--csv-flavor`).
#[derive(Debug)]
pub(crate) struct ExportSettings {
    /// The root deck of the Anki package and the title of the Markdown document.
    pub deck: String,
    pub csv_flavor: CsvFlavor,
    pub anki: PathBuf,
    pub csv: PathBuf,
    pub markdown: PathBuf,
}

impl ExportSettings {
    /// Where `file` is written.
    pub fn path(&self, file: ExportFile) -> &PathBuf {
        match file {
            ExportFile::Anki => &self.anki,
            ExportFile::Csv => &self.csv,
            ExportFile::Markdown => &self.markdown,
        }
    }
}

/// The configuration file's path as shown and its text.
#[derive(Debug)]
pub(crate) struct ConfigFile {
    pub path: String,
    pub text: String,
}

impl Settings {
    /// Resolves `loaded` with `flags` on top. A mistake in the configuration (a bad pattern, an
    /// unknown rule or option) is an error pointing into `lints.toml`, whichever command runs.
    pub fn resolve(loaded: &Loaded, flags: &Flags) -> Result<Settings, Box<ConfigError>> {
        let config = &loaded.config;
        let parse = ParseContext::new(&config.parse)
            .map_err(|bad| loaded.bad_pattern(bad.span, bad.message))?;
        let lint = crate::lint::settings::resolve(loaded)?;
        let lint_fails_on = if flags.exit_zero {
            None
        } else {
            Some(flags.deny.unwrap_or(Severity::Error))
        };
        let build_fails_on = if flags.allow_lint_errors {
            None
        } else {
            flags.fail_on.unwrap_or(config.build.fail_on).0
        };
        Ok(Settings {
            parse,
            dedup: dedup(&config.dedup, flags),
            lint,
            lint_fails_on,
            export: export(&config.export, flags),
            build_fails_on,
            config_file: loaded.path.as_ref().map(|path| ConfigFile {
                path: path.display().to_string(),
                text: loaded.text.clone(),
            }),
        })
    }

    /// The configuration file as `(path, text)`, for findings that point into it.
    pub fn config_file(&self) -> Option<(&str, &str)> {
        self.config_file
            .as_ref()
            .map(|file| (file.path.as_str(), file.text.as_str()))
    }
}

/// `[dedup]` with the flags on top; the one place it is read.
fn dedup(config: &DedupConfig, flags: &Flags) -> DedupSettings {
    let defaults = DedupSettings::default();
    let threshold = flags
        .threshold
        .or(config.threshold.as_ref().map(|t| *t.get_ref()))
        .unwrap_or(defaults.threshold);
    DedupSettings {
        analyzer: Analyzer::new(&config.synonyms, &config.framing),
        threshold,
        keep: flags.keep.unwrap_or(config.keep),
        related_margin: flags.related_margin.unwrap_or(defaults.related_margin),
    }
}

/// `[export]` with the flags on top.
fn export(config: &ExportConfig, flags: &Flags) -> ExportSettings {
    let dir = flags.out_dir.as_ref().unwrap_or(&config.dir);
    let path = |file: ExportFile, name: &str| match &flags.output {
        Some((given, path)) if *given == file => path.clone(),
        _ => dir.join(name),
    };
    ExportSettings {
        deck: flags
            .deck
            .as_deref()
            .or(config.deck.as_deref())
            .unwrap_or(DEFAULT_DECK)
            .to_owned(),
        csv_flavor: flags.csv_flavor.unwrap_or(config.csv_flavor),
        anki: path(ExportFile::Anki, config.anki.get_ref()),
        csv: path(ExportFile::Csv, config.csv.get_ref()),
        markdown: path(ExportFile::Markdown, config.markdown.get_ref()),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn loaded(text: &str) -> Loaded {
        Loaded {
            config: crate::config::parse("lints.toml", text).unwrap(),
            path: Some(PathBuf::from("lints.toml")),
            text: text.to_owned(),
        }
    }

    const CONFIG: &str = "[dedup]\nthreshold = 0.8\nkeep = \"first\"\n\
        [export]\ndir = \"build\"\ndeck = \"Backend\"\ncsv-flavor = \"anki\"\n\
        [build]\nfail-on = \"warning\"\n";

    #[test]
    fn lints_toml_gives_the_settings_when_no_flag_is_given() {
        let settings = Settings::resolve(&loaded(CONFIG), &Flags::default()).unwrap();
        assert_eq!(settings.dedup.threshold, 0.8);
        assert_eq!(settings.dedup.keep, Keep::First);
        assert_eq!(settings.dedup.related_margin, crate::dedup::RELATED_MARGIN);
        assert_eq!(settings.export.deck, "Backend");
        assert_eq!(settings.export.csv_flavor, CsvFlavor::Anki);
        assert_eq!(settings.export.anki, Path::new("build/deck.apkg"));
        assert_eq!(settings.export.markdown, Path::new("build/cards.md"));
        assert_eq!(settings.build_fails_on, Some(Severity::Warning));
        assert_eq!(settings.lint_fails_on, Some(Severity::Error));
        assert_eq!(settings.config_file(), Some(("lints.toml", CONFIG)));
    }

    #[test]
    fn flags_win_over_lints_toml() {
        let flags = Flags {
            threshold: Some(0.5),
            keep: Some(Keep::LongestAnswer),
            related_margin: Some(0.0),
            deny: Some(Severity::Info),
            out_dir: Some(PathBuf::from("elsewhere")),
            output: Some((ExportFile::Csv, PathBuf::from("table.csv"))),
            deck: Some("Frontend".to_owned()),
            csv_flavor: Some(CsvFlavor::Spreadsheet),
            fail_on: Some(FailOn(Some(Severity::Error))),
            ..Flags::default()
        };
        let settings = Settings::resolve(&loaded(CONFIG), &flags).unwrap();
        assert_eq!(settings.dedup.threshold, 0.5);
        assert_eq!(settings.dedup.keep, Keep::LongestAnswer);
        assert_eq!(settings.dedup.related_margin, 0.0);
        assert_eq!(settings.lint_fails_on, Some(Severity::Info));
        assert_eq!(settings.export.deck, "Frontend");
        assert_eq!(settings.export.csv_flavor, CsvFlavor::Spreadsheet);
        assert_eq!(
            settings.export.path(ExportFile::Csv),
            Path::new("table.csv")
        );
        assert_eq!(
            settings.export.path(ExportFile::Anki),
            Path::new("elsewhere/deck.apkg")
        );
        assert_eq!(settings.build_fails_on, Some(Severity::Error));
    }

    #[test]
    fn the_gates_open_with_exit_zero_and_allow_lint_errors() {
        let flags = Flags {
            deny: Some(Severity::Info),
            exit_zero: true,
            fail_on: Some(FailOn(Some(Severity::Info))),
            allow_lint_errors: true,
            ..Flags::default()
        };
        let settings = Settings::resolve(&loaded(CONFIG), &flags).unwrap();
        assert_eq!(settings.lint_fails_on, None);
        assert_eq!(settings.build_fails_on, None);
    }

    #[test]
    fn no_file_gives_the_defaults() {
        let none = Loaded {
            config: crate::config::Config::default(),
            path: None,
            text: String::new(),
        };
        let settings = Settings::resolve(&none, &Flags::default()).unwrap();
        assert_eq!(settings.dedup.threshold, crate::dedup::DEFAULT_THRESHOLD);
        assert_eq!(settings.dedup.keep, Keep::MostComplete);
        assert_eq!(settings.export.deck, DEFAULT_DECK);
        assert_eq!(settings.export.csv, Path::new("out/cards.csv"));
        assert_eq!(settings.build_fails_on, Some(Severity::Error));
        assert_eq!(settings.config_file(), None);
    }

    #[test]
    fn every_command_sees_a_mistake_in_the_lint_sections() {
        let text = "[rules.vague-claims]\nlevel = \"off\"\n";
        let Err(err) = Settings::resolve(&loaded(text), &Flags::default()) else {
            panic!("an unknown rule is an error");
        };
        assert!(
            err.to_string().contains("unknown rule `vague-claims`"),
            "{err}"
        );
        let text = "[parse]\nextend-boilerplate = ['(unclosed']\n";
        assert!(Settings::resolve(&loaded(text), &Flags::default()).is_err());
    }
}
