"""Imports `.apkg` files into a new Anki collection and prints what Anki made of them, as JSON.

Usage: python collection.py COLLECTION.anki2 PACKAGE.apkg [PACKAGE.apkg ...]

Run by tests/anki_import.rs with the `anki` package (the library inside Anki's desktop app), so the
packages go through the importer Anki users run, with the options its import screen starts with. The
packages are imported in turn into the same collection; after each one the script records the import
log and the collection's notes, note types and decks.

Output: {"imports": [{"log": {...}, "notes": [...], "notetypes": [...], "decks": [...]}, ...]}, notes
sorted by GUID.
"""

import json
import sys

from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
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
    log = {name: [note.id.nid for note in getattr(response.log, name)] for name in LOG_LISTS}
    log["found_notes"] = response.log.found_notes
    return log


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


def main(argv):
    collection_path, *packages = argv
    col = Collection(collection_path)
    try:
        imports = []
        for package in packages:
            log = import_package(col, package)
            imports.append(
                {
                    "log": log,
                    "notes": notes(col),
                    "notetypes": notetypes(col),
                    "decks": sorted(deck.name for deck in col.decks.all_names_and_ids()),
                }
            )
    finally:
        col.close()
    json.dump({"imports": imports}, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
