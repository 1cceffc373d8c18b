"""Write what a coder of the 2026 UN sample sees: the manual and the units of one half, nothing else.

Run from the project root:  .venv/bin/python validation/coding_packets.py development FOLDER

FOLDER/<half>_units.txt lists each unit of that half as "## P001" and the paragraph's text, in
unit order (ids were given in a random order, so the order says nothing about country or year).
No country, year, document, stratum, codebook or automated code is written. Each coder's folder
gets a copy of this packet and of one manual (A: coding_manual.md; B: coding_manual_published.md).
"""
import shutil
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
MANUALS = {"A": "coding_manual.md", "B": "coding_manual_published.md"}


def write(half: str, folder: Path, coders: dict[str, str]) -> None:
    sample = pd.read_csv(ROOT / "validation" / "ungdc_sample.csv")
    units = sample[sample["half"] == half].sort_values("unit")
    text = "".join(f"## {unit}\n{body}\n\n" for unit, body in zip(units["unit"], units["text"]))
    for coder, reference in coders.items():
        own = folder / coder
        own.mkdir(parents=True, exist_ok=True)
        (own / f"{half}_units.txt").write_text(text, encoding="utf-8")
        shutil.copyfile(ROOT / "validation" / MANUALS[reference], own / "manual.md")
    print(f"{len(units)} {half} units for {', '.join(coders)} in {folder}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("development", "test"):
        sys.exit("usage: coding_packets.py development|test FOLDER")
    write(sys.argv[1], Path(sys.argv[2]),
          {"A1": "A", "A2": "A", "A3": "A", "B1": "B", "B2": "B", "B3": "B"})
