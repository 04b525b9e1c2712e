//! `prep build` and `prep export` end to end: the files written, the summary, reproducibility, the
//! lint gate, atomic writes and the errors a user can run into. (Real Anki importing the deck is in
//! tests/it/anki_import.rs, and of decks built from the seed pages in tests/it/anki_import_seeds.rs.)

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{self, text};

fn prep(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut command = common::prep_command(dir, args);
    command.env_remove("SOURCE_DATE_EPOCH");
    for (key, value) in envs {
        command.env(key, value);
    }
    command.output().unwrap()
}

/// A diagnostic's words on one line: miette wraps them at 80 columns behind a `│`.
fn unwrapped(stderr: &str) -> String {
    let words: Vec<&str> = stderr.split_whitespace().filter(|w| *w != "│").collect();
    words.join(" ")
}

/// A working directory with a `source/` of two small documents of our own, one question repeated.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source");
    fs::create_dir(&source).unwrap();
    fs::write(
        source.join("caching.md"),
        "---\ntitle: Caching\n---\n\n## What is a write-through cache?\n\nThe write goes to the cache and the database in one request.\n\n## How do you pick a TTL?\n\nFrom how stale the data may be, per key type.\n",
    )
    .unwrap();
    fs::write(
        source.join("page.txt"),
        "Backend Questions\n\n1. What is a write-through cache?\n\nA cache updated on every write, together with the database, so reads see new values.\n\n2. Why is `Vec<T>` growable?\n\nIt keeps a capacity <b>larger</b> than its length & reallocates when full.\n",
    )
    .unwrap();
    dir
}

fn out_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir.join("out"))
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn build_writes_three_files_and_a_summary() {
    let dir = project();
    let out = prep(dir.path(), &["build"], &[]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    let names: Vec<String> = out_files(dir.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["cards.csv", "cards.md", "deck.apkg"]);
    assert!(
        stdout.contains("parsed    4 cards from 2 file(s)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("merged    1 repeated question(s) into 1 card(s)"),
        "{stdout}"
    );
    assert!(stdout.contains("exported  3 cards"), "{stdout}");
    assert!(stdout.contains("lint      0 error(s)"), "{stdout}");
    assert!(stdout.contains("out/deck.apkg ("), "{stdout}");
    let csv = fs::read_to_string(dir.path().join("out/cards.csv")).unwrap();
    assert_eq!(
        csv.lines().filter(|l| l.contains("write-through")).count(),
        1,
        "{csv}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir.path().join("out/deck.apkg"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o644,
            "exports are ordinary files, readable by others"
        );
    }
}

#[test]
fn same_input_gives_byte_identical_files() {
    let dir = project();
    let read = |name: &str| fs::read(dir.path().join("out").join(name)).unwrap();
    assert!(prep(dir.path(), &["build"], &[]).status.success());
    let (deck, csv, md) = (read("deck.apkg"), read("cards.csv"), read("cards.md"));
    // A second apart: nothing in the files may come from the clock.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(prep(dir.path(), &["build"], &[]).status.success());
    assert!(read("deck.apkg") == deck, "deck.apkg differs");
    assert_eq!(read("cards.csv"), csv);
    assert_eq!(read("cards.md"), md);
}

#[test]
fn lint_gate_fails_after_writing_and_can_be_overridden() {
    let dir = project();
    fs::write(
        dir.path().join("lints.toml"),
        "[rules.vague-claim]\nlevel = \"error\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("source/claims.md"),
        "## How did the migration go?\n\nIt was a huge success.\n",
    )
    .unwrap();
    let out = prep(dir.path(), &["build"], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        out_files(dir.path()).len(),
        3,
        "files are written before the gate"
    );
    let stdout = text(&out.stdout);
    assert!(stdout.contains("error[vague-claim]"), "{stdout}");
    // miette wraps long lines: compare without white space.
    let stderr: String = text(&out.stderr).split_whitespace().collect();
    assert!(stderr.contains("--allow-lint-errors"), "{stderr}");
    let allowed = prep(dir.path(), &["build", "--allow-lint-errors"], &[]);
    assert_eq!(allowed.status.code(), Some(0), "{}", text(&allowed.stderr));
    fs::write(
        dir.path().join("lints.toml"),
        "[build]\nfail-on = \"never\"\n[rules.vague-claim]\nlevel = \"error\"\n",
    )
    .unwrap();
    assert_eq!(prep(dir.path(), &["build"], &[]).status.code(), Some(0));
}

#[test]
fn unreadable_sources_stop_the_build_before_anything_is_written() {
    let dir = project();
    fs::write(
        dir.path().join("source/broken.txt"),
        b"1. What?\n\n\xff\xfe bytes\n",
    )
    .unwrap();
    let out = prep(dir.path(), &["build"], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(out_files(dir.path()).is_empty());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("broken.txt"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
}

#[test]
fn an_unwritable_out_directory_is_a_clear_error_and_old_files_survive() {
    let dir = project();
    // `out` is a file, so nothing can be created inside it.
    fs::write(dir.path().join("out"), "not a directory").unwrap();
    let out = prep(dir.path(), &["build"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("out") && stderr.contains("cannot"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("out")).unwrap(),
        "not a directory"
    );
}

#[test]
fn a_failed_write_leaves_previous_files_whole_and_no_temporary_files() {
    let dir = project();
    assert!(prep(dir.path(), &["build"], &[]).status.success());
    let before = fs::read(dir.path().join("out/deck.apkg")).unwrap();
    // The CSV's target is now a directory: that write fails after the deck was staged.
    fs::remove_file(dir.path().join("out/cards.csv")).unwrap();
    fs::create_dir(dir.path().join("out/cards.csv")).unwrap();
    fs::write(
        dir.path().join("source/more.md"),
        "## What is a CDN?\n\nA cache near users.\n",
    )
    .unwrap();
    let out = prep(dir.path(), &["build"], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(
        fs::read(dir.path().join("out/deck.apkg")).unwrap() == before,
        "deck.apkg was replaced"
    );
    let leftovers = temporary_files(dir.path());
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn source_date_epoch_must_be_seconds() {
    let dir = project();
    let out = prep(
        dir.path(),
        &["build"],
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("SOURCE_DATE_EPOCH"));
    assert!(out_files(dir.path()).is_empty());
}

#[test]
fn export_writes_one_format_where_asked_and_markdown_parses_back() {
    let dir = project();
    let out = prep(dir.path(), &["export", "md", "-o", "study.md"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("wrote study.md (3 cards)"));
    assert!(!dir.path().join("out").exists());
    let parsed = prep(dir.path(), &["parse", "study.md", "--format", "json"], &[]);
    let json: serde_json::Value = serde_json::from_slice(&parsed.stdout).unwrap();
    let questions: Vec<&str> = json["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["question"].as_str().unwrap())
        .collect();
    assert_eq!(
        questions,
        [
            "What is a write-through cache?",
            "How do you pick a TTL?",
            "Why is `Vec<T>` growable?"
        ]
    );
}

#[test]
fn export_csv_flavours_and_deck_names() {
    let dir = project();
    let out = prep(
        dir.path(),
        &[
            "export",
            "csv",
            "--csv-flavor",
            "anki",
            "--deck",
            "Backend",
            "-o",
            "anki.csv",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = fs::read_to_string(dir.path().join("anki.csv")).unwrap();
    assert!(csv.starts_with("#separator:"), "{csv}");
    assert!(csv.contains("#html:true"), "{csv}");
    assert!(
        csv.contains("Backend::Caching"),
        "front-matter title as subdeck: {csv}"
    );
    assert!(
        csv.contains("Backend::Backend Questions"),
        "page title as subdeck: {csv}"
    );
    assert!(
        csv.contains("&lt;b&gt;larger&lt;/b&gt;"),
        "source HTML escaped: {csv}"
    );
    let sheet = prep(dir.path(), &["export", "csv", "-o", "sheet.csv"], &[]);
    assert!(sheet.status.success());
    let sheet = fs::read_to_string(dir.path().join("sheet.csv")).unwrap();
    assert!(!sheet.starts_with('#'), "{sheet}");
}

/// A package whose collection declares 2 GiB uncompressed, as a zip bomb does (a real one, 2 MB of
/// deflated zeros, takes long to make; what is checked first is what the zip declares).
fn zip_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("collection.anki2", stored).unwrap();
    zip.write_all(b"SQLite format 3\0").unwrap();
    let mut bytes = zip.finish().unwrap().into_inner();
    let size = 2u32 << 30;
    // The uncompressed size: 22 bytes into the local header, 24 into the central directory's.
    for (signature, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let at = bytes.windows(4).position(|w| w == signature).unwrap() + offset;
        bytes[at..at + 4].copy_from_slice(&size.to_le_bytes());
    }
    bytes
}

#[test]
fn a_zip_bomb_where_the_deck_goes_is_refused_with_a_warning_and_replaced() {
    let dir = project();
    let envs = [("SOURCE_DATE_EPOCH", "1700000000")];
    assert_eq!(prep(dir.path(), &["build"], &envs).status.code(), Some(0));
    let fresh = fs::read(dir.path().join("out/deck.apkg")).unwrap();
    fs::write(dir.path().join("out/deck.apkg"), zip_bomb()).unwrap();

    let out = prep(dir.path(), &["build"], &envs);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // The report's words, without its wrapping and frame.
    let stderr = stderr.replace('│', " ");
    let stderr = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        stderr.contains(
            "out/deck.apkg: cannot read the previous deck: its collection is 2048 MiB \
             uncompressed, over the 512 MiB read from a previous deck"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("Anki will count every note"), "{stderr}");
    // Treated as no previous deck: the same deck as a first build.
    assert!(fs::read(dir.path().join("out/deck.apkg")).unwrap() == fresh);
}

#[test]
fn a_file_where_the_deck_goes_that_is_no_package_is_a_warning() {
    let dir = project();
    fs::create_dir(dir.path().join("out")).unwrap();
    fs::write(dir.path().join("out/deck.apkg"), "notes, not a deck").unwrap();
    let out = prep(dir.path(), &["export", "anki"], &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("cannot read the previous deck: not an Anki package"),
        "{stderr}"
    );
    assert!(
        fs::read(dir.path().join("out/deck.apkg"))
            .unwrap()
            .starts_with(b"PK")
    );
}

/// Makes a FIFO at `path` with mkfifo(1).
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Every `.tmpXXXXXX` file prep left in `out/`.
fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    out_files(dir)
        .into_iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".tmp"))
        .collect()
}

/// Renaming over a FIFO, a symbolic link or a device node would replace it with a regular file (as
/// root, `-o /dev/null` destroyed the device): such targets are refused, exit 2, before anything is
/// written.
#[cfg(unix)]
#[test]
fn outputs_that_are_not_regular_files_are_refused_before_anything_is_written() {
    use std::os::unix::fs::FileTypeExt;
    let dir = project();
    let path = dir.path();

    mkfifo(&path.join("pipe.md"));
    let out = prep(path, &["export", "md", "-o", "pipe.md"], &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("pipe.md") && stderr.contains("FIFO"),
        "{stderr}"
    );
    let kind = fs::symlink_metadata(path.join("pipe.md"))
        .unwrap()
        .file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced");

    // A link is refused too, whether or not what it points to exists: replacing the link would
    // silently unlink it, following it would write where the user may not expect.
    std::os::unix::fs::symlink("elsewhere.md", path.join("link.md")).unwrap();
    let out = prep(path, &["export", "md", "-o", "link.md"], &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert!(
        fs::symlink_metadata(path.join("link.md"))
            .unwrap()
            .is_symlink()
    );
    assert!(!path.join("elsewhere.md").exists());

    // In a build, one bad target stops all three files before the first is written.
    fs::create_dir(path.join("out")).unwrap();
    mkfifo(&path.join("out/cards.csv"));
    let out = prep(path, &["build"], &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cards.csv"), "{stderr}");
    assert_eq!(out_files(path), vec![path.join("out/cards.csv")]);

    // A device node, where we may make one (as root): a copy of /dev/null, never the real one.
    let null = path.join("null");
    let made = std::process::Command::new("mknod")
        .args([null.to_str().unwrap(), "c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let out = prep(path, &["export", "csv", "-o", "null"], &[]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("character device"), "{stderr}");
        let kind = fs::symlink_metadata(&null).unwrap().file_type();
        assert!(kind.is_char_device(), "the device node was replaced");
    }
}

/// `prep init --force` renamed its file over whatever was at `lints.toml`: a FIFO, or a symbolic
/// link (to the team's shared configuration, say), and without `--force` a dangling link. The
/// exports' rule holds for it too: an existing target that is not a regular file is an error,
/// exit 2, and stays as it was.
#[cfg(unix)]
#[test]
fn init_refuses_to_replace_what_is_not_a_regular_file() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    mkfifo(&path.join("lints.toml"));
    let out = prep(path, &["init", "--force"], &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("lints.toml") && stderr.contains("FIFO"),
        "{stderr}"
    );
    let kind = fs::symlink_metadata(path.join("lints.toml"))
        .unwrap()
        .file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced");
    fs::remove_file(path.join("lints.toml")).unwrap();

    fs::write(path.join("team.toml"), "# shared\n").unwrap();
    std::os::unix::fs::symlink("team.toml", path.join("lints.toml")).unwrap();
    std::os::unix::fs::symlink("missing.toml", path.join("dangling.toml")).unwrap();
    for args in [
        &["init", "--force"][..],
        &["init", "--output", "dangling.toml"],
        &["init", "--force", "--output", "dangling.toml"],
    ] {
        let out = prep(path, args, &[]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("symbolic link"), "{args:?}: {stderr}");
    }
    assert!(
        fs::symlink_metadata(path.join("lints.toml"))
            .unwrap()
            .is_symlink()
    );
    assert!(
        fs::symlink_metadata(path.join("dangling.toml"))
            .unwrap()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(path.join("team.toml")).unwrap(),
        "# shared\n"
    );
    assert!(!path.join("missing.toml").exists());
}

/// Three `[export]` names set to one file used to exit 0 with `deck.apkg` holding the Markdown
/// (the last rename wins): names that would write one file are a config error naming both keys.
#[test]
fn export_file_names_that_collide_are_a_config_error() {
    let dir = project();
    let path = dir.path();
    fs::write(
        path.join("lints.toml"),
        "[export]\nanki = \"deck.apkg\"\ncsv = \"deck.apkg\"\nmarkdown = \"deck.apkg\"\n",
    )
    .unwrap();
    let out = prep(path, &["build"], &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("lints.toml"), "{stderr}");
    assert!(
        stderr.contains("anki") && stderr.contains("csv"),
        "{stderr}"
    );
    assert!(!path.join("out").exists(), "{:?}", out_files(path));

    // One name set to another's default collides too, and `./` does not make a name different.
    fs::write(
        path.join("lints.toml"),
        "[export]\nmarkdown = \"./cards.csv\"\n",
    )
    .unwrap();
    let out = prep(path, &["build"], &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("csv") && stderr.contains("markdown"),
        "{stderr}"
    );
}

/// With `-o` equal to a source directory, the next build read its own `cards.md` back as a source
/// (69 cards from 4 files on `source/`). The exports a run writes into a directory it reads are
/// left out of its inputs, and a note says so.
#[test]
fn exports_written_into_a_source_directory_are_not_read_back() {
    let dir = project();
    let path = dir.path();
    let parsed = "parsed    4 cards from 2 file(s)";
    for _ in 0..2 {
        let out = prep(path, &["build", "source", "-o", "source"], &[]);
        let (stdout, stderr) = (text(&out.stdout), unwrapped(&text(&out.stderr)));
        assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
        assert!(stdout.contains(parsed), "{stdout}");
        assert!(stderr.contains("not read as sources"), "{stderr}");
        assert!(stderr.contains("source/cards.md"), "{stderr}");
    }
    assert!(path.join("source/cards.md").is_file());

    // A directory inside a source directory, and `prep export` into one, likewise.
    for args in [
        &["build", "-o", "source/out"][..],
        &["export", "md", "source", "-o", "source/study.md"],
        &["export", "md", "source", "-o", "source/study.md"],
    ] {
        let out = prep(path, args, &[]);
        let stderr = unwrapped(&text(&out.stderr));
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.contains("not read as sources"), "{args:?}: {stderr}");
    }
    // Only the files this run writes are left out: to `prep parse`, `study.md` is a page like any.
    let out = prep(path, &["parse", "source"], &[]);
    assert!(
        text(&out.stdout).contains("study.md"),
        "{}",
        text(&out.stdout)
    );
}

/// A link inside `source/` to the project (or to `out/`) reached `out/cards.md` by a path that is
/// not under `source/`, and every build read its own export back (7 cards from 3 files instead of 4
/// from 2). This run's exports are told apart by file identity, however they are reached; a link
/// back to a directory being walked is reported and not followed.
#[cfg(unix)]
#[test]
fn exports_reached_through_a_link_in_a_source_directory_are_not_read_back() {
    let dir = project();
    let path = dir.path();
    let parsed = "parsed    4 cards from 2 file(s)";
    assert!(prep(path, &["build"], &[]).status.success());
    std::os::unix::fs::symlink("..", path.join("source/project")).unwrap();
    for _ in 0..2 {
        let out = prep(path, &["build"], &[]);
        let (stdout, stderr) = (text(&out.stdout), unwrapped(&text(&out.stderr)));
        assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
        assert!(stdout.contains(parsed), "{stdout}\n{stderr}");
        assert!(stderr.contains("not read as sources"), "{stderr}");
        // `source/project/source` is `source/` again: a loop, reported and not followed.
        assert!(stderr.contains("symbolic link loop"), "{stderr}");
    }
    fs::remove_file(path.join("source/project")).unwrap();
    std::os::unix::fs::symlink("../out", path.join("source/exports")).unwrap();
    let out = prep(path, &["build"], &[]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains(parsed), "{stdout}");
    // Not this run's outputs: `prep parse` reads what the link reaches, and so does a build that
    // writes elsewhere.
    let out = prep(path, &["parse", "source"], &[]);
    assert!(
        text(&out.stdout).contains("source/exports/cards.md"),
        "{}",
        text(&out.stdout)
    );
    let out = prep(path, &["build", "-o", "elsewhere"], &[]);
    assert!(
        text(&out.stdout).contains("parsed    7 cards from 3 file(s)"),
        "{}",
        text(&out.stdout)
    );
}

/// A page of `n` numbered questions on different topics, big enough that writing its exports takes
/// a moment.
fn large_page(n: usize) -> String {
    let topics = [
        "cache", "queue", "index", "replica", "shard", "lock", "token", "schema",
    ];
    let aspects = [
        "eviction",
        "failover",
        "migration",
        "compaction",
        "retry",
        "isolation",
    ];
    let mut page = String::from("Big Interview Questions Page\n\n");
    for i in 1..=n {
        let topic = format!("{} {} {i}", topics[i % 8], aspects[i / 8 % 6]);
        page.push_str(&format!(
            "{i}. How would you approach {topic}?\n\nWe start with {topic} by measuring the baseline, then change one thing at a time.\n\n"
        ));
    }
    page
}

/// SIGINT and SIGTERM during the write used to leave an empty `.tmpXXXXXX` in `out/` every time,
/// and SIGHUP (the terminal closed) still did: the temporary files are removed, the previous files
/// stay whole, and the exit status is the shell's 128 + signal (130, 143, 129).
#[cfg(unix)]
#[test]
fn an_interrupted_build_leaves_no_temporary_files_and_the_previous_files_whole() {
    use std::time::{Duration, Instant};
    let dir = project();
    let path = dir.path();
    assert!(prep(path, &["build"], &[]).status.success());
    let before: Vec<Vec<u8>> = out_files(path)
        .iter()
        .map(|f| fs::read(f).unwrap())
        .collect();
    fs::write(path.join("source/large.txt"), large_page(5000)).unwrap();
    for (signal, status) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("prep"))
            .current_dir(path)
            .args(["build", "--allow-lint-errors"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Signal once a temporary file exists: the run is writing its exports.
        let start = Instant::now();
        while temporary_files(path).is_empty() {
            assert!(
                child.try_wait().unwrap().is_none(),
                "finished before writing"
            );
            assert!(start.elapsed() < Duration::from_secs(300), "never wrote");
            std::thread::sleep(Duration::from_millis(2));
        }
        let pid = child.id().to_string();
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(sent.success());
        let exit = child.wait().unwrap();
        assert_eq!(exit.code(), Some(status), "SIG{signal}: {exit:?}");
        let leftovers = temporary_files(path);
        assert!(leftovers.is_empty(), "SIG{signal}: {leftovers:?}");
        let after: Vec<Vec<u8>> = out_files(path)
            .iter()
            .map(|f| fs::read(f).unwrap())
            .collect();
        assert!(after == before, "SIG{signal}: the previous files changed");
    }
}

// ---------------------------------------------------------------------------------------------------
// Images

/// The fixture image, tests/fixtures/anki/images/img/handshake.png.
fn fixture_png() -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/anki/images/img/handshake.png"),
    )
    .unwrap()
}

/// An entry of the package at `deck`.
fn package_entry(deck: &Path, name: &str) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(fs::File::open(deck).unwrap()).unwrap();
    let mut bytes = Vec::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_end(&mut bytes)
        .unwrap();
    bytes
}

/// Every note's fields in the package at `deck`, as stored (joined by U+001F), by note id.
fn package_fields(deck: &Path) -> Vec<String> {
    let collection = tempfile::NamedTempFile::new().unwrap();
    fs::write(collection.path(), package_entry(deck, "collection.anki2")).unwrap();
    let connection = rusqlite::Connection::open(collection.path()).unwrap();
    let mut statement = connection
        .prepare("SELECT flds FROM notes ORDER BY id")
        .unwrap();
    statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Images of a project: one beside its page, the same one reached through `..` and by an absolute
/// path, another with the same file name in another folder, one missing, one that is no image and a
/// web address.
fn project_with_images() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("source/notes");
    let shared = dir.path().join("source/shared/img");
    fs::create_dir_all(notes.join("img")).unwrap();
    fs::create_dir_all(&shared).unwrap();
    fs::write(notes.join("img/handshake.png"), fixture_png()).unwrap();
    fs::write(
        shared.join("handshake.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>\n",
    )
    .unwrap();
    fs::write(shared.join("notes.txt"), "not an image\n").unwrap();
    let absolute = notes.join("img/handshake.png");
    fs::write(
        notes.join("tcp.md"),
        format!(
            "# TCP\n\n## What does a handshake look like?\n\n![Handshake](img/handshake.png)\n\n\
             ## What does it look like drawn by hand?\n\n![Drawn](../shared/img/handshake.svg)\n\n\
             ## Where is the picture kept?\n\nIn two places: <img src=\"{}\"> and \
             ![again](../notes/img/handshake.png).\n\n\
             ## Which pictures are missing?\n\n![Gone](img/gone.png) and ![Notes](../shared/img/notes.txt)\n\n\
             ## Which picture is on the web?\n\n![Web](https://example.com/handshake.png)\n",
            absolute.display()
        ),
    )
    .unwrap();
    dir
}

#[test]
fn images_go_in_the_deck_once_each_named_by_their_content() {
    let dir = project_with_images();
    let envs = [("SOURCE_DATE_EPOCH", "1700000000")];
    let out = prep(dir.path(), &["build", "--csv-flavor", "anki"], &envs);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        stdout.contains(
            "images    2 stored in the deck, 1 remote left as links, \
             2 not found or not packaged (see the warnings)"
        ),
        "{stdout}"
    );
    let deck = dir.path().join("out/deck.apkg");
    let map = String::from_utf8(package_entry(&deck, "media")).unwrap();
    insta::assert_snapshot!("media_map", map);
    let names: std::collections::BTreeMap<String, String> = serde_json::from_str(&map).unwrap();
    // Numbered in the order of their names.
    let (svg, png) = (names["0"].as_str(), names["1"].as_str());
    assert!(svg.ends_with(".svg") && png.ends_with(".png"), "{map}");
    assert_eq!(
        package_entry(&deck, "0"),
        fs::read(dir.path().join("source/shared/img/handshake.svg")).unwrap()
    );
    assert_eq!(package_entry(&deck, "1"), fixture_png());

    // Every reference to the PNG, however written, points at its one name; the others as written.
    let fields = package_fields(&deck).join("\n");
    assert_eq!(
        fields.matches(&format!("<img src=\"{png}\"")).count(),
        3,
        "{fields}"
    );
    for kept in [
        "img/gone.png",
        "../shared/img/notes.txt",
        "https://example.com/handshake.png",
    ] {
        assert!(
            fields.contains(&format!("<img src=\"{kept}\"")),
            "{kept}: {fields}"
        );
    }
    // The Anki-flavour CSV points at the same names; the Markdown keeps the references as written.
    let csv = fs::read_to_string(dir.path().join("out/cards.csv")).unwrap();
    assert_eq!(
        csv.matches(&format!("src=\"\"{png}\"\"")).count(),
        3,
        "{csv}"
    );
    let markdown = fs::read_to_string(dir.path().join("out/cards.md")).unwrap();
    assert!(
        markdown.contains("![Handshake](img/handshake.png)"),
        "{markdown}"
    );

    // The same input gives the same bytes, also over the deck it replaces.
    let first = fs::read(&deck).unwrap();
    assert!(
        prep(dir.path(), &["build", "--csv-flavor", "anki"], &envs)
            .status
            .success()
    );
    assert!(fs::read(&deck).unwrap() == first, "rebuilt deck differs");
}

#[test]
fn an_image_that_cannot_be_packaged_is_a_warning_naming_the_card_and_the_path() {
    let dir = project_with_images();
    let out = prep(dir.path(), &["build"], &[]);
    let stderr = unwrapped(&text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "source/notes/tcp.md:15: the image `img/gone.png` is not in the deck: \
             no such file: source/notes/img/gone.png"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "source/notes/tcp.md:15: the image `../shared/img/notes.txt` is not in the deck: \
             not an image type that is packaged (avif, bmp, gif, ico, jpeg, jpg, png, svg, webp)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("the card keeps the reference as written, which Anki cannot show"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("is not in the deck").count(), 2, "{stderr}");
    // `prep export md` carries no images: nothing to warn of.
    let markdown = prep(dir.path(), &["export", "md", "-o", "study.md"], &[]);
    assert!(
        !text(&markdown.stderr).contains("image"),
        "{}",
        text(&markdown.stderr)
    );
}
