//! Reading source documents and parsing them into cards.
//!
//! Owns discovery (which files), decoding (bytes to text, with the problems that can occur) and the
//! choice of parser per file. The parsers themselves live in [`text`] and [`markdown`].

pub mod boilerplate;
pub mod cues;
pub mod decode;
pub mod field;
pub mod identity;
pub mod ids;
pub mod lines;
mod load;
pub mod markdown;
mod regular;
pub mod text;

use std::path::{Path, PathBuf};

use crate::config::ParseConfig;
use crate::model::{ParsedDocument, Skipped};

pub use decode::OriginalOffsets;
pub use load::{
    Candidate, InputProblem, InvalidUtf8, InvalidUtf16, ProblemClass, decode, discover, load,
};

/// A decoded source file, ready to parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as the user would recognise it (as given, or joined onto the directory given).
    pub display: String,
    /// What card ids key on: the path relative to the directory it was found under, or the file name
    /// for a file named directly, with `/` separators. Stable across machines and working directories.
    pub key: String,
    pub text: String,
    pub kind: SourceKind,
}

/// How a file is read: which parser it goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A page of text (`.txt`, and any file named directly without a Markdown extension).
    PlainText,
    /// Markdown, with the HTML in it (`.md`, `.markdown`).
    Markdown,
}

/// Everything the parsers need besides the file: the verbs that make a line a question and the
/// boilerplate patterns. Built once per run.
///
/// [`ParseContext::default`] holds the built-in ones; the command line adds `lints.toml`'s `[parse]`
/// section to them.
#[derive(Debug, Clone, Default)]
pub struct ParseContext {
    pub(crate) cues: cues::QuestionCues,
    pub(crate) boilerplate: boilerplate::Boilerplate,
}

impl ParseContext {
    pub(crate) fn new(config: &ParseConfig) -> Result<Self, boilerplate::BadPattern> {
        Ok(ParseContext {
            cues: cues::QuestionCues::new(&config.extend_imperatives),
            boilerplate: boilerplate::Boilerplate::new(
                &boilerplate_patterns(config),
                config.boilerplate.is_some(),
            )?,
        })
    }
}

/// The boilerplate patterns `[parse]` gives, replacing or extending the built-in ones, each with
/// its place in `lints.toml`.
fn boilerplate_patterns(config: &ParseConfig) -> Vec<boilerplate::UserPattern> {
    config
        .boilerplate
        .iter()
        .flatten()
        .chain(&config.extend_boilerplate)
        .map(|p| boilerplate::UserPattern {
            pattern: p.get_ref().clone(),
            span: p.span(),
        })
        .collect()
}

/// Parses one decoded file with the parser for its kind.
pub fn parse_file(file: &SourceFile, ctx: &ParseContext) -> ParsedDocument {
    match file.kind {
        SourceKind::PlainText => text::parse(file, ctx),
        SourceKind::Markdown => markdown::parse(file, ctx),
    }
}

/// The result of parsing a set of paths: documents in order, files left out, and problems met.
/// Every report of `prep parse` and `prep lint` is written from one (see [`crate::report`]).
#[derive(Debug, Default)]
pub struct ParseRun {
    /// One per file read, in the order the files were found (sorted within each directory).
    pub documents: Vec<ParsedDocument>,
    /// Whole files left out (unsupported extension, binary); blocks left out are on their documents.
    pub skipped_files: Vec<Skipped>,
    /// Files that could not be found, read or decoded, and warnings about files that were; see
    /// [`InputProblem::class`] for which of them should fail a run.
    pub problems: Vec<InputProblem>,
    /// Each parsed file's text by display path, for diagnostics that show the source. For a UTF-16
    /// file this is the decoded text: byte offsets into it become the file's through `origins`.
    pub texts: std::collections::BTreeMap<String, std::sync::Arc<str>>,
    /// For each file whose text is not its own bytes (UTF-16), the map back to its bytes; read it
    /// through [`ParseRun::original_span`].
    pub(crate) origins: std::collections::BTreeMap<String, OriginalOffsets>,
}

impl ParseRun {
    /// Every card of every document, in order.
    pub fn cards(&self) -> impl Iterator<Item = &crate::model::Card> {
        self.documents.iter().flat_map(|d| &d.cards)
    }

    /// Every skipped file and block, in path order.
    pub fn skipped(&self) -> Vec<&Skipped> {
        let mut all: Vec<&Skipped> = self
            .skipped_files
            .iter()
            .chain(self.documents.iter().flat_map(|d| &d.skipped))
            .collect();
        all.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        all
    }

    /// A byte span of `file`'s text (as in [`ParseRun::texts`]) as a span of the file's own bytes,
    /// as (offset, length). The same span unless the file was decoded from UTF-16.
    pub fn original_span(&self, file: &str, offset: usize, length: usize) -> (usize, usize) {
        match self.origins.get(file) {
            Some(origin) => origin.original_span(offset, length),
            None => (offset, length),
        }
    }
}

/// Discovers, loads and parses `paths`. One bad file never stops the others.
pub fn parse_paths(paths: &[PathBuf], ctx: &ParseContext) -> ParseRun {
    parse_paths_except(paths, ctx, |_| false)
}

/// [`parse_paths`], leaving out the files `excluded` picks as if they were not there (neither read
/// nor listed as skipped): a build's own exports in a directory it reads.
pub fn parse_paths_except(
    paths: &[PathBuf],
    ctx: &ParseContext,
    excluded: impl Fn(&Path) -> bool,
) -> ParseRun {
    let mut run = ParseRun::default();
    let found = discover(paths, &mut run.skipped_files, &mut run.problems);
    run.skipped_files.retain(|s| !excluded(Path::new(&s.file)));
    for candidate in found.into_iter().filter(|c| !excluded(&c.path)) {
        if let Some((file, origin)) = load(&candidate, &mut run.skipped_files, &mut run.problems) {
            run.add(file, origin, ctx);
        }
    }
    run
}

impl ParseRun {
    /// Decodes and parses one file's bytes as `prep parse` would read a file named `name`: the run
    /// holds its document and its text, or, if the bytes do not decode, the problem that says why.
    ///
    /// For callers that hold the bytes (editors, fuzzers) and want the reports of [`crate::report`],
    /// which show the file's lines; [`parse_bytes`] gives the document alone.
    pub fn from_bytes(name: &str, kind: SourceKind, bytes: Vec<u8>, ctx: &ParseContext) -> Self {
        let mut run = ParseRun::default();
        match decode(&Candidate::named(name, kind), bytes) {
            Ok((file, origin)) => run.add(file, origin, ctx),
            Err(problem) => run.problems.push(problem),
        }
        run
    }

    /// Parses a decoded file into this run, with a warning when it holds no question.
    fn add(&mut self, file: SourceFile, origin: Option<OriginalOffsets>, ctx: &ParseContext) {
        let document = parse_decoded(&file, origin.as_ref(), ctx);
        if document.cards.is_empty() && !file.text.trim_start_matches('\u{feff}').trim().is_empty()
        {
            self.problems.push(InputProblem::NoQuestions {
                file: file.display.clone(),
                tried: match file.kind {
                    SourceKind::PlainText => text::LAYOUTS_TRIED,
                    SourceKind::Markdown => markdown::LAYOUTS_TRIED,
                }
                .iter()
                .map(|l| l.describe())
                .collect::<Vec<_>>()
                .join("; "),
            });
        }
        self.documents.push(document);
        if let Some(origin) = origin {
            self.origins.insert(file.display.clone(), origin);
        }
        self.texts.insert(file.display, file.text.into());
    }
}

/// Decodes and parses one file's bytes, as `prep parse` would read them from `name`.
///
/// The entry point for callers that already hold the bytes (tests, fuzzers, editors).
pub fn parse_bytes(
    name: &str,
    kind: SourceKind,
    bytes: Vec<u8>,
    ctx: &ParseContext,
) -> Result<ParsedDocument, InputProblem> {
    let (file, origin) = decode(&Candidate::named(name, kind), bytes)?;
    Ok(parse_decoded(&file, origin.as_ref(), ctx))
}

/// Parses a decoded file and gives its cards' positions as bytes of the original file.
///
/// Only [`SourceRef`](crate::model::SourceRef) leaves in the file's bytes: the cards' source maps
/// ([`CardMap`](crate::model::CardMap)) stay in the decoded text, where lint findings are placed and
/// shown, and reports that print byte offsets map them through [`ParseRun::original_span`].
fn parse_decoded(
    file: &SourceFile,
    origin: Option<&OriginalOffsets>,
    ctx: &ParseContext,
) -> ParsedDocument {
    let mut document = parse_file(file, ctx);
    if let Some(origin) = origin {
        for card in &mut document.cards {
            origin.map_source(&mut card.source);
        }
    }
    document
}

/// Cards under an FAQ heading are tagged `faq`.
pub fn faq_tags(section: Option<&str>) -> Vec<String> {
    let is_faq = section.is_some_and(|s| {
        let lower = s.to_lowercase();
        lower.contains("frequently asked")
            || lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "faq" || w == "faqs")
    });
    if is_faq {
        vec!["faq".to_owned()]
    } else {
        Vec::new()
    }
}
