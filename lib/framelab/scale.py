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

import os
from pathlib import Path

import pandas as pd

from framelab import cache, checks

__all__ = ["manifest", "verify", "partition", "partitions", "load_partition", "run", "RUNNABLE"]

#: The analyses ``run`` distributes, by name: listing ones (rows concatenated) and counting ones
#: (word counts per document, or a word's pairs, added up across partitions).
RUNNABLE = ("framing.hits", "framing.code", "actors.mentions", "terms.kwic", "sentiment.score", "terms.frequencies",
            "terms.keyness", "terms.collocations")
#: Document columns a partition's word counts come back without (the text is not needed to count).
_TEXT_COLUMNS = ("text", "raw_text")


#: The mark in a dataset's manifest.json: only a folder that carries it is replaced by ``partition``.
DATASET_MARK = "framelab scale dataset"


def partition(corpus, folder, *, words_per_partition: int = 2_000_000, append: bool = False) -> Path:
    """Write ``corpus`` as a partitioned Parquet dataset: ``folder/part-00000/`` ..., each holding
    whole documents (about ``words_per_partition`` words), in corpus order, and ``manifest.json``
    (the documents, words and checksums of every partition), which ``run`` checks before it reads.

    The dataset is written beside ``folder`` and moved into place only when complete, so an
    interrupted write leaves the previous dataset as it was. ``folder`` must be new, empty, or a
    dataset written by ``partition``; it may not lie inside the corpus's own folder (or hold it).
    A second writer to the same folder at the same time fails with a clear error (a lock file).

    Args:
        corpus (Corpus): a loaded corpus (``load_corpus``; ``cache=True`` reads it once).
        folder (str or Path): the dataset's folder (a previous dataset there is replaced).
        words_per_partition (int, default 2000000): words per partition, roughly; a document is
            never split.
        append (bool, default False): add the partitions after those already in ``folder``
            (a corpus too large to load at once: load and partition it folder by folder).

    >>> import tempfile
    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain")
    >>> folder = partition(corpus, Path(tempfile.mkdtemp()) / "un", words_per_partition=100_000)
    >>> len(partitions(folder)), manifest(folder)["documents"]
    (6, 157)
    """
    import shutil

    folder = Path(os.path.abspath(Path(folder).expanduser()))
    _check_target(corpus, folder, append)
    with _lock(folder):
        old = manifest(folder) if append and folder.exists() else None
        first = len(old["partitions"]) if old else 0
        if append and first:
            held = set(pd.concat([load_partition(folder / p["name"]).documents["doc_id"] for p in old["partitions"]]))
            repeated = sorted(held & set(corpus.documents["doc_id"]))
            if repeated:
                raise ValueError(f"partition: {len(repeated)} doc_id(s) already in {folder}: {repeated[:5]}; "
                                 "give each document once (file names unique across the folders loaded)")
        blocks, current, size = [], [], 0
        for doc_id, n in zip(corpus.documents["doc_id"], corpus.documents["n_words"].to_numpy()):
            if current and size + n > words_per_partition:
                blocks.append(current)
                current, size = [], 0
            current.append(doc_id)
            size += int(n)
        if current:
            blocks.append(current)
        scratch = folder.with_name(f"{folder.name}.partial-{os.getpid()}")
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        try:
            listed = list(old["partitions"]) if old else []
            for number, block in enumerate(blocks):
                name = f"part-{first + number:05d}"
                part = corpus.subset(block)
                if not cache.save_tables(part, scratch / name):
                    raise ValueError(f"partition: a table of {corpus.source!r} cannot be written as Parquet "
                                     "(a metadata column mixing numbers and text?); make its values one type")
                listed.append({"name": name, "documents": len(part.documents),
                               "words": int(part.documents["n_words"].sum()), "sha256": _part_sums(scratch / name)})
            if append and old:   # the new partitions join the dataset, then its manifest is replaced
                for entry in listed[first:]:
                    (scratch / entry["name"]).rename(folder / entry["name"])
                _write_manifest(folder, listed)
                shutil.rmtree(scratch, ignore_errors=True)
            else:
                _write_manifest(scratch, listed)
                retired = folder.with_name(f"{folder.name}.replaced-{os.getpid()}")
                if folder.exists():
                    folder.rename(retired)
                scratch.rename(folder)
                shutil.rmtree(retired, ignore_errors=True)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
    return folder


def manifest(folder) -> dict:
    """A dataset's manifest: documents, words and partitions (name, documents, words, sha256 of
    each table), as ``partition`` wrote it.

    Args:
        folder (str or Path): the dataset's folder.

    Raises:
        ValueError: the folder is not a complete dataset written by ``partition``.

    >>> manifest("/nonexistent")
    Traceback (most recent call last):
    ValueError: /nonexistent is not a dataset written by framelab.scale.partition (no manifest.json); write it with partition()
    """
    import json

    path = Path(folder) / "manifest.json"
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ValueError(f"{folder} is not a dataset written by framelab.scale.partition (no manifest.json); "
                         "write it with partition()") from None
    if not isinstance(content, dict) or content.get("framelab") != DATASET_MARK:
        raise ValueError(f"{path} is not a framelab dataset manifest; write the dataset with partition()")
    return content


def verify(folder) -> dict:
    """The manifest of a dataset whose files are all there and unchanged; else a ValueError naming
    what is missing, extra or changed.

    Args:
        folder (str or Path): the dataset's folder.

    >>> verify("/nonexistent")
    Traceback (most recent call last):
    ValueError: /nonexistent is not a dataset written by framelab.scale.partition (no manifest.json); write it with partition()
    """
    folder = Path(folder)
    content = manifest(folder)
    listed = [p["name"] for p in content["partitions"]]
    present = [p.name for p in partitions(folder)]
    missing, extra = sorted(set(listed) - set(present)), sorted(set(present) - set(listed))
    changed = [p["name"] for p in content["partitions"] if p["name"] in present and _part_sums(folder / p["name"]) != p["sha256"]]
    if missing or extra or changed:
        said = "; ".join(f"{what}: {names[:5]}" for what, names in
                         (("missing", missing), ("not in the manifest", extra), ("changed", changed)) if names)
        raise ValueError(f"{folder}: the dataset does not match its manifest ({said}); write it again with partition()")
    return content


def _part_sums(part: Path) -> dict:
    return {name: cache._checksum(part / f"{name}.parquet") for name in cache.TABLES}


def _write_manifest(folder: Path, listed: list) -> None:
    import json

    content = {"framelab": DATASET_MARK, "documents": sum(p["documents"] for p in listed),
               "words": sum(p["words"] for p in listed), "partitions": listed}
    partial = folder / "manifest.json.partial"
    partial.write_text(json.dumps(content, indent=1), encoding="utf-8")
    os.replace(partial, folder / "manifest.json")


def _check_target(corpus, folder: Path, append: bool) -> None:
    """Refuse a target that would overwrite the corpus's own files or a folder framelab did not write."""
    source = Path(os.path.abspath(Path(str(corpus.source)).expanduser())) if corpus.source else None
    if source is not None and source.exists():
        source_folder = source if source.is_dir() else source.parent
        real_target, real_source = os.path.realpath(folder), os.path.realpath(source_folder)
        inside = lambda a, b: a == b or a.startswith(b + os.sep)  # noqa: E731
        if inside(real_target, real_source) or inside(real_source, real_target):
            raise ValueError(f"partition: {folder} is inside the corpus's own folder {source_folder} (or holds it); "
                             "write the dataset elsewhere, so that no source file can be touched")
    if folder.exists():
        if not folder.is_dir():
            raise ValueError(f"partition: {folder} is a file; give a folder for the dataset")
        if any(folder.iterdir()) and not (folder / "manifest.json").exists():
            raise ValueError(f"partition: {folder} holds files that are not a framelab dataset; give a new or "
                             "empty folder (partition replaces only a dataset it wrote)")
        if any(folder.iterdir()):
            manifest(folder)   # raises unless it is a dataset framelab wrote


class _lock:
    """``folder``.lock beside the dataset, created exclusively: a second writer fails at once."""

    def __init__(self, folder: Path):
        self.path = folder.with_name(folder.name + ".lock")

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            handle = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            raise RuntimeError(f"partition: another process is writing this dataset ({self.path} exists); wait "
                               "for it, or delete the lock file if no other process is running") from None
        os.write(handle, str(os.getpid()).encode())
        os.close(handle)
        return self

    def __exit__(self, *exc):
        self.path.unlink(missing_ok=True)
        return False


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
    listed = verify(folder)["partitions"]   # a dataset cut short or changed is refused, naming what
    parts = [Path(folder) / p["name"] for p in listed]
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
