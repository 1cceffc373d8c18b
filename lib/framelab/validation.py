"""Out-of-sample validation of frame coding: dictionaries and classifiers against reference codings of
paragraphs they were not built from.

A validation sample is a table of paragraphs (doc_id, paragraph) with a ``half`` column:
"development" paragraphs may be read while revising a codebook and are what classifiers learn
from; "test" paragraphs are scored once. ``out_of_sample`` codes the sample with each codebook
and each classifier and compares every method with the coders' majority, with bootstrap
intervals, half by half.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from framelab import classifier, framing

__all__ = ["read_sample", "out_of_sample", "draw_stratified", "decade_of", "DEVELOPMENT", "TEST"]

DEVELOPMENT, TEST = "development", "test"


def read_sample(path) -> pd.DataFrame:
    """A validation sample CSV: unit, doc_id, paragraph, half (and any other columns).

    Args:
        path (str or Path): the CSV file.

    >>> read_sample("validation/un_sample.csv")["half"].value_counts().to_dict()
    {'development': 100, 'test': 100}
    """
    sample = pd.read_csv(path, dtype={"doc_id": str})
    missing = [c for c in ("doc_id", "paragraph", "half") if c not in sample.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; a sample lists doc_id, paragraph and "
                         "half (development or test)")
    unknown = sorted(set(sample["half"]) - {DEVELOPMENT, TEST})
    if unknown:
        raise ValueError(f"{path}: half must be 'development' or 'test', not {unknown}")
    return sample


def decade_of(years) -> pd.Series:
    """The decade of each year, as a label: 1946 -> "1940s", 2024 -> "2020s".

    Args:
        years (Series or list of int): years.

    >>> decade_of([1946, 1950, 2024]).tolist()
    ['1940s', '1950s', '2020s']
    """
    years = pd.Series(years).astype(int)
    return (years // 10 * 10).astype(str) + "s"


def draw_stratified(population: pd.DataFrame, *, by: list[str], sizes: dict, seed: int,
                    order: list[str] | None = None) -> pd.DataFrame:
    """Draw units stratum by stratum without replacement, then split each stratum's draw into a
    development and a test half.

    Args:
        population (DataFrame): one row per unit that may be drawn.
        by (list of str): the columns whose value combinations are the strata.
        sizes (dict): stratum (a tuple of the ``by`` values, or the value itself for one column)
            -> number of units to draw. A stratum not listed is not drawn; a listed stratum with
            fewer units than asked for is an error (naming the stratum), never a smaller draw.
        seed (int): for ``numpy.random.default_rng``; the same population, sizes and seed give
            the same draw.
        order (list of str or None, default None): the columns that sort each stratum before it
            is drawn from (None: every column of ``population``), so the draw does not depend on
            the population's row order.

    Returns:
        The drawn rows, with a column ``half``: in each stratum the first ``ceil(n / 2)`` of a
        random permutation are "development", the other ``floor(n / 2)`` "test". Strata are drawn
        in sorted order, each with the next numbers of one random generator.

    >>> population = pd.DataFrame({"decade": ["1970s"] * 6 + ["1980s"] * 4, "unit": range(10)})
    >>> drawn = draw_stratified(population, by=["decade"], sizes={"1970s": 4, "1980s": 3}, seed=1)
    >>> drawn.groupby(["decade", "half"]).size().to_dict()
    {('1970s', 'development'): 2, ('1970s', 'test'): 2, ('1980s', 'development'): 2, ('1980s', 'test'): 1}
    """
    from framelab import checks

    if not isinstance(by, (list, tuple)) or not by or any(c not in population.columns for c in by):
        raise checks.invalid_value("draw_stratified", "by", by, f"a list of columns of the population {list(population.columns)}")
    if not isinstance(sizes, dict) or not sizes:
        raise checks.invalid_value("draw_stratified", "sizes", sizes, "a dict of stratum -> number of units")
    checks.Integer().check("draw_stratified", "seed", seed)
    order = list(population.columns) if order is None else list(order)
    grouped = {key if isinstance(key, tuple) else (key,): rows for key, rows in population.groupby(list(by), sort=True)}
    rng = np.random.default_rng(seed)
    parts = []
    for stratum in sorted(sizes, key=lambda k: tuple(map(str, k if isinstance(k, tuple) else (k,)))):
        n = sizes[stratum]
        key = stratum if isinstance(stratum, tuple) else (stratum,)
        checks.Integer(minimum=1).check("draw_stratified", f"sizes[{stratum!r}]", n)
        pool = grouped.get(key, population.iloc[0:0])
        if len(pool) < n:
            raise ValueError(f"draw_stratified: stratum {stratum!r} has {len(pool)} unit(s), fewer than the {n} "
                             "asked for; lower its size or widen the stratum")
        pool = pool.sort_values(order, kind="stable").reset_index(drop=True)
        chosen = pool.iloc[rng.choice(len(pool), size=n, replace=False)].copy()
        chosen["half"] = rng.permutation([DEVELOPMENT] * ((n + 1) // 2) + [TEST] * (n // 2))
        parts.append(chosen)
    return pd.concat(parts, ignore_index=True)


def out_of_sample(corpus, sample: pd.DataFrame, coding: pd.DataFrame, *, codebooks: dict,
                  classifiers: dict | None = None, frames: list[str] | None = None,
                  intervals: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Agreement of each method with the reference coding, on each half of the sample.

    Args:
        corpus (Corpus): the corpus the sample was drawn from.
        sample (DataFrame or path): doc_id, paragraph, half (see ``read_sample``).
        coding (DataFrame or path): the reference coding of every sampled paragraph (``framing.read_coding``).
        codebooks (dict): name -> ``framing.Codebook``, each applied as a dictionary.
        classifiers (dict or None, default None): name -> codebook or None: a classifier is
            trained on the development half (words only for None, words plus that codebook's
            counts otherwise) and scored on both halves (on the development half its figures are
            in-sample).
        frames (list of str or None, default None): frames to compare (None: the first
            codebook's frames that the coding has).
        intervals (int, default 2000): bootstrap resamples for the 95 % intervals (0 for none).
        seed (int, default 0): for the classifiers' folds and solver.

    Returns:
        method, half, then ``framing.agreement``'s columns per frame.

    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain")
    >>> sample = read_sample("validation/un_sample.csv")
    >>> coding = framelab.framing.read_coding("validation/un_agent_coding.csv", frames=["economic"])
    >>> table = out_of_sample(corpus, sample, coding, codebooks={"v2": framelab.framing.load_codebook()},
    ...                       frames=["economic"], intervals=0)
    >>> table[["method", "half", "frame", "kappa"]].values.tolist()
    [['v2', 'development', 'economic', 0.821], ['v2', 'test', 'economic', 0.757]]
    """
    from framelab import checks

    if not isinstance(sample, pd.DataFrame):
        sample = read_sample(sample)
    if not isinstance(coding, pd.DataFrame):
        coding = framing.read_coding(coding, frames=frames or framing._coding_frames(coding))
    if not isinstance(codebooks, dict) or not codebooks:
        raise checks.invalid_value("out_of_sample", "codebooks", codebooks, "a dict of name -> Codebook (at least one)")
    checks.Integer(minimum=0).check("out_of_sample", "intervals", intervals)
    classifiers = classifiers or {}
    if frames is None:
        first = next(iter(codebooks.values()))
        frames = [f for f in first.frame_names if f in coding.columns]
    selected = corpus.select(sample)
    tables = []

    def score(method: str, coded: pd.DataFrame) -> None:
        for half in (DEVELOPMENT, TEST):
            units = sample[sample["half"] == half][["doc_id", "paragraph"]]
            reference = coding.merge(units, on=["doc_id", "paragraph"])
            present = [f for f in frames if f in coded.columns]
            part = coded[["doc_id", "paragraph", *present]].merge(units, on=["doc_id", "paragraph"])
            table = framing.agreement(part, reference[["doc_id", "paragraph", "coder", *present]], frames=present,
                                      sample=units, intervals=intervals)
            tables.append(table.assign(method=method, half=half))

    for name, codebook in codebooks.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # a sample may mix languages; the coding decides
            score(name, framing.code(selected, codebook=codebook))
    development = coding.merge(sample[sample["half"] == DEVELOPMENT][["doc_id", "paragraph"]],
                               on=["doc_id", "paragraph"])
    for name, codebook in classifiers.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = classifier.train(corpus, development, frames=frames, with_codebook=codebook or False, seed=seed)
        score(name, classifier.predict(selected, model))
    result = pd.concat(tables, ignore_index=True)
    columns = ["method", "half"] + [c for c in result.columns if c not in ("method", "half")]
    return result[columns]
