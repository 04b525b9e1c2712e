//! The bad-input matrix: one case per row of README's "Errors, warnings and exit codes" input table,
//! each run as `prep build` over a project whose `out/` holds a previous build. Every case checks the
//! exit code, that the message names the file, and that `out/` holds exactly the previous files,
//! byte for byte: no temporary file left behind, nothing half-written. (An error writes nothing; a
//! warning rebuilds from the same cards, which gives the same bytes under a fixed
//! `SOURCE_DATE_EPOCH`.)

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

use crate::common::{self, text};

/// Every run's modification time: the same cards give the same bytes.
const EPOCH: &str = "1700000000";

fn prep(dir: &Path, args: &[&str]) -> Output {
    common::prep_command(dir, args)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("prep runs")
}

/// Every file in `out/` by name, with its bytes.
fn out_dir(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir.join("out"))
        .expect("out/ exists")
        .map(|entry| {
            let path = entry.expect("out/ can be listed").path();
            let name = path
                .file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned();
            (name, fs::read(&path).expect("an output can be read"))
        })
        .collect()
}

/// A project with `source/good.md` built once into `out/`: returns it and what `out/` held.
fn built_project() -> (TempDir, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let source = dir.path().join("source");
    fs::create_dir(&source).expect("source/ can be made");
    fs::write(
        source.join("good.md"),
        "# Caching\n\n## What is a write-through cache?\n\nThe write goes to the cache and the \
         database in one request.\n\n## How do you pick a TTL?\n\nFrom how stale the data may be.\n",
    )
    .expect("a source can be written");
    let first = prep(dir.path(), &["build"]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let previous = out_dir(dir.path());
    let names: Vec<&str> = previous.keys().map(String::as_str).collect();
    assert_eq!(names, ["cards.csv", "cards.md", "deck.apkg"]);
    (dir, previous)
}

/// What a case expects of the run.
struct Expect<'a> {
    exit: i32,
    /// Each must appear in stderr; the first names the file.
    messages: &'a [&'a str],
    /// Whether the build went on to write its files (a warning) or wrote nothing (an error).
    wrote: bool,
}

/// Runs `prep build` with `args` in `dir` and checks it against `expect` and the previous `out/`.
fn assert_build(dir: &Path, previous: &BTreeMap<String, Vec<u8>>, args: &[&str], expect: Expect) {
    let output = prep(dir, args);
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    let context = format!(
        "prep {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        args.join(" ")
    );
    assert_eq!(output.status.code(), Some(expect.exit), "{context}");
    for message in expect.messages {
        assert!(
            stderr.contains(message),
            "stderr lacks {message:?}\n{context}"
        );
    }
    assert_eq!(stdout.contains("wrote"), expect.wrote, "{context}");
    let now = out_dir(dir);
    let names: Vec<&String> = now.keys().collect();
    assert_eq!(
        names,
        previous.keys().collect::<Vec<_>>(),
        "out/ holds other files\n{context}"
    );
    for (name, bytes) in previous {
        assert!(now[name] == *bytes, "out/{name} changed\n{context}");
    }
}

#[test]
fn a_missing_path_is_an_io_error_and_nothing_is_written() {
    let (dir, previous) = built_project();
    let expect = Expect {
        exit: 2,
        messages: &["nothere.md: no such file or directory"],
        wrote: false,
    };
    assert_build(
        dir.path(),
        &previous,
        &["build", "source", "nothere.md"],
        expect,
    );
}

/// A file the user may not read. Permissions stop everyone but root, so as root the case reads
/// `/proc/self/mem`, a regular file whose first page no process can read (EIO).
#[test]
fn an_unreadable_file_is_an_io_error_and_nothing_is_written() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let (dir, previous) = built_project();
    let root = fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    let path = if root {
        PathBuf::from("/proc/self/mem")
    } else {
        let locked = dir.path().join("source/locked.md");
        fs::write(&locked, "## What is a lock?\n\nA way to wait.\n").expect("written");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
        PathBuf::from("source/locked.md")
    };
    let shown = path.display().to_string();
    let message = format!("{shown}: cannot read");
    let expect = Expect {
        exit: 2,
        messages: &[&message],
        wrote: false,
    };
    assert_build(dir.path(), &previous, &["build", "source", &shown], expect);
}

#[test]
fn a_broken_link_is_an_io_error_and_nothing_is_written() {
    let (dir, previous) = built_project();
    std::os::unix::fs::symlink("gone.md", dir.path().join("source/broken.md")).expect("symlink");
    let expect = Expect {
        exit: 2,
        messages: &["source/broken.md"],
        wrote: false,
    };
    assert_build(dir.path(), &previous, &["build"], expect);
}

#[test]
fn bytes_that_are_not_utf8_are_a_content_error_naming_the_place_and_nothing_is_written() {
    let (dir, previous) = built_project();
    fs::write(
        dir.path().join("source/latin1.txt"),
        b"Why?\n\nCaf\xe9 au lait.\n",
    )
    .expect("written");
    let expect = Expect {
        exit: 1,
        messages: &[
            "source/latin1.txt:3:4: invalid UTF-8 at byte offset 9",
            "nothing was written",
        ],
        wrote: false,
    };
    assert_build(dir.path(), &previous, &["build"], expect);
}

#[test]
fn an_empty_file_is_a_warning_and_the_build_is_whole() {
    let (dir, previous) = built_project();
    fs::write(dir.path().join("source/empty.md"), "").expect("written");
    let expect = Expect {
        exit: 0,
        messages: &["source/empty.md: empty file, no cards"],
        wrote: true,
    };
    assert_build(dir.path(), &previous, &["build"], expect);
}

#[test]
fn a_binary_file_is_skipped_with_a_warning_and_the_build_is_whole() {
    let (dir, previous) = built_project();
    fs::write(
        dir.path().join("source/blob.txt"),
        b"PK\x03\x04\x00\x00\x08\x00what?",
    )
    .expect("written");
    let expect = Expect {
        exit: 0,
        messages: &["source/blob.txt: looks like a binary file"],
        wrote: true,
    };
    assert_build(dir.path(), &previous, &["build"], expect);
}

#[test]
fn a_file_without_questions_warns_naming_the_layouts_tried_and_the_build_is_whole() {
    let (dir, previous) = built_project();
    fs::write(
        dir.path().join("source/prose.txt"),
        "A paragraph of notes.\n\nAnother paragraph, with no question in it.\n",
    )
    .expect("written");
    let expect = Expect {
        exit: 0,
        messages: &[
            "source/prose.txt: no recognisable questions",
            "layouts tried",
        ],
        wrote: true,
    };
    assert_build(dir.path(), &previous, &["build"], expect);
}

#[test]
fn a_symbolic_link_loop_is_not_followed_and_the_build_is_whole() {
    let (dir, previous) = built_project();
    // `source/loop` → `source/`: the files through it are the same files, read once; the loop ends
    // one level down. (A link to the project is a loop one level further down; the exports it
    // reaches are not read back: tests/it/cli_build.rs.)
    std::os::unix::fs::symlink(".", dir.path().join("source/loop")).expect("symlink");
    let expect = Expect {
        exit: 0,
        messages: &["source/loop", "symbolic link loop"],
        wrote: true,
    };
    assert_build(dir.path(), &previous, &["build"], expect);
}

#[test]
fn a_bad_lints_toml_is_a_config_error_pointing_into_it_and_nothing_is_written() {
    let (dir, previous) = built_project();
    for (config, message) in [
        ("[rules.vague-claims]\nlevel = \"off\"\n", "vague-claim"),
        ("[export\ndeck = 1\n", "lints.toml"),
        (
            "[rules.vague-claim]\nextend-words = ['(unclosed']\n",
            "(unclosed",
        ),
    ] {
        fs::write(dir.path().join("lints.toml"), config).expect("written");
        let expect = Expect {
            exit: 2,
            messages: &["lints.toml", message],
            wrote: false,
        };
        assert_build(dir.path(), &previous, &["build"], expect);
    }
}
