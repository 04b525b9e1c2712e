//! Real Anki for the tests: the pinned `anki` Python package (the library inside Anki's desktop app)
//! in a virtual environment under the target directory, `tests/anki/collection.py` importing files
//! into a throwaway collection, and what it printed, as data.
//!
//! Used by tests/it/anki_import.rs (the deck), tests/it/anki_import_csv.rs (the Anki-flavour CSV) and
//! tests/it/anki_import_seeds.rs (`prep build` over the seed pages). The first test to need Anki installs
//! it; later runs reuse it. Python 3 with `venv` must be installed: without it these tests fail rather
//! than skip, since they are the only check that Anki accepts what we write.

use std::collections::BTreeMap;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use prep::export::{Anki, Csv, CsvFlavor, Entry, Export, Exporter, Media};
use serde::Deserialize;
use tempfile::TempDir;

/// The Anki release the tests import with.
pub const ANKI: &str = "anki==26.9.3";

/// What Anki made of one import: its log, for a CSV the mapping it read from the header, and the
/// collection afterwards.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Import {
    pub log: Log,
    pub csv: Option<CsvMapping>,
    /// Empty when imported with [`Options::count_only`].
    pub notes: Vec<AnkiNote>,
    pub note_count: usize,
    pub notetypes: Vec<Notetype>,
    pub decks: Vec<String>,
    /// The collection's media folder after the import, by name.
    pub media: Vec<MediaFile>,
}

/// A file in the collection's media folder.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MediaFile {
    pub name: String,
    pub size: u64,
    /// Hex SHA-1 of the file's bytes.
    pub sha1: String,
}

/// The import log: the ids of the notes in each outcome.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Log {
    pub new: Vec<i64>,
    pub updated: Vec<i64>,
    pub duplicate: Vec<i64>,
    pub conflicting: Vec<i64>,
    pub first_field_match: Vec<i64>,
    pub missing_notetype: Vec<i64>,
    pub missing_deck: Vec<i64>,
    pub empty_first_field: Vec<i64>,
    pub found_notes: usize,
}

/// How Anki's text importer mapped a CSV's columns (1-based; 0 for none), as its import screen
/// proposes them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CsvMapping {
    pub delimiter: String,
    pub is_html: bool,
    /// The note type every row went to, `None` with a note type column.
    pub notetype: Option<String>,
    /// The column of each of the note type's fields, in the note type's order.
    pub field_columns: Vec<u32>,
    pub guid_column: u32,
    pub deck_column: u32,
    pub tags_column: u32,
    pub dupe_resolution: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AnkiNote {
    pub id: i64,
    pub guid: String,
    pub notetype: String,
    pub fields: BTreeMap<String, String>,
    pub tags: Vec<String>,
    pub decks: Vec<String>,
    #[serde(rename = "mod")]
    pub modified: i64,
    pub usn: i64,
    pub cards: Vec<i64>,
    /// The first card's question and answer as Anki renders them.
    pub front: String,
    pub back: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Notetype {
    pub id: i64,
    pub name: String,
    pub fields: Vec<String>,
    pub templates: Vec<String>,
}

/// What Tools › Check Database found after the imports (`ok` when there was nothing to fix), and
/// Tools › Check Media: files the notes refer to that the media folder lacks, and files no note
/// refers to.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Check {
    pub ok: bool,
    pub report: String,
    pub media_missing: Vec<String>,
    pub media_unused: Vec<String>,
}

#[derive(Deserialize)]
struct Imports {
    imports: Vec<Import>,
    check: Option<Check>,
}

/// How to run the imports.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Run Check Database after the last import.
    pub check: bool,
    /// Count the notes instead of listing them (large decks).
    pub count_only: bool,
}

/// An Anki collection in a temporary directory. It lives as long as this value, so a test can import
/// into it, rebuild, and import again.
pub struct AnkiCollection {
    dir: TempDir,
}

impl AnkiCollection {
    /// A directory for a collection that the first import creates.
    pub fn fresh() -> Self {
        Self {
            dir: TempDir::new().expect("temporary directory"),
        }
    }

    /// A scratch directory beside the collection, for the files to import.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Imports `files` in turn: a name ending in `.apkg` as a package, any other as CSV. Returns what
    /// Anki made of each.
    pub fn import(&self, files: &[&Path]) -> Vec<Import> {
        self.import_with(files, Options::default()).0
    }

    /// [`AnkiCollection::import`] with `options`; the check's result when asked for.
    pub fn import_with(&self, files: &[&Path], options: Options) -> (Vec<Import>, Option<Check>) {
        let mut command = Command::new(anki_python());
        command.arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/anki/collection.py"
        ));
        if options.check {
            command.arg("--check");
        }
        if options.count_only {
            command.arg("--count-only");
        }
        let output = command
            .arg(self.dir.path().join("collection.anki2"))
            .args(files)
            .output()
            .expect("the Anki script starts");
        let output = succeeded(output, "tests/anki/collection.py");
        let parsed: Imports = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "the Anki script printed something other than its JSON ({e}):\n{}",
                String::from_utf8_lossy(&output.stdout)
            )
        });
        assert_eq!(parsed.imports.len(), files.len());
        (parsed.imports, parsed.check)
    }

    pub fn import_one(&self, file: &Path) -> Import {
        self.import(&[file]).remove(0)
    }
}

/// Writes `export` to `path` as an Anki package.
pub fn write_package(export: &Export, path: &Path) {
    let mut file = fs::File::create(path).expect("package file");
    Anki.write(export, &mut file).expect("the package writes");
}

/// Writes `export` to `path` as Anki-flavour CSV.
pub fn write_anki_csv(export: &Export, path: &Path) {
    let mut file = fs::File::create(path).expect("CSV file");
    Csv {
        flavor: CsvFlavor::Anki,
    }
    .write(export, &mut file)
    .expect("the CSV writes");
}

/// Writes each export to a package and imports them in turn into one new collection.
pub fn import_into_new_collection(exports: &[&Export]) -> Vec<Import> {
    let collection = AnkiCollection::fresh();
    let packages: Vec<PathBuf> = exports
        .iter()
        .enumerate()
        .map(|(n, export)| {
            let package = collection.dir().join(format!("export-{n}.apkg"));
            write_package(export, &package);
            package
        })
        .collect();
    let packages: Vec<&Path> = packages.iter().map(PathBuf::as_path).collect();
    collection.import(&packages)
}

/// The fields as `prep` writes them, by name, for an export without images read.
pub fn expected_fields(entry: &Entry) -> BTreeMap<String, String> {
    Anki::FIELD_NAMES
        .iter()
        .map(|name| name.to_string())
        .zip(Anki::fields(entry, &Media::default()))
        .collect()
}

/// The one note type named [`Anki::NOTE_TYPE`].
pub fn our_notetype(import: &Import) -> &Notetype {
    let mut ours = import
        .notetypes
        .iter()
        .filter(|notetype| notetype.name == Anki::NOTE_TYPE);
    let notetype = ours.next().expect("our note type was imported");
    assert!(
        ours.next().is_none(),
        "one note type named {}: {:?}",
        Anki::NOTE_TYPE,
        import.notetypes
    );
    notetype
}

pub fn note_with_guid<'a>(import: &'a Import, guid: &str) -> &'a AnkiNote {
    import
        .notes
        .iter()
        .find(|note| note.guid == guid)
        .unwrap_or_else(|| panic!("no note with GUID {guid} in {:?}", import.notes))
}

/// The notes' GUIDs, sorted.
/// Asserts that Anki stored `entry` as one note of our note type, with its fields, tags and deck and
/// one card, and returns that note.
pub fn assert_imported_as<'a>(import: &'a Import, entry: &Entry) -> &'a AnkiNote {
    let note = note_with_guid(import, &entry.guid);
    assert_eq!(note.notetype, Anki::NOTE_TYPE);
    assert_eq!(note.fields, expected_fields(entry), "{}", entry.guid);
    assert_eq!(note.tags, entry.tags, "{}", entry.guid);
    assert_eq!(note.decks, [entry.deck.as_str()], "{}", entry.guid);
    assert_eq!(note.cards.len(), 1, "one card per note: {}", entry.guid);
    note
}

pub fn guids(notes: &[AnkiNote]) -> Vec<&str> {
    let mut guids: Vec<&str> = notes.iter().map(|note| note.guid.as_str()).collect();
    guids.sort_unstable();
    guids
}

// ---------------------------------------------------------------------------------------------------
// Installing Anki

/// The Python of a virtual environment with the pinned Anki, installed on first use. The tests of
/// one binary run in parallel: the first to get here installs, the others wait for it.
fn anki_python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(install_anki)
}

/// Installs into a directory of its own, then renames it into place: an interrupted install or
/// another test binary or `cargo test` running at the same time never leaves a half-built
/// environment where the next run would take it for a finished one.
fn install_anki() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR sits in the target directory");
    let venv = target.join("anki-venv");
    let marker = format!("installed-{ANKI}");
    if venv.join(&marker).is_file() {
        return python_in(&venv);
    }

    let staging = target.join(format!("anki-venv.{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let created = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&staging)
        .output()
        .unwrap_or_else(|e| match e.kind() {
            ErrorKind::NotFound => panic!(
                "python3 is not on PATH. The Anki import tests need Python 3 with the venv module \
                 (Debian/Ubuntu: apt install python3 python3-venv) to install {ANKI}."
            ),
            _ => panic!("cannot run python3: {e}"),
        });
    succeeded(created, "python3 -m venv");
    let installed = Command::new(python_in(&staging))
        .args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--quiet",
            ANKI,
        ])
        .output()
        .expect("pip starts");
    succeeded(installed, &format!("pip install {ANKI}"));
    fs::write(staging.join(&marker), "").expect("marker written");

    if venv.exists() && !venv.join(&marker).is_file() {
        // Left by an older pin; nothing else uses it.
        fs::remove_dir_all(&venv).expect("old environment removed");
    }
    if let Err(error) = fs::rename(&staging, &venv) {
        // Another test binary or `cargo test` finished first: use its environment.
        assert!(
            venv.join(&marker).is_file(),
            "cannot move {staging:?} to {venv:?}: {error}"
        );
        let _ = fs::remove_dir_all(&staging);
    }
    python_in(&venv)
}

fn python_in(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

fn succeeded(output: Output, what: &str) -> Output {
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
