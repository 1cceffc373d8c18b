"""Explore a corpus interactively: type a word, phrase, ``*`` wildcard or actor and read its
concordance lines, its counts per group and period, and its collocates; filter by metadata and
frame; open any line's paragraph with its frame indicators, actors and VADER scores marked.

The logic is plain functions on an ``Index`` (built once per corpus, and timed) that return
pandas tables, so it is tested without a browser; ``explore`` puts a widget (ipywidgets) on top.
"""
from __future__ import annotations

import hashlib
import html
import time
from collections import Counter
from types import SimpleNamespace
from dataclasses import dataclass, field

import pandas as pd

from framelab import framing, groups, terms
from framelab.actors import default_matcher
from framelab.tokens import is_content, stopwords as default_stopwords, tokenize

__all__ = ["Index", "Result", "build_index", "search", "default_query", "explore", "Explorer", "ANY"]

#: The filter value that keeps every row.
ANY = "(all)"
#: The widget lists at most this many concordance lines (counts and collocates use them all).
MAX_LINES = 1000
#: Columns offered as filters when the corpus has them (besides the compared groups and period).
FILTER_COLUMNS = ("country", "outlet", "series", "language")


@dataclass
class Index:
    """What ``search`` needs, built once per corpus (``build_index``).

    Attributes:
        corpus: the corpus.
        codebook: the codebook whose frames are coded and shown.
        paragraphs: one row per paragraph: doc_id, paragraph, n_words, the filter columns, the
            period (if any), and per frame True where the paragraph holds one of its indicators.
        by: the group column(s) counts are given for (None: none).
        period: the period column's name (None: none).
        filters: the columns a user can filter by, each with its values.
        seconds: how long building took.
    """

    corpus: object
    codebook: framing.Codebook
    paragraphs: pd.DataFrame
    by: list[str] | None
    period: str | None
    filters: dict[str, list]
    seconds: float
    _lines: dict = field(default_factory=dict, repr=False)

    @property
    def frames(self) -> list[str]:
        return list(self.codebook.frame_names)


@dataclass
class Result:
    """The answer to a query: ``lines`` (the concordance), ``by_group`` and ``by_period`` (hits,
    documents with a hit, words searched and hits per 10,000 words), ``collocates`` (the words
    most often within the window of a hit) and ``seconds``."""

    query: str
    kind: str
    lines: pd.DataFrame
    by_group: pd.DataFrame
    by_period: pd.DataFrame
    collocates: pd.DataFrame
    seconds: float

    def __repr__(self) -> str:   # no timing: a saved notebook shows the same text every run
        return f"Result({self.query!r}, {self.kind}: {len(self.lines)} line(s))"

    def _repr_html_(self) -> str:
        parts = [f"<p><b>{html.escape(self.query)}</b> ({self.kind}): {len(self.lines)} line(s)</p>",
                 _concordance_html(self.lines)]
        for title, table in (("Per group", self.by_group), ("Per period", self.by_period),
                             ("Collocates", self.collocates)):
            if len(table):
                parts.append(f"<p><b>{title}</b></p>" + table.to_html(index=False, escape=True))
        return "".join(parts)


def build_index(corpus, *, codebook=None, by="auto", period="year") -> Index:
    """Build what the explorer searches: paragraphs with their metadata and frames (coded once).

    Args:
        corpus (Corpus): a loaded corpus.
        codebook (Codebook or None, default None): None for framelab's default codebook.
        by (str, list of str, None or "auto", default "auto"): the group column(s) to count per;
            "auto" takes "country" if the corpus has two or more countries, else "outlet" if it
            has two or more outlets, else none.
        period (str, list of int or None, default "year"): the time bin to count per (see
            ``framelab.groups``); dropped when the corpus spans one bin only.

    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain",
    ...                               filename_pattern="{country}_{session}_{year}")
    >>> index = build_index(corpus, period="decade")
    >>> index.by, index.period, sorted(index.filters)[:2]
    (['country'], 'decade', ['country', 'decade'])
    """
    started = time.perf_counter()
    codebook = framing.load_codebook() if codebook is None else codebook
    documents = corpus.documents
    if by == "auto":
        by = next((c for c in ("country", "outlet") if c in documents.columns
                   and documents[c].dropna().nunique() >= 2), None)
    by, period, _ = groups.comparison(corpus, by=by, period=period)
    columns = groups.group_columns(by=by)
    assigned = groups.assign(corpus, by=by, period=period, where="explore") if (by or period) else None
    period_name = groups.group_columns(period=period)[0] if period is not None else None
    wanted = [c for c in FILTER_COLUMNS if c in documents.columns and c not in columns]
    table = corpus.paragraphs[["doc_id", "paragraph", "n_words"]].merge(
        documents[["doc_id", *dict.fromkeys(columns + wanted)]], on="doc_id", how="left")
    if period_name is not None:
        table = table.merge(assigned[["doc_id", period_name]], on="doc_id", how="left")
    coded = framing.code(corpus, codebook=codebook, unit="paragraph")
    present = coded[["doc_id", "paragraph", *codebook.frame_names]].copy()
    for frame in codebook.frame_names:
        present[frame] = present[frame] > 0
    table = table.merge(present, on=["doc_id", "paragraph"], how="left")
    filter_columns = list(dict.fromkeys(columns + wanted + ([period_name] if period_name else [])))
    filters = {c: sorted(table[c].dropna().unique().tolist(), key=str) for c in filter_columns}
    filters = {c: values for c, values in filters.items() if len(values) >= 2}
    return Index(corpus=corpus, codebook=codebook, paragraphs=table, by=columns or None, period=period_name,
                 filters=filters, seconds=time.perf_counter() - started)


def _kind(query: str) -> str:
    if query in default_matcher().actors:
        return "actor"
    return "wildcard" if "*" in query else ("phrase" if len(query.split()) > 1 else "word")


def _lines(index: Index, query: str, window: int, kept: pd.Series) -> pd.DataFrame:
    """Every occurrence of ``query`` in the corpus, or, when the filters keep under half of it,
    in the paragraphs kept (kept per query, window and filters)."""
    narrow = int(kept.sum()) * 2 < len(kept)
    # The paragraphs kept, as a short digest (a tuple of row numbers could take megabytes per query).
    key = (query, window, hashlib.sha1(kept.to_numpy().tobytes()).hexdigest() if narrow else None)
    if key not in index._lines:
        kind = _kind(query)
        source = index.corpus
        if narrow:   # kwic reads the paragraphs only
            chosen = index.paragraphs.loc[kept, ["doc_id", "paragraph"]]
            paragraphs = index.corpus.paragraphs.merge(chosen, on=["doc_id", "paragraph"], how="inner")
            source = SimpleNamespace(paragraphs=paragraphs)
        found = terms.kwic(source, query, window=window, actor=kind == "actor")
        index._lines[key] = found.drop(columns=[c for c in found.columns if c not in
                                                ("doc_id", "paragraph", "left", "match", "right", "start")])
        while len(index._lines) > 32:
            index._lines.pop(next(iter(index._lines)))
    return index._lines[key]


def _text(value) -> str:
    """A metadata value as text: 2013, 2013.0 and "2013" alike."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _matching(column: pd.Series, wanted: list, name: str) -> pd.Series:
    """Rows whose value is one of ``wanted``, compared as text (a year typed as "2013" finds 2013),
    an outlet also by the aliases the loader groups ("VOA" finds "Voice of America"). A value that
    is nowhere in the column is an error naming the values there (a filter does not silently give
    nothing)."""
    from framelab import outlets

    present = column.map(_text)
    known = set(present.dropna())
    aliases = outlets.load_aliases(None) if name == "outlet" else {}
    # Each asked value as written, or the name the loader groups it under.
    resolved = {v: (v if v in known else aliases.get(outlets.key(v), v)) for v in map(_text, wanted)}
    asked = set(resolved.values())
    missing = sorted(v for v, found in resolved.items() if found not in known)
    if missing:
        shown = sorted(known)
        raise ValueError(f"search: no paragraph has {name} = {missing[0]!r}; the values of {name!r} are "
                         f"{shown[:20]}{' ...' if len(shown) > 20 else ''}")
    return present.isin(asked)


def _kept(index: Index, filters: dict | None, frame: str | None) -> pd.Series:
    """Which paragraphs pass the filters: metadata column -> value or list of values (``ANY``
    or None keeps all), and a frame the paragraph must hold."""
    keep = pd.Series(True, index=index.paragraphs.index)
    for column, wanted in (filters or {}).items():
        if wanted is None or wanted == ANY:
            continue
        if column not in index.paragraphs.columns:
            raise ValueError(f"search: no column {column!r} to filter by; the index has "
                             f"{sorted(index.filters)}")
        values = wanted if isinstance(wanted, (list, tuple, set)) else [wanted]
        keep &= _matching(index.paragraphs[column], list(values), column)
    if frame is not None and frame != ANY:
        if frame not in index.frames:
            raise ValueError(f"search: no frame {frame!r} in codebook {index.codebook.name!r}; its frames "
                             f"are {index.frames}")
        keep &= index.paragraphs[frame].fillna(False).astype(bool)
    return keep


def search(index: Index, query: str, *, filters: dict | None = None, frame: str | None = None,
           window: int = 5, collocates: int = 15) -> Result:
    """Concordance lines, counts per group and period, and collocates of ``query``.

    Args:
        index (Index): from ``build_index``.
        query (str): a word or phrase (case ignored), ``*`` for any letters ("cyber*"), or an
            actor's name from ``data/actors.yaml`` ("United States": all its forms).
        filters (dict or None, default None): column -> value or list of values to keep
            (``index.filters`` lists the columns and values); ``ANY`` keeps all.
        frame (str or None, default None): keep paragraphs holding an indicator of this frame.
        window (int, default 5): words of context on each side.
        collocates (int, default 15): how many collocates to list.

    Returns:
        A ``Result``. Counts are over the paragraphs kept by the filters; per_10k_words divides
        by their words.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> result = search(build_index(corpus), "community of common destiny")
    >>> result.kind, len(result.lines), int(result.lines.loc[0, "paragraph"])
    ('phrase', 1, 5)
    """
    started = time.perf_counter()
    query = query.strip()
    if not query:
        raise ValueError("search: the query is empty; type a word, a phrase, cyber* or an actor's name")
    keep = _kept(index, filters, frame)
    kept = index.paragraphs[keep]
    found = _lines(index, query, window, keep)
    context = [c for c in kept.columns if c not in ("n_words", *index.frames)]
    lines = found.merge(kept[context], on=["doc_id", "paragraph"], how="inner")
    lines = lines[[*context, "left", "match", "right", "start"]]
    by_group = _counts(lines, kept, index.by) if index.by else pd.DataFrame()
    by_period = _counts(lines, kept, [index.period]) if index.period else pd.DataFrame()
    return Result(query=query, kind=_kind(query), lines=lines.reset_index(drop=True), by_group=by_group,
                  by_period=by_period, collocates=_collocates(lines, query, collocates),
                  seconds=time.perf_counter() - started)


def _counts(lines: pd.DataFrame, kept: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Hits, documents with a hit and words per group of the kept paragraphs."""
    sizes = kept.groupby(columns, dropna=True).agg(words=("n_words", "sum"))
    hits = lines.groupby(columns, dropna=True).agg(hits=("match", "size"), documents=("doc_id", "nunique"))
    table = sizes.join(hits, how="left").fillna({"hits": 0, "documents": 0}).reset_index()
    table["hits"] = table["hits"].astype(int)
    table["documents"] = table["documents"].astype(int)
    table["per_10k_words"] = (10_000 * table["hits"] / table["words"].where(table["words"] > 0)).round(2)
    return table[[*columns, "hits", "documents", "words", "per_10k_words"]]


def _collocates(lines: pd.DataFrame, query: str, top: int) -> pd.DataFrame:
    """Content words in the context windows of the lines, by count (ties by word)."""
    stop = default_stopwords()
    plain = query.replace("*", "")
    own = set(tokenize(plain)) | set(tokenize(plain, phrases=()))   # the query's own words are not its collocates
    counted: Counter = Counter()
    for side in ("left", "right"):
        for text in lines[side]:
            counted.update(t for t in tokenize(text) if is_content(t, stop=stop) and t not in own)
    rows = sorted(counted.items(), key=lambda item: (-item[1], item[0]))[:top]
    return pd.DataFrame(rows, columns=["word", "count"])


def _concordance_html(lines: pd.DataFrame, limit: int = 200) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(str(r.doc_id))}</td><td>{r.paragraph}</td>"
        f"<td style=\"text-align:right\">{html.escape(r.left)}</td>"
        f"<td><b>{html.escape(r.match)}</b></td><td style=\"text-align:left\">{html.escape(r.right)}</td></tr>"
        for r in lines.head(limit).itertuples(index=False))
    more = f"<p>({len(lines) - limit} more lines)</p>" if len(lines) > limit else ""
    return ("<table class=\"fl-concordance\"><thead><tr><th>doc_id</th><th>paragraph</th><th>left</th>"
            f"<th>match</th><th>right</th></tr></thead><tbody>{rows}</tbody></table>{more}")


def _line_label(row) -> str:
    """One concordance line as the widget lists it: doc_id ¶paragraph: left [match] right."""
    return f"{row.doc_id} ¶{row.paragraph}: {row.left[-60:]:>60} [{row.match}] {row.right[:60]}"


class Explorer:
    """The widget ``explore`` shows: a query box, filters, the concordance (click a line to read
    its paragraph), counts, collocates and the highlighted paragraph."""

    def __init__(self, index: Index):
        import ipywidgets as w

        self.index, self.result = index, None
        self.query = w.Text(placeholder="word, phrase, cyber* or an actor (United States)",
                            description="Query", continuous_update=False,
                            layout=w.Layout(width="420px"))
        self.filters = {c: w.Dropdown(options=[ANY, *values], value=ANY, description=c,
                                      layout=w.Layout(width="260px"))
                        for c, values in index.filters.items()}
        self.frame = w.Dropdown(options=[ANY, *index.frames], value=ANY, description="frame",
                                layout=w.Layout(width="260px"))
        self.status = w.HTML(f"Index of {len(index.paragraphs):,} paragraphs built in {index.seconds:.2f} s. "
                             "Type a query and press Enter.")
        self.lines = w.Select(options=[], rows=12, layout=w.Layout(width="100%"))
        self.lines.add_class("fl-lines")
        self.style = w.HTML("<style>.fl-lines select{font-family:monospace;font-size:12px}</style>")
        self.counts = w.HTML()
        self.reading = w.HTML()
        self.reading.add_class("fl-reading")
        self.query.observe(self._run, names="value")
        for control in (*self.filters.values(), self.frame):
            control.observe(self._run, names="value")
        self.lines.observe(self._open, names="index")
        controls = w.HBox([self.query, self.frame, *self.filters.values()],
                          layout=w.Layout(flex_flow="row wrap"))
        self.box = w.VBox([self.style, controls, self.status, self.lines, self.counts, self.reading])
        self.box.add_class("fl-explorer")

    def _run(self, _change=None) -> None:
        if not self.query.value.strip():
            return
        try:
            self.result = search(self.index, self.query.value,
                                 filters={c: d.value for c, d in self.filters.items()}, frame=self.frame.value)
        except ValueError as error:
            self.status.value = f"<span style=\"color:#b00\">{html.escape(str(error))}</span>"
            return
        result = self.result
        self.status.value = (f"<b>{len(result.lines)}</b> line(s) for <b>{html.escape(result.query)}</b> "
                             f"({result.kind}), answered in {result.seconds:.2f} s; index built in "
                             f"{self.index.seconds:.2f} s. Click a line to read its paragraph.")
        self.lines.index = None
        shown = result.lines.head(MAX_LINES)
        self.lines.options = [(_line_label(r), i) for i, r in enumerate(shown.itertuples(index=False))]
        if len(result.lines) > MAX_LINES:
            self.status.value += (f" The first {MAX_LINES:,} lines are listed (all are counted): narrow the "
                                  "query or filter to see the others.")
        tables = [("Per group", result.by_group), ("Per period", result.by_period), ("Collocates", result.collocates)]
        self.counts.value = "<div style=\"display:flex;gap:24px;flex-wrap:wrap\">" + "".join(
            f"<div><b>{t}</b>{table.to_html(index=False)}</div>" for t, table in tables if len(table)) + "</div>"
        self.reading.value = ""

    def _open(self, change) -> None:
        if change["new"] is None or self.result is None:
            return
        row = self.result.lines.iloc[change["new"]]
        self.reading.value = framing.highlight(self.index.corpus, row["doc_id"], int(row["paragraph"]),
                                               codebook=self.index.codebook)._repr_html_()

    def _repr_mimebundle_(self, **kwargs):
        # The widget, and as plain text a line without timings (what a saved notebook keeps).
        bundle = self.box._repr_mimebundle_(**kwargs) or {}
        return {**bundle, "text/plain": repr(self)}

    def __repr__(self) -> str:
        return (f"Explorer: {len(self.index.paragraphs):,} paragraphs, filters {sorted(self.index.filters)}, "
                f"frames {self.index.frames} (open in JupyterLab to use it)")


def default_query(corpus, *, codebook=None) -> str:
    """A query that has lines in ``corpus``: the slogan's most used rendering (counted as
    ``framing.slogan_concordance`` counts), else the corpus's most frequent content word.

    >>> default_query(framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt"))
    'community of common destiny'

    Args:
        corpus (Corpus): a loaded corpus.
        codebook (Codebook or None, default None): None for framelab's default codebook.
    """
    codebook = framing.load_codebook() if codebook is None else codebook
    if "slogan" in codebook.frames:
        uses = framing.slogan_concordance(corpus, codebook=codebook, window=0)
        if len(uses):
            counts = uses["rendering"].value_counts()
            return str(counts[counts == counts.max()].sort_index().index[0])
    frequent = terms.frequencies(corpus, top=1)
    if frequent.empty:
        raise ValueError("the corpus has no content word to search for; give a query")
    return str(frequent["term"].iloc[0])


def explore(corpus, *, codebook=None, **options) -> Explorer:
    """An explorer widget for ``corpus`` in JupyterLab (see the module docstring).

    Args:
        corpus (Corpus): a loaded corpus.
        codebook (Codebook or None, default None): None for framelab's default codebook.
        **options: ``by`` and ``period`` for ``build_index``.

    >>> explorer = explore(framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt"))
    >>> explorer.query.value = "cyber*"   # as if typed: the lines appear
    >>> len(explorer.lines.options) == len(search(explorer.index, "cyber*").lines)
    True
    """
    return Explorer(build_index(corpus, codebook=codebook, **options))
