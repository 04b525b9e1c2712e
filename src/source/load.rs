//! Finding source files under the paths the user names, and decoding them.
//!
//! Owns every way reading input can go wrong, as [`InputProblem`]s that name the file (and, for bad
//! bytes, the line and byte offset). Never stops at the first bad file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::excerpt::Excerpt;
use crate::model::Skipped;
use crate::source::decode::{BadUtf16, Decoded, OriginalOffsets, Undecodable};
use crate::source::identity::FileId;
use crate::source::regular::{ReadError, read_regular, special_kind};
use crate::source::{SourceFile, SourceKind};

/// How a problem affects the exit code: I/O problems are 2, content errors 1, warnings 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProblemClass {
    /// The file was read (or left out on purpose); the run goes on.
    Warning,
    /// The file's bytes could not be decoded: its cards are missing.
    Content,
    /// A path could not be found or read.
    Io,
}

/// A problem with one input: reported, and the other files go on. Each is a `miette` diagnostic
/// whose message names the file; [`InputProblem::class`] says how much it matters.
#[derive(Debug, Error, Diagnostic)]
pub enum InputProblem {
    /// A path named that does not exist.
    #[error("{path}: no such file or directory")]
    #[diagnostic(
        code(prep::input::not_found),
        help("check the path; with no path, prep reads `source/`")
    )]
    NotFound { path: String },

    /// A file or directory that could not be read.
    #[error("{path}: cannot read: {source}")]
    #[diagnostic(code(prep::input::unreadable))]
    Unreadable {
        path: String,
        #[source]
        source: std::io::Error,
    },

    /// A FIFO, socket or device named directly.
    #[error("{path}: not a regular file ({kind}); not read")]
    #[diagnostic(
        code(prep::input::not_regular),
        help(
            "prep reads regular files only; to read a pipe or a device, save its output to a file and name that"
        )
    )]
    NotRegular { path: String, kind: &'static str },

    /// A symbolic link in a directory that leads back into it (a loop): not followed.
    #[error("{path}: {message}")]
    #[diagnostic(
        code(prep::input::walk),
        severity(Warning),
        help("the rest of the directory was read")
    )]
    Walk { path: String, message: String },

    /// Bytes that are not UTF-8.
    #[error(transparent)]
    #[diagnostic(transparent)]
    InvalidUtf8(Box<InvalidUtf8>),

    /// Bytes after a UTF-16 byte-order mark that are not UTF-16.
    #[error(transparent)]
    #[diagnostic(transparent)]
    InvalidUtf16(Box<InvalidUtf16>),

    /// An empty file.
    #[error("{file}: empty file, no cards")]
    #[diagnostic(code(prep::input::empty), severity(Warning))]
    Empty { file: String },

    /// A file with NUL bytes, which no text has.
    #[error("{file}: looks like a binary file (it contains NUL bytes); skipped")]
    #[diagnostic(code(prep::input::binary), severity(Warning))]
    Binary { file: String },

    /// A file read in full in which no question was found.
    #[error("{file}: no recognisable questions, no cards")]
    #[diagnostic(
        code(prep::input::no_questions),
        severity(Warning),
        help(
            "layouts tried: {tried}. `prep parse --show-skipped` lists the blocks that were read"
        )
    )]
    NoQuestions { file: String, tried: String },
}

/// A file that starts with a UTF-16 byte-order mark and then is not UTF-16: where, and its text up to
/// that line for the report.
#[derive(Debug, Error, Diagnostic)]
#[error(
    "{file}:{line}:{column}: invalid {encoding} at byte offset {offset} (an unpaired surrogate or a lone last byte); the file was not parsed"
)]
#[diagnostic(
    code(prep::input::invalid_utf16),
    help("the file starts with a {encoding} byte-order mark; save it again as UTF-8 or UTF-16")
)]
pub struct InvalidUtf16 {
    pub file: String,
    /// `UTF-16LE` or `UTF-16BE`, as the byte-order mark says.
    pub encoding: &'static str,
    /// 1-based line and column (in characters) of the bad bytes.
    pub line: usize,
    pub column: usize,
    /// Byte offset of the bad bytes in the file.
    pub offset: usize,
    /// The bad line, a long one cut to a window around the bad bytes.
    #[source_code]
    src: Excerpt,
    #[label("this is not valid {encoding}")]
    span: SourceSpan,
}

/// Bytes that are not UTF-8: where, and the file's text up to that line for the report.
#[derive(Debug, Error, Diagnostic)]
#[error("{file}:{line}:{column}: invalid UTF-8 at byte offset {offset}; the file was not parsed")]
#[diagnostic(
    code(prep::input::invalid_utf8),
    help("save the file as UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt`")
)]
pub struct InvalidUtf8 {
    pub file: String,
    /// 1-based line and column (in characters) of the bad byte.
    pub line: usize,
    pub column: usize,
    /// Byte offset of the bad byte in the file.
    pub offset: usize,
    /// The bad line, a long one cut to a window around the bad byte.
    #[source_code]
    src: Excerpt,
    #[label("this byte is not valid UTF-8")]
    span: SourceSpan,
}

impl InputProblem {
    /// How much the problem matters to the run: it decides the exit code.
    pub fn class(&self) -> ProblemClass {
        match self {
            InputProblem::NotFound { .. }
            | InputProblem::Unreadable { .. }
            | InputProblem::NotRegular { .. } => ProblemClass::Io,
            InputProblem::InvalidUtf8(_) | InputProblem::InvalidUtf16(_) => ProblemClass::Content,
            InputProblem::Walk { .. }
            | InputProblem::Empty { .. }
            | InputProblem::Binary { .. }
            | InputProblem::NoQuestions { .. } => ProblemClass::Warning,
        }
    }
}

/// A file to load: where it is, how to show it, what its cards' ids key on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    pub display: String,
    pub key: String,
    pub kind: SourceKind,
}

impl Candidate {
    /// A file known by `name` alone, as if named on the command line: for bytes held in memory.
    pub fn named(name: &str, kind: SourceKind) -> Candidate {
        Candidate {
            path: PathBuf::from(name),
            display: name.to_owned(),
            key: name.to_owned(),
            kind,
        }
    }
}

fn kind_of(path: &Path) -> Option<SourceKind> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "txt" | "text" => Some(SourceKind::PlainText),
        "md" | "markdown" => Some(SourceKind::Markdown),
        _ => None,
    }
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The files under `paths`: named files as they are (plain text unless `.md`/`.markdown`), and
/// directories walked in sorted order for `.txt`, `.md` and `.markdown` files. Hidden entries are not
/// walked; other files, and FIFOs, sockets and devices, are reported as skipped (one named directly is
/// an error); a file reached twice is read once. Symbolic links are followed: a directory reached
/// again by another path is walked once, and a link back to a directory being walked (a loop) is
/// a warning, not followed.
pub fn discover(
    paths: &[PathBuf],
    skipped: &mut Vec<Skipped>,
    problems: &mut Vec<InputProblem>,
) -> Vec<Candidate> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut push = |candidate: Candidate, out: &mut Vec<Candidate>| {
        let canonical = candidate
            .path
            .canonicalize()
            .unwrap_or(candidate.path.clone());
        if seen.insert(canonical) {
            out.push(candidate);
        }
    };
    for root in paths {
        let display = root.display().to_string();
        match std::fs::metadata(root) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                problems.push(InputProblem::NotFound { path: display });
            }
            Err(source) => problems.push(InputProblem::Unreadable {
                path: display,
                source,
            }),
            Ok(meta) if meta.is_dir() => {
                for candidate in walk(root, skipped, problems) {
                    push(candidate, &mut out);
                }
            }
            // Opening a FIFO would wait for a writer forever, and a device is no document.
            Ok(meta) if !meta.is_file() => problems.push(InputProblem::NotRegular {
                path: display,
                kind: special_kind(&meta.file_type()),
            }),
            Ok(_) => {
                let key = root
                    .file_name()
                    .map_or(display.clone(), |n| n.to_string_lossy().into_owned());
                let kind = kind_of(root).unwrap_or(SourceKind::PlainText);
                let candidate = Candidate {
                    path: root.clone(),
                    display,
                    key,
                    kind,
                };
                push(candidate, &mut out);
            }
        }
    }
    out
}

fn walk(
    root: &Path,
    skipped: &mut Vec<Skipped>,
    problems: &mut Vec<InputProblem>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut walked = BTreeMap::new();
    let mut entries = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e));
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root).display().to_string();
                if err.loop_ancestor().is_some() {
                    let message = "symbolic link loop, not followed".to_owned();
                    problems.push(InputProblem::Walk { path, message });
                } else {
                    let source = err
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("directory walk failed"));
                    problems.push(InputProblem::Unreadable { path, source });
                }
                continue;
            }
        };
        if entry.file_type().is_dir() {
            if let Some(first) = walked_before(&mut walked, entry.path()) {
                entries.skip_current_dir();
                // Inside the directory it is: the walk came round to it again (through a link to
                // the project, say, not only a link to itself, which walkdir reports above).
                if entry.path().starts_with(&first) {
                    let path = entry.path().display().to_string();
                    let message = "symbolic link loop, not followed".to_owned();
                    problems.push(InputProblem::Walk { path, message });
                }
            }
            continue;
        }
        let path = entry.path();
        let display = path.display().to_string();
        if !entry.file_type().is_file() {
            let kind = special_kind(&entry.file_type());
            skipped.push(Skipped {
                file: display,
                line: None,
                end_line: None,
                reason: format!("{kind}, not a regular file; not read"),
                excerpt: String::new(),
            });
            continue;
        }
        let Some(kind) = kind_of(path) else {
            skipped.push(Skipped {
                file: display,
                line: None,
                end_line: None,
                reason: "not a .txt, .md or .markdown file".to_owned(),
                excerpt: String::new(),
            });
            continue;
        };
        let relative = path.strip_prefix(root).unwrap_or(path);
        out.push(Candidate {
            path: path.to_path_buf(),
            display,
            key: slash_path(relative),
            kind,
        });
    }
    out
}

/// Where the walk first reached the directory at `path`, if it did before; else records it. A
/// directory is walked once, by the first path that reaches it: links to one directory from many
/// places would otherwise walk it once per path, 2^n times for n levels of two links each (its files
/// would be read once anyway).
fn walked_before(walked: &mut BTreeMap<FileId, PathBuf>, path: &Path) -> Option<PathBuf> {
    let id = FileId::of(path)?;
    match walked.entry(id) {
        std::collections::btree_map::Entry::Occupied(first) => Some(first.get().clone()),
        std::collections::btree_map::Entry::Vacant(slot) => {
            slot.insert(path.to_path_buf());
            None
        }
    }
}

/// Reads and decodes one candidate. Binary files are skipped with a warning; bytes that do not decode
/// are an error naming the line and byte offset; an empty file is a warning and yields no cards.
pub fn load(
    candidate: &Candidate,
    skipped: &mut Vec<Skipped>,
    problems: &mut Vec<InputProblem>,
) -> Option<(SourceFile, Option<OriginalOffsets>)> {
    let bytes = match read_regular(&candidate.path) {
        Ok(bytes) => bytes,
        Err(ReadError::NotRegular(kind)) => {
            let path = candidate.display.clone();
            problems.push(InputProblem::NotRegular { path, kind });
            return None;
        }
        Err(ReadError::Io(source)) => {
            let path = candidate.display.clone();
            problems.push(InputProblem::Unreadable { path, source });
            return None;
        }
    };
    match decode(candidate, bytes) {
        Ok((file, origin)) => {
            if file.text.trim_start_matches('\u{feff}').trim().is_empty() {
                let file = file.display.clone();
                problems.push(InputProblem::Empty { file });
            }
            Some((file, origin))
        }
        Err(problem) => {
            if let InputProblem::Binary { file } = &problem {
                skipped.push(Skipped {
                    file: file.clone(),
                    line: None,
                    end_line: None,
                    reason: "binary file".to_owned(),
                    excerpt: String::new(),
                });
            }
            problems.push(problem);
            None
        }
    }
}

/// Decodes a file's bytes (see [`super::decode`]) into a file ready to parse, and the map from its
/// text back to its bytes when the two differ.
pub fn decode(
    candidate: &Candidate,
    bytes: Vec<u8>,
) -> Result<(SourceFile, Option<OriginalOffsets>), InputProblem> {
    let file = candidate.display.clone();
    match super::decode::decode(bytes) {
        Ok(Decoded { text, origin }) => {
            let source = SourceFile {
                display: file,
                key: candidate.key.clone(),
                text,
                kind: candidate.kind,
            };
            Ok((source, origin))
        }
        Err(Undecodable::Binary) => Err(InputProblem::Binary { file }),
        Err(Undecodable::Utf8 { bytes, offset }) => Err(invalid_utf8(file, &bytes, offset)),
        Err(Undecodable::Utf16(bad)) => Err(invalid_utf16(file, *bad)),
    }
}

fn invalid_utf16(file: String, bad: BadUtf16) -> InputProblem {
    let replaced = bad.shown_offset..bad.shown_offset + char::REPLACEMENT_CHARACTER.len_utf8();
    let src = Excerpt::around(&file, &bad.shown, replaced);
    InputProblem::InvalidUtf16(Box::new(InvalidUtf16 {
        span: src.span().into(),
        src,
        file,
        encoding: bad.encoding,
        line: bad.line,
        column: bad.column,
        offset: bad.offset,
    }))
}

fn invalid_utf8(file: String, bytes: &[u8], offset: usize) -> InputProblem {
    let before = &bytes[..offset];
    let ends_line =
        |i: usize| before[i] == b'\n' || before[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    let line = (0..before.len()).filter(|&i| ends_line(i)).count() + 1;
    let line_start = (0..before.len())
        .rev()
        .find(|&i| ends_line(i))
        .map_or(0, |p| p + 1);
    // The prefix up to `offset` is valid UTF-8, so counting its characters gives the column.
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    // Show the file up to the end of the bad line; lossy decoding keeps every byte before `offset`
    // where it was, so the span and line numbers stay true.
    let line_end = bytes[offset..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| offset + p);
    let shown = String::from_utf8_lossy(&bytes[..line_end]);
    // The bad byte became one replacement character at `offset`.
    let replaced = offset..offset + char::REPLACEMENT_CHARACTER.len_utf8();
    let src = Excerpt::around(&file, &shown, replaced);
    InputProblem::InvalidUtf8(Box::new(InvalidUtf8 {
        span: src.span().into(),
        src,
        file,
        line,
        column,
        offset,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report as the terminal shows it.
    fn rendered(problem: &InputProblem) -> String {
        let mut out = String::new();
        let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::none());
        match problem {
            InputProblem::InvalidUtf8(bad) => handler.render_report(&mut out, bad.as_ref()),
            InputProblem::InvalidUtf16(bad) => handler.render_report(&mut out, bad.as_ref()),
            _ => unreachable!("only decoding problems here"),
        }
        .unwrap();
        out
    }

    #[test]
    fn a_bad_byte_far_along_a_long_line_is_shown_in_a_window() {
        // miette cannot place a label past column 65,535, and printed the whole line before.
        let mut bytes = b"## Q?\n\n".to_vec();
        bytes.extend(std::iter::repeat_n(b'x', 70_000));
        bytes.push(0xff);
        bytes.extend(b"yyyy\n");
        let problem = invalid_utf8("notes.md".into(), &bytes, 7 + 70_000);
        let shown = rendered(&problem);
        assert!(shown.contains("notes.md:3:70001"), "{shown}");
        assert!(shown.contains("this byte is not valid UTF-8"), "{shown}");
        assert!(shown.len() < 2_000, "{} bytes:\n{shown}", shown.len());
    }
}
