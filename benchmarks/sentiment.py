"""Benchmark: framelab's sentence-sentiment pipeline against calling vaderSentiment in a loop.

Builds a synthetic corpus from a fixed seed (news-like sentences mixing common English words with
VADER's sentiment words, boosters and negations; every sentence different, so no cache can help),
loads it with ``framelab.load_corpus`` (not timed), then times, on the same sentences in the same
run, each in a fresh process:

- baseline: ``[SentimentIntensityAnalyzer().polarity_scores(s) for s in sentences]``;
- framelab: ``framelab.sentiment.score(corpus, "sentence")`` as the library runs it by default
  (one worker process per core from 1,000 sentences on: two here), and in one process.

Prints sentences per second, the ratio framelab/baseline (time; at most 1.0 means at least as
fast) and the peak memory of each process (corpus included). Run with ``make benchmark`` or
``.venv/bin/python benchmarks/sentiment.py [--sentences N] [--repeat R]``.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import platform
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

SEED = 20150925
SENTENCES_PER_PARAGRAPH = 4
PARAGRAPHS_PER_DOCUMENT = 10


def synthetic_folder(folder: Path, n_sentences: int, seed: int = SEED) -> None:
    import wordfreq
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SentimentIntensityAnalyzer

    rng = random.Random(seed)
    common = wordfreq.top_n_list("en", 3000)
    rated = sorted(w for w in SentimentIntensityAnalyzer().lexicon if w.isalpha())
    boosters, negations = sorted(w for w in BOOSTER_DICT if w.isalpha()), sorted(w for w in NEGATE if w.isalpha())
    per_document = SENTENCES_PER_PARAGRAPH * PARAGRAPHS_PER_DOCUMENT
    for d in range(-(-n_sentences // per_document)):
        paragraphs = []
        for _ in range(PARAGRAPHS_PER_DOCUMENT):
            sentences = []
            for _ in range(SENTENCES_PER_PARAGRAPH):
                words = rng.choices(common, k=rng.randint(10, 25))
                for _ in range(rng.randint(1, 3)):
                    at = rng.randrange(len(words))
                    words[at:at] = [rng.choice(boosters + negations + [""] * 6), rng.choice(rated)]
                sentence = " ".join(w for w in words if w)
                sentences.append(sentence[:1].upper() + sentence[1:] + rng.choice([".", ".", "!", "?"]))
            paragraphs.append(" ".join(sentences))
        body = "\n".join(paragraphs)
        (folder / f"{d:05d}.txt").write_text(f"Story {d}\nXinhua, May {1 + d % 28}, 2016\n{body}\n")


def _peak_rss_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024  # Linux reports KiB


def _run(name, corpus, queue) -> None:
    if name == "vaderSentiment loop":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()
        sentences = list(corpus.sentences["text"])
        started = time.perf_counter()
        scores = [analyzer.polarity_scores(s)["compound"] for s in sentences]
        elapsed = time.perf_counter() - started
    else:
        from framelab import sentiment

        sentiment.vader()  # load the lexicon before the clock starts, as the baseline does
        processes = 1 if name.endswith("1 process") else None
        started = time.perf_counter()
        scores = sentiment.score(corpus, "sentence", processes=processes)["score"].tolist()
        elapsed = time.perf_counter() - started
    queue.put((name, elapsed, round(sum(scores), 4), _peak_rss_mib()))


def measure(name, corpus):
    context = mp.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_run, args=(name, corpus, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main(argv=None) -> None:
    import framelab

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=40_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the median is reported")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        synthetic_folder(Path(folder), args.sentences)
        corpus = framelab.load_corpus(folder, progress=False)
        print(f"synthetic corpus: {len(corpus.documents):,} documents, {len(corpus.sentences):,} sentences "
              f"({corpus.sentences['text'].nunique():,} different), {int(corpus.documents['n_words'].sum()):,} words "
              f"(seed {SEED}; built and loaded in {time.perf_counter() - started:.1f} s, not timed)")
    print(f"machine: {platform.python_implementation()} {platform.python_version()}, {mp.cpu_count()} cores; "
          f"each pipeline runs in a fresh process, one at a time; 'framelab' is the library default "
          f"({mp.cpu_count()} worker processes)")
    n = len(corpus.sentences)
    names = ["vaderSentiment loop", "framelab", "framelab 1 process"]
    results = {}
    for name in names:
        runs = [measure(name, corpus) for _ in range(args.repeat)]
        seconds = statistics.median(r[1] for r in runs)
        results[name] = (seconds, runs[0][2], max(r[3] for r in runs))
        print(f"{name:>20}: {seconds:6.2f} s (median of {args.repeat}: {', '.join(f'{r[1]:.2f}' for r in runs)}), "
              f"{n / seconds:8,.0f} sentences/s, sum of compound scores {results[name][1]}, "
              f"peak memory {results[name][2]:.0f} MiB (whole process, workers included)")
    if len({r[1] for r in results.values()}) != 1:
        raise SystemExit("the pipelines gave different scores")
    for name in names[1:]:
        ratio = results[name][0] / results["vaderSentiment loop"][0]
        verdict = "at least as fast as" if ratio <= 1.0 else "SLOWER than"
        print(f"ratio {name} / vaderSentiment loop (time): {ratio:.2f}  -> {verdict} the baseline (target <= 1.0)")


if __name__ == "__main__":
    main()
