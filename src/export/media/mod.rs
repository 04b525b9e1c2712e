//! The images that go with the deck: every local image a card refers to (a Markdown `![alt](src)` or a
//! raw `<img src>`), read once, named by its content, and packaged as Anki media.
//!
//! Owns finding which files the cards refer to, reading them ([`read`]), and answering, for a card's
//! `src`, the name its file has in the deck. Not where references sit in the text (that is
//! [`crate::export::html`], so the references found are the ones the fields render), nor how the
//! files go into the package ([`crate::export::anki`]). A reference that cannot be packaged is a
//! warning naming the card, and the card keeps it as written; web addresses and inline data are
//! left as they are and counted.

mod read;
pub mod reference;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::export::html::image_sources;
use crate::export::{Export, ExportWarning};
use crate::model::SourceRef;

use read::{Unpackaged, read_image};
use reference::{Target, resolve};

/// The images of one export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Media {
    /// The stored name of each packaged file, by the path its references resolve to.
    names: BTreeMap<PathBuf, String>,
    /// Each stored file's bytes, by name: the order the package numbers them in.
    files: BTreeMap<String, Vec<u8>>,
    /// Distinct image sources that are web addresses or inline data.
    remote: usize,
    /// References that could not be packaged, once per card and `src`.
    unpackaged: usize,
}

impl Media {
    /// Reads every local image the export's cards (and their merged duplicates) refer to. Returns
    /// the media and a warning per card and reference that could not be packaged, in export order.
    pub fn collect(export: &Export) -> (Media, Vec<ExportWarning>) {
        let mut collector = Collector::default();
        for entry in &export.entries {
            let card = &entry.card;
            collector.card(
                &card.source,
                [&card.question, &card.answer],
                card.example.as_deref(),
            );
            for alternate in &entry.alternates {
                collector.card(
                    &alternate.source,
                    [&alternate.question, &alternate.answer],
                    alternate.example.as_deref(),
                );
            }
        }
        let media = Media {
            remote: collector.remote.len(),
            unpackaged: collector.warnings.len(),
            ..collector.media
        };
        (media, collector.warnings)
    }

    /// The name in the deck of the file `src` names in a card from `source_file`, if it was packaged.
    pub fn stored_name(&self, source_file: &str, src: &str) -> Option<String> {
        match resolve(source_file, src) {
            Target::File(path) => self.names.get(&path).cloned(),
            Target::Nothing | Target::Remote => None,
        }
    }

    /// The packaged files, by name.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
    }

    /// How many files are packaged.
    pub fn stored(&self) -> usize {
        self.files.len()
    }

    /// How many distinct image sources are web addresses or inline data, left as written.
    pub fn remote(&self) -> usize {
        self.remote
    }

    /// How many references (per card) could not be packaged.
    pub fn unpackaged(&self) -> usize {
        self.unpackaged
    }

    /// Media holding these files, for tests of what is written.
    #[cfg(test)]
    pub(crate) fn with_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Media {
        Media {
            files: files
                .into_iter()
                .map(|(name, bytes)| (name.to_owned(), bytes.to_vec()))
                .collect(),
            ..Media::default()
        }
    }
}

/// The state of [`Media::collect`].
#[derive(Default)]
struct Collector<'a> {
    media: Media,
    remote: BTreeSet<String>,
    /// Why each path that could not be packaged was not: asked once, reported for every card.
    failed: BTreeMap<PathBuf, Unpackaged>,
    /// (card file, card line, src) already warned of.
    warned: BTreeSet<(&'a str, usize, String)>,
    warnings: Vec<ExportWarning>,
}

impl<'a> Collector<'a> {
    /// The images in the text of one card (or merged duplicate) from `source`.
    fn card(&mut self, source: &'a SourceRef, texts: [&'a str; 2], example: Option<&'a str>) {
        for text in texts.into_iter().chain(example) {
            for src in image_sources(text) {
                self.reference(source, src);
            }
        }
    }

    fn reference(&mut self, source: &'a SourceRef, src: String) {
        let path = match resolve(&source.file, &src) {
            Target::Nothing => return,
            Target::Remote => {
                self.remote.insert(src);
                return;
            }
            Target::File(path) => path,
        };
        if self.media.names.contains_key(&path) {
            return;
        }
        let reason = match self.failed.get(&path) {
            Some(reason) => reason.clone(),
            None => match read_image(&path) {
                Ok(stored) => {
                    self.media
                        .files
                        .entry(stored.name.clone())
                        .or_insert(stored.bytes);
                    self.media.names.insert(path, stored.name);
                    return;
                }
                Err(reason) => {
                    self.failed.insert(path.clone(), reason.clone());
                    reason
                }
            },
        };
        if !self
            .warned
            .insert((source.file.as_str(), source.line, src.clone()))
        {
            return;
        }
        let reason = match reason {
            Unpackaged::Missing => format!("no such file: {}", path.display()),
            other => other.to_string(),
        };
        self.warnings.push(ExportWarning::ImageNotPackaged {
            card: source.to_string(),
            src,
            reason,
        });
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;
    use crate::export::Entry;
    use crate::lint::rules::test_support::card;
    use crate::model::{Alternate, Card};

    /// A card from `file` at `line` with `answer`.
    fn card_at(file: &Path, line: usize, answer: &str) -> Card {
        let mut card = card("What is shown?", answer);
        card.source.file = file.display().to_string();
        card.source.line = line;
        card
    }

    fn export(cards: Vec<Card>) -> Export {
        let entries = cards
            .into_iter()
            .enumerate()
            .map(|(n, card)| Entry {
                guid: format!("g{n}"),
                card,
                alternates: Vec::new(),
                also_asked_as: Vec::new(),
                deck: "Deck".into(),
                tags: Vec::new(),
                findings: Vec::new(),
            })
            .collect();
        Export {
            title: "Deck".into(),
            entries,
            modified: 0,
            media: Media::default(),
        }
    }

    #[test]
    fn an_image_many_cards_show_is_stored_once_and_same_names_do_not_collide() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("db/img")).unwrap();
        fs::create_dir_all(dir.path().join("web/img")).unwrap();
        fs::write(dir.path().join("db/img/diagram.png"), b"b-tree").unwrap();
        fs::write(dir.path().join("web/img/diagram.png"), b"dom tree").unwrap();
        let db = dir.path().join("db/index.md");
        let web = dir.path().join("web/notes.md");
        let export = export(vec![
            card_at(&db, 3, "![B-tree](img/diagram.png)"),
            card_at(&db, 9, "Again: <img src=\"img/diagram.png\">"),
            card_at(
                &web,
                5,
                "![DOM](img/diagram.png) and ![logo](https://x.org/l.png)",
            ),
        ]);
        let (media, warnings) = Media::collect(&export);
        assert!(warnings.is_empty(), "{warnings:?}");
        let files: Vec<(&str, &[u8])> = media.files().collect();
        assert_eq!(files.len(), 2, "{files:?}");
        let b_tree = media.stored_name(&db.display().to_string(), "img/diagram.png");
        let dom = media.stored_name(&web.display().to_string(), "img/diagram.png");
        assert_eq!(
            b_tree.as_deref(),
            Some(reference::stored_name(b"b-tree", "png").as_str())
        );
        assert_eq!(
            dom.as_deref(),
            Some(reference::stored_name(b"dom tree", "png").as_str())
        );
        assert_eq!(
            (media.stored(), media.remote(), media.unpackaged()),
            (2, 1, 0)
        );
        let web = web.display().to_string();
        assert_eq!(media.stored_name(&web, "https://x.org/l.png"), None);
        assert_eq!(media.stored_name(&web, "img/missing.png"), None);
    }

    #[test]
    fn a_missing_file_is_a_warning_naming_the_card_and_the_path_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("page.md");
        let mut export = export(vec![
            card_at(
                &page,
                4,
                "![gone](img/gone.png) twice: ![gone](img/gone.png)",
            ),
            card_at(
                &page,
                12,
                "<img src='img/gone.png'> and ![notes](notes.txt)",
            ),
        ]);
        // A merged duplicate's images are read from its own file.
        let other = dir.path().join("sub/other.md");
        let merged = card_at(&other, 7, "![x](../x.gif)");
        export.entries[0].alternates.push(Alternate {
            id: merged.id,
            question: merged.question,
            answer: merged.answer,
            example: None,
            source: merged.source,
        });
        let (media, warnings) = Media::collect(&export);
        let file = page.display();
        let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                format!(
                    "{file}:4: the image `img/gone.png` is not in the deck: no such file: {}",
                    dir.path().join("img/gone.png").display()
                ),
                format!(
                    "{}:7: the image `../x.gif` is not in the deck: no such file: {}",
                    other.display(),
                    dir.path().join("sub/../x.gif").display()
                ),
                format!(
                    "{file}:12: the image `img/gone.png` is not in the deck: no such file: {}",
                    dir.path().join("img/gone.png").display()
                ),
                format!(
                    "{file}:12: the image `notes.txt` is not in the deck: not an image type that is packaged (avif, bmp, gif, ico, jpeg, jpg, png, svg, webp)"
                ),
            ]
        );
        assert_eq!((media.stored(), media.unpackaged()), (0, 4));
    }
}
