"""Figures for the notebooks: each function takes framelab tables and returns a matplotlib Figure.

Save them with ``framelab.figures.save``.
"""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator
import pandas as pd

from framelab import checks

__all__ = ["period_positions", "paragraph_lengths", "top_terms", "actor_mentions", "keyness", "collocates", "dispersion", "word_cloud",
           "sentiment_arc", "sentiment_distribution", "lexicon_agreement", "actor_tone", "coverage", "frame_profile",
           "frame_heatmap", "frame_cooccurrence", "actors_by_frame", "over_time", "frames_over_time",
           "MAX_PANELS", "MAX_COLUMNS", "MAX_BARS", "MAX_LINES", "MAX_POINTS", "MAX_SCATTER"]

#: Up to this many documents, the paragraph profile draws one panel per document.
MAX_PANELS = 12
#: A document with more paragraphs than this is drawn in this many bins of paragraphs.
MAX_COLUMNS = 60
#: A document with more paragraphs or sentences than this is drawn as the means of equal bins.
MAX_BARS = 300
#: Figures over time draw at most this many groups (those with the most documents) and say so.
MAX_LINES = 10
#: A scatter of more points than this is drawn as a bitmap inside the SVG (small dots, some
#: transparency), so that the file stays small enough to open: axes and text stay vector.
MAX_POINTS = 5000
#: A scatter of more points than this is drawn as a density (hexagonal bins): a point each would be a
#: blot, and slow to draw.
MAX_SCATTER = 50_000


def _dense(n: int, size: float, alpha: float = 1.0) -> dict:
    """Scatter options for ``n`` points: as asked, or, above ``MAX_POINTS``, rasterized small dots."""
    if n <= MAX_POINTS:
        return {"s": size, "alpha": alpha}
    return {"s": max(size / 8, 2), "alpha": min(alpha, 0.3), "rasterized": True}


@checks.parameters(max_panels=checks.Integer(minimum=1))
def paragraph_lengths(paragraphs: pd.DataFrame, *, max_panels: int = MAX_PANELS):
    """Words per paragraph along each document.

    With up to ``max_panels`` documents, one bar chart per document (paragraph number on x).
    With more, one chart for the corpus: the median and interquartile range of paragraph length
    at each paragraph number, and how many documents reach that paragraph.

    Args:
        paragraphs (DataFrame): ``corpus.paragraphs`` (doc_id, paragraph, n_words).
        max_panels (int, default 12): up to this many documents get a panel each; more are summarised.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(paragraph_lengths(corpus.paragraphs).axes)
    1
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
        x, y, per_bar = _binned(doc["paragraph"].to_numpy(), doc["n_words"].to_numpy())
        ax.bar(x, y, color="#0072B2", width=0.75 * per_bar)
        ax.set_title(str(doc_id) + (f" (mean of {per_bar} paragraphs per bar)" if per_bar > 1 else ""),
                     loc="left", fontsize=9)
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


def _binned(x, y):
    """Up to MAX_BARS bars: (x, y, 1) as given, or the means of equal bins of consecutive values,
    placed at each bin's middle, and the number of values per bin."""
    per_bar = max(1, math.ceil(len(x) / MAX_BARS))
    if per_bar == 1:
        return x, y, 1
    starts = range(0, len(x), per_bar)
    return (np.array([x[i:i + per_bar].mean() for i in starts]), np.array([y[i:i + per_bar].mean() for i in starts]),
            per_bar)


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


def _barh(ax, labels, values, color="#0072B2"):
    positions = range(len(labels))
    ax.barh(list(positions), list(values), color=color)
    ax.set_yticks(list(positions), labels=list(labels))
    ax.invert_yaxis()  # largest on top
    ax.grid(axis="y", visible=False)


@checks.parameters(top=checks.Integer(minimum=1))
def top_terms(table, *, top: int = 20, value: str = "count", title: str | None = None):
    """Horizontal bars of the ``top`` terms of a ``framelab.terms.frequencies`` table.

    Args:
        table (DataFrame): ``terms.frequencies`` output.
        top (int, default 20): bars shown.
        value (str, default "count"): the column drawn.
        title (str or None, default None): the title.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(top_terms(framelab.terms.frequencies(corpus), top=5).axes)
    1
    """
    rows = table.head(top)
    fig, ax = plt.subplots(figsize=(6.5, 0.25 * len(rows) + 1.2))
    _barh(ax, rows["term"], rows[value])
    ax.set_xlabel({"count": "occurrences", "per_1000_words": "per 1,000 words"}.get(value, value))
    ax.xaxis.set_major_locator(MaxNLocator(integer=value == "count"))
    ax.set_title(title or f"Most frequent terms (top {len(rows)}, stopwords removed)", loc="left")
    return fig


@checks.keywords_after("actors")
def actor_mentions(mentions, *, actors=None):
    """Actor mentions: totals per actor, and where they fall (paragraph number) in the documents.

    Args:
        mentions (DataFrame): ``actors.mentions`` output.
        actors (list of str, dict or None, default None): actor names (or ``load_actors()``), in
            the order of the bars; None for ``data/actors.yaml``.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(actor_mentions(framelab.actors.mentions(corpus)).axes) >= 1
    True
    """
    if actors is None:
        from framelab.actors import load_actors
        actors = load_actors()
    if isinstance(actors, str) or not hasattr(actors, "__iter__"):
        raise checks.invalid_type("actor_mentions", "actors", actors, "a list of actor names, a dict or None")
    actors = list(actors)   # the names (a dict from load_actors gives its keys)
    colors = dict(zip(actors, ["#D55E00", "#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9"] * 3))
    totals = mentions["actor"].value_counts().reindex(actors, fill_value=0)
    fig, (left, right) = plt.subplots(1, 2, figsize=(8.0, 3.2), width_ratios=[1, 2.4])
    left.bar(range(len(actors)), totals.to_numpy(), color=[colors[a] for a in actors])
    left.set_xticks(range(len(actors)), labels=actors, rotation=20, ha="right")
    left.set_ylabel("mentions")
    left.set_title("All mentions", loc="left")
    by_paragraph = mentions.groupby(["paragraph", "actor"]).size().unstack(fill_value=0)
    by_paragraph = by_paragraph.reindex(columns=actors, fill_value=0)
    if len(by_paragraph):
        paragraphs = range(1, int(by_paragraph.index.max()) + 1)
        by_paragraph = by_paragraph.reindex(paragraphs, fill_value=0)
    width = 0.8 / max(len(actors), 1)
    for i, actor in enumerate(actors):
        right.bar(by_paragraph.index + (i - (len(actors) - 1) / 2) * width, by_paragraph[actor],
                  width=width, color=colors[actor], label=actor)
    right.set_xlabel("paragraph")
    right.set_ylabel("mentions")
    right.xaxis.set_major_locator(MaxNLocator(integer=True))
    right.yaxis.set_major_locator(MaxNLocator(integer=True))
    right.legend(loc="upper right")
    right.set_title("By paragraph (all documents)", loc="left")
    return fig


@checks.parameters(top=checks.Integer(minimum=1))
def keyness(table, *, top: int = 20):
    """Words most over-represented against the reference: Log Ratio bars, ranked by G2.

    Args:
        table (DataFrame): ``terms.keyness`` output.
        top (int, default 20): terms shown.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(keyness(framelab.terms.keyness(corpus), top=5).axes) >= 1
    True
    """
    rows = table[table["direction"] == "over"].head(top)
    fig, ax = plt.subplots(figsize=(6.5, 0.25 * len(rows) + 1.4))
    _barh(ax, rows["term"], rows["log_ratio"], color="#009E73")
    for y, (lr, g2) in enumerate(zip(rows["log_ratio"], rows["g2"])):
        ax.text(lr, y, f"  G2 {g2:.1f}", va="center", fontsize=8)
    ax.set_xlabel("Log Ratio (each unit = twice as frequent as in the reference)")
    ax.set_xlim(0, rows["log_ratio"].max() * 1.25 if len(rows) else 1)
    reference = rows["reference"].iloc[0] if len(rows) else ""
    ax.set_title(f"Key words against {reference}\n(top {len(rows)} by G2)", loc="left")
    return fig


@checks.parameters(top=checks.Integer(minimum=1))
def collocates(tables: dict, *, top: int = 8):
    """One panel per word of interest: its collocates ranked by G2 (``framelab.terms.collocations``).

    Args:
        tables (dict): word -> ``terms.collocations(corpus, word=word)`` output.
        top (int, default 8): collocates shown per word.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> tables = {"internet": framelab.terms.collocations(corpus, word="internet", min_count=1)}
    >>> len(collocates(tables).axes) >= 1
    True
    """
    fig, axes = plt.subplots(1, len(tables), figsize=(3.0 * len(tables) + 0.6, 0.28 * top + 1.4),
                             squeeze=False)
    for ax, (word, table) in zip(axes.flat, tables.items()):
        rows = table.head(top)
        other = [w2 if w1 == word else w1 for w1, w2 in zip(rows["word1"], rows["word2"])]
        _barh(ax, other, rows["g2"], color="#56B4E9")
        ax.set_title(f'"{word}"', loc="left")
        ax.set_xlabel("G2")
        if not len(rows):
            ax.text(0.5, 0.5, "no collocates", transform=ax.transAxes, ha="center")
    fig.suptitle("Collocates by log-likelihood (G2)")
    return fig


@checks.parameters(terms=checks.Words(what="terms"), max_panels=checks.Integer(minimum=1))
def dispersion(table, terms, *, max_panels: int = MAX_PANELS):
    """Lexical dispersion: a tick wherever a term occurs along each document (0 = start, 1 = end).

    Args:
        table (DataFrame): ``terms.dispersion`` output.
        terms (list of str): the terms, in the order of the rows drawn.
        max_panels (int, default 12): documents drawn.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(dispersion(framelab.terms.dispersion(corpus, ["china"]), ["china"]).axes) >= 1
    True
    """
    terms = list(terms)
    doc_ids = list(dict.fromkeys(table["doc_id"]))
    panels = doc_ids if 0 < len(doc_ids) <= max_panels else [None]
    fig, axes = plt.subplots(len(panels), 1, figsize=(7.0, (0.32 * len(terms) + 0.7) * len(panels) + 0.5),
                             squeeze=False, sharex=True)
    for ax, doc_id in zip(axes.flat, panels):
        rows = table if doc_id is None else table[table["doc_id"] == doc_id]
        for y, term in enumerate(terms):
            x = rows.loc[rows["term"] == term, "relative_position"]
            ax.scatter(x, [y] * len(x), marker="|", color="#0072B2", **_dense(len(rows), 160, 1.0 if doc_id else 0.3))
        ax.set_yticks(range(len(terms)), labels=terms)
        ax.set_ylim(len(terms) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.grid(axis="y", visible=False)
        ax.set_title(str(doc_id) if doc_id else f"{len(doc_ids)} documents overlaid", loc="left", fontsize=9)
    axes.flat[-1].set_xlabel("position in the document (share of its tokens)")
    fig.suptitle("Where the terms occur")
    return fig


@checks.parameters(max_words=checks.Integer(minimum=1))
def word_cloud(frequencies: dict, *, max_words: int = 100, random_state: int = 2015):
    """A word cloud drawn from the project's own frequencies (one entry per term, phrases whole).

    A fresh ``WordCloud`` each call, with a fixed ``random_state`` and the font that ships with
    the wordcloud package, so the same frequencies give the same picture.

    Args:
        frequencies (dict): term -> count.
        max_words (int, default 100): words drawn.
        random_state (int, default 2015): layout seed (the same seed, the same picture).

    >>> len(word_cloud({"cooperation": 5, "trade": 3}).axes)
    1
    """
    from wordcloud import WordCloud

    palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]

    def color(word, font_size, position, orientation, random_state=None, **kwargs):
        return palette[sum(map(ord, word)) % len(palette)]

    cloud = WordCloud(width=1400, height=700, background_color="white", max_words=max_words,
                      random_state=random_state, color_func=color, prefer_horizontal=0.9,
                      collocations=False, normalize_plurals=False)
    fig, ax = plt.subplots(figsize=(7.0, 3.6))
    ax.set_axis_off()
    frequencies = {term: count for term, count in dict(frequencies).items() if count > 0}
    if not frequencies:
        ax.text(0.5, 0.5, "no terms to show", ha="center", va="center", transform=ax.transAxes)
        return fig
    cloud.generate_from_frequencies(frequencies)
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    return fig


@checks.parameters(max_panels=checks.Integer(minimum=1))
def sentiment_arc(scores, *, max_panels: int = MAX_PANELS):
    """Sentiment along each document, in text order (``framelab.sentiment.score`` output).

    With more than ``max_panels`` documents: the mean score at each tenth of the documents.

    Args:
        scores (DataFrame): ``sentiment.score`` output at the sentence unit.
        max_panels (int, default 12): documents drawn.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(sentiment_arc(framelab.sentiment.score(corpus)).axes) >= 1
    True
    """
    from framelab.sentiment import _unit_of

    unit = _unit_of(scores) if len(scores) else "sentence"
    lexicon = scores["lexicon"].iloc[0] if len(scores) else ""
    table = scores.copy()
    table["order"] = table.groupby("doc_id", sort=False).cumcount() + 1
    doc_ids = list(dict.fromkeys(table["doc_id"]))
    if len(doc_ids) <= max_panels:
        fig, axes = plt.subplots(len(doc_ids) or 1, 1, figsize=(7.0, 2.4 * max(len(doc_ids), 1) + 0.5),
                                 squeeze=False)
        for ax, doc_id in zip(axes.flat, doc_ids):
            rows = table[table["doc_id"] == doc_id]
            x, y, per_bar = _binned(rows["order"].to_numpy(), rows["score"].to_numpy())
            colors = ["#009E73" if v > 0 else "#D55E00" if v < 0 else "#999999" for v in y]
            ax.bar(x, y, color=colors, width=0.8 * per_bar)
            ax.axhline(0, color="black", linewidth=0.6)
            ax.set_title(str(doc_id) + (f" (mean of {per_bar} {unit}s per bar)" if per_bar > 1 else ""),
                         loc="left", fontsize=9)
            ax.set_ylabel(f"{lexicon} score")
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.flat[-1].set_xlabel(f"{unit} (in text order)")
    else:
        table["tenth"] = (10 * (table["order"] - 1) / table.groupby("doc_id")["order"].transform("max")).astype(int)
        means = table.groupby("tenth")["score"].mean()
        fig, ax = plt.subplots(figsize=(7.0, 3.0))
        ax.plot(means.index + 1, means.to_numpy(), marker="o", color="#0072B2")
        ax.axhline(0, color="black", linewidth=0.6)
        ax.set_xlabel("tenth of the document")
        ax.set_ylabel(f"mean {lexicon} score")
    fig.suptitle(f"Sentiment arc: {lexicon} score per {unit}")
    return fig


@checks.keywords_after("threshold")
@checks.parameters(threshold=checks.Number(minimum=0))
def sentiment_distribution(scores, *, threshold: float):
    """Histogram of scores, with the label thresholds drawn in.

    Args:
        scores (DataFrame): ``sentiment.score`` output.
        threshold (float): the label threshold, drawn as lines.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(sentiment_distribution(framelab.sentiment.score(corpus), threshold=0.05).axes)
    1
    """
    from framelab.sentiment import _unit_of

    unit = _unit_of(scores) if len(scores) else "sentence"
    lexicon = scores["lexicon"].iloc[0] if len(scores) else ""
    fig, ax = plt.subplots(figsize=(6.5, 3.0))
    ax.hist(scores["score"], bins=20, color="#56B4E9", edgecolor="white")
    for x in {threshold, -threshold}:
        ax.axvline(x, color="#D55E00", linestyle="--", linewidth=1)
    ax.set_xlabel(f"{lexicon} score (dashed: label thresholds +-{threshold:g})")
    ax.set_ylabel(f"{unit}s")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"Distribution of {lexicon} scores per {unit} ({len(scores)} {unit}s)", loc="left")
    return fig


def lexicon_agreement(table):
    """VADER against AFINN for every unit (``framelab.sentiment.lexicon_agreement``).

    Args:
        table (DataFrame): ``sentiment.lexicon_agreement`` output.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(lexicon_agreement(framelab.sentiment.lexicon_agreement(corpus)).axes) >= 1
    True
    """
    from framelab.sentiment import _unit_of

    fig, ax = plt.subplots(figsize=(5.5, 4.0))
    unit = _unit_of(table) if len(table) else "sentence"
    same = int(table["agree"].sum()) if len(table) else 0
    if len(table) > MAX_SCATTER:   # a density of every unit
        cells = ax.hexbin(table["afinn"], table["vader"], gridsize=50, bins="log", mincnt=1, cmap="Blues", linewidths=0)
        fig.colorbar(cells, ax=ax, label=f"{unit}s per cell (log scale)")
        title = (f"VADER and AFINN, {len(table):,} {unit}s as a density\n(same label {same:,}, "
                 f"different {len(table) - same:,})")
    else:
        for agree, color, name in [(True, "#0072B2", "same label"), (False, "#D55E00", "different label")]:
            rows = table[table["agree"] == agree]
            ax.scatter(rows["afinn"], rows["vader"], color=color, label=f"{name} ({len(rows)})", **_dense(len(table), 28))
        _outside_legend(ax)
        title = f"VADER and AFINN, one point per {unit}"
    ax.axhline(0, color="black", linewidth=0.5)
    ax.axvline(0, color="black", linewidth=0.5)
    ax.set_xlabel("AFINN score (sum of word valences)")
    ax.set_ylabel("VADER compound score")
    ax.set_title(title, loc="left")
    return fig


def actor_tone(summary):
    """Mean sentiment of sentences by the actors they mention (``framelab.sentiment.actor_tone``).

    Args:
        summary (DataFrame): ``sentiment.tone_by_actor`` output.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(actor_tone(framelab.sentiment.tone_by_actor(corpus)).axes) >= 1
    True
    """
    lexicon = summary["lexicon"].iloc[0] if len(summary) else ""
    fig, ax = plt.subplots(figsize=(6.5, 0.5 * len(summary) + 1.4))
    colors = ["#009E73" if v > 0 else "#D55E00" if v < 0 else "#999999" for v in summary["mean"]]
    _barh(ax, summary["actors"], summary["mean"], color=colors)
    for y, (mean, n) in enumerate(zip(summary["mean"], summary["sentences"])):
        ax.text(mean, y, f"  n = {n}", va="center", fontsize=8)
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_xlabel(f"mean {lexicon} score of the sentences")
    ax.set_title("Tone of sentences by the actors they mention", loc="left")
    return fig


def coverage(table):
    """Frequent words and whether each lexicon knows them (``framelab.sentiment.coverage``).

    Args:
        table (DataFrame): ``sentiment.coverage`` output.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(coverage(framelab.sentiment.coverage(corpus)).axes) >= 1
    True
    """
    colors = {"both": "#009E73", "vader": "#56B4E9", "afinn": "#E69F00", "neither": "#999999"}
    fig, ax = plt.subplots(figsize=(6.5, 0.24 * len(table) + 1.4))
    _barh(ax, table["term"], table["count"], color=[colors[k] for k in table["known_to"]])
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in colors.values()]
    _outside_legend(ax, None, 8, handles, [f"known to {k}" for k in colors])
    ax.set_xlabel("occurrences")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("What the lexicons can see: frequent words with a valence", loc="left")
    return fig


def frame_profile(profile):
    """Share of units (paragraphs) in which each frame is present (``framelab.framing.profile``).

    Args:
        profile (DataFrame): ``framing.profile`` output.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(frame_profile(framelab.framing.profile(framelab.framing.code(corpus))).axes) >= 1
    True
    """
    fig, ax = plt.subplots(figsize=(6.5, 0.4 * len(profile) + 1.2))
    _barh(ax, profile["frame"], profile["share"], color="#0072B2")
    for y, (share, units, matches) in enumerate(zip(profile["share"], profile["units"], profile["matches"])):
        ax.text(share, y, f"  {units} units, {matches} matches", va="center", fontsize=8)
    ax.set_xlim(0, 1.15)
    ax.set_xlabel("share of paragraphs where the frame is present")
    ax.set_title("Frame profile of the corpus", loc="left")
    return fig


@checks.parameters(max_panels=checks.Integer(minimum=1))
def frame_heatmap(coded, *, max_panels: int = MAX_PANELS):
    """Frame intensity (indicator matches) by paragraph: one heatmap per document.

    With more than ``max_panels`` documents: the share of paragraphs with each frame at each
    tenth of the documents.

    Args:
        coded (DataFrame): ``framing.code`` output at the paragraph unit.
        max_panels (int, default 12): documents drawn.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(frame_heatmap(framelab.framing.code(corpus)).axes) >= 1
    True
    """
    from framelab.framing import _paragraph_unit, frames_of

    _paragraph_unit(coded, "frame_heatmap")
    frames = frames_of(coded)
    doc_ids = list(dict.fromkeys(coded["doc_id"]))
    if len(doc_ids) <= max_panels:
        fig, axes = plt.subplots(len(doc_ids), 1, squeeze=False,
                                 figsize=(7.0, (0.32 * len(frames) + 0.9) * len(doc_ids) + 0.4))
        panels = [_heatmap_columns(coded[coded["doc_id"] == doc_id], frames) for doc_id in doc_ids]
        top = max([1] + [int(values.max()) for values, _, _ in panels if values.size])
        for ax, doc_id, (values, labels, binned) in zip(axes.flat, doc_ids, panels):
            image = ax.imshow(values, aspect="auto", cmap="Blues", vmin=0, vmax=top)
            if values.shape[1] <= 40:
                for (y, x), v in np.ndenumerate(values):
                    if v:
                        ax.text(x, y, str(int(v)), ha="center", va="center", fontsize=7,
                                color="white" if v > top / 2 else "black")
            ax.set_yticks(range(len(frames)), labels=frames)
            step = max(1, len(labels) // 20)
            ax.set_xticks(range(0, len(labels), step), labels=labels[::step], fontsize=7)
            ax.grid(False)
            ax.set_title(f"{doc_id}" + (f" ({binned} paragraphs per column)" if binned > 1 else ""),
                         loc="left", fontsize=9)
        axes.flat[-1].set_xlabel("paragraph (first of each column when binned)")
        fig.colorbar(image, ax=list(axes.flat), label="indicator matches", shrink=min(1.0, 3 / len(doc_ids) + 0.2),
                     pad=0.02)
    else:
        table = coded.copy()
        size = table.groupby("doc_id")["paragraph"].transform("max")
        table["tenth"] = (10 * (table["paragraph"] - 1) / size).astype(int)
        shares = (table[frames] > 0).groupby(table["tenth"]).mean().T
        fig, ax = plt.subplots(figsize=(7.0, 0.32 * len(frames) + 1.2))
        image = ax.imshow(shares.to_numpy(), aspect="auto", cmap="Blues", vmin=0, vmax=1)
        ax.set_yticks(range(len(frames)), labels=frames)
        ax.set_xticks(range(shares.shape[1]), labels=[str(t + 1) for t in shares.columns])
        ax.grid(False)
        ax.set_xlabel(f"tenth of the document ({len(doc_ids)} documents)")
        fig.colorbar(image, ax=ax, label="share of paragraphs with the frame", pad=0.02)
    fig.suptitle("Frames paragraph by paragraph")
    return fig


def _heatmap_columns(rows, frames):
    """Matches per frame (rows) and paragraph (columns); more than MAX_COLUMNS paragraphs are
    summed in equal bins. Returns the values, the column labels and the paragraphs per column."""
    values = rows[frames].to_numpy().T
    labels = [str(p) for p in rows["paragraph"]]
    per_column = max(1, math.ceil(values.shape[1] / MAX_COLUMNS))
    if per_column > 1:
        edges = range(0, values.shape[1], per_column)
        values = np.stack([values[:, i:i + per_column].sum(axis=1) for i in edges], axis=1)
        labels = [labels[i] for i in edges]
    return values, labels, per_column


def _time_axis(table, by, period, where):
    """(line keys, x column, table): periods on the x axis, one line per group; without a period
    (a corpus without dates), the groups themselves on the x axis, one line."""
    from framelab.groups import group_columns

    keys = group_columns(by=by)
    missing = [k for k in keys if k not in table.columns]
    if missing:
        raise checks.invalid_value(where, "by", by, f"the group columns of the table: {list(table.columns)}")
    if period is None:
        label = " / ".join(keys) if keys else "corpus"
        values = table[keys].astype(str).agg(" / ".join, axis=1) if keys else pd.Series("all", index=table.index)
        return [], label, table.assign(**{label: values})
    x_name = group_columns(period=period)[0]
    if x_name not in table.columns:
        raise checks.invalid_value(where, "period", period, f"the period of the table's columns: {list(table.columns)}")
    return keys, x_name, table


def period_positions(periods) -> dict:
    """Where each period stands on a time axis, in years, so that the gap 2016 → 2020 is drawn four
    times the gap 2015 → 2016: years as themselves, "1970s" at 1970, "2015-09" at 2015 + 8/12,
    "2015Q3" at 2015.5, bins "1971–1989" at their first year; periods that are none of these
    (a label) stand one apart, in order.

    >>> period_positions([2013, 2015, 2016, 2020])
    {2013: 2013.0, 2015: 2015.0, 2016: 2016.0, 2020: 2020.0}
    >>> period_positions(["1970s", "2015-07", "2015Q3"])
    {'1970s': 1970.0, '2015-07': 2015.5, '2015Q3': 2015.5}

    Args:
        periods (list): the period labels, in order.
    """
    import re

    positions = {}
    for p in periods:
        text = str(p)
        if match := re.fullmatch(r"(\d{4})s?", text):
            positions[p] = float(match[1])
        elif match := re.fullmatch(r"(\d{4})-(\d{2})", text):
            positions[p] = int(match[1]) + (int(match[2]) - 1) / 12
        elif match := re.fullmatch(r"(\d{4})Q([1-4])", text):
            positions[p] = int(match[1]) + (int(match[2]) - 1) / 4
        elif match := re.fullmatch(r"(\d{4})\s*[–-]\s*\d{4}", text):
            positions[p] = float(match[1])
        else:
            return {p: float(i) for i, p in enumerate(periods)}
    return positions


def _time_ticks(ax, positions: dict, fontsize=None) -> None:
    """Ticks at the periods (at most about 12 labelled, evenly chosen), labelled as the periods."""
    items = sorted(positions.items(), key=lambda item: item[1])
    step = max(1, math.ceil(len(items) / 12))
    shown = items[::step]
    ax.set_xticks([x for _, x in shown], labels=[str(p) for p, _ in shown], fontsize=fontsize)
    if len(items) > 1:
        span = items[-1][1] - items[0][1]
        pad = max(span * 0.04, 0.3)
        ax.set_xlim(items[0][1] - pad, items[-1][1] + pad)


def _outside_legend(ax, title: str | None = None, fontsize=8, *args) -> None:
    """The legend to the right of the axes, never over the data (``args``: handles and labels, if given)."""
    ax.legend(*args, title=title, fontsize=fontsize, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)


def _largest_groups(table, keys):
    """(table, note): at most MAX_LINES groups, those with the most documents (then by name)."""
    if not keys:
        return table, ""
    sizes = (table.groupby(keys, sort=True)["documents"].sum() if "documents" in table.columns
             else table.groupby(keys, sort=True).size())
    if len(sizes) <= MAX_LINES:
        return table, ""
    chosen = sizes.reset_index(name="_size").sort_values("_size", ascending=False, kind="stable").head(MAX_LINES)
    kept = table.merge(chosen[keys], on=keys, how="inner")
    return kept, f"{MAX_LINES} of {len(sizes)} groups, those with the most documents"


@checks.keywords_after("by", "period")
def over_time(table, *, value: str = "mean_score", by=None, period=None, ylabel: str | None = None,
              title: str | None = None, documents: bool = True):
    """A value per period for each group, with its 95 % interval as a band (``<value>``'s ``_low``
    and ``_high`` columns, or ``mean_low``/``mean_high`` for ``mean_score``) and the number of
    documents behind each point.

    Args:
        table (DataFrame): a grouped table such as ``sentiment.by_group`` or ``framing.profile``
            output with ``period=``.
        value (str, default "mean_score"): the column drawn.
        by (str, list of str or None, default None): the group column(s): one line each.
        period (str, list of int or None, default None): the period whose column is the x axis.
        ylabel (str or None, default None): the y axis label (None: the column name).
        title (str or None, default None): the title.
        documents (bool, default True): write the number of documents above each point.

    >>> tone = pd.DataFrame({"country": ["CHN", "CHN", "USA", "USA"], "decade": ["1970s", "1980s"] * 2,
    ...                      "mean_score": [0.03, 0.16, 0.12, 0.17], "mean_low": [0.0, 0.12, 0.09, 0.15],
    ...                      "mean_high": [0.06, 0.2, 0.15, 0.19], "documents": [8, 10, 8, 10]})
    >>> len(over_time(tone, by="country", period="decade").axes)
    1
    """
    keys, x_name, table = _time_axis(table, by, period, "over_time")
    table, shown = _largest_groups(table, keys)
    stem = "mean" if value == "mean_score" else value
    low, high = f"{stem}_low", f"{stem}_high"
    periods = sorted(table[x_name].dropna().unique(), key=str)
    position = period_positions(periods)
    fig, ax = plt.subplots(figsize=(7.0, 3.6))
    colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
    parts = table.groupby(keys, sort=True) if keys else [("all", table)]
    for number, (name, part) in enumerate(parts):
        part = part.sort_values(x_name, key=lambda c: c.map(position))
        x = part[x_name].map(position).to_numpy()
        color = colors[number % len(colors)]
        label = " / ".join(map(str, name)) if isinstance(name, tuple) else str(name)
        ax.plot(x, part[value], marker="o", color=color, label=label)
        if low in part and part[low].notna().any():
            ax.fill_between(x, part[low], part[high], color=color, alpha=0.18, linewidth=0)
        if documents and "documents" in part:
            for xi, yi, n in zip(x, part[value], part["documents"]):
                ax.annotate(str(n), (xi, yi), textcoords="offset points", xytext=(0, 6), ha="center",
                            fontsize=7, color=color)
    _time_ticks(ax, position)
    ax.set_xlabel(x_name + ("  (small numbers: documents)" if documents and "documents" in table else ""))
    ax.set_ylabel(ylabel or value)
    if keys:
        _outside_legend(ax, " / ".join(keys), 8)
    ax.set_title((title or f"{ylabel or value} by {x_name}" + (" (band: 95 % interval)" if low in table else ""))
                 + (f"\n{shown}" if shown else ""), loc="left")
    return fig


@checks.keywords_after("by", "period")
def frames_over_time(profile, *, by=None, period=None):
    """One panel per frame: its share of paragraphs per period for each group, with 95 % intervals.

    Args:
        profile (DataFrame): ``framing.profile(coded, corpus=..., by=..., period=..., intervals=...)``.
        by (str, list of str or None, default None): the group column(s): one line each.
        period (str, list of int or None, default None): the period whose column is the x axis.

    >>> table = pd.DataFrame({"country": ["CHN", "USA"] * 4, "decade": ["1970s"] * 4 + ["1980s"] * 4,
    ...                       "frame": (["conflict"] * 2 + ["economic"] * 2) * 2,
    ...                       "share": [0.74, 0.31, 0.25, 0.29, 0.62, 0.4, 0.28, 0.27]})
    >>> len(frames_over_time(table, by="country", period="decade").axes)
    2
    """
    keys, x_name, profile = _time_axis(profile, by, period, "frames_over_time")
    profile, shown = _largest_groups(profile, keys)
    frames = list(dict.fromkeys(profile["frame"]))
    periods = sorted(profile[x_name].dropna().unique(), key=str)
    position = period_positions(periods)
    columns = 2 if len(frames) > 1 else 1
    rows = math.ceil(len(frames) / columns)
    fig, axes = plt.subplots(rows, columns, squeeze=False, sharex=True, figsize=(7.5, 2.3 * rows + 0.6))
    colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
    for ax, frame in zip(axes.flat, frames):
        part_frame = profile[profile["frame"] == frame]
        groups = part_frame.groupby(keys, sort=True) if keys else [("all", part_frame)]
        for number, (name, part) in enumerate(groups):
            part = part.sort_values(x_name, key=lambda c: c.map(position))
            x = part[x_name].map(position).to_numpy()
            color = colors[number % len(colors)]
            label = " / ".join(map(str, name)) if isinstance(name, tuple) else str(name)
            ax.plot(x, part["share"], marker="o", markersize=3, color=color, label=label)
            if "share_low" in part and part["share_low"].notna().any():
                ax.fill_between(x, part["share_low"], part["share_high"], color=color, alpha=0.18, linewidth=0)
        ax.set_title(frame, loc="left", fontsize=9)
        ax.set_ylim(bottom=0)
        _time_ticks(ax, position, fontsize=7)
    for ax in list(axes.flat)[len(frames):]:
        ax.set_visible(False)
        above = axes[list(axes.flat).index(ax) // columns - 1, list(axes.flat).index(ax) % columns]
        above.xaxis.set_tick_params(labelbottom=True)   # the panel above an empty slot shows the periods
    if keys:   # one legend for all panels, below them: never over a panel's data
        handles, labels = axes.flat[0].get_legend_handles_labels()
        fig.legend(handles, labels, title=" / ".join(keys), fontsize=7, loc="upper center",
                   bbox_to_anchor=(0.5, 0.0), ncol=min(len(labels), 4))
    fig.supylabel("share of paragraphs with the frame")
    fig.suptitle(f"Frames by {x_name}" + (" (band: 95 % interval over documents)"
                                          if "share_low" in profile and profile["share_low"].notna().any() else "")
                 + (f"\n{shown}" if shown else ""))
    return fig


def frame_cooccurrence(matrix):
    """How often two frames are present in the same paragraph (``framelab.framing.cooccurrence``).

    Args:
        matrix (DataFrame): ``framing.cooccurrence`` output.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> len(frame_cooccurrence(framelab.framing.cooccurrence(framelab.framing.code(corpus))).axes) >= 1
    True
    """
    fig, ax = plt.subplots(figsize=(5.2, 4.4))
    values = matrix.to_numpy()
    ax.imshow(values, cmap="Blues")
    for (y, x), v in np.ndenumerate(values):
        ax.text(x, y, str(v), ha="center", va="center", fontsize=8,
                color="white" if v > values.max() / 2 else "black")
    ax.set_xticks(range(len(matrix)), labels=matrix.columns, rotation=35, ha="right")
    ax.set_yticks(range(len(matrix)), labels=matrix.index)
    ax.grid(False)
    ax.set_title("Paragraphs where both frames are present", loc="left")
    return fig


def actors_by_frame(table):
    """For each frame, the paragraphs where it is present, by the actors they mention.

    Args:
        table (DataFrame): ``framing.actors_by_frame`` output.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> coded = framelab.framing.code(corpus)
    >>> len(actors_by_frame(framelab.framing.actors_by_frame(corpus, coded)).axes) >= 1
    True
    """
    colors = ["#D55E00", "#CC79A7", "#0072B2", "#999999", "#009E73", "#E69F00"]
    fig, ax = plt.subplots(figsize=(7.0, 0.45 * len(table) + 1.4))
    left = np.zeros(len(table))
    for color, group in zip(colors * 3, table.columns):
        ax.barh(range(len(table)), table[group], left=left, color=color, label=group)
        left += table[group].to_numpy()
    ax.set_yticks(range(len(table)), labels=table.index)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("paragraphs where the frame is present")
    _outside_legend(ax)
    ax.set_title("Frames and the actors named in the same paragraph", loc="left")
    return fig


@checks.keywords_after("by")
def slogan_uses(found, *, by="country"):
    """Who uses the slogan, and when: one row per group, a mark per year with a rendering (its number
    of uses written beside it when more than one); uses before the slogan was introduced are hollow
    grey marks (``framing.slogan``'s before_slogan).

    Args:
        found (DataFrame): ``framing.slogan(corpus, coded, by=by)``.
        by (str, default "country"): the group column: one row each.

    >>> found = pd.DataFrame({"country": ["DZA", "CHN", "CHN"], "before_slogan": [True, False, False],
    ...                       "date": pd.to_datetime(["1977-01-01", "2013-01-01", "2018-01-01"])})
    >>> len(slogan_uses(found).axes)
    1
    """
    if by not in found.columns or "date" not in found.columns:
        raise checks.invalid_value("slogan_uses", "found", f"columns {list(found.columns)}",
                                   f"framing.slogan(..., by={by!r}) output (with {by} and date)")
    table = found.assign(year=pd.to_datetime(found["date"]).dt.year,
                         before=found["before_slogan"].fillna(False).astype(bool) if "before_slogan" in found else False)
    counted = table.groupby([by, "year", "before"]).size().reset_index(name="uses")
    order = counted.groupby(by)["year"].min().sort_values(kind="stable", ascending=False)
    order = list(order.sort_index(kind="stable").sort_values(kind="stable", ascending=False).index)
    row = {name: i for i, name in enumerate(order)}
    fig, ax = plt.subplots(figsize=(7.0, max(1.6, 0.32 * len(order) + 1.0)))
    for before, part in counted.groupby("before"):
        y = part[by].map(row)
        if before:
            ax.scatter(part["year"], y, s=36, facecolors="none", edgecolors="#777777", label="before the slogan")
        else:
            ax.scatter(part["year"], y, s=36, color="#D55E00", label="a rendering of the slogan")
        for x, yi, n in zip(part["year"], y, part["uses"]):
            if n > 1:
                ax.annotate(str(n), (x, yi), textcoords="offset points", xytext=(5, 3), fontsize=7)
    ax.set_yticks(range(len(order)), labels=[str(name) for name in order])
    ax.set_ylim(-0.7, len(order) - 0.3)
    ax.set_xlabel("year (numbers: uses in that year's statement, when more than one)")
    _outside_legend(ax)
    ax.set_title("Renderings of \"community of common destiny\", by " + by, loc="left")
    return fig
