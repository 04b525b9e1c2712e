//! The `.apkg` container: a zip of the collection (`collection.anki2`), the media files (entries
//! `0`, `1`, … holding each file's bytes) and the media map (`media`: `{"0": "prep-….png", …}`, the
//! name each numbered entry takes in Anki's media folder), as Anki's legacy export writes them.
//!
//! Owns writing it reproducibly (every entry dated with the package time, the media numbered in the
//! order of their names, so the same export gives the same bytes) and opening the collection of an existing package with bounded
//! memory: the file at the output path is whatever the user left there, perhaps a zip that inflates
//! to gigabytes.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};

use rusqlite::{Connection, MAIN_DB};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::export::media::Media;
use crate::export::{ExportError, Output};

/// The collection's name inside the package: Anki's schema-11 name, which every version reads.
const COLLECTION: &str = "collection.anki2";

/// The largest collection read from a previous package, uncompressed. A deck of 100,000 of our notes
/// is about a tenth of it; anything larger is not one of ours and would only cost memory.
pub const MAX_COLLECTION_BYTES: u64 = 512 * 1024 * 1024;

/// Writes the package holding `collection` and the files of `media` to `out`, its entries dated
/// `time` (seconds since the epoch).
pub fn write(
    collection: &[u8],
    media: &Media,
    time: i64,
    out: &mut dyn Output,
) -> Result<(), ExportError> {
    let mut zip = ZipWriter::new(BufWriter::new(out));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip_date(time));
    zip.start_file(
        COLLECTION,
        options.large_file(collection.len() as u64 >= u64::from(u32::MAX)),
    )?;
    zip.write_all(collection)?;
    let mut map = Vec::new();
    for (number, (name, bytes)) in media.files().enumerate() {
        let method = if compresses(name) {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        zip.start_file(number.to_string(), options.compression_method(method))?;
        zip.write_all(bytes)?;
        map.push(format!(
            "{}: {}",
            json_string(&number.to_string()),
            json_string(name)
        ));
    }
    zip.start_file("media", options)?;
    write!(zip, "{{{}}}", map.join(", "))?;
    zip.finish()?.flush()?;
    Ok(())
}

/// Whether a media file gains from deflate: SVG is text and BMP raw pixels; PNG, JPEG, GIF, WebP
/// and AVIF are compressed already, and stored as they are.
fn compresses(name: &str) -> bool {
    name.ends_with(".svg") || name.ends_with(".bmp") || name.ends_with(".ico")
}

/// `text` as a JSON string.
fn json_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// Why a package's collection could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum Unreadable {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("not an Anki package: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error(
        "its collection is {} MiB uncompressed, over the {} MiB read from a previous deck",
        size.div_ceil(1 << 20),
        limit >> 20
    )]
    TooLarge { size: u64, limit: u64 },
    #[error("its collection is not a database Anki wrote: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// The collection of the package in `file`, read-only in memory. Reads at most
/// [`MAX_COLLECTION_BYTES`]: the size the zip declares is checked first, and no more than that is
/// inflated, whatever the compressed data holds.
pub fn open_collection(file: File) -> Result<Connection, Unreadable> {
    open_collection_within(file, MAX_COLLECTION_BYTES)
}

fn open_collection_within(file: File, limit: u64) -> Result<Connection, Unreadable> {
    let mut archive = ZipArchive::new(BufReader::new(file))?;
    let entry = archive.by_name(COLLECTION)?;
    let size = entry.size();
    if size > limit {
        return Err(Unreadable::TooLarge { size, limit });
    }
    let mut connection = Connection::open_in_memory()?;
    // At most 512 MiB, so it fits in usize on every platform we build for.
    let length = usize::try_from(size).map_err(|_| Unreadable::TooLarge { size, limit })?;
    connection.deserialize_read_exact(MAIN_DB, entry, length, true)?;
    Ok(connection)
}

/// Seconds since the epoch as a zip date (UTC; zip dates run from 1980 to 2107, and count seconds in
/// twos).
fn zip_date(seconds: i64) -> DateTime {
    let days = seconds.div_euclid(86_400);
    let time = seconds.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    if year < 1980 {
        return DateTime::default();
    }
    DateTime::from_date_and_time(
        year.min(2107) as u16,
        month as u8,
        day as u8,
        (time / 3600) as u8,
        (time % 3600 / 60) as u8,
        (time % 60) as u8,
    )
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use super::*;

    fn package(collection: &[u8], time: i64) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        write(collection, &Media::default(), time, &mut out).unwrap();
        out.into_inner()
    }

    #[test]
    fn the_package_holds_the_collection_and_an_empty_media_map() {
        let bytes = package(b"database", 1_700_000_000);
        assert_eq!(bytes, package(b"database", 1_700_000_000));
        let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
        let names: Vec<String> = archive
            .file_names()
            .map(|name| name.unwrap().into_owned())
            .collect();
        assert_eq!(names, [COLLECTION, "media"]);
        let mut media = String::new();
        archive
            .by_name("media")
            .unwrap()
            .read_to_string(&mut media)
            .unwrap();
        assert_eq!(media, "{}");
        let collection = archive.by_name(COLLECTION).unwrap();
        assert_eq!(collection.compression(), CompressionMethod::Deflated);
        let date = collection.last_modified().unwrap();
        assert_eq!((date.year(), date.month(), date.day()), (2023, 11, 14));
    }

    #[test]
    fn media_files_are_numbered_in_the_order_of_their_names() {
        let media = Media::with_files([
            ("prep-bbbb.png", b"png bytes".as_slice()),
            ("prep-aaaa.svg", b"<svg/>".as_slice()),
        ]);
        let mut out = Cursor::new(Vec::new());
        write(b"database", &media, 1_700_000_000, &mut out).unwrap();
        let mut archive = ZipArchive::new(Cursor::new(out.into_inner())).unwrap();
        let names: Vec<String> = archive
            .file_names()
            .map(|name| name.unwrap().into_owned())
            .collect();
        assert_eq!(names, [COLLECTION, "0", "1", "media"]);
        let mut read = |name: &str| {
            let mut entry = archive.by_name(name).unwrap();
            let method = entry.compression();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            (text, method)
        };
        assert_eq!(
            read("media").0,
            r#"{"0": "prep-aaaa.svg", "1": "prep-bbbb.png"}"#
        );
        assert_eq!(read("0"), ("<svg/>".into(), CompressionMethod::Deflated));
        assert_eq!(read("1"), ("png bytes".into(), CompressionMethod::Stored));
    }

    #[test]
    fn zip_dates_are_the_utc_calendar_date() {
        let date = zip_date(1_700_000_000); // 2023-11-14 22:13:20 UTC
        assert_eq!(
            (
                date.year(),
                date.month(),
                date.day(),
                date.hour(),
                date.minute(),
                date.second()
            ),
            (2023, 11, 14, 22, 13, 20)
        );
        assert_eq!(zip_date(951_782_400).day(), 29, "2000-02-29");
        assert_eq!(
            zip_date(0),
            DateTime::default(),
            "before 1980: the earliest"
        );
        assert_eq!(zip_date(i64::MAX / 2).year(), 2107, "the latest");
    }

    #[test]
    fn a_collection_larger_than_the_limit_is_refused_before_it_is_read() {
        // 8 MiB of zeros deflate to 8 KiB; the limit is lowered to 1 MiB for the test (a real bomb,
        // 2 MB inflating to 2 GB, takes minutes to make in a debug build).
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.apkg");
        let mut zip = ZipWriter::new(File::create(&path).unwrap());
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        zip.start_file(COLLECTION, options).unwrap();
        zip.write_all(&vec![0u8; 8 << 20]).unwrap();
        zip.finish().unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() < 64 << 10);
        let refused = open_collection_within(File::open(&path).unwrap(), 1 << 20);
        assert!(
            matches!(refused, Err(Unreadable::TooLarge { size, .. }) if size == 8 << 20),
            "{refused:?}"
        );
        // Within the limit it is read, and found not to be a database.
        let read = open_collection_within(File::open(&path).unwrap(), 8 << 20);
        assert!(
            matches!(read, Ok(_) | Err(Unreadable::Sqlite(_))),
            "{read:?}"
        );
    }
}
