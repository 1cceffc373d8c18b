"""Benchmark: the whole framelab pipeline on real text (UN General Debate Corpus), stage by stage,
each stage against a named baseline on the same text in the same process and run.

Needs the corpus archive at ``../shared/data/un-general-debate/UNGDC_1946-2024_txt.tar.gz`` (relative
to the project root; or ``--archive``); without it the benchmark says so and exits 0. The archive is
unpacked once to a temporary folder (``--workdir`` to keep it).

Stages and baselines (same paragraphs, same process):

- load: ``framelab.load_corpus(layout="plain", filename_pattern=...)``; baseline NLTK Punkt
  (``sent_tokenize``) alone over the same paragraphs, plus reading the files.
- frequencies: ``terms.frequencies(corpus)``; baseline scikit-learn ``CountVectorizer`` on the documents.
- keyness: ``terms.keyness(corpus, by="country", target="CHN", reference="USA")``; baseline: none
  (arithmetic on counts), its time and memory are printed.
- KWIC: ``terms.kwic(corpus, "common destiny")``; baseline: one compiled regex over the paragraphs.
- frames: ``framing.code(corpus)`` (default codebook); baseline: one Aho-Corasick automaton
  (``pyahocorasick``) over the codebook's plain word/phrase indicators, lower-cased paragraphs.
- sentiment: ``sentiment.score(corpus)``; baseline: ``vaderSentiment`` in a loop, one process.
- collocations: ``terms.collocations(corpus, word=...)`` for three words; no baseline.
- reload: ``load_corpus(..., cache=True)`` a second time (the Parquet cache).
- with ``--dask``: ``framelab.scale`` on a LocalCluster of 1 and 2 worker processes (frames,
  sentiment, word counts), each result checked against the local run.

Each stage's wall time, the baseline's, their ratio, and the peak resident memory of the process
after the stage are printed. ``--years 2010 2024`` (default) is the issue's reference subset
(2,899 statements); ``--all`` runs every year; ``--fraction 0.25`` keeps that share of files (fixed
seed), to show how time grows with size.

Run: ``.venv/bin/python benchmarks/un_pipeline.py [--years A B | --all] [--fraction F]``.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from _harness import peak_rss_mib

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "data" / "un-general-debate" / "UNGDC_1946-2024_txt.tar.gz"
SEED = 20151006


def unpack(archive: Path, workdir: Path) -> Path:
    target = workdir / "TXT"
    if not target.exists():
        with tarfile.open(archive) as tar:
            tar.extractall(workdir, filter="data")
    return target


def select(source: Path, destination: Path, years, fraction: float) -> int:
    """Copy the chosen statements into one flat folder (file names carry country, session, year)."""
    files = sorted(source.glob("Session */*.txt"))
    pattern = re.compile(r"^[A-Z]{2,3}_\d+_(\d{4})\.txt$")
    chosen = [f for f in files if pattern.match(f.name) and (years is None or
                                                             years[0] <= int(pattern.match(f.name).group(1)) <= years[1])]
    if fraction < 1:
        chosen = sorted(random.Random(SEED).sample(chosen, round(len(chosen) * fraction)))
    destination.mkdir(parents=True, exist_ok=True)
    for f in chosen:
        shutil.copyfile(f, destination / f.name)
    return len(chosen)


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def row(stage, seconds, baseline_name=None, baseline_seconds=None, target=None, note=""):
    ratio = f"{seconds / baseline_seconds:6.2f}" if baseline_seconds else "     -"
    goal = f"(target <= {target})" if target else ""
    base = f"{baseline_name} {baseline_seconds:7.1f} s" if baseline_seconds else (baseline_name or "")
    print(f"{stage:<14} {seconds:8.1f} s | {base:<34} | ratio {ratio} {goal:<16} | peak {peak_rss_mib():7.0f} MiB {note}",
          flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--workdir", type=Path, default=None, help="where to unpack (kept); default: a temporary folder")
    parser.add_argument("--years", type=int, nargs=2, default=[2010, 2024])
    parser.add_argument("--all", action="store_true", help="every year (the whole corpus)")
    parser.add_argument("--fraction", type=float, default=1.0)
    parser.add_argument("--skip-sentiment-baseline", action="store_true",
                        help="skip the vaderSentiment loop (minutes on the whole corpus)")
    parser.add_argument("--dask", action="store_true",
                        help="also run frames, sentiment and word counts on a Dask LocalCluster of 1 and 2 workers")
    args = parser.parse_args(argv)
    if not args.archive.exists():
        print(f"UN General Debate Corpus not found at {args.archive}: benchmark skipped "
              "(it needs ../shared/data/un-general-debate/, which a user's machine does not have).")
        return 0

    import framelab
    from framelab import framing, sentiment, terms

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="framelab-bench-"))
    source = unpack(args.archive, workdir)
    years = None if args.all else tuple(args.years)
    folder = workdir / f"chosen-{'all' if years is None else f'{years[0]}-{years[1]}'}-{args.fraction}"
    shutil.rmtree(folder, ignore_errors=True)
    n_files = select(source, folder, years, args.fraction)
    print(f"UNGDC {'all years' if years is None else f'{years[0]}-{years[1]}'}, fraction {args.fraction}: "
          f"{n_files} statements; python {sys.version.split()[0]}; framelab {framelab.__version__}", flush=True)

    # load, and its baseline: reading + Punkt over the same paragraphs (lines, as framelab keeps them)
    seconds, corpus = timed(lambda: framelab.load_corpus(folder, layout="plain", progress=False,
                                                         filename_pattern="{country}_{session}_{year}"))
    words = int(corpus.documents["n_words"].sum())
    print(f"{len(corpus.documents)} documents, {len(corpus.paragraphs):,} paragraphs, {len(corpus.sentences):,} "
          f"sentences, {words:,} words", flush=True)
    def punkt():  # NLTK's Punkt with framelab's abbreviations (NLTK's trained English model cannot be downloaded here)
        from framelab.segments import _punkt
        tokenizer = _punkt()
        paragraphs = [line.strip() for f in sorted(folder.iterdir())
                      for line in f.read_text(encoding="utf-8-sig", errors="replace").splitlines() if line.strip()]
        return sum(len(tokenizer.tokenize(p)) for p in paragraphs)
    base, _ = timed(punkt)
    row("load", seconds, "Punkt alone (+ reading)", base, 1.5)
    import os

    os.environ["FRAMELAB_CACHE"] = str(workdir / "cache")
    shutil.rmtree(workdir / "cache", ignore_errors=True)
    options = dict(layout="plain", progress=False, filename_pattern="{country}_{session}_{year}", cache=True)
    first, _ = timed(lambda: framelab.load_corpus(folder, **options))
    seconds, cached = timed(lambda: framelab.load_corpus(folder, **options))
    assert cached.sentences["text"].equals(corpus.sentences["text"])
    row("reload cached", seconds, f"first load + saving {first:5.1f} s", None, note="target <= 5 s (Parquet)")

    from sklearn.feature_extraction.text import CountVectorizer

    texts = corpus.documents["text"].tolist()
    seconds, _ = timed(lambda: terms.frequencies(corpus))
    base, _ = timed(lambda: CountVectorizer().fit_transform(texts))
    row("frequencies", seconds, "CountVectorizer", base, 1.0)

    if {"CHN", "USA"} <= set(corpus.documents["country"]):
        seconds, _ = timed(lambda: terms.keyness(corpus, by="country", target="CHN", reference="USA"))
        row("keyness", seconds, "(arithmetic on counts)", None, note="target <= 2 s after frequencies")

    paragraphs = corpus.paragraphs["text"].tolist()
    seconds, lines = timed(lambda: terms.kwic(corpus, "common destiny"))
    expression = re.compile(r"(?<![^\W_])common[\s\-]+destiny(?![^\W_])", re.IGNORECASE)
    base, found = timed(lambda: sum(1 for p in paragraphs for _ in expression.finditer(p)))
    row("kwic", seconds, "one compiled regex", base, 2.0, note=f"{len(lines)} lines, regex {found}")

    import ahocorasick

    codebook = framing.load_codebook()

    def aho_corasick():
        automaton = ahocorasick.Automaton()
        for frame in codebook.frames.values():
            for indicator in frame.indicators:
                if not indicator.text.startswith("regex:"):
                    key = indicator.text.lower().rstrip("*")
                    automaton.add_word(key, (frame.name, key))
        automaton.make_automaton()
        return sum(1 for p in paragraphs for _ in automaton.iter(p.lower()))
    seconds, _ = timed(lambda: framing.code(corpus))
    base, _ = timed(aho_corasick)
    row("frames", seconds, "Aho-Corasick (pyahocorasick)", base, 3.0)

    seconds, scored = timed(lambda: sentiment.score(corpus))
    if args.skip_sentiment_baseline:
        row("sentiment", seconds, "(vaderSentiment loop skipped)", None)
    else:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()
        texts = corpus.sentences["text"].tolist()
        base, _ = timed(lambda: [analyzer.polarity_scores(t) for t in texts])
        row("sentiment", seconds, "vaderSentiment loop, 1 process", base, 0.5)

    for word in ("cooperation", "sovereignty", "destiny"):
        seconds, _ = timed(lambda: terms.collocations(corpus, word=word, window=4, min_count=2))
        row(f"colloc {word}"[:14], seconds, "", None, note="target <= 10 s")
    if args.dask:
        dask_rows(corpus, workdir)
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def dask_rows(corpus, workdir: Path) -> None:
    """framelab.scale on a LocalCluster of 1 and 2 worker processes; results checked against the local run."""
    import pandas as pd
    from dask.distributed import Client, LocalCluster

    from framelab import framing, scale, sentiment, terms

    words = int(corpus.documents["n_words"].sum())
    seconds, folder = timed(lambda: scale.partition(corpus, workdir / "parts", words_per_partition=max(words // 16, 1)))
    print(f"partition into {len(scale.partitions(folder))} Parquet partitions: {seconds:.1f} s", flush=True)
    local = {"frames": framing.code(corpus), "sentiment": sentiment.score(corpus),
             "frequencies": terms.frequencies(corpus)}
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            for name, function in (("frames", framing.code), ("sentiment", sentiment.score),
                                   ("frequencies", terms.frequencies)):
                seconds, result = timed(lambda: scale.run(function, folder, client=client))
                pd.testing.assert_frame_equal(result, local[name])
                row(f"dask {workers}w {name}"[:14], seconds, "", None, note="identical to the local run")


if __name__ == "__main__":
    sys.exit(main())
