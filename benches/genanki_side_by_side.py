#!/usr/bin/env python3
"""Python's genanki writing the notes `prep` writes, for a side-by-side figure in BENCHMARKS.md.

    python3 benches/genanki_side_by_side.py PAGE [--runs 3]

Builds the release binary's Anki-flavoured CSV of PAGE (the same note fields, HTML included, that
`prep export anki` puts in its deck), then times, best of --runs:
  - `prep export anki PAGE` as a whole command (reading, parsing, deduplicating, rendering, writing);
  - genanki building the same notes and writing its package (`genanki.Package.write_to_file`), the
    CSV already read: the writing alone, which is where the two libraries differ.
genanki is installed from PyPI into the virtual environment the real-Anki tests create
(target/anki-venv); the script re-runs itself there.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV_PYTHON = os.path.join(ROOT, "target", "anki-venv", "bin", "python")
PREP = os.path.join(ROOT, "target", "release", "prep")


def in_venv_with_genanki():
    """Re-runs this script in target/anki-venv with genanki installed, unless already there."""
    try:
        import genanki  # noqa: F401

        return
    except ImportError:
        pass
    if os.path.realpath(sys.executable) != os.path.realpath(VENV_PYTHON):
        if not os.path.exists(VENV_PYTHON):
            subprocess.run([sys.executable, "-m", "venv", os.path.dirname(os.path.dirname(VENV_PYTHON))], check=True)
        subprocess.run([VENV_PYTHON, "-m", "pip", "install", "--quiet", "genanki"], check=True)
        os.execv(VENV_PYTHON, [VENV_PYTHON, *sys.argv])
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "genanki"], check=True)


def notes_of(page, workdir):
    """The note fields `prep` exports for PAGE, from its Anki-flavoured CSV."""
    out = os.path.join(workdir, "cards.csv")
    subprocess.run([PREP, "export", "csv", "--csv-flavor", "anki", "-o", out, page], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out, newline="", encoding="utf-8") as f:
        rows = [row for row in csv.reader(f) if row and not row[0].startswith("#")]
    return rows


def genanki_write(rows, path):
    import genanki

    width = max(len(r) for r in rows)
    model = genanki.Model(
        1607392319,
        "prep side by side",
        fields=[{"name": f"F{i}"} for i in range(width)],
        templates=[{"name": "Card 1", "qfmt": "{{F0}}", "afmt": "{{FrontSide}}<hr id=answer>{{F1}}"}],
    )
    deck = genanki.Deck(2059400110, "Side by side")
    for row in rows:
        deck.add_note(genanki.Note(model=model, fields=row + [""] * (width - len(row))))
    genanki.Package(deck).write_to_file(path)


def best(runs, action):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    in_venv_with_genanki()
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        rows = notes_of(args.page, workdir)
        deck = os.path.join(workdir, "deck.apkg")
        ours = best(args.runs, lambda: subprocess.run(
            [PREP, "export", "anki", "-o", deck, args.page], check=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        theirs = best(args.runs, lambda: genanki_write(rows, os.path.join(workdir, "genanki.apkg")))
        print(f"notes:                          {len(rows)}")
        print(f"prep export anki (whole run):   {ours:.2f} s")
        print(f"genanki notes + package write:  {theirs:.2f} s")


if __name__ == "__main__":
    main()
