"""The slogan everywhere it is spoken (issue 21, item 4): every rendering of "community of common
destiny" in the whole UN General Debate Corpus, by country and year, with uses before 2012 marked
"before the slogan" and their sentence.

Needs the corpus archive at ``../shared/data/un-general-debate/UNGDC_1946-2024_txt.tar.gz`` (relative
to the project root; or ``--archive``); without it the script says so and exits 0. It loads every
statement as notebook 04 loads its own (``join_lines="auto"``), finds the renderings with the default
codebook's slogan frame (``framing.slogan``), prints the table, and writes it with a figure to
``benchmarks/results/`` (``slogan_ungdc.csv``, ``slogan_ungdc-uses.png``/``.svg``). It also prints
its time and peak memory beside a baseline: one compiled regex of the same renderings over the raw
files.

Run: ``.venv/bin/python benchmarks/slogan_everywhere.py [--workdir DIR]``.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from _harness import own_peak_rss_mib

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "data" / "un-general-debate" / "UNGDC_1946-2024_txt.tar.gz"
RESULTS = ROOT / "benchmarks" / "results"


def flat_copy(archive: Path, workdir: Path) -> Path:
    """Every statement of the archive in one folder (the archive keeps one folder per session)."""
    folder = workdir / "all"
    if not folder.exists():
        with tarfile.open(archive) as tar:
            tar.extractall(workdir / "unpacked", filter="data")
        folder.mkdir()
        for path in sorted((workdir / "unpacked").rglob("*.txt")):
            shutil.copy(path, folder / path.name)
    return folder


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--workdir", type=Path, default=None, help="where to unpack (kept); default: a temporary folder")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the table and figure are written")
    args = parser.parse_args(argv)
    if not args.archive.exists():
        print(f"UN General Debate Corpus not found at {args.archive}: skipped "
              "(it needs ../shared/data/un-general-debate/, which a user's machine does not have).")
        return 0
    import pandas as pd

    import framelab
    from framelab import figures, framing, plots

    folder = flat_copy(args.archive, args.workdir or Path(tempfile.mkdtemp(prefix="framelab-slogan-")))
    start = time.perf_counter()
    corpus = framelab.load_corpus(folder, layout="plain", filename_pattern="{country}_{session}_{year}",
                                  join_lines="auto", progress=False)
    book = framing.load_codebook()
    slogan_only = framing.Codebook.from_dict({"frames": {"slogan": book.to_dict()["frames"]["slogan"]}})
    coded = framing.code(corpus, codebook=slogan_only)
    found = framing.slogan(corpus, coded, codebook=slogan_only, by="country")
    seconds = time.perf_counter() - start
    peak = own_peak_rss_mib()

    # Baseline: one regex of the plain renderings over the raw files (whitespace collapsed).
    start = time.perf_counter()
    plain = sorted(framing.renderings_of(book), key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(r).replace(r"\ ", r"[\s-]+") for r in plain) + r")\b", re.I)
    baseline_hits = sum(len(pattern.findall(path.read_text(encoding="utf-8", errors="replace")))
                        for path in sorted(folder.iterdir()))
    base_seconds = time.perf_counter() - start

    table = found.assign(year=found["date"].dt.year)[
        ["country", "year", "doc_id", "paragraph", "rendering", "match", "before_slogan", "sentence"]]
    table = table.sort_values(["year", "country", "paragraph"], kind="stable").reset_index(drop=True)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "slogan_ungdc.csv"
    partial = target.with_suffix(".csv.partial")
    table.to_csv(partial, index=False, lineterminator="\n")
    partial.replace(target)
    fig = plots.slogan_uses(found, by="country")
    written = figures.save(fig, "uses", notebook="slogan_ungdc", directory=args.out)

    print(f"UNGDC, every year: {len(corpus.documents):,} statements, {int(corpus.documents['n_words'].sum()):,} words; "
          f"python {sys.version.split()[0]}; framelab {framelab.__version__}")
    print(f"{len(table)} uses of a rendering in {table['doc_id'].nunique()} statements of "
          f"{table['country'].nunique()} countries; {int(table['before_slogan'].sum())} before 2012 (marked).")
    with pd.option_context("display.width", 200, "display.max_colwidth", 60):
        per_country = table.groupby("country").agg(uses=("doc_id", "size"), statements=("doc_id", "nunique"),
                                                    first=("year", "min"), last=("year", "max"),
                                                    before_slogan=("before_slogan", "sum"))
        print(per_country.sort_values(["first", "country"]).to_string())
        print("\nUses before the slogan (2012), with their sentence, for the reader to judge:")
        for row in table[table["before_slogan"]].itertuples():
            print(f"  {row.country} {row.year}: {row.sentence}")
    print(f"\nframelab (load + slogan frame + slogan table): {seconds:.1f} s, peak {peak:.0f} MiB; "
          f"baseline, one regex of the {len(plain)} plain renderings over the raw files: {base_seconds:.1f} s, "
          f"{baseline_hits} matches (no split forms, no sentence, no date); ratio {seconds / base_seconds:.1f}x")
    print("written: " + ", ".join(str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p)
                                  for p in [target, *written]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
