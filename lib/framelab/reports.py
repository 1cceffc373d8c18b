"""Report prose that stays true, and tables a reader can browse.

A reading written for one document is shown only when that document is in the corpus the notebook
ran on; everything else in a findings cell is computed. Long tables are shown whole, sortable and
searchable (``browse``), with no code fetched from the internet."""
from __future__ import annotations

import hashlib
import html

import pandas as pd

__all__ = ["reading", "browse", "Browsable", "change", "shape", "gap", "SEED_ARTICLE", "MAX_ROWS"]

#: ``browse`` writes at most this many rows into a notebook (the rest are counted, not shown).
MAX_ROWS = 2000

#: The seed article's doc_id (``seeds/000_3b2f7dccf8ea1ef8.txt``).
SEED_ARTICLE = "000_3b2f7dccf8ea1ef8"


def reading(corpus, text: str, *, doc_id: str = SEED_ARTICLE):
    """A written reading of one document, as Markdown, only if that document is in ``corpus``.

    Args:
        corpus (Corpus): the corpus the notebook ran on.
        text (str): the reading (Markdown), written by a person for that document.
        doc_id (str, default SEED_ARTICLE): the document the reading is about.

    Returns:
        An ``IPython.display.Markdown`` with the reading, headed by the document it is about; or,
        when the document is not in the corpus, one plain sentence saying the reading is left out.

    >>> corpus = framelab.load_corpus("seeds/un-general-debate", layout="plain")
    >>> reading(corpus, "The slogan does bridging work.")
    'A reading of document 000_3b2f7dccf8ea1ef8 is left out: that document is not in this corpus.'
    """
    if doc_id not in set(corpus.documents["doc_id"]):
        return f"A reading of document {doc_id} is left out: that document is not in this corpus."
    from IPython.display import Markdown

    return Markdown(f"**Reading of document `{doc_id}`** (written by reading it; shown because it is in "
                    f"this corpus):\n\n{text}")


_SCRIPT = """<script>(function(){var root=document.getElementById("%(id)s");if(!root)return;
var body=root.querySelector("tbody"),rows=Array.prototype.slice.call(body.rows),box=root.querySelector("input"),
count=root.querySelector(".fl-count"),order={};
function show(){var q=box.value.toLowerCase(),n=0;rows.forEach(function(r){var hit=!q||r.textContent.toLowerCase().indexOf(q)>=0;
r.style.display=hit?"":"none";if(hit)n++;});count.textContent=n+" of "+rows.length+" rows";}
box.addEventListener("input",show);
root.querySelectorAll("thead th").forEach(function(th,i){th.style.cursor="pointer";th.title="sort";
th.addEventListener("click",function(){var up=order[i]=!order[i];rows.sort(function(a,b){
var x=a.cells[i].textContent,y=b.cells[i].textContent,nx=parseFloat(x),ny=parseFloat(y);
var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);return up?c:-c;});
rows.forEach(function(r){body.appendChild(r);});});});show();})();</script>"""


class Browsable:
    """A table shown whole in a notebook: sortable (click a column), searchable (type in the box),
    scrollable. The HTML is the same for the same table (no random ids), so saved notebooks stay
    byte-stable; the script is inline (works offline, in JupyterLab and in exported HTML; a
    notebook opened untrusted shows the same table without sorting). ``table`` holds the data."""

    def __init__(self, table: pd.DataFrame, dropped: dict, hidden: int, caption: str | None):
        self.table, self.dropped, self.hidden, self.caption = table, dropped, hidden, caption

    def _notes(self) -> list[str]:
        notes = []
        if self.dropped:
            notes.append("same in every row: " + "; ".join(f"{k} = {v}" for k, v in self.dropped.items()))
        if self.hidden:
            notes.append(f"{self.hidden:,} more rows not shown (the table holds them all)")
        return notes

    def __repr__(self) -> str:
        notes = self._notes()
        with pd.option_context("display.max_rows", 20, "display.min_rows", 10, "display.width", 120):
            text = repr(self.table)
        return "\n".join(([self.caption] if self.caption else []) + [text] + [f"({n})" for n in notes])

    def _repr_html_(self) -> str:
        shown = self.table
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
        body = []
        for row in shown.itertuples(index=False):
            cells = []
            for value in row:
                text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
                cells.append(f"<td>{html.escape(text)}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        table = (f"<table class=\"dataframe\"><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
        ident = "fl-" + hashlib.sha1(table.encode()).hexdigest()[:12]
        notes = "".join(f"<div style=\"font-size:smaller\">({html.escape(n)})</div>" for n in self._notes())
        caption = f"<div><b>{html.escape(self.caption)}</b></div>" if self.caption else ""
        return (f'<div id="{ident}">{caption}<input type="search" placeholder="search rows" '
                f'style="margin:2px 0"> <span class="fl-count" style="font-size:smaller">{len(shown)} rows</span>'
                f'{notes}<div style="max-height:360px;overflow:auto">{table}</div></div>'
                + _SCRIPT % {"id": ident})


def browse(table: pd.DataFrame, *, caption: str | None = None, drop_constant: bool = True,
           max_rows: int = MAX_ROWS) -> Browsable:
    """Show a long table whole: sortable, searchable and scrollable, instead of ``head(10)``.

    Args:
        table (DataFrame): any table.
        caption (str or None, default None): a line above the table.
        drop_constant (bool, default True): leave out columns with one value in every row (of
            two rows or more) and say above the table what that value is.
        max_rows (int, default MAX_ROWS): rows written into the notebook; the number left out is
            said above the table.

    >>> shown = browse(pd.DataFrame({"doc_id": ["a", "b"], "unit": ["paragraph"] * 2, "score": [0.5, -0.1]}))
    >>> list(shown.table.columns), shown.dropped
    (['doc_id', 'score'], {'unit': 'paragraph'})
    """
    names_rows = isinstance(table.index, pd.MultiIndex) or table.index.name is not None or \
        not pd.api.types.is_integer_dtype(table.index)
    # An index that names the rows (doc_id, frame) becomes a column; row numbers left by a filter or sort do not.
    table = table.reset_index(drop=not names_rows)
    if isinstance(table.columns, pd.MultiIndex):
        table = table.copy()
        table.columns = [" ".join(str(part) for part in column if str(part)) for column in table.columns]
    dropped = {}
    if drop_constant and len(table) > 1:
        for column in table.columns:
            values = table[column]
            if column != "doc_id" and values.astype(str).nunique(dropna=False) == 1:
                dropped[column] = values.iloc[0]
        table = table.drop(columns=list(dropped))
    hidden = max(0, len(table) - max_rows)
    return Browsable(table.head(max_rows).reset_index(drop=True), dropped, hidden, caption)


def _interval_columns(table, value):
    stem = "mean" if value == "mean_score" else value
    low, high = f"{stem}_low", f"{stem}_high"
    return (low, high) if low in table.columns and table[low].notna().any() else (None, None)


def _apart(a, b, low, high) -> bool:
    """The two rows' intervals do not touch."""
    return a[low] > b[high] or a[high] < b[low]


def _too_few(*rows) -> bool:
    """A bootstrap over one document has no width: no interval statement can rest on it."""
    return any("documents" in row and row["documents"] < 2 for row in rows)


def _value_text(row, value, low, high, digits) -> str:
    text = f"{row[value]:.{digits}f}"
    return text + (f" [{row[low]:.{digits}f}, {row[high]:.{digits}f}]" if low else "")


def change(table, *, value: str, by=None, period=None, digits: int = 3) -> list[str]:
    """Sentences on how a value moved from the first to the last period, one per group.

    Args:
        table (DataFrame): a grouped table with a period column (``sentiment.by_group``,
            ``framing.profile`` of one frame, ...), with ``<value>_low``/``_high`` if it has intervals.
        value (str): the column described.
        by (str, list of str or None, default None): the group columns.
        period (str, list of int or None, default None): the period column.
        digits (int, default 3): decimals shown.

    Returns:
        One sentence per group: the value (and interval) in the first and in the last period, and
        whether the two intervals overlap ("intervals overlap": the change may be noise). Without
        a period, each group's value, said to be of one period.

    >>> table = pd.DataFrame({"country": ["A", "A"], "decade": ["1970s", "2020s"], "mean_score": [0.1, 0.3],
    ...                       "mean_low": [0.05, 0.25], "mean_high": [0.15, 0.35], "documents": [8, 5]})
    >>> change(table, value="mean_score", by="country", period="decade")
    ['A: 0.100 [0.050, 0.150] in 1970s (8 documents) -> 0.300 [0.250, 0.350] in 2020s (5 documents); up, intervals apart.']
    """
    from framelab.groups import group_columns

    keys = group_columns(by=by)
    when = group_columns(period=period)[0] if period is not None else None
    low, high = _interval_columns(table, value)
    docs = lambda row: (f" ({int(row['documents'])} document{'' if int(row['documents']) == 1 else 's'})"  # noqa: E731
                        if "documents" in row else "")
    if when is None:  # nothing to follow over time: each group's value
        rows = table.groupby(keys, sort=True) if keys else [("all documents", table)]
        return [f"{' / '.join(map(str, name)) if isinstance(name, tuple) else name}: "
                f"{_value_text(part.iloc[0], value, low, high, digits)}{docs(part.iloc[0])} (one period)."
                for name, part in rows if len(part)]
    out = []
    for name, part in (table.groupby(keys, sort=True) if keys else [("all", table)]):
        part = part.dropna(subset=[value]).sort_values(when, key=lambda c: c.astype(str))
        if len(part) < 2:
            continue
        first, last = part.iloc[0], part.iloc[-1]
        label = " / ".join(map(str, name)) if isinstance(name, tuple) else str(name)
        direction = "up" if last[value] > first[value] else "down" if last[value] < first[value] else "unchanged"
        overlap = ""
        if low and _too_few(first, last):
            overlap = ", one document in a period: no interval to compare"
        elif low:
            overlap = ", intervals apart" if _apart(first, last, low, high) else ", intervals overlap"
        out.append(f"{label}: {_value_text(first, value, low, high, digits)} in {first[when]}{docs(first)} -> "
                   f"{_value_text(last, value, low, high, digits)} in {last[when]}{docs(last)}; {direction}{overlap}.")
    return out


def shape(table, *, value: str, by=None, period, digits: int = 3) -> list[str]:
    """Sentences on the shape of a series over every period, one per group: its lowest and highest
    period, and where the last period stands against the highest (first against last hides a peak
    in between).

    Args:
        table (DataFrame): a grouped table with a period column, as for ``change``.
        value (str): the column described.
        by (str, list of str or None, default None): the group columns.
        period (str or list of int): the period column (``groups.group_columns(period=...)``).
        digits (int, default 3): decimals shown.

    Returns:
        One sentence per group with at least three periods: lowest and highest value (with
        intervals where the table has them) and, unless the last period is the highest, whether
        the last is below the peak with intervals apart or overlapping. Groups with fewer periods
        are said to be too short for a shape.

    >>> table = pd.DataFrame({"country": "A", "decade": ["1970s", "1980s", "1990s"], "share": [0.2, 0.5, 0.3]})
    >>> shape(table, value="share", by="country", period="decade")
    ['A: lowest 0.200 in 1970s, highest 0.500 in 1980s; 0.300 in the last period (1990s): below the peak.']
    """
    from framelab.groups import group_columns

    keys = group_columns(by=by)
    when = group_columns(period=period)[0]
    low, high = _interval_columns(table, value)
    out = []
    for name, part in (table.groupby(keys, sort=True) if keys else [("all", table)]):
        label = " / ".join(map(str, name)) if isinstance(name, tuple) else str(name)
        part = part.dropna(subset=[value]).sort_values(when, key=lambda c: c.astype(str)).reset_index(drop=True)
        if len(part) < 3:
            out.append(f"{label}: {len(part)} period(s), too few for a shape.")
            continue
        lowest, highest, last = part.loc[part[value].idxmin()], part.loc[part[value].idxmax()], part.iloc[-1]
        text = (f"{label}: lowest {_value_text(lowest, value, low, high, digits)} in {lowest[when]}, highest "
                f"{_value_text(highest, value, low, high, digits)} in {highest[when]}")
        if last[when] == highest[when]:
            text += "; the last period is the highest."
        else:
            where = ""
            if low and not _too_few(highest, last):
                where = ", intervals apart" if _apart(highest, last, low, high) else ", intervals overlap"
            text += (f"; {_value_text(last, value, low, high, digits)} in the last period ({last[when]}): "
                     f"below the peak{where}.")
        out.append(text)
    return out


def gap(table, *, value: str, by, target, reference, period=None, digits: int = 3) -> list[str]:
    """Sentences comparing two groups period by period: which is higher, and whether their intervals overlap.

    Args:
        table (DataFrame): a grouped table (see ``change``).
        value (str): the column compared.
        by (str): the group column.
        target (str): one group.
        reference (str): the other group.
        period (str, list of int or None, default None): the period column (None: one comparison).
        digits (int, default 3): decimals shown.

    Returns:
        One sentence per period in which both groups have a value.

    >>> table = pd.DataFrame({"country": ["A", "B"], "mean_score": [0.1, 0.3],
    ...                       "mean_low": [0.05, 0.2], "mean_high": [0.15, 0.4]})
    >>> gap(table, value="mean_score", by="country", target="A", reference="B")
    ['all: A 0.100 [0.050, 0.150] < B 0.300 [0.200, 0.400] (intervals apart)']
    """
    from framelab.groups import group_columns

    when = group_columns(period=period)[0] if period is not None else None
    low, high = _interval_columns(table, value)
    parts = table.groupby(when, sort=True) if when else [("all", table)]
    out = []
    for name, part in parts:
        rows = part.set_index(by)
        if target not in rows.index or reference not in rows.index:
            continue
        a, b = rows.loc[target], rows.loc[reference]
        sign = ">" if a[value] > b[value] else "<" if a[value] < b[value] else "="
        note = ""
        if low and _too_few(a, b):
            note = " (one document in a group: no interval to compare)"
        elif low:
            note = " (intervals apart)" if _apart(a, b, low, high) else " (intervals overlap)"
        out.append(f"{name}: {target} {_value_text(a, value, low, high, digits)} {sign} {reference} "
                   f"{_value_text(b, value, low, high, digits)}{note}")
    return out
