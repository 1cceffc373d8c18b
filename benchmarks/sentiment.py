"""Benchmark: framelab's sentence-sentiment pipeline against calling vaderSentiment in a loop.

Builds a synthetic corpus from a fixed seed (news-like sentences mixing common English words with
VADER's sentiment words, boosters and negations; every sentence different, so no cache can help),
loads it with ``framelab.load_corpus`` (not timed), then times, on the same sentences in the same
run, each in a fresh process:

- baseline: ``[SentimentIntensityAnalyzer().polarity_scores(s) for s in sentences]``;
- framelab: ``framelab.sentiment.score(corpus, unit="sentence")`` as the library runs it by default
  (names masked, so sentences with a name are scored twice; ``score_unmasked`` is compared)
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
import tempfile
import time
from pathlib import Path

from _harness import compare, peak_rss_mib

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
        # The library default masks names, so each sentence holding one is scored twice; the
        # unmasked column is vaderSentiment's own score, which must equal the baseline's.
        scores = sentiment.score(corpus, unit="sentence", processes=processes)["score_unmasked"].tolist()
        elapsed = time.perf_counter() - started
    queue.put((name, elapsed, f"sum of compound scores {sum(scores):.4f}", peak_rss_mib()))


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
    compare(_run, corpus, baseline="vaderSentiment loop", pipelines=["framelab", "framelab 1 process"],
            repeat=args.repeat, items=len(corpus.sentences), unit="sentences",
            memory="peak memory (whole process, workers included)", same_as_baseline=True)

if __name__ == "__main__":
    main()
