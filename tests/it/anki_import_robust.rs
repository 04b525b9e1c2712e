//! Real Anki imports decks `prep` builds from pages that once gave decks it refused: control
//! characters in the text (U+001F is the separator of a note's fields) and `SOURCE_DATE_EPOCH=0`;
//! and from inputs large or deep enough to find quadratic steps: a 1 MB answer, 50,000 nested lists
//! and block quotes, megabytes on one line, thousands of files (so thousands of decks), each built
//! in time linear in the input. The harness is tests/it/common/anki.rs.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common;
use crate::common::anki::{AnkiCollection, Import, Options, our_notetype};
use prep::export::Anki;
use tempfile::TempDir;

/// How deep the notes' HTML nests lists and block quotes.
const MAX_NESTING: usize = Anki::MAX_NESTING;

/// Every control character Anki cannot take or the page would not show, once each.
const CONTROLS: &str = "\u{1}\u{7}\u{8}\u{b}\u{c}\u{1b}\u{1e}\u{1f}\u{7f}\u{85}\u{9f}";

/// `prep build` of `page` (as `source/NAME`) at `epoch`; the deck imported into a new collection.
fn build_and_import(name: &str, page: &str, epoch: &str) -> Import {
    let dir = TempDir::new().expect("temporary directory");
    fs::create_dir(dir.path().join("source")).expect("source/");
    fs::write(dir.path().join("source").join(name), page).expect("page written");
    let output = common::prep_command(dir.path(), &["build", "--allow-lint-errors"])
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .expect("prep runs");
    assert!(
        output.status.success(),
        "prep build failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    import(&dir.path().join("out/deck.apkg"))
}

fn import(deck: &Path) -> Import {
    let anki = AnkiCollection::fresh();
    let copy = anki.dir().join("deck.apkg");
    fs::copy(deck, &copy).expect("deck copied");
    anki.import_one(&copy)
}

#[test]
fn control_characters_in_a_page_leave_its_cards_and_anki_takes_the_deck() {
    // In the file name too, so in the deck name, a tag and the Source field.
    let name = "pasted\u{1f}notes.md";
    let page = format!(
        "---\ntags: [pasted]\n---\n\n\
         ## What is a field{CONTROLS} separator?\n\n\
         A character{CONTROLS} that splits one record into fields.\n\n\
         > Seen in a dump{CONTROLS}.\n\n\
         ## Why are control characters invisible?\n\n\
         They{CONTROLS} are not meant to be shown.\n"
    );
    let import = build_and_import(name, &page, "1700000000");
    assert_eq!(import.log.new.len(), 2, "{:?}", import.log);
    assert_eq!(import.notes.len(), 2);
    our_notetype(&import);
    let removed = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    for note in &import.notes {
        assert_eq!(note.fields.len(), Anki::FIELD_NAMES.len());
        for (name, html) in &note.fields {
            assert!(!html.contains(removed), "{name}: {html:?}");
        }
        for text in note.tags.iter().chain(&note.decks) {
            assert!(!text.contains(removed), "{text:?}");
        }
    }
    let separator = import
        .notes
        .iter()
        .find(|note| note.fields["Question"].contains("field"))
        .expect("the first question");
    // The white-space controls (U+000B, U+000C, U+0085) are spaces to the parser already.
    let words: Vec<&str> = separator.fields["Question"].split_whitespace().collect();
    assert_eq!(words.join(" "), "What is a field separator?");
    assert!(separator.fields["Answer"].contains("A character that splits"));
    assert_eq!(separator.decks, ["Interview questions::pastednotes"]);
    assert_eq!(separator.fields["Source"], "source/pastednotes.md:5");
}

#[test]
fn a_deck_built_with_source_date_epoch_zero_imports() {
    let page = "## What is the epoch?\n\n1970-01-01 00:00 UTC.\n\n\
                ## Why set SOURCE_DATE_EPOCH?\n\nReproducible builds.\n";
    let import = build_and_import("epoch.md", page, "0");
    assert_eq!(import.log.new.len(), 2, "{:?}", import.log);
    assert!(import.log.missing_notetype.is_empty(), "{:?}", import.log);
    assert_eq!(import.notes.len(), 2);
    assert!(
        import
            .notes
            .iter()
            .all(|note| note.notetype == our_notetype(&import).name)
    );
    assert!(import.notes.iter().all(|note| note.id > 0));
}

// ---------------------------------------------------------------------------------------------------
// Large and deep inputs: `prep build` finishes, in time linear in the input, and Anki takes the deck.

/// How much longer `prep build` may take on an input four times as large: 4 when its time is linear,
/// 16 when quadratic. The fixed costs (starting up, compiling the patterns) only lower the ratio.
const GROWTH_BOUND: f64 = 8.0;

/// Longest a single build in these tests may run (a debug build; a quadratic one ran for minutes).
const DEADLINE: Duration = Duration::from_secs(120);

/// A project whose `source/` holds `pages` (file name, text).
fn project(pages: impl IntoIterator<Item = (String, String)>) -> TempDir {
    let dir = TempDir::new().expect("temporary directory");
    let source = dir.path().join("source");
    fs::create_dir(&source).expect("source/");
    for (name, text) in pages {
        fs::write(source.join(name), text).expect("page written");
    }
    dir
}

/// `prep build --allow-lint-errors` in `dir`, and how long it took. Fails when it fails, panics, or
/// runs past [`DEADLINE`].
fn timed_build(dir: &Path) -> Duration {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_prep"))
        .current_dir(dir)
        .args(["build", "--allow-lint-errors"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("prep runs");
    // Read stderr as it comes, so a chatty run cannot block on a full pipe.
    let mut stderr = child.stderr.take().expect("stderr piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("prep waited for") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("prep build ran for more than {DEADLINE:?} in {dir:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    let stderr = reader.join().expect("stderr read");
    assert!(status.success(), "prep build failed ({status}):\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    elapsed
}

/// Builds `make(n / 4)` and `make(n)`, and fails when the larger took more than [`GROWTH_BOUND`]
/// times as long (timed again first, since another build on the machine can stall one run).
/// Returns the larger project, built.
fn build_in_linear_time(what: &str, n: usize, make: impl Fn(usize) -> TempDir) -> TempDir {
    let (small, large) = (make(n / 4), make(n));
    let (mut small_time, mut large_time) = (timed_build(small.path()), timed_build(large.path()));
    let ratio = |small: Duration, large: Duration| large.as_secs_f64() / small.as_secs_f64();
    if ratio(small_time, large_time) > GROWTH_BOUND {
        small_time = small_time.min(timed_build(small.path()));
        large_time = large_time.min(timed_build(large.path()));
    }
    let growth = ratio(small_time, large_time);
    eprintln!(
        "{what}: {small_time:.2?} at {}, {large_time:.2?} at {n}",
        n / 4
    );
    assert!(
        growth <= GROWTH_BOUND,
        "{what}: {small_time:.2?} at {}, {large_time:.2?} at {n}: {growth:.1} times as long for 4 \
         times the input",
        n / 4
    );
    large
}

/// The deck of a built project, imported into a new collection; only counted when `count_only`.
fn import_built(dir: &Path, count_only: bool) -> Import {
    let anki = AnkiCollection::fresh();
    let copy = anki.dir().join("deck.apkg");
    fs::copy(dir.join("out/deck.apkg"), &copy).expect("deck copied");
    let options = Options {
        count_only,
        ..Options::default()
    };
    anki.import_with(&[&copy], options).0.remove(0)
}

/// One page holding one question and `answer`.
fn one_card(question: &str, answer: String) -> TempDir {
    project([("page.md".to_owned(), format!("## {question}\n\n{answer}\n"))])
}

#[test]
fn a_one_megabyte_answer_builds_in_linear_time_and_imports() {
    let paragraph = "Replication copies every write to a follower before the leader answers, \
                     so a lost leader loses nothing that was acknowledged.\n\n";
    let answer = |bytes: usize| paragraph.repeat(bytes / paragraph.len());
    let dir = build_in_linear_time("a long answer", 1 << 20, |bytes| {
        one_card("How does synchronous replication work?", answer(bytes))
    });
    let import = import_built(dir.path(), false);
    assert_eq!(import.note_count, 1);
    let shown = &import.notes[0].fields["Answer"];
    assert!(shown.len() > 1 << 20, "{}", shown.len());
    assert_eq!(
        shown.matches("<p>Replication").count(),
        (1 << 20) / paragraph.len()
    );
}

#[test]
fn fifty_thousand_nested_lists_build_in_linear_time_and_import() {
    // `- - - x` opens a list inside a list at each marker: 50,000 levels on one line.
    let dir = build_in_linear_time("nested lists", 50_000, |depth| {
        one_card(
            "How deep can a list go?",
            format!("{}the bottom", "- ".repeat(depth)),
        )
    });
    let import = import_built(dir.path(), false);
    assert_eq!(import.note_count, 1);
    let answer = &import.notes[0].fields["Answer"];
    assert!(answer.contains("the bottom"), "the innermost text is kept");
    assert_eq!(
        answer.matches("<ul>").count(),
        MAX_NESTING,
        "nested at most {MAX_NESTING} deep"
    );
}

#[test]
fn fifty_thousand_nested_block_quotes_build_in_linear_time_and_import() {
    let dir = build_in_linear_time("nested quotes", 50_000, |depth| {
        one_card(
            "How deep can a quote go?",
            format!("{} the bottom", ">".repeat(depth)),
        )
    });
    let import = import_built(dir.path(), false);
    assert_eq!(import.note_count, 1);
    let answer = &import.notes[0].fields["Answer"];
    assert!(answer.contains("the bottom"), "the innermost text is kept");
    assert_eq!(answer.matches("<blockquote>").count(), MAX_NESTING);
}

/// Megabytes on one line: 4 by default (about 5 seconds in a debug build); more with
/// `PREP_LONG_LINE_MB`, e.g. `PREP_LONG_LINE_MB=100 cargo test --release --test it anki_import_robust::
/// long_single_line` (see README).
#[test]
fn a_long_single_line_builds_in_linear_time_and_imports() {
    let megabytes: usize = std::env::var("PREP_LONG_LINE_MB")
        .ok()
        .and_then(|mb| mb.parse().ok())
        .unwrap_or(4);
    let dir = build_in_linear_time("one long line", megabytes << 20, |bytes| {
        one_card("What fills a long line?", "word ".repeat(bytes / 5))
    });
    let import = import_built(dir.path(), true);
    assert_eq!(import.note_count, 1, "{:?}", import.log);
}

/// Source files, each a subdeck: 5,000 by default (about 6 seconds in a debug build); more with
/// `PREP_MANY_FILES`, e.g. `PREP_MANY_FILES=20000 cargo test --release --test it anki_import_robust::
/// many_files` (see README).
#[test]
fn many_files_build_in_linear_time_and_import_as_as_many_decks() {
    let files: usize = std::env::var("PREP_MANY_FILES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000);
    let pages = |count: usize| {
        project((0..count).map(|n| {
            (
                format!("topic-{n:05}.md"),
                format!("# Topic {n}\n\n## What is entry {n} of the catalogue?\n\nThe entry kept under number {n}.\n"),
            )
        }))
    };
    let dir = build_in_linear_time("many files", files, pages);
    let import = import_built(dir.path(), true);
    assert_eq!(import.note_count, files, "{:?}", import.log.new.len());
    // Each file's deck, the root deck and Default.
    assert_eq!(import.decks.len(), files + 2);
    assert!(
        import
            .decks
            .iter()
            .any(|deck| deck == "Interview questions::Topic 0")
    );
}
