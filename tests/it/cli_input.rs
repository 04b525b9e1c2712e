//! `prep` end to end on inputs that are not plain UTF-8 regular files: UTF-16 and UTF-8 with a
//! byte-order mark are read, with every position pointing into the file's own bytes; FIFOs, sockets
//! and devices are never opened; a directory reached by many links is walked once.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use tempfile::TempDir;

use crate::common::{self, json, stderr};

/// A Markdown page with a non-ASCII question, a character outside the BMP (a surrogate pair in
/// UTF-16) and two lint findings on line 3.
const PAGE: &str = "## How did the “migration” go? 𝔸\r\n\r\nIt was a huge success: p99 latency dropped by 40%.\r\n\r\n## What is a view?\r\n\r\nA stored query, named ✓.\r\n";

/// Every run here is short; one that waited on a FIFO or device would hang, so it is cut off.
fn prep(dir: &Path, args: &[&str]) -> Output {
    common::prep_command(dir, args)
        .timeout(Duration::from_secs(20))
        .output()
        .expect("prep runs")
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let order = |unit: u16| {
        if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        }
    };
    std::iter::once(0xFEFF)
        .chain(text.encode_utf16())
        .flat_map(order)
        .collect()
}

/// The text of `bytes[offset..offset + length]` of a file in one of the encodings above.
fn slice_of(bytes: &[u8], offset: usize, length: usize) -> String {
    let part = &bytes[offset..offset + length];
    match bytes.get(..2) {
        Some([0xFF, 0xFE]) | Some([0xFE, 0xFF]) => {
            let little_endian = bytes[0] == 0xFF;
            let units = part.chunks_exact(2).map(|p| {
                if little_endian {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            });
            char::decode_utf16(units).map(|c| c.unwrap()).collect()
        }
        _ => String::from_utf8(part.to_vec()).unwrap(),
    }
}

fn encodings() -> Vec<(&'static str, Vec<u8>)> {
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(PAGE.as_bytes());
    vec![
        ("utf8.md", PAGE.as_bytes().to_vec()),
        ("utf8-bom.md", bom),
        ("utf16le.md", utf16(PAGE, true)),
        ("utf16be.md", utf16(PAGE, false)),
    ]
}

fn dir_with(files: &[(&str, Vec<u8>)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

#[test]
fn utf16_and_utf8_with_bom_give_the_same_cards_positioned_in_their_own_bytes() {
    let files = encodings();
    let dir = dir_with(&files);
    for (name, bytes) in &files {
        let out = prep(dir.path(), &["parse", "--format", "json", name]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let cards = json(&out)["cards"].as_array().unwrap().clone();
        let questions: Vec<_> = cards.iter().map(|c| c["question"].clone()).collect();
        assert_eq!(
            questions,
            ["How did the “migration” go? 𝔸", "What is a view?"],
            "{name}"
        );
        assert_eq!(cards[1]["answer"], "A stored query, named ✓.", "{name}");
        for card in &cards {
            let source = &card["source"];
            let offset = source["offset"].as_u64().unwrap() as usize;
            let length = source["length"].as_u64().unwrap() as usize;
            let span = slice_of(bytes, offset, length);
            let question = card["question"].as_str().unwrap();
            assert!(
                span.starts_with("## ") && span.contains(question),
                "{name}: {span:?}"
            );
            assert!(span.ends_with(['.', '𝔸']), "{name}: {span:?}");
        }
        assert_eq!(cards[1]["source"]["line"], 5, "{name}");
        assert_eq!(cards[1]["source"]["end_line"], 7, "{name}");
    }
}

#[test]
fn lint_on_utf16_gives_the_same_lines_and_columns_and_offsets_into_the_file() {
    let files = encodings();
    let dir = dir_with(&files);
    let mut places = Vec::new();
    for (name, bytes) in &files {
        let out = prep(
            dir.path(),
            &["lint", "--format", "json", "--exit-zero", name],
        );
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let found = json(&out)["diagnostics"].as_array().unwrap().clone();
        assert!(found.len() >= 2, "{name}: {found:?}");
        let mut here = Vec::new();
        for d in &found {
            let offset = d["offset"].as_u64().unwrap() as usize;
            let length = d["length"].as_u64().unwrap() as usize;
            let flagged = slice_of(bytes, offset, length);
            here.push((
                d["rule"].clone(),
                d["line"].clone(),
                d["column"].clone(),
                flagged,
            ));
        }
        places.push(here);
    }
    assert!(places.iter().all(|p| p == &places[0]), "{places:#?}");
    assert!(
        places[0].iter().any(|p| p.3 == "huge success"),
        "{places:#?}"
    );

    let sarif = prep(
        dir.path(),
        &["lint", "--format", "sarif", "--exit-zero", "utf16be.md"],
    );
    let log = json(&sarif);
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    let offset = region["byteOffset"].as_u64().unwrap() as usize;
    let length = region["byteLength"].as_u64().unwrap() as usize;
    assert_eq!(slice_of(&files[3].1, offset, length), places[0][0].3);

    // The full report shows the decoded text, at the same line and column as the UTF-8 file's.
    let full = prep(dir.path(), &["lint", "--exit-zero", "utf16le.md"]);
    let shown = String::from_utf8_lossy(&full.stdout);
    assert!(shown.contains("utf16le.md:3:10"), "{shown}");
    assert!(shown.contains("It was a huge success"), "{shown}");
}

#[test]
fn bad_utf16_is_an_error_naming_file_line_column_and_byte_offset() {
    let mut bytes = utf16("Q: What is a queue?\nA: A buf", true);
    bytes.extend(0xDC00u16.to_le_bytes()); // a low surrogate with no high one before it
    bytes.extend(&utf16("fer.\n", true)[2..]);
    let offset = bytes.len() - 12;
    let dir = dir_with(&[("bad.txt", bytes)]);
    let out = prep(dir.path(), &["parse", "bad.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let expected = format!("bad.txt:2:9: invalid UTF-16LE at byte offset {offset}");
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));

    let mut odd = utf16("Q: What is a queue?\nA: A buffer.\n", false);
    odd.push(b'\n');
    let dir = dir_with(&[("odd.txt", odd.clone())]);
    let out = prep(dir.path(), &["parse", "odd.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let expected = format!("invalid UTF-16BE at byte offset {}", odd.len() - 1);
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));
}

#[test]
fn nul_bytes_without_a_utf16_bom_stay_a_skipped_binary_file() {
    let dir = dir_with(&[
        ("wide.txt", b"Q\0:\0 \0x\0?\0".to_vec()),
        ("nul.txt", utf16("Q: x?\0\nA: y\n", true)),
    ]);
    let out = prep(dir.path(), &["parse", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let skipped = json(&out)["skipped"].clone();
    for file in ["./nul.txt", "./wide.txt"] {
        assert!(
            skipped
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["file"] == file && s["reason"] == "binary file"),
            "{file}: {skipped}"
        );
    }
}
#[cfg(unix)]
mod special_files {
    use super::*;

    fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success());
    }

    #[test]
    fn a_fifo_or_socket_in_a_directory_is_listed_as_skipped_and_never_opened() {
        let dir = dir_with(&[("good.txt", b"Q: What is a queue?\nA: A buffer.\n".to_vec())]);
        mkfifo(&dir.path().join("pipe.txt"));
        let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("socket.md")).unwrap();
        let out = prep(dir.path(), &["parse", "--format", "json", "."]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let output = json(&out);
        assert_eq!(output["cards"].as_array().unwrap().len(), 1);
        let skipped = output["skipped"].as_array().unwrap();
        for (file, kind) in [("./pipe.txt", "a FIFO"), ("./socket.md", "a socket")] {
            let entry = skipped
                .iter()
                .find(|s| s["file"] == file)
                .unwrap_or_else(|| panic!("{file} not listed: {skipped:?}"));
            let reason = entry["reason"].as_str().unwrap();
            assert!(reason.contains(kind), "{reason}");
        }
    }

    #[test]
    fn a_fifo_or_device_named_on_the_command_line_is_an_error_not_a_hang() {
        let dir = dir_with(&[("good.txt", b"Q: What is a queue?\nA: A buffer.\n".to_vec())]);
        mkfifo(&dir.path().join("pipe.txt"));
        for named in ["pipe.txt", "/dev/null"] {
            let out = prep(
                dir.path(),
                &["parse", "--format", "json", named, "good.txt"],
            );
            assert_eq!(out.status.code(), Some(2), "{named}: {}", stderr(&out));
            assert!(
                stderr(&out).contains(&format!("{named}: not a regular file")),
                "{}",
                stderr(&out)
            );
            assert_eq!(json(&out)["cards"].as_array().unwrap().len(), 1, "{named}");
        }
    }
}

/// Links that reach one directory by many paths without a loop: 24 levels, each with two links to
/// the next, are 2^24 paths to the one page at the bottom, which the walk followed one by one (it
/// did not end within the 20 s the helper waits). Each directory is walked once: the run ends at
/// once and reads the page once.
#[cfg(unix)]
#[test]
fn a_directory_reached_by_many_links_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let levels = 24;
    for level in 0..=levels {
        std::fs::create_dir(dir.path().join(format!("level{level}"))).unwrap();
    }
    for level in 0..levels {
        for link in ["a", "b"] {
            let target = format!("../level{}", level + 1);
            std::os::unix::fs::symlink(target, dir.path().join(format!("level{level}/{link}")))
                .unwrap();
        }
    }
    let page = dir.path().join(format!("level{levels}/page.md"));
    std::fs::write(page, "## What is a cache?\n\nA fast copy.\n").unwrap();
    let out = prep(dir.path(), &["parse", "--format", "json", "level0"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["cards"].as_array().unwrap().len(), 1);
}
