"""Keyness statistics: log-likelihood G2 (Rayson & Garside 2000) and Log Ratio (Hardie 2014).

Both compare a word's frequency ``a`` in a corpus of ``c`` tokens with its frequency ``b`` in a
reference of ``d`` tokens. They work on numbers or on numpy/pandas arrays alike.
"""
from __future__ import annotations

import math

import numpy as np

__all__ = ["log_likelihood", "log_ratio", "p_value", "binary_agreement", "bootstrap_agreement", "bootstrap_ratio", "cohen_kappa", "krippendorff_alpha"]

#: Log Ratio replaces a zero frequency by this, as Hardie (2014) recommends.
ZERO_FREQUENCY = 0.5


def _x_log_x_over_e(x, expected):
    x = np.asarray(x, dtype=float)
    expected = np.asarray(expected, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, x * np.log(np.where(x > 0, x, 1.0) / expected), 0.0)


def log_likelihood(a, b, c, d):
    """G2 = 2 * (a ln(a/E1) + b ln(b/E2)), with E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d); 0 ln 0 = 0.

    >>> round(float(log_likelihood(10, 20, 1000, 100000)), 4)
    54.5096

    Args:
        a, b (float or array): counts in the target and the reference.
        c, d (float): sizes (tokens) of the target and the reference.
    """
    a, b, c, d = (np.asarray(v, dtype=float) for v in (a, b, c, d))
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    return 2.0 * (_x_log_x_over_e(a, e1) + _x_log_x_over_e(b, e2))


def log_ratio(a, b, c, d, *, zero: float = ZERO_FREQUENCY):
    """Log Ratio = log2((a/c) / (b/d)); a zero ``a`` or ``b`` is replaced by ``zero`` (0.5).

    Each point is a doubling: 1 means twice as frequent as in the reference, -1 half.

    >>> float(log_ratio(10, 20, 1000, 100000)) == math.log2(50)
    True

    Args:
        a, b (float or array): counts in the target and the reference.
        c, d (float): sizes (tokens) of the target and the reference.
        zero (float, default 0.5): what a zero count is replaced by.
    """
    a, b, c, d = (np.asarray(v, dtype=float) for v in (a, b, c, d))
    a = np.where(a > 0, a, zero)
    b = np.where(b > 0, b, zero)
    return np.log2((a / c) / (b / d))


def p_value(g2):
    """p of a G2 value under chi-square with one degree of freedom: erfc(sqrt(G2 / 2)).

    >>> round(float(p_value(3.84)), 3)
    0.05

    Args:
        g2 (float or array): G2 values.
    """
    g2 = np.asarray(g2, dtype=float)
    return np.vectorize(lambda x: math.erfc(math.sqrt(max(x, 0.0) / 2.0)), otypes=[float])(g2)


def binary_agreement(automatic, reference) -> dict:
    """Precision, recall, F1 and Cohen's kappa of 0/1 codes against a 0/1 reference.

    Undefined values are NaN: precision without automatic positives, recall without reference
    positives, kappa when both codings are constant and identical.

    >>> binary_agreement([1, 1, 0, 0], [1, 0, 0, 0])
    {'precision': 0.5, 'recall': 1.0, 'f1': 0.6666666666666666, 'kappa': 0.5}

    Args:
        automatic (list of 0/1): the codes to judge.
        reference (list of 0/1): the reference codes.
    """
    a, h = np.asarray(automatic, dtype=int), np.asarray(reference, dtype=int)
    tp, fp = int(((a == 1) & (h == 1)).sum()), int(((a == 1) & (h == 0)).sum())
    fn = int(((a == 0) & (h == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if tp else (0.0 if fp + fn else float("nan"))
    observed = float(np.mean(a == h)) if len(a) else float("nan")
    expected = float(np.mean(a) * np.mean(h) + (1 - np.mean(a)) * (1 - np.mean(h))) if len(a) else float("nan")
    kappa = float("nan") if expected == 1 or not len(a) else (observed - expected) / (1 - expected)
    return {"precision": precision, "recall": recall, "f1": f1, "kappa": kappa}


def bootstrap_agreement(automatic, reference, *, resamples: int = 2000, level: float = 0.95,
                        seed: int = 0) -> dict:
    """Percentile bootstrap intervals of ``binary_agreement``, resampling units (paragraphs).

    Returns ``{metric: (low, high)}``. Resamples where a metric is undefined (no positives
    drawn) are left out of that metric's interval. The seed is fixed, so the intervals are the
    same on every run.

    Args:
        automatic (list of 0/1): the codes to judge.
        reference (list of 0/1): the reference codes.
        resamples (int, default 2000): bootstrap resamples.
        level (float, default 0.95): the interval's coverage.
        seed (int, default 0): the random seed.

    >>> bootstrap_agreement([1, 0, 1, 0], [1, 0, 1, 0], resamples=100)["kappa"]
    (1.0, 1.0)
    """
    a, h = np.asarray(automatic, dtype=int), np.asarray(reference, dtype=int)
    n = len(a)
    picks = np.random.default_rng(seed).integers(0, n, (resamples, n))
    # All resamples at once: the same formulas as binary_agreement, row by row.
    # How often each resample draws each unit, times each unit's cell of the 2x2 table: the four
    # counts of every resample in one product (the same numbers as comparing the drawn codes).
    drawn = np.bincount((np.arange(resamples)[:, None] * n + picks).ravel(), minlength=resamples * n)
    cells = np.stack([(a == 1) & (h == 1), (a == 1) & (h == 0), (a == 0) & (h == 1), (a == 0) & (h == 0)], axis=1)
    tp, fp, fn, tn = (drawn.reshape(resamples, n) @ cells.astype(np.int64)).T
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), np.nan)
        recall = np.where(tp + fn > 0, tp / (tp + fn), np.nan)
        f1 = np.where(tp > 0, 2 * precision * recall / (precision + recall), np.where(fp + fn > 0, 0.0, np.nan))
        pa, ph = (tp + fp) / n, (tp + fn) / n
        observed = (tp + tn) / n
        expected = pa * ph + (1 - pa) * (1 - ph)
        kappa = np.where(expected == 1, np.nan, (observed - expected) / (1 - expected))
    tail = (1 - level) / 2 * 100
    result = {}
    for name, values in (("precision", precision), ("recall", recall), ("f1", f1), ("kappa", kappa)):
        values = values[~np.isnan(values)]
        result[name] = ((float(np.percentile(values, tail)), float(np.percentile(values, 100 - tail)))
                        if len(values) else (float("nan"), float("nan")))
    return result


def cohen_kappa(a, b) -> float:
    """Cohen's kappa of two 0/1 codings of the same units: (p_o - p_e) / (1 - p_e).

    NaN when both codings are constant and identical (kappa is undefined there).

    Args:
        a, b (list of 0/1): two codings of the same units.

    >>> round(cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]), 3)
    0.5
    """
    a, b = np.asarray(a, dtype=int), np.asarray(b, dtype=int)
    observed = float(np.mean(a == b))
    expected = float(np.mean(a) * np.mean(b) + (1 - np.mean(a)) * (1 - np.mean(b)))
    return float("nan") if expected == 1 else (observed - expected) / (1 - expected)


def krippendorff_alpha(codings) -> float:
    """Krippendorff's alpha for nominal data: 1 - D_o / D_e, from the coincidence matrix.

    Args:
        codings: a units x coders array (or DataFrame); NaN where a coder did not code a unit.
            Units coded by fewer than two coders are not pairable and are left out.

    Args:
        codings (array or DataFrame): units x coders, NaN where a coder did not code a unit.

    >>> round(float(krippendorff_alpha([[1, 1], [0, 0], [1, 0], [0, 0]])), 3)
    0.533
    """
    data = np.asarray(codings, dtype=float)
    values = np.unique(data[~np.isnan(data)])
    index = {v: i for i, v in enumerate(values)}
    coincidence = np.zeros((len(values), len(values)))
    for unit in data:
        coded = unit[~np.isnan(unit)]
        m = len(coded)
        if m < 2:
            continue
        for i, x in enumerate(coded):
            for j, y in enumerate(coded):
                if i != j:
                    coincidence[index[x], index[y]] += 1 / (m - 1)
    n_c = coincidence.sum(axis=1)
    n = n_c.sum()
    if n <= 1:
        return float("nan")
    observed = coincidence.sum() - np.trace(coincidence)
    expected = (n * n - (n_c ** 2).sum()) / (n - 1)
    return float("nan") if expected == 0 else 1 - observed / expected


def bootstrap_ratio(numerators, denominators, *, resamples: int = 2000, level: float = 0.95,
                    seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval of sum(numerators) / sum(denominators), resampling units.

    The units are documents: a group's mean sentence score is (sum of its documents' sentence
    scores) / (their number of sentences), a frame's share is (paragraphs with the frame) /
    (paragraphs), and resampling whole documents respects that sentences of one document are
    not independent. The seed is fixed, so the interval is the same on every run.

    Args:
        numerators (list of float): per unit, the numerator's part.
        denominators (list of float): per unit, the denominator's part (> 0 in total).
        resamples (int, default 2000): bootstrap resamples.
        level (float, default 0.95): the interval's coverage.
        seed (int, default 0): the random seed.

    >>> bootstrap_ratio([0, 1], [1, 1], resamples=2000)   # resamples give 0, 1/2 or 1
    (0.0, 1.0)
    """
    numerators, denominators = np.asarray(numerators, dtype=float), np.asarray(denominators, dtype=float)
    if not len(numerators):
        return float("nan"), float("nan")
    picks = np.random.default_rng(seed).integers(0, len(numerators), (resamples, len(numerators)))
    below = denominators[picks].sum(axis=1)
    ratios = np.divide(numerators[picks].sum(axis=1), below, out=np.full(resamples, np.nan), where=below > 0)
    ratios = ratios[~np.isnan(ratios)]
    tail = (1 - level) / 2 * 100
    return float(np.percentile(ratios, tail)), float(np.percentile(ratios, 100 - tail))
