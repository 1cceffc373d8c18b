"""Corpora larger than one machine: the corpus as a partitioned Parquet dataset, and analyses run
partition by partition on Dask (``dask.distributed``: a laptop's processes, a university cluster
through dask-jobqueue, Kubernetes), their results combined into the table the local run gives.

    folder = scale.partition(corpus, "ungdc-parts", words_per_partition=2_000_000)
    hits = scale.run(framing.hits, folder)                    # local worker processes
    hits = scale.run(framing.hits, folder, client=client)     # a dask.distributed Client

The same per-partition code runs in both cases (``dask.delayed`` on local processes, or the
client's workers). Partitions are whole documents in corpus order, so results that list units
(matches, coded paragraphs, scored sentences, concordance lines, mentions) are the partitions'
rows in order; word counts per document, and a word's pairs, are added up, and frequencies,
keyness and collocations are computed from them as the local run computes them. All are
identical to the local run (tested).
What runs this way: ``RUNNABLE``.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from framelab import cache, checks

__all__ = ["partition", "partitions", "load_partition", "run", "RUNNABLE"]

#: The analyses ``run`` distributes, by name: listing ones (rows concatenated) and counting ones
#: (word counts per document, or a word's pairs, added up across partitions).
RUNNABLE = ("framing.hits", "framing.code", "actors.mentions", "terms.kwic", "sentiment.score", "terms.frequencies",
            "terms.keyness", "terms.collocations")
#: Document columns a partition's word counts come back without (the text is not needed to count).
_TEXT_COLUMNS = ("text", "raw_text")


def partition(corpus, folder, *, words_per_partition: int = 2_000_000, append: bool = False) -> Path:
    """Write ``corpus`` as a partitioned Parquet dataset: ``folder/part-00000/`` ..., each holding
    whole documents (about ``words_per_partition`` words), in corpus order.

    Args:
        corpus (Corpus): a loaded corpus (``load_corpus``; ``cache=True`` reads it once).
        folder (str or Path): the dataset's folder (replaced if it exists).
        words_per_partition (int, default 2000000): words per partition, roughly; a document is
            never split.
        append (bool, default False): add the partitions after those already in ``folder``
            (a corpus too large to load at once: load and partition it folder by folder).

    >>> import tempfile
    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain")
    >>> folder = partition(corpus, Path(tempfile.mkdtemp()) / "un", words_per_partition=100_000)
    >>> len(partitions(folder))
    6
    """
    import shutil

    folder = Path(folder)
    first = len(partitions(folder)) if append else 0
    if not append:
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    if append and first:
        held = set(pd.concat([load_partition(p).documents["doc_id"] for p in partitions(folder)]))
        repeated = sorted(held & set(corpus.documents["doc_id"]))
        if repeated:
            raise ValueError(f"partition: {len(repeated)} doc_id(s) already in {folder}: {repeated[:5]}; "
                             "give each document once (file names unique across the folders loaded)")
    words = corpus.documents["n_words"].to_numpy()
    blocks, current, size = [], [], 0
    for doc_id, n in zip(corpus.documents["doc_id"], words):
        if current and size + n > words_per_partition:
            blocks.append(current)
            current, size = [], 0
        current.append(doc_id)
        size += int(n)
    if current:
        blocks.append(current)
    for number, block in enumerate(blocks):
        if not cache.save_tables(corpus.subset(block), folder / f"part-{first + number:05d}"):
            raise ValueError(f"partition: a table of {corpus.source!r} cannot be written as Parquet "
                             "(a metadata column mixing numbers and text?); make its values one type")
    return folder


def partitions(folder) -> list[Path]:
    """The partition folders of a dataset written by ``partition``, in order.

    Args:
        folder (str or Path): the dataset's folder.

    >>> partitions("/nonexistent")
    []
    """
    return sorted(Path(folder).glob("part-*")) if Path(folder).is_dir() else []


def load_partition(path):
    """One partition as a ``Corpus`` (documents, paragraphs, sentences, its load report rows).

    Args:
        path (str or Path): a partition folder.

    >>> load_partition("/nonexistent")
    Traceback (most recent call last):
    ValueError: /nonexistent is not a partition written by framelab.scale.partition
    """
    corpus = cache.load_tables(path)
    if corpus is None:
        raise ValueError(f"{path} is not a partition written by framelab.scale.partition")
    return corpus


def _name(function) -> str:
    return f"{function.__module__.rsplit('.', 1)[-1]}.{function.__name__}"


def _apply(path, name, options):
    """Run one analysis on one partition (in a worker)."""
    import importlib

    module, function = name.split(".")
    analysis = getattr(importlib.import_module(f"framelab.{module}"), function)
    corpus = load_partition(path)
    if name in ("terms.keyness", "terms.frequencies") and options.get("n", 1) == 1:
        return _document_counts(corpus, options.get("phrases"))
    if name == "terms.frequencies":   # n-grams per document, so that partitions add up exactly
        table = analysis(corpus, **{**options, "by": "doc_id", "min_count": 1, "top": None, "processes": 1})
        return table, int(corpus.documents["n_words"].sum())
    if name == "terms.collocations":
        from framelab import terms

        return terms._pairs_of(corpus, options["target"], options["window"], options.get("phrases"))
    if name == "terms.kwic":
        query = options.pop("query")
        return analysis(corpus, query, **options)
    if name == "sentiment.score":
        options = {"processes": 1, **options}   # the worker is the process
    return analysis(corpus, **options)


def _document_counts(corpus, phrases):
    """A partition's word counts per document (``DocumentTermCounts`` over its documents) and its
    documents without their text."""
    import numpy as np

    from framelab import terms
    from framelab.tokens import DocumentTermCounts

    counts, numbers, doc_ids = terms._count_arrays(corpus, phrases, processes=1)
    document, term, summed = terms._summed_pairs(numbers[counts.document], counts.term, counts.count,
                                                 max(len(counts.vocabulary), 1))
    per_document = DocumentTermCounts(counts.vocabulary, document.astype(np.int32), term.astype(np.int32),
                                      summed.astype(np.int32), len(doc_ids))
    documents = corpus.documents.drop(columns=[c for c in _TEXT_COLUMNS if c in corpus.documents.columns])
    return documents, per_document


def _counted(results, phrases):
    """A corpus without text holding the word counts of every partition (one "paragraph" per
    document), for ``terms.frequencies`` and ``terms.keyness`` to run on as they run locally."""
    import numpy as np

    from framelab import terms
    from framelab.corpus import Corpus
    from framelab.tokens import DocumentTermCounts

    documents = pd.concat([d for d, _ in results], ignore_index=True)
    counts = DocumentTermCounts.concatenate([c for _, c in results])
    doc_ids = documents["doc_id"].to_numpy(dtype=object)
    paragraphs = pd.DataFrame({"doc_id": documents["doc_id"], "paragraph": 1, "text": "",
                               "n_words": documents["n_words"]})
    sentences = pd.DataFrame(columns=["doc_id", "paragraph", "sentence", "text"])
    corpus = Corpus(documents=documents, paragraphs=paragraphs, sentences=sentences, report=pd.DataFrame(),
                    cleaning=pd.DataFrame(), source="word counts of a partitioned dataset (framelab.scale)")
    key = None if phrases is None else tuple(phrases)
    corpus.__dict__["_count_arrays"] = {key: (paragraphs, len(paragraphs),
                                              (counts, np.arange(len(doc_ids)), doc_ids))}
    assert terms._count_arrays(corpus, phrases)[0] is counts
    return corpus


def run(function, folder, *, client=None, **options) -> pd.DataFrame:
    """Run an analysis on every partition of a dataset, on Dask, and combine the results.

    Args:
        function (callable): one of ``RUNNABLE``, e.g. ``framelab.framing.hits``.
        folder (str or Path): a dataset written by ``partition``.
        client (dask.distributed.Client or None, default None): the cluster; None runs the
            partitions in local worker processes (Dask's "processes" scheduler).
        options (dict): the analysis's own options (``codebook=``, ``unit=``, ``query=`` for
            ``terms.kwic``, ``by=``, ``period=``, ``target=`` for keyness and word frequencies,
            ``word=`` for ``terms.collocations``, ...); n-gram frequencies (``n`` > 1) only for the
            whole corpus (no ``by``/``period``).

    Returns:
        The table the analysis gives on the whole corpus.

    >>> import tempfile
    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> folder = partition(corpus, Path(tempfile.mkdtemp()) / "seed")
    >>> run(framelab.terms.frequencies, folder, top=2)[["term", "count"]].values.tolist()  # doctest: +SKIP
    [['china', 12], ['chinese', 9]]
    """
    import dask

    name = _name(function)
    if name not in RUNNABLE:
        raise checks.invalid_value("run", "function", name, f"one of {list(RUNNABLE)}")
    parts = partitions(folder)
    if not parts:
        raise ValueError(f"run: {folder} holds no partitions; write them with framelab.scale.partition")
    words_counted = name in ("terms.frequencies", "terms.keyness") and options.get("n", 1) == 1
    grams = name == "terms.frequencies" and not words_counted
    if grams and ({"by", "period"} & set(options)):
        raise checks.invalid_value("run", "options", sorted({"by", "period"} & set(options)),
                                   "n-gram frequencies of the whole corpus (by=/period= are distributed for "
                                   "words, n=1)")
    task_options = dict(options)
    if name == "terms.collocations":
        from framelab import terms

        if options.get("word") is None:
            raise checks.invalid_value("run", "word", None, "a word: terms.collocations is distributed for "
                                       "the pairs of one word (word=...)")
        window, phrases = options.get("window", 1), options.get("phrases")
        task_options = {"target": terms._collocation_target(options["word"], options.get("stopwords", True), phrases),
                        "window": window, "phrases": phrases}
    if grams:
        final = {k: task_options.pop(k) for k in ("min_count", "top") if k in task_options}
    tasks = [dask.delayed(_apply)(str(path), name, dict(task_options)) for path in parts]
    if client is None:
        results = dask.compute(*tasks, scheduler="processes")
    else:
        results = client.gather(client.compute(tasks))
    if words_counted:   # the local analysis, on the partitions' word counts
        return function(_counted(results, options.get("phrases")), **options)
    if grams:
        return _combine_frequencies(results, **final)
    if name == "terms.collocations":
        return _combine_pairs(results, options)
    tables = [r for r in results if len(r)] or [results[0]]
    return pd.concat(tables, ignore_index=True)


def _combine_pairs(results, options) -> pd.DataFrame:
    """``terms.collocations(word=...)`` from the partitions' pairs, word counts and tokens."""
    from collections import Counter

    from framelab import terms

    pairs: Counter = Counter()
    for found, _, _ in results:
        pairs.update(found)
    words = pd.concat([w for _, w, _ in results]).groupby(level=0, sort=False).sum()
    total = sum(t for _, _, t in results)
    return terms._scored_pairs(pairs, words, total, options.get("window", 1), options.get("min_count", 2),
                               options.get("stopwords", True), options.get("top"))


def _combine_frequencies(results, *, min_count: int = 1, top: int | None = None) -> pd.DataFrame:
    per_doc = pd.concat([table for table, _ in results if len(table)] or [results[0][0]], ignore_index=True)
    words = sum(n for _, n in results)
    n = int(per_doc["n"].iloc[0]) if len(per_doc) else 1
    table = per_doc.groupby("term").agg(count=("count", "sum"), documents=("doc_id", "nunique")).reset_index()
    table = table[table["count"] >= min_count]
    table["per_1000_words"] = (1000 * table["count"] / words).round(3)
    table = table.sort_values(["count", "term"], ascending=[False, True])
    if top is not None:
        table = table.head(top)
    table["n"] = n
    table["count"] = table["count"].astype(int)
    table["documents"] = table["documents"].astype(int)
    return table[["term", "n", "count", "per_1000_words", "documents"]].reset_index(drop=True)
