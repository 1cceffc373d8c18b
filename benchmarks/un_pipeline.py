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
- actors: ``actors.mentions(corpus)``; baseline: one compiled regex of every actor form over the paragraphs.
- sentiment: ``sentiment.score(corpus)``; baseline: ``vaderSentiment`` in a loop, one process.
- collocations: ``terms.collocations(corpus, word=...)`` for three words; no baseline.
- reload: ``load_corpus(..., cache=True)`` a second time (the Parquet cache).
- with ``--dask``: ``framelab.scale`` on LocalClusters of 1 and 2 worker processes (frames,
  sentiment, word counts, KWIC, actors, keyness, collocations), each result checked against the
  local run.

Each stage's wall time, the baseline's, their ratio, and the stage's peak memory are printed
("peak": this process's peak resident memory during the stage; "machine": the peak memory in use
on the machine during the stage, less what was in use before this process loaded the corpus
other than the process itself: this process and its workers, shared pages counted once). Each
framelab stage's peak starts again from what the process holds when it starts (the corpus, what
is kept on it, what earlier stages freed but the process kept, as in a user's script); a
baseline's input (lists of Python strings) is made only for it and let go after, with what the
baseline took. Then the whole pipeline's time
(framelab's stages only: load, frequencies, keyness, KWIC, actors, sentiment, frames, three
collocations) with its highest stage's peak, and the whole run's peak, baselines included. ``--years 2010 2024``
(default) is the issue's reference subset (2,899 statements); ``--all`` runs every year;
``--fraction 0.25`` keeps that share of files (fixed seed), to show how time grows with size;
``--no-baselines`` times framelab alone (the baselines take minutes on the whole corpus).

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

from _harness import SystemMemory, own_peak_rss_mib, release, reset_own_peak

MEMORY = None   # started in main()
#: (process peak, machine peak) of each framelab stage, in MiB, in order
PEAKS: list = []
#: this process's highest peak over the whole run, baselines included (MiB)
RUN_PEAK = [0.0]


def restart_peaks() -> None:
    """Start the peaks again from what the process holds now (the run's peak is kept). Nothing is
    given back first: what a framelab stage freed stays with the process, as in a user's script
    (the baselines give back what they took: ``baseline``)."""
    RUN_PEAK[0] = max(RUN_PEAK[0], own_peak_rss_mib())
    reset_own_peak()
    if MEMORY is not None:
        MEMORY.reset()


def memory(peaks=None) -> str:
    own, system = peaks if peaks is not None else PEAKS[-1]
    return f"peak {own:6.0f} MiB, machine {system:6.0f} MiB" if system is not None else f"peak {own:6.0f} MiB"

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


def stage(function):
    """``(seconds, result)`` of one framelab stage, and its peak memory kept in ``PEAKS``: the
    peaks start again from what the process holds when the stage starts (``reset_own_peak``,
    ``SystemMemory.reset``), so a baseline run before it does not count; what the process still
    holds (the corpus, counts kept on it, memory earlier stages freed but kept) does."""
    restart_peaks()
    seconds, result = timed(function)
    PEAKS.append((own_peak_rss_mib(), MEMORY.peak_mib if MEMORY is not None else None))
    return seconds, result


def measured(function):
    """``(seconds, rows)`` of one framelab stage (see ``stage``); its table is let go at once, as a
    script that writes each table out and moves on would (the peak memory is then the stage's own,
    not all results')."""
    seconds, result = stage(function)
    return seconds, len(result)


def highest(peaks) -> tuple:
    """The highest (process, machine) peaks of some stages."""
    return (max(p[0] for p in peaks),
            None if any(p[1] is None for p in peaks) else max(p[1] for p in peaks))


def baseline(function, make_input):
    """``(seconds, result)`` of a baseline on its input, made before the clock starts and let go
    after (the input is the benchmark's, not framelab's: it is never held during framelab's stages)."""
    data = make_input()
    try:
        return timed(lambda: function(data))
    finally:
        del data
        release()


def row(stage, seconds, baseline_name=None, baseline_seconds=None, target=None, note="", peaks=None):
    if baseline_seconds is None and baseline_name and not baseline_name.startswith(("(", "first load")):
        baseline_name = "(baseline not run)"
    ratio = f"{seconds / baseline_seconds:6.2f}" if baseline_seconds else "     -"
    goal = f"(target <= {target})" if target else ""
    base = f"{baseline_name} {baseline_seconds:7.1f} s" if baseline_seconds else (baseline_name or "")
    print(f"{stage:<14} {seconds:8.1f} s | {base:<34} | ratio {ratio} {goal:<16} | {memory(peaks)} {note}", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--workdir", type=Path, default=None, help="where to unpack (kept); default: a temporary folder")
    parser.add_argument("--years", type=int, nargs=2, default=[2010, 2024])
    parser.add_argument("--all", action="store_true", help="every year (the whole corpus)")
    parser.add_argument("--fraction", type=float, default=1.0)
    parser.add_argument("--skip-sentiment-baseline", action="store_true",
                        help="skip the vaderSentiment loop (minutes on the whole corpus)")
    parser.add_argument("--no-baselines", action="store_true",
                        help="time framelab's stages only (no baselines, no cache reload)")
    parser.add_argument("--dask", action="store_true",
                        help="also run the analyses on Dask LocalClusters of 1 and 2 workers")
    args = parser.parse_args(argv)
    if not args.archive.exists():
        print(f"UN General Debate Corpus not found at {args.archive}: benchmark skipped "
              "(it needs ../shared/data/un-general-debate/, which a user's machine does not have).")
        return 0

    global MEMORY
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
    MEMORY = SystemMemory(include_self=True)
    seconds, corpus = stage(lambda: framelab.load_corpus(folder, layout="plain", progress=False,
                                                         filename_pattern="{country}_{session}_{year}"))
    load_peaks = PEAKS[-1]
    words = int(corpus.documents["n_words"].sum())
    print(f"{len(corpus.documents)} documents, {len(corpus.paragraphs):,} paragraphs, {len(corpus.sentences):,} "
          f"sentences, {words:,} words", flush=True)
    def punkt():  # NLTK's Punkt with framelab's abbreviations (NLTK's trained English model cannot be downloaded here)
        from framelab.segments import _punkt
        tokenizer = _punkt()
        paragraphs = [line.strip() for f in sorted(folder.iterdir())
                      for line in f.read_text(encoding="utf-8-sig", errors="replace").splitlines() if line.strip()]
        return sum(len(tokenizer.tokenize(p)) for p in paragraphs)
    baselines = not args.no_baselines
    pipeline = {"load": seconds}
    base, _ = timed(punkt) if baselines else (None, None)
    row("load", seconds, "Punkt alone (+ reading)", base, 1.5, peaks=load_peaks)
    import os

    if baselines:
        os.environ["FRAMELAB_CACHE"] = str(workdir / "cache")
        shutil.rmtree(workdir / "cache", ignore_errors=True)
        options = dict(layout="plain", progress=False, filename_pattern="{country}_{session}_{year}", cache=True)
        first, _ = timed(lambda: framelab.load_corpus(folder, **options))
        release()   # the first load here is the benchmark's own
        restart_peaks()
        seconds, cached = timed(lambda: framelab.load_corpus(folder, **options))
        reload_peaks = (own_peak_rss_mib(), MEMORY.peak_mib)
        assert cached.sentences["text"].equals(corpus.sentences["text"])
        row("reload cached", seconds, f"first load + saving {first:5.1f} s", None, note="target <= 5 s (Parquet)",
            peaks=reload_peaks)
        del cached
        release()   # the second copy of the corpus was the benchmark's own

    from sklearn.feature_extraction.text import CountVectorizer

    # The baselines' inputs (lists of Python strings) are made only for them and let go after.
    def documents():
        return corpus.documents["text"].tolist()

    def paragraphs():
        return corpus.paragraphs["text"].tolist()

    seconds, _ = measured(lambda: terms.frequencies(corpus))
    pipeline["frequencies"] = seconds
    base, _ = baseline(lambda texts: CountVectorizer().fit_transform(texts), documents) if baselines else (None, None)
    row("frequencies", seconds, "CountVectorizer", base, 1.0)

    if {"CHN", "USA"} <= set(corpus.documents["country"]):
        seconds, _ = measured(lambda: terms.keyness(corpus, by="country", target="CHN", reference="USA"))
        pipeline["keyness"] = seconds
        row("keyness", seconds, "(arithmetic on counts)", None, note="target <= 2 s after frequencies")

    seconds, lines = measured(lambda: terms.kwic(corpus, "common destiny"))
    pipeline["kwic"] = seconds
    expression = re.compile(r"(?<![^\W_])common[\s\-]+destiny(?![^\W_])", re.IGNORECASE)
    base, found = (baseline(lambda texts: sum(1 for p in texts for _ in expression.finditer(p)), paragraphs)
                   if baselines else (None, "-"))
    row("kwic", seconds, "one compiled regex", base, 2.0, note=f"{lines} lines, regex {found}")

    from framelab import actors

    forms = sorted({f for fs in actors.load_actors().values() for f in fs}, key=len, reverse=True)
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![^\W_])")
    seconds, mentioned = measured(lambda: actors.mentions(corpus))
    pipeline["actors"] = seconds
    base, found = (baseline(lambda texts: sum(1 for p in texts for _ in pattern.finditer(p)), paragraphs)
                   if baselines else (None, "-"))
    row("actors", seconds, "one regex of the actor forms", base, None, note=f"{mentioned} mentions, regex {found}")

    import ahocorasick

    codebook = framing.load_codebook()

    def aho_corasick(texts):
        automaton = ahocorasick.Automaton()
        for frame in codebook.frames.values():
            for indicator in frame.indicators:
                if not indicator.text.startswith("regex:"):
                    key = indicator.text.lower().rstrip("*")
                    automaton.add_word(key, (frame.name, key))
        automaton.make_automaton()
        return sum(1 for p in texts for _ in automaton.iter(p.lower()))
    seconds, _ = measured(lambda: framing.code(corpus))
    pipeline["frames"] = seconds
    base, _ = baseline(aho_corasick, paragraphs) if baselines else (None, None)
    row("frames", seconds, "Aho-Corasick (pyahocorasick)", base, 3.0)

    seconds, _ = measured(lambda: sentiment.score(corpus))
    pipeline["sentiment"] = seconds
    if args.skip_sentiment_baseline or not baselines:
        row("sentiment", seconds, "(vaderSentiment loop skipped)", None)
    else:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()
        base, _ = baseline(lambda texts: [analyzer.polarity_scores(t) for t in texts],
                           lambda: corpus.sentences["text"].tolist())
        row("sentiment", seconds, "vaderSentiment loop, 1 process", base, 0.5)

    for word in ("cooperation", "sovereignty", "destiny"):
        seconds, _ = measured(lambda: terms.collocations(corpus, word=word, window=4, min_count=2))
        pipeline[f"collocations {word}"] = seconds
        row(f"colloc {word}"[:14], seconds, "", None, note="target <= 10 s")
    total = sum(pipeline.values())
    own, system = highest(PEAKS)
    print(f"{'pipeline':<14} {total:8.1f} s | framelab's stages above: {words / total / 1e6:.2f} M words per second | "
          f"{memory((own, system))} (the highest stage; targets: whole UNGDC <= 300 s, <= 3072 MiB)", flush=True)
    print(f"{'whole run':<14} {'':>10} | baselines included (their inputs and results): "
          f"peak {max(RUN_PEAK[0], own_peak_rss_mib()):6.0f} MiB", flush=True)
    if args.dask:
        dask_rows(corpus, workdir)
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def dask_rows(corpus, workdir: Path) -> None:
    """The pipeline's analyses through framelab.scale on LocalClusters of 1 and 2 worker processes,
    each result checked against the local run's, stage by stage (the local result is dropped
    before the next stage, so memory holds one stage's tables at a time)."""
    import pandas as pd
    from dask.distributed import Client, LocalCluster

    from framelab import actors, framing, scale, sentiment, terms

    words = int(corpus.documents["n_words"].sum())
    seconds, folder = timed(lambda: scale.partition(corpus, workdir / "parts", words_per_partition=2_000_000))
    print(f"partition into {len(scale.partitions(folder))} Parquet partitions of about 2 M words: {seconds:.1f} s",
          flush=True)
    stages = [("frames", framing.code, {}), ("sentiment", sentiment.score, {}), ("frequencies", terms.frequencies, {}),
              ("kwic", terms.kwic, {"query": "common destiny"}), ("actors", actors.mentions, {})]
    if {"CHN", "USA"} <= set(corpus.documents["country"]):
        stages.append(("keyness", terms.keyness, {"by": "country", "target": "CHN", "reference": "USA"}))
    stages += [(f"colloc {w}", terms.collocations, {"word": w, "window": 4, "min_count": 2})
               for w in ("cooperation", "sovereignty", "destiny")]
    totals = {1: 0.0, 2: 0.0}
    first = len(PEAKS)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as one, \
            Client(one) as client_1, \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as two, \
            Client(two) as client_2:
        for name, function, options in stages:
            arguments = dict(options)
            query = arguments.pop("query", None)
            local = function(corpus, query, **arguments) if query else function(corpus, **arguments)
            for workers, client in ((1, client_1), (2, client_2)):
                seconds, result = stage(lambda: scale.run(function, folder, client=client, **options))
                pd.testing.assert_frame_equal(result, local)
                totals[workers] += seconds
                row(f"dask {workers}w {name}"[:14], seconds, "", None, note="identical to the local run")
            del local, result
    for workers, total in totals.items():
        print(f"{f'dask {workers} worker':<14} {total:8.1f} s | the analyses above on {workers} worker process(es): "
              f"{words / total / 1e6:.2f} M words per second | {memory(highest(PEAKS[first:]))} (highest stage)", flush=True)


if __name__ == "__main__":
    sys.exit(main())
