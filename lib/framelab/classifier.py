"""A supervised alternative to the codebook: one classifier per frame, learnt from a reference coding.

``train(corpus, coding)`` fits, for each frame, TF-IDF features of framelab's tokens (words,
declared phrases and word pairs; with ``codebook=`` also the codebook's indicator counts per
frame) and a logistic regression with balanced class weights; its
regularisation strength C is chosen by stratified 5-fold cross-validation on the training
paragraphs, maximising Cohen's kappa. ``predict(corpus, model)`` codes paragraphs and returns the
table shape of ``framing.code``: one 0/1 column per frame, and ``<frame>_hits`` naming the words
that pushed the paragraph towards the frame most, so each prediction can be read back to its words.

Judge it only on paragraphs it was not trained on (``framing.agreement`` on a held-out half).
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from framelab.tokens import tokenize

__all__ = ["train", "predict", "FrameClassifier", "CodebookFeatures", "C_GRID", "MIN_EXAMPLES"]

#: Values of C tried in cross-validation (inverse regularisation strength).
C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
#: A frame needs at least this many positive and negative training paragraphs to be learnt.
MIN_EXAMPLES = 5
FOLDS = 5


@dataclass
class FrameClassifier:
    """Trained classifiers, one per frame, and how they were chosen.

    Attributes:
        frames: the frames learnt (in codebook order).
        models: frame -> fitted scikit-learn pipeline (TF-IDF + logistic regression).
        cross_validation: per frame: C chosen, mean kappa over the folds at that C, training
            paragraphs and positives.
        skipped: frames not learnt, with the reason.
    """

    frames: list[str]
    models: dict
    cross_validation: pd.DataFrame
    skipped: dict = field(default_factory=dict)


def _analyzer(text: str) -> list[str]:
    words = tokenize(text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


_COUNTS: dict[tuple, dict[str, list[int]]] = {}
#: The counts cache is emptied beyond this many texts, so a long session does not grow without end.
_GATES: dict = {}  # the matcher of the last codebook used
_COUNTS_LIMIT = 200_000


def _fingerprint(codebook) -> tuple:
    return tuple((name, tuple(i.text for i in frame.indicators), tuple(e.text for e in frame.exclusions))
                 for name, frame in codebook.frames.items())


class CodebookFeatures:
    """scikit-learn transformer: per frame of a codebook, log(1 + indicator matches) in a text."""

    def __init__(self, codebook=None):
        self.codebook = codebook

    def fit(self, texts, y=None):
        return self

    def _count(self, text: str) -> list[int]:
        from framelab.cleaning import normalize_quotes
        from framelab.framing import _Matcher

        # Cross-validation codes the same texts again and again (and scikit-learn's clone copies
        # the codebook each time): the counts are kept by the codebook's content.
        if sum(len(c) for c in _COUNTS.values()) > _COUNTS_LIMIT:
            _COUNTS.clear()
        key = _fingerprint(self.codebook)
        cache = _COUNTS.setdefault(key, {})
        found = cache.get(text)
        if found is None:
            matcher = _GATES.get(key)
            if matcher is None:
                _GATES.clear()
                matcher = _GATES[key] = _Matcher(self.codebook)
            found = cache[text] = [len(kept) for kept in matcher.frame_hits(normalize_quotes(text))]
        return found

    def transform(self, texts):
        return np.log1p(np.asarray([self._count(t) for t in texts], dtype=float).reshape(len(texts), -1))

    def get_feature_names_out(self, input_features=None):
        return np.asarray([f"codebook:{name}" for name in self.codebook.frames], dtype=object)

    def get_params(self, deep=True):
        return {"codebook": self.codebook}

    def set_params(self, **params):
        self.codebook = params.get("codebook", self.codebook)
        return self


def _pipeline(c: float, seed: int, codebook=None):
    """TF-IDF of tokens and token pairs (plus codebook counts) into a logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline

    features = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True)
    if codebook is not None:
        features = FeatureUnion([("words", features), ("codebook", CodebookFeatures(codebook))])
    return make_pipeline(features, LogisticRegression(C=c, class_weight="balanced", solver="liblinear",
                                                      random_state=seed))


def _cross_validated_kappa(texts: pd.Series, y: np.ndarray, folds, seed: int, codebook=None) -> dict[float, float]:
    """Mean Cohen's kappa over the folds for each C of ``C_GRID``: what ``cross_val_score`` of
    ``_pipeline(c, ...)`` with a kappa scorer gives, with each fold's features (which do not depend
    on C or on the labels) computed once for all C."""
    from sklearn.metrics import cohen_kappa_score

    per_c: dict[float, list[float]] = {c: [] for c in C_GRID}
    for train_rows, test_rows in folds.split(texts, y):
        features = _pipeline(C_GRID[0], seed, codebook).steps[0][1]   # a fresh, unfitted copy
        fitted = features.fit_transform(texts.iloc[train_rows], y[train_rows])
        held_out = features.transform(texts.iloc[test_rows])
        for c in C_GRID:
            model = _pipeline(c, seed, codebook).steps[-1][1].fit(fitted, y[train_rows])
            per_c[c].append(cohen_kappa_score(y[test_rows], model.predict(held_out)))
    return {c: float(np.mean(values)) for c, values in per_c.items()}


def training_table(corpus, coding: pd.DataFrame, frames: list[str]) -> pd.DataFrame:
    """The coded paragraphs with their text and the coders' majority (a tie counts as present)."""
    keys = ["doc_id", "paragraph"]
    reference = coding.groupby(keys)[frames].mean().ge(0.5).astype(int).reset_index()
    table = reference.merge(corpus.paragraphs[keys + ["text"]], on=keys, how="left")
    missing = table["text"].isna()
    if missing.any():
        first = table.loc[missing, keys].iloc[0].tolist()
        raise ValueError(f"the reference coding names paragraphs the corpus does not have, e.g. {first}; "
                         "load the corpus the coding was made on")
    return table


def train(corpus, coding: pd.DataFrame, *, frames: list[str] | None = None, with_codebook=False,
          seed: int = 0) -> FrameClassifier:
    """Learn one classifier per frame from reference-coded paragraphs of ``corpus``.

    Args:
        corpus (Corpus): the corpus the coded paragraphs come from.
        coding (DataFrame): a reference coding (``framing.read_coding`` shape: doc_id, paragraph, coder,
            0/1 per frame); with several coders the majority is learnt.
        frames (list of str or None, default None): frames to learn (None: every 0/1 column of the coding).
        with_codebook (bool or Codebook, default False): False for words only; True, or a
            Codebook, to add that codebook's indicator counts per frame (log 1 + matches) to the
            word features: the dictionary's knowledge, weighted by the reference coding (True: the
            default codebook).
        seed (int, default 0): for the cross-validation folds and the solver; the same seed gives the same model.

    Returns:
        A ``FrameClassifier``. Frames with fewer than ``MIN_EXAMPLES`` positive or negative
        paragraphs are skipped, with a warning (a slogan that occurs three times cannot be learnt).

    The example is run as ``framing.train``'s (the public name), not twice:

    >>> import pandas as pd
    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain")   # doctest: +SKIP
    >>> coding = framelab.framing.read_coding("validation/un_agent_coding.csv", frames=["economic"])   # doctest: +SKIP
    >>> train(corpus, coding.head(300)).frames   # doctest: +SKIP
    ['economic']
    """
    from sklearn.model_selection import StratifiedKFold

    if with_codebook is True:
        from framelab.framing import load_codebook
        codebook = load_codebook()
    elif with_codebook is False or with_codebook is None:
        codebook = None
    elif type(with_codebook).__name__ == "Codebook":
        codebook = with_codebook
    else:
        from framelab import checks
        raise checks.invalid_type("train", "with_codebook", with_codebook, "True, False or a Codebook")
    if frames is None:
        frames = [c for c in coding.columns if c not in ("doc_id", "paragraph", "coder", "unit")]
    table = training_table(corpus, coding, frames)
    models, rows, skipped = {}, [], {}
    for frame in frames:
        y = table[frame].to_numpy()
        positives = int(y.sum())
        if min(positives, len(y) - positives) < MIN_EXAMPLES:
            skipped[frame] = (f"{positives} positive and {len(y) - positives} negative training paragraphs; "
                              f"at least {MIN_EXAMPLES} of each are needed")
            continue
        folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=seed)
        scores = _cross_validated_kappa(table["text"], y, folds, seed, codebook)
        best = max(C_GRID, key=lambda c: (round(scores[c], 10), -c))   # ties: the stronger regularisation
        models[frame] = _pipeline(best, seed, codebook).fit(table["text"], y)
        rows.append({"frame": frame, "c": best, "cv_kappa": round(scores[best], 3), "paragraphs": len(y),
                     "positives": positives})
    if skipped:
        warnings.warn("not learnt: " + "; ".join(f"{f} ({why})" for f, why in skipped.items()), UserWarning,
                      stacklevel=2)
    return FrameClassifier(frames=[f for f in frames if f in models], models=models,
                           cross_validation=pd.DataFrame(rows, columns=["frame", "c", "cv_kappa", "paragraphs",
                                                                        "positives"]),
                           skipped=skipped)


def predict(corpus, model: FrameClassifier, *, top_words: int = 3) -> pd.DataFrame:
    """Code every paragraph of ``corpus`` with a trained ``FrameClassifier``.

    Returns:
        doc_id, paragraph, one 0/1 column per learnt frame, then ``<frame>_hits``: for paragraphs
        predicted to carry the frame, the ``top_words`` features that raised its probability most
        ("; "-separated): the shape of ``framing.code`` (with ``unit`` = "paragraph").

    Args:
        corpus (Corpus): the corpus to code.
        model (FrameClassifier): from ``train``.
        top_words (int, default 3): features named per predicted paragraph.

    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain")   # doctest: +SKIP
    >>> coding = framelab.framing.read_coding("validation/un_agent_coding.csv", frames=["economic"])   # doctest: +SKIP
    >>> list(predict(corpus, train(corpus, coding.head(300))).columns)   # doctest: +SKIP
    ['doc_id', 'paragraph', 'unit', 'economic', 'economic_hits']
    """
    keys = ["doc_id", "paragraph"]
    table = corpus.paragraphs[keys].reset_index(drop=True).copy()
    table["unit"] = "paragraph"
    texts = corpus.paragraphs["text"].tolist()
    explanations = {}
    for frame in model.frames:
        pipeline = model.models[frame]
        vectorizer, regression = pipeline.steps[0][1], pipeline.steps[1][1]
        features = vectorizer.transform(texts)
        predicted = regression.predict(features)
        table[frame] = predicted.astype(int)
        weights = features.multiply(regression.coef_[0]).tocsr()
        names = [n.split("__", 1)[-1] for n in vectorizer.get_feature_names_out()]
        words = []
        for row, label in enumerate(predicted):
            if not label:
                words.append("")
                continue
            start, end = weights.indptr[row], weights.indptr[row + 1]
            values, columns = weights.data[start:end], weights.indices[start:end]
            order = sorted(range(len(values)), key=lambda i: (-values[i], names[columns[i]]))
            words.append("; ".join(names[columns[i]] for i in order[:top_words] if values[i] > 0))
        explanations[frame] = words
    for frame in model.frames:
        table[f"{frame}_hits"] = explanations[frame]
    return table
