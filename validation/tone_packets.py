"""The rating packets of the tone reference (validation/tone_manual.md): for each rater, the sample's
units and texts only (no country, year, document or score), in an order of the rater's own (seeded),
and how the answers are gathered and checked.

Run: ``.venv/bin/python validation/tone_packets.py packets DIR`` (writes DIR/R1.csv ...), then, with each
rater's answers in DIR/R<n>_ratings.csv (unit,rating), ``... collect DIR`` (writes tone_reference.csv).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
RATERS = ("R1", "R2", "R3")
SCALE = (-1.0, -0.5, 0.0, 0.5, 1.0)


def packets(folder: Path) -> None:
    sample = pd.read_csv(HERE / "tone_sample.csv")
    folder.mkdir(parents=True, exist_ok=True)
    for number, rater in enumerate(RATERS, start=1):
        order = np.random.default_rng(1000 + number).permutation(len(sample))
        sample.iloc[order][["unit", "text"]].to_csv(folder / f"{rater}.csv", index=False, lineterminator="\n")


def collect(folder: Path) -> pd.DataFrame:
    sample = pd.read_csv(HERE / "tone_sample.csv")
    parts = []
    for rater in RATERS:
        path = folder / f"{rater}_ratings.csv"
        answers = pd.read_csv(path)
        if sorted(answers["unit"]) != sorted(sample["unit"]) or answers["unit"].duplicated().any():
            raise SystemExit(f"{path}: every unit of tone_sample.csv exactly once, please")
        if not answers["rating"].isin(SCALE).all():
            raise SystemExit(f"{path}: ratings must be one of {SCALE}")
        parts.append(answers.assign(coder=rater))
    ratings = pd.concat(parts).merge(sample[["unit", "doc_id", "paragraph", "sentence"]], on="unit")
    ratings = ratings.rename(columns={"rating": "reference"})[["unit", "doc_id", "paragraph", "sentence", "coder", "reference"]]
    ratings = ratings.sort_values(["unit", "coder"]).reset_index(drop=True)
    target = HERE / "tone_reference.csv"
    partial = target.with_suffix(".csv.partial")
    ratings.to_csv(partial, index=False, lineterminator="\n")
    partial.replace(target)
    return ratings


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("packets", "collect"):
        raise SystemExit(__doc__)
    (packets if sys.argv[1] == "packets" else collect)(Path(sys.argv[2]))
