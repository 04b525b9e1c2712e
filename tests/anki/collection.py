"""Imports Anki packages and CSV files into a collection and prints what Anki made of them, as JSON.

Usage: python collection.py [--check] [--count-only] COLLECTION.anki2 FILE [FILE ...]

Run by the tests in tests/anki_import*.rs (through tests/it/common/anki.rs) with the `anki` package (the
library inside Anki's desktop app), so the files go through the importers Anki users run, with the
options their import screens start with. A FILE ending in `.apkg` is imported as a package, any
other as text (CSV) with Anki's own reading of its header lines. The collection is created when it
does not exist and reopened when it does, so a test can import, change its sources and import again.
The files are imported in turn; after each one the script records the import log, for a CSV what
Anki read from its header (`csv`, else null), and the collection's notes, note types and decks.

After each import it also lists the collection's media folder: each file's name, size and SHA-1.

With --count-only, `notes` is left empty (`note_count` still counts them): for large decks, whose
every note would otherwise be rendered. With --check, Tools › Check Database runs after the last
import, and `check` says whether it found anything to fix and what it reported, then Tools › Check
Media runs, and `check` lists the files the notes refer to that the media folder lacks (`missing`)
and the files no note refers to (`unused`).

Output: {"imports": [{"log": {...}, "csv": {...} | null, "notes": [...], "note_count": N,
"notetypes": [...], "decks": [...], "media": [{"name", "size", "sha1"}, ...]}, ...],
"check": {"ok": bool, "report": str, "media_missing": [...], "media_unused": [...]} | null}, notes
sorted by GUID, media by name.
"""

import hashlib
import json
import os
import sys

from anki.collection import (
    Collection,
    CsvMetadata,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportCsvRequest,
)
from anki.import_export_pb2 import IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER

# Each list of the import log: the ids of the notes that ended up in it.
LOG_LISTS = (
    "new",
    "updated",
    "duplicate",
    "conflicting",
    "first_field_match",
    "missing_notetype",
    "missing_deck",
    "empty_first_field",
)


def import_package(col, path):
    # The defaults of Anki's import screen, spelled out: update a note only when the package's copy
    # is newer, and never merge note types.
    options = ImportAnkiPackageOptions(
        merge_notetypes=False,
        update_notes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        update_notetypes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        with_scheduling=False,
        with_deck_configs=False,
    )
    response = col.import_anki_package(
        ImportAnkiPackageRequest(package_path=path, options=options)
    )
    return note_log(response.log)


def import_csv(col, path):
    # What File › Import does with a text file: Anki reads the header lines and proposes a mapping
    # (no delimiter forced, the duplicate handling last used, "update" in a new collection), and the
    # import runs with that mapping unchanged.
    metadata = col.get_csv_metadata(path=path, delimiter=None)
    response = col.import_csv(ImportCsvRequest(path=path, metadata=metadata))
    return note_log(response.log), csv_mapping(col, metadata)


def note_log(log):
    out = {name: [note.id.nid for note in getattr(log, name)] for name in LOG_LISTS}
    out["found_notes"] = log.found_notes
    return out


def csv_mapping(col, metadata):
    """The mapping Anki chose: 1-based column numbers, 0 for none."""
    if metadata.WhichOneof("notetype") == "global_notetype":
        notetype = col.models.get(metadata.global_notetype.id)["name"]
        field_columns = list(metadata.global_notetype.field_columns)
    else:
        notetype, field_columns = None, []
    return {
        "delimiter": CsvMetadata.Delimiter.Name(metadata.delimiter),
        "is_html": metadata.is_html,
        "notetype": notetype,
        "field_columns": field_columns,
        "guid_column": metadata.guid_column,
        "deck_column": metadata.deck_column,
        "tags_column": metadata.tags_column,
        "dupe_resolution": CsvMetadata.DupeResolution.Name(metadata.dupe_resolution),
    }


def notes(col):
    out = []
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        cards = sorted(note.cards(), key=lambda card: card.id)
        # The first card as Anki shows it, so the tests see the templates at work.
        shown = cards[0].render_output() if cards else None
        out.append(
            {
                "id": note.id,
                "guid": note.guid,
                "notetype": note.note_type()["name"],
                "fields": dict(note.items()),
                "tags": note.tags,
                "decks": sorted({col.decks.name(card.did) for card in cards}),
                "mod": note.mod,
                "usn": note.usn,
                "cards": [card.id for card in cards],
                "front": shown.question_text if shown else "",
                "back": shown.answer_text if shown else "",
            }
        )
    return sorted(out, key=lambda note: note["guid"])


def notetypes(col):
    return sorted(
        (
            {
                "id": notetype["id"],
                "name": notetype["name"],
                "fields": [field["name"] for field in notetype["flds"]],
                "templates": [template["name"] for template in notetype["tmpls"]],
            }
            for notetype in col.models.all()
        ),
        key=lambda notetype: notetype["name"],
    )


def media_folder(col):
    folder = col.media.dir()
    out = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                data = f.read()
            out.append({"name": name, "size": len(data), "sha1": hashlib.sha1(data).hexdigest()})
    return out


def main(argv):
    flags = {arg for arg in argv if arg.startswith("--")}
    collection_path, *files = [arg for arg in argv if not arg.startswith("--")]
    col = Collection(collection_path)
    try:
        imports = []
        for path in files:
            if path.endswith(".apkg"):
                log, csv = import_package(col, path), None
            else:
                log, csv = import_csv(col, path)
            imports.append(
                {
                    "log": log,
                    "csv": csv,
                    "notes": [] if "--count-only" in flags else notes(col),
                    "note_count": col.note_count(),
                    "notetypes": notetypes(col),
                    "decks": sorted(deck.name for deck in col.decks.all_names_and_ids()),
                    "media": media_folder(col),
                }
            )
        check = None
        if "--check" in flags:
            report, ok = col.fix_integrity()
            media = col.media.check()
            check = {
                "ok": ok,
                "report": report,
                "media_missing": sorted(media.missing),
                "media_unused": sorted(media.unused),
            }
    finally:
        col.close()
    json.dump({"imports": imports, "check": check}, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
