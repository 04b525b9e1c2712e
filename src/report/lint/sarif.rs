//! `prep lint --format sarif`: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.
//!
//! One run; `tool.driver.rules` lists every registered rule in registry order, and each result points
//! at its rule by id and index. Regions carry 1-based lines and columns counted in Unicode code
//! points (`columnKind`), with `endColumn` exclusive as SARIF requires, and the exact byte span
//! (`byteOffset`/`byteLength`, bytes of the file: the same as the text's for UTF-8 sources, mapped
//! through `origins` for the ones decoded from UTF-16). Results keep the input order, so the output is deterministic.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{MAIN_SEPARATOR, Path};
use std::sync::Arc;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::lint::registry::RULES;
use crate::lint::{Diagnostic, Rule};
use crate::model::Severity;
use crate::report::lint::position::with_positions;
use crate::source::OriginalOffsets;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of prep's own entry in `partialFingerprints`; bump the version if the derivation changes.
pub const FINGERPRINT_KEY: &str = "prep/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message<'a>,
    locations: [Location; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    properties: Properties<'a>,
}

#[derive(Serialize)]
struct Message<'a> {
    text: &'a str,
}

/// What SARIF has no dedicated place for: the fix suggestion and the card.
#[derive(Serialize)]
struct Properties<'a> {
    help: &'a str,
    card: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    /// Left out when the file's text is unknown (no line or column to give).
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

pub fn write(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    texts: &BTreeMap<String, Arc<str>>,
    origins: &BTreeMap<String, OriginalOffsets>,
) -> std::io::Result<()> {
    let mut repeats: BTreeMap<String, usize> = BTreeMap::new();
    let results = with_positions(diagnostics, texts)
        .map(|(d, at)| {
            let (byte_offset, byte_length) = match origins.get(&d.file) {
                Some(origin) => origin.original_span(d.offset, d.length),
                None => (d.offset, d.length),
            };
            let region = (at.line > 0).then(|| Region {
                start_line: at.line,
                start_column: at.column,
                end_line: at.end_line,
                end_column: at.end_column + 1,
                byte_offset,
                byte_length,
            });
            let fingerprint = {
                let base = format!("{}:{}:{}", d.card, d.rule, span_hash(d, texts));
                let n = repeats.entry(base.clone()).or_default();
                *n += 1;
                format!("{base}:{n}")
            };
            SarifResult {
                rule_id: d.rule,
                rule_index: RULES.iter().position(|r| r.id() == d.rule),
                level: level(d.level),
                message: Message { text: &d.message },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: uri(&d.file) },
                        region,
                    },
                }],
                partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
                properties: Properties {
                    help: &d.help,
                    card: &d.card,
                },
            }
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "prep",
                    information_uri: information_uri(),
                    version: env!("CARGO_PKG_VERSION"),
                    rules: RULES.iter().map(|r| descriptor(*r)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// SARIF's name for a level.
pub fn level(level: Severity) -> &'static str {
    match level {
        Severity::Info => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// The crate's homepage or repository; none if Cargo.toml names neither (an empty URI is invalid).
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}

fn descriptor(rule: &dyn Rule) -> Descriptor {
    let doc = rule.doc();
    let indent = |s: &str| s.replace('\n', "\n  ");
    Descriptor {
        id: rule.id(),
        name: pascal_case(rule.id()),
        short_description: Text {
            text: doc.summary.to_owned(),
        },
        full_description: Text {
            text: doc.why.to_owned(),
        },
        help: Help {
            text: format!(
                "{}\n\nWhy: {}\n\nFlagged:\n  {}\n\nBetter:\n  {}",
                doc.summary,
                doc.why,
                indent(doc.bad),
                indent(doc.good)
            ),
            markdown: format!(
                "{}\n\n{}\n\n**Flagged:**\n\n{}\n\n**Better:**\n\n{}",
                doc.summary,
                doc.why,
                fenced(doc.bad),
                fenced(doc.good)
            ),
        },
        default_configuration: Configuration {
            level: level(rule.default_level()),
        },
    }
}

/// `vague-claim` → `VagueClaim`.
pub fn pascal_case(id: &str) -> String {
    id.split('-')
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
        })
        .collect()
}

/// A Markdown code block showing `text` verbatim, with a fence longer than any backtick run in it.
fn fenced(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}text\n{text}\n{fence}")
}

/// A short hash of the flagged text (white space collapsed, lowercased), so that a finding keeps its
/// fingerprint when other findings of the same rule are added to or removed from the card.
fn span_hash(d: &Diagnostic, texts: &BTreeMap<String, Arc<str>>) -> String {
    let span = texts
        .get(&d.file)
        .and_then(|text| text.get(d.offset..d.offset + d.length))
        .unwrap_or("");
    let normal = span
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    Sha256::digest(normal.as_bytes())[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The file as a URI reference: a relative path stays relative (with `/` separators); an absolute path
/// becomes a `file:` URI. Characters outside the URI path grammar are percent-encoded, `:` included so
/// that a relative path's first segment cannot read as a scheme.
pub fn uri(file: &str) -> String {
    let slashed = if MAIN_SEPARATOR == '\\' {
        file.replace('\\', "/")
    } else {
        file.to_owned()
    };
    let absolute = Path::new(file).is_absolute();
    let mut uri = String::new();
    let mut rest = slashed.as_str();
    if absolute {
        uri.push_str("file://");
        if !rest.starts_with('/') {
            // A Windows drive path: `C:/x` → `file:///C:/x`, keeping the drive's colon.
            uri.push('/');
            if let Some((drive, tail)) = rest.split_once(':') {
                uri.push_str(drive);
                uri.push(':');
                rest = tail;
            }
        }
    }
    for byte in rest.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => uri.push(char::from(byte)),
            b'-' | b'.' | b'_' | b'~' | b'/' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*'
            | b'+' | b',' | b';' | b'=' | b'@' => uri.push(char::from(byte)),
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(pascal_case("unsupported-metric"), "UnsupportedMetric");
        assert_eq!(uri("notes.md"), "notes.md");
        assert_eq!(uri("docs/my notes.md"), "docs/my%20notes.md");
        assert_eq!(uri("a:b/ü.md"), "a%3Ab/%C3%BC.md");
        if cfg!(unix) {
            assert_eq!(uri("/tmp/x y.md"), "file:///tmp/x%20y.md");
        }
    }

    #[test]
    fn fences_outgrow_backticks() {
        assert_eq!(fenced("a"), "```text\na\n```");
        assert_eq!(fenced("a ```b``` c"), "````text\na ```b``` c\n````");
    }
}
