"""Groups of documents to compare: metadata columns (``by=``) and time bins from the date (``period=``).

Every analysis that aggregates takes the same two options: ``by="country"`` or
``by=["country", "outlet"]`` (columns of ``corpus.documents``), and ``period="year"``, ``"month"``,
``"quarter"``, ``"decade"`` or a list of bin edges in years (``[1971, 1990, 2013, 2025]``: 1971–1989,
1990–2012, 2013–2024). ``assign`` returns one row per document with its group columns.
"""
from __future__ import annotations

import warnings

import pandas as pd

from framelab import checks

__all__ = ["assign", "attach", "summary", "comparison", "group_columns", "PERIODS"]

PERIODS = ("year", "month", "quarter", "decade")
#: The date precision each period needs (a year-only date cannot go into a month).
_NEEDS = {"year": {"year", "month", "day"}, "decade": {"year", "month", "day"},
          "quarter": {"month", "day"}, "month": {"month", "day"}}


def _period_name(period) -> str:
    return period if isinstance(period, str) else "period"


def group_columns(*, by=None, period=None) -> list[str]:
    """The names of the group columns ``assign`` makes for ``by`` and ``period``.

    Args:
        by (str, list of str or None, default None): metadata column(s).
        period (str, list of int or None, default None): a time bin of the date.

    >>> group_columns(by="country", period="decade")
    ['country', 'decade']
    """
    columns = [] if by is None else ([by] if isinstance(by, str) else list(by))
    if period is not None:
        columns.append(_period_name(period))
    return columns


def _check_period(where: str, period) -> None:
    if period is None or period in PERIODS:
        return
    if isinstance(period, (list, tuple)) and len(period) >= 2 and all(isinstance(p, int) for p in period) \
            and list(period) == sorted(set(period)):
        return
    raise checks.invalid_value(where, "period", period, "None, 'year', 'month', 'quarter', 'decade' or "
                               "increasing bin edges in years such as [1971, 1990, 2025]")


def _bin(dates: pd.Series, period) -> pd.Series:
    if period == "year":
        return dates.dt.year.astype("Int64")
    if period == "decade":
        return (dates.dt.year // 10 * 10).astype("Int64").map(lambda d: pd.NA if pd.isna(d) else f"{d}s")
    if period == "month":
        return dates.dt.strftime("%Y-%m").where(dates.notna(), None)
    if period == "quarter":
        return (dates.dt.year.astype("Int64").astype(str) + "Q" + dates.dt.quarter.astype("Int64").astype(str)).where(
            dates.notna(), None)
    edges = list(period)
    labels = [f"{a}–{b - 1}" for a, b in zip(edges, edges[1:])]
    return pd.cut(dates.dt.year, bins=edges, right=False, labels=labels).astype(object).where(
        dates.notna() & dates.dt.year.between(edges[0], edges[-1] - 1), None)


def assign(corpus, *, by=None, period=None, where: str = "assign") -> pd.DataFrame:
    """One row per document: doc_id, n_words and its group columns.

    Documents without a date (or whose date is less precise than the period needs, such as a
    year-only date for ``period="month"``), or outside the bins, get no period and are left out
    of period comparisons, with a warning saying how many.

    Args:
        corpus (Corpus): a loaded corpus.
        by (str, list of str or None, default None): columns of ``corpus.documents``.
        period (str, list of int or None, default None): "year", "month", "quarter", "decade" or
            bin edges in years.
        where (str, default "assign"): the calling function's name, for messages.

    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain",
    ...                               filename_pattern="{country}_{session}_{year}")
    >>> assign(corpus, by="country", period="decade").head(2).values.tolist()
    [['CHN_01_1946', 2946, 'CHN', '1940s'], ['CHN_02_1947', 1238, 'CHN', '1940s']]
    """
    checks.Columns().check(where, "by", by)
    _check_period(where, period)
    documents = corpus.documents
    columns = [] if by is None else ([by] if isinstance(by, str) else list(by))
    missing = [c for c in columns if c not in documents.columns]
    if missing:
        raise checks.invalid_value(where, "by", by, f"column(s) of corpus.documents: {list(documents.columns)}")
    table = documents[["doc_id", "n_words", *[c for c in columns if c != "doc_id"]]].copy()
    if period is not None:
        name = _period_name(period)
        if name in table.columns:
            raise checks.invalid_value(where, "period", period, f"a period whose column {name!r} is not also in by=")
        binned = _bin(documents["date"], period)
        if isinstance(period, str) and "date_precision" in documents.columns:
            too_coarse = documents["date"].notna() & ~documents["date_precision"].isin(_NEEDS[period])
            binned = binned.where(~too_coarse, None)
        table[name] = binned.to_numpy()
        lost = int(table[name].isna().sum())
        if lost:
            warnings.warn(f"{where}: {lost} of {len(table)} document(s) have no {name} (no date, a date less "
                          f"precise than a {name}, or outside the bins) and are left out of the comparison",
                          UserWarning, stacklevel=3)
            table = table[table[name].notna()]
    return table.reset_index(drop=True)


def summary(corpus, *, by=None, period=None) -> pd.DataFrame:
    """The groups a comparison would have: one row per group with its documents and words.

    Args:
        corpus (Corpus): a loaded corpus.
        by (str, list of str or None, default None): columns of ``corpus.documents``.
        period (str, list of int or None, default None): a time bin of the date.

    Returns:
        The group columns, documents, words; sorted by group. Without ``by`` and ``period``, one
        row for the whole corpus. A column missing from the corpus is an error listing the
        columns it has.

    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain",
    ...                               filename_pattern="{country}_{session}_{year}")
    >>> summary(corpus, by="country")[["country", "documents"]].values.tolist()
    [['CHN', 78], ['USA', 79]]
    """
    keys = group_columns(by=by, period=period)
    table = assign(corpus, by=by, period=period, where="summary")
    if not keys:
        return pd.DataFrame({"documents": [len(table)], "words": [int(table["n_words"].sum())]})
    return (table.groupby(keys, sort=True).agg(documents=("doc_id", "size"), words=("n_words", "sum"))
            .reset_index())


def attach(table: pd.DataFrame, corpus, *, by=None, period=None) -> pd.DataFrame:
    """A table of documents, paragraphs or sentences with its group columns beside ``doc_id``.

    Args:
        table (DataFrame): any table with a ``doc_id`` column (scores, coded paragraphs, KWIC lines).
        corpus (Corpus): the corpus the table comes from.
        by (str, list of str or None, default None): metadata column(s) to add.
        period (str, list of int or None, default None): a time bin of the date to add.

    Returns:
        The same rows in the same order, with the group columns inserted right after ``doc_id``
        (a column the table already has is not added again). Rows of documents without a period
        keep an empty period; none is dropped.

    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain",
    ...                               filename_pattern="{country}_{session}_{year}")
    >>> attach(corpus.paragraphs.head(1), corpus, by="country", period="decade").columns[:3].tolist()
    ['doc_id', 'country', 'decade']
    """
    if "doc_id" not in table.columns:
        raise checks.invalid_value("attach", "table", list(table.columns), "a table with a doc_id column")
    keys = [k for k in group_columns(by=by, period=period) if k not in table.columns]
    if not keys:
        return table
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # documents without a period keep an empty cell here: nothing is dropped
        documents = corpus.documents
        assigned = documents[["doc_id"]].copy()
        columns = [] if by is None else ([by] if isinstance(by, str) else list(by))
        for column in columns:
            if column not in documents.columns:
                raise checks.invalid_value("attach", "by", by, f"column(s) of corpus.documents: {list(documents.columns)}")
            assigned[column] = documents[column].to_numpy()
        if period is not None:
            _check_period("attach", period)
            binned = _bin(documents["date"], period)
            if isinstance(period, str) and "date_precision" in documents.columns:
                binned = binned.where(~(documents["date"].notna() & ~documents["date_precision"].isin(_NEEDS[period])), None)
            assigned[_period_name(period)] = binned.to_numpy()
    values = table[["doc_id"]].merge(assigned, on="doc_id", how="left")
    out = table.copy()
    position = list(out.columns).index("doc_id") + 1
    for offset, key in enumerate(keys):
        out.insert(position + offset, key, values[key].to_numpy())
    return out


def comparison(corpus, *, by=None, period=None) -> tuple:
    """What a corpus lets a notebook compare: ``(by, period, note)``.

    ``by`` is kept when every column exists and holds two or more values, ``period`` when the
    dated documents fall into two or more bins; otherwise each becomes None and ``note`` says
    why in one sentence for the reader (empty when both are kept as asked).

    Args:
        corpus (Corpus): a loaded corpus.
        by (str, list of str or None, default None): the metadata column(s) asked for.
        period (str, list of int or None, default None): the time bin asked for.

    >>> corpus = framelab.load_corpus("seeds/000_3b2f7dccf8ea1ef8.txt")
    >>> comparison(corpus, by="outlet", period="year")
    (None, None, "One value of 'outlet' (Xinhua): no groups to compare. One year (2015): no periods to compare.")
    """
    import warnings

    notes = []
    documents = corpus.documents
    columns = group_columns(by=by)
    if columns:
        missing = [c for c in columns if c not in documents.columns]
        if missing:
            notes.append(f"No column {', '.join(map(repr, missing))} in this corpus (it has: "
                         f"{', '.join(c for c in documents.columns if c not in ('text', 'raw_text'))}): "
                         "no groups to compare.")
            by = None
        else:
            values = documents[columns].dropna().drop_duplicates()
            if len(values) < 2:
                shown = ", ".join(" / ".join(map(str, v)) for v in values.itertuples(index=False)) or "none"
                notes.append(f"{'One value' if len(values) == 1 else 'No value'} of {' / '.join(map(repr, columns))} "
                             f"({shown}): no groups to compare.")
                by = None
    if period is not None:
        _check_period("comparison", period)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bins = assign(corpus, period=period, where="comparison")
        name = _period_name(period)
        found = sorted(bins[name].dropna().unique(), key=str)
        if len(found) < 2:
            notes.append(f"{'One' if found else 'No'} {name}{' (' + str(found[0]) + ')' if found else ''}: "
                         "no periods to compare.")
            period = None
    return by, period, " ".join(notes)
