//! Parsed documents + duplicate clusters + lint diagnostics → the [`Export`] every format writes.
//!
//! Owns the export's identities: note GUIDs, deck names and tags. A pure function over data; the
//! caller supplies the modification time (it reads the disk or `SOURCE_DATE_EPOCH`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sha2::{Digest, Sha256};

use crate::dedup::merge::Dedup;
use crate::export::media::Media;
use crate::export::{Entry, Export, ExportedFinding};
use crate::lint::Diagnostic;
use crate::model::{Card, ParsedDocument};
use crate::normalize::normalize_question;

/// The root deck (and document title) when `[export] deck` is not set.
pub const DEFAULT_DECK: &str = "Interview questions";

/// Tag of a card that absorbed duplicates.
pub const MERGED_TAG: &str = "prep::dup";

/// Lint rules that say nothing about an exported card: its repeats are merged into it.
const NOT_EXPORTED: &[&str] = &["duplicate-question", "unused-suppression"];

/// Builds the export. `cards` are the documents' cards in order (the slice `dedup` indexes);
/// `diagnostics` the lint results over them; `modified` seconds since the epoch.
pub fn assemble(
    title: &str,
    documents: &[ParsedDocument],
    cards: &[Card],
    dedup: &Dedup,
    diagnostics: &[Diagnostic],
    modified: i64,
) -> Export {
    let decks: BTreeMap<&str, String> = documents
        .iter()
        .map(|d| (d.file.as_str(), deck_name(title, d)))
        .collect();
    let mut findings: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for diagnostic in diagnostics
        .iter()
        .filter(|d| !NOT_EXPORTED.contains(&d.rule))
    {
        findings
            .entry(diagnostic.card.as_str())
            .or_default()
            .push(diagnostic);
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); cards.len()];
    for (card, &canonical) in dedup.canonical_of.iter().enumerate() {
        members[canonical].push(card);
    }
    let mut guids = Guids::default();
    let mut entries = dedup
        .cards(cards)
        .into_iter()
        .zip((0..cards.len()).filter(|&i| dedup.canonical_of[i] == i))
        .map(|(deduped, canonical)| {
            // The cluster's first member in source order: its identity, its deck.
            let first = members[canonical]
                .iter()
                .map(|&i| &cards[i])
                .min_by(|a, b| {
                    (&a.source.file, a.source.offset).cmp(&(&b.source.file, b.source.offset))
                })
                .unwrap_or(&cards[canonical]);
            let guid = guids.unique(&normalize_question(&first.question));
            let deck = decks
                .get(first.source.file.as_str())
                .cloned()
                .unwrap_or_else(|| title.to_owned());
            let own: Vec<ExportedFinding> = members[canonical]
                .iter()
                .flat_map(|&i| findings.get(cards[i].id.0.as_str()).into_iter().flatten())
                .map(|d| ExportedFinding {
                    rule: d.rule.to_owned(),
                    level: d.level,
                    message: d.message.clone(),
                })
                .collect();
            let tags = tags(first, &deduped.card, !deduped.alternates.is_empty(), &own);
            let position = (first.source.file.clone(), first.source.offset);
            let entry = Entry {
                guid,
                card: deduped.card,
                alternates: deduped.alternates,
                also_asked_as: deduped.also_asked_as,
                deck,
                tags,
                findings: own,
            };
            (position, entry)
        })
        .collect::<Vec<_>>();
    // Where each question is first asked: stable when another member's answer becomes the kept one.
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Export {
        title: title.to_owned(),
        entries: entries.into_iter().map(|(_, entry)| entry).collect(),
        modified,
        // Reading the images is the caller's: it touches the disk, and not every format needs them.
        media: Media::default(),
    }
}

/// The GUIDs handed out so far, and for each normalised question the occurrence to try next.
#[derive(Default)]
struct Guids {
    taken: BTreeSet<String>,
    next: HashMap<String, usize>,
}

impl Guids {
    /// A GUID from the normalised question: 16 hex digits of SHA-256, unique within the export (a
    /// second card with the same question, possible only when merging is off or refused, gets a
    /// counter). Counting on from the question's last occurrence keeps a page that asks "Why?"
    /// 5,000 times linear: the n-th copy is hashed once, not n times.
    fn unique(&mut self, normalized: &str) -> String {
        let occurrence = self.next.entry(normalized.to_owned()).or_insert(0);
        loop {
            let mut hasher = Sha256::new();
            hasher.update(b"prep-note\0");
            hasher.update(normalized.as_bytes());
            if *occurrence > 0 {
                hasher.update(format!("\0{occurrence}").as_bytes());
            }
            let digest = hasher.finalize();
            *occurrence += 1;
            let guid: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
            if self.taken.insert(guid.clone()) {
                return guid;
            }
        }
    }
}

/// `<root>::<document>`: the document part from front matter `deck`, else its title, else the file
/// name without extension. `::` inside the document part keeps its hierarchy.
pub fn deck_name(root: &str, document: &ParsedDocument) -> String {
    let stem = std::path::Path::new(&document.file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| document.file.clone());
    let own = document
        .meta
        .deck
        .as_deref()
        .or(document.meta.title.as_deref())
        .unwrap_or(&stem);
    std::iter::once(root)
        .chain(own.split("::"))
        .map(|part| part.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("::")
}

/// Anki tags: the source document, the section, the card's own tags, `prep::dup` when duplicates
/// were merged in, `prep::<rule>` per lint rule with a finding. Anki splits tags on white space, so
/// white space inside one becomes `_`.
fn tags(first: &Card, kept: &Card, merged: bool, findings: &[ExportedFinding]) -> Vec<String> {
    let tag = |text: &str| text.split_whitespace().collect::<Vec<_>>().join("_");
    let stem = std::path::Path::new(&first.source.file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tags = BTreeSet::new();
    if !stem.is_empty() {
        tags.insert(format!("source::{}", tag(&stem)));
    }
    if let Some(section) = kept.section.as_deref().filter(|s| !s.trim().is_empty()) {
        tags.insert(format!("section::{}", tag(section)));
    }
    tags.extend(kept.tags.iter().map(|t| tag(t)).filter(|t| !t.is_empty()));
    if merged {
        tags.insert(MERGED_TAG.to_owned());
    }
    tags.extend(findings.iter().map(|f| format!("prep::{}", f.rule)));
    tags.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::analyze::Analyzer;
    use crate::dedup::merge::{Keep, dedup};
    use crate::lint::rules::test_support::card;
    use crate::model::{DocumentMeta, Severity};

    fn at(mut card: Card, file: &str, offset: usize) -> Card {
        card.source.file = file.into();
        card.source.offset = offset;
        card.id = crate::model::CardId(format!("{file}@{offset}"));
        card
    }

    fn document(file: &str, title: Option<&str>, cards: Vec<Card>) -> ParsedDocument {
        ParsedDocument {
            file: file.into(),
            layout: None,
            meta: DocumentMeta {
                title: title.map(str::to_owned),
                deck: None,
            },
            cards,
            skipped: Vec::new(),
            explain: Vec::new(),
        }
    }

    fn export(
        cards: Vec<Card>,
        documents: &[ParsedDocument],
        diagnostics: &[Diagnostic],
    ) -> Export {
        let result = dedup(&cards, &Analyzer::default(), 0.65, Keep::MostComplete, 0.0);
        assemble("Root", documents, &cards, &result, diagnostics, 7)
    }

    #[test]
    fn merged_cards_keep_the_first_members_identity_whatever_answer_is_kept() {
        let short = at(card("What is a cache?", "Fast storage."), "a.md", 0);
        let long = at(
            card(
                "What is a cache?",
                "A store of recent results, kept close to the reader.",
            ),
            "b.md",
            0,
        );
        let documents = [
            document("a.md", Some("Basics"), vec![short.clone()]),
            document("b.md", None, vec![long.clone()]),
        ];
        let merged = export(vec![short.clone(), long.clone()], &documents, &[]);
        assert_eq!(merged.entries.len(), 1);
        let entry = &merged.entries[0];
        assert_eq!(
            entry.card.answer, long.answer,
            "most-complete keeps b.md's answer"
        );
        assert_eq!(entry.deck, "Root::Basics", "the first member's deck");
        assert!(entry.tags.contains(&MERGED_TAG.to_owned()));
        assert!(entry.tags.contains(&"source::a".to_owned()));

        // Editing a.md's answer to be the longest moves the kept card, not the identity.
        let mut edited = short.clone();
        edited.answer =
            "A much longer answer now, longer than any other answer in the cluster.".into();
        let again = export(vec![edited, long], &documents, &[]);
        assert_eq!(again.entries[0].guid, entry.guid);
        assert_ne!(again.entries[0].card.answer, entry.card.answer);
    }

    #[test]
    fn repeated_questions_get_counted_guids_each_hashed_once() {
        // The same question three times over: the counter goes on from the last copy.
        let mut guids = Guids::default();
        let first = guids.unique("why");
        let second = guids.unique("why");
        let other = guids.unique("how");
        let third = guids.unique("why");
        let expected = |occurrence: usize| {
            let mut hasher = Sha256::new();
            hasher.update(b"prep-note\0why");
            if occurrence > 0 {
                hasher.update(format!("\0{occurrence}").as_bytes());
            }
            let digest = hasher.finalize();
            digest[..8]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        assert_eq!(
            [&first, &second, &third],
            [&expected(0), &expected(1), &expected(2)]
        );
        assert_ne!(other, first);
        assert_eq!(guids.next["why"], 3, "three hashes for three copies");
    }

    #[test]
    fn guids_differ_per_question_and_ignore_case_and_spacing() {
        let a = at(card("What is a cache?", "x"), "a.md", 0);
        let b = at(card("How does TCP start a connection?", "y"), "a.md", 10);
        let documents = [document("a.md", None, vec![a.clone(), b.clone()])];
        let one = export(vec![a.clone(), b.clone()], &documents, &[]);
        assert_eq!(one.entries.len(), 2);
        assert_ne!(one.entries[0].guid, one.entries[1].guid);
        let respaced = at(card("what  is a CACHE", "x"), "a.md", 0);
        let two = export(vec![respaced, b], &documents, &[]);
        assert_eq!(two.entries[0].guid, one.entries[0].guid);
        assert_eq!(one.entries[0].guid.len(), 16);
        assert_eq!(
            one.entries[0].deck, "Root::a",
            "the file name without a title"
        );
    }

    #[test]
    fn findings_become_tags_except_duplicate_question() {
        let a = at(card("What is a cache?", "It is robust."), "a.md", 0);
        let id = a.id.0.clone();
        let diagnostic = |rule: &'static str| Diagnostic {
            rule,
            level: Severity::Warning,
            message: "m".into(),
            help: "h".into(),
            file: "a.md".into(),
            offset: 0,
            length: 1,
            card: id.clone(),
        };
        let documents = [document("a.md", None, vec![a.clone()])];
        let out = export(
            vec![a],
            &documents,
            &[diagnostic("vague-claim"), diagnostic("duplicate-question")],
        );
        let entry = &out.entries[0];
        assert_eq!(entry.findings.len(), 1);
        assert_eq!(entry.tags, ["prep::vague-claim", "source::a"]);
    }

    #[test]
    fn deck_names_nest_and_tidy_white_space() {
        let mut doc = document("notes/sys design.md", Some("System  design"), Vec::new());
        assert_eq!(deck_name("Root", &doc), "Root::System design");
        doc.meta.deck = Some("Backend :: Caching".into());
        assert_eq!(deck_name("Root", &doc), "Root::Backend::Caching");
        doc.meta = DocumentMeta::default();
        assert_eq!(deck_name("Root", &doc), "Root::sys design");
    }
}
