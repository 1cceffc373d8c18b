"""Benchmark: framelab's term-frequency pipeline against scikit-learn's CountVectorizer.

Builds a synthetic news-like corpus of about 10 million words from a fixed seed (words drawn
from wordfreq's English list by frequency, plus the constructions framelab treats specially:
"U.S.", "China-U.S.", possessives, numbers, declared phrases), then times, on the same texts in
the same run, each in a fresh process:

- baseline: ``CountVectorizer().fit_transform(texts)`` (per-document counts, default settings);
- framelab: ``Tokenizer.count_matrix(texts)`` (the same: tokenize and count per document,
  with framelab's rules: phrases, actor compounds, possessives, numbers), as the library runs
  it by default (one worker process per core: two here) and, for reference, in one process
  (``processes=1``; CountVectorizer has no option to use more than one core).

Prints words per second, the ratio framelab/baseline (time; at most 1.0 means no slower) and
the peak memory each process added. Run with ``make benchmark`` or
``.venv/bin/python benchmarks/term_frequency.py [--words N] [--repeat R]``.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import platform
import random
import time

from _harness import compare, peak_rss_mib

SEED = 20150925
WORDS_PER_DOCUMENT = 500
SPECIALS = ["U.S.", "China-U.S.", "Sino-US", "Xi's", "China's", "2.5", "trillion", "community of common destiny",
            "cyber war", "back doors", "law enforcement", "Internet Forum", "US", "United States"]


def synthetic_corpus(n_words: int, seed: int = SEED) -> list[str]:
    """``n_words`` words in documents of 500, sentences of 8-30 words; the same for the same seed."""
    import wordfreq

    rng = random.Random(seed)
    vocabulary = wordfreq.top_n_list("en", 20000)
    weights = [wordfreq.word_frequency(w, "en") for w in vocabulary]
    words = rng.choices(vocabulary, weights=weights, k=n_words)
    for i in rng.sample(range(n_words), n_words // 50):  # 2% special constructions
        words[i] = rng.choice(SPECIALS)
    texts = []
    for start in range(0, n_words, WORDS_PER_DOCUMENT):
        chunk = words[start:start + WORDS_PER_DOCUMENT]
        sentences, i = [], 0
        while i < len(chunk):
            length = rng.randint(8, 30)
            sentence = " ".join(chunk[i:i + length])
            sentences.append(sentence[:1].upper() + sentence[1:] + rng.choice([".", ".", ".", "?", ","]))
            i += length
        texts.append("\n".join(" ".join(sentences[j:j + 3]) for j in range(0, len(sentences), 3)))
    return texts


def _run(name: str, texts: list[str], queue) -> None:
    start_rss = peak_rss_mib()
    if name == "CountVectorizer":
        from sklearn.feature_extraction.text import CountVectorizer

        started = time.perf_counter()
        matrix = CountVectorizer().fit_transform(texts)
        elapsed = time.perf_counter() - started
        tokens, types = int(matrix.sum()), matrix.shape[1]
    else:
        from framelab.tokens import default_tokenizer

        tokenizer = default_tokenizer()
        processes = 1 if name.endswith("1 process") else None
        started = time.perf_counter()
        counts = tokenizer.count_matrix(texts, processes=processes)
        elapsed = time.perf_counter() - started
        tokens, types = int(counts.count.sum()), len(counts.vocabulary)
    queue.put((name, elapsed, f"{tokens:,} tokens, {types:,} types", peak_rss_mib() - start_rss))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the median is reported")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    texts = synthetic_corpus(args.words)
    n_words = sum(len(t.split()) for t in texts)
    print(f"synthetic corpus: {len(texts):,} documents, {n_words:,} words, "
          f"{sum(map(len, texts)) / 1e6:.1f} MB of text (seed {SEED}, built in {time.perf_counter() - started:.1f} s)")
    print(f"machine: {platform.python_implementation()} {platform.python_version()}, "
          f"{mp.cpu_count()} cores; each pipeline runs in a fresh process, one at a time; "
          f"'framelab' is the library default ({mp.cpu_count()} worker processes)")

    compare(_run, texts, baseline="CountVectorizer", pipelines=["framelab", "framelab 1 process"],
            repeat=args.repeat, items=n_words, unit="words", memory="peak memory +")

if __name__ == "__main__":
    main()
