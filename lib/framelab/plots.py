"""Figures for the notebooks: each function takes framelab tables and returns a matplotlib Figure.

Save them with ``framelab.figures.save``.
"""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator
import pandas as pd

#: Up to this many documents, the paragraph profile draws one panel per document.
MAX_PANELS = 12


def paragraph_lengths(paragraphs: pd.DataFrame, *, max_panels: int = MAX_PANELS):
    """Words per paragraph along each document.

    With up to ``max_panels`` documents, one bar chart per document (paragraph number on x).
    With more, one chart for the corpus: the median and interquartile range of paragraph length
    at each paragraph number, and how many documents reach that paragraph.

    Args:
        paragraphs: ``Corpus.paragraphs`` (doc_id, paragraph, n_words).
    """
    doc_ids = list(dict.fromkeys(paragraphs["doc_id"]))
    if len(doc_ids) <= max_panels:
        return _panels(paragraphs, doc_ids)
    return _summary(paragraphs, len(doc_ids))


def _panels(paragraphs, doc_ids):
    columns = 1 if len(doc_ids) == 1 else 2
    rows = math.ceil(len(doc_ids) / columns)
    fig, axes = plt.subplots(rows, columns, figsize=(7.0 if columns == 2 else 6.5, 2.6 * rows + 0.4),
                             squeeze=False, sharey=True)
    for ax, doc_id in zip(axes.flat, doc_ids):
        doc = paragraphs[paragraphs["doc_id"] == doc_id]
        ax.bar(doc["paragraph"], doc["n_words"], color="#0072B2", width=0.75)
        ax.set_title(str(doc_id), loc="left", fontsize=9)
        ax.set_xlabel("paragraph")
        ax.set_ylabel("words")
        if len(doc) <= 25:
            ax.set_xticks(doc["paragraph"])
        else:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlim(0.3, doc["paragraph"].max() + 0.7)
    for ax in list(axes.flat)[len(doc_ids):]:
        ax.set_visible(False)
    fig.suptitle("Paragraph length along each document (words per paragraph)")
    return fig


def _summary(paragraphs, n_documents):
    stats = paragraphs.groupby("paragraph")["n_words"].describe()
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.0, 5.0), sharex=True, height_ratios=[3, 1])
    top.fill_between(stats.index, stats["25%"], stats["75%"], color="#56B4E9", alpha=0.5,
                     label="interquartile range")
    top.plot(stats.index, stats["50%"], color="#0072B2", label="median")
    top.set_ylabel("words per paragraph")
    top.legend(loc="upper right")
    bottom.bar(stats.index, stats["count"], color="#999999", width=0.8)
    bottom.set_ylabel("documents")
    bottom.set_xlabel("paragraph")
    bottom.xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.suptitle(f"Paragraph length by position, {n_documents} documents")
    return fig
