"""Keyness statistics: log-likelihood G2 (Rayson & Garside 2000) and Log Ratio (Hardie 2014).

Both compare a word's frequency ``a`` in a corpus of ``c`` tokens with its frequency ``b`` in a
reference of ``d`` tokens. They work on numbers or on numpy/pandas arrays alike.
"""
from __future__ import annotations

import math

import numpy as np

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
    """
    a, b, c, d = (np.asarray(v, dtype=float) for v in (a, b, c, d))
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    return 2.0 * (_x_log_x_over_e(a, e1) + _x_log_x_over_e(b, e2))


def log_ratio(a, b, c, d, zero: float = ZERO_FREQUENCY):
    """Log Ratio = log2((a/c) / (b/d)); a zero ``a`` or ``b`` is replaced by ``zero`` (0.5).

    Each point is a doubling: 1 means twice as frequent as in the reference, -1 half.

    >>> float(log_ratio(10, 20, 1000, 100000)) == math.log2(50)
    True
    """
    a, b, c, d = (np.asarray(v, dtype=float) for v in (a, b, c, d))
    a = np.where(a > 0, a, zero)
    b = np.where(b > 0, b, zero)
    return np.log2((a / c) / (b / d))


def p_value(g2):
    """p of a G2 value under chi-square with one degree of freedom: erfc(sqrt(G2 / 2)).

    >>> round(float(p_value(3.84)), 3)
    0.05
    """
    g2 = np.asarray(g2, dtype=float)
    return np.vectorize(lambda x: math.erfc(math.sqrt(max(x, 0.0) / 2.0)), otypes=[float])(g2)
