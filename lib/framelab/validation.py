"""Out-of-sample validation of frame coding: dictionaries and classifiers against hand coding of
paragraphs they were not built from.

A validation sample is a table of paragraphs (doc_id, paragraph) with a ``half`` column:
"development" paragraphs may be read while revising a codebook and are what classifiers learn
from; "test" paragraphs are scored once. ``out_of_sample`` codes the sample with each codebook
and each classifier and compares every method with the coders' majority, with bootstrap
intervals, half by half.
"""
from __future__ import annotations

import warnings

import pandas as pd

from framelab import classifier, framing

__all__ = ["read_sample", "out_of_sample", "DEVELOPMENT", "TEST"]

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


def out_of_sample(corpus, sample: pd.DataFrame, coding: pd.DataFrame, *, codebooks: dict,
                  classifiers: dict | None = None, frames: list[str] | None = None,
                  intervals: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Agreement of each method with the hand coding, on each half of the sample.

    Args:
        corpus (Corpus): the corpus the sample was drawn from.
        sample (DataFrame or path): doc_id, paragraph, half (see ``read_sample``).
        coding (DataFrame or path): hand coding of every sampled paragraph (``framing.read_coding``).
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
    >>> coding = framelab.framing.read_coding("validation/un_hand_coding.csv", frames=["economic"])
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
            human = coding.merge(units, on=["doc_id", "paragraph"])
            present = [f for f in frames if f in coded.columns]
            part = coded[["doc_id", "paragraph", *present]].merge(units, on=["doc_id", "paragraph"])
            table = framing.agreement(part, human[["doc_id", "paragraph", "coder", *present]], frames=present,
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
