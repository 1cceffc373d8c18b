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
    coders = (["A1", "A2", "A3", "B1", "B2", "B3"] if sys.argv[1] == "development" else
              ["A4", "A5", "A6", "B4", "B5", "B6"])   # other agent instances, in folders of their own
    write(sys.argv[1], Path(sys.argv[2]), {coder: coder[0] for coder in coders})
