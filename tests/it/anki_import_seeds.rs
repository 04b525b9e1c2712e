//! Acceptance on the seed pages, end to end: the `prep` binary builds `out/` from copies of the two
//! pages in ../shared/seeds, and real Anki imports the deck, imports it again, and takes an edited
//! answer in place. Skipped with a SKIPPED message when ../shared/seeds is missing.
//!
//! The pages are copied into a temporary `source/` (the copies are edited, never ../shared), with
//! `SOURCE_DATE_EPOCH` unset and their modification times set by the test: the deck's timestamps come
//! from those times, as they do for a user.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use crate::common::anki::{AnkiCollection, AnkiNote, Import, guids, note_with_guid, our_notetype};
use prep::export::Anki;
use serde_json::Value;
use tempfile::TempDir;

/// The copies' modification time before any edit, in seconds since the epoch.
const WRITTEN: u64 = 1_700_000_000;

/// A working directory with copies of the seed pages in `source/`.
struct Project {
    dir: TempDir,
    /// The copies, relative to `dir`, as they are named on the command line.
    files: Vec<String>,
}

impl Project {
    fn from_seeds(seeds: &Path) -> Self {
        let dir = TempDir::new().expect("temporary directory");
        fs::create_dir(dir.path().join("source")).expect("source/");
        let mut names: Vec<String> = fs::read_dir(seeds)
            .expect("seeds readable")
            .map(|entry| entry.expect("seed entry").file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".txt"))
            .collect();
        names.sort();
        assert_eq!(names.len(), 2, "the two seed pages: {names:?}");
        let files: Vec<String> = names.iter().map(|name| format!("source/{name}")).collect();
        let project = Self { dir, files };
        for (name, file) in names.iter().zip(&project.files) {
            fs::copy(seeds.join(name), project.path(file)).expect("seed copied");
            project.set_modified(file, WRITTEN);
        }
        project
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn set_modified(&self, file: &str, seconds: u64) {
        fs::File::options()
            .write(true)
            .open(self.path(file))
            .and_then(|f| f.set_modified(UNIX_EPOCH + Duration::from_secs(seconds)))
            .expect("modification time set");
    }

    /// Runs `prep` in the project directory with `SOURCE_DATE_EPOCH` unset; its stdout.
    fn prep(&self, args: &[&str]) -> String {
        let output = common::prep_command(self.dir.path(), args)
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .expect("prep runs");
        assert!(
            output.status.success(),
            "prep {args:?} failed ({}):\n{}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 stdout")
    }

    /// `prep build <the copies> -o out --allow-lint-errors`; the number on its `exported` line.
    fn build(&self) -> usize {
        let mut args: Vec<&str> = vec!["build"];
        args.extend(self.files.iter().map(String::as_str));
        args.extend(["-o", "out", "--allow-lint-errors"]);
        let stdout = self.prep(&args);
        stdout
            .lines()
            .find_map(|line| line.strip_prefix("exported"))
            .and_then(|rest| rest.trim().strip_suffix("cards"))
            .and_then(|count| count.trim().parse().ok())
            .unwrap_or_else(|| panic!("no `exported  N cards` line:\n{stdout}"))
    }

    /// The cards `prep parse --format json` reads from the copies.
    fn cards(&self) -> Vec<Value> {
        let mut args: Vec<&str> = vec!["parse"];
        args.extend(self.files.iter().map(String::as_str));
        args.extend(["--format", "json"]);
        let json: Value = serde_json::from_str(&self.prep(&args)).expect("JSON");
        json["cards"].as_array().expect("cards").clone()
    }

    /// Copies `out/<name>` to `<to>` and returns `<to>`.
    fn keep(&self, name: &str, to: &Path) -> PathBuf {
        fs::copy(self.path("out").join(name), to).expect("output copied");
        to.to_path_buf()
    }
}

/// Data rows of a CSV with a header row.
fn csv_rows(path: &Path) -> usize {
    let mut reader = csv::Reader::from_path(path).expect("CSV readable");
    let records: Result<Vec<_>, _> = reader.records().collect();
    records.expect("CSV records").len()
}

fn text(card: &Value, key: &str) -> String {
    card[key].as_str().unwrap_or_default().to_owned()
}

/// `file:line` as the Source field and the alternates' sources hold it.
fn source_of(card: &Value) -> String {
    let source = &card["source"];
    let file = source["file"].as_str().expect("file");
    let place = format!("{file}:{}", source["line"]);
    place
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The note whose Source field is `source`: the one made from the card there.
fn note_from<'a>(notes: &'a [AnkiNote], source: &str) -> Option<&'a AnkiNote> {
    notes.iter().find(|note| note.fields["Source"] == source)
}

/// Whether HTML shows any letter or digit once its tags are left out.
fn shows_text(html: &str) -> bool {
    let mut in_tag = false;
    html.chars().any(|c| {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
        !in_tag && c.is_alphanumeric()
    })
}

/// Every parsed card is a note (its Source field) or merged into one (an alternate with its source),
/// and no field of a note is empty where its card had text.
fn assert_every_card_is_in_a_note(cards: &[Value], notes: &[AnkiNote]) {
    let mut problems = Vec::new();
    for card in cards {
        let source = source_of(card);
        if let Some(note) = note_from(notes, &source) {
            for (key, field) in [
                ("question", "Question"),
                ("answer", "Answer"),
                ("example", "Example"),
            ] {
                let had = !text(card, key).trim().is_empty();
                if had && !shows_text(&note.fields[field]) {
                    problems.push(format!("{source}: empty {field} in note {}", note.guid));
                }
            }
        } else if let Some(note) = notes.iter().find(|note| {
            note.fields["Alternates"].contains(&format!("<p class=\"source\">{source}</p>"))
        }) {
            let alternate = note.fields["Alternates"]
                .split("<div class=\"alternate\">")
                .find(|div| div.contains(&format!("<p class=\"source\">{source}</p>")))
                .unwrap_or_default()
                .replace(&format!("<p class=\"source\">{source}</p>"), "");
            if !text(card, "answer").trim().is_empty() && !shows_text(&alternate) {
                problems.push(format!("{source}: empty alternate in note {}", note.guid));
            }
        } else {
            problems.push(format!(
                "{source}: in no note ({:?})",
                text(card, "question")
            ));
        }
    }
    common::assert_no_problems(&problems);
}

/// The card to edit: a note of its own (nothing merged into it, no lint tag, so the edit changes its
/// Answer and nothing else), whose answer opens with three words on a line found once in its file.
fn card_to_edit<'a>(
    project: &Project,
    cards: &'a [Value],
    notes: &[AnkiNote],
) -> (&'a Value, String) {
    cards
        .iter()
        .find_map(|card| {
            let note = note_from(notes, &source_of(card))?;
            if !note.fields["Alternates"].is_empty()
                || note.tags.iter().any(|t| t.starts_with("prep::"))
            {
                return None;
            }
            let answer = text(card, "answer");
            let first_line = answer.lines().next()?;
            let words: Vec<&str> = first_line.split(' ').take(4).collect();
            let ordinary = words.len() == 4
                && words[..3]
                    .iter()
                    .all(|w| w.chars().all(char::is_alphabetic));
            let file = fs::read_to_string(project.path(card["source"]["file"].as_str()?)).ok()?;
            (ordinary && file.matches(first_line).count() == 1)
                .then(|| (card, first_line.to_owned()))
        })
        .expect("a card of its own with an ordinary answer")
}

#[test]
fn the_seed_deck_imports_once_and_takes_an_edited_answer_in_place() {
    let Some(seeds) =
        common::seeds_or_skip("the_seed_deck_imports_once_and_takes_an_edited_answer_in_place")
    else {
        return;
    };
    let project = Project::from_seeds(&seeds);
    let exported = project.build();
    assert_eq!(csv_rows(&project.path("out/cards.csv")), exported);
    let anki = AnkiCollection::fresh();
    let first_deck = project.keep("deck.apkg", &anki.dir().join("first.apkg"));
    let mut csv_args: Vec<&str> = vec!["export", "csv"];
    csv_args.extend(project.files.iter().map(String::as_str));
    csv_args.extend(["--csv-flavor", "anki", "-o", "anki.csv"]);
    project.prep(&csv_args);
    let anki_csv = project.path("anki.csv");

    let imports = anki.import(&[&first_deck, &first_deck, &anki_csv]);
    let (first, again, text_import) = (&imports[0], &imports[1], &imports[2]);
    assert_eq!(first.log.new.len(), exported, "{:?}", first.log);
    assert_eq!(first.notes.len(), exported, "one note per exported card");
    assert!(
        first
            .notes
            .iter()
            .all(|note| note.notetype == Anki::NOTE_TYPE)
    );
    assert!(
        first
            .notes
            .iter()
            .all(|note| note.modified == WRITTEN as i64)
    );
    let cards = project.cards();
    assert_every_card_is_in_a_note(&cards, &first.notes);

    // The same file again adds and updates nothing.
    assert!(again.log.new.is_empty(), "{:?}", again.log);
    assert!(again.log.updated.is_empty(), "{:?}", again.log);
    assert!(again.log.conflicting.is_empty(), "{:?}", again.log);
    assert_eq!(again.log.duplicate.len(), exported);
    assert_eq!(again.notes, first.notes);
    // And so does the Anki CSV of the same sources: same GUIDs, fields and tags.
    assert!(text_import.log.new.is_empty(), "{:?}", text_import.log);
    assert!(text_import.log.updated.is_empty(), "{:?}", text_import.log);
    assert_eq!(
        text_import.log.duplicate.len(),
        exported,
        "{:?}",
        text_import.log
    );
    assert_eq!(text_import.notes, first.notes);

    // Change the first words of one answer, keep its question, and move the file's time forward.
    let (card, line) = card_to_edit(&project, &cards, &first.notes);
    let edited = note_from(&first.notes, &source_of(card))
        .expect("the card's note")
        .guid
        .clone();
    edit_answer(&project, card, &line);
    assert_eq!(project.build(), exported);
    let second_deck = project.keep("deck.apkg", &anki.dir().join("second.apkg"));
    let after = anki.import_one(&second_deck);
    assert_updated_in_place(first, &after, &edited);
}

/// Replaces the first three words of the card's answer line with `EDIT` and moves the file's
/// modification time an hour forward.
fn edit_answer(project: &Project, card: &Value, line: &str) {
    let file = card["source"]["file"].as_str().expect("file");
    let rest = line.splitn(4, ' ').nth(3).expect("a fourth word");
    let page = fs::read_to_string(project.path(file)).expect("copy readable");
    let page = page.replacen(line, &format!("{EDIT} {rest}"), 1);
    fs::write(project.path(file), page).expect("copy edited");
    project.set_modified(file, WRITTEN + 3600);
}

/// What replaces an answer's first three words.
const EDIT: &str = "Put simply, the";

/// The rebuilt deck added nothing and updated exactly the edited note, in place (same note and card
/// ids, tags and decks): its Answer changed and took the sources' new time; every other note, time
/// included, is as it was.
fn assert_updated_in_place(first: &Import, after: &Import, edited: &str) {
    assert!(after.log.new.is_empty(), "{:?}", after.log);
    assert!(after.log.conflicting.is_empty(), "{:?}", after.log);
    let edited_id = note_with_guid(after, edited).id;
    assert_eq!(
        after.log.updated,
        [edited_id],
        "Anki updated exactly the edited note"
    );
    assert_eq!(guids(&after.notes), guids(&first.notes), "same notes");
    for old in &first.notes {
        let new = note_with_guid(after, &old.guid);
        assert_eq!(new.id, old.id, "{}: same note", old.guid);
        assert_eq!(new.cards, old.cards, "{}: same cards", old.guid);
        let kept = (&new.tags, &new.decks);
        assert_eq!(kept, (&old.tags, &old.decks), "{}", old.guid);
        if old.guid != edited {
            assert_eq!(new.fields, old.fields, "{}: not edited", old.guid);
            assert_eq!(new.modified, old.modified, "{}: not touched", old.guid);
            continue;
        }
        let newer = (WRITTEN + 3600) as i64;
        assert_eq!(new.modified, newer, "{}: the sources' new time", old.guid);
        let answer = &new.fields["Answer"];
        assert!(
            answer.contains(EDIT) && answer != &old.fields["Answer"],
            "{answer}"
        );
        let mut rest = new.fields.clone();
        rest.insert("Answer".into(), old.fields["Answer"].clone());
        assert_eq!(rest, old.fields, "{}: only the Answer changes", old.guid);
    }
}

#[test]
fn building_twice_gives_identical_files_and_notes() {
    let Some(seeds) = common::seeds_or_skip("building_twice_gives_identical_files_and_notes")
    else {
        return;
    };
    let project = Project::from_seeds(&seeds);
    let kept = TempDir::new().expect("temporary directory");
    project.build();
    for name in ["deck.apkg", "cards.csv", "cards.md"] {
        project.keep(name, &kept.path().join(name));
    }
    project.build();

    for name in ["deck.apkg", "cards.csv", "cards.md"] {
        let (one, two) = (
            fs::read(kept.path().join(name)).expect("first build"),
            fs::read(project.path("out").join(name)).expect("second build"),
        );
        assert!(one == two, "{name} differs between two builds");
    }
    // And what Anki takes from the packages.
    let import = |package: &Path| -> Import { AnkiCollection::fresh().import_one(package) };
    let one = import(&kept.path().join("deck.apkg"));
    let two = import(&project.path("out/deck.apkg"));
    assert!(!one.notes.is_empty());
    // Note and card ids, GUIDs, fields, tags, decks and modification times alike.
    assert_eq!(one.notes, two.notes);
    assert_eq!(one.decks, two.decks);
    assert_eq!(our_notetype(&one), our_notetype(&two));
    assert!(one.notes.iter().all(|note| note.modified == WRITTEN as i64));
}
